/* sheaf-rename-move.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-rename"

/* renameat2 (), RENAME_NOREPLACE */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sheaf-rename-private.h"
#include "sheaf-text.h"

/* The file-system half of a rename: the checks that the new name is free and
 * the move that never replaces a file, even one that appears between the
 * check and the move (DESIGN.md §2.2, saves never clobber). */

static SheafRenameHook before_move_hook;
static gpointer before_move_data;

static const char *
basename_of (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash != NULL ? slash + 1 : path;
}

/**
 * _sheaf_rename_find_disk_clash:
 * @root: the vault's folder
 * @old_path: the file being renamed
 * @new_path: its new vault-relative path
 * @cancellable: (nullable): a #GCancellable
 *
 * Links compare names case-insensitively after NFC normalisation, so a file
 * whose name differs from @new_path's only that way would make both names
 * one for every link. This looks for one in @new_path's folder on disk (the
 * vault's snapshot may not know it yet); @old_path itself never clashes,
 * which lets a case-only rename through.
 *
 * Returns: (transfer full) (nullable): the vault-relative path of the file in
 *   the way, or %NULL
 */
char *
_sheaf_rename_find_disk_clash (GFile        *root,
                               const char   *old_path,
                               const char   *new_path,
                               GCancellable *cancellable)
{
  g_autofree char *folder = sheaf_text_dup_folder (new_path);
  g_autofree char *old_folder = sheaf_text_dup_folder (old_path);
  g_autofree char *key = sheaf_text_key (basename_of (new_path), -1);
  g_autoptr(GFile) dir = g_file_resolve_relative_path (root, folder);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  gboolean same_folder = strcmp (folder, old_folder) == 0;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable, NULL);

  while (enumerator != NULL)
    {
      GFileInfo *info = NULL;
      const char *name;
      g_autofree char *name_key = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, NULL) || info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (same_folder && strcmp (name, basename_of (old_path)) == 0)
        continue;

      name_key = sheaf_text_key (name, -1);
      if (strcmp (name_key, key) == 0)
        return folder[0] != '\0' ? g_strconcat (folder, "/", name, NULL) : g_strdup (name);
    }

  return NULL;
}

/**
 * _sheaf_rename_make_folders:
 * @root: the vault's folder
 * @path: a vault-relative file path
 * @created_folder: (out) (transfer full): the topmost folder made, or %NULL
 *   when all were there
 * @error: return location for a #GError
 *
 * Makes the folders @path needs. The topmost one made is what the vault
 * re-reads, or what _sheaf_rename_remove_folders() removes when the move
 * does not happen.
 */
gboolean
_sheaf_rename_make_folders (GFile       *root,
                            const char  *path,
                            char       **created_folder,
                            GError     **error)
{
  g_autofree char *folder = sheaf_text_dup_folder (path);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) prefix = g_string_new (NULL);
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) local_error = NULL;

  *created_folder = NULL;
  if (folder[0] == '\0')
    return TRUE;

  parts = g_strsplit (folder, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GFile) file = NULL;

      if (prefix->len > 0)
        g_string_append_c (prefix, '/');
      g_string_append (prefix, parts[i]);
      file = g_file_resolve_relative_path (root, prefix->str);
      if (!g_file_query_exists (file, NULL))
        {
          *created_folder = g_strdup (prefix->str);
          break;
        }
    }

  dir = g_file_resolve_relative_path (root, folder);
  if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_clear_pointer (created_folder, g_free);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * _sheaf_rename_remove_folders:
 * @root: the vault's folder
 * @path: the file path _sheaf_rename_make_folders() was given
 * @created_folder: (nullable): what it made
 *
 * Undoes _sheaf_rename_make_folders() after a failed move: removes the
 * folders it made, deepest first, as long as they are empty.
 */
void
_sheaf_rename_remove_folders (GFile      *root,
                              const char *path,
                              const char *created_folder)
{
  g_autofree char *folder = NULL;

  if (created_folder == NULL)
    return;

  folder = sheaf_text_dup_folder (path);
  while (folder[0] != '\0' && g_str_has_prefix (folder, created_folder))
    {
      g_autoptr(GFile) dir = g_file_resolve_relative_path (root, folder);
      char *up;

      if (!g_file_delete (dir, NULL, NULL))
        break;
      if (strlen (folder) == strlen (created_folder))
        break;

      up = sheaf_text_dup_folder (folder);
      g_free (folder);
      folder = up;
    }
}

/* Whether @b names @a itself on a case-insensitive file system. Names that
 * differ otherwise never count, even as hard links to the same file: there
 * rename() would do nothing and report success. */
static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *a_key = sheaf_text_key (a, -1);
  g_autofree char *b_key = sheaf_text_key (b, -1);
  GStatBuf sa, sb;

  return strcmp (a_key, b_key) == 0 &&
         g_lstat (a, &sa) == 0 && g_lstat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *dest)
{
  if (saved_errno == EEXIST)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "“%s” already exists", dest);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 "Could not move to “%s”: %s", dest, g_strerror (saved_errno));

  return FALSE;
}

