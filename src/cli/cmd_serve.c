/*
** echelon serve: the JSON API and the dashboard over HTTP.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/app.h"
#include "echelon/server.h"

static int whole(const struct cli_args *a, const char *name, long lo, long hi, long *out)
{
	const char *v = cli_opt(a, name);
	char *end;

	if (!v)
		return EC_EXIT_OK;
	*out = strtol(v, &end, 10);
	if (*end || end == v || *out < lo || *out > hi)
		return cli_usage(a, "--%s number.range|value=%s|min=%ld|max=%ld", name, v, lo, hi);
	return EC_EXIT_OK;
}

static int serve_run(struct cli_args *a)
{
	struct ec_server_config cfg;
	long threads = 0, body_kib = 1024, upload_mib = 64, timeout = 30, hours = 12, per_address = 64, jobs = 0,
	     per_user = 4, job_hours = 24, header_timeout = 15;
	char *err = NULL;
	int rc;

	if (cli_opt(a, "openapi")) {
		ec_server_openapi(stdout);
		return EC_EXIT_OK;
	}
	if (cli_opt(a, "routes")) {
		ec_server_routes(stdout, strcmp(cli_opt_or(a, "format", "table"), "json") == 0);
		return EC_EXIT_OK;
	}
	if (!cli_opt(a, "db"))
		return cli_usage(a, "cli.required|option=--db|arg=FILE");
	if ((rc = whole(a, "threads", 1, 256, &threads)) || (rc = whole(a, "max-body-kib", 1, 1 << 20, &body_kib)) ||
	    (rc = whole(a, "max-upload-mib", 1, 4096, &upload_mib)) || (rc = whole(a, "timeout", 1, 3600, &timeout)) ||
	    (rc = whole(a, "session-hours", 1, 24 * 30, &hours)) ||
	    (rc = whole(a, "max-connections-per-address", 1, 4096, &per_address)) || (rc = whole(a, "jobs", 1, 64, &jobs)) ||
	    (rc = whole(a, "jobs-per-user", 1, 64, &per_user)) || (rc = whole(a, "job-hours", 1, 24 * 30, &job_hours)) ||
	    (rc = whole(a, "header-timeout", 1, 3600, &header_timeout)))
		return rc;
	/* a replica streams PostgreSQL's log: both ends are PostgreSQL */
	if (cli_opt(a, "read-db") && (!ec_app_announces(cli_opt(a, "db")) || !ec_app_announces(cli_opt(a, "read-db"))))
		return cli_usage(a, "cli.read_db");
	memset(&cfg, 0, sizeof cfg);
	cfg.db = cli_opt(a, "db");
	cfg.listen = cli_opt_or(a, "listen", "127.0.0.1:8080");
	cfg.threads = (int)threads;
	cfg.web_root = cli_opt(a, "web");
	cfg.max_body = (size_t)body_kib << 10;
	cfg.max_upload = (size_t)upload_mib << 20;
	cfg.timeout_s = (int)timeout;
	cfg.header_timeout_s = (int)header_timeout;
	cfg.access_log = cli_opt(a, "access-log");
	cfg.secure_cookies = cli_opt(a, "secure-cookies") != NULL;
	cfg.behind_proxy = cli_opt(a, "behind-proxy") != NULL;
	cfg.read_db = cli_opt(a, "read-db");
	cfg.session_hours = (int)hours;
	cfg.max_per_address = (int)per_address;
	cfg.jobs = (int)jobs;
	cfg.jobs_per_user = (int)per_user;
	cfg.job_hours = (int)job_hours;
	cfg.ready = stdout;
	rc = ec_server_run(&cfg, &err);
	if (rc != EC_OK) {
		rc = cli_fail(ec_exit_code(rc) == EC_EXIT_USAGE ? EC_EXIT_USAGE : EC_EXIT_IO, "%s", err);
		free(err);
		return rc;
	}
	return EC_EXIT_OK;
}

static const struct cli_option serve_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "listen", "HOST:PORT", "address to listen on (default 127.0.0.1:8080; port 0 picks one)" },
	{ "threads", "N", "worker threads (default: one per core)" },
	{ "web", "DIR", "the dashboard's files (default: web/dist of the source tree)" },
	{ "max-body-kib", "N", "largest request body, KiB (default 1024)" },
	{ "max-upload-mib", "N", "largest upload, MiB (default 64)" },
	{ "timeout", "S", "idle connection timeout, seconds (default 30)" },
	{ "header-timeout", "S", "time for a request's headers to arrive, from the connection's start or its last answer, however slowly they trickle (default 15)" },
	{ "session-hours", "H", "session lifetime (default 12)" },
	{ "access-log", "FILE", "access log file (default standard error; - for none)" },
	{ "max-connections-per-address", "N", "open connections from one address (default 64; more are refused)" },
	{ "jobs", "N", "long work (allocations, imports, cluster analysis) run at once, at idle priority (default: one per core and one more, at least 3)" },
	{ "jobs-per-user", "N", "jobs an account may have waiting or running (default 4; more get 429)" },
	{ "job-hours", "H", "how long a finished job's answer is kept (default 24)" },
	{ "behind-proxy", NULL, "a proxy on this machine (nginx) sends the requests: the sign-in limits count the address it names last in X-Forwarded-For" },
	{ "read-db", "URI", "a streaming replica of the PostgreSQL --db: the dashboard's reads go to it once it has replayed every change the server knows of" },
	{ "secure-cookies", NULL, "mark cookies Secure on loopback too (always so on any other address)" },
	{ "openapi", NULL, "print the OpenAPI description of the routes and exit" },
	{ "routes", NULL, "print the route table and exit" },
	{ "format", "FMT", "with --routes: table (default) or json" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_serve = {
	"serve", serve_run, 0, 0, "--db FILE [--listen 127.0.0.1:8080] [--threads N]",
	"serve the JSON API and the dashboard",
	"Serves /api/v1 (docs/api/README.md, docs/api/openapi.yaml) and the dashboard's\n"
	"files until SIGINT or SIGTERM, then finishes the requests in flight and\n"
	"closes the database. One access-log line per request. Long work runs as\n"
	"jobs (202 and GET /api/v1/jobs/ID) on their own threads; a stop cancels\n"
	"those running and records them as failed.",
	serve_opts, NULL, CLI_READS,
};
