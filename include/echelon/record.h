/*
** The statistical records echelon holds about the economy: enterprises,
** their monthly reports and the producer price deflators. Money is in
** thousand yuan, as on the enterprise statistical forms.
*/
#ifndef ECHELON_RECORD_H
#define ECHELON_RECORD_H

#include <stdint.h>
#include "echelon.h"
#include "uscc.h"

#define EC_NAME_MAX 512          /* bytes of an enterprise name */
#define EC_DECLARED_MAX 256      /* bytes of the declared categories list */

struct ec_enterprise {
	int64_t id;                  /* store-assigned, stable across updates */
	char uscc[EC_USCC_LEN + 1];
	char name[EC_NAME_MAX + 1];
	char industry[8];            /* GB/T 4754 class */
	char region[8];              /* GB/T 2260 code */
	double lat, lon;             /* NaN when not given */
	char founded[11];            /* YYYY-MM-DD or "" */
	char sei_categories[EC_DECLARED_MAX + 1]; /* ";"-separated, may be "" */
	char sei_primary[16];        /* derived: primary category or "" */
};

/* One enterprise, one month. Flows of the month. */
struct ec_report {
	int64_t enterprise_id;
	int period;                  /* ec_period_make() */
	double revenue;              /* main business revenue */
	double output;               /* gross output, current prices */
	double value_added;          /* current prices */
	int64_t employees;
	double rd_expense;
	int64_t patents;             /* granted in the month */
	double investment;           /* fixed-asset investment completed */
	double exports;
};

/* PPI of an industry division against the same month a year earlier
** (previous year = 100). */
struct ec_deflator {
	char division[4];
	int period;
	double ppi_yoy;
};

#endif
