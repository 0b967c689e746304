/* sheaf-rename-links.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-rename"

#include "config.h"

#include <string.h>

#include "sheaf-link-edit.h"
#include "sheaf-rename-private.h"
#include "sheaf-text.h"

/* The link half of a rename: which links a rename changes, and the bytes
 * that put them back where they belong. All of it runs in the rename's
 * worker against its private index (see sheaf-rename.c). */

typedef struct
{
  guint            link;
  SheafResolution  resolution;  /* how it resolved before the move */
  gboolean         ambiguous;   /* and whether that was a tie */
  gboolean         preserve;    /* another note's link to another file */
  char            *dest;        /* the path it must reach after */
} Pending;

/* A link of the snapshot that reached another file than the renamed one and
 * might be captured by the new name. */
typedef struct
{
  const char *source;           /* borrowed from the snapshot */
  const char *target;           /* borrowed from the snapshot */
  char       *dest;             /* what it reached before */
  gboolean    ambiguous;
} Candidate;

typedef struct
{
  gsize     start;
  gsize     end;
  char     *text;
  gboolean  preserve;
} Splice;

enum
{
  MAY_REACH_OLD = 1 << 0,
  MAY_REACH_NEW = 1 << 1,
};

static void
pending_clear (gpointer data)
{
  g_free (((Pending *)data)->dest);
}

static void
candidate_clear (gpointer data)
{
  g_free (((Candidate *)data)->dest);
}

static void
splice_clear (gpointer data)
{
  g_free (((Splice *)data)->text);
}

static void
index_resolve (gpointer       data,
               const char    *source_path,
               const char    *target,
               SheafResolved *out)
{
  sheaf_index_resolve (data, source_path, target, out);
}

static const char *
last_segment (const char *key)
{
  const char *slash = strrchr (key, '/');

  return slash != NULL ? slash + 1 : key;
}

/**
 * _sheaf_rename_index_move:
 * @index: a private index
 * @from: where the renamed file is in @index
 * @note: (nullable): the note to index at @to, %NULL for an attachment
 * @to: where it goes
 *
 * Puts the renamed file at @to in @index, in place of @from. The rename moves
 * its index back and forth with this to ask how links resolve before and
 * after, with the index's own rules (sheaf_index_resolve()).
 */
void
_sheaf_rename_index_move (SheafIndex *index,
                          const char *from,
                          SheafNote  *note,
                          const char *to)
{
  sheaf_index_remove (index, from);
  if (note != NULL)
    sheaf_index_add_note (index, note);
  else
    sheaf_index_add_attachment (index, to);
}

