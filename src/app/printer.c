/*
** The kept printer: a headless Chromium per print place, started on the
** first print and kept for the next, driven over the DevTools protocol
** through --remote-debugging-pipe (it reads commands on its fd 3 and
** writes answers and events on its fd 4, each message JSON ended by a NUL
** byte). A print is then a page load and Page.printToPDF, without the
** browser's start-up (seconds, most of a one-shot print; docs/performance.md,
** "The monthly bulletin"). Only a long-running process keeps it
** (ec_app_report_printer_keep: the server); the command prints one-shot.
**
** Each place (EC_REPORT_RENDERS_MAX of them, the limit on prints at once)
** has its own browser and lock, so two prints never share a pipe. A
** browser that fails, answers garbage or passes the timeout is killed
** with its process group and started again by the next print; a print
** that finds its browser dead (its pipe closed) starts a fresh one and
** tries once more.
*/
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <jansson.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app_int.h"

struct printer {
	pthread_mutex_t lock;
	pid_t pid;              /* 0: not running */
	int to, from;           /* our ends of its pipes: commands, answers */
	char dir[4096];         /* its profile and the pages it prints */
	char session[128];      /* the DevTools session of its one page */
	struct ec_buf in;       /* read and not yet a whole message */
	int next_id, pages;
};

static struct printer printers[EC_REPORT_RENDERS_MAX] = {
	[0 ... EC_REPORT_RENDERS_MAX - 1] = { .lock = PTHREAD_MUTEX_INITIALIZER, .to = -1, .from = -1 }
};
static atomic_int keeping;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

