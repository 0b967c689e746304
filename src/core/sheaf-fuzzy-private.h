/* sheaf-fuzzy-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sheaf-fuzzy.h"

G_BEGIN_DECLS

/* Shared by sheaf-fuzzy.c (the index, the matcher, the results) and
 * sheaf-fuzzy-match.c (classifying keys, the ranking heap and the tiers of a
 * query). Keys are folded bytes. */

#define MAX_QUERY 255   /* bytes of a query that take part in the subsequence test */
#define KEY_PADDING 64  /* bytes after the last key: the bitmap matchers read 64 from a key */
#define MAX_BITS_QUERY 16 /* query bytes the bitmap matchers take */
#define NARROW_STEP 50000 /* keys a keystroke answered by prefixes narrows on, at most */

#define NOT_RECENT G_MAXUINT32

typedef struct
{
  guint32 key;        /* offset of the folded key in keys */
  guint32 note;
  guint16 key_len;
  guint8  field;
  guint8  alias;
} Entry;

typedef struct
{
  char   *path;
  char   *title;      /* NFC, as shown */
  char  **aliases;    /* NFC, as shown; the ones with an entry */
  guint16 title_len;  /* of the folded title: "shorter title" ties */
} NoteInfo;

/* An entry in key order, with its note so a range is read in one pass. */
typedef struct
{
  guint32 entry;
  guint32 note;
} KeyRef;

struct _SheafFuzzyIndex
{
  gatomicrefcount  ref_count;
  GArray          *notes;      /* NoteInfo, in tie order: shorter folded title, then path */
  GArray          *entries;    /* Entry, grouped by note: title, aliases, path */
  GArray          *masks;      /* guint64 per entry: the bytes in its key */
  GArray          *starts;     /* guint64 per entry: the bytes that start a word in its key */
  GArray          *word_bits;  /* guint64 per entry: bit i when a word starts at byte i (<= 64) */
  KeyRef          *by_key;     /* entries by folded key: those with a given prefix are a range */
  guint32         *note_entries; /* per note and one more: its first entry */
  GString         *keys;
  GHashTable      *by_path;    /* path (borrowed) → note index + 1 */
};

struct _SheafFuzzyMatcher
{
  SheafFuzzyIndex *index;
  char            *last;       /* the query @survivors were scanned for, NULL if none */
  GArray          *survivors;  /* guint32 entries, with those from @tail on: a superset of
                                * @last's matches */
  GArray          *scratch;
  GArray          *candidates; /* guint32 entries: the keys a tier looks at */
  guint32         *ranks;      /* per note: rank in this query's recent list */
  guint32         *stamps;     /* per note: stamp (exact or prefix match), stamp + 1 (word start) */
  guint32         *prefix_best; /* per note: where in by_key its best exact or prefix key is */
  GArray          *prefixed;   /* guint32 notes stamped by this query */
  guint32          stamp;
  GArray          *recent_notes; /* guint32 notes of this query's recent list, in order */
  guint32          tail;       /* keys from here on are survivors too, not looked at yet */
  guint32          narrow_step; /* NARROW_STEP; tests make it small */
};

typedef struct
{
  guint32 entry;
  guint32 note;       /* also the last tie-break: notes are in tie order */
  guint32 span;
  guint32 recent;     /* rank in the recent list, NOT_RECENT otherwise */
  guint8  kind;
} Candidate;

#define KIND_NONE 0xFF  /* cannot make the top N: not classified further */

/* A bounded max-heap: the worst kept candidate on top, replaced by better ones. */
typedef struct
{
  Candidate *items;
  guint      len;
  guint      max;
} Heap;

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

/* Bit i set when key[i] == @c, over the 64 bytes from @key; the caller masks
 * off what lies past the key. Reads all 64 bytes, a fixed amount so nothing
 * branches on the key's length: the keys buffer pads the last key (KEY_PADDING).
 *
 * Portable version, eight bytes at a time (SWAR): a byte of the word XOR @c
 * is zero where the key holds @c. */
static inline guint64
byte_positions_swar (const char *key,
                     guchar      c)
{
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 spread = G_GUINT64_CONSTANT (0x0101010101010101) * c;
  guint64 bits = 0;

  for (guint at = 0; at < 64; at += 8)
    {
      guint64 word, zero;

      memcpy (&word, key + at, sizeof word);
      word = GUINT64_FROM_LE (word) ^ spread;
      /* 0x80 in exactly the zero bytes: no carry crosses a byte */
      zero = ~(((word & ~highs) + ~highs) | word) & highs;
      /* gather the eight flags into one byte, the first key byte lowest */
      bits |= (((zero >> 7) * G_GUINT64_CONSTANT (0x0102040810204080)) >> 56) << at;
    }

  return bits;
}

