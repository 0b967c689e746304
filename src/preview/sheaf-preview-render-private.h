/* sheaf-preview-render-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-preview-view-private.h"

G_BEGIN_DECLS

/* A tag to apply once the block's text is in the buffer. */
typedef struct
{
  int         start;
  int         end;
  GtkTextTag *tag;
} Run;

/* The state of rendering one top-level block. Offsets are characters from
 * the block's start. Text collects in @text and goes into the buffer in one
 * insert when a child anchor or the end of the block needs it; tags are
 * applied at the end, when every offset is final. */
typedef struct
{
  SheafPreviewView *view;
  const RenderEnv  *env;
  Block            *block;
  GtkTextBuffer    *buffer;
  GtkTextMark      *end_mark;      /* right gravity: where text goes          */
  int               block_start;   /* buffer offset of the block              */
  int               pos;           /* offset after the text so far            */
  GString          *text;          /* not yet in the buffer                   */
  GArray           *runs;          /* Run                                     */
  GArray           *styles;        /* Run: inline styles still open           */
  guint             node_line;     /* cmark line of the top-level node        */
  int               line_delta;    /* its tree's lines to body lines          */
  gsize             node_byte;     /* body offset of that line                */

  /* Where leaf lines go. */
  int               left;          /* left margin                              */
  int               right;         /* right margin                             */
  int               gap;           /* spacing below a leaf here                */
  guint             list_depth;
  const char       *marker;        /* a list marker for the next leaf          */
  char             *marker_buf;
  GtkWidget        *marker_widget; /* a task's check button, instead           */
  int               hanging;       /* the leaf begun has a marker: its indent  */
  gboolean          in_quote;

  /* The current leaf line, and the last one, whose spacing below is known
   * only when what follows it is. */
  int               line_start;
  int               above;
  int               last_start;    /* -1 when there is none                    */
  int               last_child;    /* the last line is this child's, or -1     */
  int               last_end;
  int               last_above;
  int               below_gap;
  int               below_pad;
  GArray           *opening;       /* guint: boxes waiting for their first line */
  GArray           *closing;       /* guint, int: boxes ending on the last line */
} Render;

void      _sheaf_render_flush_text     (Render       *r);
void      _sheaf_render_append         (Render       *r,
                                        const char   *text,
                                        gssize        length);
void      _sheaf_render_add_run        (Render       *r,
                                        int           start,
                                        int           end,
                                        GtkTextTag   *tag);
void      _sheaf_render_push_style     (Render       *r,
                                        GtkTextTag   *tag);
void      _sheaf_render_pop_style      (Render       *r);
GtkTextChildAnchor *
          _sheaf_render_anchor         (Render       *r);
Span     *_sheaf_render_add_span       (Render       *r,
                                        SpanKind      kind,
                                        int           start,
                                        int           end);

void      _sheaf_render_begin_leaf     (Render       *r,
                                        cmark_node   *node);
void      _sheaf_render_end_leaf       (Render       *r);
void      _sheaf_render_widget_leaf    (Render       *r,
                                        cmark_node   *node,
                                        GtkWidget    *widget,
                                        void        (*resize) (GtkWidget *, int));

/* sheaf-preview-inline.c */
void      _sheaf_render_inlines        (Render       *r,
                                        cmark_node   *parent);
gboolean  _sheaf_render_is_block_embed (Render       *r,
                                        cmark_node   *paragraph);
void      _sheaf_render_block_embed    (Render       *r,
                                        cmark_node   *paragraph);
char     *_sheaf_render_inline_markup  (SheafPreviewView *view,
                                        const RenderEnv  *env,
                                        cmark_node       *parent,
                                        GPtrArray        *links);

G_END_DECLS
