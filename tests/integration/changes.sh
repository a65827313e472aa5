#!/bin/sh
# Every change through the command and the API is all or nothing and
# audited (tests/integration/changes_test.py), with Debian's Python.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/changes_test.py"
