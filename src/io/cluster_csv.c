/*
** The cluster registry's files: clusters, member rules and the indicators
** entered by year, imported all or nothing with every row checked, and
** exported in the same formats.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/cluster.h"
#include "echelon/csv.h"
#include "echelon/store.h"
#include "echelon/uscc.h"

static const char *const cluster_cols[] = { "code", "name_zh", "name_en", "tier", "parent", "regions",
					    "categories", "agency", "founded", "source" };
static const char *const member_cols[] = { "cluster", "uscc", "action" };
static const char *const indicator_cols[] = { "cluster", "year", "indicator", "value" };

#define BAD(col, ...)                                                                                   \
	do {                                                                                            \
		char why_[320];                                                                         \
		snprintf(why_, sizeof why_, __VA_ARGS__);                                               \
		ec_diag_add(d, "%s:%ld: column %s: %s", c.name, c.line, (col), why_);                 \
		bad = 1;                                                                                \
	} while (0)

static void copy(char *dst, size_t size, const struct ec_csv_field *f)
{
	size_t n = f->n < size - 1 ? f->n : size - 1;
	memcpy(dst, f->p, n);
	dst[n] = '\0';
}

/* Clusters named in this file so far, for parents and references. */
struct seen {
	char (*codes)[EC_CLUSTER_CODE_MAX];
	size_t n;
};

static int seen_has(const struct seen *sn, const char *code)
{
	for (size_t i = 0; i < sn->n; i++)
		if (strcmp(sn->codes[i], code) == 0)
			return 1;
	return 0;
}

static int known_cluster(struct ec_store *s, const struct seen *sn, const char *code)
{
	struct ec_cluster c;
	return seen_has(sn, code) || ec_store_cluster_get(s, code, &c) == EC_OK;
}

