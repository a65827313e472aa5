#!/bin/sh
# Incentive programmes and the subsidy ledger through the command and the
# API (tests/integration/incentive_test.py), with Debian's Python: every
# route for every role, refusals that change nothing, and the budget held
# under 50 approvals at once to the server and under concurrent commands.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/incentive_test.py"
