/*
** echelon migrate, backup and restore: a whole database copied into an
** empty one of either backend (SQLite, PostgreSQL), verified equal by the
** tables' counts and checksums, which the command prints.
*/
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "echelon/migrate.h"

/* On a terminal, one line rewritten as the tables go by. */
static void progress(void *ctx, const char *table, int index, int ntables, int64_t rows)
{
	(void)ctx;
	fprintf(stderr, "\r\033[K%d/%d %s: %lld", index + 1, ntables, table, (long long)rows);
	if (index + 1 == ntables)
		fputc('\n', stderr);
	fflush(stderr);
}

/* The counts and checksums of both sides, as far as the copy got. */
static int write_result(const struct ec_migrate_result *r, enum ec_format fmt)
{
	static const char *const names[] = { "table", "source_rows", "target_rows", "source_sha256", "target_sha256" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT };
	struct ec_table t;

	ec_table_init(&t, 5, names, kinds);
	for (size_t i = 0; i < r->n; i++) {
		const struct ec_migrate_table *m = &r->tables[i];
		char from[24], to[24];
		snprintf(from, sizeof from, "%lld", (long long)m->rows_from);
		snprintf(to, sizeof to, "%lld", (long long)m->rows_to);
		ec_table_addv(&t, m->name, from, to, m->sha_from, m->sha_to);
	}
	return cli_write_table(&t, fmt);
}

typedef int (*copy_fn)(const char *from, const char *to, ec_migrate_progress_fn progress, void *ctx,
		       struct ec_migrate_result *out, struct ec_diag *d);

/* Runs one copy and reports it: the table on success (or when the check
** found a difference), the problems otherwise. */
static int run_copy(const struct cli_args *a, copy_fn copy, const char *from, const char *to, const char *subject)
{
	struct ec_migrate_result r;
	struct ec_diag d;
	enum ec_format fmt;
	int rc, status;

	if ((rc = cli_format(a, &fmt)))
		return rc;
	ec_diag_init(&d, 20);
	status = copy(from, to, isatty(STDERR_FILENO) ? progress : NULL, NULL, &r, &d);
	if (status == EC_OK || r.differs)
		rc = write_result(&r, fmt);
	if (status != EC_OK)
		rc = cli_refused(status, &d, subject);
	else if (fmt == EC_FMT_TABLE)
		printf(cli_lang() == EC_LANG_ZH ? "%s → %s：%zu 个数据表，行数与校验值一致\n"
						: "%s -> %s: %zu tables, counts and checksums equal\n",
		       from, to, r.n);
	ec_migrate_result_release(&r);
	ec_diag_release(&d);
	return rc;
}

static int migrate_run(struct cli_args *a)
{
	if (!cli_opt(a, "from") || !cli_opt(a, "to"))
		return cli_usage(a, "--from and --to are required");
	return run_copy(a, ec_app_migrate, cli_opt(a, "from"), cli_opt(a, "to"), cli_opt(a, "to"));
}

static int backup_run(struct cli_args *a)
{
	if (!cli_opt(a, "db") || !cli_opt(a, "output"))
		return cli_usage(a, "--db and -o/--output are required");
	return run_copy(a, ec_app_backup, cli_opt(a, "db"), cli_opt(a, "output"), cli_opt(a, "output"));
}

static int restore_run(struct cli_args *a)
{
	if (!cli_opt(a, "db"))
		return cli_usage(a, "--db is required");
	return run_copy(a, ec_app_restore, a->positional[0], cli_opt(a, "db"), cli_opt(a, "db"));
}

static const struct cli_option migrate_opts[] = {
	{ "from", "URI", "the database to copy: sqlite:FILE or postgres://..." },
	{ "to", "URI", "the empty database to copy into: sqlite:FILE (created) or postgres://..." },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_migrate = {
	"migrate", migrate_run, 0, 0, "--from URI --to URI", "copy a database into an empty one, verified equal",
	"Copies every table of the database at --from into the database at --to,\n"
	"in one transaction, then counts and checksums every table on both sides\n"
	"(SHA-256 over the rows in key order) and commits only when all are equal.\n"
	"Each URI is sqlite:FILE, a file, or a PostgreSQL URI. The target must hold\n"
	"no data (a new SQLite file is created); otherwise nothing is written.",
	migrate_opts, NULL, CLI_READS,
};

static const struct cli_option backup_opts[] = {
	{ "db", "URI", "the database to back up: a file or postgres://..." },
	{ "output", "FILE", "the backup to write, a new SQLite file" },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_backup = {
	"backup", backup_run, 0, 0, "--db URI -o FILE", "back a database up into a new SQLite file",
	"Writes the whole database into FILE, a SQLite echelon database of the\n"
	"same schema, verified equal as `echelon migrate` does. FILE must not\n"
	"exist. `echelon restore` copies it back into either backend.",
	backup_opts, NULL, CLI_READS,
};

static const struct cli_option restore_opts[] = {
	{ "db", "URI", "the empty database to restore into: a file or postgres://..." },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_restore = {
	"restore", restore_run, 1, 1, "FILE --db URI", "restore a backup into an empty database",
	"Copies the backup FILE (written by `echelon backup`) into the database at\n"
	"--db, which must hold no data, verified equal as `echelon migrate` does.",
	restore_opts, NULL, CLI_READS,
};
