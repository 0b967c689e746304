/* test-links-panel.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The links panel of the main window, on a temporary copy of
 * data/sample-vault, under Xvfb.
 */

#include "config.h"

#include <string.h>

#include "sheaf-application.h"
#include "sheaf-links-panel-private.h"
#include "sheaf-test-util.h"
#include "sheaf-window-private.h"

#define NOTE      "Sourdough Starter Care.md"
#define MENTIONS  "Mentions.md"
/* CRLF and text after the mention: all of it must survive the Link button. */
#define MENTIONS_BEFORE "# Mentions\r\n\r\nWe talked about starter maintenance today.\r\n" \
                        "Nothing else here: Sourdough is a word.\r\n"
#define MENTIONS_AFTER  "# Mentions\r\n\r\nWe talked about [[Sourdough Starter Care|starter " \
                        "maintenance]] today.\r\nNothing else here: Sourdough is a word.\r\n"

typedef struct
{
  char        *root;
  SheafWindow *window;
  GSettings   *settings;
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

static GStrv
rows (Fixture           *fixture,
      SheafLinksSection  section)
{
  return _sheaf_links_panel_dup_descriptions (fixture->window->links_panel, section);
}

static gboolean
idle (Fixture *fixture)
{
  return !sheaf_links_panel_get_busy (fixture->window->links_panel);
}

/* Index of the first row starting with @prefix, or -1. */
static int
find_row (GStrv       strv,
          const char *prefix)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_str_has_prefix (strv[i], prefix))
      return i;

  return -1;
}

static gboolean
has_row (Fixture           *fixture,
         SheafLinksSection  section,
         const char        *prefix)
{
  g_auto(GStrv) strv = rows (fixture, section);

  return find_row (strv, prefix) >= 0;
}

static GtkListBoxRow *
nth_row (Fixture           *fixture,
         SheafLinksSection  section,
         int                n)
{
  GtkListBox *list = _sheaf_links_panel_get_list (fixture->window->links_panel, section);
  int i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && i++ == n)
      return GTK_LIST_BOX_ROW (child);

  g_assert_not_reached ();
}

static void
activate (Fixture           *fixture,
          SheafLinksSection  section,
          int                n)
{
  GtkListBoxRow *row = nth_row (fixture, section, n);

  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (row)), "row-activated", row);
}

static guint
cursor_line (Fixture *fixture)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document (fixture));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_line (&iter) + 1;
}

static void
open_note (Fixture    *fixture,
           const char *note)
{
  g_autoptr(GFile) root = g_file_new_for_path (fixture->root);

  sheaf_window_open_vault (fixture->window, root, note);
  /* The note shows before the vault is indexed; the panel needs the index. */
  SHEAF_TEST_WAIT_FOR (sheaf_vault_get_loaded (sheaf_window_get_vault (fixture->window)));
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, note));
  SHEAF_TEST_WAIT_FOR (idle (fixture) && has_row (fixture, SHEAF_LINKS_SECTION_OUTLINE, ""));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->root = sheaf_test_copy_sample_vault ();
  sheaf_test_write (fixture->root, MENTIONS, MENTIONS_BEFORE);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_boolean (fixture->settings, "links-panel-visible", TRUE);
  fixture->window = g_object_ref (sheaf_window_new (GTK_APPLICATION (app)));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *tmp = g_path_get_dirname (fixture->root);
  SheafDocument *doc = document (fixture);

  SHEAF_TEST_WAIT_FOR (!sheaf_document_get_saving (doc) && !sheaf_document_get_loading (doc));
  SHEAF_TEST_WAIT_FOR (idle (fixture));
  fixture->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  sheaf_test_spin_for (300);
  g_assert_finalize_object (fixture->window);
  g_settings_reset (fixture->settings, "links-panel-visible");
  g_clear_object (&fixture->settings);

  sheaf_test_remove_tree (tmp);
  g_free (fixture->root);
}

/* Tests ------------------------------------------------------------------- */

