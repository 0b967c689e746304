/* sheaf-markdown-scan.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-markdown"

#include "config.h"

#include <string.h>

#include "sheaf-markdown-private.h"

/* Tokens cmark's inline parser does not know, found in the raw bytes of a
 * block's text segments: [[wikilinks]], ![[embeds]], #tags, %%comments%% and
 * $math$. Each token's nodes are replaced by one node of ours. */

typedef enum
{
  FIND_WIKI_CLOSE,
  FIND_WIKI_OPEN,
  FIND_COMMENT_CLOSE,
  FIND_MATH_CLOSE,
  FIND_DISPLAY_MATH_CLOSE,
  N_FINDS
} FindKind;

/* The last answer of each search, so a line of a thousand unclosed "[[" is
 * searched once and not a thousand times. */
typedef struct
{
  gboolean valid;
  gboolean found;
  guint    from_seg;
  gsize    from;
  guint    seg;     /* found: where; not found: the segment that stopped it */
  gsize    at;
} Memo;

/* The bytes a token starts with: %%, [[, ![[, $, #. */
static const gboolean opens_token[256] = {
  ['%'] = TRUE, ['['] = TRUE, ['!'] = TRUE, ['$'] = TRUE, ['#'] = TRUE,
};

/* An interned string while the parse runs. */
static inline const char *
peek_string (Ctx  *ctx,
             char *interned)
{
  return interned == NO_STRING ? NULL : ctx->strings->str + GPOINTER_TO_SIZE (interned) - 1;
}

static gboolean
is_escaped (Ctx   *ctx,
            gsize  i)
{
  gsize n = 0;

  while (i > n && ctx->content[i - n - 1] == '\\')
    n++;

  return n % 2 == 1;
}

