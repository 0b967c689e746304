/* test-fuzzy.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sheaf-fuzzy.h"
#include "sheaf-note.h"
#include "sheaf-test-util.h"
#include "sheaf-vault.h"

/* Notes made in memory: "path.md" or "path.md|alias1|alias2". */
static SheafFuzzyIndex *
index_for (const char * const *specs)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; specs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (specs[i], "|", -1);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (parts[1] != NULL)
        {
          g_string_append (text, "---\naliases:\n");
          for (guint a = 1; parts[a] != NULL; a++)
            g_string_append_printf (text, "  - %s\n", parts[a]);
          g_string_append (text, "---\n");
        }
      g_string_append (text, "Body.\n");
      bytes = g_bytes_new (text->str, text->len);
      g_ptr_array_add (notes, sheaf_note_new_for_bytes (parts[0], bytes, NULL, SHEAF_NOTE_DEFAULT));
    }

  return sheaf_fuzzy_index_new (notes);
}

static GPtrArray *
query (SheafFuzzyIndex    *index,
       const char         *text,
       const char * const *recent)
{
  g_autoptr(SheafFuzzyMatcher) matcher = sheaf_fuzzy_matcher_new (index);

  return sheaf_fuzzy_matcher_query (matcher, text, recent, 20);
}

/* "path:kind" for each result, joined with spaces: one string to compare. */
static char *
describe (GPtrArray *results)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      SheafFuzzyMatch *match = g_ptr_array_index (results, i);

      g_string_append_printf (out, "%s%s:%s", i > 0 ? " " : "", match->path,
                              sheaf_fuzzy_kind_to_string (match->kind));
    }

  return g_string_free (out, FALSE);
}

static char *
describe_positions (SheafFuzzyMatch *match)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < match->n_positions; i++)
    g_string_append_printf (out, "%s%u", i > 0 ? "," : "", match->positions[i]);

  return g_string_free (out, FALSE);
}

static void
test_fuzzy_ranking (void)
{
  const char *specs[] = {
    "Explanation.md", "Planning.md", "Project Plan.md", "Plan.md", "Unrelated.md", NULL,
  };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "plan", NULL);
  g_autofree char *got = describe (results);

  g_assert_cmpstr (got, ==,
                   "Plan.md:exact Planning.md:prefix Project Plan.md:word-start "
                   "Explanation.md:subsequence");
}

