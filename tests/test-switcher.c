/* test-switcher.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quick switcher (Ctrl+O) and full-text search (Ctrl+Shift+F), in the
 * main window on a temporary copy of data/sample-vault, driven through their
 * actions, under Xvfb.
 *
 * SHEAF_TEST_SHOW="switcher:<query>" or "search:<query>" (and SHEAF_TEST_DARK=1)
 * runs only /sheaf/switcher/show, which opens one of them and waits a few
 * seconds, to look at it (xvfb-run + import -window root).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sheaf-application.h"
#include "sheaf-search.h"
#include "sheaf-test-util.h"
#include "sheaf-window-private.h"



typedef struct
{
  char        *root;
  SheafWindow *window;
} Fixture;

static SheafApplication *app;




static SheafDocument *
document (Fixture *fixture)
{
  return sheaf_editor_page_get_document (fixture->window->page);
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
open_vault (Fixture *fixture)
{
  g_autoptr(GFile) root = g_file_new_for_path (fixture->root);

  sheaf_window_open_vault (fixture->window, root, NULL);
  SHEAF_TEST_WAIT_FOR (g_strcmp0 (gtk_stack_get_visible_child_name (fixture->window->stack), "vault") == 0);
  SHEAF_TEST_WAIT_FOR (fixture->window->fuzzy_index != NULL);
}

static void
open_note (Fixture    *fixture,
           const char *path)
{
  sheaf_window_open_note (fixture->window, path, NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, path));
}

static SheafSwitcher *
open_switcher (Fixture    *fixture,
               const char *query)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.quick-open", NULL);
  g_assert_nonnull (fixture->window->switcher);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window->switcher)));
  sheaf_switcher_set_query (fixture->window->switcher, query);

  return fixture->window->switcher;
}

static void
close_switcher (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window->switcher), "window.close", NULL);
  SHEAF_TEST_WAIT_FOR (fixture->window->switcher == NULL);
}

static SheafFuzzyMatch *
result (SheafSwitcher *switcher,
        guint          i)
{
  GPtrArray *results = sheaf_switcher_get_results (switcher);

  g_assert_cmpuint (i, <, results->len);
  return g_ptr_array_index (results, i);
}

static void
append_labels (GtkWidget *widget,
               GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s|", gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_labels (child, text);
}

/* The text of every label in the row at @i, joined by "|", markup included. */
static char *
row_text (SheafSwitcher *switcher,
          guint          i)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (sheaf_switcher_get_list (switcher), i);
  GString *text = g_string_new (NULL);

  g_assert_nonnull (row);
  append_labels (GTK_WIDGET (row), text);

  return g_string_free (text, FALSE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->root = sheaf_test_copy_sample_vault ();

  fixture->window = g_object_ref (sheaf_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *tmp = g_path_get_dirname (fixture->root);
  SheafDocument *doc = document (fixture);

  SHEAF_TEST_WAIT_FOR (!sheaf_document_get_saving (doc) && !sheaf_document_get_loading (doc));
  SHEAF_TEST_WAIT_FOR (!sheaf_search_panel_get_busy (fixture->window->search_panel));
  fixture->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  sheaf_test_spin_for (300);
  g_assert_finalize_object (fixture->window);

  sheaf_test_remove_tree (tmp);
  g_free (fixture->root);
}

/* Tests ------------------------------------------------------------------- */

static void
test_finalizes (void)
{
  GtkWidget *widget = g_object_ref_sink (g_object_new (SHEAF_TYPE_SEARCH_PANEL, NULL));

  g_assert_finalize_object (widget);
}

static void
test_ranking (Fixture       *fixture,
              gconstpointer  data)
{
  SheafSwitcher *switcher;
  GPtrArray *results;
  g_autofree char *text = NULL;

  open_vault (fixture);
  switcher = open_switcher (fixture, "shaping");
  results = sheaf_switcher_get_results (switcher);

  /* Exact and prefix matches first; the list shows what was ranked. */
  g_assert_cmpuint (results->len, >, 0);
  g_assert_cmpstr (result (switcher, 0)->path, ==, "Shaping and Scoring.md");
  g_assert_cmpint (result (switcher, 0)->kind, <=, SHEAF_FUZZY_PREFIX);
  g_assert_cmpint (sheaf_switcher_get_selected (switcher), ==, 0);
  g_assert_nonnull (gtk_list_box_get_row_at_index (sheaf_switcher_get_list (switcher),
                                                   results->len - 1));
  g_assert_null (gtk_list_box_get_row_at_index (sheaf_switcher_get_list (switcher),
                                                results->len));
  for (guint i = 1; i < results->len; i++)
    g_assert_cmpint (result (switcher, i - 1)->kind, <=, result (switcher, i)->kind);

  /* Matched characters in bold, markup escaped. */
  text = row_text (switcher, 0);
  g_assert_nonnull (strstr (text, "<b>"));

  /* A word start in the middle of a title. */
  sheaf_switcher_set_query (switcher, "dense crumb");
  g_assert_cmpstr (result (switcher, 0)->path, ==, "Troubleshooting Dense Crumb.md");

  /* A path: the folder. */
  sheaf_switcher_set_query (switcher, "people/teddy");
  g_assert_cmpstr (result (switcher, 0)->path, ==, "People/Teddy Okafor.md");

  /* Up and Down move the selection, within bounds. */
  sheaf_switcher_set_query (switcher, "");
  g_assert_cmpuint (sheaf_switcher_get_results (switcher)->len, ==, 15);
  gtk_widget_activate_action (GTK_WIDGET (switcher), "switcher.move", "i", 1);
  gtk_widget_activate_action (GTK_WIDGET (switcher), "switcher.move", "i", 1);
  g_assert_cmpint (sheaf_switcher_get_selected (switcher), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (switcher), "switcher.move", "i", -5);
  g_assert_cmpint (sheaf_switcher_get_selected (switcher), ==, 0);

  close_switcher (fixture);
}

static void
test_alias (Fixture       *fixture,
            gconstpointer  data)
{
  SheafSwitcher *switcher;
  g_autofree char *text = NULL;

  open_vault (fixture);
  switcher = open_switcher (fixture, "levain");

  g_assert_cmpstr (result (switcher, 0)->path, ==, "Sourdough Starter Care.md");
  g_assert_cmpint (result (switcher, 0)->field, ==, SHEAF_FUZZY_FIELD_ALIAS);

  /* The row names the note by its title and says which alias matched. */
  text = row_text (switcher, 0);
  g_assert_nonnull (strstr (text, "Sourdough Starter Care|"));
  g_assert_nonnull (strstr (text, "alias: <b>Levain</b>"));

  close_switcher (fixture);
}

static void
test_recent (Fixture       *fixture,
             gconstpointer  data)
{
  SheafSwitcher *switcher;
  GPtrArray *results;
  g_autofree char *target = NULL;
  guint before = 0;
  guint after = G_MAXUINT;

  open_vault (fixture);

  /* Among notes matched alike, pick the lowest-ranked one. */
  switcher = open_switcher (fixture, "a");
  results = sheaf_switcher_get_results (switcher);
  g_assert_cmpuint (results->len, >, 2);
  for (guint i = 0; i < results->len; i++)
    if (result (switcher, i)->kind == result (switcher, 0)->kind)
      before = i;
  g_assert_cmpuint (before, >, 0);
  target = g_strdup (result (switcher, before)->path);
  close_switcher (fixture);

  open_note (fixture, "People/Teddy Okafor.md");
  open_note (fixture, target);

  /* Nothing typed: the recent notes, most recent first. */
  switcher = open_switcher (fixture, "");
  g_assert_cmpstr (result (switcher, 0)->path, ==, target);
  g_assert_true (result (switcher, 0)->recent);
  g_assert_cmpstr (result (switcher, 1)->path, ==, "People/Teddy Okafor.md");
  g_assert_true (result (switcher, 1)->recent);
  g_assert_false (result (switcher, 2)->recent);

  /* Typed: the recent note rises among its equals. */
  sheaf_switcher_set_query (switcher, "a");
  results = sheaf_switcher_get_results (switcher);
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (result (switcher, i)->path, target))
      after = i;
  g_assert_cmpuint (after, <, before);
  g_assert_true (result (switcher, after)->recent);

  close_switcher (fixture);
}

