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
  sheaf_preview_view_attach_children (f->view);
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
  adw_window_set_content (ADW_WINDOW (window), preview);
  sheaf_preview_set_note (SHEAF_PREVIEW (preview), note);
  gtk_window_present (GTK_WINDOW (window));
  if (scroll_line > 0)
    sheaf_preview_scroll_to_line (SHEAF_PREVIEW (preview), scroll_line);

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}

/* Tests */

static void
test_finalizes (void)
{
  g_autoptr(FakeHost) host = g_object_new (FAKE_TYPE_HOST, NULL);
  g_autoptr(SheafNote) note = note_new ("A.md", "---\ntags: [a]\n---\n# A\n\n> [!tip]- T\n> x\n\n```c\nint x;\n```\n");
  SheafPreview *preview = g_object_ref_sink (SHEAF_PREVIEW (sheaf_preview_new ()));
  GtkWidget *properties = g_object_ref_sink (sheaf_properties_view_new ());

  sheaf_preview_set_host (preview, SHEAF_PREVIEW_HOST (host));
  sheaf_preview_set_note (preview, note);
  spin ();
  g_assert_finalize_object (preview);
  g_assert_finalize_object (properties);
}

static guint n_notify;

static void
count_notify_cb (void)
{
  n_notify++;
}

static void
test_properties_notify (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SheafNote) a = note_new ("Test.md", "A\n");
  g_autoptr(SheafNote) b = note_new ("Test.md", "B\n");

  n_notify = 0;
  g_signal_connect (f->preview, "notify::note", G_CALLBACK (count_notify_cb), NULL);
  sheaf_preview_set_note (f->preview, a);
  sheaf_preview_set_note (f->preview, a);
  g_assert_cmpuint (n_notify, ==, 1);
  sheaf_preview_set_note (f->preview, b);
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_true (sheaf_preview_get_note (f->preview) == b);
  sheaf_preview_set_host (f->preview, SHEAF_PREVIEW_HOST (f->host));
  g_assert_true (sheaf_preview_get_host (f->preview) == SHEAF_PREVIEW_HOST (f->host));
}

/* Every callout type and alias: the colour and icon of its canonical type. */
static void
test_callout_types (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *written; const char *type; } cases[] = {
    { "note", "note" }, { "abstract", "abstract" }, { "summary", "abstract" }, { "tldr", "abstract" },
    { "info", "info" }, { "todo", "todo" }, { "tip", "tip" }, { "hint", "tip" },
    { "important", "tip" }, { "success", "success" }, { "check", "success" }, { "done", "success" },
    { "question", "question" }, { "help", "question" }, { "faq", "question" },
    { "warning", "warning" }, { "caution", "warning" }, { "attention", "warning" },
    { "failure", "failure" }, { "fail", "failure" }, { "missing", "failure" },
    { "danger", "danger" }, { "error", "danger" }, { "bug", "bug" }, { "example", "example" },
    { "quote", "quote" }, { "cite", "quote" }, { "TIP", "tip" }, { "Faq", "question" },
  };

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("> [!%s]\n> Body %u\n", cases[i].written, i);
      g_autofree char *tag_name = g_strconcat ("callout-", cases[i].type, NULL);
      g_autofree char *icon = g_strdup_printf ("sheaf-callout-%s-symbolic", cases[i].type);
      const SheafCalloutStyle *style = sheaf_callout_lookup_style (cases[i].type);
      g_autofree char *title = NULL;
      const char *type, *color, *icon_name;
      GtkTextIter title_iter, body_iter;
      gboolean folded;

      show (f, text);
      g_assert_cmpuint (sheaf_preview_view_get_n_callouts (f->view), ==, 1);
      g_assert_true (sheaf_preview_view_get_callout (f->view, 0, &type, &color, &icon_name,
                                                     &folded, &title_iter, &body_iter));
      g_assert_cmpstr (type, ==, cases[i].type);
      g_assert_cmpstr (color, ==, style->light_color);
      g_assert_cmpstr (icon_name, ==, icon);
      g_assert_false (folded);
      /* The title is the type as written, capitalised, in the type's colour. */
      g_assert_true (has_tag (&title_iter, tag_name));
      g_assert_true (has_tag (&title_iter, "callout-title"));
      title = gtk_text_iter_get_text (&title_iter, &body_iter);
      g_assert_true (g_ascii_toupper (cases[i].written[0]) == title[0]);
      g_assert_true (g_ascii_strncasecmp (title, cases[i].written, strlen (cases[i].written)) == 0);
    }

  /* Dark: the dark colours. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  {
    const char *color;

    show (f, "> [!bug]\n> x\n");
    g_assert_true (sheaf_preview_view_get_callout (f->view, 0, NULL, &color, NULL, NULL, NULL, NULL));
    g_assert_cmpstr (color, ==, sheaf_callout_lookup_style ("bug")->dark_color);
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
is_folded (Fixture     *f,
           GtkTextIter *iter)
{
  return has_tag (iter, "folded");
}

static void
test_callout_fold (Fixture       *f,
                   gconstpointer  data)
{
  GtkTextIter title, body, match;
  gboolean folded;

  show (f, "> [!question]- Closed\n> Hidden body\n\n> [!tip]+ Open\n> Shown body\n\n> [!note] Fixed\n> Body\n");
  g_assert_cmpuint (sheaf_preview_view_get_n_callouts (f->view), ==, 3);

  /* "-": folded, its body invisible. */
  g_assert_true (sheaf_preview_view_get_callout (f->view, 0, NULL, NULL, NULL, &folded, &title, &body));
  g_assert_true (folded);
  g_assert_true (find (f, "Hidden body", &match));
  g_assert_true (is_folded (f, &match));
  g_assert_false (is_folded (f, &title));

  /* "+": foldable, open. */
  g_assert_true (sheaf_preview_view_get_callout (f->view, 1, NULL, NULL, NULL, &folded, &title, NULL));
  g_assert_false (folded);
  g_assert_true (find (f, "Shown body", &match));
  g_assert_false (is_folded (f, &match));

  /* A click on a title toggles it. */
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &title, FALSE));
  g_assert_true (sheaf_preview_view_get_callout (f->view, 1, NULL, NULL, NULL, &folded, NULL, NULL));
  g_assert_true (folded);
  g_assert_true (find (f, "Shown body", &match));
  g_assert_true (is_folded (f, &match));
  g_assert_true (sheaf_preview_view_get_callout (f->view, 0, NULL, NULL, NULL, NULL, &title, NULL));
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &title, FALSE));
  g_assert_true (find (f, "Hidden body", &match));
  g_assert_false (is_folded (f, &match));

  /* Not foldable: a click on the title does nothing. */
  g_assert_true (sheaf_preview_view_get_callout (f->view, 2, NULL, NULL, NULL, &folded, &title, NULL));
  g_assert_false (sheaf_preview_view_activate_at_iter (f->view, &title, FALSE));
  g_assert_true (sheaf_preview_view_get_callout (f->view, 2, NULL, NULL, NULL, &folded, NULL, NULL));
  g_assert_false (folded);
}

