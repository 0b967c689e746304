/* sheaf-link-edit.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-link-edit"

#include "config.h"

#include <string.h>

#include "sheaf-link-edit.h"
#include "sheaf-note.h"
#include "sheaf-text.h"

/* Where a wikilink's target is: the same split as the parser's make_wikilink
 * (target up to the first '|' — written "\|" in tables — then up to the first
 * '#'), spaces around it left where they are. */
static gboolean
wikilink_target_range (const char *raw,
                       gsize       len,
                       gsize      *start,
                       gsize      *end)
{
  gsize inner_start = raw[0] == '!' ? 3 : 2;
  const char *inner, *bar, *hash;
  gsize inner_len, target_len, s, e;

  if (len < inner_start + 2 || memcmp (raw + inner_start - 2, "[[", 2) != 0 ||
      memcmp (raw + len - 2, "]]", 2) != 0)
    return FALSE;

  inner = raw + inner_start;
  inner_len = len - inner_start - 2;
  bar = memchr (inner, '|', inner_len);
  target_len = bar != NULL ? (gsize)(bar - inner) : inner_len;
  if (bar != NULL && target_len > 0 && inner[target_len - 1] == '\\')
    target_len--;

  hash = memchr (inner, '#', target_len);
  if (hash != NULL)
    target_len = hash - inner;

  s = 0;
  e = target_len;
  while (s < e && g_ascii_isspace (inner[s]))
    s++;
  while (e > s && g_ascii_isspace (inner[e - 1]))
    e--;

  *start = inner_start + s;
  *end = inner_start + e;

  return TRUE;
}

/* Where an inline Markdown link's destination path is: after the bracketed
 * text, inside "(…)" or "(<…>)", up to the first '#'. Reference links keep
 * their destination elsewhere and answer FALSE. */
static gboolean
markdown_target_range (const char *raw,
                       gsize       len,
                       gsize      *start,
                       gsize      *end)
{
  gsize i = raw[0] == '!' ? 1 : 0;
  gsize ds, de;
  int depth = 0;

  if (i >= len || raw[i] != '[')
    return FALSE;

  for (; i < len; i++)
    {
      if (raw[i] == '\\')
        {
          i++;
          continue;
        }
      if (raw[i] == '[')
        depth++;
      else if (raw[i] == ']' && --depth == 0)
        break;
    }

  if (i + 1 >= len || raw[i + 1] != '(')
    return FALSE;

  i += 2;
  while (i < len && g_ascii_isspace (raw[i]))
    i++;

  if (i < len && raw[i] == '<')
    {
      const char *gt = memchr (raw + i + 1, '>', len - i - 1);

      if (gt == NULL)
        return FALSE;
      ds = i + 1;
      de = gt - raw;
    }
  else
    {
      int parens = 0;

      ds = i;
      for (; i < len; i++)
        {
          if (raw[i] == '\\' && i + 1 < len)
            {
              i++;
              continue;
            }
          if (g_ascii_isspace (raw[i]))
            break;
          if (raw[i] == '(')
            parens++;
          else if (raw[i] == ')' && parens-- == 0)
            break;
        }
      de = i;
    }

  for (gsize j = ds; j < de; j++)
    if (raw[j] == '#')
      {
        de = j;
        break;
      }

  *start = ds;
  *end = de;

  return de > ds;
}

/**
 * sheaf_link_edit_target_range:
 * @link: a link from a parse result
 * @start: (out): where its target starts in @link's raw text
 * @end: (out): where it ends
 * @is_wikilink: (out): whether it is written [[…]] (else (…))
 *
 * Checks the range against what the parser read, so a link written in a way
 * this does not follow (escapes, entities, reference definitions) is left alone.
 *
 * Returns: %TRUE when the target was found
 */
gboolean
sheaf_link_edit_target_range (const SheafLink *link,
                              gsize           *start,
                              gsize           *end,
                              gboolean        *is_wikilink)
{
  const char *raw = link->raw;
  gsize len;

  if (raw == NULL || link->span.end <= link->span.start)
    return FALSE;

  len = strlen (raw);
  if (len != link->span.end - link->span.start)
    return FALSE;

  if (g_str_has_prefix (raw, "[[") || g_str_has_prefix (raw, "![["))
    {
      *is_wikilink = TRUE;
      return wikilink_target_range (raw, len, start, end) &&
             *end - *start == strlen (link->target) &&
             memcmp (raw + *start, link->target, *end - *start) == 0;
    }
  else
    {
      g_autofree char *decoded = NULL;

      *is_wikilink = FALSE;
      if (!markdown_target_range (raw, len, start, end))
        return FALSE;

      decoded = g_uri_unescape_segment (raw + *start, raw + *end, NULL);
      return decoded != NULL && strcmp (decoded, link->target) == 0;
    }
}

static gboolean
resolves_to (SheafResolveFunc  resolve,
             gpointer          data,
             const char       *source_path,
             const char       *target,
             const char       *path)
{
  g_auto(SheafResolved) out = { 0 };

  resolve (data, source_path, target, &out);

  return out.resolved != NULL && !out.ambiguous && strcmp (out.resolved, path) == 0;
}

static char *
dup_without_md (const char *path)
{
  gsize len = strlen (path);

  if (sheaf_note_path_is_note (path))
    len -= 3;

  return g_strndup (path, len);
}

/**
 * sheaf_link_edit_wikilink_target:
 * @resolve: how to resolve
 * @data: data for @resolve
 * @source_path: the note that will hold the link
 * @path: the note or attachment the link must reach
 *
 * Obsidian's "shortest path when possible": the bare name when it resolves to
 * @path from @source_path unambiguously, else the vault path. Notes lose
 * their `.md`; attachments keep their extension.
 *
 * Returns: (transfer full): the target to write
 */
