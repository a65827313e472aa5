#!/usr/bin/python3
"""Every change, through the command and through the API: a refused change
leaves the database byte-identical (its SQL dump compared before and after)
and writes no audit line; an accepted one writes exactly one audit line,
naming its actor. Run by tests/integration/changes.sh with ECHELON (the
binary), SRC (the source tree) and WORK (a scratch folder)."""
import getpass, http.client, json, os, shutil, signal, subprocess, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import check, finish  # noqa: E402
import db as store  # noqa: E402

ECHELON, SRC = os.environ["ECHELON"], os.environ["SRC"]
WORK = os.path.join(os.environ["WORK"], "changes")
EX = os.path.join(SRC, "data", "examples")
DATA = os.path.join(SRC, "tests", "data")
LOGIN = "cli:" + getpass.getuser()




def run(*args, stdin=None):
    return subprocess.run([ECHELON, *args], input=stdin, capture_output=True, text=True)


def dump(db):
    """The data, without the server's job records and the refused imports
    in the import history (bookkeeping of the attempts, written whatever
    their outcome)."""
    return [(t, r) for (t, r) in store.dump(db) if t != "job" and not (t == "import_log" and "rejected" in r)]


def audit(db):
    con = store.connect(db)
    try:
        return con.query('select id, "user", action, target from audit order by id')
    finally:
        con.close()


def refused(db, what, act):
    """act() must be refused: the database as it was, no audit line."""
    before = dump(db)
    result = act()
    after = dump(db)
    check(before == after, "refused, and the database is byte-identical: " + what, result)
    return result


def accepted(db, what, act, actor, action, then=()):
    """act() must be stored with exactly one audit line naming actor (and,
    for the changes it makes in turn, one line of each action in then)."""
    before = audit(db)
    result = act()
    new = audit(db)[len(before):]
    check(len(new) == 1 + len(then) and all(n[1] == actor for n in new) and [n[2] for n in new] == [action, *then],
          "accepted with one audit line by %s (%s): %s" % (actor, action, what), (new, result))
    return result


def write(name, text):
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def cli_ok(r):
    return r.returncode == 0


