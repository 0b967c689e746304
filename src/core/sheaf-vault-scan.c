/* sheaf-vault-scan.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-vault"

#include "config.h"

#include <string.h>

#include "sheaf-vault-private.h"

/* Reading a vault from disk: the walk over its folders and the parse of its
 * notes on a pool of worker threads. Nothing here touches a SheafVault, so all
 * of it runs off the main thread. */

/* Progress is reported at most this often, so a 100 000-note vault does not
 * flood the main loop with idle sources. */
#define PROGRESS_STEPS 100

/* What a scan finds: a flat list of files, sorted by path. */
typedef struct
{
  char     *path;
  gboolean  is_note;
} ScanEntry;

typedef struct
{
  GFile        *root;
  GCancellable *cancellable;
  GArray       *entries;     /* ScanEntry */
  GPtrArray    *folders;     /* char* */
  GHashTable   *visited;     /* file ids of folders already walked */
} Scan;

typedef struct
{
  Scan         *scan;
  SheafNote   **notes;       /* one slot per entry, filled by the pool */
  char        **failures;    /* one slot per entry */
  gboolean     *ready;       /* one slot per entry; under @lock */
  guint         waiting_for; /* the entry build_index() waits for; under @lock */
  GMutex        lock;
  GCond         cond;
  gint          done;        /* atomic */
  SheafScanProgress  progress;
  gpointer      progress_data;
} Parse;

static void
scan_entry_clear (gpointer data)
{
  ScanEntry *entry = data;

  g_free (entry->path);
}

static void
scan_free (Scan *scan)
{
  g_clear_object (&scan->root);
  g_clear_object (&scan->cancellable);
  g_clear_pointer (&scan->entries, g_array_unref);
  g_clear_pointer (&scan->folders, g_ptr_array_unref);
  g_clear_pointer (&scan->visited, g_hash_table_unref);
  g_free (scan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scan, scan_free)

static Scan *
scan_new (GFile        *root,
          GCancellable *cancellable)
{
  Scan *scan = g_new0 (Scan, 1);

  scan->root = g_object_ref (root);
  scan->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  scan->entries = g_array_new (FALSE, FALSE, sizeof (ScanEntry));
  g_array_set_clear_func (scan->entries, scan_entry_clear);
  scan->folders = g_ptr_array_new_with_free_func (g_free);
  scan->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return scan;
}

static char *
join_path (const char *folder,
           const char *name)
{
  return folder[0] == '\0' ? g_strdup (name) : g_strconcat (folder, "/", name, NULL);
}

/* Hidden folders (.obsidian, .git, .trash…) and hidden files are not part of
 * the vault. Symbolic links are followed, but a folder already walked is never
 * walked again, so a link loop ends. */
static gboolean
scan_folder (Scan        *scan,
             GFile       *folder,
             const char  *path,
             GError     **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GFileInfo) folder_info = NULL;
  const char *id;

  folder_info = g_file_query_info (folder, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE,
                                   scan->cancellable, error);
  if (folder_info == NULL)
    return FALSE;

  id = g_file_info_get_attribute_string (folder_info, G_FILE_ATTRIBUTE_ID_FILE);
  if (id != NULL)
    {
      if (g_hash_table_contains (scan->visited, id))
        return TRUE;
      g_hash_table_add (scan->visited, g_strdup (id));
    }

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE,
                                          scan->cancellable, error);
  if (enumerator == NULL)
    return FALSE;

  g_ptr_array_add (scan->folders, g_strdup (path));

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, scan->cancellable, error))
        return FALSE;

      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (name[0] == '.')
        continue;

      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          {
            g_autofree char *child_path = join_path (path, name);
            g_autoptr(GError) local_error = NULL;

            /* An unreadable sub-folder is skipped, not fatal to the vault. */
            if (!scan_folder (scan, child, child_path, &local_error))
              {
                if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                  {
                    g_propagate_error (error, g_steal_pointer (&local_error));
                    return FALSE;
                  }
                g_debug ("Skipping %s: %s", child_path, local_error->message);
              }
          }
          break;

        case G_FILE_TYPE_REGULAR:
          {
            ScanEntry entry;

            entry.path = join_path (path, name);
            entry.is_note = sheaf_note_path_is_note (name);
            g_array_append_val (scan->entries, entry);
          }
          break;

        case G_FILE_TYPE_UNKNOWN:
        case G_FILE_TYPE_SYMBOLIC_LINK:
        case G_FILE_TYPE_SPECIAL:
        case G_FILE_TYPE_SHORTCUT:
        case G_FILE_TYPE_MOUNTABLE:
        default:
          break;
        }
    }

  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const ScanEntry *)a)->path, ((const ScanEntry *)b)->path);
}

