#!/bin/sh
# bench/monitor/e2e.sh — monitoring end to end, as a user meets it: the
# whole process of `echelon monitor --period PERIOD --by area --format csv`
# (start, open the database and its column store, build the cube, answer,
# print) against DuckDB's whole process answering the same table from its
# own database file (node duckdb_area.mjs query; area.sql), each run as a
# cold process with a warm page cache, interleaved RUNS times; checks that
# the answers agree and prints wall time, peak RSS and the ratios.
#
#   bench/monitor/e2e.sh                          # demo 1 000 000 x 24 months
#   ENTERPRISES=100000 bench/monitor/e2e.sh
#   BASELINE=/tmp/old/echelon bench/monitor/e2e.sh   # an older echelon beside
#
# Environment:
#   ECHELON      the echelon binary (default build/echelon)
#   BASELINE     another echelon binary timed the same way (optional)
#   ENTERPRISES  demo size (default 1000000); DB any echelon database
#   PERIOD       the month asked (default 2020-06)
#   RUNS         interleaved runs of each (default 5); the table shows the
#                median and the best
#   SERVER       1 (default): also time `echelon serve` from its start to its
#                first monitoring answer (a session made by an earlier run)
#
# Not timed: making the demo database, the CSV export, DuckDB's file (made
# once from the CSV files), and the first echelon run after the column
# store went missing or stale (timed apart as "column store made").
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
ECHELON=${ECHELON:-$root/build/echelon}
BASELINE=${BASELINE:-}
ENTERPRISES=${ENTERPRISES:-1000000}
PERIOD=${PERIOD:-2020-06}
RUNS=${RUNS:-5}
PYTHON=/usr/bin/python3

die() { echo "bench/monitor/e2e: $*" >&2; exit 1; }

