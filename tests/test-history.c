/* test-history.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tab's history, and creating the note an unresolved link names: the
 * model halves of following links, without a display.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sheaf-history.h"
#include "sheaf-new-note.h"
#include "sheaf-test-util.h"
#include "sheaf-vault.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_finalizes (void)
{
  g_assert_finalize_object (sheaf_history_new ());
}

static void
test_push_and_move (void)
{
  g_autoptr(SheafHistory) history = sheaf_history_new ();

  g_assert_null (sheaf_history_get_path (history));
  g_assert_false (sheaf_history_get_can_go_back (history));
  g_assert_false (sheaf_history_go_back (history));
  g_assert_false (sheaf_history_go_forward (history));

  g_assert_true (sheaf_history_push (history, "A.md"));
  g_assert_true (sheaf_history_push (history, "B.md"));
  g_assert_true (sheaf_history_push (history, "C.md"));
  /* The note shown again: nothing new. */
  g_assert_false (sheaf_history_push (history, "C.md"));
  g_assert_cmpuint (sheaf_history_get_n_entries (history), ==, 3);
  g_assert_cmpstr (sheaf_history_get_path (history), ==, "C.md");

  /* Going back and forward moves along; nothing is dropped. */
  sheaf_history_set_line (history, 30);
  g_assert_true (sheaf_history_go_back (history));
  g_assert_cmpstr (sheaf_history_get_path (history), ==, "B.md");
  g_assert_true (sheaf_history_go_back (history));
  g_assert_cmpstr (sheaf_history_get_path (history), ==, "A.md");
  g_assert_false (sheaf_history_go_back (history));
  g_assert_cmpuint (sheaf_history_get_n_entries (history), ==, 3);
  g_assert_true (sheaf_history_go_forward (history));
  g_assert_true (sheaf_history_go_forward (history));
  g_assert_cmpstr (sheaf_history_get_path (history), ==, "C.md");
  g_assert_cmpuint (sheaf_history_get_line (history), ==, 30);
  g_assert_false (sheaf_history_get_can_go_forward (history));

  /* Opening a note from the middle drops what was ahead, as a browser does. */
  g_assert_true (sheaf_history_go_to (history, 0));
  g_assert_true (sheaf_history_push (history, "D.md"));
  g_assert_cmpuint (sheaf_history_get_n_entries (history), ==, 2);
  g_assert_cmpstr (sheaf_history_get_nth_path (history, 0), ==, "A.md");
  g_assert_cmpstr (sheaf_history_get_nth_path (history, 1), ==, "D.md");
  g_assert_false (sheaf_history_get_can_go_forward (history));
  g_assert_false (sheaf_history_go_to (history, 2));
}

static void
test_lines (void)
{
  g_autoptr(SheafHistory) history = sheaf_history_new ();

  sheaf_history_push (history, "A.md");
  sheaf_history_set_line (history, 12);
  sheaf_history_push (history, "B.md");
  g_assert_cmpuint (sheaf_history_get_line (history), ==, 0);
  sheaf_history_set_line (history, 40);

  sheaf_history_go_back (history);
  g_assert_cmpuint (sheaf_history_get_line (history), ==, 12);
  g_assert_cmpuint (sheaf_history_get_nth_line (history, 1), ==, 40);
  g_assert_cmpuint (sheaf_history_get_nth_line (history, 7), ==, 0);
}

static void
test_notify (void)
{
  g_autoptr(SheafHistory) history = sheaf_history_new ();
  guint back = 0;
  guint forward = 0;

  g_signal_connect (history, "notify::can-go-back", G_CALLBACK (count_notify_cb), &back);
  g_signal_connect (history, "notify::can-go-forward", G_CALLBACK (count_notify_cb), &forward);

  sheaf_history_push (history, "A.md");
  g_assert_cmpuint (back, ==, 0);
  sheaf_history_push (history, "B.md");
  g_assert_cmpuint (back, ==, 1);
  sheaf_history_push (history, "C.md");
  g_assert_cmpuint (back, ==, 1);

  sheaf_history_go_back (history);
  g_assert_cmpuint (back, ==, 1);
  g_assert_cmpuint (forward, ==, 1);
  sheaf_history_go_back (history);
  g_assert_cmpuint (back, ==, 2);
  g_assert_cmpuint (forward, ==, 1);

  sheaf_history_clear (history);
  g_assert_cmpuint (forward, ==, 2);
  g_assert_cmpuint (sheaf_history_get_n_entries (history), ==, 0);
}

static void
test_cap (void)
{
  g_autoptr(SheafHistory) history = sheaf_history_new ();

  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *path = g_strdup_printf ("N%u.md", i);

      sheaf_history_push (history, path);
    }

  g_assert_cmpuint (sheaf_history_get_n_entries (history), ==, 100);
  g_assert_cmpstr (sheaf_history_get_nth_path (history, 0), ==, "N150.md");
  g_assert_cmpstr (sheaf_history_get_path (history), ==, "N249.md");
}

