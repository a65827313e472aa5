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
	/* 3: the cluster echelon */
	"CREATE TABLE cluster("
	"  code TEXT PRIMARY KEY,"
	"  name_zh TEXT NOT NULL, name_en TEXT NOT NULL,"
	"  tier TEXT NOT NULL CHECK (tier IN ('base', 'cluster', 'ecosystem')),"
	"  parent TEXT REFERENCES cluster(code) DEFERRABLE INITIALLY DEFERRED,"
	"  regions TEXT NOT NULL, categories TEXT NOT NULL,"
	"  agency TEXT NOT NULL DEFAULT '', founded INTEGER NOT NULL DEFAULT 0,"
	"  source TEXT NOT NULL DEFAULT '', seq INTEGER NOT NULL);"
	"CREATE TABLE cluster_member("
	"  cluster TEXT NOT NULL REFERENCES cluster(code) ON DELETE CASCADE,"
	"  uscc TEXT NOT NULL,"
	"  action TEXT NOT NULL CHECK (action IN ('include', 'exclude')),"
	"  PRIMARY KEY (cluster, uscc)) WITHOUT ROWID;"
	"CREATE TABLE cluster_indicator("
	"  cluster TEXT NOT NULL REFERENCES cluster(code) ON DELETE CASCADE,"
	"  year INTEGER NOT NULL, indicator TEXT NOT NULL, value REAL NOT NULL,"
	"  PRIMARY KEY (cluster, year, indicator)) WITHOUT ROWID;",
	/* 4: projects and funds */
	"CREATE TABLE project("
	"  code TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT NOT NULL,"
	"  category TEXT NOT NULL, cluster TEXT NOT NULL DEFAULT '', region TEXT NOT NULL,"
	"  kind TEXT NOT NULL, total_investment REAL NOT NULL CHECK (total_investment > 0),"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL, stage TEXT NOT NULL,"
	"  government_budget REAL NOT NULL, guidance_fund REAL NOT NULL, bank_loans REAL NOT NULL,"
	"  bonds REAL NOT NULL, social_capital REAL NOT NULL, own_funds REAL NOT NULL,"
	"  land_mu REAL NOT NULL, energy_tce REAL NOT NULL, seq INTEGER NOT NULL);"
	"CREATE TABLE project_plan("
	"  project TEXT NOT NULL REFERENCES project(code) ON DELETE CASCADE,"
	"  period INTEGER NOT NULL, share REAL NOT NULL, PRIMARY KEY (project, period)) WITHOUT ROWID;"
	"CREATE TABLE project_completed("
	"  project TEXT NOT NULL REFERENCES project(code) ON DELETE CASCADE,"
	"  period INTEGER NOT NULL, amount REAL NOT NULL CHECK (amount >= 0),"
	"  PRIMARY KEY (project, period)) WITHOUT ROWID;"
	"CREATE TABLE project_revision("
	"  project TEXT NOT NULL REFERENCES project(code) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL, period INTEGER NOT NULL, old_total REAL NOT NULL, new_total REAL NOT NULL,"
	"  reason TEXT NOT NULL, PRIMARY KEY (project, seq)) WITHOUT ROWID;"
	"CREATE TABLE fund("
	"  code TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,"
	"  capital REAL NOT NULL CHECK (capital > 0), categories TEXT NOT NULL, regions TEXT NOT NULL,"
	"  stages TEXT NOT NULL, min_ticket REAL NOT NULL, max_ticket REAL NOT NULL, max_share REAL NOT NULL,"
	"  coinvest TEXT NOT NULL, seq INTEGER NOT NULL);",
	/* 5: jobs, the server's long work and its answers */
	"CREATE TABLE job("
	"  id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),"
	"  created_at INTEGER NOT NULL, started_at INTEGER NOT NULL, finished_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL, http_status INTEGER NOT NULL, result TEXT);"
	"CREATE INDEX job_user ON job(user_id, created_at);",
	/* 6: the import history says who, what was read, and the attempts refused */
	"ALTER TABLE import_log ADD COLUMN user TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE import_log ADD COLUMN size INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE import_log ADD COLUMN format TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE import_log ADD COLUMN encoding TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE import_log ADD COLUMN result TEXT NOT NULL DEFAULT 'stored' CHECK (result IN ('stored', 'rejected'));"
	"ALTER TABLE import_log ADD COLUMN problems INTEGER NOT NULL DEFAULT 0;",
	/* 7: the facts' generation, moved by every committed change of the
	** enterprises, reports or deflators (the column store names it) */
	"CREATE TABLE facts_state(id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL); INSERT INTO facts_state VALUES (1, 1);",
	/* 8: SME digital-level answers, one questionnaire per enterprise, year
	** and edition (so one submission; a revision counts up) */
	"CREATE TABLE digital_assessment("
	"  id INTEGER PRIMARY KEY,"
	"  uscc TEXT NOT NULL, year INTEGER NOT NULL, edition TEXT NOT NULL, sector TEXT NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),"
	"  revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),"
	"  score REAL, level INTEGER NOT NULL DEFAULT 0,"
	"  submitted_by TEXT NOT NULL DEFAULT '', submitted_at TEXT NOT NULL DEFAULT '',"
	"  UNIQUE (uscc, year, edition));"
	"CREATE TABLE digital_answer("
	"  assessment_id INTEGER NOT NULL REFERENCES digital_assessment(id) ON DELETE CASCADE,"
	"  item TEXT NOT NULL, answer TEXT NOT NULL,"
	"  PRIMARY KEY (assessment_id, item)) WITHOUT ROWID;",
	/* 9: the library of published reports: what, who, when, from which
	** data generation, and the document as published (issue 19) */
	"CREATE TABLE published_report("
	"  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, period TEXT NOT NULL, region TEXT NOT NULL,"
	"  lang TEXT NOT NULL, generation INTEGER NOT NULL, made_by TEXT NOT NULL,"
	"  made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	"  html BLOB NOT NULL, xlsx BLOB NOT NULL);",
};

#define EC_SQLITE_NMIGRATIONS ((int)(sizeof ec_sqlite_migrations / sizeof ec_sqlite_migrations[0]))

#endif
