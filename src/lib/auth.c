/*
** This is the implementation of account security: argon2id hashes through
** libsodium, tokens from its random generator, SHA-256 for storing tokens
** only as hashes, and the sign-in limiter.
*/
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/auth.h"
#include "echelon/echelon.h"
#include "echelon/uscc.h"
#include "strmap.h"

_Static_assert(EC_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");

int ec_auth_init(void)
{
	return sodium_init() < 0 ? EC_EIO : EC_OK;
}

int ec_password_hash(const char *password, char out[EC_HASH_MAX])
{
	size_t n = strlen(password);

	if (n < EC_PASSWORD_MIN || n > EC_PASSWORD_MAX)
		return EC_EUSAGE;
	if (crypto_pwhash_str(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return EC_EIO;
	return EC_OK;
}

int ec_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void ec_random_token(char out[65])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 65, raw, sizeof raw);
}

void ec_sha256_hex(const void *s, size_t n, char out[65])
{
	unsigned char md[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(md, s, n);
	sodium_bin2hex(out, 65, md, sizeof md);
}

int ec_secure_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

struct ec_limiter {
	pthread_mutex_t lock;
	int max_failures, window_s;
	struct ec_strmap *index; /* key -> slot */
	struct failures {
		int64_t at[16]; /* times of the latest failures, ring */
		int n, next;
	} *slots;
	size_t nslots;
};

struct ec_limiter *ec_limiter_new(int max_failures, int window_s)
{
	struct ec_limiter *l = ec_calloc(1, sizeof *l);

	pthread_mutex_init(&l->lock, NULL);
	l->max_failures = max_failures < 1 ? 1 : max_failures > 16 ? 16 : max_failures;
	l->window_s = window_s;
	l->index = ec_strmap_new(64);
	return l;
}

void ec_limiter_free(struct ec_limiter *l)
{
	if (!l)
		return;
	pthread_mutex_destroy(&l->lock);
	ec_strmap_free(l->index);
	free(l->slots);
	free(l);
}

static struct failures *slot_of(struct ec_limiter *l, const char *key, int create)
{
	int64_t i;

	if (ec_strmap_get(l->index, key, strlen(key), &i))
		return &l->slots[i];
	if (!create)
		return NULL;
	l->slots = ec_realloc(l->slots, (l->nslots + 1) * sizeof *l->slots);
	memset(&l->slots[l->nslots], 0, sizeof *l->slots);
	ec_strmap_put(l->index, key, strlen(key), (int64_t)l->nslots);
	return &l->slots[l->nslots++];
}

int ec_limiter_check(struct ec_limiter *l, const char *key, int64_t now)
{
	struct failures *f;
	int wait = 0;

	pthread_mutex_lock(&l->lock);
	f = slot_of(l, key, 0);
	if (f && f->n >= l->max_failures) {
		/* The oldest of the last max_failures failures. */
		int oldest = (f->next - l->max_failures + 16) % 16;
		int64_t until = f->at[oldest] + l->window_s;
		if (until > now)
			wait = (int)(until - now);
	}
	pthread_mutex_unlock(&l->lock);
	return wait;
}

void ec_limiter_fail(struct ec_limiter *l, const char *key, int64_t now)
{
	struct failures *f;

	pthread_mutex_lock(&l->lock);
	f = slot_of(l, key, 1);
	f->at[f->next] = now;
	f->next = (f->next + 1) % 16;
	if (f->n < 16)
		f->n++;
	pthread_mutex_unlock(&l->lock);
}

void ec_limiter_reset(struct ec_limiter *l, const char *key)
{
	struct failures *f;

	pthread_mutex_lock(&l->lock);
	if ((f = slot_of(l, key, 0)))
		f->n = 0, f->next = 0;
	pthread_mutex_unlock(&l->lock);
}

int ec_account_check(const char *name, int role, const char *scope, const char **field, char *why, size_t size)
{
	size_t n = strlen(name);

	*field = "name";
	if (n == 0 || n > 64 || strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._@-") != n) {
		snprintf(why, size, "'%.64s': expected 1 to 64 letters, digits or . _ @ -", name);
		return EC_EUSAGE;
	}
	*field = "role";
	if (role < 0 || role >= 5) {
		snprintf(why, size, "expected admin, analyst, agency, fund or enterprise");
		return EC_EUSAGE;
	}
	*field = "scope";
	if (strlen(scope) > 255) {
		snprintf(why, size, "longer than 255 bytes");
		return EC_EUSAGE;
	}
	if (role == 4) { /* enterprise */
		struct ec_uscc_result r;
		char detail[160];
		if (ec_uscc_check(scope, strlen(scope), &r) != EC_OK) {
			ec_uscc_explain(&r, detail, sizeof detail);
			snprintf(why, size, "an enterprise user's scope is its USCC: %s", detail);
			return EC_EUSAGE;
		}
	} else if (role <= 1 && scope[0]) {
		snprintf(why, size, "admin and analyst accounts have no scope");
		return EC_EUSAGE;
	}
	return EC_OK;
}

/* ---- roles ---- */

static const char *const role_names[EC_NROLES] = { "admin", "analyst", "agency", "fund", "enterprise" };

const char *ec_role_name(enum ec_role role)
{
	return role >= 0 && role < EC_NROLES ? role_names[role] : "?";
}

int ec_role_parse(const char *name)
{
	for (int i = 0; i < EC_NROLES; i++)
		if (strcmp(name, role_names[i]) == 0)
			return i;
	return -1;
}
