/* sheaf-document-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-document.h"

G_BEGIN_DECLS

/* The buffer shows the file's text with a BOM left out and, when every line
 * ends in CRLF, with LF endings; a save puts both back, so a load followed by
 * a save without an edit writes the bytes that were read (DESIGN.md §2.1).
 * "disk_bytes" and "etag" are what we believe is on disk: what we last read or
 * wrote. Everything that touches the disk runs in a worker (§2.3).
 *
 * sheaf-document.c holds the type, its properties and the live parse;
 * sheaf-document-io.c reading, checking the disk and reloading;
 * sheaf-document-save.c saving, autosave, "keep mine" and "save a copy";
 * sheaf-document-text.c the file's bytes as text and back, and task toggling. */
struct _SheafDocument
{
  GtkSourceBuffer  parent_instance;

  /* Owned */
  GFile           *file;
  char            *path;
  char            *title;
  SheafNote       *note;
  char            *etag;
  GBytes          *disk_bytes;
  char            *conflict_etag;
  GBytes          *conflict_bytes;
  char            *error;
  char            *problem;
  GFileMonitor    *monitor;
  GCancellable    *cancellable;     /* cancelled in dispose */
  GPtrArray       *save_waiters;    /* GTask: explicit saves not yet started */

  SheafNote       *parse_base;      /* the parse of the text of the last snapshot */
  guint            edit_start;      /* what changed since that snapshot, in      */
  guint            edit_old_end;    /* characters: [start, old_end) of its text  */
  guint            edit_new_end;    /* is [start, new_end) of the buffer's       */

  guint            parse_source;
  guint            autosave_source;
  guint            check_source;

  guint            parse_serial;    /* bumped when a parse starts: newer wins */
  guint            change_serial;   /* bumped on every edit */
  guint            load_serial;     /* bumped when another file is loaded */
  guint            io_serial;       /* bumped when a read or write starts */
  guint            n_loads;

  guint            loaded : 1;       /* the buffer holds this file's text */
  guint            bom : 1;
  guint            crlf : 1;
  guint            saving : 1;
  guint            dirty : 1;
  guint            conflict : 1;
  guint            deleted : 1;
  guint            read_only : 1;
  guint            setting_text : 1;
  guint            checking : 1;
  guint            check_again : 1;
  guint            save_again : 1;
  guint            force_save : 1;
  guint            reload_again : 1;
  guint            edited : 1;       /* edit_* say what changed                   */
  guint            edit_unknown : 1; /* the text changed in ways they cannot say  */
  guint            parsing : 1;      /* a live parse is running                   */
  guint            parse_again : 1;  /* the text changed while it ran             */
};

/* What a worker made of a file: the bytes as read and the text to show. */
typedef struct
{
  GBytes    *bytes;
  char      *etag;
  char      *text;
  gsize      length;
  SheafNote *note;
  gssize     invalid_at;
  gboolean   bom;
  gboolean   crlf;
} SheafDocumentLoaded;

static inline gboolean
_sheaf_document_is_disposed (SheafDocument *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

/* Whether a worker started for @load_serial still speaks for this document. */
static inline gboolean
_sheaf_document_is_current (SheafDocument *self,
                            guint          load_serial)
{
  return load_serial == self->load_serial && !_sheaf_document_is_disposed (self);
}

/* sheaf-document.c */
SheafNote           *_sheaf_document_parse_bytes       (const char           *path,
                                                        GBytes               *bytes,
                                                        const char           *etag);
void                 _sheaf_document_set_file          (SheafDocument        *self,
                                                        GFile                *file,
                                                        const char           *path);
void                 _sheaf_document_set_note          (SheafDocument        *self,
                                                        SheafNote            *note);
void                 _sheaf_document_set_error         (SheafDocument        *self,
                                                        const char           *error);
void                 _sheaf_document_set_problem       (SheafDocument        *self,
                                                        const char           *problem);
void                 _sheaf_document_set_saving        (SheafDocument        *self,
                                                        gboolean              saving);
void                 _sheaf_document_set_deleted       (SheafDocument        *self,
                                                        gboolean              deleted);
void                 _sheaf_document_set_read_only     (SheafDocument        *self,
                                                        gboolean              read_only);
void                 _sheaf_document_set_conflict      (SheafDocument        *self,
                                                        const char           *etag,
                                                        GBytes               *bytes);
void                 _sheaf_document_clear_conflict    (SheafDocument        *self);
void                 _sheaf_document_add_loads         (SheafDocument        *self,
                                                        gint                  delta);
void                 _sheaf_document_update_dirty      (SheafDocument        *self);
void                 _sheaf_document_emit_reloaded     (SheafDocument        *self);
void                 _sheaf_document_reset_parse_base  (SheafDocument        *self,
                                                        SheafNote            *note);

/* sheaf-document-io.c */
GBytes              *_sheaf_document_load_bytes        (GFile                *file,
                                                        GCancellable         *cancellable,
                                                        char                **etag,
                                                        GError              **error);
void                 _sheaf_document_set_disk          (SheafDocument        *self,
                                                        char                 *etag,
                                                        GBytes               *bytes);
void                 _sheaf_document_mark_deleted      (SheafDocument        *self);
void                 _sheaf_document_apply_loaded      (SheafDocument        *self,
                                                        SheafDocumentLoaded  *loaded,
                                                        gboolean              keep_cursor);
void                 _sheaf_document_clear_monitor     (SheafDocument        *self);
void                 _sheaf_document_process_pending   (SheafDocument        *self);

/* sheaf-document-save.c */
void                 _sheaf_document_schedule_autosave (SheafDocument        *self);
void                 _sheaf_document_run_save          (SheafDocument        *self);
void                 _sheaf_document_return_waiters    (GPtrArray            *waiters,
                                                        const GError         *error);

/* sheaf-document-text.c */
SheafDocumentLoaded *_sheaf_document_loaded_new        (const char           *path,
                                                        GBytes               *bytes,
                                                        const char           *etag);
void                 _sheaf_document_loaded_free       (SheafDocumentLoaded  *loaded);
GBytes              *_sheaf_document_encode_text       (const char           *text,
                                                        gboolean              bom,
                                                        gboolean              crlf);
char                *_sheaf_document_dup_text          (SheafDocument        *self);
gboolean             _sheaf_document_edit_to_bytes     (SheafNote            *base,
                                                        GBytes               *bytes,
                                                        guint                 start,
                                                        guint                 old_end,
                                                        guint                 new_end,
                                                        SheafTextEdit        *edit);

G_END_DECLS
