/* sheaf-document.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-document"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-document.h"

#define PARSE_DELAY_MS    150
#define AUTOSAVE_DELAY_MS 1000
#define CHECK_DELAY_MS    50
#define MAX_COPIES        1000

static const char bom_bytes[] = "\xef\xbb\xbf";

/* The buffer shows the file's text with a BOM left out and, when every line
 * ends in CRLF, with LF endings; a save puts both back, so a load followed by
 * a save without an edit writes the bytes that were read (DESIGN.md §2.1).
 * "disk_bytes" and "etag" are what we believe is on disk: what we last read or
 * wrote. Everything that touches the disk runs in a worker (§2.3). */
struct _SheafDocument
{
  GtkSourceBuffer  parent_instance;

  /* Owned */
  GFile           *file;
  char            *path;
  char            *title;
  SheafNote       *note;
  char            *etag;
  GBytes          *disk_bytes;
  char            *conflict_etag;
  GBytes          *conflict_bytes;
  char            *error;
  char            *problem;
  GFileMonitor    *monitor;
  GCancellable    *cancellable;     /* cancelled in dispose */
  GPtrArray       *save_waiters;    /* GTask: explicit saves not yet started */

  guint            parse_source;
  guint            autosave_source;
  guint            check_source;

  guint            parse_serial;    /* bumped when a parse starts: newer wins */
  guint            change_serial;   /* bumped on every edit */
  guint            load_serial;     /* bumped when another file is loaded */
  guint            io_serial;       /* bumped when a read or write starts */
  guint            n_loads;

  guint            loaded : 1;       /* the buffer holds this file's text */
  guint            bom : 1;
  guint            crlf : 1;
  guint            saving : 1;
  guint            dirty : 1;
  guint            conflict : 1;
  guint            deleted : 1;
  guint            read_only : 1;
  guint            setting_text : 1;
  guint            checking : 1;
  guint            check_again : 1;
  guint            save_again : 1;
  guint            force_save : 1;
  guint            reload_again : 1;
};

/* What a worker made of a file: the bytes as read and the text to show. */
typedef struct
{
  GBytes    *bytes;
  char      *etag;
  char      *text;
  gsize      length;
  SheafNote *note;
  gssize     invalid_at;
  gboolean   bom;
  gboolean   crlf;
} Loaded;

typedef enum
{
  READ_LOAD,
  READ_RELOAD,
  READ_CHECK,
} ReadMode;

typedef enum
{
  READ_CHANGED,
  READ_SAME_BYTES,
  READ_UNCHANGED,
} ReadOutcome;

typedef struct
{
  GFile       *file;
  char        *path;
  char        *known_etag;
  GBytes      *known_bytes;
  GTask       *outer;
  ReadMode     mode;
  guint        load_serial;
  guint        io_serial;
  /* Out */
  ReadOutcome  outcome;
  char        *etag;
  Loaded      *loaded;
} ReadData;

typedef struct
{
  GFile     *file;
  char      *path;
  char      *text;
  char      *etag;
  GPtrArray *waiters;
  GTask     *outer;
  guint      load_serial;
  guint      change_serial;
  gboolean   bom;
  gboolean   crlf;
  /* Out */
  GBytes    *written;
  char      *new_etag;
  char      *copy_path;
  Loaded    *theirs;
  GError    *theirs_error;
} WriteData;

typedef struct
{
  char   *path;
  GBytes *bytes;
  char   *etag;
  guint   serial;
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

static void run_save        (SheafDocument *self);
static void run_check       (SheafDocument *self);
static void start_read      (SheafDocument *self,
                             ReadMode       mode,
                             GTask         *outer,
                             GCancellable  *cancellable);
static void process_pending (SheafDocument *self);

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->bytes, g_bytes_unref);
  g_clear_pointer (&loaded->etag, g_free);
  g_clear_pointer (&loaded->text, g_free);
  g_clear_object (&loaded->note);
  g_free (loaded);
}

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->known_etag, g_free);
  g_clear_pointer (&data->known_bytes, g_bytes_unref);
  g_clear_object (&data->outer);
  g_clear_pointer (&data->etag, g_free);
  g_clear_pointer (&data->loaded, loaded_free);
  g_free (data);
}

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->text, g_free);
  g_clear_pointer (&data->etag, g_free);
  g_clear_pointer (&data->waiters, g_ptr_array_unref);
  g_clear_object (&data->outer);
  g_clear_pointer (&data->written, g_bytes_unref);
  g_clear_pointer (&data->new_etag, g_free);
  g_clear_pointer (&data->copy_path, g_free);
  g_clear_pointer (&data->theirs, loaded_free);
  g_clear_error (&data->theirs_error);
  g_free (data);
}

