/* sheaf-search.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-search"

/* memmem */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "sheaf-fold.h"
#include "sheaf-note.h"
#include "sheaf-search.h"
#include "sheaf-vault.h"

#define CONTEXT_MAX    240   /* bytes of context for a long line               */
#define CONTEXT_BEFORE  60   /* of which before the first match, at most       */
#define BATCH_RESULTS   32   /* results per batch …                            */
#define BATCH_FILES    512   /* … or files read, whichever comes first         */

/* What the UI hears about: batches as they are found, delivered through the
 * caller's main context and dropped there once the search is cancelled, so a
 * stale query never paints over a newer one (DESIGN.md §2.3). */
typedef struct
{
  gatomicrefcount       ref_count;
  SheafSearchBatchFunc  func;
  gpointer              data;
  GDestroyNotify        destroy;
} Sink;

typedef struct
{
  Sink         *sink;
  GCancellable *cancellable;
  GPtrArray    *results;
} Batch;

typedef struct
{
  GFile        *root;
  GPtrArray    *paths;      /* note paths, sorted */
  char         *needle;     /* the folded query */
  gsize         needle_len;
  gboolean      ascii;
  guint         max_notes;
  GMainContext *context;
  Sink         *sink;       /* nullable */
} Search;

typedef struct
{
  GPtrArray *results;
  gboolean   truncated;
} Outcome;

typedef struct
{
  GString     *lowered;
  SheafFolded  folded;
  GArray      *hits;        /* SheafSpan, source offsets */
} Scratch;

G_DEFINE_BOXED_TYPE (SheafSearchResult, sheaf_search_result,
                     sheaf_search_result_ref, sheaf_search_result_unref)

static Sink *
sink_ref (Sink *sink)
{
  g_atomic_ref_count_inc (&sink->ref_count);
  return sink;
}

static void
sink_unref (Sink *sink)
{
  if (sink == NULL || !g_atomic_ref_count_dec (&sink->ref_count))
    return;

  if (sink->destroy != NULL)
    sink->destroy (sink->data);
  g_free (sink);
}

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  sink_unref (batch->sink);
  g_clear_object (&batch->cancellable);
  g_ptr_array_unref (batch->results);
  g_free (batch);
}

static gboolean
batch_deliver (gpointer data)
{
  Batch *batch = data;

  if (!g_cancellable_is_cancelled (batch->cancellable))
    batch->sink->func (batch->results, batch->sink->data);

  return G_SOURCE_REMOVE;
}

static void
search_free (Search *search)
{
  g_clear_object (&search->root);
  g_clear_pointer (&search->paths, g_ptr_array_unref);
  g_free (search->needle);
  g_clear_pointer (&search->context, g_main_context_unref);
  sink_unref (search->sink);
  g_free (search);
}

static void
outcome_free (Outcome *outcome)
{
  g_ptr_array_unref (outcome->results);
  g_free (outcome);
}

static void
search_line_clear (SheafSearchLine *line)
{
  g_free (line->text);
  g_free (line->ranges);
}

static void
search_result_free (gpointer data)
{
  SheafSearchResult *self = data;

  g_free (self->path);
  for (guint i = 0; i < self->n_lines; i++)
    search_line_clear (&self->lines[i]);
  g_free (self->lines);
}

SheafSearchResult *
sheaf_search_result_ref (SheafSearchResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
sheaf_search_result_unref (SheafSearchResult *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, search_result_free);
}

/* The last line of the frontmatter block, fences included, or 0 when there is
 * none: DESIGN.md §3's rule, without parsing the YAML in between. */
static guint
frontmatter_last_line (const char *text,
                       gsize       len)
{
  gsize at = 0;
  guint line = 1;

  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    at = 3;

  if (!(len - at >= 4 && memcmp (text + at, "---", 3) == 0 &&
        (text[at + 3] == '\n' || (text[at + 3] == '\r' && at + 4 < len && text[at + 4] == '\n'))))
    return 0;

  while (at < len)
    {
      const char *nl = memchr (text + at, '\n', len - at);
      gsize end = nl != NULL ? (gsize)(nl - text) : len;
      gsize content_end = end > at && text[end - 1] == '\r' ? end - 1 : end;

      if (line > 1 && content_end - at == 3 &&
          (memcmp (text + at, "---", 3) == 0 || memcmp (text + at, "...", 3) == 0))
        return line;

      if (nl == NULL)
        break;
      at = end + 1;
      line++;
    }

  return 0;
}

