/* sheaf-document-save.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-document"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-document-private.h"

#define AUTOSAVE_DELAY_MS 1000
#define MAX_COPIES        1000

typedef struct
{
  GFile               *file;
  char                *path;
  char                *text;
  char                *etag;
  GPtrArray           *waiters;
  GTask               *outer;
  guint                load_serial;
  guint                change_serial;
  gboolean             bom;
  gboolean             crlf;
  /* Out */
  GBytes              *written;
  char                *new_etag;
  char                *copy_path;
  SheafDocumentLoaded *theirs;
  GError              *theirs_error;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->text, g_free);
  g_clear_pointer (&data->etag, g_free);
  g_clear_pointer (&data->waiters, g_ptr_array_unref);
  g_clear_object (&data->outer);
  g_clear_pointer (&data->written, g_bytes_unref);
  g_clear_pointer (&data->new_etag, g_free);
  g_clear_pointer (&data->copy_path, g_free);
  g_clear_pointer (&data->theirs, _sheaf_document_loaded_free);
  g_clear_error (&data->theirs_error);
  g_free (data);
}

/* Autosave --------------------------------------------------------------- */

static gboolean
can_autosave (SheafDocument *self)
{
  return self->loaded &&
         !self->read_only &&
         !self->conflict &&
         !self->deleted &&
         self->n_loads == 0;
}

/* Saves now, or as soon as the save under way ends. */
static void
request_save (SheafDocument *self)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  if (self->saving)
    self->save_again = TRUE;
  else
    _sheaf_document_run_save (self);
}

static gboolean
autosave_timeout_cb (gpointer user_data)
{
  SheafDocument *self = user_data;

  g_assert (SHEAF_IS_DOCUMENT (self));

  self->autosave_source = 0;
  request_save (self);

  return G_SOURCE_REMOVE;
}

void
_sheaf_document_schedule_autosave (SheafDocument *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (can_autosave (self))
    self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_timeout_cb, self);
}

/* Writing ---------------------------------------------------------------- */

void
_sheaf_document_return_waiters (GPtrArray    *waiters,
                                const GError *error)
{
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (waiter, g_error_copy (error));
      else
        g_task_return_boolean (waiter, TRUE);
    }
}

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* g_file_replace() recreates a missing file whatever the etag: a note
   * deleted elsewhere must not come back unless the user asks for it. */
  if (data->etag != NULL && !g_file_query_exists (data->file, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The note was deleted or moved on disk"));
      return;
    }

  bytes = _sheaf_document_encode_text (data->text, data->bom, data->crlf);

  if (!sheaf_note_save_bytes (data->file, bytes, data->etag, &data->new_etag,
                              cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->written = g_steal_pointer (&bytes);
  g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SheafDocument *self = SHEAF_DOCUMENT (object);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  _sheaf_document_set_saving (self, FALSE);

  if (_sheaf_document_is_current (self, data->load_serial))
    {
      if (error == NULL)
        {
          _sheaf_document_set_disk (self, g_steal_pointer (&data->new_etag),
                                    g_bytes_ref (data->written));
          _sheaf_document_set_deleted (self, FALSE);
          _sheaf_document_set_error (self, NULL);

          if (data->change_serial == self->change_serial)
            {
              gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);
              _sheaf_document_update_dirty (self);
            }
          else
            _sheaf_document_schedule_autosave (self);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          /* Changed on disk since we read it: the check decides between
           * a conflict and a harmless touch. */
          self->check_again = TRUE;
        }
      else
        {
          _sheaf_document_set_error (self, error->message);
          if (data->etag != NULL &&
              g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            {
              g_clear_pointer (&self->etag, g_free);
              _sheaf_document_set_deleted (self, TRUE);
            }
        }
    }

  _sheaf_document_return_waiters (data->waiters, error);
  _sheaf_document_process_pending (self);
}

/* What every write needs: a note to write, which we may write. */
static gboolean
check_writable (SheafDocument  *self,
                GError        **error)
{
  if (!self->loaded)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No note is open"));
      return FALSE;
    }

  if (self->read_only)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                           self->problem != NULL ? self->problem : _("This note is read-only"));
      return FALSE;
    }

  return TRUE;
}

/* Snapshots the buffer's text for a worker to write; "saving" is set until
 * the write ends. */
static WriteData *
start_write (SheafDocument *self)
{
  WriteData *data = g_new0 (WriteData, 1);

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  data->file = g_object_ref (self->file);
  data->text = _sheaf_document_dup_text (self);
  data->bom = self->bom;
  data->crlf = self->crlf;
  data->load_serial = self->load_serial;

  self->io_serial++;
  _sheaf_document_set_saving (self, TRUE);

  return data;
}

void
_sheaf_document_run_save (SheafDocument *self)
{
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = self->force_save;
  WriteData *data;

  g_assert (SHEAF_IS_DOCUMENT (self));
  g_assert (!self->saving);

  waiters = g_steal_pointer (&self->save_waiters);
  self->save_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->save_again = FALSE;
  self->force_save = FALSE;

  if (check_writable (self, &error))
    {
      if (self->conflict)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                             _("The note changed on disk: reload it, keep your version "
                               "or save a copy"));
      else if (self->n_loads > 0 && self->dirty)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_BUSY, _("The note is being reloaded"));
    }

  if (error != NULL)
    {
      _sheaf_document_return_waiters (waiters, error);
      return;
    }

  /* Nothing to write; and an autosave never brings a deleted note back. */
  if ((!self->dirty && !force) || self->n_loads > 0 ||
      (self->deleted && waiters->len == 0 && !force))
    {
      _sheaf_document_return_waiters (waiters, NULL);
      return;
    }

  data = start_write (self);
  data->etag = self->deleted ? NULL : g_strdup (self->etag);
  data->waiters = g_steal_pointer (&waiters);
  data->change_serial = self->change_serial;

  /* No cancellable: a save, once started, finishes, even if the page closes. */
  task = g_task_new (self, NULL, save_done_cb, NULL);
  g_task_set_source_tag (task, _sheaf_document_run_save);
  g_task_set_task_data (task, data, (GDestroyNotify)write_data_free);
  g_task_run_in_thread (task, save_worker);
}

