/* sheaf-preview-children.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#include "config.h"

#include "sheaf-preview-view-private.h"

/* At most this much text around the visible area gets its widgets. */
#define ATTACH_CHARS 20000

/* Children */

static void
resize_child (SheafPreviewView *self,
              BlockChild       *child)
{
  int width = self->text_width > 0 ? self->text_width : 640;

  if (child->widget == NULL || !child->sized)
    return;

  width = MAX (width - child->indent, 48);
  if (child->resize != NULL)
    child->resize (child->widget, width);
  else
    gtk_widget_set_size_request (child->widget, width, -1);
}

static void
resize_children (SheafPreviewView *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      for (guint c = 0; c < block->children->len; c++)
        resize_child (self, &g_array_index (block->children, BlockChild, c));
    }
}

static void
attach_child (SheafPreviewView *self,
              BlockChild       *child)
{
  if (child->attached || gtk_text_child_anchor_get_deleted (child->anchor))
    return;

  if (child->widget == NULL)
    {
      child->widget = g_object_ref_sink (child->factory (self, child->data));
      if (child->data_free != NULL)
        g_clear_pointer (&child->data, child->data_free);
    }
  gtk_widget_set_margin_top (child->widget, child->margin_top);
  gtk_widget_set_margin_bottom (child->widget, child->margin_bottom);
  resize_child (self, child);
  child->attached = TRUE;
  gtk_text_view_add_child_at_anchor (GTK_TEXT_VIEW (self), child->widget, child->anchor);
}

static void
attach_blocks (SheafPreviewView *self,
               guint             first,
               guint             last)
{
  for (guint i = first; i <= last && i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      for (guint c = 0; c < block->children->len; c++)
        attach_child (self, &g_array_index (block->children, BlockChild, c));
    }
}

/* Attaches the children of the blocks within a screen of the visible area. */
static gboolean
attach_visible_cb (gpointer user_data)
{
  SheafPreviewView *self = user_data;
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GdkRectangle visible;
  GtkTextIter top, bottom;
  guint first = 0, last = 0;

  self->attach_idle = 0;
  if (self->blocks->len == 0)
    return G_SOURCE_REMOVE;

  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_line_at_y (text_view, &top, MAX (visible.y - visible.height, 0), NULL);
  gtk_text_view_get_line_at_y (text_view, &bottom, visible.y + 2 * MAX (visible.height, 400), NULL);
  /* Lines not laid out yet count as 0 pixels high: bound the range in
   * characters too, or it could be the whole note. */
  if (gtk_text_iter_get_offset (&bottom) > gtk_text_iter_get_offset (&top) + ATTACH_CHARS)
    gtk_text_buffer_get_iter_at_offset (self->buffer, &bottom,
                                        gtk_text_iter_get_offset (&top) + ATTACH_CHARS);
  _sheaf_preview_view_block_at (self, &top, NULL, &first);
  _sheaf_preview_view_block_at (self, &bottom, NULL, &last);
  attach_blocks (self, first, last);

  return G_SOURCE_REMOVE;
}

void
_sheaf_preview_view_queue_attach (SheafPreviewView *self)
{
  if (self->attach_idle == 0)
    self->attach_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, attach_visible_cb, self, NULL);
}

/**
 * sheaf_preview_view_attach_children:
 * @self: a #SheafPreviewView
 *
 * Makes and attaches every child widget now, wherever it is. The view does
 * that by itself for what comes into sight; tests look at all of them.
 */
void
sheaf_preview_view_attach_children (SheafPreviewView *self)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));

  _sheaf_preview_view_finish_pending (self);
  attach_blocks (self, 0, self->blocks->len);
}

