/*
** A small cache of API answers: a fixed table of slots by hash of the key,
** each tagged with the data generation it was computed for, so that any
** change to the data drops every entry at once.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

struct slot {
	char *key;
	char *body;
	size_t len;
	uint64_t generation;
};

struct cache {
	pthread_mutex_t lock;
	struct slot *slots;
	size_t n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

struct cache *cache_new(size_t slots)
{
	struct cache *c = ec_calloc(1, sizeof *c);

	pthread_mutex_init(&c->lock, NULL);
	c->slots = ec_calloc(slots, sizeof *c->slots);
	c->n = slots;
	return c;
}

void cache_free(struct cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->slots[i].key), free(c->slots[i].body);
	free(c->slots);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

char *cache_get(struct cache *c, const char *key, uint64_t generation, size_t *len)
{
	struct slot *s = &c->slots[hash(key) % c->n];
	char *copy = NULL;

	pthread_mutex_lock(&c->lock);
	if (s->key && s->generation == generation && strcmp(s->key, key) == 0) {
		copy = ec_malloc(s->len);
		memcpy(copy, s->body, s->len);
		*len = s->len;
	}
	pthread_mutex_unlock(&c->lock);
	return copy;
}

void cache_put(struct cache *c, const char *key, uint64_t generation, const char *body, size_t len)
{
	struct slot *s = &c->slots[hash(key) % c->n];
	char *k = ec_strdup(key), *b = ec_malloc(len ? len : 1), *old_key, *old_body;

	memcpy(b, body, len);
	pthread_mutex_lock(&c->lock);
	old_key = s->key;
	old_body = s->body;
	s->key = k;
	s->body = b;
	s->len = len;
	s->generation = generation;
	pthread_mutex_unlock(&c->lock);
	free(old_key);
	free(old_body);
}
