/* sheaf-preview-view.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-note.h"
#include "sheaf-preview-host.h"

G_BEGIN_DECLS

/* The text view that shows one rendered note: SheafPreview puts it in a
 * scrolled window, embeds nest one inside a frame. It renders incrementally:
 * each top-level block of the note owns a range of the buffer, marked at its
 * start, and set_note() rewrites only the ranges of blocks whose source
 * changed. */

#define SHEAF_PREVIEW_MAX_EMBED_DEPTH 3

#define SHEAF_TYPE_PREVIEW_VIEW (sheaf_preview_view_get_type ())

G_DECLARE_FINAL_TYPE (SheafPreviewView, sheaf_preview_view, SHEAF, PREVIEW_VIEW, GtkTextView)

GtkWidget        *sheaf_preview_view_new                (void);
SheafPreviewHost *sheaf_preview_view_get_host           (SheafPreviewView *self);
void              sheaf_preview_view_set_host           (SheafPreviewView *self,
                                                         SheafPreviewHost *host);
SheafNote        *sheaf_preview_view_get_note           (SheafPreviewView *self);
void              sheaf_preview_view_set_note           (SheafPreviewView *self,
                                                         SheafNote        *note);
void              sheaf_preview_view_rerender           (SheafPreviewView *self);
guint             sheaf_preview_view_get_depth          (SheafPreviewView *self);
void              sheaf_preview_view_set_depth          (SheafPreviewView *self,
                                                         guint             depth);
const char       *sheaf_preview_view_get_section        (SheafPreviewView *self);
void              sheaf_preview_view_set_section        (SheafPreviewView *self,
                                                         const char       *section);

gboolean          sheaf_preview_view_activate_at_iter   (SheafPreviewView *self,
                                                         const GtkTextIter *iter,
                                                         gboolean          new_tab);
gboolean          sheaf_preview_view_get_iter_at_line   (SheafPreviewView *self,
                                                         guint             line,
                                                         GtkTextIter      *iter);
guint             sheaf_preview_view_get_line_at_iter   (SheafPreviewView *self,
                                                         const GtkTextIter *iter);

/* For tests and benchmarks. */
void              sheaf_preview_view_attach_children    (SheafPreviewView *self);
guint             sheaf_preview_view_get_n_blocks       (SheafPreviewView *self);
GtkTextMark      *sheaf_preview_view_get_block_mark     (SheafPreviewView *self,
                                                         guint             index);
guint             sheaf_preview_view_get_n_rendered     (SheafPreviewView *self);
guint             sheaf_preview_view_get_n_callouts     (SheafPreviewView *self);
gboolean          sheaf_preview_view_get_callout        (SheafPreviewView *self,
                                                         guint             index,
                                                         const char      **type,
                                                         const char      **color,
                                                         const char      **icon_name,
                                                         gboolean         *folded,
                                                         GtkTextIter      *title,
                                                         GtkTextIter      *body);

G_END_DECLS
