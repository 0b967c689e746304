/* sheaf-properties-view.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-properties-view.h"

/* A note's frontmatter above its text: one row per key. Invalid frontmatter
 * is shown as written, with libyaml's message (DESIGN §3). Read-only: edits
 * are the editor's business. */

/* The rows: each key, then its value, as children in that order. Keys form
 * a column beside their values when the values keep room enough; in a
 * narrower view each key goes above its value. A GtkGrid would squeeze keys
 * and values side by side down to a few letters each, and could not get
 * narrower than its widest key and value together. */
#define PROPERTY_ROWS_COLUMN_SPACING 16
#define PROPERTY_ROWS_ROW_SPACING     4
#define PROPERTY_ROWS_STACK_SPACING   2
#define PROPERTY_ROWS_MIN_VALUE     140

#define SHEAF_TYPE_PROPERTY_ROWS (sheaf_property_rows_get_type ())

G_DECLARE_FINAL_TYPE (SheafPropertyRows, sheaf_property_rows, SHEAF, PROPERTY_ROWS, GtkWidget)

struct _SheafPropertyRows
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (SheafPropertyRows, sheaf_property_rows, GTK_TYPE_WIDGET)

/* The width of the key column, or -1 when @width is too narrow for one. */
static int
property_rows_key_width (GtkWidget *widget,
                         int        width)
{
  int key_width = 0, value_min = 0;
  gboolean is_key = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child), is_key = !is_key)
    {
      int min, nat;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      if (is_key)
        key_width = MAX (key_width, nat);
      else
        value_min = MAX (value_min, min);
    }

  if (width - key_width - PROPERTY_ROWS_COLUMN_SPACING < MAX (value_min, PROPERTY_ROWS_MIN_VALUE))
    return -1;

  return key_width;
}

/* Lays the rows out at @width: their height, and the children's places if
 * @allocate. */
static int
property_rows_layout (GtkWidget *widget,
                      int        width,
                      gboolean   allocate)
{
  int key_width = property_rows_key_width (widget, width);
  int value_x = key_width + PROPERTY_ROWS_COLUMN_SPACING;
  int y = 0;

  for (GtkWidget *key = gtk_widget_get_first_child (widget); key != NULL;)
    {
      GtkWidget *value = gtk_widget_get_next_sibling (key);
      int key_height, value_height = 0;

      if (y > 0)
        y += PROPERTY_ROWS_ROW_SPACING;

      if (key_width >= 0)
        {
          int row_height;

          gtk_widget_measure (key, GTK_ORIENTATION_VERTICAL, key_width,
                              &key_height, NULL, NULL, NULL);
          if (value != NULL)
            gtk_widget_measure (value, GTK_ORIENTATION_VERTICAL, width - value_x,
                                &value_height, NULL, NULL, NULL);
          row_height = MAX (key_height, value_height);
          if (allocate)
            {
              gtk_widget_size_allocate (key, &(GtkAllocation) { 0, y, key_width, row_height }, -1);
              if (value != NULL)
                gtk_widget_size_allocate (value,
                                          &(GtkAllocation) { value_x, y,
                                                             width - value_x, row_height },
                                          -1);
            }
          y += row_height;
        }
      else
        {
          gtk_widget_measure (key, GTK_ORIENTATION_VERTICAL, width, &key_height, NULL, NULL, NULL);
          if (allocate)
            gtk_widget_size_allocate (key, &(GtkAllocation) { 0, y, width, key_height }, -1);
          y += key_height + PROPERTY_ROWS_STACK_SPACING;
          if (value != NULL)
            {
              gtk_widget_measure (value, GTK_ORIENTATION_VERTICAL, width,
                                  &value_height, NULL, NULL, NULL);
              if (allocate)
                gtk_widget_size_allocate (value, &(GtkAllocation) { 0, y, width, value_height },
                                          -1);
              y += value_height;
            }
        }

      key = value != NULL ? gtk_widget_get_next_sibling (value) : NULL;
    }

  return y;
}

static void
sheaf_property_rows_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  int min = 0, key_nat = 0, value_nat = 0;
  gboolean is_key = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child), is_key = !is_key)
    {
      int child_min, child_nat;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &child_min, &child_nat, NULL, NULL);
      min = MAX (min, child_min);
      if (is_key)
        key_nat = MAX (key_nat, child_nat);
      else
        value_nat = MAX (value_nat, child_nat);
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = min;
      *natural = MAX (min, key_nat + PROPERTY_ROWS_COLUMN_SPACING + value_nat);
      return;
    }

  if (for_size < 0)
    for_size = MAX (min, key_nat + PROPERTY_ROWS_COLUMN_SPACING + value_nat);
  *minimum = *natural = property_rows_layout (widget, for_size, FALSE);
}

