/* test-window.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window on a temporary copy of data/sample-vault, driven through
 * its actions, under Xvfb.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sheaf-application.h"
#include "sheaf-editor-page-private.h"
#include "sheaf-note-node.h"
#include "sheaf-test-util.h"
#include "sheaf-vault-host.h"
#include "sheaf-window-private.h"

#define NOTE         "Sourdough Starter Care.md"
#define INSERTED     "Inserted by the window test. "


typedef struct
{
  char          *root;     /* a temporary copy of data/sample-vault */
  SheafWindow   *window;
  GSettings     *settings;
  guint          n_reloaded;
} Fixture;

static SheafApplication *app;




static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (fixture->window->stack);
}

static SheafDocument *
document (Fixture *fixture)
{
  return sheaf_editor_page_get_document (fixture->window->page);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static gboolean
preview_contains (Fixture    *fixture,
                  const char *needle)
{
  SheafPreview *preview = sheaf_editor_page_get_preview (fixture->window->page);
  GtkTextView *view = sheaf_preview_get_text_view (preview);
  g_autofree char *text = buffer_text (gtk_text_view_get_buffer (view));

  return strstr (text, needle) != NULL;
}

static gboolean
note_shown (Fixture    *fixture,
            const char *path)
{
  return g_strcmp0 (sheaf_window_get_note_path (fixture->window), path) == 0 &&
         !sheaf_document_get_loading (document (fixture)) &&
         sheaf_document_get_note (document (fixture)) != NULL;
}

static void
reloaded_cb (SheafDocument *doc,
             Fixture       *fixture)
{
  fixture->n_reloaded++;
}

static void
open_vault (Fixture    *fixture,
            const char *note)
{
  g_autoptr(GFile) root = g_file_new_for_path (fixture->root);

  sheaf_window_open_vault (fixture->window, root, note);
  SHEAF_TEST_WAIT_FOR (g_strcmp0 (visible_page (fixture), "vault") == 0);

  if (note != NULL)
    SHEAF_TEST_WAIT_FOR (note_shown (fixture, note));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->root = sheaf_test_copy_sample_vault ();

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "view-mode");

  fixture->window = g_object_ref (sheaf_window_new (GTK_APPLICATION (app)));
  g_signal_connect (document (fixture), "reloaded", G_CALLBACK (reloaded_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *tmp = g_path_get_dirname (fixture->root);
  SheafDocument *doc = document (fixture);

  /* Let workers in flight finish, then everything must go away. */
  SHEAF_TEST_WAIT_FOR (!sheaf_document_get_saving (doc) && !sheaf_document_get_loading (doc));
  fixture->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  sheaf_test_spin_for (300);
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->settings);

  sheaf_test_remove_tree (tmp);
  g_free (fixture->root);
}

/* Tests ------------------------------------------------------------------- */

static gboolean
row_is (GListModel *model,
        guint       position,
        const char *path)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, position);
  g_autoptr(SheafNoteNode) node = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  return node != NULL && g_strcmp0 (sheaf_note_node_get_path (node), path) == 0;
}

static void
test_open_vault (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *rows = sheaf_sidebar_get_model (fixture->window->sidebar);
  g_autoptr(GtkTreeListRow) people = NULL;

  open_vault (fixture, NULL);

  g_assert_cmpuint (sheaf_vault_get_n_notes (sheaf_window_get_vault (fixture->window)), ==, 15);

  /* Folders first, then the notes of the top folder, by name. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 11);
  g_assert_true (row_is (rows, 0, "Channels"));
  g_assert_true (row_is (rows, 1, "People"));
  g_assert_true (row_is (rows, 2, "Baking in a Home Oven.md"));
  g_assert_true (row_is (rows, 8, NOTE));
  g_assert_true (row_is (rows, 10, "Welcome to Sheaf.md"));

  people = g_list_model_get_item (rows, 1);
  gtk_tree_list_row_set_expanded (people, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 14);
  g_assert_true (row_is (rows, 2, "People/Ines Lindqvist.md"));

  /* A note written on disk shows up in its folder. */
  sheaf_test_write (fixture->root, "People/Zoe Adams.md", "# Zoe\n");
  SHEAF_TEST_WAIT_FOR (g_list_model_get_n_items (rows) == 15);
  g_assert_true (row_is (rows, 5, "People/Zoe Adams.md"));

  /* And goes away when it is deleted. */
  g_assert_cmpint (g_remove (g_build_filename (fixture->root, "People", "Zoe Adams.md", NULL)), ==, 0);
  SHEAF_TEST_WAIT_FOR (g_list_model_get_n_items (rows) == 14);
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *rows = sheaf_sidebar_get_model (fixture->window->sidebar);
  GtkWidget *focus;

  open_vault (fixture, NULL);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.filter-notes", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (GTK_IS_EDITABLE (focus));

  /* A match shows with its folder, opened. */
  gtk_editable_set_text (GTK_EDITABLE (focus), "teddy");
  SHEAF_TEST_WAIT_FOR (g_list_model_get_n_items (rows) == 2);
  g_assert_true (row_is (rows, 0, "People"));
  g_assert_true (row_is (rows, 1, "People/Teddy Okafor.md"));

  /* Paths match too. */
  gtk_editable_set_text (GTK_EDITABLE (focus), "channels/");
  SHEAF_TEST_WAIT_FOR (g_list_model_get_n_items (rows) == 4);

  gtk_editable_set_text (GTK_EDITABLE (focus), "");
  SHEAF_TEST_WAIT_FOR (g_list_model_get_n_items (rows) == 11);
}

