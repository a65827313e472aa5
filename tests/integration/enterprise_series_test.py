#!/usr/bin/python3
"""Integration test of an enterprise's own growth by month (GET
/enterprises/{uscc}/series) and of groups of different kinds compared
(GET /monitor/series?groups=): on the demo, the growth is the reports' by
hand, the CSV and XLSX downloads hold the JSON's figures (rounded as shown,
or raw), the roles of the enterprise page apply, and each compared group's
rows are its own answer's, under the disclosure control for an agency.
Run by tests/integration/enterprise_series.sh with ECHELON, SRC and WORK."""
import csv, io, os, shutil, signal, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import check, finish  # noqa: E402
from client import Client  # noqa: E402
import xlsx  # noqa: E402

ECHELON, WORK = os.environ["ECHELON"], os.path.join(os.environ["WORK"], "enterprise_series")


def run(*args, stdin=None):
    return subprocess.run([ECHELON, *args], input=stdin, capture_output=True, text=True)


def by_hand(reports):
    """Growth from the reports, as docs/methods.md puts it: the month
    against the same month a year earlier, January to the month against
    the same months where both years were reported."""
    va = {r["period"]: r["value_added"] for r in reports}
    prev = lambda p: "%d%s" % (int(p[:4]) - 1, p[4:])  # noqa: E731
    pct = lambda now, before: (now - before) / before * 100 if before > 0 else None  # noqa: E731
    out = {}
    for p in sorted(va):
        now = before = 0.0
        both = 0
        for m in range(1, int(p[5:]) + 1):
            q = "%s-%02d" % (p[:4], m)
            if q in va and prev(q) in va:
                now, before, both = now + va[q], before + va[prev(q)], both + 1
        out[p] = (pct(va[p], va[prev(p)]) if prev(p) in va else None, pct(now, before) if both else None)
    return out


def shown(v, scale, digits):
    return "" if v is None else "%.*f" % (digits, v / scale)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = os.path.join(WORK, "e.db")
    r = run("demo", "generate", "--db", db, "--enterprises", "3000")
    assert r.returncode == 0, r.stderr
    firms = [line.split(",")[0] for line in run("export", "enterprises", "--db", db).stdout.splitlines()[1:4]]
    for name, role, scope in (("ana", "analyst", ""), ("agn", "agency", ""), ("firm", "enterprise", firms[0])):
        r = run("user", "add", name, "--role", role, "--scope", scope, "--db", db, stdin="password-" + name + "\n")
        check(r.returncode == 0, "user add %s" % name, r.stderr)
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "2"],
                            stdout=subprocess.PIPE, text=True)
    port = int(proc.stdout.readline().split(":")[2].split(" ")[0])
    try:
        tests(port, firms)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finish()


