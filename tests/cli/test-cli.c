/* test-cli.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real rapport-cli binary on temporary databases. The path of the
 * binary comes as the first argument (meson passes it) or in $RAPPORT_CLI.
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "crm-store.h"

static const char *cli_path;
static char *tmp_dir;
static const char *extra_env;  /* "NAME=value" for the next runs, or NULL */
static char *demo_db;          /* made once by demo_database () */

typedef struct
{
  gboolean  exited;            /* FALSE: killed by a signal (a crash) */
  int       status;
  char     *out;
  char     *err;
} Result;

static void
result_free (Result *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  /* English messages, and a default database inside the test folder */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", tmp_dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "RAPPORT_ASSUME_NETWORK_FS");
  if (extra_env != NULL)
    {
      g_auto(GStrv) pair = g_strsplit (extra_env, "=", 2);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  return launcher;
}

static Result *
run_argv (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) shown = g_string_new (cli_path);
  Result *result = g_new0 (Result, 1);

  g_ptr_array_add (argv, (gpointer)cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    {
      g_ptr_array_add (argv, (gpointer)args[i]);
      g_string_append_printf (shown, " %s", args[i]);
    }
  g_ptr_array_add (argv, NULL);
  g_test_message ("$ %s", shown->str);

  launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);

  result->exited = g_subprocess_get_if_exited (process);
  result->status = result->exited ? g_subprocess_get_exit_status (process) : -1;
  if (!result->exited)
    g_test_message ("killed by signal %d", g_subprocess_get_term_sig (process));
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", result->status, result->out, result->err);

  return result;
}

#define run_cli(...) run_argv ((const char * const[]) { __VA_ARGS__, NULL })

/* The exit status, and that the program ended by itself, not by a crash */
#define assert_exit(result, expected)                 \
  G_STMT_START {                                      \
    g_assert_true ((result)->exited);                 \
    g_assert_cmpint ((result)->status, ==, (expected)); \
  } G_STMT_END

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

/* The value of a "Label:   value" line of `info` */
static char *
info_value (const char *output,
            const char *label)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  g_autofree char *prefix = g_strconcat (label, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));

  return NULL;
}

static void
assert_info_counts (const char *db,
                    const char *companies,
                    const char *contacts,
                    const char *history)
{
  g_autoptr(Result) r = run_cli ("info", "--database", db);
  g_autofree char *c = NULL, *p = NULL, *h = NULL;

  assert_exit (r, 0);
  c = info_value (r->out, "Clients");
  p = info_value (r->out, "Contact persons");
  h = info_value (r->out, "History entries");
  g_assert_cmpstr (c, ==, companies);
  g_assert_cmpstr (p, ==, contacts);
  g_assert_cmpstr (h, ==, history);
}

/* Runs an SQL statement through the sqlite3 program: the test's independent
 * view of the file. */
static char *
sqlite3_query (const char *db,
               const char *sql)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("sqlite3");
  char *out = NULL;

  g_assert_nonnull (program);
  launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  process = g_subprocess_launcher_spawn (launcher, &error, program, "-batch", "-noheader",
                                         "-separator", "\t", db, sql, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  return g_strchomp (out);
}

static gboolean
have_sqlite3 (void)
{
  g_autofree char *program = g_find_program_in_path ("sqlite3");

  if (program == NULL)
    g_test_skip ("the sqlite3 program is not installed");

  return program != NULL;
}

static const char *
demo_database (void)
{
  g_autoptr(Result) r = NULL;

  if (demo_db != NULL)
    return demo_db;

  demo_db = tmp_path ("demo.db");
  r = run_cli ("demo", "--companies", "50", "--contacts", "100", "--history", "300",
               "--seed", "7", "--locale", "ru", "--database", demo_db);
  assert_exit (r, 0);
  g_assert_nonnull (strstr (r->out, "50 companies"));
  g_assert_nonnull (strstr (r->out, "100 contacts"));
  g_assert_nonnull (strstr (r->out, "300 history entries"));
  /* Not a terminal: one progress line per phase, no carriage returns */
  g_assert_null (strchr (r->err, '\r'));
  g_assert_cmpstr (r->err, !=, "");

  return demo_db;
}

