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
import html, math, os, re, shutil, signal, subprocess, sys, time, urllib.parse
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import check, finish  # noqa: E402
import db as store  # noqa: E402
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
    db = store.uri(os.path.join(WORK, "r.db"))
    r = run("demo", "generate", "--db", db, "--enterprises", "3000")
    assert r.returncode == 0, r.stderr
    (firm,) = store.connect(db).execute("select uscc from enterprise order by id limit 1").fetchone()
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


FAKE_CHROMIUM = """#!/usr/bin/python3
# A printer that says when a print starts, then prints only once the test
# lets it: a one-shot print (--print-to-pdf) or, as the server keeps its
# browser, the DevTools protocol on fds 3 and 4 (--remote-debugging-pipe).
import base64, json, os, sys, time
LOG, RELEASE = %(log)r, %(release)r
def held():
    open(LOG, "a").write("started\\n")
    while not os.path.exists(RELEASE):
        time.sleep(0.05)
    return b"%%PDF-1.4 fake\\n"
out = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--print-to-pdf=")]
if out:
    open(out[0], "wb").write(held())
    sys.exit(0)
buf = b""
while True:
    got = os.read(3, 65536)
    if not got:
        sys.exit(0)
    buf += got
    while b"\\0" in buf:
        msg, buf = buf.split(b"\\0", 1)
        m = json.loads(msg)
        result, events = {}, []
        if m["method"] == "Target.createTarget":
            result = {"targetId": "T"}
        elif m["method"] == "Target.attachToTarget":
            result = {"sessionId": "S"}
        elif m["method"] == "Page.navigate":
            events = [{"method": "Page.loadEventFired", "sessionId": "S", "params": {}}]
        elif m["method"] == "Page.printToPDF":
            result = {"data": base64.b64encode(held()).decode()}
        for x in [dict(id=m["id"], result=result, **({"sessionId": m["sessionId"]} if "sessionId" in m else {}))] + events:
            os.write(4, json.dumps(x).encode() + b"\\0")
"""


def wait_for(what, predicate, limit=120):
    """Waits until predicate() holds (a deadline against a hang, not a
    measure: nothing is asserted about how long it took)."""
    end = time.time() + limit
    while not predicate():
        assert time.time() < end, "still waiting for " + what
        time.sleep(0.05)


