/*
** This is the implementation of the echelon server: libmicrohttpd with a
** thread pool on epoll, one table of routes checked for roles and CSRF in
** one place, a memory arena per request, body limits, security headers, an
** access log, and a graceful stop on SIGINT or SIGTERM.
*/
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "server.h"

/* ---- the arena: blocks freed together when the request ends ---- */

struct arena {
	struct arena *next;
	size_t used, size;
	char data[];
};

void *req_alloc(struct request *r, size_t n)
{
	struct arena *a = r->arena;

	n = (n + 15) & ~(size_t)15;
	if (!a || a->used + n > a->size) {
		size_t size = n > 16384 ? n : 16384;
		a = ec_malloc(sizeof *a + size);
		a->next = r->arena;
		a->used = 0;
		a->size = size;
		r->arena = a;
	}
	a->used += n;
	return a->data + a->used - n;
}

char *req_strdup(struct request *r, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = req_alloc(r, n);
	memcpy(p, s, n);
	return p;
}

static void arena_free(struct arena *a)
{
	while (a) {
		struct arena *next = a->next;
		free(a);
		a = next;
	}
}

void req_free_detached(struct request *d)
{
	if (!d)
		return;
	ec_buf_release(&d->body);
	arena_free(d->arena);
	free(d);
}

/* ---- the copy of a request, for a job or a refresh ---- */

struct kv_list {
	struct request *d;
	struct kv *items;
	size_t n, cap;
};

static enum MHD_Result copy_kv(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct kv_list *l = cls;

	(void)kind;
	if (l->n == l->cap) {
		struct kv *grown = req_alloc(l->d, (l->cap ? 2 * l->cap : 16) * sizeof *grown);
		if (l->n)
			memcpy(grown, l->items, l->n * sizeof *grown);
		l->items = grown;
		l->cap = l->cap ? 2 * l->cap : 16;
	}
	l->items[l->n].key = req_strdup(l->d, key ? key : "");
	/* a parameter without '=' stays NULL, as libmicrohttpd gives it */
	l->items[l->n].value = value ? req_strdup(l->d, value) : NULL;
	l->n++;
	return MHD_YES;
}

struct request *req_detach(struct request *r)
{
	struct request *d = ec_calloc(1, sizeof *d);
	struct kv_list l;

	d->srv = r->srv;
	d->route = r->route;
	d->method = req_strdup(d, r->method);
	d->url = req_strdup(d, r->url);
	for (int i = 0; i < r->npath_params; i++)
		d->path_params[i] = req_strdup(d, r->path_params[i]);
	d->npath_params = r->npath_params;
	d->body = r->body; /* the body moves to the copy */
	ec_buf_init(&r->body, r->body.max);
	d->admitted = 1;
	d->detached = 1;
	d->user = r->user;
	d->session = r->session;
	d->signed_in = r->signed_in;
	d->actor = r->actor;
	d->start = r->start;
	if (r->cache_key)
		d->cache_key = req_strdup(d, r->cache_key);
	memset(&l, 0, sizeof l);
	l.d = d;
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, copy_kv, &l);
	d->args = l.items;
	d->nargs = l.n;
	memset(&l, 0, sizeof l);
	l.d = d;
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, copy_kv, &l);
	d->headers = l.items;
	d->nheaders = l.n;
	return d;
}

/* A copied parameter or header of a detached request (headers by any case). */
static const char *kv_find(const struct kv *items, size_t n, const char *name, int any_case)
{
	for (size_t i = 0; i < n; i++)
		if (any_case ? strcasecmp(items[i].key, name) == 0 : strcmp(items[i].key, name) == 0)
			return items[i].value;
	return NULL;
}

const char *req_arg(struct request *r, const char *name)
{
	if (r->detached)
		return kv_find(r->args, r->nargs, name, 0);
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

json_t *req_json_object(struct request *r)
{
	json_error_t jerr;
	json_t *body = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, &jerr);

	if (!json_is_object(body)) {
		json_decref(body);
		reply_problem(r, 400, "field.object", "body", NULL);
		return NULL;
	}
	return body;
}

int req_json_texts(struct request *r, json_t *body, const struct parse_text_field *fields, size_t n, void *change)
{
	struct parse_problem pb;

	if (parse_json_texts(body, fields, n, change, &pb) != EC_OK) {
		reply_parse_problem(r, &pb);
		return -1;
	}
	return 0;
}

const char *req_header(struct request *r, const char *name)
{
	if (r->detached)
		return kv_find(r->headers, r->nheaders, name, 1);
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* ---- answers ---- */

static const char *status_code_name(unsigned status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "too_large";
	case 422: return "rejected";
	case 429: return "too_many_requests";
	case 503: return "unavailable";
	default: return status >= 500 ? "internal" : "error";
	}
}

void add_security_headers(struct MHD_Response *resp, int api)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
				"script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
				"form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (api)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
}

/* Queues resp with the request's cookies and the security headers. */
static void queue(struct request *r, unsigned status, struct MHD_Response *resp, size_t bytes, int api)
{
	add_security_headers(resp, api);
	for (int i = 0; i < 2; i++)
		if (r->set_cookie[i])
			MHD_add_response_header(resp, "Set-Cookie", r->set_cookie[i]);
	if (r->location)
		MHD_add_response_header(resp, "Location", r->location);
	if (r->disposition)
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	if (r->from_replica)
		MHD_add_response_header(resp, "X-Echelon-Read", "replica");
	MHD_queue_response(r->conn, status, resp);
	MHD_destroy_response(resp);
	r->status = status;
	r->bytes = bytes;
	r->answered = 1;
}

/* An F_KEEP route's answer: kept, and sent from the cache (in its gzip
** form when the client takes it). Returns 1 when sent. */
static int keep(struct request *r, unsigned status, const char *content_type, const char *body, size_t len)
{
	if (!r->cache_key || status != 200)
		return 0;
	cache_put(r->srv->cache, r->cache_key, r->cache_generation, content_type, body, len);
	/* read from the replica: sent by the caller, which says so (queue) */
	if (r->from_replica)
		return 0;
	return cache_reply(r->srv->cache, r, r->cache_key, r->cache_generation, 0);
}

