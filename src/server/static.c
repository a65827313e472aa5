/*
** Static files of the dashboard (web/dist): content types, caching headers
** (hashed assets forever, the rest revalidated), and no way out of the
** root — no "..", no absolute paths, no symbolic link that leads outside.
** Paths that name no file and have no extension get index.html, so that
** the dashboard's own routes load.
*/
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server.h"

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json; charset=utf-8" }, { ".svg", "image/svg+xml" },
	{ ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" }, { ".woff", "font/woff" }, { ".txt", "text/plain; charset=utf-8" },
	{ ".csv", "text/csv; charset=utf-8" }, { ".map", "application/json" }, { ".webmanifest", "application/manifest+json" },
};

static const char *content_type(const char *path)
{
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* A URL path is acceptable when it is absolute, holds no NUL, backslash or
** "." / ".." segment and no empty segment. (libmicrohttpd has already
** decoded %2e%2e into "..".) */
static int safe_path(const char *url)
{
	const char *p = url;

	if (url[0] != '/' || strchr(url, '\\') || strlen(url) > 1024)
		return 0;
	while (*p == '/') {
		const char *seg = p + 1, *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (n == 0 && end)
			return 0;
		p = seg + n;
	}
	return 1;
}

static void not_found(struct request *r)
{
	reply_problem(r, 404, "static.no_file", NULL, NULL);
}

void serve_static(struct request *r)
{
	struct server *s = r->srv;
	char path[PATH_MAX], real[PATH_MAX], etag[64];
	const char *url = r->url, *inm;
	struct MHD_Response *resp;
	struct stat st;
	size_t root_len = strlen(s->web_root);
	int fd;

	if (!s->web_root[0]) {
		reply_problem(r, 404, "static.no_dashboard", NULL, NULL);
		return;
	}
	if (!safe_path(url)) {
		reply_problem(r, 403, "static.path", NULL, NULL);
		return;
	}
	if (strcmp(url, "/") == 0)
		url = "/index.html";
	if ((size_t)snprintf(path, sizeof path, "%s%s", s->web_root, url) >= sizeof path) {
		not_found(r);
		return;
	}
	if (!realpath(path, real)) {
		/* A dashboard route (no extension) loads the application. */
		const char *last = strrchr(url, '/');
		if (last && !strchr(last, '.')) {
			if ((size_t)snprintf(path, sizeof path, "%.4000s/index.html", s->web_root) >= sizeof path ||
			    !realpath(path, real)) {
				not_found(r);
				return;
			}
		} else {
			not_found(r);
			return;
		}
	}
	/* Resolved symbolic links must stay under the root. */
	if (strncmp(real, s->web_root, root_len) != 0 || real[root_len] != '/') {
		reply_problem(r, 403, "static.path", NULL, NULL);
		return;
	}
	fd = open(real, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		not_found(r);
		return;
	}
	snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)st.st_mtime, (unsigned long long)st.st_size);
	inm = req_header(r, "If-None-Match");
	if (inm && strcmp(inm, etag) == 0) {
		close(fd);
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(resp, "ETag", etag);
		add_security_headers(resp, 0);
		MHD_queue_response(r->conn, 304, resp);
		MHD_destroy_response(resp);
		r->status = 304;
		r->answered = 1;
		return;
	}
	resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	MHD_add_response_header(resp, "Content-Type", content_type(real));
	MHD_add_response_header(resp, "ETag", etag);
	/* Vite names built assets by content hash: they never change. */
	MHD_add_response_header(resp, "Cache-Control",
				strstr(real + root_len, "/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
	add_security_headers(resp, 0);
	MHD_queue_response(r->conn, 200, resp);
	MHD_destroy_response(resp);
	r->status = 200;
	r->bytes = (size_t)st.st_size;
	r->answered = 1;
}
