/*
** Private to the server: a request's state, the route table's shape, and
** the helpers handlers use to read parameters and answer.
*/
#ifndef EC_SERVER_INT_H
#define EC_SERVER_INT_H

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "echelon/app.h"
#include "echelon/auth.h"
#include "echelon/catalog.h"
#include "echelon/cluster.h"
#include "echelon/echelon.h"
#include "echelon/monitor.h"
#include "echelon/sdc.h"
#include "echelon/server.h"
#include "echelon/store.h"
#include "parse.h"

/* Role bits of a route. */
#define R_ADMIN (1u << EC_ROLE_ADMIN)
#define R_ANALYST (1u << EC_ROLE_ANALYST)
#define R_AGENCY (1u << EC_ROLE_AGENCY)
#define R_FUND (1u << EC_ROLE_FUND)
#define R_ENTERPRISE (1u << EC_ROLE_ENTERPRISE)
#define R_ALL (R_ADMIN | R_ANALYST | R_AGENCY | R_FUND | R_ENTERPRISE)
#define R_PUBLIC 0u

/* Route flags. */
#define F_UPLOAD 1u  /* the body may be as large as an upload */
#define F_NO_CSRF 2u /* state-changing but needs no CSRF token (sign-in) */
/* A GET whose answer depends on nothing but the data, the path, the query
** parameters and the asker's role and scope: its answers are kept (cache.c)
** until the data generation moves, ... */
#define F_KEEP 4u
/* ... and, for one read from the store, which another process (the
** command) may change behind the server's back, made again when asked for
** more than CACHE_STORE_S seconds after it was made: off the request
** threads (refresh.c), the old answer served meanwhile, though never one
** older than CACHE_STALE_S. */
#define F_KEEP_BRIEF 8u
#define CACHE_STORE_S 5
#define CACHE_STALE_S 600
/* The body is a scenario's attachment: its limit EC_ATTACHMENT_MAX_BYTES
** (and a little for a multipart form's headers), checked on the
** Content-Length before the body is read. */
#define F_ATTACHMENT 16u
#define ATTACHMENT_FORM_SLACK 4096u

struct request;
typedef void (*handler_fn)(struct request *r);

struct route {
	const char *method;
	const char *path;       /* segments; "{name}" matches one segment */
	handler_fn handler;
	unsigned roles;         /* R_PUBLIC: anyone, signed in or not */
	unsigned flags;
	const char *summary;
	const char *params;     /* "name:in:type:required:description|..." */
	const char *responds;   /* the success answer, for the OpenAPI file */
};

extern const struct route ec_routes[];
extern const size_t ec_nroutes;

/* The server's shared state. */
struct server {
	struct ec_server_config cfg;
	struct MHD_Daemon *daemon;
	char web_root[4096];      /* realpath of the static root, "" if none */
	pthread_key_t app_key;    /* the application per thread, over its own connection */
	pthread_mutex_t apps_lock;
	struct ec_app **apps;     /* every one, to close at the end */
	size_t napps;
	struct ec_catalog catalog;
	struct ec_sdc_rule sdc;   /* the disclosure control of every figure that leaves */
	pthread_rwlock_t cube_lock;
	struct ec_monitor *cube;  /* NULL when there are no reports, or they make none (cube_error) */
	char cube_error[400];     /* why the last build failed, "" when it did not (under cube_lock) */
	uint64_t generation;      /* bumped at every change of the facts or the cluster registry (atomic; written under cube_lock) */
	uint64_t library_generation; /* bumped at every change of the project library (atomic) */
	struct ec_limiter *by_account, *by_address;
	pthread_mutex_t log_lock;
	FILE *log;
	struct cache *cache;      /* answers of the F_KEEP routes, discovery and evaluation */
	int active;               /* requests in flight (atomic) */
	uint64_t auth_generation; /* moved by sign-outs and account changes */
	pthread_mutex_t cluster_lock; /* over cluster_data: taken to find or load it, not to use it */
	struct cluster_data *cluster_data; /* loaded on first use, shared by reference */
	struct jobs *jobs;        /* long work off the request path (jobs.c) */
	struct refresher *refresher; /* F_KEEP_BRIEF answers made again (refresh.c) */
	pthread_mutex_t conns_lock; /* the open connections, watched for their header deadline */
	pthread_cond_t conns_wake;
	struct conn *conns;
	int conns_stop;
	pthread_t conns_watcher;
	/* several servers on one PostgreSQL store (listen.c) */
	int listening;            /* announcements are heard and sent */
	char instance[17];        /* this process's name in its announcements */
	pthread_t listener;
	int listen_stop;          /* atomic */
	pthread_mutex_t announce_lock; /* over announcer */
	struct ec_app *announcer; /* its connection sends ours */
	int64_t cube_facts;       /* the facts' generation the cube has at least (atomic) */
	struct ec_app *listener_app; /* the listener's, opened before it starts */
	/* readers on a streaming replica (--read-db) */
	pthread_key_t read_key;   /* the application per thread on the replica */
	uint64_t fresh_pos;       /* the primary's log position after the last change known
				  ** (atomic): a replica past it may answer */
	int64_t replica_failed_ms; /* when opening the replica last failed (atomic) */
};

