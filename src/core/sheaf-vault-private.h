/* sheaf-vault-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-index.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

SheafIndex *_sheaf_vault_get_index (SheafVault *self);

G_END_DECLS
