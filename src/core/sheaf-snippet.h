/* sheaf-snippet.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sheaf-types.h"

G_BEGIN_DECLS

/* A line of a note as it reads, for lists of context (backlinks, unlinked
 * mentions): the Markdown parsed, its syntax dropped, and what is left as plain
 * text with runs of style — and one span of the source, the link or mention
 * the line is shown for, marked. Long lines become a window around the mark. */

typedef enum
{
  SHEAF_SNIPPET_STRONG    = 1 << 0,
  SHEAF_SNIPPET_EMPH      = 1 << 1,
  SHEAF_SNIPPET_CODE      = 1 << 2,
  SHEAF_SNIPPET_LINK      = 1 << 3,
  SHEAF_SNIPPET_HIGHLIGHT = 1 << 4,
  SHEAF_SNIPPET_STRIKE    = 1 << 5,
  SHEAF_SNIPPET_MARK      = 1 << 6,   /* what the line is shown for */
} SheafSnippetStyle;

typedef struct
{
  guint             start;   /* byte offsets into the snippet's text */
  guint             end;
  SheafSnippetStyle style;
} SheafSnippetRun;

typedef struct
{
  char            *text;     /* plain, valid UTF-8, one line */
  SheafSnippetRun *runs;     /* in order, not overlapping    */
  guint            n_runs;
} SheafSnippet;

SheafSnippet *sheaf_snippet_new  (const char *line,
                                  gsize       length,
                                  SheafSpan   mark,
                                  guint       max_chars);
void          sheaf_snippet_free (SheafSnippet *snippet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafSnippet, sheaf_snippet_free)

G_END_DECLS
