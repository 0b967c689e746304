/* sheaf-window.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-window"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "sheaf-note.h"
#include "sheaf-vault.h"
#include "sheaf-window.h"

struct _SheafWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  SheafVault           *vault;
  char                 *vault_path;
  char                 *note_path;      /* the note shown, vault-relative */
  char                 *pending_note;   /* the note to show once the vault is loaded */
  GListStore           *notes;
  GtkStringFilter      *filter;
  GtkFilterListModel   *filter_model;
  GtkSingleSelection   *selection;
  GCancellable         *load_cancellable;
  GCancellable         *note_cancellable;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  GtkPaned             *paned;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *note_list;
  GtkStack             *note_stack;
  GtkSourceView        *source_view;
  GtkSourceBuffer      *buffer;
  AdwStatusPage        *note_error_page;
};

typedef struct
{
  char      *key;
  SheafNote *note;
} SortEntry;

G_DEFINE_FINAL_TYPE (SheafWindow, sheaf_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_VAULT_PATH,
  PROP_NOTE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sheaf_window_set_page (SheafWindow *self,
                       const char  *name)
{
  g_assert (SHEAF_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
}

static void
sheaf_window_update_title (SheafWindow *self)
{
  g_autofree char *vault_name = NULL;
  g_autofree char *window_title = NULL;
  SheafNote *note = NULL;

  g_assert (SHEAF_IS_WINDOW (self));

  if (self->vault == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Sheaf"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Sheaf"));
      return;
    }

  vault_name = g_file_get_basename (sheaf_vault_get_root (self->vault));

  if (self->note_path != NULL)
    note = sheaf_vault_get_note (self->vault, self->note_path);

  if (note != NULL)
    {
      adw_window_title_set_title (self->window_title, sheaf_note_get_title (note));
      adw_window_title_set_subtitle (self->window_title, vault_name);
      /* Translators: the window title: a note's title, then its vault's name. */
      window_title = g_strdup_printf (_("%s — %s"), sheaf_note_get_title (note), vault_name);
    }
  else
    {
      adw_window_title_set_title (self->window_title, vault_name);
      adw_window_title_set_subtitle (self->window_title, NULL);
      window_title = g_strdup (vault_name);
    }

  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
sheaf_window_update_style_scheme (SheafWindow *self)
{
  GtkSourceStyleSchemeManager *manager;
  GtkSourceStyleScheme *scheme;
  gboolean dark;

  g_assert (SHEAF_IS_WINDOW (self));

  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  manager = gtk_source_style_scheme_manager_get_default ();
  scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
sheaf_window_update_sidebar_page (SheafWindow *self)
{
  guint n_items;

  g_assert (SHEAF_IS_WINDOW (self));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  gtk_stack_set_visible_child_name (self->sidebar_stack, n_items > 0 ? "notes" : "no-results");
}

static char *
note_search_key (SheafNote *note,
                 gpointer   user_data)
{
  if (note == NULL)
    return NULL;

  return g_strconcat (sheaf_note_get_title (note), "\n", sheaf_note_get_path (note), NULL);
}

static void
note_row_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *folder;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (box, "note-row");

  title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), title);

  folder = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (folder), 0);
  gtk_label_set_ellipsize (GTK_LABEL (folder), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (folder, "caption");
  gtk_widget_add_css_class (folder, "dim-label");
  gtk_box_append (GTK_BOX (box), folder);

  gtk_list_item_set_child (item, box);
}

static void
note_row_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  g_autofree char *folder_path = NULL;
  SheafNote *note = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *folder = gtk_widget_get_next_sibling (title);
  const char *path = sheaf_note_get_path (note);

  folder_path = g_path_get_dirname (path);

  gtk_label_set_label (GTK_LABEL (title), sheaf_note_get_title (note));
  gtk_label_set_label (GTK_LABEL (folder), folder_path);
  gtk_widget_set_visible (folder, !g_str_equal (folder_path, "."));
  gtk_widget_set_tooltip_text (box, path);
}

static int
sort_entry_compare (gconstpointer a,
                    gconstpointer b)
{
  const SortEntry *entry_a = a;
  const SortEntry *entry_b = b;

  return strcmp (entry_a->key, entry_b->key);
}

