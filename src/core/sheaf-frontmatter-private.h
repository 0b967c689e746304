/* sheaf-frontmatter-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-frontmatter.h"

G_BEGIN_DECLS

/* SheafFrontmatter is split by concern:
 *
 *   sheaf-frontmatter.c            the boxed type: the block split, parse entry, getters
 *   sheaf-frontmatter-yaml.c       libyaml events into nodes, properties, tags and aliases
 *   sheaf-frontmatter-value.c      what a plain scalar means, how to write one, JSON
 *   sheaf-frontmatter-edit.c       splice edits: the machinery and single values
 *   sheaf-frontmatter-edit-list.c  splice edits on list items (add, remove, rename)
 *
 * This header is for those files only.
 */

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
  guint8    verbatim : 1;  /* a plain or quoted scalar whose source, quotes aside, is
                            * its value byte for byte (no escapes, no folding) */
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
  const char      **tags;         /* NULL until the parse ends, when there are none */
  const char      **aliases;
  const char       *title;
  SheafLegacyFlags  legacy;
};

typedef enum
{
  QUOTE_PLAIN,
  QUOTE_SINGLE,
  QUOTE_DOUBLE,
} Quote;

/* Splice edits: change only the bytes of one value, in the author's style. */
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

/* A legacy string value ("a, b" or "a b"), split the way the parser reads it, with
 * each part's place in the value.
 */
typedef struct
{
  gsize start;
  gsize end;
} Part;

static inline gboolean
_sheaf_frontmatter_is_space (char c)
{
  return c == ' ' || c == '\t';
}

static inline const Node *
_sheaf_frontmatter_edit_node (Edit  *e,
                              guint  index)
{
  return &e->fm->nodes[index];
}

static inline const Node *
_sheaf_frontmatter_edit_child (Edit       *e,
                               const Node *node,
                               guint       index)
{
  return &e->fm->nodes[e->fm->children[node->first_child + index]];
}

static inline const char *
_sheaf_frontmatter_edit_text (Edit       *e,
                              const Node *node)
{
  return e->fm->strings + node->text;
}

/* sheaf-frontmatter.c */
gsize           _sheaf_frontmatter_line_end               (const char  *text,
                                                           gsize        len,
                                                           gsize        pos,
                                                           gsize       *next);

/* sheaf-frontmatter-yaml.c */
void            _sheaf_frontmatter_parse_yaml             (SheafFrontmatter *self,
                                                           const char       *text);
gboolean        _sheaf_frontmatter_is_tag_key             (const char  *key);
GArray         *_sheaf_frontmatter_split_legacy           (const char  *s,
                                                           gboolean     tag);

/* sheaf-frontmatter-value.c */
SheafValueType  _sheaf_frontmatter_infer_type             (const char  *s,
                                                           gsize        len);
void            _sheaf_frontmatter_check_scalar           (const char  *s,
                                                           gboolean     flow,
                                                           gboolean    *plain_ok,
                                                           gboolean    *single_ok);
void            _sheaf_frontmatter_append_scalar          (GString     *out,
                                                           const char  *s,
                                                           Quote        prefer,
                                                           gboolean     flow);
char           *_sheaf_frontmatter_format_scalar          (const char  *s,
                                                           Quote        prefer,
                                                           gboolean     flow);
char           *_sheaf_frontmatter_format_item            (const char  *s,
                                                           Quote        prefer,
                                                           gboolean     flow);
Quote           _sheaf_frontmatter_quote_of               (const Node  *node);

/* sheaf-frontmatter-edit.c */
gboolean        _sheaf_frontmatter_edit_begin             (Edit        *e,
                                                           GBytes      *text,
                                                           const char  *key,
                                                           const char  *value,
                                                           const char  *value2,
                                                           GError     **error);
GBytes         *_sheaf_frontmatter_edit_finish            (Edit        *e,
                                                           GError     **error);
void            _sheaf_frontmatter_edit_clear             (Edit        *e);
gboolean        _sheaf_frontmatter_edit_fail              (GError     **error,
                                                           int          code,
                                                           const char  *format,
                                                           ...) G_GNUC_PRINTF (3, 4);
void            _sheaf_frontmatter_edit_splice            (Edit        *e,
                                                           gsize        start,
                                                           gsize        end,
                                                           char        *insert);
gsize           _sheaf_frontmatter_edit_line_end          (Edit        *e,
                                                           gsize        pos);
gsize           _sheaf_frontmatter_edit_line_after        (Edit        *e,
                                                           gsize        end);
gssize          _sheaf_frontmatter_edit_indent_of         (Edit        *e,
                                                           gsize        pos);
gboolean        _sheaf_frontmatter_edit_block_item_lines  (Edit        *e,
                                                           const Node  *item,
                                                           gsize       *start,
                                                           gsize       *end);
gboolean        _sheaf_frontmatter_edit_plain_single_line (Edit        *e,
                                                           const Node  *node);
GBytes         *_sheaf_frontmatter_edit_add_property      (Edit        *e,
                                                           const char  *key,
                                                           const char  *value,
                                                           const char  *item,
                                                           GError     **error);
void            _sheaf_frontmatter_edit_clear_value       (Edit        *e,
                                                           const Node  *value);
void            _sheaf_frontmatter_edit_replace_scalar    (Edit        *e,
                                                           const Node  *value,
                                                           const char  *text);
gboolean        _sheaf_frontmatter_edit_check_editable    (const Node  *node,
                                                           const char  *key,
                                                           GError     **error);

G_END_DECLS
