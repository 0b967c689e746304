/* sheaf-preview-update.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "sheaf-preview-view-private.h"

/* How the live update stays cheap: every top-level block of the note gets a
 * key, a hash of its source lines (plus the few things its rendering takes
 * from elsewhere: footnote numbers, reference-link URLs). A new note is
 * compared with the blocks on screen by key, from both ends; only the run in
 * between is deleted from the buffer and rendered again. The blocks before
 * and after keep their text, tags, child widgets and marks; their source
 * lines are updated, which is all a moved block needs.
 *
 * A long note shows before it is all rendered: a new note renders its first
 * screens at once and the rest in idles, at the end of the buffer, in slices
 * short enough not to hold up a frame (GTK 4.8 spends ~50 µs on each tag a
 * block applies; a 1 MB note has some 36 000). What needs every block
 * (finding a line, tests) renders the rest first. */

/* Rendered at once: about two screens of text. */
#define FIRST_CHARS  8000
/* Each idle renders blocks for this long. */
#define SLICE_USEC   6000

typedef struct
{
  SheafNote *note;       /* keeps env.text alive */
  RenderEnv  env;
  GArray    *fresh;      /* SheafParseBlock      */
  GArray    *keys;       /* guint64              */
  guint      next;       /* in fresh             */
  guint      n_rendered;
} Pending;

static Block *
block_new (void)
{
  Block *block = g_new0 (Block, 1);

  block->spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_array_set_clear_func (block->spans, _sheaf_preview_view_clear_span);
  block->boxes = g_array_new (FALSE, TRUE, sizeof (Box));
  g_array_set_clear_func (block->boxes, _sheaf_preview_view_clear_box);
  block->leaves = g_array_new (FALSE, FALSE, sizeof (Leaf));
  block->children = g_array_new (FALSE, FALSE, sizeof (BlockChild));

  return block;
}

/* Keys */

static inline guint64
mix64 (guint64 h,
       guint64 v)
{
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h *= 0xff51afd7ed558ccdULL;
  return h ^ (h >> 33);
}

static guint64
hash_bytes (const char *data,
            gsize       length)
{
  guint64 h = 0xcbf29ce484222325ULL ^ length;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 v;

      memcpy (&v, data + i, 8);
      h = (h ^ v) * 0x100000001b3ULL;
      h ^= h >> 29;
    }
  for (; i < length; i++)
    h = (h ^ (guchar) data[i]) * 0x100000001b3ULL;

  return mix64 (h, length);
}

static guint64
hash_string (guint64     h,
             const char *s)
{
  return s != NULL ? mix64 (h, hash_bytes (s, strlen (s))) : mix64 (h, 1);
}

static gsize
body_line_start (const RenderEnv *env,
                 guint            line)
{
  GArray *starts = env->line_starts;

  if (line < 1)
    line = 1;
  if (line > starts->len)
    return g_array_index (starts, gsize, starts->len - 1);

  return g_array_index (starts, gsize, line - 1);
}

static guint64
block_key (const RenderEnv       *env,
           const SheafParseBlock *parsed,
           guint64                salt)
{
  cmark_node *node = parsed->node;
  guint64 h = salt;
  gsize s, e;

  if (env->text == NULL)
    return 0;

  s = body_line_start (env, cmark_node_get_start_line (node) + parsed->line_delta);
  e = body_line_start (env, cmark_node_get_end_line (node) + parsed->line_delta + 1);
  if (e < s)
    e = s;
  h = mix64 (h, hash_bytes (env->text + env->body_offset + s, e - s));
  h = mix64 (h, cmark_node_get_type (node));

  /* What the block shows but does not say: the URLs of reference links
   * (all the note's definitions are in env->refs_key) and footnote numbers,
   * which follow the order of the references in the whole note. */
  h = mix64 (h, env->refs_key);
  if (memmem (env->text + env->body_offset + s, e - s, "[^", 2) != NULL)
    {
      cmark_iter *iter = cmark_iter_new (node);
      cmark_event_type ev;

      while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
        {
          cmark_node *child = cmark_iter_get_node (iter);

          if (ev == CMARK_EVENT_ENTER && cmark_node_get_type (child) == CMARK_NODE_FOOTNOTE_REFERENCE)
            h = hash_string (h, cmark_node_get_literal (child));
        }
      cmark_iter_free (iter);
    }
  if (cmark_node_get_type (node) == CMARK_NODE_FOOTNOTE_DEFINITION)
    {
      cmark_node *prev = cmark_node_previous (node);

      h = mix64 (h, prev == NULL || cmark_node_get_type (prev) != CMARK_NODE_FOOTNOTE_DEFINITION);
    }

  return h;
}