static void
parse_data_free (ParseData *data)
{
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_pointer (&data->etag, g_free);
  g_free (data);
}

/* TRUE when the text has at least one line feed and every one ends a CRLF. */
static gboolean
text_is_all_crlf (const char *text,
                  gsize       length)
{
  const char *end = text + length;
  const char *p = text;
  gboolean any = FALSE;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      if (p == text || p[-1] != '\r')
        return FALSE;
      any = TRUE;
      p++;
    }

  return any;
}

/* Runs in a worker. Never fails: invalid UTF-8 gives a note to show read-only. */
static Loaded *
loaded_new (const char *path,
            GBytes     *bytes,
            const char *etag)
{
  Loaded *loaded = g_new0 (Loaded, 1);
  const char *data;
  const char *body;
  const char *invalid = NULL;
  gsize length;
  gsize body_length;

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";

  loaded->bytes = g_bytes_ref (bytes);
  loaded->etag = g_strdup (etag);
  loaded->invalid_at = -1;
  loaded->bom = length >= 3 && memcmp (data, bom_bytes, 3) == 0;
  body = loaded->bom ? data + 3 : data;
  body_length = loaded->bom ? length - 3 : length;

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      loaded->invalid_at = invalid - data;
      loaded->text = g_utf8_make_valid (body, body_length);
      loaded->length = strlen (loaded->text);
    }
  else if ((loaded->crlf = text_is_all_crlf (body, body_length)))
    {
      char *out = g_malloc (body_length + 1);
      gsize n = 0;

      for (gsize i = 0; i < body_length; i++)
        if (!(body[i] == '\r' && i + 1 < body_length && body[i + 1] == '\n'))
          out[n++] = body[i];
      out[n] = '\0';
      loaded->text = out;
      loaded->length = n;
    }
  else
    {
      loaded->text = g_strndup (body, body_length);
      loaded->length = body_length;
    }

  if (!loaded->bom && !loaded->crlf && loaded->invalid_at < 0)
    {
      loaded->note = sheaf_note_new_for_bytes (path, bytes, etag,
                                               SHEAF_NOTE_KEEP_TEXT | SHEAF_NOTE_KEEP_TREE);
    }
  else
    {
      g_autoptr(GBytes) shown = g_bytes_new (loaded->text, loaded->length);

      loaded->note = sheaf_note_new_for_bytes (path, shown, etag,
                                               SHEAF_NOTE_KEEP_TEXT | SHEAF_NOTE_KEEP_TREE);
    }

  return loaded;
}

/* Runs in a worker: the buffer's text back into the file's bytes. */
static GBytes *
encode_text (const char *text,
             gboolean    bom,
             gboolean    crlf)
{
  gsize length = strlen (text);
  GString *out = g_string_sized_new (length + (crlf ? length / 16 : 0) + 4);

  if (bom)
    g_string_append_len (out, bom_bytes, 3);

  if (!crlf)
    g_string_append_len (out, text, length);
  else
    for (const char *p = text; *p != '\0'; p++)
      {
        if (*p == '\n')
          g_string_append_c (out, '\r');
        g_string_append_c (out, *p);
      }

  return g_string_free_to_bytes (out);
}

static char *
dup_buffer_text (SheafDocument *self)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self), &start, &end);

  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self), &start, &end, TRUE);
}