/* A case-only rename on a case-insensitive file system: the new name is the
 * file itself, so an ordinary rename changes its case and replaces nothing. */
static gboolean
rename_same_file (const char  *src,
                  const char  *dst,
                  GError     **error)
{
  if (g_rename (src, dst) != 0)
    return set_errno_error (error, errno, dst);

  return TRUE;
}

/* Neither the link nor the no-replace rename is supported here (FAT, some
 * network and FUSE file systems): GIO's move without G_FILE_COPY_OVERWRITE
 * checks first, which is the best such a file system allows. */
static gboolean
move_with_gio (GFile   *from,
               GFile   *to,
               GError **error)
{
  return g_file_move (from, to, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, error);
}

/**
 * _sheaf_rename_move_file_by_link:
 * @from: a local file
 * @to: where it goes; its folder exists
 * @error: return location for a #GError
 *
 * The fallback of _sheaf_rename_move_file() where renameat2() has no
 * RENAME_NOREPLACE: link() fails rather than replace, then the old name goes.
 * Where hard links are not supported either, GIO's checked move.
 *
 * Returns: %TRUE when @from is now @to; %G_IO_ERROR_EXISTS when @to exists
 */
gboolean
_sheaf_rename_move_file_by_link (GFile   *from,
                                 GFile   *to,
                                 GError **error)
{
  g_autofree char *src = g_file_get_path (from);
  g_autofree char *dst = g_file_get_path (to);
  int saved;

  if (src == NULL || dst == NULL)
    return move_with_gio (from, to, error);

  if (link (src, dst) == 0)
    {
      if (g_unlink (src) == 0)
        return TRUE;

      /* both names now reach the file: take back the new one */
      saved = errno;
      g_unlink (dst);
      return set_errno_error (error, saved, src);
    }

  saved = errno;
  if (saved == EEXIST)
    return same_file (src, dst) ? rename_same_file (src, dst, error)
                                : set_errno_error (error, saved, dst);

  if (saved == EPERM || saved == ENOTSUP || saved == EOPNOTSUPP || saved == ENOSYS ||
      saved == EXDEV || saved == EMLINK)
    return move_with_gio (from, to, error);

  return set_errno_error (error, saved, dst);
}

/**
 * _sheaf_rename_move_file:
 * @from: a file
 * @to: where it goes; its folder exists
 * @error: return location for a #GError
 *
 * Moves @from to @to without ever replacing a file at @to, even one made
 * after any check: renameat2 (RENAME_NOREPLACE) is atomic; where the file
 * system refuses that flag, _sheaf_rename_move_file_by_link(). A case-only
 * rename on a case-insensitive file system (where @to is @from) goes through.
 *
 * Returns: %TRUE when moved; %G_IO_ERROR_EXISTS when @to exists
 */
gboolean
_sheaf_rename_move_file (GFile   *from,
                         GFile   *to,
                         GError **error)
{
  g_autofree char *src = g_file_get_path (from);
  g_autofree char *dst = g_file_get_path (to);

  g_return_val_if_fail (G_IS_FILE (from), FALSE);
  g_return_val_if_fail (G_IS_FILE (to), FALSE);

  if (src == NULL || dst == NULL)
    return move_with_gio (from, to, error);

#ifdef RENAME_NOREPLACE
  if (renameat2 (AT_FDCWD, src, AT_FDCWD, dst, RENAME_NOREPLACE) == 0)
    return TRUE;

  switch (errno)
    {
    case EEXIST:
      return same_file (src, dst) ? rename_same_file (src, dst, error)
                                  : set_errno_error (error, EEXIST, dst);

    case EINVAL:   /* the file system does not know the flag */
    case ENOSYS:   /* nor the kernel the call */
    case ENOTSUP:
      break;

    case EXDEV:
      return move_with_gio (from, to, error);

    default:
      return set_errno_error (error, errno, dst);
    }
#endif

  return _sheaf_rename_move_file_by_link (from, to, error);
}

/**
 * _sheaf_rename_set_before_move_hook:
 * @hook: (nullable): called in the rename's worker just before the move
 * @user_data: data for @hook
 *
 * For tests only: lets a test make the new name appear between the checks and
 * the move. Set it before sheaf_rename_async() and clear it after; the task's
 * thread start orders the write before the worker's read.
 */
void
_sheaf_rename_set_before_move_hook (SheafRenameHook hook,
                                    gpointer        user_data)
{
  before_move_hook = hook;
  before_move_data = user_data;
}

void
_sheaf_rename_run_before_move_hook (void)
{
  if (before_move_hook != NULL)
    before_move_hook (before_move_data);
}
