/* sheaf-cli.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The headless command line of DESIGN.md §4: --check and --dump-index. It uses the
 * core only, so it runs without a display. */
gboolean sheaf_cli_is_headless (int    argc,
                                char **argv);
int      sheaf_cli_run         (int    argc,
                                char **argv);

G_END_DECLS