/* A name and a value: a query parameter or a header of a job's request. */
struct kv {
	const char *key, *value;
};

/* One request. Memory from req_alloc lives until the request ends. */
struct request {
	struct server *srv;
	struct MHD_Connection *conn;
	const struct route *route;
	const char *method, *url;
	const char *path_params[4];
	int npath_params;
	struct ec_buf body;
	int body_too_large;
	int admitted;             /* admit() has looked at it */
	int nparams;              /* its query parameters, counted before libmicrohttpd stored them (on_uri) */
	int accepts_gzip;         /* its Accept-Encoding takes gzip */
	int detached;             /* a copy (req_detach): parameters and headers in args, headers */
	int refreshing;           /* a copy answered into the cache only (refresh.c) */
	const char *cache_key;    /* an F_KEEP route's: its answer is kept under it */
	uint64_t cache_generation; /* server_answers_generation before the handler ran */
	struct ec_user user;      /* valid when signed_in */
	struct ec_session session;
	int signed_in;
	struct ec_app *app;       /* this thread's (on the replica: from_replica) */
	int from_replica;         /* read from the streaming replica (--read-db) */
	struct ec_actor actor;    /* who asks: the signed-in account */
	/* the answer */
	unsigned status;
	size_t bytes;
	struct timespec start;
	int answered;
	struct arena *arena;
	const char *set_cookie[2];
	const char *content_type;
	const char *location;     /* a Location header for the answer, or NULL */
	const char *disposition;  /* a Content-Disposition header (a download), or NULL */
	/* A job's copy of a request (job_defer): it has no connection; its
	** parameters and headers are copied here, and its answer is kept as
	** the job's result instead of being sent. A refresh's copy likewise,
	** its answer kept in the cache. */
	struct job *job;
	struct kv *args, *headers;
	size_t nargs, nheaders;
};

/* Memory that lives as long as the request. Never NULL. */
void *req_alloc(struct request *r, size_t n);
char *req_strdup(struct request *r, const char *s);

/* A query parameter, or NULL. */
const char *req_arg(struct request *r, const char *name);
/* The body as a JSON object (caller decrefs), or NULL after answering 400. */
json_t *req_json_object(struct request *r);
/* A string field of a JSON body and the const char * of a change struct
** it goes to (parse.h). */
#define JSON_TEXT(type, field) { #field, offsetof(type, field) }

/* Points the change's fields at the strings present in body (which must
** outlive the change; parse_json_texts). Returns 0, or -1 after answering
** 400 for a field that is not a string or holds a NUL. */
int req_json_texts(struct request *r, json_t *body, const struct parse_text_field *fields, size_t n, void *change);

/* Answers a change the application refused: 400 (or data_status for a
** rejected file) for malformed or rule-breaking input, 404, 403, or 500
** (logged) for a failed store; the first problem as error.{message, field,
** problem, params}, every kept one in error.problems, each written in
** English with its code and parameters for the dashboard to translate. */
void reply_refused(struct request *r, int status, const struct ec_diag *d, unsigned data_status);
/* The problems of d (at least one) at an HTTP status of the caller's
** choosing, shaped as reply_refused shapes them. */
void reply_problems(struct request *r, unsigned http, const struct ec_diag *d);
/* Coded messages joined by "; " (a match's reasons, an award's steps;
** ec_coded_decode) as a JSON array of {code, params, message}, as problems
** are; a part that is not coded as {code: "", params: {}, message}. */
json_t *coded_list_json(const char *text);
/* One problem as JSON: {code, message, field?, line?, params}. */
json_t *problem_json(const struct ec_problem *p);

