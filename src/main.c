/* main.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sheaf-application.h"
#include "sheaf-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SheafApplication) app = NULL;

  /* The command line is translated too, so this comes first. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --check and --dump-index run without a display: decide before GTK is
   * initialised, so they work over ssh and in CI. */
  if (sheaf_cli_is_headless (argc, argv))
    return sheaf_cli_run (argc, argv);

  app = sheaf_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
