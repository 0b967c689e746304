/* sheaf-frontmatter-edit.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-frontmatter"

#include "config.h"

#include <string.h>
#include <yaml.h>

#include "sheaf-frontmatter-private.h"

/* Splice edits: change only the bytes of one value, in the author's style, and
 * refuse an edit rather than hand back frontmatter that no longer parses. The
 * list-item edits are in sheaf-frontmatter-edit-list.c.
 */

/* ------------------------------------------------------------------------------------------ */
/* Edit machinery                                                                             */

void
_sheaf_frontmatter_edit_splice (Edit  *e,
                                gsize  start,
                                gsize  end,
                                char  *insert)
{
  g_assert (e->n_splices < G_N_ELEMENTS (e->splices));
  g_assert (start <= end && end <= e->len);
  g_assert (e->n_splices == 0 || e->splices[e->n_splices - 1].end <= start);

  e->splices[e->n_splices].start = start;
  e->splices[e->n_splices].end = end;
  e->splices[e->n_splices].insert = insert;
  e->n_splices++;
}

void
_sheaf_frontmatter_edit_clear (Edit *e)
{
  for (guint i = 0; i < e->n_splices; i++)
    g_free (e->splices[i].insert);
  g_clear_pointer (&e->fm, sheaf_frontmatter_unref);
}

gboolean G_GNUC_PRINTF (3, 4)
_sheaf_frontmatter_edit_fail (GError     **error,
                              int          code,
                              const char  *format,
                              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, SHEAF_FRONTMATTER_ERROR, code, message);

  return FALSE;
}

gboolean
_sheaf_frontmatter_edit_begin (Edit        *e,
                               GBytes      *text,
                               const char  *key,
                               const char  *value,
                               const char  *value2,
                               GError     **error)
{
  gsize next;

  memset (e, 0, sizeof *e);
  e->data = g_bytes_get_data (text, &e->len);
  if (e->data == NULL)
    e->data = "";

  if (!g_utf8_validate (key, -1, NULL) || key[0] == '\0' ||
      (value != NULL && !g_utf8_validate (value, -1, NULL)) ||
      (value2 != NULL && !g_utf8_validate (value2, -1, NULL)))
    return _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                         "%s", "keys and values must be non-empty UTF-8 text");

  e->fm = sheaf_frontmatter_parse (e->data, e->len);
  if (e->fm->error != NULL)
    return _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                         "cannot edit frontmatter that does not parse (%s)",
                                         e->fm->error->message);

  /* New lines use the file's line ending: that of the opening fence, else the first. */
  if (e->fm->has_block)
    _sheaf_frontmatter_line_end (e->data, e->len, e->fm->block_span.start, &next);
  else
    _sheaf_frontmatter_line_end (e->data, e->len, 0, &next);
  e->eol = next >= 2 && e->data[next - 1] == '\n' && e->data[next - 2] == '\r' ? "\r\n" : "\n";

  return TRUE;
}