static gboolean
is_disposed (SheafDocument *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
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

static void
set_loads (SheafDocument *self,
           gint           delta)
{
  gboolean was_loading = self->n_loads > 0;

  self->n_loads += delta;
  if (was_loading != (self->n_loads > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_dirty (SheafDocument *self)
{
  gboolean dirty = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self));

  if (self->dirty != dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
}

static void
set_note (SheafDocument *self,
          SheafNote     *note)
{
  if (g_set_object (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);

  if (note != NULL)
    set_string (self, &self->title, sheaf_note_get_title (note), PROP_TITLE);
}

static void
clear_conflict (SheafDocument *self)
{
  g_clear_pointer (&self->conflict_etag, g_free);
  g_clear_pointer (&self->conflict_bytes, g_bytes_unref);
  set_flag (self, FALSE, PROP_CONFLICT);
}

static gboolean
can_autosave (SheafDocument *self)
{
  return self->loaded &&
         !self->read_only &&
         !self->conflict &&
         !self->deleted &&
         self->n_loads == 0;
}

static gboolean
autosave_timeout_cb (gpointer user_data)
{
  SheafDocument *self = user_data;

  g_assert (SHEAF_IS_DOCUMENT (self));

  self->autosave_source = 0;
  if (self->saving)
    self->save_again = TRUE;
  else
    run_save (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (SheafDocument *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (can_autosave (self))
    self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_timeout_cb, self);
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  SheafDocument *self = user_data;

  g_assert (SHEAF_IS_DOCUMENT (self));

  self->check_source = 0;
  run_check (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_check (SheafDocument *self)
{
  if (self->check_source == 0)
    self->check_source = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
}

static void
monitor_changed_cb (SheafDocument     *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  /* Whatever the event, what counts is what the file holds now: re-read it. */
  if (event != G_FILE_MONITOR_EVENT_PRE_UNMOUNT)
    schedule_check (self);
}

static void
apply_loaded (SheafDocument *self,
              Loaded        *loaded,
              gboolean       keep_cursor)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter iter;
  int line = 0;

  g_clear_handle_id (&self->parse_source, g_source_remove);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->parse_serial++;

  if (keep_cursor)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      line = gtk_text_iter_get_line (&iter);
    }

  self->setting_text = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, loaded->text, loaded->length);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_set_modified (buffer, FALSE);
  self->setting_text = FALSE;
  update_dirty (self);

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  gtk_text_buffer_place_cursor (buffer, &iter);

  g_free (self->etag);
  self->etag = g_strdup (loaded->etag);
  g_clear_pointer (&self->disk_bytes, g_bytes_unref);
  self->disk_bytes = g_bytes_ref (loaded->bytes);
  self->bom = loaded->bom;
  self->crlf = loaded->crlf;
  self->loaded = TRUE;

  if (loaded->invalid_at >= 0)
    {
      g_autofree char *at = g_strdup_printf ("%" G_GSSIZE_FORMAT, loaded->invalid_at);
      g_autofree char *problem =
        /* Translators: %s is a byte offset in the file */
        g_strdup_printf (_("This note contains invalid UTF-8 at byte %s. "
                           "Sheaf shows it read-only and will not edit it, "
                           "to avoid damaging it."),
                         at);

      set_string (self, &self->problem, problem, PROP_PROBLEM);
    }
  else
    set_string (self, &self->problem, NULL, PROP_PROBLEM);

  set_flag (self, loaded->invalid_at >= 0, PROP_READ_ONLY);
  set_flag (self, FALSE, PROP_DELETED);
  clear_conflict (self);
  set_string (self, &self->error, NULL, PROP_ERROR);
  set_note (self, loaded->note);
}

/* Reading ---------------------------------------------------------------- */

static void
read_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *etag = NULL;
  gsize length = 0;

  if (data->known_etag != NULL)
    {
      g_autoptr(GFileInfo) info = NULL;

      info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                G_FILE_QUERY_INFO_NONE, cancellable, &error);
      if (info == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (g_strcmp0 (g_file_info_get_etag (info), data->known_etag) == 0)
        {
          data->outcome = READ_UNCHANGED;
          g_task_return_boolean (task, TRUE);
          return;
        }
    }

  if (!g_file_load_contents (data->file, cancellable, &contents, &length, &etag, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  if (data->known_bytes != NULL && g_bytes_equal (bytes, data->known_bytes))
    {
      data->outcome = READ_SAME_BYTES;
      data->etag = g_steal_pointer (&etag);
    }
  else
    {
      data->outcome = READ_CHANGED;
      data->loaded = loaded_new (data->path, bytes, etag);
    }

  g_task_return_boolean (task, TRUE);
}

static void
check_done (SheafDocument *self,
            ReadData      *data,
            GError        *error)
{
  if (data->io_serial != self->io_serial || data->load_serial != self->load_serial)
    {
      /* A read or write started meanwhile: what we read may be stale. */
      self->check_again = TRUE;
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_clear_pointer (&self->etag, g_free);
      g_clear_handle_id (&self->autosave_source, g_source_remove);
      clear_conflict (self);
      set_flag (self, TRUE, PROP_DELETED);
      return;
    }

  if (error != NULL)
    {
      g_debug ("Could not check %s: %s", self->path, error->message);
      return;
    }

  switch (data->outcome)
    {
    case READ_UNCHANGED:
      break;

    case READ_SAME_BYTES:
      /* Our own save, a touch, or a change reverted: nothing to tell. */
      g_free (self->etag);
      self->etag = g_steal_pointer (&data->etag);
      clear_conflict (self);
      set_flag (self, FALSE, PROP_DELETED);
      if (self->dirty)
        schedule_autosave (self);
      break;

    case READ_CHANGED:
      if (!self->dirty)
        {
          apply_loaded (self, data->loaded, TRUE);
          g_signal_emit (self, signals[RELOADED], 0);
        }
      else
        {
          g_free (self->conflict_etag);
          self->conflict_etag = g_strdup (data->loaded->etag);
          g_clear_pointer (&self->conflict_bytes, g_bytes_unref);
          self->conflict_bytes = g_bytes_ref (data->loaded->bytes);
          g_clear_handle_id (&self->autosave_source, g_source_remove);
          set_flag (self, FALSE, PROP_DELETED);
          set_flag (self, TRUE, PROP_CONFLICT);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SheafDocument *self = SHEAF_DOCUMENT (object);
  ReadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  if (data->mode == READ_CHECK)
    {
      self->checking = FALSE;
      if (!is_disposed (self))
        check_done (self, data, error);
      process_pending (self);
      return;
    }

  set_loads (self, -1);

  if (is_disposed (self) || data->load_serial != self->load_serial)
    {
      if (data->outer != NULL)
        g_task_return_new_error (data->outer, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "Another note was loaded");
      process_pending (self);
      return;
    }

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_string (self, &self->error, error->message, PROP_ERROR);
      if (data->mode == READ_RELOAD &&
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_clear_pointer (&self->etag, g_free);
          clear_conflict (self);
          set_flag (self, TRUE, PROP_DELETED);
        }
      if (data->outer != NULL)
        g_task_return_error (data->outer, g_steal_pointer (&error));
    }
  else
    {
      apply_loaded (self, data->loaded, data->mode == READ_RELOAD);
      if (data->outer != NULL)
        g_task_return_boolean (data->outer, TRUE);
    }

  process_pending (self);
}

static void
start_read (SheafDocument *self,
            ReadMode       mode,
            GTask         *outer,
            GCancellable  *cancellable)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_assert (SHEAF_IS_DOCUMENT (self));
  g_assert (G_IS_FILE (self->file));

  data = g_new0 (ReadData, 1);
  data->file = g_object_ref (self->file);
  data->path = g_strdup (self->path);
  data->mode = mode;
  data->outer = outer != NULL ? g_object_ref (outer) : NULL;
  data->load_serial = self->load_serial;

  if (mode == READ_CHECK)
    {
      data->known_etag = g_strdup (self->conflict ? self->conflict_etag : self->etag);
      data->known_bytes = self->disk_bytes != NULL ? g_bytes_ref (self->disk_bytes) : NULL;
      data->io_serial = self->io_serial;
      self->checking = TRUE;
    }
  else
    {
      self->io_serial++;
      set_loads (self, +1);
    }

  task = g_task_new (self, cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, data, (GDestroyNotify)read_data_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, read_worker);
}

static void
run_check (SheafDocument *self)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  if (!self->loaded || is_disposed (self))
    return;

  if (self->saving || self->n_loads > 0 || self->checking)
    {
      self->check_again = TRUE;
      return;
    }

  self->check_again = FALSE;
  start_read (self, READ_CHECK, NULL, self->cancellable);
}

static void
process_pending (SheafDocument *self)
{
  g_assert (SHEAF_IS_DOCUMENT (self));

  if (is_disposed (self) || self->saving || self->n_loads > 0)
    return;

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      start_read (self, READ_RELOAD, NULL, self->cancellable);
      return;
    }

  if (self->save_again || self->force_save || self->save_waiters->len > 0)
    {
      run_save (self);
      if (self->saving)
        return;
    }

  if (self->check_again)
    run_check (self);
}

/* Writing ---------------------------------------------------------------- */

static void
return_waiters (GPtrArray    *waiters,
                const GError *error)
{
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (waiter, g_error_copy (error));
      else
        g_task_return_boolean (waiter, TRUE);
    }
}

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* g_file_replace() recreates a missing file whatever the etag: a note
   * deleted elsewhere must not come back unless the user asks for it. */
  if (data->etag != NULL && !g_file_query_exists (data->file, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The note was deleted or moved on disk"));
      return;
    }

  bytes = encode_text (data->text, data->bom, data->crlf);

  if (!sheaf_note_save_bytes (data->file, bytes, data->etag, &data->new_etag,
                              cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->written = g_steal_pointer (&bytes);
  g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SheafDocument *self = SHEAF_DOCUMENT (object);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  set_flag (self, FALSE, PROP_SAVING);

  if (data->load_serial == self->load_serial && !is_disposed (self))
    {
      if (error == NULL)
        {
          g_free (self->etag);
          self->etag = g_steal_pointer (&data->new_etag);
          g_clear_pointer (&self->disk_bytes, g_bytes_unref);
          self->disk_bytes = g_bytes_ref (data->written);
          set_flag (self, FALSE, PROP_DELETED);
          set_string (self, &self->error, NULL, PROP_ERROR);

          if (data->change_serial == self->change_serial)
            {
              gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);
              update_dirty (self);
            }
          else
            schedule_autosave (self);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          /* Changed on disk since we read it: the check decides between
           * a conflict and a harmless touch. */
          self->check_again = TRUE;
        }
      else
        {
          set_string (self, &self->error, error->message, PROP_ERROR);
          if (data->etag != NULL &&
              g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            {
              g_clear_pointer (&self->etag, g_free);
              set_flag (self, TRUE, PROP_DELETED);
            }
        }
    }

  return_waiters (data->waiters, error);
  process_pending (self);
}

static void
run_save (SheafDocument *self)
{
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = self->force_save;
  WriteData *data;

  g_assert (SHEAF_IS_DOCUMENT (self));
  g_assert (!self->saving);

  waiters = g_steal_pointer (&self->save_waiters);
  self->save_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->save_again = FALSE;
  self->force_save = FALSE;

  if (!self->loaded)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No note is open"));
  else if (self->read_only)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                                 self->problem != NULL ? self->problem
                                                       : _("This note is read-only"));
  else if (self->conflict)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                         _("The note changed on disk: reload it, keep your version "
                           "or save a copy"));
  else if (self->n_loads > 0 && self->dirty)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_BUSY, _("The note is being reloaded"));

  if (error != NULL)
    {
      return_waiters (waiters, error);
      return;
    }

  /* Nothing to write; and an autosave never brings a deleted note back. */
  if ((!self->dirty && !force) || self->n_loads > 0 ||
      (self->deleted && waiters->len == 0 && !force))
    {
      return_waiters (waiters, NULL);
      return;
    }

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  data = g_new0 (WriteData, 1);
  data->file = g_object_ref (self->file);
  data->text = dup_buffer_text (self);
  data->etag = self->deleted ? NULL : g_strdup (self->etag);
  data->bom = self->bom;
  data->crlf = self->crlf;
  data->waiters = g_steal_pointer (&waiters);
  data->load_serial = self->load_serial;
  data->change_serial = self->change_serial;

  self->io_serial++;
  set_flag (self, TRUE, PROP_SAVING);

  /* No cancellable: a save, once started, finishes, even if the page closes. */
  task = g_task_new (self, NULL, save_done_cb, NULL);
  g_task_set_source_tag (task, run_save);
  g_task_set_task_data (task, data, (GDestroyNotify)write_data_free);
  g_task_run_in_thread (task, save_worker);
}

/* Parsing ---------------------------------------------------------------- */

static void
parse_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *data = task_data;

  g_task_return_pointer (task,
                         sheaf_note_new_for_bytes (data->path, data->bytes, data->etag,
                                                   SHEAF_NOTE_KEEP_TEXT | SHEAF_NOTE_KEEP_TREE),
                         g_object_unref);
}

