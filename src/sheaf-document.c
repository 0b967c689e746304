/* sheaf-document.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-document"

#include "config.h"

#include <string.h>

#include "sheaf-document-private.h"

#define PARSE_DELAY_MS 150

typedef struct
{
  char      *path;
  GBytes    *bytes;
  char      *etag;
  guint      serial;
  SheafNote *base;       /* NULL: parse it whole */
  guint      start;      /* what changed since @base, in characters */
  guint      old_end;
  guint      new_end;
} ParseData;

G_DEFINE_FINAL_TYPE (SheafDocument, sheaf_document, GTK_SOURCE_TYPE_BUFFER)

enum {
  PROP_0,
  PROP_FILE,
  PROP_PATH,
  PROP_TITLE,
  PROP_NOTE,
  PROP_LOADING,
  PROP_SAVING,
  PROP_DIRTY,
  PROP_CONFLICT,
  PROP_DELETED,
  PROP_READ_ONLY,
  PROP_ERROR,
  PROP_PROBLEM,
  N_PROPS
};

enum {
  RELOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
parse_data_free (ParseData *data)
{
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_pointer (&data->etag, g_free);
  g_clear_object (&data->base);
  g_free (data);
}

static void
set_string (SheafDocument  *self,
            char          **field,
            const char     *value,
            guint           prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_flag (SheafDocument *self,
          gboolean       value,
          guint          prop_id)
{
  gboolean old;

  value = !!value;

  switch (prop_id)
    {
    case PROP_SAVING:
      old = self->saving;
      self->saving = value;
      break;

    case PROP_CONFLICT:
      old = self->conflict;
      self->conflict = value;
      break;

    case PROP_DELETED:
      old = self->deleted;
      self->deleted = value;
      break;

    case PROP_READ_ONLY:
      old = self->read_only;
      self->read_only = value;
      break;

    default:
      g_assert_not_reached ();
    }

  if (old != value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Parsing ---------------------------------------------------------------- */

/* Runs in a worker. */
SheafNote *
_sheaf_document_parse_bytes (const char *path,
                             GBytes     *bytes,
                             const char *etag)
{
  return sheaf_note_new_for_bytes (path, bytes, etag,
                                   SHEAF_NOTE_KEEP_TEXT | SHEAF_NOTE_KEEP_TREE);
}

static void
parse_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *data = task_data;
  SheafTextEdit edit;
  SheafNote *note;

  /* A keystroke reparses the blocks it touched (sheaf_markdown_reparse()). */
  if (data->base != NULL &&
      _sheaf_document_edit_to_bytes (data->base, data->bytes, data->start, data->old_end,
                                     data->new_end, &edit))
    note = sheaf_note_new_for_edit (data->base, data->path, data->bytes, data->etag, &edit,
                                    SHEAF_NOTE_KEEP_TEXT | SHEAF_NOTE_KEEP_TREE);
  else
    note = _sheaf_document_parse_bytes (data->path, data->bytes, data->etag);

  g_task_return_pointer (task, note, g_object_unref);
}

static void start_parse (SheafDocument *self);

static void
parse_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SheafDocument *self = SHEAF_DOCUMENT (object);
  ParseData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(SheafNote) note = NULL;

  note = g_task_propagate_pointer (G_TASK (result), NULL);
  self->parsing = FALSE;

  /* The text was replaced (a load) since this parse started: it is stale. */
  if (note != NULL && data->serial == self->parse_serial)
    {
      g_set_object (&self->parse_base, note);
      /* The text changed while it ran: the next parse follows at once. */
      if (!self->parse_again)
        _sheaf_document_set_note (self, note);
    }

  if (self->parse_again && !_sheaf_document_is_disposed (self))
    start_parse (self);
}

/* Parses go one at a time: each reparses from the one before, so it must be
 * done, and it takes far less than the pause before a parse. */
static void
start_parse (SheafDocument *self)
{
  g_autoptr(GTask) task = NULL;
  ParseData *data;
  char *text;

  text = _sheaf_document_dup_text (self);
  data = g_new0 (ParseData, 1);
  data->path = g_strdup (self->path != NULL ? self->path : "");
  data->bytes = g_bytes_new_take (text, strlen (text));
  data->etag = g_strdup (self->etag);
  data->serial = ++self->parse_serial;
  if (self->edited && !self->edit_unknown && self->parse_base != NULL)
    {
      data->base = g_object_ref (self->parse_base);
      data->start = self->edit_start;
      data->old_end = self->edit_old_end;
      data->new_end = self->edit_new_end;
    }
  self->edited = FALSE;
  self->edit_unknown = FALSE;
  self->parse_again = FALSE;
  self->parsing = TRUE;

  task = g_task_new (self, self->cancellable, parse_done_cb, NULL);
  g_task_set_source_tag (task, start_parse);
  g_task_set_task_data (task, data, (GDestroyNotify)parse_data_free);
  g_task_run_in_thread (task, parse_worker);
}

static gboolean
parse_timeout_cb (gpointer user_data)
{
  SheafDocument *self = user_data;

  g_assert (SHEAF_IS_DOCUMENT (self));

  self->parse_source = 0;
  if (self->parsing)
    self->parse_again = TRUE;
  else
    start_parse (self);

  return G_SOURCE_REMOVE;
}

/* Grows the edit since the last snapshot by one that replaced the buffer's
 * characters [start, end) with @length new ones. */
static void
track_edit (SheafDocument *self,
            guint          start,
            guint          end,
            guint          length)
{
  guint cur_end;

  if (self->setting_text)
    {
      self->edit_unknown = TRUE;
      return;
    }

  if (!self->edited)
    {
      self->edited = TRUE;
      self->edit_start = start;
      self->edit_old_end = end;
      self->edit_new_end = start + length;
      return;
    }

  /* Past the edit so far, the buffer is the snapshot's text moved. */
  cur_end = MAX (self->edit_new_end, end);
  self->edit_old_end = cur_end - self->edit_new_end + self->edit_old_end;
  self->edit_new_end = cur_end - (end - start) + length;
  self->edit_start = MIN (self->edit_start, start);
}

/* GObject ---------------------------------------------------------------- */

static void
sheaf_document_insert_text (GtkTextBuffer *buffer,
                            GtkTextIter   *iter,
                            const char    *text,
                            int            length)
{
  SheafDocument *self = SHEAF_DOCUMENT (buffer);
  guint at = gtk_text_iter_get_offset (iter);

  track_edit (self, at, at, g_utf8_strlen (text, length));

  GTK_TEXT_BUFFER_CLASS (sheaf_document_parent_class)->insert_text (buffer, iter, text, length);
}

static void
sheaf_document_delete_range (GtkTextBuffer *buffer,
                             GtkTextIter   *start,
                             GtkTextIter   *end)
{
  SheafDocument *self = SHEAF_DOCUMENT (buffer);
  guint s = gtk_text_iter_get_offset (start);
  guint e = gtk_text_iter_get_offset (end);

  track_edit (self, MIN (s, e), MAX (s, e), 0);

  GTK_TEXT_BUFFER_CLASS (sheaf_document_parent_class)->delete_range (buffer, start, end);
}

static void
sheaf_document_changed (GtkTextBuffer *buffer)
{
  SheafDocument *self = SHEAF_DOCUMENT (buffer);

  if (GTK_TEXT_BUFFER_CLASS (sheaf_document_parent_class)->changed != NULL)
    GTK_TEXT_BUFFER_CLASS (sheaf_document_parent_class)->changed (buffer);

  if (self->setting_text || _sheaf_document_is_disposed (self))
    return;

  self->change_serial++;

  g_clear_handle_id (&self->parse_source, g_source_remove);
  self->parse_source = g_timeout_add (PARSE_DELAY_MS, parse_timeout_cb, self);

  _sheaf_document_schedule_autosave (self);
}

static void
sheaf_document_modified_changed (GtkTextBuffer *buffer)
{
  SheafDocument *self = SHEAF_DOCUMENT (buffer);

  if (GTK_TEXT_BUFFER_CLASS (sheaf_document_parent_class)->modified_changed != NULL)
    GTK_TEXT_BUFFER_CLASS (sheaf_document_parent_class)->modified_changed (buffer);

  if (!self->setting_text)
    _sheaf_document_update_dirty (self);
}

static void
sheaf_document_constructed (GObject *object)
{
  SheafDocument *self = (SheafDocument *)object;

  G_OBJECT_CLASS (sheaf_document_parent_class)->constructed (object);

  /* No language here: the editor page sets ours (sheaf-markdown.lang).
   * Loading GtkSourceView's own Markdown first, only to replace it, cost
   * about 0.1 s at start-up. */
  gtk_source_buffer_set_implicit_trailing_newline (GTK_SOURCE_BUFFER (self), FALSE);
}

static void
sheaf_document_dispose (GObject *object)
{
  SheafDocument *self = (SheafDocument *)object;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->parse_source, g_source_remove);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->check_source, g_source_remove);

