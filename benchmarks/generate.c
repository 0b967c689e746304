/* generate.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * sheaf-bench-generate — write a synthetic vault for the benchmarks.
 *
 *   sheaf-bench-generate N DIR [--seed S]
 *
 * Writes N notes into DIR (which must not exist or be empty), spread over about
 * twenty folders (Topics/, Topics/Mixing/, People/, Channels/, Gear/, …). Every
 * note has the shape of the seed note in ../shared/seeds/: YAML frontmatter
 * (type, confidence, 1–3 aliases, three nested tags domain/x, type/y,
 * channel/z, created, modified), a `# Title`, a `## Summary` holding an
 * `> [!abstract]` callout, 3–5 `###` sections with paragraphs, **bold**, bullet
 * lists, inline #tags and 2–4 `> [!quote] Discord Source` callouts with
 * **Author:** lines, a "Related Pages" list and a source footer.
 *
 * Each note carries 20–40 links: mostly `[[Title]]` of another generated note,
 * some `[[Title|shown]]`, some `[[Title#Heading]]` (to a heading that exists),
 * some through an alias of another note, a few that resolve to nothing, and
 * the footer's `[[channel Channel Summary]]` (those notes exist in Channels/).
 * About 1 % of the notes share their basename with one note in another folder,
 * so shortest-path resolution and the ambiguity flag get exercised too.
 *
 * The text is made from the word lists below (nothing is copied from real
 * notes). The same N and seed always give the same bytes; notes average about
 * 4.3 KB (2.7–6.5 KB), so 10 000 notes make about 43 MB. A stamp
 * DIR/.obsidian/sheaf-bench-generate.txt, written last, records the generator
 * version, N, the seed, the bytes, the links and how many of them are meant to
 * stay unresolved, so run-benchmarks.sh can reuse a vault and sheaf-bench-index
 * can check its resolve pass.
 */

#define G_LOG_DOMAIN "sheaf-bench-generate"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GENERATOR_VERSION 1
#define N_CHANNEL_NOTES   G_N_ELEMENTS (channels)

/* Word lists (written for this generator). */

static const char * const adjectives[] = {
  "Analog", "Parallel", "Harmonic", "Dynamic", "Spectral", "Tonal", "Rhythmic", "Ambient",
  "Acoustic", "Digital", "Modular", "Vintage", "Modern", "Hybrid", "Linear", "Adaptive",
  "Transient", "Stereo", "Mono", "Layered", "Minimal", "Saturated", "Clean", "Warm",
  "Bright", "Dark", "Wide", "Tight", "Loose", "Heavy", "Subtle", "Aggressive",
  "Creative", "Technical", "Practical", "Critical", "Remote", "Live", "Studio", "Mobile",
  "Independent", "Collaborative", "Iterative", "Reference", "Budget", "Premium", "Custom",
  "Classic", "Experimental", "Cinematic", "Orchestral", "Electronic", "Vocal", "Drum",
  "Bass", "Guitar", "Piano", "Synth", "Tape", "Outboard",
};

static const char * const nouns[] = {
  "Compression", "Equalization", "Reverb", "Delay", "Saturation", "Limiting", "Gating",
  "Automation", "Panning", "Routing", "Gain Staging", "Metering", "Monitoring", "Mixing",
  "Mastering", "Tracking", "Editing", "Tuning", "Sampling", "Sequencing", "Arrangement",
  "Sound Design", "Synthesis", "Modulation", "Filtering", "Distortion", "Chorus", "Phasing",
  "Sidechain", "Bus Processing", "Headroom", "Loudness", "Dither", "Clipping", "Imaging",
  "Depth", "Balance", "Translation", "Feedback", "Workflow", "Templates", "Recall",
  "Stems", "Bounces", "Revisions", "Pricing", "Contracts", "Deadlines", "Clients",
  "Networking", "Portfolio", "Branding", "Licensing", "Publishing", "Royalties", "Credits",
  "Acoustics", "Treatment", "Isolation", "Cabling", "Interfaces", "Converters", "Preamps",
  "Microphones", "Headphones", "Speakers", "Controllers", "Plugins", "Presets", "Racks",
  "Latency", "Buffers", "Backups", "Archiving", "Collaboration", "Critique", "Listening",
  "Ear Training", "Songwriting", "Production", "Performance", "Rehearsal", "Touring",
  "Release Planning", "Promotion", "Community", "Mentorship", "Burnout", "Focus",
};

