/* sheaf-window.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-editor-page.h"
#include "sheaf-note.h"
#include "sheaf-sidebar.h"
#include "sheaf-vault-host.h"
#include "sheaf-vault.h"
#include "sheaf-window-private.h"

/* SheafWindow: one vault. The note list on the left; the notes on the right,
 * in tabs (a SheafTab, each with its SheafEditorPage). This file opens
 * vaults; the tabs and opening notes are in sheaf-window-tabs.c, the
 * actions and what happens when the window closes in sheaf-window-actions.c. */

#define RERENDER_DELAY_MS 300
#define PULSE_INTERVAL_MS 100

G_DEFINE_FINAL_TYPE (SheafWindow, sheaf_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_VAULT_PATH,
  PROP_NOTE_PATH,
  PROP_VIEW_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sheaf_window_set_page (SheafWindow *self,
                       const char  *name)
{
  g_assert (SHEAF_IS_WINDOW (self));

  /* The loading page shows for the few milliseconds before the vault is
   * found: a cross-fade from it would only hold up the note. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    gtk_stack_set_visible_child_full (self->stack, name, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->stack, name);
}

void
_sheaf_window_update_title (SheafWindow *self)
{
  g_autofree char *vault_name = NULL;
  g_autofree char *window_title = NULL;
  SheafDocument *doc = sheaf_editor_page_get_document (self->page);
  const char *title = NULL;

  g_assert (SHEAF_IS_WINDOW (self));

  if (self->vault == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Sheaf"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Sheaf"));
      return;
    }

  vault_name = g_file_get_basename (sheaf_vault_get_root (self->vault));

  if (self->note_path != NULL &&
      g_strcmp0 (sheaf_document_get_path (doc), self->note_path) == 0)
    title = sheaf_document_get_title (doc);

  if (title != NULL)
    {
      adw_window_title_set_title (self->window_title, title);
      adw_window_title_set_subtitle (self->window_title, vault_name);
      /* Translators: the window title: a note's title, then its vault's name. */
      window_title = g_strdup_printf (_("%s — %s"), title, vault_name);
    }
  else
    {
      adw_window_title_set_title (self->window_title, vault_name);
      adw_window_title_set_subtitle (self->window_title, NULL);
      window_title = g_strdup (vault_name);
    }

  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

void
_sheaf_window_set_note_path (SheafWindow *self,
                             const char  *note_path)
{
  g_assert (SHEAF_IS_WINDOW (self));

  if (g_strcmp0 (note_path, self->note_path) == 0)
    return;

  g_free (self->note_path);
  self->note_path = g_strdup (note_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE_PATH]);

  _sheaf_window_update_title (self);
}

static void
sheaf_window_note_activated_cb (SheafWindow  *self,
                                const char   *path,
                                SheafSidebar *sidebar)
{
  sheaf_window_open_note (self, path, NULL);
}

/* A row of the links panel: the note shown scrolls, another one opens. */
static void
sheaf_window_open_location_cb (SheafWindow     *self,
                               const char      *path,
                               const char      *fragment,
                               guint            line,
                               SheafLinksPanel *panel)
{
  if (fragment == NULL && line > 0 && g_strcmp0 (path, self->note_path) == 0)
    sheaf_editor_page_scroll_to_line (self->page, line);
  else if (fragment != NULL)
    sheaf_window_open_note (self, path, fragment);
  else
    _sheaf_window_open_note_at_line (self, path, line);
}

static void
sheaf_window_show_toast_cb (SheafWindow     *self,
                            const char      *title,
                            SheafEditorPage *page)
{
  sheaf_window_show_toast (self, title);
}

static void
sheaf_window_progress_cb (SheafWindow *self,
                          guint        done,
                          guint        total,
                          SheafVault  *vault)
{
  g_autofree char *description = NULL;

  if (vault != self->vault || total == 0)
    return;

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, (double)done / total);
  /* Translators: while a vault is indexed: files read so far, of all files found */
  description = g_strdup_printf (_("Indexing: %u of %u files"), done, total);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_bar), description);
}

