/* test-real.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The 'real' suite: Sheaf against real vaults (DESIGN.md §6).
 *
 * $SHEAF_SHARED_VAULTS names a folder holding one vault per sub-folder (the
 * project's ../shared/vaults). For each vault this test:
 *
 *  - copies it into a temporary folder (nothing is ever written under
 *    $SHEAF_SHARED_VAULTS, and no note text ends up in the project);
 *  - loads the copy with sheaf_vault_load (), which must succeed, and checks
 *    that every `.md` file on disk outside hidden folders (.obsidian, .git,
 *    .trash) is indexed, and nothing else;
 *  - loads every note with SHEAF_NOTE_KEEP_TEXT and saves it back with
 *    sheaf_note_save_bytes (): the file must then hold exactly the bytes of the
 *    original (DESIGN §2.1, untouched bytes stay untouched);
 *  - resolves every link of every note: a resolved path must be a note or an
 *    attachment of the vault, relative, with no `..` segment, inside the root
 *    (DESIGN §2.4, links never leave the vault);
 *  - reports the counts (notes, links, unresolved, callouts, tags) with
 *    g_test_message ().
 *
 * When $SHEAF_SHARED_VAULTS is unset or missing the test is skipped.
 */

#include "config.h"

/* Release builds define G_DISABLE_ASSERT for the whole project; this test's checks
 * must hold there too (it is how the benchmark tree checks itself), so keep them. */
#undef G_DISABLE_ASSERT

#include <gio/gio.h>
#include <string.h>

#include "sheaf-frontmatter.h"
#include "sheaf-markdown.h"
#include "sheaf-note.h"
#include "sheaf-vault.h"

typedef struct
{
  guint notes;
  guint links;
  guint unresolved;
  guint via_alias;
  guint ambiguous;
  guint outside;
  guint callouts;
  guint inline_tags;
  guint frontmatter_tags;
  guint headings;
  guint invalid_frontmatter;
} Counts;

static gboolean
is_hidden (const char *name)
{
  return name[0] == '.';
}

/* Copies @source into @target (created), hidden folders included: .obsidian is
 * part of what makes a vault. Copies are writable whatever the source's mode. */
static void
copy_tree (GFile *source,
           GFile *target)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;
  GFile *child;

  g_file_make_directory (target, NULL, &error);
  g_assert_no_error (error);

  children = g_file_enumerate_children (source,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_assert_no_error (error);

  while (g_file_enumerator_iterate (children, &info, &child, NULL, &error) && info != NULL)
    {
      g_autoptr(GFile) copy = g_file_get_child (target, g_file_info_get_name (info));

      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          copy_tree (child, copy);
          break;

        case G_FILE_TYPE_REGULAR:
        case G_FILE_TYPE_SYMBOLIC_LINK:
          g_file_copy (child, copy,
                       G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                       NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          break;

        default:
          break;
        }
    }
  g_assert_no_error (error);
}

static void
delete_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
      {
        if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
          delete_tree (child);
        else
          g_file_delete (child, NULL, NULL);
      }

  g_file_delete (file, NULL, NULL);
}

/* The vault-relative paths of the `.md` files under @dir, hidden folders and
 * files skipped, as Obsidian and Sheaf see them. Symbolic links are not followed. */
static void
list_notes (GFile      *root,
            GFile      *dir,
            GPtrArray  *paths)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_assert_no_error (error);

  while (g_file_enumerator_iterate (children, &info, &child, NULL, &error) && info != NULL)
    {
      const char *name = g_file_info_get_name (info);
      GFileType type = g_file_info_get_file_type (info);

      if (is_hidden (name))
        continue;

      if (type == G_FILE_TYPE_DIRECTORY)
        list_notes (root, child, paths);
      else if (type == G_FILE_TYPE_REGULAR && strlen (name) > 3 &&
               g_ascii_strcasecmp (name + strlen (name) - 3, ".md") == 0)
        g_ptr_array_add (paths, g_file_get_relative_path (root, child));
    }
  g_assert_no_error (error);
}