  _sheaf_document_clear_monitor (self);

  if (self->save_waiters != NULL && self->save_waiters->len > 0)
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The note was closed");
      _sheaf_document_return_waiters (self->save_waiters, error);
      g_ptr_array_set_size (self->save_waiters, 0);
    }

  g_clear_object (&self->note);
  g_clear_object (&self->parse_base);

  G_OBJECT_CLASS (sheaf_document_parent_class)->dispose (object);
}

static void
sheaf_document_finalize (GObject *object)
{
  SheafDocument *self = (SheafDocument *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->disk_bytes, g_bytes_unref);
  g_clear_pointer (&self->conflict_etag, g_free);
  g_clear_pointer (&self->conflict_bytes, g_bytes_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->save_waiters, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sheaf_document_parent_class)->finalize (object);
}

static void
sheaf_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SheafDocument *self = SHEAF_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->n_loads > 0);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;

    case PROP_CONFLICT:
      g_value_set_boolean (value, self->conflict);
      break;

    case PROP_DELETED:
      g_value_set_boolean (value, self->deleted);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_document_class_init (SheafDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextBufferClass *buffer_class = GTK_TEXT_BUFFER_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->constructed = sheaf_document_constructed;
  object_class->dispose = sheaf_document_dispose;
  object_class->finalize = sheaf_document_finalize;
  object_class->get_property = sheaf_document_get_property;

  buffer_class->insert_text = sheaf_document_insert_text;
  buffer_class->delete_range = sheaf_document_delete_range;
  buffer_class->changed = sheaf_document_changed;
  buffer_class->modified_changed = sheaf_document_modified_changed;

  /* The file and its vault-relative path, set when loading starts. */
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  /* The latest parse of the buffer's text (spans are offsets in that text). */
  properties[PROP_NOTE] = g_param_spec_object ("note", NULL, NULL, SHEAF_TYPE_NOTE, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_SAVING] = g_param_spec_boolean ("saving", NULL, NULL, FALSE, flags);
  /* Unsaved edits: the window asks before closing while this is set. */
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, flags);
  /* The file changed on disk under unsaved edits; autosave waits for a choice. */
  properties[PROP_CONFLICT] = g_param_spec_boolean ("conflict", NULL, NULL, FALSE, flags);
  /* The file is gone from disk; only an explicit save brings it back. */
  properties[PROP_DELETED] = g_param_spec_boolean ("deleted", NULL, NULL, FALSE, flags);
  /* The note is never written (see "problem" for why). */
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, flags);
  /* The last failed read or save, or NULL. */
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  /* Why the note is read-only, or NULL. */
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SheafDocument::reloaded:
   *
   * The file changed on disk while the buffer had no unsaved edits, and the
   * buffer now shows the new text. The window tells the user with a toast.
   */
  signals[RELOADED] =
    g_signal_new ("reloaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sheaf_document_init (SheafDocument *self)
{
  self->cancellable = g_cancellable_new ();
  self->save_waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Friend API (sheaf-document-private.h) ---------------------------------- */

/* The other sheaf-document-*.c files change what is public through these, so
 * that every property notification is sent from this file. */

void
_sheaf_document_set_file (SheafDocument *self,
                          GFile         *file,
                          const char    *path)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  set_string (self, &self->path, path, PROP_PATH);
}

void
_sheaf_document_set_note (SheafDocument *self,
                          SheafNote     *note)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  if (g_set_object (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);

  if (note != NULL)
    set_string (self, &self->title, sheaf_note_get_title (note), PROP_TITLE);
}

/* @note is the parse of the buffer's text as it is now (a load): the next
 * live parse reparses from it. */
void
_sheaf_document_reset_parse_base (SheafDocument *self,
                                  SheafNote     *note)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  g_set_object (&self->parse_base, note);
  self->edited = FALSE;
  self->edit_unknown = FALSE;
}

