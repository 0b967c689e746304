/* sheaf-editor-page.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-editor-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-completion-provider.h"
#include "sheaf-editor-page-private.h"
#include "sheaf-vault-host.h"

/* SheafEditorPage: the note area. The source (a GtkSourceView on the
 * SheafDocument) and the SheafPreview of the document's "note" share a
 * GtkPaned; the view mode shows one or both. The bars above tell what the
 * document reports: a conflict with the file on disk, a failed save, a
 * read-only or deleted note. Nothing here reads or parses a file: the
 * document and the preview host do. */

#define LANGUAGE_SPECS_PATH "resource://" RESOURCE_BASE "/language-specs"

G_DEFINE_FINAL_TYPE (SheafEditorPage, sheaf_editor_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_HOST,
  PROP_VIEW_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint _sheaf_editor_page_signals[N_EDITOR_PAGE_SIGNALS];

/* A language manager of our own, so that our language spec (in the
 * resources) is on its search path before any language is loaded. */
static GtkSourceLanguage *
get_note_language (void)
{
  static GtkSourceLanguageManager *manager;

  if (manager == NULL)
    {
      const char * const *defaults;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) dirs = NULL;

      manager = gtk_source_language_manager_new ();
      defaults = gtk_source_language_manager_get_search_path (manager);
      g_strv_builder_add (builder, LANGUAGE_SPECS_PATH);
      g_strv_builder_addv (builder, (const char **)defaults);
      dirs = g_strv_builder_end (builder);
      gtk_source_language_manager_set_search_path (manager, (const char * const *)dirs);
    }

  return gtk_source_language_manager_get_language (manager, "sheaf-markdown");
}

void
_sheaf_editor_page_show_toast (SheafEditorPage *self,
            const char      *title)
{
  g_signal_emit (self, _sheaf_editor_page_signals[EDITOR_PAGE_SHOW_TOAST], 0, title);
}

static gboolean
is_source_visible (SheafEditorPage *self)
{
  return g_strcmp0 (self->view_mode, "reading") != 0;
}

static gboolean
is_split (SheafEditorPage *self)
{
  return g_strcmp0 (self->view_mode, "split") == 0;
}

static int
paned_get_max_position (GtkPaned *paned)
{
  int max_position = 0;

  g_object_get (paned, "max-position", &max_position, NULL);

  return max_position;
}

/* The split starts in the middle; GtkPaned keeps the proportion when the
 * window is resized, and the user may move it.
 *
 * Half the paned's width, not of max-position: that is the width less the
 * preview's minimum, and half of it gave the preview the larger part, or the
 * source only its minimum. GtkPaned clamps the position to both panes'
 * minimums.
 *
 * Set here, while the paned is being allocated (it notifies before it
 * places its children, and gtk_widget_get_width() is already the new
 * width): from an idle, the split would move in a later frame and reflow
 * both text views again, and GTK 4.8 then snapshots the paned without an
 * allocation ("Trying to snapshot GtkPaned … without a current
 * allocation"). */
static void
sheaf_editor_page_max_position_cb (SheafEditorPage *self,
                                   GParamSpec      *pspec,
                                   GtkPaned        *paned)
{
  if (self->split_placed || !is_split (self) || paned_get_max_position (paned) <= 0)
    return;

  self->split_placed = TRUE;
  gtk_paned_set_position (paned, gtk_widget_get_width (GTK_WIDGET (paned)) / 2);
}

