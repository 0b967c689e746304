/* sheaf-vault.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-note.h"
#include "sheaf-types.h"

G_BEGIN_DECLS

/* One link of one note, resolved against the vault as it is now. */
typedef struct
{
  SheafResolution  resolution;
  char            *resolved;   /* vault-relative path, or NULL */
  gboolean         ambiguous;
} SheafResolved;

typedef struct
{
  char  *source;               /* path of the note holding the link */
  guint  link_index;           /* index into its parse result's links */
  guint  line;
} SheafBacklink;

typedef struct _SheafTagNode SheafTagNode;
struct _SheafTagNode
{
  char      *name;             /* last segment, first-seen casing */
  char      *path;             /* full tag, "domain/community" */
  guint      count;            /* notes tagged with it or a descendant */
  GPtrArray *children;         /* SheafTagNode, sorted by name */
};

#define SHEAF_TYPE_VAULT (sheaf_vault_get_type ())

G_DECLARE_FINAL_TYPE (SheafVault, sheaf_vault, SHEAF, VAULT, GObject)

SheafVault   *sheaf_vault_new                 (GFile                *root);
GFile        *sheaf_vault_get_root            (SheafVault           *self);
gboolean      sheaf_vault_get_loaded          (SheafVault           *self);

gboolean      sheaf_vault_load                (SheafVault           *self,
                                               GCancellable         *cancellable,
                                               GError              **error);
void          sheaf_vault_load_async          (SheafVault           *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      sheaf_vault_load_finish         (SheafVault           *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void          sheaf_vault_watch               (SheafVault           *self);
gboolean      sheaf_vault_get_updating        (SheafVault           *self);
GPtrArray    *sheaf_vault_get_scanned_paths   (SheafVault           *self);

guint         sheaf_vault_get_n_notes         (SheafVault           *self);
GPtrArray    *sheaf_vault_dup_notes           (SheafVault           *self);
SheafNote    *sheaf_vault_get_note            (SheafVault           *self,
                                               const char           *path);
gboolean      sheaf_vault_has_attachment      (SheafVault           *self,
                                               const char           *path);
guint         sheaf_vault_get_n_attachments   (SheafVault           *self);

void          sheaf_vault_resolve             (SheafVault           *self,
                                               const char           *source_path,
                                               const SheafLink      *link,
                                               SheafResolved        *out);
GArray       *sheaf_vault_dup_backlinks       (SheafVault           *self,
                                               const char           *path);
void          sheaf_vault_dup_backlinks_async (SheafVault           *self,
                                               const char           *path,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GArray       *sheaf_vault_dup_backlinks_finish (SheafVault          *self,
                                               GAsyncResult         *result,
                                               GError              **error);
GPtrArray    *sheaf_vault_dup_alias_owners    (SheafVault           *self,
                                               const char           *alias);
GPtrArray    *sheaf_vault_dup_tag_tree        (SheafVault           *self);
GPtrArray    *sheaf_vault_dup_notes_with_tag  (SheafVault           *self,
                                               const char           *tag);

gboolean      sheaf_vault_update_path         (SheafVault           *self,
                                               const char           *path,
                                               GError              **error);
void          sheaf_vault_remove_path         (SheafVault           *self,
                                               const char           *path);

void          sheaf_resolved_clear            (SheafResolved        *resolved);
void          sheaf_backlink_clear            (SheafBacklink        *backlink);
void          sheaf_tag_node_free             (SheafTagNode         *node);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SheafResolved, sheaf_resolved_clear)

G_END_DECLS