void reply_text(struct request *r, unsigned status, const char *content_type, const char *body, size_t len)
{
	if (r->job) {
		job_answer(r, status, body, len);
		return;
	}
	if (r->refreshing) {
		refresh_answer(r, status, content_type, body, len);
		return;
	}
	if (keep(r, status, content_type, body, len))
		return;
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);

	MHD_add_response_header(resp, "Content-Type", content_type);
	queue(r, status, resp, len, 1);
}

void reply_owned(struct request *r, unsigned status, const char *content_type, char *body, size_t len)
{
	if (r->job || r->refreshing) {
		reply_text(r, status, content_type, body, len);
		free(body);
		return;
	}
	if (keep(r, status, content_type, body, len)) {
		free(body);
		return;
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);

	MHD_add_response_header(resp, "Content-Type", content_type);
	queue(r, status, resp, len, 1);
}

void reply_json(struct request *r, unsigned status, json_t *body)
{
	char *text;

	if (!body && (r->job || r->refreshing)) {
		reply_text(r, status, "application/json; charset=utf-8", "null", 4);
		return;
	}
	if (!body) {
		struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		queue(r, status, resp, 0, 1);
		return;
	}
	text = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII * 0 | JSON_REAL_PRECISION(17));
	json_decref(body);
	if (!text) {
		reply_problem(r, 500, "request.write", NULL, NULL);
		return;
	}
	reply_text(r, status, "application/json; charset=utf-8", text, strlen(text));
	free(text);
}

/* s as a JSON string made valid UTF-8 (it may quote the client's bytes,
** or be cut inside a character), anything else '?'. */
static json_t *text_json(const char *s)
{
	json_t *j = json_string(s);
	char *t;
	size_t bad;

	if (j)
		return j;
	t = ec_strdup(s);
	while ((bad = ec_utf8_check(t, strlen(t))) != 0)
		t[bad - 1] = '?';
	j = json_string(t);
	free(t);
	return j;
}

/* The error object of an answer about p: p's code as "problem" beside the
** status's name as "code". */
static json_t *error_of(unsigned http, const struct ec_problem *p)
{
	json_t *err = problem_json(p);

	json_object_set(err, "problem", json_object_get(err, "code"));
	json_object_set_new(err, "code", json_string(status_code_name(http)));
	return err;
}

/* p as the answer. */
static void reply_one(struct request *r, unsigned http, const struct ec_problem *p)
{
	reply_json(r, http, json_pack("{s:o}", "error", error_of(http, p)));
}

/* A refusal whose message is coded ("code|name=value…", as the library
** writes the ones it has codes for) as that problem, about field when not
** NULL. Returns 1 when sent. */
static int reply_coded(struct request *r, unsigned http, const char *field, const char *message)
{
	struct ec_problem p;
	char *store;

	if (ec_coded_decode(message, &p, &store) != 0)
		return 0;
	p.field = field ? ec_strdup(field) : NULL;
	reply_one(r, http, &p);
	free(p.field);
	free(store);
	return 1;
}

void reply_invalid(struct request *r, const char *field, const char *message)
{
	if (!reply_coded(r, 400, field, message))
		reply_problem(r, 400, "request.invalid", field, "detail", message, NULL);
}

void reply_status(struct request *r, int status, const char *message)
{
	unsigned http = status == EC_ENOTFOUND ? 404 : status == EC_EDATA ? 422 : status == EC_EUSAGE ? 400 : 500;

	if (http < 500 && reply_coded(r, http, NULL, message))
		return;
	switch (status) {
	case EC_ENOTFOUND: reply_problem(r, 404, "request.refused", NULL, "detail", message, NULL); break;
	case EC_EDATA: reply_problem(r, 422, "request.refused", NULL, "detail", message, NULL); break;
	case EC_EUSAGE: reply_problem(r, 400, "request.invalid", NULL, "detail", message, NULL); break;
	default:
		/* Never show internals: the detail goes to the log. */
		pthread_mutex_lock(&r->srv->log_lock);
		if (r->srv->log)
			fprintf(r->srv->log, "error: %s %s: %s\n", r->method, r->url, message ? message : "");
		pthread_mutex_unlock(&r->srv->log_lock);
		reply_problem(r, 500, "request.internal", NULL, NULL);
	}
}

json_t *problem_json(const struct ec_problem *p)
{
	json_t *params = json_object(), *o;
	struct ec_buf b;

	for (size_t i = 0; i < p->nparams; i++)
		json_object_set_new(params, p->params[i].name, text_json(p->params[i].value));
	ec_buf_init(&b, 0);
	ec_problem_message(p, EC_LANG_EN, &b);
	o = json_pack("{s:s, s:o, s:o}", "code", p->code, "message", text_json(b.data ? b.data : ""), "params", params);
	ec_buf_release(&b);
	if (p->field)
		json_object_set_new(o, "field", text_json(p->field));
	if (p->line)
		json_object_set_new(o, "line", json_integer(p->line));
	if (p->cell)
		json_object_set_new(o, "cell", text_json(p->cell));
	return o;
}

json_t *problems_answer(unsigned http, const struct ec_diag *d)
{
	json_t *err = error_of(http, &d->problems[0]), *all; /* the first problem */

	if (d->kept > 1) {
		all = json_array();
		for (size_t i = 0; i < d->kept; i++)
			json_array_append_new(all, problem_json(&d->problems[i]));
		json_object_set_new(err, "problems", all);
		json_object_set_new(err, "total", json_integer((json_int_t)d->total));
	}
	return json_pack("{s:o}", "error", err);
}

void reply_problems(struct request *r, unsigned http, const struct ec_diag *d)
{
	reply_json(r, http, problems_answer(http, d));
}

void reply_parse_problem(struct request *r, struct parse_problem *pb)
{
	if (!pb->coded.code) {
		reply_problem(r, 400, "request.invalid", pb->field, "detail", pb->message, NULL);
		return;
	}
	if (!pb->coded.field && pb->field)
		pb->coded.field = ec_strdup(pb->field);
	reply_one(r, 400, &pb->coded);
	parse_problem_release(pb);
}

