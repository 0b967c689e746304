/* sheaf-completion-provider.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sheaf-completion"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sheaf-complete.h"
#include "sheaf-completion-proposal.h"
#include "sheaf-completion-provider.h"
#include "sheaf-document.h"

/* SheafCompletionProvider: completion in the source view. Notes after `[[`
 * and `![[`, a note's headings after `[[Note#` (`[[#`: this note's), its
 * block ids after `#^`, the vault's tags after a tag's `#`. Which of these
 * applies, what is offered and what a choice writes is sheaf-complete.h's
 * business; this only reads the cursor's line out of the buffer and writes
 * the choice back.
 *
 * GtkSourceCompletion asks every provider on each word typed; here that
 * costs one line of text and a scan of it. It asks is_trigger for the other
 * characters: `[[`, a space or `/` in a link's target, `#` in a link keep or
 * open the popup; a tag's lone `#` does not, so headings can be typed in
 * peace (the popup comes with the tag's first letter, or Ctrl+Space). */

#define MAX_NOTES 50
#define MAX_OTHER 100

struct _SheafCompletionProvider
{
  GObject     parent_instance;

  /* Owned */
  SheafVault *vault;
};

/* What one popup works from, kept on its list model so that refiltering
 * (each letter typed) only re-ranks. */
typedef struct
{
  SheafCompleteKind  kind;
  char              *target;       /* HEADING, BLOCK */
  char              *source_path;
  SheafVault        *vault;
  SheafFuzzyMatcher *matcher;      /* LINK */
  SheafParseResult  *parse;        /* HEADING, BLOCK */
  GPtrArray         *tag_tree;     /* TAG */
} Results;

static void sheaf_completion_provider_iface_init (GtkSourceCompletionProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SheafCompletionProvider, sheaf_completion_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_SOURCE_TYPE_COMPLETION_PROVIDER,
                                                      sheaf_completion_provider_iface_init))

enum {
  PROP_0,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark
results_quark (void)
{
  return g_quark_from_static_string ("sheaf-completion-results");
}

static void
results_free (Results *results)
{
  g_free (results->target);
  g_free (results->source_path);
  g_clear_object (&results->vault);
  g_clear_pointer (&results->matcher, sheaf_fuzzy_matcher_free);
  g_clear_pointer (&results->parse, sheaf_parse_result_unref);
  g_clear_pointer (&results->tag_tree, g_ptr_array_unref);
  g_free (results);
}

/* The completion context at @iter, or FALSE when there is none: none in
 * fenced code, and no tags in the frontmatter, where '#' starts a YAML
 * comment; links there are fine (Obsidian's link properties). */
static gboolean
find_context_at (const GtkTextIter    *iter,
                 SheafCompleteContext *out,
                 GtkTextIter          *line_start)
{
  GtkTextBuffer *buffer = gtk_text_iter_get_buffer (iter);
  GtkTextIter line_end = *iter;
  GtkTextIter doc_start;
  g_autofree char *line = NULL;
  g_autofree char *above = NULL;
  SheafCompleteArea area;

  *line_start = *iter;
  gtk_text_iter_set_line_offset (line_start, 0);
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);

  line = gtk_text_iter_get_slice (line_start, &line_end);
  if (!sheaf_complete_find_context (line, strlen (line), gtk_text_iter_get_line_index (iter), out))
    return FALSE;

  gtk_text_buffer_get_start_iter (buffer, &doc_start);
  above = gtk_text_iter_get_slice (&doc_start, line_start);
  area = sheaf_complete_area_at (above, strlen (above));
  if (area == SHEAF_COMPLETE_AREA_CODE ||
      (area == SHEAF_COMPLETE_AREA_FRONTMATTER && out->kind == SHEAF_COMPLETE_TAG))
    {
      sheaf_complete_context_clear (out);
      return FALSE;
    }

  return TRUE;
}

static gboolean
find_context (GtkTextBuffer        *buffer,
              SheafCompleteContext *out,
              GtkTextIter          *line_start)
{
  GtkTextIter insert;

  gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));

  return find_context_at (&insert, out, line_start);
}

/* The parse of the note a `[[target#` names: this note's own, as the
 * buffer was last parsed, for an empty target. */
