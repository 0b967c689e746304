/* sheaf-frontmatter.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-frontmatter"

#include "config.h"

#include <string.h>
#include <yaml.h>

#include "sheaf-frontmatter.h"

/* Collections nested deeper than this are refused: no note needs them, and it keeps
 * the recursive JSON conversion (and anyone walking the values) off the stack limit.
 */
#define MAX_DEPTH 64

#define NO_NODE G_MAXUINT
#define NO_TEXT G_MAXSIZE

typedef enum
{
  NODE_SCALAR,
  NODE_SEQUENCE,
  NODE_MAPPING,
} NodeKind;

/* One YAML node. All nodes of a note live in one array and all child lists in
 * another, and every string in one buffer (offsets, since it grows while we parse):
 * a note's frontmatter costs a handful of allocations, not one per value.
 */
typedef struct
{
  SheafSpan span;        /* absolute bytes; anchors and tags included */
  gsize     text;        /* offset into strings: the scalar's value, or a collection's raw text */
  guint     first_child; /* into children; a mapping's children alternate key, value */
  guint     n_children;
  guint     line;        /* 1-based, in the file */
  guint8    kind;        /* NodeKind */
  guint8    type;        /* SheafValueType */
  guint8    style;       /* yaml_scalar_style_t for scalars; TRUE for flow collections */
  guint8    in_flow : 1; /* inside a flow collection */
  guint8    has_props : 1; /* an anchor, a tag, or an alias: edits leave it alone */
} Node;

struct _SheafProperty
{
  SheafFrontmatter *owner;
  guint             key_node;
  guint             value_node;
};

struct _SheafFrontmatter
{
  gboolean          has_block;
  SheafSpan         block_span;
  SheafSpan         yaml_span;
  gsize             body_offset;
  guint             body_line;
  guint             yaml_line;

  GError           *error;
  guint             error_line;
  guint             error_column;

  char             *strings;
  Node             *nodes;
  guint            *children;
  guint             root;

  SheafProperty    *properties;
  guint             n_properties;
  const char      **tags;
  const char      **aliases;
  const char       *title;
  SheafLegacyFlags  legacy;
};

typedef struct
{
  guint    node;
  guint    base;    /* where this collection's children start in pending */
  gboolean mapping;
} Frame;

typedef struct
{
  SheafFrontmatter *self;
  const char       *text;
  gsize             yaml_start;
  gsize             yaml_end;

  /* libyaml marks count characters; this cursor turns them into bytes and lines.
   * Marks arrive almost in order, so walking from the last one keeps parsing linear.
   */
  gsize             cur_index;
  gsize             cur_byte;
  guint             cur_line;

  guint             flow_depth;
  guint             n_documents;
  GArray           *nodes;
  GArray           *children;
  GArray           *frames;
  GArray           *pending;
  GString          *strings;
} Builder;

static const char *empty_strv[] = { NULL };

G_DEFINE_BOXED_TYPE (SheafFrontmatter, sheaf_frontmatter, sheaf_frontmatter_ref, sheaf_frontmatter_unref)
G_DEFINE_QUARK (sheaf-frontmatter-error-quark, sheaf_frontmatter_error)

/* ------------------------------------------------------------------------------------------ */
/* Small text helpers                                                                          */

static inline guint
utf8_width (guchar c)
{
  if (c < 0x80)
    return 1;
  if ((c & 0xE0) == 0xC0)
    return 2;
  if ((c & 0xF0) == 0xE0)
    return 3;
  if ((c & 0xF8) == 0xF0)
    return 4;
  return 1;
}

/* Returns where the line at @pos ends (before "\n" or "\r\n"); *next is the start of
 * the next line, or @len.
 */
