/* sheaf-vault-host.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-vault-host"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-vault-host.h"

/* SheafVaultHost: what the preview asks of the vault (SheafPreviewHost),
 * answered from the vault's index; notes and images are read in workers so
 * the UI thread never waits on the disk (DESIGN.md §2.3). */

struct _SheafVaultHost
{
  GObject     parent_instance;

  /* Owned */
  SheafVault *vault;
};

typedef struct
{
  GFile *file;
  char  *path;
} LoadData;

static void sheaf_vault_host_iface_init (SheafPreviewHostInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SheafVaultHost, sheaf_vault_host, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHEAF_TYPE_PREVIEW_HOST,
                                                      sheaf_vault_host_iface_init))

enum {
  PROP_0,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

/* Returns the file of the vault-relative @path, or NULL (with @error set)
 * when @path would leave the vault (DESIGN.md §2.4). */
static GFile *
sheaf_vault_host_dup_file (SheafVaultHost  *self,
                           const char      *path,
                           GError         **error)
{
  GFile *root = sheaf_vault_get_root (self->vault);
  g_autoptr(GFile) file = NULL;

  if (!g_path_is_absolute (path))
    file = g_file_resolve_relative_path (root, path);

  if (file == NULL || !g_file_has_prefix (file, root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("“%s” is outside the vault"), path);
      return NULL;
    }

  return g_steal_pointer (&file);
}

static void
sheaf_vault_host_resolve (SheafPreviewHost *host,
                          const char       *source_path,
                          const SheafLink  *link,
                          SheafResolved    *out)
{
  SheafVaultHost *self = SHEAF_VAULT_HOST (host);

  /* While the vault is indexed, nothing is known to resolve or not: the
   * link is answered as the note's own (looked like a link, followed to the
   * note shown), never as unresolved, which would show it faded and offer
   * to create a note that may well exist. The window renders the notes
   * again once the vault is loaded. */
  if (!sheaf_vault_get_loaded (self->vault))
    {
      memset (out, 0, sizeof *out);
      out->resolution = SHEAF_RESOLUTION_SELF;
      return;
    }

  sheaf_vault_resolve (self->vault, source_path, link, out);
}

/* Both loads read a vault file in a worker; only what they make of it differs. */
static void
run_load (SheafVaultHost      *self,
          const char          *path,
          gpointer             source_tag,
          GTaskThreadFunc      thread_func,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  LoadData *data;
  GFile *file;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if ((file = sheaf_vault_host_dup_file (self, path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->file = file;
  data->path = g_strdup (path);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, thread_func);
}

static void
load_note_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LoadData *data = task_data;
  SheafNote *note;
  GError *error = NULL;

  note = sheaf_note_load (data->file, data->path,
                          SHEAF_NOTE_KEEP_TEXT | SHEAF_NOTE_KEEP_TREE,
                          cancellable, &error);

  if (note == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, note, g_object_unref);
}

static void
sheaf_vault_host_load_note_async (SheafPreviewHost    *host,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  run_load (SHEAF_VAULT_HOST (host), path, sheaf_vault_host_load_note_async,
            load_note_thread, cancellable, callback, user_data);
}

static SheafNote *
sheaf_vault_host_load_note_finish (SheafPreviewHost  *host,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, host), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
load_texture_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  LoadData *data = task_data;
  GdkTexture *texture;
  GError *error = NULL;

  texture = gdk_texture_new_from_file (data->file, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
sheaf_vault_host_load_texture_async (SheafPreviewHost    *host,
                                     const char          *path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  run_load (SHEAF_VAULT_HOST (host), path, sheaf_vault_host_load_texture_async,
            load_texture_thread, cancellable, callback, user_data);
}

static GdkTexture *
sheaf_vault_host_load_texture_finish (SheafPreviewHost  *host,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, host), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sheaf_vault_host_iface_init (SheafPreviewHostInterface *iface)
{
  iface->resolve = sheaf_vault_host_resolve;
  iface->load_note_async = sheaf_vault_host_load_note_async;
  iface->load_note_finish = sheaf_vault_host_load_note_finish;
  iface->load_texture_async = sheaf_vault_host_load_texture_async;
  iface->load_texture_finish = sheaf_vault_host_load_texture_finish;
}

static void
sheaf_vault_host_dispose (GObject *object)
{
  SheafVaultHost *self = (SheafVaultHost *)object;

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sheaf_vault_host_parent_class)->dispose (object);
}

static void
sheaf_vault_host_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SheafVaultHost *self = SHEAF_VAULT_HOST (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_vault_host_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SheafVaultHost *self = SHEAF_VAULT_HOST (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_vault_host_class_init (SheafVaultHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sheaf_vault_host_dispose;
  object_class->get_property = sheaf_vault_host_get_property;
  object_class->set_property = sheaf_vault_host_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         SHEAF_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sheaf_vault_host_init (SheafVaultHost *self)
{
}

/**
 * sheaf_vault_host_new:
 * @vault: the vault links resolve in and files come from
 *
 * Returns: (transfer full): a new #SheafVaultHost
 */
SheafVaultHost *
sheaf_vault_host_new (SheafVault *vault)
{
  g_return_val_if_fail (SHEAF_IS_VAULT (vault), NULL);

  return g_object_new (SHEAF_TYPE_VAULT_HOST, "vault", vault, NULL);
}

/**
 * sheaf_vault_host_get_vault:
 * @self: a #SheafVaultHost
 *
 * Returns: (transfer none): the vault
 */
SheafVault *
sheaf_vault_host_get_vault (SheafVaultHost *self)
{
  g_return_val_if_fail (SHEAF_IS_VAULT_HOST (self), NULL);

  return self->vault;
}
