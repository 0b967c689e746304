/* sheaf-search-panel.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-search-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-note.h"
#include "sheaf-search-panel.h"
#include "sheaf-search.h"

/* SheafSearchPanel: full-text search (Ctrl+Shift+F), in the sidebar in place
 * of the note list. The search runs in sheaf_search_async()'s worker; its
 * batches are listed as they come, grouped by note, and a new query cancels
 * the search before it. */

#define MAX_NOTES 500

struct _SheafSearchPanel
{
  GtkWidget       parent_instance;

  /* Owned */
  SheafVault     *vault;
  GCancellable   *cancellable;
  GPtrArray      *results;       /* SheafSearchResult, as listed */

  /* Template children */
  GtkWidget      *box;
  GtkSearchEntry *entry;
  GtkSpinner     *spinner;
  GtkLabel       *summary;
  GtkStack       *stack;
  GtkListBox     *list;

  guint           busy : 1;
};

G_DEFINE_FINAL_TYPE (SheafSearchPanel, sheaf_search_panel, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_BUSY, N_PROPS };
enum { OPEN_RESULT, DISMISSED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (SheafSearchPanel *self,
          gboolean          busy)
{
  if (self->busy == !!busy)
    return;

  self->busy = !!busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The line with its matches highlighted, as Pango markup. */
static char *
line_markup (const SheafSearchLine *line)
{
  GString *markup = g_string_new (NULL);
  gsize at = 0;
  gsize len = strlen (line->text);
  const char *text = line->text;
  g_autofree char *tail = NULL;

  /* Skip leading blanks: the context reads better without its indent. */
  while (at < len && (text[at] == ' ' || text[at] == '\t'))
    at++;

  for (guint i = 0; i < line->n_ranges; i++)
    {
      gsize start = MIN (line->ranges[i].start, len);
      gsize end = MIN (line->ranges[i].end, len);
      g_autofree char *before = NULL;
      g_autofree char *match = NULL;

      if (start < at || end <= start)
        continue;

      before = g_markup_escape_text (text + at, start - at);
      match = g_markup_escape_text (text + start, end - start);
      g_string_append (markup, before);
      g_string_append_printf (markup, "<span weight=\"bold\" background=\"#f6d32d\" "
                                      "bgalpha=\"45%%\">%s</span>", match);
      at = end;
    }

  tail = g_markup_escape_text (text + at, len - at);
  g_string_append (markup, tail);

  return g_string_free (markup, FALSE);
}

static GtkWidget *
create_header_row (SheafSearchPanel        *self,
                   const SheafSearchResult *result)
{
  SheafNote *note = self->vault != NULL ? sheaf_vault_get_note (self->vault, result->path) : NULL;
  const char *title = note != NULL ? sheaf_note_get_title (note) : NULL;
  g_autofree char *count = g_strdup_printf ("%u", result->n_matches);
  g_autofree char *folder = g_path_get_dirname (result->path);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *texts;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  label = gtk_label_new (title != NULL ? title : result->path);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (texts), label);

  if (g_strcmp0 (folder, ".") != 0)
    {
      label = gtk_label_new (folder);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (texts), label);
    }

  label = gtk_label_new (count);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "sheaf-search-count");
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "sheaf-search-note");
  /* The title opens the note at its first match. */
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (result->path), g_free);
  g_object_set_data (G_OBJECT (row), "line",
                     GUINT_TO_POINTER (result->n_lines > 0 ? result->lines[0].line : 1));

  return row;
}

static GtkWidget *
create_line_row (const SheafSearchResult *result,
                 const SheafSearchLine   *line)
{
  g_autofree char *number = g_strdup_printf ("%u", line->line);
  g_autofree char *markup = line_markup (line);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  label = gtk_label_new (number);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_width_chars (GTK_LABEL (label), 3);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "sheaf-search-line-number");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  if (line->in_frontmatter)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "sheaf-search-line");
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (result->path), g_free);
  g_object_set_data (G_OBJECT (row), "line", GUINT_TO_POINTER (line->line));

  return row;
}

