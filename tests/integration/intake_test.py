#!/usr/bin/python3
"""The intake of the files users have, each case through the command (and,
where it applies, the API): a workbook imports the same rows as its CSV;
a CSV saved by Excel on a Chinese Windows (GBK), UTF-16 with a BOM, a
semicolon- or tab-separated file are read and what was read is said; a
file in no known encoding, an old .xls, a merged header, an error cell, a
missing sheet are refused with a clear message and store nothing; problems
in a workbook are located by cell; full-width digits and a lower-case USCC
are read as meant; problems are grouped by kind when the list is cut, and
the whole list goes to a file with --problems. Run by intake.sh with
ECHELON, SRC and WORK."""
import csv, io, os, shutil, subprocess, sys

ECHELON, SRC = os.environ["ECHELON"], os.environ["SRC"]
WORK = os.path.join(os.environ["WORK"], "intake")
EX = os.path.join(SRC, "data", "examples")
sys.path.insert(0, os.path.join(SRC, "tests", "integration", "lib"))
import xlsx  # noqa: E402
from checks import check, finish  # noqa: E402
import db as store  # noqa: E402

HEADER = "uscc,name,industry,region,lat,lon,founded,sei_categories".split(",")




def run(*args):
    return subprocess.run([ECHELON, *args], capture_output=True, text=True, cwd=WORK)


def dump(db):
    return [(t, r) for (t, r) in store.dump(db) if t != "import_log"]


def fresh(name):
    db = os.path.join(WORK, name)
    for x in ("", "-wal", "-shm"):
        if os.path.exists(db + x):
            os.remove(db + x)
    db = store.uri(db)
    r = run("init", "--db", db)
    assert r.returncode == 0, r.stderr
    return db


def path(name):
    return os.path.join(WORK, name)


