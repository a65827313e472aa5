#!/bin/sh
# bench/http/scaleout.sh — the first-view mix of bench/http/endpoints.sh
# (every analyst call in turn on each connection) against (a) one `echelon
# serve` on the SQLite demo database and (b) three `echelon serve` on one
# PostgreSQL store behind nginx with the repository's deploy/nginx/
# echelon.conf (issue 20), at 64 and 256 connections, interleaved: in odd
# rounds SQLite runs first, in even ones PostgreSQL. Prints requests/s, p50,
# p99 and errors of each run with the load average, and the ratio pg/sqlite.
#
#   bench/http/scaleout.sh                          # 50 000 enterprises, 2 rounds of 10 s
#   ENTERPRISES=5000 DURATION=5 ROUNDS=1 bench/http/scaleout.sh   # quick
#
# Environment:
#   ECHELON      the echelon binary (default build/echelon)
#   ENTERPRISES  the demo's size (default: `echelon demo generate`'s, the
#                database of `make demo`); the SQLite database is
#                bench/http/out/scaleout-N.db, made when absent
#   THREADS      --threads of every server (default 2)
#   CONNS        the connections of the runs (default "64 256")
#   DURATION     seconds of each wrk run (default 10)
#   ROUNDS       rounds (default 2)
#   WRK_THREADS  wrk -t (default 2)
#   DIRECT       1 adds runs against the first PostgreSQL server alone,
#                without nginx ("pg1"): what the proxy costs (default 0)
#
# The PostgreSQL store is a throwaway cluster on a unix socket
# (scripts/pg.sh), filled with `echelon migrate --from sqlite:DB --to
# postgres://...` from the same database, so both sides answer the same
# data. Every server's answers are asked once before the runs (through each
# of the three directly, since each keeps its own), the cluster evaluation
# polled until its job is done. nginx runs the repository's file with its
# ports replaced, 2 workers, no access log, in bench/http/out/scaleout/.
# Everything listens on 127.0.0.1 or a unix socket; every step is bounded
# in time; servers, nginx and the cluster are stopped on exit. wrk, nginx,
# four servers and PostgreSQL share the machine's cores: on 2 cores the
# client and the proxy take CPU the three servers would otherwise use.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
so="$out/scaleout"
ECHELON=${ECHELON:-$root/build/echelon}
ENTERPRISES=${ENTERPRISES:-}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64 256}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
WRK_THREADS=${WRK_THREADS:-2}
DIRECT=${DIRECT:-0}
GZIP='Accept-Encoding: gzip, deflate, br, zstd'
PASSWORD=bench-password

die() { echo "bench/http/scaleout: $*" >&2; exit 1; }

