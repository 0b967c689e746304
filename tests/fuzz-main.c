/* fuzz-main.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stand-in for libFuzzer's driver, shared by every fuzz target, so `meson test`
 * exercises them without a fuzzing toolchain: feed every file under the given
 * directories (or the given files) to LLVMFuzzerTestOneInput(), then a fixed number
 * of deterministic mutations of them. Same seed, same inputs, every run.
 *
 * Environment: SHEAF_FUZZ_ITERATIONS (default 20000) mutations;
 * SHEAF_FUZZ_SECONDS (default 15) stops the mutations early on a slow machine;
 * SHEAF_FUZZ_SEED changes the seed. When an input aborts, it is written to
 * fuzz-crash.bin in the current directory first.
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define DEFAULT_ITERATIONS 20000
#define DEFAULT_SECONDS    15
#define DEFAULT_SEED       0x5eaf
#define MAX_MUTANT_SIZE    (128 * 1024)
#define MAX_SEED_SIZE      (64 * 1024)

typedef struct
{
  const char *s;
  gsize       len;
} Token;

#define TOKEN(s) { s, sizeof s - 1 }

/* Bytes that mean something to our parsers: fences, YAML and Markdown syntax, our
 * extensions, line endings, and bytes that are not UTF-8.
 */
static const Token tokens[] = {
  TOKEN ("---\n"), TOKEN ("---\r\n"), TOKEN ("...\n"), TOKEN ("---"), TOKEN ("\r\n"), TOKEN ("\n"),
  TOKEN ("\r"), TOKEN ("\t"), TOKEN (" "), TOKEN ("\xef\xbb\xbf"), TOKEN ("\xff"), TOKEN ("\xc3"),
  TOKEN ("\xe2\x80\xa8"), TOKEN ("\0"), TOKEN ("tags:"), TOKEN ("aliases:"), TOKEN ("title: "),
  TOKEN ("\n  - "), TOKEN ("- "), TOKEN (": "), TOKEN ("? "), TOKEN ("[") , TOKEN ("]"),
  TOKEN ("{"), TOKEN ("}"), TOKEN (", "), TOKEN ("'"), TOKEN ("\""), TOKEN ("\\"), TOKEN ("|\n"),
  TOKEN (">-\n"), TOKEN ("&a "), TOKEN ("*a"), TOKEN ("!!str "), TOKEN ("~"), TOKEN ("# "),
  TOKEN ("#tag"), TOKEN ("[["), TOKEN ("]]"), TOKEN ("![["), TOKEN ("|"), TOKEN ("#^"),
  TOKEN ("> [!"), TOKEN ("> [!note]- Title\n> "), TOKEN ("> > "), TOKEN ("```\n"), TOKEN ("`"),
  TOKEN ("%%"), TOKEN ("=="), TOKEN ("$"), TOKEN ("^block"), TOKEN ("- [ ] "), TOKEN ("[^1]"),
  TOKEN ("](x.md)"), TOKEN ("<div>"), TOKEN ("2026-02-19"), TOKEN ("0x"), TOKEN (".inf"),
};

static const guint8 *current_data;
static gsize current_size;

static void
crash_handler (int sig)
{
  /* Only async-signal-safe calls here. */
  static const char msg[] = "fuzz-main: input that crashed written to fuzz-crash.bin\n";
  int fd = open ("fuzz-crash.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);

  if (fd >= 0)
    {
      if (current_size > 0 && write (fd, current_data, current_size) < 0)
        {
          /* nothing more we can do */
        }
      close (fd);
      if (write (STDERR_FILENO, msg, sizeof msg - 1) < 0)
        {
          /* ditto */
        }
    }

  signal (sig, SIG_DFL);
  raise (sig);
}

static void
run_one (const guint8 *data,
         gsize         size)
{
  /* An exact-size copy, so sanitizers see reads past the end. */
  guint8 *copy = g_malloc (MAX (size, 1));

  if (size > 0)
    memcpy (copy, data, size);
  current_data = copy;
  current_size = size;
  LLVMFuzzerTestOneInput (copy, size);
  current_data = NULL;
  current_size = 0;
  g_free (copy);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        collect (child, files);
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 parsed;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &parsed, NULL))
    return fallback;

  return parsed;
}

static void
insert (GByteArray   *buf,
        gsize         pos,
        const guint8 *data,
        gsize         len)
{
  if (len == 0 || buf->len + len > MAX_MUTANT_SIZE)
    return;
  g_byte_array_set_size (buf, buf->len + len);
  memmove (buf->data + pos + len, buf->data + pos, buf->len - len - pos);
  memcpy (buf->data + pos, data, len);
}

