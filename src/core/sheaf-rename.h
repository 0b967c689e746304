/* sheaf-rename.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-types.h"

G_BEGIN_DECLS

/* Renaming or moving a note or an attachment, with every link that reached it
 * rewritten to reach it at its new path (and the moved note's own links that
 * depended on its old folder), and every other link that the new path would
 * capture rewritten to keep its target. */

typedef struct
{
  char      *old_path;
  char      *new_path;
  guint      n_links;     /* links rewritten to follow the file, saved (the moved
                           * note's own links too)                                  */
  guint      n_preserved; /* other notes' links to other files that the new path
                           * would have captured, rewritten to keep their target,
                           * saved; not counted in n_links                          */
  guint      n_notes;     /* notes saved with rewritten links of either kind (the
                           * moved one too)                                         */
  guint      n_skipped;   /* links that needed a new target (either kind) but could
                           * not be edited in place (reference-style Markdown links) */
  GPtrArray *conflicts;   /* paths changed on disk since they were read: not written */
  GPtrArray *failures;    /* "path: message" for other write errors                  */
} SheafRenameResult;

void               sheaf_rename_async        (SheafVault          *vault,
                                              const char          *old_path,
                                              const char          *new_path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
SheafRenameResult *sheaf_rename_finish       (GAsyncResult        *result,
                                              GError             **error);
void               sheaf_rename_result_free  (SheafRenameResult   *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafRenameResult, sheaf_rename_result_free)

G_END_DECLS
