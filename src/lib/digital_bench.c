/*
** Benchmarks of the SME digital level over plain arrays: groups of
** submitted assessments (a region, an SEI area, a size class, a cluster)
** with their mean and median score and the share at each level under the
** disclosure control, an enterprise's percentile rank among its peers, and
** its weakest dimensions. The formulas are in docs/methods.md.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/digital.h"
#include "echelon/echelon.h"
#include "echelon/cluster.h"
#include "echelon/project.h"
#include "echelon/sdc.h"

struct scored {
	size_t group;
	double score;
};

static int by_group_then_score(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return (x->score > y->score) - (x->score < y->score);
}

void ec_digital_bench_groups(const double *score, const int *level, const size_t *group, size_t n,
			     size_t ngroups, const struct ec_sdc_rule *rule, struct ec_digital_bench *out)
{
	struct scored *s = ec_malloc((n ? n : 1) * sizeof *s);
	int64_t *count = ec_malloc((ngroups ? ngroups : 1) * sizeof *count);
	enum ec_sdc_reason *reason = ec_malloc((ngroups ? ngroups : 1) * sizeof *reason);
	size_t m = 0;

	memset(out, 0, ngroups * sizeof *out);
	for (size_t i = 0; i < n; i++) {
		struct ec_digital_bench *b;
		int lv = level[i] < 0 ? 0 : level[i] > 4 ? 4 : level[i];
		if (group[i] >= ngroups || isnan(score[i]))
			continue;
		b = &out[group[i]];
		b->count++;
		b->mean += score[i];
		b->at_level[lv]++;
		s[m].group = group[i];
		s[m].score = score[i];
		m++;
	}
	qsort(s, m, sizeof *s, by_group_then_score);
	for (size_t g = 0, at = 0; g < ngroups; g++) {
		struct ec_digital_bench *b = &out[g];
		size_t k = (size_t)b->count;
		while (at < m && s[at].group < g)
			at++;
		if (k == 0) {
			b->mean = b->median = b->level2_pct = b->level3_pct = NAN;
		} else {
			b->mean /= (double)k;
			b->median = k % 2 ? s[at + k / 2].score : (s[at + k / 2 - 1].score + s[at + k / 2].score) / 2;
			b->level2_pct = 100.0 * (double)(b->at_level[2] + b->at_level[3] + b->at_level[4]) / (double)k;
			b->level3_pct = 100.0 * (double)(b->at_level[3] + b->at_level[4]) / (double)k;
		}
		count[g] = b->count;
		/* an empty group discloses nothing */
		reason[g] = rule && k ? ec_sdc_cell(rule, b->count, NAN, 0) : EC_SDC_SHOWN;
	}
	if (rule)
		ec_sdc_complement(count, ngroups, reason);
	for (size_t g = 0; g < ngroups; g++)
		out[g].hidden = (int)reason[g];
	free(s);
	free(count);
	free(reason);
}

double ec_digital_percentile(const double *peers, size_t n, double score)
{
	double below = 0, equal = 0;

	if (n == 0)
		return NAN;
	for (size_t i = 0; i < n; i++) {
		if (fabs(peers[i] - score) <= 1e-9)
			equal++;
		else if (peers[i] < score)
			below++;
	}
	return 100.0 * (below + equal / 2) / (double)n;
}

size_t ec_digital_weakest(const struct ec_digital_result *r, size_t *order)
{
	size_t n = 0;

	for (size_t m = 0; m < r->ndimensions; m++)
		if (r->dimension_max[m] > 0)
			order[n++] = m;
	/* insertion sort: four dimensions, stable on the questionnaire's order */
	for (size_t i = 1; i < n; i++) {
		size_t v = order[i], j = i;
		double share = r->dimension_score[v] / r->dimension_max[v];
		while (j > 0 && r->dimension_score[order[j - 1]] / r->dimension_max[order[j - 1]] > share + 1e-12) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
	return n;
}

/* A target region as the prefix it stands for ("310000" -> "31"). */
static size_t target_prefix(const char *t, size_t len, char out[7])
{
	char code[7];

	if (len > 6)
		len = 6;
	memcpy(code, t, len);
	code[len] = '\0';
	if (len == 6)
		ec_region_prefix(code, out);
	else
		memcpy(out, code, len + 1);
	return strlen(out);
}

static int by_fit(const void *a, const void *b)
{
	const struct ec_digital_fund_fit *x = a, *y = b;

	if (x->fit != y->fit)
		return x->fit > y->fit ? -1 : 1;
	return (x->fund > y->fund) - (x->fund < y->fund);
}

size_t ec_digital_funds_fit(const struct ec_fund *funds, size_t n, const char *category, const char *region,
			    int level, struct ec_digital_fund_fit *out)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct ec_fund *f = &funds[i];
		struct ec_digital_fund_fit *m = &out[k];
		double cat_fit = 0, region_fit = 0;
		char best[7] = "";

		if (!f->categories[0])
			cat_fit = EC_FIT_ANY;
		else if (category && category[0])
			cat_fit = ec_category_fit(category, f->categories);
		if (!f->regions[0])
			region_fit = EC_FIT_ANY;
		for (const char *t = f->regions; *t;) {
			size_t len = strcspn(t, ";");
			char prefix[7];
			size_t plen = target_prefix(t, len, prefix);
			double fit = plen >= 4 ? EC_FIT_REGION_PREFECTURE : EC_FIT_REGION_PROVINCE;
			if (plen && region && strncmp(region, prefix, plen) == 0 && fit > region_fit) {
				region_fit = fit;
				memcpy(best, prefix, sizeof best);
			}
			t += len + (t[len] == ';');
		}
		if (cat_fit <= 0 || region_fit <= 0 || level < f->min_digital_level)
			continue;
		m->fund = i;
		m->fit = cat_fit * region_fit;
		if (!f->categories[0])
			snprintf(m->category_reason, sizeof m->category_reason, "match.any_category|category=%s",
				 category ? category : "");
		else if (cat_fit >= EC_FIT_CATEGORY_EXACT)
			snprintf(m->category_reason, sizeof m->category_reason, "match.category_is_target|category=%s",
				 category);
		else {
			/* the target that covers it: the longest code it lies under */
			const char *target = "";
			int tlen = 0;
			for (const char *t = f->categories; *t;) {
				size_t len = strcspn(t, ";");
				if (len < strlen(category) && !strncmp(t, category, len) && category[len] == '.' &&
				    (int)len > tlen)
					target = t, tlen = (int)len;
				t += len + (t[len] == ';');
			}
			snprintf(m->category_reason, sizeof m->category_reason,
				 "match.category_under_target|category=%s|target=%.*s", category, tlen > 15 ? 15 : tlen, target);
		}
		if (!f->regions[0])
			snprintf(m->region_reason, sizeof m->region_reason, "match.any_region|region=%s", region ? region : "");
		else
			snprintf(m->region_reason, sizeof m->region_reason, "match.region_in_target|region=%s|target=%s",
				 region, best);
		k++;
	}
	qsort(out, k, sizeof *out, by_fit);
	return k;
}
