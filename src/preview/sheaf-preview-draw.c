/* sheaf-preview-draw.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sheaf-preview-view-private.h"

/* The look: text tags for what Pango can do, and drawing below the text for
 * what it cannot (callout boxes with their icons and chevrons, quote bars,
 * rounded chips behind #tags and inline code). Only the blocks on screen are
 * drawn. Colours come from sheaf_callout_lookup_style() and follow
 * AdwStyleManager:dark. */

#define ICON_SIZE 16
#define RADIUS    6

/* Adwaita's accent colours (libadwaita 1.2 has no API for them). */
#define ACCENT_LIGHT "#1c71d8"
#define ACCENT_DARK  "#78aeed"

static GtkTextTag *
new_tag (SheafPreviewView *self,
         const char       *name,
         const char       *first_property,
         ...)
{
  GtkTextTag *tag = gtk_text_tag_new (name);
  va_list args;

  if (first_property != NULL)
    {
      va_start (args, first_property);
      g_object_set_valist (G_OBJECT (tag), first_property, args);
      va_end (args);
    }

  gtk_text_tag_table_add (gtk_text_buffer_get_tag_table (self->buffer), tag);
  g_hash_table_insert (self->tags, g_strdup (name), tag);
  g_object_unref (tag);

  return tag;
}

GtkTextTag *
_sheaf_preview_view_get_tag (SheafPreviewView *self,
                             const char       *name)
{
  GtkTextTag *tag = g_hash_table_lookup (self->tags, name);

  if (tag == NULL)
    {
      g_critical ("No preview tag named %s", name);
      tag = new_tag (self, name, NULL);
    }

  return tag;
}

GtkTextTag *
_sheaf_preview_view_margin_tag (SheafPreviewView *self,
                                int               left,
                                int               right,
                                int               hanging)
{
  char name[48];
  GtkTextTag *tag;

  /* A tag's margins replace the view's: add the page's. */
  left += self->page_margin;
  right += self->page_margin;
  g_snprintf (name, sizeof name, "m:%d:%d:%d", left, right, hanging);
  tag = g_hash_table_lookup (self->tags, name);
  if (tag != NULL)
    return tag;

  if (hanging > 0)
    {
      /* Pango hangs a negative indent: the marker starts the first line at
       * left - hanging, a tab stop puts the text at left, like the lines
       * that wrap. */
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, hanging);

      tag = new_tag (self, name,
                     "left-margin", MAX (left - hanging, 0),
                     "right-margin", right,
                     "indent", -hanging,
                     "tabs", tabs,
                     NULL);
      pango_tab_array_free (tabs);
    }
  else
    {
      tag = new_tag (self, name, "left-margin", left, "right-margin", right, NULL);
    }

  return tag;
}

GtkTextTag *
_sheaf_preview_view_spacing_tag (SheafPreviewView *self,
                                 int               above,
                                 int               below)
{
  char name[32];
  GtkTextTag *tag;

  g_snprintf (name, sizeof name, "s:%d:%d", above, below);
  tag = g_hash_table_lookup (self->tags, name);
  if (tag == NULL)
    tag = new_tag (self, name,
                   "pixels-above-lines", above,
                   "pixels-below-lines", below,
                   NULL);

  return tag;
}

