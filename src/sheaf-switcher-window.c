/* sheaf-switcher-window.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-fuzzy.h"
#include "sheaf-search-panel.h"
#include "sheaf-switcher.h"
#include "sheaf-window-private.h"

/* The window's side of the quick switcher (Ctrl+O) and of full-text search
 * (Ctrl+Shift+F): the fuzzy index, rebuilt a moment after notes change; the
 * recently opened notes; and the search panel in place of the note list. */

#define INDEX_DELAY_MS 700
#define MAX_RECENT     20

static gboolean
has_vault (SheafWindow *self)
{
  return self->vault != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "vault") == 0;
}

static void
index_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SheafWindow) self = user_data;
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  index = sheaf_fuzzy_index_new_finish (result, &error);
  if (index == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not index the notes for the quick switcher: %s", error->message);
      return;
    }

  g_clear_pointer (&self->fuzzy_index, sheaf_fuzzy_index_unref);
  self->fuzzy_index = sheaf_fuzzy_index_ref (index);

  if (self->switcher != NULL)
    sheaf_switcher_set_index (self->switcher, index);
}

static void
build_index (SheafWindow *self)
{
  g_cancellable_cancel (self->fuzzy_cancellable);
  g_clear_object (&self->fuzzy_cancellable);

  if (self->vault == NULL)
    return;

  self->fuzzy_cancellable = g_cancellable_new ();
  sheaf_fuzzy_index_new_async (self->vault, self->fuzzy_cancellable,
                               index_ready_cb, g_object_ref (self));
}

static gboolean
rebuild_index_cb (gpointer user_data)
{
  SheafWindow *self = user_data;

  self->fuzzy_source = 0;
  build_index (self);

  return G_SOURCE_REMOVE;
}

/* Many notes change at once (a sync, a rename): index once, a moment later. */
static void
notes_changed_cb (SheafWindow *self,
                  const char  *path,
                  SheafVault  *vault)
{
  if (vault != self->vault)
    return;

  if (self->fuzzy_source == 0)
    self->fuzzy_source = g_timeout_add (INDEX_DELAY_MS, rebuild_index_cb, self);
}

static void
switcher_note_chosen_cb (SheafWindow   *self,
                         const char    *path,
                         gboolean       new_tab,
                         SheafSwitcher *switcher)
{
  _sheaf_window_open_note_full (self, path, NULL, 0, new_tab);
}

static void
sheaf_window_quick_open_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);
  g_autofree const char **recent = NULL;

  if (!has_vault (self))
    return;

  if (self->switcher != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->switcher));
      return;
    }

  self->switcher = sheaf_switcher_new (GTK_WINDOW (self), self->vault);
  g_object_add_weak_pointer (G_OBJECT (self->switcher), (gpointer *)&self->switcher);
  g_signal_connect_object (self->switcher, "note-chosen",
                           G_CALLBACK (switcher_note_chosen_cb), self, G_CONNECT_SWAPPED);

  recent = g_new0 (const char *, self->recent_notes->len + 1);
  for (guint i = 0; i < self->recent_notes->len; i++)
    recent[i] = g_ptr_array_index (self->recent_notes, i);
  sheaf_switcher_set_recent (self->switcher, recent);
  sheaf_switcher_set_index (self->switcher, self->fuzzy_index);

  gtk_window_present (GTK_WINDOW (self->switcher));
}

static void
sheaf_window_search_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);

  if (!has_vault (self))
    return;

  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "search");
  sheaf_search_panel_focus (self->search_panel);
}

static void
sheaf_window_close_search_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  SheafWindow *self = SHEAF_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "notes");
  sheaf_sidebar_focus_list (self->sidebar);
}

static void
search_open_result_cb (SheafWindow      *self,
                       const char       *path,
                       guint             line,
                       SheafSearchPanel *panel)
{
  _sheaf_window_open_note_at_line (self, path, line);
}

static void
search_dismissed_cb (SheafWindow      *self,
                     SheafSearchPanel *panel)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.close-search", NULL);
}

void
_sheaf_window_class_init_switcher (GtkWidgetClass *widget_class)
{
  g_type_ensure (SHEAF_TYPE_SEARCH_PANEL);

  gtk_widget_class_bind_template_child (widget_class, SheafWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, SheafWindow, search_panel);

  gtk_widget_class_install_action (widget_class, "win.quick-open", NULL,
                                   sheaf_window_quick_open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.quick-open", NULL);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, sheaf_window_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.close-search", NULL,
                                   sheaf_window_close_search_action);
}

void
_sheaf_window_init_switcher (SheafWindow *self)
{
  self->recent_notes = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_object (self->search_panel, "open-result",
                           G_CALLBACK (search_open_result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_panel, "dismissed",
                           G_CALLBACK (search_dismissed_cb), self, G_CONNECT_SWAPPED);
}

void
_sheaf_window_dispose_switcher (SheafWindow *self)
{
  g_cancellable_cancel (self->fuzzy_cancellable);
  g_clear_object (&self->fuzzy_cancellable);
  g_clear_handle_id (&self->fuzzy_source, g_source_remove);
  g_clear_pointer (&self->fuzzy_index, sheaf_fuzzy_index_unref);
  g_clear_pointer (&self->recent_notes, g_ptr_array_unref);

  if (self->switcher != NULL)
    gtk_window_destroy (GTK_WINDOW (self->switcher));
}

/* The vault is loaded: index it, and search it. */
void
_sheaf_window_vault_loaded_switcher (SheafWindow *self)
{
  g_clear_pointer (&self->fuzzy_index, sheaf_fuzzy_index_unref);
  g_clear_handle_id (&self->fuzzy_source, g_source_remove);
  g_ptr_array_set_size (self->recent_notes, 0);

  g_signal_connect_object (self->vault, "note-added",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vault, "note-changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vault, "note-removed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);

  build_index (self);
  sheaf_search_panel_set_vault (self->search_panel, self->vault);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "notes");
}

/* A note is shown: it goes first among the recent ones. */
void
_sheaf_window_note_shown (SheafWindow *self)
{
  if (self->note_path == NULL)
    return;

  for (guint i = 0; i < self->recent_notes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->recent_notes, i), self->note_path))
      {
        g_ptr_array_remove_index (self->recent_notes, i);
        break;
      }
  g_ptr_array_insert (self->recent_notes, 0, g_strdup (self->note_path));
  if (self->recent_notes->len > MAX_RECENT)
    g_ptr_array_set_size (self->recent_notes, MAX_RECENT);
}

/* Opens @path and shows @line of it (1-based; 0 for the top). */
void
_sheaf_window_open_note_at_line (SheafWindow *self,
                                 const char  *path,
                                 guint        line)
{
  g_return_if_fail (SHEAF_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  _sheaf_window_open_note_full (self, path, NULL, line, FALSE);
}

/**
 * _sheaf_window_dup_recent_notes:
 * @self: a #SheafWindow
 *
 * Returns: (transfer full): the notes opened lately, most recent first
 */
GStrv
_sheaf_window_dup_recent_notes (SheafWindow *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv strv;

  for (guint i = 0; i < self->recent_notes->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->recent_notes, i));

  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return strv;
}
