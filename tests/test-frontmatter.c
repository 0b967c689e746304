/* test-frontmatter.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sheaf-frontmatter.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */

static SheafFrontmatter *
parse (const char *text)
{
  return sheaf_frontmatter_parse (text, strlen (text));
}

static SheafFrontmatter *
load_fixture (const char *name,
              GBytes    **bytes_out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "frontmatter", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  if (bytes_out != NULL)
    *bytes_out = g_bytes_new (contents, length);

  return sheaf_frontmatter_parse (contents, length);
}

static void
assert_strv (const char * const *got,
             const char * const *want)
{
  g_autofree char *got_s = g_strjoinv ("|", (char **)got);
  g_autofree char *want_s = g_strjoinv ("|", (char **)want);

  g_assert_cmpstr (got_s, ==, want_s);
  g_assert_cmpuint (g_strv_length ((char **)got), ==, g_strv_length ((char **)want));
}

static void
assert_span (SheafSpan span,
             gsize     start,
             gsize     end)
{
  g_assert_cmpuint (span.start, ==, start);
  g_assert_cmpuint (span.end, ==, end);
}

static char *
json_of (JsonNode *node)
{
  g_autoptr(JsonNode) owned = node;

  return json_to_string (owned, FALSE);
}

typedef enum
{
  SET,
  ADD,
  REMOVE,
  RENAME,
} Op;

static GBytes *
run_edit (Op           op,
          const char  *in,
          const char  *key,
          const char  *a,
          const char  *b,
          GError     **error)
{
  g_autoptr(GBytes) text = g_bytes_new (in, strlen (in));

  switch (op)
    {
    case SET:
      return sheaf_frontmatter_set_scalar (text, key, a, error);

    case ADD:
      return sheaf_frontmatter_add_item (text, key, a, error);

    case REMOVE:
      return sheaf_frontmatter_remove_item (text, key, a, error);

    case RENAME:
      return sheaf_frontmatter_rename_item (text, key, a, b, error);

    default:
      g_assert_not_reached ();
    }
}

/* Runs an edit and checks the whole output, byte for byte, and that it re-parses. */
static void
expect_edit (Op          op,
             const char *in,
             const char *key,
             const char *a,
             const char *b,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = run_edit (op, in, key, a, b, &error);
  g_autoptr(SheafFrontmatter) reparsed = NULL;
  g_autofree char *got = NULL;
  gsize len;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (out);
  data = g_bytes_get_data (out, &len);
  got = g_strndup (data, len);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (len, ==, strlen (expected));

  reparsed = sheaf_frontmatter_parse (data, len);
  g_assert_no_error (sheaf_frontmatter_get_error (reparsed));
  g_assert_true (sheaf_frontmatter_has_block (reparsed));
}

static void
expect_edit_error (Op          op,
                   const char *in,
                   const char *key,
                   const char *a,
                   const char *b,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = run_edit (op, in, key, a, b, &error);

  g_assert_error (error, SHEAF_FRONTMATTER_ERROR, code);
  g_assert_null (out);
}

#define expect_set(in, key, value, expected) expect_edit (SET, in, key, value, NULL, expected)
#define expect_add(in, key, item, expected) expect_edit (ADD, in, key, item, NULL, expected)
#define expect_remove(in, key, item, expected) expect_edit (REMOVE, in, key, item, NULL, expected)
#define expect_rename(in, key, old, new, expected) expect_edit (RENAME, in, key, old, new, expected)

/* ------------------------------------------------------------------------------------------ */
/* Splitting                                                                                    */

static void
test_split_basic (void)
{
  const char *text = "---\na: 1\n---\nBody\n";
  g_autoptr(SheafFrontmatter) fm = parse (text);

  g_assert_true (sheaf_frontmatter_has_block (fm));
  assert_span (sheaf_frontmatter_get_block_span (fm), 0, 13);
  assert_span (sheaf_frontmatter_get_yaml_span (fm), 4, 9);
  g_assert_cmpuint (sheaf_frontmatter_get_body_offset (fm), ==, 13);
  g_assert_cmpuint (sheaf_frontmatter_get_body_line (fm), ==, 4);
  g_assert_cmpstr (text + sheaf_frontmatter_get_body_offset (fm), ==, "Body\n");
  g_assert_null (sheaf_frontmatter_get_error (fm));
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (fm), ==, 1);
}

static void
test_split_bom (void)
{
  const char *text = "\xEF\xBB\xBF---\na: 1\n---\nBody";
  g_autoptr(SheafFrontmatter) fm = parse (text);
  g_autoptr(SheafFrontmatter) plain = parse ("\xEF\xBB\xBF# Just a body\n");
  SheafProperty *a;

  g_assert_true (sheaf_frontmatter_has_block (fm));
  assert_span (sheaf_frontmatter_get_block_span (fm), 3, 16);
  assert_span (sheaf_frontmatter_get_yaml_span (fm), 7, 12);
  g_assert_cmpuint (sheaf_frontmatter_get_body_offset (fm), ==, 16);
  g_assert_cmpuint (sheaf_frontmatter_get_body_line (fm), ==, 4);
  a = sheaf_frontmatter_lookup (fm, "a");
  g_assert_nonnull (a);
  assert_span (sheaf_property_get_key_span (a), 7, 8);
  assert_span (sheaf_property_get_value_span (a), 10, 11);
  g_assert_cmpuint (sheaf_property_get_line (a), ==, 2);

  g_assert_false (sheaf_frontmatter_has_block (plain));
  g_assert_cmpuint (sheaf_frontmatter_get_body_offset (plain), ==, 3);
  g_assert_cmpuint (sheaf_frontmatter_get_body_line (plain), ==, 1);
}

static void
test_split_crlf (void)
{
  const char *text = "---\r\na: 1\r\nb: two words\r\n---\r\nBody\r\n";
  g_autoptr(SheafFrontmatter) fm = parse (text);
  SheafProperty *b;

  g_assert_true (sheaf_frontmatter_has_block (fm));
  assert_span (sheaf_frontmatter_get_yaml_span (fm), 5, 25);
  assert_span (sheaf_frontmatter_get_block_span (fm), 0, 30);
  g_assert_cmpuint (sheaf_frontmatter_get_body_line (fm), ==, 5);
  b = sheaf_frontmatter_lookup (fm, "b");
  g_assert_cmpstr (sheaf_property_get_scalar (b), ==, "two words");
  assert_span (sheaf_property_get_value_span (b), 14, 23);
  g_assert_cmpuint (sheaf_property_get_line (b), ==, 3);
}

static void
test_split_dots (void)
{
  g_autoptr(SheafFrontmatter) fm = parse ("---\na: 1\n...\nBody\n");

  g_assert_true (sheaf_frontmatter_has_block (fm));
  assert_span (sheaf_frontmatter_get_block_span (fm), 0, 13);
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (fm), ==, 1);
}

static void
test_split_unclosed (void)
{
  g_autoptr(SheafFrontmatter) fm = parse ("---\ntitle: never closed\n\nBody\n");
  g_autoptr(SheafFrontmatter) fixture = load_fixture ("unclosed.md", NULL);

  g_assert_false (sheaf_frontmatter_has_block (fm));
  g_assert_cmpuint (sheaf_frontmatter_get_body_offset (fm), ==, 0);
  g_assert_cmpuint (sheaf_frontmatter_get_body_line (fm), ==, 1);
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (fm), ==, 0);
  g_assert_null (sheaf_frontmatter_get_error (fm));
  g_assert_null (sheaf_frontmatter_get_title (fm));

  g_assert_false (sheaf_frontmatter_has_block (fixture));
}

static void
test_split_empty (void)
{
  g_autoptr(SheafFrontmatter) fm = sheaf_frontmatter_parse ("", 0);
  g_autoptr(SheafFrontmatter) null_text = sheaf_frontmatter_parse (NULL, 0);

  g_assert_false (sheaf_frontmatter_has_block (fm));
  g_assert_cmpuint (sheaf_frontmatter_get_body_offset (fm), ==, 0);
  g_assert_cmpuint (sheaf_frontmatter_get_body_line (fm), ==, 1);
  g_assert_nonnull (sheaf_frontmatter_get_tags (fm));
  g_assert_null (sheaf_frontmatter_get_tags (fm)[0]);
  g_assert_nonnull (sheaf_frontmatter_get_aliases (fm));
  g_assert_null (sheaf_frontmatter_get_aliases (fm)[0]);
  g_assert_false (sheaf_frontmatter_has_block (null_text));
}

static void
test_split_only_frontmatter (void)
{
  g_autoptr(SheafFrontmatter) no_newline = parse ("---\na: 1\n---");
  g_autoptr(SheafFrontmatter) newline = parse ("---\na: 1\n---\n");
  g_autoptr(SheafFrontmatter) crlf_no_newline = parse ("---\r\na: 1\r\n---\r");

  g_assert_true (sheaf_frontmatter_has_block (no_newline));
  assert_span (sheaf_frontmatter_get_block_span (no_newline), 0, 12);
  g_assert_cmpuint (sheaf_frontmatter_get_body_offset (no_newline), ==, 12);
  g_assert_cmpuint (sheaf_frontmatter_get_body_line (no_newline), ==, 3);

  g_assert_true (sheaf_frontmatter_has_block (newline));
  g_assert_cmpuint (sheaf_frontmatter_get_body_offset (newline), ==, 13);
  g_assert_cmpuint (sheaf_frontmatter_get_body_line (newline), ==, 4);

  g_assert_true (sheaf_frontmatter_has_block (crlf_no_newline));
  g_assert_cmpuint (sheaf_frontmatter_get_body_offset (crlf_no_newline), ==, 15);
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (crlf_no_newline), ==, 1);
}

