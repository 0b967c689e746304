/* sheaf-tag-view.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-tag-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sheaf-tag-item.h"
#include "sheaf-tag-view.h"
#include "sheaf-tree-reveal.h"

/* SheafTagView: the vault's tags as a tree nested by '/', with counts and a
 * filter, and a multiple selection (Ctrl+click adds a tag).
 *
 * The tree is cheap to build, so a change in the vault rebuilds it whole, in
 * an idle so that a burst of changes (a sync, a rename) rebuilds it once.
 * Which rows were expanded and which tags were selected is kept across a
 * rebuild. The selected tags are the view's state, not the rows: a tag stays
 * selected while a collapsed parent or the filter hides its row. */

struct _SheafTagView
{
  GtkWidget          parent_instance;

  /* Owned */
  SheafVault        *vault;
  GListStore        *root;       /* SheafTagItem, top-level tags */
  GHashTable        *items;      /* casefolded path → SheafTagItem (borrowed) */
  GHashTable        *matching;   /* casefolded paths shown while searching, or NULL */
  char              *search;     /* casefolded, or NULL */
  GPtrArray         *selected;   /* tag paths, in the order they were selected */
  GtkCustomFilter   *filter;
  GtkTreeListModel  *tree;
  GtkMultiSelection *selection;
  guint              rebuild_id;

  /* Template children */
  GtkWidget         *box;
  GtkSearchEntry    *search_entry;
  GtkStack          *stack;
  GtkListView       *list_view;

  guint              selecting : 1;
};

G_DEFINE_FINAL_TYPE (SheafTagView, sheaf_tag_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_SELECTED_TAGS,
  N_PROPS
};

enum {
  TAGS_CHANGED,
  TAG_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
find_selected (SheafTagView *self,
               const char   *path)
{
  g_autofree char *key = g_utf8_casefold (path, -1);

  for (guint i = 0; i < self->selected->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (self->selected, i), -1);

      if (g_str_equal (key, other))
        return i;
    }

  return -1;
}

static SheafTagItem *
row_get_item (GListModel *model,
              guint       position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, position);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static int reveal_tag (SheafTagView *self,
                       const char   *key);

static gboolean
sheaf_tag_view_filter_func (gpointer item,
                            gpointer user_data)
{
  SheafTagView *self = user_data;

  if (self->matching == NULL)
    return TRUE;

  return g_hash_table_contains (self->matching, sheaf_tag_item_get_search_key (item));
}

static GListModel *
sheaf_tag_view_create_model_cb (gpointer item,
                                gpointer user_data)
{
  SheafTagView *self = user_data;
  GListStore *children = sheaf_tag_item_get_children (item);

  if (children == NULL)
    return NULL;

  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (children)),
                                                  g_object_ref (GTK_FILTER (self->filter))));
}

/* Shows the row of every selected tag as selected; the rows are recreated
 * when a parent is expanded or the filter changes. */
static void
sheaf_tag_view_sync_selection (SheafTagView *self)
{
  GListModel *model = G_LIST_MODEL (self->tree);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, n_items);

  for (guint i = 0; i < n_items && self->selected->len > 0; i++)
    {
      g_autoptr(SheafTagItem) item = row_get_item (model, i);

      if (find_selected (self, sheaf_tag_item_get_path (item)) >= 0)
        gtk_bitset_add (selected, i);
    }

  self->selecting = TRUE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  self->selecting = FALSE;
}

static void
sheaf_tag_view_update_stack (SheafTagView *self)
{
  const char *name = "tags";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->root)) == 0)
    name = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->tree)) == 0)
    name = "no-results";

  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
sheaf_tag_view_update_matches (SheafTagView *self)
{
  GHashTableIter iter;
  gpointer key;

  g_clear_pointer (&self->matching, g_hash_table_unref);
  if (self->search == NULL)
    return;

  self->matching = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *path = NULL;
      char *slash;

      if (strstr (key, self->search) == NULL)
        continue;

      /* The tag and the parents that lead to it. */
      path = g_strdup (key);
      do
        {
          g_hash_table_add (self->matching, g_strdup (path));
          if ((slash = strrchr (path, '/')) != NULL)
            *slash = '\0';
        }
      while (slash != NULL);
    }
}

static void
sheaf_tag_view_refilter (SheafTagView *self)
{
  sheaf_tag_view_update_matches (self);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_tree_list_model_set_autoexpand (self->tree, self->search != NULL);
  if (self->search != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);

          gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }

  sheaf_tag_view_sync_selection (self);
  sheaf_tag_view_update_stack (self);
}

