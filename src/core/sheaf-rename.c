/* sheaf-rename.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-rename"

#include "config.h"

#include <string.h>

#include "sheaf-index.h"
#include "sheaf-link-edit.h"
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
 * 4. Nothing on disk changes until all of that is done; then the file moves
 *    (refused if the new name exists), then each changed note is saved
 *    atomically with its etag. A note changed in between is reported.
 * 5. Back on the main thread, the vault re-reads every path it touched. */

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

typedef struct
{
  guint            link;
  SheafResolution  resolution;  /* how it resolved before the move */
  char            *dest;        /* the path it must reach after */
} Pending;

typedef struct
{
  char      *path;        /* where it is saved (the new path for the moved note) */
  GBytes    *bytes;
  char      *etag;
  SheafNote *parsed;
  GArray    *pending;     /* Pending */
  GBytes    *edited;      /* NULL when no link changed */
  guint      n_links;
} FileEdit;

typedef struct
{
  gsize  start;
  gsize  end;
  char  *text;
} Splice;

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

static void
pending_clear (gpointer data)
{
  g_free (((Pending *)data)->dest);
}

static void
file_edit_free (FileEdit *edit)
{
  g_free (edit->path);
  g_clear_pointer (&edit->bytes, g_bytes_unref);
  g_free (edit->etag);
  g_clear_object (&edit->parsed);
  g_clear_pointer (&edit->pending, g_array_unref);
  g_clear_pointer (&edit->edited, g_bytes_unref);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileEdit, file_edit_free)

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

static void
index_resolve (gpointer       data,
               const char    *source_path,
               const char    *target,
               SheafResolved *out)
{
  sheaf_index_resolve (data, source_path, target, out);
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

static gboolean
validate (Rename        *rename,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *normal = sheaf_text_normalize_path ("", rename->new_path);
  g_autoptr(GFile) target = NULL;

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

  target = g_file_resolve_relative_path (rename->root, rename->new_path);
  if (strcmp (rename->old_path, rename->new_path) != 0 &&
      (snapshot_has (rename, rename->new_path) ||
       g_file_query_exists (target, cancellable)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   "“%s” already exists", rename->new_path);
      return FALSE;
    }

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

static const char *
last_segment (const char *key)
{
  const char *slash = strrchr (key, '/');

  return slash != NULL ? slash + 1 : key;
}

/* A cheap test that lets most links skip resolution: only a target whose last
 * segment is the file's name, or one of its aliases, or a relative path, can
 * reach it. */
static gboolean
may_reach (const char *target,
           const char *name_key,
           GHashTable *alias_keys)
{
  g_autofree char *key = NULL;

  if (strstr (target, "./") != NULL || strstr (target, "..") != NULL)
    return TRUE;

  key = sheaf_text_link_key (target);

  return key[0] != '\0' &&
         (strcmp (last_segment (key), name_key) == 0 || g_hash_table_contains (alias_keys, key));
}

static GPtrArray *
find_referrers (Rename     *rename,
                SheafIndex *index)
{
  GPtrArray *referrers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) alias_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path_key = sheaf_text_path_key (rename->old_path);
  const char *name_key = last_segment (path_key);
  SheafNote *old_note = sheaf_index_get_note (index, rename->old_path);

  if (old_note != NULL)
    {
      const char * const *aliases =
        sheaf_frontmatter_get_aliases (sheaf_note_get_frontmatter (old_note));

      for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
        g_hash_table_add (alias_keys, sheaf_text_link_key (aliases[i]));
    }

  for (guint i = 0; i < rename->notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (rename->notes, i);
      const char *source = sheaf_note_get_path (note);
      const SheafLink *links;
      guint n_links = 0;

      if (strcmp (source, rename->old_path) == 0)
        continue;

      links = sheaf_parse_result_get_links (sheaf_note_get_parse_result (note), &n_links);
      for (guint j = 0; j < n_links; j++)
        {
          g_auto(SheafResolved) resolved = { 0 };

          if (!may_reach (links[j].target, name_key, alias_keys))
            continue;

          sheaf_index_resolve (index, source, links[j].target, &resolved);
          if (g_strcmp0 (resolved.resolved, rename->old_path) == 0)
            {
              g_ptr_array_add (referrers, g_strdup (source));
              break;
            }
        }
    }

  return referrers;
}

static FileEdit *
load_edit (GFile         *root,
           const char    *path,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (root, path);
  g_autoptr(FileEdit) edit = g_new0 (FileEdit, 1);
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, cancellable, &contents, &length, &edit->etag, error))
    return NULL;

  edit->path = g_strdup (path);
  edit->bytes = g_bytes_new_take (contents, length);
  edit->parsed = sheaf_note_new_for_bytes (path, edit->bytes, edit->etag, SHEAF_NOTE_DEFAULT);
  edit->pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (edit->pending, pending_clear);

  return g_steal_pointer (&edit);
}