static void
test_fuzzy_case_and_spaces (void)
{
  const char *specs[] = { "Project Plan.md", "Projector Planet.md", "Pro.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) exact = query (index, "  PROJECT plan ", NULL);
  g_autoptr(GPtrArray) words = query (index, "proj plan", NULL);
  g_autofree char *got_exact = describe (exact);
  g_autofree char *got_words = describe (words);

  /* "projectplan" also runs through the starts of "Projector Planet" */
  g_assert_cmpstr (got_exact, ==, "Project Plan.md:exact Projector Planet.md:word-start");
  /* spaces separate words for the eye: both titles start words with "proj" and "plan" */
  g_assert_cmpstr (got_words, ==, "Project Plan.md:word-start Projector Planet.md:word-start");
}

static void
test_fuzzy_compactness (void)
{
  const char *specs[] = { "a-x-b-x-c.md", "xabxc.md", "zzzabc.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "abc", NULL);
  g_autofree char *got = describe (results);

  /* a-x-b-x-c: every letter starts a word; then the tighter subsequences */
  g_assert_cmpstr (got, ==, "a-x-b-x-c.md:word-start zzzabc.md:subsequence xabxc.md:subsequence");
}

static void
test_fuzzy_alias (void)
{
  const char *specs[] = { "Quarterly Review.md|QBR|Business review", "Quiet.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "qbr", NULL);
  g_autoptr(GPtrArray) second = query (index, "business", NULL);
  SheafFuzzyMatch *match;
  g_autofree char *positions = NULL;

  g_assert_cmpuint (results->len, ==, 1);
  match = g_ptr_array_index (results, 0);
  g_assert_cmpstr (match->path, ==, "Quarterly Review.md");
  g_assert_cmpstr (match->title, ==, "Quarterly Review");
  g_assert_cmpint (match->field, ==, SHEAF_FUZZY_FIELD_ALIAS);
  g_assert_cmpint (match->alias_index, ==, 0);
  g_assert_cmpstr (match->text, ==, "QBR");
  g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_EXACT);
  positions = describe_positions (match);
  g_assert_cmpstr (positions, ==, "0,1,2");

  g_assert_cmpuint (second->len, ==, 1);
  match = g_ptr_array_index (second, 0);
  g_assert_cmpint (match->alias_index, ==, 1);
  g_assert_cmpstr (match->text, ==, "Business review");
  g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_PREFIX);
}

static void
test_fuzzy_title_beats_alias (void)
{
  const char *specs[] = { "Roadmap.md|Roadmap 2025", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "road", NULL);
  SheafFuzzyMatch *match = g_ptr_array_index (results, 0);

  /* one result per note, from its best field; ties go to the title */
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpint (match->field, ==, SHEAF_FUZZY_FIELD_TITLE);
  g_assert_cmpint (match->alias_index, ==, -1);
}

static void
test_fuzzy_path (void)
{
  const char *specs[] = { "Work/Deep/Thing.md", "Other.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "work/deep", NULL);
  SheafFuzzyMatch *match;
  g_autofree char *positions = NULL;

  g_assert_cmpuint (results->len, ==, 1);
  match = g_ptr_array_index (results, 0);
  g_assert_cmpint (match->field, ==, SHEAF_FUZZY_FIELD_PATH);
  g_assert_cmpstr (match->text, ==, "Work/Deep/Thing.md");
  g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_PREFIX);
  positions = describe_positions (match);
  g_assert_cmpstr (positions, ==, "0,1,2,3,4,5,6,7,8");
}

static void
test_fuzzy_recent (void)
{
  const char *specs[] = { "Plan.md", "Planning.md", "Plant care.md", "Zebra.md", NULL };
  const char *recent[] = { "Plant care.md", "Zebra.md", "Gone.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) plain = query (index, "plan", NULL);
  g_autoptr(GPtrArray) boosted = query (index, "plan", recent);
  g_autoptr(GPtrArray) empty = query (index, "", recent);
  g_autofree char *got_plain = describe (plain);
  g_autofree char *got_boosted = describe (boosted);
  g_autofree char *got_empty = describe (empty);

  g_assert_cmpstr (got_plain, ==, "Plan.md:exact Planning.md:prefix Plant care.md:prefix");
  /* a recent note rises within its kind, never above an exact match */
  g_assert_cmpstr (got_boosted, ==, "Plan.md:exact Plant care.md:prefix Planning.md:prefix");
  g_assert_true (((SheafFuzzyMatch *)g_ptr_array_index (boosted, 1))->recent);
  g_assert_false (((SheafFuzzyMatch *)g_ptr_array_index (boosted, 2))->recent);
  /* nothing typed: the recent notes in order, then the rest by title length */
  g_assert_cmpstr (got_empty, ==,
                   "Plant care.md:recent Zebra.md:recent Plan.md:any Planning.md:any");
}

static void
test_fuzzy_ties (void)
{
  const char *specs[] = { "b/Note.md", "a/Note.md", "Notebook.md", "Notes.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "note", NULL);
  g_autofree char *got = describe (results);

  /* same title: by path; then prefixes by shorter title */
  g_assert_cmpstr (got, ==, "a/Note.md:exact b/Note.md:exact Notes.md:prefix Notebook.md:prefix");
}

static void
test_fuzzy_unicode (void)
{
  const char *specs[] = { "Über Notes.md", "Cafe\xcc\x81.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) notes = query (index, "no", NULL);
  g_autoptr(GPtrArray) uber = query (index, "ÜBER", NULL);
  g_autoptr(GPtrArray) cafe = query (index, "caf\xc3\xa9", NULL);
  g_autofree char *positions = NULL;
  SheafFuzzyMatch *match;

  g_assert_cmpuint (notes->len, ==, 1);
  match = g_ptr_array_index (notes, 0);
  g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_WORD_START);
  positions = describe_positions (match);
  /* byte offsets in the title: "Ü" is two bytes */
  g_assert_cmpstr (positions, ==, "6,7");

  g_assert_cmpuint (uber->len, ==, 1);
  g_assert_cmpint (((SheafFuzzyMatch *)g_ptr_array_index (uber, 0))->kind, ==, SHEAF_FUZZY_PREFIX);

  /* a decomposed é in the file name matches a composed one typed (NFC) */
  g_assert_cmpuint (cafe->len, ==, 1);
  match = g_ptr_array_index (cafe, 0);
  g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_EXACT);
  g_assert_cmpstr (match->text, ==, "Caf\xc3\xa9");
}

static void
test_fuzzy_narrowing (void)
{
  const char *specs[] = {
    "Plan.md", "Planning.md", "Project Plan.md", "Explanation.md", "Apple.md", "Pear.md",
    "People/Paula Lane.md", NULL,
  };
  const char *typed[] = { "p", "pl", "pla", "plan", "pla", "planx", "plan", "", "pe", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(SheafFuzzyMatcher) matcher = sheaf_fuzzy_matcher_new (index);

  /* one matcher fed keystrokes answers exactly what a fresh one does */
  for (guint i = 0; typed[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) incremental = sheaf_fuzzy_matcher_query (matcher, typed[i], NULL, 20);
      g_autoptr(GPtrArray) fresh = query (index, typed[i], NULL);
      g_autofree char *a = describe (incremental);
      g_autofree char *b = describe (fresh);

      g_assert_cmpstr (a, ==, b);
    }
}

static void
test_fuzzy_top_n (void)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(SheafFuzzyMatcher) matcher = NULL;
  g_autoptr(GPtrArray) results = NULL;

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *path = g_strdup_printf ("Note %03u.md", 499 - i);
      g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);

      g_ptr_array_add (notes, sheaf_note_new_for_bytes (path, bytes, NULL, SHEAF_NOTE_DEFAULT));
    }

  index = sheaf_fuzzy_index_new (notes);
  g_assert_cmpuint (sheaf_fuzzy_index_get_n_notes (index), ==, 500);
  matcher = sheaf_fuzzy_matcher_new (index);
  results = sheaf_fuzzy_matcher_query (matcher, "note", NULL, 3);

  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpstr (((SheafFuzzyMatch *)g_ptr_array_index (results, 0))->path, ==, "Note 000.md");
  g_assert_cmpstr (((SheafFuzzyMatch *)g_ptr_array_index (results, 2))->path, ==, "Note 002.md");
}

