/* sheaf-window-actions.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-window-private.h"

/* The window's actions, and closing: every tab's note is saved first, and
 * if some text cannot be saved the user decides (DESIGN.md §2.2: never lost
 * silently). The tabs' own actions are in sheaf-window-tabs.c. */

static const char * const view_modes[] = { "source", "split", "reading" };

static gboolean
has_note (SheafWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "vault") == 0 &&
         sheaf_tab_get_has_note (self->tab);
}

static void
sheaf_window_cycle_view_mode_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);
  guint next = 0;

  for (guint i = 0; i < G_N_ELEMENTS (view_modes); i++)
    if (g_strcmp0 (self->view_mode, view_modes[i]) == 0)
      next = (i + 1) % G_N_ELEMENTS (view_modes);

  g_object_set (self, "view-mode", view_modes[next], NULL);
}

static void
sheaf_window_filter_notes_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "vault") != 0)
    return;

  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "notes");
  sheaf_sidebar_focus_filter (self->sidebar);
}

static void
sheaf_window_toggle_sidebar_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);
  gboolean show = !gtk_widget_get_visible (GTK_WIDGET (self->sidebar));

  gtk_toggle_button_set_active (self->sidebar_button, show);
  if (!show && has_note (self))
    sheaf_editor_page_focus (self->page);
}

static void
sheaf_window_toggle_links_panel_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);

  gtk_toggle_button_set_active (self->links_button,
                                !gtk_toggle_button_get_active (self->links_button));
}

static void
sheaf_window_find_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);

  if (has_note (self))
    gtk_widget_activate_action (GTK_WIDGET (self->page),
                                g_str_equal (action_name, "win.find") ? "editor.find"
                                                                      : "editor.find-replace",
                                NULL);
}

/* Closing ------------------------------------------------------------------ */

static void
close_now (SheafWindow *self)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
copy_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SheafWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      close_now (self);
      return;
    }

  /* Translators: a toast; %s is an error message */
  message = g_strdup_printf (_("Could not save a copy: %s"), error->message);
  sheaf_window_show_toast (self, message);
}

/* The one tab whose text could not be saved, or NULL when there are more. */
static SheafEditorPage *
only_unsaved_page (SheafWindow *self)
{
  SheafEditorPage *found = NULL;

  for (guint i = 0; i < _sheaf_window_get_n_tabs (self); i++)
    {
      SheafEditorPage *page = sheaf_tab_get_page (_sheaf_window_get_nth_tab (self, i));

      if (!sheaf_editor_page_get_unsaved (page))
        continue;
      if (found != NULL)
        return NULL;
      found = page;
    }

  return found;
}

