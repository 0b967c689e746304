/* sheaf-markdown.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-markdown"

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <string.h>

#include <cmark-gfm/node.h>

#include "sheaf-arena.h"
#include "sheaf-frontmatter.h"
#include "sheaf-markdown-private.h"

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
 * each block's inlines. sheaf-markdown-private.h lists the files these steps
 * live in. */

G_DEFINE_BOXED_TYPE (SheafParseResult, sheaf_parse_result,
                     sheaf_parse_result_ref, sheaf_parse_result_unref)

/* Strings */

char *
_sheaf_markdown_intern (Ctx        *ctx,
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

/* Lines */

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

/* Node annotations */

NodeInfoIndex *
_sheaf_markdown_node_info (Ctx        *ctx,
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

/* Result */

/* Copies @array to *at and moves *at past it (NULL when it is empty). */
gpointer
_sheaf_markdown_place_array (GArray  *array,
                             guint   *n,
                             guint8 **at)
{
  gsize size = (gsize) array->len * g_array_get_element_size (array);
  gpointer placed = *at;

  *n = array->len;
  if (array->len == 0)
    return NULL;

  memcpy (placed, array->data, size);
  *at += size;

  return placed;
}

/* The result is one allocation: the struct, then each array of facts and
 * their strings, all of exactly their size. A vault keeps one per note, and
 * the index never frees them one fact at a time. */
static void
place_blocks (Ctx              *ctx,
              SheafParseResult *self,
              guint             body_line)
{
  guint n = 0, i = 0;

  for (cmark_node *node = cmark_node_first_child (self->tree->document); node != NULL;
       node = cmark_node_next (node))
    n++;

  self->tree->n_blocks = n;
  self->tree->blocks = g_new (SheafParseBlock, MAX (n, 1));
  self->tree->places = g_new (BlockPlace, MAX (n, 1));
  for (cmark_node *node = cmark_node_first_child (self->tree->document); node != NULL;
       node = cmark_node_next (node), i++)
    {
      int line = MAX (cmark_node_get_start_line (node), 1);
      BlockPlace *place = &self->tree->places[i];

      self->tree->blocks[i].node = node;
      self->tree->blocks[i].line_delta = (int) ctx->first_line - (int) body_line;
      place->base = self;
      if (i == 0 || (guint) line >= ctx->line_starts->len)
        {
          place->start = ctx->body_offset;
          place->line = ctx->first_line;
        }
      else
        {
          place->start = ctx->body_offset + g_array_index (ctx->line_starts, gsize, line - 1);
          place->line = _sheaf_markdown_file_line (ctx, line);
        }
      /* A table can leave what it did not take of a paragraph as a block
       * without a position; blocks that share a line cannot be reparsed
       * apart. */
      if (i > 0 && (cmark_node_get_start_line (node) < 1 || place->start <= place[-1].start))
        self->unsafe = TRUE;
    }
}

static SheafParseResult *
finish_full (Ctx        *ctx,
             cmark_node *document,
             gboolean    keep_tree,
             guint       body_line)
{
  /* Every fact struct holds pointers: their sizes keep what follows aligned. */
  gsize arrays = (gsize) ctx->headings->len * sizeof (SheafHeading) +
                 (gsize) ctx->links->len * sizeof (SheafLink) +
                 (gsize) ctx->tags->len * sizeof (SheafTag) +
                 (gsize) ctx->callouts->len * sizeof (SheafCallout) +
                 (gsize) ctx->block_ids->len * sizeof (SheafBlockId);
  SheafParseResult *self = g_malloc0 (sizeof (SheafParseResult) + arrays + ctx->strings->len + 1);
  guint8 *at = (guint8 *) (self + 1);
  char *s;

  G_STATIC_ASSERT (sizeof (SheafParseResult) % sizeof (gpointer) == 0);

  g_atomic_ref_count_init (&self->ref_count);
  self->headings = _sheaf_markdown_place_array (ctx->headings, &self->n_headings, &at);
  self->links = _sheaf_markdown_place_array (ctx->links, &self->n_links, &at);
  self->tags = _sheaf_markdown_place_array (ctx->tags, &self->n_tags, &at);
  self->callouts = _sheaf_markdown_place_array (ctx->callouts, &self->n_callouts, &at);
  self->block_ids = _sheaf_markdown_place_array (ctx->block_ids, &self->n_block_ids, &at);
  self->strings = s = memcpy (at, ctx->strings->str, ctx->strings->len + 1);

  for (guint i = 0; i < self->n_headings; i++)
    self->headings[i].text = _sheaf_markdown_fix_string (s, self->headings[i].text);
  for (guint i = 0; i < self->n_links; i++)
    {
      SheafLink *link = &self->links[i];

      link->raw = _sheaf_markdown_fix_string (s, link->raw);
      link->target = _sheaf_markdown_fix_string (s, link->target);
      link->fragment = _sheaf_markdown_fix_string (s, link->fragment);
      link->display = _sheaf_markdown_fix_string (s, link->display);
      link->property = _sheaf_markdown_fix_string (s, link->property);
    }
  for (guint i = 0; i < self->n_tags; i++)
    self->tags[i].name = _sheaf_markdown_fix_string (s, self->tags[i].name);
  for (guint i = 0; i < self->n_callouts; i++)
    {
      self->callouts[i].type = _sheaf_markdown_fix_string (s, self->callouts[i].type);
      self->callouts[i].meta = _sheaf_markdown_fix_string (s, self->callouts[i].meta);
      self->callouts[i].title = _sheaf_markdown_fix_string (s, self->callouts[i].title);
    }
  for (guint i = 0; i < self->n_block_ids; i++)
    self->block_ids[i].id = _sheaf_markdown_fix_string (s, self->block_ids[i].id);

  if (keep_tree)
    {
      guint n = ctx->info_indexes->len;

      self->tree = g_new0 (ParseTree, 1);
      self->tree->document = document;
      self->tree->node_infos = n > 0 ? g_new0 (NodeInfo, n) : NULL;
      for (guint i = 0; i < n; i++)
        {
          NodeInfoIndex *index = &g_array_index (ctx->info_indexes, NodeInfoIndex, i);
          NodeInfo *info = &self->tree->node_infos[i];

          info->link = index->link >= 0 ? &self->links[index->link] : NULL;
          info->callout = index->callout >= 0 ? &self->callouts[index->callout] : NULL;
          info->tag = index->tag >= 0 ? self->tags[index->tag].name : NULL;
          info->block_id = index->block_id >= 0 ? self->block_ids[index->block_id].id : NULL;
          cmark_node_set_user_data (g_ptr_array_index (ctx->info_nodes, i), info);
        }
      self->keep_tree = TRUE;
      place_blocks (ctx, self, body_line);
    }
  /* Otherwise the tree lives in the scratch arena, which the caller drops. */

  return self;
}

static SheafParseResult *
finish_result (Ctx        *ctx,
               cmark_node *document,
               gboolean    keep_tree,
               guint       body_line)
{
  if (!keep_tree && ctx->body_offset + ctx->body_len < COMPACT_MAX)
    return _sheaf_markdown_finish_compact (ctx);

  return finish_full (ctx, document, keep_tree, body_line);
}

/* What a reparse of part of the note cannot see from that part: link
 * reference definitions and footnotes (cmark resolves them across the whole
 * note) and $$ (a $$ paragraph left open pairs with a later one, however far).
 * Conservative: "]:" after what could only be container markers counts as a
 * definition. */
gboolean
_sheaf_markdown_text_is_unsafe (const char *text,
                                gsize       length)
{
  const char *end = text + length;
  const char *p = text;

  if (memmem (text, length, "[^", 2) != NULL || memmem (text, length, "$$", 2) != NULL)
    return TRUE;

  while ((p = memmem (p, end - p, "]:", 2)) != NULL)
    {
      const char *q = p;

      while (q > text && q[-1] != '\n' && q[-1] != '\r')
        q--;
      while (q < p && (*q == ' ' || *q == '\t' || *q == '>' || *q == '-' || *q == '*' ||
                       *q == '+' || *q == '.' || *q == ')' || g_ascii_isdigit (*q)))
        q++;
      if (*q == '[')
        return TRUE;
      p += 2;
    }

  return FALSE;
}

/* cmark ends a block closed on the line it began (an HTML block such as
 * "<!-- x -->") at the end of the line before, which a parse beginning at
 * @start does not have: give it the length that line has. */
static void
fix_first_line_ends (const char *text,
                     gsize       start,
                     cmark_node *document)
{
  cmark_node *first = cmark_node_first_child (document);
  gsize e = start, s;
  cmark_iter *iter;

  if (first == NULL || cmark_node_get_start_line (first) != 1)
    return;

  if (e > 0 && text[e - 1] == '\n')
    e--;
  if (e > 0 && text[e - 1] == '\r')
    e--;
  for (s = e; s > 0 && text[s - 1] != '\n' && text[s - 1] != '\r'; s--)
    ;

  iter = cmark_iter_new (first);
  while (cmark_iter_next (iter) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (node->start_line == 1 && node->end_line == 0)
        node->end_column = e - s;
    }
  cmark_iter_free (iter);
}

/* Blocks still open where a parse stopped before the text's end. */
#define NODE_FLAG_OPEN (1 << 13)

/* A fenced code block or a setext heading still open where a parse ends
 * would end, had the text gone on, on the next line (cmark's finalize()
 * gives them the line that closes them), which begins at @end in @text. */
static void
fix_last_line_ends (const char *text,
                    gsize       end,
                    gsize       length,
                    cmark_node *document)
{
  gsize e = end;

  while (e < length && text[e] != '\n' && text[e] != '\r')
    e++;

  for (cmark_node *node = document; node != NULL; node = node->last_child)
    {
      gboolean closes_late = (node->type == CMARK_NODE_CODE_BLOCK && node->as.code.fenced) ||
                             (node->type == CMARK_NODE_HEADING && node->as.heading.setext);

      if (closes_late && (node->flags & NODE_FLAG_OPEN))
        {
          node->end_line = document->end_line + 1;
          node->end_column = e - end;
        }
      node->flags &= ~NODE_FLAG_OPEN;
    }
}

/* Parses text[start, end), which begins at file line @first_line, as (part
 * of) a note's body beginning at byte @body_start and line @body_line and
 * ending at @text_end: a reparse of part of a body gives what a parse of the
 * whole would, where it begins and ends a top-level block. */
SheafParseResult *
_sheaf_markdown_parse_range (const char          *text,
                             gsize                start,
                             gsize                end,
                             gsize                text_end,
                             guint                first_line,
                             gsize                body_start,
                             guint                body_line,
                             const PropertyLinks *props,
                             SheafParseFlags      flags)
{
  Ctx ctx = { 0 };
  cmark_node *document;
  SheafParseResult *result;
  gboolean keep_tree = (flags & SHEAF_PARSE_KEEP_TREE) != 0;
  gsize typical, n_links;

  ctx.syn = sheaf_syntax_get ();
  /* A tree that is dropped after the parse is made in a scratch arena: no
   * malloc per node, and no walk to free it (see sheaf-arena.c). */
  ctx.mem = keep_tree ? cmark_get_default_mem_allocator () : sheaf_arena_cmark_begin ();
  ctx.body = text + start;
  ctx.body_len = MIN (end - start, MAX_BODY);
  ctx.body_offset = start;
  ctx.body_start = body_start;
  ctx.keep_tree = keep_tree;
  ctx.first_line = first_line;

  /* Sized for a typical note (a line per 40 bytes, a link per 150, facts
   * taking half the text), so that the arrays are not regrown a dozen times
   * per note; they are the parse's scratch, the result copies them. A large
   * note grows them as it needs. */
  typical = MIN (ctx.body_len, 64 * 1024);
  n_links = typical / 150 + 4;
  ctx.line_starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), typical / 40 + 2);
  ctx.strings = g_string_sized_new (typical / 2 + 64);
  ctx.headings = g_array_sized_new (FALSE, FALSE, sizeof (SheafHeading), 16);
  ctx.links = g_array_sized_new (FALSE, FALSE, sizeof (SheafLink), n_links);
  ctx.tags = g_array_sized_new (FALSE, FALSE, sizeof (SheafTag), 16);
  ctx.callouts = g_array_new (FALSE, FALSE, sizeof (SheafCallout));
  ctx.block_ids = g_array_new (FALSE, FALSE, sizeof (SheafBlockId));
  ctx.info_nodes = g_ptr_array_sized_new (n_links);
  ctx.info_indexes = g_array_sized_new (FALSE, FALSE, sizeof (NodeInfoIndex), n_links);
  ctx.pending_links = g_array_new (FALSE, FALSE, sizeof (SheafLink));
  ctx.pending_tags = g_array_new (FALSE, FALSE, sizeof (SheafTag));
  ctx.scratch = g_string_sized_new (128);
  ctx.cls = g_array_new (FALSE, FALSE, sizeof (gsize));
  ctx.cfile = g_array_new (FALSE, FALSE, sizeof (gssize));
  ctx.segments = g_array_new (FALSE, FALSE, sizeof (Segment));

  build_line_starts (&ctx);
  _sheaf_markdown_add_property_links (&ctx, props);
  /* Strikethrough, highlight and autolinks only change how things look;
   * without them the parse runs lock-free (see sheaf_syntax_parse()). */
  document = sheaf_syntax_parse_with_mem (ctx.body, ctx.body_len,
                                          CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES,
                                          keep_tree, ctx.mem, end < text_end ? NODE_FLAG_OPEN : 0);
  if (start > body_start)
    fix_first_line_ends (text, start, document);
  if (end < text_end)
    fix_last_line_ends (text, end, text_end, document);
  _sheaf_markdown_walk_blocks (&ctx, document);
  result = finish_result (&ctx, document, keep_tree, body_line);
  result->body_offset = start;
  result->length = end;
  result->first_line = first_line;
  if (!keep_tree)
    sheaf_arena_cmark_end ();

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

/* Parses text[body_offset, length), the frontmatter's links first. */
SheafParseResult *
_sheaf_markdown_parse_body (const char          *text,
                            gsize                length,
                            gsize                body_offset,
                            const PropertyLinks *props,
                            SheafParseFlags      flags)
{
  SheafParseResult *result;
  guint first_line = 1;

  if (text == NULL)
    text = "";
  body_offset = MIN (body_offset, length);

  for (const char *p = text; p < text + body_offset; p++)
    {
      if (*p == '\n' || (*p == '\r' && (p + 1 == text + body_offset || p[1] != '\n')))
        first_line++;
    }

  result = _sheaf_markdown_parse_range (text, body_offset, length, length, first_line, body_offset,
                                        first_line, props, flags);
  /* Only a tree is ever reparsed: the index has no use for the check. */
  if (result->keep_tree)
    result->unsafe |= length - body_offset > MAX_BODY ||
                     _sheaf_markdown_text_is_unsafe (text + body_offset, length - body_offset);

  return result;
}

/**
 * sheaf_markdown_parse:
 * @text: the whole file, not necessarily NUL-terminated
 * @length: bytes in @text
 * @body_offset: where the Markdown starts (after the frontmatter)
 * @flags: %SHEAF_PARSE_KEEP_TREE to keep the cmark tree for rendering
 *
 * Parses text[body_offset, length). Lines and spans in the result are those
 * of the whole file. Safe to call from any thread. The frontmatter's links
 * are not in this result: see sheaf_markdown_parse_note().
 *
 * Returns: (transfer full): the parse result
 */
SheafParseResult *
sheaf_markdown_parse (const char      *text,
                      gsize            length,
                      gsize            body_offset,
                      SheafParseFlags  flags)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  return _sheaf_markdown_parse_body (text, length, body_offset, NULL, flags);
}

