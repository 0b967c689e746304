/* test-completion.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Completion in the source view of an editor page, on a copy of
 * data/complete-vault, under Xvfb. `test-completion --show [TEXT]` opens the
 * page with TEXT typed in and its popup open, to look at.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sheaf-completion-proposal.h"
#include "sheaf-completion-provider.h"
#include "sheaf-editor-page.h"
#include "sheaf-test-util.h"
#include "sheaf-vault-host.h"

#define CURSOR "‸"

typedef struct
{
  char                    *root;
  SheafVault              *vault;
  GtkWindow               *window;
  SheafEditorPage         *page;
  SheafCompletionProvider *provider;
} Fixture;

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sheaf_editor_page_open_finish (SHEAF_EDITOR_PAGE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SheafVaultHost) host = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean opened = FALSE;

  fixture->root = sheaf_test_copy_fixture ("complete-vault");
  fixture->vault = SHEAF_VAULT (sheaf_test_load_vault (fixture->root));
  host = sheaf_vault_host_new (fixture->vault);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 600);
  fixture->page = g_object_new (SHEAF_TYPE_EDITOR_PAGE, NULL);
  sheaf_editor_page_set_view_mode (fixture->page, "source");
  sheaf_editor_page_set_host (fixture->page, SHEAF_PREVIEW_HOST (host));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));

  /* The page installed it when it got its host. */
  fixture->provider = sheaf_completion_provider_install (
    sheaf_editor_page_get_source_view (fixture->page), fixture->vault);
  g_assert_true (sheaf_completion_provider_get_vault (fixture->provider) == fixture->vault);

  file = g_file_new_build_filename (fixture->root, "Home.md", NULL);
  sheaf_editor_page_open_async (fixture->page, file, "Home.md", NULL, NULL, open_cb, &opened);
  SHEAF_TEST_WAIT_FOR (opened);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  sheaf_test_spin_for (10);
  g_clear_object (&fixture->vault);
  sheaf_test_remove_tree (fixture->root);
  g_free (fixture->root);
}

static GtkTextBuffer *
buffer (Fixture *fixture)
{
  return GTK_TEXT_BUFFER (sheaf_editor_page_get_document (fixture->page));
}

/* Sets the text, with the cursor where CURSOR is. */
static void
set_text (Fixture    *fixture,
          const char *marked)
{
  const char *mark = strstr (marked, CURSOR);
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  GtkTextIter iter;

  g_assert_nonnull (mark);
  before = g_strndup (marked, mark - marked);
  text = g_strconcat (before, mark + strlen (CURSOR), NULL);
  gtk_text_buffer_set_text (buffer (fixture), text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer (fixture), &iter,
                                      g_utf8_strlen (marked, mark - marked));
  gtk_text_buffer_place_cursor (buffer (fixture), &iter);
}

/* The text, with CURSOR where the cursor is. */
static char *
get_text (Fixture *fixture)
{
  GtkTextBuffer *b = buffer (fixture);
  GtkTextIter start, insert, end;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  gtk_text_buffer_get_bounds (b, &start, &end);
  gtk_text_buffer_get_iter_at_mark (b, &insert, gtk_text_buffer_get_insert (b));
  before = gtk_text_iter_get_slice (&start, &insert);
  after = gtk_text_iter_get_slice (&insert, &end);

  return g_strconcat (before, CURSOR, after, NULL);
}

static GtkSourceCompletionContext *
context_new (Fixture *fixture)
{
  GtkSourceView *view = sheaf_editor_page_get_source_view (fixture->page);

  /* What GtkSourceCompletion makes for each popup; the provider only asks it
   * for the buffer. */
  return g_object_new (GTK_SOURCE_TYPE_COMPLETION_CONTEXT,
                       "completion", gtk_source_view_get_completion (view),
                       NULL);
}

static void
populate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GListModel **model = user_data;
  g_autoptr(GError) error = NULL;

  *model = gtk_source_completion_provider_populate_finish (GTK_SOURCE_COMPLETION_PROVIDER (object),
                                                           result, &error);
  g_assert_no_error (error);
}

static GListModel *
populate (Fixture                    *fixture,
          GtkSourceCompletionContext *context)
{
  GListModel *model = NULL;

  gtk_source_completion_provider_populate_async (GTK_SOURCE_COMPLETION_PROVIDER (fixture->provider),
                                                 context, NULL, populate_cb, &model);
  SHEAF_TEST_WAIT_FOR (model != NULL);

  return model;
}

