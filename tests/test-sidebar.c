/* test-sidebar.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar's Tags page and how it narrows the note list, and the note
 * rows' context menu, on a temporary copy of data/sample-vault, driven
 * through its API and actions, under Xvfb.
 */

#include "config.h"

#include <string.h>

#include "sheaf-application.h"
#include "sheaf-editor-page.h"
#include "sheaf-note-node.h"
#include "sheaf-sidebar-private.h"
#include "sheaf-tag-item.h"
#include "sheaf-tag-view.h"
#include "sheaf-test-util.h"
#include "sheaf-window-private.h"



typedef struct
{
  char         *root;     /* a temporary copy of data/sample-vault */
  SheafVault   *vault;
  GtkWindow    *window;
  SheafSidebar *sidebar;
  guint         n_tags_changed;
} Fixture;

static SheafApplication *app;





static void
tags_changed_cb (SheafTagView *view,
                 Fixture      *fixture)
{
  fixture->n_tags_changed++;
}

static SheafTagView *
tag_view (Fixture *fixture)
{
  return sheaf_sidebar_get_tag_view (fixture->sidebar);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) root = NULL;

  fixture->root = sheaf_test_copy_sample_vault ();
  root = g_file_new_for_path (fixture->root);
  fixture->vault = sheaf_vault_new (root);
  sheaf_vault_load (fixture->vault, NULL, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 300, 700);
  fixture->sidebar = g_object_new (SHEAF_TYPE_SIDEBAR, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->sidebar));
  sheaf_sidebar_set_vault (fixture->sidebar, fixture->vault);
  g_signal_connect (tag_view (fixture), "tags-changed", G_CALLBACK (tags_changed_cb), fixture);
  gtk_window_present (fixture->window);
  sheaf_test_spin_for (50);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *tmp = g_path_get_dirname (fixture->root);

  gtk_window_destroy (fixture->window);
  sheaf_test_spin_for (50);
  g_assert_finalize_object (fixture->vault);

  sheaf_test_remove_tree (tmp);
  g_free (fixture->root);
}

/* The tag rows shown, as "depth name count" lines. */
static char *
tag_rows (Fixture *fixture)
{
  GListModel *model = sheaf_tag_view_get_model (tag_view (fixture));
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(SheafTagItem) item = gtk_tree_list_row_get_item (row);

      g_string_append_printf (out, "%u %s %u\n", gtk_tree_list_row_get_depth (row),
                              sheaf_tag_item_get_name (item), sheaf_tag_item_get_count (item));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The tag rows shown as selected, as their paths joined by spaces. */
static char *
selected_rows (Fixture *fixture)
{
  GListModel *model = sheaf_tag_view_get_model (tag_view (fixture));
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(SheafTagItem) item = gtk_tree_list_row_get_item (row);

      if (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (model), i))
        g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "",
                                sheaf_tag_item_get_path (item));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
selected_tags (Fixture *fixture)
{
  g_auto(GStrv) tags = sheaf_tag_view_dup_selected_tags (tag_view (fixture));

  return g_strjoinv (" ", tags);
}

/* The notes the note list shows, sorted, one path per line. */
static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

