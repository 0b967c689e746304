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

/* The string pool.
 *
 * Why. A vault of 100 000 notes holds some three million links, and their
 * targets are the names of a few hundred thousand notes: stored with each
 * note, the targets alone were a tenth of the index's memory. Tags, headings
 * and callout titles repeat the same way. The pool keeps one copy of each
 * string with a count of its holders; the parse results of the index intern
 * their strings as they are made and release them when they are freed (see
 * sheaf-markdown-compact.c). One lock per batch (a note).
 *
 * A batch never waits long for the lock. Blocking on it cost a 10 000-note
 * load 0.2 s of its threads' time on a busy machine: the holder, descheduled,
 * kept the other thread asleep for a whole time slice. So a batch waits as
 * long as a batch takes (POOL_PATIENCE_US) and then keeps its strings to
 * itself: 0.2 % of the notes of a 100 000-note load (6 % when it gave up at
 * once). What the pool costs is the lookups themselves, some 55 a note: about
 * 5 % of a load's CPU time. */

#define POOL_PATIENCE_US 200

typedef struct
{
  guint ref_count;
  char  str[];
} PoolEntry;

static GMutex pool_lock;
static GHashTable *pool;   /* set of PoolEntry.str */

static inline PoolEntry *
pool_entry (const char *str)
{
  return (PoolEntry *) (gpointer) (str - G_STRUCT_OFFSET (PoolEntry, str));
}

/**
 * sheaf_string_pool_try_intern:
 * @strings: (array length=n): strings, or %NULL
 * @pooled: (array length=n) (out caller-allocates): the pool's copies, each
 *   held once more until sheaf_string_pool_release(); may be @strings
 * @n: the number of strings
 *
 * Waits for the pool at most %POOL_PATIENCE_US (see above): the caller keeps
 * its own copies when it is busy for longer.
 *
 * Returns: %FALSE, and @pooled untouched, when the pool stayed busy
 */
gboolean
sheaf_string_pool_try_intern (const char * const *strings,
                              const char        **pooled,
                              guint               n)
{
  /* The other parse thread holds it for some microseconds, unless it was
   * descheduled meanwhile: wait that long, not longer. */
  if (!g_mutex_trylock (&pool_lock))
    {
      gint64 give_up = g_get_monotonic_time () + POOL_PATIENCE_US;

      do
        {
          if (g_get_monotonic_time () > give_up)
            return FALSE;
          g_thread_yield ();
        }
      while (!g_mutex_trylock (&pool_lock));
    }

  if (pool == NULL)
    pool = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      const char *found;

      if (strings[i] == NULL)
        {
          pooled[i] = NULL;
          continue;
        }

      found = g_hash_table_lookup (pool, strings[i]);
      if (found != NULL)
        {
          pool_entry (found)->ref_count++;
        }
      else
        {
          gsize len = strlen (strings[i]);
          PoolEntry *entry = g_malloc (sizeof (PoolEntry) + len + 1);

          entry->ref_count = 1;
          memcpy (entry->str, strings[i], len + 1);
          g_hash_table_add (pool, entry->str);
          found = entry->str;
        }
      pooled[i] = found;
    }
  g_mutex_unlock (&pool_lock);

  return TRUE;
}

/**
 * sheaf_string_pool_release:
 * @pooled: (array length=n): strings sheaf_string_pool_intern() gave, or %NULL
 * @n: the number of strings
 *
 * Drops one hold on each; a string nobody holds leaves the pool.
 */
void
sheaf_string_pool_release (const char * const *pooled,
                           guint               n)
{
  g_mutex_lock (&pool_lock);
  for (guint i = 0; i < n; i++)
    {
      PoolEntry *entry;

      if (pooled[i] == NULL)
        continue;

      entry = pool_entry (pooled[i]);
      g_assert (entry->ref_count > 0);
      if (--entry->ref_count == 0)
        {
          g_hash_table_remove (pool, entry->str);
          g_free (entry);
        }
    }
  g_mutex_unlock (&pool_lock);
}

/* The number of distinct strings in the pool: for tests. */
guint
sheaf_string_pool_get_size (void)
{
  guint size;

  g_mutex_lock (&pool_lock);
  size = pool != NULL ? g_hash_table_size (pool) : 0;
  g_mutex_unlock (&pool_lock);

  return size;
}

/* For tests: takes the pool (@hold) or gives it back, so that parses on other
 * threads find it busy meanwhile. */
void
sheaf_string_pool_hold (gboolean hold)
{
  if (hold)
    g_mutex_lock (&pool_lock);
  else
    g_mutex_unlock (&pool_lock);
}
