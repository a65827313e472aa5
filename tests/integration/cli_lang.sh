#!/bin/sh
# The command speaks the user's language: the same refusal under
# LANG=zh_CN.UTF-8 and under LANG=C, each in its words from the problem
# table, with the same exit code; the language taken from ECHELON_LANG,
# else LC_ALL, LC_MESSAGES, LANG (POSIX's order), and --lang over them all;
# `echelon help` in Chinese.
set -eu
. "$SRC/tests/integration/lib/checks.sh"
W=$WORK/cli_lang
rm -rf "$W"
mkdir -p "$W"
unset LC_ALL LC_MESSAGES LANG ECHELON_LANG || true

# said NAME ENV... -- ARGS...: runs echelon with the environment given,
# stderr in $W/NAME.err, the exit code in $W/NAME.rc.
said() {
	name=$1
	shift
	envs=""
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	rc=0
	env $envs "$ECHELON" "$@" >"$W/$name.out" 2>"$W/$name.err" || rc=$?
	echo "$rc" >"$W/$name.rc"
}
has() { grep -qF -- "$2" "$W/$1.err"; }
same_rc() { [ "$(cat "$W/$1.rc")" = "$(cat "$W/$2.rc")" ] && [ "$(cat "$W/$1.rc")" = "$3" ]; }

E=$(db_uri "$W/e.db")
"$ECHELON" init --db "$E" >/dev/null

# One refusal of each kind: the parser's, an option's value, a command's name.
said opt_zh LANG=zh_CN.UTF-8 -- monitor --db "$E" --bogus
said opt_en LANG=C -- monitor --db "$E" --bogus
check "an unknown option, in Chinese" "has opt_zh '未知选项“--bogus”' && has opt_zh '用法：echelon monitor'"
check "an unknown option, in English" "has opt_en \"unknown option '--bogus'\" && has opt_en 'usage: echelon monitor'"
check "both refused as usage errors (exit 2)" "same_rc opt_zh opt_en 2"
check "no English in the Chinese refusal's message" "! grep -q 'unknown option' '$W/opt_zh.err'"

# The newer commands' refusals, coded too (report, scenario, incentive).
said rep_zh LANG=zh_CN.UTF-8 -- report bulletin --db "$E"
check "report without --period, in Chinese" "has rep_zh '缺少必需的选项 --period' && same_rc rep_zh rep_zh 2"
said scn_zh LANG=zh_CN.UTF-8 -- scenario list --status bogus --db "$E"
check "scenario --status bogus, in Chinese" "has scn_zh '“bogus”不是可选值' && ! grep -q 'expected' '$W/scn_zh.err'"
said inc_zh LANG=zh_CN.UTF-8 -- incentive claim X --db "$E"
check "incentive claim without its options, in Chinese" "has inc_zh '缺少必需的选项 --rule'"

said period_zh LANG=zh_CN.UTF-8 -- export reports --db "$E" --from 2020-13
said period_en LANG=C -- export reports --db "$E" --from 2020-13
check "a bad month, in Chinese" "has period_zh '--from：“2020-13”不是有效的年月，应为 YYYY-MM'"
check "a bad month, in English" "has period_en \"--from: '2020-13' is not a period, expected YYYY-MM\""
check "both exit 2" "same_rc period_zh period_en 2"

said fmt_zh LANG=zh_CN.UTF-8 -- catalog areas --db "$E" --format xml
said fmt_en LANG=C -- catalog areas --db "$E" --format xml
check "a format not offered, in Chinese (choices joined as Chinese writes them)" \
	"has fmt_zh '--format：“xml”不是可选值，应为 table、csv、json 或 xlsx'"
check "a format not offered, in English" "has fmt_en \"--format: 'xml': expected table, csv, json or xlsx\""

said cmd_zh LANG=zh_CN.UTF-8 -- imprt
said cmd_en LANG=C -- imprt
check "an unknown command, in Chinese" "has cmd_zh '没有命令“imprt”（是否要用“import”？）'"
check "an unknown command, in English" "has cmd_en \"no command 'imprt' (did you mean 'import'?)\""
check "both exit 2" "same_rc cmd_zh cmd_en 2"