/* While the folders are walked, nothing is counted yet: the bar pulses. */
static gboolean
sheaf_window_pulse_cb (gpointer user_data)
{
  SheafWindow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

/* The folders are walked: the notes are listed while they are read. */
static void
sheaf_window_scanned_cb (SheafWindow *self,
                         SheafVault  *vault)
{
  GPtrArray *paths = sheaf_vault_get_scanned_paths (vault);

  if (vault != self->vault || paths == NULL)
    return;

  sheaf_sidebar_show_paths (self->sidebar, paths);
  if (self->note_path != NULL)
    sheaf_sidebar_select_path (self->sidebar, self->note_path);
  else if (self->pending_note == NULL)
    sheaf_sidebar_focus_list (self->sidebar);
}

/* The note the last session showed, or the one asked for, opens straight
 * from the disk while the vault is indexed (DESIGN.md §5: the first frame
 * shows it). Only a note inside the vault. */
static void
sheaf_window_open_pending (SheafWindow *self)
{
  g_autoptr(GFile) file = NULL;
  GFile *root = sheaf_vault_get_root (self->vault);

  if (self->pending_note == NULL || !sheaf_note_path_is_note (self->pending_note))
    {
      g_clear_pointer (&self->pending_note, g_free);
      return;
    }

  file = g_file_resolve_relative_path (root, self->pending_note);
  if (!g_file_has_prefix (file, root))
    {
      g_clear_pointer (&self->pending_note, g_free);
      return;
    }

  sheaf_tab_open_last (self->tab, self->pending_note);
}

static gboolean
sheaf_window_rerender_cb (gpointer user_data)
{
  SheafWindow *self = user_data;

  self->rerender_source = 0;
  _sheaf_window_rerender_tabs (self);

  return G_SOURCE_REMOVE;
}

/* A note came or went: links in the notes shown may resolve differently. */
static void
sheaf_window_vault_changed_cb (SheafWindow *self,
                               const char  *path,
                               SheafVault  *vault)
{
  if (self->rerender_source == 0)
    self->rerender_source = g_timeout_add (RERENDER_DELAY_MS, sheaf_window_rerender_cb, self);

  if (g_list_model_get_n_items (sheaf_sidebar_get_model (self->sidebar)) > 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    sheaf_window_set_page (self, "vault");
}

static void
sheaf_window_vault_loaded_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(SheafWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;
  SheafVault *vault = SHEAF_VAULT (object);

  g_assert (SHEAF_IS_WINDOW (self));

  if (!sheaf_vault_load_finish (vault, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && vault == self->vault)
        sheaf_window_show_error (self, error->message);
      return;
    }

  /* Another vault was opened in the meantime. */
  if (vault != self->vault)
    return;

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  sheaf_sidebar_set_vault (self->sidebar, vault);
  sheaf_links_panel_set_vault (self->links_panel, vault);

  sheaf_vault_watch (vault);
  g_signal_connect_object (vault, "note-added",
                           G_CALLBACK (sheaf_window_vault_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vault, "note-removed",
                           G_CALLBACK (sheaf_window_vault_changed_cb), self, G_CONNECT_SWAPPED);

  _sheaf_window_vault_loaded_switcher (self);
  /* It starts the recent notes afresh: the note shown meanwhile is one. */
  _sheaf_window_note_shown (self);

  pending = g_steal_pointer (&self->pending_note);

  /* The note shown was rendered before links could be resolved. */
  g_clear_handle_id (&self->rerender_source, g_source_remove);
  _sheaf_window_rerender_tabs (self);

  if (sheaf_vault_get_n_notes (vault) == 0)
    sheaf_window_set_page (self, "empty");
  else if (self->note_path != NULL)
    sheaf_sidebar_select_path (self->sidebar, self->note_path);
  else if (pending == NULL || !sheaf_tab_get_has_note (self->tab))
    sheaf_sidebar_focus_list (self->sidebar);

  /* Bound only now, so that a window still loading never overwrites what
   * the last session left behind. */
  g_settings_bind (self->settings, "last-vault", self, "vault-path", G_SETTINGS_BIND_SET);
  g_settings_bind (self->settings, "last-note", self, "note-path", G_SETTINGS_BIND_SET);
}

static gboolean
sheaf_window_close_request (GtkWindow *window)
{
  if (_sheaf_window_hold_close (SHEAF_WINDOW (window)))
    return TRUE;

  return GTK_WINDOW_CLASS (sheaf_window_parent_class)->close_request (window);
}

static void
sheaf_window_constructed (GObject *object)
{
  SheafWindow *self = (SheafWindow *)object;

  G_OBJECT_CLASS (sheaf_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "window-width",
                   self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height",
                   self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized",
                   self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "pane-position",
                   self->paned, "position", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "view-mode",
                   self, "view-mode", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "links-panel-visible",
                   self->links_button, "active", G_SETTINGS_BIND_DEFAULT);
}

static void
sheaf_window_dispose (GObject *object)
{
  SheafWindow *self = (SheafWindow *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->rerender_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  _sheaf_window_dispose_switcher (self);
  _sheaf_window_dispose_tabs (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_WINDOW);

  g_clear_object (&self->host);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sheaf_window_parent_class)->dispose (object);
}

static void
sheaf_window_finalize (GObject *object)
{
  SheafWindow *self = (SheafWindow *)object;

  g_clear_pointer (&self->vault_path, g_free);
  g_clear_pointer (&self->note_path, g_free);
  g_clear_pointer (&self->pending_note, g_free);
  g_clear_pointer (&self->view_mode, g_free);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (sheaf_window_parent_class)->finalize (object);
}

static void
sheaf_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SheafWindow *self = SHEAF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    /* Never NULL: these are bound to string settings. */
    case PROP_VAULT_PATH:
      g_value_set_string (value, self->vault_path != NULL ? self->vault_path : "");
      break;

    case PROP_NOTE_PATH:
      g_value_set_string (value, self->note_path != NULL ? self->note_path : "");
      break;

    case PROP_VIEW_MODE:
      g_value_set_string (value, self->view_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SheafWindow *self = SHEAF_WINDOW (object);
  const char *mode;

  switch (prop_id)
    {
    case PROP_VIEW_MODE:
      mode = g_value_get_string (value);
      if (g_strcmp0 (mode, "source") != 0 && g_strcmp0 (mode, "reading") != 0)
        mode = "split";
      if (g_strcmp0 (mode, self->view_mode) != 0)
        {
          g_free (self->view_mode);
          self->view_mode = g_strdup (mode);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_window_class_init (SheafWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sheaf_window_constructed;
  object_class->dispose = sheaf_window_dispose;
  object_class->finalize = sheaf_window_finalize;
  object_class->get_property = sheaf_window_get_property;
  object_class->set_property = sheaf_window_set_property;

  window_class->close_request = sheaf_window_close_request;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         SHEAF_TYPE_VAULT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_VAULT_PATH] =
    g_param_spec_string ("vault-path", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE_PATH] =
    g_param_spec_string ("note-path", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SheafWindow:view-mode:
   *
   * How the note is shown: "source", "split" or "reading". Bound to the
   * view-mode setting, and the state of the win.view-mode action.
   */
  properties[PROP_VIEW_MODE] =
    g_param_spec_string ("view-mode", NULL, NULL,
                         "split",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHEAF_TYPE_TAB);
  g_type_ensure (SHEAF_TYPE_SIDEBAR);
  g_type_ensure (SHEAF_TYPE_LINKS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sheaf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, title_button);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, links_button);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, links_panel);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_window_open_location_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_window_note_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_window_show_toast_cb);

  _sheaf_window_class_init_actions (widget_class);
  _sheaf_window_class_init_switcher (widget_class);
  _sheaf_window_class_init_tabs (widget_class);
  _sheaf_window_class_init_rename (widget_class);
}

static void
sheaf_window_init (SheafWindow *self)
{
  self->view_mode = g_strdup ("split");

  gtk_widget_init_template (GTK_WIDGET (self));
  _sheaf_window_init_switcher (self);
  _sheaf_window_init_tabs (self);

  self->settings = g_settings_new (APP_ID);

  sheaf_window_set_page (self, "loading");
  _sheaf_window_update_title (self);
}

/**
 * sheaf_window_new:
 * @application: the #GtkApplication the window belongs to
 *
 * Returns: (transfer full): a new window showing a spinner until a vault is opened
 */
SheafWindow *
sheaf_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (SHEAF_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * sheaf_window_get_vault:
 * @self: a #SheafWindow
 *
 * Returns: (transfer none) (nullable): the vault shown, if any
 */
SheafVault *
sheaf_window_get_vault (SheafWindow *self)
{
  g_return_val_if_fail (SHEAF_IS_WINDOW (self), NULL);

  return self->vault;
}

/**
 * sheaf_window_get_note_path:
 * @self: a #SheafWindow
 *
 * Returns: (nullable): the vault-relative path of the note shown, if any
 */
const char *
sheaf_window_get_note_path (SheafWindow *self)
{
  g_return_val_if_fail (SHEAF_IS_WINDOW (self), NULL);

  return self->note_path;
}

/**
 * sheaf_window_get_sidebar:
 * @self: a #SheafWindow
 *
 * Returns: (transfer none): the note list
 */
SheafSidebar *
sheaf_window_get_sidebar (SheafWindow *self)
{
  g_return_val_if_fail (SHEAF_IS_WINDOW (self), NULL);

  return self->sidebar;
}

/**
 * sheaf_window_get_editor_page:
 * @self: a #SheafWindow
 *
 * Returns: (transfer none): the note area of the selected tab
 */
SheafEditorPage *
sheaf_window_get_editor_page (SheafWindow *self)
{
  g_return_val_if_fail (SHEAF_IS_WINDOW (self), NULL);

  return self->page;
}

static void
open_vault_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SheafWindow *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GFile *root = g_task_get_task_data (task);
  g_autofree char *message = NULL;

  if (!_sheaf_window_save_all_finish (self, result, &error))
    {
      /* Translators: a toast; %s is an error message */
      message = g_strdup_printf (_("A note could not be saved: %s"), error->message);
      sheaf_window_show_toast (self, message);
      return;
    }

  sheaf_window_open_vault (self, root, g_object_get_data (G_OBJECT (task), "note-path"));
}

/**
 * sheaf_window_open_vault:
 * @self: a #SheafWindow
 * @root: the vault's folder
 * @note_path: (nullable): a vault-relative note to show once the vault is loaded
 *
 * Replaces what the window shows with the vault at @root, loading it in
 * the background. Unsaved edits in every tab are saved first.
 */
void
sheaf_window_open_vault (SheafWindow *self,
                         GFile       *root,
                         const char  *note_path)
{
  g_return_if_fail (SHEAF_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (root));

  if (_sheaf_window_get_unsaved (self))
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, NULL, NULL);

      g_task_set_source_tag (task, sheaf_window_open_vault);
      g_task_set_task_data (task, g_object_ref (root), g_object_unref);
      g_object_set_data_full (G_OBJECT (task), "note-path", g_strdup (note_path), g_free);
      _sheaf_window_save_all_async (self, NULL, open_vault_saved_cb, g_steal_pointer (&task));
      return;
    }

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  g_settings_unbind (self, "vault-path");
  g_settings_unbind (self, "note-path");

  sheaf_sidebar_set_vault (self->sidebar, NULL);
  _sheaf_window_set_tabs_host (self, NULL);
  g_clear_object (&self->host);

  g_free (self->pending_note);
  self->pending_note = g_strdup (note_path);

  if (self->vault != NULL)
    g_signal_handlers_disconnect_by_data (self->vault, self);
  g_clear_object (&self->vault);
  self->vault = sheaf_vault_new (root);
  _sheaf_window_reset_tabs (self);
  g_free (self->vault_path);
  self->vault_path = g_file_get_path (root);
  g_signal_connect_object (self->vault, "progress",
                           G_CALLBACK (sheaf_window_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vault, "scanned",
                           G_CALLBACK (sheaf_window_scanned_cb), self, G_CONNECT_SWAPPED);

  _sheaf_window_set_note_path (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT_PATH]);

  /* The vault shows at once: the note from the disk, the list once the
   * folders are walked, links, tags, backlinks and search once the notes
   * are indexed, with a thin bar meanwhile. The host resolves nothing
   * until then. */
  self->host = SHEAF_PREVIEW_HOST (sheaf_vault_host_new (self->vault));
  _sheaf_window_set_tabs_host (self, self->host);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_pulse_step (self->progress_bar, 0.1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_bar), _("Indexing"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  self->pulse_source = g_timeout_add (PULSE_INTERVAL_MS, sheaf_window_pulse_cb, self);
  _sheaf_window_update_title (self);
  sheaf_window_set_page (self, "vault");
  sheaf_window_open_pending (self);

  sheaf_vault_load_async (self->vault,
                          self->load_cancellable,
                          sheaf_window_vault_loaded_cb,
                          g_object_ref (self));
}

/**
 * sheaf_window_open_note:
 * @self: a #SheafWindow
 * @path: a note's vault-relative path
 * @fragment: (nullable): a heading or "^block" to show
 *
 * Shows the note in the selected tab, after saving the unsaved edits of
 * the note shown there.
 */
void
sheaf_window_open_note (SheafWindow *self,
                        const char  *path,
                        const char  *fragment)
{
  g_return_if_fail (SHEAF_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  _sheaf_window_open_note_full (self, path, fragment, 0, FALSE);
}

/**
 * sheaf_window_show_error:
 * @self: a #SheafWindow
 * @message: what went wrong, for the user
 *
 * Shows @message in place of the vault, with a way to open another one.
 */
void
sheaf_window_show_error (SheafWindow *self,
                         const char  *message)
{
  g_return_if_fail (SHEAF_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  adw_status_page_set_description (self->error_page, message);
  sheaf_window_set_page (self, "error");
}

/**
 * sheaf_window_show_toast:
 * @self: a #SheafWindow
 * @title: a short message, plain text
 */
void
sheaf_window_show_toast (SheafWindow *self,
                         const char  *title)
{
  g_autofree char *markup = NULL;
  AdwToast *toast;

  g_return_if_fail (SHEAF_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);

  /* AdwToast:title is markup (libadwaita 1.2 has no use-markup to turn it off). */
  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
_sheaf_window_get_last_toast (SheafWindow *self)
{
  g_return_val_if_fail (SHEAF_IS_WINDOW (self), NULL);

  return self->last_toast;
}