static const char * const objects[] = {
  "Vocals", "Drums", "Bass", "Guitars", "Keys", "Strings", "Brass", "Pads", "Leads",
  "Kicks", "Snares", "Cymbals", "Room Mics", "Overheads", "Loops", "Samples", "Foley",
  "Dialogue", "Podcasts", "Film Scores", "Game Audio", "Trailers", "Jingles", "Albums",
  "Singles", "EPs", "Demos", "Live Sets", "Remixes", "Edits", "Choirs", "Orchestras",
  "Bands", "Duos", "Beats", "Hooks", "Choruses", "Verses", "Bridges", "Intros", "Outros",
  "Breakdowns", "Drops", "Transitions", "Stems", "Mixes", "Masters", "Sessions", "Takes",
  "Comps", "Tracks", "Buses", "Sends", "Returns", "Groups", "Layers", "Textures",
  "Atmospheres", "Rhythms", "Grooves", "Melodies", "Harmonies", "Chords", "Progressions",
  "Signal Chains", "Small Rooms", "Home Studios", "Headphone Mixes", "Club Systems",
  "Streaming", "Vinyl", "Cassettes", "Broadcast", "Clients", "Artists", "Labels",
};

static const char * const aspects[] = {
  "Basics", "Fundamentals", "Pitfalls", "Myths", "Checklist", "Principles", "Tradeoffs",
  "Strategies", "Habits", "Questions", "Debates", "Patterns", "Recipes", "Shortcuts",
  "Philosophy", "History", "Troubleshooting", "Setup", "Practice", "Decisions",
};

static const char * const first_names[] = {
  "Avery", "Blake", "Casey", "Dana", "Eli", "Farah", "Gus", "Hana", "Ivo", "Jules",
  "Kira", "Lev", "Mara", "Nico", "Odile", "Pia", "Quinn", "Rafe", "Sami", "Tove",
  "Uma", "Vik", "Wren", "Xavi", "Yara", "Zeno", "Ansel", "Bea", "Cyrus", "Dorit",
  "Emil", "Fenna", "Gideon", "Hollis", "Ines", "Joost", "Kaito", "Lina", "Milo", "Nell",
  "Otto", "Priya", "Rune", "Sol", "Tamsin", "Ulla", "Vera", "Wes", "Yusuf", "Zora",
};

static const char * const last_names[] = {
  "Ashby", "Brandt", "Castell", "Dunmore", "Ekholm", "Fairweather", "Grieve", "Halloran",
  "Ibarra", "Jessup", "Kowal", "Lindqvist", "Marchetti", "Navarro", "Okafor", "Pellegrin",
  "Quist", "Rosales", "Sandoval", "Thorne", "Underhill", "Vasquez", "Whitcombe", "Yilmaz",
  "Zeller", "Abernathy", "Bellamy", "Crowther", "Delacroix", "Eastwood", "Fontaine",
  "Gallagher", "Hartigan", "Iverson", "Jankowski", "Kincaid", "Lachance", "Mbeki",
  "Northcott", "Osei", "Petrov", "Radcliffe", "Solberg", "Tremaine", "Varga", "Winslow",
};

static const char * const handle_parts[] = {
  "low", "end", "fader", "knob", "tape", "hiss", "echo", "loop", "wave", "phase", "noise",
  "gate", "room", "mic", "bus", "sub", "hat", "snare", "verb", "comp", "dub", "lofi",
};

static const char * const channels[] = {
  "general-talk", "mixing-help", "mastering-room", "gear-talk", "plugin-deals",
  "feedback-corner", "production-tips", "sound-design", "vocal-booth", "drum-room",
  "synth-lab", "career-advice", "studio-builds", "acoustics", "film-and-games",
  "live-sound", "songwriting", "theory-nerds", "daw-support", "release-planning",
  "collab-board", "show-and-tell", "off-topic", "news",
};

static const char * const domains[] = {
  "mixing", "mastering", "recording", "production", "gear", "business", "community",
  "acoustics", "theory", "software", "performance", "sound-design",
};

static const char * const confidences[] = { "low", "medium", "high" };

typedef struct
{
  const char *folder;
  const char *type;
  guint       weight;
  gboolean    people;
} Folder;

