#!/usr/bin/python3
"""Integration test of a cluster by month (GET /clusters/{code}/series,
`echelon cluster series`): on the demo, a month's figures are the sums of
the members' reports (members as the registry's rule makes them, the sample
above designated size by the previous year's revenue), growth is real less
base over base, the command gives the API's rows, an agency sees no
figures of a month under the threshold, and a 400 names the parameter.
Run by tests/integration/cluster_series.sh with ECHELON, SRC and WORK."""
import json, os, shutil, signal, subprocess, sys, urllib.parse
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from checks import check, finish  # noqa: E402
from client import Client  # noqa: E402
import db as store  # noqa: E402

ECHELON, SRC, WORK = os.environ["ECHELON"], os.environ["SRC"], os.path.join(os.environ["WORK"], "cluster_series")


def run(*args, stdin=None):
    return subprocess.run([ECHELON, *args], input=stdin, capture_output=True, text=True)


def period(text):
    y, m = text.split("-")
    return int(y) * 12 + int(m) - 1


def members(db, code):
    """The members by the registry's rule: enterprises of the cluster's
    regions (a prefix) whose primary category is one of its categories or
    below one, plus includes, minus excludes."""
    con = store.connect(db)
    regions, categories = con.execute("select regions, categories from cluster where code = ?", (code,)).fetchone()
    prefixes = []
    for r in regions.split(";"):
        prefixes.append(r[:2] if r.endswith("0000") else r[:4] if r.endswith("00") else r)
    cats = categories.split(";")
    ids = set()
    for eid, region, primary in con.execute("select id, region, sei_primary from enterprise"):
        if any(region.startswith(p) for p in prefixes) and any(primary == c or primary.startswith(c + ".") for c in cats):
            ids.add(eid)
    for uscc, action in con.execute("select uscc, action from cluster_member where cluster = ?", (code,)):
        (eid,) = con.execute("select id from enterprise where uscc = ?", (uscc,)).fetchone()
        (ids.add if action == "include" else ids.discard)(eid)
    return con, ids


