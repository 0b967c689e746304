/* sheaf-fuzzy-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "sheaf-fuzzy.h"

G_BEGIN_DECLS

/* The matcher's primitives, shared by sheaf-fuzzy.c (index and ranking) and
 * sheaf-fuzzy-match.c (classifying one key). Keys are folded bytes. */

#define MAX_QUERY 255   /* bytes of a query that take part in the subsequence test */

static inline gboolean
is_word_byte (guchar c)
{
  return c >= 0x80 || g_ascii_isalnum (c);
}

/* One bit per byte value; exact for a-z and 0-9, shared by the others. */
static inline guint64
byte_bit (guchar c)
{
  if (c >= 'a' && c <= 'z')
    return G_GUINT64_CONSTANT (1) << (c - 'a');
  if (c >= '0' && c <= '9')
    return G_GUINT64_CONSTANT (1) << (26 + c - '0');

  return G_GUINT64_CONSTANT (1) << (36 + c % 28);
}

static inline guint64
bytes_mask (const char *s,
            gsize       len)
{
  guint64 mask = 0;

  for (gsize i = 0; i < len; i++)
    mask |= byte_bit (s[i]);

  return mask;
}

static inline gboolean
is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar)*s >= 0x80)
      return FALSE;

  return TRUE;
}

static inline gboolean
is_word_start (const char *key,
               guint       at)
{
  return at == 0 || !is_word_byte (key[at - 1]);
}

static inline gboolean
is_subsequence (const char *key,
                guint       len,
                const char *q,
                guint       qlen)
{
  const char *p = key;
  const char *end = key + len;

  for (guint i = 0; i < qlen; i++)
    {
      p = memchr (p, q[i], end - p);
      if (p == NULL)
        return FALSE;
      p++;
    }

  return TRUE;
}

gboolean        _sheaf_fuzzy_match_word_starts (const char  *key,
                                                guint        len,
                                                const char  *q,
                                                guint        qlen,
                                                guint       *pos);
guint           _sheaf_fuzzy_match_compact     (const char  *key,
                                                guint        len,
                                                const char  *q,
                                                guint        qlen,
                                                guint       *pos);
SheafFuzzyKind  _sheaf_fuzzy_classify          (const char  *key,
                                                guint        len,
                                                const char  *full,
                                                guint        full_len,
                                                const char  *q,
                                                guint        qlen,
                                                guint       *span,
                                                guint       *pos);
void            _sheaf_fuzzy_map_positions     (const char  *text,
                                                const guint *key_pos,
                                                guint        n,
                                                GArray      *out);

G_END_DECLS
