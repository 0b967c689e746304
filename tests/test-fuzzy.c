/* test-fuzzy.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sheaf-frontmatter.h"
#include "sheaf-fuzzy-private.h"
#include "sheaf-fuzzy.h"
#include "sheaf-note.h"
#include "sheaf-test-util.h"
#include "sheaf-text.h"
#include "sheaf-vault.h"

/* Notes made in memory: "path.md" or "path.md|alias1|alias2". */
static SheafFuzzyIndex *
index_for (const char * const *specs)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; specs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (specs[i], "|", -1);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (parts[1] != NULL)
        {
          g_string_append (text, "---\naliases:\n");
          for (guint a = 1; parts[a] != NULL; a++)
            g_string_append_printf (text, "  - %s\n", parts[a]);
          g_string_append (text, "---\n");
        }
      g_string_append (text, "Body.\n");
      bytes = g_bytes_new (text->str, text->len);
      g_ptr_array_add (notes, sheaf_note_new_for_bytes (parts[0], bytes, NULL, SHEAF_NOTE_DEFAULT));
    }

  return sheaf_fuzzy_index_new (notes);
}

static GPtrArray *
query (SheafFuzzyIndex    *index,
       const char         *text,
       const char * const *recent)
{
  g_autoptr(SheafFuzzyMatcher) matcher = sheaf_fuzzy_matcher_new (index);

  return sheaf_fuzzy_matcher_query (matcher, text, recent, 20);
}

/* "path:kind" for each result, joined with spaces: one string to compare. */
static char *
describe (GPtrArray *results)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      SheafFuzzyMatch *match = g_ptr_array_index (results, i);

      g_string_append_printf (out, "%s%s:%s", i > 0 ? " " : "", match->path,
                              sheaf_fuzzy_kind_to_string (match->kind));
    }

  return g_string_free (out, FALSE);
}

static char *
describe_positions (SheafFuzzyMatch *match)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < match->n_positions; i++)
    g_string_append_printf (out, "%s%u", i > 0 ? "," : "", match->positions[i]);

  return g_string_free (out, FALSE);
}

static void
test_fuzzy_ranking (void)
{
  const char *specs[] = {
    "Explanation.md", "Planning.md", "Project Plan.md", "Plan.md", "Unrelated.md", NULL,
  };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "plan", NULL);
  g_autofree char *got = describe (results);

  g_assert_cmpstr (got, ==,
                   "Plan.md:exact Planning.md:prefix Project Plan.md:word-start "
                   "Explanation.md:subsequence");
}

