/* sheaf-application.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-application"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "sheaf-application.h"
#include "sheaf-editor-page.h"
#include "sheaf-vault.h"
#include "sheaf-window.h"

/* The folder, under the user data directory, that receives a copy of the
 * bundled sample vault on first run. Not translated: it is a path on disk
 * that has to stay the same when the language changes. */
#define SAMPLE_VAULT_DIR "Sample Vault"

/* The note a new user sees first in the sample vault. */
#define SAMPLE_VAULT_WELCOME "Welcome to Sheaf.md"

struct _SheafApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GSettings      *settings;
};

/* What to open: either @target (a folder or a note given on the command
 * line), or nothing, meaning the last vault or else the sample vault. */
typedef struct
{
  GFile *target;
  char  *last_vault;
  char  *last_note;
} LocateRequest;

typedef struct
{
  GFile *root;
  char  *note_path;
} LocateResult;

G_DEFINE_FINAL_TYPE (SheafApplication, sheaf_application, ADW_TYPE_APPLICATION)

static void
locate_request_free (LocateRequest *request)
{
  g_clear_object (&request->target);
  g_clear_pointer (&request->last_vault, g_free);
  g_clear_pointer (&request->last_note, g_free);
  g_free (request);
}

static void
locate_result_free (LocateResult *result)
{
  g_clear_object (&result->root);
  g_clear_pointer (&result->note_path, g_free);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LocateResult, locate_result_free)

static gboolean
is_directory (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY;
}

/* Copies the folder @source to @dest, which must not exist yet. Symbolic links
 * are copied as links, never followed, so the copy stays inside the sample. */
static gboolean
copy_tree (GFile         *source,
           GFile         *dest,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  if (!g_file_make_directory (dest, cancellable, error))
    return FALSE;

  enumerator = g_file_enumerate_children (source,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable, error);
  if (enumerator == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      g_autoptr(GFile) dest_child = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, error))
        return FALSE;

      if (info == NULL)
        break;

      dest_child = g_file_get_child (dest, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (!copy_tree (child, dest_child, cancellable, error))
            return FALSE;
        }
      else if (!g_file_copy (child, dest_child,
                             G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                             cancellable, NULL, NULL, error))
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* Best effort: removes what an interrupted copy_tree() left behind. */
static void
delete_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (file,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          NULL, NULL);

  while (enumerator != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        delete_tree (child);
      else
        g_file_delete (child, NULL, NULL);
    }

  g_file_delete (file, NULL, NULL);
}

/* Returns the user's own copy of the sample vault, making it on first run. The
 * copy goes to a temporary sibling first and is renamed into place, so an
 * interrupted copy is never mistaken for a finished one. */
static GFile *
ensure_sample_vault (GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *parent_path = g_build_filename (g_get_user_data_dir (), "sheaf", NULL);
  g_autofree char *dest_path = g_build_filename (parent_path, SAMPLE_VAULT_DIR, NULL);
  g_autofree char *tmp_path = NULL;
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GError) local_error = NULL;

  if (is_directory (dest))
    return g_steal_pointer (&dest);

  source = g_file_new_for_path (PKGDATADIR "/sample-vault");
  if (!is_directory (source))
    {
      g_clear_object (&source);
      source = g_file_new_for_path (SOURCE_DATADIR "/sample-vault");
    }

  if (g_mkdir_with_parents (parent_path, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create the folder “%s”: %s"),
                   parent_path, g_strerror (errsv));
      return NULL;
    }

  tmp_path = g_strdup_printf ("%s/.%s.%u", parent_path, SAMPLE_VAULT_DIR, g_random_int ());
  tmp = g_file_new_for_path (tmp_path);

  if (!copy_tree (source, tmp, cancellable, &local_error) ||
      !g_file_move (tmp, dest, G_FILE_COPY_NONE, cancellable, NULL, NULL, &local_error))
    {
      delete_tree (tmp);

      /* Another instance may have won the race; its copy is as good as ours. */
      if (is_directory (dest))
        return g_steal_pointer (&dest);

      g_warning ("Could not copy the sample vault from %s: %s",
                 g_file_peek_path (source), local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&dest);
}

