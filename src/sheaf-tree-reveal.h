/* sheaf-tree-reveal.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Returns the "/"-separated key of a row's item: a note's path, a tag's path. */
typedef const char *(*SheafTreeKeyFunc) (gpointer item);

int sheaf_tree_reveal (GtkTreeListModel *tree,
                       const char       *key,
                       SheafTreeKeyFunc  key_func);

G_END_DECLS
