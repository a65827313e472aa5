#!/bin/sh
# The column store (DATABASE.facts, docs/architecture.md "The column
# store"): written by every import and by the demo, named by the facts'
# generation, made again when missing, stale or damaged, and never a reason
# for a figure to change: every answer below is compared with the answer
# from a freshly made store.
set -eu
. "$SRC/tests/integration/lib/checks.sh"
W="$WORK/facts"
rm -rf "$W"
mkdir -p "$W"
DB="$W/f.db"
F="$DB.facts"
D="$SRC/tests/data/monitor"
monitor() { "$ECHELON" monitor --db "$DB" --period 2020-02 --by direction --format csv; }
gen() { sqlite3 "$DB" "SELECT generation FROM facts_state"; }
# the generation a column store names: bytes 24..31 of its header, host order
named() { od -An -t d8 -j 24 -N 8 "$F" | tr -d ' '; }

"$ECHELON" init --db "$DB" >/dev/null
"$ECHELON" import enterprises "$D/enterprises.csv" --db "$DB" --quiet
check "an import of enterprises writes the column store" '[ -s "$F" ]'
check "it names the database's generation" '[ "$(named)" = "$(gen)" ]'
g1=$(gen)
"$ECHELON" import deflators "$D/deflators.csv" --db "$DB" --quiet
"$ECHELON" import reports "$D/reports.csv" --db "$DB" --quiet
check "each import moves the generation and rewrites the store" '[ "$(gen)" -gt "$g1" ] && [ "$(named)" = "$(gen)" ]'
check "the store is as private as the database" '[ "$(stat -c %a "$F")" = "$(stat -c %a "$DB")" ]'
monitor >"$W/first.csv"
check "monitoring answers from it" '[ "$(wc -l <"$W/first.csv")" -gt 2 ]'
m1=$(stat -c %Y.%s "$F")

# A refused import moves nothing.
printf 'uscc,period,revenue\nnot-a-code,2020-13,x\n' >"$W/bad.csv"
g2=$(gen)
"$ECHELON" import reports "$W/bad.csv" --db "$DB" --quiet 2>/dev/null && bad "the bad file was accepted" || true
check "a refused import leaves the generation and the store" '[ "$(gen)" = "$g2" ] && [ "$(stat -c %Y.%s "$F")" = "$m1" ]'

# Missing: made again, the same figures.
rm -f "$F"
monitor >"$W/missing.csv"
check "a missing store is made again" '[ -s "$F" ] && [ "$(named)" = "$(gen)" ]'
check "with the same figures" 'cmp -s "$W/first.csv" "$W/missing.csv"'

# Stale: a change made behind its back (here straight in SQL, as another
# program could) is seen through the generation.
sqlite3 "$DB" "UPDATE report SET value_added = value_added * 2 WHERE period = (SELECT max(period) FROM report);
	UPDATE facts_state SET generation = generation + 1"
monitor >"$W/stale.csv"
check "a stale store is made again" '[ "$(named)" = "$(gen)" ]'
check "and answers for the new data" '! cmp -s "$W/first.csv" "$W/stale.csv"'
sqlite3 "$DB" "UPDATE report SET value_added = value_added / 2 WHERE period = (SELECT max(period) FROM report);
	UPDATE facts_state SET generation = generation + 1"
monitor >"$W/back.csv"
check "back to the first figures" 'cmp -s "$W/first.csv" "$W/back.csv"'

# Damaged: a byte flipped in a report column (found while streaming), in the
# header, and a truncated file; each is made again with the same figures.
damage() { # offset [byte, octal]
	printf "\\${2:-377}" | dd of="$F" bs=1 seek="$1" conv=notrunc status=none
}
size=$(stat -c %s "$F")
damage $((size - 100))
monitor >"$W/damaged-tail.csv"
check "a damaged dictionary is found and the store made again" 'cmp -s "$W/first.csv" "$W/damaged-tail.csv"'
# the value_added column starts at the 8th column's offset: read it from the header
va=$(od -An -t u8 -j $((64 + 7 * 48 + 24)) -N 8 "$F" | tr -d ' ')
byte() { od -An -t u1 -j "$1" -N 1 "$F" | tr -d ' '; }
was=$(byte $((va + 9)))
if [ "$was" = 255 ]; then damage $((va + 9)) 000; else damage $((va + 9)); fi
check "the byte is damaged" '[ "$(byte $((va + 9)))" != "$was" ]'
monitor >"$W/damaged-va.csv"
check "a damaged report column is found on the way through, the figures kept" 'cmp -s "$W/first.csv" "$W/damaged-va.csv"'
check "and the store was made again" '[ "$(byte $((va + 9)))" = "$was" ]'
damage 3
monitor >"$W/damaged-header.csv"
check "a damaged header is found, the figures kept" 'cmp -s "$W/first.csv" "$W/damaged-header.csv"'
truncate -s 5000 "$F"
monitor >"$W/truncated.csv"
check "a truncated store is found, the figures kept" 'cmp -s "$W/first.csv" "$W/truncated.csv"'
printf 'not a column store at all' >"$F"
monitor >"$W/garbage.csv"
check "a file that is not a store is replaced" 'cmp -s "$W/first.csv" "$W/garbage.csv" && [ "$(named)" = "$(gen)" ]'

