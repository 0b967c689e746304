/* sheaf-frontmatter-yaml.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-frontmatter"

#include "config.h"

#include <string.h>
#include <yaml.h>

#include "sheaf-frontmatter-private.h"

/* From libyaml's events to the node tree, then to properties, tags, aliases and the
 * title. Errors are placed by line and column in the file.
 */

/* Collections nested deeper than this are refused: no note needs them, and it keeps
 * the recursive JSON conversion (and anyone walking the values) off the stack limit.
 */
#define MAX_DEPTH 64

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

/* ------------------------------------------------------------------------------------------ */
/* Small helpers                                                                              */

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

  return _sheaf_frontmatter_infer_type (value, event->data.scalar.length);
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

  /* Whether the value is written as is: a link in it can then be edited in place
   * (sheaf_property_get_value_source()). */
  if (node->style == YAML_PLAIN_SCALAR_STYLE || node->style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
      node->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
    {
      gsize quotes = node->style == YAML_PLAIN_SCALAR_STYLE ? 0 : 2;
      gsize len = event->data.scalar.length;

      node->verbatim = node->span.end - node->span.start == len + quotes &&
                       memcmp (b->text + node->span.start + quotes / 2,
                               event->data.scalar.value, len) == 0;
    }

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
/* Errors                                                                                     */

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

/* ------------------------------------------------------------------------------------------ */
/* Parsing                                                                                    */

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

/* ------------------------------------------------------------------------------------------ */
/* Tags, aliases and the title                                                                */

/* "tags", or the legacy "tag". */
gboolean
_sheaf_frontmatter_is_tag_key (const char *key)
{
  return strcmp (key, "tags") == 0 || strcmp (key, "tag") == 0;
}

/* A legacy string value ("a, b", and for tags also "a b") as parts: what the
 * parser reads as names, and what the edits find items in.
 */
GArray *
_sheaf_frontmatter_split_legacy (const char *s,
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
      g_autoptr(GArray) parts = _sheaf_frontmatter_split_legacy (copy, tag);

      *was_string = TRUE;
      for (guint i = 0; i < parts->len; i++)
        {
          const Part *part = &g_array_index (parts, Part, i);

          add_name (b, out, copy + part->start, part->end - part->start, NO_TEXT, tag);
        }
    }
}

/* A vault keeps the frontmatter of every note: what the parse grew its
 * buffers to is cut back to what they hold, which for a typical note is half
 * of the allocation. */
static char *
steal_strings (Builder *b)
{
  gsize len = b->strings->len;

  return g_realloc (g_string_free (g_steal_pointer (&b->strings), FALSE), len + 1);
}

static gpointer
steal_array (GArray *array)
{
  gsize size = (gsize) MAX (array->len, 1) * g_array_get_element_size (array);

  return g_realloc (g_array_free (array, FALSE), size);
}

/* NULL for none: sheaf_frontmatter_parse() puts its shared empty array there. */
static const char **
strv_from_offsets (const char *strings,
                   GArray     *offsets)
{
  const char **strv;

  if (offsets->len == 0)
    return NULL;

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
      if (_sheaf_frontmatter_is_tag_key (key))
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
  self->strings = steal_strings (b);
  self->tags = strv_from_offsets (self->strings, tags);
  self->aliases = strv_from_offsets (self->strings, aliases);
  if (title != NO_TEXT)
    self->title = self->strings + title;
}

void
_sheaf_frontmatter_parse_yaml (SheafFrontmatter *self,
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
      g_clear_pointer (&self->tags, g_free);
      g_clear_pointer (&self->aliases, g_free);
      g_array_set_size (b.nodes, 0);
      g_array_set_size (b.children, 0);
    }

  if (b.strings != NULL)
    self->strings = steal_strings (&b);
  self->nodes = steal_array (b.nodes);
  self->children = steal_array (b.children);
  g_array_unref (b.frames);
  g_array_unref (b.pending);
}
