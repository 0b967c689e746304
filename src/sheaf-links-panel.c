/* sheaf-links-panel.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-links-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-links-panel-private.h"
#include "sheaf-markdown.h"

/* SheafLinksPanel: the links of the open note, beside it (F10).
 *
 * The outline and the outgoing links come from the document's latest parse,
 * on the main thread: they are lookups in the parse result and the vault's
 * tables. Backlinks are resolved in sheaf_vault_dup_backlinks_async()'s
 * worker, their lines of context read in another, and unlinked mentions
 * found in sheaf_mentions_find_async()'s (DESIGN.md §2, invariant 3); those
 * are in sheaf-links-panel-vault.c. Each refresh cancels the one before it. */

#define NOTE_DELAY_MS    250
#define VAULT_DELAY_MS   300

G_DEFINE_FINAL_TYPE (SheafLinksPanel, sheaf_links_panel, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_VAULT, PROP_DOCUMENT, PROP_BUSY, N_PROPS };
enum { OPEN_LOCATION, SHOW_TOAST, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_sheaf_links_panel_update_busy (SheafLinksPanel *self)
{
  gboolean busy = self->n_running > 0 || self->note_source != 0 || self->vault_source != 0;

  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_sheaf_links_panel_show_toast (SheafLinksPanel *self,
                               const char      *title)
{
  g_signal_emit (self, signals[SHOW_TOAST], 0, title);
}

void
_sheaf_links_panel_clear_list (GtkListBox *list)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  /* Rows only: the placeholder is a child too. */
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      child = next;
    }
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "sheaf-links-placeholder");
  gtk_list_box_set_placeholder (list, label);
}

GtkWidget *
_sheaf_links_panel_new_label (const char *text,
                              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
add_attribute (PangoAttrList   *list,
               PangoAttribute  *attribute,
               const SheafSnippetRun *run)
{
  attribute->start_index = run->start;
  attribute->end_index = run->end;
  pango_attr_list_insert (list, attribute);
}

/* A line of context as it reads: styles as in the preview, links in the
 * accent colour, the link or mention it is shown for on a highlight. */
GtkWidget *
_sheaf_links_panel_new_context_label (SheafLinksPanel    *self,
                                      const SheafSnippet *snippet)
{
  GtkWidget *label = _sheaf_links_panel_new_label (snippet->text, "sheaf-links-context");
  PangoAttrList *attributes = pango_attr_list_new ();
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1.0 };

  /* Looked up on each refresh, so a change of style shows on the next one. */
  gtk_style_context_lookup_color (style, "accent_color", &accent);

  for (guint i = 0; i < snippet->n_runs; i++)
    {
      const SheafSnippetRun *run = &snippet->runs[i];

      if (run->style & SHEAF_SNIPPET_STRONG)
        add_attribute (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD), run);
      if (run->style & SHEAF_SNIPPET_EMPH)
        add_attribute (attributes, pango_attr_style_new (PANGO_STYLE_ITALIC), run);
      if (run->style & SHEAF_SNIPPET_CODE)
        add_attribute (attributes, pango_attr_family_new ("monospace"), run);
      if (run->style & SHEAF_SNIPPET_STRIKE)
        add_attribute (attributes, pango_attr_strikethrough_new (TRUE), run);
      if (run->style & (SHEAF_SNIPPET_LINK | SHEAF_SNIPPET_MARK))
        add_attribute (attributes,
                       pango_attr_foreground_new (accent.red * 65535, accent.green * 65535, accent.blue * 65535),
                       run);
      if (run->style & SHEAF_SNIPPET_MARK)
        {
          add_attribute (attributes,
                         pango_attr_background_new (accent.red * 65535, accent.green * 65535, accent.blue * 65535),
                         run);
          add_attribute (attributes, pango_attr_background_alpha_new (65535 / 6), run);
          add_attribute (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD), run);
        }
      else if (run->style & SHEAF_SNIPPET_HIGHLIGHT)
        {
          /* The preview's highlight: a yellow that reads on light and dark. */
          add_attribute (attributes, pango_attr_background_new (0xffff, 0xd000, 0), run);
          add_attribute (attributes, pango_attr_background_alpha_new (65535 * 2 / 5), run);
        }
    }

  gtk_label_set_attributes (GTK_LABEL (label), attributes);
  pango_attr_list_unref (attributes);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 3);

  return label;
}

