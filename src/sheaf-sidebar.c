/* sheaf-sidebar.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-sidebar"

#include "config.h"

#include <string.h>

#include "sheaf-sidebar-private.h"
#include "sheaf-tree-reveal.h"

/* SheafSidebar: the vault's notes as a tree of folders, with a filter.
 *
 * Each folder node holds a sorted GListStore of its children; a
 * GtkTreeListModel shows them through one GtkCustomFilter, which lets a note
 * through when its title or path contains the search, and a folder when one
 * of its notes does. The vault's note-added/removed/changed signals edit the
 * stores in place, so rows the user expanded stay expanded. The tags the user
 * selected in the Tags page narrow the notes further (sheaf-sidebar-tags.c). */

G_DEFINE_FINAL_TYPE (SheafSidebar, sheaf_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VAULT,
  N_PROPS
};

enum {
  NOTE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

gboolean
_sheaf_sidebar_is_filtering (SheafSidebar *self)
{
  return self->search != NULL || self->tag_notes != NULL;
}

static gboolean
sheaf_sidebar_note_matches (SheafSidebar  *self,
                            SheafNoteNode *node)
{
  if (self->search != NULL &&
      strstr (sheaf_note_node_get_search_key (node), self->search) == NULL)
    return FALSE;

  return self->tag_notes == NULL ||
         g_hash_table_contains (self->tag_notes, sheaf_note_node_get_path (node));
}

static gboolean
sheaf_sidebar_filter_func (gpointer item,
                           gpointer user_data)
{
  SheafSidebar *self = user_data;
  SheafNoteNode *node = item;

  if (!_sheaf_sidebar_is_filtering (self))
    return TRUE;

  if (sheaf_note_node_is_folder (node))
    return g_hash_table_contains (self->matching_folders, sheaf_note_node_get_path (node));

  return sheaf_sidebar_note_matches (self, node);
}

static GListModel *
sheaf_sidebar_create_model_cb (gpointer item,
                               gpointer user_data)
{
  SheafSidebar *self = user_data;
  GListStore *children = sheaf_note_node_get_children (item);

  if (children == NULL)
    return NULL;

  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (children)),
                                                  g_object_ref (GTK_FILTER (self->filter))));
}

static void
sheaf_sidebar_update_matches (SheafSidebar *self)
{
  GHashTableIter iter;
  gpointer value;

  g_assert (SHEAF_IS_SIDEBAR (self));

  g_clear_pointer (&self->matching_folders, g_hash_table_unref);
  if (!_sheaf_sidebar_is_filtering (self))
    return;

  self->matching_folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SheafNoteNode *node = value;
      g_autofree char *folder = NULL;

      if (sheaf_note_node_is_folder (node) || !sheaf_sidebar_note_matches (self, node))
        continue;

      folder = g_path_get_dirname (sheaf_note_node_get_path (node));
      while (!g_str_equal (folder, ".") && !g_hash_table_contains (self->matching_folders, folder))
        {
          char *parent = g_path_get_dirname (folder);

          g_hash_table_add (self->matching_folders, g_steal_pointer (&folder));
          folder = parent;
        }
    }
}

static void
sheaf_sidebar_update_stack (SheafSidebar *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  gtk_stack_set_visible_child_name (self->stack,
                                    n_items > 0 || !_sheaf_sidebar_is_filtering (self) ?
                                    "notes" : "no-results");
}

/* Expands every row: while searching, the folders shown are the ones that
 * hold a match, and the matches are what the user wants to see. */
static void
sheaf_sidebar_expand_all (SheafSidebar *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);

      gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
sheaf_sidebar_collapse_all (SheafSidebar *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = n_items; i > 0; i--)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i - 1);

      if (gtk_tree_list_row_get_depth (row) == 0)
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
}

void
_sheaf_sidebar_refilter (SheafSidebar *self)
{
  g_assert (SHEAF_IS_SIDEBAR (self));

  sheaf_sidebar_update_matches (self);

  self->selecting = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_tree_list_model_set_autoexpand (self->tree, _sheaf_sidebar_is_filtering (self));
  if (_sheaf_sidebar_is_filtering (self))
    sheaf_sidebar_expand_all (self);
  self->selecting = FALSE;

  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    sheaf_sidebar_select_path (self, self->selected_path);

  sheaf_sidebar_update_stack (self);
}

