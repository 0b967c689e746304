/* sheaf-fuzzy.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-fuzzy"

#include "config.h"

#include <string.h>

#include "sheaf-frontmatter.h"
#include "sheaf-fuzzy-private.h"
#include "sheaf-note.h"
#include "sheaf-text.h"
#include "sheaf-vault.h"

/* How it stays within 5 ms for 100 000 notes (DESIGN.md §5):
 *
 * - every key (title, alias, path) is folded once, at build time, into one
 *   buffer; a query folds only itself;
 * - each key carries a 64-bit mask of the bytes it holds, so most keys are
 *   refused with one AND before their bytes are looked at;
 * - the subsequence test is memchr per query byte, with no allocation;
 * - a query that extends the previous one scans only the previous survivors;
 * - only the top N are kept (a bounded heap) and only they get their
 *   positions mapped back to the displayed text.
 *
 * Spaces in the query separate words for the eye only: the subsequence and
 * word-start tests ignore them, exact and prefix tests keep them. */

#define NOT_RECENT G_MAXUINT32

typedef struct
{
  guint64 mask;       /* bytes in the key                        */
  guint64 starts;     /* bytes that start a word in the key      */
  guint32 key;        /* offset of the folded key in keys        */
  guint32 note;
  guint16 key_len;
  guint8  field;
  guint8  alias;
  guint8  first;      /* the key's first byte: prefix tests without touching the key */
} Entry;

typedef struct
{
  char   *path;
  char   *title;      /* NFC, as shown */
  char  **aliases;    /* NFC, as shown; the ones with an entry */
  guint16 title_len;  /* of the folded title: "shorter title" ties */
} NoteInfo;

struct _SheafFuzzyIndex
{
  gatomicrefcount  ref_count;
  GArray          *notes;      /* NoteInfo, by path */
  GArray          *entries;    /* Entry, grouped by note: title, aliases, path */
  GString         *keys;
  GHashTable      *by_path;    /* path (borrowed) → note index + 1 */
};

struct _SheafFuzzyMatcher
{
  SheafFuzzyIndex *index;
  char            *last;       /* the last query's subsequence bytes */
  GArray          *survivors;  /* guint32 entries that matched @last */
  GArray          *scratch;
  guint32         *ranks;      /* per note: rank in this query's recent list */
};

typedef struct
{
  guint32 entry;
  guint32 note;
  guint32 span;
  guint32 recent;     /* rank in the recent list, NOT_RECENT otherwise */
  guint16 title_len;  /* copied from the note: comparisons stay in the heap's memory */
  guint8  kind;
} Candidate;

#define KIND_NONE 0xFF  /* cannot make the top N: not classified further */

G_DEFINE_BOXED_TYPE (SheafFuzzyIndex, sheaf_fuzzy_index, sheaf_fuzzy_index_ref, sheaf_fuzzy_index_unref)

static char *
dup_nfc (const char *text)
{
  g_autofree char *valid = NULL;

  if (is_ascii (text))
    return g_strdup (text);

  valid = g_utf8_make_valid (text, -1);

  return g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
}

static void
add_entry (SheafFuzzyIndex *self,
           guint            note,
           SheafFuzzyField  field,
           guint            alias,
           const char      *key)
{
  Entry entry;
  gsize len = MIN (strlen (key), G_MAXUINT16);

  entry.mask = bytes_mask (key, len);
  entry.starts = 0;
  for (gsize i = 0; i < len; i++)
    if (i == 0 || !is_word_byte (key[i - 1]))
      entry.starts |= byte_bit (key[i]);
  entry.first = key[0];
  entry.key = self->keys->len;
  entry.note = note;
  entry.key_len = len;
  entry.field = field;
  entry.alias = alias;
  g_string_append_len (self->keys, key, len);
  g_string_append_c (self->keys, '\0');
  g_array_append_val (self->entries, entry);
}

static void
note_info_clear (gpointer data)
{
  NoteInfo *info = data;

  g_free (info->path);
  g_free (info->title);
  g_strfreev (info->aliases);
}

/**
 * sheaf_fuzzy_index_new:
 * @notes: (element-type SheafNote): a snapshot of the vault's notes
 *
 * Folds every title, alias and path. Reads only immutable note facts, so it
 * may run in a worker on a snapshot taken on the main thread.
 *
 * Returns: (transfer full): the index
 */
