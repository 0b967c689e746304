/* sheaf-editor-page-open.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-editor-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-editor-page-private.h"
#include "sheaf-new-note.h"

/* Opening and saving notes in the page, and following links: a note is
 * saved before another one is shown, so switching never loses text. */

typedef struct
{
  GFile *file;
  char  *path;
  char  *fragment;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->fragment, g_free);
  g_free (data);
}

static gboolean
find_fragment_line (SheafNote  *note,
                    const char *fragment,
                    guint      *line)
{
  SheafParseResult *result;
  const char *last;
  guint n = 0;

  if (note == NULL || fragment == NULL || fragment[0] == '\0' ||
      (result = sheaf_note_get_parse_result (note)) == NULL)
    return FALSE;

  /* "H1#H2" names H2 under H1: the last heading is the one shown. */
  last = strrchr (fragment, '#');
  last = last != NULL ? last + 1 : fragment;

  if (last[0] == '^')
    {
      const SheafBlockId *ids = sheaf_parse_result_get_block_ids (result, &n);

      for (guint i = 0; i < n; i++)
        if (g_ascii_strcasecmp (ids[i].id, last + 1) == 0)
          {
            *line = ids[i].line;
            return TRUE;
          }
    }
  else
    {
      const SheafHeading *headings = sheaf_parse_result_get_headings (result, &n);
      g_autofree char *wanted = g_utf8_casefold (last, -1);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *text = g_utf8_casefold (headings[i].text, -1);

          if (g_str_equal (g_strstrip (text), g_strstrip (wanted)))
            {
              *line = headings[i].line;
              return TRUE;
            }
        }
    }

  return FALSE;
}

/* An unresolved link: the note it names can be created (DESIGN.md §3), at
 * the path Obsidian would give it; a name no file can have is refused here. */
static void
offer_to_create (SheafEditorPage *self,
                 const char      *target,
                 gboolean         new_tab)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sheaf_new_note_path_for_target (target, &error);

  if (path == NULL)
    {
      _sheaf_editor_page_show_toast (self, error->message);
      return;
    }

  g_signal_emit (self, _sheaf_editor_page_signals[EDITOR_PAGE_CREATE_NOTE], 0, path, new_tab);
}

void
_sheaf_editor_page_link_activated_cb (SheafEditorPage *self,
                                     const SheafLink *link,
                                     gboolean         new_tab,
                                     SheafPreview    *preview)
{
  g_auto(SheafResolved) resolved = { 0 };
  g_autofree char *message = NULL;
  const char *path = sheaf_document_get_path (self->document);

  if (link->target == NULL || link->target[0] == '\0')
    {
      sheaf_editor_page_scroll_to_fragment (self, link->fragment);
      return;
    }

  if (self->host == NULL)
    return;

  sheaf_preview_host_resolve (self->host, path, link, &resolved);

  if (resolved.resolution == SHEAF_RESOLUTION_SELF)
    {
      sheaf_editor_page_scroll_to_fragment (self, link->fragment);
    }
  else if (resolved.resolution == SHEAF_RESOLUTION_OUTSIDE)
    {
      /* Translators: a toast; %s is what a link points to */
      message = g_strdup_printf (_("“%s” is outside the vault"), link->target);
      _sheaf_editor_page_show_toast (self, message);
    }
  else if (resolved.resolved == NULL)
    {
      offer_to_create (self, link->target, new_tab);
    }
  else if (!sheaf_note_path_is_note (resolved.resolved))
    {
      /* Translators: a toast; %s is a file's path in the vault */
      message = g_strdup_printf (_("“%s” is not a note: Sheaf cannot open it yet"),
                                 resolved.resolved);
      _sheaf_editor_page_show_toast (self, message);
    }
  else
    {
      g_signal_emit (self, _sheaf_editor_page_signals[EDITOR_PAGE_OPEN_NOTE], 0,
                     resolved.resolved, link->fragment, new_tab);
    }
}

static void
open_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SheafEditorPage *self = g_task_get_source_object (task);
  OpenData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GtkTextIter start;

  if (!sheaf_document_load_finish (SHEAF_DOCUMENT (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->document), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->document), &start);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->source_scroller), 0);

  g_free (self->pending_fragment);
  self->pending_fragment = g_strdup (data->fragment);
  if (sheaf_document_get_note (self->document) != NULL)
    _sheaf_editor_page_note_changed_cb (self, NULL, self->document);

  g_task_return_boolean (task, TRUE);
}

