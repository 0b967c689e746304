/* test-document.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "sheaf-document.h"
#include "sheaf-test-util.h"

#define WAIT_SECONDS 10

/* Spins the main loop until @cond holds; fails after WAIT_SECONDS. */
#define WAIT_FOR(cond)                                                          \
  G_STMT_START {                                                                \
    gboolean timed_out_ = FALSE;                                                \
    guint guard_ = g_timeout_add_seconds (WAIT_SECONDS, set_flag_cb, &timed_out_); \
    while (!(cond) && !timed_out_)                                              \
      g_main_context_iteration (NULL, TRUE);                                    \
    if (!timed_out_)                                                            \
      g_source_remove (guard_);                                                 \
    if (!(cond))                                                                \
      g_error ("Timed out waiting for %s", #cond);                              \
  } G_STMT_END

typedef struct
{
  char          *root;      /* a temporary copy of tests/data/document */
  SheafDocument *doc;
  GAsyncResult  *result;
  guint          n_reloaded;
  guint          n_conflict;   /* notify::conflict */
} Fixture;

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds: to show that something does
 * NOT happen within a time it would have. */
static void
spin_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

static void
reloaded_cb (SheafDocument *doc,
             Fixture       *fixture)
{
  fixture->n_reloaded++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static GAsyncResult *
take_result (Fixture *fixture)
{
  WAIT_FOR (fixture->result != NULL);
  return g_steal_pointer (&fixture->result);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->root = sheaf_test_copy_fixture ("document");
  fixture->doc = sheaf_document_new ();
  g_signal_connect (fixture->doc, "reloaded", G_CALLBACK (reloaded_cb), fixture);
  g_signal_connect (fixture->doc, "notify::conflict", G_CALLBACK (count_notify_cb),
                    &fixture->n_conflict);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *tmp = g_path_get_dirname (fixture->root);

  /* Let workers in flight finish, then the document must go away. */
  WAIT_FOR (!sheaf_document_get_saving (fixture->doc) &&
            !sheaf_document_get_loading (fixture->doc));
  spin_for (400);
  g_assert_finalize_object (fixture->doc);
  g_clear_object (&fixture->result);

  sheaf_test_remove_tree (tmp);
  g_free (fixture->root);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->root, name, NULL);
}

static GBytes *
read_file (Fixture    *fixture,
           const char *name)
{
  return sheaf_test_read (fixture->root, name);
}

static void
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  sheaf_test_write (fixture->root, name, contents);
}

static void
assert_file_equals (Fixture    *fixture,
                    const char *name,
                    const char *expected,
                    gssize      length)
{
  g_autoptr(GBytes) bytes = read_file (fixture, name);
  g_autoptr(GBytes) want = g_bytes_new (expected, length < 0 ? strlen (expected) : (gsize)length);

  if (!g_bytes_equal (bytes, want))
    {
      g_autofree char *got = g_strescape (g_bytes_get_data (bytes, NULL) ? g_bytes_get_data (bytes, NULL) : "", NULL);
      g_autofree char *exp = g_strescape (expected, NULL);

      g_error ("%s: got \"%.*s\", expected \"%s\"", name,
               (int)g_bytes_get_size (bytes), got, exp);
    }
}

static char *
dup_text (SheafDocument *doc)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (doc), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (doc), &start, &end, TRUE);
}

static void
load (Fixture    *fixture,
      const char *name)
{
  g_autofree char *full = fixture_path (fixture, name);
  g_autoptr(GFile) file = g_file_new_for_path (full);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sheaf_document_load_async (fixture->doc, file, name, NULL, result_cb, fixture);
  g_assert_true (sheaf_document_get_loading (fixture->doc));
  result = take_result (fixture);
  g_assert_true (sheaf_document_load_finish (fixture->doc, result, &error));
  g_assert_no_error (error);
  g_assert_false (sheaf_document_get_loading (fixture->doc));
  g_assert_false (sheaf_document_get_dirty (fixture->doc));
}

