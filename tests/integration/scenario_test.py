#!/usr/bin/python3
"""Application scenarios through the command and the API: imports all or
nothing, every route against every role (the route's gate, then the rules
of the use case with their coded problems), the status machine, one
application per enterprise, the linked reviewer refused, the ranking, the
selection's notifications, and the public list with no private field (its
JSON keys, its CSV header, its workbook and page). A refused change leaves
the database byte-identical (its SQL dump compared before and after). Run
by tests/integration/scenario.sh with ECHELON, SRC and WORK."""
import csv, io, json, os, shutil, signal, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import check, finish  # noqa: E402
import db as store  # noqa: E402
from client import Client  # noqa: E402
import xlsx  # noqa: E402

ECHELON, SRC = os.environ["ECHELON"], os.environ["SRC"]
WORK = os.path.join(os.environ["WORK"], "scenario")
EX = os.path.join(SRC, "data", "examples")
E1, E2, E3 = "91310115000301600R", "91310115000301637J", "91310115000301674D"
PUBLIC_KEYS = {"code", "batch", "title", "kind", "category", "region", "description", "mode", "deadline", "contact",
               "status"}
PASSWORD = "password-123"
ACCOUNTS = {  # name: (role, scope)
    "adm": ("admin", ""), "ana": ("analyst", ""), "ag": ("agency", ""), "fund1": ("fund", ""),
    "ent1": ("enterprise", E1), "ent2": ("enterprise", E2), "ent3": ("enterprise", E3),
    "revent": ("enterprise", E1), "revag": ("agency", ""),
}


def run(*args, stdin=None):
    return subprocess.run([ECHELON, *args], input=stdin, capture_output=True, text=True)


def dump(db):
    """The data, without sessions and jobs (a sign-in's bookkeeping)."""
    return [(t, r) for (t, r) in store.dump(db) if t not in ("session", "job")]


def query(db, sql, *args):
    con = store.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def write(name, text):
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def problem(body):
    return (body or {}).get("error", {}).get("problem") if isinstance(body, dict) else None


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = store.uri(os.path.join(WORK, "s.db"))
    run("init", "--db", db)
    check(run("import", "enterprises", os.path.join(EX, "enterprises.csv"), "--db", db, "--quiet").returncode == 0,
          "the example enterprises are imported")
    for name, (role, scope) in ACCOUNTS.items():
        args = ["user", "add", name, "--role", role, "--db", db] + (["--scope", scope] if scope else [])
        r = run(*args, stdin=PASSWORD + "\n")
        check(r.returncode == 0, "account %s (%s)" % (name, role), r.stderr)
    cli(db)
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "2",
                             "--access-log", os.path.join(WORK, "access.log")], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    port = int(line.split(":")[2].split(" ")[0])
    try:
        api(port, db)
        matrix(port, db)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finish()


