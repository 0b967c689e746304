/* sheaf-links-panel-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-links-panel.h"

G_BEGIN_DECLS

/* For tests: what each section lists, one string per row, and the rows. */

typedef enum
{
  SHEAF_LINKS_SECTION_BACKLINKS,
  SHEAF_LINKS_SECTION_MENTIONS,
  SHEAF_LINKS_SECTION_OUTGOING,
  SHEAF_LINKS_SECTION_OUTLINE,
} SheafLinksSection;

GtkListBox *_sheaf_links_panel_get_list          (SheafLinksPanel   *self,
                                                  SheafLinksSection  section);
GStrv       _sheaf_links_panel_dup_descriptions  (SheafLinksPanel   *self,
                                                  SheafLinksSection  section);
GtkWidget  *_sheaf_links_panel_get_row_button    (GtkListBoxRow     *row);

G_END_DECLS
