/* sheaf-markdown-content.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-markdown"

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <string.h>

#include <cmark-gfm/houdini.h>
#include <cmark-gfm/node.h>

#include "sheaf-markdown-private.h"

/* The block being scanned: its content (the Markdown with container prefixes
 * cut, as cmark keeps it), where each content line stands in the file, the
 * leaves of its inlines (segments), and replacing a content range of them by
 * one node. */

/* A private mark on nodes, outside the bits cmark-gfm 0.29 uses. */
#define NODE_FLAG_B_ANCESTOR (1 << 14)

/* Lines and offsets */

static inline guint
n_body_lines (Ctx *ctx)
{
  return ctx->line_starts->len - 1;
}

/* [start, end) of body line @line (1-based), without its line ending. */
gboolean
_sheaf_markdown_body_line (Ctx   *ctx,
                           int    line,
                           gsize *start,
                           gsize *end)
{
  gsize s, e;

  if (line < 1 || (guint) line > n_body_lines (ctx))
    return FALSE;

  s = g_array_index (ctx->line_starts, gsize, line - 1);
  e = g_array_index (ctx->line_starts, gsize, line);
  while (e > s && (ctx->body[e - 1] == '\n' || ctx->body[e - 1] == '\r'))
    e--;
  *start = s;
  *end = e;

  return TRUE;
}

/* Tree surgery. cmark_node_insert_before() refuses our inline types inside
 * GFM table cells (the table extension's can_contain lists the core types
 * only), so link nodes directly. */

void
_sheaf_markdown_raw_insert_before (cmark_node *sibling,
                                   cmark_node *node)
{
  g_assert (node->parent == NULL && node->prev == NULL && node->next == NULL);

  node->parent = sibling->parent;
  node->next = sibling;
  node->prev = sibling->prev;
  if (sibling->prev != NULL)
    sibling->prev->next = node;
  else if (sibling->parent != NULL)
    sibling->parent->first_child = node;
  sibling->prev = node;
}

void
_sheaf_markdown_raw_append_child (cmark_node *parent,
                                  cmark_node *node)
{
  node->parent = parent;
  node->next = NULL;
  node->prev = parent->last_child;
  if (parent->last_child != NULL)
    parent->last_child->next = node;
  else
    parent->first_child = node;
  parent->last_child = node;
}

cmark_node *
_sheaf_markdown_new_node (Ctx             *ctx,
                          cmark_node_type  type)
{
  if (type == CMARK_NODE_TEXT)
    return cmark_node_new_with_mem (type, ctx->mem);

  return cmark_node_new_with_mem_and_ext (type, ctx->mem, ctx->syn->sheaf);
}

cmark_node *
_sheaf_markdown_new_text (Ctx        *ctx,
                          const char *literal)
{
  cmark_node *text = _sheaf_markdown_new_node (ctx, CMARK_NODE_TEXT);

  cmark_node_set_literal (text, literal);

  return text;
}

void
_sheaf_markdown_copy_position (cmark_node *to,
                               cmark_node *from)
{
  to->start_line = from->start_line;
  to->start_column = from->start_column;
  to->end_line = from->end_line;
  to->end_column = from->end_column;
}

/* What a text node shows for content[s, e): the bytes, with backslash escapes
 * and entities resolved the way cmark does. Only when the block's literals
 * are read (see process_inlines()). */
static void
set_text_from_content (Ctx        *ctx,
                       cmark_node *text,
                       gsize       s,
                       gsize       e)
{
  const char *p = ctx->content + s;
  const char *end = ctx->content + e;
  GString *out = ctx->scratch;

  if (!ctx->literals)
    return;

  g_string_truncate (out, 0);
  while (p < end)
    {
      if (*p == '\\' && p + 1 < end && g_ascii_ispunct (p[1]))
        {
          g_string_append_c (out, p[1]);
          p += 2;
        }
      else if (*p == '&')
        {
          cmark_strbuf buf;
          bufsize_t used;

          cmark_strbuf_init (ctx->mem, &buf, 0);
          used = houdini_unescape_ent (&buf, (const uint8_t *) p + 1, end - p - 1);
          if (used > 0)
            {
              g_string_append_len (out, (const char *) buf.ptr, buf.size);
              p += used + 1;
            }
          else
            {
              g_string_append_c (out, '&');
              p++;
            }
          cmark_strbuf_free (&buf);
        }
      else
        {
          g_string_append_c (out, *p++);
        }
    }
  cmark_node_set_literal (text, out->str);
}