/* A request header, or NULL. */
const char *req_header(struct request *r, const char *name);

/* Answers with JSON (takes the reference) or with a body the request owns. */
void reply_json(struct request *r, unsigned status, json_t *body);
void reply_text(struct request *r, unsigned status, const char *content_type, const char *body, size_t len);
/* The same with a body from ec_malloc, which the answer takes over. */
void reply_owned(struct request *r, unsigned status, const char *content_type, char *body, size_t len);
/* A table route's download (download.c): whether the request asks for one
** (?format=csv|xlsx, with ?lang and ?raw: parse_download). Returns 1 with
** x filled, 0 for the JSON answer, or -1 having answered 400. */
int req_download(struct request *r, struct ec_export *x /* OUT */);
/* Answers with the tables as the file x asks for, named base.csv or
** base.xlsx (a sheet per table in a workbook, named sheets[i]). */
void reply_download(struct request *r, const struct ec_table *const *t, const char *const *sheets, size_t n,
		    const struct ec_export *x, const char *base);
/* The tables of a JSON answer (its members that are arrays of flat
** objects, e.g. a finished job's: plan, lacking, binding) as a download;
** 404 when it has none. */
void reply_download_json(struct request *r, const char *json_text, const struct ec_export *x, const char *base);
/* The same for one table. */
void reply_download_one(struct request *r, const struct ec_table *t, const char *sheet, const struct ec_export *x,
			const char *base);
/* Drops every thread's cached sessions (after a sign-out or an account
** change). */
void server_auth_changed(struct server *s);
/* One problem as the answer, as reply_problems gives the first of a list:
** {"error": {"code": the status's name, "problem": code, "message"
** (English), "params", "field"?}}; the parameters are name, value pairs
** ended by NULL. The dashboard says it in its user's language. */
void reply_problem(struct request *r, unsigned http, const char *code, const char *field, ...);
/* A parser's problem (parse.h) as a 400 naming its field. */
struct parse_problem;
void reply_parse_problem(struct request *r, struct parse_problem *pb);
/* A 400 about field (NULL: none) from a library message: the problem
** when it is coded ("code|name=value…"), else request.invalid with the
** message as its detail. */
void reply_invalid(struct request *r, const char *field, const char *message);
/* An error from a library status: 404 for EC_ENOTFOUND, 422 for EC_EDATA,
** 400 for EC_EUSAGE, 500 otherwise (the message is logged, not shown). */
void reply_status(struct request *r, int status, const char *message);

/* The current cube (a read lock is held until cube_release). */
struct ec_monitor *cube_acquire(struct server *s);
void cube_release(struct server *s);
/* Rebuilds the cube after a change of the data and bumps the generation.
** When the rebuild fails the previous cube is kept and served, and the
** log says so. Returns 0 or the failure's status. */
int server_reload(struct server *s, struct ec_app *app);


/* The current data generation: of the facts, the cube and the cluster
** registry. */
uint64_t server_generation(struct server *s);
/* What the answers of the F_KEEP routes are kept for: the data generation
** and the project library's; it moves when either does. */
uint64_t server_answers_generation(struct server *s);
/* Drops the kept answers after a change of the project library. */
void server_library_changed(struct server *s);

/* A cache of answers by key, of slots entries and bodies of max_bytes in
** all, each for the generation it was made for. Never NULL. */
struct cache *cache_new(size_t slots, size_t max_bytes);
void cache_free(struct cache *c);
/* Answers r (a job: keeps the bytes as its result) with the answer kept
** under key for generation and made less than max_age_s seconds ago (0:
** at any age), gzip-encoded when r accepts it and that is smaller.
** Returns 1 when it answered, 0 when there is no such answer. */
int cache_reply(struct cache *c, struct request *r, const char *key, uint64_t generation, int max_age_s);
/* The same with an answer up to stale_s seconds old (0: any age).
** Returns 0 when there is none, 1 when it answered with one younger than
** fresh_s seconds, 2 with an older one. */
int cache_reply_stale(struct cache *c, struct request *r, const char *key, uint64_t generation, int fresh_s,
		      int stale_s);
/* Keeps a 200 answer of content type type (a static string) under key for
** generation; body is copied. When the cache is full of answers made in
** the last CACHE_STORE_S seconds it is not kept. Can't fail. */
void cache_put(struct cache *c, const char *key, uint64_t generation, const char *type, const char *body, size_t len);
/* Forgets the answer kept under key, if any. */
void cache_drop(struct cache *c, const char *key);
/* A copy of the kept body (NUL-terminated; the caller frees), or NULL. */
char *cache_copy(struct cache *c, const char *key, uint64_t generation);

