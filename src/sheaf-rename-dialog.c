/* sheaf-rename-dialog.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-rename-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-note.h"
#include "sheaf-rename-dialog.h"
#include "sheaf-text.h"

/* SheafRenameDialog: asks for a note's new name, or for its new folder.
 *
 * It only asks and checks: the answer is #SheafRenameDialog:new-path, set
 * while the choice is one sheaf_rename_async() would accept, and
 * #SheafRenameDialog:message says why not otherwise. The window does the
 * renaming (sheaf-window-rename.c). Names are compared as links compare
 * them (sheaf_text_path_key(): case-folded, NFC), so a name that only
 * differs in case from another note's is refused: links could not tell the
 * two apart. */

/* Beyond the characters file systems refuse, '#', '^', '[', ']' and '|'
 * would cut a [[wikilink]] to the note short. */
#define FORBIDDEN_CHARS "/\\:*?\"<>|#^[]"
#define NAME_MAX_BYTES  255

struct _SheafRenameDialog
{
  AdwMessageDialog  parent_instance;

  /* Owned */
  SheafVault       *vault;
  char             *path;
  char             *stem;        /* the file name without its extension */
  char             *extension;   /* as written: ".md", ".MD", or "" */
  char             *new_path;    /* NULL while the choice cannot be renamed to */
  char             *message;     /* why not, or NULL */
  GHashTable       *keys;        /* path key → path, for every note of the vault */
  GPtrArray        *folders;     /* move: the vault's folders, "" (the top) first */

  /* Template children */
  GtkEntry         *name_entry;
  GtkDropDown      *folder_dropdown;
  GtkLabel         *message_label;

  guint             move : 1;
};

G_DEFINE_FINAL_TYPE (SheafRenameDialog, sheaf_rename_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_PATH,
  PROP_MOVE,
  PROP_NEW_PATH,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
response_id (SheafRenameDialog *self)
{
  return self->move ? "move" : "rename";
}

static const char *
chosen_folder (SheafRenameDialog *self,
               char             **owned)
{
  guint selected;

  if (!self->move)
    return *owned = sheaf_text_dup_folder (self->path);

  selected = gtk_drop_down_get_selected (self->folder_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->folders->len)
    return *owned = sheaf_text_dup_folder (self->path);

  return g_ptr_array_index (self->folders, selected);
}

/* The name typed, as it would be saved: spaces around it dropped (links trim
 * them), and a ".md" typed out of habit too. */
static char *
dup_typed_name (SheafRenameDialog *self)
{
  char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  gsize len = strlen (name);

  if (sheaf_text_has_suffix_ci (name, ".md"))
    {
      name[len - 3] = '\0';
      g_strchomp (name);
    }

  return name;
}

static char *
name_problem (const char *name,
              gsize       extension_len)
{
  if (name[0] == '\0')
    return g_strdup (_("The name cannot be empty"));

  if (name[0] == '.')
    return g_strdup (_("The name cannot start with a dot"));

  for (const char *p = name; *p != '\0'; p++)
    {
      if ((guchar)*p < 0x20 || *p == 0x7f)
        return g_strdup (_("The name cannot contain control characters"));

      if (strchr (FORBIDDEN_CHARS, *p) != NULL)
        {
          /* Translators: under the name of a note being renamed; %c is a character such as “/” */
          return g_strdup_printf (_("The name cannot contain “%c”"), *p);
        }
    }

  if (strlen (name) + extension_len > NAME_MAX_BYTES)
    return g_strdup (_("The name is too long"));

  return NULL;
}

static char *
folder_label (SheafRenameDialog *self,
              const char        *folder)
{
  if (folder[0] == '\0')
    return g_file_get_basename (sheaf_vault_get_root (self->vault));

  return g_strdup (folder);
}

static char *
clash_message (SheafRenameDialog *self,
               const char        *clash,
               const char        *folder)
{
  g_autofree char *stem = sheaf_note_path_dup_stem (clash);
  g_autofree char *label = NULL;

  if (!self->move)
    {
      /* Translators: under the name of a note being renamed; %s is another note's name */
      return g_strdup_printf (_("A note named “%s” already exists"), stem);
    }

  label = folder_label (self, folder);
  /* Translators: in the Move Note dialog; the first %s is a folder, the second a note's name */
  return g_strdup_printf (_("“%s” already has a note named “%s”"), label, stem);
}

/* Returns: the new path when the choice is one to rename to, else %NULL and,
 * unless the choice is simply "no change", the reason in @message. */
static char *
compose (SheafRenameDialog  *self,
         char              **message)
{
  g_autofree char *name = NULL;
  g_autofree char *owned_folder = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *key = NULL;
  const char *folder = chosen_folder (self, &owned_folder);
  const char *clash;

  name = self->move ? g_strdup (self->stem) : dup_typed_name (self);
  if (!self->move && (*message = name_problem (name, strlen (self->extension))) != NULL)
    return NULL;

  if (folder[0] != '\0')
    new_path = g_strconcat (folder, "/", name, self->extension, NULL);
  else
    new_path = g_strconcat (name, self->extension, NULL);

  if (strcmp (new_path, self->path) == 0)
    return NULL;

  /* The note itself is not in the way: a change of case alone is fine. */
  key = sheaf_text_path_key (new_path);
  clash = g_hash_table_lookup (self->keys, key);
  if (clash != NULL && strcmp (clash, self->path) != 0)
    {
      *message = clash_message (self, clash, folder);
      return NULL;
    }

  return g_steal_pointer (&new_path);
}

static void
sheaf_rename_dialog_update (SheafRenameDialog *self)
{
  g_autofree char *message = NULL;
  g_autofree char *new_path = NULL;

  g_assert (SHEAF_IS_RENAME_DIALOG (self));

  if (self->keys == NULL)
    return;

  new_path = compose (self, &message);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), response_id (self),
                                           new_path != NULL);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");

  if (g_strcmp0 (new_path, self->new_path) != 0)
    {
      g_free (self->new_path);
      self->new_path = g_steal_pointer (&new_path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_PATH]);
    }

  if (g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static void
sheaf_rename_dialog_load_notes (SheafRenameDialog *self)
{
  g_autoptr(GPtrArray) notes = sheaf_vault_dup_notes (self->vault);
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      const char *path = sheaf_note_get_path (g_ptr_array_index (notes, i));
      g_autofree char *folder = sheaf_text_dup_folder (path);

      g_hash_table_insert (self->keys, sheaf_text_path_key (path), g_strdup (path));

      /* Every folder on the way down holds a note too. */
      while (folder[0] != '\0' && g_hash_table_add (folders, g_strdup (folder)))
        {
          char *parent = sheaf_text_dup_folder (folder);

          g_free (folder);
          folder = parent;
        }
    }

  if (self->move)
    {
      GList *sorted = g_list_sort (g_hash_table_get_keys (folders), (GCompareFunc)g_utf8_collate);

      self->folders = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (self->folders, g_strdup (""));
      for (GList *l = sorted; l != NULL; l = l->next)
        g_ptr_array_add (self->folders, g_strdup (l->data));
      g_list_free (sorted);
    }
}

