#!/usr/bin/python3
"""A fund that requires a minimum SME digital level (issue 18), on the demo:
set through the API and the command, refused outside 0..4 with the fund
unchanged, kept in the funds file (12 columns, and an 11-column file of
before still read); its matches are exactly the matches it had without the
requirement whose owners' latest submitted questionnaire reaches the level,
each saying so, and a project left out says why. Run by
tests/integration/fund_digital.sh with ECHELON, SRC and WORK."""
import json, os, shutil, signal, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import check, finish  # noqa: E402
import db as store  # noqa: E402
from client import Client  # noqa: E402

ECHELON, WORK = os.environ["ECHELON"], os.path.join(os.environ["WORK"], "fund_digital")


def run(*args, stdin=None):
    return subprocess.run([ECHELON, *args], input=stdin, capture_output=True, text=True)


def owner_levels(db):
    """Each enterprise's level in its latest submitted questionnaire (by
    year, then edition), computed here apart from echelon."""
    con = store.connect(db)
    levels = {}
    for uscc, level in con.execute("select uscc, level from digital_assessment where state = 'submitted'"
                                   " order by uscc, year, edition"):
        levels[uscc] = level
    owners = dict(con.execute("select code, owner from project"))
    con.close()
    return {code: levels.get(owner) for code, owner in owners.items()}


def fund_row(db, code):
    con = store.connect(db)
    row = con.execute("select * from fund where code = ?", (code,)).fetchone()
    con.close()
    return row


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = store.uri(os.path.join(WORK, "d.db"))
    r = run("demo", "generate", "--db", db, "--enterprises", "3000")
    assert r.returncode == 0, r.stderr
    r = run("user", "add", "ana", "--role", "analyst", "--db", db, stdin="password-ana\n")
    check(r.returncode == 0, "user add ana", r.stderr)
    levels = owner_levels(db)
    check(sum(1 for v in levels.values() if v is not None) > 0,
          "some demo projects' owners have a submitted questionnaire",
          sum(1 for v in levels.values() if v is not None))
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "2"],
                            stdout=subprocess.PIPE, text=True)
    port = int(proc.stdout.readline().split(":")[2].split(" ")[0])
    try:
        api_tests(port, db, levels)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    cli_tests(db, levels)
    next_tests(db)
    zh_table_tests(db)
    finish()


def matches(c, code):
    s, _, body, _ = c.request("GET", "/api/v1/funds/" + code)
    check(s == 200, "GET /funds/" + code, body)
    return {m["project"]: m for m in body["matches"]} if s == 200 else {}


def api_tests(port, db, levels):
    ana = Client(port)
    check(ana.login("ana", "password-ana")[0] == 200, "ana signs in")
    s, _, funds, _ = ana.request("GET", "/api/v1/funds")
    check(s == 200 and all(f["min_digital_level"] == 0 for f in funds), "the demo's funds require no level", funds[:1])
    # the fund with the most matches among projects whose owners answered
    best, before = None, {}
    for f in funds:
        m = matches(ana, f["code"])
        n = sum(1 for p in m if levels.get(p) is not None)
        if best is None or n > sum(1 for p in before if levels.get(p) is not None):
            best, before = f["code"], m
    check(any(levels.get(p) is not None for p in before), "a fund matching projects of answering owners", best)
    for want in (1, 2, 0):
        s, _, body, _ = ana.request("PATCH", "/api/v1/funds/" + best, {"min_digital_level": want})
        check(s == 200 and body.get("min_digital_level") == want, "PATCH min_digital_level %d" % want, body)
        after = matches(ana, best)
        expected = {p for p in before if want == 0 or (levels.get(p) is not None and levels[p] >= want)}
        check(set(after) == expected, "level %d: the matches are those of before whose owners reach it" % want,
              (sorted(after), sorted(expected)))
        if want:
            said = all(any(x.startswith("match.digital_level|") or "数字化水平" in x or "digital level" in x
                           for x in json.dumps(after[p], ensure_ascii=False).split('"')) for p in after)
            check(said, "each match says the owner's level meets the fund's", [after[p] for p in list(after)[:1]])
    # a project left out says why: through the project's own page
    s, _, body, _ = ana.request("PATCH", "/api/v1/funds/" + best, {"min_digital_level": 4})
    check(s == 200, "PATCH min_digital_level 4", body)
    out = [p for p in before if levels.get(p) is None or levels[p] < 4]
    if out:
        s, _, proj, _ = ana.request("GET", "/api/v1/projects/" + out[0])
        check(s == 200 and best not in {m["fund"] for m in proj.get("matches", [])},
              "a project whose owner is below the level is not matched from its side either", proj.get("matches"))
    row = fund_row(db, best)
    for bad in (5, -1, 1.5, "2"):
        s, _, body, _ = ana.request("PATCH", "/api/v1/funds/" + best, {"min_digital_level": bad})
        check(s == 400 and body["error"]["field"] == "min_digital_level", "min_digital_level %r refused" % (bad,), body)
        check(fund_row(db, best) == row, "the refused change left the fund as it was (%r)" % (bad,))
    s, _, body, _ = ana.request("PATCH", "/api/v1/funds/" + best, {"min_digital_level": 0})
    check(s == 200, "PATCH back to 0", body)


