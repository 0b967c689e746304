/* sheaf-complete.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-complete"

#include "config.h"

#include <string.h>

#include "sheaf-complete.h"

/* Where the cursor is, read from the text of its line alone (plus, for code
 * blocks and frontmatter, the lines above): the editor asks on every
 * keystroke, so this never waits for a parse of the note, which lags the
 * buffer by a debounce. The rules are DESIGN.md §3's, for the cases that
 * matter while typing. */

/**
 * sheaf_complete_is_tag_char:
 * @ch: a character
 *
 * The characters of a tag (DESIGN.md §3), as sheaf-markdown-scan.c reads
 * them: letters of any script, digits, emoji, `_ - /`; punctuation and
 * spaces end a tag.
 *
 * Returns: whether @ch may be part of a tag
 */
gboolean
sheaf_complete_is_tag_char (gunichar ch)
{
  if (ch < 0x80)
    return g_ascii_isalnum (ch) || ch == '_' || ch == '-' || ch == '/';

  switch (g_unichar_type (ch))
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
      return FALSE;

    default:
      return TRUE;
    }
}

/* Whether @at is inside a code span that opens earlier in the line. An
 * opening run of backticks with no closing run yet counts: while typing
 * `` `#x ``, the closing backtick is usually still to come. */
static gboolean
in_code_span (const char *line,
              gsize       at)
{
  gsize open = 0;
  gsize i = 0;

  while (i < at)
    {
      gsize run = 0;

      if (line[i] == '\\' && open == 0 && i + 1 < at)
        {
          i += 2;
          continue;
        }

      while (i + run < at && line[i + run] == '`')
        run++;

      if (run == 0)
        {
          i++;
          continue;
        }

      if (open == 0)
        open = run;
      else if (open == run)
        open = 0;

      i += run;
    }

  return open != 0;
}

/* The position just past the last "[[" before @cursor that no "]]" closes
 * before it, or 0. */
static gsize
find_link_open (const char *line,
                gsize       cursor)
{
  for (gsize j = cursor; j >= 2; j--)
    {
      if (line[j - 1] == ']' && line[j - 2] == ']')
        return 0;
      if (line[j - 1] == '[' && line[j - 2] == '[')
        return j;
    }

  return 0;
}

/* What follows the cursor in a link: the rest of the target (up to one of
 * @stops) is replaced too, and an existing "]]" is taken in so that a choice
 * never doubles it. Text after the cursor that no "]]" closes on this line
 * belongs to something else and is left alone. */
static void
find_link_tail (const char           *line,
                gsize                 length,
                gsize                 cursor,
                const char           *stops,
                SheafCompleteContext *out)
{
  gsize close = G_MAXSIZE;

  out->tail = SHEAF_COMPLETE_TAIL_OPEN;
  out->end = cursor;

  for (gsize k = cursor; k + 1 < length; k++)
    {
      if (line[k] == '[' && line[k + 1] == '[')
        return;
      if (line[k] == ']' && line[k + 1] == ']')
        {
          close = k;
          break;
        }
    }

  if (close == G_MAXSIZE)
    return;

  for (gsize k = cursor; k < close; k++)
    if (strchr (stops, line[k]) != NULL)
      {
        out->tail = SHEAF_COMPLETE_TAIL_CONTINUED;
        out->end = k;
        return;
      }

  out->tail = SHEAF_COMPLETE_TAIL_CLOSED;
  out->end = close + 2;
}