BlockChild *
_sheaf_preview_view_add_child (SheafPreviewView   *self,
                               Block              *block,
                               GtkTextChildAnchor *anchor,
                               GtkWidget          *widget,
                               ChildFactory        factory,
                               gpointer            data,
                               GDestroyNotify      data_free,
                               int                 indent,
                               void              (*resize) (GtkWidget *, int))
{
  BlockChild child = { 0 };

  g_assert (widget != NULL || factory != NULL);

  child.widget = widget != NULL ? g_object_ref_sink (widget) : NULL;
  child.anchor = g_object_ref (anchor);
  child.factory = factory;
  child.data = data;
  child.data_free = data_free;
  child.indent = indent;
  child.height = -1;
  child.sized = indent >= 0;
  child.resize = resize;
  g_array_append_val (block->children, child);

  /* Embedded notes are short: everything at once. */
  if (self->depth > 0)
    attach_child (self, &g_array_index (block->children, BlockChild, block->children->len - 1));
  else
    _sheaf_preview_view_queue_attach (self);

  return &g_array_index (block->children, BlockChild, block->children->len - 1);
}

void
_sheaf_preview_view_set_child_margins (SheafPreviewView *self,
                                       Block            *block,
                                       guint             index,
                                       int               top,
                                       int               bottom)
{
  BlockChild *child = &g_array_index (block->children, BlockChild, index);

  child->margin_top = top;
  child->margin_bottom = bottom;
  if (child->widget != NULL)
    {
      gtk_widget_set_margin_top (child->widget, top);
      gtk_widget_set_margin_bottom (child->widget, bottom);
    }
}

/* GTK 4.8 lays a child's line out once; when the child's height changes
 * later (its width, its style, a picture loaded), the line keeps the old
 * height and everything below drifts from where the layout says it is.
 * Re-tagging the anchor invalidates just that line. */
static void
poke_resized_children (SheafPreviewView *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      for (guint c = 0; c < block->children->len; c++)
        {
          BlockChild *child = &g_array_index (block->children, BlockChild, c);
          GtkRequisition min;
          GtkTextIter start, end;

          if (!child->attached)
            continue;
          gtk_widget_get_preferred_size (child->widget, &min, NULL);
          if (min.height == child->height)
            continue;
          child->height = min.height;
          if (gtk_text_child_anchor_get_deleted (child->anchor))
            continue;
          gtk_text_buffer_get_iter_at_child_anchor (self->buffer, &start, child->anchor);
          end = start;
          gtk_text_iter_forward_char (&end);
          gtk_text_buffer_apply_tag (self->buffer, self->poke_tag, &start, &end);
          gtk_text_buffer_remove_tag (self->buffer, self->poke_tag, &start, &end);
        }
    }
}

void
_sheaf_preview_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  SheafPreviewView *self = SHEAF_PREVIEW_VIEW (widget);
  int text_width;

  /* Children follow the new width before GtkTextView lays them out, in this
   * allocation: their lines get the height they have at this width. The
   * resize this queues only runs the layout once more, at the same width;
   * the view's measure does not depend on the children, so nothing above it
   * changes. */
  text_width = width - 2 * self->page_margin - 2;
  if (text_width != self->text_width && text_width > 0)
    {
      self->text_width = text_width;
      resize_children (self);
    }

  GTK_WIDGET_CLASS (g_type_class_peek (GTK_TYPE_TEXT_VIEW))->size_allocate (widget, width, height, baseline);

  poke_resized_children (self);
  _sheaf_preview_view_queue_attach (self);
  /* Not now: GTK 4.8 draws lines in the wrong style when its layout is
   * queried while a frame is laid out or drawn. In an idle, after it. */
  _sheaf_preview_view_queue_decorate (self);
}

void
_sheaf_preview_view_vadjustment_changed_cb (SheafPreviewView *self)
{
  _sheaf_preview_view_queue_attach (self);
  /* Scrolled, or lines above laid out with their real heights. */
  _sheaf_preview_view_queue_decorate (self);
}

void
_sheaf_preview_view_notify_vadjustment_cb (SheafPreviewView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, _sheaf_preview_view_vadjustment_changed_cb, self);
  g_set_object (&self->vadjustment, adjustment);
  if (adjustment != NULL)
    {
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (_sheaf_preview_view_vadjustment_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "changed", G_CALLBACK (_sheaf_preview_view_vadjustment_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