static void
sheaf_editor_page_apply_view_mode (SheafEditorPage *self)
{
  gboolean source_visible = is_source_visible (self);
  gboolean preview_visible = g_strcmp0 (self->view_mode, "source") != 0;
  gboolean source_was_visible = gtk_widget_get_visible (self->source_box);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  guint top_line;

  /* Keep the place: what was at the top of the pane shown so far. */
  if (source_was_visible)
    top_line = _sheaf_editor_page_source_get_top_line (self);
  else
    top_line = sheaf_preview_get_top_line (self->preview);

  gtk_widget_set_visible (self->source_box, source_visible);
  gtk_widget_set_visible (GTK_WIDGET (self->preview), preview_visible);

  if (!source_visible)
    {
      gtk_revealer_set_reveal_child (self->search_revealer, FALSE);
      if (focus != NULL && gtk_widget_is_ancestor (focus, self->source_box))
        gtk_widget_grab_focus (GTK_WIDGET (sheaf_preview_get_text_view (self->preview)));
    }
  else if (!preview_visible && focus != NULL &&
           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->preview)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
    }

  if (top_line > 1)
    {
      if (source_visible && !source_was_visible)
        _sheaf_editor_page_source_scroll_to_line (self, top_line);
      if (preview_visible && source_was_visible)
        sheaf_preview_scroll_to_line (self->preview, top_line);
    }
}

static void
sheaf_editor_page_update_bars (SheafEditorPage *self)
{
  SheafDocument *doc = self->document;
  const char *error = sheaf_document_get_error (doc);
  gboolean read_only = sheaf_document_get_read_only (doc);
  gboolean deleted = sheaf_document_get_deleted (doc);

  gtk_revealer_set_reveal_child (self->conflict_revealer, sheaf_document_get_conflict (doc));

  if (error != NULL)
    gtk_label_set_label (self->error_label, error);
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL);

  if (read_only)
    {
      const char *problem = sheaf_document_get_problem (doc);

      gtk_label_set_label (self->notice_label,
                           problem != NULL ? problem : _("This note is shown read-only."));
    }
  else if (deleted)
    gtk_label_set_label (self->notice_label,
                         _("This note was deleted on disk. Your text is still here."));

  gtk_widget_set_visible (self->notice_button, !read_only && deleted);
  gtk_revealer_set_reveal_child (self->notice_revealer, read_only || deleted);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), !read_only);

  _sheaf_editor_page_update_actions (self);
}

static const char *
document_title (SheafEditorPage *self)
{
  const char *title = sheaf_document_get_title (self->document);

  return title != NULL ? title : _("Untitled");
}

static void
sheaf_editor_page_reloaded_cb (SheafEditorPage *self,
                               SheafDocument   *document)
{
  g_autofree char *title = NULL;

  /* Translators: a toast; %s is a note's title */
  title = g_strdup_printf (_("“%s” was changed on disk and reloaded"), document_title (self));
  _sheaf_editor_page_show_toast (self, title);
}

void
_sheaf_editor_page_note_changed_cb (SheafEditorPage *self,
                                   GParamSpec      *pspec,
                                   SheafDocument   *document)
{
  SheafNote *note = sheaf_document_get_note (document);

  sheaf_preview_set_note (self->preview, note);

  if (self->pending_fragment != NULL && note != NULL)
    {
      g_autofree char *fragment = g_steal_pointer (&self->pending_fragment);

      sheaf_editor_page_scroll_to_fragment (self, fragment);
    }
}

static void
sheaf_editor_page_task_toggled_cb (SheafEditorPage *self,
                                   guint            line,
                                   guint64          start,
                                   guint64          end,
                                   gboolean         done,
                                   SheafPreview    *preview)
{
  sheaf_document_toggle_task (self->document, line);
}

static void
sheaf_editor_page_update_style_scheme (SheafEditorPage *self)
{
  GtkSourceStyleScheme *scheme;
  GtkSourceStyle *style;
  g_autofree char *background = NULL;
  g_autofree char *css = NULL;
  gboolean set = FALSE;

  sheaf_document_update_style_scheme (self->document,
                                      adw_style_manager_get_dark (adw_style_manager_get_default ()));

  /* The text sits in a reading measure: paint the margins beside it in the
   * scheme's background too, so the pane is one surface. */
  scheme = gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (self->document));
  style = scheme != NULL ? gtk_source_style_scheme_get_style (scheme, "text") : NULL;
  if (style != NULL)
    g_object_get (style, "background", &background, "background-set", &set, NULL);

  if (set && background != NULL)
    css = g_strdup_printf ("scrolledwindow.sheaf-source-scroller { background-color: %s; }",
                           background);
  gtk_css_provider_load_from_data (self->scroller_css, css != NULL ? css : "", -1);
}