static SheafParseResult *
dup_target_parse (SheafVault    *vault,
                  GtkTextBuffer *buffer,
                  const char    *source_path,
                  const char    *target)
{
  SheafNote *note = NULL;

  if (target[0] == '\0' && SHEAF_IS_DOCUMENT (buffer))
    note = sheaf_document_get_note (SHEAF_DOCUMENT (buffer));
  if (note == NULL && target[0] == '\0' && vault != NULL && source_path != NULL)
    note = sheaf_vault_get_note (vault, source_path);
  if (note == NULL && target[0] != '\0' && vault != NULL)
    note = sheaf_complete_resolve_note (vault, source_path, target);

  if (note == NULL || sheaf_note_get_parse_result (note) == NULL)
    return NULL;

  return sheaf_parse_result_ref (sheaf_note_get_parse_result (note));
}

static Results *
results_new (SheafCompletionProvider    *self,
             GtkTextBuffer              *buffer,
             const SheafCompleteContext *context)
{
  Results *results = g_new0 (Results, 1);

  results->kind = context->kind;
  results->target = g_strdup (context->target);
  if (SHEAF_IS_DOCUMENT (buffer))
    results->source_path = g_strdup (sheaf_document_get_path (SHEAF_DOCUMENT (buffer)));
  g_set_object (&results->vault, self->vault);

  switch (context->kind)
    {
    case SHEAF_COMPLETE_HEADING:
    case SHEAF_COMPLETE_BLOCK:
      results->parse = dup_target_parse (self->vault, buffer, results->source_path,
                                         context->target);
      break;

    case SHEAF_COMPLETE_TAG:
      if (self->vault != NULL)
        results->tag_tree = sheaf_complete_ref_tag_tree (self->vault);
      break;

    case SHEAF_COMPLETE_LINK:
    case SHEAF_COMPLETE_NONE:
    default:
      break;
    }

  return results;
}

static GPtrArray *
results_query (Results    *results,
               const char *query)
{
  switch (results->kind)
    {
    case SHEAF_COMPLETE_LINK:
      if (results->matcher != NULL)
        return sheaf_complete_links (results->matcher, results->vault, results->source_path,
                                     query, MAX_NOTES);
      break;

    case SHEAF_COMPLETE_HEADING:
      return sheaf_complete_headings (results->parse, query, MAX_OTHER);

    case SHEAF_COMPLETE_BLOCK:
      return sheaf_complete_blocks (results->parse, query, MAX_OTHER);

    case SHEAF_COMPLETE_TAG:
      return sheaf_complete_tags (results->tag_tree, query, MAX_OTHER);

    case SHEAF_COMPLETE_NONE:
    default:
      break;
    }

  return g_ptr_array_new ();
}

/* Replaces what @store holds with the items for @query. */
static void
store_fill (GListStore *store,
            Results    *results,
            const char *query)
{
  g_autoptr(GPtrArray) items = results_query (results, query);
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_full (items->len, g_object_unref);

  /* The proposals take the items over. */
  g_ptr_array_set_free_func (items, NULL);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (proposals, sheaf_completion_proposal_new (g_ptr_array_index (items, i)));

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       proposals->pdata, proposals->len);
}

static GListStore *
store_new (Results *results)
{
  GListStore *store = g_list_store_new (SHEAF_TYPE_COMPLETION_PROPOSAL);

  if (results != NULL)
    g_object_set_qdata_full (G_OBJECT (store), results_quark (), results,
                             (GDestroyNotify)results_free);

  return store;
}

static void
index_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SheafFuzzyIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  GListStore *store = g_task_get_task_data (task);
  Results *results = g_object_get_qdata (G_OBJECT (store), results_quark ());

  index = sheaf_complete_index_finish (result, &error);
  if (index == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  results->matcher = sheaf_fuzzy_matcher_new (index);
  store_fill (store, results, g_object_get_data (G_OBJECT (task), "query"));
  g_task_return_pointer (task, g_object_ref (store), g_object_unref);
}