void
_sheaf_preview_view_create_tags (SheafPreviewView *self)
{
  static const double scales[] = { 1.0, 1.75, 1.45, 1.25, 1.1, 1.0, 0.95 };
  const SheafCalloutStyle *styles;
  guint n_styles;

  /* Created first, so lower in priority than links and code inside them. */
  new_tag (self, "callout-title", "weight", 600, NULL);
  styles = sheaf_callout_get_styles (&n_styles);
  for (guint i = 0; i < n_styles; i++)
    {
      g_autofree char *name = g_strconcat ("callout-", styles[i].type, NULL);

      new_tag (self, name, "foreground", styles[i].light_color, NULL);
    }

  for (int level = 1; level <= 6; level++)
    {
      char name[4] = { 'h', '0' + level, '\0' };

      new_tag (self, name,
               "scale", scales[level],
               "weight", level <= 3 ? 700 : 600,
               NULL);
    }

  self->quote_tag = new_tag (self, "quote", "style", PANGO_STYLE_ITALIC, NULL);
  new_tag (self, "em", "style", PANGO_STYLE_ITALIC, NULL);
  new_tag (self, "strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  new_tag (self, "strike", "strikethrough", TRUE, NULL);
  self->highlight_tag = new_tag (self, "highlight", NULL);
  self->code_tag = new_tag (self, "code", "family", "monospace", "scale", 0.9, NULL);
  new_tag (self, "math", "family", "monospace", "scale", 0.9, NULL);
  new_tag (self, "math-block", "family", "monospace", NULL);
  new_tag (self, "raw-html", "family", "monospace", "scale", 0.9, NULL);
  new_tag (self, "list-marker", NULL);
  new_tag (self, "footnote", "scale", 0.9, NULL);
  self->link_tag = new_tag (self, "link", NULL);
  self->unresolved_tag = new_tag (self, "link-unresolved", NULL);
  self->external_tag = new_tag (self, "link-external", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  self->tag_tag = new_tag (self, "tag", "scale", 0.92, NULL);
  new_tag (self, "footnote-ref", "rise", 5 * PANGO_SCALE, "scale", 0.72, NULL);
  self->folded_tag = new_tag (self, "folded", "invisible", TRUE, NULL);
  self->poke_tag = new_tag (self, "poke", NULL);
}

static void
rgba_with_alpha (GdkRGBA    *rgba,
                 const char *spec,
                 float       alpha)
{
  gdk_rgba_parse (rgba, spec);
  rgba->alpha = alpha;
}

void
_sheaf_preview_view_update_colors (SheafPreviewView *self)
{
  const SheafCalloutStyle *styles;
  GdkRGBA rgba;
  guint n_styles;

  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gdk_rgba_parse (&self->accent, self->dark ? ACCENT_DARK : ACCENT_LIGHT);

  styles = sheaf_callout_get_styles (&n_styles);
  for (guint i = 0; i < n_styles; i++)
    {
      g_autofree char *name = g_strconcat ("callout-", styles[i].type, NULL);

      g_object_set (g_hash_table_lookup (self->tags, name),
                    "foreground", self->dark ? styles[i].dark_color : styles[i].light_color,
                    NULL);
    }

  g_object_set (self->link_tag, "foreground-rgba", &self->accent, NULL);
  g_object_set (self->external_tag, "foreground-rgba", &self->accent, NULL);
  g_object_set (self->tag_tag, "foreground-rgba", &self->accent, NULL);
  g_object_set (_sheaf_preview_view_get_tag (self, "footnote-ref"),
                "foreground-rgba", &self->accent, NULL);
  rgba = self->accent;
  rgba.alpha = 0.55;
  g_object_set (self->unresolved_tag, "foreground-rgba", &rgba, NULL);

  rgba_with_alpha (&rgba, self->dark ? "#ffd54f" : "#ffd000", self->dark ? 0.3 : 0.4);
  g_object_set (self->highlight_tag, "background-rgba", &rgba, NULL);

  rgba_with_alpha (&rgba, self->dark ? "#ffffff" : "#000000", self->dark ? 0.55 : 0.5);
  g_object_set (_sheaf_preview_view_get_tag (self, "list-marker"), "foreground-rgba", &rgba, NULL);
  g_object_set (_sheaf_preview_view_get_tag (self, "raw-html"), "foreground-rgba", &rgba, NULL);
  rgba.alpha = self->dark ? 0.8 : 0.75;
  g_object_set (self->quote_tag, "foreground-rgba", &rgba, NULL);
}

/* Drawing */

static void
ensure_icons (GtkWidget *widget)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  /* An application finds them through its resource base path; a test or a
   * plugin host may not have one. */
  if (!gtk_icon_theme_has_icon (theme, "sheaf-callout-note-symbolic"))
    gtk_icon_theme_add_resource_path (theme, RESOURCE_BASE "/icons");
}

static void
draw_icon (GtkWidget     *widget,
           GtkSnapshot   *snapshot,
           const char    *icon_name,
           const GdkRGBA *color,
           float          x,
           float          y)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;

  icon = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, ICON_SIZE,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                            ICON_SIZE, ICON_SIZE, color, 1);
  gtk_snapshot_restore (snapshot);
}

