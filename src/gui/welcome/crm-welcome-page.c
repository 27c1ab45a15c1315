/* crm-welcome-page.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-demo.h"
#include "crm-progress-relay.h"
#include "crm-welcome-page.h"

/* Shown on a database without clients until the user picks how to start.
 * "welcome-done" in the database remembers the choice, so the page does not
 * come back after the user deliberately started with an empty database. */
struct _CrmWelcomePage
{
  AdwBin            parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  GtkProgressBar   *progress_bar;
  GtkButton        *cancel_button;

  /* Owned references */
  CrmStore         *store;
  CrmProgressRelay *relay;
  GCancellable     *cancellable;

  guint             demo_companies;
};

typedef struct
{
  CrmStore         *store;
  CrmProgressRelay *relay;
  GApplication     *application;
  CrmDemoOptions    options;
  char             *locale;
} DemoTask;

enum {
  PROP_0,
  PROP_STORE,
  PROP_DEMO_COMPANIES,
  PROP_BUSY,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CrmWelcomePage, crm_welcome_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
release_application_cb (gpointer data)
{
  g_application_release (data);
  g_object_unref (data);
}

static void
demo_task_free (gpointer data)
{
  DemoTask *demo = data;

  g_clear_object (&demo->store);
  g_clear_object (&demo->relay);
  g_clear_pointer (&demo->locale, g_free);

  /* The application was held from the start of the task until here, where
   * the database has been let go (this may run in the worker thread): a quit
   * during the generation waits for the rollback and a clean close. */
  if (demo->application != NULL)
    g_idle_add_once (release_application_cb, g_steal_pointer (&demo->application));

  g_free (demo);
}

static void
crm_welcome_page_update_actions (CrmWelcomePage *self)
{
  gboolean busy = self->cancellable != NULL;
  gboolean ready = self->store != NULL && !busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.create-sample", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.start-empty", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.cancel",
                                 busy && !g_cancellable_is_cancelled (self->cancellable));
}

static void
crm_welcome_page_set_busy (CrmWelcomePage *self,
                           GCancellable   *cancellable)
{
  g_assert (CRM_IS_WELCOME_PAGE (self));

  if (cancellable == self->cancellable)
    return;

  g_set_object (&self->cancellable, cancellable);

  if (self->stack != NULL)
    gtk_stack_set_visible_child_name (self->stack, cancellable != NULL ? "progress" : "choice");
  crm_welcome_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
crm_welcome_page_show_error (CrmWelcomePage *self,
                             const char     *heading,
                             const GError   *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, NULL));
  adw_message_dialog_format_body (dialog, "%s\n\n%s", error->message,
                                  crm_store_get_path (self->store));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
crm_welcome_page_mark_done (CrmWelcomePage *self)
{
  g_autoptr(GError) error = NULL;

  if (!crm_store_set_setting (self->store, "welcome-done", "1", &error))
    {
      crm_welcome_page_show_error (self, _("Could Not Save the Choice"), error);
      return FALSE;
    }

  return TRUE;
}

static void
demo_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DemoTask *demo = task_data;
  g_autoptr(GError) error = NULL;

  if (!crm_demo_generate (demo->store, &demo->options, crm_progress_relay_report, demo->relay,
                          cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
demo_generate_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CrmWelcomePage *self = CRM_WELCOME_PAGE (object);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  gboolean cancelled;

  cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (task));
  g_task_propagate_boolean (task, &error);

  crm_welcome_page_set_busy (self, NULL);

  /* The window was closed while the generator ran */
  if (self->stack == NULL || gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;

  /* The generator works in one transaction: a cancelled or failed run left
   * the database as it was, and the page offers both choices again. */
  if (error != NULL)
    {
      if (!cancelled &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CANCELLED))
        crm_welcome_page_show_error (self, _("Could Not Create the Sample Database"), error);
      return;
    }

  crm_welcome_page_mark_done (self);
  g_signal_emit (self, signals[FINISHED], 0, TRUE);
}

static void
crm_welcome_page_create_sample_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  CrmWelcomePage *self = CRM_WELCOME_PAGE (widget);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  DemoTask *demo;

  if (self->store == NULL || self->cancellable != NULL)
    return;

  demo = g_new0 (DemoTask, 1);
  demo->store = g_object_ref (self->store);
  demo->relay = g_object_ref (self->relay);
  demo->application = g_application_get_default ();
  if (demo->application != NULL)
    {
      g_object_ref (demo->application);
      g_application_hold (demo->application);
    }
  demo->locale = g_strdup (crm_demo_default_locale ());
  crm_demo_options_init (&demo->options);
  demo->options.atomic = TRUE;
  demo->options.locale = demo->locale;

  /* A smaller sample keeps the proportions of the default one. */
  if (self->demo_companies > 0 && demo->options.companies > 0)
    {
      double scale = (double)self->demo_companies / demo->options.companies;

      demo->options.contacts = MAX (1, (guint)(demo->options.contacts * scale));
      demo->options.history = MAX (1, (guint)(demo->options.history * scale));
      demo->options.users = CLAMP (demo->options.users, 1, self->demo_companies);
      demo->options.companies = self->demo_companies;
    }

  crm_progress_relay_reset (self->relay);
  gtk_progress_bar_set_text (self->progress_bar, _("Preparing"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);

  cancellable = g_cancellable_new ();
  crm_welcome_page_set_busy (self, cancellable);

  task = g_task_new (self, cancellable, demo_generate_cb, NULL);
  g_task_set_source_tag (task, crm_welcome_page_create_sample_action);
  g_task_set_name (task, "[crm-demo-generate]");
  g_task_set_task_data (task, demo, demo_task_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, demo_worker);
}

