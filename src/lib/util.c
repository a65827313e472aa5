/*
** The small things every module needs: the out-of-memory policy, growable
** buffers, diagnostics, periods, numbers and UTF-8.
*/
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <strings.h>
#include <time.h>

#include "echelon/echelon.h"
#include "echelon/problem.h"

static void oom(size_t size)
{
	fprintf(stderr, "echelon: out of memory allocating %zu bytes\n", size);
	abort();
}

void *ec_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom(size);
	return p;
}

void *ec_big(size_t size)
{
	const size_t huge = (size_t)2 << 20;
	size_t rounded = (size + huge - 1) / huge * huge;
	void *p;

	if (size >= huge && posix_memalign(&p, huge, rounded) == 0) {
		madvise(p, rounded, MADV_HUGEPAGE);
		return p;
	}
	return ec_malloc(size ? size : 1);
}

void *ec_big_zeroed(size_t size)
{
	return memset(ec_big(size), 0, size);
}

void *ec_calloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		oom(count * size);
	return p;
}

void *ec_realloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		oom(size);
	return p;
}

void *ec_grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 16;
	if (*cap <= n)
		*cap = n + 1;
	return ec_realloc(p, *cap * size);
}

char *ec_strdup(const char *s)
{
	return ec_strndup(s, strlen(s));
}