static void
test_split_fence_only (void)
{
  const char *not_blocks[] = { "---", "---\n", "---\r\n", "--", "----\na: 1\n---\n",
                               "--- \na: 1\n---\n", " ---\na: 1\n---\n", "---\na: 1\n--- \n",
                               "---\na: 1\n ---\n", "---\na: 1\n----\n", "Intro\n---\na: 1\n---\n" };
  g_autoptr(SheafFrontmatter) empty_block = parse ("---\n---\n");
  g_autoptr(SheafFrontmatter) comment_only = parse ("---\n# nothing yet\n---\nBody");
  g_autoptr(SheafFrontmatter) blank = parse ("---\n\n\n---\nBody");

  for (guint i = 0; i < G_N_ELEMENTS (not_blocks); i++)
    {
      g_autoptr(SheafFrontmatter) fm = parse (not_blocks[i]);

      g_test_message ("input %u: %s", i, not_blocks[i]);
      g_assert_false (sheaf_frontmatter_has_block (fm));
      g_assert_cmpuint (sheaf_frontmatter_get_body_offset (fm), ==, 0);
      g_assert_null (sheaf_frontmatter_get_error (fm));
    }

  g_assert_true (sheaf_frontmatter_has_block (empty_block));
  assert_span (sheaf_frontmatter_get_yaml_span (empty_block), 4, 4);
  assert_span (sheaf_frontmatter_get_block_span (empty_block), 0, 8);
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (empty_block), ==, 0);
  g_assert_null (sheaf_frontmatter_get_error (empty_block));

  g_assert_true (sheaf_frontmatter_has_block (comment_only));
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (comment_only), ==, 0);
  g_assert_null (sheaf_frontmatter_get_error (comment_only));

  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (blank), ==, 0);
  g_assert_null (sheaf_frontmatter_get_error (blank));
}

static void
test_split_body_fence (void)
{
  const char *text = "---\na: 1\n---\nText\n---\nb: 2\n---\n";
  g_autoptr(SheafFrontmatter) fm = parse (text);
  g_autoptr(SheafFrontmatter) topic = load_fixture ("topic-note.md", NULL);

  /* The first closing fence ends the block; later "---" lines are body. */
  g_assert_cmpuint (sheaf_frontmatter_get_body_offset (fm), ==, 13);
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (fm), ==, 1);
  g_assert_null (sheaf_frontmatter_lookup (fm, "b"));

  /* The fixture has a thematic break in its body. */
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (topic), ==, 6);
  g_assert_cmpuint (sheaf_frontmatter_get_body_line (topic), ==, 15);
}

/* ------------------------------------------------------------------------------------------ */
/* Properties                                                                                   */

static void
test_topic_note (void)
{
  const char * const aliases[] = { "Tape Saturation", "Analog Warmth", "Harmonic Colour", NULL };
  const char * const tags[] = { "domain/mixing", "type/topic", "channel/gear-talk", NULL };
  const char * const keys[] = { "type", "confidence", "aliases", "tags", "created", "modified" };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SheafFrontmatter) fm = load_fixture ("topic-note.md", &bytes);
  const char *data = g_bytes_get_data (bytes, NULL);
  SheafProperty *property;

  g_assert_null (sheaf_frontmatter_get_error (fm));
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (fm), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpstr (sheaf_property_get_key (sheaf_frontmatter_get_property (fm, i)), ==, keys[i]);

  assert_strv (sheaf_frontmatter_get_aliases (fm), aliases);
  assert_strv (sheaf_frontmatter_get_tags (fm), tags);
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fm), ==, SHEAF_LEGACY_NONE);
  g_assert_null (sheaf_frontmatter_get_title (fm));

  property = sheaf_frontmatter_lookup (fm, "type");
  g_assert_cmpint (sheaf_property_get_value_type (property), ==, SHEAF_VALUE_STRING);
  g_assert_cmpstr (sheaf_property_get_scalar (property), ==, "topic");
  g_assert_cmpuint (sheaf_property_get_line (property), ==, 2);

  property = sheaf_frontmatter_lookup (fm, "created");
  g_assert_cmpint (sheaf_property_get_value_type (property), ==, SHEAF_VALUE_DATE);
  g_assert_cmpstr (sheaf_property_get_scalar (property), ==, "2026-01-12");
  g_assert_cmpuint (sheaf_property_get_line (property), ==, 12);

  property = sheaf_frontmatter_lookup (fm, "tags");
  g_assert_cmpint (sheaf_property_get_value_type (property), ==, SHEAF_VALUE_LIST);
  g_assert_null (sheaf_property_get_scalar (property));
  g_assert_cmpuint (sheaf_property_get_n_items (property), ==, 3);
  g_assert_cmpuint (sheaf_property_get_line (property), ==, 8);
  for (guint i = 0; i < 3; i++)
    {
      SheafSpan span = sheaf_property_get_item_span (property, i);

      g_assert_cmpmem (data + span.start, span.end - span.start, tags[i], strlen (tags[i]));
      g_assert_cmpstr (sheaf_property_get_item (property, i), ==, tags[i]);
    }
  /* The list's span runs from the first dash to the end of the last item. */
  {
    SheafSpan span = sheaf_property_get_value_span (property);

    g_assert_cmpmem (data + span.start, span.end - span.start,
                     "- domain/mixing\n  - type/topic\n  - channel/gear-talk",
                     strlen ("- domain/mixing\n  - type/topic\n  - channel/gear-talk"));
  }
}

/* The seed note beside the project, when it is there (never copied into it). */
static void
test_seed_note (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : ".",
                                           "..", "..", "shared", "seeds", NULL);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;
  guint seen = 0;

  if (gdir == NULL)
    {
      g_test_skip ("no seeds folder beside the project");
      return;
    }

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(SheafFrontmatter) fm = NULL;
      SheafProperty *tags;

      if (!g_str_has_suffix (name, ".txt") || !g_file_get_contents (path, &contents, &length, NULL))
        continue;

      fm = sheaf_frontmatter_parse (contents, length);
      g_assert_true (sheaf_frontmatter_has_block (fm));
      g_assert_null (sheaf_frontmatter_get_error (fm));
      g_assert_cmpuint (sheaf_frontmatter_get_n_properties (fm), >, 0);
      tags = sheaf_frontmatter_lookup (fm, "tags");
      g_assert_nonnull (tags);
      g_assert_cmpint (sheaf_property_get_value_type (tags), ==, SHEAF_VALUE_LIST);
      g_assert_cmpuint (g_strv_length ((char **)sheaf_frontmatter_get_tags (fm)), ==,
                        sheaf_property_get_n_items (tags));
      g_assert_true (g_strv_contains (sheaf_frontmatter_get_tags (fm), "domain/community"));
      g_assert_cmpint (sheaf_property_get_value_type (sheaf_frontmatter_lookup (fm, "created")), ==,
                       SHEAF_VALUE_DATE);
      g_assert_cmpuint (g_strv_length ((char **)sheaf_frontmatter_get_aliases (fm)), ==, 3);
      seen++;
    }

  if (seen == 0)
    g_test_skip ("no seed notes");
}

typedef struct
{
  const char     *yaml;
  SheafValueType  type;
  const char     *scalar;
} TypeCase;

