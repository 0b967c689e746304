/* test-markdown.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "sheaf-arena.h"
#include "sheaf-callout.h"
#include "sheaf-markdown.h"
#include "sheaf-note.h"

static SheafParseResult *
parse (const char *md)
{
  return sheaf_markdown_parse (md, strlen (md), 0, SHEAF_PARSE_KEEP_TREE);
}

static const SheafLink *
only_link (SheafParseResult *result)
{
  guint n = 0;
  const SheafLink *links = sheaf_parse_result_get_links (result, &n);

  g_assert_cmpuint (n, ==, 1);

  return &links[0];
}

static const SheafCallout *
only_callout (SheafParseResult *result)
{
  guint n = 0;
  const SheafCallout *callouts = sheaf_parse_result_get_callouts (result, &n);

  g_assert_cmpuint (n, ==, 1);

  return &callouts[0];
}

static guint
n_links (const char *md)
{
  g_autoptr(SheafParseResult) result = parse (md);
  guint n = 0;

  sheaf_parse_result_get_links (result, &n);

  return n;
}

/* The tags of @md joined with ",". */
static char *
tags_of (const char *md)
{
  g_autoptr(SheafParseResult) result = parse (md);
  GString *out = g_string_new (NULL);
  guint n = 0;
  const SheafTag *tags = sheaf_parse_result_get_tags (result, &n);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, tags[i].name);
    }

  return g_string_free (out, FALSE);
}

typedef gboolean (*NodePredicate) (cmark_node *node);

static cmark_node *
find_node (cmark_node    *root,
           NodePredicate  predicate)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_node *found = NULL;
  cmark_event_type ev;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (ev == CMARK_EVENT_ENTER && predicate (node))
        {
          found = node;
          break;
        }
    }
  cmark_iter_free (iter);

  return found;
}

static char *
plain_text (cmark_node *root)
{
  cmark_iter *iter = cmark_iter_new (root);
  GString *out = g_string_new (NULL);
  cmark_event_type ev;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (ev == CMARK_EVENT_ENTER && cmark_node_get_type (node) == CMARK_NODE_TEXT)
        g_string_append (out, cmark_node_get_literal (node));
    }
  cmark_iter_free (iter);

  return g_string_free (out, FALSE);
}

/* Callouts */

static void
test_callout_types (void)
{
  const struct { const char *written; const char *canonical; } cases[] = {
    { "note", "note" }, { "abstract", "abstract" }, { "summary", "abstract" },
    { "tldr", "abstract" }, { "info", "info" }, { "todo", "todo" }, { "tip", "tip" },
    { "hint", "tip" }, { "important", "tip" }, { "success", "success" },
    { "check", "success" }, { "done", "success" }, { "question", "question" },
    { "help", "question" }, { "faq", "question" }, { "warning", "warning" },
    { "caution", "warning" }, { "attention", "warning" }, { "failure", "failure" },
    { "fail", "failure" }, { "missing", "failure" }, { "danger", "danger" },
    { "error", "danger" }, { "bug", "bug" }, { "example", "example" },
    { "quote", "quote" }, { "cite", "quote" }, { "TLDR", "abstract" }, { "Note", "note" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *md = g_strdup_printf ("> [!%s]\n> body\n", cases[i].written);
      g_autoptr(SheafParseResult) result = parse (md);
      g_autofree char *canonical = sheaf_callout_canonical_type (cases[i].written);
      const SheafCallout *callout = only_callout (result);

      g_assert_cmpstr (callout->type, ==, cases[i].canonical);
      g_assert_cmpstr (canonical, ==, cases[i].canonical);
      g_assert_cmpstr (sheaf_callout_lookup_style (cases[i].written)->type, ==, cases[i].canonical);
    }
}

static void
test_callout_styles (void)
{
  guint n = 0;
  const SheafCalloutStyle *styles = sheaf_callout_get_styles (&n);
  const SheafCalloutStyle *style;

  g_assert_cmpuint (n, ==, 13);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *icon = g_strdup_printf ("sheaf-callout-%s-symbolic", styles[i].type);

      g_assert_cmpstr (styles[i].icon_name, ==, icon);
    }

  style = sheaf_callout_lookup_style ("success");
  g_assert_cmpstr (style->light_color, ==, "#08b94e");
  g_assert_cmpstr (style->dark_color, ==, "#44cf6e");
  style = sheaf_callout_lookup_style ("cite");
  g_assert_cmpstr (style->type, ==, "quote");
  g_assert_cmpstr (style->light_color, ==, "#9e9e9e");
  style = sheaf_callout_lookup_style ("example");
  g_assert_cmpstr (style->dark_color, ==, "#a882ff");
  style = sheaf_callout_lookup_style ("no-such-type");
  g_assert_cmpstr (style->type, ==, "note");
  g_assert_cmpstr (style->light_color, ==, "#086ddd");
  g_assert_true (sheaf_callout_lookup_style (NULL) == sheaf_callout_lookup_style ("note"));
}

static void
test_callout_unknown (void)
{
  g_autoptr(SheafParseResult) result = parse ("> [!MyThing] \n> text\n");
  const SheafCallout *callout = only_callout (result);

  g_assert_cmpstr (callout->type, ==, "mything");
  g_assert_cmpstr (callout->title, ==, "MyThing");
  g_assert_null (callout->meta);
  g_assert_cmpint (callout->fold, ==, SHEAF_FOLD_NONE);
}

static void
test_callout_fold_meta (void)
{
  g_autoptr(SheafParseResult) open = parse ("> [!tip]+ Open one\n> x\n");
  g_autoptr(SheafParseResult) closed = parse ("> [!WARNING|wide]- Closed\n> x\n");
  g_autoptr(SheafParseResult) plain = parse ("> [!info|meta]\n> x\n");

  g_assert_cmpint (only_callout (open)->fold, ==, SHEAF_FOLD_OPEN);
  g_assert_cmpstr (only_callout (open)->title, ==, "Open one");
  g_assert_cmpint (only_callout (closed)->fold, ==, SHEAF_FOLD_CLOSED);
  g_assert_cmpstr (only_callout (closed)->type, ==, "warning");
  g_assert_cmpstr (only_callout (closed)->meta, ==, "wide");
  g_assert_cmpstr (only_callout (closed)->title, ==, "Closed");
  g_assert_cmpstr (only_callout (plain)->meta, ==, "meta");
  g_assert_cmpstr (only_callout (plain)->title, ==, "Info");
}

static void
test_callout_title (void)
{
  g_autoptr(SheafParseResult) result =
    parse ("Intro\n\n> [!quote] Said by **Ada** in [[Thread]]\n> The body *line*.\n> More body.\n");
  const SheafCallout *callout = only_callout (result);
  cmark_node *quote = find_node (sheaf_parse_result_get_document (result),
                                 sheaf_markdown_node_is_callout);
  cmark_node *title, *body;
  g_autofree char *title_text = NULL;
  g_autofree char *body_text = NULL;

  g_assert_cmpstr (callout->type, ==, "quote");
  g_assert_cmpstr (callout->title, ==, "Said by Ada in Thread");
  g_assert_cmpuint (callout->line, ==, 3);
  g_assert_cmpuint (callout->depth, ==, 1);
  g_assert_cmpstr (only_link (result)->target, ==, "Thread");

  g_assert_nonnull (quote);
  g_assert_true (sheaf_markdown_node_get_callout (quote) == callout);
  title = cmark_node_first_child (quote);
  g_assert_true (sheaf_markdown_node_is_callout_title (title));
  g_assert_cmpint (cmark_node_get_type (cmark_node_next (cmark_node_first_child (title))), ==,
                   CMARK_NODE_STRONG);
  title_text = plain_text (title);
  g_assert_cmpstr (title_text, ==, "Said by Ada in Thread");

  body = cmark_node_next (title);
  g_assert_cmpint (cmark_node_get_type (body), ==, CMARK_NODE_PARAGRAPH);
  body_text = plain_text (body);
  g_assert_cmpstr (body_text, ==, "The body line.More body.");
}

