/*
** This is the SQLite implementation of struct ec_store_ops: one connection
** in WAL mode with foreign keys on, every statement prepared once with
** bound parameters, the schema migrated forward on open.
*/
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "schema.h"

_Static_assert(EC_SCHEMA_VERSION == EC_SQLITE_NMIGRATIONS, "schema version and migrations disagree");

enum stmt_id {
	S_BEGIN, S_COMMIT, S_ROLLBACK, S_BEGIN_READ, S_FACTS_GEN, S_FACTS_BUMP,
	S_CAT_PUT, S_MAP_PUT, S_IND_PUT, S_REG_PUT,
	S_CAT_ALL, S_MAP_ALL, S_IND_ALL, S_REG_ALL,
	S_ENT_PUT, S_ENT_ALL, S_ENT_SETPRIMARY,
	S_REP_PUT, S_REP_RANGE,
	S_DEF_PUT, S_DEF_RANGE,
	S_LOG_ADD, S_LOG_ALL,
	S_ENT_QUERY, S_ENT_COUNT, S_ENT_GET, S_REP_ENT, S_REVENUE,
	S_USER_ADD, S_USER_UPDATE, S_USER_GET, S_USER_GET_ID, S_USER_ALL,
	S_SES_PUT, S_SES_GET, S_SES_DEL, S_SES_PURGE,
	S_AUDIT_ADD, S_AUDIT_ALL,
	S_CL_PUT, S_CL_GET, S_CL_ALL, S_CM_PUT, S_CM_DEL, S_CM_ALL, S_CI_PUT, S_CI_ALL,
	S_PJ_PUT, S_PJ_GET, S_PJ_ALL, S_PJ_CLEAR_PLAN, S_PJ_CLEAR_DONE, S_PJ_CLEAR_REV, S_PJ_PLAN_ADD, S_PJ_DONE_ADD,
	S_PJ_REV_ADD, S_PJ_PLAN, S_PJ_DONE, S_PJ_REV, S_FD_PUT, S_FD_GET, S_FD_ALL,
	S_JOB_PUT, S_JOB_GET, S_JOB_ALL, S_JOB_SETTLE, S_JOB_PURGE,
	S_DG_PUT, S_DG_GET, S_DG_ALL, S_DG_CLEAR, S_DG_ANS_ADD, S_DG_ANS,
	S_IP_ADD, S_IP_GET, S_IP_ALL, S_IR_CLEAR, S_IR_ADD, S_IR_ALL, S_IE_ADD, S_IE_ALL,
	S_SC_PUT, S_SC_GET, S_SC_ALL, S_SB_PUT, S_SB_ALL, S_SA_PUT, S_SA_ALL, S_SR_PUT, S_SR_ALL, S_SS_PUT, S_SS_ALL,
	S_NT_ADD, S_NT_ALL, S_AT_ADD, S_AT_ALL, S_AT_GET,
	S_PUB_ADD, S_PUB_GET, S_PUB_ALL,
	S_NSTMT
};

static const char *const stmt_sql[S_NSTMT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_BEGIN_READ] = "BEGIN",
	[S_FACTS_GEN] = "SELECT generation FROM facts_state WHERE id = 1",
	[S_FACTS_BUMP] = "UPDATE facts_state SET generation = generation + 1 WHERE id = 1",
	[S_CAT_PUT] = "INSERT INTO sei_category(code, level, parent, name_zh, name_en, seq) VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5, ?6)",
	[S_MAP_PUT] = "INSERT INTO sei_mapping(category, industry, partial, seq) VALUES (?1, ?2, ?3, ?4)",
	[S_IND_PUT] = "INSERT INTO industry(code, level, parent, name_zh, name_en, seq) VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5, ?6)",
	[S_REG_PUT] = "INSERT INTO region(code, level, parent, name_zh, name_en, lat, lon, seq) VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5, ?6, ?7, ?8)",
	[S_CAT_ALL] = "SELECT code, level, coalesce(parent, ''), name_zh, name_en FROM sei_category ORDER BY seq",
	[S_MAP_ALL] = "SELECT category, industry, partial FROM sei_mapping ORDER BY seq",
	[S_IND_ALL] = "SELECT code, level, coalesce(parent, ''), name_zh, name_en FROM industry ORDER BY seq",
	[S_REG_ALL] = "SELECT code, level, coalesce(parent, ''), name_zh, name_en, lat, lon FROM region ORDER BY seq",
	[S_ENT_PUT] = "INSERT INTO enterprise(uscc, name, industry, region, lat, lon, founded, sei_categories, sei_primary)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		      " ON CONFLICT(uscc) DO UPDATE SET name = excluded.name, industry = excluded.industry,"
		      " region = excluded.region, lat = excluded.lat, lon = excluded.lon, founded = excluded.founded,"
		      " sei_categories = excluded.sei_categories, sei_primary = excluded.sei_primary"
		      " RETURNING id",
	[S_ENT_ALL] = "SELECT id, uscc, name, industry, region, lat, lon, founded, sei_categories, sei_primary"
		      " FROM enterprise ORDER BY id",
	[S_ENT_SETPRIMARY] = "UPDATE enterprise SET sei_primary = ?2 WHERE id = ?1 AND sei_primary <> ?2",
	[S_REP_PUT] = "INSERT INTO report(enterprise_id, period, revenue, output, value_added, employees,"
		      " rd_expense, patents, investment, exports) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
		      " ON CONFLICT(enterprise_id, period) DO UPDATE SET revenue = excluded.revenue,"
		      " output = excluded.output, value_added = excluded.value_added, employees = excluded.employees,"
		      " rd_expense = excluded.rd_expense, patents = excluded.patents,"
		      " investment = excluded.investment, exports = excluded.exports",
	[S_REP_RANGE] = "SELECT enterprise_id, period, revenue, output, value_added, employees, rd_expense, patents,"
			" investment, exports FROM report WHERE period BETWEEN ?1 AND ?2"
			" ORDER BY enterprise_id, period",
	[S_DEF_PUT] = "INSERT INTO deflator(division, period, ppi_yoy) VALUES (?1, ?2, ?3)"
		      " ON CONFLICT(division, period) DO UPDATE SET ppi_yoy = excluded.ppi_yoy",
	[S_DEF_RANGE] = "SELECT division, period, ppi_yoy FROM deflator WHERE period BETWEEN ?1 AND ?2"
			" ORDER BY division, period",
	[S_LOG_ADD] = "INSERT INTO import_log(at, file, kind, rows, sha256, user, size, format, encoding, result, problems)"
		      " VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id, at",
	[S_LOG_ALL] = "SELECT id, at, file, kind, rows, sha256, user, size, format, encoding, result, problems"
		      " FROM import_log ORDER BY id",
#define ENT_FILTER                                                                                   \
	" WHERE (?1 = '' OR instr(name, ?1) > 0 OR substr(uscc, 1, length(?1)) = ?1)"                                                    \
	" AND (?2 = '' OR substr(region, 1, length(?2)) = ?2)"                                       \
	" AND (?3 = '' OR sei_primary = ?3 OR substr(sei_primary, 1, length(?3) + 1) = ?3 || '.')"    \
	" AND (?4 = '' OR uscc = ?4)"                                                                \
	" AND (?5 = 0 OR (id IN (SELECT value FROM json_each(?6))) = (?5 = 1))"
	[S_ENT_QUERY] = "SELECT id, uscc, name, industry, region, lat, lon, founded, sei_categories, sei_primary"
			" FROM enterprise" ENT_FILTER " ORDER BY id LIMIT ?8 OFFSET ?9",
	[S_ENT_COUNT] = "SELECT count(*) FROM enterprise" ENT_FILTER,
	[S_REVENUE] = "SELECT enterprise_id, sum(revenue) FROM report WHERE period BETWEEN ?1 AND ?2"
		      " GROUP BY enterprise_id ORDER BY enterprise_id",
	[S_ENT_GET] = "SELECT id, uscc, name, industry, region, lat, lon, founded, sei_categories, sei_primary"
		      " FROM enterprise WHERE uscc = ?1",
	[S_REP_ENT] = "SELECT enterprise_id, period, revenue, output, value_added, employees, rd_expense, patents,"
		      " investment, exports FROM report WHERE enterprise_id = ?1 ORDER BY period",
	[S_USER_ADD] = "INSERT INTO user(name, password_hash, role, scope, disabled, created_at)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) RETURNING id, created_at",
	[S_USER_UPDATE] = "UPDATE user SET password_hash = ?2, role = ?3, scope = ?4, disabled = ?5 WHERE id = ?1",
	[S_USER_GET] = "SELECT id, name, password_hash, role, scope, disabled, created_at FROM user WHERE name = ?1",
	[S_USER_GET_ID] = "SELECT id, name, password_hash, role, scope, disabled, created_at FROM user WHERE id = ?1",
	[S_USER_ALL] = "SELECT id, name, password_hash, role, scope, disabled, created_at FROM user ORDER BY name",
	[S_SES_PUT] = "INSERT INTO session(token_hash, user_id, csrf_token, created_at, expires_at)"
		      " VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_SES_GET] = "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM session WHERE token_hash = ?1",
	[S_SES_DEL] = "DELETE FROM session WHERE token_hash = ?1",
	[S_SES_PURGE] = "DELETE FROM session WHERE expires_at <= ?1 OR user_id = ?2",
	[S_AUDIT_ADD] = "INSERT INTO audit(at, user, action, target, summary)"
			" VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4) RETURNING id, at",
#define JOB_COLS "id, user_id, kind, label, state, created_at, started_at, finished_at, expires_at, http_status"
	[S_PUB_ADD] = "INSERT INTO published_report(kind, period, region, lang, generation, made_by, html, xlsx)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id, made_at",
	[S_PUB_GET] = "SELECT id, kind, period, region, lang, generation, made_by, made_at, html, xlsx"
		      " FROM published_report WHERE id = ?1",
	[S_PUB_ALL] = "SELECT id, kind, period, region, lang, generation, made_by, made_at, NULL, NULL"
		      " FROM published_report ORDER BY id DESC LIMIT ?1",
	[S_JOB_PUT] = "INSERT OR REPLACE INTO job(" JOB_COLS ", result) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[S_JOB_GET] = "SELECT " JOB_COLS ", CASE WHEN ?2 THEN result END FROM job WHERE id = ?1",
	[S_JOB_ALL] = "SELECT " JOB_COLS ", NULL FROM job WHERE ?1 < 0 OR user_id = ?1"
		      " ORDER BY created_at DESC, rowid DESC LIMIT ?2",
	[S_JOB_SETTLE] = "UPDATE job SET state = 'failed', finished_at = ?1, expires_at = ?2, http_status = ?3,"
			 " result = ?4 WHERE state IN ('queued', 'running')",
	[S_JOB_PURGE] = "DELETE FROM job WHERE expires_at > 0 AND expires_at <= ?1",
	[S_AUDIT_ALL] = "SELECT id, at, user, action, target, summary FROM audit ORDER BY id DESC LIMIT ?1",
	[S_CL_PUT] = "INSERT INTO cluster(code, name_zh, name_en, tier, parent, regions, categories, agency, founded, source, seq)"
		     " VALUES (?1, ?2, ?3, ?4, NULLIF(?5, ''), ?6, ?7, ?8, ?9, ?10,"
		     " (SELECT coalesce(max(seq), 0) + 1 FROM cluster))"
		     " ON CONFLICT(code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,"
		     " tier = excluded.tier, parent = excluded.parent, regions = excluded.regions,"
		     " categories = excluded.categories, agency = excluded.agency, founded = excluded.founded,"
		     " source = excluded.source",
	[S_CL_GET] = "SELECT code, name_zh, name_en, tier, coalesce(parent, ''), regions, categories, agency, founded, source"
		     " FROM cluster WHERE code = ?1",
	[S_CL_ALL] = "SELECT code, name_zh, name_en, tier, coalesce(parent, ''), regions, categories, agency, founded, source"
		     " FROM cluster ORDER BY seq",
	[S_CM_PUT] = "INSERT INTO cluster_member(cluster, uscc, action) VALUES (?1, ?2, ?3)"
		     " ON CONFLICT(cluster, uscc) DO UPDATE SET action = excluded.action",
	[S_CM_DEL] = "DELETE FROM cluster_member WHERE cluster = ?1 AND uscc = ?2",
	[S_CM_ALL] = "SELECT m.cluster, m.uscc, m.action FROM cluster_member m JOIN cluster c ON c.code = m.cluster"
		     " WHERE ?1 IS NULL OR m.cluster = ?1 ORDER BY c.seq, m.uscc",
	[S_CI_PUT] = "INSERT INTO cluster_indicator(cluster, year, indicator, value) VALUES (?1, ?2, ?3, ?4)"
		     " ON CONFLICT(cluster, year, indicator) DO UPDATE SET value = excluded.value",