/* Returns the vault that holds the note @file: the nearest enclosing folder
 * with an .obsidian folder in it, else the folder the note is in. */
static GFile *
find_vault_root (GFile *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GFile) dir = g_object_ref (folder);

  while (dir != NULL)
    {
      g_autoptr(GFile) marker = g_file_get_child (dir, ".obsidian");
      GFile *parent;

      if (is_directory (marker))
        return g_steal_pointer (&dir);

      parent = g_file_get_parent (dir);
      g_object_unref (dir);
      dir = parent;
    }

  return g_steal_pointer (&folder);
}

static void
locate_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LocateRequest *request = task_data;
  g_autoptr(LocateResult) result = g_new0 (LocateResult, 1);
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (request != NULL);

  if (request->target != NULL)
    {
      GFileType type;

      type = g_file_query_file_type (request->target, G_FILE_QUERY_INFO_NONE, cancellable);

      switch (type)
        {
        case G_FILE_TYPE_DIRECTORY:
          result->root = g_object_ref (request->target);
          break;

        case G_FILE_TYPE_REGULAR:
          result->root = find_vault_root (request->target);
          result->note_path = g_file_get_relative_path (result->root, request->target);
          break;

        case G_FILE_TYPE_UNKNOWN:
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                   _("“%s” does not exist."),
                                   g_file_peek_path (request->target));
          return;

        case G_FILE_TYPE_SYMBOLIC_LINK:
        case G_FILE_TYPE_SPECIAL:
        case G_FILE_TYPE_SHORTCUT:
        case G_FILE_TYPE_MOUNTABLE:
        default:
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                   _("“%s” is neither a folder nor a note."),
                                   g_file_peek_path (request->target));
          return;
        }
    }
  else if (request->last_vault != NULL && request->last_vault[0] != '\0' &&
           g_file_test (request->last_vault, G_FILE_TEST_IS_DIR))
    {
      result->root = g_file_new_for_path (request->last_vault);
      if (request->last_note != NULL && request->last_note[0] != '\0')
        result->note_path = g_strdup (request->last_note);
    }
  else if ((result->root = ensure_sample_vault (cancellable, &error)) != NULL)
    {
      result->note_path = g_strdup (SAMPLE_VAULT_WELCOME);
    }
  else
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify)locate_result_free);
}

/* Start-up measurement (benchmarks/bench-startup.sh, DESIGN.md §5): with
 * SHEAF_BENCH_FIRST_FRAME set, the first window prints on standard output
 * how long after the process started it painted the frame that first shows
 * the note's text, then the one that first shows its preview, and quits;
 * with SHEAF_BENCH_FIRST_FRAME=indexed it also waits for the vault to be
 * indexed. Times count from SHEAF_BENCH_T0_USEC (wall-clock microseconds,
 * taken by the script before it started us, so exec and linking count) or
 * else, to 10 ms, from the process's start time in /proc/self/stat. */
typedef struct
{
  SheafWindow *window;     /* weak */
  gboolean     text;
  gboolean     preview;
  gboolean     indexed;
  gboolean     wait_indexed;
} BenchFrame;

static double
bench_elapsed_ms (void)
{
  const char *t0 = g_getenv ("SHEAF_BENCH_T0_USEC");
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  const char *fields;
  guint64 start_ticks = 0;

  if (t0 != NULL)
    return (g_get_real_time () - g_ascii_strtoll (t0, NULL, 10)) / 1000.0;

  /* Field 22, starttime, in clock ticks after boot; the command name
   * (field 2) may hold spaces, so count from its closing parenthesis. */
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (fields = strrchr (stat, ')')) == NULL)
    return -1;
  fields++;
  for (guint i = 0; i < 19 && fields != NULL; i++)
    fields = strchr (fields + 1, ' ');
  if (fields == NULL)
    return -1;
  start_ticks = g_ascii_strtoull (fields + 1, NULL, 10);

  /* Since boot as /proc counts it: in some VMs CLOCK_BOOTTIME drifts from it. */
  if (!g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL))
    return -1;

  return g_ascii_strtod (uptime, NULL) * 1000.0 - start_ticks * 1000.0 / sysconf (_SC_CLK_TCK);
}