static void
test_callout_default_title (void)
{
  g_autoptr(SheafParseResult) result = parse ("> [!faq]\n> Why?\n");
  g_autofree char *title = sheaf_callout_default_title ("tldr");
  g_autofree char *unicode = sheaf_callout_default_title ("ärger");
  cmark_node *node = find_node (sheaf_parse_result_get_document (result),
                                sheaf_markdown_node_is_callout_title);
  g_autofree char *shown = plain_text (node);

  g_assert_cmpstr (only_callout (result)->title, ==, "Faq");
  g_assert_cmpstr (only_callout (result)->type, ==, "question");
  g_assert_cmpstr (shown, ==, "Faq");
  g_assert_cmpstr (title, ==, "Tldr");
  g_assert_cmpstr (unicode, ==, "Ärger");
}

static void
test_callout_nested (void)
{
  g_autoptr(SheafParseResult) result =
    parse ("> [!note] Outer\n> text\n> > [!bug] Inner\n> > deep\n\n> > [!example]\n> > x\n");
  guint n = 0;
  const SheafCallout *callouts = sheaf_parse_result_get_callouts (result, &n);

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (callouts[0].type, ==, "note");
  g_assert_cmpuint (callouts[0].depth, ==, 1);
  g_assert_cmpstr (callouts[1].type, ==, "bug");
  g_assert_cmpstr (callouts[1].title, ==, "Inner");
  g_assert_cmpuint (callouts[1].depth, ==, 2);
  g_assert_cmpuint (callouts[1].line, ==, 3);
  g_assert_cmpstr (callouts[2].type, ==, "example");
  g_assert_cmpuint (callouts[2].depth, ==, 2);
}

static void
test_callout_not (void)
{
  guint n = 99;
  g_autoptr(SheafParseResult) a = parse ("> plain [!note] quote\n");
  g_autoptr(SheafParseResult) b = parse ("[!note] not in a quote\n");
  g_autoptr(SheafParseResult) c = parse ("> [!] empty type\n");

  sheaf_parse_result_get_callouts (a, &n);
  g_assert_cmpuint (n, ==, 0);
  sheaf_parse_result_get_callouts (b, &n);
  g_assert_cmpuint (n, ==, 0);
  sheaf_parse_result_get_callouts (c, &n);
  g_assert_cmpuint (n, ==, 0);
}

/* Links */

static void
check_wikilink (const char    *md,
                SheafLinkKind  kind,
                const char    *target,
                const char    *fragment,
                const char    *display,
                const char    *shown)
{
  g_autoptr(SheafParseResult) result = parse (md);
  const SheafLink *link = only_link (result);
  cmark_node *node = find_node (sheaf_parse_result_get_document (result),
                                sheaf_markdown_node_is_wikilink);
  g_autofree char *text = NULL;

  g_assert_cmpint (link->kind, ==, kind);
  g_assert_cmpstr (link->target, ==, target);
  g_assert_cmpstr (link->fragment, ==, fragment);
  g_assert_cmpstr (link->display, ==, display);
  g_assert_nonnull (node);
  g_assert_true (sheaf_markdown_node_get_link (node) == link);
  text = plain_text (node);
  g_assert_cmpstr (text, ==, shown);
}

static void
test_wikilink_forms (void)
{
  check_wikilink ("see [[Note]] here", SHEAF_LINK_WIKILINK, "Note", NULL, NULL, "Note");
  check_wikilink ("[[Note|shown text]]", SHEAF_LINK_WIKILINK, "Note", NULL, "shown text", "shown text");
  check_wikilink ("[[Note#Heading]]", SHEAF_LINK_WIKILINK, "Note", "Heading", NULL, "Note > Heading");
  check_wikilink ("[[Note#H1#H2]]", SHEAF_LINK_WIKILINK, "Note", "H1#H2", NULL, "Note > H1 > H2");
  check_wikilink ("[[#Heading]]", SHEAF_LINK_WIKILINK, "", "Heading", NULL, "Heading");
  check_wikilink ("[[Note#^block-1]]", SHEAF_LINK_WIKILINK, "Note", "^block-1", NULL, "Note > ^block-1");
  check_wikilink ("[[sub/Note#H|alias]]", SHEAF_LINK_WIKILINK, "sub/Note", "H", "alias", "alias");
  check_wikilink ("![[Note]]", SHEAF_LINK_EMBED, "Note", NULL, NULL, "Note");
  check_wikilink ("![[img.png|300]]", SHEAF_LINK_EMBED, "img.png", NULL, "300", "img.png");
  check_wikilink ("![[img.png|640x480]]", SHEAF_LINK_EMBED, "img.png", NULL, "640x480", "img.png");
  check_wikilink ("[[a_b*c*]]", SHEAF_LINK_WIKILINK, "a_b*c*", NULL, NULL, "a_b*c*");
  check_wikilink ("x [[Foo]bar]] y", SHEAF_LINK_WIKILINK, "Foo]bar", NULL, NULL, "Foo]bar");
  check_wikilink ("[[../../etc/passwd]]", SHEAF_LINK_WIKILINK, "../../etc/passwd", NULL, NULL,
                  "../../etc/passwd");
  check_wikilink ("[[cost $5 and $6]]", SHEAF_LINK_WIKILINK, "cost $5 and $6", NULL, NULL,
                  "cost $5 and $6");
  check_wikilink ("[[a ==b== #c]]", SHEAF_LINK_WIKILINK, "a ==b==", "c", NULL, "a ==b== > c");
  check_wikilink ("[[a [[b]]", SHEAF_LINK_WIKILINK, "b", NULL, NULL, "b");
  check_wikilink ("*[[x*y]]*", SHEAF_LINK_WIKILINK, "x*y", NULL, NULL, "x*y");
}

static void
test_wikilink_spans (void)
{
  const char *md = "---\ntitle: x\n---\nIntro line\n\n> quoted [[One|1]] and\nlazy ![[Two]]\n";
  gsize body = strlen ("---\ntitle: x\n---\n");
  g_autoptr(SheafParseResult) result = sheaf_markdown_parse (md, strlen (md), body, 0);
  guint n = 0;
  const SheafLink *links = sheaf_parse_result_get_links (result, &n);

  g_assert_null (sheaf_parse_result_get_document (result));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (links[0].raw, ==, "[[One|1]]");
  g_assert_cmpuint (links[0].line, ==, 6);
  g_assert_cmpuint (links[0].span.start, ==, strstr (md, "[[One") - md);
  g_assert_cmpuint (links[0].span.end - links[0].span.start, ==, strlen ("[[One|1]]"));
  g_assert_cmpstr (links[1].raw, ==, "![[Two]]");
  g_assert_cmpuint (links[1].line, ==, 7);
  g_assert_cmpuint (links[1].span.start, ==, strstr (md, "![[Two") - md);
  for (guint i = 0; i < n; i++)
    g_assert_cmpmem (md + links[i].span.start, links[i].span.end - links[i].span.start,
                     links[i].raw, strlen (links[i].raw));
}

