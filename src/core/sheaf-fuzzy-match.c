/* sheaf-fuzzy-match.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-fuzzy"

#include "config.h"

#include "sheaf-fuzzy-private.h"

/* Matching one key, ranking, and the tiers of a query (exact and prefix,
 * word start, subsequence); sheaf-fuzzy.c explains how they fit together. */

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

/* < 0 when @a ranks before @b. Notes are stored in tie order (shorter title,
 * then path), so the last tie-break is the note's index. */
static inline int
compare_candidates (const Candidate *a,
                    const Candidate *b)
{
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->recent != b->recent)
    return a->recent < b->recent ? -1 : 1;
  if (a->span != b->span)
    return a->span < b->span ? -1 : 1;
  if (a->note != b->note)
    return a->note < b->note ? -1 : 1;

  return 0;
}


static void
heap_sift_down (Heap  *heap,
                guint  i)
{
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, worst = i;
      Candidate tmp;

      if (l < heap->len && compare_candidates (&heap->items[l], &heap->items[worst]) > 0)
        worst = l;
      if (r < heap->len && compare_candidates (&heap->items[r], &heap->items[worst]) > 0)
        worst = r;
      if (worst == i)
        return;

      tmp = heap->items[i];
      heap->items[i] = heap->items[worst];
      heap->items[worst] = tmp;
      i = worst;
    }
}

void
_sheaf_fuzzy_heap_offer (Heap            *heap,
                         const Candidate *candidate)
{
  if (heap->len < heap->max)
    {
      guint i = heap->len++;

      heap->items[i] = *candidate;
      while (i > 0)
        {
          guint parent = (i - 1) / 2;
          Candidate tmp;

          if (compare_candidates (&heap->items[i], &heap->items[parent]) <= 0)
            break;
          tmp = heap->items[i];
          heap->items[i] = heap->items[parent];
          heap->items[parent] = tmp;
          i = parent;
        }
      return;
    }

  if (compare_candidates (candidate, &heap->items[0]) < 0)
    {
      heap->items[0] = *candidate;
      heap_sift_down (heap, 0);
    }
}

static int
compare_candidates_qsort (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  return compare_candidates (a, b);
}

/* Best first. */
void
_sheaf_fuzzy_heap_sort (Heap *heap)
{
  g_qsort_with_data (heap->items, heap->len, sizeof (Candidate), compare_candidates_qsort, NULL);
}

/* < 0, 0 or > 0 as @key sorts before the keys that start with @full, starts
 * with it, or sorts after them. */
static inline int
compare_prefix (const char *key,
                guint       key_len,
                const char *full,
                guint       full_len)
{
  int cmp = memcmp (key, full, MIN (key_len, full_len));

  if (cmp != 0)
    return cmp;

  return key_len < full_len ? -1 : 0;
}

