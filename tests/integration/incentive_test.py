#!/usr/bin/python3
"""Incentive programmes and the subsidy ledger through the command and the
API: every route for every role, refusals that leave the database as it
was, and a budget that holds under 50 approvals sent at once to the running
server and under several `echelon incentive approve` processes on one
database file (nothing lost, nothing doubled). Run by
tests/integration/incentive.sh with ECHELON, SRC and WORK."""
import json, os, shutil, signal, subprocess, sys, threading
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import check, finish  # noqa: E402
import db as store  # noqa: E402
from client import Client  # noqa: E402

ECHELON, SRC = os.environ["ECHELON"], os.environ["SRC"]
WORK = os.path.join(os.environ["WORK"], "incentive")
EX = os.path.join(SRC, "data", "examples")
FIRM = "91310115000301600R"    # 1.2.4, region 310115
OTHER = "91440305000301D48C"   # 1.1.2, region 440305

RULES = ("rule,side,base,share_pct,cap,year_cap,categories,regions,sizes,topup_pilot,topup_pct,topup_amount\n"
         "owner,owner,purchase,30,3000,,,,,national,10,\n"
         "supplier,supplier,rd,50,2000,,1,,,municipal,,200\n"
         "voucher,voucher,purchase,30,,500,,31,small;micro;medium,,,\n")


def run(*args, stdin=None):
    return subprocess.run([ECHELON, *args], input=stdin, capture_output=True, text=True)


def query(db, sql, *params):
    con = store.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def dump(db):
    return [(t, r) for (t, r) in store.dump(db) if t != "session"]


def refused_api(db, what, send, status):
    before = dump(db)
    st, _, body, _ = send()
    after = dump(db)
    code = (body or {}).get("error", {}).get("problem") if isinstance(body, dict) else None
    check(st == status and before == after and code,
          "%s: %d with a coded problem (%s), the database as it was" % (what, status, code), (st, body))
    return body


