-- bench/monitor/cube.sql — the monitoring cube written as SQL, run by
-- duckdb_cube.mjs (DuckDB) and sqlite_cube.py (SQLite) on tables
--   ent(id, division, direction, area, prefecture, province)  -- NULL direction: not SEI
--   report(enterprise_id, period, value_added, revenue, ...)    -- period = year*12 + month-1
--   deflator(division, period, ppi_yoy)
-- {idiv} is the engine's integer division ("//" in DuckDB, "/" in SQLite).
-- The method is docs/methods.md "Monitoring": the sample of year y is the
-- enterprises whose revenue of y-1 reaches 20 000 thousand yuan; real value
-- added deflates by the division's PPI; base is the same months of y-1;
-- growth = (real - base) / base * 100, cumulative from January or the month
-- alone. Statements are separated by a semicolon at the end of a line; the
-- last one returns the rows.

-- The sample: every (enterprise, year) whose previous year's revenue is
-- above designated size, for the years that have data.
CREATE TEMP TABLE sample AS
SELECT enterprise_id AS id, period {idiv} 12 + 1 AS year
FROM report
WHERE period {idiv} 12 < (SELECT max(period) {idiv} 12 FROM report)
GROUP BY enterprise_id, period {idiv} 12
HAVING sum(revenue) >= 20000;

-- Sums of the sample's reports by year, month and finest group cell
-- (prefecture x direction); `missing` counts months whose deflator is absent
-- where value added is not zero (an error in the method).
CREATE TEMP TABLE cells AS
SELECT s.year, r.period % 12 AS month, e.direction, e.area, e.prefecture, e.province,
       sum(CASE WHEN r.period {idiv} 12 = s.year THEN r.value_added ELSE 0 END) AS va,
       sum(CASE WHEN r.period {idiv} 12 = s.year THEN r.value_added / (d.ppi_yoy / 100.0) ELSE 0 END) AS va_real,
       sum(CASE WHEN r.period {idiv} 12 = s.year THEN 0 ELSE r.value_added END) AS va_base,
       sum(CASE WHEN r.period {idiv} 12 = s.year AND r.value_added <> 0 AND d.ppi_yoy IS NULL THEN 1 ELSE 0 END) AS missing
FROM sample s
JOIN report r ON r.enterprise_id = s.id AND r.period BETWEEN (s.year - 1) * 12 AND s.year * 12 + 11
JOIN ent e ON e.id = s.id
LEFT JOIN deflator d ON d.division = e.division AND d.period = r.period
GROUP BY s.year, r.period % 12, e.direction, e.area, e.prefecture, e.province;

-- Enterprises in the sample by year and cell.
CREATE TEMP TABLE counts AS
SELECT s.year, e.direction, e.area, e.prefecture, e.province, count(*) AS n
FROM sample s JOIN ent e ON e.id = s.id
GROUP BY s.year, e.direction, e.area, e.prefecture, e.province;

-- Every group of every kind, then its figures for each month of the year
-- and cumulated from January.
WITH group_count AS (
  SELECT year, 'all' AS kind, 'all' AS code, '' AS region, sum(n) AS n FROM counts GROUP BY year
  UNION ALL
  SELECT year, 'sei', 'sei', '', sum(n) FROM counts WHERE direction IS NOT NULL GROUP BY year
  UNION ALL
  SELECT year, 'area', area, '', sum(n) FROM counts WHERE direction IS NOT NULL GROUP BY year, area
  UNION ALL
  SELECT year, 'direction', direction, '', sum(n) FROM counts WHERE direction IS NOT NULL GROUP BY year, direction
  UNION ALL
  SELECT year, 'province', province, province, sum(n) FROM counts WHERE direction IS NOT NULL GROUP BY year, province
  UNION ALL
  SELECT year, 'prefecture', prefecture, prefecture, sum(n) FROM counts WHERE direction IS NOT NULL GROUP BY year, prefecture
  UNION ALL
  SELECT year, 'area_province', area, province, sum(n) FROM counts WHERE direction IS NOT NULL GROUP BY year, area, province
),
group_month AS (
  SELECT year, month, 'all' AS kind, 'all' AS code, '' AS region,
         sum(va) AS va, sum(va_real) AS va_real, sum(va_base) AS va_base, sum(missing) AS missing
  FROM cells GROUP BY year, month
  UNION ALL
  SELECT year, month, 'sei', 'sei', '', sum(va), sum(va_real), sum(va_base), sum(missing)
  FROM cells WHERE direction IS NOT NULL GROUP BY year, month
  UNION ALL
  SELECT year, month, 'area', area, '', sum(va), sum(va_real), sum(va_base), sum(missing)
  FROM cells WHERE direction IS NOT NULL GROUP BY year, month, area
  UNION ALL
  SELECT year, month, 'direction', direction, '', sum(va), sum(va_real), sum(va_base), sum(missing)
  FROM cells WHERE direction IS NOT NULL GROUP BY year, month, direction
  UNION ALL
  SELECT year, month, 'province', province, province, sum(va), sum(va_real), sum(va_base), sum(missing)
  FROM cells WHERE direction IS NOT NULL GROUP BY year, month, province
  UNION ALL
  SELECT year, month, 'prefecture', prefecture, prefecture, sum(va), sum(va_real), sum(va_base), sum(missing)
  FROM cells WHERE direction IS NOT NULL GROUP BY year, month, prefecture
  UNION ALL
  SELECT year, month, 'area_province', area, province, sum(va), sum(va_real), sum(va_base), sum(missing)
  FROM cells WHERE direction IS NOT NULL GROUP BY year, month, area, province
),
months AS (SELECT DISTINCT year, month FROM cells),
figures AS (
  SELECT c.year * 12 + mo.month AS period, c.kind, c.code, c.region, c.n,
         coalesce(g.va, 0) AS va_m, coalesce(g.va_base, 0) AS base_m, coalesce(g.va_real, 0) AS real_m,
         sum(coalesce(g.va, 0)) OVER w AS va_c,
         sum(coalesce(g.va_base, 0)) OVER w AS base_c,
         sum(coalesce(g.va_real, 0)) OVER w AS real_c,
         sum(coalesce(g.missing, 0)) OVER w AS missing_c,
         coalesce(g.missing, 0) AS missing_m
  FROM group_count c
  JOIN months mo ON mo.year = c.year
  LEFT JOIN group_month g
    ON g.year = c.year AND g.month = mo.month AND g.kind = c.kind AND g.code = c.code AND g.region = c.region
  WINDOW w AS (PARTITION BY c.year, c.kind, c.code, c.region ORDER BY mo.month
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT period, 'cumulative' AS basis, kind, code, region, n, va_c AS va, base_c AS va_base, real_c AS va_real,
       CASE WHEN base_c <> 0 THEN (real_c - base_c) / base_c * 100 END AS growth_pct, missing_c AS missing
FROM figures
UNION ALL
SELECT period, 'month', kind, code, region, n, va_m, base_m, real_m,
       CASE WHEN base_m <> 0 THEN (real_m - base_m) / base_m * 100 END, missing_m
FROM figures;