#define PJ_COLS "code, name, owner, category, cluster, region, kind, total_investment, start, end, stage," \
		" government_budget, guidance_fund, bank_loans, bonds, social_capital, own_funds, land_mu, energy_tce"
	[S_PJ_PUT] = "INSERT INTO project(" PJ_COLS ", seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		     " ?14, ?15, ?16, ?17, ?18, ?19, (SELECT coalesce(max(seq), 0) + 1 FROM project))"
		     " ON CONFLICT(code) DO UPDATE SET name = excluded.name, owner = excluded.owner,"
		     " category = excluded.category, cluster = excluded.cluster, region = excluded.region,"
		     " kind = excluded.kind, total_investment = excluded.total_investment, start = excluded.start,"
		     " end = excluded.end, stage = excluded.stage, government_budget = excluded.government_budget,"
		     " guidance_fund = excluded.guidance_fund, bank_loans = excluded.bank_loans, bonds = excluded.bonds,"
		     " social_capital = excluded.social_capital, own_funds = excluded.own_funds,"
		     " land_mu = excluded.land_mu, energy_tce = excluded.energy_tce",
	[S_PJ_GET] = "SELECT " PJ_COLS " FROM project WHERE code = ?1",
	[S_PJ_ALL] = "SELECT " PJ_COLS " FROM project ORDER BY seq",
	[S_PJ_CLEAR_PLAN] = "DELETE FROM project_plan WHERE project = ?1",
	[S_PJ_CLEAR_DONE] = "DELETE FROM project_completed WHERE project = ?1",
	[S_PJ_CLEAR_REV] = "DELETE FROM project_revision WHERE project = ?1",
	[S_PJ_PLAN_ADD] = "INSERT INTO project_plan(project, period, share) VALUES (?1, ?2, ?3)",
	[S_PJ_DONE_ADD] = "INSERT INTO project_completed(project, period, amount) VALUES (?1, ?2, ?3)",
	[S_PJ_REV_ADD] = "INSERT INTO project_revision(project, seq, period, old_total, new_total, reason)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_PJ_PLAN] = "SELECT period, share FROM project_plan WHERE project = ?1 ORDER BY period",
	[S_PJ_DONE] = "SELECT period, amount FROM project_completed WHERE project = ?1 ORDER BY period",
	[S_PJ_REV] = "SELECT period, old_total, new_total, reason FROM project_revision WHERE project = ?1 ORDER BY seq",
#define DG_COLS "uscc, year, edition, sector, state, revision, score, level, submitted_by, submitted_at"
	[S_DG_PUT] = "INSERT INTO digital_assessment(" DG_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
		     " ON CONFLICT(uscc, year, edition) DO UPDATE SET sector = excluded.sector, state = excluded.state,"
		     " revision = excluded.revision, score = excluded.score, level = excluded.level,"
		     " submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at RETURNING id",
	[S_DG_GET] = "SELECT " DG_COLS ", id FROM digital_assessment WHERE uscc = ?1 AND year = ?2 AND edition = ?3",
	[S_DG_ALL] = "SELECT " DG_COLS ", id FROM digital_assessment WHERE ?1 IS NULL OR uscc = ?1 ORDER BY uscc, year, edition",
	[S_DG_CLEAR] = "DELETE FROM digital_answer WHERE assessment_id = ?1",
	[S_DG_ANS_ADD] = "INSERT INTO digital_answer(assessment_id, item, answer) VALUES (?1, ?2, ?3)",
	[S_DG_ANS] = "SELECT item, answer FROM digital_answer WHERE assessment_id = ?1 ORDER BY item",
#define SC_COLS "code, batch, title, owner, owner_uscc, kind, category, region, description, budget, mode, deadline," \
		" contact, criteria, status, selected, decided_by, decision, updated_at, project"
	[S_SC_PUT] = "INSERT INTO scenario(" SC_COLS ", seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		     " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, (SELECT coalesce(max(seq), 0) + 1 FROM scenario))"
		     " ON CONFLICT(code) DO UPDATE SET batch = excluded.batch, title = excluded.title, owner = excluded.owner,"
		     " owner_uscc = excluded.owner_uscc, kind = excluded.kind, category = excluded.category,"
		     " region = excluded.region, description = excluded.description, budget = excluded.budget,"
		     " mode = excluded.mode, deadline = excluded.deadline, contact = excluded.contact,"
		     " criteria = excluded.criteria, status = excluded.status, selected = excluded.selected,"
		     " decided_by = excluded.decided_by, decision = excluded.decision, updated_at = excluded.updated_at,"
		     " project = excluded.project",
	[S_SC_GET] = "SELECT " SC_COLS " FROM scenario WHERE code = ?1",
	[S_SC_ALL] = "SELECT " SC_COLS " FROM scenario ORDER BY seq",
	[S_SB_PUT] = "INSERT INTO scenario_batch(number, date, title, published_by) VALUES (?1, ?2, ?3, ?4)"
		     " ON CONFLICT(number) DO UPDATE SET date = excluded.date, title = excluded.title,"
		     " published_by = excluded.published_by",
	[S_SB_ALL] = "SELECT b.number, b.date, b.title, b.published_by,"
		     " (SELECT count(*) FROM scenario s WHERE s.batch = b.number) FROM scenario_batch b ORDER BY b.number",
#define SA_COLS "scenario, uscc, applicant, solution, price, months, state, updated_at"
	[S_SA_PUT] = "INSERT INTO scenario_application(" SA_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		     " ON CONFLICT(scenario, uscc) DO UPDATE SET applicant = excluded.applicant,"
		     " solution = excluded.solution, price = excluded.price, months = excluded.months,"
		     " state = excluded.state, updated_at = excluded.updated_at",
	[S_SA_ALL] = "SELECT " SA_COLS " FROM scenario_application WHERE (?1 IS NULL OR scenario = ?1)"
		     " AND (?2 IS NULL OR uscc = ?2) ORDER BY scenario, uscc",
	[S_SR_PUT] = "INSERT OR IGNORE INTO scenario_reviewer(scenario, reviewer) VALUES (?1, ?2)",
	[S_SR_ALL] = "SELECT scenario, reviewer FROM scenario_reviewer WHERE ?1 IS NULL OR scenario = ?1"
		     " ORDER BY scenario, reviewer",
	[S_SS_PUT] = "INSERT INTO scenario_score(scenario, uscc, reviewer, criterion, score) VALUES (?1, ?2, ?3, ?4, ?5)"
		     " ON CONFLICT(scenario, uscc, reviewer, criterion) DO UPDATE SET score = excluded.score",
	[S_SS_ALL] = "SELECT scenario, uscc, reviewer, criterion, score FROM scenario_score"
		     " WHERE ?1 IS NULL OR scenario = ?1 ORDER BY scenario, uscc, reviewer, criterion",
#define AT_COLS "id, scenario, name, type, size, sha256, added_by, added_at"
	[S_AT_ADD] = "INSERT INTO scenario_attachment(scenario, name, type, size, sha256, added_by, added_at, body)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
	[S_AT_ALL] = "SELECT " AT_COLS " FROM scenario_attachment WHERE scenario = ?1 ORDER BY id",
	[S_AT_GET] = "SELECT " AT_COLS ", body FROM scenario_attachment WHERE scenario = ?1 AND id = ?2",
	[S_NT_ADD] = "INSERT INTO notification(account, at, message, target) VALUES (?1, ?2, ?3, ?4) RETURNING id",
	[S_NT_ALL] = "SELECT id, account, at, message, target FROM notification WHERE account = ?1"
		     " ORDER BY id DESC LIMIT ?2",
#define FD_COLS "code, name, type, capital, categories, regions, stages, min_ticket, max_ticket, max_share, coinvest"
	[S_FD_PUT] = "INSERT INTO fund(" FD_COLS ", seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
		     " (SELECT coalesce(max(seq), 0) + 1 FROM fund))"
		     " ON CONFLICT(code) DO UPDATE SET name = excluded.name, type = excluded.type, capital = excluded.capital,"
		     " categories = excluded.categories, regions = excluded.regions, stages = excluded.stages,"
		     " min_ticket = excluded.min_ticket, max_ticket = excluded.max_ticket, max_share = excluded.max_share,"
		     " coinvest = excluded.coinvest",
	[S_FD_GET] = "SELECT " FD_COLS " FROM fund WHERE code = ?1",
	[S_FD_ALL] = "SELECT " FD_COLS " FROM fund ORDER BY seq",
	[S_IP_ADD] = "INSERT INTO incentive_programme(code, name, year, budget, created_at, seq)"
		     " VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
		     " (SELECT coalesce(max(seq), 0) + 1 FROM incentive_programme))",
	[S_IP_GET] = "SELECT code, name, year, budget FROM incentive_programme WHERE code = ?1",
	[S_IP_ALL] = "SELECT code, name, year, budget FROM incentive_programme ORDER BY seq",
	[S_IR_CLEAR] = "DELETE FROM incentive_rule WHERE programme = ?1",
#define IR_COLS "code, side, base, share_pct, cap, year_cap, categories, regions, sizes, topup_pilot, topup_pct, topup_amount"
	[S_IR_ADD] = "INSERT INTO incentive_rule(programme, seq, " IR_COLS ")"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[S_IR_ALL] = "SELECT " IR_COLS " FROM incentive_rule WHERE programme = ?1 ORDER BY seq",
#define IE_COLS "programme, kind, refers, amount, reference, rule, beneficiary, beneficiary_kind, side, base_amount," \
		" scenario, application, reasons, note, by_user"
	[S_IE_ADD] = "INSERT INTO incentive_entry(" IE_COLS ", at)"
		     " VALUES (?1, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULLIF(?12, 0), ?13, ?14, ?15,"
		     " strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) RETURNING id, at",
	[S_IE_ALL] = "SELECT " IE_COLS ", at, id FROM incentive_entry"
		     " WHERE (?1 IS NULL OR programme = ?1) AND (?2 IS NULL OR beneficiary = ?2) ORDER BY id",
	[S_CI_ALL] = "SELECT i.cluster, i.year, i.indicator, i.value FROM cluster_indicator i JOIN cluster c ON c.code = i.cluster"
		     " WHERE ?1 IS NULL OR i.cluster = ?1 ORDER BY c.seq, i.year, i.indicator",
};

struct sqlite_store {
	struct ec_store base;
	sqlite3 *db;
	sqlite3_stmt *stmt[S_NSTMT];
	int facts_dirty; /* the transaction changed enterprises, reports or deflators */
};

static int fail(struct sqlite_store *s, const char *what)
{
	snprintf(s->base.errmsg, sizeof s->base.errmsg, "%s: %s", what, sqlite3_errmsg(s->db));
	return EC_EIO;
}