SheafFuzzyIndex *
sheaf_fuzzy_index_new (GPtrArray *notes)
{
  SheafFuzzyIndex *self = g_new0 (SheafFuzzyIndex, 1);

  g_return_val_if_fail (notes != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->notes = g_array_sized_new (FALSE, TRUE, sizeof (NoteInfo), notes->len);
  g_array_set_clear_func (self->notes, note_info_clear);
  self->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), notes->len * 3);
  self->keys = g_string_sized_new (notes->len * 64);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, i);
      const char * const *aliases =
        sheaf_frontmatter_get_aliases (sheaf_note_get_frontmatter (note));
      g_autoptr(GPtrArray) shown = g_ptr_array_new ();
      g_autofree char *title_key = NULL;
      g_autofree char *path_key = NULL;
      NoteInfo info = { 0 };
      guint index = self->notes->len;

      info.path = g_strdup (sheaf_note_get_path (note));
      info.title = dup_nfc (sheaf_note_get_title (note));
      title_key = sheaf_text_key (info.title, -1);
      info.title_len = MIN (strlen (title_key), G_MAXUINT16);
      add_entry (self, index, SHEAF_FUZZY_FIELD_TITLE, 0, title_key);

      for (guint a = 0; aliases != NULL && aliases[a] != NULL && shown->len < G_MAXUINT8; a++)
        {
          char *alias = dup_nfc (aliases[a]);
          g_autofree char *key = sheaf_text_key (alias, -1);

          /* an alias that only repeats the title would list the note twice */
          if (key[0] == '\0' || strcmp (key, title_key) == 0)
            {
              g_free (alias);
              continue;
            }

          add_entry (self, index, SHEAF_FUZZY_FIELD_ALIAS, shown->len, key);
          g_ptr_array_add (shown, alias);
        }
      g_ptr_array_add (shown, NULL);
      info.aliases = (char **)g_ptr_array_free (g_steal_pointer (&shown), FALSE);

      path_key = sheaf_text_path_key (info.path);
      add_entry (self, index, SHEAF_FUZZY_FIELD_PATH, 0, path_key);

      g_array_append_val (self->notes, info);
    }

  /* the keys' paths point into the notes array, complete only now */
  for (guint i = 0; i < self->notes->len; i++)
    g_hash_table_insert (self->by_path, g_array_index (self->notes, NoteInfo, i).path,
                         GUINT_TO_POINTER (i + 1));

  return self;
}

static void
index_new_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, sheaf_fuzzy_index_new (task_data),
                         (GDestroyNotify)sheaf_fuzzy_index_unref);
}

/**
 * sheaf_fuzzy_index_new_async:
 * @vault: a loaded vault
 *
 * Takes a snapshot of @vault's notes now, on the calling (main) thread, and
 * builds the index from it in a worker. Call again when the vault changes; a
 * newer index simply replaces the older one.
 */
void
sheaf_fuzzy_index_new_async (SheafVault          *vault,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SHEAF_IS_VAULT (vault));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_fuzzy_index_new_async);
  g_task_set_task_data (task, sheaf_vault_dup_notes (vault), (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, index_new_thread);
}

/**
 * sheaf_fuzzy_index_new_finish:
 *
 * Returns: (transfer full) (nullable): the index
 */
SheafFuzzyIndex *
sheaf_fuzzy_index_new_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

SheafFuzzyIndex *
sheaf_fuzzy_index_ref (SheafFuzzyIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
sheaf_fuzzy_index_unref (SheafFuzzyIndex *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->by_path);
  g_array_unref (self->entries);
  g_array_unref (self->notes);
  g_string_free (self->keys, TRUE);
  g_free (self);
}

guint
sheaf_fuzzy_index_get_n_notes (SheafFuzzyIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->notes->len;
}

guint
sheaf_fuzzy_index_get_n_keys (SheafFuzzyIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

/* < 0 when @a ranks before @b. */
static int
compare_candidates (SheafFuzzyIndex *index,
                    const Candidate *a,
                    const Candidate *b)
{
  const NoteInfo *na, *nb;

  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->recent != b->recent)
    return a->recent < b->recent ? -1 : 1;
  if (a->span != b->span)
    return a->span < b->span ? -1 : 1;
  if (a->title_len != b->title_len)
    return a->title_len < b->title_len ? -1 : 1;
  if (a->note == b->note)
    return 0;

  na = &g_array_index (index->notes, NoteInfo, a->note);
  nb = &g_array_index (index->notes, NoteInfo, b->note);

  return strcmp (na->path, nb->path);
}

