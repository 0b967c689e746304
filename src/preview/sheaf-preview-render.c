/* sheaf-preview-render.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#include "config.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <glib/gi18n.h>

#include "sheaf-preview-render-private.h"
#include "sheaf-preview-widgets.h"

/* Blocks become lines of the buffer ("leaves": a paragraph, a heading, the
 * line holding a code block's widget). Containers only move leaves: lists and
 * quotes by margins, callouts by margins plus a box drawn behind their lines.
 * Vertical rhythm is pixels below each leaf, decided when the next leaf (or
 * the end of the block) shows what the last one was followed by. */

static const int heading_above[] = { 0, 26, 22, 18, 14, 12, 12 };
static const int heading_below[] = { 0, 10, 8, 6, 6, 4, 4 };

static void render_node (Render *r, cmark_node *node);

/* Text and tags */

void
_sheaf_render_flush_text (Render *r)
{
  GtkTextIter iter;

  if (r->text->len == 0)
    return;

  gtk_text_buffer_get_iter_at_mark (r->buffer, &iter, r->end_mark);
  gtk_text_buffer_insert (r->buffer, &iter, r->text->str, r->text->len);
  g_string_truncate (r->text, 0);
}

void
_sheaf_render_append (Render     *r,
                      const char *text,
                      gssize      length)
{
  if (length < 0)
    length = strlen (text);
  if (length == 0)
    return;

  /* Notes are not always valid UTF-8; the buffer must be. */
  if (G_LIKELY (g_utf8_validate_len (text, length, NULL)))
    {
      g_string_append_len (r->text, text, length);
      r->pos += g_utf8_strlen (text, length);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, length);

      g_string_append (r->text, valid);
      r->pos += g_utf8_strlen (valid, -1);
    }
}

void
_sheaf_render_add_run (Render     *r,
                       int         start,
                       int         end,
                       GtkTextTag *tag)
{
  Run run = { start, end, tag };

  if (start >= end || tag == NULL)
    return;

  if (r->runs->len > 0)
    {
      Run *last = &g_array_index (r->runs, Run, r->runs->len - 1);

      if (last->tag == tag && last->end == start)
        {
          last->end = end;
          return;
        }
    }
  g_array_append_val (r->runs, run);
}

void
_sheaf_render_push_style (Render     *r,
                          GtkTextTag *tag)
{
  Run run = { r->pos, -1, tag };

  g_array_append_val (r->styles, run);
}

void
_sheaf_render_pop_style (Render *r)
{
  Run *run;

  g_assert (r->styles->len > 0);

  run = &g_array_index (r->styles, Run, r->styles->len - 1);
  _sheaf_render_add_run (r, run->start, r->pos, run->tag);
  g_array_set_size (r->styles, r->styles->len - 1);
}

GtkTextChildAnchor *
_sheaf_render_anchor (Render *r)
{
  GtkTextChildAnchor *anchor;
  GtkTextIter iter;

  _sheaf_render_flush_text (r);
  gtk_text_buffer_get_iter_at_mark (r->buffer, &iter, r->end_mark);
  anchor = gtk_text_buffer_create_child_anchor (r->buffer, &iter);
  r->pos++;

  return anchor;
}

Span *
_sheaf_render_add_span (Render   *r,
                        SpanKind  kind,
                        int       start,
                        int       end)
{
  Span span = { 0 };

  span.kind = kind;
  span.start = start;
  span.end = end;
  g_array_append_val (r->block->spans, span);

  return &g_array_index (r->block->spans, Span, r->block->spans->len - 1);
}

/* Leaves */

static void
flush_last_line (Render *r)
{
  int below;

  if (r->last_start < 0)
    return;

  below = r->below_pad + r->below_gap;
  for (guint i = 0; i + 1 < r->closing->len; i += 2)
    {
      Box *box = &g_array_index (r->block->boxes, Box, g_array_index (r->closing, guint, i));

      box->bottom_inset = below - (int) g_array_index (r->closing, guint, i + 1);
    }
  g_array_set_size (r->closing, 0);

  if (r->last_child >= 0)
    {
      /* GTK 4.8 draws the text after a widget's line lower than its layout
       * says when that line has pixels above or below: space the widget
       * with its own margins instead. */
      _sheaf_preview_view_set_child_margins (r->view, r->block, r->last_child, r->last_above, below);
      r->last_child = -1;
    }
  else
    {
      _sheaf_render_add_run (r, r->last_start, r->last_end,
                             _sheaf_preview_view_spacing_tag (r->view, r->last_above, below));
    }
  r->last_start = -1;
}

