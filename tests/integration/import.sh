#!/bin/sh
# Integration test of `echelon import` and `echelon export` on real files and
# real databases.
#
# For every case in tests/data/import (CASE.csv, CASE.kind, CASE.expected):
# the import runs from inside tests/data/import with the bare file name, on a
# fresh copy of a base database holding the example data. A case whose
# expected stderr is empty must be stored (exit 0); any other must be
# rejected (exit 3) with exactly the expected stderr, and the database must be
# left exactly as it was (all three exports and the import log). A good case
# with CASE.export is also imported into a fresh database and exported again;
# the export must equal CASE.export byte for byte.
#
# Then: --dry-run stores nothing; importing twice is idempotent and updates
# rows; export -> import -> export round-trips byte for byte; exit 4 for a
# missing file, a missing database and a database newer than the binary.
#
# Environment: ECHELON (the binary), SRC (the repository root), WORK (a
# scratch directory; this script uses $WORK/import).
set -eu

: "${ECHELON:?set ECHELON to the echelon binary}"
: "${SRC:?set SRC to the repository root}"
: "${WORK:?set WORK to a scratch directory}"

case $WORK in /*) ;; *) WORK=$(pwd)/$WORK ;; esac
W=$WORK/import
DATA=$SRC/tests/data/import
EX=$SRC/data/examples
rm -rf "$W"
mkdir -p "$W"
. "$SRC/tests/integration/lib/checks.sh" # db_uri, db_copy, db_sql (its check is this file's own, below)

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
notok() { fail=$((fail + 1)); echo "not ok - $*"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else notok "$what"; fi
}

# dbcopy DB FILE: a copy of DB, with its WAL files if any, as the
# database FILE names; prints what --db takes for it.
dbcopy() {
	if on_pg; then
		db_copy "$1" "$2"
		return
	fi
	rm -f "$2" "$2-wal" "$2-shm"
	cp "$1" "$2"
	for x in -wal -shm; do
		if [ -f "$1$x" ]; then cp "$1$x" "$2$x"; fi
	done
	echo "$2"
}

# Writes everything a database holds that an import may change to $2.
snapshot() {
	{
		for k in enterprises reports deflators; do
			"$ECHELON" export "$k" --db "$1" || echo "export $k failed: $?"
		done
		echo "import_log: $(db_sql "$1" "select count(*) from import_log where result = 'stored'")"
	} >"$2" 2>&1
}

# A database with the catalogues only (init is made once and copied: it is
# slow under the sanitizers).
EMPTY=$(db_uri "$W/empty.db")
"$ECHELON" init --db "$EMPTY" >/dev/null
fresh() {
	dbcopy "$EMPTY" "$1"
}

# The base: the catalogues and the three example files.
BASE=$(fresh "$W/base.db")
for k in enterprises deflators reports; do
	"$ECHELON" import "$k" "$EX/$k.csv" --db "$BASE" --quiet
done
snapshot "$BASE" "$W/base.snap"
check "base database holds the example data" \
	test "$(db_sql "$BASE" 'select count(*) from report')" -eq "$(($(wc -l <"$EX/reports.csv") - 1))"

# english_words FILE: the words of Latin letters a Chinese message has
# left once file names, quoted values, headers, format names (GB/T,
# YYYY-MM, UTF-8) and options are taken out; none is expected.
english_words() {
	sed -e 's/^echelon: //' -e 's/[A-Za-z0-9_.-]*\.csv//g' -e 's/“[^”]*”//g' -e 's/（[a-z_,0-9]*）//g' \
		-e 's/[a-z_]*,[a-z_,]*//g' -e 's#GB/T#-#g; s/YYYY-MM-DD//g; s/YYYY-MM//g; s/UTF-8//g; s#GB18030/GBK##g' \
		-e 's/--[a-z-]*//g' "$1" | grep -oE '[A-Za-z]{2,}' || true
}

# ---- one case per fixture ----

