"""The integration tests' databases on either backend, as lib/checks.sh's
db_uri and db_sql for the shell: a SQLite file, or, when EC_TEST_BACKEND=pg
(ctest's integration-pg/*), a schema of the pg fixture's database
EC_PG_URI. One small API over sqlite3 and psycopg2 (Debian's
python3-psycopg2), so a test's SQL is written once, in SQLite's words with
? parameters; words PostgreSQL reserves are quoted in it ("user")."""
import decimal, os, re, shutil, sqlite3, subprocess

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


class Rows(list):
    """A statement's rows, read as a sqlite3 cursor is."""

    def fetchone(self):
        return self[0] if self else None

    def fetchall(self):
        return list(self)


class Db:
    """One connection to a database uri() gave. Each statement is a
    transaction of its own (committed when it has run), so a test never
    holds a snapshot or a lock while the command or server it watches
    writes."""

    def __init__(self, target):
        self.pg = PG and "://" in target
        if self.pg:
            self.con = psycopg2.connect(target)
        else:
            self.con = sqlite3.connect(target)

    def execute(self, text, params=()):
        """Runs one statement (SQLite's words, ? parameters), commits it,
        and gives its rows."""
        if not self.pg:
            cur = self.con.execute(text, params)
            rows = Rows(cur.fetchall())
            self.con.commit()
            return rows
        try:
            with self.con.cursor() as cur:
                cur.execute(text.replace("%", "%%").replace("?", "%s"), params)
                rows = Rows(tuple(plain(v) for v in r) for r in cur.fetchall()) if cur.description else Rows()
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return rows

    def query(self, text, params=()):
        """Every row of the query, as a list of tuples."""
        return list(self.execute(text, params))

    def one(self, text, params=()):
        """The first row, or None."""
        return self.execute(text, params).fetchone()

    def commit(self):
        """Nothing left to commit (each statement was); for code written
        against sqlite3."""

    def tables(self):
        """The names of the store's tables: on SQLite with sqlite_sequence,
        so that a refused insert that used up an id is seen there (as
        iterdump showed it); not so on PostgreSQL, where a sequence does
        not roll back (the contract never promised dense ids)."""
        if self.pg:
            return [t for (t,) in self.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                             "ORDER BY 1")]
        return [t for (t,) in self.query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_stat%' ORDER BY 1")]

    def dump(self):
        """Every row of every table as (table, row), in an order of their
        own (not the rows' physical order), so that two dumps are equal
        exactly when the data is."""
        out = []
        for t in self.tables():
            out += sorted(((t, r) for r in self.query('SELECT * FROM "%s"' % t)), key=repr)
        return out

    def close(self):
        self.con.close()


def connect(target):
    return Db(target)


def dump(target):
    """Db.dump of the database target, on a connection of its own."""
    d = Db(target)
    try:
        return d.dump()
    finally:
        d.close()


def copy(source, path):
    """A copy of the database source as the database path names, and what
    --db takes for it: the file (and its write-ahead log) copied on SQLite;
    on PostgreSQL `echelon migrate` into the fresh schema uri(path) gives."""
    if not PG:
        shutil.copy(source, path)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(source + suffix):
                shutil.copy(source + suffix, path + suffix)
        return path
    target = uri(path)
    subprocess.run([os.environ["ECHELON"], "migrate", "--from", source, "--to", target],
                   check=True, stdout=subprocess.DEVNULL)
    return target
