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

/* How every keystroke stays within 5 ms for 100 000 notes (DESIGN.md §5),
 * whatever is typed, rather than on average:
 *
 * - every key (title, alias, path) is folded once, at build time, into one
 *   buffer; a query folds only itself;
 * - notes are stored in their tie order (shorter folded title, then path), so
 *   ranking compares integers and never touches a path, and the empty query's
 *   top N are simply the first N notes;
 * - exact and prefix matches, the two best kinds, are a range of the keys
 *   sorted once (by_key), found by binary search. A short query matches
 *   almost every key, but then it also starts at least N notes' keys, and the
 *   range alone is the answer: the other keys are never looked at;
 * - otherwise every key is scanned, through its 64-bit masks (bytes in the
 *   key, bytes that start a word) kept apart from the rest, so most keys cost
 *   8 bytes of memory and one AND; a one-letter query never reads a key;
 * - a key's bytes are read only while it could still make the top N (a
 *   bounded heap): once the heap holds N word-start matches, the subsequence
 *   test and its compactness are never computed;
 * - the scan keeps the keys whose masks hold the query, a superset of its
 *   matches (the subsequence tier drops the keys it finds not to match),
 *   and a query that extends that one scans only those;
 * - a keystroke the prefix range answers alone still narrows the survivors
 *   by a bounded slice of keys (NARROW_STEP), so that the first keystroke
 *   that does need a scan (a typo in a long query) does not start from
 *   every key;
 * - only the top N get their positions mapped back to the displayed text.
 *
 * Spaces in the query separate words for the eye only: the subsequence and
 * word-start tests ignore them, exact and prefix tests keep them. */

/* A note before its keys are added, so notes can be put in tie order first.
 * Its folded keys wait in one buffer, in the order the notes came. */
typedef struct
{
  NoteInfo info;
  guint32  order;      /* where the note came in @notes */
  guint32  first_key;  /* in the key offsets: title, aliases, path */
  guint32  n_keys;
} PendingNote;

/* A key's first KEY_HEAD_WORDS * 8 bytes as big-endian words, so most
 * comparisons of the sort stay in the record instead of chasing the key. */
#define KEY_HEAD_WORDS 2

typedef struct
{
  guint64 head[KEY_HEAD_WORDS];
  guint32 entry;
  guint32 note;
  guint32 len;
} KeyHead;

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
  guint64 mask = 0, starts = 0, word_bits = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint64 bit = byte_bit (key[i]);

      mask |= bit;
      if (is_word_start (key, i))
        {
          starts |= bit;
          if (i < 64)
            word_bits |= G_GUINT64_CONSTANT (1) << i;
        }
    }
  if (len > 64)
    word_bits = 0;  /* keys longer than 64 bytes take the byte-by-byte matchers */

  entry.key = self->keys->len;
  entry.note = note;
  entry.key_len = len;
  entry.field = field;
  entry.alias = alias;
  g_string_append_len (self->keys, key, len);
  g_string_append_c (self->keys, '\0');
  g_array_append_val (self->entries, entry);
  g_array_append_val (self->masks, mask);
  g_array_append_val (self->starts, starts);
  g_array_append_val (self->word_bits, word_bits);
}

static void
add_folded (GString    *folded,
            GArray     *offsets,
            const char *key)
{
  guint32 offset = folded->len;

  g_array_append_val (offsets, offset);
  g_string_append_len (folded, key, strlen (key) + 1);
}

static void
note_info_clear (gpointer data)
{
  NoteInfo *info = data;

  g_free (info->path);
  g_free (info->title);
  g_strfreev (info->aliases);
}

static int
compare_pending (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const PendingNote *pa = a, *pb = b;

  if (pa->info.title_len != pb->info.title_len)
    return pa->info.title_len < pb->info.title_len ? -1 : 1;

  return strcmp (pa->info.path, pb->info.path);
}

static void
key_head_init (KeyHead     *head,
               guint32      entry,
               const Entry *info,
               const char  *key,
               guint        len)
{
  /* keys hold no NUL, so a shorter key pads with bytes below any of its own */
  for (guint w = 0; w < KEY_HEAD_WORDS; w++)
    {
      guint64 word = 0;

      for (guint i = w * 8; i < w * 8 + 8; i++)
        word = word << 8 | (i < len ? (guchar)key[i] : 0);
      head->head[w] = word;
    }
  head->entry = entry;
  head->note = info->note;
  head->len = len;
}

