/* sheaf-links-panel.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-document.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

/* SheafLinksPanel: beside the open note, what links to it (backlinks and
 * unlinked mentions), what it links to, and its outline. */

#define SHEAF_TYPE_LINKS_PANEL (sheaf_links_panel_get_type ())

G_DECLARE_FINAL_TYPE (SheafLinksPanel, sheaf_links_panel, SHEAF, LINKS_PANEL, GtkWidget)

SheafVault    *sheaf_links_panel_get_vault    (SheafLinksPanel *self);
void           sheaf_links_panel_set_vault    (SheafLinksPanel *self,
                                               SheafVault      *vault);
SheafDocument *sheaf_links_panel_get_document (SheafLinksPanel *self);
void           sheaf_links_panel_set_document (SheafLinksPanel *self,
                                               SheafDocument   *document);
gboolean       sheaf_links_panel_get_busy     (SheafLinksPanel *self);

G_END_DECLS