static gboolean
save (Fixture  *fixture,
      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sheaf_document_save_async (fixture->doc, NULL, result_cb, fixture);
  result = take_result (fixture);
  return sheaf_document_save_finish (fixture->doc, result, error);
}

static void
append_text (SheafDocument *doc,
             const char    *text)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (doc), &end);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (doc), &end, text, -1);
}

/* An edit that leaves the text as it was, so a save must write the bytes
 * that were read: what "load then save is byte-identical" means once the
 * text has really gone through the buffer and back. */
static void
touch_text (SheafDocument *doc)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (doc);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "x", 1);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  {
    GtkTextIter next = iter;

    gtk_text_iter_forward_char (&next);
    gtk_text_buffer_delete (buffer, &iter, &next);
  }
}

static void
assert_no_stray_files (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->root, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.' || !g_str_has_suffix (name, ".md"))
      g_assert_cmpstr (name, ==, "sub");
}

static void
test_finalizes (void)
{
  g_assert_finalize_object (sheaf_document_new ());
}

static void
test_finalizes_loaded (Fixture       *fixture,
                       gconstpointer  data)
{
  load (fixture, "plain.md");
  append_text (fixture->doc, "more\n");
  /* teardown asserts the loaded, watched, edited document finalizes */
}

static void
test_style_scheme (Fixture       *fixture,
                   gconstpointer  data)
{
  sheaf_document_update_style_scheme (fixture->doc, TRUE);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (
                     gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (fixture->doc))),
                   ==, "Adwaita-dark");
  sheaf_document_update_style_scheme (fixture->doc, FALSE);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (
                     gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (fixture->doc))),
                   ==, "Adwaita");
}

typedef struct
{
  const char *name;
  const char *shown;   /* what the buffer must hold */
  const char *title;
} RoundTrip;

static const RoundTrip round_trips[] = {
  { "bom.md", "---\ntitle: With BOM\n---\n# BOM\n\nBody line\n", "With BOM" },
  { "crlf.md", "---\ntitle: CRLF note\ntags:\n  - a\n---\n# Heading\n\nBody [[Link]]\n",
    "CRLF note" },
  { "bom-crlf.md", "# BOM and CRLF\n\n- [ ] task\nlast line\n", "bom-crlf" },
  { "mixed.md", "# Mixed\r\nunix line\nwindows line\r\nlone cr\rend\n", "mixed" },
  { "no-newline.md", "No final newline [[Link]]", "no-newline" },
  { "empty.md", "", "empty" },
  { "frontmatter-only.md", "---\naliases: [Only]\n---\n", "frontmatter-only" },
  { "plain.md", "# Plain\n\nFirst paragraph.\n\nSecond paragraph.\nThird line.\n", "plain" },
};

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const RoundTrip *rt = data;
  g_autoptr(GBytes) before = read_file (fixture, rt->name);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SheafNote *note;
  guint n_saving = 0;

  load (fixture, rt->name);

  text = dup_text (fixture->doc);
  g_assert_cmpstr (text, ==, rt->shown);
  g_assert_cmpstr (sheaf_document_get_title (fixture->doc), ==, rt->title);
  g_assert_cmpstr (sheaf_document_get_path (fixture->doc), ==, rt->name);
  g_assert_false (sheaf_document_get_read_only (fixture->doc));
  g_assert_null (sheaf_document_get_problem (fixture->doc));
  g_assert_false (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (fixture->doc)));

  /* The note is the parse of the text shown, so its spans index the buffer. */
  note = sheaf_document_get_note (fixture->doc);
  g_assert_nonnull (note);
  g_assert_cmpmem (g_bytes_get_data (sheaf_note_get_bytes (note), NULL),
                   g_bytes_get_size (sheaf_note_get_bytes (note)),
                   rt->shown, strlen (rt->shown));

  /* A save with nothing to save writes nothing. */
  g_signal_connect (fixture->doc, "notify::saving", G_CALLBACK (count_notify_cb), &n_saving);
  g_assert_true (save (fixture, &error));
  g_assert_cmpuint (n_saving, ==, 0);

  /* Through the buffer and back: the same bytes, BOM and endings included. */
  touch_text (fixture->doc);
  g_assert_true (sheaf_document_get_dirty (fixture->doc));
  g_assert_true (save (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_saving, ==, 2);
  g_assert_false (sheaf_document_get_dirty (fixture->doc));

  after = read_file (fixture, rt->name);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                   g_bytes_get_data (before, NULL), g_bytes_get_size (before));
  assert_no_stray_files (fixture);

  /* Our own save is not an external change. */
  spin_for (300);
  g_assert_cmpuint (fixture->n_reloaded, ==, 0);
  g_assert_false (sheaf_document_get_conflict (fixture->doc));
}

