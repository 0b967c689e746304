/* test-properties-view.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sheaf-note.h"
#include "sheaf-properties-view.h"

/* A host that knows one note, "Books.md". */
#define TEST_TYPE_HOST (test_host_get_type ())
G_DECLARE_FINAL_TYPE (TestHost, test_host, TEST, HOST, GObject)

struct _TestHost
{
  GObject parent_instance;
};

static void test_host_iface_init (SheafPreviewHostInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestHost, test_host, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SHEAF_TYPE_PREVIEW_HOST, test_host_iface_init))

static void
test_host_resolve (SheafPreviewHost *host,
                   const char       *source_path,
                   const SheafLink  *link,
                   SheafResolved    *out)
{
  memset (out, 0, sizeof *out);
  out->resolution = SHEAF_RESOLUTION_UNRESOLVED;
  if (g_ascii_strcasecmp (link->target, "Books") == 0)
    {
      out->resolution = SHEAF_RESOLUTION_EXACT;
      out->resolved = g_strdup ("Books.md");
    }
}

static void
test_host_iface_init (SheafPreviewHostInterface *iface)
{
  iface->resolve = test_host_resolve;
}

static void
test_host_class_init (TestHostClass *klass)
{
}

static void
test_host_init (TestHost *self)
{
}

static const char note_text[] =
  "---\n"
  "categories:\n"
  "  - \"[[Books]]\"\n"
  "seen: in [[Missing|the missing one]] and more\n"
  "tags: [\"[[Books]]\"]\n"
  "title: Plain\n"
  "---\n"
  "Body [[Books]]\n";

static void
collect_links (GtkWidget *widget,
               GPtrArray *found)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "link"))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_links (child, found);
}

typedef struct
{
  char     *target;
  char     *property;
  gboolean  new_tab;
  guint     n;
} Activated;

static void
link_activated_cb (SheafPropertiesView *view,
                   const SheafLink     *link,
                   gboolean             new_tab,
                   Activated           *out)
{
  g_free (out->target);
  g_free (out->property);
  out->target = g_strdup (link->target);
  out->property = g_strdup (link->property);
  out->new_tab = new_tab;
  out->n++;
}

static void
test_properties_links (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (note_text, strlen (note_text));
  g_autoptr(SheafNote) note = sheaf_note_new_for_bytes ("Notes/A.md", bytes, NULL,
                                                        SHEAF_NOTE_KEEP_TEXT);
  g_autoptr(TestHost) host = g_object_new (TEST_TYPE_HOST, NULL);
  GtkWidget *view = g_object_ref_sink (sheaf_properties_view_new ());
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  Activated activated = { 0 };

  sheaf_properties_view_set_links (SHEAF_PROPERTIES_VIEW (view), SHEAF_PREVIEW_HOST (host),
                                   sheaf_note_get_path (note), sheaf_note_get_parse_result (note));
  sheaf_properties_view_set_frontmatter (SHEAF_PROPERTIES_VIEW (view),
                                         sheaf_note_get_frontmatter (note), NULL);
  g_signal_connect (view, "link-activated", G_CALLBACK (link_activated_cb), &activated);

  /* Books in categories, Missing in seen; never tags */
  collect_links (view, chips);
  g_assert_cmpuint (chips->len, ==, 2);
  g_assert_cmpstr (gtk_button_get_label (g_ptr_array_index (chips, 0)), ==, "Books");
  g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (chips, 0), "unresolved"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (chips, 0)), ==, "Books.md");
  g_assert_cmpstr (gtk_button_get_label (g_ptr_array_index (chips, 1)), ==, "the missing one");
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (chips, 1), "unresolved"));

  /* a click: the chip's action, in the current tab */
  g_signal_emit_by_name (g_ptr_array_index (chips, 0), "clicked");
  g_assert_cmpuint (activated.n, ==, 1);
  g_assert_cmpstr (activated.target, ==, "Books");
  g_assert_cmpstr (activated.property, ==, "categories");
  g_assert_false (activated.new_tab);

  /* what Ctrl+click and middle click do */
  gtk_widget_activate_action (view, "properties.open-link", "(ub)", 1, TRUE);
  g_assert_cmpuint (activated.n, ==, 2);
  g_assert_cmpstr (activated.target, ==, "Missing");
  g_assert_cmpstr (activated.property, ==, "seen");
  g_assert_true (activated.new_tab);

  /* the body's links are not the view's */
  gtk_widget_activate_action (view, "properties.open-link", "(ub)", 2, FALSE);
  g_assert_cmpuint (activated.n, ==, 2);

  /* without links, values are text again */
  sheaf_properties_view_set_links (SHEAF_PROPERTIES_VIEW (view), NULL, NULL, NULL);
  g_ptr_array_set_size (chips, 0);
  collect_links (view, chips);
  g_assert_cmpuint (chips->len, ==, 0);

  g_free (activated.target);
  g_free (activated.property);
  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheaf/properties-view/links", test_properties_links);

  return g_test_run ();
}
