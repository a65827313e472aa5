/*
** Announcements between the processes that share a store, for the server
** (src/server/listen.c): several servers on one PostgreSQL store hear one
** another's changes and the commands'. The store does the work
** (ec_store_announce and its kin); this is the faces' way to it.
*/
#include "app_int.h"

int ec_app_announces(const char *uri)
{
	return ec_store_uri_is_postgres(uri);
}

int ec_app_announce(struct ec_app *app, const char *what)
{
	return ec_store_announce(app->store, what);
}

int ec_app_log_position(struct ec_app *app, uint64_t *pos)
{
	return ec_store_log_position(app->store, pos);
}

int ec_app_listen(struct ec_app *app, const char *holder)
{
	return ec_store_listen(app->store, holder);
}

int ec_app_announcements(struct ec_app *app, int timeout_ms, ec_announcement_fn fn, void *ctx)
{
	return ec_store_announcements(app->store, timeout_ms, fn, ctx);
}

int ec_app_data_generation(struct ec_app *app, int64_t *generation)
{
	return ec_store_facts_generation(app->store, generation);
}
