#!/bin/sh
# bench/http/jobs.sh — the request path under long work: wrk on 127.0.0.1
# against GET /api/v1/health and a cached GET /api/v1/monitor?period=2020-06&by=area
# (signed in), first with the server idle, then while two full-size
# allocations (two analyst accounts) and a 200 000-row reports import (a
# third account) run as jobs; nginx serving the monitoring body as a static
# file is measured the same way, as the reference for what the machine
# itself allows. Rounds of idle and loaded windows are interleaved. Prints
# p50 and p99 of each window, the ratio loaded/idle, the load average at
# each step, the CPU the request and the job threads got, and whether the
# target holds: health and a cached monitoring answer within 10 ms p99
# while the jobs run.
#
#   bench/http/jobs.sh                          # 3 rounds, 10 s windows at 1 and 64 connections
#   ECHELON=/tmp/httpbuild/echelon bench/http/jobs.sh
#   ROUNDS=1 DURATION=5 CONNS=1 ALONE=0 bench/http/jobs.sh   # quick
#
# Environment:
#   ECHELON      the echelon binary (default build/echelon)
#   ENTERPRISES  enterprises of the demo database (default 60000: the smallest
#                demo with the largest project library the demo makes, 3 000
#                projects and 200 funds, min(N/20, 3000))
#   DB           the demo database (default bench/http/out/demo$ENTERPRISES.db,
#                made with `echelon demo generate` when absent). It is never
#                changed: the run works on a copy, bench/http/out/jobs/work.db
#   ROWS         rows of the reports CSV (default 200000)
#   DRY_RUN      1: import with ?dry_run=1 (no write transaction, no rebuild
#                of the monitoring cube); default 0, a real import
#   TIME_LIMIT   the allocation's time_limit_s (default 60)
#   ALONE        1 (default): first time one allocation and one import, each
#                alone on the idle server; 0 skips it
#   ROUNDS       rounds of idle then loaded windows (default 3)
#   CONNS        wrk connection counts, each a window (default "1 64": one
#                client, a health checker or one dashboard, which leaves the
#                server room; and run.sh's 64, which saturates the machine)
#   DURATION     seconds of each wrk window (default 10)
#   THREADS      echelon's --threads (default 2: the cores of this machine)
#   JOBS         echelon's --jobs (default 3: two allocations and the import
#                at once; the server's own default here is 2, which would
#                queue the import behind the allocations)
#   WRK_THREADS  wrk -t (default 2; at most the connections)
#   ALLOC_WAIT   seconds to wait for the allocations to end after a round's
#                loaded windows before cancelling them (default 300)
#   WORK         the load: "allocations import" (default), or one of them
#                alone, to tell their effects apart
#
# What "loaded" means: both allocations are submitted, then the import; the
# windows begin once the three jobs are running. The import account keeps
# one more import queued behind the running one while the windows last (a
# 200 000-row import takes seconds, an allocation a minute or more), so that
# an import, its write transaction or its rebuild of the monitoring cube is
# under way during every window. A poller reads every job's state once a
# second; afterwards the script says which share of each window had both
# allocations and an import running, and how many imports ended (each ending
# moves the data generation: the cached monitoring answer is dropped and
# recomputed). The first import stores the rows (periods after the demo's
# last month); later ones store the same rows again (upsert).
#
# p50 and p99 are wrk's, which corrects them for coordinated omission: a
# latency longer than the mean interval between requests on a connection
# also counts for the requests a steady client would have sent meanwhile, so
# at 1 connection one 100 ms pause in a 10 s window moves p99 to ms.
#
# Setup (bench/http/lib.sh, shared with run.sh and endpoints.sh): when wrk
# or nginx is missing and apt-get is usable (root), it runs
# `apt-get install -y wrk nginx` (Debian packages). Nothing else.
# Everything listens on 127.0.0.1 only; nginx gets its own configuration in
# bench/http/out/jobs/nginx/. Every step is bounded in time; the server,
# nginx and the poller are stopped on exit (trap).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
jd="$out/jobs"
ECHELON=${ECHELON:-$root/build/echelon}
ENTERPRISES=${ENTERPRISES:-60000}
DB=${DB:-$out/demo$ENTERPRISES.db}
ROWS=${ROWS:-200000}
DRY_RUN=${DRY_RUN:-0}
TIME_LIMIT=${TIME_LIMIT:-60}
ALONE=${ALONE:-1}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-1 64}
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
JOBS=${JOBS:-3}
WRK_THREADS=${WRK_THREADS:-2}
ALLOC_WAIT=${ALLOC_WAIT:-300}
WORK=${WORK:-allocations import}
QUERY='/api/v1/monitor?period=2020-06&by=area'
PASSWORD=bench-jobs-password
TARGET_MS=10
QUIET=0.25 # cores used by other processes above which a window is not on a quiet machine

