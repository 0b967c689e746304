/* sheaf-preview-view-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cmark-gfm.h>

#include "sheaf-callout.h"
#include "sheaf-preview-view.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

/* cmark-gfm's extension node types: exported, but in no installed header. */
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;

/* Layout constants, in pixels. */
#define PV_PAGE_MARGIN    24  /* left and right of the text               */
#define PV_EMBED_MARGIN   10  /* the same, in an embedded note             */
#define PV_GAP            12  /* between paragraphs                       */
#define PV_ITEM_GAP        4  /* between the items of a tight list        */
#define PV_BOX_PAD        12  /* inside a callout, around its text        */
#define PV_BOX_ICON       26  /* room for a callout's icon                */
#define PV_TITLE_GAP       6  /* below a callout's title                  */
#define PV_QUOTE_INDENT   18  /* a block quote's text, right of its bar   */
#define PV_LIST_INDENT    26  /* a list item's text, right of its marker  */

typedef enum
{
  SPAN_WIKILINK,   /* a note link: [[x]], [x](x.md)   */
  SPAN_EXTERNAL,   /* http, https, mailto              */
  SPAN_TAG,        /* #tag, drawn as a chip            */
  SPAN_CODE,       /* inline code, drawn as a chip     */
  SPAN_FOOTNOTE,   /* a footnote reference             */
} SpanKind;

/* A clickable or decorated range of a block. Offsets are characters from the
 * block's start, which stay right as long as the block is not re-rendered. */
typedef struct
{
  int              start;
  int              end;
  SpanKind         kind;
  int              number;      /* SPAN_FOOTNOTE                          */
  char            *text;        /* the URI, the tag name                  */
  SheafLink        link;        /* SPAN_WIKILINK: a deep copy             */
  SheafResolution  resolution;
  char            *resolved;
} Span;

typedef enum
{
  BOX_CALLOUT,
  BOX_QUOTE,
} BoxKind;

/* A callout or block quote: drawn behind its text. */
typedef struct
{
  BoxKind                  kind;
  const SheafCalloutStyle *style;
  char                    *type;       /* canonical type, as the parse gives it */
  int                      start;      /* the first character                   */
  int                      body;       /* after the title line's newline        */
  int                      end;        /* after the last line's newline         */
  int                      left;       /* x of the box, from the text's left    */
  int                      right;      /* inset from the text's right edge      */
  int                      top_inset;  /* first line's top to the box's top     */
  int                      bottom_inset;
  guint                    foldable : 1;
  guint                    folded : 1;
} Box;

/* Where a source line begins in the rendered text, for scroll sync. */
typedef struct
{
  int   offset;   /* characters from the block's start        */
  guint line;     /* source line, relative to the block's first */
} Leaf;

/* Makes a child widget when its anchor comes near the visible area. */
typedef GtkWidget *(*ChildFactory) (SheafPreviewView *view,
                                    gpointer          data);

/* A widget at an anchor of a block. Widgets are made and attached lazily:
 * GTK 4.8 lays out the text down to every attached child to place it, so a
 * long note with children everywhere would be laid out whole at once. */
typedef struct
{
  GtkWidget          *widget;     /* NULL until made                      */
  GtkTextChildAnchor *anchor;
  ChildFactory        factory;
  gpointer            data;
  GDestroyNotify      data_free;
  int                 indent;     /* takes the text's width less this     */
  int                 height;     /* the height its line was laid out for */
  int                 margin_top;
  int                 margin_bottom;
  guint               sized : 1;  /* set to the text's width              */
  guint               attached : 1;
  void              (*resize) (GtkWidget *widget,
                               int        width);
} BlockChild;

/* One top-level block of the note and the range of the buffer it renders to. */
typedef struct
{
  guint64      key;        /* hash of its source and what it depends on */
  guint        line;       /* first source line, 1-based, whole file    */
  guint        end_line;
  gsize        byte;       /* first source byte, whole file             */
  GtkTextMark *mark;       /* at its first character; left gravity      */
  GArray      *spans;      /* Span, by start                            */
  GArray      *boxes;      /* Box, by start                             */
  GArray      *leaves;     /* Leaf, by offset                           */
  GArray      *children;   /* BlockChild                                */
  int          footnote;   /* a footnote definition's number, or 0      */
} Block;

/* What rendering one block needs from the note as a whole. */
typedef struct
{
  SheafNote        *note;
  const char       *path;
  const char       *text;        /* the note's bytes, or NULL            */
  gsize             length;
  guint             line_offset; /* file line = cmark line + this        */
  gsize             body_offset; /* file byte of cmark's line 1          */
  GArray           *line_starts; /* gsize: body offset of each body line */
  guint64           refs_key;    /* hash of the link reference definitions */
} RenderEnv;

struct _SheafPreviewView
{
  GtkTextView        parent_instance;

  /* Owned */
  SheafPreviewHost  *host;
  SheafNote         *note;
  char              *section;
  GPtrArray         *blocks;       /* Block                               */
  GHashTable        *tags;         /* name → GtkTextTag (borrowed)        */
  GCancellable      *cancellable;

  /* Borrowed */
  GtkGesture        *click;
  GtkTextBuffer     *buffer;
  GtkTextTag        *folded_tag;
  GtkTextTag        *link_tag;
  GtkTextTag        *unresolved_tag;
  GtkTextTag        *external_tag;
  GtkTextTag        *tag_tag;
  GtkTextTag        *code_tag;
  GtkTextTag        *highlight_tag;
  GtkTextTag        *quote_tag;
  GtkTextTag        *poke_tag;

