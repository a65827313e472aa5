#!/bin/sh
# bench/http/endpoints.sh — every API call the dashboard makes for the first
# view of each of its pages, one at a time: wrk on 127.0.0.1 against
# echelon (signed in as an analyst, the admin page's calls as an admin) on
# the demo database, and against nginx serving the same answer as a static
# file at the same URL, query string included. Prints each endpoint's
# requests/s, p50 and p99 for both, the ratio of the p99s, the time of its
# first answer after the server started, and whether the target holds:
# every endpoint within 20 ms p99 at 64 connections, and GET
# /api/v1/health within 10 ms p99 at 256. Then a mix of all the analyst's
# calls at 256 connections, one URL after the other on every connection.
#
#   bench/http/endpoints.sh                       # 1 round, 5 s per endpoint and server
#   ECHELON=/tmp/relbuild/echelon ROUNDS=3 bench/http/endpoints.sh
#   ONLY='projects|funds' DURATION=3 MIX=0 bench/http/endpoints.sh   # some endpoints, quick
#
# Environment:
#   ECHELON       the echelon binary (default build/echelon)
#   DB            the database (default bench/http/out/demo.db, made when
#                 absent with `echelon demo generate`: 50 000 enterprises,
#                 2018-01..2021-12, the database of `make demo`)
#   THREADS       echelon's --threads (default 2)
#   CONNS         connections per endpoint (default 64)
#   HEALTH_CONNS  connections of the health run (default 256)
#   DURATION      seconds of each wrk run (default 5)
#   ROUNDS        rounds over every endpoint (default 1); the summary gives
#                 the median and the worst p99 over the rounds. echelon runs
#                 first in odd rounds, nginx in even ones
#   ONLY          an extended regular expression: only the endpoints whose
#                 name matches (health is always measured)
#   MIX           1 (default): the mix at MIX_CONNS; 0 skips it
#   MIX_CONNS     connections of the mix (default 256)
#   WRK_THREADS   wrk -t (default 2)
#   ACCEPT_ENCODING  the Accept-Encoding sent to both servers (default
#                 Chromium's, "gzip, deflate, br, zstd": the dashboard's
#                 browser; "identity" for answers as they are)
#
# What "first view" means: the calls a page makes when it opens, with the
# parameters it sends then (web/src/views/*.vue, web/src/lib/*.js): the
# latest period, the cumulative basis, page 1 of 20 enterprises, the latest
# year's cluster evaluation, the first enterprise, cluster, project and fund
# of their lists. The page each endpoint serves is printed beside it. Calls
# shared by several pages (the session, the periods, the catalogues, the
# enumerations, the cluster registry) are asked once by the dashboard and
# measured once here.
#
# Each endpoint is asked once before it is measured: that first answer is
# timed (the "first" column: what the first reader after a start or a data
# change waits), and saved for nginx. A route that answers 202 (the cluster
# evaluation is a job the first time) is polled until its job is done, and
# its "first" time is until then; the measured runs get the answer the
# server then keeps. Any answer other than 200 during a run counts as an
# error.
#
# Setup as run.sh (bench/http/lib.sh): wrk and nginx installed with apt-get
# when missing (root), nginx with its own configuration in
# bench/http/out/endpoints/nginx/, everything on 127.0.0.1, every step
# bounded in time, the server and nginx stopped on exit. wrk, echelon and
# nginx share the machine's cores: the load average is printed with every
# line, and nginx's figures in the same round say what the machine allowed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
ed="$out/endpoints"
ECHELON=${ECHELON:-$root/build/echelon}
DB=${DB:-$out/demo.db}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64}
HEALTH_CONNS=${HEALTH_CONNS:-256}
DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-1}
ONLY=${ONLY:-}
MIX=${MIX:-1}
MIX_CONNS=${MIX_CONNS:-256}
WRK_THREADS=${WRK_THREADS:-2}
ACCEPT_ENCODING=${ACCEPT_ENCODING:-gzip, deflate, br, zstd}
GZIP="Accept-Encoding: $ACCEPT_ENCODING"
TARGET_MS=20
HEALTH_TARGET_MS=10
PASSWORD=bench-password

die() { echo "bench/http/endpoints: $*" >&2; exit 1; }
say() { echo "bench/http/endpoints: $*" >&2; }