static void
begin_leaf (Render     *r,
            cmark_node *node)
{
  Leaf leaf;

  flush_last_line (r);

  r->line_start = r->pos;
  for (guint i = 0; i < r->opening->len; i++)
    g_array_index (r->block->boxes, Box, g_array_index (r->opening, guint, i)).start = r->pos;
  g_array_set_size (r->opening, 0);

  leaf.offset = r->pos;
  leaf.line = node != NULL ? (guint) MAX (0, cmark_node_get_start_line (node) - (int) r->node_line) : 0;
  if (r->block->leaves->len == 0 ||
      g_array_index (r->block->leaves, Leaf, r->block->leaves->len - 1).offset < leaf.offset)
    g_array_append_val (r->block->leaves, leaf);

  if (r->marker_widget != NULL)
    {
      GtkTextChildAnchor *anchor = _sheaf_render_anchor (r);

      g_object_set_data_full (G_OBJECT (r->marker_widget), "sheaf-anchor",
                              g_object_ref (anchor), g_object_unref);
      _sheaf_preview_view_add_child (r->view, r->block, anchor, r->marker_widget,
                                     NULL, NULL, NULL, -1, NULL);
      r->marker_widget = NULL;
      r->marker = NULL;
      r->hanging = PV_LIST_INDENT;
      _sheaf_render_append (r, "\t", 1);
    }
  else if (r->marker != NULL)
    {
      int start = r->pos;

      _sheaf_render_append (r, r->marker, -1);
      _sheaf_render_add_run (r, start, r->pos, _sheaf_preview_view_get_tag (r->view, "list-marker"));
      _sheaf_render_append (r, "\t", 1);
      r->marker = NULL;
      r->hanging = PV_LIST_INDENT;
    }
}

static void
end_leaf (Render *r,
          int     hanging,
          int     gap)
{
  _sheaf_render_append (r, "\n", 1);
  _sheaf_render_add_run (r, r->line_start, r->pos,
                         _sheaf_preview_view_margin_tag (r->view, r->left, r->right, hanging));
  if (r->in_quote)
    _sheaf_render_add_run (r, r->line_start, r->pos, r->view->quote_tag);

  r->last_start = r->line_start;
  r->last_end = r->pos;
  r->last_above = r->above;
  r->above = 0;
  r->below_pad = 0;
  r->below_gap = gap;
}

/* The marker of a list item goes on its first leaf only. */
static int
take_marker (Render *r)
{
  int hanging = r->hanging;

  r->hanging = 0;

  return hanging;
}

/* Leaf kinds */

static void
render_paragraph (Render     *r,
                  cmark_node *node)
{
  int hanging;

  if (_sheaf_render_is_block_embed (r, node))
    {
      _sheaf_render_block_embed (r, node);
      return;
    }

  begin_leaf (r, node);
  hanging = take_marker (r);
  _sheaf_render_inlines (r, node);
  end_leaf (r, hanging, r->gap);
}

static void
render_heading (Render     *r,
                cmark_node *node)
{
  int level = CLAMP (cmark_node_get_heading_level (node), 1, 6);
  char name[4] = { 'h', '0' + level, '\0' };
  int start, hanging;

  r->above = MAX (r->above, heading_above[level]);
  begin_leaf (r, node);
  hanging = take_marker (r);
  start = r->pos;
  _sheaf_render_inlines (r, node);
  _sheaf_render_add_run (r, start, r->pos + 1, _sheaf_preview_view_get_tag (r->view, name));
  end_leaf (r, hanging, heading_below[level]);
}

static void
render_literal_leaf (Render     *r,
                     cmark_node *node,
                     const char *literal,
                     const char *tag)
{
  g_autofree char *text = g_strdup (literal != NULL ? literal : "");
  char *line, *next;
  int start, hanging;

  g_strchomp (text);
  begin_leaf (r, node);
  hanging = take_marker (r);
  start = r->pos;
  /* Line breaks inside the leaf: U+2028 keeps them one paragraph. */
  for (line = text; line != NULL; line = next)
    {
      next = strchr (line, '\n');
      _sheaf_render_append (r, line, next != NULL ? next - line : -1);
      if (next != NULL)
        {
          _sheaf_render_append (r, "\u2028", -1);
          next++;
        }
    }
  _sheaf_render_add_run (r, start, r->pos, _sheaf_preview_view_get_tag (r->view, tag));
  end_leaf (r, hanging, r->gap);
}

