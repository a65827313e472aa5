/*
** This is the implementation of the private string and integer hash sets
** (linear probing, power-of-two tables kept at most half full).
*/
#include <stdlib.h>
#include <string.h>

#include "echelon/echelon.h"
#include "strmap.h"

uint64_t ec_hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a, then a final mix */

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h ? h : 1;
}

static size_t table_size(size_t expected)
{
	size_t n = 16;
	while (n < expected * 2)
		n *= 2;
	return n;
}

struct ec_strmap *ec_strmap_new(size_t expected)
{
	struct ec_strmap *m = ec_calloc(1, sizeof *m);
	size_t n = table_size(expected);

	m->slots = ec_calloc(n, sizeof *m->slots);
	m->mask = n - 1;
	return m;
}

void ec_strmap_free(struct ec_strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m->keys);
	free(m);
}

static void grow(struct ec_strmap *m)
{
	size_t n = (m->mask + 1) * 2;
	struct ec_strmap_slot *old = m->slots;
	size_t oldn = m->mask + 1;

	m->slots = ec_calloc(n, sizeof *m->slots);
	m->mask = n - 1;
	for (size_t i = 0; i < oldn; i++) {
		if (!old[i].hash)
			continue;
		size_t j = old[i].hash & m->mask;
		while (m->slots[j].hash)
			j = (j + 1) & m->mask;
		m->slots[j] = old[i];
	}
	free(old);
}

int ec_strmap_put(struct ec_strmap *m, const char *key, size_t n, int64_t value)
{
	uint64_t h = ec_hash_bytes(key, n);
	size_t j;

	if ((m->count + 1) * 2 > m->mask + 1)
		grow(m);
	for (j = h & m->mask; m->slots[j].hash; j = (j + 1) & m->mask) {
		struct ec_strmap_slot *s = &m->slots[j];
		if (s->hash == h && s->len == n && memcmp(m->keys + s->key, key, n) == 0) {
			s->value = value;
			return 0;
		}
	}
	if (!m->keys || m->keys_len + n > m->keys_cap) { /* an empty first key needs the block too */
		m->keys_cap = m->keys_cap ? m->keys_cap * 2 : 1024;
		while (m->keys_len + n > m->keys_cap)
			m->keys_cap *= 2;
		m->keys = ec_realloc(m->keys, m->keys_cap);
	}
	memcpy(m->keys + m->keys_len, key, n);
	m->slots[j].hash = h;
	m->slots[j].key = m->keys_len;
	m->slots[j].len = (uint32_t)n;
	m->slots[j].value = value;
	m->keys_len += n;
	m->count++;
	return 1;
}

int ec_strmap_get(const struct ec_strmap *m, const char *key, size_t n, int64_t *value)
{
	uint64_t h = ec_hash_bytes(key, n);

	for (size_t j = h & m->mask; m->slots[j].hash; j = (j + 1) & m->mask) {
		const struct ec_strmap_slot *s = &m->slots[j];
		if (s->hash == h && s->len == n && memcmp(m->keys + s->key, key, n) == 0) {
			*value = s->value;
			return 1;
		}
	}
	return 0;
}

void ec_u64set_init(struct ec_u64set *s, size_t expected)
{
	size_t n = table_size(expected);

	s->slots = ec_calloc(n, sizeof *s->slots);
	s->mask = n - 1;
	s->count = 0;
}

void ec_u64set_release(struct ec_u64set *s)
{
	free(s->slots);
	s->slots = NULL;
	s->mask = s->count = 0;
}

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

int ec_u64set_add(struct ec_u64set *s, uint64_t key)
{
	uint64_t stored = key + 1;
	size_t j;

	if ((s->count + 1) * 2 > s->mask + 1) {
		uint64_t *old = s->slots;
		size_t oldn = s->mask + 1;
		s->mask = oldn * 2 - 1;
		s->slots = ec_calloc(oldn * 2, sizeof *s->slots);
		for (size_t i = 0; i < oldn; i++) {
			if (!old[i])
				continue;
			j = mix64(old[i]) & s->mask;
			while (s->slots[j])
				j = (j + 1) & s->mask;
			s->slots[j] = old[i];
		}
		free(old);
	}
	for (j = mix64(stored) & s->mask; s->slots[j]; j = (j + 1) & s->mask)
		if (s->slots[j] == stored)
			return 0;
	s->slots[j] = stored;
	s->count++;
	return 1;
}
