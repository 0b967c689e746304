/* sheaf-markdown-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-markdown.h"
#include "sheaf-syntax.h"

G_BEGIN_DECLS

/* The Markdown parse is split by concern (how it works: sheaf-markdown.c):
 *
 *   sheaf-markdown.c          parse entry point, the result and its accessors
 *   sheaf-markdown-content.c  a block's content: lines, file offsets, inline
 *                             segments, and tree surgery on them
 *   sheaf-markdown-scan.c     tokens in the inlines: wikilinks, embeds, tags,
 *                             comments, math
 *   sheaf-markdown-blocks.c   the block walk and each block's facts: headings,
 *                             links, block ids, task items, fenced %% / $$ runs
 *   sheaf-markdown-callout.c  callouts: the [!type] header and the title block
 *   sheaf-markdown-edit.c     re-parsing only the blocks an edit touched
 *   sheaf-markdown-compact.c  the results a vault keeps: compact links, pooled
 *                             strings
 *   sheaf-markdown-props.c    links written in the frontmatter's values
 *
 * This header is for those files only.
 */

/* cmark's columns are ints; far beyond any note and the 50 MB target. */
#define MAX_BODY ((gsize) 1 << 30)

typedef struct
{
  const SheafLink    *link;
  const SheafCallout *callout;
  const char         *tag;
  const char         *block_id;
} NodeInfo;

/* Where a top-level block's source begins: its range runs to the next
 * block's start (blank lines after a block are its own), the first block's
 * from the start of the body. @base is the parse whose tree holds the node. */
typedef struct
{
  gsize             start;
  guint             line;
  SheafParseResult *base;
} BlockPlace;

/* A link of a compact result (see sheaf-markdown-compact.c). */
typedef struct
{
  const char *target;     /* in the string pool */
  guint32     start;      /* span */
  guint32     end;
  guint32     line_kind;  /* line << 2 | SheafLinkKind */
  guint32     extra;      /* 0, or 1 + an index into the result's link_extras */
} CompactLink;

/* Files this long keep SheafLinks: CompactLink's offsets and lines are 30 bits. */
#define COMPACT_MAX ((gsize) 1 << 30)

/* What few links have: offsets + 1 into the result's strings, 0 for none. */
typedef struct
{
  guint32 fragment;
  guint32 display;
  guint32 raw;            /* 0: the canonical form of the others (rebuilt) */
  guint32 property;       /* links in the frontmatter: the key */
} LinkExtra;

/* The links of the frontmatter, which come before the body's: found in
 * @frontmatter's values, or copied from @links (a reparse keeps them). */
typedef struct
{
  SheafFrontmatter *frontmatter;
  const SheafLink  *links;
  guint             n_links;
} PropertyLinks;

/* What only results with a kept tree have (kept apart: a vault holds 100 000
 * results without one). */
typedef struct
{
  cmark_node       *document;       /* bases */
  NodeInfo         *node_infos;     /* bases */

  /* The top-level blocks, and where each begins. */
  SheafParseBlock  *blocks;
  BlockPlace       *places;
  guint             n_blocks;

  /* Reparses only. */
  GPtrArray        *bases;          /* SheafParseResult                */
  gpointer          facts;          /* the copied facts, one block     */
  GBytes           *text;
  GMutex            lock;
  SheafParseResult *full;           /* made by the first get_document() */
  SheafParseResult *props;          /* the base whose strings the frontmatter's
                                     * links point into (one of @bases)       */
} ParseTree;

/* Three kinds of result. A full parse ("base") owns its tree, and its facts
 * and their strings share its one allocation. A reparse owns neither: its
 * blocks are nodes of the trees of the bases it holds (a node has one parent,
 * so trees are shared, never moved), its facts are a copy with the moved
 * ones shifted, and their strings stay in the bases. A parse without a tree
 * (what the vault keeps of every note) is compact: one allocation with its
 * links as CompactLinks and its shared strings in the string pool (see
 * sheaf-markdown-compact.c). */
struct _SheafParseResult
{
  gatomicrefcount   ref_count;
  guint             n_headings;
  SheafHeading     *headings;
  SheafLink        *links;          /* compact results: NULL until asked for */
  CompactLink      *compact_links;  /* compact results: what is kept */
  LinkExtra        *link_extras;
  SheafTag         *tags;
  SheafCallout     *callouts;
  SheafBlockId     *block_ids;
  char             *strings;
  ParseTree        *tree;           /* NULL without a kept tree */
  guint             n_links;
  guint             n_tags;
  guint             n_callouts;
  guint             n_block_ids;
  gsize             body_offset;
  gsize             length;         /* bytes of the file parsed       */
  guint             first_line;     /* file line of the body's start  */
  guint             keep_tree : 1;
  guint             unsafe : 1;     /* see _sheaf_markdown_text_is_unsafe() */
  guint             compact : 1;    /* no tree (sheaf-markdown-compact.c) */
  guint             pooled : 1;     /* compact, its shared strings in the pool */
};