static void
parse_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SheafDocument *self = SHEAF_DOCUMENT (object);
  ParseData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(SheafNote) note = NULL;

  note = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A newer parse started (or the text was replaced): this one is stale. */
  if (note != NULL && data->serial == self->parse_serial)
    set_note (self, note);
}

static gboolean
parse_timeout_cb (gpointer user_data)
{
  SheafDocument *self = user_data;
  g_autoptr(GTask) task = NULL;
  ParseData *data;
  char *text;

  g_assert (SHEAF_IS_DOCUMENT (self));

  self->parse_source = 0;

  text = dup_buffer_text (self);
  data = g_new0 (ParseData, 1);
  data->path = g_strdup (self->path != NULL ? self->path : "");
  data->bytes = g_bytes_new_take (text, strlen (text));
  data->etag = g_strdup (self->etag);
  data->serial = ++self->parse_serial;

  task = g_task_new (self, self->cancellable, parse_done_cb, NULL);
  g_task_set_source_tag (task, parse_timeout_cb);
  g_task_set_task_data (task, data, (GDestroyNotify)parse_data_free);
  g_task_run_in_thread (task, parse_worker);

  return G_SOURCE_REMOVE;
}

/* GObject ---------------------------------------------------------------- */

static void
sheaf_document_changed (GtkTextBuffer *buffer)
{
  SheafDocument *self = SHEAF_DOCUMENT (buffer);

  if (GTK_TEXT_BUFFER_CLASS (sheaf_document_parent_class)->changed != NULL)
    GTK_TEXT_BUFFER_CLASS (sheaf_document_parent_class)->changed (buffer);

  if (self->setting_text || is_disposed (self))
    return;

  self->change_serial++;

  g_clear_handle_id (&self->parse_source, g_source_remove);
  self->parse_source = g_timeout_add (PARSE_DELAY_MS, parse_timeout_cb, self);

  schedule_autosave (self);
}

