/* sheaf-links-panel-vault.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-links-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-link-edit.h"
#include "sheaf-links-panel-private.h"
#include "sheaf-markdown.h"
#include "sheaf-mentions.h"
#include "sheaf-snippet.h"

/* SheafLinksPanel's vault lists: backlinks, resolved in
 * sheaf_vault_dup_backlinks_async()'s worker with their lines of context read
 * in another, and unlinked mentions, found in sheaf_mentions_find_async()'s,
 * with the Link button that rewrites one (DESIGN.md §2, invariant 3). Each
 * refresh cancels the one before it. */

#define MAX_CONTEXT      160

typedef struct
{
  GFile  *root;
  GArray *backlinks;   /* SheafBacklink */
  GArray *offsets;     /* gsize: where each link starts in its file */
  GPtrArray *properties; /* "key: [[link]]" for a link in the frontmatter, else NULL */
} ContextData;

static void
context_data_free (gpointer data)
{
  ContextData *context = data;

  g_clear_object (&context->root);
  g_clear_pointer (&context->backlinks, g_array_unref);
  g_clear_pointer (&context->offsets, g_array_unref);
  g_clear_pointer (&context->properties, g_ptr_array_unref);
  g_free (context);
}

/* ---- Backlinks: resolved in a worker, then their lines read in another ---- */

/* Where the link on @line is: at @offset if that is on the line (the vault
 * may have parsed another version of the file), else at the line's start. */
static gsize
link_offset (const char *text,
             gsize       length,
             guint       line,
             gsize       offset)
{
  const char *p = text;
  const char *end = text + length;
  const char *eol;

  for (guint i = 1; i < line && p < end; i++)
    {
      const char *nl = memchr (p, '\n', end - p);

      p = nl != NULL ? nl + 1 : end;
    }

  eol = memchr (p, '\n', end - p);
  if (offset >= (gsize)(p - text) && offset <= (gsize)((eol != NULL ? eol : end) - text))
    return offset;

  return p - text;
}

/* The line holding the link at @offset, as it reads, the link marked. */
static SheafSnippet *
snippet_at (const char *text,
            gsize       length,
            gsize       offset)
{
  const char *end = text + length;
  const char *at = text + MIN (offset, length);
  const char *p = at;
  const char *eol = memchr (at, '\n', end - at);
  SheafSpan mark;

  while (p > text && p[-1] != '\n')
    p--;

  /* Only the link's first byte is known here: the snippet marks what overlaps it. */
  mark.start = at - p;
  mark.end = at < end ? mark.start + 1 : mark.start;

  return sheaf_snippet_new (p, (eol != NULL ? eol : end) - p, mark, MAX_CONTEXT);
}

static void
context_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ContextData *context = task_data;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_snippet_free);
  g_autofree char *contents = NULL;
  const char *loaded = NULL;
  gsize length = 0;

  for (guint i = 0; i < context->backlinks->len; i++)
    {
      SheafBacklink *backlink = &g_array_index (context->backlinks, SheafBacklink, i);
      const char *property = g_ptr_array_index (context->properties, i);

      if (g_task_return_error_if_cancelled (task))
        return;

      /* A YAML line reads better as its key and the link than as itself. */
      if (property != NULL)
        {
          const char *link = strstr (property, ": ") + 2;

          g_ptr_array_add (lines, sheaf_snippet_new (property, strlen (property),
                                                     (SheafSpan) { link - property, strlen (property) },
                                                     MAX_CONTEXT));
          continue;
        }

      if (g_strcmp0 (loaded, backlink->source) != 0)
        {
          g_autoptr(GFile) file = g_file_resolve_relative_path (context->root, backlink->source);

          g_clear_pointer (&contents, g_free);
          length = 0;
          if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, NULL))
            contents = NULL;
          loaded = backlink->source;
        }

      g_ptr_array_add (lines, contents != NULL ?
                              snippet_at (contents, length,
                                          link_offset (contents, length, backlink->line,
                                                       g_array_index (context->offsets, gsize, i))) :
                              sheaf_snippet_new ("", 0, (SheafSpan) { 0, 0 }, 0));
    }

  g_task_return_pointer (task, g_steal_pointer (&lines), (GDestroyNotify)g_ptr_array_unref);
}