/* Resets a statement after use; returns it ready for binding. */
static sqlite3_stmt *stmt(struct sqlite_store *s, enum stmt_id id)
{
	sqlite3_stmt *st = s->stmt[id];
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

static int run(struct sqlite_store *s, enum stmt_id id, const char *what)
{
	sqlite3_stmt *st = stmt(s, id);
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? EC_OK : fail(s, what);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static void bind_real_or_null(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

static double column_real_or_nan(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

static void copy_text(char *dst, size_t size, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

static int exec(struct sqlite_store *s, const char *sql, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(s->base.errmsg, sizeof s->base.errmsg, "%s: %s", what, msg ? msg : "failed");
		sqlite3_free(msg);
		return EC_EIO;
	}
	return EC_OK;
}

/* Runs one write of several statements as a whole: inside a savepoint that
** is rolled back when the write fails, so that a failure leaves the data as
** it was whether or not the caller holds a transaction. */
static int atomically(struct sqlite_store *s, int (*write)(struct ec_store *, const void *), const void *arg)
{
	char keep[sizeof s->base.errmsg];
	int rc;

	if (exec(s, "SAVEPOINT ec_write", "beginning a write"))
		return EC_EIO;
	if ((rc = write(&s->base, arg)) == EC_OK)
		return exec(s, "RELEASE ec_write", "ending a write");
	memcpy(keep, s->base.errmsg, sizeof keep);
	exec(s, "ROLLBACK TO ec_write", "undoing a write");
	exec(s, "RELEASE ec_write", "undoing a write");
	memcpy(s->base.errmsg, keep, sizeof keep);
	return rc;
}

static int user_version(struct sqlite_store *s, int *version)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return fail(s, "reading the schema version");
	rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? EC_OK : fail(s, "reading the schema version");
}

static int migrate(struct sqlite_store *s, const char *path, int readonly)
{
	int version;
	char sql[64];

	if (user_version(s, &version))
		return EC_EIO;
	if (version > EC_SCHEMA_VERSION) {
		snprintf(s->base.errmsg, sizeof s->base.errmsg,
			 "%s: database schema version %d is newer than this echelon understands (%d); "
			 "use a newer echelon", path, version, EC_SCHEMA_VERSION);
		return EC_ESCHEMA;
	}
	if (version == EC_SCHEMA_VERSION)
		return EC_OK;
	if (readonly) {
		snprintf(s->base.errmsg, sizeof s->base.errmsg,
			 "%s: database schema version %d is older than %d; open it read-write once to upgrade",
			 path, version, EC_SCHEMA_VERSION);
		return EC_ESCHEMA;
	}
	/* Each migration and its version bump commit together. */
	for (int v = version; v < EC_SCHEMA_VERSION; v++) {
		if (exec(s, "BEGIN IMMEDIATE", "migrating"))
			return EC_EIO;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if (exec(s, ec_sqlite_migrations[v], "migrating") || exec(s, sql, "migrating") ||
		    exec(s, "COMMIT", "migrating")) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return EC_EIO;
		}
	}
	return EC_OK;
}

static void sq_close(struct ec_store *base)
{
	struct sqlite_store *s = (struct sqlite_store *)base;

	if (!s)
		return;
	for (int i = 0; i < S_NSTMT; i++)
		sqlite3_finalize(s->stmt[i]);
	sqlite3_close(s->db);
	free(s);
}

static int sq_open(const char *path, int flags, struct ec_store **out, char **err);
static void sq_close(struct ec_store *base);

static int sq_open(const char *path, int flags, struct ec_store **out, char **err)
{
	struct sqlite_store *s = ec_calloc(1, sizeof *s);
	int oflags = (flags & EC_STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	int rc = EC_EIO, version = 0;

	*out = NULL;
	*err = NULL;
	s->base.ops = &ec_store_sqlite_ops;
	if (flags & EC_STORE_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*err = ec_asprintf("%s: cannot open the database: %s%s", path,
				   s->db ? sqlite3_errmsg(s->db) : "out of memory",
				   (flags & EC_STORE_CREATE) ? "" : " (create it with `echelon init`)");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 10000);
	sqlite3_extended_result_codes(s->db, 1);
	if ((!(flags & EC_STORE_READONLY) && exec(s, "PRAGMA journal_mode = WAL", "setting WAL mode")) ||
	    exec(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", "configuring")) {
		if (sqlite3_errcode(s->db) == SQLITE_NOTADB) {
			*err = ec_asprintf("%s: not an echelon database (%s)", path, sqlite3_errmsg(s->db));
			goto fail;
		}
		goto failmsg;
	}
	/* A file that is not a database fails here, on its first read. */
	if (user_version(s, &version)) {
		*err = ec_asprintf("%s: not an echelon database: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (version == 0 && !(flags & EC_STORE_CREATE)) {
		*err = ec_asprintf("%s: not an echelon database (create one with `echelon init --db %s`)", path, path);
		goto fail;
	}
	if ((rc = migrate(s, path, flags & EC_STORE_READONLY)) == EC_ESCHEMA && (flags & EC_STORE_READONLY) &&
	    version < EC_SCHEMA_VERSION) {
		/* An older database opened to be read: upgrade it once through a
		** writable connection, then read. */
		struct ec_store *rw = NULL;
		char *rw_err = NULL;
		if (sq_open(path, flags & ~EC_STORE_READONLY, &rw, &rw_err) == EC_OK) {
			sq_close(rw);
			rc = migrate(s, path, 1);
		}
		free(rw_err);
	}
	if (rc != EC_OK)
		goto failmsg;
	for (int i = 0; i < S_NSTMT; i++)
		if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[i], NULL) !=
		    SQLITE_OK) {
			rc = fail(s, "preparing a statement");
			goto failmsg;
		}
	*out = &s->base;
	return EC_OK;
failmsg:
	*err = ec_strdup(s->base.errmsg);
fail:
	sq_close(&s->base);
	return rc == EC_OK ? EC_EIO : rc;
}

static int sq_begin(struct ec_store *base)
{
	struct sqlite_store *s = (struct sqlite_store *)base;

	s->facts_dirty = 0;
	return run(s, S_BEGIN, "beginning a transaction");
}

static int sq_begin_read(struct ec_store *base)
{
	struct sqlite_store *s = (struct sqlite_store *)base;

	s->facts_dirty = 0;
	return run(s, S_BEGIN_READ, "beginning a read");
}

/* The facts' generation moves with the commit of the change that touched
** them: in the same transaction, so that a reader sees either the old
** facts and the old generation or the new ones. A write outside a
** transaction moves it at once. */
static int facts_touched(struct sqlite_store *s)
{
	if (sqlite3_get_autocommit(s->db))
		return run(s, S_FACTS_BUMP, "marking the facts changed");
	s->facts_dirty = 1;
	return EC_OK;
}

static int sq_commit(struct ec_store *base)
{
	struct sqlite_store *s = (struct sqlite_store *)base;

	if (s->facts_dirty && run(s, S_FACTS_BUMP, "marking the facts changed") != EC_OK)
		return EC_EIO;
	s->facts_dirty = 0;
	return run(s, S_COMMIT, "committing");
}

static int sq_rollback(struct ec_store *base)
{
	struct sqlite_store *s = (struct sqlite_store *)base;

	s->facts_dirty = 0;
	if (sqlite3_get_autocommit(s->db))
		return EC_OK;
	return run(s, S_ROLLBACK, "rolling back");
}

static int sq_facts_generation(struct ec_store *base, int64_t *generation)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_FACTS_GEN);
	int rc = sqlite3_step(st);

	*generation = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? EC_OK : fail(s, "reading the facts' generation");
}

static int sq_schema_version(struct ec_store *base, int *version)
{
	return user_version((struct sqlite_store *)base, version);
}

static int sq_catalog_clear(struct ec_store *base, enum ec_catalog_kind kind)
{
	static const char *const sql[] = {
		[EC_CAT_SEI_CATEGORIES] = "DELETE FROM sei_category",
		[EC_CAT_SEI_MAPPINGS] = "DELETE FROM sei_mapping",
		[EC_CAT_INDUSTRIES] = "DELETE FROM industry",
		[EC_CAT_REGIONS] = "DELETE FROM region",
	};
	struct sqlite_store *s = (struct sqlite_store *)base;
	/* References are checked at commit, once the new rows are in. Fixed
	** statements without parameters: nothing from outside. */
	if (exec(s, "PRAGMA defer_foreign_keys = ON", "clearing a catalogue"))
		return EC_EIO;
	return exec(s, sql[kind], "clearing a catalogue");
}

static int sq_category_put(struct ec_store *base, const struct ec_category *c, int seq)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_CAT_PUT);

	bind_text(st, 1, c->code);
	sqlite3_bind_int(st, 2, c->level);
	bind_text(st, 3, c->parent);
	bind_text(st, 4, c->name_zh);
	bind_text(st, 5, c->name_en);
	sqlite3_bind_int(st, 6, seq);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "storing a category");
}

static int sq_mapping_put(struct ec_store *base, const struct ec_mapping *m, int seq)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_MAP_PUT);

	bind_text(st, 1, m->category);
	bind_text(st, 2, m->industry);
	sqlite3_bind_int(st, 3, m->partial);
	sqlite3_bind_int(st, 4, seq);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "storing a mapping");
}

static int sq_industry_put(struct ec_store *base, const struct ec_industry *i, int seq)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_IND_PUT);

	bind_text(st, 1, i->code);
	sqlite3_bind_int(st, 2, i->level);
	bind_text(st, 3, i->parent);
	bind_text(st, 4, i->name_zh);
	bind_text(st, 5, i->name_en);
	sqlite3_bind_int(st, 6, seq);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "storing an industry");
}

static int sq_region_put(struct ec_store *base, const struct ec_region *r, int seq)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_REG_PUT);

	bind_text(st, 1, r->code);
	sqlite3_bind_int(st, 2, r->level);
	bind_text(st, 3, r->parent);
	bind_text(st, 4, r->name_zh);
	bind_text(st, 5, r->name_en);
	bind_real_or_null(st, 6, r->lat);
	bind_real_or_null(st, 7, r->lon);
	sqlite3_bind_int(st, 8, seq);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "storing a region");
}

static int sq_catalog_load(struct ec_store *base, struct ec_catalog *cat)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st;
	int rc;

	st = stmt(s, S_IND_ALL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_industry i = { 0 };
		copy_text(i.code, sizeof i.code, st, 0);
		i.level = sqlite3_column_int(st, 1);
		copy_text(i.parent, sizeof i.parent, st, 2);
		i.name_zh = (char *)sqlite3_column_text(st, 3);
		i.name_en = (char *)sqlite3_column_text(st, 4);
		ec_catalog_add_industry(cat, &i);
	}
	if (rc != SQLITE_DONE)
		return fail(s, "reading industries");
	st = stmt(s, S_REG_ALL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_region r = { 0 };
		copy_text(r.code, sizeof r.code, st, 0);
		r.level = sqlite3_column_int(st, 1);
		copy_text(r.parent, sizeof r.parent, st, 2);
		r.name_zh = (char *)sqlite3_column_text(st, 3);
		r.name_en = (char *)sqlite3_column_text(st, 4);
		r.lat = column_real_or_nan(st, 5);
		r.lon = column_real_or_nan(st, 6);
		ec_catalog_add_region(cat, &r);
	}
	if (rc != SQLITE_DONE)
		return fail(s, "reading regions");
	st = stmt(s, S_CAT_ALL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_category c = { 0 };
		copy_text(c.code, sizeof c.code, st, 0);
		c.level = sqlite3_column_int(st, 1);
		copy_text(c.parent, sizeof c.parent, st, 2);
		c.name_zh = (char *)sqlite3_column_text(st, 3);
		c.name_en = (char *)sqlite3_column_text(st, 4);
		ec_catalog_add_category(cat, &c);
	}
	if (rc != SQLITE_DONE)
		return fail(s, "reading categories");
	st = stmt(s, S_MAP_ALL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_mapping m = { 0 };
		copy_text(m.category, sizeof m.category, st, 0);
		copy_text(m.industry, sizeof m.industry, st, 1);
		m.partial = sqlite3_column_int(st, 2);
		ec_catalog_add_mapping(cat, &m);
	}
	if (rc != SQLITE_DONE)
		return fail(s, "reading mappings");
	sqlite3_reset(st);
	ec_catalog_index(cat);
	return EC_OK;
}

static int sq_enterprise_put(struct ec_store *base, struct ec_enterprise *e)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_ENT_PUT);

	bind_text(st, 1, e->uscc);
	bind_text(st, 2, e->name);
	bind_text(st, 3, e->industry);
	bind_text(st, 4, e->region);
	bind_real_or_null(st, 5, e->lat);
	bind_real_or_null(st, 6, e->lon);
	bind_text(st, 7, e->founded);
	bind_text(st, 8, e->sei_categories);
	bind_text(st, 9, e->sei_primary);
	if (sqlite3_step(st) != SQLITE_ROW)
		return fail(s, "storing an enterprise");
	e->id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return facts_touched(s);
}

/* Steps a bound statement that finds at most one row and reads it into out.
** Returns 0, EC_ENOTFOUND when there is no row, or EC_EIO ("reading WHAT"). */
static int one_row(struct sqlite_store *s, sqlite3_stmt *st, void (*read)(sqlite3_stmt *, void *), void *out,
		   const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		read(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return EC_OK;
	return rc == SQLITE_DONE ? EC_ENOTFOUND : fail(s, what);
}

static void read_enterprise(sqlite3_stmt *st, void *out);

static int sq_enterprise_each(struct ec_store *base, ec_enterprise_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_ENT_ALL);
	struct ec_enterprise *e = ec_malloc(sizeof *e);
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_enterprise(st, e);
		stop = fn(ctx, e);
	}
	free(e);
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "reading enterprises");
}

