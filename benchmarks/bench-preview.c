/* bench-preview.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * sheaf-bench-preview — the preview's targets of DESIGN.md §5 (needs a display:
 * run it under xvfb-run):
 *
 *   render a 1 MB note                        ≤ 100 ms
 *   keystroke → preview updated, 1 MB note    ≤ 16 ms median
 *
 * It writes a seed-shaped note of about 1 MB in memory (frontmatter, callouts,
 * lists, links, tags, tables, code blocks; text from the word lists below),
 * times a full render into a SheafPreview shown in a window, then 50
 * one-character edits in the middle: each reparsed here from the note before
 * it (sheaf_note_new_for_edit(), as the document's worker does) and handed to
 * sheaf_preview_set_note(), which re-renders only the changed block. The
 * floor printed beside them is cmark-gfm alone parsing the same bytes.
 *
 *   sheaf-bench-preview [--size BYTES] [--edits N]
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <cmark-gfm.h>

#include "sheaf-preview.h"
#include "sheaf-preview-view.h"

static const char * const words[] = {
  "starter", "crumb", "hydration", "levain", "oven", "steam", "crust", "flour", "rye",
  "proof", "shaping", "scoring", "dough", "autolyse", "fold", "banneton", "dutch", "bake",
  "temperature", "schedule", "water", "salt", "yeast", "acid", "rise", "dome", "jar",
};

static const char * const callouts[] = { "quote", "tip", "warning", "note", "example", "question" };

static void
sentence (GString *out,
          GRand   *rand,
          guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      if (i > 0)
        g_string_append_c (out, ' ');
      if (i == 0)
        g_string_append_printf (out, "%c%s", g_ascii_toupper (word[0]), word + 1);
      else if (g_rand_int_range (rand, 0, 14) == 0)
        g_string_append_printf (out, "**%s**", word);
      else if (g_rand_int_range (rand, 0, 18) == 0)
        g_string_append_printf (out, "[[%s Notes|%s]]", word, word);
      else if (g_rand_int_range (rand, 0, 30) == 0)
        g_string_append_printf (out, "#%s", word);
      else
        g_string_append (out, word);
    }
  g_string_append_c (out, '.');
}

static GString *
make_note (gsize size)
{
  GString *out = g_string_new ("---\ntype: topic\nconfidence: high\naliases:\n  - Bench Note\n"
                               "tags:\n  - domain/bench\n  - type/topic\ncreated: 2026-02-19\n"
                               "modified: 2026-02-20\n---\n\n# A Long Note\n\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint section = 0;

  while (out->len < size)
    {
      section++;
      g_string_append_printf (out, "## Section %u\n\n> [!abstract]\n> ", section);
      sentence (out, rand, 30);
      g_string_append (out, "\n\n### Detail\n\n");
      sentence (out, rand, 60);
      g_string_append (out, "\n\n");
      for (int i = 0; i < 4; i++)
        {
          g_string_append (out, "- ");
          sentence (out, rand, 14);
          g_string_append_c (out, '\n');
        }
      g_string_append_printf (out, "\n> [!%s] Discord Source\n> **Author:** someone — **Channel:** #general\n> ",
                              callouts[section % G_N_ELEMENTS (callouts)]);
      sentence (out, rand, 40);
      g_string_append (out, "\n\n");
      sentence (out, rand, 50);
      g_string_append (out, "\n\n");
      if (section % 4 == 0)
        g_string_append (out, "| Ratio | Time | Use |\n|---|---|---|\n| 1:1:1 | 4 h | same day |\n"
                              "| 1:5:5 | 10 h | overnight |\n\n");
      if (section % 6 == 0)
        g_string_append (out, "```c\nint\nmain (void)\n{\n  return 0;\n}\n```\n\n");
      if (section % 5 == 0)
        g_string_append (out, "- [ ] feed the starter\n- [x] weigh the flour\n\n");
    }

  return out;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);

  return g_array_index (values, double, values->len / 2);
}

static gboolean
painted_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gint64        *painted_at)
{
  if (*painted_at == 0)
    *painted_at = g_get_monotonic_time ();
}

/* Waits for the next frame of @widget, then for the main loop to go idle
 * (GtkTextView lays out the rest of a long text in idles, after the first
 * frame). Returns when that frame was painted. */
static gint64
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gint64 painted_at = 0;
  gulong id;

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted_at);
  gtk_widget_add_tick_callback (widget, painted_cb, &painted, NULL);
  while (!painted || painted_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return painted_at;
}

static SheafNote *
parse (const char *text,
       gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return sheaf_note_new_for_bytes ("Bench.md", bytes, NULL, SHEAF_NOTE_KEEP_TREE | SHEAF_NOTE_KEEP_TEXT);
}

