/* sheaf-frontmatter.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-frontmatter"

#include "config.h"

#include <string.h>

#include "sheaf-frontmatter-private.h"

/* The boxed type: splitting off the block, the parse entry point and the getters.
 * libyaml's part is in sheaf-frontmatter-yaml.c.
 */

static const char *empty_strv[] = { NULL };

G_DEFINE_BOXED_TYPE (SheafFrontmatter, sheaf_frontmatter, sheaf_frontmatter_ref, sheaf_frontmatter_unref)
G_DEFINE_QUARK (sheaf-frontmatter-error-quark, sheaf_frontmatter_error)

/* ------------------------------------------------------------------------------------------ */
/* Parsing                                                                                    */

/* Returns where the line at @pos ends (before "\n" or "\r\n"); *next is the start of
 * the next line, or @len.
 */
gsize
_sheaf_frontmatter_line_end (const char *text,
                             gsize       len,
                             gsize       pos,
                             gsize      *next)
{
  const char *nl = memchr (text + pos, '\n', len - pos);
  gsize end = nl != NULL ? (gsize)(nl - text) : len;

  *next = nl != NULL ? end + 1 : len;
  if (end > pos && text[end - 1] == '\r')
    end--;

  return end;
}

static void
split (SheafFrontmatter *self,
       const char       *text,
       gsize             len)
{
  gsize start = 0;
  gsize pos, next, end, yaml_start;
  guint lines;

  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    start = 3;
  self->body_offset = start;
  self->body_line = 1;

  end = _sheaf_frontmatter_line_end (text, len, start, &next);
  if (end - start != 3 || memcmp (text + start, "---", 3) != 0 || next == len)
    return;

  yaml_start = next;
  for (pos = next, lines = 2; pos < len; pos = next, lines++)
    {
      end = _sheaf_frontmatter_line_end (text, len, pos, &next);
      if (end - pos == 3 && (memcmp (text + pos, "---", 3) == 0 ||
                             memcmp (text + pos, "...", 3) == 0))
        {
          self->has_block = TRUE;
          self->block_span.start = start;
          self->block_span.end = next;
          self->yaml_span.start = yaml_start;
          self->yaml_span.end = pos;
          self->yaml_line = 2;
          self->body_offset = next;
          self->body_line = lines + (next > end && text[next - 1] == '\n' ? 1 : 0);
          return;
        }
    }
}

static gboolean
key_is (SheafFrontmatter *self,
        SheafProperty    *property,
        const char       *key)
{
  return strcmp (self->strings + self->nodes[property->key_node].text, key) == 0;
}

/**
 * sheaf_frontmatter_parse:
 * @text: the whole note (need not be nul-terminated)
 * @length: its length in bytes
 *
 * Splits off the frontmatter block and parses it with libyaml. Never fails: invalid
 * YAML is reported through sheaf_frontmatter_get_error() and leaves no properties.
 * The result is immutable and may be read from any thread.
 *
 * Returns: (transfer full): the parsed frontmatter
 */
SheafFrontmatter *
sheaf_frontmatter_parse (const char *text,
                         gsize       length)
{
  SheafFrontmatter *self;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (text == NULL)
    text = "";

  self = g_atomic_rc_box_new0 (SheafFrontmatter);
  self->root = NO_NODE;

  split (self, text, length);
  if (self->has_block)
    _sheaf_frontmatter_parse_yaml (self, text);

  /* The parse leaves NULL for none: every empty list is this one shared array. */
  if (self->tags == NULL)
    self->tags = (const char **)empty_strv;
  if (self->aliases == NULL)
    self->aliases = (const char **)empty_strv;

  return self;
}

/**
 * sheaf_frontmatter_parse_bytes:
 * @text: the whole note
 *
 * Returns: (transfer full): the parsed frontmatter of @text
 */
SheafFrontmatter *
sheaf_frontmatter_parse_bytes (GBytes *text)
{
  gsize length;
  const char *data;

  g_return_val_if_fail (text != NULL, NULL);

  data = g_bytes_get_data (text, &length);

  return sheaf_frontmatter_parse (data, length);
}

