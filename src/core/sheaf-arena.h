/* sheaf-arena.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cmark-gfm.h>
#include <glib.h>

G_BEGIN_DECLS

/* A scratch allocator for cmark trees that are thrown away whole: the vault
 * index parses a note, reads its facts off the tree and drops it. Allocation
 * bumps a pointer, free does nothing, and the end of the parse releases
 * everything at once; sheaf-arena.c says why this pays. Core-internal. */

cmark_mem *sheaf_arena_cmark_begin      (void);
void       sheaf_arena_cmark_end        (void);

/* A process-wide pool of reference-counted strings, for the strings that the
 * facts of many notes share (link targets, tags, headings): each is kept once
 * however many results hold it. A batch takes the lock once, or does nothing
 * when another thread holds it. NULL stays NULL.
 * Core-internal; sheaf-arena.c says why. */
gboolean   sheaf_string_pool_try_intern (const char * const *strings,
                                         const char        **pooled,
                                         guint               n);
void       sheaf_string_pool_release    (const char * const *pooled,
                                         guint               n);
guint      sheaf_string_pool_get_size   (void);
void       sheaf_string_pool_hold       (gboolean            hold);

G_END_DECLS
