/* sheaf-preview-host.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sheaf-preview-host.h"

G_DEFINE_INTERFACE (SheafPreviewHost, sheaf_preview_host, G_TYPE_OBJECT)

static void
sheaf_preview_host_default_init (SheafPreviewHostInterface *iface)
{
}

/**
 * sheaf_preview_host_resolve:
 * @self: a #SheafPreviewHost
 * @source_path: the path of the note being shown
 * @link: a link of that note
 * @out: (out caller-allocates): the answer; clear with sheaf_resolved_clear()
 *
 * Resolves @link without blocking: the host answers from its index.
 */
void
sheaf_preview_host_resolve (SheafPreviewHost *self,
                            const char       *source_path,
                            const SheafLink  *link,
                            SheafResolved    *out)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_HOST (self));
  g_return_if_fail (out != NULL);

  SHEAF_PREVIEW_HOST_GET_IFACE (self)->resolve (self, source_path, link, out);
}

/**
 * sheaf_preview_host_load_note_async:
 *
 * Reads and parses the note at @path (with its tree) off the UI thread, for an
 * embed.
 */
void
sheaf_preview_host_load_note_async (SheafPreviewHost    *self,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_HOST (self));
  g_return_if_fail (path != NULL);

  SHEAF_PREVIEW_HOST_GET_IFACE (self)->load_note_async (self, path, cancellable, callback, user_data);
}

/**
 * sheaf_preview_host_load_note_finish:
 *
 * Returns: (transfer full) (nullable): the note, parsed with its tree
 */
SheafNote *
sheaf_preview_host_load_note_finish (SheafPreviewHost  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_HOST (self), NULL);

  return SHEAF_PREVIEW_HOST_GET_IFACE (self)->load_note_finish (self, result, error);
}

/**
 * sheaf_preview_host_load_texture_async:
 *
 * Loads the image at the vault-relative @path off the UI thread.
 */
void
sheaf_preview_host_load_texture_async (SheafPreviewHost    *self,
                                       const char          *path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_HOST (self));
  g_return_if_fail (path != NULL);

  SHEAF_PREVIEW_HOST_GET_IFACE (self)->load_texture_async (self, path, cancellable, callback, user_data);
}

/**
 * sheaf_preview_host_load_texture_finish:
 *
 * Returns: (transfer full) (nullable): the image
 */
GdkTexture *
sheaf_preview_host_load_texture_finish (SheafPreviewHost  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_HOST (self), NULL);

  return SHEAF_PREVIEW_HOST_GET_IFACE (self)->load_texture_finish (self, result, error);
}
