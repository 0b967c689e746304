/* sheaf-frontmatter-edit-list.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-frontmatter"

#include "config.h"

#include <string.h>

#include "sheaf-frontmatter-private.h"

/* Splice edits on list items (tags, aliases, any list): a block list, a flow list
 * or a legacy "a, b" string, each edited in its own way.
 */

/* Like g_set_str() (GLib 2.76), but takes ownership of @value. */
static void
replace_str (char **str,
             char  *value)
{
  g_free (*str);
  *str = value;
}

static gboolean
item_matches (const char *item,
              const char *wanted,
              gboolean    tag)
{
  if (strcmp (item, wanted) == 0)
    return TRUE;
  if (!tag)
    return FALSE;

  /* "#a" in the file is the tag "a" */
  while (*item == '#')
    item++;
  while (*wanted == '#')
    wanted++;

  return strcmp (item, wanted) == 0;
}

/* Finds @wanted in a list; returns its index or -1. */
static gssize
find_item (Edit       *e,
           const Node *list,
           const char *wanted,
           gboolean    tag)
{
  for (guint i = 0; i < list->n_children; i++)
    {
      const Node *item = _sheaf_frontmatter_edit_child (e, list, i);

      /* An empty "- " item has no bytes to rename or remove by name. */
      if (item->span.start == item->span.end)
        continue;
      if (item->text != NO_TEXT &&
          item_matches (_sheaf_frontmatter_edit_text (e, item), wanted, tag))
        return i;
    }

  return -1;
}

static gssize
find_part (const char *value,
           GArray     *parts,
           const char *wanted,
           gboolean    tag)
{
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = &g_array_index (parts, Part, i);
      g_autofree char *s = g_strndup (value + part->start, part->end - part->start);

      if (item_matches (s, wanted, tag))
        return i;
    }

  return -1;
}

/* Common lookup for remove and rename: the list or legacy string holding the item. */
static const Node *
edit_find_list (Edit        *e,
                const char  *key,
                GError     **error)
{
  SheafProperty *property = sheaf_frontmatter_lookup (e->fm, key);
  const Node *node;

  if (property == NULL)
    {
      _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_NO_SUCH_KEY,
                                    "no property “%s”", key);
      return NULL;
    }

  node = _sheaf_frontmatter_edit_node (e, property->value_node);
  if (node->kind == NODE_MAPPING)
    {
      _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                    "“%s” is a mapping, not a list", key);
      return NULL;
    }
  if (!_sheaf_frontmatter_edit_check_editable (node, key, error))
    return NULL;

  return node;
}

/* Rewrites a legacy string value without part @index, or with it replaced by @with. */
static void
edit_legacy_rewrite (Edit       *e,
                     const Node *node,
                     GArray     *parts,
                     guint       index,
                     const char *with)
{
  const char *value = _sheaf_frontmatter_edit_text (e, node);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = &g_array_index (parts, Part, i);

      if (i == index && with == NULL)
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      if (i == index)
        g_string_append (joined, with);
      else
        g_string_append_len (joined, value + part->start, part->end - part->start);
    }

  if (joined->len == 0)
    _sheaf_frontmatter_edit_clear_value (e, node);
  else
    _sheaf_frontmatter_edit_replace_scalar (e, node, joined->str);
}

/* Removes the list item @index, its whole line in a block list. */
static gboolean
remove_from_list (Edit        *e,
                  const Node  *node,
                  guint        index,
                  const char  *item,
                  GError     **error)
{
  const Node *found = _sheaf_frontmatter_edit_child (e, node, index);

  if (!node->style)
    {
      gsize start, end;

      if (!_sheaf_frontmatter_edit_block_item_lines (e, found, &start, &end))
        return _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                             "cannot find the line of “%s”", item);
      _sheaf_frontmatter_edit_splice (e, start, end, g_strdup (""));
    }
  else if (node->n_children == 1)
    _sheaf_frontmatter_edit_splice (e, node->span.start + 1, node->span.end - 1, g_strdup (""));
  else if (index + 1 < node->n_children)
    _sheaf_frontmatter_edit_splice (e, found->span.start,
                                    _sheaf_frontmatter_edit_child (e, node, index + 1)->span.start,
                                    g_strdup (""));
  else
    _sheaf_frontmatter_edit_splice (e, _sheaf_frontmatter_edit_child (e, node, index - 1)->span.end,
                                    found->span.end, g_strdup (""));

  return TRUE;
}