static void
sheaf_property_rows_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  property_rows_layout (widget, width, TRUE);
}

static GtkSizeRequestMode
sheaf_property_rows_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sheaf_property_rows_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sheaf_property_rows_parent_class)->dispose (object);
}

static void
sheaf_property_rows_class_init (SheafPropertyRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sheaf_property_rows_dispose;
  widget_class->measure = sheaf_property_rows_measure;
  widget_class->size_allocate = sheaf_property_rows_size_allocate;
  widget_class->get_request_mode = sheaf_property_rows_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "propertyrows");
}

static void
sheaf_property_rows_init (SheafPropertyRows *self)
{
}

/* The view */

struct _SheafPropertiesView
{
  GtkWidget  parent_instance;

  /* Owned */
  SheafFrontmatter *frontmatter;
  char             *yaml;
  SheafParseResult *result;       /* its links in the frontmatter come first */
  SheafPreviewHost *host;         /* resolves them */
  char             *source_path;

  /* Template children */
  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *grid;
  GtkWidget *error_box;
  GtkWidget *error_label;
  GtkWidget *raw_label;
};

G_DEFINE_FINAL_TYPE (SheafPropertiesView, sheaf_properties_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FRONTMATTER,
  N_PROPS
};

enum {
  TAG_ACTIVATED,
  LINK_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * sheaf_properties_view_format_date:
 * @text: a date as YAML has it, `YYYY-MM-DD[THH:MM[:SS]]`
 *
 * Returns: (transfer full) (nullable): the date for people, in their locale
 *   ("19 February 2026"), or %NULL when @text is no such date
 */
char *
sheaf_properties_view_format_date (const char *text)
{
  g_autoptr(GDateTime) date = NULL;
  int y = 0, m = 0, d = 0, hh = -1, mm = 0, ss = 0;
  int n;

  if (text == NULL)
    return NULL;

  n = sscanf (text, "%4d-%2d-%2d%*[T ]%2d:%2d:%2d", &y, &m, &d, &hh, &mm, &ss);
  if (n < 3)
    return NULL;

  date = g_date_time_new_local (y, m, d, MAX (hh, 0), mm, ss);
  if (date == NULL)
    return NULL;

  /* translators: a date in a note's properties; see g_date_time_format() */
  if (n >= 5)
    return g_date_time_format (date, _("%-d %B %Y, %H:%M"));

  return g_date_time_format (date, _("%-d %B %Y"));
}

static void
chip_clicked_cb (GtkButton           *button,
                 SheafPropertiesView *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "sheaf-tag");

  g_signal_emit (self, signals[TAG_ACTIVATED], 0, tag);
}

static GtkWidget *
chip_new (SheafPropertiesView *self,
          const char          *text,
          gboolean             is_tag)
{
  GtkWidget *chip;

  if (is_tag)
    {
      const char *name = text[0] == '#' ? text + 1 : text;
      g_autofree char *shown = g_strconcat ("#", name, NULL);

      chip = gtk_button_new_with_label (shown);
      /* A long tag must not make the view wider than the text. */
      gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))),
                               PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (chip, "tag");
      gtk_widget_set_tooltip_text (chip, _("Show notes with this tag"));
      g_object_set_data_full (G_OBJECT (chip), "sheaf-tag", g_strdup (name), g_free);
      g_signal_connect_object (chip, "clicked", G_CALLBACK (chip_clicked_cb), self, 0);
    }
  else
    {
      chip = gtk_label_new (text);
      gtk_label_set_selectable (GTK_LABEL (chip), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
      gtk_widget_set_can_focus (chip, FALSE);
    }
  gtk_widget_add_css_class (chip, "sheaf-chip");
  gtk_widget_set_halign (chip, GTK_ALIGN_START);

  return chip;
}

/* Links */

/* What a link shows: its display text, else its target and fragment the
 * way the body shows them ("Note > Heading"). */
