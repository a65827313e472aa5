/*
** echelon digital: the SME digital-level questionnaire (MIIT's 中小企业
** 数字化水平评测指标) — showing an edition, answering and submitting an
** enterprise's questionnaire, its score and level, and importing answers.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/digital.h"
#include "echelon/problem.h"
#include "echelon/sdc.h"

static const char *edition_of(const struct cli_args *a)
{
	return cli_opt_or(a, "edition", EC_DIGITAL_DEFAULT_EDITION);
}

static int year_of(const struct cli_args *a, int *year)
{
	const char *s = cli_opt(a, "year");
	char *end;
	long v;

	if (!s)
		return cli_usage(a, "cli.required|option=--year|arg=YYYY");
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 2000 || v > 2100)
		return cli_usage(a, "--year number.range|value=%s|min=2000|max=2100", s);
	*year = (int)v;
	return EC_EXIT_OK;
}

static const char *words(const char *zh, const char *en)
{
	return cli_lang() == EC_LANG_ZH ? zh : en;
}

static void number_cell(double v, char out[32])
{
	if (isnan(v))
		out[0] = '\0';
	else
		ec_number_format(v, out);
}

/* v rounded to decimals, "" for NaN. */
static void rounded_cell(double v, int decimals, char out[32])
{
	if (isnan(v))
		out[0] = '\0';
	else
		snprintf(out, 32, "%.*f", decimals, v);
}

static int questionnaire(struct cli_args *a)
{
	static const char *const cols[] = { "kind", "code", "parent", "sectors", "score", "mode", "text" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT };
	struct ec_digital_questionnaire q;
	const char *sector = cli_opt(a, "sector"), *path = cli_opt(a, "file");
	struct ec_diag d;
	struct ec_table t;
	enum ec_format fmt;
	char num[32];
	int rc, status;

	if ((rc = cli_format(a, &fmt)) != EC_EXIT_OK)
		return rc;
	ec_diag_init(&d, 100);
	if (path) {
		struct ec_csv file;
		if (ec_csv_open(&file, path) != EC_OK) {
			ec_diag_release(&d);
			return cli_fail(EC_EXIT_IO, "%s", file.error);
		}
		status = ec_digital_parse(&q, path, file.data, file.len, &d);
		ec_csv_release(&file);
	} else {
		status = ec_digital_load_builtin(&q, edition_of(a), &d);
	}
	if (status != EC_OK) {
		rc = cli_refused(status, &d, path ? path : "digital questionnaire");
		ec_diag_release(&d);
		return rc;
	}
	ec_diag_release(&d);
	if (sector && ec_digital_sector_find(&q, sector) < 0) {
		ec_digital_release(&q);
		return cli_usage(a, "--sector digital.sector|value=%s|edition=%s", sector, q.edition);
	}
	ec_table_init(&t, 7, cols, kinds);
	ec_table_addv(&t, "edition", q.edition, "", "", "",
		      q.scoring == EC_DIGITAL_PERCENT ? "percent" : "points", words(q.title_zh, q.title_en));
	for (size_t i = 0; i < q.nsectors; i++)
		if (!sector || !strcmp(sector, q.sectors[i].code))
			ec_table_addv(&t, "sector", q.sectors[i].code, "", "", "", "",
				      words(q.sectors[i].name_zh, q.sectors[i].name_en));
	for (size_t i = 0; i < q.nlevels; i++) {
		char code[8];
		snprintf(code, sizeof code, "%d", q.levels[i].level);
		number_cell(q.levels[i].from, num);
		ec_table_addv(&t, "level", code, "", "", num, "", words(q.levels[i].name_zh, q.levels[i].name_en));
	}
	for (size_t m = 0; m < q.ndimensions; m++) {
		number_cell(q.dimensions[m].weight, num);
		ec_table_addv(&t, "dimension", q.dimensions[m].code, "", "", num, "",
			      words(q.dimensions[m].name_zh, q.dimensions[m].name_en));
		for (size_t i = 0; i < q.nitems; i++) {
			const struct ec_digital_item *it = &q.items[i];
			if (it->dimension != m || (sector && !ec_digital_item_in(&q, i, sector)))
				continue;
			number_cell(it->max, num);
			ec_table_addv(&t, "item", it->code, q.dimensions[m].code, it->sectors, num,
				      it->select == EC_DIGITAL_MANY ? "many" : "one", words(it->name_zh, it->name_en));
			for (size_t k = it->first_option; k < it->first_option + it->noptions; k++) {
				number_cell(q.options[k].score, num);
				ec_table_addv(&t, "option", q.options[k].code, it->code, "", num, "",
					      words(q.options[k].name_zh, q.options[k].name_en));
			}
		}
	}
	rc = cli_write_table(&t, fmt);
	if (rc == EC_EXIT_OK && q.placeholders)
		fprintf(stderr,
			words("注意：本版评测指标有 %zu 行为占位措辞，并非官方原文（见 data/README.md）\n",
			      "note: %zu rows of this questionnaire are placeholder wording, not the official text (see data/README.md)\n"),
			q.placeholders);
	ec_digital_release(&q);
	return rc;
}

