#!/bin/sh
# The SME digital-level questionnaire through the command: the editions
# shown, a draft answered and submitted by the enterprise's own account
# with a hand-computed score and level, one submission per year and
# edition, an explicit revision, answers imported all or nothing (a bad
# line refuses the file and the database stays byte for byte as it was),
# and an enterprise account that cannot see another's questionnaire.
set -eu
W="$WORK/digital"
rm -rf "$W"
mkdir -p "$W"
. "$SRC/tests/integration/lib/checks.sh"
DB=$(db_uri "$W/d.db")
E1=91350100M000100Y43
E2=91110000600037341L
check_fails() { if eval "$2" >/dev/null 2>&1; then bad "$1"; else ok "$1"; fi; }

"$ECHELON" init --db "$DB" >/dev/null
"$ECHELON" digital questionnaire --edition 2022 --format csv >"$W/q2022.csv" 2>"$W/q2022.err"
check "the 2022 questionnaire has four levels from 20, 40, 60, 80" \
	"[ \"\$(grep '^level,' '$W/q2022.csv' | cut -d, -f5 | tr '\n' ' ')\" = '20 40 60 80 ' ]"
check "the 2022 edition has three sector tables" "[ \$(grep -c '^sector,' '$W/q2022.csv') -eq 3 ]"
check "placeholder wording is said to be so" "grep -q 'placeholder wording' '$W/q2022.err'"
"$ECHELON" digital questionnaire --edition 2024 --format csv >"$W/q2024.csv" 2>/dev/null
check "the 2024 edition weighs the basis 50" "grep -q '^dimension,D1,,,50,' '$W/q2024.csv'"
check "a questionnaire file of the same layout is read" \
	"\"$ECHELON\" digital questionnaire --file '$SRC/data/digital_2022.csv' >/dev/null 2>&1"
check_fails "an unknown edition is refused" "\"$ECHELON\" digital questionnaire --edition 2019"

printf 'ent1-password\n' | "$ECHELON" user add ent1 --role enterprise --scope "$E1" --db "$DB" >/dev/null
printf 'ent2-password\n' | "$ECHELON" user add ent2 --role enterprise --scope "$E2" --db "$DB" >/dev/null

# 2022, manufacturing, by hand (docs/methods.md): D1 8+4+6+6+1 = 25,
# D2 4+2+6+0 = 12, D3 2+4+8 = 14, D4 7+4+2 = 13; total 64, level 3.
A="--db $DB --uscc $E1 --year 2023 --edition 2022"
"$ECHELON" digital answer $A --as ent1 --sector M B01=E B03=C 'B04=A;B;C' B05=D B06=B >/dev/null
check_fails "a submission leaves no item unanswered" "\"$ECHELON\" digital submit \$A --as ent1 --pledge"
"$ECHELON" digital answer $A --as ent1 O01=C O03=B O05=D O06=A G01=B G02=C G03=E R01=D R02=C R03=B >/dev/null
check_fails "a submission needs the pledge" "\"$ECHELON\" digital submit \$A --as ent1"
"$ECHELON" digital submit $A --as ent1 --pledge --format csv >"$W/submit.csv"
check "the total is 64" "grep -q '^total,,,64,100,' '$W/submit.csv'"
check "the level is 3" "grep -q '^level,3,' '$W/submit.csv'"
check "dimension D1 scores 25" "grep -q '^dimension,D1,,25,32,' '$W/submit.csv'"
check_fails "one submission per year and edition" "\"$ECHELON\" digital answer \$A --as ent1 B06=D"
check_fails "another enterprise's account cannot see it" "\"$ECHELON\" digital show \$A --as ent2"
check_fails "nor answer it" "\"$ECHELON\" digital answer \$A --as ent2 B06=D"
check "its own account sees it" "\"$ECHELON\" digital show \$A --as ent1 --format csv | grep -q '^total,,,64,'"
"$ECHELON" digital answer $A --as ent1 --revise B06=D >/dev/null
"$ECHELON" digital submit $A --as ent1 --pledge --format csv >"$W/revised.csv"
check "a revision is explicit and rescored (64 - 1 + 4)" "grep -q '^total,,,67,' '$W/revised.csv'"
check "the revision is audited" "\"$ECHELON\" audit --db '$DB' 2>/dev/null | grep -q 'digital.revise' || db_sql '$DB' \"select count(*) from audit where action='digital.revise'\" | grep -q '^1\$'"

# 2024 answers imported: every table by hand is 25 + 17.5 + 7.5 = 50, level 2.
{
	echo "uscc,year,edition,sector,item,answer"
	for i in B01 B02 B03 B04 B05; do echo "$E2,2024,2024,S,$i,C"; done
	for i in S01 S02 S03 S04; do echo "$E2,2024,2024,S,$i,B"; done
	echo "$E2,2024,2024,S,G01,E"
	echo "$E2,2024,2024,S,G02,D"
	echo "$E2,2024,2024,S,G03,A"
	echo "$E2,2024,2024,S,R01,B"
	echo "$E2,2024,2024,S,R02,C"
} >"$W/answers.csv"
sed 's/^\([^,]*,2024,2024,S,G02\),D$/\1,D;E/' "$W/answers.csv" >"$W/bad.csv"
db_snapshot "$DB" "$W/before.snap"
"$ECHELON" digital import "$W/bad.csv" --db "$DB" >/dev/null 2>"$W/bad.err" && bad 'a bad line refuses the whole file' || ok 'a bad line refuses the whole file'
check "the problem names its line and column" "grep -q 'bad.csv:12' '$W/bad.err' && grep -q 'answer' '$W/bad.err'"
db_snapshot "$DB" "$W/after.snap"
check "the database is unchanged" "cmp -s '$W/before.snap' '$W/after.snap'"
check_fails "an enterprise account may not import" "\"$ECHELON\" digital import '$W/answers.csv' --db '$DB' --as ent2"
"$ECHELON" digital import "$W/answers.csv" --db "$DB" >/dev/null
check "imported answers score 50, level 2" \
	"\"$ECHELON\" digital show --db '$DB' --uscc $E2 --year 2024 --format csv | grep -q '^total,,,50,100,' && \"$ECHELON\" digital show --db '$DB' --uscc $E2 --year 2024 --format csv | grep -q '^level,2,'"
check_fails "an import does not overwrite a submission" "\"$ECHELON\" digital import '$W/answers.csv' --db '$DB'"
check "unless it is a revision" "\"$ECHELON\" digital import '$W/answers.csv' --revise --db '$DB' >/dev/null"
finish
