#!/bin/sh
# The house's rules, checked on the sources (docs/architecture.md): who may
# call whom, and the table of problem codes against its documentation and
# its uses.
set -eu
. "$SRC/tests/integration/lib/checks.sh"
cd "$SRC"

calls_store() { grep -n 'ec_store_[a-z_]*(' "$@" 2>/dev/null | grep -v '^[^:]*:[0-9]*:\s*\*\*' || true; }

check "no face touches the store's ops table" "! grep -n 'ops->' src/cli/*.c src/server/*.c"
found=$(calls_store src/cli/*.c src/server/*.c)
check "the faces (src/cli, src/server) call no store function" "[ -z \"\$found\" ]"
[ -z "$found" ] || echo "$found" | sed 's/^/# /'
found=$(calls_store src/lib/*.c src/format/*.c src/demo/*.c)
check "src/lib, src/format and src/demo call no store function" "[ -z \"\$found\" ]"
[ -z "$found" ] || echo "$found" | sed 's/^/# /'
check "src/lib and src/demo include no store, application or format header" \
	"! grep -n '#include \"echelon/\(store\|app\|csv\|intake\)\.h\"' src/lib/*.c src/demo/*.c 2>/dev/null"
check "src/format includes no store or application header" \
	"! grep -n '#include \"echelon/\(store\|app\)\.h\"' src/format/*.c"
check "only src/store includes the store's private header" "! grep -ln 'store_int.h' src/app src/lib src/format src/cli src/server -r"
check "the faces include no private header of the library" "! grep -n '#include \"\(app\|lib\|store\|format\)/' src/cli/*.c src/server/*.c"

"$ECHELON" help problems >"$WORK/problems.md"
check "docs/problems.md is what \`echelon help problems\` writes" "cmp -s '$WORK/problems.md' docs/problems.md"
"$ECHELON" help problems js >"$WORK/problemTexts.js"
check "web/src/lib/problemTexts.js is what \`echelon help problems js\` writes" \
	"cmp -s '$WORK/problemTexts.js' web/src/lib/problemTexts.js"
missing=""
# the codes on the lines that make a problem (the call or a file's BAD
# macro) or give a number's reason
codes=$(grep -hE '(ec_diag_problem|ec_diag_value|ec_problem_set|BAD|BAD_VALUE|FIELD_ERR|FIELD_VALUE)\(|\*why = "' src/*/*.c |
	grep -oE '"[a-z_]+\.[a-z_]+"' | tr -d '"' | sort -u)
for code in $codes; do
	grep -q "^| \`$code\` |" docs/problems.md || missing="$missing $code"
done
check "every problem code the sources use is in the table${missing:+ (missing:$missing)}" "[ -z '$missing' ]"
missing=""
# the codes of the messages the library and the commands write coded,
# "code|name=value…" (comment lines aside)
codes=$(grep -hE '"[a-z_]+\.[a-z_]+\|' src/*/*.c | grep -vE '^\s*(/\*|\*\*)' |
	grep -oE '"[a-z_]+\.[a-z_]+\|' | tr -d '"|' | sort -u)
for code in $codes; do
	grep -q "^| \`$code\` |" docs/problems.md || missing="$missing $code"
done
check "every coded message's code is in the table${missing:+ (missing:$missing)}" "[ -z '$missing' ]"
# What the server answers is said from codes (reply_problem, coded library
# messages, parse.c's problems): no English detail written in src/server,
# no English message of its own, no generic refusal with a literal text.
found=$(grep -nE 'reply_error\(|"detail", "|snprintf\(pb->message|"message", json_sprintf|"message", "[A-Za-z]' \
	src/server/*.c || true)
check "no reply of src/server carries free English text" "[ -z \"\$found\" ]"
[ -z "$found" ] || echo "$found" | sed 's/^/# /'
finish