static void
test_fuzzy_case_and_spaces (void)
{
  const char *specs[] = { "Project Plan.md", "Projector Planet.md", "Pro.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) exact = query (index, "  PROJECT plan ", NULL);
  g_autoptr(GPtrArray) words = query (index, "proj plan", NULL);
  g_autofree char *got_exact = describe (exact);
  g_autofree char *got_words = describe (words);

  /* "projectplan" also runs through the starts of "Projector Planet" */
  g_assert_cmpstr (got_exact, ==, "Project Plan.md:exact Projector Planet.md:word-start");
  /* spaces separate words for the eye: both titles start words with "proj" and "plan" */
  g_assert_cmpstr (got_words, ==, "Project Plan.md:word-start Projector Planet.md:word-start");
}

static void
test_fuzzy_compactness (void)
{
  const char *specs[] = { "a-x-b-x-c.md", "xabxc.md", "zzzabc.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "abc", NULL);
  g_autofree char *got = describe (results);

  /* a-x-b-x-c: every letter starts a word; then the tighter subsequences */
  g_assert_cmpstr (got, ==, "a-x-b-x-c.md:word-start zzzabc.md:subsequence xabxc.md:subsequence");
}

static void
test_fuzzy_alias (void)
{
  const char *specs[] = { "Quarterly Review.md|QBR|Business review", "Quiet.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "qbr", NULL);
  g_autoptr(GPtrArray) second = query (index, "business", NULL);
  SheafFuzzyMatch *match;
  g_autofree char *positions = NULL;

  g_assert_cmpuint (results->len, ==, 1);
  match = g_ptr_array_index (results, 0);
  g_assert_cmpstr (match->path, ==, "Quarterly Review.md");
  g_assert_cmpstr (match->title, ==, "Quarterly Review");
  g_assert_cmpint (match->field, ==, SHEAF_FUZZY_FIELD_ALIAS);
  g_assert_cmpint (match->alias_index, ==, 0);
  g_assert_cmpstr (match->text, ==, "QBR");
  g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_EXACT);
  positions = describe_positions (match);
  g_assert_cmpstr (positions, ==, "0,1,2");

  g_assert_cmpuint (second->len, ==, 1);
  match = g_ptr_array_index (second, 0);
  g_assert_cmpint (match->alias_index, ==, 1);
  g_assert_cmpstr (match->text, ==, "Business review");
  g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_PREFIX);
}

static void
test_fuzzy_title_beats_alias (void)
{
  const char *specs[] = { "Roadmap.md|Roadmap 2025", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "road", NULL);
  SheafFuzzyMatch *match = g_ptr_array_index (results, 0);

  /* one result per note, from its best field; ties go to the title */
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpint (match->field, ==, SHEAF_FUZZY_FIELD_TITLE);
  g_assert_cmpint (match->alias_index, ==, -1);
}

static void
test_fuzzy_path (void)
{
  const char *specs[] = { "Work/Deep/Thing.md", "Other.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "work/deep", NULL);
  SheafFuzzyMatch *match;
  g_autofree char *positions = NULL;

  g_assert_cmpuint (results->len, ==, 1);
  match = g_ptr_array_index (results, 0);
  g_assert_cmpint (match->field, ==, SHEAF_FUZZY_FIELD_PATH);
  g_assert_cmpstr (match->text, ==, "Work/Deep/Thing.md");
  g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_PREFIX);
  positions = describe_positions (match);
  g_assert_cmpstr (positions, ==, "0,1,2,3,4,5,6,7,8");
}

static void
test_fuzzy_recent (void)
{
  const char *specs[] = { "Plan.md", "Planning.md", "Plant care.md", "Zebra.md", NULL };
  const char *recent[] = { "Plant care.md", "Zebra.md", "Gone.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) plain = query (index, "plan", NULL);
  g_autoptr(GPtrArray) boosted = query (index, "plan", recent);
  g_autoptr(GPtrArray) empty = query (index, "", recent);
  g_autofree char *got_plain = describe (plain);
  g_autofree char *got_boosted = describe (boosted);
  g_autofree char *got_empty = describe (empty);

  g_assert_cmpstr (got_plain, ==, "Plan.md:exact Planning.md:prefix Plant care.md:prefix");
  /* a recent note rises within its kind, never above an exact match */
  g_assert_cmpstr (got_boosted, ==, "Plan.md:exact Plant care.md:prefix Planning.md:prefix");
  g_assert_true (((SheafFuzzyMatch *)g_ptr_array_index (boosted, 1))->recent);
  g_assert_false (((SheafFuzzyMatch *)g_ptr_array_index (boosted, 2))->recent);
  /* nothing typed: the recent notes in order, then the rest by title length */
  g_assert_cmpstr (got_empty, ==,
                   "Plant care.md:recent Zebra.md:recent Plan.md:any Planning.md:any");
}

static void
test_fuzzy_ties (void)
{
  const char *specs[] = { "b/Note.md", "a/Note.md", "Notebook.md", "Notes.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) results = query (index, "note", NULL);
  g_autofree char *got = describe (results);

  /* same title: by path; then prefixes by shorter title */
  g_assert_cmpstr (got, ==, "a/Note.md:exact b/Note.md:exact Notes.md:prefix Notebook.md:prefix");
}

static void
test_fuzzy_unicode (void)
{
  const char *specs[] = { "Über Notes.md", "Cafe\xcc\x81.md", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(GPtrArray) notes = query (index, "no", NULL);
  g_autoptr(GPtrArray) uber = query (index, "ÜBER", NULL);
  g_autoptr(GPtrArray) cafe = query (index, "caf\xc3\xa9", NULL);
  g_autofree char *positions = NULL;
  SheafFuzzyMatch *match;

  g_assert_cmpuint (notes->len, ==, 1);
  match = g_ptr_array_index (notes, 0);
  g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_WORD_START);
  positions = describe_positions (match);
  /* byte offsets in the title: "Ü" is two bytes */
  g_assert_cmpstr (positions, ==, "6,7");

  g_assert_cmpuint (uber->len, ==, 1);
  g_assert_cmpint (((SheafFuzzyMatch *)g_ptr_array_index (uber, 0))->kind, ==, SHEAF_FUZZY_PREFIX);

  /* a decomposed é in the file name matches a composed one typed (NFC) */
  g_assert_cmpuint (cafe->len, ==, 1);
  match = g_ptr_array_index (cafe, 0);
  g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_EXACT);
  g_assert_cmpstr (match->text, ==, "Caf\xc3\xa9");
}

static void
test_fuzzy_narrowing (void)
{
  const char *specs[] = {
    "Plan.md", "Planning.md", "Project Plan.md", "Explanation.md", "Apple.md", "Pear.md",
    "People/Paula Lane.md", NULL,
  };
  const char *typed[] = { "p", "pl", "pla", "plan", "pla", "planx", "plan", "", "pe", NULL };
  g_autoptr(SheafFuzzyIndex) index = index_for (specs);
  g_autoptr(SheafFuzzyMatcher) matcher = sheaf_fuzzy_matcher_new (index);

  /* one matcher fed keystrokes answers exactly what a fresh one does */
  for (guint i = 0; typed[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) incremental = sheaf_fuzzy_matcher_query (matcher, typed[i], NULL, 20);
      g_autoptr(GPtrArray) fresh = query (index, typed[i], NULL);
      g_autofree char *a = describe (incremental);
      g_autofree char *b = describe (fresh);

      g_assert_cmpstr (a, ==, b);
    }
}

static void
test_fuzzy_top_n (void)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(SheafFuzzyMatcher) matcher = NULL;
  g_autoptr(GPtrArray) results = NULL;

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *path = g_strdup_printf ("Note %03u.md", 499 - i);
      g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);

      g_ptr_array_add (notes, sheaf_note_new_for_bytes (path, bytes, NULL, SHEAF_NOTE_DEFAULT));
    }

  index = sheaf_fuzzy_index_new (notes);
  g_assert_cmpuint (sheaf_fuzzy_index_get_n_notes (index), ==, 500);
  matcher = sheaf_fuzzy_matcher_new (index);
  results = sheaf_fuzzy_matcher_query (matcher, "note", NULL, 3);

  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpstr (((SheafFuzzyMatch *)g_ptr_array_index (results, 0))->path, ==, "Note 000.md");
  g_assert_cmpstr (((SheafFuzzyMatch *)g_ptr_array_index (results, 2))->path, ==, "Note 002.md");
}