static gsize
line_end (const char *text,
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

/* Like g_set_str() (GLib 2.76), but takes ownership of @value. */
static void
replace_str (char **str,
                  char  *value)
{
  g_free (*str);
  *str = value;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

static gsize
strings_add (GString    *strings,
             const char *str,
             gsize       len)
{
  gsize offset = strings->len;

  g_string_append_len (strings, str, len);
  g_string_append_c (strings, '\0');

  return offset;
}

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

static SheafValueType
infer_type (const char *s,
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

static SheafValueType
scalar_type (const yaml_event_t *event)
{
  const char *value = (const char *)event->data.scalar.value;
  const char *tag = (const char *)event->data.scalar.tag;

  if (event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return SHEAF_VALUE_STRING;
  /* "!" and "!!str" force a string; other tags we read as if they were not there */
  if (tag != NULL && (strcmp (tag, "!") == 0 || strcmp (tag, YAML_STR_TAG) == 0))
    return SHEAF_VALUE_STRING;

  return infer_type (value, event->data.scalar.length);
}

/* ------------------------------------------------------------------------------------------ */
/* Building the node tree from libyaml events                                                  */

static void
cursor_seek (Builder *b,
             gsize    index)
{
  const guchar *p = (const guchar *)b->text;

  while (b->cur_index < index && b->cur_byte < b->yaml_end)
    {
      if (p[b->cur_byte] == '\n')
        b->cur_line++;
      b->cur_byte = MIN (b->cur_byte + utf8_width (p[b->cur_byte]), b->yaml_end);
      b->cur_index++;
    }
  while (b->cur_index > index && b->cur_byte > b->yaml_start)
    {
      b->cur_byte--;
      while (b->cur_byte > b->yaml_start && (p[b->cur_byte] & 0xC0) == 0x80)
        b->cur_byte--;
      if (p[b->cur_byte] == '\n')
        b->cur_line--;
      b->cur_index--;
    }
}

static Node *
builder_node (Builder *b,
              guint    index)
{
  return &g_array_index (b->nodes, Node, index);
}

static guint
builder_add_node (Builder            *b,
                  NodeKind            kind,
                  const yaml_event_t *event)
{
  Node node = { { 0, 0 }, NO_TEXT, 0, 0, 0, kind, SHEAF_VALUE_NULL, 0, 0, 0 };

  cursor_seek (b, event->start_mark.index);
  node.span.start = b->cur_byte;
  node.line = b->cur_line;
  cursor_seek (b, event->end_mark.index);
  node.span.end = b->cur_byte;
  node.in_flow = b->flow_depth > 0;
  g_array_append_val (b->nodes, node);

  return b->nodes->len - 1;
}

/* A node is complete: hand it to its parent collection (or make it the root). */
static void
builder_complete (Builder *b,
                  guint    index)
{
  Frame *frame;
  Node *node;

  if (b->frames->len == 0)
    {
      b->self->root = index;
      return;
    }

  frame = &g_array_index (b->frames, Frame, b->frames->len - 1);
  node = builder_node (b, index);
  /* Keys that are collections are named by their source text. */
  if (frame->mapping && (b->pending->len - frame->base) % 2 == 0 && node->kind != NODE_SCALAR)
    node->text = strings_add (b->strings, b->text + node->span.start,
                              node->span.end - node->span.start);
  g_array_append_val (b->pending, index);
}

static void
builder_scalar (Builder            *b,
                const yaml_event_t *event)
{
  guint index = builder_add_node (b, NODE_SCALAR, event);
  Node *node = builder_node (b, index);

  node->text = strings_add (b->strings, (const char *)event->data.scalar.value,
                            event->data.scalar.length);
  node->style = event->data.scalar.style;
  node->type = scalar_type (event);
  node->has_props = event->data.scalar.anchor != NULL || event->data.scalar.tag != NULL;

  /* libyaml ends a block scalar after its trailing blank lines, which belong to
   * nobody; end it at the close of its last non-blank line instead, so replacing
   * the value keeps the line structure around it.
   */
  if (node->style == YAML_LITERAL_SCALAR_STYLE || node->style == YAML_FOLDED_SCALAR_STYLE)
    {
      gsize end = node->span.end;

      while (end > node->span.start && g_ascii_isspace (b->text[end - 1]))
        end--;
      while (end < node->span.end && b->text[end] != '\r' && b->text[end] != '\n')
        end++;
      node->span.end = end;
    }

  builder_complete (b, index);
}

static void
builder_alias (Builder            *b,
               const yaml_event_t *event)
{
  guint index = builder_add_node (b, NODE_SCALAR, event);
  Node *node = builder_node (b, index);
  const char *anchor = (const char *)event->data.alias.anchor;

  /* Aliases are shown as written, never expanded: that keeps "billion laughs"
   * documents cheap and cyclic ones finite.
   */
  node->text = b->strings->len;
  g_string_append_c (b->strings, '*');
  g_string_append (b->strings, anchor);
  g_string_append_c (b->strings, '\0');
  node->type = SHEAF_VALUE_STRING;
  node->style = YAML_PLAIN_SCALAR_STYLE;
  node->has_props = TRUE;

  builder_complete (b, index);
}

static void
builder_start_collection (Builder            *b,
                          const yaml_event_t *event)
{
  gboolean mapping = event->type == YAML_MAPPING_START_EVENT;
  guint index = builder_add_node (b, mapping ? NODE_MAPPING : NODE_SEQUENCE, event);
  Node *node = builder_node (b, index);
  Frame frame = { index, b->pending->len, mapping };

  if (mapping)
    {
      node->type = SHEAF_VALUE_MAPPING;
      node->style = event->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
      node->has_props = event->data.mapping_start.anchor != NULL ||
                        event->data.mapping_start.tag != NULL;
    }
  else
    {
      node->type = SHEAF_VALUE_LIST;
      node->style = event->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
      node->has_props = event->data.sequence_start.anchor != NULL ||
                        event->data.sequence_start.tag != NULL;
    }
  if (node->style)
    b->flow_depth++;

  g_array_append_val (b->frames, frame);
}

static void
builder_end_collection (Builder            *b,
                        const yaml_event_t *event)
{
  Frame frame = g_array_index (b->frames, Frame, b->frames->len - 1);
  guint n = b->pending->len - frame.base;
  Node *node;

  g_array_set_size (b->frames, b->frames->len - 1);

  node = builder_node (b, frame.node);
  node->first_child = b->children->len;
  node->n_children = n;
  g_array_append_vals (b->children, &g_array_index (b->pending, guint, frame.base), n);
  g_array_set_size (b->pending, frame.base);

  if (node->style)
    {
      cursor_seek (b, event->end_mark.index);
      node->span.end = b->cur_byte;
      b->flow_depth--;
    }
  else if (n > 0)
    {
      /* A block collection ends where libyaml sees the next token; we end it with
       * its last value, so it owns neither the line ending nor what follows.
       */
      guint last = g_array_index (b->children, guint, node->first_child + n - 1);

      node->span.end = builder_node (b, last)->span.end;
    }

  builder_complete (b, frame.node);
}

/* ------------------------------------------------------------------------------------------ */
/* Parsing                                                                                      */

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

  end = line_end (text, len, start, &next);
  if (end - start != 3 || memcmp (text + start, "---", 3) != 0 || next == len)
    return;

  yaml_start = next;
  for (pos = next, lines = 2; pos < len; pos = next, lines++)
    {
      end = line_end (text, len, pos, &next);
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

/* Line and column (1-based, in the file; columns count characters) of @byte. */
static void
locate (SheafFrontmatter *self,
        const char       *text,
        gsize             byte,
        guint            *line,
        guint            *column)
{
  gsize start = self->yaml_span.start;
  guint l = self->yaml_line;
  guint c = 1;

  byte = CLAMP (byte, start, self->yaml_span.end);
  for (gsize i = start; i < byte; i++)
    {
      if (text[i] == '\n')
        l++, c = 1;
      else if (((guchar)text[i] & 0xC0) != 0x80)
        c++;
    }

  *line = l;
  *column = c;
}

static void
set_error (SheafFrontmatter      *self,
           const char            *text,
           SheafFrontmatterError  code,
           gsize                  byte,
           const char            *problem)
{
  locate (self, text, byte, &self->error_line, &self->error_column);
  g_clear_error (&self->error);
  g_set_error (&self->error, SHEAF_FRONTMATTER_ERROR, code, "line %u, column %u: %s",
               self->error_line, self->error_column, problem);
}

static void
set_yaml_error (Builder     *b,
                yaml_parser_t *parser)
{
  const char *problem = parser->problem != NULL ? parser->problem : "invalid YAML";
  gsize byte;

  if (parser->error == YAML_READER_ERROR)
    {
      /* The reader reports a byte offset, not a mark. */
      byte = b->yaml_start + MIN (parser->problem_offset, b->yaml_end - b->yaml_start);

      /* For a bad trailing byte it points past the good ones: show where the
       * broken character starts instead.
       */
      if (strcmp (problem, "invalid trailing UTF-8 octet") == 0)
        {
          while (byte > b->yaml_start && ((guchar)b->text[byte - 1] & 0xC0) == 0x80)
            byte--;
          if (byte > b->yaml_start && (guchar)b->text[byte - 1] >= 0xC0)
            byte--;
        }
    }
  else if (parser->error == YAML_MEMORY_ERROR)
    {
      problem = "out of memory";
      byte = b->yaml_start;
    }
  else
    {
      cursor_seek (b, parser->problem_mark.index);
      byte = b->cur_byte;
    }

  set_error (b->self, b->text, SHEAF_FRONTMATTER_ERROR_INVALID_YAML, byte, problem);
}

/* Returns FALSE when the YAML did not parse (self->error is set). */
static gboolean
build_tree (Builder *b)
{
  yaml_parser_t parser;
  gboolean done = FALSE;
  gboolean ok = TRUE;

  yaml_parser_initialize (&parser);
  /* Never sniff: bytes after the fence that look like a UTF-16 BOM are an error
   * in a UTF-8 file, not a reason to decode it differently.
   */
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);
  yaml_parser_set_input_string (&parser, (const guchar *)b->text + b->yaml_start,
                                b->yaml_end - b->yaml_start);

  while (!done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        {
          set_yaml_error (b, &parser);
          ok = FALSE;
          break;
        }

      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_DOCUMENT_START_EVENT:
          if (++b->n_documents > 1)
            {
              cursor_seek (b, event.start_mark.index);
              set_error (b->self, b->text, SHEAF_FRONTMATTER_ERROR_INVALID_YAML, b->cur_byte,
                         "only one YAML document is allowed in frontmatter");
              ok = FALSE;
            }
          break;

        case YAML_SCALAR_EVENT:
          builder_scalar (b, &event);
          break;

        case YAML_ALIAS_EVENT:
          builder_alias (b, &event);
          break;

        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
          if (b->frames->len >= MAX_DEPTH)
            {
              cursor_seek (b, event.start_mark.index);
              set_error (b->self, b->text, SHEAF_FRONTMATTER_ERROR_INVALID_YAML, b->cur_byte,
                         "collections nested too deeply");
              ok = FALSE;
              break;
            }
          builder_start_collection (b, &event);
          break;

        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          builder_end_collection (b, &event);
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        default:
          break;
        }

      yaml_event_delete (&event);
      if (!ok)
        break;
    }

  yaml_parser_delete (&parser);

  return ok;
}

static gboolean
key_is (SheafFrontmatter *self,
        SheafProperty    *property,
        const char       *key)
{
  return strcmp (self->strings + self->nodes[property->key_node].text, key) == 0;
}

/* Adds @s (len bytes) as a tag or alias, after trimming and, for tags, dropping the
 * leading '#'. Reuses @offset (the string's place in the buffer) when nothing changes.
 */
static void
add_name (Builder    *b,
          GArray     *out,
          const char *s,
          gsize       len,
          gsize       offset,
          gboolean    tag)
{
  const char *p = s;
  const char *e = s + len;

  while (p < e && g_ascii_isspace (*p))
    p++;
  if (tag)
    {
      while (p < e && *p == '#')
        p++;
    }
  while (e > p && g_ascii_isspace (e[-1]))
    e--;
  if (p == e)
    return;

  if (p != s || e != s + len || offset == NO_TEXT)
    offset = strings_add (b->strings, p, e - p);
  g_array_append_val (out, offset);
}

static void
add_names (Builder  *b,
           GArray   *out,
           guint     value,
           gboolean  tag,
           gboolean *was_string)
{
  const Node *node = builder_node (b, value);

  *was_string = FALSE;

  if (node->kind == NODE_SEQUENCE)
    {
      for (guint i = 0; i < node->n_children; i++)
        {
          guint child = g_array_index (b->children, guint, node->first_child + i);
          const Node *item = builder_node (b, child);
          const char *s;

          if (item->kind != NODE_SCALAR || item->type == SHEAF_VALUE_NULL)
            continue;
          s = b->strings->str + item->text;
          add_name (b, out, s, strlen (s), item->text, tag);
        }
    }
  else if (node->kind == NODE_SCALAR && node->type != SHEAF_VALUE_NULL)
    {
      /* Legacy string: "a, b" (and for tags also "a b"). Copy first: adding names
       * grows the buffer the value lives in.
       */
      g_autofree char *copy = g_strdup (b->strings->str + node->text);
      const char *p = copy;

      *was_string = TRUE;
      while (*p != '\0')
        {
          gsize n = tag ? strcspn (p, ", \t\r\n") : strcspn (p, ",");

          add_name (b, out, p, n, NO_TEXT, tag);
          p += n;
          if (*p != '\0')
            p++;
        }
    }
}

static const char **
strv_from_offsets (const char *strings,
                   GArray     *offsets)
{
  const char **strv;

  if (offsets->len == 0)
    return (const char **)empty_strv;

  strv = g_new (const char *, offsets->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    strv[i] = strings + g_array_index (offsets, gsize, i);
  strv[offsets->len] = NULL;

  return strv;
}

static void
build_properties (Builder *b)
{
  SheafFrontmatter *self = b->self;
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) aliases = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize title = NO_TEXT;
  const Node *root;

  if (self->root == NO_NODE)
    return;

  root = builder_node (b, self->root);
  if (root->kind != NODE_MAPPING)
    {
      /* "--- # note" and the like: an empty document is no properties, not an error */
      if (root->kind == NODE_SCALAR && root->type == SHEAF_VALUE_NULL &&
          root->span.start == root->span.end)
        return;

      set_error (self, b->text, SHEAF_FRONTMATTER_ERROR_NOT_MAPPING, root->span.start,
                 root->kind == NODE_SEQUENCE ?
                 "frontmatter must be a mapping of keys to values, not a list" :
                 "frontmatter must be a mapping of keys to values, not a single value");
      return;
    }

  self->n_properties = root->n_children / 2;
  self->properties = g_new (SheafProperty, MAX (self->n_properties, 1));

  for (guint i = 0; i < self->n_properties; i++)
    {
      SheafProperty *property = &self->properties[i];
      const char *key;
      const Node *value;
      gboolean was_string;
      gboolean legacy_key;

      property->owner = self;
      property->key_node = g_array_index (b->children, guint, root->first_child + 2 * i);
      property->value_node = g_array_index (b->children, guint, root->first_child + 2 * i + 1);

      value = builder_node (b, property->value_node);
      if (value->kind == NODE_SEQUENCE)
        {
          /* Items that are themselves collections are listed by their source text. */
          for (guint j = 0; j < value->n_children; j++)
            {
              guint child = g_array_index (b->children, guint, value->first_child + j);
              Node *item = builder_node (b, child);

              if (item->text == NO_TEXT)
                item->text = strings_add (b->strings, b->text + item->span.start,
                                          item->span.end - item->span.start);
            }
        }

      /* add_names() may grow the buffer @key points into: decide before calling it */
      key = b->strings->str + builder_node (b, property->key_node)->text;
      if (strcmp (key, "tags") == 0 || strcmp (key, "tag") == 0)
        {
          legacy_key = key[3] == '\0';
          add_names (b, tags, property->value_node, TRUE, &was_string);
          if (legacy_key)
            self->legacy |= SHEAF_LEGACY_TAG_KEY;
          else if (was_string)
            self->legacy |= SHEAF_LEGACY_TAGS_STRING;
        }
      else if (strcmp (key, "aliases") == 0 || strcmp (key, "alias") == 0)
        {
          legacy_key = key[5] == '\0';
          add_names (b, aliases, property->value_node, FALSE, &was_string);
          if (legacy_key)
            self->legacy |= SHEAF_LEGACY_ALIAS_KEY;
          else if (was_string)
            self->legacy |= SHEAF_LEGACY_ALIASES_STRING;
        }
      else if (title == NO_TEXT && strcmp (key, "title") == 0 &&
               value->kind == NODE_SCALAR && value->type == SHEAF_VALUE_STRING &&
               b->strings->str[value->text] != '\0')
        {
          title = value->text;
        }
    }

  /* The buffer is final from here on: turn offsets into pointers. */
  self->strings = g_string_free (g_steal_pointer (&b->strings), FALSE);
  self->tags = strv_from_offsets (self->strings, tags);
  self->aliases = strv_from_offsets (self->strings, aliases);
  if (title != NO_TEXT)
    self->title = self->strings + title;
}

static void
parse_yaml (SheafFrontmatter *self,
            const char       *text)
{
  Builder b = { 0 };

  b.self = self;
  b.text = text;
  b.yaml_start = b.cur_byte = self->yaml_span.start;
  b.yaml_end = self->yaml_span.end;
  b.cur_line = self->yaml_line;
  b.nodes = g_array_sized_new (FALSE, FALSE, sizeof (Node), 32);
  b.children = g_array_sized_new (FALSE, FALSE, sizeof (guint), 32);
  b.frames = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 8);
  b.pending = g_array_sized_new (FALSE, FALSE, sizeof (guint), 32);
  b.strings = g_string_sized_new (256);

  if (build_tree (&b))
    build_properties (&b);

  if (self->error != NULL)
    {
      /* Invalid frontmatter has no properties at all, not half of them. */
      g_clear_pointer (&self->properties, g_free);
      self->n_properties = 0;
      self->root = NO_NODE;
      self->legacy = SHEAF_LEGACY_NONE;
      self->title = NULL;
      if (self->tags != (const char **)empty_strv)
        g_clear_pointer (&self->tags, g_free);
      if (self->aliases != (const char **)empty_strv)
        g_clear_pointer (&self->aliases, g_free);
      g_array_set_size (b.nodes, 0);
      g_array_set_size (b.children, 0);
    }

  if (b.strings != NULL)
    self->strings = g_string_free (b.strings, FALSE);
  self->nodes = (Node *)(gpointer)g_array_free (b.nodes, FALSE);
  self->children = (guint *)(gpointer)g_array_free (b.children, FALSE);
  g_array_unref (b.frames);
  g_array_unref (b.pending);
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
  self->tags = (const char **)empty_strv;
  self->aliases = (const char **)empty_strv;

  split (self, text, length);
  if (self->has_block)
    parse_yaml (self, text);

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

/* Opening fence through the closing fence's line ending; empty at the body offset
 * when there is no block.
 */
SheafSpan
sheaf_frontmatter_get_block_span (SheafFrontmatter *self)
{
  SheafSpan none = { 0, 0 };

  g_return_val_if_fail (self != NULL, none);

  if (!self->has_block)
    {
      none.start = none.end = self->body_offset;
      return none;
    }

  return self->block_span;
}

SheafSpan
sheaf_frontmatter_get_yaml_span (SheafFrontmatter *self)
{
  SheafSpan none = { 0, 0 };

  g_return_val_if_fail (self != NULL, none);

  if (!self->has_block)
    {
      none.start = none.end = self->body_offset;
      return none;
    }

  return self->yaml_span;
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

/* ------------------------------------------------------------------------------------------ */
/* Splice edits: change only the bytes of one value, in the author's style                    */

typedef enum
{
  QUOTE_PLAIN,
  QUOTE_SINGLE,
  QUOTE_DOUBLE,
} Quote;

typedef struct
{
  gsize  start;
  gsize  end;
  char  *insert;
} Splice;

typedef struct
{
  const char       *data;
  gsize             len;
  SheafFrontmatter *fm;
  const char       *eol;
  Splice            splices[2];
  guint             n_splices;
} Edit;

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
static void
check_scalar (const char *s,
              gboolean    flow,
              gboolean   *plain_ok,
              gboolean   *single_ok)
{
  gsize len = strlen (s);

  *single_ok = TRUE;
  *plain_ok = len > 0 && !is_space (s[0]) && !is_space (s[len - 1]) &&
              strncmp (s, "---", 3) != 0 && strncmp (s, "...", 3) != 0;

  if (len > 0 && strchr (",[]{}#&*!|>'\"%@`", s[0]) != NULL)
    *plain_ok = FALSE;
  if (len > 0 && strchr ("-?:", s[0]) != NULL &&
      (len == 1 || is_space (s[1]) || (flow && is_flow_indicator (s[1]))))
    *plain_ok = FALSE;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t')
        *plain_ok = FALSE;
      else if (needs_escape (c))
        *plain_ok = *single_ok = FALSE;
      else if (c == ':' && (flow || p[1] == '\0' || is_space (p[1])))
        *plain_ok = FALSE;
      else if (c == '#' && p > s && is_space (p[-1]))
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

static void
append_scalar (GString    *out,
               const char *s,
               Quote       prefer,
               gboolean    flow)
{
  gboolean plain_ok, single_ok;

  check_scalar (s, flow, &plain_ok, &single_ok);

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

static char *
format_scalar (const char *s,
               Quote       prefer,
               gboolean    flow)
{
  GString *out = g_string_new (NULL);

  append_scalar (out, s, prefer, flow);

  return g_string_free (out, FALSE);
}

/* A list item is text: one that YAML would read as null ("~", "null", "") is
 * quoted, or it would vanish from the tags or aliases.
 */
static char *
format_item (const char *s,
             Quote       prefer,
             gboolean    flow)
{
  if (prefer == QUOTE_PLAIN && infer_type (s, strlen (s)) == SHEAF_VALUE_NULL)
    prefer = QUOTE_DOUBLE;

  return format_scalar (s, prefer, flow);
}

static Quote
quote_of (const Node *node)
{
  if (node->style == YAML_SINGLE_QUOTED_SCALAR_STYLE)
    return QUOTE_SINGLE;
  if (node->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
    return QUOTE_DOUBLE;

  return QUOTE_PLAIN;
}

static void
edit_splice (Edit  *e,
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

static void
edit_clear (Edit *e)
{
  for (guint i = 0; i < e->n_splices; i++)
    g_free (e->splices[i].insert);
  g_clear_pointer (&e->fm, sheaf_frontmatter_unref);
}

static gboolean G_GNUC_PRINTF (3, 4)
edit_fail (GError     **error,
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

static gboolean
edit_begin (Edit        *e,
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
    return edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                      "%s", "keys and values must be non-empty UTF-8 text");

  e->fm = sheaf_frontmatter_parse (e->data, e->len);
  if (e->fm->error != NULL)
    return edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                      "cannot edit frontmatter that does not parse (%s)", e->fm->error->message);

  /* New lines use the file's line ending: that of the opening fence, else the first. */
  if (e->fm->has_block)
    line_end (e->data, e->len, e->fm->block_span.start, &next);
  else
    line_end (e->data, e->len, 0, &next);
  e->eol = next >= 2 && e->data[next - 1] == '\n' && e->data[next - 2] == '\r' ? "\r\n" : "\n";

  return TRUE;
}

static GBytes *
edit_finish (Edit    *e,
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
      edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                 "the edit would leave invalid frontmatter (%s)",
                 check->error != NULL ? check->error->message : "no block");
      return NULL;
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static const Node *
edit_node (Edit  *e,
           guint  index)
{
  return &e->fm->nodes[index];
}

static const Node *
edit_child (Edit       *e,
            const Node *node,
            guint       index)
{
  return &e->fm->nodes[e->fm->children[node->first_child + index]];
}

static const char *
edit_text (Edit       *e,
           const Node *node)
{
  return e->fm->strings + node->text;
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

static gsize
yaml_line_end (Edit  *e,
               gsize  pos)
{
  while (pos < e->len && break_at (e, pos) == 0)
    pos++;

  return pos;
}

/* Start of the line after the one holding the last byte before @end. */
static gsize
yaml_line_after (Edit  *e,
                 gsize  end)
{
  if (break_before (e, end))
    return end;
  end = yaml_line_end (e, end);

  return end + break_at (e, end);
}

/* Column (in bytes) of @pos when only spaces precede it on its line, else -1. */
static gssize
indent_of (Edit  *e,
           gsize  pos)
{
  gsize start = yaml_line_start (e, pos);

  for (gsize i = start; i < pos; i++)
    if (e->data[i] != ' ')
      return -1;

  return pos - start;
}

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
  append_scalar (out, key, QUOTE_PLAIN, FALSE);
  g_string_append_c (out, ':');
  if (value != NULL && value[0] != '\0')
    {
      g_string_append_c (out, ' ');
      append_scalar (out, value, QUOTE_PLAIN, FALSE);
    }
  g_string_append (out, e->eol);
  if (item != NULL)
    {
      g_autofree char *formatted = format_item (item, QUOTE_PLAIN, FALSE);

      g_string_append_printf (out, "%*s  - %s%s", (int)indent, "", formatted, e->eol);
    }

  return g_string_free (out, FALSE);
}

/* A key that is not there yet: a new block at the top of the note, or a new line
 * just before the closing fence.
 */
static gboolean
edit_add_property (Edit        *e,
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

      edit_splice (e, fm->body_offset, fm->body_offset,
                   g_strconcat ("---", e->eol, property, "---", e->eol, NULL));
      return TRUE;
    }

  if (fm->root != NO_NODE && fm->nodes[fm->root].kind == NODE_MAPPING)
    {
      const Node *root = &fm->nodes[fm->root];

      indent = indent_of (e, root->span.start);
      if (root->style || indent < 0)
        return edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                          "cannot add “%s” to frontmatter written as one flow mapping", key);
    }

  edit_splice (e, fm->yaml_span.end, fm->yaml_span.end,
               new_property (e, indent, key, value, item));

  return TRUE;
}

/* Removes a scalar value and the blanks before it, leaving `key:` (null). */
static void
edit_clear_value (Edit       *e,
                  const Node *value)
{
  gsize start = value->span.start;

  while (start > 0 && is_space (e->data[start - 1]))
    start--;
  edit_splice (e, start, value->span.end, g_strdup (""));
}

/* Puts @value where `key:` has none. */
static void
edit_fill_empty (Edit       *e,
                 const Node *value,
                 const char *text)
{
  gsize pos = value->span.start;
  g_autofree char *formatted = format_scalar (text, QUOTE_PLAIN, value->in_flow);

  if (pos < e->len && is_space (e->data[pos]))
    {
      /* "key: # note": keep the comment after the new value */
      gboolean comment = pos + 1 < e->len && e->data[pos + 1] == '#';

      edit_splice (e, pos + 1, pos + 1, g_strconcat (formatted, comment ? " " : "", NULL));
    }
  else
    edit_splice (e, pos, pos, g_strconcat (" ", formatted, NULL));
}

static gboolean
check_editable (const Node  *node,
                const char  *key,
                GError     **error)
{
  if (node->has_props)
    return edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                      "“%s” has a YAML anchor, alias or tag; edit it as text", key);

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

  if (!edit_begin (&e, text, key, value, NULL, error))
    goto out;

  property = sheaf_frontmatter_lookup (e.fm, key);
  if (property == NULL)
    {
      if (!edit_add_property (&e, key, value, NULL, error))
        goto out;
      result = edit_finish (&e, error);
      goto out;
    }

  node = edit_node (&e, property->value_node);
  if (node->kind != NODE_SCALAR)
    {
      edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                 "“%s” is a list or mapping, not a single value", key);
      goto out;
    }
  if (!check_editable (node, key, error))
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
    edit_clear_value (&e, node);
  else
    edit_splice (&e, node->span.start, node->span.end,
                 format_scalar (value, quote_of (node), node->in_flow));

  result = edit_finish (&e, error);

out:
  edit_clear (&e);
  return result;
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

static gboolean
is_tag_key (const char *key)
{
  return strcmp (key, "tags") == 0 || strcmp (key, "tag") == 0;
}

/* The whole line(s) of a block-list item, from its dash through its line ending. */
static gboolean
block_item_lines (Edit       *e,
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
    if (!is_space (e->data[i]))
      return FALSE;

  *start = ls;
  *end = yaml_line_after (e, item->span.end);

  return TRUE;
}

/* A legacy string value ("a, b" or "a b"), split the way the parser reads it, with
 * each part's place in the value.
 */
typedef struct
{
  gsize start;
  gsize end;
} Part;

static GArray *
split_legacy (const char *s,
              gboolean    tag)
{
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (Part));
  const char *seps = tag ? ", \t\r\n" : ",";
  gsize i = 0;
  gsize len = strlen (s);

  while (i < len)
    {
      gsize n = strcspn (s + i, seps);
      Part part = { i, i + n };

      while (part.start < part.end && g_ascii_isspace (s[part.start]))
        part.start++;
      while (part.end > part.start && g_ascii_isspace (s[part.end - 1]))
        part.end--;
      if (part.end > part.start)
        g_array_append_val (parts, part);
      i += n + 1;
    }

  return parts;
}

static gboolean
plain_single_line (Edit       *e,
                   const Node *node)
{
  if (node->style != YAML_PLAIN_SCALAR_STYLE)
    return FALSE;
  for (gsize i = node->span.start; i < node->span.end; i++)
    if (break_at (e, i) > 0)
      return FALSE;

  return TRUE;
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

  if (!edit_begin (&e, text, key, item, NULL, error))
    goto out;
  if (item[0] == '\0')
    {
      edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED, "%s", "an item cannot be empty");
      goto out;
    }

  property = sheaf_frontmatter_lookup (e.fm, key);
  if (property == NULL)
    {
      if (!edit_add_property (&e, key, NULL, item, error))
        goto out;
      result = edit_finish (&e, error);
      goto out;
    }

  node = edit_node (&e, property->value_node);
  if (!check_editable (node, key, error))
    goto out;

  if (node->kind == NODE_SEQUENCE && node->style)
    {
      g_autofree char *formatted = format_item (item, QUOTE_PLAIN, TRUE);

      /* Before the "]", not after the "[": a comment may follow the "[" */
      if (node->n_children == 0)
        edit_splice (&e, node->span.end - 1, node->span.end - 1, g_steal_pointer (&formatted));
      else
        {
          const Node *last = edit_child (&e, node, node->n_children - 1);
          g_autofree char *sep = NULL;

          /* Follow the author's separator ("," or ", ") when the last two share a line. */
          if (node->n_children >= 2)
            {
              const Node *prev = edit_child (&e, node, node->n_children - 2);
              gsize n = last->span.start - prev->span.end;
              const char *between = e.data + prev->span.end;

              if (n >= 1 && between[0] == ',' && strspn (between + 1, " ") == n - 1)
                sep = g_strndup (between, n);
            }
          edit_splice (&e, last->span.end, last->span.end,
                       g_strconcat (sep != NULL ? sep : ", ", formatted, NULL));
        }
    }
  else if (node->kind == NODE_SEQUENCE)
    {
      const Node *last = edit_child (&e, node, node->n_children - 1);
      gsize start, end;
      g_autofree char *prefix = NULL;
      g_autofree char *formatted = format_item (item, QUOTE_PLAIN, FALSE);

      if (block_item_lines (&e, last, &start, &end))
        {
          /* an empty last item ("-") has no space after its dash; "-x" is no item */
          prefix = g_strndup (e.data + start, last->span.start - start);
          if (!is_space (prefix[strlen (prefix) - 1]))
            replace_str (&prefix, g_strconcat (prefix, " ", NULL));
        }
      else
        {
          gssize indent = indent_of (&e, node->span.start);

          if (indent < 0)
            {
              edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                         "cannot find where the next item of “%s” goes", key);
              goto out;
            }
          prefix = g_strdup_printf ("%*s- ", (int)indent, "");
          end = yaml_line_after (&e, last->span.end);
        }
      edit_splice (&e, end, end, g_strconcat (prefix, formatted, e.eol, NULL));
    }
  else if (node->kind == NODE_SCALAR && node->type == SHEAF_VALUE_NULL)
    {
      const Node *key_node = edit_node (&e, property->key_node);
      gssize indent = indent_of (&e, key_node->span.start);
      gsize eol_pos = yaml_line_end (&e, node->span.end);
      g_autofree char *formatted = format_item (item, QUOTE_PLAIN, FALSE);

      if (node->in_flow || indent < 0)
        {
          edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                     "cannot turn “%s” into a list here", key);
          goto out;
        }
      if (node->span.start != node->span.end)
        edit_clear_value (&e, node);
      edit_splice (&e, eol_pos, eol_pos,
                   g_strdup_printf ("%s%*s  - %s", e.eol, (int)indent, "", formatted));
    }
  else if (node->kind == NODE_SCALAR)
    {
      g_autofree char *joined = g_strconcat (edit_text (&e, node), ", ", item, NULL);
      gboolean plain_ok, single_ok;

      check_scalar (joined, node->in_flow, &plain_ok, &single_ok);
      if (plain_single_line (&e, node) && plain_ok)
        edit_splice (&e, node->span.end, node->span.end, g_strconcat (", ", item, NULL));
      else
        edit_splice (&e, node->span.start, node->span.end,
                     format_scalar (joined, quote_of (node), node->in_flow));
    }
  else
    {
      edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED, "“%s” is a mapping, not a list", key);
      goto out;
    }

  result = edit_finish (&e, error);

