/* sheaf-sidebar-tags.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-sidebar-private.h"

/* The Tags page of the sidebar, and how its selection narrows the note list:
 * a note is shown when it carries every selected tag (each counting its
 * descendants), and the note filter, if any, matches it too. */

static void
sheaf_sidebar_update_tag_bar (SheafSidebar  *self,
                              char         **tags)
{
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_notes = self->tag_notes != NULL ? g_hash_table_size (self->tag_notes) : 0;

  gtk_revealer_set_reveal_child (self->tag_bar, tags[0] != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.clear-tags", tags[0] != NULL);
  if (tags[0] == NULL)
    return;

  for (guint i = 0; tags[i] != NULL; i++)
    g_string_append_printf (names, "%s#%s", i > 0 ? " + " : "", tags[i]);

  /* translators: the number of notes carrying the selected tags */
  count = g_strdup_printf (ngettext ("%u note", "%u notes", n_notes), n_notes);
  gtk_label_set_label (self->tag_label, names->str);
  gtk_label_set_label (self->tag_count_label, count);
  /* translators: %s is one or more tags, "#recipe + #bread", then a number of notes */
  label = g_strdup_printf (_("Notes tagged %s: %s"), names->str, count);
  gtk_widget_set_tooltip_text (gtk_widget_get_parent (GTK_WIDGET (self->tag_label)), label);
}

/* Called when the selected tags change, and when the vault's tags were
 * rebuilt (a note may have gained or lost a selected tag). */
void
_sheaf_sidebar_tags_changed_cb (SheafSidebar *self)
{
  g_auto(GStrv) tags = sheaf_tag_view_dup_selected_tags (self->tag_view);
  gboolean was_filtering = _sheaf_sidebar_is_filtering (self);
  g_autoptr(GHashTable) notes = NULL;

  g_assert (SHEAF_IS_SIDEBAR (self));

  for (guint i = 0; self->vault != NULL && tags[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) paths = sheaf_vault_dup_notes_with_tag (self->vault, tags[i]);
      g_autoptr(GHashTable) next = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint j = 0; paths != NULL && j < paths->len; j++)
        {
          const char *path = g_ptr_array_index (paths, j);

          if (notes == NULL || g_hash_table_contains (notes, path))
            g_hash_table_add (next, g_strdup (path));
        }

      g_clear_pointer (&notes, g_hash_table_unref);
      notes = g_steal_pointer (&next);
    }

  g_clear_pointer (&self->tag_notes, g_hash_table_unref);
  self->tag_notes = g_steal_pointer (&notes);

  sheaf_sidebar_update_tag_bar (self, tags);
  _sheaf_sidebar_refilter (self);
  if (was_filtering && !_sheaf_sidebar_is_filtering (self))
    _sheaf_sidebar_unfiltered (self);
}

/* Enter or a double-click on a tag: show its notes. */
void
_sheaf_sidebar_tag_activated_cb (SheafSidebar *self,
                                 const char   *tag,
                                 SheafTagView *tag_view)
{
  g_assert (SHEAF_IS_SIDEBAR (self));

  gtk_stack_set_visible_child_name (self->view_stack, "notes");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
sheaf_sidebar_clear_tags_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  sheaf_sidebar_clear_tags (SHEAF_SIDEBAR (widget));
}

static void
sheaf_sidebar_show_tag_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  sheaf_sidebar_show_tag (SHEAF_SIDEBAR (widget), g_variant_get_string (param, NULL));
}

static void
sheaf_sidebar_show_view_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  sheaf_sidebar_set_view (SHEAF_SIDEBAR (widget), g_variant_get_string (param, NULL));
}

void
_sheaf_sidebar_tags_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SheafSidebar, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SheafSidebar, tag_bar);
  gtk_widget_class_bind_template_child (widget_class, SheafSidebar, tag_label);
  gtk_widget_class_bind_template_child (widget_class, SheafSidebar, tag_count_label);
  gtk_widget_class_bind_template_child (widget_class, SheafSidebar, tag_view);
  gtk_widget_class_bind_template_callback (widget_class, _sheaf_sidebar_tags_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, _sheaf_sidebar_tag_activated_cb);

  gtk_widget_class_install_action (widget_class, "sidebar.clear-tags", NULL,
                                   sheaf_sidebar_clear_tags_action);
  gtk_widget_class_install_action (widget_class, "sidebar.show-tag", "s",
                                   sheaf_sidebar_show_tag_action);
  gtk_widget_class_install_action (widget_class, "sidebar.show-view", "s",
                                   sheaf_sidebar_show_view_action);
}

/**
 * sheaf_sidebar_show_tag:
 * @self: a #SheafSidebar
 * @tag: a tag, with or without its '#'
 *
 * Shows the Tags page with @tag alone selected, so the note list shows the
 * notes carrying it. This is what a tag in the preview does.
 *
 * Returns: %TRUE if the vault has @tag
 */
gboolean
sheaf_sidebar_show_tag (SheafSidebar *self,
                        const char   *tag)
{
  g_return_val_if_fail (SHEAF_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  gtk_stack_set_visible_child_name (self->view_stack, "tags");

  return sheaf_tag_view_select_tag (self->tag_view, tag, FALSE);
}

/**
 * sheaf_sidebar_clear_tags:
 * @self: a #SheafSidebar
 *
 * Unselects every tag: the note list shows all notes again.
 */
void
sheaf_sidebar_clear_tags (SheafSidebar *self)
{
  g_return_if_fail (SHEAF_IS_SIDEBAR (self));

  sheaf_tag_view_unselect_all (self->tag_view);
}

/**
 * sheaf_sidebar_get_view:
 *
 * Returns: the page shown, "notes" or "tags"
 */
const char *
sheaf_sidebar_get_view (SheafSidebar *self)
{
  g_return_val_if_fail (SHEAF_IS_SIDEBAR (self), NULL);

  return gtk_stack_get_visible_child_name (self->view_stack);
}

void
sheaf_sidebar_set_view (SheafSidebar *self,
                        const char   *view)
{
  g_return_if_fail (SHEAF_IS_SIDEBAR (self));
  g_return_if_fail (g_strcmp0 (view, "notes") == 0 || g_strcmp0 (view, "tags") == 0);

  gtk_stack_set_visible_child_name (self->view_stack, view);
}

/**
 * sheaf_sidebar_get_tag_view:
 *
 * Returns: (transfer none): the tag tree of the Tags page
 */
SheafTagView *
sheaf_sidebar_get_tag_view (SheafSidebar *self)
{
  g_return_val_if_fail (SHEAF_IS_SIDEBAR (self), NULL);

  return self->tag_view;
}
