/* sheaf-markdown-compact.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-markdown"

#include "config.h"

#include <string.h>

#include "sheaf-arena.h"
#include "sheaf-markdown-private.h"

/* How it works.
 *
 * A vault keeps the parse of every note, without its tree, and most of what it
 * keeps is links: some thirty a note, each a SheafLink of 64 bytes and four
 * strings. The source text ("[[Note#H|shown]]") is the longest of them and
 * almost always just the others written the usual way; the target is the name
 * of one of the vault's notes, the same in hundreds of them. So a result
 * without a tree keeps each link as a CompactLink of 24 bytes, with its target
 * in the string pool (sheaf-arena.c), its fragment, display text, source
 * text (when it is not the usual form) and frontmatter key in a LinkExtra only
 * when it has one of them. Heading
 * texts, tags and callout strings go to the pool too (their structs hold
 * pointers anyway); block ids stay in the result's strings.
 *
 * The SheafLink array is built on the first sheaf_parse_result_get_links() and
 * kept from then on; the index reads targets and lines alone
 * (sheaf_parse_result_get_link_target()) and never builds it. */

G_STATIC_ASSERT (sizeof (CompactLink) == sizeof (gpointer) + 4 * sizeof (guint32));

/* The usual source text of a wikilink or embed: what its raw text is when
 * nothing but target, fragment and display was written. */
static void
append_canonical_raw (GString       *out,
                      SheafLinkKind  kind,
                      const char    *target,
                      const char    *fragment,
                      const char    *display)
{
  g_string_append (out, kind == SHEAF_LINK_EMBED ? "![[" : "[[");
  g_string_append (out, target);
  if (fragment != NULL)
    {
      g_string_append_c (out, '#');
      g_string_append (out, fragment);
    }
  if (display != NULL)
    {
      g_string_append_c (out, '|');
      g_string_append (out, display);
    }
  g_string_append (out, "]]");
}

/* Copies @str to the end of @packed, and gives its offset + 1 there. */
static guint32
pack_string (GString    *packed,
             const char *str)
{
  gsize offset = packed->len;

  if (str == NULL)
    return 0;

  g_string_append_len (packed, str, strlen (str) + 1);

  return (guint32) offset + 1;
}

static inline const char *
compact_string (const SheafParseResult *self,
                guint32                 offset)
{
  return offset == 0 ? NULL : self->strings + offset - 1;
}

/* Whether *@p starts with @part; moves past it if so. */
static inline gboolean
skip_part (const char **p,
           const char  *part)
{
  gsize len = strlen (part);

  if (strncmp (*p, part, len) != 0)
    return FALSE;
  *p += len;

  return TRUE;
}

/* Whether @link's raw text is what append_canonical_raw() writes (compared
 * in place: every link of every note of a vault comes here). */
static gboolean
link_is_canonical (const SheafLink *link)
{
  const char *p = link->raw;

  if (link->kind == SHEAF_LINK_MARKDOWN || p == NULL)
    return FALSE;

  if (!skip_part (&p, link->kind == SHEAF_LINK_EMBED ? "![[" : "[[") ||
      !skip_part (&p, link->target))
    return FALSE;
  if (link->fragment != NULL && (!skip_part (&p, "#") || !skip_part (&p, link->fragment)))
    return FALSE;
  if (link->display != NULL && (!skip_part (&p, "|") || !skip_part (&p, link->display)))
    return FALSE;

  return strcmp (p, "]]") == 0;
}

/* The strings a compact result shares through the pool, in one order: heading
 * texts, tag names, callouts' type, meta and title, link targets. @links are
 * SheafLinks while the result is made, CompactLinks in it. */
typedef struct
{
  SheafHeading *headings;
  guint         n_headings;
  SheafTag     *tags;
  guint         n_tags;
  SheafCallout *callouts;
  guint         n_callouts;
  guint8       *links;
  gsize         link_size;
  gsize         target_offset;
  guint         n_links;
} Shared;

static inline char **
shared_target (const Shared *shared,
               guint         i)
{
  return (char **) (gpointer) (shared->links + i * shared->link_size + shared->target_offset);
}

static guint
shared_count (const Shared *shared)
{
  return shared->n_headings + shared->n_tags + 3 * shared->n_callouts + shared->n_links;
}

/* Copies the strings of @shared to @strings (@get), or back. */
static void
shared_copy (const Shared  *shared,
             const char   **strings,
             gboolean       get)
{
  guint i = 0;

#define COPY(field) G_STMT_START {                \
    if (get)                                      \
      strings[i] = (field);                       \
    else                                          \
      (field) = (char *) strings[i];              \
    i++;                                          \
  } G_STMT_END

  for (guint j = 0; j < shared->n_headings; j++)
    COPY (shared->headings[j].text);
  for (guint j = 0; j < shared->n_tags; j++)
    COPY (shared->tags[j].name);
  for (guint j = 0; j < shared->n_callouts; j++)
    {
      COPY (shared->callouts[j].type);
      COPY (shared->callouts[j].meta);
      COPY (shared->callouts[j].title);
    }
  for (guint j = 0; j < shared->n_links; j++)
    COPY (*shared_target (shared, j));

