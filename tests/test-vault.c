/* test-vault.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sheaf-index.h"
#include "sheaf-mentions.h"
#include "sheaf-test-util.h"
#include "sheaf-vault.h"

typedef SheafTestVault Fixture;

/* Resolves a made-up link to @target from @source. */
static SheafResolution
resolve (SheafVault  *vault,
         const char  *source,
         const char  *target,
         char       **resolved,
         gboolean    *ambiguous)
{
  g_auto(SheafResolved) out = { 0 };
  SheafLink link = { 0 };

  link.kind = SHEAF_LINK_WIKILINK;
  link.target = (char *)target;
  sheaf_vault_resolve (vault, source, &link, &out);

  if (resolved != NULL)
    *resolved = g_steal_pointer (&out.resolved);
  if (ambiguous != NULL)
    *ambiguous = out.ambiguous;

  return out.resolution;
}

static void
assert_resolves (SheafVault      *vault,
                 const char      *source,
                 const char      *target,
                 SheafResolution  expected,
                 const char      *expected_path,
                 gboolean         expected_ambiguous)
{
  g_autofree char *path = NULL;
  gboolean ambiguous = FALSE;
  SheafResolution resolution = resolve (vault, source, target, &path, &ambiguous);

  g_test_message ("%s → %s: %s %s", source, target,
                  sheaf_resolution_to_string (resolution), path ? path : "(null)");
  g_assert_cmpstr (sheaf_resolution_to_string (resolution), ==,
                   sheaf_resolution_to_string (expected));
  g_assert_cmpstr (path, ==, expected_path);
  g_assert_cmpint (ambiguous, ==, expected_ambiguous);
}

static void
test_vault_finalizes (void)
{
  g_autoptr(GFile) root = g_file_new_for_path ("/nonexistent");
  SheafVault *vault = sheaf_vault_new (root);

  g_assert_finalize_object (vault);
}

static void
test_vault_scan (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = sheaf_vault_dup_notes (fixture->vault);
  g_autofree char *cafe = g_strdup ("Cafe\xcc\x81.md");
  const char *expected[] = {
    "Alpha.md", "Broken.md", cafe, "Home.md", "Legacy.md", "Other.md", "People/Ada.md",
    "Some Note.md", "a/Dup.md", "b/Dup.md", "deep/Gamma.md", "deep/x/Beta.md",
    "sub/Beta.md", "sub/Gamma.md", "🌱 Seeds.md",
  };

  /* hidden files and folders (.obsidian, .trash, .hidden.md) are not notes */
  g_assert_cmpuint (notes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < notes->len; i++)
    g_assert_cmpstr (sheaf_note_get_path (g_ptr_array_index (notes, i)), ==, expected[i]);

  g_assert_null (sheaf_vault_get_note (fixture->vault, ".trash/Old.md"));
  g_assert_true (sheaf_vault_has_attachment (fixture->vault, "pic.png"));
  g_assert_null (sheaf_vault_get_note (fixture->vault, "pic.png"));
  g_assert_cmpuint (sheaf_vault_get_n_attachments (fixture->vault), ==, 1);
}

