/* sheaf-markdown-blocks.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-markdown"

#include "config.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm/node.h>

#include "sheaf-markdown-private.h"

/* The walk over the blocks, and what each block holds: headings, links written
 * in Markdown, block ids, task items, and comments or math fenced around whole
 * blocks. Callouts are in sheaf-markdown-callout.c. */

/* cmark-gfm's extension library defines these but no header declares them. */
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;

/* Facts of one block */

/* The node after @node in a walk of @root's descendants, without entering
 * @node's children. */
static cmark_node *
next_skipping_children (cmark_node *root,
                        cmark_node *node)
{
  while (node != root && node->next == NULL)
    node = node->parent;

  return node == root ? NULL : node->next;
}

void
_sheaf_markdown_append_plain (Ctx        *ctx,
                              GString    *out,
                              cmark_node *root)
{
  cmark_node *node = root->first_child;

  while (node != NULL)
    {
      cmark_node_type type = node->type;
      gboolean descend = TRUE;

      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)
        {
          g_string_append (out, cmark_node_get_literal (node));
          descend = FALSE;
        }
      else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
        {
          g_string_append_c (out, ' ');
        }
      else if (type == ctx->syn->math)
        {
          g_string_append (out, cmark_node_get_string_content (node));
        }
      else if (type == ctx->syn->comment || type == CMARK_NODE_HTML_INLINE)
        {
          descend = FALSE;
        }

      if (descend && node->first_child != NULL)
        node = node->first_child;
      else
        node = next_skipping_children (root, node);
    }
}

static gboolean
has_uri_scheme (const char *url)
{
  const char *p = url;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;

  return *p == ':';
}

static char *
intern_unescaped_uri (Ctx        *ctx,
                      const char *s,
                      gsize       len)
{
  g_autofree char *decoded = g_uri_unescape_segment (s, s + len, NULL);

  /* "%zz" or an escaped NUL: keep the text as written. */
  if (decoded == NULL)
    return _sheaf_markdown_intern (ctx, s, len);

  return _sheaf_markdown_intern (ctx, decoded, -1);
}

static void
add_markdown_link (Ctx        *ctx,
                   cmark_node *node)
{
  const char *url = cmark_node_get_url (node);
  const char *hash;
  SheafLink link = { 0 };
  GString *display;
  gsize s, e;
  guint line;

  if (url == NULL || *url == '\0' || has_uri_scheme (url))
    return;

  hash = strchr (url, '#');
  link.kind = node->type == CMARK_NODE_IMAGE ? SHEAF_LINK_EMBED : SHEAF_LINK_MARKDOWN;
  link.target = intern_unescaped_uri (ctx, url, hash ? (gsize) (hash - url) : strlen (url));
  if (hash != NULL && hash[1] != '\0')
    link.fragment = intern_unescaped_uri (ctx, hash + 1, strlen (hash + 1));

  display = g_string_new (NULL);
  _sheaf_markdown_append_plain (ctx, display, node);
  link.display = _sheaf_markdown_intern (ctx, display->str, display->len);
  g_string_free (display, TRUE);

  if (_sheaf_markdown_position_to_content (ctx, node->start_line, node->start_column, &s) &&
      _sheaf_markdown_position_to_content (ctx, node->end_line, node->end_column, &e) &&
      e >= s && _sheaf_markdown_content_span (ctx, s, e + 1, &link.span, &line))
    {
      link.line = line;
      link.raw = _sheaf_markdown_intern (ctx, ctx->body + link.span.start - ctx->body_offset,
                                         link.span.end - link.span.start);
    }
  else
    {
      link.line = _sheaf_markdown_file_line (ctx, node->start_line);
      link.span.start = link.span.end = ctx->body_start;
      link.raw = _sheaf_markdown_intern (ctx, url, -1);
    }

  g_array_append_val (ctx->links, link);
  _sheaf_markdown_node_info (ctx, node)->link = ctx->links->len - 1;
}

/* Moves the facts of the nodes made while scanning into the result, in
 * document order, and notes links written in Markdown. */
void
_sheaf_markdown_collect_facts (Ctx        *ctx,
                               cmark_node *root)
{
  cmark_node *node = root->first_child;

  while (node != NULL)
    {
      cmark_node_type type = node->type;

      if (type == ctx->syn->wikilink || type == ctx->syn->tag)
        {
          guint pending = GPOINTER_TO_UINT (cmark_node_get_user_data (node));

          cmark_node_set_user_data (node, NULL);
          if (type == ctx->syn->wikilink)
            {
              g_array_append_val (ctx->links, g_array_index (ctx->pending_links, SheafLink, pending - 1));
              _sheaf_markdown_node_info (ctx, node)->link = ctx->links->len - 1;
            }
          else
            {
              g_array_append_val (ctx->tags, g_array_index (ctx->pending_tags, SheafTag, pending - 1));
              _sheaf_markdown_node_info (ctx, node)->tag = ctx->tags->len - 1;
            }
          /* Their text children say nothing more. */
          node = next_skipping_children (root, node);
          continue;
        }

      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
        add_markdown_link (ctx, node);

      if (node->first_child != NULL)
        node = node->first_child;
      else
        node = next_skipping_children (root, node);
    }
}