/* Kills pr's browser (its whole process group) and forgets it. */
static void stop(struct printer *pr)
{
	if (pr->pid > 0) {
		kill(-pr->pid, SIGKILL);
		waitpid(pr->pid, NULL, 0);
	}
	if (pr->to >= 0)
		close(pr->to);
	if (pr->from >= 0)
		close(pr->from);
	if (pr->dir[0])
		nftw(pr->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	ec_buf_release(&pr->in);
	pr->pid = 0, pr->to = pr->from = -1, pr->dir[0] = '\0', pr->session[0] = '\0';
}

/* Sends the command method with params (taken; NULL for none) on pr's page
** session (session 0: to the browser). Returns its id, or -1. */
static int send_command(struct printer *pr, int session, const char *method, json_t *params)
{
	json_t *m = json_pack("{s:i, s:s}", "id", ++pr->next_id, "method", method);
	char *text;
	size_t len, done = 0;
	int ok = 1;

	if (params)
		json_object_set_new(m, "params", params);
	if (session)
		json_object_set_new(m, "sessionId", json_string(pr->session));
	text = json_dumps(m, JSON_COMPACT);
	json_decref(m);
	if (!text)
		return -1;
	len = strlen(text) + 1; /* the NUL ends the message */
	while (ok && done < len) {
		ssize_t n = write(pr->to, text + done, len - done);
		if (n > 0)
			done += (size_t)n;
		else if (n < 0 && errno != EINTR)
			ok = 0;
	}
	free(text);
	return ok ? pr->next_id : -1;
}

/* The next message from pr before deadline (monotonic seconds), or NULL
** (the pipe closed, the time passed, not JSON); *late set when it was the
** time. */
static json_t *next_message(struct printer *pr, double deadline, int *late)
{
	char chunk[65536];

	for (;;) {
		char *end = pr->in.len ? memchr(pr->in.data, '\0', pr->in.len) : NULL;
		if (end) {
			size_t n = (size_t)(end - pr->in.data);
			json_t *m = json_loadb(pr->in.data, n, 0, NULL);
			memmove(pr->in.data, end + 1, pr->in.len - n - 1);
			pr->in.len -= n + 1;
			return m;
		}
		double left = deadline - ec_seconds();
		struct pollfd p = { pr->from, POLLIN, 0 };
		if (left <= 0) {
			*late = 1;
			return NULL;
		}
		int r = poll(&p, 1, (int)(left * 1000) + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue; /* the deadline is checked above */
		ssize_t got = read(pr->from, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return NULL;
		if (ec_buf_add(&pr->in, chunk, (size_t)got) != EC_OK)
			return NULL;
	}
}

/* Waits for the answer to command id (or, id 0, for the event named
** event of pr's session). Returns it (the caller decrefs), or NULL: the
** browser failed, or answered an error, or the time passed (*late). */
static json_t *wait_for(struct printer *pr, int id, const char *event, double deadline, int *late)
{
	json_t *m;

	while ((m = next_message(pr, deadline, late))) {
		json_t *mid = json_object_get(m, "id");
		const char *method = json_string_value(json_object_get(m, "method"));
		if (id && json_is_integer(mid) && json_integer_value(mid) == id) {
			if (json_object_get(m, "error")) {
				json_decref(m);
				return NULL;
			}
			return m;
		}
		if (!id && method && !strcmp(method, event))
			return m;
		json_decref(m);
	}
	return NULL;
}

/* Sends a command and waits for its answer; the answer's result (a new
** reference), or NULL. */
static json_t *call(struct printer *pr, int session, const char *method, json_t *params, double deadline, int *late)
{
	int id = send_command(pr, session, method, params);
	json_t *m, *result;

	if (id < 0 || !(m = wait_for(pr, id, NULL, deadline, late)))
		return NULL;
	result = json_incref(json_object_get(m, "result"));
	json_decref(m);
	return result ? result : json_object();
}

/* Starts pr's browser: its pipes, a fresh profile and home, no session
** bus (as the one-shot print, reports.c), one page attached. Returns 0,
** or -1 (stopped again). */
static int start(struct printer *pr, const char *chromium, double deadline, int *late)
{
	const char *tmp = getenv("TMPDIR");
	char user_dir[4200], home[4200];
	char *argv[16], **envp;
	int cmd[2] = { -1, -1 }, ans[2] = { -1, -1 }, rc = -1;
	size_t k = 0;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	json_t *r;

	snprintf(pr->dir, sizeof pr->dir, "%s/echelon-printer-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(pr->dir)) {
		pr->dir[0] = '\0';
		return -1;
	}
	if (pipe2(cmd, O_CLOEXEC) != 0 || pipe2(ans, O_CLOEXEC) != 0) {
		for (int i = 0; i < 2; i++) {
			if (cmd[i] >= 0)
				close(cmd[i]);
			if (ans[i] >= 0)
				close(ans[i]);
		}
		stop(pr);
		return -1;
	}
	snprintf(user_dir, sizeof user_dir, "--user-data-dir=%s/profile", pr->dir);
	snprintf(home, sizeof home, "HOME=%s", pr->dir);
	k = app_chromium_argv(chromium, argv);
	argv[k++] = "--remote-debugging-pipe";
	argv[k++] = user_dir;
	argv[k++] = "about:blank";
	argv[k] = NULL;
	envp = app_chromium_env(home);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_adddup2(&fa, cmd[0], 3); /* dup2 leaves them open in the child */
	posix_spawn_file_actions_adddup2(&fa, ans[1], 4);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID); /* its own group: killed whole */
	if (posix_spawn(&pr->pid, chromium, &fa, &attr, argv, envp) != 0)
		pr->pid = 0;
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	free(envp);
	close(cmd[0]);
	close(ans[1]);
	pr->to = cmd[1], pr->from = ans[0];
	ec_buf_init(&pr->in, 0);
	pr->pages = 0;
	if (pr->pid > 0 &&
	    (r = call(pr, 0, "Target.createTarget", json_pack("{s:s}", "url", "about:blank"), deadline, late))) {
		json_t *target = json_incref(json_object_get(r, "targetId"));
		json_decref(r);
		r = json_is_string(target) ? call(pr, 0, "Target.attachToTarget",
						  json_pack("{s:O, s:b}", "targetId", target, "flatten", 1), deadline, late)
					   : NULL;
		json_decref(target);
		if (r && json_is_string(json_object_get(r, "sessionId"))) {
			snprintf(pr->session, sizeof pr->session, "%s", json_string_value(json_object_get(r, "sessionId")));
			json_decref(r);
			r = call(pr, 1, "Page.enable", NULL, deadline, late);
			rc = r ? 0 : -1;
		}
		json_decref(r);
	}
	if (rc != 0)
		stop(pr);
	return rc;
}

/* Standard base64 (with padding) appended to out as bytes. Returns 0, or
** -1 when it is not base64. */
static int base64_decode(const char *s, size_t n, struct ec_buf *out)
{
	unsigned acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n && s[i] != '='; i++) {
		int v = s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A'
		      : s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 26
		      : s[i] >= '0' && s[i] <= '9' ? s[i] - '0' + 52
		      : s[i] == '+' ? 62 : s[i] == '/' ? 63 : -1;
		if (v < 0)
			return -1;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (ec_buf_addc(out, (char)((acc >> bits) & 0xff)) != EC_OK)
				return -1;
		}
	}
	return 0;
}

