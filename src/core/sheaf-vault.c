/* sheaf-vault.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-vault"

#include "config.h"

#include <string.h>

#include "sheaf-index.h"
#include "sheaf-vault-private.h"

/* Progress is reported at most this often, so a 100 000-note vault does not
 * flood the main loop with idle sources. */
#define PROGRESS_STEPS 100

struct _SheafVault
{
  GObject     parent_instance;

  /* Owned */
  GFile      *root;
  SheafIndex *index;
  GHashTable *monitors;     /* folder path → GFileMonitor */
  GHashTable *updating;     /* path → TRUE when it changed again while being re-read */
  GCancellable *cancellable;
  gboolean    loaded;
};

G_DEFINE_FINAL_TYPE (SheafVault, sheaf_vault, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROOT,
  PROP_LOADED,
  N_PROPS
};

enum {
  PROGRESS,
  NOTE_ADDED,
  NOTE_CHANGED,
  NOTE_REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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

typedef void (*ProgressFunc) (guint    done,
                              guint    total,
                              gpointer user_data);

typedef struct
{
  Scan         *scan;
  SheafNote   **notes;       /* one slot per entry, filled by the pool */
  char        **failures;    /* one slot per entry */
  gint          done;        /* atomic */
  ProgressFunc  progress;
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
      parse->notes[i] = sheaf_note_load (file, entry->path, SHEAF_NOTE_DEFAULT,
                                         parse->scan->cancellable, &error);
      if (parse->notes[i] == NULL)
        parse->failures[i] = g_strdup (error->message);
    }

  done = g_atomic_int_add (&parse->done, 1) + 1;
  if (parse->progress != NULL &&
      (done == total || done % MAX (1, total / PROGRESS_STEPS) == 0))
    parse->progress (done, total, parse->progress_data);
}

/* Reads and parses every note of @scan on a pool of worker threads, then builds
 * the tables in path order, so that the index is the same on every run. */
static SheafIndex *
build_index (Scan          *scan,
             ProgressFunc   progress,
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
  /* waits for every queued note */
  g_thread_pool_free (pool, FALSE, TRUE);

  for (guint i = 0; i < scan->folders->len; i++)
    sheaf_index_add_folder (index, g_ptr_array_index (scan->folders, i));

  for (guint i = 0; i < n_entries; i++)
    {
      ScanEntry *entry = &g_array_index (scan->entries, ScanEntry, i);

      if (!entry->is_note)
        sheaf_index_add_attachment (index, entry->path);
      else if (parse.notes[i] != NULL)
        sheaf_index_add_note (index, parse.notes[i]);
      else if (parse.failures[i] != NULL)
        sheaf_index_add_failure (index, entry->path, parse.failures[i]);

      g_clear_object (&parse.notes[i]);
      g_clear_pointer (&parse.failures[i], g_free);
    }

  g_free (parse.notes);
  g_free (parse.failures);

  if (g_cancellable_set_error_if_cancelled (scan->cancellable, error))
    return NULL;

  return g_steal_pointer (&index);
}

static SheafIndex *
load_index (GFile         *root,
            GCancellable  *cancellable,
            ProgressFunc   progress,
            gpointer       progress_data,
            GError       **error)
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

  return build_index (scan, progress, progress_data, error);
}

static void
sheaf_vault_set_index (SheafVault *self,
                       SheafIndex *index)
{
  g_clear_pointer (&self->index, sheaf_index_free);
  self->index = index;

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

static void
sheaf_vault_dispose (GObject *object)
{
  SheafVault *self = (SheafVault *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->monitors, g_hash_table_unref);

  G_OBJECT_CLASS (sheaf_vault_parent_class)->dispose (object);
}

static void
sheaf_vault_finalize (GObject *object)
{
  SheafVault *self = (SheafVault *)object;

  g_clear_object (&self->root);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->index, sheaf_index_free);
  g_clear_pointer (&self->updating, g_hash_table_unref);

  G_OBJECT_CLASS (sheaf_vault_parent_class)->finalize (object);
}

