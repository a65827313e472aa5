/*
** This is the implementation of the cluster registry's checks and of the
** indicators of a cluster, computed by year from its members' sums and
** compared with every region of the same level for the same categories.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/cluster.h"
#include "echelon/monitor.h"

static const char *const tier_names[EC_NTIERS] = { "base", "cluster", "ecosystem" };

char *ec_tier_names(char *out, size_t size)
{
	return ec_names_join(tier_names, EC_NTIERS, out, size);
}

const char *const ec_entered_indicators[EC_NENTERED] = {
	/* innovation capability */
	"innovation_platforms", "rd_institutions", "incubators",
	/* industry-city integration */
	"park_area_km2", "resident_population", "housing_units",
	/* application scenarios */
	"scenarios_published", "scenarios_landed",
	/* public service */
	"agency_staff", "service_platforms", "standards_led", "transit_lines",
};

int ec_tier_parse(const char *s)
{
	for (int i = 0; i < EC_NTIERS; i++)
		if (strcmp(s, tier_names[i]) == 0)
			return i;
	return -1;
}

const char *ec_tier_name(enum ec_tier t)
{
	return t >= 0 && t < EC_NTIERS ? tier_names[t] : "?";
}

int ec_entered_indicator_known(const char *name)
{
	for (int i = 0; i < EC_NENTERED; i++)
		if (strcmp(name, ec_entered_indicators[i]) == 0)
			return 1;
	return 0;
}

void ec_region_prefix(const char *code, char out[7])
{
	size_t n = strlen(code);

	snprintf(out, 7, "%s", code);
	if (n == 6 && strcmp(code + 2, "0000") == 0)
		out[2] = '\0';
	else if (n == 6 && strcmp(code + 4, "00") == 0)
		out[4] = '\0';
}