static void
bench_report (const char *what)
{
  printf ("sheaf-bench-first-frame %s %.1f ms\n", what, bench_elapsed_ms ());
  fflush (stdout);
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      BenchFrame    *bench)
{
  SheafEditorPage *page;
  SheafVault *vault;

  if (bench->window == NULL)
    return;

  page = sheaf_window_get_editor_page (bench->window);
  vault = sheaf_window_get_vault (bench->window);

  /* The note's path is set once its text is in the editor's buffer: this
   * frame drew it. */
  if (!bench->text && sheaf_window_get_note_path (bench->window) != NULL)
    {
      bench->text = TRUE;
      bench_report ("text");
    }

  if (bench->text && !bench->preview &&
      sheaf_preview_get_note (sheaf_editor_page_get_preview (page)) != NULL)
    {
      bench->preview = TRUE;
      bench_report ("preview");
    }

  if (!bench->indexed && vault != NULL && sheaf_vault_get_loaded (vault))
    {
      bench->indexed = TRUE;
      bench_report ("indexed");
    }

  if (bench->text && bench->preview && (bench->indexed || !bench->wait_indexed))
    {
      g_signal_handlers_disconnect_by_data (clock, bench);
      g_application_quit (g_application_get_default ());
    }
}

/* A vault indexed while nothing on screen changes paints no frame: one is
 * asked for, so that the figure comes. */
static gboolean
bench_poll_cb (gpointer user_data)
{
  BenchFrame *bench = user_data;
  SheafVault *vault;

  if (bench->window == NULL)
    return G_SOURCE_REMOVE;

  vault = sheaf_window_get_vault (bench->window);
  if (vault != NULL && sheaf_vault_get_loaded (vault))
    {
      gtk_widget_queue_draw (GTK_WIDGET (bench->window));
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
bench_realize_cb (GtkWidget  *widget,
                  BenchFrame *bench)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (bench_after_paint_cb), bench);
  if (bench->wait_indexed)
    g_timeout_add (20, bench_poll_cb, bench);
}

static void
bench_watch_first_frame (SheafWindow *window)
{
  static BenchFrame bench;
  const char *mode = g_getenv ("SHEAF_BENCH_FIRST_FRAME");

  if (mode == NULL || mode[0] == '\0' || bench.window != NULL)
    return;

  bench.wait_indexed = g_str_equal (mode, "indexed");
  g_set_weak_pointer (&bench.window, window);
  g_signal_connect (window, "realize", G_CALLBACK (bench_realize_cb), &bench);
}

static void
locate_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SheafWindow) window = user_data;
  g_autoptr(LocateResult) located = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (SHEAF_IS_APPLICATION (object));
  g_assert (G_IS_TASK (result));
  g_assert (SHEAF_IS_WINDOW (window));

  located = g_task_propagate_pointer (G_TASK (result), &error);

  if (located == NULL)
    sheaf_window_show_error (window, error->message);
  else
    sheaf_window_open_vault (window, located->root, located->note_path);
}

/* Shows a window at once, with a spinner, and opens @target (or the vault a
 * bare start opens) in it once the disk has been consulted in a worker. */
static void
sheaf_application_open_in_new_window (SheafApplication *self,
                                      GFile            *target)
{
  g_autoptr(GTask) task = NULL;
  LocateRequest *request;
  SheafWindow *window;

  g_assert (SHEAF_IS_APPLICATION (self));
  g_assert (target == NULL || G_IS_FILE (target));

  window = sheaf_window_new (GTK_APPLICATION (self));
  bench_watch_first_frame (window);
  gtk_window_present (GTK_WINDOW (window));

  request = g_new0 (LocateRequest, 1);
  request->target = target != NULL ? g_object_ref (target) : NULL;
  request->last_vault = g_settings_get_string (self->settings, "last-vault");
  request->last_note = g_settings_get_string (self->settings, "last-note");

  task = g_task_new (self, NULL, locate_cb, g_object_ref (window));
  g_task_set_source_tag (task, sheaf_application_open_in_new_window);
  g_task_set_task_data (task, request, (GDestroyNotify)locate_request_free);
  g_task_run_in_thread (task, locate_thread);
}

