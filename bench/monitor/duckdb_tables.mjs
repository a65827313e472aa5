// bench/monitor/duckdb_tables.mjs — the monitoring tables read into DuckDB
// from run.sh's CSV export (ent.csv, report.csv, deflator.csv), shared by
// duckdb_cube.mjs (an in-memory database) and duckdb_area.mjs (its own file).
export async function loadTables(conn, dir) {
	const quote = (s) => `'${s.replaceAll("'", "''")}'`;
	await conn.run(`CREATE TABLE ent AS SELECT * FROM read_csv(${quote(dir + '/ent.csv')}, header = true,
	  columns = {'id': 'BIGINT', 'division': 'INTEGER', 'direction': 'VARCHAR', 'area': 'VARCHAR',
	             'prefecture': 'VARCHAR', 'province': 'VARCHAR'})`);
	await conn.run(`CREATE TABLE report AS SELECT * FROM read_csv(${quote(dir + '/report.csv')}, header = true,
	  columns = {'enterprise_id': 'BIGINT', 'period': 'INTEGER', 'value_added': 'DOUBLE', 'revenue': 'DOUBLE',
	             'rd_expense': 'DOUBLE', 'employees': 'INTEGER'})`);
	await conn.run(`CREATE TABLE deflator AS SELECT * FROM read_csv(${quote(dir + '/deflator.csv')}, header = true,
	  columns = {'division': 'INTEGER', 'period': 'INTEGER', 'ppi_yoy': 'DOUBLE'})`);
}