static void
test_vault_resolve (Fixture       *fixture,
                    gconstpointer  data)
{
  SheafVault *vault = fixture->vault;
  g_autofree char *cafe = g_strdup ("Cafe\xcc\x81.md");

  assert_resolves (vault, "Home.md", "Alpha", SHEAF_RESOLUTION_EXACT, "Alpha.md", FALSE);
  assert_resolves (vault, "Home.md", "alpha", SHEAF_RESOLUTION_EXACT, "Alpha.md", FALSE);
  assert_resolves (vault, "Home.md", "Alpha.md", SHEAF_RESOLUTION_EXACT, "Alpha.md", FALSE);
  assert_resolves (vault, "Home.md", "  Alpha ", SHEAF_RESOLUTION_EXACT, "Alpha.md", FALSE);
  assert_resolves (vault, "Home.md", "sub/Beta", SHEAF_RESOLUTION_EXACT, "sub/Beta.md", FALSE);
  assert_resolves (vault, "Home.md", "/sub/Beta", SHEAF_RESOLUTION_EXACT, "sub/Beta.md", FALSE);
  /* sub/Beta.md (11 bytes) is shorter than deep/x/Beta.md */
  assert_resolves (vault, "Home.md", "Beta", SHEAF_RESOLUTION_SHORTEST, "sub/Beta.md", FALSE);
  assert_resolves (vault, "Home.md", "x/Beta", SHEAF_RESOLUTION_SHORTEST, "deep/x/Beta.md", FALSE);
  assert_resolves (vault, "Home.md", "Gamma", SHEAF_RESOLUTION_SHORTEST, "sub/Gamma.md", FALSE);
  /* a tie goes alphabetically, and says so */
  assert_resolves (vault, "Home.md", "Dup", SHEAF_RESOLUTION_SHORTEST, "a/Dup.md", TRUE);
  /* the source's own folder wins over a shorter path elsewhere */
  assert_resolves (vault, "deep/x/Beta.md", "Gamma", SHEAF_RESOLUTION_SHORTEST, "sub/Gamma.md", FALSE);
  assert_resolves (vault, "deep/Other.md", "Gamma", SHEAF_RESOLUTION_FOLDER, "deep/Gamma.md", FALSE);
  assert_resolves (vault, "sub/Beta.md", "Gamma", SHEAF_RESOLUTION_FOLDER, "sub/Gamma.md", FALSE);
  assert_resolves (vault, "sub/Beta.md", "../Alpha", SHEAF_RESOLUTION_RELATIVE, "Alpha.md", FALSE);
  assert_resolves (vault, "sub/Beta.md", "./Gamma", SHEAF_RESOLUTION_RELATIVE, "sub/Gamma.md", FALSE);
  assert_resolves (vault, "sub/Beta.md", "../Nope", SHEAF_RESOLUTION_UNRESOLVED, NULL, FALSE);
  /* nothing ever resolves outside the vault */
  assert_resolves (vault, "sub/Beta.md", "../../outside", SHEAF_RESOLUTION_OUTSIDE, NULL, FALSE);
  assert_resolves (vault, "Home.md", "../../etc/passwd", SHEAF_RESOLUTION_OUTSIDE, NULL, FALSE);
  assert_resolves (vault, "Home.md", "sub/../../etc/passwd", SHEAF_RESOLUTION_OUTSIDE, NULL, FALSE);
  assert_resolves (vault, "Home.md", "sub/../Alpha", SHEAF_RESOLUTION_EXACT, "Alpha.md", FALSE);
  /* NFC in the link, NFD on disk */
  assert_resolves (vault, "Home.md", "Caf\xc3\xa9", SHEAF_RESOLUTION_EXACT, cafe, FALSE);
  assert_resolves (vault, "Home.md", "CAF\xc3\x89", SHEAF_RESOLUTION_EXACT, cafe, FALSE);
  assert_resolves (vault, "Home.md", "🌱 Seeds", SHEAF_RESOLUTION_EXACT, "🌱 Seeds.md", FALSE);
  /* beyond Obsidian: aliases, case-insensitive; two claims make it ambiguous */
  assert_resolves (vault, "Home.md", "Nick", SHEAF_RESOLUTION_ALIAS, "Alpha.md", FALSE);
  assert_resolves (vault, "Home.md", "nick", SHEAF_RESOLUTION_ALIAS, "Alpha.md", FALSE);
  assert_resolves (vault, "Home.md", "Shared", SHEAF_RESOLUTION_ALIAS, "Alpha.md", TRUE);
  assert_resolves (vault, "Home.md", "Missing", SHEAF_RESOLUTION_UNRESOLVED, NULL, FALSE);
  assert_resolves (vault, "Home.md", "", SHEAF_RESOLUTION_SELF, "Home.md", FALSE);
  /* attachments are link targets, with their extension */
  assert_resolves (vault, "sub/Beta.md", "PIC.png", SHEAF_RESOLUTION_EXACT, "pic.png", FALSE);
  assert_resolves (vault, "Home.md", "pic.png", SHEAF_RESOLUTION_EXACT, "pic.png", FALSE);
  assert_resolves (vault, "Home.md", "pic", SHEAF_RESOLUTION_UNRESOLVED, NULL, FALSE);
}

static gboolean
backlinks_contain (GArray     *backlinks,
                   const char *source)
{
  for (guint i = 0; i < backlinks->len; i++)
    if (strcmp (g_array_index (backlinks, SheafBacklink, i).source, source) == 0)
      return TRUE;

  return FALSE;
}

