/* test-rename.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <unistd.h>

#include <glib/gstdio.h>

#include "sheaf-link-edit.h"
#include "sheaf-rename-private.h"
#include "sheaf-rename.h"
#include "sheaf-test-util.h"
#include "sheaf-vault.h"

typedef SheafTestVault Fixture;

static SheafRenameResult *
run_rename (Fixture     *fixture,
            const char  *old_path,
            const char  *new_path,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sheaf_rename_async (fixture->vault, old_path, new_path, NULL, sheaf_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return sheaf_rename_finish (result, error);
}

static void
test_rename_note (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *home = sheaf_test_read_text (fixture->root, "Home.md");
  g_autofree char *plan = sheaf_test_read_text (fixture->root, "Work/Project Plan.md");
  g_autofree char *other = sheaf_test_read_text (fixture->root, "Notes/Other.md");
  g_autofree char *meeting = sheaf_test_read_text (fixture->root, "Meeting Notes.md");
  g_autofree char *sibling = sheaf_test_read_text (fixture->root, "Work/Sibling.md");
  g_autofree char *expect_home = NULL;
  g_autofree char *expect_plan = NULL;
  g_autofree char *expect_other = NULL;
  g_autofree char *expect_meeting = NULL;
  g_autofree char *got = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) backlinks = NULL;

  result = run_rename (fixture, "Work/Project Plan.md", "Archive/2024/Plan 2025.md", &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  g_assert_false (sheaf_test_exists (fixture->root, "Work/Project Plan.md"));
  g_assert_true (sheaf_test_exists (fixture->root, "Archive/2024/Plan 2025.md"));

  /* Wikilinks keep display text, fragments, embeds' '!', tables' "\|"; the
   * alias link and the one in code are untouched; Markdown links keep their
   * style (vault path, ./relative) and are re-encoded. */
  expect_home = sheaf_test_replace_all (home,
                             "- [[Project Plan]]", "- [[Plan 2025]]",
                             "[[Project Plan#Goals|the goals]]", "[[Plan 2025#Goals|the goals]]",
                             "![[Project Plan]]", "![[Plan 2025]]",
                             "[plan](Work/Project%20Plan.md)", "[plan](Archive/2024/Plan%202025.md)",
                             "(./Work/Project%20Plan.md#Goals)", "(./Archive/2024/Plan%202025.md#Goals)",
                             "[[Project Plan\\|table]]", "[[Plan 2025\\|table]]",
                             NULL);
  got = sheaf_test_read_text (fixture->root, "Home.md");
  g_assert_cmpstr (got, ==, expect_home);
  g_assert_nonnull (strstr (got, "`[[Project Plan]]` in code"));
  g_assert_nonnull (strstr (got, "[[Roadmap]] stays"));
  g_clear_pointer (&got, g_free);

  /* The moved note's own links: the ones that depended on its folder. */
  expect_plan = sheaf_test_replace_all (plan,
                             "See [[Sibling]]", "See [[Work/Sibling]]",
                             "(Sibling.md)", "(Work/Sibling.md)",
                             "(../Home.md)", "(../../Home.md)",
                             "[[Project Plan#Goals|the goals]]", "[[Plan 2025#Goals|the goals]]",
                             NULL);
  got = sheaf_test_read_text (fixture->root, "Archive/2024/Plan 2025.md");
  g_assert_cmpstr (got, ==, expect_plan);
  g_clear_pointer (&got, g_free);

  /* CRLF kept; a path target becomes the bare name once that is unique. */
  expect_other = sheaf_test_replace_all (other,
                              "[[Work/Project Plan|PP]]", "[[Plan 2025|PP]]",
                              "[[project plan]]", "[[Plan 2025]]",
                              NULL);
  got = sheaf_test_read_text (fixture->root, "Notes/Other.md");
  g_assert_cmpstr (got, ==, expect_other);
  g_clear_pointer (&got, g_free);

  expect_meeting = sheaf_test_replace_all (meeting, "See [[Project Plan]]", "See [[Plan 2025]]", NULL);
  got = sheaf_test_read_text (fixture->root, "Meeting Notes.md");
  g_assert_cmpstr (got, ==, expect_meeting);
  g_clear_pointer (&got, g_free);

  got = sheaf_test_read_text (fixture->root, "Work/Sibling.md");
  g_assert_cmpstr (got, ==, sibling);

  /* 6 in Home, 4 in the moved note, 2 in Other, 1 in Meeting Notes */
  g_assert_cmpuint (result->n_links, ==, 13);
  g_assert_cmpuint (result->n_notes, ==, 4);
  g_assert_cmpuint (result->n_skipped, ==, 0);
  g_assert_cmpuint (result->conflicts->len, ==, 0);
  g_assert_cmpuint (result->failures->len, ==, 0);
  g_assert_cmpstr (result->new_path, ==, "Archive/2024/Plan 2025.md");

  /* The vault has followed. */
  g_assert_null (sheaf_vault_get_note (fixture->vault, "Work/Project Plan.md"));
  g_assert_nonnull (sheaf_vault_get_note (fixture->vault, "Archive/2024/Plan 2025.md"));
  backlinks = sheaf_vault_dup_backlinks (fixture->vault, "Archive/2024/Plan 2025.md");
  /* Home: 6 rewritten + the alias link; Other 2; Meeting Notes 1 */
  g_assert_cmpuint (backlinks->len, ==, 10);
}

