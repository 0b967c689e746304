/* sheaf-document-io.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-document"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-document-private.h"

#define CHECK_DELAY_MS 50

typedef enum
{
  READ_LOAD,
  READ_RELOAD,
  READ_CHECK,
} ReadMode;

typedef enum
{
  READ_CHANGED,
  READ_SAME_BYTES,
  READ_UNCHANGED,
} ReadOutcome;

typedef struct
{
  GFile               *file;
  char                *path;
  char                *known_etag;
  GBytes              *known_bytes;
  GTask               *outer;
  ReadMode             mode;
  guint                load_serial;
  guint                io_serial;
  /* Out */
  ReadOutcome          outcome;
  char                *etag;
  SheafDocumentLoaded *loaded;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->known_etag, g_free);
  g_clear_pointer (&data->known_bytes, g_bytes_unref);
  g_clear_object (&data->outer);
  g_clear_pointer (&data->etag, g_free);
  g_clear_pointer (&data->loaded, _sheaf_document_loaded_free);
  g_free (data);
}

/* Disk state ------------------------------------------------------------- */

/* Takes @etag and @bytes: what is on disk now, as we read or wrote it. */
void
_sheaf_document_set_disk (SheafDocument *self,
                          char          *etag,
                          GBytes        *bytes)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  g_free (self->etag);
  self->etag = etag;
  g_clear_pointer (&self->disk_bytes, g_bytes_unref);
  self->disk_bytes = bytes;
}

/* The file is gone from disk: only an explicit save brings it back. */
void
_sheaf_document_mark_deleted (SheafDocument *self)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  g_clear_pointer (&self->etag, g_free);
  _sheaf_document_clear_conflict (self);
  _sheaf_document_set_deleted (self, TRUE);
}

void
_sheaf_document_apply_loaded (SheafDocument       *self,
                              SheafDocumentLoaded *loaded,
                              gboolean             keep_cursor)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter iter;
  int line = 0;

  g_clear_handle_id (&self->parse_source, g_source_remove);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->parse_serial++;

  if (keep_cursor)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      line = gtk_text_iter_get_line (&iter);
    }

  self->setting_text = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, loaded->text, loaded->length);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_set_modified (buffer, FALSE);
  self->setting_text = FALSE;
  _sheaf_document_update_dirty (self);

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  gtk_text_buffer_place_cursor (buffer, &iter);

  _sheaf_document_set_disk (self, g_strdup (loaded->etag), g_bytes_ref (loaded->bytes));
  self->bom = loaded->bom;
  self->crlf = loaded->crlf;
  self->loaded = TRUE;

  if (loaded->invalid_at >= 0)
    {
      g_autofree char *at = g_strdup_printf ("%" G_GSSIZE_FORMAT, loaded->invalid_at);
      g_autofree char *problem =
        /* Translators: %s is a byte offset in the file */
        g_strdup_printf (_("This note contains invalid UTF-8 at byte %s. "
                           "Sheaf shows it read-only and will not edit it, "
                           "to avoid damaging it."),
                         at);

      _sheaf_document_set_problem (self, problem);
    }
  else
    _sheaf_document_set_problem (self, NULL);

  _sheaf_document_set_read_only (self, loaded->invalid_at >= 0);
  _sheaf_document_set_deleted (self, FALSE);
  _sheaf_document_clear_conflict (self);
  _sheaf_document_set_error (self, NULL);
  _sheaf_document_set_note (self, loaded->note);
  _sheaf_document_reset_parse_base (self, loaded->note);
}

/* Reading ---------------------------------------------------------------- */

/* Runs in a worker. */
GBytes *
_sheaf_document_load_bytes (GFile         *file,
                            GCancellable  *cancellable,
                            char         **etag,
                            GError       **error)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, cancellable, &contents, &length, etag, error))
    return NULL;

  return g_bytes_new_take (contents, length);
}

