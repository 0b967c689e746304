/* sheaf-vault.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-vault"

#include "config.h"

#include <string.h>

#include "sheaf-index.h"
#include "sheaf-vault-private.h"

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
  SCANNED,
  N_SIGNALS
};

G_STATIC_ASSERT (NOTE_ADDED == 1 + SHEAF_VAULT_NOTE_ADDED);
G_STATIC_ASSERT (NOTE_CHANGED == 1 + SHEAF_VAULT_NOTE_CHANGED);
G_STATIC_ASSERT (NOTE_REMOVED == 1 + SHEAF_VAULT_NOTE_REMOVED);

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
sheaf_vault_set_index (SheafVault *self,
                       SheafIndex *index)
{
  g_clear_pointer (&self->index, sheaf_index_free);
  self->index = index;

  g_clear_pointer (&self->scanned, g_ptr_array_unref);

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
  g_clear_pointer (&self->scanned, g_ptr_array_unref);
  g_clear_pointer (&self->held_index, sheaf_index_free);

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

  /**
   * SheafVault::scanned:
   *
   * Emitted on the main thread while sheaf_vault_load_async() runs, once the
   * folders are walked and before the notes are read: from now until the
   * vault is loaded, sheaf_vault_get_scanned_paths() lists the notes found,
   * so that they can be shown while they are indexed.
   */
  signals[SCANNED] =
    g_signal_new ("scanned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
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

  index = _sheaf_vault_scan (self->root, cancellable, NULL, NULL, error);
  if (index == NULL)
    return FALSE;

  sheaf_vault_set_index (self, index);

  return TRUE;
}

/* Worker tasks hold the vault only weakly, so that the vault is always
 * finalized on its own thread, never by a worker dropping the last ref. The
 * load data is shared with the progress reports, which may outlive the task. */
typedef struct
{
  GWeakRef      vault;
  GFile        *root;
  GMainContext *context;
  guint         reported;  /* the last count emitted; on the vault's thread only */
} LoadData;

static void
load_data_clear (gpointer data)
{
  LoadData *load = data;

  g_weak_ref_clear (&load->vault);
  g_object_unref (load->root);
  g_main_context_unref (load->context);
}

static void
load_data_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, load_data_clear);
}

typedef struct
{
  LoadData *load;
  guint     done;
  guint     total;
} ProgressReport;

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  load_data_release (report->load);
  g_free (report);
}

static gboolean
emit_progress_cb (gpointer data)
{
  ProgressReport *report = data;
  g_autoptr(SheafVault) self = g_weak_ref_get (&report->load->vault);

  /* Workers race to queue their reports, so one may arrive after a later one. */
  if (self != NULL && report->done > report->load->reported)
    {
      report->load->reported = report->done;
      g_signal_emit (self, signals[PROGRESS], 0, report->done, report->total);
    }

  return G_SOURCE_REMOVE;
}

/* Runs on a worker: hands the figures to the vault's own thread through an
 * attached source — not g_main_context_invoke(), which would run the callback
 * right here whenever no thread owns the context. */
static void
load_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  LoadData *load = user_data;
  ProgressReport *report = g_new0 (ProgressReport, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  report->load = g_atomic_rc_box_acquire (load);
  report->done = done;
  report->total = total;

  g_source_set_callback (source, emit_progress_cb, report, progress_report_free);
  g_source_set_static_name (source, "[sheaf] vault progress");
  g_source_attach (source, load->context);
}

typedef struct
{
  LoadData  *load;
  GPtrArray *note_paths;
} FoundReport;

static void
found_report_free (gpointer data)
{
  FoundReport *report = data;

  load_data_release (report->load);
  g_clear_pointer (&report->note_paths, g_ptr_array_unref);
  g_free (report);
}

static gboolean
emit_scanned_cb (gpointer data)
{
  FoundReport *report = data;
  g_autoptr(SheafVault) self = g_weak_ref_get (&report->load->vault);

  /* Never after the index: it says more than the list. */
  if (self != NULL && !self->loaded)
    {
      g_clear_pointer (&self->scanned, g_ptr_array_unref);
      self->scanned = g_steal_pointer (&report->note_paths);
      g_signal_emit (self, signals[SCANNED], 0);
    }

  return G_SOURCE_REMOVE;
}

/* Runs on the worker, as load_progress() does. The source has the priority of
 * the task's own completion, so the list always comes before the index. */
static void
load_found (GPtrArray *note_paths,
            gpointer   user_data)
{
  LoadData *load = user_data;
  FoundReport *report = g_new0 (FoundReport, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  report->load = g_atomic_rc_box_acquire (load);
  report->note_paths = note_paths;

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_scanned_cb, report, found_report_free);
  g_source_set_static_name (source, "[sheaf] vault scanned");
  g_source_attach (source, load->context);
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

  index = _sheaf_vault_scan_full (load->root, cancellable, load_found, load_progress, load,
                                  &error);

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

  if (self->held)
    {
      self->held_task = g_steal_pointer (&task);
      self->held_index = index;
      return;
    }

  sheaf_vault_set_index (self, index);
  g_task_return_boolean (task, TRUE);
}