static void
append_result (SheafSearchPanel  *self,
               SheafSearchResult *result)
{
  g_ptr_array_add (self->results, sheaf_search_result_ref (result));
  gtk_list_box_append (self->list, create_header_row (self, result));

  for (guint i = 0; i < result->n_lines; i++)
    gtk_list_box_append (self->list, create_line_row (result, &result->lines[i]));

  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
search_batch_cb (GPtrArray *batch,
                 gpointer   user_data)
{
  SheafSearchPanel *self = user_data;

  for (guint i = 0; i < batch->len; i++)
    append_result (self, g_ptr_array_index (batch, i));
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SheafSearchPanel) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean truncated = FALSE;
  guint n_matches = 0;

  results = sheaf_search_finish (result, &truncated, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (error != NULL)
    {
      gtk_label_set_text (self->summary, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->summary), TRUE);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  /* Batches normally brought everything; take what they did not. */
  for (guint i = self->results->len; results != NULL && i < results->len; i++)
    append_result (self, g_ptr_array_index (results, i));

  if (self->results->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      gtk_widget_set_visible (GTK_WIDGET (self->summary), FALSE);
      return;
    }

  for (guint i = 0; i < self->results->len; i++)
    n_matches += ((SheafSearchResult *)g_ptr_array_index (self->results, i))->n_matches;

  if (truncated)
    /* Translators: above search results; %u is a number of notes */
    summary = g_strdup_printf (_("Only the first %u notes are shown"), self->results->len);
  else
    /* Translators: above search results: "12 matches in 3 notes" */
    summary = g_strdup_printf (_("%u matches in %u notes"), n_matches, self->results->len);
  gtk_label_set_text (self->summary, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary), TRUE);
}

static void
sheaf_search_panel_start (SheafSearchPanel *self)
{
  g_autofree char *query = g_strstrip (g_strdup (sheaf_search_panel_get_query (self)));
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->results, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->summary), FALSE);

  if (*query == '\0' || self->vault == NULL)
    {
      set_busy (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "searching");

  /* The batch callback is never called once cancelled, and dispose cancels. */
  sheaf_search_async (self->vault, query, MAX_NOTES, self->cancellable,
                      search_batch_cb, self, NULL,
                      search_done_cb, g_object_ref (self));
}

static void
sheaf_search_panel_search_changed_cb (SheafSearchPanel *self,
                                      GtkSearchEntry   *entry)
{
  sheaf_search_panel_start (self);
}

static void
sheaf_search_panel_row_activated_cb (SheafSearchPanel *self,
                                     GtkListBoxRow    *row,
                                     GtkListBox       *list)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");

  if (path != NULL)
    g_signal_emit (self, signals[OPEN_RESULT], 0, path,
                   GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "line")));
}

static void
sheaf_search_panel_entry_activate_cb (SheafSearchPanel *self,
                                      GtkSearchEntry   *entry)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, 1);

  /* Enter opens the first match. */
  if (row != NULL)
    sheaf_search_panel_row_activated_cb (self, row, self->list);
}

static void
sheaf_search_panel_stop_search_cb (SheafSearchPanel *self)
{
  g_signal_emit (self, signals[DISMISSED], 0);
}

static gboolean
sheaf_search_panel_entry_key_cb (SheafSearchPanel      *self,
                                 guint                  keyval,
                                 guint                  keycode,
                                 GdkModifierType        state,
                                 GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & GDK_MODIFIER_MASK) != 0)
    return GDK_EVENT_PROPAGATE;

  /* Down goes from the entry to the first match. */
  row = gtk_list_box_get_row_at_index (self->list, 1);
  if (row == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_list_box_select_row (self->list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));

  return GDK_EVENT_STOP;
}

static void
sheaf_search_panel_dispose (GObject *object)
{
  SheafSearchPanel *self = (SheafSearchPanel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_SEARCH_PANEL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sheaf_search_panel_parent_class)->dispose (object);
}

