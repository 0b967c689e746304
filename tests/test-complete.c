/* test-complete.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sheaf-complete.h"
#include "sheaf-test-util.h"
#include "sheaf-vault.h"

/* The cursor in a test line. */
#define CURSOR "‸"

typedef SheafTestVault Fixture;

/* @marked without its cursor mark, and the cursor's offset. */
static char *
split_cursor (const char *marked,
              gsize      *cursor)
{
  const char *mark = strstr (marked, CURSOR);
  GString *line = g_string_new (NULL);

  g_assert_nonnull (mark);
  *cursor = mark - marked;
  g_string_append_len (line, marked, mark - marked);
  g_string_append (line, mark + strlen (CURSOR));

  return g_string_free (line, FALSE);
}

static const char *
kind_name (SheafCompleteKind kind)
{
  static const char * const names[] = { "none", "link", "heading", "block", "tag" };

  return names[kind];
}

/* "kind query [replaced span] target tail" for one line: one string to compare. */
static char *
describe_context (const char *marked)
{
  static const char * const tails[] = { "open", "closed", "continued" };
  g_auto(SheafCompleteContext) context = { 0 };
  g_autofree char *line = NULL;
  GString *out = g_string_new (NULL);
  gsize cursor;

  line = split_cursor (marked, &cursor);
  if (!sheaf_complete_find_context (line, strlen (line), cursor, &context))
    {
      g_assert_cmpint (context.kind, ==, SHEAF_COMPLETE_NONE);
      g_string_append (out, "none");
      return g_string_free (out, FALSE);
    }

  g_assert_cmpuint (context.start, <=, cursor);
  g_assert_cmpuint (context.end, >=, cursor);
  g_string_append_printf (out, "%s%s '%s' [%.*s]", kind_name (context.kind),
                          context.embed ? " embed" : "", context.query,
                          (int)(context.end - context.start), line + context.start);
  if (context.target != NULL)
    g_string_append_printf (out, " target '%s'", context.target);
  if (context.kind != SHEAF_COMPLETE_TAG)
    g_string_append_printf (out, " %s", tails[context.tail]);

  return g_string_free (out, FALSE);
}