/* "label" for each proposal, joined with ", ". */
static char *
describe (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SheafCompletionProposal) proposal = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                              sheaf_completion_proposal_get_item (proposal)->label);
    }

  return g_string_free (out, FALSE);
}

/* Types @marked, opens completion, checks the first proposals are @expected,
 * chooses the @choice-th and returns the text. */
static char *
complete (Fixture    *fixture,
          const char *marked,
          const char *expected,
          guint       choice)
{
  g_autoptr(GtkSourceCompletionContext) context = context_new (fixture);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GtkSourceCompletionProposal) proposal = NULL;
  g_autofree char *got = NULL;

  set_text (fixture, marked);
  model = populate (fixture, context);
  got = describe (model);
  g_test_message ("%s: %s", marked, got);
  g_assert_true (g_str_has_prefix (got, expected));

  proposal = g_list_model_get_item (model, choice);
  gtk_source_completion_provider_activate (GTK_SOURCE_COMPLETION_PROVIDER (fixture->provider),
                                           context, proposal);

  return get_text (fixture);
}

static void
test_completion_title (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *text = complete (fixture, "See [[Sour" CURSOR, "Sourdough, Source Code", 0);

  g_assert_cmpstr (text, ==, "See [[Sourdough]]" CURSOR);
  g_free (text);

  text = complete (fixture, "![[sour" CURSOR " later", "Sourdough", 1);
  g_assert_cmpstr (text, ==, "![[Source Code]]" CURSOR " later");
  g_free (text);

  /* The ]] already there is not doubled. */
  text = complete (fixture, "[[Sou" CURSOR "]]", "Sourdough", 0);
  g_assert_cmpstr (text, ==, "[[Sourdough]]" CURSOR);
  g_free (text);

  /* Two notes called Bread: written as paths. */
  text = complete (fixture, "[[bread" CURSOR, "Bread, Bread", 1);
  g_assert_cmpstr (text, ==, "[[Recipes/Bread]]" CURSOR);
}

static void
test_completion_alias (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *text = complete (fixture, "Feed the [[lev" CURSOR, "Levain", 0);

  g_assert_cmpstr (text, ==, "Feed the [[Sourdough|Levain]]" CURSOR);
  g_free (text);

  text = complete (fixture, "[[wild" CURSOR "]] here", "Wild yeast starter", 0);
  g_assert_cmpstr (text, ==, "[[Sourdough|Wild yeast starter]]" CURSOR " here");
  g_free (text);

  /* Links in the frontmatter, as Obsidian's link properties have them. */
  text = complete (fixture, "---\nrelated: \"[[lev" CURSOR "\"\n---\n", "Levain", 0);
  g_assert_cmpstr (text, ==, "---\nrelated: \"[[Sourdough|Levain]]" CURSOR "\"\n---\n");
}

static void
test_completion_heading (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *text = complete (fixture, "[[Sourdough#Bak" CURSOR, "Baking day", 0);

  g_assert_cmpstr (text, ==, "[[Sourdough#Baking day]]" CURSOR);
  g_free (text);

  text = complete (fixture, "[[Sourdough#" CURSOR, "Sourdough, Feeding schedule", 1);
  g_assert_cmpstr (text, ==, "[[Sourdough#Feeding schedule]]" CURSOR);
  g_free (text);

  /* [[#: this note's own headings. */
  text = complete (fixture, "# Home\n\nSee [[#" CURSOR, "Home", 0);
  g_assert_cmpstr (text, ==, "# Home\n\nSee [[#Home]]" CURSOR);
  g_free (text);

  text = complete (fixture, "[[Sourdough#^" CURSOR, "feeding, shape-1", 1);
  g_assert_cmpstr (text, ==, "[[Sourdough#^shape-1]]" CURSOR);
}

static void
test_completion_tag (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = complete (fixture, "Tagged #ba" CURSOR, "baking, baking/bread", 1);

  g_assert_cmpstr (text, ==, "Tagged #baking/bread" CURSOR);
  g_free (text);

  text = complete (fixture, "#kit" CURSOR "c", "kitchen", 0);
  g_assert_cmpstr (text, ==, "#kitchen" CURSOR);
}

