/* sheaf-switcher.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-fuzzy.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_SWITCHER (sheaf_switcher_get_type ())

G_DECLARE_FINAL_TYPE (SheafSwitcher, sheaf_switcher, SHEAF, SWITCHER, GtkWindow)

SheafSwitcher *sheaf_switcher_new           (GtkWindow          *parent,
                                             SheafVault         *vault);
void           sheaf_switcher_set_index     (SheafSwitcher      *self,
                                             SheafFuzzyIndex    *index);
void           sheaf_switcher_set_recent    (SheafSwitcher      *self,
                                             const char * const *recent);
const char    *sheaf_switcher_get_query     (SheafSwitcher      *self);
void           sheaf_switcher_set_query     (SheafSwitcher      *self,
                                             const char         *query);
GPtrArray     *sheaf_switcher_get_results   (SheafSwitcher      *self);
int            sheaf_switcher_get_selected  (SheafSwitcher      *self);
gboolean       sheaf_switcher_get_busy      (SheafSwitcher      *self);
GtkListBox    *sheaf_switcher_get_list      (SheafSwitcher      *self);

G_END_DECLS
