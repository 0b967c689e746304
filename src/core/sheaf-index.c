/* sheaf-index.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-index"

#include "config.h"

#include <string.h>

#include "sheaf-index.h"
#include "sheaf-text.h"

typedef struct
{
  char       *name;   /* first-seen casing */
  GHashTable *paths;  /* set of note paths */
} TagEntry;

struct _SheafIndex
{
  GHashTable *notes;        /* path → SheafNote                          */
  GHashTable *attachments;  /* set of attachment paths                   */
  GHashTable *folders;      /* set of folder paths ("" is the root)      */
  GHashTable *failures;     /* path → message, files that could not be read */
  GHashTable *by_key;       /* path key → GPtrArray of paths             */
  GHashTable *by_basename;  /* last segment of the key → GPtrArray       */
  GHashTable *by_alias;     /* alias key → GPtrArray of note paths       */
  GHashTable *tags;         /* tag key → TagEntry                        */
  GHashTable *backlinks;    /* resolved path → GArray of SheafBacklink;
                             * built on first use, dropped on any change */
};

static void
tag_entry_free (gpointer data)
{
  TagEntry *entry = data;

  g_free (entry->name);
  g_hash_table_unref (entry->paths);
  g_free (entry);
}

static GPtrArray *
path_array_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
backlink_array_free (gpointer data)
{
  g_array_unref (data);
}

SheafIndex *
sheaf_index_new (void)
{
  SheafIndex *index = g_new0 (SheafIndex, 1);

  index->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  index->attachments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  index->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_ptr_array_unref);
  index->by_basename = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_ptr_array_unref);
  index->by_alias = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)g_ptr_array_unref);
  index->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, tag_entry_free);

  return index;
}

void
sheaf_index_free (SheafIndex *index)
{
  if (index == NULL)
    return;

  g_hash_table_unref (index->notes);
  g_hash_table_unref (index->attachments);
  g_hash_table_unref (index->folders);
  g_hash_table_unref (index->failures);
  g_hash_table_unref (index->by_key);
  g_hash_table_unref (index->by_basename);
  g_hash_table_unref (index->by_alias);
  g_hash_table_unref (index->tags);
  g_clear_pointer (&index->backlinks, g_hash_table_unref);
  g_free (index);
}

/* A multimap keeps its values sorted, so that "ties alphabetical" is simply the
 * first element and lookups never depend on the order files were seen in. */
static void
multimap_add (GHashTable *map,
              char       *key,
              const char *path)
{
  GPtrArray *paths = g_hash_table_lookup (map, key);
  guint i;

  if (paths == NULL)
    {
      paths = path_array_new ();
      g_hash_table_insert (map, key, paths);
    }
  else
    g_free (key);

  for (i = 0; i < paths->len; i++)
    {
      int cmp = strcmp (g_ptr_array_index (paths, i), path);

      if (cmp == 0)
        return;
      if (cmp > 0)
        break;
    }

  g_ptr_array_insert (paths, i, g_strdup (path));
}

static void
multimap_remove (GHashTable *map,
                 const char *key,
                 const char *path)
{
  GPtrArray *paths = g_hash_table_lookup (map, key);

  if (paths == NULL)
    return;

  for (guint i = 0; i < paths->len; i++)
    {
      if (strcmp (g_ptr_array_index (paths, i), path) == 0)
        {
          g_ptr_array_remove_index (paths, i);
          break;
        }
    }

  if (paths->len == 0)
    g_hash_table_remove (map, key);
}

static const char *
last_segment (const char *key)
{
  const char *slash = strrchr (key, '/');

  return slash != NULL ? slash + 1 : key;
}

static void
add_path_keys (SheafIndex *index,
               const char *path)
{
  char *key = sheaf_text_path_key (path);

  multimap_add (index->by_basename, g_strdup (last_segment (key)), path);
  multimap_add (index->by_key, key, path);
}

static void
remove_path_keys (SheafIndex *index,
                  const char *path)
{
  g_autofree char *key = sheaf_text_path_key (path);

  multimap_remove (index->by_basename, last_segment (key), path);
  multimap_remove (index->by_key, key, path);
}

static char *
tag_strip (const char *tag)
{
  while (*tag == '#')
    tag++;

  return g_strdup (tag);
}

/* Every tag of a note once, keyed by folded name. */
static GHashTable *
note_dup_tags (SheafNote *note)
{
  GHashTable *tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) names = sheaf_note_dup_tags (note);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      g_hash_table_insert (tags, sheaf_text_key (name, -1), g_strdup (name));
    }

  return tags;
}

