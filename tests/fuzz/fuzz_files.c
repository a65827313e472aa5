/* libFuzzer harness for every file format of src/format: the data,
** registry, library, quota, indicator and AHP readers. The first byte of
** an input picks the reader, the rest is the file; any input must be read
** to its end without a crash, leak or undefined behaviour, and the sinks
** take whatever the readers hand them.
** Build: cmake -DECHELON_FUZZ=ON -DCMAKE_C_COMPILER=clang; run: make fuzz,
** or build-fuzz/tests/fuzz_files -max_total_time=60 CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/cluster.h"
#include "echelon/evaluate.h"
#include "echelon/funding.h"
#include "echelon/intake.h"
#include "intake_sink.h"
#include "echelon/project.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ec_catalog cat;
static int have_catalog;

static int known(void *ctx, const char *code)
{
	(void)ctx;
	return code[0] == 'C';
}

static int cluster(void *ctx, const struct ec_cluster *c, const char *file, long line, int store)
{
	(void)ctx, (void)c, (void)file, (void)line, (void)store;
	return 0;
}

static int member(void *ctx, const char *cluster, const char *uscc, int include)
{
	(void)ctx, (void)cluster, (void)uscc, (void)include;
	return 0;
}

static int indicator(void *ctx, const char *cluster, int year, const char *name, double value)
{
	(void)ctx, (void)cluster, (void)year, (void)name, (void)value;
	return 0;
}

static int project(void *ctx, const struct ec_project *p, enum ec_stage stage, const char *file, long line, int store)
{
	(void)ctx, (void)p, (void)stage, (void)file, (void)line, (void)store;
	return 0;
}

static int progress(void *ctx, const char *code, int period, double amount, const char *file, long line)
{
	(void)ctx, (void)code, (void)period, (void)amount, (void)file, (void)line;
	return 0;
}

static int fund(void *ctx, const struct ec_fund *f, const char *file, long line, int store)
{
	(void)ctx, (void)f, (void)file, (void)line, (void)store;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ec_intake_sink intake = { NULL, sink_resolve, sink_enterprise, sink_report, sink_deflator };
	static const struct ec_cluster_file_sink registry = { NULL, known, cluster, member, indicator };
	static const struct ec_project_file_sink library = { NULL, project, progress, fund };
	const char *text = (const char *)data + 1;
	size_t len = size ? size - 1 : 0;
	struct ec_import_result res;
	struct ec_diag d;
	int64_t rows;

	if (!have_catalog) {
		ec_catalog_init(&cat);
		ec_diag_init(&d, 4);
		if (ec_catalog_load_builtin(&cat, &d) != EC_OK)
			abort();
		ec_diag_release(&d);
		have_catalog = 1;
	}
	if (size == 0)
		return 0;
	ec_diag_init(&d, 8);
	switch (data[0] % 11) {
	case 0: case 1: case 2:
		ec_intake_read(&cat, (enum ec_intake_kind)(data[0] % 3), "fuzz.csv", text, len, &intake, NULL, &res, &d);
		break;
	case 3: case 4: case 5:
		ec_cluster_file_read(data[0] % 3, "fuzz.csv", text, len, &registry, &rows, &d);
		break;
	case 6: case 7: case 8:
		ec_project_file_read(data[0] % 3, "fuzz.csv", text, len, &library, &rows, &d);
		break;
	case 9: {
		struct ec_quota *q = NULL;
		size_t n = 0;
		ec_quota_file_read(&cat, "fuzz.csv", text, len, &q, &n, &d);
		free(q);
		break;
	}
	default: {
		struct ec_indicator_system sys = { NULL, 0, 0 };
		size_t m;
		const struct ec_indicator *ind = ec_evaluate_indicators_default(&m);
		double *matrix = malloc(m * m * sizeof *matrix);
		ec_evaluate_indicators_parse("fuzz.csv", text, len, &sys, &d);
		ec_evaluate_indicators_release(&sys);
		ec_evaluate_ahp_parse("fuzz.csv", text, len, ind, m, matrix, &d);
		free(matrix);
		break;
	}
	}
	ec_diag_release(&d);
	return 0;
}