/* Everything a row shows, so two result lists compare as one string. */
static char *
describe_fully (GPtrArray *results)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      SheafFuzzyMatch *match = g_ptr_array_index (results, i);
      g_autofree char *positions = describe_positions (match);

      g_string_append_printf (out, "%s|%s|%d|%d|%s|%s|%d|%s\n", match->path, match->title,
                              match->field, match->alias_index, match->text,
                              sheaf_fuzzy_kind_to_string (match->kind), match->recent, positions);
    }

  return g_string_free (out, FALSE);
}

/* Random notes over a small vocabulary, so every kind of match and many ties
 * turn up: words that start with the same letters, separators, digits, keys
 * longer than 64 bytes (the byte-by-byte matchers) and aliases that repeat
 * the title or each other. */
static GPtrArray *
random_notes (GRand *rand,
              guint  n)
{
  static const char * const vocabulary[] = {
    "a", "ab", "abc", "Abba", "b", "ba", "bac", "cab", "c", "ca", "plan", "Planning", "pl",
    "a-b", "x/y", "q", "qa", "aq", "Note", "notes", "1", "12", "2a", "mix", "mstr", "bus",
    "ÜBer", "über", "café",
  };
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) title = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new ("---\naliases:\n");
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *path = NULL;
      guint n_words = g_rand_int_range (rand, 1, g_rand_int_range (rand, 0, 8) == 0 ? 24 : 5);
      guint n_aliases = g_rand_int_range (rand, 0, 4);

      for (guint w = 0; w < n_words; w++)
        g_string_append_printf (title, "%s%s", w > 0 ? " " : "",
                                vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))]);
      /* unique paths; a few in folders */
      path = g_strdup_printf ("%s%s %u.md", g_rand_boolean (rand) ? "dir/" : "", title->str, i);

      for (guint a = 0; a < n_aliases; a++)
        {
          const char *alias = a == 0 && g_rand_int_range (rand, 0, 4) == 0
            ? title->str : vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];

          g_string_append_printf (text, "  - \"%s\"\n", alias);
        }
      g_string_append (text, "---\nBody.\n");
      bytes = g_bytes_new (text->str, text->len);
      g_ptr_array_add (notes, sheaf_note_new_for_bytes (path, bytes, NULL, SHEAF_NOTE_DEFAULT));
    }

  return notes;
}

