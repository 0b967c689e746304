/* sheaf-editor-page-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sheaf-editor-page.h"

G_BEGIN_DECLS

enum {
  EDITOR_PAGE_OPEN_NOTE,
  EDITOR_PAGE_CREATE_NOTE,
  EDITOR_PAGE_SHOW_TOAST,
  N_EDITOR_PAGE_SIGNALS
};

extern guint _sheaf_editor_page_signals[N_EDITOR_PAGE_SIGNALS];

typedef enum
{
  SCROLL_LEADER_NONE,
  SCROLL_LEADER_SOURCE,
  SCROLL_LEADER_PREVIEW,
} ScrollLeader;

struct _SheafEditorPage
{
  GtkWidget               parent_instance;

  /* Owned */
  SheafDocument          *document;
  SheafPreviewHost       *host;
  GtkSourceSearchContext *search_context;
  char                   *view_mode;
  char                   *pending_fragment;
  GtkTextMark            *scroll_mark;
  GtkCssProvider         *scroller_css;

  /* Template children */
  GtkWidget              *box;
  GtkRevealer            *conflict_revealer;
  GtkRevealer            *error_revealer;
  GtkLabel               *error_label;
  GtkRevealer            *notice_revealer;
  GtkLabel               *notice_label;
  GtkWidget              *notice_button;
  GtkPaned               *paned;
  GtkWidget              *source_box;
  GtkRevealer            *search_revealer;
  GtkSearchEntry         *search_entry;
  GtkLabel               *search_count;
  GtkToggleButton        *replace_toggle;
  GtkEntry               *replace_entry;
  GtkScrolledWindow      *source_scroller;
  GtkSourceView          *source_view;
  SheafPreview           *preview;

  ScrollLeader            scroll_leader;
  guint                   scroll_leader_source;
  guint                   scroll_tick;      /* on the source view */
  guint                   scroll_tries;
  guint                   scroll_stalls;
  int                     scroll_offset;
  double                  scroll_upper;
  guint                   scroll_pinned : 1;
  guint                   split_placed : 1;
};

void _sheaf_editor_page_class_init_search     (GtkWidgetClass  *widget_class);
void _sheaf_editor_page_init_search           (SheafEditorPage *self);
void _sheaf_editor_page_update_actions        (SheafEditorPage *self);
void _sheaf_editor_page_show_toast            (SheafEditorPage *self,
                                               const char      *title);
void _sheaf_editor_page_source_scroll_to_line (SheafEditorPage *self,
                                               guint            line);
guint _sheaf_editor_page_source_get_top_line  (SheafEditorPage *self);
void _sheaf_editor_page_init_scroll           (SheafEditorPage *self);
void _sheaf_editor_page_pin_scroll            (SheafEditorPage *self);
void _sheaf_editor_page_dispose_scroll        (SheafEditorPage *self);
void _sheaf_editor_page_stop_animations       (SheafEditorPage *self);
void _sheaf_editor_page_note_changed_cb       (SheafEditorPage *self,
                                               GParamSpec      *pspec,
                                               SheafDocument   *document);
void _sheaf_editor_page_link_activated_cb     (SheafEditorPage *self,
                                               const SheafLink *link,
                                               gboolean         new_tab,
                                               SheafPreview    *preview);

G_END_DECLS
