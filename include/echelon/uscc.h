/*
** Unified Social Credit Codes (GB 32100-2015): the 18-character identifier
** of every Chinese legal entity, with a check character at the end.
*/
#ifndef ECHELON_USCC_H
#define ECHELON_USCC_H

#include <stddef.h>

#include "echelon.h"

#define EC_USCC_LEN 18

/* Outcome of a USCC check. */
enum ec_uscc_status {
	EC_USCC_OK = 0,
	EC_USCC_LENGTH,    /* not 18 characters */
	EC_USCC_ALPHABET,  /* a character outside the code alphabet */
	EC_USCC_CHECK      /* wrong check character */
};

struct ec_uscc_result {
	enum ec_uscc_status status;
	size_t position;   /* 1-based position of the bad character */
	char found;        /* the bad or check character found */
	char expected;     /* EC_USCC_CHECK: the check character expected */
};

/* Checks s[0..n). Returns 0 if valid, EC_EDATA otherwise with the detail
** in *r. Lowercase letters are not in the alphabet. Can't fail otherwise. */
int ec_uscc_check(const char *s, size_t n, struct ec_uscc_result *r /* OUT */);

/* Computes the check character for the first 17 characters of s.
** Returns it, or 0 if one of them is outside the alphabet. */
char ec_uscc_check_char(const char *s);

/* The problem of a failed check of s[0..n) about field (may be NULL), into
** *out (empty before; the caller places or releases it): uscc.length,
** uscc.alphabet, uscc.byte or uscc.check with the value and the detail
** (field.empty for an empty s).
** Can't fail. */
void ec_uscc_problem(const struct ec_uscc_result *r, const char *s, size_t n, const char *field,
		     struct ec_problem *out /* OUT */);

/* Writes the English reason for a failed check into out (the message of
** ec_uscc_problem). Can't fail. */
void ec_uscc_explain(const struct ec_uscc_result *r, char *out, size_t size);

#endif