typedef struct
{
  guint   note;
  guint8  kind;
  guint   recent;
  guint   span;
  guint   title_len;
  const char *path;
} Reference;

static int
compare_references (gconstpointer a,
                    gconstpointer b)
{
  const Reference *ra = a, *rb = b;

  if (ra->kind != rb->kind)
    return ra->kind < rb->kind ? -1 : 1;
  if (ra->recent != rb->recent)
    return ra->recent < rb->recent ? -1 : 1;
  if (ra->span != rb->span)
    return ra->span < rb->span ? -1 : 1;
  if (ra->title_len != rb->title_len)
    return ra->title_len < rb->title_len ? -1 : 1;

  return strcmp (ra->path, rb->path);
}

/* The ranking as documented, the slow way: every key of every note
 * classified, each note's best key, a full sort. Returns "path:kind" of the
 * first @max, as describe() does. */
static char *
reference_ranking (GPtrArray          *notes,
                   const char         *query,
                   const char * const *recent,
                   guint               max)
{
  g_autofree char *folded = sheaf_text_key (query, -1);
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (Reference));
  g_autofree char *full = g_strstrip (g_strdup (folded));
  guint full_len = strlen (full);
  char q[MAX_QUERY + 1];
  guint qlen = 0;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < full_len && qlen < MAX_QUERY; i++)
    if (!g_ascii_isspace (full[i]))
      q[qlen++] = full[i];

  for (guint n = 0; n < notes->len; n++)
    {
      SheafNote *note = g_ptr_array_index (notes, n);
      const char * const *aliases =
        sheaf_frontmatter_get_aliases (sheaf_note_get_frontmatter (note));
      g_autofree char *title = g_utf8_normalize (sheaf_note_get_title (note), -1, G_NORMALIZE_NFC);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      Reference ref = { 0 };

      ref.note = n;
      ref.path = sheaf_note_get_path (note);
      ref.kind = G_MAXUINT8;
      ref.recent = G_MAXUINT;
      for (guint r = 0; recent != NULL && recent[r] != NULL; r++)
        if (strcmp (recent[r], ref.path) == 0)
          {
            ref.recent = r;
            break;
          }

      g_ptr_array_add (keys, sheaf_text_key (title, -1));
      ref.title_len = strlen (keys->pdata[0]);
      for (guint a = 0; aliases != NULL && aliases[a] != NULL; a++)
        {
          g_autofree char *alias = g_utf8_normalize (aliases[a], -1, G_NORMALIZE_NFC);
          char *key = sheaf_text_key (alias, -1);

          if (key[0] == '\0' || strcmp (key, keys->pdata[0]) == 0)
            g_free (key);
          else
            g_ptr_array_add (keys, key);
        }
      g_ptr_array_add (keys, sheaf_text_path_key (ref.path));

      if (qlen == 0)
        {
          ref.kind = ref.recent != G_MAXUINT ? SHEAF_FUZZY_RECENT : SHEAF_FUZZY_ANY;
          g_array_append_val (refs, ref);
          continue;
        }

      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = keys->pdata[k];
          guint len = strlen (key), span;
          guint pos[MAX_QUERY + 1];
          SheafFuzzyKind kind;

          if (len < qlen || !is_subsequence (key, len, q, qlen))
            continue;
          kind = _sheaf_fuzzy_classify (key, len, full, full_len, q, qlen, &span, pos);
          if (ref.kind == G_MAXUINT8 || kind < ref.kind || (kind == ref.kind && span < ref.span))
            {
              ref.kind = kind;
              ref.span = span;
            }
        }
      if (ref.kind != G_MAXUINT8)
        g_array_append_val (refs, ref);
    }

  g_array_sort (refs, compare_references);
  for (guint i = 0; i < MIN (refs->len, max); i++)
    {
      const Reference *ref = &g_array_index (refs, Reference, i);

      g_string_append_printf (out, "%s%s:%s", i > 0 ? " " : "", ref->path,
                              sheaf_fuzzy_kind_to_string (ref->kind));
    }

  return g_string_free (out, FALSE);
}

