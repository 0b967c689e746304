/* sheaf-index-private.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sheaf-index.h"

G_BEGIN_DECLS

/* SheafIndex is split across sheaf-index.c (the tables and their upkeep),
 * sheaf-index-resolve.c (link resolution and backlinks) and
 * sheaf-index-tags.c (the tag tree). */

typedef struct
{
  char       *name;   /* first-seen casing */
  GHashTable *paths;  /* set of note paths */
} TagEntry;

/* The value of a multimap (by_key, by_basename, by_alias): borrowed paths
 * (see sheaf_index_new()), sorted, in one allocation of exactly their number,
 * since nearly every key has one. */
typedef struct
{
  guint       len;
  const char *paths[];
} PathList;

struct _SheafIndex
{
  GHashTable *notes;        /* path → SheafNote                          */
  GHashTable *attachments;  /* set of attachment paths                   */
  GHashTable *folders;      /* set of folder paths ("" is the root)      */
  GHashTable *failures;     /* path → message, files that could not be read */
  GHashTable *by_key;       /* path key → PathList                       */
  GHashTable *by_basename;  /* last segment of the key → PathList        */
  GHashTable *by_alias;     /* alias key → PathList of note paths        */
  GHashTable *tags;         /* tag key → TagEntry                        */
  GHashTable *backlinks;    /* resolved path → GArray of SheafBacklink;
                             * built on first use, dropped on any change */
};

GPtrArray  *_sheaf_index_path_array_new      (void);
const char *_sheaf_index_last_segment       (const char *key);
GPtrArray  *_sheaf_index_dup_sorted_keys    (GHashTable *table);
char       *_sheaf_index_tag_strip          (const char *tag);
void        _sheaf_index_backlink_array_free (gpointer   data);

G_END_DECLS
