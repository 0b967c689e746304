/* sheaf-callout.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-types.h"

G_BEGIN_DECLS

/* The 13 callout types of DESIGN.md §3: their aliases, colours and icons. */
typedef struct
{
  const char *type;         /* canonical name, "note"                   */
  const char *light_color;  /* "#086ddd"                                */
  const char *dark_color;   /* "#027aff"                                */
  const char *icon_name;    /* "sheaf-callout-note-symbolic"            */
} SheafCalloutStyle;

/* Never NULL: unknown types (and NULL) get note's style. */
const SheafCalloutStyle *sheaf_callout_lookup_style   (const char *type);
/* Lower-cased canonical name: "TLDR" → "abstract", "MyType" → "mytype". */
char                    *sheaf_callout_canonical_type (const char *type);
/* The type as written with a capital first letter: "faq" → "Faq". */
char                    *sheaf_callout_default_title  (const char *type);
/* The 13 canonical types, in DESIGN order; @n_styles receives 13. */
const SheafCalloutStyle *sheaf_callout_get_styles     (guint      *n_styles);

G_END_DECLS
