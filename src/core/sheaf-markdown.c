/* sheaf-markdown.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-markdown"

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm/houdini.h>
#include <cmark-gfm/node.h>

#include "sheaf-callout.h"
#include "sheaf-markdown.h"
#include "sheaf-syntax.h"

/* How it works. cmark-gfm parses the body (sheaf-syntax.c adds ==highlight==).
 * cmark's inline parser consumes '[' and '!' before any extension sees them,
 * so wikilinks, comments, math and tags are recognised afterwards: for each
 * block holding inlines we take the block's raw content (the Markdown with the
 * container prefixes removed, which cmark keeps in the node) and the content
 * range of every text node (from its source position), scan the raw bytes of
 * the text ranges for the openers and replace the nodes a token covers with
 * one node of ours. Working on the raw content is what keeps `[[a_b*c*]]`
 * whole although cmark made an emphasis of it. The content is then mapped to
 * file bytes line by line, since cmark's own inline columns drift on lazy
 * continuation lines. Everything is one pass over the blocks and two over
 * each block's inlines. */

/* cmark's columns are ints; far beyond any note and the 50 MB target. */
#define MAX_BODY ((gsize) 1 << 30)

/* A private mark on nodes, outside the bits cmark-gfm 0.29 uses. */
#define NODE_FLAG_B_ANCESTOR (1 << 14)

#define NO_STRING ((char *) NULL)

typedef struct
{
  const SheafLink    *link;
  const SheafCallout *callout;
  const char         *tag;
  const char         *block_id;
} NodeInfo;

typedef struct
{
  int link;
  int callout;
  int tag;
  int block_id;
} NodeInfoIndex;

struct _SheafParseResult
{
  gatomicrefcount  ref_count;
  cmark_node      *document;
  SheafHeading    *headings;
  SheafLink       *links;
  SheafTag        *tags;
  SheafCallout    *callouts;
  SheafBlockId    *block_ids;
  NodeInfo        *node_infos;
  char            *strings;
  guint            n_headings;
  guint            n_links;
  guint            n_tags;
  guint            n_callouts;
  guint            n_block_ids;
};

G_DEFINE_BOXED_TYPE (SheafParseResult, sheaf_parse_result,
                     sheaf_parse_result_ref, sheaf_parse_result_unref)

typedef enum
{
  SEG_TEXT,
  SEG_BARRIER,   /* code span, raw HTML, footnote reference */
  SEG_BREAK,     /* soft or hard line break */
} SegKind;

typedef struct
{
  cmark_node *node;     /* NULL once the node is gone */
  gsize       s;        /* content range of a text node */
  gsize       e;
  guint8      kind;
  guint8      in_link;
} Segment;

typedef struct
{
  /* The whole parse. */
  const SheafSyntax *syn;
  cmark_mem         *mem;
  const char        *body;
  gsize              body_len;
  gsize              body_offset;
  guint              first_line;   /* file line of body line 1 */
  GArray            *line_starts;  /* gsize: body offset of each body line, + end */
  guint              quote_depth;

  /* Facts; strings are offsets + 1 into @strings until the end. */
  GString           *strings;
  GArray            *headings;
  GArray            *links;
  GArray            *tags;
  GArray            *callouts;
  GArray            *block_ids;
  GPtrArray         *info_nodes;
  GArray            *info_indexes;
  GArray            *pending_links;  /* SheafLink of wikilink nodes, per block */
  GArray            *pending_tags;   /* SheafTag of tag nodes, per block */
  GString           *scratch;

  /* The block being scanned. */
  cmark_node        *block;
  const char        *content;
  gsize              content_len;
  int                block_line;     /* cmark line of content line 0 */
  int                block_offset;   /* cmark column of content line 0, minus 1 */
  gboolean           is_cell;
  gboolean           is_atx;
  GArray            *cls;            /* gsize: content line starts, + content_len + 1 */
  GArray            *cfile;          /* gssize: body offset of each content line, or -1 */
  gboolean           cfile_ready;
  GArray            *segments;
  GPtrArray         *ancestors;
} Ctx;

/* Strings */

static char *
intern (Ctx        *ctx,
        const char *s,
        gssize      len)
{
  gsize offset = ctx->strings->len;

  if (s == NULL)
    return NO_STRING;
  if (len < 0)
    len = strlen (s);

  /* Notes are not always valid UTF-8; the facts must be (they go to JSON). */
  if (g_utf8_validate_len (s, len, NULL))
    {
      g_string_append_len (ctx->strings, s, len);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (s, len);

      g_string_append (ctx->strings, valid);
    }
  g_string_append_c (ctx->strings, '\0');

  return GSIZE_TO_POINTER (offset + 1);
}

static inline const char *
peek_string (Ctx  *ctx,
             char *interned)
{
  return interned == NO_STRING ? NULL : ctx->strings->str + GPOINTER_TO_SIZE (interned) - 1;
}

static inline char *
fix_string (char *strings,
            char *interned)
{
  return interned == NO_STRING ? NULL : strings + GPOINTER_TO_SIZE (interned) - 1;
}

/* Lines and offsets */

static void
build_line_starts (Ctx *ctx)
{
  const char *p = ctx->body;
  const char *end = ctx->body + ctx->body_len;
  gsize zero = 0;

  g_array_append_val (ctx->line_starts, zero);
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *cr = memchr (p, '\r', (eol ? eol : end) - p);
      gsize next;

      /* cmark ends a line at \n, \r\n or a lone \r. */
      if (cr != NULL)
        next = (cr + 1 < end && cr[1] == '\n') ? cr + 2 - ctx->body : cr + 1 - ctx->body;
      else if (eol != NULL)
        next = eol + 1 - ctx->body;
      else
        break;

      g_array_append_val (ctx->line_starts, next);
      p = ctx->body + next;
    }
  g_array_append_val (ctx->line_starts, ctx->body_len);
}

static inline guint
n_body_lines (Ctx *ctx)
{
  return ctx->line_starts->len - 1;
}

