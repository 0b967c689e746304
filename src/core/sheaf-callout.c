/* sheaf-callout.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-callout"

#include "config.h"

#include <string.h>

#include "sheaf-callout.h"

/* DESIGN.md §3. The order matters only for sheaf_callout_get_styles(). */
static const SheafCalloutStyle styles[] = {
  { "note",     "#086ddd", "#027aff", "sheaf-callout-note-symbolic" },
  { "abstract", "#00bfbc", "#53dfdd", "sheaf-callout-abstract-symbolic" },
  { "info",     "#086ddd", "#027aff", "sheaf-callout-info-symbolic" },
  { "todo",     "#086ddd", "#027aff", "sheaf-callout-todo-symbolic" },
  { "tip",      "#00bfbc", "#53dfdd", "sheaf-callout-tip-symbolic" },
  { "success",  "#08b94e", "#44cf6e", "sheaf-callout-success-symbolic" },
  { "question", "#ec7500", "#e9973f", "sheaf-callout-question-symbolic" },
  { "warning",  "#ec7500", "#e9973f", "sheaf-callout-warning-symbolic" },
  { "failure",  "#e93147", "#fb464c", "sheaf-callout-failure-symbolic" },
  { "danger",   "#e93147", "#fb464c", "sheaf-callout-danger-symbolic" },
  { "bug",      "#e93147", "#fb464c", "sheaf-callout-bug-symbolic" },
  { "example",  "#7852ee", "#a882ff", "sheaf-callout-example-symbolic" },
  { "quote",    "#9e9e9e", "#9e9e9e", "sheaf-callout-quote-symbolic" },
};

static const struct
{
  const char *alias;
  const char *type;
} aliases[] = {
  { "summary",   "abstract" },
  { "tldr",      "abstract" },
  { "hint",      "tip" },
  { "important", "tip" },
  { "check",     "success" },
  { "done",      "success" },
  { "help",      "question" },
  { "faq",       "question" },
  { "caution",   "warning" },
  { "attention", "warning" },
  { "fail",      "failure" },
  { "missing",   "failure" },
  { "error",     "danger" },
  { "cite",      "quote" },
};

/* Only ASCII names can match the table, so an ASCII fold is enough here and
 * avoids a Unicode case-fold allocation for every callout. */
static const char *
canonical_static (const char *type)
{
  g_assert (type != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_ascii_strcasecmp (type, styles[i].type) == 0)
      return styles[i].type;

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (type, aliases[i].alias) == 0)
      return aliases[i].type;

  return NULL;
}

const SheafCalloutStyle *
sheaf_callout_lookup_style (const char *type)
{
  const char *canonical;

  if (type == NULL)
    return &styles[0];

  canonical = canonical_static (type);
  if (canonical != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
        if (styles[i].type == canonical)
          return &styles[i];
    }

  return &styles[0];
}

char *
sheaf_callout_canonical_type (const char *type)
{
  const char *canonical;

  g_return_val_if_fail (type != NULL, NULL);

  canonical = canonical_static (type);
  if (canonical != NULL)
    return g_strdup (canonical);

  if (!g_utf8_validate (type, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (type, -1);

      return g_utf8_strdown (valid, -1);
    }

  return g_utf8_strdown (type, -1);
}

char *
sheaf_callout_default_title (const char *type)
{
  g_autofree char *valid = NULL;
  gunichar first;
  const char *rest;
  char buf[8];
  int n;

  g_return_val_if_fail (type != NULL, NULL);

  if (!g_utf8_validate (type, -1, NULL))
    type = valid = g_utf8_make_valid (type, -1);

  if (*type == '\0')
    return g_strdup ("");

  first = g_utf8_get_char (type);
  rest = g_utf8_next_char (type);
  n = g_unichar_to_utf8 (g_unichar_totitle (first), buf);

  return g_strdup_printf ("%.*s%s", n, buf, rest);
}

const SheafCalloutStyle *
sheaf_callout_get_styles (guint *n_styles)
{
  if (n_styles != NULL)
    *n_styles = G_N_ELEMENTS (styles);

  return styles;
}
