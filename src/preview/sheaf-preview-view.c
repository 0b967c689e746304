/* sheaf-preview-view.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <cmark-gfm-core-extensions.h>
#include <glib/gi18n.h>

#include "sheaf-preview-view-private.h"

/* How the live update stays cheap: every top-level block of the note gets a
 * key, a hash of its source lines (plus the few things its rendering takes
 * from elsewhere: footnote numbers, reference-link URLs). A new note is
 * compared with the blocks on screen by key, from both ends; only the run in
 * between is deleted from the buffer and rendered again. The blocks before
 * and after keep their text, tags, child widgets and marks; their source
 * lines are updated, which is all a moved block needs. */

G_DEFINE_FINAL_TYPE (SheafPreviewView, sheaf_preview_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_HOST,
  PROP_NOTE,
  PROP_DEPTH,
  PROP_SECTION,
  N_PROPS
};

enum {
  LINK_ACTIVATED,
  TAG_ACTIVATED,
  TASK_TOGGLED,
  ACTIVATE_LINK,
  RENDERED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Blocks */

static void
clear_span (gpointer data)
{
  Span *span = data;

  g_free (span->text);
  g_free (span->resolved);
  g_free (span->link.raw);
  g_free (span->link.target);
  g_free (span->link.fragment);
  g_free (span->link.display);
}

static void
clear_box (gpointer data)
{
  Box *box = data;

  g_free (box->type);
}

static Block *
block_new (void)
{
  Block *block = g_new0 (Block, 1);

  block->spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_array_set_clear_func (block->spans, clear_span);
  block->boxes = g_array_new (FALSE, TRUE, sizeof (Box));
  g_array_set_clear_func (block->boxes, clear_box);
  block->leaves = g_array_new (FALSE, FALSE, sizeof (Leaf));
  block->children = g_array_new (FALSE, FALSE, sizeof (BlockChild));

  return block;
}

void
_sheaf_preview_view_free_block (Block *block)
{
  if (block == NULL)
    return;

  if (block->mark != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_mark_get_buffer (block->mark);

      if (buffer != NULL)
        gtk_text_buffer_delete_mark (buffer, block->mark);
      g_object_unref (block->mark);
    }
  for (guint i = 0; i < block->children->len; i++)
    g_object_unref (g_array_index (block->children, BlockChild, i).widget);
  g_array_unref (block->children);
  g_array_unref (block->spans);
  g_array_unref (block->boxes);
  g_array_unref (block->leaves);
  g_free (block);
}

void
_sheaf_preview_view_block_start (SheafPreviewView *self,
                                 Block            *block,
                                 GtkTextIter      *iter)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, iter, block->mark);
}

static int
block_offset (SheafPreviewView *self,
              guint             index)
{
  GtkTextIter iter;

  if (index >= self->blocks->len)
    return gtk_text_buffer_get_char_count (self->buffer);

  _sheaf_preview_view_block_start (self, g_ptr_array_index (self->blocks, index), &iter);

  return gtk_text_iter_get_offset (&iter);
}

