/* crm-cli-private.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* Exit statuses of rapport-cli */
enum
{
  CRM_CLI_EXIT_OK        = 0,
  CRM_CLI_EXIT_FAILURE   = 1,    /* a store error, or nothing found (search) */
  CRM_CLI_EXIT_USAGE     = 2,    /* an unknown command, option or bad value */
  CRM_CLI_EXIT_CANCELLED = 130,  /* 128 + SIGINT, as shells report Ctrl+C */
};

typedef struct
{
  const char *command;      /* "search" */
  char       *database;     /* --database given before the command, or NULL */
  char       *database_opt; /* --database given after it, or NULL */
} CrmCli;

typedef int (*CrmCliCommandFunc) (CrmCli  *cli,
                                  int      argc,
                                  char   **argv);

typedef struct
{
  const char        *name;
  const char        *summary;    /* N_(): one line for the command list */
  CrmCliCommandFunc  run;
} CrmCliCommand;

/* Work run in a thread by crm_cli_run_in_thread() */
typedef gboolean (*CrmCliWorkFunc) (gpointer          data,
                                    CrmProgressFunc   progress,
                                    gpointer          progress_data,
                                    GCancellable     *cancellable,
                                    GError          **error);

extern const CrmCliCommand crm_cli_commands[];
extern const guint         crm_cli_n_commands;

/* crm-cli-common.c */
GOptionContext *crm_cli_context_new         (CrmCli           *cli,
                                             const char       *parameters,
                                             const char       *description);
gboolean        crm_cli_parse               (CrmCli           *cli,
                                             GOptionContext   *context,
                                             int              *argc,
                                             char           ***argv);
int             crm_cli_usage_error         (CrmCli           *cli,
                                             const char       *format,
                                             ...) G_GNUC_PRINTF (2, 3);
int             crm_cli_fail                (const GError     *error);
const char     *crm_cli_database_path       (CrmCli           *cli);
CrmStore       *crm_cli_open_store          (CrmCli           *cli,
                                             CrmStoreOpenFlags flags,
                                             const char       *locale,
                                             GError          **error);
gboolean        crm_cli_parse_number        (const char       *option,
                                             const char       *text,
                                             guint64           min,
                                             guint64           max,
                                             guint64          *value,
                                             GError          **error);
gboolean        crm_cli_run_in_thread       (CrmCliWorkFunc    func,
                                             gpointer          data,
                                             gboolean          show_progress,
                                             GError          **error);
gboolean        crm_cli_error_is_cancelled  (const GError     *error);
void            crm_cli_write_field         (GString          *line,
                                             const char       *value);

/* crm-cli-commands.c */
int             crm_cli_command_demo        (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_command_info        (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_command_check       (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_command_backup      (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_command_search      (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);

/* crm-cli-import.c */
int             crm_cli_command_import      (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_command_export      (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);

/* crm-cli-duplicates.c */
int             crm_cli_command_duplicates  (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_command_merge       (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);

/* crm-cli-activity.c */
int             crm_cli_command_activity    (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_command_dossier     (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);

/* crm-cli-documents.c */
int             crm_cli_command_attach      (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_log_eml             (CrmCli           *cli,
                                             CrmStore         *store,
                                             gint64            company_id,
                                             const char       *path);

/* crm-cli-segments.c */
int             crm_cli_command_segments    (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_command_segment_create (CrmCli        *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_command_segment_delete (CrmCli        *cli,
                                             int               argc,
                                             char            **argv);

/* crm-cli-history.c */
int             crm_cli_command_log         (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
int             crm_cli_command_history     (CrmCli           *cli,
                                             int               argc,
                                             char            **argv);
gboolean        crm_cli_segment_clients     (CrmStore         *store,
                                             const char       *segment,
                                             const char       *query,
                                             CrmClientSort     sort,
                                             gboolean          descending,
                                             guint             limit,
                                             GPtrArray        *rows,
                                             gboolean         *more,
                                             GError          **error);

G_END_DECLS
