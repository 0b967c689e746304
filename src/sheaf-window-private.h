/* sheaf-window-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-fuzzy.h"
#include "sheaf-links-panel.h"
#include "sheaf-search-panel.h"
#include "sheaf-switcher.h"
#include "sheaf-window.h"

G_BEGIN_DECLS

struct _SheafWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  SheafVault           *vault;
  SheafPreviewHost     *host;
  char                 *vault_path;
  char                 *note_path;      /* the note shown, vault-relative */
  char                 *pending_note;   /* the note to show once the vault is loaded */
  char                 *view_mode;
  char                 *last_toast;
  GCancellable         *load_cancellable;
  GCancellable         *note_cancellable;
  guint                 rerender_source;

  /* Quick switcher and search (sheaf-switcher-window.c) */
  SheafFuzzyIndex      *fuzzy_index;
  GCancellable         *fuzzy_cancellable;
  guint                 fuzzy_source;
  GPtrArray            *recent_notes;   /* paths, most recent first */
  SheafSwitcher        *switcher;       /* weak: the one open, if any */
  guint                 pending_line;   /* of the note being opened */

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkToggleButton      *sidebar_button;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *error_page;
  GtkPaned             *paned;
  GtkStack             *sidebar_stack;
  SheafSidebar         *sidebar;
  SheafSearchPanel     *search_panel;
  GtkStack             *note_stack;
  SheafEditorPage      *page;
  AdwStatusPage        *note_error_page;
  GtkToggleButton      *links_button;
  SheafLinksPanel      *links_panel;

  guint                 closing : 1;         /* saving before the window closes */
  guint                 close_confirmed : 1; /* nothing left to ask: close */
};

void        _sheaf_window_class_init_actions (GtkWidgetClass *widget_class);
gboolean    _sheaf_window_hold_close         (SheafWindow    *self);
const char *_sheaf_window_get_last_toast     (SheafWindow    *self);

void        _sheaf_window_class_init_switcher   (GtkWidgetClass *widget_class);
void        _sheaf_window_init_switcher         (SheafWindow    *self);
void        _sheaf_window_dispose_switcher      (SheafWindow    *self);
void        _sheaf_window_vault_loaded_switcher (SheafWindow    *self);
void        _sheaf_window_note_shown            (SheafWindow    *self);
void        _sheaf_window_open_note_at_line     (SheafWindow    *self,
                                                 const char     *path,
                                                 guint           line);
GStrv       _sheaf_window_dup_recent_notes      (SheafWindow    *self);

G_END_DECLS
