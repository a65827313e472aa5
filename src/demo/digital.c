/*
** The demo's SME digital-level answers: for an enterprise and a year, an
** answer to every item of its sector table, drawn from a maturity of the
** enterprise (the same inputs give the same answers) that grows a little
** from one year to the next, so that benchmarks and histories show
** something. No I/O.
*/
#include <stdio.h>
#include <string.h>

#include "echelon/demo.h"
#include "echelon/digital.h"

static uint64_t mix(uint64_t x)
{
	/* splitmix64's finaliser */
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t hash_text(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = mix(h ^ (unsigned char)*s);
	return h;
}

/* A uniform number in [0, 1) from h. */
static double unit(uint64_t h)
{
	return (double)(h >> 11) / 9007199254740992.0;
}

const char *ec_demo_digital_sector(const char *industry)
{
	int division = (industry[0] - '0') * 10 + (industry[1] - '0');

	if (division >= 13 && division <= 43)
		return "M";
	if ((division >= 53 && division <= 60) || (division >= 63 && division <= 65) || (division >= 72 && division <= 75))
		return "S";
	return "O";
}

size_t ec_demo_digital_answers(const struct ec_digital_questionnaire *q, const char *uscc, const char *sector,
			       int year, int first_year, uint64_t seed, struct ec_digital_answer *out)
{
	uint64_t firm = hash_text(mix(seed ^ 0xd161a1ULL), uscc);
	/* maturity: most SMEs at the lower levels, a few ahead; +0.06 a year */
	double u = unit(firm), maturity = 0.15 + 0.7 * u * u + 0.06 * (year - first_year);
	size_t n = 0;

	for (size_t i = 0; i < q->nitems; i++) {
		const struct ec_digital_item *it = &q->items[i];
		double draw = maturity + 0.3 * (unit(mix(firm ^ mix((uint64_t)i * 7919u + (uint64_t)year))) - 0.5);
		size_t k;

		if (!ec_digital_item_in(q, i, sector) || it->noptions == 0)
			continue;
		if (draw < 0)
			draw = 0;
		if (draw > 0.999)
			draw = 0.999;
		k = (size_t)(draw * (double)it->noptions);
		snprintf(out[n].item, sizeof out[n].item, "%s", it->code);
		if (it->select == EC_DIGITAL_ONE) {
			snprintf(out[n].answer, sizeof out[n].answer, "%s", q->options[it->first_option + k].code);
		} else {
			/* the first k + 1 options, as far as the answer holds them */
			size_t len = 0;
			out[n].answer[0] = '\0';
			for (size_t o = 0; o <= k && len + 10 < sizeof out[n].answer; o++)
				len += (size_t)snprintf(out[n].answer + len, sizeof out[n].answer - len, "%s%s", o ? ";" : "",
							q->options[it->first_option + o].code);
		}
		n++;
	}
	return n;
}