static void
test_types (void)
{
  static const TypeCase cases[] = {
    { "yes", SHEAF_VALUE_STRING, "yes" },
    { "no", SHEAF_VALUE_STRING, "no" },
    { "on", SHEAF_VALUE_STRING, "on" },
    { "Off", SHEAF_VALUE_STRING, "Off" },
    { "true", SHEAF_VALUE_BOOLEAN, "true" },
    { "True", SHEAF_VALUE_BOOLEAN, "True" },
    { "TRUE", SHEAF_VALUE_BOOLEAN, "TRUE" },
    { "false", SHEAF_VALUE_BOOLEAN, "false" },
    { "tRUE", SHEAF_VALUE_STRING, "tRUE" },
    { "~", SHEAF_VALUE_NULL, "~" },
    { "null", SHEAF_VALUE_NULL, "null" },
    { "Null", SHEAF_VALUE_NULL, "Null" },
    { "NULL", SHEAF_VALUE_NULL, "NULL" },
    { "nULL", SHEAF_VALUE_STRING, "nULL" },
    { "", SHEAF_VALUE_NULL, "" },
    { "42", SHEAF_VALUE_INTEGER, "42" },
    { "-7", SHEAF_VALUE_INTEGER, "-7" },
    { "+7", SHEAF_VALUE_INTEGER, "+7" },
    { "007", SHEAF_VALUE_INTEGER, "007" },
    { "0x1F", SHEAF_VALUE_INTEGER, "0x1F" },
    { "0o17", SHEAF_VALUE_INTEGER, "0o17" },
    { "0b101", SHEAF_VALUE_STRING, "0b101" },
    { "1_000", SHEAF_VALUE_STRING, "1_000" },
    { "1.5", SHEAF_VALUE_FLOAT, "1.5" },
    { "-.5", SHEAF_VALUE_FLOAT, "-.5" },
    { "1.", SHEAF_VALUE_FLOAT, "1." },
    { "1e3", SHEAF_VALUE_FLOAT, "1e3" },
    { "6.02E+23", SHEAF_VALUE_FLOAT, "6.02E+23" },
    { "1e", SHEAF_VALUE_STRING, "1e" },
    { ".", SHEAF_VALUE_STRING, "." },
    { ".inf", SHEAF_VALUE_FLOAT, ".inf" },
    { "-.Inf", SHEAF_VALUE_FLOAT, "-.Inf" },
    { ".NaN", SHEAF_VALUE_FLOAT, ".NaN" },
    { "'42'", SHEAF_VALUE_STRING, "42" },
    { "\"true\"", SHEAF_VALUE_STRING, "true" },
    { "'null'", SHEAF_VALUE_STRING, "null" },
    { "!!str 5", SHEAF_VALUE_STRING, "5" },
    { "2026-02-19", SHEAF_VALUE_DATE, "2026-02-19" },
    { "2026-02-19T10:30", SHEAF_VALUE_DATE, "2026-02-19T10:30" },
    { "2026-02-19T10:30:15", SHEAF_VALUE_DATE, "2026-02-19T10:30:15" },
    { "2024-02-29", SHEAF_VALUE_DATE, "2024-02-29" },
    { "2026-02-29", SHEAF_VALUE_STRING, "2026-02-29" },
    { "2026-13-01", SHEAF_VALUE_STRING, "2026-13-01" },
    { "2026-2-19", SHEAF_VALUE_STRING, "2026-2-19" },
    { "2026-02-19 10:30", SHEAF_VALUE_STRING, "2026-02-19 10:30" },
    { "2026-02-19T25:00", SHEAF_VALUE_STRING, "2026-02-19T25:00" },
    { "'2026-02-19'", SHEAF_VALUE_STRING, "2026-02-19" },
    { "\"a\\tb\\u00e9\"", SHEAF_VALUE_STRING, "a\tb\xC3\xA9" },
    { "'it''s'", SHEAF_VALUE_STRING, "it's" },
    { "plain words here", SHEAF_VALUE_STRING, "plain words here" },
    { "|\n  line one\n  line two\n", SHEAF_VALUE_STRING, "line one\nline two\n" },
    { ">-\n  folded\n  text\n", SHEAF_VALUE_STRING, "folded text" },
    { "[a, b]", SHEAF_VALUE_LIST, NULL },
    { "\n  - a", SHEAF_VALUE_LIST, NULL },
    { "{a: 1}", SHEAF_VALUE_MAPPING, NULL },
    { "\n  a: 1", SHEAF_VALUE_MAPPING, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("---\nv: %s\nafter: 1\n---\n", cases[i].yaml);
      g_autoptr(SheafFrontmatter) fm = parse (text);
      SheafProperty *v;

      g_test_message ("case %u: %s", i, cases[i].yaml);
      g_assert_no_error (sheaf_frontmatter_get_error (fm));
      v = sheaf_frontmatter_lookup (fm, "v");
      g_assert_nonnull (v);
      g_assert_cmpint (sheaf_property_get_value_type (v), ==, cases[i].type);
      g_assert_cmpstr (sheaf_property_get_scalar (v), ==, cases[i].scalar);
      g_assert_cmpstr (sheaf_property_get_scalar (sheaf_frontmatter_lookup (fm, "after")), ==, "1");
    }
}

static void
test_spans (void)
{
  /* Multi-byte text: spans are bytes, not characters. */
  const char *text = "---\n\xC3\xA9t\xC3\xA9: \xC3\xB6l \xE2\x82\xAC\nq: 'x''y' # c\nlit: |\n  a\n\n\nnext:\n---\n";
  g_autoptr(SheafFrontmatter) fm = parse (text);
  SheafProperty *p;

  g_assert_no_error (sheaf_frontmatter_get_error (fm));
  p = sheaf_frontmatter_get_property (fm, 0);
  g_assert_cmpstr (sheaf_property_get_key (p), ==, "\xC3\xA9t\xC3\xA9");
  assert_span (sheaf_property_get_key_span (p), 4, 9);
  assert_span (sheaf_property_get_value_span (p), 11, 18);
  g_assert_cmpstr (sheaf_property_get_scalar (p), ==, "\xC3\xB6l \xE2\x82\xAC");

  /* Quoted values' spans include the quotes. */
  p = sheaf_frontmatter_lookup (fm, "q");
  assert_span (sheaf_property_get_value_span (p), 22, 28);
  g_assert_cmpuint (sheaf_property_get_line (p), ==, 3);

  /* A block scalar ends with its last line, not the blank lines after it. */
  p = sheaf_frontmatter_lookup (fm, "lit");
  g_assert_cmpmem (text + sheaf_property_get_value_span (p).start,
                   sheaf_property_get_value_span (p).end - sheaf_property_get_value_span (p).start,
                   "|\n  a", 5);

  /* `key:` has an empty span right after the colon. */
  p = sheaf_frontmatter_lookup (fm, "next");
  g_assert_cmpint (sheaf_property_get_value_type (p), ==, SHEAF_VALUE_NULL);
  g_assert_cmpuint (sheaf_property_get_value_span (p).start, ==, strstr (text, "next:") - text + 5);
  g_assert_cmpuint (sheaf_property_get_value_span (p).end, ==, sheaf_property_get_value_span (p).start);
  g_assert_cmpuint (sheaf_property_get_line (p), ==, 8);
}

static void
test_items (void)
{
  const char *text = "---\n"
                     "flow: [a, 'b c', 3, [x, y], {k: v}]\n"
                     "block:\n"
                     "- one\n"
                     "- \"two\"\n"
                     "- k: v\n"
                     "  k2: w\n"
                     "-\n"
                     "---\n";
  g_autoptr(SheafFrontmatter) fm = parse (text);
  SheafProperty *flow, *block;
  SheafSpan span;

  g_assert_no_error (sheaf_frontmatter_get_error (fm));
  flow = sheaf_frontmatter_lookup (fm, "flow");
  g_assert_cmpuint (sheaf_property_get_n_items (flow), ==, 5);
  g_assert_cmpstr (sheaf_property_get_item (flow, 0), ==, "a");
  g_assert_cmpstr (sheaf_property_get_item (flow, 1), ==, "b c");
  g_assert_cmpstr (sheaf_property_get_item (flow, 2), ==, "3");
  g_assert_cmpint (sheaf_property_get_item_type (flow, 2), ==, SHEAF_VALUE_INTEGER);
  g_assert_cmpstr (sheaf_property_get_item (flow, 3), ==, "[x, y]");
  g_assert_cmpint (sheaf_property_get_item_type (flow, 3), ==, SHEAF_VALUE_LIST);
  g_assert_cmpstr (sheaf_property_get_item (flow, 4), ==, "{k: v}");
  span = sheaf_property_get_item_span (flow, 1);
  g_assert_cmpmem (text + span.start, span.end - span.start, "'b c'", 5);
  span = sheaf_property_get_value_span (flow);
  g_assert_cmpmem (text + span.start, span.end - span.start,
                   "[a, 'b c', 3, [x, y], {k: v}]", strlen ("[a, 'b c', 3, [x, y], {k: v}]"));

  block = sheaf_frontmatter_lookup (fm, "block");
  g_assert_cmpuint (sheaf_property_get_n_items (block), ==, 4);
  g_assert_cmpstr (sheaf_property_get_item (block, 1), ==, "two");
  g_assert_cmpstr (sheaf_property_get_item (block, 2), ==, "k: v\n  k2: w");
  g_assert_cmpint (sheaf_property_get_item_type (block, 2), ==, SHEAF_VALUE_MAPPING);
  g_assert_cmpstr (sheaf_property_get_item (block, 3), ==, "");
  g_assert_cmpint (sheaf_property_get_item_type (block, 3), ==, SHEAF_VALUE_NULL);
  g_assert_cmpuint (sheaf_property_get_n_items (sheaf_frontmatter_get_property (fm, 0)), ==, 5);
}

static void
test_json (void)
{
  const char *text = "---\n"
                     "i: 42\n"
                     "neg: -0x10\n"
                     "hex: 0x1F\n"
                     "oct: 0o17\n"
                     "big: 123456789012345678901234567890\n"
                     "f: 1.5\n"
                     "inf: -.inf\n"
                     "b: True\n"
                     "n: ~\n"
                     "d: 2026-02-19\n"
                     "s: '7'\n"
                     "list: [1, two, false, null, [3]]\n"
                     "map:\n"
                     "  inner: {x: 1.25}\n"
                     "  ? [complex, key]\n"
                     "  : v\n"
                     "---\n";
  g_autoptr(SheafFrontmatter) fm = parse (text);
  g_autofree char *all = NULL;

  g_assert_no_error (sheaf_frontmatter_get_error (fm));
#define JSON_OF(key) json_of (sheaf_property_to_json (sheaf_frontmatter_lookup (fm, key)))
  {
    g_autofree char *i = JSON_OF ("i");
    g_autofree char *neg = JSON_OF ("neg");
    g_autofree char *hex = JSON_OF ("hex");
    g_autofree char *oct = JSON_OF ("oct");
    g_autofree char *big = JSON_OF ("big");
    g_autofree char *f = JSON_OF ("f");
    g_autofree char *inf = JSON_OF ("inf");
    g_autofree char *b = JSON_OF ("b");
    g_autofree char *n = JSON_OF ("n");
    g_autofree char *d = JSON_OF ("d");
    g_autofree char *s = JSON_OF ("s");
    g_autofree char *list = JSON_OF ("list");
    g_autofree char *map = JSON_OF ("map");

    g_assert_cmpstr (i, ==, "42");
    g_assert_cmpstr (neg, ==, "\"-0x10\"");
    g_assert_cmpstr (hex, ==, "31");
    g_assert_cmpstr (oct, ==, "15");
    g_assert_true (g_str_has_prefix (big, "1.2345678901234568e+29"));
    g_assert_cmpstr (f, ==, "1.5");
    g_assert_cmpstr (inf, ==, "\"-.inf\"");
    g_assert_cmpstr (b, ==, "true");
    g_assert_cmpstr (n, ==, "null");
    g_assert_cmpstr (d, ==, "\"2026-02-19\"");
    g_assert_cmpstr (s, ==, "\"7\"");
    g_assert_cmpstr (list, ==, "[1,\"two\",false,null,[3]]");
    g_assert_cmpstr (map, ==, "{\"inner\":{\"x\":1.25},\"[complex, key]\":\"v\"}");
    {
      g_autoptr(SheafFrontmatter) dup = parse ("---\na: 1\nm: {k: first, k: second}\na: 2\n---\n");
      g_autofree char *dup_json = json_of (sheaf_frontmatter_to_json (dup));

      /* Duplicate keys: the first wins, everywhere. */
      g_assert_cmpstr (dup_json, ==, "{\"a\":1,\"m\":{\"k\":\"first\"}}");
      g_assert_cmpstr (sheaf_property_get_scalar (sheaf_frontmatter_lookup (dup, "a")), ==, "1");
    }
  }
#undef JSON_OF

  all = json_of (sheaf_frontmatter_to_json (fm));
  g_assert_true (g_str_has_prefix (all, "{\"i\":42,\"neg\":\"-0x10\","));
}

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                       */

static void
assert_error (const char *text,
              int         code,
              guint       line,
              guint       column,
              const char *message)
{
  g_autoptr(SheafFrontmatter) fm = parse (text);
  const GError *error = sheaf_frontmatter_get_error (fm);

  g_assert_error ((GError *)error, SHEAF_FRONTMATTER_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (sheaf_frontmatter_get_error_line (fm), ==, line);
  g_assert_cmpuint (sheaf_frontmatter_get_error_column (fm), ==, column);
  g_assert_true (sheaf_frontmatter_has_block (fm));
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (fm), ==, 0);
  g_assert_null (sheaf_frontmatter_get_tags (fm)[0]);
  g_assert_null (sheaf_frontmatter_get_aliases (fm)[0]);
  g_assert_null (sheaf_frontmatter_get_title (fm));
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fm), ==, SHEAF_LEGACY_NONE);
}

