#!/bin/sh
# The files users actually have (tests/integration/intake_test.py): Excel
# workbooks, GBK and UTF-16 text, semicolons and tabs, full-width and
# lower-case codes, problems grouped by kind; through the command and the API.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/intake_test.py"
