/* test-search.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full-text search and unlinked mentions: both find text in the vault's files.
 */

#include "config.h"

#include <string.h>

#include "sheaf-mentions.h"
#include "sheaf-search.h"
#include "sheaf-test-util.h"
#include "sheaf-vault.h"

typedef SheafTestVault Fixture;

static void
batch_cb (GPtrArray *batch,
          gpointer   user_data)
{
  GPtrArray *seen = user_data;

  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (seen, sheaf_search_result_ref (g_ptr_array_index (batch, i)));
}

static GPtrArray *
search (Fixture    *fixture,
        const char *query,
        GPtrArray  *seen)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  sheaf_search_async (fixture->vault, query, 0, NULL,
                      seen != NULL ? batch_cb : NULL, seen, NULL, sheaf_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  results = sheaf_search_finish (result, NULL, &error);
  g_assert_no_error (error);

  return results;
}

/* "line:F?:text[a,b)[c,d)" per line, joined by " | " */
static char *
describe_result (SheafSearchResult *result)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < result->n_lines; i++)
    {
      const SheafSearchLine *line = &result->lines[i];

      g_string_append_printf (out, "%s%u:%s:%s", i > 0 ? " | " : "", line->line,
                              line->in_frontmatter ? "F" : "B", line->text);
      for (guint r = 0; r < line->n_ranges; r++)
        g_string_append_printf (out, "[%" G_GSIZE_FORMAT ",%" G_GSIZE_FORMAT ")",
                                line->ranges[r].start, line->ranges[r].end);
    }

  return g_string_free (out, FALSE);
}

static void
test_search_lines (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_search_result_unref);
  g_autoptr(GPtrArray) results = search (fixture, "UNICORN", seen);
  SheafSearchResult *result;
  g_autofree char *got = NULL;

  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpstr (result->path, ==, "Café Menu.md");
  g_assert_cmpuint (result->n_matches, ==, 4);
  got = describe_result (result);
  g_assert_cmpstr (got, ==,
                   "2:F:topic: unicorn[7,14) | "
                   "4:B:Café au lait and a unicorn.[20,27) | "
                   "5:B:UNICORN twice: unicorn.[0,7)[15,22)");
  /* the line's file offset: "---\ntopic: unicorn\n---\n" is 23 bytes */
  g_assert_cmpuint (result->lines[1].offset, ==, 23);

  /* the batches carried the same results */
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_true (g_ptr_array_index (seen, 0) == result);
}

static void
test_search_diacritics (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) plain = search (fixture, "cafe au", NULL);
  g_autoptr(GPtrArray) accented = search (fixture, "CAFÉ", NULL);
  g_autofree char *got_plain = NULL;
  g_autofree char *got_accented = NULL;

  g_assert_cmpuint (plain->len, ==, 1);
  got_plain = describe_result (g_ptr_array_index (plain, 0));
  /* "Café" is five bytes */
  g_assert_cmpstr (got_plain, ==, "4:B:Café au lait and a unicorn.[0,8)");

  g_assert_cmpuint (accented->len, ==, 1);
  got_accented = describe_result (g_ptr_array_index (accented, 0));
  g_assert_cmpstr (got_accented, ==, "4:B:Café au lait and a unicorn.[0,5)");
}

static void
test_search_many (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) results = search (fixture, "project plan", NULL);
  g_autoptr(GPtrArray) none = search (fixture, "no such words anywhere", NULL);
  g_autoptr(GPtrArray) empty = search (fixture, "", NULL);
  GString *paths = g_string_new (NULL);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < results->len; i++)
    g_string_append_printf (paths, "%s%s", i > 0 ? "," : "",
                            ((SheafSearchResult *)g_ptr_array_index (results, i))->path);
  joined = g_string_free (paths, FALSE);

  /* in path order; Notes/Other.md has "Project Plan|" — a match too */
  g_assert_cmpstr (joined, ==, "Home.md,Meeting Notes.md,Notes/Other.md,Work/Project Plan.md");
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_search_long_line (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("# Long\n");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  SheafSearchResult *result;
  const SheafSearchLine *line;

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "filler ");
  g_string_append (text, "needle");
  for (guint i = 0; i < 200; i++)
    g_string_append (text, " ééé");
  g_string_append (text, "\n");
  sheaf_test_write (fixture->root, "Long.md", text->str);
  g_assert_true (sheaf_vault_update_path (fixture->vault, "Long.md", &error));

  results = search (fixture, "needle", NULL);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  line = &result->lines[0];
  g_assert_cmpuint (line->line, ==, 2);
  /* a window around the match, cut at character boundaries */
  g_assert_cmpuint (strlen (line->text), <=, 240);
  g_assert_true (g_utf8_validate (line->text, -1, NULL));
  g_assert_cmpuint (line->n_ranges, ==, 1);
  g_assert_cmpmem (line->text + line->ranges[0].start, 6, "needle", 6);
  g_assert_cmpmem (text->str + line->offset + line->ranges[0].start, 6, "needle", 6);
}