def cli_cases(db, rules_file):
    r = run("incentive", "programme", "add", "P1", "--name", "示范场景资助", "--year", "2026", "--budget", "10000",
            "--rules", rules_file, "--db", db)
    check(r.returncode == 0, "a programme is added with its rules file", r.stderr)
    check(query(db, "select count(*) from incentive_rule where programme='P1'")[0][0] == 3, "its three rules stored")
    check(query(db, "select count(*) from audit where action='incentive.programme'")[0][0] == 1,
          "the programme is audited")
    r = run("incentive", "rules", "P1", "--db", db)
    check(r.returncode == 0 and r.stdout == RULES.replace("small;micro;medium", "medium;small;micro"),
          "the rules print back as the file", r.stdout)
    # owner: 30 % of 20 000 = 6 000, capped at 3 000, national pilot + 10 % = 3 300
    r = run("incentive", "claim", "P1", "--rule", "owner", "--beneficiary", FIRM, "--side", "owner",
            "--base-amount", "20000", "--pilot", "national", "--db", db)
    check(r.returncode == 0 and "award (thousand yuan) 3300" in r.stdout and "capped at 3000" in r.stdout,
          "a claim's award and its steps, by hand 3 300", r.stdout + r.stderr)
    check(query(db, "select count(*) from incentive_entry")[0][0] == 0, "a claim writes nothing")
    r = run("incentive", "claim", "P1", "--rule", "supplier", "--beneficiary", OTHER, "--side", "supplier",
            "--base-amount", "1000", "--db", db)
    check(r.returncode == 0 and "award (thousand yuan) 500" in r.stdout,
          "the supplier's category (1.1.2) from the registry is under 1", r.stdout + r.stderr)
    r = run("incentive", "claim", "P1", "--rule", "voucher", "--beneficiary", OTHER, "--side", "voucher",
            "--base-amount", "1000", "--db", db)
    check(r.returncode != 0 and "region 440305 is not under 31" in r.stderr, "a region outside the rule is refused",
          r.stderr)
    before = dump(db)
    r = run("incentive", "approve", "P1", "--reference", "A-1", "--rule", "voucher", "--beneficiary", FIRM,
            "--side", "voucher", "--base-amount", "1000", "--size", "large", "--db", db)
    check(r.returncode != 0 and "not eligible" in r.stderr and dump(db) == before,
          "an ineligible size is refused and nothing is written", r.stderr)
    r = run("incentive", "approve", "P1", "--reference", "A-1", "--rule", "voucher", "--beneficiary", FIRM,
            "--side", "voucher", "--base-amount", "1000", "--size", "small", "--format", "json", "--db", db)
    e1 = json.loads(r.stdout)[0] if r.returncode == 0 else {}
    check(e1.get("amount") == 300 and e1.get("kind") == "commitment", "a voucher of 300 is committed", r.stderr)
    r = run("incentive", "approve", "P1", "--reference", "A-2", "--rule", "voucher", "--beneficiary", FIRM,
            "--side", "voucher", "--base-amount", "2000", "--size", "small", "--format", "json", "--db", db)
    e2 = json.loads(r.stdout)[0] if r.returncode == 0 else {}
    check(e2.get("amount") == 200 and "incentive.year_cap" in json.dumps(e2),
          "the second voucher is cut to the 200 left under the annual cap of 500", r.stdout + r.stderr)
    before = dump(db)
    r = run("incentive", "approve", "P1", "--reference", "A-3", "--rule", "voucher", "--beneficiary", FIRM,
            "--side", "voucher", "--base-amount", "100", "--db", db)
    check(r.returncode != 0 and "annual cap" in r.stderr and dump(db) == before,
          "a third is refused: the annual cap is reached", r.stderr)
    r = run("incentive", "approve", "P1", "--reference", "A-1", "--rule", "owner", "--beneficiary", FIRM,
            "--side", "owner", "--base-amount", "100", "--db", db)
    check(r.returncode != 0 and "approved already" in r.stderr and dump(db) == before,
          "a claim reference is approved once", r.stderr)
    r = run("incentive", "approve", "P1", "--reference", "A-9", "--rule", "owner", "--beneficiary", FIRM,
            "--side", "owner", "--base-amount", "100", "--scenario", "NO-SUCH", "--db", db, "--lang", "zh")
    check(r.returncode == 3 and "场景清单中没有场景 NO-SUCH" in r.stderr and dump(db) == before,
          "a claim naming a scenario the list does not hold is refused", r.stderr)
    r = run("incentive", "pay", "P1", str(e1["id"]), "--amount", "301", "--db", db)
    check(r.returncode != 0 and dump(db) == before, "a payment above its commitment is refused", r.stderr)
    r = run("incentive", "pay", "P1", str(e1["id"]), "--amount", "300", "--note", "拨付", "--format", "json", "--db", db)
    pay = json.loads(r.stdout)[0] if r.returncode == 0 else {}
    check(pay.get("kind") == "payment" and pay.get("refers") == e1["id"], "the payment of 300", r.stderr)
    before = dump(db)
    r = run("incentive", "reverse", "P1", str(e1["id"]), "--note", "x", "--db", db)
    check(r.returncode != 0 and "reverse them first" in r.stderr and dump(db) == before,
          "a commitment with payments is not reversed", r.stderr)
    r = run("incentive", "reverse", "P1", str(pay["id"]), "--db", db)
    check(r.returncode != 0 and dump(db) == before, "a reversal needs its reason", r.stderr)
    r = run("incentive", "reverse", "P1", str(pay["id"]), "--note", "付错账户", "--format", "json", "--db", db)
    rev = json.loads(r.stdout)[0] if r.returncode == 0 else {}
    check(rev.get("kind") == "reversal" and rev.get("amount") == 300, "the payment is reversed", r.stderr)
    r = run("incentive", "reverse", "P1", str(rev["id"]), "--note", "x", "--db", db)
    check(r.returncode != 0, "a reversal is not reversed", r.stderr)
    r = run("incentive", "reverse", "P1", str(pay["id"]), "--note", "again", "--db", db)
    check(r.returncode != 0 and "reversed already" in r.stderr, "nor an entry twice", r.stderr)
    r = run("incentive", "ledger", "P1", "--db", db)
    check(r.returncode == 0 and "committed 500, paid 0, outstanding 500, available 9 500" in r.stdout,
          "the balances: committed 500, paid 0 after the reversal, available 9 500", r.stdout)
    r = subprocess.run([ECHELON, "incentive", "ledger", "P1", "--format", "xlsx", "--db", db], capture_output=True)
    check(r.returncode == 0 and r.stdout[:2] == b"PK", "the ledger as a workbook", r.stderr)
    try:
        query(db, "update incentive_entry set amount = 1 where id = 1")
        changed = True
    except store.Error:
        changed = False
    check(not changed, "the database itself refuses to change a ledger entry")
    try:
        query(db, "delete from incentive_entry where id = 1")
        removed = True
    except store.Error:
        removed = False
    check(not removed, "or to remove one")
    check(query(db, "select count(*) from audit where action like 'incentive.%'")[0][0] == 5,
          "each change is audited once (programme, two commitments, payment, reversal), no refusal",
          query(db, "select action from audit where action like 'incentive.%'"))


