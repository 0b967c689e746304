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
#include "sheaf-vault-private.h"
#include "sheaf-window-private.h"

#define NOTE         "Sourdough Starter Care.md"
#define TEDDY        "People/Teddy Okafor.md"
#define LONG         "Long Note.md"
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

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  SHEAF_TEST_WAIT_FOR (find_dialog () != NULL);

  return find_dialog ();
}

/* Answers @dialog, and lets the window settle once it is gone. Opening a
 * note in the very iteration a modal dialog goes away (no user is that
 * fast) sometimes ends in "gtk_text_btree_line_number couldn't find line"
 * while the preview replaces its blocks; with the window given a moment,
 * never (see the note on this in the tabs work). */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sheaf_test_spin_for (300);
}

static guint
n_tabs (Fixture *fixture)
{
  return _sheaf_window_get_n_tabs (fixture->window);
}

static SheafTab *
nth_tab (Fixture *fixture,
         guint    n)
{
  return _sheaf_window_get_nth_tab (fixture->window, n);
}

static guint
top_line (Fixture *fixture)
{
  return sheaf_editor_page_get_top_line (sheaf_window_get_editor_page (fixture->window));
}

static void
activate_link (Fixture    *fixture,
               const char *target,
               const char *fragment,
               gboolean    new_tab)
{
  SheafPreview *preview = sheaf_editor_page_get_preview (sheaf_window_get_editor_page (fixture->window));
  g_autofree char *raw = g_strdup_printf ("[[%s]]", target);
  SheafLink link = { SHEAF_LINK_WIKILINK, raw, (char *)target, (char *)fragment, NULL, 1, { 0, 0 } };

  g_signal_emit_by_name (preview, "link-activated", &link, new_tab);
}

/* A note long enough to scroll: "## Far Heading" is on line FAR_LINE. */
#define FAR_LINE 203
static void
write_long_note (Fixture *fixture)
{
  g_autoptr(GString) text = g_string_new ("# Long Note\n\n");

  for (guint i = 0; i < 200; i++)
    {
      if (i == 100)
        g_string_append (text, "## Far Heading\n\n");
      g_string_append_printf (text, "Paragraph %u of a note long enough to scroll.\n\n", i);
    }

  sheaf_test_write (fixture->root, LONG, text->str);
}

static void
edit (Fixture    *fixture,
      const char *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document (fixture));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &end, text, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static gboolean
file_contains (Fixture    *fixture,
               const char *path,
               const char *needle)
{
  g_autoptr(GBytes) bytes = sheaf_test_read (fixture->root, path);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return strstr (text, needle) != NULL;
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
  SHEAF_TEST_WAIT_FOR (g_strcmp0 (visible_page (fixture), "vault") == 0 &&
                       sheaf_vault_get_loaded (sheaf_window_get_vault (fixture->window)));

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

  /* The source is highlighted with our language, which knows callouts, wikilinks and tags. */
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (
                     GTK_SOURCE_BUFFER (sheaf_editor_page_get_document (sheaf_window_get_editor_page (fixture->window))))),
                   ==, "sheaf-markdown");

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

/* Whether the preview shows @text with the tag called @name at its start. */
static gboolean
preview_text_has_tag (Fixture    *fixture,
                      const char *text,
                      const char *name)
{
  SheafPreview *preview = sheaf_editor_page_get_preview (fixture->window->page);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (sheaf_preview_get_text_view (preview));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter start;
  GtkTextIter match;

  gtk_text_buffer_get_start_iter (buffer, &start);

  return tag != NULL &&
         gtk_text_iter_forward_search (&start, text, 0, &match, NULL, NULL) &&
         gtk_text_iter_has_tag (&match, tag);
}

#define PROGRESSIVE "Progressive.md"

/* DESIGN.md §5: the last note shows straight from the disk, the note list
 * once the folders are walked, and what needs the index once it is ready.
 * The vault's index is held back, so "before" is certain. */
