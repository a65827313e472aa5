/*
** Jobs: the long work (the allocation, imports, cluster discovery and
** evaluation) off the request path.
**
** A handler checks its input on the request thread, then calls
** job_defer(): the request (who asks, its parameters, headers and body) is
** copied into a detached one, queued, and answered 202 with the job. A job
** thread runs the same handler again on the copy; there job_defer() returns
** 0 and the handler does the work, and its answer (reply_*) is kept as the
** job's result instead of being sent. So a route is written once, and a
** job answers exactly what the route would have.
**
** Fairness: a job thread takes the oldest queued job whose account has none
** running, so one account never holds every thread. Job threads run under
** SCHED_IDLE: they take only the CPU the request threads leave.
**
** Records: every change of state is written to the store by one recorder
** thread, so that no request thread waits on a database write (an import
** holds the write lock for seconds). At start, the jobs a stopped or killed
** server left queued or running are marked failed; a stop cancels the
** running ones and marks them failed: a job is never silently lost.
**
** Work that commits a change before it answers (an import, which then
** rebuilds the figures) writes the record "done" in the change's own
** transaction (job_stored): a stop or a kill after the commit leaves the
** job done, as its change is, never failed over stored rows. The whole
** answer replaces that record when the work gives it.
*/
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "server.h"

#define JOB_QUEUE_MAX 64 /* jobs waiting, for the whole server */
#define JOBS_LISTED 50   /* GET /jobs: the newest this many */

enum job_state { QUEUED, RUNNING, DONE, FAILED, CANCELLED };
static const char *const state_names[] = { "queued", "running", "done", "failed", "cancelled" };

struct job {
	struct job *next;       /* the server's list, newest first */
	struct ec_job rec;      /* the record; rec.result unused (result below) */
	enum job_state state;
	struct request *req;    /* the copy the work runs on; NULL once finished */
	int cancel;             /* set by a DELETE or a stop; read by the work */
	char step[128];
	double fraction;        /* of the work done, 0..1; < 0: unknown */
	struct timespec began;  /* monotonic, when it started running */
	char *result;           /* the answer once finished */
	int unwritten;          /* its records waiting for the recorder */
	int committed;          /* its work committed with the record "done" (job_stored) */
};

/* A record waiting for the recorder. */
struct pending {
	struct pending *next;
	struct job *job;
	struct ec_job rec;
	char *result;
};

struct jobs {
	struct server *srv;
	pthread_mutex_t lock;
	pthread_cond_t work;    /* a job queued or an account freed, or stopping */
	pthread_cond_t written; /* the recorder has something, or stopping */
	pthread_cond_t flushed; /* the recorder wrote a record */
	struct job *list;
	pthread_t *threads;
	int nthreads, busy;
	pthread_t recorder;
	int recorder_running;
	int halting;            /* a stop cancels what runs: it fails, job.stopped */
	int stopping;           /* the threads end */
	struct pending *head, *tail;
};

static int64_t now_s(void)
{
	return (int64_t)time(NULL);
}

static int finished(const struct job *j)
{
	return j->state >= DONE;
}

/* Queues a copy of j's record for the recorder. Lock held. */
static void record(struct jobs *J, struct job *j)
{
	struct pending *p = ec_calloc(1, sizeof *p);

	p->job = (struct job *)j;
	p->job->unwritten++;
	p->rec = j->rec;
	snprintf(p->rec.state, sizeof p->rec.state, "%s", state_names[j->state]);
	p->result = j->result ? ec_strdup(j->result) : NULL;
	p->rec.result = p->result;
	if (J->tail)
		J->tail->next = p;
	else
		J->head = p;
	J->tail = p;
	pthread_cond_signal(&J->written);
}

static void log_line(struct server *s, const char *fmt, const char *a, const char *b)
{
	pthread_mutex_lock(&s->log_lock);
	if (s->log) {
		fprintf(s->log, fmt, a, b);
		fputc('\n', s->log);
	}
	pthread_mutex_unlock(&s->log_lock);
}

