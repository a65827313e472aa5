"""What the Python integration tests share: one line per check and the
closing line "N passed, M failed" (as lib/checks.sh for the shell tests)."""
import sys

passed = failed = 0


def check(ok, what, detail=""):
    """Counts and prints one check; detail (cut to 600 characters) says why
    it failed."""
    global passed, failed
    if ok:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what + (": " + str(detail)[:600] if detail else ""))


def finish():
    """Prints the closing line and exits: 1 when a check failed."""
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