static gboolean
line_starts_with_id (const char *output,
                     const char *id)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  g_autofree char *prefix = g_strconcat (id, "\t", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return TRUE;

  return FALSE;
}

/* Tests */

static void
test_help (void)
{
  const char *commands[] = { "demo", "info", "check", "backup", "search" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) r = run_cli (commands[i], "--help");
      g_autoptr(Result) h = run_cli ("help", commands[i]);

      assert_exit (r, 0);
      g_assert_nonnull (strstr (r->out, "--database"));
      g_assert_nonnull (strstr (r->out, commands[i]));
      assert_exit (h, 0);
      g_assert_cmpstr (h->out, ==, r->out);
    }

  for (guint j = 0; j < 2; j++)
    {
      g_autoptr(Result) r = j == 0 ? run_cli ("--help") : run_cli ("help");

      assert_exit (r, 0);
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        g_assert_nonnull (strstr (r->out, commands[i]));
      g_assert_nonnull (strstr (r->out, "--database"));
    }

  {
    g_autoptr(Result) r = run_cli ("search", "--help");

    /* The columns of the output are documented */
    g_assert_nonnull (strstr (r->out, "tab"));
    g_assert_nonnull (strstr (r->out, "responsible manager"));
  }
}

static void
test_usage_errors (void)
{
  const char * const cases[][5] = {
    { "frobnicate", NULL },
    { "--bogus", "info", NULL },
    { "info", "--bogus", NULL },
    { "info", "extra", NULL },
    { "demo", "--companies", "ten", NULL },
    { "demo", "--companies", "-5", NULL },
    { "demo", "--locale", "de", NULL },
    { "search", NULL },
    { "search", "--sort", "colour", "x", NULL },
    { "search", "--limit", "many", "x", NULL },
    { "backup", NULL },
    { "help", "frobnicate", NULL },
    { "--database", NULL },
  };
  g_autoptr(Result) none = run_argv ((const char * const[]) { NULL });

  assert_exit (none, 2);
  g_assert_cmpstr (none->err, !=, "");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) r = run_argv (cases[i]);

      assert_exit (r, 2);
      g_assert_true (g_str_has_prefix (r->err, "rapport-cli"));
      g_assert_cmpstr (r->out, ==, "");
    }

  {
    g_autoptr(Result) r = run_cli ("frobnicate");
    g_assert_nonnull (strstr (r->err, "frobnicate"));
  }
}

static void
test_demo_info (void)
{
  const char *db = demo_database ();
  g_autoptr(Result) r = NULL;
  g_autoptr(Result) again = NULL;
  g_autofree char *version = NULL;
  g_autofree char *path = NULL;
  g_autofree char *users = NULL;

  assert_info_counts (db, "50", "100", "300");

  r = run_cli ("info", "--database", db);
  path = info_value (r->out, "Database");
  g_assert_cmpstr (path, ==, db);
  version = info_value (r->out, "Schema version");
  {
    /* "2 (this program reads up to 2)": a new database is of the newest version */
    g_autofree char *expected = g_strdup_printf ("%d (", crm_store_supported_schema_version ());
    g_assert_true (g_str_has_prefix (version, expected));
  }
  users = info_value (r->out, "Users");
  g_assert_nonnull (users);
  g_assert_cmpint (g_ascii_strtoll (users, NULL, 10), >=, 12);
  {
    g_autofree char *size = info_value (r->out, "File size");
    g_autofree char *backup = info_value (r->out, "Backup copy");

    g_assert_nonnull (size);
    g_assert_null (backup);
  }

  /* A second run refuses to pile demo data onto existing clients */
  again = run_cli ("demo", "--companies", "5", "--quiet", "--database", db);
  assert_exit (again, 1);
  g_assert_nonnull (strstr (again->err, "--force"));
  assert_info_counts (db, "50", "100", "300");
}