def printer_tests(db):
    """The printer's failures and the limit on renders at once, with a
    printer that fails and one held until the test releases it
    (ECHELON_CHROMIUM): no assertion depends on how long anything takes."""
    env = dict(os.environ, ECHELON_CHROMIUM="/bin/false", LANG="zh_CN.UTF-8")
    r = subprocess.run([ECHELON, "report", "bulletin", "--db", db, "--period", "2020-06", "--format", "pdf", "--lang", "zh",
                        "-o", os.path.join(WORK, "no.pdf")], env=env, capture_output=True, text=True)
    check(r.returncode != 0 and "Chromium 打印失败" in r.stderr and not os.path.exists(os.path.join(WORK, "no.pdf")),
          "a printer that fails: a coded problem in the user's language, no file", r.stderr)
    fake, log, release = (os.path.join(WORK, n) for n in ("held-chromium", "printer.log", "printer.release"))
    open(fake, "w").write(FAKE_CHROMIUM % {"log": log, "release": release})
    os.chmod(fake, 0o755)
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "4"],
                            stdout=subprocess.PIPE, text=True, env=dict(os.environ, ECHELON_CHROMIUM=fake))
    port = int(proc.stdout.readline().split(":")[2].split(" ")[0])
    try:
        import threading
        ana = Client(port)
        check(ana.login("ana", "password-ana")[0] == 200, "ana signs in to the server with a held printer")
        printed = []

        def one():
            c = Client(port)
            c.cookies = dict(ana.cookies)
            s, _, body, data = c.request("GET", "/api/v1/reports/bulletin?period=2020-06&format=pdf")
            printed.append((s, body if s != 200 else data[:9]))
        # two prints take the two places and are held there; the second is
        # asked once the first has started, so that a server thread other
        # than the held one takes its connection
        started = lambda: open(log).read().count("started") if os.path.exists(log) else 0  # noqa: E731
        threads = []
        for k in (1, 2):
            threads.append(threading.Thread(target=one))
            threads[-1].start()
            wait_for("print %d to start" % k, lambda: started() == k)
        # while they are held, every other print is refused before any work (two server threads are free)
        busy = [ana.request("GET", "/api/v1/reports/bulletin?period=2020-06&format=pdf") for _ in range(6)]
        check(all(b[0] == 503 and b[2]["error"]["problem"] == "report.busy" and b[2]["error"]["params"]["max"] == "2"
                  for b in busy) and started() == 2,
              "PDFs at once: while two print, the others are refused with report.busy and no printer starts",
              [(b[0], b[2]) for b in busy])
        open(release, "w").close()
        for t in threads:
            t.join()
        check(sorted(p[0] for p in printed) == [200, 200] and all(p[1][:5] == b"%PDF-" for p in printed),
              "the two held prints are answered once released", printed)
        s, _, _, data = ana.request("GET", "/api/v1/reports/bulletin?period=2020-06&format=pdf")
        check(s == 200 and data[:5] == b"%PDF-" and started() == 3, "a place given back is taken again", s)
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
    # a new month imported through the command: its bulletin published, as the server's import does
    copy = store.copy(db, os.path.join(WORK, "cli-import.db"))
    new, deflators, reports = new_month(copy)
    for kind, text in (("deflators", deflators), ("reports", reports)):
        open(os.path.join(WORK, kind + ".csv"), "w").write(text)
    r = run("import", "deflators", os.path.join(WORK, "deflators.csv"), "--db", copy)
    check(r.returncode == 0 and new not in r.stdout.decode(), "the command's deflators of a new month publish nothing",
          r.stdout)
    r = run("import", "reports", os.path.join(WORK, "reports.csv"), "--db", copy)
    lib = run("report", "list", "--db", copy, "--format", "csv").stdout.decode()
    check(r.returncode == 0 and new in r.stdout.decode() and (",bulletin,%s,," % new) in lib,
          "the command's reports of a new month publish its bulletin (%s)" % new, (r.stdout, r.stderr, lib))
    # the next month's reports before its deflators: the deflators' import publishes it, once
    later, deflators, reports = new_month(copy)
    for kind, text in (("deflators", deflators), ("reports", reports)):
        open(os.path.join(WORK, kind + ".csv"), "w").write(text)
    r = run("import", "reports", os.path.join(WORK, "reports.csv"), "--db", copy)
    check(r.returncode == 0 and later not in r.stdout.decode(),
          "the command's reports of a month without its deflators publish nothing", r.stdout)
    r = run("import", "deflators", os.path.join(WORK, "deflators.csv"), "--db", copy)
    r2 = run("import", "deflators", os.path.join(WORK, "deflators.csv"), "--db", copy)
    lib = run("report", "list", "--db", copy, "--format", "csv").stdout.decode()
    check(r.returncode == 0 and later in r.stdout.decode() and later not in r2.stdout.decode()
          and lib.count(",bulletin,%s,," % later) == 1,
          "the command's deflators after the reports publish the bulletin of %s once" % later, (r.stdout, r2.stdout, lib))
    r = run("report", "cluster", "NC2019-01", "--db", db, "--format", "text")
    check(r.returncode == 0 and r.stdout.decode().startswith("北京市海淀区人工智能产业集群（NC2019-01）"),
          "the command writes a cluster's profile in words", r.stdout[:200])
    r = run("report", "cluster", "NOPE", "--db", db)
    check(r.returncode != 0 and b"NOPE" in r.stderr, "an unknown cluster is refused", r.stderr)
    r = run("report", "allocation", "--lp", "--db", db, "--format", "text")
    check(r.returncode == 0 and "求解基金向项目的分配" in r.stdout.decode(), "the command writes the allocation in words",
          r.stdout[:200])
    r = run("report", "allocation", "--objective", "most", "--db", db)
    check(r.returncode == 2, "the allocation's options are checked as allocate's", r.stderr)


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
        if not region:
            check("图31—6月份各地区规模以上战略性新兴产业增加值增速" in flat and "未纳入统计" in flat,
                  "the PDF prints the provinces' map, its legend and caption", flat[:100])
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
            check(list(book) == ["主要指标", "分领域", "分地区", "分月累计增速"], "one sheet per table", list(book))
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
            # the regions one level down: the provinces, or a province's prefectures
            by = "prefecture" if region else "province"
            s, _, seen, _ = agn.request("GET", "/api/v1/monitor?" + q + "&by=" + by)
            regions = book["分地区"]
            gi = regions[0].index("增速（%）")
            theirs = {row["group_code"]: ("" if row.get("suppressed") else r1(row["growth_pct"]))
                      for row in seen["rows"] if row["group_code"] not in ("all", "sei")}
            mine = {row[0]: ("" if row[gi] == "" else float(row[gi])) for row in regions[1:]}
            check(len(mine) > 1 and mine == theirs and "" in mine.values(),
                  "regions (%s): the monitor's growth, empty where the agency's monitor hides it %s" % (by, q),
                  (mine, theirs))
    # the PDF as a job: 202, then the job's answer holds the file
    s, resp, _, _ = ana.request("GET", "/api/v1/reports/bulletin?period=2020-06&format=pdf&job=1", follow=False)
    s2, _, done, _ = ana.request("GET", "/api/v1/reports/bulletin?period=2020-06&format=pdf&job=1")
    f = done.get("file", {}) if s2 == 200 else {}
    import base64
    data = base64.b64decode(f.get("base64", ""))
    check(s == 202 and f.get("media_type") == "application/pdf" and f.get("filename") == "bulletin-2020-06.pdf"
          and f.get("size") == len(data) and data[:5] == b"%PDF-" and "同比" in pdf_text(data, "job.pdf"),
          "the PDF as a job: 202, then the job answers the file", (s, s2, str(done)[:300]))
    # the HTML's headline is the command's sentence
    s, resp, _, page = ana.request("GET", "/api/v1/reports/bulletin?period=2020-06")
    m = re.search(r'<p class="prose" id="headline">(.*?)</p>', page.decode())
    cli = run("report", "bulletin", "--db", db, "--period", "2020-06").stdout.decode().split("\n\n")[0]
    check(s == 200 and resp.getheader("Content-Type").startswith("text/html") and m and html.unescape(m.group(1)) == cli,
          "the HTML page's headline is the command's", (m and m.group(1), cli))
    check(b"@page" in page and b"<svg" in page and b"chart-months" in page and b"chart-areas" in page,
          "the page prints on A4 and draws both charts as inline SVG")
    map_tests(page.decode())
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
    cluster_tests(ana, agn, ent)
    allocation_tests(ana, agn)


