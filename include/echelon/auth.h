/*
** Accounts: argon2id password hashes (libsodium), random session tokens
** and their hashes, and a limiter of failed sign-ins.
*/
#ifndef ECHELON_AUTH_H
#define ECHELON_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "echelon.h"

/* The roles of accounts. What each may do is checked by the application
** layer (src/app) and the server's route table, not by the store. */
enum ec_role { EC_ROLE_ADMIN, EC_ROLE_ANALYST, EC_ROLE_AGENCY, EC_ROLE_FUND, EC_ROLE_ENTERPRISE, EC_NROLES };

/* "admin", "analyst", "agency", "fund", "enterprise"; "?" out of range. */
const char *ec_role_name(enum ec_role role);
/* The role of a name; -1 when unknown. */
int ec_role_parse(const char *name);
/* "admin, analyst, agency, fund or enterprise", for messages, into out. */
char *ec_role_names(char *out, size_t size);

#define EC_PASSWORD_MIN 8
#define EC_PASSWORD_MAX 256
#define EC_HASH_MAX 160

/* Initialises the crypto library once per process. Returns 0, or EC_EIO. */
int ec_auth_init(void);

/* Hashes a password with argon2id into out (EC_HASH_MAX bytes). Returns 0,
** EC_EUSAGE when the password is shorter than EC_PASSWORD_MIN or longer
** than EC_PASSWORD_MAX bytes, or EC_EIO when memory for hashing is short. */
int ec_password_hash(const char *password, char out[EC_HASH_MAX]);

/* 1 when password matches hash, else 0. Takes the same time for a wrong
** password as for a right one. */
int ec_password_verify(const char *hash, const char *password);

/* Writes 32 random bytes as 64 hex digits and a NUL. Can't fail. */
void ec_random_token(char out[65]);

/* Writes the hex SHA-256 of s[0..n) and a NUL. Can't fail. */
void ec_sha256_hex(const void *s, size_t n, char out[65]);

/* Compares two strings in time that does not depend on where they differ. */
int ec_secure_equal(const char *a, const char *b);

/* Failed sign-ins by key (an account at an address, an address): up to
** max_failures within window_s seconds go unhindered; past that each try
** waits 2, 4, 8 ... seconds after the latest failure, at most window_s.
** Attempts begun and not yet ended count, so that concurrent tries cannot
** pass the limit together. Memory is bounded (keys whose failures have left
** the window are forgotten). Thread-safe. */
struct ec_limiter;
struct ec_limiter *ec_limiter_new(int max_failures, int window_s);
void ec_limiter_free(struct ec_limiter *l);
/* Begins an attempt: 0 when key may try now (the attempt is then counted
** until ec_limiter_end), else the seconds to wait (nothing counted). */
int ec_limiter_begin(struct ec_limiter *l, const char *key, int64_t now);
/* How an attempt ended: stopped before the password was judged (another
** limit, a failed store), a wrong password, or a sign-in. */
enum ec_attempt { EC_ATTEMPT_ABORTED, EC_ATTEMPT_FAILED, EC_ATTEMPT_SUCCEEDED };
/* Ends an attempt begun: a failure is remembered, a success forgets the
** key's failures, an aborted attempt only stops counting. */
void ec_limiter_end(struct ec_limiter *l, const char *key, int64_t now, enum ec_attempt outcome);
/* 0 when key may try now, else the seconds to wait; counts nothing. */
int ec_limiter_check(struct ec_limiter *l, const char *key, int64_t now);
/* Records a failure at now without an attempt begun (for tests and
** imports of history). */
void ec_limiter_fail(struct ec_limiter *l, const char *key, int64_t now);

/* Spends the time a password check takes, against a hash of a random
** password: for a sign-in with a name that has no account, so that the
** answer's time does not tell which names exist. Can't fail. */
void ec_password_spend(const char *password);
/* Makes the hash ec_password_spend checks against, so that the first
** sign-in with an unknown name costs no more than the others (a server
** calls it at start, off its request threads). Can't fail. */
void ec_password_prepare(void);

/* Checks an account's name (1..64 of A-Z a-z 0-9 . _ @ -), and that the
** scope suits the role: an enterprise user's scope is its USCC (valid
** check character); agency and fund scopes are ';'-separated codes of at
** most 255 bytes; admin and analyst have none. Returns 0, or EC_EUSAGE
** with the problem, about its field, in *why (may be NULL; the caller
** places or releases it). */
int ec_account_check(const char *name, int role, const char *scope, struct ec_problem *why /* OUT */);

#endif
