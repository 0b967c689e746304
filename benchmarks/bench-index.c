/* bench-index.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * sheaf-bench-index — how fast Sheaf indexes a vault, next to the floors it is
 * measured against (DESIGN.md §5).
 *
 *   sheaf-bench-index DIR [--runs K]            everything, summary table
 *   sheaf-bench-index DIR --only floor [--runs K]
 *   sheaf-bench-index DIR --only sheaf [--no-resolve]
 *
 * (--only runs one part in this process; --no-resolve skips the resolve pass, so
 * `perf record sheaf-bench-index DIR --only sheaf --no-resolve` profiles a load.)
 *
 * Figures, for the `.md` files of DIR (hidden folders such as .obsidian skipped):
 *
 *  - Floor A: the `cat` of the vault. Walk the folders and read every file into
 *    one reused buffer, on one thread.
 *  - Floor B: cmark-gfm alone, with the GFM extensions Sheaf attaches (table,
 *    strikethrough, autolink, tasklist) and CMARK_OPT_FOOTNOTES, parsing the same
 *    bytes on one thread: once with the files already in memory (parse only) and
 *    once reading them as it goes (read + parse, the same work a load has to do).
 *  - Sheaf: wall time of sheaf_vault_load () on a fresh SheafVault, its CPU time,
 *    the peak RSS of the process (getrusage ru_maxrss) and the ratio to floor B.
 *  - Resolve: one sheaf_vault_resolve () for every link of every note, and the
 *    resident memory after it (the pass builds every note's SheafLink array,
 *    which a loaded vault keeps compact until something asks for it).
 *
 * Times are the best and the median of K runs (default 5). Every Sheaf run is a
 * process of its own (this program re-executes itself with --only sheaf), so
 * each load is cold as far as the process is concerned and ru_maxrss is the
 * index's alone, unpolluted by the floors' buffers. The page cache is not cold:
 * one Sheaf load runs first as a warm-up, then the floors, then the measured
 * loads, so floors and Sheaf all read from a warm page cache. The output says so.
 *
 * When DIR was written by sheaf-bench-generate, its stamp gives the number of
 * links and of links meant to stay unresolved, and the resolve pass is checked
 * against them.
 */

#define G_LOG_DOMAIN "sheaf-bench-index"

#include "config.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sheaf-note.h"
#include "sheaf-vault.h"

#define DEFAULT_RUNS 5

/* Targets from DESIGN.md §5. */
#define TARGET_10K_SECONDS   1.0
#define TARGET_RATIO         1.5
#define TARGET_100K_SECONDS 10.0
#define TARGET_100K_RSS_MB 400.0

static const char * const gfm_extensions[] = {
  "table", "strikethrough", "autolink", "tasklist",
};

/* Small helpers. */

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
append_time (GArray *times,
             double  seconds)
{
  g_array_append_val (times, seconds);
}

static double
best_of (GArray *times)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < times->len; i++)
    best = MIN (best, g_array_index (times, double, i));

  return best;
}

static double
median_of (GArray *times)
{
  g_autoptr(GArray) sorted = g_array_copy (times);
  guint n = sorted->len;

  if (n == 0)
    return 0;

  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);

  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* Peak resident set of this process so far, in MB (ru_maxrss is in KiB on Linux). */