def map_tests(page):
    """The national bulletin's map: a path per province of GB/T 2260 and the
    South China Sea inset; each province of the regions table coloured by
    its growth (the table's figure; a higher figure never in a lower
    class, one colour a class), a hidden one as "no figure"."""
    svg = re.search(r'<svg class="chart map" id="chart-regions".*?</svg>', page, re.S)
    check(svg is not None, "the bulletin draws the provinces' map")
    if not svg:
        return
    paths = {m.group(1): m.group(0) for m in re.finditer(r'<path data-code="(\d{6})"[^>]*>', svg.group(0))}
    check(len(paths) == 34 and '<path class="inset"' in svg.group(0), "a path per province and the inset", sorted(paths))
    table = re.search(r'<table id="table-regions">.*?</table>', page, re.S).group(0)
    rows = re.findall(r'<tr data-code="(\d+)"><td>[^<]*(?:<sup>\*</sup>)?</td><td class="n">\d+</td>'
                      r'<td class="n">[^<]*</td><td class="n">([^<]*)</td>', table)
    attr = lambda tag, name: (re.search(' %s="([^"]*)"' % name, tag) or [None, None])[1]
    shown = [(float(g), attr(paths[c], "data-class"), attr(paths[c], "fill"), attr(paths[c], "data-value"))
             for c, g in rows if g not in ("…", "—")]
    hidden = [attr(paths[c], "fill") for c, g in rows if g in ("…", "—")]
    ordered = all(int(a[1]) <= int(b[1]) for a, b in zip(sorted(shown), sorted(shown)[1:]))
    one_colour = len({(k, f) for _, k, f, _ in shown}) == len({k for _, k, _, _ in shown})
    check(len(rows) > 20 and all(float(v) == g for g, _, _, v in shown) and ordered and one_colour,
          "each province coloured by the class of its growth in the table (%d shown)" % len(shown), shown)
    check(hidden and set(hidden) == {"#c8c8c8"} and "数据不予公布（…）" in svg.group(0),
          "a province whose figure is not published is drawn as no figure, in the legend (%d)" % len(hidden), hidden)