GBytes *
_sheaf_frontmatter_edit_finish (Edit    *e,
                                GError **error)
{
  g_autoptr(GString) out = g_string_sized_new (e->len + 64);
  g_autoptr(SheafFrontmatter) check = NULL;
  gsize pos = 0;

  for (guint i = 0; i < e->n_splices; i++)
    {
      g_string_append_len (out, e->data + pos, e->splices[i].start - pos);
      g_string_append (out, e->splices[i].insert);
      pos = e->splices[i].end;
    }
  g_string_append_len (out, e->data + pos, e->len - pos);

  /* Never hand back frontmatter we broke: better to refuse the edit. */
  check = sheaf_frontmatter_parse (out->str, out->len);
  if (check->error != NULL || !check->has_block)
    {
      _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                    "the edit would leave invalid frontmatter (%s)",
                                    check->error != NULL ? check->error->message : "no block");
      return NULL;
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* Inside the YAML, lines end where libyaml says: at "\r\n", "\n", a lone "\r", NEL,
 * LS or PS. Edits that work on whole lines must agree with it.
 */
static gsize
break_at (Edit  *e,
          gsize  pos)
{
  const guchar *p = (const guchar *)e->data + pos;
  gsize left = e->len - pos;

  if (left == 0)
    return 0;
  if (p[0] == '\n')
    return 1;
  if (p[0] == '\r')
    return left > 1 && p[1] == '\n' ? 2 : 1;
  if (left > 1 && p[0] == 0xC2 && p[1] == 0x85)
    return 2;
  if (left > 2 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
    return 3;

  return 0;
}

static gboolean
break_before (Edit  *e,
              gsize  pos)
{
  const guchar *p = (const guchar *)e->data;

  return (pos >= 1 && (p[pos - 1] == '\n' || p[pos - 1] == '\r')) ||
         (pos >= 2 && p[pos - 2] == 0xC2 && p[pos - 1] == 0x85) ||
         (pos >= 3 && p[pos - 3] == 0xE2 && p[pos - 2] == 0x80 &&
          (p[pos - 1] == 0xA8 || p[pos - 1] == 0xA9));
}

static gsize
yaml_line_start (Edit  *e,
                 gsize  pos)
{
  while (pos > 0 && !break_before (e, pos))
    pos--;

  return pos;
}

gsize
_sheaf_frontmatter_edit_line_end (Edit  *e,
                                  gsize  pos)
{
  while (pos < e->len && break_at (e, pos) == 0)
    pos++;

  return pos;
}

/* Start of the line after the one holding the last byte before @end. */
gsize
_sheaf_frontmatter_edit_line_after (Edit  *e,
                                    gsize  end)
{
  if (break_before (e, end))
    return end;
  end = _sheaf_frontmatter_edit_line_end (e, end);

  return end + break_at (e, end);
}

/* Column (in bytes) of @pos when only spaces precede it on its line, else -1. */
gssize
_sheaf_frontmatter_edit_indent_of (Edit  *e,
                                   gsize  pos)
{
  gsize start = yaml_line_start (e, pos);

  for (gsize i = start; i < pos; i++)
    if (e->data[i] != ' ')
      return -1;

  return pos - start;
}

/* The whole line(s) of a block-list item, from its dash through its line ending. */
gboolean
_sheaf_frontmatter_edit_block_item_lines (Edit       *e,
                                          const Node *item,
                                          gsize      *start,
                                          gsize      *end)
{
  gsize ls = yaml_line_start (e, item->span.start);
  gsize i = ls;

  while (i < item->span.start && e->data[i] == ' ')
    i++;
  if (i >= item->span.start || e->data[i] != '-')
    return FALSE;
  for (i++; i < item->span.start; i++)
    if (!_sheaf_frontmatter_is_space (e->data[i]))
      return FALSE;

  *start = ls;
  *end = _sheaf_frontmatter_edit_line_after (e, item->span.end);

  return TRUE;
}

gboolean
_sheaf_frontmatter_edit_plain_single_line (Edit       *e,
                                           const Node *node)
{
  if (node->style != YAML_PLAIN_SCALAR_STYLE)
    return FALSE;
  for (gsize i = node->span.start; i < node->span.end; i++)
    if (break_at (e, i) > 0)
      return FALSE;

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Single values                                                                              */

/* "key: value" or "key:\n  - item" as whole new lines at @indent. */
static char *
new_property (Edit       *e,
              gsize       indent,
              const char *key,
              const char *value,
              const char *item)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%*s", (int)indent, "");
  _sheaf_frontmatter_append_scalar (out, key, QUOTE_PLAIN, FALSE);
  g_string_append_c (out, ':');
  if (value != NULL && value[0] != '\0')
    {
      g_string_append_c (out, ' ');
      _sheaf_frontmatter_append_scalar (out, value, QUOTE_PLAIN, FALSE);
    }
  g_string_append (out, e->eol);
  if (item != NULL)
    {
      g_autofree char *formatted = _sheaf_frontmatter_format_item (item, QUOTE_PLAIN, FALSE);

      g_string_append_printf (out, "%*s  - %s%s", (int)indent, "", formatted, e->eol);
    }

  return g_string_free (out, FALSE);
}

/* A key that is not there yet: a new block at the top of the note, or a new line
 * just before the closing fence. Set and add both end here for a missing key, so
 * this finishes the edit.
 */
GBytes *
_sheaf_frontmatter_edit_add_property (Edit        *e,
                                      const char  *key,
                                      const char  *value,
                                      const char  *item,
                                      GError     **error)
{
  SheafFrontmatter *fm = e->fm;
  gssize indent = 0;

  if (!fm->has_block)
    {
      g_autofree char *property = new_property (e, 0, key, value, item);

      _sheaf_frontmatter_edit_splice (e, fm->body_offset, fm->body_offset,
                                      g_strconcat ("---", e->eol, property, "---", e->eol, NULL));
      return _sheaf_frontmatter_edit_finish (e, error);
    }

  if (fm->root != NO_NODE && fm->nodes[fm->root].kind == NODE_MAPPING)
    {
      const Node *root = &fm->nodes[fm->root];

      indent = _sheaf_frontmatter_edit_indent_of (e, root->span.start);
      if (root->style || indent < 0)
        {
          _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                        "cannot add “%s” to frontmatter written as one "
                                        "flow mapping", key);
          return NULL;
        }
    }

  _sheaf_frontmatter_edit_splice (e, fm->yaml_span.end, fm->yaml_span.end,
                                  new_property (e, indent, key, value, item));

  return _sheaf_frontmatter_edit_finish (e, error);
}

/* Removes a scalar value and the blanks before it, leaving `key:` (null). */
void
_sheaf_frontmatter_edit_clear_value (Edit       *e,
                                     const Node *value)
{
  gsize start = value->span.start;

  while (start > 0 && _sheaf_frontmatter_is_space (e->data[start - 1]))
    start--;
  _sheaf_frontmatter_edit_splice (e, start, value->span.end, g_strdup (""));
}

/* Replaces the bytes of a scalar value by @text, in the value's own quote style. */
void
_sheaf_frontmatter_edit_replace_scalar (Edit       *e,
                                        const Node *value,
                                        const char *text)
{
  Quote quote = _sheaf_frontmatter_quote_of (value);

  _sheaf_frontmatter_edit_splice (e, value->span.start, value->span.end,
                                  _sheaf_frontmatter_format_scalar (text, quote, value->in_flow));
}

/* Puts @value where `key:` has none. */
static void
edit_fill_empty (Edit       *e,
                 const Node *value,
                 const char *text)
{
  gsize pos = value->span.start;
  g_autofree char *formatted = _sheaf_frontmatter_format_scalar (text, QUOTE_PLAIN, value->in_flow);

  if (pos < e->len && _sheaf_frontmatter_is_space (e->data[pos]))
    {
      /* "key: # note": keep the comment after the new value */
      gboolean comment = pos + 1 < e->len && e->data[pos + 1] == '#';

      _sheaf_frontmatter_edit_splice (e, pos + 1, pos + 1,
                                      g_strconcat (formatted, comment ? " " : "", NULL));
    }
  else
    _sheaf_frontmatter_edit_splice (e, pos, pos, g_strconcat (" ", formatted, NULL));
}

gboolean
_sheaf_frontmatter_edit_check_editable (const Node  *node,
                                        const char  *key,
                                        GError     **error)
{
  if (node->has_props)
    return _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                         "“%s” has a YAML anchor, alias or tag; "
                                         "edit it as text", key);

  return TRUE;
}

