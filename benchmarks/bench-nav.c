/* bench-nav.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * sheaf-bench-nav — related-page navigation figures (DESIGN.md §5).
 *
 *   sheaf-bench-nav [VAULT] [--notes N] [--runs R] [--query Q] [--verbose]
 *
 * 1. Quick switcher: N (default 100 000) notes made in memory from word lists,
 *    each with a title and 1–3 aliases; realistic queries typed a key at a
 *    time through one matcher (as the switcher does), and again with a fresh
 *    matcher per keystroke (no narrowing): per-keystroke median, p95 and max,
 *    in wall and thread CPU time, against the 5 ms target and against the
 *    floor of a plain memchr subsequence scan over the same keys. --query
 *    runs one query of the list only (for a profiler).
 * 2. Backlinks: VAULT (default /tmp/sheaf-bench/vault-10000-seed1, made by
 *    sheaf-bench-generate) plus a hub note with 1 000 referrers, in a
 *    temporary vault that links VAULT in; sheaf_vault_dup_backlinks() first
 *    call (builds the table for the whole vault) and repeated calls.
 * 3. Full-text search and unlinked mentions over VAULT, against the floor of
 *    reading the same files.
 */

#define G_LOG_DOMAIN "sheaf-bench-nav"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sheaf-frontmatter.h"
#include "sheaf-fuzzy.h"
#include "sheaf-mentions.h"
#include "sheaf-note.h"
#include "sheaf-search.h"
#include "sheaf-text.h"
#include "sheaf-vault.h"

#define SWITCHER_TARGET_MS 5.0

static gboolean verbose;

static const char * const words[] = {
  "Analog", "Parallel", "Harmonic", "Dynamic", "Spectral", "Tonal", "Rhythmic", "Ambient",
  "Acoustic", "Digital", "Modular", "Vintage", "Modern", "Hybrid", "Linear", "Adaptive",
  "Compression", "Reverb", "Delay", "Saturation", "Equalizer", "Limiter", "Chorus", "Vocal",
  "Chain", "Bus", "Mastering", "Mixing", "Recording", "Drums", "Bass", "Guitar", "Synth",
  "Piano", "Strings", "Sidechain", "Gain", "Staging", "Headroom", "Loudness", "Stereo",
  "Imaging", "Panning", "Automation", "Workflow", "Template", "Session", "Routing", "Monitor",
  "Room", "Treatment", "Microphone", "Preamp", "Converter", "Plugin", "Preset", "Sampler",
  "Groove", "Tempo", "Arrangement", "Transition", "Texture", "Layering", "Sound", "Design",
  "Field", "Foley", "Podcast", "Film", "Score", "Orchestral", "Jazz", "Techno", "House",
  "Ambient", "Notes", "Guide", "Checklist", "Review", "Meeting", "Summary", "Ideas",
};

/* Typed a key at a time, so every prefix is a keystroke: one-letter queries
 * (p, v, e, m, j, z, s, x, r, 1, c, u), abbreviations, paths, digits and
 * queries that end up matching nothing; "uo" is the slowest kind there is:
 * "u" starts no word of the vocabulary, so it reaches the subsequence tier. */
static const char * const queries[] = {
  "parallel compression", "vocal chain", "eq", "mstr bus", "jazz piano notes", "zzqx",
  "sdchn", "xylophone", "room treatment", "vocal/ch", "12345", "café notes", "uo",
};

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return da < db ? -1 : da > db;
}

/* The @p quantile (0.5 median, 1 max) of @times, nearest rank. */
static double
quantile (GArray *times,
          double  p)
{
  g_autoptr(GArray) sorted = NULL;
  guint at;

  if (times->len == 0)
    return 0;

  sorted = g_array_copy (times);
  g_array_sort (sorted, compare_doubles);
  at = (guint)(p * times->len + 0.999999);
  at = CLAMP (at, 1, times->len) - 1;

  return g_array_index (sorted, double, at);
}

