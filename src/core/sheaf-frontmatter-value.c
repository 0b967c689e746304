/* sheaf-frontmatter-value.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-frontmatter"

#include "config.h"

#include <string.h>
#include <yaml.h>

#include "sheaf-frontmatter-private.h"

/* Scalars: what a plain one means (its type), how to write one so that YAML reads
 * it back as written, and values as JSON.
 */

/* ------------------------------------------------------------------------------------------ */
/* Typing plain scalars, YAML 1.2 core schema (no yes/no booleans)                             */

static gboolean
all_in (const char *s,
        gsize       len,
        const char *set)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (s[i] == '\0' || strchr (set, s[i]) == NULL)
      return FALSE;

  return TRUE;
}

#define DIGITS "0123456789"

static gboolean
is_integer (const char *s,
            gsize       len)
{
  if (len > 2 && s[0] == '0' && s[1] == 'x')
    return all_in (s + 2, len - 2, DIGITS "abcdefABCDEF");
  if (len > 2 && s[0] == '0' && s[1] == 'o')
    return all_in (s + 2, len - 2, "01234567");
  if (len > 0 && (s[0] == '-' || s[0] == '+'))
    s++, len--;

  return all_in (s, len, DIGITS);
}

static gboolean
is_float (const char *s,
          gsize       len)
{
  gsize i = 0;
  gsize digits = 0;

  if (len == 4 && (memcmp (s, ".nan", 4) == 0 || memcmp (s, ".NaN", 4) == 0 ||
                   memcmp (s, ".NAN", 4) == 0))
    return TRUE;
  if (len > 0 && (s[0] == '-' || s[0] == '+'))
    i++;
  if (len - i == 4 && (memcmp (s + i, ".inf", 4) == 0 || memcmp (s + i, ".Inf", 4) == 0 ||
                       memcmp (s + i, ".INF", 4) == 0))
    return TRUE;

  while (i < len && g_ascii_isdigit (s[i]))
    i++, digits++;
  if (i < len && s[i] == '.')
    {
      gsize before = digits;

      i++;
      while (i < len && g_ascii_isdigit (s[i]))
        i++, digits++;
      /* ".5" and "1." are floats, a lone "." is not */
      if (digits == 0 || (before == 0 && digits == 0))
        return FALSE;
    }
  if (digits == 0)
    return FALSE;
  if (i < len && (s[i] == 'e' || s[i] == 'E'))
    {
      gsize exp_digits = 0;

      i++;
      if (i < len && (s[i] == '-' || s[i] == '+'))
        i++;
      while (i < len && g_ascii_isdigit (s[i]))
        i++, exp_digits++;
      if (exp_digits == 0)
        return FALSE;
    }

  return i == len;
}

static guint
two_digits (const char *s)
{
  return (s[0] - '0') * 10 + (s[1] - '0');
}

/* YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], and a real calendar day. */
static gboolean
is_date (const char *s,
         gsize       len)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:dd";
  guint year, month, day;

  if (len != 10 && len != 16 && len != 19)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (shape[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != shape[i])
        return FALSE;
    }

  year = two_digits (s) * 100 + two_digits (s + 2);
  month = two_digits (s + 5);
  day = two_digits (s + 8);
  if (year == 0 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  if (len >= 16 && (two_digits (s + 11) > 23 || two_digits (s + 14) > 59))
    return FALSE;
  if (len == 19 && two_digits (s + 17) > 60)
    return FALSE;

  return TRUE;
}

SheafValueType
_sheaf_frontmatter_infer_type (const char *s,
                               gsize       len)
{
  if (len == 0)
    return SHEAF_VALUE_NULL;

  /* Most values are words: decide those on the first byte. */
  if (g_ascii_isalpha (s[0]) && strchr ("nNtTfF", s[0]) == NULL)
    return SHEAF_VALUE_STRING;

  if ((len == 1 && s[0] == '~') ||
      (len == 4 && (memcmp (s, "null", 4) == 0 || memcmp (s, "Null", 4) == 0 ||
                    memcmp (s, "NULL", 4) == 0)))
    return SHEAF_VALUE_NULL;
  if ((len == 4 && (memcmp (s, "true", 4) == 0 || memcmp (s, "True", 4) == 0 ||
                    memcmp (s, "TRUE", 4) == 0)) ||
      (len == 5 && (memcmp (s, "false", 5) == 0 || memcmp (s, "False", 5) == 0 ||
                    memcmp (s, "FALSE", 5) == 0)))
    return SHEAF_VALUE_BOOLEAN;
  if (is_integer (s, len))
    return SHEAF_VALUE_INTEGER;
  if (is_float (s, len))
    return SHEAF_VALUE_FLOAT;
  if (is_date (s, len))
    return SHEAF_VALUE_DATE;

  return SHEAF_VALUE_STRING;
}