static guint
n_proposals (Fixture    *fixture,
             const char *marked)
{
  g_autoptr(GtkSourceCompletionContext) context = context_new (fixture);
  g_autoptr(GListModel) model = NULL;

  set_text (fixture, marked);
  model = populate (fixture, context);

  return g_list_model_get_n_items (model);
}

static void
test_completion_nothing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_assert_cmpuint (n_proposals (fixture, "[[Sour" CURSOR), >, 0);
  g_assert_cmpuint (n_proposals (fixture, "```\n[[Sour" CURSOR), ==, 0);
  g_assert_cmpuint (n_proposals (fixture, "---\ntags: [#ba" CURSOR "]\n---\n"), ==, 0);
  g_assert_cmpuint (n_proposals (fixture, "`[[Sour" CURSOR), ==, 0);
  g_assert_cmpuint (n_proposals (fixture, "[[Sourdough|lev" CURSOR), ==, 0);
  g_assert_cmpuint (n_proposals (fixture, "a#ba" CURSOR), ==, 0);
  g_assert_cmpuint (n_proposals (fixture, "just words" CURSOR), ==, 0);
}

/* Refiltering follows the query as it grows, and empties when the cursor
 * leaves the link. */
static void
test_completion_refilter (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GtkSourceCompletionContext) context = context_new (fixture);
  g_autoptr(GListModel) model = NULL;
  GtkSourceCompletionProvider *provider = GTK_SOURCE_COMPLETION_PROVIDER (fixture->provider);
  g_autofree char *got = NULL;

  set_text (fixture, "[[So" CURSOR);
  model = populate (fixture, context);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 2);

  gtk_text_buffer_insert_at_cursor (buffer (fixture), "urc", -1);
  gtk_source_completion_provider_refilter (provider, context, model);
  got = describe (model);
  g_assert_cmpstr (got, ==, "Source Code");

  gtk_text_buffer_insert_at_cursor (buffer (fixture), "|", -1);
  gtk_source_completion_provider_refilter (provider, context, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

static gboolean
is_trigger (Fixture    *fixture,
            const char *marked)
{
  GtkTextIter iter;
  gunichar ch;

  set_text (fixture, marked);
  gtk_text_buffer_get_iter_at_mark (buffer (fixture), &iter,
                                    gtk_text_buffer_get_insert (buffer (fixture)));
  ch = g_utf8_get_char (g_utf8_prev_char (strstr (marked, CURSOR)));

  return gtk_source_completion_provider_is_trigger (
    GTK_SOURCE_COMPLETION_PROVIDER (fixture->provider), &iter, ch);
}

static void
test_completion_trigger (Fixture       *fixture,
                         gconstpointer  data)
{
  g_assert_true (is_trigger (fixture, "[[" CURSOR));
  g_assert_true (is_trigger (fixture, "![[" CURSOR));
  g_assert_true (is_trigger (fixture, "[[Some " CURSOR));
  g_assert_true (is_trigger (fixture, "[[Recipes/" CURSOR));
  g_assert_true (is_trigger (fixture, "[[Sourdough#" CURSOR));
  g_assert_true (is_trigger (fixture, "#baking/" CURSOR));
  g_assert_false (is_trigger (fixture, "[" CURSOR));
  g_assert_false (is_trigger (fixture, "#" CURSOR));
  g_assert_false (is_trigger (fixture, "text #" CURSOR));
  g_assert_false (is_trigger (fixture, "[[Note|" CURSOR));
  g_assert_false (is_trigger (fixture, "[[Note]" CURSOR));
  g_assert_false (is_trigger (fixture, "```\n[[" CURSOR));
}

/* The completion popup of @view, if it is showing. */
static gboolean
popup_visible (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_POPOVER (child) && gtk_widget_get_visible (child)) || popup_visible (child))
      return TRUE;

  return FALSE;
}

/* Types @text a character at a time, as a user would. */
static void
type (Fixture    *fixture,
      const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char ch[8] = { 0 };

      memcpy (ch, p, g_utf8_next_char (p) - p);
      gtk_text_buffer_insert_interactive_at_cursor (buffer (fixture), ch, -1, TRUE);
      sheaf_test_spin_for (30);
    }
}

/* Typing opens the popup by itself after [[ and a tag's first letter, not
 * after a heading's # nor in code. */
