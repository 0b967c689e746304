/* test-snippet.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines of context as they read: Markdown syntax gone, styles and the mark
 * kept where they were.
 */

#include "config.h"

#include <string.h>

#include "sheaf-snippet.h"

/* The snippet with each run written around its text: "*strong*", "_emph_",
 * "`code`", "<link>", "=highlight=", "~strike~", and "[" "]" for the mark. */
static char *
describe (const SheafSnippet *snippet)
{
  GString *out = g_string_new (NULL);
  guint at = 0;

  for (guint i = 0; i < snippet->n_runs; i++)
    {
      const SheafSnippetRun *run = &snippet->runs[i];
      g_autoptr(GString) open = g_string_new (NULL);
      g_autoptr(GString) close = g_string_new (NULL);

      g_assert_cmpuint (run->start, >=, at);
      g_assert_cmpuint (run->end, >, run->start);
      g_assert_cmpuint (run->end, <=, strlen (snippet->text));

      if (run->style & SHEAF_SNIPPET_MARK)
        g_string_append_c (open, '['), g_string_prepend_c (close, ']');
      if (run->style & SHEAF_SNIPPET_LINK)
        g_string_append_c (open, '<'), g_string_prepend_c (close, '>');
      if (run->style & SHEAF_SNIPPET_STRONG)
        g_string_append_c (open, '*'), g_string_prepend_c (close, '*');
      if (run->style & SHEAF_SNIPPET_EMPH)
        g_string_append_c (open, '_'), g_string_prepend_c (close, '_');
      if (run->style & SHEAF_SNIPPET_CODE)
        g_string_append_c (open, '`'), g_string_prepend_c (close, '`');
      if (run->style & SHEAF_SNIPPET_HIGHLIGHT)
        g_string_append_c (open, '='), g_string_prepend_c (close, '=');
      if (run->style & SHEAF_SNIPPET_STRIKE)
        g_string_append_c (open, '~'), g_string_prepend_c (close, '~');

      g_string_append_len (out, snippet->text + at, run->start - at);
      g_string_append (out, open->str);
      g_string_append_len (out, snippet->text + run->start, run->end - run->start);
      g_string_append (out, close->str);
      at = run->end;
    }
  g_string_append (out, snippet->text + at);

  return g_string_free (out, FALSE);
}

/* @line with @marked (the first occurrence) marked, described. */
static char *
snippet_of (const char *line,
            const char *marked,
            guint       max_chars)
{
  g_autoptr(SheafSnippet) snippet = NULL;
  SheafSpan mark = { 0, 0 };

  if (marked != NULL)
    {
      const char *at = strstr (line, marked);

      g_assert_nonnull (at);
      mark.start = at - line;
      mark.end = mark.start + strlen (marked);
    }

  snippet = sheaf_snippet_new (line, strlen (line), mark, max_chars);
  g_assert_true (g_utf8_validate (snippet->text, -1, NULL));

  return describe (snippet);
}

#define assert_snippet(line, marked, expected) \
  G_STMT_START { \
    g_autofree char *described = snippet_of (line, marked, 0); \
    g_assert_cmpstr (described, ==, expected); \
  } G_STMT_END

static void
test_syntax_dropped (void)
{
  assert_snippet ("- **Wiki links** — [[Sourdough Starter Care]] links by title",
                  "[[Sourdough Starter Care]]",
                  "*Wiki links* — [<Sourdough Starter Care>] links by title");
  assert_snippet ("## A _quiet_ heading", NULL, "A _quiet_ heading");
  assert_snippet ("1. Read ==this== first, ~~not~~ that", NULL,
                  "Read =this= first, ~not~ that");
  assert_snippet ("- [ ] feed the starter", NULL, "feed the starter");
  assert_snippet ("> quoted [[Note|shown words]]", "[[Note|shown words]]",
                  "quoted [<shown words>]");
  assert_snippet ("text %%a hidden comment%% after", NULL, "text  after");
  assert_snippet ("a [markdown](Some%20Note.md) link", "[markdown](Some%20Note.md)",
                  "a [<markdown>] link");
}

static void
test_table_row (void)
{
  assert_snippet ("| topic | What the community knows | [[Sourdough Starter Care]] |",
                  "[[Sourdough Starter Care]]",
                  "topic · What the community knows · [<Sourdough Starter Care>]");
  assert_snippet ("| [[A\\|shown]] | b", "[[A\\|shown]]", "[<shown>] · b");
  assert_snippet ("|not a table", NULL, "|not a table");
}