/* The store's warning about a database on a network filesystem */
static void
test_info_warning (void)
{
  g_autofree char *copy = tmp_path ("network.db");
  g_autoptr(Result) r = NULL;
  g_autofree char *warning = NULL;

  copy_file (demo_database (), copy);
  extra_env = "RAPPORT_ASSUME_NETWORK_FS=1";
  r = run_cli ("info", "--database", copy);
  extra_env = NULL;

  assert_exit (r, 0);
  warning = info_value (r->out, "Warning");
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "network"));
  g_assert_nonnull (strstr (warning, copy));

  g_clear_pointer (&r, result_free);
  r = run_cli ("info", "--database", copy);
  assert_exit (r, 0);
  g_assert_null (info_value (r->out, "Warning"));
}

static void
test_demo_force_and_global_option (void)
{
  g_autofree char *db = tmp_path ("force.db");
  g_autoptr(Result) first = NULL;
  g_autoptr(Result) second = NULL;
  g_autoptr(Result) before = NULL;
  g_autoptr(Result) after = NULL;

  /* --database before the command name works like after it */
  first = run_cli ("--database", db, "demo", "--companies", "10", "--contacts", "10",
                   "--history", "10", "--users", "2", "--seed", "1", "--locale", "en", "--quiet");
  assert_exit (first, 0);
  g_assert_cmpstr (first->out, ==, "");
  g_assert_cmpstr (first->err, ==, "");

  second = run_cli ("demo", "--companies", "10", "--contacts", "10", "--history", "10",
                    "--users", "2", "--seed", "2", "--locale", "en", "--force", "--quiet",
                    "--database", db);
  assert_exit (second, 0);
  assert_info_counts (db, "20", "20", "20");

  before = run_cli ("--database", db, "info");
  after = run_cli ("info", "--database", db);
  assert_exit (before, 0);
  g_assert_cmpstr (before->out, ==, after->out);
}

static void
test_default_database (void)
{
  g_autofree char *expected = g_build_filename (tmp_dir, "rapport", "rapport.db", NULL);
  g_autoptr(Result) missing = NULL;
  g_autoptr(Result) made = NULL;
  g_autoptr(Result) info = NULL;
  g_autofree char *path = NULL;

  /* A read-only command does not create a database that is not there */
  missing = run_cli ("info");
  assert_exit (missing, 1);
  g_assert_true (g_str_has_prefix (missing->err, "rapport-cli: "));
  g_assert_nonnull (strstr (missing->err, expected));
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));

  made = run_cli ("demo", "--companies", "3", "--contacts", "3", "--history", "3",
                  "--users", "1", "--quiet");
  assert_exit (made, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_EXISTS));

  info = run_cli ("info");
  assert_exit (info, 0);
  path = info_value (info->out, "Database");
  g_assert_cmpstr (path, ==, expected);
}

