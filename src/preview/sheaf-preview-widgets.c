/* sheaf-preview-widgets.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <cmark-gfm-core-extensions.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "sheaf-preview-render-private.h"
#include "sheaf-preview-widgets.h"
#include "sheaf-properties-view.h"

void
_sheaf_preview_free_link (SheafLink *link)
{
  if (link == NULL)
    return;

  g_free (link->raw);
  g_free (link->target);
  g_free (link->fragment);
  g_free (link->display);
  g_free (link);
}

static SheafLink *
dup_link (const SheafLink *link)
{
  SheafLink *copy = g_new0 (SheafLink, 1);

  _sheaf_preview_copy_link (copy, link);

  return copy;
}

/* Code blocks */

static const struct
{
  const char *name;
  const char *id;
} language_aliases[] = {
  { "bash", "sh" }, { "shell", "sh" }, { "zsh", "sh" }, { "console", "sh" },
  { "javascript", "js" }, { "jsx", "js" }, { "ts", "typescript" }, { "tsx", "typescript-jsx" },
  { "py", "python3" }, { "python", "python3" }, { "rb", "ruby" }, { "rs", "rust" },
  { "yml", "yaml" }, { "md", "markdown" }, { "c++", "cpp" }, { "cxx", "cpp" },
  { "h", "chdr" }, { "hpp", "cpphdr" }, { "cs", "csharp" }, { "golang", "go" },
  { "dockerfile", "docker" }, { "ini", "ini" }, { "toml", "toml" }, { "kt", "kotlin" },
  { "objc", "objc" }, { "patch", "diff" }, { "tex", "latex" }, { "vim", "vim" },
};

static GtkSourceLanguage *
lookup_language (const char *name)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();
  g_autofree char *lower = NULL;
  g_autofree char *file_name = NULL;
  GtkSourceLanguage *language;

  if (name == NULL || name[0] == '\0')
    return NULL;

  lower = g_ascii_strdown (name, -1);
  for (guint i = 0; i < G_N_ELEMENTS (language_aliases); i++)
    if (strcmp (lower, language_aliases[i].name) == 0)
      {
        language = gtk_source_language_manager_get_language (manager, language_aliases[i].id);
        if (language != NULL)
          return language;
      }

  language = gtk_source_language_manager_get_language (manager, lower);
  if (language != NULL)
    return language;

  file_name = g_strconcat ("code.", lower, NULL);

  return gtk_source_language_manager_guess_language (manager, file_name, NULL);
}

static void
update_scheme (GtkSourceBuffer *buffer)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static void
copy_clicked_cb (GtkButton       *button,
                 GtkSourceBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  gtk_button_set_icon_name (button, "object-select-symbolic");
}

GtkWidget *
_sheaf_preview_code_block_new (const char *code,
                               const char *language_name)
{
  GtkWidget *overlay, *scroller, *view, *copy;
  GtkSourceLanguage *language = lookup_language (language_name);
  g_autoptr(GtkSourceBuffer) buffer = NULL;
  gsize length = code != NULL ? strlen (code) : 0;

  buffer = gtk_source_buffer_new (NULL);
  if (length > 0 && code[length - 1] == '\n')
    length--;
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (buffer), FALSE);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), code != NULL ? code : "", length);
  gtk_source_buffer_set_language (buffer, language);
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  update_scheme (buffer);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_scheme), buffer, G_CONNECT_SWAPPED);

  view = gtk_source_view_new_with_buffer (buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 14);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 14);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);

  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (copy, _("Copy"));
  gtk_widget_set_halign (copy, GTK_ALIGN_END);
  gtk_widget_set_valign (copy, GTK_ALIGN_START);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_add_css_class (copy, "sheaf-code-copy");
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_clicked_cb), buffer, 0);

  overlay = gtk_overlay_new ();
  gtk_widget_add_css_class (overlay, "sheaf-code-block");
  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scroller);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), copy);
  g_object_set_data (G_OBJECT (overlay), "sheaf-source-view", view);

  return overlay;
}

typedef struct
{
  char *code;
  char *language;
} CodeData;

gpointer
_sheaf_preview_code_data_new (const char *code,
                              const char *language)
{
  CodeData *data = g_new0 (CodeData, 1);

  data->code = g_strdup (code);
  data->language = g_strdup (language);

  return data;
}

void
_sheaf_preview_code_data_free (gpointer data)
{
  CodeData *code = data;

  g_free (code->code);
  g_free (code->language);
  g_free (code);
}

