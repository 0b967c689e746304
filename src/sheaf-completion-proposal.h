/* sheaf-completion-proposal.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "sheaf-complete.h"

G_BEGIN_DECLS

#define SHEAF_TYPE_COMPLETION_PROPOSAL (sheaf_completion_proposal_get_type ())

G_DECLARE_FINAL_TYPE (SheafCompletionProposal, sheaf_completion_proposal,
                      SHEAF, COMPLETION_PROPOSAL, GObject)

SheafCompletionProposal *sheaf_completion_proposal_new      (SheafCompleteItem       *item);
const SheafCompleteItem *sheaf_completion_proposal_get_item (SheafCompletionProposal *self);

G_END_DECLS