/* A row, and where activating it goes: @path at @line or @fragment. */
GtkWidget *
_sheaf_links_panel_new_row (GtkWidget  *child,
                            const char *description,
                            const char *path,
                            const char *fragment,
                            guint       line)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), path != NULL);
  g_object_set_data_full (G_OBJECT (row), "sheaf-description", g_strdup (description), g_free);
  g_object_set_data_full (G_OBJECT (row), "sheaf-path", g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (row), "sheaf-fragment", g_strdup (fragment), g_free);
  g_object_set_data (G_OBJECT (row), "sheaf-line", GUINT_TO_POINTER (line));

  return row;
}

static void
sheaf_links_panel_row_activated_cb (SheafLinksPanel *self,
                                    GtkListBoxRow   *row,
                                    GtkListBox      *list)
{
  const char *path = g_object_get_data (G_OBJECT (row), "sheaf-path");

  g_assert (SHEAF_IS_LINKS_PANEL (self));

  if (path == NULL)
    return;

  g_signal_emit (self, signals[OPEN_LOCATION], 0,
                 path,
                 g_object_get_data (G_OBJECT (row), "sheaf-fragment"),
                 GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "sheaf-line")));
}

/* ---- Outline and outgoing links: the document's latest parse ---- */

/* "Target  3": the count dimmed, as a list's secondary text is. */
static void
set_link_count (GtkLabel   *label,
                const char *shown,
                guint       count)
{
  g_autofree char *text = g_strdup_printf ("%s  %u", shown, count);
  PangoAttrList *attributes = pango_attr_list_new ();
  PangoAttribute *dim = pango_attr_foreground_alpha_new (65535 * 55 / 100);

  dim->start_index = strlen (shown);
  pango_attr_list_insert (attributes, dim);
  gtk_label_set_text (label, text);
  gtk_label_set_attributes (label, attributes);
  pango_attr_list_unref (attributes);
  g_object_set_data (G_OBJECT (label), "sheaf-count", GUINT_TO_POINTER (count));
}

static void
refresh_note_lists (SheafLinksPanel *self)
{
  SheafNote *note = self->document ? sheaf_document_get_note (self->document) : NULL;
  const char *path = self->document ? sheaf_document_get_path (self->document) : NULL;
  SheafParseResult *parse;
  const SheafHeading *headings;
  const SheafLink *links;
  guint n_headings = 0;
  guint n_links = 0;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  _sheaf_links_panel_clear_list (self->outline_list);
  _sheaf_links_panel_clear_list (self->outgoing_list);

  if (note == NULL || path == NULL)
    return;

  parse = sheaf_note_get_parse_result (note);
  headings = sheaf_parse_result_get_headings (parse, &n_headings);
  links = sheaf_parse_result_get_links (parse, &n_links);

  for (guint i = 0; i < n_headings; i++)
    {
      g_autofree char *description = g_strdup_printf ("%d:%s:%u", headings[i].level,
                                                      headings[i].text, headings[i].line);
      GtkWidget *label = _sheaf_links_panel_new_label (headings[i].text, "sheaf-links-heading-row");

      gtk_widget_set_margin_start (label, 12 * (MAX (headings[i].level, 1) - 1));
      gtk_widget_set_tooltip_text (label, headings[i].text);
      gtk_list_box_append (self->outline_list,
                           _sheaf_links_panel_new_row (label, description, path, NULL, headings[i].line));
    }

  for (guint i = 0; i < n_links; i++)
    {
      g_auto(SheafResolved) resolved = { 0 };
      g_autofree char *shown = NULL;
      g_autofree char *description = NULL;
      const char *open_path = NULL;
      GtkWidget *label;

      /* [[#Heading]] is in the outline already. */
      if (links[i].target == NULL || links[i].target[0] == '\0')
        continue;

      if (links[i].fragment != NULL)
        shown = g_strdup_printf ("%s#%s", links[i].target, links[i].fragment);
      else
        shown = g_strdup (links[i].target);

      /* A target linked several times is listed once, with its count. */
      if ((label = g_hash_table_lookup (seen, shown)) != NULL)
        {
          set_link_count (GTK_LABEL (label), shown,
                          GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "sheaf-count")) + 1);
          continue;
        }

      if (self->vault != NULL && sheaf_vault_get_loaded (self->vault))
        sheaf_vault_resolve (self->vault, path, &links[i], &resolved);

      description = g_strdup_printf ("%s:%s", shown, resolved.resolved ? resolved.resolved : "");
      label = _sheaf_links_panel_new_label (shown, NULL);
      g_object_set_data (G_OBJECT (label), "sheaf-count", GUINT_TO_POINTER (1));
      g_hash_table_insert (seen, g_strdup (shown), label);

      if (resolved.resolved == NULL)
        {
          gtk_widget_add_css_class (label, "dim-label");
          /* Translators: tooltip of a link whose note does not exist */
          gtk_widget_set_tooltip_text (label, _("Not in the vault"));
        }
      else
        {
          gtk_widget_set_tooltip_text (label, resolved.resolved);
          if (sheaf_vault_get_note (self->vault, resolved.resolved) != NULL)
            open_path = resolved.resolved;
        }

      gtk_list_box_append (self->outgoing_list,
                           _sheaf_links_panel_new_row (label, description, open_path, links[i].fragment, 0));
    }
}