static void
test_complete_context (void)
{
  static const struct { const char *line; const char *expected; } cases[] = {
    /* links */
    { "See [[Sour" CURSOR, "link 'Sour' [Sour] open" },
    { "![[Sour" CURSOR, "link embed 'Sour' [Sour] open" },
    { "[[" CURSOR, "link '' [] open" },
    { "[[Some No" CURSOR, "link 'Some No' [Some No] open" },
    { "[[Recipes/Br" CURSOR, "link 'Recipes/Br' [Recipes/Br] open" },
    { "[[Foo|Ba" CURSOR, "none" },
    { "[[Foo|" CURSOR, "none" },
    { "[[Sour" CURSOR "]]", "link 'Sour' [Sour]]] closed" },
    { "[[Sou" CURSOR "rdough]] and more", "link 'Sou' [Sourdough]]] closed" },
    { "[[Sou" CURSOR "|shown]]", "link 'Sou' [Sou] continued" },
    { "[[Sou" CURSOR "#Goals]]", "link 'Sou' [Sou] continued" },
    { "[[Sou" CURSOR " before [[Other]]", "link 'Sou' [Sou] open" },
    { "[[a]] and " CURSOR, "none" },
    { "[[a]] [[b" CURSOR, "link 'b' [b] open" },
    { "[[[x" CURSOR, "link 'x' [x] open" },
    { "`[[Sou" CURSOR "`", "none" },
    { "`code` [[Sou" CURSOR, "link 'Sou' [Sou] open" },
    { "``a`b`` [[Sou" CURSOR, "link 'Sou' [Sou] open" },
    { "a ] b [[x]y" CURSOR, "link 'x]y' [x]y] open" },
    /* headings and blocks */
    { "[[Foo#Bar" CURSOR, "heading 'Bar' [Bar] target 'Foo' open" },
    { "[[#" CURSOR, "heading '' [] target '' open" },
    { "![[ Foo #Ba" CURSOR, "heading embed 'Ba' [Ba] target 'Foo' open" },
    { "[[Foo#H1#Su" CURSOR, "heading 'Su' [Su] target 'Foo' open" },
    { "[[Foo#Ba" CURSOR "r]]", "heading 'Ba' [Bar]]] target 'Foo' closed" },
    { "[[Foo#Ba" CURSOR "|x]]", "heading 'Ba' [Ba] target 'Foo' continued" },
    { "[[Foo#^fee" CURSOR, "block 'fee' [fee] target 'Foo' open" },
    { "[[Foo#^" CURSOR, "block '' [] target 'Foo' open" },
    { "[[Foo#Bar|Sh" CURSOR, "none" },
    /* tags */
    { "#ta" CURSOR, "tag 'ta' [ta]" },
    { "text #ta" CURSOR, "tag 'ta' [ta]" },
    { "text\t#ta" CURSOR, "tag 'ta' [ta]" },
    { "#" CURSOR, "tag '' []" },
    { "- #" CURSOR, "tag '' []" },
    { "#baking/br" CURSOR "ead more", "tag 'baking/br' [baking/bread]" },
    { "#ta" CURSOR ". Next", "tag 'ta' [ta]" },
    { "#café" CURSOR, "tag 'café' [café]" },
    { "#🌱" CURSOR, "tag '🌱' [🌱]" },
    { "## Heading #ta" CURSOR, "tag 'ta' [ta]" },
    { "a#b" CURSOR, "none" },
    { "a#" CURSOR, "none" },
    { "# Heading" CURSOR, "none" },
    { "# " CURSOR, "none" },
    { "#" CURSOR " Heading", "none" },
    { "##" CURSOR, "none" },
    { "`#x" CURSOR "`", "none" },
    { "`#x` #y" CURSOR, "tag 'y' [y]" },
    { "https://example.com/#frag" CURSOR, "none" },
    { "see (#ta" CURSOR, "none" },
    { "[text](#anch" CURSOR, "none" },
    { "[[Note#Head" CURSOR, "heading 'Head' [Head] target 'Note' open" },
    { "plain words" CURSOR, "none" },
    { "" CURSOR, "none" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = describe_context (cases[i].line);

      g_test_message ("%s", cases[i].line);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_complete_area (void)
{
  static const struct { const char *text; SheafCompleteArea expected; } cases[] = {
    { "", SHEAF_COMPLETE_AREA_BODY },
    { "Some text\n", SHEAF_COMPLETE_AREA_BODY },
    { "---\ntitle: x\n", SHEAF_COMPLETE_AREA_FRONTMATTER },
    { "---\n", SHEAF_COMPLETE_AREA_FRONTMATTER },
    { "\xEF\xBB\xBF---\ntags:\n", SHEAF_COMPLETE_AREA_FRONTMATTER },
    { "---\na: b\n---\n", SHEAF_COMPLETE_AREA_BODY },
    { "---\na: b\n...\n", SHEAF_COMPLETE_AREA_BODY },
    { "---\r\na: 1\r\n---\r\n", SHEAF_COMPLETE_AREA_BODY },
    { "text\n---\n", SHEAF_COMPLETE_AREA_BODY },
    { "```\ncode\n", SHEAF_COMPLETE_AREA_CODE },
    { "```js\n", SHEAF_COMPLETE_AREA_CODE },
    { "```\ncode\n```\n", SHEAF_COMPLETE_AREA_BODY },
    { "~~~~\n```\n", SHEAF_COMPLETE_AREA_CODE },
    { "````\n```\n", SHEAF_COMPLETE_AREA_CODE },
    { "````\n`````\n", SHEAF_COMPLETE_AREA_BODY },
    { "``` a`b\n", SHEAF_COMPLETE_AREA_BODY },
    { "> ```\n> x\n", SHEAF_COMPLETE_AREA_CODE },
    { "- item\n  ```\n", SHEAF_COMPLETE_AREA_CODE },
    { "``\n", SHEAF_COMPLETE_AREA_BODY },
    { "---\na: 1\n---\n```\n", SHEAF_COMPLETE_AREA_CODE },
    { "---\n```\n", SHEAF_COMPLETE_AREA_FRONTMATTER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (sheaf_complete_area_at (cases[i].text, strlen (cases[i].text)), ==,
                       cases[i].expected);
    }
}

/* "label>replacement" for each item, joined with spaces. */
static char *
describe_items (GPtrArray *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      SheafCompleteItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (out, "%s%s>%s", i > 0 ? ", " : "", item->label, item->replacement);
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
links (Fixture    *fixture,
       const char *source,
       const char *query)
{
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(GPtrArray) notes = sheaf_vault_dup_notes (fixture->vault);
  g_autoptr(SheafFuzzyMatcher) matcher = NULL;

  index = sheaf_fuzzy_index_new (notes);
  matcher = sheaf_fuzzy_matcher_new (index);

  return sheaf_complete_links (matcher, fixture->vault, source, query, 20);
}

static void
test_complete_links (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *got = NULL;
  SheafCompleteItem *item;

  /* Prefix on the title; the shorter title first. */
  items = links (fixture, "Home.md", "sour");
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "Sourdough>Sourdough, Source Code>Source Code");
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->path, ==, "Sourdough.md");
  g_assert_cmpstr (item->folder, ==, "");
  g_assert_null (item->detail);
  g_assert_cmpuint (item->n_positions, ==, 4);
  g_assert_cmpuint (item->positions[3], ==, 3);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  /* By alias: shown as the alias, written as target|alias. */
  items = links (fixture, "Home.md", "levain");
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->label, ==, "Levain");
  g_assert_cmpstr (item->detail, ==, "Sourdough");
  g_assert_cmpstr (item->replacement, ==, "Sourdough|Levain");
  g_assert_cmpstr (item->target, ==, "Sourdough");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* An ambiguous name is written as the path. */
  items = links (fixture, "Home.md", "bread");
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "Bread>Archive/Bread, Bread>Recipes/Bread");
  item = g_ptr_array_index (items, 1);
  g_assert_cmpstr (item->folder, ==, "Recipes");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  /* …but from the note's own folder the bare name reaches it. */
  items = links (fixture, "Recipes/Rolls.md", "bread");
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "Bread>Archive/Bread, Bread>Bread");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  /* A folder in the query matches the path. */
  items = links (fixture, "Home.md", "recipes/br");
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->path, ==, "Recipes/Bread.md");
  g_assert_cmpuint (item->n_positions, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Nothing typed yet: every note. */
  items = links (fixture, "Home.md", "");
  g_assert_cmpuint (items->len, ==, sheaf_vault_get_n_notes (fixture->vault));
  g_clear_pointer (&items, g_ptr_array_unref);

  items = links (fixture, "Home.md", "zzzz");
  g_assert_cmpuint (items->len, ==, 0);
}

