/* sheaf-preview.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-note.h"
#include "sheaf-preview-host.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_PREVIEW (sheaf_preview_get_type ())

G_DECLARE_FINAL_TYPE (SheafPreview, sheaf_preview, SHEAF, PREVIEW, GtkWidget)

GtkWidget        *sheaf_preview_new           (void);
SheafPreviewHost *sheaf_preview_get_host      (SheafPreview     *self);
void              sheaf_preview_set_host      (SheafPreview     *self,
                                               SheafPreviewHost *host);
SheafNote        *sheaf_preview_get_note      (SheafPreview     *self);
void              sheaf_preview_set_note      (SheafPreview     *self,
                                               SheafNote        *note);
void              sheaf_preview_rerender      (SheafPreview     *self);
void              sheaf_preview_scroll_to_line (SheafPreview    *self,
                                               guint             line);
guint             sheaf_preview_get_top_line  (SheafPreview     *self);
GtkTextView      *sheaf_preview_get_text_view (SheafPreview     *self);

G_END_DECLS
