/* sheaf-complete-items.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-complete"

#include "config.h"

#include <string.h>

#include "sheaf-complete.h"
#include "sheaf-link-edit.h"
#include "sheaf-text.h"

/* What completion offers: notes (through the quick switcher's fuzzy index,
 * so 100 000 titles stay within a few milliseconds), a note's headings and
 * block ids, the vault's tags. Headings and tags are few per query, so they
 * are ranked here by a plain scan. */

/* Best first, as the switcher ranks. */
typedef enum
{
  RANK_EXACT,
  RANK_PREFIX,
  RANK_WORD_START,   /* the query starts a word of the label */
  RANK_SUBSTRING,
  RANK_SUBSEQUENCE,
  RANK_ANY,          /* empty query */
  RANK_NONE,
} Rank;

typedef struct
{
  SheafCompleteItem *item;
  Rank               rank;
  guint              order;   /* headings: place in the note; tags: count */
} Ranked;

static SheafCompleteItem *
item_new (SheafCompleteKind  kind,
          const char        *label,
          const char        *replacement)
{
  SheafCompleteItem *item = g_new0 (SheafCompleteItem, 1);

  item->kind = kind;
  item->label = g_strdup (label);
  item->replacement = g_strdup (replacement);

  return item;
}

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar)*text >= 0x80)
      return FALSE;

  return TRUE;
}

static void
set_positions (SheafCompleteItem *item,
               GArray            *positions)
{
  item->n_positions = positions->len;
  item->positions = (guint *)(gpointer)g_array_free (positions, positions->len == 0);
}

static void
add_positions (GArray *positions,
               gsize   at,
               gsize   n)
{
  for (gsize i = 0; i < n; i++)
    {
      guint position = at + i;

      g_array_append_val (positions, position);
    }
}

/* Where the folded @query is in @key, best first: the start, a word's start,
 * anywhere, or scattered. */
static Rank
rank_key (const char *key,
          const char *query,
          GArray     *positions)
{
  gsize qlen = strlen (query);
  const char *found;
  const char *p = key;

  if (qlen == 0)
    return RANK_ANY;

  if (g_str_has_prefix (key, query))
    {
      add_positions (positions, 0, qlen);
      return key[qlen] == '\0' ? RANK_EXACT : RANK_PREFIX;
    }

  if ((found = strstr (key, query)) != NULL)
    {
      /* Tags nest with '/', headings have words: "bread" starts one in "baking/bread". */
      for (const char *f = found; f != NULL; f = strstr (f + 1, query))
        if ((guchar)f[-1] < 0x80 && !g_ascii_isalnum (f[-1]))
          {
            add_positions (positions, f - key, qlen);
            return RANK_WORD_START;
          }

      add_positions (positions, found - key, qlen);
      return RANK_SUBSTRING;
    }

  for (gsize i = 0; i < qlen; i++, p++)
    {
      if ((p = strchr (p, query[i])) == NULL)
        return RANK_NONE;
      add_positions (positions, p - key, 1);
    }

  return RANK_SUBSEQUENCE;
}

/* Ranks @label against the folded @query. Positions are kept for ASCII
 * labels only, where the folded key's offsets are the label's. */
static Rank
rank_label (const char *label,
            const char *query,
            GArray     *positions)
{
  g_autofree char *key = sheaf_text_key (label, -1);
  Rank rank = rank_key (key, query, positions);

  if (!is_ascii (label))
    g_array_set_size (positions, 0);

  return rank;
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Ranked *ra = a;
  const Ranked *rb = b;
  gboolean by_count = GPOINTER_TO_INT (user_data);

  if (ra->rank != rb->rank)
    return ra->rank < rb->rank ? -1 : 1;

  /* Tags: the most used first; headings: in the note's order. */
  if (ra->order != rb->order)
    return (by_count ? ra->order > rb->order : ra->order < rb->order) ? -1 : 1;

  return g_utf8_collate (ra->item->label, rb->item->label);
}