/* Replaces the bytes of list item @index, keeping its quotes. */
static gboolean
rename_in_list (Edit        *e,
                const Node  *node,
                guint        index,
                const char  *old_item,
                const char  *new_item,
                GError     **error)
{
  const Node *found = _sheaf_frontmatter_edit_child (e, node, index);
  Quote quote = _sheaf_frontmatter_quote_of (found);
  gboolean flow = node->style || found->in_flow;

  if (found->kind != NODE_SCALAR || found->has_props)
    return _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                         "“%s” is not a plain list item", old_item);
  _sheaf_frontmatter_edit_splice (e, found->span.start, found->span.end,
                                  _sheaf_frontmatter_format_item (new_item, quote, flow));

  return TRUE;
}

/* Drops part @index of a legacy string with its separator, when the value can be
 * cut as it stands; otherwise writes the value again without it.
 */
static void
remove_from_legacy (Edit       *e,
                    const Node *node,
                    GArray     *parts,
                    guint       index)
{
  Part *part = &g_array_index (parts, Part, index);

  if (!_sheaf_frontmatter_edit_plain_single_line (e, node) || parts->len == 1)
    edit_legacy_rewrite (e, node, parts, index, NULL);
  else if (index + 1 < parts->len)
    _sheaf_frontmatter_edit_splice (e, node->span.start + part->start,
                                    node->span.start + g_array_index (parts, Part, index + 1).start,
                                    g_strdup (""));
  else
    _sheaf_frontmatter_edit_splice (e,
                                    node->span.start + g_array_index (parts, Part, index - 1).end,
                                    node->span.start + part->end, g_strdup (""));
}

static void
rename_in_legacy (Edit       *e,
                  const Node *node,
                  GArray     *parts,
                  guint       index,
                  const char *new_item,
                  gboolean    tag)
{
  Part *part = &g_array_index (parts, Part, index);
  g_autoptr(GArray) new_parts = _sheaf_frontmatter_split_legacy (new_item, tag);
  gboolean plain_ok, single_ok;

  _sheaf_frontmatter_check_scalar (new_item, node->in_flow, &plain_ok, &single_ok);
  if (_sheaf_frontmatter_edit_plain_single_line (e, node) && plain_ok && new_parts->len == 1 &&
      g_array_index (new_parts, Part, 0).start == 0 &&
      g_array_index (new_parts, Part, 0).end == strlen (new_item))
    _sheaf_frontmatter_edit_splice (e, node->span.start + part->start, node->span.start + part->end,
                                    g_strdup (new_item));
  else
    edit_legacy_rewrite (e, node, parts, index, new_item);
}

/* Remove (@new_item is NULL) and rename find the item the same way and differ
 * only in what they do to it.
 */