static void
test_search (void)
{
  const char *db = demo_database ();
  g_autofree char *company = NULL;
  g_autofree char *phone_row = NULL;
  g_auto(GStrv) company_fields = NULL;
  g_auto(GStrv) phone_fields = NULL;
  g_autoptr(GString) word = g_string_new (NULL);
  g_autoptr(GString) spaced = g_string_new ("+");
  g_autofree char *prefix = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *first_letter = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *best = NULL;
  guint best_len = 0;

  if (!have_sqlite3 ())
    return;

  /* A company and one of its own phones, read independently of rapport-cli */
  company = sqlite3_query (db, "SELECT id, name FROM companies ORDER BY id LIMIT 1 OFFSET 7");
  company_fields = g_strsplit (company, "\t", 2);
  g_assert_cmpuint (g_strv_length (company_fields), ==, 2);

  /* The longest word of the name */
  for (const char *p = company_fields[1]; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (g_utf8_strlen (word->str, -1) > best_len)
        {
          g_free (best);
          best = g_strdup (word->str);
          best_len = g_utf8_strlen (word->str, -1);
        }
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  g_assert_cmpuint (best_len, >=, 2);
  prefix = g_utf8_substring (best, 0, MIN (best_len, 4));
  lower = g_utf8_strdown (prefix, -1);
  first_letter = g_utf8_substring (best, 0, 1);
  g_test_message ("company %s “%s”, searching “%s”", company_fields[0], company_fields[1], prefix);

  {
    g_autoptr(Result) r = run_cli ("search", "--limit", "0", "--database", db, prefix);

    assert_exit (r, 0);
    g_assert_true (line_starts_with_id (r->out, company_fields[0]));
  }
  {
    /* Case does not matter, Cyrillic included */
    g_autoptr(Result) r = run_cli ("search", "--limit", "0", "--database", db, lower);

    assert_exit (r, 0);
    g_assert_true (line_starts_with_id (r->out, company_fields[0]));
  }
  {
    /* The whole name, given as several arguments */
    g_auto(GStrv) words = g_strsplit (company_fields[1], " ", -1);
    g_autoptr(GPtrArray) args = g_ptr_array_new ();
    g_autoptr(Result) r = NULL;

    g_ptr_array_add (args, "search");
    g_ptr_array_add (args, "--database");
    g_ptr_array_add (args, (gpointer)db);
    g_ptr_array_add (args, "--");
    for (guint i = 0; words[i] != NULL; i++)
      g_ptr_array_add (args, words[i]);
    g_ptr_array_add (args, NULL);
    r = run_argv ((const char * const *)args->pdata);
    assert_exit (r, 0);
    g_assert_true (line_starts_with_id (r->out, company_fields[0]));
  }
  {
    /* Six tab-separated columns on every line; the name matched, so the
     * sixth (what else matched) is empty */
    g_autoptr(Result) r = run_cli ("search", "--database", db, prefix);
    g_auto(GStrv) lines = g_strsplit (r->out, "\n", -1);

    for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);
        g_assert_cmpuint (g_strv_length (columns), ==, 6);
        g_assert_cmpstr (columns[5], ==, "");
      }
  }
  {
    /* The same matches, in reverse order with --desc */
    g_autoptr(Result) asc = run_cli ("search", "--limit", "0", "--database", db, first_letter);
    g_autoptr(Result) desc = run_cli ("search", "--limit", "0", "--desc", "--database", db, first_letter);
    g_auto(GStrv) a = NULL;
    g_auto(GStrv) d = NULL;
    guint n;

    assert_exit (asc, 0);
    assert_exit (desc, 0);
    a = g_strsplit (g_strchomp (asc->out), "\n", -1);
    d = g_strsplit (g_strchomp (desc->out), "\n", -1);
    n = g_strv_length (a);
    g_assert_cmpuint (n, ==, g_strv_length (d));
    for (guint i = 0; i < n; i++)
      g_assert_cmpstr (a[i], ==, d[n - 1 - i]);
  }
  {
    /* --limit cuts the list and says so on stderr */
    g_autoptr(Result) all = run_cli ("search", "--limit", "0", "--database", db, first_letter);
    g_autoptr(Result) one = run_cli ("search", "--limit", "1", "--sort", "city", "--database", db, first_letter);
    g_auto(GStrv) lines = g_strsplit (g_strchomp (all->out), "\n", -1);

    guint n_lines = 0;

    assert_exit (one, 0);
    for (const char *p = one->out; *p; p++)
      n_lines += *p == '\n';
    g_assert_cmpuint (n_lines, ==, 1);
    if (g_strv_length (lines) > 1)
      g_assert_nonnull (strstr (one->err, "--limit"));
    else
      g_assert_cmpstr (one->err, ==, "");
  }

  /* A phone of the company in other forms than the stored one */
  phone_row = sqlite3_query (db, "SELECT company_id, number FROM phones "
                                 "WHERE contact_id IS NULL ORDER BY id LIMIT 1");
  phone_fields = g_strsplit (phone_row, "\t", 2);
  g_assert_cmpuint (g_strv_length (phone_fields), ==, 2);
  digits = g_strdup (phone_fields[1]);
  {
    char *d = digits;

    for (const char *p = phone_fields[1]; *p; p++)
      if (g_ascii_isdigit (*p))
        *d++ = *p;
    *d = '\0';
  }
  g_assert_cmpuint (strlen (digits), >=, 7);
  for (guint i = 0; digits[i]; i++)
    {
      if (i > 0 && i % 3 == 0)
        g_string_append_c (spaced, '-');
      g_string_append_c (spaced, digits[i]);
    }
  g_test_message ("phone “%s” of company %s", phone_fields[1], phone_fields[0]);
  g_assert_cmpstr (digits, !=, phone_fields[1]);

  {
    g_autoptr(Result) r = run_cli ("search", "--limit", "0", "--database", db, digits);
    g_autofree char *said = g_strdup_printf ("\tphone: %s\n", phone_fields[1]);

    assert_exit (r, 0);
    g_assert_true (line_starts_with_id (r->out, phone_fields[0]));
    /* the number found, as it is written */
    g_assert_nonnull (strstr (r->out, said));
  }
  {
    g_autoptr(Result) r = run_cli ("search", "--limit", "0", "--database", db, spaced->str);

    assert_exit (r, 0);
    g_assert_true (line_starts_with_id (r->out, phone_fields[0]));
  }
  if (strlen (digits) == 11 && digits[0] == '7')
    {
      /* "8 (495) …" is the same Russian number as "+7 (495) …" */
      g_autofree char *trunk = g_strdup_printf ("8 (%.3s) %s", digits + 1, digits + 4);
      g_autoptr(Result) r = run_cli ("search", "--limit", "0", "--database", db, trunk);

      assert_exit (r, 0);
      g_assert_true (line_starts_with_id (r->out, phone_fields[0]));
    }

  {
    /* No match: nothing printed, exit 1 like grep */
    g_autoptr(Result) r = run_cli ("search", "--database", db, "zzqqxxjj");

    assert_exit (r, 1);
    g_assert_cmpstr (r->out, ==, "");
  }
  {
    g_autoptr(Result) r = run_cli ("search", "--database", db, "--", "«»—!");

    assert_exit (r, 1);
    g_assert_cmpstr (r->out, ==, "");
  }
}

