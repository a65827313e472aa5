/*
** Answers kept for the routes that allow it: a fixed table of slots by
** hash of the key, each holding the response libmicrohttpd sends, built
** once with its headers, and, for a large body, its gzip form for clients
** that accept it. Every connection that asks is given the same response
** (libmicrohttpd counts a response's references, so one replaced here is
** freed when the last connection sending it is done). Each entry is tagged
** with the data generation it was computed for and when it was made, so
** that any change to the data drops every entry at once.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "server.h"

/* Bodies smaller than GZIP_MIN are sent as they are, and larger than
** GZIP_MAX too (zlib counts in 32 bits). */
#define GZIP_MIN 1024
#define GZIP_MAX ((size_t)1 << 30)

struct slot {
	char *key;
	uint64_t generation;
	int64_t made_s;            /* monotonic seconds */
	const char *body;          /* the plain response's own copy */
	size_t len, gzip_len;
	struct MHD_Response *plain, *gzip; /* gzip NULL when not worth it */
};

struct cache {
	pthread_rwlock_t lock;
	struct slot *slots;
	size_t n;
	size_t bytes, max_bytes;   /* bodies held, plain and gzip */
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int64_t now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
	return (int64_t)t.tv_sec;
}

struct cache *cache_new(size_t slots, size_t max_bytes)
{
	struct cache *c = ec_calloc(1, sizeof *c);

	pthread_rwlock_init(&c->lock, NULL);
	c->slots = ec_calloc(slots, sizeof *c->slots);
	c->n = slots;
	c->max_bytes = max_bytes;
	return c;
}

/* Empties a slot; call with the write lock held. */
static void slot_clear(struct cache *c, struct slot *s)
{
	free(s->key);
	if (s->plain)
		MHD_destroy_response(s->plain);
	if (s->gzip)
		MHD_destroy_response(s->gzip);
	c->bytes -= s->len + s->gzip_len;
	memset(s, 0, sizeof *s);
}

void cache_free(struct cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		slot_clear(c, &c->slots[i]);
	free(c->slots);
	pthread_rwlock_destroy(&c->lock);
	free(c);
}

/* The gzip form of body[0..len) in a buffer from ec_malloc, or NULL when
** it would not be smaller by a tenth. */
static char *gzip_of(const char *body, size_t len, size_t *out_len)
{
	z_stream z;
	uLong bound;
	char *out;
	int rc;

	memset(&z, 0, sizeof z);
	/* 15 + 16: the gzip wrapper; level 6, zlib's default */
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	bound = deflateBound(&z, (uLong)len) + 32;
	out = ec_malloc(bound);
	z.next_in = (Bytef *)(uintptr_t)body;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	*out_len = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END || *out_len > len - len / 10) {
		free(out);
		return NULL;
	}
	return out;
}

/* A response over body (which it takes, from ec_malloc) with the headers of
** every API answer: its type, the security headers, and the encoding. */
static struct MHD_Response *response_of(char *body, size_t len, const char *type, int gzip, int vary)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);

	if (!resp) {
		free(body);
		return NULL;
	}
	MHD_add_response_header(resp, "Content-Type", type);
	if (gzip)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	if (vary)
		MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	add_security_headers(resp, 1);
	return resp;
}

int cache_reply_stale(struct cache *c, struct request *r, const char *key, uint64_t generation, int fresh_s,
		      int stale_s)
{
	struct slot *s = &c->slots[hash(key) % c->n];
	int answered = 0;
	int64_t age;

	pthread_rwlock_rdlock(&c->lock);
	age = now_s() - s->made_s;
	if (s->key && s->generation == generation && (stale_s <= 0 || age < stale_s) && strcmp(s->key, key) == 0) {
		if (r->job) {
			/* a job keeps the bytes as its result */
			job_answer(r, 200, s->body, s->len);
		} else {
			/* Queued under the read lock: the slot's reference keeps
			** the response alive until libmicrohttpd holds its own. */
			int gz = s->gzip && r->accepts_gzip;
			MHD_queue_response(r->conn, 200, gz ? s->gzip : s->plain);
			r->status = 200;
			r->bytes = gz ? s->gzip_len : s->len;
			r->answered = 1;
		}
		answered = fresh_s > 0 && age >= fresh_s ? 2 : 1;
	}
	pthread_rwlock_unlock(&c->lock);
	return answered;
}

char *cache_copy(struct cache *c, const char *key, uint64_t generation)
{
	struct slot *s = &c->slots[hash(key) % c->n];
	char *copy = NULL;

	pthread_rwlock_rdlock(&c->lock);
	if (s->key && s->generation == generation && strcmp(s->key, key) == 0) {
		copy = ec_malloc(s->len + 1);
		memcpy(copy, s->body, s->len);
		copy[s->len] = '\0';
	}
	pthread_rwlock_unlock(&c->lock);
	return copy;
}

int cache_reply(struct cache *c, struct request *r, const char *key, uint64_t generation, int max_age_s)
{
	return cache_reply_stale(c, r, key, generation, 0, max_age_s);
}

/* Drops the entries older than CACHE_STORE_S (those of a past generation
** among them; one still current is made again when asked); call with the
** write lock held. */
static void sweep(struct cache *c)
{
	int64_t now = now_s();

	for (size_t i = 0; i < c->n; i++) {
		struct slot *s = &c->slots[i];
		if (s->key && now - s->made_s >= CACHE_STORE_S)
			slot_clear(c, s);
	}
}

void cache_put(struct cache *c, const char *key, uint64_t generation, const char *type, const char *body, size_t len)
{
	struct slot *s = &c->slots[hash(key) % c->n];
	char *copy = ec_malloc(len ? len : 1), *packed = NULL;
	size_t packed_len = 0;
	struct MHD_Response *plain, *gzip = NULL;

	/* The work outside the lock: the compression, the responses. */
	memcpy(copy, body, len);
	if (len >= GZIP_MIN && len < GZIP_MAX)
		packed = gzip_of(body, len, &packed_len);
	if (!(plain = response_of(copy, len, type, 0, packed != NULL))) {
		free(packed);
		return;
	}
	if (packed && !(gzip = response_of(packed, packed_len, type, 1, 1)))
		packed_len = 0;
	pthread_rwlock_wrlock(&c->lock);
	if (s->key && s->generation > generation && strcmp(s->key, key) == 0) {
		/* a later generation's answer, made meanwhile, stays */
		pthread_rwlock_unlock(&c->lock);
		MHD_destroy_response(plain);
		if (gzip)
			MHD_destroy_response(gzip);
		return;
	}
	if (s->key)
		slot_clear(c, s);
	if (c->bytes + len + packed_len > c->max_bytes)
		sweep(c);
	if (c->bytes + len + packed_len > c->max_bytes) {
		/* full of recent answers: this one is not kept */
		pthread_rwlock_unlock(&c->lock);
		MHD_destroy_response(plain);
		if (gzip)
			MHD_destroy_response(gzip);
		return;
	}
	s->key = ec_strdup(key);
	s->generation = generation;
	s->made_s = now_s();
	s->body = copy;
	s->len = len;
	s->plain = plain;
	s->gzip = gzip;
	s->gzip_len = gzip ? packed_len : 0;
	c->bytes += s->len + s->gzip_len;
	pthread_rwlock_unlock(&c->lock);
}

void cache_drop(struct cache *c, const char *key)
{
	struct slot *s = &c->slots[hash(key) % c->n];

	pthread_rwlock_wrlock(&c->lock);
	if (s->key && strcmp(s->key, key) == 0)
		slot_clear(c, s);
	pthread_rwlock_unlock(&c->lock);
}
