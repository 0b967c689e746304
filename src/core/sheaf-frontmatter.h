/* sheaf-frontmatter.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sheaf-types.h"

G_BEGIN_DECLS

#define SHEAF_FRONTMATTER_ERROR (sheaf_frontmatter_error_quark ())

typedef enum
{
  SHEAF_FRONTMATTER_ERROR_INVALID_YAML,  /* libyaml refused the block      */
  SHEAF_FRONTMATTER_ERROR_NOT_MAPPING,   /* valid YAML, but not a mapping  */
  SHEAF_FRONTMATTER_ERROR_NO_SUCH_KEY,   /* an edit named a missing key    */
  SHEAF_FRONTMATTER_ERROR_NO_SUCH_ITEM,  /* an edit named a missing item   */
  SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,   /* an edit on a value of the wrong shape,
                                          * or on frontmatter that does not parse */
} SheafFrontmatterError;

#define SHEAF_TYPE_FRONTMATTER (sheaf_frontmatter_get_type ())

GQuark             sheaf_frontmatter_error_quark     (void);
GType              sheaf_frontmatter_get_type        (void) G_GNUC_CONST;

SheafFrontmatter  *sheaf_frontmatter_parse           (const char        *text,
                                                      gsize              length);
SheafFrontmatter  *sheaf_frontmatter_parse_bytes     (GBytes            *text);
SheafFrontmatter  *sheaf_frontmatter_ref             (SheafFrontmatter  *self);
void               sheaf_frontmatter_unref           (SheafFrontmatter  *self);

gboolean           sheaf_frontmatter_has_block       (SheafFrontmatter  *self);
SheafSpan          sheaf_frontmatter_get_block_span  (SheafFrontmatter  *self);
SheafSpan          sheaf_frontmatter_get_yaml_span   (SheafFrontmatter  *self);
gsize              sheaf_frontmatter_get_body_offset (SheafFrontmatter  *self);
guint              sheaf_frontmatter_get_body_line   (SheafFrontmatter  *self);
const GError      *sheaf_frontmatter_get_error       (SheafFrontmatter  *self);
guint              sheaf_frontmatter_get_error_line  (SheafFrontmatter  *self);
guint              sheaf_frontmatter_get_error_column(SheafFrontmatter  *self);

guint              sheaf_frontmatter_get_n_properties(SheafFrontmatter  *self);
SheafProperty     *sheaf_frontmatter_get_property    (SheafFrontmatter  *self,
                                                      guint              index);
SheafProperty     *sheaf_frontmatter_lookup          (SheafFrontmatter  *self,
                                                      const char        *key);
const char * const *sheaf_frontmatter_get_tags       (SheafFrontmatter  *self);
const char * const *sheaf_frontmatter_get_aliases    (SheafFrontmatter  *self);
const char        *sheaf_frontmatter_get_title       (SheafFrontmatter  *self);
SheafLegacyFlags   sheaf_frontmatter_get_legacy_flags(SheafFrontmatter  *self);
JsonNode          *sheaf_frontmatter_to_json         (SheafFrontmatter  *self);

const char        *sheaf_property_get_key            (SheafProperty     *property);
SheafSpan          sheaf_property_get_key_span       (SheafProperty     *property);
SheafSpan          sheaf_property_get_value_span     (SheafProperty     *property);
guint              sheaf_property_get_line           (SheafProperty     *property);
SheafValueType     sheaf_property_get_value_type     (SheafProperty     *property);
const char        *sheaf_property_get_scalar         (SheafProperty     *property);
guint              sheaf_property_get_n_items        (SheafProperty     *property);
const char        *sheaf_property_get_item           (SheafProperty     *property,
                                                      guint              index);
SheafSpan          sheaf_property_get_item_span      (SheafProperty     *property,
                                                      guint              index);
SheafValueType     sheaf_property_get_item_type      (SheafProperty     *property,
                                                      guint              index);
JsonNode          *sheaf_property_to_json            (SheafProperty     *property);
guint              sheaf_property_get_value_line     (SheafProperty     *property);
guint              sheaf_property_get_item_line      (SheafProperty     *property,
                                                      guint              index);
gssize             sheaf_property_get_value_source   (SheafProperty     *property);
gssize             sheaf_property_get_item_source    (SheafProperty     *property,
                                                      guint              index);
gboolean           sheaf_frontmatter_can_splice      (SheafFrontmatter  *self,
                                                      gsize              start,
                                                      gsize              end,
                                                      const char        *replacement);

GBytes            *sheaf_frontmatter_set_scalar      (GBytes            *text,
                                                      const char        *key,
                                                      const char        *value,
                                                      GError           **error);
GBytes            *sheaf_frontmatter_add_item        (GBytes            *text,
                                                      const char        *key,
                                                      const char        *item,
                                                      GError           **error);
GBytes            *sheaf_frontmatter_remove_item     (GBytes            *text,
                                                      const char        *key,
                                                      const char        *item,
                                                      GError           **error);
GBytes            *sheaf_frontmatter_rename_item     (GBytes            *text,
                                                      const char        *key,
                                                      const char        *old_item,
                                                      const char        *new_item,
                                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafFrontmatter, sheaf_frontmatter_unref)

G_END_DECLS