static void
test_invalid_yaml (void)
{
  g_autoptr(SheafFrontmatter) fixture = load_fixture ("invalid-yaml.md", NULL);

  /* Positions are in the file: the YAML starts on line 2. */
  assert_error ("---\ntype: topic\nbad: a: b\n---\nBody\n",
                SHEAF_FRONTMATTER_ERROR_INVALID_YAML, 3, 7,
                "line 3, column 7: mapping values are not allowed in this context");
  assert_error ("\xEF\xBB\xBF---\r\ntitle: x\r\ntags: [a, b\r\nnext: 1\r\n---\r\nBody",
                SHEAF_FRONTMATTER_ERROR_INVALID_YAML, 4, 5,
                "line 4, column 5: did not find expected ',' or ']'");
  assert_error ("---\ntags: [a, b]\ntitle: \"unterminated\n---\n",
                SHEAF_FRONTMATTER_ERROR_INVALID_YAML, 4, 1,
                "line 4, column 1: found unexpected end of stream");
  assert_error ("---\n\xC3\xA9: \xC3\xA9\n  bad indent: 1\n---\n",
                SHEAF_FRONTMATTER_ERROR_INVALID_YAML, 3, 13,
                "line 3, column 13: mapping values are not allowed in this context");
  /* "--- x" is not a fence: to libyaml it starts a second document. */
  assert_error ("---\na: 1\n--- x\n---\n",
                SHEAF_FRONTMATTER_ERROR_INVALID_YAML, 3, 1,
                "line 3, column 1: only one YAML document is allowed in frontmatter");

  g_assert_error ((GError *)sheaf_frontmatter_get_error (fixture),
                  SHEAF_FRONTMATTER_ERROR, SHEAF_FRONTMATTER_ERROR_INVALID_YAML);
  g_assert_cmpuint (sheaf_frontmatter_get_body_line (fixture), ==, 5);
}

static void
test_not_mapping (void)
{
  g_autoptr(SheafFrontmatter) fixture = load_fixture ("not-mapping.md", NULL);

  assert_error ("---\n- a\n- b\n---\n", SHEAF_FRONTMATTER_ERROR_NOT_MAPPING, 2, 1,
                "line 2, column 1: frontmatter must be a mapping of keys to values, not a list");
  assert_error ("---\njust some text\n---\n", SHEAF_FRONTMATTER_ERROR_NOT_MAPPING, 2, 1,
                "line 2, column 1: frontmatter must be a mapping of keys to values, not a single value");
  assert_error ("---\n# comment\n  [tags, a]\n---\n", SHEAF_FRONTMATTER_ERROR_NOT_MAPPING, 3, 3,
                "line 3, column 3: frontmatter must be a mapping of keys to values, not a list");

  g_assert_error ((GError *)sheaf_frontmatter_get_error (fixture),
                  SHEAF_FRONTMATTER_ERROR, SHEAF_FRONTMATTER_ERROR_NOT_MAPPING);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(SheafFrontmatter) body_only = parse ("---\na: 1\n---\nBody \xFF\xFE\n");
  g_autoptr(SheafFrontmatter) fixture = load_fixture ("invalid-utf8.md", NULL);

  assert_error ("---\na: \xC3\xA9\xFF\n---\n", SHEAF_FRONTMATTER_ERROR_INVALID_YAML, 2, 5,
                "line 2, column 5: invalid leading UTF-8 octet");
  assert_error ("---\na: 1\nb: \xE2\x82\n---\n", SHEAF_FRONTMATTER_ERROR_INVALID_YAML, 3, 4,
                "line 3, column 4: invalid trailing UTF-8 octet");
  assert_error ("---\na: x\x01y\n---\n", SHEAF_FRONTMATTER_ERROR_INVALID_YAML, 2, 5,
                "line 2, column 5: control characters are not allowed");

  /* Bad bytes in the body are not the frontmatter's business. */
  g_assert_no_error (sheaf_frontmatter_get_error (body_only));
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (body_only), ==, 1);

  g_assert_error ((GError *)sheaf_frontmatter_get_error (fixture),
                  SHEAF_FRONTMATTER_ERROR, SHEAF_FRONTMATTER_ERROR_INVALID_YAML);
}

static void
test_nul_and_utf16 (void)
{
  const char with_nul[] = "---\na: b\0c\n---\n";
  const char utf16_bom[] = "---\n\xFF\xFE" "a: 1\n---\n";
  g_autoptr(SheafFrontmatter) fm = sheaf_frontmatter_parse (with_nul, sizeof with_nul - 1);
  g_autoptr(SheafFrontmatter) fm16 = sheaf_frontmatter_parse (utf16_bom, sizeof utf16_bom - 1);

  g_assert_error ((GError *)sheaf_frontmatter_get_error (fm),
                  SHEAF_FRONTMATTER_ERROR, SHEAF_FRONTMATTER_ERROR_INVALID_YAML);
  g_assert_cmpuint (sheaf_frontmatter_get_error_line (fm), ==, 2);
  g_assert_cmpuint (sheaf_frontmatter_get_error_column (fm), ==, 5);
  g_assert_error ((GError *)sheaf_frontmatter_get_error (fm16),
                  SHEAF_FRONTMATTER_ERROR, SHEAF_FRONTMATTER_ERROR_INVALID_YAML);
}

static void
test_too_deep (void)
{
  g_autoptr(GString) text = g_string_new ("---\na: ");
  g_autoptr(SheafFrontmatter) fm = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  g_string_append (text, "\n---\n");
  fm = sheaf_frontmatter_parse (text->str, text->len);

  g_assert_error ((GError *)sheaf_frontmatter_get_error (fm),
                  SHEAF_FRONTMATTER_ERROR, SHEAF_FRONTMATTER_ERROR_INVALID_YAML);
  g_assert_cmpuint (sheaf_frontmatter_get_error_line (fm), ==, 2);
}

/* Big inputs parse in one linear pass; this would take minutes if anything were
 * quadratic. (No timing asserts: the benchmarks measure.)
 */
static void
test_huge (void)
{
  g_autoptr(GString) text = g_string_new ("---\ntags:\n");
  g_autoptr(SheafFrontmatter) fm = NULL;
  g_autoptr(SheafFrontmatter) unclosed = NULL;
  g_autofree char *body = g_strnfill (8 * 1024 * 1024, 'x');

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (text, "  - tag%u\n", i);
  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (text, "key%u: \"value \\u00e9 %u\"\n", i, i);
  g_string_append (text, "---\n");
  fm = sheaf_frontmatter_parse (text->str, text->len);
  g_assert_no_error (sheaf_frontmatter_get_error (fm));
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (fm), ==, 50001);
  g_assert_cmpuint (g_strv_length ((char **)sheaf_frontmatter_get_tags (fm)), ==, 50000);
  g_assert_cmpstr (sheaf_property_get_scalar (sheaf_frontmatter_lookup (fm, "key49999")), ==,
                   "value \xC3\xA9 49999");

  /* An opening fence that never closes, over megabytes of body. */
  g_string_assign (text, "---\n");
  g_string_append (text, body);
  unclosed = sheaf_frontmatter_parse (text->str, text->len);
  g_assert_false (sheaf_frontmatter_has_block (unclosed));
}

/* ------------------------------------------------------------------------------------------ */
/* Tags, aliases, title                                                                         */

