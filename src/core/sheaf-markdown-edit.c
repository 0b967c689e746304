/* sheaf-markdown-edit.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-markdown"

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <string.h>

#include "sheaf-markdown-private.h"

/* A keystroke in a long note reparses a few blocks, not the note.
 *
 * cmark reads blocks line by line without looking ahead, so where the old
 * parse began a top-level block, the text before it unchanged, a new parse
 * begins one too with nothing left open: parsing from there is parsing a
 * fresh document. The window starts at the block before the first one the
 * edit touched (a setext underline or a table's delimiter row reaches back
 * into the block before) and ends after the block following the last one.
 * The end needs a check: the edit may have opened something that runs on (a
 * code fence, a %% comment, an HTML block). When the window's parse begins
 * its last block exactly where the old parse began that unchanged block,
 * nothing ran past it, and the rest of the note parses as before, moved by
 * the edit's length. Otherwise the window grows, and after a few tries the
 * note is parsed whole.
 *
 * What no window can see sends every edit to a full parse: reference
 * definitions and footnotes, which cmark resolves across the note, and $$,
 * which pairs with a later $$ however far away (_sheaf_markdown_text_is_unsafe()).
 * So does an edit of the frontmatter (the caller gives a new body offset).
 *
 * tests/test-markdown.c compares reparses of random edits with full parses. */

#define MAX_TRIES 3

/* Line breaks in text[0, length) as cmark counts them: \n, \r\n or \r. */
static guint
count_lines (const char *text,
             gsize       length)
{
  const char *p = text;
  const char *end = text + length;
  guint n = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl : end;

      /* Lone CRs are rare: count them on the way. */
      for (const char *cr = memchr (p, '\r', stop - p); cr != NULL;
           cr = memchr (cr + 1, '\r', stop - cr - 1))
        {
          if (cr + 1 != nl)
            n++;
        }
      if (nl == NULL)
        break;
      n++;
      p = nl + 1;
    }

  return n;
}

/* The last block whose place starts at or before @offset. */
static guint
block_at (SheafParseResult *self,
          gsize             offset)
{
  guint lo = 0, hi = self->tree->n_blocks;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->tree->places[mid].start <= offset)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

static inline guint
fact_line (gconstpointer array,
           gsize         size,
           gsize         line_at,
           guint         i)
{
  return *(const guint *) ((const guint8 *) array + i * size + line_at);
}

typedef struct
{
  gpointer data;   /* NULL when there are none, as in a full parse */
  guint    n;
  gpointer tail;   /* the moved ones */
  guint    n_tail;
} Joined;

/* Copies to @at the facts before line @line_a of @old, all of @mid, and those
 * of @old from line @line_b on, these moved by @lines. Facts come in document
 * order and each lies in the lines of its top-level block, so lines split
 * them by block. Returns where the next array goes. */
static guint8 *
join_facts (guint8        *at,
            gconstpointer  old,
            guint          n_old,
            gconstpointer  mid,
            guint          n_mid,
            gsize          size,
            gsize          line_at,
            guint          line_a,
            guint          line_b,
            int            lines,
            Joined        *out)
{
  guint before = 0, after;

  while (before < n_old && fact_line (old, size, line_at, before) < line_a)
    before++;
  after = before;
  while (after < n_old && fact_line (old, size, line_at, after) < line_b)
    after++;

  out->n = before + n_mid + (n_old - after);
  out->data = out->n > 0 ? at : NULL;
  /* memcpy() wants pointers even for nothing; no facts is NULL here. */
  if (before > 0)
    memcpy (at, old, before * size);
  at += before * size;
  if (n_mid > 0)
    memcpy (at, mid, n_mid * size);
  at += n_mid * size;
  out->tail = at;
  out->n_tail = n_old - after;
  if (out->n_tail > 0)
    memcpy (at, (const guint8 *) old + after * size, out->n_tail * size);
  for (guint i = 0; i < out->n_tail; i++)
    *(guint *) (at + i * size + line_at) += lines;

  return at + out->n_tail * size;
}

static inline void
shift_span (SheafSpan *span,
            gsize      body_offset,
            gssize     bytes)
{
  /* A link whose place was lost stands at the body's start: no move. */
  if (span->start == body_offset && span->end == body_offset)
    return;
  span->start += bytes;
  span->end += bytes;
}

