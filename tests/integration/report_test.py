#!/usr/bin/python3
"""Integration test of the monthly bulletin (GET /reports/bulletin, `echelon
report bulletin`): on the demo, the PDF read back with pdftotext says the
headline figures of GET /monitor for the same period and region, rounded as
the bureau rounds; pdffonts shows the CJK font embedded; page pictures are
made with pdftoppm; the XLSX read back holds the monitor's figures, empty
where the disclosure control hides them (as /monitor hides them from an
agency); the HTML's headline is the command's sentence; bad requests are
refused with coded problems. Run by tests/integration/report.sh with
ECHELON, SRC and WORK."""
import html, math, os, re, shutil, signal, sqlite3, subprocess, sys, time, urllib.parse
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import check, finish  # noqa: E402
from client import Client  # noqa: E402
import xlsx  # noqa: E402

ECHELON, SRC, WORK = os.environ["ECHELON"], os.environ["SRC"], os.path.join(os.environ["WORK"], "report")


def run(*args, stdin=None):
    return subprocess.run([ECHELON, *args], input=stdin, capture_output=True)


def r1(v):
    """One decimal, half away from zero, as ec_bulletin_round."""
    r = math.floor(abs(v) * 10 + 0.5) / 10
    return -r if v < 0 and r else r


def growth_zh(v):
    g = r1(v)
    return "同比增长%.1f%%" % g if g > 0 else "同比下降%.1f%%" % -g if g < 0 else "与上年同期持平"


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = os.path.join(WORK, "r.db")
    r = run("demo", "generate", "--db", db, "--enterprises", "3000")
    assert r.returncode == 0, r.stderr
    (firm,) = sqlite3.connect(db).execute("select uscc from enterprise order by id limit 1").fetchone()
    for name, role, scope in (("ana", "analyst", ""), ("agn", "agency", ""), ("ent", "enterprise", firm)):
        r = run("user", "add", name, "--role", role, "--scope", scope, "--db", db, stdin=("password-" + name + "\n").encode())
        check(r.returncode == 0, "user add %s" % name, r.stderr)
    cli_tests(db)
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "2"],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    port = int(line.split(":")[2].split(" ")[0])
    try:
        api_tests(port, db)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    printer_tests(db)
    finish()


FAKE_CHROMIUM = """#!/bin/sh
# a printer that takes 5 s and writes a one-page PDF where it is told
for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}" ;; esac; done
sleep 5
printf '%%PDF-1.4 fake\\n' > "$out"
"""


