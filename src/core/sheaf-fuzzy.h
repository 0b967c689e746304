/* sheaf-fuzzy.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-types.h"

G_BEGIN_DECLS

/* The quick switcher's matcher. A SheafFuzzyIndex is an immutable snapshot of
 * every note's title, aliases and path with their folded keys, built once in a
 * worker; any thread may query it. A SheafFuzzyMatcher is one switcher's
 * state on top of it (the last query's survivors, so a growing query only
 * looks at what still matched); it belongs to one thread. */

typedef enum
{
  SHEAF_FUZZY_FIELD_TITLE,
  SHEAF_FUZZY_FIELD_ALIAS,
  SHEAF_FUZZY_FIELD_PATH,
} SheafFuzzyField;

/* Best first. */
typedef enum
{
  SHEAF_FUZZY_EXACT,         /* the whole field, folded                         */
  SHEAF_FUZZY_PREFIX,        /* the field starts with the query                 */
  SHEAF_FUZZY_WORD_START,    /* each run of matched characters starts a word    */
  SHEAF_FUZZY_SUBSEQUENCE,   /* anywhere in order; ranked by compactness        */
  SHEAF_FUZZY_RECENT,        /* empty query: a recently opened note             */
  SHEAF_FUZZY_ANY,           /* empty query: every other note                   */
} SheafFuzzyKind;

typedef struct
{
  char            *path;
  char            *title;
  SheafFuzzyField  field;
  int              alias_index;   /* which alias matched, -1 for title and path */
  char            *text;          /* the matched field as shown: title, alias, path */
  SheafFuzzyKind   kind;
  gboolean         recent;        /* boosted by the recent list                 */
  guint            n_positions;
  guint           *positions;     /* byte offset in @text of each matched character */
} SheafFuzzyMatch;

typedef struct _SheafFuzzyIndex   SheafFuzzyIndex;
typedef struct _SheafFuzzyMatcher SheafFuzzyMatcher;

#define SHEAF_TYPE_FUZZY_INDEX (sheaf_fuzzy_index_get_type ())

GType              sheaf_fuzzy_index_get_type      (void) G_GNUC_CONST;
SheafFuzzyIndex   *sheaf_fuzzy_index_new           (GPtrArray          *notes);
void               sheaf_fuzzy_index_new_async     (SheafVault         *vault,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
SheafFuzzyIndex   *sheaf_fuzzy_index_new_finish    (GAsyncResult       *result,
                                                    GError            **error);
SheafFuzzyIndex   *sheaf_fuzzy_index_ref           (SheafFuzzyIndex    *self);
void               sheaf_fuzzy_index_unref         (SheafFuzzyIndex    *self);
guint              sheaf_fuzzy_index_get_n_notes   (SheafFuzzyIndex    *self);
guint              sheaf_fuzzy_index_get_n_keys    (SheafFuzzyIndex    *self);

SheafFuzzyMatcher *sheaf_fuzzy_matcher_new         (SheafFuzzyIndex    *index);
void               sheaf_fuzzy_matcher_free        (SheafFuzzyMatcher  *self);
SheafFuzzyIndex   *sheaf_fuzzy_matcher_get_index   (SheafFuzzyMatcher  *self);
GPtrArray         *sheaf_fuzzy_matcher_query       (SheafFuzzyMatcher  *self,
                                                    const char         *query,
                                                    const char * const *recent,
                                                    guint               max_results);

void               sheaf_fuzzy_match_free          (SheafFuzzyMatch    *match);
const char        *sheaf_fuzzy_kind_to_string      (SheafFuzzyKind      kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafFuzzyIndex, sheaf_fuzzy_index_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafFuzzyMatcher, sheaf_fuzzy_matcher_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SheafFuzzyMatch, sheaf_fuzzy_match_free)

G_END_DECLS
