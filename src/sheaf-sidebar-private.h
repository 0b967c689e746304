/* sheaf-sidebar-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-note-node.h"
#include "sheaf-sidebar.h"
#include "sheaf-tag-view.h"

G_BEGIN_DECLS

struct _SheafSidebar
{
  GtkWidget           parent_instance;

  /* Owned */
  SheafVault         *vault;
  SheafNoteNode      *root;
  GHashTable         *nodes;            /* path → SheafNoteNode (borrowed), notes and folders */
  GHashTable         *matching_folders; /* folder paths holding a match; NULL when not filtering */
  GHashTable         *tag_notes;        /* paths carrying every selected tag; NULL for no tags */
  char               *search;           /* casefolded, or NULL */
  char               *selected_path;
  GtkCustomFilter    *filter;
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
  GtkWidget          *note_menu;        /* the rows' context menu, a GtkPopoverMenu */
  char               *menu_path;        /* the note it was opened for */

  /* Template children */
  GtkWidget          *box;
  GtkStack           *view_stack;
  GtkRevealer        *tag_bar;
  GtkLabel           *tag_label;
  GtkLabel           *tag_count_label;
  SheafTagView       *tag_view;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  GMenuModel         *note_menu_model;

  guint               selecting : 1;
  guint               listing_paths : 1;    /* sheaf_sidebar_show_paths(), no vault yet */
};

/* sheaf-sidebar.c */
gboolean _sheaf_sidebar_is_filtering          (SheafSidebar *self);
void     _sheaf_sidebar_refilter              (SheafSidebar *self);
void     _sheaf_sidebar_unfiltered            (SheafSidebar *self);

/* sheaf-sidebar-menu.c */
void        _sheaf_sidebar_menu_class_init (GtkWidgetClass *widget_class);
void        _sheaf_sidebar_menu_init       (SheafSidebar   *self);
void        _sheaf_sidebar_menu_dispose    (SheafSidebar   *self);
gboolean    _sheaf_sidebar_show_note_menu  (SheafSidebar   *self,
                                            const char     *path);
const char *_sheaf_sidebar_get_menu_path   (SheafSidebar   *self);

/* sheaf-sidebar-tags.c */
void     _sheaf_sidebar_tags_class_init       (GtkWidgetClass *widget_class);
void     _sheaf_sidebar_tags_changed_cb       (SheafSidebar *self);
void     _sheaf_sidebar_tag_activated_cb      (SheafSidebar *self,
                                               const char   *tag,
                                               SheafTagView *tag_view);

G_END_DECLS
