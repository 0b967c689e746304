/* sheaf-fold.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-fold"

#include "config.h"

#include <string.h>

#include "sheaf-fold.h"

/* Folding works a character at a time, so that every folded byte knows the
 * character it came from: lower case, then the canonical decomposition (so a
 * precomposed "é" and "e" + U+0301 fold alike, which is what NFC equality
 * means), then, when asked, without combining marks. g_unichar_tolower rather
 * than a full case fold keeps this allocation-free; the one full folding that
 * matters in practice, ß → ss, is done by hand. */

void
sheaf_folded_init (SheafFolded *folded)
{
  folded->text = g_string_new (NULL);
  folded->map = g_array_new (FALSE, FALSE, sizeof (guint32));
}

void
sheaf_folded_clear (SheafFolded *folded)
{
  if (folded->text != NULL)
    g_string_free (folded->text, TRUE);
  g_clear_pointer (&folded->map, g_array_unref);
  folded->text = NULL;
}

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;

    default:
      return FALSE;
    }
}

static void
append_char (SheafFolded *folded,
             const char  *bytes,
             gsize        n,
             guint32      source)
{
  g_string_append_len (folded->text, bytes, n);
  for (gsize i = 0; i < n; i++)
    g_array_append_val (folded->map, source);
}

static void
fold_char (SheafFolded    *folded,
           gunichar        c,
           guint32         source,
           SheafFoldFlags  flags)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n_parts;

  if (c == 0x00DF || c == 0x1E9E)
    {
      append_char (folded, "ss", 2, source);
      return;
    }

  n_parts = g_unichar_fully_decompose (g_unichar_tolower (c), FALSE, parts, G_N_ELEMENTS (parts));
  for (gsize i = 0; i < n_parts; i++)
    {
      char utf8[6];
      int n;

      if ((flags & SHEAF_FOLD_STRIP_MARKS) && is_mark (parts[i]))
        continue;

      n = g_unichar_to_utf8 (g_unichar_tolower (parts[i]), utf8);
      append_char (folded, utf8, n, source);
    }
}

/**
 * sheaf_fold_into:
 * @folded: an initialised #SheafFolded; its previous contents are replaced
 * @text: UTF-8 text, possibly invalid (an invalid byte folds to itself)
 * @length: length of @text
 * @flags: how far to fold
 */
void
sheaf_fold_into (SheafFolded    *folded,
                 const char     *text,
                 gsize           length,
                 SheafFoldFlags  flags)
{
  const guchar *p = (const guchar *)text;
  gsize i = 0;
  guint32 end;

  g_string_truncate (folded->text, 0);
  g_array_set_size (folded->map, 0);

  while (i < length)
    {
      gsize run = i;

      /* ASCII runs, the bulk of every note, go a byte at a time. */
      while (run < length && p[run] < 0x80)
        run++;

      if (run > i)
        {
          gsize at = folded->text->len;

          g_string_set_size (folded->text, at + (run - i));
          g_array_set_size (folded->map, at + (run - i));
          for (gsize j = i; j < run; j++)
            {
              guchar c = p[j];

              folded->text->str[at + (j - i)] = c >= 'A' && c <= 'Z' ? c + 32 : c;
              g_array_index (folded->map, guint32, at + (j - i)) = j;
            }
          i = run;
          continue;
        }

      {
        gunichar c = g_utf8_get_char_validated (text + i, length - i);

        if (c == (gunichar)-1 || c == (gunichar)-2)
          {
            append_char (folded, text + i, 1, i);
            i++;
          }
        else
          {
            fold_char (folded, c, i, flags);
            i = g_utf8_next_char (text + i) - text;
          }
      }
    }

  end = length;
  g_array_append_val (folded->map, end);
}

/**
 * sheaf_folded_to_source:
 * @folded: a folded text
 * @start: start of a range of folded bytes
 * @end: its end
 * @source_start: (out): the start of the source characters the range came from
 * @source_end: (out): their end
 *
 * Returns: %FALSE when the range starts or ends inside what one source
 *   character folded to ("s" of the "ss" that "ß" became): not a whole match
 */
gboolean
sheaf_folded_to_source (SheafFolded *folded,
                        gsize        start,
                        gsize        end,
                        gsize       *source_start,
                        gsize       *source_end)
{
  const guint32 *map = (const guint32 *)(gpointer)folded->map->data;

  g_return_val_if_fail (start < end && end <= folded->text->len, FALSE);

  if (start > 0 && map[start - 1] == map[start])
    return FALSE;
  if (end < folded->text->len && map[end - 1] == map[end])
    return FALSE;

  *source_start = map[start];
  *source_end = map[end];

  /* The folded text's last character ends where the source does. */
  return TRUE;
}

/**
 * sheaf_fold_string:
 *
 * Returns: (transfer full): @text folded as sheaf_fold_into() folds
 */
char *
sheaf_fold_string (const char     *text,
                   gssize          length,
                   SheafFoldFlags  flags)
{
  g_auto(SheafFolded) folded = { 0 };

  if (length < 0)
    length = strlen (text);

  sheaf_folded_init (&folded);
  sheaf_fold_into (&folded, text, length, flags);

  return g_strndup (folded.text->str, folded.text->len);
}

static gboolean
unichar_is_word (gunichar c)
{
  return c == '_' || g_unichar_isalnum (c) || is_mark (c);
}

/**
 * sheaf_fold_is_word_char:
 *
 * Returns: %TRUE when the character at @offset of @text is part of a word
 */
gboolean
sheaf_fold_is_word_char (const char *text,
                         gsize       length,
                         gsize       offset)
{
  gunichar c;

  if (offset >= length)
    return FALSE;
  if ((guchar)text[offset] < 0x80)
    return g_ascii_isalnum (text[offset]) || text[offset] == '_';

  c = g_utf8_get_char_validated (text + offset, length - offset);

  return c != (gunichar)-1 && c != (gunichar)-2 && unichar_is_word (c);
}

/**
 * sheaf_fold_is_word_char_before:
 *
 * Returns: %TRUE when the character that ends at @offset of @text is part of a word
 */
gboolean
sheaf_fold_is_word_char_before (const char *text,
                                gsize       offset)
{
  gsize start = offset;

  if (offset == 0)
    return FALSE;
  if ((guchar)text[offset - 1] < 0x80)
    return g_ascii_isalnum (text[offset - 1]) || text[offset - 1] == '_';

  /* back to the lead byte, at most four bytes */
  while (start > 0 && offset - start < 4)
    {
      start--;
      if (((guchar)text[start] & 0xC0) != 0x80)
        break;
    }

  return sheaf_fold_is_word_char (text, offset, start);
}
