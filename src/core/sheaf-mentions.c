/* sheaf-mentions.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-mentions"

/* memmem */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "sheaf-fold.h"
#include "sheaf-frontmatter.h"
#include "sheaf-mentions.h"
#include "sheaf-note.h"
#include "sheaf-vault.h"

#define CONTEXT_MAX    240
#define CONTEXT_BEFORE  60
#define MENTION_SNIPPET_CHARS 160  /* what a list of context shows of a line */

typedef struct
{
  GFile     *root;
  GPtrArray *paths;   /* the other notes */
  GPtrArray *names;   /* as written: title, file name, aliases */
  GPtrArray *keys;    /* folded, longest first */
  GPtrArray *names_by_key;  /* the name of each key */
  gboolean   ascii;         /* every key is ASCII */
} Find;

typedef struct
{
  gsize start;
  gsize end;
  guint name;
} Hit;

static void
find_free (Find *find)
{
  g_clear_object (&find->root);
  g_clear_pointer (&find->paths, g_ptr_array_unref);
  g_clear_pointer (&find->names, g_ptr_array_unref);
  g_clear_pointer (&find->keys, g_ptr_array_unref);
  g_clear_pointer (&find->names_by_key, g_ptr_array_unref);
  g_free (find);
}

void
sheaf_mention_free (SheafMention *mention)
{
  if (mention == NULL)
    return;

  g_free (mention->path);
  g_free (mention->etag);
  g_free (mention->text);
  g_free (mention->name);
  g_free (mention->context);
  g_clear_pointer (&mention->snippet, sheaf_snippet_free);
  g_free (mention);
}

static void
exclude (GArray *ranges,
         gsize   start,
         gsize   end)
{
  SheafSpan span = { start, end };

  if (end > start)
    g_array_append_val (ranges, span);
}

/* A fence line: up to three spaces after any "> " quote markers, then three
 * or more backticks or tildes. */
static gboolean
fence_at (const char *text,
          gsize       ls,
          gsize       le,
          char       *fence_char,
          gsize      *fence_len)
{
  gsize i = ls, spaces = 0, n = 0;

  while (i < le && (text[i] == '>' || text[i] == ' ' || text[i] == '\t'))
    {
      spaces = text[i] == '>' ? 0 : spaces + 1;
      i++;
    }

  if (spaces > 3 || i >= le || (text[i] != '`' && text[i] != '~'))
    return FALSE;

  while (i + n < le && text[i + n] == text[i])
    n++;
  if (n < 3)
    return FALSE;

  *fence_char = text[i];
  *fence_len = n;

  return TRUE;
}

static gsize
url_end (const char *text,
         gsize       len,
         gsize       i)
{
  while (i < len && !g_ascii_isspace (text[i]) && text[i] != '>')
    i++;

  return i;
}

/* What is not plain text in the body, beyond what the parse reports (links,
 * tags): fenced code, code spans, %%comments%% and URLs. A light scanner, not
 * a second Markdown parser: it errs towards excluding. */