static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) before = read_file (fixture, "invalid-utf8.md");
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *problem;

  load (fixture, "invalid-utf8.md");

  g_assert_true (sheaf_document_get_read_only (fixture->doc));
  problem = sheaf_document_get_problem (fixture->doc);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "invalid UTF-8 at byte 24"));

  text = dup_text (fixture->doc);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, ==, "---\ntags: [x]\n---\n# Bad \xef\xbf\xbd\xef\xbf\xbd bytes\n\n- [ ] task\n");
  g_assert_nonnull (sheaf_document_get_note (fixture->doc));

  /* Even if a view lets an edit through, nothing is ever written. */
  g_assert_false (sheaf_document_toggle_task (fixture->doc, 6));
  append_text (fixture->doc, "typed\n");
  spin_for (1500);
  g_assert_false (sheaf_document_get_saving (fixture->doc));

  g_assert_false (save (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);

  after = read_file (fixture, "invalid-utf8.md");
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_autosave (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *text = NULL;
  guint n_dirty = 0;

  load (fixture, "bom-crlf.md");
  g_signal_connect (fixture->doc, "notify::dirty", G_CALLBACK (count_notify_cb), &n_dirty);

  append_text (fixture->doc, "typed");
  append_text (fixture->doc, " more\n");
  g_assert_true (sheaf_document_get_dirty (fixture->doc));
  g_assert_cmpuint (n_dirty, ==, 1);

  /* Not at once: autosave waits for typing to stop. */
  spin_for (300);
  assert_file_equals (fixture, "bom-crlf.md",
                      "\xef\xbb\xbf# BOM and CRLF\r\n\r\n- [ ] task\r\nlast line\r\n", -1);
  g_assert_true (sheaf_document_get_dirty (fixture->doc));

  WAIT_FOR (!sheaf_document_get_dirty (fixture->doc));
  g_assert_cmpuint (n_dirty, ==, 2);
  assert_file_equals (fixture, "bom-crlf.md",
                      "\xef\xbb\xbf# BOM and CRLF\r\n\r\n- [ ] task\r\nlast line\r\ntyped more\r\n",
                      -1);
  assert_no_stray_files (fixture);
  g_assert_null (sheaf_document_get_error (fixture->doc));

  text = dup_text (fixture->doc);
  g_assert_cmpstr (text, ==, "# BOM and CRLF\n\n- [ ] task\nlast line\ntyped more\n");

  spin_for (300);
  g_assert_cmpuint (fixture->n_reloaded, ==, 0);
}

static gboolean
note_has (SheafNote  *note,
          const char *needle)
{
  GBytes *bytes = sheaf_note_get_bytes (note);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return data != NULL && g_strstr_len (data, size, needle) != NULL;
}

static void
test_note_updates (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (fixture->doc);
  GtkTextIter start;
  GtkTextIter end;
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *text = NULL;
  SheafNote *first;
  SheafNote *note;
  guint n_note = 0;
  guint n_title = 0;

  load (fixture, "crlf.md");
  first = sheaf_document_get_note (fixture->doc);
  g_assert_cmpstr (sheaf_note_get_title (first), ==, "CRLF note");

  g_signal_connect (fixture->doc, "notify::note", G_CALLBACK (count_notify_cb), &n_note);
  g_signal_connect (fixture->doc, "notify::title", G_CALLBACK (count_notify_cb), &n_title);

  /* The title comes from the frontmatter: edit it. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 1, 7);
  gtk_text_buffer_insert (buffer, &start, "New ", -1);
  g_assert_true (sheaf_document_get_note (fixture->doc) == first);
  WAIT_FOR (n_note == 1);
  note = sheaf_document_get_note (fixture->doc);
  g_assert_cmpstr (sheaf_note_get_title (note), ==, "New CRLF note");
  g_assert_cmpstr (sheaf_document_get_title (fixture->doc), ==, "New CRLF note");
  g_assert_cmpuint (n_title, ==, 1);

  /* Line numbers are the file's (CRLF shown as LF keeps them). */
  {
    guint n_headings = 0;
    const SheafHeading *headings =
      sheaf_parse_result_get_headings (sheaf_note_get_parse_result (note), &n_headings);

    g_assert_cmpuint (n_headings, ==, 1);
    g_assert_cmpuint (headings[0].line, ==, 6);
  }

  /* A slow parse of a big text, then a quick edit: the stale result, finishing
   * last, must not replace the newer one. */
  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (big, "- item %u with [[link %u]] and #tag%u *em* `code`\n", i, i, i);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, big->str, big->len);
  spin_for (200);   /* the big parse has started */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 8);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "Last words\n", -1);

  WAIT_FOR (note_has (sheaf_document_get_note (fixture->doc), "Last words\n"));
  spin_for (1500);  /* time for the big parse to come back, and be dropped */

  text = dup_text (fixture->doc);
  note = sheaf_document_get_note (fixture->doc);
  g_assert_cmpmem (g_bytes_get_data (sheaf_note_get_bytes (note), NULL),
                   g_bytes_get_size (sheaf_note_get_bytes (note)),
                   text, strlen (text));
  g_assert_nonnull (strstr (text, "Last words\n"));
}