static gsize
facts_size (SheafParseResult *a,
            SheafParseResult *b)
{
  return (gsize) (a->n_headings + b->n_headings) * sizeof (SheafHeading) +
         (gsize) (a->n_links + b->n_links) * sizeof (SheafLink) +
         (gsize) (a->n_tags + b->n_tags) * sizeof (SheafTag) +
         (gsize) (a->n_callouts + b->n_callouts) * sizeof (SheafCallout) +
         (gsize) (a->n_block_ids + b->n_block_ids) * sizeof (SheafBlockId);
}

/* @previous with the blocks [k, after) replaced by those of @slice. */
static SheafParseResult *
assemble (SheafParseResult *previous,
          SheafParseResult *slice,
          GBytes           *bytes,
          guint             k,
          guint             after,
          gssize            delta,
          int               lines)
{
  SheafParseResult *self = g_new0 (SheafParseResult, 1);
  ParseTree *tree = g_new0 (ParseTree, 1);
  ParseTree *prev = previous->tree;
  ParseTree *part = slice->tree;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gsize body_offset = previous->body_offset;
  Joined joined;
  guint line_a = prev->places[k].line;
  guint line_b = after < prev->n_blocks ? prev->places[after].line : G_MAXUINT;
  guint n_tail = prev->n_blocks - after;
  guint8 *at;
  guint i = 0;

  g_atomic_ref_count_init (&self->ref_count);
  self->tree = tree;
  g_mutex_init (&tree->lock);
  self->keep_tree = TRUE;
  self->body_offset = body_offset;
  self->length = g_bytes_get_size (bytes);
  self->first_line = previous->first_line;
  tree->text = g_bytes_ref (bytes);
  tree->bases = g_ptr_array_new_with_free_func ((GDestroyNotify) sheaf_parse_result_unref);

  tree->n_blocks = k + part->n_blocks + n_tail;
  tree->blocks = g_new (SheafParseBlock, MAX (tree->n_blocks, 1));
  tree->places = g_new (BlockPlace, MAX (tree->n_blocks, 1));
  memcpy (tree->blocks, prev->blocks, k * sizeof (SheafParseBlock));
  memcpy (tree->places, prev->places, k * sizeof (BlockPlace));
  memcpy (tree->blocks + k, part->blocks, part->n_blocks * sizeof (SheafParseBlock));
  memcpy (tree->places + k, part->places, part->n_blocks * sizeof (BlockPlace));
  i = k + part->n_blocks;
  memcpy (tree->blocks + i, prev->blocks + after, n_tail * sizeof (SheafParseBlock));
  memcpy (tree->places + i, prev->places + after, n_tail * sizeof (BlockPlace));
  for (; i < tree->n_blocks; i++)
    {
      tree->blocks[i].line_delta += lines;
      tree->places[i].start += delta;
      tree->places[i].line += lines;
    }

  /* The trees the blocks are in, each held once. */
  for (i = 0; i < tree->n_blocks; i++)
    {
      SheafParseResult *base = tree->places[i].base;

      if (g_hash_table_add (seen, base))
        g_ptr_array_add (tree->bases, sheaf_parse_result_ref (base));
    }
  /* An empty window leaves its parse unused: its facts are still copied
   * (strings included), so hold it all the same. */
  if (g_hash_table_add (seen, slice))
    g_ptr_array_add (tree->bases, sheaf_parse_result_ref (slice));
  /* The frontmatter's links are in no block, and come first (before line_a):
   * hold the parse their strings are in. */
  if (previous->n_links > 0 && previous->links[0].property != NULL)
    {
      tree->props = prev->bases != NULL ? prev->props : previous;
      if (g_hash_table_add (seen, tree->props))
        g_ptr_array_add (tree->bases, sheaf_parse_result_ref (tree->props));
    }

  tree->facts = at = g_malloc (MAX (facts_size (previous, slice), 1));

#define JOIN(Type, name)                                                                  \
  at = join_facts (at, previous->name, previous->n_##name, slice->name, slice->n_##name,  \
                   sizeof (Type), G_STRUCT_OFFSET (Type, line), line_a, line_b, lines, &joined); \
  self->name = joined.data;                                                               \
  self->n_##name = joined.n

  JOIN (SheafHeading, headings);
  for (i = 0; i < joined.n_tail; i++)
    shift_span (&((SheafHeading *) joined.tail)[i].span, body_offset, delta);
  JOIN (SheafLink, links);
  for (i = 0; i < joined.n_tail; i++)
    shift_span (&((SheafLink *) joined.tail)[i].span, body_offset, delta);
  JOIN (SheafTag, tags);
  for (i = 0; i < joined.n_tail; i++)
    shift_span (&((SheafTag *) joined.tail)[i].span, body_offset, delta);
  JOIN (SheafCallout, callouts);
  JOIN (SheafBlockId, block_ids);
#undef JOIN

  return self;
}

