/* The sink the fuzz harnesses hand the data readers (fuzz_files, fuzz_text):
** an enterprise "exists" when its USCC's first byte is odd, and every row
** is taken. Included by one harness each, so the functions are static. */
#ifndef FUZZ_INTAKE_SINK_H
#define FUZZ_INTAKE_SINK_H

#include "echelon/intake.h"

static int64_t sink_resolve(void *ctx, const char *uscc, size_t n)
{
	(void)ctx;
	return n && (uscc[0] & 1) ? (int64_t)(n + 1) : 0;
}

static int sink_enterprise(void *ctx, struct ec_enterprise *e)
{
	(void)ctx;
	e->id = 1;
	return 0;
}

static int sink_report(void *ctx, const struct ec_report *r)
{
	(void)ctx, (void)r;
	return 0;
}

static int sink_deflator(void *ctx, const struct ec_deflator *df)
{
	(void)ctx, (void)df;
	return 0;
}

#endif
