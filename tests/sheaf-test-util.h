/* sheaf-test-util.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char   *sheaf_test_copy_fixture   (const char  *name);
void    sheaf_test_remove_tree    (const char  *path);
void    sheaf_test_write          (const char  *root,
                                   const char  *path,
                                   const char  *contents);
GBytes *sheaf_test_read           (const char  *root,
                                   const char  *path);

G_END_DECLS