out:
  edit_clear (&e);
  return result;
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
      const Node *item = edit_child (e, list, i);

      /* An empty "- " item has no bytes to rename or remove by name. */
      if (item->span.start == item->span.end)
        continue;
      if (item->text != NO_TEXT && item_matches (edit_text (e, item), wanted, tag))
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
      edit_fail (error, SHEAF_FRONTMATTER_ERROR_NO_SUCH_KEY, "no property “%s”", key);
      return NULL;
    }

  node = edit_node (e, property->value_node);
  if (node->kind == NODE_MAPPING)
    {
      edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED, "“%s” is a mapping, not a list", key);
      return NULL;
    }
  if (!check_editable (node, key, error))
    return NULL;

  return node;
}

/* Rewrites a legacy string value without part @skip, or with it replaced by @with. */
static void
edit_legacy_rewrite (Edit       *e,
                     const Node *node,
                     GArray     *parts,
                     guint       index,
                     const char *with)
{
  const char *value = edit_text (e, node);
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
    edit_clear_value (e, node);
  else
    edit_splice (e, node->span.start, node->span.end,
                 format_scalar (joined->str, quote_of (node), node->in_flow));
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
  Edit e;
  const Node *node;
  gboolean tag = is_tag_key (key);
  GBytes *result = NULL;
  gssize index;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!edit_begin (&e, text, key, item, NULL, error))
    goto out;
  if ((node = edit_find_list (&e, key, error)) == NULL)
    goto out;

  if (node->kind == NODE_SEQUENCE)
    {
      const Node *found;

      if ((index = find_item (&e, node, item, tag)) < 0)
        goto no_item;
      found = edit_child (&e, node, index);

      if (!node->style)
        {
          gsize start, end;

          if (!block_item_lines (&e, found, &start, &end))
            {
              edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                         "cannot find the line of “%s”", item);
              goto out;
            }
          edit_splice (&e, start, end, g_strdup (""));
        }
      else if (node->n_children == 1)
        edit_splice (&e, node->span.start + 1, node->span.end - 1, g_strdup (""));
      else if ((guint)index + 1 < node->n_children)
        edit_splice (&e, found->span.start, edit_child (&e, node, index + 1)->span.start,
                     g_strdup (""));
      else
        edit_splice (&e, edit_child (&e, node, index - 1)->span.end, found->span.end,
                     g_strdup (""));
    }
  else if (node->type != SHEAF_VALUE_NULL)
    {
      const char *value = edit_text (&e, node);
      g_autoptr(GArray) parts = split_legacy (value, tag);
      Part *part;

      if ((index = find_part (value, parts, item, tag)) < 0)
        goto no_item;
      part = &g_array_index (parts, Part, index);

      if (!plain_single_line (&e, node) || parts->len == 1)
        edit_legacy_rewrite (&e, node, parts, index, NULL);
      else if ((guint)index + 1 < parts->len)
        edit_splice (&e, node->span.start + part->start,
                     node->span.start + g_array_index (parts, Part, index + 1).start,
                     g_strdup (""));
      else
        edit_splice (&e, node->span.start + g_array_index (parts, Part, index - 1).end,
                     node->span.start + part->end, g_strdup (""));
    }
  else
    goto no_item;

  result = edit_finish (&e, error);
  goto out;

