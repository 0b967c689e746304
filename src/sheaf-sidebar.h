/* sheaf-sidebar.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-tag-view.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_SIDEBAR (sheaf_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (SheafSidebar, sheaf_sidebar, SHEAF, SIDEBAR, GtkWidget)

SheafVault   *sheaf_sidebar_get_vault     (SheafSidebar *self);
void          sheaf_sidebar_set_vault     (SheafSidebar *self,
                                           SheafVault   *vault);
void          sheaf_sidebar_show_paths    (SheafSidebar *self,
                                           GPtrArray    *paths);
gboolean      sheaf_sidebar_select_path   (SheafSidebar *self,
                                           const char   *path);
void          sheaf_sidebar_focus_filter  (SheafSidebar *self);
void          sheaf_sidebar_focus_list    (SheafSidebar *self);
GListModel   *sheaf_sidebar_get_model     (SheafSidebar *self);
gboolean      sheaf_sidebar_show_tag      (SheafSidebar *self,
                                           const char   *tag);
void          sheaf_sidebar_clear_tags    (SheafSidebar *self);
const char   *sheaf_sidebar_get_view      (SheafSidebar *self);
void          sheaf_sidebar_set_view      (SheafSidebar *self,
                                           const char   *view);
SheafTagView *sheaf_sidebar_get_tag_view  (SheafSidebar *self);

G_END_DECLS