static double
median (GArray *times)
{
  return quantile (times, 0.5);
}

static double
maximum (GArray *times)
{
  return quantile (times, 1.0);
}

static GPtrArray *
make_notes (guint n)
{
  GPtrArray *notes = g_ptr_array_new_full (n, g_object_unref);
  GRand *rand = g_rand_new_with_seed (1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) title = g_string_new (NULL);
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      guint n_words = g_rand_int_range (rand, 2, 5);
      guint n_aliases = g_rand_int_range (rand, 1, 4);

      for (guint w = 0; w < n_words; w++)
        g_string_append_printf (title, "%s%s", w > 0 ? " " : "",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_printf (title, " %u", i);
      path = g_strdup_printf ("%s/%s.md", words[i % 24], title->str);

      g_string_assign (text, "---\naliases:\n");
      for (guint a = 0; a < n_aliases; a++)
        g_string_append_printf (text, "  - %s %s\n",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append (text, "---\n");
      bytes = g_bytes_new (text->str, text->len);
      g_ptr_array_add (notes, sheaf_note_new_for_bytes (path, bytes, NULL, SHEAF_NOTE_DEFAULT));
    }

  g_rand_free (rand);

  return notes;
}

/* The same keys the index holds: folded title, aliases and path. */
static GPtrArray *
make_keys (GPtrArray *notes)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, i);
      const char * const *aliases =
        sheaf_frontmatter_get_aliases (sheaf_note_get_frontmatter (note));

      g_ptr_array_add (keys, sheaf_text_key (sheaf_note_get_title (note), -1));
      for (guint a = 0; aliases != NULL && aliases[a] != NULL; a++)
        g_ptr_array_add (keys, sheaf_text_key (aliases[a], -1));
      g_ptr_array_add (keys, sheaf_text_path_key (sheaf_note_get_path (note)));
    }

  return keys;
}

/* The floor: which keys hold the typed bytes in order, by memchr, without
 * ranking, narrowing or allocating; what any fuzzy matcher that looks at
 * every key pays at least. */
static guint
floor_scan (GPtrArray  *keys,
            const char *typed)
{
  g_autofree char *folded = sheaf_text_key (typed, -1);
  char q[256];
  guint qlen = 0, found = 0;

  for (const char *p = folded; *p != '\0' && qlen < sizeof q; p++)
    if (!g_ascii_isspace (*p))
      q[qlen++] = *p;
  if (qlen == 0)
    return keys->len;

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      const char *end = key + strlen (key);
      guint j = 0;

      for (const char *at = key; j < qlen; j++, at++)
        if ((at = memchr (at, q[j], end - at)) == NULL)
          break;
      found += j == qlen;
    }

  return found;
}

typedef struct
{
  GArray *wall;    /* ms per keystroke */
  GArray *cpu;     /* ms of this thread's CPU per keystroke */
} Times;