static void
test_tags (void)
{
  const char * const want[] = { "a", "domain/community", "2024", "quoted", "x y", "c", NULL };
  g_autoptr(SheafFrontmatter) fm = parse ("---\n"
                                          "tags:\n"
                                          "  - a\n"
                                          "  - '#domain/community'\n"
                                          "  - 2024\n"
                                          "  - \"##quoted\"\n"
                                          "  - ''\n"
                                          "  -\n"
                                          "  - '# '\n"
                                          "  - x y\n"
                                          "  - [nested, list]\n"
                                          "other: 1\n"
                                          "tag: c\n"
                                          "---\n");

  g_assert_no_error (sheaf_frontmatter_get_error (fm));
  assert_strv (sheaf_frontmatter_get_tags (fm), want);
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fm), ==, SHEAF_LEGACY_TAG_KEY);
}

static void
test_tags_legacy (void)
{
  const char * const spaces[] = { "a", "b/c", "d", NULL };
  const char * const list_tag[] = { "one", "two", NULL };
  g_autoptr(SheafFrontmatter) fm = parse ("---\ntags: project, #idea,, x\n---\n");
  g_autoptr(SheafFrontmatter) fm2 = parse ("---\ntags: 'a  b/c  #d'\n---\n");
  g_autoptr(SheafFrontmatter) fm3 = parse ("---\ntag: [one, '#two']\n---\n");
  g_autoptr(SheafFrontmatter) fm4 = parse ("---\ntags:\n---\n");
  g_autoptr(SheafFrontmatter) fixture = load_fixture ("legacy-forms.md", NULL);
  const char * const fixture_tags[] = { "project", "idea", "old", NULL };
  const char * const fixture_aliases[] = { "First Name", "Second Name", "Third", NULL };

  /* " #idea" starts a YAML comment: the value is just "project," */
  assert_strv (sheaf_frontmatter_get_tags (fm), (const char * const[]){ "project", NULL });
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fm), ==, SHEAF_LEGACY_TAGS_STRING);

  assert_strv (sheaf_frontmatter_get_tags (fm2), spaces);
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fm2), ==, SHEAF_LEGACY_TAGS_STRING);

  assert_strv (sheaf_frontmatter_get_tags (fm3), list_tag);
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fm3), ==, SHEAF_LEGACY_TAG_KEY);

  /* An empty value is no tags, and not a legacy form. */
  g_assert_null (sheaf_frontmatter_get_tags (fm4)[0]);
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fm4), ==, SHEAF_LEGACY_NONE);

  assert_strv (sheaf_frontmatter_get_tags (fixture), fixture_tags);
  assert_strv (sheaf_frontmatter_get_aliases (fixture), fixture_aliases);
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fixture), ==,
                   SHEAF_LEGACY_TAGS_STRING | SHEAF_LEGACY_TAG_KEY |
                   SHEAF_LEGACY_ALIASES_STRING | SHEAF_LEGACY_ALIAS_KEY);
  g_assert_cmpstr (sheaf_frontmatter_get_title (fixture), ==, "Legacy forms");
}

static void
test_aliases (void)
{
  const char * const list[] = { "Mental Health", "It's", "#not-a-tag", "42", NULL };
  const char * const string[] = { "One", "Two Words", NULL };
  g_autoptr(SheafFrontmatter) fm = parse ("---\n"
                                          "aliases:\n"
                                          "  - Mental Health\n"
                                          "  - 'It''s'\n"
                                          "  - '#not-a-tag'\n"
                                          "  - 42\n"
                                          "  - ''\n"
                                          "---\n");
  g_autoptr(SheafFrontmatter) fm2 = parse ("---\naliases: One,  Two Words ,\n---\n");
  g_autoptr(SheafFrontmatter) fm3 = parse ("---\nalias: [One, Two Words]\n---\n");

  assert_strv (sheaf_frontmatter_get_aliases (fm), list);
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fm), ==, SHEAF_LEGACY_NONE);
  assert_strv (sheaf_frontmatter_get_aliases (fm2), string);
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fm2), ==, SHEAF_LEGACY_ALIASES_STRING);
  assert_strv (sheaf_frontmatter_get_aliases (fm3), string);
  g_assert_cmpint (sheaf_frontmatter_get_legacy_flags (fm3), ==, SHEAF_LEGACY_ALIAS_KEY);
}

static void
test_title (void)
{
  g_autoptr(SheafFrontmatter) plain = parse ("---\ntitle: A Title\n---\n");
  g_autoptr(SheafFrontmatter) quoted = parse ("---\ntitle: \"2024\"\n---\n");
  g_autoptr(SheafFrontmatter) number = parse ("---\ntitle: 2024\n---\n");
  g_autoptr(SheafFrontmatter) empty = parse ("---\ntitle: ''\n---\n");
  g_autoptr(SheafFrontmatter) null = parse ("---\ntitle:\n---\n");
  g_autoptr(SheafFrontmatter) list = parse ("---\ntitle: [a]\n---\n");

  g_assert_cmpstr (sheaf_frontmatter_get_title (plain), ==, "A Title");
  g_assert_cmpstr (sheaf_frontmatter_get_title (quoted), ==, "2024");
  g_assert_null (sheaf_frontmatter_get_title (number));
  g_assert_null (sheaf_frontmatter_get_title (empty));
  g_assert_null (sheaf_frontmatter_get_title (null));
  g_assert_null (sheaf_frontmatter_get_title (list));
}

static void
test_fixtures (void)
{
  g_autoptr(SheafFrontmatter) crlf = load_fixture ("crlf-note.md", NULL);
  g_autoptr(SheafFrontmatter) bom = load_fixture ("bom-dots-note.md", NULL);
  g_autoptr(SheafFrontmatter) flow = load_fixture ("flow-and-quotes.md", NULL);
  g_autoptr(SheafFrontmatter) empty = load_fixture ("empty.md", NULL);
  g_autoptr(SheafFrontmatter) fence = load_fixture ("fence-only.md", NULL);
  const char * const flow_tags[] = { "one", "two", "three/nested", "2024", NULL };
  const char * const flow_aliases[] = { "It's me", "Quote \"Q\"", NULL };

  g_assert_no_error (sheaf_frontmatter_get_error (crlf));
  g_assert_cmpstr (sheaf_frontmatter_get_title (crlf), ==, "Windows note");
  assert_strv (sheaf_frontmatter_get_tags (crlf), (const char * const[]){ "a", "b", NULL });
  assert_strv (sheaf_frontmatter_get_aliases (crlf), (const char * const[]){ "Win", NULL });

  g_assert_no_error (sheaf_frontmatter_get_error (bom));
  g_assert_cmpstr (sheaf_frontmatter_get_title (bom), ==, "With BOM");
  assert_strv (sheaf_frontmatter_get_tags (bom), (const char * const[]){ "bom", NULL });
  g_assert_cmpuint (sheaf_frontmatter_get_body_offset (bom), ==, 39);

  g_assert_no_error (sheaf_frontmatter_get_error (flow));
  assert_strv (sheaf_frontmatter_get_tags (flow), flow_tags);
  assert_strv (sheaf_frontmatter_get_aliases (flow), flow_aliases);
  g_assert_cmpint (sheaf_property_get_value_type (sheaf_frontmatter_lookup (flow, "rating")), ==,
                   SHEAF_VALUE_FLOAT);
  g_assert_cmpint (sheaf_property_get_value_type (sheaf_frontmatter_lookup (flow, "done")), ==,
                   SHEAF_VALUE_BOOLEAN);
  g_assert_cmpint (sheaf_property_get_value_type (sheaf_frontmatter_lookup (flow, "when")), ==,
                   SHEAF_VALUE_DATE);
  g_assert_cmpint (sheaf_property_get_value_type (sheaf_frontmatter_lookup (flow, "empty")), ==,
                   SHEAF_VALUE_NULL);
  g_assert_cmpint (sheaf_property_get_value_type (sheaf_frontmatter_lookup (flow, "nested")), ==,
                   SHEAF_VALUE_MAPPING);
  g_assert_cmpstr (sheaf_property_get_scalar (sheaf_frontmatter_lookup (flow, "notes")), ==,
                   "A literal block\nwith two lines.\n");

  g_assert_false (sheaf_frontmatter_has_block (empty));
  g_assert_true (sheaf_frontmatter_has_block (fence));
  g_assert_cmpuint (sheaf_frontmatter_get_n_properties (fence), ==, 0);
}

static void
test_refcount (void)
{
  SheafFrontmatter *fm = parse ("---\ntitle: Kept\ntags: [a]\n---\n");
  SheafFrontmatter *ref = sheaf_frontmatter_ref (fm);
  SheafProperty *title;
  GType type = SHEAF_TYPE_FRONTMATTER;

  g_assert_true (ref == fm);
  sheaf_frontmatter_unref (fm);
  /* Still alive through the second reference. */
  title = sheaf_frontmatter_lookup (ref, "title");
  g_assert_cmpstr (sheaf_property_get_scalar (title), ==, "Kept");
  g_assert_cmpstr (sheaf_frontmatter_get_tags (ref)[0], ==, "a");

  g_assert_true (G_TYPE_IS_BOXED (type));
  {
    SheafFrontmatter *copy = g_boxed_copy (type, ref);

    g_assert_true (copy == ref);
    g_boxed_free (type, copy);
  }
  sheaf_frontmatter_unref (ref);
}

