/*
** Statistical disclosure control: the one rule every figure that leaves
** the server passes before a role that may not see single enterprises
** reads it (docs/methods.md, "Disclosure control"). A cell is hidden when
** it holds fewer than min_count enterprises (the threshold rule) or when
** one enterprise holds more than dominance of its total (the dominance
** rule); among sibling cells whose sum is shown elsewhere, one more is
** hidden where a single hidden cell could be worked out from the others
** (complementary suppression).
*/
#ifndef ECHELON_SDC_H
#define ECHELON_SDC_H

#include <stddef.h>
#include <stdint.h>

#define EC_SDC_MIN_COUNT_DEFAULT 3
#define EC_SDC_DOMINANCE_DEFAULT 0.85

struct ec_sdc_rule {
	int64_t min_count;  /* fewer enterprises than this: hidden */
	double dominance;   /* the largest over the total above this: hidden; > 1 for no dominance rule */
};

/* Sets the defaults: 3 enterprises, 85 %. Can't fail. */
void ec_sdc_rule_default(struct ec_sdc_rule *r);

/* Why a cell is hidden. */
enum ec_sdc_reason { EC_SDC_SHOWN, EC_SDC_THRESHOLD, EC_SDC_DOMINANCE, EC_SDC_COMPLEMENT };

/* "", "threshold", "dominance", "complement". Can't fail. */
const char *ec_sdc_reason_name(enum ec_sdc_reason reason);

/* The primary rules for one cell of count enterprises whose figures add up
** to total, the largest enterprise contributing largest (NaN when not
** known: the dominance rule then does not apply; a total <= 0 has no
** dominant part). Can't fail. */
enum ec_sdc_reason ec_sdc_cell(const struct ec_sdc_rule *r, int64_t count, double largest, double total);

/* Complementary suppression over n sibling cells whose sum is published:
** when exactly one cell is hidden (reason[i] != EC_SDC_SHOWN) and others
** are shown, the shown one with the fewest enterprises (the first such on
** ties) is hidden too, as EC_SDC_COMPLEMENT, so that no hidden cell is the
** total less the shown ones. count[] gives the enterprises of each cell.
** Can't fail. */
void ec_sdc_complement(const int64_t *count, size_t n, enum ec_sdc_reason *reason /* IN/OUT */);

#endif
