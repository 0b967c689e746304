/* sheaf-index-resolve.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-index"

#include "config.h"

#include <string.h>

#include "sheaf-index-private.h"
#include "sheaf-text.h"

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
  PathList *paths = g_hash_table_lookup (map, key);

  if (paths == NULL)
    return FALSE;

  out->resolved = g_strdup (paths->paths[0]);
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
  PathList *paths = g_hash_table_lookup (index->by_basename, _sheaf_index_last_segment (key));
  const char *best = NULL;
  gsize best_len = G_MAXSIZE;
  gboolean tie = FALSE;
  gsize key_len = strlen (key);

  if (paths == NULL)
    return FALSE;

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->paths[i];
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

  index->backlinks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            _sheaf_index_backlink_array_free);

  for (guint i = 0; i < notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, i);
      const char *source = sheaf_note_get_path (note);
      SheafParseResult *result = sheaf_note_get_parse_result (note);
      guint n_links = sheaf_parse_result_get_n_links (result);

      /* Targets and lines only: the notes' links stay compact. */
      for (guint j = 0; j < n_links; j++)
        {
          g_auto(SheafResolved) resolved = { 0 };
          SheafBacklink backlink;
          GArray *array;

          sheaf_index_resolve (index, source, sheaf_parse_result_get_link_target (result, j),
                               &resolved);
          if (resolved.resolved == NULL || strcmp (resolved.resolved, source) == 0)
            continue;

          array = g_hash_table_lookup (index->backlinks, resolved.resolved);
          if (array == NULL)
            {
              array = g_array_new (FALSE, FALSE, sizeof (SheafBacklink));
              g_hash_table_insert (index->backlinks, g_strdup (resolved.resolved), array);
            }

          /* Borrowed from the note, as the index's other tables do (see
           * sheaf_index_new()): any change drops this table first.
           * sheaf_index_dup_backlinks() hands out copies. */
          backlink.source = (char *) source;
          backlink.link_index = j;
          backlink.line = sheaf_parse_result_get_link_line (result, j);
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
  PathList *paths = g_hash_table_lookup (index->by_alias, key);
  GPtrArray *copy = _sheaf_index_path_array_new ();

  for (guint i = 0; paths != NULL && i < paths->len; i++)
    g_ptr_array_add (copy, g_strdup (paths->paths[i]));

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
  return _sheaf_index_dup_sorted_keys (index->by_alias);
}

