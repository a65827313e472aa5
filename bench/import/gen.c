/*
** bench/import/gen.c — writes the two CSV files of the import benchmark:
**
**   gen ENTERPRISES MONTHS ORDER ENTERPRISES.csv REPORTS.csv
**
** ENTERPRISES rows of enterprises (valid GB 32100-2015 codes, industry 3973,
** region 310115) and ENTERPRISES x MONTHS rows of reports from 2017-01 on.
** ORDER is "enterprise" (each enterprise's months together, as in
** data/examples/reports.csv) or "period" (each month's reports together, as
** a statistics office would deliver them). The output depends only on the
** arguments: a fixed-seed generator, no clock, no locale.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

static char buf[1 << 20];
static size_t used;
static FILE *out;

static void flush(void)
{
	if (used && fwrite(buf, 1, used, out) != used) {
		perror("gen: write");
		exit(1);
	}
	used = 0;
}

static void put(const char *s, size_t n)
{
	if (used + n > sizeof buf)
		flush();
	memcpy(buf + used, s, n);
	used += n;
}

static void putc_(char c)
{
	if (used + 1 > sizeof buf)
		flush();
	buf[used++] = c;
}

static void put_uint(uint64_t v)
{
	char t[24];
	int n = 0;

	do {
		t[sizeof t - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(t + sizeof t - n, (size_t)n);
}

/* v tenths written as 12345.6 (a whole number keeps its ".0"). */
static void put_tenths(uint64_t tenths)
{
	put_uint(tenths / 10);
	putc_('.');
	putc_((char)('0' + tenths % 10));
}

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void) /* splitmix64 */
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform integer in [lo, hi]. */
static uint64_t range(uint64_t lo, uint64_t hi)
{
	return lo + next() % (hi - lo + 1);
}

static void uscc_of(long i, char s[19])
{
	char t[32];
	int sum = 0;

	snprintf(t, sizeof t, "91310115%09ld", i + 100000000L); /* i < 9e8: 17 characters */
	memcpy(s, t, 17);
	for (int k = 0; k < 17; k++)
		sum += (int)(strchr(alphabet, s[k]) - alphabet) * weights[k];
	s[17] = alphabet[(31 - sum % 31) % 31];
	s[18] = '\0';
}

struct firm {
	char uscc[19];
	uint32_t size; /* revenue scale, tenths of 10k yuan */
	uint32_t staff;
};

static void open_out(const char *path)
{
	out = fopen(path, "wb");
	if (!out) {
		perror(path);
		exit(1);
	}
}

static void close_out(const char *path)
{
	flush();
	if (fclose(out) != 0) {
		perror(path);
		exit(1);
	}
}

/* A row's figures depend on its enterprise and month only, so both orders
** hold the same rows. */
static void report(const struct firm *f, long i, int m)
{
	state = ((uint64_t)i * 1200 + (uint64_t)m) * 0xd1b54a32d192ed03ULL;
	uint64_t rev = f->size / 2 + range(0, f->size);
	uint64_t output = rev - rev / 100 + range(0, rev / 50 + 1);
	uint64_t va = rev / 5 + range(0, rev / 10 + 1);
	uint64_t staff = f->staff + range(0, 3);
	uint64_t rd = rev / 20 + range(0, rev / 20 + 1);
	uint64_t patents = range(0, 9) < 8 ? 0 : range(1, 4);
	uint64_t inv = range(0, rev / 8 + 1);
	uint64_t exp = range(0, rev / 4 + 1);
	int year = 2017 + m / 12, month = m % 12 + 1;

	put(f->uscc, 18);
	putc_(',');
	put_uint((uint64_t)year);
	putc_('-');
	putc_((char)('0' + month / 10));
	putc_((char)('0' + month % 10));
	putc_(',');
	put_tenths(rev);
	putc_(',');
	put_tenths(output);
	putc_(',');
	put_tenths(va);
	putc_(',');
	put_uint(staff);
	putc_(',');
	put_tenths(rd);
	putc_(',');
	put_uint(patents);
	putc_(',');
	put_tenths(inv);
	putc_(',');
	put_tenths(exp);
	putc_('\n');
}

int main(int argc, char **argv)
{
	static const char eh[] = "uscc,name,industry,region,lat,lon,founded,sei_categories\n";
	static const char rh[] = "uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports\n";
	struct firm *firms;
	long n, months;
	int by_period;

	if (argc != 6 || (n = atol(argv[1])) <= 0 || (months = atol(argv[2])) <= 0 || months > 1200 || n >= 900000000L ||
	    (strcmp(argv[3], "enterprise") && strcmp(argv[3], "period"))) {
		fprintf(stderr, "usage: gen ENTERPRISES MONTHS enterprise|period ENTERPRISES.csv REPORTS.csv\n");
		return 2;
	}
	by_period = strcmp(argv[3], "period") == 0;
	firms = calloc((size_t)n, sizeof *firms);
	if (!firms) {
		perror("gen");
		return 1;
	}

	open_out(argv[4]);
	put(eh, sizeof eh - 1);
	for (long i = 0; i < n; i++) {
		struct firm *f = &firms[i];
		char num[24];

		uscc_of(i, f->uscc);
		f->size = (uint32_t)range(1000, 500000);
		f->staff = (uint32_t)range(5, 3000);
		put(f->uscc, 18);
		put(",基准示例企业", strlen(",基准示例企业"));
		snprintf(num, sizeof num, "%06ld", i + 1);
		put(num, strlen(num));
		put("有限公司,3973,310115,", strlen("有限公司,3973,310115,"));
		if (i % 4) { /* a quarter without coordinates */
			put_uint(31);
			putc_('.');
			snprintf(num, sizeof num, "%04u", (unsigned)range(1000, 3000));
			put(num, 4);
			putc_(',');
			put_uint(121);
			putc_('.');
			snprintf(num, sizeof num, "%04u", (unsigned)range(4000, 7000));
			put(num, 4);
		} else {
			putc_(',');
		}
		putc_(',');
		if (i % 5) { /* a fifth without a founding date */
			snprintf(num, sizeof num, "%04u-%02u-%02u", (unsigned)range(1990, 2016),
				 (unsigned)range(1, 12), (unsigned)range(1, 28));
			put(num, 10);
		}
		put(",\n", 2);
	}
	close_out(argv[4]);

	open_out(argv[5]);
	put(rh, sizeof rh - 1);
	if (by_period) {
		for (int m = 0; m < months; m++)
			for (long i = 0; i < n; i++)
				report(&firms[i], i, m);
	} else {
		for (long i = 0; i < n; i++)
			for (int m = 0; m < months; m++)
				report(&firms[i], i, m);
	}
	close_out(argv[5]);
	free(firms);
	return 0;
}
