/* sheaf-complete.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-fuzzy.h"
#include "sheaf-markdown.h"
#include "sheaf-note.h"
#include "sheaf-vault.h"

G_BEGIN_DECLS

/* Editor completion, without the editor: where the cursor is in a line
 * (after `[[`, `[[Note#`, a tag's `#`), what to offer there and which text
 * a choice writes. The GtkSourceView provider only moves text in and out. */

typedef enum
{
  SHEAF_COMPLETE_NONE,
  SHEAF_COMPLETE_LINK,      /* [[query, ![[query                 */
  SHEAF_COMPLETE_HEADING,   /* [[Note#query, [[#query            */
  SHEAF_COMPLETE_BLOCK,     /* [[Note#^query                     */
  SHEAF_COMPLETE_TAG,       /* #query where a tag may start      */
} SheafCompleteKind;

/* What already follows the span a choice replaces, in a link. */
typedef enum
{
  SHEAF_COMPLETE_TAIL_OPEN,      /* nothing: the choice closes the link with ]]      */
  SHEAF_COMPLETE_TAIL_CLOSED,    /* "]]": the span takes it in, the choice rewrites it */
  SHEAF_COMPLETE_TAIL_CONTINUED, /* "|" or "#": the link goes on; no ]] is written   */
} SheafCompleteTail;

/* Where a line is in its note. */
typedef enum
{
  SHEAF_COMPLETE_AREA_BODY,
  SHEAF_COMPLETE_AREA_FRONTMATTER,
  SHEAF_COMPLETE_AREA_CODE,       /* a fenced code block */
} SheafCompleteArea;

typedef struct
{
  SheafCompleteKind  kind;
  gboolean           embed;    /* the link opened with ![[                         */
  gsize              start;    /* byte offset in the line of the span a choice replaces */
  gsize              end;      /* its end: the cursor, or beyond the rest of the word */
  char              *query;    /* line[start, cursor)                              */
  char              *target;   /* HEADING, BLOCK: the note part; "" for this note   */
  SheafCompleteTail  tail;     /* links only                                        */
} SheafCompleteContext;

typedef struct
{
  SheafCompleteKind  kind;
  char              *label;        /* shown: title, alias, heading, tag, block id    */
  char              *detail;       /* LINK by alias: the note's title; else NULL      */
  char              *folder;       /* LINK: the note's folder, "" at the vault root   */
  char              *path;         /* LINK: the note                                  */
  char              *replacement;  /* what a choice writes over the span, before ]]  */
  char              *target;       /* LINK: the link target alone, without |alias     */
  guint              count;        /* TAG: notes with the tag or one below it         */
  guint              level;        /* HEADING: 1 to 6                                 */
  guint              n_positions;
  guint             *positions;    /* byte offsets in @label of matched characters    */
} SheafCompleteItem;

gboolean           sheaf_complete_find_context   (const char            *line,
                                                  gsize                  length,
                                                  gsize                  cursor,
                                                  SheafCompleteContext  *out);
void               sheaf_complete_context_clear  (SheafCompleteContext  *context);
SheafCompleteArea  sheaf_complete_area_at        (const char            *text,
                                                  gsize                  length);
gboolean           sheaf_complete_is_tag_char    (gunichar               ch);

GPtrArray         *sheaf_complete_links          (SheafFuzzyMatcher     *matcher,
                                                  SheafVault            *vault,
                                                  const char            *source_path,
                                                  const char            *query,
                                                  guint                  max_results);
GPtrArray         *sheaf_complete_headings       (SheafParseResult      *result,
                                                  const char            *query,
                                                  guint                  max_results);
GPtrArray         *sheaf_complete_blocks         (SheafParseResult      *result,
                                                  const char            *query,
                                                  guint                  max_results);
GPtrArray         *sheaf_complete_tags           (GPtrArray             *tag_tree,
                                                  const char            *query,
                                                  guint                  max_results);
SheafNote         *sheaf_complete_resolve_note   (SheafVault            *vault,
                                                  const char            *source_path,
                                                  const char            *target);
char              *sheaf_complete_replacement    (const SheafCompleteContext *context,
                                                  const SheafCompleteItem    *item);
void               sheaf_complete_item_free      (SheafCompleteItem     *item);

/* Per vault, shared by every editor: the fuzzy index (rebuilt in a worker a
 * moment after notes change, the previous one served meanwhile) and the tag
 * tree (gathered again after a change, when next asked for). */
SheafFuzzyIndex   *sheaf_complete_get_index      (SheafVault            *vault);
void               sheaf_complete_index_async    (SheafVault            *vault,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
SheafFuzzyIndex   *sheaf_complete_index_finish   (GAsyncResult          *result,
                                                  GError               **error);
GPtrArray         *sheaf_complete_ref_tag_tree   (SheafVault            *vault);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafCompleteItem, sheaf_complete_item_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SheafCompleteContext, sheaf_complete_context_clear)

G_END_DECLS