static void
times_init (Times *times)
{
  times->wall = g_array_new (FALSE, FALSE, sizeof (double));
  times->cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
times_clear (Times *times)
{
  g_clear_pointer (&times->wall, g_array_unref);
  g_clear_pointer (&times->cpu, g_array_unref);
}

static void
times_add (Times  *times,
           gint64  start,
           double  cpu_start)
{
  double wall = ms_since (start), cpu = cpu_ms () - cpu_start;

  g_array_append_val (times->wall, wall);
  g_array_append_val (times->cpu, cpu);
}

static void
print_times (const char *what,
             Times      *times)
{
  g_print ("  %-34s %8.2f %8.2f %8.2f   %8.2f %8.2f %8.2f\n", what,
           median (times->wall), quantile (times->wall, 0.95), maximum (times->wall),
           median (times->cpu), quantile (times->cpu, 0.95), maximum (times->cpu));
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;

  return g_ascii_strtod (text, NULL);
}

static void
bench_switcher (guint       n_notes,
                guint       runs,
                const char *only)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(GPtrArray) recent = g_ptr_array_new ();
  Times all_narrow, all_fresh, all_floor;
  double worst_ms = 0;
  g_autofree char *worst_key = NULL;
  gint64 start;
  double build_ms;

  times_init (&all_narrow);
  times_init (&all_fresh);
  times_init (&all_floor);

  start = g_get_monotonic_time ();
  notes = make_notes (n_notes);
  keys = make_keys (notes);
  g_print ("switcher: made %u notes in memory in %.0f ms\n", n_notes, ms_since (start));

  start = g_get_monotonic_time ();
  index = sheaf_fuzzy_index_new (notes);
  build_ms = ms_since (start);
  g_print ("switcher: index of %u keys (titles, aliases, paths) built in %.0f ms (in a worker)\n",
           sheaf_fuzzy_index_get_n_keys (index), build_ms);

  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (recent, (gpointer)sheaf_note_get_path (g_ptr_array_index (notes, i * 997)));
  g_ptr_array_add (recent, NULL);

  g_print ("switcher: %u runs, 50 results per keystroke, load average %.2f before\n\n", runs,
           load_average ());
  g_print ("  %-22s %4s  %18s  %18s  %18s  %s\n", "query (typed key by key)", "keys",
           "narrow med / max", "fresh med / max", "floor med / max", "top result");

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      const char *query = queries[q];
      gsize len = strlen (query);
      Times narrow, fresh, floor;
      g_autoptr(GArray) per_key = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) per_key_cpu = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *top = NULL;

      if (only != NULL && strcmp (only, query) != 0)
        continue;

      times_init (&narrow);
      times_init (&fresh);
      times_init (&floor);

      for (guint r = 0; r < runs; r++)
        {
          g_autoptr(SheafFuzzyMatcher) matcher = sheaf_fuzzy_matcher_new (index);

          for (gsize k = 1; k <= len; k++)
            {
              g_autofree char *typed = g_strndup (query, k);
              g_autoptr(GPtrArray) results = NULL;
              double cpu;

              if ((query[k] & 0xC0) == 0x80)
                continue;  /* inside a UTF-8 character: not a keystroke */

              cpu = cpu_ms ();
              start = g_get_monotonic_time ();
              results = sheaf_fuzzy_matcher_query (matcher, typed,
                                                   (const char * const *)recent->pdata, 50);
              times_add (&narrow, start, cpu);
              times_add (&all_narrow, start, cpu);
              g_array_append_val (per_key,
                                  g_array_index (narrow.wall, double, narrow.wall->len - 1));
              g_array_append_val (per_key_cpu,
                                  g_array_index (narrow.cpu, double, narrow.cpu->len - 1));

              if (k == len && top == NULL)
                top = results->len > 0
                  ? g_strdup_printf ("%s (%s)", ((SheafFuzzyMatch *)results->pdata[0])->text,
                                     sheaf_fuzzy_kind_to_string (((SheafFuzzyMatch *)results->pdata[0])->kind))
                  : g_strdup ("(none)");
            }

          for (gsize k = 1; k <= len; k++)
            {
              g_autofree char *typed = g_strndup (query, k);
              g_autoptr(SheafFuzzyMatcher) once = NULL;
              g_autoptr(GPtrArray) results = NULL;
              volatile guint found;
              double cpu;

              if ((query[k] & 0xC0) == 0x80)
                continue;

              once = sheaf_fuzzy_matcher_new (index);
              cpu = cpu_ms ();
              start = g_get_monotonic_time ();
              results = sheaf_fuzzy_matcher_query (once, typed,
                                                   (const char * const *)recent->pdata, 50);
              times_add (&fresh, start, cpu);
              times_add (&all_fresh, start, cpu);

              cpu = cpu_ms ();
              start = g_get_monotonic_time ();
              found = floor_scan (keys, typed);
              times_add (&floor, start, cpu);
              times_add (&all_floor, start, cpu);
              (void)found;
            }
        }

      /* per keystroke, median over the runs (narrowing matcher) */
      {
        guint n_keys = per_key->len / runs;

        for (guint k = 0; k < n_keys; k++)
          {
            g_autoptr(GArray) at = g_array_new (FALSE, FALSE, sizeof (double));
            g_autoptr(GArray) at_cpu = g_array_new (FALSE, FALSE, sizeof (double));
            g_autofree char *typed = NULL;
            guint typed_len = 0;

            for (guint r = 0; r < runs; r++)
              {
                g_array_append_val (at, g_array_index (per_key, double, r * n_keys + k));
                g_array_append_val (at_cpu, g_array_index (per_key_cpu, double, r * n_keys + k));
              }
            for (guint c = 0; c <= k; c++)
              typed_len = g_utf8_next_char (query + typed_len) - query;
            typed = g_strndup (query, typed_len);

            if (median (at) > worst_ms)
              {
                worst_ms = median (at);
                g_free (worst_key);
                worst_key = g_strdup_printf ("\"%s\" (in \"%s\")", typed, query);
              }
            if (verbose)
              g_print ("    %-22s %6.2f ms median, %6.2f ms max; "
                       "cpu %6.2f ms median, %6.2f ms max\n",
                       typed, median (at), maximum (at), median (at_cpu), maximum (at_cpu));
          }
      }

      g_print ("  %-22s %4" G_GSIZE_FORMAT
               "  %7.2f / %6.2f ms  %7.2f / %6.2f ms  %7.2f / %6.2f ms  %s\n",
               query, len, median (narrow.wall), maximum (narrow.wall), median (fresh.wall),
               maximum (fresh.wall), median (floor.wall), maximum (floor.wall), top);

      times_clear (&narrow);
      times_clear (&fresh);
      times_clear (&floor);
    }

  g_print ("\n  per keystroke, all queries (ms)      wall: median    p95      max"
           "        cpu: median    p95      max\n");
  print_times ("switcher, typing (one matcher)", &all_narrow);
  print_times ("switcher, each keystroke fresh", &all_fresh);
  print_times ("floor: memchr scan of every key", &all_floor);
  g_print ("  slowest keystroke (median over runs): %s %.2f ms\n", worst_key ? worst_key : "-",
           worst_ms);
  g_print ("  load average %.2f after (CPUs shared: wall max includes preemption; cpu does not)\n",
           load_average ());
  g_print ("  target (DESIGN §5): <= %.0f ms per keystroke, %u notes: %s; typing p95 %.2f ms, "
           "max %.2f ms wall, %.2f ms cpu; %.2fx the floor's median\n\n",
           SWITCHER_TARGET_MS, n_notes,
           MAX (maximum (all_narrow.wall), maximum (all_fresh.wall)) <= SWITCHER_TARGET_MS
             ? "met, every keystroke"
             : MAX (maximum (all_narrow.cpu), maximum (all_fresh.cpu)) <= SWITCHER_TARGET_MS
               ? "met in cpu time, wall max over (preempted)" : "NOT met",
           quantile (all_narrow.wall, 0.95), maximum (all_narrow.wall), maximum (all_narrow.cpu),
           median (all_narrow.wall) / MAX (median (all_floor.wall), 1e-6));

  times_clear (&all_narrow);
  times_clear (&all_fresh);
  times_clear (&all_floor);
}

