/* sheaf-check.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sheaf-vault.h"

G_BEGIN_DECLS

typedef enum
{
  SHEAF_PROBLEM_UNREADABLE,
  SHEAF_PROBLEM_INVALID_UTF8,
  SHEAF_PROBLEM_INVALID_FRONTMATTER,
  SHEAF_PROBLEM_LEGACY_FORM,
  SHEAF_PROBLEM_DUPLICATE_ALIAS,
  SHEAF_PROBLEM_UNRESOLVED_LINK,
  SHEAF_PROBLEM_AMBIGUOUS_LINK,
  SHEAF_PROBLEM_ALIAS_LINK,
  SHEAF_PROBLEM_OUTSIDE_LINK,
} SheafProblemKind;

typedef struct
{
  SheafProblemKind  kind;
  char             *path;
  guint             line;
  char             *message;
} SheafProblem;

GArray     *sheaf_check_vault              (SheafVault       *vault);
const char *sheaf_problem_kind_to_string   (SheafProblemKind  kind);
char       *sheaf_problem_to_string        (const SheafProblem *problem);
JsonNode   *sheaf_problems_to_json         (SheafVault       *vault,
                                            GArray           *problems);
void        sheaf_problem_clear            (SheafProblem     *problem);

G_END_DECLS
