/* sheaf-completion-proposal.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-completion"

#include "config.h"

#include "sheaf-completion-proposal.h"

/* SheafCompletionProposal: one entry of the editor's completion popup, a
 * SheafCompleteItem in a GObject so that it can sit in a GListModel. */

struct _SheafCompletionProposal
{
  GObject            parent_instance;

  /* Owned */
  SheafCompleteItem *item;
};

static void sheaf_completion_proposal_iface_init (GtkSourceCompletionProposalInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SheafCompletionProposal, sheaf_completion_proposal, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_SOURCE_TYPE_COMPLETION_PROPOSAL,
                                                      sheaf_completion_proposal_iface_init))

static char *
sheaf_completion_proposal_get_typed_text (GtkSourceCompletionProposal *proposal)
{
  return g_strdup (SHEAF_COMPLETION_PROPOSAL (proposal)->item->label);
}

static void
sheaf_completion_proposal_iface_init (GtkSourceCompletionProposalInterface *iface)
{
  iface->get_typed_text = sheaf_completion_proposal_get_typed_text;
}

static void
sheaf_completion_proposal_finalize (GObject *object)
{
  SheafCompletionProposal *self = (SheafCompletionProposal *)object;

  g_clear_pointer (&self->item, sheaf_complete_item_free);

  G_OBJECT_CLASS (sheaf_completion_proposal_parent_class)->finalize (object);
}

static void
sheaf_completion_proposal_class_init (SheafCompletionProposalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sheaf_completion_proposal_finalize;
}

static void
sheaf_completion_proposal_init (SheafCompletionProposal *self)
{
}

/**
 * sheaf_completion_proposal_new:
 * @item: (transfer full): what the proposal offers
 *
 * Returns: (transfer full): a new proposal
 */
SheafCompletionProposal *
sheaf_completion_proposal_new (SheafCompleteItem *item)
{
  SheafCompletionProposal *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (SHEAF_TYPE_COMPLETION_PROPOSAL, NULL);
  self->item = item;

  return self;
}

/**
 * sheaf_completion_proposal_get_item:
 * @self: a #SheafCompletionProposal
 *
 * Returns: (transfer none): what the proposal offers
 */
const SheafCompleteItem *
sheaf_completion_proposal_get_item (SheafCompletionProposal *self)
{
  g_return_val_if_fail (SHEAF_IS_COMPLETION_PROPOSAL (self), NULL);

  return self->item;
}
