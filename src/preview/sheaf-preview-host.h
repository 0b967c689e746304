/* sheaf-preview-host.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sheaf-note.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

/* What the preview needs from the vault: it never opens a file itself
 * (DESIGN.md §1), so link resolution, embedded notes and images come through
 * this interface. The application implements it over a SheafVault; tests
 * implement it over fixtures. */

#define SHEAF_TYPE_PREVIEW_HOST (sheaf_preview_host_get_type ())

G_DECLARE_INTERFACE (SheafPreviewHost, sheaf_preview_host, SHEAF, PREVIEW_HOST, GObject)

struct _SheafPreviewHostInterface
{
  GTypeInterface parent_iface;

  void        (*resolve)             (SheafPreviewHost     *self,
                                      const char           *source_path,
                                      const SheafLink      *link,
                                      SheafResolved        *out);
  void        (*load_note_async)     (SheafPreviewHost     *self,
                                      const char           *path,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  SheafNote  *(*load_note_finish)    (SheafPreviewHost     *self,
                                      GAsyncResult         *result,
                                      GError              **error);
  void        (*load_texture_async)  (SheafPreviewHost     *self,
                                      const char           *path,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  GdkTexture *(*load_texture_finish) (SheafPreviewHost     *self,
                                      GAsyncResult         *result,
                                      GError              **error);
};

void        sheaf_preview_host_resolve             (SheafPreviewHost     *self,
                                                    const char           *source_path,
                                                    const SheafLink      *link,
                                                    SheafResolved        *out);
void        sheaf_preview_host_load_note_async     (SheafPreviewHost     *self,
                                                    const char           *path,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
SheafNote  *sheaf_preview_host_load_note_finish    (SheafPreviewHost     *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void        sheaf_preview_host_load_texture_async  (SheafPreviewHost     *self,
                                                    const char           *path,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GdkTexture *sheaf_preview_host_load_texture_finish (SheafPreviewHost     *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
