/* sheaf-tag-view.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-vault.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_TAG_VIEW (sheaf_tag_view_get_type ())

G_DECLARE_FINAL_TYPE (SheafTagView, sheaf_tag_view, SHEAF, TAG_VIEW, GtkWidget)

SheafVault  *sheaf_tag_view_get_vault          (SheafTagView *self);
void         sheaf_tag_view_set_vault          (SheafTagView *self,
                                                SheafVault   *vault);
char       **sheaf_tag_view_dup_selected_tags  (SheafTagView *self);
gboolean     sheaf_tag_view_select_tag         (SheafTagView *self,
                                                const char   *tag,
                                                gboolean      extend);
void         sheaf_tag_view_unselect_all       (SheafTagView *self);
void         sheaf_tag_view_set_search         (SheafTagView *self,
                                                const char   *text);
void         sheaf_tag_view_focus_filter       (SheafTagView *self);
GListModel  *sheaf_tag_view_get_model          (SheafTagView *self);
gboolean     sheaf_tag_view_get_rebuild_pending (SheafTagView *self);

G_END_DECLS