static void
test_check (void)
{
  const char *db = demo_database ();
  g_autofree char *bad = tmp_path ("corrupt.db");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Result) good = NULL;
  g_autoptr(Result) r = NULL;
  gboolean listed = FALSE;
  gsize length = 0;

  good = run_cli ("check", "--database", db);
  assert_exit (good, 0);
  g_assert_cmpstr (good->out, ==, "ok\n");

  /* Garbage over the middle half of a copy; page 1 (the header) stays */
  g_file_get_contents (db, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 16 * 1024);
  for (gsize i = length / 4; i < length * 3 / 4; i++)
    contents[i] = (char)(0xA5 ^ (i * 31));
  g_file_set_contents (bad, contents, length, &error);
  g_assert_no_error (error);

  r = run_cli ("check", "--database", bad);
  g_assert_true (r->exited);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_true (r->out[0] != '\0' || g_str_has_prefix (r->err, "rapport-cli: "));
  g_assert_cmpstr (r->out, !=, "ok\n");

  /* Smaller damage, one page at a time: the file still opens, and check
   * lists the problems instead of stopping at the first error. */
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (db, &contents, &length, &error);
  g_assert_no_error (error);
  for (gsize page = length / 4096 / 2; page < length / 4096 && !listed; page += 3)
    {
      g_autoptr(Result) one = NULL;
      g_autofree char *damaged = g_memdup2 (contents, length);

      memset (damaged + page * 4096 + 200, 0, 400);
      g_file_set_contents (bad, damaged, length, &error);
      g_assert_no_error (error);

      /* Zeros may land in a page's free space, which is no damage */
      one = run_cli ("check", "--database", bad);
      g_assert_true (one->exited);
      g_assert_cmpint (one->status, >=, 0);
      g_assert_cmpint (one->status, <=, 1);
      if (one->status == 1 && one->out[0] != '\0')
        {
          listed = TRUE;
          g_assert_nonnull (strstr (one->err, "problem"));
        }
    }
  g_assert_true (listed);
}