static void
context_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SheafLinksPanel) self = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  ContextData *context = g_task_get_task_data (G_TASK (result));
  const char *group = NULL;

  self->n_running--;
  _sheaf_links_panel_update_busy (self);

  lines = g_task_propagate_pointer (G_TASK (result), NULL);
  if (lines == NULL)
    return;

  _sheaf_links_panel_clear_list (self->backlinks_list);

  for (guint i = 0; i < context->backlinks->len; i++)
    {
      SheafBacklink *backlink = &g_array_index (context->backlinks, SheafBacklink, i);
      SheafSnippet *snippet = g_ptr_array_index (lines, i);
      g_autofree char *description = NULL;
      GtkWidget *label;

      if (g_strcmp0 (group, backlink->source) != 0)
        {
          SheafNote *note = sheaf_vault_get_note (self->vault, backlink->source);
          const char *title = note ? sheaf_note_get_title (note) : backlink->source;

          group = backlink->source;
          label = _sheaf_links_panel_new_label (title, "sheaf-links-note");
          gtk_widget_set_tooltip_text (label, backlink->source);
          description = g_strdup_printf ("note:%s", backlink->source);
          gtk_list_box_append (self->backlinks_list,
                               _sheaf_links_panel_new_row (label, description, backlink->source, NULL, 0));
          g_clear_pointer (&description, g_free);
        }

      label = _sheaf_links_panel_new_context_label (self, snippet);
      description = g_strdup_printf ("line:%s:%u:%s", backlink->source, backlink->line, snippet->text);
      gtk_list_box_append (self->backlinks_list,
                           _sheaf_links_panel_new_row (label, description, backlink->source, NULL, backlink->line));
    }
}

static void
backlinks_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SheafLinksPanel) self = user_data;
  g_autoptr(GArray) backlinks = NULL;
  g_autoptr(GTask) task = NULL;
  ContextData *context;

  self->n_running--;

  backlinks = sheaf_vault_dup_backlinks_finish (SHEAF_VAULT (object), result, NULL);
  if (backlinks == NULL || self->vault != SHEAF_VAULT (object))
    {
      _sheaf_links_panel_update_busy (self);
      return;
    }

  context = g_new0 (ContextData, 1);
  context->root = g_object_ref (sheaf_vault_get_root (self->vault));
  context->offsets = g_array_sized_new (FALSE, FALSE, sizeof (gsize), backlinks->len);
  context->properties = g_ptr_array_new_full (backlinks->len, g_free);
  for (guint i = 0; i < backlinks->len; i++)
    {
      SheafBacklink *backlink = &g_array_index (backlinks, SheafBacklink, i);
      SheafNote *note = sheaf_vault_get_note (self->vault, backlink->source);
      const SheafLink *links = NULL;
      guint n_links = 0;
      gsize offset = G_MAXSIZE;

      if (note != NULL)
        links = sheaf_parse_result_get_links (sheaf_note_get_parse_result (note), &n_links);
      if (backlink->link_index < n_links)
        offset = links[backlink->link_index].span.start;
      g_array_append_val (context->offsets, offset);
      g_ptr_array_add (context->properties,
                       backlink->link_index < n_links && links[backlink->link_index].property != NULL ?
                       g_strdup_printf ("%s: %s", links[backlink->link_index].property,
                                        links[backlink->link_index].raw) :
                       NULL);
    }
  context->backlinks = g_steal_pointer (&backlinks);

  self->n_running++;
  task = g_task_new (NULL, self->backlinks_cancellable, context_cb, g_object_ref (self));
  g_task_set_source_tag (task, backlinks_cb);
  g_task_set_task_data (task, context, context_data_free);
  g_task_run_in_thread (task, context_thread);
}

/* ---- Unlinked mentions, and linking one ---- */

static void
link_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SheafLinksPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean linked = sheaf_mentions_link_finish (result, NULL, &error);

  /* The write is not cancelled with the panel (a half-made edit is worse
   * than a late one), so it can end after dispose: no vault then, and a
   * refresh scheduled now would run on a finalized panel. */
  if (self->vault == NULL)
    return;

  if (!linked)
    {
      g_autofree char *message = NULL;

      /* Translators: a toast; %s is an error message */
      message = g_strdup_printf (_("Could not link the mention: %s"), error->message);
      _sheaf_links_panel_show_toast (self, message);
    }

  _sheaf_links_panel_schedule_vault_refresh (self, 0);
}

static void
link_clicked_cb (SheafLinksPanel *self,
                 GtkButton       *button)
{
  SheafMention *mention = g_object_get_data (G_OBJECT (button), "sheaf-mention");
  g_autoptr(GFile) file = NULL;
  g_autofree char *target = NULL;

  g_assert (SHEAF_IS_LINKS_PANEL (self));

  if (mention == NULL || self->vault == NULL || self->path == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);

  file = g_file_resolve_relative_path (sheaf_vault_get_root (self->vault), mention->path);
  target = sheaf_link_edit_dup_target (self->vault, mention->path, self->path);
  sheaf_mentions_link_async (file, mention->span, target, mention->text, mention->etag,
                             NULL, link_cb, g_object_ref (self));
}