/* Chips and boxes are placed outside the snapshot, in an idle after GTK has
 * laid the lines out, and snapshot_layer only draws what was placed: GTK
 * 4.8 lays lines out with the wrong style (a paragraph in the size and
 * spacing of the heading after it, everything below a line lower than the
 * layout says) when its layout is queried while a frame is laid out or
 * drawn: from size_allocate as much as from snapshot_layer. */

/* Above and below the visible area, in screens, placed ahead of scrolling. */
#define DECORATE_MARGIN 0.5
/* Lines not laid out yet count as 0 pixels high: bound the range in
 * characters too, or it could be the whole note. */
#define DECORATE_CHARS  20000

typedef enum
{
  DECO_TAG,
  DECO_CODE,
  DECO_QUOTE,
  DECO_CALLOUT,
} DecorationKind;

/* Something drawn below the text, in buffer coordinates. */
typedef struct
{
  DecorationKind           kind;
  graphene_rect_t          rect;
  const SheafCalloutStyle *style;      /* DECO_CALLOUT               */
  float                    icon_y;     /* DECO_CALLOUT               */
  const char              *chevron;    /* DECO_CALLOUT: NULL if none */
  float                    chevron_x;
  float                    chevron_y;
} Decoration;

static void
iter_at (SheafPreviewView *self,
         int               block_start,
         int               rel,
         GtkTextIter      *iter)
{
  gtk_text_buffer_get_iter_at_offset (self->buffer, iter, block_start + rel);
}

static void
place_box (SheafPreviewView *self,
           Box              *box,
           int               block_start,
           int               text_x,
           int               text_width)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  Decoration deco = { 0 };
  GtkTextIter start, last, title_end;
  GdkRectangle location;
  int y1, h1, y2, h2;
  float x, w, top, bottom;

  iter_at (self, block_start, box->start, &start);
  if (gtk_text_iter_has_tag (&start, self->folded_tag))
    return;

  if (box->folded || box->body >= box->end)
    iter_at (self, block_start, MAX (box->start, box->body - 1), &last);
  else
    iter_at (self, block_start, MAX (box->start, box->end - 1), &last);

  gtk_text_view_get_line_yrange (text_view, &start, &y1, &h1);
  gtk_text_view_get_line_yrange (text_view, &last, &y2, &h2);
  top = y1 + box->top_inset;
  bottom = y2 + h2 - box->bottom_inset;
  x = text_x + box->left;
  w = text_width - box->left - box->right;
  if (bottom <= top || w <= 0)
    return;

  if (box->kind == BOX_QUOTE)
    {
      deco.kind = DECO_QUOTE;
      graphene_rect_init (&deco.rect, x + 2, top, 3, bottom - top);
      g_array_append_val (self->decorations, deco);
      return;
    }

  deco.kind = DECO_CALLOUT;
  deco.style = box->style;
  graphene_rect_init (&deco.rect, x, top, w, bottom - top);

  /* The icon, centred on the title's first line. */
  gtk_text_view_get_iter_location (text_view, &start, &location);
  deco.icon_y = location.y + (location.height - ICON_SIZE) / 2.0f;

  if (box->foldable && box->body > box->start + 2)
    {
      iter_at (self, block_start, box->body - 3, &title_end);
      gtk_text_view_get_iter_location (text_view, &title_end, &location);
      deco.chevron = box->folded ? "pan-end-symbolic" : "pan-down-symbolic";
      deco.chevron_x = location.x + 4;
      deco.chevron_y = location.y + (location.height - ICON_SIZE) / 2.0f;
    }

  g_array_append_val (self->decorations, deco);
}

