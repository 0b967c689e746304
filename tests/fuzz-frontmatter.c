/* fuzz-frontmatter.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuzz target: parse any bytes as a note, read everything back, and run every splice
 * edit. Nothing may crash, every edit that succeeds must re-parse cleanly with the
 * change in it, and the bytes outside the frontmatter must come through untouched.
 * Builds with libFuzzer (-fsanitize=fuzzer) or with fuzz-main.c as a corpus replayer.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sheaf-frontmatter.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Not g_assert: these must hold in release builds too. */
#define CHECK(cond) \
  G_STMT_START { if (G_UNLIKELY (!(cond))) g_error ("fuzz-frontmatter: check failed: %s", #cond); } G_STMT_END

static void
check_span (SheafSpan span,
            gsize     lo,
            gsize     hi)
{
  CHECK (span.start <= span.end);
  CHECK (span.start >= lo);
  CHECK (span.end <= hi);
}

static void
read_everything (SheafFrontmatter *fm,
                 gsize             size)
{
  SheafSpan block = sheaf_frontmatter_get_block_span (fm);
  SheafSpan yaml = sheaf_frontmatter_get_yaml_span (fm);
  const char * const *tags = sheaf_frontmatter_get_tags (fm);
  const char * const *aliases = sheaf_frontmatter_get_aliases (fm);
  g_autoptr(JsonNode) all = sheaf_frontmatter_to_json (fm);
  g_autofree char *json = json_to_string (all, FALSE);

  CHECK (json != NULL);
  CHECK (tags != NULL && aliases != NULL);
  for (guint i = 0; tags[i] != NULL; i++)
    CHECK (tags[i][0] != '\0' && tags[i][0] != '#');
  for (guint i = 0; aliases[i] != NULL; i++)
    CHECK (aliases[i][0] != '\0');

  CHECK (sheaf_frontmatter_get_body_offset (fm) <= size);
  CHECK (sheaf_frontmatter_get_body_line (fm) >= 1);
  if (!sheaf_frontmatter_has_block (fm))
    {
      CHECK (sheaf_frontmatter_get_n_properties (fm) == 0);
      CHECK (sheaf_frontmatter_get_error (fm) == NULL);
      return;
    }

  check_span (block, 0, size);
  check_span (yaml, block.start, block.end);
  CHECK (block.end == sheaf_frontmatter_get_body_offset (fm));

  if (sheaf_frontmatter_get_error (fm) != NULL)
    {
      CHECK (sheaf_frontmatter_get_n_properties (fm) == 0);
      CHECK (tags[0] == NULL && aliases[0] == NULL);
      CHECK (sheaf_frontmatter_get_error_line (fm) >= 2);
      CHECK (sheaf_frontmatter_get_error_column (fm) >= 1);
      return;
    }

  for (guint i = 0; i < sheaf_frontmatter_get_n_properties (fm); i++)
    {
      SheafProperty *property = sheaf_frontmatter_get_property (fm, i);
      g_autoptr(JsonNode) value = sheaf_property_to_json (property);
      SheafValueType type = sheaf_property_get_value_type (property);

      CHECK (sheaf_property_get_key (property) != NULL);
      CHECK (value != NULL);
      CHECK (sheaf_property_get_line (property) >= 2);
      check_span (sheaf_property_get_key_span (property), yaml.start, yaml.end);
      check_span (sheaf_property_get_value_span (property), yaml.start, yaml.end);
      CHECK ((sheaf_property_get_scalar (property) == NULL) ==
             (type == SHEAF_VALUE_LIST || type == SHEAF_VALUE_MAPPING));
      for (guint j = 0; j < sheaf_property_get_n_items (property); j++)
        {
          CHECK (sheaf_property_get_item (property, j) != NULL);
          check_span (sheaf_property_get_item_span (property, j), yaml.start, yaml.end);
        }
    }
}

/* The body (everything after the frontmatter) must come through any edit as it was. */
static void
check_body_kept (GBytes           *in,
                 SheafFrontmatter *in_fm,
                 GBytes           *out)
{
  gsize in_len, out_len;
  const char *a = g_bytes_get_data (in, &in_len);
  const char *b = g_bytes_get_data (out, &out_len);
  gsize body = sheaf_frontmatter_get_body_offset (in_fm);
  gsize tail = in_len - body;

  CHECK (out_len >= tail);
  CHECK (tail == 0 || memcmp (a + body, b + out_len - tail, tail) == 0);
}

/* Runs after an edit: NULL needs a frontmatter error; a result must parse cleanly. */
static SheafFrontmatter *
check_result (GBytes           *in,
              SheafFrontmatter *in_fm,
              GBytes           *out,
              GError           *error)
{
  SheafFrontmatter *fm;
  gsize len;
  const char *data;

  if (out == NULL)
    {
      CHECK (error != NULL);
      CHECK (error->domain == SHEAF_FRONTMATTER_ERROR);
      return NULL;
    }

  CHECK (error == NULL);
  /* Invalid frontmatter is never rewritten. */
  CHECK (sheaf_frontmatter_get_error (in_fm) == NULL);

  data = g_bytes_get_data (out, &len);
  fm = sheaf_frontmatter_parse (data, len);
  CHECK (sheaf_frontmatter_has_block (fm));
  CHECK (sheaf_frontmatter_get_error (fm) == NULL);
  read_everything (fm, len);
  check_body_kept (in, in_fm, out);

  return fm;
}

static gboolean
has_item (SheafFrontmatter *fm,
          const char       *key,
          const char       *item)
{
  SheafProperty *property = sheaf_frontmatter_lookup (fm, key);

  if (property == NULL)
    return FALSE;
  for (guint i = 0; i < sheaf_property_get_n_items (property); i++)
    if (g_strcmp0 (sheaf_property_get_item (property, i), item) == 0)
      return TRUE;

  return FALSE;
}

static void
fuzz_set (GBytes           *in,
          SheafFrontmatter *in_fm,
          const char       *key,
          const char       *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = sheaf_frontmatter_set_scalar (in, key, value, &error);
  g_autoptr(SheafFrontmatter) fm = check_result (in, in_fm, out, error);
  SheafProperty *property;

  if (fm == NULL)
    return;
  property = sheaf_frontmatter_lookup (fm, key);
  CHECK (property != NULL);
  CHECK (g_strcmp0 (sheaf_property_get_scalar (property), value) == 0);
}

static void
fuzz_add (GBytes           *in,
          SheafFrontmatter *in_fm,
          const char       *key,
          const char       *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = sheaf_frontmatter_add_item (in, key, item, &error);
  g_autoptr(SheafFrontmatter) fm = check_result (in, in_fm, out, error);
  SheafProperty *property;

  if (fm == NULL)
    return;
  property = sheaf_frontmatter_lookup (fm, key);
  CHECK (property != NULL);
  if (sheaf_property_get_value_type (property) == SHEAF_VALUE_LIST)
    CHECK (has_item (fm, key, item));
}

static void
fuzz_list_item (GBytes           *in,
                SheafFrontmatter *in_fm,
                const char       *key)
{
  SheafProperty *property = sheaf_frontmatter_lookup (in_fm, key);
  g_autofree char *item = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GBytes) removed = NULL;
  g_autoptr(GBytes) renamed = NULL;
  g_autoptr(SheafFrontmatter) fm = NULL;
  g_autoptr(SheafFrontmatter) fm2 = NULL;
  guint n;

  if (property == NULL)
    return;

  n = sheaf_property_get_n_items (property);
  if (n > 0)
    item = g_strdup (sheaf_property_get_item (property, n / 2));
  else if (sheaf_frontmatter_get_tags (in_fm)[0] != NULL)
    item = g_strdup (sheaf_frontmatter_get_tags (in_fm)[0]);
  else
    item = g_strdup ("x");

  removed = sheaf_frontmatter_remove_item (in, key, item, &error);
  fm = check_result (in, in_fm, removed, error);
  if (fm != NULL && n > 0)
    {
      SheafProperty *after = sheaf_frontmatter_lookup (fm, key);

      CHECK (after != NULL);
      CHECK (sheaf_property_get_n_items (after) == n - 1);
    }

  renamed = sheaf_frontmatter_rename_item (in, key, item, "renamed: it's \"new\"", &error2);
  fm2 = check_result (in, in_fm, renamed, error2);
  if (fm2 != NULL && n > 0)
    CHECK (has_item (fm2, key, "renamed: it's \"new\""));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SheafFrontmatter) fm = sheaf_frontmatter_parse ((const char *)data, size);
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  read_everything (fm, size);

  /* Parsing is a pure function of the bytes. */
  {
    g_autoptr(SheafFrontmatter) again = sheaf_frontmatter_parse_bytes (bytes);

    CHECK (sheaf_frontmatter_get_n_properties (again) == sheaf_frontmatter_get_n_properties (fm));
    CHECK (sheaf_frontmatter_get_body_offset (again) == sheaf_frontmatter_get_body_offset (fm));
  }

  fuzz_set (bytes, fm, "title", "Fuzz: title #1");
  fuzz_set (bytes, fm, "count", "42");
  fuzz_set (bytes, fm, "empty", "");
  if (sheaf_frontmatter_get_n_properties (fm) > 0)
    {
      g_autofree char *key = g_strdup (sheaf_property_get_key (sheaf_frontmatter_get_property (fm, 0)));

      if (key[0] != '\0' && g_utf8_validate (key, -1, NULL))
        {
          fuzz_set (bytes, fm, key, "it's [new]");
          fuzz_add (bytes, fm, key, "added");
          fuzz_list_item (bytes, fm, key);
        }
    }
  fuzz_add (bytes, fm, "tags", "fuzz/tag");
  fuzz_add (bytes, fm, "aliases", "Alias: \"quoted\", with comma");
  fuzz_list_item (bytes, fm, "tags");
  fuzz_list_item (bytes, fm, "aliases");

  return 0;
}