void reply_problem(struct request *r, unsigned http, const char *code, const char *field, ...)
{
	struct ec_problem p;
	va_list ap;

	va_start(ap, field);
	ec_problem_vset(&p, code, field, ap);
	va_end(ap);
	reply_one(r, http, &p);
	ec_problem_release(&p);
}

void reply_refused(struct request *r, int status, const struct ec_diag *d, unsigned data_status)
{
	unsigned http = status == EC_ENOTFOUND ? 404 : status == EC_EDENIED ? 403 :
			status == EC_EUSAGE ? 400 : status == EC_EDATA || status == EC_ELIMIT ? data_status : 500;

	if (status == EC_ECANCELLED) {
		struct ec_diag c;
		ec_diag_init(&c, 1);
		ec_diag_problem(&c, "job.cancelled", NULL, 0, NULL, NULL);
		reply_problems(r, 409, &c);
		ec_diag_release(&c);
		return;
	}
	if (http == 500 || !d->kept)
		reply_status(r, EC_EIO, d->kept ? d->messages[0] : "refused without a reason");
	else
		reply_problems(r, http, d);
}

/* ---- the application of this thread, the cube ---- */

struct ec_app *server_app(struct server *s)
{
	struct ec_app *app = pthread_getspecific(s->app_key);
	char *err = NULL;

	if (app)
		return app;
	if (ec_app_open_shared(s->cfg.db, 0, &s->catalog, &app, &err) != EC_OK) {
		pthread_mutex_lock(&s->log_lock);
		if (s->log)
			fprintf(s->log, "error: %s\n", err);
		pthread_mutex_unlock(&s->log_lock);
		free(err);
		return NULL;
	}
	pthread_setspecific(s->app_key, app);
	pthread_mutex_lock(&s->apps_lock);
	s->apps = ec_realloc(s->apps, (s->napps + 1) * sizeof *s->apps);
	s->apps[s->napps++] = app;
	pthread_mutex_unlock(&s->apps_lock);
	return app;
}

/* ---- readers on a streaming replica (--read-db) ----
**
** The kept answers' routes (F_KEEP, F_KEEP_BRIEF: reads and nothing else,
** the bulk of a dashboard's requests) may read from a streaming replica of
** the store; everything else (sign-in and the session check, every
** change, jobs, notifications) stays on the primary. A replica lags: an
** answer read from it before it has replayed a change the server knows of
** would be stale, and kept. So the server notes the primary's log
** position after every change it makes (before the answer or the job's
** end is seen) and on every announcement it hears (another server's
** change, an import's), before anything it keeps moves; and a request
** reads from the replica only when the replica has replayed at least that
** far (one small query); otherwise, or when the replica cannot be
** reached, from the primary. A client therefore reads its own writes,
** through this server or any other that has heard of them.
** docs/architecture.md, "Readers on a streaming replica". */

static int64_t now_ms(void);