static void
test_backup (void)
{
  const char *db = demo_database ();
  g_autofree char *copy = tmp_path ("backup.db");
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  g_autoptr(Result) r = NULL;
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) forced = NULL;
  g_autoptr(Result) self = NULL;
  g_autoptr(Result) check = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  r = run_cli ("backup", "--database", db, copy);
  assert_exit (r, 0);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  assert_info_counts (copy, "50", "100", "300");
  check = run_cli ("check", "--database", copy);
  assert_exit (check, 0);

  /* An existing file is kept unless --force */
  sum = file_checksum (copy);
  refused = run_cli ("backup", "--database", db, copy);
  assert_exit (refused, 1);
  g_assert_nonnull (strstr (refused->err, "--force"));
  sum_after = file_checksum (copy);
  g_assert_cmpstr (sum, ==, sum_after);

  forced = run_cli ("backup", "--force", "--quiet", "--database", db, copy);
  assert_exit (forced, 0);
  g_assert_cmpstr (forced->out, ==, "");
  assert_info_counts (copy, "50", "100", "300");

  /* Never over the database itself */
  self = run_cli ("backup", "--force", "--database", db, db);
  assert_exit (self, 1);
  assert_info_counts (db, "50", "100", "300");

  /* No partial files are left behind */
  dir = g_dir_open (tmp_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, ".partial-"));
}

