/* sheaf-note-node.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-note-node"

#include "config.h"

#include <string.h>

#include "sheaf-note-node.h"

struct _SheafNoteNode
{
  GObject     parent_instance;

  /* Owned */
  char       *path;        /* vault-relative; a folder's has no trailing '/' */
  char       *title;       /* a note's title, a folder's name */
  char       *sort_key;    /* collation key of the title */
  char       *search_key;  /* casefolded "title\npath" */
  GListStore *children;    /* folders only: SheafNoteNode, sorted */
};

G_DEFINE_FINAL_TYPE (SheafNoteNode, sheaf_note_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_IS_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sheaf_note_node_update_keys (SheafNoteNode *self)
{
  g_autofree char *joined = g_strconcat (self->title, "\n", self->path, NULL);

  g_free (self->sort_key);
  self->sort_key = g_utf8_collate_key_for_filename (self->title, -1);
  g_free (self->search_key);
  self->search_key = g_utf8_casefold (joined, -1);
}

static void
sheaf_note_node_finalize (GObject *object)
{
  SheafNoteNode *self = (SheafNoteNode *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->sort_key, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (sheaf_note_node_parent_class)->finalize (object);
}

static void
sheaf_note_node_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SheafNoteNode *self = SHEAF_NOTE_NODE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_ICON_NAME:
      g_value_set_static_string (value, self->children != NULL ? "folder-symbolic"
                                                               : "text-x-generic-symbolic");
      break;

    case PROP_IS_FOLDER:
      g_value_set_boolean (value, self->children != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_note_node_class_init (SheafNoteNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sheaf_note_node_finalize;
  object_class->get_property = sheaf_note_node_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_IS_FOLDER] =
    g_param_spec_boolean ("is-folder", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sheaf_note_node_init (SheafNoteNode *self)
{
}

SheafNoteNode *
sheaf_note_node_new_folder (const char *path)
{
  SheafNoteNode *self;
  const char *slash;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SHEAF_TYPE_NOTE_NODE, NULL);
  self->path = g_strdup (path);
  slash = strrchr (path, '/');
  self->title = g_strdup (slash != NULL ? slash + 1 : path);
  self->children = g_list_store_new (SHEAF_TYPE_NOTE_NODE);
  sheaf_note_node_update_keys (self);

  return self;
}

SheafNoteNode *
sheaf_note_node_new_note (const char *path,
                          const char *title)
{
  SheafNoteNode *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (SHEAF_TYPE_NOTE_NODE, NULL);
  self->path = g_strdup (path);
  self->title = g_strdup (title);
  sheaf_note_node_update_keys (self);

  return self;
}

gboolean
sheaf_note_node_is_folder (SheafNoteNode *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE_NODE (self), FALSE);

  return self->children != NULL;
}

const char *
sheaf_note_node_get_path (SheafNoteNode *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE_NODE (self), NULL);

  return self->path;
}

const char *
sheaf_note_node_get_title (SheafNoteNode *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE_NODE (self), NULL);

  return self->title;
}

/* The caller re-sorts the node's parent: its place may have changed. */
void
sheaf_note_node_set_title (SheafNoteNode *self,
                           const char    *title)
{
  g_return_if_fail (SHEAF_IS_NOTE_NODE (self));
  g_return_if_fail (title != NULL);

  if (g_strcmp0 (title, self->title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  sheaf_note_node_update_keys (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * sheaf_note_node_get_search_key:
 *
 * Returns: the title and the path, casefolded, for the sidebar's filter
 */
const char *
sheaf_note_node_get_search_key (SheafNoteNode *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE_NODE (self), NULL);

  return self->search_key;
}

/**
 * sheaf_note_node_get_children:
 *
 * Returns: (transfer none) (nullable): a folder's children, sorted with
 *   sheaf_note_node_compare(); %NULL for a note
 */
GListStore *
sheaf_note_node_get_children (SheafNoteNode *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE_NODE (self), NULL);

  return self->children;
}

/**
 * sheaf_note_node_compare:
 *
 * Folders first, then by name as a file manager sorts them ("Note 2"
 * before "Note 10"), then by path so that the order is total.
 */
int
sheaf_note_node_compare (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  SheafNoteNode *node_a = (SheafNoteNode *)a;
  SheafNoteNode *node_b = (SheafNoteNode *)b;
  int cmp;

  if ((node_a->children != NULL) != (node_b->children != NULL))
    return node_a->children != NULL ? -1 : 1;

  cmp = strcmp (node_a->sort_key, node_b->sort_key);
  if (cmp != 0)
    return cmp;

  return strcmp (node_a->path, node_b->path);
}
