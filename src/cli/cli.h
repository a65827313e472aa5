/*
** The command's shared parts: the command table entry, option parsing done
** once for every command, and the helpers commands use to open a store and
** report errors. Commands see libechelon only through its public headers.
*/
#ifndef EC_CLI_H
#define EC_CLI_H

#include <stdio.h>

#include "echelon/app.h"
#include "echelon/catalog.h"
#include "echelon/csv.h"
#include "echelon/echelon.h"
#include "echelon/output.h"
#include "echelon/problem.h"
#include "echelon/store.h"

#define CLI_MAX_ARGS 16

/* Whether a command or verb takes an actor: one that changes the database
** (or audits what it runs) applies the role and scope of --as USER; one
** that reads runs as the operator of this machine and refuses --as. */
enum { CLI_READS = 0, CLI_ACTS = 1 };

struct cli_option {
	const char *name;  /* without the leading "--" */
	const char *arg;   /* NULL: a flag; else the argument's name for help */
	const char *help;
};

struct cli_args {
	const struct cli_command *cmd;
	const struct cli_verb *verb;  /* of a command with verbs; positional[0] names it */
	const char *as;    /* --as USER, for a command or verb that acts (CLI_ACTS) */
	const char *lang;  /* --lang en|zh, for every command */
	const char *positional[CLI_MAX_ARGS];
	int npositional;
	const char *values[64]; /* by option index; flags get "" */
};

/* A verb of a command family ("cluster add", "cluster list"): checked
** before it runs, like a command, and given only the options it takes. */
struct cli_verb {
	const char *name;
	int (*run)(struct cli_args *a);
	int min_args, max_args;  /* positional arguments after the verb */
	const char *usage;       /* after "echelon COMMAND VERB " */
	const char *summary;     /* one line */
	const char *options;     /* the command's options it takes, by name, separated by spaces */
	int acts;                /* CLI_ACTS: takes an actor (--as); else CLI_READS */
};

struct cli_command {
	const char *name;
	int (*run)(struct cli_args *a); /* NULL for a command with verbs */
	int min_args, max_args;  /* positional arguments */
	const char *usage;       /* after "echelon NAME " */
	const char *summary;     /* one line */
	const char *help;        /* paragraphs after the usage */
	const struct cli_option *options;
	const struct cli_verb *verbs; /* NULL, or the verbs, ended by one with no name */
	int acts;                /* CLI_ACTS: takes an actor (--as); a command with verbs: by verb */
};

/* The value of option `name`, or NULL when absent. */
const char *cli_opt(const struct cli_args *a, const char *name);
/* The value of option `name`, or def. */
const char *cli_opt_or(const struct cli_args *a, const char *name, const char *def);

