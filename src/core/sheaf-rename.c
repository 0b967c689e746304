/* sheaf-rename.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-rename"

#include "config.h"

#include <string.h>

#include "sheaf-index.h"
#include "sheaf-rename-private.h"
#include "sheaf-rename.h"
#include "sheaf-text.h"
#include "sheaf-vault-private.h"

/* How a rename works (DESIGN.md §2):
 *
 * 1. On the main thread: a snapshot of the vault (its notes, which are
 *    immutable, and its attachment paths).
 * 2. In a worker: a private index built from the snapshot answers "what did
 *    this link reach before?"; the notes that may link to the old path are
 *    read again from disk and parsed, so the spans we splice at are those of
 *    the bytes we write back, and their etags guard the saves.
 * 3. The private index is moved to the new path and answers "what does this
 *    link reach now?": links that still reach the file are left alone
 *    (aliases, a bare name that stays unique), the others get a new target.
 * 4. Beyond Obsidian: the new name can capture links that reached another
 *    file (a new "Home.md" at the top wins [[Home]] over "Work/Deep/Home.md";
 *    a note moved into a folder wins its folder's bare links). Links whose
 *    key could match the new name are resolved before and after in the
 *    private index, moved back and forth (sheaf-rename-links.c, with the
 *    index's own rules); the ones that would change are rewritten to reach
 *    what they reached before. Links that reached nothing and now reach the
 *    file are what the user wants, and stay.
 * 5. Nothing on disk changes until all of that is done; then the file moves,
 *    never replacing a file (renameat2 with RENAME_NOREPLACE, see
 *    sheaf-rename-move.c), then each changed note is saved atomically with
 *    its etag. A note changed in between is reported.
 * 6. Back on the main thread, the vault re-reads every path it touched. */

typedef struct
{
  GWeakRef   vault;
  GFile     *root;
  char      *old_path;
  char      *new_path;
  GPtrArray *notes;          /* SheafNote, the snapshot */
  GPtrArray *attachments;    /* char *, the snapshot */
  gboolean   is_note;

  /* Filled by the worker, for the main thread's update. */
  char      *created_folder; /* the topmost folder made for new_path, or NULL */
  GPtrArray *saved;          /* char *, referrers written */
} Rename;

static void
rename_free (Rename *rename)
{
  g_weak_ref_clear (&rename->vault);
  g_clear_object (&rename->root);
  g_free (rename->old_path);
  g_free (rename->new_path);
  g_clear_pointer (&rename->notes, g_ptr_array_unref);
  g_clear_pointer (&rename->attachments, g_ptr_array_unref);
  g_free (rename->created_folder);
  g_clear_pointer (&rename->saved, g_ptr_array_unref);
  g_free (rename);
}

void
sheaf_rename_result_free (SheafRenameResult *result)
{
  if (result == NULL)
    return;

  g_free (result->old_path);
  g_free (result->new_path);
  g_clear_pointer (&result->conflicts, g_ptr_array_unref);
  g_clear_pointer (&result->failures, g_ptr_array_unref);
  g_free (result);
}

static gboolean
path_has_hidden_segment (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '.')
      return TRUE;

  return FALSE;
}

static gboolean
snapshot_has (Rename     *rename,
              const char *path)
{
  for (guint i = 0; i < rename->notes->len; i++)
    if (strcmp (sheaf_note_get_path (g_ptr_array_index (rename->notes, i)), path) == 0)
      return TRUE;

  for (guint i = 0; i < rename->attachments->len; i++)
    if (strcmp (g_ptr_array_index (rename->attachments, i), path) == 0)
      return TRUE;

  return FALSE;
}

/* A file of the snapshot, other than the renamed one, that links could not
 * tell from @new_path: the same path up to case and Unicode normalisation. */
static const char *
snapshot_clash (Rename *rename)
{
  g_autofree char *key = sheaf_text_key (rename->new_path, -1);

  for (guint i = 0; i < rename->notes->len + rename->attachments->len; i++)
    {
      const char *path = i < rename->notes->len
        ? sheaf_note_get_path (g_ptr_array_index (rename->notes, i))
        : g_ptr_array_index (rename->attachments, i - rename->notes->len);
      g_autofree char *path_key = NULL;

      if (strcmp (path, rename->old_path) == 0)
        continue;

      path_key = sheaf_text_key (path, -1);
      if (strcmp (path_key, key) == 0)
        return path;
    }

  return NULL;
}

