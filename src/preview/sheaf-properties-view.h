/* sheaf-properties-view.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-note.h"
#include "sheaf-preview-host.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_PROPERTIES_VIEW (sheaf_properties_view_get_type ())

G_DECLARE_FINAL_TYPE (SheafPropertiesView, sheaf_properties_view, SHEAF, PROPERTIES_VIEW, GtkWidget)

GtkWidget  *sheaf_properties_view_new         (void);
SheafFrontmatter *sheaf_properties_view_get_frontmatter (SheafPropertiesView *self);
void        sheaf_properties_view_set_frontmatter     (SheafPropertiesView *self,
                                                       SheafFrontmatter    *frontmatter,
                                                       const char          *yaml);
void        sheaf_properties_view_set_links      (SheafPropertiesView *self,
                                                       SheafPreviewHost    *host,
                                                       const char          *source_path,
                                                       SheafParseResult    *result);
char       *sheaf_properties_view_format_date (const char          *text);

G_END_DECLS
