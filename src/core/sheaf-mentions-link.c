/* sheaf-mentions-link.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-mentions"

#include "config.h"

#include <string.h>

#include "sheaf-mentions.h"
#include "sheaf-note.h"

/* The "Link" button of the unlinked-mentions panel: one mention becomes a
 * wikilink, every other byte of the note unchanged. */

/* In a table row a bare '|' would split the cell: Obsidian writes "\|". */
static gboolean
in_table_row (const char *text,
              gsize       at)
{
  gsize ls = at;

  while (ls > 0 && text[ls - 1] != '\n')
    ls--;
  while (text[ls] == ' ' || text[ls] == '\t')
    ls++;

  return text[ls] == '|';
}

/**
 * sheaf_mentions_link:
 * @file: the note holding the mention
 * @span: the mention's bytes, as found
 * @target: the link target to write (the title, or a path when the title
 *   alone is ambiguous: see sheaf_link_edit_dup_target())
 * @mention: the mention's text, as found
 * @etag: (nullable): the etag the mention was found with; a file changed
 *   since is refused with %G_IO_ERROR_WRONG_ETAG
 * @new_etag: (out) (optional): the etag of the written file
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Replaces exactly the mention with `[[target|mention]]`, or `[[target]]` when
 * the mention is the target as written; every other byte stays. The save is
 * atomic and etag-checked. Blocks: call from a worker or use the async form.
 *
 * Returns: %TRUE when saved
 */
gboolean
sheaf_mentions_link (GFile         *file,
                     SheafSpan      span,
                     const char    *target,
                     const char    *mention,
                     const char    *etag,
                     char         **new_etag,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *current_etag = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (target != NULL && mention != NULL, FALSE);

  if (!g_file_load_contents (file, cancellable, &contents, &len, &current_etag, error))
    return FALSE;

  if (etag != NULL && g_strcmp0 (etag, current_etag) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                           "The note changed on disk since its mentions were found");
      return FALSE;
    }

  if (span.end > len || span.end < span.start || span.end - span.start != strlen (mention) ||
      memcmp (contents + span.start, mention, span.end - span.start) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "“%s” is no longer where it was found", mention);
      return FALSE;
    }

  out = g_string_sized_new (len + strlen (target) + 8);
  g_string_append_len (out, contents, span.start);
  g_string_append (out, "[[");
  g_string_append (out, target);
  if (strcmp (mention, target) != 0)
    {
      g_string_append (out, in_table_row (contents, span.start) ? "\\|" : "|");
      g_string_append (out, mention);
    }
  g_string_append (out, "]]");
  g_string_append_len (out, contents + span.end, len - span.end);

  bytes = g_string_free_to_bytes (g_steal_pointer (&out));

  return sheaf_note_save_bytes (file, bytes, current_etag, new_etag, cancellable, error);
}

typedef struct
{
  GFile     *file;
  SheafSpan  span;
  char      *target;
  char      *mention;
  char      *etag;
} Link;

static void
link_free (Link *link)
{
  g_object_unref (link->file);
  g_free (link->target);
  g_free (link->mention);
  g_free (link->etag);
  g_free (link);
}

static void
link_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Link *link = task_data;
  GError *error = NULL;
  char *new_etag = NULL;

  if (sheaf_mentions_link (link->file, link->span, link->target, link->mention, link->etag,
                           &new_etag, cancellable, &error))
    g_task_return_pointer (task, new_etag, g_free);
  else
    g_task_return_error (task, error);
}

/**
 * sheaf_mentions_link_async:
 *
 * sheaf_mentions_link() in a worker.
 */
void
sheaf_mentions_link_async (GFile               *file,
                           SheafSpan            span,
                           const char          *target,
                           const char          *mention,
                           const char          *etag,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Link *link;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (target != NULL && mention != NULL);

  link = g_new0 (Link, 1);
  link->file = g_object_ref (file);
  link->span = span;
  link->target = g_strdup (target);
  link->mention = g_strdup (mention);
  link->etag = g_strdup (etag);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_mentions_link_async);
  g_task_set_task_data (task, link, (GDestroyNotify)link_free);
  g_task_run_in_thread (task, link_thread);
}

gboolean
sheaf_mentions_link_finish (GAsyncResult  *result,
                            char         **new_etag,
                            GError       **error)
{
  g_autofree char *etag = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  etag = g_task_propagate_pointer (G_TASK (result), error);
  if (etag == NULL)
    return FALSE;

  if (new_etag != NULL)
    *new_etag = g_steal_pointer (&etag);

  return TRUE;
}