def pdf_text(data, name):
    path = os.path.join(WORK, name)
    open(path, "wb").write(data)
    return re.sub(r"\s+", "", subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout)


def cluster_tests(ana, agn, ent):
    """A cluster's profile as a report: the PDF says the profile's figures
    (GET /clusters/{code}), the workbook holds them, hidden where the
    agency's profile says they are suppressed."""
    s, _, clusters, _ = agn.request("GET", "/api/v1/clusters")
    best = None
    for c in clusters:
        s, _, prof, _ = agn.request("GET", "/api/v1/clusters/" + urllib.parse.quote(c["code"]))
        last = prof["indicators"][-1] if s == 200 and prof["indicators"] else None
        if last and not last["suppressed"] and last["lq"] is not None and (not best or last["enterprises"] > best[1]["enterprises"]):
            best = (c, last, prof)
    check(best is not None, "some cluster's latest year is published to an agency")
    c, last, prof = best
    code = urllib.parse.quote(c["code"])
    s, resp, _, pdf = ana.request("GET", "/api/v1/reports/cluster/%s?format=pdf" % code)
    check(s == 200 and resp.getheader("Content-Type") == "application/pdf" and pdf[:5] == b"%PDF-",
          "the cluster's profile as PDF (%s)" % c["code"], pdf[:300])
    flat = pdf_text(pdf, "cluster.pdf")
    said = ["区位商为%.2f" % last["lq"], "获评%d星" % last["stars"], "共有成员企业%d家" % prof["members"],
            "实现增加值%.1f亿元" % (last["value_added"] / 1e5)]
    check(all(x in flat for x in said), "the PDF says the profile's members, LQ, stars and value added %s" % said, flat[:800])
    check(c["name_zh"] + "概况报告" in flat and "综合评价" in flat, "the PDF has its title and its evaluation", flat[:300])
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", os.path.join(WORK, "cluster.pdf"),
                    os.path.join(WORK, "cluster-page")], check=True)
    s, _, _, data = agn.request("GET", "/api/v1/reports/cluster/%s?format=xlsx" % code)
    book = xlsx.read(data) if s == 200 else {}
    check(list(book)[:2] == ["逐年指标", "综合评价"] and "成员企业构成" in book and "集群内项目" in book,
          "the workbook has a sheet per table", list(book))
    years = book.get("逐年指标", [[]])
    head = years[0]
    li, si, vi = head.index("区位商"), head.index("星级"), head.index("增加值（亿元）")
    by_year = {row["year"]: row for row in prof["indicators"]}
    bad = [] if len(years) - 1 == len(prof["indicators"]) else ["years"]
    for row in years[1:]:
        api = by_year.get(int(row[0]))
        if api is None or float(row[li]) != float("%.2f" % api["lq"]) or int(float(row[si])) != api["stars"]:
            bad.append((row, api))
        elif (row[vi] != "") if api["suppressed"] else (row[vi] == "" or float(row[vi]) != float("%.2f" % (api["value_added"] / 1e5))):
            bad.append((row, api))
    check(not bad, "the workbook's years are the profile's: LQ, stars, value added empty where the agency's profile is "
          "suppressed", bad)
    s, _, _, page = ana.request("GET", "/api/v1/reports/cluster/%s" % code)
    s2, _, _, again = ana.request("GET", "/api/v1/reports/cluster/%s?lang=en" % code)
    check(s == 200 and s2 == 200 and b"@page" in page and b"Cluster profile" in again, "the page, in Chinese and English")
    for who, client, path, status, problem in (
            ("an enterprise", ent, "/api/v1/reports/cluster/" + code, 403, None),
            ("an analyst", ana, "/api/v1/reports/cluster/NOPE", 404, "cluster.not_found"),
            ("an analyst", ana, "/api/v1/reports/cluster/%s?format=doc" % code, 400, "field.enum")):
        s, _, body, _ = client.request("GET", path)
        check(s == status and (problem is None or body["error"]["problem"] == problem), "%s: %s is %d" % (who, path, status),
              (s, body))
    s, _, made, _ = ana.request("POST", "/api/v1/reports/published", {"kind": "cluster", "code": c["code"]})
    check(s == 201 and made["kind"] == "cluster", "an analyst publishes the cluster's profile", (s, made))
    s, _, lib, _ = agn.request("GET", "/api/v1/reports/published")
    check(s == 200 and any(x["id"] == made.get("id") and x["kind"] == "cluster" and x["region"] == c["code"] for x in lib),
          "the library holds the cluster's profile", lib[:3])
    s, _, _, kept = agn.request("GET", "/api/v1/reports/published/%d" % made.get("id", 0))
    check(s == 200 and kept == page, "the published profile is the page as it was")


