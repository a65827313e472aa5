#!/bin/sh
# Integration test of the `echelon` command line: help and version, usage
# errors with hints, the catalogue listings, classify, and loading the SEI
# classification in the official layout (tests/data/catalog).
#
# Environment: ECHELON (the binary), SRC (the repository root), WORK (a
# scratch directory; this script uses $WORK/cli).
set -eu

: "${ECHELON:?set ECHELON to the echelon binary}"
: "${SRC:?set SRC to the repository root}"
: "${WORK:?set WORK to a scratch directory}"

case $WORK in /*) ;; *) WORK=$(pwd)/$WORK ;; esac
W=$WORK/cli
CAT=$SRC/tests/data/catalog
EX=$SRC/data/examples
rm -rf "$W"
mkdir -p "$W"
. "$SRC/tests/integration/lib/checks.sh" # db_uri, db_copy (its check is this file's own, below)

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
notok() { fail=$((fail + 1)); echo "not ok - $*"; }
check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else notok "$what"; fi
}
# run ARGS...: runs echelon; sets rc, stdout in $W/out, stderr in $W/err.
run() {
	rc=0
	"$ECHELON" "$@" >"$W/out" 2>"$W/err" || rc=$?
}
# expect_usage DESCRIPTION PATTERN ARGS...: exit 2 and stderr matching PATTERN.
expect_usage() {
	what=$1
	pattern=$2
	shift 2
	run "$@"
	if [ "$rc" -eq 2 ] && grep -q -- "$pattern" "$W/err"; then
		ok "$what: exit 2, says '$pattern'"
	else
		notok "$what: exit $rc (expected 2), stderr should match '$pattern'"
		sed 's/^/# /' "$W/err"
	fi
}

DB=$(db_uri "$W/cli.db")
"$ECHELON" init --db "$DB" >/dev/null
"$ECHELON" import enterprises "$EX/enterprises.csv" --db "$DB" --quiet

# ---- help and version ----

run help
check "help: exit 0" test "$rc" -eq 0
check "help: starts with the usage line" test "$(head -1 "$W/out")" = "usage: echelon <command> [options]"
for cmd in init import export catalog classify status help version; do
	check "help lists $cmd" grep -q "^  $cmd " "$W/out"
done
for cmd in init import export catalog classify status; do
	run help "$cmd"
	check "help $cmd: exit 0 with its usage line" \
		test "$rc" -eq 0 -a "$(head -1 "$W/out" | cut -d' ' -f1-3)" = "usage: echelon $cmd"
done
run help import
# shellcheck disable=SC2016
check "help import names --db, --dry-run and the exit codes" \
	sh -c 'grep -q -- "--db FILE" "$1" && grep -q -- "--dry-run" "$1" && grep -q "Exit status" "$1"' sh "$W/out"
run --version
check "--version: exit 0, prints 'echelon X.Y.Z'" \
	test "$rc" -eq 0 -a -n "$(grep -E '^echelon [0-9]+\.[0-9]+\.[0-9]+' "$W/out")"
cp "$W/out" "$W/version"
run version
check "version prints the same as --version" cmp -s "$W/out" "$W/version"
run --help
check "--help: exit 0 and the general help" test "$rc" -eq 0 -a "$(head -1 "$W/out")" = "usage: echelon <command> [options]"

# ---- usage errors: exit 2 with a hint ----

expect_usage "no command" "usage: echelon <command>"
expect_usage "unknown command" "no command 'imprt' (did you mean 'import'?)" imprt reports x.csv --db "$DB"
expect_usage "unknown command" "no command 'exprot' (did you mean 'export'?)" exprot reports --db "$DB"
expect_usage "unknown command, nothing close" "no command 'frobnicate'; see \`echelon help\`" frobnicate
expect_usage "help for an unknown command" "no command 'nosuch'" help nosuch
expect_usage "unknown option" "unknown option '--dryrun' (did you mean '--dry-run'?)" \
	import reports "$EX/reports.csv" --db "$DB" --dryrun
expect_usage "unknown option" "unknown option '--fromat' (did you mean '--format'?)" \
	catalog areas --fromat csv --db "$DB"
expect_usage "unknown option" "unknown option '--form' (did you mean '--from'?)" \
	export reports --db "$DB" --form 2020-01
expect_usage "unknown option, usage shown" "see \`echelon help import\`" \
	import reports "$EX/reports.csv" --db "$DB" --verbose
for cmd in "import reports $EX/reports.csv" "export reports" "status" "init"; do
	# shellcheck disable=SC2086
	expect_usage "$cmd without --db" "--db FILE is required" $cmd
done
expect_usage "an option without its value" "option '--format' needs a value" catalog areas --db "$DB" --format
expect_usage "an unknown format" "--format: 'xml': expected table, csv, json or xlsx" catalog areas --db "$DB" --format xml
expect_usage "an unknown kind" "'report': expected enterprises, reports or deflators" import report x.csv --db "$DB"
expect_usage "an unknown list" "'area': expected areas, categories, mappings, industries, regions or load" \
	catalog area --db "$DB"
expect_usage "a bad period" "--from: '2020-13' is not a period, expected YYYY-MM" export reports --db "$DB" --from 2020-13
expect_usage "--from after --to" "--from: '2020-06' is after to '2020-01'" \
	export reports --db "$DB" --from 2020-06 --to 2020-01
expect_usage "an extra argument" "unexpected argument 'extra'" status --db "$DB" extra

# ---- catalogue listings ----

# Without --db the built-in catalogues are listed (slow under the sanitizers:
# only twice).
run catalog areas --format csv
check "catalog areas --format csv: exit 0" test "$rc" -eq 0
check "catalog areas: header code,name_zh,name_en,directions,sub_directions" \
	test "$(head -1 "$W/out")" = "code,name_zh,name_en,directions,sub_directions"
check "catalog areas: 9 data rows" test "$(($(wc -l <"$W/out") - 1))" -eq 9
check "catalog areas: codes 1..9" test "$(tail -n +2 "$W/out" | cut -d, -f1 | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 "
cp "$W/out" "$W/areas.builtin"
run catalog areas --format csv --db "$DB"
check "catalog areas from the database equals the built-in one" cmp -s "$W/out" "$W/areas.builtin"

run catalog categories --format json
check "catalog categories --format json: exit 0" test "$rc" -eq 0
check "catalog categories --format json is valid JSON" /usr/bin/python3 -m json.tool "$W/out" /dev/null
# shellcheck disable=SC2016
check "catalog categories json: objects with code, level, parent, name_zh, name_en" /usr/bin/python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert isinstance(rows, list) and len(rows) >= 9
assert all(set(r) == {"code", "level", "parent", "name_zh", "name_en"} for r in rows), rows[0]
assert sum(1 for r in rows if str(r["level"]) == "1") == 9
' "$W/out"
for list in categories mappings industries regions; do
	run catalog "$list" --format csv --db "$DB"
	check "catalog $list --format csv: exit 0, rows" test "$rc" -eq 0 -a "$(wc -l <"$W/out")" -gt 2
	run catalog "$list" --format json --db "$DB"
	check "catalog $list --format json is valid JSON" /usr/bin/python3 -m json.tool "$W/out" /dev/null
done
run catalog categories --format csv --db "$DB"
check "catalog categories: header code,level,parent,name_zh,name_en" \
	test "$(head -1 "$W/out")" = "code,level,parent,name_zh,name_en"
run catalog mappings --format csv --db "$DB"
check "catalog mappings: header category,industry,partial" test "$(head -1 "$W/out")" = "category,industry,partial"
run catalog areas --db "$DB"
check "catalog areas as a table: exit 0, header and 9 rows" \
	test "$rc" -eq 0 -a "$(wc -l <"$W/out")" -eq 11

# ---- classify ----

run classify 3973
check "classify 3973: exit 0" test "$rc" -eq 0
check "classify 3973 names a primary category or says not SEI" grep -Eq '^(primary category: [0-9]+\.[0-9]+\.[0-9]+ |not SEI: )' "$W/out"
run classify 3973 --db "$DB" --format csv
check "classify 3973 --format csv: one primary row" test "$rc" -eq 0 -a "$(awk -F, 'NR > 1 && $NF == 1' "$W/out" | wc -l)" -eq 1
run classify 1312 --db "$DB"
check "classify 1312 (flour milling): not SEI" test "$rc" -eq 0 -a -n "$(grep '^not SEI: ' "$W/out")"
run classify 9999 --db "$DB"
check "classify 9999: exit 3" test "$rc" -eq 3
check "classify 9999: says the class is unknown" grep -q "unknown industry class '9999'" "$W/err"
run classify 39 --db "$DB"
check "classify 39 (a division): exit 3" test "$rc" -eq 3
run classify 3973 --declared 9.9.9 --db "$DB"
check "classify --declared with an unknown category: exit 3" test "$rc" -eq 3
check "classify --declared with an unknown category: names it" grep -q "unknown SEI category '9.9.9'" "$W/err"

# ---- catalog load sei: the official layout ----

run catalog categories --format csv --db "$DB"
cp "$W/out" "$W/categories.before"
run catalog mappings --format csv --db "$DB"
cp "$W/out" "$W/mappings.before"

DB2=$(db_copy "$DB" "$W/official.db")
rc=0
(cd "$CAT" && "$ECHELON" catalog load sei sei_official.csv --db "$DB2") >"$W/out" 2>"$W/err" || rc=$?
check "catalog load sei (official layout): exit 0" test "$rc" -eq 0
check "catalog load sei: nothing on stderr" test ! -s "$W/err"
sed 's/^/# /' "$W/err" | head -5
check "catalog load sei: says what was loaded" grep -q "^sei_official.csv: loaded: 4 SEI categories, 6 mappings" "$W/out"
run catalog categories --format csv --db "$DB2"
if cmp -s "$CAT/sei_official.categories" "$W/out"; then
	ok "catalog load sei replaces the categories"
else
	notok "catalog load sei replaces the categories"
	diff -u "$CAT/sei_official.categories" "$W/out" | sed 's/^/# /' || true
fi
run catalog mappings --format csv --db "$DB2"
if cmp -s "$CAT/sei_official.mappings" "$W/out"; then
	ok "catalog load sei replaces the mappings (with * and ＊ as partial)"
else
	notok "catalog load sei replaces the mappings (with * and ＊ as partial)"
	diff -u "$CAT/sei_official.mappings" "$W/out" | sed 's/^/# /' || true
fi
run catalog areas --format csv --db "$DB2"
check "after the load: 1 area with 1 direction and 2 sub-directions" \
	test "$(tail -n +2 "$W/out")" = "1,新一代信息技术产业,新一代信息技术产业,1,2"
run classify 3912 --db "$DB2" --format csv
check "after the load: classify 3912 is a partial match of 1.1.2" grep -q '^1\.1\.2,.*,partial,' "$W/out"
run classify 3911 --db "$DB2"
check "after the load: classify 3911 has primary 1.1.2" grep -q '^primary category: 1\.1\.2 ' "$W/out"
run status --db "$DB2"
check "after the load: the database still opens" test "$rc" -eq 0

# The official layout loaded as sei-mappings carries its categories: both
# are stored, as the message and the audit line say.
DB2=$(db_copy "$DB" "$W/official.db")
rc=0
(cd "$CAT" && "$ECHELON" catalog load sei-mappings sei_official.csv --db "$DB2") >"$W/out" 2>"$W/err" || rc=$?
check "catalog load sei-mappings (official layout): exit 0" test "$rc" -eq 0
check "catalog load sei-mappings: says 4 categories" grep -q "^sei_official.csv: loaded: 4 SEI categories, 6 mappings" "$W/out"
run catalog categories --format csv --db "$DB2"
check "catalog load sei-mappings (official layout) stores its categories" cmp -s "$CAT/sei_official.categories" "$W/out"
run catalog mappings --format csv --db "$DB2"
check "catalog load sei-mappings (official layout) stores its mappings" cmp -s "$CAT/sei_official.mappings" "$W/out"

# A bad official file (an unknown class) is rejected; nothing changes.
DB2=$(db_copy "$DB" "$W/official.db")
rc=0
(cd "$CAT" && "$ECHELON" catalog load sei sei_official_bad.csv --db "$DB2") >"$W/out" 2>"$W/err" || rc=$?
check "catalog load sei with an unknown class: exit 3" test "$rc" -eq 3
if cmp -s "$CAT/sei_official_bad.expected" "$W/err"; then
	ok "catalog load sei with an unknown class: stderr as expected"
else
	notok "catalog load sei with an unknown class: stderr as expected"
	diff -u "$CAT/sei_official_bad.expected" "$W/err" | head -20 | sed 's/^/# /' || true
fi
run catalog categories --format csv --db "$DB2"
check "catalog load sei rejected: categories unchanged" cmp -s "$W/categories.before" "$W/out"
run catalog mappings --format csv --db "$DB2"
check "catalog load sei rejected: mappings unchanged" cmp -s "$W/mappings.before" "$W/out"

run catalog load sei "$W/no-such.csv" --db "$DB2"
check "catalog load sei of a missing file: exit 4" test "$rc" -eq 4
expect_usage "catalog load of an unknown catalogue" "'foo': expected sei" catalog load foo x.csv --db "$DB2"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