/* Sections of embeds */

static gboolean
heading_matches (cmark_node *node,
                 const char *wanted)
{
  g_autoptr(GString) text = g_string_new (NULL);
  cmark_iter *iter = cmark_iter_new (node);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  while (cmark_iter_next (iter) != CMARK_EVENT_DONE)
    {
      cmark_node *child = cmark_iter_get_node (iter);

      if (cmark_node_get_type (child) == CMARK_NODE_TEXT ||
          cmark_node_get_type (child) == CMARK_NODE_CODE)
        g_string_append (text, cmark_node_get_literal (child));
    }
  cmark_iter_free (iter);

  g_strstrip (text->str);
  a = g_utf8_casefold (text->str, -1);
  b = g_utf8_casefold (wanted, -1);
  g_strstrip (b);

  return g_strcmp0 (a, b) == 0;
}

static gboolean
has_block_id (cmark_node *node,
              const char *id)
{
  cmark_iter *iter = cmark_iter_new (node);
  gboolean found = FALSE;

  while (!found && cmark_iter_next (iter) != CMARK_EVENT_DONE)
    found = g_strcmp0 (sheaf_markdown_node_get_block_id (cmark_iter_get_node (iter)), id) == 0;
  cmark_iter_free (iter);

  return found;
}

static inline cmark_node *
node_at (const SheafParseBlock *blocks,
         guint                  n,
         guint                  i)
{
  return i < n ? blocks[i].node : NULL;
}

/* The top-level blocks to show (SheafParseBlock): all of them, or those of
 * one section. */
static GArray *
collect_blocks (SheafPreviewView *self,
                SheafParseResult *result)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (SheafParseBlock));
  guint n = 0, first = 0, last;
  const SheafParseBlock *blocks = sheaf_parse_result_get_blocks (result, &n);

  last = n;
  if (self->section != NULL && self->section[0] == '^')
    {
      for (guint i = 0; i < n; i++)
        if (has_block_id (blocks[i].node, self->section + 1))
          {
            g_array_append_val (out, blocks[i]);
            break;
          }
      return out;
    }

  if (self->section != NULL && self->section[0] != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (self->section, "#", -1);
      guint from = 0;
      int level = 0;
      gboolean any = FALSE;

      for (guint p = 0; parts[p] != NULL; p++)
        {
          gboolean found = FALSE;

          if (parts[p][0] == '\0')
            continue;
          for (guint i = from; i < n; i++)
            {
              cmark_node *node = blocks[i].node;

              if (cmark_node_get_type (node) != CMARK_NODE_HEADING)
                continue;
              if (cmark_node_get_heading_level (node) > level && heading_matches (node, parts[p]))
                {
                  found = TRUE;
                  first = i;
                  break;
                }
              if (p > 0 && cmark_node_get_heading_level (node) <= level)
                break;
            }
          if (!found)
            return out;
          any = TRUE;
          from = first + 1;
          level = cmark_node_get_heading_level (blocks[first].node);
        }
      if (!any)
        return out;
      for (last = first + 1; last < n; last++)
        {
          cmark_node *node = node_at (blocks, n, last);

          if (cmark_node_get_type (node) == CMARK_NODE_HEADING &&
              cmark_node_get_heading_level (node) <= level)
            break;
        }
    }

  if (last > first)
    g_array_append_vals (out, blocks + first, last - first);

  return out;
}

/* Rendering */

