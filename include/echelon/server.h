/*
** The echelon server: the JSON API and the dashboard's static files over
** HTTP (libmicrohttpd, a thread pool on epoll). A face over libechelon,
** like the command.
*/
#ifndef ECHELON_SERVER_H
#define ECHELON_SERVER_H

#include <stddef.h>
#include <stdio.h>

struct ec_server_config {
	const char *db;          /* the database (required) */
	const char *listen;      /* "127.0.0.1:8080"; port 0 picks a free one */
	int threads;             /* worker threads; 0: one per core */
	const char *web_root;    /* static files; NULL: the built-in default */
	size_t max_body;         /* bytes of a request body (default 1 MiB) */
	size_t max_upload;       /* bytes of an upload (default 64 MiB) */
	int timeout_s;           /* idle connection timeout (default 30) */
	int header_timeout_s;    /* from a connection's start or its last answer to the next
				  * request's complete headers, however they trickle in (default 15) */
	int max_per_address;     /* open connections from one address (default 64) */
	const char *access_log;  /* file; NULL: standard error; "-": off */
	int secure_cookies;      /* mark cookies Secure; always so unless listening on 127.0.0.0/8 */
	int session_hours;       /* session lifetime (default 12) */
	FILE *ready;             /* where to print "listening on URL" (may be NULL) */
	int jobs;                /* jobs run at once; 0: one per core and one more, at least 3 */
	int jobs_per_user;       /* jobs an account may have waiting or running (default 4) */
	int job_hours;           /* how long a finished job's answer is kept (default 24) */
	int behind_proxy;        /* a loopback peer is a proxy: the client is the last X-Forwarded-For */
	const char *read_db;     /* a streaming replica of db (PostgreSQL) for the kept answers'
				  * reads; NULL: none */
};

/* Serves until SIGINT or SIGTERM, then stops taking connections, lets the
** requests in flight finish and closes the database. Returns 0 after a clean
** shutdown, or an error status with *err (caller frees) when it could not
** start. */
int ec_server_run(const struct ec_server_config *cfg, char **err /* OUT */);

/* Writes the OpenAPI 3 description generated from the route table. */
void ec_server_openapi(FILE *out);

/* Writes the route table: method, path, roles, one route a line, as JSON
** (json = 1) or as an aligned table. */
void ec_server_routes(FILE *out, int json);

#endif
