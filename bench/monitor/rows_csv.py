"""bench/monitor/rows_csv.py — writes the cube's rows (period as
year*12+month-1, basis, kind, code, region, enterprises, value added,
base, real, growth, missing deflators) in bench_monitor's CSV layout.
Returns the number of month-groups lacking a deflator."""


def _number(v):
    if v is None or v != v:  # NULL or NaN: undefined
        return ''
    return repr(float(v))


def write_rows(path, rows):
    missing = 0
    with open(path, 'w') as f:
        f.write('period,basis,group_kind,group_code,region,enterprises,value_added,value_added_base,'
                'value_added_real,growth_pct\n')
        for period, basis, kind, code, region, n, va, base, real, growth, miss in rows:
            period = int(period)
            missing += int(miss or 0)
            f.write(f'{period // 12}-{period % 12 + 1:02d},{basis},{kind},{code},{region},{int(n)},'
                    f'{_number(va)},{_number(base)},{_number(real)},{_number(growth)}\n')
    return missing