. "$here/lib.sh"
bench_whole THREADS DURATION ROUNDS WRK_THREADS DIRECT
for c in $CONNS; do bench_whole c; done
[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON (build it, or set ECHELON)"
bench_tools
command -v psql >/dev/null 2>&1 || die "psql is missing (scripts/deps.sh test)"

rm -rf "$so"
mkdir -p "$so/nginx"
DB="$out/scaleout-${ENTERPRISES:-default}.db"
# the cluster's socket path must be short (scripts/pg.sh): not under $out
pgdir=$(mktemp -d /tmp/bench-so.XXXXXX)
chmod 755 "$pgdir"
pg_pids=''
bench_before_stop() {
	for _p in $pg_pids; do bench_stop "$_p" 15; done
	pg_pids=''
}
stop_all() {
	bench_cleanup
	"$root/scripts/pg.sh" stop "$pgdir/pg" >/dev/null 2>&1 || true
	rm -rf "$pgdir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM HUP

# ---- the two stores, the same data ----

bench_demo_db "$DB" "$ENTERPRISES"
bench_account "$DB" bench analyst "$PASSWORD"
uri=$("$root/scripts/pg.sh" start "$pgdir/pg")
pg="$uri&options=-csearch_path%3Dpublic"
t0=$(date +%s.%N)
timeout 1800 "$ECHELON" migrate --from "sqlite:$DB" --to "$pg" >"$so/migrate.out" 2>&1 ||
	die "echelon migrate failed: $(tail -5 "$so/migrate.out")"
migrate_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

# ---- the servers: one on SQLite, three on PostgreSQL behind nginx ----

for n in 1 2 3; do
	mkdir -p "$so/pg$n"
	bench_serve "$pg" "$so/pg$n" --threads "$THREADS" --behind-proxy
	pg_pids="$pg_pids $server_pid"
	eval "port$n=\$port"
done
mkdir -p "$so/sqlite"
bench_serve "$DB" "$so/sqlite" --threads "$THREADS"
sbase=$base

front=$(bench_free_port)
sed -e "s/127.0.0.1:8081/127.0.0.1:$port1/" -e "s/127.0.0.1:8082/127.0.0.1:$port2/" \
	-e "s/127.0.0.1:8083/127.0.0.1:$port3/" -e "s/listen 127.0.0.1:8080;/listen 127.0.0.1:$front;/" \
	"$root/deploy/nginx/echelon.conf" >"$so/nginx/echelon.conf"
{
	[ "$(id -u)" = 0 ] && echo "user root;"
	echo "daemon off;"
	echo "worker_processes 2;"
	echo "pid $so/nginx/nginx.pid;"
	echo "error_log $so/nginx/error.log warn;"
	echo "events { worker_connections 4096; }"
	echo "http {"
	echo "    access_log off;"
	echo "    client_body_temp_path $so/nginx/body;"
	for t in proxy fastcgi uwsgi scgi; do echo "    ${t}_temp_path $so/nginx/$t;"; done
	echo "    include $so/nginx/echelon.conf;"
	echo "}"
} >"$so/nginx/nginx.conf"
"$NGINX" -e "$so/nginx/error.log" -p "$so/nginx" -c "$so/nginx/nginx.conf" >"$so/nginx/stdout" 2>&1 &
nginx_pid=$!
nbase="http://127.0.0.1:$front"
i=0
until curl -s -m 2 -o /dev/null "$nbase/api/v1/health" 2>/dev/null; do
	kill -0 "$nginx_pid" 2>/dev/null || die "nginx stopped: $(tail -5 "$so/nginx/error.log" "$so/nginx/stdout")"
	[ $i -lt 100 ] || die "nginx did not answer within 10 s"
	sleep 0.1
	i=$((i + 1))
done

# signed in on each side (a session made through nginx is every server's)
base=$sbase
bench_sign_in bench "$PASSWORD" "$so/cookies-sqlite" >/dev/null
sqlite_cookie=$(bench_cookie "$so/cookies-sqlite")
base=$nbase
bench_sign_in bench "$PASSWORD" "$so/cookies-pg" >/dev/null
pg_cookie=$(bench_cookie "$so/cookies-pg")

# get BASE COOKIE PATH: the answer's status, its body in $so/probe.json
get() { curl -s -m 600 -o "$so/probe.json" -w '%{http_code}' -H "$2" "$1$3" || echo 000; }
first_of() { # first_of PATH KEY: the first string value of KEY (SQLite's answer)
	[ "$(get "$sbase" "$sqlite_cookie" "$1")" = 200 ] || die "GET $1 failed: $(head -c 300 "$so/probe.json")"
	bench_jstr "$(cat "$so/probe.json")" "$2"
}
period=$(first_of /api/v1/monitor/periods last)
year=${period%-*}
uscc=$(first_of '/api/v1/enterprises?page=1&per_page=20' uscc)
cluster=$(first_of /api/v1/clusters code)
project=$(first_of /api/v1/projects code)
fund=$(first_of /api/v1/funds code)
for v in period uscc cluster project fund; do
	eval "[ -n \"\$$v\" ]" || die "no $v in the demo database"
done

# the analyst's first-view calls of bench/http/endpoints.sh
cat >"$so/mix.txt" <<EOF
/api/v1/session
/api/v1/monitor/periods
/api/v1/catalog/categories
/api/v1/catalog/regions
/api/v1/enums
/api/v1/monitor?period=$period&basis=cumulative&by=area
/api/v1/monitor/series?kind=sei&basis=cumulative
/api/v1/monitor/series?kind=all&basis=cumulative
/api/v1/monitor?period=$period&basis=cumulative&by=province
/api/v1/enterprises?page=1&per_page=20
/api/v1/enterprises/$uscc
/api/v1/clusters
/api/v1/clusters/evaluation?year=$year
/api/v1/clusters/$cluster
/api/v1/projects
/api/v1/projects/$project
/api/v1/funds
/api/v1/funds/$fund
/api/v1/imports
EOF

# warm BASE COOKIE: every call answered once (a job polled until done)
warm() {
	while read -r _path; do
		_code=$(get "$1" "$2" "$_path")
		if [ "$_code" = 202 ]; then
			_id=$(bench_jstr "$(cat "$so/probe.json")" id)
			_i=0
			while :; do
				_state=$(bench_jstr "$(curl -s -m 30 -H "$2" "$1/api/v1/jobs/$_id")" state)
				case $_state in done) break ;; failed | cancelled) die "GET $_path: its job $_state" ;; esac
				[ $_i -lt 6000 ] || die "GET $_path: its job not done within 600 s"
				sleep 0.1
				_i=$((_i + 1))
			done
			_code=$(get "$1" "$2" "$_path")
		fi
		[ "$_code" = 200 ] || die "GET $1$_path answered $_code: $(head -c 300 "$so/probe.json")"
	done <"$so/mix.txt"
}
t0=$(date +%s.%N)
warm "$sbase" "$sqlite_cookie"
t1=$(date +%s.%N)
for p in $port1 $port2 $port3; do warm "http://127.0.0.1:$p" "$pg_cookie"; done
t2=$(date +%s.%N)

{
	echo "-- written by bench/http/scaleout.sh: each request takes the next path"
	echo "local paths = {"
	sed 's/.*/  "&",/' "$so/mix.txt"
	echo "}"
	echo "local i = 0"
	echo "request = function()"
	echo "  i = i % #paths + 1"
	echo "  return wrk.format(nil, paths[i])"
	echo "end"
} >"$so/mix.lua"