static char *
link_label (const SheafLink *link)
{
  GString *shown;

  if (link->display != NULL && link->display[0] != '\0' && link->kind == SHEAF_LINK_WIKILINK)
    return g_strdup (link->display);

  shown = g_string_new (link->target);
  if (link->fragment != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (link->fragment, "#", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (shown->len > 0)
            g_string_append (shown, " > ");
          g_string_append (shown, parts[i]);
        }
    }

  return g_string_free (shown, FALSE);
}

/* The frontmatter's links whose bytes are in @span (a value or a list item),
 * as indexes into the result's links; a link whose value is not written as
 * is stands empty at the value's start. */
static GArray *
links_in (SheafPropertiesView *self,
          SheafSpan            span)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));
  const SheafLink *links;
  guint n = 0;

  if (self->result == NULL)
    return found;

  links = sheaf_parse_result_get_links (self->result, &n);
  for (guint i = 0; i < n && links[i].property != NULL; i++)
    if (links[i].span.start >= span.start && links[i].span.end <= span.end)
      g_array_append_val (found, i);

  return found;
}

/* The chips call the view's action themselves: a chip built inside a flow
 * box before the box has a parent does not see the view's actions. */
static void
link_clicked_cb (GtkButton           *chip,
                 SheafPropertiesView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chip), "sheaf-link-index"));

  gtk_widget_activate_action (GTK_WIDGET (self), "properties.open-link", "(ub)", index, FALSE);
}

static void
link_pressed_cb (GtkGestureClick     *gesture,
                 int                  n_press,
                 double               x,
                 double               y,
                 SheafPropertiesView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GtkWidget *chip = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GdkModifierType state;
  guint index;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (button != GDK_BUTTON_MIDDLE &&
      !(button == GDK_BUTTON_PRIMARY && (state & GDK_CONTROL_MASK)))
    return;

  /* Ctrl+click and middle click: a new tab, as for links in the text. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chip), "sheaf-link-index"));
  gtk_widget_activate_action (GTK_WIDGET (self), "properties.open-link", "(ub)", index, TRUE);
}

static GtkWidget *
link_chip_new (SheafPropertiesView *self,
               guint                index)
{
  const SheafLink *link = &sheaf_parse_result_get_links (self->result, NULL)[index];
  g_autofree char *shown = link_label (link);
  g_autofree char *tooltip = NULL;
  g_auto(SheafResolved) resolved = { 0 };
  GtkGesture *gesture;
  GtkWidget *chip;

  resolved.resolution = SHEAF_RESOLUTION_UNRESOLVED;
  if (self->host != NULL)
    sheaf_preview_host_resolve (self->host, self->source_path, link, &resolved);

  chip = gtk_button_new_with_label (shown);
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))),
                           PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (chip, "sheaf-chip");
  gtk_widget_add_css_class (chip, "link");
  gtk_widget_set_halign (chip, GTK_ALIGN_START);

  /* The same words as the links in the text (sheaf-preview-input.c). */
  if (resolved.resolution == SHEAF_RESOLUTION_ALIAS && resolved.resolved != NULL)
    {
      g_autofree char *stem = sheaf_note_path_dup_stem (resolved.resolved);

      tooltip = g_strdup_printf (_("Resolved through an alias of “%s”"), stem);
    }
  else if (resolved.resolution == SHEAF_RESOLUTION_UNRESOLVED ||
           resolved.resolution == SHEAF_RESOLUTION_OUTSIDE)
    {
      gtk_widget_add_css_class (chip, "unresolved");
      tooltip = g_strdup_printf (_("“%s” does not exist yet: click to create it"), link->target);
    }
  else if (resolved.resolved != NULL)
    {
      tooltip = g_strdup (resolved.resolved);
    }
  gtk_widget_set_tooltip_text (chip, tooltip);

  g_object_set_data (G_OBJECT (chip), "sheaf-link-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (chip, "clicked", G_CALLBACK (link_clicked_cb), self, 0);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (link_pressed_cb), self, 0);
  gtk_widget_add_controller (chip, GTK_EVENT_CONTROLLER (gesture));

  return chip;
}

/* A string value with links in it: the links as chips, in a row with the
 * text around them. */
static GtkWidget *
text_with_links (SheafPropertiesView *self,
                 const char          *text,
                 GArray              *found)
{
  const SheafLink *links = sheaf_parse_result_get_links (self->result, NULL);
  GtkWidget *box = gtk_flow_box_new ();
  const char *p = text;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 4);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 4);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 32);
  gtk_widget_add_css_class (box, "sheaf-chips");

  for (guint i = 0; i < found->len; i++)
    {
      guint index = g_array_index (found, guint, i);
      const char *at = strstr (p, links[index].raw);

      if (at != NULL && at > p)
        {
          g_autofree char *before = g_strstrip (g_strndup (p, at - p));

          if (before[0] != '\0')
            gtk_flow_box_append (GTK_FLOW_BOX (box), gtk_label_new (before));
        }
      gtk_flow_box_append (GTK_FLOW_BOX (box), link_chip_new (self, index));
      if (at != NULL)
        p = at + strlen (links[index].raw);
    }

  if (*p != '\0')
    {
      g_autofree char *after = g_strstrip (g_strdup (p));

      if (after[0] != '\0')
        gtk_flow_box_append (GTK_FLOW_BOX (box), gtk_label_new (after));
    }

  return box;
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SheafPropertiesView *self = SHEAF_PROPERTIES_VIEW (widget);
  const SheafLink *links;
  gboolean new_tab = FALSE;
  guint index = 0, n = 0;

  g_variant_get (param, "(ub)", &index, &new_tab);
  if (self->result == NULL)
    return;

  links = sheaf_parse_result_get_links (self->result, &n);
  if (index >= n || links[index].property == NULL)
    return;

  g_signal_emit (self, signals[LINK_ACTIVATED], 0, &links[index], new_tab);
}

