/* sheaf-history.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* SheafHistory: where one tab has been, as a browser keeps it. Each entry is
 * a note's vault-relative path and the line that was at the top of the view
 * when the user left it, so going back shows the note where it was. */

#define SHEAF_TYPE_HISTORY (sheaf_history_get_type ())

G_DECLARE_FINAL_TYPE (SheafHistory, sheaf_history, SHEAF, HISTORY, GObject)

SheafHistory *sheaf_history_new                (void);
gboolean      sheaf_history_push               (SheafHistory *self,
                                                const char   *path);
const char   *sheaf_history_get_path           (SheafHistory *self);
guint         sheaf_history_get_line           (SheafHistory *self);
void          sheaf_history_set_line           (SheafHistory *self,
                                                guint         line);
gboolean      sheaf_history_get_can_go_back    (SheafHistory *self);
gboolean      sheaf_history_get_can_go_forward (SheafHistory *self);
gboolean      sheaf_history_go_back            (SheafHistory *self);
gboolean      sheaf_history_go_forward         (SheafHistory *self);
gboolean      sheaf_history_go_to              (SheafHistory *self,
                                                guint         position);
guint         sheaf_history_get_n_entries      (SheafHistory *self);
guint         sheaf_history_get_position       (SheafHistory *self);
const char   *sheaf_history_get_nth_path       (SheafHistory *self,
                                                guint         position);
guint         sheaf_history_get_nth_line       (SheafHistory *self,
                                                guint         position);
guint         sheaf_history_rename             (SheafHistory *self,
                                                const char   *old_path,
                                                const char   *new_path);
void          sheaf_history_clear              (SheafHistory *self);

G_END_DECLS
