/* test-preview.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "sheaf-callout.h"
#include "sheaf-preview.h"
#include "sheaf-preview-view.h"
#include "sheaf-properties-view.h"

#define WAIT_SECONDS 10

/* A SheafPreviewHost over notes and images held in memory (tests), or read
 * from a folder (--show, to look at the preview). */

#define FAKE_TYPE_HOST (fake_host_get_type ())
G_DECLARE_FINAL_TYPE (FakeHost, fake_host, FAKE, HOST, GObject)

struct _FakeHost
{
  GObject     parent_instance;
  GHashTable *notes;     /* path → GBytes */
  GHashTable *aliases;   /* casefolded alias → path */
  GHashTable *textures;  /* path → GdkTexture */
  char       *root;      /* --show: images come from files here */
  guint       n_note_loads;
  guint       n_texture_loads;
};

static void fake_host_iface_init (SheafPreviewHostInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeHost, fake_host, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHEAF_TYPE_PREVIEW_HOST, fake_host_iface_init))

static char *
stem_key (const char *path)
{
  g_autofree char *stem = sheaf_note_path_dup_stem (path);

  return g_utf8_casefold (stem, -1);
}

static void
fake_host_resolve (SheafPreviewHost *host,
                   const char       *source_path,
                   const SheafLink  *link,
                   SheafResolved    *out)
{
  FakeHost *self = FAKE_HOST (host);
  g_autofree char *wanted = stem_key (link->target);
  g_autofree char *target_key = g_utf8_casefold (link->target, -1);
  const char *best = NULL;
  GHashTableIter iter;
  gpointer key;
  const char *alias_owner;

  out->resolution = SHEAF_RESOLUTION_UNRESOLVED;
  out->resolved = NULL;
  out->ambiguous = FALSE;

  if (link->target[0] == '\0')
    {
      out->resolution = SHEAF_RESOLUTION_SELF;
      out->resolved = g_strdup (source_path);
      return;
    }

  g_hash_table_iter_init (&iter, self->notes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *path_key = g_utf8_casefold (key, -1);
      g_autofree char *k = stem_key (key);
      gboolean image = !sheaf_note_path_is_note (key);

      if ((image && g_str_has_suffix (path_key, target_key)) ||
          (!image && (g_strcmp0 (k, wanted) == 0 || g_str_has_suffix (path_key, wanted))))
        if (best == NULL || strlen (key) < strlen (best))
          best = key;
    }
  if (best != NULL)
    {
      out->resolution = SHEAF_RESOLUTION_SHORTEST;
      out->resolved = g_strdup (best);
      return;
    }

  alias_owner = g_hash_table_lookup (self->aliases, target_key);
  if (alias_owner != NULL)
    {
      out->resolution = SHEAF_RESOLUTION_ALIAS;
      out->resolved = g_strdup (alias_owner);
    }
}