static void
sheaf_completion_provider_populate_async (GtkSourceCompletionProvider *provider,
                                          GtkSourceCompletionContext  *context,
                                          GCancellable                *cancellable,
                                          GAsyncReadyCallback          callback,
                                          gpointer                     user_data)
{
  SheafCompletionProvider *self = SHEAF_COMPLETION_PROVIDER (provider);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (gtk_source_completion_context_get_buffer (context));
  g_auto(SheafCompleteContext) where = { 0 };
  g_autoptr(GTask) task = NULL;
  g_autoptr(GListStore) store = NULL;
  SheafFuzzyIndex *index;
  Results *results;
  GtkTextIter line_start;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sheaf_completion_provider_populate_async);

  if (buffer == NULL || !find_context (buffer, &where, &line_start) ||
      (where.kind == SHEAF_COMPLETE_LINK && self->vault == NULL))
    {
      g_task_return_pointer (task, store_new (NULL), g_object_unref);
      return;
    }

  results = results_new (self, buffer, &where);
  store = store_new (results);

  /* Notes need the vault's fuzzy index; the first one is built in a worker. */
  if (where.kind == SHEAF_COMPLETE_LINK &&
      (index = sheaf_complete_get_index (self->vault)) == NULL)
    {
      g_task_set_task_data (task, g_object_ref (store), g_object_unref);
      g_object_set_data_full (G_OBJECT (task), "query", g_strdup (where.query), g_free);
      sheaf_complete_index_async (self->vault, cancellable, index_ready_cb,
                                  g_steal_pointer (&task));
      return;
    }

  if (where.kind == SHEAF_COMPLETE_LINK)
    results->matcher = sheaf_fuzzy_matcher_new (index);

  store_fill (store, results, where.query);
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static GListModel *
sheaf_completion_provider_populate_finish (GtkSourceCompletionProvider  *provider,
                                           GAsyncResult                 *result,
                                           GError                      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sheaf_completion_provider_refilter (GtkSourceCompletionProvider *provider,
                                    GtkSourceCompletionContext  *context,
                                    GListModel                  *model)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (gtk_source_completion_context_get_buffer (context));
  Results *results = g_object_get_qdata (G_OBJECT (model), results_quark ());
  g_auto(SheafCompleteContext) where = { 0 };
  GtkTextIter line_start;

  if (results == NULL || !G_IS_LIST_STORE (model))
    return;

  /* The cursor left what the popup was for ([[Note# became [[Note|): nothing. */
  if (!find_context (buffer, &where, &line_start) || where.kind != results->kind ||
      g_strcmp0 (where.target, results->target) != 0)
    {
      g_list_store_remove_all (G_LIST_STORE (model));
      return;
    }

  store_fill (G_LIST_STORE (model), results, where.query);
}

static void
sheaf_completion_provider_activate (GtkSourceCompletionProvider *provider,
                                    GtkSourceCompletionContext  *context,
                                    GtkSourceCompletionProposal *proposal)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (gtk_source_completion_context_get_buffer (context));
  const SheafCompleteItem *item =
    sheaf_completion_proposal_get_item (SHEAF_COMPLETION_PROPOSAL (proposal));
  g_auto(SheafCompleteContext) where = { 0 };
  g_autofree char *text = NULL;
  GtkTextIter line_start, begin, end;

  if (!find_context (buffer, &where, &line_start) || where.kind != item->kind)
    return;

  text = sheaf_complete_replacement (&where, item);
  begin = end = line_start;
  gtk_text_iter_set_line_index (&begin, where.start);
  gtk_text_iter_set_line_index (&end, where.end);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &begin, &end);
  gtk_text_buffer_insert (buffer, &begin, text, -1);
  gtk_text_buffer_place_cursor (buffer, &begin);
  gtk_text_buffer_end_user_action (buffer);
}

static gboolean
sheaf_completion_provider_is_trigger (GtkSourceCompletionProvider *provider,
                                      const GtkTextIter           *iter,
                                      gunichar                     ch)
{
  g_auto(SheafCompleteContext) where = { 0 };
  GtkTextIter line_start;

  /* "]" may close the link, "|" starts its display text. */
  if (ch == ']' || ch == '|' || !find_context_at (iter, &where, &line_start))
    return FALSE;

  return where.kind != SHEAF_COMPLETE_TAG || where.query[0] != '\0';
}