static inline int
compare_key_heads (const KeyHead   *ka,
                   const KeyHead   *kb,
                   SheafFuzzyIndex *self)
{
  const guint skip = KEY_HEAD_WORDS * 8;

  for (guint w = 0; w < KEY_HEAD_WORDS; w++)
    if (ka->head[w] != kb->head[w])
      return ka->head[w] < kb->head[w] ? -1 : 1;

  if (ka->len > skip && kb->len > skip)
    {
      const Entry *ea = &g_array_index (self->entries, Entry, ka->entry);
      const Entry *eb = &g_array_index (self->entries, Entry, kb->entry);
      int cmp = memcmp (self->keys->str + ea->key + skip, self->keys->str + eb->key + skip,
                        MIN (ka->len, kb->len) - skip);

      if (cmp != 0)
        return cmp;
    }
  if (ka->len != kb->len)
    return ka->len < kb->len ? -1 : 1;

  return ka->entry < kb->entry ? -1 : ka->entry > kb->entry;
}

static int
compare_key_heads_qsort (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  return compare_key_heads (a, b, user_data);
}

static inline void
swap_key_heads (KeyHead *a,
                KeyHead *b)
{
  KeyHead tmp = *a;

  *a = *b;
  *b = tmp;
}

/* Quicksort with the comparison inlined: a sort through a comparison
 * callback spends most of its time calling it. No two heads compare equal
 * (the entry breaks ties). Too deep a recursion, from an unlucky split, hands
 * the range to g_qsort_with_data() to bound the worst case. */
static void
sort_key_heads (KeyHead         *heads,
                guint            n,
                guint            depth,
                SheafFuzzyIndex *self)
{
  while (n > 16)
    {
      guint mid = n / 2, i = 0, j = n - 1;
      KeyHead pivot;

      if (depth-- == 0)
        {
          g_qsort_with_data (heads, n, sizeof (KeyHead), compare_key_heads_qsort, self);
          return;
        }

      /* median of three as the pivot */
      if (compare_key_heads (&heads[mid], &heads[0], self) < 0)
        swap_key_heads (&heads[mid], &heads[0]);
      if (compare_key_heads (&heads[n - 1], &heads[0], self) < 0)
        swap_key_heads (&heads[n - 1], &heads[0]);
      if (compare_key_heads (&heads[n - 1], &heads[mid], self) < 0)
        swap_key_heads (&heads[n - 1], &heads[mid]);
      pivot = heads[mid];

      /* Hoare partition */
      for (;;)
        {
          while (compare_key_heads (&heads[i], &pivot, self) < 0)
            i++;
          while (compare_key_heads (&heads[j], &pivot, self) > 0)
            j--;
          if (i >= j)
            break;
          swap_key_heads (&heads[i++], &heads[j--]);
        }

      /* recurse into the smaller side, loop on the larger */
      if (j + 1 < n - j - 1)
        {
          sort_key_heads (heads, j + 1, depth, self);
          heads += j + 1;
          n -= j + 1;
        }
      else
        {
          sort_key_heads (heads + j + 1, n - j - 1, depth, self);
          n = j + 1;
        }
    }

  for (guint i = 1; i < n; i++)
    {
      KeyHead head = heads[i];
      guint j = i;

      for (; j > 0 && compare_key_heads (&head, &heads[j - 1], self) < 0; j--)
        heads[j] = heads[j - 1];
      heads[j] = head;
    }
}

/* Sorts the keys in two steps: a counting sort on their first two bytes,
 * then a comparison sort within each bucket, small enough to sort in cache. */