# A directory that cannot take the file: the figures still come (from an
# unnamed copy), and nothing is left beside the database.
R="$W/ro"
mkdir -p "$R"
cp "$DB" "$R/f.db"
chmod 0555 "$R"
if [ "$(id -u)" = 0 ]; then
	ok "read-only directory: skipped as root (root writes anywhere)"
else
	"$ECHELON" monitor --db "$R/f.db" --period 2020-02 --by direction --format csv >"$W/ro.csv"
	check "a read-only directory still gets the figures" 'cmp -s "$W/first.csv" "$W/ro.csv"'
fi
chmod 0755 "$R"

# An import of reports is merged into the file before (the file of the
# generation the import began at, with the imported rows put over it), not
# made by reading every report back: the merged file must be the very bytes
# a file made afresh from the database has. Once with months replaced and
# added, once with a new year (the file's months grow) and an enterprise's
# first month of it.
fresh_facts() { # NAME: the store made afresh from the database, kept as $W/NAME.facts
	mv "$F" "$W/$1.merged"
	monitor >/dev/null
	cp "$F" "$W/$1.facts"
}
printf '%s\n' "uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports" \
	"91320506000001000P,2020-02,12000,900,250,3,1.5,2,7,0" \
	"914403050000010037,2019-02,5000,300,80,2,0,0,0,0" \
	"914403050000010037,2020-01,5100,310,81,2,0,1,0,0" >"$W/replace.csv"
"$ECHELON" import reports "$W/replace.csv" --db "$DB" --quiet
check "an import of replaced and added months: the store names the new generation" '[ "$(named)" = "$(gen)" ]'
monitor >"$W/replace-merged.out"
fresh_facts replace
check "the merged store is byte for byte the store made afresh" 'cmp -s "$W/replace.merged" "$W/replace.facts"'
check "with the same figures" 'monitor | cmp -s - "$W/replace-merged.out"'
printf '%s\n' "uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports" \
	"91440305000001007K,2021-03,7000,700,170,4,2,0,1,1" \
	"91320506000001002X,2021-01,100,10,5,1,0,0,0,0" \
	"91320506000001000P,2019-01,16000,420,110,1,0,0,0,0" >"$W/newyear.csv"
"$ECHELON" import reports "$W/newyear.csv" --db "$DB" --quiet
fresh_facts newyear
check "an import of a new year: merged, byte for byte the store made afresh" 'cmp -s "$W/newyear.merged" "$W/newyear.facts"'
check "the store holds the new year (36 months from 2019-01)" '[ "$(od -An -t d4 -j 44 -N 4 "$F" | tr -d " ")" = 36 ]'
# The merge reads no report out of the database: a change made behind the
# store's back without moving the generation (no program of echelon's does
# this) stays out of the merged file, and is in the file made afresh. Here
# it shows that the import merged rather than made the file again.
sqlite3 "$DB" "UPDATE report SET revenue = revenue + 1 WHERE period = $((2019 * 12))"
"$ECHELON" import reports "$W/replace.csv" --db "$DB" --quiet
fresh_facts behind
check "the store after an import is merged, not made again from the database" '! cmp -s "$W/behind.merged" "$W/behind.facts"'
sqlite3 "$DB" "UPDATE report SET revenue = revenue - 1 WHERE period = $((2019 * 12)); UPDATE facts_state SET generation = generation + 1"
# No file of the generation before (missing): made afresh after the import.
rm -f "$F"
"$ECHELON" import reports "$W/replace.csv" --db "$DB" --quiet
check "without a store before, the import makes it afresh" '[ "$(named)" = "$(gen)" ]'
mv "$F" "$W/nobefore.made"
monitor >/dev/null
check "the same bytes as the store made by a reader" 'cmp -s "$W/nobefore.made" "$F"'

# The demo writes it in the same step.
"$ECHELON" demo generate --db "$W/demo.db" --enterprises 500 >/dev/null
check "the demo writes the store" '[ -s "$W/demo.db.facts" ]'
finish