/**
 * sheaf_markdown_parse_note:
 * @text: the whole file, not necessarily NUL-terminated
 * @length: bytes in @text
 * @frontmatter: the frontmatter of @text
 * @flags: %SHEAF_PARSE_KEEP_TREE to keep the cmark tree for rendering
 *
 * sheaf_markdown_parse() of the body after @frontmatter, with the links
 * written in @frontmatter's values first among the links (see
 * sheaf-markdown-props.c): a note's links, wherever they are written.
 *
 * Returns: (transfer full): the parse result
 */
SheafParseResult *
sheaf_markdown_parse_note (const char       *text,
                           gsize             length,
                           SheafFrontmatter *frontmatter,
                           SheafParseFlags   flags)
{
  PropertyLinks props = { frontmatter, NULL, 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (frontmatter != NULL, NULL);

  return _sheaf_markdown_parse_body (text, length, sheaf_frontmatter_get_body_offset (frontmatter),
                                     &props, flags);
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

  if (self->compact)
    {
      /* Its links are a block of their own (_sheaf_markdown_build_links()). */
      g_free (self->links);
      if (self->pooled)
        _sheaf_markdown_release_pooled (self);
    }
  if (self->tree != NULL)
    {
      ParseTree *tree = self->tree;

      g_clear_pointer (&tree->document, cmark_node_free);
      g_free (tree->node_infos);
      g_free (tree->blocks);
      g_free (tree->places);
      g_free (tree->facts);
      if (tree->bases != NULL)
        g_ptr_array_unref (tree->bases);
      g_clear_pointer (&tree->text, g_bytes_unref);
      g_clear_pointer (&tree->full, sheaf_parse_result_unref);
      if (tree->bases != NULL)
        g_mutex_clear (&tree->lock);
      g_free (tree);
    }
  /* A base's facts and their strings are in the same block (finish_result()). */
  g_free (self);
}

/**
 * sheaf_parse_result_get_document:
 * @self: a parse result
 *
 * The whole tree, or %NULL when it was not kept. A result of
 * sheaf_markdown_reparse() has no tree of its own (its blocks are in
 * sheaf_parse_result_get_blocks()): the first call makes one with a full
 * parse, which only tests should need.
 *
 * Returns: (transfer none) (nullable): the document node
 */
cmark_node *
sheaf_parse_result_get_document (SheafParseResult *self)
{
  ParseTree *tree;
  cmark_node *document;

  g_return_val_if_fail (self != NULL, NULL);

  tree = self->tree;
  if (tree == NULL)
    return NULL;
  if (tree->document != NULL || tree->text == NULL)
    return tree->document;

  g_mutex_lock (&tree->lock);
  if (tree->full == NULL)
    {
      gsize length;
      const char *text = g_bytes_get_data (tree->text, &length);

      tree->full = sheaf_markdown_parse (text, length, self->body_offset, SHEAF_PARSE_KEEP_TREE);
    }
  document = tree->full->tree->document;
  g_mutex_unlock (&tree->lock);

  return document;
}

gboolean
sheaf_parse_result_has_tree (SheafParseResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->keep_tree;
}

/**
 * sheaf_parse_result_get_blocks:
 * @self: a parse result with a kept tree
 * @n_blocks: (out) (optional): the number of blocks
 *
 * The top-level blocks of the tree, in order: what a renderer walks. See
 * #SheafParseBlock for their lines.
 *
 * Returns: (transfer none) (array length=n_blocks) (nullable): the blocks
 */
const SheafParseBlock *
sheaf_parse_result_get_blocks (SheafParseResult *self,
                               guint            *n_blocks)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_blocks != NULL)
    *n_blocks = self->tree != NULL ? self->tree->n_blocks : 0;

  return self->tree != NULL ? self->tree->blocks : NULL;
}