static void
test_complete_links_without_vault (void)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("Body\n", 5);
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(SheafFuzzyMatcher) matcher = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *got = NULL;

  g_ptr_array_add (notes, sheaf_note_new_for_bytes ("A/Kiwi.md", bytes, NULL, SHEAF_NOTE_DEFAULT));
  index = sheaf_fuzzy_index_new (notes);
  matcher = sheaf_fuzzy_matcher_new (index);
  items = sheaf_complete_links (matcher, NULL, NULL, "kiw", 10);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "Kiwi>A/Kiwi");
}

static void
test_complete_headings (Fixture       *fixture,
                        gconstpointer  data)
{
  SheafNote *note = sheaf_complete_resolve_note (fixture->vault, "Home.md", "sourdough");
  SheafParseResult *result;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *got = NULL;
  SheafCompleteItem *item;

  g_assert_nonnull (note);
  g_assert_cmpstr (sheaf_note_get_path (note), ==, "Sourdough.md");
  g_assert_null (sheaf_complete_resolve_note (fixture->vault, "Home.md", "Nowhere"));
  result = sheaf_note_get_parse_result (note);

  items = sheaf_complete_headings (result, "", 20);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "Sourdough>Sourdough, Feeding schedule>Feeding schedule, "
                            "Baking day>Baking day, Shaping>Shaping");
  item = g_ptr_array_index (items, 3);
  g_assert_cmpuint (item->level, ==, 3);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  /* Prefix, then word start, then anywhere, then in order. */
  items = sheaf_complete_headings (result, "Ba", 20);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "Baking day>Baking day");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  items = sheaf_complete_headings (result, "sch", 20);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "Feeding schedule>Feeding schedule");
  item = g_ptr_array_index (items, 0);
  g_assert_cmpuint (item->n_positions, ==, 3);
  g_assert_cmpuint (item->positions[0], ==, 8);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  items = sheaf_complete_headings (result, "in", 20);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "Feeding schedule>Feeding schedule, Baking day>Baking day, "
                            "Shaping>Shaping");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  items = sheaf_complete_headings (result, "d", 2);
  g_assert_cmpuint (items->len, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);

  items = sheaf_complete_headings (NULL, "", 20);
  g_assert_cmpuint (items->len, ==, 0);
}