static void
crm_welcome_page_start_empty_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CrmWelcomePage *self = CRM_WELCOME_PAGE (widget);

  if (self->store == NULL || self->cancellable != NULL)
    return;

  crm_welcome_page_mark_done (self);
  g_signal_emit (self, signals[FINISHED], 0, FALSE);
}

static void
crm_welcome_page_cancel_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  CrmWelcomePage *self = CRM_WELCOME_PAGE (widget);

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  crm_welcome_page_update_actions (self);
}

static void
on_relay_notify_cb (CrmWelcomePage   *self,
                    GParamSpec       *pspec,
                    CrmProgressRelay *relay)
{
  const char *phase = crm_progress_relay_get_phase (relay);

  if (self->progress_bar == NULL)
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, crm_progress_relay_get_fraction (relay));

  if (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable))
    return;

  if (phase != NULL)
    gtk_progress_bar_set_text (self->progress_bar, phase);
}

static void
crm_welcome_page_unroot (GtkWidget *widget)
{
  CrmWelcomePage *self = CRM_WELCOME_PAGE (widget);

  /* The running task keeps the page alive after its window is gone, so
   * dispose would come too late to stop the generator. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (crm_welcome_page_parent_class)->unroot (widget);
}

static void
crm_welcome_page_dispose (GObject *object)
{
  CrmWelcomePage *self = (CrmWelcomePage *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  /* The stack is both AdwBin's child and a template child: detach it from
   * the bin first, or both would unparent it (R6). */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (crm_welcome_page_parent_class)->dispose (object);
}

static void
crm_welcome_page_finalize (GObject *object)
{
  CrmWelcomePage *self = (CrmWelcomePage *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->relay);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_welcome_page_parent_class)->finalize (object);
}

static void
crm_welcome_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmWelcomePage *self = CRM_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DEMO_COMPANIES:
      g_value_set_uint (value, self->demo_companies);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, crm_welcome_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_welcome_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrmWelcomePage *self = CRM_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      crm_welcome_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_DEMO_COMPANIES:
      crm_welcome_page_set_demo_companies (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_welcome_page_class_init (CrmWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_welcome_page_dispose;
  object_class->finalize = crm_welcome_page_finalize;
  object_class->get_property = crm_welcome_page_get_property;
  object_class->set_property = crm_welcome_page_set_property;

  widget_class->unroot = crm_welcome_page_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* 0 means the generator's default size. Tests and the RAPPORT_DEMO_COMPANIES
   * environment variable use a smaller sample. */
  properties[PROP_DEMO_COMPANIES] =
    g_param_spec_uint ("demo-companies", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmWelcomePage::finished:
   * @with_sample: whether a sample database was created
   *
   * The user made a choice and the database is ready for the client list.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/welcome/crm-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWelcomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWelcomePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmWelcomePage, cancel_button);

  gtk_widget_class_install_action (widget_class, "welcome.create-sample", NULL,
                                   crm_welcome_page_create_sample_action);
  gtk_widget_class_install_action (widget_class, "welcome.start-empty", NULL,
                                   crm_welcome_page_start_empty_action);
  gtk_widget_class_install_action (widget_class, "welcome.cancel", NULL,
                                   crm_welcome_page_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "welcome.cancel", NULL);
}

static void
crm_welcome_page_init (CrmWelcomePage *self)
{
  const char *env;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->relay = crm_progress_relay_new ();
  g_signal_connect_object (self->relay, "notify",
                           G_CALLBACK (on_relay_notify_cb), self, G_CONNECT_SWAPPED);

  if ((env = g_getenv ("RAPPORT_DEMO_COMPANIES")) != NULL)
    {
      guint64 companies;

      if (g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT, &companies, NULL))
        self->demo_companies = companies;
    }

  crm_welcome_page_update_actions (self);
}

GtkWidget *
crm_welcome_page_new (void)
{
  return g_object_new (CRM_TYPE_WELCOME_PAGE, NULL);
}

CrmStore *
crm_welcome_page_get_store (CrmWelcomePage *self)
{
  g_return_val_if_fail (CRM_IS_WELCOME_PAGE (self), NULL);

  return self->store;
}

void
crm_welcome_page_set_store (CrmWelcomePage *self,
                            CrmStore       *store)
{
  g_return_if_fail (CRM_IS_WELCOME_PAGE (self));
  g_return_if_fail (!store || CRM_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      crm_welcome_page_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

guint
crm_welcome_page_get_demo_companies (CrmWelcomePage *self)
{
  g_return_val_if_fail (CRM_IS_WELCOME_PAGE (self), 0);

  return self->demo_companies;
}

void
crm_welcome_page_set_demo_companies (CrmWelcomePage *self,
                                     guint           companies)
{
  g_return_if_fail (CRM_IS_WELCOME_PAGE (self));

  if (self->demo_companies != companies)
    {
      self->demo_companies = companies;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_COMPANIES]);
    }
}

gboolean
crm_welcome_page_get_busy (CrmWelcomePage *self)
{
  g_return_val_if_fail (CRM_IS_WELCOME_PAGE (self), FALSE);

  return self->cancellable != NULL;
}