def tests(port, firms):
    ana, agn, firm = Client(port), Client(port), Client(port)
    for name, c in (("ana", ana), ("agn", agn), ("firm", firm)):
        check(c.login(name, "password-" + name)[0] == 200, "%s signs in" % name)
    # the first SEI enterprise with two years of reports or more
    uscc = detail = None
    _, _, page, _ = ana.request("GET", "/api/v1/enterprises?per_page=50")
    for e in page["items"]:
        _, _, d, _ = ana.request("GET", "/api/v1/enterprises/" + e["uscc"])
        if d["enterprise"]["sei_primary"] and len({r["period"][:4] for r in d["reports"]}) >= 2:
            uscc, detail = e["uscc"], d
            break
    check(uscc is not None, "a demo SEI enterprise reports over two years")
    status, _, body, _ = ana.request("GET", "/api/v1/enterprises/%s/series" % uscc)
    rows = body["rows"]
    hand = by_hand(detail["reports"])
    check(status == 200 and body["uscc"] == uscc and [r["period"] for r in rows] == sorted(hand),
          "a row a reported month, in order", status)
    near = lambda a, b: (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)  # noqa: E731
    check(all(near(r["va_month_growth_pct"], hand[r["period"]][0]) and near(r["va_cumulative_growth_pct"], hand[r["period"]][1])
              for r in rows), "the growth of each month is the reports' by hand")
    check(any(r["va_month_growth_pct"] is not None for r in rows) and rows[0]["va_month_growth_pct"] is None,
          "the first year has nothing to compare, the next has")
    reports = {r["period"]: r for r in detail["reports"]}
    check(all(r["month_value_added"] == reports[r["period"]]["value_added"] and
              r["month_revenue"] == reports[r["period"]]["revenue"] for r in rows), "the month's figures are its reports'")

    # downloads: rounded as shown (万元 to two decimals, growth to one), or raw
    status, resp, _, data = ana.request("GET", "/api/v1/enterprises/%s/series?format=csv&lang=zh" % uscc)
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    check(status == 200 and lines[0] == ["统计期", "当月增加值（万元）", "当月营业收入（万元）", "增加值增速（当月）（%）",
                                          "增加值增速（1月至当月累计）（%）"], "the CSV's header in Chinese with units", lines[0])
    want = [[r["period"], shown(r["month_value_added"], 10, 2), shown(r["month_revenue"], 10, 2),
             shown(r["va_month_growth_pct"], 1, 1), shown(r["va_cumulative_growth_pct"], 1, 1)] for r in rows]
    check(lines[1:] == want, "the CSV holds the JSON's figures rounded as shown",
          next(((a, b) for a, b in zip(lines[1:], want) if a != b), None))
    _, _, _, data = ana.request("GET", "/api/v1/enterprises/%s/series?format=csv&lang=en&raw=1" % uscc)
    raw = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    check(raw[0] == ["period", "month_value_added", "month_revenue", "va_month_growth_pct", "va_cumulative_growth_pct"] and len(raw) == len(rows) + 1 and
          all(float(a[1]) == r["month_value_added"] and (a[3] == "" if r["va_month_growth_pct"] is None else
                                                        abs(float(a[3]) - r["va_month_growth_pct"]) < 1e-9)
              for a, r in zip(raw[1:], rows)), "the raw English CSV holds the JSON's figures unrounded")
    status, _, _, data = ana.request("GET", "/api/v1/enterprises/%s/series?format=xlsx&lang=zh" % uscc)
    sheet = next(iter(xlsx.read(data).values()))
    check(status == 200 and sheet[0] == lines[0] and len(sheet) == len(lines) and
          all(abs(float(a[1]) - float(b[1])) < 1e-9 for a, b in zip(sheet[1:], lines[1:])),
          "the workbook holds the CSV's table", status)

    # the roles of the enterprise page
    status, _, body, _ = agn.request("GET", "/api/v1/enterprises/%s/series" % uscc)
    check(status == 403, "an agency may not read an enterprise's months", status)
    status, _, body, _ = firm.request("GET", "/api/v1/enterprises/%s/series" % firms[0])
    check(status == 200, "an enterprise reads its own", status)
    status, _, body, _ = firm.request("GET", "/api/v1/enterprises/%s/series" % firms[1])
    check(status == 403 and body["error"]["problem"] == "enterprise.not_own", "but not another's", status)
    status, _, body, _ = ana.request("GET", "/api/v1/enterprises/911111111111111111/series")
    check(status == 404 and body["error"]["problem"] == "enterprise.not_found", "an unknown USCC is 404", status)
    status, _, body, _ = ana.request("GET", "/api/v1/enterprises/%s/series?format=pdf" % uscc)
    check(status == 400 and body["error"]["field"] == "format", "?format=pdf is 400 naming format", status)
    groups(ana, agn, detail["enterprise"])


def groups(ana, agn, e):
    """The enterprise's province, direction and prefecture compared: each
    group's rows are what its own kind's answer gives for it."""
    region, direction = e["region"], ".".join(e["sei_primary"].split(".")[:2])
    asked = [("province", region[:2] + "0000", ""), ("direction", direction, ""), ("prefecture", region[:4] + "00", region[:2] + "0000")]
    query = "from=2021-01&to=2021-12&basis=month"
    for who, client in (("an analyst", ana), ("an agency", agn)):
        status, _, many, _ = client.request("GET", "/api/v1/monitor/series?groups=%s&%s" %
                                            (",".join("%s:%s" % (k, c) for k, c, _ in asked), query))
        check(status == 200 and many["kind"] == "groups" and many["codes"] == [c for _, c, _ in asked],
              "%s compares a province, a direction and a prefecture in one request" % who, status)
        for kind, code, within in asked:
            _, _, one, _ = client.request("GET", "/api/v1/monitor/series?kind=%s&codes=%s&region=%s&%s" % (kind, code, within, query))
            mine = [r for r in many["rows"] if r["group_kind"] == kind and r["group_code"] == code]
            check(mine == (one.get("rows") or []), "%s: %s %s is its own answer, figure for figure" % (who, kind, code),
                  (len(mine), len((one.get("rows") or []))))
    status, _, _, data = ana.request("GET", "/api/v1/monitor/series?groups=province:%s,direction:%s&%s&format=csv&lang=zh" %
                                     (region[:2] + "0000", direction, query))
    text = data.decode("utf-8-sig")
    check(status == 200 and text.count("省份,") == 12 and text.count("重点方向,") == 12, "the comparison as a download")
    for bad, problem in (("groups=city:110000", "field.enum"), ("groups=province:11x", "codes.invalid"),
                         ("groups=province:110000&kind=province", "field.exclusive"), ("groups=area:1,area:1", "codes.twice")):
        status, _, body, _ = ana.request("GET", "/api/v1/monitor/series?" + bad)
        check(status == 400 and body["error"]["problem"] == problem and body["error"]["field"] == "groups",
              "?%s is 400 %s" % (bad, problem), (status, body))


main()
