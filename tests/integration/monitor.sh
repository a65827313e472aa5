#!/bin/sh
# Monitoring golden test: the worked example of docs/methods.md plus two
# enterprises of a class linked to SEI only in part (one declares its
# category, one does not), imported through the command; every column of
# every group must equal the figures computed from the definitions
# (tests/data/monitor/make_fixture.py) to 1e-9.
set -eu
D="$SRC/tests/data/monitor"
W="$WORK/monitor"
rm -rf "$W"
mkdir -p "$W"
. "$SRC/tests/integration/lib/checks.sh"
DB=$(db_uri "$W/m.db")
"$ECHELON" init --db "$DB" >/dev/null
for k in enterprises deflators reports; do
	"$ECHELON" import "$k" "$D/$k.csv" --db "$DB" --quiet
done
"$ECHELON" monitor --db "$DB" --period 2020-02 --by direction --format csv >"$W/cumulative-direction.csv"
"$ECHELON" monitor --db "$DB" --period 2020-02 --month --by province --format csv >"$W/month-province.csv"
exec /usr/bin/python3 - "$D" "$W" <<'PY'
import csv, math, sys
d, w = sys.argv[1], sys.argv[2]
passed = failed = 0
for name in ("cumulative-direction", "month-province"):
    want = list(csv.DictReader(open("%s/expected-%s.csv" % (d, name))))
    got = {(r["group_kind"], r["group_code"]): r for r in csv.DictReader(open("%s/%s.csv" % (w, name)))}
    for x in want:
        g = got.get((x["group_kind"], x["group_code"]))
        problems = []
        if g is None:
            problems.append("row missing")
        else:
            for col, v in x.items():
                u = g[col]
                if col in ("group_kind", "group_code", "group_name", "region", "period", "basis"):
                    if u != v:
                        problems.append("%s %r != %r" % (col, u, v))
                elif v == "" or u == "":
                    if u != v:
                        problems.append("%s %r, expected %r" % (col, u, v))
                elif abs(float(u) - float(v)) > 1e-9 * max(1.0, abs(float(v))):
                    problems.append("%s %s, expected %s" % (col, u, v))
        label = "%s: %s %s" % (name, x["group_kind"], x["group_code"])
        if problems:
            failed += 1
            print("not ok - " + label + ": " + "; ".join(problems))
        else:
            passed += 1
            print("ok - " + label + ": every column to 1e-9")
    extra = set(got) - {(x["group_kind"], x["group_code"]) for x in want}
    if extra:
        failed += 1
        print("not ok - %s: unexpected rows %s" % (name, sorted(extra)))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
