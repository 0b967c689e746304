/* sheaf-history.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-history"

#include "config.h"

#include <string.h>

#include "sheaf-history.h"

/* A browser's rules: opening a note drops whatever was ahead of the current
 * entry and appends; going back and forward only move along the entries.
 * The position stored in an entry is the one the user left it at: the tab
 * calls sheaf_history_set_line() just before it navigates away. */

/* Enough for a long session; the oldest entries go first. */
#define MAX_ENTRIES 100

typedef struct
{
  char  *path;
  guint  line;
} Entry;

struct _SheafHistory
{
  GObject  parent_instance;

  /* Owned */
  GArray  *entries;     /* Entry */
  guint    position;    /* of the current entry; meaningless when empty */
};

G_DEFINE_FINAL_TYPE (SheafHistory, sheaf_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_FORWARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->path, g_free);
}

static Entry *
current_entry (SheafHistory *self)
{
  if (self->entries->len == 0)
    return NULL;

  return &g_array_index (self->entries, Entry, self->position);
}

/* Runs @change, then notifies what it changed. */
typedef void (*Change) (SheafHistory *self, gpointer data);

static void
change_and_notify (SheafHistory *self,
                   Change        change,
                   gpointer      data)
{
  gboolean could_go_back = sheaf_history_get_can_go_back (self);
  gboolean could_go_forward = sheaf_history_get_can_go_forward (self);

  change (self, data);

  if (could_go_back != sheaf_history_get_can_go_back (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  if (could_go_forward != sheaf_history_get_can_go_forward (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_FORWARD]);
}

static void
push_change (SheafHistory *self,
             gpointer      data)
{
  Entry entry = { g_strdup (data), 0 };

  if (self->entries->len > 0)
    g_array_set_size (self->entries, self->position + 1);
  g_array_append_val (self->entries, entry);

  if (self->entries->len > MAX_ENTRIES)
    g_array_remove_range (self->entries, 0, self->entries->len - MAX_ENTRIES);

  self->position = self->entries->len - 1;
}

static void
move_change (SheafHistory *self,
             gpointer      data)
{
  self->position = GPOINTER_TO_UINT (data);
}

static void
clear_change (SheafHistory *self,
              gpointer      data)
{
  g_array_set_size (self->entries, 0);
  self->position = 0;
}

static void
sheaf_history_finalize (GObject *object)
{
  SheafHistory *self = (SheafHistory *)object;

  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (sheaf_history_parent_class)->finalize (object);
}

static void
sheaf_history_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SheafHistory *self = SHEAF_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, sheaf_history_get_can_go_back (self));
      break;

    case PROP_CAN_GO_FORWARD:
      g_value_set_boolean (value, sheaf_history_get_can_go_forward (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_history_class_init (SheafHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sheaf_history_finalize;
  object_class->get_property = sheaf_history_get_property;

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_GO_FORWARD] =
    g_param_spec_boolean ("can-go-forward", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sheaf_history_init (SheafHistory *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
}

SheafHistory *
sheaf_history_new (void)
{
  return g_object_new (SHEAF_TYPE_HISTORY, NULL);
}

/**
 * sheaf_history_push:
 * @self: a #SheafHistory
 * @path: the vault-relative path of the note now shown
 *
 * Records that @path was opened: the entries ahead of the current one go,
 * and @path becomes the current entry, at its top.
 *
 * Returns: %FALSE when @path is the current entry already (nothing changes)
 */
gboolean
sheaf_history_push (SheafHistory *self,
                    const char   *path)
{
  Entry *current;

  g_return_val_if_fail (SHEAF_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  current = current_entry (self);
  if (current != NULL && g_str_equal (current->path, path))
    return FALSE;

  change_and_notify (self, push_change, (gpointer)path);

  return TRUE;
}

/**
 * sheaf_history_get_path:
 * @self: a #SheafHistory
 *
 * Returns: (nullable): the current entry's path
 */
const char *
sheaf_history_get_path (SheafHistory *self)
{
  Entry *current;

  g_return_val_if_fail (SHEAF_IS_HISTORY (self), NULL);

  current = current_entry (self);

  return current != NULL ? current->path : NULL;
}

/**
 * sheaf_history_get_line:
 * @self: a #SheafHistory
 *
 * Returns: the 1-based line the current entry was left at, or 0 for its top
 */
guint
sheaf_history_get_line (SheafHistory *self)
{
  Entry *current;

  g_return_val_if_fail (SHEAF_IS_HISTORY (self), 0);

  current = current_entry (self);

  return current != NULL ? current->line : 0;
}

/**
 * sheaf_history_set_line:
 * @self: a #SheafHistory
 * @line: the 1-based line at the top of the view, or 0
 *
 * Remembers where the current entry is being left.
 */
void
sheaf_history_set_line (SheafHistory *self,
                        guint         line)
{
  Entry *current;

  g_return_if_fail (SHEAF_IS_HISTORY (self));

  if ((current = current_entry (self)) != NULL)
    current->line = line;
}

gboolean
sheaf_history_get_can_go_back (SheafHistory *self)
{
  g_return_val_if_fail (SHEAF_IS_HISTORY (self), FALSE);

  return self->entries->len > 0 && self->position > 0;
}

gboolean
sheaf_history_get_can_go_forward (SheafHistory *self)
{
  g_return_val_if_fail (SHEAF_IS_HISTORY (self), FALSE);

  return self->entries->len > 0 && self->position + 1 < self->entries->len;
}

/**
 * sheaf_history_go_back:
 * @self: a #SheafHistory
 *
 * Makes the entry before the current one current; no entry is dropped.
 *
 * Returns: %FALSE when there is none
 */
gboolean
sheaf_history_go_back (SheafHistory *self)
{
  g_return_val_if_fail (SHEAF_IS_HISTORY (self), FALSE);

  if (!sheaf_history_get_can_go_back (self))
    return FALSE;

  change_and_notify (self, move_change, GUINT_TO_POINTER (self->position - 1));

  return TRUE;
}

/**
 * sheaf_history_go_forward:
 * @self: a #SheafHistory
 *
 * Returns: %FALSE when the current entry is the last one
 */
gboolean
sheaf_history_go_forward (SheafHistory *self)
{
  g_return_val_if_fail (SHEAF_IS_HISTORY (self), FALSE);

  if (!sheaf_history_get_can_go_forward (self))
    return FALSE;

  change_and_notify (self, move_change, GUINT_TO_POINTER (self->position + 1));

  return TRUE;
}

/**
 * sheaf_history_go_to:
 * @self: a #SheafHistory
 * @position: an entry's index, oldest first
 *
 * Makes that entry current (to undo a move whose note could not be shown).
 *
 * Returns: %FALSE when there is no such entry
 */
gboolean
sheaf_history_go_to (SheafHistory *self,
                     guint         position)
{
  g_return_val_if_fail (SHEAF_IS_HISTORY (self), FALSE);

  if (position >= self->entries->len)
    return FALSE;

  if (position != self->position)
    change_and_notify (self, move_change, GUINT_TO_POINTER (position));

  return TRUE;
}

guint
sheaf_history_get_n_entries (SheafHistory *self)
{
  g_return_val_if_fail (SHEAF_IS_HISTORY (self), 0);

  return self->entries->len;
}

/**
 * sheaf_history_get_position:
 * @self: a #SheafHistory
 *
 * Returns: the index of the current entry (0 when there is none)
 */
guint
sheaf_history_get_position (SheafHistory *self)
{
  g_return_val_if_fail (SHEAF_IS_HISTORY (self), 0);

  return self->position;
}

/**
 * sheaf_history_get_nth_path:
 * @self: a #SheafHistory
 * @position: an entry's index, oldest first
 *
 * Returns: (nullable): its path
 */
const char *
sheaf_history_get_nth_path (SheafHistory *self,
                            guint         position)
{
  g_return_val_if_fail (SHEAF_IS_HISTORY (self), NULL);

  if (position >= self->entries->len)
    return NULL;

  return g_array_index (self->entries, Entry, position).path;
}

/**
 * sheaf_history_get_nth_line:
 * @self: a #SheafHistory
 * @position: an entry's index, oldest first
 *
 * Returns: the line that entry was left at, or 0
 */
guint
sheaf_history_get_nth_line (SheafHistory *self,
                            guint         position)
{
  g_return_val_if_fail (SHEAF_IS_HISTORY (self), 0);

  if (position >= self->entries->len)
    return 0;

  return g_array_index (self->entries, Entry, position).line;
}

/* @path with @old_path (a note, or a folder) replaced by @new_path, or NULL. */
static char *
renamed_path (const char *path,
              const char *old_path,
              const char *new_path)
{
  gsize old_len = strlen (old_path);

  if (g_str_equal (path, old_path))
    return g_strdup (new_path);

  if (strncmp (path, old_path, old_len) == 0 && path[old_len] == '/')
    return g_strconcat (new_path, path + old_len, NULL);

  return NULL;
}

/**
 * sheaf_history_rename:
 * @self: a #SheafHistory
 * @old_path: a note's (or a folder's) former vault-relative path
 * @new_path: its path now
 *
 * Re-points the entries of a renamed or moved note, or of the notes of a
 * renamed folder, so that going back finds them.
 *
 * Returns: how many entries changed
 */
guint
sheaf_history_rename (SheafHistory *self,
                      const char   *old_path,
                      const char   *new_path)
{
  guint n_changed = 0;

  g_return_val_if_fail (SHEAF_IS_HISTORY (self), 0);
  g_return_val_if_fail (old_path != NULL && old_path[0] != '\0', 0);
  g_return_val_if_fail (new_path != NULL && new_path[0] != '\0', 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      char *path = renamed_path (entry->path, old_path, new_path);

      if (path != NULL)
        {
          g_free (entry->path);
          entry->path = path;
          n_changed++;
        }
    }

  return n_changed;
}

/**
 * sheaf_history_clear:
 * @self: a #SheafHistory
 *
 * Forgets every entry (another vault is shown).
 */
void
sheaf_history_clear (SheafHistory *self)
{
  g_return_if_fail (SHEAF_IS_HISTORY (self));

  change_and_notify (self, clear_change, NULL);
}