static void
sheaf_search_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SheafSearchPanel *self = SHEAF_SEARCH_PANEL (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_search_panel_class_init (SheafSearchPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sheaf_search_panel_dispose;
  object_class->get_property = sheaf_search_panel_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SheafSearchPanel::open-result:
   * @path: the note's vault-relative path
   * @line: the 1-based line to show
   */
  signals[OPEN_RESULT] =
    g_signal_new ("open-result",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * SheafSearchPanel::dismissed:
   *
   * The user is done searching (Escape, or the close button).
   */
  signals[DISMISSED] =
    g_signal_new ("dismissed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sheafsearchpanel");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sheaf-search-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafSearchPanel, box);
  gtk_widget_class_bind_template_child (widget_class, SheafSearchPanel, entry);
  gtk_widget_class_bind_template_child (widget_class, SheafSearchPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, SheafSearchPanel, summary);
  gtk_widget_class_bind_template_child (widget_class, SheafSearchPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, SheafSearchPanel, list);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_search_panel_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_search_panel_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_search_panel_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_search_panel_row_activated_cb);
}

static void
sheaf_search_panel_init (SheafSearchPanel *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_search_result_unref);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (sheaf_search_panel_entry_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
}

/**
 * sheaf_search_panel_set_vault:
 * @self: a #SheafSearchPanel
 * @vault: (nullable): the vault to search
 *
 * Searches @vault from now on; the query is kept and run again.
 */
void
sheaf_search_panel_set_vault (SheafSearchPanel *self,
                              SheafVault       *vault)
{
  g_return_if_fail (SHEAF_IS_SEARCH_PANEL (self));
  g_return_if_fail (!vault || SHEAF_IS_VAULT (vault));

  if (g_set_object (&self->vault, vault))
    sheaf_search_panel_start (self);
}

const char *
sheaf_search_panel_get_query (SheafSearchPanel *self)
{
  g_return_val_if_fail (SHEAF_IS_SEARCH_PANEL (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

/**
 * sheaf_search_panel_set_query:
 * @self: a #SheafSearchPanel
 * @query: the text to find
 *
 * Types @query and searches at once, without the entry's delay.
 */
void
sheaf_search_panel_set_query (SheafSearchPanel *self,
                              const char       *query)
{
  g_return_if_fail (SHEAF_IS_SEARCH_PANEL (self));

  g_signal_handlers_block_by_func (self->entry, sheaf_search_panel_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), query != NULL ? query : "");
  g_signal_handlers_unblock_by_func (self->entry, sheaf_search_panel_search_changed_cb, self);
  sheaf_search_panel_start (self);
}

gboolean
sheaf_search_panel_get_busy (SheafSearchPanel *self)
{
  g_return_val_if_fail (SHEAF_IS_SEARCH_PANEL (self), FALSE);

  return self->busy;
}

/**
 * sheaf_search_panel_get_results:
 * @self: a #SheafSearchPanel
 *
 * Returns: (transfer none) (element-type SheafSearchResult): the notes listed
 */
GPtrArray *
sheaf_search_panel_get_results (SheafSearchPanel *self)
{
  g_return_val_if_fail (SHEAF_IS_SEARCH_PANEL (self), NULL);

  return self->results;
}

/**
 * sheaf_search_panel_focus:
 * @self: a #SheafSearchPanel
 *
 * Focuses the entry with its text selected, to type a new query.
 */
void
sheaf_search_panel_focus (SheafSearchPanel *self)
{
  g_return_if_fail (SHEAF_IS_SEARCH_PANEL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

/**
 * sheaf_search_panel_get_list:
 * @self: a #SheafSearchPanel
 *
 * Returns: (transfer none): the list of results: a note's row, then its lines'
 */
GtkListBox *
sheaf_search_panel_get_list (SheafSearchPanel *self)
{
  g_return_val_if_fail (SHEAF_IS_SEARCH_PANEL (self), NULL);

  return self->list;
}