static void
test_enter_opens (Fixture       *fixture,
                  gconstpointer  data)
{
  SheafSwitcher *switcher;
  g_autofree char *second = NULL;

  open_vault (fixture);

  switcher = open_switcher (fixture, "levain");
  gtk_widget_activate_action (GTK_WIDGET (switcher), "switcher.activate", NULL);
  SHEAF_TEST_WAIT_FOR (fixture->window->switcher == NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Sourdough Starter Care.md"));

  /* Down, then Enter: the second match. */
  switcher = open_switcher (fixture, "oven");
  g_assert_cmpuint (sheaf_switcher_get_results (switcher)->len, >, 1);
  second = g_strdup (result (switcher, 1)->path);
  gtk_widget_activate_action (GTK_WIDGET (switcher), "switcher.move", "i", 1);
  gtk_widget_activate_action (GTK_WIDGET (switcher), "switcher.activate", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, second));
}

static void
test_enter_creates (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->root, "Zyzzyva Qwk.md", NULL);
  SheafSwitcher *switcher;

  open_vault (fixture);

  switcher = open_switcher (fixture, "Zyzzyva Qwk");
  g_assert_cmpuint (sheaf_switcher_get_results (switcher)->len, ==, 0);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  gtk_widget_activate_action (GTK_WIDGET (switcher), "switcher.activate", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Zyzzyva Qwk.md"));
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  g_assert_null (fixture->window->switcher);

  /* The index follows: the new note is found next time. */
  SHEAF_TEST_WAIT_FOR (fixture->window->fuzzy_index != NULL &&
            sheaf_fuzzy_index_get_n_notes (fixture->window->fuzzy_index) == 16);
  switcher = open_switcher (fixture, "zyzz");
  g_assert_cmpstr (result (switcher, 0)->path, ==, "Zyzzyva Qwk.md");
  close_switcher (fixture);
}