GtkWidget *
_sheaf_preview_code_block_factory (SheafPreviewView *view,
                                   gpointer          data)
{
  CodeData *code = data;

  return _sheaf_preview_code_block_new (code->code, code->language);
}

/* Tables: the cells' markup is made while the tree is there, the grid when it
 * comes into sight. */

typedef struct
{
  guint       n_rows;
  guint       n_columns;
  char      **markup;      /* n_rows × n_columns, NULL where a row is short */
  GPtrArray **links;       /* the same, SheafLink                           */
  guint8     *alignments;  /* n_columns                                     */
  gboolean   *header;      /* n_rows                                        */
} TableData;

void
_sheaf_preview_table_data_free (gpointer data)
{
  TableData *table = data;

  for (guint i = 0; i < table->n_rows * table->n_columns; i++)
    {
      g_free (table->markup[i]);
      if (table->links[i] != NULL)
        g_ptr_array_unref (table->links[i]);
    }
  g_free (table->markup);
  g_free (table->links);
  g_free (table->alignments);
  g_free (table->header);
  g_free (table);
}

gpointer
_sheaf_preview_table_data_new (SheafPreviewView *view,
                               const RenderEnv  *env,
                               cmark_node       *node)
{
  TableData *table = g_new0 (TableData, 1);
  guint8 *alignments = cmark_gfm_extensions_get_table_alignments (node);
  guint row = 0;

  table->n_columns = cmark_gfm_extensions_get_table_columns (node);
  for (cmark_node *r = cmark_node_first_child (node); r != NULL; r = cmark_node_next (r))
    table->n_rows++;
  table->markup = g_new0 (char *, table->n_rows * table->n_columns);
  table->links = g_new0 (GPtrArray *, table->n_rows * table->n_columns);
  table->alignments = g_new0 (guint8, table->n_columns);
  table->header = g_new0 (gboolean, table->n_rows);
  if (alignments != NULL)
    memcpy (table->alignments, alignments, table->n_columns);

  for (cmark_node *r = cmark_node_first_child (node); r != NULL; r = cmark_node_next (r), row++)
    {
      guint column = 0;

      table->header[row] = cmark_gfm_extensions_get_table_row_is_header (r);
      for (cmark_node *c = cmark_node_first_child (r); c != NULL && column < table->n_columns;
           c = cmark_node_next (c), column++)
        {
          guint i = row * table->n_columns + column;

          table->links[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) _sheaf_preview_free_link);
          table->markup[i] = _sheaf_render_inline_markup (view, env, c, table->links[i]);
        }
    }

  return table;
}

/* Tables */

static gboolean
table_activate_link_cb (GtkLabel         *label,
                        const char       *uri,
                        SheafPreviewView *view)
{
  GPtrArray *links = g_object_get_data (G_OBJECT (label), "sheaf-links");

  if (g_str_has_prefix (uri, "sheaf-link:"))
    {
      guint index = atoi (uri + strlen ("sheaf-link:"));

      if (links != NULL && index < links->len)
        _sheaf_preview_view_emit_link (view, g_ptr_array_index (links, index), FALSE);
      return TRUE;
    }

  _sheaf_preview_view_open_uri (view, uri);

  return TRUE;
}

/* The box around a table's scrolled window. The text view lays its children
 * out at their minimum size, and a GtkScrolledWindow that may scroll across
 * measures its child's height for no width in particular: with cells that
 * wrap, one line each. The box measures the table's height for the width the
 * table will have, the text's (its size request) or the table's own
 * narrowest when that is wider; then the table scrolls. */
static GtkSizeRequestMode
table_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
table_box_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  GtkWidget *scroller = gtk_widget_get_first_child (widget);
  GtkWidget *frame = g_object_get_data (G_OBJECT (widget), "sheaf-table-frame");
  int scroller_min, frame_min, frame_nat;

  gtk_widget_measure (scroller, GTK_ORIENTATION_HORIZONTAL, -1, &scroller_min, NULL, NULL, NULL);
  gtk_widget_measure (frame, GTK_ORIENTATION_HORIZONTAL, -1, &frame_min, &frame_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = scroller_min;
      *natural = MAX (scroller_min, frame_nat);
      return;
    }

  /* The frame is at the start of the scrolled area: as wide as that, within
   * its own minimum and natural widths. */
  if (for_size < 0)
    for_size = frame_nat;
  gtk_widget_measure (frame, GTK_ORIENTATION_VERTICAL, CLAMP (for_size, frame_min, frame_nat),
                      minimum, NULL, NULL, NULL);
  *natural = *minimum;
}