char *
sheaf_link_edit_wikilink_target (SheafResolveFunc  resolve,
                                 gpointer          data,
                                 const char       *source_path,
                                 const char       *path)
{
  g_autofree char *full = dup_without_md (path);
  const char *slash = strrchr (full, '/');
  const char *name = slash != NULL ? slash + 1 : full;

  if (resolves_to (resolve, data, source_path, name, path))
    return g_strdup (name);

  return g_steal_pointer (&full);
}

/**
 * sheaf_link_edit_relative_path:
 * @folder: a vault-relative folder, "" for the root
 * @path: a vault-relative path
 *
 * Returns: (transfer full): @path relative to @folder, with `../` as needed
 */
char *
sheaf_link_edit_relative_path (const char *folder,
                               const char *path)
{
  g_auto(GStrv) from = folder[0] != '\0' ? g_strsplit (folder, "/", -1) : g_new0 (char *, 1);
  g_auto(GStrv) to = g_strsplit (path, "/", -1);
  guint n_from = g_strv_length (from);
  guint n_to = g_strv_length (to);
  GString *out = g_string_new (NULL);
  guint common = 0;

  /* the last segment of @path is the file: never a shared folder */
  while (common < n_from && common + 1 < n_to && strcmp (from[common], to[common]) == 0)
    common++;

  for (guint i = common; i < n_from; i++)
    g_string_append (out, "../");
  for (guint i = common; i < n_to; i++)
    {
      g_string_append (out, to[i]);
      if (i + 1 < n_to)
        g_string_append_c (out, '/');
    }

  return g_string_free (out, FALSE);
}

/**
 * sheaf_link_edit_encode:
 * @path: a path as the parser would decode it
 *
 * Percent-encodes what a Markdown link destination cannot hold as is (spaces,
 * parentheses, '#', '%', '<', '>' and controls); other UTF-8 stays readable.
 *
 * Returns: (transfer full): the encoded path
 */
char *
sheaf_link_edit_encode (const char *path)
{
  return g_uri_escape_string (path, "/!$&'*+,;=:@~", TRUE);
}

/**
 * sheaf_link_edit_markdown_target:
 * @resolve: how to resolve
 * @data: data for @resolve
 * @source_path: the note that will hold the link
 * @path: the note or attachment the link must reach
 * @old_target: the link's decoded target before the edit
 * @old_resolution: how @old_target resolved, which says the style to keep
 *
 * Keeps the link's style: relative (`./`, `../`) stays relative, a link
 * that resolved from its note's folder stays folder-relative, a bare name
 * stays a bare name when it is unambiguous, anything else becomes the vault
 * path. `.md` is kept when the old target had it.
 *
 * Returns: (transfer full): the target to write, percent-encoded
 */
char *
sheaf_link_edit_markdown_target (SheafResolveFunc  resolve,
                                 gpointer          data,
                                 const char       *source_path,
                                 const char       *path,
                                 const char       *old_target,
                                 SheafResolution   old_resolution)
{
  g_autofree char *folder = sheaf_text_dup_folder (source_path);
  g_autofree char *trimmed = g_strstrip (g_strdup (old_target));
  g_autofree char *full = NULL;
  g_autofree char *styled = NULL;
  g_autofree char *rooted = NULL;
  const char *candidates[3];
  const char *name;

  /* the decoded target as it will be written, before encoding */
  if (sheaf_note_path_is_note (path) && !sheaf_text_has_suffix_ci (trimmed, ".md"))
    full = dup_without_md (path);
  else
    full = g_strdup (path);

  name = strrchr (full, '/') != NULL ? strrchr (full, '/') + 1 : full;

  if (g_str_has_prefix (trimmed, "./") || g_str_has_prefix (trimmed, "../"))
    {
      g_autofree char *rel = sheaf_link_edit_relative_path (folder, full);

      styled = g_str_has_prefix (rel, "../") ? g_steal_pointer (&rel) : g_strconcat ("./", rel, NULL);
    }
  else if (old_resolution == SHEAF_RESOLUTION_FOLDER && folder[0] != '\0' &&
           g_str_has_prefix (full, folder) && full[strlen (folder)] == '/')
    styled = g_strdup (full + strlen (folder) + 1);
  else if (old_resolution == SHEAF_RESOLUTION_SHORTEST || old_resolution == SHEAF_RESOLUTION_ALIAS)
    styled = g_strdup (name);
  else
    styled = g_strdup (full);

  rooted = g_strconcat ("/", full, NULL);
  candidates[0] = styled;
  candidates[1] = full;
  candidates[2] = rooted;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (resolves_to (resolve, data, source_path, candidates[i], path))
      return sheaf_link_edit_encode (candidates[i]);

  return sheaf_link_edit_encode (full);
}

static void
resolve_in_vault (gpointer       data,
                  const char    *source_path,
                  const char    *target,
                  SheafResolved *out)
{
  SheafLink link = { 0 };

  link.target = (char *)target;
  sheaf_vault_resolve (data, source_path, &link, out);
}

/**
 * sheaf_link_edit_dup_target:
 * @vault: a vault
 * @source_path: the note that will hold the link
 * @path: the note the link must reach
 *
 * The wikilink target to write in @source_path for @path, per
 * sheaf_link_edit_wikilink_target(). Main thread: it asks the vault's index.
 *
 * Returns: (transfer full): the target
 */
char *
sheaf_link_edit_dup_target (SheafVault *vault,
                            const char *source_path,
                            const char *path)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (vault), NULL);

  return sheaf_link_edit_wikilink_target (resolve_in_vault, vault, source_path, path);
}