def cli_cases(db, firm, other):
    def cmd(*args, stdin=None, ok=None):
        def act():
            r = run(*args, "--db", db, stdin=stdin)
            if ok is not None and (r.returncode == 0) != ok:
                check(False, " ".join(args) + " exits %s" % ("0" if ok else "non-zero"), r.stderr)
            return r.returncode, r.stderr.strip()
        return act

    # Clusters: the refused edit of the issue, then add, edit, import.
    accepted(db, "cluster add", cmd("cluster", "add", "X1", "--name-zh", "测试", "--name-en", "Test",
                                    "--regions", "310115", "--categories", "1.2", ok=True), LOGIN, "cluster.add")
    rc, err = refused(db, "cluster edit --founded with a bad USCC among the includes",
                      cmd("cluster", "edit", "X1", "--founded", "2005", "--include", firm + ";BADBADBAD", ok=False))
    check(rc == 3 and "BADBADBAD" in err, "the bad USCC is named, exit 3", (rc, err))
    refused(db, "cluster add of a code registered", cmd("cluster", "add", "X1", "--name-zh", "x", "--name-en", "x",
                                                        "--regions", "310115", "--categories", "1.2", ok=False))
    refused(db, "cluster add in an unknown region", cmd("cluster", "add", "X2", "--name-zh", "x", "--name-en", "x",
                                                        "--regions", "999999", "--categories", "1.2", ok=False))
    refused(db, "cluster edit of no cluster", cmd("cluster", "edit", "NOPE", "--agency", "x", ok=False))
    refused(db, "cluster edit with an unknown parent", cmd("cluster", "edit", "X1", "--parent", "NOPE", ok=False))
    accepted(db, "cluster edit with fields and member rules",
             cmd("cluster", "edit", "X1", "--founded", "2005", "--include", firm, "--exclude", other, ok=True),
             LOGIN, "cluster.edit")
    refused(db, "cluster import of a bad clusters file",
            cmd("cluster", "import", "clusters", os.path.join(DATA, "cluster", "bad_clusters.csv"), ok=False))
    accepted(db, "cluster import of clusters",
             cmd("cluster", "import", "clusters", write("clusters.csv",
                 "code,name_zh,name_en,tier,parent,regions,categories,agency,founded,source\n"
                 "X3,三,Three,base,,310000,1,,2020,test\nX4,四,Four,cluster,X3,310115,1.2,,,test\n"), ok=True),
             LOGIN, "import")
    refused(db, "cluster import of a bad indicators file",
            cmd("cluster", "import", "indicators", write("bad_ind.csv",
                "cluster,year,indicator,value\nX1,2021,incubators,5\nNOPE,2021,incubators,1\n"), ok=False))
    accepted(db, "cluster import of indicators", cmd("cluster", "import", "indicators", write("ind.csv",
             "cluster,year,indicator,value\nX1,2021,incubators,5\n"), ok=True), LOGIN, "import")
    accepted(db, "cluster import of member rules", cmd("cluster", "import", "members", write("mem.csv",
             "cluster,uscc,action\nX1,%s,include\n" % firm), ok=True), LOGIN, "import")
    refused(db, "cluster import of a bad members file", cmd("cluster", "import", "members", write("badmem.csv",
            "cluster,uscc,action\nX1,%s,include\nX1,%s,maybe\n" % (firm, firm)), ok=False))

    # Projects and funds.
    project = ["--name", "测试项目", "--owner", firm, "--category", "1.2", "--region", "310115", "--total", "50000",
               "--start", "2020-01", "--end", "2021-12", "--stage", "preparation", "--bank", "20000"]
    accepted(db, "project add", cmd("project", "add", "P1", *project, ok=True), LOGIN, "project.add")
    refused(db, "project add of a code in the library", cmd("project", "add", "P1", *project, ok=False))
    refused(db, "project add in an unregistered cluster",
            cmd("project", "add", "P2", *project, "--cluster", "NOPE", ok=False))
    refused(db, "project edit to completed without the investment",
            cmd("project", "edit", "P1", "--stage", "completed", ok=False))
    refused(db, "project edit of investment beyond the total",
            cmd("project", "edit", "P1", "--completed", "60000", "--period", "2020-06", ok=False))
    refused(db, "project edit with a good field and a bad one",
            cmd("project", "edit", "P1", "--name", "新名字", "--kind", "factory", ok=False))
    accepted(db, "project edit: stage and investment completed",
             cmd("project", "edit", "P1", "--stage", "under_construction", "--completed", "20000", "--period",
                 "2020-06", ok=True), LOGIN, "project.edit")
    accepted(db, "project edit: a revision of the total", cmd("project", "edit", "P1", "--total", "80000", "--reason",
                                                              "phase two", ok=True), LOGIN, "project.edit")
    refused(db, "project import of a bad projects file",
            cmd("project", "import", "projects", os.path.join(DATA, "project", "bad_projects.csv"), ok=False))
    exported = run("project", "export", "projects", "--db", db).stdout
    accepted(db, "project import of projects", cmd("project", "import", "projects", write("projects.csv", exported),
                                                   ok=True), LOGIN, "import")
    refused(db, "project import of progress beyond the total", cmd("project", "import", "progress", write(
        "badprog.csv", "project,period,completed\nP1,2020-07,10000\nP1,2020-08,900000\n"), ok=False))
    refused(db, "project import of progress of no project", cmd("project", "import", "progress", write(
        "badprog2.csv", "project,period,completed\nNOPE,2020-07,10000\n"), ok=False))
    accepted(db, "project import of progress", cmd("project", "import", "progress", write(
        "prog.csv", "project,period,completed\nP1,2020-07,10000\n"), ok=True), LOGIN, "import")
    fund = ["--name", "测试基金", "--type", "vc_pe", "--capital", "500000", "--min-ticket", "1000",
            "--max-ticket", "50000", "--max-share", "0.5"]
    accepted(db, "fund add", cmd("fund", "add", "F1", *fund, ok=True), LOGIN, "fund.add")
    refused(db, "fund add of a code registered", cmd("fund", "add", "F1", *fund, ok=False))
    refused(db, "fund edit with a share above 1", cmd("fund", "edit", "F1", "--max-share", "2", ok=False))
    refused(db, "fund edit of no fund", cmd("fund", "edit", "NOPE", "--capital", "1", ok=False))
    accepted(db, "fund edit", cmd("fund", "edit", "F1", "--capital", "600000", ok=True), LOGIN, "fund.edit")
    refused(db, "fund import of a bad file", cmd("fund", "import", os.path.join(DATA, "project", "bad_funds.csv"),
                                                 ok=False))
    accepted(db, "fund import", cmd("fund", "import", write("funds.csv", run("fund", "export", "--db", db).stdout),
                                    ok=True), LOGIN, "import")

    # Accounts.
    accepted(db, "user add", cmd("user", "add", "ana", "--role", "analyst", stdin="password-ana\n", ok=True),
             LOGIN, "user.add")
    accepted(db, "user add of an agency", cmd("user", "add", "agn", "--role", "agency", "--scope", "X1",
                                              stdin="password-agn\n", ok=True), LOGIN, "user.add")
    refused(db, "user add of a name taken", cmd("user", "add", "ana", "--role", "analyst",
                                                stdin="password-ana\n", ok=False))
    refused(db, "user add with a short password", cmd("user", "add", "bob", "--role", "analyst",
                                                      stdin="short\n", ok=False))
    refused(db, "user passwd with a short password", cmd("user", "passwd", "ana", stdin="short\n", ok=False))
    accepted(db, "user passwd", cmd("user", "passwd", "ana", stdin="password-ana-2\n", ok=True), LOGIN, "user.edit")
    accepted(db, "user disable", cmd("user", "disable", "ana", ok=True), LOGIN, "user.edit")
    accepted(db, "user enable", cmd("user", "enable", "ana", ok=True), LOGIN, "user.edit")
    refused(db, "user disable of no account", cmd("user", "disable", "nobody", ok=False))

    # Acting as an account: its role and scope apply, the audit names it.
    refused(db, "cluster add as an agency", cmd("cluster", "add", "X9", "--name-zh", "x", "--name-en", "x",
                                                "--regions", "310115", "--categories", "1.2", "--as", "agn", ok=False))
    refused(db, "cluster edit as an agency of a cluster not its own",
            cmd("cluster", "edit", "X3", "--agency", "x", "--as", "agn", ok=False))
    accepted(db, "cluster edit as an agency of its own cluster",
             cmd("cluster", "edit", "X1", "--agency", "Pudong", "--as", "agn", ok=True), "agn", "cluster.edit")
    accepted(db, "fund edit as an analyst", cmd("fund", "edit", "F1", "--capital", "700000", "--as", "ana", ok=True),
             "ana", "fund.edit")
    refused(db, "a change as an account that does not exist",
            cmd("fund", "edit", "F1", "--capital", "1", "--as", "nobody", ok=False))

    # --as goes only with changes: a read never runs with an account's
    # rights, so it is refused rather than given the operator's.
    accepted(db, "user add of an enterprise", cmd("user", "add", "ent", "--role", "enterprise", "--scope", firm,
                                                  stdin="password-ent\n", ok=True), LOGIN, "user.add")
    r = run("audit", "--db", db, "--as", "ent")
    check(r.returncode == 2 and r.stdout == "" and "user.add" not in r.stderr and
          "--as applies to changes; `echelon audit` reads as the operator" in r.stderr,
          "audit --as an enterprise account: exit 2, nothing of the log", (r.returncode, r.stdout[:200], r.stderr))
    for read in (("cluster", "list"), ("fund", "show", "F1"), ("status",), ("user", "list")):
        r = run(*read, "--db", db, "--as", "ana")
        check(r.returncode == 2 and r.stdout == "" and "`echelon %s`" % " ".join(read[:2]) in r.stderr,
              "%s --as: exit 2, names the command, prints nothing" % " ".join(read), (r.returncode, r.stderr))

    # Data files.
    for kind in ("enterprises", "deflators", "reports"):
        refused(db, "import of a bad %s file" % kind, cmd("import", kind, write("bad_%s.csv" % kind,
                open(os.path.join(EX, kind + ".csv")).read() + "bad,row\n"), ok=False))
        refused(db, "a dry run of %s" % kind, cmd("import", kind, os.path.join(EX, kind + ".csv"), "--dry-run", ok=True))
        # the reports make their months measurable: the last one's bulletin is published, audited on its own
        accepted(db, "import of %s" % kind, cmd("import", kind, os.path.join(EX, kind + ".csv"), ok=True),
                 LOGIN, "import", ("report.publish",) if kind == "reports" else ())

    # The allocation changes no data, and is audited.
    accepted(db, "allocate", cmd("allocate", "--lp", ok=True), LOGIN, "allocation")
    refused(db, "allocate with a bad quotas file",
            cmd("allocate", "--lp", "--quotas", os.path.join(DATA, "project", "bad_quotas.csv"), ok=False))

    # Catalogues, on a copy (a load reclassifies every enterprise).
    copy = store.copy(db, os.path.join(WORK, "catalog.db"))
    before = dump(copy)
    r = run("catalog", "load", "sei", os.path.join(DATA, "catalog", "sei_official_bad.csv"), "--db", copy)
    check(r.returncode == 3 and dump(copy) == before, "refused, and the database is byte-identical: catalog load of a bad file", r.stderr)
    n0 = len(audit(copy))
    r = run("catalog", "load", "sei", os.path.join(DATA, "catalog", "sei_official.csv"), "--db", copy)
    new = audit(copy)[n0:]
    check(r.returncode == 0 and len(new) == 1 and new[0][1] == LOGIN and new[0][2] == "catalog.load",
          "accepted with one audit line by %s (catalog.load): catalog load" % LOGIN, (new, r.stderr))

    # The demo: one transaction, one line; refused on a database with data.
    demo = store.uri(os.path.join(WORK, "demo.db"))
    r = run("demo", "generate", "--db", demo, "--enterprises", "300")
    lines = audit(demo) if r.returncode == 0 else []
    check(r.returncode == 0 and [x[2] for x in lines] == ["demo.generate"] and lines[0][1] == LOGIN,
          "demo generate: one audit line by " + LOGIN, (lines, r.stderr))
    refused(demo, "demo generate on a database with data",
            lambda: run("demo", "generate", "--db", demo, "--enterprises", "300").returncode)


