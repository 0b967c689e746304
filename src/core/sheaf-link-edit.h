/* sheaf-link-edit.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-markdown.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

/* Rewriting the target of a link in place: where the target's bytes are in
 * the link's source text, and which target to write so that it resolves to a
 * given path. For rename and mentions; resolution is passed in so that a
 * worker can resolve against its own snapshot of the index. */

typedef void (*SheafResolveFunc) (gpointer       data,
                                  const char    *source_path,
                                  const char    *target,
                                  SheafResolved *out);

gboolean  sheaf_link_edit_target_range      (const SheafLink   *link,
                                             gsize            *start,
                                             gsize            *end,
                                             gboolean         *is_wikilink);
char     *sheaf_link_edit_wikilink_target   (SheafResolveFunc  resolve,
                                             gpointer          data,
                                             const char       *source_path,
                                             const char       *path);
char     *sheaf_link_edit_markdown_target   (SheafResolveFunc  resolve,
                                             gpointer          data,
                                             const char       *source_path,
                                             const char       *path,
                                             const char       *old_target,
                                             SheafResolution   old_resolution);
char     *sheaf_link_edit_relative_path     (const char       *folder,
                                             const char       *path);
char     *sheaf_link_edit_encode            (const char       *path);
char     *sheaf_link_edit_dup_target        (SheafVault       *vault,
                                             const char       *source_path,
                                             const char       *path);

G_END_DECLS
