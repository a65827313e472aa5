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
#                absent with `echelon demo generate` (50 000 enterprises,
#                2018-01..2021-12); if that fails, with `echelon init` and
#                `echelon import` of data/examples/*.csv)
#   THREADS      echelon's --threads (default 2)
#   CONNS        connections of the comparison (default 64)
#   DURATION     seconds of each comparison run (default 20)
#   LONG_CONNS   connections of the long run (default 256)
#   LONG         seconds of the long run against echelon (default 60; 0 skips)
#   WRK_THREADS  wrk -t (default 2)
#
# Installs: when wrk or nginx is missing and apt-get is usable (root), it
# runs `apt-get install -y wrk nginx` (Debian packages). Nothing else.
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

val=
for v in THREADS CONNS DURATION LONG_CONNS LONG WRK_THREADS; do
	eval "val=\$$v"
	case "$val" in '' | *[!0-9]*) die "$v must be a whole number" ;; esac
done
[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON (build it, or set ECHELON)"
for tool in curl awk sed; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
NGINX=$(command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
if ! command -v wrk >/dev/null 2>&1 || [ -z "$NGINX" ]; then
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		die "wrk or nginx is missing: apt-get install wrk nginx"
	fi
	say "installing wrk and nginx (apt-get install -y wrk nginx)"
	timeout 600 apt-get install -y wrk nginx >/dev/null 2>&1 ||
		{ timeout 300 apt-get update >/dev/null 2>&1 && timeout 600 apt-get install -y wrk nginx >/dev/null; } ||
		die "apt-get install wrk nginx failed"
	NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
fi

mkdir -p "$out"
server_pid='' nginx_pid='' sampler_pid=''
cleanup() {
	if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; fi
	if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; fi
	if [ -n "$server_pid" ]; then
		kill "$server_pid" 2>/dev/null || true
		# echelon finishes requests in flight (10 s at most), then exits.
		i=0
		while kill -0 "$server_pid" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$server_pid" 2>/dev/null || true
	fi
	server_pid='' nginx_pid='' sampler_pid=''
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---- the database and the account ----

if [ ! -f "$DB" ]; then
	say "making the demo database $DB"
	if ! timeout 600 "$ECHELON" demo generate --db "$DB" >"$out/demo.log" 2>&1; then
		say "echelon demo generate failed ($(tail -1 "$out/demo.log")); importing data/examples instead"
		rm -f "$DB" "$DB-wal" "$DB-shm"
		"$ECHELON" init --db "$DB" >/dev/null
		for kind in enterprises deflators reports; do
			"$ECHELON" import "$kind" "$root/data/examples/$kind.csv" --db "$DB" >/dev/null
		done
	fi
fi
# The account may exist from an earlier run; the sign-in below checks it.
printf '%s\n' "$PASSWORD" | "$ECHELON" user add "$USER_NAME" --role analyst --db "$DB" >/dev/null 2>&1 || true

# ---- echelon ----

"$ECHELON" serve --db "$DB" --listen 127.0.0.1:0 --access-log - --threads "$THREADS" --max-connections-per-address 4096 \
	>"$out/serve.out" 2>"$out/serve.err" &
server_pid=$!
port=
i=0
while [ $i -lt 1200 ]; do # the cube loads first: 120 s at most
	port=$(sed -n 's|^listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$out/serve.out")
	[ -n "$port" ] && break
	kill -0 "$server_pid" 2>/dev/null || die "echelon serve stopped: $(cat "$out/serve.err")"
	sleep 0.1
	i=$((i + 1))
done
[ -n "$port" ] || die "echelon serve did not start within 120 s"
base="http://127.0.0.1:$port"

rm -f "$out/cookies"
curl -sf -m 30 -c "$out/cookies" -H 'Content-Type: application/json' \
	-d "{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}" "$base/api/v1/session" >/dev/null ||
	die "could not sign in as $USER_NAME"
token=$(awk '$6 == "echelon_session" { print $7 }' "$out/cookies")
[ -n "$token" ] || die "no echelon_session cookie after signing in"

mkdir -p "$out/www/api/v1"
code=$(curl -s -m 30 -o "$out/www/api/v1/monitor.json" -w '%{http_code}' -H "Cookie: echelon_session=$token" "$base$QUERY")
[ "$code" = 200 ] || die "GET $QUERY answered $code: $(head -c 300 "$out/www/api/v1/monitor.json")"
body_bytes=$(wc -c <"$out/www/api/v1/monitor.json")

# ---- nginx, serving the same body at the same path ----

free_port() {
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
	else
		p=20000
		while ss -ltn 2>/dev/null | awk '{print $4}' | grep -q ":$p\$"; do p=$((p + 1)); done
		echo $p
	fi
}
nport=$(free_port)
nd="$out/nginx"
mkdir -p "$nd/tmp"
cat >"$nd/nginx.conf" <<EOF
# written by bench/http/run.sh
daemon off;
worker_processes 2;
pid $nd/nginx.pid;
error_log $nd/error.log warn;
$(if [ "$(id -u)" = 0 ]; then echo "user root;"; fi)
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000000;
    keepalive_timeout 60s;
    server_tokens off;
    client_body_temp_path $nd/tmp/body;
    proxy_temp_path $nd/tmp/proxy;
    fastcgi_temp_path $nd/tmp/fastcgi;
    uwsgi_temp_path $nd/tmp/uwsgi;
    scgi_temp_path $nd/tmp/scgi;
    server {
        listen 127.0.0.1:$nport;
        root $out/www;
        location = /api/v1/monitor {
            default_type "application/json; charset=utf-8";
            add_header Content-Security-Policy "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            add_header X-Content-Type-Options nosniff;
            add_header Referrer-Policy same-origin;
            add_header X-Frame-Options DENY;
            add_header Cache-Control no-store;
            etag off;
            try_files /api/v1/monitor.json =404;
        }
    }
}
EOF
"$NGINX" -p "$nd" -c "$nd/nginx.conf" -e "$nd/error.log" >"$nd/stdout" 2>&1 &
nginx_pid=$!
i=0
until curl -s -m 2 -o "$out/nginx-body.json" "http://127.0.0.1:$nport$QUERY" 2>/dev/null; do
	kill -0 "$nginx_pid" 2>/dev/null || die "nginx stopped: $(cat "$nd/stdout" "$nd/error.log" 2>/dev/null | tail -5)"
	[ $i -lt 100 ] || die "nginx did not answer within 10 s"
	sleep 0.1
	i=$((i + 1))
done
cmp -s "$out/nginx-body.json" "$out/www/api/v1/monitor.json" || die "nginx's body differs from echelon's"

# ---- wrk ----

# ms VALUE: wrk's latency (e.g. 812.00us, 4.12ms, 1.20s) in milliseconds
ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
		printf "%.2f", n }'
}
# cpu_ticks PID...: user + system CPU time of these processes (all threads)
cpu_ticks() {
	t=0
	for p in "$@"; do
		t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat")))
	done
	echo $t
}
# the processes of server NAME: echelon's, or nginx's master and workers
pids_of() {
	if [ "$1" = nginx ]; then
		echo "$nginx_pid $(cat "/proc/$nginx_pid/task/$nginx_pid/children")"
	else
		echo "$server_pid"
	fi
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
field() { # field NAME WHAT
	f="$out/wrk-$1.txt"
	case $2 in
	rps) awk '/^Requests\/sec:/ { print $2 }' "$f" ;;
	p50) ms "$(awk '$1 == "50%" { print $2 }' "$f")" ;;
	p99) ms "$(awk '$1 == "99%" { print $2 }' "$f")" ;;
	requests) awk '/requests in/ { print $1 }' "$f" ;;
	socket) awk '/Socket errors:/ { gsub(",", ""); print "connect " $4 ", read " $6 ", write " $8 ", timeout " $10 }' "$f" ;;
	socket_total) awk '/Socket errors:/ { gsub(",", ""); t = $4 + $6 + $8 + $10 } END { print t + 0 }' "$f" ;;
	non2xx) awk '/Non-2xx/ { n = $NF } END { print n + 0 }' "$f" ;;
	esac
}

cookie="Cookie: echelon_session=$token"
echo "bench/http: $(nproc) cores shared by wrk, echelon and nginx; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench/http: echelon $ECHELON --threads $THREADS on $DB; body $body_bytes bytes; nginx $("$NGINX" -v 2>&1 | sed 's|.*/||') with 2 workers"

# A short warm-up of both, not measured.
timeout 30 wrk -t1 -c4 -d2s -H "$cookie" "$base$QUERY" >/dev/null
timeout 30 wrk -t1 -c4 -d2s "http://127.0.0.1:$nport$QUERY" >/dev/null

run_wrk echelon "$base$QUERY" "$CONNS" "$DURATION" -H "$cookie"
run_wrk nginx "http://127.0.0.1:$nport$QUERY" "$CONNS" "$DURATION"

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