static void print_view(const struct ec_digital_view *v, enum ec_format fmt)
{
	static const char *const cols[] = { "kind", "code", "answer", "points", "max", "text" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_TEXT };
	const struct ec_digital_questionnaire *q = &v->q;
	struct ec_table t;
	char pts[32], max[32], level[8], when[32];

	if (fmt == EC_FMT_TABLE) {
		number_cell(v->a.score, pts);
		if (ec_beijing_time(v->a.submitted_at, when, sizeof when) != 0) /* Beijing time, as the tables say it */
			snprintf(when, sizeof when, "%s", v->a.submitted_at);
		printf("%s %d, %s %s, %s %s: %s, %s %d\n", v->a.uscc, v->a.year, words("版本", "edition"), v->a.edition,
		       words("评测表", "table"), v->a.sector, ec_digital_state_name(v->a.state), words("修订", "revision"),
		       v->a.revision);
		if (v->a.state == EC_DIGITAL_SUBMITTED)
			printf("%s %s %s, %s %s\n", words("提交", "submitted by"), v->a.submitted_by, when,
			       words("得分", "score"), pts);
	}
	ec_table_init(&t, 6, cols, kinds);
	for (size_t m = 0; m < q->ndimensions; m++) {
		for (size_t i = 0; i < q->nitems; i++) {
			const char *answer = "";
			if (q->items[i].dimension != m || !ec_digital_item_in(q, i, v->a.sector))
				continue;
			for (size_t k = 0; k < v->nanswers; k++)
				if (!strcmp(v->answers[k].item, q->items[i].code))
					answer = v->answers[k].answer;
			number_cell(v->r.item_score[i], pts);
			number_cell(q->items[i].max, max);
			ec_table_addv(&t, "item", q->items[i].code, answer, pts, max,
				      words(q->items[i].name_zh, q->items[i].name_en));
		}
		number_cell(v->r.dimension_score[m], pts);
		number_cell(v->r.dimension_max[m], max);
		ec_table_addv(&t, "dimension", q->dimensions[m].code, "", pts, max,
			      words(q->dimensions[m].name_zh, q->dimensions[m].name_en));
	}
	number_cell(v->r.total, pts);
	snprintf(level, sizeof level, "%d", v->r.level);
	ec_table_addv(&t, "total", "", "", pts, "100", words("合计", "total"));
	ec_table_addv(&t, "level", level, "", "", "", v->r.answered < v->r.expected ? words("未答完，等级为暂估", "not complete: level so far") : "");
	cli_write_table(&t, fmt);
}

/* ITEM=OPTIONS arguments into answers. */
static int parse_answers(struct cli_args *a, struct ec_digital_answer *answers, size_t *n)
{
	*n = 0;
	for (int i = 1; i < a->npositional; i++) {
		const char *arg = a->positional[i], *eq = strchr(arg, '=');
		if (!eq || eq == arg || (size_t)(eq - arg) >= EC_DIGITAL_CODE || strlen(eq + 1) >= EC_DIGITAL_ANSWER)
			return cli_usage(a, "digital.answer_form|value=%s", arg);
		snprintf(answers[*n].item, sizeof answers[*n].item, "%.*s", (int)(eq - arg), arg);
		snprintf(answers[*n].answer, sizeof answers[*n].answer, "%s", eq + 1);
		(*n)++;
	}
	return EC_EXIT_OK;
}

