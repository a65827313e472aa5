/* libFuzzer harness for the SME digital-level files: the questionnaire
** layout, the answers file and the recommended actions file, the scoring
** and the weakest dimensions of whatever answers the
** input makes against the shipped 2022 edition. Any input is accepted or
** rejected, never a crash. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "echelon/digital.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct collected {
	struct ec_digital_answer answers[64];
	size_t n;
	char sector[4];
};

static int take(void *ctx, const struct ec_digital_answer_row *row, struct ec_diag *d)
{
	struct collected *c = ctx;
	(void)d;
	if (c->n < 64) {
		c->answers[c->n++] = row->answer;
		c->sector[0] = row->sector[0];
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ec_digital_questionnaire shipped;
	static int loaded;
	struct ec_digital_questionnaire q;
	struct ec_digital_result r;
	struct collected c = { .n = 0, .sector = "M" };
	struct ec_digital_actions actions;
	struct ec_diag d;

	ec_diag_init(&d, 4);
	if (ec_digital_actions_parse(&actions, "fuzz.csv", (const char *)data, size, &d) == EC_OK)
		ec_digital_actions_release(&actions);
	if (!loaded)
		loaded = ec_digital_load_builtin(&shipped, "2022", &d) == EC_OK ? 1 : -1;
	if (ec_digital_parse(&q, "fuzz.csv", (const char *)data, size, &d) == EC_OK)
		ec_digital_release(&q);
	(void)ec_digital_answers_parse("fuzz.csv", (const char *)data, size, 0, take, &c, &d);
	if (loaded > 0 && ec_digital_score(&shipped, c.sector, c.answers, c.n, 0, NULL, NULL, &r, &d) == EC_OK) {
		size_t order[16];
		if (r.ndimensions <= 16)
			(void)ec_digital_weakest(&r, order);
		ec_digital_result_release(&r);
	}
	ec_diag_release(&d);
	return 0;
}