static void
test_edit_autosave (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkTextBuffer *buffer;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GString) expected = NULL;
  GtkTextIter iter;
  GtkTextIter match;
  const char *bytes;
  const char *at;
  gsize length;

  before = sheaf_test_read (fixture->root, NOTE);
  open_vault (fixture, NOTE);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (sheaf_editor_page_get_source_view (fixture->window->page))));

  buffer = GTK_TEXT_BUFFER (document (fixture));
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, "Most members settle", 0,
                                               &match, NULL, NULL));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &match, INSERTED, -1);
  gtk_text_buffer_end_user_action (buffer);

  /* The preview follows the document after its debounce. */
  SHEAF_TEST_WAIT_FOR (preview_contains (fixture, INSERTED "Most members"));

  /* Autosave writes the text, and only that changes. */
  bytes = g_bytes_get_data (before, &length);
  at = strstr (bytes, "Most members settle");
  g_assert_nonnull (at);
  expected = g_string_new_len (bytes, at - bytes);
  g_string_append (expected, INSERTED);
  g_string_append_len (expected, at, length - (at - bytes));

  SHEAF_TEST_WAIT_FOR (!sheaf_document_get_dirty (document (fixture)) &&
            !sheaf_document_get_saving (document (fixture)));
  {
    g_autoptr(GBytes) after = sheaf_test_read (fixture->root, NOTE);
    g_autoptr(GBytes) wanted = g_string_free_to_bytes (g_steal_pointer (&expected));

    g_assert_true (g_bytes_equal (after, wanted));
  }
}

static void
test_view_mode (Fixture       *fixture,
                gconstpointer  data)
{
  SheafEditorPage *page = fixture->window->page;
  GtkWidget *source = GTK_WIDGET (sheaf_editor_page_get_source_view (page));
  GtkWidget *preview = GTK_WIDGET (sheaf_editor_page_get_preview (page));
  g_autofree char *mode = NULL;

  open_vault (fixture, NOTE);
  g_assert_true (gtk_widget_is_visible (source));
  g_assert_true (gtk_widget_is_visible (preview));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view-mode", "s", "reading");
  g_assert_false (gtk_widget_is_visible (source));
  g_assert_true (gtk_widget_is_visible (preview));
  mode = g_settings_get_string (fixture->settings, "view-mode");
  g_assert_cmpstr (mode, ==, "reading");
  g_clear_pointer (&mode, g_free);

  /* Ctrl+E cycles: reading → source → split. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cycle-view-mode", NULL);
  g_assert_true (gtk_widget_is_visible (source));
  g_assert_false (gtk_widget_is_visible (preview));
  mode = g_settings_get_string (fixture->settings, "view-mode");
  g_assert_cmpstr (mode, ==, "source");
  g_clear_pointer (&mode, g_free);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cycle-view-mode", NULL);
  g_assert_true (gtk_widget_is_visible (source));
  g_assert_true (gtk_widget_is_visible (preview));

  /* A setting changed elsewhere is followed. */
  g_settings_set_string (fixture->settings, "view-mode", "reading");
  g_assert_cmpstr (sheaf_editor_page_get_view_mode (page), ==, "reading");
  g_assert_false (gtk_widget_is_visible (source));

  /* Find in the reading view shows the source beside the preview. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL);
  g_assert_cmpstr (sheaf_editor_page_get_view_mode (page), ==, "split");
  g_assert_true (gtk_revealer_get_reveal_child (page->search_revealer));
}

static void
test_find_replace (Fixture       *fixture,
                   gconstpointer  data)
{
  SheafEditorPage *page = fixture->window->page;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document (fixture));
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  open_vault (fixture, NOTE);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find-replace", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (page->search_revealer));
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "starter");
  SHEAF_TEST_WAIT_FOR (gtk_source_search_context_get_occurrences_count (page->search_context) > 1);
  SHEAF_TEST_WAIT_FOR (strstr (gtk_label_get_label (page->search_count), " of ") != NULL);

  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  text = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (g_utf8_casefold (text, -1), ==, "starter");
  g_clear_pointer (&text, g_free);

  gtk_editable_set_text (GTK_EDITABLE (page->replace_entry), "levain");
  gtk_widget_activate_action (GTK_WIDGET (page), "editor.replace-all", NULL);
  SHEAF_TEST_WAIT_FOR (gtk_source_search_context_get_occurrences_count (page->search_context) == 0);

  text = buffer_text (buffer);
  g_assert_null (strstr (text, "starter "));
  g_assert_nonnull (strstr (text, "levain"));

  /* One undo step takes it all back. */
  gtk_text_buffer_undo (buffer);
  g_clear_pointer (&text, g_free);
  text = buffer_text (buffer);
  g_assert_nonnull (strstr (text, "starter"));
}

