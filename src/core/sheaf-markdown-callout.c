/* sheaf-markdown-callout.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-markdown"

#include "config.h"

#include <cmark-gfm/node.h>

#include "sheaf-callout.h"
#include "sheaf-markdown-private.h"

/* Callouts: a blockquote whose first paragraph opens with "[!type|meta]+ title".
 * The header is cut from the inlines, the rest of its line becomes a title
 * block, and the blockquote gets a SheafCallout. */

/* "[!type|meta]+ title" at the start of a blockquote's first paragraph. */
static gboolean
parse_callout_header (Ctx          *ctx,
                      SheafCallout *callout,
                      gsize        *header_len,
                      char        **written_type)
{
  const char *c = ctx->content;
  gsize ls, le, i, type_end, meta_start = 0, meta_end = 0;

  _sheaf_markdown_content_line (ctx, 0, &ls, &le);
  if (le - ls < 4 || c[0] != '[' || c[1] != '!')
    return FALSE;

  for (i = 2; i < le && c[i] != ']' && c[i] != '|'; i++)
    ;
  type_end = i;
  if (type_end == 2 || i == le)
    return FALSE;
  if (c[i] == '|')
    {
      meta_start = i + 1;
      for (i = meta_start; i < le && c[i] != ']'; i++)
        ;
      if (i == le)
        return FALSE;
      meta_end = i;
    }
  i++; /* ']' */

  callout->fold = SHEAF_FOLD_NONE;
  if (i < le && c[i] == '+')
    callout->fold = SHEAF_FOLD_OPEN, i++;
  else if (i < le && c[i] == '-')
    callout->fold = SHEAF_FOLD_CLOSED, i++;
  while (i < le && (c[i] == ' ' || c[i] == '\t'))
    i++;

  *written_type = g_strndup (c + 2, type_end - 2);
  callout->meta = meta_start > 0 ?
                  _sheaf_markdown_intern (ctx, c + meta_start, meta_end - meta_start) : NO_STRING;
  *header_len = i;

  return TRUE;
}

/* Moves the callout's first line into its title block. */
static cmark_node *
split_callout_title (Ctx        *ctx,
                     cmark_node *paragraph)
{
  cmark_node *title = _sheaf_markdown_new_node (ctx, ctx->syn->callout_title);
  cmark_node *child;

  _sheaf_markdown_copy_position (title, paragraph);
  title->end_line = title->start_line;
  _sheaf_markdown_raw_insert_before (paragraph, title);

  while ((child = paragraph->first_child) != NULL)
    {
      if (child->type == CMARK_NODE_SOFTBREAK || child->type == CMARK_NODE_LINEBREAK)
        {
          cmark_node_free (child);
          break;
        }
      cmark_node_unlink (child);
      _sheaf_markdown_raw_append_child (title, child);
    }

  return title;
}

/* Whether the current block, the first paragraph of a blockquote, opens a
 * callout: its header must be plain text, all in the first text segment. */
gboolean
_sheaf_markdown_parse_callout (Ctx           *ctx,
                               SheafCallout  *callout,
                               gsize         *header_len,
                               char         **written_type)
{
  if (!parse_callout_header (ctx, callout, header_len, written_type))
    return FALSE;
  if (_sheaf_markdown_first_segment_covers (ctx, *header_len))
    return TRUE;

  g_clear_pointer (written_type, g_free);

  return FALSE;
}

/* Records the callout of blockquote @quote, once its header is cut. */
void
_sheaf_markdown_add_callout (Ctx          *ctx,
                             cmark_node   *quote,
                             SheafCallout *callout,
                             const char   *written_type)
{
  char *canonical = sheaf_callout_canonical_type (written_type);

  callout->type = _sheaf_markdown_intern (ctx, canonical, -1);
  g_free (canonical);
  callout->depth = ctx->quote_depth;
  callout->line = _sheaf_markdown_file_line (ctx, quote->start_line);
  g_array_append_val (ctx->callouts, *callout);
  _sheaf_markdown_node_info (ctx, quote)->callout = ctx->callouts->len - 1;
}

/* After the tokens of @paragraph are scanned: moves its first line into the
 * title block and gives the callout its title, the default one when the line
 * shows nothing. */
void
_sheaf_markdown_finish_callout (Ctx        *ctx,
                                cmark_node *paragraph,
                                const char *written_type)
{
  GString *text = g_string_new (NULL);
  SheafCallout *fact = &g_array_index (ctx->callouts, SheafCallout, ctx->callouts->len - 1);
  cmark_node *title;

  title = split_callout_title (ctx, paragraph);
  _sheaf_markdown_collect_facts (ctx, title);
  _sheaf_markdown_append_plain (ctx, text, title);
  g_strstrip (text->str);
  if (text->str[0] == '\0')
    {
      g_autofree char *shown = sheaf_callout_default_title (written_type);

      while (title->first_child != NULL)
        cmark_node_free (title->first_child);
      _sheaf_markdown_raw_append_child (title, _sheaf_markdown_new_text (ctx, shown));
      fact->title = _sheaf_markdown_intern (ctx, shown, -1);
    }
  else
    {
      fact->title = _sheaf_markdown_intern (ctx, text->str, -1);
    }
  g_string_free (text, TRUE);
}