static GtkWidget *
value_widget (SheafPropertiesView *self,
              SheafProperty       *property,
              const char         **icon_name)
{
  const char *key = sheaf_property_get_key (property);
  const char *scalar = sheaf_property_get_scalar (property);
  gboolean tags = g_ascii_strcasecmp (key, "tags") == 0 || g_ascii_strcasecmp (key, "tag") == 0;
  gboolean aliases = g_ascii_strcasecmp (key, "aliases") == 0 || g_ascii_strcasecmp (key, "alias") == 0;
  GtkWidget *widget;

  *icon_name = "format-justify-left-symbolic";

  switch ((int) sheaf_property_get_value_type (property))
    {
    case SHEAF_VALUE_LIST:
      widget = gtk_flow_box_new ();
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (widget), GTK_SELECTION_NONE);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (widget), 4);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (widget), 4);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (widget), 32);
      gtk_widget_add_css_class (widget, "sheaf-chips");
      for (guint i = 0; i < sheaf_property_get_n_items (property); i++)
        {
          g_autoptr(GArray) found = tags || aliases ? NULL :
                                    links_in (self, sheaf_property_get_item_span (property, i));

          if (found != NULL && found->len > 0)
            gtk_flow_box_append (GTK_FLOW_BOX (widget),
                                 text_with_links (self, sheaf_property_get_item (property, i),
                                                  found));
          else
            gtk_flow_box_append (GTK_FLOW_BOX (widget),
                                 chip_new (self, sheaf_property_get_item (property, i), tags));
        }
      *icon_name = tags ? "user-bookmarks-symbolic" :
                   aliases ? "emblem-documents-symbolic" : "view-list-bullet-symbolic";
      return widget;

    case SHEAF_VALUE_BOOLEAN:
      widget = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), g_ascii_strcasecmp (scalar, "true") == 0);
      gtk_widget_set_can_target (widget, FALSE);
      gtk_widget_set_can_focus (widget, FALSE);
      gtk_widget_set_halign (widget, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (widget, scalar);
      *icon_name = "checkbox-checked-symbolic";
      return widget;

    case SHEAF_VALUE_DATE:
      {
        g_autofree char *shown = sheaf_properties_view_format_date (scalar);

        widget = gtk_label_new (shown != NULL ? shown : scalar);
        gtk_widget_set_tooltip_text (widget, scalar);
        *icon_name = "x-office-calendar-symbolic";
      }
      break;

    case SHEAF_VALUE_NULL:
      widget = gtk_label_new (_("Empty"));
      gtk_widget_add_css_class (widget, "dim-label");
      break;

    case SHEAF_VALUE_MAPPING:
      {
        g_autoptr(JsonNode) node = sheaf_property_to_json (property);
        g_autofree char *json = json_to_string (node, FALSE);

        widget = gtk_label_new (json);
        gtk_widget_add_css_class (widget, "monospace");
      }
      break;

    default:
      if (tags || aliases)
        {
          /* A legacy single string: chips all the same. */
          g_auto(GStrv) parts = g_regex_split_simple ("[,\\s]+", scalar != NULL ? scalar : "", 0, 0);

          widget = gtk_flow_box_new ();
          gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (widget), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (widget, "sheaf-chips");
          for (guint i = 0; parts[i] != NULL; i++)
            if (parts[i][0] != '\0')
              gtk_flow_box_append (GTK_FLOW_BOX (widget), chip_new (self, parts[i], tags));
          return widget;
        }
      else
        {
          g_autoptr(GArray) found = links_in (self, sheaf_property_get_value_span (property));

          if (found->len > 0)
            {
              *icon_name = "insert-link-symbolic";
              return text_with_links (self, scalar, found);
            }
        }
      widget = gtk_label_new (scalar);
      break;
    }

  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
  gtk_widget_set_can_focus (widget, FALSE);

  return widget;
}