void server_note_fresh(struct server *s, struct ec_app *app)
{
	uint64_t pos, was;

	if (!s->cfg.read_db || !app || ec_app_log_position(app, &pos) != EC_OK)
		return;
	was = __atomic_load_n(&s->fresh_pos, __ATOMIC_SEQ_CST);
	while (pos > was && !__atomic_compare_exchange_n(&s->fresh_pos, &was, pos, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
}

/* This thread's application on the replica; NULL without one, or for a
** second after opening it failed (the primary answers meanwhile). */
static struct ec_app *server_read_app(struct server *s)
{
	struct ec_app *app = pthread_getspecific(s->read_key);
	char *err = NULL;
	int64_t failed = __atomic_load_n(&s->replica_failed_ms, __ATOMIC_SEQ_CST);

	if (app || !s->cfg.read_db || (failed && now_ms() - failed < 1000))
		return app;
	if (ec_app_open_shared(s->cfg.read_db, EC_STORE_READONLY, &s->catalog, &app, &err) != EC_OK) {
		__atomic_store_n(&s->replica_failed_ms, now_ms(), __ATOMIC_SEQ_CST);
		pthread_mutex_lock(&s->log_lock);
		if (s->log)
			fprintf(s->log, "error: the replica (--read-db): %s\n", err);
		pthread_mutex_unlock(&s->log_lock);
		free(err);
		return NULL;
	}
	pthread_setspecific(s->read_key, app);
	pthread_mutex_lock(&s->apps_lock);
	s->apps = ec_realloc(s->apps, (s->napps + 1) * sizeof *s->apps);
	s->apps[s->napps++] = app;
	pthread_mutex_unlock(&s->apps_lock);
	return app;
}

/* Sends r's reads to the replica when it has replayed every change known. */
static void read_from_replica(struct request *r)
{
	struct ec_app *app = server_read_app(r->srv);
	uint64_t pos;

	if (!app || ec_app_log_position(app, &pos) != EC_OK ||
	    pos < __atomic_load_n(&r->srv->fresh_pos, __ATOMIC_SEQ_CST))
		return;
	r->app = app;
	r->from_replica = 1;
}

struct ec_monitor *cube_acquire(struct server *s)
{
	pthread_rwlock_rdlock(&s->cube_lock);
	return s->cube;
}

void cube_release(struct server *s)
{
	pthread_rwlock_unlock(&s->cube_lock);
}

int server_reload(struct server *s, struct ec_app *app)
{
	struct ec_monitor *fresh = NULL, *old;
	char *err = NULL;
	int64_t facts = 0;
	int have_facts, rc;

	/* Every answer kept from here on is of the new data: the replica
	** answers only once it has it (before the generation moves). */
	server_note_fresh(s, app);
	/* read before the build, so the cube holds at least this generation */
	have_facts = ec_app_data_generation(app, &facts) == EC_OK;
	rc = ec_app_monitor(app, EC_ABOVE_SIZE_DEFAULT, &fresh, &err);

	if (rc != EC_OK && rc != EC_ENOTFOUND) {
		/* Keep serving the figures we have: a failed rebuild must not
		** take a good cube away. The data generation still moves, so that
		** cached answers built from the store are dropped. */
		pthread_mutex_lock(&s->log_lock);
		if (s->log)
			fprintf(s->log, "error: rebuilding the monitoring cube failed, still serving the previous one: %s\n",
				err ? err : "");
		pthread_mutex_unlock(&s->log_lock);
		pthread_rwlock_wrlock(&s->cube_lock);
		snprintf(s->cube_error, sizeof s->cube_error, "%s", err ? err : "");
		__atomic_add_fetch(&s->generation, 1, __ATOMIC_SEQ_CST);
		pthread_rwlock_unlock(&s->cube_lock);
		free(err);
		return rc;
	}
	free(err);
	pthread_rwlock_wrlock(&s->cube_lock);
	s->cube_error[0] = '\0';
	old = s->cube;
	s->cube = fresh;
	if (have_facts && facts > s->cube_facts)
		__atomic_store_n(&s->cube_facts, facts, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&s->generation, 1, __ATOMIC_SEQ_CST);
	pthread_rwlock_unlock(&s->cube_lock);
	ec_monitor_free(old);
	return EC_OK;
}

void server_data_moved(struct server *s)
{
	server_note_fresh(s, server_app(s));
	pthread_rwlock_wrlock(&s->cube_lock);
	__atomic_add_fetch(&s->generation, 1, __ATOMIC_SEQ_CST);
	pthread_rwlock_unlock(&s->cube_lock);
}

void server_data_changed(struct server *s)
{
	server_data_moved(s);
	server_announce(s, "data");
}

uint64_t server_generation(struct server *s)
{
	return __atomic_load_n(&s->generation, __ATOMIC_SEQ_CST);
}

void server_library_changed(struct server *s)
{
	server_note_fresh(s, server_app(s));
	__atomic_add_fetch(&s->library_generation, 1, __ATOMIC_SEQ_CST);
	server_announce(s, "library");
}

uint64_t server_answers_generation(struct server *s)
{
	/* both only grow: the sum moves when either does */
	return server_generation(s) + __atomic_load_n(&s->library_generation, __ATOMIC_SEQ_CST);
}

/* ---- sessions and dispatch ---- */

/* Sessions a worker thread checked in the last few seconds: a session
** lookup is two database reads, more than the answer to a cached query.
** Entries die after SESSION_CACHE_S seconds, or at once when a sign-out or
** an account change moves the server's auth generation. */
#define SESSION_CACHE 8
#define SESSION_CACHE_S 5

struct cached_session {
	char token[65];
	struct ec_session session;
	struct ec_user user;
	int64_t loaded_at;
	uint64_t generation;
};

static __thread struct cached_session session_cache[SESSION_CACHE];
static __thread unsigned session_cache_next;

void server_auth_changed(struct server *s)
{
	__atomic_add_fetch(&s->auth_generation, 1, __ATOMIC_SEQ_CST);
	server_announce(s, "auth");
}

static void authenticate(struct request *r)
{
	const char *token = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "echelon_session");
	uint64_t generation = __atomic_load_n(&r->srv->auth_generation, __ATOMIC_SEQ_CST);
	int64_t now = (int64_t)time(NULL);
	struct cached_session *c;

	if (!token || strlen(token) != 64)
		return;
	for (int i = 0; i < SESSION_CACHE; i++) {
		c = &session_cache[i];
		if (c->generation == generation && now - c->loaded_at < SESSION_CACHE_S && c->session.expires_at > now &&
		    ec_secure_equal(c->token, token)) {
			r->session = c->session;
			r->user = c->user;
			r->signed_in = 1;
			return;
		}
	}
	if (ec_app_session(r->app, token, now, &r->user, &r->session) != EC_OK)
		return;
	r->signed_in = 1;
	c = &session_cache[session_cache_next++ % SESSION_CACHE];
	memcpy(c->token, token, 65);
	c->session = r->session;
	c->user = r->user;
	c->loaded_at = now;
	c->generation = generation;
}

/* Matches a path against a route pattern, filling path parameters. */
static int match(struct request *r, const char *pattern, const char *path)
{
	struct parse_segment params[PARSE_PATH_PARAMS];
	int n;

	if (!parse_route(pattern, path, params, &n))
		return 0;
	for (int i = 0; i < n; i++) {
		char *value = req_alloc(r, params[i].n + 1);
		memcpy(value, params[i].p, params[i].n);
		value[params[i].n] = '\0';
		r->path_params[i] = value;
	}
	r->npath_params = n;
	return 1;
}

/* Nobody signed in: a role no change allows. */
static void anonymous(struct ec_actor *a)
{
	memset(a, 0, sizeof *a);
	snprintf(a->name, sizeof a->name, "anonymous");
	a->role = EC_NROLES;
	a->user_id = -1;
}

/* Query parameters beyond this many are refused before anything else. */
#define MAX_QUERY_PARAMS 64

/* libmicrohttpd's memory per connection: the request's headers and
** parameters, its read buffer (half of it) and the answer's headers.
** libmicrohttpd 0.9.75 clears all of it at every request on a kept-alive
** connection (MHD_pool_reset), so its size is paid per request: at 64 KiB
** the clearing was a fifth of the server's CPU at 256 connections, and the
** server's CPU per kept answer fell from 10.4 to 6.1 us at 16 KiB
** (docs/performance.md). 16 KiB takes request headers up to 8 KiB (a
** browser's are about 1 KiB, the session cookie included); larger ones get
** libmicrohttpd's 431. Too many parameters are cut off before they fill it
** (on_uri). */
#define CONNECTION_POOL 16384

/* The first look at an API request, before its body: the route, who asks,
** whether they may, and how large a body the route takes. A refusal is
** answered at once, so that no body is read that would be refused (a
** response queued before the body closes the connection after it).
** Returns 1 when answered, 0 to go on to the handler once the body is in. */
static int admit(struct request *r)
{
	r->admitted = 1;
	const struct route *found = NULL;
	const char *length = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	int path_matches = 0, nargs = r->nparams;
	char allow[64] = "";

	if (nargs > MAX_QUERY_PARAMS) {
		{
			char count[16], max[16];
			snprintf(count, sizeof count, "%d", nargs);
			snprintf(max, sizeof max, "%d", MAX_QUERY_PARAMS);
			reply_problem(r, 414, "request.too_many_params", NULL, "count", count, "max", max, NULL);
		}
		return 1;
	}
	if (!r->app) {
		reply_status(r, EC_EIO, "no database connection");
		return 1;
	}
	for (size_t i = 0; i < ec_nroutes; i++) {
		if (!match(r, ec_routes[i].path, r->url))
			continue;
		path_matches = 1;
		snprintf(allow + strlen(allow), sizeof allow - strlen(allow), "%s%s", allow[0] ? ", " : "",
			 ec_routes[i].method);
		if (strcmp(ec_routes[i].method, r->method) == 0) {
			found = &ec_routes[i];
			break;
		}
	}
	if (!found) {
		if (path_matches) {
			struct MHD_Response *resp;
			char *body = ec_asprintf("{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"%s is not allowed here; allowed: %s\"}}",
						 r->method, allow);
			resp = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
			MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
			MHD_add_response_header(resp, "Allow", allow);
			queue(r, 405, resp, strlen(body), 1);
			return 1;
		}
		reply_problem(r, 404, "request.no_route", NULL, "path", r->url, NULL);
		return 1;
	}
	/* match() filled path parameters for the last route tried: redo it. */
	match(r, found->path, r->url);
	r->route = found;
	authenticate(r);
	if (r->signed_in)
		ec_actor_of(&r->actor, &r->user);
	else
		anonymous(&r->actor);
	if (found->roles != R_PUBLIC) {
		if (!r->signed_in) {
			reply_problem(r, 401, "request.sign_in", NULL, NULL);
			return 1;
		}
		if (!(found->roles & (1u << r->user.role))) {
			reply_problem(r, 403, "request.role", NULL, "role", ec_role_name(r->user.role), NULL);
			return 1;
		}
		if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD") && !(found->flags & F_NO_CSRF)) {
			const char *token = req_header(r, "X-CSRF-Token");
			if (!token || !ec_secure_equal(token, r->session.csrf_token)) {
				reply_problem(r, 403, "request.csrf", "X-CSRF-Token", NULL);
				return 1;
			}
		}
	}
	/* The route's limit, known now: a larger Content-Length is refused
	** before a byte of the body is read. */
	r->body.max = (found->flags & F_UPLOAD)	 ? r->srv->cfg.max_upload
		      : (found->flags & F_ATTACHMENT) ? EC_ATTACHMENT_MAX_BYTES + ATTACHMENT_FORM_SLACK
						      : r->srv->cfg.max_body;
	if (length) {
		char *end;
		unsigned long long n = strtoull(length, &end, 10);
		if (end == length || *end || length[0] == '-') {
			reply_problem(r, 400, "request.length", "Content-Length", NULL);
			return 1;
		}
		if (n > r->body.max) {
			{
			char max[24];
			snprintf(max, sizeof max, "%zu", r->body.max);
			reply_problem(r, 413, "request.too_large", NULL, "max", max, NULL);
		}
			return 1;
		}
	}
	return 0;
}