static void
test_vault_backlinks (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GArray) home = sheaf_vault_dup_backlinks (fixture->vault, "Home.md");
  g_autoptr(GArray) beta = sheaf_vault_dup_backlinks (fixture->vault, "sub/Beta.md");
  g_autoptr(GArray) none = sheaf_vault_dup_backlinks (fixture->vault, "b/Dup.md");

  /* Other, Some Note, Café, Broken and Ada (by alias too) link to Home; its own
   * [[#Links]] is not a backlink */
  g_assert_true (backlinks_contain (home, "Other.md"));
  g_assert_true (backlinks_contain (home, "Some Note.md"));
  g_assert_true (backlinks_contain (home, "Broken.md"));
  g_assert_true (backlinks_contain (home, "People/Ada.md"));
  g_assert_false (backlinks_contain (home, "Home.md"));
  g_assert_cmpuint (home->len, ==, 6);

  /* [[Beta]], [[sub/Beta]] and [text](sub/Beta.md) in Home, one in Some Note */
  g_assert_cmpuint (beta->len, ==, 4);
  g_assert_cmpstr (g_array_index (beta, SheafBacklink, 0).source, ==, "Home.md");
  g_assert_cmpuint (g_array_index (beta, SheafBacklink, 0).line, >, 7);
  g_assert_cmpuint (none->len, ==, 0);
}

static SheafTagNode *
find_tag (GPtrArray  *nodes,
          const char *name)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      SheafTagNode *node = g_ptr_array_index (nodes, i);

      if (strcmp (node->name, name) == 0)
        return node;
    }

  return NULL;
}

static void
backlinks_async_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sheaf_vault_dup_backlinks_finish (SHEAF_VAULT (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) backlinks = NULL;

  backlinks = sheaf_vault_dup_backlinks_finish (SHEAF_VAULT (object), result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (backlinks);
  *done = TRUE;
}

/* The worker's answer, from its snapshot, is the main thread's answer. */
static void
test_vault_backlinks_async (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *paths[] = { "Home.md", "sub/Beta.md", "b/Dup.md", "Missing.md" };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;
  guint n_nonempty = 0;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GArray) async = NULL;
      g_autoptr(GArray) sync = sheaf_vault_dup_backlinks (fixture->vault, paths[i]);

      sheaf_vault_dup_backlinks_async (fixture->vault, paths[i], NULL, backlinks_async_cb, &async);
      SHEAF_TEST_WAIT_FOR (async != NULL);

      g_assert_cmpuint (async->len, ==, sync->len);
      n_nonempty += sync->len > 0;
      for (guint j = 0; j < sync->len; j++)
        {
          SheafBacklink *a = &g_array_index (async, SheafBacklink, j);
          SheafBacklink *b = &g_array_index (sync, SheafBacklink, j);

          g_assert_cmpstr (a->source, ==, b->source);
          g_assert_cmpuint (a->link_index, ==, b->link_index);
          g_assert_cmpuint (a->line, ==, b->line);
        }
    }
  g_assert_cmpuint (n_nonempty, >=, 2);

  g_cancellable_cancel (cancellable);
  sheaf_vault_dup_backlinks_async (fixture->vault, "Home.md", cancellable, cancelled_cb, &done);
  SHEAF_TEST_WAIT_FOR (done);

  /* A worker drops its task (and so the vault) just after the callback. */
  for (guint i = 0; i < 1000 && g_atomic_int_get (&G_OBJECT (fixture->vault)->ref_count) > 1; i++)
    sheaf_test_spin_for (10);
  g_assert_cmpint (g_atomic_int_get (&G_OBJECT (fixture->vault)->ref_count), ==, 1);
}

