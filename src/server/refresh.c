/*
** Answers kept briefly (F_KEEP_BRIEF: read from the store, which another
** process may change) are made again off the request threads. A request
** that finds its answer older than CACHE_STORE_S seconds is answered with
** it, and a copy of the request goes to the refresher thread, which runs
** the route's handler on it and keeps the new answer. So a request thread
** never stops serving its other connections for the tens to hundreds of
** milliseconds that reading and writing the project library takes.
*/
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

/* Copies waiting at most; more are dropped (asked again by a later request). */
#define REFRESH_QUEUE_MAX 64

struct refresher {
	struct server *srv;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct request *queue[REFRESH_QUEUE_MAX]; /* a ring, oldest at head */
	size_t head, n;
	const char *running;                      /* the key of the one under way */
	int stop;
};

static void *refresh_main(void *arg)
{
	struct refresher *R = arg;
	struct server *s = R->srv;
	sigset_t all;

	/* The stop signals are the main thread's (sigwait). */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	pthread_mutex_lock(&R->lock);
	for (;;) {
		struct request *d;
		while (!R->stop && R->n == 0)
			pthread_cond_wait(&R->wake, &R->lock);
		if (R->stop)
			break;
		d = R->queue[R->head];
		R->head = (R->head + 1) % REFRESH_QUEUE_MAX;
		R->n--;
		R->running = d->cache_key;
		pthread_mutex_unlock(&R->lock);

		/* The generation before the work, as a request thread takes it. */
		d->cache_generation = server_answers_generation(s);
		d->app = server_app(s);
		if (d->app)
			d->route->handler(d);

		pthread_mutex_lock(&R->lock);
		R->running = NULL;
		req_free_detached(d);
	}
	pthread_mutex_unlock(&R->lock);
	return NULL;
}

int refresh_start(struct server *s, char **err)
{
	struct refresher *R = ec_calloc(1, sizeof *R);

	R->srv = s;
	pthread_mutex_init(&R->lock, NULL);
	pthread_cond_init(&R->wake, NULL);
	if (pthread_create(&R->thread, NULL, refresh_main, R) != 0) {
		*err = ec_strdup("could not start the refresher thread");
		pthread_mutex_destroy(&R->lock);
		pthread_cond_destroy(&R->wake);
		free(R);
		return EC_EIO;
	}
	s->refresher = R;
	return EC_OK;
}

void refresh_stop(struct server *s)
{
	struct refresher *R = s->refresher;

	if (!R)
		return;
	pthread_mutex_lock(&R->lock);
	R->stop = 1;
	pthread_cond_signal(&R->wake);
	pthread_mutex_unlock(&R->lock);
	pthread_join(R->thread, NULL);
	for (; R->n; R->n--, R->head = (R->head + 1) % REFRESH_QUEUE_MAX)
		req_free_detached(R->queue[R->head]);
	pthread_mutex_destroy(&R->lock);
	pthread_cond_destroy(&R->wake);
	free(R);
	s->refresher = NULL;
}

void refresh_queue(struct request *r)
{
	struct refresher *R = r->srv->refresher;

	if (!R || !r->cache_key)
		return;
	pthread_mutex_lock(&R->lock);
	if (R->stop || R->n == REFRESH_QUEUE_MAX || (R->running && strcmp(R->running, r->cache_key) == 0))
		goto out;
	for (size_t i = 0; i < R->n; i++)
		if (strcmp(R->queue[(R->head + i) % REFRESH_QUEUE_MAX]->cache_key, r->cache_key) == 0)
			goto out;
	R->queue[(R->head + R->n) % REFRESH_QUEUE_MAX] = req_detach(r);
	R->queue[(R->head + R->n) % REFRESH_QUEUE_MAX]->refreshing = 1;
	R->n++;
	pthread_cond_signal(&R->wake);
out:
	pthread_mutex_unlock(&R->lock);
}

void refresh_answer(struct request *r, unsigned status, const char *content_type, const char *body, size_t len)
{
	r->status = status;
	r->bytes = len;
	r->answered = 1;
	if (status == 200)
		cache_put(r->srv->cache, r->cache_key, r->cache_generation, content_type, body, len);
	else
		cache_drop(r->srv->cache, r->cache_key);
}