/* Content-Security-Policy, nosniff, Referrer-Policy, frame denial; and
** Cache-Control: no-store for API answers. */
void add_security_headers(struct MHD_Response *resp, int api);

/* Static files. */
void serve_static(struct request *r);

/* Handlers, one file per resource. */
void h_health(struct request *r);
void h_complexity(struct request *r);
void h_digital_questionnaire(struct request *r);
void h_digital_benchmark(struct request *r);
void h_digital_import(struct request *r);
void h_digital_history(struct request *r);
void h_digital_show(struct request *r);
void h_digital_answer(struct request *r);
void h_digital_submit(struct request *r);
void h_digital_next(struct request *r);
void h_complexity_leaders(struct request *r);
void h_session_create(struct request *r);
void h_session_get(struct request *r);
void h_session_delete(struct request *r);
void h_catalog(struct request *r);
void h_enums(struct request *r);
void h_monitor(struct request *r);
void h_report_bulletin(struct request *r);
void h_report_publish(struct request *r);
void h_report_cluster(struct request *r);
void h_report_allocation(struct request *r);
void h_reports_published(struct request *r);
void h_report_published(struct request *r);
/* The last period the current cube measures (-1: none). */
int report_last_period(struct server *s);
/* After an import: when the cube now measures a month past last_before,
** the national bulletin of that month published as the importer
** ({id, period}); else, or when it cannot be made (logged), JSON null. */
json_t *report_after_import(struct request *r, int last_before);
void h_monitor_series(struct request *r);
void h_monitor_periods(struct request *r);
void h_enterprises(struct request *r);
void h_enterprise(struct request *r);
void h_enterprise_series(struct request *r);
void h_import(struct request *r);
void h_imports(struct request *r);
void h_users(struct request *r);
void h_user_create(struct request *r);
void h_user_update(struct request *r);
void h_audit(struct request *r);
void h_clusters(struct request *r);
void h_cluster(struct request *r);
void h_cluster_series(struct request *r);
void h_cluster_create(struct request *r);
void h_cluster_update(struct request *r);
void h_cluster_discover(struct request *r);
void h_cluster_discover_kdist(struct request *r);
void h_cluster_evaluation(struct request *r);
void h_projects(struct request *r);
void h_project(struct request *r);
void h_project_create(struct request *r);
void h_project_update(struct request *r);
void h_project_progress(struct request *r);
void h_funds(struct request *r);
/* Incentive programmes and the subsidy ledger (h_incentives.c). */
void h_incentive_programmes(struct request *r);
void h_incentive_programme(struct request *r);
void h_incentive_programme_create(struct request *r);
void h_incentive_rules(struct request *r);
void h_incentive_claim(struct request *r);
void h_incentive_commitment(struct request *r);
void h_incentive_payment(struct request *r);
void h_incentive_reversal(struct request *r);
void h_incentive_ledger(struct request *r);
void h_incentive_awards(struct request *r);
void h_fund(struct request *r);
void h_fund_create(struct request *r);
void h_fund_update(struct request *r);
void h_public_scenarios(struct request *r);
void h_scenarios(struct request *r);
void h_scenario(struct request *r);
void h_scenario_create(struct request *r);
void h_scenario_update(struct request *r);
void h_scenario_transition(struct request *r);
void h_scenario_apply(struct request *r);
void h_scenario_withdraw(struct request *r);
void h_scenario_assign(struct request *r);
void h_scenario_score(struct request *r);
void h_scenario_select(struct request *r);
void h_scenario_project(struct request *r);
void h_scenario_attach(struct request *r);
void h_scenario_attachments(struct request *r);
void h_scenario_attachment(struct request *r);
void h_scenario_suppliers(struct request *r);
void h_scenario_batches(struct request *r);
void h_scenario_batch_create(struct request *r);
void h_scenario_applications(struct request *r);
void h_scenario_suggestions(struct request *r);
void h_notifications(struct request *r);
void h_allocation(struct request *r);

/* ---- jobs (jobs.c) ---- */