static void
sheaf_document_modified_changed (GtkTextBuffer *buffer)
{
  SheafDocument *self = SHEAF_DOCUMENT (buffer);

  if (GTK_TEXT_BUFFER_CLASS (sheaf_document_parent_class)->modified_changed != NULL)
    GTK_TEXT_BUFFER_CLASS (sheaf_document_parent_class)->modified_changed (buffer);

  if (!self->setting_text)
    update_dirty (self);
}

static void
sheaf_document_constructed (GObject *object)
{
  SheafDocument *self = (SheafDocument *)object;
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();

  G_OBJECT_CLASS (sheaf_document_parent_class)->constructed (object);

  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (self),
                                  gtk_source_language_manager_get_language (manager, "markdown"));
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

  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  if (self->save_waiters != NULL && self->save_waiters->len > 0)
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The note was closed");
      return_waiters (self->save_waiters, error);
      g_ptr_array_set_size (self->save_waiters, 0);
    }

  g_clear_object (&self->note);

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

/* Public API ------------------------------------------------------------- */

SheafDocument *
sheaf_document_new (void)
{
  return g_object_new (SHEAF_TYPE_DOCUMENT, NULL);
}

/**
 * sheaf_document_load_async:
 * @self: a #SheafDocument
 * @file: the note's file
 * @path: its vault-relative path
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the text is in the buffer
 * @user_data: data for @callback
 *
 * Reads and parses @file in a worker, then shows it: the text is set without
 * an undo step and the buffer is clean. The file is watched from now on. A
 * note with invalid UTF-8 opens read-only with "problem" set. Loading another
 * file while a load runs makes the first one fail with %G_IO_ERROR_CANCELLED.
 */
