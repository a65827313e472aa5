#!/bin/sh
# bench/http/run.sh — wrk on 127.0.0.1 against echelon's monitoring endpoint
# (GET /api/v1/monitor?period=2020-06&by=area, signed in as an analyst) on the
# demo database, and against nginx serving the same JSON body as a static
# file at the same path, in one run. Prints requests/s, p50 and p99 of both
# and the ratio echelon/nginx, then a long run against echelon at more
# connections with its errors and the server's RSS sampled every 5 s.
#
#   bench/http/run.sh                        # 20 s at 64 connections, 60 s at 256
#   ECHELON=/tmp/httpbuild/echelon bench/http/run.sh
#   DURATION=10 LONG=0 bench/http/run.sh     # quick: no long run
#
# Environment:
#   ECHELON      the echelon binary (default build/echelon)
#   DB           the database (default bench/http/out/demo.db, made when
#                absent with `echelon demo generate`: 50 000 enterprises,
#                2018-01..2021-12, the database of `make demo`)
#   THREADS      echelon's --threads (default 2)
#   CONNS        connections of the comparison (default 64)
#   DURATION     seconds of each comparison run (default 20)
#   LONG_CONNS   connections of the long run (default 256)
#   LONG         seconds of the long run against echelon (default 60; 0 skips)
#   WRK_THREADS  wrk -t (default 2)
#
# Setup (bench/http/lib.sh, shared with jobs.sh and endpoints.sh): when wrk
# or nginx is missing and apt-get is usable (root), it runs
# `apt-get install -y wrk nginx` (Debian packages). Nothing else.
# nginx runs with its own configuration written to bench/http/out/nginx/
# (2 workers, access_log off, listening on a free loopback port), never the
# system one. Everything listens on 127.0.0.1 only. Every step is bounded in
# time; the server, nginx and the RSS sampler are stopped on exit (trap).
#
# Fairness notes: nginx sends the same security headers as echelon, so both
# answers have about the same size on the wire, and keepalive_requests is
# raised so that nginx, like echelon, never closes a keep-alive connection
# during the run. wrk, nginx and echelon share the same cores: on a
# 2-core machine the client takes a large part of the CPU of both servers.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
ECHELON=${ECHELON:-$root/build/echelon}
DB=${DB:-$out/demo.db}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64}
DURATION=${DURATION:-20}
LONG_CONNS=${LONG_CONNS:-256}
LONG=${LONG:-60}
WRK_THREADS=${WRK_THREADS:-2}
QUERY='/api/v1/monitor?period=2020-06&by=area'
USER_NAME=bench
PASSWORD=bench-password

die() { echo "bench/http: $*" >&2; exit 1; }
say() { echo "bench/http: $*" >&2; }