die() { echo "bench/http/jobs: $*" >&2; exit 1; }
say() { echo "bench/http/jobs: $*" >&2; }

for c in $CONNS; do
	case "$c" in '' | *[!0-9]*) die "CONNS must be whole numbers" ;; esac
done
[ "$ROUNDS" -ge 1 ] || die "ROUNDS must be at least 1"
want_allocs=0 want_import=0
for w in $WORK; do
	case $w in allocations) want_allocs=2 ;; import) want_import=1 ;; *) die "WORK: allocations and/or import" ;; esac
done
[ $((want_allocs + want_import)) -gt 0 ] || die "WORK: allocations and/or import"
[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON (build it, or set ECHELON)"
. "$here/lib.sh"
bench_whole ENTERPRISES ROWS DRY_RUN TIME_LIMIT ALONE ROUNDS DURATION THREADS JOBS WRK_THREADS ALLOC_WAIT
bench_tools
command -v date >/dev/null 2>&1 || die "date is missing"

mkdir -p "$jd"
rm -f "$jd"/wrk-*.txt "$jd"/poll-*.txt "$jd"/jobs-*.txt "$jd"/stop-* "$jd"/results.txt "$jd"/coverage.txt
poller_pid=''
bench_before_stop() {
	if [ -n "$poller_pid" ]; then
		touch "$jd/stop-poll"
		# its curl first (an upload may be under way), then the poller
		# shellcheck disable=SC2013 # the file is one line of PIDs
		for p in $(cat "/proc/$poller_pid/task/$poller_pid/children" 2>/dev/null); do
			kill "$p" 2>/dev/null || true
		done
		kill "$poller_pid" 2>/dev/null || true
	fi
	poller_pid=''
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM HUP

now() { date +%s.%3N; }

# ---- the database, a working copy, the accounts ----

bench_demo_db "$DB" "$ENTERPRISES"
work="$jd/work.db"
rm -f "$work" "$work-wal" "$work-shm"
cp "$DB" "$work"
[ -f "$DB-wal" ] && cp "$DB-wal" "$work-wal"
for n in 1 2 3; do bench_account "$work" "bench-jobs$n" analyst "$PASSWORD"; done

# ---- echelon ----

bench_serve "$work" "$jd" --threads "$THREADS" --jobs "$JOBS"

jstr() { bench_jstr "$@"; }

# the accounts signed in: cookies in $jd/cookies-N, the CSRF token in $jd/csrf-N
for n in 1 2 3; do
	csrf=$(bench_sign_in "bench-jobs$n" "$PASSWORD" "$jd/cookies-$n")
	echo "$csrf" >"$jd/csrf-$n"
done
cookie=$(bench_cookie "$jd/cookies-1")

# post N PATH TYPE BODYFILE: a job from account N; prints the job's id
post() {
	code=$(curl -s -m 120 -o "$jd/post.json" -w '%{http_code}' -b "$jd/cookies-$1" -H "X-CSRF-Token: $(cat "$jd/csrf-$1")" \
		-H "Content-Type: $3" --data-binary "@$4" "$base$2") || code=000
	[ "$code" = 202 ] || { say "POST $2 answered $code: $(head -c 300 "$jd/post.json")"; return 1; }
	jstr "$(cat "$jd/post.json")" id
}
import_path=/api/v1/import/reports
[ "$DRY_RUN" = 1 ] && import_path="$import_path?dry_run=1"
submit_alloc() { post "$1" /api/v1/allocation application/json "$jd/allocation.json"; }
submit_import() { post "$1" "$import_path" text/csv "$jd/reports.csv"; }
# job N ID: the job's JSON as account N sees it
job() { curl -s -m 10 -b "$jd/cookies-$1" "$base/api/v1/jobs/$2" || true; }
cancel() { curl -s -m 10 -o /dev/null -X DELETE -b "$jd/cookies-$1" -H "X-CSRF-Token: $(cat "$jd/csrf-$1")" "$base/api/v1/jobs/$2" || true; }
# wait_job N ID SECONDS: waits until the job has ended; prints its JSON
wait_job() {
	t_end=$(($(date +%s) + $3))
	while :; do
		answer=$(job "$1" "$2")
		case $(jstr "$answer" state) in done | failed | cancelled) break ;; esac
		[ "$(date +%s)" -lt "$t_end" ] || break
		sleep 0.5
	done
	printf '%s' "$answer"
}

# The allocation: the latest month, its default objective, the time limit.
printf '{"time_limit_s": %s}\n' "$TIME_LIMIT" >"$jd/allocation.json"

# The reports CSV: ROWS rows for the enterprises that reported in the last
# month, in the months after it (not in the database yet), from an export.
periods=$(curl -sf -m 30 -H "$cookie" "$base/api/v1/monitor/periods") || die "GET /api/v1/monitor/periods failed"
last=$(jstr "$periods" last)
[ -n "$last" ] || die "no last period: $periods"
timeout 300 "$ECHELON" export reports --db "$work" --from "$last" --to "$last" >"$jd/last-month.csv" ||
	die "echelon export reports failed"
awk -F, -v OFS=, -v rows="$ROWS" -v y="${last%-*}" -v m="${last#*-}" '
	NR == 1 { print; next }
	{ src[++n] = $0 }
	END {
		if (n == 0) exit 1
		for (i = 0; i < rows; i++) {
			split(src[i % n + 1], f, ",")
			k = (m + 0) + int(i / n) # months after the last one, 0-based from January
			f[2] = sprintf("%04d-%02d", y + int(k / 12), k % 12 + 1)
			line = f[1]
			for (j = 2; j <= 10; j++) line = line "," f[j]
			print line
		}
	}' "$jd/last-month.csv" >"$jd/reports.csv" || die "could not make the reports CSV"
csv_rows=$(($(wc -l <"$jd/reports.csv") - 1))
csv_periods=$(awk -F, 'NR > 1 { p[$2] = 1 } END { for (k in p) print k }' "$jd/reports.csv" | sort | sed -n '1p;$p' | tr '\n' ' ')

# The monitoring answer, cached by the server and saved for nginx.
mkdir -p "$jd/www/api/v1"
code=$(curl -s -m 30 -o "$jd/www/api/v1/monitor.json" -w '%{http_code}' -H "$cookie" "$base$QUERY")
[ "$code" = 200 ] || die "GET $QUERY answered $code: $(head -c 300 "$jd/www/api/v1/monitor.json")"
body_bytes=$(wc -c <"$jd/www/api/v1/monitor.json")

# ---- nginx, serving the same body at the same URL (as run.sh) ----

echo "$QUERY api/v1/monitor.json" >"$jd/nginx-routes.txt"
bench_nginx "$jd/nginx" "$jd/www" "$jd/nginx-routes.txt"

# ---- measuring ----

field() { # field FILE WHAT
	case $2 in
	rps) printf '%.0f' "$(wrk_field "$1" rps)" ;;
	*) wrk_field "$1" "$2" ;;
	esac
}
# cpu: CPU time in clock ticks: the machine's busy time (all but idle and
# iowait) and its nice time; echelon's request and other nice-0 threads, and
# the rest of echelon's (its job threads, at idle priority, and the threads they
# start); the time echelon's nice-0 threads waited on a run queue, ready but
# not running (µs, /proc/.../schedstat); nginx (master and workers) and the
# time they waited so; the poller with its children; and this shell's
# finished children (wrk: nothing else ends in this shell during a window)
cpu() {
	awk '$1 == "cpu" { printf "%d %d ", $2 + $3 + $4 + $7 + $8 + $9, $3 }' /proc/stat
	# The process's own counters include its threads that have ended (an
	# import's hashing thread, say): what is not a live request thread's is
	# the jobs'. A request thread runs at nice 0 under SCHED_OTHER; the job
	# threads run under SCHED_IDLE (policy 5), or at nice 10 where that is
	# refused, and a thread a job starts inherits either.
	awk -v main="/proc/$server_pid/stat" '
		FILENAME == main { sub(/^[0-9]+ \([^)]*\) /, ""); all = $12 + $13; next }
		FNR == 1 { t = FILENAME; sub(/\/[a-z]*$/, "", t) }
		FILENAME ~ /\/stat$/ { line = $0; sub(/^[0-9]+ \([^)]*\) /, "", line); split(line, f, " "); nice[t] = f[17]; policy[t] = f[39]; ticks[t] = f[12] + f[13] }
		FILENAME ~ /\/schedstat$/ { wait[t] = $2 }
		END { for (t in ticks) if (nice[t] == 0 && policy[t] != 5) { r += ticks[t]; w += wait[t] }
		      printf "%d %d %.0f ", r, all - r, w / 1000 }' /proc/"$server_pid"/stat /proc/"$server_pid"/task/*/stat /proc/"$server_pid"/task/*/schedstat 2>/dev/null
	for p in $nginx_pid $(cat "/proc/$nginx_pid/task/$nginx_pid/children" 2>/dev/null); do
		echo "$(cat "/proc/$p/stat" 2>/dev/null) $(cut -d' ' -f2 "/proc/$p/schedstat" 2>/dev/null)"
	done | awk '{ w += $NF; sub(/^[0-9]+ \([^)]*\) /, ""); t += $12 + $13 } END { printf "%d %.0f ", t, w / 1000 }'
	# the poller with its children (curl), when it runs
	if [ -n "$poller_pid" ]; then
		awk '{ sub(/^[0-9]+ \([^)]*\) /, ""); printf "%d ", $12 + $13 + $14 + $15 }' "/proc/$poller_pid/stat" 2>/dev/null || printf '0 '
	else
		printf '0 '
	fi
	# `times` ran in this shell, just before (not here: $(cpu) is a subshell)
	awk -v hz="$hz" 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz + 0.5 }' "$jd/times.txt"
}