static void
test_finalizes (void)
{
  GtkWidget *panel = g_object_ref_sink (g_object_new (SHEAF_TYPE_LINKS_PANEL, NULL));

  g_assert_finalize_object (panel);
}

/* Shown and hidden by its button, its shortcut action, and the setting. */
static void
test_toggle (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (fixture->window->links_panel);

  g_assert_true (gtk_widget_get_visible (panel));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-links-panel", NULL);
  g_assert_false (gtk_widget_get_visible (panel));
  g_assert_false (g_settings_get_boolean (fixture->settings, "links-panel-visible"));
  g_settings_set_boolean (fixture->settings, "links-panel-visible", TRUE);
  g_assert_true (gtk_widget_get_visible (panel));
  g_assert_true (gtk_toggle_button_get_active (fixture->window->links_button));
}

/* Hidden, the panel does no work; shown again, it catches up. */
static void
test_hidden_waits (Fixture       *fixture,
                   gconstpointer  data)
{
  open_note (fixture, NOTE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-links-panel", NULL);

  sheaf_window_open_note (fixture->window, "Troubleshooting Dense Crumb.md", NULL);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Troubleshooting Dense Crumb.md"));
  sheaf_test_spin_for (500);
  g_assert_true (idle (fixture));
  g_assert_true (has_row (fixture, SHEAF_LINKS_SECTION_OUTLINE, "1:Sourdough Starter Care:17"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-links-panel", NULL);
  SHEAF_TEST_WAIT_FOR (has_row (fixture, SHEAF_LINKS_SECTION_OUTLINE, "1:Troubleshooting Dense Crumb:18"));
  SHEAF_TEST_WAIT_FOR (idle (fixture) && has_row (fixture, SHEAF_LINKS_SECTION_BACKLINKS, "note:"));
  g_assert_false (has_row (fixture, SHEAF_LINKS_SECTION_BACKLINKS, "note:Troubleshooting Dense Crumb.md"));
}

static void
test_backlinks (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(GStrv) strv = NULL;
  g_autoptr(GArray) sync = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *group = NULL;
  guint n_lines = 0;
  int at;

  open_note (fixture, NOTE);
  SHEAF_TEST_WAIT_FOR (has_row (fixture, SHEAF_LINKS_SECTION_BACKLINKS, "note:"));
  strv = rows (fixture, SHEAF_LINKS_SECTION_BACKLINKS);

  /* Grouped: a note's heading once, then only its own lines. */
  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (g_str_has_prefix (strv[i], "note:"))
        {
          group = strv[i] + strlen ("note:");
          g_assert_false (g_hash_table_contains (seen, group));
          g_hash_table_add (seen, (gpointer)group);
        }
      else
        {
          g_autofree char *prefix = g_strdup_printf ("line:%s:", group);

          g_assert_nonnull (group);
          g_assert_true (g_str_has_prefix (strv[i], prefix));
          n_lines++;
        }
    }

  sync = sheaf_vault_dup_backlinks (sheaf_window_get_vault (fixture->window), NOTE);
  g_assert_cmpuint (n_lines, ==, sync->len);
  g_assert_cmpuint (g_hash_table_size (seen), >=, 6);
  g_assert_false (g_hash_table_contains (seen, NOTE));

  /* The right lines, with their text. */
  at = find_row (strv, "note:Troubleshooting Dense Crumb.md");
  g_assert_cmpint (at, >=, 0);
  /* A long line: a window of it around the link; lines read as rendered,
   * Markdown syntax gone. */
  g_assert_true (g_str_has_prefix (strv[at + 1], "line:Troubleshooting Dense Crumb.md:22:…"));
  g_assert_nonnull (strstr (strv[at + 1], "sluggish Levain, a bulk"));
  g_assert_true (g_str_has_prefix (strv[at + 2], "line:Troubleshooting Dense Crumb.md:30:Was the starter at its peak? A starter"));
  g_assert_cmpstr (strv[at + 3], ==, "line:Troubleshooting Dense Crumb.md:53:Sourdough Starter Care — the first suspect");
  g_assert_true (find_row (strv, "line:People/Marisol Vega.md:24:") >= 0);
  g_assert_true (find_row (strv, "line:Channels/starter-help.md:22:") >= 0);

  /* A line opens its note there. */
  activate (fixture, SHEAF_LINKS_SECTION_BACKLINKS, at + 2);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Troubleshooting Dense Crumb.md"));
  SHEAF_TEST_WAIT_FOR (cursor_line (fixture) == 30);

  /* And the panel follows: this note's backlinks now. */
  SHEAF_TEST_WAIT_FOR (idle (fixture) &&
                       !has_row (fixture, SHEAF_LINKS_SECTION_BACKLINKS,
                                 "note:Troubleshooting Dense Crumb.md"));
}

/* A link in the frontmatter reads as its key and the link's text. */
static void
test_property_backlink (Fixture       *fixture,
                        gconstpointer  data)
{
  sheaf_test_write (fixture->root, "Props.md",
                    "---\ntype: note\nrelated:\n  - \"[[Sourdough Starter Care|the starter page]]\"\n---\n# Props\n");
  open_note (fixture, NOTE);
  SHEAF_TEST_WAIT_FOR (has_row (fixture, SHEAF_LINKS_SECTION_BACKLINKS, "note:Props.md"));
  g_assert_true (has_row (fixture, SHEAF_LINKS_SECTION_BACKLINKS,
                          "line:Props.md:4:related: the starter page"));
}

static void
test_mentions (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(GStrv) strv = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GtkWidget *button;
  int at;

  open_note (fixture, NOTE);
  SHEAF_TEST_WAIT_FOR (has_row (fixture, SHEAF_LINKS_SECTION_MENTIONS, "line:" MENTIONS ":3:"));
  g_assert_false (has_row (fixture, SHEAF_LINKS_SECTION_BACKLINKS, "note:" MENTIONS));

  strv = rows (fixture, SHEAF_LINKS_SECTION_MENTIONS);
  at = find_row (strv, "line:" MENTIONS ":3:starter maintenance");
  g_assert_cmpint (at, >, 0);
  g_assert_cmpstr (strv[at - 1], ==, "note:" MENTIONS);

  button = _sheaf_links_panel_get_row_button (nth_row (fixture, SHEAF_LINKS_SECTION_MENTIONS, at));
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");

  /* The file gets the link and nothing else changes; the mention becomes a backlink. */
  SHEAF_TEST_WAIT_FOR (has_row (fixture, SHEAF_LINKS_SECTION_BACKLINKS, "note:" MENTIONS) &&
                       !has_row (fixture, SHEAF_LINKS_SECTION_MENTIONS, "note:" MENTIONS));
  bytes = sheaf_test_read (fixture->root, MENTIONS);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   MENTIONS_AFTER, strlen (MENTIONS_AFTER));
  g_assert_true (has_row (fixture, SHEAF_LINKS_SECTION_BACKLINKS,
                          "line:" MENTIONS ":3:We talked about starter"));
}

static void
test_outgoing (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(GStrv) strv = NULL;
  int at;

  sheaf_test_write (fixture->root, "Links.md",
                    "# Links\n\nSee [[Shaping and Scoring]] and [[No Such Note]].\n"
                    "Also [[Hydration and Flour Choice#Baker's Percentages]].\n"
                    "Once more [[Shaping and Scoring|shaping]], and ![[Shaping and Scoring]].\n");
  open_note (fixture, "Links.md");
  SHEAF_TEST_WAIT_FOR (has_row (fixture, SHEAF_LINKS_SECTION_OUTGOING, "No Such Note:"));

  strv = rows (fixture, SHEAF_LINKS_SECTION_OUTGOING);
  g_assert_cmpuint (g_strv_length (strv), ==, 3);
  g_assert_cmpstr (strv[0], ==, "Shaping and Scoring:Shaping and Scoring.md");
  g_assert_cmpstr (strv[1], ==, "No Such Note:");
  g_assert_cmpstr (strv[2], ==,
                   "Hydration and Flour Choice#Baker's Percentages:Hydration and Flour Choice.md");

  /* Linked three times, listed once with its count. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (nth_row (fixture, SHEAF_LINKS_SECTION_OUTGOING, 0)))),
                   ==, "Shaping and Scoring  3");

  /* Unresolved: dimmed and inert. */
  g_assert_false (gtk_list_box_row_get_activatable (nth_row (fixture, SHEAF_LINKS_SECTION_OUTGOING, 1)));
  g_assert_true (gtk_widget_has_css_class (gtk_list_box_row_get_child (nth_row (fixture, SHEAF_LINKS_SECTION_OUTGOING, 1)),
                                           "dim-label"));

  at = 0;
  activate (fixture, SHEAF_LINKS_SECTION_OUTGOING, at);
  SHEAF_TEST_WAIT_FOR (note_shown (fixture, "Shaping and Scoring.md"));
}

static void
test_outline_live (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(GStrv) strv = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  guint last_line;
  int at;

  open_note (fixture, NOTE);
  strv = rows (fixture, SHEAF_LINKS_SECTION_OUTLINE);
  g_assert_cmpstr (strv[0], ==, "1:Sourdough Starter Care:17");
  g_assert_true (find_row (strv, "2:") > 0);

  /* A heading scrolls the note shown, without reopening it. */
  at = find_row (strv, "2:");
  activate (fixture, SHEAF_LINKS_SECTION_OUTLINE, at);
  g_assert_cmpuint (cursor_line (fixture), ==,
                    GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (nth_row (fixture, SHEAF_LINKS_SECTION_OUTLINE, at)),
                                                         "sheaf-line")));
  g_assert_cmpuint (cursor_line (fixture), >, 17);

  /* Typing a heading lists it, live. */
  buffer = GTK_TEXT_BUFFER (document (fixture));
  gtk_text_buffer_get_end_iter (buffer, &end);
  last_line = gtk_text_iter_get_line (&end) + 1;
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &end, "\n## Typed Just Now\n", -1);
  gtk_text_buffer_end_user_action (buffer);
  g_assert_false (has_row (fixture, SHEAF_LINKS_SECTION_OUTLINE, "2:Typed Just Now:"));
  SHEAF_TEST_WAIT_FOR (has_row (fixture, SHEAF_LINKS_SECTION_OUTLINE, "2:Typed Just Now:"));
  {
    g_autofree char *expected = g_strdup_printf ("2:Typed Just Now:%u", last_line + 1);

    g_assert_true (has_row (fixture, SHEAF_LINKS_SECTION_OUTLINE, expected));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);

  app = sheaf_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/sheaf/links-panel/finalizes", test_finalizes);
  g_test_add ("/sheaf/links-panel/toggle", Fixture, NULL,
              fixture_setup, test_toggle, fixture_teardown);
  g_test_add ("/sheaf/links-panel/hidden-waits", Fixture, NULL,
              fixture_setup, test_hidden_waits, fixture_teardown);
  g_test_add ("/sheaf/links-panel/property-backlink", Fixture, NULL,
              fixture_setup, test_property_backlink, fixture_teardown);
  g_test_add ("/sheaf/links-panel/backlinks", Fixture, NULL,
              fixture_setup, test_backlinks, fixture_teardown);
  g_test_add ("/sheaf/links-panel/mentions", Fixture, NULL,
              fixture_setup, test_mentions, fixture_teardown);
  g_test_add ("/sheaf/links-panel/outgoing", Fixture, NULL,
              fixture_setup, test_outgoing, fixture_teardown);
  g_test_add ("/sheaf/links-panel/outline-live", Fixture, NULL,
              fixture_setup, test_outline_live, fixture_teardown);

  return g_test_run ();
}
