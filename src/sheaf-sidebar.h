/* sheaf-sidebar.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-vault.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_SIDEBAR (sheaf_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (SheafSidebar, sheaf_sidebar, SHEAF, SIDEBAR, GtkWidget)

SheafVault *sheaf_sidebar_get_vault      (SheafSidebar *self);
void        sheaf_sidebar_set_vault      (SheafSidebar *self,
                                          SheafVault   *vault);
gboolean    sheaf_sidebar_select_path    (SheafSidebar *self,
                                          const char   *path);
void        sheaf_sidebar_focus_filter   (SheafSidebar *self);
void        sheaf_sidebar_focus_list     (SheafSidebar *self);
GListModel *sheaf_sidebar_get_model      (SheafSidebar *self);

G_END_DECLS