/* Sorts @ranked, keeps the first @max_results and frees the rest. */
static GPtrArray *
take_best (GArray   *ranked,
           gboolean  by_count,
           guint     max_results)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify)sheaf_complete_item_free);

  g_array_sort_with_data (ranked, compare_ranked, GINT_TO_POINTER (by_count));

  for (guint i = 0; i < ranked->len; i++)
    {
      SheafCompleteItem *item = g_array_index (ranked, Ranked, i).item;

      if (i < max_results)
        g_ptr_array_add (items, item);
      else
        sheaf_complete_item_free (item);
    }

  g_array_unref (ranked);

  return items;
}

static void
offer (GArray            *ranked,
       SheafCompleteItem *item,
       const char        *query,
       guint              order)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));
  Ranked entry = { item, rank_label (item->label, query, positions), order };

  if (entry.rank == RANK_NONE)
    {
      g_array_unref (positions);
      sheaf_complete_item_free (item);
      return;
    }

  set_positions (item, positions);
  g_array_append_val (ranked, entry);
}

/**
 * sheaf_complete_links:
 * @matcher: a matcher on the vault's fuzzy index
 * @vault: (nullable): the vault, to write the shortest unambiguous target
 * @source_path: (nullable): the note that will hold the link
 * @query: what follows `[[`
 * @max_results: how many to return
 *
 * Notes by title, alias and path, ranked as the quick switcher ranks them.
 * A note matched by an alias is offered as that alias and writes
 * `Target|Alias`; otherwise it writes its target: the bare name when that
 * reaches it unambiguously from @source_path, else its path without `.md`
 * (Obsidian's "shortest path when possible").
 *
 * Returns: (transfer full) (element-type SheafCompleteItem): the items, best first
 */
