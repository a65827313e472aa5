#!/bin/sh
# bench/import/run.sh — how fast `echelon import reports` loads a big file,
# side by side with the sqlite3 CLI's bare `.import` and with DuckDB.
#
#   bench/import/run.sh                    # 10 000 000 rows, one run each
#   ROWS=1000000 RUNS=3 bench/import/run.sh
#
# Environment:
#   ECHELON  the binary to measure (default: build/echelon, built by `make`)
#   ROWS     report rows (default 10000000) = ENTERPRISES x MONTHS
#   MONTHS   months per enterprise (default 100, from 2017-01)
#   ORDER    enterprise (default: each enterprise's months together, like
#            data/examples/reports.csv) or period (each month together)
#   RUNS     runs of each tool; the best (shortest) is shown (default 1)
#   KEEP     1 keeps the databases in bench/import/out/ (default: removed)
#
# What is timed (wall clock and peak RSS of the one process, by out/measure):
#   echelon          echelon import reports FILE --db DB, on a copy of a
#                    database that holds the catalogues and the enterprises:
#                    every field checked, rows stored in the typed `report`
#                    table (WITHOUT ROWID, primary key enterprise_id+period,
#                    foreign keys on), one transaction, WAL.
#   echelon dry-run  the same with --dry-run: read, parse and check every
#                    field, store nothing.
#   sqlite3          sqlite3 CLI, fresh database in WAL mode, `.mode csv` and
#                    `.import FILE reports_bare` with no table created
#                    beforehand: ten TEXT columns, rowid table, no key, no
#                    check (the floor for "CSV into SQLite").
#   duckdb           @duckdb/node-api (bench/package.json):
#                    CREATE TABLE reports AS SELECT * FROM read_csv(FILE,
#                    header = true) into a file database, then CHECKPOINT;
#                    includes starting node (~0.1 s); uses both cores.
# The CSV is read once before the runs so every tool finds it in the page
# cache. Installs nothing except `npm ci` in bench/ when bench/node_modules
# is missing; the rest comes from `scripts/deps.sh bench`.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
ECHELON=${ECHELON:-$root/build/echelon}
ROWS=${ROWS:-10000000}
MONTHS=${MONTHS:-100}
ORDER=${ORDER:-enterprise}
RUNS=${RUNS:-1}
KEEP=${KEEP:-0}

die() { echo "bench/import: $*" >&2; exit 1; }

case "$ROWS$MONTHS$RUNS" in *[!0-9]*) die "ROWS, MONTHS and RUNS must be whole numbers" ;; esac
if [ "$MONTHS" -lt 1 ] || [ "$MONTHS" -gt 1200 ]; then die "MONTHS must be 1..1200"; fi
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"
case "$ORDER" in enterprise|period) ;; *) die "ORDER must be enterprise or period" ;; esac
ENTERPRISES=$((ROWS / MONTHS))
[ "$ENTERPRISES" -ge 1 ] || die "ROWS must be at least MONTHS ($MONTHS)"
ROWS=$((ENTERPRISES * MONTHS))

