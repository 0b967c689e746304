/* sheaf-window-create.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-new-note.h"
#include "sheaf-window-private.h"

/* Clicking a link to a note that does not exist offers to create it, at
 * the path the link names (sheaf_new_note_path_for_target()), and then
 * opens it where the link would have: the tab clicked in, or a new tab. */

typedef struct
{
  SheafWindow *self;
  char        *path;
  gboolean     new_tab;
} Create;

static void
create_free (Create *create)
{
  g_clear_object (&create->self);
  g_clear_pointer (&create->path, g_free);
  g_free (create);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Create, create_free)

static Create *
create_new (SheafWindow *self,
            const char  *path,
            gboolean     new_tab)
{
  Create *create = g_new0 (Create, 1);

  create->self = g_object_ref (self);
  create->path = g_strdup (path);
  create->new_tab = new_tab;

  return create;
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Create) create = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!sheaf_new_note_create_finish (SHEAF_VAULT (object), result, &error))
    {
      /* Translators: a toast; the first %s is a note's path, the second an error message */
      message = g_strdup_printf (_("Could not create “%s”: %s"), create->path, error->message);
      sheaf_window_show_toast (create->self, message);
      return;
    }

  /* Another vault was opened meanwhile. */
  if (SHEAF_VAULT (object) != create->self->vault)
    return;

  _sheaf_window_open_note_full (create->self, create->path, NULL, 0, create->new_tab);
}

/**
 * _sheaf_window_create_note:
 * @self: a #SheafWindow
 * @path: a vault-relative path ending in ".md"
 * @new_tab: open the note in a new tab
 *
 * Creates @path as an empty note (never over an existing file) and opens it.
 */
void
_sheaf_window_create_note (SheafWindow *self,
                           const char  *path,
                           gboolean     new_tab)
{
  g_return_if_fail (SHEAF_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->vault == NULL)
    return;

  sheaf_new_note_create_async (self->vault, path, NULL, created_cb,
                               create_new (self, path, new_tab));
}

static void
create_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Create *create = user_data;

  if (g_str_equal (response, "create"))
    _sheaf_window_create_note (create->self, create->path, create->new_tab);
}

/**
 * _sheaf_window_offer_create_note:
 * @self: a #SheafWindow
 * @path: the vault-relative path an unresolved link names, ending in ".md"
 * @new_tab: open the note in a new tab once created
 *
 * Asks whether to create the note, then does.
 */
void
_sheaf_window_offer_create_note (SheafWindow *self,
                                 const char  *path,
                                 gboolean     new_tab)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (SHEAF_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->vault == NULL)
    return;

  /* Created meanwhile (on disk, or by another link): just open it. */
  if (sheaf_vault_get_note (self->vault, path) != NULL)
    {
      _sheaf_window_open_note_full (self, path, NULL, 0, new_tab);
      return;
    }

  name = g_path_get_basename (path);
  if (g_str_has_suffix (name, ".md"))
    name[strlen (name) - 3] = '\0';

  /* Translators: a dialog's heading; %s is a note's name */
  heading = g_strdup_printf (_("Create “%s”?"), name);
  /* Translators: %s is a file's path in the vault */
  body = g_strdup_printf (_("There is no note by this name yet. An empty note will be created "
                            "as “%s” in the vault."), path);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (create_response_cb),
                         create_new (self, path, new_tab),
                         (GClosureNotify)(void (*) (void))create_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