static void
sheaf_editor_page_reload_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  sheaf_document_reload (SHEAF_EDITOR_PAGE (widget)->document);
}

static void
sheaf_editor_page_keep_mine_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  sheaf_document_keep_mine (SHEAF_EDITOR_PAGE (widget)->document);
}

static void
save_copy_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SheafEditorPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *message = NULL;

  copy = sheaf_document_save_copy_finish (SHEAF_DOCUMENT (object), result, &error);

  if (copy == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: a toast; %s is an error message */
      message = g_strdup_printf (_("Could not save a copy: %s"), error->message);
    }
  else
    {
      /* Translators: a toast; %s is a file's path in the vault */
      message = g_strdup_printf (_("Your text was saved as “%s”"), copy);
    }

  _sheaf_editor_page_show_toast (self, message);
}

static void
sheaf_editor_page_save_copy_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  SheafEditorPage *self = SHEAF_EDITOR_PAGE (widget);

  sheaf_document_save_copy_async (self->document, NULL, save_copy_cb, g_object_ref (self));
}

static void
save_action_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SheafEditorPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A failure shows in the error bar through the document's "error". */
  if (!sheaf_document_save_finish (SHEAF_DOCUMENT (object), result, &error))
    g_debug ("Save failed: %s", error->message);
}

static void
sheaf_editor_page_save_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  SheafEditorPage *self = SHEAF_EDITOR_PAGE (widget);

  if (sheaf_document_get_file (self->document) == NULL)
    return;

  sheaf_document_save_async (self->document, NULL, save_action_cb, g_object_ref (self));
}

static void
sheaf_editor_page_dismiss_error_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  gtk_revealer_set_reveal_child (SHEAF_EDITOR_PAGE (widget)->error_revealer, FALSE);
}

void
_sheaf_editor_page_update_actions (SheafEditorPage *self)
{
  SheafDocument *doc = self->document;
  gboolean has_file = sheaf_document_get_file (doc) != NULL;
  gboolean conflict = sheaf_document_get_conflict (doc);
  gboolean writable = has_file && !sheaf_document_get_read_only (doc);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload", conflict);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.keep-mine", conflict);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-copy", conflict && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", writable && !conflict);
}

static void
sheaf_editor_page_unmap (GtkWidget *widget)
{
  _sheaf_editor_page_stop_animations (SHEAF_EDITOR_PAGE (widget));

  GTK_WIDGET_CLASS (sheaf_editor_page_parent_class)->unmap (widget);
}

static void
sheaf_editor_page_dispose (GObject *object)
{
  SheafEditorPage *self = (SheafEditorPage *)object;

  _sheaf_editor_page_dispose_scroll (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_EDITOR_PAGE);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->search_context);
  g_clear_object (&self->scroll_mark);
  g_clear_object (&self->scroller_css);
  g_clear_object (&self->document);
  g_clear_object (&self->host);

  G_OBJECT_CLASS (sheaf_editor_page_parent_class)->dispose (object);
}

static void
sheaf_editor_page_finalize (GObject *object)
{
  SheafEditorPage *self = (SheafEditorPage *)object;

  g_clear_pointer (&self->view_mode, g_free);
  g_clear_pointer (&self->pending_fragment, g_free);

  G_OBJECT_CLASS (sheaf_editor_page_parent_class)->finalize (object);
}