static void
build_env (SheafPreviewView *self,
           RenderEnv        *env)
{
  SheafFrontmatter *frontmatter = sheaf_note_get_frontmatter (self->note);
  GBytes *bytes = sheaf_note_get_bytes (self->note);
  gsize zero = 0;

  memset (env, 0, sizeof *env);
  env->note = self->note;
  env->path = sheaf_note_get_path (self->note);
  env->line_offset = sheaf_frontmatter_get_body_line (frontmatter) - 1;
  env->body_offset = sheaf_frontmatter_get_body_offset (frontmatter);
  env->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (env->line_starts, zero);

  if (bytes != NULL)
    {
      const char *p, *end;

      env->text = g_bytes_get_data (bytes, &env->length);
      if (env->text == NULL)
        env->text = "";
      env->body_offset = MIN (env->body_offset, env->length);
      p = env->text + env->body_offset;
      end = env->text + env->length;
      env->refs_key = 0;
      for (const char *line = p; line < end; )
        {
          const char *eol = memchr (line, '\n', end - line);
          const char *q = line;
          gsize start;

          if (eol == NULL)
            eol = end;
          /* "[label]: url": a link reference definition. */
          while (q < eol && q - line < 3 && *q == ' ')
            q++;
          if (q < eol && *q == '[' && q + 1 < eol && q[1] != '^')
            {
              const char *close = memchr (q, ']', eol - q);

              if (close != NULL && close + 1 < eol && close[1] == ':')
                env->refs_key = mix64 (env->refs_key, hash_bytes (line, eol - line));
            }
          if (eol == end)
            break;
          line = eol + 1;
          start = line - (env->text + env->body_offset);
          g_array_append_val (env->line_starts, start);
        }
      zero = env->length - env->body_offset;
      g_array_append_val (env->line_starts, zero);
    }
}

static void
delete_blocks (SheafPreviewView *self,
               guint             from,
               guint             to)
{
  GtkTextIter start, end;

  if (from >= to)
    return;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, _sheaf_preview_view_block_offset (self, from));
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, _sheaf_preview_view_block_offset (self, to));
  gtk_text_buffer_delete (self->buffer, &start, &end);
  g_ptr_array_remove_range (self->blocks, from, to - from);
}

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->note);
  g_clear_pointer (&pending->env.line_starts, g_array_unref);
  g_clear_pointer (&pending->fresh, g_array_unref);
  g_clear_pointer (&pending->keys, g_array_unref);
  g_free (pending);
}

/* Where block @block of @fresh stands in the source. */
static void
place_block (Block                 *block,
             const RenderEnv       *env,
             const SheafParseBlock *parsed)
{
  cmark_node *node = parsed->node;

  if (node == NULL)
    {
      block->line = 1;
      block->end_line = env->line_offset;
      block->byte = 0;
    }
  else
    {
      int line = cmark_node_get_start_line (node) + parsed->line_delta;

      block->line = line + env->line_offset;
      block->end_line = cmark_node_get_end_line (node) + parsed->line_delta + env->line_offset;
      block->byte = env->body_offset + body_line_start (env, line);
    }
}

/* Renders block @i of @fresh at @iter, as block @i of the view. */
static void
render_fresh (SheafPreviewView *self,
              const RenderEnv  *env,
              GArray           *fresh,
              GArray           *keys,
              guint             i,
              GtkTextIter      *iter)
{
  Block *block = block_new ();
  const SheafParseBlock *parsed = &g_array_index (fresh, SheafParseBlock, i);

  block->key = g_array_index (keys, guint64, i);
  block->mark = g_object_ref (gtk_text_buffer_create_mark (self->buffer, NULL, iter, TRUE));
  g_ptr_array_insert (self->blocks, i, block);
  if (parsed->node == NULL)
    _sheaf_preview_render_frontmatter (self, env, block, iter);
  else
    _sheaf_preview_render_block (self, env, block, parsed->node, parsed->line_delta, iter);
  place_block (block, env, parsed);
  self->n_rendered++;
}