static void
test_wikilink_table (void)
{
  g_autoptr(SheafParseResult) result =
    parse ("| a | b |\n|---|---|\n| [[Note\\|shown]] | `x` [[Other#H]] |\n");
  guint n = 0;
  const SheafLink *links = sheaf_parse_result_get_links (result, &n);

  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (links[0].target, ==, "Note");
  g_assert_cmpstr (links[0].display, ==, "shown");
  g_assert_cmpstr (links[0].raw, ==, "[[Note\\|shown]]");
  g_assert_cmpuint (links[0].line, ==, 3);
  g_assert_cmpstr (links[1].target, ==, "Other");
  g_assert_cmpstr (links[1].fragment, ==, "H");
  g_assert_cmpstr (links[1].raw, ==, "[[Other#H]]");
}

static void
test_links_not_in_code (void)
{
  g_assert_cmpuint (n_links ("a `[[code]]` b"), ==, 0);
  g_assert_cmpuint (n_links ("```\n[[fenced]]\n```\n"), ==, 0);
  g_assert_cmpuint (n_links ("    [[indented]]\n"), ==, 0);
  g_assert_cmpuint (n_links ("a %%[[hidden]]%% b"), ==, 0);
  g_assert_cmpuint (n_links ("%%\n[[hidden]]\n\nmore [[hidden2]] #t\n%%\n\n[[shown]]"), ==, 1);
  g_assert_cmpuint (n_links ("\\[[not a link]]"), ==, 0);
  g_assert_cmpuint (n_links ("[[]] and [[|x]]"), ==, 0);
  g_assert_cmpuint (n_links ("[[split\nline]]"), ==, 0);
  g_assert_cmpuint (n_links ("$$\n[[in math]]\n$$\n"), ==, 0);
  g_assert_cmpuint (n_links ("<a href=\"x.md\">html</a>"), ==, 0);
}

static void
test_markdown_links (void)
{
  g_autoptr(SheafParseResult) result =
    parse ("[one](Some%20Note.md) [two](sub/Note.md#Head%20One) ![pic](img/a%20b.png) "
           "[web](https://example.com) [mail](mailto:a@b.c) [obs](obsidian://open) "
           "[file](file:///etc) <https://auto.link> www.example.com [anchor](#Top)");
  guint n = 0;
  const SheafLink *links = sheaf_parse_result_get_links (result, &n);

  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (links[0].kind, ==, SHEAF_LINK_MARKDOWN);
  g_assert_cmpstr (links[0].target, ==, "Some Note.md");
  g_assert_null (links[0].fragment);
  g_assert_cmpstr (links[0].display, ==, "one");
  g_assert_cmpstr (links[0].raw, ==, "[one](Some%20Note.md)");
  g_assert_cmpstr (links[1].target, ==, "sub/Note.md");
  g_assert_cmpstr (links[1].fragment, ==, "Head One");
  g_assert_cmpint (links[2].kind, ==, SHEAF_LINK_EMBED);
  g_assert_cmpstr (links[2].target, ==, "img/a b.png");
  g_assert_cmpstr (links[2].display, ==, "pic");
  g_assert_cmpstr (links[3].target, ==, "");
  g_assert_cmpstr (links[3].fragment, ==, "Top");
  g_assert_true (sheaf_markdown_node_get_link (find_node (sheaf_parse_result_get_document (result),
                                                          sheaf_markdown_node_is_wikilink)) == NULL);
}

/* Tags */