struct reclassify_ctx {
	struct sqlite_store *s;
	const struct ec_catalog *cat;
	int64_t *ids;
	char (*primary)[16];
	size_t n, cap;
};

static int collect_primary(void *ctx, const struct ec_enterprise *e)
{
	struct reclassify_ctx *r = ctx;
	struct ec_classification cl;
	char bad[64];

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 1024;
		r->ids = ec_realloc(r->ids, r->cap * sizeof *r->ids);
		r->primary = ec_realloc(r->primary, r->cap * sizeof *r->primary);
	}
	r->ids[r->n] = e->id;
	if (ec_classify(r->cat, e->industry, e->sei_categories, &cl, bad, sizeof bad) == EC_OK && cl.primary)
		snprintf(r->primary[r->n], 16, "%s", cl.primary->code);
	else
		r->primary[r->n][0] = '\0';
	r->n++;
	return 0;
}

static int reclassify_rows(struct ec_store *base, const void *arg)
{
	const struct ec_catalog *cat = arg;
	struct sqlite_store *s = (struct sqlite_store *)base;
	struct reclassify_ctx r = { s, cat, NULL, NULL, 0, 0 };
	int rc = sq_enterprise_each(base, collect_primary, &r);

	for (size_t i = 0; rc == EC_OK && i < r.n; i++) {
		sqlite3_stmt *st = stmt(s, S_ENT_SETPRIMARY);
		sqlite3_bind_int64(st, 1, r.ids[i]);
		bind_text(st, 2, r.primary[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = fail(s, "reclassifying enterprises");
	}
	free(r.ids);
	free(r.primary);
	return rc == EC_OK ? facts_touched(s) : rc;
}

static int sq_enterprise_reclassify(struct ec_store *base, const struct ec_catalog *cat)
{
	return atomically((struct sqlite_store *)base, reclassify_rows, cat);
}

static int sq_report_put(struct ec_store *base, const struct ec_report *r)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = s->stmt[S_REP_PUT];

	sqlite3_bind_int64(st, 1, r->enterprise_id);
	sqlite3_bind_int(st, 2, r->period);
	sqlite3_bind_double(st, 3, r->revenue);
	sqlite3_bind_double(st, 4, r->output);
	sqlite3_bind_double(st, 5, r->value_added);
	sqlite3_bind_int64(st, 6, r->employees);
	sqlite3_bind_double(st, 7, r->rd_expense);
	sqlite3_bind_int64(st, 8, r->patents);
	sqlite3_bind_double(st, 9, r->investment);
	sqlite3_bind_double(st, 10, r->exports);
	if (sqlite3_step(st) != SQLITE_DONE) {
		fail(s, "storing a report");
		sqlite3_reset(st);
		return EC_EIO;
	}
	sqlite3_reset(st);
	return s->facts_dirty ? EC_OK : facts_touched(s);
}

static int read_reports(struct sqlite_store *s, sqlite3_stmt *st, ec_report_fn fn, void *ctx);

static int sq_report_each(struct ec_store *base, int from, int to, ec_report_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_REP_RANGE);

	sqlite3_bind_int(st, 1, from < 0 ? 0 : from);
	sqlite3_bind_int(st, 2, to < 0 ? 1 << 30 : to);
	return read_reports(s, st, fn, ctx);
}

static int sq_deflator_put(struct ec_store *base, const struct ec_deflator *d)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_DEF_PUT);

	bind_text(st, 1, d->division);
	sqlite3_bind_int(st, 2, d->period);
	sqlite3_bind_double(st, 3, d->ppi_yoy);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(s, "storing a deflator");
	return facts_touched(s);
}

static int sq_deflator_each(struct ec_store *base, int from, int to, ec_deflator_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_DEF_RANGE);
	int rc, stop = 0;

	sqlite3_bind_int(st, 1, from < 0 ? 0 : from);
	sqlite3_bind_int(st, 2, to < 0 ? 1 << 30 : to);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_deflator d;
		copy_text(d.division, sizeof d.division, st, 0);
		d.period = sqlite3_column_int(st, 1);
		d.ppi_yoy = sqlite3_column_double(st, 2);
		stop = fn(ctx, &d);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "reading deflators");
}

static int sq_import_log_add(struct ec_store *base, struct ec_import_log *l)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_LOG_ADD);

	bind_text(st, 1, l->file);
	bind_text(st, 2, l->kind);
	sqlite3_bind_int64(st, 3, l->rows);
	bind_text(st, 4, l->sha256);
	bind_text(st, 5, l->user ? l->user : "");
	sqlite3_bind_int64(st, 6, l->size);
	bind_text(st, 7, l->format ? l->format : "");
	bind_text(st, 8, l->encoding ? l->encoding : "");
	bind_text(st, 9, l->result ? l->result : "stored");
	sqlite3_bind_int64(st, 10, l->problems);
	if (sqlite3_step(st) != SQLITE_ROW)
		return fail(s, "writing the import log");
	l->id = sqlite3_column_int64(st, 0);
	copy_text(l->at, sizeof l->at, st, 1);
	sqlite3_reset(st);
	return EC_OK;
}

static int sq_import_log_each(struct ec_store *base, ec_import_log_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_LOG_ALL);
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_import_log l;
		l.id = sqlite3_column_int64(st, 0);
		copy_text(l.at, sizeof l.at, st, 1);
		l.file = (const char *)sqlite3_column_text(st, 2);
		l.kind = (const char *)sqlite3_column_text(st, 3);
		l.rows = sqlite3_column_int64(st, 4);
		copy_text(l.sha256, sizeof l.sha256, st, 5);
		l.user = (const char *)sqlite3_column_text(st, 6);
		l.size = sqlite3_column_int64(st, 7);
		l.format = (const char *)sqlite3_column_text(st, 8);
		l.encoding = (const char *)sqlite3_column_text(st, 9);
		l.result = (const char *)sqlite3_column_text(st, 10);
		l.problems = sqlite3_column_int64(st, 11);
		stop = fn(ctx, &l);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "reading the import log");
}

static int count_one(struct sqlite_store *s, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(s, "counting");
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? EC_OK : fail(s, "counting");
}

static int sq_counts(struct ec_store *base, struct ec_store_counts *c)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	int64_t first, last;
	int rc = 0;

	rc |= count_one(s, "SELECT count(*) FROM sei_category", &c->categories);
	rc |= count_one(s, "SELECT count(*) FROM sei_mapping", &c->mappings);
	rc |= count_one(s, "SELECT count(*) FROM industry", &c->industries);
	rc |= count_one(s, "SELECT count(*) FROM region", &c->regions);
	rc |= count_one(s, "SELECT count(*) FROM enterprise", &c->enterprises);
	rc |= count_one(s, "SELECT count(*) FROM report", &c->reports);
	rc |= count_one(s, "SELECT count(*) FROM deflator", &c->deflators);
	rc |= count_one(s, "SELECT count(*) FROM import_log WHERE result = 'stored'", &c->imports);
	rc |= count_one(s, "SELECT min(period) FROM report", &first);
	rc |= count_one(s, "SELECT max(period) FROM report", &last);
	c->first_period = (int)first;
	c->last_period = (int)last;
	return rc ? EC_EIO : EC_OK;
}

static int sq_bulk_mode(struct ec_store *base, int on)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	/* A larger page cache keeps the B-tree of a big import in memory (it
	** grows only as pages are used). References are not checked row by row:
	** the bulk writer (intake) has checked every reference against the
	** catalogues and the enterprises it read inside the same transaction. */
	return exec(s, on ? "PRAGMA cache_size = -2097152; PRAGMA foreign_keys = OFF"
			  : "PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON",
		    "tuning the connection");
}

static void read_enterprise(sqlite3_stmt *st, void *out)
{
	struct ec_enterprise *e = out;

	e->id = sqlite3_column_int64(st, 0);
	copy_text(e->uscc, sizeof e->uscc, st, 1);
	copy_text(e->name, sizeof e->name, st, 2);
	copy_text(e->industry, sizeof e->industry, st, 3);
	copy_text(e->region, sizeof e->region, st, 4);
	e->lat = column_real_or_nan(st, 5);
	e->lon = column_real_or_nan(st, 6);
	copy_text(e->founded, sizeof e->founded, st, 7);
	copy_text(e->sei_categories, sizeof e->sei_categories, st, 8);
	copy_text(e->sei_primary, sizeof e->sei_primary, st, 9);
}

/* Binds a filter; the ids go as one JSON array (?6) that json_each reads,
** built in ids (the caller releases it after the statement ran). */
static void bind_filter(sqlite3_stmt *st, const struct ec_enterprise_filter *f, struct ec_buf *ids)
{
	bind_text(st, 1, f->name_contains ? f->name_contains : "");
	bind_text(st, 2, f->region_prefix ? f->region_prefix : "");
	bind_text(st, 3, f->category ? f->category : "");
	bind_text(st, 4, f->uscc ? f->uscc : "");
	sqlite3_bind_int(st, 5, (int)f->ids_mode);
	if (!ids->len) {
		ec_buf_addc(ids, '[');
		for (size_t i = 0; f->ids && i < f->nids; i++)
			ec_buf_printf(ids, "%s%lld", i ? "," : "", (long long)f->ids[i]);
		ec_buf_addc(ids, ']');
	}
	sqlite3_bind_text(st, 6, ids->data, (int)ids->len, SQLITE_STATIC);
}

static int sq_enterprise_query(struct ec_store *base, const struct ec_enterprise_filter *f, int64_t offset,
			       int64_t limit, ec_enterprise_fn fn, void *ctx, int64_t *total)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_ENT_COUNT);
	struct ec_enterprise *e;
	struct ec_buf ids;
	int rc, stop = 0;

	ec_buf_init(&ids, 0);
	bind_filter(st, f, &ids);
	if (sqlite3_step(st) != SQLITE_ROW) {
		ec_buf_release(&ids);
		return fail(s, "counting enterprises");
	}
	*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	st = stmt(s, S_ENT_QUERY);
	bind_filter(st, f, &ids);
	sqlite3_bind_int64(st, 8, limit);
	sqlite3_bind_int64(st, 9, offset);
	e = ec_malloc(sizeof *e);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_enterprise(st, e);
		stop = fn(ctx, e);
	}
	free(e);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	ec_buf_release(&ids);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "listing enterprises");
}

static int sq_revenue_each(struct ec_store *base, int year, ec_revenue_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_REVENUE);
	int rc, stop = 0;

	sqlite3_bind_int(st, 1, ec_period_make(year, 1));
	sqlite3_bind_int(st, 2, ec_period_make(year, 12));
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1));
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "summing revenue");
}

static int sq_enterprise_get(struct ec_store *base, const char *uscc, struct ec_enterprise *e)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_ENT_GET);

	bind_text(st, 1, uscc);
	return one_row(s, st, read_enterprise, e, "reading an enterprise");
}

static int read_reports(struct sqlite_store *s, sqlite3_stmt *st, ec_report_fn fn, void *ctx)
{
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_report r;
		r.enterprise_id = sqlite3_column_int64(st, 0);
		r.period = sqlite3_column_int(st, 1);
		r.revenue = sqlite3_column_double(st, 2);
		r.output = sqlite3_column_double(st, 3);
		r.value_added = sqlite3_column_double(st, 4);
		r.employees = sqlite3_column_int64(st, 5);
		r.rd_expense = sqlite3_column_double(st, 6);
		r.patents = sqlite3_column_int64(st, 7);
		r.investment = sqlite3_column_double(st, 8);
		r.exports = sqlite3_column_double(st, 9);
		stop = fn(ctx, &r);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "reading reports");
}

static int sq_report_each_enterprise(struct ec_store *base, int64_t id, ec_report_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_REP_ENT);

	sqlite3_bind_int64(st, 1, id);
	return read_reports(s, st, fn, ctx);
}

static void read_user(sqlite3_stmt *st, void *out)
{
	struct ec_user *u = out;
	char role[16];

	u->id = sqlite3_column_int64(st, 0);
	copy_text(u->name, sizeof u->name, st, 1);
	copy_text(u->password_hash, sizeof u->password_hash, st, 2);
	copy_text(role, sizeof role, st, 3);
	u->role = (enum ec_role)ec_role_parse(role);
	copy_text(u->scope, sizeof u->scope, st, 4);
	u->disabled = sqlite3_column_int(st, 5);
	copy_text(u->created_at, sizeof u->created_at, st, 6);
}

