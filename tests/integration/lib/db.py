"""The integration tests' databases on either backend, as lib/checks.sh's
db_uri and db_sql for the shell: a SQLite file, or, when EC_TEST_BACKEND=pg
(ctest's integration-pg/*), a schema of the pg fixture's database
EC_PG_URI. One small API over sqlite3 and psycopg2 (Debian's
python3-psycopg2), so a test's SQL is written once, in SQLite's words with
? parameters; words PostgreSQL reserves are quoted in it ("user")."""
import decimal, os, re, sqlite3, subprocess

PG = os.environ.get("EC_TEST_BACKEND") == "pg"
Error = sqlite3.DatabaseError  # widened to psycopg2's below

if PG:
    import psycopg2
    Error = (sqlite3.DatabaseError, psycopg2.Error)


def uri(path):
    """What --db takes for the database path names: path itself on SQLite;
    on PostgreSQL the URI of a schema named after path under WORK, dropped
    and made again empty."""
    if not PG:
        return path
    rel = os.path.relpath(path, os.environ["WORK"])
    schema = re.sub(r"[^a-z0-9_]", "_", ("it_" + re.sub(r"\.db$", "", rel)).lower())[:63]
    base = os.environ["EC_PG_URI"]
    subprocess.run(["psql", base, "-Xqc", "SET client_min_messages = warning; DROP SCHEMA IF EXISTS %s CASCADE; "
                    "CREATE SCHEMA %s" % (schema, schema)], check=True)
    return base + "&options=-csearch_path%3D" + schema


def plain(v):
    """A PostgreSQL value as sqlite3 gives it: bytes, not a memoryview;
    a whole number (sum of integers is numeric there) an int."""
    if isinstance(v, memoryview):
        return bytes(v)
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


class Db:
    """One connection to a database uri() gave; each execute commits."""

    def __init__(self, target):
        self.pg = PG and "://" in target
        if self.pg:
            self.con = psycopg2.connect(target)
        else:
            self.con = sqlite3.connect(target)

    def sql(self, text):
        return text.replace("%", "%%").replace("?", "%s") if self.pg else text

    def query(self, text, params=()):
        """Every row of the query, as a list of tuples."""
        if not self.pg:
            return self.con.execute(text, params).fetchall()
        with self.con.cursor() as cur:
            cur.execute(self.sql(text), params)
            rows = [tuple(plain(v) for v in r) for r in cur.fetchall()]
        self.con.rollback()  # end the read's transaction: no snapshot kept
        return rows

    def one(self, text, params=()):
        """The first row, or None."""
        rows = self.query(text, params)
        return rows[0] if rows else None

    def execute(self, text, params=()):
        """Runs one statement and commits it."""
        if self.pg:
            with self.con.cursor() as cur:
                cur.execute(self.sql(text), params)
        else:
            self.con.execute(text, params)
        self.con.commit()

    def close(self):
        self.con.close()


def connect(target):
    return Db(target)