said req_zh LANG=zh_CN.UTF-8 -- serve
check "a required option, in Chinese" "has req_zh '缺少必需的选项 --db FILE'"

# Where the language comes from.
said env1 ECHELON_LANG=zh LANG=C -- monitor --bogus
check "ECHELON_LANG before LANG" "has env1 '未知选项'"
said env2 ECHELON_LANG=en LANG=zh_CN.UTF-8 -- monitor --bogus
check "ECHELON_LANG=en before a Chinese LANG" "has env2 'unknown option'"
said env3 LC_ALL=C LC_MESSAGES=zh_CN.UTF-8 LANG=zh_CN.UTF-8 -- monitor --bogus
check "LC_ALL before LC_MESSAGES and LANG" "has env3 'unknown option'"
said env4 LC_MESSAGES=zh_CN.UTF-8 LANG=C -- monitor --bogus
check "LC_MESSAGES before LANG" "has env4 '未知选项'"
said env5 LANG=zh_CN.UTF-8 -- export reports --db "$E" --from 2020-13 --lang en
check "--lang before the environment" "has env5 'is not a period'"
said env6 LANG=C -- export reports --db "$E" --from 2020-13 --lang zh
check "--lang zh under LANG=C" "has env6 '不是有效的年月'"

# Help: the overview names every command with a Chinese summary.
LANG=zh_CN.UTF-8 "$ECHELON" help >"$W/help_zh.out"
LANG=C "$ECHELON" help >"$W/help_en.out"
commands=$(sed -n '/^commands:/,/^$/p' "$W/help_en.out" | awk 'NF > 1 { print $1 }')
check "the English overview lists commands" "[ -n \"\$commands\" ]"
untranslated=""
for c in $commands; do
	line=$(grep -E "^  $c +" "$W/help_zh.out" || true)
	# a byte outside printable ASCII: the summary is written in Chinese
	printf '%s\n' "$line" | LC_ALL=C grep -q '[^ -~]' || untranslated="$untranslated $c"
done
check "every command's summary in Chinese${untranslated:+ (not:$untranslated)}" "[ -z '$untranslated' ]"
check "the Chinese overview's frame" "grep -q '^用法：echelon <命令>' '$W/help_zh.out' && grep -q '^命令：' '$W/help_zh.out'"
LANG=zh_CN.UTF-8 "$ECHELON" help monitor >"$W/help_monitor_zh.out"
check "a command's help frame in Chinese" \
	"grep -q '^用法：echelon monitor' '$W/help_monitor_zh.out' && grep -q '^适用于所有命令：' '$W/help_monitor_zh.out'"
# Every command's help: its options and verbs said in Chinese (digital's
# texts belong to that command's own work and are not checked here).
untranslated=""
for c in $commands; do
	[ "$c" = digital ] && continue
	LANG=zh_CN.UTF-8 "$ECHELON" help "$c" >"$W/help_$c.out"
	# an option's or a verb's line whose words are all ASCII: not translated
	bad=$(sed -n '/^  --\|^  [a-z][a-z-]*  /p' "$W/help_$c.out" | LC_ALL=C grep -v '[^ -~]' || true)
	[ -z "$bad" ] || untranslated="$untranslated $c:$(printf '%s' "$bad" | head -1 | awk '{ print $1 }')"
done
check "every option and verb of every command in Chinese${untranslated:+ (not:$untranslated)}" "[ -z '$untranslated' ]"
LANG=zh_CN.UTF-8 "$ECHELON" help import >"$W/help_import.out"
check "a command's description in Chinese" "grep -q '^逐行校验' '$W/help_import.out'"
LANG=C "$ECHELON" help import >"$W/help_import_en.out"
check "and in English under LANG=C" "grep -q '^Every row is checked' '$W/help_import_en.out' && ! LC_ALL=C grep -q '[^ -~]' '$W/help_import_en.out'"
finish