static gboolean
note_is_text (SheafDocument *doc)
{
  g_autofree char *text = dup_text (doc);
  GBytes *bytes = sheaf_note_get_bytes (sheaf_document_get_note (doc));

  return g_bytes_get_size (bytes) == strlen (text) &&
         memcmp (g_bytes_get_data (bytes, NULL), text, strlen (text)) == 0;
}

/* Typing reparses only the blocks it touched, with the facts of a full parse. */
static void
test_reparse (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const typed[] = { "é", "[[Ünï]] ", "\n\n## Mid\n\n", "#tag ", "> " };
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (fixture->doc);
  g_autoptr(GString) big = g_string_new (NULL);
  GtkTextIter iter, end;

  load (fixture, "crlf.md");
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (big, "\nParagraph %u — with [[link %u]] and #tag%u.\n", i, i, i);
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, big->str, big->len);
  WAIT_FOR (note_is_text (fixture->doc));

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      SheafNote *note;
      g_autoptr(SheafNote) whole = NULL;
      const SheafLink *a, *b;
      guint na, nb;

      /* Two edits in one pause: one reparse covers both. */
      gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 100 + 40 * i, 4);
      gtk_text_buffer_insert (buffer, &iter, typed[i], -1);
      gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 120 + 40 * i, 2);
      end = iter;
      gtk_text_iter_forward_char (&end);
      gtk_text_buffer_delete (buffer, &iter, &end);
      WAIT_FOR (note_is_text (fixture->doc));

      note = sheaf_document_get_note (fixture->doc);
      g_assert_true (sheaf_parse_result_is_partial (sheaf_note_get_parse_result (note)));
      whole = sheaf_note_new_for_bytes ("crlf.md", sheaf_note_get_bytes (note), NULL,
                                        SHEAF_NOTE_KEEP_TREE);
      a = sheaf_parse_result_get_links (sheaf_note_get_parse_result (note), &na);
      b = sheaf_parse_result_get_links (sheaf_note_get_parse_result (whole), &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint l = 0; l < na; l++)
        {
          g_assert_cmpstr (a[l].target, ==, b[l].target);
          g_assert_cmpuint (a[l].line, ==, b[l].line);
          g_assert_cmpuint (a[l].span.start, ==, b[l].span.start);
          g_assert_cmpuint (a[l].span.end, ==, b[l].span.end);
        }
    }
}

