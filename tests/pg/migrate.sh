#!/bin/sh
# echelon migrate, backup and restore between SQLite and PostgreSQL: the
# demo (with a published report's bytes added) goes sqlite -> pg -> sqlite
# with the source's counts and checksums at every step; a target that holds
# data is refused with nothing written; a PostgreSQL backup restored into
# another schema equals the source; keys given by the database go on after
# the largest copied. Run by ctest as pg/migrate on the pg fixture's cluster
# (EC_PG_URI).
set -eu
: "${EC_PG_URI:?the cluster's URI}" "${ECHELON:?}" "${SRC:?}" "${WORK:?}"
work="$WORK/pg-migrate"
rm -rf "$work"
mkdir -p "$work"
pass=0 fail=0
check() { # check CONDITION-STATUS MESSAGE
	if [ "$1" = 0 ]; then pass=$((pass + 1)); echo "ok - $2"; else fail=$((fail + 1)); echo "not ok - $2"; fi
}
# the table, rows and checksum of one side (2,4: source; 3,5: target) of a CSV
side() { tail -n +2 "$1" | cut -d, -f"$2"; }

for schema in mig_a mig_b; do
	psql "$EC_PG_URI" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
done
pga="$EC_PG_URI&options=-csearch_path%3Dmig_a"
pgb="$EC_PG_URI&options=-csearch_path%3Dmig_b"

"$ECHELON" demo generate --db "$work/demo.db" --enterprises 1000 --from 2019-01 --to 2020-12 >/dev/null
# bytes of every value, and none at all: a published report's documents
/usr/bin/python3 - "$work/demo.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO published_report(kind, period, region, lang, generation, made_by, html, xlsx)"
           " VALUES ('bulletin', '2020-12', '', 'zh', 1, 'admin', ?, ?)", (bytes(range(256)) * 3, b''))
db.commit()
PY

rc=0
"$ECHELON" migrate --from "sqlite:$work/demo.db" --to "$pga" --format csv >"$work/to_pg.csv" 2>"$work/to_pg.err" || rc=$?
check $rc "sqlite -> pg: copied and verified"
r=0
side "$work/to_pg.csv" 1,2,4 >"$work/source.sums"
test "$(side "$work/to_pg.csv" 1,3,5)" = "$(cat "$work/source.sums")" || r=1
grep -q '^published_report,1,' "$work/source.sums" && grep -q '^report,[1-9]' "$work/source.sums" || r=1
check $r "sqlite -> pg: every table's count and checksum equal on PostgreSQL ($(wc -l <"$work/source.sums") tables)"

# the copy's list of tables is the PostgreSQL schema's too
r=0
side "$work/to_pg.csv" 1 | sort >"$work/listed"
psql "$pga" -Atc "SELECT tablename FROM pg_tables WHERE schemaname = 'mig_a' AND tablename <> 'ec_schema'" | sort >"$work/schema"
cmp -s "$work/listed" "$work/schema" || { r=1; diff "$work/listed" "$work/schema" || true; }
check $r "the copy lists every table of the PostgreSQL schema"

rc=0
"$ECHELON" migrate --from "$pga" --to "sqlite:$work/back.db" --format csv >"$work/back.csv" 2>"$work/back.err" || rc=$?
check $rc "pg -> sqlite: copied and verified"
r=0
test "$(side "$work/back.csv" 1,2,4)" = "$(cat "$work/source.sums")" || r=1
test "$(side "$work/back.csv" 1,3,5)" = "$(cat "$work/source.sums")" || r=1
check $r "sqlite -> pg -> sqlite: the same counts and checksums as the source"

# a target that holds data: refused, nothing written
before=$(psql "$pga" -Atc "SELECT count(*) FROM enterprise")
rc=0
"$ECHELON" migrate --from "sqlite:$work/demo.db" --to "$pga" >"$work/again.out" 2>"$work/again.err" || rc=$?
after=$(psql "$pga" -Atc "SELECT count(*) FROM enterprise")
r=0
test "$rc" -ne 0 && grep -q "not empty" "$work/again.err" && test "$before" = "$after" || r=1
check $r "a PostgreSQL target holding data is refused, nothing written (exit $rc, $before -> $after enterprises)"
rc=0
"$ECHELON" migrate --from "$pga" --to "sqlite:$work/back.db" >/dev/null 2>"$work/again2.err" || rc=$?
r=0
test "$rc" -ne 0 && grep -q "not empty" "$work/again2.err" || r=1
check $r "a SQLite target holding data is refused (exit $rc)"

# backup of PostgreSQL, restored into another schema, equals the source
rc=0
"$ECHELON" backup --db "$pga" -o "$work/pg.backup" --format csv >"$work/backup.csv" 2>&1 || rc=$?
"$ECHELON" restore "$work/pg.backup" --db "$pgb" --format csv >"$work/restore.csv" 2>&1 || rc=$?
r=$rc
test "$(side "$work/backup.csv" 1,2,4)" = "$(cat "$work/source.sums")" || r=1
test "$(side "$work/restore.csv" 1,3,5)" = "$(cat "$work/source.sums")" || r=1
check $r "a PostgreSQL backup restored into another PostgreSQL store equals the source"
rc=0
"$ECHELON" backup --db "$pgb" -o "$work/pg.backup" >/dev/null 2>"$work/exists.err" || rc=$?
r=0
test "$rc" -ne 0 && grep -q "exists" "$work/exists.err" || r=1
check $r "a backup over a file that exists is refused (exit $rc)"

# the keys PostgreSQL gives go on past the largest copied
r=0
last=$(psql "$pgb" -Atc "SELECT max(id) FROM audit")
echo 'a-long-enough-password' | "$ECHELON" user add migrated --role analyst --db "$pgb" >/dev/null 2>"$work/user.err" || r=1
test "$(psql "$pgb" -Atc "SELECT max(id) FROM audit")" -gt "$last" || r=1
check $r "after a restore, new rows take keys after the copied ones (audit $last -> next)"

for schema in mig_a mig_b; do
	psql "$EC_PG_URI" -qc "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