. "$here/lib.sh"
bench_whole THREADS CONNS HEALTH_CONNS DURATION ROUNDS MIX MIX_CONNS WRK_THREADS
[ "$ROUNDS" -ge 1 ] || die "ROUNDS must be at least 1"
[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON (build it, or set ECHELON)"
bench_tools

mkdir -p "$ed/www"
rm -f "$ed"/wrk-*.txt "$ed"/results.txt "$ed"/www/*.json "$ed"/www/*.json.gz
trap bench_cleanup EXIT
trap 'exit 130' INT TERM HUP

bench_demo_db "$DB"
bench_account "$DB" bench analyst "$PASSWORD"
bench_account "$DB" bench-admin admin "$PASSWORD"
bench_serve "$DB" "$ed" --threads "$THREADS"
started=$(date +%s.%N)
bench_sign_in bench "$PASSWORD" "$ed/cookies-analyst" >/dev/null
bench_sign_in bench-admin "$PASSWORD" "$ed/cookies-admin" >/dev/null
analyst=$(bench_cookie "$ed/cookies-analyst")
admin=$(bench_cookie "$ed/cookies-admin")

# get ACCOUNT PATH FILE: the answer's status; the body in FILE
get() {
	eval "_h=\$$1"
	curl -s -m 600 -o "$3" -w '%{http_code}' -H "$_h" "$base$2" || echo 000
}
# first_of PATH KEY: the first string value of KEY in the analyst's answer
first_of() {
	[ "$(get analyst "$1" "$ed/probe.json")" = 200 ] || die "GET $1 failed: $(head -c 300 "$ed/probe.json")"
	bench_jstr "$(cat "$ed/probe.json")" "$2"
}

# The parameters of the first views: the latest period and year, the first
# enterprise, cluster, project and fund of their lists.
period=$(first_of /api/v1/monitor/periods last)
year=${period%-*}
uscc=$(first_of '/api/v1/enterprises?page=1&per_page=20' uscc)
cluster=$(first_of /api/v1/clusters code)
project=$(first_of /api/v1/projects code)
fund=$(first_of /api/v1/funds code)
for v in period uscc cluster project fund; do
	eval "[ -n \"\$$v\" ]" || die "no $v in the demo database"
done

# name account path pages: the first-view calls, in the order of the
# dashboard's menu (web/src/App.vue), each once
cat >"$ed/endpoints.txt" <<EOF
session analyst /api/v1/session every
periods analyst /api/v1/monitor/periods overview,explorer,regions,clusters,cluster
categories analyst /api/v1/catalog/categories overview,explorer,enterprises,enterprise,clusters,cluster,projects,project,allocation
regions analyst /api/v1/catalog/regions explorer,regions,enterprises,enterprise,clusters,cluster,projects,project,allocation
enums analyst /api/v1/enums clusters,cluster,projects,project,funds,fund,admin
monitor-area analyst /api/v1/monitor?period=$period&basis=cumulative&by=area overview,explorer
series-sei analyst /api/v1/monitor/series?kind=sei&basis=cumulative overview
series-all analyst /api/v1/monitor/series?kind=all&basis=cumulative overview
monitor-province analyst /api/v1/monitor?period=$period&basis=cumulative&by=province regions
enterprises analyst /api/v1/enterprises?page=1&per_page=20 enterprises
enterprise analyst /api/v1/enterprises/$uscc enterprise
clusters analyst /api/v1/clusters clusters,cluster,projects,project,allocation
evaluation analyst /api/v1/clusters/evaluation?year=$year clusters,cluster
cluster analyst /api/v1/clusters/$cluster cluster
projects analyst /api/v1/projects projects,allocation
project analyst /api/v1/projects/$project project
funds analyst /api/v1/funds funds
fund analyst /api/v1/funds/$fund fund
imports analyst /api/v1/imports data
users admin /api/v1/users admin
audit admin /api/v1/audit?limit=200 admin
EOF
if [ -n "$ONLY" ]; then
	awk -v re="$ONLY" '$1 ~ "^(" re ")$"' "$ed/endpoints.txt" >"$ed/endpoints.only"
	mv "$ed/endpoints.only" "$ed/endpoints.txt"
fi

# The first answer of each (the server has answered only the lookups above:
# the periods, the first page of enterprises, the registry, the project
# library and the funds), saved for nginx, and in the encoding asked for
# as FILE.gz when echelon sends it gzip-encoded.
: >"$ed/first.txt"
: >"$ed/routes.txt"
while read -r name account path pages; do
	t0=$(date +%s.%N)
	code=$(get "$account" "$path" "$ed/www/$name.json")
	if [ "$code" = 202 ]; then
		id=$(bench_jstr "$(cat "$ed/www/$name.json")" id)
		i=0
		while :; do
			state=$(bench_jstr "$(curl -s -m 30 -H "$analyst" "$base/api/v1/jobs/$id")" state)
			case $state in done) break ;; failed | cancelled) die "GET $path: its job $state" ;; esac
			[ $i -lt 6000 ] || die "GET $path: its job not done within 600 s"
			sleep 0.1
			i=$((i + 1))
		done
		code=$(get "$account" "$path" "$ed/www/$name.json")
	fi
	t1=$(date +%s.%N)
	[ "$code" = 200 ] || die "GET $path answered $code: $(head -c 300 "$ed/www/$name.json")"
	echo "$name $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')" >>"$ed/first.txt"
	eval "_h=\$$account"
	encoding=$(curl -s -m 60 -D - -o "$ed/www/$name.json.gz" -H "$_h" -H "$GZIP" "$base$path" |
		awk -F': *' 'tolower($1) == "content-encoding" { sub(/\r$/, "", $2); print $2 }')
	case $encoding in
	'') rm -f "$ed/www/$name.json.gz" ;;
	gzip) ;;
	*) die "GET $path: an answer in $encoding" ;;
	esac
	echo "$path $name.json" >>"$ed/routes.txt"
done <"$ed/endpoints.txt"
get analyst /api/v1/health "$ed/www/health.json" >/dev/null
echo "/api/v1/health health.json" >>"$ed/routes.txt"
bench_nginx "$ed/nginx" "$ed/www" "$ed/routes.txt"

# run FILE URL CONNS [-H HEADER]: one wrk run
run() {
	_f=$1 _url=$2 _c=$3
	shift 3
	timeout $((DURATION + 60)) wrk -t"$WRK_THREADS" -c"$_c" -d"${DURATION}s" --latency "$@" "$_url" >"$_f" ||
		die "wrk failed: $(cat "$_f")"
}
# settle: waits until echelon is idle (requests a run left queued are done:
# under 2 ticks of CPU in 200 ms), 30 s at most
settle() {
	_i=0
	_t=$(cpu_ticks "$server_pid")
	while [ $_i -lt 150 ]; do
		sleep 0.2
		_u=$(cpu_ticks "$server_pid")
		[ $((_u - _t)) -lt 2 ] && return 0
		_t=$_u
		_i=$((_i + 1))
	done
}
# measure ROUND NAME CONNS ACCOUNT PATH: echelon and nginx, in the round's
# order; appends "round name conns server rps p50 p99 errors load1 requests"
# lines (a run without a single answer counts as an error)
measure() {
	_r=$1 _n=$2 _c=$3 _a=$4 _p=$5
	eval "_h=\$$_a"
	if [ $((_r % 2)) = 1 ]; then set -- echelon nginx; else set -- nginx echelon; fi
	for _s in "$@"; do
		_l=$(load1)
		_f="$ed/wrk-r$_r-$_n-$_s.txt"
		if [ "$_s" = echelon ]; then
			# one request first: an answer kept too long ago is made
			# again (timed in "first"), or off the request threads
			curl -s -m 600 -o /dev/null -H "$_h" -H "$GZIP" "$base$_p" || true
			settle
			run "$_f" "$base$_p" "$_c" -H "$_h" -H "$GZIP"
			settle
		else
			run "$_f" "$nbase$_p" "$_c" -H "$GZIP"
		fi
		_q=$(wrk_field "$_f" requests)
		echo "$_r $_n $_c $_s $(printf '%.0f' "$(wrk_field "$_f" rps)") $(wrk_field "$_f" p50) $(wrk_field "$_f" p99) $(($(wrk_field "$_f" errors) + (_q == 0))) $_l $_q" >>"$ed/results.txt"
	done
}
# show ROUND NAME: the line of an endpoint in a round
show() {
	awk -v r="$1" -v n="$2" -v t="$3" '
		$1 == r && $2 == n { c = $3; rps[$4] = $5; p50[$4] = $6; p99[$4] = $7; err[$4] = $8; load[$4] = $9 }
		END {
			printf "  %-17s c%-4s echelon %7d req/s p50 %7.2f p99 %8.2f ms err %-3d | nginx %7d req/s p99 %7.2f ms | p99 %6.2fx | load %s %s %s\n",
				n, c, rps["echelon"], p50["echelon"], p99["echelon"], err["echelon"], rps["nginx"], p99["nginx"],
				(p99["nginx"] > 0 ? p99["echelon"] / p99["nginx"] : 0), load["echelon"], load["nginx"],
				(p99["echelon"] < t && err["echelon"] == 0 ? "" : "OVER")
		}' "$ed/results.txt"
}

echo "bench/http/endpoints: $(nproc) cores shared by wrk, echelon and nginx; load average at start: $(loadavg)"
echo "bench/http/endpoints: echelon $ECHELON --threads $THREADS on $DB (period $period); nginx $("$NGINX" -v 2>&1 | sed 's|.*/||') with 2 workers; wrk -t$WRK_THREADS -d${DURATION}s --latency -H '$GZIP'"
echo
echo "first answers after the start (ms; a job's until it was done), and the answers' sizes:"
while read -r name ms_first; do
	gz=
	[ -f "$ed/www/$name.json.gz" ] && gz=" ($(wc -c <"$ed/www/$name.json.gz") gzip)"
	printf '  %-17s %9s ms %10s bytes%-15s %s\n' "$name" "$ms_first" "$(wc -c <"$ed/www/$name.json")" "$gz" \
		"$(awk -v n="$name" '$1 == n { print $3 " (" $4 ")" }' "$ed/endpoints.txt")"
done <"$ed/first.txt"

# A short warm-up of both servers, not measured.
timeout 30 wrk -t1 -c4 -d2s "$base/api/v1/health" >/dev/null
timeout 30 wrk -t1 -c4 -d2s "$nbase/api/v1/health" >/dev/null

r=1
while [ $r -le "$ROUNDS" ]; do
	echo
	echo "round $r (load average $(loadavg)): p99 target $TARGET_MS ms at $CONNS connections, $HEALTH_TARGET_MS ms for health at $HEALTH_CONNS"
	while read -r name account path pages; do
		measure $r "$name" "$CONNS" "$account" "$path"
		show $r "$name" $TARGET_MS
	done <"$ed/endpoints.txt"
	measure $r health "$HEALTH_CONNS" analyst /api/v1/health
	show $r health $HEALTH_TARGET_MS
	r=$((r + 1))
done

echo
echo "summary over $ROUNDS round(s): p99 in ms, median (worst) of the rounds; echelon's requests/s median"
printf '  %-17s %6s %18s %18s %9s %10s  %s\n' endpoint conns echelon_p99 nginx_p99 ratio echelon_rps target
{
	cut -d' ' -f1 "$ed/endpoints.txt"
	echo health
} | while read -r name; do
	t=$TARGET_MS
	[ "$name" = health ] && t=$HEALTH_TARGET_MS
	awk -v n="$name" -v t="$t" '
		function median(v, k,   i, j, x) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x } return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2 }
		$2 == n && $4 == "echelon" { c = $3; ne++; e[ne] = $7; if ($7 > ew) ew = $7; rps[ne] = $5; errors += $8 }
		$2 == n && $4 == "nginx" { nn++; g[nn] = $7; if ($7 > gw) gw = $7 }
		END {
			em = median(e, ne); gm = median(g, nn)
			printf "  %-17s %6s %9.2f (%6.2f) %9.2f (%6.2f) %8.2fx %10d  %s\n", n, c, em, ew, gm, gw, (gm > 0 ? em / gm : 0),
				median(rps, ne), (ew < t && errors == 0 ? "met" : "NOT met") (errors ? " (" errors " errors)" : "")
		}' "$ed/results.txt"
