/* sheaf-editor-page-scroll.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-editor-page"

#include "config.h"

#include "sheaf-editor-page-private.h"

/* Where the page is scrolled: scrolling the source to a line (a link's
 * heading, a search result, a place in the tab's history), keeping the
 * source and the preview of the split view together, and telling where the
 * reader is. */

#define SCROLL_LEADER_MS 250
#define SCROLL_SETTLE_MS 1500

static gboolean
is_source_visible (SheafEditorPage *self)
{
  return g_strcmp0 (self->view_mode, "reading") != 0;
}

static gboolean
is_split (SheafEditorPage *self)
{
  return g_strcmp0 (self->view_mode, "split") == 0;
}

guint
_sheaf_editor_page_source_get_top_line (SheafEditorPage *self)
{
  GdkRectangle visible;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self->source_view), &visible);
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (self->source_view), &iter, visible.y, NULL);

  return gtk_text_iter_get_line (&iter) + 1;
}

/* As in SheafPreview: lines not laid out yet have estimated heights, so a
 * scroll to a far line stops short of it. Scroll again each frame until the
 * line is at the top, and give up when that stops getting closer (the end
 * of the note keeps it lower) or after a second or so.
 *
 * The adjustment is set, not animated as gtk_text_view_scroll_to_mark()
 * does: see _sheaf_editor_page_stop_animations(). */
#define SCROLL_MAX_TRIES  90
#define SCROLL_MAX_STALLS  4
static gboolean
source_scroll_step (SheafEditorPage *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self->source_view);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->source_scroller);
  GdkRectangle visible, location;
  GtkTextIter iter;
  int offset;

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->document), &iter, self->scroll_mark);
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &location);

  /* A page not laid out yet (a tab just opened) has nothing to scroll. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (text_view)) || visible.height <= 0)
    return ++self->scroll_tries > SCROLL_MAX_TRIES;

  offset = location.y - visible.y;
  if (self->scroll_tries > 0 && offset == self->scroll_offset &&
      gtk_adjustment_get_upper (vadjustment) == self->scroll_upper)
    self->scroll_stalls++;
  else
    self->scroll_stalls = 0;
  self->scroll_upper = gtk_adjustment_get_upper (vadjustment);

  if ((offset <= 0 && offset >= -2) ||
      self->scroll_stalls >= SCROLL_MAX_STALLS ||
      ++self->scroll_tries > SCROLL_MAX_TRIES)
    return TRUE;

  self->scroll_offset = offset;
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + offset);

  return FALSE;
}

static gboolean
source_scroll_tick_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  SheafEditorPage *self = user_data;

  if (!source_scroll_step (self))
    return G_SOURCE_CONTINUE;

  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

void
_sheaf_editor_page_source_scroll_to_line (SheafEditorPage *self,
                       guint            line)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter iter;

  if (line == 0)
    return;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, (int)line - 1);
  if (self->scroll_mark == NULL)
    self->scroll_mark = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE));
  else
    gtk_text_buffer_move_mark (buffer, self->scroll_mark, &iter);

  self->scroll_tries = 0;
  self->scroll_stalls = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->source_view),
                                                      source_scroll_tick_cb, self, NULL);
}

static gboolean
scroll_leader_timeout_cb (gpointer user_data)
{
  SheafEditorPage *self = user_data;

  self->scroll_leader = SCROLL_LEADER_NONE;
  self->scroll_leader_source = 0;
  self->scroll_pinned = FALSE;

  return G_SOURCE_REMOVE;
}

static void
lead_for (SheafEditorPage *self,
          guint            ms)
{
  g_clear_handle_id (&self->scroll_leader_source, g_source_remove);
  self->scroll_leader_source = g_timeout_add (ms, scroll_leader_timeout_cb, self);
}

/* Scroll sync in the split view. The pane the user scrolls leads for a
 * moment; the other one follows, and its own scrolling meanwhile (which the
 * following causes) is not sent back. */
