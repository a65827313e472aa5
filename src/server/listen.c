/*
** Several servers on one PostgreSQL store (issue 20): what one of them, or
** a command, changes, the others hear of through the store's announcements
** (LISTEN/NOTIFY) and drop what they keep from before.
**
** A listener thread holds a connection of its own that does nothing but
** wait; a second connection, behind a mutex, sends this server's
** announcements, since a libpq connection is one thread's at a time and
** the listener's is blocked in poll. What is heard:
**
**   facts             the facts' generation moved (sent by the store in the
**                     transaction that moved it, whoever wrote): the
**                     monitoring cube is rebuilt, which moves the data
**                     generation and so drops the kept answers, unless
**                     it holds that generation already (our own import)
**   data ID           a change of the cluster registry
**   library ID        a change of the project library
**   auth ID           a sign-out or an account change: the sessions kept
**                     for a few seconds per thread are dropped
**
** ID names the server that sent it (a random number per process), which
** has already done the same for itself and skips its own. The listening
** connection also holds the name (ec_app_listen), and the ids of the
** server's jobs begin with it, so that another server starting leaves
** them running (ec_app_job_settle). A lost
** connection is made again every second, and then everything counts as
** heard, since announcements sent meanwhile are gone.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "server.h"

#define LISTEN_WAIT_MS 250 /* how often the thread looks at its stop flag */

struct heard {
	struct server *s;
	int facts, data, library, auth;
};

static void note_log(struct server *s, const char *what, const char *why)
{
	pthread_mutex_lock(&s->log_lock);
	if (s->log)
		fprintf(s->log, "%s: %s\n", what, why ? why : "");
	pthread_mutex_unlock(&s->log_lock);
}

static void on_announcement(void *ctx, const char *what)
{
	struct heard *h = ctx;
	const char *id = strchr(what, ' ');
	size_t n = id ? (size_t)(id - what) : strlen(what);

	if (id && strcmp(id + 1, h->s->instance) == 0)
		return; /* our own: done already */
	if (n == 5 && memcmp(what, "facts", 5) == 0)
		h->facts = 1;
	else if (n == 4 && memcmp(what, "data", 4) == 0)
		h->data = 1;
	else if (n == 7 && memcmp(what, "library", 7) == 0)
		h->library = 1;
	else if (n == 4 && memcmp(what, "auth", 4) == 0)
		h->auth = 1;
}

static struct ec_app *listen_open(struct server *s)
{
	struct ec_app *st = NULL;
	char *err = NULL;

	if (ec_app_open_shared(s->cfg.db, 0, &s->catalog, &st, &err) != EC_OK) {
		note_log(s, "error: listening for other servers' changes", err);
		free(err);
		return NULL;
	}
	if (ec_app_listen(st, s->instance) != EC_OK) {
		note_log(s, "error: listening for other servers' changes", ec_app_errmsg(st));
		ec_app_close(st);
		return NULL;
	}
	return st;
}

static void *listen_main(void *arg)
{
	struct server *s = arg;
	struct ec_app *st = s->listener_app; /* opened by listen_start */
	int missed = 0;

	while (!__atomic_load_n(&s->listen_stop, __ATOMIC_SEQ_CST)) {
		struct heard h = { .s = s };
		if (!st && !(st = listen_open(s))) {
			missed = 1;
			sleep(1);
			continue;
		}
		if (ec_app_announcements(st, LISTEN_WAIT_MS, on_announcement, &h) != EC_OK) {
			note_log(s, "error: listening for other servers' changes", ec_app_errmsg(st));
			ec_app_close(st);
			st = NULL;
			missed = 1; /* what is sent until we listen again is gone */
			continue;
		}
		if (missed)
			h.facts = h.data = h.library = h.auth = 1;
		missed = 0;
		/* before anything moves: the replica answers once it has what was heard */
		if (h.facts || h.data || h.library || h.auth)
			server_note_fresh(s, server_app(s));
		if (h.facts) {
			/* this server's own import has rebuilt the cube already */
			struct ec_app *app = server_app(s);
			int64_t now = 0;
			if (app && (ec_app_data_generation(app, &now) != EC_OK ||
				    now > __atomic_load_n(&s->cube_facts, __ATOMIC_SEQ_CST)))
				server_reload(s, app);
		}
		if (h.data)
			server_data_moved(s);
		if (h.library)
			__atomic_add_fetch(&s->library_generation, 1, __ATOMIC_SEQ_CST);
		if (h.auth)
			__atomic_add_fetch(&s->auth_generation, 1, __ATOMIC_SEQ_CST);
	}
	ec_app_close(st);
	return NULL;
}

void server_announce(struct server *s, const char *what)
{
	char text[64], *err = NULL;

	if (!s->listening)
		return;
	snprintf(text, sizeof text, "%s %s", what, s->instance);
	pthread_mutex_lock(&s->announce_lock);
	if (!s->announcer && ec_app_open_shared(s->cfg.db, 0, &s->catalog, &s->announcer, &err) != EC_OK) {
		note_log(s, "error: announcing a change to the other servers", err);
		free(err);
		s->announcer = NULL;
	}
	if (s->announcer && ec_app_announce(s->announcer, text) != EC_OK) {
		note_log(s, "error: announcing a change to the other servers", ec_app_errmsg(s->announcer));
		ec_app_close(s->announcer); /* made again by the next one */
		s->announcer = NULL;
	}
	pthread_mutex_unlock(&s->announce_lock);
}

int listen_start(struct server *s, char **err)
{
	unsigned char id[8];

	pthread_mutex_init(&s->announce_lock, NULL);
	if (!ec_app_announces(s->cfg.db))
		return EC_OK; /* one SQLite file: one server */
	randombytes_buf(id, sizeof id);
	sodium_bin2hex(s->instance, sizeof s->instance, id, sizeof id);
	s->listening = 1;
	/* before the first request: its jobs' ids name this server (jobs.c),
	** which holds the name while it listens */
	s->listener_app = listen_open(s);
	if (pthread_create(&s->listener, NULL, listen_main, s) != 0) {
		ec_app_close(s->listener_app);
		s->listening = 0;
		*err = ec_asprintf("could not start the listener: %s", strerror(errno));
		return EC_EIO;
	}
	return EC_OK;
}

void listen_stop(struct server *s)
{
	if (!s->listening)
		return;
	__atomic_store_n(&s->listen_stop, 1, __ATOMIC_SEQ_CST);
	pthread_join(s->listener, NULL);
	s->listening = 0;
	ec_app_close(s->announcer);
	s->announcer = NULL;
}
