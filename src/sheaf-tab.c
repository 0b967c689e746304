/* sheaf-tab.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-tab"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-tab.h"

/* SheafTab: what one tab of the window holds. Its own SheafEditorPage (and
 * so its own SheafDocument), the tab's history, and what to show when there
 * is no note or it could not be read. Every way of showing a note in a tab
 * — a link, the note list, back and forward, a rename — goes through
 * navigate(), which remembers where the reader was before leaving. */

struct _SheafTab
{
  GtkWidget        parent_instance;

  /* Owned */
  SheafVault      *vault;
  SheafHistory    *history;
  GCancellable    *cancellable;
  char            *path;        /* the note shown, or that could not be read */

  /* Borrowed */
  AdwTabPage      *tab_page;    /* weak */

  /* Template children */
  GtkStack        *stack;
  SheafEditorPage *page;
  AdwStatusPage   *error_page;
};

typedef struct
{
  SheafTab *self;
  char     *path;
  guint     line;
  gboolean  push;
  gboolean  quiet;              /* a note gone from the disk leaves the tab empty */
  int       from;               /* the history position to go back to on failure, or -1 */
} Request;

G_DEFINE_FINAL_TYPE (SheafTab, sheaf_tab, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_PATH,
  N_PROPS
};

enum { NOTE_SHOWN, SHOW_TOAST, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
request_free (Request *request)
{
  g_clear_object (&request->self);
  g_clear_pointer (&request->path, g_free);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
set_path (SheafTab   *self,
          const char *path)
{
  if (g_strcmp0 (path, self->path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

static char *
dup_title (SheafTab *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  const char *title = sheaf_document_get_title (sheaf_editor_page_get_document (self->page));
  g_autofree char *basename = NULL;

  if (g_str_equal (name, "none") || self->path == NULL)
    return g_strdup (_("New Tab"));

  if (g_str_equal (name, "note") && title != NULL)
    return g_strdup (title);

  basename = g_path_get_basename (self->path);
  if (g_str_has_suffix (basename, ".md"))
    basename[strlen (basename) - 3] = '\0';

  return g_steal_pointer (&basename);
}

/* The tab in the tab bar: the note's title, its path on hover, a spinner
 * while it loads, and a warning when its text is not on disk and autosave
 * cannot put it there (a conflict, or a failed save). */
static void
update_tab_page (SheafTab *self)
{
  SheafDocument *doc = sheaf_editor_page_get_document (self->page);
  g_autofree char *title = NULL;
  g_autoptr(GIcon) icon = NULL;
  const char *warning = NULL;

  if (self->tab_page == NULL)
    return;

  title = dup_title (self);
  adw_tab_page_set_title (self->tab_page, title);
  adw_tab_page_set_tooltip (self->tab_page, self->path != NULL ? self->path : "");
  adw_tab_page_set_loading (self->tab_page, sheaf_document_get_loading (doc));

  if (sheaf_document_get_conflict (doc))
    warning = _("Changed on disk while edited: not saved");
  else if (sheaf_document_get_error (doc) != NULL)
    warning = _("Could not be saved");

  if (warning != NULL)
    icon = g_themed_icon_new ("dialog-warning-symbolic");
  adw_tab_page_set_indicator_icon (self->tab_page, icon);
  adw_tab_page_set_indicator_tooltip (self->tab_page, warning != NULL ? warning : "");
}

static void
show (SheafTab   *self,
      const char *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_tab_page (self);
}

/* Before leaving a note: keep where the reader was, for going back. */
static void
remember_position (SheafTab *self)
{
  SheafDocument *doc = sheaf_editor_page_get_document (self->page);

  if (self->path == NULL ||
      !sheaf_tab_get_has_note (self) ||
      sheaf_document_get_loading (doc) ||
      g_strcmp0 (self->path, sheaf_history_get_path (self->history)) != 0)
    return;

  sheaf_history_set_line (self->history, sheaf_editor_page_get_top_line (self->page));
}

static gboolean
save_failed (SheafTab *self)
{
  SheafDocument *doc = sheaf_editor_page_get_document (self->page);

  /* The note shown could not be saved, so it stays. */
  return self->path != NULL &&
         sheaf_tab_get_has_note (self) &&
         g_strcmp0 (sheaf_document_get_path (doc), self->path) == 0 &&
         !sheaf_document_get_loading (doc);
}

static void
open_failed (SheafTab     *self,
             Request      *request,
             const GError *error)
{
  g_autofree char *message = NULL;

  if (save_failed (self))
    {
      if (request->from >= 0)
        sheaf_history_go_to (self->history, request->from);
      /* Translators: a toast; %s is an error message */
      message = g_strdup_printf (_("The note shown could not be saved: %s"), error->message);
      g_signal_emit (self, signals[SHOW_TOAST], 0, message);
      return;
    }

  if (request->quiet && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      show (self, "none");
      return;
    }

  /* The tab is at that note now, even though it cannot be shown. */
  if (request->push)
    sheaf_history_push (self->history, request->path);
  set_path (self, request->path);
  adw_status_page_set_description (self->error_page, error->message);
  show (self, "note-error");
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  SheafTab *self = request->self;
  g_autoptr(GError) error = NULL;
  SheafDocument *doc;

  if (!sheaf_editor_page_open_finish (SHEAF_EDITOR_PAGE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        open_failed (self, request, error);
      return;
    }

  doc = sheaf_editor_page_get_document (self->page);
  if (request->push)
    sheaf_history_push (self->history, sheaf_document_get_path (doc));
  set_path (self, sheaf_document_get_path (doc));
  show (self, "note");

  if (request->line > 0)
    sheaf_editor_page_scroll_to_line (self->page, request->line);

  g_signal_emit (self, signals[NOTE_SHOWN], 0);
}

static void
navigate_full (SheafTab   *self,
               const char *path,
               const char *fragment,
               guint       line,
               gboolean    push,
               gboolean    quiet,
               int         from)
{
  g_autoptr(GFile) file = NULL;
  Request *request;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->path = g_strdup (path);
  request->line = line;
  request->push = push;
  request->quiet = quiet;
  request->from = from;

  file = g_file_resolve_relative_path (sheaf_vault_get_root (self->vault), path);
  sheaf_editor_page_open_async (self->page, file, path, fragment, self->cancellable,
                                opened_cb, request);
}

static void
navigate (SheafTab   *self,
          const char *path,
          const char *fragment,
          guint       line,
          gboolean    push,
          int         from)
{
  navigate_full (self, path, fragment, line, push, FALSE, from);
}

static void
sheaf_tab_dispose (GObject *object)
{
  SheafTab *self = (SheafTab *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->tab_page);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_TAB);

  g_clear_object (&self->vault);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (sheaf_tab_parent_class)->dispose (object);
}

static void
sheaf_tab_finalize (GObject *object)
{
  SheafTab *self = (SheafTab *)object;

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sheaf_tab_parent_class)->finalize (object);
}

static void
sheaf_tab_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SheafTab *self = SHEAF_TAB (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_tab_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SheafTab *self = SHEAF_TAB (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      sheaf_tab_set_vault (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_tab_class_init (SheafTabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sheaf_tab_dispose;
  object_class->finalize = sheaf_tab_finalize;
  object_class->get_property = sheaf_tab_get_property;
  object_class->set_property = sheaf_tab_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         SHEAF_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SheafTab:path:
   *
   * The vault-relative path of the note the tab is at, or %NULL.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SheafTab::note-shown:
   * @self: the tab
   *
   * A note is shown, whatever the way it was opened.
   */
  signals[NOTE_SHOWN] =
    g_signal_new ("note-shown",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SheafTab::show-toast:
   * @self: the tab
   * @title: a short message, plain text
   */
  signals[SHOW_TOAST] =
    g_signal_new ("show-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SHEAF_TYPE_EDITOR_PAGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sheaf-tab.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafTab, stack);
  gtk_widget_class_bind_template_child (widget_class, SheafTab, page);
  gtk_widget_class_bind_template_child (widget_class, SheafTab, error_page);
}

static void
sheaf_tab_init (SheafTab *self)
{
  static const char * const notify_tab[] = {
    "notify::title", "notify::loading", "notify::conflict", "notify::error",
  };
  SheafDocument *doc;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->history = sheaf_history_new ();

  doc = sheaf_editor_page_get_document (self->page);
  for (guint i = 0; i < G_N_ELEMENTS (notify_tab); i++)
    g_signal_connect_object (doc, notify_tab[i],
                             G_CALLBACK (update_tab_page), self, G_CONNECT_SWAPPED);
}

/**
 * sheaf_tab_new:
 * @vault: (nullable): the vault whose notes the tab shows
 *
 * Returns: (transfer floating): a tab showing no note
 */
SheafTab *
sheaf_tab_new (SheafVault *vault)
{
  g_return_val_if_fail (!vault || SHEAF_IS_VAULT (vault), NULL);

  return g_object_new (SHEAF_TYPE_TAB, "vault", vault, NULL);
}

SheafVault *
sheaf_tab_get_vault (SheafTab *self)
{
  g_return_val_if_fail (SHEAF_IS_TAB (self), NULL);

  return self->vault;
}

/**
 * sheaf_tab_set_vault:
 * @self: a #SheafTab
 * @vault: (nullable): a #SheafVault
 *
 * Another vault: the tab forgets where it has been and shows no note.
 */
void
sheaf_tab_set_vault (SheafTab   *self,
                     SheafVault *vault)
{
  g_return_if_fail (SHEAF_IS_TAB (self));
  g_return_if_fail (!vault || SHEAF_IS_VAULT (vault));

  if (!g_set_object (&self->vault, vault))
    return;

  g_cancellable_cancel (self->cancellable);
  sheaf_history_clear (self->history);
  set_path (self, NULL);
  show (self, "none");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

SheafEditorPage *
sheaf_tab_get_page (SheafTab *self)
{
  g_return_val_if_fail (SHEAF_IS_TAB (self), NULL);

  return self->page;
}

SheafHistory *
sheaf_tab_get_history (SheafTab *self)
{
  g_return_val_if_fail (SHEAF_IS_TAB (self), NULL);

  return self->history;
}

/**
 * sheaf_tab_get_path:
 * @self: a #SheafTab
 *
 * Returns: (nullable): the vault-relative path of the note the tab is at
 */
const char *
sheaf_tab_get_path (SheafTab *self)
{
  g_return_val_if_fail (SHEAF_IS_TAB (self), NULL);

  return self->path;
}

/**
 * sheaf_tab_get_has_note:
 * @self: a #SheafTab
 *
 * Returns: whether the tab shows a note (not its empty or error state)
 */
gboolean
sheaf_tab_get_has_note (SheafTab *self)
{
  g_return_val_if_fail (SHEAF_IS_TAB (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "note") == 0;
}

/**
 * sheaf_tab_set_tab_page:
 * @self: a #SheafTab
 * @tab_page: (nullable): the #AdwTabPage holding @self
 *
 * The tab keeps @tab_page's title, tooltip and indicator up to date.
 */
void
sheaf_tab_set_tab_page (SheafTab   *self,
                        AdwTabPage *tab_page)
{
  g_return_if_fail (SHEAF_IS_TAB (self));
  g_return_if_fail (!tab_page || ADW_IS_TAB_PAGE (tab_page));

  g_set_weak_pointer (&self->tab_page, tab_page);
  update_tab_page (self);
}

/**
 * sheaf_tab_open:
 * @self: a #SheafTab
 * @path: a note's vault-relative path
 * @fragment: (nullable): a heading or "^block" to show
 * @line: a 1-based line to show, or 0
 *
 * Shows the note and records it in the tab's history. Unsaved edits of
 * the note shown are saved first; if that fails, it stays.
 */
void
sheaf_tab_open (SheafTab   *self,
                const char *path,
                const char *fragment,
                guint       line)
{
  g_return_if_fail (SHEAF_IS_TAB (self));
  g_return_if_fail (path != NULL);

  if (self->vault == NULL)
    return;

  remember_position (self);
  navigate (self, path, fragment, line, TRUE, -1);
}

/**
 * sheaf_tab_open_last:
 * @self: a #SheafTab showing no note
 * @path: the vault-relative path of the note a previous session showed
 *
 * Like sheaf_tab_open(), straight from the disk and without waiting for the
 * vault to be indexed; a note that is no longer there leaves the tab empty
 * rather than showing an error.
 */
void
sheaf_tab_open_last (SheafTab   *self,
                     const char *path)
{
  g_return_if_fail (SHEAF_IS_TAB (self));
  g_return_if_fail (path != NULL);

  if (self->vault == NULL)
    return;

  navigate_full (self, path, NULL, 0, TRUE, TRUE, -1);
}

static gboolean
go (SheafTab *self,
    int       step)
{
  guint from = sheaf_history_get_position (self->history);

  if (step < 0 ? !sheaf_history_get_can_go_back (self->history)
               : !sheaf_history_get_can_go_forward (self->history))
    return FALSE;

  if (self->vault == NULL)
    return FALSE;

  remember_position (self);
  sheaf_history_go_to (self->history, from + step);

  /* The line the reader left it at; at least line 1, so that a note opened
   * from its middle before is shown from its top again. */
  navigate (self,
            sheaf_history_get_path (self->history),
            NULL,
            MAX (sheaf_history_get_line (self->history), 1),
            FALSE,
            from);

  return TRUE;
}

/**
 * sheaf_tab_go_back:
 * @self: a #SheafTab
 *
 * Shows the note before in the tab's history, where the reader left it.
 *
 * Returns: %FALSE when there is none
 */
gboolean
sheaf_tab_go_back (SheafTab *self)
{
  g_return_val_if_fail (SHEAF_IS_TAB (self), FALSE);

  return go (self, -1);
}

/**
 * sheaf_tab_go_forward:
 * @self: a #SheafTab
 *
 * Returns: %FALSE when there is no note after the current one
 */
gboolean
sheaf_tab_go_forward (SheafTab *self)
{
  g_return_val_if_fail (SHEAF_IS_TAB (self), FALSE);

  return go (self, 1);
}

/**
 * sheaf_tab_note_renamed:
 * @self: a #SheafTab
 * @old_path: a note's (or a folder's) former vault-relative path
 * @new_path: its path now
 *
 * Re-points the tab's history and, when the tab is at that note, opens it
 * at its new path where the reader was.
 *
 * Returns: whether the tab was at that note
 */
gboolean
sheaf_tab_note_renamed (SheafTab   *self,
                        const char *old_path,
                        const char *new_path)
{
  g_autofree char *path = NULL;
  gsize old_len;

  g_return_val_if_fail (SHEAF_IS_TAB (self), FALSE);
  g_return_val_if_fail (old_path != NULL && new_path != NULL, FALSE);

  remember_position (self);
  sheaf_history_rename (self->history, old_path, new_path);

  old_len = strlen (old_path);
  if (self->path == NULL ||
      strncmp (self->path, old_path, old_len) != 0 ||
      (self->path[old_len] != '\0' && self->path[old_len] != '/'))
    return FALSE;

  path = g_strconcat (new_path, self->path + old_len, NULL);
  if (self->vault != NULL)
    navigate (self, path, NULL,
              MAX (sheaf_editor_page_get_top_line (self->page), 1), FALSE, -1);

  return TRUE;
}