static void
fake_host_load_note_async (SheafPreviewHost    *host,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  FakeHost *self = FAKE_HOST (host);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GBytes *bytes = g_hash_table_lookup (self->notes, path);

  self->n_note_loads++;
  if (bytes == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No note %s", path);
  else
    g_task_return_pointer (task,
                           sheaf_note_new_for_bytes (path, bytes, NULL,
                                                     SHEAF_NOTE_KEEP_TREE | SHEAF_NOTE_KEEP_TEXT),
                           g_object_unref);
}

static SheafNote *
fake_host_load_note_finish (SheafPreviewHost  *host,
                            GAsyncResult      *result,
                            GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_host_load_texture_async (SheafPreviewHost    *host,
                              const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  FakeHost *self = FAKE_HOST (host);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GdkTexture *texture = g_hash_table_lookup (self->textures, path);
  g_autoptr(GError) error = NULL;

  self->n_texture_loads++;
  if (texture == NULL && self->root != NULL)
    {
      g_autofree char *file = g_build_filename (self->root, path, NULL);

      texture = gdk_texture_new_from_filename (file, &error);
      if (texture != NULL)
        g_hash_table_insert (self->textures, g_strdup (path), texture);
    }
  if (texture == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No image %s", path);
  else
    g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
}

static GdkTexture *
fake_host_load_texture_finish (SheafPreviewHost  *host,
                               GAsyncResult      *result,
                               GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_host_iface_init (SheafPreviewHostInterface *iface)
{
  iface->resolve = fake_host_resolve;
  iface->load_note_async = fake_host_load_note_async;
  iface->load_note_finish = fake_host_load_note_finish;
  iface->load_texture_async = fake_host_load_texture_async;
  iface->load_texture_finish = fake_host_load_texture_finish;
}

static void
fake_host_finalize (GObject *object)
{
  FakeHost *self = FAKE_HOST (object);

  g_hash_table_unref (self->notes);
  g_hash_table_unref (self->aliases);
  g_hash_table_unref (self->textures);
  g_free (self->root);

  G_OBJECT_CLASS (fake_host_parent_class)->finalize (object);
}

static void
fake_host_class_init (FakeHostClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_host_finalize;
}

static void
fake_host_init (FakeHost *self)
{
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static void
fake_host_add_note (FakeHost   *self,
                    const char *path,
                    const char *text)
{
  g_hash_table_insert (self->notes, g_strdup (path), g_bytes_new (text, strlen (text)));
}

static void
fake_host_add_alias (FakeHost   *self,
                     const char *alias,
                     const char *path)
{
  g_hash_table_insert (self->aliases, g_utf8_casefold (alias, -1), g_strdup (path));
}

static void
fake_host_add_image (FakeHost   *self,
                     const char *path,
                     int         width,
                     int         height)
{
  g_autoptr(GBytes) bytes = NULL;
  guchar *data = g_malloc (width * height * 4);

  for (int i = 0; i < width * height; i++)
    {
      data[i * 4 + 0] = 0x35;
      data[i * 4 + 1] = 0x84;
      data[i * 4 + 2] = 0xe4;
      data[i * 4 + 3] = 0xff;
    }
  bytes = g_bytes_new_take (data, width * height * 4);
  g_hash_table_insert (self->notes, g_strdup (path), g_bytes_new ("", 0));
  g_hash_table_insert (self->textures, g_strdup (path),
                       gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, width * 4));
}

/* Helpers */

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

#define WAIT_FOR(cond)                                                          \
  G_STMT_START {                                                                \
    gboolean timed_out_ = FALSE;                                                \
    guint guard_ = g_timeout_add_seconds (WAIT_SECONDS, set_flag_cb, &timed_out_); \
    while (!(cond) && !timed_out_)                                              \
      g_main_context_iteration (NULL, TRUE);                                    \
    if (!timed_out_)                                                            \
      g_source_remove (guard_);                                                 \
    if (!(cond))                                                                \
      g_error ("Timed out waiting for %s", #cond);                              \
  } G_STMT_END

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static SheafNote *
note_new (const char *path,
          const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return sheaf_note_new_for_bytes (path, bytes, NULL, SHEAF_NOTE_KEEP_TREE | SHEAF_NOTE_KEEP_TEXT);
}

typedef struct
{
  FakeHost         *host;
  SheafPreview     *preview;
  SheafPreviewView *view;
  GtkTextBuffer    *buffer;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->host = g_object_new (FAKE_TYPE_HOST, NULL);
  fake_host_add_note (f->host, "Note.md", "# Note\n\nThe note.\n");
  fake_host_add_note (f->host, "Folder/Other Note.md", "Other.\n");
  fake_host_add_alias (f->host, "Nickname", "Folder/Other Note.md");
  f->preview = g_object_ref_sink (SHEAF_PREVIEW (sheaf_preview_new ()));
  sheaf_preview_set_host (f->preview, SHEAF_PREVIEW_HOST (f->host));
  f->view = SHEAF_PREVIEW_VIEW (sheaf_preview_get_text_view (f->preview));
  f->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->preview);
  g_clear_object (&f->host);
}

static void
show (Fixture    *f,
      const char *text)
{
  g_autoptr(SheafNote) note = note_new ("Test.md", text);

  sheaf_preview_set_note (f->preview, note);
}

static char *
text_of (Fixture *f)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (f->buffer, &start, &end);

  return gtk_text_buffer_get_text (f->buffer, &start, &end, TRUE);
}

static gboolean
find (Fixture     *f,
      const char  *needle,
      GtkTextIter *match)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (f->buffer, &start);

  return gtk_text_iter_forward_search (&start, needle, GTK_TEXT_SEARCH_TEXT_ONLY, match, &end, NULL);
}

static gboolean
has_tag (GtkTextIter *iter,
         const char  *name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_iter_get_buffer (iter)),
                                               name);

  return tag != NULL && gtk_text_iter_has_tag (iter, tag);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

static GPtrArray *
find_widgets (gpointer widget,
              GType    type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (GTK_WIDGET (widget), type, out);

  return out;
}

static GtkWidget *
find_widget_with_class (GtkWidget  *widget,
                        const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_with_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* --show: the preview of notes of a folder, in a window, to look at. */

static void
load_folder (FakeHost   *host,
             const char *root,
             const char *folder)
{
  g_autofree char *dir_path = g_build_filename (root, folder, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *rel = folder[0] != '\0' ? g_build_filename (folder, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (root, rel, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (name[0] == '.')
        continue;
      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        {
          load_folder (host, root, rel);
          continue;
        }
      if (!g_file_get_contents (full, &contents, &length, NULL))
        continue;
      g_hash_table_insert (host->notes, g_strdup (rel), g_bytes_new (contents, length));
      if (sheaf_note_path_is_note (rel))
        {
          g_autoptr(SheafNote) note = note_new (rel, contents);
          const char * const *aliases = sheaf_frontmatter_get_aliases (sheaf_note_get_frontmatter (note));

          for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
            fake_host_add_alias (host, aliases[i], rel);
        }
    }
}

static int
show_main (const char *root,
           const char *path,
           gboolean    dark,
           int         width,
           int         height,
           int         scroll_line)
{
  g_autoptr(FakeHost) host = g_object_new (FAKE_TYPE_HOST, NULL);
  g_autoptr(SheafNote) note = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GtkWidget *window, *preview;
  GBytes *bytes;

  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_BASE "/icons");
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  host->root = g_strdup (root);
  load_folder (host, root, "");
  bytes = g_hash_table_lookup (host->notes, path);
  if (bytes == NULL)
    g_error ("No note %s in %s", path, root);
  note = sheaf_note_new_for_bytes (path, bytes, NULL, SHEAF_NOTE_KEEP_TREE | SHEAF_NOTE_KEEP_TEXT);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  preview = sheaf_preview_new ();
  sheaf_preview_set_host (SHEAF_PREVIEW (preview), SHEAF_PREVIEW_HOST (host));
  sheaf_preview_set_note (SHEAF_PREVIEW (preview), note);
  adw_window_set_content (ADW_WINDOW (window), preview);
  gtk_window_present (GTK_WINDOW (window));
  if (scroll_line > 0)
    sheaf_preview_scroll_to_line (SHEAF_PREVIEW (preview), scroll_line);

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 4 && g_strcmp0 (argv[1], "--show") == 0)
    {
      gtk_init ();
      return show_main (argv[2], argv[3], argc >= 5 && g_strcmp0 (argv[4], "dark") == 0,
                        argc >= 6 ? atoi (argv[5]) : 1200, argc >= 7 ? atoi (argv[6]) : 900,
                        argc >= 8 ? atoi (argv[7]) : 0);
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  return g_test_run ();
}
