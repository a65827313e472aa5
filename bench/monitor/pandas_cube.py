#!/usr/bin/python3
"""bench/monitor/pandas_cube.py — pandas' side of the monitoring cube
benchmark:

    pandas_cube.py CSV_DIR ROWS.csv

"load" reads ent.csv, report.csv and deflator.csv (exported by run.sh) into
data frames; "compute" does what cube.sql does — the sample per year, sums
of the sample's reports by year, month and cell (prefecture x direction),
every group of every kind, the months and the cumulation from January,
growth — and builds the rows. Prints "key value" lines: load_s, compute_s,
peak_rss_kib, rows, pandas_version.
"""
import resource
import sys
import time

import numpy as np
import pandas as pd

from rows_csv import write_rows

ABOVE_SIZE = 20000.0
CELL = ['direction', 'area', 'prefecture', 'province']
# kind -> (code column, region column or None); SEI only except all
KINDS = [
    ('area', 'area', None),
    ('direction', 'direction', None),
    ('province', 'province', 'province'),
    ('prefecture', 'prefecture', 'prefecture'),
    ('area_province', 'area', 'province'),
]


def load(directory):
    text = {'direction': str, 'area': str, 'prefecture': str, 'province': str}
    ent = pd.read_csv(f'{directory}/ent.csv', dtype={'id': np.int64, 'division': np.int16, **text})
    report = pd.read_csv(f'{directory}/report.csv',
                         dtype={'enterprise_id': np.int64, 'period': np.int32, 'value_added': np.float64,
                                'revenue': np.float64, 'rd_expense': np.float64, 'employees': np.int32})
    deflator = pd.read_csv(f'{directory}/deflator.csv',
                           dtype={'division': np.int16, 'period': np.int32, 'ppi_yoy': np.float64})
    return ent, report, deflator


def groups(frame, keys, values):
    """Every group of every kind: a frame with kind, code, region + keys + sums of values."""
    out = []
    total = frame.groupby(keys, sort=False)[values].sum().reset_index()
    total['kind'], total['code'], total['region'] = 'all', 'all', ''
    out.append(total)
    sei = frame[frame['direction'].notna()]
    part = sei.groupby(keys, sort=False)[values].sum().reset_index()
    part['kind'], part['code'], part['region'] = 'sei', 'sei', ''
    out.append(part)
    for kind, code, region in KINDS:
        by = keys + [code] + ([region] if region and region != code else [])
        part = sei.groupby(by, sort=False)[values].sum().reset_index()
        part['kind'] = kind
        part['code'] = part[code]
        part['region'] = part[region] if region else ''
        out.append(part[keys + values + ['kind', 'code', 'region']])
    return pd.concat([o[keys + values + ['kind', 'code', 'region']] for o in out], ignore_index=True)


def compute(ent, report, deflator):
    report_year = report['period'] // 12
    last_year = report_year.max()
    revenue = report.groupby([report['enterprise_id'], report_year.rename('year')])['revenue'].sum()
    sample = revenue[revenue >= ABOVE_SIZE].reset_index()[['enterprise_id', 'year']]
    sample = sample[sample['year'] < last_year]
    sample['year'] += 1  # above size in y-1: in the sample of y

    facts = report[['enterprise_id', 'period', 'value_added']].merge(sample, on='enterprise_id')
    facts_year = facts['period'] // 12
    facts = facts[(facts_year == facts['year']) | (facts_year == facts['year'] - 1)]
    facts = facts.merge(ent, left_on='enterprise_id', right_on='id')
    facts = facts.merge(deflator, on=['division', 'period'], how='left')
    current = (facts['period'] // 12 == facts['year']).to_numpy()
    va = facts['value_added'].to_numpy()
    cells = pd.DataFrame({
        'year': facts['year'].to_numpy(),
        'month': (facts['period'] % 12).to_numpy(),
        'va': np.where(current, va, 0.0),
        'va_real': np.where(current, va / (facts['ppi_yoy'].to_numpy() / 100.0), 0.0),
        'va_base': np.where(current, 0.0, va),
        'missing': (current & (va != 0) & facts['ppi_yoy'].isna().to_numpy()).astype(np.int64),
    })
    for c in CELL:
        cells[c] = facts[c].to_numpy()
    cells = cells.groupby(['year', 'month'] + CELL, dropna=False, sort=False)[
        ['va', 'va_real', 'va_base', 'missing']].sum(min_count=0).reset_index()
    # a missing deflator makes va_real NaN for that row; pandas' sum skips it
    # and `missing` counts it

    members = sample.merge(ent, left_on='enterprise_id', right_on='id')
    members['n'] = 1
    counts = groups(members, ['year'], ['n'])
    sums = groups(cells, ['year', 'month'], ['va', 'va_real', 'va_base', 'missing'])

    months = cells[['year', 'month']].drop_duplicates()
    figures = counts.merge(months, on='year').merge(sums, on=['year', 'month', 'kind', 'code', 'region'],
                                                    how='left')
    for c in ('va', 'va_real', 'va_base', 'missing'):
        figures[c] = figures[c].fillna(0)
    figures = figures.sort_values(['year', 'kind', 'code', 'region', 'month'], kind='stable')
    cum = figures.groupby(['year', 'kind', 'code', 'region'], sort=False)[
        ['va', 'va_real', 'va_base', 'missing']].cumsum()
    period = (figures['year'] * 12 + figures['month']).to_numpy()

    def rows(basis, va_, real, base, missing):
        with np.errstate(divide='ignore', invalid='ignore'):
            growth = np.where(base != 0, (real - base) / base * 100, np.nan)
        return list(zip(period, [basis] * len(period), figures['kind'], figures['code'], figures['region'],
                        figures['n'], va_, base, real, growth, missing))

    return (rows('cumulative', cum['va'].to_numpy(), cum['va_real'].to_numpy(), cum['va_base'].to_numpy(),
                 cum['missing'].to_numpy())
            + rows('month', figures['va'].to_numpy(), figures['va_real'].to_numpy(),
                   figures['va_base'].to_numpy(), figures['missing'].to_numpy()))


def main():
    if len(sys.argv) != 3:
        raise SystemExit('usage: pandas_cube.py CSV_DIR ROWS.csv')
    t0 = time.perf_counter()
    ent, report, deflator = load(sys.argv[1])
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = compute(ent, report, deflator)
    compute_s = time.perf_counter() - t0
    missing = write_rows(sys.argv[2], rows)
    if missing:
        print(f'pandas: {missing} month-groups lack a deflator', file=sys.stderr)
    print(f'load_s {load_s:.6f}')
    print(f'compute_s {compute_s:.6f}')
    print(f'peak_rss_kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')
    print(f'rows {len(rows)}')
    print(f'pandas_version {pd.__version__}')


if __name__ == '__main__':
    main()