#undef COPY
}

static Shared
shared_of_result (SheafParseResult *self)
{
  Shared shared = {
    self->headings, self->n_headings, self->tags, self->n_tags, self->callouts,
    self->n_callouts, (guint8 *) self->compact_links, sizeof (CompactLink),
    G_STRUCT_OFFSET (CompactLink, target), self->n_links,
  };

  return shared;
}

void
_sheaf_markdown_release_pooled (SheafParseResult *self)
{
  Shared shared = shared_of_result (self);
  guint n = shared_count (&shared);
  g_autofree const char **strings = g_new (const char *, MAX (n, 1));

  shared_copy (&shared, strings, TRUE);
  sheaf_string_pool_release (strings, n);
}

/* Points the shared strings of the facts in @ctx at the pool's copies, or,
 * when the pool stays busy (see sheaf_string_pool_try_intern()), at copies in
 * @packed (offsets + 1 for now, which place_shared() turns into pointers). */
static gboolean
pool_shared (Ctx     *ctx,
             GString *packed)
{
  Shared shared = {
    (SheafHeading *) (gpointer) ctx->headings->data, ctx->headings->len,
    (SheafTag *) (gpointer) ctx->tags->data, ctx->tags->len,
    (SheafCallout *) (gpointer) ctx->callouts->data, ctx->callouts->len,
    (guint8 *) ctx->links->data, sizeof (SheafLink), G_STRUCT_OFFSET (SheafLink, target),
    ctx->links->len,
  };
  guint n = shared_count (&shared);
  g_autofree const char **strings = NULL;
  gboolean pooled;

  if (n == 0)
    return TRUE;

  strings = g_new (const char *, n);
  shared_copy (&shared, strings, TRUE);
  pooled = sheaf_string_pool_try_intern (strings, strings, n);
  if (!pooled)
    for (guint i = 0; i < n; i++)
      strings[i] = GSIZE_TO_POINTER ((gsize) pack_string (packed, strings[i]));
  shared_copy (&shared, strings, FALSE);

  return pooled;
}

/* The other half of pool_shared() when the pool was busy. */
static void
place_shared (SheafParseResult *self)
{
  Shared shared = shared_of_result (self);
  guint n = shared_count (&shared);
  g_autofree const char **strings = g_new (const char *, MAX (n, 1));

  shared_copy (&shared, strings, TRUE);
  for (guint i = 0; i < n; i++)
    strings[i] = compact_string (self, GPOINTER_TO_SIZE (strings[i]));
  shared_copy (&shared, strings, FALSE);
}