static void
never_cb (GPtrArray *batch,
          gpointer   user_data)
{
  g_assert_not_reached ();
}

static void
test_search_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  /* cancelled as the query changes: the stale search never reports a batch */
  sheaf_search_async (fixture->vault, "unicorn", 0, cancellable, never_cb, NULL, NULL,
                      sheaf_test_store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  sheaf_search_async (fixture->vault, "sibling", 0, NULL, NULL, NULL, NULL, sheaf_test_store_result_cb, &second);
  while (result == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);

  results = sheaf_search_finish (result, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
  g_clear_error (&error);

  results = sheaf_search_finish (second, NULL, &error);
  g_assert_no_error (error);
  /* both Sibling notes, and the two that link to one */
  g_assert_cmpuint (results->len, ==, 4);
}

static void
test_search_max_notes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gboolean truncated = FALSE;

  sheaf_search_async (fixture->vault, "project", 2, NULL, NULL, NULL, NULL, sheaf_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  results = sheaf_search_finish (result, &truncated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_true (truncated);
}

/* Mentions */

static GPtrArray *
find_mentions (Fixture    *fixture,
               const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *mentions;

  sheaf_mentions_find_async (fixture->vault, path, NULL, sheaf_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  mentions = sheaf_mentions_find_finish (result, &error);
  g_assert_no_error (error);

  return mentions;
}

static char *
describe_mentions (GPtrArray *mentions)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < mentions->len; i++)
    {
      SheafMention *m = g_ptr_array_index (mentions, i);

      g_string_append_printf (out, "%s%s:%u:%s=%s", i > 0 ? " | " : "", m->path, m->line,
                              m->text, m->name);
    }

  return g_string_free (out, FALSE);
}

static void
test_mentions_found (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) mentions = find_mentions (fixture, "Work/Project Plan.md");
  g_autofree char *got = describe_mentions (mentions);
  g_autoptr(GBytes) bytes = sheaf_test_read (fixture->root, "Meeting Notes.md");
  const char *text = g_bytes_get_data (bytes, NULL);
  SheafMention *first;

  /* Not in the frontmatter, the link, the code span, "roadmaps", the URL,
   * the #roadmap tag, the comment or the fence; a heading's text counts. */
  g_assert_cmpstr (got, ==,
                   "Meeting Notes.md:6:project plan=Project Plan | "
                   "Meeting Notes.md:9:Roadmap=Roadmap | "
                   "Meeting Notes.md:17:Project Plan=Project Plan | "
                   "Meeting Notes.md:19:PROJECT PLAN=Project Plan");

  first = g_ptr_array_index (mentions, 0);
  g_assert_cmpmem (text + first->span.start, first->span.end - first->span.start, "project plan", 12);
  g_assert_cmpstr (first->context, ==, "We discussed the project plan today.");
  g_assert_cmpuint (first->context_range.start, ==, 17);
  g_assert_cmpuint (first->context_range.end, ==, 29);
  g_assert_nonnull (first->etag);
}

