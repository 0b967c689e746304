/* sheaf-types.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _SheafFrontmatter  SheafFrontmatter;
typedef struct _SheafProperty     SheafProperty;
typedef struct _SheafParseResult  SheafParseResult;
typedef struct _SheafNote         SheafNote;
typedef struct _SheafVault        SheafVault;

/* A half-open byte range [start, end) into a note's text. */
typedef struct
{
  gsize start;
  gsize end;
} SheafSpan;

typedef enum
{
  SHEAF_LINK_WIKILINK,
  SHEAF_LINK_EMBED,
  SHEAF_LINK_MARKDOWN,
} SheafLinkKind;

typedef enum
{
  SHEAF_RESOLUTION_UNRESOLVED,
  SHEAF_RESOLUTION_EXACT,
  SHEAF_RESOLUTION_FOLDER,
  SHEAF_RESOLUTION_SHORTEST,
  SHEAF_RESOLUTION_RELATIVE,
  SHEAF_RESOLUTION_ALIAS,
  SHEAF_RESOLUTION_SELF,
  SHEAF_RESOLUTION_OUTSIDE,
} SheafResolution;

typedef enum
{
  SHEAF_FOLD_NONE,
  SHEAF_FOLD_OPEN,
  SHEAF_FOLD_CLOSED,
} SheafCalloutFold;

typedef enum
{
  SHEAF_VALUE_NULL,
  SHEAF_VALUE_BOOLEAN,
  SHEAF_VALUE_INTEGER,
  SHEAF_VALUE_FLOAT,
  SHEAF_VALUE_DATE,
  SHEAF_VALUE_STRING,
  SHEAF_VALUE_LIST,
  SHEAF_VALUE_MAPPING,
} SheafValueType;

/* Legacy frontmatter forms that are read but flagged by --check. */
typedef enum
{
  SHEAF_LEGACY_NONE           = 0,
  SHEAF_LEGACY_TAGS_STRING    = 1 << 0, /* tags: a, b   (a string, not a list) */
  SHEAF_LEGACY_TAG_KEY        = 1 << 1, /* tag: …                              */
  SHEAF_LEGACY_ALIASES_STRING = 1 << 2, /* aliases: a, b                       */
  SHEAF_LEGACY_ALIAS_KEY      = 1 << 3, /* alias: …                            */
} SheafLegacyFlags;

const char *sheaf_link_kind_to_string  (SheafLinkKind    kind);
const char *sheaf_resolution_to_string (SheafResolution  resolution);
const char *sheaf_fold_to_string       (SheafCalloutFold fold);

G_END_DECLS