/* Before the move: which links of @edit reach what, seen from @source. With
 * @only set, just the links reaching it; else every resolved link, the ones
 * reaching @old redirected to @new (the moved note's own links). */
static void
collect_links (FileEdit   *edit,
               SheafIndex *index,
               const char *source,
               const char *only,
               const char *old,
               const char *new)
{
  const SheafLink *links;
  guint n_links = 0;

  links = sheaf_parse_result_get_links (sheaf_note_get_parse_result (edit->parsed), &n_links);
  for (guint i = 0; i < n_links; i++)
    {
      g_auto(SheafResolved) resolved = { 0 };
      Pending pending = { 0 };

      sheaf_index_resolve (index, source, links[i].target, &resolved);
      if (resolved.resolved == NULL || resolved.resolution == SHEAF_RESOLUTION_SELF)
        continue;
      if (only != NULL && strcmp (resolved.resolved, only) != 0)
        continue;

      pending.link = i;
      pending.resolution = resolved.resolution;
      pending.dest = g_strdup (strcmp (resolved.resolved, old) == 0 ? new : resolved.resolved);
      g_array_append_val (edit->pending, pending);
    }
}

static int
compare_splices (gconstpointer a,
                 gconstpointer b)
{
  const Splice *sa = a, *sb = b;

  return sa->start < sb->start ? -1 : sa->start > sb->start;
}

static void
splice_clear (gpointer data)
{
  g_free (((Splice *)data)->text);
}

/* After the move: the new bytes of @edit, changed only at the targets of the
 * links that no longer reach where they did. */
static void
apply_links (FileEdit   *edit,
             SheafIndex *index,
             guint      *n_skipped)
{
  g_autoptr(GArray) splices = g_array_new (FALSE, FALSE, sizeof (Splice));
  const SheafLink *links;
  guint n_links = 0;
  const char *text;
  gsize length, at = 0;
  GString *out;

  g_array_set_clear_func (splices, splice_clear);
  links = sheaf_parse_result_get_links (sheaf_note_get_parse_result (edit->parsed), &n_links);
  text = g_bytes_get_data (edit->bytes, &length);

  for (guint i = 0; i < edit->pending->len; i++)
    {
      const Pending *pending = &g_array_index (edit->pending, Pending, i);
      const SheafLink *link = &links[pending->link];
      g_auto(SheafResolved) now = { 0 };
      gsize start, end;
      gboolean wiki;
      Splice splice;

      sheaf_index_resolve (index, edit->path, link->target, &now);
      if (now.resolved != NULL && !now.ambiguous && strcmp (now.resolved, pending->dest) == 0)
        continue;

      if (!sheaf_link_edit_target_range (link, &start, &end, &wiki) ||
          link->span.end > length ||
          memcmp (text + link->span.start, link->raw, link->span.end - link->span.start) != 0)
        {
          (*n_skipped)++;
          continue;
        }

      if (wiki)
        splice.text = sheaf_link_edit_wikilink_target (index_resolve, index, edit->path,
                                                       pending->dest);
      else
        splice.text = sheaf_link_edit_markdown_target (index_resolve, index, edit->path,
                                                       pending->dest, link->target,
                                                       pending->resolution);
      splice.start = link->span.start + start;
      splice.end = link->span.start + end;

      if (strlen (splice.text) == splice.end - splice.start &&
          memcmp (text + splice.start, splice.text, splice.end - splice.start) == 0)
        {
          g_free (splice.text);
          continue;
        }

      g_array_append_val (splices, splice);
    }

  if (splices->len == 0)
    return;

  g_array_sort (splices, compare_splices);
  out = g_string_sized_new (length + 64);
  for (guint i = 0; i < splices->len; i++)
    {
      const Splice *splice = &g_array_index (splices, Splice, i);

      g_string_append_len (out, text + at, splice->start - at);
      g_string_append (out, splice->text);
      at = splice->end;
    }
  g_string_append_len (out, text + at, length - at);

  edit->n_links = splices->len;
  edit->edited = g_string_free_to_bytes (out);
}