static void
test_callout_nesting (Fixture       *f,
                      gconstpointer  data)
{
  GtkTextIter outer_title, outer_body, inner_title, match, after;
  const char *type;
  gboolean folded;

  show (f, "> [!warning]+ Outer\n> Outer text\n>\n> > [!tip]- Inner\n> > Inner text\n\nAfter\n");
  g_assert_cmpuint (sheaf_preview_view_get_n_callouts (f->view), ==, 2);
  g_assert_true (sheaf_preview_view_get_callout (f->view, 0, &type, NULL, NULL, NULL, &outer_title, &outer_body));
  g_assert_cmpstr (type, ==, "warning");
  g_assert_true (sheaf_preview_view_get_callout (f->view, 1, &type, NULL, NULL, &folded, &inner_title, NULL));
  g_assert_cmpstr (type, ==, "tip");
  g_assert_true (folded);
  g_assert_cmpint (gtk_text_iter_compare (&inner_title, &outer_body), >, 0);
  g_assert_true (find (f, "Inner text", &match));
  g_assert_true (is_folded (f, &match));
  g_assert_true (find (f, "Outer text", &match));
  g_assert_false (is_folded (f, &match));

  /* Folding the outer one hides the inner; unfolding keeps the inner folded. */
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &outer_title, FALSE));
  g_assert_true (find (f, "Outer text", &match));
  g_assert_true (is_folded (f, &match));
  g_assert_true (sheaf_preview_view_get_callout (f->view, 0, NULL, NULL, NULL, NULL, &outer_title, NULL));
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &outer_title, FALSE));
  g_assert_true (find (f, "Outer text", &match));
  g_assert_false (is_folded (f, &match));
  g_assert_true (find (f, "Inner text", &match));
  g_assert_true (is_folded (f, &match));
  g_assert_true (find (f, "After", &after));
  g_assert_false (is_folded (f, &after));
}

static void
test_callout_titles (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkTextIter match;
  const char *type, *color;

  show (f, "> [!tip] My *own* title\n> Body\n\n> [!faq]\n> Body\n\n> [!MyThing] Custom\n> Body\n\n> [!unknown]\n> Body\n");
  text = text_of (f);
  g_assert_nonnull (strstr (text, "My own title"));
  g_assert_null (strstr (text, "[!tip]"));
  g_assert_true (find (f, "own", &match));
  g_assert_true (has_tag (&match, "em"));
  g_assert_true (has_tag (&match, "callout-title"));
  /* Default titles: the type as written, capitalised. */
  g_assert_nonnull (strstr (text, "Faq\n"));
  g_assert_nonnull (strstr (text, "Unknown\n"));
  /* Unknown types look like notes and keep their name. */
  g_assert_true (sheaf_preview_view_get_callout (f->view, 2, &type, &color, NULL, NULL, NULL, NULL));
  g_assert_cmpstr (type, ==, "mything");
  g_assert_true (g_strcmp0 (color, sheaf_callout_lookup_style ("note")->light_color) == 0 ||
                 g_strcmp0 (color, sheaf_callout_lookup_style ("note")->dark_color) == 0);
  g_assert_true (find (f, "Custom", &match));
  g_assert_true (has_tag (&match, "callout-note"));
}

static void
test_table (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) grids = NULL;
  GtkWidget *grid;
  const char *expected[3][2] = { { "Name", "Value" }, { "alpha", "one" }, { "beta", "two and more" } };

  show (f, "Before\n\n| Name | Value |\n|------|------:|\n| alpha | one |\n| *beta* | two and **more** |\n\nAfter\n");
  grids = find_widgets (f->view, GTK_TYPE_GRID);
  g_assert_cmpuint (grids->len, ==, 1);
  grid = g_ptr_array_index (grids, 0);
  g_assert_true (gtk_widget_has_css_class (grid, "sheaf-table"));

  for (int row = 0; row < 3; row++)
    for (int column = 0; column < 2; column++)
      {
        GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (grid), column, row);

        g_assert_true (GTK_IS_LABEL (cell));
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, expected[row][column]);
        g_assert_true (gtk_label_get_selectable (GTK_LABEL (cell)));
        g_assert_true (gtk_widget_has_css_class (cell, row == 0 ? "header" : "cell"));
      }
  /* Alignment from the delimiter row. */
  g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 1))), ==, 1.0);
}

static void
test_code_block (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) views = NULL;
  const char *languages[] = { "c", "python3", NULL };

  show (f, "```c\nint main (void) { return 0; }\n```\n\n```py\nprint ('x')\n```\n\n```\nplain\n```\n");
  views = find_widgets (f->view, GTK_SOURCE_TYPE_VIEW);
  g_assert_cmpuint (views->len, ==, 3);
  for (guint i = 0; i < views->len; i++)
    {
      GtkTextView *view = g_ptr_array_index (views, i);
      GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (view));
      GtkSourceLanguage *language = gtk_source_buffer_get_language (buffer);
      GtkTextIter start, end;
      g_autofree char *code = NULL;

      g_assert_false (gtk_text_view_get_editable (view));
      if (languages[i] == NULL)
        g_assert_null (language);
      else
        g_assert_cmpstr (gtk_source_language_get_id (language), ==, languages[i]);
      g_assert_nonnull (gtk_source_buffer_get_style_scheme (buffer));
      gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
      code = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, FALSE);
      g_assert_cmpstr (code, ==, i == 0 ? "int main (void) { return 0; }" : i == 1 ? "print ('x')" : "plain");
    }
}

static guint
count_nested (GtkWidget *widget,
              guint      depth)
{
  guint deepest = depth;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    deepest = MAX (deepest, count_nested (child, depth + (SHEAF_IS_PREVIEW_VIEW (child) ? 1 : 0)));

  return deepest;
}

static char *
nested_text (SheafPreviewView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_embed_note (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) views = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *section = NULL;
  SheafPreviewView *first, *second;

  fake_host_add_note (f->host, "Embedded.md",
                      "---\ntype: x\n---\n# Embedded\n\nIntro text.\n\n## Part\n\nPart text.\n\n### Deeper\n\nDeep text.\n\n## Other\n\nOther text.\n");
  show (f, "![[Embedded]]\n\n![[Embedded#Part]]\n");
  WAIT_FOR (f->host->n_note_loads == 2);
  spin ();

  views = find_widgets (f->view, SHEAF_TYPE_PREVIEW_VIEW);
  /* The preview's own view, then one per embed. */
  g_assert_cmpuint (views->len, ==, 3);
  first = g_ptr_array_index (views, 1);
  second = g_ptr_array_index (views, 2);
  g_assert_cmpuint (sheaf_preview_view_get_depth (first), ==, 1);
  whole = nested_text (first);
  section = nested_text (second);
  g_assert_nonnull (strstr (whole, "Intro text."));
  g_assert_nonnull (strstr (whole, "Other text."));
  g_assert_null (strstr (whole, "type"));  /* no properties in embeds */
  /* Just that section: its heading through the next of its level. */
  g_assert_null (strstr (section, "Intro text."));
  g_assert_nonnull (strstr (section, "Part text."));
  g_assert_nonnull (strstr (section, "Deep text."));
  g_assert_null (strstr (section, "Other text."));
  g_assert_cmpstr (sheaf_preview_view_get_section (second), ==, "Part");
}

