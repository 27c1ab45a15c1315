/* crm-profile.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-profile"

#include "config.h"

#include <stdio.h>

#include "crm-profile.h"

/* With RAPPORT_PROFILE=1 in the environment, the application prints on
 * stderr when it reaches the milestones of its start, in milliseconds since
 * main(): how bench/ and docs/performance.md measure the cold start. */

static gint64 start_time;

void
crm_profile_start (void)
{
  start_time = g_get_monotonic_time ();
}

gboolean
crm_profile_enabled (void)
{
  return g_strcmp0 (g_getenv ("RAPPORT_PROFILE"), "1") == 0;
}

void
crm_profile_mark (const char *what)
{
  if (!crm_profile_enabled () || start_time == 0)
    return;

  fprintf (stderr, "rapport-profile: %s after %.1f ms\n", what,
           (g_get_monotonic_time () - start_time) / 1000.0);
}