/* [start, end) of body line @line (1-based), without its line ending. */
static gboolean
body_line (Ctx   *ctx,
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

static inline guint
file_line (Ctx *ctx,
           int  body_line_number)
{
  return ctx->first_line + MAX (body_line_number, 1) - 1;
}

/* Node annotations */

static NodeInfoIndex *
node_info (Ctx        *ctx,
           cmark_node *node)
{
  gsize index = GPOINTER_TO_SIZE (cmark_node_get_user_data (node));

  if (index == 0)
    {
      NodeInfoIndex empty = { -1, -1, -1, -1 };

      g_array_append_val (ctx->info_indexes, empty);
      g_ptr_array_add (ctx->info_nodes, node);
      index = ctx->info_indexes->len;
      cmark_node_set_user_data (node, GSIZE_TO_POINTER (index));
    }

  return &g_array_index (ctx->info_indexes, NodeInfoIndex, index - 1);
}

/* Tree surgery. cmark_node_insert_before() refuses our inline types inside
 * GFM table cells (the table extension's can_contain lists the core types
 * only), so link nodes directly. */

static void
raw_insert_before (cmark_node *sibling,
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

static void
raw_append_child (cmark_node *parent,
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

static cmark_node *
new_node (Ctx             *ctx,
          cmark_node_type  type)
{
  if (type == CMARK_NODE_TEXT)
    return cmark_node_new_with_mem (type, ctx->mem);

  return cmark_node_new_with_mem_and_ext (type, ctx->mem, ctx->syn->sheaf);
}

static cmark_node *
new_text (Ctx        *ctx,
          const char *literal)
{
  cmark_node *text = new_node (ctx, CMARK_NODE_TEXT);

  cmark_node_set_literal (text, literal);

  return text;
}

static void
copy_position (cmark_node *to,
               cmark_node *from)
{
  to->start_line = from->start_line;
  to->start_column = from->start_column;
  to->end_line = from->end_line;
  to->end_column = from->end_column;
}

/* What a text node shows for content[s, e): the bytes, with backslash escapes
 * and entities resolved the way cmark does. */
static void
set_text_from_content (Ctx        *ctx,
                       cmark_node *text,
                       gsize       s,
                       gsize       e)
{
  const char *p = ctx->content + s;
  const char *end = ctx->content + e;
  GString *out = ctx->scratch;

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

static void
begin_block (Ctx        *ctx,
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

static inline guint
n_content_lines (Ctx *ctx)
{
  return ctx->cls->len - 1;
}

/* Content line @i without its line ending. */
static void
content_line (Ctx   *ctx,
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

static guint
content_line_of (Ctx   *ctx,
                 gsize  offset)
{
  guint lo = 0, hi = n_content_lines (ctx);

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
static gboolean
position_to_content (Ctx   *ctx,
                     int    line,
                     int    column,
                     gsize *offset)
{
  gsize s, e;
  int i = line - ctx->block_line;
  int o = column - 1 - ctx->block_offset;

  if (i < 0 || (guint) i >= n_content_lines (ctx) || o < 0)
    return FALSE;
  content_line (ctx, i, &s, &e);
  if (s + o > e)
    return FALSE;
  *offset = s + o;

  return TRUE;
}

/* Where each content line starts in the body. A paragraph's content lines
 * are suffixes of their source lines (only container markers and indentation
 * are cut), which holds on lazy continuation lines where cmark's columns do
 * not; they are counted from the paragraph's last line because reference
 * definitions cut from its top leave start_line behind. */
static void
prepare_cfile (Ctx *ctx)
{
  cmark_node *block = ctx->block;
  guint n = n_content_lines (ctx);
  gboolean from_end = block->type == CMARK_NODE_PARAGRAPH &&
                      block->end_line - (int) n + 1 >= block->start_line;

  g_array_set_size (ctx->cfile, n);
  for (guint i = 0; i < n; i++)
    {
      int line = from_end ? block->end_line - (int) (n - 1 - i) : ctx->block_line + (int) i;
      gssize found = -1;
      gsize ls, le, cs, ce;

      content_line (ctx, i, &cs, &ce);
      if (body_line (ctx, line, &ls, &le))
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

  i = content_line_of (ctx, offset);
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

static gboolean
content_span (Ctx       *ctx,
              gsize      s,
              gsize      e,
              SheafSpan *span,
              guint     *line)
{
  gssize bs = content_to_body (ctx, s);
  gssize be = e > s ? content_to_body (ctx, e - 1) : bs;
  guint i;

  if (bs < 0 || be < 0)
    {
      span->start = span->end = ctx->body_offset;
      *line = file_line (ctx, ctx->block->start_line);
      return FALSE;
    }

  if (e > s)
    be = MIN ((gsize) be + 1, ctx->body_len);
  span->start = ctx->body_offset + bs;
  span->end = ctx->body_offset + MAX (bs, be);
  i = content_line_of (ctx, s);
  if (ctx->block->type == CMARK_NODE_PARAGRAPH &&
      ctx->block->end_line - (int) n_content_lines (ctx) + 1 >= ctx->block->start_line)
    *line = file_line (ctx, ctx->block->end_line - (int) (n_content_lines (ctx) - 1 - i));
  else
    *line = file_line (ctx, ctx->block_line + i);

  return TRUE;
}

/* Segments: the leaves of the block's inlines in order, text ones with
 * their content ranges. */

static void
collect_segments (Ctx *ctx)
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

          if (position_to_content (ctx, node->start_line, node->start_column, &s) &&
              position_to_content (ctx, node->end_line, node->end_column, &e) &&
              e + 1 > s && content_line_of (ctx, s) == content_line_of (ctx, e))
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
            in_link++;
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

static inline Segment *
segment (Ctx   *ctx,
         guint  i)
{
  return &g_array_index (ctx->segments, Segment, i);
}

/* Replaces what content[a, b) covers by @replacement (or by nothing): the
 * part of text segment @ia from @a, everything after it up to segment @ib,
 * and the part of @ib before @b. Nodes in between are freed even when they
 * sit in other containers: `[[a*b]]*` keeps its emphasis opener's text. */
static void
replace_range (Ctx        *ctx,
               guint       ia,
               gsize       a,
               guint       ib,
               gsize       b,
               cmark_node *replacement)
{
  Segment *sa = segment (ctx, ia);
  Segment *sb = segment (ctx, ib);
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
        segment (ctx, i)->node = NULL;

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
            raw_insert_before (A->next, replacement);
          else
            raw_append_child (A->parent, replacement);
        }
      return;
    }
  else if (a > sa->s)
    {
      cmark_node *prefix = new_node (ctx, CMARK_NODE_TEXT);

      set_text_from_content (ctx, prefix, sa->s, a);
      copy_position (prefix, A);
      raw_insert_before (A, prefix);
    }

  if (replacement != NULL)
    raw_insert_before (B, replacement);

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

/* Token scanning */

/* cmark-gfm's extension library defines these but no header declares them. */
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;

typedef enum
{
  FIND_WIKI_CLOSE,
  FIND_WIKI_OPEN,
  FIND_COMMENT_CLOSE,
  FIND_MATH_CLOSE,
  FIND_DISPLAY_MATH_CLOSE,
  N_FINDS
} FindKind;

/* The last answer of each search, so a line of a thousand unclosed "[[" is
 * searched once and not a thousand times. */
typedef struct
{
  gboolean valid;
  gboolean found;
  guint    from_seg;
  gsize    from;
  guint    seg;     /* found: where; not found: the segment that stopped it */
  gsize    at;
} Memo;

static gboolean
is_escaped (Ctx   *ctx,
            gsize  i)
{
  gsize n = 0;

  while (i > n && ctx->content[i - n - 1] == '\\')
    n++;

  return n % 2 == 1;
}

static gboolean
match_at (Ctx      *ctx,
          FindKind  kind,
          gsize     i,
          gsize     end)
{
  const char *c = ctx->content;

  switch (kind)
    {
    case FIND_WIKI_CLOSE:
      return c[i] == ']' && i + 1 < end && c[i + 1] == ']';

    case FIND_WIKI_OPEN:
      return c[i] == '[' && i + 1 < end && c[i + 1] == '[' && !is_escaped (ctx, i);

    case FIND_COMMENT_CLOSE:
      return c[i] == '%' && i + 1 < end && c[i + 1] == '%' && !is_escaped (ctx, i);

    case FIND_DISPLAY_MATH_CLOSE:
      return c[i] == '$' && i + 1 < end && c[i + 1] == '$' && !is_escaped (ctx, i);

    case FIND_MATH_CLOSE:
      /* Pandoc's rule, which Obsidian follows: "$5 and $6" is no math. */
      return c[i] == '$' && !is_escaped (ctx, i) &&
             i > 0 && c[i - 1] != ' ' && c[i - 1] != '\t' &&
             !(i + 1 < ctx->content_len && (g_ascii_isdigit (c[i + 1]) || c[i + 1] == '$'));

    case N_FINDS:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static gboolean
find_forward (Ctx      *ctx,
              Memo     *memo,
              FindKind  kind,
              guint     from_seg,
              gsize     from,
              guint    *seg_out,
              gsize    *at_out)
{
  gboolean cross_breaks = kind == FIND_COMMENT_CLOSE || kind == FIND_MATH_CLOSE ||
                          kind == FIND_DISPLAY_MATH_CLOSE;
  gboolean cross_barriers = kind == FIND_COMMENT_CLOSE;
  guint n = ctx->segments->len;
  guint si;

  if (memo->valid && (from_seg > memo->from_seg ||
                      (from_seg == memo->from_seg && from >= memo->from)))
    {
      if (memo->found && (memo->seg > from_seg || (memo->seg == from_seg && memo->at >= from)))
        {
          *seg_out = memo->seg;
          *at_out = memo->at;
          return TRUE;
        }
      if (!memo->found && from_seg < memo->seg)
        return FALSE;
    }

  memo->valid = TRUE;
  memo->from_seg = from_seg;
  memo->from = from;
  memo->found = FALSE;

  for (si = from_seg; si < n; si++)
    {
      Segment *sg = segment (ctx, si);

      if (sg->node == NULL)
        continue;
      if (sg->kind == SEG_BREAK && !cross_breaks)
        break;
      if (sg->kind == SEG_BARRIER && !cross_barriers)
        break;
      if (sg->kind != SEG_TEXT)
        continue;

      for (gsize i = MAX (sg->s, si == from_seg ? from : 0); i < sg->e; i++)
        if (match_at (ctx, kind, i, sg->e))
          {
            memo->found = TRUE;
            memo->seg = *seg_out = si;
            memo->at = *at_out = i;
            return TRUE;
          }
    }
  memo->seg = si;

  return FALSE;
}

static char *
intern_trimmed (Ctx        *ctx,
                const char *s,
                gsize       len)
{
  while (len > 0 && g_ascii_isspace (*s))
    s++, len--;
  while (len > 0 && g_ascii_isspace (s[len - 1]))
    len--;

  return intern (ctx, s, len);
}

/* [[inner]]: target, fragment and display per DESIGN §3. */
static gboolean
make_wikilink (Ctx           *ctx,
               SheafLinkKind  kind,
               gsize          start,
               gsize          inner_start,
               gsize          inner_end,
               cmark_node   **node_out)
{
  const char *inner = ctx->content + inner_start;
  gsize len = inner_end - inner_start;
  const char *bar = memchr (inner, '|', len);
  gsize target_len = bar != NULL ? (gsize) (bar - inner) : len;
  const char *hash;
  SheafLink link = { 0 };
  GString *shown;
  cmark_node *node;
  guint line;

  /* In a table the separator is written \|; elsewhere take it too. */
  if (bar != NULL && target_len > 0 && inner[target_len - 1] == '\\')
    target_len--;

  hash = memchr (inner, '#', target_len);
  link.kind = kind;
  if (hash != NULL)
    {
      link.target = intern_trimmed (ctx, inner, hash - inner);
      if (inner + target_len - hash - 1 > 0)
        link.fragment = intern_trimmed (ctx, hash + 1, inner + target_len - hash - 1);
    }
  else
    {
      link.target = intern_trimmed (ctx, inner, target_len);
    }

  if (*peek_string (ctx, link.target) == '\0' && link.fragment == NO_STRING)
    {
      /* "[[]]" or "[[|x]]": nothing to link to. Drop what we interned. */
      g_string_truncate (ctx->strings, GPOINTER_TO_SIZE (link.target) - 1);
      return FALSE;
    }

  if (bar != NULL)
    link.display = intern_trimmed (ctx, bar + 1, inner + len - bar - 1);

  content_span (ctx, start, inner_end + 2, &link.span, &line);
  link.line = line;
  if (link.span.end > link.span.start)
    link.raw = intern (ctx, ctx->body + link.span.start - ctx->body_offset,
                       link.span.end - link.span.start);
  else
    link.raw = intern (ctx, ctx->content + start, inner_end + 2 - start);

  /* What to show: the display text, else the target and fragment the way
   * Obsidian writes them ("Note > Heading"). Embeds keep their size in
   * display and show the target. */
  shown = g_string_new (NULL);
  if (link.display != NO_STRING && kind == SHEAF_LINK_WIKILINK &&
      *peek_string (ctx, link.display) != '\0')
    {
      g_string_append (shown, peek_string (ctx, link.display));
    }
  else
    {
      const char *target = peek_string (ctx, link.target);
      const char *fragment = peek_string (ctx, link.fragment);

      g_string_append (shown, target);
      if (fragment != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (fragment, "#", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            {
              if (shown->len > 0)
                g_string_append (shown, " > ");
              g_string_append (shown, parts[i]);
            }
        }
    }

  node = new_node (ctx, ctx->syn->wikilink);
  raw_append_child (node, new_text (ctx, shown->str));
  g_string_free (shown, TRUE);

  g_array_append_val (ctx->pending_links, link);
  cmark_node_set_user_data (node, GUINT_TO_POINTER (ctx->pending_links->len));
  *node_out = node;

  return TRUE;
}

static cmark_node *
make_literal_node (Ctx             *ctx,
                   cmark_node_type  type,
                   gsize            s,
                   gsize            e)
{
  cmark_node *node = new_node (ctx, type);

  g_string_truncate (ctx->scratch, 0);
  g_string_append_len (ctx->scratch, ctx->content + s, e - s);
  cmark_node_set_string_content (node, ctx->scratch->str);

  return node;
}

/* The end of a tag starting at content[i] == '#', or i when there is none. */
static gsize
scan_tag (Ctx   *ctx,
          gsize  i,
          gsize  end)
{
  const char *c = ctx->content;
  gboolean non_digit = FALSE;
  gsize j = i + 1;

  while (j < end)
    {
      guchar ch = c[j];

      if (ch < 0x80)
        {
          if (g_ascii_isdigit (ch))
            {
              j++;
              continue;
            }
          if (!g_ascii_isalpha (ch) && ch != '_' && ch != '-' && ch != '/')
            break;
          non_digit = TRUE;
          j++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (c + j, end - j);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            break;

          switch (g_unichar_type (u))
            {
            case G_UNICODE_CONNECT_PUNCTUATION:
            case G_UNICODE_DASH_PUNCTUATION:
            case G_UNICODE_CLOSE_PUNCTUATION:
            case G_UNICODE_FINAL_PUNCTUATION:
            case G_UNICODE_INITIAL_PUNCTUATION:
            case G_UNICODE_OTHER_PUNCTUATION:
            case G_UNICODE_OPEN_PUNCTUATION:
            case G_UNICODE_SPACE_SEPARATOR:
            case G_UNICODE_LINE_SEPARATOR:
            case G_UNICODE_PARAGRAPH_SEPARATOR:
            case G_UNICODE_CONTROL:
              goto done;

            default:
              /* Letters of any script, marks, other numbers, emoji (symbols,
               * variation selectors, the zero-width joiner). */
              break;
            }
          non_digit = TRUE;
          j = g_utf8_next_char (c + j) - c;
        }
    }

done:
  return non_digit ? MIN (j, end) : i;
}

static void
scan_tokens (Ctx *ctx)
{
  Memo memos[N_FINDS] = { { 0 } };
  const char *c = ctx->content;

  for (guint si = 0; si < ctx->segments->len; si++)
    {
      gsize i;

      if (segment (ctx, si)->node == NULL || segment (ctx, si)->kind != SEG_TEXT ||
          segment (ctx, si)->in_link)
        continue;

      i = segment (ctx, si)->s;
      while (i < segment (ctx, si)->e)
        {
          Segment *sg = segment (ctx, si);
          guchar ch = c[i];
          cmark_node *node = NULL;
          guint close_seg;
          gsize close_at, start = i, end = i;

          if (ch != '%' && ch != '[' && ch != '!' && ch != '$' && ch != '#')
            {
              i++;
              continue;
            }

          if (ch == '%' && i + 1 < sg->e && c[i + 1] == '%' && !is_escaped (ctx, i))
            {
              if (find_forward (ctx, &memos[FIND_COMMENT_CLOSE], FIND_COMMENT_CLOSE,
                                si, i + 2, &close_seg, &close_at))
                {
                  node = make_literal_node (ctx, ctx->syn->comment, i + 2, close_at);
                  end = close_at + 2;
                }
            }
          else if ((ch == '[' || (ch == '!' && i + 1 < sg->e && c[i + 1] == '[')) &&
                   !is_escaped (ctx, i))
            {
              gsize open = ch == '!' ? i + 1 : i;
              guint next_seg;
              gsize next_open;

              if (match_at (ctx, FIND_WIKI_OPEN, open, sg->e) &&
                  find_forward (ctx, &memos[FIND_WIKI_CLOSE], FIND_WIKI_CLOSE,
                                si, open + 2, &close_seg, &close_at) &&
                  /* "[[a [[b]]": the last opener before the closer wins. */
                  !(find_forward (ctx, &memos[FIND_WIKI_OPEN], FIND_WIKI_OPEN,
                                  si, open + 1, &next_seg, &next_open) &&
                    (next_seg < close_seg || (next_seg == close_seg && next_open < close_at))) &&
                  make_wikilink (ctx, ch == '!' ? SHEAF_LINK_EMBED : SHEAF_LINK_WIKILINK,
                                 i, open + 2, close_at, &node))
                end = close_at + 2;
            }
          else if (ch == '$' && !is_escaped (ctx, i))
            {
              if (i + 1 < sg->e && c[i + 1] == '$')
                {
                  if (find_forward (ctx, &memos[FIND_DISPLAY_MATH_CLOSE], FIND_DISPLAY_MATH_CLOSE,
                                    si, i + 2, &close_seg, &close_at) &&
                      close_at > i + 2)
                    {
                      node = make_literal_node (ctx, ctx->syn->math, i + 2, close_at);
                      end = close_at + 2;
                    }
                }
              else if (i + 1 < sg->e && c[i + 1] != ' ' && c[i + 1] != '\t' &&
                       find_forward (ctx, &memos[FIND_MATH_CLOSE], FIND_MATH_CLOSE,
                                     si, i + 1, &close_seg, &close_at))
                {
                  node = make_literal_node (ctx, ctx->syn->math, i + 1, close_at);
                  end = close_at + 1;
                }
            }
          else if (ch == '#')
            {
              guint line = content_line_of (ctx, i);
              gboolean at_start = i == g_array_index (ctx->cls, gsize, line);

              if (at_start || c[i - 1] == ' ' || c[i - 1] == '\t')
                {
                  gsize tag_end = scan_tag (ctx, i, sg->e);

                  if (tag_end > i + 1)
                    {
                      SheafTag tag = { 0 };
                      guint tag_line;

                      tag.name = intern (ctx, c + i + 1, tag_end - i - 1);
                      content_span (ctx, i, tag_end, &tag.span, &tag_line);
                      tag.line = tag_line;
                      g_array_append_val (ctx->pending_tags, tag);

                      node = new_node (ctx, ctx->syn->tag);
                      g_string_truncate (ctx->scratch, 0);
                      g_string_append_len (ctx->scratch, c + i, tag_end - i);
                      raw_append_child (node, new_text (ctx, ctx->scratch->str));
                      cmark_node_set_user_data (node, GUINT_TO_POINTER (ctx->pending_tags->len));
                      close_seg = si;
                      end = tag_end;
                    }
                }
            }

          if (node == NULL)
            {
              i++;
              continue;
            }

          replace_range (ctx, si, start, close_seg, end, node);
          si = close_seg;
          if (segment (ctx, si)->node == NULL)
            break;
          i = end;
        }
    }
}

/* Facts of one block */

static void
append_plain (Ctx        *ctx,
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
        {
          node = node->first_child;
          continue;
        }
      while (node != root && node->next == NULL)
        node = node->parent;
      node = node == root ? NULL : node->next;
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
    return intern (ctx, s, len);

  return intern (ctx, decoded, -1);
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
  append_plain (ctx, display, node);
  link.display = intern (ctx, display->str, display->len);
  g_string_free (display, TRUE);

  if (position_to_content (ctx, node->start_line, node->start_column, &s) &&
      position_to_content (ctx, node->end_line, node->end_column, &e) &&
      e >= s && content_span (ctx, s, e + 1, &link.span, &line))
    {
      link.line = line;
      link.raw = intern (ctx, ctx->body + link.span.start - ctx->body_offset,
                         link.span.end - link.span.start);
    }
  else
    {
      link.line = file_line (ctx, node->start_line);
      link.span.start = link.span.end = ctx->body_offset;
      link.raw = intern (ctx, url, -1);
    }

  g_array_append_val (ctx->links, link);
  node_info (ctx, node)->link = ctx->links->len - 1;
}

/* Moves the facts of the nodes made while scanning into the result, in
 * document order, and notes links written in Markdown. */
static void
collect_facts (Ctx        *ctx,
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
              node_info (ctx, node)->link = ctx->links->len - 1;
            }
          else
            {
              g_array_append_val (ctx->tags, g_array_index (ctx->pending_tags, SheafTag, pending - 1));
              node_info (ctx, node)->tag = ctx->tags->len - 1;
            }
          /* Their text children say nothing more. */
          while (node != root && node->next == NULL)
            node = node->parent;
          node = node == root ? NULL : node->next;
          continue;
        }

      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
        add_markdown_link (ctx, node);

      if (node->first_child != NULL)
        {
          node = node->first_child;
          continue;
        }
      while (node != root && node->next == NULL)
        node = node->parent;
      node = node == root ? NULL : node->next;
    }
}

static void
add_block_id (Ctx        *ctx,
              cmark_node *target,
              const char *id,
              gsize       len)
{
  SheafBlockId block_id;

  block_id.id = intern (ctx, id, len);
  block_id.line = file_line (ctx, target->start_line);
  g_array_append_val (ctx->block_ids, block_id);
  node_info (ctx, target)->block_id = ctx->block_ids->len - 1;
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

  content_line (ctx, n_content_lines (ctx) - 1, &ls, &le);
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
    if (segment (ctx, i)->node != NULL && segment (ctx, i)->kind == SEG_TEXT)
      last = i;
  if (last < 0 || segment (ctx, last)->s > j - 1 || segment (ctx, last)->e < le)
    return FALSE;

  replace_range (ctx, last, MAX (cut, segment (ctx, last)->s), last, le, NULL);
  *id_start = j;
  *id_end = le;

  return TRUE;
}

/* "[!type|meta]+ title" at the start of a blockquote's first paragraph. */
static gboolean
parse_callout_header (Ctx          *ctx,
                      SheafCallout *callout,
                      gsize        *header_len,
                      char        **written_type)
{
  const char *c = ctx->content;
  gsize ls, le, i, type_end, meta_start = 0, meta_end = 0;

  content_line (ctx, 0, &ls, &le);
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
  callout->meta = meta_start > 0 ? intern (ctx, c + meta_start, meta_end - meta_start) : NO_STRING;
  *header_len = i;

  return TRUE;
}

static gboolean
first_segment_covers (Ctx   *ctx,
                      gsize  len)
{
  return ctx->segments->len > 0 &&
         segment (ctx, 0)->kind == SEG_TEXT &&
         segment (ctx, 0)->s == 0 && segment (ctx, 0)->e >= len;
}

/* Moves the callout's first line into its title block. */
static cmark_node *
split_callout_title (Ctx        *ctx,
                     cmark_node *paragraph)
{
  cmark_node *title = new_node (ctx, ctx->syn->callout_title);
  cmark_node *child;

  copy_position (title, paragraph);
  title->end_line = title->start_line;
  raw_insert_before (paragraph, title);

  while ((child = paragraph->first_child) != NULL)
    {
      if (child->type == CMARK_NODE_SOFTBREAK || child->type == CMARK_NODE_LINEBREAK)
        {
          cmark_node_free (child);
          break;
        }
      cmark_node_unlink (child);
      raw_append_child (title, child);
    }

  return title;
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
  cmark_node *title = NULL;

  ctx->is_cell = block->type == CMARK_NODE_TABLE_CELL;
  ctx->is_atx = is_heading && !block->as.heading.setext;
  begin_block (ctx, block, block->start_line, block->start_column - 1 + block->internal_offset);
  collect_segments (ctx);
  g_array_set_size (ctx->pending_links, 0);
  g_array_set_size (ctx->pending_tags, 0);

  if (is_paragraph && parent != NULL && parent->first_child == block &&
      parent->type == CMARK_NODE_BLOCK_QUOTE &&
      parse_callout_header (ctx, &callout, &header_len, &written_type))
    {
      if (first_segment_covers (ctx, header_len))
        is_callout = TRUE;
      else
        g_clear_pointer (&written_type, g_free);
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
          is_task = first_segment_covers (ctx, header_len);
        }
    }

  if (is_callout || is_task)
    {
      if (header_len > 0)
        replace_range (ctx, 0, 0, 0, header_len, NULL);
      if (is_task)
        {
          cmark_node_set_syntax_extension (parent, ctx->syn->tasklist);
          cmark_gfm_extensions_set_tasklist_item_checked (parent, TRUE);
        }
    }

  if (is_callout)
    {
      char *canonical = sheaf_callout_canonical_type (written_type);

      callout.type = intern (ctx, canonical, -1);
      g_free (canonical);
      callout.depth = ctx->quote_depth;
      callout.line = file_line (ctx, parent->start_line);
      g_array_append_val (ctx->callouts, callout);
      node_info (ctx, parent)->callout = ctx->callouts->len - 1;
    }

  if ((is_paragraph || is_heading) && !ctx->is_cell)
    has_id = strip_trailing_block_id (ctx, &id_start, &id_end);

  scan_tokens (ctx);

  if (is_callout)
    {
      GString *text = g_string_new (NULL);
      SheafCallout *fact = &g_array_index (ctx->callouts, SheafCallout, ctx->callouts->len - 1);

      title = split_callout_title (ctx, block);
      collect_facts (ctx, title);
      append_plain (ctx, text, title);
      g_strstrip (text->str);
      if (text->str[0] == '\0')
        {
          g_autofree char *shown = sheaf_callout_default_title (written_type);

          while (title->first_child != NULL)
            cmark_node_free (title->first_child);
          raw_append_child (title, new_text (ctx, shown));
          fact->title = intern (ctx, shown, -1);
        }
      else
        {
          fact->title = intern (ctx, text->str, -1);
        }
      g_string_free (text, TRUE);
    }

  collect_facts (ctx, block);

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
    {
      SheafHeading heading = { 0 };
      GString *text = g_string_new (NULL);
      gsize ls = 0, le = 0;
      int last_line = block->start_line;

      append_plain (ctx, text, block);
      g_strstrip (text->str);
      heading.level = cmark_node_get_heading_level (block);
      heading.text = intern (ctx, text->str, -1);
      heading.line = file_line (ctx, block->start_line);
      if (block->as.heading.setext)
        last_line += n_content_lines (ctx);
      if (body_line (ctx, block->start_line, &ls, &le))
        heading.span.start = ctx->body_offset + MIN (ls + block->start_column - 1, le);
      if (body_line (ctx, last_line, &ls, &le))
        heading.span.end = ctx->body_offset + le;
      heading.span.end = MAX (heading.span.end, heading.span.start);
      g_array_append_val (ctx->headings, heading);
      g_string_free (text, TRUE);
    }

  if (is_callout && block->first_child == NULL)
    cmark_node_free (block);
}

/* Blocks */

static void
trim_range (const char *c,
            gsize      *s,
            gsize      *e)
{
  while (*s < *e && g_ascii_isspace (c[*s]))
    (*s)++;
  while (*e > *s && g_ascii_isspace (c[*e - 1]))
    (*e)--;
}

static gboolean
paragraph_ends_with (cmark_node *node,
                     const char *marker)
{
  const char *c = (const char *) node->content.ptr;
  gsize s = 0, e = node->content.size;

  if (node->type != CMARK_NODE_PARAGRAPH || c == NULL)
    return FALSE;
  trim_range (c, &s, &e);

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
  trim_range (c, &s, &e);
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

      trim_range (c, &is, &ie);
      begin_block (ctx, paragraph, paragraph->start_line, 0);
      node = make_literal_node (ctx, type, is, ie);
    }
  else
    {
      gsize bs = 0, be = 0, ls, le;

      if (body_line (ctx, paragraph->start_line, &ls, &le))
        bs = MIN (ls + paragraph->start_column - 1, le);
      if (body_line (ctx, MAX (last->end_line, paragraph->start_line), &ls, &le))
        be = le;
      be = MAX (bs, be);
      node = new_node (ctx, type);
      g_string_truncate (ctx->scratch, 0);
      g_string_append_len (ctx->scratch, ctx->body + bs, be - bs);
      g_strstrip (ctx->scratch->str);
      cmark_node_set_string_content (node, ctx->scratch->str);
    }

  copy_position (node, paragraph);
  node->end_line = MAX (last->end_line, paragraph->start_line);
  node->end_column = last->end_column;
  raw_insert_before (paragraph, node);

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
  trim_range (c, &s, &e);
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

static void
walk_blocks (Ctx        *ctx,
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

/* Result */

static gpointer
steal_array (GArray *array,
             guint  *n)
{
  *n = array->len;
  if (array->len == 0)
    return NULL;

  return g_memdup2 (array->data, (gsize) array->len * g_array_get_element_size (array));
}

static SheafParseResult *
finish_result (Ctx        *ctx,
               cmark_node *document,
               gboolean    keep_tree)
{
  SheafParseResult *self = g_new0 (SheafParseResult, 1);
  char *s;

  g_atomic_ref_count_init (&self->ref_count);
  self->strings = s = g_memdup2 (ctx->strings->str, ctx->strings->len + 1);
  self->headings = steal_array (ctx->headings, &self->n_headings);
  self->links = steal_array (ctx->links, &self->n_links);
  self->tags = steal_array (ctx->tags, &self->n_tags);
  self->callouts = steal_array (ctx->callouts, &self->n_callouts);
  self->block_ids = steal_array (ctx->block_ids, &self->n_block_ids);

  for (guint i = 0; i < self->n_headings; i++)
    self->headings[i].text = fix_string (s, self->headings[i].text);
  for (guint i = 0; i < self->n_links; i++)
    {
      SheafLink *link = &self->links[i];

      link->raw = fix_string (s, link->raw);
      link->target = fix_string (s, link->target);
      link->fragment = fix_string (s, link->fragment);
      link->display = fix_string (s, link->display);
    }
  for (guint i = 0; i < self->n_tags; i++)
    self->tags[i].name = fix_string (s, self->tags[i].name);
  for (guint i = 0; i < self->n_callouts; i++)
    {
      self->callouts[i].type = fix_string (s, self->callouts[i].type);
      self->callouts[i].meta = fix_string (s, self->callouts[i].meta);
      self->callouts[i].title = fix_string (s, self->callouts[i].title);
    }
  for (guint i = 0; i < self->n_block_ids; i++)
    self->block_ids[i].id = fix_string (s, self->block_ids[i].id);

  if (keep_tree)
    {
      guint n = ctx->info_indexes->len;

      self->document = document;
      self->node_infos = n > 0 ? g_new0 (NodeInfo, n) : NULL;
      for (guint i = 0; i < n; i++)
        {
          NodeInfoIndex *index = &g_array_index (ctx->info_indexes, NodeInfoIndex, i);
          NodeInfo *info = &self->node_infos[i];

          info->link = index->link >= 0 ? &self->links[index->link] : NULL;
          info->callout = index->callout >= 0 ? &self->callouts[index->callout] : NULL;
          info->tag = index->tag >= 0 ? self->tags[index->tag].name : NULL;
          info->block_id = index->block_id >= 0 ? self->block_ids[index->block_id].id : NULL;
          cmark_node_set_user_data (g_ptr_array_index (ctx->info_nodes, i), info);
        }
    }
  else
    {
      cmark_node_free (document);
    }

  return self;
}

/**
 * sheaf_markdown_parse:
 * @text: the whole file, not necessarily NUL-terminated
 * @length: bytes in @text
 * @body_offset: where the Markdown starts (after the frontmatter)
 * @flags: %SHEAF_PARSE_KEEP_TREE to keep the cmark tree for rendering
 *
 * Parses text[body_offset, length). Lines and spans in the result are those
 * of the whole file. Safe to call from any thread.
 *
 * Returns: (transfer full): the parse result
 */
SheafParseResult *
sheaf_markdown_parse (const char      *text,
                      gsize            length,
                      gsize            body_offset,
                      SheafParseFlags  flags)
{
  Ctx ctx = { 0 };
  cmark_node *document;
  SheafParseResult *result;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (text == NULL)
    text = "";
  body_offset = MIN (body_offset, length);

  ctx.syn = sheaf_syntax_get ();
  ctx.mem = cmark_get_default_mem_allocator ();
  ctx.body = text + body_offset;
  ctx.body_len = MIN (length - body_offset, MAX_BODY);
  ctx.body_offset = body_offset;
  ctx.first_line = 1;
  for (const char *p = text; p < text + body_offset; p++)
    {
      if (*p == '\n' || (*p == '\r' && (p + 1 == text + body_offset || p[1] != '\n')))
        ctx.first_line++;
    }

  ctx.line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  ctx.strings = g_string_sized_new (256);
  ctx.headings = g_array_new (FALSE, FALSE, sizeof (SheafHeading));
  ctx.links = g_array_new (FALSE, FALSE, sizeof (SheafLink));
  ctx.tags = g_array_new (FALSE, FALSE, sizeof (SheafTag));
  ctx.callouts = g_array_new (FALSE, FALSE, sizeof (SheafCallout));
  ctx.block_ids = g_array_new (FALSE, FALSE, sizeof (SheafBlockId));
  ctx.info_nodes = g_ptr_array_new ();
  ctx.info_indexes = g_array_new (FALSE, FALSE, sizeof (NodeInfoIndex));
  ctx.pending_links = g_array_new (FALSE, FALSE, sizeof (SheafLink));
  ctx.pending_tags = g_array_new (FALSE, FALSE, sizeof (SheafTag));
  ctx.scratch = g_string_sized_new (128);
  ctx.cls = g_array_new (FALSE, FALSE, sizeof (gsize));
  ctx.cfile = g_array_new (FALSE, FALSE, sizeof (gssize));
  ctx.segments = g_array_new (FALSE, FALSE, sizeof (Segment));

  build_line_starts (&ctx);
  /* Strikethrough, highlight and autolinks only change how things look;
   * without them the parse runs lock-free (see sheaf_syntax_parse()). */
  document = sheaf_syntax_parse (ctx.body, ctx.body_len,
                                 CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES,
                                 (flags & SHEAF_PARSE_KEEP_TREE) != 0);
  walk_blocks (&ctx, document);
  result = finish_result (&ctx, document, (flags & SHEAF_PARSE_KEEP_TREE) != 0);

  g_array_unref (ctx.line_starts);
  g_string_free (ctx.strings, TRUE);
  g_array_unref (ctx.headings);
  g_array_unref (ctx.links);
  g_array_unref (ctx.tags);
  g_array_unref (ctx.callouts);
  g_array_unref (ctx.block_ids);
  g_ptr_array_unref (ctx.info_nodes);
  g_array_unref (ctx.info_indexes);
  g_array_unref (ctx.pending_links);
  g_array_unref (ctx.pending_tags);
  g_string_free (ctx.scratch, TRUE);
  g_array_unref (ctx.cls);
  g_array_unref (ctx.cfile);
  g_array_unref (ctx.segments);

  return result;
}

SheafParseResult *
sheaf_parse_result_ref (SheafParseResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
sheaf_parse_result_unref (SheafParseResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->document, cmark_node_free);
  g_free (self->headings);
  g_free (self->links);
  g_free (self->tags);
  g_free (self->callouts);
  g_free (self->block_ids);
  g_free (self->node_infos);
  g_free (self->strings);
  g_free (self);
}

cmark_node *
sheaf_parse_result_get_document (SheafParseResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->document;
}

#define DEFINE_GETTER(Type, name)                                             \
const Type *                                                                  \
sheaf_parse_result_get_##name (SheafParseResult *self,                        \
                               guint            *n_##name)                    \
{                                                                             \
  g_return_val_if_fail (self != NULL, NULL);                                  \
                                                                              \
  if (n_##name != NULL)                                                       \
    *n_##name = self->n_##name;                                               \
                                                                              \
  return self->name;                                                          \
}

DEFINE_GETTER (SheafHeading, headings)
DEFINE_GETTER (SheafLink, links)
DEFINE_GETTER (SheafTag, tags)
DEFINE_GETTER (SheafCallout, callouts)
DEFINE_GETTER (SheafBlockId, block_ids)

/* Nodes of a kept tree */

static inline gboolean
node_has_type (cmark_node      *node,
               cmark_node_type  type)
{
  return node != NULL && cmark_node_get_type (node) == type;
}

static inline const NodeInfo *
get_info (cmark_node *node)
{
  return node != NULL ? cmark_node_get_user_data (node) : NULL;
}

gboolean
sheaf_markdown_node_is_wikilink (cmark_node *node)
{
  return node_has_type (node, sheaf_syntax_get ()->wikilink);
}

gboolean
sheaf_markdown_node_is_highlight (cmark_node *node)
{
  return node_has_type (node, sheaf_syntax_get ()->highlight);
}

gboolean
sheaf_markdown_node_is_comment (cmark_node *node)
{
  return node_has_type (node, sheaf_syntax_get ()->comment) ||
         node_has_type (node, sheaf_syntax_get ()->comment_block);
}

gboolean
sheaf_markdown_node_is_comment_block (cmark_node *node)
{
  return node_has_type (node, sheaf_syntax_get ()->comment_block);
}

gboolean
sheaf_markdown_node_is_tag (cmark_node *node)
{
  return node_has_type (node, sheaf_syntax_get ()->tag);
}

gboolean
sheaf_markdown_node_is_math (cmark_node *node)
{
  return node_has_type (node, sheaf_syntax_get ()->math) ||
         node_has_type (node, sheaf_syntax_get ()->math_block);
}

gboolean
sheaf_markdown_node_is_math_block (cmark_node *node)
{
  return node_has_type (node, sheaf_syntax_get ()->math_block);
}

gboolean
sheaf_markdown_node_is_callout (cmark_node *node)
{
  return sheaf_markdown_node_get_callout (node) != NULL;
}

gboolean
sheaf_markdown_node_is_callout_title (cmark_node *node)
{
  return node_has_type (node, sheaf_syntax_get ()->callout_title);
}

const SheafLink *
sheaf_markdown_node_get_link (cmark_node *node)
{
  const NodeInfo *info = get_info (node);

  return info != NULL ? info->link : NULL;
}

const SheafCallout *
sheaf_markdown_node_get_callout (cmark_node *node)
{
  const NodeInfo *info;

  if (!node_has_type (node, CMARK_NODE_BLOCK_QUOTE))
    return NULL;
  info = get_info (node);

  return info != NULL ? info->callout : NULL;
}

const char *
sheaf_markdown_node_get_tag (cmark_node *node)
{
  const NodeInfo *info;

  if (!sheaf_markdown_node_is_tag (node))
    return NULL;
  info = get_info (node);

  return info != NULL ? info->tag : NULL;
}

const char *
sheaf_markdown_node_get_block_id (cmark_node *node)
{
  const NodeInfo *info = get_info (node);

  return info != NULL ? info->block_id : NULL;
}

const char *
sheaf_markdown_node_get_literal (cmark_node *node)
{
  if (!sheaf_markdown_node_is_math (node) && !sheaf_markdown_node_is_comment (node))
    return NULL;

  return cmark_node_get_string_content (node);
}