static void
test_rename (void)
{
  g_autoptr(SheafHistory) history = sheaf_history_new ();

  sheaf_history_push (history, "People/Ada.md");
  sheaf_history_set_line (history, 9);
  sheaf_history_push (history, "Home.md");
  sheaf_history_push (history, "People/Ada.md");
  sheaf_history_push (history, "People/Adam.md");

  /* A note: its entries, not a note whose name starts the same. */
  g_assert_cmpuint (sheaf_history_rename (history, "People/Ada.md", "People/Ada Lovelace.md"), ==, 2);
  g_assert_cmpstr (sheaf_history_get_nth_path (history, 0), ==, "People/Ada Lovelace.md");
  g_assert_cmpuint (sheaf_history_get_nth_line (history, 0), ==, 9);
  g_assert_cmpstr (sheaf_history_get_nth_path (history, 2), ==, "People/Ada Lovelace.md");
  g_assert_cmpstr (sheaf_history_get_nth_path (history, 3), ==, "People/Adam.md");

  /* A folder: every note in it. */
  g_assert_cmpuint (sheaf_history_rename (history, "People", "Persons"), ==, 3);
  g_assert_cmpstr (sheaf_history_get_nth_path (history, 1), ==, "Home.md");
  g_assert_cmpstr (sheaf_history_get_path (history), ==, "Persons/Adam.md");
  g_assert_cmpuint (sheaf_history_rename (history, "Peop", "X"), ==, 0);
}

static void
test_new_note_path (void)
{
  static const struct { const char *target; const char *path; } valid[] = {
    { "Name", "Name.md" },
    { "Folder/Name", "Folder/Name.md" },
    { "  Deep/er/Café Notes  ", "Deep/er/Café Notes.md" },
    { "Keeps CASE.md", "Keeps CASE.md" },
    { "Notes.MD", "Notes.md" },
    { "v1.2 release", "v1.2 release.md" },
  };
  static const char * const invalid[] = {
    "", "   ", "../Outside", "a/../../b", "./Here", "/Root", "Folder/", "a//b", ".hidden",
    "What?", "a:b", "star*", "quote\"", "pipe|", "back\\slash", "<x>", "tab\there",
    "Trailing.", "Folder /Name",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = sheaf_new_note_path_for_target (valid[i].target, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (path, ==, valid[i].path);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = sheaf_new_note_path_for_target (invalid[i], &error);

      if (path != NULL)
        g_error ("“%s” was accepted as “%s”", invalid[i], path);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
    }
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Created;

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Created *created = user_data;

  sheaf_new_note_create_finish (SHEAF_VAULT (object), result, &created->error);
  created->done = TRUE;
}

/* Runs sheaf_new_note_create_async() to its end; %NULL when it succeeded. */
static GError *
create (SheafVault *vault,
        const char *path)
{
  Created created = { FALSE, NULL };

  sheaf_new_note_create_async (vault, path, NULL, created_cb, &created);
  SHEAF_TEST_WAIT_FOR (created.done);

  return created.error;
}

static void
test_new_note_create (void)
{
  g_autofree char *root = sheaf_test_copy_fixture ("nav-vault");
  g_autofree char *tmp = g_path_get_dirname (root);
  g_autoptr(SheafVault) vault = SHEAF_VAULT (sheaf_test_load_vault (root));
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GError) error = NULL;

  /* Empty, in folders made for it, and known to the vault at once. */
  g_assert_null (sheaf_vault_get_note (vault, "New/Deeper/Fresh Note.md"));
  g_assert_no_error (create (vault, "New/Deeper/Fresh Note.md"));
  bytes = sheaf_test_read (root, "New/Deeper/Fresh Note.md");
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  g_assert_nonnull (sheaf_vault_get_note (vault, "New/Deeper/Fresh Note.md"));
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A file already there is never written over: it is the note. */
  sheaf_test_write (root, "Already.md", "# Mine\n");
  g_assert_no_error (create (vault, "Already.md"));
  bytes = sheaf_test_read (root, "Already.md");
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "# Mine\n", 7);
  g_assert_nonnull (sheaf_vault_get_note (vault, "Already.md"));

  /* A folder by that name is not a note. */
  dir = g_build_filename (root, "Dir.md", NULL);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  error = create (vault, "Dir.md");
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Nothing leaves the vault, whatever the caller passes. */
  error = create (vault, "../Escaped.md");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  escaped = g_build_filename (tmp, "Escaped.md", NULL);
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));

  g_clear_object (&vault);
  sheaf_test_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/history/finalizes", test_finalizes);
  g_test_add_func ("/sheaf/history/push-and-move", test_push_and_move);
  g_test_add_func ("/sheaf/history/lines", test_lines);
  g_test_add_func ("/sheaf/history/notify", test_notify);
  g_test_add_func ("/sheaf/history/cap", test_cap);
  g_test_add_func ("/sheaf/history/rename", test_rename);
  g_test_add_func ("/sheaf/new-note/path", test_new_note_path);
  g_test_add_func ("/sheaf/new-note/create", test_new_note_create);

  return g_test_run ();
}
