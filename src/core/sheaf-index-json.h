/* sheaf-index-json.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sheaf-vault.h"

G_BEGIN_DECLS

JsonNode *sheaf_index_json_build (SheafVault *vault);
JsonNode *sheaf_index_json_note  (SheafVault *vault,
                                  SheafNote  *note);

G_END_DECLS