static void
place_chip (SheafPreviewView *self,
            Span             *span,
            int               block_start)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkTextIter iter, end;

  iter_at (self, block_start, span->start, &iter);
  iter_at (self, block_start, span->end, &end);
  if (gtk_text_iter_has_tag (&iter, self->folded_tag))
    return;

  /* One rounded rectangle per display line the span covers. */
  for (int guard = 0; gtk_text_iter_compare (&iter, &end) < 0 && guard < 16; guard++)
    {
      GtkTextIter line_end = iter;
      Decoration deco = { 0 };
      GdkRectangle a, b;

      if (!gtk_text_view_forward_display_line_end (text_view, &line_end) ||
          gtk_text_iter_compare (&line_end, &end) > 0)
        line_end = end;
      gtk_text_view_get_iter_location (text_view, &iter, &a);
      gtk_text_view_get_iter_location (text_view, &line_end, &b);
      if (b.y > a.y)
        {
          GtkTextIter back = line_end;

          gtk_text_iter_backward_char (&back);
          gtk_text_view_get_iter_location (text_view, &back, &b);
          b.x += b.width;
        }
      deco.kind = span->kind == SPAN_TAG ? DECO_TAG : DECO_CODE;
      graphene_rect_init (&deco.rect, a.x - 3, a.y + 1, b.x - a.x + 6, a.height - 2);
      g_array_append_val (self->decorations, deco);

      if (gtk_text_iter_equal (&line_end, &end) ||
          !gtk_text_view_forward_display_line (text_view, &line_end))
        break;
      iter = line_end;
    }
}

/**
 * _sheaf_preview_view_decorate:
 * @self: a #SheafPreviewView
 *
 * Places the chips and boxes of the blocks in and around the visible area,
 * from the text view's layout, and queues a draw. Never call it from a
 * snapshot.
 */
void
_sheaf_preview_view_decorate (SheafPreviewView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GdkRectangle visible;
  GtkTextIter top, bottom;
  guint first = 0, last = 0;
  int margin, text_x, text_width, top_offset, bottom_offset;

  g_clear_handle_id (&self->decorate_idle, g_source_remove);
  if (self->decorations == NULL)
    self->decorations = g_array_new (FALSE, FALSE, sizeof (Decoration));
  g_array_set_size (self->decorations, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  /* Unmapped, nothing is laid out: the first snapshot asks again. */
  self->decorated_top = 0;
  self->decorated_bottom = -1;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->blocks->len == 0)
    {
      self->decorated_bottom = G_MAXINT;
      return;
    }

  gtk_text_view_get_visible_rect (text_view, &visible);
  margin = visible.height * DECORATE_MARGIN;
  self->decorated_top = MAX (visible.y - margin, 0);
  self->decorated_bottom = visible.y + visible.height + margin;
  gtk_text_view_get_line_at_y (text_view, &top, self->decorated_top, NULL);
  gtk_text_view_get_line_at_y (text_view, &bottom, self->decorated_bottom, NULL);
  gtk_text_iter_forward_line (&bottom);
  if (gtk_text_iter_get_offset (&bottom) > gtk_text_iter_get_offset (&top) + DECORATE_CHARS)
    gtk_text_buffer_get_iter_at_offset (self->buffer, &bottom,
                                        gtk_text_iter_get_offset (&top) + DECORATE_CHARS);
  top_offset = gtk_text_iter_get_offset (&top);
  bottom_offset = gtk_text_iter_get_offset (&bottom);
  _sheaf_preview_view_block_at (self, &top, NULL, &first);
  _sheaf_preview_view_block_at (self, &bottom, NULL, &last);

  text_x = self->page_margin;
  text_width = MAX (self->text_width, 1);

  for (guint i = first; i <= last && i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      GtkTextIter start;
      int block_start;

      _sheaf_preview_view_block_start (self, block, &start);
      block_start = gtk_text_iter_get_offset (&start);

      for (guint b = 0; b < block->boxes->len; b++)
        {
          Box *box = &g_array_index (block->boxes, Box, b);

          if (block_start + box->end >= top_offset && block_start + box->start <= bottom_offset)
            place_box (self, box, block_start, text_x, text_width);
        }

      for (guint s = 0; s < block->spans->len; s++)
        {
          Span *span = &g_array_index (block->spans, Span, s);

          if (span->kind != SPAN_TAG && span->kind != SPAN_CODE)
            continue;
          if (block_start + span->end < top_offset || block_start + span->start > bottom_offset)
            continue;
          place_chip (self, span, block_start);
        }
    }
}

