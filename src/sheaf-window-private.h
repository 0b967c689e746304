/* sheaf-window-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-fuzzy.h"
#include "sheaf-links-panel.h"
#include "sheaf-search-panel.h"
#include "sheaf-switcher.h"
#include "sheaf-tab.h"
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
  char                 *note_path;      /* the note shown in the selected tab, vault-relative */
  char                 *pending_note;   /* the note to show once the vault is loaded */
  char                 *view_mode;
  char                 *last_toast;
  GCancellable         *load_cancellable;
  guint                 rerender_source;
  guint                 pulse_source;   /* the bar, until the notes are counted */

  /* The selected tab (sheaf-window-tabs.c) */
  GBindingGroup        *page_bindings;  /* its page's view mode */
  GSignalGroup         *document_signals;
  GSignalGroup         *history_signals;

  /* Quick switcher and search (sheaf-switcher-window.c) */
  SheafFuzzyIndex      *fuzzy_index;
  GCancellable         *fuzzy_cancellable;
  guint                 fuzzy_source;
  GPtrArray            *recent_notes;   /* paths, most recent first */
  SheafSwitcher        *switcher;       /* weak: the one open, if any */

  /* Borrowed */
  SheafTab             *tab;            /* the selected tab: never NULL after init */
  SheafEditorPage      *page;           /* its page */

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkButton            *title_button;
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
  AdwTabBar            *tab_bar;
  AdwTabView           *tab_view;
  GtkToggleButton      *links_button;
  SheafLinksPanel      *links_panel;

  guint                 closing : 1;         /* saving before the window closes */
  guint                 close_confirmed : 1; /* nothing left to ask: close */
};

void        _sheaf_window_class_init_actions (GtkWidgetClass *widget_class);
gboolean    _sheaf_window_hold_close         (SheafWindow    *self);
const char *_sheaf_window_get_last_toast     (SheafWindow    *self);
void        _sheaf_window_update_title       (SheafWindow    *self);
void        _sheaf_window_set_note_path      (SheafWindow    *self,
                                              const char     *note_path);

void        _sheaf_window_class_init_switcher   (GtkWidgetClass *widget_class);
void        _sheaf_window_init_switcher         (SheafWindow    *self);
void        _sheaf_window_dispose_switcher      (SheafWindow    *self);
void        _sheaf_window_vault_loaded_switcher (SheafWindow    *self);
void        _sheaf_window_note_shown            (SheafWindow    *self);
void        _sheaf_window_open_note_at_line     (SheafWindow    *self,
                                                 const char     *path,
                                                 guint           line);
GStrv       _sheaf_window_dup_recent_notes      (SheafWindow    *self);

/* Tabs (sheaf-window-tabs.c) */
void        _sheaf_window_class_init_tabs       (GtkWidgetClass *widget_class);
void        _sheaf_window_init_tabs             (SheafWindow    *self);
void        _sheaf_window_dispose_tabs          (SheafWindow    *self);
SheafTab   *_sheaf_window_add_tab               (SheafWindow    *self,
                                                 gboolean        select);
guint       _sheaf_window_get_n_tabs            (SheafWindow    *self);
SheafTab   *_sheaf_window_get_nth_tab           (SheafWindow    *self,
                                                 guint           position);
void        _sheaf_window_reset_tabs            (SheafWindow    *self);
void        _sheaf_window_set_tabs_host         (SheafWindow    *self,
                                                 SheafPreviewHost *host);
void        _sheaf_window_rerender_tabs         (SheafWindow    *self);
void        _sheaf_window_open_note_full        (SheafWindow    *self,
                                                 const char     *path,
                                                 const char     *fragment,
                                                 guint           line,
                                                 gboolean        new_tab);
void        _sheaf_window_note_renamed          (SheafWindow    *self,
                                                 const char     *old_path,
                                                 const char     *new_path);
void        _sheaf_window_save_all_async        (SheafWindow    *self,
                                                 GCancellable   *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer        user_data);
gboolean    _sheaf_window_save_all_finish       (SheafWindow    *self,
                                                 GAsyncResult   *result,
                                                 GError        **error);
gboolean    _sheaf_window_get_unsaved           (SheafWindow    *self);

/* Creating the note an unresolved link names (sheaf-window-create.c) */
void        _sheaf_window_offer_create_note     (SheafWindow    *self,
                                                 const char     *path,
                                                 gboolean        new_tab);
void        _sheaf_window_create_note           (SheafWindow    *self,
                                                 const char     *path,
                                                 gboolean        new_tab);

/* Renaming and moving notes (sheaf-window-rename.c) */
void        _sheaf_window_class_init_rename     (GtkWidgetClass *widget_class);
void        _sheaf_window_ask_rename            (SheafWindow    *self,
                                                 const char     *path,
                                                 gboolean        move);

G_END_DECLS
