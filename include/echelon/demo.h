/*
** The demo: a synthetic national economy of industrial enterprises
** (mining, manufacturing, utilities) with monthly reports and PPI deflators,
** calibrated so that the monitoring method reproduces published growth
** figures; the cluster echelon over it; and the project library and fund
** registry. No I/O (src/demo): the caller hands in plain arrays and gets
** the records through callbacks.
*/
#ifndef ECHELON_DEMO_H
#define ECHELON_DEMO_H

#include <stddef.h>
#include <stdint.h>
#include "catalog.h"
#include "cluster.h"
#include "echelon.h"
#include "project.h"
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

/* ---- the cluster echelon (src/demo/clusters.c) ----
**
** Ten SEI bases that hold the national clusters, ecosystems where the
** economy concentrates, and the four projects' indicators entered by year.
** The caller reads the registry and the economy into plain arrays, and
** writes what the sink gets. */

/* Where the demo's clusters and indicators go. Each callback returns 0 to
** go on; any other value stops the generator and is returned by it. */
struct ec_demo_cluster_sink {
	void *ctx;
	/* A base, a national cluster given its base as parent, or an
	** ecosystem. */
	int (*cluster)(void *ctx, const struct ec_cluster *c);
	/* One value of an entered indicator (ec_entered_indicators). */
	int (*indicator)(void *ctx, const char *cluster, int year, const char *indicator, double value);
};

/* Hands the demo's ten SEI bases (tier base, agency and source "demo",
** founded 2020) to sink->cluster, always in the same order. Returns 0, or
** the value a callback returned. */
int ec_demo_bases(const struct ec_demo_cluster_sink *sink);

/* Places the national clusters in the bases: each cluster of v[0..n) of
** tier cluster without a parent that lies in a base (all its regions within
** the base's, a category in common) gets the first such base as its parent
** and is handed to sink->cluster, in the order of v. Returns 0, or the
** value a callback returned (the clusters after it then unchanged). */
int ec_demo_cluster_parents(struct ec_cluster *v, size_t n, const struct ec_demo_cluster_sink *sink);

/* Up to max ecosystems: the prefecture x SEI direction pairs with the most
** SEI value added in year (d, by the primary category) that no registered
** cluster of tier cluster in registered[0..n) covers, largest first, each
** with the base that holds it as parent; handed to sink->cluster. The same
** data give the same ecosystems. Returns 0, or the value a callback
** returned. */
int ec_demo_ecosystems(const struct ec_catalog *cat, const struct ec_cluster_data *d, int year,
		       const struct ec_cluster *registered, size_t n, size_t max,
		       const struct ec_demo_cluster_sink *sink);

/* The entered indicators of cluster c, which has members members
** (ec_cluster_members): for each year first_year .. first_year + nyears - 1
** and each of ec_entered_indicators in order, a value drawn from seed, the
** cluster's code, the year and the indicator, growing with the members and
** the years; handed to sink->indicator. Returns 0, or the value a callback
** returned. */
int ec_demo_cluster_indicators(uint64_t seed, const struct ec_cluster *c, size_t members, int first_year, int nyears,
			       const struct ec_demo_cluster_sink *sink);

/* ---- the project library and the fund registry (src/demo/projects.c) ---- */

/* Where the demo's projects and funds go. Each callback returns 0 to go
** on; any other value stops the generator and is returned by it. The
** records are the generator's: copy what outlives the call. */
struct ec_demo_project_sink {
	void *ctx;
	int (*project)(void *ctx, const struct ec_project *p);
	int (*fund)(void *ctx, const struct ec_fund *f);
};

/* Draws nprojects key SEI investment projects, P00001 on, and then nfunds
** funds, F0001 on, from one stream of seed, and hands them to sink. A
** project's owner is drawn from owners[0..nowners) (SEI enterprises: its
** category is the owner's primary one), its cluster is the most specific of
** clusters[0..nclusters) that holds the owner, its funding plan may fall
** short of the total, and its progress is recorded month by month up to
** last_period (on plan, lagging or stalled). The first 31 funds are the
** provinces' guidance funds; the others are banks, insurers, VC/PE and
** industrial capital aimed at an SEI area of cat. The same inputs give the
** same records. Returns 0; EC_ENOTFOUND when nowners is 0 (nothing handed);
** or the value a callback returned. */
int ec_demo_projects(const struct ec_catalog *cat, uint64_t seed, const struct ec_enterprise *owners, size_t nowners,
		     const struct ec_cluster *clusters, size_t nclusters, size_t nprojects, size_t nfunds,
		     int last_period, const struct ec_demo_project_sink *sink);

/* ---- SME digital-level answers (src/demo/digital.c) ---- */

struct ec_digital_questionnaire;
struct ec_digital_answer;
/* The sector table of an industry class: M for manufacturing (divisions
** 13-43), S for producer services (transport, information, leasing and
** business, research), O otherwise. Can't fail. */
const char *ec_demo_digital_sector(const char *industry);
/* Answers to every item of q's table sector for uscc in year, drawn from
** the enterprise's maturity (which grows from first_year on) and seed,
** into out (room for q->nitems). Returns how many. Can't fail. */
size_t ec_demo_digital_answers(const struct ec_digital_questionnaire *q, const char *uscc, const char *sector,
			       int year, int first_year, uint64_t seed, struct ec_digital_answer *out /* OUT */);

#endif
