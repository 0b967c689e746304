/* test-note.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>

#include "sheaf-note.h"
#include "sheaf-test-util.h"

static const char *fixtures[] = {
  "crlf.md", "bom.md", "invalid-utf8.md", "empty.md", "frontmatter-only.md",
  "unclosed.md", "invalid-yaml.md", "no-newline.md", "odd-yaml.md",
};

static SheafNote *
load (const char  *root,
      const char  *path,
      GFile      **out_file)
{
  g_autofree char *full = g_build_filename (root, path, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (full);
  g_autoptr(GError) error = NULL;
  SheafNote *note = sheaf_note_load (file, path, SHEAF_NOTE_KEEP_TEXT, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (note);
  if (out_file != NULL)
    *out_file = g_steal_pointer (&file);

  return note;
}

static void
test_note_finalizes (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("# x\n", 4);
  SheafNote *note = sheaf_note_new_for_bytes ("x.md", bytes, NULL, SHEAF_NOTE_DEFAULT);

  g_assert_finalize_object (note);
}

/* DESIGN.md §2.1: load then save without an edit is byte-identical. */
static void
test_note_round_trip (void)
{
  g_autofree char *root = sheaf_test_copy_fixture ("notes");

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(SheafNote) note = load (root, fixtures[i], &file);
      g_autoptr(GBytes) before = sheaf_test_read (root, fixtures[i]);
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *etag = NULL;

      g_assert_true (g_bytes_equal (before, sheaf_note_get_bytes (note)));
      g_assert_true (sheaf_note_save_bytes (file, sheaf_note_get_bytes (note),
                                            sheaf_note_get_etag (note), &etag, NULL, &error));
      g_assert_no_error (error);
      g_assert_nonnull (etag);

      after = sheaf_test_read (root, fixtures[i]);
      g_assert_true (g_bytes_equal (before, after));
    }

  sheaf_test_remove_tree (root);
}

static void
test_note_bad_input (void)
{
  g_autofree char *root = sheaf_test_copy_fixture ("notes");
  g_autoptr(SheafNote) invalid = load (root, "invalid-utf8.md", NULL);
  g_autoptr(SheafNote) empty = load (root, "empty.md", NULL);
  g_autoptr(SheafNote) unclosed = load (root, "unclosed.md", NULL);
  g_autoptr(SheafNote) yaml = load (root, "invalid-yaml.md", NULL);
  g_autoptr(SheafNote) crlf = load (root, "crlf.md", NULL);
  g_autoptr(SheafNote) bom = load (root, "bom.md", NULL);
  g_autoptr(GPtrArray) unclosed_tags = NULL;
  g_autoptr(GPtrArray) bom_tags = NULL;
  const SheafLink *links;
  guint n_links = 0;

  g_assert_cmpint (sheaf_note_get_invalid_utf8_at (invalid), ==, 24);
  links = sheaf_parse_result_get_links (sheaf_note_get_parse_result (invalid), &n_links);
  g_assert_cmpuint (n_links, ==, 1);
  g_assert_cmpstr (links[0].target, ==, "Link");

  g_assert_cmpint (sheaf_note_get_invalid_utf8_at (empty), ==, -1);
  g_assert_cmpuint (sheaf_note_get_size (empty), ==, 0);
  g_assert_cmpstr (sheaf_note_get_title (empty), ==, "empty");

  /* no closing fence: no frontmatter, and the tags in it are not tags */
  g_assert_false (sheaf_frontmatter_has_block (sheaf_note_get_frontmatter (unclosed)));
  unclosed_tags = sheaf_note_dup_tags (unclosed);
  g_assert_cmpuint (unclosed_tags->len, ==, 0);

  g_assert_nonnull (sheaf_frontmatter_get_error (sheaf_note_get_frontmatter (yaml)));

  /* a valid title property is the title; otherwise the file name is */
  g_assert_cmpstr (sheaf_note_get_title (crlf), ==, "CRLF note");
  g_assert_cmpstr (sheaf_note_get_title (bom), ==, "bom");
  bom_tags = sheaf_note_dup_tags (bom);
  g_assert_cmpstr (g_ptr_array_index (bom_tags, 0), ==, "bom");

  sheaf_test_remove_tree (root);
}

