/* sheaf-switcher.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-switcher"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-new-note.h"
#include "sheaf-note.h"
#include "sheaf-switcher.h"

/* SheafSwitcher: the quick switcher (Ctrl+O). A small modal window over the
 * main one, an entry on top and the ranked notes below, driven by the
 * keyboard: type, Up/Down, Enter opens, Escape closes. Enter when nothing
 * matches creates "<query>.md" at the vault root. Matching runs on the main
 * thread over the immutable SheafFuzzyIndex the window builds in a worker. */

#define MAX_RESULTS 50

struct _SheafSwitcher
{
  GtkWindow          parent_instance;

  /* Owned */
  SheafVault        *vault;
  SheafFuzzyIndex   *index;
  SheafFuzzyMatcher *matcher;
  GStrv              recent;
  GPtrArray         *results;      /* SheafFuzzyMatch, as listed */
  GCancellable      *cancellable;
  char              *creating;     /* the note being created */

  /* Template children */
  GtkSearchEntry    *entry;
  GtkScrolledWindow *scroller;
  GtkListBox        *list;
  GtkLabel          *hint;

  guint              busy : 1;     /* creating a note */
  guint              new_tab : 1;  /* Ctrl+Enter: open it in a new tab */
};

G_DEFINE_FINAL_TYPE (SheafSwitcher, sheaf_switcher, GTK_TYPE_WINDOW)

enum { NOTE_CHOSEN, N_SIGNALS };

static guint signals[N_SIGNALS];

/* @text with the characters at @positions (byte offsets, ascending) in bold,
 * as Pango markup. */
static char *
markup_with_positions (const char  *text,
                       const guint *positions,
                       guint        n_positions)
{
  GString *markup = g_string_new (NULL);
  guint next = 0;
  gboolean bold = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize offset = p - text;
      gboolean matched;
      g_autofree char *escaped = NULL;

      while (next < n_positions && positions[next] < offset)
        next++;
      matched = next < n_positions && positions[next] == offset;

      if (matched != bold)
        {
          g_string_append (markup, matched ? "<b>" : "</b>");
          bold = matched;
        }

      escaped = g_markup_escape_text (p, g_utf8_next_char (p) - p);
      g_string_append (markup, escaped);
    }

  if (bold)
    g_string_append (markup, "</b>");

  return g_string_free (markup, FALSE);
}

static char *
title_for_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (g_str_has_suffix (base, ".md"))
    base[strlen (base) - 3] = '\0';

  return g_steal_pointer (&base);
}

static GtkWidget *
create_row (SheafFuzzyMatch *match)
{
  g_autofree char *fallback = NULL;
  g_autofree char *title_markup = NULL;
  g_autofree char *folder = g_path_get_dirname (match->path);
  const char *title = match->title;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *texts;
  GtkWidget *label;

  if (title == NULL || *title == '\0')
    title = fallback = title_for_path (match->path);

  if (match->field == SHEAF_FUZZY_FIELD_TITLE)
    title_markup = markup_with_positions (title, match->positions, match->n_positions);
  else
    title_markup = g_markup_escape_text (title, -1);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), title_markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "sheaf-switcher-title");
  gtk_box_append (GTK_BOX (texts), label);

  if (match->field == SHEAF_FUZZY_FIELD_ALIAS && match->text != NULL)
    {
      g_autofree char *alias = markup_with_positions (match->text, match->positions,
                                                      match->n_positions);
      /* Translators: in the quick switcher, under a note's title: the alias that matched;
       * %s is Pango markup */
      g_autofree char *markup = g_strdup_printf (_("alias: %s"), alias);

      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "sheaf-switcher-alias");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (texts), label);
    }

  label = gtk_label_new (NULL);
  if (match->field == SHEAF_FUZZY_FIELD_PATH && match->text != NULL)
    {
      g_autofree char *markup = markup_with_positions (match->text, match->positions,
                                                       match->n_positions);
      gtk_label_set_markup (GTK_LABEL (label), markup);
    }
  else if (g_strcmp0 (folder, ".") != 0)
    gtk_label_set_text (GTK_LABEL (label), folder);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "sheaf-switcher-folder");
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, match->path);

  return row;
}