[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON (run make, or set ECHELON)"
. "$root/bench/lib.sh"
need cc sqlite3 node npm
duckdb_node bench/import

mkdir -p "$out"
cc -O2 -std=c11 -o "$out/gen" "$here/gen.c"
cc -O2 -std=c11 -o "$out/measure" "$here/measure.c"

ents="$out/enterprises-$ENTERPRISES.csv"
reps="$out/reports-$ENTERPRISES-$MONTHS-$ORDER.csv"
if [ ! -s "$reps" ] || [ ! -s "$ents" ] || [ -n "$(find "$here/gen.c" -newer "$reps")" ]; then
	echo "bench/import: generating $ENTERPRISES enterprises x $MONTHS months ($ORDER order)" >&2
	"$out/gen" "$ENTERPRISES" "$MONTHS" "$ORDER" "$ents.tmp" "$reps.tmp"
	mv "$ents.tmp" "$ents"
	mv "$reps.tmp" "$reps"
fi
size=$(wc -c <"$reps")

base="$out/base.db"
rm -f "$base" "$base-wal" "$base-shm"
"$ECHELON" init --db "$base" >/dev/null
"$ECHELON" import enterprises "$ents" --db "$base" --quiet
[ ! -e "$base-wal" ] || die "base database left a WAL file"

db_e="$out/echelon.db" db_s="$out/sqlite3.db" db_d="$out/duckdb.duckdb"
clean() { rm -f "$db_e" "$db_e-wal" "$db_e-shm" "$db_s" "$db_s-wal" "$db_s-shm" "$db_d" "$db_d.wal"; }
clean
cat "$reps" >/dev/null # into the page cache for all

# run NAME COMMAND...: times one run, keeps the best per tool in $out/NAME.best
run() {
	name=$1
	shift
	if ! "$out/measure" "$out/$name.last" "$@" >"$out/$name.log" 2>&1; then
		cat "$out/$name.log" >&2
		die "$name failed"
	fi
	cat "$out/$name.last" >>"$out/$name.all"
	if [ ! -s "$out/$name.best" ] ||
		awk -v a="$(cut -d' ' -f1 "$out/$name.last")" -v b="$(cut -d' ' -f1 "$out/$name.best")" \
			'BEGIN { exit !(a < b) }'; then
		cp "$out/$name.last" "$out/$name.best"
	fi
}

count() { # DB TABLE
	sqlite3 "$1" "SELECT count(*) FROM $2"
}

rm -f "$out"/*.best "$out"/*.all
i=1
while [ "$i" -le "$RUNS" ]; do
	echo "bench/import: run $i of $RUNS, $ROWS rows, $((size / 1048576)) MiB" >&2

	clean
	cp "$base" "$db_e"
	sync
	run echelon "$ECHELON" import reports "$reps" --db "$db_e"
	n=$(count "$db_e" report)
	[ "$n" = "$ROWS" ] || die "echelon stored $n rows, expected $ROWS"
	rm -f "$db_e"
	sync

	run echelon-dry-run "$ECHELON" import reports "$reps" --db "$base" --dry-run
	grep -q "$ROWS rows of reports checked" "$out/echelon-dry-run.log" || die "dry run: $(cat "$out/echelon-dry-run.log")"

	run sqlite3 sqlite3 -batch "$db_s" "PRAGMA journal_mode = WAL;" ".mode csv" ".import '$reps' reports_bare"
	n=$(count "$db_s" reports_bare)
	[ "$n" = "$ROWS" ] || die "sqlite3 stored $n rows, expected $ROWS"
	rm -f "$db_s"
	sync

	run duckdb node "$here/duckdb_import.mjs" "$db_d" "$reps"
	grep -q "duckdb: $ROWS rows" "$out/duckdb.log" || die "duckdb: $(cat "$out/duckdb.log")"
	rm -f "$db_d"
	sync
	i=$((i + 1))
done

echo
echo "import of $ROWS report rows ($ENTERPRISES enterprises x $MONTHS months, $ORDER order, $((size / 1048576)) MiB CSV), best of $RUNS"
echo "echelon: $("$ECHELON" --version 2>/dev/null | head -1); sqlite3 $(sqlite3 --version | cut -d' ' -f1); duckdb $(node -p "require('$root/bench/node_modules/@duckdb/node-api/package.json').version" 2>/dev/null)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo
sq=$(cut -d' ' -f1 "$out/sqlite3.best")
printf '%-16s %9s %12s %14s %12s   %s\n' tool seconds rows/s "peak RSS MiB" "vs sqlite3" "all runs (s)"
for name in echelon echelon-dry-run sqlite3 duckdb; do
	read -r secs rss _ <"$out/$name.best"
	all=$(cut -d' ' -f1 "$out/$name.all" | tr '\n' ' ')
	awk -v n="$name" -v s="$secs" -v r="$rss" -v rows="$ROWS" -v sq="$sq" -v all="$all" \
		'BEGIN { printf "%-16s %9.2f %12.0f %14.0f %11.2fx   %s\n", n, s, rows / s, r / 1024, s / sq, all }'
done

[ "$KEEP" = 1 ] || clean