static void
read_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  if (data->known_etag != NULL)
    {
      g_autoptr(GFileInfo) info = NULL;

      info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                G_FILE_QUERY_INFO_NONE, cancellable, &error);
      if (info == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (g_strcmp0 (g_file_info_get_etag (info), data->known_etag) == 0)
        {
          data->outcome = READ_UNCHANGED;
          g_task_return_boolean (task, TRUE);
          return;
        }
    }

  bytes = _sheaf_document_load_bytes (data->file, cancellable, &etag, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->known_bytes != NULL && g_bytes_equal (bytes, data->known_bytes))
    {
      data->outcome = READ_SAME_BYTES;
      data->etag = g_steal_pointer (&etag);
    }
  else
    {
      data->outcome = READ_CHANGED;
      data->loaded = _sheaf_document_loaded_new (data->path, bytes, etag);
    }

  g_task_return_boolean (task, TRUE);
}

static void
check_done (SheafDocument *self,
            ReadData      *data,
            GError        *error)
{
  if (data->io_serial != self->io_serial || data->load_serial != self->load_serial)
    {
      /* A read or write started meanwhile: what we read may be stale. */
      self->check_again = TRUE;
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_clear_handle_id (&self->autosave_source, g_source_remove);
      _sheaf_document_mark_deleted (self);
      return;
    }

  if (error != NULL)
    {
      g_debug ("Could not check %s: %s", self->path, error->message);
      return;
    }

  switch (data->outcome)
    {
    case READ_UNCHANGED:
      break;

    case READ_SAME_BYTES:
      /* Our own save, a touch, or a change reverted: nothing to tell. */
      g_free (self->etag);
      self->etag = g_steal_pointer (&data->etag);
      _sheaf_document_clear_conflict (self);
      _sheaf_document_set_deleted (self, FALSE);
      if (self->dirty)
        _sheaf_document_schedule_autosave (self);
      break;

    case READ_CHANGED:
      if (!self->dirty)
        {
          _sheaf_document_apply_loaded (self, data->loaded, TRUE);
          _sheaf_document_emit_reloaded (self);
        }
      else
        {
          g_clear_handle_id (&self->autosave_source, g_source_remove);
          _sheaf_document_set_deleted (self, FALSE);
          _sheaf_document_set_conflict (self, data->loaded->etag, data->loaded->bytes);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SheafDocument *self = SHEAF_DOCUMENT (object);
  ReadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  if (data->mode == READ_CHECK)
    {
      self->checking = FALSE;
      if (!_sheaf_document_is_disposed (self))
        check_done (self, data, error);
      _sheaf_document_process_pending (self);
      return;
    }

  _sheaf_document_add_loads (self, -1);

  if (!_sheaf_document_is_current (self, data->load_serial))
    {
      if (data->outer != NULL)
        g_task_return_new_error (data->outer, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "Another note was loaded");
      _sheaf_document_process_pending (self);
      return;
    }

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _sheaf_document_set_error (self, error->message);
      if (data->mode == READ_RELOAD &&
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        _sheaf_document_mark_deleted (self);
      if (data->outer != NULL)
        g_task_return_error (data->outer, g_steal_pointer (&error));
    }
  else
    {
      _sheaf_document_apply_loaded (self, data->loaded, data->mode == READ_RELOAD);
      if (data->outer != NULL)
        g_task_return_boolean (data->outer, TRUE);
    }

  _sheaf_document_process_pending (self);
}

static void
start_read (SheafDocument *self,
            ReadMode       mode,
            GTask         *outer,
            GCancellable  *cancellable)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_assert (SHEAF_IS_DOCUMENT (self));
  g_assert (G_IS_FILE (self->file));

  data = g_new0 (ReadData, 1);
  data->file = g_object_ref (self->file);
  data->path = g_strdup (self->path);
  data->mode = mode;
  data->outer = outer != NULL ? g_object_ref (outer) : NULL;
  data->load_serial = self->load_serial;

  if (mode == READ_CHECK)
    {
      data->known_etag = g_strdup (self->conflict ? self->conflict_etag : self->etag);
      data->known_bytes = self->disk_bytes != NULL ? g_bytes_ref (self->disk_bytes) : NULL;
      data->io_serial = self->io_serial;
      self->checking = TRUE;
    }
  else
    {
      self->io_serial++;
      _sheaf_document_add_loads (self, +1);
    }

  task = g_task_new (self, cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, data, (GDestroyNotify)read_data_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, read_worker);
}

static void
run_check (SheafDocument *self)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  if (!self->loaded || _sheaf_document_is_disposed (self))
    return;

  if (self->saving || self->n_loads > 0 || self->checking)
    {
      self->check_again = TRUE;
      return;
    }

  self->check_again = FALSE;
  start_read (self, READ_CHECK, NULL, self->cancellable);
}