/* Writes a record on this thread's connection. A write that fails (the
** database busy behind a long import) is tried again for a minute before
** it is given up, in the log. */
static void write_record(struct server *s, const struct ec_job *rec)
{
	struct ec_app *app;
	int tries = 0, rc = EC_EIO;

	while ((app = server_app(s)) && (rc = ec_app_job_put(app, rec)) != EC_OK && ++tries < 120)
		usleep(500000);
	if (rc != EC_OK)
		log_line(s, "error: the record of job %s could not be written: %s", rec->id,
			 app ? ec_app_errmsg(app) : "no database connection");
}

static void sweep(struct jobs *J);

/* Writes the records in order; a finished job leaves memory once its last
** record is on disk. */
static void *recorder_main(void *arg)
{
	struct jobs *J = arg;
	struct server *s = J->srv;

	for (;;) {
		struct pending *p;

		pthread_mutex_lock(&J->lock);
		while (!J->head && !J->stopping)
			pthread_cond_wait(&J->written, &J->lock);
		p = J->head;
		if (!p) {
			pthread_mutex_unlock(&J->lock);
			break;
		}
		J->head = p->next;
		if (!J->head)
			J->tail = NULL;
		pthread_mutex_unlock(&J->lock);
		write_record(s, &p->rec);
		pthread_mutex_lock(&J->lock);
		p->job->unwritten--;
		pthread_cond_broadcast(&J->flushed);
		sweep(J);
		pthread_mutex_unlock(&J->lock);
		free(p->result);
		free(p);
	}
	return NULL;
}

/* The oldest queued job whose account has none running, or NULL. Lock held. */
static struct job *next_job(struct jobs *J)
{
	struct job *pick = NULL;

	for (struct job *j = J->list; j; j = j->next) {
		int owner_busy = 0;
		if (j->state != QUEUED)
			continue;
		for (struct job *k = J->list; k; k = k->next)
			if (k->state == RUNNING && k->rec.user_id == j->rec.user_id)
				owner_busy = 1;
		if (!owner_busy)
			pick = j; /* the list is newest first: the last found is the oldest */
	}
	return pick;
}

/* Fails a job that has not finished with the problem code (job.stopped).
** Lock held. */
static void fail_with(struct jobs *J, struct job *j, const char *code, unsigned http)
{
	struct ec_diag d;
	json_t *answer;

	ec_diag_init(&d, 1);
	ec_diag_problem(&d, code, NULL, 0, NULL, NULL);
	answer = problems_answer(http, &d);
	ec_diag_release(&d);
	free(j->result);
	j->result = json_dumps(answer, JSON_COMPACT);
	json_decref(answer);
	j->state = strcmp(code, "job.cancelled") == 0 ? CANCELLED : FAILED;
	j->rec.http_status = (int)http;
	j->rec.finished_at = now_s();
	j->rec.expires_at = j->rec.finished_at + (int64_t)J->srv->cfg.job_hours * 3600;
	record(J, j);
}

static void *worker_main(void *arg)
{
	struct jobs *J = arg;
	struct server *s = J->srv;

	/* Long work yields to the requests: health and cached answers stay
	** fast. SCHED_IDLE, not only nice 10: on a kernel without preemption
	** a nice 10 thread still ran hundreds of milliseconds while a request
	** thread waited for the CPU (perf sched, bench/http/jobs.sh); an idle
	** thread gives way at once. nice 10 stays where SCHED_IDLE is refused. */
	{
		struct sched_param idle = { 0 };
		if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle) != 0)
			setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	}
	pthread_mutex_lock(&J->lock);
	for (;;) {
		struct job *j;
		struct request *d;

		while (!J->stopping && !(j = next_job(J)))
			pthread_cond_wait(&J->work, &J->lock);
		if (J->stopping)
			break;
		j->state = RUNNING;
		j->rec.started_at = now_s();
		clock_gettime(CLOCK_MONOTONIC, &j->began);
		snprintf(j->step, sizeof j->step, "started");
		d = j->req;
		J->busy++;
		/* "running" is on disk before the work begins (an import then
		** holds the write lock): a kill finds it at the next start. */
		while (j->unwritten)
			pthread_cond_wait(&J->flushed, &J->lock);
		{
			struct ec_job rec = j->rec;
			snprintf(rec.state, sizeof rec.state, "running");
			rec.result = NULL;
			pthread_mutex_unlock(&J->lock);
			write_record(s, &rec);
		}

		d->app = server_app(s);
		if (!d->app)
			reply_status(d, EC_EIO, "no database connection for a job");
		else
			d->route->handler(d);
		if (!d->answered)
			reply_status(d, EC_EIO, "the job's handler gave no answer");

		pthread_mutex_lock(&J->lock);
		J->busy--;
		j->req = NULL;
		req_free_detached(d);
		pthread_cond_broadcast(&J->work); /* its account may take another */
	}
	pthread_mutex_unlock(&J->lock);
	return NULL;
}

