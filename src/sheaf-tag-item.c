/* sheaf-tag-item.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-tag-item"

#include "config.h"

#include "sheaf-tag-item.h"

/* SheafTagItem: an immutable copy of a SheafTagNode for list models. The tag
 * tree is rebuilt as a whole when the vault changes, so items never change. */

struct _SheafTagItem
{
  GObject     parent_instance;

  /* Owned */
  char       *name;
  char       *path;
  char       *search_key;  /* casefolded path */
  char       *count_label;
  GListStore *children;    /* SheafTagItem, or NULL for a leaf */
  guint       count;
};

G_DEFINE_FINAL_TYPE (SheafTagItem, sheaf_tag_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PATH,
  PROP_COUNT,
  PROP_COUNT_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sheaf_tag_item_finalize (GObject *object)
{
  SheafTagItem *self = (SheafTagItem *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->count_label, g_free);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (sheaf_tag_item_parent_class)->finalize (object);
}

static void
sheaf_tag_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SheafTagItem *self = SHEAF_TAG_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    case PROP_COUNT_LABEL:
      g_value_set_string (value, self->count_label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_tag_item_class_init (SheafTagItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sheaf_tag_item_finalize;
  object_class->get_property = sheaf_tag_item_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_COUNT_LABEL] =
    g_param_spec_string ("count-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sheaf_tag_item_init (SheafTagItem *self)
{
}

/**
 * sheaf_tag_item_new:
 * @node: a node of sheaf_vault_dup_tag_tree()
 *
 * Returns: (transfer full): an item for @node and, recursively, its children
 */
SheafTagItem *
sheaf_tag_item_new (const SheafTagNode *node)
{
  SheafTagItem *self;

  g_return_val_if_fail (node != NULL, NULL);

  self = g_object_new (SHEAF_TYPE_TAG_ITEM, NULL);
  self->name = g_strdup (node->name);
  self->path = g_strdup (node->path);
  self->search_key = g_utf8_casefold (node->path, -1);
  self->count = node->count;
  self->count_label = g_strdup_printf ("%u", node->count);

  if (node->children != NULL && node->children->len > 0)
    {
      self->children = g_list_store_new (SHEAF_TYPE_TAG_ITEM);
      for (guint i = 0; i < node->children->len; i++)
        {
          g_autoptr(SheafTagItem) child = sheaf_tag_item_new (g_ptr_array_index (node->children, i));

          g_list_store_append (self->children, child);
        }
    }

  return self;
}

const char *
sheaf_tag_item_get_name (SheafTagItem *self)
{
  g_return_val_if_fail (SHEAF_IS_TAG_ITEM (self), NULL);

  return self->name;
}

const char *
sheaf_tag_item_get_path (SheafTagItem *self)
{
  g_return_val_if_fail (SHEAF_IS_TAG_ITEM (self), NULL);

  return self->path;
}

const char *
sheaf_tag_item_get_search_key (SheafTagItem *self)
{
  g_return_val_if_fail (SHEAF_IS_TAG_ITEM (self), NULL);

  return self->search_key;
}

guint
sheaf_tag_item_get_count (SheafTagItem *self)
{
  g_return_val_if_fail (SHEAF_IS_TAG_ITEM (self), 0);

  return self->count;
}

/**
 * sheaf_tag_item_get_children:
 *
 * Returns: (transfer none) (nullable): the child tags, or %NULL for a leaf
 */
GListStore *
sheaf_tag_item_get_children (SheafTagItem *self)
{
  g_return_val_if_fail (SHEAF_IS_TAG_ITEM (self), NULL);

  return self->children;
}