ncores=$(nproc)
hz=$(getconf CLK_TCK)
echo "bench/http/jobs: this machine has $ncores cores, shared by wrk, echelon (its request and job threads), nginx and anything else running; load average at start: $(loadavg)"
echo "bench/http/jobs: echelon $ECHELON --threads $THREADS --jobs $JOBS on a copy of $DB; monitoring body $body_bytes bytes; nginx $("$NGINX" -v 2>&1 | sed 's|.*/||') with 2 workers"
echo "bench/http/jobs: reports CSV $csv_rows rows, periods ${csv_periods% } ($(($(wc -c <"$jd/reports.csv") / 1024)) KiB)$([ "$DRY_RUN" = 1 ] && echo ', imported with dry_run=1 (nothing stored)' || echo ', imported for real (stored, then the monitoring cube rebuilt)')"
echo "bench/http/jobs: CPU columns are cores used on average during the window: busy (the whole machine), echelon's request threads, its job threads (idle priority), wrk, nginx, this script's job poller (with its curl), and the rest (other users' processes, kernel threads)"

# window ROUND PHASE NAME URL CONNS [-H HEADER]: one wrk run; appends a line
# to results.txt: round phase name conns rps p50 p99 max errors load1 t0 t1
# busy_cores nice_cores echelon_request_cores echelon_job_cores wrk_cores
# nginx_cores other_cores, the ms per s the server measured (echelon's
# nice-0 threads, or nginx's processes) waited for a CPU, and poller_cores
window() {
	round=$1 phase=$2 name=$3 url=$4 c=$5
	shift 5
	f="$jd/wrk-r$round-$phase-$name-c$c.txt"
	l1=$(load1)
	times >"$jd/times.txt"
	before=$(cpu)
	t0=$(now)
	wt=$WRK_THREADS
	[ "$c" -lt "$wt" ] && wt=$c
	timeout $((DURATION + 60)) wrk -t"$wt" -c"$c" -d"${DURATION}s" --latency "$@" "$url" >"$f" ||
		die "wrk failed: $(cat "$f")"
	t1=$(now)
	times >"$jd/times.txt"
	after=$(cpu)
	echo "$before $after" | awk -v hz="$hz" -v t0="$t0" -v t1="$t1" \
		-v pre="$round $phase $name $c $(field "$f" rps) $(field "$f" p50) $(field "$f" p99) $(field "$f" max) $(field "$f" errors) $l1 $t0 $t1" \
		-v server="$name" \
		'{ s = t1 - t0; d = s * hz; for (i = 1; i <= 9; i++) v[i] = ($(i + 9) - $i) / d
		   wait_ms = (server == "nginx" ? $16 - $7 : $14 - $5) / 1000 / s
		   printf "%s %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.0f %.2f\n", pre, v[1], v[2], v[3], v[4], v[9], v[6], v[1] - v[3] - v[4] - v[6] - v[8] - v[9], wait_ms, v[8] }' >>"$jd/results.txt"
	tail -n 1 "$jd/results.txt" | awk '{ printf "  %-7s %-7s c%-4s %7s req/s  p50 %6s ms  p99 %7s ms  max %7s ms  errors %s  load %-5s CPU: busy %s, requests %s, jobs %s, wrk %s, nginx %s, poller %s, rest %s; the server waited %s ms/s for a CPU\n", $2, $3, $4, $5, $6, $7, $8, $9, $10, $13, $15, $16, $17, $18, $21, $19, $20 }'
}
# windows ROUND PHASE: every window of a phase
windows() {
	for c in $CONNS; do
		window "$1" "$2" health "$base/api/v1/health" "$c"
		# The monitoring answer is cached before each window (an import that
		# ended drops it).
		curl -s -m 30 -o /dev/null -H "$cookie" "$base$QUERY" || true
		window "$1" "$2" monitor "$base$QUERY" "$c" -H "$cookie"
		window "$1" "$2" nginx "$nbase$QUERY" "$c"
	done
}

