/* sheaf-tab.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sheaf-editor-page.h"
#include "sheaf-history.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_TAB (sheaf_tab_get_type ())

G_DECLARE_FINAL_TYPE (SheafTab, sheaf_tab, SHEAF, TAB, GtkWidget)

SheafTab        *sheaf_tab_new          (SheafVault  *vault);
SheafVault      *sheaf_tab_get_vault    (SheafTab    *self);
void             sheaf_tab_set_vault    (SheafTab    *self,
                                         SheafVault  *vault);
SheafEditorPage *sheaf_tab_get_page     (SheafTab    *self);
SheafHistory    *sheaf_tab_get_history  (SheafTab    *self);
const char      *sheaf_tab_get_path     (SheafTab    *self);
gboolean         sheaf_tab_get_has_note (SheafTab    *self);
void             sheaf_tab_set_tab_page (SheafTab    *self,
                                         AdwTabPage  *tab_page);
void             sheaf_tab_open         (SheafTab    *self,
                                         const char  *path,
                                         const char  *fragment,
                                         guint        line);
void             sheaf_tab_open_last    (SheafTab    *self,
                                         const char  *path);
gboolean         sheaf_tab_go_back      (SheafTab    *self);
gboolean         sheaf_tab_go_forward   (SheafTab    *self);
gboolean         sheaf_tab_note_renamed (SheafTab    *self,
                                         const char  *old_path,
                                         const char  *new_path);

G_END_DECLS
