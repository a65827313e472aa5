#!/bin/sh
# echelon migrate, backup and restore on SQLite (tests/pg/migrate.sh runs
# them across the backends): a copy verified equal, every table of the
# schema in the copy's list, a backup restored equal, and the refusals (a
# target holding data, the same store twice, a missing source, a backup
# over a file) writing nothing.
set -eu
: "${ECHELON:?}" "${WORK:?}"
work="$WORK/migrate"
rm -rf "$work"
mkdir -p "$work"
pass=0 fail=0
check() { # check CONDITION-STATUS MESSAGE
	if [ "$1" = 0 ]; then pass=$((pass + 1)); echo "ok - $2"; else fail=$((fail + 1)); echo "not ok - $2"; fi
}
side() { tail -n +2 "$1" | cut -d, -f"$2"; }

"$ECHELON" demo generate --db "$work/demo.db" --enterprises 600 --from 2019-01 --to 2020-12 >/dev/null

rc=0
"$ECHELON" migrate --from "sqlite:$work/demo.db" --to "sqlite:$work/copy.db" --format csv >"$work/copy.csv" || rc=$?
r=$rc
test "$(side "$work/copy.csv" 1,2,4)" = "$(side "$work/copy.csv" 1,3,5)" || r=1
check $r "sqlite -> sqlite: every table's count and checksum equal"

# the copy's list of tables is the schema's (a table added to the schema
# and not to store_sql.inc's list would be left behind)
r=0
side "$work/copy.csv" 1 | sort >"$work/listed"
/usr/bin/python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = '"'table'"' ORDER BY name"):
    print(name)' "$work/demo.db" | sort >"$work/schema"
cmp -s "$work/listed" "$work/schema" || { r=1; diff "$work/listed" "$work/schema" || true; }
check $r "the copy lists every table of the schema ($(wc -l <"$work/schema") tables)"

rc=0
"$ECHELON" backup --db "$work/demo.db" -o "$work/demo.backup" --format csv >"$work/backup.csv" || rc=$?
"$ECHELON" restore "$work/demo.backup" --db "$work/restored.db" --format csv >"$work/restore.csv" || rc=$?
r=$rc
test "$(side "$work/restore.csv" 1,3,5)" = "$(side "$work/copy.csv" 1,2,4)" || r=1
check $r "a backup restored equals the source"

sum_before=$(side "$work/copy.csv" 1,3,5 | md5sum)
rc=0
"$ECHELON" migrate --from "$work/demo.db" --to "$work/copy.db" 2>"$work/full.err" >/dev/null || rc=$?
r=0
test "$rc" = 3 && grep -q "not empty" "$work/full.err" || r=1
"$ECHELON" backup --db "$work/copy.db" -o "$work/check.backup" --format csv >"$work/check.csv" || r=1
test "$(side "$work/check.csv" 1,2,4 | md5sum)" = "$sum_before" || r=1
check $r "a target holding data is refused and left as it was (exit $rc)"

rc=0
"$ECHELON" migrate --from "$work/demo.db" --to "sqlite:$work/demo.db" 2>"$work/same.err" >/dev/null || rc=$?
r=0
test "$rc" -ne 0 && grep -q "both the source and the target" "$work/same.err" || r=1
check $r "a store copied into itself is refused (exit $rc)"

rc=0
"$ECHELON" migrate --from "$work/none.db" --to "$work/new.db" 2>"$work/none.err" >/dev/null || rc=$?
r=0
test "$rc" -ne 0 && grep -q "no database at" "$work/none.err" && test ! -e "$work/new.db" || r=1
check $r "a missing source is refused, no target made (exit $rc)"

rc=0
"$ECHELON" backup --db "$work/demo.db" -o "$work/demo.backup" 2>"$work/exists.err" >/dev/null || rc=$?
r=0
test "$rc" -ne 0 && grep -q "exists" "$work/exists.err" || r=1
check $r "a backup over a file that exists is refused (exit $rc)"

"$ECHELON" migrate --lang zh --from "$work/demo.db" --to "$work/copy.db" 2>"$work/zh.err" >/dev/null || true
r=0
grep -q "目标数据库不为空" "$work/zh.err" || r=1
check $r "the refusal in Chinese"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