static void
table_box_allocate (GtkWidget *widget,
                    int        width,
                    int        height,
                    int        baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

GtkWidget *
_sheaf_preview_table_factory (SheafPreviewView *view,
                              gpointer          data)
{
  TableData *table = data;
  GtkWidget *outer, *scroller, *frame, *grid;

  grid = gtk_grid_new ();
  gtk_widget_add_css_class (grid, "sheaf-table");

  for (guint row = 0; row < table->n_rows; row++)
    for (guint column = 0; column < table->n_columns; column++)
      {
        guint i = row * table->n_columns + column;
        guint8 align = table->alignments[column];
        GtkWidget *label;

        if (table->markup[i] == NULL)
          continue;

        label = gtk_label_new (NULL);
        gtk_label_set_markup (GTK_LABEL (label), table->markup[i]);
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
        gtk_label_set_selectable (GTK_LABEL (label), TRUE);
        gtk_label_set_xalign (GTK_LABEL (label), align == 'r' ? 1.0 : align == 'c' ? 0.5 : 0.0);
        gtk_widget_set_hexpand (label, TRUE);
        gtk_widget_set_can_focus (label, FALSE);
        gtk_widget_add_css_class (label, table->header[row] ? "header" : "cell");
        if (!table->header[row] && row % 2 == 0)
          gtk_widget_add_css_class (label, "even");
        if (column == 0)
          gtk_widget_add_css_class (label, "first");
        g_object_set_data_full (G_OBJECT (label), "sheaf-links", g_steal_pointer (&table->links[i]),
                                (GDestroyNotify) g_ptr_array_unref);
        g_signal_connect_object (label, "activate-link",
                                 G_CALLBACK (table_activate_link_cb), view, 0);
        gtk_grid_attach (GTK_GRID (grid), label, column, row, 1, 1);
      }

  /* Wide tables wrap their cells. The outer box takes the text's width, the
   * frame only what the table needs; a table that cannot get as narrow as
   * the text scrolls across (see table_box_measure()). */
  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (frame, "sheaf-table-frame");
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_halign (frame, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (frame), grid);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), frame);
  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (outer), scroller);
  gtk_widget_set_layout_manager (outer, gtk_custom_layout_new (table_box_get_request_mode,
                                                               table_box_measure,
                                                               table_box_allocate));
  g_object_set_data (G_OBJECT (outer), "sheaf-grid", grid);
  g_object_set_data (G_OBJECT (outer), "sheaf-table-frame", frame);

  return outer;
}

/* Images */

typedef struct
{
  GtkWidget    *picture;
  GdkTexture   *texture;
  char         *uri;
  int           want_width;   /* from |300 or |640x480, else 0 */
  int           want_height;
  int           available;
  int           state;        /* 0 waiting, 1 loading, 2 shown, 3 failed */
  GCancellable *cancellable;
} ImageData;

static void
image_data_free (gpointer data)
{
  ImageData *image = data;

  g_cancellable_cancel (image->cancellable);
  g_clear_object (&image->cancellable);
  g_clear_object (&image->texture);
  g_free (image->uri);
  g_free (image);
}

gboolean
_sheaf_preview_is_image_widget (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "sheaf-image") != NULL;
}

void
_sheaf_preview_image_resize (GtkWidget *widget,
                             int        width)
{
  ImageData *image = g_object_get_data (G_OBJECT (widget), "sheaf-image");
  int w, h, tw, th;

  if (image == NULL)
    {
      gtk_widget_set_size_request (widget, width, -1);
      return;
    }

  image->available = width;
  /* Until there is a picture, the box (a remote image's card, a message)
   * is as wide as the text; then the picture sets the size. */
  if (image->texture == NULL || image->picture == NULL)
    {
      gtk_widget_set_size_request (widget, width, -1);
      return;
    }
  gtk_widget_set_size_request (widget, -1, -1);

  tw = gdk_texture_get_width (image->texture);
  th = gdk_texture_get_height (image->texture);
  w = image->want_width > 0 ? image->want_width : tw;
  if (image->want_width > 0 && image->want_height > 0)
    h = image->want_height;
  else
    h = tw > 0 ? (int) ((double) w * th / tw + 0.5) : th;
  if (w > width && width > 0)
    {
      h = (int) ((double) h * width / w + 0.5);
      w = width;
    }

  gtk_widget_set_size_request (image->picture, MAX (w, 1), MAX (h, 1));
}