  guint              depth;
  int                page_margin;
  guint              attach_idle;
  gpointer           pending;      /* blocks still to render, in idles    */
  guint              pending_idle;
  GtkAdjustment     *vadjustment;
  guint              n_rendered;
  int                text_width;
  GArray            *decorations;  /* Decoration, in buffer coordinates   */
  int                decorated_top;    /* the range of y they cover       */
  int                decorated_bottom;
  guint              decorate_idle;
  gboolean           dark;
  GdkRGBA            accent;
};

void          _sheaf_preview_view_free_block      (Block              *block);
void          _sheaf_preview_view_clear_span      (gpointer            data);
void          _sheaf_preview_view_clear_box       (gpointer            data);
int           _sheaf_preview_view_block_offset    (SheafPreviewView   *self,
                                                   guint               index);
void          _sheaf_preview_view_emit_rendered   (SheafPreviewView   *self,
                                                   guint               n_rendered);

/* sheaf-preview-update.c */
void          _sheaf_preview_view_update          (SheafPreviewView   *self,
                                                   gboolean            full);
void          _sheaf_preview_view_finish_pending  (SheafPreviewView   *self);
void          _sheaf_preview_view_drop_pending    (SheafPreviewView   *self);

/* sheaf-preview-children.c */
void          _sheaf_preview_view_queue_attach    (SheafPreviewView   *self);
void          _sheaf_preview_view_size_allocate   (GtkWidget          *widget,
                                                   int                 width,
                                                   int                 height,
                                                   int                 baseline);
void          _sheaf_preview_view_vadjustment_changed_cb (SheafPreviewView *self);
void          _sheaf_preview_view_notify_vadjustment_cb  (SheafPreviewView *self);
Block        *_sheaf_preview_view_block_at        (SheafPreviewView   *self,
                                                   const GtkTextIter  *iter,
                                                   int                *rel_offset,
                                                   guint              *index);
void          _sheaf_preview_view_block_start     (SheafPreviewView   *self,
                                                   Block              *block,
                                                   GtkTextIter        *iter);
GtkTextTag   *_sheaf_preview_view_get_tag         (SheafPreviewView   *self,
                                                   const char         *name);
GtkTextTag   *_sheaf_preview_view_margin_tag      (SheafPreviewView   *self,
                                                   int                 left,
                                                   int                 right,
                                                   int                 hanging);
GtkTextTag   *_sheaf_preview_view_spacing_tag     (SheafPreviewView   *self,
                                                   int                 above,
                                                   int                 below);
BlockChild   *_sheaf_preview_view_add_child       (SheafPreviewView   *self,
                                                   Block              *block,
                                                   GtkTextChildAnchor *anchor,
                                                   GtkWidget          *widget,
                                                   ChildFactory        factory,
                                                   gpointer            data,
                                                   GDestroyNotify      data_free,
                                                   int                 indent,
                                                   void              (*resize) (GtkWidget *, int));
void          _sheaf_preview_view_set_child_margins (SheafPreviewView *self,
                                                   Block              *block,
                                                   guint               index,
                                                   int                 top,
                                                   int                 bottom);
void          _sheaf_preview_view_create_tags     (SheafPreviewView   *self);
void          _sheaf_preview_view_update_colors   (SheafPreviewView   *self);
void          _sheaf_preview_view_emit_link       (SheafPreviewView   *self,
                                                   const SheafLink    *link,
                                                   gboolean            new_tab);
void          _sheaf_preview_view_emit_tag        (SheafPreviewView   *self,
                                                   const char         *tag);
gboolean      _sheaf_preview_view_open_uri        (SheafPreviewView   *self,
                                                   const char         *uri);
gboolean      _sheaf_preview_view_emit_task       (SheafPreviewView   *self,
                                                   guint               line,
                                                   gsize               start,
                                                   gsize               end,
                                                   gboolean            done);
void          _sheaf_preview_view_set_fold        (SheafPreviewView   *self,
                                                   Block              *block,
                                                   Box                *box,
                                                   gboolean            folded);

/* sheaf-preview-draw.c */
void          _sheaf_preview_view_queue_decorate  (SheafPreviewView   *self);
void          _sheaf_preview_view_decorate        (SheafPreviewView   *self);
void          _sheaf_preview_view_snapshot_layer  (GtkTextView        *text_view,
                                                   GtkTextViewLayer    layer,
                                                   GtkSnapshot        *snapshot);

/* sheaf-preview-input.c */
void          _sheaf_preview_view_init_input      (SheafPreviewView   *self);

/* sheaf-preview-render.c: renders @node (its lines moved by @line_delta,
 * see SheafParseBlock) at @iter, which ends after it. */
void          _sheaf_preview_render_block         (SheafPreviewView   *self,
                                                   const RenderEnv    *env,
                                                   Block              *block,
                                                   cmark_node         *node,
                                                   int                 line_delta,
                                                   GtkTextIter        *iter);
void          _sheaf_preview_render_frontmatter   (SheafPreviewView   *self,
                                                   const RenderEnv    *env,
                                                   Block              *block,
                                                   GtkTextIter        *iter);

G_END_DECLS
