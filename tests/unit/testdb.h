/*
** A scratch SQLite database for a test: its path under $TMPDIR (or /tmp),
** unique to the process, and its removal with the WAL's side files.
*/
#ifndef EC_TESTDB_H
#define EC_TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes "$TMPDIR/<name>_<pid>.db" to path and removes what a previous
** run left there. */
static inline void testdb_path(char *path, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(path, size, "%s/%s_%d.db", tmp ? tmp : "/tmp", name, (int)getpid());
	unlink(path);
}

/* Removes the database at path, its -wal, its -shm and its column store. */
static inline void testdb_remove(const char *path)
{
	char side[4200];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof side, "%s.facts", path);
	unlink(side);
}

#endif