void
_sheaf_rename_filter_init (SheafRenameFilter *filter,
                           const char        *old_path,
                           const char        *new_path)
{
  g_autofree char *old_key = sheaf_text_path_key (old_path);
  g_autofree char *new_key = sheaf_text_path_key (new_path);

  filter->old_path = g_strdup (old_path);
  filter->new_path = g_strdup (new_path);
  filter->old_name = g_strdup (last_segment (old_key));
  filter->new_name = g_strdup (last_segment (new_key));
  filter->alias_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The renamed note's aliases, as indexed before and as it will be after. */
void
_sheaf_rename_filter_add_aliases (SheafRenameFilter *filter,
                                  SheafNote         *note)
{
  const char * const *aliases;

  if (note == NULL)
    return;

  aliases = sheaf_frontmatter_get_aliases (sheaf_note_get_frontmatter (note));
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    g_hash_table_add (filter->alias_keys, sheaf_text_link_key (aliases[i]));
}

void
_sheaf_rename_filter_clear (SheafRenameFilter *filter)
{
  g_clear_pointer (&filter->old_path, g_free);
  g_clear_pointer (&filter->new_path, g_free);
  g_clear_pointer (&filter->old_name, g_free);
  g_clear_pointer (&filter->new_name, g_free);
  g_clear_pointer (&filter->alias_keys, g_hash_table_unref);
}

/* The cheap test that lets most links skip resolution. Every rule of
 * sheaf_index_resolve() that can pick a path (exact, folder, trailing path,
 * relative) needs the key's last segment to be the path's; an alias match
 * needs one of the note's aliases; a relative target may end in "." or "..",
 * so it is always checked. */
static guint
may_reach (const SheafRenameFilter *filter,
           const char              *target)
{
  g_autofree char *key = NULL;
  const char *name;
  guint flags = 0;

  if (strstr (target, "./") != NULL || strstr (target, "..") != NULL)
    return MAY_REACH_OLD | MAY_REACH_NEW;

  key = sheaf_text_link_key (target);
  if (key[0] == '\0')
    return 0;

  if (g_hash_table_contains (filter->alias_keys, key))
    return MAY_REACH_OLD | MAY_REACH_NEW;

  name = last_segment (key);
  if (strcmp (name, filter->old_name) == 0)
    flags |= MAY_REACH_OLD;
  if (strcmp (name, filter->new_name) == 0)
    flags |= MAY_REACH_NEW;

  return flags;
}

/* After the move, does the link still reach @dest as it did? A tie it had
 * before is not the rename's doing when @dest is another file. */
static gboolean
still_reaches (const SheafResolved *now,
               const char          *dest,
               gboolean             tie_allowed)
{
  return now->resolved != NULL && strcmp (now->resolved, dest) == 0 &&
         (!now->ambiguous || tie_allowed);
}

/**
 * _sheaf_rename_find_notes_to_edit:
 * @notes: (element-type SheafNote): the snapshot
 * @index: the private index, as before the move
 * @filter: the rename's paths and keys
 * @old_note: (nullable): the renamed note as @index has it, %NULL for an
 *   attachment
 * @moved_note: (nullable): the renamed note as it will be indexed at the new
 *   path, %NULL for an attachment
 *
 * The notes to read again and edit, in snapshot order: the ones with a link
 * to the old path, and (beyond Obsidian) the ones with a link to another
 * file that the new path would capture. Only links that pass the key filter
 * are resolved; the ones that might be captured are resolved once more with
 * @index moved, and it is moved back before this returns.
 *
 * Returns: (transfer full) (element-type utf8): note paths
 */
GPtrArray *
_sheaf_rename_find_notes_to_edit (GPtrArray               *notes,
                                  SheafIndex              *index,
                                  const SheafRenameFilter *filter,
                                  SheafNote               *old_note,
                                  SheafNote               *moved_note)
{
  GPtrArray *to_edit = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) chosen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));

  g_array_set_clear_func (candidates, candidate_clear);

  for (guint i = 0; i < notes->len; i++)
    {
      SheafNote *note = g_ptr_array_index (notes, i);
      const char *source = sheaf_note_get_path (note);
      SheafParseResult *result = sheaf_note_get_parse_result (note);
      guint n_links = sheaf_parse_result_get_n_links (result);

      if (strcmp (source, filter->old_path) == 0)
        continue;

      /* Targets only: the vault's notes keep their links compact. */
      for (guint j = 0; j < n_links; j++)
        {
          g_auto(SheafResolved) resolved = { 0 };
          const char *target = sheaf_parse_result_get_link_target (result, j);
          guint flags = may_reach (filter, target);
          Candidate candidate;

          if (flags == 0)
            continue;

          sheaf_index_resolve (index, source, target, &resolved);
          if (resolved.resolved == NULL || resolved.resolution == SHEAF_RESOLUTION_SELF)
            continue;

          if (strcmp (resolved.resolved, filter->old_path) == 0)
            {
              g_hash_table_add (chosen, (char *)source);
              break;
            }

          if ((flags & MAY_REACH_NEW) == 0)
            continue;

          candidate.source = source;
          candidate.target = target;
          candidate.dest = g_steal_pointer (&resolved.resolved);
          candidate.ambiguous = resolved.ambiguous;
          g_array_append_val (candidates, candidate);
        }
    }

  /* Which of the candidates the new path captures: only their notes are
   * read again. */
  _sheaf_rename_index_move (index, filter->old_path, moved_note, filter->new_path);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);
      g_auto(SheafResolved) now = { 0 };

      if (g_hash_table_contains (chosen, candidate->source))
        continue;

      sheaf_index_resolve (index, candidate->source, candidate->target, &now);
      if (!still_reaches (&now, candidate->dest, candidate->ambiguous))
        g_hash_table_add (chosen, (char *)candidate->source);
    }
  _sheaf_rename_index_move (index, filter->new_path, old_note, filter->old_path);

  for (guint i = 0; i < notes->len; i++)
    {
      const char *source = sheaf_note_get_path (g_ptr_array_index (notes, i));

      if (g_hash_table_contains (chosen, source))
        g_ptr_array_add (to_edit, g_strdup (source));
    }

  return to_edit;
}