static void
add_note_tags (SheafIndex *index,
               SheafNote  *note)
{
  g_autoptr(GHashTable) tags = note_dup_tags (note);
  GHashTableIter iter;
  gpointer key, name;

  g_hash_table_iter_init (&iter, tags);
  while (g_hash_table_iter_next (&iter, &key, &name))
    {
      TagEntry *entry = g_hash_table_lookup (index->tags, key);

      if (entry == NULL)
        {
          entry = g_new0 (TagEntry, 1);
          entry->name = g_strdup (name);
          entry->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (index->tags, g_strdup (key), entry);
        }

      g_hash_table_add (entry->paths, g_strdup (sheaf_note_get_path (note)));
    }
}

static void
remove_note_tags (SheafIndex *index,
                  SheafNote  *note)
{
  g_autoptr(GHashTable) tags = note_dup_tags (note);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, tags);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      TagEntry *entry = g_hash_table_lookup (index->tags, key);

      if (entry == NULL)
        continue;

      g_hash_table_remove (entry->paths, sheaf_note_get_path (note));
      if (g_hash_table_size (entry->paths) == 0)
        g_hash_table_remove (index->tags, key);
    }
}

static void
foreach_alias (SheafNote  *note,
               SheafIndex *index,
               void      (*func) (GHashTable *, const char *, const char *))
{
  const char * const *aliases = sheaf_frontmatter_get_aliases (sheaf_note_get_frontmatter (note));

  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    {
      g_autofree char *key = sheaf_text_link_key (aliases[i]);

      if (key[0] != '\0')
        func (index->by_alias, key, sheaf_note_get_path (note));
    }
}

static void
alias_add (GHashTable *map,
           const char *key,
           const char *path)
{
  multimap_add (map, g_strdup (key), path);
}

static void
invalidate (SheafIndex *index)
{
  g_clear_pointer (&index->backlinks, g_hash_table_unref);
}

/**
 * sheaf_index_add_note:
 * @index: a #SheafIndex
 * @note: a note; one already at its path is replaced
 */
void
sheaf_index_add_note (SheafIndex *index,
                      SheafNote  *note)
{
  const char *path = sheaf_note_get_path (note);

  sheaf_index_remove (index, path);

  g_hash_table_insert (index->notes, g_strdup (path), g_object_ref (note));
  g_hash_table_remove (index->failures, path);
  add_path_keys (index, path);
  foreach_alias (note, index, alias_add);
  add_note_tags (index, note);
  invalidate (index);
}

void
sheaf_index_add_attachment (SheafIndex *index,
                            const char *path)
{
  if (g_hash_table_contains (index->attachments, path))
    return;

  g_hash_table_add (index->attachments, g_strdup (path));
  add_path_keys (index, path);
  invalidate (index);
}

void
sheaf_index_add_folder (SheafIndex *index,
                        const char *path)
{
  g_hash_table_add (index->folders, g_strdup (path));
}

void
sheaf_index_add_failure (SheafIndex *index,
                         const char *path,
                         const char *message)
{
  g_hash_table_insert (index->failures, g_strdup (path), g_strdup (message));
}

/**
 * sheaf_index_remove:
 * @index: a #SheafIndex
 * @path: a note or attachment path
 *
 * Returns: %TRUE if something was at @path
 */
gboolean
sheaf_index_remove (SheafIndex *index,
                    const char *path)
{
  SheafNote *note = g_hash_table_lookup (index->notes, path);

  g_hash_table_remove (index->failures, path);

  if (note != NULL)
    {
      g_autoptr(SheafNote) held = g_object_ref (note);

      remove_path_keys (index, path);
      foreach_alias (held, index, multimap_remove);
      remove_note_tags (index, held);
      g_hash_table_remove (index->notes, path);
      invalidate (index);
      return TRUE;
    }

  if (g_hash_table_remove (index->attachments, path))
    {
      remove_path_keys (index, path);
      invalidate (index);
      return TRUE;
    }

  return FALSE;
}

SheafNote *
sheaf_index_get_note (SheafIndex *index,
                      const char *path)
{
  return g_hash_table_lookup (index->notes, path);
}

gboolean
sheaf_index_has_attachment (SheafIndex *index,
                            const char *path)
{
  return g_hash_table_contains (index->attachments, path);
}

gboolean
sheaf_index_has_folder (SheafIndex *index,
                        const char *path)
{
  return g_hash_table_contains (index->folders, path);
}

guint
sheaf_index_get_n_notes (SheafIndex *index)
{
  return g_hash_table_size (index->notes);
}

guint
sheaf_index_get_n_attachments (SheafIndex *index)
{
  return g_hash_table_size (index->attachments);
}