static char *
shown_notes (Fixture *fixture)
{
  GListModel *model = sheaf_sidebar_get_model (fixture->sidebar);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(SheafNoteNode) node = gtk_tree_list_row_get_item (row);

      /* Folders the filter lets through: open them to see their notes. */
      if (sheaf_note_node_is_folder (node))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else
        g_ptr_array_add (paths, (gpointer)sheaf_note_node_get_path (node));
    }

  g_ptr_array_sort (paths, compare_paths);
  for (guint i = 0; i < paths->len; i++)
    g_string_append_printf (out, "%s\n", (char *)g_ptr_array_index (paths, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static guint
n_shown_notes (Fixture *fixture)
{
  g_autofree char *notes = shown_notes (fixture);
  guint n = 0;

  for (const char *p = notes; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

/* Finds a shown tag row by its path. */
static int
tag_position (Fixture    *fixture,
              const char *path)
{
  GListModel *model = sheaf_tag_view_get_model (tag_view (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(SheafTagItem) item = gtk_tree_list_row_get_item (row);

      if (g_str_equal (sheaf_tag_item_get_path (item), path))
        return i;
    }

  return -1;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The "filtered by" bar's description, or NULL while it is hidden. */
static const char *
tag_bar_text (Fixture *fixture)
{
  GtkWidget *revealer = find_descendant (GTK_WIDGET (fixture->sidebar), GTK_TYPE_REVEALER);
  GtkWidget *label;

  g_assert_nonnull (revealer);
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    return NULL;

  /* The bar's tooltip says all of it, both labels may be ellipsized. */
  label = gtk_revealer_get_child (GTK_REVEALER (revealer));
  g_assert_nonnull (label);

  return gtk_widget_get_tooltip_text (label);
}

#define ALL_NOTES \
  "Baking in a Home Oven.md\n" \
  "Channels/bake-show-and-tell.md\n" \
  "Channels/oven-talk.md\n" \
  "Channels/starter-help.md\n" \
  "Feeding Ratio Cheat Sheet.md\n" \
  "How This Knowledge Base Works.md\n" \
  "Hydration and Flour Choice.md\n" \
  "People/Ines Lindqvist.md\n" \
  "People/Marisol Vega.md\n" \
  "People/Teddy Okafor.md\n" \
  "Rye and Whole Grain Baking.md\n" \
  "Shaping and Scoring.md\n" \
  "Sourdough Starter Care.md\n" \
  "Troubleshooting Dense Crumb.md\n" \
  "Welcome to Sheaf.md\n"

static void
test_tree (Fixture       *fixture,
           gconstpointer  data)
{
  GListModel *model = sheaf_tag_view_get_model (tag_view (fixture));
  g_autofree char *rows = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *dump = tag_rows (fixture);

  g_test_message ("%s", dump);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 3);

  /* Top level: no nesting shown yet, sorted by name, each counted as the
   * notes carrying it or a descendant. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(SheafTagItem) item = gtk_tree_list_row_get_item (row);
      g_autofree char *key = g_utf8_collate_key (sheaf_tag_item_get_name (item), -1);
      g_autoptr(GPtrArray) notes = sheaf_vault_dup_notes_with_tag (fixture->vault,
                                                                   sheaf_tag_item_get_path (item));

      g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 0);
      g_assert_null (strchr (sheaf_tag_item_get_path (item), '/'));
      g_assert_cmpuint (sheaf_tag_item_get_count (item), ==, notes->len);
      if (previous != NULL)
        g_assert_cmpstr (previous, <, key);
      g_free (previous);
      previous = g_steal_pointer (&key);
    }

  /* "type" is a parent: its count is the notes of all its children. */
  g_assert_cmpint (tag_position (fixture, "type"), >=, 0);
  g_assert_cmpint (tag_position (fixture, "type/person"), <, 0);
  g_assert_true (sheaf_tag_view_select_tag (tag_view (fixture), "type/person", FALSE));
  g_clear_pointer (&rows, g_free);
  rows = tag_rows (fixture);
  g_test_message ("%s", rows);
  g_assert_nonnull (strstr (rows, "0 type 15\n"
                                  "1 channel 3\n"
                                  "1 guide 2\n"
                                  "1 person 3\n"));
  g_assert_nonnull (strstr (rows, "0 domain 14\n"));
  g_assert_nonnull (strstr (rows, "0 culture 2\n"));
  g_assert_cmpint (tag_position (fixture, "culture/show-and-tell"), <, 0);
}

static void
test_filter_field (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *rows = NULL;
  g_autofree char *all = tag_rows (fixture);

  /* A child matches: its parents stay to lead to it. */
  sheaf_tag_view_set_search (tag_view (fixture), "Moderat");
  rows = tag_rows (fixture);
  g_assert_cmpstr (rows, ==, "0 role 3\n1 moderator 2\n");
  g_clear_pointer (&rows, g_free);

  sheaf_tag_view_set_search (tag_view (fixture), "#type/gui");
  rows = tag_rows (fixture);
  g_assert_cmpstr (rows, ==, "0 type 15\n1 guide 2\n");
  g_clear_pointer (&rows, g_free);

  sheaf_tag_view_set_search (tag_view (fixture), "no such tag");
  g_assert_cmpuint (g_list_model_get_n_items (sheaf_tag_view_get_model (tag_view (fixture))), ==, 0);

  /* The filter field narrows the tree, never the note list. */
  g_assert_cmpuint (n_shown_notes (fixture), ==, 15);

  sheaf_tag_view_set_search (tag_view (fixture), "");
  rows = tag_rows (fixture);
  g_assert_cmpstr (rows, ==, all);
}

static void
test_single_tag (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *notes = shown_notes (fixture);
  g_autofree char *tags = NULL;
  g_autofree char *selected = NULL;

  g_assert_cmpstr (notes, ==, ALL_NOTES);
  g_assert_null (tag_bar_text (fixture));
  g_assert_cmpstr (sheaf_sidebar_get_view (fixture->sidebar), ==, "notes");

  /* In any casing, with or without '#'. */
  g_assert_true (sheaf_sidebar_show_tag (fixture->sidebar, "#Type/Channel"));
  g_assert_cmpstr (sheaf_sidebar_get_view (fixture->sidebar), ==, "tags");
  tags = selected_tags (fixture);
  g_assert_cmpstr (tags, ==, "type/channel");
  selected = selected_rows (fixture);
  g_assert_cmpstr (selected, ==, "type/channel");
  g_clear_pointer (&notes, g_free);
  notes = shown_notes (fixture);
  g_assert_cmpstr (notes, ==,
                   "Channels/bake-show-and-tell.md\n"
                   "Channels/oven-talk.md\n"
                   "Channels/starter-help.md\n");
  g_assert_cmpstr (tag_bar_text (fixture), ==, "Notes tagged #type/channel: 3 notes");

  /* A parent counts its descendants. */
  g_assert_true (sheaf_sidebar_show_tag (fixture->sidebar, "role"));
  g_clear_pointer (&notes, g_free);
  notes = shown_notes (fixture);
  g_assert_cmpstr (notes, ==,
                   "People/Ines Lindqvist.md\n"
                   "People/Marisol Vega.md\n"
                   "People/Teddy Okafor.md\n");

  g_assert_false (sheaf_sidebar_show_tag (fixture->sidebar, "no-such-tag"));
}

static void
test_multi_tag (Fixture       *fixture,
                gconstpointer  data)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (sheaf_tag_view_get_model (tag_view (fixture)));
  g_autofree char *notes = NULL;
  g_autofree char *tags = NULL;
  int position;

  g_assert_true (sheaf_sidebar_show_tag (fixture->sidebar, "channel/bake-show-and-tell"));
  notes = shown_notes (fixture);
  g_assert_cmpstr (notes, ==,
                   "Channels/bake-show-and-tell.md\n"
                   "Hydration and Flour Choice.md\n"
                   "People/Ines Lindqvist.md\n"
                   "People/Teddy Okafor.md\n"
                   "Rye and Whole Grain Baking.md\n"
                   "Shaping and Scoring.md\n"
                   "Troubleshooting Dense Crumb.md\n");

  /* Ctrl+click on "role": the selection model adds the row, as the list
   * view does; the notes are those carrying both tags. */
  position = tag_position (fixture, "role");
  g_assert_cmpint (position, >=, 0);
  gtk_selection_model_select_item (model, position, FALSE);
  tags = selected_tags (fixture);
  g_assert_cmpstr (tags, ==, "channel/bake-show-and-tell role");
  g_clear_pointer (&notes, g_free);
  notes = shown_notes (fixture);
  g_assert_cmpstr (notes, ==,
                   "People/Ines Lindqvist.md\n"
                   "People/Teddy Okafor.md\n");
  g_assert_cmpstr (tag_bar_text (fixture), ==, "Notes tagged #channel/bake-show-and-tell + #role: 2 notes");

  /* A third tag through the API: nothing has all three. */
  g_assert_true (sheaf_tag_view_select_tag (tag_view (fixture), "type/channel", TRUE));
  g_assert_cmpuint (n_shown_notes (fixture), ==, 0);

  /* Ctrl+click again takes "role" away. */
  gtk_selection_model_unselect_item (model, tag_position (fixture, "role"));
  g_clear_pointer (&tags, g_free);
  tags = selected_tags (fixture);
  g_assert_cmpstr (tags, ==, "channel/bake-show-and-tell type/channel");
  g_clear_pointer (&notes, g_free);
  notes = shown_notes (fixture);
  g_assert_cmpstr (notes, ==, "Channels/bake-show-and-tell.md\n");

  /* A plain click selects one tag only. */
  gtk_selection_model_select_item (model, tag_position (fixture, "role"), TRUE);
  g_clear_pointer (&tags, g_free);
  tags = selected_tags (fixture);
  g_assert_cmpstr (tags, ==, "role");
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *notes = NULL;
  g_autofree char *selected = NULL;

  g_assert_true (sheaf_sidebar_show_tag (fixture->sidebar, "type/person"));
  g_assert_true (sheaf_tag_view_select_tag (tag_view (fixture), "role/expert", TRUE));
  g_assert_cmpuint (n_shown_notes (fixture), ==, 1);
  g_assert_nonnull (tag_bar_text (fixture));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.clear-tags", NULL));
  notes = shown_notes (fixture);
  g_assert_cmpstr (notes, ==, ALL_NOTES);
  g_assert_null (tag_bar_text (fixture));
  selected = selected_rows (fixture);
  g_assert_cmpstr (selected, ==, "");

  /* The action that shows a tag, as a menu item would use it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.show-tag",
                                             "s", "role/expert"));
  g_assert_cmpuint (n_shown_notes (fixture), ==, 1);
}

static void
test_with_note_filter (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkSearchEntry *entry = GTK_SEARCH_ENTRY (find_descendant (GTK_WIDGET (fixture->sidebar),
                                                             GTK_TYPE_SEARCH_ENTRY));
  g_autofree char *notes = NULL;

  g_assert_true (sheaf_sidebar_show_tag (fixture->sidebar, "type/topic"));
  g_assert_cmpuint (n_shown_notes (fixture), ==, 6);

  /* The note filter (the first search entry) and the tags, together. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ing");
  g_signal_emit_by_name (entry, "search-changed");
  notes = shown_notes (fixture);
  g_assert_cmpstr (notes, ==,
                   "Baking in a Home Oven.md\n"
                   "Rye and Whole Grain Baking.md\n"
                   "Shaping and Scoring.md\n"
                   "Troubleshooting Dense Crumb.md\n");

  /* Clearing the tags leaves the note filter on. */
  sheaf_sidebar_clear_tags (fixture->sidebar);
  g_clear_pointer (&notes, g_free);
  notes = shown_notes (fixture);
  g_assert_nonnull (strstr (notes, "Feeding Ratio Cheat Sheet.md\n"));
  g_assert_null (strstr (notes, "Welcome to Sheaf.md\n"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  g_clear_pointer (&notes, g_free);
  notes = shown_notes (fixture);
  g_assert_cmpstr (notes, ==, ALL_NOTES);
}

static void
rewrite_note (Fixture    *fixture,
              const char *path,
              const char *from,
              const char *to)
{
  g_autoptr(GBytes) bytes = sheaf_test_read (fixture->root, path);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) parts = g_strsplit (text, from, 2);
  g_autofree char *changed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  changed = g_strjoinv (to, parts);
  sheaf_test_write (fixture->root, path, changed);
  sheaf_vault_update_path (fixture->vault, path, &error);
  g_assert_no_error (error);
}

static void
test_live_update (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *rows = NULL;
  g_autofree char *tags = NULL;
  guint n_before;

  g_assert_true (sheaf_sidebar_show_tag (fixture->sidebar, "role/expert"));
  g_assert_cmpuint (n_shown_notes (fixture), ==, 1);
  g_assert_cmpint (tag_position (fixture, "role/moderator"), >=, 0);

  /* A note gains the selected tag on disk, and a new tag besides; two
   * changes in a burst rebuild the tree once. */
  n_before = fixture->n_tags_changed;
  rewrite_note (fixture, "Welcome to Sheaf.md", "  - type/guide\n",
                "  - type/guide\n  - role/expert\n");
  rewrite_note (fixture, "Feeding Ratio Cheat Sheet.md", "\n#", "\n#fresh/leaf #");
  g_assert_true (sheaf_tag_view_get_rebuild_pending (tag_view (fixture)));
  SHEAF_TEST_WAIT_FOR (!sheaf_tag_view_get_rebuild_pending (tag_view (fixture)));
  g_assert_cmpuint (fixture->n_tags_changed, ==, n_before + 1);

  g_assert_cmpuint (n_shown_notes (fixture), ==, 2);
  g_assert_cmpstr (tag_bar_text (fixture), ==, "Notes tagged #role/expert: 2 notes");
  rows = tag_rows (fixture);
  g_assert_nonnull (strstr (rows, "0 fresh 1\n"));
  g_assert_nonnull (strstr (rows, "0 role 4\n"));
  g_assert_nonnull (strstr (rows, "1 expert 2\n"));
  /* Rows the user opened stay open, the selection stays shown. */
  g_assert_cmpint (tag_position (fixture, "role/moderator"), >=, 0);
  tags = selected_rows (fixture);
  g_assert_cmpstr (tags, ==, "role/expert");

  /* It loses the tag again. */
  rewrite_note (fixture, "Welcome to Sheaf.md", "  - role/expert\n", "");
  SHEAF_TEST_WAIT_FOR (!sheaf_tag_view_get_rebuild_pending (tag_view (fixture)));
  g_assert_cmpuint (n_shown_notes (fixture), ==, 1);

  /* The last note with the selected tag loses it: the tag goes, and so
   * does the filter. */
  rewrite_note (fixture, "People/Ines Lindqvist.md", "  - role/expert\n", "");
  SHEAF_TEST_WAIT_FOR (!sheaf_tag_view_get_rebuild_pending (tag_view (fixture)));
  g_assert_cmpint (tag_position (fixture, "role/expert"), <, 0);
  g_clear_pointer (&tags, g_free);
  tags = selected_tags (fixture);
  g_assert_cmpstr (tags, ==, "");
  g_assert_null (tag_bar_text (fixture));
  g_assert_cmpuint (n_shown_notes (fixture), ==, 15);
}

static void
test_tag_activated (void)
{
  g_autofree char *root_path = sheaf_test_copy_sample_vault ();
  g_autofree char *tmp = g_path_get_dirname (root_path);
  g_autoptr(GFile) root = g_file_new_for_path (root_path);
  SheafWindow *window = sheaf_window_new (GTK_APPLICATION (app));
  SheafSidebar *sidebar = sheaf_window_get_sidebar (window);
  SheafPreview *preview = sheaf_editor_page_get_preview (sheaf_window_get_editor_page (window));
  g_auto(GStrv) tags = NULL;

  gtk_window_present (GTK_WINDOW (window));
  sheaf_window_open_vault (window, root, "Welcome to Sheaf.md");
  /* The list shows before the vault is indexed; its tags need the index. */
  SHEAF_TEST_WAIT_FOR (sheaf_vault_get_loaded (sheaf_window_get_vault (window)));
  SHEAF_TEST_WAIT_FOR (g_list_model_get_n_items (sheaf_sidebar_get_model (sidebar)) > 0);
  g_assert_cmpstr (sheaf_sidebar_get_view (sidebar), ==, "notes");

  /* A click on a tag chip in the preview. */
  g_signal_emit_by_name (preview, "tag-activated", "sheaf/sample");
  g_assert_cmpstr (sheaf_sidebar_get_view (sidebar), ==, "tags");
  tags = sheaf_tag_view_dup_selected_tags (sheaf_sidebar_get_tag_view (sidebar));
  g_assert_cmpstr (tags[0], ==, "sheaf/sample");
  g_assert_null (tags[1]);
  g_assert_cmpuint (g_list_model_get_n_items (sheaf_sidebar_get_model (sidebar)), ==, 1);

  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  sheaf_test_spin_for (300);
  sheaf_test_remove_tree (tmp);
}

static void
note_action_cb (GSimpleAction *action,
                GVariant      *param,
                char         **out)
{
  g_free (*out);
  *out = g_variant_dup_string (param, NULL);
}

static GSimpleAction *
add_note_action (GSimpleActionGroup  *group,
                 const char          *name,
                 char               **out)
{
  GSimpleAction *action = g_simple_action_new (name, G_VARIANT_TYPE_STRING);

  g_signal_connect (action, "activate", G_CALLBACK (note_action_cb), out);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));

  return action;
}

/* The rows' context menu hands its note to win.rename-note and
 * win.move-note, whoever provides them. */
static void
test_note_menu (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) rename = NULL;
  g_autoptr(GSimpleAction) move = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *moved = NULL;
  GtkWidget *sidebar = GTK_WIDGET (fixture->sidebar);
  const char *note = "Welcome to Sheaf.md";

  rename = add_note_action (group, "rename-note", &renamed);
  move = add_note_action (group, "move-note", &moved);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win", G_ACTION_GROUP (group));

  /* No menu opened yet: nothing to hand on. */
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.rename-note", NULL));
  g_assert_null (renamed);

  g_assert_true (_sheaf_sidebar_show_note_menu (fixture->sidebar, note));
  g_assert_true (gtk_widget_get_visible (fixture->sidebar->note_menu));
  g_assert_cmpstr (_sheaf_sidebar_get_menu_path (fixture->sidebar), ==, note);

  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.rename-note", NULL));
  g_assert_cmpstr (renamed, ==, note);
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.move-note", NULL));
  g_assert_cmpstr (moved, ==, note);
  gtk_popover_popdown (GTK_POPOVER (fixture->sidebar->note_menu));

  /* Folders have no menu; notes in closed folders have no row to open it on. */
  g_assert_false (_sheaf_sidebar_show_note_menu (fixture->sidebar, "People"));
  g_assert_false (_sheaf_sidebar_show_note_menu (fixture->sidebar, "People/Teddy Okafor.md"));
  g_assert_cmpstr (_sheaf_sidebar_get_menu_path (fixture->sidebar), ==, note);

  /* The popover is the sidebar's child: it goes when the sidebar does. */
  g_assert_true (gtk_widget_get_parent (fixture->sidebar->note_menu) == sidebar);
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

  g_test_add ("/sheaf/sidebar/tree", Fixture, NULL, fixture_setup, test_tree, fixture_teardown);
  g_test_add ("/sheaf/sidebar/filter-field", Fixture, NULL,
              fixture_setup, test_filter_field, fixture_teardown);
  g_test_add ("/sheaf/sidebar/single-tag", Fixture, NULL,
              fixture_setup, test_single_tag, fixture_teardown);
  g_test_add ("/sheaf/sidebar/multi-tag", Fixture, NULL,
              fixture_setup, test_multi_tag, fixture_teardown);
  g_test_add ("/sheaf/sidebar/clear", Fixture, NULL, fixture_setup, test_clear, fixture_teardown);
  g_test_add ("/sheaf/sidebar/with-note-filter", Fixture, NULL,
              fixture_setup, test_with_note_filter, fixture_teardown);
  g_test_add ("/sheaf/sidebar/live-update", Fixture, NULL,
              fixture_setup, test_live_update, fixture_teardown);
  g_test_add_func ("/sheaf/sidebar/tag-activated", test_tag_activated);
  g_test_add ("/sheaf/sidebar/note-menu", Fixture, NULL,
              fixture_setup, test_note_menu, fixture_teardown);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