static gboolean
find_link (const char           *line,
           gsize                 length,
           gsize                 cursor,
           SheafCompleteContext *out)
{
  gsize open = find_link_open (line, cursor);
  const char *content = line + open;
  gsize content_len = cursor - open;
  const char *hash;

  if (open == 0 || in_code_span (line, open - 2))
    return FALSE;

  /* After the pipe comes display text: nothing to complete. */
  if (memchr (content, '|', content_len) != NULL)
    return FALSE;

  out->embed = open >= 3 && line[open - 3] == '!';
  hash = memchr (content, '#', content_len);

  if (hash == NULL)
    {
      out->kind = SHEAF_COMPLETE_LINK;
      out->start = open;
      find_link_tail (line, length, cursor, "|#", out);
    }
  else
    {
      const char *last = hash;
      const char *next;

      out->target = g_strstrip (g_strndup (content, hash - content));

      if (hash + 1 < line + cursor && hash[1] == '^')
        {
          out->kind = SHEAF_COMPLETE_BLOCK;
          out->start = hash + 2 - line;
        }
      else
        {
          /* [[Note#H1#H2: the last heading is the one being typed. */
          while ((next = memchr (last + 1, '#', line + cursor - last - 1)) != NULL)
            last = next;
          out->kind = SHEAF_COMPLETE_HEADING;
          out->start = last + 1 - line;
        }
      find_link_tail (line, length, cursor, "|#", out);
    }

  out->query = g_strndup (line + out->start, cursor - out->start);

  return TRUE;
}

static gsize
skip_tag_chars_forward (const char *line,
                        gsize       length,
                        gsize       at)
{
  while (at < length)
    {
      gunichar ch = g_utf8_get_char_validated (line + at, length - at);

      if (ch == (gunichar)-1 || ch == (gunichar)-2 || !sheaf_complete_is_tag_char (ch))
        break;
      at = g_utf8_next_char (line + at) - line;
    }

  return at;
}

static gboolean
find_tag (const char           *line,
          gsize                 length,
          gsize                 cursor,
          SheafCompleteContext *out)
{
  gsize start = cursor;
  gsize hash;

  while (start > 0)
    {
      const char *prev = g_utf8_find_prev_char (line, line + start);
      gunichar ch = prev != NULL ? g_utf8_get_char_validated (prev, line + start - prev) : 0;

      if (prev == NULL || ch == (gunichar)-1 || ch == (gunichar)-2 ||
          !sheaf_complete_is_tag_char (ch))
        break;
      start = prev - line;
    }

  if (start == 0 || line[start - 1] != '#')
    return FALSE;

  /* After a space or at the start of the line: not a#b, not a URL's /#x. */
  hash = start - 1;
  if (hash > 0 && line[hash - 1] != ' ' && line[hash - 1] != '\t')
    return FALSE;

  /* "# " is a heading, not a tag. */
  if (start == cursor && cursor < length && (line[cursor] == ' ' || line[cursor] == '\t'))
    return FALSE;

  if (in_code_span (line, hash))
    return FALSE;

  out->kind = SHEAF_COMPLETE_TAG;
  out->start = start;
  out->end = skip_tag_chars_forward (line, length, cursor);
  out->query = g_strndup (line + start, cursor - start);

  return TRUE;
}

/**
 * sheaf_complete_find_context:
 * @line: the text of the cursor's line, without its line break
 * @length: its length in bytes
 * @cursor: the cursor's byte offset in @line
 * @out: (out caller-allocates): the context; clear it with
 *   sheaf_complete_context_clear()
 *
 * Finds what the cursor is completing: a link's target (`[[`, `![[`), a
 * heading or block of a note (`[[Note#`, `[[#`, `[[Note#^`), or a tag (`#`
 * after a space or at the start of the line). Nothing after a link's `|`,
 * in a code span, in `a#b` or in a heading's `# `.
 *
 * Returns: whether there is something to complete
 */