static void
sheaf_frontmatter_clear (gpointer data)
{
  SheafFrontmatter *self = data;

  g_clear_error (&self->error);
  g_free (self->strings);
  g_free (self->nodes);
  g_free (self->children);
  g_free (self->properties);
  if (self->tags != (const char **)empty_strv)
    g_free (self->tags);
  if (self->aliases != (const char **)empty_strv)
    g_free (self->aliases);
}

SheafFrontmatter *
sheaf_frontmatter_ref (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
sheaf_frontmatter_unref (SheafFrontmatter *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, sheaf_frontmatter_clear);
}

/* ------------------------------------------------------------------------------------------ */
/* Getters                                                                                      */

gboolean
sheaf_frontmatter_has_block (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->has_block;
}

/* @span of the block, or an empty span at the body offset when there is none. */
static SheafSpan
block_part (SheafFrontmatter *self,
            SheafSpan         span)
{
  SheafSpan none = { self->body_offset, self->body_offset };

  return self->has_block ? span : none;
}

/* Opening fence through the closing fence's line ending; empty at the body offset
 * when there is no block.
 */
SheafSpan
sheaf_frontmatter_get_block_span (SheafFrontmatter *self)
{
  SheafSpan none = { 0, 0 };

  g_return_val_if_fail (self != NULL, none);

  return block_part (self, self->block_span);
}

SheafSpan
sheaf_frontmatter_get_yaml_span (SheafFrontmatter *self)
{
  SheafSpan none = { 0, 0 };

  g_return_val_if_fail (self != NULL, none);

  return block_part (self, self->yaml_span);
}

gsize
sheaf_frontmatter_get_body_offset (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->body_offset;
}

guint
sheaf_frontmatter_get_body_line (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, 1);

  return self->body_line;
}

const GError *
sheaf_frontmatter_get_error (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error;
}

guint
sheaf_frontmatter_get_error_line (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->error_line;
}

guint
sheaf_frontmatter_get_error_column (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->error_column;
}

guint
sheaf_frontmatter_get_n_properties (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_properties;
}

/**
 * sheaf_frontmatter_get_property:
 *
 * Returns: (transfer none): the @index-th property in document order, valid as long
 *   as @self is
 */
SheafProperty *
sheaf_frontmatter_get_property (SheafFrontmatter *self,
                                guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_properties, NULL);

  return &self->properties[index];
}

/**
 * sheaf_frontmatter_lookup:
 *
 * Returns: (transfer none) (nullable): the first property named @key
 */
SheafProperty *
sheaf_frontmatter_lookup (SheafFrontmatter *self,
                          const char       *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < self->n_properties; i++)
    {
      if (key_is (self, &self->properties[i], key))
        return &self->properties[i];
    }

  return NULL;
}

/**
 * sheaf_frontmatter_get_tags:
 *
 * Tags from `tags` and legacy `tag`, in document order, without a leading '#'.
 *
 * Returns: (transfer none): a %NULL-terminated array, never %NULL
 */
const char * const *
sheaf_frontmatter_get_tags (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, (const char * const *)empty_strv);

  return (const char * const *)self->tags;
}

/**
 * sheaf_frontmatter_get_aliases:
 *
 * Returns: (transfer none): a %NULL-terminated array, never %NULL
 */
const char * const *
sheaf_frontmatter_get_aliases (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, (const char * const *)empty_strv);

  return (const char * const *)self->aliases;
}

const char *
sheaf_frontmatter_get_title (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

SheafLegacyFlags
sheaf_frontmatter_get_legacy_flags (SheafFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, SHEAF_LEGACY_NONE);

  return self->legacy;
}

const char *
sheaf_property_get_key (SheafProperty *property)
{
  g_return_val_if_fail (property != NULL, NULL);

  return property->owner->strings + property->owner->nodes[property->key_node].text;
}

