// bench/allocate/duckdb_match.mjs — DuckDB's side of the matching
// comparison:
//
//   node duckdb_match.mjs DIR MATCH.sql AREAS [RUNS]
//
// loads DIR/projects.csv, funds.csv and clusters.csv (written by
// bench_allocate --out DIR) into an in-memory database (not timed), then
// times match.sql — every project x fund pair through the hard rules and the
// score, the eligible pairs stored in a table — without ranks ("score") and
// with both ranks ("ranked"), RUNS times each (default 3), with every core
// and with one thread. AREAS are the priority areas ("1;4"). Then compares
// the last result with DIR/matches.csv (echelon's pairs, scores and ranks):
// pairs in one and not the other, the largest score difference, rank
// mismatches. Prints "key value" lines; times in seconds.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [dir, sqlFile, areasArg, runsArg] = process.argv.slice(2);
if (!dir || !sqlFile || areasArg === undefined) {
	console.error('usage: node duckdb_match.mjs DIR MATCH.sql AREAS [RUNS]');
	process.exit(2);
}
const runs = Number(runsArg || 3);
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const areas = `[${areasArg.split(';').filter((a) => a).map(quote).join(', ')}]::VARCHAR[]`;
const template = readFileSync(sqlFile, 'utf8').replace(/^\s*--.*$/gm, '').replaceAll('{areas}', areas);
const ranks =
	', row_number() OVER (PARTITION BY fund ORDER BY score DESC, pcode) AS rank_f' +
	', row_number() OVER (PARTITION BY project ORDER BY score DESC, fcode) AS rank_p';
const queries = {
	score: template.replaceAll('{ranks}', ', 0 AS rank_f, 0 AS rank_p'),
	ranked: template.replaceAll('{ranks}', ranks),
};

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const one = async (sql) => (await conn.runAndReadAll(sql)).getRows()[0];

await conn.run(`CREATE TABLE projects AS SELECT * FROM read_csv(${quote(dir + '/projects.csv')}, header = true,
  columns = {'idx': 'INTEGER', 'code': 'VARCHAR', 'category': 'VARCHAR', 'cluster': 'VARCHAR', 'region': 'VARCHAR',
             'stage': 'INTEGER', 'total': 'DOUBLE', 'f0': 'DOUBLE', 'f1': 'DOUBLE', 'f2': 'DOUBLE', 'f3': 'DOUBLE',
             'f4': 'DOUBLE', 'f5': 'DOUBLE', 'cumulative': 'DOUBLE'})`);
await conn.run(`UPDATE projects SET cluster = '' WHERE cluster IS NULL`);
await conn.run(`CREATE TABLE funds AS SELECT * FROM read_csv(${quote(dir + '/funds.csv')}, header = true,
  columns = {'idx': 'INTEGER', 'code': 'VARCHAR', 'type': 'INTEGER', 'capital': 'DOUBLE', 'categories': 'VARCHAR',
             'regions': 'VARCHAR', 'stages': 'INTEGER', 'min_ticket': 'DOUBLE', 'max_ticket': 'DOUBLE',
             'max_share': 'DOUBLE', 'coinvest': 'INTEGER'})`);
await conn.run(`UPDATE funds SET categories = coalesce(categories, ''), regions = coalesce(regions, '')`);
await conn.run(`CREATE TABLE clusters AS SELECT * FROM read_csv(${quote(dir + '/clusters.csv')}, header = true,
  columns = {'code': 'VARCHAR', 'tier': 'INTEGER'})`);
await conn.run(`CREATE TABLE c AS SELECT * FROM read_csv(${quote(dir + '/matches.csv')}, header = true,
  columns = {'project': 'INTEGER', 'fund': 'INTEGER', 'score': 'DOUBLE', 'rank_f': 'BIGINT', 'rank_p': 'BIGINT'})`);

const cores = Number((await one("SELECT current_setting('threads')"))[0]);
console.log(`threads ${cores}`);
for (const threads of [cores, 1]) {
	await conn.run(`SET threads = ${threads}`);
	for (const [name, sql] of Object.entries(queries)) {
		const times = [];
		for (let r = 0; r < runs; r++) {
			await conn.run('DROP TABLE IF EXISTS d');
			const t0 = performance.now();
			await conn.run(`CREATE TABLE d AS ${sql}`);
			times.push((performance.now() - t0) / 1000);
		}
		const key = `${name}_t${threads === cores ? 'all' : '1'}`;
		console.log(`${key}_first_s ${times[0].toFixed(6)}`);
		console.log(`${key}_best_s ${Math.min(...times).toFixed(6)}`);
	}
}
await conn.run(`SET threads = ${cores}`);

// The last table holds the ranked result: compare with echelon's.
const [rows] = await one('SELECT count(*) FROM d');
const [crows] = await one('SELECT count(*) FROM c');
const [onlyC, onlyD] = await one(`SELECT count(*) FILTER (WHERE d.project IS NULL), count(*) FILTER (WHERE c.project IS NULL)
  FROM c FULL OUTER JOIN d ON c.project = d.project AND c.fund = d.fund`);
const [maxDiff, exact, rankF, rankP] = await one(`SELECT max(abs(c.score - d.score)), count(*) FILTER (WHERE c.score = d.score),
  count(*) FILTER (WHERE c.rank_f <> d.rank_f), count(*) FILTER (WHERE c.rank_p <> d.rank_p)
  FROM c JOIN d ON c.project = d.project AND c.fund = d.fund`);
console.log(`rows ${rows}`);
console.log(`echelon_rows ${crows}`);
console.log(`only_echelon ${onlyC}`);
console.log(`only_duckdb ${onlyD}`);
console.log(`max_score_diff ${Number(maxDiff ?? 0)}`);
console.log(`scores_bit_equal ${exact}`);
console.log(`rank_f_mismatch ${rankF}`);
console.log(`rank_p_mismatch ${rankP}`);
console.log(`peak_rss_kib ${process.resourceUsage().maxRSS}`);
conn.closeSync();
instance.closeSync();
