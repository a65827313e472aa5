/*
** Private: the SQLite schema as an ordered list of forward migrations.
** PRAGMA user_version holds how many have been applied.
*/
#ifndef EC_SCHEMA_H
#define EC_SCHEMA_H

static const char *const ec_sqlite_migrations[] = {
	/* 1: catalogues, enterprises, reports, deflators, import log */
	"CREATE TABLE sei_category("
	"  code TEXT PRIMARY KEY,"
	"  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),"
	"  parent TEXT REFERENCES sei_category(code),"
	"  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, seq INTEGER NOT NULL);"
	"CREATE TABLE industry("
	"  code TEXT PRIMARY KEY,"
	"  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),"
	"  parent TEXT REFERENCES industry(code),"
	"  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, seq INTEGER NOT NULL);"
	"CREATE TABLE sei_mapping("
	"  category TEXT NOT NULL REFERENCES sei_category(code),"
	"  industry TEXT NOT NULL REFERENCES industry(code),"
	"  partial INTEGER NOT NULL CHECK (partial IN (0, 1)), seq INTEGER NOT NULL,"
	"  PRIMARY KEY (category, industry));"
	"CREATE INDEX sei_mapping_industry ON sei_mapping(industry);"
	"CREATE TABLE region("
	"  code TEXT PRIMARY KEY,"
	"  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),"
	"  parent TEXT REFERENCES region(code),"
	"  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, lat REAL, lon REAL, seq INTEGER NOT NULL);"
	"CREATE TABLE enterprise("
	"  id INTEGER PRIMARY KEY,"
	"  uscc TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  industry TEXT NOT NULL REFERENCES industry(code),"
	"  region TEXT NOT NULL,"
	"  lat REAL, lon REAL,"
	"  founded TEXT NOT NULL DEFAULT '',"
	"  sei_categories TEXT NOT NULL DEFAULT '',"
	"  sei_primary TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX enterprise_region ON enterprise(region);"
	"CREATE INDEX enterprise_primary ON enterprise(sei_primary);"
	"CREATE TABLE report("
	"  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),"
	"  period INTEGER NOT NULL,"
	"  revenue REAL NOT NULL, output REAL NOT NULL, value_added REAL NOT NULL,"
	"  employees INTEGER NOT NULL, rd_expense REAL NOT NULL, patents INTEGER NOT NULL,"
	"  investment REAL NOT NULL, exports REAL NOT NULL,"
	"  PRIMARY KEY (enterprise_id, period)) WITHOUT ROWID;"
	"CREATE TABLE deflator("
	"  division TEXT NOT NULL REFERENCES industry(code),"
	"  period INTEGER NOT NULL,"
	"  ppi_yoy REAL NOT NULL CHECK (ppi_yoy > 0),"
	"  PRIMARY KEY (division, period)) WITHOUT ROWID;"
	"CREATE TABLE import_log("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL, file TEXT NOT NULL, kind TEXT NOT NULL,"
	"  rows INTEGER NOT NULL, sha256 TEXT NOT NULL);",
	/* 2: accounts, sessions and the audit log */
	"CREATE TABLE user("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  password_hash TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'agency', 'fund', 'enterprise')),"
	"  scope TEXT NOT NULL DEFAULT '',"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE session("
	"  token_hash TEXT PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
	"  csrf_token TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);"
	"CREATE INDEX session_user ON session(user_id);"
	"CREATE TABLE audit("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,"
	"  target TEXT NOT NULL, summary TEXT NOT NULL);",
};

#define EC_SQLITE_NMIGRATIONS ((int)(sizeof ec_sqlite_migrations / sizeof ec_sqlite_migrations[0]))

#endif