static gboolean
decorate_cb (gpointer user_data)
{
  SheafPreviewView *self = user_data;

  self->decorate_idle = 0;
  _sheaf_preview_view_decorate (self);

  return G_SOURCE_REMOVE;
}

/* After GTK's own layout idles (GTK_PRIORITY_RESIZE and the text view's
 * first validation): placed from lines laid out for what will show. */
void
_sheaf_preview_view_queue_decorate (SheafPreviewView *self)
{
  if (self->decorate_idle == 0)
    self->decorate_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, decorate_cb, self, NULL);
}

static void
draw_callout (SheafPreviewView *self,
              GtkSnapshot      *snapshot,
              Decoration       *deco)
{
  const graphene_rect_t *rect = &deco->rect;
  GskRoundedRect rounded;
  GdkRGBA color;

  gdk_rgba_parse (&color, self->dark ? deco->style->dark_color : deco->style->light_color);
  gsk_rounded_rect_init_from_rect (&rounded, rect, RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  color.alpha = self->dark ? 0.12 : 0.1;
  gtk_snapshot_append_color (snapshot, &color, &rounded.bounds);
  color.alpha = 0.85;
  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (rect->origin.x, rect->origin.y, 3, rect->size.height));
  gtk_snapshot_pop (snapshot);

  color.alpha = 1.0;
  draw_icon (GTK_WIDGET (self), snapshot, deco->style->icon_name, &color,
             rect->origin.x + PV_BOX_PAD, deco->icon_y);
  if (deco->chevron != NULL)
    draw_icon (GTK_WIDGET (self), snapshot, deco->chevron, &color, deco->chevron_x, deco->chevron_y);
}

static void
draw_rounded (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              float                  radius,
              const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, &rounded.bounds);
  gtk_snapshot_pop (snapshot);
}

/* Draws what _sheaf_preview_view_decorate() placed. The snapshot is in
 * buffer coordinates; nothing here may ask the layout. */
void
_sheaf_preview_view_snapshot_layer (GtkTextView      *text_view,
                                    GtkTextViewLayer  layer,
                                    GtkSnapshot      *snapshot)
{
  SheafPreviewView *self = SHEAF_PREVIEW_VIEW (text_view);
  GdkRectangle visible;
  graphene_rect_t area;
  GdkRGBA tag_color, code_color, quote_color;

  if (layer != GTK_TEXT_VIEW_LAYER_BELOW_TEXT || self->blocks->len == 0)
    return;

  gtk_text_view_get_visible_rect (text_view, &visible);
  if (self->decorations == NULL ||
      visible.y < self->decorated_top ||
      visible.y + visible.height > self->decorated_bottom)
    _sheaf_preview_view_queue_decorate (self);
  if (self->decorations == NULL)
    return;

  ensure_icons (GTK_WIDGET (self));
  graphene_rect_init (&area, visible.x, visible.y, visible.width, visible.height);
  tag_color = self->accent;
  tag_color.alpha = self->dark ? 0.18 : 0.12;
  rgba_with_alpha (&code_color, self->dark ? "#ffffff" : "#000000", self->dark ? 0.1 : 0.07);
  rgba_with_alpha (&quote_color, self->dark ? "#ffffff" : "#000000", self->dark ? 0.22 : 0.18);

  for (guint i = 0; i < self->decorations->len; i++)
    {
      Decoration *deco = &g_array_index (self->decorations, Decoration, i);

      if (!graphene_rect_intersection (&deco->rect, &area, NULL))
        continue;

      switch (deco->kind)
        {
        case DECO_TAG:
          draw_rounded (snapshot, &deco->rect, 4, &tag_color);
          break;

        case DECO_CODE:
          draw_rounded (snapshot, &deco->rect, 4, &code_color);
          break;

        case DECO_QUOTE:
          draw_rounded (snapshot, &deco->rect, 1.5, &quote_color);
          break;

        case DECO_CALLOUT:
          draw_callout (self, snapshot, deco);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}