int ec_cluster_check(const struct ec_cluster *c, const struct ec_catalog *cat, struct ec_problem *why)
{
	size_t n = strlen(c->code);
	char value[48];
	const char *p;

	if (n == 0 || n >= EC_CLUSTER_CODE_MAX ||
	    strspn(c->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") != n) {
		ec_problem_set(why, "code.invalid", "code", "value", ec_value_shown(c->code, n, value, sizeof value), NULL);
		return EC_EDATA;
	}
	if (!c->name_zh[0]) {
		ec_problem_set(why, "field.empty", "name_zh", NULL);
		return EC_EDATA;
	}
	if (!c->name_en[0]) {
		ec_problem_set(why, "field.empty", "name_en", NULL);
		return EC_EDATA;
	}
	if (c->tier < 0 || c->tier >= EC_NTIERS) {
		char names[64];
		ec_problem_set(why, "field.choice", "tier", "expected", ec_tier_names(names, sizeof names), NULL);
		return EC_EDATA;
	}
	if (strcmp(c->parent, c->code) == 0) {
		ec_problem_set(why, "cluster.own_parent", "parent", NULL);
		return EC_EDATA;
	}
	if (!c->regions[0]) {
		ec_problem_set(why, "regions.empty", "regions", NULL);
		return EC_EDATA;
	}
	for (p = c->regions; *p;) {
		size_t len = strcspn(p, ";");
		if (len != 6 || !ec_catalog_find_region(cat, p, len)) {
			ec_problem_set(why, "region.unknown", "regions", "value",
				       ec_value_shown(p, len > 12 ? 12 : len, value, sizeof value), NULL);
			return EC_EDATA;
		}
		p += len + (p[len] == ';');
	}
	if (!c->categories[0]) {
		ec_problem_set(why, "categories.empty", "categories", NULL);
		return EC_EDATA;
	}
	for (p = c->categories; *p;) {
		size_t len = strcspn(p, ";");
		if (!ec_catalog_find_category(cat, p, len)) {
			ec_problem_set(why, "category.unknown", "categories", "value",
				       ec_value_shown(p, len > 12 ? 12 : len, value, sizeof value), NULL);
			return EC_EDATA;
		}
		p += len + (p[len] == ';');
	}
	if (c->founded && (c->founded < 1900 || c->founded > 2999)) {
		snprintf(value, sizeof value, "%d", c->founded);
		ec_problem_set(why, "year.invalid", "founded", "value", value, NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

void ec_cluster_data_release(struct ec_cluster_data *d)
{
	free(d->uscc);
	free(d->region);
	free(d->category);
	free(d->lat);
	free(d->lon);
	free(d->va);
	free(d->va_real);
	free(d->revenue);
	free(d->rd);
	free(d->patents);
	free(d->employees);
	free(d->reported);
	memset(d, 0, sizeof *d);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double ec_quantile(double *v, size_t n, double p)
{
	double h;
	size_t lo;

	if (n == 0)
		return NAN;
	/* insertion sort is enough for a few hundred regions; qsort beyond */
	for (size_t i = 1; i < n && n <= 64; i++)
		for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	if (n > 64)
		qsort(v, n, sizeof *v, cmp_double);
	h = (double)(n - 1) * p;
	lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]);
}


/* Parsed region prefixes of a cluster: value and the power of ten that
** turns a 6-digit code into it. */
struct prefixes {
	int32_t value[16];
	int32_t divisor[16];
	size_t n;
};

static void parse_prefixes(const char *list, struct prefixes *px)
{
	px->n = 0;
	for (const char *p = list; *p && px->n < 16;) {
		size_t len = strcspn(p, ";");
		char code[8], pre[7];
		snprintf(code, sizeof code, "%.*s", (int)(len > 6 ? 6 : len), p);
		ec_region_prefix(code, pre);
		px->value[px->n] = (int32_t)strtol(pre, NULL, 10);
		px->divisor[px->n] = strlen(pre) == 2 ? 10000 : strlen(pre) == 4 ? 100 : 1;
		px->n++;
		p += len + (p[len] == ';');
	}
}

static int in_regions(const struct prefixes *px, int32_t region)
{
	for (size_t i = 0; i < px->n; i++)
		if (region / px->divisor[i] == px->value[i])
			return 1;
	return 0;
}

/* Flags the catalogue categories at or below one of the listed codes. */
static void category_flags(const struct ec_catalog *cat, const char *list, uint8_t *flags)
{
	for (size_t k = 0; k < cat->ncategories; k++) {
		const char *code = cat->categories[k].code;
		flags[k] = 0;
		for (const char *p = list; *p && !flags[k];) {
			size_t len = strcspn(p, ";");
			if (strncmp(code, p, len) == 0 && (code[len] == '\0' || code[len] == '.'))
				flags[k] = 1;
			p += len + (p[len] == ';');
		}
	}
}

size_t ec_cluster_members(const struct ec_cluster_data *d, const struct ec_cluster *c, const char *includes,
			  const char *excludes, uint8_t *member)
{
	uint8_t *flags = ec_calloc(d->cat->ncategories + 1, 1);
	struct prefixes px;
	size_t count = 0;

	parse_prefixes(c->regions, &px);
	category_flags(d->cat, c->categories, flags);
	for (size_t f = 0; f < d->nfirms; f++) {
		member[f] = d->category[f] >= 0 && flags[d->category[f]] && in_regions(&px, d->region[f]);
		if (includes && *includes && ec_list_has(includes, d->uscc[f], strlen(d->uscc[f])))
			member[f] = 1;
		if (excludes && *excludes && ec_list_has(excludes, d->uscc[f], strlen(d->uscc[f])))
			member[f] = 0;
		count += member[f];
	}
	free(flags);
	return count;
}

/* Sums of one region (or the cluster's regions) for its categories. */
struct area_sums {
	double va_cat, va_all, real, base;
	int64_t emp, estab;
};

enum ec_sdc_reason ec_cluster_indicators_sdc(const struct ec_sdc_rule *rule, struct ec_cluster_indicators *ind)
{
	enum ec_sdc_reason why = ec_sdc_cell(rule, ind->enterprises, ind->largest_va, ind->value_added);

	if (why != EC_SDC_SHOWN) {
		ind->value_added = ind->largest_va = ind->growth_pct = ind->revenue = NAN;
		ind->rd_intensity_pct = ind->patents_per_1000 = ind->national_share_pct = NAN;
		ind->employees = -1;
	}
	/* Growth is made of the members above designated size only: too few
	** of them and it tells of those few, however many members there are. */
	if (ind->above_size >= 0 && ind->above_size < rule->min_count)
		ind->growth_pct = NAN;
	return why;
}

/* Growth at comparable prices: NaN when the base is not positive, or when a
** deflator some enterprise needed is missing (its real value added is NaN,
** ec_deflate, and so is the sum). */
static double growth_of(double real, double base)
{
	return base > 0 ? (real / base - 1) * 100 : NAN;
}

static double lq_of(const struct area_sums *a, double national_ratio)
{
	return a->va_all > 0 && national_ratio > 0 ? (a->va_cat / a->va_all) / national_ratio : NAN;
}

int ec_cluster_indicators(const struct ec_cluster_data *d, const struct ec_cluster *c, const uint8_t *member,
			  int year, double above_size, struct ec_cluster_indicators *out, char **err)
{
	int y = year - d->first_year, Y = d->nyears, have_base = y >= 1;
	uint8_t *flags;
	struct prefixes px;
	struct area_sums mine = { 0, 0, 0, 0, 0, 0 };
	double nat_cat = 0, nat_all = 0, mem_real = 0, mem_base = 0, rd = 0, patents = 0;
	int32_t divisor;
	/* regions of the comparison level: key -> sums, in a small open table */
	size_t cap = 8192, nkeys = 0;
	int32_t *keys;
	struct area_sums *sums;
	double *lqs, *emps, *ests, *growths, national_ratio;
	size_t nl = 0, ne = 0, ng = 0;

	*err = NULL;
	memset(out, 0, sizeof *out);
	out->year = year;
	if (y < 0 || y >= Y) {
		*err = ec_asprintf("reports.no_year|year=%d|first=%d|last=%d", year, d->first_year,
				   d->first_year + Y - 1);
		return EC_ENOTFOUND;
	}
	flags = ec_calloc(d->cat->ncategories + 1, 1);
	category_flags(d->cat, c->categories, flags);
	parse_prefixes(c->regions, &px);
	divisor = px.n ? px.divisor[0] : 100;
	keys = ec_malloc(cap * sizeof *keys);
	for (size_t i = 0; i < cap; i++)
		keys[i] = -1;
	sums = ec_calloc(cap, sizeof *sums);

	for (size_t f = 0; f < d->nfirms; f++) {
		size_t at = f * (size_t)Y + (size_t)y;
		int in_cat = d->category[f] >= 0 && flags[d->category[f]];
		int above = have_base && ec_above_size(d->revenue[at - 1], above_size);
		double va = d->va[at];
		size_t slot;

		if (!d->reported[at] && !(have_base && d->reported[at - 1]))
			continue;
		nat_all += va;
		if (in_cat)
			nat_cat += va;
		/* its region at the comparison level */
		slot = ((uint32_t)(d->region[f] / divisor) * 2654435761u) & (cap - 1);
		while (keys[slot] >= 0 && keys[slot] != d->region[f] / divisor)
			slot = (slot + 1) & (cap - 1);
		if (keys[slot] < 0) {
			if (nkeys * 2 >= cap)
				continue; /* more regions than any level has: ignore */
			keys[slot] = d->region[f] / divisor;
			nkeys++;
		}
		sums[slot].va_all += va;
		if (in_cat) {
			sums[slot].va_cat += va;
			if (d->reported[at]) {
				sums[slot].emp += d->employees[at];
				sums[slot].estab++;
			}
			if (above) {
				sums[slot].real += d->va_real[at];
				sums[slot].base += d->va[at - 1];
			}
		}
		if (in_regions(&px, d->region[f])) {
			mine.va_all += va;
			if (in_cat) {
				mine.va_cat += va;
				if (d->reported[at]) {
					mine.emp += d->employees[at];
					mine.estab++;
				}
			}
		}
		if (!member[f])
			continue;
		if (d->reported[at]) {
			out->enterprises++;
			out->value_added += va;
			if (out->enterprises == 1 || va > out->largest_va)
				out->largest_va = va;
			out->revenue += d->revenue[at];
			out->employees += d->employees[at];
			rd += d->rd[at];
			patents += (double)d->patents[at];
		}
		if (above) {
			out->above_size++;
			mem_real += d->va_real[at];
			mem_base += d->va[at - 1];
		}
	}
	if (!have_base)
		out->above_size = -1; /* not 0: nobody can tell without last year's revenue */
	out->growth_pct = growth_of(mem_real, mem_base);
	out->rd_intensity_pct = out->revenue > 0 ? rd / out->revenue * 100 : NAN;
	out->patents_per_1000 = out->employees > 0 ? patents / (double)out->employees * 1000 : NAN;
	out->national_share_pct = nat_cat > 0 ? out->value_added / nat_cat * 100 : NAN;
	national_ratio = nat_all > 0 ? nat_cat / nat_all : 0;
	out->lq = lq_of(&mine, national_ratio);
	out->region_employees = mine.emp;
	out->region_establishments = mine.estab;

	/* The distribution over regions of the same level that have any firm
	** of these categories. */
	lqs = ec_malloc((nkeys + 1) * sizeof *lqs);
	emps = ec_malloc((nkeys + 1) * sizeof *emps);
	ests = ec_malloc((nkeys + 1) * sizeof *ests);
	growths = ec_malloc((nkeys + 1) * sizeof *growths);
	for (size_t s = 0; s < cap; s++) {
		double lq, g;
		if (keys[s] < 0 || sums[s].estab == 0)
			continue;
		lq = lq_of(&sums[s], national_ratio);
		if (!isnan(lq))
			lqs[nl++] = lq;
		emps[ne] = (double)sums[s].emp;
		ests[ne++] = (double)sums[s].estab;
		g = growth_of(sums[s].real, sums[s].base);
		if (!isnan(g))
			growths[ng++] = g;
	}
	out->regions_compared = ne;
	out->lq_p75 = ec_quantile(lqs, nl, 0.75);
	{
		double emp_p25 = ec_quantile(emps, ne, 0.25), est_p25 = ec_quantile(ests, ne, 0.25);
		double emp_p90 = ec_quantile(emps, ne, 0.90), g_p90 = ec_quantile(growths, ng, 0.90);
		out->strong = !isnan(out->lq) && out->lq >= out->lq_p75 && out->lq >= 1 &&
			      (double)mine.emp > emp_p25 && (double)mine.estab > est_p25;
		out->star_size = ne > 0 && (double)mine.emp >= emp_p90 && mine.emp > 0;
		out->star_specialisation = !isnan(out->lq) && out->lq >= 2;
		out->star_performance = ng > 0 && !isnan(out->growth_pct) && out->growth_pct >= g_p90;
		out->stars = out->star_size + out->star_specialisation + out->star_performance;
	}
	free(lqs);
	free(emps);
	free(ests);
	free(growths);
	free(keys);
	free(sums);
	free(flags);
	return EC_OK;
}