SheafSpan
sheaf_property_get_key_span (SheafProperty *property)
{
  SheafSpan none = { 0, 0 };

  g_return_val_if_fail (property != NULL, none);

  return property->owner->nodes[property->key_node].span;
}

/* For `key:` with nothing after it the span is empty, just after the colon. */
SheafSpan
sheaf_property_get_value_span (SheafProperty *property)
{
  SheafSpan none = { 0, 0 };

  g_return_val_if_fail (property != NULL, none);

  return property->owner->nodes[property->value_node].span;
}

guint
sheaf_property_get_line (SheafProperty *property)
{
  g_return_val_if_fail (property != NULL, 0);

  return property->owner->nodes[property->key_node].line;
}

SheafValueType
sheaf_property_get_value_type (SheafProperty *property)
{
  g_return_val_if_fail (property != NULL, SHEAF_VALUE_NULL);

  return property->owner->nodes[property->value_node].type;
}

/**
 * sheaf_property_get_scalar:
 *
 * Returns: (nullable): the value of a scalar property, quotes removed and escapes
 *   processed; %NULL for lists and mappings
 */
const char *
sheaf_property_get_scalar (SheafProperty *property)
{
  const Node *node;

  g_return_val_if_fail (property != NULL, NULL);

  node = &property->owner->nodes[property->value_node];
  if (node->kind != NODE_SCALAR)
    return NULL;

  return property->owner->strings + node->text;
}

guint
sheaf_property_get_n_items (SheafProperty *property)
{
  const Node *node;

  g_return_val_if_fail (property != NULL, 0);

  node = &property->owner->nodes[property->value_node];

  return node->kind == NODE_SEQUENCE ? node->n_children : 0;
}

static const Node *
property_item (SheafProperty *property,
               guint          index)
{
  SheafFrontmatter *owner = property->owner;
  const Node *node = &owner->nodes[property->value_node];

  if (node->kind != NODE_SEQUENCE || index >= node->n_children)
    return NULL;

  return &owner->nodes[owner->children[node->first_child + index]];
}

/**
 * sheaf_property_get_item:
 *
 * Returns: (nullable): the text of a list item: a scalar's value, or the source text
 *   of an item that is itself a list or mapping
 */
const char *
sheaf_property_get_item (SheafProperty *property,
                         guint          index)
{
  const Node *item;

  g_return_val_if_fail (property != NULL, NULL);

  item = property_item (property, index);
  g_return_val_if_fail (item != NULL, NULL);

  return property->owner->strings + item->text;
}

SheafSpan
sheaf_property_get_item_span (SheafProperty *property,
                              guint          index)
{
  SheafSpan none = { 0, 0 };
  const Node *item;

  g_return_val_if_fail (property != NULL, none);

  item = property_item (property, index);
  g_return_val_if_fail (item != NULL, none);

  return item->span;
}

SheafValueType
sheaf_property_get_item_type (SheafProperty *property,
                              guint          index)
{
  const Node *item;

  g_return_val_if_fail (property != NULL, SHEAF_VALUE_NULL);

  item = property_item (property, index);
  g_return_val_if_fail (item != NULL, SHEAF_VALUE_NULL);

  return item->type;
}

/**
 * sheaf_property_get_value_line:
 *
 * Returns: the 1-based file line where the value begins (the key's line for
 *   `key: value`, the next one for a block list)
 */
guint
sheaf_property_get_value_line (SheafProperty *property)
{
  g_return_val_if_fail (property != NULL, 0);

  return property->owner->nodes[property->value_node].line;
}

guint
sheaf_property_get_item_line (SheafProperty *property,
                              guint          index)
{
  const Node *item;

  g_return_val_if_fail (property != NULL, 0);

  item = property_item (property, index);
  g_return_val_if_fail (item != NULL, 0);

  return item->line;
}

static gssize
node_source (const Node *node)
{
  if (node->kind != NODE_SCALAR || !node->verbatim)
    return -1;

  return node->span.start + (_sheaf_frontmatter_quote_of (node) == QUOTE_PLAIN ? 0 : 1);
}