# poll ROUND: every second, the state of each job of the round (lines "t
# job N ID KIND STATE") and a summary (lines "t S ALLOCATIONS_RUNNING
# IMPORTS_RUNNING"); while $jd/stop-feed is absent, keeps an import queued
# behind the running one. Ends when $jd/stop-poll appears. One curl a second
# asks for every job still under way (curl --next, each with its account's
# cookies): a curl costs some 30 ms of CPU here, and the poller's CPU is
# shown in each window's line.
poll() {
	list="$jd/jobs-r$1.txt" log="$jd/poll-r$1.txt" ended=' '
	while [ ! -f "$jd/stop-poll" ]; do
		t=$(now) na=0 ni=0 pending=0
		set --
		asked=
		while read -r n id kind; do
			case $ended in *" $id "*) continue ;; esac
			[ $# -gt 0 ] && set -- "$@" --next
			set -- "$@" -s -m 10 -w '\n' -b "$jd/cookies-$n" "$base/api/v1/jobs/$id"
			asked="$asked$n $id $kind
"
		done <"$list"
		if [ $# -gt 0 ]; then
			curl "$@" >"$jd/poll.json" 2>/dev/null || true
			printf '%s' "$asked" >"$jd/poll.asked"
			# one answer a line, in the order asked
			exec 3<"$jd/poll.json"
			while read -r n id kind; do
				read -r answer <&3 || answer=
				case $answer in
				*'"state":"'*)
					st=${answer#*\"state\":\"}
					st=${st%%\"*}
					;;
				*) st=unknown ;;
				esac
				echo "$t job $n $id $kind $st" >>"$log"
				case $st in done | failed | cancelled) ended="$ended$id " ;; esac
				[ "$st" = running ] && { [ "$kind" = allocation ] && na=$((na + 1)) || ni=$((ni + 1)); }
				[ "$kind" = import ] && { [ "$st" = running ] || [ "$st" = queued ]; } && pending=$((pending + 1))
			done <"$jd/poll.asked"
			exec 3<&-
		fi
		echo "$t S $na $ni" >>"$log"
		if [ ! -f "$jd/stop-feed" ] && [ $pending -lt 2 ]; then
			if id=$(submit_import 3); then echo "3 $id import" >>"$list"; fi
		fi
		sleep 1
	done
}

