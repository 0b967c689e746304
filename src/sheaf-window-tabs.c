/* sheaf-window-tabs.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-window-private.h"

/* The window's tabs: notes open in an AdwTabView, each tab a SheafTab with
 * its own page, document and history. The window follows the selected tab
 * (its title, the links panel, the view mode buttons, back and forward);
 * a plain click on a link replaces the selected tab's note, Ctrl+click or a
 * middle click opens a new tab. There is always at least one tab: closing
 * the last one leaves an empty tab, as a browser's window does, so the note
 * list stays usable; Ctrl+W on that empty tab closes the window. */

/* Ctrl+Home/End and Ctrl+Shift+Home/End move in the text of a note. */
#define TAB_SHORTCUTS (ADW_TAB_VIEW_SHORTCUT_ALL_SHORTCUTS & \
                       ~(ADW_TAB_VIEW_SHORTCUT_CONTROL_HOME | \
                         ADW_TAB_VIEW_SHORTCUT_CONTROL_END | \
                         ADW_TAB_VIEW_SHORTCUT_CONTROL_SHIFT_HOME | \
                         ADW_TAB_VIEW_SHORTCUT_CONTROL_SHIFT_END))

#define MOUSE_BUTTON_BACK    8
#define MOUSE_BUTTON_FORWARD 9

static SheafTab *
tab_of (AdwTabPage *page)
{
  return SHEAF_TAB (adw_tab_page_get_child (page));
}

static void
update_history_actions (SheafWindow *self)
{
  SheafHistory *history = self->tab != NULL ? sheaf_tab_get_history (self->tab) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back",
                                 history != NULL && sheaf_history_get_can_go_back (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward",
                                 history != NULL && sheaf_history_get_can_go_forward (history));
}

/* The window's note is the selected tab's, when it shows one. */
static void
sync_note_path (SheafWindow *self)
{
  const char *path = NULL;

  if (self->tab != NULL && sheaf_tab_get_has_note (self->tab))
    path = sheaf_tab_get_path (self->tab);

  _sheaf_window_set_note_path (self, path);
  _sheaf_window_update_title (self);
  if (path != NULL)
    sheaf_sidebar_select_path (self->sidebar, path);
}

static void
tab_note_shown_cb (SheafWindow *self,
                   SheafTab    *tab)
{
  if (tab != self->tab)
    return;

  sync_note_path (self);
  _sheaf_window_note_shown (self);
}

static void
tab_path_cb (SheafWindow *self,
             GParamSpec  *pspec,
             SheafTab    *tab)
{
  if (tab == self->tab)
    sync_note_path (self);
}

static void
show_toast_cb (SheafWindow *self,
               const char  *title)
{
  sheaf_window_show_toast (self, title);
}

static void
page_open_note_cb (SheafWindow     *self,
                   const char      *path,
                   const char      *fragment,
                   gboolean         new_tab,
                   SheafEditorPage *page)
{
  _sheaf_window_open_note_full (self, path, fragment, 0, new_tab);
}

static void
page_create_note_cb (SheafWindow     *self,
                     const char      *path,
                     gboolean         new_tab,
                     SheafEditorPage *page)
{
  _sheaf_window_offer_create_note (self, path, new_tab);
}

/* A tag chip in the preview: the sidebar lists the notes carrying it. */
static void
tag_activated_cb (SheafWindow  *self,
                  const char   *tag,
                  SheafPreview *preview)
{
  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  sheaf_sidebar_show_tag (self->sidebar, tag);
}