int ec_cluster_import(struct ec_store *s, const struct ec_catalog *cat, const char *what, const char *name,
		      const char *data, size_t len, struct ec_diag *d, int64_t *rows)
{
	const char *const *cols;
	size_t ncols, before = d->total;
	struct ec_csv c;
	struct seen sn = { NULL, 0 }, listed = { NULL, 0 };
	int kind, got, storing = 1, rc = EC_OK;

	*rows = 0;
	if (strcmp(what, "clusters") == 0)
		kind = 0, cols = cluster_cols, ncols = 10;
	else if (strcmp(what, "members") == 0)
		kind = 1, cols = member_cols, ncols = 3;
	else if (strcmp(what, "indicators") == 0)
		kind = 2, cols = indicator_cols, ncols = 4;
	else {
		ec_diag_add(d, "%s: '%s': expected clusters, members or indicators", name, what);
		return EC_EUSAGE;
	}
	ec_csv_init_mem(&c, name, data, len);
	c.column_names = cols;
	c.ncolumn_names = ncols;
	if (ec_csv_check_header(&c, cols, ncols, d) != EC_OK) {
		ec_csv_release(&c);
		return EC_EDATA;
	}
	if (kind == 0) {
		/* Every code of the file, so that a parent may come after its
		** children (an export lists clusters in registration order). */
		struct ec_csv pre;
		ec_csv_init_mem(&pre, name, data, len);
		ec_csv_next(&pre);
		while ((got = ec_csv_next(&pre)) != 0) {
			if (got < 0 || pre.nfields < 1 || pre.fields[0].n >= EC_CLUSTER_CODE_MAX)
				continue;
			listed.codes = ec_realloc(listed.codes, (listed.n + 1) * sizeof *listed.codes);
			copy(listed.codes[listed.n++], EC_CLUSTER_CODE_MAX, &pre.fields[0]);
		}
		ec_csv_release(&pre);
	}
	if (ec_store_begin(s) != EC_OK) {
		ec_diag_add(d, "%s: database: %s", name, ec_store_errmsg(s));
		ec_csv_release(&c);
		free(listed.codes);
		return EC_EIO;
	}
	while ((got = ec_csv_next(&c)) != 0) {
		const struct ec_csv_field *f = c.fields;
		int bad = 0;

		if (got < 0) {
			ec_diag_add(d, "%s", c.error);
			storing = 0;
			continue;
		}
		(*rows)++;
		if (c.nfields != ncols) {
			ec_diag_add(d, "%s:%ld: %zu field%s, expected %zu", name, c.line, c.nfields, c.nfields == 1 ? "" : "s",
				    ncols);
			storing = 0;
			continue;
		}
		if (kind == 0) {
			struct ec_cluster cl;
			const char *field;
			char why[256], tier[16], founded[16];
			memset(&cl, 0, sizeof cl);
			copy(cl.code, sizeof cl.code, &f[0]);
			copy(cl.name_zh, sizeof cl.name_zh, &f[1]);
			copy(cl.name_en, sizeof cl.name_en, &f[2]);
			copy(tier, sizeof tier, &f[3]);
			cl.tier = (enum ec_tier)ec_tier_parse(tier);
			copy(cl.parent, sizeof cl.parent, &f[4]);
			copy(cl.regions, sizeof cl.regions, &f[5]);
			copy(cl.categories, sizeof cl.categories, &f[6]);
			copy(cl.agency, sizeof cl.agency, &f[7]);
			copy(founded, sizeof founded, &f[8]);
			copy(cl.source, sizeof cl.source, &f[9]);
			cl.founded = founded[0] ? (int)strtol(founded, NULL, 10) : 0;
			if (founded[0] && strspn(founded, "0123456789") != strlen(founded))
				BAD("founded", "'%s' is not a year", founded);
			else if (ec_cluster_check(&cl, cat, &field, why, sizeof why) != EC_OK)
				BAD(field, "%s", why);
			else if (seen_has(&sn, cl.code))
				BAD("code", "'%s' appears twice in the file", cl.code);
			else if (cl.parent[0] && !known_cluster(s, &listed, cl.parent))
				BAD("parent", "'%s' is not a cluster registered or in this file", cl.parent);
			if (!bad) {
				sn.codes = ec_realloc(sn.codes, (sn.n + 1) * sizeof *sn.codes);
				memcpy(sn.codes[sn.n++], cl.code, sizeof cl.code);
				if (storing && d->total == before && ec_store_cluster_put(s, &cl) != EC_OK)
					goto io;
			}
		} else {
			char code[EC_CLUSTER_CODE_MAX];
			copy(code, sizeof code, &f[0]);
			if (!known_cluster(s, &sn, code))
				BAD("cluster", "'%s' is not a registered cluster", code);
			if (kind == 1) {
				struct ec_uscc_result u;
				char uscc[19], why[160];
				int include = ec_csv_field_is(&f[2], "include") ? 1 : ec_csv_field_is(&f[2], "exclude") ? 0 : -1;
				if (ec_uscc_check(f[1].p, f[1].n, &u) != EC_OK) {
					ec_uscc_explain(&u, why, sizeof why);
					BAD("uscc", "%s", why);
				}
				if (include < 0)
					BAD("action", "'%.*s', expected include or exclude", (int)(f[2].n > 20 ? 20 : f[2].n), f[2].p);
				copy(uscc, sizeof uscc, &f[1]);
				if (!bad && storing && d->total == before &&
				    ec_store_cluster_member_put(s, code, uscc, include) != EC_OK)
					goto io;
			} else {
				char year[8], indicator[64];
				double value = 0;
				const char *why;
				copy(year, sizeof year, &f[1]);
				copy(indicator, sizeof indicator, &f[2]);
				if (f[1].n != 4 || strspn(year, "0123456789") != 4)
					BAD("year", "'%s' is not a year", year);
				if (!ec_entered_indicator_known(indicator))
					BAD("indicator", "'%s' is not an indicator entered by year (see docs/formats.md)", indicator);
				if (ec_number_parse(f[3].p, f[3].n, &value, &why) != EC_OK)
					BAD("value", "%s", why);
				else if (value < 0)
					BAD("value", "negative, expected a number >= 0");
				if (!bad && storing && d->total == before &&
				    ec_store_cluster_indicator_put(s, code, (int)strtol(year, NULL, 10), indicator, value) != EC_OK)
					goto io;
			}
		}
		if (bad)
			storing = 0;
	}
	if (d->total != before) {
		ec_store_rollback(s);
		rc = EC_EDATA;
	} else if (ec_store_commit(s) != EC_OK) {
		ec_diag_add(d, "%s: database: %s", name, ec_store_errmsg(s));
		ec_store_rollback(s);
		rc = EC_EIO;
	}
	free(sn.codes);
	free(listed.codes);
	ec_csv_release(&c);
	return rc;
io:
	ec_diag_add(d, "%s:%ld: database: %s", name, c.line, ec_store_errmsg(s));
	ec_store_rollback(s);
	free(sn.codes);
	free(listed.codes);
	ec_csv_release(&c);
	return EC_EIO;
}