static void
test_mentions_not_found (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Home names "Meeting Notes" only in a link */
  mentions = find_mentions (fixture, "Meeting Notes.md");
  g_assert_cmpuint (mentions->len, ==, 0);
  g_clear_pointer (&mentions, g_ptr_array_unref);

  /* "Sibling" appears in Sibling's own text and in links only */
  mentions = find_mentions (fixture, "Work/Sibling.md");
  {
    g_autofree char *got = describe_mentions (mentions);

    /* Team/Sibling.md says "Sibling in the team.": a mention of the other Sibling */
    g_assert_cmpstr (got, ==, "Team/Sibling.md:1:Sibling=Sibling");
  }

  sheaf_mentions_find_async (fixture->vault, "Nope.md", NULL, sheaf_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (sheaf_mentions_find_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_mentions_link (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) mentions = find_mentions (fixture, "Work/Project Plan.md");
  g_autoptr(GBytes) before = sheaf_test_read (fixture->root, "Meeting Notes.md");
  g_autofree char *path = g_build_filename (fixture->root, "Meeting Notes.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *new_etag = NULL;
  g_autofree char *expect = NULL;
  SheafMention *lower = g_ptr_array_index (mentions, 0);
  SheafMention *exact = g_ptr_array_index (mentions, 2);
  g_autoptr(GAsyncResult) result = NULL;
  GString *s;

  /* the later mention first, so the earlier span still holds */
  g_assert_true (sheaf_mentions_link (file, exact->span, "Project Plan", exact->text, exact->etag,
                                      &new_etag, NULL, &error));
  g_assert_no_error (error);

  /* the etag the mentions were found with is stale now */
  g_assert_false (sheaf_mentions_link (file, lower->span, "Project Plan", lower->text, lower->etag,
                                       NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);

  sheaf_mentions_link_async (file, lower->span, "Project Plan", lower->text, new_etag, NULL,
                             sheaf_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sheaf_mentions_link_finish (result, NULL, &error));
  g_assert_no_error (error);

  s = g_string_new_len (g_bytes_get_data (before, NULL), g_bytes_get_size (before));
  g_assert_cmpuint (g_string_replace (s, "## Project Plan review", "## [[Project Plan]] review", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (s, "discussed the project plan today",
                                      "discussed the [[Project Plan|project plan]] today", 1), ==, 1);
  expect = g_string_free (s, FALSE);

  after = sheaf_test_read (fixture->root, "Meeting Notes.md");
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), expect, strlen (expect));

  /* the bytes must still be the mention */
  g_assert_false (sheaf_mentions_link (file, lower->span, "Project Plan", lower->text, NULL,
                                       NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_mentions_link_table (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *text = "| a | b |\n| --- | --- |\n| the roadmap | x |\n";
  g_autofree char *path = g_build_filename (fixture->root, "Table.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  SheafSpan span;

  sheaf_test_write (fixture->root, "Table.md", text);
  span.start = strstr (text, "roadmap") - text;
  span.end = span.start + 7;

  g_assert_true (sheaf_mentions_link (file, span, "Project Plan", "roadmap", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  after = sheaf_test_read (fixture->root, "Table.md");
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                   "| a | b |\n| --- | --- |\n| the [[Project Plan\\|roadmap]] | x |\n",
                   strlen (text) + strlen ("[[Project Plan\\|]]"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sheaf/search/lines", Fixture, "nav-vault", sheaf_test_vault_set_up, test_search_lines, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/search/diacritics", Fixture, "nav-vault", sheaf_test_vault_set_up, test_search_diacritics, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/search/many", Fixture, "nav-vault", sheaf_test_vault_set_up, test_search_many, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/search/long-line", Fixture, "nav-vault", sheaf_test_vault_set_up, test_search_long_line, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/search/cancel", Fixture, "nav-vault", sheaf_test_vault_set_up, test_search_cancel, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/search/max-notes", Fixture, "nav-vault", sheaf_test_vault_set_up, test_search_max_notes, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/mentions/found", Fixture, "nav-vault", sheaf_test_vault_set_up, test_mentions_found, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/mentions/not-found", Fixture, "nav-vault", sheaf_test_vault_set_up, test_mentions_not_found, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/mentions/link", Fixture, "nav-vault", sheaf_test_vault_set_up, test_mentions_link, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/mentions/link-table", Fixture, "nav-vault", sheaf_test_vault_set_up, test_mentions_link_table, sheaf_test_vault_tear_down);

  return g_test_run ();
}