def printer_tests(db):
    """The printer's failures and the limit on renders at once, with a
    printer that fails and one that is slow (ECHELON_CHROMIUM)."""
    env = dict(os.environ, ECHELON_CHROMIUM="/bin/false", LANG="zh_CN.UTF-8")
    r = subprocess.run([ECHELON, "report", "bulletin", "--db", db, "--period", "2020-06", "--format", "pdf", "--lang", "zh",
                        "-o", os.path.join(WORK, "no.pdf")], env=env, capture_output=True, text=True)
    check(r.returncode != 0 and "Chromium 打印失败" in r.stderr and not os.path.exists(os.path.join(WORK, "no.pdf")),
          "a printer that fails: a coded problem in the user's language, no file", r.stderr)
    fake = os.path.join(WORK, "slow-chromium")
    open(fake, "w").write(FAKE_CHROMIUM)
    os.chmod(fake, 0o755)
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "4"],
                            stdout=subprocess.PIPE, text=True, env=dict(os.environ, ECHELON_CHROMIUM=fake))
    port = int(proc.stdout.readline().split(":")[2].split(" ")[0])
    try:
        import threading
        ana = Client(port)
        check(ana.login("ana", "password-ana")[0] == 200, "ana signs in to the server with a slow printer")
        answers = []

        def one():
            c = Client(port)
            c.cookies = dict(ana.cookies)
            t0 = time.time()
            s, _, body, data = c.request("GET", "/api/v1/reports/bulletin?period=2020-06&format=pdf")
            answers.append((s, body if s != 200 else data[:9], round(t0 - start, 2), round(time.time() - start, 2)))
        start = time.time()
        # eight at once over four server threads (a thread serves its connections one after another, so
        # some may wait their turn): never more than two printing, the others refused before any work
        threads = [threading.Thread(target=one) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        printed = [a for a in answers if a[0] == 200]
        busy = [a for a in answers if a[0] == 503]
        check(len(printed) + len(busy) == 8 and len(printed) >= 2 and busy
              and all(a[1]["error"]["problem"] == "report.busy" and a[1]["error"]["params"]["max"] == "2" for a in busy),
              "PDFs at once: at most two printed together, the others refused with report.busy", answers)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def cli_tests(db):
    r = run("report", "bulletin", "--db", db, "--period", "2020-06", "--format", "text")
    text = r.stdout.decode()
    check(r.returncode == 0 and text.startswith("1—6月份，全国规模以上战略性新兴产业增加值同比"),
          "the command writes the bulletin's sentences, Chinese first", r.stderr)
    r = run("report", "bulletin", "--db", db, "--period", "2020-01", "--lang", "en")
    check(r.returncode == 0 and r.stdout.decode().startswith("In January, value added of strategic emerging"),
          "January alone, in English", r.stdout)
    r = run("report", "bulletin", "--db", db, "--period", "2030-06")
    check(r.returncode != 0 and "2030-06" in r.stderr.decode() and "2019-01" in r.stderr.decode(),
          "the command refuses a month without figures, naming the months it has", r.stderr)
    r = run("report", "bulletin", "--db", db, "--period", "2020-06", "--format", "doc")
    check(r.returncode == 2, "the command refuses an unknown format", r.stderr)
    out = os.path.join(WORK, "cli.xlsx")
    r = run("report", "bulletin", "--db", db, "--period", "2020-06", "--format", "xlsx", "-o", out)
    check(r.returncode == 0 and open(out, "rb").read(2) == b"PK", "-o FILE writes the workbook", r.stderr)


def api_tests(port, db):
    ana, agn, ent = Client(port), Client(port), Client(port)
    for c, n in ((ana, "ana"), (agn, "agn"), (ent, "ent")):
        check(c.login(n, "password-" + n)[0] == 200, "%s signs in" % n)
    for region in ("", "320000"):
        q = "period=2020-06" + ("&region=" + region if region else "")
        s, _, mon, _ = ana.request("GET", "/api/v1/monitor?" + q + "&by=area")
        check(s == 200, "monitor answers " + q, mon)
        rows = {row["group_code"]: row for row in mon["rows"]}
        sei, all_ = rows["sei"], rows["all"]
        # the PDF, read back
        s, resp, _, pdf = ana.request("GET", "/api/v1/reports/bulletin?" + q + "&format=pdf")
        check(s == 200 and resp.getheader("Content-Type") == "application/pdf" and pdf[:5] == b"%PDF-",
              "the bulletin as PDF " + q, pdf[:300])
        path = os.path.join(WORK, "bulletin%s.pdf" % region)
        open(path, "wb").write(pdf)
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
        flat = re.sub(r"\s+", "", text)
        gap = r1(sei["gap_pp"])
        said = ("增速比规模以上工业%s%.1f个百分点" % ("快" if gap > 0 else "慢", abs(gap))) if gap else "增速与规模以上工业持平"
        check(growth_zh(sei["growth_pct"]) in flat and said in flat,
              "the PDF says the monitor's SEI growth and gap (%s, %s) %s" % (growth_zh(sei["growth_pct"]), said, q), flat[:400])
        check("规模以上工业增加值" + growth_zh(all_["growth_pct"]) in flat, "the PDF says all industry's growth " + q, flat[:600])
        check("比重为%.1f%%" % r1(sei["share_pct"]) in flat, "the PDF says the SEI share " + q, flat[:600])
        fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True).stdout
        check(any("WenQuanYi" in l and " yes " in l for l in fonts.splitlines()),
              "pdffonts shows the CJK font embedded " + q, fonts)
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", path,
                        os.path.join(WORK, "page%s" % region)], check=True)
        check(any(f.startswith("page%s" % region) and f.endswith(".png") for f in os.listdir(WORK)),
              "pdftoppm makes the first page's picture " + q)
        # the workbook, read back
        for who, client in (("analyst", ana), ("agency", agn)):
            s, _, _, data = client.request("GET", "/api/v1/reports/bulletin?" + q + "&format=xlsx")
            check(s == 200 and data[:2] == b"PK", "the bulletin as XLSX for the %s %s" % (who, q))
            book = xlsx.read(data)
            check(list(book) == ["主要指标", "分领域", "分月累计增速"], "one sheet per table", list(book))
            head, first = book["主要指标"][0], book["主要指标"][1]
            g = head.index("增速（%）")
            check(first[0] == "sei" and float(first[g]) == r1(sei["growth_pct"]),
                  "the workbook's SEI growth is the monitor's " + q, (head, first))
            s, _, seen, _ = agn.request("GET", "/api/v1/monitor?" + q + "&by=area")
            hidden = {row["group_code"] for row in seen["rows"] if row.get("suppressed")}
            areas = book["分领域"]
            gi = areas[0].index("增速（%）")
            ok = True
            for row in areas[1:]:
                code = row[0]
                if code in hidden:
                    ok &= row[gi] == ""
                else:
                    ok &= row[gi] != "" and float(row[gi]) == r1(rows[code]["growth_pct"])
            check(ok and len(areas) > 1, "areas: the monitor's growth, empty where the agency's monitor hides it (%s) %s"
                  % (sorted(hidden), q), areas)
    # the HTML's headline is the command's sentence
    s, resp, _, page = ana.request("GET", "/api/v1/reports/bulletin?period=2020-06")
    m = re.search(r'<p class="prose" id="headline">(.*?)</p>', page.decode())
    cli = run("report", "bulletin", "--db", db, "--period", "2020-06").stdout.decode().split("\n\n")[0]
    check(s == 200 and resp.getheader("Content-Type").startswith("text/html") and m and html.unescape(m.group(1)) == cli,
          "the HTML page's headline is the command's", (m and m.group(1), cli))
    check(b"@page" in page and b"<svg" in page and b"chart-months" in page and b"chart-areas" in page,
          "the page prints on A4 and draws both charts as inline SVG")
    s, _, _, en = ana.request("GET", "/api/v1/reports/bulletin?period=2020-06&lang=en")
    check(s == 200 and b"Strategic Emerging Industries: Monthly Bulletin" in en, "the page in English")
    # refusals, coded
    for q, status, code in (("period=2030-06", 404, "report.period"), ("period=2020-13", 400, "period.invalid"),
                            ("period=2020-06&region=990000", 404, "region.unknown"),
                            ("period=2020-06&region=12", 400, "region.code"),
                            ("period=2020-06&format=doc", 400, "field.enum"),
                            ("period=2020-06&lang=fr", 400, "field.enum")):
        s, _, body, _ = ana.request("GET", "/api/v1/reports/bulletin?" + q)
        check(s == status and body["error"]["problem"] == code, "%s: %d %s" % (q, status, code), (s, body))
    s, _, body, _ = ana.request("GET", "/api/v1/reports/bulletin?period=2030-06")
    check(body["error"]["params"].get("first") == "2019-01", "report.period names the first month measured", body)
    s, _, body, _ = ent.request("GET", "/api/v1/reports/bulletin?period=2020-06")
    check(s == 403, "an enterprise account may not read bulletins", (s, body))
    library_tests(ana, agn, ent, db)


