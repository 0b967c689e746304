/* sheaf-preview-view.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <cmark-gfm-core-extensions.h>
#include <glib/gi18n.h>

#include "sheaf-preview-view-private.h"

/* The view: a read-only text view whose buffer holds the rendered note.
 * sheaf-preview-update.c keeps it in step with the note, sheaf-preview-render.c
 * and sheaf-preview-inline.c write blocks, sheaf-preview-children.c manages
 * the widgets at anchors, sheaf-preview-draw.c and sheaf-preview-input.c do
 * the look and the clicks. */

G_DEFINE_FINAL_TYPE (SheafPreviewView, sheaf_preview_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_HOST,
  PROP_NOTE,
  PROP_DEPTH,
  PROP_SECTION,
  N_PROPS
};

enum {
  LINK_ACTIVATED,
  TAG_ACTIVATED,
  TASK_TOGGLED,
  ACTIVATE_LINK,
  RENDERED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* Blocks */

void
_sheaf_preview_view_clear_span (gpointer data)
{
  Span *span = data;

  g_free (span->text);
  g_free (span->resolved);
  g_free (span->link.raw);
  g_free (span->link.target);
  g_free (span->link.fragment);
  g_free (span->link.display);
}

void
_sheaf_preview_view_clear_box (gpointer data)
{
  Box *box = data;

  g_free (box->type);
}

void
_sheaf_preview_view_free_block (Block *block)
{
  if (block == NULL)
    return;

  if (block->mark != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_mark_get_buffer (block->mark);

      if (buffer != NULL)
        gtk_text_buffer_delete_mark (buffer, block->mark);
      g_object_unref (block->mark);
    }
  for (guint i = 0; i < block->children->len; i++)
    {
      BlockChild *child = &g_array_index (block->children, BlockChild, i);

      g_clear_object (&child->widget);
      g_clear_object (&child->anchor);
      if (child->data_free != NULL)
        g_clear_pointer (&child->data, child->data_free);
    }
  g_array_unref (block->children);
  g_array_unref (block->spans);
  g_array_unref (block->boxes);
  g_array_unref (block->leaves);
  g_free (block);
}

void
_sheaf_preview_view_block_start (SheafPreviewView *self,
                                 Block            *block,
                                 GtkTextIter      *iter)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, iter, block->mark);
}

int
_sheaf_preview_view_block_offset (SheafPreviewView *self,
              guint             index)
{
  GtkTextIter iter;

  if (index >= self->blocks->len)
    return gtk_text_buffer_get_char_count (self->buffer);

  _sheaf_preview_view_block_start (self, g_ptr_array_index (self->blocks, index), &iter);

  return gtk_text_iter_get_offset (&iter);
}

/* The block whose range holds @iter: the last one starting at or before it. */
Block *
_sheaf_preview_view_block_at (SheafPreviewView  *self,
                              const GtkTextIter *iter,
                              int               *rel_offset,
                              guint             *index)
{
  int offset = gtk_text_iter_get_offset (iter);
  guint lo = 0, hi = self->blocks->len;

  if (hi == 0)
    return NULL;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (_sheaf_preview_view_block_offset (self, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }

  /* Blocks that render nothing share their start with the next one. */
  while (lo + 1 < self->blocks->len && _sheaf_preview_view_block_offset (self, lo + 1) <= offset)
    lo++;

  if (rel_offset != NULL)
    *rel_offset = offset - _sheaf_preview_view_block_offset (self, lo);
  if (index != NULL)
    *index = lo;

  return g_ptr_array_index (self->blocks, lo);
}

/* Signals */

void
_sheaf_preview_view_emit_rendered (SheafPreviewView *self,
                                   guint             n_rendered)
{
  g_signal_emit (self, signals[RENDERED], 0, n_rendered);
}

void
_sheaf_preview_view_emit_link (SheafPreviewView *self,
                               const SheafLink  *link,
                               gboolean          new_tab)
{
  g_signal_emit (self, signals[LINK_ACTIVATED], 0, link, new_tab);
}

void
_sheaf_preview_view_emit_tag (SheafPreviewView *self,
                              const char       *tag)
{
  g_signal_emit (self, signals[TAG_ACTIVATED], 0, tag);
}

gboolean
_sheaf_preview_view_emit_task (SheafPreviewView *self,
                               guint             line,
                               gsize             start,
                               gsize             end,
                               gboolean          done)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[TASK_TOGGLED], 0, line, (guint64) start, (guint64) end, done, &handled);

  return handled;
}