/* The block whose range holds @iter: the last one starting at or before it. */
Block *
_sheaf_preview_view_block_at (SheafPreviewView  *self,
                              const GtkTextIter *iter,
                              int               *rel_offset,
                              guint             *index)
{
  int offset = gtk_text_iter_get_offset (iter);
  guint lo = 0, hi = self->blocks->len;

  if (hi == 0)
    return NULL;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (block_offset (self, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }

  /* Blocks that render nothing share their start with the next one. */
  while (lo + 1 < self->blocks->len && block_offset (self, lo + 1) <= offset)
    lo++;

  if (rel_offset != NULL)
    *rel_offset = offset - block_offset (self, lo);
  if (index != NULL)
    *index = lo;

  return g_ptr_array_index (self->blocks, lo);
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
block_key (const RenderEnv *env,
           cmark_node      *node,
           guint64          salt)
{
  guint64 h = salt;
  gsize s, e;

  if (env->text == NULL)
    return 0;

  s = body_line_start (env, cmark_node_get_start_line (node));
  e = body_line_start (env, cmark_node_get_end_line (node) + 1);
  if (e < s)
    e = s;
  h = mix64 (h, hash_bytes (env->text + env->body_offset + s, e - s));
  h = mix64 (h, cmark_node_get_type (node));

  /* What the block shows but does not say: footnote numbers, the URLs of
   * reference links, whether it starts the footnotes. */
  if (memchr (env->text + env->body_offset + s, '[', e - s) != NULL)
    {
      cmark_iter *iter = cmark_iter_new (node);
      cmark_event_type ev;

      while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
        {
          cmark_node *child = cmark_iter_get_node (iter);
          cmark_node_type type = cmark_node_get_type (child);

          if (ev != CMARK_EVENT_ENTER)
            continue;
          if (type == CMARK_NODE_FOOTNOTE_REFERENCE)
            h = hash_string (h, cmark_node_get_literal (child));
          else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
            h = hash_string (hash_string (h, cmark_node_get_url (child)),
                             cmark_node_get_title (child));
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

/* The top-level nodes to show: all of them, or those of one section. */
static GPtrArray *
collect_nodes (SheafPreviewView *self,
               cmark_node       *document)
{
  GPtrArray *nodes = g_ptr_array_new ();
  cmark_node *first = cmark_node_first_child (document);
  cmark_node *last = NULL;

  if (self->section != NULL && self->section[0] == '^')
    {
      for (cmark_node *node = first; node != NULL; node = cmark_node_next (node))
        if (has_block_id (node, self->section + 1))
          {
            g_ptr_array_add (nodes, node);
            break;
          }
      return nodes;
    }

  if (self->section != NULL && self->section[0] != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (self->section, "#", -1);
      cmark_node *from = first;
      int level = 0;

      first = NULL;
      for (guint p = 0; parts[p] != NULL; p++)
        {
          cmark_node *found = NULL;

          if (parts[p][0] == '\0')
            continue;
          for (cmark_node *node = from; node != NULL; node = cmark_node_next (node))
            {
              if (cmark_node_get_type (node) != CMARK_NODE_HEADING)
                continue;
              if (found == NULL && cmark_node_get_heading_level (node) > level &&
                  heading_matches (node, parts[p]))
                {
                  found = node;
                  break;
                }
              if (p > 0 && cmark_node_get_heading_level (node) <= level)
                break;
            }
          if (found == NULL)
            return nodes;
          first = found;
          from = cmark_node_next (found);
          level = cmark_node_get_heading_level (found);
        }
      if (first == NULL)
        return nodes;
      for (last = cmark_node_next (first); last != NULL; last = cmark_node_next (last))
        if (cmark_node_get_type (last) == CMARK_NODE_HEADING &&
            cmark_node_get_heading_level (last) <= level)
          break;
    }

  for (cmark_node *node = first; node != last; node = cmark_node_next (node))
    g_ptr_array_add (nodes, node);

  return nodes;
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
      while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
        {
          gsize start = ++p - (env->text + env->body_offset);

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

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, block_offset (self, from));
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, block_offset (self, to));
  gtk_text_buffer_delete (self->buffer, &start, &end);
  g_ptr_array_remove_range (self->blocks, from, to - from);
}

static void
update (SheafPreviewView *self,
        gboolean          full)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GArray) keys = NULL;
  SheafFrontmatter *frontmatter;
  RenderEnv env;
  GtkTextIter iter;
  guint n_old = self->blocks->len;
  guint n_new, prefix = 0, suffix = 0;
  gboolean has_fm;
  int at;

  if (self->note == NULL)
    {
      delete_blocks (self, 0, n_old);
      return;
    }

  build_env (self, &env);
  frontmatter = sheaf_note_get_frontmatter (self->note);
  /* Embeds show the text alone, as Obsidian does. */
  has_fm = self->depth == 0 && sheaf_frontmatter_has_block (frontmatter);
  nodes = collect_nodes (self, sheaf_parse_result_get_document (sheaf_note_get_parse_result (self->note)));
  n_new = nodes->len + (has_fm ? 1 : 0);

  /* Keys, lines and bytes of the new blocks. */
  keys = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n_new);
  fresh = g_ptr_array_new ();
  if (has_fm)
    {
      SheafSpan span = sheaf_frontmatter_get_block_span (frontmatter);
      guint64 key = env.text != NULL ? mix64 (hash_bytes (env.text + span.start, span.end - span.start), 7) : 0;

      g_array_append_val (keys, key);
      g_ptr_array_add (fresh, NULL);
    }
  for (guint i = 0; i < nodes->len; i++)
    {
      guint64 key = block_key (&env, g_ptr_array_index (nodes, i), 11);

      g_array_append_val (keys, key);
      g_ptr_array_add (fresh, g_ptr_array_index (nodes, i));
    }

  /* Without the note's bytes nothing can be compared: render everything. */
  if (!full && env.text != NULL)
    {
      while (prefix < n_old && prefix < n_new &&
             ((Block *) g_ptr_array_index (self->blocks, prefix))->key == g_array_index (keys, guint64, prefix))
        prefix++;
      while (suffix < n_old - prefix && suffix < n_new - prefix &&
             ((Block *) g_ptr_array_index (self->blocks, n_old - 1 - suffix))->key ==
             g_array_index (keys, guint64, n_new - 1 - suffix))
        suffix++;
    }

  delete_blocks (self, prefix, n_old - suffix);
  at = block_offset (self, prefix);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, at);

  for (guint i = prefix; i < n_new - suffix; i++)
    {
      Block *block = block_new ();
      cmark_node *node = g_ptr_array_index (fresh, i);

      block->key = g_array_index (keys, guint64, i);
      block->mark = g_object_ref (gtk_text_buffer_create_mark (self->buffer, NULL, &iter, TRUE));
      g_ptr_array_insert (self->blocks, i, block);
      if (node == NULL)
        _sheaf_preview_render_frontmatter (self, &env, block, &iter);
      else
        _sheaf_preview_render_block (self, &env, block, node, &iter);
      self->n_rendered++;
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

  /* Where every block now is in the source. */
  for (guint i = 0; i < n_new; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      cmark_node *node = g_ptr_array_index (fresh, i);

      if (node == NULL)
        {
          block->line = 1;
          block->end_line = env.line_offset;
          block->byte = 0;
        }
      else
        {
          block->line = cmark_node_get_start_line (node) + env.line_offset;
          block->end_line = cmark_node_get_end_line (node) + env.line_offset;
          block->byte = env.body_offset + body_line_start (&env, cmark_node_get_start_line (node));
        }
    }

  g_array_unref (env.line_starts);
  g_signal_emit (self, signals[RENDERED], 0, n_new - prefix - suffix);
}

/* Children that take the text's width */

static void
resize_child (SheafPreviewView *self,
              BlockChild       *child)
{
  int width = self->text_width > 0 ? self->text_width : 640;

  width = MAX (width - child->indent, 48);
  if (child->resize != NULL)
    child->resize (child->widget, width);
  else
    gtk_widget_set_size_request (child->widget, width, -1);
}

void
_sheaf_preview_view_add_child (SheafPreviewView   *self,
                               Block              *block,
                               GtkTextChildAnchor *anchor,
                               GtkWidget          *widget,
                               int                 indent,
                               void              (*resize) (GtkWidget *, int))
{
  BlockChild child = { g_object_ref (widget), indent, resize };

  g_array_append_val (block->children, child);
  resize_child (self, &child);
  gtk_text_view_add_child_at_anchor (GTK_TEXT_VIEW (self), widget, anchor);
}

static void
sheaf_preview_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  SheafPreviewView *self = SHEAF_PREVIEW_VIEW (widget);
  int text_width;

  text_width = width - 2 * self->page_margin - 2;

  if (text_width != self->text_width && text_width > 0)
    {
      self->text_width = text_width;
      for (guint i = 0; i < self->blocks->len; i++)
        {
          Block *block = g_ptr_array_index (self->blocks, i);

          for (guint c = 0; c < block->children->len; c++)
            resize_child (self, &g_array_index (block->children, BlockChild, c));
        }
    }

  GTK_WIDGET_CLASS (sheaf_preview_view_parent_class)->size_allocate (widget, width, height, baseline);
}