static void
add_block_id (Ctx        *ctx,
              cmark_node *target,
              const char *id,
              gsize       len)
{
  SheafBlockId block_id;

  block_id.id = _sheaf_markdown_intern (ctx, id, len);
  block_id.line = _sheaf_markdown_file_line (ctx, target->start_line);
  g_array_append_val (ctx->block_ids, block_id);
  _sheaf_markdown_node_info (ctx, target)->block_id = ctx->block_ids->len - 1;
}

static inline gboolean
is_block_id_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

/* " ^id" ending the block: cut it from the inlines, return where it is. */
static gboolean
strip_trailing_block_id (Ctx   *ctx,
                         gsize *id_start,
                         gsize *id_end)
{
  const char *c = ctx->content;
  gsize ls, le, j, cut;
  gint last = -1;
  Segment *sg;

  _sheaf_markdown_content_line (ctx, _sheaf_markdown_n_content_lines (ctx) - 1, &ls, &le);
  while (le > ls && (c[le - 1] == ' ' || c[le - 1] == '\t'))
    le--;
  j = le;
  while (j > ls && is_block_id_char (c[j - 1]))
    j--;
  if (j == le || j == ls || c[j - 1] != '^')
    return FALSE;
  cut = j - 1;
  if (cut > ls && c[cut - 1] != ' ' && c[cut - 1] != '\t')
    return FALSE;
  while (cut > ls && (c[cut - 1] == ' ' || c[cut - 1] == '\t'))
    cut--;

  for (guint i = 0; i < ctx->segments->len; i++)
    {
      sg = _sheaf_markdown_segment (ctx, i);
      if (sg->node != NULL && sg->kind == SEG_TEXT)
        last = i;
    }
  if (last < 0)
    return FALSE;
  sg = _sheaf_markdown_segment (ctx, last);
  if (sg->s > j - 1 || sg->e < le)
    return FALSE;

  _sheaf_markdown_replace_range (ctx, last, MAX (cut, sg->s), last, le, NULL);
  *id_start = j;
  *id_end = le;

  return TRUE;
}

/* The heading's fact: its plain text, and the span of its source lines. */
static void
add_heading (Ctx        *ctx,
             cmark_node *block)
{
  SheafHeading heading = { 0 };
  GString *text = g_string_new (NULL);
  gsize ls = 0, le = 0;
  int last_line = block->start_line;

  _sheaf_markdown_append_plain (ctx, text, block);
  g_strstrip (text->str);
  heading.level = cmark_node_get_heading_level (block);
  heading.text = _sheaf_markdown_intern (ctx, text->str, -1);
  heading.line = _sheaf_markdown_file_line (ctx, block->start_line);
  if (block->as.heading.setext)
    last_line += _sheaf_markdown_n_content_lines (ctx);
  if (_sheaf_markdown_body_line (ctx, block->start_line, &ls, &le))
    heading.span.start = ctx->body_offset + MIN (ls + block->start_column - 1, le);
  if (_sheaf_markdown_body_line (ctx, last_line, &ls, &le))
    heading.span.end = ctx->body_offset + le;
  heading.span.end = MAX (heading.span.end, heading.span.start);
  g_array_append_val (ctx->headings, heading);
  g_string_free (text, TRUE);
}