gboolean
_sheaf_preview_view_open_uri (SheafPreviewView *self,
                              const char       *uri)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);

  return handled;
}

static gboolean
sheaf_preview_view_real_activate_link (SheafPreviewView *self,
                                       const char       *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* DESIGN §2.5: the browser opens only here, on the user's click. */
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);

  return TRUE;
}

static void
style_manager_notify_dark_cb (SheafPreviewView *self)
{
  _sheaf_preview_view_update_colors (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The narrowest the text of a note may get; embedded notes take whatever
 * width their frame has. */
#define MIN_TEXT_WIDTH 200

/* Across, the view is as wide as it is given, and asks for the same width
 * whatever it shows or has shown: its child widgets are set to the text's
 * width (sheaf-preview-children.c), so GtkTextView's measure, the widest
 * child, would be the widest the view has ever been, and a pane holding it
 * could never get narrower again.
 *
 * Embedded, the view is as tall as its text. GTK 4.8's own measure keeps
 * the height lines had at an earlier, narrower width. */
static void
sheaf_preview_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  SheafPreviewView *self = SHEAF_PREVIEW_VIEW (widget);
  GtkTextView *text_view = GTK_TEXT_VIEW (widget);
  GtkTextIter end;
  int y, height;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 2 * self->page_margin + (self->depth == 0 ? MIN_TEXT_WIDTH : 0);
      return;
    }

  GTK_WIDGET_CLASS (sheaf_preview_view_parent_class)->measure (widget, orientation, for_size,
                                                              minimum, natural,
                                                              minimum_baseline, natural_baseline);
  if (self->depth == 0)
    return;

  gtk_text_buffer_get_end_iter (self->buffer, &end);
  gtk_text_view_get_line_yrange (text_view, &end, &y, &height);
  *minimum = *natural = y + height + gtk_text_view_get_top_margin (text_view) +
                        gtk_text_view_get_bottom_margin (text_view);
}

/* GObject */

static void
sheaf_preview_view_dispose (GObject *object)
{
  SheafPreviewView *self = (SheafPreviewView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->attach_idle, g_source_remove);
  g_clear_handle_id (&self->decorate_idle, g_source_remove);
  _sheaf_preview_view_drop_pending (self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, _sheaf_preview_view_vadjustment_changed_cb, self);
  g_clear_object (&self->vadjustment);
  if (self->blocks != NULL)
    g_ptr_array_set_size (self->blocks, 0);
  g_clear_object (&self->note);
  g_clear_object (&self->host);

  G_OBJECT_CLASS (sheaf_preview_view_parent_class)->dispose (object);
}

static void
sheaf_preview_view_finalize (GObject *object)
{
  SheafPreviewView *self = (SheafPreviewView *)object;

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->decorations, g_array_unref);
  g_clear_pointer (&self->tags, g_hash_table_unref);
  g_clear_pointer (&self->section, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sheaf_preview_view_parent_class)->finalize (object);
}