/* Signals */

void
_sheaf_preview_view_emit_link (SheafPreviewView *self,
                               const SheafLink  *link,
                               gboolean          new_tab)
{
  g_signal_emit (self, signals[LINK_ACTIVATED], 0, link, new_tab);
}

void
_sheaf_preview_view_emit_tag (SheafPreviewView *self,
                              const char       *tag)
{
  g_signal_emit (self, signals[TAG_ACTIVATED], 0, tag);
}

void
_sheaf_preview_view_emit_task (SheafPreviewView *self,
                               guint             line,
                               gsize             start,
                               gsize             end,
                               gboolean          done)
{
  g_signal_emit (self, signals[TASK_TOGGLED], 0, line, (guint64) start, (guint64) end, done);
}

gboolean
_sheaf_preview_view_open_uri (SheafPreviewView *self,
                              const char       *uri)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);

  return handled;
}

static gboolean
sheaf_preview_view_real_activate_link (SheafPreviewView *self,
                                       const char       *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* DESIGN §2.5: the browser opens only here, on the user's click. */
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);

  return TRUE;
}

static void
style_manager_notify_dark_cb (SheafPreviewView *self)
{
  _sheaf_preview_view_update_colors (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject */

static void
sheaf_preview_view_dispose (GObject *object)
{
  SheafPreviewView *self = (SheafPreviewView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->blocks != NULL)
    g_ptr_array_set_size (self->blocks, 0);
  g_clear_object (&self->note);
  g_clear_object (&self->host);

  G_OBJECT_CLASS (sheaf_preview_view_parent_class)->dispose (object);
}

static void
sheaf_preview_view_finalize (GObject *object)
{
  SheafPreviewView *self = (SheafPreviewView *)object;

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_hash_table_unref);
  g_clear_pointer (&self->section, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sheaf_preview_view_parent_class)->finalize (object);
}

static void
sheaf_preview_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SheafPreviewView *self = SHEAF_PREVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_object (value, self->host);
      break;

    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;

    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;

    case PROP_SECTION:
      g_value_set_string (value, self->section);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_preview_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SheafPreviewView *self = SHEAF_PREVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_HOST:
      sheaf_preview_view_set_host (self, g_value_get_object (value));
      break;

    case PROP_NOTE:
      sheaf_preview_view_set_note (self, g_value_get_object (value));
      break;

    case PROP_DEPTH:
      sheaf_preview_view_set_depth (self, g_value_get_uint (value));
      break;

    case PROP_SECTION:
      sheaf_preview_view_set_section (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_preview_view_class_init (SheafPreviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = sheaf_preview_view_dispose;
  object_class->finalize = sheaf_preview_view_finalize;
  object_class->get_property = sheaf_preview_view_get_property;
  object_class->set_property = sheaf_preview_view_set_property;

  widget_class->size_allocate = sheaf_preview_view_size_allocate;

  text_view_class->snapshot_layer = _sheaf_preview_view_snapshot_layer;

  properties[PROP_HOST] =
    g_param_spec_object ("host", NULL, NULL,
                         SHEAF_TYPE_PREVIEW_HOST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL,
                         SHEAF_TYPE_NOTE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_BOOLEAN);
  signals[TAG_ACTIVATED] =
    g_signal_new ("tag-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[TASK_TOGGLED] =
    g_signal_new ("task-toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_BOOLEAN);
  signals[ACTIVATE_LINK] =
    g_signal_new_class_handler ("activate-link",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (sheaf_preview_view_real_activate_link),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
  signals[RENDERED] =
    g_signal_new ("rendered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
sheaf_preview_view_init (SheafPreviewView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _sheaf_preview_view_free_block);
  self->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->buffer = gtk_text_view_get_buffer (text_view);
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);

  gtk_text_view_set_editable (text_view, FALSE);
  gtk_text_view_set_cursor_visible (text_view, FALSE);
  gtk_text_view_set_wrap_mode (text_view, GTK_WRAP_WORD_CHAR);
  self->page_margin = PV_PAGE_MARGIN;
  gtk_text_view_set_left_margin (text_view, self->page_margin);
  gtk_text_view_set_right_margin (text_view, self->page_margin);
  gtk_text_view_set_top_margin (text_view, 18);
  gtk_text_view_set_bottom_margin (text_view, 36);
  gtk_widget_add_css_class (GTK_WIDGET (self), "sheaf-preview");

  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (style_manager_notify_dark_cb), self, G_CONNECT_SWAPPED);
  _sheaf_preview_view_create_tags (self);
  _sheaf_preview_view_update_colors (self);
  _sheaf_preview_view_init_input (self);
}

/* Public API */

GtkWidget *
sheaf_preview_view_new (void)
{
  return g_object_new (SHEAF_TYPE_PREVIEW_VIEW, NULL);
}

SheafPreviewHost *
sheaf_preview_view_get_host (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), NULL);

  return self->host;
}

void
sheaf_preview_view_set_host (SheafPreviewView *self,
                             SheafPreviewHost *host)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));
  g_return_if_fail (host == NULL || SHEAF_IS_PREVIEW_HOST (host));

  if (g_set_object (&self->host, host))
    {
      /* Links resolve differently, embeds and images come from elsewhere. */
      update (self, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
    }
}