done

# ---- the mix: every analyst call in turn on each connection ----

[ "$MIX" = 1 ] || exit 0
awk '$2 == "analyst" { print $3 }' "$ed/endpoints.txt" >"$ed/mix.txt"
[ -s "$ed/mix.txt" ] || exit 0
{
	echo "-- written by bench/http/endpoints.sh: each request takes the next path"
	echo "local paths = {"
	sed 's/.*/  "&",/' "$ed/mix.txt"
	echo "}"
	echo "local i = 0"
	echo "request = function()"
	echo "  i = i % #paths + 1"
	echo "  return wrk.format(nil, paths[i])"
	echo "end"
} >"$ed/mix.lua"
echo
l=$(loadavg)
run "$ed/wrk-mix.txt" "$base/" "$MIX_CONNS" -H "$analyst" -H "$GZIP" -s "$ed/mix.lua"
echo "mix of the $(wc -l <"$ed/mix.txt") analyst calls at $MIX_CONNS connections (load average $l): $(printf '%.0f' "$(wrk_field "$ed/wrk-mix.txt" rps)") req/s, p50 $(wrk_field "$ed/wrk-mix.txt" p50) ms, p99 $(wrk_field "$ed/wrk-mix.txt" p99) ms, errors $(wrk_field "$ed/wrk-mix.txt" errors)"
echo "raw: $ed/results.txt (round endpoint conns server req/s p50 p99 errors load1), wrk-*.txt, www/ (the answers)"