static char *
random_query (GRand *rand)
{
  static const char * const pieces[] = {
    "a", "b", "c", "p", "l", "q", "x", "1", "2", " ", "-", "/", "ab", "pl", "plan", "ms",
    "bus", "note", "ü", "é", "z", "abcabcabcabcabcabcab",
  };
  GString *query = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 5);

  for (guint i = 0; i < n; i++)
    g_string_append (query, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  if (g_rand_int_range (rand, 0, 5) == 0)
    g_string_ascii_up (query);

  return g_string_free (query, FALSE);
}

static void
test_fuzzy_reference (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) notes = random_notes (rand, 600);
  g_autoptr(SheafFuzzyIndex) index = sheaf_fuzzy_index_new (notes);
  g_autoptr(SheafFuzzyMatcher) matcher = sheaf_fuzzy_matcher_new (index);
  const char *recent[] = {
    sheaf_note_get_path (notes->pdata[5]), sheaf_note_get_path (notes->pdata[400]),
    sheaf_note_get_path (notes->pdata[77]), NULL,
  };
  const guint sizes[] = { 1, 3, 20, 50, 1000 };

  /* the bounded heap, the prefix range, the tiers and their early exits give
   * exactly the first N of a full sort, for every N */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *query = i == 0 ? g_strdup ("") : random_query (rand);
      const char * const *with = i % 3 == 0 ? recent : NULL;
      guint max = sizes[i % G_N_ELEMENTS (sizes)];
      g_autoptr(SheafFuzzyMatcher) fresh = sheaf_fuzzy_matcher_new (index);
      g_autoptr(GPtrArray) results = sheaf_fuzzy_matcher_query (fresh, query, with, max);
      g_autofree char *got = describe (results);
      g_autofree char *expected = reference_ranking (notes, query, with, max);

      if (g_strcmp0 (got, expected) != 0)
        g_printerr ("query \"%s\", %u results\n", query, max);
      g_assert_cmpstr (got, ==, expected);
    }
}

