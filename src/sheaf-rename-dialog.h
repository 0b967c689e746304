/* sheaf-rename-dialog.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sheaf-vault.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_RENAME_DIALOG (sheaf_rename_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SheafRenameDialog, sheaf_rename_dialog,
                      SHEAF, RENAME_DIALOG, AdwMessageDialog)

GtkWidget  *sheaf_rename_dialog_new          (GtkWindow         *parent,
                                              SheafVault        *vault,
                                              const char        *path,
                                              gboolean           move);
SheafVault *sheaf_rename_dialog_get_vault    (SheafRenameDialog *self);
const char *sheaf_rename_dialog_get_path     (SheafRenameDialog *self);
gboolean    sheaf_rename_dialog_get_move     (SheafRenameDialog *self);
const char *sheaf_rename_dialog_get_new_path (SheafRenameDialog *self);
const char *sheaf_rename_dialog_get_message  (SheafRenameDialog *self);
void        sheaf_rename_dialog_set_name     (SheafRenameDialog *self,
                                              const char        *name);
gboolean    sheaf_rename_dialog_set_folder   (SheafRenameDialog *self,
                                              const char        *folder);

G_END_DECLS