static void
sort_keys (SheafFuzzyIndex *self)
{
  const Entry *entries = (const Entry *)(gpointer)self->entries->data;
  guint n = self->entries->len;
  g_autofree KeyHead *sorted = g_new (KeyHead, MAX (n, 1));
  g_autofree guint *starts = g_new0 (guint, 65536 + 1);

  /* keys hold no NUL: a one-byte key sorts first in its first byte's buckets */
  for (guint32 e = 0; e < n; e++)
    {
      const guchar *key = (const guchar *)self->keys->str + entries[e].key;

      starts[(key[0] << 8 | (entries[e].key_len > 1 ? key[1] : 0)) + 1]++;
    }
  for (guint b = 0; b < 65536; b++)
    starts[b + 1] += starts[b];
  for (guint32 e = 0; e < n; e++)
    {
      const guchar *key = (const guchar *)self->keys->str + entries[e].key;
      guint b = key[0] << 8 | (entries[e].key_len > 1 ? key[1] : 0);

      key_head_init (&sorted[starts[b]++], e, &entries[e], (const char *)key, entries[e].key_len);
    }

  /* each bucket now ends where the next one starts */
  for (guint b = 0, first = 0; b < 65536; first = starts[b++])
    if (starts[b] - first > 1)
      sort_key_heads (sorted + first, starts[b] - first,
                      2 * g_bit_storage (starts[b] - first), self);

  self->by_key = g_new (KeyRef, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      self->by_key[i].entry = sorted[i].entry;
      self->by_key[i].note = sorted[i].note;
    }
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
  SheafFuzzyIndex *self;
  g_autoptr(GArray) pending = NULL;
  g_autoptr(GArray) key_offsets = NULL;
  g_autoptr(GString) folded = NULL;
  g_autofree char **paths = NULL;
  g_autofree guint32 *ranks = NULL;

  g_return_val_if_fail (notes != NULL, NULL);

  self = g_new0 (SheafFuzzyIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->notes = g_array_sized_new (FALSE, TRUE, sizeof (NoteInfo), notes->len);
  g_array_set_clear_func (self->notes, note_info_clear);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);

  pending = g_array_sized_new (FALSE, TRUE, sizeof (PendingNote), notes->len);
  folded = g_string_sized_new (notes->len * 64);
  key_offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint32), notes->len * 4);
  paths = g_new (char *, MAX (notes->len, 1));
  for (guint i = 0; i < notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, i);
      const char * const *aliases =
        sheaf_frontmatter_get_aliases (sheaf_note_get_frontmatter (note));
      g_autoptr(GPtrArray) shown = g_ptr_array_new ();
      g_autofree char *title_key = NULL;
      g_autofree char *path_key = NULL;
      PendingNote p = { 0 };

      p.info.path = paths[i] = g_strdup (sheaf_note_get_path (note));
      p.info.title = dup_nfc (sheaf_note_get_title (note));
      title_key = sheaf_text_key (p.info.title, -1);
      p.info.title_len = MIN (strlen (title_key), G_MAXUINT16);
      p.order = i;
      p.first_key = key_offsets->len;
      add_folded (folded, key_offsets, title_key);

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

          g_ptr_array_add (shown, alias);
          add_folded (folded, key_offsets, key);
        }
      g_ptr_array_add (shown, NULL);
      p.info.aliases = (char **)g_ptr_array_free (g_steal_pointer (&shown), FALSE);
      path_key = sheaf_text_path_key (p.info.path);
      add_folded (folded, key_offsets, path_key);
      p.n_keys = key_offsets->len - p.first_key;

      g_array_append_val (pending, p);
    }

  /* Notes in tie order: within a kind of match, the shorter title, then the path. */
  g_qsort_with_data (pending->data, pending->len, sizeof (PendingNote), compare_pending, NULL);

  /* sized once: growing arrays of 100 000s of keys would copy them and fault in pages twice */
  self->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), key_offsets->len);
  self->masks = g_array_sized_new (FALSE, FALSE, sizeof (guint64), key_offsets->len);
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (guint64), key_offsets->len);
  self->word_bits = g_array_sized_new (FALSE, FALSE, sizeof (guint64), key_offsets->len);
  self->keys = g_string_sized_new (folded->len + KEY_PADDING);
  ranks = g_new (guint32, MAX (notes->len, 1));
  self->note_entries = g_new (guint32, notes->len + 1);

  for (guint i = 0; i < pending->len; i++)
    {
      PendingNote *p = &g_array_index (pending, PendingNote, i);
      const guint32 *offsets = &g_array_index (key_offsets, guint32, p->first_key);

      self->note_entries[i] = self->entries->len;
      add_entry (self, i, SHEAF_FUZZY_FIELD_TITLE, 0, folded->str + offsets[0]);
      for (guint k = 1; k + 1 < p->n_keys; k++)
        add_entry (self, i, SHEAF_FUZZY_FIELD_ALIAS, k - 1, folded->str + offsets[k]);
      add_entry (self, i, SHEAF_FUZZY_FIELD_PATH, 0, folded->str + offsets[p->n_keys - 1]);

      /* the note's strings move over to self->notes */
      g_array_append_val (self->notes, p->info);
      ranks[p->order] = i;
    }
  self->note_entries[pending->len] = self->entries->len;

  /* the bitmap matchers read 64 bytes from a key, past its end */
  for (guint i = 0; i < KEY_PADDING; i++)
    g_string_append_c (self->keys, '\0');
  sort_keys (self);

  /* paths in the order they were made, which is the order they lie in memory */
  for (guint i = 0; i < notes->len; i++)
    g_hash_table_insert (self->by_path, paths[i], GUINT_TO_POINTER (ranks[i] + 1));

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
  g_free (self->by_key);
  g_free (self->note_entries);
  g_array_unref (self->starts);
  g_array_unref (self->word_bits);
  g_array_unref (self->masks);
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

