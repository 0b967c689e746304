/* sheaf-syntax.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-syntax"

#include "config.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>
/* A private cmark-gfm header (Debian ships it) for the node's positions. */
#include <cmark-gfm/node.h>
#include <cmark-gfm/parser.h>

#include "sheaf-syntax.h"

/* A delimiter run longer than this is never a highlight. */
#define MAX_DELIMS 100

static SheafSyntax syntax;

/* cmark-gfm's core extensions, in the order they are attached. */
static cmark_syntax_extension *core_extensions[4];

static const char *
sheaf_get_type_string (cmark_syntax_extension *extension,
                       cmark_node             *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == syntax.wikilink)
    return "sheaf_wikilink";
  if (type == syntax.highlight)
    return "sheaf_highlight";
  if (type == syntax.comment)
    return "sheaf_comment";
  if (type == syntax.tag)
    return "sheaf_tag";
  if (type == syntax.math)
    return "sheaf_math";
  if (type == syntax.comment_block)
    return "sheaf_comment_block";
  if (type == syntax.math_block)
    return "sheaf_math_block";
  if (type == syntax.callout_title)
    return "sheaf_callout_title";

  return "<unknown>";
}

static int
sheaf_can_contain (cmark_syntax_extension *extension,
                   cmark_node             *node,
                   cmark_node_type         child_type)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == syntax.wikilink || type == syntax.highlight ||
      type == syntax.tag || type == syntax.callout_title)
    return CMARK_NODE_TYPE_INLINE_P (child_type);

  return FALSE;
}

/* ==highlight== works like GFM's ~~strikethrough~~: push a delimiter for a
 * run of exactly two '=' and let cmark's emphasis pass pair them up. */
static cmark_node *
highlight_match (cmark_syntax_extension *extension,
                 cmark_parser           *parser,
                 cmark_node             *parent,
                 unsigned char           character,
                 cmark_inline_parser    *inline_parser)
{
  int left_flanking, right_flanking, punct_before, punct_after;
  int n_delims;
  char buffer[MAX_DELIMS + 1];
  cmark_node *text;

  if (character != '=')
    return NULL;

  n_delims = cmark_inline_parser_scan_delimiters (inline_parser, MAX_DELIMS, '=',
                                                  &left_flanking, &right_flanking,
                                                  &punct_before, &punct_after);
  memset (buffer, '=', n_delims);
  buffer[n_delims] = '\0';

  text = cmark_node_new_with_mem (CMARK_NODE_TEXT, cmark_node_mem (parent));
  cmark_node_set_literal (text, buffer);
  text->start_line = text->end_line = cmark_inline_parser_get_line (inline_parser);
  text->start_column = cmark_inline_parser_get_column (inline_parser) - n_delims;
  text->end_column = cmark_inline_parser_get_column (inline_parser) - 1;

  if (n_delims == 2 && (left_flanking || right_flanking))
    cmark_inline_parser_push_delimiter (inline_parser, character,
                                        left_flanking, right_flanking, text);

  return text;
}

static delimiter *
highlight_insert (cmark_syntax_extension *extension,
                  cmark_parser           *parser,
                  cmark_inline_parser    *inline_parser,
                  delimiter              *opener,
                  delimiter              *closer)
{
  delimiter *next_closer = closer->next;
  delimiter *delim;
  cmark_node *node = opener->inl_text;

  if (cmark_node_set_type (node, syntax.highlight))
    {
      cmark_node *child = cmark_node_next (node);

      cmark_node_set_syntax_extension (node, extension);
      while (child != NULL && child != closer->inl_text)
        {
          cmark_node *next = cmark_node_next (child);

          cmark_node_append_child (node, child);
          child = next;
        }
      node->end_column = closer->inl_text->end_column;
      cmark_node_free (closer->inl_text);
    }

  delim = closer;
  while (delim != NULL && delim != opener)
    {
      delimiter *previous = delim->previous;

      cmark_inline_parser_remove_delimiter (inline_parser, delim);
      delim = previous;
    }
  cmark_inline_parser_remove_delimiter (inline_parser, opener);

  return next_closer;
}

static void
register_once (void)
{
  cmark_syntax_extension *ext;
  cmark_llist *chars = NULL;
  const char *names[] = { "table", "strikethrough", "autolink", "tasklist" };

  cmark_gfm_core_extensions_ensure_registered ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      core_extensions[i] = cmark_find_syntax_extension (names[i]);
      g_assert (core_extensions[i] != NULL);
    }
  syntax.tasklist = core_extensions[3];

  /* Never registered with a plugin: nobody else needs to find it by name,
   * and it lives as long as the process. */
  ext = cmark_syntax_extension_new ("sheaf");
  cmark_syntax_extension_set_get_type_string_func (ext, sheaf_get_type_string);
  cmark_syntax_extension_set_can_contain_func (ext, sheaf_can_contain);
  cmark_syntax_extension_set_match_inline_func (ext, highlight_match);
  cmark_syntax_extension_set_inline_from_delim_func (ext, highlight_insert);
  cmark_syntax_extension_set_emphasis (ext, 1);
  chars = cmark_llist_append (cmark_get_default_mem_allocator (), chars, (void *) (gsize) '=');
  cmark_syntax_extension_set_special_inline_chars (ext, chars);

  syntax.wikilink = cmark_syntax_extension_add_node (1);
  syntax.highlight = cmark_syntax_extension_add_node (1);
  syntax.comment = cmark_syntax_extension_add_node (1);
  syntax.tag = cmark_syntax_extension_add_node (1);
  syntax.math = cmark_syntax_extension_add_node (1);
  syntax.comment_block = cmark_syntax_extension_add_node (0);
  syntax.math_block = cmark_syntax_extension_add_node (0);
  syntax.callout_title = cmark_syntax_extension_add_node (0);
  syntax.sheaf = ext;

}

