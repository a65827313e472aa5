#!/bin/sh
# The column store of a PostgreSQL store (issue 20, part 3): made from the
# reports streamed by binary COPY, kept in the cache directory under the
# store's identity (ECHELON_FACTS_DIR here), private, made again when it is
# missing, damaged or stale and by the import that moved the facts; its
# figures equal SQLite's on the same demo. Then two imports at once: a
# reader sees the old month or one import's, never a mix. Run by ctest as
# pg/facts on the pg fixture's cluster (EC_PG_URI).
set -eu
: "${EC_PG_URI:?the cluster's URI}" "${ECHELON:?}" "${SRC:?}" "${WORK:?}"
work="$WORK/pg-facts"
rm -rf "$work"
mkdir -p "$work"
pass=0 fail=0
check() { # check STATUS MESSAGE
	if [ "$1" = 0 ]; then pass=$((pass + 1)); echo "ok - $2"; else fail=$((fail + 1)); echo "not ok - $2"; fi
}
schema() { # schema NAME: drop and make it again
	psql "$EC_PG_URI" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $1 CASCADE; CREATE SCHEMA $1"
}
cleanup() {
	psql "$EC_PG_URI" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS pgfacts CASCADE" \
		>/dev/null 2>&1 || true
}
trap cleanup EXIT
export ECHELON_FACTS_DIR="$work/cache" ECHELON_LANG=en
db="$EC_PG_URI&options=-csearch_path%3Dpgfacts"
schema pgfacts
"$ECHELON" demo generate --db "$work/demo.db" --enterprises 2000 >/dev/null
"$ECHELON" demo generate --db "$db" --enterprises 2000 >/dev/null

# made by the demo (its last change moved the facts), named by the identity
st=$("$ECHELON" status --db "$db" | sed -n 2p)
file=$(ls "$work/cache"/echelon_test-pgfacts-*.facts 2>/dev/null | head -n 1)
r=1; [ -n "$file" ] && case "$st" in *"$file"*"(current)"*) r=0 ;; esac
check $r "the demo left a current column store in the cache directory ($st)"
r=1; [ "$(stat -c %a "$work/cache")" = 700 ] && [ "$(stat -c %a "$file")" = 600 ] && r=0
check $r "the cache directory is 0700 and the copy 0600 (they hold microdata)"

monitor() { # monitor DB: the provinces' figures as CSV
	"$ECHELON" monitor --db "$1" --period 2020-06 --by province --format csv
}
monitor "$work/demo.db" >"$work/sqlite.csv"
monitor "$db" >"$work/pg.csv"
r=1; [ -s "$work/pg.csv" ] && cmp -s "$work/sqlite.csv" "$work/pg.csv" && r=0
check $r "monitor by province on PostgreSQL equals SQLite's on the same demo"
before=$(stat -c %Y.%i "$file")
monitor "$db" >"$work/pg2.csv"
r=1; [ "$(stat -c %Y.%i "$file")" = "$before" ] && cmp -s "$work/pg.csv" "$work/pg2.csv" && r=0
check $r "a second process reads the kept copy (not made again)"

rm -f "$file"
monitor "$db" >"$work/pg3.csv"
r=1; [ -f "$file" ] && cmp -s "$work/pg.csv" "$work/pg3.csv" && r=0
check $r "a missing copy is made again, the same figures"
# damage the report columns past the header: the reader finds it by the
# checksum, makes the copy again and answers from the new one
size=$(stat -c %s "$file")
printf 'XXXXXXXXXXXXXXXX' | dd of="$file" bs=1 seek=$((size - 4096)) conv=notrunc 2>/dev/null
monitor "$db" >"$work/pg4.csv"
r=1; cmp -s "$work/pg.csv" "$work/pg4.csv" && r=0
check $r "a damaged copy is never read: the figures stay equal"

