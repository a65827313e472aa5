/*
** Private: the schema as one ordered list of forward migrations for both
** backends. Each is SQL in SQLite's words (sql), which store_pg.c rewrites
** for PostgreSQL (types, the clock), and what one dialect alone needs
** (sqlite, pg: NULL when nothing), such as the ledger's triggers. SQLite
** keeps how many have been applied in PRAGMA user_version, PostgreSQL in the
** table ec_schema. Identifiers PostgreSQL reserves ("user", "end") are
** quoted, which SQLite reads the same.
*/
#ifndef EC_SCHEMA_H
#define EC_SCHEMA_H

struct ec_migration {
	const char *sql;    /* both dialects (SQLite's words) */
	const char *sqlite; /* SQLite alone, after sql; NULL: nothing */
	const char *pg;     /* PostgreSQL alone, after sql; NULL: nothing */
};

static const struct ec_migration ec_migrations[] = {
	/* 1: catalogues, enterprises, reports, deflators, import log */
	{ "CREATE TABLE sei_category("
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
	"  rows INTEGER NOT NULL, sha256 TEXT NOT NULL);", NULL, NULL },
	/* 2: accounts, sessions and the audit log */
	{ "CREATE TABLE \"user\"("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  password_hash TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'agency', 'fund', 'enterprise')),"
	"  scope TEXT NOT NULL DEFAULT '',"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE session("
	"  token_hash TEXT PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES \"user\"(id) ON DELETE CASCADE,"
	"  csrf_token TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);"
	"CREATE INDEX session_user ON session(user_id);"
	"CREATE TABLE audit("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL, \"user\" TEXT NOT NULL, action TEXT NOT NULL,"
	"  target TEXT NOT NULL, summary TEXT NOT NULL);", NULL, NULL },
	/* 3: the cluster echelon */
	{ "CREATE TABLE cluster("
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
	"  PRIMARY KEY (cluster, year, indicator)) WITHOUT ROWID;", NULL, NULL },
	/* 4: projects and funds */
	{ "CREATE TABLE project("
	"  code TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT NOT NULL,"
	"  category TEXT NOT NULL, cluster TEXT NOT NULL DEFAULT '', region TEXT NOT NULL,"
	"  kind TEXT NOT NULL, total_investment REAL NOT NULL CHECK (total_investment > 0),"
	"  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, stage TEXT NOT NULL,"
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
	"  coinvest TEXT NOT NULL, seq INTEGER NOT NULL);", NULL, NULL },
	/* 5: jobs, the server's long work and its answers */
	{ "CREATE TABLE job("
	"  id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),"
	"  created_at INTEGER NOT NULL, started_at INTEGER NOT NULL, finished_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL, http_status INTEGER NOT NULL, result TEXT);"
	"CREATE INDEX job_user ON job(user_id, created_at);", NULL,
	/* the order of puts, which SQLite's rowid gives (a replaced job is new) */
	"ALTER TABLE job ADD COLUMN seq BIGSERIAL;" },
	/* 6: the import history says who, what was read, and the attempts refused */
	{ "ALTER TABLE import_log ADD COLUMN \"user\" TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE import_log ADD COLUMN size INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE import_log ADD COLUMN format TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE import_log ADD COLUMN encoding TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE import_log ADD COLUMN result TEXT NOT NULL DEFAULT 'stored' CHECK (result IN ('stored', 'rejected'));"
	"ALTER TABLE import_log ADD COLUMN problems INTEGER NOT NULL DEFAULT 0;", NULL, NULL },
	/* 7: the facts' generation, moved by every committed change of the
	** enterprises, reports or deflators (the column store names it) */
	{ "CREATE TABLE facts_state(id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL); INSERT INTO facts_state VALUES (1, 1);", NULL, NULL },
	/* 8: SME digital-level answers, one questionnaire per enterprise, year
	** and edition (so one submission; a revision counts up) */
	{ "CREATE TABLE digital_assessment("
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
	"  PRIMARY KEY (assessment_id, item)) WITHOUT ROWID;", NULL, NULL },
	/* 9: incentive programmes, their rules and the subsidy ledger. An entry
	** is never changed or removed (the triggers refuse it): a reversal
	** cancels the entry it names, once. A commitment's claim reference is
	** unique within its programme, so a claim is approved at most once.
	** scenario and application name a scenario's code and an application's
	** id as plain columns: their references come with the scenario tables. */
	{ "CREATE TABLE incentive_programme("
	"  code TEXT PRIMARY KEY, name TEXT NOT NULL, year INTEGER NOT NULL,"
	"  budget REAL NOT NULL CHECK (budget > 0), created_at TEXT NOT NULL, seq INTEGER NOT NULL);"
	"CREATE TABLE incentive_rule("
	"  programme TEXT NOT NULL REFERENCES incentive_programme(code),"
	"  code TEXT NOT NULL, seq INTEGER NOT NULL,"
	"  side TEXT NOT NULL CHECK (side IN ('owner', 'supplier', 'voucher')),"
	"  base TEXT NOT NULL CHECK (base IN ('purchase', 'rd')),"
	"  share_pct REAL NOT NULL CHECK (share_pct > 0 AND share_pct <= 100),"
	"  cap REAL NOT NULL CHECK (cap >= 0), year_cap REAL NOT NULL CHECK (year_cap >= 0),"
	"  categories TEXT NOT NULL, regions TEXT NOT NULL, sizes INTEGER NOT NULL,"
	"  topup_pilot TEXT NOT NULL CHECK (topup_pilot IN ('', 'municipal', 'national')),"
	"  topup_pct REAL NOT NULL, topup_amount REAL NOT NULL,"
	"  PRIMARY KEY (programme, code)) WITHOUT ROWID;"
	"CREATE TABLE incentive_entry("
	"  id INTEGER PRIMARY KEY,"
	"  programme TEXT NOT NULL REFERENCES incentive_programme(code),"
	"  kind TEXT NOT NULL CHECK (kind IN ('commitment', 'payment', 'reversal')),"
	"  refers INTEGER REFERENCES incentive_entry(id),"
	"  amount REAL NOT NULL CHECK (amount > 0),"
	"  reference TEXT NOT NULL DEFAULT '', rule TEXT NOT NULL DEFAULT '',"
	"  beneficiary TEXT NOT NULL,"
	"  beneficiary_kind TEXT NOT NULL CHECK (beneficiary_kind IN ('enterprise', 'account')),"
	"  side TEXT NOT NULL CHECK (side IN ('owner', 'supplier', 'voucher')),"
	"  base_amount REAL NOT NULL DEFAULT 0,"
	"  scenario TEXT NOT NULL DEFAULT '', application INTEGER,"
	"  reasons TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',"
	"  by_user TEXT NOT NULL, at TEXT NOT NULL,"
	"  CHECK ((kind = 'commitment') = (refers IS NULL)));"
	"CREATE UNIQUE INDEX incentive_claim ON incentive_entry(programme, reference) WHERE kind = 'commitment';"
	"CREATE UNIQUE INDEX incentive_reversal ON incentive_entry(refers) WHERE kind = 'reversal';"
	"CREATE INDEX incentive_entry_programme ON incentive_entry(programme, id);"
	"CREATE INDEX incentive_entry_beneficiary ON incentive_entry(beneficiary);",
	"CREATE TRIGGER incentive_entry_kept BEFORE UPDATE ON incentive_entry"
	"  BEGIN SELECT RAISE(ABORT, 'a ledger entry is never changed'); END;"
	"CREATE TRIGGER incentive_entry_never_removed BEFORE DELETE ON incentive_entry"
	"  BEGIN SELECT RAISE(ABORT, 'a ledger entry is never removed'); END;",
	"CREATE FUNCTION incentive_entry_kept() RETURNS trigger LANGUAGE plpgsql AS"
	"  $$BEGIN RAISE EXCEPTION 'a ledger entry is never %', CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'removed' END; END$$;"
	"CREATE TRIGGER incentive_entry_kept BEFORE UPDATE OR DELETE ON incentive_entry"
	"  FOR EACH ROW EXECUTE FUNCTION incentive_entry_kept();" },
	/* 10: application scenarios: batches, scenarios, applications, reviewer
	** assignments, scores and the accounts' notifications */
	{ "CREATE TABLE scenario_batch("
	"  number INTEGER PRIMARY KEY CHECK (number > 0), date TEXT NOT NULL, title TEXT NOT NULL,"
	"  published_by TEXT NOT NULL);"
	"CREATE TABLE scenario("
	"  code TEXT PRIMARY KEY, batch INTEGER NOT NULL DEFAULT 0, title TEXT NOT NULL, owner TEXT NOT NULL,"
	"  owner_uscc TEXT NOT NULL DEFAULT '',"
	"  kind TEXT NOT NULL CHECK (kind IN ('government', 'enterprise', 'supply')),"
	"  category TEXT NOT NULL, region TEXT NOT NULL, description TEXT NOT NULL, budget REAL,"
	"  mode TEXT NOT NULL, deadline TEXT NOT NULL, contact TEXT NOT NULL, criteria TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'review', 'selected', 'completed', 'closed', 'withdrawn')),"
	"  selected TEXT NOT NULL DEFAULT '', decided_by TEXT NOT NULL DEFAULT '', decision TEXT NOT NULL DEFAULT '',"
	"  updated_at TEXT NOT NULL, seq INTEGER NOT NULL);"
	"CREATE INDEX scenario_batch_status ON scenario(batch, status);"
	"CREATE TABLE scenario_application("
	"  scenario TEXT NOT NULL REFERENCES scenario(code), uscc TEXT NOT NULL, applicant TEXT NOT NULL,"
	"  solution TEXT NOT NULL, price REAL NOT NULL CHECK (price > 0), months INTEGER NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('submitted', 'withdrawn')), updated_at TEXT NOT NULL,"
	"  PRIMARY KEY (scenario, uscc)) WITHOUT ROWID;"
	"CREATE INDEX scenario_application_uscc ON scenario_application(uscc);"
	"CREATE TABLE scenario_reviewer("
	"  scenario TEXT NOT NULL REFERENCES scenario(code), reviewer TEXT NOT NULL,"
	"  PRIMARY KEY (scenario, reviewer)) WITHOUT ROWID;"
	"CREATE TABLE scenario_score("
	"  scenario TEXT NOT NULL, uscc TEXT NOT NULL, reviewer TEXT NOT NULL, criterion TEXT NOT NULL,"
	"  score REAL NOT NULL CHECK (score BETWEEN 0 AND 100),"
	"  PRIMARY KEY (scenario, uscc, reviewer, criterion),"
	"  FOREIGN KEY (scenario, uscc) REFERENCES scenario_application(scenario, uscc)) WITHOUT ROWID;"
	"CREATE TABLE notification("
	"  id INTEGER PRIMARY KEY, account TEXT NOT NULL, at TEXT NOT NULL, message TEXT NOT NULL,"
	"  target TEXT NOT NULL);"
	"CREATE INDEX notification_account ON notification(account, id);", NULL, NULL },
	/* 11: the library of published reports: what, who, when, from which
	** data generation, and the document as published (issue 19) */
	{ "CREATE TABLE published_report("
	"  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, period TEXT NOT NULL, region TEXT NOT NULL,"
	"  lang TEXT NOT NULL, generation INTEGER NOT NULL, made_by TEXT NOT NULL,"
	"  made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	"  html BLOB NOT NULL, xlsx BLOB NOT NULL);", NULL, NULL },
	/* 12: a fund may require a minimum SME digital level of a project's
	** owner (issue 18); 0 = none, the funds registered before */
	{ "ALTER TABLE fund ADD COLUMN min_digital_level INTEGER NOT NULL DEFAULT 0"
	"  CHECK (min_digital_level BETWEEN 0 AND 4);", NULL, NULL },
	/* 13: a selected scenario's project in the project library (its code,
	** '' before it became one; the check that it exists is the use case's,
	** in the transaction that writes both), and the scenarios' attachments,
	** kept in the database with their checked type, size and digest */
	{ "ALTER TABLE scenario ADD COLUMN project TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE scenario_attachment("
	"  id INTEGER PRIMARY KEY, scenario TEXT NOT NULL REFERENCES scenario(code),"
	"  name TEXT NOT NULL, type TEXT NOT NULL, size INTEGER NOT NULL CHECK (size > 0), sha256 TEXT NOT NULL,"
	"  added_by TEXT NOT NULL, added_at TEXT NOT NULL, body BLOB NOT NULL);"
	"CREATE INDEX scenario_attachment_scenario ON scenario_attachment(scenario, id);", NULL, NULL },
};

#define EC_NMIGRATIONS ((int)(sizeof ec_migrations / sizeof ec_migrations[0]))

#endif
