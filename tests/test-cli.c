/* test-cli.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sheaf-test-util.h"

/* Runs the real `sheaf` binary, headless: DISPLAY and WAYLAND_DISPLAY are
 * unset, so a stray GTK call would fail the test. */
static int
run_sheaf (const char * const  *args,
           char               **out,
           char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer)g_getenv ("SHEAF_EXE"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static JsonObject *
find_note (JsonArray  *notes,
           const char *path)
{
  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      JsonObject *note = json_array_get_object_element (notes, i);

      if (strcmp (json_object_get_string_member (note, "path"), path) == 0)
        return note;
    }

  g_error ("No note %s in the dump", path);
  return NULL;
}

static JsonObject *
find_link (JsonObject *note,
           const char *raw)
{
  JsonArray *links = json_object_get_array_member (note, "links");

  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);

      if (strcmp (json_object_get_string_member (link, "raw"), raw) == 0)
        return link;
    }

  return NULL;
}

static void
assert_link (JsonObject *note,
             const char *raw,
             const char *kind,
             const char *target,
             const char *fragment,
             const char *display,
             const char *resolved,
             const char *resolution)
{
  JsonObject *link = find_link (note, raw);

  g_test_message ("checking %s", raw);
  g_assert_nonnull (link);
  g_assert_cmpstr (json_object_get_string_member (link, "kind"), ==, kind);
  g_assert_cmpstr (json_object_get_string_member (link, "target"), ==, target);
  g_assert_cmpstr (json_object_get_string_member_with_default (link, "fragment", NULL), ==, fragment);
  g_assert_cmpstr (json_object_get_string_member_with_default (link, "display", NULL), ==, display);
  g_assert_cmpstr (json_object_get_string_member_with_default (link, "resolved", NULL), ==, resolved);
  g_assert_cmpstr (json_object_get_string_member (link, "resolution"), ==, resolution);
  g_assert_true (json_object_has_member (link, "ambiguous"));
  g_assert_cmpint (json_object_get_int_member (link, "line"), >, 0);
}

