/* sheaf-sidebar-menu.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-sidebar"

#include "config.h"

#include <string.h>

#include "sheaf-sidebar-private.h"

/* The note list's context menu: a right click or a long press on a note's
 * row, or the Menu key or Shift+F10 on the focused row.
 *
 * Each item is a sidebar.NAME action that hands the row's note to the
 * window's win.NAME action, whose parameter is a note's path: the sidebar
 * knows which note, the window knows how to rename or open it. To add an
 * item (say "Open in New Tab"), add its NAME to forwarded_actions below and
 * an item to note_menu in sheaf-sidebar.ui. */

static const char * const forwarded_actions[] = {
  "rename-note",
  "move-note",
};

static void
sheaf_sidebar_forward_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  SheafSidebar *self = SHEAF_SIDEBAR (widget);
  g_autofree char *target = NULL;

  g_assert (g_str_has_prefix (action_name, "sidebar."));

  if (self->menu_path == NULL)
    return;

  target = g_strconcat ("win.", action_name + strlen ("sidebar."), NULL);
  if (!gtk_widget_activate_action (widget, target, "s", self->menu_path))
    g_debug ("Nothing above the sidebar handles %s", target);
}

/* The GtkTreeExpander of the row @widget is in, or is. */
static GtkTreeExpander *
row_expander (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_TREE_EXPANDER (widget))
    return GTK_TREE_EXPANDER (widget);

  if ((child = gtk_widget_get_ancestor (widget, GTK_TYPE_TREE_EXPANDER)) != NULL)
    return GTK_TREE_EXPANDER (child);

  /* The row itself, as when it has the keyboard focus. */
  child = gtk_widget_get_first_child (widget);
  if (child != NULL && GTK_IS_TREE_EXPANDER (child))
    return GTK_TREE_EXPANDER (child);

  return NULL;
}

/* Opens the menu for the note of the row @widget is in, pointing at @point
 * (in @widget's coordinates), or at the whole row when @point is %NULL. */
static gboolean
popup_for_widget (SheafSidebar           *self,
                  GtkWidget              *widget,
                  const graphene_point_t *point)
{
  GtkTreeExpander *expander = row_expander (widget);
  g_autoptr(SheafNoteNode) node = NULL;
  GdkRectangle rect = { 0, 0, 1, 1 };
  graphene_rect_t bounds;
  graphene_point_t at;

  if (expander == NULL ||
      (node = gtk_tree_expander_get_item (expander)) == NULL ||
      sheaf_note_node_is_folder (node))
    return FALSE;

  if (point != NULL && gtk_widget_compute_point (widget, GTK_WIDGET (self), point, &at))
    {
      rect.x = at.x;
      rect.y = at.y;
    }
  else if (gtk_widget_compute_bounds (gtk_widget_get_parent (GTK_WIDGET (expander)),
                                      GTK_WIDGET (self), &bounds))
    {
      rect.x = bounds.origin.x;
      rect.y = bounds.origin.y;
      rect.width = bounds.size.width;
      rect.height = bounds.size.height;
    }

  g_free (self->menu_path);
  self->menu_path = g_strdup (sheaf_note_node_get_path (node));

  gtk_popover_set_pointing_to (GTK_POPOVER (self->note_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->note_menu));

  return TRUE;
}

/* @x, @y: where the pointer is, in the list view */
static gboolean
popup_at (SheafSidebar *self,
          double        x,
          double        y)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  GtkWidget *picked = gtk_widget_pick (list_view, x, y, GTK_PICK_DEFAULT);
  graphene_point_t point;

  if (picked == NULL ||
      !gtk_widget_compute_point (list_view, picked, &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;

  return popup_for_widget (self, picked, &point);
}

static void
sheaf_sidebar_menu_click_cb (SheafSidebar    *self,
                             int              n_press,
                             double           x,
                             double           y,
                             GtkGestureClick *gesture)
{
  if (popup_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
sheaf_sidebar_menu_long_press_cb (SheafSidebar        *self,
                                  double               x,
                                  double               y,
                                  GtkGestureLongPress *gesture)
{
  if (popup_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
sheaf_sidebar_menu_key_cb (GtkWidget *widget,
                           GVariant  *args,
                           gpointer   user_data)
{
  SheafSidebar *self = SHEAF_SIDEBAR (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    return FALSE;

  return popup_for_widget (self, focus, NULL);
}

/* The sidebar lays its box out itself rather than through a GtkBinLayout:
 * a popover's parent must present it whenever it is itself allocated, and
 * a layout manager would allocate in its place. */
static void
sheaf_sidebar_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  gtk_widget_measure (SHEAF_SIDEBAR (widget)->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
sheaf_sidebar_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  SheafSidebar *self = SHEAF_SIDEBAR (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);

  if (self->note_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->note_menu));
}

void
_sheaf_sidebar_menu_class_init (GtkWidgetClass *widget_class)
{
  widget_class->measure = sheaf_sidebar_measure;
  widget_class->size_allocate = sheaf_sidebar_size_allocate;

  gtk_widget_class_bind_template_child (widget_class, SheafSidebar, note_menu_model);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_sidebar_menu_click_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_sidebar_menu_long_press_cb);

  for (guint i = 0; i < G_N_ELEMENTS (forwarded_actions); i++)
    {
      g_autofree char *name = g_strconcat ("sidebar.", forwarded_actions[i], NULL);

      gtk_widget_class_install_action (widget_class, name, NULL, sheaf_sidebar_forward_action);
    }

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                sheaf_sidebar_menu_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0,
                                sheaf_sidebar_menu_key_cb, NULL);
}

void
_sheaf_sidebar_menu_init (SheafSidebar *self)
{
  self->note_menu = gtk_popover_menu_new_from_model (self->note_menu_model);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->note_menu), FALSE);
  gtk_widget_set_halign (self->note_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->note_menu, GTK_WIDGET (self));
}

void
_sheaf_sidebar_menu_dispose (SheafSidebar *self)
{
  g_clear_pointer (&self->note_menu, gtk_widget_unparent);
  g_clear_pointer (&self->menu_path, g_free);
}

/**
 * _sheaf_sidebar_show_note_menu:
 * @self: a #SheafSidebar
 * @path: a note whose row is shown
 *
 * Opens the context menu of @path's row, as the Menu key does.
 *
 * Returns: %TRUE if the row is on screen and the menu opened
 */
gboolean
_sheaf_sidebar_show_note_menu (SheafSidebar *self,
                               const char   *path)
{
  GtkWidget *widget = GTK_WIDGET (self->list_view);

  g_return_val_if_fail (SHEAF_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Depth first over the rows the list view has made. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTreeExpander *expander = row_expander (child);
      g_autoptr(SheafNoteNode) node = NULL;

      if (expander == NULL || (node = gtk_tree_expander_get_item (expander)) == NULL)
        continue;

      if (g_strcmp0 (sheaf_note_node_get_path (node), path) == 0)
        return popup_for_widget (self, child, NULL);
    }

  return FALSE;
}

const char *
_sheaf_sidebar_get_menu_path (SheafSidebar *self)
{
  g_return_val_if_fail (SHEAF_IS_SIDEBAR (self), NULL);

  return self->menu_path;
}