static void
process_inlines (Ctx        *ctx,
                 cmark_node *block)
{
  cmark_node *parent = block->parent;
  gboolean is_paragraph = block->type == CMARK_NODE_PARAGRAPH;
  gboolean is_heading = block->type == CMARK_NODE_HEADING;
  SheafCallout callout = { 0 };
  g_autofree char *written_type = NULL;
  gsize header_len = 0, id_start = 0, id_end = 0;
  gboolean is_callout = FALSE, is_task = FALSE, has_id = FALSE;

  ctx->is_cell = block->type == CMARK_NODE_TABLE_CELL;
  ctx->is_atx = is_heading && !block->as.heading.setext;
  _sheaf_markdown_begin_block (ctx, block, block->start_line,
                               block->start_column - 1 + block->internal_offset);
  _sheaf_markdown_collect_segments (ctx);
  g_array_set_size (ctx->pending_links, 0);
  g_array_set_size (ctx->pending_tags, 0);

  if (is_paragraph && parent != NULL && parent->first_child == block &&
      parent->type == CMARK_NODE_BLOCK_QUOTE)
    {
      is_callout = _sheaf_markdown_parse_callout (ctx, &callout, &header_len, &written_type);
    }
  else if (is_paragraph && parent != NULL && parent->first_child == block &&
           parent->type == CMARK_NODE_ITEM && parent->extension != ctx->syn->tasklist &&
           ctx->content_len >= 3 && ctx->content[0] == '[')
    {
      /* cmark-gfm knows [ ], [x] and [X]; DESIGN says any other character is
       * done too ("[-]", "[/]", "[>]"). */
      const char *close = g_utf8_next_char (ctx->content + 1);
      gsize after = close - ctx->content + 1;

      if (after <= ctx->content_len && *close == ']' && !g_ascii_isspace (ctx->content[1]) &&
          (after == ctx->content_len || ctx->content[after] == ' ' || ctx->content[after] == '\t' ||
           ctx->content[after] == '\n' || ctx->content[after] == '\r'))
        {
          header_len = after;
          while (header_len < ctx->content_len &&
                 (ctx->content[header_len] == ' ' || ctx->content[header_len] == '\t'))
            header_len++;
          is_task = _sheaf_markdown_first_segment_covers (ctx, header_len);
        }
    }

  /* Rewriting the text nodes a token splits was a third of the work, and in
   * a tree that is dropped only _sheaf_markdown_append_plain() reads them:
   * for a heading's text, a link's display and a callout's title. Other
   * blocks need only the token nodes, which put the facts in order. */
  ctx->literals = ctx->keep_tree || is_heading || is_callout || ctx->has_link;

  if (is_callout || is_task)
    {
      if (header_len > 0)
        _sheaf_markdown_replace_range (ctx, 0, 0, 0, header_len, NULL);
      if (is_task)
        {
          cmark_node_set_syntax_extension (parent, ctx->syn->tasklist);
          cmark_gfm_extensions_set_tasklist_item_checked (parent, TRUE);
        }
    }

  if (is_callout)
    _sheaf_markdown_add_callout (ctx, parent, &callout, written_type);

  if ((is_paragraph || is_heading) && !ctx->is_cell)
    has_id = strip_trailing_block_id (ctx, &id_start, &id_end);

  _sheaf_markdown_scan_tokens (ctx);

  if (is_callout)
    _sheaf_markdown_finish_callout (ctx, block, written_type);

  _sheaf_markdown_collect_facts (ctx, block);

  if (has_id)
    {
      cmark_node *target = block;

      if (is_callout)
        target = parent;
      else if (is_paragraph && parent != NULL && parent->type == CMARK_NODE_ITEM &&
               parent->first_child == block)
        target = parent;
      add_block_id (ctx, target, ctx->content + id_start, id_end - id_start);
    }

  if (is_heading)
    add_heading (ctx, block);

  if (is_callout && block->first_child == NULL)
    cmark_node_free (block);
}

/* Blocks */

static gboolean
paragraph_ends_with (cmark_node *node,
                     const char *marker)
{
  const char *c = (const char *) node->content.ptr;
  gsize s = 0, e = node->content.size;

  if (node->type != CMARK_NODE_PARAGRAPH || c == NULL)
    return FALSE;
  _sheaf_markdown_trim_range (c, &s, &e);

  return e - s >= 2 && c[e - 2] == marker[0] && c[e - 1] == marker[1];
}

/* %% … %% and $$ … $$ written around whole blocks: a paragraph opening with
 * the marker, closed by the marker ending a later paragraph (or the same
 * one). Replaces them with one block node; NULL when @paragraph opens no run.
 * An unclosed comment runs to the end of its container, as in Obsidian; an
 * unclosed $$ is left as text. */