static void
sheaf_preview_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SheafPreviewView *self = SHEAF_PREVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_object (value, self->host);
      break;

    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;

    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;

    case PROP_SECTION:
      g_value_set_string (value, self->section);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_preview_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SheafPreviewView *self = SHEAF_PREVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_HOST:
      sheaf_preview_view_set_host (self, g_value_get_object (value));
      break;

    case PROP_NOTE:
      sheaf_preview_view_set_note (self, g_value_get_object (value));
      break;

    case PROP_DEPTH:
      sheaf_preview_view_set_depth (self, g_value_get_uint (value));
      break;

    case PROP_SECTION:
      sheaf_preview_view_set_section (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_preview_view_class_init (SheafPreviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = sheaf_preview_view_dispose;
  object_class->finalize = sheaf_preview_view_finalize;
  object_class->get_property = sheaf_preview_view_get_property;
  object_class->set_property = sheaf_preview_view_set_property;

  widget_class->size_allocate = _sheaf_preview_view_size_allocate;
  widget_class->measure = sheaf_preview_view_measure;

  text_view_class->snapshot_layer = _sheaf_preview_view_snapshot_layer;

  properties[PROP_HOST] =
    g_param_spec_object ("host", NULL, NULL,
                         SHEAF_TYPE_PREVIEW_HOST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL,
                         SHEAF_TYPE_NOTE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_BOOLEAN);
  signals[TAG_ACTIVATED] =
    g_signal_new ("tag-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[TASK_TOGGLED] =
    g_signal_new ("task-toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 4, G_TYPE_UINT, G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_BOOLEAN);
  signals[ACTIVATE_LINK] =
    g_signal_new_class_handler ("activate-link",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (sheaf_preview_view_real_activate_link),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
  signals[RENDERED] =
    g_signal_new ("rendered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
sheaf_preview_view_init (SheafPreviewView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _sheaf_preview_view_free_block);
  self->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->buffer = gtk_text_view_get_buffer (text_view);
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);

  gtk_text_view_set_editable (text_view, FALSE);
  gtk_text_view_set_cursor_visible (text_view, FALSE);
  gtk_text_view_set_wrap_mode (text_view, GTK_WRAP_WORD_CHAR);
  /* Leading for reading; CSS line-height confuses GTK 4.8's iter locations. */
  gtk_text_view_set_pixels_inside_wrap (text_view, 5);
  self->page_margin = PV_PAGE_MARGIN;
  gtk_text_view_set_left_margin (text_view, self->page_margin);
  gtk_text_view_set_right_margin (text_view, self->page_margin);
  gtk_text_view_set_top_margin (text_view, 18);
  gtk_text_view_set_bottom_margin (text_view, 36);
  gtk_widget_add_css_class (GTK_WIDGET (self), "sheaf-preview");

  g_signal_connect (self, "notify::vadjustment", G_CALLBACK (_sheaf_preview_view_notify_vadjustment_cb), NULL);
  /* Chips and boxes follow the text and its tags (folding, a poke). */
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (_sheaf_preview_view_queue_decorate), self);
  g_signal_connect_swapped (self->buffer, "apply-tag", G_CALLBACK (_sheaf_preview_view_queue_decorate), self);
  g_signal_connect_swapped (self->buffer, "remove-tag", G_CALLBACK (_sheaf_preview_view_queue_decorate), self);
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (style_manager_notify_dark_cb), self, G_CONNECT_SWAPPED);
  _sheaf_preview_view_create_tags (self);
  _sheaf_preview_view_update_colors (self);
  _sheaf_preview_view_init_input (self);
}

static gboolean
unref_idle_cb (gpointer data)
{
  g_object_unref (data);

  return G_SOURCE_REMOVE;
}

/* Public API */

GtkWidget *
sheaf_preview_view_new (void)
{
  return g_object_new (SHEAF_TYPE_PREVIEW_VIEW, NULL);
}

SheafPreviewHost *
sheaf_preview_view_get_host (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), NULL);

  return self->host;
}