static gboolean
lines_contain (SheafSearchResult *res,
               const char        *word)
{
  for (guint i = 0; i < res->n_lines; i++)
    {
      g_autofree char *folded = g_utf8_casefold (res->lines[i].text, -1);

      if (strstr (folded, word) == NULL)
        return FALSE;
    }

  return res->n_lines > 0;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  SheafSearchPanel *panel = fixture->window->search_panel;
  GPtrArray *results = sheaf_search_panel_get_results (panel);
  GtkListBox *list = sheaf_search_panel_get_list (panel);
  g_autofree char *first_path = NULL;
  guint first_line = 0;
  guint n_first;
  GtkListBoxRow *row;
  GtkTextIter cursor;
  GtkTextBuffer *buffer;

  open_vault (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->window->sidebar_stack), ==, "search");

  sheaf_search_panel_set_query (panel, "levain");
  g_assert_true (sheaf_search_panel_get_busy (panel));
  SHEAF_TEST_WAIT_FOR (!sheaf_search_panel_get_busy (panel));
  g_assert_cmpuint (results->len, >, 0);
  for (guint i = 0; i < results->len; i++)
    g_assert_true (lines_contain (g_ptr_array_index (results, i), "levain"));
  n_first = results->len;

  /* Another query replaces the results; one typed meanwhile cancels the first. */
  sheaf_search_panel_set_query (panel, "levain");
  sheaf_search_panel_set_query (panel, "hydration");
  SHEAF_TEST_WAIT_FOR (!sheaf_search_panel_get_busy (panel));
  g_assert_cmpuint (results->len, >, 0);
  for (guint i = 0; i < results->len; i++)
    g_assert_true (lines_contain (g_ptr_array_index (results, i), "hydration"));
  g_assert_true (results->len != n_first ||
                 !lines_contain (g_ptr_array_index (results, 0), "levain"));

  /* Nothing found. */
  sheaf_search_panel_set_query (panel, "qqxqqzzyy");
  SHEAF_TEST_WAIT_FOR (!sheaf_search_panel_get_busy (panel));
  g_assert_cmpuint (results->len, ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));

  /* A line of a result opens its note at that line: rows are a note, then its lines. */
  sheaf_search_panel_set_query (panel, "starter");
  SHEAF_TEST_WAIT_FOR (!sheaf_search_panel_get_busy (panel));
  g_assert_cmpuint (results->len, >, 0);
  {
    guint index = 0;

    for (guint i = 0; i < results->len && first_path == NULL; i++)
      {
        SheafSearchResult *res = g_ptr_array_index (results, i);

        if (res->n_lines > 1 && g_strcmp0 (res->path, sheaf_window_get_note_path (fixture->window)) != 0)
          {
            first_path = g_strdup (res->path);
            first_line = res->lines[1].line;
            index += 2;
          }
        else
          index += 1 + res->n_lines;
      }
    g_assert_nonnull (first_path);
    row = gtk_list_box_get_row_at_index (list, index);
  }
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, first_path));

  buffer = GTK_TEXT_BUFFER (document (fixture));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor) + 1, ==, first_line);

  /* Escape goes back to the note list. */
  g_signal_emit_by_name (panel, "dismissed");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture->window->sidebar_stack), ==, "notes");
}

