/* sheaf-new-note.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-vault.h"

G_BEGIN_DECLS

/* Creating a note where a link or the quick switcher names one. */

char     *sheaf_new_note_path_for_target (const char           *target,
                                          GError              **error);
void      sheaf_new_note_create_async    (SheafVault           *vault,
                                          const char           *path,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  sheaf_new_note_create_finish   (SheafVault           *vault,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