/* ------------------------------------------------------------------------------------------ */
/* Writing scalars                                                                            */

/* Code points YAML will not take as they are (C1 controls, the Unicode line breaks,
 * BOM, non-characters): only an escape in double quotes carries them.
 */
static gboolean
needs_escape (gunichar c)
{
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
         c == 0xFEFF || c == 0xFFFE || c == 0xFFFF;
}

static gboolean
is_flow_indicator (char c)
{
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* Whether @s can be written plain (in a flow collection if @flow), and whether in
 * single quotes. Errs on the side of quoting: a quoted value is always read back
 * as written.
 */
void
_sheaf_frontmatter_check_scalar (const char *s,
                                 gboolean    flow,
                                 gboolean   *plain_ok,
                                 gboolean   *single_ok)
{
  gsize len = strlen (s);

  *single_ok = TRUE;
  *plain_ok = len > 0 &&
              !_sheaf_frontmatter_is_space (s[0]) && !_sheaf_frontmatter_is_space (s[len - 1]) &&
              strncmp (s, "---", 3) != 0 && strncmp (s, "...", 3) != 0;

  if (len > 0 && strchr (",[]{}#&*!|>'\"%@`", s[0]) != NULL)
    *plain_ok = FALSE;
  if (len > 0 && strchr ("-?:", s[0]) != NULL &&
      (len == 1 || _sheaf_frontmatter_is_space (s[1]) || (flow && is_flow_indicator (s[1]))))
    *plain_ok = FALSE;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t')
        *plain_ok = FALSE;
      else if (needs_escape (c))
        *plain_ok = *single_ok = FALSE;
      else if (c == ':' && (flow || p[1] == '\0' || _sheaf_frontmatter_is_space (p[1])))
        *plain_ok = FALSE;
      else if (c == '#' && p > s && _sheaf_frontmatter_is_space (p[-1]))
        *plain_ok = FALSE;
      else if (flow && is_flow_indicator (c))
        *plain_ok = FALSE;
    }
}

static void
append_double_quoted (GString    *out,
                      const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (needs_escape (c))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '"');
}

void
_sheaf_frontmatter_append_scalar (GString    *out,
                                  const char *s,
                                  Quote       prefer,
                                  gboolean    flow)
{
  gboolean plain_ok, single_ok;

  _sheaf_frontmatter_check_scalar (s, flow, &plain_ok, &single_ok);

  if (prefer == QUOTE_PLAIN && plain_ok)
    g_string_append (out, s);
  else if (prefer == QUOTE_SINGLE && single_ok)
    {
      g_string_append_c (out, '\'');
      for (const char *p = s; *p != '\0'; p++)
        {
          if (*p == '\'')
            g_string_append_c (out, '\'');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\'');
    }
  else
    append_double_quoted (out, s);
}

char *
_sheaf_frontmatter_format_scalar (const char *s,
                                  Quote       prefer,
                                  gboolean    flow)
{
  GString *out = g_string_new (NULL);

  _sheaf_frontmatter_append_scalar (out, s, prefer, flow);

  return g_string_free (out, FALSE);
}

/* A list item is text: one that YAML would read as null ("~", "null", "") is
 * quoted, or it would vanish from the tags or aliases.
 */
char *
_sheaf_frontmatter_format_item (const char *s,
                                Quote       prefer,
                                gboolean    flow)
{
  if (prefer == QUOTE_PLAIN && _sheaf_frontmatter_infer_type (s, strlen (s)) == SHEAF_VALUE_NULL)
    prefer = QUOTE_DOUBLE;

  return _sheaf_frontmatter_format_scalar (s, prefer, flow);
}

