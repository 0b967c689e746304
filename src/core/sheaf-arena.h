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

cmark_mem *sheaf_arena_cmark_begin (void);
void       sheaf_arena_cmark_end   (void);

G_END_DECLS
