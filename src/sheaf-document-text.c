/* sheaf-document-text.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-document"

#include "config.h"

#include <string.h>

#include "sheaf-document-private.h"

static const char bom_bytes[] = "\xef\xbb\xbf";

/* TRUE when the text has at least one line feed and every one ends a CRLF. */
static gboolean
text_is_all_crlf (const char *text,
                  gsize       length)
{
  const char *end = text + length;
  const char *p = text;
  gboolean any = FALSE;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      if (p == text || p[-1] != '\r')
        return FALSE;
      any = TRUE;
      p++;
    }

  return any;
}

/* Runs in a worker. Never fails: invalid UTF-8 gives a note to show read-only. */
SheafDocumentLoaded *
_sheaf_document_loaded_new (const char *path,
                            GBytes     *bytes,
                            const char *etag)
{
  SheafDocumentLoaded *loaded = g_new0 (SheafDocumentLoaded, 1);
  g_autoptr(GBytes) shown = NULL;
  const char *data;
  const char *body;
  const char *invalid = NULL;
  gsize length;
  gsize body_length;

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";

  loaded->bytes = g_bytes_ref (bytes);
  loaded->etag = g_strdup (etag);
  loaded->invalid_at = -1;
  loaded->bom = length >= 3 && memcmp (data, bom_bytes, 3) == 0;
  body = loaded->bom ? data + 3 : data;
  body_length = loaded->bom ? length - 3 : length;

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      loaded->invalid_at = invalid - data;
      loaded->text = g_utf8_make_valid (body, body_length);
      loaded->length = strlen (loaded->text);
    }
  else if ((loaded->crlf = text_is_all_crlf (body, body_length)))
    {
      char *out = g_malloc (body_length + 1);
      gsize n = 0;

      for (gsize i = 0; i < body_length; i++)
        if (!(body[i] == '\r' && i + 1 < body_length && body[i + 1] == '\n'))
          out[n++] = body[i];
      out[n] = '\0';
      loaded->text = out;
      loaded->length = n;
    }
  else
    {
      loaded->text = g_strndup (body, body_length);
      loaded->length = body_length;
    }

  /* Spans in the parse are offsets in the text the buffer shows. */
  if (loaded->bom || loaded->crlf || loaded->invalid_at >= 0)
    shown = g_bytes_new (loaded->text, loaded->length);
  loaded->note = _sheaf_document_parse_bytes (path, shown != NULL ? shown : bytes, etag);

  return loaded;
}

void
_sheaf_document_loaded_free (SheafDocumentLoaded *loaded)
{
  g_clear_pointer (&loaded->bytes, g_bytes_unref);
  g_clear_pointer (&loaded->etag, g_free);
  g_clear_pointer (&loaded->text, g_free);
  g_clear_object (&loaded->note);
  g_free (loaded);
}

/* Runs in a worker: the buffer's text back into the file's bytes. */
GBytes *
_sheaf_document_encode_text (const char *text,
                             gboolean    bom,
                             gboolean    crlf)
{
  gsize length = strlen (text);
  GString *out = g_string_sized_new (length + (crlf ? length / 16 : 0) + 4);

  if (bom)
    g_string_append_len (out, bom_bytes, 3);

  if (!crlf)
    g_string_append_len (out, text, length);
  else
    for (const char *p = text; *p != '\0'; p++)
      {
        if (*p == '\n')
          g_string_append_c (out, '\r');
        g_string_append_c (out, *p);
      }

  return g_string_free_to_bytes (out);
}

char *
_sheaf_document_dup_text (SheafDocument *self)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self), &start, &end);

  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self), &start, &end, TRUE);
}

/* Task lists ------------------------------------------------------------- */

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;

  return p;
}

/**
 * sheaf_document_toggle_task:
 * @self: a #SheafDocument
 * @line: a 1-based line number, as in the parse result
 *
 * Flips the marker of the task list item on @line, `[ ]` to `[x]` and any
 * other marker to `[ ]`, as one undoable user action: only that character
 * changes.
 *
 * Returns: %TRUE if @line held a task marker
 */
gboolean
sheaf_document_toggle_task (SheafDocument *self,
                            guint          line)
{
  GtkTextBuffer *buffer = (GtkTextBuffer *)self;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *text = NULL;
  const char *p;
  const char *mark;
  glong offset;

  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);

  if (self->read_only || line == 0 || line > G_MAXINT ||
      !gtk_text_buffer_get_iter_at_line (buffer, &start, (int)line - 1))
    return FALSE;

  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  text = gtk_text_iter_get_slice (&start, &end);

  /* Indentation and blockquote markers, then "-", "*", "+" or "1." / "1)". */
  p = skip_blanks (text);
  while (*p == '>')
    p = skip_blanks (p + 1);

  if (*p == '-' || *p == '*' || *p == '+')
    p++;
  else if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p))
        p++;
      if (*p != '.' && *p != ')')
        return FALSE;
      p++;
    }
  else
    return FALSE;

  if (*p != ' ' && *p != '\t')
    return FALSE;
  p = skip_blanks (p);

  if (p[0] != '[' || p[1] == '\0' || p[1] == ']')
    return FALSE;
  mark = p + 1;
  p = g_utf8_next_char (mark);
  if (p[0] != ']' || (p[1] != '\0' && p[1] != ' ' && p[1] != '\t'))
    return FALSE;

  offset = g_utf8_pointer_to_offset (text, mark);
  gtk_text_iter_set_line_offset (&start, (int)offset);
  end = start;
  gtk_text_iter_forward_char (&end);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, *mark == ' ' ? "x" : " ", 1);
  gtk_text_buffer_end_user_action (buffer);

  return TRUE;
}

/* Runs in a worker. An edit of the buffer in characters, as bytes of the
 * text @base was parsed from and of @bytes, the text after it: the text
 * before the edit is the same in both, and so is the text after it. */
gboolean
_sheaf_document_edit_to_bytes (SheafNote     *base,
                               GBytes        *bytes,
                               guint          start,
                               guint          old_end,
                               guint          new_end,
                               SheafTextEdit *edit)
{
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  gsize base_length = sheaf_note_get_size (base);
  glong n_chars;

  if (text == NULL)
    text = "";
  n_chars = g_utf8_strlen (text, length);
  if (start > new_end || new_end > (gulong) n_chars || start > old_end)
    return FALSE;

  edit->start = g_utf8_offset_to_pointer (text, start) - text;
  edit->new_end = g_utf8_offset_to_pointer (text + edit->start, new_end - start) - text;
  if (length - edit->new_end > base_length || base_length - (length - edit->new_end) < edit->start)
    return FALSE;
  edit->old_end = base_length - (length - edit->new_end);

  return TRUE;
}