static void
test_rename_attachment (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *home = sheaf_test_read_text (fixture->root, "Home.md");
  g_autofree char *expect = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GBytes) moved = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = run_rename (fixture, "diagram.png", "Images/chart.png", &error);
  g_assert_no_error (error);

  /* the embed keeps its '!' and its size */
  expect = sheaf_test_replace_all (home, "![[diagram.png|300]]", "![[chart.png|300]]", NULL);
  got = sheaf_test_read_text (fixture->root, "Home.md");
  g_assert_cmpstr (got, ==, expect);
  g_assert_cmpuint (result->n_links, ==, 1);
  g_assert_cmpuint (result->n_notes, ==, 1);

  moved = sheaf_test_read (fixture->root, "Images/chart.png");
  g_assert_cmpmem (g_bytes_get_data (moved, NULL), g_bytes_get_size (moved), "\x89PNG\r\n\x1a\n", 8);
  g_assert_true (sheaf_vault_has_attachment (fixture->vault, "Images/chart.png"));
  g_assert_false (sheaf_vault_has_attachment (fixture->vault, "diagram.png"));
}

static void
test_rename_same_folder (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *meeting = sheaf_test_read_text (fixture->root, "Meeting Notes.md");
  g_autofree char *plan = sheaf_test_read_text (fixture->root, "Work/Project Plan.md");
  g_autofree char *expect = NULL;
  g_autofree char *got = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* moving a note keeps bare links that still reach it as they are */
  result = run_rename (fixture, "Meeting Notes.md", "Work/Meeting Notes.md", &error);
  g_assert_no_error (error);

  got = sheaf_test_read_text (fixture->root, "Work/Meeting Notes.md");
  g_assert_cmpstr (got, ==, meeting);
  g_clear_pointer (&got, g_free);
  got = sheaf_test_read_text (fixture->root, "Work/Project Plan.md");
  g_assert_cmpstr (got, ==, plan);
  g_assert_cmpuint (result->n_links, ==, 0);
  g_assert_cmpuint (result->n_notes, ==, 0);

  /* renaming rewrites them */
  g_clear_pointer (&result, sheaf_rename_result_free);
  result = run_rename (fixture, "Work/Meeting Notes.md", "Work/Minutes.md", &error);
  g_assert_no_error (error);
  expect = sheaf_test_replace_all (plan, "[[Meeting Notes]]", "[[Minutes]]", NULL);
  g_clear_pointer (&got, g_free);
  got = sheaf_test_read_text (fixture->root, "Work/Project Plan.md");
  g_assert_cmpstr (got, ==, expect);
}