SheafParseResult *
_sheaf_markdown_finish_compact (Ctx *ctx)
{
  char *old = ctx->strings->str;
  g_autoptr(GString) packed = g_string_new (NULL);
  g_autoptr(GArray) extras = g_array_new (FALSE, FALSE, sizeof (LinkExtra));
  g_autofree guint32 *extra_of = g_new0 (guint32, MAX (ctx->links->len, 1));
  gsize arrays = (gsize) ctx->headings->len * sizeof (SheafHeading) +
                 (gsize) ctx->tags->len * sizeof (SheafTag) +
                 (gsize) ctx->callouts->len * sizeof (SheafCallout) +
                 (gsize) ctx->block_ids->len * sizeof (SheafBlockId) +
                 (gsize) ctx->links->len * sizeof (CompactLink);
  SheafParseResult *self;
  gboolean pooled;
  guint n_extras;
  guint8 *at;

  /* Pointers first: the strings are final from here on. */
  for (guint i = 0; i < ctx->headings->len; i++)
    {
      SheafHeading *heading = &g_array_index (ctx->headings, SheafHeading, i);

      heading->text = _sheaf_markdown_fix_string (old, heading->text);
    }
  for (guint i = 0; i < ctx->tags->len; i++)
    {
      SheafTag *tag = &g_array_index (ctx->tags, SheafTag, i);

      tag->name = _sheaf_markdown_fix_string (old, tag->name);
    }
  for (guint i = 0; i < ctx->callouts->len; i++)
    {
      SheafCallout *callout = &g_array_index (ctx->callouts, SheafCallout, i);

      callout->type = _sheaf_markdown_fix_string (old, callout->type);
      callout->meta = _sheaf_markdown_fix_string (old, callout->meta);
      callout->title = _sheaf_markdown_fix_string (old, callout->title);
    }
  for (guint i = 0; i < ctx->block_ids->len; i++)
    {
      SheafBlockId *id = &g_array_index (ctx->block_ids, SheafBlockId, i);
      guint32 offset = pack_string (packed, _sheaf_markdown_fix_string (old, id->id));

      id->id = GSIZE_TO_POINTER ((gsize) offset);
    }
  for (guint i = 0; i < ctx->links->len; i++)
    {
      SheafLink *link = &g_array_index (ctx->links, SheafLink, i);
      gboolean canonical;

      link->raw = _sheaf_markdown_fix_string (old, link->raw);
      link->target = _sheaf_markdown_fix_string (old, link->target);
      link->fragment = _sheaf_markdown_fix_string (old, link->fragment);
      link->display = _sheaf_markdown_fix_string (old, link->display);
      link->property = _sheaf_markdown_fix_string (old, link->property);
      canonical = link_is_canonical (link);
      if (link->fragment != NULL || link->display != NULL || link->property != NULL || !canonical)
        {
          LinkExtra extra;

          extra.fragment = pack_string (packed, link->fragment);
          extra.display = pack_string (packed, link->display);
          extra.raw = canonical ? 0 : pack_string (packed, link->raw);
          extra.property = pack_string (packed, link->property);
          g_array_append_val (extras, extra);
          extra_of[i] = extras->len;
        }
    }
  arrays += (gsize) extras->len * sizeof (LinkExtra);
  pooled = pool_shared (ctx, packed);

  self = g_malloc0 (sizeof (SheafParseResult) + arrays + packed->len + 1);
  at = (guint8 *) (self + 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->compact = TRUE;
  self->pooled = pooled;
  /* Pointer-aligned arrays first, then the extras (4-aligned), then the strings. */
  self->headings = _sheaf_markdown_place_array (ctx->headings, &self->n_headings, &at);
  self->tags = _sheaf_markdown_place_array (ctx->tags, &self->n_tags, &at);
  self->callouts = _sheaf_markdown_place_array (ctx->callouts, &self->n_callouts, &at);
  self->block_ids = _sheaf_markdown_place_array (ctx->block_ids, &self->n_block_ids, &at);
  self->n_links = ctx->links->len;
  if (self->n_links > 0)
    {
      self->compact_links = (CompactLink *) at;
      at += (gsize) self->n_links * sizeof (CompactLink);
      for (guint i = 0; i < self->n_links; i++)
        {
          const SheafLink *link = &g_array_index (ctx->links, SheafLink, i);
          CompactLink *c = &self->compact_links[i];

          c->target = link->target;
          c->start = (guint32) link->span.start;
          c->end = (guint32) link->span.end;
          c->line_kind = (guint32) link->line << 2 | (guint32) link->kind;
          c->extra = extra_of[i];
        }
    }
  self->link_extras = _sheaf_markdown_place_array (extras, &n_extras, &at);
  self->strings = memcpy (at, packed->str, packed->len + 1);

  for (guint i = 0; i < self->n_block_ids; i++)
    {
      SheafBlockId *id = &self->block_ids[i];

      id->id = (char *) compact_string (self, GPOINTER_TO_SIZE (id->id));
    }
  if (!pooled)
    place_shared (self);

  return self;
}

/* The SheafLinks of a compact result: built once, by whichever thread asks
 * first. */
SheafLink *
_sheaf_markdown_build_links (SheafParseResult *self)
{
  g_autoptr(GString) raws = g_string_new (NULL);
  SheafLink *built;
  char *at;

  for (guint i = 0; i < self->n_links; i++)
    {
      const CompactLink *c = &self->compact_links[i];
      const LinkExtra *extra = c->extra != 0 ? &self->link_extras[c->extra - 1] : NULL;

      if (extra == NULL || extra->raw == 0)
        {
          append_canonical_raw (raws, c->line_kind & 3, c->target,
                                extra != NULL ? compact_string (self, extra->fragment) : NULL,
                                extra != NULL ? compact_string (self, extra->display) : NULL);
          g_string_append_c (raws, '\0');
        }
    }

  built = g_malloc ((gsize) self->n_links * sizeof (SheafLink) + raws->len);
  at = memcpy (built + self->n_links, raws->str, raws->len);
  for (guint i = 0; i < self->n_links; i++)
    {
      const CompactLink *c = &self->compact_links[i];
      const LinkExtra *extra = c->extra != 0 ? &self->link_extras[c->extra - 1] : NULL;
      SheafLink *link = &built[i];

      link->kind = c->line_kind & 3;
      link->line = c->line_kind >> 2;
      link->span.start = c->start;
      link->span.end = c->end;
      link->target = (char *) c->target;
      link->fragment = extra != NULL ? (char *) compact_string (self, extra->fragment) : NULL;
      link->display = extra != NULL ? (char *) compact_string (self, extra->display) : NULL;
      link->property = extra != NULL ? (char *) compact_string (self, extra->property) : NULL;
      if (extra != NULL && extra->raw != 0)
        {
          link->raw = (char *) compact_string (self, extra->raw);
        }
      else
        {
          link->raw = at;
          at += strlen (at) + 1;
        }
    }

  if (g_atomic_pointer_compare_and_exchange (&self->links, NULL, built))
    return built;

  /* Another thread built them meanwhile. */
  g_free (built);

  return g_atomic_pointer_get (&self->links);
}