SheafNote *
sheaf_preview_view_get_note (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), NULL);

  return self->note;
}

/**
 * sheaf_preview_view_set_note:
 * @self: a #SheafPreviewView
 * @note: (nullable): a note parsed with %SHEAF_NOTE_KEEP_TREE (and
 *   %SHEAF_NOTE_KEEP_TEXT, for incremental updates)
 *
 * Shows @note, rewriting only the blocks that differ from the note shown
 * before when both are the same path.
 */
void
sheaf_preview_view_set_note (SheafPreviewView *self,
                             SheafNote        *note)
{
  gboolean full;

  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));
  g_return_if_fail (note == NULL || SHEAF_IS_NOTE (note));

  if (note == self->note)
    return;

  if (note != NULL && sheaf_parse_result_get_document (sheaf_note_get_parse_result (note)) == NULL)
    {
      g_warning ("The note %s was parsed without its tree: nothing to show",
                 sheaf_note_get_path (note));
      note = NULL;
    }

  full = note == NULL || self->note == NULL ||
         g_strcmp0 (sheaf_note_get_path (note), sheaf_note_get_path (self->note)) != 0;
  g_set_object (&self->note, note);
  update (self, full);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * sheaf_preview_view_rerender:
 * @self: a #SheafPreviewView
 *
 * Renders the whole note again, e.g. after the vault changed and links
 * resolve differently.
 */