static gpointer
reader_thread (gpointer data)
{
  SheafFrontmatter *fm = data;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *json = json_of (sheaf_frontmatter_to_json (fm));

      g_assert_cmpstr (sheaf_frontmatter_get_tags (fm)[1], ==, "type/topic");
      g_assert_nonnull (json);
      sheaf_frontmatter_unref (sheaf_frontmatter_ref (fm));
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(SheafFrontmatter) fm = load_fixture ("topic-note.md", NULL);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("reader", reader_thread, fm);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* ------------------------------------------------------------------------------------------ */
/* Splice edits                                                                                 */

static void
test_set_scalar (void)
{
  /* Only the value's bytes change; comments and neighbours stay. */
  expect_set ("---\ntype: topic # kind\nconfidence: medium\n---\nbody\n", "confidence", "high",
              "---\ntype: topic # kind\nconfidence: high\n---\nbody\n");
  expect_set ("---\ntype: topic # kind\nconfidence: medium\n---\nbody\n", "type", "idea",
              "---\ntype: idea # kind\nconfidence: medium\n---\nbody\n");
  /* Quote style is kept. */
  expect_set ("---\ntitle: 'Old'\n---\n", "title", "It's new",
              "---\ntitle: 'It''s new'\n---\n");
  expect_set ("---\ntitle: \"Old\"\n---\n", "title", "New \"one\"",
              "---\ntitle: \"New \\\"one\\\"\"\n---\n");
  /* Plain unless YAML needs quotes. */
  expect_set ("---\ntitle: Old\n---\n", "title", "Part 2: the return",
              "---\ntitle: \"Part 2: the return\"\n---\n");
  expect_set ("---\ntitle: Old\n---\n", "title", "#hash", "---\ntitle: \"#hash\"\n---\n");
  expect_set ("---\ntitle: Old\n---\n", "title", "C# and F#", "---\ntitle: C# and F#\n---\n");
  expect_set ("---\ntitle: Old\n---\n", "title", "line\nbreak", "---\ntitle: \"line\\nbreak\"\n---\n");
  expect_set ("---\ncount: 1\n---\n", "count", "-5", "---\ncount: -5\n---\n");
  expect_set ("---\ncreated: 2026-01-01\n---\n", "created", "2026-02-19",
              "---\ncreated: 2026-02-19\n---\n");
  /* Multi-line values and block scalars are replaced whole. */
  expect_set ("---\ndesc: |\n  long\n  text\n\nnext: 1\n---\n", "desc", "short",
              "---\ndesc: short\n\nnext: 1\n---\n");
  expect_set ("---\ndesc: a\n  folded plain\nnext: 1\n---\n", "desc", "b",
              "---\ndesc: b\nnext: 1\n---\n");
  /* The "..." closer is kept. */
  expect_set ("---\na: 1\n...\nbody", "a", "2", "---\na: 2\n...\nbody");
  /* Flow mapping: flow-safe quoting. */
  expect_set ("---\n{a: 1, b: x}\n---\n", "b", "y, z", "---\n{a: 1, b: \"y, z\"}\n---\n");
  /* Control characters and Unicode line breaks are escaped. */
  expect_set ("---\nt: x\n---\n", "t", "a\x01" "b\xE2\x80\xA8", "---\nt: \"a\\u0001b\\u2028\"\n---\n");
}

static void
test_set_scalar_empty (void)
{
  expect_set ("---\nkey:\nb: 1\n---\n", "key", "v", "---\nkey: v\nb: 1\n---\n");
  expect_set ("---\nkey: \nb: 1\n---\n", "key", "v", "---\nkey: v\nb: 1\n---\n");
  expect_set ("---\nkey: # later\nb: 1\n---\n", "key", "v", "---\nkey: v # later\nb: 1\n---\n");
  expect_set ("---\nkey:\r\nb: 1\r\n---\r\n", "key", "v", "---\nkey: v\r\nb: 1\r\n---\r\n");
  /* "" empties a value (null), keeping the comment. */
  expect_set ("---\nkey: x # c\nb: 1\n---\n", "key", "", "---\nkey: # c\nb: 1\n---\n");
  expect_set ("---\nkey: 'x'\n---\n", "key", "", "---\nkey:\n---\n");
  expect_set ("---\nkey:\n---\n", "key", "", "---\nkey:\n---\n");
  expect_set ("---\nkey: ~\n---\n", "key", "v", "---\nkey: v\n---\n");
}

static void
test_set_scalar_new (void)
{
  /* A missing key goes on a new line just before the closing fence. */
  expect_set ("---\na: 1\n---\nbody", "b", "2", "---\na: 1\nb: 2\n---\nbody");
  expect_set ("---\na: 1\n---", "b", "two words", "---\na: 1\nb: two words\n---");
  expect_set ("---\r\na: 1\r\n---\r\nbody\r\n", "b", "2", "---\r\na: 1\r\nb: 2\r\n---\r\nbody\r\n");
  expect_set ("---\n---\nbody", "a", "1", "---\na: 1\n---\nbody");
  expect_set ("---\n# only a comment\n...\n", "a", "1", "---\n# only a comment\na: 1\n...\n");
  expect_set ("---\n  a: 1\n  b:\n    - x\n---\n", "c", "3", "---\n  a: 1\n  b:\n    - x\n  c: 3\n---\n");
  expect_set ("---\na: |\n  lit\n---\n", "b", "2", "---\na: |\n  lit\nb: 2\n---\n");
  expect_set ("---\na: 1\n---\n", "needs: quotes", "x", "---\na: 1\n\"needs: quotes\": x\n---\n");
  expect_set ("---\na: 1\n---\n", "empty", "", "---\na: 1\nempty:\n---\n");

  /* No frontmatter yet: a new block at the start (after a BOM), in the file's line ending. */
  expect_set ("# Title\n", "title", "T", "---\ntitle: T\n---\n# Title\n");
  expect_set ("", "title", "T", "---\ntitle: T\n---\n");
  expect_set ("\xEF\xBB\xBF# T\r\nmore\r\n", "title", "T",
              "\xEF\xBB\xBF---\r\ntitle: T\r\n---\r\n# T\r\nmore\r\n");
  expect_set ("---\nunclosed: 1\n", "a", "b", "---\na: b\n---\n---\nunclosed: 1\n");
}

static void
test_set_scalar_errors (void)
{
  expect_edit_error (SET, "---\ntags: [a]\n---\n", "tags", "x", NULL,
                     SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (SET, "---\nm:\n  a: 1\n---\n", "m", "x", NULL,
                     SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (SET, "---\nbad: a: b\n---\n", "bad", "x", NULL,
                     SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (SET, "---\n- a\n---\n", "a", "x", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (SET, "---\n{a: 1}\n---\n", "b", "x", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (SET, "---\na: &x 1\n---\n", "a", "2", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (SET, "---\na: 1\n---\n", "a", "\xFF", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (SET, "---\na: 1\n---\n", "", "x", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
}

static void
test_add_item (void)
{
  g_autoptr(GBytes) topic = NULL;
  g_autoptr(SheafFrontmatter) fm = load_fixture ("topic-note.md", &topic);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = sheaf_frontmatter_add_item (topic, "tags", "type/gear", &error);
  gsize len, old_len;
  const char *data = g_bytes_get_data (out, &len);
  const char *old = g_bytes_get_data (topic, &old_len);
  const char *inserted = "  - type/gear\n";
  const char *at = strstr (old, "created:");

  /* Seed-shaped note: exactly one new line after the last tag, the rest identical. */
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, old_len + strlen (inserted));
  g_assert_cmpmem (data, at - old, old, at - old);
  g_assert_cmpmem (data + (at - old), strlen (inserted), inserted, strlen (inserted));
  g_assert_cmpmem (data + (at - old) + strlen (inserted), old_len - (at - old), at, old_len - (at - old));
  (void)fm;

  /* Block lists: same indentation and dash spacing as the last item. */
  expect_add ("---\ntags:\n- a\n- b\nx: 1\n---\n", "tags", "c", "---\ntags:\n- a\n- b\n- c\nx: 1\n---\n");
  expect_add ("---\ntags:\n    -   a\n---\n", "tags", "b", "---\ntags:\n    -   a\n    -   b\n---\n");
  expect_add ("---\ntags:\n  - a\n  - b # last\n  # - old\nx: 1\n---\n", "tags", "c",
              "---\ntags:\n  - a\n  - b # last\n  - c\n  # - old\nx: 1\n---\n");
  expect_add ("---\naliases:\n  - \"Foo\"\n---\n", "aliases", "Bar", "---\naliases:\n  - \"Foo\"\n  - Bar\n---\n");
  expect_add ("---\ntags:\n  - a\n---\n", "tags", "#b", "---\ntags:\n  - a\n  - \"#b\"\n---\n");
  /* An item YAML would read as null is quoted, so it stays an item. */
  expect_add ("---\naliases:\n  - a\n---\n", "aliases", "null", "---\naliases:\n  - a\n  - \"null\"\n---\n");
  expect_add ("---\naliases: [a]\n---\n", "aliases", "~", "---\naliases: [a, \"~\"]\n---\n");
  expect_add ("---\r\ntags:\r\n  - a\r\n---\r\n", "tags", "b", "---\r\ntags:\r\n  - a\r\n  - b\r\n---\r\n");
  expect_add ("---\nl:\n  - |\n    text\n\nx: 1\n---\n", "l", "b",
              "---\nl:\n  - |\n    text\n  - b\n\nx: 1\n---\n");
  /* An empty last item: the new one still gets "- ". */
  expect_add ("---\ntags:\n- a\n-\n---\n", "tags", "b", "---\ntags:\n- a\n-\n- b\n---\n");
  /* libyaml ends lines at a lone CR too; so do edits. */
  expect_add ("---\ntags:\n  - a\r  - b\nx: 1\n---\n", "tags", "c",
              "---\ntags:\n  - a\r  - b\n  - c\nx: 1\n---\n");
  /* Flow lists: before the ']', with the author's separator. */
  expect_add ("---\ntags: [a, b]\n---\n", "tags", "c", "---\ntags: [a, b, c]\n---\n");
  expect_add ("---\ntags: [a,b]\n---\n", "tags", "c", "---\ntags: [a,b,c]\n---\n");
  expect_add ("---\ntags: [a]  # c\n---\n", "tags", "b", "---\ntags: [a, b]  # c\n---\n");
  expect_add ("---\ntags: []\n---\n", "tags", "c", "---\ntags: [c]\n---\n");
  expect_add ("---\ntags: [ # none\n]\n---\n", "tags", "c", "---\ntags: [ # none\nc]\n---\n");
  expect_add ("---\ntags: ['a']\n---\n", "tags", "x, y", "---\ntags: ['a', \"x, y\"]\n---\n");
  expect_add ("---\ntags: [\n  a,\n  b\n]\n---\n", "tags", "c", "---\ntags: [\n  a,\n  b, c\n]\n---\n");
}

static void
test_add_item_new (void)
{
  /* Empty value: a block list under the key, comments kept. */
  expect_add ("---\ntags:\nnext: 1\n---\n", "tags", "a", "---\ntags:\n  - a\nnext: 1\n---\n");
  expect_add ("---\ntags: ~\n---\n", "tags", "a", "---\ntags:\n  - a\n---\n");
  expect_add ("---\ntags: # none yet\n---\n", "tags", "a", "---\ntags: # none yet\n  - a\n---\n");
  expect_add ("---\r\ntags:\r\n---\r\n", "tags", "a", "---\r\ntags:\r\n  - a\r\n---\r\n");
  /* Missing key and missing frontmatter. */
  expect_add ("---\ntitle: x\n---\n", "tags", "a", "---\ntitle: x\ntags:\n  - a\n---\n");
  expect_add ("body\n", "tags", "a", "---\ntags:\n  - a\n---\nbody\n");
  expect_add ("\xEF\xBB\xBF", "aliases", "A: B", "\xEF\xBB\xBF---\naliases:\n  - \"A: B\"\n---\n");
  /* Legacy strings get ", item". */
  expect_add ("---\ntags: a, b\n---\n", "tags", "c", "---\ntags: a, b, c\n---\n");
  expect_add ("---\ntags: a b # c\n---\n", "tags", "c", "---\ntags: a b, c # c\n---\n");
  expect_add ("---\naliases: 'X'\n---\n", "aliases", "Y", "---\naliases: 'X, Y'\n---\n");
  expect_add ("---\naliases: X\n---\n", "aliases", "Y: Z", "---\naliases: \"X, Y: Z\"\n---\n");
}

static void
test_add_item_errors (void)
{
  expect_edit_error (ADD, "---\nm:\n  a: 1\n---\n", "m", "x", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (ADD, "---\nm: {a: 1}\n---\n", "m", "x", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (ADD, "---\ntags: [a\n---\n", "tags", "x", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (ADD, "---\ntags: &t [a]\n---\n", "tags", "x", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (ADD, "---\ntags: [a]\n---\n", "tags", "", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (ADD, "---\n{a: 1}\n---\n", "tags", "x", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (ADD, "---\n{tags: }\n---\n", "tags", "x", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
}

static void
test_remove_item (void)
{
  /* Block list: the item's whole line goes, comment and line ending included. */
  expect_remove ("---\ntags:\n  - a\n  - b # why\n  - c\nx: 1\n---\n", "tags", "b",
                 "---\ntags:\n  - a\n  - c\nx: 1\n---\n");
  expect_remove ("---\ntags:\n  - a\n  - b\n---\n", "tags", "b", "---\ntags:\n  - a\n---\n");
  expect_remove ("---\r\ntags:\r\n- a\r\n- b\r\n---\r\n", "tags", "a", "---\r\ntags:\r\n- b\r\n---\r\n");
  expect_remove ("---\ntags:\n  - a\nnext: 1\n---\n", "tags", "a", "---\ntags:\nnext: 1\n---\n");
  expect_remove ("---\ntags:\n  - '#x'\n  - y\n---\n", "tags", "x", "---\ntags:\n  - y\n---\n");
  expect_remove ("---\ntags:\n  - x\n  - y\n---\n", "tags", "#y", "---\ntags:\n  - x\n---\n");
  expect_remove ("---\nl:\n  - |\n    text\n  - b\n---\n", "l", "text\n", "---\nl:\n  - b\n---\n");
  expect_remove ("---\ntags:\n  - a\r  - b\n---\n", "tags", "a", "---\ntags:\n  - b\n---\n");
  expect_remove ("---\ntags:\n  - a\xC2\x85  - b\n---\n", "tags", "a", "---\ntags:\n  - b\n---\n");
  /* Removing "b" here would take the fence's line break with it: refused, not broken. */
  expect_edit_error (REMOVE, "---\ntags:\n  - a\xC2\x85  - b\n---\n", "tags", "b", NULL,
                     SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  /* Flow list: the item with its comma; the last one leaves []. */
  expect_remove ("---\ntags: [a, b, c]\n---\n", "tags", "a", "---\ntags: [b, c]\n---\n");
  expect_remove ("---\ntags: [a, b, c]\n---\n", "tags", "b", "---\ntags: [a, c]\n---\n");
  expect_remove ("---\ntags: [a, b, c]\n---\n", "tags", "c", "---\ntags: [a, b]\n---\n");
  expect_remove ("---\ntags: [a]\n---\n", "tags", "a", "---\ntags: []\n---\n");
  expect_remove ("---\ntags: [ \"a\", ]\n---\n", "tags", "a", "---\ntags: []\n---\n");
  /* Legacy strings. */
  expect_remove ("---\ntags: a, b, c\n---\n", "tags", "b", "---\ntags: a, c\n---\n");
  expect_remove ("---\ntags: a, b, c\n---\n", "tags", "c", "---\ntags: a, b\n---\n");
  expect_remove ("---\ntags: a, b, c\n---\n", "tags", "a", "---\ntags: b, c\n---\n");
  expect_remove ("---\ntags: a b\n---\n", "tags", "a", "---\ntags: b\n---\n");
  expect_remove ("---\ntags: a # c\n---\n", "tags", "a", "---\ntags: # c\n---\n");
  expect_remove ("---\naliases: 'One, Two'\n---\n", "aliases", "One", "---\naliases: 'Two'\n---\n");
}

static void
test_remove_item_errors (void)
{
  expect_edit_error (REMOVE, "---\ntags: [a]\n---\n", "aliases", "a", NULL, SHEAF_FRONTMATTER_ERROR_NO_SUCH_KEY);
  expect_edit_error (REMOVE, "body", "tags", "a", NULL, SHEAF_FRONTMATTER_ERROR_NO_SUCH_KEY);
  expect_edit_error (REMOVE, "---\ntags: [a]\n---\n", "tags", "b", NULL, SHEAF_FRONTMATTER_ERROR_NO_SUCH_ITEM);
  expect_edit_error (REMOVE, "---\ntags:\n---\n", "tags", "a", NULL, SHEAF_FRONTMATTER_ERROR_NO_SUCH_ITEM);
  expect_edit_error (REMOVE, "---\ntags: a, b\n---\n", "tags", "c", NULL, SHEAF_FRONTMATTER_ERROR_NO_SUCH_ITEM);
  expect_edit_error (REMOVE, "---\nm:\n  a: 1\n---\n", "m", "a", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (REMOVE, "---\ntags: [a\n---\n", "tags", "a", NULL, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
}

static void
test_rename_item (void)
{
  expect_rename ("---\ntags:\n  - a # c\n  - b\n---\n", "tags", "a", "z", "---\ntags:\n  - z # c\n  - b\n---\n");
  expect_rename ("---\naliases:\n  - 'Old Name'\n---\n", "aliases", "Old Name", "It's New",
                 "---\naliases:\n  - 'It''s New'\n---\n");
  expect_rename ("---\naliases: [\"a\", \"b\"]\n---\n", "aliases", "b", "c",
                 "---\naliases: [\"a\", \"c\"]\n---\n");
  expect_rename ("---\ntags:\n  - '#old'\n---\n", "tags", "old", "new", "---\ntags:\n  - 'new'\n---\n");
  expect_rename ("---\ntags:\n  - a\n---\n", "tags", "a", "a: b", "---\ntags:\n  - \"a: b\"\n---\n");
  expect_rename ("---\ntags: [a, b]\n---\n", "tags", "a", "x,y", "---\ntags: [\"x,y\", b]\n---\n");
  expect_rename ("---\ntags: [a, b]\n---\n", "tags", "b", "domain/new", "---\ntags: [a, domain/new]\n---\n");
  expect_rename ("---\r\ntags:\r\n  - a\r\n---\r\n", "tags", "a", "b", "---\r\ntags:\r\n  - b\r\n---\r\n");
  /* Legacy strings. */
  expect_rename ("---\ntags: a, b\n---\n", "tags", "b", "x", "---\ntags: a, x\n---\n");
  expect_rename ("---\ntags: a b\n---\n", "tags", "a", "x y", "---\ntags: x y, b\n---\n");
  expect_rename ("---\naliases: \"One, Two\"\n---\n", "aliases", "Two", "Three",
                 "---\naliases: \"One, Three\"\n---\n");

  expect_edit_error (RENAME, "---\ntags: [a]\n---\n", "tag", "a", "b", SHEAF_FRONTMATTER_ERROR_NO_SUCH_KEY);
  expect_edit_error (RENAME, "---\ntags: [a]\n---\n", "tags", "q", "b", SHEAF_FRONTMATTER_ERROR_NO_SUCH_ITEM);
  expect_edit_error (RENAME, "---\ntags: [a]\n---\n", "tags", "a", "", SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (RENAME, "---\nl:\n  - [x]\n---\n", "l", "[x]", "y", SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (RENAME, "---\nm: {a: 1}\n---\n", "m", "a", "b", SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
  expect_edit_error (RENAME, "---\nx: [\n---\n", "x", "a", "b", SHEAF_FRONTMATTER_ERROR_UNSUPPORTED);
}

/* Load then edit nothing: parsing never touches the bytes, and an edit to one
 * property leaves every byte outside it alone, BOM and odd styles included.
 */
static void
test_untouched_bytes (void)
{
  const char *fixtures[] = { "crlf-note.md", "bom-dots-note.md", "flow-and-quotes.md", "legacy-forms.md" };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) in = NULL;
      g_autoptr(SheafFrontmatter) fm = load_fixture (fixtures[i], &in);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = sheaf_frontmatter_set_scalar (in, "sheaf-test", "1", &error);
      g_autoptr(SheafFrontmatter) after = NULL;
      SheafSpan yaml = sheaf_frontmatter_get_yaml_span (fm);
      gsize in_len, out_len;
      const char *a = g_bytes_get_data (in, &in_len);
      const char *b;

      g_test_message ("fixture %s", fixtures[i]);
      g_assert_no_error (error);
      b = g_bytes_get_data (out, &out_len);
      /* Everything before the closing fence is as it was; so is everything after. */
      g_assert_cmpmem (b, yaml.end, a, yaml.end);
      g_assert_cmpmem (b + out_len - (in_len - yaml.end), in_len - yaml.end, a + yaml.end, in_len - yaml.end);
      after = sheaf_frontmatter_parse (b, out_len);
      g_assert_cmpuint (sheaf_frontmatter_get_n_properties (after), ==,
                        sheaf_frontmatter_get_n_properties (fm) + 1);
      g_assert_cmpstr (sheaf_property_get_scalar (sheaf_frontmatter_lookup (after, "sheaf-test")), ==, "1");
    }
}

/* Where a value is written as is, and whether a splice in it stays YAML. */
static void
test_value_source (void)
{
  const char *text = "---\n"
                     "d: \"[[A]]\"\n"
                     "s: '[[A]]'\n"
                     "p: see [[A]]\n"
                     "e: \"\\x5B[A]]\"\n"
                     "q: 'it''s [[A]]'\n"
                     "l:\n"
                     "  - \"[[A]]\"\n"
                     "f: [ \"[[A]]\", '[[B]]' ]\n"
                     "---\n";
  g_autoptr(SheafFrontmatter) fm = sheaf_frontmatter_parse (text, strlen (text));
  SheafProperty *d = sheaf_frontmatter_lookup (fm, "d");
  SheafProperty *sq = sheaf_frontmatter_lookup (fm, "s");
  SheafProperty *p = sheaf_frontmatter_lookup (fm, "p");
  SheafProperty *l = sheaf_frontmatter_lookup (fm, "l");
  SheafProperty *f = sheaf_frontmatter_lookup (fm, "f");
  gssize at;

  g_assert_null (sheaf_frontmatter_get_error (fm));

  at = sheaf_property_get_value_source (d);
  g_assert_cmpint (at, ==, strstr (text, "\"[[A]]\"") - text + 1);
  g_assert_cmpuint (sheaf_property_get_value_line (d), ==, 2);
  at = sheaf_property_get_value_source (sq);
  g_assert_cmpint (at, ==, strstr (text, "'[[A]]'") - text + 1);
  at = sheaf_property_get_value_source (p);
  g_assert_cmpint (at, ==, strstr (text, "see [[A]]") - text);
  /* escapes and doubled quotes: not as written */
  g_assert_cmpint (sheaf_property_get_value_source (sheaf_frontmatter_lookup (fm, "e")), ==, -1);
  g_assert_cmpint (sheaf_property_get_value_source (sheaf_frontmatter_lookup (fm, "q")), ==, -1);
  g_assert_cmpint (sheaf_property_get_value_source (l), ==, -1);
  g_assert_cmpint (sheaf_property_get_item_source (l, 0), ==,
                   strstr (text, "  - \"[[A]]\"") - text + 5);
  g_assert_cmpuint (sheaf_property_get_item_line (l, 0), ==, 8);
  g_assert_cmpint (sheaf_property_get_item_source (f, 1), ==, strstr (text, "'[[B]]'") - text + 1);

  /* the target of "[[A]]" in d: a double-quoted value takes a quote of the
   * other kind, not its own or a backslash */
  at = sheaf_property_get_value_source (d) + 2;
  g_assert_true (sheaf_frontmatter_can_splice (fm, at, at + 1, "Reader's B"));
  g_assert_false (sheaf_frontmatter_can_splice (fm, at, at + 1, "Say \"B\""));
  g_assert_false (sheaf_frontmatter_can_splice (fm, at, at + 1, "B\\C"));
  g_assert_false (sheaf_frontmatter_can_splice (fm, at, at + 1, "B\nC"));
  at = sheaf_property_get_value_source (sq) + 2;
  g_assert_true (sheaf_frontmatter_can_splice (fm, at, at + 1, "Say \"B\""));
  g_assert_false (sheaf_frontmatter_can_splice (fm, at, at + 1, "Reader's B"));
  at = sheaf_property_get_value_source (p) + 6;
  g_assert_true (sheaf_frontmatter_can_splice (fm, at, at + 1, "Reader's B"));
  g_assert_false (sheaf_frontmatter_can_splice (fm, at, at + 1, "B: C"));
  g_assert_false (sheaf_frontmatter_can_splice (fm, at, at + 1, "B #C"));
  /* in a flow list, no flow indicators in a plain value; quoted is fine */
  at = sheaf_property_get_item_source (f, 0) + 2;
  g_assert_true (sheaf_frontmatter_can_splice (fm, at, at + 1, "B, C"));
  /* outside any value written as is */
  g_assert_false (sheaf_frontmatter_can_splice (fm, 0, 1, "B"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/frontmatter/split/basic", test_split_basic);
  g_test_add_func ("/sheaf/frontmatter/split/bom", test_split_bom);
  g_test_add_func ("/sheaf/frontmatter/split/crlf", test_split_crlf);
  g_test_add_func ("/sheaf/frontmatter/split/dots-closer", test_split_dots);
  g_test_add_func ("/sheaf/frontmatter/split/unclosed", test_split_unclosed);
  g_test_add_func ("/sheaf/frontmatter/split/empty", test_split_empty);
  g_test_add_func ("/sheaf/frontmatter/split/only-frontmatter", test_split_only_frontmatter);
  g_test_add_func ("/sheaf/frontmatter/split/fence-only", test_split_fence_only);
  g_test_add_func ("/sheaf/frontmatter/split/body-fence", test_split_body_fence);
  g_test_add_func ("/sheaf/frontmatter/properties/topic-note", test_topic_note);
  g_test_add_func ("/sheaf/frontmatter/properties/seed-note", test_seed_note);
  g_test_add_func ("/sheaf/frontmatter/properties/types", test_types);
  g_test_add_func ("/sheaf/frontmatter/properties/spans", test_spans);
  g_test_add_func ("/sheaf/frontmatter/properties/items", test_items);
  g_test_add_func ("/sheaf/frontmatter/properties/json", test_json);
  g_test_add_func ("/sheaf/frontmatter/properties/fixtures", test_fixtures);
  g_test_add_func ("/sheaf/frontmatter/errors/invalid-yaml", test_invalid_yaml);
  g_test_add_func ("/sheaf/frontmatter/errors/not-mapping", test_not_mapping);
  g_test_add_func ("/sheaf/frontmatter/errors/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/sheaf/frontmatter/errors/nul-and-utf16", test_nul_and_utf16);
  g_test_add_func ("/sheaf/frontmatter/errors/too-deep", test_too_deep);
  g_test_add_func ("/sheaf/frontmatter/errors/huge", test_huge);
  g_test_add_func ("/sheaf/frontmatter/tags/list", test_tags);
  g_test_add_func ("/sheaf/frontmatter/tags/legacy", test_tags_legacy);
  g_test_add_func ("/sheaf/frontmatter/aliases", test_aliases);
  g_test_add_func ("/sheaf/frontmatter/title", test_title);
  g_test_add_func ("/sheaf/frontmatter/refcount", test_refcount);
  g_test_add_func ("/sheaf/frontmatter/threads", test_threads);
  g_test_add_func ("/sheaf/frontmatter/edit/set-scalar", test_set_scalar);
  g_test_add_func ("/sheaf/frontmatter/edit/set-scalar-empty", test_set_scalar_empty);
  g_test_add_func ("/sheaf/frontmatter/edit/set-scalar-new", test_set_scalar_new);
  g_test_add_func ("/sheaf/frontmatter/edit/set-scalar-errors", test_set_scalar_errors);
  g_test_add_func ("/sheaf/frontmatter/edit/add-item", test_add_item);
  g_test_add_func ("/sheaf/frontmatter/edit/add-item-new", test_add_item_new);
  g_test_add_func ("/sheaf/frontmatter/edit/add-item-errors", test_add_item_errors);
  g_test_add_func ("/sheaf/frontmatter/edit/remove-item", test_remove_item);
  g_test_add_func ("/sheaf/frontmatter/edit/remove-item-errors", test_remove_item_errors);
  g_test_add_func ("/sheaf/frontmatter/edit/rename-item", test_rename_item);
  g_test_add_func ("/sheaf/frontmatter/edit/untouched-bytes", test_untouched_bytes);
  g_test_add_func ("/sheaf/frontmatter/value-source", test_value_source);

  return g_test_run ();
}