# ---- each job alone, on the idle server ----

alone_alloc='' alone_import=''
if [ "$ALONE" = 1 ]; then
	echo
	echo "each job alone (load average $(loadavg)):"
	t0=$(now)
	id=$(submit_alloc 1) || die "could not start the allocation"
	answer=$(wait_job 1 "$id" $((TIME_LIMIT * 5 + 300)))
	alone_alloc=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
	echo "  allocation (time_limit_s $TIME_LIMIT): $(jstr "$answer" state) after $alone_alloc s: $(jstr "$answer" status)"
	t0=$(now)
	id=$(submit_import 3) || die "could not start the import"
	answer=$(wait_job 3 "$id" 600)
	alone_import=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
	echo "  import of $csv_rows rows: $(jstr "$answer" state) after $alone_import s (posting, storing$([ "$DRY_RUN" = 1 ] || echo ', rebuilding the cube'))"
	echo "  load average after: $(loadavg)"
fi

# ---- the rounds ----

# Warm-up, not measured.
timeout 30 wrk -t1 -c4 -d2s "$base/api/v1/health" >/dev/null
timeout 30 wrk -t1 -c4 -d2s -H "$cookie" "$base$QUERY" >/dev/null
timeout 30 wrk -t1 -c4 -d2s "$nbase$QUERY" >/dev/null