static void
sheaf_editor_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SheafEditorPage *self = SHEAF_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_HOST:
      g_value_set_object (value, self->host);
      break;

    case PROP_VIEW_MODE:
      g_value_set_string (value, self->view_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_editor_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SheafEditorPage *self = SHEAF_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_HOST:
      sheaf_editor_page_set_host (self, g_value_get_object (value));
      break;

    case PROP_VIEW_MODE:
      sheaf_editor_page_set_view_mode (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_editor_page_class_init (SheafEditorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sheaf_editor_page_dispose;
  object_class->finalize = sheaf_editor_page_finalize;
  object_class->get_property = sheaf_editor_page_get_property;
  object_class->set_property = sheaf_editor_page_set_property;

  widget_class->unmap = sheaf_editor_page_unmap;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SHEAF_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_HOST] =
    g_param_spec_object ("host", NULL, NULL,
                         SHEAF_TYPE_PREVIEW_HOST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SheafEditorPage:view-mode:
   *
   * "source", "split" or "reading" (the nicks of the view-mode setting).
   */
  properties[PROP_VIEW_MODE] =
    g_param_spec_string ("view-mode", NULL, NULL,
                         "split",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SheafEditorPage::open-note:
   * @self: the page
   * @path: the vault-relative path of a note a link points to
   * @fragment: (nullable): the heading or block the link names
   * @new_tab: %TRUE to open it in a new tab (Ctrl+click, middle click)
   */
  _sheaf_editor_page_signals[EDITOR_PAGE_OPEN_NOTE] =
    g_signal_new ("open-note",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * SheafEditorPage::create-note:
   * @self: the page
   * @path: the vault-relative path an unresolved link names, ending in ".md"
   * @new_tab: %TRUE to open it in a new tab once created
   *
   * The user clicked a link to a note that does not exist yet; whoever
   * shows dialogs offers to create it.
   */
  _sheaf_editor_page_signals[EDITOR_PAGE_CREATE_NOTE] =
    g_signal_new ("create-note",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * SheafEditorPage::show-toast:
   * @self: the page
   * @title: a short message for the user, plain text
   */
  _sheaf_editor_page_signals[EDITOR_PAGE_SHOW_TOAST] =
    g_signal_new ("show-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (SHEAF_TYPE_PREVIEW);
  g_type_ensure (ADW_TYPE_CLAMP_SCROLLABLE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sheafeditorpage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sheaf-editor-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, box);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, conflict_revealer);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, notice_button);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, paned);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, source_box);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, search_revealer);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, search_count);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, replace_toggle);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, source_scroller);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, source_view);
  gtk_widget_class_bind_template_child (widget_class, SheafEditorPage, preview);
  gtk_widget_class_bind_template_callback_full (widget_class, "sheaf_editor_page_link_activated_cb",
                                                G_CALLBACK (_sheaf_editor_page_link_activated_cb));
  gtk_widget_class_bind_template_callback (widget_class, sheaf_editor_page_task_toggled_cb);

  gtk_widget_class_install_action (widget_class, "editor.reload", NULL,
                                   sheaf_editor_page_reload_action);
  gtk_widget_class_install_action (widget_class, "editor.keep-mine", NULL,
                                   sheaf_editor_page_keep_mine_action);
  gtk_widget_class_install_action (widget_class, "editor.save-copy", NULL,
                                   sheaf_editor_page_save_copy_action);
  gtk_widget_class_install_action (widget_class, "editor.dismiss-error", NULL,
                                   sheaf_editor_page_dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   sheaf_editor_page_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);

  _sheaf_editor_page_class_init_search (widget_class);
}

static void
sheaf_editor_page_init (SheafEditorPage *self)
{
  static const char * const notify_bars[] = {
    "notify::conflict", "notify::error", "notify::read-only", "notify::deleted",
    "notify::problem", "notify::file",
  };
  GtkSourceLanguage *language;

  self->view_mode = g_strdup ("split");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->document = sheaf_document_new ();
  if ((language = get_note_language ()) != NULL)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (self->document), language);
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (self->document), FALSE);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_BUFFER (self->document));

  for (guint i = 0; i < G_N_ELEMENTS (notify_bars); i++)
    g_signal_connect_object (self->document, notify_bars[i],
                             G_CALLBACK (sheaf_editor_page_update_bars),
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::note",
                           G_CALLBACK (_sheaf_editor_page_note_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "reloaded",
                           G_CALLBACK (sheaf_editor_page_reloaded_cb),
                           self, G_CONNECT_SWAPPED);

  self->scroller_css = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->source_scroller)),
                                  GTK_STYLE_PROVIDER (self->scroller_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  sheaf_editor_page_update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (sheaf_editor_page_update_style_scheme),
                           self, G_CONNECT_SWAPPED);

  _sheaf_editor_page_init_scroll (self);

  g_signal_connect_object (self->paned, "notify::max-position",
                           G_CALLBACK (sheaf_editor_page_max_position_cb),
                           self, G_CONNECT_SWAPPED);

  _sheaf_editor_page_init_search (self);
  sheaf_completion_provider_install (self->source_view, NULL);
  sheaf_editor_page_update_bars (self);
  sheaf_editor_page_apply_view_mode (self);
}

