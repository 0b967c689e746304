/* sheaf-document.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "sheaf-note.h"

G_BEGIN_DECLS

/* SheafDocument: the text of one open note, the model behind the editor.
 *
 * Loads and saves in workers, keeps the file's bytes (BOM, CRLF) exactly as
 * they were, parses the text into "note" after each edit, autosaves, and
 * watches the file for changes made elsewhere (DESIGN.md §2.1–2.3, 2.6).
 * Line numbers in the buffer are the file's line numbers. */

#define SHEAF_TYPE_DOCUMENT (sheaf_document_get_type ())

G_DECLARE_FINAL_TYPE (SheafDocument, sheaf_document, SHEAF, DOCUMENT, GtkSourceBuffer)

SheafDocument *sheaf_document_new                 (void);

void           sheaf_document_load_async          (SheafDocument        *self,
                                                   GFile                *file,
                                                   const char           *path,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       sheaf_document_load_finish         (SheafDocument        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           sheaf_document_save_async          (SheafDocument        *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       sheaf_document_save_finish         (SheafDocument        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           sheaf_document_save_copy_async     (SheafDocument        *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
char          *sheaf_document_save_copy_finish    (SheafDocument        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void           sheaf_document_reload              (SheafDocument        *self);
void           sheaf_document_keep_mine           (SheafDocument        *self);

gboolean       sheaf_document_toggle_task         (SheafDocument        *self,
                                                   guint                 line);
void           sheaf_document_update_style_scheme (SheafDocument        *self,
                                                   gboolean              dark);

GFile         *sheaf_document_get_file            (SheafDocument        *self);
const char    *sheaf_document_get_path            (SheafDocument        *self);
const char    *sheaf_document_get_title           (SheafDocument        *self);
SheafNote     *sheaf_document_get_note            (SheafDocument        *self);
gboolean       sheaf_document_get_loading         (SheafDocument        *self);
gboolean       sheaf_document_get_saving          (SheafDocument        *self);
gboolean       sheaf_document_get_dirty           (SheafDocument        *self);
gboolean       sheaf_document_get_conflict        (SheafDocument        *self);
gboolean       sheaf_document_get_deleted         (SheafDocument        *self);
gboolean       sheaf_document_get_read_only       (SheafDocument        *self);
const char    *sheaf_document_get_error           (SheafDocument        *self);
const char    *sheaf_document_get_problem         (SheafDocument        *self);

G_END_DECLS