def refused(db, args, want, what):
    """A refused import: exit 3, the message, and the database unchanged."""
    before = dump(db)
    r = run(*args, "--db", db)
    check(r.returncode == 3 and want in r.stderr, what, (r.returncode, r.stderr))
    check(dump(db) == before, what + ": nothing stored")
    return r


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    ex_ent = open(os.path.join(EX, "enterprises.csv"), encoding="utf-8").read()
    ex_rep = open(os.path.join(EX, "reports.csv"), encoding="utf-8").read()

    # A workbook imports exactly what its CSV does.
    xlsx.from_csv(os.path.join(EX, "enterprises.csv"), path("enterprises.xlsx"))
    xlsx.from_csv(os.path.join(EX, "reports.csv"), path("reports.xlsx"))
    a, b = fresh("a.db"), fresh("b.db")
    for kind in ("enterprises", "reports"):
        r1 = run("import", kind, os.path.join(EX, kind + ".csv"), "--db", a)
        r2 = run("import", kind, path(kind + ".xlsx"), "--db", b)
        check(r1.returncode == 0 and r2.returncode == 0 and "read from sheet 'Sheet1'" in r2.stdout,
              "%s.xlsx imports and says which sheet it read" % kind, (r2.stdout, r2.stderr))
    ea, eb = run("export", "reports", "--db", a).stdout, run("export", "reports", "--db", b).stdout
    check(ea == eb and ea.count("\n") == ex_rep.count("\n"), "the workbook's reports equal the CSV's, figure for figure")
    check(run("export", "enterprises", "--db", a).stdout == run("export", "enterprises", "--db", b).stdout,
          "the workbook's enterprises equal the CSV's")

    # Dates by their number format, formulas by their cached values, inline
    # strings, empty rows left out, a second sheet chosen by name.
    rows = [HEADER,
            ["91110114000399001E", ("inline", "北京示例科技有限公司"), ("formula", "3900+73", 3973), "110114", 40.2,
             116.2, ("date", 40179, "yyyy-mm-dd"), None],
            None,
            ["91110114000399002H", "乙公司", "3973", "110114", 40.2, 116.2, "2011-05-06", "1.2.1"]]
    xlsx.write(path("dates.xlsx"), [["ignored"]], sheet="说明", extra_sheets=[])
    xlsx.write(path("dates.xlsx"), rows, sheet="名录", extra_sheets=["说明"])
    db = fresh("c.db")
    r = run("import", "enterprises", path("dates.xlsx"), "--db", db)
    out = run("export", "enterprises", "--db", db).stdout
    check(r.returncode == 0 and "91110114000399001E,北京示例科技有限公司,3973,110114,40.2,116.2,2010-01-01," in out
          and "2011-05-06" in out, "a date cell, a formula and an inline string are read as shown", (r.stderr, out))
    refused(db, ("import", "enterprises", path("dates.xlsx"), "--sheet", "数据"),
            "no sheet '数据' in the workbook; it has: 名录, 说明", "a missing sheet is named with the sheets there are")
    period_rows = [["uscc", "period", "revenue", "output", "value_added", "employees", "rd_expense", "patents",
                    "investment", "exports"],
                   ["91110114000399001E", ("date", 43983, "yyyy-mm"), 1, 1, 1, 1, 1, 0, 1, 0]]
    xlsx.write(path("period.xlsx"), period_rows)
    r = run("import", "reports", path("period.xlsx"), "--db", db)
    check(r.returncode == 0 and "2020-06" in run("export", "reports", "--db", db).stdout,
          "a month typed into Excel (a date shown as yyyy年m月) is the period YYYY-MM", (r.stdout, r.stderr))

    # Problems in a workbook are located by cell.
    bad = [HEADER,
           ["91110114000399001E", "甲", 39, "110114", 40.2, 116.2, "2010-01-01", None],
           None,
           ["91110114000399003C", "丙", 3973, "110114", 40.2, 116.2, "2010-01-01", None]]
    xlsx.write(path("bad.xlsx"), bad, sheet="企业")
    r = refused(fresh("d.db"), ("import", "enterprises", path("bad.xlsx")), "bad.xlsx:企业!C2: column industry:",
                "a workbook's problem names its sheet and cell")
    check("bad.xlsx:企业!A4: column uscc: check character is 'C'" in r.stderr,
          "and a row after an empty one keeps the sheet's row number", r.stderr)
    xlsx.write(path("err.xlsx"), [HEADER, ["91110114000399001E", "甲", ("error", "#N/A"), "110114", 1, 1, "", None]])
    refused(fresh("d.db"), ("import", "enterprises", path("err.xlsx")),
            "err.xlsx:Sheet1!C2: cell C2 holds the error #N/A", "an error value in a cell is refused by its cell")
    xlsx.write(path("merged.xlsx"), [["企业名录", None, None], HEADER], merged=["A1:C1"])
    refused(fresh("d.db"), ("import", "enterprises", path("merged.xlsx")),
            "the header (row 1) has merged cells (A1:C1)", "a merged (two-row) header is refused")
    open(path("old.xls"), "wb").write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504)
    refused(fresh("d.db"), ("import", "enterprises", path("old.xls")), "save it as .xlsx or CSV UTF-8",
            "an old .xls is refused with what to do")
    open(path("broken.xlsx"), "wb").write(b"PK\x03\x04" + b"\0" * 100)
    refused(fresh("d.db"), ("import", "enterprises", path("broken.xlsx")), "the workbook cannot be read",
            "a damaged workbook is refused")

    # Encodings and delimiters: read, and said.
    for name, data, said in (
            ("gbk.csv", ex_ent.encode("gbk"), "read as GB18030"),
            ("utf16.csv", ex_ent.encode("utf-16"), "read as UTF-16"),
            ("bom.csv", b"\xef\xbb\xbf" + ex_ent.encode(), ""),
            ("semicolon.csv", ex_ent.replace(",", ";").encode(), "separated by ';'"),
            ("tab.csv", ex_ent.replace(",", "\t").encode("gb18030"), "read as GB18030, separated by tabs")):
        open(path(name), "wb").write(data)
        db = fresh("e.db")
        r = run("import", "enterprises", path(name), "--db", db)
        check(r.returncode == 0 and said in r.stdout and
              run("export", "enterprises", "--db", db).stdout == run("export", "enterprises", "--db", a).stdout,
              "%s imports the same enterprises%s" % (name, " (" + said + ")" if said else ""), (r.stdout, r.stderr))
    latin = ex_ent.encode("utf-8").splitlines(True)
    latin[1] = latin[1].replace(b",", b",\xe9\xff\xfe", 1)
    open(path("latin.csv"), "wb").write(b"".join(latin))
    refused(fresh("e.db"), ("import", "enterprises", path("latin.csv")), "is not UTF-8, and the file is not GB18030",
            "a file in no known encoding is refused with the byte")
    r = run("import", "enterprises", path("gbk.csv"), "--encoding", "utf-8", "--db", fresh("e.db"))
    check(r.returncode == 3 and "invalid UTF-8" in r.stderr, "--encoding utf-8 forces UTF-8", r.stderr)
    r = run("import", "enterprises", path("gbk.csv"), "--encoding", "latin9", "--db", fresh("e.db"))
    check(r.returncode == 2 and "--encoding: 'latin9'" in r.stderr, "an unknown --encoding is a usage error", r.stderr)
    r = run("import", "enterprises", path("semicolon.csv"), "--delimiter", ",", "--db", fresh("e.db"))
    check(r.returncode == 3 and "header" in r.stderr, "--delimiter , forces commas", r.stderr)

    # Full-width digits and a lower-case USCC are read as meant.
    lines = ex_ent.splitlines()
    first = lines[1].split(",")
    first[0] = first[0].lower()
    first[2] = "".join(chr(ord(c) + 0xFEE0) for c in first[2])
    open(path("fullwidth.csv"), "w", encoding="utf-8").write("\n".join([lines[0], ",".join(first)]) + "\n")
    db = fresh("f.db")
    r = run("import", "enterprises", path("fullwidth.csv"), "--db", db)
    out = run("export", "enterprises", "--db", db).stdout
    check(r.returncode == 0 and lines[1].split(",")[0] in out and ("," + lines[1].split(",")[2] + ",") in out,
          "a lower-case USCC and full-width digits are stored as upper-case ASCII", (r.stderr, out))

    # Problems grouped by kind when the list is cut; the whole list to a file.
    rep = ex_rep.splitlines()
    rep[10] = rep[10].replace(",2019-", ",2019-1", 1)
    open(path("mixed.csv"), "w").write("\n".join(rep) + "\n")
    db = fresh("g.db")
    r = run("import", "reports", "mixed.csv", "--db", db, "--problems", "problems.csv")
    check(r.returncode == 3 and "by kind:" in r.stderr and
          "384 × mixed.csv:2: column uscc: no enterprise" in r.stderr and "import the enterprise directory first" in r.stderr
          and "1 × mixed.csv:11: column period:" in r.stderr,
          "past the first 100 problems every kind is summed up, the real error not lost", r.stderr[-800:])
    con = store.connect(db)
    history = con.execute("select \"user\", kind, file, size, result, problems, rows from import_log").fetchall()
    con.close()
    check(len(history) == 1 and history[0][0].startswith("cli:") and history[0][2:] == (
          "mixed.csv", os.path.getsize(path("mixed.csv")), "rejected", 385, 384),
          "the refused file is in the import history: who, file, size, result, problems", history)
    written = list(csv.DictReader(open(path("problems.csv"), encoding="utf-8")))
    check(len(written) == 385 and written[0]["code"] == "import.enterprise_unknown" and written[0]["line"] == "2"
          and any(w["column"] == "period" and w["line"] == "11" for w in written),
          "--problems writes every problem, not only the first 100", len(written))

    # Templates: what they give imports as it is (after the enterprises for
    # reports), in both formats; the workbook has its notes in the language.
    db = fresh("h.db")
    for kind in ("enterprises", "reports", "deflators"):
        r = run("template", kind, "--output", kind + "-template.csv")
        w = run("template", kind, "--format", "xlsx", "--output", kind + "-template.xlsx", "--lang", "zh")
        i1 = run("import", kind, kind + "-template.csv", "--db", db)
        i2 = run("import", kind, kind + "-template.xlsx", "--db", db)
        check(r.returncode == w.returncode == i1.returncode == i2.returncode == 0,
              "the %s templates (CSV and workbook) import as they are" % kind, (i1.stderr, i2.stderr))
    import zipfile
    with zipfile.ZipFile(path("reports-template.xlsx")) as z:
        book = z.read("xl/workbook.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    check('name="reports"' in book and 'name="说明"' in book and "dataValidation" in sheet and "营业收入" in strings,
          "the workbook has the data sheet with validation and a notes sheet in Chinese", book)
    r = run("template", "projects")
    check(r.returncode == 2 and "expected enterprises, reports or deflators" in r.stderr, "an unknown template is a usage error")

    api_cases()
    finish()