static void
open_vault_response_cb (SheafApplication     *self,
                        int                   response,
                        GtkFileChooserNative *native)
{
  g_autoptr(GFile) folder = NULL;
  GtkWindow *window;

  g_assert (SHEAF_IS_APPLICATION (self));
  g_assert (GTK_IS_FILE_CHOOSER_NATIVE (native));

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (folder != NULL)
    {
      window = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (SHEAF_IS_WINDOW (window))
        sheaf_window_open_vault (SHEAF_WINDOW (window), folder, NULL);
      else
        sheaf_application_open_in_new_window (self, folder);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
sheaf_application_open_vault_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  SheafApplication *self = user_data;
  GtkFileChooserNative *native;
  GtkWindow *window;

  g_assert (SHEAF_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  native = gtk_file_chooser_native_new (_("Open Vault"),
                                        window,
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  /* The native dialog is not kept alive by anything else until it responds. */
  g_signal_connect_object (native, "response",
                           G_CALLBACK (open_vault_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
sheaf_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  static const char *developers[] = { "The Sheaf Authors", NULL };
  SheafApplication *self = user_data;
  GtkWindow *window;

  g_assert (SHEAF_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                    "transient-for", window,
                                    "application-name", _("Sheaf"),
                                    "application-icon", APP_ID,
                                    "developer-name", "The Sheaf Authors",
                                    "developers", developers,
                                    "version", PACKAGE_VERSION,
                                    "website", "https://github.com/sheafnotes/sheaf",
                                    "issue-url", "https://github.com/sheafnotes/sheaf/issues",
                                    "copyright", "© 2026 The Sheaf Authors",
                                    "license-type", GTK_LICENSE_GPL_3_0,
                                    /* Translators: replace with your names, one per line. */
                                    "translator-credits", _("translator-credits"),
                                    NULL));
}

static void
sheaf_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  SheafApplication *self = user_data;
  GList *windows;

  g_assert (SHEAF_IS_APPLICATION (self));

  /* Each window saves its note as it closes, and asks when the text cannot
   * be saved; the application ends when the last window is gone. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                              (GCopyFunc)(void (*) (void))g_object_ref, NULL);
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "open-vault", sheaf_application_open_vault_action },
  { "about", sheaf_application_about_action },
  { "quit", sheaf_application_quit_action },
};

static void
sheaf_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control><Shift>o", NULL };
  SheafApplication *self = SHEAF_APPLICATION (application);

  G_APPLICATION_CLASS (sheaf_application_parent_class)->startup (application);

  gtk_source_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open-vault", open_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
sheaf_application_activate (GApplication *application)
{
  SheafApplication *self = SHEAF_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  sheaf_application_open_in_new_window (self, NULL);
}

static void
sheaf_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  SheafApplication *self = SHEAF_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    sheaf_application_open_in_new_window (self, files[i]);
}

static void
sheaf_application_shutdown (GApplication *application)
{
  G_APPLICATION_CLASS (sheaf_application_parent_class)->shutdown (application);

  gtk_source_finalize ();
}

static void
sheaf_application_dispose (GObject *object)
{
  SheafApplication *self = (SheafApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sheaf_application_parent_class)->dispose (object);
}

static void
sheaf_application_class_init (SheafApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sheaf_application_dispose;

  app_class->startup = sheaf_application_startup;
  app_class->activate = sheaf_application_activate;
  app_class->open = sheaf_application_open;
  app_class->shutdown = sheaf_application_shutdown;
}

static void
sheaf_application_init (SheafApplication *self)
{
  self->settings = g_settings_new (APP_ID);
}

SheafApplication *
sheaf_application_new (void)
{
  return g_object_new (SHEAF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * sheaf_application_get_settings:
 * @self: a #SheafApplication
 *
 * Returns: (transfer none): the application's #GSettings
 */
GSettings *
sheaf_application_get_settings (SheafApplication *self)
{
  g_return_val_if_fail (SHEAF_IS_APPLICATION (self), NULL);

  return self->settings;
}