void
sheaf_document_load_async (SheafDocument       *self,
                           GFile               *file,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SHEAF_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_document_load_async);

  self->load_serial++;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_again = self->save_again = self->force_save = self->reload_again = FALSE;

  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      /* Until the new file is read, the text is not its text: nothing may
       * be written to it, nor compared with it. */
      self->loaded = FALSE;
      g_clear_pointer (&self->etag, g_free);
      g_clear_pointer (&self->disk_bytes, g_bytes_unref);
      clear_conflict (self);
      set_flag (self, FALSE, PROP_DELETED);

      if (self->monitor != NULL)
        {
          g_file_monitor_cancel (self->monitor);
          g_clear_object (&self->monitor);
        }

      self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
      if (self->monitor != NULL)
        g_signal_connect_object (self->monitor, "changed",
                                 G_CALLBACK (monitor_changed_cb), self, G_CONNECT_SWAPPED);
      else
        g_warning ("Cannot watch %s: %s", path, error->message);
    }

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  set_string (self, &self->path, path, PROP_PATH);

  start_read (self, READ_LOAD, task, cancellable);
}

gboolean
sheaf_document_load_finish (SheafDocument  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sheaf_document_save_async:
 * @self: a #SheafDocument
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the text is on disk, or the save failed
 * @user_data: data for @callback
 *
 * Saves now, if there are unsaved edits (the window awaits this before it
 * closes a note). Fails with %G_IO_ERROR_READ_ONLY for a read-only note and
 * %G_IO_ERROR_WRONG_ETAG while a conflict waits for the user's choice. A note
 * deleted on disk is created again: the user asked for it.
 */
void
sheaf_document_save_async (SheafDocument       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SHEAF_IS_DOCUMENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_document_save_async);
  g_ptr_array_add (self->save_waiters, g_steal_pointer (&task));

  if (self->saving)
    self->save_again = TRUE;
  else
    run_save (self);
}