void job_answer(struct request *r, unsigned status, const char *body, size_t len)
{
	struct job *j = r->job;
	struct jobs *J = r->srv->jobs;

	/* a change (an import): known before the job is seen done, so that
	** the replica is read from only once it has it (server.c) */
	if (strcmp(r->method, "GET") != 0)
		server_note_fresh(r->srv, r->app);
	r->status = status;
	r->bytes = len;
	r->answered = 1;
	pthread_mutex_lock(&J->lock);
	if (!finished(j) && J->halting && status >= 300) {
		fail_with(J, j, "job.stopped", 503);
	} else if (!finished(j)) { /* a stop may have failed it already */
		free(j->result); /* the answer kept at the commit (job_stored) */
		j->result = ec_malloc(len + 1);
		memcpy(j->result, body, len);
		j->result[len] = '\0';
		j->rec.http_status = (int)status;
		j->state = status < 300 ? DONE : j->cancel ? CANCELLED : FAILED;
		j->rec.finished_at = now_s();
		j->rec.expires_at = j->rec.finished_at + (int64_t)r->srv->cfg.job_hours * 3600;
		j->fraction = 1;
		snprintf(j->step, sizeof j->step, "%s", state_names[j->state]);
		record(J, j);
	}
	pthread_mutex_unlock(&J->lock);
}

int job_stored(struct request *r, struct ec_app *app, const char *answer)
{
	struct job *j = r->job;
	struct jobs *J = r->srv->jobs;
	struct ec_job rec;
	int rc;

	if (!j)
		return EC_OK;
	pthread_mutex_lock(&J->lock);
	rec = j->rec;
	pthread_mutex_unlock(&J->lock);
	snprintf(rec.state, sizeof rec.state, "done");
	rec.http_status = 200;
	rec.finished_at = now_s();
	rec.expires_at = rec.finished_at + (int64_t)r->srv->cfg.job_hours * 3600;
	rec.result = answer;
	if ((rc = ec_app_job_put(app, &rec)) != EC_OK)
		return rc;
	pthread_mutex_lock(&J->lock);
	free(j->result);
	j->result = ec_strdup(answer); /* a stop's record, once committed */
	pthread_mutex_unlock(&J->lock);
	return EC_OK;
}

void job_committed(struct request *r)
{
	struct jobs *J = r->srv->jobs;

	if (!r->job)
		return;
	pthread_mutex_lock(&J->lock);
	r->job->committed = r->job->result != NULL;
	pthread_mutex_unlock(&J->lock);
}

void job_step(struct request *r, const char *step, double fraction)
{
	struct jobs *J = r->srv->jobs;

	if (!r->job)
		return;
	pthread_mutex_lock(&J->lock);
	if (step)
		snprintf(r->job->step, sizeof r->job->step, "%s", step);
	r->job->fraction = fraction > 1 ? 1 : fraction;
	pthread_mutex_unlock(&J->lock);
}

const int *job_cancel_flag(struct request *r)
{
	return r->job ? &r->job->cancel : NULL;
}

/* ---- the answers ---- */

static json_t *time_json(int64_t t)
{
	char s[32];
	time_t tt = (time_t)t;
	struct tm tm;

	if (!t)
		return json_null();
	gmtime_r(&tt, &tm);
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(s);
}