def cli_tests(db, levels):
    r = run("fund", "list", "--db", db, "--format", "csv")
    code = r.stdout.splitlines()[1].split(",")[0]
    r = run("fund", "edit", code, "--min-digital-level", "3", "--db", db)
    check(r.returncode == 0, "fund edit --min-digital-level 3", r.stderr)
    check(fund_row(db, code)[-1] == 3, "the level is stored", fund_row(db, code))
    r = run("fund", "edit", code, "--min-digital-level", "7", "--db", db)
    check(r.returncode != 0 and "min_digital_level" in r.stderr, "a level of 7 refused, naming the field", r.stderr)
    r = subprocess.run([ECHELON, "fund", "edit", code, "--min-digital-level", "7", "--db", db], capture_output=True,
                       text=True, env=dict(os.environ, LANG="zh_CN.UTF-8"))
    check(r.returncode != 0 and "超出范围" in r.stderr, "... in Chinese too", r.stderr)
    # the funds file: exported with the column, read back; a file of before (11 columns) still read
    path = os.path.join(WORK, "funds.csv")
    r = run("fund", "export", "--db", db)
    check(r.returncode == 0, "the funds exported", r.stderr)
    open(path, "w", encoding="utf-8").write(r.stdout)
    lines = open(path, encoding="utf-8-sig").read().splitlines()
    check(lines[0].endswith(",coinvest,min_digital_level"), "the funds file ends with min_digital_level", lines[0])
    mine = [l for l in lines if l.startswith(code + ",")]
    check(mine and mine[0].endswith(",3"), "the fund's row carries its level", mine)
    old = os.path.join(WORK, "old.csv")
    with open(old, "w", encoding="utf-8") as f:
        f.write(lines[0].rsplit(",", 1)[0] + "\n")
        f.write(mine[0].rsplit(",", 1)[0].replace(code, "OLD-1", 1) + "\n")
    r = run("fund", "import", old, "--db", db)
    check(r.returncode == 0 and fund_row(db, "OLD-1") is not None and fund_row(db, "OLD-1")[-1] == 0,
          "an 11-column funds file of before is read, its fund requiring no level", r.stderr)
    bad = os.path.join(WORK, "bad.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(lines[0] + "\n" + mine[0].rsplit(",", 1)[0].replace(code, "BAD-1", 1) + ",5\n")
    r = run("fund", "import", bad, "--db", db)
    check(r.returncode != 0 and "min_digital_level" in r.stderr and ":2:" in r.stderr and fund_row(db, "BAD-1") is None,
          "a level of 5 in a file refused at its line and column, nothing stored", r.stderr)


def next_tests(db):
    """What next: the funds that fit leave out one requiring a higher level
    than the questionnaire's; the open scenarios are the scenarios' own
    suggestions for the enterprise, the first five."""
    con = store.connect(db)
    candidates = con.execute("select a.uscc, a.year, a.edition, a.level from digital_assessment a join enterprise e"
                             " on e.uscc = a.uscc where a.state = 'submitted' and e.sei_primary <> '' and a.level < 4"
                             " order by a.uscc limit 40").fetchall()
    con.close()
    for uscc, year, edition, level in candidates:  # one with suggested scenarios
        r = run("scenario", "suggest", "--uscc", uscc, "--db", db, "--format", "json")
        suggested = [x["scenario"] for x in json.loads(r.stdout)] if r.returncode == 0 else None
        if suggested:
            break
    args = ("digital", "next", "--uscc", uscc, "--year", str(year), "--edition", edition, "--db", db, "--format", "json")
    r = run(*args)
    check(r.returncode == 0, "digital next", r.stderr)
    rows = json.loads(r.stdout)
    funds = [x["code"] for x in rows if x["kind"] == "fund"]
    scenarios = [x["code"] for x in rows if x["kind"] == "open_scenario"]
    check(suggested is not None and scenarios == suggested[:5] and scenarios,
          "what next's open scenarios are the enterprise's suggested scenarios, the first five", (scenarios, suggested))
    check(funds, "funds fit the enterprise", rows)
    if funds:
        r = run("fund", "edit", funds[0], "--min-digital-level", str(level + 1), "--db", db)
        check(r.returncode == 0, "the first fund now requires level %d" % (level + 1), r.stderr)
        after = [x["code"] for x in json.loads(run(*args).stdout) if x["kind"] == "fund"]
        check(funds[0] not in after, "a fund requiring a level above the questionnaire's does not fit", after)
        run("fund", "edit", funds[0], "--min-digital-level", str(level), "--db", db)
        after = [x["code"] for x in json.loads(run(*args).stdout) if x["kind"] == "fund"]
        check(after == funds, "at the questionnaire's own level it fits again", after)


def zh_table_tests(db):
    """A terminal table in Chinese is the download as shown: the columns
    named with their units, the codes of enumerations named; in English the
    keys, as programs read them."""
    zh = subprocess.run([ECHELON, "fund", "list", "--db", db], capture_output=True, text=True,
                        env=dict(os.environ, LANG="zh_CN.UTF-8"))
    head = zh.stdout.splitlines()[0] if zh.stdout else ""
    check(zh.returncode == 0 and "基金类型" in head and "最低数字化水平等级" in head and "（万元）" in head,
          "fund list in Chinese: the columns named, with their units", head)
    check("政府引导基金" in zh.stdout and "government_guidance_fund" not in zh.stdout,
          "fund list in Chinese: the fund types named", zh.stdout[:300])
    en = subprocess.run([ECHELON, "fund", "list", "--db", db], capture_output=True, text=True, env=dict(os.environ, LANG="C"))
    check(en.stdout.splitlines()[0].split()[:3] == ["code", "name", "type"], "fund list in English: the keys",
          en.stdout.splitlines()[0])


main()
