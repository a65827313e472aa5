-- bench/allocate/match.sql — fund matching (docs/methods.md, "Fund
-- matching") as one DuckDB query over the tables projects, funds and
-- clusters that duckdb_match.mjs loads from bench_allocate's CSV files:
-- the hard rules 1-8, then the score with the default weights and the area
-- bonus for the priority areas {areas} (a list literal), then the rank of
-- every eligible pair in the fund's list (score descending, project code)
-- and in the project's list (score descending, fund code). Arithmetic is in
-- DOUBLE and in the C code's order, so the scores are the same bits.
-- Stages are enum ec_stage (3 completed, 4 cancelled); fund types enum
-- ec_fund_type (0 guidance fund); coinvest 1 = requires a guidance fund.
WITH pp AS (
	SELECT p.idx, p.code, p.category, p.region, p.stage, p.total,
	       p.f0, p.f1, p.f2, p.f3, p.f4, p.f5,
	       CASE WHEN p.total - (((((0.0::DOUBLE + p.f0) + p.f1) + p.f2) + p.f3) + p.f4 + p.f5) > 1e-6
	            THEN p.total - (((((0.0::DOUBLE + p.f0) + p.f1) + p.f2) + p.f3) + p.f4 + p.f5) ELSE 0.0 END AS gap,
	       p.total - p.cumulative AS remaining,                                 -- L, what is left to invest
	       -- priority: the cluster's tier (0.3 without one or unregistered), plus the area bonus, at most 1
	       least(1.0::DOUBLE,
	             CASE c.tier WHEN 0 THEN 1.0::DOUBLE WHEN 1 THEN 0.7::DOUBLE WHEN 2 THEN 0.5::DOUBLE ELSE 0.3::DOUBLE END
	             + CASE WHEN list_contains({areas}, split_part(p.category, '.', 1)) THEN 0.2::DOUBLE ELSE 0.0::DOUBLE END)
	         AS prio
	FROM projects p LEFT JOIN clusters c ON p.cluster <> '' AND c.code = p.cluster
	WHERE p.stage NOT IN (3, 4)                                             -- rule 1
),
ff AS (
	SELECT f.idx, f.code, f.type, f.capital, f.stages, f.min_ticket, f.max_ticket, f.max_share, f.coinvest,
	       CASE WHEN f.categories = '' THEN NULL ELSE string_split(f.categories, ';') END AS cats,
	       -- "310000" is the prefix "31", "320500" is "3205"
	       CASE WHEN f.regions = '' THEN NULL ELSE list_transform(string_split(f.regions, ';'), lambda t:
	            CASE WHEN length(t) = 6 AND t[3:] = '0000' THEN t[1:2]
	                 WHEN length(t) = 6 AND t[5:] = '00' THEN t[1:4] ELSE t END) END AS regs
	FROM funds f
),
pairs AS (
	SELECT pp.idx AS project, pp.code AS pcode, ff.idx AS fund, ff.code AS fcode, ff.type, ff.coinvest,
	       ff.min_ticket, ff.max_ticket, ff.capital, pp.prio,
	       CASE WHEN ff.cats IS NULL THEN 0.4::DOUBLE ELSE list_max(list_transform(ff.cats, lambda t:
	            CASE WHEN t = pp.category THEN 1.0::DOUBLE
	                 WHEN starts_with(pp.category, t || '.') THEN (CASE WHEN contains(t, '.') THEN 0.8::DOUBLE ELSE 0.6::DOUBLE END)
	                 ELSE 0.0::DOUBLE END)) END AS cf,
	       CASE WHEN ff.regs IS NULL THEN 0.4::DOUBLE ELSE list_max(list_transform(ff.regs, lambda t:
	            CASE WHEN length(t) > 0 AND starts_with(pp.region, t)
	                 THEN (CASE WHEN length(t) >= 4 THEN 1.0::DOUBLE ELSE 0.7::DOUBLE END) ELSE 0.0::DOUBLE END)) END AS rf,
	       CASE WHEN ff.stages = 0 THEN 0.4::DOUBLE WHEN (ff.stages >> pp.stage) & 1 = 1 THEN 1.0::DOUBLE ELSE 0.0::DOUBLE END AS sf,
	       -- the gap open to the fund's source (ec_project_source_gaps): L x plan(source) / total, and
	       -- for social capital also L x gap / total; 0 when nothing is left (L <= 0)
	       CASE WHEN pp.remaining > 0 AND pp.total > 0 THEN
	            (CASE ff.type WHEN 0 THEN pp.remaining * pp.f1 / pp.total WHEN 1 THEN pp.remaining * pp.f2 / pp.total
	                          WHEN 2 THEN pp.remaining * pp.f3 / pp.total
	                          ELSE pp.remaining * pp.f4 / pp.total + pp.remaining * pp.gap / pp.total END)
	            ELSE 0.0::DOUBLE END AS open_gap,
	       ff.max_share * pp.total AS share_cap
	FROM pp CROSS JOIN ff
),
base AS (                                                                   -- rules 2-7
	SELECT * FROM pairs
	WHERE cf > 0 AND rf > 0 AND sf > 0
	  AND open_gap >= min_ticket AND share_cap >= min_ticket AND capital >= min_ticket  -- exactly, as ec_allocate
),
elig AS (                                                                   -- rule 8
	SELECT * FROM base
	WHERE NOT (coinvest = 1 AND type <> 0)
	   OR project IN (SELECT project FROM base WHERE type = 0)
),
scored AS (
	SELECT project, pcode, fund, fcode,
	       round(((((0.25::DOUBLE * cf + 0.20::DOUBLE * rf) + 0.15::DOUBLE * sf)
	               + 0.20::DOUBLE * (CASE WHEN open_gap <= max_ticket + 1e-6 THEN 1.0::DOUBLE ELSE max_ticket / open_gap END))
	               + 0.20::DOUBLE * prio)
	             / ((((0.25::DOUBLE + 0.20::DOUBLE) + 0.15::DOUBLE) + 0.20::DOUBLE) + 0.20::DOUBLE)
	             * 100.0::DOUBLE * 1e6::DOUBLE) / 1e6::DOUBLE AS score
	FROM elig
)
SELECT project, fund, score{ranks}
FROM scored
