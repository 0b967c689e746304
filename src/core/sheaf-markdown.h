/* sheaf-markdown.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cmark-gfm.h>

#include "sheaf-types.h"

G_BEGIN_DECLS

/* The facts a parse finds. Lines are 1-based line numbers in the whole file and
 * spans are byte offsets in the whole file (frontmatter included), so callers never
 * need to know where the body started. All strings are owned by the result. */

/* The text first leaves no padding (32 bytes, not 40): a vault holds a million. */
typedef struct
{
  char      *text;      /* plain text of the heading, inline markup removed */
  int        level;
  guint      line;
  SheafSpan  span;
} SheafHeading;

typedef struct
{
  SheafLinkKind  kind;
  char          *raw;       /* the link's source text, e.g. "[[Note#H|shown]]"     */
  char          *target;    /* "Note"; for Markdown links percent-decoded; "" for
                             * a same-note link such as [[#Heading]]                */
  char          *fragment;  /* NULL, or what follows the first '#': "H1#H2", "^id"  */
  char          *display;   /* NULL, or the text after '|' (embeds: the size)       */
  guint          line;
  SheafSpan      span;      /* in the frontmatter, empty at the value's start when
                             * the value is not written as is (escapes): such a
                             * link cannot be edited in place                      */
  char          *property;  /* NULL in the body; in the frontmatter, the key of the
                             * value it is written in ("categories")               */
} SheafLink;

typedef struct
{
  char      *name;          /* without the leading '#', as written */
  guint      line;
  SheafSpan  span;
} SheafTag;

typedef struct
{
  char             *type;     /* canonical lower-case type; unknown types keep their name */
  char             *meta;     /* NULL, or what follows '|' in [!type|meta]                 */
  char             *title;    /* plain text of the title (the default title when none)     */
  SheafCalloutFold  fold;
  guint             depth;    /* 1 = top level                                             */
  guint             line;
} SheafCallout;

typedef struct
{
  char  *id;                  /* without the '^' */
  guint  line;
} SheafBlockId;

/* A top-level block of a kept tree. A reparse shares the nodes of blocks an
 * edit did not reach with the result it started from, so their cmark lines
 * are those of the parse that made them: add @line_delta (to the lines of
 * every node below @node too, but for those with no position: line 0) for
 * the cmark line a full parse would give, that is the 1-based line in the
 * body. Columns and everything else are as a full parse makes them. */
typedef struct
{
  cmark_node *node;
  int         line_delta;
} SheafParseBlock;

/* An edit of a file, in bytes: [start, old_end) of the old file became
 * [start, new_end) of the new one. */
typedef struct
{
  gsize start;
  gsize old_end;
  gsize new_end;
} SheafTextEdit;

typedef enum
{
  SHEAF_PARSE_DEFAULT   = 0,
  SHEAF_PARSE_KEEP_TREE = 1 << 0,  /* keep the cmark tree for rendering; the index drops it */
} SheafParseFlags;

#define SHEAF_TYPE_PARSE_RESULT (sheaf_parse_result_get_type ())

GType               sheaf_parse_result_get_type        (void) G_GNUC_CONST;

SheafParseResult   *sheaf_markdown_parse               (const char        *text,
                                                        gsize              length,
                                                        gsize              body_offset,
                                                        SheafParseFlags    flags);

SheafParseResult   *sheaf_markdown_parse_note          (const char        *text,
                                                        gsize              length,
                                                        SheafFrontmatter  *frontmatter,
                                                        SheafParseFlags    flags);

SheafParseResult   *sheaf_markdown_reparse             (SheafParseResult  *previous,
                                                        GBytes            *bytes,
                                                        gsize              body_offset,
                                                        const SheafTextEdit *edit,
                                                        SheafParseFlags    flags);

SheafParseResult   *sheaf_parse_result_ref             (SheafParseResult  *self);
void                sheaf_parse_result_unref           (SheafParseResult  *self);
cmark_node         *sheaf_parse_result_get_document    (SheafParseResult  *self);
gboolean            sheaf_parse_result_has_tree        (SheafParseResult  *self);
const SheafParseBlock *sheaf_parse_result_get_blocks   (SheafParseResult  *self,
                                                        guint             *n_blocks);
gboolean            sheaf_parse_result_is_partial      (SheafParseResult  *self);
const SheafHeading *sheaf_parse_result_get_headings    (SheafParseResult  *self,
                                                        guint             *n_headings);
const SheafLink    *sheaf_parse_result_get_links       (SheafParseResult  *self,
                                                        guint             *n_links);
guint               sheaf_parse_result_get_n_links     (SheafParseResult  *self);
const char         *sheaf_parse_result_get_link_target (SheafParseResult  *self,
                                                        guint              index);
guint               sheaf_parse_result_get_link_line   (SheafParseResult  *self,
                                                        guint              index);
const SheafTag     *sheaf_parse_result_get_tags        (SheafParseResult  *self,
                                                        guint             *n_tags);
const SheafCallout *sheaf_parse_result_get_callouts    (SheafParseResult  *self,
                                                        guint             *n_callouts);
const SheafBlockId *sheaf_parse_result_get_block_ids   (SheafParseResult  *self,
                                                        guint             *n_block_ids);

/* Sheaf's own node types in a kept tree, for the preview. */
gboolean             sheaf_markdown_node_is_wikilink   (cmark_node        *node);
gboolean             sheaf_markdown_node_is_highlight  (cmark_node        *node);
gboolean             sheaf_markdown_node_is_comment    (cmark_node        *node);
gboolean             sheaf_markdown_node_is_tag        (cmark_node        *node);
gboolean             sheaf_markdown_node_is_math       (cmark_node        *node);
gboolean             sheaf_markdown_node_is_callout    (cmark_node        *node);
gboolean             sheaf_markdown_node_is_callout_title (cmark_node     *node);
const SheafLink     *sheaf_markdown_node_get_link      (cmark_node        *node);
const SheafCallout  *sheaf_markdown_node_get_callout   (cmark_node        *node);
const char          *sheaf_markdown_node_get_tag       (cmark_node        *node);
const char          *sheaf_markdown_node_get_block_id  (cmark_node        *node);
/* Added: block forms of comments and math also answer TRUE to is_comment /
 * is_math; these tell them apart. get_literal gives the source of a math or
 * comment node (without the $ or %% markers). */
gboolean             sheaf_markdown_node_is_comment_block (cmark_node     *node);
gboolean             sheaf_markdown_node_is_math_block (cmark_node        *node);
const char          *sheaf_markdown_node_get_literal   (cmark_node        *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafParseResult, sheaf_parse_result_unref)

G_END_DECLS