void
_sheaf_document_set_error (SheafDocument *self,
                           const char    *error)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  set_string (self, &self->error, error, PROP_ERROR);
}

void
_sheaf_document_set_problem (SheafDocument *self,
                             const char    *problem)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  set_string (self, &self->problem, problem, PROP_PROBLEM);
}

void
_sheaf_document_set_saving (SheafDocument *self,
                            gboolean       saving)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  set_flag (self, saving, PROP_SAVING);
}

void
_sheaf_document_set_deleted (SheafDocument *self,
                             gboolean       deleted)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  set_flag (self, deleted, PROP_DELETED);
}

void
_sheaf_document_set_read_only (SheafDocument *self,
                               gboolean       read_only)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  set_flag (self, read_only, PROP_READ_ONLY);
}

/* The file changed on disk under unsaved edits: remember the version found
 * there, which "keep mine" saves against. */
void
_sheaf_document_set_conflict (SheafDocument *self,
                              const char    *etag,
                              GBytes        *bytes)
{
  g_assert (SHEAF_IS_DOCUMENT (self));
  g_assert (bytes != NULL);

  g_free (self->conflict_etag);
  self->conflict_etag = g_strdup (etag);
  g_clear_pointer (&self->conflict_bytes, g_bytes_unref);
  self->conflict_bytes = g_bytes_ref (bytes);
  set_flag (self, TRUE, PROP_CONFLICT);
}

