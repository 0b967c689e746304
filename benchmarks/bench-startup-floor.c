/* bench-startup-floor.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor for Sheaf's start-up figure (benchmarks/bench-startup.sh): the
 * least a GTK program can do to show a note. A bare window with a text view
 * of FILE, read synchronously before the window is shown; prints how long
 * after the process started it painted the first frame holding the text,
 * and quits. With --adw, it also initialises libadwaita and GtkSourceView
 * and uses a GtkSourceView, as Sheaf does: the libraries' own share.
 *
 *   sheaf-bench-startup-floor [--adw] FILE
 *
 * Times count from SHEAF_BENCH_T0_USEC (wall-clock microseconds, taken just
 * before exec) or else from the start time in /proc/self/stat.
 */


#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>

static gboolean done;

static double
elapsed_ms (void)
{
  const char *t0 = g_getenv ("SHEAF_BENCH_T0_USEC");
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  const char *fields;

  if (t0 != NULL)
    return (g_get_real_time () - g_ascii_strtoll (t0, NULL, 10)) / 1000.0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (fields = strrchr (stat, ')')) == NULL)
    return -1;
  fields++;
  for (guint i = 0; i < 19 && fields != NULL; i++)
    fields = strchr (fields + 1, ' ');
  if (fields == NULL)
    return -1;

  if (!g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL))
    return -1;

  return g_ascii_strtod (uptime, NULL) * 1000.0 -
         g_ascii_strtoull (fields + 1, NULL, 10) * 1000.0 / sysconf (_SC_CLK_TCK);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (done)
    return;

  done = TRUE;
  printf ("sheaf-bench-first-frame floor %.1f ms\n", elapsed_ms ());
  fflush (stdout);
}

static void
realize_cb (GtkWidget *widget,
            gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gboolean adw = argc > 2 && g_str_equal (argv[1], "--adw");
  const char *path = argv[argc - 1];
  GtkWidget *window, *scroller, *view;
  gsize length = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s [--adw] FILE\n", argv[0]);
      return 2;
    }

  gtk_init ();
  if (adw)
    {
      adw_init ();
      gtk_source_init ();
    }

  if (!g_file_get_contents (path, &text, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  scroller = gtk_scrolled_window_new ();
  view = adw ? gtk_source_view_new () : gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, length);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));

  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
