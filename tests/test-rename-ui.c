/* test-rename-ui.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renaming and moving notes from the window and the note list, on a
 * temporary copy of data/nav-vault, driven through actions, under Xvfb.
 *
 * With --show VAULT [rename|clash|invalid|move|move-list|menu|primary|done] [dark],
 * shows the window on a copy of nav-vault at VAULT with the dialog or the
 * note list's menu open, or after a rename, to look at.
 */

#include "config.h"

#include <string.h>

#include "sheaf-application.h"
#include "sheaf-rename-dialog.h"
#include "sheaf-sidebar-private.h"
#include "sheaf-test-util.h"
#include "sheaf-window-private.h"

#define PLAN "Work/Project Plan.md"

typedef struct
{
  char        *root;      /* a temporary copy of data/nav-vault */
  SheafWindow *window;
  gboolean     destroyed;
} Fixture;

static SheafApplication *app;

static SheafRenameDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SHEAF_IS_RENAME_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return SHEAF_RENAME_DIALOG (window);
    }

  return NULL;
}

static SheafRenameDialog *
open_dialog (Fixture    *fixture,
             const char *action,
             const char *path)
{
  SheafRenameDialog *dialog;

  g_assert_null (find_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, "s", path));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  return dialog;
}

/* As Enter in the name entry does: the default response's button, which
 * closes the dialog once it has shown itself pressed for a moment. (Enter on
 * the folder list opens the list: the focus is taken off it first.) */
static void
confirm (SheafRenameDialog *dialog)
{
  if (sheaf_rename_dialog_get_move (dialog))
    gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "default.activate", NULL));
  SHEAF_TEST_WAIT_FOR (find_dialog () == NULL);
}

static gboolean
toast_starts_with (Fixture    *fixture,
                   const char *prefix)
{
  return g_str_has_prefix (_sheaf_window_get_last_toast (fixture->window) ?: "", prefix);
}

static gboolean
window_ready (Fixture    *fixture,
              const char *note)
{
  SheafVault *vault = sheaf_window_get_vault (fixture->window);

  return vault != NULL && sheaf_vault_get_loaded (vault) &&
         g_strcmp0 (sheaf_window_get_note_path (fixture->window), note) == 0;
}

/* The path of the note list's selected row, or NULL */
static const char *
selected_path (Fixture *fixture)
{
  SheafSidebar *sidebar = sheaf_window_get_sidebar (fixture->window);
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (sidebar->selection);
  SheafNoteNode *node;

  if (row == NULL)
    return NULL;

  /* The tree holds the node: borrowing its path is safe. */
  node = gtk_tree_list_row_get_item (row);
  g_object_unref (node);

  return sheaf_note_node_get_path (node);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) root = NULL;

  fixture->root = sheaf_test_copy_fixture ("nav-vault");
  root = g_file_new_for_path (fixture->root);

  fixture->window = g_object_ref (sheaf_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));

  sheaf_window_open_vault (fixture->window, root, PLAN);
  SHEAF_TEST_WAIT_FOR (window_ready (fixture, PLAN));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *tmp = g_path_get_dirname (fixture->root);
  SheafRenameDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));

  /* Let workers in flight finish, then everything must go away. */
  sheaf_test_spin_for (300);
  if (!fixture->destroyed)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  sheaf_test_spin_for (300);
  g_assert_finalize_object (fixture->window);

  sheaf_test_remove_tree (tmp);
  g_free (fixture->root);
}

/* Tests ------------------------------------------------------------------- */