static void
test_rename_clash (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *paths[] = { "Home.md", "Work/Project Plan.md", "Work/Sibling.md", "Team/Sibling.md",
                          "Notes/Other.md", "Meeting Notes.md", NULL };
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (before, sheaf_test_read_text (fixture->root, paths[i]));

  result = run_rename (fixture, "Work/Sibling.md", "Team/Sibling.md", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Team/Sibling.md"));
  g_assert_null (result);
  g_clear_error (&error);

  /* a file the vault does not know about counts too */
  sheaf_test_write (fixture->root, "Fresh.md", "made behind the vault's back\n");
  result = run_rename (fixture, "Work/Project Plan.md", "Fresh.md", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  result = run_rename (fixture, "Work/Project Plan.md", "../Outside.md", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  result = run_rename (fixture, "Work/Project Plan.md", "Work/Project Plan.txt", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  result = run_rename (fixture, "Nowhere.md", "Somewhere.md", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* nothing changed anywhere */
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *now = sheaf_test_read_text (fixture->root, paths[i]);

      g_assert_cmpstr (now, ==, g_ptr_array_index (before, i));
    }
}

static void
test_rename_reads_fresh (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *edited = "New first line, written after the vault loaded.\r\n"
                       "Linked as [[Work/Project Plan|PP]] and [[project plan]].\r\n"
                       "Unrelated [[Sibling]].\r\n";
  g_autofree char *got = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* the index still has the old bytes: the splice must use the disk's */
  sheaf_test_write (fixture->root, "Notes/Other.md", edited);

  result = run_rename (fixture, "Work/Project Plan.md", "Work/Plan.md", &error);
  g_assert_no_error (error);

  got = sheaf_test_read_text (fixture->root, "Notes/Other.md");
  g_assert_cmpstr (got, ==, "New first line, written after the vault loaded.\r\n"
                            "Linked as [[Plan|PP]] and [[Plan]].\r\n"
                            "Unrelated [[Sibling]].\r\n");
}

static void
test_rename_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SheafRenameResult) renamed = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  sheaf_rename_async (fixture->vault, "Work/Project Plan.md", "Plan.md", cancellable,
                      sheaf_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  renamed = sheaf_rename_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (sheaf_test_exists (fixture->root, "Work/Project Plan.md"));
  g_assert_false (sheaf_test_exists (fixture->root, "Plan.md"));
}

/* Every file of the capture fixture, to check that only the expected ones
 * changed, byte for byte. */
static const char *capture_paths[] = {
  "Archive/Alpha.md", "Ideas.md", "Index.md", "Journal.md", "Loose.md", "Projects/Board.md",
  "Team/Gamma.md", "Wiki/Gamma.md", "Work/Deep/Home.md", "Work/Plan.md", NULL
};

static GHashTable *
read_all (Fixture *fixture)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; capture_paths[i] != NULL; i++)
    if (sheaf_test_exists (fixture->root, capture_paths[i]))
      g_hash_table_insert (texts, (char *)capture_paths[i], sheaf_test_read_text (fixture->root, capture_paths[i]));

  return texts;
}

/* Every file in @before but @except (NULL-terminated) is as it was. */
static void
assert_unchanged (Fixture    *fixture,
                  GHashTable *before,
                  ...)
{
  g_autoptr(GHashTable) except = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer path, text;
  const char *skip;
  va_list args;

  va_start (args, before);
  while ((skip = va_arg (args, const char *)) != NULL)
    g_hash_table_add (except, (char *)skip);
  va_end (args);

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &path, &text))
    {
      g_autofree char *now = NULL;

      if (g_hash_table_contains (except, path) || !sheaf_test_exists (fixture->root, path))
        continue;

      now = sheaf_test_read_text (fixture->root, path);
      g_assert_cmpstr (now, ==, text);
    }
}

