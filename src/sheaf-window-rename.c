/* sheaf-window-rename.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sheaf-note.h"
#include "sheaf-rename-dialog.h"
#include "sheaf-rename.h"
#include "sheaf-text.h"
#include "sheaf-window-private.h"

/* Renaming and moving notes: win.rename-note and win.move-note ask with a
 * SheafRenameDialog, then every open tab is saved (so the rename reads the
 * text the user sees, and no tab later writes to the old path), then
 * sheaf_rename_async() moves the file and rewrites the links in a worker,
 * then the tabs follow the note to its new path and a toast says what
 * changed. The vault re-reads what the rename touched before it reports, so
 * the note list has the new row by then. */

typedef struct
{
  SheafWindow *self;
  SheafVault  *vault;
  char        *old_path;
  char        *new_path;
  guint        move : 1;
} RenameOp;

static void
rename_op_free (RenameOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->vault);
  g_free (op->old_path);
  g_free (op->new_path);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenameOp, rename_op_free)

/* The window was destroyed while a rename was under way. */
static gboolean
gone (SheafWindow *self)
{
  return self->toast_overlay == NULL;
}

static void
set_busy (SheafWindow *self,
          gboolean     busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-note", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-note", !busy);
}

static char *
dup_counts (const SheafRenameResult *result)
{
  g_autofree char *links = NULL;
  /* Links kept on their old target were rewritten too: the user sees them change. */
  guint n_links = result->n_links + result->n_preserved;

  if (n_links == 0)
    return g_strdup (_("no links to update"));

  /* Translators: part of "Renamed to “X”: 12 links updated in 5 notes" */
  links = g_strdup_printf (ngettext ("%u link updated", "%u links updated", n_links),
                           n_links);
  /* Translators: part of "Renamed to “X”: 12 links updated in 5 notes";
   * %s is "12 links updated" */
  return g_strdup_printf (ngettext ("%s in %u note", "%s in %u notes", result->n_notes),
                          links, result->n_notes);
}

static char *
dup_done_message (RenameOp                *op,
                  const SheafRenameResult *result)
{
  g_autofree char *counts = dup_counts (result);
  g_autofree char *name = NULL;

  if (op->move)
    {
      g_autofree char *folder = sheaf_text_dup_folder (result->new_path);

      if (folder[0] == '\0')
        name = g_file_get_basename (sheaf_vault_get_root (op->vault));
      else
        name = g_path_get_basename (folder);
      /* Translators: a toast; %s is a folder's name, then "12 links updated in 5 notes" */
      return g_strdup_printf (_("Moved to “%s”: %s"), name, counts);
    }

  name = sheaf_note_path_dup_stem (result->new_path);
  /* Translators: a toast; %s is the note's new name, then "12 links updated in 5 notes" */
  return g_strdup_printf (_("Renamed to “%s”: %s"), name, counts);
}

static void
append_list (GString   *body,
             GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (body, "\n• %s", (const char *)g_ptr_array_index (items, i));
}

/* Links the rename could not write: said in a dialog, since a toast would
 * hide the list of notes to look at. */
static void
report_problems (SheafWindow             *self,
                 const SheafRenameResult *result)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (result->conflicts->len == 0 && result->failures->len == 0 && result->n_skipped == 0)
    return;

  if (result->conflicts->len > 0)
    {
      g_string_append (body, _("These notes changed on disk during the rename "
                               "and were left as they were:"));
      append_list (body, result->conflicts);
    }

  if (result->failures->len > 0)
    {
      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, _("These notes could not be saved:"));
      append_list (body, result->failures);
    }

  if (result->n_skipped > 0)
    {
      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              ngettext ("%u reference-style link was left as it was.",
                                        "%u reference-style links were left as they were.",
                                        result->n_skipped),
                              result->n_skipped);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Some Links Were Not Updated"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