static void
test_finalizes (Fixture       *fixture,
                gconstpointer  data)
{
  SheafVault *vault = sheaf_window_get_vault (fixture->window);
  GtkWidget *dialog = sheaf_rename_dialog_new (NULL, vault, PLAN, FALSE);

  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);

  dialog = sheaf_rename_dialog_new (NULL, vault, PLAN, TRUE);
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
assert_refused (SheafRenameDialog *dialog,
                const char        *name,
                const char        *message)
{
  sheaf_rename_dialog_set_name (dialog, name);
  g_assert_cmpstr (sheaf_rename_dialog_get_message (dialog), ==, message);
  g_assert_null (sheaf_rename_dialog_get_new_path (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename"));
}

static void
assert_accepted (SheafRenameDialog *dialog,
                 const char        *name,
                 const char        *new_path)
{
  sheaf_rename_dialog_set_name (dialog, name);
  g_assert_null (sheaf_rename_dialog_get_message (dialog));
  g_assert_cmpstr (sheaf_rename_dialog_get_new_path (dialog), ==, new_path);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename"));
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  SheafRenameDialog *dialog = open_dialog (fixture, "win.rename-note", "");
  guint n_notified = 0;

  /* Prefilled with the note's name, selected, nothing to do yet. */
  g_assert_cmpstr (sheaf_rename_dialog_get_path (dialog), ==, PLAN);
  g_assert_null (sheaf_rename_dialog_get_message (dialog));
  g_assert_null (sheaf_rename_dialog_get_new_path (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename"));

  g_signal_connect (dialog, "notify::message", G_CALLBACK (count_cb), &n_notified);

  assert_refused (dialog, "", "The name cannot be empty");
  g_assert_cmpuint (n_notified, ==, 1);
  assert_refused (dialog, "   ", "The name cannot be empty");
  g_assert_cmpuint (n_notified, ==, 1);
  assert_refused (dialog, "a/b", "The name cannot contain “/”");
  assert_refused (dialog, "a\\b", "The name cannot contain “\\”");
  assert_refused (dialog, "what?", "The name cannot contain “?”");
  assert_refused (dialog, "x: y", "The name cannot contain “:”");
  assert_refused (dialog, "C# notes", "The name cannot contain “#”");
  assert_refused (dialog, ".hidden", "The name cannot start with a dot");
  assert_refused (dialog, "Sibling", "A note named “Sibling” already exists");
  /* Links compare names without case: the existing note's own spelling is shown. */
  assert_refused (dialog, "SIBLING", "A note named “Sibling” already exists");
  assert_refused (dialog, "sibling.md", "A note named “Sibling” already exists");

  /* A note of the same name in another folder is no clash; a change of
   * case alone is a rename; ".md" and spaces around are dropped. */
  assert_accepted (dialog, "Home", "Work/Home.md");
  assert_accepted (dialog, "project plan", "Work/project plan.md");
  assert_accepted (dialog, "  Plan 2025.md ", "Work/Plan 2025.md");
  assert_accepted (dialog, "Café ünïcode", "Work/Café ünïcode.md");

  /* Unchanged: nothing to do, and nothing wrong either. */
  sheaf_rename_dialog_set_name (dialog, "Project Plan");
  g_assert_null (sheaf_rename_dialog_get_message (dialog));
  g_assert_null (sheaf_rename_dialog_get_new_path (dialog));

  gtk_window_close (GTK_WINDOW (dialog));
  sheaf_test_spin_for (100);
  g_assert_null (find_dialog ());
  g_assert_true (sheaf_test_exists (fixture->root, PLAN));
}

static void
test_move_validation (Fixture       *fixture,
                      gconstpointer  data)
{
  SheafRenameDialog *dialog = open_dialog (fixture, "win.move-note", "Work/Sibling.md");

  /* Its own folder: nothing to do. */
  g_assert_null (sheaf_rename_dialog_get_new_path (dialog));
  g_assert_null (sheaf_rename_dialog_get_message (dialog));

  g_assert_true (sheaf_rename_dialog_set_folder (dialog, "Team"));
  g_assert_cmpstr (sheaf_rename_dialog_get_message (dialog), ==,
                   "“Team” already has a note named “Sibling”");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move"));

  g_assert_true (sheaf_rename_dialog_set_folder (dialog, "Notes"));
  g_assert_null (sheaf_rename_dialog_get_message (dialog));
  g_assert_cmpstr (sheaf_rename_dialog_get_new_path (dialog), ==, "Notes/Sibling.md");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move"));

  g_assert_true (sheaf_rename_dialog_set_folder (dialog, ""));
  g_assert_cmpstr (sheaf_rename_dialog_get_new_path (dialog), ==, "Sibling.md");

  /* Only folders that hold notes are offered. */
  g_assert_false (sheaf_rename_dialog_set_folder (dialog, "Nowhere"));
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *home = sheaf_test_read_text (fixture->root, "Home.md");
  g_autofree char *plan = sheaf_test_read_text (fixture->root, PLAN);
  g_autofree char *other = sheaf_test_read_text (fixture->root, "Notes/Other.md");
  g_autofree char *meeting = sheaf_test_read_text (fixture->root, "Meeting Notes.md");
  g_autofree char *sibling = sheaf_test_read_text (fixture->root, "Work/Sibling.md");
  g_autofree char *expect = NULL;
  g_autofree char *got = NULL;
  SheafRenameDialog *dialog;
  SheafVault *vault = sheaf_window_get_vault (fixture->window);

  /* F2's action: no path, the note shown. */
  dialog = open_dialog (fixture, "win.rename-note", "");
  sheaf_rename_dialog_set_name (dialog, "Plan 2025");
  confirm (dialog);

  SHEAF_TEST_WAIT_FOR (toast_starts_with (fixture, "Renamed"));
  g_assert_cmpstr (_sheaf_window_get_last_toast (fixture->window), ==,
                   "Renamed to “Plan 2025”: 10 links updated in 4 notes");

  g_assert_false (sheaf_test_exists (fixture->root, PLAN));
  g_assert_true (sheaf_test_exists (fixture->root, "Work/Plan 2025.md"));

  /* Every linking note changed at its links' bytes, and nowhere else. */
  expect = sheaf_test_replace_all (home,
                        "- [[Project Plan]]", "- [[Plan 2025]]",
                        "[[Project Plan#Goals|the goals]]", "[[Plan 2025#Goals|the goals]]",
                        "![[Project Plan]]", "![[Plan 2025]]",
                        "[plan](Work/Project%20Plan.md)", "[plan](Work/Plan%202025.md)",
                        "(./Work/Project%20Plan.md#Goals)", "(./Work/Plan%202025.md#Goals)",
                        "[[Project Plan\\|table]]", "[[Plan 2025\\|table]]",
                        NULL);
  got = sheaf_test_read_text (fixture->root, "Home.md");
  g_assert_cmpstr (got, ==, expect);
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&expect, g_free);

  expect = sheaf_test_replace_all (plan, "[[Project Plan#Goals|the goals]]", "[[Plan 2025#Goals|the goals]]",
                        NULL);
  got = sheaf_test_read_text (fixture->root, "Work/Plan 2025.md");
  g_assert_cmpstr (got, ==, expect);
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&expect, g_free);

  /* CRLF kept */
  expect = sheaf_test_replace_all (other,
                        "[[Work/Project Plan|PP]]", "[[Plan 2025|PP]]",
                        "[[project plan]]", "[[Plan 2025]]",
                        NULL);
  got = sheaf_test_read_text (fixture->root, "Notes/Other.md");
  g_assert_cmpstr (got, ==, expect);
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&expect, g_free);

  expect = sheaf_test_replace_all (meeting, "See [[Project Plan]]", "See [[Plan 2025]]", NULL);
  got = sheaf_test_read_text (fixture->root, "Meeting Notes.md");
  g_assert_cmpstr (got, ==, expect);
  g_clear_pointer (&got, g_free);

  got = sheaf_test_read_text (fixture->root, "Work/Sibling.md");
  g_assert_cmpstr (got, ==, sibling);

  /* The open note follows, and so does the note list, watcher and all. */
  SHEAF_TEST_WAIT_FOR (g_strcmp0 (sheaf_window_get_note_path (fixture->window),
                                  "Work/Plan 2025.md") == 0);
  g_assert_cmpstr (selected_path (fixture), ==, "Work/Plan 2025.md");
  sheaf_test_spin_for (1000);
  g_assert_cmpstr (sheaf_window_get_note_path (fixture->window), ==, "Work/Plan 2025.md");
  g_assert_cmpstr (selected_path (fixture), ==, "Work/Plan 2025.md");
  g_assert_null (sheaf_vault_get_note (vault, PLAN));
  g_assert_nonnull (sheaf_vault_get_note (vault, "Work/Plan 2025.md"));

  /* And it can go again at once. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (fixture->window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.rename-note", "s", ""));
  g_assert_nonnull (find_dialog ());
}

static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *home = sheaf_test_read_text (fixture->root, "Home.md");
  g_autofree char *meeting = sheaf_test_read_text (fixture->root, "Meeting Notes.md");
  g_autofree char *expect = NULL;
  g_autofree char *got = NULL;
  SheafRenameDialog *dialog;

  /* Bare links still reach a note moved to a folder of its own: none change. */
  dialog = open_dialog (fixture, "win.move-note", "Meeting Notes.md");
  g_assert_true (sheaf_rename_dialog_set_folder (dialog, "Notes"));
  confirm (dialog);

  SHEAF_TEST_WAIT_FOR (toast_starts_with (fixture, "Moved"));
  g_assert_cmpstr (_sheaf_window_get_last_toast (fixture->window), ==,
                   "Moved to “Notes”: no links to update");
  g_assert_false (sheaf_test_exists (fixture->root, "Meeting Notes.md"));
  got = sheaf_test_read_text (fixture->root, "Notes/Meeting Notes.md");
  g_assert_cmpstr (got, ==, meeting);
  g_clear_pointer (&got, g_free);
  got = sheaf_test_read_text (fixture->root, "Home.md");
  g_assert_cmpstr (got, ==, home);
  g_clear_pointer (&got, g_free);

  /* Path links follow: the shown note moves to the top of the vault. */
  dialog = open_dialog (fixture, "win.move-note", PLAN);
  g_assert_true (sheaf_rename_dialog_set_folder (dialog, ""));
  confirm (dialog);

  SHEAF_TEST_WAIT_FOR (toast_starts_with (fixture, "Moved to “nav-vault”"));
  g_assert_true (sheaf_test_exists (fixture->root, "Project Plan.md"));
  expect = sheaf_test_replace_all (home,
                        "[plan](Work/Project%20Plan.md)", "[plan](Project%20Plan.md)",
                        "(./Work/Project%20Plan.md#Goals)", "(./Project%20Plan.md#Goals)",
                        NULL);
  got = sheaf_test_read_text (fixture->root, "Home.md");
  g_assert_cmpstr (got, ==, expect);
  SHEAF_TEST_WAIT_FOR (g_strcmp0 (sheaf_window_get_note_path (fixture->window),
                                  "Project Plan.md") == 0);
  g_assert_cmpstr (selected_path (fixture), ==, "Project Plan.md");
}

/* A note of the name appeared on disk while the dialog was open. */
static void
test_clash_at_rename (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *got = NULL;
  SheafRenameDialog *dialog = open_dialog (fixture, "win.rename-note", PLAN);

  sheaf_rename_dialog_set_name (dialog, "Late Comer");
  g_assert_cmpstr (sheaf_rename_dialog_get_new_path (dialog), ==, "Work/Late Comer.md");
  sheaf_test_write (fixture->root, "Work/Late Comer.md", "Mine, not yours.\n");
  confirm (dialog);

  SHEAF_TEST_WAIT_FOR (toast_starts_with (fixture, "Not renamed"));
  g_assert_cmpstr (_sheaf_window_get_last_toast (fixture->window), ==,
                   "Not renamed: a note named “Late Comer” already exists");
  g_assert_true (sheaf_test_exists (fixture->root, PLAN));
  got = sheaf_test_read_text (fixture->root, "Work/Late Comer.md");
  g_assert_cmpstr (got, ==, "Mine, not yours.\n");
  g_assert_cmpstr (sheaf_window_get_note_path (fixture->window), ==, PLAN);
}

/* The note's title in the header bar asks for the shown note's new name. */
static void
test_title_button (Fixture       *fixture,
                   gconstpointer  data)
{
  SheafRenameDialog *dialog;

  g_assert_null (find_dialog ());
  g_signal_emit_by_name (fixture->window->title_button, "clicked");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (sheaf_rename_dialog_get_path (dialog), ==, sheaf_window_get_note_path (fixture->window));
  g_assert_false (sheaf_rename_dialog_get_move (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The window goes while the worker runs: the rename completes, quietly. */
static void
test_window_closed (Fixture       *fixture,
                    gconstpointer  data)
{
  SheafRenameDialog *dialog = open_dialog (fixture, "win.rename-note", "");
  g_autoptr(SheafVault) vault = g_object_ref (sheaf_window_get_vault (fixture->window));

  sheaf_rename_dialog_set_name (dialog, "Plan 2025");
  confirm (dialog);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->destroyed = TRUE;

  SHEAF_TEST_WAIT_FOR (sheaf_vault_get_note (vault, "Work/Plan 2025.md") != NULL);
  g_assert_false (sheaf_test_exists (fixture->root, PLAN));
}

/* The note list's context menu hands its row's note to the window. */
static void
test_context_menu (Fixture       *fixture,
                   gconstpointer  data)
{
  SheafSidebar *sidebar = sheaf_window_get_sidebar (fixture->window);
  SheafRenameDialog *dialog;

  g_assert_true (_sheaf_sidebar_show_note_menu (sidebar, "Home.md"));
  g_assert_true (gtk_widget_get_visible (sidebar->note_menu));
  g_assert_cmpstr (_sheaf_sidebar_get_menu_path (sidebar), ==, "Home.md");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.rename-note", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (sheaf_rename_dialog_get_path (dialog), ==, "Home.md");
  g_assert_false (sheaf_rename_dialog_get_move (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_popover_popdown (GTK_POPOVER (sidebar->note_menu));

  /* Folders have no menu; notes in a closed folder have no row. */
  g_assert_false (_sheaf_sidebar_show_note_menu (sidebar, "Notes"));
  g_assert_false (_sheaf_sidebar_show_note_menu (sidebar, "Notes/Other.md"));

  g_assert_true (_sheaf_sidebar_show_note_menu (sidebar, "Meeting Notes.md"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.move-note", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (sheaf_rename_dialog_get_path (dialog), ==, "Meeting Notes.md");
  g_assert_true (sheaf_rename_dialog_get_move (dialog));
}

/* --show ------------------------------------------------------------------ */

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkMenuButton *
find_primary_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_menu (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static int
show_main (const char *root_path,
           const char *what,
           gboolean    dark)
{
  g_autoptr(GFile) root = g_file_new_for_path (root_path);
  g_autoptr(GError) error = NULL;
  Fixture fixture = { (char *)root_path, NULL, FALSE };
  SheafRenameDialog *dialog;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  fixture.window = sheaf_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture.window));
  sheaf_window_open_vault (fixture.window, root, PLAN);
  SHEAF_TEST_WAIT_FOR (window_ready (&fixture, PLAN));
  sheaf_test_spin_for (500);

  if (g_strcmp0 (what, "menu") == 0)
    {
      SheafSidebar *sidebar = sheaf_window_get_sidebar (fixture.window);

      if (!_sheaf_sidebar_show_note_menu (sidebar, "Meeting Notes.md"))
        g_error ("No row for Meeting Notes.md");
    }
  else if (g_strcmp0 (what, "primary") == 0)
    {
      gtk_menu_button_popup (find_primary_menu (GTK_WIDGET (fixture.window)));
    }
  else if (g_strcmp0 (what, "move") == 0)
    {
      dialog = open_dialog (&fixture, "win.move-note", "Work/Sibling.md");
      sheaf_rename_dialog_set_folder (dialog, "Team");
    }
  else if (g_strcmp0 (what, "move-list") == 0)
    {
      dialog = open_dialog (&fixture, "win.move-note", "Work/Sibling.md");
      g_signal_emit_by_name (find_child (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN), "activate");
    }
  else if (g_strcmp0 (what, "done") == 0)
    {
      dialog = open_dialog (&fixture, "win.rename-note", "");
      sheaf_rename_dialog_set_name (dialog, "Plan 2025");
      confirm (dialog);
    }
  else
    {
      dialog = open_dialog (&fixture, "win.rename-note", "");
      if (g_strcmp0 (what, "clash") == 0)
        sheaf_rename_dialog_set_name (dialog, "sibling");
      else if (g_strcmp0 (what, "invalid") == 0)
        sheaf_rename_dialog_set_name (dialog, "Plan: 2025");
    }

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gboolean show = argc >= 3 && g_strcmp0 (argv[1], "--show") == 0;
  int ret;

  if (show)
    gtk_init ();
  else
    {
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      gtk_test_init (&argc, &argv, NULL);
    }

  app = sheaf_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  if (show)
    return show_main (argv[2], argc >= 4 ? argv[3] : "rename",
                      argc >= 5 && g_strcmp0 (argv[4], "dark") == 0);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sheaf/rename-ui/finalizes", test_finalizes);
  ADD ("/sheaf/rename-ui/validation", test_validation);
  ADD ("/sheaf/rename-ui/move-validation", test_move_validation);
  ADD ("/sheaf/rename-ui/rename", test_rename);
  ADD ("/sheaf/rename-ui/move", test_move);
  ADD ("/sheaf/rename-ui/clash-at-rename", test_clash_at_rename);
  ADD ("/sheaf/rename-ui/window-closed", test_window_closed);
  ADD ("/sheaf/rename-ui/title-button", test_title_button);
  ADD ("/sheaf/rename-ui/context-menu", test_context_menu);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