static void
parse_one (gpointer data,
           gpointer user_data)
{
  Parse *parse = user_data;
  guint i = GPOINTER_TO_UINT (data) - 1;
  ScanEntry *entry = &g_array_index (parse->scan->entries, ScanEntry, i);
  g_autoptr(GFile) file = g_file_resolve_relative_path (parse->scan->root, entry->path);
  g_autoptr(GError) error = NULL;
  guint total = parse->scan->entries->len;
  guint done;

  if (!g_cancellable_is_cancelled (parse->scan->cancellable))
    {
      parse->notes[i] = sheaf_note_load (file, entry->path, SHEAF_NOTE_NO_ETAG,
                                         parse->scan->cancellable, &error);
      if (parse->notes[i] == NULL)
        parse->failures[i] = g_strdup (error->message);
    }

  g_mutex_lock (&parse->lock);
  parse->ready[i] = TRUE;
  if (parse->waiting_for == i)
    g_cond_signal (&parse->cond);
  g_mutex_unlock (&parse->lock);

  done = g_atomic_int_add (&parse->done, 1) + 1;
  if (parse->progress != NULL &&
      (done == total || done % MAX (1, total / PROGRESS_STEPS) == 0))
    parse->progress (done, total, parse->progress_data);
}

static void
wait_for_entry (Parse *parse,
                guint  i)
{
  g_mutex_lock (&parse->lock);
  parse->waiting_for = i;
  while (!parse->ready[i])
    g_cond_wait (&parse->cond, &parse->lock);
  parse->waiting_for = G_MAXUINT;
  g_mutex_unlock (&parse->lock);
}

/* Reads and parses every note of @scan on a pool of worker threads while this
 * thread builds the tables, in path order so that the index is the same on
 * every run. Building them as the notes come, rather than once all are parsed,
 * keeps this thread's share of the load from adding to its length. */
static SheafIndex *
build_index (Scan          *scan,
             SheafScanProgress   progress,
             gpointer       progress_data,
             GError       **error)
{
  g_autoptr(SheafIndex) index = sheaf_index_new ();
  GThreadPool *pool;
  Parse parse = { 0 };
  guint n_entries = scan->entries->len;
  guint n_threads = MAX (1, g_get_num_processors ());

  g_array_sort (scan->entries, compare_entries);

  parse.scan = scan;
  parse.notes = g_new0 (SheafNote *, n_entries);
  parse.failures = g_new0 (char *, n_entries);
  parse.ready = g_new0 (gboolean, n_entries);
  parse.waiting_for = G_MAXUINT;
  g_mutex_init (&parse.lock);
  g_cond_init (&parse.cond);
  parse.progress = progress;
  parse.progress_data = progress_data;

  /* One file (an update from the monitor) is not worth starting threads for. */
  if (n_entries <= 1)
    n_threads = 1;

  /* attachments count as done from the start, so the last note reports done == total */
  for (guint i = 0; i < n_entries; i++)
    if (!g_array_index (scan->entries, ScanEntry, i).is_note)
      parse.done++;

  pool = g_thread_pool_new (parse_one, &parse, n_threads, TRUE, NULL);
  for (guint i = 0; i < n_entries; i++)
    if (g_array_index (scan->entries, ScanEntry, i).is_note)
      g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);

  for (guint i = 0; i < scan->folders->len; i++)
    sheaf_index_add_folder (index, g_ptr_array_index (scan->folders, i));

  for (guint i = 0; i < n_entries; i++)
    {
      ScanEntry *entry = &g_array_index (scan->entries, ScanEntry, i);

      if (!entry->is_note)
        {
          sheaf_index_add_attachment (index, entry->path);
          continue;
        }

      wait_for_entry (&parse, i);
      if (parse.notes[i] != NULL)
        sheaf_index_add_note (index, parse.notes[i]);
      else if (parse.failures[i] != NULL)
        sheaf_index_add_failure (index, entry->path, parse.failures[i]);

      g_clear_object (&parse.notes[i]);
      g_clear_pointer (&parse.failures[i], g_free);
    }

  /* Every note is in: this only lets the threads go. */
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&parse.lock);
  g_cond_clear (&parse.cond);
  g_free (parse.notes);
  g_free (parse.failures);
  g_free (parse.ready);

  if (g_cancellable_set_error_if_cancelled (scan->cancellable, error))
    return NULL;

  return g_steal_pointer (&index);
}

