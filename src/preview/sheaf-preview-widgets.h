/* sheaf-preview-widgets.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cmark-gfm.h>
#include <gtk/gtk.h>

#include "sheaf-preview-view-private.h"

G_BEGIN_DECLS

/* The widgets the preview puts at child anchors. */

GtkWidget *_sheaf_preview_code_block_new    (const char       *code,
                                             const char       *language);
gpointer   _sheaf_preview_code_data_new     (const char       *code,
                                             const char       *language);
void       _sheaf_preview_code_data_free    (gpointer          data);
GtkWidget *_sheaf_preview_code_block_factory (SheafPreviewView *view,
                                             gpointer          data);
gpointer   _sheaf_preview_table_data_new    (SheafPreviewView *view,
                                             const RenderEnv  *env,
                                             cmark_node       *table);
void       _sheaf_preview_table_data_free   (gpointer          data);
GtkWidget *_sheaf_preview_table_factory     (SheafPreviewView *view,
                                             gpointer          data);
GtkWidget *_sheaf_preview_image_new         (SheafPreviewView *view,
                                             const char       *path,
                                             const char       *size,
                                             const char       *alt);
GtkWidget *_sheaf_preview_remote_image_new  (const char       *uri,
                                             const char       *alt);
void       _sheaf_preview_image_resize      (GtkWidget        *widget,
                                             int               width);
gboolean   _sheaf_preview_is_image_widget   (GtkWidget        *widget);
void       _sheaf_preview_remote_image_load (GtkWidget        *widget);
GtkWidget *_sheaf_preview_embed_new         (SheafPreviewView *view,
                                             const SheafLink  *link,
                                             SheafResolution   resolution,
                                             const char       *resolved);
GtkWidget *_sheaf_preview_separator_new     (void);
GtkWidget *_sheaf_preview_properties_new    (SheafPreviewView *view,
                                             SheafNote        *note);

gboolean   _sheaf_preview_is_image_path     (const char       *path);
gboolean   _sheaf_preview_is_external_uri   (const char       *uri);
void       _sheaf_preview_copy_link         (SheafLink        *dest,
                                             const SheafLink  *src);
void       _sheaf_preview_free_link         (SheafLink        *link);

G_END_DECLS
