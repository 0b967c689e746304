/* sheaf-note-node.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One row of the note tree in the sidebar: a folder of the vault, or a note. */

#define SHEAF_TYPE_NOTE_NODE (sheaf_note_node_get_type ())

G_DECLARE_FINAL_TYPE (SheafNoteNode, sheaf_note_node, SHEAF, NOTE_NODE, GObject)

SheafNoteNode *sheaf_note_node_new_folder    (const char    *path);
SheafNoteNode *sheaf_note_node_new_note      (const char    *path,
                                              const char    *title);
gboolean       sheaf_note_node_is_folder     (SheafNoteNode *self);
const char    *sheaf_note_node_get_path      (SheafNoteNode *self);
const char    *sheaf_note_node_get_title     (SheafNoteNode *self);
void           sheaf_note_node_set_title     (SheafNoteNode *self,
                                              const char    *title);
const char    *sheaf_note_node_get_search_key (SheafNoteNode *self);
GListStore    *sheaf_note_node_get_children  (SheafNoteNode *self);
int            sheaf_note_node_compare       (gconstpointer  a,
                                              gconstpointer  b,
                                              gpointer       user_data);

G_END_DECLS