echo "bench/http/scaleout: $(nproc) cores shared by wrk, nginx, 4 servers and PostgreSQL; load average at start: $(loadavg)"
echo "bench/http/scaleout: $DB ($(sqlite3 "$DB" 'SELECT count(*) FROM enterprise' 2>/dev/null || echo '?') enterprises, period $period); migrate to PostgreSQL $(psql "$uri" -Atc 'SHOW server_version' | cut -d' ' -f1) in $migrate_s s"
echo "bench/http/scaleout: --threads $THREADS each; nginx $("$NGINX" -v 2>&1 | sed 's|.*/||') 2 workers with deploy/nginx/echelon.conf; wrk -t$WRK_THREADS -d${DURATION}s, the mix of $(wc -l <"$so/mix.txt") calls"
echo "bench/http/scaleout: first answers of the mix: sqlite $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s, pg (3 servers in turn) $(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b - a }') s"

# short warm-ups, not measured
timeout 30 wrk -t1 -c4 -d2s -H "$sqlite_cookie" -H "$GZIP" -s "$so/mix.lua" "$sbase/" >/dev/null
timeout 30 wrk -t1 -c4 -d2s -H "$pg_cookie" -H "$GZIP" -s "$so/mix.lua" "$nbase/" >/dev/null

: >"$so/results.txt"
# run ROUND STORE CONNS: one wrk run; appends "round store conns rps p50
# p99 errors load1"
run() {
	case $2 in
	sqlite) _b=$sbase _h=$sqlite_cookie ;;
	pg) _b=$nbase _h=$pg_cookie ;;
	pg1) _b="http://127.0.0.1:$port1" _h=$pg_cookie ;;
	esac
	_f="$so/wrk-r$1-$2-c$3.txt"
	_l=$(load1)
	timeout $((DURATION + 60)) wrk -t"$WRK_THREADS" -c"$3" -d"${DURATION}s" --latency -H "$_h" -H "$GZIP" \
		-s "$so/mix.lua" "$_b/" >"$_f" || die "wrk failed: $(cat "$_f")"
	_q=$(wrk_field "$_f" requests)
	echo "$1 $2 $3 $(printf '%.0f' "$(wrk_field "$_f" rps)") $(wrk_field "$_f" p50) $(wrk_field "$_f" p99) $(($(wrk_field "$_f" errors) + (_q == 0))) $_l" >>"$so/results.txt"
	awk -v r="$1" -v s="$2" -v c="$3" '$1 == r && $2 == s && $3 == c {
		printf "  round %s %-6s c%-4s %7d req/s  p50 %8.2f ms  p99 %8.2f ms  errors %d  load %s\n", r, s, c, $4, $5, $6, $7, $8 }' "$so/results.txt"
	sleep 2
}
r=1
while [ $r -le "$ROUNDS" ]; do
	echo
	echo "round $r (load average $(loadavg)):"
	for c in $CONNS; do
		if [ $((r % 2)) = 1 ]; then set -- sqlite pg; else set -- pg sqlite; fi
		[ "$DIRECT" = 1 ] && set -- "$@" pg1
		for s in "$@"; do run "$r" "$s" "$c"; done
	done
	r=$((r + 1))
done

echo
echo "summary over $ROUNDS round(s), medians: 1 server on SQLite vs 3 on PostgreSQL behind nginx (load average now $(loadavg))"
printf '  %-5s %12s %9s %9s %12s %9s %9s %10s %9s\n' conns sqlite_rps p50 p99 pg_rps p50 p99 rps_pg/sq errors
for c in $CONNS; do
	awk -v c="$c" '
		function median(v, k,   i, j, x) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x } return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2 }
		$3 == c { k = $2; n[k]++; rps[k, n[k]] = $4; p50[k, n[k]] = $5; p99[k, n[k]] = $6; err[k] += $7 }
		END {
			for (s = 0; s < 2; s++) {
				k = s ? "pg" : "sqlite"
				for (i = 1; i <= n[k]; i++) { a[i] = rps[k, i]; b[i] = p50[k, i]; d[i] = p99[k, i] }
				R[k] = median(a, n[k]); P50[k] = median(b, n[k]); P99[k] = median(d, n[k])
			}
			printf "  %-5s %12d %9.2f %9.2f %12d %9.2f %9.2f %9.2fx %5d/%d\n", c, R["sqlite"], P50["sqlite"], P99["sqlite"],
				R["pg"], P50["pg"], P99["pg"], (R["sqlite"] > 0 ? R["pg"] / R["sqlite"] : 0), err["sqlite"], err["pg"]
		}' "$so/results.txt"
done
if [ "$DIRECT" = 1 ]; then
	for c in $CONNS; do
		awk -v c="$c" '$2 == "pg1" && $3 == c { n++; r += $4; e += $7 } END { if (n) printf "  %-5s one PostgreSQL server without nginx: %d req/s (mean of %d), errors %d\n", c, r / n, n, e }' "$so/results.txt"
	done
fi
echo "raw: $so/results.txt (round store conns req/s p50 p99 errors load1), wrk-*.txt"