static void
test_vault_tags (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) tree = sheaf_vault_dup_tag_tree (fixture->vault);
  g_autoptr(GPtrArray) community = NULL;
  g_autoptr(GPtrArray) domain = NULL;
  g_autoptr(GPtrArray) hub = NULL;
  SheafTagNode *node;

  node = find_tag (tree, "domain");
  g_assert_nonnull (node);
  /* Alpha (community, music) and Beta (community/meetups): two notes, once each */
  g_assert_cmpuint (node->count, ==, 2);
  g_assert_cmpuint (node->children->len, ==, 2);
  g_assert_cmpstr (((SheafTagNode *)g_ptr_array_index (node->children, 0))->path, ==,
                   "domain/community");
  g_assert_cmpuint (((SheafTagNode *)g_ptr_array_index (node->children, 0))->count, ==, 2);
  g_assert_cmpuint (((SheafTagNode *)g_ptr_array_index (node->children, 1))->count, ==, 1);

  /* frontmatter type/hub and inline #Type/Hub are one tag, in the first casing seen */
  node = find_tag (tree, "type");
  g_assert_nonnull (node);
  g_assert_cmpuint (node->count, ==, 1);
  g_assert_cmpuint (node->children->len, ==, 1);
  g_assert_cmpstr (((SheafTagNode *)g_ptr_array_index (node->children, 0))->name, ==, "hub");

  /* invalid frontmatter contributes no tags */
  g_assert_null (find_tag (tree, "never-read"));
  /* legacy string tags are read */
  g_assert_nonnull (find_tag (tree, "one"));
  g_assert_nonnull (find_tag (tree, "🌱"));

  community = sheaf_vault_dup_notes_with_tag (fixture->vault, "#Domain/Community");
  g_assert_cmpuint (community->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (community, 0), ==, "Alpha.md");
  g_assert_cmpstr (g_ptr_array_index (community, 1), ==, "sub/Beta.md");
  domain = sheaf_vault_dup_notes_with_tag (fixture->vault, "domain");
  g_assert_cmpuint (domain->len, ==, 2);
  hub = sheaf_vault_dup_notes_with_tag (fixture->vault, "type/hu");
  g_assert_cmpuint (hub->len, ==, 0);
}

static void
test_vault_titles (Fixture       *fixture,
                   gconstpointer  data)
{
  SheafNote *note = sheaf_vault_get_note (fixture->vault, "sub/Beta.md");

  g_assert_cmpstr (sheaf_note_get_title (note), ==, "Beta");
  g_assert_cmpstr (sheaf_note_get_title (sheaf_vault_get_note (fixture->vault, "Some Note.md")),
                   ==, "Some Note");
}

static void
count_cb (SheafVault *vault,
          const char *path,
          guint      *count)
{
  (*count)++;
}