static void
test_completion_interactive (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (sheaf_editor_page_get_source_view (fixture->page));
  GtkSourceCompletion *completion = gtk_source_view_get_completion (GTK_SOURCE_VIEW (view));

  gtk_window_present (fixture->window);
  gtk_widget_grab_focus (view);
  SHEAF_TEST_WAIT_FOR (gtk_widget_has_focus (view));

  set_text (fixture, "" CURSOR);
  type (fixture, "See [[");
  SHEAF_TEST_WAIT_FOR (popup_visible (view));
  type (fixture, "Sour ");
  SHEAF_TEST_WAIT_FOR (popup_visible (view));
  type (fixture, "c]");
  SHEAF_TEST_WAIT_FOR (!popup_visible (view));

  gtk_source_completion_hide (completion);
  set_text (fixture, "" CURSOR);
  type (fixture, "#");
  sheaf_test_spin_for (200);
  g_assert_false (popup_visible (view));
  type (fixture, " Heading");
  sheaf_test_spin_for (200);
  g_assert_false (popup_visible (view));

  type (fixture, "\n\nTagged #b");
  SHEAF_TEST_WAIT_FOR (popup_visible (view));

  gtk_source_completion_hide (completion);
  set_text (fixture, "```\n" CURSOR "\n```\n");
  type (fixture, "[[Sour");
  sheaf_test_spin_for (200);
  g_assert_false (popup_visible (view));
}

static void
test_completion_finalizes (void)
{
  g_autoptr(GFile) root = g_file_new_for_path ("/nonexistent");
  SheafVault *vault = sheaf_vault_new (root);

  g_assert_finalize_object (sheaf_completion_provider_new (NULL));
  g_assert_finalize_object (sheaf_completion_provider_new (vault));
  g_assert_finalize_object (vault);
}

/* --show: the popup open on TEXT, typed into the page, to look at. */
static int
show_main (const char *text,
           gboolean    dark)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  Fixture fixture = { 0 };
  GtkSourceView *view;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  fixture_set_up (&fixture, NULL);
  view = sheaf_editor_page_get_source_view (fixture.page);
  gtk_text_buffer_set_text (buffer (&fixture), "# Home\n\nStart here.\n\n", -1);
  gtk_window_present (fixture.window);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  sheaf_test_spin_for (500);

  /* Typed a character at a time, as a user would, so the popup opens by itself. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char ch[8] = { 0 };

      memcpy (ch, p, g_utf8_next_char (p) - p);
      gtk_text_buffer_insert_interactive_at_cursor (buffer (&fixture), ch, -1, TRUE);
      sheaf_test_spin_for (60);
    }

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  /* --show TESTS-DIR TEXT [dark] */
  if (argc >= 4 && g_strcmp0 (argv[1], "--show") == 0)
    {
      char *test_argv[] = { argv[0], NULL };
      char **test_argvp = test_argv;
      int test_argc = 1;

      g_setenv ("G_TEST_SRCDIR", argv[2], TRUE);
      g_test_init (&test_argc, &test_argvp, NULL);
      gtk_init ();
      gtk_source_init ();
      adw_init ();
      return show_main (argv[3], argc >= 5 && g_strcmp0 (argv[4], "dark") == 0);
    }

  gtk_test_init (&argc, &argv, NULL);
  gtk_source_init ();
  adw_init ();

  g_test_add_func ("/sheaf/completion/finalizes", test_completion_finalizes);
  g_test_add ("/sheaf/completion/title", Fixture, NULL,
              fixture_set_up, test_completion_title, fixture_tear_down);
  g_test_add ("/sheaf/completion/alias", Fixture, NULL,
              fixture_set_up, test_completion_alias, fixture_tear_down);
  g_test_add ("/sheaf/completion/heading", Fixture, NULL,
              fixture_set_up, test_completion_heading, fixture_tear_down);
  g_test_add ("/sheaf/completion/tag", Fixture, NULL,
              fixture_set_up, test_completion_tag, fixture_tear_down);
  g_test_add ("/sheaf/completion/nothing", Fixture, NULL,
              fixture_set_up, test_completion_nothing, fixture_tear_down);
  g_test_add ("/sheaf/completion/refilter", Fixture, NULL,
              fixture_set_up, test_completion_refilter, fixture_tear_down);
  g_test_add ("/sheaf/completion/trigger", Fixture, NULL,
              fixture_set_up, test_completion_trigger, fixture_tear_down);
  g_test_add ("/sheaf/completion/interactive", Fixture, NULL,
              fixture_set_up, test_completion_interactive, fixture_tear_down);

  return g_test_run ();
}
