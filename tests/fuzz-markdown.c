/* fuzz-markdown.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sheaf-markdown.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static volatile gsize sink;

static void
touch (const char *s)
{
  if (s != NULL)
    sink += strlen (s);
}

static void
check_span (SheafSpan span,
            gsize     size)
{
  g_assert_cmpuint (span.start, <=, span.end);
  g_assert_cmpuint (span.end, <=, size);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  /* Use the first byte to pick a body offset, so line translation is fuzzed too. */
  gsize body_offset = size > 0 ? data[0] % (size + 1) : 0;
  g_autoptr(SheafParseResult) result = sheaf_markdown_parse (text, size, body_offset,
                                                             SHEAF_PARSE_KEEP_TREE);
  const SheafHeading *headings;
  const SheafLink *links;
  const SheafTag *tags;
  const SheafCallout *callouts;
  const SheafBlockId *ids;
  cmark_iter *iter;
  cmark_event_type ev;
  guint n;

  headings = sheaf_parse_result_get_headings (result, &n);
  for (guint i = 0; i < n; i++)
    {
      touch (headings[i].text);
      check_span (headings[i].span, size);
    }
  links = sheaf_parse_result_get_links (result, &n);
  for (guint i = 0; i < n; i++)
    {
      touch (links[i].raw);
      touch (links[i].target);
      touch (links[i].fragment);
      touch (links[i].display);
      g_assert_true (g_utf8_validate (links[i].target, -1, NULL));
      check_span (links[i].span, size);
    }
  tags = sheaf_parse_result_get_tags (result, &n);
  for (guint i = 0; i < n; i++)
    {
      touch (tags[i].name);
      check_span (tags[i].span, size);
    }
  callouts = sheaf_parse_result_get_callouts (result, &n);
  for (guint i = 0; i < n; i++)
    {
      touch (callouts[i].type);
      touch (callouts[i].meta);
      touch (callouts[i].title);
      g_assert_cmpuint (callouts[i].depth, >=, 1);
    }
  ids = sheaf_parse_result_get_block_ids (result, &n);
  for (guint i = 0; i < n; i++)
    touch (ids[i].id);

  iter = cmark_iter_new (sheaf_parse_result_get_document (result));
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (ev != CMARK_EVENT_ENTER)
        continue;
      touch (cmark_node_get_literal (node));
      touch (sheaf_markdown_node_get_literal (node));
      touch (sheaf_markdown_node_get_tag (node));
      touch (sheaf_markdown_node_get_block_id (node));
      if (sheaf_markdown_node_get_link (node) != NULL)
        touch (sheaf_markdown_node_get_link (node)->target);
      if (sheaf_markdown_node_is_callout (node))
        touch (sheaf_markdown_node_get_callout (node)->title);
      sink += sheaf_markdown_node_is_wikilink (node) + sheaf_markdown_node_is_highlight (node) +
              sheaf_markdown_node_is_comment (node) + sheaf_markdown_node_is_math (node) +
              sheaf_markdown_node_is_callout_title (node);
    }
  cmark_iter_free (iter);

  return 0;
}