static void
test_progressive (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) root = g_file_new_for_path (fixture->root);
  GListModel *rows = sheaf_sidebar_get_model (fixture->window->sidebar);
  GtkWidget *progress = GTK_WIDGET (fixture->window->progress_bar);
  SheafVault *vault;

  sheaf_test_write (fixture->root, PROGRESSIVE,
                    "# Progressive\n\nSee [[People/Teddy Okafor|Teddy]] and [[No Such Note|nowhere]].\n");

  sheaf_window_open_vault (fixture->window, root, PROGRESSIVE);
  vault = sheaf_window_get_vault (fixture->window);
  _sheaf_vault_hold_index (vault, TRUE);

  /* No loading page: the vault's page at once, with a thin bar. */
  g_assert_cmpstr (visible_page (fixture), ==, "vault");
  g_assert_true (gtk_widget_get_visible (progress));

  /* The note, before the vault is indexed. */
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, PROGRESSIVE) && preview_contains (fixture, "nowhere"));
  g_assert_false (sheaf_vault_get_loaded (vault));

  /* Links are neither resolved nor faded yet. */
  g_assert_true (preview_text_has_tag (fixture, "Teddy", "link"));
  g_assert_true (preview_text_has_tag (fixture, "nowhere", "link"));
  g_assert_false (preview_text_has_tag (fixture, "nowhere", "link-unresolved"));

  /* The note list, once the folders are walked, with the note selected. */
  SHEAF_TEST_WAIT_FOR (g_list_model_get_n_items (rows) == 12);
  g_assert_true (row_is (rows, 0, "Channels"));
  g_assert_true (row_is (rows, 1, "People"));
  g_assert_false (sheaf_vault_get_loaded (vault));
  g_assert_true (gtk_widget_get_visible (progress));

  /* A note of the list opens, and the filter works, before the index. */
  sheaf_window_open_note (fixture->window, TEDDY, NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, TEDDY));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-back", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, PROGRESSIVE));
  sheaf_sidebar_focus_filter (fixture->window->sidebar);
  gtk_editable_set_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (fixture->window))), "teddy");
  SHEAF_TEST_WAIT_FOR (g_list_model_get_n_items (rows) == 2);
  g_assert_false (sheaf_vault_get_loaded (vault));

  /* Indexed: the bar goes, links resolve (or fade), the filter stays. */
  _sheaf_vault_hold_index (vault, FALSE);
  SHEAF_TEST_WAIT_FOR (sheaf_vault_get_loaded (vault) && !gtk_widget_get_visible (progress));
  SHEAF_TEST_WAIT_FOR (preview_text_has_tag (fixture, "nowhere", "link-unresolved"));
  g_assert_true (preview_text_has_tag (fixture, "Teddy", "link"));
  g_assert_cmpstr (sheaf_window_get_note_path (fixture->window), ==, PROGRESSIVE);
  sheaf_test_spin_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_true (row_is (rows, 1, TEDDY));
}