/* Whether sheaf_markdown_reparse() made @self from part of the note. */
gboolean
sheaf_parse_result_is_partial (SheafParseResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->tree != NULL && self->tree->bases != NULL;
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
DEFINE_GETTER (SheafTag, tags)
DEFINE_GETTER (SheafCallout, callouts)
DEFINE_GETTER (SheafBlockId, block_ids)

/**
 * sheaf_parse_result_get_links:
 * @self: a parse result
 * @n_links: (out) (optional): the number of links
 *
 * The links, in document order. A result without a tree keeps them compact
 * and builds this array on the first call (then keeps it): to read only
 * their targets, sheaf_parse_result_get_link_target() costs nothing.
 *
 * Returns: (transfer none) (array length=n_links) (nullable): the links
 */
const SheafLink *
sheaf_parse_result_get_links (SheafParseResult *self,
                              guint            *n_links)
{
  SheafLink *links;

  g_return_val_if_fail (self != NULL, NULL);

  if (n_links != NULL)
    *n_links = self->n_links;

  if (!self->compact)
    return self->links;

  links = g_atomic_pointer_get (&self->links);
  if (links == NULL && self->n_links == 0)
    return NULL;
  if (links == NULL)
    links = _sheaf_markdown_build_links (self);

  return links;
}

/**
 * sheaf_parse_result_get_n_links:
 * @self: a parse result
 *
 * Returns: the number of links
 */
guint
sheaf_parse_result_get_n_links (SheafParseResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_links;
}

/**
 * sheaf_parse_result_get_link_target:
 * @self: a parse result
 * @index: a link, below sheaf_parse_result_get_n_links()
 *
 * The #SheafLink.target of link @index, without building the links (see
 * sheaf_parse_result_get_links()): what resolving every link of a vault reads.
 *
 * Returns: (transfer none): the target
 */
const char *
sheaf_parse_result_get_link_target (SheafParseResult *self,
                                    guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_links, NULL);

  if (!self->compact)
    return self->links[index].target;

  return self->compact_links[index].target;
}

/**
 * sheaf_parse_result_get_link_line:
 * @self: a parse result
 * @index: a link, below sheaf_parse_result_get_n_links()
 *
 * Returns: the #SheafLink.line of link @index, without building the links
 */
guint
sheaf_parse_result_get_link_line (SheafParseResult *self,
                                  guint             index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->n_links, 0);

  if (!self->compact)
    return self->links[index].line;

  return self->compact_links[index].line_kind >> 2;
}

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
