/* sheaf-search-panel.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-vault.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_SEARCH_PANEL (sheaf_search_panel_get_type ())

G_DECLARE_FINAL_TYPE (SheafSearchPanel, sheaf_search_panel, SHEAF, SEARCH_PANEL, GtkWidget)

void        sheaf_search_panel_set_vault   (SheafSearchPanel *self,
                                            SheafVault       *vault);
const char *sheaf_search_panel_get_query   (SheafSearchPanel *self);
void        sheaf_search_panel_set_query   (SheafSearchPanel *self,
                                            const char       *query);
gboolean    sheaf_search_panel_get_busy    (SheafSearchPanel *self);
GPtrArray  *sheaf_search_panel_get_results (SheafSearchPanel *self);
void        sheaf_search_panel_focus       (SheafSearchPanel *self);
GtkListBox *sheaf_search_panel_get_list    (SheafSearchPanel *self);

G_END_DECLS