static void
add_items (SheafTagView *self,
           GListStore   *store)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(SheafTagItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      GListStore *children = sheaf_tag_item_get_children (item);

      g_hash_table_insert (self->items, g_strdup (sheaf_tag_item_get_search_key (item)), item);
      if (children != NULL)
        add_items (self, children);
    }
}

static void
sheaf_tag_view_rebuild (SheafTagView *self)
{
  GListModel *model = G_LIST_MODEL (self->tree);
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tree = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean selection_changed = FALSE;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(SheafTagItem) item = gtk_tree_list_row_get_item (row);

      if (gtk_tree_list_row_get_expanded (row))
        g_hash_table_add (expanded, g_strdup (sheaf_tag_item_get_search_key (item)));
    }

  if (self->vault != NULL)
    tree = sheaf_vault_dup_tag_tree (self->vault);
  for (guint i = 0; tree != NULL && i < tree->len; i++)
    g_ptr_array_add (items, sheaf_tag_item_new (g_ptr_array_index (tree, i)));

  self->selecting = TRUE;
  g_hash_table_remove_all (self->items);
  g_list_store_splice (self->root, 0, g_list_model_get_n_items (G_LIST_MODEL (self->root)),
                       items->pdata, items->len);
  add_items (self, self->root);

  /* A selected tag no note carries any more is no longer selected. */
  for (guint i = self->selected->len; i > 0; i--)
    {
      g_autofree char *key = g_utf8_casefold (g_ptr_array_index (self->selected, i - 1), -1);
      SheafTagItem *item = g_hash_table_lookup (self->items, key);

      if (item == NULL)
        {
          g_ptr_array_remove_index (self->selected, i - 1);
          selection_changed = TRUE;
        }
      else if (!g_str_equal (sheaf_tag_item_get_path (item),
                             g_ptr_array_index (self->selected, i - 1)))
        {
          g_free (self->selected->pdata[i - 1]);
          self->selected->pdata[i - 1] = g_strdup (sheaf_tag_item_get_path (item));
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(SheafTagItem) item = gtk_tree_list_row_get_item (row);

      if (g_hash_table_contains (expanded, sheaf_tag_item_get_search_key (item)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  self->selecting = FALSE;

  sheaf_tag_view_refilter (self);

  g_signal_emit (self, signals[TAGS_CHANGED], 0);
  if (selection_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TAGS]);
}

static gboolean
sheaf_tag_view_rebuild_cb (gpointer user_data)
{
  SheafTagView *self = user_data;

  self->rebuild_id = 0;
  sheaf_tag_view_rebuild (self);

  return G_SOURCE_REMOVE;
}

static void
sheaf_tag_view_queue_rebuild (SheafTagView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_LOW, sheaf_tag_view_rebuild_cb, self, NULL);
}

static void
sheaf_tag_view_note_event_cb (SheafTagView *self,
                              const char   *path,
                              SheafVault   *vault)
{
  sheaf_tag_view_queue_rebuild (self);
}

static void
sheaf_tag_view_selection_changed_cb (SheafTagView      *self,
                                     guint              position,
                                     guint              n_items,
                                     GtkSelectionModel *selection)
{
  GListModel *model = G_LIST_MODEL (self->tree);
  gboolean changed = FALSE;

  if (self->selecting)
    return;

  for (guint i = position; i < position + n_items && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SheafTagItem) item = row_get_item (model, i);
      const char *path = sheaf_tag_item_get_path (item);
      int index = find_selected (self, path);

      if (gtk_selection_model_is_selected (selection, i) && index < 0)
        {
          g_ptr_array_add (self->selected, g_strdup (path));
          changed = TRUE;
        }
      else if (!gtk_selection_model_is_selected (selection, i) && index >= 0)
        {
          g_ptr_array_remove_index (self->selected, index);
          changed = TRUE;
        }
    }

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TAGS]);
}

static void
sheaf_tag_view_items_changed_cb (SheafTagView *self,
                                 guint         position,
                                 guint         removed,
                                 guint         added,
                                 GListModel   *model)
{
  if (added > 0 && self->selected->len > 0)
    sheaf_tag_view_sync_selection (self);
}

static void
sheaf_tag_view_activate_cb (SheafTagView *self,
                            guint         position,
                            GtkListView  *list_view)
{
  g_autoptr(SheafTagItem) item = row_get_item (G_LIST_MODEL (self->tree), position);

  if (item != NULL)
    g_signal_emit (self, signals[TAG_ACTIVATED], 0, sheaf_tag_item_get_path (item));
}

