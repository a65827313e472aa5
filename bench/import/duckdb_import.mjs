// bench/import/duckdb_import.mjs — DuckDB's side of the import benchmark:
//
//   node duckdb_import.mjs DATABASE REPORTS.csv
//
// loads the CSV into a table of a file database with DuckDB's own reader
// (types detected from the file) and prints the number of rows stored.
import { DuckDBInstance } from '@duckdb/node-api';

const [db, csv] = process.argv.slice(2);
if (!db || !csv) {
	console.error('usage: node duckdb_import.mjs DATABASE REPORTS.csv');
	process.exit(2);
}
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(db);
const conn = await instance.connect();
await conn.run(`CREATE TABLE reports AS SELECT * FROM read_csv(${quote(csv)}, header = true)`);
const count = await conn.runAndReadAll('SELECT count(*) FROM reports');
await conn.run('CHECKPOINT');
console.log(`duckdb: ${count.getRows()[0][0]} rows`);
conn.closeSync();
instance.closeSync();