/**
 * sheaf_frontmatter_set_scalar:
 * @text: the whole note
 * @key: the property
 * @value: its new value, written plain when YAML allows (so "42" stays a number
 *   and "2026-02-19" a date), quoted otherwise; "" leaves `key:` empty (null)
 *
 * Replaces the bytes of @key's scalar value and nothing else, keeping its quote
 * style. A missing key becomes a new line just before the closing fence; a note
 * without frontmatter gets a new block at its start.
 *
 * Returns: (transfer full) (nullable): the edited note
 */
GBytes *
sheaf_frontmatter_set_scalar (GBytes      *text,
                              const char  *key,
                              const char  *value,
                              GError     **error)
{
  Edit e;
  SheafProperty *property;
  const Node *node;
  GBytes *result = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sheaf_frontmatter_edit_begin (&e, text, key, value, NULL, error))
    goto out;

  property = sheaf_frontmatter_lookup (e.fm, key);
  if (property == NULL)
    {
      result = _sheaf_frontmatter_edit_add_property (&e, key, value, NULL, error);
      goto out;
    }

  node = _sheaf_frontmatter_edit_node (&e, property->value_node);
  if (node->kind != NODE_SCALAR)
    {
      _sheaf_frontmatter_edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                                    "“%s” is a list or mapping, not a single value", key);
      goto out;
    }
  if (!_sheaf_frontmatter_edit_check_editable (node, key, error))
    goto out;

  if (node->span.start == node->span.end)
    {
      if (value[0] == '\0')
        {
          result = g_bytes_ref (text);
          goto out;
        }
      edit_fill_empty (&e, node, value);
    }
  else if (value[0] == '\0')
    _sheaf_frontmatter_edit_clear_value (&e, node);
  else
    _sheaf_frontmatter_edit_replace_scalar (&e, node, value);

  result = _sheaf_frontmatter_edit_finish (&e, error);

out:
  _sheaf_frontmatter_edit_clear (&e);
  return result;
}
