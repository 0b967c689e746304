/* sheaf-editor-page.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-document.h"
#include "preview/sheaf-preview.h"

G_BEGIN_DECLS

/* SheafEditorPage: one open note, as source, split or reading view. */

#define SHEAF_TYPE_EDITOR_PAGE (sheaf_editor_page_get_type ())

G_DECLARE_FINAL_TYPE (SheafEditorPage, sheaf_editor_page, SHEAF, EDITOR_PAGE, GtkWidget)

SheafDocument    *sheaf_editor_page_get_document      (SheafEditorPage     *self);
SheafPreview     *sheaf_editor_page_get_preview       (SheafEditorPage     *self);
GtkSourceView    *sheaf_editor_page_get_source_view   (SheafEditorPage     *self);
SheafPreviewHost *sheaf_editor_page_get_host          (SheafEditorPage     *self);
void              sheaf_editor_page_set_host          (SheafEditorPage     *self,
                                                       SheafPreviewHost    *host);
const char       *sheaf_editor_page_get_view_mode     (SheafEditorPage     *self);
void              sheaf_editor_page_set_view_mode     (SheafEditorPage     *self,
                                                       const char          *view_mode);
gboolean          sheaf_editor_page_get_unsaved       (SheafEditorPage     *self);
void              sheaf_editor_page_open_async        (SheafEditorPage     *self,
                                                       GFile               *file,
                                                       const char          *path,
                                                       const char          *fragment,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          sheaf_editor_page_open_finish       (SheafEditorPage     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void              sheaf_editor_page_save_async        (SheafEditorPage     *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          sheaf_editor_page_save_finish       (SheafEditorPage     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void              sheaf_editor_page_scroll_to_fragment (SheafEditorPage    *self,
                                                       const char          *fragment);
void              sheaf_editor_page_scroll_to_line    (SheafEditorPage     *self,
                                                       guint                line);
guint             sheaf_editor_page_get_top_line      (SheafEditorPage     *self);
void              sheaf_editor_page_focus             (SheafEditorPage     *self);

G_END_DECLS