static void
sheaf_rename_dialog_fill_folders (SheafRenameDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *current = sheaf_text_dup_folder (self->path);

  for (guint i = 0; i < self->folders->len; i++)
    {
      g_autofree char *label = folder_label (self, g_ptr_array_index (self->folders, i));

      gtk_string_list_append (labels, label);
    }

  gtk_drop_down_set_model (self->folder_dropdown, G_LIST_MODEL (labels));
  sheaf_rename_dialog_set_folder (self, current);
}

static void
sheaf_rename_dialog_set_texts (SheafRenameDialog *self)
{
  g_autofree char *body = NULL;

  if (self->move)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Move Note"));
      /* Translators: the Move Note dialog; %s is the note's name */
      body = g_strdup_printf (_("Choose a folder for “%s”. "
                                "Links to it in other notes will be updated."),
                              self->stem);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "move", _("_Move"));
    }
  else
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Rename Note"));
      /* Translators: the Rename Note dialog; %s is the note's current name */
      body = g_strdup_printf (_("Links to “%s” in other notes will be updated."), self->stem);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "rename", _("_Rename"));
    }

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), response_id (self),
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), response_id (self), FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), response_id (self));
}

static void
sheaf_rename_dialog_changed_cb (SheafRenameDialog *self)
{
  sheaf_rename_dialog_update (self);
}

static void
sheaf_rename_dialog_constructed (GObject *object)
{
  SheafRenameDialog *self = (SheafRenameDialog *)object;
  g_autofree char *base = NULL;

  G_OBJECT_CLASS (sheaf_rename_dialog_parent_class)->constructed (object);

  g_return_if_fail (SHEAF_IS_VAULT (self->vault));
  g_return_if_fail (self->path != NULL);

  base = g_path_get_basename (self->path);
  self->stem = sheaf_note_path_dup_stem (self->path);
  self->extension = g_strdup (base + strlen (self->stem));

  sheaf_rename_dialog_set_texts (self);
  sheaf_rename_dialog_load_notes (self);

  gtk_widget_set_visible (GTK_WIDGET (self->name_entry), !self->move);
  gtk_widget_set_visible (GTK_WIDGET (self->folder_dropdown), self->move);

  if (self->move)
    {
      sheaf_rename_dialog_fill_folders (self);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->folder_dropdown));
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), self->stem);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_entry));
    }

  sheaf_rename_dialog_update (self);
}

static void
sheaf_rename_dialog_dispose (GObject *object)
{
  SheafRenameDialog *self = (SheafRenameDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SHEAF_TYPE_RENAME_DIALOG);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->folders, g_ptr_array_unref);

  G_OBJECT_CLASS (sheaf_rename_dialog_parent_class)->dispose (object);
}

