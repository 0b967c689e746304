/* sheaf-preview-inline.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-preview"

#include "config.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <glib/gi18n.h>

#include "sheaf-preview-render-private.h"
#include "sheaf-preview-widgets.h"

/* Inline nodes: text with tags, and spans for what can be clicked. Raw HTML
 * is text (DESIGN §2.5); %%comments%% vanish; $math$ reads as code. */

static const char * const image_suffixes[] = {
  ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".avif", ".tif", ".tiff",
};

gboolean
_sheaf_preview_is_image_path (const char *path)
{
  if (path == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (image_suffixes); i++)
    if (g_str_has_suffix (path, image_suffixes[i]) ||
        (strlen (path) >= strlen (image_suffixes[i]) &&
         g_ascii_strcasecmp (path + strlen (path) - strlen (image_suffixes[i]), image_suffixes[i]) == 0))
      return TRUE;

  return FALSE;
}

gboolean
_sheaf_preview_is_external_uri (const char *uri)
{
  return uri != NULL &&
         (g_ascii_strncasecmp (uri, "http://", 7) == 0 ||
          g_ascii_strncasecmp (uri, "https://", 8) == 0 ||
          g_ascii_strncasecmp (uri, "mailto:", 7) == 0);
}

void
_sheaf_preview_copy_link (SheafLink       *dest,
                          const SheafLink *src)
{
  *dest = *src;
  dest->raw = g_strdup (src->raw);
  dest->target = g_strdup (src->target);
  dest->fragment = g_strdup (src->fragment);
  dest->display = g_strdup (src->display);
}

static void
resolve (SheafPreviewView *view,
         const RenderEnv  *env,
         const SheafLink  *link,
         SheafResolved    *out)
{
  memset (out, 0, sizeof *out);
  out->resolution = SHEAF_RESOLUTION_UNRESOLVED;
  if (view->host != NULL)
    sheaf_preview_host_resolve (view->host, env->path, link, out);
}

/* Where an embed's bytes are: the resolved path, else the target as written. */
static const char *
embed_path (const SheafResolved *resolved,
            const SheafLink     *link)
{
  return resolved->resolved != NULL ? resolved->resolved : link->target;
}

static gboolean
is_note_embed (const SheafResolved *resolved,
               const SheafLink     *link)
{
  const char *path = embed_path (resolved, link);
  const char *base = strrchr (path, '/');

  base = base != NULL ? base + 1 : path;

  return sheaf_note_path_is_note (path) ||
         (resolved->resolved == NULL && strchr (base, '.') == NULL);
}

static void
add_link_span (Render          *r,
               int              start,
               const SheafLink *link)
{
  SheafResolved resolved;
  Span *span;

  resolve (r->view, r->env, link, &resolved);
  span = _sheaf_render_add_span (r, SPAN_WIKILINK, start, r->pos);
  _sheaf_preview_copy_link (&span->link, link);
  span->resolution = resolved.resolution;
  span->resolved = g_steal_pointer (&resolved.resolved);
  _sheaf_render_add_run (r, start, r->pos,
                         span->resolution == SHEAF_RESOLUTION_UNRESOLVED ||
                         span->resolution == SHEAF_RESOLUTION_OUTSIDE ?
                         r->view->unresolved_tag : r->view->link_tag);
  sheaf_resolved_clear (&resolved);
}

static GtkWidget *
embed_widget (Render          *r,
              const SheafLink *link,
              gboolean        *is_block)
{
  SheafResolved resolved;
  GtkWidget *widget = NULL;

  resolve (r->view, r->env, link, &resolved);
  *is_block = TRUE;
  if (_sheaf_preview_is_image_path (embed_path (&resolved, link)))
    {
      widget = _sheaf_preview_image_new (r->view, embed_path (&resolved, link),
                                         link->display, link->target);
      *is_block = FALSE;
    }
  else if (is_note_embed (&resolved, link))
    {
      widget = _sheaf_preview_embed_new (r->view, link, resolved.resolution, resolved.resolved);
    }
  sheaf_resolved_clear (&resolved);

  return widget;
}

