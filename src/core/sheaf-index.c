/* sheaf-index.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-index"

#include "config.h"

#include <string.h>

#include "sheaf-index-private.h"
#include "sheaf-text.h"

static void
tag_entry_free (gpointer data)
{
  TagEntry *entry = data;

  g_free (entry->name);
  g_hash_table_unref (entry->paths);
  g_free (entry);
}

GPtrArray *
_sheaf_index_path_array_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

void
_sheaf_index_backlink_array_free (gpointer data)
{
  g_array_unref (data);
}

/* Memory. A 100 000-note vault has a path in every table below, most of
 * them several times (its keys, its aliases, each of its tags): none of
 * those is a copy. The one string of a path is the note's own
 * (sheaf_note_get_path(), the key of @notes) or the key of @attachments, and
 * every other table borrows it; removing a path takes it out of the other
 * tables before its owner goes. */
SheafIndex *
sheaf_index_new (void)
{
  SheafIndex *index = g_new0 (SheafIndex, 1);

  index->notes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  index->attachments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  index->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  index->by_basename = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  index->by_alias = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
 * first element and lookups never depend on the order files were seen in. A
 * change replaces the key's PathList with one of the new size. */
static void
multimap_add (GHashTable *map,
              char       *key,
              const char *path)
{
  PathList *paths = g_hash_table_lookup (map, key);
  PathList *grown;
  guint i, len = paths != NULL ? paths->len : 0;

  for (i = 0; i < len; i++)
    {
      int cmp = strcmp (paths->paths[i], path);

      if (cmp == 0)
        {
          g_free (key);
          return;
        }
      if (cmp > 0)
        break;
    }

  grown = g_malloc (sizeof (PathList) + (len + 1) * sizeof (char *));
  grown->len = len + 1;
  if (len > 0)
    {
      memcpy (grown->paths, paths->paths, i * sizeof (char *));
      memcpy (grown->paths + i + 1, paths->paths + i, (len - i) * sizeof (char *));
    }
  grown->paths[i] = path;

  /* An existing key stays, @key is freed, and so is the old list. */
  g_hash_table_insert (map, key, grown);
}

static void
multimap_remove (GHashTable *map,
                 const char *key,
                 const char *path)
{
  PathList *paths = g_hash_table_lookup (map, key);
  PathList *shrunk;
  guint i;

  if (paths == NULL)
    return;

  for (i = 0; i < paths->len; i++)
    if (strcmp (paths->paths[i], path) == 0)
      break;

  if (i == paths->len)
    return;

  if (paths->len == 1)
    {
      g_hash_table_remove (map, key);
      return;
    }

  shrunk = g_malloc (sizeof (PathList) + (paths->len - 1) * sizeof (char *));
  shrunk->len = paths->len - 1;
  memcpy (shrunk->paths, paths->paths, i * sizeof (char *));
  memcpy (shrunk->paths + i, paths->paths + i + 1, (paths->len - i - 1) * sizeof (char *));
  g_hash_table_insert (map, g_strdup (key), shrunk);
}

const char *
_sheaf_index_last_segment (const char *key)
{
  const char *slash = strrchr (key, '/');

  return slash != NULL ? slash + 1 : key;
}

static void
add_path_keys (SheafIndex *index,
               const char *path)
{
  char *key = sheaf_text_path_key (path);

  multimap_add (index->by_basename, g_strdup (_sheaf_index_last_segment (key)), path);
  multimap_add (index->by_key, key, path);
}

static void
remove_path_keys (SheafIndex *index,
                  const char *path)
{
  g_autofree char *key = sheaf_text_path_key (path);

  multimap_remove (index->by_basename, _sheaf_index_last_segment (key), path);
  multimap_remove (index->by_key, key, path);
}

char *
_sheaf_index_tag_strip (const char *tag)
{
  while (*tag == '#')
    tag++;

  return g_strdup (tag);
}

typedef void (*TagFunc) (SheafIndex *index,
                         const char *key,
                         const char *name,
                         const char *path);

/* Calls @func with every tag of @note (without '#') and its folded key,
 * frontmatter tags first. A tag written twice comes twice: @func must not
 * mind, and the first time brings the casing first seen. Every note goes
 * through here on a vault load, on the thread that waits for it: no
 * intermediate tables. */
static void
foreach_tag (SheafIndex *index,
             SheafNote  *note,
             TagFunc     func)
{
  const char * const *fm_tags = sheaf_frontmatter_get_tags (sheaf_note_get_frontmatter (note));
  SheafParseResult *result = sheaf_note_get_parse_result (note);
  const SheafTag *inline_tags = NULL;
  guint n_fm = fm_tags != NULL ? g_strv_length ((char **) fm_tags) : 0;
  guint n_inline = 0;

  if (result != NULL)
    inline_tags = sheaf_parse_result_get_tags (result, &n_inline);

  for (guint i = 0; i < n_fm + n_inline; i++)
    {
      const char *name = i < n_fm ? fm_tags[i] : inline_tags[i - n_fm].name;
      g_autofree char *key = NULL;

      while (*name == '#')
        name++;
      if (*name == '\0')
        continue;

      key = sheaf_text_key (name, -1);
      func (index, key, name, sheaf_note_get_path (note));
    }
}

static void
tag_add (SheafIndex *index,
         const char *key,
         const char *name,
         const char *path)
{
  TagEntry *entry = g_hash_table_lookup (index->tags, key);

  if (entry == NULL)
    {
      entry = g_new0 (TagEntry, 1);
      entry->name = g_strdup (name);
      entry->paths = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (index->tags, g_strdup (key), entry);
    }

  if (!g_hash_table_contains (entry->paths, path))
    g_hash_table_add (entry->paths, (char *) path);
}

static void
tag_remove (SheafIndex *index,
            const char *key,
            const char *name,
            const char *path)
{
  TagEntry *entry = g_hash_table_lookup (index->tags, key);

  if (entry == NULL)
    return;

  g_hash_table_remove (entry->paths, path);
  if (g_hash_table_size (entry->paths) == 0)
    g_hash_table_remove (index->tags, key);
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

  /* The note owns the key: see sheaf_index_new(). */
  g_hash_table_replace (index->notes, (char *) path, g_object_ref (note));
  g_hash_table_remove (index->failures, path);
  add_path_keys (index, path);
  foreach_alias (note, index, alias_add);
  foreach_tag (index, note, tag_add);
  invalidate (index);
}

void
sheaf_index_add_attachment (SheafIndex *index,
                            const char *path)
{
  char *owned;

  if (g_hash_table_contains (index->attachments, path))
    return;

  owned = g_strdup (path);
  g_hash_table_add (index->attachments, owned);
  add_path_keys (index, owned);
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
      foreach_tag (index, held, tag_remove);
      g_hash_table_remove (index->notes, path);
      invalidate (index);
      return TRUE;
    }

  if (g_hash_table_contains (index->attachments, path))
    {
      /* The multimaps borrow the set's string: out of them first. */
      remove_path_keys (index, path);
      g_hash_table_remove (index->attachments, path);
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

GPtrArray *
_sheaf_index_dup_sorted_keys (GHashTable *table)
{
  GPtrArray *keys = _sheaf_index_path_array_new ();
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
  return _sheaf_index_dup_sorted_keys (index->folders);
}

GPtrArray *
sheaf_index_dup_attachments (SheafIndex *index)
{
  return _sheaf_index_dup_sorted_keys (index->attachments);
}

GHashTable *
sheaf_index_get_failures (SheafIndex *index)
{
  return index->failures;
}