/**
 * _sheaf_vault_hold_index: (skip)
 * @self: a #SheafVault
 * @hold: whether a finished sheaf_vault_load_async() waits
 *
 * For tests of what shows while a vault is indexed: held, a load that has
 * read every note keeps its index until this is called again with %FALSE.
 */
void
_sheaf_vault_hold_index (SheafVault *self,
                         gboolean    hold)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SHEAF_IS_VAULT (self));

  self->held = hold;
  if (hold || self->held_task == NULL)
    return;

  task = g_steal_pointer (&self->held_task);
  sheaf_vault_set_index (self, g_steal_pointer (&self->held_index));
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

  load = g_atomic_rc_box_new0 (LoadData);
  g_weak_ref_init (&load->vault, self);
  load->root = g_object_ref (self->root);
  load->context = g_main_context_ref_thread_default ();

  worker = g_task_new (NULL, cancellable, load_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, sheaf_vault_load_async);
  g_task_set_task_data (worker, load, load_data_release);
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

/**
 * sheaf_vault_get_scanned_paths:
 * @self: a #SheafVault
 *
 * While sheaf_vault_load_async() reads the notes: the paths of the notes it
 * found, sorted, once #SheafVault::scanned was emitted.
 *
 * Returns: (transfer none) (nullable) (element-type utf8): the paths, or
 *   %NULL before the scan and once the vault is loaded
 */
GPtrArray *
sheaf_vault_get_scanned_paths (SheafVault *self)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (self), NULL);

  return self->scanned;
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

/* Backlinks in a worker: the notes are immutable, so a snapshot of the
 * vault is their list (plus the attachments and folders that links may
 * resolve to), and the worker builds a private index from it. The vault's
 * own index is never touched off the main thread. */
typedef struct
{
  GPtrArray *notes;        /* SheafNote */
  GPtrArray *attachments;  /* char * */
  GPtrArray *folders;      /* char * */
  char      *path;
} BacklinksData;

static void
backlinks_data_free (gpointer data)
{
  BacklinksData *backlinks = data;

  g_clear_pointer (&backlinks->notes, g_ptr_array_unref);
  g_clear_pointer (&backlinks->attachments, g_ptr_array_unref);
  g_clear_pointer (&backlinks->folders, g_ptr_array_unref);
  g_clear_pointer (&backlinks->path, g_free);
  g_free (backlinks);
}

static void
backlinks_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BacklinksData *backlinks = task_data;
  g_autoptr(SheafIndex) index = sheaf_index_new ();

  for (guint i = 0; i < backlinks->folders->len; i++)
    sheaf_index_add_folder (index, g_ptr_array_index (backlinks->folders, i));
  for (guint i = 0; i < backlinks->attachments->len; i++)
    sheaf_index_add_attachment (index, g_ptr_array_index (backlinks->attachments, i));
  for (guint i = 0; i < backlinks->notes->len; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      sheaf_index_add_note (index, g_ptr_array_index (backlinks->notes, i));
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task,
                         sheaf_index_dup_backlinks (index, backlinks->path),
                         (GDestroyNotify)g_array_unref);
}

/**
 * sheaf_vault_dup_backlinks_async:
 * @self: a loaded #SheafVault
 * @path: the note linked to
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the links to @path
 * @user_data: data for @callback
 *
 * Like sheaf_vault_dup_backlinks(), without blocking: the vault is
 * snapshotted now, on the calling thread, and links are resolved in a worker
 * against that snapshot.
 */
void
sheaf_vault_dup_backlinks_async (SheafVault          *self,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BacklinksData *backlinks;

  g_return_if_fail (SHEAF_IS_VAULT (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  backlinks = g_new0 (BacklinksData, 1);
  backlinks->notes = sheaf_index_dup_notes (self->index);
  backlinks->attachments = sheaf_index_dup_attachments (self->index);
  backlinks->folders = sheaf_index_dup_folders (self->index);
  backlinks->path = g_strdup (path);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_vault_dup_backlinks_async);
  g_task_set_task_data (task, backlinks, backlinks_data_free);
  g_task_run_in_thread (task, backlinks_thread);
}

/**
 * sheaf_vault_dup_backlinks_finish:
 *
 * Returns: (transfer full) (element-type SheafBacklink): links to the note,
 *   by source path then position, or %NULL with @error set
 */
GArray *
sheaf_vault_dup_backlinks_finish (SheafVault    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

void
_sheaf_vault_emit_note (SheafVault          *self,
                        SheafVaultNoteEvent  event,
                        const char          *path)
{
  g_signal_emit (self, signals[1 + event], 0, path);
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
