/*
** This is the implementation of the data files' format: reading
** enterprises, reports and deflators from CSV with every field checked and
** every problem reported with its file, line and column, handing the good
** rows to a sink; and writing the same formats. It knows no store: the
** application (src/app/intake.c) makes an import one transaction.
*/
#include <math.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/csv.h"
#include "echelon/intake.h"
#include "echelon/text.h"
#include "lib/strmap.h"

static const char *const enterprise_cols[] = { "uscc", "name", "industry", "region", "lat", "lon",
					       "founded", "sei_categories" };
static const char *const report_cols[] = { "uscc", "period", "revenue", "output", "value_added", "employees",
					   "rd_expense", "patents", "investment", "exports" };
static const char *const deflator_cols[] = { "division", "period", "ppi_yoy" };

static const struct {
	const char *name;
	const char *const *cols;
	size_t ncols;
	const char *header;
} kinds[EC_IN_NKINDS] = {
	[EC_IN_ENTERPRISES] = { "enterprises", enterprise_cols, 8,
				"uscc,name,industry,region,lat,lon,founded,sei_categories" },
	[EC_IN_REPORTS] = { "reports", report_cols, 10,
			    "uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports" },
	[EC_IN_DEFLATORS] = { "deflators", deflator_cols, 3, "division,period,ppi_yoy" },
};

int ec_intake_kind_parse(const char *name)
{
	for (int k = 0; k < EC_IN_NKINDS; k++)
		if (strcmp(name, kinds[k].name) == 0)
			return k;
	return -1;
}

const char *ec_intake_kind_name(enum ec_intake_kind kind)
{
	return kinds[kind].name;
}

const char *ec_intake_header(enum ec_intake_kind kind)
{
	return kinds[kind].header;
}

/* State of one read. */
struct intake {
	const struct ec_intake_sink *sink;
	const struct ec_catalog *cat;
	struct ec_csv csv;
	struct ec_diag *d;
	int storing;           /* 0 after the first error, or without a sink */
	int store_failed;
	int64_t inserted;
	struct ec_strmap *seen;    /* enterprises, deflators: key -> line */
	/* reports: every key (enterprise id << 16 | period) in file order;
	** while they ascend no key can repeat, otherwise they are sorted at
	** the end to find repeats (cheaper than a hash set that misses the
	** cache on every row) */
	uint64_t *keys;
	size_t nkeys, keys_cap;
	uint64_t last_key;
	int keys_unsorted;
	struct ec_buf norm;        /* the row's fields read as ASCII (ec_csv_normalize) */
};

/* A problem of the row being read: code about col, with name, value pairs
** of parameters (strings) after it, ended by NULL. */
#define BAD(in, code, col, ...)                                                                  \
	do {                                                                                     \
		ec_diag_problem((in)->d, (code), (in)->csv.name, (in)->csv.line, (col), __VA_ARGS__); \
		bad = 1;                                                                         \
	} while (0)

/* A problem about col whose one parameter is the field f as quoted. */
#define BAD_VALUE(in, code, col, f)                                                                 \
	do {                                                                                        \
		ec_diag_value((in)->d, (code), (in)->csv.name, (in)->csv.line, (col), (f)->p, (f)->n); \
		bad = 1;                                                                            \
	} while (0)

static int check_uscc(struct intake *in, const struct ec_csv_field *f)
{
	struct ec_uscc_result r;
	struct ec_problem p;

	if (ec_uscc_check(f->p, f->n, &r) == EC_OK)
		return 0;
	ec_uscc_problem(&r, f->p, f->n, "uscc", &p);
	ec_diag_put(in->d, in->csv.name, in->csv.line, &p);
	return 1;
}

static int check_number(struct intake *in, const char *col, const struct ec_csv_field *f, double *out)
{
	const char *why;
	int bad = 0;

	if (ec_number_parse(f->p, f->n, out, &why) != EC_OK)
		BAD_VALUE(in, why, col, f);
	else if (*out < 0)
		BAD_VALUE(in, "number.negative", col, f);
	return bad;
}