static void
test_tags (void)
{
  const struct { const char *md; const char *tags; } cases[] = {
    { "#tag at start", "tag" },
    { "a #one and #two.", "one,two" },
    { "digits #123 only", "" },
    { "mixed #1a and #2024-notes", "1a,2024-notes" },
    { "word a#b is not", "" },
    { "nested #a/b/c here", "a/b/c" },
    { "under #snake_case and #kebab-case", "snake_case,kebab-case" },
    { "unicode #café #日本語 #Ärger", "café,日本語,Ärger" },
    { "emoji #🚀launch #✅", "🚀launch,✅" },
    { "punct #tag, #tag! #tag? #a(b)", "tag,tag,tag,a" },
    { "code `#notag` and\n\n```\n#fence\n```\n", "" },
    { "# Heading #inhead\n", "inhead" },
    { "## #only-tag\n", "only-tag" },
    { "[link #notag](x.md) [[Note#notag]] https://x.org/#frag", "" },
    { "%% #hidden %% #shown", "shown" },
    { "$#math$ #after", "after" },
    { "##double and # space", "" },
    { "line\n#second", "second" },
    { "> [!note] Title #intitle\n> body #inbody", "intitle,inbody" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tags = tags_of (cases[i].md);

      g_assert_cmpstr (tags, ==, cases[i].tags);
    }
}

static void
test_tag_facts (void)
{
  const char *md = "---\na: 1\n---\ntext #topic/sub end\n";
  g_autoptr(SheafParseResult) result = sheaf_markdown_parse (md, strlen (md), 12,
                                                             SHEAF_PARSE_KEEP_TREE);
  guint n = 0;
  const SheafTag *tags = sheaf_parse_result_get_tags (result, &n);
  cmark_node *node = find_node (sheaf_parse_result_get_document (result), sheaf_markdown_node_is_tag);
  g_autofree char *shown = plain_text (node);

  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (tags[0].name, ==, "topic/sub");
  g_assert_cmpuint (tags[0].line, ==, 4);
  g_assert_cmpmem (md + tags[0].span.start, tags[0].span.end - tags[0].span.start, "#topic/sub", 10);
  g_assert_cmpstr (sheaf_markdown_node_get_tag (node), ==, "topic/sub");
  g_assert_cmpstr (shown, ==, "#topic/sub");
}

/* Headings and block ids */

static void
test_headings (void)
{
  const char *md = "xx\n# Title with *em* and [[Link|shown]] ^head-id\n\nSetext `code`\n---\n";
  g_autoptr(SheafParseResult) result = sheaf_markdown_parse (md, strlen (md), 3, 0);
  guint n = 0, n_ids = 0;
  const SheafHeading *headings = sheaf_parse_result_get_headings (result, &n);
  const SheafBlockId *ids = sheaf_parse_result_get_block_ids (result, &n_ids);

  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (headings[0].level, ==, 1);
  g_assert_cmpstr (headings[0].text, ==, "Title with em and shown");
  g_assert_cmpuint (headings[0].line, ==, 2);
  g_assert_cmpuint (headings[0].span.start, ==, 3);
  g_assert_cmpmem (md + headings[0].span.start, headings[0].span.end - headings[0].span.start,
                   "# Title with *em* and [[Link|shown]] ^head-id",
                   strlen ("# Title with *em* and [[Link|shown]] ^head-id"));
  g_assert_cmpint (headings[1].level, ==, 2);
  g_assert_cmpstr (headings[1].text, ==, "Setext code");
  g_assert_cmpuint (headings[1].line, ==, 4);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpstr (ids[0].id, ==, "head-id");
  g_assert_cmpuint (ids[0].line, ==, 2);
}

static void
test_block_ids (void)
{
  g_autoptr(SheafParseResult) result =
    parse ("Para one ^p1\n\n- item a ^item-2\n- item b\n\n> quote\n\n^quoteid\n\nNot^id here\n\n"
           "text ^bad_id\n");
  guint n = 0;
  const SheafBlockId *ids = sheaf_parse_result_get_block_ids (result, &n);
  cmark_node *doc = sheaf_parse_result_get_document (result);
  cmark_node *para = cmark_node_first_child (doc);
  cmark_node *list = cmark_node_next (para);
  cmark_node *quote = cmark_node_next (list);
  g_autofree char *para_text = plain_text (para);

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (ids[0].id, ==, "p1");
  g_assert_cmpuint (ids[0].line, ==, 1);
  g_assert_cmpstr (ids[1].id, ==, "item-2");
  g_assert_cmpuint (ids[1].line, ==, 3);
  g_assert_cmpstr (ids[2].id, ==, "quoteid");
  g_assert_cmpuint (ids[2].line, ==, 6);

  g_assert_cmpstr (para_text, ==, "Para one");
  g_assert_cmpstr (sheaf_markdown_node_get_block_id (para), ==, "p1");
  g_assert_cmpstr (sheaf_markdown_node_get_block_id (cmark_node_first_child (list)), ==, "item-2");
  g_assert_cmpint (cmark_node_get_type (quote), ==, CMARK_NODE_BLOCK_QUOTE);
  g_assert_cmpstr (sheaf_markdown_node_get_block_id (quote), ==, "quoteid");
  /* The lone ^id paragraph is gone. */
  g_assert_cmpint (cmark_node_get_type (cmark_node_next (quote)), ==, CMARK_NODE_PARAGRAPH);
}

/* Other syntax */

static void
test_nodes (void)
{
  g_autoptr(SheafParseResult) result =
    parse ("a ==marked **bold**== b %%secret%% c $E=mc^2$ d ~~gone~~\n\n$$\n\\int x\n$$\n\n"
           "%%\nblock comment\n\nstill\n%%\n\nend\n");
  cmark_node *doc = sheaf_parse_result_get_document (result);
  cmark_node *highlight = find_node (doc, sheaf_markdown_node_is_highlight);
  cmark_node *comment = find_node (doc, sheaf_markdown_node_is_comment);
  cmark_node *math = find_node (doc, sheaf_markdown_node_is_math);
  cmark_node *math_block = find_node (doc, sheaf_markdown_node_is_math_block);
  cmark_node *comment_block = find_node (doc, sheaf_markdown_node_is_comment_block);
  g_autofree char *marked = plain_text (highlight);
  g_autofree char *all = plain_text (doc);

  g_assert_nonnull (highlight);
  g_assert_cmpstr (marked, ==, "marked bold");
  g_assert_nonnull (comment);
  g_assert_false (sheaf_markdown_node_is_comment_block (comment));
  g_assert_cmpstr (sheaf_markdown_node_get_literal (comment), ==, "secret");
  g_assert_nonnull (math);
  g_assert_cmpstr (sheaf_markdown_node_get_literal (math), ==, "E=mc^2");
  g_assert_nonnull (math_block);
  g_assert_cmpstr (sheaf_markdown_node_get_literal (math_block), ==, "\\int x");
  g_assert_nonnull (comment_block);
  g_assert_true (sheaf_markdown_node_is_comment (comment_block));
  g_assert_null (strstr (all, "secret"));
  g_assert_null (strstr (all, "block comment"));
  g_assert_null (strstr (all, "still"));
  g_assert_nonnull (strstr (all, "end"));
  g_assert_nonnull (strstr (all, "gone"));
  g_assert_null (sheaf_markdown_node_get_literal (highlight));
}

static void
test_math_rules (void)
{
  g_autoptr(SheafParseResult) money = parse ("costs $5 and $6 today");
  g_autoptr(SheafParseResult) escaped = parse ("a \\$x$ b");
  g_autoptr(SheafParseResult) inline_display = parse ("a $$x+y$$ b #after");

  g_assert_null (find_node (sheaf_parse_result_get_document (money), sheaf_markdown_node_is_math));
  g_assert_null (find_node (sheaf_parse_result_get_document (escaped), sheaf_markdown_node_is_math));
  g_assert_cmpstr (sheaf_markdown_node_get_literal (find_node (sheaf_parse_result_get_document (inline_display),
                                                               sheaf_markdown_node_is_math)), ==, "x+y");
}

static void
test_tasklist (void)
{
  g_autoptr(SheafParseResult) result = parse ("- [ ] open\n- [x] done\n- [-] cancelled\n- [/] half\n- plain\n");
  cmark_node *list = cmark_node_first_child (sheaf_parse_result_get_document (result));
  cmark_node *item = cmark_node_first_child (list);
  const gboolean expected[] = { FALSE, TRUE, TRUE, TRUE };
  g_autofree char *cancelled = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++, item = cmark_node_next (item))
    {
      g_assert_cmpstr (cmark_node_get_type_string (item), ==, "tasklist");
      g_assert_cmpint (cmark_gfm_extensions_get_tasklist_item_checked (item), ==, expected[i]);
      if (i == 2)
        cancelled = plain_text (item);
    }
  g_assert_cmpstr (cmark_node_get_type_string (item), ==, "item");
  g_assert_cmpstr (cancelled, ==, "cancelled");
}

/* Input */

static void
test_crlf (void)
{
  const char *md = "---\r\na: 1\r\n---\r\n# Head\r\n\r\nline [[One]]\r\nnext #tag [[Two]]\r\n";
  gsize body = strlen ("---\r\na: 1\r\n---\r\n");
  g_autoptr(SheafParseResult) result = sheaf_markdown_parse (md, strlen (md), body, 0);
  guint n = 0, n_tags = 0, n_headings = 0;
  const SheafLink *links = sheaf_parse_result_get_links (result, &n);
  const SheafTag *tags = sheaf_parse_result_get_tags (result, &n_tags);
  const SheafHeading *headings = sheaf_parse_result_get_headings (result, &n_headings);

  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (links[0].line, ==, 6);
  g_assert_cmpuint (links[1].line, ==, 7);
  g_assert_cmpuint (links[1].span.start, ==, strstr (md, "[[Two") - md);
  g_assert_cmpstr (links[1].raw, ==, "[[Two]]");
  g_assert_cmpuint (n_tags, ==, 1);
  g_assert_cmpuint (tags[0].line, ==, 7);
  g_assert_cmpuint (n_headings, ==, 1);
  g_assert_cmpstr (headings[0].text, ==, "Head");
  g_assert_cmpuint (headings[0].line, ==, 4);
}

static void
test_seed_note (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "markdown", "seed-shaped.md", NULL);
  g_autofree char *text = NULL;
  gsize length = 0;
  const char *body;
  guint n_links, n_tags, n_callouts, n_headings;
  const SheafLink *links;
  const SheafTag *tags;
  const SheafCallout *callouts;
  const SheafHeading *headings;
  g_autoptr(SheafParseResult) result = NULL;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  body = strstr (text + 3, "\n---\n") + 5;
  result = sheaf_markdown_parse (text, length, body - text, 0);

  links = sheaf_parse_result_get_links (result, &n_links);
  tags = sheaf_parse_result_get_tags (result, &n_tags);
  callouts = sheaf_parse_result_get_callouts (result, &n_callouts);
  headings = sheaf_parse_result_get_headings (result, &n_headings);

  g_assert_cmpuint (n_links, ==, 4);
  g_assert_cmpstr (links[0].target, ==, "Oven Temperatures and Steam");
  g_assert_cmpstr (links[3].target, ==, "kitchen-notes Thread Summary");
  g_assert_cmpuint (links[3].line, ==, 49);
  for (guint i = 0; i < n_links; i++)
    g_assert_cmpmem (text + links[i].span.start, links[i].span.end - links[i].span.start,
                     links[i].raw, strlen (links[i].raw));

  g_assert_cmpuint (n_tags, ==, 2);
  g_assert_cmpstr (tags[0].name, ==, "kitchen-notes");
  g_assert_cmpuint (tags[0].line, ==, 18);
  g_assert_cmpuint (tags[1].line, ==, 27);

  g_assert_cmpuint (n_callouts, ==, 3);
  g_assert_cmpstr (callouts[0].type, ==, "abstract");
  g_assert_cmpstr (callouts[0].title, ==, "Abstract");
  g_assert_cmpstr (callouts[1].type, ==, "quote");
  g_assert_cmpstr (callouts[1].title, ==, "Forum Post");
  g_assert_cmpstr (callouts[2].type, ==, "tip");
  g_assert_cmpint (callouts[2].fold, ==, SHEAF_FOLD_CLOSED);
  g_assert_cmpstr (callouts[2].title, ==, "Rule of thumb");

  g_assert_cmpuint (n_headings, ==, 6);
  g_assert_cmpstr (headings[0].text, ==, "Baking Bread at Home");
  g_assert_cmpuint (headings[0].line, ==, 14);
  g_assert_cmpint (headings[3].level, ==, 3);
  g_assert_cmpstr (headings[3].text, ==, "Starters");
}