/* The job as the API shows it, without its answer. Lock held when j is in
** memory (live), else j is a stored record. */
static json_t *job_json(const struct ec_job *rec, const struct job *live)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "id", rec->id, "kind", rec->kind, "label", rec->label, "state",
			      live ? state_names[live->state] : rec->state);

	json_object_set_new(o, "created_at", time_json(rec->created_at));
	json_object_set_new(o, "started_at", time_json(rec->started_at));
	json_object_set_new(o, "finished_at", time_json(rec->finished_at));
	json_object_set_new(o, "expires_at", time_json(rec->expires_at));
	json_object_set_new(o, "http_status", rec->http_status ? json_integer(rec->http_status) : json_null());
	if (live && !finished(live)) {
		int position = 0;
		json_object_set_new(o, "step", json_string(live->step));
		json_object_set_new(o, "fraction", live->fraction >= 0 ? json_real(live->fraction) : json_null());
		json_object_set_new(o, "cancel_requested", json_boolean(live->cancel));
		if (live->state == RUNNING && live->fraction >= 0.02 && live->fraction < 1) {
			struct timespec t;
			double elapsed;
			clock_gettime(CLOCK_MONOTONIC, &t);
			elapsed = (double)(t.tv_sec - live->began.tv_sec) + (double)(t.tv_nsec - live->began.tv_nsec) / 1e9;
			json_object_set_new(o, "eta_s", json_real(elapsed * (1 - live->fraction) / live->fraction));
		} else {
			json_object_set_new(o, "eta_s", json_null());
		}
		if (live->state == QUEUED) /* 1 + the jobs queued before it (older: further down the list) */
			for (const struct job *k = live; k; k = k->next)
				position += k->state == QUEUED;
		json_object_set_new(o, "position", position ? json_integer(position) : json_null());
	}
	return o;
}

/* The job with its answer: "result" when done, "error" (the route's error
** object) when it failed or was cancelled. Takes o. */
static void reply_job(struct request *r, unsigned status, json_t *o, const char *result)
{
	struct ec_export x;
	int file = req_download(r, &x);

	if (file < 0) {
		json_decref(o);
		return;
	}
	if (file) {
		json_t *http = json_object_get(o, "http_status");
		char base[96];
		if (!result || !json_is_integer(http) || json_integer_value(http) >= 300) {
			reply_problem(r, 409, "job.unfinished", "format", NULL);
		} else {
			snprintf(base, sizeof base, "%s-%s", json_string_value(json_object_get(o, "kind")),
				 json_string_value(json_object_get(o, "label")));
			for (char *p = base; *p; p++)
				if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", *p))
					*p = '_';
			reply_download_json(r, result, &x, base);
		}
		json_decref(o);
		return;
	}
	if (result) {
		json_error_t e;
		json_t *answer = json_loads(result, 0, &e);
		int ok = json_is_integer(json_object_get(o, "http_status")) &&
			 json_integer_value(json_object_get(o, "http_status")) < 300;

		if (!answer)
			answer = json_null();
		if (ok) {
			json_object_set_new(o, "result", answer);
		} else {
			json_t *err = json_object_get(answer, "error");
			json_object_set(o, "error", err ? err : answer);
			json_decref(answer);
		}
	}
	reply_json(r, status, o);
}

static struct job *find(struct jobs *J, const char *id)
{
	for (struct job *j = J->list; j; j = j->next)
		if (strcmp(j->rec.id, id) == 0)
			return j;
	return NULL;
}

static int may_see(const struct request *r, const struct ec_job *rec)
{
	return rec->user_id == r->user.id || r->user.role == EC_ROLE_ADMIN;
}

static void reply_not_found(struct request *r, const char *id)
{
	struct ec_diag d;
	char hours[16];

	snprintf(hours, sizeof hours, "%d", r->srv->cfg.job_hours);
	ec_diag_init(&d, 1);
	ec_diag_problem(&d, "job.not_found", NULL, 0, "id", "id", id, "hours", hours, NULL);
	reply_problems(r, 404, &d);
	ec_diag_release(&d);
}

/* Drops the finished jobs whose last record is written: their answers are
** read from the store from then on, so memory holds only the jobs under
** way (an allocation's answer can be megabytes). Lock held. */
static void sweep(struct jobs *J)
{
	for (struct job **p = &J->list; *p;) {
		struct job *j = *p;
		if (finished(j) && !j->req && !j->unwritten) {
			*p = j->next;
			free(j->result);
			free(j);
		} else {
			p = &j->next;
		}
	}
}

