/* sheaf-fuzzy-match.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-fuzzy"

#include "config.h"

#include "sheaf-fuzzy-private.h"

/* Runs of matched characters, each starting at a word start: "pp" in
 * "project plan", "plan" in "project plan". Greedy per starting word, which
 * can miss an alignment that backtracking would find; those rank as plain
 * subsequences. */
gboolean
_sheaf_fuzzy_match_word_starts (const char *key,
                                guint       len,
                                const char *q,
                                guint       qlen,
                                guint      *pos)
{
  const char *end = key + len;

  for (const char *s = memchr (key, q[0], len); s != NULL;
       s = s + 1 < end ? memchr (s + 1, q[0], end - s - 1) : NULL)
    {
      guint p, i;

      if (!is_word_start (key, s - key))
        continue;

      pos[0] = s - key;
      p = pos[0] + 1;
      for (i = 1; i < qlen; i++)
        {
          const char *next;

          if (p < len && key[p] == q[i])
            {
              pos[i] = p++;
              continue;
            }

          /* jump to the next word that starts with q[i] */
          for (next = p < len ? memchr (key + p, q[i], len - p) : NULL;
               next != NULL && !is_word_start (key, next - key);
               next = next + 1 < end ? memchr (next + 1, q[i], end - next - 1) : NULL)
            ;
          if (next == NULL)
            break;
          pos[i] = next - key;
          p = pos[i] + 1;
        }

      if (i == qlen)
        return TRUE;
    }

  return FALSE;
}

/* The tightest window: earliest end going forwards, latest start going back. */
guint
_sheaf_fuzzy_match_compact (const char *key,
                            guint       len,
                            const char *q,
                            guint       qlen,
                            guint      *pos)
{
  const char *p = key;
  guint at;

  for (guint i = 0; i < qlen; i++)
    {
      p = memchr (p, q[i], key + len - p);
      g_assert (p != NULL);
      p++;
    }

  at = p - key - 1;
  for (guint i = qlen; i-- > 0;)
    {
      while (key[at] != q[i])
        at--;
      pos[i] = at;
      if (i > 0)
        at--;
    }

  return pos[qlen - 1] - pos[0] + 1;
}

/* @pos is only written for word-start and subsequence matches. */
SheafFuzzyKind
_sheaf_fuzzy_classify (const char *key,
                       guint       len,
                       const char *full,
                       guint       full_len,
                       const char *q,
                       guint       qlen,
                       guint      *span,
                       guint      *pos)
{
  if (len >= full_len && memcmp (key, full, full_len) == 0)
    {
      *span = full_len;
      return len == full_len ? SHEAF_FUZZY_EXACT : SHEAF_FUZZY_PREFIX;
    }

  if (_sheaf_fuzzy_match_word_starts (key, len, q, qlen, pos))
    {
      *span = pos[qlen - 1] - pos[0] + 1;
      return SHEAF_FUZZY_WORD_START;
    }

  *span = _sheaf_fuzzy_match_compact (key, len, q, qlen, pos);

  return SHEAF_FUZZY_SUBSEQUENCE;
}

/* Key byte offsets → byte offsets of the displayed characters they came from. */
void
_sheaf_fuzzy_map_positions (const char *text,
                            const guint *key_pos,
                            guint        n,
                            GArray      *out)
{
  g_autoptr(GArray) starts = NULL;

  if (is_ascii (text))
    {
      g_array_append_vals (out, key_pos, n);
      return;
    }

  starts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *folded = g_utf8_casefold (p, g_utf8_next_char (p) - p);
      guint start = p - text;

      for (gsize i = 0; folded[i] != '\0'; i++)
        g_array_append_val (starts, start);
    }

  for (guint i = 0; i < n; i++)
    {
      guint at;

      if (key_pos[i] >= starts->len)
        break;
      at = g_array_index (starts, guint, key_pos[i]);
      if (out->len == 0 || g_array_index (out, guint, out->len - 1) != at)
        g_array_append_val (out, at);
    }
}