void
sheaf_preview_view_rerender (SheafPreviewView *self)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));

  update (self, TRUE);
}

guint
sheaf_preview_view_get_depth (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), 0);

  return self->depth;
}

void
sheaf_preview_view_set_depth (SheafPreviewView *self,
                              guint             depth)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));

  if (self->depth != depth)
    {
      self->depth = depth;
      self->page_margin = depth > 0 ? PV_EMBED_MARGIN : PV_PAGE_MARGIN;
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), self->page_margin);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), self->page_margin);
      update (self, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPTH]);
    }
}

const char *
sheaf_preview_view_get_section (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), NULL);

  return self->section;
}

void
sheaf_preview_view_set_section (SheafPreviewView *self,
                                const char       *section)
{
  g_return_if_fail (SHEAF_IS_PREVIEW_VIEW (self));

  if (g_strcmp0 (self->section, section) != 0)
    {
      g_free (self->section);
      self->section = g_strdup (section);
      update (self, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
    }
}

/**
 * sheaf_preview_view_get_iter_at_line:
 * @self: a #SheafPreviewView
 * @line: a 1-based line of the note's file
 * @iter: (out): where that line's text is shown
 *
 * Returns: %FALSE when nothing is shown
 */
gboolean
sheaf_preview_view_get_iter_at_line (SheafPreviewView *self,
                                     guint             line,
                                     GtkTextIter      *iter)
{
  guint lo = 0, hi;
  Block *block;
  int offset = 0;

  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), FALSE);
  g_return_val_if_fail (iter != NULL, FALSE);

  hi = self->blocks->len;
  if (hi == 0)
    return FALSE;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (((Block *) g_ptr_array_index (self->blocks, mid))->line <= line)
        lo = mid;
      else
        hi = mid;
    }

  block = g_ptr_array_index (self->blocks, lo);
  for (guint i = 0; i < block->leaves->len; i++)
    {
      Leaf *leaf = &g_array_index (block->leaves, Leaf, i);

      if (block->line + leaf->line > line)
        break;
      offset = leaf->offset;
    }

  _sheaf_preview_view_block_start (self, block, iter);
  gtk_text_iter_forward_chars (iter, offset);

  return TRUE;
}