static const Folder folders[] = {
  { "Topics",            "topic",     14, FALSE },
  { "Topics/Mixing",     "topic",      8, FALSE },
  { "Topics/Mastering",  "topic",      6, FALSE },
  { "Topics/Recording",  "topic",      6, FALSE },
  { "Concepts",          "concept",    8, FALSE },
  { "Techniques",        "technique",  8, FALSE },
  { "People",            "person",     6, TRUE  },
  { "People/Experts",    "person",     3, TRUE  },
  { "Gear",              "gear",       5, FALSE },
  { "Gear/Plugins",      "plugin",     5, FALSE },
  { "Genres",            "genre",      3, FALSE },
  { "Projects",          "project",    4, FALSE },
  { "Sessions",          "session",    4, FALSE },
  { "Guides",            "guide",      5, FALSE },
  { "Reviews",           "review",     3, FALSE },
  { "Workflows",         "workflow",   3, FALSE },
  { "References",        "reference",  3, FALSE },
  { "Inbox",             "inbox",      2, FALSE },
  { "Archive/2024",      "archive",    2, FALSE },
  { "Archive/2025",      "archive",    2, FALSE },
};

static const char * const heading_words_a[] = {
  "Common", "Practical", "Early", "Advanced", "Everyday", "Hidden", "Shared", "Open",
  "Key", "Recurring", "Expert", "Community", "Budget", "Long-Term", "Quick", "Core",
};

static const char * const heading_words_b[] = {
  "Advice", "Techniques", "Mistakes", "Questions", "Tools", "Opinions", "Workflows",
  "Examples", "Signals", "Tradeoffs", "Experiments", "Results", "Concerns", "Habits",
  "Settings", "Lessons", "Disagreements", "Recommendations", "Measurements", "Stories",
};

static const char * const determiners[] = {
  "the", "a", "every", "each", "this", "that", "one", "some", "any", "most",
};

static const char * const subjects[] = {
  "engineer", "producer", "mixer", "artist", "client", "session player", "beginner",
  "veteran", "moderator", "listener", "songwriter", "student", "label", "studio owner",
  "community", "thread", "channel", "expert", "assistant", "band",
};

static const char * const verbs[] = {
  "prefers", "avoids", "recommends", "questions", "revisits", "measures", "compares",
  "trusts", "rejects", "automates", "shapes", "balances", "documents", "explains",
  "rebuilds", "tests", "defends", "simplifies", "borrows", "reconsiders", "rescues",
  "layers", "sharpens", "softens", "protects", "prints", "commits to", "listens for",
};

static const char * const lower_adjectives[] = {
  "subtle", "careful", "loud", "quiet", "muddy", "harsh", "smooth", "punchy", "dense",
  "sparse", "honest", "cheap", "expensive", "fragile", "reliable", "noisy", "gentle",
  "surprising", "familiar", "stubborn", "fast", "slow", "consistent", "uneven", "clear",
};

static const char * const lower_nouns[] = {
  "low end", "top end", "midrange", "transient", "reference track", "rough mix",
  "vocal chain", "drum bus", "mix bus", "headphone check", "car test", "deadline",
  "budget", "template", "session file", "plugin chain", "room tone", "noise floor",
  "true peak", "crest factor", "stereo field", "mono check", "click track", "tempo map",
  "arrangement", "second opinion", "fresh ear", "break", "monitor level", "gain structure",
};

static const char * const prepositions[] = {
  "before", "after", "during", "without", "around", "against", "despite", "beyond",
  "alongside", "under", "over", "through",
};

static const char * const link_lead_ins[] = {
  "as covered in", "see", "compare", "closely tied to", "a theme in", "discussed under",
  "which links to", "the same point as", "explored further in", "contrasted with",
};

static const char * const related_phrases[] = {
  "the wider context", "a practical companion", "where the debate started",
  "the opposite view", "tools mentioned here", "deeper technical detail",
  "how experts apply it", "follow-up questions", "a worked example", "historical notes",
};

/* Deterministic PRNG: splitmix64, so output never depends on GLib's GRand. */

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  rng->state = seed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  rng_next (rng);
}

/* [0, n) */
static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) ((rng_next (rng) >> 32) % n);
}

/* [lo, hi] */
static guint
rng_range (Rng   *rng,
           guint  lo,
           guint  hi)
{
  return lo + rng_below (rng, hi - lo + 1);
}