enum { DO_ANSWER, DO_SUBMIT, DO_SHOW };

static int act(struct cli_args *a, int what)
{
	struct ec_digital_answer answers[CLI_MAX_ARGS];
	struct ec_digital_view v;
	const char *uscc = cli_opt(a, "uscc");
	struct ec_actor who;
	struct ec_app *app;
	struct ec_diag d;
	enum ec_format fmt;
	size_t n = 0;
	int rc, year = 0, status;

	if (!uscc)
		return cli_usage(a, "cli.required|option=--uscc|arg=USCC");
	if ((rc = year_of(a, &year)) || (rc = cli_format(a, &fmt)))
		return rc;
	if (what == DO_ANSWER && (rc = parse_answers(a, answers, &n)))
		return rc;
	if ((rc = cli_open_app(a, what == DO_SHOW ? EC_STORE_READONLY : 0, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	ec_diag_init(&d, 100);
	ec_digital_view_init(&v);
	if (what == DO_ANSWER)
		status = ec_app_digital_answer(app, &who, uscc, year, edition_of(a), cli_opt(a, "sector"), answers, n,
					       cli_opt(a, "revise") != NULL, &v, &d);
	else if (what == DO_SUBMIT)
		status = ec_app_digital_submit(app, &who, uscc, year, edition_of(a), cli_opt(a, "pledge") != NULL, &v, &d);
	else
		status = ec_app_digital_show(app, &who, uscc, year, edition_of(a), &v, &d);
	if (status == EC_OK) {
		print_view(&v, fmt);
		ec_digital_view_release(&v);
	} else {
		char subject[64];
		snprintf(subject, sizeof subject, "digital %s %d", uscc, year);
		rc = cli_refused(status, &d, subject);
	}
	ec_diag_release(&d);
out:
	ec_app_close(app);
	return rc;
}

static int answer(struct cli_args *a)
{
	return act(a, DO_ANSWER);
}

static int submit(struct cli_args *a)
{
	return act(a, DO_SUBMIT);
}

static int show(struct cli_args *a)
{
	return act(a, DO_SHOW);
}

static int import_file(struct cli_args *a)
{
	return cli_import(a, ec_app_digital_import, cli_opt(a, "revise") ? "revisions" : "answers", a->positional[1]);
}


static int history(struct cli_args *a)
{
	static const char *const cols[] = { "year", "edition", "sector", "state", "revision", "score", "level", "user", "at" };
	static const enum ec_col_kind kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT };
	struct ec_digital_assessment *items = NULL;
	const char *uscc = cli_opt(a, "uscc");
	struct ec_actor who;
	struct ec_app *app;
	struct ec_diag d;
	struct ec_table t;
	enum ec_format fmt;
	size_t n = 0;
	int rc, status;

	if (!uscc)
		return cli_usage(a, "cli.required|option=--uscc|arg=USCC");
	if ((rc = cli_format(a, &fmt)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	ec_diag_init(&d, 100);
	status = ec_app_digital_history(app, &who, uscc, &items, &n, &d);
	if (status == EC_OK) {
		ec_table_init(&t, 9, cols, kinds);
		for (size_t i = 0; i < n; i++) {
			char y[16], rev[16], score[32], level[16];
			snprintf(y, sizeof y, "%d", items[i].year);
			snprintf(rev, sizeof rev, "%d", items[i].revision);
			number_cell(items[i].score, score);
			snprintf(level, sizeof level, "%d", items[i].level);
			ec_table_addv(&t, y, items[i].edition, items[i].sector, ec_digital_state_name(items[i].state), rev,
				      score, items[i].state == EC_DIGITAL_SUBMITTED ? level : "", items[i].submitted_by,
				      items[i].submitted_at);
		}
		rc = cli_write_table(&t, fmt);
		free(items);
	} else {
		rc = cli_refused(status, &d, uscc);
	}
	ec_diag_release(&d);
out:
	ec_app_close(app);
	return rc;
}

static int benchmark(struct cli_args *a)
{
	struct ec_digital_bench_query q;
	struct ec_sdc_rule rule;
	struct ec_actor who;
	struct ec_app *app;
	struct ec_diag d;
	struct ec_table t;
	enum ec_format fmt;
	int rc, status;

	memset(&q, 0, sizeof q);
	if ((rc = year_of(a, &q.year)) || (rc = cli_format(a, &fmt)))
		return rc;
	q.edition = edition_of(a);
	q.by = cli_opt_or(a, "by", "province");
	q.region = cli_opt(a, "region");
	q.sector = cli_opt(a, "sector");
	q.lang = cli_lang();
	ec_sdc_rule_default(&rule);
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	ec_diag_init(&d, 100);
	status = ec_app_digital_benchmark(app, &who, &rule, &q, &t, NULL, &d);
	if (status == EC_OK)
		rc = cli_write_table(&t, fmt);
	else
		rc = cli_refused(status, &d, "digital benchmark");
	ec_diag_release(&d);
out:
	ec_app_close(app);
	return rc;
}

static int next(struct cli_args *a)
{
	static const char *const cols[] = { "kind", "code", "score", "text" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT };
	struct ec_digital_next n;
	struct ec_sdc_rule rule;
	const char *uscc = cli_opt(a, "uscc");
	struct ec_actor who;
	struct ec_app *app;
	struct ec_diag d;
	struct ec_table t;
	enum ec_format fmt;
	int rc, year = 0, status;

	if (!uscc)
		return cli_usage(a, "cli.required|option=--uscc|arg=USCC");
	if ((rc = year_of(a, &year)) || (rc = cli_format(a, &fmt)))
		return rc;
	ec_sdc_rule_default(&rule);
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	ec_diag_init(&d, 100);
	status = ec_app_digital_next(app, &who, &rule, uscc, year, edition_of(a), &n, &d);
	if (status == EC_OK) {
		const struct ec_digital_questionnaire *q = &n.view.q;
		char num[32], peers[32];
		struct ec_buf b;
		ec_table_init(&t, 4, cols, kinds);
		number_cell(n.view.a.score, num);
		ec_table_addv(&t, "score", "", num, "");
		snprintf(num, sizeof num, "%d", n.view.a.level);
		ec_table_addv(&t, "level", num, "", "");
		rounded_cell(n.percentile, 1, num);
		snprintf(peers, sizeof peers, "%lld", (long long)n.peers);
		ec_table_addv(&t, "percentile", n.peer_area[0] ? n.peer_area : "all", num, peers);
		for (size_t k = 0; k < n.nweakest; k++) {
			size_t m = n.weakest[k];
			char share[32];
			rounded_cell(100 * n.view.r.dimension_score[m] / n.view.r.dimension_max[m], 1, share);
			ec_table_addv(&t, "weak", q->dimensions[m].code, share,
				      words(q->dimensions[m].name_zh, q->dimensions[m].name_en));
			for (size_t i = 0; i < n.actions.n; i++)
				if (k < 2 && !strcmp(n.actions.items[i].dimension, q->dimensions[m].code))
					ec_table_addv(&t, n.actions.items[i].kind, q->dimensions[m].code, "",
						      words(n.actions.items[i].text_zh, n.actions.items[i].text_en));
		}
		ec_buf_init(&b, 0);
		for (size_t i = 0; i < n.nfits; i++) {
			const struct ec_fund *f = &n.funds[n.fits[i].fund];
			ec_buf_clear(&b);
			ec_coded_message(n.fits[i].category_reason, cli_lang(), &b);
			ec_buf_printf(&b, "; ");
			ec_coded_message(n.fits[i].region_reason, cli_lang(), &b);
			rounded_cell(n.fits[i].fit, 2, num);
			ec_table_addv(&t, "fund", f->code, num, b.data ? b.data : "");
		}
		for (size_t i = 0; i < n.nscenarios; i++) {
			ec_buf_clear(&b);
			ec_buf_printf(&b, cli_lang() == EC_LANG_ZH ? "%s：" : "%s: ", n.scenarios[i].title);
			ec_coded_list(n.scenario_fits[i].reasons, cli_lang(), &b);
			snprintf(num, sizeof num, "%d", n.scenario_fits[i].points);
			ec_table_addv(&t, "open_scenario", n.scenarios[i].code, num, b.data ? b.data : "");
		}
		ec_buf_release(&b);
		rc = cli_write_table(&t, fmt);
		ec_digital_next_release(&n);
	} else {
		rc = cli_refused(status, &d, uscc);
	}
	ec_diag_release(&d);
out:
	ec_app_close(app);
	return rc;
}

static const struct cli_option digital_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "edition", "YEAR", "the questionnaire's edition: 2022 or 2024 (default 2024)" },
	{ "sector", "TABLE", "the sector table: M manufacturing, S producer services, O other industries" },
	{ "file", "FILE", "a questionnaire file of the same layout as data/digital_*.csv to check and show (questionnaire)" },
	{ "uscc", "USCC", "the enterprise" },
	{ "year", "YYYY", "the year assessed" },
	{ "revise", NULL, "change answers already submitted: a revision, counted and audited (answer, import)" },
	{ "pledge", NULL, "the pledge that the answers are true, required to submit (submit)" },
	{ "by", "GROUP", "province (default), prefecture, area, size or cluster (benchmark)" },
	{ "region", "CODE", "only enterprises in the region: a GB/T 2260 code or its beginning (benchmark)" },
	{ "format", "FMT", "table (default), csv, json or xlsx" },
	{ NULL, NULL, NULL },
};

static const struct cli_verb digital_verbs[] = {
	{ "questionnaire", questionnaire, 0, 0, "[--edition E] [--sector S] [--file FILE] [--format F]",
	  "the questionnaire of an edition: dimensions, items, options and scores", "edition sector file format",
	  CLI_READS },
	{ "answer", answer, 0, CLI_MAX_ARGS - 1, "ITEM=OPTION[;OPTION] ... --uscc U --year Y [--sector S] [--revise] --db FILE",
	  "save answers into the enterprise's draft (made when there is none)", "db edition sector uscc year revise format",
	  CLI_ACTS },
	{ "submit", submit, 0, 0, "--uscc U --year Y --pledge --db FILE",
	  "submit the draft, complete, with the pledge: its score and level are kept", "db edition uscc year pledge format",
	  CLI_ACTS },
	{ "show", show, 0, 0, "--uscc U --year Y [--edition E] --db FILE [--as ACCOUNT]",
	  "the answers with their score by item and dimension, total and level", "db edition uscc year format",
	  CLI_ACTS },
	{ "import", import_file, 1, 1, "FILE [--revise] --db FILE",
	  "import answers (uscc,year,edition,sector,item,answer), all or nothing, as submitted", "db revise",
	  CLI_ACTS },
	{ "history", history, 0, 0, "--uscc U --db FILE [--as ACCOUNT]",
	  "the enterprise's questionnaires over the years: state, score and level", "db uscc format", CLI_ACTS },
	{ "benchmark", benchmark, 0, 0, "--year Y [--by province|prefecture|area|size|cluster] [--region R] [--sector S] --db FILE",
	  "levels and scores of the submitted questionnaires by group, under the disclosure control",
	  "db edition year by region sector format", CLI_ACTS },
	{ "next", next, 0, 0, "--uscc U --year Y --db FILE [--as ACCOUNT]",
	  "what next: the percentile among peers, the weakest dimensions with actions, the funds that fit",
	  "db edition uscc year format", CLI_ACTS },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};

const struct cli_command cmd_digital = {
	"digital", NULL, 1, CLI_MAX_ARGS, "questionnaire|answer|submit|show|import|history|benchmark|next ... --db FILE",
	"SME digital level: MIIT's self-assessment, score and level",
	"The evaluation indicators for the digital level of SMEs (中小企业数字化水平评测指标,\n"
	"editions 2022 and 2024): four dimensions (basis, operations, management,\n"
	"results), a table per sector, levels 1 to 4 by total score. An enterprise\n"
	"account (--as) answers and sees only its own questionnaire; analysts and\n"
	"admins any, and only they import. One submission per enterprise, year and\n"
	"edition; a later change is a revision (--revise), audited. The item and\n"
	"option wording shipped is placeholder text, not the official tables\n"
	"(data/README.md). Benchmarks group the submitted questionnaires of a year\n"
	"by province, prefecture, SEI area, size class or cluster under the\n"
	"disclosure control; `next` gives an enterprise's percentile among its\n"
	"peers, its weakest dimensions with recommended actions (echelon's own\n"
	"wording, data/digital_actions.csv) and the funds that fit.",
	digital_opts, digital_verbs, CLI_READS,
};