static const SheafLink *last_link;
static char *last_link_target;
static gboolean last_new_tab;
static guint n_links;

static void
link_activated_cb (SheafPreview    *preview,
                   const SheafLink *link,
                   gboolean         new_tab)
{
  n_links++;
  last_link = link;
  g_free (last_link_target);
  last_link_target = g_strdup (link->target);
  last_new_tab = new_tab;
}

static void
test_embed_cycle (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(SheafNote) a = NULL;
  GtkWidget *deep;

  fake_host_add_note (f->host, "A.md", "A text\n\n![[B]]\n");
  fake_host_add_note (f->host, "B.md", "B text\n\n![[A]]\n");
  a = note_new ("A.md", "A text\n\n![[B]]\n");
  sheaf_preview_set_note (f->preview, a);
  sheaf_preview_view_attach_children (f->view);

  /* B, A, B are loaded (depths 1 to 3); the next one is not. */
  WAIT_FOR (f->host->n_note_loads >= SHEAF_PREVIEW_MAX_EMBED_DEPTH);
  spin ();
  g_assert_cmpuint (f->host->n_note_loads, ==, SHEAF_PREVIEW_MAX_EMBED_DEPTH);
  g_assert_cmpuint (count_nested (GTK_WIDGET (f->view), 0), ==, SHEAF_PREVIEW_MAX_EMBED_DEPTH);
  deep = find_widget_with_class (GTK_WIDGET (f->view), "too-deep");
  g_assert_nonnull (deep);

  /* The embed's title is a link to its source. */
  n_links = 0;
  g_signal_connect (f->preview, "link-activated", G_CALLBACK (link_activated_cb), NULL);
  buttons = find_widgets (f->view, GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "sheaf-embed-title"))
      {
        g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
        break;
      }
  g_assert_cmpuint (n_links, ==, 1);
  g_assert_cmpstr (last_link_target, ==, "B");
}

static GtkRequisition
picture_size (GtkWidget *box)
{
  GtkRequisition size = { -1, -1 };
  GtkWidget *picture = gtk_widget_get_first_child (box);

  if (GTK_IS_PICTURE (picture))
    gtk_widget_get_size_request (picture, &size.width, &size.height);

  return size;
}

static void
test_images (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) pictures = NULL;
  g_autoptr(GPtrArray) boxes = NULL;
  GtkRequisition a, b, c;

  fake_host_add_image (f->host, "media/photo.png", 1000, 500);
  fake_host_add_image (f->host, "small.png", 200, 100);
  show (f, "![[photo.png|300]]\n\n![[photo.png|640x480]]\n\n![[small.png]]\n\n![[missing.png]]\n");
  WAIT_FOR (f->host->n_texture_loads == 4);
  spin ();

  pictures = find_widgets (f->view, GTK_TYPE_PICTURE);
  g_assert_cmpuint (pictures->len, ==, 3);
  a = picture_size (gtk_widget_get_parent (g_ptr_array_index (pictures, 0)));
  b = picture_size (gtk_widget_get_parent (g_ptr_array_index (pictures, 1)));
  c = picture_size (gtk_widget_get_parent (g_ptr_array_index (pictures, 2)));
  g_assert_cmpint (a.width, ==, 300);
  g_assert_cmpint (a.height, ==, 150);
  g_assert_cmpint (b.width, ==, 640);
  g_assert_cmpint (b.height, ==, 480);
  g_assert_cmpint (c.width, ==, 200);
  g_assert_cmpint (c.height, ==, 100);
  /* A missing one says so. */
  g_assert_nonnull (find_widget_with_class (GTK_WIDGET (f->view), "sheaf-image-error"));
}

static void
test_remote_image (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) pictures = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  GtkWidget *placeholder, *button = NULL;

  show (f, "![a chart](https://example.com/chart.png)\n\n<img src=\"https://example.com/x.png\">\n");
  spin ();
  placeholder = find_widget_with_class (GTK_WIDGET (f->view), "sheaf-remote-image");
  g_assert_nonnull (placeholder);
  pictures = find_widgets (f->view, GTK_TYPE_PICTURE);
  g_assert_cmpuint (pictures->len, ==, 0);
  g_assert_cmpuint (f->host->n_texture_loads, ==, 0);

  buttons = find_widgets (placeholder, GTK_TYPE_BUTTON);
  g_assert_cmpuint (buttons->len, ==, 1);
  button = g_ptr_array_index (buttons, 0);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* Only the click fetches it (here GIO has no http: it fails, and says so). */
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (button));
  WAIT_FOR (gtk_widget_get_sensitive (button) ||
            find_widget_with_class (placeholder, "sheaf-image-error") != NULL);
  g_assert_cmpuint (f->host->n_texture_loads, ==, 0);
}

static void
test_escapes_html_comments (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkTextIter match;

  show (f, "\\*not emphasis\\* and *real*\n\nSee <b>bold</b> %%secret note%% and $x^2$ here ^blockid\n\n"
           "<div onclick=\"x()\">html block</div>\n\n%%\nhidden block\n%%\n\nEnd\n");
  text = text_of (f);
  g_assert_nonnull (strstr (text, "*not emphasis*"));
  g_assert_true (find (f, "not emphasis", &match));
  g_assert_false (has_tag (&match, "em"));
  g_assert_true (find (f, "real", &match));
  g_assert_true (has_tag (&match, "em"));
  /* Raw HTML is text. */
  g_assert_nonnull (strstr (text, "<b>bold</b>"));
  g_assert_nonnull (strstr (text, "<div onclick=\"x()\">html block</div>"));
  g_assert_true (find (f, "<b>", &match));
  g_assert_true (has_tag (&match, "raw-html"));
  /* Comments and block ids are hidden; math reads as code. */
  g_assert_null (strstr (text, "secret"));
  g_assert_null (strstr (text, "hidden block"));
  g_assert_null (strstr (text, "blockid"));
  g_assert_true (find (f, "x^2", &match));
  g_assert_true (has_tag (&match, "math"));
  g_assert_null (strstr (text, "$"));
  g_assert_nonnull (strstr (text, "End"));
}

static void
test_inline_styles (Fixture       *f,
                    gconstpointer  data)
{
  GtkTextIter match;

  show (f, "# Title\n\n**strong** ~~gone~~ ==marked== `code` #topic/sub\n\n1. one\n2. two\n   - nested\n");
  g_assert_true (find (f, "Title", &match));
  g_assert_true (has_tag (&match, "h1"));
  g_assert_true (find (f, "strong", &match));
  g_assert_true (has_tag (&match, "strong"));
  g_assert_true (find (f, "gone", &match));
  g_assert_true (has_tag (&match, "strike"));
  g_assert_true (find (f, "marked", &match));
  g_assert_true (has_tag (&match, "highlight"));
  g_assert_true (find (f, "code", &match));
  g_assert_true (has_tag (&match, "code"));
  g_assert_true (find (f, "#topic/sub", &match));
  g_assert_true (has_tag (&match, "tag"));
  g_assert_true (find (f, "1.\tone", &match));
  g_assert_true (find (f, "2.\ttwo", &match));
  g_assert_true (find (f, "◦\tnested", &match));
}

