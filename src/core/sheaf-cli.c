/* sheaf-cli.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sheaf-check.h"
#include "sheaf-cli.h"
#include "sheaf-index-json.h"
#include "sheaf-vault.h"

enum {
  EXIT_CLEAN = 0,
  EXIT_PROBLEMS = 1,
  EXIT_USAGE = 2,
};

static gboolean
is_option (const char *arg,
           const char *name)
{
  gsize len = strlen (name);

  return strncmp (arg, name, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

/**
 * sheaf_cli_is_headless:
 *
 * Returns: %TRUE when @argv asks for --check or --dump-index, which must run
 *   before (and without) any display connection
 */
gboolean
sheaf_cli_is_headless (int    argc,
                       char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (is_option (argv[i], "--check") || is_option (argv[i], "--dump-index"))
        return TRUE;
    }

  return FALSE;
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static SheafVault *
load_vault (const char *path)
{
  g_autoptr(GFile) root = g_file_new_for_commandline_arg (path);
  g_autoptr(SheafVault) vault = sheaf_vault_new (root);
  g_autoptr(GError) error = NULL;

  if (!sheaf_vault_load (vault, NULL, &error))
    {
      g_printerr ("sheaf: %s\n", error->message);
      return NULL;
    }

  return g_steal_pointer (&vault);
}

static int
run_check (const char *path,
           gboolean    json)
{
  g_autoptr(SheafVault) vault = load_vault (path);
  g_autoptr(GArray) problems = NULL;

  if (vault == NULL)
    return EXIT_USAGE;

  problems = sheaf_check_vault (vault);

  if (json)
    {
      g_autoptr(JsonNode) node = sheaf_problems_to_json (vault, problems);

      print_json (node);
    }
  else
    {
      for (guint i = 0; i < problems->len; i++)
        {
          const SheafProblem *problem = &g_array_index (problems, SheafProblem, i);
          g_autofree char *line = sheaf_problem_to_string (problem);

          /* raw UTF-8, whatever the locale: this output is for scripts too */
          puts (line);
        }

      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u problem in %u notes\n",
                               "%u problems in %u notes\n", problems->len),
                  problems->len, sheaf_vault_get_n_notes (vault));
    }

  return problems->len > 0 ? EXIT_PROBLEMS : EXIT_CLEAN;
}

static int
run_dump (const char *path)
{
  g_autoptr(SheafVault) vault = load_vault (path);
  g_autoptr(JsonNode) node = NULL;

  if (vault == NULL)
    return EXIT_USAGE;

  node = sheaf_index_json_build (vault);
  print_json (node);

  return EXIT_CLEAN;
}

/**
 * sheaf_cli_run:
 *
 * Runs `sheaf --check VAULT [--json]` or `sheaf --dump-index VAULT`.
 *
 * Returns: the exit status: 0 clean, 1 problems found, 2 usage or I/O error
 */
int
sheaf_cli_run (int    argc,
               char **argv)
{
  g_autofree char *check = NULL;
  g_autofree char *dump = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_FILENAME, &check,
      N_("Report problems in the vault at VAULT"), N_("VAULT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("With --check, print the problems as JSON"), NULL },
    { "dump-index", 0, 0, G_OPTION_ARG_FILENAME, &dump,
      N_("Print the index of the vault at VAULT as JSON"), N_("VAULT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("sheaf: %s\n", error->message);
      return EXIT_USAGE;
    }

  if ((check != NULL) == (dump != NULL) || rest != NULL || (json && check == NULL))
    {
      g_printerr ("%s\n", _("Usage: sheaf --check VAULT [--json] | sheaf --dump-index VAULT"));
      return EXIT_USAGE;
    }

  if (check != NULL)
    return run_check (check, json);

  return run_dump (dump);
}
