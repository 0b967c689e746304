/* sheaf-snippet.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-snippet"

#include "config.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "sheaf-markdown.h"
#include "sheaf-snippet.h"

/* The line is parsed by sheaf_markdown_parse() like any note, so a snippet
 * reads exactly as the preview shows it; then a walk of the tree with
 * cmark's iterator (no recursion: a line can nest deeply) keeps the text. */

#define ELLIPSIS "…"

#define CELL_SEPARATOR " · "

/* Exported by libcmark-gfm-extensions, declared in none of its headers. */
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;
extern cmark_node_type CMARK_NODE_TABLE_CELL;

typedef struct
{
  const char *source;
  gsize       length;
  SheafSpan   mark;
  GString    *text;
  GArray     *runs;         /* SheafSnippetRun */
  gsize       cursor;       /* in @source: where the next text is looked for */
  guint       depth[7];     /* how many open nodes give each style bit */
} Builder;

static SheafSnippetStyle
current_style (const Builder *b)
{
  SheafSnippetStyle style = 0;

  for (guint i = 0; i < G_N_ELEMENTS (b->depth); i++)
    if (b->depth[i] > 0)
      style |= 1 << i;

  return style;
}

static void
append_run (Builder          *b,
            const char       *str,
            gsize             len,
            SheafSnippetStyle style)
{
  guint start = b->text->len;

  if (len == 0)
    return;

  g_string_append_len (b->text, str, len);

  if (style == 0)
    return;

  if (b->runs->len > 0)
    {
      SheafSnippetRun *last = &g_array_index (b->runs, SheafSnippetRun, b->runs->len - 1);

      if (last->end == start && last->style == style)
        {
          last->end = b->text->len;
          return;
        }
    }

  g_array_append_vals (b->runs, &(SheafSnippetRun) { start, b->text->len, style }, 1);
}

/* Literal text: where it stands in the source tells whether the mark covers
 * part of it. Escapes and entities read differently from their source; such
 * a piece is simply not looked for. */
static void
append_literal (Builder    *b,
                const char *literal)
{
  SheafSnippetStyle style = current_style (b);
  gsize len = strlen (literal);
  const char *found = NULL;
  gsize from, to;

  if (len > 0 && b->cursor < b->length)
    found = g_strstr_len (b->source + b->cursor, b->length - b->cursor, literal);

  if (found == NULL || (style & SHEAF_SNIPPET_MARK) != 0 || b->mark.end <= b->mark.start)
    {
      if (found != NULL)
        b->cursor = (found - b->source) + len;
      append_run (b, literal, len, style);
      return;
    }

  b->cursor = (found - b->source) + len;

  /* The part of [found, found + len) the mark covers, relative to @literal. */
  from = CLAMP ((gssize)b->mark.start - (found - b->source), 0, (gssize)len);
  to = CLAMP ((gssize)b->mark.end - (found - b->source), 0, (gssize)len);

  append_run (b, literal, from, style);
  append_run (b, literal + from, to - from, style | SHEAF_SNIPPET_MARK);
  append_run (b, literal + to, len - to, style);
}

static void
separate (Builder *b)
{
  if (b->text->len > 0 && b->text->str[b->text->len - 1] != ' ')
    append_run (b, " ", 1, 0);
}