static void
test_empty (void)
{
  g_autoptr(SheafParseResult) a = sheaf_markdown_parse ("", 0, 0, SHEAF_PARSE_KEEP_TREE);
  g_autoptr(SheafParseResult) b = sheaf_markdown_parse ("---\n---\n", 8, 8, 0);
  g_autoptr(SheafParseResult) c = sheaf_markdown_parse ("abc", 3, 99, 0);
  guint n = 99;

  g_assert_null (sheaf_parse_result_get_links (a, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (cmark_node_get_type (sheaf_parse_result_get_document (a)), ==, CMARK_NODE_DOCUMENT);
  sheaf_parse_result_get_headings (b, &n);
  g_assert_cmpuint (n, ==, 0);
  sheaf_parse_result_get_tags (c, &n);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_invalid_utf8 (void)
{
  const char md[] = "bad \xff\xfe [[t\xc3|x\xff]] #ta\xe2\x82 ok\n\x00nul [[x\x00y]] #n\x00\n";
  g_autoptr(SheafParseResult) result = sheaf_markdown_parse (md, sizeof md - 1, 0, SHEAF_PARSE_KEEP_TREE);
  guint n = 0;
  const SheafLink *links = sheaf_parse_result_get_links (result, &n);
  const SheafTag *tags;

  g_assert_cmpuint (n, >=, 1);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (g_utf8_validate (links[i].target, -1, NULL));
      g_assert_true (g_utf8_validate (links[i].raw, -1, NULL));
      g_assert_true (links[i].display == NULL || g_utf8_validate (links[i].display, -1, NULL));
      g_assert_cmpuint (links[i].span.end, <=, sizeof md - 1);
    }
  tags = sheaf_parse_result_get_tags (result, &n);
  for (guint i = 0; i < n; i++)
    g_assert_true (g_utf8_validate (tags[i].name, -1, NULL));
}

/* Deep containers then many inlines were quadratic inside cmark-gfm; markers
 * past the depth cap are read as spaces, and positions still hold. */
static void
test_deep_containers (void)
{
  const char *markers[] = { ">", "- " };

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      g_autoptr(GString) md = g_string_new (NULL);
      g_autoptr(SheafParseResult) result = NULL;
      const SheafLink *links;
      guint n_links = 0;
      gsize link_at;

      for (guint k = 0; k < 100000; k++)
        g_string_append (md, markers[i]);
      g_string_append (md, " deep\n");
      for (guint k = 0; k < 100000; k++)
        g_string_append_c (md, '[');
      g_string_append (md, "\n\nAfter [[Target]]\n");
      link_at = md->len - strlen ("[[Target]]\n");

      result = sheaf_markdown_parse (md->str, md->len, 0, SHEAF_PARSE_KEEP_TREE);
      links = sheaf_parse_result_get_links (result, &n_links);
      g_assert_cmpuint (n_links, ==, 1);
      g_assert_cmpstr (links[0].target, ==, "Target");
      g_assert_cmpuint (links[0].line, ==, 4);
      g_assert_cmpuint (links[0].span.start, ==, link_at);
    }
}

static void
test_pathological (void)
{
  const char *patterns[] = { ">", "[", "*", "[[", "![[", "%%", "$", "==", "- ", "#a ", "`", "]]" };

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      GString *md = g_string_new (NULL);
      g_autoptr(SheafParseResult) result = NULL;

      for (guint k = 0; k < 10000; k++)
        g_string_append (md, patterns[i]);
      g_string_append (md, " [[end]] #end\n");
      result = sheaf_markdown_parse (md->str, md->len, 0, SHEAF_PARSE_KEEP_TREE);
      /* A blow-up shows as the suite's timeout; speed is the benchmarks' business
       * (DESIGN.md §5), never a timed assertion. */
      g_assert_nonnull (result);
      g_string_free (md, TRUE);
    }
}

static void
test_large (void)
{
  GString *md = g_string_new (NULL);
  g_autoptr(SheafParseResult) result = NULL;
  guint n = 0;

  while (md->len < 8 * 1024 * 1024)
    g_string_append (md, "Some text with [[A Link]] and #tag in a paragraph.\n\n");
  result = sheaf_markdown_parse (md->str, md->len, 0, 0);
  sheaf_parse_result_get_links (result, &n);
  g_assert_cmpuint (n, ==, md->len / strlen ("Some text with [[A Link]] and #tag in a paragraph.\n\n"));
  g_string_free (md, TRUE);
}

/* Without SHEAF_PARSE_KEEP_TREE the tree is built in a scratch arena and text
 * nodes nobody reads are not rewritten: the facts must be the same. */
/* Reparsing part of a note after an edit gives what a full parse gives. */

static void
assert_same_link (const SheafLink *a,
                  const SheafLink *b,
                  gboolean         positions)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->raw, ==, b->raw);
  g_assert_cmpstr (a->target, ==, b->target);
  g_assert_cmpstr (a->fragment, ==, b->fragment);
  g_assert_cmpstr (a->display, ==, b->display);
  if (!positions)
    return;
  g_assert_cmpuint (a->line, ==, b->line);
  g_assert_cmpuint (a->span.start, ==, b->span.start);
  g_assert_cmpuint (a->span.end, ==, b->span.end);
}

static void
assert_equal_facts (SheafParseResult *a,
                    SheafParseResult *b)
{
  guint na, nb;
  const SheafHeading *ha = sheaf_parse_result_get_headings (a, &na);
  const SheafHeading *hb = sheaf_parse_result_get_headings (b, &nb);
  const SheafLink *la, *lb;
  const SheafTag *ta, *tb;
  const SheafCallout *ca, *cb;
  const SheafBlockId *ia, *ib;

  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpint (ha[i].level, ==, hb[i].level);
      g_assert_cmpstr (ha[i].text, ==, hb[i].text);
      g_assert_cmpuint (ha[i].line, ==, hb[i].line);
      g_assert_cmpuint (ha[i].span.start, ==, hb[i].span.start);
      g_assert_cmpuint (ha[i].span.end, ==, hb[i].span.end);
    }
  la = sheaf_parse_result_get_links (a, &na);
  lb = sheaf_parse_result_get_links (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    assert_same_link (&la[i], &lb[i], TRUE);
  ta = sheaf_parse_result_get_tags (a, &na);
  tb = sheaf_parse_result_get_tags (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpstr (ta[i].name, ==, tb[i].name);
      g_assert_cmpuint (ta[i].line, ==, tb[i].line);
      g_assert_cmpuint (ta[i].span.start, ==, tb[i].span.start);
      g_assert_cmpuint (ta[i].span.end, ==, tb[i].span.end);
    }
  ca = sheaf_parse_result_get_callouts (a, &na);
  cb = sheaf_parse_result_get_callouts (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpstr (ca[i].type, ==, cb[i].type);
      g_assert_cmpstr (ca[i].meta, ==, cb[i].meta);
      g_assert_cmpstr (ca[i].title, ==, cb[i].title);
      g_assert_cmpint (ca[i].fold, ==, cb[i].fold);
      g_assert_cmpuint (ca[i].depth, ==, cb[i].depth);
      g_assert_cmpuint (ca[i].line, ==, cb[i].line);
    }
  ia = sheaf_parse_result_get_block_ids (a, &na);
  ib = sheaf_parse_result_get_block_ids (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpstr (ia[i].id, ==, ib[i].id);
      g_assert_cmpuint (ia[i].line, ==, ib[i].line);
    }
}