static int
compare_notes_by_path (gconstpointer a,
                       gconstpointer b)
{
  SheafNote *na = *(SheafNote **)a;
  SheafNote *nb = *(SheafNote **)b;

  return strcmp (sheaf_note_get_path (na), sheaf_note_get_path (nb));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/**
 * sheaf_index_dup_notes:
 *
 * Returns: (transfer container) (element-type SheafNote): the notes, sorted by path
 */
GPtrArray *
sheaf_index_dup_notes (SheafIndex *index)
{
  GPtrArray *notes = g_ptr_array_new_full (g_hash_table_size (index->notes), g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, index->notes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (notes, g_object_ref (value));

  g_ptr_array_sort (notes, compare_notes_by_path);

  return notes;
}

static GPtrArray *
dup_sorted_keys (GHashTable *table)
{
  GPtrArray *keys = path_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_strdup (key));

  g_ptr_array_sort (keys, compare_strings);

  return keys;
}

GPtrArray *
sheaf_index_dup_folders (SheafIndex *index)
{
  return dup_sorted_keys (index->folders);
}

GPtrArray *
sheaf_index_dup_attachments (SheafIndex *index)
{
  return dup_sorted_keys (index->attachments);
}

GHashTable *
sheaf_index_get_failures (SheafIndex *index)
{
  return index->failures;
}

/* Resolution, DESIGN.md §3. */

static gboolean
has_dot_segment (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], ".") == 0 || strcmp (parts[i], "..") == 0)
      return TRUE;

  return FALSE;
}

static gboolean
lookup_unique (GHashTable    *map,
               const char    *key,
               SheafResolved *out)
{
  GPtrArray *paths = g_hash_table_lookup (map, key);

  if (paths == NULL)
    return FALSE;

  out->resolved = g_strdup (g_ptr_array_index (paths, 0));
  out->ambiguous = paths->len > 1;

  return TRUE;
}

/* A basename or trailing-path match: the shortest path string wins, ties go
 * alphabetically and are flagged ambiguous. */
static gboolean
lookup_shortest (SheafIndex    *index,
                 const char    *key,
                 SheafResolved *out)
{
  GPtrArray *paths = g_hash_table_lookup (index->by_basename, last_segment (key));
  const char *best = NULL;
  gsize best_len = G_MAXSIZE;
  gboolean tie = FALSE;
  gsize key_len = strlen (key);

  if (paths == NULL)
    return FALSE;

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *path_key = sheaf_text_path_key (path);
      gsize path_key_len = strlen (path_key);
      gsize len = strlen (path);

      if (path_key_len < key_len ||
          strcmp (path_key + path_key_len - key_len, key) != 0 ||
          (path_key_len > key_len && path_key[path_key_len - key_len - 1] != '/'))
        continue;

      /* paths are sorted, so an equal length later on is a tie, never a better name */
      if (len < best_len)
        {
          best = path;
          best_len = len;
          tie = FALSE;
        }
      else if (len == best_len)
        tie = TRUE;
    }

  if (best == NULL)
    return FALSE;

  out->resolved = g_strdup (best);
  out->ambiguous = tie;

  return TRUE;
}

static void
resolve_relative (SheafIndex    *index,
                  const char    *folder,
                  const char    *target,
                  SheafResolved *out)
{
  g_autofree char *path = sheaf_text_normalize_path (folder, target);
  g_autofree char *key = NULL;

  if (path == NULL)
    {
      out->resolution = SHEAF_RESOLUTION_OUTSIDE;
      return;
    }

  key = sheaf_text_link_key (path);
  if (lookup_unique (index->by_key, key, out))
    out->resolution = SHEAF_RESOLUTION_RELATIVE;
}

/**
 * sheaf_index_resolve:
 * @index: a #SheafIndex
 * @source_path: the note holding the link
 * @target: the link's target, display text and fragment removed
 * @out: (out caller-allocates): where the answer goes
 *
 * Resolves @target as Obsidian 1.13 does, then one step further (aliases).
 */