/* TRUE with probability percent / 100 */
static gboolean
rng_chance (Rng   *rng,
            guint  percent)
{
  return rng_below (rng, 100) < percent;
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* The plan: every note's title, folder, aliases and headings, decided before any
 * note is written so links can point at titles, aliases and headings that exist. */

#define MAX_ALIASES  3
#define MAX_HEADINGS 5

typedef struct
{
  char    *title;
  char    *aliases[MAX_ALIASES];
  guint8   n_aliases;
  guint8   folder;
  guint8   channel;
  guint8   domain;
  guint8   n_headings;
  guint8   shared;            /* basename shared with another note */
  guint8   headings[MAX_HEADINGS][2]; /* indices into heading_words_a / _b */
} NotePlan;

typedef struct
{
  NotePlan *notes;
  guint     n_notes;
  guint64   seed;
} Plan;

static guint
pick_folder (Rng *rng)
{
  static guint total;
  guint r;

  if (total == 0)
    for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
      total += folders[i].weight;

  r = rng_below (rng, total);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      if (r < folders[i].weight)
        return i;
      r -= folders[i].weight;
    }

  g_assert_not_reached ();
}

static char *
make_title (Rng      *rng,
            gboolean  people)
{
  if (people && rng_chance (rng, 80))
    return g_strdup_printf ("%s %s", PICK (rng, first_names), PICK (rng, last_names));

  switch (rng_below (rng, 6))
    {
    case 0:
    case 1:
      return g_strdup_printf ("%s %s for %s", PICK (rng, adjectives), PICK (rng, nouns),
                              PICK (rng, objects));

    case 2:
      return g_strdup_printf ("%s and %s in %s", PICK (rng, nouns), PICK (rng, nouns),
                              PICK (rng, objects));

    case 3:
      return g_strdup_printf ("%s %s %s", PICK (rng, adjectives), PICK (rng, nouns),
                              PICK (rng, aspects));

    case 4:
      return g_strdup_printf ("%s of %s %s", PICK (rng, aspects), PICK (rng, adjectives),
                              PICK (rng, objects));

    default:
      return g_strdup_printf ("%s %s %s %s", PICK (rng, adjectives), PICK (rng, objects),
                              PICK (rng, nouns), PICK (rng, aspects));
    }
}

static char *
make_alias (Rng *rng)
{
  switch (rng_below (rng, 4))
    {
    case 0:
      return g_strdup_printf ("%s %s", PICK (rng, adjectives), PICK (rng, nouns));

    case 1:
      return g_strdup_printf ("%s on %s", PICK (rng, nouns), PICK (rng, objects));

    case 2:
      return g_strdup_printf ("%s %s", PICK (rng, objects), PICK (rng, aspects));

    default:
      return g_strdup_printf ("%s-%s %s", PICK (rng, handle_parts), PICK (rng, handle_parts),
                              PICK (rng, nouns));
    }
}

static void
plan_init (Plan    *plan,
           guint    n_notes,
           guint64  seed)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Rng rng;

  rng_init (&rng, seed, 0);
  plan->notes = g_new0 (NotePlan, n_notes);
  plan->n_notes = n_notes;
  plan->seed = seed;

  for (guint i = 0; i < n_notes; i++)
    {
      NotePlan *note = &plan->notes[i];

      note->channel = rng_below (&rng, N_CHANNEL_NOTES);
      note->domain = rng_below (&rng, G_N_ELEMENTS (domains));

      if (i < N_CHANNEL_NOTES)
        {
          /* The footers link to "<channel> Channel Summary": make those exist. */
          note->folder = G_N_ELEMENTS (folders); /* Channels/ */
          note->channel = i;
          note->title = g_strdup_printf ("%s Channel Summary", channels[i]);
        }
      else
        {
          note->folder = pick_folder (&rng);

          if (i > 2 * N_CHANNEL_NOTES && rng_below (&rng, 1000) < 5)
            {
              /* A basename shared with a note in another folder: exercises shortest-path
               * resolution and the ambiguity flag. Only pairs, so paths never clash. */
              NotePlan *other = &plan->notes[rng_range (&rng, N_CHANNEL_NOTES, i - 1)];

              if (!other->shared)
                {
                  note->title = g_strdup (other->title);
                  note->shared = other->shared = TRUE;
                  if (note->folder == other->folder)
                    note->folder = (note->folder + 1) % G_N_ELEMENTS (folders);
                }
            }

          if (note->title == NULL)
            {
              for (guint attempt = 0; note->title == NULL; attempt++)
                {
                  g_autofree char *title = make_title (&rng, folders[note->folder].people);

                  if (attempt >= 8)
                    {
                      char *numbered = g_strdup_printf ("%s %u", title, i);

                      g_free (title);
                      title = numbered;
                    }

                  if (!g_hash_table_contains (taken, title))
                    note->title = g_steal_pointer (&title);
                }
            }
        }

      g_hash_table_add (taken, g_strdup (note->title));

      note->n_aliases = rng_range (&rng, 1, MAX_ALIASES);
      for (guint a = 0; a < note->n_aliases; a++)
        note->aliases[a] = make_alias (&rng);

      note->n_headings = rng_range (&rng, 3, MAX_HEADINGS);
      for (guint h = 0; h < note->n_headings; h++)
        {
          note->headings[h][0] = rng_below (&rng, G_N_ELEMENTS (heading_words_a));
          note->headings[h][1] = rng_below (&rng, G_N_ELEMENTS (heading_words_b));
        }
    }
}