/* A full parse; the frontmatter's links of @previous stay when the edit
 * left the frontmatter alone. */
static SheafParseResult *
parse_whole (SheafParseResult    *previous,
             GBytes              *bytes,
             gsize                body_offset,
             const SheafTextEdit *edit,
             SheafParseFlags      flags)
{
  PropertyLinks props = { NULL, NULL, 0 };
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);

  if (previous != NULL && edit != NULL && previous->body_offset == body_offset &&
      edit->start >= body_offset)
    {
      props.n_links = _sheaf_markdown_n_property_links (previous);
      props.links = sheaf_parse_result_get_links (previous, NULL);
    }

  return _sheaf_markdown_parse_body (text, length, body_offset, &props, flags);
}

/**
 * sheaf_markdown_reparse:
 * @previous: (nullable): the parse of the text before @edit
 * @bytes: the whole file after @edit
 * @body_offset: where the Markdown starts in @bytes
 * @edit: (nullable): what changed since @previous, in bytes of the file
 * @flags: the parse flags; only a kept tree is reparsed in part
 *
 * What sheaf_markdown_parse() gives for @bytes, made by parsing only the top-
 * level blocks @edit touched (and one on either side) when it safely can, and
 * by parsing @bytes whole when it cannot. The result shares @previous's
 * trees: see #SheafParseBlock for what that means for lines of nodes. The
 * links of the frontmatter (sheaf_markdown_parse_note()) are @previous's when
 * @edit is in the body, else there are none. Safe to call from any thread.
 *
 * Returns: (transfer full): the parse result
 */
SheafParseResult *
sheaf_markdown_reparse (SheafParseResult    *previous,
                        GBytes              *bytes,
                        gsize                body_offset,
                        const SheafTextEdit *edit,
                        SheafParseFlags      flags)
{
  const char *text;
  gsize length;
  guint first, last, k, n;

  g_return_val_if_fail (bytes != NULL, NULL);

  text = g_bytes_get_data (bytes, &length);
  if (text == NULL)
    text = "";
  body_offset = MIN (body_offset, length);

  if (previous == NULL || edit == NULL || (flags & SHEAF_PARSE_KEEP_TREE) == 0 ||
      !previous->keep_tree || previous->unsafe || previous->tree->n_blocks == 0 ||
      previous->body_offset != body_offset || edit->start < body_offset ||
      edit->old_end < edit->start || edit->new_end < edit->start ||
      edit->old_end > previous->length || edit->new_end > length ||
      previous->length - edit->old_end != length - edit->new_end ||
      length - body_offset > MAX_BODY)
    return parse_whole (previous, bytes, body_offset, edit, flags);

  n = previous->tree->n_blocks;
  first = block_at (previous, edit->start);
  last = block_at (previous, edit->old_end);
  k = first > 0 ? first - 1 : 0;

  for (guint tries = 0, extra = 1; tries < MAX_TRIES; tries++, extra *= 4)
    {
      g_autoptr(SheafParseResult) slice = NULL;
      gssize delta = (gssize) edit->new_end - (gssize) edit->old_end;
      guint j = MIN (last + extra, n - 1);  /* the unchanged block ending the window */
      guint after = j + 1;
      gsize from = previous->tree->places[k].start;
      gsize to = after < n ? previous->tree->places[after].start + delta : length;
      int lines = 0;

      if (_sheaf_markdown_text_is_unsafe (text + from, to - from))
        break;

      slice = _sheaf_markdown_parse_range (text, from, to, length, previous->tree->places[k].line,
                                           body_offset, previous->first_line, NULL, flags);
      if (slice->unsafe)
        break;
      if (after < n)
        {
          gsize expected = previous->tree->places[j].start + delta;

          if (j <= last || slice->tree->n_blocks == 0 ||
              slice->tree->places[slice->tree->n_blocks - 1].start != expected)
            continue;
          lines = (int) (previous->tree->places[k].line + count_lines (text + from, to - from)) -
                  (int) previous->tree->places[after].line;
        }

      return assemble (previous, slice, bytes, k, after, delta, lines);
    }

  return parse_whole (previous, bytes, body_offset, edit, flags);
}