/**
 * _sheaf_vault_scan:
 * @root: the vault's folder
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable): called from worker threads as notes are read
 * @progress_data: data for @progress
 * @error: a location for a #GError
 *
 * Reads the whole vault into a new index. Blocks: call it from a worker.
 *
 * Returns: (transfer full) (nullable): the index
 */
SheafIndex *
_sheaf_vault_scan (GFile              *root,
                   GCancellable       *cancellable,
                   SheafScanProgress   progress,
                   gpointer            progress_data,
                   GError            **error)
{
  return _sheaf_vault_scan_full (root, cancellable, NULL, progress, progress_data, error);
}

/**
 * _sheaf_vault_scan_full:
 * @root: the vault's folder
 * @cancellable: (nullable): a #GCancellable
 * @found: (nullable): called once the folders are walked, before any note is
 *   read, with the paths of the notes found
 * @progress: (nullable): called from worker threads as notes are read
 * @user_data: data for @found and @progress
 * @error: a location for a #GError
 *
 * Like _sheaf_vault_scan(), telling what it found before it reads it, so
 * that the notes can be listed while they are indexed.
 *
 * Returns: (transfer full) (nullable): the index
 */
SheafIndex *
_sheaf_vault_scan_full (GFile              *root,
                        GCancellable       *cancellable,
                        SheafScanFound      found,
                        SheafScanProgress   progress,
                        gpointer            user_data,
                        GError            **error)
{
  g_autoptr(Scan) scan = scan_new (root, cancellable);
  GFileType type = g_file_query_file_type (root, G_FILE_QUERY_INFO_NONE, cancellable);

  if (type != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (root);

      g_set_error (error, G_IO_ERROR,
                   type == G_FILE_TYPE_UNKNOWN ? G_IO_ERROR_NOT_FOUND : G_IO_ERROR_NOT_DIRECTORY,
                   "%s is not a folder", name);
      return NULL;
    }

  if (!scan_folder (scan, root, "", error))
    return NULL;

  if (found != NULL)
    {
      GPtrArray *note_paths = g_ptr_array_new_full (scan->entries->len, g_free);

      g_array_sort (scan->entries, compare_entries);
      for (guint i = 0; i < scan->entries->len; i++)
        {
          ScanEntry *entry = &g_array_index (scan->entries, ScanEntry, i);

          if (entry->is_note)
            g_ptr_array_add (note_paths, g_strdup (entry->path));
        }
      found (note_paths, user_data);
    }

  return build_index (scan, progress, user_data, error);
}

/**
 * _sheaf_vault_scan_path:
 * @root: the vault's folder
 * @path: a vault-relative path: a note, an attachment or a folder
 * @partial: (out) (transfer full) (nullable): what is at @path now, as an
 *   index of its own; %NULL when nothing is there any more
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Reads one path for an incremental update. Blocks: call it from a worker.
 *
 * Returns: %FALSE when @path could not be read
 */
gboolean
_sheaf_vault_scan_path (GFile         *root,
                        const char    *path,
                        SheafIndex   **partial,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (root, path);
  g_autoptr(Scan) scan = scan_new (root, cancellable);
  GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable);

  *partial = NULL;

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      if (!scan_folder (scan, file, path, error))
        return FALSE;
    }
  else if (type == G_FILE_TYPE_REGULAR)
    {
      ScanEntry entry = { g_strdup (path), sheaf_note_path_is_note (path) };

      g_array_append_val (scan->entries, entry);
    }
  else
    return TRUE;

  *partial = build_index (scan, NULL, NULL, error);

  return *partial != NULL;
}