static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* Resident set now, in MB. */
static double
current_rss_mb (void)
{
  g_autofree char *statm = NULL;
  unsigned long size, resident;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;

  return resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

/* A machine-readable result line for the parent process ("=key value"). */
static gboolean machine_output;

/* --no-resolve: load only, for profiling the load alone (perf record …). */
static gboolean skip_resolve;

static void
emit (const char *key,
      double      value)
{
  if (machine_output)
    g_print ("=%s %.9g\n", key, value);
}

/* The floors. */

typedef struct
{
  GPtrArray *paths;  /* absolute paths of the .md files */
  guint64    bytes;
} FileList;

static gboolean
is_note_name (const char *name)
{
  gsize len = strlen (name);

  return len > 3 && g_ascii_strcasecmp (name + len - 3, ".md") == 0;
}

/* Sheaf skips hidden folders and files (.obsidian, .git, .trash): so does the floor. */
static void
walk (const char *dir,
      GPtrArray  *paths)
{
  DIR *handle = opendir (dir);
  struct dirent *entry;

  if (handle == NULL)
    return;

  while ((entry = readdir (handle)) != NULL)
    {
      g_autofree char *path = NULL;
      gboolean is_dir, is_file;

      if (entry->d_name[0] == '.')
        continue;

      path = g_build_filename (dir, entry->d_name, NULL);
      is_dir = entry->d_type == DT_DIR;
      is_file = entry->d_type == DT_REG;
      if (entry->d_type == DT_UNKNOWN)
        {
          struct stat st;

          if (lstat (path, &st) == 0)
            {
              is_dir = S_ISDIR (st.st_mode);
              is_file = S_ISREG (st.st_mode);
            }
        }

      if (is_dir)
        walk (path, paths);
      else if (is_file && is_note_name (entry->d_name))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }

  closedir (handle);
}

/* Reads @path into @buffer (grown as needed); returns the length, or -1. */
static gssize
read_file (const char  *path,
           GByteArray  *buffer)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  gsize length = 0;
  struct stat st;

  if (fd < 0)
    return -1;

  if (fstat (fd, &st) == 0 && (gsize) st.st_size + 1 > buffer->len)
    g_byte_array_set_size (buffer, st.st_size + 1);

  for (;;)
    {
      gssize n;

      if (length == buffer->len)
        g_byte_array_set_size (buffer, buffer->len * 2 + 4096);

      n = read (fd, buffer->data + length, buffer->len - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      length += n;
    }

  close (fd);
  return length;
}

static cmark_parser *
new_gfm_parser (void)
{
  cmark_parser *parser = cmark_parser_new (CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES);

  for (guint i = 0; i < G_N_ELEMENTS (gfm_extensions); i++)
    {
      cmark_syntax_extension *extension = cmark_find_syntax_extension (gfm_extensions[i]);

      if (extension != NULL)
        cmark_parser_attach_syntax_extension (parser, extension);
    }

  return parser;
}

/* One parser per document, as an index of separate notes has to do. */
static void
parse_gfm (const char *text,
           gsize       length)
{
  cmark_parser *parser = new_gfm_parser ();
  cmark_node *document;

  cmark_parser_feed (parser, text, length);
  document = cmark_parser_finish (parser);
  cmark_node_free (document);
  cmark_parser_free (parser);
}

static void
print_times (const char *label,
             GArray     *times,
             guint64     bytes)
{
  double best = best_of (times);

  g_print ("  %-34s best %8.3f s   median %8.3f s   %7.1f MB/s\n",
           label, best, median_of (times), bytes / 1e6 / best);
}

static int
run_floors (const char *dir,
            guint       runs)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) all_bytes = NULL;
  g_autoptr(GArray) offsets = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_sized_new (1 << 16);
  g_autoptr(GArray) walk_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cat_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parse_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) read_parse_times = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 bytes = 0;
  gsize offset_end;
  double start;

  cmark_gfm_core_extensions_ensure_registered ();

  g_print ("Floors (one thread, page cache warm):\n");

  /* Floor A: walk + read every file, K times. */
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
      double walked;

      bytes = 0;
      start = now ();
      walk (dir, found);
      walked = now ();
      for (guint i = 0; i < found->len; i++)
        {
          gssize n = read_file (g_ptr_array_index (found, i), buffer);

          if (n > 0)
            bytes += n;
        }
      append_time (cat_times, now () - start);
      append_time (walk_times, walked - start);

      if (run == 0)
        {
          g_ptr_array_extend_and_steal (paths, g_steal_pointer (&found));
        }
    }

  g_print ("  %-34s %u files, %" G_GUINT64_FORMAT " bytes (%.1f MB)\n", "vault",
           paths->len, bytes, bytes / 1e6);
  emit ("files", paths->len);
  emit ("bytes", bytes);

  print_times ("walk only", walk_times, bytes);
  print_times ("A: walk + read (cat)", cat_times, bytes);
  emit ("floor_walk_best", best_of (walk_times));
  emit ("floor_a_best", best_of (cat_times));
  emit ("floor_a_median", median_of (cat_times));

  /* Floor B, parse only: the bytes are read beforehand, untimed, into one block
   * (so 40 MB of file buffers do not sit among the parser's small allocations). */
  all_bytes = g_byte_array_sized_new (bytes + 1);
  offsets = g_array_sized_new (FALSE, FALSE, sizeof (gsize), paths->len + 1);
  for (guint i = 0; i < paths->len; i++)
    {
      gssize n = read_file (g_ptr_array_index (paths, i), buffer);
      gsize offset = all_bytes->len;

      g_array_append_val (offsets, offset);
      if (n > 0)
        g_byte_array_append (all_bytes, buffer->data, n);
    }
  offset_end = all_bytes->len;
  g_array_append_val (offsets, offset_end);

  for (guint run = 0; run < runs; run++)
    {
      start = now ();
      for (guint i = 0; i < paths->len; i++)
        {
          gsize from = g_array_index (offsets, gsize, i);
          gsize to = g_array_index (offsets, gsize, i + 1);

          parse_gfm ((const char *) all_bytes->data + from, to - from);
        }
      append_time (parse_times, now () - start);
    }
  g_clear_pointer (&all_bytes, g_byte_array_unref);

  /* Floor B, read + parse: walk, read and parse, as a load must. */
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

      start = now ();
      walk (dir, found);
      for (guint i = 0; i < found->len; i++)
        {
          gssize n = read_file (g_ptr_array_index (found, i), buffer);

          if (n > 0)
            parse_gfm ((const char *) buffer->data, n);
        }
      append_time (read_parse_times, now () - start);
    }

  print_times ("B: cmark-gfm parse only", parse_times, bytes);
  print_times ("B: walk + read + cmark-gfm parse", read_parse_times, bytes);
  emit ("floor_b_parse_best", best_of (parse_times));
  emit ("floor_b_parse_median", median_of (parse_times));
  emit ("floor_b_best", best_of (read_parse_times));
  emit ("floor_b_median", median_of (read_parse_times));

  return 0;
}