static void
render_child_leaf (Render         *r,
                   cmark_node     *node,
                   GtkWidget      *widget,
                   ChildFactory    factory,
                   gpointer        data,
                   GDestroyNotify  data_free,
                   void          (*resize) (GtkWidget *, int))
{
  GtkTextChildAnchor *anchor;
  int hanging;

  begin_leaf (r, node);
  hanging = take_marker (r);
  anchor = _sheaf_render_anchor (r);
  _sheaf_preview_view_add_child (r->view, r->block, anchor, widget, factory, data, data_free,
                                 r->left + r->right + hanging, resize);
  end_leaf (r, hanging, r->gap);
  r->last_child = r->block->children->len - 1;
}

static void
render_widget_leaf (Render     *r,
                    cmark_node *node,
                    GtkWidget  *widget,
                    void      (*resize) (GtkWidget *, int))
{
  render_child_leaf (r, node, widget, NULL, NULL, NULL, resize);
}

static void
render_code_block (Render     *r,
                   cmark_node *node)
{
  const char *info = cmark_node_get_fence_info (node);
  g_autofree char *lang = NULL;

  if (info != NULL && info[0] != '\0')
    {
      const char *end = info;

      while (*end != '\0' && !g_ascii_isspace (*end) && *end != '{')
        end++;
      lang = g_strndup (info, end - info);
    }

  render_child_leaf (r, node, NULL, _sheaf_preview_code_block_factory,
                     _sheaf_preview_code_data_new (cmark_node_get_literal (node), lang),
                     _sheaf_preview_code_data_free, NULL);
}

void
_sheaf_render_begin_leaf (Render     *r,
                          cmark_node *node)
{
  begin_leaf (r, node);
}

void
_sheaf_render_end_leaf (Render *r)
{
  end_leaf (r, take_marker (r), r->gap);
}

void
_sheaf_render_widget_leaf (Render     *r,
                           cmark_node *node,
                           GtkWidget  *widget,
                           void      (*resize) (GtkWidget *, int))
{
  render_widget_leaf (r, node, widget, resize);
}

/* Containers */

static void
render_children (Render     *r,
                 cmark_node *node)
{
  for (cmark_node *child = cmark_node_first_child (node); child != NULL;
       child = cmark_node_next (child))
    render_node (r, child);
}

static guint
open_box (Render  *r,
          BoxKind  kind)
{
  Box box = { 0 };
  guint index;

  box.kind = kind;
  box.left = r->left;
  box.right = r->right;
  box.top_inset = r->above;
  box.start = r->pos;
  g_array_append_val (r->block->boxes, box);
  index = r->block->boxes->len - 1;
  g_array_append_val (r->opening, index);

  return index;
}

static void
close_box (Render *r,
           guint   index,
           int     pad)
{
  Box *box = &g_array_index (r->block->boxes, Box, index);
  guint recorded;

  box->end = r->pos;
  if (box->body == 0 || box->body > box->end)
    box->body = box->end;
  r->below_pad += pad;
  recorded = r->below_pad;
  g_array_append_val (r->closing, index);
  g_array_append_val (r->closing, recorded);
}