static void
find_ascii (const char *hay,
            gsize       len,
            gsize       offset,
            Search     *search,
            GArray     *hits)
{
  gsize at = 0;

  while (at + search->needle_len <= len)
    {
      const char *found = memmem (hay + at, len - at, search->needle, search->needle_len);
      SheafSpan span;

      if (found == NULL)
        break;

      span.start = offset + (found - hay);
      span.end = span.start + search->needle_len;
      g_array_append_val (hits, span);
      at = span.end - offset;
    }
}

static void
find_folded (SheafFolded *folded,
             gsize        offset,
             Search      *search,
             GArray      *hits)
{
  const char *hay = folded->text->str;
  gsize len = folded->text->len;
  gsize at = 0;

  while (at + search->needle_len <= len)
    {
      const char *found = memmem (hay + at, len - at, search->needle, search->needle_len);
      gsize start;
      SheafSpan span;

      if (found == NULL)
        break;

      start = found - hay;
      if (sheaf_folded_to_source (folded, start, start + search->needle_len,
                                  &span.start, &span.end))
        {
          span.start += offset;
          span.end += offset;
          g_array_append_val (hits, span);
          at = start + search->needle_len;
        }
      else
        at = start + 1;
    }
}

/* Whether the character starting at @p can fold to something holding ASCII:
 * Latin letters with accents (U+00C0–U+024F, U+1E00–U+1EFF), combining marks
 * (U+0300–U+036F), the Kelvin and Ångström signs. Dashes, quotes, emoji and
 * other scripts never meet an ASCII needle, folded or not. */
static gboolean
folds_to_ascii (const guchar *p,
                gsize         left)
{
  switch (p[0])
    {
    case 0xC3: case 0xC4: case 0xC5: case 0xC6: case 0xC7: case 0xC8: case 0xC9:
    case 0xCC: case 0xCD:
      return TRUE;

    case 0xE1:
      return left >= 2 && p[1] >= 0xB8 && p[1] <= 0xBB;

    case 0xE2:
      return left >= 3 && p[1] == 0x84 && (p[2] == 0xAA || p[2] == 0xAB);

    default:
      return FALSE;
    }
}

/* The first byte at or after @at that needs folding, or @len: for an ASCII
 * needle a character from folds_to_ascii(), else any non-ASCII byte. */