static void
test_fuzzy_incremental (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GPtrArray) notes = random_notes (rand, 400);
  g_autoptr(SheafFuzzyIndex) index = sheaf_fuzzy_index_new (notes);
  g_autoptr(SheafFuzzyMatcher) matcher = sheaf_fuzzy_matcher_new (index);
  const char *recent[] = { sheaf_note_get_path (notes->pdata[3]), NULL };
  g_autoptr(GString) typed = g_string_new (NULL);

  /* typing, backspacing and starting over through one matcher answers
   * exactly what a fresh matcher does, positions included */
  for (guint i = 0; i < 600; i++)
    {
      guint action = g_rand_int_range (rand, 0, 10);
      g_autoptr(GPtrArray) incremental = NULL;
      g_autoptr(GPtrArray) fresh = NULL;
      g_autoptr(SheafFuzzyMatcher) once = sheaf_fuzzy_matcher_new (index);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (action == 0)
        g_string_truncate (typed, 0);
      else if (action <= 2 && typed->len > 0)
        g_string_truncate (typed, typed->len - 1);
      else
        {
          g_autofree char *piece = random_query (rand);

          gsize len = g_rand_int_range (rand, 0, 3) == 0 ? strlen (piece) : 1;

          g_string_append_len (typed, piece, len);
        }
      if (!g_utf8_validate (typed->str, typed->len, NULL))
        continue;

      incremental = sheaf_fuzzy_matcher_query (matcher, typed->str, i % 2 ? recent : NULL, 20);
      fresh = sheaf_fuzzy_matcher_query (once, typed->str, i % 2 ? recent : NULL, 20);
      a = describe_fully (incremental);
      b = describe_fully (fresh);
      g_assert_cmpstr (a, ==, b);
    }
}

static void
test_fuzzy_incremental_slices (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(GPtrArray) notes = random_notes (rand, 300);
  g_autoptr(SheafFuzzyIndex) index = sheaf_fuzzy_index_new (notes);

  /* Keystrokes answered by prefixes narrow the survivors a slice at a time;
   * a small slice leaves them part narrowed, part not looked at, when a
   * keystroke needs a scan (here, a title typed then a stray letter): still
   * exactly what a fresh matcher answers. */
  for (guint i = 0; i < 200; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, g_rand_int_range (rand, 0, notes->len));
      g_autofree char *title = g_utf8_normalize (sheaf_note_get_title (note), -1, G_NORMALIZE_NFC);
      g_autoptr(SheafFuzzyMatcher) matcher = sheaf_fuzzy_matcher_new (index);
      g_autoptr(GString) typed = g_string_new (NULL);
      guint n = MIN (strlen (title), 12);

      matcher->narrow_step = g_rand_int_range (rand, 1, 200);
      for (guint k = 0; k <= n + 2; k++)
        {
          g_autoptr(SheafFuzzyMatcher) once = sheaf_fuzzy_matcher_new (index);
          g_autoptr(GPtrArray) incremental = NULL;
          g_autoptr(GPtrArray) fresh = NULL;
          g_autofree char *a = NULL;
          g_autofree char *b = NULL;

          if (k < n)
            g_string_append_c (typed, title[k]);
          else
            g_string_append_c (typed, "qxzpe"[g_rand_int_range (rand, 0, 5)]);
          if (!g_utf8_validate (typed->str, typed->len, NULL))
            continue;

          incremental = sheaf_fuzzy_matcher_query (matcher, typed->str, NULL, 3);
          fresh = sheaf_fuzzy_matcher_query (once, typed->str, NULL, 3);
          a = describe_fully (incremental);
          b = describe_fully (fresh);
          g_assert_cmpstr (a, ==, b);
        }
    }
}

