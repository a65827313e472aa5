/*
** This is the implementation of the SME digital-level scoring: checking
** answers against an edition of the questionnaire and adding them up into
** a total, a level and a breakdown by dimension and item (docs/methods.md).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/digital.h"

const char *const ec_digital_editions[] = { "2022", "2024", NULL };

const char *ec_digital_state_name(enum ec_digital_state s)
{
	return s == EC_DIGITAL_SUBMITTED ? "submitted" : "draft";
}

void ec_digital_init(struct ec_digital_questionnaire *q)
{
	memset(q, 0, sizeof *q);
}

void ec_digital_release(struct ec_digital_questionnaire *q)
{
	free(q->title_zh), free(q->title_en);
	for (size_t i = 0; i < q->nsectors; i++)
		free(q->sectors[i].name_zh), free(q->sectors[i].name_en);
	for (size_t i = 0; i < q->ndimensions; i++)
		free(q->dimensions[i].name_zh), free(q->dimensions[i].name_en);
	for (size_t i = 0; i < q->nitems; i++)
		free(q->items[i].name_zh), free(q->items[i].name_en);
	for (size_t i = 0; i < q->noptions; i++)
		free(q->options[i].name_zh), free(q->options[i].name_en);
	for (size_t i = 0; i < q->nlevels; i++)
		free(q->levels[i].name_zh), free(q->levels[i].name_en);
	free(q->sectors), free(q->dimensions), free(q->items), free(q->options);
	ec_digital_init(q);
}

int ec_digital_sector_find(const struct ec_digital_questionnaire *q, const char *code)
{
	for (size_t i = 0; i < q->nsectors; i++)
		if (!strcmp(q->sectors[i].code, code))
			return (int)i;
	return -1;
}

int ec_digital_dimension_find(const struct ec_digital_questionnaire *q, const char *code)
{
	for (size_t i = 0; i < q->ndimensions; i++)
		if (!strcmp(q->dimensions[i].code, code))
			return (int)i;
	return -1;
}

int ec_digital_item_find(const struct ec_digital_questionnaire *q, const char *code)
{
	for (size_t i = 0; i < q->nitems; i++)
		if (!strcmp(q->items[i].code, code))
			return (int)i;
	return -1;
}

int ec_digital_item_in(const struct ec_digital_questionnaire *q, size_t i, const char *sector)
{
	return i < q->nitems && ec_list_has(q->items[i].sectors, sector, strlen(sector));
}

int ec_digital_level_of(const struct ec_digital_questionnaire *q, double total)
{
	int level = 0;

	for (size_t i = 0; i < q->nlevels; i++)
		if (total + 1e-9 >= q->levels[i].from)
			level = q->levels[i].level;
	return level;
}

/* The option of item i coded s[0..n), or -1. */
static int option_find(const struct ec_digital_questionnaire *q, size_t i, const char *s, size_t n)
{
	const struct ec_digital_item *it = &q->items[i];

	for (size_t k = it->first_option; k < it->first_option + it->noptions; k++)
		if (strlen(q->options[k].code) == n && !memcmp(q->options[k].code, s, n))
			return (int)k;
	return -1;
}

int ec_digital_answer_check(const struct ec_digital_questionnaire *q, const char *sector,
			    const struct ec_digital_answer *a, struct ec_problem *why)
{
	int i = ec_digital_item_find(q, a->item), chosen = 0;
	char seen[EC_DIGITAL_ANSWER + 2] = "", code[EC_DIGITAL_ANSWER];
	size_t used = 0;

	if (i < 0) {
		ec_problem_set(why, "digital.item_unknown", "item", "item", a->item, "edition", q->edition, NULL);
		return -1;
	}
	if (!ec_digital_item_in(q, (size_t)i, sector)) {
		ec_problem_set(why, "digital.item_sector", "item", "item", a->item, "sector", sector, NULL);
		return -1;
	}
	for (const char *p = a->answer; *p;) {
		size_t n = strcspn(p, ";");

		snprintf(code, sizeof code, "%.*s", (int)n, p);
		if (n == 0 || option_find(q, (size_t)i, p, n) < 0) {
			ec_problem_set(why, "digital.option_unknown", "answer", "item", a->item, "value", code, NULL);
			return -1;
		}
		if (ec_list_has(seen, p, n)) {
			ec_problem_set(why, "digital.option_repeat", "answer", "item", a->item, "value", code, NULL);
			return -1;
		}
		used += (size_t)snprintf(seen + used, sizeof seen - used, "%s%s", used ? ";" : "", code);
		if (used >= sizeof seen)
			used = sizeof seen - 1;
		chosen++;
		p += n + (p[n] == ';');
	}
	if (chosen == 0) {
		ec_problem_set(why, "digital.answer_empty", "answer", "item", a->item, NULL);
		return -1;
	}
	if (chosen > 1 && q->items[i].select == EC_DIGITAL_ONE) {
		ec_problem_set(why, "digital.option_one", "answer", "item", a->item, "value", a->answer, NULL);
		return -1;
	}
	return i;
}