static void
sheaf_vault_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SheafVault *self = SHEAF_VAULT (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_object (value, self->root);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_vault_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SheafVault *self = SHEAF_VAULT (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      self->root = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_vault_class_init (SheafVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sheaf_vault_dispose;
  object_class->finalize = sheaf_vault_finalize;
  object_class->get_property = sheaf_vault_get_property;
  object_class->set_property = sheaf_vault_set_property;

  properties[PROP_ROOT] =
    g_param_spec_object ("root", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SheafVault::progress:
   * @done: files read so far
   * @total: files found
   *
   * Emitted on the main thread while sheaf_vault_load_async() indexes.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * SheafVault::note-added:
   * @path: the new note's path
   *
   * A note appeared on disk after the vault was loaded.
   */
  signals[NOTE_ADDED] =
    g_signal_new ("note-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * SheafVault::note-changed:
   * @path: the note's path
   *
   * A note was re-read because its file changed.
   */
  signals[NOTE_CHANGED] =
    g_signal_new ("note-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * SheafVault::note-removed:
   * @path: the note's former path
   */
  signals[NOTE_REMOVED] =
    g_signal_new ("note-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sheaf_vault_init (SheafVault *self)
{
  self->index = sheaf_index_new ();
  self->cancellable = g_cancellable_new ();
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->updating = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sheaf_vault_new:
 * @root: the vault's folder
 *
 * Returns: (transfer full): a new, empty vault; load it to fill it
 */
SheafVault *
sheaf_vault_new (GFile *root)
{
  g_return_val_if_fail (G_IS_FILE (root), NULL);

  return g_object_new (SHEAF_TYPE_VAULT, "root", root, NULL);
}

GFile *
sheaf_vault_get_root (SheafVault *self)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), NULL);

  return self->root;
}

gboolean
sheaf_vault_get_loaded (SheafVault *self)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), FALSE);

  return self->loaded;
}

/**
 * sheaf_vault_load:
 * @self: a #SheafVault
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Scans and indexes the vault, blocking until done: for the command line and
 * tests. The application uses sheaf_vault_load_async().
 *
 * Returns: %TRUE when the vault's folder could be read
 */
gboolean
sheaf_vault_load (SheafVault    *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  SheafIndex *index;

  g_return_val_if_fail (SHEAF_IS_VAULT (self), FALSE);

  index = load_index (self->root, cancellable, NULL, NULL, error);
  if (index == NULL)
    return FALSE;

  sheaf_vault_set_index (self, index);

  return TRUE;
}

typedef struct
{
  GWeakRef vault;
  guint    done;
  guint    total;
} ProgressReport;

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  g_weak_ref_clear (&report->vault);
  g_free (report);
}

static gboolean
emit_progress_cb (gpointer data)
{
  ProgressReport *report = data;
  g_autoptr(SheafVault) self = g_weak_ref_get (&report->vault);

  if (self != NULL)
    g_signal_emit (self, signals[PROGRESS], 0, report->done, report->total);

  return G_SOURCE_REMOVE;
}

/* Worker tasks hold the vault only weakly, so that the vault is always
 * finalized on its own thread, never by a worker dropping the last ref. */
typedef struct
{
  GWeakRef      vault;
  GFile        *root;
  GMainContext *context;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_weak_ref_clear (&load->vault);
  g_object_unref (load->root);
  g_main_context_unref (load->context);
  g_free (load);
}

/* Runs on a worker: hands the figures to the vault's own thread. */
static void
load_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  LoadData *load = user_data;
  ProgressReport *report = g_new0 (ProgressReport, 1);
  g_autoptr(GObject) vault = g_weak_ref_get (&load->vault);

  g_weak_ref_init (&report->vault, vault);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (load->context, G_PRIORITY_DEFAULT_IDLE,
                              emit_progress_cb, report, progress_report_free);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  GError *error = NULL;
  SheafIndex *index;

  index = load_index (load->root, cancellable, load_progress, load, &error);

  if (index == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, index, (GDestroyNotify)sheaf_index_free);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SheafVault *self = g_task_get_source_object (task);
  GError *error = NULL;
  SheafIndex *index;

  index = g_task_propagate_pointer (G_TASK (result), &error);
  if (index == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sheaf_vault_set_index (self, index);
  g_task_return_boolean (task, TRUE);
}

/**
 * sheaf_vault_load_async:
 * @self: a #SheafVault
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the vault is indexed
 * @user_data: data for @callback
 *
 * Scans and indexes the vault on worker threads, emitting #SheafVault::progress
 * on the calling thread's main context meanwhile. The index is swapped in whole
 * when it is complete, just before @callback runs.
 */
void
sheaf_vault_load_async (SheafVault          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  LoadData *load;

  g_return_if_fail (SHEAF_IS_VAULT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_vault_load_async);

  load = g_new0 (LoadData, 1);
  g_weak_ref_init (&load->vault, self);
  load->root = g_object_ref (self->root);
  load->context = g_main_context_ref_thread_default ();

  worker = g_task_new (NULL, cancellable, load_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, sheaf_vault_load_async);
  g_task_set_task_data (worker, load, load_data_free);
  g_task_run_in_thread (worker, load_thread);
}

gboolean
sheaf_vault_load_finish (SheafVault    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Incremental updates: one path (a note, an attachment or a folder) re-read
 * without touching the rest of the vault. */

typedef struct
{
  char       *path;
  SheafIndex *partial;   /* what is at @path now; NULL when it is gone */
} Delta;

static void
delta_free (Delta *delta)
{
  g_free (delta->path);
  g_clear_pointer (&delta->partial, sheaf_index_free);
  g_free (delta);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Delta, delta_free)

static Delta *
load_delta (GFile         *root,
            const char    *path,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (root, path);
  g_autoptr(Delta) delta = g_new0 (Delta, 1);
  g_autoptr(Scan) scan = scan_new (root, cancellable);
  GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable);

  delta->path = g_strdup (path);

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      if (!scan_folder (scan, file, path, error))
        return NULL;
    }
  else if (type == G_FILE_TYPE_REGULAR)
    {
      ScanEntry entry = { g_strdup (path), sheaf_note_path_is_note (path) };

      g_array_append_val (scan->entries, entry);
    }
  else
    return g_steal_pointer (&delta);

  delta->partial = build_index (scan, NULL, NULL, error);
  if (delta->partial == NULL)
    return NULL;

  return g_steal_pointer (&delta);
}

