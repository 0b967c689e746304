/* test-rename.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sheaf-link-edit.h"
#include "sheaf-rename.h"
#include "sheaf-test-util.h"
#include "sheaf-vault.h"

typedef struct
{
  char       *root;
  SheafVault *vault;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->root = sheaf_test_copy_fixture ("nav-vault");
  fixture->vault = SHEAF_VAULT (sheaf_test_load_vault (fixture->root));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->vault);
  sheaf_test_remove_tree (fixture->root);
  g_free (fixture->root);
}

static char *
read_text (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GBytes) bytes = sheaf_test_read (fixture->root, path);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
exists (Fixture    *fixture,
        const char *path)
{
  g_autofree char *full = g_build_filename (fixture->root, path, NULL);

  return g_file_test (full, G_FILE_TEST_EXISTS);
}

/* @text with each "from" replaced by "to", pairs NULL-terminated: the
 * expected bytes, built from the fixture's own. */
static char *
replace_all (const char *text,
             ...)
{
  GString *out = g_string_new (text);
  const char *from;
  va_list args;

  va_start (args, text);
  while ((from = va_arg (args, const char *)) != NULL)
    {
      const char *to = va_arg (args, const char *);
      guint n = g_string_replace (out, from, to, 0);

      g_assert_cmpuint (n, >, 0);
    }
  va_end (args);

  return g_string_free (out, FALSE);
}