static int sq_user_add(struct ec_store *base, struct ec_user *u)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_USER_ADD);
	int rc;

	bind_text(st, 1, u->name);
	bind_text(st, 2, u->password_hash);
	bind_text(st, 3, ec_role_name(u->role));
	bind_text(st, 4, u->scope);
	sqlite3_bind_int(st, 5, u->disabled);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		u->id = sqlite3_column_int64(st, 0);
		copy_text(u->created_at, sizeof u->created_at, st, 1);
		sqlite3_reset(st);
		return EC_OK;
	}
	sqlite3_reset(st);
	if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE) {
		snprintf(s->base.errmsg, sizeof s->base.errmsg, "a user named '%s' exists already", u->name);
		return EC_EDATA;
	}
	return fail(s, "adding a user");
}

static int sq_user_update(struct ec_store *base, const struct ec_user *u)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_USER_UPDATE);

	sqlite3_bind_int64(st, 1, u->id);
	bind_text(st, 2, u->password_hash);
	bind_text(st, 3, ec_role_name(u->role));
	bind_text(st, 4, u->scope);
	sqlite3_bind_int(st, 5, u->disabled);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "updating a user");
}


static int sq_user_get(struct ec_store *base, const char *name, struct ec_user *u)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_USER_GET);

	bind_text(st, 1, name);
	return one_row(s, st, read_user, u, "reading a user");
}

static int sq_user_get_id(struct ec_store *base, int64_t id, struct ec_user *u)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_USER_GET_ID);

	sqlite3_bind_int64(st, 1, id);
	return one_row(s, st, read_user, u, "reading a user");
}

static int sq_user_each(struct ec_store *base, ec_user_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_USER_ALL);
	struct ec_user u;
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_user(st, &u);
		stop = fn(ctx, &u);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "listing users");
}

static int sq_session_put(struct ec_store *base, const struct ec_session *se)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SES_PUT);

	bind_text(st, 1, se->token_hash);
	sqlite3_bind_int64(st, 2, se->user_id);
	bind_text(st, 3, se->csrf_token);
	sqlite3_bind_int64(st, 4, se->created_at);
	sqlite3_bind_int64(st, 5, se->expires_at);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "storing a session");
}

static void read_session(sqlite3_stmt *st, void *out)
{
	struct ec_session *se = out;

	copy_text(se->token_hash, sizeof se->token_hash, st, 0);
	se->user_id = sqlite3_column_int64(st, 1);
	copy_text(se->csrf_token, sizeof se->csrf_token, st, 2);
	se->created_at = sqlite3_column_int64(st, 3);
	se->expires_at = sqlite3_column_int64(st, 4);
}

static int sq_session_get(struct ec_store *base, const char *token_hash, struct ec_session *se)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SES_GET);

	bind_text(st, 1, token_hash);
	return one_row(s, st, read_session, se, "reading a session");
}

static int sq_session_delete(struct ec_store *base, const char *token_hash)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SES_DEL);

	bind_text(st, 1, token_hash);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "deleting a session");
}

static int sq_session_purge(struct ec_store *base, int64_t now, int64_t user_id)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SES_PURGE);

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, user_id);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "purging sessions");
}

static int sq_audit_add(struct ec_store *base, struct ec_audit *a)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_AUDIT_ADD);

	bind_text(st, 1, a->user);
	bind_text(st, 2, a->action);
	bind_text(st, 3, a->target);
	bind_text(st, 4, a->summary);
	if (sqlite3_step(st) != SQLITE_ROW)
		return fail(s, "writing the audit log");
	a->id = sqlite3_column_int64(st, 0);
	copy_text(a->at, sizeof a->at, st, 1);
	sqlite3_reset(st);
	return EC_OK;
}

static int sq_audit_each(struct ec_store *base, int64_t limit, ec_audit_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_AUDIT_ALL);
	int rc, stop = 0;

	sqlite3_bind_int64(st, 1, limit < 0 ? INT64_MAX : limit);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_audit a;
		a.id = sqlite3_column_int64(st, 0);
		copy_text(a.at, sizeof a.at, st, 1);
		a.user = (const char *)sqlite3_column_text(st, 2);
		a.action = (const char *)sqlite3_column_text(st, 3);
		a.target = (const char *)sqlite3_column_text(st, 4);
		a.summary = (const char *)sqlite3_column_text(st, 5);
		stop = fn(ctx, &a);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "reading the audit log");
}

static int sq_published_add(struct ec_store *base, struct ec_published *p)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_PUB_ADD);
	int rc;

	bind_text(st, 1, p->kind);
	bind_text(st, 2, p->period);
	bind_text(st, 3, p->region);
	bind_text(st, 4, p->lang);
	sqlite3_bind_int64(st, 5, p->generation);
	bind_text(st, 6, p->made_by);
	sqlite3_bind_blob(st, 7, p->html ? p->html : "", (int)p->html_len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 8, p->xlsx ? p->xlsx : "", (int)p->xlsx_len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->id = sqlite3_column_int64(st, 0);
		copy_text(p->made_at, sizeof p->made_at, st, 1);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? EC_OK : fail(s, "writing a published report");
}

/* Steps st over published reports, calling fn with each. */
static int each_published(struct sqlite_store *s, sqlite3_stmt *st, ec_published_fn fn, void *ctx, int *found)
{
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_published p;
		memset(&p, 0, sizeof p);
		p.id = sqlite3_column_int64(st, 0);
		copy_text(p.kind, sizeof p.kind, st, 1);
		copy_text(p.period, sizeof p.period, st, 2);
		copy_text(p.region, sizeof p.region, st, 3);
		copy_text(p.lang, sizeof p.lang, st, 4);
		p.generation = sqlite3_column_int64(st, 5);
		copy_text(p.made_by, sizeof p.made_by, st, 6);
		copy_text(p.made_at, sizeof p.made_at, st, 7);
		if (sqlite3_column_type(st, 8) != SQLITE_NULL) {
			p.html = sqlite3_column_blob(st, 8);
			p.html_len = (size_t)sqlite3_column_bytes(st, 8);
			p.xlsx = sqlite3_column_blob(st, 9);
			p.xlsx_len = (size_t)sqlite3_column_bytes(st, 9);
		}
		++*found;
		stop = fn(ctx, &p);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "reading published reports");
}

static int sq_published_get(struct ec_store *base, int64_t id, ec_published_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_PUB_GET);
	int rc, found = 0;

	sqlite3_bind_int64(st, 1, id);
	rc = each_published(s, st, fn, ctx, &found);
	return rc == EC_OK && !found ? EC_ENOTFOUND : rc;
}

static int sq_published_each(struct ec_store *base, int64_t limit, ec_published_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_PUB_ALL);
	int found = 0;

	sqlite3_bind_int64(st, 1, limit);
	return each_published(s, st, fn, ctx, &found);
}

static int sq_job_put(struct ec_store *base, const struct ec_job *j)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_JOB_PUT);
	int rc;

	bind_text(st, 1, j->id);
	sqlite3_bind_int64(st, 2, j->user_id);
	bind_text(st, 3, j->kind);
	bind_text(st, 4, j->label);
	bind_text(st, 5, j->state);
	sqlite3_bind_int64(st, 6, j->created_at);
	sqlite3_bind_int64(st, 7, j->started_at);
	sqlite3_bind_int64(st, 8, j->finished_at);
	sqlite3_bind_int64(st, 9, j->expires_at);
	sqlite3_bind_int(st, 10, j->http_status);
	if (j->result)
		bind_text(st, 11, j->result);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? EC_OK : fail(s, "writing a job");
}

/* Steps st over job rows, calling fn with each. */
static int each_job(struct sqlite_store *s, sqlite3_stmt *st, ec_job_fn fn, void *ctx, int *found)
{
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_job j;
		copy_text(j.id, sizeof j.id, st, 0);
		j.user_id = sqlite3_column_int64(st, 1);
		copy_text(j.kind, sizeof j.kind, st, 2);
		copy_text(j.label, sizeof j.label, st, 3);
		copy_text(j.state, sizeof j.state, st, 4);
		j.created_at = sqlite3_column_int64(st, 5);
		j.started_at = sqlite3_column_int64(st, 6);
		j.finished_at = sqlite3_column_int64(st, 7);
		j.expires_at = sqlite3_column_int64(st, 8);
		j.http_status = sqlite3_column_int(st, 9);
		j.result = (const char *)sqlite3_column_text(st, 10);
		++*found;
		stop = fn(ctx, &j);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "reading jobs");
}

static int sq_job_get(struct ec_store *base, const char *id, int with_result, ec_job_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_JOB_GET);
	int found = 0, rc;

	bind_text(st, 1, id);
	sqlite3_bind_int(st, 2, with_result != 0);
	rc = each_job(s, st, fn, ctx, &found);
	return rc == EC_OK && !found ? EC_ENOTFOUND : rc;
}

static int sq_job_each(struct ec_store *base, int64_t user_id, int64_t limit, ec_job_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_JOB_ALL);
	int found = 0;

	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, limit < 0 ? INT64_MAX : limit);
	return each_job(s, st, fn, ctx, &found);
}

static int sq_job_settle(struct ec_store *base, int64_t now, int64_t expires_at, int http_status, const char *result)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_JOB_SETTLE);
	int rc;

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, expires_at);
	sqlite3_bind_int(st, 3, http_status);
	bind_text(st, 4, result);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return fail(s, "settling the jobs of a stopped server");
	st = stmt(s, S_JOB_PURGE);
	sqlite3_bind_int64(st, 1, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? EC_OK : fail(s, "removing expired jobs");
}

static void read_cluster(sqlite3_stmt *st, void *out)
{
	struct ec_cluster *c = out;
	char tier[16];

	copy_text(c->code, sizeof c->code, st, 0);
	copy_text(c->name_zh, sizeof c->name_zh, st, 1);
	copy_text(c->name_en, sizeof c->name_en, st, 2);
	copy_text(tier, sizeof tier, st, 3);
	c->tier = (enum ec_tier)ec_tier_parse(tier);
	copy_text(c->parent, sizeof c->parent, st, 4);
	copy_text(c->regions, sizeof c->regions, st, 5);
	copy_text(c->categories, sizeof c->categories, st, 6);
	copy_text(c->agency, sizeof c->agency, st, 7);
	c->founded = sqlite3_column_int(st, 8);
	copy_text(c->source, sizeof c->source, st, 9);
}

static int sq_cluster_put(struct ec_store *base, const struct ec_cluster *c)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_CL_PUT);

	bind_text(st, 1, c->code);
	bind_text(st, 2, c->name_zh);
	bind_text(st, 3, c->name_en);
	bind_text(st, 4, ec_tier_name(c->tier));
	bind_text(st, 5, c->parent);
	bind_text(st, 6, c->regions);
	bind_text(st, 7, c->categories);
	bind_text(st, 8, c->agency);
	sqlite3_bind_int(st, 9, c->founded);
	bind_text(st, 10, c->source);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "storing a cluster");
}

static int sq_cluster_get(struct ec_store *base, const char *code, struct ec_cluster *c)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_CL_GET);

	bind_text(st, 1, code);
	return one_row(s, st, read_cluster, c, "reading a cluster");
}

static int sq_cluster_each(struct ec_store *base, ec_cluster_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_CL_ALL);
	struct ec_cluster *c = ec_malloc(sizeof *c);
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_cluster(st, c);
		stop = fn(ctx, c);
	}
	free(c);
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "listing clusters");
}

static int sq_cluster_member_put(struct ec_store *base, const char *cluster, const char *uscc, int include)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, include < 0 ? S_CM_DEL : S_CM_PUT);

	bind_text(st, 1, cluster);
	bind_text(st, 2, uscc);
	if (include >= 0)
		bind_text(st, 3, include ? "include" : "exclude");
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "storing a member rule");
}

static int sq_cluster_member_each(struct ec_store *base, const char *cluster, ec_member_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_CM_ALL);
	int rc, stop = 0;

	if (cluster)
		bind_text(st, 1, cluster);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			  strcmp((const char *)sqlite3_column_text(st, 2), "include") == 0);
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "reading member rules");
}

static int sq_cluster_indicator_put(struct ec_store *base, const char *cluster, int year, const char *indicator,
				    double value)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_CI_PUT);

	bind_text(st, 1, cluster);
	sqlite3_bind_int(st, 2, year);
	bind_text(st, 3, indicator);
	sqlite3_bind_double(st, 4, value);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "storing an indicator");
}