void
sheaf_preview_view_set_host (SheafPreviewView *self,
                             SheafPreviewHost *host)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));
  g_return_if_fail (host == NULL || SHEAF_IS_PREVIEW_HOST (host));

  if (g_set_object (&self->host, host))
    {
      /* Links resolve differently, embeds and images come from elsewhere. */
      _sheaf_preview_view_update (self, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
    }
}

SheafNote *
sheaf_preview_view_get_note (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), NULL);

  return self->note;
}

/**
 * sheaf_preview_view_set_note:
 * @self: a #SheafPreviewView
 * @note: (nullable): a note parsed with %SHEAF_NOTE_KEEP_TREE (and
 *   %SHEAF_NOTE_KEEP_TEXT, for incremental updates)
 *
 * Shows @note, rewriting only the blocks that differ from the note shown
 * before when both are the same path.
 */
void
sheaf_preview_view_set_note (SheafPreviewView *self,
                             SheafNote        *note)
{
  SheafNote *old;
  gboolean full;

  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));
  g_return_if_fail (note == NULL || SHEAF_IS_NOTE (note));

  if (note == self->note)
    return;

  if (note != NULL && !sheaf_parse_result_has_tree (sheaf_note_get_parse_result (note)))
    {
      g_warning ("The note %s was parsed without its tree: nothing to show",
                 sheaf_note_get_path (note));
      note = NULL;
    }

  full = note == NULL || self->note == NULL ||
         g_strcmp0 (sheaf_note_get_path (note), sheaf_note_get_path (self->note)) != 0;
  old = g_steal_pointer (&self->note);
  self->note = note != NULL ? g_object_ref (note) : NULL;
  _sheaf_preview_view_update (self, full);
  /* Freeing a big note's tree takes a while: not while the user types. */
  if (old != NULL)
    g_idle_add_full (G_PRIORITY_LOW, unref_idle_cb, old, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * sheaf_preview_view_rerender:
 * @self: a #SheafPreviewView
 *
 * Renders the whole note again, e.g. after the vault changed and links
 * resolve differently.
 */
void
sheaf_preview_view_rerender (SheafPreviewView *self)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));

  _sheaf_preview_view_update (self, TRUE);
}

guint
sheaf_preview_view_get_depth (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), 0);

  return self->depth;
}

void
sheaf_preview_view_set_depth (SheafPreviewView *self,
                              guint             depth)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));

  if (self->depth != depth)
    {
      self->depth = depth;
      self->page_margin = depth > 0 ? PV_EMBED_MARGIN : PV_PAGE_MARGIN;
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), self->page_margin);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), self->page_margin);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self), depth > 0 ? 4 : 18);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self), depth > 0 ? 0 : 36);
      _sheaf_preview_view_update (self, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPTH]);
    }
}

const char *
sheaf_preview_view_get_section (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), NULL);

  return self->section;
}

void
sheaf_preview_view_set_section (SheafPreviewView *self,
                                const char       *section)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));

  if (g_strcmp0 (self->section, section) != 0)
    {
      g_free (self->section);
      self->section = g_strdup (section);
      _sheaf_preview_view_update (self, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
    }
}

/**
 * sheaf_preview_view_get_iter_at_line:
 * @self: a #SheafPreviewView
 * @line: a 1-based line of the note's file
 * @iter: (out): where that line's text is shown
 *
 * Returns: %FALSE when nothing is shown
 */
gboolean
sheaf_preview_view_get_iter_at_line (SheafPreviewView *self,
                                     guint             line,
                                     GtkTextIter      *iter)
{
  guint lo = 0, hi;
  Block *block;
  int offset = 0;

  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), FALSE);
  g_return_val_if_fail (iter != NULL, FALSE);

  _sheaf_preview_view_finish_pending (self);

  hi = self->blocks->len;
  if (hi == 0)
    return FALSE;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (((Block *) g_ptr_array_index (self->blocks, mid))->line <= line)
        lo = mid;
      else
        hi = mid;
    }

  block = g_ptr_array_index (self->blocks, lo);
  for (guint i = 0; i < block->leaves->len; i++)
    {
      Leaf *leaf = &g_array_index (block->leaves, Leaf, i);

      if (block->line + leaf->line > line)
        break;
      offset = leaf->offset;
    }

  _sheaf_preview_view_block_start (self, block, iter);
  gtk_text_iter_forward_chars (iter, offset);

  return TRUE;
}