static gsize
next_foldable (const char *text,
               gsize       at,
               gsize       len,
               gboolean    ascii_needle)
{
  for (;;)
    {
      while (at + 8 <= len)
        {
          guint64 word;

          memcpy (&word, text + at, 8);
          if (word & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          at += 8;
        }

      while (at < len && (guchar)text[at] < 0x80)
        at++;

      if (at >= len || !ascii_needle || folds_to_ascii ((const guchar *)text + at, len - at))
        return at;

      at++;
    }
}

/* Every match in @text, as source byte ranges. The file is lowered (ASCII
 * only) in one pass and searched in place, except the lines holding
 * characters that fold (next_foldable()), which are folded one by one with a
 * map back: notes are mostly ASCII with an odd "—" or "é", and folding whole
 * files was 6x slower. The needle holds no line break, so no match spans the
 * two kinds of line. */
static void
find_hits (const char *text,
           gsize       len,
           Search     *search,
           Scratch    *scratch)
{
  char *lowered;
  gsize at = 0;

  g_array_set_size (scratch->hits, 0);

  g_string_set_size (scratch->lowered, len);
  lowered = scratch->lowered->str;
  for (gsize i = 0; i < len; i++)
    {
      guchar c = text[i];

      lowered[i] = c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

  while (at < len)
    {
      gsize high = next_foldable (text, at, len, search->ascii);
      gsize ls = high, le;
      const char *nl;

      while (ls > at && text[ls - 1] != '\n')
        ls--;

      /* an ASCII needle can match in the lines before */
      if (search->ascii && ls > at)
        find_ascii (lowered + at, ls - at, at, search, scratch->hits);

      if (high >= len)
        break;

      nl = memchr (text + high, '\n', len - high);
      le = nl != NULL ? (gsize)(nl - text) : len;
      sheaf_fold_into (&scratch->folded, text + ls, le - ls, SHEAF_FOLD_STRIP_MARKS);
      find_folded (&scratch->folded, ls, search, scratch->hits);
      at = le;
    }
}

static void
make_line (SheafSearchLine *line,
           const char      *text,
           gsize            ls,
           gsize            le,
           const SheafSpan *hits,
           guint            n_hits)
{
  gsize ws = ls, we = le;
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (SheafSpan));

  if (le - ls > CONTEXT_MAX)
    {
      ws = hits[0].start > ls + CONTEXT_BEFORE ? hits[0].start - CONTEXT_BEFORE : ls;
      while (ws < le && ((guchar)text[ws] & 0xC0) == 0x80)
        ws++;
      we = MIN (le, ws + CONTEXT_MAX);
      while (we > ws && we < le && ((guchar)text[we] & 0xC0) == 0x80)
        we--;
    }

  line->offset = ws;
  line->text = g_utf8_make_valid (text + ws, we - ws);

  for (guint i = 0; i < n_hits; i++)
    {
      SheafSpan range;

      if (hits[i].start >= we || hits[i].end <= ws)
        continue;
      range.start = MAX (hits[i].start, ws) - ws;
      range.end = MIN (MIN (hits[i].end, we) - ws, strlen (line->text));
      if (range.end > range.start)
        g_array_append_val (ranges, range);
    }

  line->n_ranges = ranges->len;
  line->ranges = (SheafSpan *)(gpointer)g_array_free (ranges, FALSE);
}

/* Groups the hits by line. */
static SheafSearchResult *
make_result (const char *path,
             const char *text,
             gsize       len,
             GArray     *hits)
{
  SheafSearchResult *result = g_atomic_rc_box_new0 (SheafSearchResult);
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (SheafSearchLine));
  guint fm_last = frontmatter_last_line (text, len);
  const SheafSpan *h = (const SheafSpan *)(gpointer)hits->data;
  gsize ls = 0;
  guint line_no = 1;
  guint i = 0;

  result->path = g_strdup (path);
  result->n_matches = hits->len;

  while (i < hits->len && lines->len < SHEAF_SEARCH_MAX_LINES)
    {
      const char *nl;
      gsize le;
      guint first = i;
      SheafSearchLine line = { 0 };

      /* advance to the line holding this hit */
      while ((nl = memchr (text + ls, '\n', h[i].start - ls)) != NULL)
        {
          ls = nl - text + 1;
          line_no++;
        }

      nl = memchr (text + h[i].start, '\n', len - h[i].start);
      le = nl != NULL ? (gsize)(nl - text) : len;
      while (i < hits->len && h[i].start < le)
        i++;

      line.line = line_no;
      line.in_frontmatter = line_no <= fm_last;
      make_line (&line, text, ls, le > ls && text[le - 1] == '\r' ? le - 1 : le,
                 &h[first], i - first);
      g_array_append_val (lines, line);
    }

  result->n_lines = lines->len;
  result->lines = (SheafSearchLine *)(gpointer)g_array_free (lines, FALSE);

  return result;
}

/* Search never writes, so it needs no etag: a local file is read with one
 * open, fstat and read, as the index reads it (sheaf-note.c), not through
 * GIO's stream and its etag query. */
static gboolean
read_file (GFile         *file,
           GCancellable  *cancellable,
           char         **contents,
           gsize         *length)
{
  const char *local = g_file_peek_path (file);

  if (local != NULL)
    return g_file_get_contents (local, contents, length, NULL);

  return g_file_load_contents (file, cancellable, contents, length, NULL, NULL);
}

static void
flush (Search       *search,
       GCancellable *cancellable,
       GPtrArray    *pending)
{
  Batch *batch;
  GSource *source;

  if (pending->len == 0)
    return;

  if (search->sink == NULL)
    {
      g_ptr_array_set_size (pending, 0);
      return;
    }

  batch = g_new0 (Batch, 1);
  batch->sink = sink_ref (search->sink);
  batch->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  batch->results = g_ptr_array_copy (pending, (GCopyFunc)(void (*) (void))sheaf_search_result_ref, NULL);
  g_ptr_array_set_free_func (batch->results, (GDestroyNotify)sheaf_search_result_unref);
  g_ptr_array_set_size (pending, 0);

  /* Not g_main_context_invoke(): when no thread is iterating the context it
   * would call back right here, on the worker. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, batch_deliver, batch, batch_free);
  g_source_set_static_name (source, "[sheaf] search batch");
  g_source_attach (source, search->context);
  g_source_unref (source);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Search *search = task_data;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_search_result_unref);
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  Scratch scratch;
  Outcome *outcome;
  gboolean truncated = FALSE;
  guint since_flush = 0;

  scratch.lowered = g_string_new (NULL);
  sheaf_folded_init (&scratch.folded);
  scratch.hits = g_array_new (FALSE, FALSE, sizeof (SheafSpan));

  for (guint i = 0; i < search->paths->len; i++)
    {
      const char *path = g_ptr_array_index (search->paths, i);
      g_autoptr(GFile) file = NULL;
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      if (search->max_notes > 0 && results->len >= search->max_notes)
        {
          truncated = TRUE;
          break;
        }

      /* a note deleted since the snapshot is simply not found */
      file = g_file_resolve_relative_path (search->root, path);
      if (read_file (file, cancellable, &contents, &len))
        {
          find_hits (contents, len, search, &scratch);
          if (scratch.hits->len > 0)
            {
              SheafSearchResult *result = make_result (path, contents, len, scratch.hits);

              g_ptr_array_add (results, result);
              g_ptr_array_add (pending, result);
            }
        }

      if (pending->len >= BATCH_RESULTS || (++since_flush >= BATCH_FILES && pending->len > 0))
        {
          flush (search, cancellable, pending);
          since_flush = 0;
        }
    }

  flush (search, cancellable, pending);

  g_string_free (scratch.lowered, TRUE);
  sheaf_folded_clear (&scratch.folded);
  g_array_unref (scratch.hits);

  if (g_task_return_error_if_cancelled (task))
    return;

  outcome = g_new0 (Outcome, 1);
  outcome->results = g_steal_pointer (&results);
  outcome->truncated = truncated;
  g_task_return_pointer (task, outcome, (GDestroyNotify)outcome_free);
}