/* 503 job.queue_full when the server's queue is full, else 429
** job.too_many (the account's limit). */
static void reply_limit(struct request *r, int queue_full, int max)
{
	struct ec_diag d;
	char n[16];

	snprintf(n, sizeof n, "%d", max);
	ec_diag_init(&d, 1);
	if (queue_full)
		ec_diag_problem(&d, "job.queue_full", NULL, 0, NULL, "max", n, NULL);
	else
		ec_diag_problem(&d, "job.too_many", NULL, 0, NULL, "max", n, NULL);
	reply_problems(r, queue_full ? 503 : 429, &d);
	ec_diag_release(&d);
}

int job_defer(struct request *r, const char *kind, const char *label)
{
	struct jobs *J = r->srv->jobs;
	struct job *j;
	int mine = 0, queued = 0;
	char token[65], location[64];
	json_t *o;

	if (r->job)
		return 0;
	pthread_mutex_lock(&J->lock);
	for (struct job *k = J->list; k; k = k->next) {
		if (finished(k))
			continue;
		if (k->rec.user_id == r->user.id)
			mine++;
		if (k->state == QUEUED)
			queued++;
	}
	if (J->halting || queued >= JOB_QUEUE_MAX) {
		pthread_mutex_unlock(&J->lock);
		reply_limit(r, 1, JOB_QUEUE_MAX);
		return 1;
	}
	if (mine >= r->srv->cfg.jobs_per_user) {
		pthread_mutex_unlock(&J->lock);
		reply_limit(r, 0, r->srv->cfg.jobs_per_user);
		return 1;
	}
	j = ec_calloc(1, sizeof *j);
	ec_random_token(token);
	if (r->srv->listening) /* the server's name, held while it lives (listen.c) */
		memcpy(token, r->srv->instance, 16);
	memcpy(j->rec.id, token, 32);
	j->rec.id[32] = '\0';
	j->rec.user_id = r->user.id;
	snprintf(j->rec.kind, sizeof j->rec.kind, "%s", kind);
	snprintf(j->rec.label, sizeof j->rec.label, "%s", label ? label : "");
	j->rec.created_at = now_s();
	j->state = QUEUED;
	j->fraction = -1;
	snprintf(j->step, sizeof j->step, "queued");
	j->req = req_detach(r);
	j->req->job = j;
	j->next = J->list;
	J->list = j;
	record(J, j);
	pthread_cond_broadcast(&J->work);
	o = json_pack("{s:o}", "job", job_json(&j->rec, j));
	/* Under the lock: once it is let go, a quick job may finish, be
	** recorded and leave memory before this thread reads it again. */
	snprintf(location, sizeof location, "/api/v1/jobs/%s", j->rec.id);
	pthread_mutex_unlock(&J->lock);
	r->location = req_strdup(r, location);
	reply_json(r, 202, o);
	return 1;
}

/* ---- the routes ---- */

struct stored {
	struct request *r;
	json_t *job;
	char *result;
	int denied;
};

static int take_stored(void *ctx, const struct ec_job *rec)
{
	struct stored *st = ctx;

	if (!may_see(st->r, rec) || (rec->expires_at && rec->expires_at <= now_s())) {
		st->denied = 1; /* another's, or expired (removed at the next start) */
		return 0;
	}
	st->job = job_json(rec, NULL);
	st->result = rec->result ? ec_strdup(rec->result) : NULL;
	return 0;
}

