// bench/monitor/duckdb_area.mjs — DuckDB's side of the end-to-end
// monitoring benchmark (e2e.sh):
//
//   node duckdb_area.mjs build DB.duckdb CSV_DIR      # once, not timed
//   node duckdb_area.mjs query DB.duckdb AREA.sql YYYY-MM ROWS.csv
//
// build loads ent.csv, report.csv and deflator.csv into DuckDB's own file
// format; query opens that file read-only, runs area.sql for the period and
// writes the rows as `echelon monitor --format csv` names them: the whole
// process is what e2e.sh times, as a user would meet it.
import { DuckDBInstance } from '@duckdb/node-api';
import { loadTables } from './duckdb_tables.mjs';
import { readFileSync, writeFileSync } from 'node:fs';

const [mode, dbFile, ...rest] = process.argv.slice(2);

if (mode === 'build') {
	const [dir] = rest;
	const instance = await DuckDBInstance.create(dbFile);
	const conn = await instance.connect();
	await loadTables(conn, dir);
	await conn.run('CHECKPOINT');
	conn.closeSync();
	instance.closeSync();
} else if (mode === 'query') {
	const [sqlFile, period, outFile] = rest;
	const [year, month] = period.split('-').map(Number);
	const sql = readFileSync(sqlFile, 'utf8').replaceAll('{year}', String(year)).replaceAll('{month}', String(month));
	const instance = await DuckDBInstance.create(dbFile, { access_mode: 'READ_ONLY' });
	const conn = await instance.connect();
	const rows = (await conn.runAndReadAll(sql)).getRows();
	const num = (v) => (v === null || v === undefined ? '' : String(Number(v)));
	const lines = ['group_kind,group_code,enterprises,value_added,value_added_base,value_added_real,growth_pct'];
	for (const [kind, code, n, va, base, real, growth] of rows)
		lines.push([kind, code, String(n), num(va), num(base), num(real), num(growth)].join(','));
	writeFileSync(outFile, lines.join('\n') + '\n');
	conn.closeSync();
	instance.closeSync();
} else {
	console.error('usage: node duckdb_area.mjs build DB.duckdb CSV_DIR | query DB.duckdb AREA.sql YYYY-MM ROWS.csv');
	process.exit(2);
}
