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

const SheafCalloutStyle *sheaf_callout_lookup_style   (const char *type);
char                    *sheaf_callout_canonical_type (const char *type);
char                    *sheaf_callout_default_title  (const char *type);

G_END_DECLS