static void
test_complete_heading_fragment (void)
{
  const char *text = "# C# and [x]|y\n\n## Ünïcode\n";
  g_autoptr(SheafParseResult) result = sheaf_markdown_parse (text, strlen (text), 0,
                                                             SHEAF_PARSE_DEFAULT);
  g_autoptr(GPtrArray) items = sheaf_complete_headings (result, "", 20);
  g_autofree char *got = describe_items (items);

  g_assert_cmpstr (got, ==, "C# and [x]|y>C and x y, Ünïcode>Ünïcode");

  g_clear_pointer (&items, g_ptr_array_unref);
  items = sheaf_complete_headings (result, "ÜNÏ", 20);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpuint (((SheafCompleteItem *)g_ptr_array_index (items, 0))->n_positions, ==, 0);
}

static void
test_complete_blocks (Fixture       *fixture,
                      gconstpointer  data)
{
  SheafNote *note = sheaf_vault_get_note (fixture->vault, "Sourdough.md");
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *got = NULL;

  items = sheaf_complete_blocks (sheaf_note_get_parse_result (note), "", 20);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "feeding>feeding, shape-1>shape-1");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  items = sheaf_complete_blocks (sheaf_note_get_parse_result (note), "sh", 20);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "shape-1>shape-1");
}

static void
test_complete_tags (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) tree = sheaf_vault_dup_tag_tree (fixture->vault);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *got = NULL;
  SheafCompleteItem *item;

  /* The most used first. */
  items = sheaf_complete_tags (tree, "", 3);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "baking>baking, baking/bread>baking/bread, baking/cake>baking/cake");
  item = g_ptr_array_index (items, 0);
  g_assert_cmpuint (item->count, ==, 4);
  item = g_ptr_array_index (items, 1);
  g_assert_cmpuint (item->count, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  items = sheaf_complete_tags (tree, "ba", 20);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "baking>baking, baking/bread>baking/bread, baking/cake>baking/cake");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  /* A nested segment starts a word. */
  items = sheaf_complete_tags (tree, "bread", 20);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "baking/bread>baking/bread");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  items = sheaf_complete_tags (tree, "KIT", 20);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "kitchen>kitchen");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&got, g_free);

  items = sheaf_complete_tags (tree, "jrn", 20);
  got = describe_items (items);
  g_assert_cmpstr (got, ==, "journal>journal");
  g_clear_pointer (&items, g_ptr_array_unref);

  items = sheaf_complete_tags (NULL, "", 20);
  g_assert_cmpuint (items->len, ==, 0);
}

