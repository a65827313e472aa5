#!/bin/sh
# The incentive ledger's budget on PostgreSQL: forty `echelon incentive
# approve` processes at once on one store, against a budget that fits seven
# (7 x 300 = 2 100 of 2 200), five repeating another's reference. (With the
# write lock taken out, this run committed 2 400 and 3 000 in two tries of
# three.) Writers
# take the store's write lock at BEGIN (store_pg.c, DB_WRITE_LOCK), so each
# approval sees the commitments before it: 7 accepted, 13 refused, the sum
# within the budget. Run by ctest as pg/budget on the cluster the pg
# fixture starts (EC_PG_URI).
set -eu
: "${EC_PG_URI:?the cluster's URI}" "${ECHELON:?}" "${SRC:?}" "${WORK:?}"
work="$WORK/pg-budget"
rm -rf "$work"
mkdir -p "$work"
pass=0 fail=0
check() { # check CONDITION-STATUS MESSAGE
	if [ "$1" = 0 ]; then pass=$((pass + 1)); echo "ok - $2"; else fail=$((fail + 1)); echo "not ok - $2"; fi
}

psql "$EC_PG_URI" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS ledger_budget CASCADE; CREATE SCHEMA ledger_budget"
db="$EC_PG_URI&options=-csearch_path%3Dledger_budget"
firm=91310115000301600R
cat >"$work/rules.csv" <<'CSV'
rule,side,base,share_pct,cap,year_cap,categories,regions,sizes,topup_pilot,topup_pct,topup_amount
owner,owner,purchase,30,3000,,,,,national,10,
CSV
"$ECHELON" init --db "$db" >/dev/null
"$ECHELON" import enterprises "$SRC/data/examples/enterprises.csv" --db "$db" >/dev/null
"$ECHELON" incentive programme add PC --name 并发 --year 2026 --budget 2200 --rules "$work/rules.csv" --db "$db" >/dev/null

n=0
for ref in $(seq -f C-%g 0 34) C-0 C-1 C-2 C-3 C-4; do
	n=$((n + 1))
	(
		rc=0
		"$ECHELON" incentive approve PC --reference "$ref" --rule owner --beneficiary "$firm" --side owner \
			--base-amount 1000 --db "$db" >"$work/out.$n" 2>"$work/err.$n" || rc=$?
		echo "$rc" >"$work/rc.$n"
	) &
done
wait
accepted=$(grep -lx 0 "$work"/rc.* | wc -l)
refused_ok=$(for f in "$work"/rc.*; do
	i=${f##*.}
	[ "$(cat "$f")" = 0 ] && continue
	grep -qE "budget|approved already" "$work/err.$i" && echo x
done | wc -l)
rows=$(psql "$db" -Atc "SELECT count(*), count(DISTINCT reference), coalesce(sum(amount), 0) FROM incentive_entry WHERE programme = 'PC' AND kind = 'commitment'")
r=0
test "$accepted" -eq 7 && test "$refused_ok" -eq 33 || r=1
check $r "40 processes: 7 accepted, 33 refused for the budget or a repeated claim ($accepted accepted, $refused_ok refused so)"
r=0
test "$rows" = "7|7|2100" || r=1
check $r "one entry per accepted claim, none twice, 2 100 committed of 2 200 ($rows)"
psql "$EC_PG_URI" -qc "SET client_min_messages = warning; DROP SCHEMA ledger_budget CASCADE"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