/**
 * _sheaf_rename_edit_load:
 * @root: the vault's folder
 * @path: a note of the vault
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @path again from disk and parses it, so the spans spliced at are
 * those of the bytes written back, and its etag guards the save.
 *
 * Returns: (transfer full) (nullable): the edit, with nothing to change yet
 */
SheafRenameEdit *
_sheaf_rename_edit_load (GFile         *root,
                         const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (root, path);
  g_autoptr(SheafRenameEdit) edit = g_new0 (SheafRenameEdit, 1);
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, cancellable, &contents, &length, &edit->etag, error))
    return NULL;

  edit->path = g_strdup (path);
  edit->bytes = g_bytes_new_take (contents, length);
  edit->parsed = sheaf_note_new_for_bytes (path, edit->bytes, edit->etag, SHEAF_NOTE_DEFAULT);
  edit->pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (edit->pending, pending_clear);

  return g_steal_pointer (&edit);
}

void
_sheaf_rename_edit_free (SheafRenameEdit *edit)
{
  g_free (edit->path);
  g_clear_pointer (&edit->bytes, g_bytes_unref);
  g_free (edit->etag);
  g_clear_object (&edit->parsed);
  g_clear_pointer (&edit->pending, g_array_unref);
  g_clear_pointer (&edit->edited, g_bytes_unref);
  g_free (edit);
}

/**
 * _sheaf_rename_edit_collect:
 * @edit: a note read by _sheaf_rename_edit_load()
 * @index: the private index, as before the move
 * @source: where @edit's note is before the move
 * @filter: the rename's paths and keys
 * @is_moved: whether @edit is the renamed note itself
 *
 * Before the move: which links of @edit reach what, seen from @source. In
 * another note, the links reaching the old path, which must reach the new
 * one, and the ones the new name might capture, which must keep their target;
 * in the moved note, every resolved link, the ones reaching the old path
 * redirected to the new one.
 */
void
_sheaf_rename_edit_collect (SheafRenameEdit         *edit,
                            SheafIndex              *index,
                            const char              *source,
                            const SheafRenameFilter *filter,
                            gboolean                 is_moved)
{
  const SheafLink *links;
  guint n_links = 0;

  links = sheaf_parse_result_get_links (sheaf_note_get_parse_result (edit->parsed), &n_links);
  for (guint i = 0; i < n_links; i++)
    {
      g_auto(SheafResolved) resolved = { 0 };
      Pending pending = { 0 };
      guint flags = is_moved ? MAY_REACH_OLD : may_reach (filter, links[i].target);
      gboolean reaches_old;

      if (flags == 0)
        continue;

      sheaf_index_resolve (index, source, links[i].target, &resolved);
      if (resolved.resolved == NULL || resolved.resolution == SHEAF_RESOLUTION_SELF)
        continue;

      reaches_old = strcmp (resolved.resolved, filter->old_path) == 0;
      if (!is_moved && !reaches_old && (flags & MAY_REACH_NEW) == 0)
        continue;

      pending.link = i;
      pending.resolution = resolved.resolution;
      pending.ambiguous = resolved.ambiguous;
      pending.preserve = !is_moved && !reaches_old;
      pending.dest = g_strdup (reaches_old ? filter->new_path : resolved.resolved);
      g_array_append_val (edit->pending, pending);
    }
}