static void
sheaf_tag_view_search_changed_cb (SheafTagView   *self,
                                  GtkSearchEntry *entry)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *search = stripped[0] != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  gboolean was_searching;

  if (search != NULL && search[0] == '#')
    memmove (search, search + 1, strlen (search));
  if (search != NULL && search[0] == '\0')
    g_clear_pointer (&search, g_free);

  if (g_strcmp0 (search, self->search) == 0)
    return;

  was_searching = self->search != NULL;
  g_free (self->search);
  self->search = g_steal_pointer (&search);
  sheaf_tag_view_refilter (self);

  /* Back from a search: the tree closed again, open where the selection is. */
  if (was_searching && self->search == NULL)
    {
      GListModel *model = G_LIST_MODEL (self->tree);

      self->selecting = TRUE;
      for (guint i = g_list_model_get_n_items (model); i > 0; i--)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i - 1);

          if (gtk_tree_list_row_get_depth (row) == 0)
            gtk_tree_list_row_set_expanded (row, FALSE);
        }
      for (guint i = 0; i < self->selected->len; i++)
        {
          g_autofree char *key = g_utf8_casefold (g_ptr_array_index (self->selected, i), -1);

          reveal_tag (self, key);
        }
      self->selecting = FALSE;
      sheaf_tag_view_sync_selection (self);
    }
}