SheafDocument *
sheaf_editor_page_get_document (SheafEditorPage *self)
{
  g_return_val_if_fail (SHEAF_IS_EDITOR_PAGE (self), NULL);

  return self->document;
}

SheafPreview *
sheaf_editor_page_get_preview (SheafEditorPage *self)
{
  g_return_val_if_fail (SHEAF_IS_EDITOR_PAGE (self), NULL);

  return self->preview;
}

GtkSourceView *
sheaf_editor_page_get_source_view (SheafEditorPage *self)
{
  g_return_val_if_fail (SHEAF_IS_EDITOR_PAGE (self), NULL);

  return self->source_view;
}

SheafPreviewHost *
sheaf_editor_page_get_host (SheafEditorPage *self)
{
  g_return_val_if_fail (SHEAF_IS_EDITOR_PAGE (self), NULL);

  return self->host;
}

void
sheaf_editor_page_set_host (SheafEditorPage  *self,
                            SheafPreviewHost *host)
{
  g_return_if_fail (SHEAF_IS_EDITOR_PAGE (self));
  g_return_if_fail (!host || SHEAF_IS_PREVIEW_HOST (host));

  if (g_set_object (&self->host, host))
    {
      /* Completion offers the notes and tags of the host's vault, if any. */
      SheafVault *vault = SHEAF_IS_VAULT_HOST (host) ?
        sheaf_vault_host_get_vault (SHEAF_VAULT_HOST (host)) : NULL;

      sheaf_preview_set_host (self->preview, host);
      sheaf_completion_provider_install (self->source_view, vault);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
    }
}

const char *
sheaf_editor_page_get_view_mode (SheafEditorPage *self)
{
  g_return_val_if_fail (SHEAF_IS_EDITOR_PAGE (self), NULL);

  return self->view_mode;
}

void
sheaf_editor_page_set_view_mode (SheafEditorPage *self,
                                 const char      *view_mode)
{
  g_return_if_fail (SHEAF_IS_EDITOR_PAGE (self));

  if (g_strcmp0 (view_mode, "source") != 0 && g_strcmp0 (view_mode, "reading") != 0)
    view_mode = "split";

  if (g_strcmp0 (view_mode, self->view_mode) == 0)
    return;

  g_free (self->view_mode);
  self->view_mode = g_strdup (view_mode);
  sheaf_editor_page_apply_view_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_MODE]);
}

/**
 * sheaf_editor_page_get_unsaved:
 * @self: a #SheafEditorPage
 *
 * Returns: whether the editor holds text that is not on disk
 */
gboolean
sheaf_editor_page_get_unsaved (SheafEditorPage *self)
{
  g_return_val_if_fail (SHEAF_IS_EDITOR_PAGE (self), FALSE);

  return sheaf_document_get_dirty (self->document) || sheaf_document_get_conflict (self->document);
}

/**
 * sheaf_editor_page_focus:
 * @self: a #SheafEditorPage
 *
 * Focuses the source, or the preview in the reading view.
 */
void
sheaf_editor_page_focus (SheafEditorPage *self)
{
  g_return_if_fail (SHEAF_IS_EDITOR_PAGE (self));

  if (is_source_visible (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (sheaf_preview_get_text_view (self->preview)));
}