static SheafVault *
load_vault (const char *path,
            double     *ms)
{
  g_autoptr(GFile) root = g_file_new_for_path (path);
  g_autoptr(SheafVault) vault = sheaf_vault_new (root);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!sheaf_vault_load (vault, NULL, &error))
    g_error ("Cannot load %s: %s", path, error->message);
  *ms = ms_since (start);

  return g_steal_pointer (&vault);
}

static void
bench_backlinks (const char *vault_path,
                 guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("sheaf-bench-nav-XXXXXX", &error);
  g_autofree char *link = NULL;
  g_autofree char *refs = NULL;
  g_autoptr(SheafVault) vault = NULL;
  g_autoptr(GArray) repeated = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) backlinks = NULL;
  double load_ms, first_ms;
  gint64 start;

  g_assert_no_error (error);
  link = g_build_filename (tmp, "generated", NULL);
  if (symlink (vault_path, link) != 0)
    g_error ("symlink: %s", g_strerror (errno));

  refs = g_build_filename (tmp, "Refs", NULL);
  g_mkdir (refs, 0755);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/Ref %04u.md", refs, i);
      g_autofree char *text = g_strdup_printf ("# Ref %u\n\nSee [[Hub]] and [[Hub#Section|the hub]], "
                                               "also [[Ref %04u]].\n", i, (i + 1) % 1000);

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
    }
  {
    g_autofree char *hub = g_build_filename (tmp, "Hub.md", NULL);

    g_file_set_contents (hub, "# Hub\n\n## Section\n", -1, &error);
    g_assert_no_error (error);
  }

  vault = load_vault (tmp, &load_ms);
  g_print ("backlinks: vault of %u notes (%s + Hub.md + 1 000 referrers) loaded in %.0f ms\n",
           sheaf_vault_get_n_notes (vault), vault_path, load_ms);

  start = g_get_monotonic_time ();
  backlinks = sheaf_vault_dup_backlinks (vault, "Hub.md");
  first_ms = ms_since (start);

  for (guint r = 0; r < MAX (runs, 5) * 20; r++)
    {
      g_autoptr(GArray) again = NULL;
      double ms;

      start = g_get_monotonic_time ();
      again = sheaf_vault_dup_backlinks (vault, "Hub.md");
      ms = ms_since (start);
      g_array_append_val (repeated, ms);
      g_assert_cmpuint (again->len, ==, backlinks->len);
    }

  g_print ("  Hub.md: %u backlinks from 1 000 notes\n", backlinks->len);
  g_print ("  first call (builds the table for the whole vault, main thread): %.1f ms\n", first_ms);
  g_print ("  repeated calls: median %.3f ms, max %.3f ms\n\n", median (repeated), maximum (repeated));

  g_clear_object (&vault);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);

    /* the symlink is removed, never followed */
    if (system (cmd) != 0)
      g_warning ("Could not remove %s", tmp);
  }
}