static void
plan_clear (Plan *plan)
{
  for (guint i = 0; i < plan->n_notes; i++)
    {
      g_free (plan->notes[i].title);
      for (guint a = 0; a < plan->notes[i].n_aliases; a++)
        g_free (plan->notes[i].aliases[a]);
    }
  g_free (plan->notes);
}

static const char *
note_folder (const NotePlan *note)
{
  return note->folder < G_N_ELEMENTS (folders) ? folders[note->folder].folder : "Channels";
}

static const char *
note_type (const NotePlan *note)
{
  return note->folder < G_N_ELEMENTS (folders) ? folders[note->folder].type : "channel";
}

/* Writing one note. */

typedef struct
{
  const Plan *plan;
  guint       self;
  Rng         rng;
  GString    *out;
  guint       links_left;      /* links still to place in the body */
  guint       sentences_left;  /* sentences still to write in the body */
  guint       n_links;
  guint       n_unresolved;    /* links written to resolve to nothing */
} Writer;

static const NotePlan *
pick_target (Writer *w)
{
  guint n = w->plan->n_notes;
  guint target;

  /* A few hubs get many backlinks, neighbours link to each other, the rest is uniform. */
  switch (rng_below (&w->rng, 10))
    {
    case 0:
    case 1:
      target = rng_below (&w->rng, MAX (1, n / 100));
      break;

    case 2:
    case 3:
    case 4:
      target = (w->self + n - 50 + rng_below (&w->rng, 101)) % n;
      break;

    default:
      target = rng_below (&w->rng, n);
      break;
    }

  if (target == w->self)
    target = (target + 1) % n;

  return &w->plan->notes[target];
}

static void
append_heading_text (GString        *out,
                     const NotePlan *note,
                     guint           h)
{
  g_string_append_printf (out, "%s %s", heading_words_a[note->headings[h][0]],
                          heading_words_b[note->headings[h][1]]);
}

/* One link, of a kind drawn with the body's mix: plain, |shown, #heading, alias, unresolved. */
static void
append_link (Writer   *w,
             gboolean  plain_only)
{
  const NotePlan *target = pick_target (w);
  guint kind = plain_only ? 0 : rng_below (&w->rng, 100);

  w->n_links++;

  if (kind < 65)
    g_string_append_printf (w->out, "[[%s]]", target->title);
  else if (kind < 77)
    g_string_append_printf (w->out, "[[%s|%s %s]]", target->title,
                            PICK (&w->rng, lower_adjectives), PICK (&w->rng, lower_nouns));
  else if (kind < 87)
    {
      g_string_append_printf (w->out, "[[%s#", target->title);
      append_heading_text (w->out, target, rng_below (&w->rng, target->n_headings));
      g_string_append (w->out, "]]");
    }
  else if (kind < 95)
    g_string_append_printf (w->out, "[[%s]]",
                            target->aliases[rng_below (&w->rng, target->n_aliases)]);
  else
    {
      /* Parentheses never appear in a title or an alias: this never resolves. */
      w->n_unresolved++;
      g_string_append_printf (w->out, "[[%s %s (draft)]]",
                              PICK (&w->rng, nouns), PICK (&w->rng, aspects));
    }
}

static void
append_capitalised (GString    *out,
                    const char *word)
{
  g_string_append_c (out, g_ascii_toupper (word[0]));
  g_string_append (out, word + 1);
}

