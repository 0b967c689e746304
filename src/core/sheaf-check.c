/* sheaf-check.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-check"

#include "config.h"

#include <string.h>

#include "sheaf-check.h"
#include "sheaf-vault-private.h"

/* The names are part of the --check --json contract (README). */
const char *
sheaf_problem_kind_to_string (SheafProblemKind kind)
{
  static const char * const names[] = {
    [SHEAF_PROBLEM_UNREADABLE] = "unreadable",
    [SHEAF_PROBLEM_INVALID_UTF8] = "invalid-utf8",
    [SHEAF_PROBLEM_INVALID_FRONTMATTER] = "invalid-frontmatter",
    [SHEAF_PROBLEM_LEGACY_FORM] = "legacy-form",
    [SHEAF_PROBLEM_DUPLICATE_ALIAS] = "duplicate-alias",
    [SHEAF_PROBLEM_UNRESOLVED_LINK] = "unresolved-link",
    [SHEAF_PROBLEM_AMBIGUOUS_LINK] = "ambiguous-link",
    [SHEAF_PROBLEM_ALIAS_LINK] = "alias-link",
    [SHEAF_PROBLEM_OUTSIDE_LINK] = "outside-link",
  };

  g_return_val_if_fail (kind < G_N_ELEMENTS (names), NULL);

  return names[kind];
}

void
sheaf_problem_clear (SheafProblem *problem)
{
  g_clear_pointer (&problem->path, g_free);
  g_clear_pointer (&problem->message, g_free);
}

static void
add_problem (GArray           *problems,
             SheafProblemKind  kind,
             const char       *path,
             guint             line,
             char             *message)
{
  SheafProblem problem = { kind, g_strdup (path), line, message };

  g_array_append_val (problems, problem);
}

static guint
line_at (GBytes *bytes,
         gsize   offset)
{
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  guint line = 1;

  for (gsize i = 0; i < offset && i < length; i++)
    if (text[i] == '\n')
      line++;

  return line;
}

static void
check_frontmatter (SheafNote *note,
                   GArray    *problems)
{
  static const struct {
    SheafLegacyFlags  flag;
    const char       *key;
    const char       *message;
  } legacy[] = {
    { SHEAF_LEGACY_TAGS_STRING, "tags", "“tags” is a string; a list is the canonical form" },
    { SHEAF_LEGACY_TAG_KEY, "tag", "“tag” is a legacy key; use “tags”" },
    { SHEAF_LEGACY_ALIASES_STRING, "aliases", "“aliases” is a string; a list is the canonical form" },
    { SHEAF_LEGACY_ALIAS_KEY, "alias", "“alias” is a legacy key; use “aliases”" },
  };
  SheafFrontmatter *fm = sheaf_note_get_frontmatter (note);
  const char *path = sheaf_note_get_path (note);
  const GError *error = sheaf_frontmatter_get_error (fm);
  SheafLegacyFlags flags = sheaf_frontmatter_get_legacy_flags (fm);

  if (error != NULL)
    add_problem (problems, SHEAF_PROBLEM_INVALID_FRONTMATTER, path,
                 sheaf_frontmatter_get_error_line (fm),
                 g_strdup_printf ("invalid frontmatter: %s", error->message));

  for (guint i = 0; i < G_N_ELEMENTS (legacy); i++)
    {
      SheafProperty *property;

      if (!(flags & legacy[i].flag))
        continue;

      property = sheaf_frontmatter_lookup (fm, legacy[i].key);
      add_problem (problems, SHEAF_PROBLEM_LEGACY_FORM, path,
                   property != NULL ? sheaf_property_get_line (property) : 1,
                   g_strdup (legacy[i].message));
    }
}