static void
connect_tab (SheafWindow *self,
             SheafTab    *tab)
{
  SheafEditorPage *page = sheaf_tab_get_page (tab);

  g_signal_connect_object (tab, "note-shown",
                           G_CALLBACK (tab_note_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tab, "notify::path",
                           G_CALLBACK (tab_path_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tab, "show-toast",
                           G_CALLBACK (show_toast_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "open-note",
                           G_CALLBACK (page_open_note_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "create-note",
                           G_CALLBACK (page_create_note_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "show-toast",
                           G_CALLBACK (show_toast_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sheaf_editor_page_get_preview (page), "tag-activated",
                           G_CALLBACK (tag_activated_cb), self, G_CONNECT_SWAPPED);
}

static void
disconnect_tab (SheafWindow *self,
                SheafTab    *tab)
{
  SheafEditorPage *page = sheaf_tab_get_page (tab);

  g_signal_handlers_disconnect_by_data (tab, self);
  g_signal_handlers_disconnect_by_data (page, self);
  g_signal_handlers_disconnect_by_data (sheaf_editor_page_get_preview (page), self);
}

/* Created here or dragged in from another window: the tab works for this
 * window's vault (one from another vault starts empty). */
static void
page_attached_cb (SheafWindow *self,
                  AdwTabPage  *page,
                  int          position,
                  AdwTabView  *view)
{
  SheafTab *tab = tab_of (page);

  sheaf_tab_set_vault (tab, self->vault);
  sheaf_editor_page_set_host (sheaf_tab_get_page (tab), self->host);
  sheaf_tab_set_tab_page (tab, page);
  connect_tab (self, tab);
}

static void
page_detached_cb (SheafWindow *self,
                  AdwTabPage  *page,
                  int          position,
                  AdwTabView  *view)
{
  disconnect_tab (self, tab_of (page));
}

static void
sheaf_window_selected_page_cb (SheafWindow *self,
                               GParamSpec  *pspec,
                               AdwTabView  *view)
{
  AdwTabPage *selected = adw_tab_view_get_selected_page (view);
  SheafDocument *doc;

  if (selected == NULL)
    return;

  self->tab = tab_of (selected);
  self->page = sheaf_tab_get_page (self->tab);
  doc = sheaf_editor_page_get_document (self->page);

  g_binding_group_set_source (self->page_bindings, self->page);
  g_signal_group_set_target (self->document_signals, doc);
  g_signal_group_set_target (self->history_signals, sheaf_tab_get_history (self->tab));
  sheaf_links_panel_set_document (self->links_panel, doc);

  sync_note_path (self);
  update_history_actions (self);
}

/* Closing a tab ------------------------------------------------------------ */

static void
finish_close (SheafWindow *self,
              AdwTabPage  *page,
              gboolean     confirm)
{
  /* Never without a tab: the last one gives way to an empty one. */
  if (confirm && adw_tab_view_get_n_pages (self->tab_view) == 1)
    _sheaf_window_add_tab (self, TRUE);

  adw_tab_view_close_page_finish (self->tab_view, page, confirm);
}

static void
tab_saved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AdwTabPage) page = user_data;
  GtkWidget *tab = adw_tab_page_get_child (page);
  SheafWindow *self = SHEAF_WINDOW (gtk_widget_get_root (tab));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self == NULL)
    return;

  if (sheaf_editor_page_save_finish (SHEAF_EDITOR_PAGE (object), result, &error))
    {
      finish_close (self, page, TRUE);
      return;
    }

  /* The tab stays, with its text and the error bar saying why. */
  finish_close (self, page, FALSE);
  /* Translators: a toast; %s is an error message */
  message = g_strdup_printf (_("The tab was not closed: its note could not be saved: %s"),
                             error->message);
  sheaf_window_show_toast (self, message);
}

/* Saving before a tab closes: AdwTabView waits for close_page_finish(). */
static gboolean
sheaf_window_close_page_cb (SheafWindow *self,
                            AdwTabPage  *page,
                            AdwTabView  *view)
{
  SheafEditorPage *editor = sheaf_tab_get_page (tab_of (page));

  if (!sheaf_editor_page_get_unsaved (editor))
    finish_close (self, page, TRUE);
  else
    sheaf_editor_page_save_async (editor, NULL, tab_saved_cb, g_object_ref (page));

  return GDK_EVENT_STOP;
}

/* Actions ------------------------------------------------------------------ */

static void
sheaf_window_new_tab_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);

  _sheaf_window_add_tab (self, TRUE);
}

static void
sheaf_window_close_tab_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);

  if (adw_tab_view_get_n_pages (self->tab_view) == 1 && !sheaf_tab_get_has_note (self->tab))
    gtk_window_close (GTK_WINDOW (self));
  else
    adw_tab_view_close_page (self->tab_view, adw_tab_view_get_selected_page (self->tab_view));
}

