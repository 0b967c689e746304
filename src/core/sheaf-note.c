/* sheaf-note.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-note"

#include "config.h"

#include <string.h>

#include "sheaf-note.h"
#include "sheaf-text.h"

/* A SheafNote is an immutable snapshot of one Markdown file: what it said when it
 * was read, and what the parsers made of it. An edit or a change on disk makes a
 * new note; nothing here ever changes after construction, so notes cross threads
 * freely. */
struct _SheafNote
{
  GObject           parent_instance;

  /* Owned */
  char             *path;           /* and after it, the stem when that is the title */
  const char       *title;          /* in @path's block or in @frontmatter's strings */
  char             *etag;
  GBytes           *bytes;
  SheafFrontmatter *frontmatter;
  SheafParseResult *result;
  gsize             size;
  gssize            invalid_utf8_at;
};

G_DEFINE_FINAL_TYPE (SheafNote, sheaf_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sheaf_note_finalize (GObject *object)
{
  SheafNote *self = (SheafNote *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->frontmatter, sheaf_frontmatter_unref);
  g_clear_pointer (&self->result, sheaf_parse_result_unref);

  G_OBJECT_CLASS (sheaf_note_parent_class)->finalize (object);
}

static void
sheaf_note_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SheafNote *self = SHEAF_NOTE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_note_class_init (SheafNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sheaf_note_finalize;
  object_class->get_property = sheaf_note_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sheaf_note_init (SheafNote *self)
{
  self->invalid_utf8_at = -1;
}

/**
 * sheaf_note_path_dup_stem:
 * @path: a vault-relative path
 *
 * Returns: (transfer full): the file name without its `.md`, Obsidian's title
 */
char *
sheaf_note_path_dup_stem (const char *path)
{
  const char *base = strrchr (path, '/');
  gsize len;

  base = base != NULL ? base + 1 : path;
  len = strlen (base);

  if (sheaf_text_has_suffix_ci (base, ".md"))
    len -= 3;

  return g_strndup (base, len);
}

gboolean
sheaf_note_path_is_note (const char *path)
{
  return sheaf_text_has_suffix_ci (path, ".md");
}

/* A vault holds 100 000 notes: the title is the frontmatter's own string, or
 * the path's stem in the path's allocation, never a copy of its own. Call
 * once the frontmatter is parsed. */
static void
set_path_and_title (SheafNote  *self,
                    const char *path)
{
  const char *title = sheaf_frontmatter_get_title (self->frontmatter);
  const char *base;
  gsize path_len = strlen (path);
  gsize stem_len;

  if (title != NULL)
    {
      self->path = g_strndup (path, path_len);
      self->title = title;
      return;
    }

  base = strrchr (path, '/');
  base = base != NULL ? base + 1 : path;
  stem_len = strlen (base);
  if (sheaf_text_has_suffix_ci (base, ".md"))
    stem_len -= 3;

  self->path = g_malloc (path_len + 1 + stem_len + 1);
  memcpy (self->path, path, path_len + 1);
  memcpy (self->path + path_len + 1, base, stem_len);
  self->path[path_len + 1 + stem_len] = '\0';
  self->title = self->path + path_len + 1;
}

/**
 * sheaf_note_new_for_bytes:
 * @path: the vault-relative path, with `/` separators
 * @bytes: the file's contents, as read
 * @etag: (nullable): the etag @bytes were read with
 * @flags: what to keep beyond the parsed facts
 *
 * Parses @bytes. Never fails: invalid YAML, invalid UTF-8 and empty files all
 * give a note whose problems say what is wrong.
 *
 * Returns: (transfer full): a new note
 */
SheafNote *
sheaf_note_new_for_bytes (const char     *path,
                          GBytes         *bytes,
                          const char     *etag,
                          SheafNoteFlags  flags)
{
  SheafNote *self;
  SheafParseFlags parse_flags = SHEAF_PARSE_DEFAULT;
  const char *text;
  const char *end = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  text = g_bytes_get_data (bytes, &length);
  if (text == NULL)
    text = "";

  self = g_object_new (SHEAF_TYPE_NOTE, NULL);
  self->etag = g_strdup (etag);
  self->size = length;

  if (!g_utf8_validate_len (text, length, &end))
    self->invalid_utf8_at = end - text;

  if (flags & SHEAF_NOTE_KEEP_TREE)
    parse_flags |= SHEAF_PARSE_KEEP_TREE;

  self->frontmatter = sheaf_frontmatter_parse (text, length);
  self->result = sheaf_markdown_parse_note (text, length, self->frontmatter, parse_flags);

  set_path_and_title (self, path);

  if (flags & SHEAF_NOTE_KEEP_TEXT)
    self->bytes = g_bytes_ref (bytes);

  return self;
}

/**
 * sheaf_note_new_for_edit:
 * @previous: the note of the text before @edit, parsed with its tree
 * @path: the vault-relative path, with `/` separators
 * @bytes: the file's contents after @edit
 * @etag: (nullable): the etag @bytes were read with
 * @edit: what changed in the bytes of @previous
 * @flags: what to keep beyond the parsed facts
 *
 * sheaf_note_new_for_bytes(), reparsing only the blocks @edit touched (see
 * sheaf_markdown_reparse()): what an editor does on a keystroke. An edit of
 * the frontmatter parses the body whole.
 *
 * Returns: (transfer full): a new note
 */
SheafNote *
sheaf_note_new_for_edit (SheafNote           *previous,
                         const char          *path,
                         GBytes              *bytes,
                         const char          *etag,
                         const SheafTextEdit *edit,
                         SheafNoteFlags       flags)
{
  SheafNote *self;
  SheafParseFlags parse_flags = SHEAF_PARSE_DEFAULT;
  const char *text;
  const char *end = NULL;
  gsize length, body_offset;

  g_return_val_if_fail (SHEAF_IS_NOTE (previous), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (edit != NULL, NULL);

  text = g_bytes_get_data (bytes, &length);
  if (text == NULL)
    text = "";

  self = g_object_new (SHEAF_TYPE_NOTE, NULL);
  self->etag = g_strdup (etag);
  self->size = length;

  if (!g_utf8_validate_len (text, length, &end))
    self->invalid_utf8_at = end - text;

  if (flags & SHEAF_NOTE_KEEP_TREE)
    parse_flags |= SHEAF_PARSE_KEEP_TREE;

  /* The frontmatter is short, but whether there is one can depend on a
   * closing fence anywhere: parse it again, and compare. */
  self->frontmatter = sheaf_frontmatter_parse (text, length);
  body_offset = sheaf_frontmatter_get_body_offset (self->frontmatter);
  if (body_offset == sheaf_frontmatter_get_body_offset (previous->frontmatter) &&
      edit->start >= body_offset)
    self->result = sheaf_markdown_reparse (previous->result, bytes, body_offset, edit, parse_flags);
  else
    self->result = sheaf_markdown_parse_note (text, length, self->frontmatter, parse_flags);

  set_path_and_title (self, path);

  if (flags & SHEAF_NOTE_KEEP_TEXT)
    self->bytes = g_bytes_ref (bytes);

  return self;
}

/* The index reads every note of the vault once and never saves one: a local
 * file is read with one open, fstat and read into a buffer of the right size,
 * instead of GIO's stream, its etag query and a buffer grown as it reads.
 * FALSE sends the caller to GIO, whose error messages (shown by --check) stay
 * the ones users know. */
static gboolean
read_local_file (GFile  *file,
                 char  **contents,
                 gsize  *length)
{
  const char *local_path = g_file_peek_path (file);

  return local_path != NULL && g_file_get_contents (local_path, contents, length, NULL);
}

/**
 * sheaf_note_load:
 * @file: the file to read
 * @path: its vault-relative path
 * @flags: what to keep beyond the parsed facts; with %SHEAF_NOTE_NO_ETAG the
 *   note has no etag, and sheaf_note_save_bytes() cannot check it
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Reads and parses @file. This blocks: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the note, or %NULL on an I/O error
 */
SheafNote *
sheaf_note_load (GFile           *file,
                 const char      *path,
                 SheafNoteFlags   flags,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *etag = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!((flags & SHEAF_NOTE_NO_ETAG) && read_local_file (file, &contents, &length)) &&
      !g_file_load_contents (file, cancellable, &contents, &length,
                             (flags & SHEAF_NOTE_NO_ETAG) ? NULL : &etag, error))
    return NULL;

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  return sheaf_note_new_for_bytes (path, bytes, etag, flags);
}

/**
 * sheaf_note_save_bytes:
 * @file: the file to write
 * @contents: the complete new contents
 * @etag: (nullable): the etag the caller's copy was read with, or %NULL for
 *   a file the caller creates
 * @new_etag: (out) (optional): the etag of the written file
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Writes atomically (a temporary file renamed over @file) and refuses with
 * %G_IO_ERROR_WRONG_ETAG when @file changed on disk since @etag: a change made
 * elsewhere is never silently overwritten (DESIGN.md §2.2). With a %NULL @etag
 * it refuses to replace a file that exists. Blocks: call from a worker.
 *
 * Returns: %TRUE on success
 */
gboolean
sheaf_note_save_bytes (GFile         *file,
                       GBytes        *contents,
                       const char    *etag,
                       char         **new_etag,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *written_etag = NULL;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  data = g_bytes_get_data (contents, &length);

  if (etag == NULL)
    stream = g_file_create (file, G_FILE_CREATE_NONE, cancellable, error);
  else
    stream = g_file_replace (file, etag, FALSE, G_FILE_CREATE_NONE, cancellable, error);

  if (stream == NULL)
    return FALSE;

  if (length > 0 &&
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, NULL,
                                  cancellable, error))
    {
      /* Closing after a cancel discards the temporary file: the original stays. */
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancelled, NULL);
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    return FALSE;

  written_etag = g_file_output_stream_get_etag (stream);

  if (new_etag != NULL)
    *new_etag = g_steal_pointer (&written_etag);

  return TRUE;
}

const char *
sheaf_note_get_path (SheafNote *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE (self), NULL);

  return self->path;
}