static void
sheaf_tag_view_stop_search_cb (SheafTagView   *self,
                               GtkSearchEntry *entry)
{
  if (gtk_editable_get_text (GTK_EDITABLE (entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
sheaf_tag_view_dispose (GObject *object)
{
  SheafTagView *self = (SheafTagView *)object;

  if (self->vault != NULL)
    g_signal_handlers_disconnect_by_data (self->vault, self);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_TAG_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->matching, g_hash_table_unref);
  g_clear_object (&self->root);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sheaf_tag_view_parent_class)->dispose (object);
}

static void
sheaf_tag_view_finalize (GObject *object)
{
  SheafTagView *self = (SheafTagView *)object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->selected, g_ptr_array_unref);

  G_OBJECT_CLASS (sheaf_tag_view_parent_class)->finalize (object);
}

static void
sheaf_tag_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SheafTagView *self = SHEAF_TAG_VIEW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    case PROP_SELECTED_TAGS:
      g_value_take_boxed (value, sheaf_tag_view_dup_selected_tags (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_tag_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SheafTagView *self = SHEAF_TAG_VIEW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      sheaf_tag_view_set_vault (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_tag_view_class_init (SheafTagViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sheaf_tag_view_dispose;
  object_class->finalize = sheaf_tag_view_finalize;
  object_class->get_property = sheaf_tag_view_get_property;
  object_class->set_property = sheaf_tag_view_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         SHEAF_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_TAGS] =
    g_param_spec_boxed ("selected-tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SheafTagView::tags-changed:
   * @self: the tag view
   *
   * The tree was rebuilt after the vault changed: the notes carrying a
   * selected tag may have changed too.
   */
  signals[TAGS_CHANGED] =
    g_signal_new ("tags-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SheafTagView::tag-activated:
   * @self: the tag view
   * @tag: the tag of the row the user activated (Enter or double-click)
   */
  signals[TAG_ACTIVATED] =
    g_signal_new ("tag-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SHEAF_TYPE_TAG_ITEM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sheaftagview");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sheaf-tag-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafTagView, box);
  gtk_widget_class_bind_template_child (widget_class, SheafTagView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SheafTagView, stack);
  gtk_widget_class_bind_template_child (widget_class, SheafTagView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_tag_view_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_tag_view_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_tag_view_activate_cb);
}

static void
sheaf_tag_view_init (SheafTagView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkFilterListModel *root_model;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->root = g_list_store_new (SHEAF_TYPE_TAG_ITEM);
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->selected = g_ptr_array_new_with_free_func (g_free);
  self->filter = gtk_custom_filter_new (sheaf_tag_view_filter_func, self, NULL);

  root_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->root)),
                                          g_object_ref (GTK_FILTER (self->filter)));
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (root_model), FALSE, FALSE,
                                        sheaf_tag_view_create_model_cb, self, NULL);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (sheaf_tag_view_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (sheaf_tag_view_items_changed_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  factory = gtk_builder_list_item_factory_new_from_resource (NULL,
                                                             RESOURCE_BASE "/ui/sheaf-tag-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  sheaf_tag_view_update_stack (self);
}

SheafVault *
sheaf_tag_view_get_vault (SheafTagView *self)
{
  g_return_val_if_fail (SHEAF_IS_TAG_VIEW (self), NULL);

  return self->vault;
}

/**
 * sheaf_tag_view_set_vault:
 * @self: a #SheafTagView
 * @vault: (nullable): a loaded vault
 *
 * Shows @vault's tags, and follows its changes from now on.
 */
void
sheaf_tag_view_set_vault (SheafTagView *self,
                          SheafVault   *vault)
{
  g_return_if_fail (SHEAF_IS_TAG_VIEW (self));
  g_return_if_fail (!vault || SHEAF_IS_VAULT (vault));

  if (self->vault == vault)
    return;

  if (self->vault != NULL)
    g_signal_handlers_disconnect_by_data (self->vault, self);
  g_set_object (&self->vault, vault);

  g_ptr_array_set_size (self->selected, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (vault != NULL)
    {
      const char *events[] = { "note-added", "note-changed", "note-removed" };

      for (guint i = 0; i < G_N_ELEMENTS (events); i++)
        g_signal_connect_object (vault, events[i], G_CALLBACK (sheaf_tag_view_note_event_cb),
                                 self, G_CONNECT_SWAPPED);
    }

  sheaf_tag_view_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TAGS]);
}

/**
 * sheaf_tag_view_dup_selected_tags:
 *
 * Returns: (transfer full): the selected tags, in the order they were chosen
 */
char **
sheaf_tag_view_dup_selected_tags (SheafTagView *self)
{
  GStrvBuilder *builder;
  char **tags;

  g_return_val_if_fail (SHEAF_IS_TAG_VIEW (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->selected->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->selected, i));
  tags = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return tags;
}

/* Expands the parents of @key's row; returns its position, or -1. */
static int
reveal_tag (SheafTagView *self,
            const char   *key)
{
  return sheaf_tree_reveal (self->tree, key, (SheafTreeKeyFunc)sheaf_tag_item_get_search_key);
}

/**
 * sheaf_tag_view_select_tag:
 * @self: a #SheafTagView
 * @tag: a tag, with or without its '#', in any casing
 * @extend: add @tag to the selection instead of replacing it
 *
 * Selects @tag and shows its row, opening its parents.
 *
 * Returns: %TRUE if the vault has @tag
 */
gboolean
sheaf_tag_view_select_tag (SheafTagView *self,
                           const char   *tag,
                           gboolean      extend)
{
  g_autofree char *key = NULL;
  SheafTagItem *item;
  int position;

  g_return_val_if_fail (SHEAF_IS_TAG_VIEW (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  if (tag[0] == '#')
    tag++;

  /* A tag just typed into a note may not be in the tree yet. */
  if (self->rebuild_id != 0)
    sheaf_tag_view_rebuild (self);

  key = g_utf8_casefold (tag, -1);
  if ((item = g_hash_table_lookup (self->items, key)) == NULL)
    return FALSE;

  if (!extend)
    g_ptr_array_set_size (self->selected, 0);
  if (find_selected (self, tag) < 0)
    g_ptr_array_add (self->selected, g_strdup (sheaf_tag_item_get_path (item)));

  /* The filter must not hide the tag the user asked for. */
  if (self->matching != NULL && !g_hash_table_contains (self->matching, key))
    sheaf_tag_view_set_search (self, "");

  self->selecting = TRUE;
  position = reveal_tag (self, key);
  self->selecting = FALSE;
  sheaf_tag_view_sync_selection (self);
  if (position >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TAGS]);

  return TRUE;
}

void
sheaf_tag_view_unselect_all (SheafTagView *self)
{
  g_return_if_fail (SHEAF_IS_TAG_VIEW (self));

  if (self->selected->len == 0)
    return;

  g_ptr_array_set_size (self->selected, 0);
  sheaf_tag_view_sync_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TAGS]);
}

/**
 * sheaf_tag_view_set_search:
 * @self: a #SheafTagView
 * @text: what to type into the filter field
 *
 * Filters the tree at once, without the search entry's delay.
 */
void
sheaf_tag_view_set_search (SheafTagView *self,
                           const char   *text)
{
  g_return_if_fail (SHEAF_IS_TAG_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  sheaf_tag_view_search_changed_cb (self, self->search_entry);
}

void
sheaf_tag_view_focus_filter (SheafTagView *self)
{
  g_return_if_fail (SHEAF_IS_TAG_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * sheaf_tag_view_get_model:
 *
 * Returns: (transfer none): the selection model of the rows shown:
 *   #GtkTreeListRow items holding #SheafTagItem items
 */
GListModel *
sheaf_tag_view_get_model (SheafTagView *self)
{
  g_return_val_if_fail (SHEAF_IS_TAG_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * sheaf_tag_view_get_rebuild_pending:
 *
 * Returns: %TRUE while a change in the vault waits to be shown
 */
gboolean
sheaf_tag_view_get_rebuild_pending (SheafTagView *self)
{
  g_return_val_if_fail (SHEAF_IS_TAG_VIEW (self), FALSE);

  return self->rebuild_id != 0;
}
