/* crm-application.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-application.h"
#include "crm-profile.h"
#include "crm-preferences-window.h"
#include "crm-store.h"
#include "crm-window.h"

struct _CrmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *database_path;
};

G_DEFINE_FINAL_TYPE (CrmApplication, crm_application, ADW_TYPE_APPLICATION)

static AdwColorScheme
color_scheme_from_nick (const char *nick)
{
  if (g_strcmp0 (nick, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (nick, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;

  return ADW_COLOR_SCHEME_DEFAULT;
}

static void
on_settings_color_scheme_changed_cb (CrmApplication *self,
                                     const char     *key,
                                     GSettings      *settings)
{
  g_autofree char *nick = g_settings_get_string (settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      color_scheme_from_nick (nick));
}

static void
crm_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  CrmApplication *self = user_data;
  GList *windows;

  /* Close the windows rather than quitting outright so that each one saves
   * its size and cancels its running work. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
crm_application_preferences_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  CrmStore *store = NULL;
  GtkWindow *preferences;

  if (CRM_IS_WINDOW (window))
    store = crm_window_get_store (CRM_WINDOW (window));

  preferences = GTK_WINDOW (crm_preferences_window_new (window, store));
  gtk_window_present (preferences);
}

static void
crm_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  CrmApplication *self = user_data;
  static const char *developers[] = { "The Rapport developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "application-icon", APP_ID,
                        "application-name", _("Rapport"),
                        "developer-name", _("The Rapport developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/rapportcrm/rapport",
                        "issue-url", "https://github.com/rapportcrm/rapport/issues",
                        "copyright", _("© 2026 The Rapport developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your names, one name per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", crm_application_quit_action },
  { "preferences", crm_application_preferences_action },
  { "about", crm_application_about_action },
};

static int
crm_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  CrmApplication *self = CRM_APPLICATION (application);
  g_autofree char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "rapport", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      if (database[0] == '\0')
        {
          g_printerr ("%s\n", _("The database path is empty"));
          return 1;
        }

      g_free (self->database_path);
      self->database_path = g_canonicalize_filename (database, NULL);
    }

  return G_APPLICATION_CLASS (crm_application_parent_class)->handle_local_options (application,
                                                                                    options);
}

static void
crm_application_startup (GApplication *application)
{
  CrmApplication *self = CRM_APPLICATION (application);
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *preferences_accels[] = { "<Primary>comma", NULL };

  G_APPLICATION_CLASS (crm_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_settings_color_scheme_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_settings_color_scheme_changed_cb (self, "color-scheme", self->settings);
}

static void
crm_application_activate (GApplication *application)
{
  CrmApplication *self = CRM_APPLICATION (application);
  GtkWindow *window;

  crm_profile_mark ("activate");
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      if (self->database_path == NULL)
        self->database_path = crm_store_default_path ();
      window = GTK_WINDOW (crm_window_new (GTK_APPLICATION (self), self->database_path));
    }

  gtk_window_present (window);
}

static void
crm_application_finalize (GObject *object)
{
  CrmApplication *self = (CrmApplication *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (crm_application_parent_class)->finalize (object);
}

static void
crm_application_class_init (CrmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = crm_application_finalize;

  app_class->handle_local_options = crm_application_handle_local_options;
  app_class->startup = crm_application_startup;
  app_class->activate = crm_application_activate;
}

static void
crm_application_init (CrmApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database at PATH instead of the default one"), N_("PATH") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Rapport keeps your clients and the history of your work with them."));
}

CrmApplication *
crm_application_new (void)
{
  /* Each process owns one database: NON_UNIQUE lets two windows on two
   * different files run side by side instead of the second launch being
   * forwarded to the first process. */
  return g_object_new (CRM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

/**
 * crm_application_get_database_path:
 *
 * Returns: (nullable): the database given with --database, or the default
 *   database once the first window is open
 */
const char *
crm_application_get_database_path (CrmApplication *self)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);

  return self->database_path;
}
