/* crm-cli-common.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "crm-cli-private.h"

static const CrmCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < crm_cli_n_commands; i++)
    if (g_strcmp0 (crm_cli_commands[i].name, name) == 0)
      return &crm_cli_commands[i];

  return NULL;
}

/* Options and messages */

GOptionContext *
crm_cli_context_new (CrmCli     *cli,
                     const char *parameters,
                     const char *description)
{
  const CrmCliCommand *command = find_command (cli->command);
  g_autofree char *prgname = g_strdup_printf ("rapport-cli %s", cli->command);
  GOptionContext *context;

  /* GOptionContext writes "Usage: <prgname> [OPTION…] <parameters>" */
  g_set_prgname (prgname);

  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (command != NULL)
    g_option_context_set_summary (context, _(command->summary));
  if (description != NULL)
    g_option_context_set_description (context, description);

  return context;
}

gboolean
crm_cli_parse (CrmCli           *cli,
               GOptionContext   *context,
               int              *argc,
               char           ***argv)
{
  g_autoptr(GError) error = NULL;
  const GOptionEntry database_entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &cli->database_opt,
      N_("The database file (default: the one the Rapport application uses)"), N_("PATH") },
    { NULL }
  };

  g_option_context_add_main_entries (context, database_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      crm_cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

int
crm_cli_usage_error (CrmCli     *cli,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (cli != NULL && cli->command != NULL)
    {
      g_printerr ("rapport-cli %s: %s\n", cli->command, message);
      /* Translators: %s is a command name such as “search” */
      g_printerr (_("Run “rapport-cli %s --help” to see its options."), cli->command);
    }
  else
    {
      g_printerr ("rapport-cli: %s\n", message);
      g_printerr (_("Run “rapport-cli --help” to see the commands."));
    }
  g_printerr ("\n");

  return CRM_CLI_EXIT_USAGE;
}

int
crm_cli_fail (const GError *error)
{
  g_printerr ("rapport-cli: %s\n", error->message);

  return crm_cli_error_is_cancelled (error) ? CRM_CLI_EXIT_CANCELLED : CRM_CLI_EXIT_FAILURE;
}

gboolean
crm_cli_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CANCELLED);
}

gboolean
crm_cli_parse_number (const char  *option,
                      const char  *text,
                      guint64      min,
                      guint64      max,
                      guint64     *value,
                      GError     **error)
{
  if (g_ascii_string_to_unsigned (text, 10, min, max, value, NULL))
    return TRUE;

  /* Translators: “--companies wants a whole number from 1 to 10000000, not “ten”” */
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s wants a whole number from %llu to %llu, not “%s”"),
               option, (unsigned long long)min, (unsigned long long)max, text);
  return FALSE;
}

/* The store */

const char *
crm_cli_database_path (CrmCli *cli)
{
  static char *default_path;

  if (cli->database_opt != NULL)
    return cli->database_opt;
  if (cli->database != NULL)
    return cli->database;

  if (default_path == NULL)
    default_path = crm_store_default_path ();

  return default_path;
}

CrmStore *
crm_cli_open_store (CrmCli             *cli,
                    CrmStoreOpenFlags   flags,
                    const char         *locale,
                    GError            **error)
{
  return crm_store_open_full (crm_cli_database_path (cli), flags, locale, error);
}