renamed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RenameOp) op = user_data;
  g_autoptr(SheafRenameResult) renamed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  SheafWindow *self = op->self;

  renamed = sheaf_rename_finish (result, &error);

  /* Closed meanwhile: the vault has followed, there is nothing to show. */
  if (gone (self))
    return;

  set_busy (self, FALSE);
  if (renamed == NULL)
    {
      g_autofree char *stem = sheaf_note_path_dup_stem (op->new_path);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          /* Translators: a toast; %s is a note's name. The file appeared
           * while the dialog was open. */
          message = g_strdup_printf (_("Not renamed: a note named “%s” already exists"), stem);
        }
      else
        {
          /* Translators: a toast; %s is an error message */
          message = g_strdup_printf (_("Could not rename the note: %s"), error->message);
        }
      sheaf_window_show_toast (self, message);
      return;
    }

  /* Another vault may have been opened meanwhile: its tabs are not these. */
  if (sheaf_window_get_vault (self) == op->vault)
    {
      gboolean shown = g_strcmp0 (sheaf_window_get_note_path (self), renamed->old_path) == 0;

      _sheaf_window_note_renamed (self, renamed->old_path, renamed->new_path);

      /* The vault dropped the old row, and the selection with it. */
      if (shown)
        sheaf_sidebar_select_path (sheaf_window_get_sidebar (self), renamed->new_path);
    }

  message = dup_done_message (op, renamed);
  sheaf_window_show_toast (self, message);
  report_problems (self, renamed);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RenameOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  SheafVault *vault;
  const char *old_path;
  const char *new_path;
  gboolean saved;

  saved = _sheaf_window_save_all_finish (op->self, result, &error);

  /* Closed meanwhile: nothing has moved yet, and nothing will. */
  if (gone (op->self))
    return;

  if (!saved)
    {
      set_busy (op->self, FALSE);
      /* Translators: a toast; %s is an error message */
      message = g_strdup_printf (_("Not renamed: the open notes could not be saved: %s"),
                                 error->message);
      sheaf_window_show_toast (op->self, message);
      return;
    }

  /* Arguments are evaluated in no set order: @op is read before it is stolen. */
  vault = op->vault;
  old_path = op->old_path;
  new_path = op->new_path;
  sheaf_rename_async (vault, old_path, new_path, NULL, renamed_cb, g_steal_pointer (&op));
}

static void
start_rename (SheafWindow *self,
              const char  *old_path,
              const char  *new_path,
              gboolean     move)
{
  RenameOp *op = g_new0 (RenameOp, 1);

  op->self = g_object_ref (self);
  op->vault = g_object_ref (sheaf_window_get_vault (self));
  op->old_path = g_strdup (old_path);
  op->new_path = g_strdup (new_path);
  op->move = !!move;

  set_busy (self, TRUE);
  _sheaf_window_save_all_async (self, NULL, saved_cb, op);
}

static void
dialog_response_cb (SheafWindow       *self,
                    const char        *response,
                    SheafRenameDialog *dialog)
{
  const char *new_path = sheaf_rename_dialog_get_new_path (dialog);

  if (g_strcmp0 (response, "rename") != 0 && g_strcmp0 (response, "move") != 0)
    return;

  if (new_path == NULL || sheaf_window_get_vault (self) != sheaf_rename_dialog_get_vault (dialog))
    return;

  start_rename (self, sheaf_rename_dialog_get_path (dialog), new_path,
                sheaf_rename_dialog_get_move (dialog));
}

/**
 * _sheaf_window_ask_rename:
 * @self: a #SheafWindow
 * @path: (nullable): a note of the window's vault; %NULL or "" for the note shown
 * @move: %TRUE to ask for a folder (Move Note), %FALSE for a name
 *
 * Asks for the note's new name or folder, then renames it, rewriting the
 * links to it. The same as activating win.rename-note or win.move-note.
 */
void
_sheaf_window_ask_rename (SheafWindow *self,
                          const char  *path,
                          gboolean     move)
{
  SheafVault *vault;
  GtkWidget *dialog;

  g_return_if_fail (SHEAF_IS_WINDOW (self));

  vault = sheaf_window_get_vault (self);
  if (path == NULL || path[0] == '\0')
    path = sheaf_window_get_note_path (self);

  if (vault == NULL || path == NULL || sheaf_vault_get_note (vault, path) == NULL)
    return;

  dialog = sheaf_rename_dialog_new (GTK_WINDOW (self), vault, path, move);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (dialog_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sheaf_window_rename_note_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  _sheaf_window_ask_rename (SHEAF_WINDOW (widget),
                            g_variant_get_string (param, NULL),
                            g_str_equal (action_name, "win.move-note"));
}

void
_sheaf_window_class_init_rename (GtkWidgetClass *widget_class)
{
  /* The parameter is a note's path; "" means the note shown. */
  gtk_widget_class_install_action (widget_class, "win.rename-note", "s",
                                   sheaf_window_rename_note_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0,
                                       "win.rename-note", "s", "");
  gtk_widget_class_install_action (widget_class, "win.move-note", "s",
                                   sheaf_window_rename_note_action);
}
