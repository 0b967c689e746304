/* sheaf-index-json.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-index-json"

#include "config.h"

#include "sheaf-index-json.h"

/* The --dump-index contract: the keys below are documented in README.md and
 * read by tests, benchmarks and users' scripts. Add keys; never rename one. */

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strings (JsonBuilder        *builder,
             const char         *name,
             const char * const *values,
             guint               n_values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_values; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_properties (JsonBuilder      *builder,
                SheafFrontmatter *fm)
{
  const GError *error = sheaf_frontmatter_get_error (fm);
  guint n = sheaf_frontmatter_get_n_properties (fm);

  json_builder_set_member_name (builder, "properties");
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      SheafProperty *property = sheaf_frontmatter_get_property (fm, i);

      json_builder_set_member_name (builder, sheaf_property_get_key (property));
      json_builder_add_value (builder, sheaf_property_to_json (property));
    }
  json_builder_end_object (builder);

  add_string_or_null (builder, "frontmatter_error", error != NULL ? error->message : NULL);
}

static void
add_headings (JsonBuilder      *builder,
              SheafParseResult *result)
{
  guint n = 0;
  const SheafHeading *headings = sheaf_parse_result_get_headings (result, &n);

  json_builder_set_member_name (builder, "headings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, headings[i].level);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, headings[i].text);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, headings[i].line);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_block_ids (JsonBuilder      *builder,
               SheafParseResult *result)
{
  guint n = 0;
  const SheafBlockId *ids = sheaf_parse_result_get_block_ids (result, &n);

  json_builder_set_member_name (builder, "block_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (builder, ids[i].id);
  json_builder_end_array (builder);
}

static void
add_callouts (JsonBuilder      *builder,
              SheafParseResult *result)
{
  guint n = 0;
  const SheafCallout *callouts = sheaf_parse_result_get_callouts (result, &n);

  json_builder_set_member_name (builder, "callouts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, callouts[i].type);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, callouts[i].title);
      json_builder_set_member_name (builder, "fold");
      json_builder_add_string_value (builder, sheaf_fold_to_string (callouts[i].fold));
      json_builder_set_member_name (builder, "depth");
      json_builder_add_int_value (builder, callouts[i].depth);
      add_string_or_null (builder, "meta", callouts[i].meta);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, callouts[i].line);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_links (JsonBuilder *builder,
           SheafVault  *vault,
           SheafNote   *note)
{
  guint n = 0;
  const SheafLink *links = sheaf_parse_result_get_links (sheaf_note_get_parse_result (note), &n);

  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_auto(SheafResolved) resolved = { 0 };

      sheaf_vault_resolve (vault, sheaf_note_get_path (note), &links[i], &resolved);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "raw");
      json_builder_add_string_value (builder, links[i].raw);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, sheaf_link_kind_to_string (links[i].kind));
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, links[i].target);
      add_string_or_null (builder, "fragment", links[i].fragment);
      add_string_or_null (builder, "display", links[i].display);
      add_string_or_null (builder, "resolved", resolved.resolved);
      json_builder_set_member_name (builder, "resolution");
      json_builder_add_string_value (builder, sheaf_resolution_to_string (resolved.resolution));
      json_builder_set_member_name (builder, "ambiguous");
      json_builder_add_boolean_value (builder, resolved.ambiguous);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, links[i].line);
      add_string_or_null (builder, "property", links[i].property);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * sheaf_index_json_note:
 * @vault: the vault @note's links resolve in
 * @note: a note
 *
 * Returns: (transfer full): one element of "notes"
 */
JsonNode *
sheaf_index_json_note (SheafVault *vault,
                       SheafNote  *note)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  SheafFrontmatter *fm = sheaf_note_get_frontmatter (note);
  SheafParseResult *result = sheaf_note_get_parse_result (note);
  const char * const *aliases = sheaf_frontmatter_get_aliases (fm);
  g_autoptr(GPtrArray) tags = sheaf_note_dup_tags (note);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, sheaf_note_get_path (note));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, sheaf_note_get_title (note));
  add_strings (builder, "aliases", aliases, aliases != NULL ? g_strv_length ((char **)aliases) : 0);
  add_strings (builder, "tags", (const char * const *)tags->pdata, tags->len);
  add_properties (builder, fm);
  add_headings (builder, result);
  add_block_ids (builder, result);
  add_callouts (builder, result);
  add_links (builder, vault, note);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_tag_nodes (JsonBuilder *builder,
               GPtrArray   *nodes)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < nodes->len; i++)
    {
      SheafTagNode *node = g_ptr_array_index (nodes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, node->name);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, node->path);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, node->count);
      json_builder_set_member_name (builder, "children");
      add_tag_nodes (builder, node->children);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * sheaf_index_json_build:
 * @vault: a loaded #SheafVault
 *
 * Returns: (transfer full): the whole index, {"vault", "notes", "tags"}
 */
JsonNode *
sheaf_index_json_build (SheafVault *vault)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) notes = sheaf_vault_dup_notes (vault);
  g_autoptr(GPtrArray) tags = sheaf_vault_dup_tag_tree (vault);
  g_autofree char *root = g_file_get_path (sheaf_vault_get_root (vault));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "vault");
  json_builder_add_string_value (builder, root);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < notes->len; i++)
    json_builder_add_value (builder, sheaf_index_json_note (vault, g_ptr_array_index (notes, i)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "tags");
  add_tag_nodes (builder, tags);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