typedef struct
{
  gint64     start;
  double     first_batch_ms;
  guint      batches;
  GPtrArray *results;
  gboolean   done;
} SearchRun;

static void
search_batch_cb (GPtrArray *batch,
                 gpointer   user_data)
{
  SearchRun *run = user_data;

  if (run->batches++ == 0)
    run->first_batch_ms = ms_since (run->start);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->results = sheaf_search_finish (result, NULL, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

static double
read_floor (SheafVault *vault,
            gsize      *total)
{
  g_autoptr(GPtrArray) notes = sheaf_vault_dup_notes (vault);
  GFile *root = sheaf_vault_get_root (vault);
  gint64 start = g_get_monotonic_time ();

  *total = 0;
  for (guint i = 0; i < notes->len; i++)
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (root, sheaf_note_get_path (notes->pdata[i]));
      g_autofree char *contents = NULL;
      gsize len = 0;

      /* as `cat` would: open, read, close */
      if (g_file_get_contents (g_file_peek_path (file), &contents, &len, NULL))
        *total += len;
    }

  return ms_since (start);
}

static void
mentions_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sheaf_mentions_find_finish (result, &error);
  g_assert_no_error (error);
}

static void
bench_search (const char *vault_path,
              guint       runs)
{
  const char *search_queries[] = { "sidechain", "the", "parallel compression", "café", "zzqxj" };
  g_autoptr(SheafVault) vault = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  double load_ms, floor_ms = G_MAXDOUBLE;
  gsize bytes = 0;

  vault = load_vault (vault_path, &load_ms);
  for (guint r = 0; r < runs; r++)
    floor_ms = MIN (floor_ms, read_floor (vault, &bytes));

  g_print ("search: %u notes, %.1f MB; floor (read every file, one thread, best of %u): %.0f ms\n",
           sheaf_vault_get_n_notes (vault), bytes / 1e6, runs, floor_ms);
  g_print ("  %-22s %8s %8s %12s %12s %8s\n", "query", "notes", "matches", "first batch", "total", "x floor");

  for (guint q = 0; q < G_N_ELEMENTS (search_queries); q++)
    {
      g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) firsts = g_array_new (FALSE, FALSE, sizeof (double));
      guint n_notes = 0, n_matches = 0;

      for (guint r = 0; r < runs; r++)
        {
          SearchRun run = { 0 };
          double total;

          run.start = g_get_monotonic_time ();
          sheaf_search_async (vault, search_queries[q], 0, NULL, search_batch_cb, &run, NULL,
                              search_done_cb, &run);
          while (!run.done)
            g_main_context_iteration (NULL, TRUE);
          total = ms_since (run.start);
          g_array_append_val (totals, total);
          g_array_append_val (firsts, run.first_batch_ms);

          n_notes = run.results->len;
          n_matches = 0;
          for (guint i = 0; i < run.results->len; i++)
            n_matches += ((SheafSearchResult *)run.results->pdata[i])->n_matches;
          g_ptr_array_unref (run.results);
        }

      g_print ("  %-22s %8u %8u %9.0f ms %9.0f ms %7.2fx\n", search_queries[q], n_notes, n_matches,
               median (firsts), median (totals), median (totals) / floor_ms);
    }

  notes = sheaf_vault_dup_notes (vault);
  {
    const char *path = sheaf_note_get_path (notes->pdata[notes->len / 2]);
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
    guint found = 0;

    for (guint r = 0; r < runs; r++)
      {
        g_autoptr(GPtrArray) mentions = NULL;
        gint64 start = g_get_monotonic_time ();
        double ms;

        sheaf_mentions_find_async (vault, path, NULL, mentions_done_cb, &mentions);
        while (mentions == NULL)
          g_main_context_iteration (NULL, TRUE);
        ms = ms_since (start);
        g_array_append_val (times, ms);
        found = mentions->len;
      }

    g_print ("\nmentions of \"%s\": %u found in %.0f ms (median of %u; %.2fx floor)\n", path, found,
             median (times), runs, median (times) / floor_ms);
  }
  g_print ("  (no DESIGN §5 target for search; it runs in a worker and streams batches)\n");
}