gboolean
sheaf_document_save_finish (SheafDocument  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_copy_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GFile) parent = g_file_get_parent (data->file);
  g_autoptr(GBytes) bytes = encode_text (data->text, data->bom, data->crlf);
  g_autoptr(GError) error = NULL;
  g_autofree char *stem = sheaf_note_path_dup_stem (data->path);
  g_autofree char *folder = g_path_get_dirname (data->path);
  g_autofree char *contents = NULL;
  g_autofree char *etag = NULL;
  gsize length = 0;

  for (guint n = 1; n <= MAX_COPIES; n++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GFile) copy = NULL;

      /* Translators: the file name of a copy kept after a conflict */
      name = n == 1 ? g_strdup_printf (_("%s (my copy).md"), stem)
                    : g_strdup_printf (_("%s (my copy %u).md"), stem, n);
      copy = g_file_get_child (parent, name);
      g_clear_error (&error);

      /* No etag: create, never replace. */
      if (sheaf_note_save_bytes (copy, bytes, NULL, NULL, cancellable, &error))
        {
          data->copy_path = g_strcmp0 (folder, ".") == 0
                            ? g_steal_pointer (&name)
                            : g_strconcat (folder, "/", name, NULL);
          break;
        }

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        break;
    }

  if (data->copy_path == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_file_load_contents (data->file, cancellable, &contents, &length, &etag,
                            &data->theirs_error))
    {
      g_autoptr(GBytes) theirs = g_bytes_new_take (g_steal_pointer (&contents), length);

      data->theirs = loaded_new (data->path, theirs, etag);
    }

  g_task_return_boolean (task, TRUE);
}

static void
save_copy_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SheafDocument *self = SHEAF_DOCUMENT (object);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  set_flag (self, FALSE, PROP_SAVING);

  if (error != NULL)
    {
      if (!is_disposed (self))
        set_string (self, &self->error, error->message, PROP_ERROR);
      g_task_return_error (data->outer, g_steal_pointer (&error));
      process_pending (self);
      return;
    }

  if (data->load_serial == self->load_serial && !is_disposed (self))
    {
      if (data->theirs != NULL)
        apply_loaded (self, data->theirs, TRUE);
      else if (g_error_matches (data->theirs_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_clear_pointer (&self->etag, g_free);
          clear_conflict (self);
          set_flag (self, TRUE, PROP_DELETED);
        }
      else
        set_string (self, &self->error, data->theirs_error->message, PROP_ERROR);
    }

  g_task_return_pointer (data->outer, g_steal_pointer (&data->copy_path), g_free);
  process_pending (self);
}

/**
 * sheaf_document_save_copy_async:
 * @self: a #SheafDocument
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the copy is written
 * @user_data: data for @callback
 *
 * "Save a copy" in a conflict: writes the buffer's text to a new sibling file,
 * "NAME (my copy).md", "NAME (my copy 2).md"… never overwriting a file, then
 * loads the file's current text into this document.
 */
void
sheaf_document_save_copy_async (SheafDocument       *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  WriteData *data;

  g_return_if_fail (SHEAF_IS_DOCUMENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_document_save_copy_async);

  if (!self->loaded)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("No note is open"));
      return;
    }

  if (self->read_only)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_READ_ONLY, "%s",
                               self->problem != NULL ? self->problem
                                                     : _("This note is read-only"));
      return;
    }

  if (self->saving || self->n_loads > 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The note is being saved or loaded"));
      return;
    }

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  data = g_new0 (WriteData, 1);
  data->file = g_object_ref (self->file);
  data->path = g_strdup (self->path);
  data->text = dup_buffer_text (self);
  data->bom = self->bom;
  data->crlf = self->crlf;
  data->outer = g_object_ref (task);
  data->load_serial = self->load_serial;

  self->io_serial++;
  set_flag (self, TRUE, PROP_SAVING);

  inner = g_task_new (self, cancellable, save_copy_done_cb, NULL);
  g_task_set_source_tag (inner, sheaf_document_save_copy_async);
  g_task_set_task_data (inner, data, (GDestroyNotify)write_data_free);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_run_in_thread (inner, save_copy_worker);
}

