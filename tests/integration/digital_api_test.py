#!/usr/bin/python3
"""Integration test of the SME digital level through the API and the
command, on the demo: every /api/v1/digital route for every role (an
enterprise account only its own questionnaire, agency and fund accounts
only the questionnaire and the benchmarks); a questionnaire answered,
submitted with the pledge and revised, scored as docs/methods.md works it
by hand; benchmarks against sums from the database, with groups under the
threshold blanked for an agency and named for an analyst; the percentile
among peers against hand computation; what next's weakest dimensions,
actions and funds; imports of CSV and XLSX answers refused whole with
problems at their line, column and cell, and the database unchanged.
Run by tests/integration/digital_api.sh with ECHELON, SRC and WORK."""
import csv, hashlib, io, json, os, shutil, signal, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import check, finish  # noqa: E402
import db as store  # noqa: E402
from client import Client  # noqa: E402
import xlsx  # noqa: E402

ECHELON, SRC, WORK = os.environ["ECHELON"], os.environ["SRC"], os.path.join(os.environ["WORK"], "digital_api")
ROLES = ("adm", "ana", "agn", "fnd", "ent")


def run(*args, stdin=None):
    return subprocess.run([ECHELON, *args], input=stdin, capture_output=True, text=True)


def digital_state(db):
    """What the import may change: the assessments and answers, as text."""
    con = store.connect(db)
    rows = []
    for table in ("digital_assessment", "digital_answer"):
        rows += [repr(r) for r in con.execute("select * from %s order by 1, 2, 3" % table)]
    con.close()
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = store.uri(os.path.join(WORK, "d.db"))
    r = run("demo", "generate", "--db", db, "--enterprises", "3000")
    assert r.returncode == 0, r.stderr
    con = store.connect(db)
    # the enterprise: one of the demo's, SEI, with its 2021 questionnaire
    own, other = [u for (u,) in con.execute(
        "select a.uscc from digital_assessment a join enterprise e on e.uscc = a.uscc "
        "where a.year = 2021 and e.sei_primary <> '' order by a.uscc limit 2")]
    con.close()
    for name, role, scope in (("adm", "admin", ""), ("ana", "analyst", ""), ("agn", "agency", ""),
                              ("fnd", "fund", ""), ("ent", "enterprise", own)):
        r = run("user", "add", name, "--role", role, "--scope", scope, "--db", db, stdin="password-" + name + "\n")
        check(r.returncode == 0, "user add %s" % name, r.stderr)
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "2"],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    port = int(line.split(":")[2].split(" ")[0])
    try:
        tests(port, db, own, other)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finish()


def problem(body):
    err = (body or {}).get("error") or {}
    return err.get("problem") or err.get("code")


