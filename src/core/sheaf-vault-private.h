/* sheaf-vault-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-index.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

/* SheafVault is split across sheaf-vault.c (the object and loading),
 * sheaf-vault-scan.c (reading from disk, off the main thread) and
 * sheaf-vault-watch.c (incremental updates). */
struct _SheafVault
{
  GObject       parent_instance;

  /* Owned */
  GFile        *root;
  SheafIndex   *index;
  GHashTable   *monitors;     /* folder path → GFileMonitor */
  GHashTable   *updating;     /* path → TRUE when it changed again while being re-read */
  GCancellable *cancellable;
  GPtrArray    *scanned;      /* note paths found before the index is ready, or NULL */
  GTask        *held_task;    /* a load whose index waits for _sheaf_vault_hold_index() */
  SheafIndex   *held_index;
  gboolean      loaded;
  gboolean      held;
};

typedef enum
{
  SHEAF_VAULT_NOTE_ADDED,
  SHEAF_VAULT_NOTE_CHANGED,
  SHEAF_VAULT_NOTE_REMOVED,
} SheafVaultNoteEvent;

typedef void (*SheafScanProgress) (guint    done,
                                   guint    total,
                                   gpointer user_data);

/* Called from the scanning thread once the folders are walked, with the
 * paths of the notes found, sorted; the callee takes the array. */
typedef void (*SheafScanFound) (GPtrArray *note_paths,
                                gpointer   user_data);

SheafIndex *_sheaf_vault_get_index (SheafVault           *self);
void        _sheaf_vault_hold_index (SheafVault          *self,
                                     gboolean             hold);
void        _sheaf_vault_emit_note (SheafVault           *self,
                                    SheafVaultNoteEvent   event,
                                    const char           *path);
SheafIndex *_sheaf_vault_scan      (GFile                *root,
                                    GCancellable         *cancellable,
                                    SheafScanProgress     progress,
                                    gpointer              progress_data,
                                    GError              **error);
SheafIndex *_sheaf_vault_scan_full (GFile                *root,
                                    GCancellable         *cancellable,
                                    SheafScanFound        found,
                                    SheafScanProgress     progress,
                                    gpointer              user_data,
                                    GError              **error);
gboolean    _sheaf_vault_scan_path (GFile                *root,
                                    const char           *path,
                                    SheafIndex          **partial,
                                    GCancellable         *cancellable,
                                    GError              **error);

G_END_DECLS