static SheafNoteNode *
sheaf_sidebar_ensure_folder (SheafSidebar *self,
                             const char   *path)
{
  g_autofree char *parent_path = NULL;
  SheafNoteNode *parent;
  SheafNoteNode *folder;

  if (g_str_equal (path, "."))
    return self->root;

  if ((folder = g_hash_table_lookup (self->nodes, path)) != NULL)
    return folder;

  parent_path = g_path_get_dirname (path);
  parent = sheaf_sidebar_ensure_folder (self, parent_path);
  folder = sheaf_note_node_new_folder (path);
  g_hash_table_insert (self->nodes, g_strdup (path), folder);
  g_list_store_insert_sorted (sheaf_note_node_get_children (parent), folder,
                              sheaf_note_node_compare, NULL);
  g_object_unref (folder);

  return folder;
}

static void
sheaf_sidebar_add_path (SheafSidebar *self,
                        const char   *path,
                        const char   *title)
{
  g_autoptr(SheafNoteNode) node = NULL;
  g_autofree char *folder_path = NULL;
  SheafNoteNode *folder;

  if (g_hash_table_contains (self->nodes, path))
    return;

  folder_path = g_path_get_dirname (path);
  folder = sheaf_sidebar_ensure_folder (self, folder_path);
  node = sheaf_note_node_new_note (path, title);
  g_hash_table_insert (self->nodes, g_strdup (path), node);
  g_list_store_insert_sorted (sheaf_note_node_get_children (folder), node,
                              sheaf_note_node_compare, NULL);
}

static void
sheaf_sidebar_add_note (SheafSidebar *self,
                        SheafNote    *note)
{
  sheaf_sidebar_add_path (self, sheaf_note_get_path (note), sheaf_note_get_title (note));
}

/* Builds the tree of @notes (SheafNote) or, when %NULL, of @paths (note
 * paths, titled by their file names) detached, then shows it at once:
 * much cheaper than letting the views follow every insertion. */
static void
sheaf_sidebar_fill (SheafSidebar *self,
                    GPtrArray    *notes,
                    GPtrArray    *paths)
{
  g_autoptr(SheafNoteNode) root = sheaf_note_node_new_folder ("");
  SheafNoteNode *shown = self->root;
  g_autoptr(GPtrArray) items = NULL;
  GListStore *built;

  self->root = root;
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    sheaf_sidebar_add_note (self, g_ptr_array_index (notes, i));
  for (guint i = 0; notes == NULL && paths != NULL && i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *title = sheaf_note_path_dup_stem (path);

      sheaf_sidebar_add_path (self, path, title);
    }
  self->root = shown;

  built = sheaf_note_node_get_children (root);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (built)); i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (built), i));
  g_list_store_splice (sheaf_note_node_get_children (self->root), 0, 0, items->pdata, items->len);
}