def by_hand(db, code, month):
    """The cluster's value added of one month alone, its sample and the
    base, from the reports."""
    con, ids = members(db, code)
    p = period(month)
    year = p // 12
    va = base = 0.0
    n = 0
    for eid in ids:
        (before,) = con.execute("select coalesce(sum(revenue), 0) from report where enterprise_id = ? and period >= ? "
                                "and period < ?", (eid, (year - 1) * 12, year * 12)).fetchone()
        if before < 20000:
            continue
        n += 1
        for q, target in ((p, "va"), (p - 12, "base")):
            row = con.execute("select value_added from report where enterprise_id = ? and period = ?", (eid, q)).fetchone()
            if row:
                if target == "va":
                    va += row[0]
                else:
                    base += row[0]
    return n, va, base, len(ids)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = store.uri(os.path.join(WORK, "c.db"))
    r = run("demo", "generate", "--db", db, "--enterprises", "3000")
    assert r.returncode == 0, r.stderr
    for name, role, scope in (("ana", "analyst", ""), ("agn", "agency", "")):
        r = run("user", "add", name, "--role", role, "--scope", scope, "--db", db, stdin="password-" + name + "\n")
        check(r.returncode == 0, "user add %s" % name, r.stderr)
    proc = subprocess.Popen([ECHELON, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "2"],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    port = int(line.split(":")[2].split(" ")[0])
    try:
        tests(port, db)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finish()


def tests(port, db):
    ana, agn = Client(port), Client(port)
    check(ana.login("ana", "password-ana")[0] == 200, "the analyst signs in")
    check(agn.login("agn", "password-agn")[0] == 200, "the agency signs in")
    _, _, clusters, _ = ana.request("GET", "/api/v1/clusters")
    # The cluster with the most members in its sample, and one under the threshold.
    sized = []
    for c in clusters:
        status, _, body, _ = ana.request("GET", "/api/v1/clusters/%s/series?from=2021-06&to=2021-06&basis=month"
                                         % urllib.parse.quote(c["code"]))
        if status == 200 and body["rows"]:
            sized.append((body["rows"][0]["enterprises"], c["code"]))
    sized.sort()
    big, small = sized[-1][1], next((code for n, code in sized if 0 < n < 3), None)
    check(sized[-1][0] >= 3, "a demo cluster has members above designated size", sized[-1])

    status, _, body, _ = ana.request("GET", "/api/v1/clusters/%s/series?from=2021-06&to=2021-06&basis=month" % big)
    row = body["rows"][0]
    n, va, base, count = by_hand(db, big, "2021-06")
    check(status == 200 and body["members"] == count, "the members are the registry's rule", (body["members"], count))
    check(row["enterprises"] == n and abs(row["value_added"] - va) < 1e-6 * max(1, va) and
          abs(row["value_added_base"] - base) < 1e-6 * max(1, base),
          "June 2021: the cluster's value added and base are the sums of its members' above designated size",
          (row, n, va, base))
    check(abs(row["growth_pct"] - (row["value_added_real"] / row["value_added_base"] - 1) * 100) < 1e-9,
          "growth by hand: real over base")
    status, _, sei, _ = ana.request("GET", "/api/v1/monitor?period=2021-06&basis=month")
    sei_va = next(r["value_added"] for r in sei["rows"] if r["group_code"] == "sei")
    check(abs(row["sei_value_added"] - sei_va) < 1e-6 * sei_va and
          abs(row["sei_share_pct"] - row["value_added"] / sei_va * 100) < 1e-9,
          "the share is of /monitor's SEI value added of the month")

    status, _, year, _ = ana.request("GET", "/api/v1/clusters/%s/series?from=2021-01&to=2021-12" % big)
    check(status == 200 and len(year["rows"]) == 12 and year["from"] == "2021-01" and year["to"] == "2021-12",
          "January to each month: twelve rows", status)
    _, _, profile, _ = ana.request("GET", "/api/v1/clusters/%s" % big)
    g2021 = next(i["growth_pct"] for i in profile["indicators"] if i["year"] == 2021)
    check(abs(year["rows"][-1]["growth_pct"] - g2021) < 1e-9,
          "January to December is the profile's growth of the year", (year["rows"][-1]["growth_pct"], g2021))
    cli = json.loads(run("cluster", "series", big, "--from", "2021-01", "--to", "2021-12", "--db", db,
                         "--format", "json").stdout)
    check(cli == year["rows"], "echelon cluster series gives the API's rows")

    status, _, shown, _ = agn.request("GET", "/api/v1/clusters/%s/series?from=2021-06&to=2021-06&basis=month" % big)
    check(status == 200 and shown["rows"][0]["suppressed"] is False and shown["rows"][0]["value_added"] == row["value_added"],
          "an agency sees a month of enough members", status)
    if small:
        status, _, hidden, _ = agn.request("GET", "/api/v1/clusters/%s/series?from=2021-06&to=2021-06&basis=month" % small)
        h = hidden["rows"][0]
        check(status == 200 and h["suppressed"] and h["suppression"] == "threshold" and h["value_added"] is None and
              h["growth_pct"] is None and h["sei_share_pct"] is None,
              "an agency sees no figures of a month under the threshold", h)
        status, _, _, data = agn.request("GET", "/api/v1/clusters/%s/series?from=2021-06&to=2021-06&basis=month&format=csv"
                                         % small)
        check(status == 200 and "企业数不足" in data.decode("utf-8"), "and its download says why, not the figures")
        status, _, full, _ = ana.request("GET", "/api/v1/clusters/%s/series?from=2021-06&to=2021-06&basis=month" % small)
        check(full["rows"][0]["value_added"] is not None and "suppressed" not in full["rows"][0],
              "an analyst sees it")
    else:
        check(False, "the demo has a cluster under the threshold")
    for bad, field in (("from=2021-13", "from"), ("to=June", "to"), ("from=2021-06&to=2021-01", "from"),
                       ("basis=year", "basis"), ("format=pdf", "format")):
        status, _, body, _ = ana.request("GET", "/api/v1/clusters/%s/series?%s" % (big, bad))
        check(status == 400 and body["error"]["field"] == field, "?%s is 400 naming %s" % (bad, field), (status, body))
    status, _, body, _ = ana.request("GET", "/api/v1/clusters/NOPE/series")
    check(status == 404 and body["error"]["field"] == "code", "an unknown cluster is 404 naming code", status)
    status, _, body, _ = ana.request("GET", "/api/v1/clusters/%s/series?from=2030-01" % big)
    check(status == 404, "a range outside the measured months is 404", status)
    status, _, _, data = ana.request("GET", "/api/v1/clusters/%s/series?from=2021-01&to=2021-12&format=xlsx" % big)
    check(status == 200 and data[:4] == b"PK\x03\x04", "the series as a workbook", status)
    compare(ana, agn, db, [code for _, code in sized])


def compare(ana, agn, db, codes):
    """Several clusters in one request: each cluster's rows are its own
    answer's, for an analyst and under the disclosure control for an
    agency; the command gives the same rows; bad lists are refused."""
    picked = [codes[-1], codes[0], codes[len(codes) // 2]]
    if len(set(picked)) < 3:
        picked = codes[:3]
    query = "from=2021-01&to=2021-12&basis=month"
    for who, client in (("an analyst", ana), ("an agency", agn)):
        status, _, many, _ = client.request("GET", "/api/v1/clusters/series?codes=%s&%s" %
                                            (",".join(urllib.parse.quote(c) for c in picked), query))
        check(status == 200 and [c["code"] for c in many["clusters"]] == picked and
              many["from"] == "2021-01" and many["to"] == "2021-12",
              "%s compares %d clusters in one request" % (who, len(picked)), (status, many and many.get("clusters")))
        for c in picked:
            _, _, one, _ = client.request("GET", "/api/v1/clusters/%s/series?%s" % (urllib.parse.quote(c), query))
            mine = [r for r in many["rows"] if r["cluster"] == c]
            check(mine == one["rows"] and next(x["members"] for x in many["clusters"] if x["code"] == c) == one["members"],
                  "%s: %s in the comparison is its own answer, figure for figure" % (who, c), (len(mine), len(one["rows"])))
    hidden = [r for r in many["rows"] if r.get("suppressed")]
    check(all(r["value_added"] is None for r in hidden), "the agency's comparison hides what each answer hides")
    cli = run("cluster", "series", *picked, "--from", "2021-01", "--to", "2021-12", "--month", "--db", db,
              "--format", "json")
    _, _, full, _ = ana.request("GET", "/api/v1/clusters/series?codes=%s&%s" % (",".join(picked), query))
    check(cli.returncode == 0 and json.loads(cli.stdout) == full["rows"],
          "echelon cluster series A B C gives the API's rows", cli.stderr)
    status, _, _, data = ana.request("GET", "/api/v1/clusters/series?codes=%s&%s&format=csv&lang=zh" % (",".join(picked), query))
    text = data.decode("utf-8")
    check(status == 200 and all(text.count(c) >= 12 for c in picked), "the comparison as a download, every cluster's months")
    for bad, status_expected, problem in (("codes=", 400, "field.required"), ("codes=%s,%s" % (picked[0], picked[0]), 400, "codes.twice"),
                                          ("codes=%s,NOPE" % picked[0], 404, "cluster.not_found"),
                                          ("codes=" + ",".join("X%d" % i for i in range(7)), 400, "codes.too_many")):
        status, _, body, _ = ana.request("GET", "/api/v1/clusters/series?" + bad)
        check(status == status_expected and body["error"]["problem"] == problem and body["error"]["field"] == "codes",
              "?%s is %d %s" % (bad, status_expected, problem), (status, body))


if __name__ == "__main__":
    main()