/**
 * sheaf_preview_view_get_line_at_iter:
 * @self: a #SheafPreviewView
 * @iter: a position in the view's buffer
 *
 * Returns: the 1-based source line shown at @iter, or 0
 */
guint
sheaf_preview_view_get_line_at_iter (SheafPreviewView  *self,
                                     const GtkTextIter *iter)
{
  Block *block;
  guint line;
  int rel = 0;

  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), 0);
  g_return_val_if_fail (iter != NULL, 0);

  block = _sheaf_preview_view_block_at (self, iter, &rel, NULL);
  if (block == NULL)
    return 0;

  line = block->line;
  for (guint i = 0; i < block->leaves->len; i++)
    {
      Leaf *leaf = &g_array_index (block->leaves, Leaf, i);

      if (leaf->offset > rel)
        break;
      line = block->line + leaf->line;
    }

  return line;
}

guint
sheaf_preview_view_get_n_blocks (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), 0);

  _sheaf_preview_view_finish_pending (self);

  return self->blocks->len;
}

GtkTextMark *
sheaf_preview_view_get_block_mark (SheafPreviewView *self,
                                   guint             index)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), NULL);

  _sheaf_preview_view_finish_pending (self);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return ((Block *) g_ptr_array_index (self->blocks, index))->mark;
}

/* How many blocks were rendered since the view was made. */
guint
sheaf_preview_view_get_n_rendered (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), 0);

  _sheaf_preview_view_finish_pending (self);

  return self->n_rendered;
}

guint
sheaf_preview_view_get_n_callouts (SheafPreviewView *self)
{
  guint n = 0;

  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), 0);

  _sheaf_preview_view_finish_pending (self);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      for (guint b = 0; b < block->boxes->len; b++)
        n += g_array_index (block->boxes, Box, b).kind == BOX_CALLOUT;
    }

  return n;
}

/**
 * sheaf_preview_view_get_callout:
 * @self: a #SheafPreviewView
 * @index: which callout, in document order
 * @type: (out) (optional): its canonical type
 * @color: (out) (optional): the colour it is drawn in now
 * @icon_name: (out) (optional): its icon
 * @folded: (out) (optional): whether its body is hidden
 * @title: (out) (optional): the start of its title
 * @body: (out) (optional): the start of its body
 *
 * For tests.
 */
gboolean
sheaf_preview_view_get_callout (SheafPreviewView  *self,
                                guint              index,
                                const char       **type,
                                const char       **color,
                                const char       **icon_name,
                                gboolean          *folded,
                                GtkTextIter       *title,
                                GtkTextIter       *body)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), FALSE);

  _sheaf_preview_view_finish_pending (self);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      for (guint b = 0; b < block->boxes->len; b++)
        {
          Box *box = &g_array_index (block->boxes, Box, b);
          GtkTextIter start;

          if (box->kind != BOX_CALLOUT || index-- > 0)
            continue;

          if (type != NULL)
            *type = box->type;
          if (color != NULL)
            *color = self->dark ? box->style->dark_color : box->style->light_color;
          if (icon_name != NULL)
            *icon_name = box->style->icon_name;
          if (folded != NULL)
            *folded = box->folded;
          _sheaf_preview_view_block_start (self, block, &start);
          if (title != NULL)
            {
              *title = start;
              gtk_text_iter_forward_chars (title, box->start);
            }
          if (body != NULL)
            {
              *body = start;
              gtk_text_iter_forward_chars (body, box->body);
            }
          return TRUE;
        }
    }

  return FALSE;
}