static gboolean
path_is_under (const char *path,
               const char *folder)
{
  gsize len = strlen (folder);

  return len == 0 || (strncmp (path, folder, len) == 0 && path[len] == '/');
}

static void
remove_folder (SheafVault *self,
               const char *folder)
{
  g_autoptr(GPtrArray) notes = sheaf_index_dup_notes (self->index);
  g_autoptr(GPtrArray) folders = sheaf_index_dup_folders (self->index);

  for (guint i = 0; i < notes->len; i++)
    {
      const char *path = sheaf_note_get_path (g_ptr_array_index (notes, i));

      if (path_is_under (path, folder))
        sheaf_vault_remove_path (self, path);
    }

  for (guint i = 0; i < folders->len; i++)
    {
      const char *path = g_ptr_array_index (folders, i);

      if (strcmp (path, folder) == 0 || path_is_under (path, folder))
        g_hash_table_remove (self->monitors, path);
    }
}

static void
watch_folder (SheafVault *self,
              const char *path);

static void
apply_delta (SheafVault *self,
             Delta      *delta)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  g_autoptr(GPtrArray) attachments = NULL;

  if (delta->partial == NULL)
    {
      if (sheaf_index_get_note (self->index, delta->path) != NULL ||
          sheaf_index_has_attachment (self->index, delta->path))
        sheaf_vault_remove_path (self, delta->path);
      else
        remove_folder (self, delta->path);
      return;
    }

  folders = sheaf_index_dup_folders (delta->partial);
  for (guint i = 0; i < folders->len; i++)
    {
      sheaf_index_add_folder (self->index, g_ptr_array_index (folders, i));
      if (g_hash_table_size (self->monitors) > 0)
        watch_folder (self, g_ptr_array_index (folders, i));
    }

  attachments = sheaf_index_dup_attachments (delta->partial);
  for (guint i = 0; i < attachments->len; i++)
    sheaf_index_add_attachment (self->index, g_ptr_array_index (attachments, i));

  notes = sheaf_index_dup_notes (delta->partial);
  for (guint i = 0; i < notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, i);
      const char *path = sheaf_note_get_path (note);
      gboolean existed = sheaf_index_get_note (self->index, path) != NULL;

      sheaf_index_add_note (self->index, note);
      g_signal_emit (self, signals[existed ? NOTE_CHANGED : NOTE_ADDED], 0, path);
    }
}

typedef struct
{
  GWeakRef  vault;
  GFile    *root;
  char     *path;
} UpdateData;

static void
update_data_free (gpointer data)
{
  UpdateData *update = data;

  g_weak_ref_clear (&update->vault);
  g_object_unref (update->root);
  g_free (update->path);
  g_free (update);
}

static void
update_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UpdateData *update = task_data;
  GError *error = NULL;
  Delta *delta = load_delta (update->root, update->path, cancellable, &error);

  if (delta == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, delta, (GDestroyNotify)delta_free);
}

