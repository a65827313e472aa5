#!/usr/bin/python3
"""bench/monitor/sqlite_cube.py — SQLite's side of the monitoring cube
benchmark, on the database file itself (opened read-only):

    sqlite_cube.py DB ENT.sql CUBE.sql ROWS.csv

"load" fills a temporary table ent (each enterprise's groups, ENT.sql, with
an integer primary key); "compute" runs CUBE.sql against the stored report
and deflator tables and fetches the rows. Temporary tables are kept in
memory with a 1 GiB page cache. Prints "key value" lines: load_s, compute_s,
peak_rss_kib, rows, sqlite_version.
"""
import re
import resource
import sqlite3
import sys
import time

from rows_csv import write_rows


def statements(path):
    text = open(path).read().replace('{idiv}', '/')
    parts = re.split(r';\s*\n', text)
    parts = [re.sub(r'^\s*--.*$', '', p, flags=re.M).strip() for p in parts]
    return [p for p in parts if p]


def main():
    if len(sys.argv) != 5:
        raise SystemExit('usage: sqlite_cube.py DB ENT.sql CUBE.sql ROWS.csv')
    db, ent_sql, cube_sql, out = sys.argv[1:]
    conn = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
    conn.execute('PRAGMA temp_store = MEMORY')
    conn.execute('PRAGMA cache_size = -1048576')

    t0 = time.perf_counter()
    conn.execute('CREATE TEMP TABLE ent(id INTEGER PRIMARY KEY, division TEXT, direction TEXT, area TEXT, '
                 'prefecture TEXT, province TEXT)')
    conn.execute('INSERT INTO ent ' + statements(ent_sql)[0])
    conn.commit()
    load_s = time.perf_counter() - t0

    cube = statements(cube_sql)
    t0 = time.perf_counter()
    for sql in cube[:-1]:
        conn.execute(sql)
    rows = conn.execute(cube[-1]).fetchall()
    compute_s = time.perf_counter() - t0

    missing = write_rows(out, rows)
    if missing:
        print(f'sqlite: {missing} month-groups lack a deflator', file=sys.stderr)
    print(f'load_s {load_s:.6f}')
    print(f'compute_s {compute_s:.6f}')
    print(f'peak_rss_kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')
    print(f'rows {len(rows)}')
    print(f'sqlite_version {sqlite3.sqlite_version}')


if __name__ == '__main__':
    main()
