#!/usr/bin/python3
"""Writes the monitoring golden fixture of tests/integration/monitor.sh: the
enterprises, reports and deflators of the worked example in
docs/methods.md, plus two enterprises of class 3912 (linked to SEI only in
part): E6 declares its category 1.1.2, E7 declares none. Then computes the
expected figures independently of echelon, straight from the definitions
in docs/methods.md, into expected-*.csv. Run: /usr/bin/python3 make_fixture.py"""
import csv

A = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

def uscc(region, n):
    body = "91" + region + "%09d" % n
    return body + A[(31 - sum(A.index(c) * w for c, w in zip(body, W)) % 31) % 31]

# name: class, region, declared, sei direction (by the catalogue), prefecture, province,
#       2019 revenue by month, VA 2019, VA 2020, revenue 2020, R&D 2020, employees 2020 (Jan, Feb)
E = {
    "E0": ("3911", "320506", "", "1.1", "320500", "320000", [15000, 10000], [100, 200], [110, 180], [16000, 9000], [160, 90], [50, 52]),
    "E1": ("2761", "440305", "", "4.1", "440300", "440000", [30000, None], [300, None], [330, 120], [20000, 10000], [1000, 500], [100, 100]),
    "E2": ("1312", "320506", "", None, "320500", "320000", [20000, 20000], [400, 400], [380, 300], [19000, 15000], [0, 0], [200, 190]),
    "E3": ("3911", "440305", "", "1.1", "440300", "440000", [None, None], [None, None], [50, 60], [30000, 0], [0, 0], [10, 10]),
    "E4": ("1312", "440305", "", None, "440300", "440000", [25000, 0], [250, 250], [None, None], [None, None], [None, None], [None, None]),
    "E5": ("3911", "320506", "", "1.1", "320500", "320000", [5000, 0], [40, 40], [50, 50], [3000, 3000], [10, 10], [5, 5]),
    "E6": ("3912", "320506", "1.1.2", "1.1", "320500", "320000", [22000, 0], [50, 60], [70, 40], [10000, 10000], [100, 100], [20, 20]),
    "E7": ("3912", "440305", "", None, "440300", "440000", [21000, 0], [30, 30], [20, 25], [5000, 5000], [0, 0], [15, 15]),
}
PPI = {"39": [98, 97], "27": [101, 102], "13": [100, 105]}
codes = {k: uscc(v[1], 1000 + i) for i, (k, v) in enumerate(E.items())}

with open("enterprises.csv", "w", newline="") as f:
    f.write("uscc,name,industry,region,lat,lon,founded,sei_categories\n")
    for k, v in E.items():
        f.write("%s,企业%s,%s,%s,,,,%s\n" % (codes[k], k, v[0], v[1], v[2]))
with open("deflators.csv", "w", newline="") as f:
    f.write("division,period,ppi_yoy\n")
    for d in sorted(PPI):
        for y in (2019, 2020):
            for m in (1, 2):
                f.write("%s,%d-%02d,%s\n" % (d, y, m, 100 if y == 2019 else PPI[d][m - 1]))
with open("reports.csv", "w", newline="") as f:
    f.write("uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports\n")
    for k, v in E.items():
        for y, rev, va, rd, emp in ((2019, v[6], v[7], [0, 0], [1, 1]), (2020, v[9], v[8], v[10], v[11])):
            for m in (0, 1):
                if va[m] is None and rev[m] is None:
                    continue  # no report this month
                r, a = rev[m] or 0, va[m] or 0
                f.write("%s,%d-%02d,%s,%s,%s,%s,%s,0,0,0\n" % (codes[k], y, m + 1, r, a * 4, a, emp[m] or 0, rd[m] or 0))

# The expected figures, from the definitions.
z = lambda x: x or 0
sample = [k for k, v in E.items() if sum(z(x) for x in v[6]) >= 20000]

def sums(members, ks):
    s = dict(n=len(members), va=0.0, base=0.0, real=0.0, rev=0.0, rd=0.0, emp=0)
    for e in members:
        v = E[e]
        for k in ks:
            s["va"] += z(v[8][k]); s["base"] += z(v[7][k]); s["rev"] += z(v[9][k]); s["rd"] += z(v[10][k])
            s["real"] += z(v[8][k]) / (PPI[v[0][:2]][k] / 100)
        s["emp"] += z(v[11][ks[-1]])
    return s

def div(a, b):
    return a / b if b else None

def row(kind, code, name, region, g, a, basis):
    gr = div(g["real"] - g["base"], g["base"]); ga = div(a["real"] - a["base"], a["base"])
    pct = lambda x: None if x is None else x * 100
    gap = None if gr is None or ga is None else (gr - ga) * 100
    return [kind, code, name, region, "2020-02", basis, g["n"], g["va"], g["base"], g["real"], pct(gr), gap,
            pct(div(g["va"], a["va"])), pct(div(g["real"] - g["base"], a["real"] - a["base"])),
            pct(div(g["real"] - g["base"], a["base"])), g["rev"], g["emp"], pct(div(g["rd"], g["rev"]))]

def write(name, ks, basis, by):
    rows = []
    sei = [e for e in sample if E[e][3]]
    allr = sums(sample, ks)
    rows.append(row("all", "all", "规模以上工业", "", allr, allr, basis))
    rows.append(row("sei", "sei", "战略性新兴产业", "", sums(sei, ks), allr, basis))
    if by == "direction":
        for d, nm in (("1.1", "下一代信息网络产业"), ("4.1", "生物医药产业")):
            rows.append(row("direction", d, nm, "", sums([e for e in sei if E[e][3] == d], ks), allr, basis))
    else:
        for p, nm in (("320000", "江苏省"), ("440000", "广东省")):
            members = [e for e in sample if E[e][5] == p]
            rows.append(row("province", p, nm, p, sums([e for e in members if E[e][3]], ks), sums(members, ks), basis))
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow("group_kind,group_code,group_name,region,period,basis,enterprises,value_added,value_added_base,"
                   "value_added_real,growth_pct,gap_pp,share_pct,contribution_pct,pull_pp,revenue,employees,"
                   "rd_intensity_pct".split(","))
        for r in rows:
            w.writerow(["" if x is None else repr(float(x)) if isinstance(x, float) else x for x in r])

write("expected-cumulative-direction.csv", [0, 1], "cumulative", "direction")
write("expected-month-province.csv", [1], "month", "province")