static gboolean
take_scroll_lead (SheafEditorPage *self,
                  ScrollLeader     leader)
{
  /* Nothing to sync in a page not on screen (a tab in the background). */
  if (!is_split (self) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;

  if (self->scroll_leader != SCROLL_LEADER_NONE && self->scroll_leader != leader)
    return FALSE;

  self->scroll_leader = leader;
  lead_for (self, self->scroll_pinned ? SCROLL_SETTLE_MS : SCROLL_LEADER_MS);

  return TRUE;
}

/* An explicit place (a heading, a search result, where the reader left a
 * note): the source leads until both panes have settled there, so that the
 * preview, still laying out what it has just rendered, does not pull the
 * source somewhere near it instead. */
void
_sheaf_editor_page_pin_scroll (SheafEditorPage *self)
{
  self->scroll_leader = SCROLL_LEADER_SOURCE;
  self->scroll_pinned = TRUE;
  lead_for (self, SCROLL_SETTLE_MS);
}

static void
sheaf_editor_page_source_scrolled_cb (SheafEditorPage *self,
                                      GtkAdjustment   *adjustment)
{
  if (take_scroll_lead (self, SCROLL_LEADER_SOURCE))
    sheaf_preview_scroll_to_line (self->preview, _sheaf_editor_page_source_get_top_line (self));
}

static void
sheaf_editor_page_preview_scrolled_cb (SheafEditorPage *self,
                                       GParamSpec      *pspec,
                                       SheafPreview    *preview)
{
  guint line = sheaf_preview_get_top_line (preview);

  if (line > 0 && take_scroll_lead (self, SCROLL_LEADER_PREVIEW))
    _sheaf_editor_page_source_scroll_to_line (self, line);
}

/* Ends a scroll animation where it is. */
static void
stop_animation (GtkAdjustment *adjustment)
{
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment));
}

/* A text view unmapped in the middle of an animated scroll (the preview
 * scrolling to a link's heading, and the tab switched away from) makes
 * GTK 4.8 finish the animation, relayout, and then disconnect a handler it
 * has already disconnected: "g_signal_handler_disconnect: assertion
 * 'handler_id > 0' failed" (gtkadjustment.c, gtk_adjustment_enable_animation()).
 * Stopping the animations before the views are unmapped avoids it. */
void
_sheaf_editor_page_stop_animations (SheafEditorPage *self)
{
  GtkTextView *preview_view = sheaf_preview_get_text_view (self->preview);

  stop_animation (gtk_scrolled_window_get_vadjustment (self->source_scroller));
  stop_animation (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (preview_view)));
}

void
_sheaf_editor_page_init_scroll (SheafEditorPage *self)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->source_scroller);

  g_signal_connect_object (vadjustment, "value-changed",
                           G_CALLBACK (sheaf_editor_page_source_scrolled_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "notify::top-line",
                           G_CALLBACK (sheaf_editor_page_preview_scrolled_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_sheaf_editor_page_dispose_scroll (SheafEditorPage *self)
{
  g_clear_handle_id (&self->scroll_leader_source, g_source_remove);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->source_view), self->scroll_tick);
  self->scroll_tick = 0;
}

/**
 * sheaf_editor_page_get_top_line:
 * @self: a #SheafEditorPage
 *
 * Where the reader is: the line at the top of the source, or of the preview
 * in the reading view. What a tab's history keeps for going back.
 *
 * Returns: a 1-based line of the note's file, or 0 when nothing is shown
 */
guint
sheaf_editor_page_get_top_line (SheafEditorPage *self)
{
  g_return_val_if_fail (SHEAF_IS_EDITOR_PAGE (self), 0);

  if (sheaf_document_get_file (self->document) == NULL)
    return 0;

  if (is_source_visible (self))
    return _sheaf_editor_page_source_get_top_line (self);

  return sheaf_preview_get_top_line (self->preview);
}
