/* sheaf-editor-page-search.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-editor-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-editor-page-private.h"

/* Find and replace in the source: a bar above the text, on a
 * GtkSourceSearchContext that highlights every match while it is shown. */

static void
update_count (SheafEditorPage *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkSourceSearchSettings *settings = gtk_source_search_context_get_settings (self->search_context);
  const char *text = gtk_source_search_settings_get_search_text (settings);
  int count = gtk_source_search_context_get_occurrences_count (self->search_context);
  g_autofree char *label = NULL;
  GtkTextIter start;
  GtkTextIter end;
  int position = -1;

  if (text == NULL || count < 0)
    {
      gtk_label_set_label (self->search_count, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
      return;
    }

  if (count == 0)
    {
      gtk_label_set_label (self->search_count, _("No results"));
      gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    position = gtk_source_search_context_get_occurrence_position (self->search_context,
                                                                  &start, &end);

  if (position > 0)
    /* Translators: the match shown, of all matches in the note: "3 of 12" */
    label = g_strdup_printf (_("%d of %d"), position, count);
  else
    label = g_strdup_printf ("%d", count);

  gtk_label_set_label (self->search_count, label);
}

static void
select_match (SheafEditorPage   *self,
              const GtkTextIter *start,
              const GtkTextIter *end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);

  gtk_text_buffer_select_range (buffer, start, end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->source_view),
                                gtk_text_buffer_get_insert (buffer),
                                0.25, FALSE, 0.0, 0.0);
  update_count (self);
}

/* From the start of the selection, so that typing more of the word keeps
 * the match in place; from its end to go to the next one. */
static gboolean
find_forward (SheafEditorPage *self,
              gboolean         from_start)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter sel_start;
  GtkTextIter sel_end;
  GtkTextIter match_start;
  GtkTextIter match_end;
  gboolean wrapped;

  gtk_text_buffer_get_selection_bounds (buffer, &sel_start, &sel_end);

  if (!gtk_source_search_context_forward (self->search_context,
                                          from_start ? &sel_start : &sel_end,
                                          &match_start, &match_end, &wrapped))
    {
      update_count (self);
      return FALSE;
    }

  select_match (self, &match_start, &match_end);
  return TRUE;
}

static gboolean
find_backward (SheafEditorPage *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter sel_start;
  GtkTextIter match_start;
  GtkTextIter match_end;
  gboolean wrapped;

  gtk_text_buffer_get_selection_bounds (buffer, &sel_start, NULL);

  if (!gtk_source_search_context_backward (self->search_context, &sel_start,
                                           &match_start, &match_end, &wrapped))
    {
      update_count (self);
      return FALSE;
    }

  select_match (self, &match_start, &match_end);
  return TRUE;
}