class Client:
    def __init__(self, port):
        self.port, self.cookies, self.csrf = port, {}, None

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name] = rest.split(";")[0]
        conn.close()
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        if resp.status == 202 and isinstance(parsed, dict) and "job" in parsed:
            return self.wait_job(parsed["job"]["id"])
        return resp.status, parsed

    def wait_job(self, job_id):
        """A job followed to its end: the status and answer of its route."""
        end = time.time() + 180
        while True:
            status, job = self.request("GET", "/api/v1/jobs/" + job_id)
            assert status == 200, (status, job)
            if job["state"] in ("done", "failed", "cancelled"):
                return job["http_status"], job.get("result") if job["state"] == "done" else {"error": job.get("error")}
            assert time.time() < end, "job %s still %s" % (job_id, job["state"])
            time.sleep(0.05)

    def login(self, user, password):
        status, body = self.request("POST", "/api/v1/session", {"username": user, "password": password})
        if status == 200:
            self.csrf = body["csrf_token"]
        return status


def api_cases(db, port, firm, other):
    ana, agn, root = Client(port), Client(port), Client(port)
    check(ana.login("ana", "password-ana-2") == 200 and agn.login("agn", "password-agn") == 200 and
          root.login("root", "password-root") == 200, "the analyst, the agency and the admin sign in")

    def req(client, method, path, body=None, want=None, headers=None):
        def act():
            status, answer = client.request(method, path, body, headers)
            if want is not None and status != want:
                check(False, "%s %s answers %d" % (method, path, want), (status, answer))
            return status, answer
        return act

    accepted(db, "POST /clusters", req(ana, "POST", "/api/v1/clusters", {
        "code": "A1", "name_zh": "接口集群", "name_en": "API cluster", "regions": "310115", "categories": "1.2"}, 201),
        "ana", "cluster.add")
    refused(db, "POST /clusters in an unknown region", req(ana, "POST", "/api/v1/clusters", {
        "code": "A2", "name_zh": "x", "name_en": "x", "regions": "999999", "categories": "1.2"}, 400))
    status, answer = refused(db, "PATCH /clusters with a good field and a bad include", req(
        ana, "PATCH", "/api/v1/clusters/A1", {"founded": 2005, "include": firm + ";BADBADBAD"}, 400))
    check(answer and answer["error"].get("problem") == "uscc.invalid" and answer["error"]["field"] == "include" and
          answer["error"]["params"] == {"value": "BADBADBAD"}, "the API answers the problem's code and parameters",
          answer)
    refused(db, "PATCH /clusters of another agency's cluster", req(agn, "PATCH", "/api/v1/clusters/A1",
                                                                   {"agency": "x"}, 403))
    accepted(db, "PATCH /clusters of the agency's own", req(agn, "PATCH", "/api/v1/clusters/X1",
                                                            {"agency": "Zhangjiang"}, 200), "agn", "cluster.edit")
    proj = {"code": "PA", "name": "接口项目", "owner": firm, "category": "1.2", "region": "310115",
            "kind": "industrial", "total_investment": 100000, "start": "2020-01", "end": "2021-12",
            "stage": "preparation", "funding": {"bank_loans": 40000}}
    accepted(db, "POST /projects", req(ana, "POST", "/api/v1/projects", proj, 201), "ana", "project.add")
    refused(db, "POST /projects of a code in the library", req(ana, "POST", "/api/v1/projects", proj, 400))
    refused(db, "PATCH /projects to completed", req(ana, "PATCH", "/api/v1/projects/PA", {"stage": "completed"}, 400))
    refused(db, "PATCH /projects with a good field and a bad total",
            req(ana, "PATCH", "/api/v1/projects/PA", {"name": "新", "total_investment": -5}, 400))
    accepted(db, "PATCH /projects", req(ana, "PATCH", "/api/v1/projects/PA", {"stage": "under_construction"}, 200),
             "ana", "project.edit")
    refused(db, "POST /projects/{code}/progress beyond the total",
            req(ana, "POST", "/api/v1/projects/PA/progress", {"period": "2020-03", "completed": 500000}, 400))
    accepted(db, "POST /projects/{code}/progress", req(ana, "POST", "/api/v1/projects/PA/progress",
                                                       {"period": "2020-03", "completed": 20000}, 200),
             "ana", "project.progress")
    fund = {"code": "FA", "name": "接口基金", "type": "bank", "capital": 500000, "min_ticket": 1000,
            "max_ticket": 50000, "max_share": 0.5}
    accepted(db, "POST /funds", req(ana, "POST", "/api/v1/funds", fund, 201), "ana", "fund.add")
    refused(db, "POST /funds with an unknown type", req(ana, "POST", "/api/v1/funds", dict(fund, code="FB",
                                                                                          type="hedge"), 400))
    refused(db, "PATCH /funds with min above max", req(ana, "PATCH", "/api/v1/funds/FA", {"min_ticket": 90000}, 400))
    accepted(db, "PATCH /funds", req(ana, "PATCH", "/api/v1/funds/FA", {"capital": 400000}, 200), "ana", "fund.edit")
    accepted(db, "POST /users", req(root, "POST", "/api/v1/users", {"name": "newbie", "password": "long-enough-1",
                                                                    "role": "analyst"}, 201), "root", "user.add")
    refused(db, "POST /users of a name taken", req(root, "POST", "/api/v1/users", {
        "name": "newbie", "password": "long-enough-1", "role": "analyst"}, 400))
    refused(db, "PATCH /users demoting oneself", req(root, "PATCH", "/api/v1/users/root", {"role": "analyst"}, 400))
    accepted(db, "PATCH /users", req(root, "PATCH", "/api/v1/users/newbie", {"disabled": True}, 200), "root",
             "user.edit")
    bad = b"division,period,ppi_yoy\n39,2020-01,99\n39,2020-13,99\n"
    good = b"division,period,ppi_yoy\n39,2020-01,99\n"
    refused(db, "POST /import/deflators of a bad file", req(ana, "POST", "/api/v1/import/deflators", bad, 422,
                                                             {"Content-Type": "text/csv"}))
    refused(db, "POST /import/deflators?dry_run=1", req(ana, "POST", "/api/v1/import/deflators?dry_run=1", good, 200,
                                                         {"Content-Type": "text/csv"}))
    accepted(db, "POST /import/deflators", req(ana, "POST", "/api/v1/import/deflators", good, 200,
                                               {"Content-Type": "text/csv"}), "ana", "import")
    accepted(db, "POST /allocation", req(ana, "POST", "/api/v1/allocation", {"lp": True}, 200), "ana", "allocation")
    refused(db, "POST /allocation with a bad quota", req(ana, "POST", "/api/v1/allocation", {
        "lp": True, "quotas": [{"region": "990000", "land_mu": 1}]}, 400))
    refused(db, "POST /allocation by an agency", req(agn, "POST", "/api/v1/allocation", {"lp": True}, 403))


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = store.uri(os.path.join(WORK, "c.db"))
    lines = open(os.path.join(EX, "enterprises.csv")).read().splitlines()
    firm, other = lines[1].split(",")[0], lines[2].split(",")[0]
    r = run("init", "--db", db)
    check(r.returncode == 0 and [x[2] for x in audit(db)] == ["catalog.install"], "init: one audit line", r.stderr)
    n = len(audit(db))
    r = run("init", "--db", db)
    check(r.returncode == 0 and len(audit(db)) == n, "init of an initialised database writes nothing", r.stderr)
    cli_cases(db, firm, other)
    r = run("user", "add", "root", "--role", "admin", "--db", db, stdin="password-root\n")
    check(r.returncode == 0, "an admin account", r.stderr)
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--access-log", "-",
                             "--threads", "2"], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    try:
        port = int(line.split(":")[2].split(" ")[0])
        api_cases(db, port, firm, other)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    finish()


main()