/* Facts hold their strings as offsets + 1 into Ctx.strings until the end. */
#define NO_STRING ((char *) NULL)

static inline char *
_sheaf_markdown_fix_string (char *strings,
                            char *interned)
{
  return interned == NO_STRING ? NULL : strings + GPOINTER_TO_SIZE (interned) - 1;
}

typedef struct
{
  int link;
  int callout;
  int tag;
  int block_id;
} NodeInfoIndex;

typedef enum
{
  SEG_TEXT,
  SEG_BARRIER,   /* code span, raw HTML, footnote reference */
  SEG_BREAK,     /* soft or hard line break */
} SegKind;

typedef struct
{
  cmark_node *node;     /* NULL once the node is gone */
  gsize       s;        /* content range of a text node */
  gsize       e;
  guint8      kind;
  guint8      in_link;
} Segment;

typedef struct
{
  /* The whole parse. */
  const SheafSyntax *syn;
  cmark_mem         *mem;
  const char        *body;
  gsize              body_len;
  gsize              body_offset;  /* file byte of body[0]                    */
  gsize              body_start;   /* file byte where the note's body begins: a
                                    * reparse of part of it starts later     */
  gboolean           keep_tree;    /* the tree is the caller's, not dropped */
  guint              first_line;   /* file line of body line 1 */
  GArray            *line_starts;  /* gsize: body offset of each body line, + end */
  guint              quote_depth;

  /* Facts; strings are offsets + 1 into @strings until the end. */
  GString           *strings;
  GArray            *headings;
  GArray            *links;
  GArray            *tags;
  GArray            *callouts;
  GArray            *block_ids;
  GPtrArray         *info_nodes;
  GArray            *info_indexes;
  GArray            *pending_links;  /* SheafLink of wikilink nodes, per block */
  GArray            *pending_tags;   /* SheafTag of tag nodes, per block */
  GString           *scratch;

  /* The block being scanned. */
  cmark_node        *block;
  const char        *content;
  gsize              content_len;
  int                block_line;     /* cmark line of content line 0 */
  int                block_offset;   /* cmark column of content line 0, minus 1 */
  gboolean           is_cell;
  gboolean           is_atx;
  gboolean           has_link;       /* holds a link or image with children */
  gboolean           literals;       /* text nodes must keep showing their text */
  GArray            *cls;            /* gsize: content line starts, + content_len + 1 */
  GArray            *cfile;          /* gssize: body offset of each content line, or -1 */
  gboolean           cfile_ready;
  GArray            *segments;
  GPtrArray         *ancestors;
} Ctx;

static inline guint
_sheaf_markdown_file_line (Ctx *ctx,
                           int  body_line_number)
{
  return ctx->first_line + MAX (body_line_number, 1) - 1;
}

static inline guint
_sheaf_markdown_n_content_lines (Ctx *ctx)
{
  return ctx->cls->len - 1;
}

static inline Segment *
_sheaf_markdown_segment (Ctx   *ctx,
                         guint  i)
{
  return &g_array_index (ctx->segments, Segment, i);
}

/* Both ends of [*s, *e) in @c moved past white space. */
static inline void
_sheaf_markdown_trim_range (const char *c,
                            gsize      *s,
                            gsize      *e)
{
  while (*s < *e && g_ascii_isspace (c[*s]))
    (*s)++;
  while (*e > *s && g_ascii_isspace (c[*e - 1]))
    (*e)--;
}

/* sheaf-markdown.c */
SheafParseResult *_sheaf_markdown_parse_range        (const char      *text,
                                                      gsize            start,
                                                      gsize            end,
                                                      gsize            text_end,
                                                      guint            first_line,
                                                      gsize            body_start,
                                                      guint            body_line,
                                                      const PropertyLinks *props,
                                                      SheafParseFlags  flags);
SheafParseResult *_sheaf_markdown_parse_body         (const char      *text,
                                                      gsize            length,
                                                      gsize            body_offset,
                                                      const PropertyLinks *props,
                                                      SheafParseFlags  flags);
