/* sheaf-preview-input.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-preview-view-private.h"

/* Clicks on links, tags, footnotes and callout titles; the hand cursor over
 * them; tooltips that say where a link goes. A click that ends a drag is a
 * selection, not an activation. */

static Span *
span_at (Block *block,
         int    rel)
{
  guint lo = 0, hi = block->spans->len;

  /* Spans are in document order and do not overlap. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      Span *span = &g_array_index (block->spans, Span, mid);

      if (span->end <= rel)
        lo = mid + 1;
      else if (span->start > rel)
        hi = mid;
      else
        return span;
    }

  return NULL;
}

static Box *
fold_title_at (Block *block,
               int    rel)
{
  Box *found = NULL;

  for (guint i = 0; i < block->boxes->len; i++)
    {
      Box *box = &g_array_index (block->boxes, Box, i);

      if (box->kind == BOX_CALLOUT && box->foldable && rel >= box->start && rel < box->body)
        found = box;
    }

  return found;
}

static gboolean
is_interactive (Span *span)
{
  return span != NULL && span->kind != SPAN_CODE;
}

static void
retag_title (SheafPreviewView *self,
             GtkTextIter      *start,
             GtkTextIter      *end,
             int               below)
{
  GSList *tags = gtk_text_iter_get_tags (start);
  int above = 0;

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      g_autofree char *name = NULL;

      g_object_get (l->data, "name", &name, NULL);
      if (name != NULL && g_str_has_prefix (name, "s:"))
        {
          g_object_get (l->data, "pixels-above-lines", &above, NULL);
          gtk_text_buffer_remove_tag (self->buffer, l->data, start, end);
        }
    }
  g_slist_free (tags);

  gtk_text_buffer_apply_tag (self->buffer, _sheaf_preview_view_spacing_tag (self, above, below),
                             start, end);
}

void
_sheaf_preview_view_set_fold (SheafPreviewView *self,
                              Block            *block,
                              Box              *box,
                              gboolean          folded)
{
  GtkTextIter block_start, title, body, end;
  int offset;

  g_assert (box->foldable);

  box->folded = folded;
  /* The chevron turns. */
  _sheaf_preview_view_queue_decorate (self);
  if (box->body >= box->end)
    return;

  _sheaf_preview_view_block_start (self, block, &block_start);
  offset = gtk_text_iter_get_offset (&block_start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &title, offset + box->start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &body, offset + box->body);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, offset + box->end);

  if (folded)
    {
      gtk_text_buffer_apply_tag (self->buffer, self->folded_tag, &body, &end);
    }
  else
    {
      gtk_text_buffer_remove_tag (self->buffer, self->folded_tag, &body, &end);
      /* Callouts folded inside stay folded. */
      for (guint i = 0; i < block->boxes->len; i++)
        {
          Box *inner = &g_array_index (block->boxes, Box, i);
          GtkTextIter a, b;

          if (inner == box || !inner->folded || inner->start < box->body || inner->end > box->end ||
              inner->body >= inner->end)
            continue;
          gtk_text_buffer_get_iter_at_offset (self->buffer, &a, offset + inner->body);
          gtk_text_buffer_get_iter_at_offset (self->buffer, &b, offset + inner->end);
          gtk_text_buffer_apply_tag (self->buffer, self->folded_tag, &a, &b);
        }
    }

  /* Folded, the title line ends the box: it takes the box's padding. */
  retag_title (self, &title, &body, folded ? PV_BOX_PAD + box->bottom_inset : PV_TITLE_GAP);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
scroll_to_footnote (SheafPreviewView *self,
                    int               number)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->footnote == number)
        {
          gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), block->mark, 0.0, TRUE, 0.0, 0.2);
          return;
        }
    }
}

/**
 * sheaf_preview_view_activate_at_iter:
 * @self: a #SheafPreviewView
 * @iter: a position in the buffer
 * @new_tab: whether a link should open in a new tab
 *
 * Does what a click at @iter does: follows a link, shows a tag, jumps to a
 * footnote, folds or unfolds a callout.
 *
 * Returns: %TRUE when there was something to activate
 */
