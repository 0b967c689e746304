/* sheaf-types.c
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sheaf-types.h"

/* These strings are part of the --dump-index contract (README): never rename them. */

const char *
sheaf_link_kind_to_string (SheafLinkKind kind)
{
  switch (kind)
    {
    case SHEAF_LINK_WIKILINK:
      return "wikilink";

    case SHEAF_LINK_EMBED:
      return "embed";

    case SHEAF_LINK_MARKDOWN:
      return "markdown";

    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sheaf_resolution_to_string (SheafResolution resolution)
{
  static const char * const names[] = {
    [SHEAF_RESOLUTION_UNRESOLVED] = "unresolved",
    [SHEAF_RESOLUTION_EXACT] = "exact",
    [SHEAF_RESOLUTION_FOLDER] = "folder",
    [SHEAF_RESOLUTION_SHORTEST] = "shortest",
    [SHEAF_RESOLUTION_RELATIVE] = "relative",
    [SHEAF_RESOLUTION_ALIAS] = "alias",
    [SHEAF_RESOLUTION_SELF] = "self",
    [SHEAF_RESOLUTION_OUTSIDE] = "outside",
  };

  g_return_val_if_fail (resolution < G_N_ELEMENTS (names), NULL);

  return names[resolution];
}

const char *
sheaf_fold_to_string (SheafCalloutFold fold)
{
  switch (fold)
    {
    case SHEAF_FOLD_NONE:
      return "none";

    case SHEAF_FOLD_OPEN:
      return "open";

    case SHEAF_FOLD_CLOSED:
      return "closed";

    default:
      g_return_val_if_reached (NULL);
    }
}
