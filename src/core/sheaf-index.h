/* sheaf-index.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-note.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

/* The lookup tables of a vault: plain data, owned by one thread at a time.
 * SheafVault builds one in a worker and hands it to the main thread whole. */
typedef struct _SheafIndex SheafIndex;

SheafIndex *sheaf_index_new                (void);
void        sheaf_index_free               (SheafIndex      *index);

void        sheaf_index_add_note           (SheafIndex      *index,
                                            SheafNote       *note);
void        sheaf_index_add_attachment     (SheafIndex      *index,
                                            const char      *path);
void        sheaf_index_add_folder         (SheafIndex      *index,
                                            const char      *path);
void        sheaf_index_add_failure        (SheafIndex      *index,
                                            const char      *path,
                                            const char      *message);
gboolean    sheaf_index_remove             (SheafIndex      *index,
                                            const char      *path);

SheafNote  *sheaf_index_get_note           (SheafIndex      *index,
                                            const char      *path);
gboolean    sheaf_index_has_attachment     (SheafIndex      *index,
                                            const char      *path);
gboolean    sheaf_index_has_folder         (SheafIndex      *index,
                                            const char      *path);
guint       sheaf_index_get_n_notes        (SheafIndex      *index);
guint       sheaf_index_get_n_attachments  (SheafIndex      *index);
GPtrArray  *sheaf_index_dup_notes          (SheafIndex      *index);
GPtrArray  *sheaf_index_dup_folders        (SheafIndex      *index);
GPtrArray  *sheaf_index_dup_attachments    (SheafIndex      *index);
GHashTable *sheaf_index_get_failures       (SheafIndex      *index);

void        sheaf_index_resolve            (SheafIndex      *index,
                                            const char      *source_path,
                                            const char      *target,
                                            SheafResolved   *out);
GArray     *sheaf_index_dup_backlinks      (SheafIndex      *index,
                                            const char      *path);
GPtrArray  *sheaf_index_dup_alias_owners   (SheafIndex      *index,
                                            const char      *alias);
GPtrArray  *sheaf_index_dup_aliases        (SheafIndex      *index);
GPtrArray  *sheaf_index_dup_tag_tree       (SheafIndex      *index);
GPtrArray  *sheaf_index_dup_notes_with_tag (SheafIndex      *index,
                                            const char      *tag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafIndex, sheaf_index_free)

G_END_DECLS