/* A part of a key: its length, a colon and the text (no two different
** requests share a key). Written by hand, not with printf: the key is made
** for every request to a kept route, and printf's parsing of its format was
** 6 % of the server's CPU serving kept answers. */
static void key_num(struct ec_buf *b, long long v)
{
	char t[24], *p = t + sizeof t;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	ec_buf_add(b, p, (size_t)(t + sizeof t - p));
}

static void key_text(struct ec_buf *b, const char *text)
{
	size_t n = strlen(text);

	key_num(b, (long long)n);
	ec_buf_addc(b, ':');
	ec_buf_add(b, text, n);
}

static enum MHD_Result add_key_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct ec_buf *b = cls;

	(void)kind;
	ec_buf_addc(b, '&');
	key_text(b, key);
	ec_buf_addc(b, '=');
	if (value)
		key_text(b, value);
	else
		ec_buf_adds(b, "-1:");
	return MHD_YES;
}

/* The key of an F_KEEP route's answer: the route, the asker's role and
** scope, the path and every query parameter in the order given:
** "route|role|n:scope|path?&n:key=n:value..." */
static const char *cache_key(struct request *r)
{
	struct ec_buf b;
	const char *key;

	ec_buf_init(&b, 0);
	key_num(&b, (long long)(r->route - ec_routes));
	ec_buf_addc(&b, '|');
	key_num(&b, r->signed_in ? (long long)r->user.role : -1);
	ec_buf_addc(&b, '|');
	key_text(&b, r->signed_in ? r->user.scope : "");
	ec_buf_addc(&b, '|');
	ec_buf_adds(&b, r->url);
	ec_buf_addc(&b, '?');
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_key_arg, &b);
	key = req_strdup(r, b.data);
	ec_buf_release(&b);
	return key;
}

/* A download (?format=csv|xlsx) is made afresh, not kept (download.c). */
static int wants_file(struct request *r)
{
	const char *f = req_arg(r, "format");

	return f && strcmp(f, "json") != 0;
}

/* The request, its body in: the handler of its route, or a static file. */
static void dispatch(struct request *r)
{
	if (strncmp(r->url, "/api/", 5) != 0) {
		if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) {
			reply_problem(r, 405, "static.method", NULL, NULL);
			return;
		}
		serve_static(r);
		return;
	}
	if (!r->admitted && admit(r))
		return;
	if (r->body_too_large) {
		{
			char max[24];
			snprintf(max, sizeof max, "%zu", r->body.max);
			reply_problem(r, 413, "request.too_large", NULL, "max", max, NULL);
		}
		return;
	}
	/* a kept answer may go gzip-encoded: these routes', discovery's, the evaluation's */
	r->accepts_gzip = parse_accepts_gzip(req_header(r, MHD_HTTP_HEADER_ACCEPT_ENCODING));
	if ((r->route->flags & (F_KEEP | F_KEEP_BRIEF)) && !wants_file(r)) {
		int brief = (r->route->flags & F_KEEP_BRIEF) != 0, kept;
		r->cache_key = cache_key(r);
		r->cache_generation = server_answers_generation(r->srv);
		kept = cache_reply_stale(r->srv->cache, r, r->cache_key, r->cache_generation, brief ? CACHE_STORE_S : 0,
					 brief ? CACHE_STALE_S : 0);
		if (kept == 2)
			refresh_queue(r); /* answered with the old one meanwhile */
		if (kept)
			return;
	}
	if (r->srv->cfg.read_db && (r->route->flags & (F_KEEP | F_KEEP_BRIEF)) && !strcmp(r->method, "GET"))
		read_from_replica(r);
	r->route->handler(r);
	if (!r->answered)
		reply_status(r, EC_EIO, "the handler gave no answer");
	/* a change: known before its answer goes (sent after this returns) */
	if (r->srv->cfg.read_db && strcmp(r->method, "GET") && strcmp(r->method, "HEAD"))
		server_note_fresh(r->srv, r->app);
}

