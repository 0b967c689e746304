/* sheaf-search.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-types.h"

G_BEGIN_DECLS

/* Full-text search over the vault's files, read in a worker (the index keeps
 * no text). Case- and diacritic-insensitive: "cafe" finds "Café". */

#define SHEAF_SEARCH_MAX_LINES 20   /* lines kept per note; n_matches counts them all */

typedef struct
{
  guint      line;             /* 1-based line in the file                          */
  gsize      offset;           /* file byte offset of text[0]                       */
  char      *text;             /* the line, or a window of a long one: valid UTF-8,
                                * no line break                                     */
  gboolean   in_frontmatter;   /* the line is inside the YAML block (fences included) */
  guint      n_ranges;
  SheafSpan *ranges;           /* matches, byte ranges inside text                  */
} SheafSearchLine;

/* Immutable; reference-counted with sheaf_search_result_ref/unref. */
typedef struct
{
  char            *path;
  guint            n_matches;  /* every match in the note                           */
  guint            n_lines;
  SheafSearchLine *lines;      /* at most SHEAF_SEARCH_MAX_LINES, in file order     */
} SheafSearchResult;

/**
 * SheafSearchBatchFunc:
 * @batch: (element-type SheafSearchResult): results found since the last batch,
 *   in path order; ref what you keep
 * @user_data: the data given to sheaf_search_async()
 *
 * Called on the thread-default main context of sheaf_search_async()'s caller,
 * never after the search was cancelled.
 */
typedef void (*SheafSearchBatchFunc) (GPtrArray *batch,
                                      gpointer   user_data);

#define SHEAF_TYPE_SEARCH_RESULT (sheaf_search_result_get_type ())

GType              sheaf_search_result_get_type  (void) G_GNUC_CONST;

void               sheaf_search_async            (SheafVault           *vault,
                                                  const char           *query,
                                                  guint                 max_notes,
                                                  GCancellable         *cancellable,
                                                  SheafSearchBatchFunc  batch_func,
                                                  gpointer              batch_data,
                                                  GDestroyNotify        batch_data_destroy,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray         *sheaf_search_finish           (GAsyncResult         *result,
                                                  gboolean             *truncated,
                                                  GError              **error);

SheafSearchResult *sheaf_search_result_ref       (SheafSearchResult    *self);
void               sheaf_search_result_unref     (SheafSearchResult    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafSearchResult, sheaf_search_result_unref)

G_END_DECLS