Quote
_sheaf_frontmatter_quote_of (const Node *node)
{
  if (node->style == YAML_SINGLE_QUOTED_SCALAR_STYLE)
    return QUOTE_SINGLE;
  if (node->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
    return QUOTE_DOUBLE;

  return QUOTE_PLAIN;
}

/* ------------------------------------------------------------------------------------------ */
/* JSON                                                                                         */

static gboolean
parse_int64 (const char *s,
             gint64     *out)
{
  gboolean negative = FALSE;
  guint base = 10;
  guint64 limit, value = 0;

  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o'))
    {
      base = s[1] == 'x' ? 16 : 8;
      s += 2;
    }
  else if (s[0] == '-' || s[0] == '+')
    {
      negative = s[0] == '-';
      s++;
    }

  limit = negative ? (guint64)G_MAXINT64 + 1 : (guint64)G_MAXINT64;
  for (; *s != '\0'; s++)
    {
      guint digit = g_ascii_xdigit_value (*s);

      if (value > (limit - digit) / base)
        return FALSE;
      value = value * base + digit;
    }

  *out = negative ? (gint64)(0 - value) : (gint64)value;

  return TRUE;
}

static JsonNode *
node_to_json (SheafFrontmatter *self,
              const Node       *node)
{
  const char *text = node->text != NO_TEXT ? self->strings + node->text : "";

  switch (node->kind)
    {
    case NODE_SEQUENCE:
      {
        g_autoptr(JsonArray) array = json_array_sized_new (node->n_children);

        for (guint i = 0; i < node->n_children; i++)
          json_array_add_element (array,
                                  node_to_json (self, &self->nodes[self->children[node->first_child + i]]));

        return json_node_init_array (json_node_alloc (), array);
      }

    case NODE_MAPPING:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        for (guint i = 0; i + 1 < node->n_children; i += 2)
          {
            const Node *key = &self->nodes[self->children[node->first_child + i]];
            const Node *value = &self->nodes[self->children[node->first_child + i + 1]];

            /* The first of duplicate keys wins, as in sheaf_frontmatter_lookup() */
            if (!json_object_has_member (object, self->strings + key->text))
              json_object_set_member (object, self->strings + key->text,
                                      node_to_json (self, value));
          }

        return json_node_init_object (json_node_alloc (), object);
      }

    case NODE_SCALAR:
    default:
      break;
    }

  switch ((SheafValueType)node->type)
    {
    case SHEAF_VALUE_NULL:
      return json_node_init_null (json_node_alloc ());

    case SHEAF_VALUE_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), g_ascii_tolower (text[0]) == 't');

    case SHEAF_VALUE_INTEGER:
      {
        gint64 value;

        if (parse_int64 (text, &value))
          return json_node_init_int (json_node_alloc (), value);
        /* Too big for int64: a decimal still makes a (rounded) number. */
        if (text[0] != '0' || text[1] == '\0')
          return json_node_init_double (json_node_alloc (), g_ascii_strtod (text, NULL));
        break;
      }

    case SHEAF_VALUE_FLOAT:
      /* JSON has no infinity or NaN: those stay as written. */
      if (strchr (text, 'n') == NULL && strchr (text, 'N') == NULL)
        return json_node_init_double (json_node_alloc (), g_ascii_strtod (text, NULL));
      break;

    case SHEAF_VALUE_DATE:
    case SHEAF_VALUE_STRING:
    case SHEAF_VALUE_LIST:
    case SHEAF_VALUE_MAPPING:
    default:
      break;
    }

  return json_node_init_string (json_node_alloc (), text);
}

/**
 * sheaf_property_to_json:
 *
 * Integers become int64, floats doubles (".inf" and ".nan" stay strings), dates
 * strings; lists and mappings convert recursively.
 *
 * Returns: (transfer full): the value as JSON
 */
JsonNode *
sheaf_property_to_json (SheafProperty *property)
{
  g_return_val_if_fail (property != NULL, NULL);

  return node_to_json (property->owner, &property->owner->nodes[property->value_node]);
}

/**
 * sheaf_frontmatter_to_json:
 *
 * Returns: (transfer full): an object of all properties (empty when the frontmatter
 *   is missing or invalid)
 */
JsonNode *
sheaf_frontmatter_to_json (SheafFrontmatter *self)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  object = json_object_new ();
  for (guint i = 0; i < self->n_properties; i++)
    {
      const char *key = sheaf_property_get_key (&self->properties[i]);

      if (!json_object_has_member (object, key))
        json_object_set_member (object, key, sheaf_property_to_json (&self->properties[i]));
    }

  return json_node_init_object (json_node_alloc (), object);
}
