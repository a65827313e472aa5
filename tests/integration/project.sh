#!/bin/sh
# The project library and the allocation through the command: the demo's
# projects and funds, all-or-nothing imports, round trips, progress, alerts,
# matches and the GLPK allocation.
set -eu
W="$WORK/project"
D="$SRC/tests/data/project"
rm -rf "$W"
mkdir -p "$W"
DB="$W/p.db"
. "$SRC/tests/integration/lib/checks.sh"

"$ECHELON" demo generate --db "$DB" --enterprises 3000 >"$W/demo.out"
check "the demo registers projects and funds" "grep -q 'projects and 200 funds' '$W/demo.out'"
check "150 projects" "[ \$(\"$ECHELON\" project list --db '$DB' --format csv | wc -l) -eq 151 ]"
check "200 funds" "[ \$(\"$ECHELON\" fund list --db '$DB' --format csv | wc -l) -eq 201 ]"
"$ECHELON" project alerts --db "$DB" --format csv >"$W/alerts.csv"
check "alerts for funding gaps" "grep -q ',funding_gap,' '$W/alerts.csv'"
"$ECHELON" project progress --db "$DB" --format json >"$W/progress.json"
check "progress as JSON" "/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d) > 100 and 0 <= d[0][\"completion_pct\"] <= 100' '$W/progress.json'"

for k in projects progress; do
	"$ECHELON" project export $k --db "$DB" >"$W/$k.csv"
done
"$ECHELON" fund export --db "$DB" >"$W/funds.csv"
cp "$DB" "$W/copy.db"
"$ECHELON" project import projects "$W/projects.csv" --db "$W/copy.db" >/dev/null
"$ECHELON" project import progress "$W/progress.csv" --db "$W/copy.db" >/dev/null
"$ECHELON" fund import "$W/funds.csv" --db "$W/copy.db" >/dev/null
for k in projects progress; do
	"$ECHELON" project export $k --db "$W/copy.db" >"$W/$k.again"
	check "importing the exported $k again changes nothing" "cmp -s '$W/$k.csv' '$W/$k.again'"
done

set +e
(cd "$D" && "$ECHELON" project import projects bad_projects.csv --db "$DB") 2>"$W/bad.err"
rc=$?
set -e
check "a bad projects file is rejected with exit 3" "[ $rc -eq 3 ]"
check "naming the owner's check character" "grep -q \"bad_projects.csv:3: column owner\" '$W/bad.err'"
check "and each bad field of line 4" "[ \$(grep -c 'bad_projects.csv:4:' '$W/bad.err') -ge 4 ]"
check "and nothing is stored" "! \"$ECHELON\" project list --db '$DB' --format csv | grep -q '^X1,'"

set +e
(cd "$D" && "$ECHELON" fund import bad_funds.csv --db "$DB") 2>"$W/badf.err"
rc=$?
set -e
check "a bad funds file is rejected with exit 3" "[ $rc -eq 3 ]"
check "naming the type, coinvest and tickets" "grep -q 'bad_funds.csv:3: column type' '$W/badf.err' && grep -q 'bad_funds.csv:3: column coinvest' '$W/badf.err' && grep -q 'bad_funds.csv:4:' '$W/badf.err'"
check "and no fund of it is stored" "! \"$ECHELON\" fund list --db '$DB' --format csv | grep -q '^FB1,'"
set +e
"$ECHELON" allocate --db "$DB" --lp --quotas "$D/bad_quotas.csv" 2>"$W/badq.err"
rc=$?
set -e
check "a bad quotas file is refused with its line (exit 3)" "[ $rc -eq 3 ] && grep -q 'bad_quotas.csv:2' '$W/badq.err'"

# Add, edit, record progress and revise the total explicitly.
owner=$("$ECHELON" export enterprises --db "$DB" | sed -n 2p | cut -d, -f1)
"$ECHELON" project add PT1 --name 测试项目 --owner "$owner" --category 1 --region 110108 --total 50000 \
	--start 2021-01 --end 2022-06 --stage preparation --bank 20000 --own 20000 --db "$DB" >/dev/null
"$ECHELON" project edit PT1 --stage under_construction --completed 30000 --period 2021-06 --db "$DB" >/dev/null
set +e
"$ECHELON" project edit PT1 --completed 30000 --period 2021-07 --db "$DB" 2>"$W/over.err"
rc=$?
set -e
check "investment beyond the total is refused (exit 3)" "[ $rc -eq 3 ] && grep -q 'completed' '$W/over.err'"
"$ECHELON" project edit PT1 --total 80000 --reason "second phase" --period 2021-07 --db "$DB" >/dev/null
"$ECHELON" project edit PT1 --completed 30000 --period 2021-07 --db "$DB" >/dev/null
check "after an explicit revision it is accepted" "\"$ECHELON\" project export progress --db '$DB' | grep -q '^PT1,2021-07,30000'"
set +e
"$ECHELON" project edit PT1 --stage reserve --db "$DB" 2>"$W/stage.err"
rc=$?
set -e
check "a stage change back to reserve is refused (exit 3)" "[ $rc -eq 3 ] && grep -q 'stage' '$W/stage.err'"
n20=$("$ECHELON" project alerts --db "$DB" --format csv | wc -l)
n90=$("$ECHELON" project alerts --db "$DB" --format csv --lag-pp 90 | wc -l)
check "the lag threshold is configurable ($n20 alerts at 20 pp, $n90 at 90 pp)" "[ $n90 -le $n20 ]"

"$ECHELON" allocate --db "$DB" --lp --format json >"$W/lp.json"
check "the LP relaxation is optimal" "grep -q '\"status\":\"optimal (LP relaxation)\"' '$W/lp.json'"
"$ECHELON" allocate --db "$DB" --time-limit 5 --format json >"$W/mip.json"
check "the MIP reports its status and plan" "/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"plan\"] and d[\"objective\"] <= d[\"lp_bound\"] + 1e-6' '$W/mip.json'"
finish