/* Sheaf: one load in this process, then one resolve pass. */

typedef struct
{
  guint64 links;
  guint64 by_resolution[SHEAF_RESOLUTION_OUTSIDE + 1];
  guint64 ambiguous;
  guint64 missing_results;
} ResolveCounts;

static void
resolve_all (SheafVault    *vault,
             GPtrArray     *notes,
             ResolveCounts *counts)
{
  memset (counts, 0, sizeof *counts);

  for (guint i = 0; i < notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, i);
      SheafParseResult *result = sheaf_note_get_parse_result (note);
      const char *path = sheaf_note_get_path (note);
      const SheafLink *links;
      guint n_links = 0;

      if (result == NULL)
        {
          counts->missing_results++;
          continue;
        }

      links = sheaf_parse_result_get_links (result, &n_links);
      for (guint j = 0; j < n_links; j++)
        {
          g_auto(SheafResolved) resolved = { 0 };

          sheaf_vault_resolve (vault, path, &links[j], &resolved);
          counts->links++;
          if (resolved.resolution <= SHEAF_RESOLUTION_OUTSIDE)
            counts->by_resolution[resolved.resolution]++;
          if (resolved.ambiguous)
            counts->ambiguous++;
        }
    }
}

static int
run_sheaf (const char *dir)
{
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(SheafVault) vault = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) resolve_times = g_array_new (FALSE, FALSE, sizeof (double));
  ResolveCounts counts;
  double baseline_rss, start, wall, cpu, peak, resident;
  guint64 bytes = 0;

  /* Type registration and GIO's first-use costs belong to start-up, not to the index. */
  g_type_ensure (SHEAF_TYPE_VAULT);
  g_type_ensure (SHEAF_TYPE_NOTE);
  baseline_rss = peak_rss_mb ();

  vault = sheaf_vault_new (root);
  cpu = cpu_seconds ();
  start = now ();
  if (!sheaf_vault_load (vault, NULL, &error))
    {
      g_printerr ("sheaf_vault_load (%s) failed: %s\n", dir, error->message);
      return 1;
    }
  wall = now () - start;
  cpu = cpu_seconds () - cpu;
  peak = peak_rss_mb ();
  resident = current_rss_mb ();

  notes = sheaf_vault_dup_notes (vault);
  for (guint i = 0; i < notes->len; i++)
    bytes += sheaf_note_get_size (g_ptr_array_index (notes, i));

  g_print ("Sheaf (one load in this process):\n");
  g_print ("  %-34s %u notes, %" G_GUINT64_FORMAT " bytes, %u attachments\n", "indexed",
           sheaf_vault_get_n_notes (vault), bytes, sheaf_vault_get_n_attachments (vault));
  g_print ("  %-34s %8.3f s wall, %.3f s CPU (%.2f cores busy)\n", "sheaf_vault_load",
           wall, cpu, wall > 0 ? cpu / wall : 0);
  g_print ("  %-34s %8.1f MB peak (ru_maxrss), %.1f MB before the load, %.1f MB resident after\n",
           "memory", peak, baseline_rss, resident);
  emit ("notes", sheaf_vault_get_n_notes (vault));
  emit ("sheaf_bytes", bytes);
  emit ("sheaf_wall", wall);
  emit ("sheaf_cpu", cpu);
  emit ("sheaf_peak_rss_mb", peak);
  emit ("sheaf_baseline_rss_mb", baseline_rss);
  emit ("sheaf_resident_mb", resident);

  if (skip_resolve)
    return 0;

  /* The resolve pass: three times, best reported (it touches only the index). */
  for (guint run = 0; run < 3; run++)
    {
      start = now ();
      resolve_all (vault, notes, &counts);
      append_time (resolve_times, now () - start);
    }

  g_print ("  %-34s %8.3f s for %" G_GUINT64_FORMAT " links (%.0f ns/link)\n",
           "resolve every link", best_of (resolve_times), counts.links,
           counts.links ? best_of (resolve_times) * 1e9 / counts.links : 0.0);
  g_print ("  %-34s %" G_GUINT64_FORMAT " unresolved, %" G_GUINT64_FORMAT " via alias, %"
           G_GUINT64_FORMAT " ambiguous, %" G_GUINT64_FORMAT " exact, %" G_GUINT64_FORMAT
           " same folder, %" G_GUINT64_FORMAT " shortest, %" G_GUINT64_FORMAT " self, %"
           G_GUINT64_FORMAT " outside\n", "resolutions",
           counts.by_resolution[SHEAF_RESOLUTION_UNRESOLVED],
           counts.by_resolution[SHEAF_RESOLUTION_ALIAS], counts.ambiguous,
           counts.by_resolution[SHEAF_RESOLUTION_EXACT],
           counts.by_resolution[SHEAF_RESOLUTION_FOLDER],
           counts.by_resolution[SHEAF_RESOLUTION_SHORTEST],
           counts.by_resolution[SHEAF_RESOLUTION_SELF],
           counts.by_resolution[SHEAF_RESOLUTION_OUTSIDE]);
  if (counts.missing_results > 0)
    g_print ("  WARNING: %" G_GUINT64_FORMAT " notes have no parse result\n",
             counts.missing_results);

  /* sheaf_vault_resolve() takes SheafLinks: the pass above built every note's
   * (a vault keeps them compact until asked, see sheaf-markdown-compact.c). */
  g_print ("  %-34s %8.1f MB resident once every note's links were built\n",
           "memory after the resolve pass", current_rss_mb ());
  emit ("resolve_best", best_of (resolve_times));
  emit ("links", counts.links);
  emit ("unresolved", counts.by_resolution[SHEAF_RESOLUTION_UNRESOLVED]);
  emit ("via_alias", counts.by_resolution[SHEAF_RESOLUTION_ALIAS]);
  emit ("ambiguous", counts.ambiguous);
  emit ("outside", counts.by_resolution[SHEAF_RESOLUTION_OUTSIDE]);

  return 0;
}

