#!/bin/sh
# Builds the libFuzzer harnesses (tests/fuzz) with clang, ASan and UBSan, and
# runs each for a while over a working copy of its seeds: the committed
# corpus (tests/fuzz/corpus/<harness>) and, for the file readers, every CSV
# fixture. What a run finds goes into the copy, never into tests/fuzz.
# Usage: scripts/fuzz.sh [SECONDS per harness, default 60] [HARNESS...]
#        scripts/fuzz.sh --smoke [SECONDS, default 30] [HARNESS...]
# The harnesses are every tests/fuzz/fuzz_*.c unless named; 0 seconds runs
# the seeds once. --smoke is make test's run: two harnesses at a time. A
# crash, leak, undefined behaviour or hang fails the script, which prints
# the report and the command that reproduces it. Environment: FUZZ_BUILD
# (the build directory, default build-fuzz), FUZZ_JOBS (harnesses at once;
# default 2 with --smoke, else 1, for figures measured alone), JOBS
# (compilers).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
smoke=0
if [ "${1:-}" = --smoke ]; then
	smoke=1
	shift
fi
seconds=${1:-}
[ -n "$seconds" ] && shift
[ -n "$seconds" ] || seconds=$([ $smoke = 1 ] && echo 30 || echo 60)
case $seconds in
'' | *[!0-9]*) echo "usage: scripts/fuzz.sh [--smoke] [SECONDS] [HARNESS...]" >&2; exit 2 ;;
esac
# every tests/fuzz/fuzz_*.c unless named
harnesses=${*:-$(for f in "$root"/tests/fuzz/fuzz_*.c; do basename "$f" .c; done)}
jobs=${FUZZ_JOBS:-$([ $smoke = 1 ] && echo 2 || echo 1)}
build=${FUZZ_BUILD:-$root/build-fuzz}
work=$build/corpus
logs=$build/logs
if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: clang is missing (scripts/deps.sh fuzz installs it)" >&2
	exit 1
fi
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DECHELON_FUZZ=ON \
	-DECHELON_WERROR=ON >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target fuzz_harnesses >/dev/null
for h in $harnesses; do
	[ -x "$build/tests/$h" ] || { echo "fuzz: no harness $h" >&2; exit 2; }
done

# The working corpora: the committed seeds; for the CSV and catalogue
# readers every fixture too, and for fuzz_files each fixture once per
# reader, behind the byte that picks it (fuzz_files.c).
rm -rf "$work" "$logs"
mkdir -p "$logs" "$build/artifacts"
touch "$logs/started"
for h in $harnesses; do
	mkdir -p "$work/$h"
	if [ -d "$root/tests/fuzz/corpus/$h" ]; then
		cp "$root/tests/fuzz/corpus/$h"/* "$work/$h/"
	fi
done
i=0
for f in "$root"/tests/data/*/*.csv "$root"/data/examples/*.csv; do
	i=$((i + 1))
	head -c 65536 "$f" >"$work/fixture-$i"
	for h in fuzz_csv fuzz_catalog; do
		[ -d "$work/$h" ] && cp "$work/fixture-$i" "$work/$h/fixture-$i"
	done
	if [ -d "$work/fuzz_files" ]; then
		for k in 0 1 2 3 4 5 6 7 8 9 10; do
			# shellcheck disable=SC2059 # the byte is the format
			{ printf "\\$(printf '%03o' "$k")"; cat "$work/fixture-$i"; } >"$work/fuzz_files/fixture-$i-$k"
		done
	fi
	rm "$work/fixture-$i"
done

# One harness, its output in logs/<harness>.log and its exit status in
# logs/<harness>.rc. UBSan stops at its first report (tests/fuzz/options.c),
# so that it counts as a crash; an input that runs for 20 s is a hang. 0
# seconds runs the seeds once (to libFuzzer, -max_total_time=0 is no limit).
if [ "$seconds" = 0 ]; then limit=-runs=0; else limit=-max_total_time=$seconds; fi
run() {
	if "$build/tests/$1" "$limit" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$build/artifacts/$1-" "$work/$1" >"$logs/$1.log" 2>&1; then
		echo 0 >"$logs/$1.rc"
	else
		echo $? >"$logs/$1.rc"
	fi
}

echo "fuzz: $(echo "$harnesses" | wc -w) harnesses, $seconds s each, $jobs at a time"
n=0
for h in $harnesses; do
	run "$h" &
	n=$((n + 1))
	[ $((n % jobs)) -eq 0 ] && wait
done
wait

# The closing lines of each: its runs, and its coverage and speed at the end.
failed=0
for h in $harnesses; do
	rc=$(cat "$logs/$h.rc")
	sed -n "s/^\\(#[0-9]*[[:space:]]*DONE .*\\)/fuzz: $h: \\1/p; s/^\\(Done [0-9]* runs .*\\)/fuzz: $h: \\1/p" "$logs/$h.log"
	if [ "$rc" != 0 ]; then
		failed=$((failed + 1))
		echo "fuzz: $h FAILED (exit $rc); the end of $logs/$h.log:"
		tail -n 40 "$logs/$h.log" | sed 's/^/    /'
		find "$build/artifacts" -name "$h-*" -newer "$logs/started" |
			while read -r a; do echo "fuzz: reproduce with: $build/tests/$h $a"; done
	fi
done
if [ $failed -gt 0 ]; then
	echo "fuzz: $failed harness(es) failed" >&2
	exit 1
fi