static char *
random_key (GRand *rand,
            guint  len)
{
  static const char alphabet[] = "abc -/1\xc3";
  char *key = g_malloc0 (len + KEY_PADDING + 1);

  for (guint i = 0; i < len; i++)
    key[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

  return key;
}

static void
test_fuzzy_bitmap_matchers (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  /* the bitmap matchers agree with the byte-by-byte ones they stand in for */
  for (guint i = 0; i < 20000; i++)
    {
      guint len = g_rand_int_range (rand, 1, 65);
      guint qlen = g_rand_int_range (rand, 1, MIN (len, MAX_BITS_QUERY) + 1);
      g_autofree char *key = random_key (rand, len);
      g_autofree char *q = random_key (rand, qlen);
      guint64 starts = 0;
      guint pos[MAX_QUERY + 1], bits_pos[MAX_QUERY + 1];
      gboolean subsequence = is_subsequence (key, len, q, qlen);
      gboolean word_starts, bits_word_starts, bits_subsequence;
      guint span = 0, bits_span = 0;

      /* garbage past the key must not count */
      memset (key + len + 1, q[0], KEY_PADDING - 1);
      for (guint at = 0; at < len; at++)
        if (is_word_start (key, at))
          starts |= G_GUINT64_CONSTANT (1) << at;

      /* the SSE2 and the portable byte finders agree, past the key too */
      for (guint c = 0; c < qlen; c++)
        g_assert_cmphex (byte_positions (key, q[c]), ==, byte_positions_swar (key, q[c]));

      word_starts = _sheaf_fuzzy_match_word_starts (key, len, q, qlen, pos);
      bits_word_starts = match_word_starts_bits (key, len, starts, q, qlen, bits_pos);
      g_assert_cmpint (word_starts, ==, bits_word_starts);
      if (word_starts)
        g_assert_cmpmem (pos, qlen * sizeof (guint), bits_pos, qlen * sizeof (guint));

      bits_subsequence = match_compact_bits (key, len, q, qlen, &bits_span);
      g_assert_cmpint (subsequence, ==, bits_subsequence);
      if (subsequence)
        {
          span = _sheaf_fuzzy_match_compact (key, len, q, qlen, pos);
          g_assert_cmpuint (span, ==, bits_span);
        }
    }
}

static void
test_fuzzy_recent_late (void)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(SheafFuzzyMatcher) matcher = NULL;
  const char *recent[] = { "Zz Alpha, the recent one with a long title.md",
                           "Kal, the recent one, tidier title.md", NULL };

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *word_start = g_strdup_printf ("Zz Alpha %02u.md", i);
      g_autofree char *inside = g_strdup_printf ("Kal %02u.md", i);
      g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);
      SheafNoteFlags flags = SHEAF_NOTE_DEFAULT;

      g_ptr_array_add (notes, sheaf_note_new_for_bytes (word_start, bytes, NULL, flags));
      g_ptr_array_add (notes, sheaf_note_new_for_bytes (inside, bytes, NULL, flags));
    }
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);

      SheafNote *note = sheaf_note_new_for_bytes (recent[i], bytes, NULL, SHEAF_NOTE_DEFAULT);

      g_ptr_array_add (notes, note);
    }
  index = sheaf_fuzzy_index_new (notes);
  matcher = sheaf_fuzzy_matcher_new (index);

  /* Thirty notes match as tightly as can be, more than are asked for, so the
   * scan could stop early; but not before the recent note, last in tie order. */
  {
    g_autoptr(GPtrArray) results = sheaf_fuzzy_matcher_query (matcher, "al", recent, 5);
    SheafFuzzyMatch *match = g_ptr_array_index (results, 0);

    g_assert_cmpstr (match->path, ==, recent[0]);
    g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_WORD_START);
    g_assert_true (match->recent);
  }
  {
    /* the heap fills with the thirty exactly when the recent note comes up */
    g_autoptr(GPtrArray) results = sheaf_fuzzy_matcher_query (matcher, "al", recent, 30);
    SheafFuzzyMatch *match = g_ptr_array_index (results, 0);

    g_assert_cmpstr (match->path, ==, recent[0]);
    g_assert_true (match->recent);
  }
  {
    g_autoptr(GPtrArray) results = sheaf_fuzzy_matcher_query (matcher, "al", recent + 1, 35);
    SheafFuzzyMatch *match = g_ptr_array_index (results, 31);

    /* the 31 word starts first, then "al" inside "Kal": the recent one first */
    g_assert_cmpstr (match->path, ==, recent[1]);
    g_assert_cmpint (match->kind, ==, SHEAF_FUZZY_SUBSEQUENCE);
    g_assert_true (match->recent);
  }
}