static void
assert_file (Fixture    *fixture,
             const char *path,
             const char *expected)
{
  g_autofree char *got = sheaf_test_read_text (fixture->root, path);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_rename_keeps_other_links (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GHashTable) before = read_all (fixture);
  const char *journal = g_hash_table_lookup (before, "Journal.md");
  g_autofree char *expect_journal = NULL;
  g_autofree char *expect_plan = NULL;
  g_autofree char *expect_home = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SheafResolved) resolved = { 0 };
  SheafLink link = { 0 };

  /* A new "Home.md" at the top wins [[Home]] (an exact path beats a
   * basename match): the links that reached Work/Deep/Home.md keep it. */
  result = run_rename (fixture, "Ideas.md", "Home.md", &error);
  g_assert_no_error (error);

  /* Fragments, display text, embeds and CRLF kept; a Markdown link that
   * reached it by name gets its vault path; the exact Markdown link, the
   * trailing-path link, the unresolved one and the code span stay; the link
   * to the renamed note follows it. */
  expect_journal = sheaf_test_replace_all (journal,
                                "- [[Home]] is", "- [[Work/Deep/Home]] is",
                                "[[Home#H|x]]", "[[Work/Deep/Home#H|x]]",
                                "![[Home]] embedded", "![[Work/Deep/Home]] embedded",
                                "[[home|lower case]]", "[[Work/Deep/Home|lower case]]",
                                "[md home](Home.md)", "[md home](Work/Deep/Home.md)",
                                "[[Ideas]]", "[[Home]]",
                                NULL);
  assert_file (fixture, "Journal.md", expect_journal);

  /* from a folder too; a folder-relative trailing path stays */
  expect_plan = sheaf_test_replace_all (g_hash_table_lookup (before, "Work/Plan.md"),
                             "see [[Home]]", "see [[Work/Deep/Home]]", NULL);
  assert_file (fixture, "Work/Plan.md", expect_plan);

  /* the moved note's own [[Home]] would now reach itself */
  expect_home = sheaf_test_replace_all (g_hash_table_lookup (before, "Ideas.md"),
                             "[[Home]]", "[[Work/Deep/Home]]",
                             "[[Ideas#Top|the top]]", "[[Home#Top|the top]]",
                             NULL);
  assert_file (fixture, "Home.md", expect_home);
  g_assert_false (sheaf_test_exists (fixture->root, "Ideas.md"));

  assert_unchanged (fixture, before, "Journal.md", "Work/Plan.md", "Ideas.md", NULL);

  /* Journal [[Ideas]], the moved note's two; Journal five, Plan one */
  g_assert_cmpuint (result->n_links, ==, 3);
  g_assert_cmpuint (result->n_preserved, ==, 6);
  g_assert_cmpuint (result->n_notes, ==, 3);
  g_assert_cmpuint (result->n_skipped, ==, 0);
  g_assert_cmpuint (result->conflicts->len, ==, 0);
  g_assert_cmpuint (result->failures->len, ==, 0);

  /* and the vault agrees: the rewritten link reaches the deep note */
  link.target = (char *)"Work/Deep/Home";
  sheaf_vault_resolve (fixture->vault, "Journal.md", &link, &resolved);
  g_assert_cmpstr (resolved.resolved, ==, "Work/Deep/Home.md");
  g_assert_false (resolved.ambiguous);
}

static void
test_rename_keeps_folder_links (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GHashTable) before = read_all (fixture);
  g_autofree char *expect_board = NULL;
  g_autofree char *expect_moved = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Moved into Projects/ as Alpha.md, the note wins its new folder's bare
   * [[Alpha]] (a folder match beats a basename match). */
  result = run_rename (fixture, "Loose.md", "Projects/Alpha.md", &error);
  g_assert_no_error (error);

  /* [[Loose]] follows the note, as the bare name its folder now gives it;
   * [[Projects/Alpha]] reached nothing before and is left to reach it. */
  expect_board = sheaf_test_replace_all (g_hash_table_lookup (before, "Projects/Board.md"),
                              "[[Alpha]]", "[[Archive/Alpha]]",
                              "[[Alpha#Plan|the plan]]", "[[Archive/Alpha#Plan|the plan]]",
                              "[alpha](Alpha.md)", "[alpha](Archive/Alpha.md)",
                              "[[Loose]]", "[[Alpha]]",
                              NULL);
  assert_file (fixture, "Projects/Board.md", expect_board);
  g_assert_nonnull (strstr (expect_board, "[[Projects/Alpha]]"));

  /* its own [[Alpha]] would reach itself; [[Board]] still reaches Board */
  expect_moved = sheaf_test_replace_all (g_hash_table_lookup (before, "Loose.md"),
                              "[[Alpha]]", "[[Archive/Alpha]]", NULL);
  assert_file (fixture, "Projects/Alpha.md", expect_moved);

  /* from the top, Archive/Alpha.md is still the shorter path: Index stays */
  assert_unchanged (fixture, before, "Projects/Board.md", "Loose.md", NULL);

  g_assert_cmpuint (result->n_links, ==, 2);
  g_assert_cmpuint (result->n_preserved, ==, 3);
  g_assert_cmpuint (result->n_notes, ==, 2);
}