gboolean
sheaf_complete_find_context (const char           *line,
                             gsize                 length,
                             gsize                 cursor,
                             SheafCompleteContext *out)
{
  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (cursor <= length, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (find_link (line, length, cursor, out) || find_tag (line, length, cursor, out))
    return TRUE;

  sheaf_complete_context_clear (out);

  return FALSE;
}

void
sheaf_complete_context_clear (SheafCompleteContext *context)
{
  g_clear_pointer (&context->query, g_free);
  g_clear_pointer (&context->target, g_free);
  memset (context, 0, sizeof *context);
}

static gboolean
line_is (const char *line,
         gsize       len,
         const char *fence)
{
  gsize flen = strlen (fence);

  if (len < flen || memcmp (line, fence, flen) != 0)
    return FALSE;

  for (gsize i = flen; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;

  return TRUE;
}

typedef struct
{
  char  ch;     /* '`' or '~'; 0 outside a fence */
  gsize len;
} Fence;

/* Fences inside blockquotes and list items count too: leading spaces and
 * quote markers are skipped, which is more lenient than CommonMark and
 * right for what people type. */
static void
update_fence (Fence      *fence,
              const char *line,
              gsize       len)
{
  gsize i = 0, run = 0;

  while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '>'))
    i++;

  if (i >= len || (line[i] != '`' && line[i] != '~'))
    return;

  while (i + run < len && line[i + run] == line[i])
    run++;

  if (fence->ch == 0)
    {
      if (run < 3 || (line[i] == '`' && memchr (line + i + run, '`', len - i - run) != NULL))
        return;
      fence->ch = line[i];
      fence->len = run;
    }
  else if (line[i] == fence->ch && run >= fence->len &&
           line_is (line + i + run, len - i - run, ""))
    {
      fence->ch = 0;
    }
}

/**
 * sheaf_complete_area_at:
 * @text: a note's text from its start to the start of the cursor's line
 * @length: its length in bytes
 *
 * Whether the line after @text is in the frontmatter, in a fenced code
 * block or in the body. Frontmatter not closed yet counts as frontmatter:
 * while it is being typed, its closing fence is often still to come.
 *
 * Returns: the area
 */
SheafCompleteArea
sheaf_complete_area_at (const char *text,
                        gsize       length)
{
  const char *p = text;
  const char *end = text + length;
  gboolean frontmatter = FALSE;
  gboolean first = TRUE;
  Fence fence = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, SHEAF_COMPLETE_AREA_BODY);

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize len = (nl != NULL ? nl : end) - p;

      if (first && line_is (p, len, "---"))
        frontmatter = TRUE;
      else if (frontmatter)
        frontmatter = !line_is (p, len, "---") && !line_is (p, len, "...");
      else
        update_fence (&fence, p, len);

      first = FALSE;
      p += len + (nl != NULL ? 1 : 0);
    }

  if (frontmatter)
    return SHEAF_COMPLETE_AREA_FRONTMATTER;

  return fence.ch != 0 ? SHEAF_COMPLETE_AREA_CODE : SHEAF_COMPLETE_AREA_BODY;
}

/**
 * sheaf_complete_replacement:
 * @context: where the choice goes
 * @item: the choice
 *
 * The text that replaces `[context->start, context->end)` of the line: the
 * item's replacement, closed with `]]` in a link unless the link goes on
 * after the span (`|display`, `#heading`), in which case a choice by alias
 * writes only its target, so the display text already there stays the
 * link's only one. The cursor goes at its end.
 *
 * Returns: (transfer full): the text
 */
char *
sheaf_complete_replacement (const SheafCompleteContext *context,
                            const SheafCompleteItem    *item)
{
  gboolean continued;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  if (item->kind == SHEAF_COMPLETE_TAG)
    return g_strdup (item->replacement);

  continued = context->tail == SHEAF_COMPLETE_TAIL_CONTINUED;

  if (item->kind == SHEAF_COMPLETE_LINK && continued)
    return g_strdup (item->target);

  return g_strconcat (item->replacement, continued ? "" : "]]", NULL);
}

void
sheaf_complete_item_free (SheafCompleteItem *item)
{
  if (item == NULL)
    return;

  g_free (item->label);
  g_free (item->detail);
  g_free (item->folder);
  g_free (item->path);
  g_free (item->replacement);
  g_free (item->target);
  g_free (item->positions);
  g_free (item);
}