static void
exclude_syntax (const char *text,
                gsize       len,
                gsize       body,
                GArray     *ranges)
{
  gsize i = body;
  gboolean line_start = TRUE;
  gboolean in_fence = FALSE;
  char fence_char = 0;
  gsize fence_len = 0;

  while (i < len)
    {
      char c = text[i];

      if (line_start)
        {
          const char *nl = memchr (text + i, '\n', len - i);
          gsize le = nl != NULL ? (gsize)(nl - text) : len;
          char ch;
          gsize n;

          line_start = FALSE;
          if (in_fence)
            {
              if (fence_at (text, i, le, &ch, &n) && ch == fence_char && n >= fence_len)
                in_fence = FALSE;
              exclude (ranges, i, le);
              i = le;
              continue;
            }
          if (fence_at (text, i, le, &fence_char, &fence_len))
            {
              in_fence = TRUE;
              exclude (ranges, i, le);
              i = le;
              continue;
            }
        }

      if (c == '\n')
        {
          line_start = TRUE;
          i++;
        }
      else if (c == '`')
        {
          gsize n = 0, j, para_end;
          const char *blank = g_strstr_len (text + i, len - i, "\n\n");

          while (i + n < len && text[i + n] == '`')
            n++;
          para_end = blank != NULL ? (gsize)(blank - text) : len;

          /* the closing run has exactly as many backticks */
          for (j = i + n; j < para_end; j++)
            {
              gsize m = 0;

              if (text[j] != '`')
                continue;
              while (j + m < para_end && text[j + m] == '`')
                m++;
              if (m == n)
                break;
              j += m - 1;
            }

          if (j < para_end)
            {
              exclude (ranges, i, j + n);
              i = j + n;
            }
          else
            i += n;
        }
      else if (c == '%' && i + 1 < len && text[i + 1] == '%')
        {
          const char *close = g_strstr_len (text + i + 2, len - i - 2, "%%");
          gsize end = close != NULL ? (gsize)(close - text) + 2 : len;

          exclude (ranges, i, end);
          i = end;
        }
      else if (c == ':' && i + 2 < len && text[i + 1] == '/' && text[i + 2] == '/')
        {
          gsize start = i;

          while (start > body && (g_ascii_isalnum (text[start - 1]) ||
                                  text[start - 1] == '+' || text[start - 1] == '.' ||
                                  text[start - 1] == '-'))
            start--;
          i = url_end (text, len, i);
          if (start < i - 3)
            exclude (ranges, start, i);
        }
      else if ((c == 'w' || c == 'W') && i + 4 <= len &&
               g_ascii_strncasecmp (text + i, "www.", 4) == 0 &&
               !sheaf_fold_is_word_char_before (text, i))
        {
          gsize end = url_end (text, len, i);

          exclude (ranges, i, end);
          i = end;
        }
      else
        i++;
    }
}

static gboolean
overlaps (GArray *ranges,
          gsize   start,
          gsize   end)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      const SheafSpan *span = &g_array_index (ranges, SheafSpan, i);

      if (span->start < end && start < span->end)
        return TRUE;
    }

  return FALSE;
}

static GArray *
excluded_ranges (const char *path,
                 GBytes     *bytes)
{
  g_autoptr(SheafNote) note = sheaf_note_new_for_bytes (path, bytes, NULL, SHEAF_NOTE_DEFAULT);
  SheafParseResult *result = sheaf_note_get_parse_result (note);
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (SheafSpan));
  gsize body = sheaf_frontmatter_get_body_offset (sheaf_note_get_frontmatter (note));
  const SheafLink *links;
  const SheafTag *tags;
  guint n_links = 0, n_tags = 0;
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);

  exclude (ranges, 0, body);

  links = sheaf_parse_result_get_links (result, &n_links);
  for (guint i = 0; i < n_links; i++)
    exclude (ranges, links[i].span.start, links[i].span.end);

  tags = sheaf_parse_result_get_tags (result, &n_tags);
  for (guint i = 0; i < n_tags; i++)
    exclude (ranges, tags[i].span.start, tags[i].span.end);

  exclude_syntax (text, len, body, ranges);

  return ranges;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *ha = a, *hb = b;

  return ha->start < hb->start ? -1 : ha->start > hb->start;
}

static SheafMention *
make_mention (const char *path,
              const char *etag,
              const char *text,
              gsize       len,
              const Hit  *hit,
              const char *name)
{
  SheafMention *mention = g_new0 (SheafMention, 1);
  gsize ls = hit->start, le = hit->start, ws, we;
  guint line = 1;

  for (gsize i = 0; i < hit->start; i++)
    if (text[i] == '\n')
      {
        line++;
        ls = i + 1;
      }
  if (line == 1)
    ls = 0;
  while (le < len && text[le] != '\n')
    le++;
  if (le > ls && text[le - 1] == '\r')
    le--;

  ws = ls;
  we = le;
  if (le - ls > CONTEXT_MAX)
    {
      ws = hit->start > ls + CONTEXT_BEFORE ? hit->start - CONTEXT_BEFORE : ls;
      while (ws < hit->start && ((guchar)text[ws] & 0xC0) == 0x80)
        ws++;
      we = MAX (hit->end, MIN (le, ws + CONTEXT_MAX));
      while (we > hit->end && we < le && ((guchar)text[we] & 0xC0) == 0x80)
        we--;
    }

  mention->path = g_strdup (path);
  mention->etag = g_strdup (etag);
  mention->line = line;
  mention->span.start = hit->start;
  mention->span.end = hit->end;
  mention->text = g_strndup (text + hit->start, hit->end - hit->start);
  mention->name = g_strdup (name);
  mention->context = g_utf8_make_valid (text + ws, we - ws);
  mention->context_range.start = hit->start - ws;
  mention->context_range.end = hit->end - ws;
  /* Made here, in the worker: it parses the line. */
  mention->snippet = sheaf_snippet_new (mention->context, strlen (mention->context),
                                        mention->context_range, MENTION_SNIPPET_CHARS);

  return mention;
}