case "$ENTERPRISES$RUNS" in '' | *[!0-9]*) die "ENTERPRISES and RUNS must be whole numbers" ;; esac
[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON"
. "$root/bench/lib.sh"
need cc sqlite3 node npm
duckdb_node bench/monitor/e2e
mkdir -p "$out"
. "$here/lib.sh"
demo_db
name=$(basename "$DB" .db)
csv="$out/$name-csv"
duck="$out/$name.duckdb"
export_csv "$DB" "$csv"
if [ ! -s "$duck" ] || [ "$csv/report.csv" -nt "$duck" ]; then
	echo "bench/monitor/e2e: making DuckDB's file $duck" >&2
	rm -f "$duck" "$duck.wal"
	node "$here/duckdb_area.mjs" build "$duck" "$csv"
fi
cc -O2 -o "$out/measure" "$root/bench/import/measure.c"

# The column store, made now if it is missing or stale (timed apart).
"$out/measure" "$out/e2e-first.txt" "$ECHELON" monitor --db "$DB" --period "$PERIOD" --by area --format csv \
	>"$out/e2e-echelon.csv" 2>/dev/null
[ -z "$BASELINE" ] || "$BASELINE" monitor --db "$DB" --period "$PERIOD" --by area --format csv >/dev/null
cat "$DB" "$DB.facts" "$duck" >/dev/null 2>&1 || true # the page cache holds every file

loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$out/e2e-times.txt"
i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	"$out/measure" "$out/e2e-one.txt" "$ECHELON" monitor --db "$DB" --period "$PERIOD" --by area --format csv \
		>"$out/e2e-echelon.csv"
	echo "echelon $(cat "$out/e2e-one.txt")" >>"$out/e2e-times.txt"
	"$out/measure" "$out/e2e-one.txt" node "$here/duckdb_area.mjs" query "$duck" "$here/area.sql" "$PERIOD" \
		"$out/e2e-duckdb.csv"
	echo "duckdb $(cat "$out/e2e-one.txt")" >>"$out/e2e-times.txt"
	if [ -n "$BASELINE" ]; then
		"$out/measure" "$out/e2e-one.txt" "$BASELINE" monitor --db "$DB" --period "$PERIOD" --by area \
			--format csv >"$out/e2e-baseline.csv"
		echo "baseline $(cat "$out/e2e-one.txt")" >>"$out/e2e-times.txt"
	fi
done
loadafter=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "monitoring end to end: \`echelon monitor --period $PERIOD --by area\`, $DB ($(($(wc -l <"$csv/ent.csv") - 1)) enterprises)"
echo "machine: $(nproc) cores; load average $loadavg before, $loadafter after; $RUNS interleaved runs each"
echo "column store: first run $(cut -d' ' -f1 "$out/e2e-first.txt") s (made there when it was missing or stale)"
awk -f "$root/bench/median.awk" -f /dev/stdin "$out/e2e-times.txt" <<'AWK'
END {
	if (bad != "") { print "failed runs:" bad; exit 1 }
	printf "%-9s %10s %8s %14s %22s\n", "tool", "median s", "best s", "peak RSS MiB", "duckdb/tool (median)"
	me = median("echelon"); md = median("duckdb")
	tools[1] = "echelon"; tools[2] = "duckdb"; tools[3] = "baseline"
	for (i = 1; i <= 3; i++) {
		if (!((tools[i], 1) in t)) continue
		m = median(tools[i])
		printf "%-9s %10.3f %8.3f %14.0f %21.2fx\n", tools[i], m, best[tools[i]], rss[tools[i]] / 1024, md / m
	}
}
AWK

# The server: from `echelon serve` starting to its first monitoring answer,
# with a session made by an earlier run (signing in is argon2id's time, not
# the figures'), RUNS times.
if [ "${SERVER:-1}" = 1 ] && command -v curl >/dev/null 2>&1; then
	printf 'e2e-password\n' | "$ECHELON" user add e2e-analyst --role analyst --db "$DB" >/dev/null 2>&1 || true
	serve() {
		"$ECHELON" serve --db "$DB" --listen 127.0.0.1:0 >"$out/e2e-serve.out" 2>"$out/e2e-serve.err" &
		server=$!
		port=""
		while [ -z "$port" ]; do
			port=$(sed -n 's|^listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$out/e2e-serve.out")
			kill -0 $server 2>/dev/null || die "echelon serve stopped: $(cat "$out/e2e-serve.err")"
		done
	}
	serve
	curl -sf -m 30 -c "$out/e2e-cookies" -H 'Content-Type: application/json' \
		-d '{"username":"e2e-analyst","password":"e2e-password"}' "http://127.0.0.1:$port/api/v1/session" >/dev/null ||
		die "could not sign in"
	token=$(awk '$6 == "echelon_session" { print $7 }' "$out/e2e-cookies")
	kill -TERM $server
	wait $server || true
	: >"$out/e2e-serve-times.txt"
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		t0=$(date +%s.%N)
		serve
		t1=$(date +%s.%N)
		until curl -sf -m 30 -o /dev/null -H "Cookie: echelon_session=$token" \
			"http://127.0.0.1:$port/api/v1/monitor?period=$PERIOD&by=area"; do :; done
		t2=$(date +%s.%N)
		echo "$t0 $t1 $t2" >>"$out/e2e-serve-times.txt"
		kill -TERM $server
		wait $server || true
	done
	awk '{ l = $2 - $1; a = $3 - $1; sl += l; sa += a; if (NR == 1 || a > worst) worst = a }
	END { printf "echelon serve: listening %.3f s, first monitoring answer %.3f s after start (mean of %d; worst %.3f s)\n",
		sl / NR, sa / NR, NR, worst }' "$out/e2e-serve-times.txt"
fi
"$PYTHON" - "$out/e2e-echelon.csv" "$out/e2e-duckdb.csv" <<'PY'
import csv, math, sys
def rows(path, cols):
    with open(path, newline='') as f:
        return {(r['group_kind'], r['group_code']): [r[c] for c in cols] for r in csv.DictReader(f)}
cols = ['enterprises', 'value_added', 'value_added_base', 'value_added_real', 'growth_pct']
e, d = rows(sys.argv[1], cols), rows(sys.argv[2], cols)
bad = []
if set(e) != set(d):
    bad.append(f'groups differ: echelon {sorted(set(e) - set(d))}, duckdb {sorted(set(d) - set(e))}')
for k in sorted(set(e) & set(d)):
    for c, a, b in zip(cols, e[k], d[k]):
        x, y = float(a or 'nan'), float(b or 'nan')
        if not (x == y or (math.isnan(x) and math.isnan(y)) or abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1)):
            bad.append(f'{k} {c}: echelon {a}, duckdb {b}')
print(f'answers: {len(e)} rows; ' + ('every figure agrees (relative 1e-9)' if not bad else 'DIFFER'))
for b in bad[:10]:
    print('  ' + b)
sys.exit(1 if bad else 0)
PY