r=1
while [ $r -le "$ROUNDS" ]; do
	echo
	echo "round $r, idle (load average $(loadavg)):"
	windows $r idle

	echo "round $r, loaded: starting $WORK (load average $(loadavg))"
	rm -f "$jd/stop-poll" "$jd/stop-feed"
	list="$jd/jobs-r$r.txt"
	: >"$list"
	a1='' a2=''
	if [ $want_allocs = 2 ]; then
		a1=$(submit_alloc 1) || die "could not start allocation 1"
		a2=$(submit_alloc 2) || die "could not start allocation 2"
		printf '1 %s allocation\n2 %s allocation\n' "$a1" "$a2" >>"$list"
	fi
	if [ $want_import = 1 ]; then
		im=$(submit_import 3) || die "could not start the import"
		printf '3 %s import\n' "$im" >>"$list"
	else
		touch "$jd/stop-feed"
	fi
	poll $r &
	poller_pid=$!
	i=0
	until grep ' S ' "$jd/poll-r$r.txt" 2>/dev/null | tail -n 1 | awk -v a=$want_allocs -v i=$want_import '$3 == a && $4 >= i { ok = 1 } END { exit !ok }'; do
		[ $i -lt 600 ] || die "the jobs were not all running within 120 s: $(tail -n 4 "$jd/poll-r$r.txt")"
		sleep 0.2
		i=$((i + 1))
	done
	echo "  all running after $(awk -v a="$(head -n 1 "$jd/poll-r$r.txt" | cut -d' ' -f1)" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s (load average $(loadavg))"
	windows $r loaded
	touch "$jd/stop-feed"
	t_windows_end=$(now)
	# Imports still queued or running are cancelled (a running one within
	# 4 096 rows, storing nothing); the allocations are waited for.
	while read -r n id kind; do
		[ "$kind" = import ] || continue
		case $(jstr "$(job "$n" "$id")" state) in queued | running) cancel "$n" "$id" ;; esac
	done <"$list"
	for n in 1 2; do
		eval "id=\$a$n"
		[ -n "$id" ] || continue
		answer=$(wait_job $n "$id" "$ALLOC_WAIT")
		case $(jstr "$answer" state) in
		done | failed | cancelled) ;;
		*) say "allocation $n still $(jstr "$answer" state) after $ALLOC_WAIT s: cancelled"; cancel $n "$id" ;;
		esac
	done
	# The poller records every job's end before it stops (10 s at most).
	i=0
	while [ $i -lt 20 ] && [ "$(grep -c ' job .* \(done\|failed\|cancelled\)$' "$jd/poll-r$r.txt")" -lt "$(wc -l <"$list")" ]; do
		sleep 0.5
		i=$((i + 1))
	done
	touch "$jd/stop-poll"
	wait "$poller_pid" 2>/dev/null || true
	poller_pid=
	# What ran during each loaded window, from the poller's samples.
	awk -v r=$r -v wend="$t_windows_end" '
		FNR == NR { if ($1 == r && $2 == "loaded") { n++; name[n] = $3 " c" $4; a[n] = $11; b[n] = $12 } next }
		$2 == "S" { for (i = 1; i <= n; i++) if ($1 >= a[i] && $1 <= b[i]) { s[i]++; if ($3 == 2) al[i]++; if ($4 >= 1) im[i]++ } }
		$2 == "job" { st[$4] = $6; kind[$4] = $5; if ($6 != "running" && $6 != "queued" && !($4 in end)) end[$4] = $1 }
		END {
			for (i = 1; i <= n; i++) {
				ended = 0
				for (id in end) if (kind[id] == "import" && end[id] >= a[i] && end[id] <= b[i]) ended++
				printf "%s %s %d %d %d %d\n", r, name[i], s[i], al[i], im[i], ended
			}
			for (id in end) if (kind[id] == "allocation") printf "alloc %s %s %.1f\n", r, id, end[id] - wend
		}' "$jd/results.txt" "$jd/poll-r$r.txt" >>"$jd/coverage.txt"
	echo "  during the loaded windows (poller samples): window, samples, with both allocations running, with an import running, imports ended in it"
	awk -v r=$r '$1 == r { printf "    %-7s %-4s %4d samples: allocations %3.0f%%, import %3.0f%%, imports ended %d\n", $2, $3, $4, ($4 ? 100 * $5 / $4 : 0), ($4 ? 100 * $6 / $4 : 0), $7 }' "$jd/coverage.txt"
	for n in 1 2; do
		eval "id=\$a$n"
		[ -n "$id" ] || continue
		answer=$(job $n "$id")
		echo "  allocation $n: $(jstr "$answer" state), started $(jstr "$answer" started_at), finished $(jstr "$answer" finished_at), $(awk -v r=$r -v id="$id" '$1 == "alloc" && $2 == r && $3 == id { printf "%+.1f s after the last window ended", $4 }' "$jd/coverage.txt")"
	done
	nimports=$(awk '$3 == "import"' "$list" | wc -l)
	echo "  imports submitted: $nimports; load average $(loadavg)"
	r=$((r + 1))
