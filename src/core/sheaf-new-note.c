/* sheaf-new-note.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-new-note"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-new-note.h"
#include "sheaf-text.h"

/* Obsidian's rule for a link to a note that does not exist: clicking it
 * creates the note at the path the link names, from the vault root, in the
 * link's own case — `[[Folder/Name]]` is Folder/Name.md, `[[Name]]` is
 * Name.md — as an empty file. We refuse what Obsidian refuses (characters
 * that are not allowed in file names on some system the vault may sync to)
 * and anything that would leave the vault (DESIGN.md §2.4). */

/* Not allowed in a file name on Windows, Android or macOS, so Obsidian
 * refuses them everywhere; '#', '^', '[', ']' and '|' would break links. */
#define INVALID_CHARS "\\:*?\"<>|#^[]"

static gboolean
component_is_valid (const char *component)
{
  if (component[0] == '\0' || component[0] == '.')
    return FALSE;

  for (const char *p = component; *p != '\0'; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f || strchr (INVALID_CHARS, *p) != NULL)
      return FALSE;

  /* Windows drops trailing spaces and dots, and the name would change. */
  return !g_str_has_suffix (component, " ") && !g_str_has_suffix (component, ".");
}

/**
 * sheaf_new_note_path_for_target:
 * @target: what a link points to ("Folder/Name", "Name.md"), or a name typed
 * @error: set when @target cannot name a note
 *
 * Returns: (transfer full) (nullable): the vault-relative path of the note
 *   to create for @target, ending in ".md"
 */
char *
sheaf_new_note_path_for_target (const char  *target,
                                GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_auto(GStrv) components = NULL;

  g_return_val_if_fail (target != NULL, NULL);

  trimmed = g_strstrip (g_strdup (target));
  if (sheaf_text_has_suffix_ci (trimmed, ".md"))
    trimmed[strlen (trimmed) - 3] = '\0';

  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("A note’s name must be valid text"));
      return NULL;
    }

  /* g_strsplit() gives no component at all for "". */
  components = g_strsplit (trimmed[0] != '\0' ? trimmed : "/", "/", -1);
  for (guint i = 0; components[i] != NULL; i++)
    if (!component_is_valid (components[i]))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                     /* Translators: %s is what a link points to */
                     _("“%s” cannot be a note’s name: names cannot be empty, start with a dot, "
                       "or contain any of \\ : * ? \" < > | # ^ [ ]"),
                     target);
        return NULL;
      }

  return g_strconcat (trimmed, ".md", NULL);
}

typedef struct
{
  GFile *file;
  char  *path;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

static gboolean
make_parent (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;

  if (g_file_make_directory_with_parents (parent, cancellable, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* g_file_create() fails when the file exists: it is never written over.
 * A note that is there already (the vault had not seen it yet) is simply
 * the note wanted. */
static void
create_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (!make_parent (data->file, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stream = g_file_create (data->file, G_FILE_CREATE_NONE, cancellable, &error);
  if (stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) &&
          g_file_query_file_type (data->file, G_FILE_QUERY_INFO_NONE, cancellable) ==
            G_FILE_TYPE_REGULAR)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Back on the main thread: the vault learns of the note at once, so that
 * links to it resolve before the file monitor reports it. */
static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SheafVault *vault = g_task_get_source_object (task);
  CreateData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !sheaf_vault_update_path (vault, data->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * sheaf_new_note_create_async:
 * @vault: a loaded #SheafVault
 * @path: a vault-relative path from sheaf_new_note_path_for_target()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the note exists and @vault knows it
 * @user_data: data for @callback
 *
 * Creates @path as an empty note, with its folders, in a worker. An
 * existing file is never written over: if @path exists, it is the note.
 */
void
sheaf_new_note_create_async (SheafVault          *vault,
                             const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  CreateData *data;

  g_return_if_fail (SHEAF_IS_VAULT (vault));
  g_return_if_fail (path != NULL);

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_new_note_create_async);

  data = g_new0 (CreateData, 1);
  data->file = g_file_resolve_relative_path (sheaf_vault_get_root (vault), path);
  data->path = g_strdup (path);
  g_task_set_task_data (task, data, (GDestroyNotify)create_data_free);

  if (!g_file_has_prefix (data->file, sheaf_vault_get_root (vault)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                               _("A note cannot be created outside the vault"));
      return;
    }

  worker = g_task_new (vault, cancellable, created_cb, g_object_ref (task));
  g_task_set_source_tag (worker, sheaf_new_note_create_async);
  g_task_set_task_data (worker, data, NULL);
  g_task_run_in_thread (worker, create_worker);
}

gboolean
sheaf_new_note_create_finish (SheafVault    *vault,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, vault), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