/* Public API ------------------------------------------------------------- */

/**
 * sheaf_document_save_async:
 * @self: a #SheafDocument
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the text is on disk, or the save failed
 * @user_data: data for @callback
 *
 * Saves now, if there are unsaved edits (the window awaits this before it
 * closes a note). Fails with %G_IO_ERROR_READ_ONLY for a read-only note and
 * %G_IO_ERROR_WRONG_ETAG while a conflict waits for the user's choice. A note
 * deleted on disk is created again: the user asked for it.
 */
void
sheaf_document_save_async (SheafDocument       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SHEAF_IS_DOCUMENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_document_save_async);
  g_ptr_array_add (self->save_waiters, g_steal_pointer (&task));
  request_save (self);
}

gboolean
sheaf_document_save_finish (SheafDocument  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_copy_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GFile) parent = g_file_get_parent (data->file);
  g_autoptr(GBytes) bytes = _sheaf_document_encode_text (data->text, data->bom, data->crlf);
  g_autoptr(GError) error = NULL;
  g_autofree char *stem = sheaf_note_path_dup_stem (data->path);
  g_autofree char *folder = g_path_get_dirname (data->path);
  g_autoptr(GBytes) theirs = NULL;
  g_autofree char *etag = NULL;

  for (guint n = 1; n <= MAX_COPIES; n++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GFile) copy = NULL;

      /* Translators: the file name of a copy kept after a conflict */
      name = n == 1 ? g_strdup_printf (_("%s (my copy).md"), stem)
                    : g_strdup_printf (_("%s (my copy %u).md"), stem, n);
      copy = g_file_get_child (parent, name);
      g_clear_error (&error);

      /* No etag: create, never replace. */
      if (sheaf_note_save_bytes (copy, bytes, NULL, NULL, cancellable, &error))
        {
          data->copy_path = g_strcmp0 (folder, ".") == 0
                            ? g_steal_pointer (&name)
                            : g_strconcat (folder, "/", name, NULL);
          break;
        }

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        break;
    }

  if (data->copy_path == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  theirs = _sheaf_document_load_bytes (data->file, cancellable, &etag, &data->theirs_error);
  if (theirs != NULL)
    data->theirs = _sheaf_document_loaded_new (data->path, theirs, etag);

  g_task_return_boolean (task, TRUE);
}

static void
save_copy_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SheafDocument *self = SHEAF_DOCUMENT (object);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  _sheaf_document_set_saving (self, FALSE);

  if (error != NULL)
    {
      if (!_sheaf_document_is_disposed (self))
        _sheaf_document_set_error (self, error->message);
      g_task_return_error (data->outer, g_steal_pointer (&error));
      _sheaf_document_process_pending (self);
      return;
    }

  if (_sheaf_document_is_current (self, data->load_serial))
    {
      if (data->theirs != NULL)
        _sheaf_document_apply_loaded (self, data->theirs, TRUE);
      else if (g_error_matches (data->theirs_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        _sheaf_document_mark_deleted (self);
      else
        _sheaf_document_set_error (self, data->theirs_error->message);
    }

  g_task_return_pointer (data->outer, g_steal_pointer (&data->copy_path), g_free);
  _sheaf_document_process_pending (self);
}

/**
 * sheaf_document_save_copy_async:
 * @self: a #SheafDocument
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the copy is written
 * @user_data: data for @callback
 *
 * "Save a copy" in a conflict: writes the buffer's text to a new sibling file,
 * "NAME (my copy).md", "NAME (my copy 2).md"… never overwriting a file, then
 * loads the file's current text into this document.
 */
void
sheaf_document_save_copy_async (SheafDocument       *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  WriteData *data;

  g_return_if_fail (SHEAF_IS_DOCUMENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_document_save_copy_async);

  if (!check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->saving || self->n_loads > 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The note is being saved or loaded"));
      return;
    }

  data = start_write (self);
  data->path = g_strdup (self->path);
  data->outer = g_object_ref (task);

  inner = g_task_new (self, cancellable, save_copy_done_cb, NULL);
  g_task_set_source_tag (inner, sheaf_document_save_copy_async);
  g_task_set_task_data (inner, data, (GDestroyNotify)write_data_free);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_run_in_thread (inner, save_copy_worker);
}

/**
 * sheaf_document_save_copy_finish:
 *
 * Returns: (transfer full): the copy's vault-relative path, or %NULL on error
 */
char *
sheaf_document_save_copy_finish (SheafDocument  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sheaf_document_keep_mine:
 * @self: a #SheafDocument
 *
 * "Keep mine" in a conflict: the user chose to write the buffer's text over
 * the file's new contents. Saves at once, against the etag of the version
 * the user saw: if the file changed yet again, the conflict comes back.
 */
void
sheaf_document_keep_mine (SheafDocument *self)
{
  g_return_if_fail (SHEAF_IS_DOCUMENT (self));

  if (!self->conflict)
    return;

  _sheaf_document_set_disk (self, g_steal_pointer (&self->conflict_etag),
                            g_steal_pointer (&self->conflict_bytes));
  _sheaf_document_clear_conflict (self);

  self->force_save = TRUE;
  if (!self->saving)
    _sheaf_document_run_save (self);
}