static void
test_external_clean (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (fixture->doc);
  GtkTextIter iter;
  g_autofree char *text = NULL;

  load (fixture, "plain.md");
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 4);
  gtk_text_buffer_place_cursor (buffer, &iter);

  write_file (fixture, "plain.md", "# Changed\n\nOne\nTwo\nThree\nFour\nFive\n");
  WAIT_FOR (fixture->n_reloaded == 1);

  text = dup_text (fixture->doc);
  g_assert_cmpstr (text, ==, "# Changed\n\nOne\nTwo\nThree\nFour\nFive\n");
  g_assert_false (sheaf_document_get_dirty (fixture->doc));
  g_assert_false (sheaf_document_get_conflict (fixture->doc));
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&iter), ==, 4);
  WAIT_FOR (g_strcmp0 (sheaf_document_get_title (fixture->doc), "plain") == 0 &&
            sheaf_note_get_size (sheaf_document_get_note (fixture->doc)) == strlen (text));

  /* The reloaded text is the new base: editing and saving it works. */
  append_text (fixture->doc, "Six\n");
  WAIT_FOR (!sheaf_document_get_dirty (fixture->doc));
  assert_file_equals (fixture, "plain.md", "# Changed\n\nOne\nTwo\nThree\nFour\nFive\nSix\n", -1);
  spin_for (300);
  g_assert_cmpuint (fixture->n_reloaded, ==, 1);
}

static const char theirs[] = "# Theirs\n\nWritten elsewhere.\n";
static const char mine[] = "# Plain\n\nFirst paragraph.\n\nSecond paragraph.\nThird line.\nMine\n";

