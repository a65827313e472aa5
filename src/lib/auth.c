/*
** This is the implementation of account security: argon2id hashes through
** libsodium, tokens from its random generator, SHA-256 for storing tokens
** only as hashes, and the sign-in limiter.
*/
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
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
		int64_t last;    /* time of the latest failure */
		int n;           /* failures within the window of the latest */
		int inflight;    /* attempts begun and not yet ended */
	} *slots;
	size_t nslots, cap;
	int64_t forgot_at;       /* when the full table was last swept */
};

/* Keys kept at most; past it, keys whose failures have all left the
** window are dropped, so that a flood of names cannot grow memory. While
** every key is still remembered, a new key may not try (the limiter fails
** closed) and the table is swept at most once a second. */
#define LIMITER_KEYS 65536

struct ec_limiter *ec_limiter_new(int max_failures, int window_s)
{
	struct ec_limiter *l = ec_calloc(1, sizeof *l);

	pthread_mutex_init(&l->lock, NULL);
	l->max_failures = max_failures < 1 ? 1 : max_failures;
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

/* Drops the keys with nothing to remember at now. Lock held. */
static void forget(struct ec_limiter *l, int64_t now)
{
	struct ec_strmap *index = ec_strmap_new(l->nslots + 64);
	struct failures *slots = ec_malloc((l->cap ? l->cap : 1) * sizeof *slots);
	size_t kept = 0;

	for (size_t i = 0; i < l->index->mask + 1; i++) {
		const struct ec_strmap_slot *e = &l->index->slots[i];
		const struct failures *f;
		if (!e->hash)
			continue;
		f = &l->slots[e->value];
		if (!f->inflight && f->last + l->window_s <= now)
			continue;
		slots[kept] = *f;
		ec_strmap_put(index, l->index->keys + e->key, e->len, (int64_t)kept++);
	}
	ec_strmap_free(l->index);
	free(l->slots);
	l->index = index;
	l->slots = slots;
	l->nslots = kept;
}

static struct failures *slot_of(struct ec_limiter *l, const char *key, int64_t now, int create)
{
	int64_t i;

	if (ec_strmap_get(l->index, key, strlen(key), &i))
		return &l->slots[i];
	if (!create)
		return NULL;
	if (l->nslots >= LIMITER_KEYS && l->forgot_at != now) {
		forget(l, now);
		l->forgot_at = now;
	}
	if (l->nslots >= LIMITER_KEYS)
		return NULL;
	if (l->nslots == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->slots = ec_realloc(l->slots, l->cap * sizeof *l->slots);
	}
	memset(&l->slots[l->nslots], 0, sizeof *l->slots);
	ec_strmap_put(l->index, key, strlen(key), (int64_t)l->nslots);
	return &l->slots[l->nslots++];
}

/* The seconds to wait after n failures, the latest at last: none below
** the limit, then 2, 4, 8 ... seconds per failure past it, at most the
** window. */
static int64_t wait_after(const struct ec_limiter *l, const struct failures *f, int64_t now)
{
	int64_t delay;
	int over;

	if (f->last + l->window_s <= now)
		return 0; /* the failures have left the window */
	over = f->n + f->inflight - l->max_failures;
	if (over < 0)
		return 0;
	delay = over >= 20 ? l->window_s : (int64_t)2 << over;
	if (delay > l->window_s)
		delay = l->window_s;
	return f->last + delay > now ? f->last + delay - now : 0;
}

int ec_limiter_begin(struct ec_limiter *l, const char *key, int64_t now)
{
	struct failures *f;
	int64_t wait = 0;

	pthread_mutex_lock(&l->lock);
	if (!(f = slot_of(l, key, now, 1))) {
		wait = 1; /* every place remembers a recent failure: try again shortly */
	} else {
		if (f->last + l->window_s <= now && !f->inflight)
			f->n = 0;
		wait = f->n + f->inflight >= l->max_failures ? wait_after(l, f, now) : 0;
		if (f->n + f->inflight >= l->max_failures && wait == 0 && f->inflight)
			wait = 1; /* attempts in flight hold the last places */
		if (!wait)
			f->inflight++;
	}
	pthread_mutex_unlock(&l->lock);
	return (int)(wait > INT32_MAX ? INT32_MAX : wait);
}

void ec_limiter_end(struct ec_limiter *l, const char *key, int64_t now, enum ec_attempt outcome)
{
	struct failures *f;

	pthread_mutex_lock(&l->lock);
	if ((f = slot_of(l, key, now, 0))) {
		if (f->inflight)
			f->inflight--;
		if (outcome == EC_ATTEMPT_FAILED) {
			f->n++;
			f->last = now;
		} else if (outcome == EC_ATTEMPT_SUCCEEDED) {
			f->n = 0;
		}
	}
	pthread_mutex_unlock(&l->lock);
}

int ec_limiter_check(struct ec_limiter *l, const char *key, int64_t now)
{
	struct failures *f;
	int64_t wait = 0;

	pthread_mutex_lock(&l->lock);
	if ((f = slot_of(l, key, now, 0)))
		wait = wait_after(l, f, now);
	pthread_mutex_unlock(&l->lock);
	return (int)(wait > INT32_MAX ? INT32_MAX : wait);
}

void ec_limiter_fail(struct ec_limiter *l, const char *key, int64_t now)
{
	struct failures *f;

	pthread_mutex_lock(&l->lock);
	if ((f = slot_of(l, key, now, 1))) {
		if (f->last + l->window_s <= now)
			f->n = 0;
		f->n++;
		f->last = now;
	}
	pthread_mutex_unlock(&l->lock);
}

/* ---- a hash to verify against when there is no account ---- */

static char dummy_hash[EC_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char password[65];

	ec_random_token(password);
	if (ec_password_hash(password, dummy_hash) != EC_OK)
		dummy_hash[0] = '\0';
}

void ec_password_prepare(void)
{
	pthread_once(&dummy_once, make_dummy);
}

void ec_password_spend(const char *password)
{
	pthread_once(&dummy_once, make_dummy);
	if (dummy_hash[0])
		(void)ec_password_verify(dummy_hash, password);
}

int ec_account_check(const char *name, int role, const char *scope, struct ec_problem *why)
{
	size_t n = strlen(name);
	char value[80];

	if (n == 0 || n > 64 || strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._@-") != n) {
		ec_problem_set(why, "account.name", "name", "value", ec_value_shown(name, n, value, sizeof value), NULL);
		return EC_EUSAGE;
	}
	if (role < 0 || role >= EC_NROLES) {
		char names[64];
		ec_problem_set(why, "field.choice", "role", "expected", ec_role_names(names, sizeof names), NULL);
		return EC_EUSAGE;
	}
	if (strlen(scope) > 255) {
		ec_problem_set(why, "field.too_long", "scope", "max", "255", NULL);
		return EC_EUSAGE;
	}
	if (role == EC_ROLE_ENTERPRISE) {
		struct ec_uscc_result r;
		if (ec_uscc_check(scope, strlen(scope), &r) != EC_OK) {
			ec_problem_set(why, "account.scope_uscc", "scope", "value",
				       ec_value_shown(scope, strlen(scope), value, sizeof value), NULL);
			return EC_EUSAGE;
		}
	} else if ((role == EC_ROLE_ADMIN || role == EC_ROLE_ANALYST) && scope[0]) {
		ec_problem_set(why, "account.no_scope", "scope", NULL);
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

char *ec_role_names(char *out, size_t size)
{
	return ec_names_join(role_names, EC_NROLES, out, size);
}