/* The line after choosing @item at the cursor of @marked, with the new cursor. */
static char *
apply (const char              *marked,
       const SheafCompleteItem *item)
{
  g_auto(SheafCompleteContext) context = { 0 };
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  GString *out = g_string_new (NULL);
  gsize cursor;

  line = split_cursor (marked, &cursor);
  g_assert_true (sheaf_complete_find_context (line, strlen (line), cursor, &context));
  text = sheaf_complete_replacement (&context, item);
  g_string_append_len (out, line, context.start);
  g_string_append (out, text);
  g_string_append (out, CURSOR);
  g_string_append (out, line + context.end);

  return g_string_free (out, FALSE);
}

static void
test_complete_replacement (void)
{
  SheafCompleteItem title = { SHEAF_COMPLETE_LINK, "Sourdough", NULL, "", "Sourdough.md",
                              "Sourdough", "Sourdough", 0, 0, 0, NULL };
  SheafCompleteItem alias = { SHEAF_COMPLETE_LINK, "Levain", "Sourdough", "", "Sourdough.md",
                              "Sourdough|Levain", "Sourdough", 0, 0, 0, NULL };
  SheafCompleteItem path = { SHEAF_COMPLETE_LINK, "Bread", NULL, "Recipes", "Recipes/Bread.md",
                             "Recipes/Bread", "Recipes/Bread", 0, 0, 0, NULL };
  SheafCompleteItem heading = { SHEAF_COMPLETE_HEADING, "Baking day", NULL, NULL, NULL,
                                "Baking day", NULL, 0, 2, 0, NULL };
  SheafCompleteItem block = { SHEAF_COMPLETE_BLOCK, "feeding", NULL, NULL, NULL,
                              "feeding", NULL, 0, 0, 0, NULL };
  SheafCompleteItem tag = { SHEAF_COMPLETE_TAG, "baking/bread", NULL, NULL, NULL,
                            "baking/bread", NULL, 2, 0, 0, NULL };
  static const struct { const char *line; int item; const char *expected; } cases[] = {
    { "See [[Sour" CURSOR, 0, "See [[Sourdough]]" CURSOR },
    { "See [[sour" CURSOR " and more", 0, "See [[Sourdough]]" CURSOR " and more" },
    { "![[Sour" CURSOR, 0, "![[Sourdough]]" CURSOR },
    { "[[Sour" CURSOR "]]", 0, "[[Sourdough]]" CURSOR },
    { "[[Sou" CURSOR "rdo]] after", 0, "[[Sourdough]]" CURSOR " after" },
    { "[[Sou" CURSOR "|shown]]", 0, "[[Sourdough" CURSOR "|shown]]" },
    { "[[Lev" CURSOR, 1, "[[Sourdough|Levain]]" CURSOR },
    { "[[Lev" CURSOR "]]", 1, "[[Sourdough|Levain]]" CURSOR },
    { "[[Lev" CURSOR "|mine]]", 1, "[[Sourdough" CURSOR "|mine]]" },
    { "[[Lev" CURSOR "#Baking day]]", 1, "[[Sourdough" CURSOR "#Baking day]]" },
    { "[[bre" CURSOR, 2, "[[Recipes/Bread]]" CURSOR },
    { "[[Sourdough#Bak" CURSOR, 3, "[[Sourdough#Baking day]]" CURSOR },
    { "[[#" CURSOR, 3, "[[#Baking day]]" CURSOR },
    { "[[Sourdough#B" CURSOR "]]", 3, "[[Sourdough#Baking day]]" CURSOR },
    { "[[Sourdough#B" CURSOR "|x]]", 3, "[[Sourdough#Baking day" CURSOR "|x]]" },
    { "[[Sourdough#^fe" CURSOR, 4, "[[Sourdough#^feeding]]" CURSOR },
    { "#ba" CURSOR, 5, "#baking/bread" CURSOR },
    { "Hi #ba" CURSOR "k there", 5, "Hi #baking/bread" CURSOR " there" },
  };
  const SheafCompleteItem *items[] = { &title, &alias, &path, &heading, &block, &tag };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = apply (cases[i].line, items[cases[i].item]);

      g_test_message ("%s", cases[i].line);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
index_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SheafFuzzyIndex **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sheaf_complete_index_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_complete_index (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SheafFuzzyIndex) first = NULL;
  g_autoptr(SheafFuzzyIndex) second = NULL;
  g_autoptr(GError) error = NULL;
  guint n_notes = sheaf_vault_get_n_notes (fixture->vault);

  /* The first call starts building; both callers get the same index. */
  g_assert_null (sheaf_complete_get_index (fixture->vault));
  sheaf_complete_index_async (fixture->vault, NULL, index_cb, &first);
  sheaf_complete_index_async (fixture->vault, NULL, index_cb, &second);
  SHEAF_TEST_WAIT_FOR (first != NULL && second != NULL);
  g_assert_true (first == second);
  g_assert_true (sheaf_complete_get_index (fixture->vault) == first);
  g_assert_cmpuint (sheaf_fuzzy_index_get_n_notes (first), ==, n_notes);

  /* A new note: a new index a moment later; the old one answers meanwhile. */
  sheaf_test_write (fixture->root, "Rye.md", "Dark.\n");
  g_assert_true (sheaf_vault_update_path (fixture->vault, "Rye.md", &error));
  g_assert_no_error (error);
  g_assert_true (sheaf_complete_get_index (fixture->vault) == first);
  SHEAF_TEST_WAIT_FOR (sheaf_complete_get_index (fixture->vault) != first);
  g_assert_cmpuint (sheaf_fuzzy_index_get_n_notes (sheaf_complete_get_index (fixture->vault)), ==,
                    n_notes + 1);
}