static void
test_cli_dump_index (void)
{
  g_autofree char *vault = fixture_path ("vault");
  const char *args[] = { "--dump-index", vault, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *home, *alpha, *broken, *legacy, *callout_note;
  JsonArray *notes, *tags;
  g_autofree char *cafe = g_strdup ("Cafe\xcc\x81.md");

  g_assert_cmpint (run_sheaf (args, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (root, "vault"), "vault"));
  notes = json_object_get_array_member (root, "notes");
  tags = json_object_get_array_member (root, "tags");
  g_assert_cmpuint (json_array_get_length (notes), ==, 15);
  g_assert_cmpuint (json_array_get_length (tags), >, 0);

  home = find_note (notes, "Home.md");
  g_assert_cmpstr (json_object_get_string_member (home, "title"), ==, "Home");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (home, "aliases"), 0),
                   ==, "Start Here");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (home, "properties"),
                                                  "type"), ==, "hub");
  g_assert_true (json_object_get_null_member (home, "frontmatter_error"));

  assert_link (home, "[[Alpha]]", "wikilink", "Alpha", NULL, NULL, "Alpha.md", "exact");
  assert_link (home, "[[Beta]]", "wikilink", "Beta", NULL, NULL, "sub/Beta.md", "shortest");
  assert_link (home, "[[Dup]]", "wikilink", "Dup", NULL, NULL, "a/Dup.md", "shortest");
  g_assert_true (json_object_get_boolean_member (find_link (home, "[[Dup]]"), "ambiguous"));
  assert_link (home, "[[Nick]]", "wikilink", "Nick", NULL, NULL, "Alpha.md", "alias");
  assert_link (home, "[[Missing]]", "wikilink", "Missing", NULL, NULL, NULL, "unresolved");
  assert_link (home, "[[../../etc/passwd]]", "wikilink", "../../etc/passwd", NULL, NULL, NULL, "outside");
  assert_link (home, "[[#Links]]", "wikilink", "", "Links", NULL, "Home.md", "self");
  assert_link (home, "[[Café]]", "wikilink", "Café", NULL, NULL, cafe, "exact");
  assert_link (home, "[[🌱 Seeds|the seeds]]", "wikilink", "🌱 Seeds", NULL, "the seeds",
               "🌱 Seeds.md", "exact");
  assert_link (home, "[text](sub/Beta.md)", "markdown", "sub/Beta.md", NULL, "text",
               "sub/Beta.md", "exact");
  assert_link (home, "[spaced](Some%20Note.md#Top)", "markdown", "Some Note.md", "Top", "spaced",
               "Some Note.md", "exact");
  assert_link (home, "![[pic.png]]", "embed", "pic.png", NULL, NULL, "pic.png", "exact");
  assert_link (home, "[[Alpha#Details#Deeper]]", "wikilink", "Alpha", "Details#Deeper", NULL,
               "Alpha.md", "exact");
  assert_link (home, "[[Alpha#^block-1]]", "wikilink", "Alpha", "^block-1", NULL, "Alpha.md", "exact");
  g_assert_null (find_link (home, "[[InCode]]"));
  g_assert_null (find_link (home, "[[InComment]]"));

  alpha = find_note (notes, "Alpha.md");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (alpha, "tags"), 1),
                   ==, "domain/music");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (alpha, "block_ids"), 0),
                   ==, "block-1");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (alpha, "headings")), ==, 3);

  broken = find_note (notes, "Broken.md");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (broken, "frontmatter_error"),
                                   "line "));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (broken, "tags")), ==, 0);

  legacy = find_note (notes, "Legacy.md");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (legacy, "tags")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (legacy, "aliases"), 0),
                   ==, "Old Name");

  callout_note = find_note (notes, "sub/Beta.md");
  assert_link (callout_note, "[[Gamma]]", "wikilink", "Gamma", NULL, NULL, "sub/Gamma.md", "folder");
  assert_link (callout_note, "[[../Alpha]]", "wikilink", "../Alpha", NULL, NULL, "Alpha.md", "relative");
}

static void
test_cli_check (void)
{
  g_autofree char *vault = fixture_path ("vault");
  const char *args[] = { "--check", vault, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_sheaf (args, &out, &err), ==, 1);
  g_test_message ("%s", out);

  g_assert_nonnull (strstr (out, "Home.md:17: unresolved-link: unresolved link [[Missing]]"));
  g_assert_nonnull (strstr (out, "Home.md:18: outside-link: link [[../../etc/passwd]] points outside the vault"));
  g_assert_nonnull (strstr (out, "Home.md:16: alias-link: link [[Nick]] resolves only via an alias of Alpha.md"));
  g_assert_nonnull (strstr (out, "Home.md:14: ambiguous-link: link [[Dup]] is ambiguous; it resolves to a/Dup.md"));
  g_assert_nonnull (strstr (out, "Broken.md:3: invalid-frontmatter: invalid frontmatter: line 3, column "));
  g_assert_nonnull (strstr (out, "Legacy.md:2: legacy-form:"));
  g_assert_nonnull (strstr (out, "Legacy.md:3: legacy-form:"));
  g_assert_nonnull (strstr (out, "Alpha.md:2: duplicate-alias: alias “Shared” is also claimed by Other.md"));
  g_assert_nonnull (strstr (out, "Other.md:2: duplicate-alias: alias “shared” is also claimed by Alpha.md"));
  g_assert_nonnull (strstr (out, "People/Ada.md:8: alias-link: link [[Start Here]]"));
  g_assert_nonnull (strstr (out, "sub/Beta.md:9: outside-link:"));
  /* links in hidden folders are not the vault's */
  g_assert_null (strstr (out, "Nowhere"));
  g_assert_nonnull (strstr (err, "problems in 15 notes"));
}