/* Load with the text kept, save it back, and compare the file with the original. */
static void
check_round_trip (GFile      *source_root,
                  GFile      *copy_root,
                  const char *path)
{
  g_autoptr(GFile) original = g_file_resolve_relative_path (source_root, path);
  g_autoptr(GFile) file = g_file_resolve_relative_path (copy_root, path);
  g_autoptr(SheafNote) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original_bytes = NULL;
  g_autofree char *saved_bytes = NULL;
  g_autofree char *new_etag = NULL;
  gsize original_length, saved_length, kept_length;
  GBytes *kept;
  gconstpointer kept_data;

  g_file_load_contents (original, NULL, &original_bytes, &original_length, NULL, &error);
  g_assert_no_error (error);

  note = sheaf_note_load (file, path, SHEAF_NOTE_KEEP_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_cmpstr (sheaf_note_get_path (note), ==, path);

  kept = sheaf_note_get_bytes (note);
  g_assert_nonnull (kept);
  kept_data = g_bytes_get_data (kept, &kept_length);
  if (kept_length != original_length ||
      (kept_length > 0 && memcmp (kept_data, original_bytes, kept_length) != 0))
    g_error ("%s: the kept text differs from the file (%" G_GSIZE_FORMAT " vs %"
             G_GSIZE_FORMAT " bytes)", path, kept_length, original_length);

  sheaf_note_save_bytes (file, kept, sheaf_note_get_etag (note), &new_etag, NULL, &error);
  g_assert_no_error (error);

  g_file_load_contents (file, NULL, &saved_bytes, &saved_length, NULL, &error);
  g_assert_no_error (error);
  if (saved_length != original_length ||
      (saved_length > 0 && memcmp (saved_bytes, original_bytes, saved_length) != 0))
    g_error ("%s: not byte-identical after load + save (%" G_GSIZE_FORMAT " vs %"
             G_GSIZE_FORMAT " bytes)", path, saved_length, original_length);
}

static void
check_resolved (SheafVault          *vault,
                GFile               *root,
                const char          *source,
                const SheafLink     *link,
                const SheafResolved *resolved)
{
  g_autoptr(GFile) target = NULL;
  g_auto(GStrv) parts = NULL;

  if (resolved->resolved == NULL)
    return;

  if (resolved->resolved[0] == '/' || resolved->resolved[0] == '\0')
    g_error ("%s: %s resolved to \"%s\", not a vault-relative path", source, link->raw,
             resolved->resolved);

  parts = g_strsplit (resolved->resolved, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], "..") || g_str_equal (parts[i], "."))
      g_error ("%s: %s resolved to \"%s\", which has a '%s' segment", source, link->raw,
               resolved->resolved, parts[i]);

  target = g_file_resolve_relative_path (root, resolved->resolved);
  if (!g_file_has_prefix (target, root))
    g_error ("%s: %s resolved to \"%s\", outside the vault", source, link->raw,
             resolved->resolved);

  if (sheaf_vault_get_note (vault, resolved->resolved) == NULL &&
      !sheaf_vault_has_attachment (vault, resolved->resolved))
    g_error ("%s: %s resolved to \"%s\", which is neither a note nor an attachment",
             source, link->raw, resolved->resolved);
}

static void
count_and_resolve (SheafVault *vault,
                   GFile      *root,
                   Counts     *counts)
{
  g_autoptr(GPtrArray) notes = sheaf_vault_dup_notes (vault);

  for (guint i = 0; i < notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, i);
      SheafParseResult *result = sheaf_note_get_parse_result (note);
      SheafFrontmatter *frontmatter = sheaf_note_get_frontmatter (note);
      const char *path = sheaf_note_get_path (note);
      const SheafLink *links;
      guint n = 0;

      counts->notes++;

      if (frontmatter != NULL)
        {
          const char * const *tags = sheaf_frontmatter_get_tags (frontmatter);

          if (sheaf_frontmatter_get_error (frontmatter) != NULL)
            counts->invalid_frontmatter++;
          if (tags != NULL)
            counts->frontmatter_tags += g_strv_length ((char **) tags);
        }

      g_assert_nonnull (result);

      sheaf_parse_result_get_callouts (result, &n);
      counts->callouts += n;
      sheaf_parse_result_get_tags (result, &n);
      counts->inline_tags += n;
      sheaf_parse_result_get_headings (result, &n);
      counts->headings += n;

      links = sheaf_parse_result_get_links (result, &n);
      for (guint j = 0; j < n; j++)
        {
          g_auto(SheafResolved) resolved = { 0 };

          sheaf_vault_resolve (vault, path, &links[j], &resolved);
          counts->links++;

          switch (resolved.resolution)
            {
            case SHEAF_RESOLUTION_UNRESOLVED:
              counts->unresolved++;
              break;

            case SHEAF_RESOLUTION_OUTSIDE:
              /* Refused: it must not come with a path. */
              counts->outside++;
              g_assert_null (resolved.resolved);
              break;

            case SHEAF_RESOLUTION_ALIAS:
              counts->via_alias++;
              break;

            case SHEAF_RESOLUTION_EXACT:
            case SHEAF_RESOLUTION_FOLDER:
            case SHEAF_RESOLUTION_SHORTEST:
            case SHEAF_RESOLUTION_RELATIVE:
            case SHEAF_RESOLUTION_SELF:
            default:
              break;
            }

          if (resolved.ambiguous)
            counts->ambiguous++;

          check_resolved (vault, root, path, &links[j], &resolved);
        }
    }
}