static GtkWidget *
image_widget (Render     *r,
              cmark_node *node)
{
  const char *url = cmark_node_get_url (node);
  const SheafLink *link = sheaf_markdown_node_get_link (node);
  g_autoptr(GString) alt = g_string_new (NULL);

  for (cmark_node *c = cmark_node_first_child (node); c != NULL; c = cmark_node_next (c))
    if (cmark_node_get_literal (c) != NULL)
      g_string_append (alt, cmark_node_get_literal (c));

  if (url != NULL && (g_ascii_strncasecmp (url, "http://", 7) == 0 ||
                      g_ascii_strncasecmp (url, "https://", 8) == 0))
    return _sheaf_preview_remote_image_new (url, alt->str);

  if (link != NULL)
    {
      SheafResolved resolved;
      GtkWidget *widget;

      resolve (r->view, r->env, link, &resolved);
      widget = _sheaf_preview_image_new (r->view, embed_path (&resolved, link), NULL, alt->str);
      sheaf_resolved_clear (&resolved);
      return widget;
    }

  return NULL;
}

static void
add_widget (Render     *r,
            GtkWidget  *widget,
            int         indent)
{
  GtkTextChildAnchor *anchor = _sheaf_render_anchor (r);

  _sheaf_preview_view_add_child (r->view, r->block, anchor, widget, NULL, NULL, NULL, indent,
                                 _sheaf_preview_image_resize);
}

static void
render_code_span (Render     *r,
                  const char *literal,
                  const char *tag_name)
{
  int start = r->pos;

  _sheaf_render_append (r, literal != NULL ? literal : "", -1);
  _sheaf_render_add_run (r, start, r->pos, _sheaf_preview_view_get_tag (r->view, tag_name));
  if (r->pos > start)
    _sheaf_render_add_span (r, SPAN_CODE, start, r->pos);
}

static void
render_inline (Render     *r,
               cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);
  int start = r->pos;

  if (type == CMARK_NODE_TEXT)
    {
      _sheaf_render_append (r, cmark_node_get_literal (node), -1);
    }
  else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
    {
      /* Obsidian keeps single line breaks (its "strict line breaks" is off
       * by default); U+2028 breaks the line inside one paragraph. */
      _sheaf_render_append (r, "\u2028", -1);
    }
  else if (type == CMARK_NODE_CODE)
    {
      render_code_span (r, cmark_node_get_literal (node), "code");
    }
  else if (type == CMARK_NODE_HTML_INLINE)
    {
      _sheaf_render_append (r, cmark_node_get_literal (node), -1);
      _sheaf_render_add_run (r, start, r->pos, _sheaf_preview_view_get_tag (r->view, "raw-html"));
    }
  else if (type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG ||
           type == CMARK_NODE_STRIKETHROUGH || sheaf_markdown_node_is_highlight (node))
    {
      const char *name = type == CMARK_NODE_EMPH ? "em" :
                         type == CMARK_NODE_STRONG ? "strong" :
                         type == CMARK_NODE_STRIKETHROUGH ? "strike" : "highlight";

      _sheaf_render_push_style (r, _sheaf_preview_view_get_tag (r->view, name));
      _sheaf_render_inlines (r, node);
      _sheaf_render_pop_style (r);
    }
  else if (type == CMARK_NODE_LINK)
    {
      const SheafLink *link = sheaf_markdown_node_get_link (node);
      const char *url = cmark_node_get_url (node);

      _sheaf_render_inlines (r, node);
      if (link != NULL)
        {
          add_link_span (r, start, link);
        }
      else if (_sheaf_preview_is_external_uri (url))
        {
          Span *span = _sheaf_render_add_span (r, SPAN_EXTERNAL, start, r->pos);

          span->text = g_strdup (url);
          _sheaf_render_add_run (r, start, r->pos, r->view->external_tag);
        }
    }
  else if (type == CMARK_NODE_IMAGE)
    {
      GtkWidget *widget = image_widget (r, node);

      if (widget != NULL)
        add_widget (r, widget, r->left + r->right);
      else
        _sheaf_render_inlines (r, node);
    }
  else if (type == CMARK_NODE_FOOTNOTE_REFERENCE)
    {
      const char *literal = cmark_node_get_literal (node);
      Span *span;

      _sheaf_render_append (r, literal != NULL ? literal : "?", -1);
      _sheaf_render_add_run (r, start, r->pos, _sheaf_preview_view_get_tag (r->view, "footnote-ref"));
      span = _sheaf_render_add_span (r, SPAN_FOOTNOTE, start, r->pos);
      span->number = literal != NULL ? atoi (literal) : 0;
    }
  else if (sheaf_markdown_node_is_wikilink (node))
    {
      const SheafLink *link = sheaf_markdown_node_get_link (node);
      GtkWidget *widget = NULL;
      gboolean is_block = FALSE;

      if (link != NULL && link->kind == SHEAF_LINK_EMBED)
        widget = embed_widget (r, link, &is_block);

      if (widget != NULL)
        {
          /* A note embedded amid text still gets the whole width. */
          if (is_block && r->pos > r->line_start)
            _sheaf_render_append (r, "\u2028", -1);
          add_widget (r, widget, r->left + r->right);
          if (is_block && cmark_node_next (node) != NULL)
            _sheaf_render_append (r, "\u2028", -1);
        }
      else
        {
          _sheaf_render_inlines (r, node);
          if (link != NULL)
            add_link_span (r, start, link);
        }
    }
  else if (sheaf_markdown_node_is_tag (node))
    {
      Span *span;

      _sheaf_render_inlines (r, node);
      span = _sheaf_render_add_span (r, SPAN_TAG, start, r->pos);
      span->text = g_strdup (sheaf_markdown_node_get_tag (node));
      _sheaf_render_add_run (r, start, r->pos, r->view->tag_tag);
    }
  else if (sheaf_markdown_node_is_math (node))
    {
      render_code_span (r, sheaf_markdown_node_get_literal (node), "math");
    }
  else if (sheaf_markdown_node_is_comment (node))
    {
      /* hidden */
    }
  else
    {
      _sheaf_render_inlines (r, node);
    }
}

