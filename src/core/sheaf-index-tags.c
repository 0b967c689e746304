/* sheaf-index-tags.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-index"

#include "config.h"

#include <string.h>

#include "sheaf-index-private.h"
#include "sheaf-text.h"

/* Tags */

typedef struct
{
  SheafTagNode *node;
  GHashTable   *paths;
  GHashTable   *children;  /* segment key → Builder */
} Builder;

static void
builder_free (gpointer data)
{
  Builder *builder = data;

  if (builder->node != NULL)
    sheaf_tag_node_free (builder->node);
  g_hash_table_unref (builder->paths);
  g_hash_table_unref (builder->children);
  g_free (builder);
}

static Builder *
builder_new (const char *name,
             const char *path)
{
  Builder *builder = g_new0 (Builder, 1);

  builder->node = g_new0 (SheafTagNode, 1);
  builder->node->name = g_strdup (name);
  builder->node->path = g_strdup (path);
  builder->node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_tag_node_free);
  builder->paths = g_hash_table_new (g_str_hash, g_str_equal);
  builder->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, builder_free);

  return builder;
}

static int
compare_tag_nodes (gconstpointer a,
                   gconstpointer b)
{
  const SheafTagNode *na = *(SheafTagNode **)a;
  const SheafTagNode *nb = *(SheafTagNode **)b;
  g_autofree char *ka = sheaf_text_key (na->name, -1);
  g_autofree char *kb = sheaf_text_key (nb->name, -1);
  int cmp = strcmp (ka, kb);

  return cmp != 0 ? cmp : strcmp (na->name, nb->name);
}

/* Turns the builders into nodes, counting each node's notes once. */
static GPtrArray *
builder_finish (GHashTable *children)
{
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_tag_node_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Builder *builder = value;
      SheafTagNode *node = g_steal_pointer (&builder->node);

      node->count = g_hash_table_size (builder->paths);
      g_ptr_array_unref (node->children);
      node->children = builder_finish (builder->children);
      g_ptr_array_add (nodes, node);
    }

  g_ptr_array_sort (nodes, compare_tag_nodes);

  return nodes;
}

static int
compare_tag_entries (gconstpointer a,
                     gconstpointer b)
{
  return strcmp ((*(TagEntry **)a)->name, (*(TagEntry **)b)->name);
}

/**
 * sheaf_index_dup_tag_tree:
 *
 * Returns: (transfer full) (element-type SheafTagNode): the top-level tags; a
 *   parent counts every note tagged with it or with a descendant
 */
GPtrArray *
sheaf_index_dup_tag_tree (SheafIndex *index)
{
  g_autoptr(GHashTable) roots = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                       g_free, builder_free);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, index->tags);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (entries, value);

  /* A sorted walk makes the casing of implied parents the same on every run. */
  g_ptr_array_sort (entries, compare_tag_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      TagEntry *entry = g_ptr_array_index (entries, i);
      g_auto(GStrv) segments = g_strsplit (entry->name, "/", -1);
      g_autoptr(GString) path = g_string_new (NULL);
      GHashTable *level = roots;

      for (guint j = 0; segments[j] != NULL; j++)
        {
          g_autofree char *key = NULL;
          Builder *builder;
          GHashTableIter paths;
          gpointer note_path;

          if (segments[j][0] == '\0')
            continue;

          if (path->len > 0)
            g_string_append_c (path, '/');
          g_string_append (path, segments[j]);

          key = sheaf_text_key (segments[j], -1);
          builder = g_hash_table_lookup (level, key);
          if (builder == NULL)
            {
              builder = builder_new (segments[j], path->str);
              g_hash_table_insert (level, g_steal_pointer (&key), builder);
            }

          g_hash_table_iter_init (&paths, entry->paths);
          while (g_hash_table_iter_next (&paths, &note_path, NULL))
            g_hash_table_add (builder->paths, note_path);

          level = builder->children;
        }
    }

  return builder_finish (roots);
}

/**
 * sheaf_index_dup_notes_with_tag:
 * @tag: a tag, with or without its `#`
 *
 * Returns: (transfer full) (element-type utf8): the paths of the notes tagged
 *   @tag or one of its descendants, sorted
 */
GPtrArray *
sheaf_index_dup_notes_with_tag (SheafIndex *index,
                                const char *tag)
{
  g_autofree char *stripped = _sheaf_index_tag_strip (tag);
  g_autofree char *key = sheaf_text_key (stripped, -1);
  g_autofree char *prefix = g_strconcat (key, "/", NULL);
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer tag_key, value;

  g_hash_table_iter_init (&iter, index->tags);
  while (g_hash_table_iter_next (&iter, &tag_key, &value))
    {
      TagEntry *entry = value;
      GHashTableIter paths;
      gpointer path;

      if (strcmp (tag_key, key) != 0 && !g_str_has_prefix (tag_key, prefix))
        continue;

      g_hash_table_iter_init (&paths, entry->paths);
      while (g_hash_table_iter_next (&paths, &path, NULL))
        g_hash_table_add (found, path);
    }

  return _sheaf_index_dup_sorted_keys (found);
}