static void
test_rename_keeps_tied_links (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GHashTable) before = read_all (fixture);
  g_autofree char *expect_index = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Backlog/Alpha.md is as long as Archive/Alpha.md: [[Alpha]] would still
   * pick Archive's, but as a tie. It was unambiguous, so it is spelt out. */
  result = run_rename (fixture, "Loose.md", "Backlog/Alpha.md", &error);
  g_assert_no_error (error);

  expect_index = sheaf_test_replace_all (g_hash_table_lookup (before, "Index.md"),
                              "[[Alpha]]", "[[Archive/Alpha]]", NULL);
  assert_file (fixture, "Index.md", expect_index);
  g_clear_pointer (&result, sheaf_rename_result_free);

  /* [[Gamma]] is a tie already (Team/, Wiki/); a third Gamma of the same
   * length leaves it reaching the same note, ambiguous as it was: the rename
   * changed nothing for it. Board's link to the note follows it. */
  g_hash_table_unref (before);
  before = read_all (fixture);
  result = run_rename (fixture, "Backlog/Alpha.md", "Zeta/Gamma.md", &error);
  g_assert_no_error (error);
  assert_unchanged (fixture, before, "Projects/Board.md", NULL);
  g_assert_cmpuint (result->n_links, ==, 1);
  g_assert_cmpuint (result->n_preserved, ==, 0);
  assert_file (fixture, "Projects/Board.md",
               "Board: [[Archive/Alpha]], [[Archive/Alpha#Plan|the plan]], "
               "[alpha](Archive/Alpha.md), [[Zeta/Gamma]], [[Projects/Alpha]].\n");
}

static void
test_rename_case_only (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) before = read_all (fixture);
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean seen_new = FALSE;

  /* not a clash with itself; links compare case-insensitively, so none
   * needs a new target */
  result = run_rename (fixture, "Loose.md", "loose.md", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_links, ==, 0);
  g_assert_cmpuint (result->n_preserved, ==, 0);
  g_assert_cmpuint (result->n_notes, ==, 0);

  dir = g_dir_open (fixture->root, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_cmpstr (name, !=, "Loose.md");
      seen_new |= strcmp (name, "loose.md") == 0;
    }
  g_assert_true (seen_new);

  assert_file (fixture, "loose.md", g_hash_table_lookup (before, "Loose.md"));
  assert_unchanged (fixture, before, "Loose.md", NULL);
  g_assert_nonnull (sheaf_vault_get_note (fixture->vault, "loose.md"));
  g_assert_null (sheaf_vault_get_note (fixture->vault, "Loose.md"));
}

static void
test_rename_case_clash (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GHashTable) before = read_all (fixture);
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* another file, known to the vault, differing only by case */
  result = run_rename (fixture, "Loose.md", "archive/ALPHA.md", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "“Archive/Alpha.md”"));
  g_assert_null (result);
  g_clear_error (&error);

  /* one made behind the vault's back */
  sheaf_test_write (fixture->root, "Extra.md", "not in the snapshot\n");
  result = run_rename (fixture, "Loose.md", "EXTRA.md", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "“Extra.md”"));
  g_clear_error (&error);

  /* the extension's case counts as well */
  result = run_rename (fixture, "Loose.md", "Archive/alpha.MD", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (sheaf_test_exists (fixture->root, "Loose.md"));
  g_assert_false (sheaf_test_exists (fixture->root, "archive"));
  assert_unchanged (fixture, before, NULL);
  assert_file (fixture, "Extra.md", "not in the snapshot\n");
}

static void
write_fresh_cb (gpointer user_data)
{
  sheaf_test_write (user_data, "Fresh.md", "made between the check and the move\n");
}

static void
test_rename_race (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) before = read_all (fixture);
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* The name is free when checked and taken just before the move. */
  _sheaf_rename_set_before_move_hook (write_fresh_cb, fixture->root);
  result = run_rename (fixture, "Loose.md", "Fresh.md", &error);
  _sheaf_rename_set_before_move_hook (NULL, NULL);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Fresh.md"));
  g_assert_null (result);

  /* nothing replaced, nothing rewritten ([[Loose]] in Board stays) */
  assert_file (fixture, "Fresh.md", "made between the check and the move\n");
  assert_unchanged (fixture, before, NULL);
  g_assert_nonnull (sheaf_vault_get_note (fixture->vault, "Loose.md"));
}

static void
remove_source_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *full = g_build_filename (fixture->root, "Loose.md", NULL);

  g_assert_cmpint (g_unlink (full), ==, 0);
}