/* A sentence of 10–22 words; carries its share of the body's remaining links. */
static void
append_sentence (Writer *w)
{
  guint links = 0;

  if (w->sentences_left > 0)
    {
      /* Spread the remaining links evenly over the remaining sentences. */
      guint share = w->links_left / w->sentences_left;
      guint rest = w->links_left % w->sentences_left;

      links = share + (rng_below (&w->rng, w->sentences_left) < rest ? 1 : 0);
      w->sentences_left--;
    }
  else
    links = w->links_left;
  w->links_left -= links;

  append_capitalised (w->out, PICK (&w->rng, determiners));
  g_string_append_printf (w->out, " %s %s", PICK (&w->rng, subjects), PICK (&w->rng, verbs));

  if (rng_chance (&w->rng, 15))
    g_string_append_printf (w->out, " **%s %s**", PICK (&w->rng, lower_adjectives),
                            PICK (&w->rng, lower_nouns));
  else
    g_string_append_printf (w->out, " the %s %s", PICK (&w->rng, lower_adjectives),
                            PICK (&w->rng, lower_nouns));

  g_string_append_printf (w->out, " %s %s %s", PICK (&w->rng, prepositions),
                          PICK (&w->rng, determiners), PICK (&w->rng, lower_nouns));

  if (rng_chance (&w->rng, 25))
    g_string_append_printf (w->out, ", which %s %s %s", PICK (&w->rng, verbs),
                            PICK (&w->rng, determiners), PICK (&w->rng, lower_nouns));

  if (rng_chance (&w->rng, 8))
    g_string_append_printf (w->out, " in #%s", channels[rng_below (&w->rng, N_CHANNEL_NOTES)]);
  else if (rng_chance (&w->rng, 5))
    g_string_append_printf (w->out, " (#%s/%s)", PICK (&w->rng, domains),
                            PICK (&w->rng, handle_parts));

  for (guint i = 0; i < links; i++)
    {
      g_string_append_printf (w->out, i == 0 ? " — %s " : " and ", PICK (&w->rng, link_lead_ins));
      append_link (w, FALSE);
    }

  g_string_append_c (w->out, '.');
}

static void
append_paragraph (Writer *w,
                  guint   n_sentences)
{
  for (guint i = 0; i < n_sentences; i++)
    {
      if (i > 0)
        g_string_append_c (w->out, ' ');
      append_sentence (w);
    }
  g_string_append (w->out, "\n\n");
}

static void
append_quote (Writer *w)
{
  const NotePlan *self = &w->plan->notes[w->self];
  guint n = rng_range (&w->rng, 1, 2);

  g_string_append (w->out, "> [!quote] Discord Source\n");
  g_string_append_printf (w->out, "> **Author:** %s%s%u — **Channel:** #%s\n> ",
                          PICK (&w->rng, handle_parts), PICK (&w->rng, handle_parts),
                          rng_below (&w->rng, 100), channels[self->channel]);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (w->out, ' ');
      append_sentence (w);
    }
  g_string_append (w->out, "\n\n");
}

static void
append_bullets (Writer *w,
                guint   n_bullets)
{
  for (guint i = 0; i < n_bullets; i++)
    {
      g_string_append (w->out, "- **");
      append_capitalised (w->out, PICK (&w->rng, lower_adjectives));
      g_string_append_printf (w->out, " %s** — ", PICK (&w->rng, lower_nouns));
      append_sentence (w);
      g_string_append_c (w->out, '\n');
    }
  g_string_append_c (w->out, '\n');
}

typedef enum
{
  SECTION_QUOTE,
  SECTION_BULLETS,
  SECTION_PARAGRAPH,
} SectionKind;