static void
rename_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static SheafRenameResult *
run_rename (Fixture     *fixture,
            const char  *old_path,
            const char  *new_path,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sheaf_rename_async (fixture->vault, old_path, new_path, NULL, rename_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return sheaf_rename_finish (result, error);
}

static void
test_rename_note (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *home = read_text (fixture, "Home.md");
  g_autofree char *plan = read_text (fixture, "Work/Project Plan.md");
  g_autofree char *other = read_text (fixture, "Notes/Other.md");
  g_autofree char *meeting = read_text (fixture, "Meeting Notes.md");
  g_autofree char *sibling = read_text (fixture, "Work/Sibling.md");
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

  g_assert_false (exists (fixture, "Work/Project Plan.md"));
  g_assert_true (exists (fixture, "Archive/2024/Plan 2025.md"));

  /* Wikilinks keep display text, fragments, embeds' '!', tables' "\|"; the
   * alias link and the one in code are untouched; Markdown links keep their
   * style (vault path, ./relative) and are re-encoded. */
  expect_home = replace_all (home,
                             "- [[Project Plan]]", "- [[Plan 2025]]",
                             "[[Project Plan#Goals|the goals]]", "[[Plan 2025#Goals|the goals]]",
                             "![[Project Plan]]", "![[Plan 2025]]",
                             "[plan](Work/Project%20Plan.md)", "[plan](Archive/2024/Plan%202025.md)",
                             "(./Work/Project%20Plan.md#Goals)", "(./Archive/2024/Plan%202025.md#Goals)",
                             "[[Project Plan\\|table]]", "[[Plan 2025\\|table]]",
                             NULL);
  got = read_text (fixture, "Home.md");
  g_assert_cmpstr (got, ==, expect_home);
  g_assert_nonnull (strstr (got, "`[[Project Plan]]` in code"));
  g_assert_nonnull (strstr (got, "[[Roadmap]] stays"));
  g_clear_pointer (&got, g_free);

  /* The moved note's own links: the ones that depended on its folder. */
  expect_plan = replace_all (plan,
                             "See [[Sibling]]", "See [[Work/Sibling]]",
                             "(Sibling.md)", "(Work/Sibling.md)",
                             "(../Home.md)", "(../../Home.md)",
                             "[[Project Plan#Goals|the goals]]", "[[Plan 2025#Goals|the goals]]",
                             NULL);
  got = read_text (fixture, "Archive/2024/Plan 2025.md");
  g_assert_cmpstr (got, ==, expect_plan);
  g_clear_pointer (&got, g_free);

  /* CRLF kept; a path target becomes the bare name once that is unique. */
  expect_other = replace_all (other,
                              "[[Work/Project Plan|PP]]", "[[Plan 2025|PP]]",
                              "[[project plan]]", "[[Plan 2025]]",
                              NULL);
  got = read_text (fixture, "Notes/Other.md");
  g_assert_cmpstr (got, ==, expect_other);
  g_clear_pointer (&got, g_free);

  expect_meeting = replace_all (meeting, "See [[Project Plan]]", "See [[Plan 2025]]", NULL);
  got = read_text (fixture, "Meeting Notes.md");
  g_assert_cmpstr (got, ==, expect_meeting);
  g_clear_pointer (&got, g_free);

  got = read_text (fixture, "Work/Sibling.md");
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
  g_autofree char *home = read_text (fixture, "Home.md");
  g_autofree char *expect = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GBytes) moved = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = run_rename (fixture, "diagram.png", "Images/chart.png", &error);
  g_assert_no_error (error);

  /* the embed keeps its '!' and its size */
  expect = replace_all (home, "![[diagram.png|300]]", "![[chart.png|300]]", NULL);
  got = read_text (fixture, "Home.md");
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
  g_autofree char *meeting = read_text (fixture, "Meeting Notes.md");
  g_autofree char *plan = read_text (fixture, "Work/Project Plan.md");
  g_autofree char *expect = NULL;
  g_autofree char *got = NULL;
  g_autoptr(SheafRenameResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* moving a note keeps bare links that still reach it as they are */
  result = run_rename (fixture, "Meeting Notes.md", "Work/Meeting Notes.md", &error);
  g_assert_no_error (error);

  got = read_text (fixture, "Work/Meeting Notes.md");
  g_assert_cmpstr (got, ==, meeting);
  g_clear_pointer (&got, g_free);
  got = read_text (fixture, "Work/Project Plan.md");
  g_assert_cmpstr (got, ==, plan);
  g_assert_cmpuint (result->n_links, ==, 0);
  g_assert_cmpuint (result->n_notes, ==, 0);

  /* renaming rewrites them */
  g_clear_pointer (&result, sheaf_rename_result_free);
  result = run_rename (fixture, "Work/Meeting Notes.md", "Work/Minutes.md", &error);
  g_assert_no_error (error);
  expect = replace_all (plan, "[[Meeting Notes]]", "[[Minutes]]", NULL);
  g_clear_pointer (&got, g_free);
  got = read_text (fixture, "Work/Project Plan.md");
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
    g_ptr_array_add (before, read_text (fixture, paths[i]));

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
      g_autofree char *now = read_text (fixture, paths[i]);

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

  got = read_text (fixture, "Notes/Other.md");
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
                      rename_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  renamed = sheaf_rename_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (exists (fixture, "Work/Project Plan.md"));
  g_assert_false (exists (fixture, "Plan.md"));
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sheaf/rename/note", Fixture, NULL, fixture_set_up, test_rename_note, fixture_tear_down);
  g_test_add ("/sheaf/rename/attachment", Fixture, NULL, fixture_set_up, test_rename_attachment, fixture_tear_down);
  g_test_add ("/sheaf/rename/same-folder", Fixture, NULL, fixture_set_up, test_rename_same_folder, fixture_tear_down);
  g_test_add ("/sheaf/rename/clash", Fixture, NULL, fixture_set_up, test_rename_clash, fixture_tear_down);
  g_test_add ("/sheaf/rename/reads-fresh", Fixture, NULL, fixture_set_up, test_rename_reads_fresh, fixture_tear_down);
  g_test_add ("/sheaf/rename/cancelled", Fixture, NULL, fixture_set_up, test_rename_cancelled, fixture_tear_down);
  g_test_add ("/sheaf/rename/link-target", Fixture, NULL, fixture_set_up, test_link_target, fixture_tear_down);

  return g_test_run ();
}