int
main (int   argc,
      char *argv[])
{
  const char *vault_path = "/tmp/sheaf-bench/vault-10000-seed1";
  guint n_notes = 100000;
  guint runs = 5;
  const char *only = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--notes") == 0 && i + 1 < argc)
        n_notes = atoi (argv[++i]);
      else if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        {
          runs = atoi (argv[++i]);
          runs = MAX (runs, 1);
        }
      else if (strcmp (argv[i], "--verbose") == 0)
        verbose = TRUE;
      else if (strcmp (argv[i], "--query") == 0 && i + 1 < argc)
        only = argv[++i];
      else if (argv[i][0] != '-')
        vault_path = argv[i];
      else
        {
          g_printerr ("usage: sheaf-bench-nav [VAULT] [--notes N] [--runs R] [--query Q] [--verbose]\n");
          return 2;
        }
    }

  g_print ("machine: %u CPUs\n\n", g_get_num_processors ());
  bench_switcher (n_notes, runs, only);

  if (!g_file_test (vault_path, G_FILE_TEST_IS_DIR))
    {
      g_print ("%s not found: generate it with sheaf-bench-generate 10000 %s\n", vault_path, vault_path);
      return 0;
    }

  bench_backlinks (vault_path, runs);
  bench_search (vault_path, runs);

  return 0;
}