def api_cases():
    """The same through the API: a workbook and a GBK file import (as jobs)
    and the answer says what was read; a workbook's problems come with their
    cells and every kind of problem with its count; templates download."""
    import http.client, json, signal, time
    db = fresh("api.db")
    r = subprocess.run([ECHELON, "user", "add", "ana", "--role", "analyst", "--db", db], input="password-ana\n",
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--access-log", "-"],
                            stdout=subprocess.PIPE, text=True)
    port = int(proc.stdout.readline().split(":")[2].split(" ")[0])
    cookies, csrf = {}, None

    def req(method, url, body=None, ctype=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        h = {"Cookie": "; ".join("%s=%s" % kv for kv in cookies.items())}
        if csrf:
            h["X-CSRF-Token"] = csrf
        if isinstance(body, dict):
            body, ctype = json.dumps(body).encode(), "application/json"
        if ctype:
            h["Content-Type"] = ctype
        conn.request(method, url, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                cookies[v.split("=")[0]] = v.split("=", 1)[1].split(";")[0]
        conn.close()
        return resp.status, resp, data

    def job(url, body, ctype="application/octet-stream"):
        status, _, data = req("POST", url, body, ctype)
        if status != 202:
            return status, json.loads(data)
        jid = json.loads(data)["job"]["id"]
        while True:
            _, _, data = req("GET", "/api/v1/jobs/" + jid)
            j = json.loads(data)
            if j["state"] in ("done", "failed", "cancelled"):
                return j["http_status"], j.get("result") if j["state"] == "done" else {"error": j["error"]}
            time.sleep(0.05)

    try:
        status, _, data = req("POST", "/api/v1/session", {"username": "ana", "password": "password-ana"})
        csrf = json.loads(data)["csrf_token"]
        status, body = job("/api/v1/import/enterprises", open(path("enterprises.xlsx"), "rb").read())
        check(status == 200 and body["format"] == "xlsx" and body["sheet"] == "Sheet1" and body["rows"] == 16,
              "API: a workbook imports, and the answer names its sheet", body)
        status, body = job("/api/v1/import/enterprises?dry_run=1", open(path("tab.csv"), "rb").read(), "text/csv")
        check(status == 200 and body["encoding"] == "GB18030" and body["delimiter"] == "\t",
              "API: a GBK tab-separated file is read and said so", body)
        status, body = job("/api/v1/import/enterprises", open(path("bad.xlsx"), "rb").read())
        probs = body.get("error", {}).get("problems", [])
        check(status == 422 and probs and probs[0]["cell"] == "企业!C2" and probs[0]["line"] == 2,
              "API: a workbook's problems carry their cells", body)
        rows = open(path("mixed.csv"), encoding="utf-8").read().splitlines()
        for i in range(20, 30):  # ten reports of an enterprise not in the database
            rows[i] = "91110114000399001E" + rows[i][18:]
        status, body = job("/api/v1/import/reports", ("\n".join(rows) + "\n").encode(), "text/csv")
        groups = body.get("error", {}).get("groups", [])
        check(status == 422 and [g["count"] for g in groups] == [1, 10] and groups[0]["lines"] == [11]
              and groups[1]["first"]["code"] == "import.enterprise_unknown" and groups[1]["lines"] == [21, 22, 23, 24, 25],
              "API: every kind of problem is counted, with its first lines", groups)
        status, _, data = req("GET", "/api/v1/imports")
        hist = json.loads(data)
        check(status == 200 and [(h["user"], h["result"]) for h in hist if h["result"] == "rejected"] == [("ana", "rejected")] * 2
              and any(h["format"] == "xlsx" and h["result"] == "stored" and h["size"] > 0 for h in hist),
              "API: the history lists who imported what, read how, and the files refused", hist)
        status, _, _ = req("POST", "/api/v1/import/enterprises?encoding=latin9", b"x", "text/csv")
        check(status == 400, "API: an unknown encoding is refused at once", status)
        status, resp, data = req("GET", "/api/v1/templates/reports?format=xlsx&lang=en")
        check(status == 200 and data[:2] == b"PK" and "reports-template.xlsx" in (resp.getheader("Content-Disposition") or ""),
              "API: the workbook template downloads", (status, resp.getheader("Content-Disposition")))
        status, resp, data = req("GET", "/api/v1/templates/deflators")
        check(status == 200 and data.decode("utf-8-sig").startswith("division,period,ppi_yoy\n"),
              "API: the CSV template downloads", data[:60])
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


main()
