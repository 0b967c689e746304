/* sheaf-complete-index.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-complete"

#include "config.h"

#include "sheaf-complete.h"

/* What completion matches against, per vault, shared by every editor: the
 * fuzzy index of note names (on 100 000 notes tens of megabytes and a
 * fraction of a second of a worker's time) and the tag tree (tens of
 * milliseconds to gather there). It hangs off the vault (qdata), so it lives
 * and dies with it. A change of notes rebuilds the index a moment later, the
 * old one answering until the new one is ready (DESIGN.md §2.3: the UI never
 * waits), and drops the tag tree until a popup next asks for it. Nothing is
 * built before completion first asks. */

#define REBUILD_DELAY_MS 700

typedef struct
{
  SheafVault      *vault;          /* borrowed: the cache is the vault's qdata */
  SheafFuzzyIndex *index;
  GCancellable    *cancellable;    /* of the build under way, or NULL */
  guint            generation;     /* of the build under way */
  GPtrArray       *waiting;        /* GTask, for the first index */
  guint            rebuild_source;
  GPtrArray       *tag_tree;       /* SheafTagNode, or NULL until asked for */
} IndexCache;

typedef struct
{
  SheafVault *vault;
  guint       generation;
} BuildData;

static GQuark
cache_quark (void)
{
  return g_quark_from_static_string ("sheaf-complete-index");
}

static void
build_data_free (BuildData *data)
{
  g_clear_object (&data->vault);
  g_free (data);
}

static void
finish_waiting (IndexCache   *cache,
                const GError *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&cache->waiting);

  cache->waiting = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, sheaf_fuzzy_index_ref (cache->index),
                               (GDestroyNotify)sheaf_fuzzy_index_unref);
    }
}

static void
cache_free (gpointer data)
{
  IndexCache *cache = data;
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 "The vault is gone");

  g_cancellable_cancel (cache->cancellable);
  g_clear_object (&cache->cancellable);
  g_clear_handle_id (&cache->rebuild_source, g_source_remove);
  finish_waiting (cache, error);
  g_clear_pointer (&cache->waiting, g_ptr_array_unref);
  g_clear_pointer (&cache->index, sheaf_fuzzy_index_unref);
  g_clear_pointer (&cache->tag_tree, g_ptr_array_unref);
  g_free (cache);
}

static void
index_built_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BuildData *data = user_data;
  IndexCache *cache = g_object_get_qdata (G_OBJECT (data->vault), cache_quark ());
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  index = sheaf_fuzzy_index_new_finish (result, &error);

  /* A newer build replaced this one. */
  if (cache == NULL || data->generation != cache->generation)
    {
      build_data_free (data);
      return;
    }

  g_clear_object (&cache->cancellable);

  if (index == NULL)
    {
      g_warning ("Could not index the notes for completion: %s", error->message);
      finish_waiting (cache, error);
    }
  else
    {
      g_clear_pointer (&cache->index, sheaf_fuzzy_index_unref);
      cache->index = g_steal_pointer (&index);
      finish_waiting (cache, NULL);
    }

  build_data_free (data);
}

static void
build (IndexCache *cache)
{
  BuildData *data = g_new0 (BuildData, 1);

  g_cancellable_cancel (cache->cancellable);
  g_clear_object (&cache->cancellable);

  cache->cancellable = g_cancellable_new ();
  cache->generation++;

  /* The vault's reference keeps the cache alive until the build returns. */
  data->vault = g_object_ref (cache->vault);
  data->generation = cache->generation;
  sheaf_fuzzy_index_new_async (cache->vault, cache->cancellable, index_built_cb, data);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  IndexCache *cache = user_data;

  cache->rebuild_source = 0;
  build (cache);

  return G_SOURCE_REMOVE;
}

/* Many notes change at once (a sync, a rename): index once, a moment later. */
static gboolean
has_index (IndexCache *cache)
{
  return cache->index != NULL || cache->cancellable != NULL;
}

static void
notes_changed_cb (SheafVault *vault,
                  const char *path,
                  IndexCache *cache)
{
  g_clear_pointer (&cache->tag_tree, g_ptr_array_unref);

  if (has_index (cache) && cache->rebuild_source == 0)
    cache->rebuild_source = g_timeout_add (REBUILD_DELAY_MS, rebuild_cb, cache);
}

static void
loaded_cb (SheafVault *vault,
           GParamSpec *pspec,
           IndexCache *cache)
{
  g_clear_pointer (&cache->tag_tree, g_ptr_array_unref);

  if (sheaf_vault_get_loaded (vault) && has_index (cache))
    build (cache);
}

static IndexCache *
ensure_cache (SheafVault *vault)
{
  IndexCache *cache = g_object_get_qdata (G_OBJECT (vault), cache_quark ());
  static const char * const changes[] = { "note-added", "note-changed", "note-removed" };

  if (cache != NULL)
    return cache;

  cache = g_new0 (IndexCache, 1);
  cache->vault = vault;
  cache->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_object_set_qdata_full (G_OBJECT (vault), cache_quark (), cache, cache_free);

  /* Handlers go with the vault's dispose, before the cache is freed. */
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    g_signal_connect (vault, changes[i], G_CALLBACK (notes_changed_cb), cache);
  g_signal_connect (vault, "notify::loaded", G_CALLBACK (loaded_cb), cache);

  return cache;
}

/**
 * sheaf_complete_get_index:
 * @vault: a vault
 *
 * The vault's shared index for completion, as it is now; the first call
 * starts building it.
 *
 * Returns: (transfer none) (nullable): the index, or %NULL until the first
 *   one is built
 */
SheafFuzzyIndex *
sheaf_complete_get_index (SheafVault *vault)
{
  IndexCache *cache;

  g_return_val_if_fail (SHEAF_IS_VAULT (vault), NULL);

  cache = ensure_cache (vault);
  if (!has_index (cache))
    build (cache);

  return cache->index;
}

/**
 * sheaf_complete_ref_tag_tree:
 * @vault: a vault
 *
 * The vault's tag tree, gathered once for every editor and again only
 * after notes change.
 *
 * Returns: (transfer full) (element-type SheafTagNode): the tree's roots
 */
GPtrArray *
sheaf_complete_ref_tag_tree (SheafVault *vault)
{
  IndexCache *cache;

  g_return_val_if_fail (SHEAF_IS_VAULT (vault), NULL);

  cache = ensure_cache (vault);
  if (cache->tag_tree == NULL)
    cache->tag_tree = sheaf_vault_dup_tag_tree (vault);

  return g_ptr_array_ref (cache->tag_tree);
}

/**
 * sheaf_complete_index_async:
 * @vault: a vault
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the index
 * @user_data: data for @callback
 *
 * Gets the vault's shared index, waiting for the first one to be built.
 */
void
sheaf_complete_index_async (SheafVault          *vault,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  IndexCache *cache;

  g_return_if_fail (SHEAF_IS_VAULT (vault));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_complete_index_async);

  cache = ensure_cache (vault);
  if (cache->index != NULL)
    {
      g_task_return_pointer (task, sheaf_fuzzy_index_ref (cache->index),
                             (GDestroyNotify)sheaf_fuzzy_index_unref);
      return;
    }

  if (!has_index (cache))
    build (cache);
  g_ptr_array_add (cache->waiting, g_steal_pointer (&task));
}

/**
 * sheaf_complete_index_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the index, or %NULL with @error set
 */
SheafFuzzyIndex *
sheaf_complete_index_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