static void
test_only_marked_link (void)
{
  assert_snippet ("[[A]] then [[B]] then [[A]]", "[[B]]", "<A> then [<B>] then <A>");
}

static void
test_code_not_links (void)
{
  assert_snippet ("see `[[Not a link]]` and [[Real]]", "[[Real]]",
                  "see `[[Not a link]]` and [<Real>]");
}

static void
test_mention_marked (void)
{
  assert_snippet ("I fed my **levain** and the levain rose", "levain rose",
                  "I fed my *levain* and the [levain rose]");
  assert_snippet ("partly *emphasised words* here", "words* here",
                  "partly _emphasised _[_words_][ here]");
}

static void
test_indented (void)
{
  assert_snippet ("        - nested [[Deep]] item", "[[Deep]]", "nested [<Deep>] item");
  assert_snippet ("\t\tcode-like [[Deep]]", "[[Deep]]", "code-like [<Deep>]");
}

static void
test_long_line_window (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *described = NULL;
  g_autoptr(SheafSnippet) snippet = NULL;
  SheafSpan mark;

  for (guint i = 0; i < 60; i++)
    g_string_append (line, "wörds ");
  mark.start = line->len;
  g_string_append (line, "[[Target]]");
  mark.end = line->len;
  for (guint i = 0; i < 60; i++)
    g_string_append (line, " tail");

  snippet = sheaf_snippet_new (line->str, line->len, mark, 80);
  described = describe (snippet);

  g_assert_true (g_str_has_prefix (snippet->text, "…"));
  g_assert_true (g_str_has_suffix (snippet->text, "…"));
  g_assert_cmpint (g_utf8_strlen (snippet->text, -1), ==, 80 + 2);
  g_assert_nonnull (strstr (described, "[<Target>]"));
  /* A quarter of the room before the mark. */
  g_assert_cmpint (g_utf8_pointer_to_offset (snippet->text, strstr (snippet->text, "Target")), ==, 1 + 20);
}

static void
test_short_line_kept_whole (void)
{
  g_autoptr(SheafSnippet) snippet = NULL;

  snippet = sheaf_snippet_new ("  short  ", 9, (SheafSpan) { 0, 0 }, 80);
  g_assert_cmpstr (snippet->text, ==, "short");
  g_assert_cmpuint (snippet->n_runs, ==, 0);
}

static void
test_bad_input (void)
{
  static const char bad[] = "caf\xc3 [[X]] \xff\xfe end";
  g_autoptr(SheafSnippet) snippet = NULL;
  g_autoptr(SheafSnippet) empty = NULL;
  g_autoptr(SheafSnippet) beyond = NULL;

  snippet = sheaf_snippet_new (bad, sizeof bad - 1, (SheafSpan) { 5, 10 }, 80);
  g_assert_true (g_utf8_validate (snippet->text, -1, NULL));
  g_assert_nonnull (strstr (snippet->text, "end"));

  empty = sheaf_snippet_new ("", 0, (SheafSpan) { 0, 0 }, 80);
  g_assert_cmpstr (empty->text, ==, "");

  /* A mark past the end of the line marks nothing. */
  beyond = sheaf_snippet_new ("abc", 3, (SheafSpan) { 10, 20 }, 80);
  g_assert_cmpstr (beyond->text, ==, "abc");
  g_assert_cmpuint (beyond->n_runs, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/snippet/syntax-dropped", test_syntax_dropped);
  g_test_add_func ("/sheaf/snippet/table-row", test_table_row);
  g_test_add_func ("/sheaf/snippet/only-marked-link", test_only_marked_link);
  g_test_add_func ("/sheaf/snippet/code-not-links", test_code_not_links);
  g_test_add_func ("/sheaf/snippet/mention-marked", test_mention_marked);
  g_test_add_func ("/sheaf/snippet/indented", test_indented);
  g_test_add_func ("/sheaf/snippet/long-line-window", test_long_line_window);
  g_test_add_func ("/sheaf/snippet/short-line-kept-whole", test_short_line_kept_whole);
  g_test_add_func ("/sheaf/snippet/bad-input", test_bad_input);

  return g_test_run ();
}