static int sq_cluster_indicator_each(struct ec_store *base, const char *cluster, ec_indicator_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_CI_ALL);
	int rc, stop = 0;

	if (cluster)
		bind_text(st, 1, cluster);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
			  (const char *)sqlite3_column_text(st, 2), sqlite3_column_double(st, 3));
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "reading indicators");
}

static int run_code(struct sqlite_store *s, enum stmt_id id, const char *code, const char *what)
{
	sqlite3_stmt *st = stmt(s, id);
	bind_text(st, 1, code);
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, what);
}

static int project_put_rows(struct ec_store *base, const void *arg)
{
	const struct ec_project *p = arg;
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_PJ_PUT);

	bind_text(st, 1, p->code);
	bind_text(st, 2, p->name);
	bind_text(st, 3, p->owner);
	bind_text(st, 4, p->category);
	bind_text(st, 5, p->cluster);
	bind_text(st, 6, p->region);
	bind_text(st, 7, ec_project_kind_name(p->kind));
	sqlite3_bind_double(st, 8, p->total_investment);
	sqlite3_bind_int(st, 9, p->start);
	sqlite3_bind_int(st, 10, p->end);
	bind_text(st, 11, ec_stage_name(p->stage));
	for (int k = 0; k < EC_NSOURCES; k++)
		sqlite3_bind_double(st, 12 + k, p->funding[k]);
	sqlite3_bind_double(st, 18, p->land_mu);
	sqlite3_bind_double(st, 19, p->energy_tce);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(s, "storing a project");
	if (run_code(s, S_PJ_CLEAR_PLAN, p->code, "storing a project") ||
	    run_code(s, S_PJ_CLEAR_DONE, p->code, "storing a project") ||
	    run_code(s, S_PJ_CLEAR_REV, p->code, "storing a project"))
		return EC_EIO;
	for (size_t i = 0; i < p->nplan; i++) {
		st = stmt(s, S_PJ_PLAN_ADD);
		bind_text(st, 1, p->code);
		sqlite3_bind_int(st, 2, p->plan[i].period);
		sqlite3_bind_double(st, 3, p->plan[i].share);
		if (sqlite3_step(st) != SQLITE_DONE)
			return fail(s, "storing a project's plan");
	}
	for (size_t i = 0; i < p->ncompleted; i++) {
		st = stmt(s, S_PJ_DONE_ADD);
		bind_text(st, 1, p->code);
		sqlite3_bind_int(st, 2, p->completed[i].period);
		sqlite3_bind_double(st, 3, p->completed[i].amount);
		if (sqlite3_step(st) != SQLITE_DONE)
			return fail(s, "storing a project's progress");
	}
	for (size_t i = 0; i < p->nrevisions; i++) {
		st = stmt(s, S_PJ_REV_ADD);
		bind_text(st, 1, p->code);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		sqlite3_bind_int(st, 3, p->revisions[i].period);
		sqlite3_bind_double(st, 4, p->revisions[i].old_total);
		sqlite3_bind_double(st, 5, p->revisions[i].new_total);
		bind_text(st, 6, p->revisions[i].reason);
		if (sqlite3_step(st) != SQLITE_DONE)
			return fail(s, "storing a project's revisions");
	}
	return EC_OK;
}

static int sq_project_put(struct ec_store *base, const struct ec_project *p)
{
	return atomically((struct sqlite_store *)base, project_put_rows, p);
}

static void read_project_row(sqlite3_stmt *st, struct ec_project *p)
{
	char kind[40], stage[40];

	ec_project_init(p);
	copy_text(p->code, sizeof p->code, st, 0);
	copy_text(p->name, sizeof p->name, st, 1);
	copy_text(p->owner, sizeof p->owner, st, 2);
	copy_text(p->category, sizeof p->category, st, 3);
	copy_text(p->cluster, sizeof p->cluster, st, 4);
	copy_text(p->region, sizeof p->region, st, 5);
	copy_text(kind, sizeof kind, st, 6);
	p->kind = (enum ec_project_kind)ec_project_kind_parse(kind);
	p->total_investment = sqlite3_column_double(st, 7);
	p->start = sqlite3_column_int(st, 8);
	p->end = sqlite3_column_int(st, 9);
	copy_text(stage, sizeof stage, st, 10);
	p->stage = (enum ec_stage)ec_stage_parse(stage);
	for (int k = 0; k < EC_NSOURCES; k++)
		p->funding[k] = sqlite3_column_double(st, 11 + k);
	p->land_mu = sqlite3_column_double(st, 17);
	p->energy_tce = sqlite3_column_double(st, 18);
}

static int read_project_arrays(struct sqlite_store *s, struct ec_project *p)
{
	sqlite3_stmt *st = stmt(s, S_PJ_PLAN);
	int rc;

	bind_text(st, 1, p->code);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->plan = ec_realloc(p->plan, (p->nplan + 1) * sizeof *p->plan);
		p->plan[p->nplan].period = sqlite3_column_int(st, 0);
		p->plan[p->nplan++].share = sqlite3_column_double(st, 1);
	}
	if (rc != SQLITE_DONE)
		return fail(s, "reading a project's plan");
	st = stmt(s, S_PJ_DONE);
	bind_text(st, 1, p->code);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->completed = ec_realloc(p->completed, (p->ncompleted + 1) * sizeof *p->completed);
		p->completed[p->ncompleted].period = sqlite3_column_int(st, 0);
		p->completed[p->ncompleted++].amount = sqlite3_column_double(st, 1);
	}
	if (rc != SQLITE_DONE)
		return fail(s, "reading a project's progress");
	st = stmt(s, S_PJ_REV);
	bind_text(st, 1, p->code);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_revision *v;
		p->revisions = ec_realloc(p->revisions, (p->nrevisions + 1) * sizeof *p->revisions);
		v = &p->revisions[p->nrevisions++];
		v->period = sqlite3_column_int(st, 0);
		v->old_total = sqlite3_column_double(st, 1);
		v->new_total = sqlite3_column_double(st, 2);
		copy_text(v->reason, sizeof v->reason, st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? EC_OK : fail(s, "reading a project's revisions");
}

static int sq_project_get(struct ec_store *base, const char *code, struct ec_project *p)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_PJ_GET);
	int rc;

	bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_project_row(st, p);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? EC_ENOTFOUND : fail(s, "reading a project");
	return read_project_arrays(s, p);
}

static int sq_project_each(struct ec_store *base, ec_project_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	struct ec_project *list = NULL;
	size_t n = 0;
	sqlite3_stmt *st = stmt(s, S_PJ_ALL);
	int rc, stop = 0;

	/* Rows first, then their arrays: one statement at a time. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		list = ec_realloc(list, (n + 1) * sizeof *list);
		read_project_row(st, &list[n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(list);
		return fail(s, "listing projects");
	}
	rc = EC_OK;
	for (size_t i = 0; i < n; i++) {
		if (!stop && rc == EC_OK && (rc = read_project_arrays(s, &list[i])) == EC_OK)
			stop = fn(ctx, &list[i]);
		ec_project_release(&list[i]);
	}
	free(list);
	return stop ? stop : rc;
}

static void read_fund(sqlite3_stmt *st, void *out)
{
	struct ec_fund *f = out;
	char type[40], stages[128], coinvest[40], why[64];

	ec_fund_init(f);
	copy_text(f->code, sizeof f->code, st, 0);
	copy_text(f->name, sizeof f->name, st, 1);
	copy_text(type, sizeof type, st, 2);
	f->type = (enum ec_fund_type)ec_fund_type_parse(type);
	f->capital = sqlite3_column_double(st, 3);
	copy_text(f->categories, sizeof f->categories, st, 4);
	copy_text(f->regions, sizeof f->regions, st, 5);
	copy_text(stages, sizeof stages, st, 6);
	ec_stage_set_parse(stages, &f->stages, why, sizeof why);
	f->min_ticket = sqlite3_column_double(st, 7);
	f->max_ticket = sqlite3_column_double(st, 8);
	f->max_share = sqlite3_column_double(st, 9);
	copy_text(coinvest, sizeof coinvest, st, 10);
	f->coinvest = (enum ec_coinvest)ec_coinvest_parse(coinvest);
}

static int sq_fund_put(struct ec_store *base, const struct ec_fund *f)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_FD_PUT);
	char stages[128];

	ec_stage_set_format(f->stages, stages, sizeof stages);
	bind_text(st, 1, f->code);
	bind_text(st, 2, f->name);
	bind_text(st, 3, ec_fund_type_name(f->type));
	sqlite3_bind_double(st, 4, f->capital);
	bind_text(st, 5, f->categories);
	bind_text(st, 6, f->regions);
	sqlite3_bind_text(st, 7, stages, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(st, 8, f->min_ticket);
	sqlite3_bind_double(st, 9, f->max_ticket);
	sqlite3_bind_double(st, 10, f->max_share);
	bind_text(st, 11, ec_coinvest_name(f->coinvest));
	return sqlite3_step(st) == SQLITE_DONE ? EC_OK : fail(s, "storing a fund");
}

static int sq_fund_get(struct ec_store *base, const char *code, struct ec_fund *f)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_FD_GET);

	bind_text(st, 1, code);
	return one_row(s, st, read_fund, f, "reading a fund");
}

static int sq_fund_each(struct ec_store *base, ec_fund_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_FD_ALL);
	struct ec_fund f;
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_fund(st, &f);
		stop = fn(ctx, &f);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "listing funds");
}

/* ---- SME digital-level questionnaires ---- */

static void read_digital(sqlite3_stmt *st, void *out)
{
	struct ec_digital_assessment *a = out;
	char state[16];

	memset(a, 0, sizeof *a);
	copy_text(a->uscc, sizeof a->uscc, st, 0);
	a->year = sqlite3_column_int(st, 1);
	copy_text(a->edition, sizeof a->edition, st, 2);
	copy_text(a->sector, sizeof a->sector, st, 3);
	copy_text(state, sizeof state, st, 4);
	a->state = strcmp(state, "submitted") == 0 ? EC_DIGITAL_SUBMITTED : EC_DIGITAL_DRAFT;
	a->revision = sqlite3_column_int(st, 5);
	a->score = column_real_or_nan(st, 6);
	a->level = sqlite3_column_int(st, 7);
	copy_text(a->submitted_by, sizeof a->submitted_by, st, 8);
	copy_text(a->submitted_at, sizeof a->submitted_at, st, 9);
}

struct digital_write {
	const struct ec_digital_assessment *a;
	const struct ec_digital_answer *answers;
	size_t n;
};

static int digital_write(struct ec_store *base, const void *arg)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	const struct digital_write *w = arg;
	sqlite3_stmt *st = stmt(s, S_DG_PUT);
	sqlite3_int64 id;

	bind_text(st, 1, w->a->uscc);
	sqlite3_bind_int(st, 2, w->a->year);
	bind_text(st, 3, w->a->edition);
	bind_text(st, 4, w->a->sector);
	bind_text(st, 5, ec_digital_state_name(w->a->state));
	sqlite3_bind_int(st, 6, w->a->revision);
	bind_real_or_null(st, 7, w->a->score);
	sqlite3_bind_int(st, 8, w->a->level);
	bind_text(st, 9, w->a->submitted_by);
	bind_text(st, 10, w->a->submitted_at);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return fail(s, "storing a digital-level questionnaire");
	}
	id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = stmt(s, S_DG_CLEAR);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(s, "clearing digital-level answers");
	for (size_t i = 0; i < w->n; i++) {
		st = stmt(s, S_DG_ANS_ADD);
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, w->answers[i].item);
		bind_text(st, 3, w->answers[i].answer);
		if (sqlite3_step(st) != SQLITE_DONE)
			return fail(s, "storing a digital-level answer");
	}
	return EC_OK;
}

static int sq_digital_put(struct ec_store *base, const struct ec_digital_assessment *a,
			  const struct ec_digital_answer *answers, size_t n)
{
	struct digital_write w = { a, answers, n };
	return atomically((struct sqlite_store *)base, digital_write, &w);
}