/* The same with SSE2, part of every x86-64 CPU: sixteen bytes per compare. */
static inline guint64
byte_positions (const char *key,
                guchar      c)
{
#ifdef __SSE2__
  const __m128i needle = _mm_set1_epi8 ((char)c);
  const __m128i *chunks = (const __m128i *)(gconstpointer)key;
  guint64 b0 = (guint)_mm_movemask_epi8 (_mm_cmpeq_epi8 (_mm_loadu_si128 (chunks), needle));
  guint64 b1 = (guint)_mm_movemask_epi8 (_mm_cmpeq_epi8 (_mm_loadu_si128 (chunks + 1), needle));
  guint64 b2 = (guint)_mm_movemask_epi8 (_mm_cmpeq_epi8 (_mm_loadu_si128 (chunks + 2), needle));
  guint64 b3 = (guint)_mm_movemask_epi8 (_mm_cmpeq_epi8 (_mm_loadu_si128 (chunks + 3), needle));

  return b0 | b1 << 16 | b2 << 32 | b3 << 48;
#else
  return byte_positions_swar (key, c);
#endif
}

/* The bits of a key of @len bytes, at most 64. */
static inline guint64
key_bits (guint len)
{
  return len < 64 ? (G_GUINT64_CONSTANT (1) << len) - 1 : G_MAXUINT64;
}

/* _sheaf_fuzzy_match_word_starts() for a key of at most 64 bytes and a query
 * of at most MAX_BITS_QUERY: @starts has bit i set when a word starts at byte
 * i, so the words that start with a byte are one AND away instead of a search
 * through the key. */
static inline gboolean
match_word_starts_bits (const char *key,
                        guint       len,
                        guint64     starts,
                        const char *q,
                        guint       qlen,
                        guint      *pos)
{
  guint64 jumps[MAX_BITS_QUERY];
  guint64 have = 0;

  g_assert (len <= 64);
  g_assert (qlen > 0 && qlen <= MAX_BITS_QUERY);

  for (guint64 first = byte_positions (key, q[0]) & starts; first != 0; first &= first - 1)
    {
      guint p, i;

      pos[0] = __builtin_ctzll (first);
      p = pos[0] + 1;
      for (i = 1; i < qlen; i++)
        {
          guint64 next;

          if (p < len && key[p] == q[i])
            {
              pos[i] = p++;
              continue;
            }

          /* jump to the next word that starts with q[i] */
          if ((have & (1u << i)) == 0)
            {
              jumps[i] = byte_positions (key, q[i]) & starts;
              have |= 1u << i;
            }
          next = jumps[i] & ((G_MAXUINT64 << (p - 1)) << 1);
          if (next == 0)
            break;
          pos[i] = __builtin_ctzll (next);
          p = pos[i] + 1;
        }

      if (i == qlen)
        return TRUE;
    }

  return FALSE;
}

/* is_subsequence() for a key of at most 64 bytes, on bitmaps. */
static inline gboolean
is_subsequence_bits (const char *key,
                     guint       len,
                     const char *q,
                     guint       qlen)
{
  guint64 after = key_bits (len);

  for (guint i = 0; i < qlen; i++)
    {
      guint64 next = byte_positions (key, q[i]) & after;

      if (next == 0)
        return FALSE;
      after = (G_MAXUINT64 << __builtin_ctzll (next)) << 1;
    }

  return TRUE;
}

/* is_subsequence() and _sheaf_fuzzy_match_compact() at once, for a key of at
 * most 64 bytes and a query of at most MAX_BITS_QUERY, on bitmaps of where
 * each query byte is: FALSE when @q is not a subsequence of @key, else TRUE
 * with the tightest window's @span. */
static inline gboolean
match_compact_bits (const char *key,
                    guint       len,
                    const char *q,
                    guint       qlen,
                    guint      *span)
{
  guint64 bits[MAX_BITS_QUERY];
  guint64 valid = key_bits (len);
  guint64 after = valid;
  guint at = 0, end;

  g_assert (len <= 64);
  g_assert (qlen > 0 && qlen <= MAX_BITS_QUERY);

  /* earliest end going forwards */
  for (guint i = 0; i < qlen; i++)
    {
      guint64 next;

      bits[i] = byte_positions (key, q[i]) & valid;
      next = bits[i] & after;
      if (next == 0)
        return FALSE;
      at = __builtin_ctzll (next);
      after = (G_MAXUINT64 << at) << 1;
    }

  /* latest start going back */
  end = at;
  for (guint i = qlen; i-- > 0;)
    {
      at = 63 - __builtin_clzll (bits[i] & (G_MAXUINT64 >> (63 - at)));
      if (i > 0)
        at--;
    }

  *span = end - at + 1;

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
void            _sheaf_fuzzy_heap_offer        (Heap              *heap,
                                                const Candidate   *candidate);
void            _sheaf_fuzzy_heap_sort         (Heap              *heap);
guint           _sheaf_fuzzy_query_prefixes    (SheafFuzzyMatcher *self,
                                                const char        *full,
                                                guint              full_len,
                                                Heap              *heap);
void            _sheaf_fuzzy_query_scan        (SheafFuzzyMatcher *self,
                                                const char        *q,
                                                guint              qlen,
                                                Heap              *heap);
void            _sheaf_fuzzy_query_narrow      (SheafFuzzyMatcher *self,
                                                const char        *q,
                                                guint              qlen);

G_END_DECLS