static void
check_links (SheafVault *vault,
             SheafNote  *note,
             GArray     *problems)
{
  const char *path = sheaf_note_get_path (note);
  const SheafLink *links;
  guint n_links = 0;

  links = sheaf_parse_result_get_links (sheaf_note_get_parse_result (note), &n_links);

  for (guint i = 0; i < n_links; i++)
    {
      g_auto(SheafResolved) resolved = { 0 };
      const SheafLink *link = &links[i];

      sheaf_vault_resolve (vault, path, link, &resolved);

      switch (resolved.resolution)
        {
        case SHEAF_RESOLUTION_UNRESOLVED:
          add_problem (problems, SHEAF_PROBLEM_UNRESOLVED_LINK, path, link->line,
                       g_strdup_printf ("unresolved link %s", link->raw));
          break;

        case SHEAF_RESOLUTION_OUTSIDE:
          add_problem (problems, SHEAF_PROBLEM_OUTSIDE_LINK, path, link->line,
                       g_strdup_printf ("link %s points outside the vault", link->raw));
          break;

        case SHEAF_RESOLUTION_ALIAS:
          add_problem (problems, SHEAF_PROBLEM_ALIAS_LINK, path, link->line,
                       g_strdup_printf ("link %s resolves only via an alias of %s "
                                        "(Obsidian shows it unresolved)",
                                        link->raw, resolved.resolved));
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
        add_problem (problems, SHEAF_PROBLEM_AMBIGUOUS_LINK, path, link->line,
                     g_strdup_printf ("link %s is ambiguous; it resolves to %s",
                                      link->raw, resolved.resolved));
    }
}

static void
check_aliases (SheafVault *vault,
               SheafNote  *note,
               GArray     *problems)
{
  SheafFrontmatter *fm = sheaf_note_get_frontmatter (note);
  const char * const *aliases = sheaf_frontmatter_get_aliases (fm);
  const char *path = sheaf_note_get_path (note);
  SheafProperty *property = sheaf_frontmatter_lookup (fm, "aliases");

  if (property == NULL)
    property = sheaf_frontmatter_lookup (fm, "alias");

  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) owners = sheaf_vault_dup_alias_owners (vault, aliases[i]);
      g_autoptr(GString) others = g_string_new (NULL);

      if (owners->len < 2)
        continue;

      for (guint j = 0; j < owners->len; j++)
        {
          const char *owner = g_ptr_array_index (owners, j);

          if (strcmp (owner, path) == 0)
            continue;
          if (others->len > 0)
            g_string_append (others, ", ");
          g_string_append (others, owner);
        }

      add_problem (problems, SHEAF_PROBLEM_DUPLICATE_ALIAS, path,
                   property != NULL ? sheaf_property_get_line (property) : 1,
                   g_strdup_printf ("alias “%s” is also claimed by %s",
                                    aliases[i], others->str));
    }
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const SheafProblem *pa = a;
  const SheafProblem *pb = b;
  int cmp = strcmp (pa->path, pb->path);

  if (cmp != 0)
    return cmp;
  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;

  return (int)pa->kind - (int)pb->kind;
}

/**
 * sheaf_check_vault:
 * @vault: a loaded #SheafVault
 *
 * Finds what --check reports: unreadable files, invalid UTF-8 and frontmatter,
 * legacy forms, aliases claimed twice, and links that are unresolved,
 * ambiguous, resolved only by alias or pointing outside the vault.
 *
 * Returns: (transfer full) (element-type SheafProblem): the problems, by path
 *   and line
 */
GArray *
sheaf_check_vault (SheafVault *vault)
{
  GArray *problems = g_array_new (FALSE, FALSE, sizeof (SheafProblem));
  g_autoptr(GPtrArray) notes = sheaf_vault_dup_notes (vault);
  GHashTable *failures = sheaf_index_get_failures (_sheaf_vault_get_index (vault));
  GHashTableIter iter;
  gpointer path, message;

  g_array_set_clear_func (problems, (GDestroyNotify)sheaf_problem_clear);

  g_hash_table_iter_init (&iter, failures);
  while (g_hash_table_iter_next (&iter, &path, &message))
    add_problem (problems, SHEAF_PROBLEM_UNREADABLE, path, 0,
                 g_strdup_printf ("cannot be read: %s", (const char *)message));

  for (guint i = 0; i < notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, i);
      gssize bad = sheaf_note_get_invalid_utf8_at (note);

      if (bad >= 0)
        {
          g_autoptr(SheafNote) full = NULL;
          g_autoptr(GFile) file = g_file_resolve_relative_path (sheaf_vault_get_root (vault),
                                                                sheaf_note_get_path (note));
          guint line = 0;

          /* the index keeps no text; read it again for the line number */
          full = sheaf_note_load (file, sheaf_note_get_path (note), SHEAF_NOTE_KEEP_TEXT,
                                  NULL, NULL);
          if (full != NULL)
            line = line_at (sheaf_note_get_bytes (full), bad);

          add_problem (problems, SHEAF_PROBLEM_INVALID_UTF8, sheaf_note_get_path (note), line,
                       g_strdup_printf ("invalid UTF-8 at byte %" G_GSSIZE_FORMAT, bad));
        }

      check_frontmatter (note, problems);
      check_aliases (vault, note, problems);
      check_links (vault, note, problems);
    }

  g_array_sort (problems, compare_problems);

  return problems;
}

/**
 * sheaf_problem_to_string:
 *
 * Returns: (transfer full): "path:line: kind: message", one line of --check
 */
char *
sheaf_problem_to_string (const SheafProblem *problem)
{
  return g_strdup_printf ("%s:%u: %s: %s", problem->path, problem->line,
                          sheaf_problem_kind_to_string (problem->kind), problem->message);
}

/**
 * sheaf_problems_to_json:
 *
 * Returns: (transfer full): {"vault", "count", "problems": [{path, line, kind, message}]}
 */
JsonNode *
sheaf_problems_to_json (SheafVault *vault,
                        GArray     *problems)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *root = g_file_get_path (sheaf_vault_get_root (vault));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "vault");
  json_builder_add_string_value (builder, root);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, problems->len);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);

  for (guint i = 0; i < problems->len; i++)
    {
      const SheafProblem *problem = &g_array_index (problems, SheafProblem, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, problem->path);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, problem->line);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, sheaf_problem_kind_to_string (problem->kind));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