/* A bounded max-heap: the worst kept candidate on top, replaced by better ones. */
typedef struct
{
  SheafFuzzyIndex *index;
  Candidate       *items;
  guint            len;
  guint            max;
} Heap;

static void
heap_sift_down (Heap  *heap,
                guint  i)
{
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, worst = i;
      Candidate tmp;

      if (l < heap->len && compare_candidates (heap->index, &heap->items[l], &heap->items[worst]) > 0)
        worst = l;
      if (r < heap->len && compare_candidates (heap->index, &heap->items[r], &heap->items[worst]) > 0)
        worst = r;
      if (worst == i)
        return;

      tmp = heap->items[i];
      heap->items[i] = heap->items[worst];
      heap->items[worst] = tmp;
      i = worst;
    }
}

static void
heap_offer (Heap            *heap,
            const Candidate *candidate)
{
  if (heap->max == 0)
    return;

  if (heap->len < heap->max)
    {
      guint i = heap->len++;

      heap->items[i] = *candidate;
      while (i > 0)
        {
          guint parent = (i - 1) / 2;
          Candidate tmp;

          if (compare_candidates (heap->index, &heap->items[i], &heap->items[parent]) <= 0)
            break;
          tmp = heap->items[i];
          heap->items[i] = heap->items[parent];
          heap->items[parent] = tmp;
          i = parent;
        }
      return;
    }

  if (compare_candidates (heap->index, candidate, &heap->items[0]) < 0)
    {
      heap->items[0] = *candidate;
      heap_sift_down (heap, 0);
    }
}

static int
compare_candidates_qsort (gconstpointer a,
                          gconstpointer b,
                          gpointer      index)
{
  return compare_candidates (index, a, b);
}

static SheafFuzzyMatch *
make_match (SheafFuzzyIndex *index,
            const Candidate *candidate,
            const char      *full,
            guint            full_len,
            const char      *q,
            guint            qlen)
{
  const NoteInfo *info = &g_array_index (index->notes, NoteInfo, candidate->note);
  SheafFuzzyMatch *match = g_new0 (SheafFuzzyMatch, 1);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  guint key_pos[MAX_QUERY + 1];

  match->path = g_strdup (info->path);
  match->title = g_strdup (info->title);
  match->kind = candidate->kind;
  match->recent = candidate->recent != NOT_RECENT;
  match->alias_index = -1;
  match->field = SHEAF_FUZZY_FIELD_TITLE;
  match->text = g_strdup (info->title);

  if (candidate->kind < SHEAF_FUZZY_RECENT)
    {
      const Entry *entry = &g_array_index (index->entries, Entry, candidate->entry);
      const char *key = index->keys->str + entry->key;
      guint span;

      match->field = entry->field;
      if (entry->field == SHEAF_FUZZY_FIELD_ALIAS)
        {
          match->alias_index = entry->alias;
          g_free (match->text);
          match->text = g_strdup (info->aliases[entry->alias]);
        }
      else if (entry->field == SHEAF_FUZZY_FIELD_PATH)
        {
          g_free (match->text);
          match->text = g_strdup (info->path);
        }

      if (_sheaf_fuzzy_classify (key, entry->key_len, full, full_len, q, qlen, &span, key_pos) <=
          SHEAF_FUZZY_PREFIX)
        {
          /* the query as typed, spaces included, is the matched prefix */
          for (guint i = 0; i < MIN (full_len, MAX_QUERY); i++)
            key_pos[i] = i;
          _sheaf_fuzzy_map_positions (match->text, key_pos, MIN (full_len, MAX_QUERY), positions);
        }
      else
        _sheaf_fuzzy_map_positions (match->text, key_pos, qlen, positions);
    }

  match->n_positions = positions->len;
  match->positions = (guint *)(gpointer)g_array_free (g_steal_pointer (&positions), FALSE);

  return match;
}

/**
 * sheaf_fuzzy_matcher_new:
 * @index: the index to query
 *
 * Returns: (transfer full): a matcher for one switcher, used from one thread
 */