def cli(db):
    """The command: imports all or nothing, the machine, the export."""
    header = "code,title,owner,kind,category,region,description,budget,mode,deadline,contact,criteria\n"
    good = ("C1,智慧园区能耗监测场景,,government,7.1,310115,园区能耗在线监测,3000,公开征集,2099-06-30,园区管委会,\n"
            "C2,工业视觉质检场景,,enterprise,1.5,440305,产线视觉检测,,揭榜挂帅,2099-06-30,,quality:70;price:30\n")
    bad = good + "C3,坏行,,government,99.9,310115,,100,,2099-13-01,,\n"
    before = dump(db)
    r = run("scenario", "import", "scenarios", write("bad.csv", header + bad), "--db", db)
    check(r.returncode == 3, "a scenarios file with a bad row is refused (exit 3)", (r.returncode, r.stderr))
    check("bad.csv:4: column category: unknown SEI category '99.9'" in r.stderr,
          "its problem names the file, line and column", r.stderr)
    check(dump(db) == before, "the refused import leaves the database byte-identical")
    r = run("scenario", "import", "scenarios", write("good.csv", header + good), "--db", db)
    check(r.returncode == 0 and "2 rows" in r.stdout, "a good scenarios file is imported", r.stdout + r.stderr)
    check(query(db, "select code, status from scenario order by code") == [("C1", "draft"), ("C2", "draft")],
          "imported scenarios are drafts")
    twice = header + good.splitlines()[0] + "\n" + good.splitlines()[0] + "\n"
    r = run("scenario", "import", "scenarios", write("twice.csv", twice), "--db", db)
    check(r.returncode == 3 and "bad" not in r.stdout, "a code twice in a file is refused", r.stderr)
    r = run("scenario", "export", "scenarios", "--db", db)
    check(r.returncode == 0 and r.stdout.startswith(header) and "C2,工业视觉质检场景" in r.stdout,
          "the export writes the import's layout", r.stdout[:300])
    r = run("scenario", "import", "scenarios", write("again.csv", r.stdout), "--db", db)
    check(r.returncode == 0, "the export imports again (edits of the same drafts)", r.stderr)
    check(run("scenario", "transition", "C1", "selected", "--db", db).returncode == 2,
          "selection is not a transition of its own (exit 2)")
    r = run("scenario", "transition", "C1", "completed", "--db", db, "--lang", "zh")
    check(r.returncode == 3 and "场景不能从草稿变为已完成" in r.stderr, "draft -> completed is refused, in Chinese",
          r.stderr)
    r = run("scenario", "batch", "1", "--date", "2026-11-30", "--title", "第一批", "C1", "--db", db)
    check(r.returncode == 0, "batch 1 opens C1", r.stderr)
    r = run("scenario", "batch", "1", "--date", "2026-12-30", "C2", "--db", db)
    check(r.returncode == 3 and "already published" in r.stderr, "a batch number is published once", r.stderr)
    # applications imported by an enterprise account, all or nothing
    aheader = "scenario,uscc,solution,price,months\n"
    r = run("scenario", "import", "applications", write("apps_bad.csv", aheader + "C1,%s,方案,100,6\nC1,%s,方案,100,6\n"
                                                       % (E1, E2)), "--db", db, "--as", "ent1")
    check(r.returncode != 0 and query(db, "select count(*) from scenario_application") == [(0,)],
          "an applications file with another enterprise's row stores nothing", r.stderr)
    r = run("scenario", "import", "applications", write("apps.csv", aheader + "C1,%s,方案,100,6\n" % E1), "--db", db,
            "--as", "ent1")
    check(r.returncode == 0 and query(db, "select uscc, applicant from scenario_application") == [(E1, "ent1")],
          "an enterprise imports its application", r.stderr)
    r = run("scenario", "suggest", "C2", "--db", db, "--format", "csv", "--lang", "zh")
    check(r.returncode == 0 and "C2,91440305000301D48C,60," in r.stdout and "位于同一地区" in r.stdout,
          "suggested suppliers come with reasons in Chinese", r.stdout[:400])