/* The folders new_path needs; the topmost one made is re-read by the vault. */
static gboolean
make_folders (Rename        *rename,
              GError       **error)
{
  g_autofree char *folder = sheaf_text_dup_folder (rename->new_path);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) prefix = g_string_new (NULL);
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) local_error = NULL;

  if (folder[0] == '\0')
    return TRUE;

  parts = g_strsplit (folder, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GFile) file = NULL;

      if (prefix->len > 0)
        g_string_append_c (prefix, '/');
      g_string_append (prefix, parts[i]);
      file = g_file_resolve_relative_path (rename->root, prefix->str);
      if (!g_file_query_exists (file, NULL))
        {
          rename->created_folder = g_strdup (prefix->str);
          break;
        }
    }

  dir = g_file_resolve_relative_path (rename->root, folder);
  if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
save_edit (Rename            *rename,
           FileEdit          *edit,
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
  result->n_notes++;
  if (strcmp (edit->path, rename->new_path) != 0)
    g_ptr_array_add (rename->saved, g_strdup (edit->path));
}

static void
rename_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Rename *rename = task_data;
  g_autoptr(SheafIndex) index = NULL;
  g_autoptr(GPtrArray) referrers = NULL;
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify)file_edit_free);
  g_autoptr(FileEdit) moved = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
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
      g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify)sheaf_rename_result_free);
      return;
    }

  index = build_index (rename);
  referrers = find_referrers (rename, index);

  for (guint i = 0; i < referrers->len; i++)
    {
      const char *path = g_ptr_array_index (referrers, i);
      g_autoptr(GError) local_error = NULL;
      FileEdit *edit = load_edit (rename->root, path, cancellable, &local_error);

      if (edit == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            break;
          g_ptr_array_add (result->failures, g_strdup_printf ("%s: %s", path, local_error->message));
          continue;
        }

      collect_links (edit, index, path, rename->old_path, rename->old_path, rename->new_path);
      g_ptr_array_add (edits, edit);
    }

  if (rename->is_note)
    {
      moved = load_edit (rename->root, rename->old_path, cancellable, &error);
      if (moved == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      collect_links (moved, index, rename->old_path, NULL, rename->old_path, rename->new_path);
    }

  /* The index as it will be: the file at its new path. */
  sheaf_index_remove (index, rename->old_path);
  if (moved != NULL)
    {
      g_autoptr(SheafNote) note = sheaf_note_new_for_bytes (rename->new_path, moved->bytes,
                                                            moved->etag, SHEAF_NOTE_DEFAULT);

      sheaf_index_add_note (index, note);
      g_free (moved->path);
      moved->path = g_strdup (rename->new_path);
      apply_links (moved, index, &result->n_skipped);
    }
  else
    sheaf_index_add_attachment (index, rename->new_path);

  for (guint i = 0; i < edits->len; i++)
    apply_links (g_ptr_array_index (edits, i), index, &result->n_skipped);

  /* Last moment to back out: nothing on disk has changed yet. */
  if (g_task_return_error_if_cancelled (task))
    return;

  from = g_file_resolve_relative_path (rename->root, rename->old_path);
  to = g_file_resolve_relative_path (rename->root, rename->new_path);
  if (!make_folders (rename, &error) ||
      !g_file_move (from, to, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_clear_error (&error);
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       "“%s” already exists", rename->new_path);
        }
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
 * on its old folder. Refuses with %G_IO_ERROR_EXISTS when @new_path exists.
 * Before @callback runs, the vault has re-read every path it touched.
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