static void
clear (SheafPropertiesView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_set_visible (self->error_box, FALSE);
  gtk_widget_set_visible (self->grid, TRUE);
}

static void
show_error (SheafPropertiesView *self,
            SheafFrontmatter    *frontmatter)
{
  const GError *error = sheaf_frontmatter_get_error (frontmatter);
  g_autofree char *message = NULL;

  if (sheaf_frontmatter_get_error_line (frontmatter) > 0)
    message = g_strdup_printf (_("The properties could not be read: line %u, column %u: %s"),
                               sheaf_frontmatter_get_error_line (frontmatter),
                               sheaf_frontmatter_get_error_column (frontmatter),
                               error->message);
  else
    message = g_strdup_printf (_("The properties could not be read: %s"), error->message);

  gtk_label_set_text (GTK_LABEL (self->error_label), message);

  if (self->yaml != NULL)
    {
      g_autofree char *raw = g_utf8_make_valid (self->yaml, -1);

      g_strchomp (raw);
      gtk_label_set_text (GTK_LABEL (self->raw_label), raw);
      gtk_widget_set_visible (self->raw_label, TRUE);
    }
  else
    {
      gtk_widget_set_visible (self->raw_label, FALSE);
    }

  gtk_widget_set_visible (self->grid, FALSE);
  gtk_widget_set_visible (self->error_box, TRUE);
  gtk_widget_add_css_class (self->box, "invalid");
}

static void
rebuild (SheafPropertiesView *self)
{
  SheafFrontmatter *frontmatter;
  guint n;

  clear (self);
  gtk_widget_remove_css_class (self->box, "invalid");
  frontmatter = self->frontmatter;
  if (frontmatter == NULL)
    return;

  if (sheaf_frontmatter_get_error (frontmatter) != NULL)
    {
      show_error (self, frontmatter);
      return;
    }

  n = sheaf_frontmatter_get_n_properties (frontmatter);
  for (guint i = 0; i < n; i++)
    {
      SheafProperty *property = sheaf_frontmatter_get_property (frontmatter, i);
      const char *icon_name = NULL;
      GtkWidget *value = value_widget (self, property, &icon_name);
      GtkWidget *key_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
      GtkWidget *key = gtk_label_new (sheaf_property_get_key (property));

      /* No width-chars: it would be the key's minimum width too, and the
       * view must fit the narrowest text. Keys ellipsize instead. */
      gtk_label_set_xalign (GTK_LABEL (key), 0);
      gtk_label_set_ellipsize (GTK_LABEL (key), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (key), 16);
      gtk_widget_set_valign (key_box, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (key_box), icon);
      gtk_box_append (GTK_BOX (key_box), key);
      gtk_widget_add_css_class (key_box, "key");
      gtk_widget_add_css_class (key_box, "dim-label");
      gtk_widget_set_hexpand (value, TRUE);
      gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (value, "value");
      gtk_widget_set_parent (key_box, self->grid);
      gtk_widget_set_parent (value, self->grid);
    }
}

static void
sheaf_properties_view_dispose (GObject *object)
{
  SheafPropertiesView *self = (SheafPropertiesView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_PROPERTIES_VIEW);
  g_clear_pointer (&self->frontmatter, sheaf_frontmatter_unref);
  g_clear_pointer (&self->yaml, g_free);
  g_clear_pointer (&self->result, sheaf_parse_result_unref);
  g_clear_object (&self->host);
  g_clear_pointer (&self->source_path, g_free);

  G_OBJECT_CLASS (sheaf_properties_view_parent_class)->dispose (object);
}