GPtrArray *
sheaf_complete_links (SheafFuzzyMatcher *matcher,
                      SheafVault        *vault,
                      const char        *source_path,
                      const char        *query,
                      guint              max_results)
{
  g_autoptr(GPtrArray) matches = NULL;
  GPtrArray *items;

  g_return_val_if_fail (matcher != NULL, NULL);
  g_return_val_if_fail (!vault || SHEAF_IS_VAULT (vault), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  matches = sheaf_fuzzy_matcher_query (matcher, query, NULL, max_results);
  items = g_ptr_array_new_full (matches->len, (GDestroyNotify)sheaf_complete_item_free);

  for (guint i = 0; i < matches->len; i++)
    {
      SheafFuzzyMatch *match = g_ptr_array_index (matches, i);
      gboolean by_alias = match->field == SHEAF_FUZZY_FIELD_ALIAS;
      g_autofree char *target = NULL;
      SheafCompleteItem *item;

      if (vault != NULL)
        target = sheaf_link_edit_dup_target (vault, source_path != NULL ? source_path : "",
                                             match->path);
      else
        target = g_strndup (match->path, strlen (match->path) -
                            (sheaf_note_path_is_note (match->path) ? 3 : 0));

      if (by_alias)
        {
          g_autofree char *replacement = g_strconcat (target, "|", match->text, NULL);

          item = item_new (SHEAF_COMPLETE_LINK, match->text, replacement);
          item->detail = g_strdup (match->title);
        }
      else
        item = item_new (SHEAF_COMPLETE_LINK, match->title, target);

      item->path = g_strdup (match->path);
      item->folder = sheaf_text_dup_folder (match->path);
      item->target = g_steal_pointer (&target);

      /* Path matches are shown as the title: their positions do not apply. */
      if (match->field != SHEAF_FUZZY_FIELD_PATH && match->n_positions > 0)
        {
          item->n_positions = match->n_positions;
          item->positions = g_memdup2 (match->positions, sizeof (guint) * match->n_positions);
        }

      g_ptr_array_add (items, item);
    }

  return items;
}

/* A heading as a link fragment: Obsidian writes the characters that would
 * end or split the link as spaces. */
static char *
dup_fragment (const char *heading)
{
  GString *out = g_string_new (NULL);

  for (const char *p = heading; *p != '\0'; p++)
    {
      char c = strchr ("#|^[]", *p) != NULL ? ' ' : *p;

      if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_c (out, c);
    }

  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * sheaf_complete_headings:
 * @result: (nullable): the parse of the note the link points to
 * @query: what follows the `#`
 * @max_results: how many to return
 *
 * Returns: (transfer full) (element-type SheafCompleteItem): the note's
 *   headings that match @query, best first, then in the note's order
 */
GPtrArray *
sheaf_complete_headings (SheafParseResult *result,
                         const char       *query,
                         guint             max_results)
{
  g_autofree char *folded = NULL;
  const SheafHeading *headings;
  guint n_headings = 0;
  GArray *ranked;

  g_return_val_if_fail (query != NULL, NULL);

  folded = g_strstrip (sheaf_text_key (query, -1));
  ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  headings = result != NULL ? sheaf_parse_result_get_headings (result, &n_headings) : NULL;

  for (guint i = 0; i < n_headings; i++)
    {
      g_autofree char *fragment = dup_fragment (headings[i].text);
      SheafCompleteItem *item;

      if (fragment[0] == '\0')
        continue;

      item = item_new (SHEAF_COMPLETE_HEADING, headings[i].text, fragment);
      item->level = headings[i].level;
      offer (ranked, item, folded, i);
    }

  return take_best (ranked, FALSE, max_results);
}

/**
 * sheaf_complete_blocks:
 * @result: (nullable): the parse of the note the link points to
 * @query: what follows `#^`
 * @max_results: how many to return
 *
 * Returns: (transfer full) (element-type SheafCompleteItem): the note's
 *   block ids that match @query
 */
GPtrArray *
sheaf_complete_blocks (SheafParseResult *result,
                       const char       *query,
                       guint             max_results)
{
  g_autofree char *folded = NULL;
  const SheafBlockId *ids;
  guint n_ids = 0;
  GArray *ranked;

  g_return_val_if_fail (query != NULL, NULL);

  folded = sheaf_text_key (query, -1);
  ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  ids = result != NULL ? sheaf_parse_result_get_block_ids (result, &n_ids) : NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      SheafCompleteItem *item = item_new (SHEAF_COMPLETE_BLOCK, ids[i].id, ids[i].id);

      item->level = ids[i].line;
      offer (ranked, item, folded, i);
    }

  return take_best (ranked, FALSE, max_results);
}

static void
offer_tags (GArray     *ranked,
            GPtrArray  *nodes,
            const char *query)
{
  for (guint i = 0; nodes != NULL && i < nodes->len; i++)
    {
      SheafTagNode *node = g_ptr_array_index (nodes, i);
      SheafCompleteItem *item = item_new (SHEAF_COMPLETE_TAG, node->path, node->path);

      item->count = node->count;
      offer (ranked, item, query, node->count);
      offer_tags (ranked, node->children, query);
    }
}

/**
 * sheaf_complete_tags:
 * @tag_tree: (element-type SheafTagNode): the vault's tag tree, from
 *   sheaf_vault_dup_tag_tree()
 * @query: what follows the `#`
 * @max_results: how many to return
 *
 * Every tag, nested ones whole (`a/b`), ranked by how well it matches and
 * then by how many notes carry it.
 *
 * Returns: (transfer full) (element-type SheafCompleteItem): the tags, best first
 */
GPtrArray *
sheaf_complete_tags (GPtrArray  *tag_tree,
                     const char *query,
                     guint       max_results)
{
  g_autofree char *folded = NULL;
  GArray *ranked;

  g_return_val_if_fail (query != NULL, NULL);

  folded = sheaf_text_key (query, -1);
  ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  offer_tags (ranked, tag_tree, folded);

  return take_best (ranked, TRUE, max_results);
}

/**
 * sheaf_complete_resolve_note:
 * @vault: a vault
 * @source_path: (nullable): the note holding the link
 * @target: a link's target, as in `[[target#…`
 *
 * Returns: (transfer none) (nullable): the note @target reaches
 */
SheafNote *
sheaf_complete_resolve_note (SheafVault *vault,
                             const char *source_path,
                             const char *target)
{
  g_auto(SheafResolved) resolved = { 0 };
  SheafLink link = { 0 };

  g_return_val_if_fail (SHEAF_IS_VAULT (vault), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  link.kind = SHEAF_LINK_WIKILINK;
  link.target = (char *)target;
  sheaf_vault_resolve (vault, source_path != NULL ? source_path : "", &link, &resolved);

  return resolved.resolved != NULL ? sheaf_vault_get_note (vault, resolved.resolved) : NULL;
}