SheafFuzzyMatcher *
sheaf_fuzzy_matcher_new (SheafFuzzyIndex *index)
{
  SheafFuzzyMatcher *self = g_new0 (SheafFuzzyMatcher, 1);

  g_return_val_if_fail (index != NULL, NULL);

  self->index = sheaf_fuzzy_index_ref (index);
  self->survivors = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->ranks = g_new (guint32, MAX (1, index->notes->len));
  for (guint i = 0; i < index->notes->len; i++)
    self->ranks[i] = NOT_RECENT;

  return self;
}

void
sheaf_fuzzy_matcher_free (SheafFuzzyMatcher *self)
{
  if (self == NULL)
    return;

  sheaf_fuzzy_index_unref (self->index);
  g_free (self->last);
  g_array_unref (self->survivors);
  g_array_unref (self->scratch);
  g_free (self->ranks);
  g_free (self);
}

SheafFuzzyIndex *
sheaf_fuzzy_matcher_get_index (SheafFuzzyMatcher *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->index;
}

/* Marks the recent notes in self->ranks; returns them so they can be unmarked. */
static GArray *
mark_recent (SheafFuzzyMatcher  *self,
             const char * const *recent)
{
  GArray *marked = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      guint note = GPOINTER_TO_UINT (g_hash_table_lookup (self->index->by_path, recent[i]));

      if (note != 0 && self->ranks[note - 1] == NOT_RECENT)
        {
          guint32 n = note - 1;

          self->ranks[n] = i;
          g_array_append_val (marked, n);
        }
    }

  return marked;
}

static void
unmark_recent (SheafFuzzyMatcher *self,
               GArray            *marked)
{
  for (guint i = 0; i < marked->len; i++)
    self->ranks[g_array_index (marked, guint32, i)] = NOT_RECENT;
  g_array_unref (marked);
}

static void
query_empty (SheafFuzzyMatcher *self,
             Heap              *heap)
{
  for (guint32 i = 0; i < self->index->notes->len; i++)
    {
      Candidate candidate = { 0 };

      candidate.note = i;
      candidate.recent = self->ranks[i];
      candidate.title_len = g_array_index (self->index->notes, NoteInfo, i).title_len;
      candidate.kind = candidate.recent != NOT_RECENT ? SHEAF_FUZZY_RECENT : SHEAF_FUZZY_ANY;
      heap_offer (heap, &candidate);
    }
}

/**
 * sheaf_fuzzy_matcher_query:
 * @self: a matcher
 * @query: what was typed
 * @recent: (nullable) (array zero-terminated=1): paths of recently opened
 *   notes, the most recent first; they rank first within their kind of match
 * @max_results: how many to return
 *
 * Ranks every note by its best field: exact, then prefix, then word-start,
 * then subsequence by compactness; within a kind recent notes first, then
 * the tighter match, the shorter title and the path. An empty query lists the
 * recent notes, then the others.
 *
 * Returns: (transfer full) (element-type SheafFuzzyMatch): the best matches, best first
 */