static void
render_callout (Render             *r,
                cmark_node         *node,
                const SheafCallout *callout)
{
  int old_left = r->left, old_right = r->right, old_gap = r->gap;
  gboolean old_quote = r->in_quote;
  cmark_node *child = cmark_node_first_child (node);
  guint index;
  Box *box;

  flush_last_line (r);
  index = open_box (r, BOX_CALLOUT);
  box = &g_array_index (r->block->boxes, Box, index);
  box->style = sheaf_callout_lookup_style (callout->type);
  box->type = g_strdup (callout->type);
  box->foldable = callout->fold != SHEAF_FOLD_NONE;
  box->folded = callout->fold == SHEAF_FOLD_CLOSED;

  r->above += PV_BOX_PAD;
  r->left += PV_BOX_PAD;
  r->right += PV_BOX_PAD;
  r->gap = PV_GAP;
  r->in_quote = FALSE;

  if (child != NULL && sheaf_markdown_node_is_callout_title (child))
    {
      g_autofree char *name = g_strconcat ("callout-", box->style->type, NULL);
      int start, left = r->left;

      begin_leaf (r, child);
      take_marker (r);
      start = r->pos;
      _sheaf_render_push_style (r, _sheaf_preview_view_get_tag (r->view, "callout-title"));
      _sheaf_render_push_style (r, _sheaf_preview_view_get_tag (r->view, name));
      _sheaf_render_inlines (r, child);
      _sheaf_render_pop_style (r);
      _sheaf_render_pop_style (r);
      /* Room for the chevron, drawn over it. */
      if (box->foldable)
        _sheaf_render_append (r, "\u2003\u2003", -1);
      r->left += PV_BOX_ICON;
      end_leaf (r, 0, PV_TITLE_GAP);
      r->left = left;
      box = &g_array_index (r->block->boxes, Box, index);
      box->body = r->pos;
      (void) start;
      child = cmark_node_next (child);
    }

  for (; child != NULL; child = cmark_node_next (child))
    render_node (r, child);

  r->left = old_left;
  r->right = old_right;
  r->gap = old_gap;
  r->in_quote = old_quote;
  close_box (r, index, PV_BOX_PAD);
  r->below_gap = old_gap;
}

static void
render_quote (Render     *r,
              cmark_node *node)
{
  const SheafCallout *callout = sheaf_markdown_node_get_callout (node);
  int old_left = r->left;
  gboolean old_quote = r->in_quote;
  guint index;

  if (callout != NULL)
    {
      render_callout (r, node, callout);
      return;
    }

  flush_last_line (r);
  index = open_box (r, BOX_QUOTE);
  r->left += PV_QUOTE_INDENT;
  r->in_quote = TRUE;
  render_children (r, node);
  r->left = old_left;
  r->in_quote = old_quote;
  close_box (r, index, 0);
  r->below_gap = r->gap;
}

static const char * const bullets[] = { "•", "◦", "▪" };

static void
task_toggled_cb (GtkCheckButton   *button,
                 SheafPreviewView *view)
{
  GtkTextChildAnchor *anchor = g_object_get_data (G_OBJECT (button), "sheaf-anchor");
  guint rel_line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "sheaf-line"));
  gsize rel_start = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "sheaf-start"));
  gsize length = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "sheaf-length"));
  gboolean done = gtk_check_button_get_active (button);
  GtkTextIter iter;
  Block *block;

  if (anchor == NULL || gtk_text_child_anchor_get_deleted (anchor))
    return;

  gtk_text_buffer_get_iter_at_child_anchor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                                            &iter, anchor);
  block = _sheaf_preview_view_block_at (view, &iter, NULL, NULL);
  if (block == NULL)
    return;

  /* The preview changes nothing: the editor flips the text, and the block
   * comes back rendered from it. Nobody to do that: the box shows the
   * source's state again. */
  if (!_sheaf_preview_view_emit_task (view, block->line + rel_line, block->byte + rel_start,
                                      block->byte + rel_start + length, done))
    {
      g_signal_handlers_block_by_func (button, task_toggled_cb, view);
      gtk_check_button_set_active (button, !done);
      g_signal_handlers_unblock_by_func (button, task_toggled_cb, view);
    }
}

static GtkWidget *
task_button_new (Render     *r,
                 cmark_node *item)
{
  GtkWidget *button = gtk_check_button_new ();
  const char *text = r->env->text;
  guint line = cmark_node_get_start_line (item);
  guint body_line = line + r->line_delta;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (button),
                               cmark_gfm_extensions_get_tasklist_item_checked (item));
  gtk_widget_add_css_class (button, "sheaf-task");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  /* Where "[ ]" is in the source: after the list marker on the item's line. */
  if (text != NULL && body_line >= 1 && body_line < r->env->line_starts->len)
    {
      gsize ls = g_array_index (r->env->line_starts, gsize, body_line - 1);
      gsize le = g_array_index (r->env->line_starts, gsize, body_line);
      const char *body = text + r->env->body_offset;
      gsize i = ls + MAX (cmark_node_get_start_column (item) - 1, 0);

      while (i < le && body[i] != '[')
        i++;
      if (i + 2 < le)
        {
          const char *close = g_utf8_next_char (body + i + 1);

          g_object_set_data (G_OBJECT (button), "sheaf-line",
                             GUINT_TO_POINTER (line - r->node_line));
          g_object_set_data (G_OBJECT (button), "sheaf-start",
                             GSIZE_TO_POINTER (i - r->node_byte));
          g_object_set_data (G_OBJECT (button), "sheaf-length",
                             GSIZE_TO_POINTER (close + 1 - (body + i)));
        }
    }

  if (r->view->depth > 0 || r->env->text == NULL)
    gtk_widget_set_sensitive (button, FALSE);
  else
    g_signal_connect_object (button, "toggled", G_CALLBACK (task_toggled_cb), r->view, 0);

  return button;
}

