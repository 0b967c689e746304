/* sheaf-markdown-props.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-markdown"

#include "config.h"

#include <string.h>

#include "sheaf-frontmatter.h"
#include "sheaf-markdown-private.h"

/* Links written in the frontmatter, as Obsidian (since 1.4) has them:
 *
 *   categories:
 *     - "[[Books]]"
 *   cover: "[[out-of-control.jpg]]"
 *
 * Every string value of a property, and every string item of a list, that
 * holds [[…]] or ![[…]] gives links, split as the body's are. They come first
 * in the result's links, before the body's, and say which key they are in
 * (SheafLink.property): backlinks, --check, the outgoing list and renames see
 * them with no more work. Their line is the value's; their span is the bytes
 * of [[…]] in the file when the value is written as is (plain, or quoted
 * without escapes), else empty at the value's start, which nothing edits.
 * tags, aliases and cssclasses hold names, never links. */

static gboolean
holds_names (const char *key)
{
  static const char * const keys[] = {
    "tags", "tag", "aliases", "alias", "cssclasses", "cssclass",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strcmp (key, keys[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The links in one string @value, written at file byte @source (-1: not as
 * is) on line @line. */
static void
add_value_links (Ctx        *ctx,
                 const char *key,
                 const char *value,
                 gssize      source,
                 SheafSpan   node_span,
                 guint       line)
{
  const char *p = value;
  const char *open;

  while ((open = strstr (p, "[[")) != NULL)
    {
      const char *close = strstr (open + 2, "]]");
      const char *next;
      const char *start;
      SheafLink link = { 0 };
      gsize raw_len;

      if (close == NULL)
        return;

      /* "[[a [[b]]": the last opener before the closer wins, as in the body. */
      while ((next = strstr (open + 1, "[[")) != NULL && next < close)
        open = next;

      if (memchr (open, '\n', close - open) != NULL)
        {
          p = close + 2;
          continue;
        }

      start = open > value && open[-1] == '!' ? open - 1 : open;
      link.kind = start < open ? SHEAF_LINK_EMBED : SHEAF_LINK_WIKILINK;
      if (!_sheaf_markdown_split_wikilink (ctx, open + 2, close - open - 2, &link))
        {
          p = close + 2;
          continue;
        }

      raw_len = close + 2 - start;
      link.raw = _sheaf_markdown_intern (ctx, start, raw_len);
      link.property = _sheaf_markdown_intern (ctx, key, -1);
      link.line = line;
      if (source >= 0)
        {
          link.span.start = source + (start - value);
          link.span.end = link.span.start + raw_len;
          /* A value written as is may run over lines (a quoted one). */
          for (const char *c = value; c < start; c++)
            if (*c == '\n')
              link.line++;
        }
      else
        {
          link.span.start = link.span.end = node_span.start;
        }

      g_array_append_val (ctx->links, link);
      p = close + 2;
    }
}

static void
add_from_frontmatter (Ctx              *ctx,
                      SheafFrontmatter *fm)
{
  guint n = sheaf_frontmatter_get_n_properties (fm);

  for (guint i = 0; i < n; i++)
    {
      SheafProperty *property = sheaf_frontmatter_get_property (fm, i);
      const char *key = sheaf_property_get_key (property);

      if (holds_names (key))
        continue;

      switch ((int) sheaf_property_get_value_type (property))
        {
        case SHEAF_VALUE_STRING:
          {
            const char *value = sheaf_property_get_scalar (property);

            if (value != NULL && strstr (value, "[[") != NULL)
              add_value_links (ctx, key, value, sheaf_property_get_value_source (property),
                               sheaf_property_get_value_span (property),
                               sheaf_property_get_value_line (property));
          }
          break;

        case SHEAF_VALUE_LIST:
          for (guint j = 0; j < sheaf_property_get_n_items (property); j++)
            {
              const char *item = sheaf_property_get_item (property, j);

              if (sheaf_property_get_item_type (property, j) != SHEAF_VALUE_STRING ||
                  strstr (item, "[[") == NULL)
                continue;
              add_value_links (ctx, key, item, sheaf_property_get_item_source (property, j),
                               sheaf_property_get_item_span (property, j),
                               sheaf_property_get_item_line (property, j));
            }
          break;

        default:
          break;
        }
    }
}

/* Copies of @links, their strings interned in @ctx. */
static void
add_copies (Ctx             *ctx,
            const SheafLink *links,
            guint            n_links)
{
  for (guint i = 0; i < n_links; i++)
    {
      SheafLink link = links[i];

      link.raw = _sheaf_markdown_intern (ctx, links[i].raw, -1);
      link.target = _sheaf_markdown_intern (ctx, links[i].target, -1);
      link.fragment = _sheaf_markdown_intern (ctx, links[i].fragment, -1);
      link.display = _sheaf_markdown_intern (ctx, links[i].display, -1);
      link.property = _sheaf_markdown_intern (ctx, links[i].property, -1);
      g_array_append_val (ctx->links, link);
    }
}

/* Appends the frontmatter's links to @ctx, before the body's. */
void
_sheaf_markdown_add_property_links (Ctx                 *ctx,
                                    const PropertyLinks *props)
{
  if (props == NULL)
    return;

  if (props->frontmatter != NULL)
    add_from_frontmatter (ctx, props->frontmatter);
  else
    add_copies (ctx, props->links, props->n_links);
}

/* How many of @self's links are the frontmatter's (they come first). */
guint
_sheaf_markdown_n_property_links (SheafParseResult *self)
{
  const SheafLink *links;
  guint n = 0, i = 0;

  links = sheaf_parse_result_get_links (self, &n);
  while (i < n && links[i].property != NULL)
    i++;

  return i;
}
