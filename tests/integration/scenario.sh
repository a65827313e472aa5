#!/bin/sh
# Application scenarios through the command and the API
# (tests/integration/scenario_test.py), with Debian's Python: every route
# against every role, the status machine, one application per enterprise,
# the linked reviewer refused, the public list without a private field,
# refused changes leaving the database byte-identical, imports all or
# nothing.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/scenario_test.py"