# an import that moves the facts makes the copy in the same step
"$ECHELON" export reports --db "$db" --from 2020-06 --to 2020-06 >"$work/june.csv"
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } { $5 = 1000; print }' "$work/june.csv" >"$work/a.csv"
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } { $5 = 2000; print }' "$work/june.csv" >"$work/b.csv"
"$ECHELON" import reports "$work/a.csv" --db "$db" >/dev/null
st=$("$ECHELON" status --db "$db" | sed -n 2p)
r=1; case "$st" in *"(current)"*) r=0 ;; esac
check $r "after an import the copy is current at once ($st)"
monitor "$db" >"$work/pg5.csv"
r=1; cmp -s "$work/pg.csv" "$work/pg5.csv" || r=0
check $r "the import's figures are read (the monitor moved)"

# a schema made again under the same name is another store: a new copy,
# the old one's removed
schema pgfacts
"$ECHELON" demo generate --db "$db" --enterprises 300 >/dev/null
n=$(ls "$work/cache"/echelon_test-pgfacts-*.facts | wc -l)
new=$(ls "$work/cache"/echelon_test-pgfacts-*.facts | head -n 1)
r=1; [ "$n" = 1 ] && [ "$new" != "$file" ] && r=0
check $r "a schema made again gets a copy of its own, the old one removed ($n file)"

# no cache directory: figures still, from a copy made for the read
r=0
out=$(env -u ECHELON_FACTS_DIR -u XDG_CACHE_HOME -u HOME "$ECHELON" status --db "$db" | sed -n 2p) || r=$?
case "$out" in *"no cache directory"*) ;; *) r=1 ;; esac
env -u ECHELON_FACTS_DIR -u XDG_CACHE_HOME -u HOME "$ECHELON" monitor --db "$db" --period 2020-06 --by area \
	>"$work/nodir.csv" || r=$?
[ -s "$work/nodir.csv" ] || r=1
check $r "without a cache directory status says so and the figures are made for the read"

# Two imports at once, a reader between: every export of June is the old
# month, import A's or import B's, whole (value added all 1000, all 2000 or
# the demo's), never a mix.
schema pgfacts
"$ECHELON" demo generate --db "$db" --enterprises 2000 >/dev/null
"$ECHELON" export reports --db "$db" --from 2020-06 --to 2020-06 >"$work/june.csv"
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } { $5 = 1000; print }' "$work/june.csv" >"$work/a.csv"
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } { $5 = 2000; print }' "$work/june.csv" >"$work/b.csv"
rows=$(($(wc -l <"$work/june.csv") - 1))
i=0
: >"$work/seen"
while [ $i -lt 3 ]; do
	"$ECHELON" import reports "$work/a.csv" --db "$db" >/dev/null &
	pa=$!
	"$ECHELON" import reports "$work/b.csv" --db "$db" >/dev/null &
	pb=$!
	while kill -0 $pa 2>/dev/null || kill -0 $pb 2>/dev/null; do
		"$ECHELON" export reports --db "$db" --from 2020-06 --to 2020-06 |
			awk -F, -v rows="$rows" 'NR > 1 { n++; if ($5 == 1000) a++; else if ($5 == 2000) b++; else o++ }
				END { print (n == rows && (a == n || b == n || o == n)) ? "whole" : "MIX " a "/" b "/" o }' \
			>>"$work/seen"
	done
	wait $pa && wait $pb || echo "an import failed" >>"$work/seen"
	i=$((i + 1))
done
reads=$(wc -l <"$work/seen")
r=1; [ "$reads" -gt 0 ] && ! grep -qv '^whole$' "$work/seen" && r=0
check $r "two imports at once, 3 rounds: $reads reads between, every one whole ($(sort "$work/seen" | uniq -c | tr -s ' \n' ' '))"
monitor "$db" >"$work/end.csv"
"$ECHELON" export reports --db "$db" --from 2020-06 --to 2020-06 |
	awk -F, 'NR > 1 { v[$5]++ } END { for (k in v) print k }' >"$work/end.values"
r=1; [ "$(wc -l <"$work/end.values")" = 1 ] && r=0
check $r "after both, June is one import's ($(tr '\n' ' ' <"$work/end.values"))"
st=$("$ECHELON" status --db "$db" | sed -n 2p)
r=1; case "$st" in *"(current)"*) r=0 ;; esac
check $r "and the column store is current"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