double ec_digital_answer_points(const struct ec_digital_questionnaire *q, const struct ec_digital_answer *a, size_t item)
{
	const struct ec_digital_item *it = &q->items[item];
	double sum = 0;

	for (const char *p = a->answer; *p;) {
		size_t n = strcspn(p, ";");
		int k = option_find(q, item, p, n);

		if (k >= 0)
			sum += q->options[k].score;
		p += n + (p[n] == ';');
	}
	if (q->scoring == EC_DIGITAL_PERCENT)
		sum = it->max * (sum > 100 ? 100 : sum) / 100;
	return sum > it->max ? it->max : sum;
}

void ec_digital_result_release(struct ec_digital_result *r)
{
	free(r->dimension_score), free(r->dimension_max), free(r->item_score);
	memset(r, 0, sizeof *r);
}

int ec_digital_score(const struct ec_digital_questionnaire *q, const char *sector,
		     const struct ec_digital_answer *answers, size_t n, int complete, const char *file,
		     const long *lines, struct ec_digital_result *r, struct ec_diag *d)
{
	size_t before = d->total;
	char *answered = ec_calloc(q->nitems ? q->nitems : 1, 1);

	memset(r, 0, sizeof *r);
	if (ec_digital_sector_find(q, sector) < 0) {
		ec_diag_problem(d, "digital.sector", file, lines && n ? lines[0] : 0, "sector", "value", sector,
				"edition", q->edition, NULL);
		free(answered);
		return EC_EDATA;
	}
	r->ndimensions = q->ndimensions;
	r->nitems = q->nitems;
	r->dimension_score = ec_calloc(q->ndimensions ? q->ndimensions : 1, sizeof *r->dimension_score);
	r->dimension_max = ec_calloc(q->ndimensions ? q->ndimensions : 1, sizeof *r->dimension_max);
	r->item_score = ec_malloc((q->nitems ? q->nitems : 1) * sizeof *r->item_score);
	for (size_t i = 0; i < q->nitems; i++) {
		r->item_score[i] = NAN;
		if (ec_digital_item_in(q, i, sector)) {
			r->expected++;
			r->dimension_max[q->items[i].dimension] += q->items[i].max;
		}
	}
	for (size_t k = 0; k < n; k++) {
		struct ec_problem why = { 0 };
		int i = ec_digital_answer_check(q, sector, &answers[k], &why);

		if (i < 0) {
			/* a refused answer is not also a missing one */
			int j = ec_digital_item_find(q, answers[k].item);
			if (j >= 0)
				answered[j] = 1;
			ec_diag_put(d, file, lines ? lines[k] : 0, &why);
			continue;
		}
		if (answered[i]) {
			ec_diag_problem(d, "digital.item_repeat", file, lines ? lines[k] : 0, "item", "item",
					answers[k].item, NULL);
			continue;
		}
		answered[i] = 1;
		r->item_score[i] = ec_digital_answer_points(q, &answers[k], (size_t)i);
		r->dimension_score[q->items[i].dimension] += r->item_score[i];
		r->total += r->item_score[i];
		r->answered++;
	}
	if (complete)
		for (size_t i = 0; i < q->nitems; i++)
			if (!answered[i] && ec_digital_item_in(q, i, sector))
				ec_diag_problem(d, "digital.item_missing", file, lines && n ? lines[0] : 0, "item", "item",
						q->items[i].code, "sector", sector, NULL);
	free(answered);
	if (d->total != before) {
		ec_digital_result_release(r);
		return EC_EDATA;
	}
	/* Sums of decimals: 2.5 + 0.1 shown as 2.6, not 2.6000000000000001. */
	r->total = round(r->total * 1e6) / 1e6;
	r->level = ec_digital_level_of(q, r->total);
	return EC_OK;
}
