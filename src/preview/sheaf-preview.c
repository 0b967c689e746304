/* sheaf-preview.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#include "config.h"

#include <adwaita.h>

#include "sheaf-preview.h"
#include "sheaf-preview-view.h"

/* The rendered view of a note: a read-only text view (SheafPreviewView) at a
 * reading width, scrolled. It consumes immutable notes; anything from the
 * vault comes through its SheafPreviewHost, and everything the user asks for
 * (follow a link, show a tag, tick a task) goes out as a signal. */

struct _SheafPreview
{
  GtkWidget          parent_instance;

  /* Template children */
  GtkWidget         *scroller;
  GtkWidget         *clamp;
  SheafPreviewView  *view;

  /* Owned */
  GtkTextMark       *scroll_mark;
  guint              top_line;
  guint              scroll_tick;
  guint              scroll_tries;
  guint              scroll_stalls;
  int                scroll_offset;
};

G_DEFINE_FINAL_TYPE (SheafPreview, sheaf_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HOST,
  PROP_NOTE,
  PROP_TOP_LINE,
  N_PROPS
};

enum {
  LINK_ACTIVATED,
  TAG_ACTIVATED,
  TASK_TOGGLED,
  ACTIVATE_LINK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
sheaf_preview_link_activated_cb (SheafPreview    *self,
                                 const SheafLink *link,
                                 gboolean         new_tab)
{
  g_signal_emit (self, signals[LINK_ACTIVATED], 0, link, new_tab);
}

static void
sheaf_preview_tag_activated_cb (SheafPreview *self,
                                const char   *tag)
{
  g_signal_emit (self, signals[TAG_ACTIVATED], 0, tag);
}

static gboolean
sheaf_preview_task_toggled_cb (SheafPreview *self,
                               guint         line,
                               guint64       start,
                               guint64       end,
                               gboolean      done)
{
  /* Somebody will rewrite the marker: the box may keep its new state. */
  if (!g_signal_has_handler_pending (self, signals[TASK_TOGGLED], 0, FALSE))
    return FALSE;

  g_signal_emit (self, signals[TASK_TOGGLED], 0, line, start, end, done);

  return TRUE;
}

static gboolean
sheaf_preview_activate_link_cb (SheafPreview *self,
                                const char   *uri)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);

  return handled;
}

static void
sheaf_preview_vadjustment_changed_cb (SheafPreview *self)
{
  guint line = sheaf_preview_get_top_line (self);

  if (line != self->top_line)
    {
      self->top_line = line;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOP_LINE]);
    }
}

/* Lines not laid out yet have estimated heights, and the scrollable height
 * is their sum: a scroll to a far line stops short of it, and gets closer
 * as GtkTextView lays out more lines in its idle. Scroll again each frame
 * until the line is at the top, and give up only when that stops getting
 * closer (the end of the note keeps it lower) or after a second or so.
 *
 * At the top means its text starts at the edge or a pixel or two above: a
 * few pixels below it is the spacing of the line before, which is then the
 * line at the top (sheaf_preview_get_top_line()). How many frames it takes
 * depends on how fast the layout goes; a fixed few made that a race. */
#define SCROLL_MAX_TRIES  90
#define SCROLL_MAX_STALLS  4
static gboolean
sheaf_preview_scroll_tick_cb (GtkWidget     *widget,
                              GdkFrameClock *clock,
                              gpointer       user_data)
{
  SheafPreview *self = SHEAF_PREVIEW (widget);
  GtkTextView *text_view = GTK_TEXT_VIEW (self->view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GdkRectangle visible, location;
  GtkTextIter iter;
  int offset;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->scroll_mark);
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_location (text_view, &iter, &location);

  offset = location.y - visible.y;
  if (self->scroll_tries > 0 && offset == self->scroll_offset)
    self->scroll_stalls++;
  else
    self->scroll_stalls = 0;

  if ((offset <= 0 && offset >= -2) ||
      self->scroll_stalls >= SCROLL_MAX_STALLS ||
      ++self->scroll_tries > SCROLL_MAX_TRIES)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  self->scroll_offset = offset;
  gtk_text_view_scroll_to_mark (text_view, self->scroll_mark, 0.0, TRUE, 0.0, 0.0);

  return G_SOURCE_CONTINUE;
}