static void update_path_async (SheafVault *self,
                               const char *path);

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  UpdateData *update = g_task_get_task_data (G_TASK (result));
  g_autoptr(SheafVault) self = g_weak_ref_get (&update->vault);
  const char *path = update->path;
  g_autoptr(GError) error = NULL;
  g_autoptr(Delta) delta = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean again;
  g_autofree char *rerun = NULL;

  if (self == NULL)
    return;

  again = GPOINTER_TO_INT (g_hash_table_lookup (self->updating, path));
  rerun = again ? g_strdup (path) : NULL;

  g_hash_table_remove (self->updating, path);

  if (delta != NULL)
    apply_delta (self, delta);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not re-read %s: %s", path, error->message);

  if (rerun != NULL && !g_cancellable_is_cancelled (self->cancellable))
    update_path_async (self, rerun);
}

/* One read of a path at a time: a change while it is being read marks it to be
 * read once more afterwards, so bursts of events cost one or two reads. */
static void
update_path_async (SheafVault *self,
                   const char *path)
{
  g_autoptr(GTask) task = NULL;
  UpdateData *update;

  if (g_hash_table_contains (self->updating, path))
    {
      g_hash_table_insert (self->updating, g_strdup (path), GINT_TO_POINTER (TRUE));
      return;
    }

  g_hash_table_insert (self->updating, g_strdup (path), GINT_TO_POINTER (FALSE));

  update = g_new0 (UpdateData, 1);
  g_weak_ref_init (&update->vault, self);
  update->root = g_object_ref (self->root);
  update->path = g_strdup (path);

  task = g_task_new (NULL, self->cancellable, update_cb, NULL);
  g_task_set_source_tag (task, update_path_async);
  g_task_set_task_data (task, update, update_data_free);
  g_task_run_in_thread (task, update_thread);
}

/**
 * sheaf_vault_get_updating:
 * @self: a #SheafVault
 *
 * Returns: %TRUE while changes seen on disk are being read
 */
gboolean
sheaf_vault_get_updating (SheafVault *self)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), FALSE);

  return g_hash_table_size (self->updating) > 0;
}

static gboolean
path_is_hidden (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '.')
      return TRUE;

  return FALSE;
}

static char *
dup_vault_path (SheafVault *self,
                GFile      *file)
{
  char *path;

  if (file == NULL)
    return NULL;

  path = g_file_get_relative_path (self->root, file);
  if (path != NULL && path_is_hidden (path))
    g_clear_pointer (&path, g_free);

  return path;
}

static void
monitor_changed_cb (SheafVault        *self,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  g_autofree char *path = dup_vault_path (self, file);
  g_autofree char *other_path = dup_vault_path (self, other);

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      if (path != NULL)
        update_path_async (self, path);
      break;

    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      if (path != NULL)
        update_path_async (self, path);
      break;

    case G_FILE_MONITOR_EVENT_RENAMED:
      if (path != NULL)
        update_path_async (self, path);
      if (other_path != NULL)
        update_path_async (self, other_path);
      break;

    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
watch_folder (SheafVault *self,
              const char *path)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFileMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;

  if (g_hash_table_contains (self->monitors, path))
    return;

  folder = path[0] == '\0' ? g_object_ref (self->root)
                           : g_file_resolve_relative_path (self->root, path);
  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, self->cancellable, &error);
  if (monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", path, error->message);
      return;
    }

  g_signal_connect_object (monitor, "changed", G_CALLBACK (monitor_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_hash_table_insert (self->monitors, g_strdup (path), g_steal_pointer (&monitor));
}

/**
 * sheaf_vault_watch:
 * @self: a loaded #SheafVault
 *
 * Follows changes on disk from now on: files created, changed, deleted or
 * renamed are re-read in a worker, one at a time, and the matching
 * #SheafVault::note-added, ::note-changed or ::note-removed is emitted.
 */
void
sheaf_vault_watch (SheafVault *self)
{
  g_autoptr(GPtrArray) folders = NULL;

  g_return_if_fail (SHEAF_IS_VAULT (self));

  folders = sheaf_index_dup_folders (self->index);
  watch_folder (self, "");
  for (guint i = 0; i < folders->len; i++)
    watch_folder (self, g_ptr_array_index (folders, i));
}

/**
 * sheaf_vault_update_path:
 * @self: a #SheafVault
 * @path: a vault-relative path: a note, an attachment or a folder
 * @error: a location for a #GError
 *
 * Re-reads @path, blocking, and updates the index. A path that no longer exists
 * is removed.
 *
 * Returns: %TRUE unless @path could not be read
 */
gboolean
sheaf_vault_update_path (SheafVault  *self,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(Delta) delta = NULL;

  g_return_val_if_fail (SHEAF_IS_VAULT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  delta = load_delta (self->root, path, NULL, error);
  if (delta == NULL)
    return FALSE;

  apply_delta (self, delta);

  return TRUE;
}

void
sheaf_vault_remove_path (SheafVault *self,
                         const char *path)
{
  gboolean was_note;

  g_return_if_fail (SHEAF_IS_VAULT (self));
  g_return_if_fail (path != NULL);

  was_note = sheaf_index_get_note (self->index, path) != NULL;
  if (sheaf_index_remove (self->index, path) && was_note)
    g_signal_emit (self, signals[NOTE_REMOVED], 0, path);
}

guint
sheaf_vault_get_n_notes (SheafVault *self)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), 0);

  return sheaf_index_get_n_notes (self->index);
}