/* ---- connections: the header deadline and NULs ----
**
** libmicrohttpd 0.9.75 restarts a connection's idle timeout with every
** byte, so a client that sends a header line every few seconds holds a
** connection for ever (F7). Each connection is watched from its start, and
** again from the end of each request, until the headers of its next request
** are in (the request threads mark it with an atomic store, no lock); a
** watcher thread shuts down those that take longer than
** --header-timeout (shutdown, not close: the descriptor stays libmicrohttpd's
** until it closes it, after telling us, under the same lock).
**
** A NUL in the request line is refused (libmicrohttpd would cut the path at
** it): a raw one is seen because the path the URI callback got ends before
** the version that follows it; an escaped one (%00, in the path or any
** parameter) because the unescaping finds it.
**
** A request's query parameters are counted in the URI callback (the
** '&'-separated parts; admit() reads that count), and more than any route
** takes are cut off there, before libmicrohttpd stores them: it keeps
** each in the connection's pool, and with the pool full it drops the
** request without an answer (at 64 KiB from about 1 500 parameters, at
** 16 KiB from about 250). admit() then refuses the request with 414, the
** count named, whatever the count. The cut writes a NUL after the '?' of
** the request line, which libmicrohttpd 0.9.75 hands the callback before it
** parses the arguments ("log callback before we modify URI *or* args",
** connection.c); an empty query is then all it parses. */

struct conn {
	struct conn *next, *prev;
	MHD_socket fd;
	int64_t waiting_since_ms;  /* monotonic; 0: a request is under way */
	const char *uri_end;       /* where the raw URI of the request ended */
	int nul;                   /* the request's URI holds a NUL */
	int nparams;               /* its query's parameters, counted (on_uri) */
};

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static struct conn *conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return info ? info->socket_context : NULL;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct server *s = cls;
	struct conn *k = *socket_context;

	pthread_mutex_lock(&s->conns_lock);
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		k = ec_calloc(1, sizeof *k);
		k->fd = info ? info->connect_fd : MHD_INVALID_SOCKET;
		k->waiting_since_ms = now_ms();
		k->next = s->conns;
		if (s->conns)
			s->conns->prev = k;
		s->conns = k;
		*socket_context = k;
	} else if (k) {
		if (k->prev)
			k->prev->next = k->next;
		else
			s->conns = k->next;
		if (k->next)
			k->next->prev = k->prev;
		free(k);
		*socket_context = NULL;
	}
	pthread_mutex_unlock(&s->conns_lock);
}

/* Where the request's raw URI ends, to find a NUL in it (above). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn *k = conn_of(c);

	(void)cls;
	if (k) {
		const char *q = strchr(uri, '?');
		k->uri_end = uri + strlen(uri);
		k->nul = 0;
		k->nparams = 0;
		if (q && q[1]) {
			k->nparams = 1;
			for (const char *p = q + 1; (p = strchr(p, '&')) != NULL; p++)
				k->nparams++;
			if (k->nparams > MAX_QUERY_PARAMS)
				((char *)q)[1] = '\0'; /* the request line is writable: see above */
		}
	}
	return NULL;
}

/* libmicrohttpd's %HH decoding, noting a decoded NUL. */
static size_t on_unescape(void *cls, struct MHD_Connection *c, char *text)
{
	size_t n = MHD_http_unescape(text);
	struct conn *k;

	(void)cls;
	if (memchr(text, '\0', n) && (k = conn_of(c)))
		k->nul = 1;
	return n;
}