static GBytes *
edit_item (GBytes      *text,
           const char  *key,
           const char  *item,
           const char  *new_item,
           GError     **error)
{
  Edit e;
  const Node *node;
  gboolean tag = _sheaf_frontmatter_is_tag_key (key);
  GBytes *result = NULL;
  gssize index;

  if (!_sheaf_frontmatter_edit_begin (&e, text, key, item, new_item, error))
    goto out;
  if (new_item != NULL && new_item[0] == '\0')
    {
      _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                    "%s", "an item cannot be empty");
      goto out;
    }
  if ((node = edit_find_list (&e, key, error)) == NULL)
    goto out;

  if (node->kind == NODE_SEQUENCE)
    {
      if ((index = find_item (&e, node, item, tag)) < 0)
        goto no_item;
      if (new_item != NULL ? !rename_in_list (&e, node, index, item, new_item, error) :
                             !remove_from_list (&e, node, index, item, error))
        goto out;
    }
  else if (node->type != SHEAF_VALUE_NULL)
    {
      const char *value = _sheaf_frontmatter_edit_text (&e, node);
      g_autoptr(GArray) parts = _sheaf_frontmatter_split_legacy (value, tag);

      if ((index = find_part (value, parts, item, tag)) < 0)
        goto no_item;
      if (new_item != NULL)
        rename_in_legacy (&e, node, parts, index, new_item, tag);
      else
        remove_from_legacy (&e, node, parts, index);
    }
  else
    goto no_item;

  result = _sheaf_frontmatter_edit_finish (&e, error);
  goto out;

no_item:
  _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_NO_SUCH_ITEM,
                                "no item “%s”", item);

out:
  _sheaf_frontmatter_edit_clear (&e);
  return result;
}

/**
 * sheaf_frontmatter_add_item:
 * @text: the whole note
 * @key: a list property (`tags`, `aliases`, …)
 * @item: the item to append
 *
 * Appends @item after the last item of a block list (same indentation and dash),
 * before the `]` of a flow list, as a new block list under an empty `key:` or a new
 * key, or as ", item" to a legacy string value.
 *
 * Returns: (transfer full) (nullable): the edited note
 */