struct exporter {
	FILE *out;
	struct ec_buf b;
};

static void field(struct exporter *x, const char *s, int last)
{
	ec_csv_write_field(&x->b, s, strlen(s));
	ec_buf_addc(&x->b, last ? '\n' : ',');
}

static int put_cluster(void *ctx, const struct ec_cluster *c)
{
	struct exporter *x = ctx;
	char founded[16];

	snprintf(founded, sizeof founded, "%d", c->founded);
	field(x, c->code, 0);
	field(x, c->name_zh, 0);
	field(x, c->name_en, 0);
	field(x, ec_tier_name(c->tier), 0);
	field(x, c->parent, 0);
	field(x, c->regions, 0);
	field(x, c->categories, 0);
	field(x, c->agency, 0);
	field(x, c->founded ? founded : "", 0);
	field(x, c->source, 1);
	return 0;
}

static int put_member(void *ctx, const char *cluster, const char *uscc, int include)
{
	struct exporter *x = ctx;

	field(x, cluster, 0);
	field(x, uscc, 0);
	field(x, include ? "include" : "exclude", 1);
	return 0;
}

static int put_indicator(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	struct exporter *x = ctx;
	char y[16], v[32];

	snprintf(y, sizeof y, "%d", year);
	ec_number_format(value, v);
	field(x, cluster, 0);
	field(x, y, 0);
	field(x, indicator, 0);
	field(x, v, 1);
	return 0;
}

int ec_cluster_export(struct ec_store *s, const char *what, FILE *out, char **err)
{
	struct exporter x;
	int rc;

	*err = NULL;
	x.out = out;
	ec_buf_init(&x.b, 0);
	if (strcmp(what, "clusters") == 0) {
		ec_buf_adds(&x.b, "code,name_zh,name_en,tier,parent,regions,categories,agency,founded,source\n");
		rc = ec_store_cluster_each(s, put_cluster, &x);
	} else if (strcmp(what, "members") == 0) {
		ec_buf_adds(&x.b, "cluster,uscc,action\n");
		rc = ec_store_cluster_member_each(s, NULL, put_member, &x);
	} else if (strcmp(what, "indicators") == 0) {
		ec_buf_adds(&x.b, "cluster,year,indicator,value\n");
		rc = ec_store_cluster_indicator_each(s, NULL, put_indicator, &x);
	} else {
		*err = ec_asprintf("'%s': expected clusters, members or indicators", what);
		ec_buf_release(&x.b);
		return EC_EUSAGE;
	}
	if (rc != EC_OK)
		*err = ec_strdup(ec_store_errmsg(s));
	else if (fwrite(x.b.data, 1, x.b.len, out) != x.b.len || fflush(out) != 0)
		*err = ec_strdup("writing the output failed");
	ec_buf_release(&x.b);
	return *err ? EC_EIO : EC_OK;
}
