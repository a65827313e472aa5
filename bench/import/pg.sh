#!/bin/sh
# bench/import/pg.sh — `echelon import reports` of one file into PostgreSQL
# against SQLite (issue 20): the whole process timed, the two interleaved
# (SQLite first in odd runs, PostgreSQL first in even ones), rows/s and the
# ratio pg/sqlite.
#
#   bench/import/pg.sh                       # 5 000 000 rows, 1 run each
#   ROWS=500000 RUNS=2 bench/import/pg.sh    # quick
#
# Environment:
#   ECHELON  the binary to measure (default build/echelon)
#   ROWS     report rows (default 5000000) = ENTERPRISES x MONTHS
#   MONTHS   months per enterprise (default 100, from 2017-01)
#   RUNS     runs of each store; the best (shortest) is shown (default 1)
#
# The file is bench/import/run.sh's (bench/import/gen.c, enterprise order),
# read once before the runs so both find it in the page cache. Each run
# starts from a store that holds the catalogues and the enterprises only:
# a copy of a SQLite database, or a PostgreSQL schema made afresh with
# `echelon init` and `echelon import enterprises`. PostgreSQL is a throwaway
# cluster on a unix socket (scripts/pg.sh: fsync off, synchronous_commit
# off, as the tests run it; a production cluster syncs). Both import in one
# transaction; PostgreSQL through COPY. Timed by bench/import/measure.c
# (wall clock and peak RSS of the echelon process; PostgreSQL's own
# processes are not in the RSS, and share the 2 cores).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
ECHELON=${ECHELON:-$root/build/echelon}
ROWS=${ROWS:-5000000}
MONTHS=${MONTHS:-100}
RUNS=${RUNS:-1}

die() { echo "bench/import/pg: $*" >&2; exit 1; }

case "$ROWS$MONTHS$RUNS" in *[!0-9]*) die "ROWS, MONTHS and RUNS must be whole numbers" ;; esac
[ "$RUNS" -ge 1 ] || die "RUNS must be at least 1"
ENTERPRISES=$((ROWS / MONTHS))
[ "$ENTERPRISES" -ge 1 ] || die "ROWS must be at least MONTHS ($MONTHS)"
ROWS=$((ENTERPRISES * MONTHS))
[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON (run make, or set ECHELON)"
. "$root/bench/lib.sh"
need cc sqlite3 psql

mkdir -p "$out"
cc -O2 -std=c11 -o "$out/gen" "$here/gen.c"
cc -O2 -std=c11 -o "$out/measure" "$here/measure.c"
ents="$out/enterprises-$ENTERPRISES.csv"
reps="$out/reports-$ENTERPRISES-$MONTHS-enterprise.csv"
if [ ! -s "$reps" ] || [ ! -s "$ents" ] || [ -n "$(find "$here/gen.c" -newer "$reps")" ]; then
	echo "bench/import/pg: generating $ENTERPRISES enterprises x $MONTHS months" >&2
	"$out/gen" "$ENTERPRISES" "$MONTHS" enterprise "$ents.tmp" "$reps.tmp"
	mv "$ents.tmp" "$ents"
	mv "$reps.tmp" "$reps"
fi
size=$(wc -c <"$reps")

# the cluster's socket path must be short (scripts/pg.sh): not under $out
dir=$(mktemp -d /tmp/bench-ipg.XXXXXX)
chmod 755 "$dir"
base="$out/pg-base.db" db="$out/pg-sqlite.db"
clean() { rm -f "$db" "$db-wal" "$db-shm"; }
trap '"$root/scripts/pg.sh" stop "$dir/pg" >/dev/null 2>&1; rm -rf "$dir"; clean; rm -f "$base"' EXIT
trap 'exit 130' INT TERM HUP
uri=$("$root/scripts/pg.sh" start "$dir/pg")
pg="$uri&options=-csearch_path%3Dbench"

rm -f "$base" "$base-wal" "$base-shm"
"$ECHELON" init --db "$base" >/dev/null
"$ECHELON" import enterprises "$ents" --db "$base" --quiet

# fresh STORE: the store as every run starts it
fresh() {
	if [ "$1" = sqlite ]; then
		clean
		cp "$base" "$db"
	else
		psql "$uri" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench"
		"$ECHELON" init --db "$pg" >/dev/null
		"$ECHELON" import enterprises "$ents" --db "$pg" --quiet
		psql "$pg" -qc "CHECKPOINT"
	fi
	sync
}
# run STORE: one timed import, checked, its line appended to $out/pg-STORE.all
run() {
	fresh "$1"
	[ "$1" = sqlite ] && target=$db || target=$pg
	_l=$(cut -d' ' -f1 /proc/loadavg)
	"$out/measure" "$out/pg-$1.last" "$ECHELON" import reports "$reps" --db "$target" >"$out/pg-$1.log" 2>&1 ||
		die "$1: $(tail -5 "$out/pg-$1.log")"
	if [ "$1" = sqlite ]; then
		n=$(sqlite3 "$db" "SELECT count(*) FROM report")
	else
		n=$(psql "$pg" -Atc "SELECT count(*) FROM report")
	fi
	[ "$n" = "$ROWS" ] || die "$1 stored $n rows, expected $ROWS"
	echo "$(cut -d' ' -f1-2 "$out/pg-$1.last") $_l" >>"$out/pg-$1.all"
	awk -v s="$1" -v rows="$ROWS" '{ printf "  %-8s %8.2f s %10.0f rows/s  peak RSS %5.0f MiB  load %s\n", s, $1, rows / $1, $2 / 1024, $3 }' \
		"$out/pg-$1.all" | tail -n 1
}

echo "bench/import/pg: $ROWS report rows ($ENTERPRISES enterprises x $MONTHS months, $((size / 1048576)) MiB CSV), $RUNS run(s) each"
echo "bench/import/pg: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $(psql "$uri" -Atc 'SHOW server_version' | cut -d' ' -f1), sqlite $(sqlite3 --version | cut -d' ' -f1)"
rm -f "$out/pg-sqlite.all" "$out/pg-postgres.all"
cat "$reps" >/dev/null
i=1
while [ "$i" -le "$RUNS" ]; do
	if [ $((i % 2)) = 1 ]; then set -- sqlite postgres; else set -- postgres sqlite; fi
	for s in "$@"; do run "$s"; done
	i=$((i + 1))
done

best() { sort -n "$out/pg-$1.all" | head -n 1 | cut -d' ' -f1; }
sq=$(best sqlite) pq=$(best postgres)
echo
echo "best of $RUNS: sqlite $sq s ($(awk -v r="$ROWS" -v s="$sq" 'BEGIN { printf "%.0f", r / s }') rows/s), postgres $pq s ($(awk -v r="$ROWS" -v s="$pq" 'BEGIN { printf "%.0f", r / s }') rows/s); postgres/sqlite rows/s $(awk -v a="$sq" -v b="$pq" 'BEGIN { printf "%.2f", a / b }')x; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