/* Removes @path's node, then its folders as long as they are empty. */
static void
sheaf_sidebar_remove_node (SheafSidebar *self,
                           const char   *path)
{
  g_autofree char *folder_path = g_path_get_dirname (path);
  SheafNoteNode *node = g_hash_table_lookup (self->nodes, path);
  SheafNoteNode *folder;
  GListStore *children;
  guint position;

  if (node == NULL)
    return;

  folder = g_str_equal (folder_path, ".") ? self->root
                                          : g_hash_table_lookup (self->nodes, folder_path);
  g_return_if_fail (folder != NULL);

  children = sheaf_note_node_get_children (folder);
  if (g_list_store_find (children, node, &position))
    g_list_store_remove (children, position);
  g_hash_table_remove (self->nodes, path);

  if (folder != self->root && g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    sheaf_sidebar_remove_node (self, folder_path);
}

static void
sheaf_sidebar_note_added_cb (SheafSidebar *self,
                             const char   *path,
                             SheafVault   *vault)
{
  SheafNote *note = sheaf_vault_get_note (vault, path);

  if (note == NULL)
    return;

  sheaf_sidebar_add_note (self, note);
  if (_sheaf_sidebar_is_filtering (self))
    _sheaf_sidebar_refilter (self);
  sheaf_sidebar_update_stack (self);
}

static void
sheaf_sidebar_note_removed_cb (SheafSidebar *self,
                               const char   *path,
                               SheafVault   *vault)
{
  sheaf_sidebar_remove_node (self, path);
  if (_sheaf_sidebar_is_filtering (self))
    _sheaf_sidebar_refilter (self);
  sheaf_sidebar_update_stack (self);
}

static void
sheaf_sidebar_note_changed_cb (SheafSidebar *self,
                               const char   *path,
                               SheafVault   *vault)
{
  SheafNote *note = sheaf_vault_get_note (vault, path);
  SheafNoteNode *node = g_hash_table_lookup (self->nodes, path);

  if (note == NULL || node == NULL)
    return;

  if (g_strcmp0 (sheaf_note_node_get_title (node), sheaf_note_get_title (note)) == 0)
    return;

  /* A new title may move the row: take it out and put it back in order. */
  sheaf_sidebar_remove_node (self, path);
  sheaf_sidebar_add_note (self, note);
  if (_sheaf_sidebar_is_filtering (self))
    _sheaf_sidebar_refilter (self);
  else if (g_strcmp0 (path, self->selected_path) == 0)
    sheaf_sidebar_select_path (self, path);
}

static void
sheaf_sidebar_selection_changed_cb (SheafSidebar       *self,
                                    GParamSpec         *pspec,
                                    GtkSingleSelection *selection)
{
  GtkTreeListRow *row;
  SheafNoteNode *node;

  g_assert (SHEAF_IS_SIDEBAR (self));

  if (self->selecting)
    return;

  row = gtk_single_selection_get_selected_item (selection);
  if (row == NULL)
    return;

  node = gtk_tree_list_row_get_item (row);

  /* Rows inserted or removed above move the selection without changing it. */
  if (!sheaf_note_node_is_folder (node) &&
      g_strcmp0 (sheaf_note_node_get_path (node), self->selected_path) != 0)
    {
      g_free (self->selected_path);
      self->selected_path = g_strdup (sheaf_note_node_get_path (node));
      g_signal_emit (self, signals[NOTE_ACTIVATED], 0, self->selected_path);
    }
  g_object_unref (node);
}

static void
sheaf_sidebar_list_activate_cb (SheafSidebar *self,
                                guint         position,
                                GtkListView  *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr(SheafNoteNode) node = NULL;

  if (row == NULL)
    return;

  node = gtk_tree_list_row_get_item (row);
  if (sheaf_note_node_is_folder (node))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else
    g_signal_emit (self, signals[NOTE_ACTIVATED], 0, sheaf_note_node_get_path (node));
}

/* A click on a folder's name opens or closes it, as a click on its arrow does. */
static void
sheaf_sidebar_row_released_cb (GtkGestureClick *gesture,
                               int              n_press,
                               double           x,
                               double           y,
                               gpointer         user_data)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *expander = gtk_widget_get_ancestor (box, GTK_TYPE_TREE_EXPANDER);
  GtkTreeListRow *row;

  if (n_press != 1 || expander == NULL)
    return;

  row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander));
  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static void
sheaf_sidebar_search_changed_cb (SheafSidebar   *self,
                                 GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gboolean was_filtering = _sheaf_sidebar_is_filtering (self);

  g_clear_pointer (&self->search, g_free);
  if (stripped[0] != '\0')
    self->search = g_utf8_casefold (stripped, -1);

  _sheaf_sidebar_refilter (self);
  if (was_filtering && !_sheaf_sidebar_is_filtering (self))
    _sheaf_sidebar_unfiltered (self);
}

/* Back from a search: the tree as it was, opened where the note is. */
void
_sheaf_sidebar_unfiltered (SheafSidebar *self)
{
  self->selecting = TRUE;
  sheaf_sidebar_collapse_all (self);
  self->selecting = FALSE;
  sheaf_sidebar_select_path (self, self->selected_path);
}