static void
sheaf_properties_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SheafPropertiesView *self = SHEAF_PROPERTIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_FRONTMATTER:
      g_value_set_boxed (value, self->frontmatter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_properties_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SheafPropertiesView *self = SHEAF_PROPERTIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_FRONTMATTER:
      sheaf_properties_view_set_frontmatter (self, g_value_get_boxed (value), NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_properties_view_class_init (SheafPropertiesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sheaf_properties_view_dispose;
  object_class->get_property = sheaf_properties_view_get_property;
  object_class->set_property = sheaf_properties_view_set_property;

  properties[PROP_FRONTMATTER] =
    g_param_spec_boxed ("frontmatter", NULL, NULL,
                        SHEAF_TYPE_FRONTMATTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SheafPropertiesView::tag-activated:
   * @self: the view
   * @tag: the tag's name, without '#'
   *
   * A tag chip was clicked.
   */
  signals[TAG_ACTIVATED] =
    g_signal_new ("tag-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * SheafPropertiesView::link-activated:
   * @self: the view
   * @link: (type gpointer): the #SheafLink, valid during the emission
   * @new_tab: whether to open it in a new tab (Ctrl+click, middle click)
   *
   * A link in a value was clicked: the same signal, with the same
   * arguments, as #SheafPreviewView::link-activated.
   */
  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "properties.open-link", "(ub)", open_link_action);

  g_type_ensure (SHEAF_TYPE_PROPERTY_ROWS);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sheafproperties");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sheafnotes/Sheaf/ui/sheaf-properties-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafPropertiesView, box);
  gtk_widget_class_bind_template_child (widget_class, SheafPropertiesView, heading);
  gtk_widget_class_bind_template_child (widget_class, SheafPropertiesView, grid);
  gtk_widget_class_bind_template_child (widget_class, SheafPropertiesView, error_box);
  gtk_widget_class_bind_template_child (widget_class, SheafPropertiesView, error_label);
  gtk_widget_class_bind_template_child (widget_class, SheafPropertiesView, raw_label);
}

static void
sheaf_properties_view_init (SheafPropertiesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sheaf_properties_view_new (void)
{
  return g_object_new (SHEAF_TYPE_PROPERTIES_VIEW, NULL);
}

SheafFrontmatter *
sheaf_properties_view_get_frontmatter (SheafPropertiesView *self)
{
  g_return_val_if_fail (SHEAF_IS_PROPERTIES_VIEW (self), NULL);

  return self->frontmatter;
}

/**
 * sheaf_properties_view_set_frontmatter:
 * @self: a #SheafPropertiesView
 * @frontmatter: (nullable): the parsed frontmatter
 * @yaml: (nullable): its text as written, shown when it does not parse
 */
void
sheaf_properties_view_set_frontmatter (SheafPropertiesView *self,
                                       SheafFrontmatter    *frontmatter,
                                       const char          *yaml)
{
  g_return_if_fail (SHEAF_IS_PROPERTIES_VIEW (self));

  g_free (self->yaml);
  self->yaml = g_strdup (yaml);
  if (frontmatter != self->frontmatter)
    {
      g_clear_pointer (&self->frontmatter, sheaf_frontmatter_unref);
      self->frontmatter = frontmatter != NULL ? sheaf_frontmatter_ref (frontmatter) : NULL;
      rebuild (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRONTMATTER]);
    }
  else
    {
      rebuild (self);
    }
}

/**
 * sheaf_properties_view_set_links:
 * @self: a #SheafPropertiesView
 * @host: (nullable): what resolves the links
 * @source_path: (nullable): the note the frontmatter is in
 * @result: (nullable): the note's parse, whose first links are the
 *   frontmatter's (sheaf_markdown_parse_note())
 *
 * Shows the values that hold links as links, clickable
 * (#SheafPropertiesView::link-activated). Call before
 * sheaf_properties_view_set_frontmatter(), or the values are shown again.
 */
void
sheaf_properties_view_set_links (SheafPropertiesView *self,
                                 SheafPreviewHost    *host,
                                 const char          *source_path,
                                 SheafParseResult    *result)
{
  g_return_if_fail (SHEAF_IS_PROPERTIES_VIEW (self));
  g_return_if_fail (host == NULL || SHEAF_IS_PREVIEW_HOST (host));

  g_set_object (&self->host, host);
  g_free (self->source_path);
  self->source_path = g_strdup (source_path != NULL ? source_path : "");
  if (result != NULL)
    sheaf_parse_result_ref (result);
  g_clear_pointer (&self->result, sheaf_parse_result_unref);
  self->result = result;

  if (self->frontmatter != NULL)
    rebuild (self);
}