static char *
new_note_path (SheafSwitcher *self)
{
  g_autofree char *name = g_strstrip (g_strdup (sheaf_switcher_get_query (self)));

  /* At the vault root: a slash does not make a folder. */
  g_strdelimit (name, "/\\", '-');
  if (*name == '\0' || *name == '.')
    return NULL;

  if (g_str_has_suffix (name, ".md"))
    return g_steal_pointer (&name);

  return g_strconcat (name, ".md", NULL);
}

static void
sheaf_switcher_update_hint (SheafSwitcher *self)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (self->index == NULL)
    {
      gtk_label_set_text (self->hint, _("Indexing notes…"));
      return;
    }

  if (self->results->len == 0 && (path = new_note_path (self)) != NULL)
    {
      /* Translators: in the quick switcher when nothing matches; %s is a file name */
      text = g_strdup_printf (_("Press Enter to create “%s”"), path);
      gtk_label_set_text (self->hint, text);
      return;
    }

  if (self->results->len == 0)
    gtk_label_set_text (self->hint, _("No notes"));
  else
    gtk_label_set_text (self->hint,
                        _("↑↓ to choose · Enter to open · Ctrl+Enter in a new tab · Esc to close"));
}

static void
sheaf_switcher_update (SheafSwitcher *self)
{
  GtkWidget *child;
  GtkListBoxRow *first;

  g_assert (SHEAF_IS_SWITCHER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  g_clear_pointer (&self->results, g_ptr_array_unref);
  if (self->matcher != NULL)
    self->results = sheaf_fuzzy_matcher_query (self->matcher,
                                               sheaf_switcher_get_query (self),
                                               (const char * const *)self->recent,
                                               MAX_RESULTS);
  if (self->results == NULL)
    self->results = g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_fuzzy_match_free);

  for (guint i = 0; i < self->results->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (self->results, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->scroller), self->results->len > 0);

  first = gtk_list_box_get_row_at_index (self->list, 0);
  gtk_list_box_select_row (self->list, first);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  sheaf_switcher_update_hint (self);
}

static void
sheaf_switcher_choose (SheafSwitcher *self,
                       const char    *path)
{
  g_autoptr(SheafSwitcher) hold = g_object_ref (self);

  g_signal_emit (self, signals[NOTE_CHOSEN], 0, path, (gboolean)self->new_tab);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SheafSwitcher) self = user_data;
  g_autofree char *path = g_steal_pointer (&self->creating);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  self->busy = FALSE;

  if (!sheaf_new_note_create_finish (SHEAF_VAULT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: in the quick switcher; %s is an error message */
      message = g_strdup_printf (_("Could not create the note: %s"), error->message);
      gtk_label_set_text (self->hint, message);
      return;
    }

  sheaf_switcher_choose (self, path);
}

/* The same creation as for an unresolved link: an empty note, never
 * written over an existing file. */
static void
sheaf_switcher_create (SheafSwitcher *self)
{
  g_autofree char *path = new_note_path (self);

  if (path == NULL || self->vault == NULL || self->busy)
    return;

  if (sheaf_vault_get_note (self->vault, path) != NULL)
    {
      sheaf_switcher_choose (self, path);
      return;
    }

  self->busy = TRUE;
  g_free (self->creating);
  self->creating = g_strdup (path);
  sheaf_new_note_create_async (self->vault, path, self->cancellable,
                               created_cb, g_object_ref (self));
}

static void
sheaf_switcher_activate_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  SheafSwitcher *self = SHEAF_SWITCHER (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  SheafFuzzyMatch *match;

  if (self->index == NULL || self->busy)
    return;

  self->new_tab = g_str_equal (action_name, "switcher.activate-new-tab");

  if (row == NULL)
    {
      sheaf_switcher_create (self);
      return;
    }

  match = g_ptr_array_index (self->results, gtk_list_box_row_get_index (row));
  sheaf_switcher_choose (self, match->path);
}