static void
sheaf_window_set_note_path (SheafWindow *self,
                            const char  *note_path)
{
  g_assert (SHEAF_IS_WINDOW (self));

  if (g_strcmp0 (note_path, self->note_path) == 0)
    return;

  g_free (self->note_path);
  self->note_path = g_strdup (note_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE_PATH]);

  sheaf_window_update_title (self);
}

/* Selects the row of @path, if the filter lets it through. */
static gboolean
sheaf_window_select_path (SheafWindow *self,
                          const char  *path)
{
  guint n_items;

  g_assert (SHEAF_IS_WINDOW (self));

  if (path == NULL)
    return FALSE;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SheafNote) note = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (g_strcmp0 (sheaf_note_get_path (note), path) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->note_list), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }

  return FALSE;
}

static void
sheaf_window_note_loaded_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(SheafWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *valid = NULL;
  GtkAdjustment *vadjustment;
  GtkTextIter start;
  gsize length = 0;

  g_assert (SHEAF_IS_WINDOW (self));
  g_assert (G_IS_FILE (object));

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      adw_status_page_set_description (self->note_error_page, error->message);
      gtk_stack_set_visible_child_name (self->note_stack, "note-error");
      return;
    }

  /* The view only ever shows valid UTF-8; the file itself is left alone. */
  if (!g_utf8_validate_len (contents, length, NULL))
    valid = g_utf8_make_valid (contents, length);

  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer),
                            valid != NULL ? valid : contents,
                            valid != NULL ? -1 : (int)length);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->source_view));
  if (vadjustment != NULL)
    gtk_adjustment_set_value (vadjustment, 0);

  gtk_stack_set_visible_child_name (self->note_stack, "note");
}

static void
sheaf_window_show_note (SheafWindow *self,
                        SheafNote   *note)
{
  g_autoptr(GFile) file = NULL;
  const char *path;

  g_assert (SHEAF_IS_WINDOW (self));
  g_assert (SHEAF_IS_NOTE (note));
  g_assert (SHEAF_IS_VAULT (self->vault));

  path = sheaf_note_get_path (note);
  if (g_strcmp0 (path, self->note_path) == 0)
    return;

  g_cancellable_cancel (self->note_cancellable);
  g_clear_object (&self->note_cancellable);
  self->note_cancellable = g_cancellable_new ();

  sheaf_window_set_note_path (self, path);

  file = g_file_resolve_relative_path (sheaf_vault_get_root (self->vault), path);
  g_file_load_contents_async (file,
                              self->note_cancellable,
                              sheaf_window_note_loaded_cb,
                              g_object_ref (self));
}

static void
sheaf_window_selection_changed_cb (SheafWindow        *self,
                                   GParamSpec         *pspec,
                                   GtkSingleSelection *selection)
{
  SheafNote *note;

  g_assert (SHEAF_IS_WINDOW (self));
  g_assert (GTK_IS_SINGLE_SELECTION (selection));

  /* Filtering the selected note away keeps it on screen. */
  note = gtk_single_selection_get_selected_item (selection);
  if (note != NULL)
    sheaf_window_show_note (self, note);
}

static void
sheaf_window_search_changed_cb (SheafWindow    *self,
                                GtkSearchEntry *entry)
{
  g_assert (SHEAF_IS_WINDOW (self));
  g_assert (GTK_IS_SEARCH_ENTRY (entry));

  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  sheaf_window_update_sidebar_page (self);

  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    sheaf_window_select_path (self, self->note_path);
}