static void
assert_same_facts (const char *text,
                   gsize       length,
                   gsize       body)
{
  g_autoptr(SheafParseResult) kept = sheaf_markdown_parse (text, length, body,
                                                           SHEAF_PARSE_KEEP_TREE);
  g_autoptr(SheafParseResult) dropped = sheaf_markdown_parse (text, length, body, 0);

  g_assert_null (sheaf_parse_result_get_document (dropped));
  assert_equal_facts (kept, dropped);
}

static void
assert_same_facts_in (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        assert_same_facts_in (path);
      else if (g_str_has_suffix (name, ".md") && g_file_get_contents (path, &text, &length, NULL))
        assert_same_facts (text, length, 0);
    }
}

static void
test_index_mode (void)
{
  /* Text nodes a token splits, in every place the facts read text from. */
  const char *cases[] = {
    "# A [[Link|shown]] and #tag with $x^2$ %%gone%% `code` ^head\n",
    "Setext [[T#H]] *em [[a_b*c*]]* end\n===\n",
    "[see [[Inner]] and #t](Target%20Note.md#Sec) ![alt [[x]]](img.png) [[After]]\n",
    "> [!note|wide]- Title with [[Link]] #tag $m$ %%c%%\n> body [[B]] ^id\n",
    "> [!tip] %%only a comment%%\n> text\n",
    "> [!warning]\n> [[Below]]\n",
    "| a [[T\\|x]] | #t [[U]] |\n|---|---|\n| [l](x.md) [[V]] | $$y$$ |\n",
    "- [>] task [[L]] ^tid\n- [ ] [[M]] #t\n",
    "%%\nblock [[Hidden]]\n%%\n\n$$\nx\n$$\n\npara ^\n\n^lone\n",
    "a &amp; b \\[[no]] [[yes]] %%x *y* z%% [[a [[b]] #1 #a1 [x](<y z.md>)\n",
    "text\r\nmore [[CR]]\rlone #cr\n",
    "%%a [b%% c](x.md) and $y [z$ w](v.md) [[k]]\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_facts (cases[i], strlen (cases[i]), 0);

  assert_same_facts ("---\nt: 1\n---\n# H [[x]]\n", strlen ("---\nt: 1\n---\n# H [[x]]\n"),
                     strlen ("---\nt: 1\n---\n"));
  assert_same_facts_in (g_test_get_dir (G_TEST_DIST));
}

/* A parse without a tree (what the vault keeps) stores its links compactly,
 * its shared strings in the string pool, and builds SheafLinks when asked:
 * the same links, every form of them, and once. */
static void
test_compact (void)
{
  const char *md =
    "# Head [[In Heading]] #tag\n"
    "[[Plain]] [[ Spaced | shown ]] [[T#H1#H2]] [[#Local]] [[T#^block|b]]\n"
    "![[img.png|300]] ![[Embed]] [md](Some%20Note.md#Sec) [[Plain]] #tag\n\n"
    "| a [[Cell\\|x]] | [[U]] |\n|---|---|\n\n"
    "> [!tip|meta] Title [[Q]]\n> text ^id\n";
  g_autoptr(SheafParseResult) full = sheaf_markdown_parse (md, strlen (md), 0,
                                                           SHEAF_PARSE_KEEP_TREE);
  SheafParseResult *a, *b;
  const SheafLink *links;
  guint pooled, n = 0;

  pooled = sheaf_string_pool_get_size ();
  a = sheaf_markdown_parse (md, strlen (md), 0, 0);
  b = sheaf_markdown_parse (md, strlen (md), 0, 0);
  g_assert_cmpuint (sheaf_string_pool_get_size (), >, pooled);

  /* Targets and lines without building the links; the same string for both. */
  g_assert_cmpuint (sheaf_parse_result_get_n_links (a), ==, 13);
  for (guint i = 0; i < sheaf_parse_result_get_n_links (a); i++)
    {
      const SheafLink *link = &sheaf_parse_result_get_links (full, NULL)[i];

      g_assert_cmpstr (sheaf_parse_result_get_link_target (a, i), ==, link->target);
      g_assert_true (sheaf_parse_result_get_link_target (a, i) ==
                     sheaf_parse_result_get_link_target (b, i));
      g_assert_cmpuint (sheaf_parse_result_get_link_line (a, i), ==, link->line);
      g_assert_cmpstr (sheaf_parse_result_get_link_target (full, i), ==, link->target);
    }

  assert_equal_facts (full, a);
  links = sheaf_parse_result_get_links (a, &n);
  g_assert_true (links == sheaf_parse_result_get_links (a, NULL));
  g_assert_cmpstr (links[2].raw, ==, "[[ Spaced | shown ]]");
  g_assert_cmpstr (links[2].target, ==, "Spaced");
  g_assert_cmpstr (links[5].raw, ==, "[[T#^block|b]]");
  g_assert_cmpstr (links[6].raw, ==, "![[img.png|300]]");
  g_assert_cmpint (links[6].kind, ==, SHEAF_LINK_EMBED);
  g_assert_cmpstr (links[8].raw, ==, "[md](Some%20Note.md#Sec)");
  g_assert_cmpstr (links[10].raw, ==, "[[Cell\\|x]]");
  g_assert_true (sheaf_parse_result_get_headings (a, NULL)[0].text ==
                 sheaf_parse_result_get_headings (b, NULL)[0].text);

  /* The pool lets go of what no result holds. */
  sheaf_parse_result_unref (a);
  g_assert_cmpuint (sheaf_string_pool_get_size (), >, pooled);
  sheaf_parse_result_unref (b);
  g_assert_cmpuint (sheaf_string_pool_get_size (), ==, pooled);

  /* Nothing to link: no array. */
  a = sheaf_markdown_parse ("# H\n", 4, 0, 0);
  g_assert_null (sheaf_parse_result_get_links (a, &n));
  g_assert_cmpuint (n, ==, 0);
  sheaf_parse_result_unref (a);
}

static gpointer
parse_compact_thread (gpointer data)
{
  return sheaf_markdown_parse (data, strlen (data), 0, 0);
}

/* A parse that finds the pool busy does not wait: it keeps its own copies. */
static void
test_compact_busy_pool (void)
{
  const char *md = "# Head\n[[One]] [[Two|2]] #tag\n\n> [!tip] T\n> [[Three#H]]\n";
  g_autoptr(SheafParseResult) full = sheaf_markdown_parse (md, strlen (md), 0,
                                                           SHEAF_PARSE_KEEP_TREE);
  g_autoptr(SheafParseResult) pooled = sheaf_markdown_parse (md, strlen (md), 0, 0);
  g_autoptr(SheafParseResult) own = NULL;
  guint size = sheaf_string_pool_get_size ();
  GThread *thread;

  sheaf_string_pool_hold (TRUE);
  thread = g_thread_new ("parse", parse_compact_thread, (gpointer) md);
  own = g_thread_join (thread);
  sheaf_string_pool_hold (FALSE);

  g_assert_cmpuint (sheaf_string_pool_get_size (), ==, size);
  g_assert_false (sheaf_parse_result_get_link_target (own, 0) ==
                  sheaf_parse_result_get_link_target (pooled, 0));
  g_assert_cmpstr (sheaf_parse_result_get_link_target (own, 2), ==, "Three");
  assert_equal_facts (full, own);
  assert_equal_facts (pooled, own);
}

static gpointer
build_links_thread (gpointer data)
{
  return (gpointer) sheaf_parse_result_get_links (data, NULL);
}

/* Two threads asking at once get the same links. */
static void
test_compact_threads (void)
{
  g_autoptr(GString) md = g_string_new (NULL);

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (md, "[[Note %u]] [[Other|%u]]\n", i % 50, i);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(SheafParseResult) result = sheaf_markdown_parse (md->str, md->len, 0, 0);
      GThread *one = g_thread_new ("links", build_links_thread, result);
      GThread *two = g_thread_new ("links", build_links_thread, result);
      gpointer a = g_thread_join (one);
      gpointer b = g_thread_join (two);

      g_assert_nonnull (a);
      g_assert_true (a == b);
      g_assert_true (a == sheaf_parse_result_get_links (result, NULL));
    }
}