static void
separate_block (Builder    *b,
                cmark_node *node)
{
  if ((cmark_node_get_type (node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)
    separate (b);
}

static gboolean
link_is_marked (const Builder *b,
                cmark_node    *node)
{
  const SheafLink *link = sheaf_markdown_node_get_link (node);

  return link != NULL &&
         link->span.start < b->mark.end &&
         b->mark.start < link->span.end;
}

/* The style bit a node opens, or 0. */
static SheafSnippetStyle
node_style (const Builder *b,
            cmark_node    *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == CMARK_NODE_STRONG)
    return SHEAF_SNIPPET_STRONG;
  if (type == CMARK_NODE_EMPH)
    return SHEAF_SNIPPET_EMPH;
  if (type == CMARK_NODE_STRIKETHROUGH)
    return SHEAF_SNIPPET_STRIKE;
  if (sheaf_markdown_node_is_highlight (node))
    return SHEAF_SNIPPET_HIGHLIGHT;
  if (type == CMARK_NODE_LINK || sheaf_markdown_node_is_wikilink (node))
    return link_is_marked (b, node) ? SHEAF_SNIPPET_LINK | SHEAF_SNIPPET_MARK : SHEAF_SNIPPET_LINK;

  return 0;
}

static void
open_style (Builder          *b,
            SheafSnippetStyle style,
            int               delta)
{
  for (guint i = 0; i < G_N_ELEMENTS (b->depth); i++)
    if (style & (1 << i))
      b->depth[i] += delta;
}

static void
visit (Builder         *b,
       cmark_node      *node,
       cmark_event_type event)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (event == CMARK_EVENT_EXIT)
    {
      open_style (b, node_style (b, node), -1);
      return;
    }

  if (type == CMARK_NODE_TEXT || type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK)
    {
      separate_block (b, node);
      append_literal (b, cmark_node_get_literal (node));
    }
  else if (type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK || sheaf_markdown_node_is_math (node))
    {
      const char *literal = sheaf_markdown_node_is_math (node) ? sheaf_markdown_node_get_literal (node)
                                                               : cmark_node_get_literal (node);

      separate_block (b, node);
      b->depth[2]++;
      append_literal (b, literal != NULL ? literal : "");
      b->depth[2]--;
    }
  else if (type == CMARK_NODE_TABLE_CELL && b->text->len > 0)
    {
      while (b->text->len > 0 && b->text->str[b->text->len - 1] == ' ')
        g_string_truncate (b->text, b->text->len - 1);
      append_run (b, CELL_SEPARATOR, strlen (CELL_SEPARATOR), 0);
    }
  else if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)
    {
      separate (b);
    }
  else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
    {
      separate (b);
    }
  else
    {
      /* Comments have no children and so vanish, as in the preview. */
      open_style (b, node_style (b, node), +1);
    }
}

/* A table's row alone reads as a paragraph full of pipes: with a delimiter
 * row under it, it parses as the table it came from. Unescaped pipes count
 * the columns (a link in a table writes its own as "\|"). */