GPtrArray *
sheaf_fuzzy_matcher_query (SheafFuzzyMatcher  *self,
                           const char         *query,
                           const char * const *recent,
                           guint               max_results)
{
  SheafFuzzyIndex *index;
  g_autofree char *folded = NULL;
  GArray *marked;
  char q[MAX_QUERY + 1];
  guint qlen = 0, full_len;
  const char *full;
  Heap heap = { 0 };
  GPtrArray *results;
  const Entry *entries;
  const NoteInfo *notes;
  const char *keys;
  const guint32 *source = NULL;
  guint32 *kept;
  guint n_source, n_kept = 0;
  guint64 qmask, first_bit;
  gboolean exact_mask;
  GArray *survivors;
  Candidate best = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (max_results == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_fuzzy_match_free);

  index = self->index;
  folded = sheaf_text_key (query, -1);
  full = g_strstrip (folded);
  full_len = strlen (full);
  for (guint i = 0; i < full_len && qlen < MAX_QUERY; i++)
    if (!g_ascii_isspace (full[i]))
      q[qlen++] = full[i];
  q[qlen] = '\0';

  marked = mark_recent (self, recent);
  heap.index = index;
  heap.max = max_results;
  heap.items = g_new (Candidate, MAX (1, max_results));

  if (qlen == 0)
    {
      g_clear_pointer (&self->last, g_free);
      g_array_set_size (self->survivors, 0);
      query_empty (self, &heap);
      goto out;
    }

  /* A longer query matches a subset of what its prefix matched. */
  if (self->last != NULL && g_str_has_prefix (q, self->last))
    {
      source = (const guint32 *)(gpointer)self->survivors->data;
      n_source = self->survivors->len;
    }
  else
    n_source = index->entries->len;

  survivors = self->scratch;
  g_array_set_size (survivors, n_source);
  kept = (guint32 *)(gpointer)survivors->data;
  entries = (const Entry *)(gpointer)index->entries->data;
  notes = (const NoteInfo *)(gpointer)index->notes->data;
  keys = index->keys->str;
  qmask = bytes_mask (q, qlen);
  first_bit = byte_bit (q[0]);
  exact_mask = qlen == 1 && g_ascii_isalnum (q[0]);
  best.kind = KIND_NONE;

  for (guint i = 0; i < n_source; i++)
    {
      guint32 e = source != NULL ? source[i] : i;
      const Entry *entry = &entries[e];
      const char *key = keys + entry->key;
      guint8 kind;
      guint span;

      /* one letter or digit: the mask alone says whether it is there */
      if ((qmask & ~entry->mask) != 0 || entry->key_len < qlen ||
          (!exact_mask && !is_subsequence (key, entry->key_len, q, qlen)))
        continue;

      kept[n_kept++] = e;

      /* A note's entries are adjacent: offer its best one when the note ends. */
      if (entry->note != best.note && best.kind != KIND_NONE)
        {
          heap_offer (&heap, &best);
          best.kind = KIND_NONE;
        }

      /* Exact and prefix cost a memcmp. The rest is only worked out while it
       * could still make the top N: once the heap is full of better kinds, most
       * of 100 000 keys stop here on the first keystrokes. */
      if (entry->key_len >= full_len && entry->first == (guchar)full[0] &&
          memcmp (key, full, full_len) == 0)
        {
          kind = entry->key_len == full_len ? SHEAF_FUZZY_EXACT : SHEAF_FUZZY_PREFIX;
          span = full_len;
        }
      else
        {
          guint pos[MAX_QUERY + 1];
          gboolean full_heap = heap.len == heap.max;
          guint8 worst = full_heap ? heap.items[0].kind : KIND_NONE;

          if (full_heap && worst < SHEAF_FUZZY_WORD_START)
            continue;

          if ((entry->starts & first_bit) != 0 &&
              _sheaf_fuzzy_match_word_starts (key, entry->key_len, q, qlen, pos))
            {
              kind = SHEAF_FUZZY_WORD_START;
              span = pos[qlen - 1] - pos[0] + 1;
            }
          else if (full_heap && worst < SHEAF_FUZZY_SUBSEQUENCE)
            continue;
          else
            {
              kind = SHEAF_FUZZY_SUBSEQUENCE;
              span = _sheaf_fuzzy_match_compact (key, entry->key_len, q, qlen, pos);
            }
        }

      if (best.kind == KIND_NONE || kind < best.kind || (kind == best.kind && span < best.span))
        {
          best.entry = e;
          best.note = entry->note;
          best.kind = kind;
          best.span = span;
          best.recent = self->ranks[entry->note];
          best.title_len = notes[entry->note].title_len;
        }
    }

  if (best.kind != KIND_NONE)
    heap_offer (&heap, &best);

  g_array_set_size (survivors, n_kept);
  self->scratch = self->survivors;
  self->survivors = survivors;
  g_free (self->last);
  self->last = g_strdup (q);

out:
  unmark_recent (self, marked);
  g_qsort_with_data (heap.items, heap.len, sizeof (Candidate), compare_candidates_qsort, index);

  results = g_ptr_array_new_full (heap.len, (GDestroyNotify)sheaf_fuzzy_match_free);
  for (guint i = 0; i < heap.len; i++)
    g_ptr_array_add (results, make_match (index, &heap.items[i], full, full_len, q, qlen));

  g_free (heap.items);

  return results;
}

void
sheaf_fuzzy_match_free (SheafFuzzyMatch *match)
{
  if (match == NULL)
    return;

  g_free (match->path);
  g_free (match->title);
  g_free (match->text);
  g_free (match->positions);
  g_free (match);
}

const char *
sheaf_fuzzy_kind_to_string (SheafFuzzyKind kind)
{
  static const char * const names[] = {
    "exact", "prefix", "word-start", "subsequence", "recent", "any",
  };

  g_return_val_if_fail (kind <= SHEAF_FUZZY_ANY, NULL);

  return names[kind];
}