static void
sheaf_sidebar_search_activate_cb (SheafSidebar   *self,
                                  GtkSearchEntry *entry)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr(SheafNoteNode) node = gtk_tree_list_row_get_item (row);

      if (!sheaf_note_node_is_folder (node))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
sheaf_sidebar_stop_search_cb (SheafSidebar   *self,
                              GtkSearchEntry *entry)
{
  if (gtk_editable_get_text (GTK_EDITABLE (entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
sheaf_sidebar_dispose (GObject *object)
{
  SheafSidebar *self = (SheafSidebar *)object;

  if (self->vault != NULL)
    g_signal_handlers_disconnect_by_data (self->vault, self);

  _sheaf_sidebar_menu_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_SIDEBAR);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->matching_folders, g_hash_table_unref);
  g_clear_pointer (&self->tag_notes, g_hash_table_unref);
  g_clear_object (&self->root);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sheaf_sidebar_parent_class)->dispose (object);
}

static void
sheaf_sidebar_finalize (GObject *object)
{
  SheafSidebar *self = (SheafSidebar *)object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->selected_path, g_free);

  G_OBJECT_CLASS (sheaf_sidebar_parent_class)->finalize (object);
}

static void
sheaf_sidebar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SheafSidebar *self = SHEAF_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_sidebar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SheafSidebar *self = SHEAF_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      sheaf_sidebar_set_vault (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_sidebar_class_init (SheafSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sheaf_sidebar_dispose;
  object_class->finalize = sheaf_sidebar_finalize;
  object_class->get_property = sheaf_sidebar_get_property;
  object_class->set_property = sheaf_sidebar_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         SHEAF_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SheafSidebar::note-activated:
   * @self: the sidebar
   * @path: the vault-relative path of the note the user chose
   */
  signals[NOTE_ACTIVATED] =
    g_signal_new ("note-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SHEAF_TYPE_NOTE_NODE);
  g_type_ensure (SHEAF_TYPE_TAG_VIEW);

  gtk_widget_class_set_css_name (widget_class, "sheafsidebar");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sheaf-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, SheafSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SheafSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, SheafSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_sidebar_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_sidebar_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_sidebar_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_sidebar_list_activate_cb);

  _sheaf_sidebar_tags_class_init (widget_class);
  _sheaf_sidebar_menu_class_init (widget_class);
}

static void
sheaf_sidebar_init (SheafSidebar *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkFilterListModel *root_model;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.clear-tags", FALSE);

  self->root = sheaf_note_node_new_folder ("");
  self->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter = gtk_custom_filter_new (sheaf_sidebar_filter_func, self, NULL);

  root_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (sheaf_note_node_get_children (self->root))),
                                          g_object_ref (GTK_FILTER (self->filter)));
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (root_model), FALSE, FALSE,
                                        sheaf_sidebar_create_model_cb, self, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (sheaf_sidebar_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "sheaf_sidebar_row_released_cb",
                                          G_CALLBACK (sheaf_sidebar_row_released_cb));
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             RESOURCE_BASE "/ui/sheaf-sidebar-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  _sheaf_sidebar_menu_init (self);
}

SheafVault *
sheaf_sidebar_get_vault (SheafSidebar *self)
{
  g_return_val_if_fail (SHEAF_IS_SIDEBAR (self), NULL);

  return self->vault;
}

/**
 * sheaf_sidebar_set_vault:
 * @self: a #SheafSidebar
 * @vault: (nullable): a loaded vault
 *
 * Shows @vault's notes, and follows its changes from now on.
 */