static void
mentions_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SheafLinksPanel) self = user_data;
  g_autoptr(GPtrArray) mentions = NULL;
  const char *group = NULL;

  self->n_running--;
  _sheaf_links_panel_update_busy (self);

  mentions = sheaf_mentions_find_finish (result, NULL);
  if (mentions == NULL)
    return;

  _sheaf_links_panel_clear_list (self->mentions_list);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  self->mentions = g_steal_pointer (&mentions);

  for (guint i = 0; i < self->mentions->len; i++)
    {
      SheafMention *mention = g_ptr_array_index (self->mentions, i);
      g_autofree char *description = NULL;
      GtkWidget *box;
      GtkWidget *label;
      GtkWidget *button;
      GtkWidget *row;

      if (g_strcmp0 (group, mention->path) != 0)
        {
          SheafNote *note = self->vault ? sheaf_vault_get_note (self->vault, mention->path) : NULL;

          group = mention->path;
          label = _sheaf_links_panel_new_label (note ? sheaf_note_get_title (note) : mention->path, "sheaf-links-note");
          gtk_widget_set_tooltip_text (label, mention->path);
          description = g_strdup_printf ("note:%s", mention->path);
          gtk_list_box_append (self->mentions_list,
                               _sheaf_links_panel_new_row (label, description, mention->path, NULL, 0));
          g_clear_pointer (&description, g_free);
        }

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      label = _sheaf_links_panel_new_context_label (self, mention->snippet);
      gtk_box_append (GTK_BOX (box), label);

      button = gtk_button_new_with_label (_("Link"));
      /* Translators: tooltip of the Link button of an unlinked mention */
      gtk_widget_set_tooltip_text (button, _("Turn this mention into a link"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "sheaf-links-link-button");
      g_object_set_data (G_OBJECT (button), "sheaf-mention", mention);
      g_signal_connect_object (button, "clicked", G_CALLBACK (link_clicked_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);

      description = g_strdup_printf ("line:%s:%u:%s", mention->path, mention->line, mention->text);
      row = _sheaf_links_panel_new_row (box, description, mention->path, NULL, mention->line);
      g_object_set_data (G_OBJECT (row), "sheaf-button", button);
      gtk_list_box_append (self->mentions_list, row);
    }
}

static void
refresh_vault_lists (SheafLinksPanel *self)
{
  const char *path = self->document ? sheaf_document_get_path (self->document) : NULL;

  g_cancellable_cancel (self->backlinks_cancellable);
  g_clear_object (&self->backlinks_cancellable);
  g_cancellable_cancel (self->mentions_cancellable);
  g_clear_object (&self->mentions_cancellable);

  if (g_strcmp0 (path, self->path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      _sheaf_links_panel_clear_list (self->backlinks_list);
      _sheaf_links_panel_clear_list (self->mentions_list);
      g_clear_pointer (&self->mentions, g_ptr_array_unref);
    }

  if (self->vault == NULL || !sheaf_vault_get_loaded (self->vault) || path == NULL ||
      sheaf_vault_get_note (self->vault, path) == NULL)
    {
      _sheaf_links_panel_clear_list (self->backlinks_list);
      _sheaf_links_panel_clear_list (self->mentions_list);
      g_clear_pointer (&self->mentions, g_ptr_array_unref);
      return;
    }

  self->backlinks_cancellable = g_cancellable_new ();
  self->mentions_cancellable = g_cancellable_new ();
  self->n_running += 2;

  sheaf_vault_dup_backlinks_async (self->vault, path, self->backlinks_cancellable,
                                   backlinks_cb, g_object_ref (self));
  sheaf_mentions_find_async (self->vault, path, self->mentions_cancellable,
                             mentions_cb, g_object_ref (self));
}

static gboolean
vault_refresh_cb (gpointer user_data)
{
  SheafLinksPanel *self = user_data;

  self->vault_source = 0;
  /* Hidden, the panel would read files and resolve backlinks for nothing. */
  self->vault_stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->vault_stale)
    refresh_vault_lists (self);
  _sheaf_links_panel_update_busy (self);

  return G_SOURCE_REMOVE;
}

void
_sheaf_links_panel_schedule_vault_refresh (SheafLinksPanel *self,
                                           guint            delay_ms)
{
  g_clear_handle_id (&self->vault_source, g_source_remove);
  self->vault_source = g_timeout_add (delay_ms, vault_refresh_cb, self);
  _sheaf_links_panel_update_busy (self);
}