static void
test_frontmatter_invalid (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) labels = NULL;
  gboolean raw = FALSE, message = FALSE;
  GtkWidget *properties;

  show (f, "---\ntype: topic\nbad: a: b\n---\nBody\n");
  properties = GTK_WIDGET (g_ptr_array_index (find_widgets (f->view, SHEAF_TYPE_PROPERTIES_VIEW), 0));
  labels = find_widgets (properties, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (GTK_LABEL (label));

      if (!gtk_widget_get_visible (label) || !gtk_widget_get_visible (gtk_widget_get_parent (label)))
        continue;
      if (g_strcmp0 (text, "type: topic\nbad: a: b") == 0 && gtk_widget_has_css_class (label, "monospace"))
        raw = TRUE;
      if (strstr (text, "line 3") != NULL && strstr (text, "column") != NULL &&
          gtk_widget_has_css_class (label, "error"))
        message = TRUE;
    }
  g_assert_true (raw);
  g_assert_true (message);
}

static void
test_frontmatter_valid (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *date = NULL;
  gboolean seen_date = FALSE;

  date = sheaf_properties_view_format_date ("2026-02-19");
  g_assert_cmpstr (date, ==, "19 February 2026");
  g_assert_null (sheaf_properties_view_format_date ("not a date"));

  show (f, "---\ncreated: 2026-02-19\ntags:\n  - one\n  - '#two'\naliases: [Alt]\ndone: true\n---\nBody\n");
  views = find_widgets (f->view, SHEAF_TYPE_PROPERTIES_VIEW);
  g_assert_cmpuint (views->len, ==, 1);
  labels = find_widgets (g_ptr_array_index (views, 0), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    seen_date |= g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), "19 February 2026") == 0;
  g_assert_true (seen_date);

  /* Tags are chips that say which tag was clicked. */
  buttons = find_widgets (g_ptr_array_index (views, 0), GTK_TYPE_BUTTON);
  g_assert_cmpuint (buttons->len, ==, 2);
  g_assert_cmpstr (gtk_button_get_label (g_ptr_array_index (buttons, 1)), ==, "#two");
  checks = find_widgets (g_ptr_array_index (views, 0), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 1);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));

  /* No frontmatter, no properties. */
  show (f, "Just text\n");
  g_clear_pointer (&views, g_ptr_array_unref);
  views = find_widgets (f->view, SHEAF_TYPE_PROPERTIES_VIEW);
  g_assert_cmpuint (views->len, ==, 0);
}

static char *last_tag;
static char *last_uri;

static void
tag_activated_cb (SheafPreview *preview,
                  const char   *tag)
{
  g_free (last_tag);
  last_tag = g_strdup (tag);
}

static gboolean
activate_link_cb (SheafPreview *preview,
                  const char   *uri)
{
  g_free (last_uri);
  last_uri = g_strdup (uri);
  return TRUE;  /* no browser in tests */
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  GtkTextIter match;

  g_signal_connect (f->preview, "link-activated", G_CALLBACK (link_activated_cb), NULL);
  g_signal_connect (f->preview, "tag-activated", G_CALLBACK (tag_activated_cb), NULL);
  g_signal_connect (f->preview, "activate-link", G_CALLBACK (activate_link_cb), NULL);
  show (f, "See [[Note#Heading|the note]], [[Nickname]], [[Nowhere]], [md](Folder/Other%20Note.md), "
           "<https://example.com/page> and #some/tag here[^1].\n\n[^1]: The footnote.\n");

  n_links = 0;
  g_assert_true (find (f, "the note", &match));
  g_assert_true (has_tag (&match, "link"));
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &match, FALSE));
  g_assert_cmpuint (n_links, ==, 1);
  g_assert_cmpstr (last_link_target, ==, "Note");
  g_assert_false (last_new_tab);

  /* Ctrl+click or middle click: a new tab. */
  gtk_text_iter_forward_chars (&match, 3);
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &match, TRUE));
  g_assert_cmpuint (n_links, ==, 2);
  g_assert_true (last_new_tab);

  /* Resolved through an alias: a link; unresolved: faded. */
  g_assert_true (find (f, "Nickname", &match));
  g_assert_true (has_tag (&match, "link"));
  g_assert_true (find (f, "Nowhere", &match));
  g_assert_true (has_tag (&match, "link-unresolved"));
  g_assert_false (has_tag (&match, "link"));
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &match, FALSE));
  g_assert_cmpstr (last_link_target, ==, "Nowhere");

  g_assert_true (find (f, "md", &match));
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &match, FALSE));
  g_assert_cmpstr (last_link_target, ==, "Folder/Other Note.md");
  g_assert_true (has_tag (&match, "link"));

  /* External links go to activate-link, never open by themselves. */
  g_assert_null (last_uri);
  g_assert_true (find (f, "example.com", &match));
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &match, FALSE));
  g_assert_cmpstr (last_uri, ==, "https://example.com/page");

  g_assert_true (find (f, "#some/tag", &match));
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &match, FALSE));
  g_assert_cmpstr (last_tag, ==, "some/tag");

  /* Footnotes: a superscript reference, the definition at the end. */
  g_assert_true (find (f, "1.\tThe footnote.", &match));
  g_assert_true (find (f, "here1", &match));
  gtk_text_iter_forward_chars (&match, 4);
  g_assert_true (has_tag (&match, "footnote-ref"));
  g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &match, FALSE));

  /* Plain text activates nothing. */
  g_assert_true (find (f, "See", &match));
  g_assert_false (sheaf_preview_view_activate_at_iter (f->view, &match, FALSE));
  g_assert_cmpuint (n_links, ==, 4);
}

static guint task_line;
static guint64 task_start, task_end;
static gboolean task_done;

static void
task_toggled_cb (SheafPreview *preview,
                 guint         line,
                 guint64       start,
                 guint64       end,
                 gboolean      done)
{
  task_line = line;
  task_start = start;
  task_end = end;
  task_done = done;
}

static void
test_tasks (Fixture       *f,
            gconstpointer  data)
{
  const char *text = "---\na: b\n---\nIntro\n\n- [ ] first\n- [x] second\n  - [ ] nested\n";
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(SheafNote) note = note_new ("Test.md", text);

  sheaf_preview_set_note (f->preview, note);
  sheaf_preview_view_attach_children (f->view);
  checks = find_widgets (f->view, GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 3);
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));

  /* Nobody listening: the box stays as the source says. */
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));

  g_signal_connect (f->preview, "task-toggled", G_CALLBACK (task_toggled_cb), NULL);
  gtk_check_button_set_active (g_ptr_array_index (checks, 1), FALSE);
  g_assert_cmpuint (task_line, ==, 7);
  g_assert_false (task_done);
  g_assert_cmpint (task_end - task_start, ==, 3);
  g_assert_cmpint (strncmp (text + task_start, "[x]", 3), ==, 0);

  gtk_check_button_set_active (g_ptr_array_index (checks, 2), TRUE);
  g_assert_cmpuint (task_line, ==, 8);
  g_assert_true (task_done);
  g_assert_cmpint (strncmp (text + task_start, "[ ]", 3), ==, 0);
  g_assert_cmpint (strncmp (text + task_start - 4, "  - [ ] nested", 14), ==, 0);
}