/**
 * sheaf_preview_view_get_line_at_iter:
 * @self: a #SheafPreviewView
 * @iter: a position in the view's buffer
 *
 * Returns: the 1-based source line shown at @iter, or 0
 */
guint
sheaf_preview_view_get_line_at_iter (SheafPreviewView  *self,
                                     const GtkTextIter *iter)
{
  Block *block;
  guint line;
  int rel = 0;

  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), 0);
  g_return_val_if_fail (iter != NULL, 0);

  block = _sheaf_preview_view_block_at (self, iter, &rel, NULL);
  if (block == NULL)
    return 0;

  line = block->line;
  for (guint i = 0; i < block->leaves->len; i++)
    {
      Leaf *leaf = &g_array_index (block->leaves, Leaf, i);

      if (leaf->offset > rel)
        break;
      line = block->line + leaf->line;
    }

  return line;
}

guint
sheaf_preview_view_get_n_blocks (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), 0);

  return self->blocks->len;
}

GtkTextMark *
sheaf_preview_view_get_block_mark (SheafPreviewView *self,
                                   guint             index)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return ((Block *) g_ptr_array_index (self->blocks, index))->mark;
}

/* How many blocks were rendered since the view was made. */
guint
sheaf_preview_view_get_n_rendered (SheafPreviewView *self)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), 0);

  return self->n_rendered;
}

guint
sheaf_preview_view_get_n_callouts (SheafPreviewView *self)
{
  guint n = 0;

  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), 0);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      for (guint b = 0; b < block->boxes->len; b++)
        n += g_array_index (block->boxes, Box, b).kind == BOX_CALLOUT;
    }

  return n;
}

/**
 * sheaf_preview_view_get_callout:
 * @self: a #SheafPreviewView
 * @index: which callout, in document order
 * @type: (out) (optional): its canonical type
 * @color: (out) (optional): the colour it is drawn in now
 * @icon_name: (out) (optional): its icon
 * @folded: (out) (optional): whether its body is hidden
 * @title: (out) (optional): the start of its title
 * @body: (out) (optional): the start of its body
 *
 * For tests.
 */
gboolean
sheaf_preview_view_get_callout (SheafPreviewView  *self,
                                guint              index,
                                const char       **type,
                                const char       **color,
                                const char       **icon_name,
                                gboolean          *folded,
                                GtkTextIter       *title,
                                GtkTextIter       *body)
{
  g_return_val_if_fail (SHEAF_IS_PREVIEW_VIEW (self), FALSE);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      for (guint b = 0; b < block->boxes->len; b++)
        {
          Box *box = &g_array_index (block->boxes, Box, b);
          GtkTextIter start;

          if (box->kind != BOX_CALLOUT || index-- > 0)
            continue;

          if (type != NULL)
            *type = box->type;
          if (color != NULL)
            *color = self->dark ? box->style->dark_color : box->style->light_color;
          if (icon_name != NULL)
            *icon_name = box->style->icon_name;
          if (folded != NULL)
            *folded = box->folded;
          _sheaf_preview_view_block_start (self, block, &start);
          if (title != NULL)
            {
              *title = start;
              gtk_text_iter_forward_chars (title, box->start);
            }
          if (body != NULL)
            {
              *body = start;
              gtk_text_iter_forward_chars (body, box->body);
            }
          return TRUE;
        }
    }

  return FALSE;
}
