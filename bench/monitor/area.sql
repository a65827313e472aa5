-- bench/monitor/area.sql — one monitoring table, as `echelon monitor
-- --period {year}-{month} --by area` prints it (national, cumulative from
-- January), written as SQL for DuckDB on the tables of e2e.sh's native
-- database file: ent(id, division, direction, area, prefecture, province),
-- report(enterprise_id, period, value_added, revenue, rd_expense,
-- employees), deflator(division, period, ppi_yoy). period = year*12 +
-- month-1. The method is docs/methods.md "Monitoring", as in cube.sql.
WITH sample AS (
  SELECT enterprise_id AS id FROM report
  WHERE period BETWEEN ({year} - 1) * 12 AND ({year} - 1) * 12 + 11
  GROUP BY enterprise_id HAVING sum(revenue) >= 20000
),
cells AS (
  SELECT e.direction, e.area,
         sum(CASE WHEN r.period >= {year} * 12 THEN r.value_added ELSE 0 END) AS va,
         sum(CASE WHEN r.period >= {year} * 12 THEN r.value_added / (d.ppi_yoy / 100.0) ELSE 0 END) AS va_real,
         sum(CASE WHEN r.period < {year} * 12 THEN r.value_added ELSE 0 END) AS va_base
  FROM sample s
  JOIN ent e ON e.id = s.id
  JOIN report r ON r.enterprise_id = s.id
   AND (r.period BETWEEN {year} * 12 AND {year} * 12 + {month} - 1
        OR r.period BETWEEN ({year} - 1) * 12 AND ({year} - 1) * 12 + {month} - 1)
  LEFT JOIN deflator d ON d.division = e.division AND d.period = r.period
  GROUP BY e.direction, e.area
),
counts AS (
  SELECT e.direction, e.area, count(*) AS n FROM sample s JOIN ent e ON e.id = s.id GROUP BY e.direction, e.area
),
groups AS (
  SELECT 'all' AS kind, 'all' AS code, sum(va) AS va, sum(va_base) AS base, sum(va_real) AS real FROM cells
  UNION ALL
  SELECT 'sei', 'sei', sum(va), sum(va_base), sum(va_real) FROM cells WHERE direction IS NOT NULL
  UNION ALL
  SELECT 'area', area, sum(va), sum(va_base), sum(va_real) FROM cells WHERE direction IS NOT NULL GROUP BY area
),
group_counts AS (
  SELECT 'all' AS kind, 'all' AS code, sum(n) AS n FROM counts
  UNION ALL
  SELECT 'sei', 'sei', sum(n) FROM counts WHERE direction IS NOT NULL
  UNION ALL
  SELECT 'area', area, sum(n) FROM counts WHERE direction IS NOT NULL GROUP BY area
)
SELECT g.kind, g.code, c.n, g.va, g.base, g.real,
       CASE WHEN g.base <> 0 THEN (g.real - g.base) / g.base * 100 END AS growth_pct
FROM groups g JOIN group_counts c ON c.kind = g.kind AND c.code = g.code
ORDER BY CASE g.kind WHEN 'all' THEN 0 WHEN 'sei' THEN 1 ELSE 2 END, g.code