static int
compare_splices (gconstpointer a,
                 gconstpointer b)
{
  const Splice *sa = a, *sb = b;

  return sa->start < sb->start ? -1 : sa->start > sb->start;
}

/**
 * _sheaf_rename_edit_apply:
 * @edit: a note with its links collected
 * @index: the private index, as after the move
 * @filter: the rename's paths and keys
 * @n_skipped: (inout): incremented for each link that needs a new target but
 *   cannot be edited in place
 *
 * After the move: the new bytes of @edit, changed only at the targets of the
 * links that no longer reach where they did, in @edit->edited (left %NULL
 * when none changed).
 */
void
_sheaf_rename_edit_apply (SheafRenameEdit         *edit,
                          SheafIndex              *index,
                          const SheafRenameFilter *filter,
                          guint                   *n_skipped)
{
  g_autoptr(GArray) splices = g_array_new (FALSE, FALSE, sizeof (Splice));
  const SheafLink *links;
  guint n_links = 0;
  const char *text;
  gsize length, at = 0;
  GString *out;

  g_array_set_clear_func (splices, splice_clear);
  links = sheaf_parse_result_get_links (sheaf_note_get_parse_result (edit->parsed), &n_links);
  text = g_bytes_get_data (edit->bytes, &length);

  for (guint i = 0; i < edit->pending->len; i++)
    {
      const Pending *pending = &g_array_index (edit->pending, Pending, i);
      const SheafLink *link = &links[pending->link];
      g_auto(SheafResolved) now = { 0 };
      gsize start, end;
      gboolean wiki;
      Splice splice;

      sheaf_index_resolve (index, edit->path, link->target, &now);
      if (still_reaches (&now, pending->dest,
                         pending->ambiguous && strcmp (pending->dest, filter->new_path) != 0))
        continue;

      if (!sheaf_link_edit_target_range (link, &start, &end, &wiki) ||
          link->span.end > length ||
          memcmp (text + link->span.start, link->raw, link->span.end - link->span.start) != 0)
        {
          (*n_skipped)++;
          continue;
        }

      if (wiki)
        splice.text = sheaf_link_edit_wikilink_target (index_resolve, index, edit->path,
                                                       pending->dest);
      else
        splice.text = sheaf_link_edit_markdown_target (index_resolve, index, edit->path,
                                                       pending->dest, link->target,
                                                       pending->resolution);
      splice.start = link->span.start + start;
      splice.end = link->span.start + end;
      splice.preserve = pending->preserve;

      /* In the frontmatter the new target must also be a safe YAML value:
       * a quote it would need to escape leaves the link as it is. */
      if (link->property != NULL &&
          !sheaf_frontmatter_can_splice (sheaf_note_get_frontmatter (edit->parsed),
                                         splice.start, splice.end, splice.text))
        {
          g_free (splice.text);
          (*n_skipped)++;
          continue;
        }

      if (strlen (splice.text) == splice.end - splice.start &&
          memcmp (text + splice.start, splice.text, splice.end - splice.start) == 0)
        {
          g_free (splice.text);
          continue;
        }

      g_array_append_val (splices, splice);
    }

  if (splices->len == 0)
    return;

  g_array_sort (splices, compare_splices);
  out = g_string_sized_new (length + 64);
  for (guint i = 0; i < splices->len; i++)
    {
      const Splice *splice = &g_array_index (splices, Splice, i);

      g_string_append_len (out, text + at, splice->start - at);
      g_string_append (out, splice->text);
      at = splice->end;
      if (splice->preserve)
        edit->n_preserved++;
      else
        edit->n_links++;
    }
  g_string_append_len (out, text + at, length - at);

  edit->edited = g_string_free_to_bytes (out);
}