static void
mutate (GRand      *rand,
        GByteArray *buf,
        GPtrArray  *seeds)
{
  guint n = g_rand_int_range (rand, 1, 5);

  for (guint i = 0; i < n; i++)
    {
      gsize pos = buf->len > 0 ? (gsize)g_rand_int_range (rand, 0, buf->len + 1) : 0;
      const Token *token = &tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
      /* Drawn here, not inside MIN(), which would draw twice. */
      gsize small = g_rand_int_range (rand, 1, 17);
      gsize chunk_len = g_rand_int_range (rand, 1, 65);

      switch (g_rand_int_range (rand, 0, 9))
        {
        case 0: /* flip a bit */
          if (buf->len > 0)
            buf->data[pos % buf->len] ^= 1u << g_rand_int_range (rand, 0, 8);
          break;

        case 1: /* any byte */
          if (buf->len > 0)
            buf->data[pos % buf->len] = g_rand_int_range (rand, 0, 256);
          break;

        case 2: /* a token anywhere */
          insert (buf, pos, (const guint8 *)token->s, token->len);
          break;

        case 3: /* a token at a line start */
          {
            const guint8 *nl = pos < buf->len ? memchr (buf->data + pos, '\n', buf->len - pos) : NULL;

            insert (buf, nl != NULL ? (gsize)(nl - buf->data) + 1 : buf->len,
                    (const guint8 *)token->s, token->len);
            break;
          }

        case 4: /* delete a range */
          if (pos < buf->len)
            g_byte_array_remove_range (buf, pos, MIN (buf->len - pos, small));
          break;

        case 5: /* truncate */
          g_byte_array_set_size (buf, MIN (pos, buf->len));
          break;

        case 6: /* duplicate a chunk */
          if (buf->len > 0)
            {
              gsize from = g_rand_int_range (rand, 0, buf->len);
              gsize len = MIN (buf->len - from, chunk_len);
              g_autofree guint8 *chunk = g_memdup2 (buf->data + from, len);

              insert (buf, pos, chunk, len);
            }
          break;

        case 7: /* overwrite with a token */
          if (pos + token->len <= buf->len)
            memcpy (buf->data + pos, token->s, token->len);
          break;

        case 8: /* cross over with another seed */
        default:
          {
            GBytes *other = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len));
            gsize other_len;
            const guint8 *other_data = g_bytes_get_data (other, &other_len);
            gsize from = other_len > 0 ? (gsize)g_rand_int_range (rand, 0, other_len + 1) : 0;

            g_byte_array_set_size (buf, MIN (pos, buf->len));
            insert (buf, buf->len, other_data + from, MIN (other_len - from, MAX_MUTANT_SIZE / 2));
            break;
          }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *program = g_path_get_basename (argv[0]);
  GRand *rand;
  guint iterations = env_uint ("SHEAF_FUZZ_ITERATIONS", DEFAULT_ITERATIONS);
  guint seconds = env_uint ("SHEAF_FUZZ_SECONDS", DEFAULT_SECONDS);
  guint seed = env_uint ("SHEAF_FUZZ_SEED", DEFAULT_SEED);
  guint done = 0;
  const char *builtin[] = { "", "---\n", "---\ntitle: x\ntags: [a, b]\n---\n# Body\n",
                            "---\r\naliases:\r\n  - A\r\n---\r\n> [!note] T\r\n> [[Link]]\r\n" };

  /* g_error() and g_assert() end in SIGABRT or SIGTRAP. */
  signal (SIGABRT, crash_handler);
  signal (SIGTRAP, crash_handler);
#ifndef __SANITIZE_ADDRESS__
  /* AddressSanitizer reports segfaults itself, better than we could. */
  signal (SIGSEGV, crash_handler);
  signal (SIGBUS, crash_handler);
#endif

  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  g_ptr_array_sort (files, compare_paths);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (g_ptr_array_index (files, i), &contents, &length, NULL))
        continue;
      run_one ((const guint8 *)contents, length);
      if (length <= MAX_SEED_SIZE)
        g_ptr_array_add (seeds, g_bytes_new (contents, length));
    }
  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    {
      run_one ((const guint8 *)builtin[i], strlen (builtin[i]));
      g_ptr_array_add (seeds, g_bytes_new (builtin[i], strlen (builtin[i])));
    }

  rand = g_rand_new_with_seed (seed);
  for (done = 0; done < iterations; done++)
    {
      GBytes *from = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len));
      gsize len;
      const guint8 *data = g_bytes_get_data (from, &len);

      if (done % 64 == 0 && g_timer_elapsed (timer, NULL) > seconds)
        break;

      g_byte_array_set_size (buf, 0);
      g_byte_array_append (buf, data, len);
      mutate (rand, buf, seeds);
      run_one (buf->data, buf->len);
    }
  g_rand_free (rand);

  g_print ("%s: %u corpus files, %u of %u mutations (seed %#x) in %.1f s, no crashes\n",
           program, files->len, done, iterations, seed,
           g_timer_elapsed (timer, NULL));

  return EXIT_SUCCESS;
}
