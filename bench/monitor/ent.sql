-- bench/monitor/ent.sql — each enterprise's groups, read from the database
-- the way the engine reads them (src/io/monitor_load.c): division = first
-- two digits of the class; direction = the first two dotted parts of the
-- primary category when that is a direction of the catalogue (else not SEI)
-- and its area; prefecture = the region's prefecture (a county counts in its
-- parent, an unknown county in code[0:4]+"00", a province-level code stands
-- for itself); province = code[0:2]+"0000".
SELECT id, division, direction, area, prefecture, substr(prefecture, 1, 2) || '0000' AS province
FROM (
  SELECT e.id,
         substr(e.industry, 1, 2) AS division,
         c.code AS direction,
         c.parent AS area,
         CASE WHEN r.level = 3 THEN r.parent
              WHEN r.level IS NOT NULL THEN r.code
              ELSE substr(e.region, 1, 4) || '00' END AS prefecture
  FROM enterprise e
  LEFT JOIN region r ON r.code = e.region
  LEFT JOIN sei_category c ON c.level = 2 AND c.code =
    CASE WHEN instr(substr(e.sei_primary, instr(e.sei_primary, '.') + 1), '.') = 0 THEN e.sei_primary
         ELSE substr(e.sei_primary, 1,
                     instr(e.sei_primary, '.') + instr(substr(e.sei_primary, instr(e.sei_primary, '.') + 1), '.') - 1)
    END
)
ORDER BY id