done

# ---- summary ----

echo
echo "summary: median over $ROUNDS rounds (p50 / p99 ms; ratio loaded/idle of the medians); the machine has $ncores cores"
printf '%-8s %-6s %10s %10s %10s %10s %12s %12s %10s %10s\n' target conns idle_p50 idle_p99 load_p50 load_p99 p99_ratio worst_load_p99 idle_rps load_rps
for c in $CONNS; do
	for name in health monitor nginx; do
		awk -v c="$c" -v name="$name" '
			function median(v, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t } return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2 }
			$3 == name && $4 == c { if ($2 == "idle") { ni++; ip50[ni] = $6; ip99[ni] = $7; irps[ni] = $5 } else { nl++; lp50[nl] = $6; lp99[nl] = $7; lrps[nl] = $5; if ($7 > worst) worst = $7 } }
			END {
				a = median(ip50, ni); b = median(ip99, ni); x = median(lp50, nl); y = median(lp99, nl)
				printf "%-8s %-6s %10.2f %10.2f %10.2f %10.2f %11.2fx %12.2f %10d %10d\n", name, c, a, b, x, y, (b > 0 ? y / b : 0), worst, median(irps, ni), median(lrps, nl)
			}' "$jd/results.txt"
	done
done
echo
echo "CPU, mean cores over the windows of each phase (of $ncores): busy / echelon requests / echelon jobs (nice 10) / wrk / nginx / rest; ms per s the server measured waited for a CPU, ready to run (echelon's nice-0 threads, nginx's processes); load average (1 min) at the windows' starts"
awk '{ k = $2; n[k]++; for (i = 13; i <= 19; i++) v[k, i] += $i; if ($3 != "nginx") { ne[k]++; w[k] += $20 } else { nn[k]++; wn[k] += $20 }
	if (!(k in lo) || $10 < lo[k]) lo[k] = $10; if ($10 > hi[k]) hi[k] = $10 }
	END { for (k in n) printf "  %-7s %.2f / %.2f / %.2f / %.2f / %.2f / %.2f; waited: echelon %.0f ms/s, nginx %.0f ms/s; load %s-%s\n", k, v[k, 13] / n[k], v[k, 15] / n[k], v[k, 16] / n[k], v[k, 17] / n[k], v[k, 18] / n[k], v[k, 19] / n[k], (ne[k] ? w[k] / ne[k] : 0), (nn[k] ? wn[k] / nn[k] : 0), lo[k], hi[k] }' "$jd/results.txt" | sort
