/* sheaf-window.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sheaf-editor-page.h"
#include "sheaf-sidebar.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_WINDOW (sheaf_window_get_type ())

G_DECLARE_FINAL_TYPE (SheafWindow, sheaf_window, SHEAF, WINDOW, AdwApplicationWindow)

SheafWindow     *sheaf_window_new             (GtkApplication *application);
SheafVault      *sheaf_window_get_vault       (SheafWindow    *self);
const char      *sheaf_window_get_note_path   (SheafWindow    *self);
SheafSidebar    *sheaf_window_get_sidebar     (SheafWindow    *self);
SheafEditorPage *sheaf_window_get_editor_page (SheafWindow    *self);
void             sheaf_window_open_vault      (SheafWindow    *self,
                                               GFile          *root,
                                               const char     *note_path);
void             sheaf_window_open_note       (SheafWindow    *self,
                                               const char     *path,
                                               const char     *fragment);
void             sheaf_window_show_error      (SheafWindow    *self,
                                               const char     *message);
void             sheaf_window_show_toast      (SheafWindow    *self,
                                               const char     *title);

G_END_DECLS