static void
open_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SheafEditorPage *self = g_task_get_source_object (task);
  OpenData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!sheaf_document_save_finish (SHEAF_DOCUMENT (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  sheaf_document_load_async (self->document, data->file, data->path,
                             g_task_get_cancellable (task),
                             open_loaded_cb, g_object_ref (task));
}

/**
 * sheaf_editor_page_open_async:
 * @self: a #SheafEditorPage
 * @file: the note's file
 * @path: its vault-relative path
 * @fragment: (nullable): a heading or "^block" to scroll to
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the note is shown, or could not be
 * @user_data: data for @callback
 *
 * Shows another note. Unsaved edits of the note shown are saved first; if
 * that fails, the note stays and the operation fails with the save's error.
 */
void
sheaf_editor_page_open_async (SheafEditorPage     *self,
                              GFile               *file,
                              const char          *path,
                              const char          *fragment,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GFile *current;
  OpenData *data;

  g_return_if_fail (SHEAF_IS_EDITOR_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_editor_page_open_async);

  data = g_new0 (OpenData, 1);
  data->file = g_object_ref (file);
  data->path = g_strdup (path);
  data->fragment = g_strdup (fragment);
  g_task_set_task_data (task, data, (GDestroyNotify)open_data_free);

  current = sheaf_document_get_file (self->document);

  if (current != NULL && g_file_equal (current, file) && !sheaf_document_get_loading (self->document))
    {
      if (fragment != NULL)
        sheaf_editor_page_scroll_to_fragment (self, fragment);
      g_task_return_boolean (task, TRUE);
      return;
    }

  gtk_revealer_set_reveal_child (self->search_revealer, FALSE);

  if (current != NULL && sheaf_editor_page_get_unsaved (self))
    sheaf_document_save_async (self->document, cancellable, open_saved_cb, g_steal_pointer (&task));
  else
    sheaf_document_load_async (self->document, file, path, cancellable,
                               open_loaded_cb, g_steal_pointer (&task));
}

gboolean
sheaf_editor_page_open_finish (SheafEditorPage  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (SHEAF_IS_EDITOR_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
page_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!sheaf_document_save_finish (SHEAF_DOCUMENT (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sheaf_editor_page_save_async:
 * @self: a #SheafEditorPage
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the text is on disk, or could not be written
 * @user_data: data for @callback
 *
 * Saves unsaved edits now, before the window closes. Succeeds at once when
 * there are none.
 */
void
sheaf_editor_page_save_async (SheafEditorPage     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SHEAF_IS_EDITOR_PAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_editor_page_save_async);

  if (sheaf_document_get_file (self->document) == NULL || !sheaf_editor_page_get_unsaved (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  sheaf_document_save_async (self->document, cancellable, page_saved_cb, g_steal_pointer (&task));
}

gboolean
sheaf_editor_page_save_finish (SheafEditorPage  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (SHEAF_IS_EDITOR_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sheaf_editor_page_scroll_to_fragment:
 * @self: a #SheafEditorPage
 * @fragment: (nullable): a heading ("H1#H2") or a block id ("^id")
 *
 * Shows the heading or block at the top of both panes.
 */
void
sheaf_editor_page_scroll_to_fragment (SheafEditorPage *self,
                                      const char      *fragment)
{
  guint line = 0;

  g_return_if_fail (SHEAF_IS_EDITOR_PAGE (self));

  if (!find_fragment_line (sheaf_document_get_note (self->document), fragment, &line))
    return;

  _sheaf_editor_page_pin_scroll (self);
  _sheaf_editor_page_source_scroll_to_line (self, line);
  sheaf_preview_scroll_to_line (self->preview, line);
}

/**
 * sheaf_editor_page_scroll_to_line:
 * @self: a #SheafEditorPage
 * @line: a 1-based line of the note's file
 *
 * Shows @line at the top of both panes and puts the cursor at its start.
 */
void
sheaf_editor_page_scroll_to_line (SheafEditorPage *self,
                                  guint            line)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (SHEAF_IS_EDITOR_PAGE (self));

  if (line == 0)
    return;

  buffer = GTK_TEXT_BUFFER (self->document);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, (int)line - 1);
  gtk_text_buffer_place_cursor (buffer, &iter);

  _sheaf_editor_page_pin_scroll (self);
  _sheaf_editor_page_source_scroll_to_line (self, line);
  sheaf_preview_scroll_to_line (self->preview, line);
}