/* The live update: one paragraph of 200 changes, one block is rewritten. */

typedef struct
{
  int inserted_min;
  int inserted_max;
  int n_deletes;
} Edits;

static void
insert_text_cb (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                const char    *text,
                int            length,
                Edits         *edits)
{
  int offset = gtk_text_iter_get_offset (location);

  edits->inserted_min = MIN (edits->inserted_min, offset);
  edits->inserted_max = MAX (edits->inserted_max, offset);
}

static void
delete_range_cb (GtkTextBuffer *buffer,
                 GtkTextIter   *start,
                 GtkTextIter   *end,
                 Edits         *edits)
{
  edits->n_deletes++;
}

static GString *
numbered_paragraphs (guint changed)
{
  GString *text = g_string_new ("---\ntitle: Many\n---\n");

  for (guint i = 0; i < 200; i++)
    {
      if (i == changed)
        g_string_append_printf (text, "Paragraph %u was **edited** just now.\n\n", i);
      else
        g_string_append_printf (text, "Paragraph %u with [[Note]] and #tag.\n\n", i);
    }

  return text;
}

static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) before = numbered_paragraphs (G_MAXUINT);
  g_autoptr(GString) after = numbered_paragraphs (100);
  g_autoptr(GString) inserted = NULL;
  g_autoptr(SheafNote) a = note_new ("Many.md", before->str);
  g_autoptr(SheafNote) b = note_new ("Many.md", after->str);
  g_autoptr(SheafNote) c = NULL;
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (int));
  Edits edits = { G_MAXINT, -1, 0 };
  GtkTextIter iter, changed_start, changed_end;
  guint rendered;
  int delta;

  sheaf_preview_set_note (f->preview, a);
  g_assert_cmpuint (sheaf_preview_view_get_n_blocks (f->view), ==, 201);
  for (guint i = 0; i < 201; i++)
    {
      GtkTextMark *mark = sheaf_preview_view_get_block_mark (f->view, i);
      int offset;

      gtk_text_buffer_get_iter_at_mark (f->buffer, &iter, mark);
      offset = gtk_text_iter_get_offset (&iter);
      g_ptr_array_add (marks, g_object_ref (mark));
      g_array_append_val (offsets, offset);
    }

  rendered = sheaf_preview_view_get_n_rendered (f->view);
  g_signal_connect (f->buffer, "insert-text", G_CALLBACK (insert_text_cb), &edits);
  g_signal_connect (f->buffer, "delete-range", G_CALLBACK (delete_range_cb), &edits);
  sheaf_preview_set_note (f->preview, b);

  /* One block rendered; nothing written outside its range. */
  g_assert_cmpuint (sheaf_preview_view_get_n_rendered (f->view) - rendered, ==, 1);
  g_assert_cmpint (edits.n_deletes, ==, 1);
  gtk_text_buffer_get_iter_at_mark (f->buffer, &changed_start, sheaf_preview_view_get_block_mark (f->view, 101));
  gtk_text_buffer_get_iter_at_mark (f->buffer, &changed_end, sheaf_preview_view_get_block_mark (f->view, 102));
  g_assert_cmpint (edits.inserted_min, >=, gtk_text_iter_get_offset (&changed_start));
  g_assert_cmpint (edits.inserted_max, <, gtk_text_iter_get_offset (&changed_end));
  g_assert_true (find (f, "was edited just now", &iter));

  /* The other blocks kept their marks; those before did not move, those after
   * moved by the change in length. */
  g_assert_true (sheaf_preview_view_get_block_mark (f->view, 101) != g_ptr_array_index (marks, 101));
  g_assert_true (gtk_text_mark_get_deleted (g_ptr_array_index (marks, 101)));
  delta = gtk_text_iter_get_offset (&changed_end) - g_array_index (offsets, int, 102);
  for (guint i = 0; i < 201; i++)
    {
      int offset;

      if (i == 101)
        continue;
      g_assert_true (sheaf_preview_view_get_block_mark (f->view, i) == g_ptr_array_index (marks, i));
      g_assert_false (gtk_text_mark_get_deleted (g_ptr_array_index (marks, i)));
      gtk_text_buffer_get_iter_at_mark (f->buffer, &iter, g_ptr_array_index (marks, i));
      offset = gtk_text_iter_get_offset (&iter);
      g_assert_cmpint (offset, ==, g_array_index (offsets, int, i) + (i > 101 ? delta : 0));
    }

  /* Lines moved: a paragraph inserted at the top shifts the source lines of
   * the blocks after it, which are not rendered again. */
  inserted = g_string_new (after->str);
  g_string_insert (inserted, strlen ("---\ntitle: Many\n---\n"), "New first paragraph.\n\n");
  c = note_new ("Many.md", inserted->str);
  rendered = sheaf_preview_view_get_n_rendered (f->view);
  sheaf_preview_set_note (f->preview, c);
  g_assert_cmpuint (sheaf_preview_view_get_n_rendered (f->view) - rendered, ==, 1);
  g_assert_true (sheaf_preview_view_get_iter_at_line (f->view, 6 + 2 * 150, &iter));
  g_assert_true (gtk_text_iter_starts_line (&iter));
  {
    GtkTextIter end = iter;
    g_autofree char *line = NULL;

    gtk_text_iter_forward_to_line_end (&end);
    line = gtk_text_iter_get_text (&iter, &end);
    g_assert_cmpstr (line, ==, "Paragraph 150 with Note and #tag.");
  }
  g_signal_handlers_disconnect_by_data (f->buffer, &edits);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  (*(guint *) user_data)++;

  return G_SOURCE_CONTINUE;
}

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  guint ticks = 0;
  guint id = gtk_widget_add_tick_callback (widget, tick_cb, &ticks, NULL);

  WAIT_FOR (ticks >= n);
  gtk_widget_remove_tick_callback (widget, id);
  spin ();
}

static void
test_scroll (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) text = numbered_paragraphs (G_MAXUINT);
  g_autoptr(GString) edited = numbered_paragraphs (5);
  g_autoptr(SheafNote) a = note_new ("Many.md", text->str);
  g_autoptr(SheafNote) b = note_new ("Many.md", edited->str);
  GtkWidget *window = gtk_window_new ();
  guint top;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (f->preview));
  sheaf_preview_set_note (f->preview, a);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
  wait_frames (GTK_WIDGET (f->view), 3);
  g_assert_cmpuint (sheaf_preview_get_top_line (f->preview), <=, 4);

  /* Paragraph i is on line 4 + 2i. */
  sheaf_preview_scroll_to_line (f->preview, 4 + 2 * 120);
  WAIT_FOR (sheaf_preview_get_top_line (f->preview) == 4 + 2 * 120);
  wait_frames (GTK_WIDGET (f->view), 12);
  top = sheaf_preview_get_top_line (f->preview);
  g_assert_cmpuint (top, ==, 4 + 2 * 120);

  /* An edit far above keeps what is on screen. */
  sheaf_preview_set_note (f->preview, b);
  wait_frames (GTK_WIDGET (f->view), 3);
  g_assert_cmpuint (sheaf_preview_get_top_line (f->preview), ==, top);

  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A long note shows its first screens at once and the rest from idles; an
 * edit meanwhile, or a caller that needs every block, gets the same text. */