static void
test_external_change_clean (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *text = NULL;

  open_vault (fixture, NOTE);

  sheaf_test_write (fixture->root, NOTE, "# Changed elsewhere\n\nNew text.\n");
  SHEAF_TEST_WAIT_FOR (fixture->n_reloaded == 1);

  text = buffer_text (GTK_TEXT_BUFFER (document (fixture)));
  g_assert_cmpstr (text, ==, "# Changed elsewhere\n\nNew text.\n");
  g_assert_cmpstr (_sheaf_window_get_last_toast (fixture->window), ==,
                   "“Sourdough Starter Care” was changed on disk and reloaded");
  SHEAF_TEST_WAIT_FOR (preview_contains (fixture, "New text."));
}

static void
test_external_change_dirty (Fixture       *fixture,
                            gconstpointer  data)
{
  SheafEditorPage *page = fixture->window->page;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document (fixture));
  const char *theirs = "# Theirs\n\nWritten by another program.\n";
  g_autoptr(GBytes) on_disk = NULL;
  g_autofree char *mine = NULL;
  GtkTextIter end;

  open_vault (fixture, NOTE);

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "Mine.\n", -1);
  sheaf_test_write (fixture->root, NOTE, theirs);

  SHEAF_TEST_WAIT_FOR (sheaf_document_get_conflict (document (fixture)));
  g_assert_true (gtk_revealer_get_reveal_child (page->conflict_revealer));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (page->conflict_revealer)));

  /* Autosave waits for the user: the file on disk stays theirs. */
  sheaf_test_spin_for (2500);
  on_disk = sheaf_test_read (fixture->root, NOTE);
  g_assert_cmpmem (g_bytes_get_data (on_disk, NULL), g_bytes_get_size (on_disk),
                   theirs, strlen (theirs));
  g_assert_true (sheaf_document_get_dirty (document (fixture)));

  /* Closing asks first, and Cancel keeps the window. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  {
    AdwMessageDialog *dialog = NULL;

    for (guint attempt = 0; dialog == NULL && attempt < 200; attempt++)
      {
        GListModel *toplevels = gtk_window_get_toplevels ();

        for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
          {
            g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

            if (ADW_IS_MESSAGE_DIALOG (window))
              dialog = ADW_MESSAGE_DIALOG (window);
          }
        if (dialog == NULL)
          sheaf_test_spin_for (50);
      }
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));

  /* Keep Mine writes the buffer over their text. */
  gtk_widget_activate_action (GTK_WIDGET (page), "editor.keep-mine", NULL);
  SHEAF_TEST_WAIT_FOR (!sheaf_document_get_dirty (document (fixture)) &&
            !sheaf_document_get_saving (document (fixture)));
  g_assert_false (gtk_revealer_get_reveal_child (page->conflict_revealer));
  g_clear_pointer (&on_disk, g_bytes_unref);
  on_disk = sheaf_test_read (fixture->root, NOTE);
  mine = buffer_text (buffer);
  g_assert_cmpmem (g_bytes_get_data (on_disk, NULL), g_bytes_get_size (on_disk),
                   mine, strlen (mine));
  g_assert_nonnull (strstr (mine, "Mine.\n"));
}