static int
sheaf_completion_provider_get_priority (GtkSourceCompletionProvider *provider,
                                        GtkSourceCompletionContext  *context)
{
  /* Above word completion, should a view have it too. */
  return 100;
}

static char *
sheaf_completion_provider_get_title (GtkSourceCompletionProvider *provider)
{
  return g_strdup (_("Notes"));
}

/* The label, with the characters the query matched in bold. */
static void
display_label (GtkSourceCompletionCell *cell,
               const SheafCompleteItem *item)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  for (guint i = 0; i < item->n_positions; i++)
    {
      const char *at = item->label + item->positions[i];
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      bold->start_index = item->positions[i];
      bold->end_index = g_utf8_next_char (at) - item->label;
      pango_attr_list_insert (attrs, bold);
    }

  gtk_source_completion_cell_set_text_with_attributes (cell, item->label, attrs);
}

static const char *
icon_name (const SheafCompleteItem *item)
{
  switch (item->kind)
    {
    case SHEAF_COMPLETE_LINK:
      return item->detail != NULL ? "insert-link-symbolic" : "text-x-generic-symbolic";

    case SHEAF_COMPLETE_HEADING:
      return "format-justify-left-symbolic";

    case SHEAF_COMPLETE_BLOCK:
      return "mark-location-symbolic";

    case SHEAF_COMPLETE_TAG:
    case SHEAF_COMPLETE_NONE:
    default:
      return NULL;
    }
}

/* What a row says beside its label: the folder of a note (the note itself
 * when it was found by an alias), a heading's level, a tag's count. */
static char *
dup_secondary (const SheafCompleteItem *item)
{
  switch (item->kind)
    {
    case SHEAF_COMPLETE_LINK:
      if (item->detail != NULL)
        return item->folder[0] != '\0' ? g_strconcat (item->folder, "/", item->detail, NULL)
                                        : g_strdup (item->detail);
      return g_strdup (item->folder);

    case SHEAF_COMPLETE_HEADING:
      /* Translators: a heading's level in the completion popup, as in "H2" */
      return g_strdup_printf (_("H%u"), item->level);

    case SHEAF_COMPLETE_TAG:
      return g_strdup_printf ("%u", item->count);

    case SHEAF_COMPLETE_BLOCK:
      /* Translators: where a block id is, in the completion popup */
      return g_strdup_printf (_("line %u"), item->level);

    case SHEAF_COMPLETE_NONE:
    default:
      return NULL;
    }
}

static void
display_secondary (GtkSourceCompletionCell *cell,
                   const SheafCompleteItem *item)
{
  g_autofree char *text = dup_secondary (item);
  GtkWidget *label;

  gtk_source_completion_cell_set_text (cell, text != NULL && text[0] != '\0' ? text : NULL);

  /* The cell keeps its label from row to row: style it once. */
  label = gtk_source_completion_cell_get_widget (cell);
  if (label != NULL && !gtk_widget_has_css_class (label, "dim-label"))
    {
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_start (label, 12);
    }
}

static void
sheaf_completion_provider_display (GtkSourceCompletionProvider *provider,
                                   GtkSourceCompletionContext  *context,
                                   GtkSourceCompletionProposal *proposal,
                                   GtkSourceCompletionCell     *cell)
{
  const SheafCompleteItem *item =
    sheaf_completion_proposal_get_item (SHEAF_COMPLETION_PROPOSAL (proposal));

  switch (gtk_source_completion_cell_get_column (cell))
    {
    case GTK_SOURCE_COMPLETION_COLUMN_ICON:
      gtk_source_completion_cell_set_icon_name (cell, icon_name (item));
      break;

    case GTK_SOURCE_COMPLETION_COLUMN_TYPED_TEXT:
      display_label (cell, item);
      break;

    case GTK_SOURCE_COMPLETION_COLUMN_AFTER:
      display_secondary (cell, item);
      break;

    case GTK_SOURCE_COMPLETION_COLUMN_BEFORE:
      /* Before the column lined up with the typed word, as in the text. */
      gtk_source_completion_cell_set_text (cell, item->kind == SHEAF_COMPLETE_TAG ? "#" : NULL);
      break;

    case GTK_SOURCE_COMPLETION_COLUMN_COMMENT:
    case GTK_SOURCE_COMPLETION_COLUMN_DETAILS:
    default:
      gtk_source_completion_cell_set_text (cell, NULL);
      break;
    }
}