static void
test_progressive (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) md = g_string_new ("---\ntags: [a]\n---\n");
  g_autoptr(GString) edited_md = NULL;
  g_autoptr(SheafNote) note = NULL;
  g_autoptr(SheafNote) edited = NULL;
  g_autoptr(SheafPreview) other = g_object_ref_sink (SHEAF_PREVIEW (sheaf_preview_new ()));
  GtkTextBuffer *other_buffer;
  GtkTextIter start, end;
  g_autofree char *all = NULL;
  g_autofree char *shown = NULL;
  SheafTextEdit edit;
  gsize at;

  for (guint i = 0; i < 600; i++)
    g_string_append_printf (md, "## Part %u\n\nText of part %u with [[Link %u]] and #tag.\n\n", i, i, i);
  note = note_new ("Long.md", md->str);

  sheaf_preview_set_note (f->preview, note);
  g_assert_cmpuint (gtk_text_buffer_get_char_count (f->buffer), <, md->len / 2);
  spin ();
  all = text_of (f);
  g_assert_nonnull (strstr (all, "Text of part 599 with Link 599"));
  g_assert_cmpuint (sheaf_preview_view_get_n_blocks (f->view), ==, 1 + 2 * 600);

  /* Another view asked for its blocks at once renders them all at once. */
  sheaf_preview_set_note (other, note);
  g_assert_cmpuint (sheaf_preview_view_get_n_blocks (SHEAF_PREVIEW_VIEW (sheaf_preview_get_text_view (other))),
                    ==, 1 + 2 * 600);
  other_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (sheaf_preview_get_text_view (other)));
  gtk_text_buffer_get_bounds (other_buffer, &start, &end);
  shown = gtk_text_buffer_get_text (other_buffer, &start, &end, TRUE);
  g_assert_cmpstr (shown, ==, all);

  /* An edit of a note still rendering: the edit shows, the rest follows. */
  sheaf_preview_set_note (f->preview, NULL);
  sheaf_preview_set_note (f->preview, note);
  edited_md = g_string_new (md->str);
  at = strstr (edited_md->str, "part 2 ") - edited_md->str;
  g_string_insert (edited_md, at, "new ");
  edit = (SheafTextEdit) { at, at, at + 4 };
  {
    g_autoptr(GBytes) bytes = g_bytes_new (edited_md->str, edited_md->len);

    edited = sheaf_note_new_for_edit (note, "Long.md", bytes, NULL, &edit,
                                      SHEAF_NOTE_KEEP_TREE | SHEAF_NOTE_KEEP_TEXT);
  }
  sheaf_preview_set_note (f->preview, edited);
  spin ();
  g_clear_pointer (&shown, g_free);
  shown = text_of (f);
  g_assert_nonnull (strstr (shown, "Text of new part 2 with"));
  g_assert_nonnull (strstr (shown, "Text of part 599 with Link 599"));
  g_assert_cmpuint (strlen (shown), ==, strlen (all) + 4);
}

/* The child of the view that @widget is in. */
static GtkWidget *
anchored_child (GtkWidget        *widget,
                SheafPreviewView *view)
{
  while (widget != NULL && gtk_widget_get_parent (widget) != GTK_WIDGET (view))
    widget = gtk_widget_get_parent (widget);

  g_assert_nonnull (widget);

  return widget;
}

static int
view_min_width (SheafPreviewView *view)
{
  int min;

  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);

  return min;
}

/* The preview at @width: every child as wide as the text, none wider. */
static void
check_children_follow (Fixture *f,
                       int      width)
{
  const char *classes[] = {
    "sheaf-properties", "sheaf-code-block", "sheaf-embed", "sheaf-remote-image"
  };
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) pictures = NULL;
  int text_width;

  gtk_widget_set_size_request (GTK_WIDGET (f->preview), width, 500);
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (f->preview)) == width);
  wait_frames (GTK_WIDGET (f->view), 3);

  /* The reading measure (AdwClampScrollable) at most, less the margins. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), <=, MIN (width, 800));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), >=, MIN (width, 600));
  text_width = gtk_widget_get_width (GTK_WIDGET (f->view)) - 2 * 24 - 2;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      GtkWidget *found = find_widget_with_class (GTK_WIDGET (f->view), classes[i]);

      g_assert_nonnull (found);
      g_test_message ("%s at %d", classes[i], width);
      g_assert_cmpint (gtk_widget_get_width (anchored_child (found, f->view)), ==, text_width);
    }

  /* Tables take the text's width; the one too wide for it scrolls. */
  tables = find_widgets (f->view, GTK_TYPE_GRID);
  g_assert_cmpuint (tables->len, ==, 2);
  for (guint i = 0; i < tables->len; i++)
    g_assert_cmpint (gtk_widget_get_width (anchored_child (g_ptr_array_index (tables, i), f->view)),
                     ==, text_width);
  g_assert_cmpint (gtk_widget_get_width (g_ptr_array_index (tables, 0)), <=, text_width);

  /* A wide picture shrinks to the text, never past it. */
  pictures = find_widgets (f->view, GTK_TYPE_PICTURE);
  g_assert_cmpuint (pictures->len, ==, 1);
  g_assert_cmpint (gtk_widget_get_width (g_ptr_array_index (pictures, 0)), ==,
                   MIN (text_width, 1000));
}

static void
test_follows_width (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) wide_table = NULL;
  g_autoptr(GString) text = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  int min;

  wide_table = g_string_new ("| a | b | c | d | e | f | g | h | i | j | k | l |\n");
  g_string_append (wide_table, "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  g_string_append (wide_table, "| column | column | column | column | column | column | column "
                               "| column | column | column | column | column |\n");
  text = g_string_new ("---\ntags:\n  - a-rather-long-tag/with-a-path\n  - short\n"
                       "aliases: [An Alias That Is Quite Long]\ncreated: 2026-02-19\n---\n"
                       "# Title\n\n| Name | Value |\n|---|---|\n| alpha | one two three |\n\n");
  g_string_append (text, wide_table->str);
  g_string_append (text, "\n```c\nint main (void) { return a_long_function_name (argc, argv); }\n"
                         "```\n\n![[wide.png]]\n\n"
                         "![remote](https://example.org/a/remote/image.png)\n\n"
                         "![[Note]]\n\nThe end.\n");
  fake_host_add_image (f->host, "wide.png", 1000, 100);

  /* The window keeps its size; the preview, at its start, takes its request. */
  gtk_widget_set_halign (GTK_WIDGET (f->preview), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->preview));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 600);
  show (f, text->str);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
  WAIT_FOR (f->host->n_note_loads == 1 && f->host->n_texture_loads == 1);

  min = view_min_width (f->view);
  check_children_follow (f, 900);
  check_children_follow (f, 300);
  check_children_follow (f, 620);
  check_children_follow (f, 260);
  check_children_follow (f, 900);
  /* What the view asks for does not depend on what it has been. */
  g_assert_cmpint (view_min_width (f->view), ==, min);
  g_assert_cmpint (min, <=, 260);

  gtk_box_remove (GTK_BOX (box), GTK_WIDGET (f->preview));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What GTK draws of the text: a text node's baseline, in the widget, and
 * its font's size. */