static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  SheafPreview *preview = sheaf_editor_page_get_preview (fixture->window->page);
  SheafLink missing = { SHEAF_LINK_WIKILINK, "[[No Such Note]]", "No Such Note", NULL, NULL, 1, { 0, 0 } };
  SheafLink teddy = { SHEAF_LINK_WIKILINK, "[[Teddy Okafor]]", "Teddy Okafor", NULL, NULL, 1, { 0, 0 } };
  guint toggled = 0;

  open_vault (fixture, NOTE);

  g_signal_emit_by_name (preview, "link-activated", &missing, FALSE);
  g_assert_cmpstr (_sheaf_window_get_last_toast (fixture->window), ==,
                   "There is no note “No Such Note” yet");
  g_assert_cmpstr (sheaf_window_get_note_path (fixture->window), ==, NOTE);

  g_signal_emit_by_name (preview, "link-activated", &teddy, FALSE);

  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "People/Teddy Okafor.md"));

  /* A task toggled in the preview changes the marker in the document. */
  sheaf_window_open_note (fixture->window, "Feeding Ratio Cheat Sheet.md", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Feeding Ratio Cheat Sheet.md"));
  {
    g_autofree char *text = buffer_text (GTK_TEXT_BUFFER (document (fixture)));
    char **lines = g_strsplit (text, "\n", -1);

    for (guint i = 0; lines[i] != NULL && toggled == 0; i++)
      if (strstr (lines[i], "- [ ]") != NULL)
        toggled = i + 1;
    g_strfreev (lines);
  }
  g_assert_cmpuint (toggled, >, 0);
  g_signal_emit_by_name (preview, "task-toggled", toggled, (guint64)0, (guint64)0, TRUE);
  {
    GtkTextIter start;
    GtkTextIter end;
    g_autofree char *line = NULL;

    gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (document (fixture)), &start, toggled - 1);
    end = start;
    gtk_text_iter_forward_to_line_end (&end);
    line = gtk_text_iter_get_text (&start, &end);
    g_assert_nonnull (strstr (line, "- [x]"));
  }

  /* And the preview shows the new state once the document is parsed again. */
  SHEAF_TEST_WAIT_FOR (!sheaf_document_get_dirty (document (fixture)));
}

static void
test_finalizes (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-vault", NULL);
  g_autoptr(GFile) root = g_file_new_for_path (source);
  SheafVault *vault = sheaf_vault_new (root);
  GtkWidget *widget;

  g_assert_finalize_object (sheaf_vault_host_new (vault));

  widget = g_object_ref_sink (g_object_new (SHEAF_TYPE_SIDEBAR, NULL));
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (g_object_new (SHEAF_TYPE_EDITOR_PAGE, NULL));
  g_assert_finalize_object (widget);

  g_assert_finalize_object (sheaf_note_node_new_folder ("a/b"));
  g_assert_finalize_object (vault);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);

  app = sheaf_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/sheaf/window/finalizes", test_finalizes);
  g_test_add ("/sheaf/window/open-vault", Fixture, NULL,
              fixture_setup, test_open_vault, fixture_teardown);
  g_test_add ("/sheaf/window/filter", Fixture, NULL,
              fixture_setup, test_filter, fixture_teardown);
  g_test_add ("/sheaf/window/edit-autosave", Fixture, NULL,
              fixture_setup, test_edit_autosave, fixture_teardown);
  g_test_add ("/sheaf/window/view-mode", Fixture, NULL,
              fixture_setup, test_view_mode, fixture_teardown);
  g_test_add ("/sheaf/window/find-replace", Fixture, NULL,
              fixture_setup, test_find_replace, fixture_teardown);
  g_test_add ("/sheaf/window/external-change-clean", Fixture, NULL,
              fixture_setup, test_external_change_clean, fixture_teardown);
  g_test_add ("/sheaf/window/external-change-dirty", Fixture, NULL,
              fixture_setup, test_external_change_dirty, fixture_teardown);
  g_test_add ("/sheaf/window/links", Fixture, NULL,
              fixture_setup, test_links, fixture_teardown);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
