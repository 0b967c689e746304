/* sheaf-syntax.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <glib.h>

G_BEGIN_DECLS

/* Sheaf's cmark-gfm syntax: the node types it adds and a parser factory.
 *
 * Everything here is set up once (g_once) and read-only afterwards, so
 * parsers may run on any number of threads at the same time. This is the
 * only place in Sheaf that should create a cmark parser with inline
 * extensions: see the note about cmark-gfm's global special-character table
 * at sheaf_syntax_parse(). */
typedef struct
{
  /* Inline nodes. */
  cmark_node_type wikilink;        /* one text child with what to show      */
  cmark_node_type highlight;       /* ==x==: inline children                */
  cmark_node_type comment;         /* %%x%%: no children, literal in content */
  cmark_node_type tag;             /* #tag: one text child "#tag"           */
  cmark_node_type math;            /* $x$: no children, literal in content  */
  /* Block nodes. */
  cmark_node_type comment_block;   /* %% … %% over whole blocks             */
  cmark_node_type math_block;      /* $$ … $$ paragraph                     */
  cmark_node_type callout_title;   /* first child of a callout blockquote   */

  cmark_syntax_extension *sheaf;   /* owns the types above                  */
  cmark_syntax_extension *tasklist;
} SheafSyntax;

const SheafSyntax *sheaf_syntax_get            (void);
cmark_node        *sheaf_syntax_parse          (const char *text,
                                                gsize       length,
                                                int         options,
                                                gboolean    inline_extensions);
cmark_node        *sheaf_syntax_parse_with_mem (const char *text,
                                                gsize       length,
                                                int         options,
                                                gboolean    inline_extensions,
                                                cmark_mem  *mem,
                                                guint16     open_flag);

G_END_DECLS