/* One print on pr's running browser: the page written to a file of its
** directory, loaded, printed. Returns 0, or -1 with *reason. */
static int print_once(struct printer *pr, const char *html, size_t len, double deadline, struct ec_buf *out,
		      const char **reason)
{
	char page[4200], url[4300];
	FILE *f;
	json_t *r, *ev;
	int late = 0, ok;
	size_t before = out->len;

	snprintf(page, sizeof page, "%s/page-%d.html", pr->dir, ++pr->pages);
	if (!(f = fopen(page, "wb"))) {
		*reason = "no temporary directory";
		return -1;
	}
	ok = fwrite(html, 1, len, f) == len;
	if (fclose(f) != 0 || !ok) {
		remove(page);
		*reason = "no temporary directory";
		return -1;
	}
	snprintf(url, sizeof url, "file://%s", page);
	r = call(pr, 1, "Page.navigate", json_pack("{s:s}", "url", url), deadline, &late);
	ev = r ? wait_for(pr, 0, "Page.loadEventFired", deadline, &late) : NULL;
	json_decref(r);
	json_decref(ev);
	r = ev ? call(pr, 1, "Page.printToPDF",
		      json_pack("{s:b, s:b, s:b}", "preferCSSPageSize", 1, "printBackground", 1, "displayHeaderFooter", 0),
		      deadline, &late)
	       : NULL;
	remove(page);
	if (!r) {
		*reason = late ? "chromium took too long" : "chromium failed";
		return -1;
	}
	ok = json_is_string(json_object_get(r, "data")) &&
	     base64_decode(json_string_value(json_object_get(r, "data")), json_string_length(json_object_get(r, "data")),
			   out) == 0 &&
	     out->len - before > 5 && memcmp(out->data + before, "%PDF-", 5) == 0;
	json_decref(r);
	if (!ok) {
		out->len = before;
		*reason = "chromium wrote no PDF";
		return -1;
	}
	return 0;
}

void ec_app_report_printer_keep(int on)
{
	atomic_store(&keeping, on != 0);
	if (!on)
		for (int i = 0; i < EC_REPORT_RENDERS_MAX; i++) {
			pthread_mutex_lock(&printers[i].lock);
			stop(&printers[i]);
			pthread_mutex_unlock(&printers[i].lock);
		}
}

int app_printer_kept(void)
{
	return atomic_load(&keeping);
}

int app_kept_print(const char *chromium, const char *html, size_t len, double timeout_s, struct ec_buf *out,
		   const char **reason)
{
	double deadline = ec_seconds() + timeout_s;
	struct printer *pr = NULL;
	int rc = -1, late = 0;

	/* a free place: one exists, the prints at once being counted */
	while (!pr) {
		for (int i = 0; i < EC_REPORT_RENDERS_MAX && !pr; i++)
			if (pthread_mutex_trylock(&printers[i].lock) == 0)
				pr = &printers[i];
		if (!pr) {
			struct timespec pause = { 0, 5 * 1000000L };
			nanosleep(&pause, NULL);
		}
	}
	/* a browser running already may have died since: then once more, fresh */
	for (int attempt = 0; attempt < 2 && rc != 0; attempt++) {
		int was_running = pr->pid > 0;
		if (!was_running && start(pr, chromium, deadline, &late) != 0) {
			*reason = late ? "chromium took too long" : "chromium failed";
			break;
		}
		if ((rc = print_once(pr, html, len, deadline, out, reason)) != 0) {
			stop(pr);
			if (!was_running || ec_seconds() >= deadline)
				break;
		}
	}
	pthread_mutex_unlock(&pr->lock);
	return rc;
}