static void
index_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SheafFuzzyIndex **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sheaf_fuzzy_index_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_fuzzy_from_vault (void)
{
  g_autofree char *root_path = sheaf_test_copy_fixture ("nav-vault");
  g_autoptr(GFile) root = g_file_new_for_path (root_path);
  g_autoptr(SheafVault) vault = sheaf_vault_new (root);
  g_autoptr(GError) error = NULL;
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(GPtrArray) results = NULL;
  SheafFuzzyMatch *match;

  g_assert_true (sheaf_vault_load (vault, NULL, &error));
  g_assert_no_error (error);

  sheaf_fuzzy_index_new_async (vault, NULL, index_ready_cb, &index);
  while (index == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (sheaf_fuzzy_index_get_n_notes (index), ==, sheaf_vault_get_n_notes (vault));
  results = query (index, "roadmap", NULL);
  g_assert_cmpuint (results->len, >=, 1);
  match = g_ptr_array_index (results, 0);
  g_assert_cmpstr (match->path, ==, "Work/Project Plan.md");
  g_assert_cmpint (match->field, ==, SHEAF_FUZZY_FIELD_ALIAS);

  sheaf_test_remove_tree (root_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/fuzzy/ranking", test_fuzzy_ranking);
  g_test_add_func ("/sheaf/fuzzy/case-and-spaces", test_fuzzy_case_and_spaces);
  g_test_add_func ("/sheaf/fuzzy/compactness", test_fuzzy_compactness);
  g_test_add_func ("/sheaf/fuzzy/alias", test_fuzzy_alias);
  g_test_add_func ("/sheaf/fuzzy/title-beats-alias", test_fuzzy_title_beats_alias);
  g_test_add_func ("/sheaf/fuzzy/path", test_fuzzy_path);
  g_test_add_func ("/sheaf/fuzzy/recent", test_fuzzy_recent);
  g_test_add_func ("/sheaf/fuzzy/ties", test_fuzzy_ties);
  g_test_add_func ("/sheaf/fuzzy/unicode", test_fuzzy_unicode);
  g_test_add_func ("/sheaf/fuzzy/narrowing", test_fuzzy_narrowing);
  g_test_add_func ("/sheaf/fuzzy/top-n", test_fuzzy_top_n);
  g_test_add_func ("/sheaf/fuzzy/from-vault", test_fuzzy_from_vault);

  return g_test_run ();
}