static void
render_item (Render     *r,
             cmark_node *item,
             const char *marker,
             gboolean    tight)
{
  int old_left = r->left, old_gap = r->gap;
  g_autofree char *marker_copy = g_strdup (marker);
  gboolean is_task = g_strcmp0 (cmark_node_get_type_string (item), "tasklist") == 0;

  r->left += PV_LIST_INDENT;
  r->gap = tight ? PV_ITEM_GAP : PV_GAP;
  if (is_task)
    {
      r->marker_widget = task_button_new (r, item);
      r->marker = NULL;
    }
  else
    {
      r->marker = marker_copy;
    }

  if (cmark_node_first_child (item) == NULL)
    {
      begin_leaf (r, item);
      end_leaf (r, take_marker (r), r->gap);
    }
  else
    {
      render_children (r, item);
    }

  r->marker = NULL;
  r->marker_widget = NULL;
  r->left = old_left;
  r->gap = old_gap;
  r->below_gap = tight ? PV_ITEM_GAP : PV_GAP;
}

static void
render_list (Render     *r,
             cmark_node *node)
{
  gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
  gboolean tight = cmark_node_get_list_tight (node);
  int number = cmark_node_get_list_start (node);
  int old_gap = r->gap;

  r->list_depth++;
  for (cmark_node *item = cmark_node_first_child (node); item != NULL;
       item = cmark_node_next (item), number++)
    {
      char buf[32];

      if (ordered)
        g_snprintf (buf, sizeof buf, "%d%c", number,
                    cmark_node_get_list_delim (node) == CMARK_PAREN_DELIM ? ')' : '.');
      else
        g_strlcpy (buf, bullets[(r->list_depth - 1) % G_N_ELEMENTS (bullets)], sizeof buf);
      render_item (r, item, buf, tight);
    }
  r->list_depth--;
  r->gap = old_gap;
  r->below_gap = r->gap;
}

static void
render_footnote (Render     *r,
                 cmark_node *node)
{
  cmark_node *prev = cmark_node_previous (node);
  int number = 1, old_gap = r->gap, old_left = r->left;
  char buf[16];

  for (cmark_node *p = prev; p != NULL; p = cmark_node_previous (p))
    if (cmark_node_get_type (p) == CMARK_NODE_FOOTNOTE_DEFINITION)
      number++;
  r->block->footnote = number;

  if (prev == NULL || cmark_node_get_type (prev) != CMARK_NODE_FOOTNOTE_DEFINITION)
    {
      r->above = MAX (r->above, PV_GAP * 2);
      render_widget_leaf (r, NULL, _sheaf_preview_separator_new (), NULL);
    }

  g_snprintf (buf, sizeof buf, "%d.", number);
  r->left += PV_LIST_INDENT;
  r->gap = PV_ITEM_GAP;
  r->marker = buf;
  {
    int start = r->pos;

    render_children (r, node);
    _sheaf_render_add_run (r, start, r->pos, _sheaf_preview_view_get_tag (r->view, "footnote"));
  }
  r->marker = NULL;
  r->left = old_left;
  r->gap = old_gap;
  r->below_gap = PV_ITEM_GAP;
}