static void
write_note (const Plan *plan,
            guint       index,
            GString    *out,
            guint      *n_links,
            guint      *n_unresolved)
{
  const NotePlan *self = &plan->notes[index];
  Writer w = { plan, index, { 0 }, out, 0, 0, 0, 0 };
  SectionKind kinds[MAX_HEADINGS];
  guint intro[MAX_HEADINGS];
  guint sizes[MAX_HEADINGS];
  guint n_quotes, n_related, summary, total_links, created, modified;

  rng_init (&w.rng, plan->seed, 1 + (guint64) index);
  g_string_truncate (out, 0);

  /* Decide the layout first, so the links can be spread over its sentences. */
  total_links = rng_range (&w.rng, 20, 40);
  n_related = rng_range (&w.rng, 4, 7);
  n_quotes = rng_range (&w.rng, 2, MIN (4, self->n_headings));
  summary = rng_range (&w.rng, 2, 3);
  w.sentences_left = summary;
  for (guint h = 0; h < self->n_headings; h++)
    {
      kinds[h] = h < n_quotes ? SECTION_QUOTE :
                 rng_chance (&w.rng, 50) ? SECTION_BULLETS : SECTION_PARAGRAPH;
      intro[h] = rng_range (&w.rng, 1, 3);
      switch (kinds[h])
        {
        case SECTION_QUOTE:
          sizes[h] = rng_range (&w.rng, 1, 3); /* a paragraph after the quote */
          w.sentences_left += 2;               /* at most, in the quote */
          break;

        case SECTION_BULLETS:
          sizes[h] = rng_range (&w.rng, 3, 5);
          break;

        case SECTION_PARAGRAPH:
        default:
          sizes[h] = rng_range (&w.rng, 2, 4);
          break;
        }
      w.sentences_left += intro[h] + sizes[h];
    }
  w.links_left = total_links - n_related - 1;

  /* Frontmatter. */
  created = rng_below (&w.rng, 330);
  modified = created + rng_below (&w.rng, 30);
  g_string_append_printf (out, "---\ntype: %s\nconfidence: %s\naliases:\n", note_type (self),
                          PICK (&w.rng, confidences));
  for (guint a = 0; a < self->n_aliases; a++)
    g_string_append_printf (out, "  - %s\n", self->aliases[a]);
  g_string_append_printf (out,
                          "tags:\n  - domain/%s\n  - type/%s\n  - channel/%s\n"
                          "created: 2025-%02u-%02u\nmodified: 2025-%02u-%02u\n---\n\n",
                          domains[self->domain], note_type (self), channels[self->channel],
                          1 + created / 28 % 12, 1 + created % 28,
                          1 + modified / 28 % 12, 1 + modified % 28);

  g_string_append_printf (out, "# %s\n\n## Summary\n> [!abstract]\n"
                          "> The #%s community keeps returning to %s.",
                          self->title, channels[self->channel], PICK (&w.rng, lower_nouns));
  for (guint i = 0; i < summary; i++)
    {
      g_string_append_c (out, ' ');
      append_sentence (&w);
    }
  g_string_append (out, "\n\n## Detail\n\n");

  for (guint h = 0; h < self->n_headings; h++)
    {
      g_string_append (out, "### ");
      append_heading_text (out, self, h);
      g_string_append (out, "\n\n");
      append_paragraph (&w, intro[h]);

      switch (kinds[h])
        {
        case SECTION_QUOTE:
          append_quote (&w);
          append_paragraph (&w, sizes[h]);
          break;

        case SECTION_BULLETS:
          append_bullets (&w, sizes[h]);
          break;

        case SECTION_PARAGRAPH:
        default:
          append_paragraph (&w, sizes[h]);
          break;
        }
    }

  /* Any links a short quote left over go into the related list. */
  g_string_append (out, "## Related Pages\n\n");
  n_related += w.links_left;
  w.links_left = 0;
  for (guint i = 0; i < n_related; i++)
    {
      g_string_append (out, "- ");
      append_link (&w, rng_chance (&w.rng, 85));
      g_string_append_printf (out, " — %s\n", PICK (&w.rng, related_phrases));
    }

  w.n_links++;
  g_string_append_printf (out,
                          "\n---\n\n*Source: [[%s Channel Summary]] — %u messages categorized "
                          "under %s, %u from verified experts*\n",
                          channels[self->channel], rng_range (&w.rng, 20, 900),
                          nouns[rng_below (&w.rng, G_N_ELEMENTS (nouns))],
                          rng_range (&w.rng, 5, 300));

  *n_links = w.n_links;
  *n_unresolved = w.n_unresolved;
}

static gboolean
write_file (const char  *path,
            const char  *data,
            gsize        length,
            GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  gsize done = 0;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot create %s: %s", path, g_strerror (saved));
      return FALSE;
    }

  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "Cannot write %s: %s", path, g_strerror (saved));
          close (fd);
          return FALSE;
        }
      done += n;
    }

  return g_close (fd, error);
}