static gboolean
match_at (Ctx      *ctx,
          FindKind  kind,
          gsize     i,
          gsize     end)
{
  const char *c = ctx->content;

  switch (kind)
    {
    case FIND_WIKI_CLOSE:
      return c[i] == ']' && i + 1 < end && c[i + 1] == ']';

    case FIND_WIKI_OPEN:
      return c[i] == '[' && i + 1 < end && c[i + 1] == '[' && !is_escaped (ctx, i);

    case FIND_COMMENT_CLOSE:
      return c[i] == '%' && i + 1 < end && c[i + 1] == '%' && !is_escaped (ctx, i);

    case FIND_DISPLAY_MATH_CLOSE:
      return c[i] == '$' && i + 1 < end && c[i + 1] == '$' && !is_escaped (ctx, i);

    case FIND_MATH_CLOSE:
      /* Pandoc's rule, which Obsidian follows: "$5 and $6" is no math. */
      return c[i] == '$' && !is_escaped (ctx, i) &&
             i > 0 && c[i - 1] != ' ' && c[i - 1] != '\t' &&
             !(i + 1 < ctx->content_len && (g_ascii_isdigit (c[i + 1]) || c[i + 1] == '$'));

    case N_FINDS:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static gboolean
find_forward (Ctx      *ctx,
              Memo     *memo,
              FindKind  kind,
              guint     from_seg,
              gsize     from,
              guint    *seg_out,
              gsize    *at_out)
{
  gboolean cross_breaks = kind == FIND_COMMENT_CLOSE || kind == FIND_MATH_CLOSE ||
                          kind == FIND_DISPLAY_MATH_CLOSE;
  gboolean cross_barriers = kind == FIND_COMMENT_CLOSE;
  guint n = ctx->segments->len;
  guint si;

  if (memo->valid && (from_seg > memo->from_seg ||
                      (from_seg == memo->from_seg && from >= memo->from)))
    {
      if (memo->found && (memo->seg > from_seg || (memo->seg == from_seg && memo->at >= from)))
        {
          *seg_out = memo->seg;
          *at_out = memo->at;
          return TRUE;
        }
      if (!memo->found && from_seg < memo->seg)
        return FALSE;
    }

  memo->valid = TRUE;
  memo->from_seg = from_seg;
  memo->from = from;
  memo->found = FALSE;

  for (si = from_seg; si < n; si++)
    {
      Segment *sg = _sheaf_markdown_segment (ctx, si);

      if (sg->node == NULL)
        continue;
      if (sg->kind == SEG_BREAK && !cross_breaks)
        break;
      if (sg->kind == SEG_BARRIER && !cross_barriers)
        break;
      if (sg->kind != SEG_TEXT)
        continue;

      for (gsize i = MAX (sg->s, si == from_seg ? from : 0); i < sg->e; i++)
        if (match_at (ctx, kind, i, sg->e))
          {
            memo->found = TRUE;
            memo->seg = *seg_out = si;
            memo->at = *at_out = i;
            return TRUE;
          }
    }
  memo->seg = si;

  return FALSE;
}

static char *
intern_trimmed (Ctx        *ctx,
                const char *s,
                gsize       len)
{
  gsize start = 0, end = len;

  _sheaf_markdown_trim_range (s, &start, &end);

  return _sheaf_markdown_intern (ctx, s + start, end - start);
}

/**
 * _sheaf_markdown_split_wikilink:
 * @inner: what is between "[[" and "]]"
 * @len: its length
 * @link: (out): its target, fragment and display, interned
 *
 * Target, fragment and display per DESIGN §3: the same split for links in
 * the body and in the frontmatter (sheaf-markdown-props.c).
 *
 * Returns: %FALSE, with nothing interned, when there is nothing to link to
 */
gboolean
_sheaf_markdown_split_wikilink (Ctx        *ctx,
                                const char *inner,
                                gsize       len,
                                SheafLink  *link)
{
  const char *bar = memchr (inner, '|', len);
  gsize target_len = bar != NULL ? (gsize) (bar - inner) : len;
  const char *hash;

  /* In a table the separator is written \|; elsewhere take it too. */
  if (bar != NULL && target_len > 0 && inner[target_len - 1] == '\\')
    target_len--;

  hash = memchr (inner, '#', target_len);
  link->fragment = NO_STRING;
  link->display = NO_STRING;
  if (hash != NULL)
    {
      link->target = intern_trimmed (ctx, inner, hash - inner);
      if (inner + target_len - hash - 1 > 0)
        link->fragment = intern_trimmed (ctx, hash + 1, inner + target_len - hash - 1);
    }
  else
    {
      link->target = intern_trimmed (ctx, inner, target_len);
    }

  if (*peek_string (ctx, link->target) == '\0' && link->fragment == NO_STRING)
    {
      /* "[[]]" or "[[|x]]": nothing to link to. Drop what we interned. */
      g_string_truncate (ctx->strings, GPOINTER_TO_SIZE (link->target) - 1);
      return FALSE;
    }

  if (bar != NULL)
    link->display = intern_trimmed (ctx, bar + 1, inner + len - bar - 1);

  return TRUE;
}

/* [[inner]]: target, fragment and display per DESIGN §3. */
static gboolean
make_wikilink (Ctx           *ctx,
               SheafLinkKind  kind,
               gsize          start,
               gsize          inner_start,
               gsize          inner_end,
               cmark_node   **node_out)
{
  SheafLink link = { 0 };
  GString *shown;
  cmark_node *node;
  guint line;

  link.kind = kind;
  if (!_sheaf_markdown_split_wikilink (ctx, ctx->content + inner_start, inner_end - inner_start,
                                       &link))
    return FALSE;

  _sheaf_markdown_content_span (ctx, start, inner_end + 2, &link.span, &line);
  link.line = line;
  if (link.span.end > link.span.start)
    link.raw = _sheaf_markdown_intern (ctx, ctx->body + link.span.start - ctx->body_offset,
                                       link.span.end - link.span.start);
  else
    link.raw = _sheaf_markdown_intern (ctx, ctx->content + start, inner_end + 2 - start);

  node = _sheaf_markdown_new_node (ctx, ctx->syn->wikilink);
  g_array_append_val (ctx->pending_links, link);
  cmark_node_set_user_data (node, GUINT_TO_POINTER (ctx->pending_links->len));
  *node_out = node;

  if (!ctx->literals)
    return TRUE;

  /* What to show: the display text, else the target and fragment the way
   * Obsidian writes them ("Note > Heading"). Embeds keep their size in
   * display and show the target. */
  shown = g_string_new (NULL);
  if (link.display != NO_STRING && kind == SHEAF_LINK_WIKILINK &&
      *peek_string (ctx, link.display) != '\0')
    {
      g_string_append (shown, peek_string (ctx, link.display));
    }
  else
    {
      const char *target = peek_string (ctx, link.target);
      const char *fragment = peek_string (ctx, link.fragment);

      g_string_append (shown, target);
      if (fragment != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (fragment, "#", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            {
              if (shown->len > 0)
                g_string_append (shown, " > ");
              g_string_append (shown, parts[i]);
            }
        }
    }

  _sheaf_markdown_raw_append_child (node, _sheaf_markdown_new_text (ctx, shown->str));
  g_string_free (shown, TRUE);

  return TRUE;
}

cmark_node *
_sheaf_markdown_make_literal_node (Ctx             *ctx,
                                   cmark_node_type  type,
                                   gsize            s,
                                   gsize            e)
{
  cmark_node *node = _sheaf_markdown_new_node (ctx, type);

  if (!ctx->literals)
    return node;

  g_string_truncate (ctx->scratch, 0);
  g_string_append_len (ctx->scratch, ctx->content + s, e - s);
  cmark_node_set_string_content (node, ctx->scratch->str);

  return node;
}

/* The end of a tag starting at content[i] == '#', or i when there is none. */
static gsize
scan_tag (Ctx   *ctx,
          gsize  i,
          gsize  end)
{
  const char *c = ctx->content;
  gboolean non_digit = FALSE;
  gsize j = i + 1;

  while (j < end)
    {
      guchar ch = c[j];

      if (ch < 0x80)
        {
          if (g_ascii_isdigit (ch))
            {
              j++;
              continue;
            }
          if (!g_ascii_isalpha (ch) && ch != '_' && ch != '-' && ch != '/')
            break;
          non_digit = TRUE;
          j++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (c + j, end - j);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            break;

          switch (g_unichar_type (u))
            {
            case G_UNICODE_CONNECT_PUNCTUATION:
            case G_UNICODE_DASH_PUNCTUATION:
            case G_UNICODE_CLOSE_PUNCTUATION:
            case G_UNICODE_FINAL_PUNCTUATION:
            case G_UNICODE_INITIAL_PUNCTUATION:
            case G_UNICODE_OTHER_PUNCTUATION:
            case G_UNICODE_OPEN_PUNCTUATION:
            case G_UNICODE_SPACE_SEPARATOR:
            case G_UNICODE_LINE_SEPARATOR:
            case G_UNICODE_PARAGRAPH_SEPARATOR:
            case G_UNICODE_CONTROL:
              goto done;

            default:
              /* Letters of any script, marks, other numbers, emoji (symbols,
               * variation selectors, the zero-width joiner). */
              break;
            }
          non_digit = TRUE;
          j = g_utf8_next_char (c + j) - c;
        }
    }

done:
  return non_digit ? MIN (j, end) : i;
}

/* The node for the tag content[start, end), its fact pending until the
 * block's facts are collected. */
static cmark_node *
make_tag (Ctx   *ctx,
          gsize  start,
          gsize  end)
{
  const char *c = ctx->content;
  SheafTag tag = { 0 };
  cmark_node *node;
  guint tag_line;

  tag.name = _sheaf_markdown_intern (ctx, c + start + 1, end - start - 1);
  _sheaf_markdown_content_span (ctx, start, end, &tag.span, &tag_line);
  tag.line = tag_line;
  g_array_append_val (ctx->pending_tags, tag);

  node = _sheaf_markdown_new_node (ctx, ctx->syn->tag);
  cmark_node_set_user_data (node, GUINT_TO_POINTER (ctx->pending_tags->len));
  if (ctx->literals)
    {
      g_string_truncate (ctx->scratch, 0);
      g_string_append_len (ctx->scratch, c + start, end - start);
      _sheaf_markdown_raw_append_child (node, _sheaf_markdown_new_text (ctx, ctx->scratch->str));
    }

  return node;
}

void
_sheaf_markdown_scan_tokens (Ctx *ctx)
{
  Memo memos[N_FINDS] = { { 0 } };
  const char *c = ctx->content;

  for (guint si = 0; si < ctx->segments->len; si++)
    {
      gsize i;

      if (_sheaf_markdown_segment (ctx, si)->node == NULL ||
          _sheaf_markdown_segment (ctx, si)->kind != SEG_TEXT ||
          _sheaf_markdown_segment (ctx, si)->in_link)
        continue;

      i = _sheaf_markdown_segment (ctx, si)->s;
      while (i < _sheaf_markdown_segment (ctx, si)->e)
        {
          Segment *sg = _sheaf_markdown_segment (ctx, si);
          guchar ch;
          cmark_node *node = NULL;
          guint close_seg;
          gsize close_at, start, end;

          /* Almost every byte opens nothing: pass those in a tight loop. */
          while (i < sg->e && !opens_token[(guchar) c[i]])
            i++;
          if (i == sg->e)
            break;
          ch = c[i];
          start = end = i;

          if (ch == '%' && i + 1 < sg->e && c[i + 1] == '%' && !is_escaped (ctx, i))
            {
              if (find_forward (ctx, &memos[FIND_COMMENT_CLOSE], FIND_COMMENT_CLOSE,
                                si, i + 2, &close_seg, &close_at))
                {
                  node = _sheaf_markdown_make_literal_node (ctx, ctx->syn->comment,
                                                            i + 2, close_at);
                  end = close_at + 2;
                }
            }
          else if ((ch == '[' || (ch == '!' && i + 1 < sg->e && c[i + 1] == '[')) &&
                   !is_escaped (ctx, i))
            {
              gsize open = ch == '!' ? i + 1 : i;
              guint next_seg;
              gsize next_open;

              if (match_at (ctx, FIND_WIKI_OPEN, open, sg->e) &&
                  find_forward (ctx, &memos[FIND_WIKI_CLOSE], FIND_WIKI_CLOSE,
                                si, open + 2, &close_seg, &close_at) &&
                  /* "[[a [[b]]": the last opener before the closer wins. */
                  !(find_forward (ctx, &memos[FIND_WIKI_OPEN], FIND_WIKI_OPEN,
                                  si, open + 1, &next_seg, &next_open) &&
                    (next_seg < close_seg || (next_seg == close_seg && next_open < close_at))) &&
                  make_wikilink (ctx, ch == '!' ? SHEAF_LINK_EMBED : SHEAF_LINK_WIKILINK,
                                 i, open + 2, close_at, &node))
                end = close_at + 2;
            }
          else if (ch == '$' && !is_escaped (ctx, i))
            {
              if (i + 1 < sg->e && c[i + 1] == '$')
                {
                  if (find_forward (ctx, &memos[FIND_DISPLAY_MATH_CLOSE], FIND_DISPLAY_MATH_CLOSE,
                                    si, i + 2, &close_seg, &close_at) &&
                      close_at > i + 2)
                    {
                      node = _sheaf_markdown_make_literal_node (ctx, ctx->syn->math,
                                                                i + 2, close_at);
                      end = close_at + 2;
                    }
                }
              else if (i + 1 < sg->e && c[i + 1] != ' ' && c[i + 1] != '\t' &&
                       find_forward (ctx, &memos[FIND_MATH_CLOSE], FIND_MATH_CLOSE,
                                     si, i + 1, &close_seg, &close_at))
                {
                  node = _sheaf_markdown_make_literal_node (ctx, ctx->syn->math, i + 1, close_at);
                  end = close_at + 1;
                }
            }
          else if (ch == '#')
            {
              guint line = _sheaf_markdown_content_line_of (ctx, i);
              gboolean at_start = i == g_array_index (ctx->cls, gsize, line);

              if (at_start || c[i - 1] == ' ' || c[i - 1] == '\t')
                {
                  gsize tag_end = scan_tag (ctx, i, sg->e);

                  if (tag_end > i + 1)
                    {
                      node = make_tag (ctx, i, tag_end);
                      close_seg = si;
                      end = tag_end;
                    }
                }
            }

          if (node == NULL)
            {
              i++;
              continue;
            }

          _sheaf_markdown_replace_range (ctx, si, start, close_seg, end, node);
          si = close_seg;
          if (_sheaf_markdown_segment (ctx, si)->node == NULL)
            break;
          i = end;
        }
    }
}
