// bench/monitor/duckdb_cube.mjs — DuckDB's side of the monitoring cube
// benchmark:
//
//   node duckdb_cube.mjs CSV_DIR CUBE.sql ROWS.csv
//
// loads ent.csv, report.csv and deflator.csv (exported from the database by
// run.sh) into tables of an in-memory database (timed as "load"), then runs
// cube.sql (timed as "compute", including fetching the rows) and writes the
// rows as bench_monitor does. Prints "key value" lines: load_s, compute_s,
// peak_rss_kib, rows, threads. DuckDB uses every core.
import { DuckDBInstance } from '@duckdb/node-api';
import { loadTables } from './duckdb_tables.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [dir, cubeFile, outFile] = process.argv.slice(2);
if (!dir || !cubeFile || !outFile) {
	console.error('usage: node duckdb_cube.mjs CSV_DIR CUBE.sql ROWS.csv');
	process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();

let t0 = performance.now();
await loadTables(conn, dir);
const loadSeconds = (performance.now() - t0) / 1000;

const statements = readFileSync(cubeFile, 'utf8')
	.replaceAll('{idiv}', '//')
	.split(/;\s*\n/)
	.map((s) => s.replace(/^\s*--.*$/gm, '').trim())
	.filter((s) => s.length > 0);
t0 = performance.now();
for (const sql of statements.slice(0, -1)) await conn.run(sql);
const result = await conn.runAndReadAll(statements[statements.length - 1]);
const rows = result.getRows();
const computeSeconds = (performance.now() - t0) / 1000;

const threads = (await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
const period = (p) => `${Math.floor(Number(p) / 12)}-${String((Number(p) % 12) + 1).padStart(2, '0')}`;
const num = (v) => (v === null || v === undefined ? '' : String(Number(v)));
let missing = 0;
const lines = ['period,basis,group_kind,group_code,region,enterprises,value_added,value_added_base,value_added_real,growth_pct'];
for (const [p, basis, kind, code, region, n, va, base, real, growth, miss] of rows) {
	missing += Number(miss);
	lines.push([period(p), basis, kind, code, region, String(n), num(va), num(base), num(real), num(growth)].join(','));
}
writeFileSync(outFile, lines.join('\n') + '\n');
if (missing > 0) console.error(`duckdb: ${missing} month-groups lack a deflator`);

console.log(`load_s ${loadSeconds.toFixed(6)}`);
console.log(`compute_s ${computeSeconds.toFixed(6)}`);
console.log(`peak_rss_kib ${process.resourceUsage().maxRSS}`);
console.log(`rows ${rows.length}`);
console.log(`threads ${threads}`);
conn.closeSync();
instance.closeSync();