static void
test_rename_move_fails (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GHashTable) before = read_all (fixture);
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* The source goes away before the move: nothing is written, and the
   * folders made for the new path are taken back. */
  _sheaf_rename_set_before_move_hook (remove_source_cb, fixture);
  result = run_rename (fixture, "Loose.md", "New/Deeper/Fresh.md", &error);
  _sheaf_rename_set_before_move_hook (NULL, NULL);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (result);
  g_assert_false (sheaf_test_exists (fixture->root, "New"));
  assert_unchanged (fixture, before, NULL);
}

typedef gboolean (*MoveFunc) (GFile   *from,
                              GFile   *to,
                              GError **error);

static void
check_move_func (MoveFunc move)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("sheaf-move-XXXXXX", &error);
  g_autofree char *a_path = g_build_filename (tmp, "a.md", NULL);
  g_autofree char *b_path = g_build_filename (tmp, "b.md", NULL);
  g_autofree char *c_path = g_build_filename (tmp, "c.md", NULL);
  g_autofree char *upper_path = g_build_filename (tmp, "C.md", NULL);
  g_autofree char *hard_path = g_build_filename (tmp, "hard.md", NULL);
  g_autoptr(GFile) a = g_file_new_for_path (a_path);
  g_autoptr(GFile) b = g_file_new_for_path (b_path);
  g_autoptr(GFile) c = g_file_new_for_path (c_path);
  g_autoptr(GFile) upper = g_file_new_for_path (upper_path);
  g_autoptr(GFile) hard = g_file_new_for_path (hard_path);
  g_autoptr(GBytes) got = NULL;

  g_assert_no_error (error);
  sheaf_test_write (tmp, "a.md", "a\n");
  sheaf_test_write (tmp, "b.md", "b\n");

  /* never replaces */
  g_assert_false (move (a, b, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  got = sheaf_test_read (tmp, "a.md");
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), "a\n", 2);
  g_clear_pointer (&got, g_bytes_unref);
  got = sheaf_test_read (tmp, "b.md");
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), "b\n", 2);
  g_clear_pointer (&got, g_bytes_unref);

  /* not onto another name of the same file either */
  g_assert_cmpint (link (a_path, hard_path), ==, 0);
  g_assert_false (move (a, hard, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_test (a_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (hard_path), ==, 0);

  /* moves to a free name, then changes only the case */
  g_assert_true (move (a, c, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (a_path, G_FILE_TEST_EXISTS));
  g_assert_true (move (c, upper, &error));
  g_assert_no_error (error);
  got = sheaf_test_read (tmp, "C.md");
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), "a\n", 2);

  /* a missing source is an error, not a success */
  g_assert_false (move (a, c, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  sheaf_test_remove_tree (tmp);
}

static void
test_move_no_replace (void)
{
  check_move_func (_sheaf_rename_move_file);
  check_move_func (_sheaf_rename_move_file_by_link);
}

static void
test_link_target (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *unique = sheaf_link_edit_dup_target (fixture->vault, "Home.md", "Work/Project Plan.md");
  g_autofree char *ambiguous = sheaf_link_edit_dup_target (fixture->vault, "Home.md", "Team/Sibling.md");
  g_autofree char *folder = sheaf_link_edit_dup_target (fixture->vault, "Team/X.md", "Team/Sibling.md");
  g_autofree char *rel = sheaf_link_edit_relative_path ("a/b", "a/c/d.md");
  g_autofree char *root_rel = sheaf_link_edit_relative_path ("", "a/d.md");
  g_autofree char *encoded = sheaf_link_edit_encode ("A (b)/C #1 100%/Café.md");

  g_assert_cmpstr (unique, ==, "Project Plan");
  g_assert_cmpstr (ambiguous, ==, "Team/Sibling");
  /* from its own folder the bare name is unambiguous */
  g_assert_cmpstr (folder, ==, "Sibling");
  g_assert_cmpstr (rel, ==, "../c/d.md");
  g_assert_cmpstr (root_rel, ==, "a/d.md");
  g_assert_cmpstr (encoded, ==, "A%20%28b%29/C%20%231%20100%25/Café.md");
}

/* Links in the frontmatter follow a rename, inside their quotes, every other
 * byte kept; one written with an escape is counted skipped. */
static void
test_rename_property_links (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *before = sheaf_test_read_text (fixture->root, "References/Out of Control.md");
  g_autofree char *expected = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) backlinks = NULL;

  result = run_rename (fixture, "Categories/Books.md", "Categories/Library.md", &error);
  g_assert_no_error (error);

  expected = sheaf_test_replace_all (before,
                          "  - \"[[Books]]\"\n", "  - \"[[Library]]\"\n",
                          "shelf: '[[Books]]'", "shelf: '[[Library]]'",
                          "[ \"[[Books#Shelf|the shelf]]\"", "[ \"[[Library#Shelf|the shelf]]\"",
                          "seen: in [[Books]] and", "seen: in [[Library]] and",
                          "Kelly's [[Books|book]]", "Kelly's [[Library|book]]",
                          NULL);
  assert_file (fixture, "References/Out of Control.md", expected);
  g_assert_cmpuint (result->n_links, ==, 5);
  g_assert_cmpuint (result->n_skipped, ==, 1);
  g_assert_cmpuint (result->n_notes, ==, 1);

  /* and the index sees the rewritten frontmatter: six links, one of them
   * the body's, the escaped one now unresolved */
  backlinks = sheaf_vault_dup_backlinks (fixture->vault, "Categories/Library.md");
  g_assert_cmpuint (backlinks->len, ==, 5);
  g_assert_cmpuint (g_array_index (backlinks, SheafBacklink, 0).line, ==, 3);
}

/* A new name that would need an escape in a quoted value leaves that link
 * alone (and counts it), but not the others. */
static void
test_rename_property_links_quotes (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *before = sheaf_test_read_text (fixture->root, "References/Out of Control.md");
  g_autofree char *expected = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = run_rename (fixture, "Categories/Books.md", "Categories/Reader's Books.md", &error);
  g_assert_no_error (error);

  expected = sheaf_test_replace_all (before,
                          "  - \"[[Books]]\"\n", "  - \"[[Reader's Books]]\"\n",
                          "[ \"[[Books#Shelf|the shelf]]\"", "[ \"[[Reader's Books#Shelf|the shelf]]\"",
                          "seen: in [[Books]] and", "seen: in [[Reader's Books]] and",
                          "Kelly's [[Books|book]]", "Kelly's [[Reader's Books|book]]",
                          NULL);
  assert_file (fixture, "References/Out of Control.md", expected);
  g_assert_cmpuint (result->n_links, ==, 4);
  g_assert_cmpuint (result->n_skipped, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sheaf/rename/note", Fixture, "nav-vault", sheaf_test_vault_set_up, test_rename_note, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/attachment", Fixture, "nav-vault", sheaf_test_vault_set_up, test_rename_attachment, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/same-folder", Fixture, "nav-vault", sheaf_test_vault_set_up, test_rename_same_folder, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/clash", Fixture, "nav-vault", sheaf_test_vault_set_up, test_rename_clash, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/reads-fresh", Fixture, "nav-vault", sheaf_test_vault_set_up, test_rename_reads_fresh, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/cancelled", Fixture, "nav-vault", sheaf_test_vault_set_up, test_rename_cancelled, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/link-target", Fixture, "nav-vault", sheaf_test_vault_set_up, test_link_target, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/keeps-other-links", Fixture, "rename-vault", sheaf_test_vault_set_up,
              test_rename_keeps_other_links, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/keeps-folder-links", Fixture, "rename-vault", sheaf_test_vault_set_up,
              test_rename_keeps_folder_links, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/keeps-tied-links", Fixture, "rename-vault", sheaf_test_vault_set_up,
              test_rename_keeps_tied_links, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/case-only", Fixture, "rename-vault", sheaf_test_vault_set_up,
              test_rename_case_only, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/case-clash", Fixture, "rename-vault", sheaf_test_vault_set_up,
              test_rename_case_clash, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/race", Fixture, "rename-vault", sheaf_test_vault_set_up,
              test_rename_race, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/move-fails", Fixture, "rename-vault", sheaf_test_vault_set_up,
              test_rename_move_fails, sheaf_test_vault_tear_down);
  g_test_add_func ("/sheaf/rename/move-no-replace", test_move_no_replace);
  g_test_add ("/sheaf/rename/property-links", Fixture, "props-vault", sheaf_test_vault_set_up,
              test_rename_property_links, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/rename/property-links-quotes", Fixture, "props-vault", sheaf_test_vault_set_up,
              test_rename_property_links_quotes, sheaf_test_vault_tear_down);

  return g_test_run ();
}
