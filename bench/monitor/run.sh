#!/bin/sh
# bench/monitor/run.sh — the whole monitoring cube (every period x every
# group kind x cumulative and month) computed by echelon, by DuckDB SQL, by
# pandas and by SQLite SQL, side by side in one run on the same database;
# checks that all four agree and prints times, peak memory and the ratios.
#
#   bench/monitor/run.sh                         # demo 1 000 000 x 24 months
#   ENTERPRISES=50000 bench/monitor/run.sh       # a smaller demo database
#   DB=some.db bench/monitor/run.sh              # any echelon database
#
# Environment:
#   ECHELON      the echelon binary (default build/echelon); it makes the demo
#                database when absent: `echelon demo generate --db
#                bench/monitor/out/demo1m.db --enterprises 1000000 --from
#                2019-01 --to 2020-12` (demo<N>.db for other sizes)
#   LIBECHELON   libechelon.a to link bench_monitor with (default: next to
#                $ECHELON)
#   ENTERPRISES  demo size (default 1000000)
#   DB           use this database instead of the demo one
#   TOOLS        which of echelon duckdb pandas sqlite to run (default all;
#                echelon always runs: it is the reference)
#   RUNS         echelon's compute is repeated RUNS times (default 5): the
#                table shows the first run, the best is printed below it
#
# What is timed (each tool in its own process, which reports its own times
# and its peak RSS from getrusage):
#   load     echelon: the column store opened and checked, the groups worked
#            out (ec_app_facts, ec_monitor_input_facts; the store is made
#            from the database by a first, untimed run when it is missing); DuckDB: CSV files into tables of an in-memory
#            database; pandas: CSV files into data frames; SQLite: the
#            enterprises' groups into a temporary table (the reports are read
#            from the database file by the compute step).
#   compute  echelon: ec_monitor_build + ec_monitor_query for every period x
#            5 breakdowns x 2 bases, nationally (single thread; first of
#            RUNS runs, on freshly allocated memory); the others:
#            cube.sql (DuckDB, every core; SQLite, one) or pandas_cube.py
#            computing the same rows, results fetched.
# The CSV export for DuckDB and pandas (sqlite3 CLI, ent.sql) is not timed.
# Python is /usr/bin/python3 with Debian's python3-pandas; DuckDB is
# @duckdb/node-api from bench/package.json (npm ci when missing).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
ECHELON=${ECHELON:-$root/build/echelon}
LIBECHELON=${LIBECHELON:-$(dirname "$ECHELON")/libechelon.a}
ENTERPRISES=${ENTERPRISES:-1000000}
TOOLS=${TOOLS:-echelon duckdb pandas sqlite}
PYTHON=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ next to the scripts

die() { echo "bench/monitor: $*" >&2; exit 1; }

case "$ENTERPRISES" in '' | *[!0-9]*) die "ENTERPRISES must be a whole number" ;; esac
[ -f "$LIBECHELON" ] || die "no libechelon.a at $LIBECHELON (build echelon, or set LIBECHELON)"
. "$root/bench/lib.sh"
need cc sqlite3 node npm
"$PYTHON" -c 'import pandas' 2>/dev/null || die "pandas is missing: apt-get install python3-pandas"
duckdb_node bench/monitor

mkdir -p "$out"
cc -O2 -march=native -std=c11 -Wall -Wextra -I"$root/include" -o "$out/bench_monitor" \
	"$here/bench_monitor.c" "$LIBECHELON" $(pkg-config --libs sqlite3 libpq libcrypto libsodium libzip expat xlsxwriter libxxhash lapacke cbc jansson) \
	-lglpk -lm -lpthread

. "$here/lib.sh"
demo_db
name=$(basename "$DB" .db)
csv="$out/$name-csv"

export_csv "$DB" "$csv"
# Every tool finds the files in the page cache.
cat "$DB" "$csv"/*.csv >/dev/null

value() { sed -n "s/^$1 //p" "$2"; }

run() { # tool command...
	tool=$1
	shift
	echo "bench/monitor: $tool" >&2
	"$@" >"$out/$name-$tool.txt" || die "$tool failed (see above)"
}

loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
run echelon "$out/bench_monitor" "$DB" "$out/$name-echelon.csv"
for tool in $TOOLS; do
	case "$tool" in
	echelon) ;;
	duckdb) run duckdb node "$here/duckdb_cube.mjs" "$csv" "$here/cube.sql" "$out/$name-duckdb.csv" ;;
	pandas) run pandas "$PYTHON" "$here/pandas_cube.py" "$csv" "$out/$name-pandas.csv" ;;
	sqlite) run sqlite "$PYTHON" "$here/sqlite_cube.py" "$DB" "$here/ent.sql" "$here/cube.sql" \
		"$out/$name-sqlite.csv" ;;
	*) die "unknown tool '$tool' in TOOLS" ;;
	esac
done

e="$out/$name-echelon.txt"
echo
echo "monitoring cube: $(value enterprises "$e") enterprises x $(value months "$e") months, $DB"
echo "machine: $(nproc) cores; load average before the runs $loadavg (other work slows every tool)"
echo "$(value periods "$e") periods x 5 breakdowns x 2 bases = $(value queries "$e") queries, national;" \
	"$(value rows "$e") rows, $(($(wc -l <"$out/$name-echelon.csv") - 1)) once all and sei are counted once per period and basis"
echo
printf '%-9s %9s %11s %14s %16s\n' tool "load s" "compute s" "peak RSS MiB" "compute/echelon"
ecompute=$(value compute_s "$e")
list=echelon
for tool in $TOOLS; do [ "$tool" = echelon ] || list="$list $tool"; done
for tool in $list; do
	f="$out/$name-$tool.txt"
	awk -v tool="$tool" -v load="$(value load_s "$f")" -v compute="$(value compute_s "$f")" \
		-v rss="$(value peak_rss_kib "$f")" -v base="$ecompute" \
		'BEGIN { printf "%-9s %9.3f %11.3f %14.0f %15.1fx\n", tool, load, compute, rss / 1024, compute / base }'
done
echo
echo "echelon compute = cube build $(value build_s "$e") s + $(value queries "$e") queries $(value query_s "$e") s" \
	"(one thread, first run; CPU $(value compute_cpu_s "$e") s); best of $(value runs "$e") runs: $(value best_build_s "$e") + $(value best_query_s "$e") s"
echo "echelon peak RSS after load: $(($(value rss_after_load_kib "$e") / 1024)) MiB (the input columns)"
awk -v bytes="$(value bytes "$e")" -v bw="$(value bandwidth_gbs "$e")" -v bound="$(value bound_s "$e")" \
	-v ratio="$(value ratio_bound "$e")" -v best="$(value best_ratio_bound "$e")" 'BEGIN {
	printf "bandwidth bound: %.0f MB the build must read / %.1f GB/s (one thread, 1 GiB read loop)", bytes / 1e6, bw
	printf " = %.4f s; echelon compute = %.1f x the bound (best run %.1f x)\n", bound, ratio, best }'
for tool in $list; do
	f="$out/$name-$tool.txt"
	case $tool in
	duckdb) echo "duckdb: $(value threads "$f") threads" ;;
	sqlite) echo "sqlite: $(value sqlite_version "$f"), one thread" ;;
	pandas) echo "pandas: $(value pandas_version "$f"), one thread" ;;
	esac
done
echo
set --
for tool in $TOOLS; do
	[ "$tool" = echelon ] || set -- "$@" "$tool=$out/$name-$tool.csv"
done
[ $# -gt 0 ] && "$PYTHON" "$here/compare.py" "$out/$name-echelon.csv" "$@"
