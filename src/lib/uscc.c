/*
** Unified Social Credit Code check (GB 32100-2015). The code is 17
** characters from a 31-character alphabet followed by a check character:
** C18 = 31 - (sum of value(Ci) * Wi mod 31), with 31 written as 0.
*/
#include <stdio.h>
#include <string.h>

#include "echelon/echelon.h"
#include "echelon/problem.h"
#include "echelon/uscc.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

static int value_of(char c)
{
	const char *p;

	if (c == '\0')
		return -1;
	p = strchr(alphabet, c);
	return p ? (int)(p - alphabet) : -1;
}

char ec_uscc_check_char(const char *s)
{
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		int v = value_of(s[i]);
		if (v < 0)
			return 0;
		sum += v * weights[i];
	}
	return alphabet[(31 - sum % 31) % 31];
}

int ec_uscc_check(const char *s, size_t n, struct ec_uscc_result *r)
{
	char expected;

	memset(r, 0, sizeof *r);
	if (n != EC_USCC_LEN) {
		r->status = EC_USCC_LENGTH;
		r->position = n;
		return EC_EDATA;
	}
	for (size_t i = 0; i < n; i++) {
		if (value_of(s[i]) < 0) {
			r->status = EC_USCC_ALPHABET;
			r->position = i + 1;
			r->found = s[i];
			return EC_EDATA;
		}
	}
	expected = ec_uscc_check_char(s);
	if (s[17] != expected) {
		r->status = EC_USCC_CHECK;
		r->position = 18;
		r->found = s[17];
		r->expected = expected;
		return EC_EDATA;
	}
	return EC_OK;
}

void ec_uscc_problem(const struct ec_uscc_result *r, const char *s, size_t n, const char *field,
		     struct ec_problem *out)
{
	unsigned char c = (unsigned char)r->found;
	char value[64], position[24], found[8], expected[8];

	ec_value_shown(s, n, value, sizeof value);
	snprintf(position, sizeof position, "%zu", r->position);
	if (r->status == EC_USCC_LENGTH && n == 0) {
		ec_problem_set(out, "field.empty", field, NULL);
		return;
	}
	switch (r->status) {
	case EC_USCC_OK:
	case EC_USCC_LENGTH:
		ec_problem_set(out, "uscc.length", field, "value", value, "length", position, NULL);
		break;
	case EC_USCC_ALPHABET:
		if (c >= 0x20 && c < 0x7f) {
			snprintf(found, sizeof found, "%c", c);
			ec_problem_set(out, "uscc.alphabet", field, "value", value, "position", position, "char", found, NULL);
		} else {
			snprintf(found, sizeof found, "0x%02X", c);
			ec_problem_set(out, "uscc.byte", field, "value", value, "position", position, "byte", found, NULL);
		}
		break;
	case EC_USCC_CHECK:
		snprintf(found, sizeof found, "%c", r->found);
		snprintf(expected, sizeof expected, "%c", r->expected);
		ec_problem_set(out, "uscc.check", field, "value", value, "found", found, "expected", expected, NULL);
		break;
	}
}

void ec_uscc_explain(const struct ec_uscc_result *r, char *out, size_t size)
{
	struct ec_problem p;

	if (r->status == EC_USCC_OK) {
		snprintf(out, size, "valid");
		return;
	}
	ec_uscc_problem(r, "?", 1, NULL, &p);
	ec_problem_english(&p, out, size);
	ec_problem_release(&p);
}