/* Content of the current block */

void
_sheaf_markdown_begin_block (Ctx        *ctx,
                             cmark_node *block,
                             int         line,
                             int         offset)
{
  const char *c;
  gsize len, i;

  ctx->block = block;
  ctx->content = c = (const char *) block->content.ptr;
  ctx->content_len = len = block->content.size;
  if (ctx->content == NULL)
    ctx->content = c = "";
  ctx->block_line = line;
  ctx->block_offset = offset;
  ctx->cfile_ready = FALSE;
  ctx->has_link = FALSE;
  ctx->literals = ctx->keep_tree;

  g_array_set_size (ctx->cls, 0);
  g_array_append_val (ctx->cls, (gsize) { 0 });
  for (i = 0; i < len; i++)
    {
      if (c[i] == '\n' || c[i] == '\r')
        {
          gsize next = (c[i] == '\r' && i + 1 < len && c[i + 1] == '\n') ? i + 2 : i + 1;

          /* Content ends with a line ending: that is no extra line. */
          if (next < len)
            g_array_append_val (ctx->cls, next);
          i = next - 1;
        }
    }
  /* Sentinel: one past the end, so line i is [cls[i], cls[i + 1] - 1). */
  g_array_append_val (ctx->cls, (gsize) { len + 1 });
}

/* Content line @i without its line ending. */
void
_sheaf_markdown_content_line (Ctx   *ctx,
                              guint  i,
                              gsize *start,
                              gsize *end)
{
  gsize s = g_array_index (ctx->cls, gsize, i);
  gsize e = MIN (g_array_index (ctx->cls, gsize, i + 1) - 1, ctx->content_len);

  while (e > s && (ctx->content[e - 1] == '\n' || ctx->content[e - 1] == '\r'))
    e--;
  *start = s;
  *end = e;
}

