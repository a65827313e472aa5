#!/usr/bin/python3
"""Integration test of downloads: every table the dashboard shows comes as
CSV and as an Excel workbook from the API (?format=csv|xlsx), written on
the server as shown (names and units in the asked language, figures
rounded as shown, codes named, Beijing time) or raw; the workbook holds the
same cells as the CSV; the command's --format xlsx is the same file as the
API's; restricted roles get the disclosure control in the file too. Run by
tests/integration/download.sh with ECHELON, SRC and WORK."""
import csv, io, json, os, re, shutil, signal, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import check, finish  # noqa: E402
import db as store  # noqa: E402
from client import Client  # noqa: E402
import xlsx  # noqa: E402

ECHELON, SRC, WORK = os.environ["ECHELON"], os.environ["SRC"], os.path.join(os.environ["WORK"], "download")
BOM = "\ufeff"
# What a Chinese header may hold besides Chinese: units and abbreviations.
ALLOWED_LATIN = {"ECI", "PCI", "SHA", "HHI", "R", "D"}


def run(*args, stdin=None, text=True):
    return subprocess.run([ECHELON, *args], input=stdin, capture_output=True, text=text)


def parse_csv(data):
    text = data.decode("utf-8")
    return text.startswith(BOM), list(csv.reader(io.StringIO(text.lstrip(BOM))))


def same_cells(csv_rows, sheet_rows):
    """The workbook's cells equal the CSV's: text as is, figures by value
    (the workbook holds 3 where the CSV says 3.0)."""
    if len(csv_rows) != len(sheet_rows):
        return "rows %d vs %d" % (len(csv_rows), len(sheet_rows))
    for i, (a, b) in enumerate(zip(csv_rows, sheet_rows)):
        b = b + [""] * (len(a) - len(b))
        for j, (x, y) in enumerate(zip(a, b)):
            if x == y:
                continue
            try:
                if abs(float(x) - float(y)) <= 1e-9 * max(1.0, abs(float(x))):
                    continue
            except ValueError:
                pass
            return "row %d column %d: %r vs %r" % (i, j, x, y)
    return None


def latin_words(header):
    return [w for w in re.findall(r"[A-Za-z_]+", "".join(header)) if w not in ALLOWED_LATIN]


def both(c, path, what, rows_expected=None, lang="zh"):
    """Downloads path as CSV and XLSX in lang and checks them; the CSV rows."""
    sep = "&" if "?" in path else "?"
    status, resp, _, data = c.send("GET", "%s%sformat=csv&lang=%s" % (path, sep, lang))
    ok = status == 200 and (resp.getheader("Content-Type") or "").startswith("text/csv")
    check(ok, "%s: CSV (%s)" % (what, lang), (status, data[:300]))
    if not ok:
        return []
    bom, rows = parse_csv(data)
    disposition = resp.getheader("Content-Disposition") or ""
    check(bom and 'attachment; filename="' in disposition and disposition.endswith('.csv"'),
          "%s: the CSV is an attachment with a byte order mark for Excel" % what, disposition)
    if lang == "zh":
        check(not latin_words(rows[0]), "%s: the Chinese header has no English or internal names" % what, rows[0])
    if rows_expected is not None:
        check(len(rows) - 1 == rows_expected, "%s: as many rows as the JSON answer (%d)" % (what, rows_expected),
              len(rows) - 1)
    status, resp, _, book = c.send("GET", "%s%sformat=xlsx&lang=%s" % (path, sep, lang))
    check(status == 200 and book[:4] == b"PK\x03\x04" and "spreadsheetml" in (resp.getheader("Content-Type") or ""),
          "%s: XLSX (%s)" % (what, lang), (status, book[:200]))
    if status == 200:
        sheets = xlsx.read(book)
        first = next(iter(sheets.values()))
        diff = same_cells(rows, first)
        check(diff is None, "%s: the workbook holds the CSV's cells" % what, diff)
    return rows


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = store.uri(os.path.join(WORK, "d.db"))
    r = run("demo", "generate", "--db", db, "--enterprises", "3000")
    assert r.returncode == 0, r.stderr
    fund = run("fund", "list", "--db", db, "--format", "csv").stdout.splitlines()[1].split(",")[0]
    for name, role, scope in (("ana", "analyst", ""), ("fnd", "fund", fund)):
        r = run("user", "add", name, "--role", role, "--scope", scope, "--db", db, stdin="password-" + name + "\n")
        check(r.returncode == 0, "user add %s" % name, r.stderr)
    r = run("user", "add", "root", "--role", "admin", "--db", db, stdin="password-root\n")
    check(r.returncode == 0, "user add root", r.stderr)

    # The command: --format xlsx is a workbook, refused on a terminal is tested by the unit of cli_format.
    r = run("fund", "list", "--db", db, "--format", "xlsx", "--lang", "zh", text=False)
    check(r.returncode == 0 and r.stdout[:4] == b"PK\x03\x04", "echelon fund list --format xlsx writes a workbook",
          r.stderr[:300])
    cli_book = xlsx.read(r.stdout) if r.returncode == 0 else {}

    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "2",
                             "--access-log", os.path.join(WORK, "access.log")],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    port = int(line.split(":")[2].split(" ")[0])
    try:
        tests(port, db, fund, cli_book)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finish()