def api(port, db):
    c = {name: Client(port) for name in ACCOUNTS}
    for name, client in c.items():
        check(client.login(name, PASSWORD)[0] == 200, name + " signs in")
    anon = Client(port)

    def refused(what, client, method, path, body, status, code):
        before = dump(db)
        st, _, answer, _ = client.request(method, path, body)
        check(st == status and problem(answer) == code, "%s: %d %s" % (what, status, code), (st, answer))
        check(dump(db) == before, "  and the database is byte-identical: " + what)
        return answer

    def ok(what, client, method, path, body=None, status=200):
        st, _, answer, _ = client.request(method, path, body)
        check(st == status, "%s: %d" % (what, status), (st, answer))
        return answer

    s1 = {"code": "S1", "title": "城市大脑视觉算法场景", "kind": "government", "category": "1.5", "region": "310115",
          "description": "路口视频实时分析", "budget": 5000, "mode": "公开招标", "deadline": "2099-12-31",
          "contact": "城运中心 张先生", "criteria": "technology:50;price:30;delivery:20"}
    ok("an agency adds a scenario", c["ag"], "POST", "/api/v1/scenarios", s1, 201)
    refused("a fund account may not add one", c["fund1"], "POST", "/api/v1/scenarios", dict(s1, code="SX"), 403,
            "request.role")
    refused("nor the public", anon, "POST", "/api/v1/scenarios", dict(s1, code="SX"), 401, "request.sign_in")
    refused("a code is added once", c["ana"], "POST", "/api/v1/scenarios", s1, 400, "scenario.exists")
    refused("an unknown category is refused", c["ana"], "POST", "/api/v1/scenarios",
            dict(s1, code="SX", category="99.1"), 400, "category.unknown")
    refused("criteria must sum to 100", c["ana"], "POST", "/api/v1/scenarios", dict(s1, code="SX", criteria="a:50"),
            400, "scenario.criteria_sum")
    ok("an enterprise adds its own demand", c["ent1"], "POST", "/api/v1/scenarios",
       dict(s1, code="S2", kind="enterprise", title="产线数字孪生"), 201)
    ok("an analyst adds one past its deadline", c["ana"], "POST", "/api/v1/scenarios",
       dict(s1, code="S3", deadline="2020-01-01", title="已过期场景"), 201)
    refused("another enterprise does not see a draft", c["ent2"], "GET", "/api/v1/scenarios/S1", None, 404,
            "scenario.not_found")
    body = ok("its owner sees its draft", c["ag"], "GET", "/api/v1/scenarios/S1")
    check(body and body["scenario"]["budget"] == 5000 and body["scenario"]["status"] == "draft",
          "the owner sees the budget", body)
    check(body and body["moves"] == ["open", "withdrawn"], "a draft may open or be withdrawn next", body and body["moves"])
    refused("another enterprise cannot edit it", c["ent2"], "PATCH", "/api/v1/scenarios/S1", {"title": "x"}, 404,
            "scenario.not_found")
    refused("nor an agency that does not own it", c["revag"], "PATCH", "/api/v1/scenarios/S1", {"title": "x"}, 404,
            "scenario.not_found")
    ok("its owner edits it", c["ag"], "PATCH", "/api/v1/scenarios/S1", {"mode": "公开招标（可联合体）"})
    refused("opening is an analyst's", c["ag"], "POST", "/api/v1/scenarios/S1/transition", {"status": "open"}, 403,
            "account.role")
    refused("a batch is an analyst's", c["ag"], "POST", "/api/v1/scenario-batches",
            {"number": 1, "date": "2026-12-01"}, 403, "request.role")
    refused("a batch's codes must be drafts", c["ana"], "POST", "/api/v1/scenario-batches",
            {"number": 2, "date": "2026-12-01", "codes": ["C1"]}, 400, "scenario.transition")
    b = ok("an analyst publishes batch 2 (S1, S3)", c["ana"], "POST", "/api/v1/scenario-batches",
           {"number": 2, "date": "2026-12-01", "title": "第二批", "codes": ["S1", "S3"]}, 201)
    check(b and b["scenarios"] == 2, "two scenarios opened", b)
    refused("an agency that does not own a published scenario cannot edit it", c["revag"], "PATCH",
            "/api/v1/scenarios/S1", {"title": "x"}, 403, "scenario.not_owner")
    refused("a batch number is published once", c["ana"], "POST", "/api/v1/scenario-batches",
            {"number": 2, "date": "2026-12-02"}, 400, "batch.exists")
    refused("an open scenario cannot open again", c["ana"], "POST", "/api/v1/scenarios/S1/transition",
            {"status": "open"}, 400, "scenario.transition")

    # the public list
    st, _, pub, _ = anon.request("GET", "/api/v1/public/scenarios")
    codes = [s["code"] for s in (pub or {}).get("items", [])]
    check(st == 200 and "S1" in codes and "C1" in codes and "S2" not in codes,
          "the public list has the published scenarios and no draft", codes)
    keys = set().union(*[set(s) for s in pub["items"]]) if pub and pub.get("items") else set()
    check(keys and keys <= PUBLIC_KEYS, "the public JSON has no private key (budget, owner, prices ...)",
          sorted(keys - PUBLIC_KEYS))
    st, resp, _, data = anon.request("GET", "/api/v1/public/scenarios?format=csv&raw=1")
    head = data.decode("utf-8-sig").splitlines()[0] if st == 200 else ""
    check(head == "code,batch,title,scenario_kind,category,region,deadline,mode,contact,scenario_status",
          "the public CSV header has no private column", head)
    st, resp, _, data = anon.request("GET", "/api/v1/public/scenarios?format=csv")
    text = data.decode("utf-8-sig") if st == 200 else ""
    check("场景名称" in text.splitlines()[0] and "预算" not in text and "5000" not in text,
          "the public CSV in Chinese names its columns and shows no budget", text[:300])
    st, resp, _, data = anon.request("GET", "/api/v1/public/scenarios?format=xlsx&lang=en")
    book = xlsx.read(data) if st == 200 else {}
    rows = next(iter(book.values())) if book else []
    check(rows and "Title" in rows[0] and not any("Budget" in str(h) for h in rows[0]),
          "the public workbook has no budget column", rows[:1])
    st, resp, _, data = anon.request("GET", "/api/v1/public/scenarios?format=html")
    check(st == 200 and "城市大脑视觉算法场景" in data.decode() and "5000" not in data.decode(),
          "the printable page lists the titles and no budget", st)
    _, _, seen, _ = c["fund1"].request("GET", "/api/v1/scenarios/S1")
    check(seen and seen["scenario"]["budget"] is None and seen["applications"] == [],
          "a fund account sees no budget and no application", seen)

    # applications
    app = {"solution": "多目标检测算法与边缘计算盒", "price": 4000, "months": 6}
    ok("ent1 applies", c["ent1"], "POST", "/api/v1/scenarios/S1/applications", app)
    ok("ent1 changes its application", c["ent1"], "POST", "/api/v1/scenarios/S1/applications", dict(app, price=3900))
    check(query(db, "select count(*), max(price) from scenario_application where scenario='S1' and uscc=?", E1)
          == [(1, 3900.0)], "one application per enterprise and scenario, the change kept")
    ok("ent2 applies", c["ent2"], "POST", "/api/v1/scenarios/S1/applications", dict(app, price=3500, months=8))
    refused("an enterprise applies only for itself", c["ent3"], "POST", "/api/v1/scenarios/S1/applications",
            dict(app, uscc=E1), 403, "application.not_own")
    refused("an analyst does not apply", c["ana"], "POST", "/api/v1/scenarios/S1/applications", app, 403,
            "request.role")
    refused("not after the deadline", c["ent1"], "POST", "/api/v1/scenarios/S3/applications", app, 400,
            "scenario.deadline_passed")
    refused("not to a draft", c["ent2"], "POST", "/api/v1/scenarios/S2/applications", app, 404, "scenario.not_found")
    refused("a price above zero", c["ent3"], "POST", "/api/v1/scenarios/S1/applications", dict(app, price=0), 400,
            "amount.positive")
    ok("ent3 applies", c["ent3"], "POST", "/api/v1/scenarios/S1/applications", app)
    refused("an enterprise withdraws only its own", c["ent3"], "DELETE", "/api/v1/scenarios/S1/applications/" + E2,
            None, 403, "application.not_own")
    ok("ent3 withdraws explicitly", c["ent3"], "DELETE", "/api/v1/scenarios/S1/applications/" + E3)
    refused("a withdrawn application stays withdrawn", c["ent3"], "POST", "/api/v1/scenarios/S1/applications", app,
            400, "application.withdrawn")
    seen = ok("ent1 sees the scenario", c["ent1"], "GET", "/api/v1/scenarios/S1")
    check(seen and [a["uscc"] for a in seen["applications"]] == [E1] and seen["scenario"]["budget"] is None,
          "an enterprise sees only its own application, and no budget", seen and seen["applications"])
    _, _, mine, _ = c["ent1"].request("GET", "/api/v1/scenario-applications")
    check(isinstance(mine, list) and {a["uscc"] for a in mine} == {E1}, "its applications are its own", mine)
    seen = ok("the owner sees the scenario", c["ag"], "GET", "/api/v1/scenarios/S1")
    check(seen and len(seen["applications"]) == 3 and all(a["price"] for a in seen["applications"]),
          "the owner sees every application with its price", seen and seen["applications"])

    # review
    refused("an agency does not assign reviewers", c["ag"], "POST", "/api/v1/scenarios/S1/reviewers",
            {"reviewer": "revag"}, 403, "request.role")
    refused("a fund account is no reviewer", c["ana"], "POST", "/api/v1/scenarios/S1/reviewers",
            {"reviewer": "fund1"}, 400, "scenario.reviewer_role")
    ok("an analyst assigns revent", c["ana"], "POST", "/api/v1/scenarios/S1/reviewers", {"reviewer": "revent"})
    ok("and revag", c["ana"], "POST", "/api/v1/scenarios/S1/reviewers", {"reviewer": "revag"})
    sheet = {"scores": {"technology": 80, "price": 70, "delivery": 90}}
    refused("no score before the review", c["revag"], "POST", "/api/v1/scenarios/S1/applications/%s/scores" % E1,
            sheet, 400, "scenario.not_review")
    ok("the owner moves it to review", c["ag"], "POST", "/api/v1/scenarios/S1/transition", {"status": "review"})
    refused("no application in review", c["ent2"], "POST", "/api/v1/scenarios/S1/applications", app, 400,
            "scenario.not_open")
    refused("an account not assigned does not score", c["ent2"], "POST",
            "/api/v1/scenarios/S1/applications/%s/scores" % E1, sheet, 403, "scenario.not_reviewer")
    refused("a reviewer linked to the applicant does not score it", c["revent"], "POST",
            "/api/v1/scenarios/S1/applications/%s/scores" % E1, sheet, 403, "scenario.reviewer_linked")
    refused("every criterion is scored", c["revag"], "POST", "/api/v1/scenarios/S1/applications/%s/scores" % E1,
            {"scores": {"technology": 80}}, 400, "scenario.score_missing")
    refused("scores are 0 to 100", c["revag"], "POST", "/api/v1/scenarios/S1/applications/%s/scores" % E1,
            {"scores": {"technology": 180, "price": 70, "delivery": 90}}, 400, "number.range")
    refused("a withdrawn application is not scored", c["revag"], "POST",
            "/api/v1/scenarios/S1/applications/%s/scores" % E3, sheet, 400, "application.withdrawn")
    # E1: revag 0.5*80+0.3*70+0.2*90 = 79. E2: revag 0.5*90+0.3*80+0.2*60 = 81, revent 0.5*70+0.3*70+0.2*70 = 70
    ok("revag scores E1", c["revag"], "POST", "/api/v1/scenarios/S1/applications/%s/scores" % E1, sheet)
    ok("revag scores E2", c["revag"], "POST", "/api/v1/scenarios/S1/applications/%s/scores" % E2,
       {"scores": {"technology": 90, "price": 80, "delivery": 60}})
    ok("revent scores E2", c["revent"], "POST", "/api/v1/scenarios/S1/applications/%s/scores" % E2,
       {"scores": {"technology": 70, "price": 70, "delivery": 70}})
    seen = ok("the analyst sees the ranking", c["ana"], "GET", "/api/v1/scenarios/S1")
    ranked = [(a["uscc"], a["rank"], a["total"]) for a in seen["applications"]] if seen else []
    check(ranked[:2] == [(E1, 1, 79), (E2, 2, 75.5)] and ranked[2][1] == 0,
          "totals are weighted means over reviewers, ranked (withdrawn unranked)", ranked)
    _, _, sup, _ = c["ana"].request("GET", "/api/v1/scenarios/S1/suppliers")
    check(isinstance(sup, list) and sup and sup[0]["reasons"][0]["code"].startswith("suggest.category"),
          "suggested suppliers with coded reasons", sup and sup[:2])
    refused("suppliers are not another enterprise's to see", c["ent2"], "GET", "/api/v1/scenarios/S1/suppliers", None,
            403, "scenario.not_owner")
    refused("an enterprise asks suggestions for itself only", c["ent2"], "GET",
            "/api/v1/scenario-suggestions?uscc=" + E1, None, 403, "application.not_own")
    ok("an enterprise's suggested scenarios", c["ent1"], "GET", "/api/v1/scenario-suggestions?uscc=" + E1)

    # selection
    refused("an applicant does not select", c["ent2"], "POST", "/api/v1/scenarios/S1/selection",
            {"uscc": E2, "reason": "x"}, 403, "scenario.not_owner")
    refused("a selection says why", c["ag"], "POST", "/api/v1/scenarios/S1/selection", {"uscc": E1}, 400,
            "field.empty")
    refused("a withdrawn application is not selected", c["ag"], "POST", "/api/v1/scenarios/S1/selection",
            {"uscc": E3, "reason": "x"}, 404, "application.not_found")
    ok("the owner selects E1", c["ag"], "POST", "/api/v1/scenarios/S1/selection",
       {"uscc": E1, "reason": "评审得分第一，方案成熟"})
    check(query(db, "select status, selected, decided_by, decision from scenario where code='S1'")
          == [("selected", E1, "ag", "评审得分第一，方案成熟")], "the selection records who decided and why")
    _, _, n1, _ = c["ent1"].request("GET", "/api/v1/notifications")
    _, _, n2, _ = c["ent2"].request("GET", "/api/v1/notifications")
    _, _, n3, _ = c["ent3"].request("GET", "/api/v1/notifications")
    check(n1 and n1[0]["message"].startswith("notice.selected|scenario=S1") and n1[0]["notice"]["code"] ==
          "notice.selected" and n1[0]["notice"]["params"]["scenario"] == "S1", "the selected applicant is told", n1)
    check(n2 and n2[0]["message"].startswith("notice.not_selected|scenario=S1"), "the other applicant is told", n2)
    check(n3 == [], "a withdrawn applicant is not", n3)
    refused("notifications need a sign-in", anon, "GET", "/api/v1/notifications", None, 401, "request.sign_in")
    refused("selected does not open again", c["ana"], "POST", "/api/v1/scenarios/S1/transition", {"status": "open"},
            400, "scenario.transition")
    refused("a selected scenario is not edited", c["ag"], "PATCH", "/api/v1/scenarios/S1", {"title": "x"}, 400,
            "scenario.locked")
    ok("the owner completes it", c["ag"], "POST", "/api/v1/scenarios/S1/transition", {"status": "completed"})
    refused("completed is final", c["ana"], "POST", "/api/v1/scenarios/S1/transition", {"status": "closed"}, 400,
            "scenario.transition")
    ok("an open scenario closes without selection", c["ana"], "POST", "/api/v1/scenarios/S3/transition",
       {"status": "closed"})
    ok("a draft is withdrawn by its owner", c["ent1"], "POST", "/api/v1/scenarios/S2/transition",
       {"status": "withdrawn"})

    # a selected (here completed) scenario becomes a project in the library
    refused("an applicant does not make it a project", c["ent1"], "POST", "/api/v1/scenarios/S1/project", {}, 403,
            "scenario.not_owner")
    refused("a closed scenario does not become a project", c["ana"], "POST", "/api/v1/scenarios/S3/project", {},
            400, "scenario.not_selected")
    body = ok("its owner makes completed S1 a project", c["ag"], "POST", "/api/v1/scenarios/S1/project", {}, 201)
    check(body and body["scenario"]["project"] == "S1", "the scenario names its project", body and body["scenario"])
    check(query(db, "select owner, category, region, kind, total_investment, stage from project where code='S1'")
          == [(E1, "1.5", "310115", "application_scenario", 5000.0, "preparation")],
          "the project: the supplier carries a government body's project, the budget is its investment",
          query(db, "select * from project where code='S1'"))
    refused("a scenario becomes a project once", c["ana"], "POST", "/api/v1/scenarios/S1/project", {}, 400,
            "scenario.already_project")
    r = run("scenario", "project", "S3", "--db", db, "--lang", "zh")
    check(r.returncode == 3 and "只有已立项或已完成的场景可以转为项目" in r.stderr,
          "the command refuses a closed scenario, in Chinese", r.stderr)

    # attachments: the type by the bytes, the name agreeing, the size before the body is read
    pdf = b"%PDF-1.4\n% attachment\n"
    st, _, att, _ = c["ana"].request("POST", "/api/v1/scenarios/C2/attachments?name=" + "%E8%AF%B4%E6%98%8E.pdf", pdf,
                                     {"Content-Type": "application/pdf"})
    check(st == 201 and att["type"] == "pdf" and att["name"] == "说明.pdf" and att["size"] == len(pdf),
          "an analyst attaches a PDF to draft C2: 201", (st, att))
    refused("a PNG called .pdf is refused", c["ana"], "POST", "/api/v1/scenarios/C2/attachments?name=x.pdf",
            b"\x89PNG\r\n\x1a\nxxxx", 400, "attachment.extension")
    refused("a text file is refused", c["ana"], "POST", "/api/v1/scenarios/C2/attachments?name=x.txt", b"hello", 400,
            "attachment.type")
    refused("nor attached by an agency that does not own it", c["revag"], "POST",
            "/api/v1/scenarios/C2/attachments?name=y.pdf", pdf, 404, "scenario.not_found")
    refused("a completed scenario takes no attachment", c["ag"], "POST", "/api/v1/scenarios/S1/attachments?name=y.pdf",
            pdf, 400, "scenario.locked")
    before = dump(db)
    import socket
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    cookies = "; ".join("%s=%s" % kv for kv in c["ana"].cookies.items())
    sock.sendall(("POST /api/v1/scenarios/C2/attachments?name=big.pdf HTTP/1.1\r\nHost: x\r\nCookie: %s\r\n"
                  "X-CSRF-Token: %s\r\nContent-Length: %d\r\n\r\n" % (cookies, c["ana"].csrf, 11 << 20)).encode())
    head = sock.recv(4096).decode("latin-1")
    sock.close()
    check(head.startswith("HTTP/1.1 413") and "request.too_large" in head,
          "an 11 MiB Content-Length is refused (413) before a byte of the body is sent", head[:200])
    check(dump(db) == before, "  and the database is byte-identical")
    st, _, listed, _ = c["ent2"].request("GET", "/api/v1/scenarios/S1/attachments")
    check(st == 200 and listed == [], "another enterprise lists a published scenario's attachments", (st, listed))
    refused("a draft's attachments are hidden from others", c["ent2"], "GET", "/api/v1/scenarios/C2/attachments", None,
            404, "scenario.not_found")
    st, resp, _, data = c["ana"].request("GET", "/api/v1/scenarios/C2/attachments/%d" % att["id"])
    check(st == 200 and data == pdf and resp.getheader("Content-Type") == "application/pdf" and
          "attachment;" in (resp.getheader("Content-Disposition") or ""),
          "the download gives the same bytes, its type, as an attachment", (st, resp.getheaders()))
    refused("an attachment of another scenario is not found", c["ana"], "GET",
            "/api/v1/scenarios/S1/attachments/%d" % att["id"], None, 404, "attachment.not_found")
    r = run("scenario", "attachment", "C2", str(att["id"]), "--db", db)
    check(r.returncode == 0 and r.stdout == pdf.decode(), "the command writes the same bytes", r.stderr)

    # the feed: a cluster of 1.5 in Shanghai counts S1 and S3 of batch 2 (2026), not C1 (7.1) nor S2 (a draft)
    for what in ("reports", "deflators"):  # a cluster's profile is over the reports
        r = run("import", what, os.path.join(EX, what + ".csv"), "--db", db, "--quiet")
        check(r.returncode == 0, "the example %s are imported" % what, r.stderr)
    r = run("cluster", "add", "SH-AI", "--name-zh", "上海人工智能", "--name-en", "Shanghai AI", "--regions", "310000",
            "--categories", "1.5", "--db", db)
    check(r.returncode == 0, "a cluster of 1.5 in Shanghai is registered", r.stderr)
    st, _, prof, _ = c["ana"].request("GET", "/api/v1/clusters/SH-AI")
    feed = (prof or {}).get("scenarios")
    check(st == 200 and feed and feed[0]["year"] == 2026 and
          (feed[0]["published"], feed[0]["selected"], feed[0]["completed"], feed[0]["subsidy_paid"]) == (2, 1, 1, 0),
          "its profile counts 2 published, 1 selected, 1 completed in 2026", (st, feed))
    r = run("cluster", "show", "SH-AI", "--db", db)
    check(r.returncode == 0 and "application scenarios by year" in r.stdout, "the command shows them too",
          r.stdout[-600:] + r.stderr)
    audit = query(db, 'select "user", action from audit where action like \'scenario.%\' order by id')
    check(("ag", "scenario.select") in audit and ("revag", "scenario.score") in audit and
          ("ent3", "scenario.withdraw_application") in audit, "every change is audited with its actor", audit[-5:])