static void
sheaf_preview_dispose (GObject *object)
{
  SheafPreview *self = (SheafPreview *)object;

  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
      self->scroll_tick = 0;
    }

  g_clear_object (&self->scroll_mark);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_PREVIEW);

  G_OBJECT_CLASS (sheaf_preview_parent_class)->dispose (object);
}

static void
sheaf_preview_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SheafPreview *self = SHEAF_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_object (value, sheaf_preview_get_host (self));
      break;

    case PROP_NOTE:
      g_value_set_object (value, sheaf_preview_get_note (self));
      break;

    case PROP_TOP_LINE:
      g_value_set_uint (value, sheaf_preview_get_top_line (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_preview_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SheafPreview *self = SHEAF_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_HOST:
      sheaf_preview_set_host (self, g_value_get_object (value));
      break;

    case PROP_NOTE:
      sheaf_preview_set_note (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_preview_class_init (SheafPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sheaf_preview_dispose;
  object_class->get_property = sheaf_preview_get_property;
  object_class->set_property = sheaf_preview_set_property;

  properties[PROP_HOST] =
    g_param_spec_object ("host", NULL, NULL,
                         SHEAF_TYPE_PREVIEW_HOST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL,
                         SHEAF_TYPE_NOTE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SheafPreview:top-line:
   *
   * The 1-based source line shown at the top, for scroll sync; 0 when
   * nothing is shown.
   */
  properties[PROP_TOP_LINE] =
    g_param_spec_uint ("top-line", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SheafPreview::link-activated:
   * @self: the preview
   * @link: (type gpointer): the #SheafLink clicked, valid during the emission
   * @new_tab: %TRUE for a Ctrl+click or a middle click
   *
   * A link to a note (or a file of the vault) was clicked.
   */
  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_BOOLEAN);

  /**
   * SheafPreview::tag-activated:
   * @self: the preview
   * @tag: the tag's name, without '#'
   */
  signals[TAG_ACTIVATED] =
    g_signal_new ("tag-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * SheafPreview::task-toggled:
   * @self: the preview
   * @line: the task's 1-based line in the note's file
   * @start: the byte offset of its `[ ]` in the file
   * @end: the byte offset after the `]`
   * @done: the state the user asked for
   *
   * The preview changes nothing itself: the editor rewrites the marker and
   * the next note shown has it. With no handler connected, the box goes
   * back to the source's state at once.
   */
  signals[TASK_TOGGLED] =
    g_signal_new ("task-toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_BOOLEAN);

  /**
   * SheafPreview::activate-link:
   * @self: the preview
   * @uri: an http, https or mailto URI the user clicked
   *
   * Return %TRUE to handle @uri; otherwise it opens in the browser.
   */
  signals[ACTIVATE_LINK] =
    g_signal_new ("activate-link",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  g_type_ensure (SHEAF_TYPE_PREVIEW_VIEW);
  g_type_ensure (ADW_TYPE_CLAMP_SCROLLABLE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sheafpreview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sheafnotes/Sheaf/ui/sheaf-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafPreview, scroller);
  gtk_widget_class_bind_template_child (widget_class, SheafPreview, clamp);
  gtk_widget_class_bind_template_child (widget_class, SheafPreview, view);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_preview_link_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_preview_tag_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_preview_task_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_preview_activate_link_cb);
}

static void
sheaf_preview_init (SheafPreview *self)
{
  GtkAdjustment *vadjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  g_signal_connect_object (vadjustment, "value-changed",
                           G_CALLBACK (sheaf_preview_vadjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
sheaf_preview_new (void)
{
  return g_object_new (SHEAF_TYPE_PREVIEW, NULL);
}

SheafPreviewHost *
sheaf_preview_get_host (SheafPreview *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW (self), NULL);

  return sheaf_preview_view_get_host (self->view);
}

/**
 * sheaf_preview_set_host:
 * @self: a #SheafPreview
 * @host: (nullable): where links resolve and embeds and images come from
 */
void
sheaf_preview_set_host (SheafPreview     *self,
                        SheafPreviewHost *host)
{
  g_return_if_fail (SHEAF_IS_PREVIEW (self));
  g_return_if_fail (host == NULL || SHEAF_IS_PREVIEW_HOST (host));

  if (host == sheaf_preview_view_get_host (self->view))
    return;

  sheaf_preview_view_set_host (self->view, host);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
}

SheafNote *
sheaf_preview_get_note (SheafPreview *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW (self), NULL);

  return sheaf_preview_view_get_note (self->view);
}

/**
 * sheaf_preview_set_note:
 * @self: a #SheafPreview
 * @note: (nullable): a note parsed with %SHEAF_NOTE_KEEP_TREE; with
 *   %SHEAF_NOTE_KEEP_TEXT too, a new version of the same note re-renders
 *   only the blocks that changed and keeps the scroll position
 */
void
sheaf_preview_set_note (SheafPreview *self,
                        SheafNote    *note)
{
  g_return_if_fail (SHEAF_IS_PREVIEW (self));
  g_return_if_fail (note == NULL || SHEAF_IS_NOTE (note));

  if (note == sheaf_preview_view_get_note (self->view))
    return;

  sheaf_preview_view_set_note (self->view, note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * sheaf_preview_rerender:
 * @self: a #SheafPreview
 *
 * Renders the note again from scratch: for when the vault changed and links
 * may resolve differently.
 */
void
sheaf_preview_rerender (SheafPreview *self)
{
  g_return_if_fail (SHEAF_IS_PREVIEW (self));

  sheaf_preview_view_rerender (self->view);
}

/**
 * sheaf_preview_scroll_to_line:
 * @self: a #SheafPreview
 * @line: a 1-based line of the note's file
 *
 * Scrolls so that what @line renders to is at the top.
 */
void
sheaf_preview_scroll_to_line (SheafPreview *self,
                              guint         line)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (SHEAF_IS_PREVIEW (self));

  if (!sheaf_preview_view_get_iter_at_line (self->view, line, &iter))
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  if (self->scroll_mark == NULL)
    self->scroll_mark = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE));
  else
    gtk_text_buffer_move_mark (buffer, self->scroll_mark, &iter);

  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), self->scroll_mark, 0.0, TRUE, 0.0, 0.0);
  self->scroll_tries = 0;
  self->scroll_stalls = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), sheaf_preview_scroll_tick_cb,
                                                      NULL, NULL);
}

/**
 * sheaf_preview_get_top_line:
 * @self: a #SheafPreview
 *
 * Returns: the 1-based source line shown at the top of the visible area, or
 *   0 when nothing is shown
 */
guint
sheaf_preview_get_top_line (SheafPreview *self)
{
  GdkRectangle visible;
  GtkTextIter iter;

  g_return_val_if_fail (SHEAF_IS_PREVIEW (self), 0);

  /* What is on screen is rendered: no sheaf_preview_view_get_n_blocks(),
   * which renders the rest of a long note first. This runs from
   * value-changed, which GTK emits in the middle of its own layout work
   * (validating lines, holding iters); a buffer changed under it there
   * leaves GTK with invalid iters. The view returns 0 when it shows
   * nothing. */
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self->view), &visible);
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (self->view), &iter, visible.y, NULL);

  return sheaf_preview_view_get_line_at_iter (self->view, &iter);
}

/**
 * sheaf_preview_get_text_view:
 * @self: a #SheafPreview
 *
 * Returns: (transfer none): the text view the note is rendered in, a
 *   SheafPreviewView
 */
GtkTextView *
sheaf_preview_get_text_view (SheafPreview *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW (self), NULL);

  return GTK_TEXT_VIEW (self->view);
}