. "$here/lib.sh"
bench_whole THREADS CONNS DURATION LONG_CONNS LONG WRK_THREADS
[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON (build it, or set ECHELON)"
bench_tools

mkdir -p "$out"
sampler_pid=''
bench_before_stop() {
	if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; fi
	sampler_pid=''
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---- the database and the account ----

bench_demo_db "$DB"
bench_account "$DB" "$USER_NAME" analyst "$PASSWORD"

# ---- echelon ----

bench_serve "$DB" "$out" --threads "$THREADS"
bench_sign_in "$USER_NAME" "$PASSWORD" "$out/cookies" >/dev/null
cookie=$(bench_cookie "$out/cookies")

mkdir -p "$out/www/api/v1"
code=$(curl -s -m 30 -o "$out/www/api/v1/monitor.json" -w '%{http_code}' -H "$cookie" "$base$QUERY")
[ "$code" = 200 ] || die "GET $QUERY answered $code: $(head -c 300 "$out/www/api/v1/monitor.json")"
body_bytes=$(wc -c <"$out/www/api/v1/monitor.json")

# ---- nginx, serving the same body at the same URL ----

echo "$QUERY api/v1/monitor.json" >"$out/nginx-routes.txt"
bench_nginx "$out/nginx" "$out/www" "$out/nginx-routes.txt"

# ---- wrk ----

# the processes of server NAME: echelon's, or nginx's master and workers
pids_of() {
	if [ "$1" = nginx ]; then nginx_pids; else echo "$server_pid"; fi
}
# run NAME URL CONNS SECONDS [-H HEADER]: wrk into $out/wrk-NAME.txt, and
# the server's CPU time during the run (clock ticks) into $out/cpu-NAME.txt
run_wrk() {
	name=$1 url=$2 c=$3 d=$4
	shift 4
	server=${name%%-*}
	[ "$server" = long ] && server=echelon
	pids=$(pids_of "$server")
	# shellcheck disable=SC2086
	before=$(cpu_ticks $pids)
	shown=
	[ $# -eq 2 ] && shown="$1 '$(echo "$2" | sed 's/=\(........\)[0-9a-f]*$/=\1…/')' "
	echo "\$ wrk -t$WRK_THREADS -c$c -d${d}s --latency $shown'$url'"
	timeout $((d + 60)) wrk -t"$WRK_THREADS" -c"$c" -d"${d}s" --latency "$@" "$url" >"$out/wrk-$name.txt" ||
		die "wrk failed: $(cat "$out/wrk-$name.txt")"
	# shellcheck disable=SC2086
	echo $(($(cpu_ticks $pids) - before)) >"$out/cpu-$name.txt"
}
# us_per_request NAME: the server's CPU time per answered request, in µs
us_per_request() {
	awk -v t="$(cat "$out/cpu-$1.txt")" -v hz="$(getconf CLK_TCK)" -v n="$(field "$1" requests)" \
		'BEGIN { printf "%.1f", t / hz * 1e6 / n }'
}
field() { wrk_field "$out/wrk-$1.txt" "$2"; } # field NAME WHAT

echo "bench/http: $(nproc) cores shared by wrk, echelon and nginx; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench/http: echelon $ECHELON --threads $THREADS on $DB; body $body_bytes bytes; nginx $("$NGINX" -v 2>&1 | sed 's|.*/||') with 2 workers"

# A short warm-up of both, not measured.
timeout 30 wrk -t1 -c4 -d2s -H "$cookie" "$base$QUERY" >/dev/null
timeout 30 wrk -t1 -c4 -d2s "$nbase$QUERY" >/dev/null

run_wrk echelon "$base$QUERY" "$CONNS" "$DURATION" -H "$cookie"
run_wrk nginx "$nbase$QUERY" "$CONNS" "$DURATION"

e_rps=$(field echelon rps) n_rps=$(field nginx rps)
e_p99=$(field echelon p99)
echo
printf '%-8s %12s %10s %10s %10s %14s %s\n' server requests/s p50_ms p99_ms errors cpu_us/request "(wrk -t$WRK_THREADS -c$CONNS -d${DURATION}s)"
for s in echelon nginx; do
	printf '%-8s %12s %10s %10s %10s %14s\n' "$s" "$(field $s rps)" "$(field $s p50)" "$(field $s p99)" \
		"$(($(field $s socket_total) + $(field $s non2xx)))" "$(us_per_request $s)"
done
ratio=$(awk -v a="$e_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", a / b }')
p99_ratio=$(awk -v a="$e_p99" -v b="$(field nginx p99)" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
cpu_ratio=$(awk -v a="$(us_per_request echelon)" -v b="$(us_per_request nginx)" 'BEGIN { printf "%.2f", a / b }')
echo "ratio echelon/nginx: requests/s ${ratio}x, p99 ${p99_ratio}x, server CPU per request ${cpu_ratio}x"
goal1=$(awk -v r="$ratio" -v p="$e_p99" 'BEGIN { print (r >= 0.8 && p < 10) ? "met" : "NOT met" }')
echo "goal (>= 0.80x nginx's requests/s, p99 < 10 ms at $CONNS connections): $goal1"

# ---- the long run, with the server's RSS every 5 s ----

[ "$LONG" -gt 0 ] || exit 0
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status"; }
: >"$out/rss.txt"
(
	t=0
	while [ $t -le "$LONG" ] && kill -0 "$server_pid" 2>/dev/null; do
		echo "$t $(rss_kib)" >>"$out/rss.txt"
		sleep 5
		t=$((t + 5))
	done
) &
sampler_pid=$!
echo
run_wrk long "$base$QUERY" "$LONG_CONNS" "$LONG" -H "$cookie"
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=
rss_after=$(rss_kib)

echo "long run against echelon (wrk -t$WRK_THREADS -c$LONG_CONNS -d${LONG}s):"
echo "  $(field long requests) requests, $(field long rps) requests/s, p50 $(field long p50) ms, p99 $(field long p99) ms, server CPU $(us_per_request long) µs/request"
sock=$(field long socket)
echo "  socket errors: ${sock:-none}; non-2xx answers: $(field long non2xx)"
printf '  RSS every 5 s (MiB):'
awk '{ printf " %.1f", $2 / 1024 }' "$out/rss.txt"
echo
# The sample at 0 s is the idle server; from 5 s on the 256 connections are
# open. Flat: the last sample minus the one at 5 s.
idle=$(awk 'NR == 1 { print $2 }' "$out/rss.txt")
first=$(awk 'NR == 2 { print $2 }' "$out/rss.txt")
last=$(awk 'END { print $2 }' "$out/rss.txt")
growth=$(awk -v a="$first" -v b="$last" 'BEGIN { printf "%.1f", (b - a) / 1024 }')
echo "  RSS under load, last - first (${LONG} s vs 5 s): $growth MiB; last - idle: $(awk -v a="$idle" -v b="$last" 'BEGIN { printf "%.1f", (b - a) / 1024 }') MiB; after the run: $(awk -v b="$rss_after" 'BEGIN { printf "%.1f", b / 1024 }') MiB"
errors=$(($(field long socket_total) + $(field long non2xx)))
goal2=$(awk -v e="$errors" -v g="$growth" 'BEGIN { print (e == 0 && g < 4 && g > -4) ? "met" : "NOT met" }')
echo "goal (zero errors and flat memory, within 4 MiB under load, over ${LONG} s at $LONG_CONNS connections): $goal2"
