#!/bin/sh
# bench/import/xlsx.sh — the same report rows imported from an Excel
# workbook and from CSV, side by side (issue: XLSX within 3x the CSV).
#
#   bench/import/xlsx.sh                 # 1 000 000 rows, 3 runs each, interleaved
#   ROWS=200000 RUNS=1 bench/import/xlsx.sh
#
# The rows come from bench/import/gen.c (ENTERPRISES x 100 months); the
# workbook is written from the same CSV by tests/integration/lib/xlsx.py
# (shared strings for the codes and periods, numbers as numbers, deflated as
# Excel does). Each run imports into a fresh copy of a database that holds
# the catalogues and the enterprises, whole process, wall clock and peak RSS
# (/usr/bin/time). No peer reads .xlsx here without a download (DuckDB's
# excel extension, openpyxl are not in Debian's packages), so the reference
# is echelon's own CSV import of the same rows, itself measured against
# DuckDB and sqlite3 in bench/import/run.sh.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out/xlsx"
ECHELON=${ECHELON:-$root/build/echelon}
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
MONTHS=100
ENTERPRISES=$((ROWS / MONTHS))

[ -x "$ECHELON" ] || { echo "bench/import/xlsx: no echelon at $ECHELON" >&2; exit 1; }
mkdir -p "$out"
cc -O2 -std=c11 -o "$out/gen" "$here/gen.c"
if [ ! -s "$out/reports.csv" ] || [ "$(($(wc -l <"$out/reports.csv") - 1))" != "$ROWS" ]; then
	"$out/gen" "$ENTERPRISES" "$MONTHS" enterprise "$out/enterprises.csv" "$out/reports.csv"
	rm -f "$out/reports.xlsx"
fi
if [ ! -s "$out/reports.xlsx" ]; then
	echo "bench/import/xlsx: writing the workbook of $ROWS rows" >&2
	/usr/bin/python3 "$root/tests/integration/lib/xlsx.py" "$out/reports.csv" "$out/reports.xlsx"
fi
rm -f "$out/base.db"
"$ECHELON" init --db "$out/base.db" >/dev/null
"$ECHELON" import enterprises "$out/enterprises.csv" --db "$out/base.db" --quiet

run() { # FILE -> "seconds rss_kib"
	rm -f "$out/run.db" "$out/run.db-wal" "$out/run.db-shm"
	cp "$out/base.db" "$out/run.db"
	/usr/bin/time -f "%e %M" -o "$out/time" "$ECHELON" import reports "$1" --db "$out/run.db" --quiet
	cat "$out/time"
}

echo "rows $ROWS; csv $(du -k "$out/reports.csv" | cut -f1) KiB, xlsx $(du -k "$out/reports.xlsx" | cut -f1) KiB; load $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
i=0
while [ "$i" -lt "$RUNS" ]; do
	c=$(run "$out/reports.csv")
	x=$(run "$out/reports.xlsx")
	echo "run $((i + 1)): csv ${c%% *} s (${c##* } KiB), xlsx ${x%% *} s (${x##* } KiB), ratio $(echo "${x%% *} ${c%% *}" | awk '{ printf "%.2f", $1 / $2 }')"
	i=$((i + 1))
done