def concurrent_cli(db, rules_file):
    """Twenty approve processes at once on one database file, against a
    budget that fits seven (7 x 300 = 2 100 of 2 200); five of the twenty
    repeat another's reference."""
    run("incentive", "programme", "add", "PC", "--name", "并发", "--year", "2026", "--budget", "2200",
        "--rules", rules_file, "--db", db)
    refs = ["C-%d" % i for i in range(15)] + ["C-%d" % i for i in range(5)]
    procs = [subprocess.Popen([ECHELON, "incentive", "approve", "PC", "--reference", ref, "--rule", "owner",
                               "--beneficiary", FIRM, "--side", "owner", "--base-amount", "1000", "--db", db],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for ref in refs]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    accepted = sum(1 for rc, _ in results if rc == 0)
    refused = [err for rc, err in results if rc != 0]
    rows = query(db, "select reference, amount from incentive_entry where programme='PC' and kind='commitment'")
    check(accepted == 7 and len(refused) == 13, "20 processes: 7 accepted, 13 refused", (accepted, refused[:3]))
    check(all("budget" in e or "approved already" in e for e in refused),
          "each refusal is the budget's or a repeated claim's", refused[:3])
    check(len(rows) == accepted and len({r[0] for r in rows}) == len(rows), "one entry per accepted claim, none twice",
          rows)
    check(sum(r[1] for r in rows) <= 2200, "the sum committed stays within the budget", rows)


def api_cases(db, port):
    admin, analyst, agency, fund, ent, other, anon = (Client(port) for _ in range(7))
    for c, name in ((admin, "root"), (analyst, "ana"), (agency, "agc"), (fund, "fnd"), (ent, "ent"), (other, "ent2")):
        st, _, _ = c.login(name, "password-" + name)
        check(st == 200, "sign in as " + name)
    base = "/api/v1/incentives/programmes"
    body = {"code": "P2", "name": "API 计划", "year": 2026, "budget": 1000, "rules": RULES}
    claim = {"rule": "owner", "beneficiary": FIRM, "side": "owner", "base_amount": 1000}

    # every route x role: (method, path, body, {role: status})
    st, _, p2, _ = analyst.request("POST", base, body)
    check(st == 201 and len(p2["rules"]) == 3, "an analyst adds a programme (201) with its rules", (st, p2))
    st, _, e, _ = analyst.request("POST", base + "/P2/commitments", dict(claim, reference="R-1"))
    check(st == 201 and e["amount"] == 300 and e["reasons"][0]["code"] == "incentive.share",
          "an analyst approves a claim (201, its steps coded)", (st, e))
    cid = e["id"]
    matrix = [
        ("GET", base, None, {"admin": 200, "analyst": 200, "agency": 403, "fund": 403, "enterprise": 200, "anon": 401}),
        ("POST", base, dict(body, code="P3"),
         {"admin": 201, "analyst": 422, "agency": 403, "fund": 403, "enterprise": 403, "anon": 401}),
        ("GET", base + "/P2", None,
         {"admin": 200, "analyst": 200, "agency": 403, "fund": 403, "enterprise": 200, "anon": 401}),
        ("PUT", base + "/P2/rules", {"rules": RULES},
         {"admin": 200, "analyst": 200, "agency": 403, "fund": 403, "enterprise": 403, "anon": 401}),
        ("POST", base + "/P2/claims", claim,
         {"admin": 200, "analyst": 200, "agency": 403, "fund": 403, "enterprise": 200, "anon": 401}),
        ("POST", base + "/P2/commitments", dict(claim, reference="R-2"),
         {"admin": 201, "analyst": 422, "agency": 403, "fund": 403, "enterprise": 403, "anon": 401}),
        ("POST", base + "/P2/payments", {"commitment": cid, "amount": 100},
         {"admin": 201, "analyst": 201, "agency": 403, "fund": 403, "enterprise": 403, "anon": 401}),
        ("GET", base + "/P2/ledger", None,
         {"admin": 200, "analyst": 200, "agency": 403, "fund": 403, "enterprise": 200, "anon": 401}),
        ("GET", "/api/v1/incentives/awards", None,
         {"admin": 200, "analyst": 200, "agency": 403, "fund": 403, "enterprise": 200, "anon": 401}),
    ]
    clients = {"admin": admin, "analyst": analyst, "agency": agency, "fund": fund, "enterprise": ent, "anon": anon}
    for method, path, b, expect in matrix:
        for role in ("anon", "agency", "fund", "enterprise", "admin", "analyst"):
            want = expect[role]
            if want >= 400:
                refused_api(db, "%s %s as %s" % (method, path, role),
                            lambda: clients[role].request(method, path, b), want)
            else:
                st, _, ans, _ = clients[role].request(method, path, b)
                check(st == want, "%s %s as %s: %d" % (method, path, role, want), (st, ans))
    # reversals last: the payments of the matrix first
    _, _, led, _ = analyst.request("GET", base + "/P2/ledger")
    pays = [x["id"] for x in led["entries"] if x["kind"] == "payment"]
    for role in ("anon", "agency", "fund", "enterprise"):
        refused_api(db, "POST reversals as " + role, lambda: clients[role].request(
            "POST", base + "/P2/reversals", {"entry": pays[0], "note": "x"}), {"anon": 401}.get(role, 403))
    st, _, rv, _ = analyst.request("POST", base + "/P2/reversals", {"entry": pays[0], "note": "重复拨付"})
    check(st == 201 and rv["kind"] == "reversal", "an analyst reverses a payment (201)", (st, rv))
    refused_api(db, "a reversal of a reversal", lambda: admin.request(
        "POST", base + "/P2/reversals", {"entry": rv["id"], "note": "x"}), 422)
    refused_api(db, "an overpayment", lambda: admin.request(
        "POST", base + "/P2/payments", {"commitment": cid, "amount": 1000}), 422)
    refused_api(db, "an unknown programme", lambda: admin.request("GET", base + "/NOPE"), 404)
    refused_api(db, "a claim with a side not allowed", lambda: admin.request(
        "POST", base + "/P2/claims", dict(claim, side="buyer")), 400)
    refused_api(db, "a rules file with a bad row", lambda: admin.request(
        "PUT", base + "/P2/rules", {"rules": RULES + "x,owner,purchase,130,,,,,,,,\n"}), 422)
    refused_api(db, "an enterprise claiming for another", lambda: other.request("POST", base + "/P2/claims", claim), 403)

    _, _, mine, _ = ent.request("GET", base + "/P2/ledger")
    _, _, theirs, _ = other.request("GET", base + "/P2/ledger")
    check(mine["balance"] is None and mine["entries"] and all(x["beneficiary"] == FIRM for x in mine["entries"]),
          "an enterprise sees its own entries, no balances", mine)
    check(theirs["entries"] == [], "another enterprise sees none of them", theirs)
    _, _, progs, _ = ent.request("GET", base)
    check(all(p["balance"] is None for p in progs), "an enterprise sees no programme's balances", progs)
    _, _, progs, _ = analyst.request("GET", base)
    p2b = [p for p in progs if p["code"] == "P2"][0]["balance"]
    check(p2b["committed"] == 600 and p2b["paid"] == 100 and p2b["available"] == 400,
          "the analyst's balances: committed 600, paid 200 - 100 reversed, available 400", p2b)
    st, resp, _, data = analyst.request("GET", base + "/P2/ledger?format=csv&lang=zh")
    text = data.decode("utf-8-sig")
    check(st == 200 and "资助对象" in text and "承诺" in text, "the ledger downloads as CSV in Chinese", text[:200])
    st, resp, _, data = analyst.request("GET", base + "/P2/ledger?format=xlsx")
    check(st == 200 and data[:2] == b"PK", "and as a workbook")

    # 50 approvals at once, each alone within the budget: 5 000 fits 16 of 300
    st, _, _, _ = analyst.request("POST", base, dict(body, code="PX", budget=5000))
    check(st == 201, "a programme for the race")
    refs = ["X-%d" % i for i in range(40)] + ["X-%d" % i for i in range(10)]
    answers = [None] * len(refs)

    def approve(i):
        c = Client(port)
        c.cookies, c.csrf = dict(analyst.cookies), analyst.csrf
        st, _, ans, _ = c.request("POST", base + "/PX/commitments", dict(claim, reference=refs[i]))
        answers[i] = (st, ans)

    threads = [threading.Thread(target=approve, args=(i,)) for i in range(len(refs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    accepted = [a for a in answers if a and a[0] == 201]
    refused = [a for a in answers if a and a[0] == 422]
    codes = {a[1]["error"]["problem"] for a in refused}
    rows = query(db, "select reference, amount from incentive_entry where programme='PX' and kind='commitment'")
    check(len(accepted) + len(refused) == 50, "50 approvals at once: each accepted or refused", answers)
    check(len(accepted) == 16, "16 accepted (16 x 300 = 4 800 of 5 000)", len(accepted))
    check(codes <= {"incentive.budget", "incentive.claim_repeat"}, "refused for the budget or a repeated claim", codes)
    check(len(rows) == len(accepted) and len({r[0] for r in rows}) == len(rows),
          "ledger entries = accepted, no claim twice", rows)
    check(sum(r[1] for r in rows) <= 5000, "the sum committed is within the budget", sum(r[1] for r in rows))


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = store.uri(os.path.join(WORK, "i.db"))
    rules_file = os.path.join(WORK, "rules.csv")
    with open(rules_file, "w") as f:
        f.write(RULES)
    run("init", "--db", db)
    r = run("import", "enterprises", os.path.join(EX, "enterprises.csv"), "--db", db)
    check(r.returncode == 0, "enterprises imported", r.stderr)
    cli_cases(db, rules_file)
    concurrent_cli(db, rules_file)
    for name, role, scope in (("root", "admin", ""), ("ana", "analyst", ""), ("agc", "agency", ""),
                              ("fnd", "fund", ""), ("ent", "enterprise", FIRM), ("ent2", "enterprise", OTHER)):
        args = ["user", "add", name, "--role", role, "--db", db] + (["--scope", scope] if scope else [])
        r = run(*args, stdin="password-%s\n" % name)
        check(r.returncode == 0, "account " + name, r.stderr)
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--access-log", "-",
                             "--threads", "4"], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    try:
        port = int(line.split(":")[2].split(" ")[0])
        api_cases(db, port)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    finish()


main()