static gpointer
parse_thread (gpointer data)
{
  const char *md = "~~gone~~ ==marked== www.example.com [[L]] #t\n\n| a |\n|---|\n| ~~x~~ |\n";

  /* Fact-only parses run beside the tree parses: they must not disturb them. */
  if (data != NULL)
    {
      for (guint i = 0; i < 300; i++)
        {
          g_autoptr(SheafParseResult) result = sheaf_markdown_parse (md, strlen (md), 0, 0);
          guint n = 0;

          sheaf_parse_result_get_links (result, &n);
          if (n != 1)
            return GINT_TO_POINTER (FALSE);
        }
      return GINT_TO_POINTER (TRUE);
    }

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(SheafParseResult) result = parse (md);
      cmark_node *doc = sheaf_parse_result_get_document (result);
      cmark_node *para = cmark_node_first_child (doc);
      cmark_node *first = cmark_node_first_child (para);

      /* A race on cmark's special-character table would turn these into text. */
      if (g_strcmp0 (cmark_node_get_type_string (first), "strikethrough") != 0 ||
          !sheaf_markdown_node_is_highlight (cmark_node_next (cmark_node_next (first))))
        return GINT_TO_POINTER (FALSE);
    }

  return GINT_TO_POINTER (TRUE);
}

static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("parse", parse_thread, i % 2 ? GINT_TO_POINTER (1) : NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

static void
test_refcount (void)
{
  SheafParseResult *result = parse ("[[x]]");
  SheafParseResult *again = sheaf_parse_result_ref (result);
  GType type = SHEAF_TYPE_PARSE_RESULT;

  g_assert_true (G_TYPE_IS_BOXED (type));
  g_assert_true (again == result);
  sheaf_parse_result_unref (result);
  g_assert_cmpuint (only_link (again)->span.end, ==, 5);
  sheaf_parse_result_unref (again);
}


/* Node by node: the XML cmark renders, positions with the blocks' line
 * deltas, and what our nodes point to. A shared node's link keeps the place
 * it had when it was made; the result's arrays have the moved one. */
/* Nodes we make inside inlines have no position (0:0); a block cmark
 * closed on the line it began ends on the line before (maybe 0). */
static int
moved_line (cmark_node *node,
            int         line,
            int         delta)
{
  return cmark_node_get_start_line (node) > 0 ? line + delta : line;
}

static void
assert_same_block (const SheafParseBlock *a,
                   const SheafParseBlock *b)
{
  g_autofree char *xa = cmark_render_xml (a->node, CMARK_OPT_DEFAULT);
  g_autofree char *xb = cmark_render_xml (b->node, CMARK_OPT_DEFAULT);
  cmark_iter *ia = cmark_iter_new (a->node);
  cmark_iter *ib = cmark_iter_new (b->node);
  cmark_event_type ev;

  g_assert_cmpstr (xa, ==, xb);
  while ((ev = cmark_iter_next (ia)) != CMARK_EVENT_DONE)
    {
      cmark_node *na, *nb;
      const SheafCallout *ca, *cb;

      g_assert_cmpint (cmark_iter_next (ib), ==, ev);
      na = cmark_iter_get_node (ia);
      nb = cmark_iter_get_node (ib);
      g_assert_cmpint (moved_line (na, cmark_node_get_start_line (na), a->line_delta), ==,
                       moved_line (nb, cmark_node_get_start_line (nb), b->line_delta));
      g_assert_cmpint (moved_line (na, cmark_node_get_end_line (na), a->line_delta), ==,
                       moved_line (nb, cmark_node_get_end_line (nb), b->line_delta));
      g_assert_cmpint (cmark_node_get_start_column (na), ==, cmark_node_get_start_column (nb));
      g_assert_cmpint (cmark_node_get_end_column (na), ==, cmark_node_get_end_column (nb));
      g_assert_cmpstr (sheaf_markdown_node_get_tag (na), ==, sheaf_markdown_node_get_tag (nb));
      g_assert_cmpstr (sheaf_markdown_node_get_block_id (na), ==, sheaf_markdown_node_get_block_id (nb));
      g_assert_true ((sheaf_markdown_node_get_link (na) == NULL) == (sheaf_markdown_node_get_link (nb) == NULL));
      if (sheaf_markdown_node_get_link (na) != NULL)
        assert_same_link (sheaf_markdown_node_get_link (na), sheaf_markdown_node_get_link (nb), FALSE);
      ca = sheaf_markdown_node_get_callout (na);
      cb = sheaf_markdown_node_get_callout (nb);
      g_assert_true ((ca == NULL) == (cb == NULL));
      if (ca != NULL)
        g_assert_cmpstr (ca->title, ==, cb->title);
    }
  g_assert_cmpint (cmark_iter_next (ib), ==, CMARK_EVENT_DONE);
  cmark_iter_free (ia);
  cmark_iter_free (ib);
}

static void
assert_same_parse (SheafParseResult *a,
                   SheafParseResult *b)
{
  guint na, nb;
  const SheafParseBlock *ba = sheaf_parse_result_get_blocks (a, &na);
  const SheafParseBlock *bb = sheaf_parse_result_get_blocks (b, &nb);
  cmark_node *node = cmark_node_first_child (sheaf_parse_result_get_document (b));

  assert_equal_facts (a, b);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++, node = cmark_node_next (node))
    {
      g_assert_true (bb[i].node == node);
      assert_same_block (&ba[i], &bb[i]);
    }
  g_assert_null (node);
}

static const char * const edit_inserts[] = {
  "a", "x y", "\n", "\n\n", ">", "> ", "[[", "]]", "```", "```\n", "- ", "# ", "#", "|", "---\n",
  "===\n", "%%", "%%\n", "<!--", "-->", " ", "    ", "\t", "*", "1. ", "[!note]", " ^id1", "\r\n",
  "é", "[x](y)", "#tag ", "| a | b |\n|---|---|\n", "> [!tip]-\n> ", "    code\n",
};