static void
test_real_vault (gconstpointer data)
{
  const char *source_dir = data;
  g_autoptr(GFile) source_root = g_file_new_for_path (source_dir);
  g_autoptr(GFile) copy_root = NULL;
  g_autoptr(GFile) tmp_dir = NULL;
  g_autoptr(SheafVault) vault = NULL;
  g_autoptr(GPtrArray) on_disk = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *name = g_path_get_basename (source_dir);
  Counts counts = { 0 };

  tmp = g_dir_make_tmp ("sheaf-test-real-XXXXXX", &error);
  g_assert_no_error (error);
  copy_root = g_file_new_build_filename (tmp, name, NULL);
  copy_tree (source_root, copy_root);

  /* Index the copy. */
  vault = sheaf_vault_new (copy_root);
  sheaf_vault_load (vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sheaf_vault_get_loaded (vault));

  list_notes (source_root, source_root, on_disk);
  g_assert_cmpuint (sheaf_vault_get_n_notes (vault), ==, on_disk->len);
  for (guint i = 0; i < on_disk->len; i++)
    if (sheaf_vault_get_note (vault, g_ptr_array_index (on_disk, i)) == NULL)
      g_error ("%s is on disk but not in the index", (char *) g_ptr_array_index (on_disk, i));

  /* Every link resolves inside the vault, or not at all. */
  count_and_resolve (vault, copy_root, &counts);

  /* Load + save without an edit is byte-identical. */
  for (guint i = 0; i < on_disk->len; i++)
    check_round_trip (source_root, copy_root, g_ptr_array_index (on_disk, i));

  g_test_message ("%s: %u notes, %u attachments, %u links (%u unresolved, %u via alias, "
                  "%u ambiguous, %u refused as outside), %u callouts, %u inline tags, "
                  "%u frontmatter tags, %u headings, %u invalid frontmatter blocks; "
                  "%u notes saved back byte-identical",
                  name, counts.notes, sheaf_vault_get_n_attachments (vault), counts.links,
                  counts.unresolved, counts.via_alias, counts.ambiguous, counts.outside,
                  counts.callouts, counts.inline_tags, counts.frontmatter_tags,
                  counts.headings, counts.invalid_frontmatter, on_disk->len);

  g_clear_object (&vault);
  tmp_dir = g_file_new_for_path (tmp);
  delete_tree (tmp_dir);
}

/* g_ptr_array_sort () hands over pointers to the elements. */
static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
test_real_absent (void)
{
  g_test_skip ("SHEAF_SHARED_VAULTS is not set or names no folder: no real vaults to test");
}

int
main (int   argc,
      char *argv[])
{
  const char *shared = g_getenv ("SHEAF_SHARED_VAULTS");
  g_autoptr(GPtrArray) vaults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;

  g_test_init (&argc, &argv, NULL);

  if (shared != NULL)
    dir = g_dir_open (shared, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (shared, name, NULL);

          if (!is_hidden (name) && g_file_test (path, G_FILE_TEST_IS_DIR))
            g_ptr_array_add (vaults, g_steal_pointer (&path));
        }
      g_ptr_array_sort (vaults, compare_paths);
    }

  if (vaults->len == 0)
    g_test_add_func ("/real/vaults", test_real_absent);

  for (guint i = 0; i < vaults->len; i++)
    {
      const char *path = g_ptr_array_index (vaults, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *test_path = g_strdup_printf ("/real/%s", base);

      g_test_add_data_func (test_path, path, test_real_vault);
    }

  return g_test_run ();
}