void
_sheaf_document_clear_conflict (SheafDocument *self)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  g_clear_pointer (&self->conflict_etag, g_free);
  g_clear_pointer (&self->conflict_bytes, g_bytes_unref);
  set_flag (self, FALSE, PROP_CONFLICT);
}

/* @delta is +1 when a load or reload starts and -1 when it ends. */
void
_sheaf_document_add_loads (SheafDocument *self,
                           gint           delta)
{
  gboolean was_loading = self->n_loads > 0;

  g_assert (SHEAF_IS_DOCUMENT (self));

  self->n_loads += delta;
  if (was_loading != (self->n_loads > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_sheaf_document_update_dirty (SheafDocument *self)
{
  gboolean dirty = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self));

  g_assert (SHEAF_IS_DOCUMENT (self));

  if (self->dirty != dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
}

void
_sheaf_document_emit_reloaded (SheafDocument *self)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  g_signal_emit (self, signals[RELOADED], 0);
}

/* Public API ------------------------------------------------------------- */

SheafDocument *
sheaf_document_new (void)
{
  return g_object_new (SHEAF_TYPE_DOCUMENT, NULL);
}

/**
 * sheaf_document_update_style_scheme:
 * @self: a #SheafDocument
 * @dark: whether the application shows its dark style
 *
 * The view follows AdwStyleManager:dark and calls this; the model itself
 * knows nothing of the display.
 */
void
sheaf_document_update_style_scheme (SheafDocument *self,
                                    gboolean       dark)
{
  static const char * const light_ids[] = { "Adwaita", "classic", NULL };
  static const char * const dark_ids[] = { "Adwaita-dark", "classic-dark", "oblivion", NULL };
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  const char * const *ids = dark ? dark_ids : light_ids;

  g_return_if_fail (SHEAF_IS_DOCUMENT (self));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager, ids[i]);

      if (scheme != NULL)
        {
          gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (self), scheme);
          return;
        }
    }
}

GFile *
sheaf_document_get_file (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), NULL);

  return self->file;
}

const char *
sheaf_document_get_path (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), NULL);

  return self->path;
}

const char *
sheaf_document_get_title (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), NULL);

  return self->title;
}

/**
 * sheaf_document_get_note:
 *
 * Returns: (transfer none) (nullable): the latest parse of the buffer's text
 */
SheafNote *
sheaf_document_get_note (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), NULL);

  return self->note;
}

gboolean
sheaf_document_get_loading (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);

  return self->n_loads > 0;
}

gboolean
sheaf_document_get_saving (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);

  return self->saving;
}

/**
 * sheaf_document_get_dirty:
 *
 * Returns: whether there are unsaved edits (ask before closing)
 */
gboolean
sheaf_document_get_dirty (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);

  return self->dirty;
}

gboolean
sheaf_document_get_conflict (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);

  return self->conflict;
}

gboolean
sheaf_document_get_deleted (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);

  return self->deleted;
}

gboolean
sheaf_document_get_read_only (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);

  return self->read_only;
}

const char *
sheaf_document_get_error (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), NULL);

  return self->error;
}

const char *
sheaf_document_get_problem (SheafDocument *self)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), NULL);

  return self->problem;
}
