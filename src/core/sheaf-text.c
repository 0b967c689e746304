/* sheaf-text.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-text"

#include "config.h"

#include <string.h>

#include "sheaf-text.h"

static gboolean
is_ascii (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar)text[i] >= 0x80)
      return FALSE;

  return TRUE;
}

/**
 * sheaf_text_key:
 * @text: UTF-8 text, possibly invalid
 * @length: length of @text, or -1
 *
 * The key under which names are compared (DESIGN.md §3): NFC-normalised and
 * case-folded. Most names are ASCII, which takes a fast path because key
 * computation is on the hot path of link resolution.
 *
 * Returns: (transfer full): the key
 */
char *
sheaf_text_key (const char *text,
                gssize      length)
{
  g_autofree char *valid = NULL;
  g_autofree char *normal = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);

  if (is_ascii (text, length))
    return g_ascii_strdown (text, length);

  valid = g_utf8_make_valid (text, length);
  normal = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);

  return g_utf8_casefold (normal, -1);
}

gboolean
sheaf_text_has_suffix_ci (const char *text,
                          const char *suffix)
{
  gsize text_len = strlen (text);
  gsize suffix_len = strlen (suffix);

  return text_len >= suffix_len &&
         g_ascii_strcasecmp (text + text_len - suffix_len, suffix) == 0;
}

/**
 * sheaf_text_link_key:
 * @target: a link target, display text and fragment already removed
 *
 * Step 1 and 2 of resolution: trim spaces, drop a `.md` suffix, fold.
 *
 * Returns: (transfer full): the key to look the target up with
 */
char *
sheaf_text_link_key (const char *target)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (target));
  gsize len = strlen (trimmed);

  if (sheaf_text_has_suffix_ci (trimmed, ".md"))
    len -= 3;

  return sheaf_text_key (trimmed, len);
}

/**
 * sheaf_text_path_key:
 * @path: a vault-relative path
 *
 * Returns: (transfer full): the key of @path: a note's without its `.md`
 */
char *
sheaf_text_path_key (const char *path)
{
  gsize len = strlen (path);

  if (sheaf_text_has_suffix_ci (path, ".md"))
    len -= 3;

  return sheaf_text_key (path, len);
}

/**
 * sheaf_text_dup_folder:
 * @path: a vault-relative path with `/` separators
 *
 * Returns: (transfer full): the folder of @path, "" at the vault root
 */
char *
sheaf_text_dup_folder (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash != NULL ? g_strndup (path, slash - path) : g_strdup ("");
}

/**
 * sheaf_text_normalize_path:
 * @folder: a vault-relative folder, "" for the root
 * @relative: a path relative to @folder, with `.` and `..` segments
 *
 * Joins and normalises without touching the disk.
 *
 * Returns: (transfer full) (nullable): the vault-relative path, or %NULL when
 *   it would leave the vault
 */
char *
sheaf_text_normalize_path (const char *folder,
                           const char *relative)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_auto(GStrv) folder_parts = g_strsplit (folder, "/", -1);
  g_auto(GStrv) relative_parts = g_strsplit (relative, "/", -1);

  for (guint i = 0; folder_parts[i] != NULL; i++)
    if (folder_parts[i][0] != '\0')
      g_ptr_array_add (parts, folder_parts[i]);

  for (guint i = 0; relative_parts[i] != NULL; i++)
    {
      const char *part = relative_parts[i];

      if (part[0] == '\0' || strcmp (part, ".") == 0)
        continue;

      if (strcmp (part, "..") == 0)
        {
          if (parts->len == 0)
            return NULL;

          g_ptr_array_remove_index (parts, parts->len - 1);
          continue;
        }

      g_ptr_array_add (parts, (gpointer)part);
    }

  g_ptr_array_add (parts, NULL);

  return g_strjoinv ("/", (char **)parts->pdata);
}