def allocation_tests(ana, agn):
    """The allocation as a report: the PDF says the API's objective and
    total, the workbook's plan is the API's plan."""
    s, _, run, _ = ana.request("POST", "/api/v1/allocation", {"lp": True})
    check(s == 200 and run["plan"], "the allocation (LP) answers", (s, str(run)[:300]))
    total = sum(float(x["amount"]) for x in run["plan"])
    s, resp, _, pdf = ana.request("GET", "/api/v1/reports/allocation?lp=1&format=pdf")
    check(s == 200 and pdf[:5] == b"%PDF-", "the allocation as PDF", pdf[:300])
    flat = pdf_text(pdf, "allocation.pdf")
    said = ["目标值%.1f" % run["objective"], "合计%.2f万元" % (total / 10), "紧约束%d个" % len(run["binding"])]
    check(all(x in flat for x in said), "the PDF says the API's objective, total and binding count %s" % said, flat[:600])
    s, _, _, data = ana.request("GET", "/api/v1/reports/allocation?lp=1&format=xlsx")
    book = xlsx.read(data) if s == 200 else {}
    check(list(book) == ["分配方案（按项目）", "资金缺口", "紧约束与影子价格"], "one sheet per table", list(book))
    plan = book.get("分配方案（按项目）", [[]])
    ai = plan[0].index("金额（万元）")
    got = sorted((row[0], row[1], float(row[ai])) for row in plan[1:])
    want = sorted((x["project"], x["fund"], float("%.2f" % (float(x["amount"]) / 10))) for x in run["plan"])
    check(got == want, "the workbook's plan is the API's, project by project", (got[:3], want[:3]))
    check(len(book.get("紧约束与影子价格", [])) - 1 == len(run["binding"]), "the workbook lists every binding constraint")
    s, _, body, _ = agn.request("GET", "/api/v1/reports/allocation?lp=1")
    check(s == 403, "an agency may not run the allocation's report", (s, body))
    s, _, body, _ = ana.request("GET", "/api/v1/reports/allocation?objective=most")
    check(s == 400 and body["error"]["problem"] == "field.enum", "a bad objective: 400 field.enum", body)
    s, _, made, _ = ana.request("POST", "/api/v1/reports/published", {"kind": "allocation", "lp": True})
    check(s == 201 and made["kind"] == "allocation", "an analyst publishes the allocation", (s, made))