/* A dirty buffer, then a change on disk: a conflict, and nothing saved over. */
static void
make_conflict (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  load (fixture, "plain.md");
  append_text (fixture->doc, "Mine\n");
  write_file (fixture, "plain.md", theirs);

  WAIT_FOR (sheaf_document_get_conflict (fixture->doc));
  g_assert_true (sheaf_document_get_dirty (fixture->doc));
  g_assert_cmpuint (fixture->n_reloaded, ==, 0);

  spin_for (1500);
  assert_file_equals (fixture, "plain.md", theirs, -1);
  g_assert_true (sheaf_document_get_dirty (fixture->doc));
  g_assert_cmpuint (fixture->n_conflict, ==, 1);

  g_assert_false (save (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  assert_file_equals (fixture, "plain.md", theirs, -1);
}

static void
test_conflict_reload (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = NULL;

  make_conflict (fixture);

  sheaf_document_reload (fixture->doc);
  WAIT_FOR (!sheaf_document_get_conflict (fixture->doc) &&
            !sheaf_document_get_loading (fixture->doc));
  text = dup_text (fixture->doc);
  g_assert_cmpstr (text, ==, theirs);
  g_assert_false (sheaf_document_get_dirty (fixture->doc));
  assert_file_equals (fixture, "plain.md", theirs, -1);
  spin_for (300);
  g_assert_cmpuint (fixture->n_reloaded, ==, 0);
}

static void
test_conflict_keep_mine (Fixture       *fixture,
                         gconstpointer  data)
{
  make_conflict (fixture);

  sheaf_document_keep_mine (fixture->doc);
  g_assert_false (sheaf_document_get_conflict (fixture->doc));
  WAIT_FOR (!sheaf_document_get_dirty (fixture->doc) &&
            !sheaf_document_get_saving (fixture->doc));
  assert_file_equals (fixture, "plain.md", mine, -1);
  spin_for (300);
  g_assert_false (sheaf_document_get_conflict (fixture->doc));
  g_assert_cmpuint (fixture->n_reloaded, ==, 0);
}

static void
test_conflict_save_copy (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *text = NULL;

  /* "(my copy)" is taken already: it must not be touched. */
  write_file (fixture, "plain (my copy).md", "an older copy\n");
  make_conflict (fixture);

  sheaf_document_save_copy_async (fixture->doc, NULL, result_cb, fixture);
  result = take_result (fixture);
  copy = sheaf_document_save_copy_finish (fixture->doc, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy, ==, "plain (my copy 2).md");

  assert_file_equals (fixture, "plain (my copy 2).md", mine, -1);
  assert_file_equals (fixture, "plain (my copy).md", "an older copy\n", -1);
  assert_file_equals (fixture, "plain.md", theirs, -1);

  text = dup_text (fixture->doc);
  g_assert_cmpstr (text, ==, theirs);
  g_assert_false (sheaf_document_get_conflict (fixture->doc));
  g_assert_cmpuint (fixture->n_conflict, ==, 2);
  g_assert_false (sheaf_document_get_dirty (fixture->doc));
  g_assert_cmpstr (sheaf_document_get_path (fixture->doc), ==, "plain.md");
}

static void
test_save_copy_nested (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;

  load (fixture, "sub/nested.md");
  append_text (fixture->doc, "x\n");
  sheaf_document_save_copy_async (fixture->doc, NULL, result_cb, fixture);
  result = take_result (fixture);
  copy = sheaf_document_save_copy_finish (fixture->doc, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy, ==, "sub/nested (my copy).md");
  assert_file_equals (fixture, "sub/nested (my copy).md", "# Nested\n\nIn a folder.\nx\n", -1);
  assert_file_equals (fixture, "sub/nested.md", "# Nested\n\nIn a folder.\n", -1);
}

static void
test_failed_save (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = fixture_path (fixture, "sub");
  g_autofree char *file = fixture_path (fixture, "sub/nested.md");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint n_error = 0;

  load (fixture, "sub/nested.md");
  g_signal_connect (fixture->doc, "notify::error", G_CALLBACK (count_notify_cb), &n_error);
  append_text (fixture->doc, "kept\n");
  sheaf_test_remove_tree (folder);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  g_assert_false (save (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (sheaf_document_get_error (fixture->doc));
  g_assert_cmpuint (n_error, ==, 1);
  g_assert_true (sheaf_document_get_dirty (fixture->doc));
  g_assert_true (sheaf_document_get_deleted (fixture->doc));
  text = dup_text (fixture->doc);
  g_assert_cmpstr (text, ==, "# Nested\n\nIn a folder.\nkept\n");

  /* Autosave never brings the note back by itself. */
  append_text (fixture->doc, "more\n");
  spin_for (1500);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_true (sheaf_document_get_dirty (fixture->doc));

  /* The folder is back and the user saves: the note is written again. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_clear_error (&error);
  g_assert_true (save (fixture, &error));
  g_assert_no_error (error);
  g_assert_null (sheaf_document_get_error (fixture->doc));
  g_assert_false (sheaf_document_get_dirty (fixture->doc));
  g_assert_false (sheaf_document_get_deleted (fixture->doc));
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  assert_file_equals (fixture, "sub/nested.md", "# Nested\n\nIn a folder.\nkept\nmore\n", -1);
}

static void
test_deleted_clean (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *file = fixture_path (fixture, "plain.md");

  load (fixture, "plain.md");
  g_assert_cmpint (g_unlink (file), ==, 0);
  WAIT_FOR (sheaf_document_get_deleted (fixture->doc));
  g_assert_false (sheaf_document_get_conflict (fixture->doc));

  /* Closing it saves nothing; editing it does not recreate it either. */
  g_assert_true (save (fixture, NULL));
  append_text (fixture->doc, "edit\n");
  spin_for (1500);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  /* It comes back from elsewhere while we have edits: a conflict. */
  write_file (fixture, "plain.md", theirs);
  WAIT_FOR (sheaf_document_get_conflict (fixture->doc));
  g_assert_false (sheaf_document_get_deleted (fixture->doc));
  assert_file_equals (fixture, "plain.md", theirs, -1);
}

static void
test_toggle_task (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    guint       line;
    gboolean    is_task;
    const char *after;  /* the line after the toggle */
  } cases[] = {
    { 3, TRUE, "- [x] open" },
    { 4, TRUE, "- [ ] done" },
    { 5, TRUE, "  * [ ] nested done" },
    { 6, TRUE, "1. [x] numbered" },
    { 7, TRUE, "> - [x] quoted" },
    { 8, FALSE, NULL },
    { 9, FALSE, NULL },
    { 10, TRUE, "- [ ] unicode mark" },
    { 11, TRUE, "+ [x]" },
    { 1, FALSE, NULL },
    { 0, FALSE, NULL },
    { 99, FALSE, NULL },
  };
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (fixture->doc);
  g_autofree char *original = NULL;

  load (fixture, "tasks.md");
  original = dup_text (fixture->doc);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) before = g_strsplit (original, "\n", -1);
      g_auto(GStrv) lines = NULL;
      g_autofree char *text = NULL;
      g_autofree char *undone = NULL;

      g_assert_cmpint (sheaf_document_toggle_task (fixture->doc, cases[i].line), ==,
                       cases[i].is_task);
      text = dup_text (fixture->doc);
      lines = g_strsplit (text, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (before));

      for (guint j = 0; lines[j] != NULL; j++)
        if (cases[i].is_task && j + 1 == cases[i].line)
          g_assert_cmpstr (lines[j], ==, cases[i].after);
        else
          g_assert_cmpstr (lines[j], ==, before[j]);

      if (!cases[i].is_task)
        continue;

      /* One undo step puts it back. */
      g_assert_true (gtk_text_buffer_get_can_undo (buffer));
      gtk_text_buffer_undo (buffer);
      undone = dup_text (fixture->doc);
      g_assert_cmpstr (undone, ==, original);
      g_assert_false (gtk_text_buffer_get_can_undo (buffer));
    }
}

static void
test_toggle_task_bytes (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  load (fixture, "bom-crlf.md");
  g_assert_true (sheaf_document_toggle_task (fixture->doc, 3));
  g_assert_true (sheaf_document_get_dirty (fixture->doc));
  g_assert_true (save (fixture, &error));
  g_assert_no_error (error);
  assert_file_equals (fixture, "bom-crlf.md",
                      "\xef\xbb\xbf# BOM and CRLF\r\n\r\n- [x] task\r\nlast line\r\n", -1);
}

static void
test_load_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *full = fixture_path (fixture, "missing.md");
  g_autoptr(GFile) file = g_file_new_for_path (full);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Unsaved edits to one note, then another note that cannot be read: the
   * first note's text must go to neither file. */
  load (fixture, "plain.md");
  append_text (fixture->doc, "edit\n");

  sheaf_document_load_async (fixture->doc, file, "missing.md", NULL, result_cb, fixture);
  result = take_result (fixture);
  g_assert_false (sheaf_document_load_finish (fixture->doc, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (sheaf_document_get_error (fixture->doc));
  g_assert_false (sheaf_document_get_loading (fixture->doc));

  g_clear_error (&error);
  g_assert_false (save (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  append_text (fixture->doc, "more\n");
  spin_for (1500);
  g_assert_false (g_file_test (full, G_FILE_TEST_EXISTS));
  assert_file_equals (fixture, "plain.md",
                      "# Plain\n\nFirst paragraph.\n\nSecond paragraph.\nThird line.\n", -1);

  /* It appears: a reload is the way to retry. */
  write_file (fixture, "missing.md", "found\n");
  sheaf_document_reload (fixture->doc);
  WAIT_FOR (!sheaf_document_get_loading (fixture->doc));
  g_assert_null (sheaf_document_get_error (fixture->doc));
  g_assert_false (sheaf_document_get_dirty (fixture->doc));
  {
    g_autofree char *text = dup_text (fixture->doc);

    g_assert_cmpstr (text, ==, "found\n");
  }
}

static void
test_load_twice (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *a = fixture_path (fixture, "plain.md");
  g_autofree char *b = fixture_path (fixture, "crlf.md");
  g_autoptr(GFile) file_a = g_file_new_for_path (a);
  g_autoptr(GFile) file_b = g_file_new_for_path (b);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Switching notes quickly: the first load loses, the second is shown. */
  sheaf_document_load_async (fixture->doc, file_a, "plain.md", NULL, result_cb, fixture);
  result = take_result (fixture);
  g_assert_true (sheaf_document_load_finish (fixture->doc, result, &error));
  g_clear_object (&result);

  sheaf_document_load_async (fixture->doc, file_a, "plain.md", NULL, NULL, NULL);
  sheaf_document_load_async (fixture->doc, file_b, "crlf.md", NULL, result_cb, fixture);
  result = take_result (fixture);
  g_assert_true (sheaf_document_load_finish (fixture->doc, result, &error));
  g_assert_no_error (error);
  WAIT_FOR (!sheaf_document_get_loading (fixture->doc));
  spin_for (100);

  text = dup_text (fixture->doc);
  g_assert_true (g_str_has_prefix (text, "---\ntitle: CRLF note\n"));
  g_assert_cmpstr (sheaf_document_get_path (fixture->doc), ==, "crlf.md");
  g_assert_cmpstr (sheaf_document_get_title (fixture->doc), ==, "CRLF note");
}

static void
add_test (const char    *name,
          gconstpointer  data,
          void         (*func) (Fixture *, gconstpointer))
{
  g_test_add (name, Fixture, data, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  gtk_source_init ();

  g_test_add_func ("/sheaf/document/finalizes", test_finalizes);
  add_test ("/sheaf/document/finalizes-loaded", NULL, test_finalizes_loaded);
  add_test ("/sheaf/document/style-scheme", NULL, test_style_scheme);

  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sheaf/document/round-trip/%s",
                                               round_trips[i].name);

      add_test (name, &round_trips[i], test_round_trip);
    }

  add_test ("/sheaf/document/invalid-utf8", NULL, test_invalid_utf8);
  add_test ("/sheaf/document/autosave", NULL, test_autosave);
  add_test ("/sheaf/document/note-updates", NULL, test_note_updates);
  add_test ("/sheaf/document/reparse", NULL, test_reparse);
  add_test ("/sheaf/document/external/clean", NULL, test_external_clean);
  add_test ("/sheaf/document/external/deleted", NULL, test_deleted_clean);
  add_test ("/sheaf/document/conflict/reload", NULL, test_conflict_reload);
  add_test ("/sheaf/document/conflict/keep-mine", NULL, test_conflict_keep_mine);
  add_test ("/sheaf/document/conflict/save-copy", NULL, test_conflict_save_copy);
  add_test ("/sheaf/document/save-copy-nested", NULL, test_save_copy_nested);
  add_test ("/sheaf/document/failed-save", NULL, test_failed_save);
  add_test ("/sheaf/document/toggle-task", NULL, test_toggle_task);
  add_test ("/sheaf/document/toggle-task-bytes", NULL, test_toggle_task_bytes);
  add_test ("/sheaf/document/load-missing", NULL, test_load_missing);
  add_test ("/sheaf/document/load-twice", NULL, test_load_twice);

  return g_test_run ();
}
