/* sheaf-note.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-frontmatter.h"
#include "sheaf-markdown.h"
#include "sheaf-types.h"

G_BEGIN_DECLS

typedef enum
{
  SHEAF_NOTE_DEFAULT   = 0,
  SHEAF_NOTE_KEEP_TEXT = 1 << 0,  /* keep the file's bytes (an open note)      */
  SHEAF_NOTE_KEEP_TREE = 1 << 1,  /* keep the cmark tree (a rendered note)     */
  SHEAF_NOTE_NO_ETAG   = 1 << 2,  /* sheaf_note_load(): read without an etag,
                                   * for notes never saved back (the index) */
} SheafNoteFlags;

#define SHEAF_TYPE_NOTE (sheaf_note_get_type ())

G_DECLARE_FINAL_TYPE (SheafNote, sheaf_note, SHEAF, NOTE, GObject)

SheafNote        *sheaf_note_new_for_bytes        (const char      *path,
                                                   GBytes          *bytes,
                                                   const char      *etag,
                                                   SheafNoteFlags   flags);
SheafNote        *sheaf_note_new_for_edit         (SheafNote       *previous,
                                                   const char      *path,
                                                   GBytes          *bytes,
                                                   const char      *etag,
                                                   const SheafTextEdit *edit,
                                                   SheafNoteFlags   flags);
SheafNote        *sheaf_note_load                 (GFile           *file,
                                                   const char      *path,
                                                   SheafNoteFlags   flags,
                                                   GCancellable    *cancellable,
                                                   GError         **error);
gboolean          sheaf_note_save_bytes           (GFile           *file,
                                                   GBytes          *contents,
                                                   const char      *etag,
                                                   char           **new_etag,
                                                   GCancellable    *cancellable,
                                                   GError         **error);

const char       *sheaf_note_get_path             (SheafNote       *self);
const char       *sheaf_note_get_title            (SheafNote       *self);
const char       *sheaf_note_get_etag             (SheafNote       *self);
gsize             sheaf_note_get_size             (SheafNote       *self);
GBytes           *sheaf_note_get_bytes            (SheafNote       *self);
SheafFrontmatter *sheaf_note_get_frontmatter      (SheafNote       *self);
SheafParseResult *sheaf_note_get_parse_result     (SheafNote       *self);
gssize            sheaf_note_get_invalid_utf8_at  (SheafNote       *self);
GPtrArray        *sheaf_note_dup_tags             (SheafNote       *self);

char             *sheaf_note_path_dup_stem        (const char      *path);
gboolean          sheaf_note_path_is_note         (const char      *path);

G_END_DECLS