guint
sheaf_vault_get_n_attachments (SheafVault *self)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), 0);

  return sheaf_index_get_n_attachments (self->index);
}

/**
 * sheaf_vault_dup_notes:
 *
 * Returns: (transfer container) (element-type SheafNote): the notes, by path
 */
GPtrArray *
sheaf_vault_dup_notes (SheafVault *self)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), NULL);

  return sheaf_index_dup_notes (self->index);
}

/**
 * sheaf_vault_get_note:
 *
 * Returns: (transfer none) (nullable): the note at @path
 */
SheafNote *
sheaf_vault_get_note (SheafVault *self,
                      const char *path)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return sheaf_index_get_note (self->index, path);
}

gboolean
sheaf_vault_has_attachment (SheafVault *self,
                            const char *path)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return sheaf_index_has_attachment (self->index, path);
}

/**
 * sheaf_vault_resolve:
 * @self: a #SheafVault
 * @source_path: the path of the note holding @link
 * @link: the link
 * @out: (out caller-allocates): the answer; clear it with sheaf_resolved_clear()
 *
 * Resolves @link per DESIGN.md §3. Never answers a path outside the vault.
 */
void
sheaf_vault_resolve (SheafVault      *self,
                     const char      *source_path,
                     const SheafLink *link,
                     SheafResolved   *out)
{
  g_return_if_fail (SHEAF_IS_VAULT (self));
  g_return_if_fail (source_path != NULL);
  g_return_if_fail (link != NULL);
  g_return_if_fail (out != NULL);

  sheaf_index_resolve (self->index, source_path, link->target, out);
}

/**
 * sheaf_vault_dup_backlinks:
 *
 * Returns: (transfer full) (element-type SheafBacklink): links to @path
 */
GArray *
sheaf_vault_dup_backlinks (SheafVault *self,
                           const char *path)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return sheaf_index_dup_backlinks (self->index, path);
}

/**
 * sheaf_vault_dup_alias_owners:
 *
 * Returns: (transfer full) (element-type utf8): the paths of the notes claiming
 *   @alias, sorted
 */
GPtrArray *
sheaf_vault_dup_alias_owners (SheafVault *self,
                              const char *alias)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), NULL);
  g_return_val_if_fail (alias != NULL, NULL);

  return sheaf_index_dup_alias_owners (self->index, alias);
}

/**
 * sheaf_vault_dup_tag_tree:
 *
 * Returns: (transfer full) (element-type SheafTagNode): the tag tree
 */
GPtrArray *
sheaf_vault_dup_tag_tree (SheafVault *self)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), NULL);

  return sheaf_index_dup_tag_tree (self->index);
}

/**
 * sheaf_vault_dup_notes_with_tag:
 *
 * Returns: (transfer full) (element-type utf8): paths tagged @tag or below it
 */
GPtrArray *
sheaf_vault_dup_notes_with_tag (SheafVault *self,
                                const char *tag)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), NULL);
  g_return_val_if_fail (tag != NULL, NULL);

  return sheaf_index_dup_notes_with_tag (self->index, tag);
}

/**
 * _sheaf_vault_get_index: (skip)
 *
 * For the core's own readers (the checker, the JSON dump).
 */
SheafIndex *
_sheaf_vault_get_index (SheafVault *self)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), NULL);

  return self->index;
}

void
sheaf_resolved_clear (SheafResolved *resolved)
{
  g_clear_pointer (&resolved->resolved, g_free);
}

void
sheaf_backlink_clear (SheafBacklink *backlink)
{
  g_clear_pointer (&backlink->source, g_free);
}

void
sheaf_tag_node_free (SheafTagNode *node)
{
  if (node == NULL)
    return;

  g_free (node->name);
  g_free (node->path);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}
