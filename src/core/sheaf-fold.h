/* sheaf-fold.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text folded for matching, with a way back to the bytes it came from.
 * Used by full-text search and unlinked mentions, which both look for a
 * folded needle in a folded file and must report spans in the original. */

typedef enum
{
  SHEAF_FOLD_DEFAULT     = 0,
  SHEAF_FOLD_STRIP_MARKS = 1 << 0,  /* "Café" matches "cafe" */
} SheafFoldFlags;

typedef struct
{
  GString *text;   /* the folded bytes                                         */
  GArray  *map;    /* guint32 per folded byte: offset in the source of the
                    * character it came from; one more entry: the source length */
} SheafFolded;

void      sheaf_folded_init        (SheafFolded     *folded);
void      sheaf_folded_clear       (SheafFolded     *folded);
void      sheaf_fold_into          (SheafFolded     *folded,
                                    const char      *text,
                                    gsize            length,
                                    SheafFoldFlags   flags);
gboolean  sheaf_folded_to_source   (SheafFolded     *folded,
                                    gsize            start,
                                    gsize            end,
                                    gsize           *source_start,
                                    gsize           *source_end);
char     *sheaf_fold_string        (const char      *text,
                                    gssize           length,
                                    SheafFoldFlags   flags);
gboolean  sheaf_fold_is_word_char  (const char      *text,
                                    gsize            length,
                                    gsize            offset);
gboolean  sheaf_fold_is_word_char_before (const char *text,
                                          gsize       offset);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SheafFolded, sheaf_folded_clear)

G_END_DECLS