static void
test_vault_update (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) backlinks = NULL;
  g_autoptr(GPtrArray) tagged = NULL;
  g_autofree char *missing = g_build_filename (fixture->root, "Missing.md", NULL);
  g_autofree char *new_folder = g_build_filename (fixture->root, "New", NULL);
  guint n_notes = sheaf_vault_get_n_notes (fixture->vault);
  guint added = 0, changed = 0, removed = 0;

  g_signal_connect (fixture->vault, "note-added", G_CALLBACK (count_cb), &added);
  g_signal_connect (fixture->vault, "note-changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (fixture->vault, "note-removed", G_CALLBACK (count_cb), &removed);

  g_assert_cmpint (resolve (fixture->vault, "Home.md", "Missing", NULL, NULL), ==,
                   SHEAF_RESOLUTION_UNRESOLVED);

  /* a new note makes an unresolved link resolve */
  sheaf_test_write (fixture->root, "Missing.md", "# Found\n\n#new-tag\n");
  g_assert_true (sheaf_vault_update_path (fixture->vault, "Missing.md", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sheaf_vault_get_n_notes (fixture->vault), ==, n_notes + 1);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpint (resolve (fixture->vault, "Home.md", "Missing", NULL, NULL), ==,
                   SHEAF_RESOLUTION_EXACT);
  backlinks = sheaf_vault_dup_backlinks (fixture->vault, "Missing.md");
  g_assert_cmpuint (backlinks->len, ==, 1);

  /* a change is re-read */
  sheaf_test_write (fixture->root, "Alpha.md", "---\naliases: [Renamed]\n---\n# Alpha\n");
  g_assert_true (sheaf_vault_update_path (fixture->vault, "Alpha.md", &error));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (resolve (fixture->vault, "Home.md", "Nick", NULL, NULL), ==,
                   SHEAF_RESOLUTION_UNRESOLVED);
  g_assert_cmpint (resolve (fixture->vault, "Home.md", "Renamed", NULL, NULL), ==,
                   SHEAF_RESOLUTION_ALIAS);

  /* a deleted note goes, and so do its tags */
  g_assert_cmpint (g_remove (missing), ==, 0);
  g_assert_true (sheaf_vault_update_path (fixture->vault, "Missing.md", &error));
  g_assert_cmpuint (removed, ==, 1);
  g_assert_null (sheaf_vault_get_note (fixture->vault, "Missing.md"));
  tagged = sheaf_vault_dup_notes_with_tag (fixture->vault, "new-tag");
  g_assert_cmpuint (tagged->len, ==, 0);

  /* a new folder is read whole */
  sheaf_test_write (fixture->root, "New/One.md", "# One\n");
  sheaf_test_write (fixture->root, "New/Two/Three.md", "# Three\n");
  g_assert_true (sheaf_vault_update_path (fixture->vault, "New", &error));
  g_assert_nonnull (sheaf_vault_get_note (fixture->vault, "New/Two/Three.md"));
  g_assert_cmpuint (added, ==, 3);

  /* and a deleted folder goes whole */
  sheaf_test_remove_tree (new_folder);
  g_assert_true (sheaf_vault_update_path (fixture->vault, "New", &error));
  g_assert_null (sheaf_vault_get_note (fixture->vault, "New/One.md"));
  g_assert_cmpuint (removed, ==, 3);
  g_assert_cmpuint (sheaf_vault_get_n_notes (fixture->vault), ==, n_notes);
}

static void
quit_when_true (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("Timed out waiting for the vault");
  return G_SOURCE_REMOVE;
}

static void
record_path_cb (SheafVault *vault,
                const char *path,
                char      **out)
{
  g_free (*out);
  *out = g_strdup (path);
}

static void
test_vault_watch (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *old_path = g_build_filename (fixture->root, "sub", "Gamma.md", NULL);
  g_autofree char *new_path = g_build_filename (fixture->root, "sub", "Delta.md", NULL);
  guint timeout = g_timeout_add_seconds (20, timeout_cb, NULL);

  g_signal_connect (fixture->vault, "note-added", G_CALLBACK (record_path_cb), &added);
  g_signal_connect (fixture->vault, "note-removed", G_CALLBACK (record_path_cb), &removed);
  sheaf_vault_watch (fixture->vault);

  sheaf_test_write (fixture->root, "sub/Watched.md", "# Watched\n");
  while (g_strcmp0 (added, "sub/Watched.md") != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (sheaf_vault_get_note (fixture->vault, "sub/Watched.md"));

  g_assert_cmpint (g_rename (old_path, new_path), ==, 0);
  while (g_strcmp0 (removed, "sub/Gamma.md") != 0 || g_strcmp0 (added, "sub/Delta.md") != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (sheaf_vault_get_note (fixture->vault, "sub/Gamma.md"));
  g_assert_nonnull (sheaf_vault_get_note (fixture->vault, "sub/Delta.md"));

  /* let the reads still in flight land before the vault goes */
  while (sheaf_vault_get_updating (fixture->vault))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
}

static void
progress_cb (SheafVault *vault,
             guint       done,
             guint       total,
             guint      *last)
{
  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, *last);
  *last = done;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sheaf_vault_load_finish (SHEAF_VAULT (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *)data = TRUE;
}

static void
test_vault_load_async (void)
{
  g_autofree char *root_path = sheaf_test_copy_fixture ("vault");
  g_autoptr(GFile) root = g_file_new_for_path (root_path);
  SheafVault *vault = sheaf_vault_new (root);
  gboolean done = FALSE;
  guint last = 0;

  g_signal_connect (vault, "progress", G_CALLBACK (progress_cb), &last);
  sheaf_vault_load_async (vault, NULL, loaded_cb, &done);
  g_assert_false (sheaf_vault_get_loaded (vault));
  quit_when_true (&done);

  g_assert_true (sheaf_vault_get_loaded (vault));
  g_assert_cmpuint (sheaf_vault_get_n_notes (vault), ==, 15);

  /* progress comes through idles; let them run before judging */
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (last, ==, 16);

  g_assert_finalize_object (vault);
  sheaf_test_remove_tree (root_path);
}

static void
test_vault_symlink_loop (void)
{
  g_autofree char *root_path = sheaf_test_copy_fixture ("clean-vault");
  g_autofree char *loop = g_build_filename (root_path, "loop", NULL);
  g_autoptr(GFile) root = g_file_new_for_path (root_path);
  g_autoptr(GError) error = NULL;
  SheafVault *vault = sheaf_vault_new (root);

  g_assert_cmpint (symlink (root_path, loop), ==, 0);
  g_assert_true (sheaf_vault_load (vault, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sheaf_vault_get_n_notes (vault), ==, 2);

  g_assert_finalize_object (vault);
  sheaf_test_remove_tree (root_path);
}

static void
test_vault_missing (void)
{
  g_autoptr(GFile) root = g_file_new_for_path ("/nonexistent/vault");
  g_autoptr(SheafVault) vault = sheaf_vault_new (root);
  g_autoptr(GError) error = NULL;

  g_assert_false (sheaf_vault_load (vault, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (sheaf_vault_get_loaded (vault));
}

static void
index_add (SheafIndex *index,
           const char *path,
           const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(SheafNote) note = sheaf_note_new_for_bytes (path, bytes, NULL, SHEAF_NOTE_DEFAULT);

  sheaf_index_add_note (index, note);
}

static void
assert_index_resolves (SheafIndex *index,
                       const char *source,
                       const char *target,
                       const char *expected,
                       gboolean    ambiguous)
{
  g_auto(SheafResolved) out = { 0 };

  sheaf_index_resolve (index, source, target, &out);
  g_assert_cmpstr (out.resolved, ==, expected);
  if (expected != NULL)
    g_assert_cmpint (out.ambiguous, ==, ambiguous);
}

/* The index's tables share one string per path (the note's own, or the
 * attachment set's): notes and attachments replaced and removed in every
 * order leave no table pointing at a freed one (run under ASan). */
static void
test_index_churn (void)
{
  g_autoptr(SheafIndex) index = sheaf_index_new ();
  g_autoptr(GArray) backlinks = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *gone = g_strdup ("a/Same.md");

  index_add (index, "a/Same.md", "---\naliases: [Twin]\n---\n#shared\n");
  index_add (index, "b/Same.md", "#shared #b\n");
  index_add (index, "Other.md", "[[Same]] and [[pic.png]]\n\n[[Twin]]\n");
  sheaf_index_add_attachment (index, "img/pic.png");

  assert_index_resolves (index, "Other.md", "Same", "a/Same.md", TRUE);
  assert_index_resolves (index, "Other.md", "pic.png", "img/pic.png", FALSE);
  backlinks = sheaf_index_dup_backlinks (index, "a/Same.md");
  g_assert_cmpuint (backlinks->len, ==, 2);
  g_assert_cmpstr (g_array_index (backlinks, SheafBacklink, 0).source, ==, "Other.md");
  g_assert_cmpuint (g_array_index (backlinks, SheafBacklink, 1).line, ==, 3);
  g_clear_pointer (&backlinks, g_array_unref);

  /* Removed by a path string of the caller's, then the same note again. */
  g_assert_true (sheaf_index_remove (index, gone));
  g_clear_pointer (&gone, g_free);
  assert_index_resolves (index, "Other.md", "Same", "b/Same.md", FALSE);
  assert_index_resolves (index, "Other.md", "Twin", NULL, FALSE);
  paths = sheaf_index_dup_notes_with_tag (index, "shared");
  g_assert_cmpuint (paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (paths, 0), ==, "b/Same.md");
  g_clear_pointer (&paths, g_ptr_array_unref);
  index_add (index, "a/Same.md", "---\naliases: [Twin]\n---\n#shared\n");

  /* Replaced in place: the old note's path leaves every table. */
  index_add (index, "b/Same.md", "no tags now\n");
  paths = sheaf_index_dup_notes_with_tag (index, "shared");
  g_assert_cmpuint (paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (paths, 0), ==, "a/Same.md");
  g_clear_pointer (&paths, g_ptr_array_unref);
  paths = sheaf_index_dup_notes_with_tag (index, "b");
  g_assert_cmpuint (paths->len, ==, 0);
  g_clear_pointer (&paths, g_ptr_array_unref);
  paths = sheaf_index_dup_alias_owners (index, "twin");
  g_assert_cmpuint (paths->len, ==, 1);
  g_clear_pointer (&paths, g_ptr_array_unref);
  assert_index_resolves (index, "Other.md", "Same", "a/Same.md", TRUE);
  assert_index_resolves (index, "Other.md", "Twin", "a/Same.md", FALSE);

  backlinks = sheaf_index_dup_backlinks (index, "b/Same.md");
  g_assert_cmpuint (backlinks->len, ==, 0);
  g_clear_pointer (&backlinks, g_array_unref);
  g_assert_true (sheaf_index_remove (index, "img/pic.png"));
  assert_index_resolves (index, "Other.md", "pic.png", NULL, FALSE);
  g_assert_true (sheaf_index_remove (index, "Other.md"));
  backlinks = sheaf_index_dup_backlinks (index, "a/Same.md");
  g_assert_cmpuint (backlinks->len, ==, 0);
  g_assert_true (sheaf_index_remove (index, "a/Same.md"));
  g_assert_true (sheaf_index_remove (index, "b/Same.md"));
  g_assert_cmpuint (sheaf_index_get_n_notes (index), ==, 0);
  paths = sheaf_index_dup_aliases (index);
  g_assert_cmpuint (paths->len, ==, 0);
}

/* Links in frontmatter values are backlinks like any other, with their
 * line; and the frontmatter's text is never an unlinked mention. */
static void
test_vault_property_backlinks (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GArray) books = sheaf_vault_dup_backlinks (fixture->vault, "Categories/Books.md");
  g_autoptr(GArray) kelly = sheaf_vault_dup_backlinks (fixture->vault, "References/Kevin Kelly.md");
  g_autoptr(GArray) cover = sheaf_vault_dup_backlinks (fixture->vault, "Attachments/cover.jpg");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GError) error = NULL;
  const guint books_lines[] = { 3, 7, 8, 9, 10, 19 };
  SheafMention *mention;

  /* categories, shelf, related, seen, escaped, then the body's */
  g_assert_cmpuint (books->len, ==, G_N_ELEMENTS (books_lines));
  for (guint i = 0; i < books->len; i++)
    {
      g_assert_cmpstr (g_array_index (books, SheafBacklink, i).source, ==,
                       "References/Out of Control.md");
      g_assert_cmpuint (g_array_index (books, SheafBacklink, i).line, ==, books_lines[i]);
    }
  g_assert_cmpuint (kelly->len, ==, 2);
  g_assert_cmpuint (cover->len, ==, 1);
  g_assert_cmpuint (g_array_index (cover, SheafBacklink, 0).line, ==, 4);

  sheaf_mentions_find_async (fixture->vault, "Categories/Books.md", NULL, sheaf_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  mentions = sheaf_mentions_find_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mentions->len, ==, 1);
  mention = g_ptr_array_index (mentions, 0);
  g_assert_cmpuint (mention->line, ==, 19);
  g_assert_cmpstr (mention->text, ==, "Books");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/vault/finalizes", test_vault_finalizes);
  g_test_add ("/sheaf/vault/scan", Fixture, "vault", sheaf_test_vault_set_up, test_vault_scan, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/vault/resolve", Fixture, "vault", sheaf_test_vault_set_up, test_vault_resolve, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/vault/backlinks", Fixture, "vault", sheaf_test_vault_set_up, test_vault_backlinks, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/vault/backlinks-async", Fixture, "vault", sheaf_test_vault_set_up, test_vault_backlinks_async, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/vault/property-backlinks", Fixture, "props-vault", sheaf_test_vault_set_up,
              test_vault_property_backlinks, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/vault/tags", Fixture, "vault", sheaf_test_vault_set_up, test_vault_tags, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/vault/titles", Fixture, "vault", sheaf_test_vault_set_up, test_vault_titles, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/vault/update", Fixture, "vault", sheaf_test_vault_set_up, test_vault_update, sheaf_test_vault_tear_down);
  g_test_add ("/sheaf/vault/watch", Fixture, "vault", sheaf_test_vault_set_up, test_vault_watch, sheaf_test_vault_tear_down);
  g_test_add_func ("/sheaf/vault/load-async", test_vault_load_async);
  g_test_add_func ("/sheaf/vault/symlink-loop", test_vault_symlink_loop);
  g_test_add_func ("/sheaf/vault/missing", test_vault_missing);
  g_test_add_func ("/sheaf/vault/index-churn", test_index_churn);

  return g_test_run ();
}