no_item:
  edit_fail (error, SHEAF_FRONTMATTER_ERROR_NO_SUCH_ITEM, "no item “%s”", item);

out:
  edit_clear (&e);
  return result;
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
  Edit e;
  const Node *node;
  gboolean tag = is_tag_key (key);
  GBytes *result = NULL;
  gssize index;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (old_item != NULL, NULL);
  g_return_val_if_fail (new_item != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!edit_begin (&e, text, key, old_item, new_item, error))
    goto out;
  if (new_item[0] == '\0')
    {
      edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED, "%s", "an item cannot be empty");
      goto out;
    }
  if ((node = edit_find_list (&e, key, error)) == NULL)
    goto out;

  if (node->kind == NODE_SEQUENCE)
    {
      const Node *found;

      if ((index = find_item (&e, node, old_item, tag)) < 0)
        goto no_item;
      found = edit_child (&e, node, index);
      if (found->kind != NODE_SCALAR || found->has_props)
        {
          edit_fail (error, SHEAF_FRONTMATTER_ERROR_UNSUPPORTED,
                     "“%s” is not a plain list item", old_item);
          goto out;
        }
      edit_splice (&e, found->span.start, found->span.end,
                   format_item (new_item, quote_of (found), node->style || found->in_flow));
    }
  else if (node->type != SHEAF_VALUE_NULL)
    {
      const char *value = edit_text (&e, node);
      g_autoptr(GArray) parts = split_legacy (value, tag);
      g_autoptr(GArray) new_parts = split_legacy (new_item, tag);
      Part *part;
      gboolean plain_ok, single_ok;

      if ((index = find_part (value, parts, old_item, tag)) < 0)
        goto no_item;
      part = &g_array_index (parts, Part, index);

      check_scalar (new_item, node->in_flow, &plain_ok, &single_ok);
      if (plain_single_line (&e, node) && plain_ok && new_parts->len == 1 &&
          g_array_index (new_parts, Part, 0).start == 0 &&
          g_array_index (new_parts, Part, 0).end == strlen (new_item))
        edit_splice (&e, node->span.start + part->start, node->span.start + part->end,
                     g_strdup (new_item));
      else
        edit_legacy_rewrite (&e, node, parts, index, new_item);
    }
  else
    goto no_item;

  result = edit_finish (&e, error);
  goto out;

no_item:
  edit_fail (error, SHEAF_FRONTMATTER_ERROR_NO_SUCH_ITEM, "no item “%s”", old_item);

out:
  edit_clear (&e);
  return result;
}