awk -v q="$QUIET" '{ n[$2]++; if ($19 > q) busy[$2]++ } END { printf "windows where other processes (not wrk, echelon, nginx or the poller) used more than %s cores: idle %d of %d, loaded %d of %d%s\n", q, busy["idle"], n["idle"], busy["loaded"], n["loaded"], (busy["idle"] + busy["loaded"] ? ": there the figures show the machine more than echelon" : "") }' "$jd/results.txt"
echo
for c in $CONNS; do
	verdict=$(awk -v c="$c" -v t=$TARGET_MS '$2 == "loaded" && $4 == c && ($3 == "health" || $3 == "monitor") { n++; if ($7 < t) ok++ } END { printf "%d of %d loaded windows", ok, n; exit !(ok == n) }' "$jd/results.txt") &&
		echo "target (health and cached monitoring p99 < $TARGET_MS ms while the jobs run) at $c connections: met ($verdict)" ||
		echo "target (health and cached monitoring p99 < $TARGET_MS ms while the jobs run) at $c connections: NOT met (under $TARGET_MS ms in $verdict)"
done
if [ $want_allocs = 2 ]; then
	short=$(awk '$1 == "alloc" && $4 < 0' "$jd/coverage.txt" | wc -l)
	if [ "$short" -eq 0 ]; then
		echo "every allocation was still running when the last loaded window of its round ended"
	else
		echo "WARNING: $short allocation(s) ended before the last loaded window of their round ended: see the coverage lines above"
	fi
fi
[ -n "$alone_alloc" ] && echo "alone on the idle server: one allocation $alone_alloc s (time_limit_s $TIME_LIMIT), one $csv_rows-row import $alone_import s"
echo "raw: $jd/results.txt (round phase target conns req/s p50 p99 max errors load1 t0 t1, then cores: busy nice echelon_requests echelon_jobs wrk nginx rest, then ms per s the server measured waited for a CPU, then poller cores), wrk-*.txt, poll-r*.txt, coverage.txt"
