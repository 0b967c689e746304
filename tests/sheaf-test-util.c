/* sheaf-test-util.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sheaf-test-util.h"
#include "sheaf-vault.h"

static void
copy_tree (GFile *from,
           GFile *to)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;

  g_file_make_directory_with_parents (to, NULL, NULL);
  enumerator = g_file_enumerate_children (from, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_assert_no_error (error);

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      g_autoptr(GFile) target = NULL;

      g_assert_true (g_file_enumerator_iterate (enumerator, &info, &child, NULL, &error));
      if (info == NULL)
        break;

      target = g_file_get_child (to, g_file_info_get_name (info));
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        copy_tree (child, target);
      else
        {
          g_file_copy (child, target, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
        }
    }
}

/**
 * sheaf_test_copy_fixture:
 * @name: a folder under tests/data
 *
 * Tests that write work on a copy in a fresh temporary folder.
 *
 * Returns: (transfer full): the copy's path
 */
static char *
copy_to_tmp (const char *source,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("sheaf-test-XXXXXX", &error);
  g_autofree char *dest = g_build_filename (tmp, name, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFile) to = g_file_new_for_path (dest);

  g_assert_no_error (error);
  copy_tree (from, to);

  return g_steal_pointer (&dest);
}

char *
sheaf_test_copy_fixture (const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return copy_to_tmp (source, name);
}

/**
 * sheaf_test_copy_sample_vault:
 *
 * Returns: (transfer full): the path of a fresh copy of data/sample-vault,
 *   named "Sample Vault" as a first run names it
 */
char *
sheaf_test_copy_sample_vault (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-vault", NULL);

  return copy_to_tmp (source, "Sample Vault");
}

gboolean
sheaf_test_set_flag_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds, for "nothing happens" checks. */
void
sheaf_test_spin_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, sheaf_test_set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) enumerator =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                               G_FILE_ATTRIBUTE_STANDARD_TYPE,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  while (enumerator != NULL)
    {
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_file_delete (child, NULL, NULL);
    }

  g_file_delete (file, NULL, NULL);
}

void
sheaf_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  remove_tree (file);
}

void
sheaf_test_write (const char *root,
                  const char *path,
                  const char *contents)
{
  g_autofree char *full = g_build_filename (root, path, NULL);
  g_autofree char *folder = g_path_get_dirname (full);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0755);
  g_file_set_contents (full, contents, -1, &error);
  g_assert_no_error (error);
}

GBytes *
sheaf_test_read (const char *root,
                 const char *path)
{
  g_autofree char *full = g_build_filename (root, path, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (full, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/**
 * sheaf_test_load_vault:
 * @root: a vault folder, usually a fixture copy
 *
 * Returns: (transfer full) (type SheafVault): the vault, loaded; the test
 *   fails if it cannot be
 */
GObject *
sheaf_test_load_vault (const char *root)
{
  g_autoptr(GFile) file = g_file_new_for_path (root);
  g_autoptr(GError) error = NULL;
  SheafVault *vault = sheaf_vault_new (file);

  g_assert_true (sheaf_vault_load (vault, NULL, &error));
  g_assert_no_error (error);

  return G_OBJECT (vault);
}

void
sheaf_test_vault_set_up (SheafTestVault *fixture,
                         gconstpointer   name)
{
  fixture->root = sheaf_test_copy_fixture (name);
  fixture->vault = SHEAF_VAULT (sheaf_test_load_vault (fixture->root));
}

void
sheaf_test_vault_tear_down (SheafTestVault *fixture,
                            gconstpointer   data)
{
  g_assert_finalize_object (fixture->vault);
  sheaf_test_remove_tree (fixture->root);
  g_free (fixture->root);
}

/* Keeps an async call's result in *@out (a GAsyncResult **), for a test
 * that spins the main loop until it is set. */
void
sheaf_test_store_result_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      out)
{
  *(GAsyncResult **)out = g_object_ref (result);
}

char *
sheaf_test_read_text (const char *root,
                      const char *path)
{
  g_autoptr(GBytes) bytes = sheaf_test_read (root, path);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

gboolean
sheaf_test_exists (const char *root,
                   const char *path)
{
  g_autofree char *full = g_build_filename (root, path, NULL);

  return g_file_test (full, G_FILE_TEST_EXISTS);
}

/* @text with each "from" replaced by "to", pairs NULL-terminated, each
 * "from" found exactly once: expected bytes, built from a fixture's own. */
char *
sheaf_test_replace_all (const char *text,
                        ...)
{
  GString *out = g_string_new (text);
  const char *from;
  va_list args;

  va_start (args, text);
  while ((from = va_arg (args, const char *)) != NULL)
    {
      const char *to = va_arg (args, const char *);
      guint n = g_string_replace (out, from, to, 0);

      g_assert_cmpuint (n, ==, 1);
    }
  va_end (args);

  return g_string_free (out, FALSE);
}