gboolean
sheaf_preview_view_activate_at_iter (SheafPreviewView  *self,
                                     const GtkTextIter *iter,
                                     gboolean           new_tab)
{
  Block *block;
  Span *span;
  Box *box;
  int rel = 0;

  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), FALSE);
  g_return_val_if_fail (iter != NULL, FALSE);

  block = _sheaf_preview_view_block_at (self, iter, &rel, NULL);
  if (block == NULL)
    return FALSE;

  span = span_at (block, rel);
  if (is_interactive (span))
    {
      switch (span->kind)
        {
        case SPAN_WIKILINK:
          _sheaf_preview_view_emit_link (self, &span->link, new_tab);
          break;

        case SPAN_EXTERNAL:
          _sheaf_preview_view_open_uri (self, span->text);
          break;

        case SPAN_TAG:
          _sheaf_preview_view_emit_tag (self, span->text);
          break;

        case SPAN_FOOTNOTE:
          scroll_to_footnote (self, span->number);
          break;

        case SPAN_CODE:
        default:
          break;
        }
      return TRUE;
    }

  box = fold_title_at (block, rel);
  if (box != NULL)
    {
      _sheaf_preview_view_set_fold (self, block, box, !box->folded);
      return TRUE;
    }

  return FALSE;
}

static gboolean
iter_at_point (SheafPreviewView *self,
               double            x,
               double            y,
               GtkTextIter      *iter)
{
  int bx, by;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);

  return gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), iter, bx, by);
}

static void
click_pressed_cb (GtkGestureClick  *gesture,
                  int               n_press,
                  double            x,
                  double            y,
                  SheafPreviewView *self)
{
  g_object_set_data (G_OBJECT (gesture), "sheaf-press-x", GINT_TO_POINTER ((int) x));
  g_object_set_data (G_OBJECT (gesture), "sheaf-press-y", GINT_TO_POINTER ((int) y));
}

static void
click_released_cb (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   SheafPreviewView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  int px = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (gesture), "sheaf-press-x"));
  int py = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (gesture), "sheaf-press-y"));
  GtkTextIter iter;

  if (n_press != 1 || ABS (px - (int) x) > 4 || ABS (py - (int) y) > 4)
    return;
  if (gtk_text_buffer_get_has_selection (self->buffer) && button == GDK_BUTTON_PRIMARY)
    return;
  if (button != GDK_BUTTON_PRIMARY && button != GDK_BUTTON_MIDDLE)
    return;
  if (!iter_at_point (self, x, y, &iter))
    return;

  sheaf_preview_view_activate_at_iter (self, &iter,
                                       button == GDK_BUTTON_MIDDLE ||
                                       (state & GDK_CONTROL_MASK) != 0);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SheafPreviewView         *self)
{
  GtkTextIter iter;
  gboolean hand = FALSE;

  if (iter_at_point (self, x, y, &iter))
    {
      int rel = 0;
      Block *block = _sheaf_preview_view_block_at (self, &iter, &rel, NULL);

      hand = block != NULL && (is_interactive (span_at (block, rel)) || fold_title_at (block, rel) != NULL);
    }

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hand ? "pointer" : "text");
}

static gboolean
query_tooltip_cb (SheafPreviewView *self,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip)
{
  g_autofree char *text = NULL;
  GtkTextIter iter;
  Block *block;
  Span *span;
  int rel = 0;

  if (keyboard || !iter_at_point (self, x, y, &iter))
    return FALSE;

  block = _sheaf_preview_view_block_at (self, &iter, &rel, NULL);
  span = block != NULL ? span_at (block, rel) : NULL;
  if (span == NULL)
    return FALSE;

  switch (span->kind)
    {
    case SPAN_WIKILINK:
      if (span->resolution == SHEAF_RESOLUTION_ALIAS)
        {
          g_autofree char *stem = sheaf_note_path_dup_stem (span->resolved);

          /* translators: a link whose target is another note's alias */
          text = g_strdup_printf (_("Resolved through an alias of “%s”"), stem);
        }
      else if (span->resolution == SHEAF_RESOLUTION_UNRESOLVED ||
               span->resolution == SHEAF_RESOLUTION_OUTSIDE)
        {
          text = g_strdup_printf (_("“%s” does not exist yet: click to create it"), span->link.target);
        }
      else if (span->resolved != NULL)
        {
          text = g_strdup (span->resolved);
        }
      break;

    case SPAN_EXTERNAL:
      text = g_strdup (span->text);
      break;

    case SPAN_TAG:
      text = g_strdup_printf (_("Show notes tagged #%s"), span->text);
      break;

    case SPAN_FOOTNOTE:
      text = g_strdup_printf (_("Footnote %d"), span->number);
      break;

    case SPAN_CODE:
    default:
      break;
    }

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

void
_sheaf_preview_view_init_input (SheafPreviewView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  /* Capture phase: the text view's own gesture claims presses for selecting. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  self->click = click;

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}