static void
test_not_a_database (void)
{
  g_autofree char *text = tmp_path ("notes.txt");
  g_autofree char *missing = tmp_path ("missing.db");
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  const char *commands[] = { "info", "check", "search" };
  g_autoptr(GError) error = NULL;

  g_file_set_contents (text, "Shopping list:\nmilk\nbread\n" "0123456789abcdef\n", -1, &error);
  g_assert_no_error (error);
  sum = file_checksum (text);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) r = NULL;

      if (g_str_equal (commands[i], "search"))
        r = run_cli ("search", "--database", text, "milk");
      else
        r = run_cli (commands[i], "--database", text);
      assert_exit (r, 1);
      g_assert_true (g_str_has_prefix (r->err, "rapport-cli: "));
      g_assert_nonnull (strstr (r->err, "not a Rapport database"));
    }

  {
    g_autoptr(Result) r = run_cli ("demo", "--companies", "2", "--database", text);

    assert_exit (r, 1);
    g_assert_true (g_str_has_prefix (r->err, "rapport-cli: "));
  }

  sum_after = file_checksum (text);
  g_assert_cmpstr (sum, ==, sum_after);

  {
    g_autoptr(Result) r = run_cli ("check", "--database", missing);

    assert_exit (r, 1);
    g_assert_nonnull (strstr (r->err, "missing.db"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_too_new (void)
{
  const char *db = demo_database ();
  g_autofree char *newer = tmp_path ("newer.db");
  g_autofree char *wal = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *version = NULL;
  const char *commands[] = { "info", "check", "search", "demo", "backup" };

  if (!have_sqlite3 ())
    return;

  copy_file (db, newer);
  g_free (sqlite3_query (newer, "PRAGMA user_version = 999"));
  version = sqlite3_query (newer, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "999");
  sum = file_checksum (newer);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *target = tmp_path ("from-newer.db");
      g_autofree char *sum_after = NULL;
      g_autoptr(Result) r = NULL;

      if (g_str_equal (commands[i], "search"))
        r = run_cli ("search", "--database", newer, "a");
      else if (g_str_equal (commands[i], "demo"))
        r = run_cli ("demo", "--force", "--companies", "2", "--database", newer);
      else if (g_str_equal (commands[i], "backup"))
        r = run_cli ("backup", "--database", newer, target);
      else
        r = run_cli (commands[i], "--database", newer);

      assert_exit (r, 1);
      g_assert_true (g_str_has_prefix (r->err, "rapport-cli: "));
      g_assert_nonnull (strstr (r->err, "newer"));
      g_assert_nonnull (strstr (r->err, "999"));
      sum_after = file_checksum (newer);
      g_assert_cmpstr (sum, ==, sum_after);
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
    }

  wal = g_strconcat (newer, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* The window's process and rapport-cli on one database, after something in
 * the window's process read the database file outside SQLite (GIO guessing
 * its type for a file chooser listing its folder), which drops every POSIX
 * lock the process held on it: the CLI then took itself for the last user,
 * deleted the WAL the window still wrote to, and the window's later writes
 * and the CLI's were lost when the window closed. */
static void
test_shared_after_lost_locks (void)
{
  g_autofree char *db = tmp_path ("shared.db");
  g_autofree char *csv = tmp_path ("shared.csv");
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (db);
  CrmStore *window;
  CrmCompanyData before = { .name = "Before" };
  CrmCompanyData after = { .name = "After the CLI" };

  window = crm_store_open_full (db, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_add_company (window, &before, &error), >, 0);

  /* what a file chooser does to every file of the folder it lists */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, 0, NULL, &error);
  g_assert_no_error (error);

  {
    g_autoptr(Result) search = run_cli ("search", "--database", db, "Before");

    assert_exit (search, 0);
    g_assert_nonnull (strstr (search->out, "Before"));
  }
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (crm_store_add_company (window, &after, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv, "Name\nFrom the CLI\n", -1, &error));
  {
    g_autoptr(Result) import = run_cli ("import", "--database", db, csv);

    assert_exit (import, 0);
  }
  g_assert_finalize_object (window);

  {
    g_autoptr(Result) search = run_cli ("search", "--database", db, "the");
    g_autoptr(Result) check = run_cli ("check", "--database", db);

    assert_exit (search, 0);
    g_assert_nonnull (strstr (search->out, "After the CLI"));
    g_assert_nonnull (strstr (search->out, "From the CLI"));
    assert_exit (check, 0);
  }
}

/* Ctrl+C during the demo: exit 130 and nothing written */
static void
test_demo_cancel (void)
{
  g_autofree char *db = tmp_path ("cancel.db");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_line = NULL;
  gsize length;

  launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Far more than can be written before the signal arrives */
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "demo",
                                         "--companies", "2000000", "--contacts", "4000000",
                                         "--history", "10000000", "--database", db, NULL);
  g_assert_no_error (error);

  /* The first progress line: the work has started in its thread */
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  first_line = g_data_input_stream_read_line_utf8 (err, &length, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first_line);
  g_test_message ("progress: %s", first_line);

  g_subprocess_send_signal (process, SIGINT);
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (err, &length, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        break;
      g_test_message ("stderr after the signal: %s", line);
    }
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  assert_info_counts (db, "0", "0", "0");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  cli_path = argc > 1 ? argv[1] : g_getenv ("RAPPORT_CLI");
  if (cli_path == NULL)
    {
      g_printerr ("Give the path of rapport-cli as the first argument or in $RAPPORT_CLI\n");
      return 1;
    }

  tmp_dir = g_dir_make_tmp ("rapport-cli-test-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/crm/cli/help", test_help);
  g_test_add_func ("/crm/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/crm/cli/demo-info", test_demo_info);
  g_test_add_func ("/crm/cli/info-warning", test_info_warning);
  g_test_add_func ("/crm/cli/demo-force-and-global-option", test_demo_force_and_global_option);
  g_test_add_func ("/crm/cli/default-database", test_default_database);
  g_test_add_func ("/crm/cli/search", test_search);
  g_test_add_func ("/crm/cli/check", test_check);
  g_test_add_func ("/crm/cli/backup", test_backup);
  g_test_add_func ("/crm/cli/not-a-database", test_not_a_database);
  g_test_add_func ("/crm/cli/too-new", test_too_new);
  g_test_add_func ("/crm/cli/shared-after-lost-locks", test_shared_after_lost_locks);
  g_test_add_func ("/crm/cli/demo-cancel", test_demo_cancel);

  status = g_test_run ();

  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (demo_db);

  return status;
}
