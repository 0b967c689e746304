/* sheaf-test-util.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sheaf-types.h"

G_BEGIN_DECLS

/* Spins the main loop until @cond holds; fails the test after 15 s. */
#define SHEAF_TEST_WAIT_FOR(cond)                                                  \
  G_STMT_START {                                                                  \
    gboolean timed_out_ = FALSE;                                                  \
    guint guard_ = g_timeout_add_seconds (15, sheaf_test_set_flag_cb, &timed_out_); \
    while (!(cond) && !timed_out_)                                                \
      g_main_context_iteration (NULL, TRUE);                                      \
    if (!timed_out_)                                                              \
      g_source_remove (guard_);                                                   \
    if (!(cond))                                                                  \
      g_error ("Timed out waiting for %s", #cond);                                \
  } G_STMT_END

/* A g_test_add() fixture: a copy of the fixture vault the test data names,
 * loaded; the tear-down checks the vault is freed and removes the copy. */
typedef struct
{
  char       *root;
  SheafVault *vault;
} SheafTestVault;

void     sheaf_test_vault_set_up      (SheafTestVault *fixture,
                                       gconstpointer   name);
void     sheaf_test_vault_tear_down   (SheafTestVault *fixture,
                                       gconstpointer   data);
void     sheaf_test_store_result_cb   (GObject        *object,
                                       GAsyncResult   *result,
                                       gpointer        out);

char    *sheaf_test_copy_fixture      (const char  *name);
char    *sheaf_test_copy_sample_vault (void);
GObject *sheaf_test_load_vault        (const char  *root);
gboolean sheaf_test_set_flag_cb       (gpointer     user_data);
void     sheaf_test_spin_for          (guint        ms);
void    sheaf_test_remove_tree    (const char  *path);
void    sheaf_test_write          (const char  *root,
                                   const char  *path,
                                   const char  *contents);
GBytes *sheaf_test_read           (const char  *root,
                                   const char  *path);
char    *sheaf_test_read_text     (const char  *root,
                                   const char  *path);
gboolean sheaf_test_exists        (const char  *root,
                                   const char  *path);
char    *sheaf_test_replace_all   (const char  *text,
                                   ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