static void *watch_connections(void *arg)
{
	struct server *s = arg;
	int64_t limit = (int64_t)s->cfg.header_timeout_s * 1000;

	pthread_mutex_lock(&s->conns_lock);
	while (!s->conns_stop) {
		struct timespec until;
		int64_t now = now_ms();

		for (struct conn *k = s->conns; k; k = k->next) {
			int64_t since = __atomic_load_n(&k->waiting_since_ms, __ATOMIC_RELAXED);
			if (since && now - since > limit && k->fd != MHD_INVALID_SOCKET &&
			    __atomic_compare_exchange_n(&k->waiting_since_ms, &since, 0, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
				shutdown(k->fd, SHUT_RDWR);
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250000000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&s->conns_wake, &s->conns_lock, &until);
	}
	pthread_mutex_unlock(&s->conns_lock);
	return NULL;
}

/* Whether a body follows the headers: a Content-Length other than 0, or a
** chunked transfer. */
static int has_body(struct MHD_Connection *conn)
{
	const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);

	if (MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
		return 1;
	return length && strspn(length, "0") != strlen(length);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **state)
{
	struct server *s = cls;
	struct request *r = *state;

	(void)version;
	if (!r) {
		r = ec_calloc(1, sizeof *r);
		r->srv = s;
		r->conn = conn;
		r->method = method;
		r->url = url;
		clock_gettime(CLOCK_MONOTONIC, &r->start);
		__atomic_add_fetch(&s->active, 1, __ATOMIC_SEQ_CST);
		ec_buf_init(&r->body, s->cfg.max_body);
		r->app = server_app(s);
		*state = r;
		{
			/* No lock here: a connection is this thread's alone; only
			** waiting_since_ms is read by the watcher, atomically. */
			struct conn *k = conn_of(conn);
			int nul = 0;
			if (k) {
				__atomic_store_n(&k->waiting_since_ms, 0, __ATOMIC_RELAXED); /* the headers are in */
				nul = k->nul || (k->uri_end && version && version != k->uri_end + 1);
				r->nparams = k->nparams;
			}
			if (nul) {
				reply_problem(r, 400, "request.nul", NULL, NULL);
				return MHD_YES;
			}
		}
		/* A request with a body is judged before the body is read; one
		** without is judged on the next call, where a refusal keeps the
		** connection open (MHD closes it after an answer queued on the
		** first call). */
		if (strncmp(url, "/api/", 5) == 0 && has_body(conn))
			admit(r);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->answered && !r->body_too_large && ec_buf_add(&r->body, upload_data, *upload_size) != EC_OK) {
			r->body_too_large = 1;
			ec_buf_release(&r->body);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (!r->answered)
		dispatch(r);
	return MHD_YES;
}

/* Text for the log: control bytes, spaces and backslashes as \xNN, cut to
** size, so that a request cannot forge a line or a field of the log. */
static const char *log_text(const char *s, char *out, size_t size)
{
	size_t j = 0;

	for (; *s && j + 5 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x21 || c == 0x7f || c == '\\')
			j += (size_t)snprintf(out + j, size - j, "\\x%02x", c);
		else
			out[j++] = (char)c;
	}
	out[j] = '\0';
	return out;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state, enum MHD_RequestTerminationCode code)
{
	struct server *s = cls;
	struct request *r = *state;
	struct timespec end;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;

	(void)code;
	if (!r)
		return;
	clock_gettime(CLOCK_MONOTONIC, &end);
	if (s->log) {
		double ms = (double)(end.tv_sec - r->start.tv_sec) * 1e3 + (double)(end.tv_nsec - r->start.tv_nsec) / 1e6;
		gmtime_r(&now, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		char method[32], url[1024];
		pthread_mutex_lock(&s->log_lock);
		fprintf(s->log, "%s %s %s %u %zu %.3fms %s\n", when, log_text(r->method, method, sizeof method),
			log_text(r->url, url, sizeof url), r->status, r->bytes, ms, r->signed_in ? r->user.name : "-");
		pthread_mutex_unlock(&s->log_lock);
	}
	{
		struct conn *k = conn_of(conn);
		if (k) {
			__atomic_store_n(&k->waiting_since_ms, now_ms(), __ATOMIC_RELAXED);
			k->uri_end = NULL;
			k->nul = 0;
			k->nparams = 0;
		}
	}
	ec_buf_release(&r->body);
	arena_free(r->arena);
	free(r);
	*state = NULL;
	__atomic_sub_fetch(&s->active, 1, __ATOMIC_SEQ_CST);
}

static void *prepare_password(void *unused)
{
	(void)unused;
	ec_password_prepare();
	return NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *addr, char **err)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	memset(addr, 0, sizeof *addr);
	addr->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof host) {
		*err = ec_asprintf("--listen '%s': expected HOST:PORT, e.g. 127.0.0.1:8080", listen);
		return EC_EUSAGE;
	}
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || port < 0 || port > 65535 || inet_pton(AF_INET, host, &addr->sin_addr) != 1) {
		*err = ec_asprintf("--listen '%s': expected an IPv4 address and a port 0..65535", listen);
		return EC_EUSAGE;
	}
	addr->sin_port = htons((uint16_t)port);
	return EC_OK;
}

static void release_server(struct server *s)
{
	listen_stop(s);
	refresh_stop(s);
	for (size_t i = 0; i < s->napps; i++)
		ec_app_close(s->apps[i]);
	free(s->apps);
	pthread_key_delete(s->app_key);
	pthread_key_delete(s->read_key);
	ec_monitor_free(s->cube);
	ec_catalog_release(&s->catalog);
	ec_limiter_free(s->by_account);
	ec_limiter_free(s->by_address);
	cache_free(s->cache);
	if (s->log && s->log != stderr)
		fclose(s->log);
	pthread_rwlock_destroy(&s->cube_lock);
	pthread_mutex_destroy(&s->log_lock);
	pthread_mutex_destroy(&s->apps_lock);
	if (s->cluster_data) {
		ec_cluster_data_release(&s->cluster_data->d);
		free(s->cluster_data);
	}
	pthread_mutex_destroy(&s->cluster_lock);
	pthread_mutex_destroy(&s->conns_lock);
	pthread_cond_destroy(&s->conns_wake);
}