static void
sheaf_rename_dialog_finalize (GObject *object)
{
  SheafRenameDialog *self = (SheafRenameDialog *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->stem, g_free);
  g_clear_pointer (&self->extension, g_free);
  g_clear_pointer (&self->new_path, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (sheaf_rename_dialog_parent_class)->finalize (object);
}

static void
sheaf_rename_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SheafRenameDialog *self = SHEAF_RENAME_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_MOVE:
      g_value_set_boolean (value, self->move);
      break;

    case PROP_NEW_PATH:
      g_value_set_string (value, self->new_path);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_rename_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SheafRenameDialog *self = SHEAF_RENAME_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;

    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_MOVE:
      self->move = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_rename_dialog_class_init (SheafRenameDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sheaf_rename_dialog_constructed;
  object_class->dispose = sheaf_rename_dialog_dispose;
  object_class->finalize = sheaf_rename_dialog_finalize;
  object_class->get_property = sheaf_rename_dialog_get_property;
  object_class->set_property = sheaf_rename_dialog_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         SHEAF_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * SheafRenameDialog:move:
   *
   * Whether the dialog asks for a folder (Move Note) rather than a name.
   */
  properties[PROP_MOVE] =
    g_param_spec_boolean ("move", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * SheafRenameDialog:new-path:
   *
   * The vault-relative path chosen, or %NULL while the choice is empty,
   * unchanged or refused.
   */
  properties[PROP_NEW_PATH] =
    g_param_spec_string ("new-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SheafRenameDialog:message:
   *
   * Why the choice is refused, shown under it; %NULL when it is not.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/sheaf-rename-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SheafRenameDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, SheafRenameDialog, folder_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SheafRenameDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, sheaf_rename_dialog_changed_cb);
}

static void
sheaf_rename_dialog_init (SheafRenameDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sheaf_rename_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @vault: a loaded vault
 * @path: one of @vault's notes
 * @move: %TRUE to ask for a folder, %FALSE for a name
 *
 * Returns: (transfer floating): a new dialog; present it, and on its
 *   "rename" or "move" response read #SheafRenameDialog:new-path
 */
GtkWidget *
sheaf_rename_dialog_new (GtkWindow  *parent,
                         SheafVault *vault,
                         const char *path,
                         gboolean    move)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHEAF_IS_VAULT (vault), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (SHEAF_TYPE_RENAME_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "vault", vault,
                       "path", path,
                       "move", move,
                       NULL);
}

SheafVault *
sheaf_rename_dialog_get_vault (SheafRenameDialog *self)
{
  g_return_val_if_fail (SHEAF_IS_RENAME_DIALOG (self), NULL);

  return self->vault;
}

const char *
sheaf_rename_dialog_get_path (SheafRenameDialog *self)
{
  g_return_val_if_fail (SHEAF_IS_RENAME_DIALOG (self), NULL);

  return self->path;
}

gboolean
sheaf_rename_dialog_get_move (SheafRenameDialog *self)
{
  g_return_val_if_fail (SHEAF_IS_RENAME_DIALOG (self), FALSE);

  return self->move;
}

/**
 * sheaf_rename_dialog_get_new_path:
 * @self: a #SheafRenameDialog
 *
 * Returns: (nullable): where the note goes, if the choice can be renamed to
 */
const char *
sheaf_rename_dialog_get_new_path (SheafRenameDialog *self)
{
  g_return_val_if_fail (SHEAF_IS_RENAME_DIALOG (self), NULL);

  return self->new_path;
}

/**
 * sheaf_rename_dialog_get_message:
 * @self: a #SheafRenameDialog
 *
 * Returns: (nullable): why the choice is refused, as shown under it
 */
const char *
sheaf_rename_dialog_get_message (SheafRenameDialog *self)
{
  g_return_val_if_fail (SHEAF_IS_RENAME_DIALOG (self), NULL);

  return self->message;
}

/**
 * sheaf_rename_dialog_set_name:
 * @self: a #SheafRenameDialog asking for a name
 * @name: the new name, without ".md"
 *
 * Types @name into the dialog, as the user would.
 */
void
sheaf_rename_dialog_set_name (SheafRenameDialog *self,
                              const char        *name)
{
  g_return_if_fail (SHEAF_IS_RENAME_DIALOG (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (!self->move);

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
}

/**
 * sheaf_rename_dialog_set_folder:
 * @self: a #SheafRenameDialog asking for a folder
 * @folder: a vault-relative folder, "" for the top of the vault
 *
 * Chooses @folder, as the user would.
 *
 * Returns: %TRUE if @folder is one of the folders offered
 */
gboolean
sheaf_rename_dialog_set_folder (SheafRenameDialog *self,
                                const char        *folder)
{
  guint position;

  g_return_val_if_fail (SHEAF_IS_RENAME_DIALOG (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (self->move, FALSE);

  if (!g_ptr_array_find_with_equal_func (self->folders, folder, g_str_equal, &position))
    return FALSE;

  gtk_drop_down_set_selected (self->folder_dropdown, position);
  sheaf_rename_dialog_update (self);

  return TRUE;
}