guint
_sheaf_markdown_content_line_of (Ctx   *ctx,
                                 gsize  offset)
{
  guint lo = 0, hi = _sheaf_markdown_n_content_lines (ctx);

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (ctx->cls, gsize, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

/* A cmark inline position (line, 1-based byte column) as a content offset. */
gboolean
_sheaf_markdown_position_to_content (Ctx   *ctx,
                                     int    line,
                                     int    column,
                                     gsize *offset)
{
  gsize s, e;
  int i = line - ctx->block_line;
  int o = column - 1 - ctx->block_offset;

  if (i < 0 || (guint) i >= _sheaf_markdown_n_content_lines (ctx) || o < 0)
    return FALSE;
  _sheaf_markdown_content_line (ctx, i, &s, &e);
  if (s + o > e)
    return FALSE;
  *offset = s + o;

  return TRUE;
}

/* The body line content line @i comes from. A paragraph's lines are counted
 * from its last line because reference definitions cut from its top leave
 * start_line behind. */
static int
source_line (Ctx   *ctx,
             guint  i)
{
  cmark_node *block = ctx->block;
  guint n = _sheaf_markdown_n_content_lines (ctx);

  if (block->type == CMARK_NODE_PARAGRAPH && block->end_line - (int) n + 1 >= block->start_line)
    return block->end_line - (int) (n - 1 - i);

  return ctx->block_line + (int) i;
}

/* Where each content line starts in the body. A paragraph's content lines
 * are suffixes of their source lines (only container markers and indentation
 * are cut), which holds on lazy continuation lines where cmark's columns do
 * not. */
static void
prepare_cfile (Ctx *ctx)
{
  guint n = _sheaf_markdown_n_content_lines (ctx);

  g_array_set_size (ctx->cfile, n);
  for (guint i = 0; i < n; i++)
    {
      int line = source_line (ctx, i);
      gssize found = -1;
      gsize ls, le, cs, ce;

      _sheaf_markdown_content_line (ctx, i, &cs, &ce);
      if (_sheaf_markdown_body_line (ctx, line, &ls, &le))
        {
          gsize len = ce - cs;

          if (i == 0 && (ctx->is_cell || ctx->is_atx))
            {
              gsize at = ls + ctx->block_offset;

              if (at <= le)
                found = at;
            }
          else if (le - ls >= len && memcmp (ctx->body + le - len, ctx->content + cs, len) == 0)
            {
              found = le - len;
            }
          else if (len > 0 && len <= le - ls)
            {
              const char *hit = memmem (ctx->body + ls, le - ls, ctx->content + cs, len);

              if (hit != NULL)
                found = hit - ctx->body;
            }
        }
      g_array_index (ctx->cfile, gssize, i) = found;
    }
  ctx->cfile_ready = TRUE;
}

/* A content offset as a body offset; -1 when it cannot be placed. */
static gssize
content_to_body (Ctx   *ctx,
                 gsize  offset)
{
  guint i;
  gssize base;
  gsize delta;

  if (!ctx->cfile_ready)
    prepare_cfile (ctx);

  i = _sheaf_markdown_content_line_of (ctx, offset);
  base = g_array_index (ctx->cfile, gssize, i);
  if (base < 0)
    return -1;

  delta = offset - g_array_index (ctx->cls, gsize, i);
  /* GFM unescapes \| in a cell's content: each '|' there was two bytes. */
  if (ctx->is_cell)
    for (gsize k = g_array_index (ctx->cls, gsize, i); k < offset; k++)
      if (ctx->content[k] == '|')
        delta++;

  return MIN ((gsize) base + delta, ctx->body_len);
}

gboolean
_sheaf_markdown_content_span (Ctx       *ctx,
                              gsize      s,
                              gsize      e,
                              SheafSpan *span,
                              guint     *line)
{
  gssize bs = content_to_body (ctx, s);
  gssize be = e > s ? content_to_body (ctx, e - 1) : bs;

  if (bs < 0 || be < 0)
    {
      span->start = span->end = ctx->body_start;
      *line = _sheaf_markdown_file_line (ctx, ctx->block->start_line);
      return FALSE;
    }

  if (e > s)
    be = MIN ((gsize) be + 1, ctx->body_len);
  span->start = ctx->body_offset + bs;
  span->end = ctx->body_offset + MAX (bs, be);
  *line = _sheaf_markdown_file_line (ctx,
                                     source_line (ctx, _sheaf_markdown_content_line_of (ctx, s)));

  return TRUE;
}

/* Segments: the leaves of the block's inlines in order, text ones with
 * their content ranges. */

void
_sheaf_markdown_collect_segments (Ctx *ctx)
{
  cmark_node *root = ctx->block;
  cmark_node *node = root->first_child;
  guint in_link = 0;

  g_array_set_size (ctx->segments, 0);
  while (node != NULL)
    {
      cmark_node_type type = node->type;
      Segment seg = { node, 0, 0, SEG_BARRIER, in_link > 0 };

      if (type == CMARK_NODE_TEXT)
        {
          gsize s, e;

          if (_sheaf_markdown_position_to_content (ctx, node->start_line, node->start_column, &s) &&
              _sheaf_markdown_position_to_content (ctx, node->end_line, node->end_column, &e) &&
              e + 1 > s &&
              _sheaf_markdown_content_line_of (ctx, s) == _sheaf_markdown_content_line_of (ctx, e))
            {
              seg.kind = SEG_TEXT;
              seg.s = s;
              seg.e = e + 1;
            }
          g_array_append_val (ctx->segments, seg);
        }
      else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
        {
          seg.kind = SEG_BREAK;
          g_array_append_val (ctx->segments, seg);
        }
      else if (node->first_child == NULL)
        {
          g_array_append_val (ctx->segments, seg);
        }

      if (node->first_child != NULL)
        {
          if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
            {
              in_link++;
              ctx->has_link = TRUE;
            }
          node = node->first_child;
          continue;
        }

      while (node != root && node->next == NULL)
        {
          node = node->parent;
          if (node->type == CMARK_NODE_LINK || node->type == CMARK_NODE_IMAGE)
            in_link--;
        }
      node = node == root ? NULL : node->next;
    }
}

gboolean
_sheaf_markdown_first_segment_covers (Ctx   *ctx,
                                      gsize  len)
{
  return ctx->segments->len > 0 &&
         _sheaf_markdown_segment (ctx, 0)->kind == SEG_TEXT &&
         _sheaf_markdown_segment (ctx, 0)->s == 0 && _sheaf_markdown_segment (ctx, 0)->e >= len;
}

/* Replaces what content[a, b) covers by @replacement (or by nothing): the
 * part of text segment @ia from @a, everything after it up to segment @ib,
 * and the part of @ib before @b. Nodes in between are freed even when they
 * sit in other containers: `[[a*b]]*` keeps its emphasis opener's text. */
void
_sheaf_markdown_replace_range (Ctx        *ctx,
                               guint       ia,
                               gsize       a,
                               guint       ib,
                               gsize       b,
                               cmark_node *replacement)
{
  Segment *sa = _sheaf_markdown_segment (ctx, ia);
  Segment *sb = _sheaf_markdown_segment (ctx, ib);
  cmark_node *A = sa->node;
  cmark_node *B = sb->node;

  g_assert (A != NULL && B != NULL);
  g_assert (sa->s <= a && b <= sb->e);

  if (A != B)
    {
      cmark_node *x;
      cmark_node *meeting = ctx->block;

      for (x = B; x != NULL && x != ctx->block; x = x->parent)
        x->flags |= NODE_FLAG_B_ANCESTOR;

      /* Climb from A, dropping what follows it on each level, until the
       * siblings lead to B's branch: their parent is where the two meet. */
      for (x = A; x != ctx->block; x = x->parent)
        {
          cmark_node *y = x->next;

          while (y != NULL && !(y->flags & NODE_FLAG_B_ANCESTOR))
            {
              cmark_node *next = y->next;

              cmark_node_free (y);
              y = next;
            }
          if (y != NULL)
            {
              meeting = x->parent;
              break;
            }
        }

      /* Descend B's branch below the meeting point, dropping what precedes. */
      for (x = B; x != NULL && x != meeting && x->parent != meeting; x = x->parent)
        while (x->prev != NULL)
          cmark_node_free (x->prev);
      for (x = B; x != NULL && x != ctx->block; x = x->parent)
        x->flags &= ~NODE_FLAG_B_ANCESTOR;

      for (guint i = ia + 1; i < ib; i++)
        _sheaf_markdown_segment (ctx, i)->node = NULL;

      if (a > sa->s)
        {
          set_text_from_content (ctx, A, sa->s, a);
          sa->e = a;
        }
      else
        {
          cmark_node_free (A);
          sa->node = NULL;
        }
    }
  else if (b == sa->e && a > sa->s)
    {
      /* Only a tail goes: keep A (and its segment) as the head. */
      set_text_from_content (ctx, A, sa->s, a);
      sa->e = a;
      if (replacement != NULL)
        {
          if (A->next != NULL)
            _sheaf_markdown_raw_insert_before (A->next, replacement);
          else
            _sheaf_markdown_raw_append_child (A->parent, replacement);
        }
      return;
    }
  else if (a > sa->s)
    {
      cmark_node *prefix = _sheaf_markdown_new_node (ctx, CMARK_NODE_TEXT);

      set_text_from_content (ctx, prefix, sa->s, a);
      _sheaf_markdown_copy_position (prefix, A);
      _sheaf_markdown_raw_insert_before (A, prefix);
    }

  if (replacement != NULL)
    _sheaf_markdown_raw_insert_before (B, replacement);

  if (b < sb->e)
    {
      set_text_from_content (ctx, B, b, sb->e);
      sb->s = b;
    }
  else
    {
      cmark_node_free (B);
      sb->node = NULL;
    }
}