/* The last note a session showed is gone: the tab stays empty, no error. */
static void
test_progressive_missing (Fixture       *fixture,
                          gconstpointer  data)
{
  GListModel *rows = sheaf_sidebar_get_model (fixture->window->sidebar);
  g_autoptr(GFile) root = g_file_new_for_path (fixture->root);

  sheaf_window_open_vault (fixture->window, root, "Gone Since.md");
  SHEAF_TEST_WAIT_FOR (sheaf_vault_get_loaded (sheaf_window_get_vault (fixture->window)));
  SHEAF_TEST_WAIT_FOR (g_list_model_get_n_items (rows) == 11);
  SHEAF_TEST_WAIT_FOR (!sheaf_document_get_loading (document (fixture)));
  sheaf_test_spin_for (200);
  g_assert_false (sheaf_tab_get_has_note (fixture->window->tab));
  g_assert_null (sheaf_window_get_note_path (fixture->window));
  g_assert_cmpuint (sheaf_history_get_n_entries (sheaf_tab_get_history (fixture->window->tab)), ==, 0);
  g_assert_cmpstr (adw_tab_page_get_title (adw_tab_view_get_selected_page (fixture->window->tab_view)),
                   ==, "New Tab");
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
  respond (wait_for_dialog (), "cancel");
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
  guint toggled = 0;

  open_vault (fixture, NOTE);

  /* A link to no note offers to create it; Cancel creates nothing. */
  activate_link (fixture, "No Such Note", NULL, FALSE);
  g_assert_cmpstr (adw_message_dialog_get_heading (wait_for_dialog ()), ==,
                   "Create “No Such Note”?");
  respond (find_dialog (), "cancel");
  sheaf_test_spin_for (100);
  g_assert_false (g_file_test (g_build_filename (fixture->root, "No Such Note.md", NULL),
                               G_FILE_TEST_EXISTS));
  g_assert_cmpstr (sheaf_window_get_note_path (fixture->window), ==, NOTE);

  /* A plain click replaces the tab's note. */
  activate_link (fixture, "Teddy Okafor", NULL, FALSE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, TEDDY));
  g_assert_cmpuint (n_tabs (fixture), ==, 1);

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
test_link_new_tab (Fixture       *fixture,
                   gconstpointer  data)
{
  SheafDocument *first;

  write_long_note (fixture);
  open_vault (fixture, NOTE);
  first = document (fixture);

  /* Ctrl+click: a new tab, selected, at the heading the link names. */
  activate_link (fixture, "Long Note", "Far Heading", TRUE);
  g_assert_cmpuint (n_tabs (fixture), ==, 2);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, LONG));
  g_assert_true (document (fixture) != first);
  SHEAF_TEST_WAIT_FOR (top_line (fixture) == FAR_LINE);
  g_assert_cmpstr (sheaf_tab_get_path (nth_tab (fixture, 0)), ==, NOTE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==,
                   "Long Note — Sample Vault");
  g_assert_true (sheaf_links_panel_get_document (fixture->window->links_panel) == document (fixture));
  g_assert_cmpstr (adw_tab_page_get_title (adw_tab_view_get_selected_page (fixture->window->tab_view)),
                   ==, "Long Note");
  g_assert_cmpstr (adw_tab_page_get_tooltip (adw_tab_view_get_selected_page (fixture->window->tab_view)),
                   ==, LONG);

  /* A plain click in it replaces its note; the other tab keeps its own. */
  activate_link (fixture, "Teddy Okafor", NULL, FALSE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, TEDDY));
  g_assert_cmpuint (n_tabs (fixture), ==, 2);

  /* The window follows the selected tab. */
  adw_tab_view_select_previous_page (fixture->window->tab_view);
  g_assert_true (document (fixture) == first);
  g_assert_cmpstr (sheaf_window_get_note_path (fixture->window), ==, NOTE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==,
                   "Sourdough Starter Care — Sample Vault");
  g_assert_true (sheaf_links_panel_get_document (fixture->window->links_panel) == first);

  /* Each tab has its own view mode; the buttons show the selected one's. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view-mode", "s", "reading");
  adw_tab_view_select_next_page (fixture->window->tab_view);
  g_assert_cmpstr (fixture->window->view_mode, ==, "split");
  adw_tab_view_select_previous_page (fixture->window->tab_view);
  g_assert_cmpstr (fixture->window->view_mode, ==, "reading");
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  SheafHistory *history;

  write_long_note (fixture);
  open_vault (fixture, LONG);
  history = sheaf_tab_get_history (fixture->window->tab);
  g_assert_false (sheaf_history_get_can_go_back (history));

  sheaf_editor_page_scroll_to_line (fixture->window->page, 121);
  SHEAF_TEST_WAIT_FOR (top_line (fixture) == 121);

  activate_link (fixture, "Sourdough Starter Care", NULL, FALSE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, NOTE));
  g_assert_true (sheaf_history_get_can_go_back (history));

  /* Back: the note, where it was left. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-back", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, LONG));
  SHEAF_TEST_WAIT_FOR (top_line (fixture) == 121);
  g_assert_false (sheaf_history_get_can_go_back (history));
  g_assert_true (sheaf_history_get_can_go_forward (history));
  g_assert_cmpuint (sheaf_history_get_n_entries (history), ==, 2);

  /* Forward, and back again from somewhere else. */
  sheaf_editor_page_scroll_to_line (fixture->window->page, 61);
  SHEAF_TEST_WAIT_FOR (top_line (fixture) == 61);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-forward", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, NOTE));
  g_assert_cmpuint (sheaf_history_get_n_entries (history), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-back", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, LONG));
  SHEAF_TEST_WAIT_FOR (top_line (fixture) == 61);

  /* The sidebar opens in the tab too, and that drops what was ahead. */
  g_signal_emit_by_name (fixture->window->sidebar, "note-activated", TEDDY);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, TEDDY));
  g_assert_cmpuint (sheaf_history_get_n_entries (history), ==, 2);
  g_assert_cmpstr (sheaf_history_get_nth_path (history, 1), ==, TEDDY);

  /* The quick switcher opens in the tab too, or with Ctrl+Enter in a new one. */
  SHEAF_TEST_WAIT_FOR (fixture->window->fuzzy_index != NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.quick-open", NULL);
  sheaf_switcher_set_query (fixture->window->switcher, "feeding ratio");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window->switcher), "switcher.activate", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Feeding Ratio Cheat Sheet.md"));
  g_assert_cmpuint (n_tabs (fixture), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.quick-open", NULL);
  sheaf_switcher_set_query (fixture->window->switcher, "teddy");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window->switcher),
                              "switcher.activate-new-tab", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, TEDDY));
  g_assert_cmpuint (n_tabs (fixture), ==, 2);
  adw_tab_view_select_previous_page (fixture->window->tab_view);

  /* A new tab starts its own history. */
  activate_link (fixture, "Long Note", NULL, TRUE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, LONG));
  g_assert_false (sheaf_history_get_can_go_back (sheaf_tab_get_history (fixture->window->tab)));
}