static void
test_cli_check_json (void)
{
  g_autofree char *vault = fixture_path ("vault");
  const char *args[] = { "--check", vault, "--json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *problems;

  g_assert_cmpint (run_sheaf (args, &out, &err), ==, 1);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  problems = json_object_get_array_member (root, "problems");
  g_assert_cmpint (json_object_get_int_member (root, "count"), ==, json_array_get_length (problems));
  g_assert_cmpuint (json_array_get_length (problems), >=, 10);
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *problem = json_array_get_object_element (problems, i);

      g_assert_true (json_object_has_member (problem, "path"));
      g_assert_true (json_object_has_member (problem, "line"));
      g_assert_true (json_object_has_member (problem, "kind"));
      g_assert_true (json_object_has_member (problem, "message"));
    }
}

static void
test_cli_check_clean (void)
{
  g_autofree char *vault = fixture_path ("clean-vault");
  const char *args[] = { "--check", vault, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_sheaf (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
}

static void
test_cli_usage (void)
{
  g_autofree char *vault = fixture_path ("clean-vault");
  const char *missing[] = { "--check", "/nonexistent/vault", NULL };
  const char *both[] = { "--check", vault, "--dump-index", vault, NULL };
  const char *json_alone[] = { "--dump-index", vault, "--json", NULL };
  const char *extra[] = { "--check", vault, "stray", NULL };
  const char *no_value[] = { "--check", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_sheaf (missing, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "/nonexistent/vault"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_sheaf (both, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_sheaf (json_alone, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_sheaf (extra, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_sheaf (no_value, &out, &err), ==, 2);
}

/* Links in frontmatter values: in the dump with their key, and checked. */
static void
test_cli_property_links (void)
{
  g_autofree char *vault = fixture_path ("props-vault");
  const char *dump_args[] = { "--dump-index", vault, NULL };
  const char *check_args[] = { "--check", vault, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *check_out = NULL;
  g_autofree char *check_err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *note, *link;
  JsonArray *links;

  g_assert_cmpint (run_sheaf (dump_args, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  note = find_note (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "notes"),
                    "References/Out of Control.md");
  links = json_object_get_array_member (note, "links");
  g_assert_cmpuint (json_array_get_length (links), ==, 10);

  link = json_array_get_object_element (links, 0);
  g_assert_cmpstr (json_object_get_string_member (link, "raw"), ==, "[[Books]]");
  g_assert_cmpstr (json_object_get_string_member (link, "property"), ==, "categories");
  g_assert_cmpstr (json_object_get_string_member (link, "resolved"), ==, "Categories/Books.md");
  g_assert_cmpint (json_object_get_int_member (link, "line"), ==, 3);

  link = find_link (note, "![[cover.jpg]]");
  g_assert_cmpstr (json_object_get_string_member (link, "kind"), ==, "embed");
  g_assert_cmpstr (json_object_get_string_member (link, "property"), ==, "cover");
  g_assert_cmpstr (json_object_get_string_member (link, "resolved"), ==, "Attachments/cover.jpg");

  /* body links have the key too, null */
  link = json_array_get_object_element (links, 9);
  g_assert_cmpstr (json_object_get_string_member (link, "raw"), ==, "[[Books|book]]");
  g_assert_true (json_object_has_member (link, "property"));
  g_assert_true (json_object_get_null_member (link, "property"));

  g_assert_cmpint (run_sheaf (check_args, &check_out, &check_err), ==, 1);
  g_test_message ("%s", check_out);
  g_assert_nonnull (strstr (check_out, "References/Out of Control.md:8: unresolved-link: "
                                       "unresolved link [[Missing Note]]"));
  g_assert_null (strstr (check_out, "[[Books]]"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/cli/dump-index", test_cli_dump_index);
  g_test_add_func ("/sheaf/cli/check", test_cli_check);
  g_test_add_func ("/sheaf/cli/check-json", test_cli_check_json);
  g_test_add_func ("/sheaf/cli/check-clean", test_cli_check_clean);
  g_test_add_func ("/sheaf/cli/usage", test_cli_usage);
  g_test_add_func ("/sheaf/cli/property-links", test_cli_property_links);

  return g_test_run ();
}