typedef struct
{
  float x;
  float y;
  int   size;
  guint n_glyphs;
} Run;

static void
collect_runs (GskRenderNode *node,
              float          dx,
              float          dy,
              GArray        *runs)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_runs (gsk_container_node_get_child (node, i), dx, dy, runs);
      break;

    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);
        float tx = 0, ty = 0;

        g_assert_cmpint (gsk_transform_get_category (transform), >=,
                         GSK_TRANSFORM_CATEGORY_2D_TRANSLATE);
        gsk_transform_to_translate (transform, &tx, &ty);
        collect_runs (gsk_transform_node_get_child (node), dx + tx, dy + ty, runs);
      }
      break;

    case GSK_CLIP_NODE:
      collect_runs (gsk_clip_node_get_child (node), dx, dy, runs);
      break;

    case GSK_ROUNDED_CLIP_NODE:
      collect_runs (gsk_rounded_clip_node_get_child (node), dx, dy, runs);
      break;

    case GSK_OPACITY_NODE:
      collect_runs (gsk_opacity_node_get_child (node), dx, dy, runs);
      break;

    case GSK_DEBUG_NODE:
      collect_runs (gsk_debug_node_get_child (node), dx, dy, runs);
      break;

    case GSK_TEXT_NODE:
      {
        const graphene_point_t *offset = gsk_text_node_get_offset (node);
        g_autoptr(PangoFontDescription) desc = pango_font_describe (gsk_text_node_get_font (node));
        Run run = { dx + offset->x, dy + offset->y, pango_font_description_get_size (desc),
                    gsk_text_node_get_num_glyphs (node) };

        g_array_append_val (runs, run);
      }
      break;

    default:
      break;
    }
}

static GArray *
drawn_runs (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));
  double x, y;

  /* What the widget drew in its last frame, unless it needs drawing again. */
  gtk_widget_snapshot_child (parent, widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_true (gtk_widget_translate_coordinates (widget, parent, 0, 0, &x, &y));
  if (node != NULL)
    collect_runs (node, -x, -y, runs);

  return runs;
}

/* Chips and callout boxes are drawn below the text from positions computed
 * outside the snapshot: GTK 4.8 lays a line out with the wrong style when
 * the text view's layout is queried while it draws, so a paragraph before
 * a heading came out in the heading's size, everything below a line lower
 * and the chips a line above their text. The text must come out exactly as
 * a plain text view draws the same buffer. */