static void
keep_result_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_close_tabs (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  open_vault (fixture, NOTE);
  _sheaf_window_open_note_full (fixture->window, TEDDY, NULL, 0, TRUE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, TEDDY));

  /* Ctrl+W saves the tab's text first. */
  edit (fixture, "Closed with this.\n");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL);
  SHEAF_TEST_WAIT_FOR (n_tabs (fixture) == 1);
  g_assert_true (file_contains (fixture, TEDDY, "Closed with this.\n"));
  g_assert_cmpstr (sheaf_window_get_note_path (fixture->window), ==, NOTE);

  /* Every tab is saved at once (closing the window does this). */
  edit (fixture, "First tab.\n");
  _sheaf_window_open_note_full (fixture->window, TEDDY, NULL, 0, TRUE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, TEDDY));
  edit (fixture, "Second tab.\n");
  g_assert_true (_sheaf_window_get_unsaved (fixture->window));
  _sheaf_window_save_all_async (fixture->window, NULL, keep_result_cb, &result);
  SHEAF_TEST_WAIT_FOR (result != NULL);
  g_assert_true (_sheaf_window_save_all_finish (fixture->window, result, &error));
  g_assert_no_error (error);
  g_assert_true (file_contains (fixture, NOTE, "First tab.\n"));
  g_assert_true (file_contains (fixture, TEDDY, "Second tab.\n"));
  g_assert_false (_sheaf_window_get_unsaved (fixture->window));
  g_assert_false (_sheaf_window_hold_close (fixture->window));

  /* Closing the last tab with a note leaves an empty one. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL);
  SHEAF_TEST_WAIT_FOR (n_tabs (fixture) == 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL);
  SHEAF_TEST_WAIT_FOR (!sheaf_tab_get_has_note (fixture->window->tab));
  g_assert_cmpuint (n_tabs (fixture), ==, 1);
  g_assert_null (sheaf_window_get_note_path (fixture->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Sample Vault");

  /* And the note list opens notes in it. */
  g_signal_emit_by_name (fixture->window->sidebar, "note-activated", NOTE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, NOTE));

  /* Opening the vault again starts over: one tab, a fresh history. */
  _sheaf_window_open_note_full (fixture->window, TEDDY, NULL, 0, TRUE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, TEDDY));
  g_assert_cmpuint (n_tabs (fixture), ==, 2);
  open_vault (fixture, NOTE);
  g_assert_cmpuint (n_tabs (fixture), ==, 1);
  g_assert_cmpuint (sheaf_history_get_n_entries (sheaf_tab_get_history (fixture->window->tab)), ==, 1);
}

