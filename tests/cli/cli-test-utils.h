/* cli-test-utils.h: running the real rapport-cli in the CLI tests
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test program gets the path of rapport-cli as its argument; it calls
 * cli_test_init() first and returns cli_test_run(). Every run has the C
 * locale and its own XDG_DATA_HOME (a temporary directory, removed at the end).
 */

#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "crm-store.h"

static const char *cli_path;
static char *tmp_dir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static inline void
result_free (Result *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static inline Result *
run_argv (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);

  g_ptr_array_add (argv, (gpointer)cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", tmp_dir, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  /* exited, not killed by a signal: no crash */
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", result->status, result->out, result->err);

  return result;
}

#define run_cli(...) run_argv ((const char * const[]) { __VA_ARGS__, NULL })

/* A new database in the data language @locale, closed again */
static inline char *
new_database (const char *name,
              const char *locale)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(CrmStore) store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, locale, &error);

  g_assert_no_error (error);
  return path;
}

static inline void
cli_test_init (int    *argc,
               char ***argv,
               const char *name)
{
  g_autofree char *template = g_strdup_printf ("rapport-%s-XXXXXX", name);

  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);

  cli_path = *argc > 1 ? (*argv)[1] : g_getenv ("RAPPORT_CLI");
  if (cli_path == NULL)
    {
      g_printerr ("Give the path of rapport-cli as the argument.\n");
      exit (1);
    }
  tmp_dir = g_dir_make_tmp (template, NULL);
}

static inline void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

static inline int
cli_test_run (void)
{
  int status = g_test_run ();

  remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);

  return status;
}
