/* sheaf-text.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *sheaf_text_key            (const char *text,
                                     gssize      length);
char     *sheaf_text_link_key       (const char *target);
char     *sheaf_text_path_key       (const char *path);
char     *sheaf_text_normalize_path (const char *folder,
                                     const char *relative);
char     *sheaf_text_dup_folder     (const char *path);
gboolean  sheaf_text_has_suffix_ci  (const char *text,
                                     const char *suffix);

G_END_DECLS
