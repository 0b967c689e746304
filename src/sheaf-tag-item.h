/* sheaf-tag-item.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-vault.h"

G_BEGIN_DECLS

/* One row of the tag tree in the sidebar: a tag, its count and its children. */

#define SHEAF_TYPE_TAG_ITEM (sheaf_tag_item_get_type ())

G_DECLARE_FINAL_TYPE (SheafTagItem, sheaf_tag_item, SHEAF, TAG_ITEM, GObject)

SheafTagItem *sheaf_tag_item_new            (const SheafTagNode *node);
const char   *sheaf_tag_item_get_name       (SheafTagItem       *self);
const char   *sheaf_tag_item_get_path       (SheafTagItem       *self);
const char   *sheaf_tag_item_get_search_key (SheafTagItem       *self);
guint         sheaf_tag_item_get_count      (SheafTagItem       *self);
GListStore   *sheaf_tag_item_get_children   (SheafTagItem       *self);

G_END_DECLS