/* Renders pending blocks at the end of the buffer until @deadline (0: all). */
static gboolean
render_pending (SheafPreviewView *self,
                gint64            deadline)
{
  Pending *pending = self->pending;
  GtkTextIter iter;

  gtk_text_buffer_get_end_iter (self->buffer, &iter);
  while (pending->next < pending->fresh->len)
    {
      g_assert (self->blocks->len == pending->next);
      render_fresh (self, &pending->env, pending->fresh, pending->keys, pending->next++, &iter);
      pending->n_rendered++;
      if (deadline != 0 && g_get_monotonic_time () >= deadline)
        return FALSE;
    }

  return TRUE;
}

static gboolean
pending_idle_cb (gpointer user_data)
{
  SheafPreviewView *self = user_data;
  guint n_rendered;

  if (!render_pending (self, g_get_monotonic_time () + SLICE_USEC))
    return G_SOURCE_CONTINUE;

  self->pending_idle = 0;
  n_rendered = ((Pending *) self->pending)->n_rendered;
  g_clear_pointer (&self->pending, pending_free);
  _sheaf_preview_view_queue_attach (self);
  _sheaf_preview_view_emit_rendered (self, n_rendered);

  return G_SOURCE_REMOVE;
}

/* Renders what is left of the note now. */
void
_sheaf_preview_view_finish_pending (SheafPreviewView *self)
{
  guint n_rendered;

  if (self->pending == NULL)
    return;

  render_pending (self, 0);
  n_rendered = ((Pending *) self->pending)->n_rendered;
  g_clear_handle_id (&self->pending_idle, g_source_remove);
  g_clear_pointer (&self->pending, pending_free);
  _sheaf_preview_view_queue_attach (self);
  _sheaf_preview_view_emit_rendered (self, n_rendered);
}

void
_sheaf_preview_view_drop_pending (SheafPreviewView *self)
{
  g_clear_handle_id (&self->pending_idle, g_source_remove);
  g_clear_pointer (&self->pending, pending_free);
}