/**
 * sheaf_property_get_value_source:
 *
 * Where a scalar value is written byte for byte in the file: after its opening
 * quote, or at its first byte when plain. A value with escapes, folded lines,
 * an anchor or a tag is not, nor is a list or mapping.
 *
 * Returns: the file offset of the value's first byte, or -1
 */
gssize
sheaf_property_get_value_source (SheafProperty *property)
{
  g_return_val_if_fail (property != NULL, -1);

  return node_source (&property->owner->nodes[property->value_node]);
}

/**
 * sheaf_property_get_item_source:
 *
 * sheaf_property_get_value_source() for a list item.
 *
 * Returns: the file offset of the item's first byte, or -1
 */
gssize
sheaf_property_get_item_source (SheafProperty *property,
                                guint          index)
{
  const Node *item;

  g_return_val_if_fail (property != NULL, -1);

  item = property_item (property, index);
  g_return_val_if_fail (item != NULL, -1);

  return node_source (item);
}

/* Whether @replacement over [@start, @end) of @node's value (which is written
 * as is) reads back as the value with just that change. */
static gboolean
splice_keeps_value (SheafFrontmatter *self,
                    const Node       *node,
                    gsize             start,
                    gsize             end,
                    const char       *replacement)
{
  const char *value = self->strings + node->text;
  g_autoptr(GString) changed = g_string_new_len (value, start);
  gboolean plain_ok, single_ok;

  g_string_append (changed, replacement);
  g_string_append (changed, value + end);

  /* Controls and line breaks would need escapes in any style. */
  _sheaf_frontmatter_check_scalar (replacement, FALSE, &plain_ok, &single_ok);
  if (!single_ok || strpbrk (replacement, "\r\n") != NULL)
    return FALSE;

  switch (_sheaf_frontmatter_quote_of (node))
    {
    case QUOTE_PLAIN:
      _sheaf_frontmatter_check_scalar (changed->str, node->in_flow, &plain_ok, &single_ok);
      return plain_ok && _sheaf_frontmatter_infer_type (changed->str, changed->len) == node->type;

    case QUOTE_SINGLE:
      return strchr (replacement, '\'') == NULL;

    case QUOTE_DOUBLE:
      return strpbrk (replacement, "\"\\") == NULL;

    default:
      return FALSE;
    }
}

/**
 * sheaf_frontmatter_can_splice:
 * @self: the frontmatter of @text
 * @start: a file offset inside a scalar written as is (see
 *   sheaf_property_get_value_source())
 * @end: the end of the bytes to replace, in the same scalar
 * @replacement: what to write there
 *
 * Whether writing @replacement over the bytes [@start, @end) of the file
 * changes that scalar's value by exactly that, and nothing else: no quote to
 * escape, no character a plain scalar cannot hold, no change of type. What a
 * rename asks before it rewrites a link in the frontmatter.
 *
 * Returns: %TRUE when the splice is safe
 */
gboolean
sheaf_frontmatter_can_splice (SheafFrontmatter *self,
                              gsize             start,
                              gsize             end,
                              const char       *replacement)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (replacement != NULL, FALSE);

  if (end < start)
    return FALSE;

  /* Links are found in values and list items only: look there. */
  for (guint i = 0; i < self->n_properties; i++)
    {
      const Node *value = &self->nodes[self->properties[i].value_node];
      guint n = value->kind == NODE_SEQUENCE ? value->n_children : 1;

      for (guint j = 0; j < n; j++)
        {
          const Node *node = value->kind == NODE_SEQUENCE ?
                             &self->nodes[self->children[value->first_child + j]] : value;
          gssize source = node_source (node);

          if (source >= 0 && start >= (gsize) source &&
              end <= (gsize) source + strlen (self->strings + node->text))
            return splice_keeps_value (self, node, start - source, end - source, replacement);
        }
    }

  return FALSE;
}