static gboolean
dir_is_empty_or_missing (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);

  if (handle == NULL)
    return !g_file_test (dir, G_FILE_TEST_EXISTS);

  return g_dir_read_name (handle) == NULL;
}

static void
usage (void)
{
  g_printerr ("Usage: sheaf-bench-generate N DIR [--seed S]\n"
              "       sheaf-bench-generate --version\n"
              "Writes N synthetic seed-shaped notes into DIR (must be missing or empty).\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_sized_new (16384);
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *stamp_dir = NULL;
  g_autofree char *stamp_path = NULL;
  g_autofree char *stamp = NULL;
  const char *dir = NULL;
  guint64 n_notes = 0;
  guint64 seed = 1;
  guint64 total_bytes = 0;
  guint64 total_links = 0;
  guint64 total_unresolved = 0;
  gint64 start;
  Plan plan;
  int positional = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        {
          if (!g_ascii_string_to_unsigned (argv[++i], 10, 0, G_MAXUINT64, &seed, &error))
            {
              g_printerr ("--seed: %s\n", error->message);
              return 2;
            }
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          /* run-benchmarks.sh compares this with a vault's stamp before reusing it. */
          g_print ("sheaf-bench-generate version=%d\n", GENERATOR_VERSION);
          return 0;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          usage ();
          return 0;
        }
      else if (positional == 0)
        {
          if (!g_ascii_string_to_unsigned (argv[i], 10, 1, 10000000, &n_notes, &error))
            {
              g_printerr ("N: %s\n", error->message);
              return 2;
            }
          positional++;
        }
      else if (positional == 1)
        {
          dir = argv[i];
          positional++;
        }
      else
        {
          usage ();
          return 2;
        }
    }

  if (dir == NULL)
    {
      usage ();
      return 2;
    }

  if (!dir_is_empty_or_missing (dir))
    {
      g_printerr ("%s exists and is not empty; refusing to write into it\n", dir);
      return 2;
    }

  start = g_get_monotonic_time ();
  plan_init (&plan, n_notes, seed);

  for (guint f = 0; f <= G_N_ELEMENTS (folders); f++)
    {
      const char *folder = f < G_N_ELEMENTS (folders) ? folders[f].folder : "Channels";
      g_autofree char *full = g_build_filename (dir, folder, NULL);

      if (g_mkdir_with_parents (full, 0755) != 0)
        {
          g_printerr ("Cannot create %s: %s\n", full, g_strerror (errno));
          return 1;
        }
    }

  for (guint i = 0; i < plan.n_notes; i++)
    {
      const NotePlan *note = &plan.notes[i];
      guint n_links, n_unresolved;

      write_note (&plan, i, out, &n_links, &n_unresolved);
      total_links += n_links;
      total_unresolved += n_unresolved;
      total_bytes += out->len;

      g_string_printf (path, "%s/%s/%s.md", dir, note_folder (note), note->title);
      if (!write_file (path->str, out->str, out->len, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  stamp_dir = g_build_filename (dir, ".obsidian", NULL);
  stamp_path = g_build_filename (stamp_dir, "sheaf-bench-generate.txt", NULL);
  stamp = g_strdup_printf ("sheaf-bench-generate version=%d notes=%" G_GUINT64_FORMAT
                           " seed=%" G_GUINT64_FORMAT " bytes=%" G_GUINT64_FORMAT
                           " links=%" G_GUINT64_FORMAT " unresolved=%" G_GUINT64_FORMAT "\n",
                           GENERATOR_VERSION, n_notes, seed, total_bytes, total_links,
                           total_unresolved);
  if (g_mkdir_with_parents (stamp_dir, 0755) != 0 ||
      !g_file_set_contents (stamp_path, stamp, -1, &error))
    {
      g_printerr ("Cannot write the stamp %s: %s\n", stamp_path,
                  error ? error->message : g_strerror (errno));
      return 1;
    }

  g_print ("wrote %" G_GUINT64_FORMAT " notes, %" G_GUINT64_FORMAT " bytes "
           "(%.1f MB, %.0f B/note), %" G_GUINT64_FORMAT " links (%" G_GUINT64_FORMAT
           " meant to stay unresolved), into %s in %.2f s\n",
           n_notes, total_bytes, total_bytes / 1e6, (double) total_bytes / n_notes,
           total_links, total_unresolved, dir, (g_get_monotonic_time () - start) / 1e6);

  plan_clear (&plan);

  return 0;
}