/* Starts what waited for a read or write to end: a reload, a save, a check. */
void
_sheaf_document_process_pending (SheafDocument *self)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  if (_sheaf_document_is_disposed (self) || self->saving || self->n_loads > 0)
    return;

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      start_read (self, READ_RELOAD, NULL, self->cancellable);
      return;
    }

  if (self->save_again || self->force_save || self->save_waiters->len > 0)
    {
      _sheaf_document_run_save (self);
      if (self->saving)
        return;
    }

  if (self->check_again)
    run_check (self);
}

/* Watching --------------------------------------------------------------- */

static gboolean
check_timeout_cb (gpointer user_data)
{
  SheafDocument *self = user_data;

  g_assert (SHEAF_IS_DOCUMENT (self));

  self->check_source = 0;
  run_check (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_check (SheafDocument *self)
{
  if (self->check_source == 0)
    self->check_source = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
}

static void
monitor_changed_cb (SheafDocument     *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  /* Whatever the event, what counts is what the file holds now: re-read it. */
  if (event != G_FILE_MONITOR_EVENT_PRE_UNMOUNT)
    schedule_check (self);
}

void
_sheaf_document_clear_monitor (SheafDocument *self)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
}

/* Public API ------------------------------------------------------------- */

/**
 * sheaf_document_load_async:
 * @self: a #SheafDocument
 * @file: the note's file
 * @path: its vault-relative path
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the text is in the buffer
 * @user_data: data for @callback
 *
 * Reads and parses @file in a worker, then shows it: the text is set without
 * an undo step and the buffer is clean. The file is watched from now on. A
 * note with invalid UTF-8 opens read-only with "problem" set. Loading another
 * file while a load runs makes the first one fail with %G_IO_ERROR_CANCELLED.
 */
void
sheaf_document_load_async (SheafDocument       *self,
                           GFile               *file,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SHEAF_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_document_load_async);

  self->load_serial++;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_again = self->save_again = self->force_save = self->reload_again = FALSE;

  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      /* Until the new file is read, the text is not its text: nothing may
       * be written to it, nor compared with it. */
      self->loaded = FALSE;
      _sheaf_document_set_disk (self, NULL, NULL);
      _sheaf_document_clear_conflict (self);
      _sheaf_document_set_deleted (self, FALSE);
      _sheaf_document_clear_monitor (self);

      self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
      if (self->monitor != NULL)
        g_signal_connect_object (self->monitor, "changed",
                                 G_CALLBACK (monitor_changed_cb), self, G_CONNECT_SWAPPED);
      else
        g_warning ("Cannot watch %s: %s", path, error->message);
    }

  _sheaf_document_set_file (self, file, path);

  start_read (self, READ_LOAD, task, cancellable);
}

gboolean
sheaf_document_load_finish (SheafDocument  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sheaf_document_reload:
 * @self: a #SheafDocument
 *
 * "Reload" in a conflict: discards the unsaved edits and shows the file's
 * current text, keeping the cursor's line. Runs in a worker; "loading" is
 * set meanwhile and "error" tells a failure.
 */
void
sheaf_document_reload (SheafDocument *self)
{
  g_return_if_fail (SHEAF_IS_DOCUMENT (self));

  if (self->file == NULL)
    return;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->save_again = FALSE;

  if (self->saving || self->n_loads > 0)
    self->reload_again = TRUE;
  else
    start_read (self, READ_RELOAD, NULL, self->cancellable);
}