static void
image_show_texture (GtkWidget  *widget,
                    GdkTexture *texture)
{
  ImageData *image = g_object_get_data (G_OBJECT (widget), "sheaf-image");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_box_remove (GTK_BOX (widget), child);

  g_set_object (&image->texture, texture);
  image->picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (image->picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (image->picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_halign (image->picture, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (widget), image->picture);
  image->state = 2;
  gtk_widget_remove_css_class (widget, "sheaf-remote-image");
  gtk_widget_remove_css_class (widget, "card");
  _sheaf_preview_image_resize (widget, image->available);
}

static void
image_show_error (GtkWidget  *widget,
                  const char *message)
{
  ImageData *image = g_object_get_data (G_OBJECT (widget), "sheaf-image");
  GtkWidget *label = gtk_label_new (message);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "sheaf-image-error");
  gtk_box_append (GTK_BOX (widget), label);
  image->state = 3;
}

static void
texture_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  ImageData *image = g_object_get_data (G_OBJECT (widget), "sheaf-image");

  texture = sheaf_preview_host_load_texture_finish (SHEAF_PREVIEW_HOST (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || image == NULL)
    return;

  if (texture != NULL)
    {
      image_show_texture (widget, texture);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Could not show “%s”: %s"), image->uri,
                                                  error != NULL ? error->message : _("unknown error"));

      image_show_error (widget, message);
    }
}

static GtkWidget *
image_box_new (const char *size,
               ImageData **out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  ImageData *image = g_new0 (ImageData, 1);

  image->cancellable = g_cancellable_new ();
  if (size != NULL)
    {
      char *end = NULL;

      image->want_width = strtol (size, &end, 10);
      if (end != NULL && (*end == 'x' || *end == 'X'))
        image->want_height = strtol (end + 1, NULL, 10);
      if (image->want_width < 0 || image->want_width > 100000)
        image->want_width = 0;
      if (image->want_height < 0 || image->want_height > 100000)
        image->want_height = 0;
    }

  gtk_widget_add_css_class (box, "sheaf-image");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  g_object_set_data_full (G_OBJECT (box), "sheaf-image", image, image_data_free);
  *out = image;

  return box;
}

GtkWidget *
_sheaf_preview_image_new (SheafPreviewView *view,
                          const char       *path,
                          const char       *size,
                          const char       *alt)
{
  ImageData *image;
  GtkWidget *box = image_box_new (size, &image);

  image->uri = g_strdup (path);
  if (alt != NULL && alt[0] != '\0')
    gtk_widget_set_tooltip_text (box, alt);

  if (view->host == NULL || path == NULL)
    {
      image_show_error (box, _("No vault to load the image from"));
      return box;
    }

  image->state = 1;
  sheaf_preview_host_load_texture_async (view->host, path, image->cancellable,
                                         texture_loaded_cb, g_object_ref (box));

  return box;
}

static void
remote_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);

  if (texture != NULL)
    {
      image_show_texture (widget, texture);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Could not load the image: %s"), error->message);
      GtkWidget *button = g_object_get_data (G_OBJECT (widget), "sheaf-load-button");

      if (button != NULL)
        gtk_widget_set_sensitive (button, TRUE);
      image_show_error (widget, message);
    }
}

/* The user asked for it: DESIGN §2.5 allows the fetch now, and only now. */
void
_sheaf_preview_remote_image_load (GtkWidget *widget)
{
  ImageData *image = g_object_get_data (G_OBJECT (widget), "sheaf-image");
  GtkWidget *button = g_object_get_data (G_OBJECT (widget), "sheaf-load-button");
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (image != NULL);

  if (image->state == 1 || image->state == 2)
    return;

  image->state = 1;
  if (button != NULL)
    gtk_widget_set_sensitive (button, FALSE);
  file = g_file_new_for_uri (image->uri);
  g_file_load_bytes_async (file, image->cancellable, remote_loaded_cb, g_object_ref (widget));
}

static void
remote_load_clicked_cb (GtkWidget *widget)
{
  _sheaf_preview_remote_image_load (widget);
}