int
main (int   argc,
      char *argv[])
{
  gsize size = 1000 * 1000;
  guint n_edits = 50;
  g_autoptr(GString) text = NULL;
  g_autoptr(SheafNote) note = NULL;
  g_autoptr(SheafNote) previous = NULL;
  guint n_partial = 0;
  g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) set_notes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parses = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window, *preview;
  SheafPreviewView *view;
  double t_cmark = 1e9, t_parse, t_render, t_frame, t_idle;
  gint64 t0;
  gsize middle;

  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--size") == 0 && i + 1 < argc)
        size = strtoul (argv[++i], NULL, 10);
      else if (g_strcmp0 (argv[i], "--edits") == 0 && i + 1 < argc)
        n_edits = strtoul (argv[++i], NULL, 10);
    }

  gtk_init ();
  adw_init ();

  text = make_note (size);

  /* The floor: cmark-gfm alone, best of three. */
  for (int i = 0; i < 3; i++)
    {
      cmark_node *document;

      t0 = g_get_monotonic_time ();
      document = cmark_parse_document (text->str, text->len, CMARK_OPT_DEFAULT);
      t_cmark = MIN (t_cmark, (g_get_monotonic_time () - t0) / 1000.0);
      cmark_node_free (document);
    }

  t0 = g_get_monotonic_time ();
  note = parse (text->str, text->len);
  t_parse = (g_get_monotonic_time () - t0) / 1000.0;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  preview = sheaf_preview_new ();
  view = SHEAF_PREVIEW_VIEW (sheaf_preview_get_text_view (SHEAF_PREVIEW (preview)));
  gtk_window_set_child (GTK_WINDOW (window), preview);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (preview);

  /* A full render, then the first frame that shows it. */
  t0 = g_get_monotonic_time ();
  sheaf_preview_set_note (SHEAF_PREVIEW (preview), note);
  t_render = (g_get_monotonic_time () - t0) / 1000.0;
  t_frame = (wait_for_frame (GTK_WIDGET (view)) - t0) / 1000.0;
  t_idle = (g_get_monotonic_time () - t0) / 1000.0;

  /* Scroll to the middle, where the edits go. */
  middle = text->len / 2;
  while (middle < text->len && !(text->str[middle] == '\n' && text->str[middle + 1] != '\n' &&
                                 g_ascii_isalpha (text->str[middle + 1])))
    middle++;
  middle += 3;
  {
    guint line = 1;

    for (gsize i = 0; i < middle; i++)
      line += text->str[i] == '\n';
    sheaf_preview_scroll_to_line (SHEAF_PREVIEW (preview), line);
    wait_for_frame (preview);
  }

  previous = g_object_ref (note);
  for (guint i = 0; i < n_edits; i++)
    {
      g_autoptr(SheafNote) edited = NULL;
      double t_p, t_s;
      gint64 t1;

      g_autoptr(GBytes) bytes = NULL;
      SheafTextEdit edit = { middle + i, middle + i, middle + i + 1 };

      g_string_insert_c (text, middle + i, "abcdefghij"[i % 10]);
      t0 = g_get_monotonic_time ();
      bytes = g_bytes_new (text->str, text->len);
      edited = sheaf_note_new_for_edit (previous, "Bench.md", bytes, NULL, &edit,
                                        SHEAF_NOTE_KEEP_TREE | SHEAF_NOTE_KEEP_TEXT);
      t1 = g_get_monotonic_time ();
      sheaf_preview_set_note (SHEAF_PREVIEW (preview), edited);
      t_s = (g_get_monotonic_time () - t1) / 1000.0;
      t_p = (t1 - t0) / 1000.0;
      g_array_append_val (parses, t_p);
      g_array_append_val (set_notes, t_s);
      t_p += t_s;
      g_array_append_val (updates, t_p);
      n_partial += sheaf_parse_result_is_partial (sheaf_note_get_parse_result (edited));
      g_set_object (&previous, edited);
      wait_for_frame (preview);
    }

  g_print ("note: %zu bytes, %u blocks\n", text->len, sheaf_preview_view_get_n_blocks (view));
  g_print ("floor: cmark-gfm parse                 %7.1f ms\n", t_cmark);
  g_print ("       sheaf parse (SheafNote)         %7.1f ms  (%.2f× cmark)\n", t_parse, t_parse / t_cmark);
  g_print ("full render: set_note                  %7.1f ms  target ≤ 100 ms  %s\n",
           t_render, t_render <= 100 ? "ok" : "MISSED");
  g_print ("             set_note to first frame   %7.1f ms\n", t_frame);
  g_print ("             to whole layout (idle)    %7.1f ms\n", t_idle);
  g_print ("edit (median of %u): set_note           %7.2f ms\n", n_edits, median (set_notes));
  g_print ("                     parse             %7.2f ms  (%u of %u reparsed in part)\n",
           median (parses), n_partial, n_edits);
  g_print ("                     parse + set_note  %7.2f ms  target ≤ 16 ms  %s\n",
           median (updates), median (updates) <= 16 ? "ok" : "MISSED (the parse alone is over)");

  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