static char *
as_table_row (const char *line,
              gsize       length)
{
  g_autoptr(GString) text = NULL;
  guint n_pipes = 0;

  if (length == 0 || line[0] != '|')
    return NULL;

  for (gsize i = 0; i < length; i++)
    if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
      n_pipes++;

  if (n_pipes < 2)
    return NULL;

  text = g_string_new_len (line, length);
  g_string_append_c (text, '\n');
  for (guint i = 0; i + 1 < n_pipes + (line[length - 1] != '|'); i++)
    g_string_append (text, "|-");
  g_string_append_c (text, '|');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Drops @n_bytes from the start of the text (and from every run). */
static void
cut_start (Builder *b,
           gsize    n_bytes)
{
  guint kept = 0;

  g_string_erase (b->text, 0, n_bytes);

  for (guint i = 0; i < b->runs->len; i++)
    {
      SheafSnippetRun run = g_array_index (b->runs, SheafSnippetRun, i);

      if (run.end <= n_bytes)
        continue;
      run.start = run.start > n_bytes ? run.start - n_bytes : 0;
      run.end -= n_bytes;
      g_array_index (b->runs, SheafSnippetRun, kept++) = run;
    }
  g_array_set_size (b->runs, kept);
}

static void
cut_end (Builder *b,
         gsize    length)
{
  guint kept = 0;

  g_string_truncate (b->text, length);

  for (guint i = 0; i < b->runs->len; i++)
    {
      SheafSnippetRun run = g_array_index (b->runs, SheafSnippetRun, i);

      if (run.start >= length)
        continue;
      run.end = MIN (run.end, length);
      g_array_index (b->runs, SheafSnippetRun, kept++) = run;
    }
  g_array_set_size (b->runs, kept);
}

static void
prepend_ellipsis (Builder *b)
{
  g_string_prepend (b->text, ELLIPSIS);
  for (guint i = 0; i < b->runs->len; i++)
    {
      g_array_index (b->runs, SheafSnippetRun, i).start += strlen (ELLIPSIS);
      g_array_index (b->runs, SheafSnippetRun, i).end += strlen (ELLIPSIS);
    }
}

/* Trims spaces, then keeps at most @max_chars around the mark. */
static void
fit (Builder *b,
     guint    max_chars)
{
  const char *str;
  glong n_chars;
  glong mark_char = 0;
  glong first;
  gsize spaces = strspn (b->text->str, " \t");

  cut_start (b, spaces);
  while (b->text->len > 0 && g_ascii_isspace (b->text->str[b->text->len - 1]))
    cut_end (b, b->text->len - 1);

  str = b->text->str;
  n_chars = g_utf8_strlen (str, -1);
  if (max_chars == 0 || n_chars <= max_chars)
    return;

  for (guint i = 0; i < b->runs->len; i++)
    if (g_array_index (b->runs, SheafSnippetRun, i).style & SHEAF_SNIPPET_MARK)
      {
        mark_char = g_utf8_pointer_to_offset (str, str + g_array_index (b->runs, SheafSnippetRun, i).start);
        break;
      }

  /* Start a little before the mark, and never leave room unused at the end. */
  first = CLAMP (mark_char - (glong)max_chars / 4, 0, n_chars - (glong)max_chars);

  cut_end (b, g_utf8_offset_to_pointer (str, first + max_chars) - str);
  if (first + (glong)max_chars < n_chars)
    append_run (b, ELLIPSIS, strlen (ELLIPSIS), 0);
  if (first > 0)
    {
      cut_start (b, g_utf8_offset_to_pointer (b->text->str, first) - b->text->str);
      prepend_ellipsis (b);
    }
}

/**
 * sheaf_snippet_new:
 * @line: one line of a note, without its newline
 * @length: its length in bytes
 * @mark: the bytes of @line to mark: a link or a mention (an empty span marks nothing)
 * @max_chars: the longest text to return, in characters; 0 for no limit
 *
 * Returns: (transfer full): @line as it reads
 */
SheafSnippet *
sheaf_snippet_new (const char *line,
                   gsize       length,
                   SheafSpan   mark,
                   guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (line, length);
  g_autoptr(SheafParseResult) result = NULL;
  g_autofree char *table = NULL;
  cmark_iter *iter;
  cmark_event_type event;
  SheafSnippet *snippet;
  Builder b = { 0 };
  gsize indent;

  /* Making it valid only adds bytes where a byte was invalid: offsets
   * before the first such byte are kept, which is what matters here. */
  /* Indentation would read as a code block: a line of a nested list is
   * shown from its first non-blank character. */
  indent = strspn (valid, " \t");
  b.source = valid + indent;
  b.length = strlen (b.source);
  b.mark.start = mark.start > indent ? mark.start - indent : 0;
  b.mark.end = mark.end > indent ? mark.end - indent : 0;
  b.text = g_string_new (NULL);
  b.runs = g_array_new (FALSE, FALSE, sizeof (SheafSnippetRun));

  table = as_table_row (b.source, b.length);
  if (table != NULL)
    result = sheaf_markdown_parse (table, strlen (table), 0, SHEAF_PARSE_KEEP_TREE);
  else
    result = sheaf_markdown_parse (b.source, b.length, 0, SHEAF_PARSE_KEEP_TREE);
  iter = cmark_iter_new (sheaf_parse_result_get_document (result));
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    visit (&b, cmark_iter_get_node (iter), event);
  cmark_iter_free (iter);

  fit (&b, max_chars);

  snippet = g_new0 (SheafSnippet, 1);
  snippet->n_runs = b.runs->len;
  snippet->runs = (SheafSnippetRun *)g_array_free (b.runs, FALSE);
  snippet->text = g_string_free (b.text, FALSE);

  return snippet;
}

void
sheaf_snippet_free (SheafSnippet *snippet)
{
  if (snippet == NULL)
    return;

  g_free (snippet->text);
  g_free (snippet->runs);
  g_free (snippet);
}
