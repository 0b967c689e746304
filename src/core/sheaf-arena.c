/* sheaf-arena.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-arena"

#include "config.h"

#include <string.h>

#include "sheaf-arena.h"

/* Why. The vault index builds one cmark tree per note only to read its facts
 * and drop it: thousands of small allocations per note (nodes, literals, each
 * block's content growing line by line), every one of them freed again by
 * cmark_node_free(). With malloc that was a third of a vault load, and walking
 * the tree to free it another tenth. Here an allocation bumps an offset in a
 * block, free does nothing, and sheaf_arena_cmark_end() rewinds the block:
 * the whole tree goes at once.
 *
 * cmark_mem's callbacks get no user data, so they find the arena of the parse
 * under way through a thread-local pointer; parses on other threads use their
 * own. Each thread keeps one block between parses (its GPrivate frees it when
 * the thread exits), so the workers of a vault load call malloc only for the
 * rare note whose tree outgrows that block.
 *
 * realloc needs the old size to copy: every allocation is preceded by a header
 * holding it. The newest allocation grows in place when the block has room,
 * which is the common case of a buffer filled line by line. */

#define ALIGN       ((gsize) 16)   /* what malloc guarantees on x86-64 and aarch64 */
#define HEADER      ALIGN          /* holds the size; keeps the data aligned */
#define FIRST_BLOCK ((gsize) 256 * 1024)   /* the tree of a 40 KB note fits */
#define MAX_KEPT    ((gsize) 1024 * 1024)  /* kept between parses, per thread */

typedef struct _Block Block;
struct _Block
{
  Block *prev;
  gsize  size;   /* bytes of data, after DATA_OFFSET */
  gsize  used;
};

#define DATA_OFFSET ((sizeof (Block) + ALIGN - 1) & ~(ALIGN - 1))

typedef struct
{
  Block   *block;   /* the current block; earlier ones through prev */
  guint8  *last;    /* the newest allocation, which may grow in place */
  gboolean active;
} Arena;

static void arena_free (gpointer data);

static GPrivate arena_key = G_PRIVATE_INIT (arena_free);
static _Thread_local Arena *current;

static inline gsize
round_up (gsize size)
{
  return (size + ALIGN - 1) & ~(ALIGN - 1);
}

static inline guint8 *
block_data (Block *block)
{
  return (guint8 *) block + DATA_OFFSET;
}

static inline gsize *
size_of (void *ptr)
{
  return (gsize *) ((guint8 *) ptr - sizeof (gsize));
}

static Block *
block_new (gsize  size,
           Block *prev)
{
  Block *block = g_malloc (DATA_OFFSET + size);

  block->prev = prev;
  block->size = size;
  block->used = 0;

  return block;
}

static void
arena_free (gpointer data)
{
  Arena *arena = data;
  Block *prev;

  for (Block *block = arena->block; block != NULL; block = prev)
    {
      prev = block->prev;
      g_free (block);
    }
  g_free (arena);
}

static void *
arena_alloc (Arena *arena,
             gsize  size)
{
  Block *block = arena->block;
  gsize need;
  guint8 *ptr;

  if (size > G_MAXSIZE / 2)
    g_error ("cmark asked for %" G_GSIZE_FORMAT " bytes", size);

  need = HEADER + round_up (size);
  if (block->size - block->used < need)
    arena->block = block = block_new (MAX (block->size * 2, need), block);

  ptr = block_data (block) + block->used + HEADER;
  block->used += need;
  *size_of (ptr) = size;
  arena->last = ptr;

  return ptr;
}

static void *
arena_calloc_cb (size_t n_members,
                 size_t size)
{
  gsize total;
  void *ptr;

  g_assert (current != NULL && current->active);

  if (!g_size_checked_mul (&total, n_members, size))
    g_error ("cmark asked for %zu × %zu bytes", n_members, size);

  /* The block is reused from parse to parse: calloc must clear it. */
  ptr = arena_alloc (current, total);
  memset (ptr, 0, total);

  return ptr;
}

static void *
arena_realloc_cb (void   *ptr,
                  size_t  size)
{
  Arena *arena = current;
  Block *block;
  gsize old, grow;
  void *copy;

  g_assert (arena != NULL && arena->active);

  if (ptr == NULL)
    return arena_alloc (arena, size);

  old = *size_of (ptr);
  if (size <= old)
    return ptr;

  block = arena->block;
  grow = round_up (size) - round_up (old);
  if (ptr == arena->last && block->size - block->used >= grow)
    {
      block->used += grow;
      *size_of (ptr) = size;
      return ptr;
    }

  copy = arena_alloc (arena, size);
  memcpy (copy, ptr, old);

  return copy;
}

static void
arena_free_cb (void *ptr)
{
  /* Everything goes at sheaf_arena_cmark_end(). */
}

static cmark_mem arena_mem = { arena_calloc_cb, arena_realloc_cb, arena_free_cb };

/**
 * sheaf_arena_cmark_begin:
 *
 * Makes this thread's arena the one @arena_mem allocates from, until
 * sheaf_arena_cmark_end(). Not nested: one scratch parse at a time per thread.
 *
 * Returns: (transfer none): the allocator to give cmark
 */
cmark_mem *
sheaf_arena_cmark_begin (void)
{
  Arena *arena = g_private_get (&arena_key);

  if (arena == NULL)
    {
      arena = g_new0 (Arena, 1);
      arena->block = block_new (FIRST_BLOCK, NULL);
      g_private_set (&arena_key, arena);
    }

  g_assert (!arena->active);
  arena->active = TRUE;
  current = arena;

  return &arena_mem;
}

/**
 * sheaf_arena_cmark_end:
 *
 * Releases everything allocated since sheaf_arena_cmark_begin(): nothing
 * cmark made meanwhile may be used after this.
 */
void
sheaf_arena_cmark_end (void)
{
  Arena *arena = current;
  Block *keep, *prev;

  g_assert (arena != NULL && arena->active);

  /* Blocks only grow: keep the newest, the one that fitted this tree, unless
   * it is too large to sit idle in every thread; then keep the first. */
  keep = arena->block;
  if (keep->size > MAX_KEPT)
    while (keep->prev != NULL)
      keep = keep->prev;

  for (Block *block = arena->block; block != NULL; block = prev)
    {
      prev = block->prev;
      if (block != keep)
        g_free (block);
    }

  keep->prev = NULL;
  keep->used = 0;
  arena->block = keep;
  arena->last = NULL;
  arena->active = FALSE;
  current = NULL;
}