def tests(port, db, fund, cli_book):
    c = Client(port)
    check(c.login("ana", "password-ana")[0] == 200, "the analyst signs in")

    # The registries.
    _, _, clusters, _ = c.request("GET", "/api/v1/clusters")
    rows = both(c, "/api/v1/clusters", "clusters", len(clusters))
    check(rows and rows[0][:3] == ["代码", "层级", "名称"], "clusters: named columns", rows[:1])
    check(rows and all(r[1] in ("产业基地", "产业集群", "产业生态") for r in rows[1:]),
          "clusters: tiers by their Chinese names", sorted({r[1] for r in rows[1:]}))
    _, _, projects, _ = c.request("GET", "/api/v1/projects")
    rows = both(c, "/api/v1/projects", "projects", len(projects))
    if rows:
        k = rows[0].index("总投资（万元）") if "总投资（万元）" in rows[0] else -1
        check(k >= 0, "projects: the total in 万元, the unit in the header", rows[0])
        by_code = {p["code"]: p for p in projects}
        first = rows[1]
        want = "%.2f" % (by_code[first[0]]["total_investment"] / 10)
        check(k >= 0 and first[k] == want, "projects: thousand yuan shown in 万元, two decimals", (first, want))
    both(c, "/api/v1/projects?stage=under_construction", "projects under construction",
         sum(1 for p in projects if p["stage"] == "under_construction"))
    _, _, funds, _ = c.request("GET", "/api/v1/funds")
    rows = both(c, "/api/v1/funds", "funds", len(funds))
    api_book = xlsx.read(c.send("GET", "/api/v1/funds?format=xlsx&lang=zh")[3])
    check(list(api_book.values())[0] == list(cli_book.values())[0] if cli_book else False,
          "the command's workbook and the API's hold the same cells (one writer)")
    _, _, detail, _ = c.request("GET", "/api/v1/funds/" + fund)
    rows = both(c, "/api/v1/funds/" + fund, "a fund's matching projects", len(detail["matches"]))
    if len(rows) > 1:
        why = rows[1][rows[0].index("理由")]
        check("match." not in why and "；" in why and re.search("[\u4e00-\u9fff]", why),
              "a fund's matching projects: the reasons in Chinese words, not codes", why)
    check(detail["matches"] and all(r["code"].startswith("match.") and "params" in r
                                    for r in detail["matches"][0]["reasons"]),
          "the API gives each reason as {code, params, message}", detail["matches"][:1])
    # A project's matching funds: the page's table, named, its reasons in words.
    matched = None
    for p in projects:
        _, _, pd, _ = c.request("GET", "/api/v1/projects/" + p["code"])
        if pd["matches"]:
            matched = (p["code"], pd)
            break
    check(matched is not None, "a project has matching funds on the demo")
    if matched:
        code, pd = matched
        rows = both(c, "/api/v1/projects/" + code, "a project's matching funds", len(pd["matches"]))
        check(rows and rows[0][:3] == ["基金", "基金名称", "基金类型"], "a project's matching funds: named columns", rows[:1])
        if len(rows) > 1:
            m = pd["matches"][0]
            check(rows[1][0] == m["fund"] and rows[1][1] == m["fund_name"],
                  "a project's matching funds: in the JSON answer's order", (rows[1], m))
            why = rows[1][rows[0].index("理由")]
            check("match." not in why and re.search("[\u4e00-\u9fff]", why),
                  "a project's matching funds: the reasons in Chinese words, not codes", why)
        rows = both(c, "/api/v1/projects/" + code, "a project's matching funds in English", len(pd["matches"]), lang="en")
        check(rows and rows[0][:2] == ["Fund", "Fund name"], "a project's matching funds: English header", rows[:1])
    rows = both(c, "/api/v1/funds", "funds in English", len(funds), lang="en")
    check(rows and rows[0][0] == "Code" and "Capital available (million yuan)" in rows[0], "funds: English header",
          rows[:1])

    # Monitoring: rounded as shown, growth to one decimal.
    _, _, periods, _ = c.request("GET", "/api/v1/monitor/periods")
    period = periods["last"]
    _, _, mon, _ = c.request("GET", "/api/v1/monitor?period=%s&by=area" % period)
    rows = both(c, "/api/v1/monitor?period=%s&by=area" % period, "monitoring by area", len(mon["rows"]))
    if rows:
        g = rows[0].index("增速（%）")
        v = rows[0].index("增加值（亿元）")
        for i, want in enumerate(mon["rows"], 1):
            if want["growth_pct"] is not None and rows[i][g] != "%.1f" % want["growth_pct"]:
                check(False, "monitoring: growth to one decimal", (rows[i][g], want["growth_pct"]))
                break
            if rows[i][v] != "%.2f" % (want["value_added"] / 1e5):
                check(False, "monitoring: value added in 亿元", (rows[i][v], want["value_added"]))
                break
        else:
            check(True, "monitoring: growth to one decimal, value added in 亿元, as the API's figures")
    status, _, _, data = c.send("GET", "/api/v1/monitor?period=%s&by=area&format=csv&raw=1" % period)
    _, raw = parse_csv(data)
    check(status == 200 and raw[0][:3] == ["group_kind", "group_code", "group_name"] and
          float(raw[1][raw[0].index("value_added")]) == mon["rows"][0]["value_added"],
          "raw=1: the column keys and the figures as stored", raw[:2])
    for q, field in (("format=pdf", "format"), ("format=csv&lang=fr", "lang"), ("format=csv&raw=yes", "raw")):
        status, _, body, _ = c.send("GET", "/api/v1/monitor?period=%s&%s" % (period, q))
        check(status == 400 and body["error"].get("field") == field, "a bad %s is refused naming it" % field,
              (status, body))

    # Complexity: the priorities of the first province with enterprises.
    status, _, cx, _ = c.request("GET", "/api/v1/complexity?year=%s&regions=province" % period[:4])
    if status == 200 and cx["rows"]:
        region = cx["rows"][0]["region"]
        path = "/api/v1/complexity?year=%s&regions=province&show=priorities&region=%s" % (period[:4], region)
        _, _, pr, _ = c.request("GET", path)
        both(c, path, "priorities", len(pr["rows"]))
    else:
        check(False, "complexity answers", (status, cx))

    # Jobs: the evaluation and an allocation, a workbook with a sheet per table.
    status, _, ev, _ = c.request("GET", "/api/v1/clusters/evaluation?year=%s" % period[:4], follow=False)
    job = c.wait_job(ev["job"]["id"])
    rows = both(c, "/api/v1/jobs/" + job["id"], "the evaluation", len(job["result"]["rows"]))
    book = xlsx.read(c.send("GET", "/api/v1/jobs/%s?format=xlsx" % job["id"])[3])
    check(list(book) == ["结果", "权重"], "the evaluation's workbook: results, then weights", list(book))
    both(c, "/api/v1/clusters/evaluation?year=%s" % period[:4], "the evaluation's own route (kept answer)",
         len(job["result"]["rows"]))
    fresh = Client(port)
    fresh.login("fnd", "password-fnd")
    status, resp, _, data = fresh.send("GET", "/api/v1/clusters/evaluation?year=%s&format=csv" % (int(period[:4]) - 1))
    check(status == 200 and data.decode("utf-8").startswith(BOM + "位次,代码"),
          "an evaluation not yet made is made for its download (no job)", (status, data[:200]))
    a = Client(port)
    a.login("root", "password-root")
    status, _, al, _ = a.request("POST", "/api/v1/allocation", {"lp": True}, follow=False)
    job = a.wait_job(al["job"]["id"])
    rows = both(a, "/api/v1/jobs/" + job["id"], "the allocation", len(job["result"]["plan"]))
    book = xlsx.read(a.send("GET", "/api/v1/jobs/%s?format=xlsx" % job["id"])[3])
    check(list(book) == ["分配方案", "资金缺口", "紧约束与影子价格"], "the allocation's workbook: three sheets",
          list(book))
    status, _, _, _ = c.send("GET", "/api/v1/jobs/%s?format=csv" % job["id"])
    check(status == 404, "another account's job is not downloaded", status)

    # The audit log, in Beijing time.
    _, _, audit, _ = a.request("GET", "/api/v1/audit?limit=5")
    rows = both(a, "/api/v1/audit?limit=5", "the audit log", len(audit))
    if rows and audit:
        utc = audit[0]["at"]  # 2026-12-07T03:04:05Z
        h = (int(utc[11:13]) + 8) % 24
        check(rows[0][1] == "时间（北京时间）" and rows[1][1][11:13] == "%02d" % h,
              "the audit log: times in Beijing time", (rows[1], utc))
    status, _, _, _ = c.send("GET", "/api/v1/audit?format=csv")
    check(status == 403, "the audit download is the admin's only", status)

    # The disclosure control holds in the file: a fund sees no hidden figure.
    f = Client(port)
    f.login("fnd", "password-fnd")
    _, _, mon, _ = f.request("GET", "/api/v1/monitor?period=%s&by=prefecture" % period)
    hidden = [r for r in mon["rows"] if r.get("suppressed")]
    rows = both(f, "/api/v1/monitor?period=%s&by=prefecture" % period, "monitoring for a fund", len(mon["rows"]))
    if rows and hidden:
        va, why = rows[0].index("增加值（亿元）"), rows[0].index("隐藏原因")
        shown = [r for r in rows[1:] if r[why]]
        check(len(shown) == len(hidden) and all(r[va] == "" for r in shown),
              "monitoring for a fund: the suppressed figures are empty, with the reason named", (len(shown), len(hidden)))
    else:
        check(bool(rows), "monitoring for a fund downloads", hidden[:1])


main()