GBytes *
sheaf_frontmatter_add_item (GBytes      *text,
                            const char  *key,
                            const char  *item,
                            GError     **error)
{
  Edit e;
  SheafProperty *property;
  const Node *node;
  GBytes *result = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sheaf_frontmatter_edit_begin (&e, text, key, item, NULL, error))
    goto out;
  if (item[0] == '\0')
    {
      _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                    "%s", "an item cannot be empty");
      goto out;
    }

  property = sheaf_frontmatter_lookup (e.fm, key);
  if (property == NULL)
    {
      result = _sheaf_frontmatter_edit_add_property (&e, key, NULL, item, error);
      goto out;
    }

  node = _sheaf_frontmatter_edit_node (&e, property->value_node);
  if (!_sheaf_frontmatter_edit_check_editable (node, key, error))
    goto out;

  if (node->kind == NODE_SEQUENCE && node->style)
    {
      g_autofree char *formatted = _sheaf_frontmatter_format_item (item, QUOTE_PLAIN, TRUE);

      /* Before the "]", not after the "[": a comment may follow the "[" */
      if (node->n_children == 0)
        _sheaf_frontmatter_edit_splice (&e, node->span.end - 1, node->span.end - 1,
                                        g_steal_pointer (&formatted));
      else
        {
          const Node *last = _sheaf_frontmatter_edit_child (&e, node, node->n_children - 1);
          g_autofree char *sep = NULL;

          /* Follow the author's separator ("," or ", ") when the last two share a line. */
          if (node->n_children >= 2)
            {
              const Node *prev = _sheaf_frontmatter_edit_child (&e, node, node->n_children - 2);
              gsize n = last->span.start - prev->span.end;
              const char *between = e.data + prev->span.end;

              if (n >= 1 && between[0] == ',' && strspn (between + 1, " ") == n - 1)
                sep = g_strndup (between, n);
            }
          _sheaf_frontmatter_edit_splice (&e, last->span.end, last->span.end,
                                          g_strconcat (sep != NULL ? sep : ", ", formatted, NULL));
        }
    }
  else if (node->kind == NODE_SEQUENCE)
    {
      const Node *last = _sheaf_frontmatter_edit_child (&e, node, node->n_children - 1);
      gsize start, end;
      g_autofree char *prefix = NULL;
      g_autofree char *formatted = _sheaf_frontmatter_format_item (item, QUOTE_PLAIN, FALSE);

      if (_sheaf_frontmatter_edit_block_item_lines (&e, last, &start, &end))
        {
          /* an empty last item ("-") has no space after its dash; "-x" is no item */
          prefix = g_strndup (e.data + start, last->span.start - start);
          if (!_sheaf_frontmatter_is_space (prefix[strlen (prefix) - 1]))
            replace_str (&prefix, g_strconcat (prefix, " ", NULL));
        }
      else
        {
          gssize indent = _sheaf_frontmatter_edit_indent_of (&e, node->span.start);

          if (indent < 0)
            {
              _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                            "cannot find where the next item of “%s” goes",
                                            key);
              goto out;
            }
          prefix = g_strdup_printf ("%*s- ", (int)indent, "");
          end = _sheaf_frontmatter_edit_line_after (&e, last->span.end);
        }
      _sheaf_frontmatter_edit_splice (&e, end, end, g_strconcat (prefix, formatted, e.eol, NULL));
    }
  else if (node->kind == NODE_SCALAR && node->type == SHEAF_VALUE_NULL)
    {
      const Node *key_node = _sheaf_frontmatter_edit_node (&e, property->key_node);
      gssize indent = _sheaf_frontmatter_edit_indent_of (&e, key_node->span.start);
      gsize eol_pos = _sheaf_frontmatter_edit_line_end (&e, node->span.end);
      g_autofree char *formatted = _sheaf_frontmatter_format_item (item, QUOTE_PLAIN, FALSE);

      if (node->in_flow || indent < 0)
        {
          _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                        "cannot turn “%s” into a list here", key);
          goto out;
        }
      if (node->span.start != node->span.end)
        _sheaf_frontmatter_edit_clear_value (&e, node);
      _sheaf_frontmatter_edit_splice (&e, eol_pos, eol_pos,
                                      g_strdup_printf ("%s%*s  - %s",
                                                       e.eol, (int)indent, "", formatted));
    }
  else if (node->kind == NODE_SCALAR)
    {
      const char *value = _sheaf_frontmatter_edit_text (&e, node);
      g_autofree char *joined = g_strconcat (value, ", ", item, NULL);
      gboolean plain_ok, single_ok;

      _sheaf_frontmatter_check_scalar (joined, node->in_flow, &plain_ok, &single_ok);
      if (_sheaf_frontmatter_edit_plain_single_line (&e, node) && plain_ok)
        _sheaf_frontmatter_edit_splice (&e, node->span.end, node->span.end,
                                        g_strconcat (", ", item, NULL));
      else
        _sheaf_frontmatter_edit_replace_scalar (&e, node, joined);
    }
  else
    {
      _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                    "“%s” is a mapping, not a list", key);
      goto out;
    }

  result = _sheaf_frontmatter_edit_finish (&e, error);

out:
  _sheaf_frontmatter_edit_clear (&e);
  return result;
}

/**
 * sheaf_frontmatter_remove_item:
 * @text: the whole note
 * @key: a list property
 * @item: the item to remove (for tags, with or without '#')
 *
 * Removes a block-list item's whole line, a flow-list item with its comma (the last
 * one leaves `[]`), or a part of a legacy string value.
 *
 * Returns: (transfer full) (nullable): the edited note
 */
GBytes *
sheaf_frontmatter_remove_item (GBytes      *text,
                               const char  *key,
                               const char  *item,
                               GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return edit_item (text, key, item, NULL, error);
}

/**
 * sheaf_frontmatter_rename_item:
 * @text: the whole note
 * @key: a list property
 * @old_item: the item to rename (for tags, with or without '#')
 * @new_item: its new text
 *
 * Replaces only the bytes of that item; a quoted item stays quoted the same way.
 *
 * Returns: (transfer full) (nullable): the edited note
 */
GBytes *
sheaf_frontmatter_rename_item (GBytes      *text,
                               const char  *key,
                               const char  *old_item,
                               const char  *new_item,
                               GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (old_item != NULL, NULL);
  g_return_val_if_fail (new_item != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return edit_item (text, key, old_item, new_item, error);
}