static gboolean
note_refresh_cb (gpointer user_data)
{
  SheafLinksPanel *self = user_data;

  self->note_source = 0;
  self->note_stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->note_stale)
    refresh_note_lists (self);
  _sheaf_links_panel_update_busy (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_note_refresh (SheafLinksPanel *self)
{
  g_clear_handle_id (&self->note_source, g_source_remove);
  self->note_source = g_timeout_add (NOTE_DELAY_MS, note_refresh_cb, self);
  _sheaf_links_panel_update_busy (self);
}

static void
vault_changed_cb (SheafLinksPanel *self,
                  const char      *path,
                  SheafVault      *vault)
{
  _sheaf_links_panel_schedule_vault_refresh (self, VAULT_DELAY_MS);
  /* Outgoing links may resolve differently now. */
  schedule_note_refresh (self);
}

static void
document_path_cb (SheafLinksPanel *self)
{
  _sheaf_links_panel_schedule_vault_refresh (self, 0);
  schedule_note_refresh (self);
}

/* ---- GObject ---- */

static void
sheaf_links_panel_map (GtkWidget *widget)
{
  SheafLinksPanel *self = (SheafLinksPanel *)widget;

  GTK_WIDGET_CLASS (sheaf_links_panel_parent_class)->map (widget);

  if (self->vault_stale)
    _sheaf_links_panel_schedule_vault_refresh (self, 0);
  if (self->note_stale)
    schedule_note_refresh (self);
}

static void
sheaf_links_panel_dispose (GObject *object)
{
  SheafLinksPanel *self = (SheafLinksPanel *)object;

  g_cancellable_cancel (self->backlinks_cancellable);
  g_cancellable_cancel (self->mentions_cancellable);
  g_clear_handle_id (&self->note_source, g_source_remove);
  g_clear_handle_id (&self->vault_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_LINKS_PANEL);

  g_clear_object (&self->backlinks_cancellable);
  g_clear_object (&self->mentions_cancellable);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  g_clear_object (&self->vault);
  g_clear_object (&self->document);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (sheaf_links_panel_parent_class)->dispose (object);
}

static void
sheaf_links_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SheafLinksPanel *self = SHEAF_LINKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_links_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SheafLinksPanel *self = SHEAF_LINKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      sheaf_links_panel_set_vault (self, g_value_get_object (value));
      break;

    case PROP_DOCUMENT:
      sheaf_links_panel_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_links_panel_class_init (SheafLinksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sheaf_links_panel_dispose;
  object_class->get_property = sheaf_links_panel_get_property;
  object_class->set_property = sheaf_links_panel_set_property;

  widget_class->map = sheaf_links_panel_map;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, SHEAF_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SHEAF_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SheafLinksPanel::open-location:
   * @path: the note to show
   * @fragment: (nullable): the heading or block in it, from a link
   * @line: the 1-based line to show, or 0
   *
   * The user activated a row.
   */
  signals[OPEN_LOCATION] =
    g_signal_new ("open-location",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * SheafLinksPanel::show-toast:
   * @title: what to tell the user
   */
  signals[SHOW_TOAST] =
    g_signal_new ("show-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sheaflinkspanel");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sheafnotes/Sheaf/ui/sheaf-links-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafLinksPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, SheafLinksPanel, backlinks_list);
  gtk_widget_class_bind_template_child (widget_class, SheafLinksPanel, mentions_list);
  gtk_widget_class_bind_template_child (widget_class, SheafLinksPanel, outgoing_list);
  gtk_widget_class_bind_template_child (widget_class, SheafLinksPanel, outline_list);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_links_panel_row_activated_cb);
}