static void
copy_chooser_response_cb (SheafWindow          *self,
                          int                   response,
                          GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;
  SheafEditorPage *page = only_unsaved_page (self);

  if (response == GTK_RESPONSE_ACCEPT && page != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (file != NULL)
    {
      GtkTextBuffer *buffer = GTK_TEXT_BUFFER (sheaf_editor_page_get_document (page));
      g_autoptr(GBytes) bytes = NULL;
      GtkTextIter start;
      GtkTextIter end;
      char *text;

      /* The copy is the text as shown, UTF-8 with LF line ends; the note's
       * own file is left alone. */
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      bytes = g_bytes_new_take (text, strlen (text));
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                           copy_written_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
save_copy_elsewhere (SheafWindow     *self,
                     SheafEditorPage *page)
{
  SheafDocument *doc = sheaf_editor_page_get_document (page);
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Save a Copy"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  /* Translators: the file name offered for a copy of unsaved text; %s is the note's title */
  name = g_strdup_printf (_("%s (unsaved copy).md"),
                          sheaf_document_get_title (doc) != NULL ? sheaf_document_get_title (doc)
                                                                 : _("Untitled"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_signal_connect_object (native, "response",
                           G_CALLBACK (copy_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
unsaved_dialog_response_cb (SheafWindow      *self,
                            const char       *response,
                            AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    close_now (self);
  else if (g_str_equal (response, "copy") && only_unsaved_page (self) != NULL)
    save_copy_elsewhere (self, only_unsaved_page (self));
}

/* "A", "B" and "C": the titles of the tabs whose text is not on disk. */
static char *
dup_unsaved_titles (SheafWindow *self,
                    guint       *n_unsaved)
{
  GString *titles = g_string_new (NULL);

  *n_unsaved = 0;
  for (guint i = 0; i < _sheaf_window_get_n_tabs (self); i++)
    {
      SheafEditorPage *page = sheaf_tab_get_page (_sheaf_window_get_nth_tab (self, i));
      const char *title = sheaf_document_get_title (sheaf_editor_page_get_document (page));

      if (!sheaf_editor_page_get_unsaved (page))
        continue;

      (*n_unsaved)++;
      /* Translators: one line of a list of notes; %s is a note's title */
      g_string_append_printf (titles, _("\n• “%s”"), title != NULL ? title : _("Untitled"));
    }

  return g_string_free (titles, FALSE);
}

static void
ask_about_unsaved (SheafWindow  *self,
                   const GError *error)
{
  SheafEditorPage *page = only_unsaved_page (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *titles = NULL;
  guint n_unsaved;
  GtkWidget *dialog;

  titles = dup_unsaved_titles (self, &n_unsaved);

  if (page != NULL)
    {
      const char *title = sheaf_document_get_title (sheaf_editor_page_get_document (page));

      /* Translators: a dialog's heading; %s is a note's title */
      heading = g_strdup_printf (_("“%s” Could Not Be Saved"), title != NULL ? title : _("Untitled"));
    }
  else
    {
      /* Translators: a dialog's heading; %u is a number of notes, more than one */
      heading = g_strdup_printf (ngettext ("%u Note Could Not Be Saved",
                                           "%u Notes Could Not Be Saved", n_unsaved),
                                 n_unsaved);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    body = g_strdup (_("The note changed on disk while you were editing it. "
                       "If you close now, your latest changes are lost."));
  else
    /* Translators: %s is an error message */
    body = g_strdup_printf (_("%s\n\nIf you close now, your latest changes are lost."),
                            error->message);

  if (page == NULL)
    {
      char *with_titles = g_strconcat (body, "\n", titles, NULL);

      g_free (body);
      body = with_titles;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* A copy elsewhere is offered for one note; with several, Cancel and
   * each tab's own Save a Copy bar do it. */
  if (page != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "copy", _("_Save a Copy…"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (unsaved_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SheafWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->closing = FALSE;

  if (_sheaf_window_save_all_finish (self, result, &error))
    close_now (self);
  else
    ask_about_unsaved (self, error);
}

/* Returns %TRUE to keep the window open for now. */
gboolean
_sheaf_window_hold_close (SheafWindow *self)
{
  if (self->close_confirmed || !_sheaf_window_get_unsaved (self))
    return FALSE;

  /* Save first, then close; a second request meanwhile waits for that. */
  if (!self->closing)
    {
      self->closing = TRUE;
      _sheaf_window_save_all_async (self, NULL, close_saved_cb, g_object_ref (self));
    }

  return TRUE;
}

void
_sheaf_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "win.view-mode", "view-mode");
  gtk_widget_class_install_action (widget_class, "win.cycle-view-mode", NULL,
                                   sheaf_window_cycle_view_mode_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.cycle-view-mode", NULL);

  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL,
                                   sheaf_window_toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       "win.toggle-sidebar", NULL);

  gtk_widget_class_install_action (widget_class, "win.toggle-links-panel", NULL,
                                   sheaf_window_toggle_links_panel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, 0,
                                       "win.toggle-links-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.toggle-links-panel", NULL);

  gtk_widget_class_install_action (widget_class, "win.filter-notes", NULL,
                                   sheaf_window_filter_notes_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.filter-notes", NULL);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, sheaf_window_find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find", NULL);
  gtk_widget_class_install_action (widget_class, "win.find-replace", NULL,
                                   sheaf_window_find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "win.find-replace", NULL);
}