GtkWidget *
_sheaf_preview_remote_image_new (const char *uri,
                                 const char *alt)
{
  ImageData *image;
  GtkWidget *box = image_box_new (NULL, &image);
  GtkWidget *row, *icon, *labels, *title, *address, *button;

  image->uri = g_strdup (uri);
  gtk_widget_add_css_class (box, "sheaf-remote-image");
  gtk_widget_add_css_class (box, "card");

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  icon = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 24);
  gtk_widget_add_css_class (icon, "dim-label");
  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  title = gtk_label_new (alt != NULL && alt[0] != '\0' ? alt : _("Remote image"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  address = gtk_label_new (uri);
  gtk_label_set_xalign (GTK_LABEL (address), 0);
  gtk_label_set_ellipsize (GTK_LABEL (address), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_selectable (GTK_LABEL (address), TRUE);
  gtk_widget_add_css_class (address, "dim-label");
  gtk_widget_add_css_class (address, "caption");
  button = gtk_button_new_with_mnemonic (_("_Load Image"));
  /* The card is as wide as the text, however narrow. */
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))),
                           PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_tooltip_text (button, _("Fetch this image from the internet"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (remote_load_clicked_cb), box,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), address);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), labels);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (box), row);
  gtk_widget_set_halign (box, GTK_ALIGN_FILL);
  g_object_set_data (G_OBJECT (box), "sheaf-load-button", button);

  return box;
}

/* Embedded notes */

static void
embed_title_clicked_cb (GtkButton        *button,
                        SheafPreviewView *view)
{
  SheafLink *link = g_object_get_data (G_OBJECT (button), "sheaf-link");

  if (link != NULL)
    _sheaf_preview_view_emit_link (view, link, FALSE);
}

static void
forward_link_cb (SheafPreviewView *view,
                 const SheafLink  *link,
                 gboolean          new_tab)
{
  _sheaf_preview_view_emit_link (view, link, new_tab);
}

static gboolean
forward_activate_link_cb (SheafPreviewView *view,
                          const char       *uri)
{
  return _sheaf_preview_view_open_uri (view, uri);
}

static void
cancel_and_unref (gpointer data)
{
  g_cancellable_cancel (data);
  g_object_unref (data);
}

static void
embed_note_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SheafPreviewView) nested = user_data;
  g_autoptr(SheafNote) note = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *status = g_object_get_data (G_OBJECT (nested), "sheaf-status");

  note = sheaf_preview_host_load_note_finish (SHEAF_PREVIEW_HOST (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (note != NULL)
    {
      sheaf_preview_view_set_note (nested, note);
      if (sheaf_preview_view_get_n_blocks (nested) == 0 && status != NULL)
        {
          gtk_label_set_text (GTK_LABEL (status), _("This section is empty or was not found"));
          gtk_widget_set_visible (status, TRUE);
        }
      else if (status != NULL)
        {
          gtk_widget_set_visible (status, FALSE);
        }
    }
  else if (status != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not load the note: %s"),
                                                  error != NULL ? error->message : "");

      gtk_label_set_text (GTK_LABEL (status), message);
    }
}

