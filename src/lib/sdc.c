/*
** This is the implementation of statistical disclosure control: the
** threshold and dominance rules for one cell, and complementary
** suppression among siblings (sdc.h).
*/
#include <math.h>

#include "echelon/sdc.h"

void ec_sdc_rule_default(struct ec_sdc_rule *r)
{
	r->min_count = EC_SDC_MIN_COUNT_DEFAULT;
	r->dominance = EC_SDC_DOMINANCE_DEFAULT;
}

const char *ec_sdc_reason_name(enum ec_sdc_reason reason)
{
	switch (reason) {
	case EC_SDC_THRESHOLD: return "threshold";
	case EC_SDC_DOMINANCE: return "dominance";
	case EC_SDC_COMPLEMENT: return "complement";
	default: return "";
	}
}

enum ec_sdc_reason ec_sdc_cell(const struct ec_sdc_rule *r, int64_t count, double largest, double total)
{
	if (count < r->min_count)
		return EC_SDC_THRESHOLD;
	if (!isnan(largest) && total > 0 && largest > r->dominance * total)
		return EC_SDC_DOMINANCE;
	return EC_SDC_SHOWN;
}

void ec_sdc_complement(const int64_t *count, size_t n, enum ec_sdc_reason *reason)
{
	size_t hidden = 0, pick = n;

	for (size_t i = 0; i < n; i++)
		hidden += reason[i] != EC_SDC_SHOWN;
	if (hidden != 1)
		return;
	for (size_t i = 0; i < n; i++)
		if (reason[i] == EC_SDC_SHOWN && (pick == n || count[i] < count[pick]))
			pick = i;
	if (pick < n)
		reason[pick] = EC_SDC_COMPLEMENT;
}