static int sq_digital_get(struct ec_store *base, const char *uscc, int year, const char *edition,
			  struct ec_digital_assessment *a, struct ec_digital_answer **answers, size_t *n)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_DG_GET);
	sqlite3_int64 id;
	size_t cap = 0;
	int rc;

	*answers = NULL;
	*n = 0;
	bind_text(st, 1, uscc);
	sqlite3_bind_int(st, 2, year);
	bind_text(st, 3, edition);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? EC_ENOTFOUND : fail(s, "reading a digital-level questionnaire");
	}
	read_digital(st, a);
	id = sqlite3_column_int64(st, 10);
	sqlite3_reset(st);
	st = stmt(s, S_DG_ANS);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			*answers = ec_realloc(*answers, (cap = cap ? 2 * cap : 16) * sizeof **answers);
		copy_text((*answers)[*n].item, sizeof (*answers)[*n].item, st, 0);
		copy_text((*answers)[*n].answer, sizeof (*answers)[*n].answer, st, 1);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*answers);
		*answers = NULL;
		*n = 0;
		return fail(s, "reading digital-level answers");
	}
	return EC_OK;
}

static int sq_digital_each(struct ec_store *base, const char *uscc, ec_digital_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_DG_ALL);
	struct ec_digital_assessment a;
	int rc, stop = 0;

	if (uscc)
		bind_text(st, 1, uscc);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_digital(st, &a);
		stop = fn(ctx, &a);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "listing digital-level questionnaires");
}

/* ---- incentive programmes and their ledger ---- */

static void read_programme(sqlite3_stmt *st, void *out)
{
	struct ec_incentive_programme *p = out;

	copy_text(p->code, sizeof p->code, st, 0);
	copy_text(p->name, sizeof p->name, st, 1);
	p->year = sqlite3_column_int(st, 2);
	p->budget = sqlite3_column_double(st, 3);
}

struct rules_write {
	const char *programme;
	const struct ec_incentive_rule *rules;
	size_t n;
};

static int rules_write(struct ec_store *base, const void *arg)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	const struct rules_write *w = arg;
	sqlite3_stmt *st = stmt(s, S_IR_CLEAR);

	bind_text(st, 1, w->programme);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(s, "clearing incentive rules");
	for (size_t i = 0; i < w->n; i++) {
		const struct ec_incentive_rule *r = &w->rules[i];
		st = stmt(s, S_IR_ADD);
		bind_text(st, 1, w->programme);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
		bind_text(st, 3, r->code);
		bind_text(st, 4, ec_incentive_side_name(r->side));
		bind_text(st, 5, ec_incentive_base_name(r->base));
		sqlite3_bind_double(st, 6, r->share_pct);
		sqlite3_bind_double(st, 7, r->cap);
		sqlite3_bind_double(st, 8, r->year_cap);
		bind_text(st, 9, r->categories);
		bind_text(st, 10, r->regions);
		sqlite3_bind_int64(st, 11, r->sizes);
		bind_text(st, 12, ec_pilot_name(r->topup_pilot));
		sqlite3_bind_double(st, 13, r->topup_pct);
		sqlite3_bind_double(st, 14, r->topup_amount);
		if (sqlite3_step(st) != SQLITE_DONE)
			return fail(s, "storing an incentive rule");
	}
	return EC_OK;
}

static int programme_write(struct ec_store *base, const void *arg)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	const struct ec_incentive_programme *p = arg;
	struct rules_write w = { p->code, p->rules, p->nrules };
	sqlite3_stmt *st = stmt(s, S_IP_ADD);

	bind_text(st, 1, p->code);
	bind_text(st, 2, p->name);
	sqlite3_bind_int(st, 3, p->year);
	sqlite3_bind_double(st, 4, p->budget);
	if (sqlite3_step(st) != SQLITE_DONE) {
		int unique = sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_PRIMARYKEY;
		fail(s, "storing an incentive programme");
		return unique ? EC_EDATA : EC_EIO;
	}
	return rules_write(base, &w);
}

static int sq_programme_add(struct ec_store *base, const struct ec_incentive_programme *p)
{
	return atomically((struct sqlite_store *)base, programme_write, p);
}

static int sq_rules_put(struct ec_store *base, const char *programme, const struct ec_incentive_rule *rules, size_t n)
{
	struct rules_write w = { programme, rules, n };
	return atomically((struct sqlite_store *)base, rules_write, &w);
}

static int sq_programme_get(struct ec_store *base, const char *code, struct ec_incentive_programme *p)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_IP_GET);
	size_t cap = 0;
	int rc;

	bind_text(st, 1, code);
	if ((rc = one_row(s, st, read_programme, p, "reading an incentive programme")) != EC_OK)
		return rc;
	st = stmt(s, S_IR_ALL);
	bind_text(st, 1, code);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ec_incentive_rule *r;
		char name[16];
		int v;
		if (p->nrules == cap)
			p->rules = ec_realloc(p->rules, (cap = cap ? 2 * cap : 8) * sizeof *p->rules);
		r = &p->rules[p->nrules++];
		memset(r, 0, sizeof *r);
		copy_text(r->code, sizeof r->code, st, 0);
		copy_text(name, sizeof name, st, 1);
		r->side = (v = ec_incentive_side_parse(name)) >= 0 ? (enum ec_incentive_side)v : EC_SIDE_OWNER;
		copy_text(name, sizeof name, st, 2);
		r->base = (v = ec_incentive_base_parse(name)) >= 0 ? (enum ec_incentive_base)v : EC_BASE_PURCHASE;
		r->share_pct = sqlite3_column_double(st, 3);
		r->cap = sqlite3_column_double(st, 4);
		r->year_cap = sqlite3_column_double(st, 5);
		copy_text(r->categories, sizeof r->categories, st, 6);
		copy_text(r->regions, sizeof r->regions, st, 7);
		r->sizes = (unsigned)sqlite3_column_int64(st, 8);
		copy_text(name, sizeof name, st, 9);
		r->topup_pilot = (v = ec_pilot_parse(name)) >= 0 ? (enum ec_pilot)v : EC_PILOT_NONE;
		r->topup_pct = sqlite3_column_double(st, 10);
		r->topup_amount = sqlite3_column_double(st, 11);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		ec_incentive_programme_release(p);
		return fail(s, "reading incentive rules");
	}
	return EC_OK;
}

static int sq_programme_each(struct ec_store *base, ec_programme_fn fn, void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_IP_ALL);
	struct ec_incentive_programme p;
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ec_incentive_programme_init(&p);
		read_programme(st, &p);
		stop = fn(ctx, &p);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "listing incentive programmes");
}

static int sq_entry_add(struct ec_store *base, struct ec_ledger_entry *e)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_IE_ADD);
	int rc;

	bind_text(st, 1, e->programme);
	bind_text(st, 2, ec_entry_kind_name(e->kind));
	sqlite3_bind_int64(st, 3, e->refers);
	sqlite3_bind_double(st, 4, e->amount);
	bind_text(st, 5, e->reference);
	bind_text(st, 6, e->rule);
	bind_text(st, 7, e->beneficiary);
	bind_text(st, 8, e->beneficiary_account ? "account" : "enterprise");
	bind_text(st, 9, ec_incentive_side_name(e->side));
	sqlite3_bind_double(st, 10, e->base_amount);
	bind_text(st, 11, e->scenario);
	sqlite3_bind_int64(st, 12, e->application);
	bind_text(st, 13, e->reasons);
	bind_text(st, 14, e->note);
	bind_text(st, 15, e->by);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		int unique = sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE;
		sqlite3_reset(st);
		fail(s, "storing a ledger entry");
		return unique ? EC_EDATA : EC_EIO;
	}
	e->id = sqlite3_column_int64(st, 0);
	copy_text(e->at, sizeof e->at, st, 1);
	sqlite3_reset(st);
	return EC_OK;
}

static int sq_entry_each(struct ec_store *base, const char *programme, const char *beneficiary, ec_entry_fn fn,
			 void *ctx)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_IE_ALL);
	struct ec_ledger_entry *e = ec_malloc(sizeof *e);
	int rc, stop = 0;

	if (programme)
		bind_text(st, 1, programme);
	if (beneficiary)
		bind_text(st, 2, beneficiary);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char name[16];
		int v;
		memset(e, 0, sizeof *e);
		copy_text(e->programme, sizeof e->programme, st, 0);
		copy_text(name, sizeof name, st, 1);
		e->kind = (v = ec_entry_kind_parse(name)) >= 0 ? (enum ec_entry_kind)v : EC_ENTRY_COMMITMENT;
		e->refers = sqlite3_column_int64(st, 2);
		e->amount = sqlite3_column_double(st, 3);
		copy_text(e->reference, sizeof e->reference, st, 4);
		copy_text(e->rule, sizeof e->rule, st, 5);
		copy_text(e->beneficiary, sizeof e->beneficiary, st, 6);
		copy_text(name, sizeof name, st, 7);
		e->beneficiary_account = !strcmp(name, "account");
		copy_text(name, sizeof name, st, 8);
		e->side = (v = ec_incentive_side_parse(name)) >= 0 ? (enum ec_incentive_side)v : EC_SIDE_OWNER;
		e->base_amount = sqlite3_column_double(st, 9);
		copy_text(e->scenario, sizeof e->scenario, st, 10);
		e->application = sqlite3_column_int64(st, 11);
		copy_text(e->reasons, sizeof e->reasons, st, 12);
		copy_text(e->note, sizeof e->note, st, 13);
		copy_text(e->by, sizeof e->by, st, 14);
		copy_text(e->at, sizeof e->at, st, 15);
		e->id = sqlite3_column_int64(st, 16);
		stop = fn(ctx, e);
	}
	sqlite3_reset(st);
	free(e);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? EC_OK : fail(s, "listing ledger entries");
}

/* ---- application scenarios ---- */

/* Steps st to its end, copying each row with read into a growing array of
** entries of size bytes. On failure frees it and returns EC_EIO. */
static int read_rows(struct sqlite_store *s, sqlite3_stmt *st, size_t size, void (*read)(sqlite3_stmt *, void *),
		     void **items, size_t *n, const char *what)
{
	size_t cap = 0;
	char *array = NULL;
	int rc;

	*items = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			array = ec_realloc(array, (cap = cap ? 2 * cap : 16) * size);
		read(st, array + *n * size);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(array);
		*n = 0;
		return fail(s, what);
	}
	*items = array;
	return EC_OK;
}

static int step_done(struct sqlite_store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? EC_OK : fail(s, what);
}

static void read_scenario(sqlite3_stmt *st, void *out)
{
	struct ec_scenario *sc = out;
	char word[16];

	memset(sc, 0, sizeof *sc);
	copy_text(sc->code, sizeof sc->code, st, 0);
	sc->batch = sqlite3_column_int(st, 1);
	copy_text(sc->title, sizeof sc->title, st, 2);
	copy_text(sc->owner, sizeof sc->owner, st, 3);
	copy_text(sc->owner_uscc, sizeof sc->owner_uscc, st, 4);
	copy_text(word, sizeof word, st, 5);
	sc->kind = (enum ec_scenario_kind)ec_scenario_kind_parse(word);
	copy_text(sc->category, sizeof sc->category, st, 6);
	copy_text(sc->region, sizeof sc->region, st, 7);
	copy_text(sc->description, sizeof sc->description, st, 8);
	sc->budget = column_real_or_nan(st, 9);
	copy_text(sc->mode, sizeof sc->mode, st, 10);
	copy_text(sc->deadline, sizeof sc->deadline, st, 11);
	copy_text(sc->contact, sizeof sc->contact, st, 12);
	copy_text(sc->criteria, sizeof sc->criteria, st, 13);
	copy_text(word, sizeof word, st, 14);
	sc->status = (enum ec_scenario_status)ec_scenario_status_parse(word);
	copy_text(sc->selected, sizeof sc->selected, st, 15);
	copy_text(sc->decided_by, sizeof sc->decided_by, st, 16);
	copy_text(sc->decision, sizeof sc->decision, st, 17);
	copy_text(sc->updated_at, sizeof sc->updated_at, st, 18);
	copy_text(sc->project, sizeof sc->project, st, 19);
}

static int sq_scenario_put(struct ec_store *base, const struct ec_scenario *sc)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SC_PUT);

	bind_text(st, 1, sc->code);
	sqlite3_bind_int(st, 2, sc->batch);
	bind_text(st, 3, sc->title);
	bind_text(st, 4, sc->owner);
	bind_text(st, 5, sc->owner_uscc);
	bind_text(st, 6, ec_scenario_kind_name(sc->kind));
	bind_text(st, 7, sc->category);
	bind_text(st, 8, sc->region);
	bind_text(st, 9, sc->description);
	bind_real_or_null(st, 10, sc->budget);
	bind_text(st, 11, sc->mode);
	bind_text(st, 12, sc->deadline);
	bind_text(st, 13, sc->contact);
	bind_text(st, 14, sc->criteria);
	bind_text(st, 15, ec_scenario_status_name(sc->status));
	bind_text(st, 16, sc->selected);
	bind_text(st, 17, sc->decided_by);
	bind_text(st, 18, sc->decision);
	bind_text(st, 19, sc->updated_at);
	bind_text(st, 20, sc->project);
	return step_done(s, st, "storing a scenario");
}