const SheafSyntax *
sheaf_syntax_get (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      register_once ();
      g_once_init_leave (&initialized, 1);
    }

  return &syntax;
}

/**
 * sheaf_syntax_parse:
 * @text: Markdown, not necessarily NUL-terminated
 * @length: bytes in @text
 * @options: CMARK_OPT_* flags
 * @inline_extensions: also parse ~~strikethrough~~, ==highlight== and autolinks
 *
 * Parses @text with GFM tables and task lists, and with @inline_extensions the
 * inline GFM extensions and Sheaf's highlight. Safe to call from several
 * threads at once.
 *
 * cmark-gfm 0.29 keeps the "special inline character" table in one
 * process-wide array: every parse marks its inline extensions' characters
 * when its inline phase starts and UNMARKS them when it ends (the table
 * extension does the same around each row). Two such parses on two threads
 * race: one finishing clears '~' while the other is in the middle of a
 * paragraph, which silently loses strikethroughs, highlights and autolinks
 * (github/cmark-gfm#176, still open). So parses with the inline extensions
 * take a lock; parses without them attach no extension that owns characters,
 * touch the table not at all and run fully in parallel. The vault index uses
 * the latter: none of these three extensions contributes a fact, and the
 * characters they leave marked cannot change how text is split into facts.
 *
 * Returns: (transfer full): the document; free with cmark_node_free().
 */
cmark_node *
sheaf_syntax_parse (const char *text,
                    gsize       length,
                    int         options,
                    gboolean    inline_extensions)
{
  return sheaf_syntax_parse_with_mem (text, length, options, inline_extensions,
                                      cmark_get_default_mem_allocator (), 0);
}

/* cmark-gfm appends every inline with cmark_node_append_child(), which walks
 * up all its ancestors, so a paragraph of n inlines nested n containers deep
 * costs n² (a line of 100 000 '>' then one of 100 000 '[' took minutes). No
 * note nests that deep on purpose: container markers past this depth are
 * parsed as spaces (the line's rest becomes text or code at that depth).
 * Byte offsets do not move, so positions stay true. */
#define MAX_CONTAINER_DEPTH 64

static gboolean
is_bullet_marker (const char *p,
                  const char *end)
{
  return (*p == '-' || *p == '*' || *p == '+') && p + 1 < end && (p[1] == ' ' || p[1] == '\t');
}

/* Returns a copy of @text with the markers past MAX_CONTAINER_DEPTH blanked,
 * or %NULL when no line nests that deep (the common case: no copy at all). */
static char *
dup_with_depth_capped (const char *text,
                       gsize       length)
{
  const char *end = text + length;
  char *copy = NULL;

  for (const char *line = text; line < end; )
    {
      const char *eol = memchr (line, '\n', end - line);
      guint depth = 0;

      if (eol == NULL)
        eol = end;

      for (const char *p = line; p < eol; p++)
        {
          if (*p == ' ' || *p == '\t')
            continue;
          if (*p != '>' && !is_bullet_marker (p, eol))
            break;
          if (++depth > MAX_CONTAINER_DEPTH)
            {
              if (copy == NULL)
                copy = g_memdup2 (text, length);
              copy[p - text] = ' ';
            }
        }

      line = eol + 1;
    }

  return copy;
}

/**
 * sheaf_syntax_parse_with_mem:
 * @text: Markdown, not necessarily NUL-terminated
 * @length: bytes in @text
 * @options: CMARK_OPT_* flags
 * @inline_extensions: as for sheaf_syntax_parse()
 * @mem: the allocator for the parser and the tree
 * @open_flag: 0, or a bit of cmark_node.flags cmark does not use, set on the
 *   blocks still open when @text ends (those more text could continue)
 *
 * sheaf_syntax_parse() with the tree allocated from @mem (the vault index
 * gives a scratch arena, see sheaf-arena.c).
 *
 * Returns: (transfer full): the document, allocated from @mem
 */
cmark_node *
sheaf_syntax_parse_with_mem (const char *text,
                             gsize       length,
                             int         options,
                             gboolean    inline_extensions,
                             cmark_mem  *mem,
                             guint16     open_flag)
{
  static GMutex inline_lock;
  g_autofree char *capped = dup_with_depth_capped (text, length);
  cmark_parser *parser;
  cmark_node *document;

  sheaf_syntax_get ();

  parser = cmark_parser_new_with_mem (options, mem);
  cmark_parser_attach_syntax_extension (parser, core_extensions[0]);  /* table */
  cmark_parser_attach_syntax_extension (parser, core_extensions[3]);  /* tasklist */

  if (inline_extensions)
    {
      cmark_parser_attach_syntax_extension (parser, core_extensions[1]);
      cmark_parser_attach_syntax_extension (parser, core_extensions[2]);
      cmark_parser_attach_syntax_extension (parser, syntax.sheaf);
      g_mutex_lock (&inline_lock);
    }

  cmark_parser_feed (parser, capped != NULL ? capped : text, length);
  /* Whole lines are parsed by now; cmark_parser_finish() closes the rest. */
  if (open_flag != 0)
    {
      for (cmark_node *node = parser->root; node != NULL; node = node->last_child)
        if (node->flags & CMARK_NODE__OPEN)
          node->flags |= open_flag;
    }
  document = cmark_parser_finish (parser);

  if (inline_extensions)
    g_mutex_unlock (&inline_lock);

  cmark_parser_free (parser);

  return document;
}
