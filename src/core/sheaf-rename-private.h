/* sheaf-rename-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-index.h"
#include "sheaf-note.h"

G_BEGIN_DECLS

/* A rename is split across sheaf-rename.c (the task: snapshot, checks,
 * saves, the vault's update), sheaf-rename-links.c (which links change and
 * their new bytes) and sheaf-rename-move.c (the file system: name clashes,
 * folders, the move that never replaces a file). */

/* Which links need resolving at all: only a target whose last segment is the
 * file's old or new name, one of its aliases, or a relative path can reach
 * it before or after. */
typedef struct
{
  char       *old_path;
  char       *new_path;
  char       *old_name;     /* last segment of the old path's key */
  char       *new_name;     /* and of the new path's */
  GHashTable *alias_keys;   /* the renamed note's aliases, before and after */
} SheafRenameFilter;

/* One note to rewrite. */
typedef struct
{
  char      *path;          /* where it is saved (the new path for the moved note) */
  GBytes    *bytes;         /* as read from disk */
  char      *etag;
  SheafNote *parsed;
  GArray    *pending;       /* the links that may need a new target */
  GBytes    *edited;        /* NULL when no link changed */
  guint      n_links;       /* splices that follow the renamed file */
  guint      n_preserved;   /* splices that keep another file's link */
} SheafRenameEdit;

typedef void (*SheafRenameHook) (gpointer user_data);

void             _sheaf_rename_filter_init          (SheafRenameFilter        *filter,
                                                     const char               *old_path,
                                                     const char               *new_path);
void             _sheaf_rename_filter_add_aliases   (SheafRenameFilter        *filter,
                                                     SheafNote                *note);
void             _sheaf_rename_filter_clear         (SheafRenameFilter        *filter);
void             _sheaf_rename_index_move           (SheafIndex               *index,
                                                     const char               *from,
                                                     SheafNote                *note,
                                                     const char               *to);
GPtrArray       *_sheaf_rename_find_notes_to_edit   (GPtrArray                *notes,
                                                     SheafIndex               *index,
                                                     const SheafRenameFilter  *filter,
                                                     SheafNote                *old_note,
                                                     SheafNote                *moved_note);
SheafRenameEdit *_sheaf_rename_edit_load            (GFile                    *root,
                                                     const char               *path,
                                                     GCancellable             *cancellable,
                                                     GError                  **error);
void             _sheaf_rename_edit_free            (SheafRenameEdit          *edit);
void             _sheaf_rename_edit_collect         (SheafRenameEdit          *edit,
                                                     SheafIndex               *index,
                                                     const char               *source,
                                                     const SheafRenameFilter  *filter,
                                                     gboolean                  is_moved);
void             _sheaf_rename_edit_apply           (SheafRenameEdit          *edit,
                                                     SheafIndex               *index,
                                                     const SheafRenameFilter  *filter,
                                                     guint                    *n_skipped);

char     *_sheaf_rename_find_disk_clash      (GFile         *root,
                                              const char    *old_path,
                                              const char    *new_path,
                                              GCancellable  *cancellable);
gboolean  _sheaf_rename_make_folders         (GFile         *root,
                                              const char    *path,
                                              char         **created_folder,
                                              GError       **error);
void      _sheaf_rename_remove_folders       (GFile         *root,
                                              const char    *path,
                                              const char    *created_folder);
gboolean  _sheaf_rename_move_file            (GFile         *from,
                                              GFile         *to,
                                              GError       **error);
gboolean  _sheaf_rename_move_file_by_link    (GFile         *from,
                                              GFile         *to,
                                              GError       **error);
void      _sheaf_rename_run_before_move_hook (void);
void      _sheaf_rename_set_before_move_hook (SheafRenameHook hook,
                                              gpointer        user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafRenameEdit, _sheaf_rename_edit_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SheafRenameFilter, _sheaf_rename_filter_clear)

G_END_DECLS