/* The parent: runs the children and prints the summary. */

static gboolean
run_child (const char  *self_exe,
           const char  *dir,
           const char  *only,
           guint        runs,
           gboolean     echo,
           GHashTable  *values)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *runs_text = g_strdup_printf ("%u", runs);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = {
    self_exe, dir, "--only", only, "--runs", runs_text, "--machine", NULL,
  };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s --only %s: %s\n", self_exe, only, error->message);
      return FALSE;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '=')
        {
          g_auto(GStrv) kv = g_strsplit (lines[i] + 1, " ", 2);

          if (kv[0] != NULL && kv[1] != NULL && values != NULL)
            {
              double *value = g_new (double, 1);

              *value = g_ascii_strtod (kv[1], NULL);
              g_hash_table_insert (values, g_strdup (kv[0]), value);
            }
        }
      else if (echo && lines[i][0] != '\0')
        g_print ("%s\n", lines[i]);
    }

  return TRUE;
}

static double
get_value (GHashTable *values,
           const char *key)
{
  double *value = g_hash_table_lookup (values, key);

  return value ? *value : 0;
}

/* Optional: what sheaf-bench-generate meant to write. */
static void
read_stamp (const char *dir,
            gint64     *links,
            gint64     *unresolved)
{
  g_autofree char *path = g_build_filename (dir, ".obsidian", "sheaf-bench-generate.txt", NULL);
  g_autofree char *text = NULL;
  const char *at;

  *links = *unresolved = -1;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;

  if ((at = strstr (text, " links=")) != NULL)
    *links = g_ascii_strtoll (at + strlen (" links="), NULL, 10);
  if ((at = strstr (text, " unresolved=")) != NULL)
    *unresolved = g_ascii_strtoll (at + strlen (" unresolved="), NULL, 10);
}