/* Whole-word occurrences of any name, longest name first where they overlap.
 * With @out NULL, only whether there is one. */
static gboolean
find_in_file (Find        *find,
              const char  *path,
              GBytes      *bytes,
              const char  *etag,
              SheafFolded *folded,
              GPtrArray   *out)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GArray) ranges = NULL;
  gboolean found = FALSE;
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);

  if (text == NULL || len == 0)
    return FALSE;

  sheaf_fold_into (folded, text, len, SHEAF_FOLD_DEFAULT);

  for (guint k = 0; k < find->keys->len; k++)
    {
      const char *key = g_ptr_array_index (find->keys, k);
      gsize key_len = strlen (key);
      gsize at = 0;

      while (at + key_len <= folded->text->len)
        {
          const char *found = memmem (folded->text->str + at, folded->text->len - at, key, key_len);
          gsize fs;
          Hit hit;

          if (found == NULL)
            break;

          fs = found - folded->text->str;
          at = fs + 1;
          if (!sheaf_folded_to_source (folded, fs, fs + key_len, &hit.start, &hit.end) ||
              sheaf_fold_is_word_char_before (text, hit.start) ||
              sheaf_fold_is_word_char (text, len, hit.end))
            continue;

          hit.name = k;
          g_array_append_val (hits, hit);
        }
    }

  if (hits->len == 0)
    return FALSE;

  /* Only notes with a candidate pay for a parse. */
  ranges = excluded_ranges (path, bytes);

  {
    g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (SheafSpan));

    /* hits are by name, longest first: a longer name claims its bytes first */
    for (guint i = 0; i < hits->len; i++)
      {
        Hit *hit = &g_array_index (hits, Hit, i);
        SheafSpan span = { hit->start, hit->end };

        if (overlaps (ranges, hit->start, hit->end) || overlaps (kept, hit->start, hit->end))
          {
            hit->name = G_MAXUINT;
            continue;
          }
        g_array_append_val (kept, span);
      }
  }

  g_array_sort (hits, compare_hits);
  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);

      if (hit->name == G_MAXUINT)
        continue;
      if (out == NULL)
        return TRUE;
      g_ptr_array_add (out, make_mention (path, etag, text, len, hit,
                                          g_ptr_array_index (find->names_by_key, hit->name)));
      found = TRUE;
    }

  return found;
}

static gboolean
read_plain (GFile  *file,
            char  **contents,
            gsize  *length)
{
  const char *local = g_file_peek_path (file);

  if (local != NULL)
    return g_file_get_contents (local, contents, length, NULL);

  return g_file_load_contents (file, NULL, contents, length, NULL, NULL);
}

/* ASCII names only match ASCII text (a letter followed by a combining mark
 * is not a whole word; "ß" for "ss" and the Kelvin sign for "K" are missed),
 * so a file is lowered and searched in place first, and only files where a
 * name occurs pay for folding and a parse. */
static gboolean
may_mention (Find    *find,
             GBytes  *bytes,
             GString *lowered)
{
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);

  if (!find->ascii)
    return TRUE;

  g_string_set_size (lowered, len);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = text[i];

      lowered->str[i] = c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

  for (guint k = 0; k < find->keys->len; k++)
    {
      const char *key = g_ptr_array_index (find->keys, k);

      if (memmem (lowered->str, len, key, strlen (key)) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Find *find = task_data;
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_mention_free);
  g_auto(SheafFolded) folded = { 0 };
  g_autoptr(GString) lowered = g_string_new (NULL);

  sheaf_folded_init (&folded);

  for (guint i = 0; i < find->paths->len && find->keys->len > 0; i++)
    {
      const char *path = g_ptr_array_index (find->paths, i);
      g_autoptr(GFile) file = g_file_resolve_relative_path (find->root, path);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *etag = NULL;
      char *contents = NULL;
      gsize len = 0;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      /* Most notes mention nothing: read them plainly. The few that do are
       * read again with their etag, which the Link button's save checks, and
       * searched again, so the spans are those of the etag's bytes. */
      if (!read_plain (file, &contents, &len))
        continue;
      bytes = g_bytes_new_take (contents, len);
      if (!may_mention (find, bytes, lowered) ||
          !find_in_file (find, path, bytes, NULL, &folded, NULL))
        continue;

      g_clear_pointer (&bytes, g_bytes_unref);
      if (!g_file_load_contents (file, cancellable, &contents, &len, &etag, NULL))
        continue;
      bytes = g_bytes_new_take (contents, len);
      find_in_file (find, path, bytes, etag, &folded, mentions);
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_steal_pointer (&mentions), (GDestroyNotify)g_ptr_array_unref);
}