static void
sheaf_completion_provider_iface_init (GtkSourceCompletionProviderInterface *iface)
{
  iface->get_title = sheaf_completion_provider_get_title;
  iface->get_priority = sheaf_completion_provider_get_priority;
  iface->is_trigger = sheaf_completion_provider_is_trigger;
  iface->populate_async = sheaf_completion_provider_populate_async;
  iface->populate_finish = sheaf_completion_provider_populate_finish;
  iface->refilter = sheaf_completion_provider_refilter;
  iface->display = sheaf_completion_provider_display;
  iface->activate = sheaf_completion_provider_activate;
}

static void
sheaf_completion_provider_dispose (GObject *object)
{
  SheafCompletionProvider *self = (SheafCompletionProvider *)object;

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sheaf_completion_provider_parent_class)->dispose (object);
}

static void
sheaf_completion_provider_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  SheafCompletionProvider *self = SHEAF_COMPLETION_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_completion_provider_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  SheafCompletionProvider *self = SHEAF_COMPLETION_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      sheaf_completion_provider_set_vault (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sheaf_completion_provider_class_init (SheafCompletionProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sheaf_completion_provider_dispose;
  object_class->get_property = sheaf_completion_provider_get_property;
  object_class->set_property = sheaf_completion_provider_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         SHEAF_TYPE_VAULT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sheaf_completion_provider_init (SheafCompletionProvider *self)
{
}

/**
 * sheaf_completion_provider_new:
 * @vault: (nullable): the vault whose notes and tags are offered
 *
 * Returns: (transfer full): a new provider
 */
SheafCompletionProvider *
sheaf_completion_provider_new (SheafVault *vault)
{
  g_return_val_if_fail (!vault || SHEAF_IS_VAULT (vault), NULL);

  return g_object_new (SHEAF_TYPE_COMPLETION_PROVIDER, "vault", vault, NULL);
}

SheafVault *
sheaf_completion_provider_get_vault (SheafCompletionProvider *self)
{
  g_return_val_if_fail (SHEAF_IS_COMPLETION_PROVIDER (self), NULL);

  return self->vault;
}

void
sheaf_completion_provider_set_vault (SheafCompletionProvider *self,
                                     SheafVault              *vault)
{
  g_return_if_fail (SHEAF_IS_COMPLETION_PROVIDER (self));
  g_return_if_fail (!vault || SHEAF_IS_VAULT (vault));

  /* The vault's index is built at the first [[, not here: opening a vault
   * or a tab has enough to do, and most tabs never complete a link. */
  if (g_set_object (&self->vault, vault))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

/**
 * sheaf_completion_provider_install:
 * @view: a source view
 * @vault: (nullable): the vault to complete from
 *
 * Gives @view a provider for @vault: the one it has, pointed at @vault, or
 * a new one. Lets a view's owner follow its vault with one call.
 *
 * Returns: (transfer none): the view's provider
 */
SheafCompletionProvider *
sheaf_completion_provider_install (GtkSourceView *view,
                                   SheafVault    *vault)
{
  SheafCompletionProvider *self;

  g_return_val_if_fail (GTK_SOURCE_IS_VIEW (view), NULL);
  g_return_val_if_fail (!vault || SHEAF_IS_VAULT (vault), NULL);

  self = g_object_get_data (G_OBJECT (view), "sheaf-completion-provider");
  if (self == NULL)
    {
      GtkSourceCompletion *completion = gtk_source_view_get_completion (view);

      /* Enter takes the best match at once, as in Obsidian. */
      g_object_set (completion, "select-on-show", TRUE, NULL);

      self = sheaf_completion_provider_new (vault);
      gtk_source_completion_add_provider (completion, GTK_SOURCE_COMPLETION_PROVIDER (self));
      g_object_set_data_full (G_OBJECT (view), "sheaf-completion-provider", self, g_object_unref);
    }

  sheaf_completion_provider_set_vault (self, vault);

  return self;
}
