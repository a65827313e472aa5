#!/bin/sh
# echelon complexity on a small demo: the regions, the categories and one
# region's opportunities come out whole and consistent (ECI has mean 0 over
# the regions; a region's categories with Mcp = 1 have no gain; the
# opportunities are ordered by COG), in both languages, as CSV and JSON;
# bad options are refused with the option named. The numbers themselves
# are checked against Stata's ground truth in tests/unit/test_complexity.c.
set -eu
. "$SRC/tests/integration/lib/checks.sh"
W="$WORK/complexity"
rm -rf "$W"
mkdir -p "$W"
DB=$(db_uri "$W/c.db")
"$ECHELON" demo generate --db "$DB" --enterprises 3000 --from 2019-01 --to 2020-12 >/dev/null
cx() { "$ECHELON" complexity --db "$DB" --year 2020 "$@"; }

cx --regions province --format csv >"$W/regions.csv"
check "regions: a row for each province with enterprises" '[ "$(wc -l <"$W/regions.csv")" -gt 20 ]'
check "regions: ECI has mean 0 over the regions" '/usr/bin/python3 -c "
import csv, sys
rows = [r for r in csv.DictReader(open(\"$W/regions.csv\")) if r[\"eci\"]]
m = sum(float(r[\"eci\"]) for r in rows) / len(rows)
sys.exit(0 if abs(m) < 1e-3 else 1)"'
cx --regions province --by sei2 --show categories --format json >"$W/categories.json"
check "categories: JSON with PCI and concentration for each direction" '/usr/bin/python3 -c "
import json, sys
rows = json.load(open(\"$W/categories.json\"))
ok = len(rows) >= 20 and all(\"pci\" in r and \"locational_gini\" in r for r in rows)
ok = ok and all(r[\"hhi\"] is None or 0 < r[\"hhi\"] <= 1 for r in rows)
sys.exit(0 if ok else 1)"'
region=$(sed -n '2s/,.*//p' "$W/regions.csv")
cx --regions province --show opportunities --region "$region" --format csv >"$W/opp.csv"
check "opportunities: those the region lacks first, by COG, those it has with no gain" '/usr/bin/python3 -c "
import csv, sys
rows = list(csv.DictReader(open(\"$W/opp.csv\")))
absent = [float(r[\"cog\"]) for r in rows if r[\"present\"] == \"false\" and r[\"cog\"]]
present = [r for r in rows if r[\"present\"] == \"true\"]
ok = absent == sorted(absent, reverse=True) and all(float(r[\"cog\"]) == 0 for r in present)
ok = ok and all(abs(float(r[\"distance\"]) + float(r[\"density\"]) - 1) < 1e-3 for r in rows if r[\"density\"])
sys.exit(0 if ok else 1)"'
cx --regions province --lang zh >"$W/zh.txt"
check "zh: regions by their Chinese names" 'grep -q "北京" "$W/zh.txt"'
cx --regions province --method reflections --format csv >"$W/refl.csv"
check "reflections: the same ranking of regions as the eigenvector method" '/usr/bin/python3 -c "
import csv, sys
a = {r[\"region\"]: r[\"eci\"] for r in csv.DictReader(open(\"$W/regions.csv\"))}
b = {r[\"region\"]: r[\"eci\"] for r in csv.DictReader(open(\"$W/refl.csv\"))}
ra = sorted(a, key=lambda k: float(a[k] or \"nan\")); rb = sorted(b, key=lambda k: float(b[k] or \"nan\"))
sys.exit(0 if ra == rb else 1)"'

cx --regions province --show priorities --region "$region" --format csv >"$W/prio.csv"
check "priorities: ranked by score, each with reasons, none the region has already" '/usr/bin/python3 -c "
import csv, sys
rows = list(csv.DictReader(open(\"$W/prio.csv\")))
opp = {r[\"category\"]: r for r in csv.DictReader(open(\"$W/opp.csv\"))}
scores = [float(r[\"score\"]) for r in rows]
ok = len(rows) > 0 and scores == sorted(scores, reverse=True) and all(r[\"reasons\"] for r in rows[:5])
ok = ok and all(opp[r[\"category\"]][\"present\"] == \"false\" for r in rows)
sys.exit(0 if ok else 1)"'
cx --regions province --show priorities --region "$region" --weights density=1,pci=0,cog=0,growth=0 --format csv >"$W/dens.csv"
check "priorities: with all the weight on density, the order is the density order" '/usr/bin/python3 -c "
import csv, sys
d = [float(r[\"density\"]) for r in csv.DictReader(open(\"$W/dens.csv\"))]
sys.exit(0 if d == sorted(d, reverse=True) else 1)"'
first=$(sed -n '2p' "$W/prio.csv" | cut -d, -f2)
cx --regions province --show leaders --category "$first" --region "$region" --top 5 --format csv >"$W/leaders.csv"
check "leaders: up to 5 enterprises outside the region, largest first, with their names" '/usr/bin/python3 -c "
import csv, sys
rows = list(csv.DictReader(open(\"$W/leaders.csv\")))
v = [float(r[\"value\"]) for r in rows]
ok = 0 < len(rows) <= 5 and v == sorted(v, reverse=True) and all(r[\"name\"] and not r[\"region\"].startswith(\"$region\"[:2]) for r in rows)
sys.exit(0 if ok else 1)"'

set +e
cx --show leaders --category 3.1 >/dev/null 2>"$W/err4"; rc4=$?
cx --weights density=x >/dev/null 2>"$W/err5"; rc5=$?
cx --by sei9 >/dev/null 2>"$W/err1"; rc1=$?
"$ECHELON" complexity --db "$DB" --year 1990 >/dev/null 2>"$W/err2"; rc2=$?
cx --show opportunities >/dev/null 2>"$W/err3"; rc3=$?
set -e
check "--by sei9 is refused (exit 2), naming the option" '[ $rc1 = 2 ] && grep -q -- "--by" "$W/err1"'
check "a year without reports is refused, saying so" '[ $rc2 != 0 ] && grep -q "1990" "$W/err2"'
check "opportunities without a region: exit 2" '[ $rc3 = 2 ] && grep -q -- "--region" "$W/err3"'
check "a category of another level is refused, naming the level" '[ $rc4 = 2 ] && grep -q "sub-direction" "$W/err4"'
check "a bad weight is refused, naming it" '[ $rc5 = 2 ] && grep -q "density=x" "$W/err5"'

# The API: the same views, the leaders only for accounts that may see single
# enterprises, RCA under the disclosure control for the others, 400 naming
# the parameter.
printf 'cx-analyst-pw\n' | "$ECHELON" user add cxa --role analyst --db "$DB" >/dev/null
cluster=$("$ECHELON" cluster list --db "$DB" --format csv | sed -n 2p | cut -d, -f1)
printf 'cx-agency-pw\n' | "$ECHELON" user add cxg --role agency --scope "$cluster" --db "$DB" >/dev/null
"$ECHELON" serve --db "$DB" --listen 127.0.0.4:0 >"$W/serve.out" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do grep -q listening "$W/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$W/serve.out")
signin() { curl -s -c "$W/$1.jar" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$url/api/v1/session" >/dev/null; }
get() { curl -s -b "$W/$1.jar" -o "$W/body.json" -w '%{http_code}' "$url$2"; }
signin cxa cx-analyst-pw
signin cxg cx-agency-pw
code=$(get cxa "/api/v1/complexity?year=2020&regions=province&show=priorities&region=$region&lang=en")
check "API: priorities as the command gives them" '[ "$code" = 200 ] && /usr/bin/python3 -c "
import csv, json, sys
api = json.load(open(\"$W/body.json\"))[\"rows\"]
cli = list(csv.DictReader(open(\"$W/prio.csv\")))
sys.exit(0 if [r[\"category\"] for r in api] == [r[\"category\"] for r in cli] else 1)"'
code=$(get cxg "/api/v1/complexity/leaders?year=2020&regions=province&category=$first")
check "API: an agency may not see the leaders (403)" '[ "$code" = 403 ]'
code=$(get cxa "/api/v1/complexity/leaders?year=2020&regions=province&category=$first&region=$region&top=3")
check "API: an analyst gets the leaders" '[ "$code" = 200 ] && grep -q uscc "$W/body.json"'
pref=$(cx --format csv | sed -n 2p | cut -d, -f1)
code=$(get cxg "/api/v1/complexity?year=2020&regions=prefecture&show=opportunities&region=$pref")
check "API: for an agency, the RCA of cells with too few enterprises is hidden" '[ "$code" = 200 ] && /usr/bin/python3 -c "
import json, sys
rows = json.load(open(\"$W/body.json\"))[\"rows\"]
sys.exit(0 if any(r[\"rca\"] is None for r in rows) else 1)"'
code=$(get cxa "/api/v1/monitor?period=2020-06&by=province&small=abc")
check "API: a bad small-group threshold is 400, naming it" '[ "$code" = 400 ] && grep -q "\"field\":\"small\"" "$W/body.json"'
code=$(get cxa "/api/v1/monitor?period=2020-06&by=province&small=3")
check "API: small follows the threshold asked" '[ "$code" = 200 ] && /usr/bin/python3 -c "
import json, sys
rows = [r for r in json.load(open(\"$W/body.json\"))[\"rows\"] if r[\"group_kind\"] == \"province\"]
sys.exit(0 if rows and all(r[\"small\"] == (r[\"enterprises\"] < 3) for r in rows) else 1)"'
set +e
"$ECHELON" monitor --db "$DB" --period 2020-06 --by province --small -1 --format csv >/dev/null 2>"$W/err6"; rc6=$?
set -e
check "the command refuses a negative --small (exit 2), naming it" '[ $rc6 = 2 ] && grep -q -- "--small" "$W/err6"'
code=$(get cxa "/api/v1/complexity?year=2020&by=sei7")
check "API: a bad parameter is 400, naming it" '[ "$code" = 400 ] && grep -q "\"field\":\"by\"" "$W/body.json"'
code=$(get cxa "/api/v1/complexity?year=2020&show=priorities&region=659001")
check "API: a region without enterprises is 404 with its code and parameters" \
	'[ "$code" = 404 ] && grep -q "\"problem\":\"complexity.no_region\"" "$W/body.json" && grep -q "\"region\":\"659001\"" "$W/body.json"'
set +e
cx --show priorities --region 659001 --lang zh >/dev/null 2>"$W/err7"
set -e
check "the command says it in Chinese" 'grep -q "地区 659001 没有企业" "$W/err7"'
cx --regions province --show network --format csv >"$W/net.csv"
cx --regions province --show categories --format csv >"$W/cats.csv"
check "the category space is a spanning forest (at most one link fewer than its categories) plus other links" '/usr/bin/python3 -c "
import csv, sys
links = list(csv.DictReader(open(\"$W/net.csv\")))
cats = [r for r in csv.DictReader(open(\"$W/cats.csv\")) if r[\"pci\"]]
tree = [l for l in links if l[\"tree\"] == \"true\"]
other = [l for l in links if l[\"tree\"] == \"false\"]
p = [float(l[\"proximity\"]) for l in other]
ok = 0 < len(tree) <= len(cats) - 1 and len(other) <= len(cats) and p == sorted(p, reverse=True)
ok = ok and all(0 < float(l[\"proximity\"]) <= 1 for l in links)
sys.exit(0 if ok else 1)"'
cx --regions province --show network --min-proximity 0.99 --format csv >"$W/net99.csv"
check "a threshold of 0.99 leaves the tree and only links that strong" \
	'[ "$(grep -c ",true$" "$W/net99.csv")" = "$(grep -c ",true$" "$W/net.csv")" ] && ! awk -F, "NR > 1 && \$NF == \"false\" && \$(NF-1) < 0.99" "$W/net99.csv" | grep -q .'
code=$(get cxa "/api/v1/complexity?year=2020&regions=province&show=network&min_proximity=2")
check "API: a proximity above 1 is 400, naming it" '[ "$code" = 400 ] && grep -q "\"field\":\"min_proximity\"" "$W/body.json"'

# The lists behind the priorities' counts of projects and funds, from the
# API and the command: as many as the counts, for the first five.
get cxa "/api/v1/complexity?year=2020&regions=province&by=sei3&show=priorities&region=$region&top=5" >/dev/null
cp "$W/body.json" "$W/prio5.json"
/usr/bin/python3 -c "
import json
for r in json.load(open('$W/prio5.json'))['rows']:
    print(r['category'], r['projects'], r['funds'])" >"$W/prio5.txt"
: >"$W/fits.txt"
while read -r c np nf; do
	get cxa "/api/v1/projects?category=$c&open=1" >/dev/null
	ap=$(/usr/bin/python3 -c "import json; print(len(json.load(open('$W/body.json'))))")
	get cxa "/api/v1/funds?category=$c" >/dev/null
	af=$(/usr/bin/python3 -c "import json; print(len(json.load(open('$W/body.json'))))")
	cp_=$("$ECHELON" project list --db "$DB" --category "$c" --open --format csv | tail -n +2 | wc -l)
	cf=$("$ECHELON" fund list --db "$DB" --category "$c" --format csv | tail -n +2 | wc -l)
	echo "$c $np $nf $ap $af $cp_ $cf" >>"$W/fits.txt"
done <"$W/prio5.txt"
check "priorities: the API's and the command's lists of open projects and funds hold as many as the counts" \
	'[ "$(wc -l <"$W/fits.txt")" = 5 ] && awk "\$2 != \$4 || \$2 != \$6 || \$3 != \$5 || \$3 != \$7 { bad = 1 } END { exit bad }" "$W/fits.txt"'
check "priorities: some field of the five has a fund that names it" 'awk "\$3 > 0 { n++ } END { exit !n }" "$W/fits.txt"'
get cxa "/api/v1/funds" >/dev/null
all_funds=$(/usr/bin/python3 -c "import json; print(len(json.load(open('$W/body.json'))))")
check "API: the funds without a category are the whole registry, more than any field's" \
	'awk -v all="$all_funds" "\$5 >= all { bad = 1 } END { exit bad }" "$W/fits.txt"'
code=$(get cxa "/api/v1/projects?open=yes")
check "API: open= other than 1 or 0 is 400, naming it" '[ "$code" = 400 ] && grep -q "\"field\":\"open\"" "$W/body.json"'
set +e
"$ECHELON" project list --db "$DB" --stage building >/dev/null 2>"$W/err8"; rc8=$?
set -e
check "the command refuses an unknown --stage (exit 2), naming it and the stages" '[ $rc8 = 2 ] && grep -q -- "--stage" "$W/err8" && grep -q under_construction "$W/err8"'
finish