static void
test_fuzzy_large_result (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GPtrArray) notes = random_notes (rand, 50);
  g_autoptr(SheafFuzzyIndex) index = sheaf_fuzzy_index_new (notes);
  g_autoptr(SheafFuzzyMatcher) matcher = sheaf_fuzzy_matcher_new (index);
  g_autoptr(GPtrArray) all = sheaf_fuzzy_matcher_query (matcher, "", NULL, G_MAXUINT);
  g_autoptr(GPtrArray) none = sheaf_fuzzy_matcher_query (matcher, "a", NULL, 0);

  /* asking for more than there are notes returns every note, no more */
  g_assert_cmpuint (all->len, ==, 50);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
index_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SheafFuzzyIndex **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sheaf_fuzzy_index_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_fuzzy_from_vault (void)
{
  g_autofree char *root_path = sheaf_test_copy_fixture ("nav-vault");
  g_autoptr(GFile) root = g_file_new_for_path (root_path);
  g_autoptr(SheafVault) vault = sheaf_vault_new (root);
  g_autoptr(GError) error = NULL;
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(GPtrArray) results = NULL;
  SheafFuzzyMatch *match;

  g_assert_true (sheaf_vault_load (vault, NULL, &error));
  g_assert_no_error (error);

  sheaf_fuzzy_index_new_async (vault, NULL, index_ready_cb, &index);
  while (index == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (sheaf_fuzzy_index_get_n_notes (index), ==, sheaf_vault_get_n_notes (vault));
  results = query (index, "roadmap", NULL);
  g_assert_cmpuint (results->len, >=, 1);
  match = g_ptr_array_index (results, 0);
  g_assert_cmpstr (match->path, ==, "Work/Project Plan.md");
  g_assert_cmpint (match->field, ==, SHEAF_FUZZY_FIELD_ALIAS);

  sheaf_test_remove_tree (root_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/fuzzy/ranking", test_fuzzy_ranking);
  g_test_add_func ("/sheaf/fuzzy/case-and-spaces", test_fuzzy_case_and_spaces);
  g_test_add_func ("/sheaf/fuzzy/compactness", test_fuzzy_compactness);
  g_test_add_func ("/sheaf/fuzzy/alias", test_fuzzy_alias);
  g_test_add_func ("/sheaf/fuzzy/title-beats-alias", test_fuzzy_title_beats_alias);
  g_test_add_func ("/sheaf/fuzzy/path", test_fuzzy_path);
  g_test_add_func ("/sheaf/fuzzy/recent", test_fuzzy_recent);
  g_test_add_func ("/sheaf/fuzzy/ties", test_fuzzy_ties);
  g_test_add_func ("/sheaf/fuzzy/unicode", test_fuzzy_unicode);
  g_test_add_func ("/sheaf/fuzzy/narrowing", test_fuzzy_narrowing);
  g_test_add_func ("/sheaf/fuzzy/top-n", test_fuzzy_top_n);
  g_test_add_func ("/sheaf/fuzzy/reference", test_fuzzy_reference);
  g_test_add_func ("/sheaf/fuzzy/incremental", test_fuzzy_incremental);
  g_test_add_func ("/sheaf/fuzzy/incremental-slices", test_fuzzy_incremental_slices);
  g_test_add_func ("/sheaf/fuzzy/bitmap-matchers", test_fuzzy_bitmap_matchers);
  g_test_add_func ("/sheaf/fuzzy/large-result", test_fuzzy_large_result);
  g_test_add_func ("/sheaf/fuzzy/recent-late", test_fuzzy_recent_late);
  g_test_add_func ("/sheaf/fuzzy/from-vault", test_fuzzy_from_vault);

  return g_test_run ();
}
