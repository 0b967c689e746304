/* sheaf-completion-provider.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "sheaf-vault.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_COMPLETION_PROVIDER (sheaf_completion_provider_get_type ())

G_DECLARE_FINAL_TYPE (SheafCompletionProvider, sheaf_completion_provider,
                      SHEAF, COMPLETION_PROVIDER, GObject)

SheafCompletionProvider *sheaf_completion_provider_new       (SheafVault              *vault);
SheafVault              *sheaf_completion_provider_get_vault (SheafCompletionProvider *self);
void                     sheaf_completion_provider_set_vault (SheafCompletionProvider *self,
                                                              SheafVault              *vault);
SheafCompletionProvider *sheaf_completion_provider_install   (GtkSourceView           *view,
                                                              SheafVault              *vault);

G_END_DECLS