def library_tests(ana, agn, ent, db):
    """The library of published reports: kept as published, with who and
    the data generation; analysts publish, agencies read, enterprises
    neither."""
    (generation,) = sqlite3.connect(db).execute("select generation from facts_state").fetchone()
    s, _, made, _ = ana.request("POST", "/api/v1/reports/published", {"period": "2020-06", "region": "320000"})
    check(s == 201 and made["id"] > 0 and made["region"] == "320000", "an analyst publishes the bulletin", (s, made))
    s, _, body, _ = agn.request("POST", "/api/v1/reports/published", {"period": "2020-06"})
    check(s == 403, "an agency may not publish", (s, body))
    s, _, body, _ = ana.request("POST", "/api/v1/reports/published", {"period": "2030-06"})
    check(s == 404 and body["error"]["problem"] == "report.period", "publishing a month without figures is refused", body)
    s, _, lib, _ = agn.request("GET", "/api/v1/reports/published")
    mine = [x for x in lib if x["id"] == made["id"]] if s == 200 else []
    check(len(mine) == 1 and mine[0]["user"] == "ana" and mine[0]["generation"] == generation
          and mine[0]["period"] == "2020-06" and mine[0]["kind"] == "bulletin",
          "the library says who published it and from which data generation (%s)" % generation, lib)
    s, _, _, kept = agn.request("GET", "/api/v1/reports/published/%d" % made["id"])
    s2, _, _, now = ana.request("GET", "/api/v1/reports/bulletin?period=2020-06&region=320000")
    check(s == 200 and kept == now, "the published page is the bulletin's page as it was", (s, len(kept), len(now)))
    s, _, _, kx = agn.request("GET", "/api/v1/reports/published/%d?format=xlsx" % made["id"])
    s2, _, _, nx = ana.request("GET", "/api/v1/reports/bulletin?period=2020-06&region=320000&format=xlsx")
    check(s == 200 and xlsx.read(kx) == xlsx.read(nx), "the published workbook holds the bulletin's tables")
    s, _, body, _ = agn.request("GET", "/api/v1/reports/published/999999")
    check(s == 404 and body["error"]["problem"] == "report.not_found", "an unknown report: 404 report.not_found", body)
    s, _, body, _ = ent.request("GET", "/api/v1/reports/published/%d" % made["id"])
    check(s == 403, "an enterprise account may not read the library", (s, body))
    audit = sqlite3.connect(db).execute("select user, target, summary from audit where action = 'report.publish'").fetchall()
    check(("ana", str(made["id"])) in [a[:2] for a in audit] and "generation=%d" % generation in audit[-1][2],
          "publishing is audited: who, which report, which data generation", audit)
    # a new month imported: its bulletin published by itself
    con = sqlite3.connect(db)
    last = con.execute("select max(period) from report").fetchone()[0]  # months since year 0
    new = "%04d-%02d" % ((last + 1) // 12, (last + 1) % 12 + 1)
    deflators = "division,period,ppi_yoy\n" + "".join(
        "%s,%s,101.0\n" % (d, new) for (d,) in con.execute("select distinct division from deflator"))
    reports = "uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports\n" + "".join(
        "%s,%s,%r,%r,%r,%d,%r,%d,%r,%r\n" % (u, new, rv * 1.05, o * 1.05, va * 1.05, em, rd, pa, inv, ex)
        for (u, rv, o, va, em, rd, pa, inv, ex) in con.execute(
            "select e.uscc, r.revenue, r.output, r.value_added, r.employees, r.rd_expense, r.patents, r.investment,"
            " r.exports from report r join enterprise e on e.id = r.enterprise_id where r.period = ?", (last - 11,)))
    s, _, dres, _ = ana.request("POST", "/api/v1/import/deflators", deflators.encode(), {"Content-Type": "text/csv"})
    check(s == 200 and dres.get("bulletin") is None, "deflators of a month without reports publish nothing", dres)
    s, _, rres, _ = ana.request("POST", "/api/v1/import/reports", reports.encode(), {"Content-Type": "text/csv"})
    auto = rres.get("bulletin") if s == 200 else None
    check(auto is not None and auto["period"] == new, "the reports of a new month publish its bulletin (%s)" % new, rres)
    s, _, lib, _ = agn.request("GET", "/api/v1/reports/published")
    check(s == 200 and auto and any(x["id"] == auto["id"] and x["period"] == new and x["user"] == "ana"
                                    and x["generation"] > generation for x in lib),
          "the library holds it, made by the importer from the new data generation", lib)
    s, _, rres, _ = ana.request("POST", "/api/v1/import/reports", reports.encode(), {"Content-Type": "text/csv"})
    check(s == 200 and rres.get("bulletin") is None, "the same month again publishes nothing more", rres)
    r = run("report", "list", "--db", db, "--format", "csv")
    check(r.returncode == 0 and (",2020-06,320000,zh,%d,ana," % generation) in r.stdout.decode(),
          "the command lists the library", r.stdout)


main()