def matrix(port, db):
    """Every scenario route against every role, at the route's gate: the
    public's 401 (request.sign_in), a role outside the route's 403
    (request.role), a role inside passed on to the use case."""
    routes = json.loads(run("serve", "--routes", "--format", "json").stdout)
    ours = [r for r in routes if "scenario" in r["path"] or r["path"] == "/api/v1/notifications"]
    check(len(ours) == 21, "21 scenario routes", len(ours))
    clients = {}
    for name in ("adm", "ana", "ag", "fund1", "ent1"):
        clients[ACCOUNTS[name][0]] = Client(port)
        clients[ACCOUNTS[name][0]].login(name, PASSWORD)
    clients["public"] = Client(port)
    before = dump(db)
    for r in ours:
        path = r["path"].replace("{code}", "NOPE").replace("{uscc}", E1)
        body = None if r["method"] in ("GET", "DELETE") else {}
        for role, client in clients.items():
            st, _, answer, _ = client.request(r["method"], path, body)
            allowed = r["roles"] == "public" or role in r["roles"].split(",")
            if role == "public" and r["roles"] != "public":
                want = st == 401 and problem(answer) == "request.sign_in"
            elif not allowed:
                want = st == 403 and problem(answer) == "request.role"
            else:
                want = st < 500 and problem(answer) not in ("request.role", "request.sign_in")
            check(want, "%s %s as %s: %s" % (r["method"], r["path"], role, "passes the gate" if allowed else
                                               "refused at the gate"), (st, answer))
    check(dump(db) == before, "no probe of the matrix changed the database")


main()