/* Prints "echelon: " + message to stderr. Returns the given exit code. */
int cli_fail(int exit_code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A usage error for the current command (exit 2), with a pointer to help. */
int cli_usage(const struct cli_args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses --format (default table). Returns 0 or an exit code. */
int cli_format(const struct cli_args *a, enum ec_format *fmt);
/* Parses a YYYY-MM option value; -1 when absent. Returns 0 or an exit code. */
int cli_period(const struct cli_args *a, const char *name, int *period);
/* A number option >= 0 into *out (unchanged when absent). Returns 0 or an
** exit code. */
int cli_amount(const struct cli_args *a, const char *name, double *out);
/* Writes and releases a table. Returns 0 or an exit code. */
int cli_write_table(struct ec_table *t, enum ec_format fmt);
/* Prints up to the kept problems, one line each in the user's language,
** and a count of the rest. */
void cli_print_diag(const struct ec_diag *d);

/* Opens the application over --db (required). Returns 0 or an exit code. */
int cli_open_app(const struct cli_args *a, int flags, struct ec_app **app);
/* Who runs the command: the account of --as, else the login. Only for a
** command or verb marked CLI_ACTS (main.c refuses --as for the others).
** Returns 0 or an exit code (the problem printed). */
int cli_actor(const struct cli_args *a, struct ec_app *app, struct ec_actor *who);
/* A refused change: prints each problem as "echelon: SUBJECT: PROBLEM"
** (subject may be NULL) and returns the exit code of status. */
int cli_refused(int status, const struct ec_diag *d, const char *subject);
/* An import of a registry's or library's file through the application
** (ec_app_cluster_import, ec_app_project_import): the file mapped, the
** problems printed, one line on success. Returns the exit code. */
typedef int (*cli_import_fn)(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			     const char *data, size_t len, int64_t *rows, struct ec_diag *d);
int cli_import(const struct cli_args *a, cli_import_fn import, const char *what, const char *path);
/* The export of such a file to standard output. Returns the exit code. */
typedef int (*cli_export_fn)(struct ec_app *app, const char *what, FILE *out, char **err);
int cli_export(const struct cli_args *a, cli_export_fn export, const char *what);
/* One change through the application: opens it over --db, finds the
** actor, calls change(app, who, ctx, d) and ends as cli_changed. Returns
** the exit code. */
typedef int (*cli_change_fn)(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d);
int cli_change(const struct cli_args *a, cli_change_fn change, void *ctx, const char *what, const char *code,
	       const char *done);
/* The end of a change: "WHAT CODE DONE" on success, else its problems
** under "WHAT CODE". Returns the exit code. */
int cli_changed(int status, struct ec_diag *d, const char *what, const char *code, const char *done);

/* The user's language: --lang, else the environment's, else English. */
enum ec_lang cli_lang(void);
/* Sets it from the environment: ECHELON_LANG, else the first set of
** LC_ALL, LC_MESSAGES and LANG (POSIX's order); zh_* (zh-CN, zh) is
** Chinese, anything else English. Can't fail. */
void cli_lang_from_env(void);
/* Sets it from --lang, when given. Returns 0 or an exit code. */
int cli_set_lang(const struct cli_args *a);
/* A help text of the command tables (a summary, an option's help) in the
** user's language: its Chinese (help_zh.c) when the language is Chinese
** and there is one, else english itself. Can't fail. */
const char *cli_help_text(const char *english);

/* The commands, one file each (cmd_NAME.c). */
extern const struct cli_command cmd_init, cmd_import, cmd_export, cmd_template, cmd_catalog, cmd_classify, cmd_monitor, cmd_complexity, cmd_demo,
	cmd_serve, cmd_user, cmd_audit, cmd_cluster, cmd_project, cmd_fund, cmd_allocate, cmd_status, cmd_digital, cmd_incentive,
	cmd_scenario, cmd_report, cmd_migrate, cmd_backup, cmd_restore;

/* The library for reading, shared by the project and fund commands
** (cmd_project.c): the output format, the application over --db, its
** catalogue, the checked --priority-areas, the library, and the month to
** measure at (--period, else the latest with progress). */
struct cli_library {
	enum ec_format fmt;
	struct ec_app *app;
	const struct ec_catalog *cat;
	const char *areas;
	struct ec_funding f;
	int period;
};

/* Opens it. Returns 0 (the caller closes it) or an exit code (nothing left
** open). */
int cli_library_open(const struct cli_args *a, struct cli_library *l);
void cli_library_close(struct cli_library *l);
/* Prints the ranked matches of a fund or of a project. */
int cli_print_matches(const struct cli_library *l, const char *fund, const char *project);
/* --priority-areas checked against the catalogue's areas (NULL without). */
int cli_priority_areas(const struct cli_args *a, const struct ec_catalog *cat, const char **areas);
/* An allocation's request from `echelon allocate`'s options (shared by
** `echelon report allocation`): the solver's options and the month before
** the database is opened, then the priority areas and the quotas file
** (*quotas, caller frees) against its catalogue. Return 0 or an exit code. */
int cli_allocation_options(struct cli_args *a, struct ec_allocation_request *rq);
int cli_allocation_inputs(struct cli_args *a, struct ec_app *app, struct ec_allocation_request *rq,
			  struct ec_quota **quotas);

#endif