/* First position in by_key whose key compares (compare_prefix) above @above. */
static guint
search_keys (SheafFuzzyIndex *index,
             const char      *full,
             guint            full_len,
             int              above)
{
  const Entry *entries = (const Entry *)(gpointer)index->entries->data;
  guint lo = 0, hi = index->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const Entry *entry = &entries[index->by_key[mid].entry];

      if (compare_prefix (index->keys->str + entry->key, entry->key_len, full, full_len) <= above)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Exact and prefix matches: the keys that start with @full, a range of
 * by_key. Offers each such note once, from its best key, and stamps it so
 * the scan leaves it alone. Returns how many notes were offered. */
guint
_sheaf_fuzzy_query_prefixes (SheafFuzzyMatcher *self,
                             const char        *full,
                             guint              full_len,
                             Heap              *heap)
{
  SheafFuzzyIndex *index = self->index;
  const Entry *entries = (const Entry *)(gpointer)index->entries->data;
  guint first = search_keys (index, full, full_len, -1);
  guint end = search_keys (index, full, full_len, 0);
  guint exact_end = first;

  /* stamp marks this query's exact and prefix notes, stamp + 1 its word-start ones */
  if (self->stamp >= G_MAXUINT32 - 2)
    {
      memset (self->stamps, 0, sizeof (guint32) * MAX (1, index->notes->len));
      self->stamp = 0;
    }
  self->stamp += 2;
  g_array_set_size (self->prefixed, 0);

  /* the keys equal to @full sort first in the range */
  while (exact_end < end && entries[index->by_key[exact_end].entry].key_len == full_len)
    exact_end++;

  for (guint i = first; i < end; i++)
    {
      guint32 note = index->by_key[i].note;

      if (self->stamps[note] != self->stamp)
        {
          self->stamps[note] = self->stamp;
          self->prefix_best[note] = i;
          g_array_append_val (self->prefixed, note);
        }
      else
        {
          guint best = self->prefix_best[note];

          /* as a scan in entry order would pick: the better kind (an exact
           * key comes first, so @best already is one if @i is), then the
           * earlier key */
          if ((best < exact_end) == (i < exact_end) &&
              index->by_key[i].entry < index->by_key[best].entry)
            self->prefix_best[note] = i;
        }
    }

  for (guint i = 0; i < self->prefixed->len; i++)
    {
      Candidate candidate;
      guint best;

      candidate.note = g_array_index (self->prefixed, guint32, i);
      best = self->prefix_best[candidate.note];
      candidate.entry = index->by_key[best].entry;
      candidate.kind = best < exact_end ? SHEAF_FUZZY_EXACT : SHEAF_FUZZY_PREFIX;
      candidate.span = full_len;
      candidate.recent = self->ranks[candidate.note];
      _sheaf_fuzzy_heap_offer (heap, &candidate);
    }

  return self->prefixed->len;
}

/* Whether no note but a recent one can still enter @heap with a match of
 * @kind: the worst kept is a better kind, or of that kind, recent or already
 * as tight as a match of @min_span bytes can be. A later note loses every
 * remaining tie, since notes are scanned in tie order. */
static inline gboolean
heap_closed (const Heap *heap,
             guint8      kind,
             guint       min_span)
{
  const Candidate *worst = &heap->items[0];

  if (heap->len < heap->max)
    return FALSE;

  return worst->kind < kind ||
         (worst->kind == kind && (worst->recent != NOT_RECENT || worst->span <= min_span));
}

static inline void
offer_best (SheafFuzzyMatcher *self,
            Heap              *heap,
            Candidate         *best,
            guint32            mark)
{
  if (best->kind == KIND_NONE)
    return;

  _sheaf_fuzzy_heap_offer (heap, best);
  self->stamps[best->note] = mark;
  best->kind = KIND_NONE;
}

/* Whether key @e matches @q at word starts, and how tightly. */
static inline gboolean
eval_word_start (SheafFuzzyIndex *index,
                 guint32          e,
                 const char      *q,
                 guint            qlen,
                 gboolean         exact_mask,
                 guint           *span)
{
  const Entry *entry = &g_array_index (index->entries, Entry, e);
  const char *key = index->keys->str + entry->key;
  guint pos[MAX_QUERY + 1];

  if (exact_mask)
    *span = 1;
  else if (entry->key_len <= 64 && qlen <= MAX_BITS_QUERY
           ? match_word_starts_bits (key, entry->key_len,
                                     g_array_index (index->word_bits, guint64, e), q, qlen, pos)
           : _sheaf_fuzzy_match_word_starts (key, entry->key_len, q, qlen, pos))
    *span = pos[qlen - 1] - pos[0] + 1;
  else
    return FALSE;

  return TRUE;
}

/* Whether key @e holds @q in order, and how tightly. */
static inline gboolean
eval_subsequence (SheafFuzzyIndex *index,
                  guint32          e,
                  const char      *q,
                  guint            qlen,
                  gboolean         exact_mask,
                  guint           *span)
{
  const Entry *entry = &g_array_index (index->entries, Entry, e);
  const char *key = index->keys->str + entry->key;
  guint pos[MAX_QUERY + 1];

  if (exact_mask)
    *span = 1;
  else if (entry->key_len < qlen)
    return FALSE;
  else if (entry->key_len <= 64 && qlen <= MAX_BITS_QUERY)
    return match_compact_bits (key, entry->key_len, q, qlen, span);
  else if (is_subsequence (key, entry->key_len, q, qlen))
    *span = _sheaf_fuzzy_match_compact (key, entry->key_len, q, qlen, pos);
  else
    return FALSE;

  return TRUE;
}

/* Once only recent notes can still enter the heap (heap_closed()), a tier
 * looks at their keys alone, straight from the index, rather than walking
 * what is left of its list to reach them. */
static void
offer_recent_rest (SheafFuzzyMatcher *self,
                   Heap              *heap,
                   guint32            from,
                   guint8             kind,
                   const char        *q,
                   guint              qlen,
                   gboolean           exact_mask)
{
  SheafFuzzyIndex *index = self->index;
  const guint64 *masks = (const guint64 *)(gpointer)index->masks->data;
  const guint64 *starts = (const guint64 *)(gpointer)index->starts->data;
  guint64 qmask = bytes_mask (q, qlen);
  guint64 first_bit = byte_bit (q[0]);

  for (guint i = 0; i < self->recent_notes->len; i++)
    {
      guint32 note = g_array_index (self->recent_notes, guint32, i);
      Candidate best = { 0 };

      /* before @from, or offered already with a better kind of match */
      if (note < from || self->stamps[note] == self->stamp ||
          (kind == SHEAF_FUZZY_SUBSEQUENCE && self->stamps[note] > self->stamp))
        continue;

      best.kind = KIND_NONE;
      best.note = note;
      for (guint32 e = index->note_entries[note]; e < index->note_entries[note + 1]; e++)
        {
          gboolean matched;
          guint span;

          if ((qmask & ~masks[e]) != 0)
            continue;
          if (kind == SHEAF_FUZZY_WORD_START)
            matched = (starts[e] & first_bit) != 0 &&
                      eval_word_start (index, e, q, qlen, exact_mask, &span);
          else
            matched = eval_subsequence (index, e, q, qlen, exact_mask, &span);

          if (matched && (best.kind == KIND_NONE || span < best.span))
            {
              best.entry = e;
              best.kind = kind;
              best.span = span;
              best.recent = self->ranks[note];
            }
        }
      offer_best (self, heap, &best, self->stamp + 1);
    }
}

/* Word-start, then subsequence matches, for the notes without an exact or
 * prefix one. Each tier runs only while the better ones leave the heap short
 * of N notes, and looks only at the keys that can match it: the word-start
 * tier at the keys where q[0] starts a word, the subsequence tier (rarely
 * reached by a short query) at the rest. */
void
_sheaf_fuzzy_query_scan (SheafFuzzyMatcher *self,
                         const char        *q,
                         guint              qlen,
                         Heap              *heap)
{
  SheafFuzzyIndex *index = self->index;
  const Entry *entries = (const Entry *)(gpointer)index->entries->data;
  const guint64 *masks = (const guint64 *)(gpointer)index->masks->data;
  const guint64 *starts = (const guint64 *)(gpointer)index->starts->data;
  const char *keys = index->keys->str;
  const guint32 *source = NULL;
  guint n_entries = index->entries->len, n_source = 0, from = 0;
  guint n_kept = 0, n_candidates = 0, n_matched = 0, at;
  guint32 *kept, *candidates;
  GArray *survivors;
  guint64 qmask = bytes_mask (q, qlen);
  guint64 first_bit = byte_bit (q[0]);
  /* one letter or digit: the masks alone say where it is and whether it starts a word */
  gboolean exact_mask = qlen == 1 && g_ascii_isalnum (q[0]);
  Candidate best = { 0 };

  /* A longer query matches a subset of what its prefix matched: the
   * survivors, and the keys from self->tail on, not looked at yet. */
  if (self->last != NULL && g_str_has_prefix (q, self->last))
    {
      source = (const guint32 *)(gpointer)self->survivors->data;
      n_source = self->survivors->len;
      from = self->tail;
    }

  /* The keys that hold every byte of @q: a superset of its matches, and what
   * a longer query starts from. Written without a branch on the test, which
   * about half the keys pass for a short query: a branch would mispredict. */
  survivors = self->scratch;
  g_array_set_size (survivors, n_source + (n_entries - from));
  kept = (guint32 *)(gpointer)survivors->data;
  for (guint i = 0; i < n_source; i++)
    {
      kept[n_kept] = source[i];
      n_kept += (qmask & ~masks[source[i]]) == 0;
    }
  for (guint32 e = from; e < n_entries; e++)
    {
      kept[n_kept] = e;
      n_kept += (qmask & ~masks[e]) == 0;
    }
  g_array_set_size (survivors, n_kept);
  self->scratch = self->survivors;
  self->survivors = survivors;
  self->tail = n_entries;
  g_free (self->last);
  self->last = g_strdup (q);

  /* Word starts: only where q[0] starts a word. A note's keys are adjacent,
   * so its best key is offered when the next note's keys begin. */
  g_array_set_size (self->candidates, n_kept);
  candidates = (guint32 *)(gpointer)self->candidates->data;
  for (guint i = 0; i < n_kept; i++)
    {
      candidates[n_candidates] = kept[i];
      n_candidates += (starts[kept[i]] & first_bit) != 0;
    }

  best.kind = KIND_NONE;
  for (guint i = 0; i < n_candidates; i++)
    {
      guint32 e = candidates[i];
      const Entry *entry = &entries[e];
      guint span;

      if (entry->note != best.note)
        {
          offer_best (self, heap, &best, self->stamp + 1);
          if (heap_closed (heap, SHEAF_FUZZY_WORD_START, qlen))
            {
              offer_recent_rest (self, heap, entry->note, SHEAF_FUZZY_WORD_START, q, qlen,
                                 exact_mask);
              break;
            }
        }
      best.note = entry->note;

      /* already offered with an exact or prefix match */
      if (self->stamps[entry->note] == self->stamp ||
          !eval_word_start (index, e, q, qlen, exact_mask, &span))
        continue;

      if (best.kind == KIND_NONE || span < best.span)
        {
          best.entry = e;
          best.kind = SHEAF_FUZZY_WORD_START;
          best.span = span;
          best.recent = self->ranks[entry->note];
        }
    }
  offer_best (self, heap, &best, self->stamp + 1);

  if (heap->len == heap->max)
    return;

  /* Subsequences, for the notes left: only when fewer than N notes match
   * better. The keys found not to match leave the survivors on the way, so
   * a longer query that also gets here has fewer to look at. */
  best.note = G_MAXUINT32;
  for (at = 0; at < n_kept; at++)
    {
      guint32 e = kept[at];
      const Entry *entry = &entries[e];
      guint span;

      if (entry->note != best.note)
        {
          offer_best (self, heap, &best, self->stamp + 1);
          if (heap_closed (heap, SHEAF_FUZZY_SUBSEQUENCE, qlen))
            {
              offer_recent_rest (self, heap, entry->note, SHEAF_FUZZY_SUBSEQUENCE, q, qlen,
                                 exact_mask);
              break;
            }
        }
      best.note = entry->note;

      /* already offered with a better kind of match: not tested, so kept */
      if (self->stamps[entry->note] >= self->stamp)
        {
          kept[n_matched++] = e;
          continue;
        }

      if (exact_mask)
        span = 1;
      else if (entry->key_len < qlen)
        continue;
      else if (entry->key_len <= 64 && qlen <= MAX_BITS_QUERY)
        {
          if (!match_compact_bits (keys + entry->key, entry->key_len, q, qlen, &span))
            continue;
        }
      else if (!eval_subsequence (index, e, q, qlen, exact_mask, &span))
        continue;

      kept[n_matched++] = e;
      if (best.kind == KIND_NONE || span < best.span)
        {
          best.entry = e;
          best.kind = SHEAF_FUZZY_SUBSEQUENCE;
          best.span = span;
          best.recent = self->ranks[entry->note];
        }
    }
  offer_best (self, heap, &best, self->stamp + 1);

  /* after an early stop, the keys not looked at stay survivors */
  memmove (kept + n_matched, kept + at, sizeof (guint32) * (n_kept - at));
  g_array_set_size (self->survivors, n_matched + (n_kept - at));
}

/* For a keystroke the exact and prefix matches answered alone: moves the
 * survivors on by at most NARROW_STEP keys, so that the first keystroke that
 * needs a scan does not start from every key. A query typed a letter at a
 * time is answered by prefixes for its first few keys; by then its
 * survivors are mostly worked out, a slice per keystroke. */
void
_sheaf_fuzzy_query_narrow (SheafFuzzyMatcher *self,
                           const char        *q,
                           guint              qlen)
{
  SheafFuzzyIndex *index = self->index;
  const Entry *entries = (const Entry *)(gpointer)index->entries->data;
  const guint64 *masks = (const guint64 *)(gpointer)index->masks->data;
  const char *keys = index->keys->str;
  guint n_entries = index->entries->len;
  guint end;
  guint64 qmask = bytes_mask (q, qlen);

  /* the survivors of a query @q does not extend say nothing about @q */
  if (self->last == NULL || !g_str_has_prefix (q, self->last))
    {
      g_array_set_size (self->survivors, 0);
      self->tail = 0;
    }
  g_free (self->last);
  self->last = g_strdup (q);

  end = MIN (n_entries, self->tail + self->narrow_step);
  for (guint32 e = self->tail; e < end; e++)
    {
      const Entry *entry = &entries[e];
      const char *key = keys + entry->key;

      if ((qmask & ~masks[e]) != 0 || entry->key_len < qlen)
        continue;
      if (entry->key_len <= 64 && qlen <= MAX_BITS_QUERY
          ? !is_subsequence_bits (key, entry->key_len, q, qlen)
          : !is_subsequence (key, entry->key_len, q, qlen))
        continue;

      g_array_append_val (self->survivors, e);
    }
  self->tail = end;
}