static gboolean
set_exists_error (GError     **error,
                  const char  *existing,
                  const char  *new_path)
{
  if (strcmp (existing, new_path) == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "“%s” already exists", existing);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 "“%s” already exists, and links do not tell it from “%s”",
                 existing, new_path);

  return FALSE;
}

static gboolean
validate (Rename        *rename,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *normal = sheaf_text_normalize_path ("", rename->new_path);
  g_autofree char *disk_clash = NULL;
  g_autofree char *old_key = NULL;
  g_autofree char *new_key = NULL;
  g_autoptr(GFile) target = NULL;
  const char *clash;

  if (normal == NULL || normal[0] == '\0' || g_str_has_suffix (rename->new_path, "/"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a path inside the vault", rename->new_path);
      return FALSE;
    }

  g_free (rename->new_path);
  rename->new_path = g_steal_pointer (&normal);

  if (path_has_hidden_segment (rename->new_path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” would be hidden: names starting with a dot are not part of the vault",
                   rename->new_path);
      return FALSE;
    }

  if (!snapshot_has (rename, rename->old_path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "“%s” is not in the vault", rename->old_path);
      return FALSE;
    }

  if (rename->is_note && !sheaf_note_path_is_note (rename->new_path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” must end in .md to stay a note", rename->new_path);
      return FALSE;
    }

  if (strcmp (rename->old_path, rename->new_path) == 0)
    return TRUE;

  /* Links compare case-insensitively: "NOTE.md" is in the way of "Note.md"
   * even where the file system would hold both. The renamed file itself is
   * never in its own way, so "note.md" → "Note.md" goes through. */
  clash = snapshot_clash (rename);
  if (clash != NULL)
    return set_exists_error (error, clash, rename->new_path);

  disk_clash = _sheaf_rename_find_disk_clash (rename->root, rename->old_path, rename->new_path,
                                              cancellable);
  if (disk_clash != NULL)
    return set_exists_error (error, disk_clash, rename->new_path);

  /* A folder that could not be listed: at least the name itself. On a
   * case-insensitive file system a case-only rename finds the file itself. */
  old_key = sheaf_text_key (rename->old_path, -1);
  new_key = sheaf_text_key (rename->new_path, -1);
  target = g_file_resolve_relative_path (rename->root, rename->new_path);
  if (strcmp (old_key, new_key) != 0 && g_file_query_exists (target, cancellable))
    return set_exists_error (error, rename->new_path, rename->new_path);

  return TRUE;
}

static SheafIndex *
build_index (Rename *rename)
{
  SheafIndex *index = sheaf_index_new ();

  for (guint i = 0; i < rename->notes->len; i++)
    sheaf_index_add_note (index, g_ptr_array_index (rename->notes, i));
  for (guint i = 0; i < rename->attachments->len; i++)
    sheaf_index_add_attachment (index, g_ptr_array_index (rename->attachments, i));

  return index;
}

static void
save_edit (Rename            *rename,
           SheafRenameEdit   *edit,
           SheafRenameResult *result)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (rename->root, edit->path);
  g_autoptr(GError) error = NULL;

  if (edit->edited == NULL)
    return;

  if (!sheaf_note_save_bytes (file, edit->edited, edit->etag, NULL, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        g_ptr_array_add (result->conflicts, g_strdup (edit->path));
      else
        g_ptr_array_add (result->failures, g_strdup_printf ("%s: %s", edit->path, error->message));
      return;
    }

  result->n_links += edit->n_links;
  result->n_preserved += edit->n_preserved;
  result->n_notes++;
  if (strcmp (edit->path, rename->new_path) != 0)
    g_ptr_array_add (rename->saved, g_strdup (edit->path));
}

/* Makes the folders, then moves the file without ever replacing one. */
static gboolean
move_file (Rename  *rename,
           GError **error)
{
  g_autoptr(GFile) from = g_file_resolve_relative_path (rename->root, rename->old_path);
  g_autoptr(GFile) to = g_file_resolve_relative_path (rename->root, rename->new_path);
  g_autoptr(GError) local_error = NULL;

  if (!_sheaf_rename_make_folders (rename->root, rename->new_path, &rename->created_folder,
                                   error))
    return FALSE;

  _sheaf_rename_run_before_move_hook ();

  if (!_sheaf_rename_move_file (from, to, &local_error))
    {
      _sheaf_rename_remove_folders (rename->root, rename->new_path, rename->created_folder);
      g_clear_pointer (&rename->created_folder, g_free);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return set_exists_error (error, rename->new_path, rename->new_path);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
rename_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Rename *rename = task_data;
  g_autoptr(SheafIndex) index = NULL;
  g_autoptr(GPtrArray) to_edit = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(SheafRenameEdit) moved = NULL;
  g_autoptr(SheafNote) old_note = NULL;
  g_autoptr(SheafNote) moved_note = NULL;
  g_auto(SheafRenameFilter) filter = { 0 };
  g_autoptr(SheafRenameResult) result = g_new0 (SheafRenameResult, 1);
  GError *error = NULL;

  result->conflicts = g_ptr_array_new_with_free_func (g_free);
  result->failures = g_ptr_array_new_with_free_func (g_free);

  if (!validate (rename, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  result->old_path = g_strdup (rename->old_path);
  result->new_path = g_strdup (rename->new_path);
  if (strcmp (rename->old_path, rename->new_path) == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&result),
                             (GDestroyNotify)sheaf_rename_result_free);
      return;
    }

  index = build_index (rename);
  edits = g_ptr_array_new_with_free_func ((GDestroyNotify)_sheaf_rename_edit_free);

  /* The note as it is indexed now, to move it back; and as it will be, read
   * from disk like the notes it links to. */
  if (rename->is_note)
    {
      SheafNote *note = sheaf_index_get_note (index, rename->old_path);

      old_note = note != NULL ? g_object_ref (note) : NULL;
      moved = _sheaf_rename_edit_load (rename->root, rename->old_path, cancellable, &error);
      if (moved == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      moved_note = sheaf_note_new_for_bytes (rename->new_path, moved->bytes, moved->etag,
                                             SHEAF_NOTE_DEFAULT);
    }

  _sheaf_rename_filter_init (&filter, rename->old_path, rename->new_path);
  _sheaf_rename_filter_add_aliases (&filter, old_note);
  _sheaf_rename_filter_add_aliases (&filter, moved_note);

  to_edit = _sheaf_rename_find_notes_to_edit (rename->notes, index, &filter, old_note, moved_note);

  for (guint i = 0; i < to_edit->len; i++)
    {
      const char *path = g_ptr_array_index (to_edit, i);
      g_autoptr(GError) local_error = NULL;
      SheafRenameEdit *edit = _sheaf_rename_edit_load (rename->root, path, cancellable,
                                                      &local_error);

      if (edit == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            break;
          g_ptr_array_add (result->failures,
                           g_strdup_printf ("%s: %s", path, local_error->message));
          continue;
        }

      _sheaf_rename_edit_collect (edit, index, path, &filter, FALSE);
      g_ptr_array_add (edits, edit);
    }

  if (moved != NULL)
    _sheaf_rename_edit_collect (moved, index, rename->old_path, &filter, TRUE);

  /* The index as it will be: the file at its new path. */
  _sheaf_rename_index_move (index, rename->old_path, moved_note, rename->new_path);
  if (moved != NULL)
    {
      g_free (moved->path);
      moved->path = g_strdup (rename->new_path);
      _sheaf_rename_edit_apply (moved, index, &filter, &result->n_skipped);
    }

  for (guint i = 0; i < edits->len; i++)
    _sheaf_rename_edit_apply (g_ptr_array_index (edits, i), index, &filter,
                              &result->n_skipped);

  /* Last moment to back out: nothing on disk has changed yet. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (!move_file (rename, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (moved != NULL)
    save_edit (rename, moved, result);
  for (guint i = 0; i < edits->len; i++)
    save_edit (rename, g_ptr_array_index (edits, i), result);

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify)sheaf_rename_result_free);
}

static void
update_vault (SheafVault *vault,
              Rename     *rename)
{
  g_autoptr(GError) error = NULL;

  sheaf_vault_remove_path (vault, rename->old_path);
  if (!sheaf_vault_update_path (vault, rename->created_folder != NULL ? rename->created_folder
                                                                      : rename->new_path, &error))
    g_debug ("Could not re-read %s: %s", rename->new_path, error->message);

  for (guint i = 0; i < rename->saved->len; i++)
    {
      g_clear_error (&error);
      if (!sheaf_vault_update_path (vault, g_ptr_array_index (rename->saved, i), &error))
        g_debug ("Could not re-read %s: %s",
                 (char *)g_ptr_array_index (rename->saved, i), error->message);
    }
}

static void
rename_done_cb (GObject      *object,
                GAsyncResult *inner,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Rename *rename = g_task_get_task_data (G_TASK (inner));
  GError *error = NULL;
  SheafRenameResult *result = g_task_propagate_pointer (G_TASK (inner), &error);

  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The vault is held only while it is updated: the caller may drop its last
   * reference in @callback. */
  if (strcmp (result->old_path, result->new_path) != 0)
    {
      g_autoptr(SheafVault) vault = g_weak_ref_get (&rename->vault);

      if (vault != NULL)
        update_vault (vault, rename);
    }

  g_task_return_pointer (task, result, (GDestroyNotify)sheaf_rename_result_free);
}

/**
 * sheaf_rename_async:
 * @vault: a loaded vault
 * @old_path: a note or attachment of @vault
 * @new_path: where it goes; folders are made as needed
 * @cancellable: (nullable): cancels until the file moves, not after
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Moves @old_path to @new_path and rewrites every link in the vault that
 * reached it so that it reaches @new_path (wikilinks with the shortest
 * unambiguous target, Markdown links re-encoded in their own style, display
 * text, fragments and sizes kept), and the moved note's links that depended
 * on its old folder. Links elsewhere that reached another file and that
 * @new_path would capture (a new exact, folder or shorter match, or a new
 * tie) are rewritten the same way to keep reaching that file; the result
 * counts them in n_preserved. Refuses with %G_IO_ERROR_EXISTS when @new_path
 * exists, or another file whose path differs from it only by case or Unicode
 * normalisation (links would not tell them apart); a case-only rename of the
 * file itself goes through. The move never replaces a file, even one made
 * after the checks. Before @callback runs, the vault has re-read every path
 * it touched.
 */
void
sheaf_rename_async (SheafVault          *vault,
                    const char          *old_path,
                    const char          *new_path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) inner = NULL;
  Rename *rename;

  g_return_if_fail (SHEAF_IS_VAULT (vault));
  g_return_if_fail (old_path != NULL);
  g_return_if_fail (new_path != NULL);

  rename = g_new0 (Rename, 1);
  g_weak_ref_init (&rename->vault, vault);
  rename->root = g_object_ref (sheaf_vault_get_root (vault));
  rename->old_path = g_strdup (old_path);
  rename->new_path = g_strdup (new_path);
  rename->notes = sheaf_vault_dup_notes (vault);
  rename->attachments = sheaf_index_dup_attachments (_sheaf_vault_get_index (vault));
  rename->is_note = sheaf_vault_get_note (vault, old_path) != NULL;
  rename->saved = g_ptr_array_new_with_free_func (g_free);

  /* Once the file has moved the rename is done, cancelled or not: the
   * worker checks the cancellable itself, up to the move. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_rename_async);
  g_task_set_check_cancellable (task, FALSE);

  inner = g_task_new (NULL, cancellable, rename_done_cb, task);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, rename, (GDestroyNotify)rename_free);
  g_task_run_in_thread (inner, rename_thread);
}

/**
 * sheaf_rename_finish:
 *
 * Returns: (transfer full) (nullable): what changed, for a toast
 */
SheafRenameResult *
sheaf_rename_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