static void
test_create_note (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  SheafVault *vault;

  open_vault (fixture, NOTE);
  vault = sheaf_window_get_vault (fixture->window);

  /* Obsidian's rule: the path the link names, from the vault root. */
  activate_link (fixture, "Ideas/Enriched Doughs", NULL, FALSE);
  g_assert_cmpstr (adw_message_dialog_get_heading (wait_for_dialog ()), ==,
                   "Create “Enriched Doughs”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_dialog ()), "Ideas/Enriched Doughs.md"));
  respond (find_dialog (), "create");
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Ideas/Enriched Doughs.md"));
  g_assert_cmpuint (n_tabs (fixture), ==, 1);
  bytes = sheaf_test_read (fixture->root, "Ideas/Enriched Doughs.md");
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  g_assert_nonnull (sheaf_vault_get_note (vault, "Ideas/Enriched Doughs.md"));

  /* Back goes to the note with the link. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-back", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, NOTE));

  /* A name no file can have is refused, without a dialog. */
  activate_link (fixture, "What?", NULL, FALSE);
  g_assert_null (find_dialog ());
  g_assert_nonnull (strstr (_sheaf_window_get_last_toast (fixture->window), "cannot be a note’s name"));

  /* Ctrl+click creates it in a new tab. */
  activate_link (fixture, "Rye Starter", NULL, TRUE);
  respond (wait_for_dialog (), "create");
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Rye Starter.md"));
  g_assert_cmpuint (n_tabs (fixture), ==, 2);

  /* The function the quick switcher shares never writes over a note. */
  _sheaf_window_create_note (fixture->window, NOTE, FALSE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, NOTE));
  g_assert_true (file_contains (fixture, NOTE, "# Sourdough Starter Care"));
}

static void
test_renamed (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  SheafVault *vault;
  SheafHistory *first;

  write_long_note (fixture);
  open_vault (fixture, LONG);
  vault = sheaf_window_get_vault (fixture->window);
  activate_link (fixture, "Teddy Okafor", NULL, FALSE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, TEDDY));
  first = sheaf_tab_get_history (fixture->window->tab);

  activate_link (fixture, "Long Note", NULL, TRUE);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, LONG));
  sheaf_editor_page_scroll_to_line (fixture->window->page, 91);
  SHEAF_TEST_WAIT_FOR (top_line (fixture) == 91);

  /* What the rename does on disk and in the vault, then tells the window. */
  from = g_build_filename (fixture->root, LONG, NULL);
  to = g_build_filename (fixture->root, "Longer Note.md", NULL);
  g_assert_cmpint (g_rename (from, to), ==, 0);
  sheaf_vault_remove_path (vault, LONG);
  g_assert_true (sheaf_vault_update_path (vault, "Longer Note.md", NULL));
  _sheaf_window_note_renamed (fixture->window, LONG, "Longer Note.md");

  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Longer Note.md"));
  SHEAF_TEST_WAIT_FOR (top_line (fixture) == 91);
  g_assert_cmpstr (sheaf_tab_get_path (fixture->window->tab), ==, "Longer Note.md");
  g_assert_cmpstr (adw_tab_page_get_tooltip (adw_tab_view_get_selected_page (fixture->window->tab_view)),
                   ==, "Longer Note.md");

  /* The other tab's history follows too: back there finds the note. */
  g_assert_cmpstr (sheaf_history_get_nth_path (first, 0), ==, "Longer Note.md");
  adw_tab_view_select_previous_page (fixture->window->tab_view);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, TEDDY));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-back", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Longer Note.md"));
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

  widget = GTK_WIDGET (g_object_ref_sink (sheaf_tab_new (vault)));
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
  g_test_add ("/sheaf/window/progressive", Fixture, NULL,
              fixture_setup, test_progressive, fixture_teardown);
  g_test_add ("/sheaf/window/progressive-missing", Fixture, NULL,
              fixture_setup, test_progressive_missing, fixture_teardown);
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
  g_test_add ("/sheaf/window/link-new-tab", Fixture, NULL,
              fixture_setup, test_link_new_tab, fixture_teardown);
  g_test_add ("/sheaf/window/history", Fixture, NULL,
              fixture_setup, test_history, fixture_teardown);
  g_test_add ("/sheaf/window/close-tabs", Fixture, NULL,
              fixture_setup, test_close_tabs, fixture_teardown);
  g_test_add ("/sheaf/window/create-note", Fixture, NULL,
              fixture_setup, test_create_note, fixture_teardown);
  g_test_add ("/sheaf/window/renamed", Fixture, NULL,
              fixture_setup, test_renamed, fixture_teardown);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