static void
test_show (Fixture       *fixture,
           gconstpointer  data)
{
  const char *show = g_getenv ("SHEAF_TEST_SHOW");
  const char *query = strchr (show, ':') != NULL ? strchr (show, ':') + 1 : "";

  if (g_getenv ("SHEAF_TEST_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  open_vault (fixture);
  open_note (fixture, "Welcome to Sheaf.md");
  open_note (fixture, "Hydration and Flour Choice.md");

  if (g_str_has_prefix (show, "search"))
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
      sheaf_search_panel_set_query (fixture->window->search_panel, query);
      SHEAF_TEST_WAIT_FOR (!sheaf_search_panel_get_busy (fixture->window->search_panel));
    }
  else
    open_switcher (fixture, query);

  g_print ("READY\n");
  sheaf_test_spin_for (6000);

  if (fixture->window->switcher != NULL)
    close_switcher (fixture);
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

  if (g_getenv ("SHEAF_TEST_SHOW") != NULL)
    {
      g_test_add ("/sheaf/switcher/show", Fixture, NULL, fixture_setup, test_show, fixture_teardown);
    }
  else
    {
      g_test_add_func ("/sheaf/switcher/finalizes", test_finalizes);
      g_test_add ("/sheaf/switcher/ranking", Fixture, NULL,
                  fixture_setup, test_ranking, fixture_teardown);
      g_test_add ("/sheaf/switcher/alias", Fixture, NULL,
                  fixture_setup, test_alias, fixture_teardown);
      g_test_add ("/sheaf/switcher/recent", Fixture, NULL,
                  fixture_setup, test_recent, fixture_teardown);
      g_test_add ("/sheaf/switcher/enter-opens", Fixture, NULL,
                  fixture_setup, test_enter_opens, fixture_teardown);
      g_test_add ("/sheaf/switcher/enter-creates", Fixture, NULL,
                  fixture_setup, test_enter_creates, fixture_teardown);
      g_test_add ("/sheaf/search/results", Fixture, NULL,
                  fixture_setup, test_search, fixture_teardown);
    }

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
