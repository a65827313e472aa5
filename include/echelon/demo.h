/*
** The demo economy: a synthetic national economy of industrial enterprises
** (mining, manufacturing, utilities) with monthly reports and PPI deflators,
** calibrated so that the monitoring method reproduces published growth
** figures. No I/O: records go to the caller through callbacks.
*/
#ifndef ECHELON_DEMO_H
#define ECHELON_DEMO_H

#include <stddef.h>
#include <stdint.h>
#include "catalog.h"
#include "echelon.h"
#include "record.h"

#define EC_DEMO_ENTERPRISES_DEFAULT 50000
#define EC_DEMO_ENTERPRISES_MAX 20000000
#define EC_DEMO_SEED_DEFAULT 2020

struct ec_demo_opts {
	int64_t enterprises; /* how many enterprises, entrants included */
	int first_period;    /* a January (ec_period_make) */
	int last_period;     /* a December, at least two whole years on */
	uint64_t seed;       /* the same seed gives the same records */
	double above_size;   /* revenue of the previous year that puts an
			     ** enterprise in the calibration sample */
};

/* Sets the defaults: 50 000 enterprises, 2018-01 to 2021-12, seed 2020,
** threshold 20 000 thousand yuan. Can't fail. */
void ec_demo_opts_init(struct ec_demo_opts *o);

/* Checks options. Returns 0, or EC_EUSAGE with a reason (lowercase, no full
** stop) written into why. */
int ec_demo_opts_check(const struct ec_demo_opts *o, char *why, size_t size);

enum ec_demo_phase {
	EC_DEMO_GENERATING, /* done/total: months generated */
	EC_DEMO_WRITING     /* done/total: enterprises handed to the sink */
};

/* Where the records go. Each record callback returns 0 to go on; any other
** value stops the generation and is returned by ec_demo_generate. */
struct ec_demo_sink {
	void *ctx;
	/* Called once per enterprise, before its reports; e->id holds a
	** provisional 1-based number that the callback may replace (with the
	** store's id); the reports then carry e->id as it is on return. */
	int (*enterprise)(void *ctx, struct ec_enterprise *e);
	/* Called for every month the enterprise reports, in period order. */
	int (*report)(void *ctx, const struct ec_report *r);
	/* Called for every division 06..46 of the catalogue and every month,
	** before any enterprise. */
	int (*deflator)(void *ctx, const struct ec_deflator *d);
	/* May be NULL. Called often (cheap to ignore); finished is 1 on the
	** last call of the run. */
	void (*progress)(void *ctx, enum ec_demo_phase phase, int64_t done, int64_t total,
			 int64_t reports, int finished);
};

struct ec_demo_stats {
	int64_t enterprises;     /* handed to the sink */
	int64_t reports;
	int64_t deflators;
	int64_t above_size_last; /* enterprises above size in the last year */
	double sei_share_last;   /* SEI share of above-size value added in
				 ** the last year, percent */
};

/* Generates the economy described by o from the catalogue cat (classes of
** divisions 06..46, regions, SEI mappings) and hands every record to sink:
** deflators first, then each enterprise followed by its reports. The same
** options and catalogue give the same records, call for call.
** Returns 0 with *stats filled; EC_EUSAGE for bad options or EC_EDATA for a
** catalogue without the classes or regions needed, with *err set (caller
** frees); or the non-zero value a callback returned (*err then NULL). Memory
** is about 8 bytes per enterprise-month plus 100 bytes per enterprise. */
int ec_demo_generate(const struct ec_demo_opts *o, const struct ec_catalog *cat, const struct ec_demo_sink *sink,
		     struct ec_demo_stats *stats /* OUT */, char **err /* OUT: message, caller frees */);

/* The published cumulative growth (January to month, percent, comparable
** prices) of value added above designated size that the generator
** reproduces for year and month (1..12): all industry in *all_pct, SEI in
** *sei_pct. Returns 1 for a year with published monthly figures (2018 to
** 2021), 0 for a year given a plausible flat path. Can't fail. */
int ec_demo_target(int year, int month, double *all_pct /* OUT */, double *sei_pct /* OUT */);

/* The all-industry PPI (previous year = 100) the deflators follow for
** period; divisions swing around it. Can't fail. */
double ec_demo_ppi_all(int period);

#endif