void
_sheaf_render_inlines (Render     *r,
                       cmark_node *parent)
{
  for (cmark_node *child = cmark_node_first_child (parent); child != NULL;
       child = cmark_node_next (child))
    render_inline (r, child);
}

static gboolean
is_blank_text (cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);
  const char *literal;

  if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
    return TRUE;
  if (type != CMARK_NODE_TEXT)
    return FALSE;

  literal = cmark_node_get_literal (node);
  for (; literal != NULL && *literal != '\0'; literal++)
    if (!g_ascii_isspace (*literal))
      return FALSE;

  return TRUE;
}

static gboolean
is_embed (cmark_node *node)
{
  const SheafLink *link;

  if (cmark_node_get_type (node) == CMARK_NODE_IMAGE)
    return TRUE;
  if (!sheaf_markdown_node_is_wikilink (node))
    return FALSE;
  link = sheaf_markdown_node_get_link (node);

  return link != NULL && link->kind == SHEAF_LINK_EMBED;
}

/* A paragraph of embeds alone: each one becomes a block of its own. */
gboolean
_sheaf_render_is_block_embed (Render     *r,
                              cmark_node *paragraph)
{
  gboolean any = FALSE;

  for (cmark_node *c = cmark_node_first_child (paragraph); c != NULL; c = cmark_node_next (c))
    {
      if (is_embed (c))
        any = TRUE;
      else if (!is_blank_text (c))
        return FALSE;
    }

  return any;
}

void
_sheaf_render_block_embed (Render     *r,
                           cmark_node *paragraph)
{
  for (cmark_node *c = cmark_node_first_child (paragraph); c != NULL; c = cmark_node_next (c))
    {
      const SheafLink *link = sheaf_markdown_node_get_link (c);
      GtkWidget *widget = NULL;
      gboolean is_block;

      if (!is_embed (c))
        continue;
      if (cmark_node_get_type (c) == CMARK_NODE_IMAGE)
        widget = image_widget (r, c);
      else if (link != NULL)
        widget = embed_widget (r, link, &is_block);

      if (widget != NULL)
        {
          _sheaf_render_widget_leaf (r, paragraph, widget,
                                     cmark_node_get_type (c) == CMARK_NODE_IMAGE ||
                                     GTK_IS_PICTURE (widget) ||
                                     _sheaf_preview_is_image_widget (widget) ?
                                     _sheaf_preview_image_resize : NULL);
        }
      else
        {
          /* Not an image nor a note: a link to the file. */
          _sheaf_render_begin_leaf (r, paragraph);
          {
            int start = r->pos;

            _sheaf_render_inlines (r, c);
            if (link != NULL)
              add_link_span (r, start, link);
          }
          _sheaf_render_end_leaf (r);
        }
    }
}