GtkWidget *
_sheaf_preview_embed_new (SheafPreviewView *view,
                          const SheafLink  *link,
                          SheafResolution   resolution,
                          const char       *resolved)
{
  GtkWidget *frame, *title, *title_box, *icon, *label, *status;
  g_autofree char *stem = resolved != NULL ? sheaf_note_path_dup_stem (resolved) :
                                             g_strdup (link->target);
  g_autoptr(GString) shown = g_string_new (stem[0] != '\0' ? stem :
                                           sheaf_note_get_path (view->note));
  gboolean unresolved = resolution == SHEAF_RESOLUTION_UNRESOLVED ||
                        resolution == SHEAF_RESOLUTION_OUTSIDE;

  if (link->fragment != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (link->fragment, "#", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        g_string_append_printf (shown, " › %s", parts[i]);
    }

  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (frame, "sheaf-embed");

  title = gtk_button_new ();
  title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  icon = gtk_image_new_from_icon_name ("text-x-generic-symbolic");
  label = gtk_label_new (shown->str);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (title_box), icon);
  gtk_box_append (GTK_BOX (title_box), label);
  gtk_button_set_child (GTK_BUTTON (title), title_box);
  gtk_widget_set_halign (title, GTK_ALIGN_START);
  gtk_widget_add_css_class (title, "flat");
  gtk_widget_add_css_class (title, "sheaf-embed-title");
  if (unresolved)
    gtk_widget_add_css_class (title, "unresolved");
  gtk_widget_set_tooltip_text (title, _("Open the embedded note"));
  g_object_set_data_full (G_OBJECT (title), "sheaf-link", dup_link (link),
                          (GDestroyNotify) _sheaf_preview_free_link);
  g_signal_connect_object (title, "clicked", G_CALLBACK (embed_title_clicked_cb), view, 0);
  gtk_box_append (GTK_BOX (frame), title);

  status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_widget_add_css_class (status, "sheaf-embed-status");
  gtk_widget_add_css_class (status, "dim-label");
  g_object_set_data (G_OBJECT (frame), "sheaf-status", status);

  if (unresolved || resolved == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not in the vault"), link->target);

      gtk_label_set_text (GTK_LABEL (status), message);
    }
  else if (view->depth + 1 > SHEAF_PREVIEW_MAX_EMBED_DEPTH)
    {
      /* A cycle of embeds ends here, too. */
      gtk_label_set_text (GTK_LABEL (status), _("Embedded too deeply to show here"));
      gtk_widget_add_css_class (frame, "too-deep");
    }
  else if (view->host != NULL)
    {
      GtkWidget *nested = sheaf_preview_view_new ();

      sheaf_preview_view_set_depth (SHEAF_PREVIEW_VIEW (nested), view->depth + 1);
      sheaf_preview_view_set_section (SHEAF_PREVIEW_VIEW (nested), link->fragment);
      sheaf_preview_view_set_host (SHEAF_PREVIEW_VIEW (nested), view->host);
      gtk_widget_add_css_class (nested, "sheaf-embedded");
      gtk_label_set_text (GTK_LABEL (status), _("Loading…"));
      /* The frame can go before the note is loaded (its block rendered
       * again, another note shown): the load ends with the frame, and the
       * callback, which keeps the nested view alive, keeps the label too. */
      g_object_set_data_full (G_OBJECT (nested), "sheaf-status",
                              g_object_ref (status), g_object_unref);
      g_object_set_data_full (G_OBJECT (frame), "sheaf-load",
                              g_object_ref (SHEAF_PREVIEW_VIEW (nested)->cancellable),
                              cancel_and_unref);
      g_object_set_data (G_OBJECT (frame), "sheaf-nested", nested);
      g_signal_connect_object (nested, "link-activated", G_CALLBACK (forward_link_cb), view,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (nested, "tag-activated",
                               G_CALLBACK (_sheaf_preview_view_emit_tag), view, G_CONNECT_SWAPPED);
      g_signal_connect_object (nested, "activate-link", G_CALLBACK (forward_activate_link_cb),
                               view, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (frame), nested);
      sheaf_preview_host_load_note_async (view->host, resolved,
                                          SHEAF_PREVIEW_VIEW (nested)->cancellable,
                                          embed_note_loaded_cb, g_object_ref (nested));
    }
  gtk_box_append (GTK_BOX (frame), status);

  return frame;
}

GtkWidget *
_sheaf_preview_separator_new (void)
{
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_widget_add_css_class (separator, "sheaf-rule");
  gtk_widget_set_valign (separator, GTK_ALIGN_CENTER);

  return separator;
}

GtkWidget *
_sheaf_preview_properties_new (SheafPreviewView *view,
                               SheafNote        *note)
{
  SheafFrontmatter *frontmatter = sheaf_note_get_frontmatter (note);
  GtkWidget *widget = sheaf_properties_view_new ();
  GBytes *bytes = sheaf_note_get_bytes (note);
  SheafSpan span = sheaf_frontmatter_get_yaml_span (frontmatter);
  g_autofree char *yaml = NULL;

  if (bytes != NULL && span.end > span.start && span.end <= g_bytes_get_size (bytes))
    yaml = g_strndup ((const char *) g_bytes_get_data (bytes, NULL) + span.start,
                      span.end - span.start);

  /* Links in the values resolve and open as the text's do. */
  sheaf_properties_view_set_links (SHEAF_PROPERTIES_VIEW (widget), view->host,
                                   sheaf_note_get_path (note), sheaf_note_get_parse_result (note));
  sheaf_properties_view_set_frontmatter (SHEAF_PROPERTIES_VIEW (widget), frontmatter, yaml);
  g_signal_connect_object (widget, "tag-activated",
                           G_CALLBACK (_sheaf_preview_view_emit_tag), view, G_CONNECT_SWAPPED);
  g_signal_connect_object (widget, "link-activated",
                           G_CALLBACK (forward_link_cb), view, G_CONNECT_SWAPPED);

  return widget;
}