/**
 * sheaf_document_save_copy_finish:
 *
 * Returns: (transfer full): the copy's vault-relative path, or %NULL on error
 */
char *
sheaf_document_save_copy_finish (SheafDocument  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sheaf_document_reload:
 * @self: a #SheafDocument
 *
 * "Reload" in a conflict: discards the unsaved edits and shows the file's
 * current text, keeping the cursor's line. Runs in a worker; "loading" is
 * set meanwhile and "error" tells a failure.
 */
void
sheaf_document_reload (SheafDocument *self)
{
  g_return_if_fail (SHEAF_IS_DOCUMENT (self));

  if (self->file == NULL)
    return;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->save_again = FALSE;

  if (self->saving || self->n_loads > 0)
    self->reload_again = TRUE;
  else
    start_read (self, READ_RELOAD, NULL, self->cancellable);
}

/**
 * sheaf_document_keep_mine:
 * @self: a #SheafDocument
 *
 * "Keep mine" in a conflict: the user chose to write the buffer's text over
 * the file's new contents. Saves at once, against the etag of the version
 * the user saw: if the file changed yet again, the conflict comes back.
 */
void
sheaf_document_keep_mine (SheafDocument *self)
{
  g_return_if_fail (SHEAF_IS_DOCUMENT (self));

  if (!self->conflict)
    return;

  g_free (self->etag);
  self->etag = g_steal_pointer (&self->conflict_etag);
  g_clear_pointer (&self->disk_bytes, g_bytes_unref);
  self->disk_bytes = g_steal_pointer (&self->conflict_bytes);
  clear_conflict (self);

  self->force_save = TRUE;
  if (!self->saving)
    run_save (self);
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;

  return p;
}

/**
 * sheaf_document_toggle_task:
 * @self: a #SheafDocument
 * @line: a 1-based line number, as in the parse result
 *
 * Flips the marker of the task list item on @line, `[ ]` to `[x]` and any
 * other marker to `[ ]`, as one undoable user action: only that character
 * changes.
 *
 * Returns: %TRUE if @line held a task marker
 */
gboolean
sheaf_document_toggle_task (SheafDocument *self,
                            guint          line)
{
  GtkTextBuffer *buffer = (GtkTextBuffer *)self;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *text = NULL;
  const char *p;
  const char *mark;
  glong offset;

  g_return_val_if_fail (SHEAF_IS_DOCUMENT (self), FALSE);

  if (self->read_only || line == 0 || line > G_MAXINT ||
      !gtk_text_buffer_get_iter_at_line (buffer, &start, (int)line - 1))
    return FALSE;

  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  text = gtk_text_iter_get_slice (&start, &end);

  /* Indentation and blockquote markers, then "-", "*", "+" or "1." / "1)". */
  p = skip_blanks (text);
  while (*p == '>')
    p = skip_blanks (p + 1);

  if (*p == '-' || *p == '*' || *p == '+')
    p++;
  else if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p))
        p++;
      if (*p != '.' && *p != ')')
        return FALSE;
      p++;
    }
  else
    return FALSE;

  if (*p != ' ' && *p != '\t')
    return FALSE;
  p = skip_blanks (p);

  if (p[0] != '[' || p[1] == '\0' || p[1] == ']')
    return FALSE;
  mark = p + 1;
  p = g_utf8_next_char (mark);
  if (p[0] != ']' || (p[1] != '\0' && p[1] != ' ' && p[1] != '\t'))
    return FALSE;

  offset = g_utf8_pointer_to_offset (text, mark);
  gtk_text_iter_set_line_offset (&start, (int)offset);
  end = start;
  gtk_text_iter_forward_char (&end);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, *mark == ' ' ? "x" : " ", 1);
  gtk_text_buffer_end_user_action (buffer);

  return TRUE;
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
