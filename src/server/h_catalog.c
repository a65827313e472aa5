/* GET /api/v1/catalog/{kind}: a reference catalogue, as `echelon catalog`. */
#include <stdlib.h>

#include "echelon/output.h"
#include "server.h"

void h_catalog(struct request *r)
{
	struct ec_table t;
	char *text;
	size_t len;

	if (ec_catalog_table(&r->srv->catalog, r->path_params[0], &t) != EC_OK) {
		reply_problem(r, 404, "field.enum", "kind", "value", r->path_params[0], "expected",
			      "areas, categories, mappings, industries or regions", NULL);
		return;
	}
	text = ec_table_string(&t, EC_FMT_JSON, &len);
	reply_text(r, 200, "application/json; charset=utf-8", text, len);
	free(text);
	ec_table_release(&t);
}