gboolean        _sheaf_markdown_text_is_unsafe       (const char      *text,
                                                      gsize            length);
char           *_sheaf_markdown_intern               (Ctx             *ctx,
                                                      const char      *s,
                                                      gssize           len);
NodeInfoIndex  *_sheaf_markdown_node_info            (Ctx             *ctx,
                                                      cmark_node      *node);
gpointer        _sheaf_markdown_place_array          (GArray          *array,
                                                      guint           *n,
                                                      guint8         **at);

/* sheaf-markdown-compact.c */
SheafParseResult *_sheaf_markdown_finish_compact     (Ctx             *ctx);
SheafLink      *_sheaf_markdown_build_links          (SheafParseResult *self);
void            _sheaf_markdown_release_pooled       (SheafParseResult *self);

/* sheaf-markdown-content.c */
gboolean        _sheaf_markdown_body_line            (Ctx             *ctx,
                                                      int              line,
                                                      gsize           *start,
                                                      gsize           *end);
void            _sheaf_markdown_raw_insert_before    (cmark_node      *sibling,
                                                      cmark_node      *node);
void            _sheaf_markdown_raw_append_child     (cmark_node      *parent,
                                                      cmark_node      *node);
cmark_node     *_sheaf_markdown_new_node             (Ctx             *ctx,
                                                      cmark_node_type  type);
cmark_node     *_sheaf_markdown_new_text             (Ctx             *ctx,
                                                      const char      *literal);
void            _sheaf_markdown_copy_position        (cmark_node      *to,
                                                      cmark_node      *from);
void            _sheaf_markdown_begin_block          (Ctx             *ctx,
                                                      cmark_node      *block,
                                                      int              line,
                                                      int              offset);
void            _sheaf_markdown_content_line         (Ctx             *ctx,
                                                      guint            i,
                                                      gsize           *start,
                                                      gsize           *end);
guint           _sheaf_markdown_content_line_of      (Ctx             *ctx,
                                                      gsize            offset);
gboolean        _sheaf_markdown_position_to_content  (Ctx             *ctx,
                                                      int              line,
                                                      int              column,
                                                      gsize           *offset);
gboolean        _sheaf_markdown_content_span         (Ctx             *ctx,
                                                      gsize            s,
                                                      gsize            e,
                                                      SheafSpan       *span,
                                                      guint           *line);
void            _sheaf_markdown_collect_segments     (Ctx             *ctx);
gboolean        _sheaf_markdown_first_segment_covers (Ctx             *ctx,
                                                      gsize            len);
void            _sheaf_markdown_replace_range        (Ctx             *ctx,
                                                      guint            ia,
                                                      gsize            a,
                                                      guint            ib,
                                                      gsize            b,
                                                      cmark_node      *replacement);

/* sheaf-markdown-props.c */
void            _sheaf_markdown_add_property_links   (Ctx             *ctx,
                                                      const PropertyLinks *props);
guint           _sheaf_markdown_n_property_links     (SheafParseResult *self);

/* sheaf-markdown-scan.c */
gboolean        _sheaf_markdown_split_wikilink       (Ctx             *ctx,
                                                      const char      *inner,
                                                      gsize            len,
                                                      SheafLink       *link);
cmark_node     *_sheaf_markdown_make_literal_node    (Ctx             *ctx,
                                                      cmark_node_type  type,
                                                      gsize            s,
                                                      gsize            e);
void            _sheaf_markdown_scan_tokens          (Ctx             *ctx);

/* sheaf-markdown-blocks.c */
void            _sheaf_markdown_append_plain         (Ctx             *ctx,
                                                      GString         *out,
                                                      cmark_node      *root);
void            _sheaf_markdown_collect_facts        (Ctx             *ctx,
                                                      cmark_node      *root);
void            _sheaf_markdown_walk_blocks          (Ctx             *ctx,
                                                      cmark_node      *document);

/* sheaf-markdown-callout.c */
gboolean        _sheaf_markdown_parse_callout        (Ctx             *ctx,
                                                      SheafCallout    *callout,
                                                      gsize           *header_len,
                                                      char           **written_type);
void            _sheaf_markdown_add_callout          (Ctx             *ctx,
                                                      cmark_node      *quote,
                                                      SheafCallout    *callout,
                                                      const char      *written_type);
void            _sheaf_markdown_finish_callout       (Ctx             *ctx,
                                                      cmark_node      *paragraph,
                                                      const char      *written_type);

G_END_DECLS