void h_job(struct request *r)
{
	struct jobs *J = r->srv->jobs;
	const char *id = r->path_params[0];
	struct job *j;
	struct stored st = { r, NULL, NULL, 0 };
	int rc;

	pthread_mutex_lock(&J->lock);
	if ((j = find(J, id)) && may_see(r, &j->rec)) {
		json_t *o = job_json(&j->rec, j);
		char *result = j->result ? ec_strdup(j->result) : NULL;
		pthread_mutex_unlock(&J->lock);
		reply_job(r, 200, o, result);
		free(result);
		return;
	}
	pthread_mutex_unlock(&J->lock);
	if (j) {
		reply_not_found(r, id);
		return;
	}
	/* Not in memory: finished before the server last started. */
	rc = ec_app_job_get(r->app, id, 1, take_stored, &st);
	if (rc == EC_ENOTFOUND || (rc == EC_OK && (st.denied || !st.job))) {
		reply_not_found(r, id);
	} else if (rc != EC_OK) {
		reply_status(r, rc, ec_app_errmsg(r->app));
	} else {
		reply_job(r, 200, st.job, st.result);
		st.job = NULL;
	}
	json_decref(st.job);
	free(st.result);
}

struct listing {
	json_t *list;
	char (*live)[33]; /* the ids listed from memory, skipped in the store's */
	size_t nlive;
};

static int take_listed(void *ctx, const struct ec_job *rec)
{
	struct listing *l = ctx;

	for (size_t i = 0; i < l->nlive; i++)
		if (strcmp(l->live[i], rec->id) == 0)
			return 0;
	if (rec->expires_at && rec->expires_at <= now_s())
		return 0;
	if (json_array_size(l->list) < JOBS_LISTED)
		json_array_append_new(l->list, job_json(rec, NULL));
	return 0;
}

void h_jobs(struct request *r)
{
	struct jobs *J = r->srv->jobs;
	struct listing l = { json_array(), NULL, 0 };
	int rc;

	/* Those in memory first (newest first, with their progress), then the
	** stored ones of earlier runs, each once. */
	pthread_mutex_lock(&J->lock);
	for (struct job *j = J->list; j; j = j->next)
		l.nlive += j->rec.user_id == r->user.id;
	l.live = req_alloc(r, (l.nlive + 1) * sizeof *l.live);
	l.nlive = 0;
	for (struct job *j = J->list; j; j = j->next) {
		if (j->rec.user_id != r->user.id)
			continue;
		memcpy(l.live[l.nlive++], j->rec.id, sizeof j->rec.id);
		if (json_array_size(l.list) < JOBS_LISTED)
			json_array_append_new(l.list, job_json(&j->rec, j));
	}
	pthread_mutex_unlock(&J->lock);
	rc = ec_app_jobs(r->app, r->user.id, JOBS_LISTED, take_listed, &l);
	if (rc != EC_OK) {
		json_decref(l.list);
		reply_status(r, rc, ec_app_errmsg(r->app));
		return;
	}
	reply_json(r, 200, json_pack("{s:o}", "jobs", l.list));
}

void h_job_cancel(struct request *r)
{
	struct jobs *J = r->srv->jobs;
	const char *id = r->path_params[0];
	struct job *j;
	json_t *o;

	pthread_mutex_lock(&J->lock);
	if (!(j = find(J, id))) {
		/* Not in memory: finished and recorded, or none. */
		struct stored st = { r, NULL, NULL, 0 };
		pthread_mutex_unlock(&J->lock);
		if (ec_app_job_get(r->app, id, 0, take_stored, &st) == EC_OK && st.job && !st.denied)
			reply_problem(r, 409, "job.finished", NULL, "state", json_string_value(json_object_get(st.job, "state")),
				      NULL);
		else
			reply_not_found(r, id);
		json_decref(st.job);
		free(st.result);
		return;
	}
	if (!may_see(r, &j->rec)) {
		pthread_mutex_unlock(&J->lock);
		reply_not_found(r, id);
		return;
	}
	if (finished(j) || j->committed) {
		/* A committed change is not taken back: that job is done, but for
		** the rest of its answer. */
		enum job_state state = finished(j) ? j->state : DONE;
		pthread_mutex_unlock(&J->lock);
		reply_problem(r, 409, "job.finished", NULL, "state", state_names[state], NULL);
		return;
	}
	j->cancel = 1;
	if (j->state == QUEUED) {
		req_free_detached(j->req);
		j->req = NULL;
		fail_with(J, j, "job.cancelled", 409);
	}
	o = json_pack("{s:o}", "job", job_json(&j->rec, j));
	pthread_mutex_unlock(&J->lock);
	reply_json(r, 202, o);
}

/* ---- start and stop ---- */