/* Pango markup, for table cells */

static void
markup_inline (SheafPreviewView *view,
               const RenderEnv  *env,
               GString          *out,
               cmark_node       *node,
               GPtrArray        *links);

static void
markup_children (SheafPreviewView *view,
                 const RenderEnv  *env,
                 GString          *out,
                 cmark_node       *parent,
                 GPtrArray        *links)
{
  for (cmark_node *c = cmark_node_first_child (parent); c != NULL; c = cmark_node_next (c))
    markup_inline (view, env, out, c, links);
}

static void
markup_text (GString    *out,
             const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

static void
markup_inline (SheafPreviewView *view,
               const RenderEnv  *env,
               GString          *out,
               cmark_node       *node,
               GPtrArray        *links)
{
  cmark_node_type type = cmark_node_get_type (node);

  if (type == CMARK_NODE_TEXT || type == CMARK_NODE_HTML_INLINE)
    {
      markup_text (out, cmark_node_get_literal (node));
    }
  else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
    {
      g_string_append_c (out, type == CMARK_NODE_SOFTBREAK ? ' ' : '\n');
    }
  else if (type == CMARK_NODE_CODE || sheaf_markdown_node_is_math (node))
    {
      g_string_append (out, "<tt>");
      markup_text (out, type == CMARK_NODE_CODE ? cmark_node_get_literal (node) :
                        sheaf_markdown_node_get_literal (node));
      g_string_append (out, "</tt>");
    }
  else if (type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG ||
           type == CMARK_NODE_STRIKETHROUGH || sheaf_markdown_node_is_highlight (node))
    {
      const char *open = type == CMARK_NODE_EMPH ? "<i>" :
                         type == CMARK_NODE_STRONG ? "<b>" :
                         type == CMARK_NODE_STRIKETHROUGH ? "<s>" : "<span background=\"#ffd00066\">";
      const char *close = type == CMARK_NODE_EMPH ? "</i>" :
                          type == CMARK_NODE_STRONG ? "</b>" :
                          type == CMARK_NODE_STRIKETHROUGH ? "</s>" : "</span>";

      g_string_append (out, open);
      markup_children (view, env, out, node, links);
      g_string_append (out, close);
    }
  else if (sheaf_markdown_node_is_wikilink (node) || type == CMARK_NODE_LINK)
    {
      const SheafLink *link = sheaf_markdown_node_get_link (node);
      const char *url = type == CMARK_NODE_LINK ? cmark_node_get_url (node) : NULL;

      if (link != NULL)
        {
          SheafLink *copy = g_new0 (SheafLink, 1);

          _sheaf_preview_copy_link (copy, link);
          g_ptr_array_add (links, copy);
          g_string_append_printf (out, "<a href=\"sheaf-link:%u\">", links->len - 1);
          markup_children (view, env, out, node, links);
          g_string_append (out, "</a>");
        }
      else if (_sheaf_preview_is_external_uri (url))
        {
          g_autofree char *escaped = g_markup_escape_text (url, -1);

          g_string_append_printf (out, "<a href=\"%s\">", escaped);
          markup_children (view, env, out, node, links);
          g_string_append (out, "</a>");
        }
      else
        {
          markup_children (view, env, out, node, links);
        }
    }
  else if (sheaf_markdown_node_is_comment (node))
    {
    }
  else if (type == CMARK_NODE_FOOTNOTE_REFERENCE)
    {
      g_string_append (out, "<sup>");
      markup_text (out, cmark_node_get_literal (node));
      g_string_append (out, "</sup>");
    }
  else
    {
      markup_children (view, env, out, node, links);
    }
}

char *
_sheaf_render_inline_markup (SheafPreviewView *view,
                             const RenderEnv  *env,
                             cmark_node       *parent,
                             GPtrArray        *links)
{
  GString *out = g_string_new (NULL);

  markup_children (view, env, out, parent, links);

  return g_string_free (out, FALSE);
}