void
sheaf_sidebar_set_vault (SheafSidebar *self,
                         SheafVault   *vault)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *search = NULL;
  g_autofree char *selected = NULL;
  GListStore *children;

  g_return_if_fail (SHEAF_IS_SIDEBAR (self));
  g_return_if_fail (!vault || SHEAF_IS_VAULT (vault));

  if (self->vault == vault)
    return;

  /* The notes of that vault were listed while it was indexed: the reader
   * keeps the filter and the row chosen meanwhile. */
  if (self->vault == NULL && vault != NULL && self->listing_paths)
    {
      search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      selected = g_strdup (self->selected_path);
    }
  self->listing_paths = FALSE;

  if (self->vault != NULL)
    g_signal_handlers_disconnect_by_data (self->vault, self);
  g_set_object (&self->vault, vault);

  children = sheaf_note_node_get_children (self->root);
  g_hash_table_remove_all (self->nodes);
  g_list_store_remove_all (children);
  g_clear_pointer (&self->selected_path, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  sheaf_tag_view_set_vault (self->tag_view, vault);

  if (vault != NULL)
    {
      notes = sheaf_vault_dup_notes (vault);
      sheaf_sidebar_fill (self, notes, NULL);

      g_signal_connect_object (vault, "note-added",
                               G_CALLBACK (sheaf_sidebar_note_added_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (vault, "note-removed",
                               G_CALLBACK (sheaf_sidebar_note_removed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (vault, "note-changed",
                               G_CALLBACK (sheaf_sidebar_note_changed_cb), self, G_CONNECT_SWAPPED);
    }

  if (search != NULL && search[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search);
  if (selected != NULL)
    sheaf_sidebar_select_path (self, selected);

  sheaf_sidebar_update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

/**
 * sheaf_sidebar_show_paths:
 * @self: a #SheafSidebar showing no vault
 * @paths: (element-type utf8): note paths, as #SheafVault::scanned lists them
 *
 * Lists the notes of a vault still being indexed, titled by their file
 * names, until sheaf_sidebar_set_vault() shows the vault itself; the filter
 * typed and the row chosen meanwhile stay.
 */
void
sheaf_sidebar_show_paths (SheafSidebar *self,
                          GPtrArray    *paths)
{
  g_return_if_fail (SHEAF_IS_SIDEBAR (self));
  g_return_if_fail (self->vault == NULL);
  g_return_if_fail (paths != NULL);

  g_hash_table_remove_all (self->nodes);
  g_list_store_remove_all (sheaf_note_node_get_children (self->root));
  sheaf_sidebar_fill (self, NULL, paths);
  self->listing_paths = TRUE;

  if (_sheaf_sidebar_is_filtering (self))
    _sheaf_sidebar_refilter (self);
  if (self->selected_path != NULL)
    {
      g_autofree char *selected = g_strdup (self->selected_path);

      sheaf_sidebar_select_path (self, selected);
    }
  sheaf_sidebar_update_stack (self);
}

static gboolean
select_path_rows (SheafSidebar *self,
                  const char   *path)
{
  int position = sheaf_tree_reveal (self->tree, path,
                                    (SheafTreeKeyFunc)sheaf_note_node_get_path);

  if (position < 0)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  return TRUE;
}

/**
 * sheaf_sidebar_select_path:
 * @self: a #SheafSidebar
 * @path: (nullable): a note's vault-relative path
 *
 * Selects the note's row, opening its folders, without emitting
 * #SheafSidebar::note-activated.
 *
 * Returns: %TRUE if the row is shown (the filter may hide it)
 */
gboolean
sheaf_sidebar_select_path (SheafSidebar *self,
                           const char   *path)
{
  gboolean found;

  g_return_val_if_fail (SHEAF_IS_SIDEBAR (self), FALSE);

  if (path != self->selected_path)
    {
      g_free (self->selected_path);
      self->selected_path = g_strdup (path);
    }

  if (path == NULL)
    return FALSE;

  self->selecting = TRUE;
  found = select_path_rows (self, path);
  self->selecting = FALSE;

  return found;
}

void
sheaf_sidebar_focus_filter (SheafSidebar *self)
{
  g_return_if_fail (SHEAF_IS_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
sheaf_sidebar_focus_list (SheafSidebar *self)
{
  g_return_if_fail (SHEAF_IS_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/**
 * sheaf_sidebar_get_model:
 * @self: a #SheafSidebar
 *
 * Returns: (transfer none): the rows shown, #GtkTreeListRow items holding
 *   #SheafNoteNode items (for tests)
 */
GListModel *
sheaf_sidebar_get_model (SheafSidebar *self)
{
  g_return_val_if_fail (SHEAF_IS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->tree);
}