static cmark_node *
replace_fenced_run (Ctx             *ctx,
                    cmark_node      *paragraph,
                    const char      *marker,
                    cmark_node_type  type)
{
  const char *c = (const char *) paragraph->content.ptr;
  gsize s = 0, e = paragraph->content.size;
  cmark_node *last = NULL, *node, *next;
  const char *inner;
  gboolean comment = marker[0] == '%';

  if (c == NULL)
    return NULL;
  _sheaf_markdown_trim_range (c, &s, &e);
  if (e - s < 2 || c[s] != marker[0] || c[s + 1] != marker[1])
    return NULL;

  inner = e - s > 2 ? g_strstr_len (c + s + 2, e - s - 2, marker) : NULL;
  if (inner != NULL && inner == c + e - 2)
    last = paragraph;
  else if (inner != NULL)
    return NULL;   /* an inline %%…%% or $$…$$ followed by more text */

  for (node = paragraph->next; last == NULL && node != NULL; node = node->next)
    if (paragraph_ends_with (node, marker))
      last = node;

  if (last == NULL && !comment)
    return NULL;
  if (last == NULL)
    last = paragraph->parent->last_child;

  if (last == paragraph)
    {
      gsize is = s + 2, ie = e - 2;

      _sheaf_markdown_trim_range (c, &is, &ie);
      _sheaf_markdown_begin_block (ctx, paragraph, paragraph->start_line, 0);
      node = _sheaf_markdown_make_literal_node (ctx, type, is, ie);
    }
  else
    {
      gsize bs = 0, be = 0, ls, le;

      if (_sheaf_markdown_body_line (ctx, paragraph->start_line, &ls, &le))
        bs = MIN (ls + paragraph->start_column - 1, le);
      if (_sheaf_markdown_body_line (ctx, MAX (last->end_line, paragraph->start_line), &ls, &le))
        be = le;
      be = MAX (bs, be);
      node = _sheaf_markdown_new_node (ctx, type);
      g_string_truncate (ctx->scratch, 0);
      g_string_append_len (ctx->scratch, ctx->body + bs, be - bs);
      g_strstrip (ctx->scratch->str);
      cmark_node_set_string_content (node, ctx->scratch->str);
    }

  _sheaf_markdown_copy_position (node, paragraph);
  node->end_line = MAX (last->end_line, paragraph->start_line);
  node->end_column = last->end_column;
  _sheaf_markdown_raw_insert_before (paragraph, node);

  for (cmark_node *doomed = paragraph; doomed != NULL; doomed = next)
    {
      next = doomed == last ? NULL : doomed->next;
      cmark_node_free (doomed);
    }

  return node;
}

/* A paragraph that is only "^id" names the block before it. */
static gboolean
lone_block_id (Ctx        *ctx,
               cmark_node *paragraph)
{
  const char *c = (const char *) paragraph->content.ptr;
  gsize s = 0, e = paragraph->content.size;

  if (c == NULL || paragraph->prev == NULL)
    return FALSE;
  _sheaf_markdown_trim_range (c, &s, &e);
  if (e - s < 2 || c[s] != '^')
    return FALSE;
  for (gsize i = s + 1; i < e; i++)
    if (!is_block_id_char (c[i]))
      return FALSE;

  add_block_id (ctx, paragraph->prev, c + s + 1, e - s - 1);

  return TRUE;
}

/* Returns the node standing where @paragraph was, already handled. */
static cmark_node *
process_paragraph (Ctx        *ctx,
                   cmark_node *paragraph)
{
  cmark_node *replaced;
  cmark_node *prev = paragraph->prev;
  cmark_node *parent = paragraph->parent;
  cmark_node *next = paragraph->next;

  if ((replaced = replace_fenced_run (ctx, paragraph, "%%", ctx->syn->comment_block)) != NULL ||
      (replaced = replace_fenced_run (ctx, paragraph, "$$", ctx->syn->math_block)) != NULL)
    return replaced;

  if (lone_block_id (ctx, paragraph))
    {
      cmark_node_free (paragraph);
      return prev;
    }

  process_inlines (ctx, paragraph);

  /* A callout whose paragraph was only its title line: the paragraph is
   * gone and the title block stands in its place. */
  if (next != NULL)
    return next->prev;

  return parent->last_child;
}

void
_sheaf_markdown_walk_blocks (Ctx        *ctx,
                             cmark_node *document)
{
  cmark_node *node = document->first_child;

  while (node != NULL)
    {
      cmark_node_type type = node->type;
      gboolean descend = FALSE;

      if (type == CMARK_NODE_PARAGRAPH)
        node = process_paragraph (ctx, node);
      else if (type == CMARK_NODE_HEADING || type == CMARK_NODE_TABLE_CELL)
        process_inlines (ctx, node);
      else if (type == CMARK_NODE_BLOCK_QUOTE)
        descend = TRUE, ctx->quote_depth++;
      else if (type == CMARK_NODE_DOCUMENT || type == CMARK_NODE_LIST ||
               type == CMARK_NODE_ITEM || type == CMARK_NODE_FOOTNOTE_DEFINITION ||
               type == CMARK_NODE_TABLE || type == CMARK_NODE_TABLE_ROW)
        descend = TRUE;

      if (descend && node->first_child != NULL)
        {
          node = node->first_child;
          continue;
        }
      if (type == CMARK_NODE_BLOCK_QUOTE)
        ctx->quote_depth--;

      while (node != document && node->next == NULL)
        {
          node = node->parent;
          if (node->type == CMARK_NODE_BLOCK_QUOTE)
            ctx->quote_depth--;
        }
      node = node == document ? NULL : node->next;
    }
}
