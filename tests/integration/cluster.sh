#!/bin/sh
# The cluster echelon through the command: the demo's registry, profiles,
# all-or-nothing imports with line-numbered messages, export round trips,
# member rules, discovery and evaluation (entropy and an inconsistent AHP).
set -eu
W="$WORK/cluster"
D="$SRC/tests/data/cluster"
rm -rf "$W"
mkdir -p "$W"
. "$SRC/tests/integration/lib/checks.sh"
DB=$(db_uri "$W/c.db")

"$ECHELON" demo generate --db "$DB" --enterprises 3000 >"$W/demo.out"
check "the demo registers clusters" "grep -q 'clusters registered' '$W/demo.out'"
"$ECHELON" cluster list --db "$DB" --format csv >"$W/list.csv"
check "66 national clusters" "[ \$(grep -c ',cluster,' '$W/list.csv') -eq 66 ]"
check "10 bases" "[ \$(grep -c ',base,' '$W/list.csv') -eq 10 ]"
check "ecosystems" "[ \$(grep -c ',ecosystem,' '$W/list.csv') -gt 10 ]"
"$ECHELON" cluster show NC2019-48 --db "$DB" >"$W/show.txt"
check "a profile with indicators by year" "grep -q '^2021 ' '$W/show.txt' && grep -q 'entered by year' '$W/show.txt'"
"$ECHELON" cluster show NC2019-48 --db "$DB" --format json >"$W/show.json"
check "profile as JSON" "/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==4 and \"lq\" in d[-1]' '$W/show.json'"

# All or nothing, with every problem named.
"$ECHELON" cluster export clusters --db "$DB" >"$W/before.csv"
set +e
(cd "$D" && "$ECHELON" cluster import clusters bad_clusters.csv --db "$DB") 2>"$W/bad.err"
rc=$?
set -e
check "a bad clusters file is rejected with exit 3" "[ $rc -eq 3 ]"
if diff -u "$D/bad_clusters.expected" "$W/bad.err" >"$W/bad.diff"; then ok "its messages name line, column and what is wrong"; else bad "messages"; cat "$W/bad.diff"; fi
"$ECHELON" cluster export clusters --db "$DB" >"$W/after.csv"
check "and the registry is unchanged" "cmp -s '$W/before.csv' '$W/after.csv'"

"$ECHELON" cluster export indicators --db "$DB" >"$W/ind.before"
set +e
(cd "$D" && "$ECHELON" cluster import indicators bad_indicators.csv --db "$DB") 2>"$W/badi.err"
rc=$?
set -e
check "a bad indicators file is rejected with exit 3" "[ $rc -eq 3 ]"
check "naming the unknown indicator, the unknown cluster, the year and the negative value" \
	"grep -q 'bad_indicators.csv:3: column indicator' '$W/badi.err' && grep -q 'bad_indicators.csv:4: column cluster' '$W/badi.err' && grep -q 'bad_indicators.csv:5: column year' '$W/badi.err' && grep -q 'bad_indicators.csv:5: column value' '$W/badi.err'"
"$ECHELON" cluster export indicators --db "$DB" >"$W/ind.after"
check "and the indicators are unchanged" "cmp -s '$W/ind.before' '$W/ind.after'"

# Export, import into another database, export again: the same bytes.
COPY=$(db_uri "$W/copy.db")
"$ECHELON" init --db "$COPY" >/dev/null
for k in clusters members indicators; do
	"$ECHELON" cluster export $k --db "$DB" >"$W/$k.csv"
	"$ECHELON" cluster import $k "$W/$k.csv" --db "$COPY" >/dev/null
	"$ECHELON" cluster export $k --db "$COPY" >"$W/$k.again"
	check "export and import of $k round-trip" "cmp -s '$W/$k.csv' '$W/$k.again'"
done

# Member rules change the members.
first=$("$ECHELON" export enterprises --db "$DB" | sed -n 2p | cut -d, -f1)
"$ECHELON" cluster add T-ONE --name-zh 测试 --name-en Test --tier ecosystem --regions 110108 --categories 9 --db "$DB" >/dev/null
n0=$("$ECHELON" cluster show T-ONE --db "$DB" | sed -n 's/^\([0-9]*\) members.*/\1/p')
"$ECHELON" cluster edit T-ONE --include "$first" --db "$DB" >/dev/null
n1=$("$ECHELON" cluster show T-ONE --db "$DB" | sed -n 's/^\([0-9]*\) members.*/\1/p')
check "an include adds a member ($n0 -> $n1)" "[ $n1 -eq \$(($n0 + 1)) ]"
set +e
"$ECHELON" cluster add T-ONE --name-zh x --name-en x --regions 110108 --categories 9 --db "$DB" 2>/dev/null
rc=$?
set -e
check "adding an existing code is refused (exit 3)" "[ $rc -eq 3 ]"

# Discovery and evaluation.
"$ECHELON" cluster discover --area 1 --eps-km 50 --min-points 3 --all --db "$DB" --format csv >"$W/discover.csv"
check "discovery finds clusters" "[ \$(wc -l <'$W/discover.csv') -gt 1 ]"
"$ECHELON" cluster discover --area 1 --k-distance --db "$DB" --format json >"$W/kdist.json"
check "the k-distance curve: at most 200 points, decreasing, one knee" "/usr/bin/python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
d = [r[\"distance_km\"] for r in rows]
assert 2 < len(rows) <= 200 and d == sorted(d, reverse=True), d
assert [r[\"knee\"] for r in rows].count(True) == 1
' '$W/kdist.json'"
"$ECHELON" cluster discover --area 1 --k-distance --weighted --min-points 6 --db "$DB" >"$W/kdist-w.txt"
check "weighted, k = min points - 1, and a suggestion" "grep -q 'weighted), k = 5' '$W/kdist-w.txt' && grep -q '^suggested --eps-km' '$W/kdist-w.txt'"
set +e
"$ECHELON" cluster discover --area 1 --k-distance --min-points 5000 --db "$DB" 2>"$W/kdist-bad.err"
rc=$?
set -e
check "a k-distance curve for min points above 1000 is refused (exit 2)" "[ $rc -eq 2 ] && grep -q '1000' '$W/kdist-bad.err'"
"$ECHELON" cluster evaluate --year 2021 --db "$DB" --format csv >"$W/eval.csv"
check "evaluation ranks every cluster" "[ \$(wc -l <'$W/eval.csv') -eq \$($ECHELON cluster list --db '$DB' --format csv | wc -l) ]"
check "the top 10 are recommended as bases" "[ \$(sed -n 2,11p '$W/eval.csv' | grep -c ',base,') -eq 10 ]"
check "with movement since the year before" "grep -q -E ',(up|down|same),' '$W/eval.csv'"
set +e
"$ECHELON" cluster evaluate --year 2021 --method ahp --indicators "$D/indicators3.csv" --ahp "$D/ahp_inconsistent.csv" --db "$DB" 2>"$W/ahp.err"
rc=$?
set -e
check "an inconsistent AHP matrix is refused (exit 3)" "[ $rc -eq 3 ] && grep -q 'consistency ratio' '$W/ahp.err'"
finish