static int check_count(struct intake *in, const char *col, const struct ec_csv_field *f, int64_t *out)
{
	double v;
	int bad = check_number(in, col, f, &v);

	if (!bad && (v != floor(v) || v > 9e15))
		BAD_VALUE(in, "number.not_whole", col, f);
	*out = bad ? 0 : (int64_t)v;
	return bad;
}

static int check_period(struct intake *in, const struct ec_csv_field *f, int *period)
{
	int bad = 0;

	if (ec_period_parse(f->p, f->n, period) != EC_OK)
		BAD_VALUE(in, f->n ? "period.invalid" : "period.empty", "period", f);
	return bad;
}

static int valid_date(const struct ec_csv_field *f)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, dd;

	if (f->n != 10 || f->p[4] != '-' || f->p[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (f->p[i] < '0' || f->p[i] > '9'))
			return 0;
	y = (f->p[0] - '0') * 1000 + (f->p[1] - '0') * 100 + (f->p[2] - '0') * 10 + (f->p[3] - '0');
	m = (f->p[5] - '0') * 10 + (f->p[6] - '0');
	dd = (f->p[8] - '0') * 10 + (f->p[9] - '0');
	if (y < 1800 || y > 2999 || m < 1 || m > 12 || dd < 1 || dd > days[m - 1])
		return 0;
	return !(m == 2 && dd == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

/* A key seen before in this file: names the earlier line. */
static int check_repeat(struct intake *in, const char *col, const char *key, size_t n)
{
	int64_t line;
	int bad = 0;

	if (ec_strmap_get(in->seen, key, n, &line)) {
		char value[64], at[24];
		snprintf(at, sizeof at, "%lld", (long long)line);
		BAD(in, "row.repeat", col, "value", ec_value_shown(key, n, value, sizeof value), "line", at, NULL);
	} else {
		ec_strmap_put(in->seen, key, n, in->csv.line);
	}
	return bad;
}

/* The sink refused a row (its problem is in d): read no further. */
static void store_failed(struct intake *in)
{
	in->storing = 0;
	in->store_failed = 1;
}

static void enterprise_row(struct intake *in)
{
	const struct ec_csv_field *f = in->csv.fields;
	const struct ec_industry *ind;
	struct ec_enterprise e;
	struct ec_classification cl;
	char s[64], badcode[64];
	int bad = 0;

	memset(&e, 0, sizeof e);
	if (!check_uscc(in, &f[0]))
		bad |= check_repeat(in, "uscc", f[0].p, f[0].n);
	if (f[1].n == 0)
		BAD(in, "field.empty", "name", NULL);
	else if (f[1].n > EC_NAME_MAX)
		BAD(in, "field.too_long", "name", "max", EC_STR(EC_NAME_MAX), NULL);
	ind = ec_catalog_find_industry(in->cat, f[2].p, f[2].n);
	if (!ind)
		BAD_VALUE(in, "industry.class_unknown", "industry", &f[2]);
	else if (ind->level != EC_CLASS)
		BAD_VALUE(in, "industry.not_class", "industry", &f[2]);
	if (!ec_catalog_resolve_region(in->cat, f[3].p, f[3].n)) {
		char value[8], prefecture[8];
		snprintf(value, sizeof value, "%.*s", (int)(f[3].n < 6 ? f[3].n : 6), f[3].p);
		if (f[3].n == 6 && memcmp(f[3].p + 4, "00", 2) != 0 && strspn(value, "0123456789") == 6) {
			snprintf(prefecture, sizeof prefecture, "%.4s00", value);
			BAD(in, "region.prefecture_unknown", "region", "value", value, "prefecture", prefecture, NULL);
		} else {
			BAD_VALUE(in, "region.unknown", "region", &f[3]);
		}
	}
	e.lat = e.lon = NAN;
	if (f[4].n || f[5].n) {
		const char *why;
		if (ec_number_parse(f[4].p, f[4].n, &e.lat, &why) || e.lat < -90 || e.lat > 90)
			BAD_VALUE(in, "geo.latitude", "lat", &f[4]);
		if (ec_number_parse(f[5].p, f[5].n, &e.lon, &why) || e.lon < -180 || e.lon > 180)
			BAD_VALUE(in, "geo.longitude", "lon", &f[5]);
	}
	if (f[6].n && !valid_date(&f[6]))
		BAD_VALUE(in, "date.invalid", "founded", &f[6]);
	if (f[7].n > EC_DECLARED_MAX) {
		BAD(in, "field.too_long", "sei_categories", "max", EC_STR(EC_DECLARED_MAX), NULL);
	} else {
		/* Each declared code must be a known sub-direction, once. */
		const char *p = f[7].p, *end = f[7].p + f[7].n;
		int was_bad = bad;
		bad = 0;
		while (p < end && !bad) {
			const char *q = memchr(p, ';', (size_t)(end - p));
			size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
			const struct ec_category *c = ec_catalog_find_category(in->cat, p, n);
			if (n == 0)
				BAD(in, "category.empty_item", "sei_categories", NULL);
			else if (!c)
				BAD(in, "category.unknown", "sei_categories", "value",
				    ec_value_shown(p, n > 20 ? 20 : n, s, sizeof s), NULL);
			else if (c->level != 3)
				BAD(in, c->level == 1 ? "category.is_area" : "category.is_direction", "sei_categories", "value",
				    c->code, NULL);
			else
				for (const char *r = f[7].p; r < p; r++)
					if ((r == f[7].p || r[-1] == ';') && !strncmp(r, p, n) && (r[n] == ';'))
						BAD(in, "category.twice", "sei_categories", "value", c->code, NULL);
			p += n + 1;
			if (p == end && !bad)
				BAD(in, "category.empty_last", "sei_categories", NULL);
		}
		bad |= was_bad;
	}
	if (bad || !in->storing)
		return;
	memcpy(e.uscc, f[0].p, EC_USCC_LEN);
	memcpy(e.name, f[1].p, f[1].n);
	memcpy(e.industry, f[2].p, f[2].n);
	memcpy(e.region, f[3].p, 6);
	memcpy(e.founded, f[6].p, f[6].n);
	memcpy(e.sei_categories, f[7].p, f[7].n);
	if (ec_classify(in->cat, e.industry, e.sei_categories, &cl, badcode, sizeof badcode) == EC_OK &&
	    cl.primary)
		snprintf(e.sei_primary, sizeof e.sei_primary, "%s", cl.primary->code);
	if (in->sink->enterprise(in->sink->ctx, &e))
		store_failed(in);
	else
		in->inserted++;
}

static void report_row(struct intake *in)
{
	const struct ec_csv_field *f = in->csv.fields;
	struct ec_report r;
	int64_t id = 0;
	int bad = 0;

	if (!(id = in->sink ? in->sink->resolve(in->sink->ctx, f[0].p, f[0].n) : 0)) {
		if (!check_uscc(in, &f[0])) {
			char s[64];
			ec_value_shown(f[0].p, f[0].n, s, sizeof s);
			BAD(in, "import.enterprise_unknown", "uscc", "uscc", s, NULL);
		}
	}
	bad |= check_period(in, &f[1], &r.period);
	bad |= check_number(in, "revenue", &f[2], &r.revenue);
	bad |= check_number(in, "output", &f[3], &r.output);
	bad |= check_number(in, "value_added", &f[4], &r.value_added);
	bad |= check_count(in, "employees", &f[5], &r.employees);
	bad |= check_number(in, "rd_expense", &f[6], &r.rd_expense);
	bad |= check_count(in, "patents", &f[7], &r.patents);
	bad |= check_number(in, "investment", &f[8], &r.investment);
	bad |= check_number(in, "exports", &f[9], &r.exports);
	if (id && !bad) {
		uint64_t key = ((uint64_t)id << 16) | (uint64_t)r.period;
		if (in->nkeys == in->keys_cap) {
			in->keys_cap = in->keys_cap ? in->keys_cap * 2 : 1 << 16;
			in->keys = ec_realloc(in->keys, in->keys_cap * sizeof *in->keys);
		}
		in->keys[in->nkeys++] = key;
		if (key <= in->last_key)
			in->keys_unsorted = 1;
		in->last_key = key;
	}
	if (bad || !in->storing)
		return;
	r.enterprise_id = id;
	if (in->sink->report(in->sink->ctx, &r))
		store_failed(in);
	else
		in->inserted++;
}

static void deflator_row(struct intake *in)
{
	const struct ec_csv_field *f = in->csv.fields;
	const struct ec_industry *div;
	struct ec_deflator df;
	char key[16];
	int bad = 0;

	memset(&df, 0, sizeof df);
	div = ec_catalog_find_industry(in->cat, f[0].p, f[0].n);
	if (!div)
		BAD_VALUE(in, "industry.division_unknown", "division", &f[0]);
	else if (div->level != EC_DIVISION)
		BAD_VALUE(in, "industry.not_division", "division", &f[0]);
	bad |= check_period(in, &f[1], &df.period);
	{
		const char *why;
		if (ec_number_parse(f[2].p, f[2].n, &df.ppi_yoy, &why) != EC_OK)
			BAD_VALUE(in, why, "ppi_yoy", &f[2]);
		else if (df.ppi_yoy < 50 || df.ppi_yoy > 200)
			BAD_VALUE(in, "ppi.range", "ppi_yoy", &f[2]);
	}
	if (bad)
		return;
	snprintf(key, sizeof key, "%.2s,%.7s", f[0].p, f[1].p);
	if (check_repeat(in, "division,period", key, strlen(key)) || !in->storing)
		return;
	memcpy(df.division, f[0].p, 2);
	if (in->sink->deflator(in->sink->ctx, &df))
		store_failed(in);
	else
		in->inserted++;
}

static void radix_sort(uint64_t *v, size_t n)
{
	uint64_t *tmp = ec_malloc(n * sizeof *tmp), *from = v, *to = tmp;

	size_t *count = ec_malloc((65536 + 1) * sizeof *count);

	for (int shift = 0; shift < 64; shift += 16) {
		memset(count, 0, (65536 + 1) * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[((from[i] >> shift) & 0xffff) + 1]++;
		for (size_t b = 0; b < 65536; b++)
			count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xffff]++] = from[i];
		uint64_t *swap = from;
		from = to;
		to = swap;
	}
	/* Four passes: the result is back in v. */
	free(tmp);
	free(count);
}

/* Finds report keys that appear more than once and reports each repeat
** with the line it repeats (one more pass over the file, only when there
** are repeats). */
static void find_repeats(struct intake *in, const char *name, const char *data, size_t len, char delim)
{
	struct ec_u64set repeated;
	struct ec_strmap *first_line;
	struct ec_csv c;
	size_t nrepeated = 0;
	int got;

	if (!in->keys_unsorted || in->nkeys < 2)
		return;
	radix_sort(in->keys, in->nkeys);
	ec_u64set_init(&repeated, 64);
	for (size_t i = 1; i < in->nkeys; i++)
		if (in->keys[i] == in->keys[i - 1])
			nrepeated += ec_u64set_add(&repeated, in->keys[i]);
	if (!nrepeated) {
		ec_u64set_release(&repeated);
		return;
	}
	first_line = ec_strmap_new(nrepeated);
	ec_csv_init_mem(&c, name, data, len);
	c.delim = delim;
	ec_csv_next(&c); /* the header */
	while ((got = ec_csv_next(&c)) != 0) {
		int64_t id, line;
		int period;
		uint64_t key;
		if (got > 0)
			ec_csv_normalize(&c, &in->norm, -1, 0);
		if (got < 0 || c.nfields != 10 || !(id = in->sink->resolve(in->sink->ctx, c.fields[0].p, c.fields[0].n)) ||
		    ec_period_parse(c.fields[1].p, c.fields[1].n, &period) != EC_OK)
			continue;
		key = ((uint64_t)id << 16) | (uint64_t)period;
		if (ec_u64set_add(&repeated, key))
			continue; /* not a repeated key (now marked, harmlessly) */
		if (ec_strmap_get(first_line, (const char *)&key, sizeof key, &line)) {
			char value[64], at[24];
			snprintf(value, sizeof value, "%.*s,%.*s", (int)c.fields[0].n, c.fields[0].p, (int)c.fields[1].n,
				 c.fields[1].p);
			snprintf(at, sizeof at, "%lld", (long long)line);
			ec_diag_problem(in->d, "row.repeat", name, c.line, "uscc,period", "value", value, "line", at, NULL);
		} else
			ec_strmap_put(first_line, (const char *)&key, sizeof key, c.line);
	}
	ec_csv_release(&c);
	ec_strmap_free(first_line);
	ec_u64set_release(&repeated);
}

struct hash_job {
	const char *data;
	size_t len;
	char hex[65];
};

static void sha256_hex(const char *data, size_t len, char out[65]);

/* Hashes the input on the second core while the first one parses. */
static void *hash_thread(void *arg)
{
	struct hash_job *job = arg;
	sha256_hex(job->data, job->len, job->hex);
	return NULL;
}

static void sha256_hex(const char *data, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int n = 0;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (unsigned i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int ec_intake_read(const struct ec_catalog *cat, enum ec_intake_kind kind, const char *name, const char *data,
		   size_t len, const struct ec_intake_sink *sink, const struct ec_import_opts *opts,
		   struct ec_import_result *res, struct ec_diag *d)
{
	static const struct ec_import_opts defaults = { .dry_run = 0 };
	struct intake in;
	struct ec_text text;
	size_t before = d->total, kept = d->kept, expected_rows = len / 64 + 16;
	int rc = EC_OK, hashing;
	struct hash_job hash;
	pthread_t hasher;

	if (!opts)
		opts = &defaults;
	memset(res, 0, sizeof *res);
	memset(&in, 0, sizeof in);
	memset(&text, 0, sizeof text);
	in.sink = sink;
	in.cat = cat;
	in.d = d;
	in.storing = sink && sink->enterprise && !opts->dry_run;
	hash.data = data;
	hash.len = len;
	hashing = pthread_create(&hasher, NULL, hash_thread, &hash) == 0;
	if (!hashing)
		hash_thread(&hash);
	/* A workbook, another encoding or delimiter: the CSV to read, and what
	** it was read as. */
	if ((rc = ec_text_prepare(name, data, len, opts->encoding, opts->delimiter, opts->sheet, (size_t)2 << 30, &text,
				  d)) != EC_OK)
		goto out;
	snprintf(res->format, sizeof res->format, "%s", text.format);
	snprintf(res->encoding, sizeof res->encoding, "%s", text.encoding);
	snprintf(res->sheet, sizeof res->sheet, "%s", text.sheet.name);
	res->delimiter = text.delim;
	ec_csv_init_mem(&in.csv, name, text.data, text.len);
	in.csv.delim = text.delim;
	in.csv.column_names = kinds[kind].cols;
	in.csv.ncolumn_names = kinds[kind].ncols;

	if (ec_csv_check_header(&in.csv, kinds[kind].cols, kinds[kind].ncols, d) != EC_OK) {
		rc = EC_EDATA;
		goto out;
	}
	if (kind != EC_IN_REPORTS)
		in.seen = ec_strmap_new(expected_rows);
	while (ec_csv_next_row(&in.csv, kinds[kind].ncols, kinds[kind].header, &res->rows, d)) {
		/* Full-width digits and letters, a USCC in lower case: read as
		** meant (docs/formats.md); the name is kept as written. */
		ec_csv_normalize(&in.csv, &in.norm, kind == EC_IN_ENTERPRISES ? 1 : -1, kind == EC_IN_DEFLATORS ? -1 : 0);
		if (d->total != before)
			in.storing = 0;
		switch (kind) {
		case EC_IN_ENTERPRISES: enterprise_row(&in); break;
		case EC_IN_REPORTS: report_row(&in); break;
		case EC_IN_DEFLATORS: deflator_row(&in); break;
		default: break;
		}
		if (d->total != before)
			in.storing = 0;
		if (in.store_failed)
			break;
		if (opts->progress && (res->rows & 0xffff) == 0)
			opts->progress(opts->progress_ctx, res->rows, ec_csv_progress(&in.csv), 0);
		if (opts->cancel && (res->rows & 0xfff) == 0 && __atomic_load_n(opts->cancel, __ATOMIC_RELAXED)) {
			rc = EC_ECANCELLED;
			goto out;
		}
	}
	if (opts->progress)
		opts->progress(opts->progress_ctx, res->rows, 1.0, 1);
	if (kind == EC_IN_REPORTS && !in.store_failed)
		find_repeats(&in, name, text.data, text.len, text.delim);
	if (in.store_failed)
		rc = EC_EIO;
	else if (d->total != before)
		rc = EC_EDATA;
	else
		res->inserted = in.inserted;
out:
	if (hashing)
		pthread_join(hasher, NULL);
	memcpy(res->sha256, hash.hex, sizeof res->sha256);
	ec_text_locate(&text, d, kept, kinds[kind].cols, kinds[kind].ncols);
	ec_text_release(&text);
	ec_csv_release(&in.csv);
	ec_strmap_free(in.seen);
	ec_buf_release(&in.norm);
	free(in.keys);
	return rc;
}

/* ---- writing ---- */

static void put_number(struct ec_buf *b, double v, int last)
{
	char s[32];
	int n = ec_number_format(v, s);
	ec_buf_add(b, s, (size_t)n);
	ec_buf_addc(b, last ? '\n' : ',');
}

void ec_intake_write_header(struct ec_buf *b, enum ec_intake_kind kind)
{
	ec_buf_adds(b, kinds[kind].header);
	ec_buf_addc(b, '\n');
}

void ec_intake_write_enterprise(struct ec_buf *b, const struct ec_enterprise *e)
{
	ec_buf_adds(b, e->uscc);
	ec_buf_addc(b, ',');
	ec_csv_write_field(b, e->name, strlen(e->name));
	ec_buf_printf(b, ",%s,%s,", e->industry, e->region);
	if (!isnan(e->lat))
		put_number(b, e->lat, 0);
	else
		ec_buf_addc(b, ',');
	if (!isnan(e->lon))
		put_number(b, e->lon, 0);
	else
		ec_buf_addc(b, ',');
	ec_buf_printf(b, "%s,%s\n", e->founded, e->sei_categories);
}

void ec_intake_write_report(struct ec_buf *b, const char *uscc, const struct ec_report *r)
{
	char period[8];

	ec_period_format(r->period, period);
	ec_buf_printf(b, "%s,%s,", uscc, period);
	put_number(b, r->revenue, 0);
	put_number(b, r->output, 0);
	put_number(b, r->value_added, 0);
	ec_buf_printf(b, "%lld,", (long long)r->employees);
	put_number(b, r->rd_expense, 0);
	ec_buf_printf(b, "%lld,", (long long)r->patents);
	put_number(b, r->investment, 0);
	put_number(b, r->exports, 1);
}

void ec_intake_write_deflator(struct ec_buf *b, const struct ec_deflator *df)
{
	char period[8];

	ec_period_format(df->period, period);
	ec_buf_printf(b, "%s,%s,", df->division, period);
	put_number(b, df->ppi_yoy, 1);
}
