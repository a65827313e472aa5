#!/usr/bin/python3
"""bench/monitor/compare.py — checks that the other tools' rows agree with
echelon's:

    compare.py ECHELON.csv TOOL=FILE.csv [TOOL=FILE.csv ...]

Rows are keyed by period, basis, group kind, group code and region. Agreement
means: the same keys; the same number of enterprises; growth both undefined
or within 1e-6 relative (1e-9 percentage points absolute near zero); value
added, base and real value added within 1e-9 relative. Prints one verdict
line per tool and exits 1 when any disagrees.
"""
import csv
import math
import sys


def read(path):
    rows = {}
    with open(path, newline='') as f:
        for r in csv.DictReader(f):
            key = (r['period'], r['basis'], r['group_kind'], r['group_code'], r['region'])
            if key in rows:
                raise SystemExit(f'{path}: row {key} twice')
            rows[key] = r
    return rows


def number(s):
    return math.nan if s == '' else float(s)


def close(a, b, rel, absolute=0.0):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= rel * max(abs(a), abs(b)) + absolute


def compare(ref, other):
    problems = []
    missing = sorted(set(ref) - set(other))
    extra = sorted(set(other) - set(ref))
    if missing:
        problems.append(f'{len(missing)} rows missing, first {missing[0]}')
    if extra:
        problems.append(f'{len(extra)} rows extra, first {extra[0]}')
    worst_growth = 0.0
    for key in sorted(set(ref) & set(other)):
        a, b = ref[key], other[key]
        if int(a['enterprises']) != int(b['enterprises']):
            problems.append(f'{key}: enterprises {a["enterprises"]} != {b["enterprises"]}')
        for col in ('value_added', 'value_added_base', 'value_added_real'):
            if not close(number(a[col]), number(b[col]), 1e-9, 1e-9):
                problems.append(f'{key}: {col} {a[col]} != {b[col]}')
        ga, gb = number(a['growth_pct']), number(b['growth_pct'])
        if not close(ga, gb, 1e-6, 1e-9):
            problems.append(f'{key}: growth_pct {a["growth_pct"]} != {b["growth_pct"]}')
        elif not math.isnan(ga) and ga != 0:
            worst_growth = max(worst_growth, abs(ga - gb) / abs(ga))
    return problems, worst_growth


def main():
    if len(sys.argv) < 3:
        raise SystemExit('usage: compare.py ECHELON.csv TOOL=FILE.csv ...')
    ref = read(sys.argv[1])
    ok = True
    for arg in sys.argv[2:]:
        tool, path = arg.split('=', 1)
        problems, worst = compare(ref, read(path))
        if problems:
            ok = False
            print(f'{tool}: DISAGREES with echelon ({len(problems)} problems)')
            for p in problems[:5]:
                print(f'  {p}')
        else:
            print(f'{tool}: agrees with echelon on all {len(ref)} rows '
                  f'(largest relative growth difference {worst:.1e})')
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