static void
sheaf_window_search_activate_cb (SheafWindow    *self,
                                 GtkSearchEntry *entry)
{
  g_assert (SHEAF_IS_WINDOW (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
}

static void
sheaf_window_stop_search_cb (SheafWindow    *self,
                             GtkSearchEntry *entry)
{
  g_assert (SHEAF_IS_WINDOW (self));

  if (gtk_editable_get_text (GTK_EDITABLE (entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->note_list));
}

static void
sheaf_window_vault_loaded_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(SheafWindow) self = user_data;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gpointer *sorted = NULL;
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

  notes = sheaf_vault_dup_notes (vault);

  if (notes == NULL || notes->len == 0)
    {
      sheaf_window_set_page (self, "empty");
    }
  else
    {
      entries = g_array_sized_new (FALSE, FALSE, sizeof (SortEntry), notes->len);

      for (guint i = 0; i < notes->len; i++)
        {
          SortEntry entry;

          entry.note = g_ptr_array_index (notes, i);
          entry.key = g_utf8_collate_key_for_filename (sheaf_note_get_path (entry.note), -1);
          g_array_append_val (entries, entry);
        }

      g_array_sort (entries, sort_entry_compare);

      sorted = g_new (gpointer, entries->len);
      for (guint i = 0; i < entries->len; i++)
        {
          SortEntry *entry = &g_array_index (entries, SortEntry, i);

          sorted[i] = entry->note;
          g_free (entry->key);
        }

      g_list_store_splice (self->notes, 0, 0, sorted, entries->len);
      sheaf_window_update_sidebar_page (self);
      sheaf_window_set_page (self, "vault");

      if (!sheaf_window_select_path (self, self->pending_note))
        gtk_widget_grab_focus (GTK_WIDGET (self->note_list));
    }

  g_clear_pointer (&self->pending_note, g_free);

  /* Bound only now, so that a window still loading never overwrites what
   * the last session left behind. */
  g_settings_bind (self->settings, "last-vault", self, "vault-path", G_SETTINGS_BIND_SET);
  g_settings_bind (self->settings, "last-note", self, "note-path", G_SETTINGS_BIND_SET);
}

static void
sheaf_window_filter_notes_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);

  g_assert (SHEAF_IS_WINDOW (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "vault") != 0)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
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
}

static void
sheaf_window_dispose (GObject *object)
{
  SheafWindow *self = (SheafWindow *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->note_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->note_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->notes);
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_window_class_init (SheafWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sheaf_window_constructed;
  object_class->dispose = sheaf_window_dispose;
  object_class->finalize = sheaf_window_finalize;
  object_class->get_property = sheaf_window_get_property;

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (GTK_SOURCE_TYPE_BUFFER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sheaf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, note_list);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, note_stack);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, source_view);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, buffer);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, note_error_page);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_window_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_window_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_window_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "win.filter-notes", NULL,
                                   sheaf_window_filter_notes_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.filter-notes", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
sheaf_window_init (SheafWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkSourceLanguageManager *languages;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  self->notes = g_list_store_new (SHEAF_TYPE_NOTE);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (note_search_key), NULL, NULL);
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->notes)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (sheaf_window_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (note_row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (note_row_bind_cb), NULL);
  gtk_list_view_set_factory (self->note_list, factory);
  gtk_list_view_set_model (self->note_list, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->note_list));

  languages = gtk_source_language_manager_get_default ();
  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages, "markdown"));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);

  sheaf_window_update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (sheaf_window_update_style_scheme),
                           self, G_CONNECT_SWAPPED);

  sheaf_window_set_page (self, "loading");
  sheaf_window_update_title (self);
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
 * sheaf_window_open_vault:
 * @self: a #SheafWindow
 * @root: the vault's folder
 * @note_path: (nullable): a vault-relative note to show once the vault is loaded
 *
 * Replaces what the window shows with the vault at @root, loading it in
 * the background.
 */
void
sheaf_window_open_vault (SheafWindow *self,
                         GFile       *root,
                         const char  *note_path)
{
  g_return_if_fail (SHEAF_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (root));

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->note_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->note_cancellable);
  self->load_cancellable = g_cancellable_new ();

  g_list_store_remove_all (self->notes);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), "", 0);
  gtk_stack_set_visible_child_name (self->note_stack, "none");

  g_free (self->pending_note);
  self->pending_note = g_strdup (note_path);

  g_clear_object (&self->vault);
  self->vault = sheaf_vault_new (root);
  g_free (self->vault_path);
  self->vault_path = g_file_get_path (root);

  sheaf_window_set_note_path (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT_PATH]);

  sheaf_window_update_title (self);
  sheaf_window_set_page (self, "loading");

  sheaf_vault_load_async (self->vault,
                          self->load_cancellable,
                          sheaf_window_vault_loaded_cb,
                          g_object_ref (self));
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

  adw_status_page_set_description (self->error_page, message);
  sheaf_window_set_page (self, "error");
}