static void
sheaf_switcher_move_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  SheafSwitcher *self = SHEAF_SWITCHER (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int n = self->results->len;
  int index;

  if (n == 0)
    return;

  index = row != NULL ? gtk_list_box_row_get_index (row) : 0;
  index = CLAMP (index + g_variant_get_int32 (param), 0, n - 1);
  row = gtk_list_box_get_row_at_index (self->list, index);
  gtk_list_box_select_row (self->list, row);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));

  /* Keep the row in view. */
  {
    graphene_rect_t bounds;
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
    double top = gtk_adjustment_get_value (adj);
    double page = gtk_adjustment_get_page_size (adj);

    if (gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list), &bounds))
      {
        if (bounds.origin.y < top)
          gtk_adjustment_set_value (adj, bounds.origin.y);
        else if (bounds.origin.y + bounds.size.height > top + page)
          gtk_adjustment_set_value (adj, bounds.origin.y + bounds.size.height - page);
      }
  }
}

static void
sheaf_switcher_search_changed_cb (SheafSwitcher  *self,
                                  GtkSearchEntry *entry)
{
  sheaf_switcher_update (self);
}

static void
sheaf_switcher_entry_activate_cb (SheafSwitcher  *self,
                                  GtkSearchEntry *entry)
{
  /* The query typed so far, even inside the entry's debounce. */
  if (self->matcher != NULL)
    sheaf_switcher_update (self);

  gtk_widget_activate_action (GTK_WIDGET (self), "switcher.activate", NULL);
}

static void
sheaf_switcher_stop_search_cb (SheafSwitcher  *self,
                               GtkSearchEntry *entry)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
sheaf_switcher_row_activated_cb (SheafSwitcher *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list)
{
  gtk_list_box_select_row (list, row);
  gtk_widget_activate_action (GTK_WIDGET (self), "switcher.activate", NULL);
}

static void
sheaf_switcher_dispose (GObject *object)
{
  SheafSwitcher *self = (SheafSwitcher *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_SWITCHER);

  g_clear_pointer (&self->matcher, sheaf_fuzzy_matcher_free);
  g_clear_pointer (&self->index, sheaf_fuzzy_index_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->recent, g_strfreev);
  g_clear_pointer (&self->creating, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sheaf_switcher_parent_class)->dispose (object);
}

static void
add_capture_shortcut (GtkShortcutController *controller,
                      guint                  keyval,
                      GdkModifierType        modifiers,
                      const char            *action,
                      GVariant              *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_named_action_new (action));

  gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
sheaf_switcher_class_init (SheafSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sheaf_switcher_dispose;

  /**
   * SheafSwitcher::note-chosen:
   * @path: the vault-relative path of the note to open
   * @new_tab: %TRUE to open it in a new tab (Ctrl+Enter)
   *
   * The user chose a note, or created one; the switcher closes next.
   */
  signals[NOTE_CHOSEN] =
    g_signal_new ("note-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sheaf-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafSwitcher, entry);
  gtk_widget_class_bind_template_child (widget_class, SheafSwitcher, scroller);
  gtk_widget_class_bind_template_child (widget_class, SheafSwitcher, list);
  gtk_widget_class_bind_template_child (widget_class, SheafSwitcher, hint);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_switcher_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_switcher_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_switcher_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_switcher_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "switcher.activate", NULL,
                                   sheaf_switcher_activate_action);
  gtk_widget_class_install_action (widget_class, "switcher.activate-new-tab", NULL,
                                   sheaf_switcher_activate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "switcher.activate-new-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "switcher.activate-new-tab", NULL);
  gtk_widget_class_install_action (widget_class, "switcher.move", "i",
                                   sheaf_switcher_move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sheaf_switcher_init (SheafSwitcher *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_fuzzy_match_free);
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self));

  /* Up and Down move in the list while the entry keeps the focus: caught
   * before the entry sees them. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Down, 0,
                        "switcher.move", g_variant_new_int32 (1));
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Up, 0,
                        "switcher.move", g_variant_new_int32 (-1));
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_n, GDK_CONTROL_MASK,
                        "switcher.move", g_variant_new_int32 (1));
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_p, GDK_CONTROL_MASK,
                        "switcher.move", g_variant_new_int32 (-1));
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Page_Down, 0,
                        "switcher.move", g_variant_new_int32 (8));
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Page_Up, 0,
                        "switcher.move", g_variant_new_int32 (-8));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  sheaf_switcher_update (self);
}

/**
 * sheaf_switcher_new:
 * @parent: the window to open notes in
 * @vault: the vault new notes go to
 *
 * Returns: (transfer none): a new switcher, modal over @parent; it destroys
 *   itself when it closes
 */
SheafSwitcher *
sheaf_switcher_new (GtkWindow  *parent,
                    SheafVault *vault)
{
  SheafSwitcher *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHEAF_IS_VAULT (vault), NULL);

  self = g_object_new (SHEAF_TYPE_SWITCHER,
                       "transient-for", parent,
                       "application", gtk_window_get_application (parent),
                       NULL);
  self->vault = g_object_ref (vault);

  return self;
}