char *ec_strndup(const char *s, size_t n)
{
	char *p = ec_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

double ec_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

char *ec_asprintf(const char *fmt, ...)
{
	struct ec_buf b;
	va_list ap;

	ec_buf_init(&b, 0);
	va_start(ap, fmt);
	ec_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return ec_buf_detach(&b, NULL);
}

int ec_exit_code(int status)
{
	switch (status) {
	case EC_OK: return EC_EXIT_OK;
	case EC_EUSAGE: return EC_EXIT_USAGE;
	case EC_EDATA: case EC_ELIMIT: case EC_ENOTFOUND: case EC_EDENIED: return EC_EXIT_DATA;
	case EC_EIO: case EC_ESCHEMA: return EC_EXIT_IO;
	default: return EC_EXIT_FAIL;
	}
}

/* ---- buffers ---- */

void ec_buf_init(struct ec_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void ec_buf_release(struct ec_buf *b)
{
	free(b->data);
	ec_buf_init(b, b->max);
}

void ec_buf_clear(struct ec_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static int buf_reserve(struct ec_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1, cap;

	if (need <= b->cap)
		return EC_OK;
	if (b->max && need > b->max + 1)
		return EC_ELIMIT;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	if (b->max && cap > b->max + 1)
		cap = b->max + 1;
	b->data = ec_realloc(b->data, cap);
	b->cap = cap;
	return EC_OK;
}

int ec_buf_add(struct ec_buf *b, const void *p, size_t n)
{
	if (buf_reserve(b, n))
		return EC_ELIMIT;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return EC_OK;
}

int ec_buf_adds(struct ec_buf *b, const char *s)
{
	return ec_buf_add(b, s, strlen(s));
}

int ec_buf_addc(struct ec_buf *b, char c)
{
	return ec_buf_add(b, &c, 1);
}

int ec_buf_vprintf(struct ec_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return EC_EUSAGE;
	if (buf_reserve(b, (size_t)n))
		return EC_ELIMIT;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return EC_OK;
}

int ec_buf_printf(struct ec_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ec_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *ec_buf_detach(struct ec_buf *b, size_t *len)
{
	char *p;

	if (!b->data)
		buf_reserve(b, 0), b->data[0] = '\0';
	p = b->data;
	if (len)
		*len = b->len;
	ec_buf_init(b, b->max);
	return p;
}

/* ---- names ---- */

char *ec_names_join(const char *const *names, size_t n, char *out, size_t size)
{
	size_t used = 0;

	if (size)
		out[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		int w = snprintf(out + used, size - used, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
		used += w > 0 ? (size_t)w : 0;
	}
	return out;
}

/* ---- diagnostics ---- */

void ec_diag_init(struct ec_diag *d, size_t keep)
{
	memset(d, 0, sizeof *d);
	d->messages = keep ? ec_calloc(keep, sizeof(char *)) : NULL;
	d->problems = keep ? ec_calloc(keep, sizeof(struct ec_problem)) : NULL;
	d->kept = 0;
	d->keep = keep;
	d->total = 0;
}

void ec_diag_group_on(struct ec_diag *d, size_t max_groups)
{
	d->max_groups = max_groups;
}

void ec_problem_release(struct ec_problem *p)
{
	free(p->file);
	free(p->field);
	free(p->cell);
	for (size_t k = 0; k < p->nparams; k++)
		free(p->params[k].value);
	memset(p, 0, sizeof *p);
}

static void problem_copy(struct ec_problem *dst, const struct ec_problem *src)
{
	*dst = *src;
	dst->file = src->file ? ec_strdup(src->file) : NULL;
	dst->field = src->field ? ec_strdup(src->field) : NULL;
	dst->cell = src->cell ? ec_strdup(src->cell) : NULL;
	for (size_t k = 0; k < src->nparams; k++)
		dst->params[k].value = ec_strdup(src->params[k].value);
}

void ec_diag_clear(struct ec_diag *d)
{
	for (size_t i = 0; i < d->kept; i++) {
		free(d->messages[i]);
		ec_problem_release(&d->problems[i]);
	}
	for (size_t i = 0; i < d->ngroups; i++) {
		free(d->groups[i].key);
		free(d->groups[i].message);
		ec_problem_release(&d->groups[i].first);
	}
	free(d->groups);
	d->groups = NULL;
	d->ngroups = d->ungrouped = 0;
	d->kept = 0;
	d->total = 0;
}

/* What problems of one kind share: the code, the field, and for a reason
** in words, the words without their quoted values and numbers ("'3999' is
** not a class" and "'12' is not a class" are one kind). */
static void group_key(const struct ec_problem *p, struct ec_buf *b)
{
	ec_buf_printf(b, "%s|%s|", p->code, p->field ? p->field : "");
	for (size_t k = 0; k < p->nparams; k++) {
		const char *v = p->params[k].value;
		if (strcmp(p->params[k].name, "reason") && strcmp(p->params[k].name, "text"))
			continue; /* a coded problem's parameters are its values */
		for (int quoted = 0; *v; v++) {
			if (*v == '\'') {
				quoted = !quoted;
				ec_buf_adds(b, quoted ? "'…" : "'");
			} else if (!quoted && *v >= '0' && *v <= '9') {
				if (b->len == 0 || b->data[b->len - 1] != '#')
					ec_buf_addc(b, '#');
			} else if (!quoted) {
				ec_buf_addc(b, *v);
			}
		}
	}
}

static void group_add(struct ec_diag *d, const struct ec_problem *p, const char *message)
{
	struct ec_buf key;
	struct ec_diag_group *g = NULL;

	ec_buf_init(&key, 0);
	group_key(p, &key);
	for (size_t i = 0; i < d->ngroups && !g; i++)
		if (strcmp(d->groups[i].key, key.data) == 0)
			g = &d->groups[i];
	if (!g) {
		if (d->ngroups >= d->max_groups) {
			d->ungrouped++;
			ec_buf_release(&key);
			return;
		}
		d->groups = ec_realloc(d->groups, (d->ngroups + 1) * sizeof *d->groups);
		g = &d->groups[d->ngroups++];
		memset(g, 0, sizeof *g);
		g->key = ec_buf_detach(&key, NULL);
		problem_copy(&g->first, p);
		g->message = ec_strdup(message);
	}
	ec_buf_release(&key);
	g->count++;
	if (p->line && g->nlines < EC_DIAG_GROUP_LINES)
		g->lines[g->nlines++] = p->line;
}

void ec_diag_release(struct ec_diag *d)
{
	ec_diag_clear(d);
	free(d->messages);
	free(d->problems);
	d->messages = NULL;
	d->problems = NULL;
	d->keep = 0;
}

/* Counts a problem; returns the slot to fill, or NULL past the kept ones. */
static struct ec_problem *diag_slot(struct ec_diag *d, const char *code, const char *file, long line,
				    const char *field)
{
	struct ec_problem *p;

	d->total++;
	if (d->kept < d->keep)
		p = &d->problems[d->kept];
	else if (d->max_groups || d->each)
		p = &d->spare; /* not kept, but grouped and told */
	else
		return NULL;
	memset(p, 0, sizeof *p);
	p->code = code;
	p->file = file ? ec_strdup(file) : NULL;
	p->line = line;
	p->field = field ? ec_strdup(field) : NULL;
	return p;
}

static void diag_param(struct ec_problem *p, const char *name, char *value /* taken */)
{
	if (p->nparams < EC_PROBLEM_PARAMS) {
		p->params[p->nparams].name = name;
		p->params[p->nparams++].value = value;
	} else {
		free(value);
	}
}

/* The English line of the slot just filled; the problem grouped and told
** when the diagnostics do that. */
static void diag_done(struct ec_diag *d)
{
	struct ec_problem *p = d->kept < d->keep ? &d->problems[d->kept] : &d->spare;
	struct ec_buf b;
	char *message;

	ec_buf_init(&b, 0);
	ec_problem_format(p, EC_LANG_EN, &b);
	message = ec_buf_detach(&b, NULL);
	if (d->max_groups)
		group_add(d, p, message);
	if (d->each)
		d->each(d->each_ctx, p, message);
	if (p == &d->spare) {
		free(message);
		ec_problem_release(p);
	} else {
		d->messages[d->kept++] = message;
	}
}

void ec_diag_locate(struct ec_diag *d, size_t i, long line, const char *cell)
{
	struct ec_problem *p;
	struct ec_buf b;

	if (i >= d->kept)
		return;
	p = &d->problems[i];
	p->line = line;
	free(p->cell);
	p->cell = cell ? ec_strdup(cell) : NULL;
	free(d->messages[i]);
	ec_buf_init(&b, 0);
	ec_problem_format(p, EC_LANG_EN, &b);
	d->messages[i] = ec_buf_detach(&b, NULL);
}

/* A problem whose one parameter is formatted text. */
static void diag_text(struct ec_diag *d, const char *code, const char *file, long line, const char *field,
		      const char *param, const char *fmt, va_list ap)
{
	struct ec_problem *p = diag_slot(d, code, file, line, field);
	struct ec_buf b;

	if (!p)
		return;
	ec_buf_init(&b, 0);
	ec_buf_vprintf(&b, fmt, ap);
	diag_param(p, param, ec_buf_detach(&b, NULL));
	diag_done(d);
}

void ec_diag_add(struct ec_diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_text(d, "text", NULL, 0, NULL, "text", fmt, ap);
	va_end(ap);
}

void ec_diag_at(struct ec_diag *d, const char *file, long line, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_text(d, "data.invalid", file, line, field, "reason", fmt, ap);
	va_end(ap);
}

void ec_diag_problem(struct ec_diag *d, const char *code, const char *file, long line, const char *field, ...)
{
	struct ec_problem *p = diag_slot(d, code, file, line, field);
	const char *name;
	va_list ap;

	if (!p)
		return;
	va_start(ap, field);
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);
		diag_param(p, name, ec_strdup(value ? value : ""));
	}
	va_end(ap);
	diag_done(d);
}

void ec_problem_vset(struct ec_problem *p, const char *code, const char *field, va_list ap)
{
	const char *name;

	memset(p, 0, sizeof *p);
	p->code = code;
	p->field = field ? ec_strdup(field) : NULL;
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);
		diag_param(p, name, ec_strdup(value ? value : ""));
	}
}

void ec_problem_set(struct ec_problem *p, const char *code, const char *field, ...)
{
	va_list ap;

	if (!p)
		return;
	va_start(ap, field);
	ec_problem_vset(p, code, field, ap);
	va_end(ap);
}

char *ec_value_shown(const char *s, size_t n, char *out, size_t size)
{
	size_t i = 0, j = 0, cut = n > 40 ? 40 : n;

	/* back to the start of a character */
	while (cut < n && cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	for (; i < cut && j + 4 < size; i++)
		out[j++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	if (cut < n && j + 4 < size)
		out[j++] = '.', out[j++] = '.', out[j++] = '.';
	out[j] = '\0';
	return out;
}

void ec_diag_value(struct ec_diag *d, const char *code, const char *file, long line, const char *field,
		   const char *s, size_t n)
{
	char shown[64];

	ec_diag_problem(d, code, file, line, field, "value", ec_value_shown(s, n, shown, sizeof shown), NULL);
}

void ec_diag_put(struct ec_diag *d, const char *file, long line, struct ec_problem *p)
{
	struct ec_problem *slot = diag_slot(d, p->code, file, line, p->field);

	if (!slot) {
		ec_problem_release(p);
		return;
	}
	slot->nparams = p->nparams;
	memcpy(slot->params, p->params, sizeof p->params);
	free(p->field);
	free(p->file);
	free(p->cell);
	memset(p, 0, sizeof *p);
	diag_done(d);
}

/* ---- periods ---- */

int ec_period_parse(const char *s, size_t n, int *period)
{
	int year, month;

	if (n != 7 || s[4] != '-')
		return EC_EDATA;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return EC_EDATA;
	year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	month = (s[5] - '0') * 10 + (s[6] - '0');
	if (year < 1900 || year > 2999 || month < 1 || month > 12)
		return EC_EDATA;
	*period = ec_period_make(year, month);
	return EC_OK;
}

void ec_period_format(int period, char out[8])
{
	int year = ec_period_year(period), month = ec_period_month(period);

	out[0] = (char)('0' + year / 1000 % 10);
	out[1] = (char)('0' + year / 100 % 10);
	out[2] = (char)('0' + year / 10 % 10);
	out[3] = (char)('0' + year % 10);
	out[4] = '-';
	out[5] = (char)('0' + month / 10);
	out[6] = (char)('0' + month % 10);
	out[7] = '\0';
}

/* ---- numbers ---- */

static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

int ec_number_parse(const char *s, size_t n, double *out, const char **why)
{
	size_t i = 0, digits = 0, frac = 0;
	uint64_t mantissa = 0;
	int negative = 0, dot = 0, exponent_given = 0;
	char tmp[64], *end;
	double v;

	if (n == 0) {
		*why = "number.empty";
		return EC_EDATA;
	}
	if (s[0] == '-' || s[0] == '+')
		negative = s[0] == '-', i++;
	/* Only a letter can start "inf" or "nan": a digit never pays for the
	** comparisons (they were a tenth of an import's dry run). */
	if (n - i >= 3 && (s[i] | 0x20) >= 'a' && (strncasecmp(s + i, "inf", 3) == 0 || strncasecmp(s + i, "nan", 3) == 0)) {
		*why = (s[i] == 'n' || s[i] == 'N') ? "number.invalid" : "number.not_finite";
		return EC_EDATA;
	}
	/* Fast path: up to 15 significant digits, an optional point, no
	** exponent; exact by Clinger's argument (mantissa < 2^53, 10^k exact). */
	for (; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			if (digits < 19)
				mantissa = mantissa * 10 + (uint64_t)(c - '0');
			digits++;
			if (dot)
				frac++;
		} else if (c == '.' && !dot) {
			dot = 1;
		} else if (c == 'e' || c == 'E') {
			exponent_given = 1;
			break;
		} else {
			*why = "number.invalid";
			return EC_EDATA;
		}
	}
	if (digits == 0) {
		*why = "number.invalid";
		return EC_EDATA;
	}
	if (!exponent_given && digits <= 15 && frac <= 22) {
		v = (double)mantissa / pow10_exact[frac];
		*out = negative ? -v : v;
		return EC_OK;
	}
	/* General path: validate the exponent, then let strtod round. */
	if (exponent_given) {
		size_t j = i + 1, expdigits = 0;
		if (j < n && (s[j] == '+' || s[j] == '-'))
			j++;
		for (; j < n; j++, expdigits++)
			if (s[j] < '0' || s[j] > '9') {
				*why = "number.invalid";
				return EC_EDATA;
			}
		if (expdigits == 0) {
			*why = "number.invalid";
			return EC_EDATA;
		}
	}
	if (n >= sizeof tmp) {
		*why = "number.too_long";
		return EC_EDATA;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	v = strtod(tmp, &end);
	if (end != tmp + n) {
		*why = "number.invalid";
		return EC_EDATA;
	}
	if (!isfinite(v)) {
		*why = "number.not_finite";
		return EC_EDATA;
	}
	*out = v;
	return EC_OK;
}

int ec_number_format(double v, char out[32])
{
	if (v == 0)
		v = 0; /* no "-0" */
	if (v == floor(v) && fabs(v) < 1e15)
		return snprintf(out, 32, "%.0f", v);
	for (int prec = 15; prec <= 17; prec++) {
		int n = snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return n;
	}
	return snprintf(out, 32, "%.17g", v);
}

/* ---- UTF-8 ---- */

size_t ec_utf8_check(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned cp;

		if (c < 0x80) {
			/* ASCII, nearly all of a data file: then 16 bytes a step
			** while none has its high bit */
			for (i++; i + 16 <= n; i += 16) {
				uint64_t w[2];
				memcpy(w, s + i, 16);
				if ((w[0] | w[1]) & 0x8080808080808080ull)
					break;
			}
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, cp = c & 0x07;
		else
			return i + 1;
		if (i + len > n)
			return i + 1;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i + 1;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return i + 1;
		i += len;
	}
	return 0;
}

static int wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
	       (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	       (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

size_t ec_utf8_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t width = 0;

	while (*s) {
		unsigned cp = *s;
		size_t len = 1;
		if (cp >= 0xf0)
			len = 4, cp &= 0x07;
		else if (cp >= 0xe0)
			len = 3, cp &= 0x0f;
		else if (cp >= 0xc0)
			len = 2, cp &= 0x1f;
		for (size_t k = 1; k < len && s[k]; k++)
			cp = (cp << 6) | (s[k] & 0x3f);
		for (size_t k = 0; k < len && *s; k++)
			s++;
		width += wide(cp) ? 2 : 1;
	}
	return width;
}

size_t ec_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[65];

	if (la > 64 || lb > 64)
		return 64;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb];
}

int ec_list_has(const char *list, const char *s, size_t n)
{
	for (const char *p = list ? list : ""; *p;) {
		size_t len = strcspn(p, ";");
		if (len == n && memcmp(p, s, n) == 0)
			return 1;
		p += len + (p[len] == ';');
	}
	return 0;
}
