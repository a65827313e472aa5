/*
** Private: an open-addressing hash index from byte strings to 64-bit
** values, with keys copied into one arena. Used for code lookups and for
** the USCC -> enterprise id map of an import.
*/
#ifndef EC_STRMAP_H
#define EC_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct ec_strmap {
	struct ec_strmap_slot {
		uint64_t hash;   /* 0: empty */
		size_t key;      /* offset into keys */
		uint32_t len;
		int64_t value;
	} *slots;
	size_t mask;
	size_t count;
	char *keys;
	size_t keys_len, keys_cap;
};

struct ec_strmap *ec_strmap_new(size_t expected);
void ec_strmap_free(struct ec_strmap *m);
/* Sets key -> value; returns 1 if the key was new, 0 if it was replaced. */
int ec_strmap_put(struct ec_strmap *m, const char *key, size_t n, int64_t value);
/* Returns 1 and sets *value when found, else 0. */
int ec_strmap_get(const struct ec_strmap *m, const char *key, size_t n, int64_t *value);

/* A set of 64-bit keys (for duplicate detection). */
struct ec_u64set {
	uint64_t *slots; /* stores key+1; 0 is empty */
	size_t mask, count;
};
void ec_u64set_init(struct ec_u64set *s, size_t expected);
void ec_u64set_release(struct ec_u64set *s);
/* Adds key; returns 1 if new, 0 if it was there already. */
int ec_u64set_add(struct ec_u64set *s, uint64_t key);

uint64_t ec_hash_bytes(const void *p, size_t n);

#endif