/**
 * sheaf_search_async:
 * @vault: a loaded vault
 * @query: the text to find; leading and trailing spaces are kept
 * @max_notes: stop after this many notes with matches, 0 for no limit
 * @cancellable: (nullable): cancel it when the query changes
 * @batch_func: (nullable) (scope notified): called with results as they come
 * @batch_data: data for @batch_func
 * @batch_data_destroy: (nullable): frees @batch_data, possibly on the worker
 * @callback: called once the whole vault was searched
 * @user_data: data for @callback
 *
 * Searches every note's file, frontmatter included (each line says whether it
 * is in the frontmatter), in a worker. The notes are those of @vault now;
 * each file is read as it is on disk when the worker reaches it.
 */
void
sheaf_search_async (SheafVault           *vault,
                    const char           *query,
                    guint                 max_notes,
                    GCancellable         *cancellable,
                    SheafSearchBatchFunc  batch_func,
                    gpointer              batch_data,
                    GDestroyNotify        batch_data_destroy,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  Search *search;

  g_return_if_fail (SHEAF_IS_VAULT (vault));
  g_return_if_fail (query != NULL);

  search = g_new0 (Search, 1);
  search->root = g_object_ref (sheaf_vault_get_root (vault));
  /* a match never spans lines: the needle stops at the first line break */
  search->needle = sheaf_fold_string (query, strcspn (query, "\r\n"), SHEAF_FOLD_STRIP_MARKS);
  search->needle_len = strlen (search->needle);
  search->ascii = TRUE;
  for (gsize i = 0; i < search->needle_len; i++)
    if ((guchar)search->needle[i] >= 0x80)
      search->ascii = FALSE;
  search->max_notes = max_notes;
  search->context = g_main_context_ref_thread_default ();
  search->paths = g_ptr_array_new_with_free_func (g_free);
  if (batch_func != NULL)
    {
      search->sink = g_new0 (Sink, 1);
      g_atomic_ref_count_init (&search->sink->ref_count);
      search->sink->func = batch_func;
      search->sink->data = batch_data;
      search->sink->destroy = batch_data_destroy;
    }
  else if (batch_data_destroy != NULL)
    batch_data_destroy (batch_data);

  /* an empty query finds nothing rather than everything */
  if (search->needle_len > 0)
    {
      notes = sheaf_vault_dup_notes (vault);
      for (guint i = 0; i < notes->len; i++)
        g_ptr_array_add (search->paths, g_strdup (sheaf_note_get_path (g_ptr_array_index (notes, i))));
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_search_async);
  g_task_set_task_data (task, search, (GDestroyNotify)search_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * sheaf_search_finish:
 * @result: the result given to the callback
 * @truncated: (out) (optional): set when @max_notes stopped the search early
 * @error: a location for a #GError; %G_IO_ERROR_CANCELLED when cancelled
 *
 * Returns: (transfer container) (element-type SheafSearchResult): every
 *   result, in path order
 */
GPtrArray *
sheaf_search_finish (GAsyncResult  *result,
                     gboolean      *truncated,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  Outcome *outcome;
  GPtrArray *results;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  outcome = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (outcome == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (truncated != NULL)
    *truncated = outcome->truncated;
  results = g_ptr_array_ref (outcome->results);
  outcome_free (outcome);

  return results;
}