static void
sheaf_window_go_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);

  if (g_str_equal (action_name, "win.go-back"))
    sheaf_tab_go_back (self->tab);
  else
    sheaf_tab_go_forward (self->tab);
}

/* The mouse's back and forward buttons, wherever the pointer is. */
static void
mouse_pressed_cb (SheafWindow     *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button != MOUSE_BUTTON_BACK && button != MOUSE_BUTTON_FORWARD)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_activate_action (GTK_WIDGET (self),
                              button == MOUSE_BUTTON_BACK ? "win.go-back" : "win.go-forward",
                              NULL);
}

void
_sheaf_window_class_init_tabs (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, tab_view);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_window_selected_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_window_close_page_cb);

  gtk_widget_class_install_action (widget_class, "win.new-tab", NULL,
                                   sheaf_window_new_tab_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.new-tab", NULL);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL,
                                   sheaf_window_close_tab_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close-tab", NULL);

  /* Alt+Left/Right are in init_tabs(): they must win over the source view. */
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, sheaf_window_go_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.go-back", NULL);
  gtk_widget_class_install_action (widget_class, "win.go-forward", NULL, sheaf_window_go_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Forward, 0, "win.go-forward", NULL);
}

/* GtkSourceView binds Alt+Left/Right to moving words, and a focused source
 * view would take them before the window's bindings: back and forward are
 * what users expect of them (as in a browser, Files or Help), so they are
 * caught on the way down. */
static gboolean
history_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  /* Handled even with nowhere to go, so the text never changes instead. */
  gtk_widget_activate_action (widget, user_data, NULL);

  return TRUE;
}

static void
add_history_shortcut (GtkShortcutController *controller,
                      guint                  keyval,
                      const char            *action_name)
{
  GtkShortcutAction *action = gtk_callback_action_new (history_shortcut_cb,
                                                       (gpointer)action_name, NULL);

  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval,
                                                                                  GDK_ALT_MASK),
                                                          action));
}