def new_month(db):
    """The month after the last in db, and files of its deflators and
    reports: each enterprise's report of a year before, 5 % more."""
    con = store.connect(db)
    last = con.execute("select max(period) from report").fetchone()[0]  # months since year 0
    new = "%04d-%02d" % ((last + 1) // 12, (last + 1) % 12 + 1)
    deflators = "division,period,ppi_yoy\n" + "".join(
        "%s,%s,101.0\n" % (d, new) for (d,) in con.execute("select distinct division from deflator"))
    reports = "uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports\n" + "".join(
        "%s,%s,%r,%r,%r,%d,%r,%d,%r,%r\n" % (u, new, rv * 1.05, o * 1.05, va * 1.05, em, rd, pa, inv, ex)
        for (u, rv, o, va, em, rd, pa, inv, ex) in con.execute(
            "select e.uscc, r.revenue, r.output, r.value_added, r.employees, r.rd_expense, r.patents, r.investment,"
            " r.exports from report r join enterprise e on e.id = r.enterprise_id where r.period = ?", (last - 11,)))
    con.close()
    return new, deflators, reports


def library_tests(ana, agn, ent, db):
    """The library of published reports: kept as published, with who and
    the data generation; analysts publish, agencies read, enterprises
    neither."""
    (generation,) = store.connect(db).execute("select generation from facts_state").fetchone()
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
    audit = store.connect(db).execute(
        "select \"user\", target, summary from audit where action = 'report.publish'").fetchall()
    check(("ana", str(made["id"])) in [a[:2] for a in audit] and "generation=%d" % generation in audit[-1][2],
          "publishing is audited: who, which report, which data generation", audit)
    # a new month imported: its bulletin published by itself
    new, deflators, reports = new_month(db)
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
    # the next month's reports before its deflators: published by the deflators' import, once
    later, deflators, reports = new_month(db)
    s, _, rres, _ = ana.request("POST", "/api/v1/import/reports", reports.encode(), {"Content-Type": "text/csv"})
    check(s == 200 and rres.get("bulletin") is None,
          "reports of a month without its deflators publish nothing (%s)" % later, rres)
    s, _, dres, _ = ana.request("POST", "/api/v1/import/deflators", deflators.encode(), {"Content-Type": "text/csv"})
    auto = dres.get("bulletin") if s == 200 else None
    check(auto is not None and auto["period"] == later,
          "its deflators, arriving after its reports, publish its bulletin (%s)" % later, dres)
    s, _, dres, _ = ana.request("POST", "/api/v1/import/deflators", deflators.encode(), {"Content-Type": "text/csv"})
    s, _, lib, _ = agn.request("GET", "/api/v1/reports/published")
    check(dres.get("bulletin") is None and [x["period"] for x in lib if x["kind"] == "bulletin"].count(later) == 1,
          "the same deflators again publish nothing more: one bulletin of %s in the library" % later, (dres, lib))
    r = run("report", "list", "--db", db, "--format", "csv")
    check(r.returncode == 0 and (",2020-06,320000,zh,%d,ana," % generation) in r.stdout.decode(),
          "the command lists the library", r.stdout)


main()