void
_sheaf_preview_view_update (SheafPreviewView *self,
                            gboolean          full)
{
  g_autoptr(GArray) nodes = NULL;
  g_autoptr(GArray) fresh = NULL;
  g_autoptr(GArray) keys = NULL;
  SheafFrontmatter *frontmatter;
  RenderEnv env;
  GtkTextIter iter;
  guint n_old, n_new, prefix = 0, suffix = 0, end;
  gboolean has_fm, detach, had_pending = self->pending != NULL;
  int at;

  /* The blocks not rendered yet are those of the note before: the diff
   * below treats them as gone. */
  _sheaf_preview_view_drop_pending (self);
  n_old = self->blocks->len;

  if (self->note == NULL)
    {
      delete_blocks (self, 0, n_old);
      return;
    }

  build_env (self, &env);
  frontmatter = sheaf_note_get_frontmatter (self->note);
  /* Embeds show the text alone, as Obsidian does. */
  has_fm = self->depth == 0 && sheaf_frontmatter_has_block (frontmatter);
  nodes = collect_blocks (self, sheaf_note_get_parse_result (self->note));
  n_new = nodes->len + (has_fm ? 1 : 0);

  /* Keys, lines and bytes of the new blocks; the frontmatter's has no node. */
  keys = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n_new);
  fresh = g_array_sized_new (FALSE, FALSE, sizeof (SheafParseBlock), n_new);
  if (has_fm)
    {
      SheafSpan span = sheaf_frontmatter_get_block_span (frontmatter);
      guint64 key = env.text != NULL ? mix64 (hash_bytes (env.text + span.start, span.end - span.start), 7) : 0;
      SheafParseBlock none = { NULL, 0 };

      g_array_append_val (keys, key);
      g_array_append_val (fresh, none);
    }
  for (guint i = 0; i < nodes->len; i++)
    {
      guint64 key = block_key (&env, &g_array_index (nodes, SheafParseBlock, i), 11);

      g_array_append_val (keys, key);
      g_array_append_val (fresh, g_array_index (nodes, SheafParseBlock, i));
    }

  /* Without the note's bytes nothing can be compared: render everything. */
  if (!full && env.text != NULL)
    {
      while (prefix < n_old && prefix < n_new &&
             ((Block *) g_ptr_array_index (self->blocks, prefix))->key == g_array_index (keys, guint64, prefix))
        prefix++;
      while (!had_pending && suffix < n_old - prefix && suffix < n_new - prefix &&
             ((Block *) g_ptr_array_index (self->blocks, n_old - 1 - suffix))->key ==
             g_array_index (keys, guint64, n_new - 1 - suffix))
        suffix++;
    }

  /* The old blocks go with the view attached. GTK 4.8's text layout caches
   * the display of every line it is asked about (a draw, an iter location
   * for our chips) and forgets a line only when the line goes through it:
   * deleted or invalidated while the layout watches the buffer, or freed of
   * its line data (validated lines only) when the buffer is detached. A line
   * deleted while the view has no buffer stays in the cache, freed; the next
   * lookup walks it: "gtk_text_btree_line_number couldn't find line", or a
   * crash in g_sequence_insert_sorted(). Detached, the buffer only grows:
   * inserting frees no line. */
  delete_blocks (self, prefix, n_old - suffix);

  /* A whole note: render it into the buffer off the view. With the view
   * attached, every insert and tag invalidates its layout as it goes. */
  detach = self->depth == 0 && prefix == 0 && suffix == 0 && n_new + n_old > 32;
  if (detach)
    {
      g_object_ref (self->buffer);
      gtk_text_view_set_buffer (GTK_TEXT_VIEW (self), NULL);
    }

  at = _sheaf_preview_view_block_offset (self, prefix);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, at);

  /* What is left after the first screens of a long run waits for idles. */
  for (end = prefix; end < n_new - suffix; end++)
    {
      if (self->depth == 0 && suffix == 0 && end > prefix &&
          gtk_text_iter_get_offset (&iter) - at >= FIRST_CHARS)
        break;
      render_fresh (self, &env, fresh, keys, end, &iter);
    }

  /* The blocks after the new ones had their marks where the deleted range
   * began; they belong after the new text. */
  if (suffix > 0 && gtk_text_iter_get_offset (&iter) != at)
    {
      for (guint i = n_new - suffix; i < n_new; i++)
        {
          Block *block = g_ptr_array_index (self->blocks, i);
          GtkTextIter mark_iter;

          gtk_text_buffer_get_iter_at_mark (self->buffer, &mark_iter, block->mark);
          if (gtk_text_iter_get_offset (&mark_iter) != at)
            break;
          gtk_text_buffer_move_mark (self->buffer, block->mark, &iter);
        }
    }

  /* Where the blocks kept now are in the source. */
  for (guint i = 0; i < prefix; i++)
    place_block (g_ptr_array_index (self->blocks, i), &env, &g_array_index (fresh, SheafParseBlock, i));
  for (guint i = n_new - suffix; i < n_new; i++)
    place_block (g_ptr_array_index (self->blocks, i), &env, &g_array_index (fresh, SheafParseBlock, i));

  /* A new note starts at its top: the cursor (hidden, but GTK scrolls to it
   * at times) went to the end with the text. */
  if (prefix == 0 && suffix == 0)
    {
      gtk_text_buffer_get_start_iter (self->buffer, &iter);
      gtk_text_buffer_place_cursor (self->buffer, &iter);
    }

  if (detach)
    {
      gtk_text_view_set_buffer (GTK_TEXT_VIEW (self), self->buffer);
      g_object_unref (self->buffer);
      _sheaf_preview_view_queue_attach (self);
    }

  if (end < n_new - suffix)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->note = g_object_ref (self->note);
      pending->env = env;
      pending->fresh = g_steal_pointer (&fresh);
      pending->keys = g_steal_pointer (&keys);
      pending->next = end;
      self->pending = pending;
      /* After GTK's own layout idles: the first frame comes first. */
      self->pending_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, pending_idle_cb, self, NULL);
      _sheaf_preview_view_emit_rendered (self, end - prefix);
      return;
    }

  g_array_unref (env.line_starts);
  _sheaf_preview_view_emit_rendered (self, n_new - prefix - suffix);
}