void
sheaf_index_resolve (SheafIndex    *index,
                     const char    *source_path,
                     const char    *target,
                     SheafResolved *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (target));
  g_autofree char *folder = sheaf_text_dup_folder (source_path);
  g_autofree char *key = NULL;
  g_autofree char *folder_key = NULL;
  const char *rel = trimmed;

  memset (out, 0, sizeof *out);
  out->resolution = SHEAF_RESOLUTION_UNRESOLVED;

  if (rel[0] == '\0')
    {
      out->resolution = SHEAF_RESOLUTION_SELF;
      out->resolved = g_strdup (source_path);
      return;
    }

  if (g_str_has_prefix (rel, "./") || g_str_has_prefix (rel, "../") || strcmp (rel, "..") == 0)
    {
      resolve_relative (index, folder, rel, out);
      return;
    }

  /* "/x" names x at the vault root; "a/../../x" is normalised and may not escape */
  while (rel[0] == '/')
    rel++;

  if (has_dot_segment (rel))
    {
      g_autofree char *normal = sheaf_text_normalize_path ("", rel);

      if (normal == NULL)
        {
          out->resolution = SHEAF_RESOLUTION_OUTSIDE;
          return;
        }

      key = sheaf_text_link_key (normal);
    }
  else
    key = sheaf_text_link_key (rel);

  if (key[0] == '\0')
    return;

  if (lookup_unique (index->by_key, key, out))
    {
      out->resolution = SHEAF_RESOLUTION_EXACT;
      return;
    }

  if (folder[0] != '\0')
    {
      g_autofree char *folder_folded = sheaf_text_key (folder, -1);

      folder_key = g_strconcat (folder_folded, "/", key, NULL);
      if (lookup_unique (index->by_key, folder_key, out))
        {
          out->resolution = SHEAF_RESOLUTION_FOLDER;
          return;
        }
    }

  if (lookup_shortest (index, key, out))
    {
      out->resolution = SHEAF_RESOLUTION_SHORTEST;
      return;
    }

  if (lookup_unique (index->by_alias, key, out))
    out->resolution = SHEAF_RESOLUTION_ALIAS;
}

static void
build_backlinks (SheafIndex *index)
{
  g_autoptr(GPtrArray) notes = sheaf_index_dup_notes (index);

  index->backlinks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, backlink_array_free);

  for (guint i = 0; i < notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, i);
      const char *source = sheaf_note_get_path (note);
      const SheafLink *links;
      guint n_links = 0;

      links = sheaf_parse_result_get_links (sheaf_note_get_parse_result (note), &n_links);

      for (guint j = 0; j < n_links; j++)
        {
          g_auto(SheafResolved) resolved = { 0 };
          SheafBacklink backlink;
          GArray *array;

          sheaf_index_resolve (index, source, links[j].target, &resolved);
          if (resolved.resolved == NULL || strcmp (resolved.resolved, source) == 0)
            continue;

          array = g_hash_table_lookup (index->backlinks, resolved.resolved);
          if (array == NULL)
            {
              array = g_array_new (FALSE, FALSE, sizeof (SheafBacklink));
              g_array_set_clear_func (array, (GDestroyNotify)sheaf_backlink_clear);
              g_hash_table_insert (index->backlinks, g_strdup (resolved.resolved), array);
            }

          backlink.source = g_strdup (source);
          backlink.link_index = j;
          backlink.line = links[j].line;
          g_array_append_val (array, backlink);
        }
    }
}

/**
 * sheaf_index_dup_backlinks:
 *
 * Returns: (transfer full): the links to @path, by source path then position
 */
GArray *
sheaf_index_dup_backlinks (SheafIndex *index,
                           const char *path)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (SheafBacklink));
  GArray *array;

  g_array_set_clear_func (copy, (GDestroyNotify)sheaf_backlink_clear);

  if (index->backlinks == NULL)
    build_backlinks (index);

  array = g_hash_table_lookup (index->backlinks, path);
  for (guint i = 0; array != NULL && i < array->len; i++)
    {
      SheafBacklink backlink = g_array_index (array, SheafBacklink, i);

      backlink.source = g_strdup (backlink.source);
      g_array_append_val (copy, backlink);
    }

  return copy;
}

/**
 * sheaf_index_dup_alias_owners:
 *
 * Returns: (transfer full) (element-type utf8): the notes claiming @alias, sorted
 */
GPtrArray *
sheaf_index_dup_alias_owners (SheafIndex *index,
                              const char *alias)
{
  g_autofree char *key = sheaf_text_link_key (alias);
  GPtrArray *paths = g_hash_table_lookup (index->by_alias, key);
  GPtrArray *copy = path_array_new ();

  for (guint i = 0; paths != NULL && i < paths->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (paths, i)));

  return copy;
}

/**
 * sheaf_index_dup_aliases:
 *
 * Returns: (transfer full) (element-type utf8): every alias key, sorted
 */
GPtrArray *
sheaf_index_dup_aliases (SheafIndex *index)
{
  return dup_sorted_keys (index->by_alias);
}

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
  g_autoptr(GHashTable) roots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, builder_free);
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
  g_autofree char *stripped = tag_strip (tag);
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

  return dup_sorted_keys (found);
}
