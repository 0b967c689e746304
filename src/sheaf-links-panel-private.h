/* sheaf-links-panel-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-links-panel.h"
#include "sheaf-snippet.h"

G_BEGIN_DECLS

/* The instance: sheaf-links-panel.c holds the widget, the outline and the
 * outgoing links; sheaf-links-panel-vault.c the backlinks and mentions. */

struct _SheafLinksPanel
{
  GtkWidget      parent_instance;

  /* Owned */
  SheafVault    *vault;
  SheafDocument *document;
  char          *path;               /* the note the vault lists are for */
  GCancellable  *backlinks_cancellable;
  GCancellable  *mentions_cancellable;
  GPtrArray     *mentions;           /* SheafMention, as listed */
  guint          note_source;
  guint          vault_source;
  guint          n_running;

  /* Template children */
  GtkWidget     *scroller;
  GtkListBox    *backlinks_list;
  GtkListBox    *mentions_list;
  GtkListBox    *outgoing_list;
  GtkListBox    *outline_list;

  guint          busy : 1;
  guint          note_stale : 1;     /* a refresh came while hidden: run it when shown */
  guint          vault_stale : 1;
};

/* Shared between the two. */

void        _sheaf_links_panel_update_busy            (SheafLinksPanel *self);
void        _sheaf_links_panel_show_toast             (SheafLinksPanel *self,
                                                       const char      *title);
void        _sheaf_links_panel_clear_list             (GtkListBox      *list);
GtkWidget  *_sheaf_links_panel_new_label              (const char      *text,
                                                       const char      *css_class);
GtkWidget  *_sheaf_links_panel_new_context_label      (SheafLinksPanel *self,
                                                       const SheafSnippet *snippet);
GtkWidget  *_sheaf_links_panel_new_row                (GtkWidget       *child,
                                                       const char      *description,
                                                       const char      *path,
                                                       const char      *fragment,
                                                       guint            line);
void        _sheaf_links_panel_schedule_vault_refresh (SheafLinksPanel *self,
                                                       guint            delay_ms);

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