const char *
sheaf_note_get_title (SheafNote *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE (self), NULL);

  return self->title;
}

const char *
sheaf_note_get_etag (SheafNote *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE (self), NULL);

  return self->etag;
}

gsize
sheaf_note_get_size (SheafNote *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE (self), 0);

  return self->size;
}

/**
 * sheaf_note_get_bytes:
 *
 * Returns: (transfer none) (nullable): the file's bytes, when the note was made
 *   with %SHEAF_NOTE_KEEP_TEXT
 */
GBytes *
sheaf_note_get_bytes (SheafNote *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE (self), NULL);

  return self->bytes;
}

SheafFrontmatter *
sheaf_note_get_frontmatter (SheafNote *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE (self), NULL);

  return self->frontmatter;
}

SheafParseResult *
sheaf_note_get_parse_result (SheafNote *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE (self), NULL);

  return self->result;
}

/**
 * sheaf_note_get_invalid_utf8_at:
 *
 * Returns: the byte offset of the first invalid UTF-8 sequence, or -1
 */
gssize
sheaf_note_get_invalid_utf8_at (SheafNote *self)
{
  g_return_val_if_fail (SHEAF_IS_NOTE (self), -1);

  return self->invalid_utf8_at;
}

static gboolean
add_tag (GPtrArray  *tags,
         GHashTable *seen,
         const char *tag)
{
  g_autofree char *key = NULL;

  while (*tag == '#')
    tag++;

  if (*tag == '\0')
    return FALSE;

  key = sheaf_text_key (tag, -1);
  if (!g_hash_table_add (seen, g_steal_pointer (&key)))
    return FALSE;

  g_ptr_array_add (tags, g_strdup (tag));

  return TRUE;
}

/**
 * sheaf_note_dup_tags:
 *
 * The note's tags, frontmatter first, then inline ones, each once (compared
 * case-insensitively), in the casing first seen, without `#`.
 *
 * Returns: (transfer full) (element-type utf8): the tags
 */
GPtrArray *
sheaf_note_dup_tags (SheafNote *self)
{
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *tags;
  const char * const *fm_tags;
  const SheafTag *inline_tags;
  guint n_inline = 0;

  g_return_val_if_fail (SHEAF_IS_NOTE (self), NULL);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tags = g_ptr_array_new_with_free_func (g_free);

  fm_tags = sheaf_frontmatter_get_tags (self->frontmatter);
  for (guint i = 0; fm_tags != NULL && fm_tags[i] != NULL; i++)
    add_tag (tags, seen, fm_tags[i]);

  inline_tags = sheaf_parse_result_get_tags (self->result, &n_inline);
  for (guint i = 0; i < n_inline; i++)
    add_tag (tags, seen, inline_tags[i].name);

  return tags;
}