/**
 * sheaf_switcher_set_index:
 * @self: a #SheafSwitcher
 * @index: (nullable): the notes to match, or %NULL while they are indexed
 */
void
sheaf_switcher_set_index (SheafSwitcher   *self,
                          SheafFuzzyIndex *index)
{
  g_return_if_fail (SHEAF_IS_SWITCHER (self));

  if (index == self->index)
    return;

  g_clear_pointer (&self->matcher, sheaf_fuzzy_matcher_free);
  g_clear_pointer (&self->index, sheaf_fuzzy_index_unref);
  if (index != NULL)
    {
      self->index = sheaf_fuzzy_index_ref (index);
      self->matcher = sheaf_fuzzy_matcher_new (index);
    }

  sheaf_switcher_update (self);
}

/**
 * sheaf_switcher_set_recent:
 * @self: a #SheafSwitcher
 * @recent: (nullable): paths of recently opened notes, most recent first
 */
void
sheaf_switcher_set_recent (SheafSwitcher      *self,
                           const char * const *recent)
{
  g_return_if_fail (SHEAF_IS_SWITCHER (self));

  g_strfreev (self->recent);
  self->recent = g_strdupv ((char **)recent);
  sheaf_switcher_update (self);
}

const char *
sheaf_switcher_get_query (SheafSwitcher *self)
{
  g_return_val_if_fail (SHEAF_IS_SWITCHER (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

/**
 * sheaf_switcher_set_query:
 * @self: a #SheafSwitcher
 * @query: what to match
 *
 * Types @query into the entry and lists its matches at once.
 */
void
sheaf_switcher_set_query (SheafSwitcher *self,
                          const char    *query)
{
  g_return_if_fail (SHEAF_IS_SWITCHER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), query != NULL ? query : "");
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  sheaf_switcher_update (self);
}

/**
 * sheaf_switcher_get_results:
 * @self: a #SheafSwitcher
 *
 * Returns: (transfer none) (element-type SheafFuzzyMatch): the matches listed, in order
 */
GPtrArray *
sheaf_switcher_get_results (SheafSwitcher *self)
{
  g_return_val_if_fail (SHEAF_IS_SWITCHER (self), NULL);

  return self->results;
}

/**
 * sheaf_switcher_get_selected:
 * @self: a #SheafSwitcher
 *
 * Returns: the index of the selected match, or -1
 */
int
sheaf_switcher_get_selected (SheafSwitcher *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SHEAF_IS_SWITCHER (self), -1);

  row = gtk_list_box_get_selected_row (self->list);

  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

gboolean
sheaf_switcher_get_busy (SheafSwitcher *self)
{
  g_return_val_if_fail (SHEAF_IS_SWITCHER (self), FALSE);

  return self->busy;
}

/**
 * sheaf_switcher_get_list:
 * @self: a #SheafSwitcher
 *
 * Returns: (transfer none): the list of matches
 */
GtkListBox *
sheaf_switcher_get_list (SheafSwitcher *self)
{
  g_return_val_if_fail (SHEAF_IS_SWITCHER (self), NULL);

  return self->list;
}