/* Applies random edits to @text one after another, each reparsed from the
 * last reparse, and compares every result with a full parse. */
static void
check_random_edits (const char *text,
                    guint       n_edits,
                    guint32     seed,
                    guint      *n_partial)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) buf = g_string_new (text);
  g_autoptr(GBytes) first = g_bytes_new (buf->str, buf->len);
  g_autoptr(SheafNote) note = sheaf_note_new_for_bytes ("t.md", first, NULL, SHEAF_NOTE_KEEP_TREE);

  for (guint i = 0; i < n_edits; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(SheafNote) edited = NULL;
      g_autoptr(SheafNote) whole = NULL;
      SheafTextEdit edit;
      gsize at = buf->len > 0 ? g_rand_int_range (rand, 0, buf->len + 1) : 0;

      edit.start = at;
      if (g_rand_int_range (rand, 0, 3) == 0 && at < buf->len)
        {
          gsize n = g_rand_int_range (rand, 1, 40);

          n = MIN (n, buf->len - at);

          g_string_erase (buf, at, n);
          edit.old_end = at + n;
          edit.new_end = at;
        }
      else
        {
          const char *insert = edit_inserts[g_rand_int_range (rand, 0, G_N_ELEMENTS (edit_inserts))];

          g_string_insert (buf, at, insert);
          edit.old_end = at;
          edit.new_end = at + strlen (insert);
        }

      bytes = g_bytes_new (buf->str, buf->len);
      edited = sheaf_note_new_for_edit (note, "t.md", bytes, NULL, &edit, SHEAF_NOTE_KEEP_TREE);
      whole = sheaf_note_new_for_bytes ("t.md", bytes, NULL, SHEAF_NOTE_KEEP_TREE);
      if (sheaf_parse_result_is_partial (sheaf_note_get_parse_result (edited)))
        (*n_partial)++;
      assert_same_parse (sheaf_note_get_parse_result (edited), sheaf_note_get_parse_result (whole));
      g_set_object (&note, edited);
    }
}

/* Shaped like the seeds, with most of what can run across blocks. */
static char *
make_long_note (gsize size)
{
  static const char * const words[] = {
    "starter", "crumb", "[[Oven Notes|oven]]", "**steam**", "#bake", "`code`", "levain",
    "==flour==", "[link](Other.md)", "rye", "%%aside%%", "*proof*",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GString *out = g_string_new ("---\ntags: [a, b]\n---\n\n# Long\n\n");

  for (guint section = 1; out->len < size; section++)
    {
      g_string_append_printf (out, "## Section %u\n\n> [!tip]%s Title\n> ", section,
                              section % 3 ? "" : "-");
      for (guint w = 0; w < 40; w++)
        g_string_append_printf (out, "%s%s", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                w % 12 == 11 ? "\n" : " ");
      g_string_append (out, "\n\nSetext\n---\n\n- item [[A]]\n  - nested #t\n- [ ] task\n\n"
                            "Para ^blk\n\n| a | b |\n|---|---|\n| [[c]] | d |\n\n");
      if (section % 4 == 0)
        g_string_append (out, "```\ncode\n\nmore\n```\n\n%%\nhidden\n\nstill\n%%\n\n<!-- c -->\n\n");
      if (section % 5 == 0)
        g_string_append (out, "    indented\n\n> quote\nlazy\n\n***\n\n");
    }

  return g_string_free (out, FALSE);
}

static void
test_reparse (void)
{
  static const char * const fixtures[] = { "seed-shaped.md", "mixed.md", "nested.md", "simple.md", "invalid.md" };
  g_autofree char *long_note = make_long_note (24 * 1024);
  guint n_seeds = g_test_slow () ? 60 : 6;
  guint n_partial = 0;

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "markdown", fixtures[f], NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      for (guint32 seed = 0; seed < n_seeds / 2; seed++)
        check_random_edits (text, 300, 100 * f + seed, &n_partial);
    }

  n_partial = 0;
  for (guint32 seed = 1; seed <= n_seeds; seed++)
    check_random_edits (long_note, 150, seed, &n_partial);
  /* Most edits of a long note are reparsed in part, or this tests little. */
  g_test_message ("%u of %u edits reparsed in part", n_partial, n_seeds * 150);
  g_assert_cmpuint (n_partial, >, n_seeds * 150 / 2);
}

static void
test_reparse_large (void)
{
  g_autofree char *note = make_long_note (1000 * 1000);
  guint n_partial = 0;

  check_random_edits (note, g_test_slow () ? 60 : 12, 3, &n_partial);
  g_test_message ("%u edits reparsed in part", n_partial);
  g_assert_cmpuint (n_partial, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/markdown/callout/types", test_callout_types);
  g_test_add_func ("/sheaf/markdown/callout/styles", test_callout_styles);
  g_test_add_func ("/sheaf/markdown/callout/unknown", test_callout_unknown);
  g_test_add_func ("/sheaf/markdown/callout/fold-meta", test_callout_fold_meta);
  g_test_add_func ("/sheaf/markdown/callout/title", test_callout_title);
  g_test_add_func ("/sheaf/markdown/callout/default-title", test_callout_default_title);
  g_test_add_func ("/sheaf/markdown/callout/nested", test_callout_nested);
  g_test_add_func ("/sheaf/markdown/callout/not", test_callout_not);
  g_test_add_func ("/sheaf/markdown/wikilink/forms", test_wikilink_forms);
  g_test_add_func ("/sheaf/markdown/wikilink/spans", test_wikilink_spans);
  g_test_add_func ("/sheaf/markdown/wikilink/table", test_wikilink_table);
  g_test_add_func ("/sheaf/markdown/links/not-in-code", test_links_not_in_code);
  g_test_add_func ("/sheaf/markdown/links/markdown", test_markdown_links);
  g_test_add_func ("/sheaf/markdown/tags/rules", test_tags);
  g_test_add_func ("/sheaf/markdown/tags/facts", test_tag_facts);
  g_test_add_func ("/sheaf/markdown/headings", test_headings);
  g_test_add_func ("/sheaf/markdown/block-ids", test_block_ids);
  g_test_add_func ("/sheaf/markdown/nodes", test_nodes);
  g_test_add_func ("/sheaf/markdown/math", test_math_rules);
  g_test_add_func ("/sheaf/markdown/tasklist", test_tasklist);
  g_test_add_func ("/sheaf/markdown/input/crlf", test_crlf);
  g_test_add_func ("/sheaf/markdown/input/seed", test_seed_note);
  g_test_add_func ("/sheaf/markdown/input/empty", test_empty);
  g_test_add_func ("/sheaf/markdown/input/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/sheaf/markdown/input/pathological", test_pathological);
  g_test_add_func ("/sheaf/markdown/input/deep-containers", test_deep_containers);
  g_test_add_func ("/sheaf/markdown/input/large", test_large);
  g_test_add_func ("/sheaf/markdown/index-mode", test_index_mode);
  g_test_add_func ("/sheaf/markdown/compact", test_compact);
  g_test_add_func ("/sheaf/markdown/compact/threads", test_compact_threads);
  g_test_add_func ("/sheaf/markdown/compact/busy-pool", test_compact_busy_pool);
  g_test_add_func ("/sheaf/markdown/threads", test_threads);
  g_test_add_func ("/sheaf/markdown/refcount", test_refcount);
  g_test_add_func ("/sheaf/markdown/reparse/random", test_reparse);
  g_test_add_func ("/sheaf/markdown/reparse/large", test_reparse_large);

  return g_test_run ();
}