/* Other work on the machine skews every figure here: say how busy it was. The
 * CPU time the whole machine spent (/proc/stat) minus what this program and its
 * children spent is what other processes took meanwhile. */
static double
machine_busy_seconds (void)
{
  g_autofree char *text = NULL;
  guint64 user, nice, system, idle, iowait, irq, softirq, steal;

  if (!g_file_get_contents ("/proc/stat", &text, NULL, NULL) ||
      sscanf (text, "cpu %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
              " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
              " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
              &user, &nice, &system, &idle, &iowait, &irq, &softirq, &steal) != 8)
    return 0;

  return (double) (user + nice + system + irq + softirq + steal) / sysconf (_SC_CLK_TCK);
}

static double
own_cpu_seconds (void)
{
  struct rusage children;

  getrusage (RUSAGE_CHILDREN, &children);
  return cpu_seconds () +
         children.ru_utime.tv_sec + children.ru_utime.tv_usec / 1e6 +
         children.ru_stime.tv_sec + children.ru_stime.tv_usec / 1e6;
}

static const char *
verdict (gboolean ok)
{
  return ok ? "met" : "NOT MET";
}

static int
run_all (const char *dir,
         guint       runs)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) peaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) residents = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  double warmup, floor_b, floor_b_parse, best, median, peak, notes, per_10k;
  double busy_start, own_start, wall_start, others, others_share;
  gint64 expected_links, expected_unresolved;

  if (self_exe == NULL)
    {
      g_printerr ("Cannot find this program's path in /proc/self/exe\n");
      return 1;
    }

  busy_start = machine_busy_seconds ();
  own_start = own_cpu_seconds ();
  wall_start = now ();
  g_print ("sheaf-bench-index: %s, %u runs, %u CPUs\n\n", dir, runs, g_get_num_processors ());

  /* Warm-up: one Sheaf load first, so floors and Sheaf all see a warm page cache. */
  if (!run_child (self_exe, dir, "sheaf", 1, FALSE, values))
    return 1;
  warmup = get_value (values, "sheaf_wall");

  if (!run_child (self_exe, dir, "floor", runs, TRUE, values))
    return 1;
  g_print ("\n");

  for (guint run = 0; run < runs; run++)
    {
      /* Echo the last run in full; the others only feed the statistics. */
      if (!run_child (self_exe, dir, "sheaf", 1, run == runs - 1, values))
        return 1;
      append_time (walls, get_value (values, "sheaf_wall"));
      append_time (cpus, get_value (values, "sheaf_cpu"));
      append_time (peaks, get_value (values, "sheaf_peak_rss_mb"));
      append_time (residents, get_value (values, "sheaf_resident_mb"));
    }

  floor_b = get_value (values, "floor_b_best");
  floor_b_parse = get_value (values, "floor_b_parse_best");
  best = best_of (walls);
  median = median_of (walls);
  peak = median_of (peaks);
  notes = get_value (values, "notes");
  per_10k = notes > 0 ? best * 10000 / notes : 0;

  others = (machine_busy_seconds () - busy_start) - (own_cpu_seconds () - own_start);
  others_share = others / ((now () - wall_start) * g_get_num_processors ());
  g_print ("\nSummary: %s\n", dir);
  g_print ("  %-40s %.1f CPU-s, %.0f %% of the machine%s\n", "other processes meanwhile",
           MAX (others, 0), 100 * MAX (others_share, 0),
           others_share > 0.1 ? "  WARNING: the machine was busy, figures are pessimistic" : "");
  g_print ("  %-40s %.0f (the floor walk found %.0f .md files)\n", "notes indexed", notes,
           get_value (values, "files"));
  g_print ("  %-40s %.1f MB\n", "bytes", get_value (values, "bytes") / 1e6);
  g_print ("  %-40s warm for every figure below (a Sheaf warm-up load ran first: %.3f s)\n",
           "page cache", warmup);
  g_print ("  %-40s %.3f s best\n", "floor A: walk + read (cat)",
           get_value (values, "floor_a_best"));
  g_print ("  %-40s %.3f s best\n", "floor B: cmark-gfm parse only", floor_b_parse);
  g_print ("  %-40s %.3f s best\n", "floor B: walk + read + parse", floor_b);
  g_print ("  %-40s %.3f s best, %.3f s median (%u processes), CPU %.3f s median\n",
           "Sheaf: sheaf_vault_load", best, median, runs, median_of (cpus));
  g_print ("  %-40s %.2fx (walk + read + parse), %.2fx (parse only)\n", "ratio Sheaf / floor B",
           floor_b > 0 ? best / floor_b : 0, floor_b_parse > 0 ? best / floor_b_parse : 0);
  g_print ("  %-40s %.2fx (CPU time over the one-thread floor: the work done, whatever the\n"
           "  %-40s cores; a busy machine moves it much less than the wall-clock ratio)\n",
           "CPU of Sheaf / floor B (walk+read+parse)",
           floor_b > 0 ? median_of (cpus) / floor_b : 0, "");
  g_print ("  %-40s %.1f MB peak (median of runs; %.1f MB before the load), %.1f MB resident "
           "after\n", "Sheaf: RSS", peak, get_value (values, "sheaf_baseline_rss_mb"),
           median_of (residents));
  g_print ("  %-40s %.0f links, %.0f unresolved, %.0f via alias, %.0f ambiguous, %.0f outside,"
           " %.3f s\n", "resolve pass", get_value (values, "links"),
           get_value (values, "unresolved"), get_value (values, "via_alias"),
           get_value (values, "ambiguous"), get_value (values, "outside"),
           get_value (values, "resolve_best"));

  read_stamp (dir, &expected_links, &expected_unresolved);
  if (expected_links >= 0)
    g_print ("  %-40s %" G_GINT64_FORMAT " links, %" G_GINT64_FORMAT " meant to stay unresolved"
             " (%s)\n", "generator wrote", expected_links, expected_unresolved,
             (gint64) get_value (values, "links") == expected_links &&
             (gint64) get_value (values, "unresolved") == expected_unresolved ?
             "matches" : "MISMATCH");

  /* One line for scripts (run-benchmarks.sh builds its table from it). */
  g_print ("\ntsv\tnotes\tMB\tfloor_a_s\tfloor_b_parse_s\tfloor_b_s\tsheaf_best_s"
           "\tsheaf_median_s\tratio_b\tratio_b_parse\tpeak_rss_mb\tresolve_s\tlinks"
           "\tunresolved\tsheaf_cpu_s\n");
  g_print ("tsv\t%.0f\t%.1f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%.2f\t%.1f\t%.3f\t%.0f\t%.0f"
           "\t%.3f\n",
           notes, get_value (values, "bytes") / 1e6, get_value (values, "floor_a_best"),
           floor_b_parse, floor_b, best, median,
           floor_b > 0 ? best / floor_b : 0, floor_b_parse > 0 ? best / floor_b_parse : 0,
           peak, get_value (values, "resolve_best"), get_value (values, "links"),
           get_value (values, "unresolved"), median_of (cpus));

  g_print ("\nDESIGN S5 targets:\n");
  g_print ("  %-40s %.3f s per 10 000 notes -> %s\n", "10 000 notes <= 1 s (scaled linearly)",
           per_10k, verdict (per_10k <= TARGET_10K_SECONDS));
  g_print ("  %-40s %.2fx -> %s\n", "<= 1.5x floor B (walk + read + parse)",
           floor_b > 0 ? best / floor_b : 0,
           verdict (floor_b > 0 && best <= TARGET_RATIO * floor_b));
  g_print ("  %-40s %.2fx -> %s\n", "<= 1.5x floor B (parse only, stricter)",
           floor_b_parse > 0 ? best / floor_b_parse : 0,
           verdict (floor_b_parse > 0 && best <= TARGET_RATIO * floor_b_parse));
  if (notes >= 50000)
    {
      g_print ("  %-40s %.3f s -> %s\n", "100 000 notes <= 10 s",
               best * 100000 / notes, verdict (best * 100000 / notes <= TARGET_100K_SECONDS));
      g_print ("  %-40s %.1f MB -> %s\n", "100 000 notes RSS <= 400 MB",
               peak * 100000 / notes, verdict (peak * 100000 / notes <= TARGET_100K_RSS_MB));
    }
  else
    g_print ("  %-40s %.1f MB (%.1f MB per 100 000 notes if linear; the target is for 100 000)\n",
             "RSS <= 400 MB at 100 000 notes", peak, notes > 0 ? peak * 100000 / notes : 0);

  return 0;
}

static void
usage (void)
{
  g_printerr ("Usage: sheaf-bench-index DIR [--runs K] [--only floor|sheaf [--no-resolve]]\n");
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = NULL;
  const char *only = NULL;
  guint64 runs = DEFAULT_RUNS;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          g_autoptr(GError) error = NULL;

          if (!g_ascii_string_to_unsigned (argv[++i], 10, 1, 1000, &runs, &error))
            {
              g_printerr ("--runs: %s\n", error->message);
              return 2;
            }
        }
      else if (g_str_equal (argv[i], "--only") && i + 1 < argc)
        only = argv[++i];
      else if (g_str_equal (argv[i], "--machine"))
        machine_output = TRUE;
      else if (g_str_equal (argv[i], "--no-resolve"))
        skip_resolve = TRUE;
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          usage ();
          return 0;
        }
      else if (dir == NULL && argv[i][0] != '-')
        dir = argv[i];
      else
        {
          usage ();
          return 2;
        }
    }

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      usage ();
      return 2;
    }

  if (only == NULL)
    return run_all (dir, runs);
  if (g_str_equal (only, "floor"))
    return run_floors (dir, runs);
  if (g_str_equal (only, "sheaf"))
    return run_sheaf (dir);

  usage ();
  return 2;
}
