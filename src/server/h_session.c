/*
** /api/v1/session: sign in (argon2id check, limited failures per account
** and per address), who am I, sign out. The cookie holds a random token;
** the database holds only its SHA-256.
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server.h"

static json_t *user_json(const struct ec_user *u)
{
	return json_pack("{s:s, s:s, s:s}", "name", u->name, "role", ec_role_name(u->role), "scope", u->scope);
}

/* The client behind a proxy on this machine (--behind-proxy): the address
** the proxy names last in X-Forwarded-For, the one it saw (nginx's
** $proxy_add_x_forwarded_for appends it; those before are the client's
** word). Behind nginx every peer is 127.0.0.1, so without it one address's
** failures would lock every account's sign-ins. Only a loopback peer is
** believed. Returns 1 when out holds an address. */
static int forwarded_for(struct request *r, const struct sockaddr_in *in, char *out, size_t size)
{
	const char *xff = req_header(r, "X-Forwarded-For"), *last;
	unsigned char bin[sizeof(struct in6_addr)];
	char text[INET6_ADDRSTRLEN];
	size_t n;

	if (!r->srv->cfg.behind_proxy || !in || in->sin_family != AF_INET ||
	    (ntohl(in->sin_addr.s_addr) >> 24) != 127 || !xff)
		return 0;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	for (n = 0; last[n] && last[n] != ' '; n++)
		;
	if (n == 0 || n >= sizeof text)
		return 0;
	memcpy(text, last, n);
	text[n] = '\0';
	if (inet_pton(AF_INET, text, bin) != 1 && inet_pton(AF_INET6, text, bin) != 1)
		return 0;
	snprintf(out, size, "addr:%s", text);
	return 1;
}

static void address_of(struct request *r, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr_in *in = ci ? (const struct sockaddr_in *)ci->client_addr : NULL;

	if (forwarded_for(r, in, out, size))
		return;
	snprintf(out, size, "addr:");
	if (in && in->sin_family == AF_INET)
		inet_ntop(AF_INET, &in->sin_addr, out + 5, (socklen_t)(size - 5));
}

static void too_many(struct request *r, int wait)
{
	struct MHD_Response *resp;
	char *body = ec_asprintf("{\"error\":{\"code\":\"too_many_requests\",\"message\":\"too many failed sign-ins; "
				 "try again in %d s\"}}", wait);
	char after[16];

	snprintf(after, sizeof after, "%d", wait);
	resp = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(resp, "Retry-After", after);
	add_security_headers(resp, 1);
	MHD_queue_response(r->conn, 429, resp);
	MHD_destroy_response(resp);
	r->status = 429;
	r->answered = 1;
}

void h_session_create(struct request *r)
{
	struct server *s = r->srv;
	const char *username, *password, *type = req_header(r, "Content-Type");
	char account_key[160], address_key[64], token[65], cookie[256], csrf_cookie[160];
	int64_t now = (int64_t)time(NULL);
	json_error_t jerr;
	struct ec_diag d;
	json_t *body;
	enum ec_attempt outcome;
	int wait, rc;

	/* JSON only: a cross-site form cannot send it. */
	if (!type || strncmp(type, "application/json", 16) != 0) {
		reply_problem(r, 400, "session.body", "Content-Type", NULL);
		return;
	}
	body = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, &jerr);
	if (!body || json_unpack(body, "{s:s, s:s}", "username", &username, "password", &password) != 0) {
		json_decref(body);
		reply_problem(r, 400, "session.body", "body", NULL);
		return;
	}
	/* Failures count for the account at this address (a stranger elsewhere
	** cannot lock a user out) and, more loosely, for the address. An
	** attempt is counted from its start, so concurrent ones cannot pass the
	** limit together. */
	address_of(r, address_key, sizeof address_key);
	snprintf(account_key, sizeof account_key, "user:%.64s|%s", username, address_key);
	if ((wait = ec_limiter_begin(s->by_account, account_key, now)) > 0) {
		json_decref(body);
		too_many(r, wait);
		return;
	}
	if ((wait = ec_limiter_begin(s->by_address, address_key, now)) > 0) {
		ec_limiter_end(s->by_account, account_key, now, EC_ATTEMPT_ABORTED);
		json_decref(body);
		too_many(r, wait);
		return;
	}
	ec_diag_init(&d, 2);
	rc = ec_app_sign_in(r->app, username, password, s->cfg.session_hours, now, &r->user, &r->session, token, &d);
	json_decref(body);
	outcome = rc == EC_OK ? EC_ATTEMPT_SUCCEEDED : rc == EC_EDENIED ? EC_ATTEMPT_FAILED : EC_ATTEMPT_ABORTED;
	ec_limiter_end(s->by_account, account_key, (int64_t)time(NULL), outcome);
	ec_limiter_end(s->by_address, address_key, (int64_t)time(NULL), outcome);
	if (rc == EC_EDENIED) {
		reply_problems(r, 401, &d);
		ec_diag_release(&d);
		return;
	}
	ec_diag_release(&d);
	if (rc != EC_OK) {
		reply_status(r, EC_EIO, ec_app_errmsg(r->app));
		return;
	}
	r->signed_in = 1;
	snprintf(cookie, sizeof cookie, "echelon_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", token,
		 s->cfg.session_hours * 3600, s->cfg.secure_cookies ? "; Secure" : "");
	snprintf(csrf_cookie, sizeof csrf_cookie, "echelon_csrf=%s; Path=/; SameSite=Strict; Max-Age=%d%s",
		 r->session.csrf_token, s->cfg.session_hours * 3600, s->cfg.secure_cookies ? "; Secure" : "");
	r->set_cookie[0] = req_strdup(r, cookie);
	r->set_cookie[1] = req_strdup(r, csrf_cookie);
	reply_json(r, 200, json_pack("{s:o, s:s}", "user", user_json(&r->user), "csrf_token", r->session.csrf_token));
}

void h_session_get(struct request *r)
{
	reply_json(r, 200, json_pack("{s:o, s:s}", "user", user_json(&r->user), "csrf_token", r->session.csrf_token));
}

void h_session_delete(struct request *r)
{
	if (ec_app_sign_out(r->app, r->session.token_hash) != EC_OK) {
		reply_status(r, EC_EIO, ec_app_errmsg(r->app));
		return;
	}
	server_auth_changed(r->srv);
	r->set_cookie[0] = "echelon_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
	r->set_cookie[1] = "echelon_csrf=; Path=/; SameSite=Strict; Max-Age=0";
	reply_json(r, 204, NULL);
}