static int sq_scenario_get(struct ec_store *base, const char *code, struct ec_scenario *sc)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SC_GET);
	int rc;

	bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_scenario(st, sc);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? EC_OK : rc == SQLITE_DONE ? EC_ENOTFOUND : fail(s, "reading a scenario");
}

static int sq_scenario_list(struct ec_store *base, struct ec_scenario **items, size_t *n)
{
	struct sqlite_store *s = (struct sqlite_store *)base;

	return read_rows(s, stmt(s, S_SC_ALL), sizeof **items, read_scenario, (void **)items, n, "listing scenarios");
}

static void read_batch(sqlite3_stmt *st, void *out)
{
	struct ec_scenario_batch *b = out;

	memset(b, 0, sizeof *b);
	b->number = sqlite3_column_int(st, 0);
	copy_text(b->date, sizeof b->date, st, 1);
	copy_text(b->title, sizeof b->title, st, 2);
	copy_text(b->published_by, sizeof b->published_by, st, 3);
	b->scenarios = sqlite3_column_int(st, 4);
}

static int sq_batch_put(struct ec_store *base, const struct ec_scenario_batch *b)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SB_PUT);

	sqlite3_bind_int(st, 1, b->number);
	bind_text(st, 2, b->date);
	bind_text(st, 3, b->title);
	bind_text(st, 4, b->published_by);
	return step_done(s, st, "storing a scenario batch");
}

static int sq_batch_list(struct ec_store *base, struct ec_scenario_batch **items, size_t *n)
{
	struct sqlite_store *s = (struct sqlite_store *)base;

	return read_rows(s, stmt(s, S_SB_ALL), sizeof **items, read_batch, (void **)items, n, "listing scenario batches");
}

static void read_application(sqlite3_stmt *st, void *out)
{
	struct ec_application *a = out;
	char state[16];

	memset(a, 0, sizeof *a);
	copy_text(a->scenario, sizeof a->scenario, st, 0);
	copy_text(a->uscc, sizeof a->uscc, st, 1);
	copy_text(a->applicant, sizeof a->applicant, st, 2);
	copy_text(a->solution, sizeof a->solution, st, 3);
	a->price = sqlite3_column_double(st, 4);
	a->months = sqlite3_column_int(st, 5);
	copy_text(state, sizeof state, st, 6);
	a->state = strcmp(state, "withdrawn") == 0 ? EC_APP_WITHDRAWN : EC_APP_SUBMITTED;
	copy_text(a->updated_at, sizeof a->updated_at, st, 7);
	a->total = NAN;
}

static int sq_application_put(struct ec_store *base, const struct ec_application *a)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SA_PUT);

	bind_text(st, 1, a->scenario);
	bind_text(st, 2, a->uscc);
	bind_text(st, 3, a->applicant);
	bind_text(st, 4, a->solution);
	sqlite3_bind_double(st, 5, a->price);
	sqlite3_bind_int(st, 6, a->months);
	bind_text(st, 7, ec_application_state_name(a->state));
	bind_text(st, 8, a->updated_at);
	return step_done(s, st, "storing an application");
}

static int sq_application_list(struct ec_store *base, const char *scenario, const char *uscc,
			       struct ec_application **items, size_t *n)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SA_ALL);

	if (scenario)
		bind_text(st, 1, scenario);
	if (uscc)
		bind_text(st, 2, uscc);
	return read_rows(s, st, sizeof **items, read_application, (void **)items, n, "listing applications");
}

static void read_reviewer(sqlite3_stmt *st, void *out)
{
	struct ec_scenario_reviewer *r = out;

	memset(r, 0, sizeof *r);
	copy_text(r->scenario, sizeof r->scenario, st, 0);
	copy_text(r->reviewer, sizeof r->reviewer, st, 1);
}

static int sq_reviewer_put(struct ec_store *base, const struct ec_scenario_reviewer *r)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SR_PUT);

	bind_text(st, 1, r->scenario);
	bind_text(st, 2, r->reviewer);
	return step_done(s, st, "assigning a reviewer");
}

static int sq_reviewer_list(struct ec_store *base, const char *scenario, struct ec_scenario_reviewer **items,
			    size_t *n)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SR_ALL);

	if (scenario)
		bind_text(st, 1, scenario);
	return read_rows(s, st, sizeof **items, read_reviewer, (void **)items, n, "listing reviewers");
}

static void read_score(sqlite3_stmt *st, void *out)
{
	struct ec_scenario_score *sc = out;

	memset(sc, 0, sizeof *sc);
	copy_text(sc->scenario, sizeof sc->scenario, st, 0);
	copy_text(sc->uscc, sizeof sc->uscc, st, 1);
	copy_text(sc->reviewer, sizeof sc->reviewer, st, 2);
	copy_text(sc->criterion, sizeof sc->criterion, st, 3);
	sc->score = sqlite3_column_double(st, 4);
}

static int sq_score_put(struct ec_store *base, const struct ec_scenario_score *sc)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SS_PUT);

	bind_text(st, 1, sc->scenario);
	bind_text(st, 2, sc->uscc);
	bind_text(st, 3, sc->reviewer);
	bind_text(st, 4, sc->criterion);
	sqlite3_bind_double(st, 5, sc->score);
	return step_done(s, st, "storing a score");
}

static int sq_score_list(struct ec_store *base, const char *scenario, struct ec_scenario_score **items, size_t *n)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_SS_ALL);

	if (scenario)
		bind_text(st, 1, scenario);
	return read_rows(s, st, sizeof **items, read_score, (void **)items, n, "listing scores");
}

static void read_attachment(sqlite3_stmt *st, void *out)
{
	struct ec_attachment *a = out;

	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	copy_text(a->scenario, sizeof a->scenario, st, 1);
	copy_text(a->name, sizeof a->name, st, 2);
	copy_text(a->type, sizeof a->type, st, 3);
	a->size = sqlite3_column_int64(st, 4);
	copy_text(a->sha256, sizeof a->sha256, st, 5);
	copy_text(a->added_by, sizeof a->added_by, st, 6);
	copy_text(a->added_at, sizeof a->added_at, st, 7);
}

static int sq_attachment_add(struct ec_store *base, struct ec_attachment *a, const void *body, size_t len)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_AT_ADD);
	int rc;

	bind_text(st, 1, a->scenario);
	bind_text(st, 2, a->name);
	bind_text(st, 3, a->type);
	sqlite3_bind_int64(st, 4, a->size);
	bind_text(st, 5, a->sha256);
	bind_text(st, 6, a->added_by);
	bind_text(st, 7, a->added_at);
	sqlite3_bind_blob64(st, 8, len ? body : "", len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		a->id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? EC_OK : fail(s, "storing an attachment");
}

static int sq_attachment_list(struct ec_store *base, const char *scenario, struct ec_attachment **items, size_t *n)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_AT_ALL);

	bind_text(st, 1, scenario);
	return read_rows(s, st, sizeof **items, read_attachment, (void **)items, n, "listing attachments");
}

static int sq_attachment_get(struct ec_store *base, const char *scenario, int64_t id, struct ec_attachment *a,
			     void **body, size_t *len)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_AT_GET);
	int rc;

	*body = NULL;
	*len = 0;
	bind_text(st, 1, scenario);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 8);
		read_attachment(st, a);
		*body = ec_malloc(n ? n : 1);
		if (n)
			memcpy(*body, sqlite3_column_blob(st, 8), n);
		*len = n;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? EC_OK : rc == SQLITE_DONE ? EC_ENOTFOUND : fail(s, "reading an attachment");
}

static void read_notification(sqlite3_stmt *st, void *out)
{
	struct ec_notification *nt = out;

	memset(nt, 0, sizeof *nt);
	nt->id = sqlite3_column_int64(st, 0);
	copy_text(nt->account, sizeof nt->account, st, 1);
	copy_text(nt->at, sizeof nt->at, st, 2);
	copy_text(nt->message, sizeof nt->message, st, 3);
	copy_text(nt->target, sizeof nt->target, st, 4);
}

static int sq_notification_add(struct ec_store *base, struct ec_notification *nt)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_NT_ADD);
	int rc;

	bind_text(st, 1, nt->account);
	bind_text(st, 2, nt->at);
	bind_text(st, 3, nt->message);
	bind_text(st, 4, nt->target);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		nt->id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? EC_OK : fail(s, "storing a notification");
}

static int sq_notification_list(struct ec_store *base, const char *account, int64_t limit,
				struct ec_notification **items, size_t *n)
{
	struct sqlite_store *s = (struct sqlite_store *)base;
	sqlite3_stmt *st = stmt(s, S_NT_ALL);

	bind_text(st, 1, account);
	sqlite3_bind_int64(st, 2, limit < 0 ? -1 : limit);
	return read_rows(s, st, sizeof **items, read_notification, (void **)items, n, "listing notifications");
}

const struct ec_store_ops ec_store_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.schema_version = sq_schema_version,
	.catalog_clear = sq_catalog_clear,
	.category_put = sq_category_put,
	.mapping_put = sq_mapping_put,
	.industry_put = sq_industry_put,
	.region_put = sq_region_put,
	.catalog_load = sq_catalog_load,
	.enterprise_put = sq_enterprise_put,
	.enterprise_each = sq_enterprise_each,
	.enterprise_reclassify = sq_enterprise_reclassify,
	.report_put = sq_report_put,
	.report_each = sq_report_each,
	.deflator_put = sq_deflator_put,
	.deflator_each = sq_deflator_each,
	.import_log_add = sq_import_log_add,
	.import_log_each = sq_import_log_each,
	.counts = sq_counts,
	.begin_read = sq_begin_read,
	.facts_generation = sq_facts_generation,
	.bulk_mode = sq_bulk_mode,
	.enterprise_query = sq_enterprise_query,
	.revenue_each = sq_revenue_each,
	.enterprise_get = sq_enterprise_get,
	.report_each_enterprise = sq_report_each_enterprise,
	.user_add = sq_user_add,
	.user_update = sq_user_update,
	.user_get = sq_user_get,
	.user_get_id = sq_user_get_id,
	.user_each = sq_user_each,
	.session_put = sq_session_put,
	.session_get = sq_session_get,
	.session_delete = sq_session_delete,
	.session_purge = sq_session_purge,
	.audit_add = sq_audit_add,
	.audit_each = sq_audit_each,
	.job_put = sq_job_put,
	.job_get = sq_job_get,
	.job_each = sq_job_each,
	.job_settle = sq_job_settle,
	.published_add = sq_published_add,
	.published_get = sq_published_get,
	.published_each = sq_published_each,
	.cluster_put = sq_cluster_put,
	.cluster_get = sq_cluster_get,
	.cluster_each = sq_cluster_each,
	.cluster_member_put = sq_cluster_member_put,
	.cluster_member_each = sq_cluster_member_each,
	.cluster_indicator_put = sq_cluster_indicator_put,
	.cluster_indicator_each = sq_cluster_indicator_each,
	.project_put = sq_project_put,
	.project_get = sq_project_get,
	.project_each = sq_project_each,
	.fund_put = sq_fund_put,
	.fund_get = sq_fund_get,
	.fund_each = sq_fund_each,
	.digital_put = sq_digital_put,
	.digital_get = sq_digital_get,
	.digital_each = sq_digital_each,
	.programme_add = sq_programme_add,
	.programme_get = sq_programme_get,
	.programme_each = sq_programme_each,
	.rules_put = sq_rules_put,
	.entry_add = sq_entry_add,
	.entry_each = sq_entry_each,
	.scenario_put = sq_scenario_put,
	.scenario_get = sq_scenario_get,
	.scenario_list = sq_scenario_list,
	.batch_put = sq_batch_put,
	.batch_list = sq_batch_list,
	.application_put = sq_application_put,
	.application_list = sq_application_list,
	.reviewer_put = sq_reviewer_put,
	.reviewer_list = sq_reviewer_list,
	.score_put = sq_score_put,
	.score_list = sq_score_list,
	.attachment_add = sq_attachment_add,
	.attachment_list = sq_attachment_list,
	.attachment_get = sq_attachment_get,
	.notification_add = sq_notification_add,
	.notification_list = sq_notification_list,
};