/* Tabs and line breaks would split a field of the tab-separated output */
void
crm_cli_write_field (GString    *line,
                     const char *value)
{
  if (line->len > 0)
    g_string_append_c (line, '\t');

  for (const char *p = value; p != NULL && *p; p++)
    g_string_append_c (line, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

/* Progress on stderr: one line rewritten in place on a terminal, one line per
 * phase in a log or a pipe, where carriage returns would only add noise. */

typedef struct
{
  GMutex        lock;
  gboolean      tty;
  char         *phase;
  int           percent;
  gboolean      drawn;
} Progress;

static void
progress_cb (double      fraction,
             const char *phase,
             gpointer    user_data)
{
  Progress *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  int percent = (int)(CLAMP (fraction, 0.0, 1.0) * 100.0);
  gboolean new_phase = g_strcmp0 (phase, self->phase) != 0;

  if (phase == NULL)
    return;

  if (self->tty)
    {
      if (!new_phase && percent == self->percent)
        return;
      g_printerr ("\r\033[K");
      /* Translators: a progress line: a phase such as “Writing companies” and the percentage done */
      g_printerr (_("%s: %d%%"), phase, percent);
      self->drawn = TRUE;
    }
  else if (new_phase)
    {
      g_printerr ("%s\n", phase);
    }

  if (new_phase)
    {
      g_free (self->phase);
      self->phase = g_strdup (phase);
    }
  self->percent = percent;
}

static void
progress_clear (Progress *self)
{
  g_mutex_lock (&self->lock);
  if (self->tty && self->drawn)
    g_printerr ("\r\033[K");
  self->drawn = FALSE;
  g_mutex_unlock (&self->lock);
}

/* The threaded run */

typedef struct
{
  CrmCliWorkFunc  func;
  gpointer        data;
  Progress       *progress;
  GCancellable   *cancellable;
  GMainLoop      *loop;
  GError         *error;
  guint           sigint_id;
  guint           sigterm_id;
  gboolean        done;
} Run;

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;

  if (run->func (run->data,
                 run->progress ? progress_cb : NULL, run->progress,
                 cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  g_task_propagate_boolean (G_TASK (result), &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

static gboolean
run_signal_cb (gpointer user_data)
{
  Run *run = user_data;

  if (run->progress != NULL)
    progress_clear (run->progress);
  g_printerr ("%s\n", _("Cancelling… (press Ctrl+C again to stop at once)"));
  g_cancellable_cancel (run->cancellable);

  /* Removing the watch restores the default action of the signal */
  run->sigint_id = 0;
  g_clear_handle_id (&run->sigterm_id, g_source_remove);

  return G_SOURCE_REMOVE;
}

static gboolean
run_sigterm_cb (gpointer user_data)
{
  Run *run = user_data;

  g_cancellable_cancel (run->cancellable);
  run->sigterm_id = 0;
  g_clear_handle_id (&run->sigint_id, g_source_remove);

  return G_SOURCE_REMOVE;
}

/**
 * crm_cli_run_in_thread:
 *
 * Runs @func in a worker thread while the main thread spins a main loop that
 * turns Ctrl+C (SIGINT) and SIGTERM into a cancellation, so the work stops at
 * its next check and cleans up instead of dying half way.
 */
gboolean
crm_cli_run_in_thread (CrmCliWorkFunc   func,
                       gpointer         data,
                       gboolean         show_progress,
                       GError         **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GTask) task = NULL;
  Progress progress = { 0 };
  Run run = { 0 };

  g_mutex_init (&progress.lock);
  progress.tty = isatty (STDERR_FILENO);
  progress.percent = -1;

  run.func = func;
  run.data = data;
  run.progress = show_progress ? &progress : NULL;
  run.cancellable = cancellable;
  run.loop = loop;
  run.sigint_id = g_unix_signal_add (SIGINT, run_signal_cb, &run);
  run.sigterm_id = g_unix_signal_add (SIGTERM, run_sigterm_cb, &run);

  task = g_task_new (NULL, cancellable, run_done_cb, &run);
  g_task_set_source_tag (task, crm_cli_run_in_thread);
  g_task_set_task_data (task, &run, NULL);
  g_task_run_in_thread (task, run_worker);
  g_clear_object (&task);

  while (!run.done)
    g_main_loop_run (loop);

  g_clear_handle_id (&run.sigint_id, g_source_remove);
  g_clear_handle_id (&run.sigterm_id, g_source_remove);

  progress_clear (&progress);
  g_free (progress.phase);
  g_mutex_clear (&progress.lock);

  if (run.error != NULL)
    {
      /* The work may report its own failure while a cancellation is under
       * way; the cancellation is what the user asked for, so say that. */
      if (g_cancellable_is_cancelled (cancellable) && !crm_cli_error_is_cancelled (run.error))
        {
          g_debug ("Failure while cancelling: %s", run.error->message);
          g_clear_error (&run.error);
          g_set_error_literal (&run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Cancelled."));
        }
      g_propagate_error (error, run.error);
      return FALSE;
    }

  return TRUE;
}
