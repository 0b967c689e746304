/* sheaf-application.h
 * Copyright 2026 The Sheaf Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHEAF_TYPE_APPLICATION (sheaf_application_get_type ())

G_DECLARE_FINAL_TYPE (SheafApplication, sheaf_application, SHEAF, APPLICATION, AdwApplication)

SheafApplication *sheaf_application_new          (void);
GSettings        *sheaf_application_get_settings (SheafApplication *self);

G_END_DECLS
