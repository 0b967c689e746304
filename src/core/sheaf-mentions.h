/* sheaf-mentions.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-snippet.h"
#include "sheaf-types.h"

G_BEGIN_DECLS

/* Unlinked mentions: other notes where a note's title (or file name) or one of
 * its aliases appears as plain text, as a whole word, case-insensitively — not
 * inside links, code, comments, URLs, tags or the frontmatter. And the "Link"
 * button: turning one mention into a wikilink in place. */

typedef struct
{
  char      *path;           /* the note holding the mention                  */
  char      *etag;           /* of the bytes it was found in                  */
  guint      line;           /* 1-based                                       */
  SheafSpan  span;           /* file byte offsets of the mention              */
  char      *text;           /* the mention as written                        */
  char      *name;           /* the title, file name or alias it matched      */
  char      *context;        /* its line (a window of a long one), valid UTF-8 */
  SheafSpan  context_range;  /* the mention inside @context                   */
  SheafSnippet *snippet;     /* @context as it reads, the mention marked      */
} SheafMention;

void          sheaf_mentions_find_async   (SheafVault          *vault,
                                           const char          *path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray    *sheaf_mentions_find_finish  (GAsyncResult        *result,
                                           GError             **error);

gboolean      sheaf_mentions_link         (GFile               *file,
                                           SheafSpan            span,
                                           const char          *target,
                                           const char          *mention,
                                           const char          *etag,
                                           char               **new_etag,
                                           GCancellable        *cancellable,
                                           GError             **error);
void          sheaf_mentions_link_async   (GFile               *file,
                                           SheafSpan            span,
                                           const char          *target,
                                           const char          *mention,
                                           const char          *etag,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      sheaf_mentions_link_finish  (GAsyncResult        *result,
                                           char               **new_etag,
                                           GError             **error);

void          sheaf_mention_free          (SheafMention        *mention);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafMention, sheaf_mention_free)

G_END_DECLS
