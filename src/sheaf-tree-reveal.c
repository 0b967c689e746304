/* sheaf-tree-reveal.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sheaf-tree-reveal.h"

/**
 * sheaf_tree_reveal:
 * @tree: a tree whose items are keyed by "/"-separated paths, parents first
 * @key: the key of the row to reveal, e.g. "People/Ada.md" or "domain/community"
 * @key_func: gives an item's key
 *
 * Walks down the tree one path segment at a time, expanding each parent on
 * the way, so that the row for @key is in the flattened model.
 *
 * Returns: the row's position in @tree, or -1 when there is no such row
 */
int
sheaf_tree_reveal (GtkTreeListModel *tree,
                   const char       *key,
                   SheafTreeKeyFunc  key_func)
{
  GListModel *model = G_LIST_MODEL (tree);
  g_auto(GStrv) parts = g_strsplit (key, "/", -1);
  g_autoptr(GString) prefix = g_string_new (NULL);
  guint position = 0;

  g_return_val_if_fail (GTK_IS_TREE_LIST_MODEL (tree), -1);
  g_return_val_if_fail (key != NULL, -1);

  for (guint depth = 0; parts[depth] != NULL; depth++)
    {
      gboolean found = FALSE;

      if (depth > 0)
        g_string_append_c (prefix, '/');
      g_string_append (prefix, parts[depth]);

      /* The next segment is found below the last one, never before it. */
      for (; position < g_list_model_get_n_items (model); position++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, position);
          g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

          if (gtk_tree_list_row_get_depth (row) < depth)
            break;

          if (g_str_equal (key_func (item), prefix->str))
            {
              found = TRUE;
              if (parts[depth + 1] != NULL)
                {
                  gtk_tree_list_row_set_expanded (row, TRUE);
                  position++;
                }
              break;
            }
        }

      if (!found)
        return -1;
    }

  return position;
}
