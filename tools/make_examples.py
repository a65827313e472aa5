#!/usr/bin/python3
"""Writes data/examples/*.csv: a small, deterministic, fictional set of
enterprises, monthly reports (2019-01..2020-12) and PPI deflators, in the
import formats of docs/formats.md. Run: /usr/bin/python3 tools/make_examples.py"""
import os, random

ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

def uscc(region, serial):
    body = "91" + region + "%09d" % serial
    body = body[:8] + "".join(ALPHA[(int(c) * 7 + i) % 31] if i % 3 == 0 else c
                              for i, c in enumerate(body[8:17]))
    s = sum(ALPHA.index(c) * w for c, w in zip(body, W))
    return body + ALPHA[(31 - s % 31) % 31]

# (name, class, region, lat, lon, founded, declared)
FIRMS = [
    ("浦江示例微电子有限公司", "3973", "310115", 31.2214, 121.5440, "2004-03-18", ""),
    ("张江示例集成电路制造有限公司", "3973", "310115", 31.2040, 121.6010, "2008-11-02", ""),
    ("临港示例半导体装备股份有限公司", "3562", "310115", 30.9050, 121.9300, "2012-06-30", ""),
    ("深南示例通信技术有限公司", "3921", "440305", 22.5400, 113.9500, "1999-09-09", ""),
    ("南山示例计算机有限公司", "3911", "440305", 22.5330, 113.9300, "2003-01-15", ""),
    ("宝安示例电声器件有限公司", "3984", "440306", 22.5550, 113.8830, "2010-05-20", ""),
    ("合肥示例新能源汽车有限公司", "3612", "340104", 31.8200, 117.2200, "2016-04-01", ""),
    ("包河示例显示器件有限公司", "3974", "340111", 31.7900, 117.3100, "2009-10-10", ""),
    ("光谷示例光电子有限公司", "3976", "420111", 30.5050, 114.4100, "2006-07-07", ""),
    ("苏州示例生物药业有限公司", "2761", "320506", 31.2700, 120.7400, "2011-12-12", ""),
    ("昌平示例医药科技有限公司", "2710", "110114", 40.2200, 116.2300, "2002-02-22", ""),
    ("达坂城示例风电装备有限公司", "3415", "650107", 43.3600, 88.3100, "2013-08-08", ""),
    ("包头示例风能设备有限公司", "3415", "150207", 40.6600, 109.8400, "2014-03-03", ""),
    ("嘉兴示例光伏科技有限公司", "3825", "330402", 30.7500, 120.7600, "2010-10-01", ""),
    ("江宁示例金属结构有限公司", "3311", "320115", 31.9500, 118.8400, "1998-06-06", ""),
    ("德州示例面粉有限公司", "1312", "371402", 37.4500, 116.3600, "1995-05-05", ""),
]

def num(v, digits=1):
    """The canonical form echelon exports: shortest round-trip decimal."""
    v = round(v, digits)
    return "%d" % v if v == int(v) else repr(v)

def main():
    rnd = random.Random(20200630)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "examples")
    os.makedirs(out, exist_ok=True)
    firms = []
    with open(os.path.join(out, "enterprises.csv"), "w", newline="") as f:
        f.write("uscc,name,industry,region,lat,lon,founded,sei_categories\n")
        for i, (name, cls, region, lat, lon, founded, declared) in enumerate(FIRMS):
            code = uscc(region, 1000 + 37 * i)
            firms.append((code, cls))
            f.write("%s,%s,%s,%s,%s,%s,%s,%s\n" % (code, name, cls, region, num(lat, 4), num(lon, 4), founded, declared))
    divisions = sorted({cls[:2] for _, cls in firms})
    ppi = {d: [] for d in divisions}
    with open(os.path.join(out, "deflators.csv"), "w", newline="") as f:
        f.write("division,period,ppi_yoy\n")
        for d in divisions:
            for y in (2019, 2020):
                for m in range(1, 13):
                    v = 100.0 + rnd.uniform(-2.5, 1.5) - (1.5 if y == 2020 and m < 7 else 0)
                    f.write("%s,%d-%02d,%s\n" % (d, y, m, num(v)))
    with open(os.path.join(out, "reports.csv"), "w", newline="") as f:
        f.write("uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports\n")
        for code, cls in firms:
            size = rnd.lognormvariate(10.8, 0.9)        # monthly revenue, thousand yuan
            growth = 1.0 + rnd.uniform(0.0, 0.15)
            staff = int(size / 60) + 20
            for y in (2019, 2020):
                for m in range(1, 13):
                    season = 0.75 if m == 2 else (1.12 if m == 12 else 1.0)
                    shock = 0.65 if (y == 2020 and m in (2, 3)) else 1.0
                    rev = size * season * shock * (growth if y == 2020 else 1.0) * rnd.uniform(0.95, 1.05)
                    out_ = rev * rnd.uniform(0.97, 1.03)
                    va = out_ * rnd.uniform(0.22, 0.30)
                    rd = rev * (0.06 if cls[:2] in ("39", "27", "35") else 0.015)
                    f.write("%s,%d-%02d,%s,%s,%s,%d,%s,%d,%s,%s\n" % (
                        code, y, m, num(rev), num(out_), num(va), staff, num(rd), rnd.randint(0, 4),
                        num(rev * rnd.uniform(0.0, 0.08)), num(rev * rnd.uniform(0.0, 0.3))))

if __name__ == "__main__":
    main()
