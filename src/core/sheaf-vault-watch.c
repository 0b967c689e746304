/* sheaf-vault-watch.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-vault"

#include "config.h"

#include <string.h>

#include "sheaf-vault-private.h"

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
      _sheaf_vault_emit_note (self, existed ? SHEAF_VAULT_NOTE_CHANGED : SHEAF_VAULT_NOTE_ADDED, path);
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
  g_autoptr(Delta) delta = g_new0 (Delta, 1);

  delta->path = g_strdup (update->path);
  if (!_sheaf_vault_scan_path (update->root, update->path, &delta->partial, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&delta), (GDestroyNotify)delta_free);
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

  delta = g_new0 (Delta, 1);
  delta->path = g_strdup (path);
  if (!_sheaf_vault_scan_path (self->root, path, &delta->partial, NULL, error))
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
    _sheaf_vault_emit_note (self, SHEAF_VAULT_NOTE_REMOVED, path);
}