static void
add_name (Find       *find,
          const char *name)
{
  g_autofree char *key = sheaf_fold_string (name, -1, SHEAF_FOLD_DEFAULT);

  g_strstrip (key);
  if (key[0] == '\0')
    return;

  for (guint i = 0; i < find->keys->len; i++)
    if (strcmp (g_ptr_array_index (find->keys, i), key) == 0)
      return;

  g_ptr_array_add (find->keys, g_steal_pointer (&key));
  g_ptr_array_add (find->names, g_strstrip (g_strdup (name)));
}

/**
 * sheaf_mentions_find_async:
 * @vault: a loaded vault
 * @path: the note whose mentions to find
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads every other note in a worker and finds where @path's title, file
 * name or aliases appear as plain text. Fails with %G_IO_ERROR_NOT_FOUND when
 * @path is not a note of @vault.
 */
void
sheaf_mentions_find_async (SheafVault          *vault,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *stem = NULL;
  SheafNote *note;
  const char * const *aliases;
  Find *find;

  g_return_if_fail (SHEAF_IS_VAULT (vault));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_mentions_find_async);

  note = sheaf_vault_get_note (vault, path);
  if (note == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "“%s” is not a note of the vault", path);
      return;
    }

  find = g_new0 (Find, 1);
  find->root = g_object_ref (sheaf_vault_get_root (vault));
  find->paths = g_ptr_array_new_with_free_func (g_free);
  find->names = g_ptr_array_new_with_free_func (g_free);
  find->keys = g_ptr_array_new_with_free_func (g_free);

  stem = sheaf_note_path_dup_stem (path);
  add_name (find, sheaf_note_get_title (note));
  add_name (find, stem);
  aliases = sheaf_frontmatter_get_aliases (sheaf_note_get_frontmatter (note));
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    add_name (find, aliases[i]);

  /* Longest first, so that "Project Plan" claims its bytes before "Project". */
  {
    g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

    find->names_by_key = g_ptr_array_new_with_free_func (g_free);
    while (find->keys->len > 0)
      {
        guint best = 0;

        for (guint i = 1; i < find->keys->len; i++)
          if (strlen (g_ptr_array_index (find->keys, i)) > strlen (g_ptr_array_index (find->keys, best)))
            best = i;
        g_ptr_array_add (keys, g_ptr_array_steal_index (find->keys, best));
        g_ptr_array_add (find->names_by_key, g_ptr_array_steal_index (find->names, best));
      }
    g_ptr_array_extend_and_steal (find->keys, g_steal_pointer (&keys));
  }

  find->ascii = TRUE;
  for (guint i = 0; i < find->keys->len; i++)
    for (const char *k = g_ptr_array_index (find->keys, i); *k != '\0'; k++)
      if ((guchar)*k >= 0x80)
        find->ascii = FALSE;

  notes = sheaf_vault_dup_notes (vault);
  for (guint i = 0; i < notes->len; i++)
    {
      const char *other = sheaf_note_get_path (g_ptr_array_index (notes, i));

      if (strcmp (other, path) != 0)
        g_ptr_array_add (find->paths, g_strdup (other));
    }

  g_task_set_task_data (task, find, (GDestroyNotify)find_free);
  g_task_run_in_thread (task, find_thread);
}

/**
 * sheaf_mentions_find_finish:
 *
 * Returns: (transfer container) (element-type SheafMention): the mentions, by
 *   path then position
 */
GPtrArray *
sheaf_mentions_find_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