static void
add_history_shortcuts (SheafWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_history_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Left, "win.go-back");
  add_history_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Right, "win.go-forward");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_sheaf_window_init_tabs (SheafWindow *self)
{
  GtkGesture *gesture;

  adw_tab_view_set_shortcuts (self->tab_view, TAB_SHORTCUTS);
  g_signal_connect_object (self->tab_view, "page-attached",
                           G_CALLBACK (page_attached_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "page-detached",
                           G_CALLBACK (page_detached_cb), self, G_CONNECT_SWAPPED);

  self->page_bindings = g_binding_group_new ();
  g_binding_group_bind (self->page_bindings, "view-mode", self, "view-mode",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  self->document_signals = g_signal_group_new (SHEAF_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::title",
                                 G_CALLBACK (_sheaf_window_update_title), self,
                                 G_CONNECT_SWAPPED);

  self->history_signals = g_signal_group_new (SHEAF_TYPE_HISTORY);
  g_signal_group_connect_object (self->history_signals, "notify::can-go-back",
                                 G_CALLBACK (update_history_actions), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->history_signals, "notify::can-go-forward",
                                 G_CALLBACK (update_history_actions), self, G_CONNECT_SWAPPED);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed",
                           G_CALLBACK (mouse_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  add_history_shortcuts (self);

  _sheaf_window_add_tab (self, TRUE);
}

void
_sheaf_window_dispose_tabs (SheafWindow *self)
{
  /* The tab view empties as it goes: nothing is selected any more. */
  if (self->tab_view != NULL)
    g_signal_handlers_disconnect_by_data (self->tab_view, self);

  if (self->page_bindings != NULL)
    g_binding_group_set_source (self->page_bindings, NULL);
  g_clear_object (&self->page_bindings);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->history_signals);
  self->tab = NULL;
  self->page = NULL;
}

/**
 * _sheaf_window_add_tab:
 * @self: a #SheafWindow
 * @select: whether to show it
 *
 * Adds an empty tab after the selected one, in the view mode shown.
 *
 * Returns: (transfer none): the tab
 */
SheafTab *
_sheaf_window_add_tab (SheafWindow *self,
                       gboolean     select)
{
  SheafTab *tab = sheaf_tab_new (self->vault);
  AdwTabPage *selected = adw_tab_view_get_selected_page (self->tab_view);
  int position = adw_tab_view_get_n_pages (self->tab_view);
  AdwTabPage *page;

  sheaf_editor_page_set_view_mode (sheaf_tab_get_page (tab), self->view_mode);

  if (selected != NULL)
    position = adw_tab_view_get_page_position (self->tab_view, selected) + 1;

  page = adw_tab_view_insert (self->tab_view, GTK_WIDGET (tab), position);
  if (select)
    adw_tab_view_set_selected_page (self->tab_view, page);

  return tab;
}

guint
_sheaf_window_get_n_tabs (SheafWindow *self)
{
  return adw_tab_view_get_n_pages (self->tab_view);
}

SheafTab *
_sheaf_window_get_nth_tab (SheafWindow *self,
                           guint        position)
{
  return tab_of (adw_tab_view_get_nth_page (self->tab_view, position));
}

/* Another vault: one empty tab. The others were saved before. */
void
_sheaf_window_reset_tabs (SheafWindow *self)
{
  AdwTabPage *selected = adw_tab_view_get_selected_page (self->tab_view);

  adw_tab_view_close_other_pages (self->tab_view, selected);
  sheaf_tab_set_vault (self->tab, self->vault);
}

void
_sheaf_window_set_tabs_host (SheafWindow      *self,
                             SheafPreviewHost *host)
{
  for (guint i = 0; i < _sheaf_window_get_n_tabs (self); i++)
    {
      SheafTab *tab = _sheaf_window_get_nth_tab (self, i);

      sheaf_tab_set_vault (tab, self->vault);
      sheaf_editor_page_set_host (sheaf_tab_get_page (tab), host);
    }
}

void
_sheaf_window_rerender_tabs (SheafWindow *self)
{
  for (guint i = 0; i < _sheaf_window_get_n_tabs (self); i++)
    {
      SheafEditorPage *page = sheaf_tab_get_page (_sheaf_window_get_nth_tab (self, i));

      sheaf_preview_rerender (sheaf_editor_page_get_preview (page));
    }
}

/**
 * _sheaf_window_open_note_full:
 * @self: a #SheafWindow
 * @path: a note's vault-relative path
 * @fragment: (nullable): a heading or "^block" to show
 * @line: a 1-based line to show, or 0
 * @new_tab: open it in a new tab (selected) rather than the selected one
 */
void
_sheaf_window_open_note_full (SheafWindow *self,
                              const char  *path,
                              const char  *fragment,
                              guint        line,
                              gboolean     new_tab)
{
  SheafTab *tab;

  g_return_if_fail (SHEAF_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  /* While the vault is indexed, the notes listed are the ones the folders
   * hold: they open from the disk like any other. */
  if (self->vault == NULL ||
      (sheaf_vault_get_loaded (self->vault) ?
       sheaf_vault_get_note (self->vault, path) == NULL :
       !sheaf_note_path_is_note (path)))
    {
      g_autofree char *message = NULL;

      /* Translators: a toast; %s is a note's path */
      message = g_strdup_printf (_("There is no note “%s”"), path);
      sheaf_window_show_toast (self, message);
      return;
    }

  tab = new_tab ? _sheaf_window_add_tab (self, TRUE) : self->tab;
  sheaf_tab_open (tab, path, fragment, line);
}

/**
 * _sheaf_window_note_renamed:
 * @self: a #SheafWindow
 * @old_path: a note's (or a folder's) former vault-relative path
 * @new_path: its path now
 *
 * Re-points every tab at that note to its new path, keeping where the
 * reader was, and every entry of every tab's history. Call it once the
 * file has moved (and, before moving it, _sheaf_window_save_all_async()).
 */
void
_sheaf_window_note_renamed (SheafWindow *self,
                            const char  *old_path,
                            const char  *new_path)
{
  g_return_if_fail (SHEAF_IS_WINDOW (self));
  g_return_if_fail (old_path != NULL && new_path != NULL);

  for (guint i = 0; i < _sheaf_window_get_n_tabs (self); i++)
    sheaf_tab_note_renamed (_sheaf_window_get_nth_tab (self, i), old_path, new_path);

  for (guint i = 0; i < self->recent_notes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->recent_notes, i), old_path))
      {
        g_free (g_ptr_array_index (self->recent_notes, i));
        g_ptr_array_index (self->recent_notes, i) = g_strdup (new_path);
      }
}

/* Saving every tab -------------------------------------------------------- */

typedef struct
{
  guint   pending;
  GError *error;                /* the first failure */
} SaveAll;

static void
save_all_free (SaveAll *save_all)
{
  g_clear_error (&save_all->error);
  g_free (save_all);
}

static void
save_all_done (GTask *task)
{
  SaveAll *save_all = g_task_get_task_data (task);

  if (--save_all->pending > 0)
    return;

  if (save_all->error != NULL)
    g_task_return_error (task, g_steal_pointer (&save_all->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_all_page_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveAll *save_all = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!sheaf_editor_page_save_finish (SHEAF_EDITOR_PAGE (object), result, &error) &&
      save_all->error == NULL)
    save_all->error = g_steal_pointer (&error);

  save_all_done (task);
}

/**
 * _sheaf_window_get_unsaved:
 * @self: a #SheafWindow
 *
 * Returns: whether a tab holds text that is not on disk
 */
gboolean
_sheaf_window_get_unsaved (SheafWindow *self)
{
  for (guint i = 0; i < _sheaf_window_get_n_tabs (self); i++)
    if (sheaf_editor_page_get_unsaved (sheaf_tab_get_page (_sheaf_window_get_nth_tab (self, i))))
      return TRUE;

  return FALSE;
}

/**
 * _sheaf_window_save_all_async:
 * @self: a #SheafWindow
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every tab's text is on disk, or could not be
 * @user_data: data for @callback
 *
 * Saves the unsaved edits of every tab, all at once. Fails with the first
 * error when any could not be saved; the others are saved all the same.
 */
void
_sheaf_window_save_all_async (SheafWindow         *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveAll *save_all;

  g_return_if_fail (SHEAF_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _sheaf_window_save_all_async);
  save_all = g_new0 (SaveAll, 1);
  save_all->pending = 1;        /* held until every save has started */
  g_task_set_task_data (task, save_all, (GDestroyNotify)save_all_free);

  for (guint i = 0; i < _sheaf_window_get_n_tabs (self); i++)
    {
      SheafEditorPage *page = sheaf_tab_get_page (_sheaf_window_get_nth_tab (self, i));

      if (!sheaf_editor_page_get_unsaved (page))
        continue;

      save_all->pending++;
      sheaf_editor_page_save_async (page, cancellable, save_all_page_cb, g_object_ref (task));
    }

  save_all_done (task);
}

gboolean
_sheaf_window_save_all_finish (SheafWindow   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (SHEAF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
