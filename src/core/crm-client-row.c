/* crm-client-row.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-client-row"

#include "config.h"

#include "crm-client-row.h"

struct _CrmClientRow
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *status;
  char    *industry;
  char    *region;
  char    *city;
  char    *manager;
  gint64   last_contact;
  char    *phone;
  char    *tags;
};

G_DEFINE_FINAL_TYPE (CrmClientRow, crm_client_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_INDUSTRY,
  PROP_REGION,
  PROP_CITY,
  PROP_MANAGER,
  PROP_LAST_CONTACT,
  PROP_PHONE,
  PROP_TAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_client_row_finalize (GObject *object)
{
  CrmClientRow *self = (CrmClientRow *)object;

  g_free (self->name);
  g_free (self->status);
  g_free (self->industry);
  g_free (self->region);
  g_free (self->city);
  g_free (self->manager);
  g_free (self->phone);
  g_free (self->tags);

  G_OBJECT_CLASS (crm_client_row_parent_class)->finalize (object);
}

static void
crm_client_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmClientRow *self = CRM_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_INDUSTRY:
      g_value_set_string (value, self->industry);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;
    case PROP_MANAGER:
      g_value_set_string (value, self->manager);
      break;
    case PROP_LAST_CONTACT:
      g_value_set_int64 (value, self->last_contact);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_TAGS:
      g_value_set_string (value, self->tags);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_client_row_class_init (CrmClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_client_row_finalize;
  object_class->get_property = crm_client_row_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_INDUSTRY] = g_param_spec_string ("industry", NULL, NULL, NULL, flags);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, flags);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, NULL, flags);
  properties[PROP_MANAGER] = g_param_spec_string ("manager", NULL, NULL, NULL, flags);
  properties[PROP_LAST_CONTACT] =
    g_param_spec_int64 ("last-contact", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_TAGS] = g_param_spec_string ("tags", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_client_row_init (CrmClientRow *self)
{
}

CrmClientRow *
crm_client_row_new (gint64      id,
                    const char *name,
                    const char *status,
                    const char *industry,
                    const char *region,
                    const char *city,
                    const char *manager,
                    gint64      last_contact,
                    const char *phone,
                    const char *tags)
{
  CrmClientRow *self = g_object_new (CRM_TYPE_CLIENT_ROW, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->status = g_strdup (status);
  self->industry = g_strdup (industry);
  self->region = g_strdup (region);
  self->city = g_strdup (city);
  self->manager = g_strdup (manager);
  self->last_contact = last_contact;
  self->phone = g_strdup (phone);
  self->tags = g_strdup (tags);

  return self;
}

gint64
crm_client_row_get_id (CrmClientRow *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_ROW (self), 0);
  return self->id;
}

const char *
crm_client_row_get_name (CrmClientRow *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_ROW (self), NULL);
  return self->name;
}

const char *
crm_client_row_get_status (CrmClientRow *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_ROW (self), NULL);
  return self->status;
}

const char *
crm_client_row_get_industry (CrmClientRow *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_ROW (self), NULL);
  return self->industry;
}

const char *
crm_client_row_get_region (CrmClientRow *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_ROW (self), NULL);
  return self->region;
}

const char *
crm_client_row_get_city (CrmClientRow *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_ROW (self), NULL);
  return self->city;
}

const char *
crm_client_row_get_manager (CrmClientRow *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_ROW (self), NULL);
  return self->manager;
}

gint64
crm_client_row_get_last_contact (CrmClientRow *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_ROW (self), 0);
  return self->last_contact;
}

const char *
crm_client_row_get_phone (CrmClientRow *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_ROW (self), NULL);
  return self->phone;
}

const char *
crm_client_row_get_tags (CrmClientRow *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_ROW (self), NULL);
  return self->tags;
}