ncases=0
for csv in "$DATA"/*.csv; do
	case=$(basename "$csv" .csv)
	if [ ! -f "$DATA/$case.kind" ] || [ ! -f "$DATA/$case.expected" ]; then
		notok "$case: $case.kind and $case.expected exist"
		continue
	fi
	ncases=$((ncases + 1))
	kind=$(cat "$DATA/$case.kind")
	# On PostgreSQL a case to be refused runs on the base itself: a copy is a
	# new schema, 0.8 s each; what the refusal must leave is the base as it
	# was, which is checked below (a case that stores would fail the cases
	# after it too).
	if on_pg && [ -s "$DATA/$case.expected" ]; then
		db=$BASE
	else
		db=$(dbcopy "$BASE" "$W/case.db")
	fi
	rc=0
	(cd "$DATA" && "$ECHELON" import "$kind" "$case.csv" --db "$db") >"$W/out" 2>"$W/err" || rc=$?
	if [ -s "$DATA/$case.expected" ]; then
		want=3
	else
		want=0
	fi
	if [ "$rc" -eq "$want" ]; then
		ok "$case: exit $want"
	else
		notok "$case: exit $rc, expected $want"
	fi
	if cmp -s "$DATA/$case.expected" "$W/err"; then
		ok "$case: stderr as expected"
	else
		notok "$case: stderr as expected"
		diff -u "$DATA/$case.expected" "$W/err" | sed 's/^/# /' || true
	fi
	# CASE.zh: the same problems in Chinese (--lang zh), without English
	if [ -f "$DATA/$case.zh" ]; then
		(cd "$DATA" && "$ECHELON" import "$kind" "$case.csv" --db "$db" --lang zh --dry-run) >"$W/out" 2>"$W/err.zh" || true
		if cmp -s "$DATA/$case.zh" "$W/err.zh"; then
			ok "$case: --lang zh as expected"
		else
			notok "$case: --lang zh as expected"
			diff -u "$DATA/$case.zh" "$W/err.zh" | sed 's/^/# /' || true
		fi
		words=$(english_words "$W/err.zh" | tr '\n' ' ')
		check "$case: no English in Chinese${words:+ (found: $words)}" test -z "$words"
	fi
	if [ "$want" -ne 0 ]; then
		snapshot "$db" "$W/case.snap"
		if cmp -s "$W/base.snap" "$W/case.snap"; then
			ok "$case: database unchanged"
		else
			notok "$case: database unchanged"
			diff -u "$W/base.snap" "$W/case.snap" | head -20 | sed 's/^/# /' || true
		fi
		# A dry run reports the same problems.
		rc=0
		(cd "$DATA" && "$ECHELON" import "$kind" "$case.csv" --db "$db" --dry-run) >"$W/out" 2>"$W/err" || rc=$?
		if [ "$rc" -eq 3 ] && cmp -s "$DATA/$case.expected" "$W/err"; then
			ok "$case: --dry-run reports the same (exit 3)"
		else
			notok "$case: --dry-run reports the same (exit $rc, expected 3)"
			diff -u "$DATA/$case.expected" "$W/err" | sed 's/^/# /' || true
		fi
	elif [ -f "$DATA/$case.export" ]; then
		good=$(fresh "$W/good.db")
		if [ "$kind" = reports ]; then
			"$ECHELON" import enterprises "$EX/enterprises.csv" --db "$good" --quiet
		fi
		rc=0
		(cd "$DATA" && "$ECHELON" import "$kind" "$case.csv" --db "$good" --quiet) || rc=$?
		"$ECHELON" export "$kind" --db "$good" >"$W/good.csv" || rc=$?
		if [ "$rc" -eq 0 ] && cmp -s "$DATA/$case.export" "$W/good.csv"; then
			ok "$case: exported as $case.export"
		else
			notok "$case: exported as $case.export (exit $rc)"
			diff -u "$DATA/$case.export" "$W/good.csv" | sed 's/^/# /' || true
		fi
	fi
done
check "at least 30 import cases found in tests/data/import" test "$ncases" -ge 30

# The good_quoted case is canonical: it must come back exactly as written.
check "quoted names with commas, quotes and newlines export back identically" \
	cmp -s "$DATA/good_quoted.csv" "$DATA/good_quoted.export"

# ---- --dry-run stores nothing ----

db=$(fresh "$W/dry.db")
"$ECHELON" import enterprises "$EX/enterprises.csv" --db "$db" --quiet
snapshot "$db" "$W/dry.before"
rc=0
"$ECHELON" import reports "$EX/reports.csv" --db "$db" --dry-run >"$W/out" 2>"$W/err" || rc=$?
snapshot "$db" "$W/dry.after"
check "--dry-run of good reports exits 0" test "$rc" -eq 0
check "--dry-run prints nothing on stderr" test ! -s "$W/err"
check "--dry-run says nothing was stored" grep -q "dry run, nothing stored" "$W/out"
check "--dry-run stores no reports and logs no import" cmp -s "$W/dry.before" "$W/dry.after"
rc=0
"$ECHELON" import enterprises "$DATA/good_quoted.csv" --db "$db" --dry-run --quiet >"$W/out" 2>&1 || rc=$?
snapshot "$db" "$W/dry.after"
check "--dry-run --quiet of good enterprises exits 0 silently" test "$rc" -eq 0 -a ! -s "$W/out"
check "--dry-run stores no enterprises" cmp -s "$W/dry.before" "$W/dry.after"

# ---- a bad line at the end of a big file ----
# 16 enterprises x 3 000 months, then one bad line. Reports are read on a
# second thread and stored on the first as they come, and the reader runs
# at most eight batches of 4 096 rows ahead: when it reaches the last line
# the rows of four batches at least are in the transaction. The file is
# still refused whole and the database left exactly as it was.
big=$W/big.csv
{
	head -1 "$EX/reports.csv"
	sed 1d "$EX/enterprises.csv" | cut -d, -f1 | awk '{
		for (m = 0; m < 3000; m++)
			printf "%s,%04d-%02d,100,90,40,5,1,0,2,3\n", $1, 2100 + int(m / 12), m % 12 + 1 }'
	echo "$(sed -n 2p "$EX/enterprises.csv" | cut -d, -f1),2999-12,100,90,40,5,1,0,2,x"
} >"$big"
db=$(dbcopy "$BASE" "$W/big.db")
rc=0
"$ECHELON" import reports "$big" --db "$db" >"$W/out" 2>"$W/err" || rc=$?
check "a big file with a bad last line: exit 3" test "$rc" -eq 3
check "a big file with a bad last line: the line is named" \
	grep -qF "big.csv:$((16 * 3000 + 2)): column exports: 'x' is not a number" "$W/err"
check "a big file with a bad last line: one problem, nothing stored" \
	grep -qF "rejected, 1 problem in $((16 * 3000 + 1)) rows; nothing was stored" "$W/err"
snapshot "$db" "$W/big.snap"
check "a big file with a bad last line: database unchanged" cmp -s "$W/base.snap" "$W/big.snap"

# ---- importing the same file twice is idempotent ----

db=$(dbcopy "$BASE" "$W/twice.db")
count() { db_sql "$1" "select (select count(*) from enterprise) || ' ' || (select count(*) from report) || ' ' || (select count(*) from deflator)"; }
before=$(count "$db")
rc=0
for k in enterprises deflators reports; do
	"$ECHELON" import "$k" "$EX/$k.csv" --db "$db" --quiet || rc=$?
done
check "importing the example files again exits 0" test "$rc" -eq 0
check "importing again keeps the row counts ($before)" test "$(count "$db")" = "$before"
for k in enterprises deflators reports; do
	"$ECHELON" export "$k" --db "$db" >"$W/twice.$k"
	"$ECHELON" export "$k" --db "$BASE" >"$W/base.$k"
	check "importing again leaves the $k export identical" cmp -s "$W/base.$k" "$W/twice.$k"
done
check "each import is logged" test "$(db_sql "$db" "select count(*) from import_log where result = 'stored'")" -eq 6
# A changed value for an existing key updates the row.
head -1 "$EX/reports.csv" >"$W/update.csv"
sed -n 2p "$EX/reports.csv" | awk -F, 'BEGIN{OFS=","} {$3 = "123456.5"; print}' >>"$W/update.csv"
rc=0
"$ECHELON" import reports "$W/update.csv" --db "$db" --quiet || rc=$?
"$ECHELON" export reports --db "$db" >"$W/update.out"
check "re-importing a changed report exits 0" test "$rc" -eq 0
check "re-importing a changed report updates it" grep -qxF "$(sed -n 2p "$W/update.csv")" "$W/update.out"
check "re-importing a changed report adds no row" test "$(count "$db")" = "$before"

# ---- export -> import into a fresh database -> export is byte-identical ----

db=$(fresh "$W/round.db")
for k in enterprises deflators reports; do
	"$ECHELON" export "$k" --db "$BASE" >"$W/round1.$k.csv"
done
rc=0
for k in enterprises deflators reports; do
	"$ECHELON" import "$k" "$W/round1.$k.csv" --db "$db" --quiet || rc=$?
done
check "exported files import into a fresh database" test "$rc" -eq 0
for k in enterprises deflators reports; do
	"$ECHELON" export "$k" --db "$db" >"$W/round2.$k.csv"
	check "$k: export -> import -> export is byte-identical" cmp -s "$W/round1.$k.csv" "$W/round2.$k.csv"
done
check "the example reports export exactly as written" cmp -s "$EX/reports.csv" "$W/round1.reports.csv"
# The same reports in period order (each month's together): held and stored
# sorted by key rather than as they come; what is stored is the same.
db=$(fresh "$W/period.db")
"$ECHELON" import enterprises "$EX/enterprises.csv" --db "$db" --quiet
{ head -1 "$EX/reports.csv"; sed 1d "$EX/reports.csv" | sort -t, -k2,2 -k1,1; } >"$W/by-period.csv"
rc=0
"$ECHELON" import reports "$W/by-period.csv" --db "$db" --quiet || rc=$?
"$ECHELON" export reports --db "$db" >"$W/period.reports.csv"
check "reports in period order import (exit $rc) and export as the same file" \
	test "$rc" -eq 0 -a -n "$(cmp "$EX/reports.csv" "$W/period.reports.csv" && echo same)"
check "the example deflators export exactly as written" cmp -s "$EX/deflators.csv" "$W/round1.deflators.csv"
check "the example enterprises export exactly as written" cmp -s "$EX/enterprises.csv" "$W/round1.enterprises.csv"

# ---- file and database errors: exit 4 ----

db=$(dbcopy "$BASE" "$W/io.db")
rc=0
"$ECHELON" import reports "$W/no-such-file.csv" --db "$db" >"$W/out" 2>"$W/err" || rc=$?
check "a missing file: exit 4" test "$rc" -eq 4
check "a missing file: the message names the file" grep -q "no-such-file.csv: no such file" "$W/err"
"$ECHELON" import reports "$W/no-such-file.csv" --db "$db" --lang zh >"$W/out" 2>"$W/err.zh" || true
check "a missing file, in Chinese" grep -q "no-such-file.csv：找不到该文件" "$W/err.zh"
snapshot "$db" "$W/io.snap"
check "a missing file: database unchanged" cmp -s "$W/base.snap" "$W/io.snap"

rc=0
"$ECHELON" import reports "$W" --db "$db" >"$W/out" 2>"$W/err" || rc=$?
check "a directory as the file: exit 4" test "$rc" -eq 4

none=$(db_uri "$W/no-such.db")
rc=0
"$ECHELON" import reports "$EX/reports.csv" --db "$none" >"$W/out" 2>"$W/err" || rc=$?
check "a database that does not exist: exit 4" test "$rc" -eq 4
check "a database that does not exist: the message says to run echelon init" grep -q "echelon init" "$W/err"
check "a database that does not exist is not created" db_missing "$none"
rc=0
"$ECHELON" export reports --db "$none" >"$W/out" 2>"$W/err" || rc=$?
check "export from a database that does not exist: exit 4" test "$rc" -eq 4

db=$(dbcopy "$BASE" "$W/newer.db")
# the schema's version: SQLite's user_version, the table ec_schema on PostgreSQL
schema_version() {
	if on_pg; then db_sql "$db" "SELECT version FROM ec_schema"; else db_sql "$db" "PRAGMA user_version"; fi
}
if on_pg; then db_sql "$db" "UPDATE ec_schema SET version = 99"; else db_sql "$db" "PRAGMA user_version=99"; fi
logged=$(db_sql "$db" 'select count(*) from import_log')
rc=0
"$ECHELON" import reports "$EX/reports.csv" --db "$db" >"$W/out" 2>"$W/err" || rc=$?
check "a database newer than the binary: import exits 4" test "$rc" -eq 4
check "a database newer than the binary: the message says so" \
	grep -q "schema version 99 is newer than this echelon understands" "$W/err"
check "a database newer than the binary is left alone" \
	test "$(schema_version)" = 99 -a "$(db_sql "$db" 'select count(*) from import_log')" = "$logged"
for cmd in "export reports" "status"; do
	rc=0
	# shellcheck disable=SC2086
	"$ECHELON" $cmd --db "$db" >"$W/out" 2>"$W/err" || rc=$?
	check "a database newer than the binary: $cmd exits 4 with the message" \
		test "$rc" -eq 4 -a -n "$(grep "is newer than this echelon" "$W/err")"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