static void
test_complete_tag_tree (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) first = sheaf_complete_ref_tag_tree (fixture->vault);
  g_autoptr(GPtrArray) again = sheaf_complete_ref_tag_tree (fixture->vault);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  /* Gathered once… */
  g_assert_true (first == again);
  items = sheaf_complete_tags (first, "rye", 10);
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* …and again after a change. */
  sheaf_test_write (fixture->root, "Rye.md", "Dark. #rye\n");
  g_assert_true (sheaf_vault_update_path (fixture->vault, "Rye.md", &error));
  g_assert_no_error (error);
  after = sheaf_complete_ref_tag_tree (fixture->vault);
  g_assert_true (after != first);
  items = sheaf_complete_tags (after, "rye", 10);
  g_assert_cmpuint (items->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/complete/context", test_complete_context);
  g_test_add_func ("/sheaf/complete/area", test_complete_area);
  g_test_add_func ("/sheaf/complete/replacement", test_complete_replacement);
  g_test_add_func ("/sheaf/complete/links-without-vault", test_complete_links_without_vault);
  g_test_add_func ("/sheaf/complete/heading-fragment", test_complete_heading_fragment);
  g_test_add ("/sheaf/complete/links", Fixture, "complete-vault",
              sheaf_test_vault_set_up, test_complete_links, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/complete/headings", Fixture, "complete-vault",
              sheaf_test_vault_set_up, test_complete_headings, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/complete/blocks", Fixture, "complete-vault",
              sheaf_test_vault_set_up, test_complete_blocks, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/complete/tags", Fixture, "complete-vault",
              sheaf_test_vault_set_up, test_complete_tags, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/complete/index", Fixture, "complete-vault",
              sheaf_test_vault_set_up, test_complete_index, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/complete/tag-tree", Fixture, "complete-vault",
              sheaf_test_vault_set_up, test_complete_tag_tree, sheaf_test_vault_tear_down);

  return g_test_run ();
}