static void
sheaf_links_panel_init (SheafLinksPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_placeholder (self->backlinks_list, _("No notes link here"));
  set_placeholder (self->mentions_list, _("No unlinked mentions"));
  set_placeholder (self->outgoing_list, _("No links"));
  set_placeholder (self->outline_list, _("No headings"));
}

/* ---- Public API ---- */

SheafVault *
sheaf_links_panel_get_vault (SheafLinksPanel *self)
{
  g_return_val_if_fail (SHEAF_IS_LINKS_PANEL (self), NULL);

  return self->vault;
}

/**
 * sheaf_links_panel_set_vault:
 * @self: a #SheafLinksPanel
 * @vault: (nullable): a loaded vault
 *
 * Lists the open note's links in @vault, and follows its changes.
 */
void
sheaf_links_panel_set_vault (SheafLinksPanel *self,
                             SheafVault      *vault)
{
  g_return_if_fail (SHEAF_IS_LINKS_PANEL (self));
  g_return_if_fail (!vault || SHEAF_IS_VAULT (vault));

  if (self->vault == vault)
    return;

  if (self->vault != NULL)
    g_signal_handlers_disconnect_by_data (self->vault, self);

  g_set_object (&self->vault, vault);

  if (vault != NULL)
    {
      g_signal_connect_object (vault, "note-added",
                               G_CALLBACK (vault_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (vault, "note-changed",
                               G_CALLBACK (vault_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (vault, "note-removed",
                               G_CALLBACK (vault_changed_cb), self, G_CONNECT_SWAPPED);
    }

  _sheaf_links_panel_schedule_vault_refresh (self, 0);
  schedule_note_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

SheafDocument *
sheaf_links_panel_get_document (SheafLinksPanel *self)
{
  g_return_val_if_fail (SHEAF_IS_LINKS_PANEL (self), NULL);

  return self->document;
}

/**
 * sheaf_links_panel_set_document:
 * @self: a #SheafLinksPanel
 * @document: (nullable): the open note
 *
 * Follows @document: its path, and each new parse of its text.
 */
void
sheaf_links_panel_set_document (SheafLinksPanel *self,
                                SheafDocument   *document)
{
  g_return_if_fail (SHEAF_IS_LINKS_PANEL (self));
  g_return_if_fail (!document || SHEAF_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_set_object (&self->document, document);

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::note",
                               G_CALLBACK (schedule_note_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::path",
                               G_CALLBACK (document_path_cb), self, G_CONNECT_SWAPPED);
    }

  document_path_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * sheaf_links_panel_get_busy:
 *
 * Returns: whether a refresh is pending or running
 */
gboolean
sheaf_links_panel_get_busy (SheafLinksPanel *self)
{
  g_return_val_if_fail (SHEAF_IS_LINKS_PANEL (self), FALSE);

  return self->busy;
}

GtkListBox *
_sheaf_links_panel_get_list (SheafLinksPanel   *self,
                             SheafLinksSection  section)
{
  g_return_val_if_fail (SHEAF_IS_LINKS_PANEL (self), NULL);

  switch (section)
    {
    case SHEAF_LINKS_SECTION_BACKLINKS:
      return self->backlinks_list;

    case SHEAF_LINKS_SECTION_MENTIONS:
      return self->mentions_list;

    case SHEAF_LINKS_SECTION_OUTGOING:
      return self->outgoing_list;

    case SHEAF_LINKS_SECTION_OUTLINE:
    default:
      return self->outline_list;
    }
}

/* Returns: (transfer full): one string per row of @section, in order */
GStrv
_sheaf_links_panel_dup_descriptions (SheafLinksPanel   *self,
                                     SheafLinksSection  section)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBox *list = _sheaf_links_panel_get_list (self, section);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *description = g_object_get_data (G_OBJECT (child), "sheaf-description");

      if (GTK_IS_LIST_BOX_ROW (child) && description != NULL)
        g_strv_builder_add (builder, description);
    }

  return g_strv_builder_end (builder);
}

GtkWidget *
_sheaf_links_panel_get_row_button (GtkListBoxRow *row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);

  return g_object_get_data (G_OBJECT (row), "sheaf-button");
}
