/* sheaf-vault-host.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "preview/sheaf-preview-host.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_VAULT_HOST (sheaf_vault_host_get_type ())

G_DECLARE_FINAL_TYPE (SheafVaultHost, sheaf_vault_host, SHEAF, VAULT_HOST, GObject)

SheafVaultHost *sheaf_vault_host_new       (SheafVault     *vault);
SheafVault     *sheaf_vault_host_get_vault (SheafVaultHost *self);

G_END_DECLS
