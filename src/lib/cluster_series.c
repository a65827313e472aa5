/*
** A cluster by month: the monitoring engine run over the cluster's members
** as one group, so that its growth is measured exactly as monitoring
** measures an area's (same sample, comparable prices), with the largest
** member for the dominance rule and the share of national SEI value added.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/cluster.h"
#include "echelon/monitor.h"

/* The largest member's value added over the months of row's range (the
** month, or January to it) among the members above designated size in
** the row's year. */
static double largest_member(const struct ec_cluster_months *in, const struct ec_cluster_month *row)
{
	size_t T = (size_t)in->nmonths;
	int t_end = row->period - in->first_period;
	int january = t_end - (ec_period_month(row->period) - 1);
	int t_begin = row->basis == EC_BASIS_MONTH ? t_end : january;
	double largest = 0;

	for (size_t m = 0; m < in->nmembers; m++) {
		const double *va = in->value_added + m * T, *rev = in->revenue + m * T;
		double before = 0, sum = 0;

		for (int t = january - 12; t < january; t++)
			before += rev[t];
		if (!ec_above_size(before, in->above_size))
			continue;
		for (int t = t_begin; t <= t_end; t++)
			sum += va[t];
		if (sum > largest)
			largest = sum;
	}
	return largest;
}

int ec_cluster_series(const struct ec_cluster_months *in, const struct ec_cluster_series_query *q,
		      const struct ec_monitor *sei, struct ec_cluster_month **rows, size_t *nrows, char **err)
{
	static const char *const all = "all", *const sei_code = "sei", *const region = "000000";
	static const uint16_t zero16 = 0;
	struct ec_monitor_input mi;
	struct ec_monitor_series_query sq;
	struct ec_monitor *cube = NULL;
	struct ec_monitor_row *members = NULL, *total = NULL;
	enum ec_sdc_reason *reason = NULL;
	size_t nmembers = 0, ntotal = 0, cells = in->nmembers * (size_t)(in->nmonths > 0 ? in->nmonths : 0);
	uint8_t *direction = ec_malloc(in->nmembers + 1);
	uint16_t *prefecture = ec_calloc(in->nmembers + 1, sizeof *prefecture);
	double *zeros = ec_calloc(cells + 1, sizeof *zeros);
	int32_t *no_employees = ec_calloc(cells + 1, sizeof *no_employees);
	struct ec_cluster_month *out = NULL;
	int rc, first, last;

	*rows = NULL;
	*nrows = 0;
	*err = NULL;
	/* One cell: every member in one prefecture, none in a direction, so
	** that the engine's "all" is the cluster. */
	memset(direction, EC_NOT_SEI, in->nmembers + 1);
	memset(&mi, 0, sizeof mi);
	mi.nenterprises = in->nmembers;
	mi.first_period = in->first_period;
	mi.nmonths = in->nmonths;
	mi.division = in->division;
	mi.direction = direction;
	mi.prefecture = prefecture;
	mi.value_added = in->value_added;
	mi.revenue = in->revenue;
	mi.rd_expense = zeros;
	mi.employees = no_employees;
	mi.reported = in->reported;
	mi.ppi = in->ppi;
	mi.nprefectures = 1;
	mi.prefecture_codes = &region;
	mi.prefecture_province = &zero16;
	mi.nprovinces = 1;
	mi.province_codes = &region;
	mi.above_size = in->above_size;
	if ((rc = ec_monitor_build(&mi, &cube, err)) != EC_OK)
		goto out;

	memset(&sq, 0, sizeof sq);
	sq.basis = q->basis;
	sq.kind = EC_G_ALL;
	sq.codes = &all;
	sq.ncodes = 1;
	sq.region = "";
	sq.from = q->from;
	sq.to = q->to;
	ec_monitor_range(cube, &first, &last);
	rc = ec_monitor_series_groups(cube, &sq, NULL, &members, &reason, &nmembers, err);
	if (rc == EC_ENOTFOUND &&
	    (first < 0 || ((q->from < 0 || q->from <= last) && (q->to < 0 || q->to >= first)))) {
		/* The range is right, but no member is in the sample in it: no
		** months, not an error. */
		free(*err);
		*err = NULL;
		rc = EC_OK;
		nmembers = 0;
	}
	if (rc != EC_OK)
		goto out;
	if (sei) {
		char *ignored = NULL;
		sq.kind = EC_G_SEI;
		sq.codes = &sei_code;
		if (nmembers)
			sq.from = members[0].period, sq.to = members[nmembers - 1].period;
		/* No SEI figure for the range: no share, not an error. */
		if (ec_monitor_series_groups(sei, &sq, NULL, &total, &reason, &ntotal, &ignored) != EC_OK)
			ntotal = 0;
		free(ignored);
	}

	out = ec_malloc((nmembers ? nmembers : 1) * sizeof *out);
	for (size_t i = 0, j = 0; i < nmembers; i++) {
		struct ec_cluster_month *o = &out[i];
		const struct ec_monitor_row *r = &members[i];

		while (j < ntotal && total[j].period < r->period)
			j++;
		o->period = r->period;
		o->basis = r->basis;
		o->enterprises = r->enterprises;
		o->value_added = r->value_added;
		o->value_added_base = r->value_added_base;
		o->value_added_real = r->value_added_real;
		o->growth_pct = r->growth_pct;
		o->largest_va = largest_member(in, o);
		o->sei_value_added = j < ntotal && total[j].period == r->period ? total[j].value_added : NAN;
		o->share_pct = o->sei_value_added > 0 ? o->value_added / o->sei_value_added * 100 : NAN;
	}
	*rows = out;
	*nrows = nmembers;
	out = NULL;
out:
	ec_monitor_free(cube);
	free(members);
	free(total);
	free(reason);
	free(out);
	free(direction);
	free(prefecture);
	free(zeros);
	free(no_employees);
	return rc;
}

enum ec_sdc_reason ec_cluster_month_sdc(const struct ec_sdc_rule *rule, struct ec_cluster_month *m)
{
	enum ec_sdc_reason why = ec_sdc_cell(rule, m->enterprises, m->largest_va, m->value_added);

	if (why != EC_SDC_SHOWN)
		m->value_added = m->value_added_base = m->value_added_real = m->growth_pct = m->largest_va =
			m->share_pct = NAN;
	return why;
}