/* An empty array of guint32 with room for @size, its memory touched. */
static GArray *
dup_key_array (guint size)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (guint32), MAX (size, 1));

  memset (array->data, 0, sizeof (guint32) * MAX (size, 1));

  return array;
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
  SheafFuzzyMatcher *self;
  guint n_notes;

  g_return_val_if_fail (index != NULL, NULL);

  n_notes = index->notes->len;
  self = g_new0 (SheafFuzzyMatcher, 1);
  self->index = sheaf_fuzzy_index_ref (index);
  /* Room for every key, touched now: no keystroke grows them, nor waits for
   * the kernel to fault their pages in (a millisecond or two for 400 000 keys). */
  self->survivors = dup_key_array (index->entries->len);
  self->scratch = dup_key_array (index->entries->len);
  self->candidates = dup_key_array (index->entries->len);
  self->prefixed = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->recent_notes = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->ranks = g_new (guint32, MAX (1, n_notes));
  for (guint i = 0; i < n_notes; i++)
    self->ranks[i] = NOT_RECENT;
  self->stamps = g_new0 (guint32, MAX (1, n_notes));
  self->narrow_step = NARROW_STEP;
  self->prefix_best = g_new (guint32, MAX (1, n_notes));

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
  g_array_unref (self->prefixed);
  g_array_unref (self->recent_notes);
  g_array_unref (self->candidates);
  g_free (self->ranks);
  g_free (self->stamps);
  g_free (self->prefix_best);
  g_free (self);
}

SheafFuzzyIndex *
sheaf_fuzzy_matcher_get_index (SheafFuzzyMatcher *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->index;
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  guint32 na = *(const guint32 *)a, nb = *(const guint32 *)b;

  return na < nb ? -1 : na > nb;
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
  g_array_set_size (self->recent_notes, 0);
  g_array_unref (marked);
}

/* The recent notes, then the others in tie order: the first N of those are
 * the top N, so nothing else is looked at. */
static void
query_empty (SheafFuzzyMatcher *self,
             GArray            *marked,
             Heap              *heap)
{
  guint n_notes = self->index->notes->len;
  guint offered = 0;

  for (guint i = 0; i < marked->len; i++)
    {
      Candidate candidate = { 0 };

      candidate.note = g_array_index (marked, guint32, i);
      candidate.recent = self->ranks[candidate.note];
      candidate.kind = SHEAF_FUZZY_RECENT;
      _sheaf_fuzzy_heap_offer (heap, &candidate);
    }

  for (guint32 i = 0; i < n_notes && offered < heap->max; i++)
    {
      Candidate candidate = { 0 };

      if (self->ranks[i] != NOT_RECENT)
        continue;

      candidate.note = i;
      candidate.recent = NOT_RECENT;
      candidate.kind = SHEAF_FUZZY_ANY;
      _sheaf_fuzzy_heap_offer (heap, &candidate);
      offered++;
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

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  index = self->index;
  heap.max = MIN (max_results, index->notes->len);
  if (heap.max == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_fuzzy_match_free);

  folded = sheaf_text_key (query, -1);
  full = g_strstrip (folded);
  full_len = strlen (full);
  for (guint i = 0; i < full_len && qlen < MAX_QUERY; i++)
    if (!g_ascii_isspace (full[i]))
      q[qlen++] = full[i];
  q[qlen] = '\0';

  marked = mark_recent (self, recent);
  g_array_append_vals (self->recent_notes, marked->data, marked->len);
  g_array_sort (self->recent_notes, compare_notes);
  heap.items = g_new (Candidate, heap.max);

  if (qlen == 0)
    {
      /* the survivors stay: they still hold for whatever extends their query */
      query_empty (self, marked, &heap);
    }
  else if (_sheaf_fuzzy_query_prefixes (self, full, full_len, &heap) < heap.max)
    _sheaf_fuzzy_query_scan (self, q, qlen, &heap);
  else
    _sheaf_fuzzy_query_narrow (self, q, qlen);

  unmark_recent (self, marked);
  _sheaf_fuzzy_heap_sort (&heap);

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