def tests(port, db, own, other):
    c = {name: Client(port) for name in ROLES}
    for name, client in c.items():
        status, _, body = client.login(name, "password-" + name)
        check(status == 200, "%s signs in" % name, body)
    anon = Client(port)

    # ---- the questionnaire: every role ----
    for name in ROLES:
        status, _, q, _ = c[name].request("GET", "/api/v1/digital/questionnaire?edition=2022&sector=M")
        check(status == 200 and q["edition"] == "2022" and len(q["dimensions"]) == 4,
              "%s reads the 2022 questionnaire" % name, (status, q))
    status, _, body, _ = anon.request("GET", "/api/v1/digital/questionnaire")
    check(status == 401, "the questionnaire needs a session", status)
    status, _, q, _ = c["ent"].request("GET", "/api/v1/digital/questionnaire")
    check(q["edition"] == "2024" and [lv["from"] for lv in q["levels"]] == [20, 40, 60, 80],
          "the default edition is 2024, levels from 20, 40, 60, 80", q.get("levels"))
    status, _, body, _ = c["ana"].request("GET", "/api/v1/digital/questionnaire?edition=2019")
    check(status == 400 and problem(body) == "digital.edition", "an unknown edition is refused with its problem", body)

    # ---- one enterprise's questionnaire: routes x roles ----
    base = "/api/v1/digital/%s" % own
    for name, want in (("adm", 200), ("ana", 200), ("ent", 200), ("agn", 403), ("fnd", 403)):
        status, _, body, _ = c[name].request("GET", base)
        check(status == want, "%s: history of the enterprise is %d" % (name, want), (status, body))
        status, _, body, _ = c[name].request("GET", base + "/2021?edition=2022")
        check(status == want, "%s: its 2021 questionnaire is %d" % (name, want), (status, body))
        status, _, body, _ = c[name].request("GET", base + "/2021/next?edition=2022")
        check(status == want, "%s: what next is %d" % (name, want), (status, body))
        status, _, body, _ = c[name].request("POST", base + "/2030/answers", {"edition": "2022", "sector": "M", "answers": {"B01": "A"}})
        check(status == want, "%s: answering is %d" % (name, want), (status, body))
        status, _, body, _ = c[name].request("POST", base + "/2030/submit", {"edition": "2022", "pledge": True})
        check(status in ((want,) if want == 403 else (422,)), "%s: submitting an incomplete draft is %s" %
              (name, "403" if want == 403 else "422"), (status, body))
    for path in ("", "/2021?edition=2022", "/2021/next?edition=2022"):
        status, _, body, _ = c["ent"].request("GET", "/api/v1/digital/%s%s" % (other, path))
        check(status == 403 and problem(body) == "digital.not_own",
              "an enterprise account cannot read another's (%s)" % (path or "history"), (status, body))
    status, _, body, _ = c["ent"].request("POST", "/api/v1/digital/%s/2023/answers" % other, {"answers": {}})
    check(status == 403 and problem(body) == "digital.not_own", "nor answer another's", (status, body))
    status, _, body, _ = anon.request("GET", base)
    check(status == 401, "no session, no questionnaire", status)

    # ---- answer, submit with the pledge, revise: the worked case of docs/methods.md ----
    q22 = base + "/2023"
    first = {"B01": "E", "B03": "C", "B04": "A;B;C", "B05": "D", "B06": "B"}
    rest = {"O01": "C", "O03": "B", "O05": "D", "O06": "A", "G01": "B", "G02": "C", "G03": "E",
            "R01": "D", "R02": "C", "R03": "B"}
    status, _, v, _ = c["ent"].request("POST", q22 + "/answers", {"edition": "2022", "sector": "M", "answers": first})
    check(status == 200 and v["assessment"]["state"] == "draft" and v["result"]["total"] == 25,
          "a draft is saved and scored so far (25)", (status, v))
    status, _, body, _ = c["ent"].request("POST", q22 + "/submit", {"edition": "2022", "pledge": True})
    check(status == 422 and problem(body) == "digital.item_missing", "a submission leaves no item unanswered", body)
    c["ent"].request("POST", q22 + "/answers", {"edition": "2022", "answers": rest})
    status, _, body, _ = c["ent"].request("POST", q22 + "/submit", {"edition": "2022"})
    check(status == 422 and problem(body) == "digital.pledge", "a submission needs the pledge", body)
    status, _, body, _ = c["ent"].request("POST", q22 + "/submit", {"edition": "2022", "pledge": "yes"})
    check(status == 400 and problem(body) == "field.boolean", "the pledge is true or false", body)
    status, _, v, _ = c["ent"].request("POST", q22 + "/submit", {"edition": "2022", "pledge": True})
    check(status == 200 and v["result"]["total"] == 64 and v["result"]["level"] == 3 and
          v["assessment"]["state"] == "submitted", "submitted: 64 points, level 3", v)
    dims = {d["code"]: (d["score"], d["max"]) for d in v["result"]["dimensions"]} if status == 200 else {}
    check(dims.get("D1") == (25, 32) and dims.get("D2", (0,))[0] == 12 and dims.get("D3", (0,))[0] == 14 and
          dims.get("D4", (0,))[0] == 13, "the breakdown by dimension is 25, 12, 14, 13", dims)
    items = {i["code"]: i["score"] for i in v["result"]["items"]} if status == 200 else {}
    check(items.get("B04") == 6 and items.get("B01") == 8, "and by item (B04 A;B;C = 6, B01 E = 8)", items)
    status, _, body, _ = c["ent"].request("POST", q22 + "/answers", {"edition": "2022", "answers": {"B06": "D"}})
    check(status == 422 and problem(body) == "digital.submitted", "one submission per year and edition", body)
    status, _, v, _ = c["ent"].request("POST", q22 + "/answers", {"edition": "2022", "answers": {"B06": "D"}, "revise": True})
    check(status == 200 and v["assessment"]["revision"] == 1 and v["assessment"]["state"] == "draft",
          "a revision is explicit and counted", v)
    status, _, v, _ = c["ent"].request("POST", q22 + "/submit", {"edition": "2022", "pledge": True})
    check(status == 200 and v["result"]["total"] == 67, "the revision is scored again (64 - 1 + 4 = 67)", v)
    status, _, h, _ = c["ent"].request("GET", base)
    years = [(i["year"], i["edition"], i["state"]) for i in h["items"]]
    check((2023, "2022", "submitted") in years and (2021, "2022", "submitted") in years and
          (2020, "2022", "submitted") in years, "the history holds every year", years)
    status, _, body, _ = c["ent"].request("GET", base + "/2030/next?edition=2022")
    check(status == 422 and problem(body) == "digital.not_submitted", "what next needs a submission", body)
    status, _, body, _ = c["ent"].request("POST", q22 + "/answers", {"answers": {"B01": 3}})
    check(status == 400 and problem(body) == "field.string", "an answer is a string", body)

    # ---- what next and the percentile, by hand ----
    status, _, n, _ = c["ent"].request("GET", base + "/2021/next?edition=2022")
    check(status == 200, "what next answers", (status, n))
    con = store.connect(db)
    sector, score = con.execute("select sector, score from digital_assessment where uscc = ? and year = 2021 and edition = '2022'", (own,)).fetchone()
    (primary,) = con.execute("select sei_primary from enterprise where uscc = ?", (own,)).fetchone()
    rows = con.execute("select a.score, e.sei_primary from digital_assessment a join enterprise e on e.uscc = a.uscc "
                       "where a.year = 2021 and a.edition = '2022' and a.state = 'submitted' and a.sector = ?", (sector,)).fetchall()
    area = primary.split(".")[0]
    peers = [s for s, p in rows if p.split(".")[0] == area]
    if len(peers) < 10:
        peers, area = [s for s, _ in rows], ""
    below = sum(1 for s in peers if s < score - 1e-9)
    equal = sum(1 for s in peers if abs(s - score) <= 1e-9)
    want = round(100 * (below + equal / 2) / len(peers), 1)
    pos = n["position"]
    check(pos["peers"] == len(peers) and pos["peer_area"] == area and abs(pos["percentile"] - want) < 1e-9,
          "the percentile among %d peers is %.1f, as by hand" % (len(peers), want), pos)
    shares = sorted(((d["score"] / d["max"]), k, d["code"]) for k, d in enumerate(n["result"]["dimensions"]) if d["max"] > 0)
    check([w["code"] for w in n["weakest"]] == [code for _, _, code in shares],
          "the weakest dimensions come first, by share of their maximum", n["weakest"])
    check(all(w["actions"] for w in n["weakest"]), "each weak dimension has its actions", n["weakest"])
    check(all(f["reasons"] and f["reasons"][0]["code"].startswith("match.") for f in n["funds"]) and len(n["funds"]) > 0,
          "the funds that fit carry coded match.* reasons", n["funds"][:2])

    # ---- benchmarks, by hand and under the disclosure control ----
    rows = con.execute("select e.region, a.score, a.level from digital_assessment a join enterprise e on e.uscc = a.uscc "
                       "where a.year = 2021 and a.edition = '2022' and a.state = 'submitted'").fetchall()
    by_province = {}
    for region, s, lv in rows:
        by_province.setdefault(region[:2] + "0000", []).append((s, lv))
    for name in ROLES:
        status, _, b, _ = c[name].request("GET", "/api/v1/digital/benchmark?year=2021&edition=2022&by=province")
        check(status == 200, "%s reads the benchmarks" % name, (status, b))
    status, _, b, _ = c["ana"].request("GET", "/api/v1/digital/benchmark?year=2021&edition=2022&by=province")
    allrow = b["rows"][0]
    check(allrow["code"] == "all" and allrow["enterprises"] == len(rows) and
          abs(allrow["mean_score"] - round(sum(s for _, s, _ in rows) / len(rows), 2)) < 1e-9,
          "the whole: %d questionnaires and their mean score" % len(rows), allrow)
    wrong = []
    small = None
    for row in b["rows"][1:]:
        got = by_province.get(row["code"], [])
        mean = round(sum(s for s, _ in got) / len(got), 2) if got else None
        l2 = round(100 * sum(1 for _, lv in got if lv >= 2) / len(got), 1) if got else None
        if row["enterprises"] != len(got) or row["mean_score"] != mean or row["level2_pct"] != l2:
            wrong.append((row, len(got), mean, l2))
        if row["suppression"] == "threshold" and small is None:
            small = row["code"]
    check(not wrong and len(b["rows"]) - 1 == len(by_province), "every province's count, mean and share at level 2+ as by hand", wrong[:2])
    check(small is not None and len(by_province[small]) < 3, "a province under 3 questionnaires is named by the threshold rule", small)
    status, _, g, _ = c["agn"].request("GET", "/api/v1/digital/benchmark?year=2021&edition=2022&by=province")
    hidden = [row for row in g["rows"] if row["code"] == small]
    check(hidden and hidden[0]["suppressed"] is True and hidden[0]["mean_score"] is None and hidden[0]["enterprises"] is None,
          "an agency sees that province blanked", hidden)
    shown = [row for row in b["rows"] if row["code"] == small]
    check(shown and shown[0]["suppressed"] is False and shown[0]["mean_score"] is not None,
          "an analyst sees its figures, flagged", shown)
    status, _, g, _ = c["ent"].request("GET", "/api/v1/digital/benchmark?year=2021&edition=2022&by=size")
    check(status == 200 and any(r["suppression"] for r in g["rows"]) and all(r["mean_score"] is None for r in g["rows"] if r["suppressed"]),
          "sizes: every hidden group blanked for an enterprise account", g["rows"])
    status, _, g, _ = c["fnd"].request("GET", "/api/v1/digital/benchmark?by=size")
    newest = con.execute("select year, edition, count(*) from digital_assessment where state = 'submitted' "
                         "group by year, edition order by year desc, edition desc").fetchall()
    check(status == 200 and [g["year"], g["edition"]] == [newest[0][0], newest[0][1]] and
          [(y["year"], y["edition"], y["enterprises"]) for y in g["years"]] == newest,
          "with no year, the newest with submissions; every year and edition listed", (g.get("year"), g.get("years")))
    for by in ("prefecture", "area", "size", "cluster"):
        status, _, g, _ = c["ana"].request("GET", "/api/v1/digital/benchmark?year=2021&edition=2022&by=" + by)
        check(status == 200 and len(g["rows"]) > 1 and g["by"] == by, "benchmarks by %s" % by, (status, g and g.get("rows", [])[:2]))
    status, _, body, _ = c["ana"].request("GET", "/api/v1/digital/benchmark?year=2021&by=county")
    check(status == 400 and problem(body) == "field.enum", "an unknown grouping is refused", body)
    status, _, body, _ = c["ana"].request("GET", "/api/v1/digital/benchmark?year=2021&region=abc")
    check(status == 400 and problem(body) == "digital.region", "a bad region is refused", body)
    status, resp, _, data = c["agn"].request("GET", "/api/v1/digital/benchmark?year=2021&edition=2022&by=province&format=csv&lang=zh")
    text = data.decode("utf-8-sig")
    check(status == 200 and text.splitlines()[0].startswith("代码,名称,企业数,平均得分") and "已隐藏" in text.splitlines()[0],
          "a CSV download in Chinese", text[:200])
    status, resp, _, data = c["ana"].request("GET", "/api/v1/digital/benchmark?year=2021&edition=2022&by=size&format=xlsx&lang=en")
    sheet = list(xlsx.read(data).values())[0] if status == 200 else []
    check(status == 200 and sheet and sheet[0][0] == "Code" and "Mean score" in sheet[0], "an XLSX download in English", sheet[:2])
    r = run("digital", "benchmark", "--db", db, "--year", "2021", "--edition", "2022", "--by", "province", "--format", "json")
    cli_rows = json.loads(r.stdout) if r.returncode == 0 else []
    check([x["enterprises"] for x in cli_rows] == [x["enterprises"] for x in b["rows"]],
          "the command gives the API's benchmark", r.stderr)

    # ---- imports: all or nothing, CSV and XLSX ----
    e1, e2 = own, other
    good = [["uscc", "year", "edition", "sector", "item", "answer"]]
    for u in (e1, e2):
        good += [[u, "2024", "2024", "S", i, "C"] for i in ("B01", "B02", "B03", "B04", "B05")]
        good += [[u, "2024", "2024", "S", i, "B"] for i in ("S01", "S02", "S03", "S04")]
        good += [[u, "2024", "2024", "S", "G01", "E"], [u, "2024", "2024", "S", "G02", "D"], [u, "2024", "2024", "S", "G03", "A"],
                 [u, "2024", "2024", "S", "R01", "B"], [u, "2024", "2024", "S", "R02", "C"]]
    bad = [row[:] for row in good]
    bad[12][5] = "D;E"        # line 13: two options for a single-choice item
    bad[20][4] = "X99"        # line 21: an item the edition does not have

    def as_csv(rows):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue().encode()

    before = digital_state(db)
    status, _, body, _ = c["ana"].request("POST", "/api/v1/digital/import", as_csv(bad), {"Content-Type": "text/csv"})
    probs = (body or {}).get("error", {}).get("problems", [])
    check(status == 422 and any(p["code"] == "digital.option_one" and p.get("line") == 13 and p.get("field") == "answer" for p in probs)
          and any(p["code"] == "digital.item_unknown" and p.get("line") == 21 for p in probs),
          "a bad CSV is refused naming line 13 (answer) and line 21", probs)
    check(digital_state(db) == before, "nothing of it is stored", "")
    path = os.path.join(WORK, "bad.xlsx")
    xlsx.write(path, [[int(x) if x.isdigit() and len(x) == 4 else x for x in row] for row in bad])
    with open(path, "rb") as f:
        status, _, body, _ = c["ana"].request("POST", "/api/v1/digital/import", f.read(), {"Content-Type": "application/octet-stream"})
    probs = (body or {}).get("error", {}).get("problems", [])
    check(status == 422 and any(p["code"] == "digital.option_one" and "F13" in json.dumps(p) for p in probs),
          "a bad workbook is refused naming cell F13", probs)
    check(digital_state(db) == before, "and nothing of it is stored", "")
    for name in ("ent", "agn", "fnd"):
        status, _, body, _ = c[name].request("POST", "/api/v1/digital/import", as_csv(good), {"Content-Type": "text/csv"})
        check(status == 403, "%s may not import" % name, (status, body))
    path = os.path.join(WORK, "good.xlsx")
    xlsx.write(path, good)
    with open(path, "rb") as f:
        status, _, body, _ = c["ana"].request("POST", "/api/v1/digital/import", f.read(), {"Content-Type": "application/octet-stream"})
    check(status == 200 and body["rows"] == len(good) - 1, "a good workbook is imported", (status, body))
    status, _, v, _ = c["ana"].request("GET", "/api/v1/digital/%s/2024" % e2)
    check(status == 200 and v["result"]["total"] == 50 and v["result"]["level"] == 2,
          "imported answers score 50, level 2", v and v.get("result"))
    status, _, body, _ = c["ana"].request("POST", "/api/v1/digital/import", as_csv(good), {"Content-Type": "text/csv"})
    check(status == 422 and problem(body) == "digital.submitted", "an import does not overwrite a submission", body)
    status, _, body, _ = c["ana"].request("POST", "/api/v1/digital/import?revise=1", as_csv(good), {"Content-Type": "text/csv"})
    check(status == 200, "unless it is a revision", body)
    con.close()


main()
