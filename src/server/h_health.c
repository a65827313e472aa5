/* GET /api/v1/health: liveness and version, for monitors and load balancers. */
#include "server.h"

void h_health(struct request *r)
{
	reply_json(r, 200, json_pack("{s:s, s:s}", "status", "ok", "version", EC_VERSION_STRING));
}