static void
show_search (SheafEditorPage *self,
             gboolean         replace)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter start;
  GtkTextIter end;

  /* Matches are in the source: the reading view shows it beside the preview. */
  if (g_strcmp0 (self->view_mode, "reading") == 0)
    sheaf_editor_page_set_view_mode (self, "split");

  /* A selection on one line is what the user wants to find. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *text = gtk_text_iter_get_visible_text (&start, &end);

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }

  gtk_toggle_button_set_active (self->replace_toggle, replace);
  gtk_revealer_set_reveal_child (self->search_revealer, TRUE);
  gtk_source_search_context_set_highlight (self->search_context, TRUE);

  if (replace && gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->replace_entry));
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
    }
}

static void
sheaf_editor_page_find_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  show_search (SHEAF_EDITOR_PAGE (widget), FALSE);
}

static void
sheaf_editor_page_find_replace_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  show_search (SHEAF_EDITOR_PAGE (widget), TRUE);
}

static void
sheaf_editor_page_find_next_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  find_forward (SHEAF_EDITOR_PAGE (widget), FALSE);
}

static void
sheaf_editor_page_find_previous_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  find_backward (SHEAF_EDITOR_PAGE (widget));
}

static void
sheaf_editor_page_close_search_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  SheafEditorPage *self = SHEAF_EDITOR_PAGE (widget);

  gtk_revealer_set_reveal_child (self->search_revealer, FALSE);
  gtk_source_search_context_set_highlight (self->search_context, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
sheaf_editor_page_replace_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  SheafEditorPage *self = SHEAF_EDITOR_PAGE (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  const char *replace = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  g_autoptr(GError) error = NULL;
  GtkTextIter start;
  GtkTextIter end;

  if (!gtk_text_view_get_editable (GTK_TEXT_VIEW (self->source_view)))
    return;

  /* The selection is a match: replace it, then go on to the next one. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_source_search_context_get_occurrence_position (self->search_context, &start, &end) > 0 &&
      !gtk_source_search_context_replace (self->search_context, &start, &end, replace, -1, &error))
    g_debug ("Cannot replace: %s", error->message);

  find_forward (self, FALSE);
}

static void
sheaf_editor_page_replace_all_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  SheafEditorPage *self = SHEAF_EDITOR_PAGE (widget);
  const char *replace = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  g_autoptr(GError) error = NULL;

  if (!gtk_text_view_get_editable (GTK_TEXT_VIEW (self->source_view)))
    return;

  gtk_source_search_context_replace_all (self->search_context, replace, -1, &error);
  if (error != NULL)
    g_debug ("Cannot replace: %s", error->message);
  update_count (self);
}

static void
sheaf_editor_page_search_changed_cb (SheafEditorPage *self,
                                     GtkSearchEntry  *entry)
{
  GtkSourceSearchSettings *settings = gtk_source_search_context_get_settings (self->search_context);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  gtk_source_search_settings_set_search_text (settings, text[0] != '\0' ? text : NULL);
  if (text[0] != '\0')
    find_forward (self, TRUE);
  else
    update_count (self);
}

static void
sheaf_editor_page_search_activate_cb (SheafEditorPage *self,
                                      GtkSearchEntry  *entry)
{
  find_forward (self, FALSE);
}

static void
sheaf_editor_page_search_previous_cb (SheafEditorPage *self,
                                      GtkSearchEntry  *entry)
{
  find_backward (self);
}

static void
sheaf_editor_page_stop_search_cb (SheafEditorPage *self,
                                  GtkSearchEntry  *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.close-search", NULL);
}

static void
sheaf_editor_page_replace_activate_cb (SheafEditorPage *self,
                                       GtkEntry        *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.replace", NULL);
}

void
_sheaf_editor_page_class_init_search (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, sheaf_editor_page_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_editor_page_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_editor_page_search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_editor_page_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_editor_page_replace_activate_cb);

  gtk_widget_class_install_action (widget_class, "editor.find", NULL,
                                   sheaf_editor_page_find_action);
  gtk_widget_class_install_action (widget_class, "editor.find-replace", NULL,
                                   sheaf_editor_page_find_replace_action);
  gtk_widget_class_install_action (widget_class, "editor.find-next", NULL,
                                   sheaf_editor_page_find_next_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "editor.find-next", NULL);
  gtk_widget_class_install_action (widget_class, "editor.find-previous", NULL,
                                   sheaf_editor_page_find_previous_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.find-previous", NULL);
  gtk_widget_class_install_action (widget_class, "editor.close-search", NULL,
                                   sheaf_editor_page_close_search_action);
  gtk_widget_class_install_action (widget_class, "editor.replace", NULL,
                                   sheaf_editor_page_replace_action);
  gtk_widget_class_install_action (widget_class, "editor.replace-all", NULL,
                                   sheaf_editor_page_replace_all_action);
}

void
_sheaf_editor_page_init_search (SheafEditorPage *self)
{
  GtkSourceSearchSettings *settings = gtk_source_search_settings_new ();

  gtk_source_search_settings_set_wrap_around (settings, TRUE);
  gtk_source_search_settings_set_case_sensitive (settings, FALSE);

  self->search_context = gtk_source_search_context_new (GTK_SOURCE_BUFFER (self->document), settings);
  gtk_source_search_context_set_highlight (self->search_context, FALSE);
  g_object_unref (settings);

  g_signal_connect_object (self->search_context, "notify::occurrences-count",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
}