static void
render_node (Render     *r,
             cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == CMARK_NODE_PARAGRAPH)
    render_paragraph (r, node);
  else if (type == CMARK_NODE_HEADING)
    render_heading (r, node);
  else if (type == CMARK_NODE_CODE_BLOCK)
    render_code_block (r, node);
  else if (type == CMARK_NODE_HTML_BLOCK)
    render_literal_leaf (r, node, cmark_node_get_literal (node), "raw-html");
  else if (type == CMARK_NODE_THEMATIC_BREAK)
    render_widget_leaf (r, node, _sheaf_preview_separator_new (), NULL);
  else if (type == CMARK_NODE_BLOCK_QUOTE)
    render_quote (r, node);
  else if (type == CMARK_NODE_LIST)
    render_list (r, node);
  else if (type == CMARK_NODE_ITEM)
    render_item (r, node, "•", TRUE);
  else if (type == CMARK_NODE_TABLE)
    render_child_leaf (r, node, NULL, _sheaf_preview_table_factory,
                       _sheaf_preview_table_data_new (r->view, r->env, node),
                       _sheaf_preview_table_data_free, NULL);
  else if (type == CMARK_NODE_FOOTNOTE_DEFINITION)
    render_footnote (r, node);
  else if (sheaf_markdown_node_is_math_block (node))
    render_literal_leaf (r, node, sheaf_markdown_node_get_literal (node), "math-block");
  else if (sheaf_markdown_node_is_comment (node))
    ; /* %% hidden %% */
  else if (sheaf_markdown_node_is_callout_title (node))
    render_paragraph (r, node);
  else if (cmark_node_first_child (node) != NULL)
    render_children (r, node);
}

/* A block */

static void
render_begin (Render           *r,
              SheafPreviewView *view,
              const RenderEnv  *env,
              Block            *block,
              GtkTextIter      *iter)
{
  memset (r, 0, sizeof *r);
  r->view = view;
  r->env = env;
  r->block = block;
  r->buffer = view->buffer;
  r->end_mark = gtk_text_buffer_create_mark (r->buffer, NULL, iter, FALSE);
  r->block_start = gtk_text_iter_get_offset (iter);
  r->text = g_string_sized_new (256);
  r->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  r->styles = g_array_new (FALSE, FALSE, sizeof (Run));
  r->opening = g_array_new (FALSE, FALSE, sizeof (guint));
  r->closing = g_array_new (FALSE, FALSE, sizeof (guint));
  r->gap = PV_GAP;
  r->last_start = -1;
  r->last_child = -1;
}

static void
render_end (Render      *r,
            GtkTextIter *iter)
{
  GtkTextIter start, end;

  flush_last_line (r);
  _sheaf_render_flush_text (r);

  for (guint i = 0; i < r->runs->len; i++)
    {
      Run *run = &g_array_index (r->runs, Run, i);

      gtk_text_buffer_get_iter_at_offset (r->buffer, &start, r->block_start + run->start);
      gtk_text_buffer_get_iter_at_offset (r->buffer, &end, r->block_start + run->end);
      gtk_text_buffer_apply_tag (r->buffer, run->tag, &start, &end);
    }

  for (guint i = 0; i < r->block->boxes->len; i++)
    {
      Box *box = &g_array_index (r->block->boxes, Box, i);

      if (box->folded)
        _sheaf_preview_view_set_fold (r->view, r->block, box, TRUE);
    }

  gtk_text_buffer_get_iter_at_mark (r->buffer, iter, r->end_mark);
  gtk_text_buffer_delete_mark (r->buffer, r->end_mark);
  g_string_free (r->text, TRUE);
  g_array_unref (r->runs);
  g_array_unref (r->styles);
  g_array_unref (r->opening);
  g_array_unref (r->closing);
  g_free (r->marker_buf);
}

void
_sheaf_preview_render_block (SheafPreviewView *view,
                             const RenderEnv  *env,
                             Block            *block,
                             cmark_node       *node,
                             int               line_delta,
                             GtkTextIter      *iter)
{
  Render r;
  guint body_line;

  render_begin (&r, view, env, block, iter);
  r.node_line = cmark_node_get_start_line (node);
  r.line_delta = line_delta;
  body_line = r.node_line + line_delta;
  if (body_line >= 1 && body_line <= env->line_starts->len)
    r.node_byte = g_array_index (env->line_starts, gsize, body_line - 1);
  render_node (&r, node);
  render_end (&r, iter);
}

void
_sheaf_preview_render_frontmatter (SheafPreviewView *view,
                                   const RenderEnv  *env,
                                   Block            *block,
                                   GtkTextIter      *iter)
{
  Render r;
  GtkWidget *properties;

  render_begin (&r, view, env, block, iter);
  properties = _sheaf_preview_properties_new (view, env->note);
  r.gap = PV_GAP * 2;
  render_widget_leaf (&r, NULL, properties, NULL);
  render_end (&r, iter);
}
