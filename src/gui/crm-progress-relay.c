/* crm-progress-relay.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-progress-relay"

#include "config.h"

#include "crm-progress-relay.h"

/* Carries progress reported by a worker thread (a CrmProgressFunc) to the main
 * context the relay was created in, where "fraction" and "phase" change and
 * notify. Reports that arrive faster than the main loop runs are merged, so a
 * worker may report after every row without flooding the main loop. */
struct _CrmProgressRelay
{
  GObject       parent_instance;

  GMainContext *context;

  /* Read and written on the main context only */
  double        fraction;
  char         *phase;

  /* Guarded by mutex: the latest report not yet delivered */
  GMutex        mutex;
  double        pending_fraction;
  char         *pending_phase;
  gboolean      dispatch_queued;
};

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_PHASE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CrmProgressRelay, crm_progress_relay, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
crm_progress_relay_update (CrmProgressRelay *self,
                           double            fraction,
                           const char       *phase)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  if (phase != NULL && g_strcmp0 (self->phase, phase) != 0)
    {
      g_free (self->phase);
      self->phase = g_strdup (phase);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
crm_progress_relay_dispatch (gpointer user_data)
{
  CrmProgressRelay *self = user_data;
  g_autofree char *phase = NULL;
  double fraction;

  g_mutex_lock (&self->mutex);
  fraction = self->pending_fraction;
  phase = g_steal_pointer (&self->pending_phase);
  self->dispatch_queued = FALSE;
  g_mutex_unlock (&self->mutex);

  crm_progress_relay_update (self, fraction, phase);

  return G_SOURCE_REMOVE;
}

static void
crm_progress_relay_finalize (GObject *object)
{
  CrmProgressRelay *self = (CrmProgressRelay *)object;

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->phase, g_free);
  g_clear_pointer (&self->pending_phase, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (crm_progress_relay_parent_class)->finalize (object);
}

static void
crm_progress_relay_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrmProgressRelay *self = CRM_PROGRESS_RELAY (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_PHASE:
      g_value_set_string (value, self->phase);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_progress_relay_class_init (CrmProgressRelayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_progress_relay_finalize;
  object_class->get_property = crm_progress_relay_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PHASE] =
    g_param_spec_string ("phase", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_progress_relay_init (CrmProgressRelay *self)
{
  g_mutex_init (&self->mutex);
  self->context = g_main_context_ref_thread_default ();
}

CrmProgressRelay *
crm_progress_relay_new (void)
{
  return g_object_new (CRM_TYPE_PROGRESS_RELAY, NULL);
}

/**
 * crm_progress_relay_report:
 * @fraction: progress in [0, 1]
 * @phase: (nullable): what is being done, or %NULL to keep the last phase
 * @relay: a #CrmProgressRelay
 *
 * A #CrmProgressFunc: may be called from any thread while the caller holds a
 * reference to @relay.
 */
void
crm_progress_relay_report (double      fraction,
                           const char *phase,
                           gpointer    relay)
{
  CrmProgressRelay *self = relay;
  gboolean queue;

  g_return_if_fail (CRM_IS_PROGRESS_RELAY (self));

  g_mutex_lock (&self->mutex);
  self->pending_fraction = CLAMP (fraction, 0.0, 1.0);
  if (phase != NULL)
    {
      g_free (self->pending_phase);
      self->pending_phase = g_strdup (phase);
    }
  queue = !self->dispatch_queued;
  self->dispatch_queued = TRUE;
  g_mutex_unlock (&self->mutex);

  if (queue)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (source, "[crm-progress-relay]");
      g_source_set_callback (source, crm_progress_relay_dispatch,
                             g_object_ref (self), g_object_unref);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/**
 * crm_progress_relay_reset:
 *
 * Sets the fraction to 0 and forgets the phase, before new work starts.
 */
void
crm_progress_relay_reset (CrmProgressRelay *self)
{
  g_return_if_fail (CRM_IS_PROGRESS_RELAY (self));

  g_mutex_lock (&self->mutex);
  self->pending_fraction = 0.0;
  g_clear_pointer (&self->pending_phase, g_free);
  g_mutex_unlock (&self->mutex);

  self->fraction = 0.0;
  g_clear_pointer (&self->phase, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

double
crm_progress_relay_get_fraction (CrmProgressRelay *self)
{
  g_return_val_if_fail (CRM_IS_PROGRESS_RELAY (self), 0.0);

  return self->fraction;
}

const char *
crm_progress_relay_get_phase (CrmProgressRelay *self)
{
  g_return_val_if_fail (CRM_IS_PROGRESS_RELAY (self), NULL);

  return self->phase;
}