/* Starts the job threads and the recorder; marks the jobs a stopped server
** left as failed. Returns 0 or a status with *err. */
int jobs_start(struct server *s, struct ec_app *app, char **err);
/* Stops taking jobs, cancels those running (waiting a few seconds for
** them), records every unfinished one as failed and writes the records.
** Returns 1 when a job thread is still busy (the caller must not free
** what it may use), else 0. */
int jobs_stop(struct server *s);
/* Called by a handler once its input is checked: outside a job, copies the
** request into a job, queues it and answers 202 with it (or 429 or 503 when
** the account or the server has as many as it takes), and returns 1: the
** handler returns. Inside the job (the same handler run again on the
** copy) returns 0: the handler goes on and does the work. kind and label
** name the work for the user ("import", "reports.csv"). */
int job_defer(struct request *r, const char *kind, const char *label);
/* Inside a job: the step under way and the fraction of the work done
** (0..1, < 0 when unknown). Does nothing outside a job. */
void job_step(struct request *r, const char *step, double fraction);
/* The job's stop flag for the library's long work (ec_import_opts.cancel,
** ec_alloc_options.cancel), or NULL outside a job. */
const int *job_cancel_flag(struct request *r);
/* Inside a job whose work commits a change before it answers (an import):
** writes, with app (in the change's transaction, before its commit), the
** job's record "done" with answer, and keeps answer for a stop. Outside a
** job: nothing. Returns 0 or the store's failure. */
int job_stored(struct request *r, struct ec_app *app, const char *answer);
/* The change job_stored was written with has committed: a stop from now on
** records the job done with that answer, not failed. */
void job_committed(struct request *r);
/* Keeps the answer of a job's request as its result. */
void job_answer(struct request *r, unsigned status, const char *body, size_t len);
/* {"error": ...} of the problems of d at status http, as reply_problems
** sends it. */
json_t *problems_answer(unsigned http, const struct ec_diag *d);
/* A copy of r that outlives its connection: route, path parameters, who
** asks, query parameters and headers (req_arg and req_header read them),
** the cache key; r's body moves to it. Free with req_free_detached. Can't
** fail. */
struct request *req_detach(struct request *r);
/* Frees a copy of a request and what it owns. */
void req_free_detached(struct request *d);

/* ---- other servers on the same store (listen.c) ---- */

/* On PostgreSQL, starts the thread that hears the other servers' and the
** commands' changes. Returns 0, or EC_EIO with *err. */
int listen_start(struct server *s, char **err);
void listen_stop(struct server *s);
/* Tells the other servers of a change this one made and has committed
** ("data", "library", "auth"). Can't fail: a failure is logged. */
void server_announce(struct server *s, const char *what);
/* Moves the data generation (the kept answers) without announcing it. */
void server_data_moved(struct server *s);

/* ---- refreshes of F_KEEP_BRIEF answers (refresh.c) ---- */

/* Starts the refresher thread. Returns 0, or EC_EIO with *err. */
int refresh_start(struct server *s, char **err);
/* Stops it: what is queued is dropped, what runs finishes first. */
void refresh_stop(struct server *s);
/* Has r's answer (r->cache_key) made again off the request thread, unless
** it is already queued or under way, or the queue is full. Can't fail. */
void refresh_queue(struct request *r);
/* The answer of a refresh's copy: kept when it is 200; any other drops
** the old one (the next request is answered what the route now says). */
void refresh_answer(struct request *r, unsigned status, const char *content_type, const char *body, size_t len);
/* This thread's application (each thread has its own connection). */
struct ec_app *server_app(struct server *s);
/* With --read-db: notes the primary's log position through app (the
** primary's), after a change this server made or heard of, so that reads
** go to the replica only once it has replayed that far. */
void server_note_fresh(struct server *s, struct ec_app *app);
void h_template(struct request *r);
void h_jobs(struct request *r);
void h_job(struct request *r);
void h_job_cancel(struct request *r);

/* Bumps the data generation (drops cached answers) after a change. */
void server_data_changed(struct server *s);

/* The yearly sums behind cluster figures (ec_cluster_data), loaded once
** per data generation and shared: a reader holds a reference, not a lock,
** while it computes, so that a long evaluation keeps no profile waiting. */
struct cluster_data {
	struct ec_cluster_data d;
	uint64_t generation;
	int refs;                 /* under cluster_lock */
};
/* This generation's data, loaded when missing (the first caller loads,
** the others wait for it). Returns a reference to release, or NULL after
** answering (404 with the reason) when it could not be loaded. */
struct cluster_data *cluster_data_acquire(struct request *r);
void cluster_data_release(struct server *s, struct cluster_data *cd);

#endif