int ec_server_run(const struct ec_server_config *cfg, char **err)
{
	struct server s;
	struct sockaddr_in addr;
	const union MHD_DaemonInfo *info;
	sigset_t signals;
	int rc, sig, threads, busy;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	*err = NULL;
	memset(&s, 0, sizeof s);
	s.cfg = *cfg;
	if (!s.cfg.listen)
		s.cfg.listen = "127.0.0.1:8080";
	if (!s.cfg.max_body)
		s.cfg.max_body = 1 << 20;
	if (!s.cfg.max_upload)
		s.cfg.max_upload = 64 << 20;
	if (!s.cfg.timeout_s)
		s.cfg.timeout_s = 30;
	if (!s.cfg.header_timeout_s)
		s.cfg.header_timeout_s = 15;
	if (!s.cfg.max_per_address)
		s.cfg.max_per_address = 64;
	if (!s.cfg.session_hours)
		s.cfg.session_hours = 12;
	if (!s.cfg.jobs) /* idle-priority threads: more than the cores cost the requests nothing */
		s.cfg.jobs = cores > 2 ? (int)cores + 1 : 3;
	if (!s.cfg.jobs_per_user)
		s.cfg.jobs_per_user = 4;
	if (!s.cfg.job_hours)
		s.cfg.job_hours = 24;
	threads = s.cfg.threads > 0 ? s.cfg.threads : (int)(cores > 0 ? cores : 2);
	if ((rc = parse_listen(s.cfg.listen, &addr, err)) != EC_OK)
		return rc;
	/* Cookies are Secure unless the server listens on loopback only (a
	** browser on the same machine, or nginx with TLS in front). */
	if ((ntohl(addr.sin_addr.s_addr) >> 24) != 127)
		s.cfg.secure_cookies = 1;
	if (ec_auth_init() != EC_OK) {
		*err = ec_strdup("could not initialise libsodium");
		return EC_EIO;
	}
	pthread_key_create(&s.app_key, NULL);
	pthread_key_create(&s.read_key, NULL);
	pthread_rwlock_init(&s.cube_lock, NULL);
	pthread_mutex_init(&s.log_lock, NULL);
	pthread_mutex_init(&s.apps_lock, NULL);
	pthread_mutex_init(&s.cluster_lock, NULL);
	pthread_mutex_init(&s.conns_lock, NULL);
	pthread_cond_init(&s.conns_wake, NULL);
	ec_catalog_init(&s.catalog);
	ec_sdc_rule_default(&s.sdc);
	s.by_account = ec_limiter_new(5, 900);  /* an account at an address */
	s.by_address = ec_limiter_new(64, 900); /* an address, whatever the names */
	s.cache = cache_new(4096, (size_t)64 << 20); /* 64 MiB of bodies: the first views need under 4 */
	if (!s.cfg.access_log)
		s.log = stderr;
	else if (strcmp(s.cfg.access_log, "-") != 0 && !(s.log = fopen(s.cfg.access_log, "a"))) {
		*err = ec_asprintf("%s: %s", s.cfg.access_log, strerror(errno));
		release_server(&s);
		return EC_EIO;
	}
	if (s.log)
		setvbuf(s.log, NULL, _IOLBF, 0);
	if (!realpath(s.cfg.web_root ? s.cfg.web_root : EC_WEB_DIR, s.web_root))
		s.web_root[0] = '\0';

	/* Signals are taken by this thread alone, with sigwait (below): blocked
	** before the first thread starts (the jobs', the refresher, the
	** printers'), which inherit the mask, so that a SIGTERM meant for the
	** stop never lands on one of them and kills the process. */
	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &signals, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* The catalogue and the cube, read once; rebuilt after imports. */
	{
		struct ec_app *first = NULL;
		if ((rc = ec_app_open(s.cfg.db, 0, &first, err)) != EC_OK) {
			pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
			release_server(&s);
			return rc;
		}
		if ((rc = ec_app_catalog_read(first, &s.catalog)) == EC_OK && (rc = server_reload(&s, first)) != EC_OK &&
		    rc != EC_EIO) {
			/* The stored data make no figures (reports beyond what the
			** column store holds, say): the server runs on, the other
			** routes work, and monitoring says why (monitor.unavailable). */
			fprintf(stderr, "echelon: %s: the figures cannot be made: %s\n", s.cfg.db, s.cube_error);
			rc = EC_OK;
		}
		if (rc != EC_OK) {
			*err = ec_asprintf("%s: %s", s.cfg.db, ec_app_errmsg(first));
			ec_app_close(first);
			pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
			release_server(&s);
			return rc;
		}
		rc = jobs_start(&s, first, err);
		ec_app_close(first);
		ec_app_report_printer_keep(1); /* PDFs without Chromium's start each time */
		if (rc == EC_OK)
			rc = refresh_start(&s, err);
		if (rc == EC_OK)
			rc = listen_start(&s, err);
		if (rc != EC_OK) {
			pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
			jobs_stop(&s);
			release_server(&s);
			return rc;
		}
	}


	s.daemon = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_TURBO, 0, NULL, NULL,
				    on_request, &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
				    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_CONNECTION_TIMEOUT,
				    (unsigned)s.cfg.timeout_s, MHD_OPTION_CONNECTION_LIMIT, 4096u,
				    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)s.cfg.max_per_address,
				    MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
				    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_POOL, MHD_OPTION_STRICT_FOR_CLIENT, 1,
				    MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s, MHD_OPTION_URI_LOG_CALLBACK, on_uri,
				    &s, MHD_OPTION_UNESCAPE_CALLBACK, on_unescape, &s, MHD_OPTION_END);
	if (!s.daemon) {
		*err = ec_asprintf("could not listen on %s: %s", s.cfg.listen, strerror(errno));
		pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
		jobs_stop(&s);
		release_server(&s);
		return EC_EIO;
	}
	if (pthread_create(&s.conns_watcher, NULL, watch_connections, &s) != 0) {
		*err = ec_asprintf("could not start the connection watcher: %s", strerror(errno));
		MHD_stop_daemon(s.daemon);
		pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
		jobs_stop(&s);
		release_server(&s);
		return EC_EIO;
	}
	info = MHD_get_daemon_info(s.daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (s.cfg.ready) {
		char host[64];
		inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
		fprintf(s.cfg.ready, "listening on http://%s:%u (%d threads, database %s)\n", host,
			info ? info->port : ntohs(addr.sin_port), threads, s.cfg.db);
		fflush(s.cfg.ready);
	}

	/* The unknown-name hash, made now rather than by the first sign-in. */
	{
		pthread_t t;
		if (pthread_create(&t, NULL, prepare_password, NULL) == 0)
			pthread_detach(t);
	}
	sigwait(&signals, &sig);
	/* Stop taking connections, let those in flight finish (10 s at most). */
	{
		MHD_socket listener = MHD_quiesce_daemon(s.daemon);
		if (listener != MHD_INVALID_SOCKET)
			close(listener);
		for (int waited = 0; waited < 100; waited++) {
			if (__atomic_load_n(&s.active, __ATOMIC_SEQ_CST) == 0)
				break;
			usleep(100000);
		}
	}
	MHD_stop_daemon(s.daemon);
	listen_stop(&s);
	refresh_stop(&s);
	pthread_mutex_lock(&s.conns_lock);
	s.conns_stop = 1;
	pthread_cond_signal(&s.conns_wake);
	pthread_mutex_unlock(&s.conns_lock);
	pthread_join(s.conns_watcher, NULL);
	busy = jobs_stop(&s);
	ec_app_report_printer_keep(0);
	if (s.log)
		fprintf(s.log, "stopped on signal %d\n", sig);
	pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
	if (!busy) /* else a job thread still uses it: the process ends under it */
		release_server(&s);
	return EC_OK;
}