/* DESIGN.md §2.2: a file changed on disk since load is never overwritten. */
static void
test_note_etag_conflict (void)
{
  g_autofree char *root = sheaf_test_copy_fixture ("notes");
  g_autoptr(GFile) file = NULL;
  g_autoptr(SheafNote) note = load (root, "crlf.md", &file);
  g_autoptr(GBytes) mine = g_bytes_new_static ("mine\n", 5);
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_build_filename (root, "crlf.md", NULL);
  struct utimbuf times = { 1000000000, 1000000000 };

  /* someone else writes the file (and the mtime surely moves) */
  sheaf_test_write (root, "crlf.md", "theirs\n");
  g_assert_cmpint (g_utime (full, &times), ==, 0);

  g_assert_false (sheaf_note_save_bytes (file, mine, sheaf_note_get_etag (note), NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);

  on_disk = sheaf_test_read (root, "crlf.md");
  g_assert_cmpmem (g_bytes_get_data (on_disk, NULL), g_bytes_get_size (on_disk), "theirs\n", 7);

  sheaf_test_remove_tree (root);
}

static void
test_note_save_new (void)
{
  g_autofree char *root = sheaf_test_copy_fixture ("notes");
  g_autofree char *path = g_build_filename (root, "new.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) existing = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("# New\n", 6);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(SheafNote) note = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_true (sheaf_note_save_bytes (file, text, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* creating refuses to replace a file that is there */
  g_assert_false (sheaf_note_save_bytes (file, text, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* a save through the etag leaves no temporary file behind */
  note = load (root, "new.md", &existing);
  g_assert_true (sheaf_note_save_bytes (existing, text, sheaf_note_get_etag (note), NULL, NULL, &error));
  dir = g_dir_open (root, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_has_suffix (name, ".md"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (fixtures) + 1);

  sheaf_test_remove_tree (root);
}

static void
test_note_read_only (void)
{
  g_autofree char *root = sheaf_test_copy_fixture ("notes");
  g_autofree char *sub = g_build_filename (root, "locked", NULL);
  g_autofree char *path = g_build_filename (sub, "x.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) text = g_bytes_new_static ("x\n", 2);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      /* root writes anywhere: use a folder that does not exist instead */
      g_autoptr(GFile) gone = g_file_new_for_path ("/nonexistent/folder/x.md");

      g_assert_false (sheaf_note_save_bytes (gone, text, "etag", NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    }
  else
    {
      g_assert_cmpint (g_mkdir (sub, 0555), ==, 0);
      g_assert_false (sheaf_note_save_bytes (file, text, NULL, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_chmod (sub, 0755);
    }

  sheaf_test_remove_tree (root);
}

static void
test_note_path_helpers (void)
{
  g_autofree char *a = sheaf_note_path_dup_stem ("a/b/Note.MD");
  g_autofree char *b = sheaf_note_path_dup_stem ("v1.5.md");
  g_autofree char *c = sheaf_note_path_dup_stem ("pic.png");

  g_assert_cmpstr (a, ==, "Note");
  g_assert_cmpstr (b, ==, "v1.5");
  g_assert_cmpstr (c, ==, "pic.png");
  g_assert_true (sheaf_note_path_is_note ("x/y.md"));
  g_assert_false (sheaf_note_path_is_note ("x/y.mdx"));
}

/* The vault reads its notes with SHEAF_NOTE_NO_ETAG: the same note, only
 * without the etag; and a file that cannot be read fails the same way. */
static void
test_note_no_etag (void)
{
  g_autofree char *root = sheaf_test_copy_fixture ("notes");
  g_autofree char *missing_path = g_build_filename (root, "missing.md", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) fast_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(SheafNote) full = load (root, fixtures[i], &file);
      g_autoptr(SheafNote) fast = sheaf_note_load (file, fixtures[i],
                                                   SHEAF_NOTE_NO_ETAG | SHEAF_NOTE_KEEP_TEXT,
                                                   NULL, &error);
      guint n_full = 0, n_fast = 0;

      g_assert_no_error (error);
      g_assert_nonnull (sheaf_note_get_etag (full));
      g_assert_null (sheaf_note_get_etag (fast));
      g_assert_true (g_bytes_equal (sheaf_note_get_bytes (full), sheaf_note_get_bytes (fast)));
      g_assert_cmpuint (sheaf_note_get_size (full), ==, sheaf_note_get_size (fast));
      g_assert_cmpstr (sheaf_note_get_title (full), ==, sheaf_note_get_title (fast));
      g_assert_cmpint (sheaf_note_get_invalid_utf8_at (full), ==,
                       sheaf_note_get_invalid_utf8_at (fast));
      sheaf_parse_result_get_links (sheaf_note_get_parse_result (full), &n_full);
      sheaf_parse_result_get_links (sheaf_note_get_parse_result (fast), &n_fast);
      g_assert_cmpuint (n_full, ==, n_fast);
    }

  g_assert_null (sheaf_note_load (missing, "missing.md", SHEAF_NOTE_DEFAULT, NULL, &error));
  g_assert_null (sheaf_note_load (missing, "missing.md", SHEAF_NOTE_NO_ETAG, NULL, &fast_error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_error (fast_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, fast_error->message);
}

static SheafNote *
note_for (const char *path,
          const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return sheaf_note_new_for_bytes (path, bytes, NULL, SHEAF_NOTE_DEFAULT);
}

/* The title shares an allocation with the path or the frontmatter (a vault
 * holds 100 000): both must still read right, through an edit too. */
static void
test_note_title (void)
{
  g_autoptr(SheafNote) stem = note_for ("Deep/Folder/My Note.MD", "text\n");
  g_autoptr(SheafNote) named = note_for ("Deep/x.md", "---\ntitle: Named\n---\nbody\n");
  g_autoptr(SheafNote) bare = note_for ("README", "");
  g_autoptr(SheafNote) edited = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("text!\n", 6);
  g_autofree char *title = NULL;
  SheafTextEdit edit = { 4, 4, 5 };

  g_assert_cmpstr (sheaf_note_get_path (stem), ==, "Deep/Folder/My Note.MD");
  g_assert_cmpstr (sheaf_note_get_title (stem), ==, "My Note");
  g_assert_cmpstr (sheaf_note_get_path (named), ==, "Deep/x.md");
  g_assert_cmpstr (sheaf_note_get_title (named), ==, "Named");
  g_assert_cmpstr (sheaf_note_get_path (bare), ==, "README");
  g_assert_cmpstr (sheaf_note_get_title (bare), ==, "README");
  g_object_get (stem, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "My Note");

  edited = sheaf_note_new_for_edit (stem, "Other/Renamed.md", bytes, NULL, &edit,
                                    SHEAF_NOTE_DEFAULT);
  g_assert_cmpstr (sheaf_note_get_path (edited), ==, "Other/Renamed.md");
  g_assert_cmpstr (sheaf_note_get_title (edited), ==, "Renamed");
}

/* Links in frontmatter values: first among the note's links, each with its
 * key, line and, when the value is written as is, the bytes of [[…]]. */
typedef struct
{
  const char    *raw;
  SheafLinkKind  kind;
  const char    *target;
  const char    *fragment;
  const char    *display;
  const char    *property;
  guint          line;
  gboolean       in_place;
} ExpectedLink;

static const ExpectedLink property_links[] = {
  { "[[Books]]", SHEAF_LINK_WIKILINK, "Books", NULL, NULL, "categories", 3, TRUE },
  { "![[cover.jpg]]", SHEAF_LINK_EMBED, "cover.jpg", NULL, NULL, "cover", 4, TRUE },
  { "[[Kevin Kelly]]", SHEAF_LINK_WIKILINK, "Kevin Kelly", NULL, NULL, "author", 6, TRUE },
  { "[[Books]]", SHEAF_LINK_WIKILINK, "Books", NULL, NULL, "shelf", 7, TRUE },
  { "[[Books#Shelf|the shelf]]", SHEAF_LINK_WIKILINK, "Books", "Shelf", "the shelf", "related", 8, TRUE },
  { "[[Missing Note]]", SHEAF_LINK_WIKILINK, "Missing Note", NULL, NULL, "related", 8, TRUE },
  { "[[Books]]", SHEAF_LINK_WIKILINK, "Books", NULL, NULL, "seen", 9, TRUE },
  { "[[Kevin Kelly]]", SHEAF_LINK_WIKILINK, "Kevin Kelly", NULL, NULL, "seen", 9, TRUE },
  /* "[[\u0042ooks]]": the value is not its source, so no span */
  { "[[Books]]", SHEAF_LINK_WIKILINK, "Books", NULL, NULL, "escaped", 10, FALSE },
  /* not tags, aliases, comments or keys; then the body */
  { "[[Books|book]]", SHEAF_LINK_WIKILINK, "Books", NULL, "book", NULL, 19, TRUE },
};

static void
assert_property_links (SheafNote  *note,
                       const char *text,
                       gsize       length)
{
  const SheafLink *links;
  guint n = 0;
  SheafParseResult *result = sheaf_note_get_parse_result (note);

  links = sheaf_parse_result_get_links (result, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (property_links));
  for (guint i = 0; i < n; i++)
    {
      const ExpectedLink *e = &property_links[i];

      g_test_message ("link %u: %s", i, links[i].raw);
      g_assert_cmpstr (links[i].raw, ==, e->raw);
      g_assert_cmpint (links[i].kind, ==, e->kind);
      g_assert_cmpstr (links[i].target, ==, e->target);
      g_assert_cmpstr (links[i].fragment, ==, e->fragment);
      g_assert_cmpstr (links[i].display, ==, e->display);
      g_assert_cmpstr (links[i].property, ==, e->property);
      g_assert_cmpuint (links[i].line, ==, e->line);
      g_assert_cmpstr (sheaf_parse_result_get_link_target (result, i), ==, e->target);
      g_assert_cmpuint (sheaf_parse_result_get_link_line (result, i), ==, e->line);
      if (e->in_place)
        {
          g_assert_cmpuint (links[i].span.end, <=, length);
          g_assert_cmpuint (links[i].span.end - links[i].span.start, ==, strlen (e->raw));
          g_assert_cmpmem (text + links[i].span.start, strlen (e->raw), e->raw, strlen (e->raw));
        }
      else
        {
          g_assert_cmpuint (links[i].span.start, ==, links[i].span.end);
          g_assert_cmpint (text[links[i].span.start], ==, '"');
        }
    }
}

static void
test_note_property_links (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "props-vault",
                                                 "References", "Out of Control.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  SheafNoteFlags flags[] = { SHEAF_NOTE_DEFAULT, SHEAF_NOTE_KEEP_TREE | SHEAF_NOTE_KEEP_TEXT };

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  bytes = g_bytes_new (text, length);

  /* compact (what the index keeps) and full (an open note) */
  for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
    {
      g_autoptr(SheafNote) note = sheaf_note_new_for_bytes ("References/Out of Control.md",
                                                            bytes, NULL, flags[f]);

      assert_property_links (note, text, length);
    }
}

/* A reparse of the body keeps the frontmatter's links, whose strings must
 * outlive the parse that found them (ASan watches). */
static void
test_note_property_links_reparse (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "props-vault",
                                                 "References", "Out of Control.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SheafNote) note = NULL;
  gsize length = 0;
  const char *body;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  bytes = g_bytes_new (text, length);
  note = sheaf_note_new_for_bytes ("a.md", bytes, NULL, SHEAF_NOTE_KEEP_TREE | SHEAF_NOTE_KEEP_TEXT);
  body = strstr (text, "# Out of Control");

  /* Edits of the first block and after: each replaces the block holding the
   * previous parse, then one that makes the parse whole ($$ is unsafe). */
  for (guint i = 0; i < 4; i++)
    {
      const char *insert = i == 3 ? "$$" : "x";
      gsize at = body - text + (i == 1 ? 5 : 2);
      GString *edited = g_string_new_len (text, length);
      g_autoptr(GBytes) new_bytes = NULL;
      SheafTextEdit edit = { at, at, at + strlen (insert) };
      SheafNote *next;

      g_string_insert (edited, at, insert);
      g_free (text);
      length = edited->len;
      text = g_string_free (edited, FALSE);
      body = strstr (text, "# ");
      new_bytes = g_bytes_new (text, length);
      next = sheaf_note_new_for_edit (note, "a.md", new_bytes, NULL, &edit,
                                      SHEAF_NOTE_KEEP_TREE | SHEAF_NOTE_KEEP_TEXT);
      g_object_unref (note);
      note = next;
      assert_property_links (note, text, length);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/note/finalizes", test_note_finalizes);
  g_test_add_func ("/sheaf/note/round-trip", test_note_round_trip);
  g_test_add_func ("/sheaf/note/bad-input", test_note_bad_input);
  g_test_add_func ("/sheaf/note/etag-conflict", test_note_etag_conflict);
  g_test_add_func ("/sheaf/note/save-new", test_note_save_new);
  g_test_add_func ("/sheaf/note/read-only", test_note_read_only);
  g_test_add_func ("/sheaf/note/path-helpers", test_note_path_helpers);
  g_test_add_func ("/sheaf/note/no-etag", test_note_no_etag);
  g_test_add_func ("/sheaf/note/title", test_note_title);
  g_test_add_func ("/sheaf/note/property-links", test_note_property_links);
  g_test_add_func ("/sheaf/note/property-links-reparse", test_note_property_links_reparse);

  return g_test_run ();
}