int jobs_start(struct server *s, struct ec_app *app, char **err)
{
	struct jobs *J = ec_calloc(1, sizeof *J);
	struct ec_diag d;
	json_t *answer;
	char *text;
	int64_t now = now_s();
	int rc;

	/* What a stopped server left unfinished failed; expired answers go. */
	ec_diag_init(&d, 1);
	ec_diag_problem(&d, "job.stopped", NULL, 0, NULL, NULL);
	answer = problems_answer(503, &d);
	ec_diag_release(&d);
	text = json_dumps(answer, JSON_COMPACT);
	json_decref(answer);
	rc = ec_app_job_settle(app, now, now + (int64_t)s->cfg.job_hours * 3600, 503, text);
	free(text);
	if (rc != EC_OK) {
		*err = ec_asprintf("%s: %s", s->cfg.db, ec_app_errmsg(app));
		free(J);
		return rc;
	}
	J->srv = s;
	pthread_mutex_init(&J->lock, NULL);
	pthread_cond_init(&J->work, NULL);
	pthread_cond_init(&J->written, NULL);
	pthread_cond_init(&J->flushed, NULL);
	s->jobs = J;
	if (pthread_create(&J->recorder, NULL, recorder_main, J) != 0) {
		*err = ec_asprintf("could not start the job recorder: %s", strerror(errno));
		return EC_EIO;
	}
	J->recorder_running = 1;
	J->threads = ec_calloc((size_t)s->cfg.jobs, sizeof *J->threads);
	for (int i = 0; i < s->cfg.jobs; i++) {
		if (pthread_create(&J->threads[i], NULL, worker_main, J) != 0) {
			*err = ec_asprintf("could not start a job thread: %s", strerror(errno));
			return EC_EIO;
		}
		J->nthreads++;
	}
	return EC_OK;
}

int jobs_stop(struct server *s)
{
	struct jobs *J = s->jobs;
	int busy;

	if (!J)
		return 0;
	/* Cancel what runs; give it 10 s to roll back and answer. */
	pthread_mutex_lock(&J->lock);
	J->halting = 1;
	for (struct job *j = J->list; j; j = j->next)
		if (j->state == RUNNING)
			j->cancel = 1;
	for (int waited = 0; J->busy && waited < 100; waited++) {
		pthread_mutex_unlock(&J->lock);
		usleep(100000);
		pthread_mutex_lock(&J->lock);
	}
	/* Whatever has not finished failed: the server stopped under it. A job
	** whose change committed is done, with the answer kept at the commit. */
	for (struct job *j = J->list; j; j = j->next) {
		if (finished(j))
			continue;
		if (j->committed) {
			j->state = DONE;
			j->rec.http_status = 200;
			j->rec.finished_at = now_s();
			j->rec.expires_at = j->rec.finished_at + (int64_t)s->cfg.job_hours * 3600;
			record(J, j);
			continue;
		}
		if (j->state == QUEUED) {
			req_free_detached(j->req);
			j->req = NULL;
		}
		fail_with(J, j, "job.stopped", 503);
	}
	J->stopping = 1;
	busy = J->busy;
	pthread_cond_broadcast(&J->work);
	pthread_cond_broadcast(&J->written);
	pthread_mutex_unlock(&J->lock);
	if (J->recorder_running)
		pthread_join(J->recorder, NULL);
	if (busy) {
		/* A simplex (or CBC's root) cannot be interrupted: its record
		** says failed; the process ends under it. */
		log_line(s, "warning: %s job thread%s still busy at the stop; its job is recorded as failed",
			 busy == 1 ? "one" : "more than one", busy == 1 ? "" : "s");
		return 1;
	}
	for (int i = 0; i < J->nthreads; i++)
		pthread_join(J->threads[i], NULL);
	while (J->list) {
		struct job *j = J->list;
		J->list = j->next;
		free(j->result);
		free(j);
	}
	free(J->threads);
	pthread_mutex_destroy(&J->lock);
	pthread_cond_destroy(&J->work);
	pthread_cond_destroy(&J->written);
	pthread_cond_destroy(&J->flushed);
	free(J);
	s->jobs = NULL;
	return 0;
}