static void
test_chips_keep_layout (Fixture       *f,
                        gconstpointer  data)
{
  const char *text =
    "# Welcome to Sheaf\n"
    "\n"
    "## Summary\n"
    "> [!abstract]+ Summary\n"
    "> This is a sample vault: a small knowledge base kept by **Proof & Crumb**, an "
    "imaginary Discord community of home bakers. It is here so you have something real to "
    "read the first time Sheaf starts. It is your own copy, so go ahead and change it — "
    "the original stays untouched.\n"
    "\n"
    "## What Is a Vault?\n"
    "\n"
    "A vault is just a folder of Markdown files. Sheaf does not import anything or keep a "
    "database of your notes: it reads the folder as it is, and every note stays a plain "
    "`.md` file you can open with any other program. If you already keep notes with "
    "Obsidian, open that folder and Sheaf will find its way around.\n"
    "\n"
    "To open another vault, use **Open Vault…** in the main menu, or press "
    "**Ctrl+Shift+O**. **Ctrl+O** jumps to any note by name.\n"
    "\n"
    "## What This Vault Shows\n"
    "\n"
    "The notes in this vault are written the way people really write them. Along the way "
    "they use most of what Sheaf understands:\n"
    "\n"
    "- **Properties** — each note starts with a block of front matter between `---` lines: "
    "`type`, `confidence`, `created`, `modified`, and the two that matter most, `aliases` "
    "and `tags`.\n";
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *plain = gtk_text_view_new_with_buffer (f->buffer);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkTextView *plain_view = GTK_TEXT_VIEW (plain);
  GtkTextView *view = GTK_TEXT_VIEW (f->view);
  const int widths[] = { 700, 520, 760 };
  GtkTextIter title;

  /* The same buffer in a GtkTextView set up like the preview's, which draws
   * nothing of its own. */
  gtk_text_view_set_editable (plain_view, FALSE);
  gtk_text_view_set_cursor_visible (plain_view, FALSE);
  gtk_text_view_set_wrap_mode (plain_view, gtk_text_view_get_wrap_mode (view));
  gtk_text_view_set_pixels_inside_wrap (plain_view, gtk_text_view_get_pixels_inside_wrap (view));
  gtk_text_view_set_left_margin (plain_view, gtk_text_view_get_left_margin (view));
  gtk_text_view_set_right_margin (plain_view, gtk_text_view_get_right_margin (view));
  gtk_text_view_set_top_margin (plain_view, gtk_text_view_get_top_margin (view));
  gtk_text_view_set_bottom_margin (plain_view, gtk_text_view_get_bottom_margin (view));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), plain);
  gtk_widget_set_valign (scroller, GTK_ALIGN_START);

  gtk_widget_set_valign (GTK_WIDGET (f->preview), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->preview));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 900);
  show (f, text);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->view)));

  for (guint w = 0; w <= G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(GArray) runs = NULL;
      g_autoptr(GArray) plain_runs = NULL;

      if (w == G_N_ELEMENTS (widths))
        {
          /* Folded: the callout's body goes, the text below moves up. */
          g_assert_true (sheaf_preview_view_get_callout (f->view, 0, NULL, NULL, NULL, NULL,
                                                         &title, NULL));
          g_assert_true (sheaf_preview_view_activate_at_iter (f->view, &title, FALSE));
        }
      else
        {
          gtk_widget_set_size_request (GTK_WIDGET (f->preview), widths[w], 860);
          WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (f->view)) > 0 &&
                    gtk_widget_get_width (GTK_WIDGET (f->view)) <= widths[w]);
        }
      wait_frames (GTK_WIDGET (f->view), 4);
      gtk_widget_set_size_request (scroller, gtk_widget_get_width (GTK_WIDGET (f->view)),
                                   gtk_widget_get_height (GTK_WIDGET (f->view)));
      wait_frames (GTK_WIDGET (f->view), 4);
      g_assert_cmpint (gtk_widget_get_width (plain), ==, gtk_widget_get_width (GTK_WIDGET (f->view)));
      g_assert_cmpint (gtk_widget_get_height (plain), ==, gtk_widget_get_height (GTK_WIDGET (f->view)));

      runs = drawn_runs (GTK_WIDGET (f->view));
      plain_runs = drawn_runs (plain);
      g_test_message ("width %d: %u runs", gtk_widget_get_width (plain), runs->len);
      g_assert_cmpuint (runs->len, >, 20);
      g_assert_cmpuint (runs->len, ==, plain_runs->len);
      for (guint i = 0; i < runs->len; i++)
        {
          Run *a = &g_array_index (runs, Run, i);
          Run *b = &g_array_index (plain_runs, Run, i);

          g_test_message ("run %u: %g,%g size %d / %g,%g size %d",
                          i, a->x, a->y, a->size, b->x, b->y, b->size);
          g_assert_cmpint (a->size, ==, b->size);
          g_assert_cmpuint (a->n_glyphs, ==, b->n_glyphs);
          g_assert_cmpfloat_with_epsilon (a->x, b->x, 0.01);
          g_assert_cmpfloat_with_epsilon (a->y, b->y, 0.01);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Notes replaced in quick succession while what the one before left is
 * still pending: idle render slices, chips and boxes to place, children to
 * attach, embeds loading; before the view is mapped, and around a modal
 * dialog going away, as when a link opens a note from "Create note?". Without
 * the fix it crashed in a few seconds, every run. GTK 4.8 caches the
 * layout of lines it was asked about and a line deleted with the view
 * detached from its buffer stayed in that cache: the next layout lookup
 * crashed in _gtk_text_line_get_number() ("gtk_text_btree_line_number
 * couldn't find line", or SIGSEGV). */

static GString *
stress_text (guint variant,
             guint n)
{
  GString *md = g_string_new (variant % 2 == 0 ? "---\ntags: [a, b]\n---\n" : "");

  for (guint i = 0; i < n; i++)
    {
      switch ((i + variant) % 7)
        {
        case 0:
          g_string_append_printf (md, "## Part %u of %u\n\n"
                                  "Text %u with [[Link %u]], #tag%u and `code %u`.\n\n",
                                  i, variant, i, i, i, i);
          break;

        case 1:
          g_string_append_printf (md, "| a | b |\n|---|---|\n| %u | `x` #t |\n| y | z |\n\n", i);
          break;

        case 2:
          g_string_append_printf (md, "```c\nint x%u = %u;\n```\n\n", i, variant);
          break;

        case 3:
          g_string_append_printf (md, "> [!tip]- Callout %u\n> Body #chip `c`\n\n", i);
          break;

        case 4:
          g_string_append_printf (md, "![[Embedded %u]]\n\n", i % 3);
          break;

        case 5:
          g_string_append_printf (md, "- [ ] task %u\n- item #x%u\n  - nested `y`\n\n", i, i);
          break;

        default:
          g_string_append_printf (md, "> quote %u with a line long enough to wrap in the preview, "
                                  "#and a #few #chips `to place` on it\n> more\n\n---\n\n", i);
          break;
        }
    }

  return md;
}

static void
test_replace_stress (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  guint rounds = g_test_slow () ? 1000 : 150;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("Embedded %u.md", i);
      g_autoptr(GString) md = stress_text (i + 1, 8);

      fake_host_add_note (f->host, path, md->str);
    }
  /* Two versions of each path: a new note, or an edit of the one shown. */
  for (guint v = 0; v < 6; v++)
    {
      g_autofree char *path = g_strdup_printf ("Stress %u.md", v % 3);
      g_autoptr(GString) md = stress_text (v, 30 + 9 * v);

      g_ptr_array_add (notes, note_new (path, md->str));
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (f->preview));

  /* Unmapped first, then mapped. */
  for (guint i = 0; i < notes->len; i++)
    {
      sheaf_preview_set_note (f->preview, g_ptr_array_index (notes, i));
      g_main_context_iteration (NULL, FALSE);
    }
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->view)));

  for (guint round = 0; round < rounds; round++)
    {
      SheafNote *note = g_ptr_array_index (notes, g_test_rand_int_range (0, notes->len));

      switch (g_test_rand_int_range (0, 10))
        {
        case 0:
          /* Everything again, as when the vault changed. */
          sheaf_preview_rerender (f->preview);
          break;

        case 1:
          {
            GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), "Create note?", NULL);

            adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "create", "Create");
            gtk_window_present (GTK_WINDOW (dialog));
            for (guint i = g_test_rand_int_range (0, 6); i > 0; i--)
              g_main_context_iteration (NULL, FALSE);
            adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
            gtk_window_destroy (GTK_WINDOW (dialog));
          }
          break;

        case 2:
          sheaf_preview_set_note (f->preview, NULL);
          break;

        case 3:
          sheaf_preview_scroll_to_line (f->preview, g_test_rand_int_range (1, 200));
          break;

        default:
          break;
        }

      sheaf_preview_set_note (f->preview, note);

      for (guint i = g_test_rand_int_range (0, 6); i > 0; i--)
        g_main_context_iteration (NULL, FALSE);
      if (g_test_rand_int_range (0, 6) == 0)
        wait_frames (window, 1);
    }

  spin ();
  wait_frames (window, 2);
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
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

  g_setenv ("LC_ALL", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_BASE "/icons");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/sheaf/preview/finalizes", test_finalizes);
  ADD ("/sheaf/preview/progressive", test_progressive);
  ADD ("/sheaf/preview/properties", test_properties_notify);
  ADD ("/sheaf/preview/callouts/types", test_callout_types);
  ADD ("/sheaf/preview/callouts/fold", test_callout_fold);
  ADD ("/sheaf/preview/callouts/nesting", test_callout_nesting);
  ADD ("/sheaf/preview/callouts/titles", test_callout_titles);
  ADD ("/sheaf/preview/table", test_table);
  ADD ("/sheaf/preview/code-block", test_code_block);
  ADD ("/sheaf/preview/embeds/note", test_embed_note);
  ADD ("/sheaf/preview/embeds/cycle", test_embed_cycle);
  ADD ("/sheaf/preview/images/local", test_images);
  ADD ("/sheaf/preview/images/remote", test_remote_image);
  ADD ("/sheaf/preview/text/escapes-html-comments", test_escapes_html_comments);
  ADD ("/sheaf/preview/text/styles", test_inline_styles);
  ADD ("/sheaf/preview/frontmatter/invalid", test_frontmatter_invalid);
  ADD ("/sheaf/preview/frontmatter/valid", test_frontmatter_valid);
  ADD ("/sheaf/preview/links", test_links);
  ADD ("/sheaf/preview/tasks", test_tasks);
  ADD ("/sheaf/preview/incremental", test_incremental);
  ADD ("/sheaf/preview/scroll", test_scroll);
  ADD ("/sheaf/preview/follows-width", test_follows_width);
  ADD ("/sheaf/preview/chips-keep-layout", test_chips_keep_layout);
  ADD ("/sheaf/preview/replace-stress", test_replace_stress);
#undef ADD

  return g_test_run ();
}
