/*
** Problems in the user's language: the table of problem codes (the one
** source of docs/problems.md) and the formatter that writes a problem in
** English or Chinese. Problems themselves are struct ec_problem
** (echelon.h), collected in a struct ec_diag.
*/
#ifndef ECHELON_PROBLEM_H
#define ECHELON_PROBLEM_H

#include "echelon.h"

enum ec_lang { EC_LANG_EN, EC_LANG_ZH, EC_NLANGS };

/* The language of a name: "en", "en_US.UTF-8", "C" -> English; "zh",
** "zh-CN", "zh_CN.UTF-8", "zh-Hans" -> Chinese. Returns -1 for anything
** else (NULL included). Can't fail. */
int ec_lang_parse(const char *name);

/* One code: its parameters, what it means (English, for the docs) and the
** message in each language, with {param} where a parameter goes. */
struct ec_problem_code {
	const char *code;
	const char *params;            /* "code,parent"; "" for none */
	const char *meaning;
	const char *text[EC_NLANGS];
};

/* Every code, sorted by code. */
extern const struct ec_problem_code ec_problem_codes[];
extern const size_t ec_nproblem_codes;

/* The entry of a code, or NULL. */
const struct ec_problem_code *ec_problem_code_find(const char *code);

/* The Chinese name of the field name[0..n) ("revenue" -> "营业收入"), or
** NULL when it has none. Can't fail. */
const char *ec_problem_field_zh(const char *name, size_t n);

/* A coded message, "code|name=value|name=value" (a match's reasons: a
** code of the table with its parameters), decoded into p: p->code the
** table's, the names and values pointing into *store, which the caller
** frees (and not p's fields). Returns 0, or -1 when coded starts with no
** code of the table (p and *store untouched). */
int ec_coded_decode(const char *coded, struct ec_problem *p /* OUT */, char **store /* OUT */);

/* Appends a coded message in lang to b; text that is not one as it is.
** Can't fail. */
void ec_coded_message(const char *coded, enum ec_lang lang, struct ec_buf *b);

/* Appends coded messages joined by "; " (a match's reasons), each in lang,
** joined by "；" in Chinese and "; " in English. Can't fail. */
void ec_coded_list(const char *list, enum ec_lang lang, struct ec_buf *b);

/* Appends the message of p alone, without its place, in lang, to b.
** Can't fail. */
void ec_problem_message(const struct ec_problem *p, enum ec_lang lang, struct ec_buf *b);

/* Writes the English message of p, without its place, into out (cut to
** size), for the interfaces that still take a reason as text. Can't fail. */
void ec_problem_english(const struct ec_problem *p, char *out, size_t size);

/* Appends p as one line with its place to b:
**   en  "reports.csv:12: column uscc: MESSAGE", "field: MESSAGE", "MESSAGE"
**   zh  "reports.csv 第12行，统一社会信用代码（uscc）列：MESSAGE",
**       "字段名：MESSAGE", "MESSAGE" (fields by their Chinese names)
** Can't fail. */
void ec_problem_format(const struct ec_problem *p, enum ec_lang lang, struct ec_buf *b);

/* Appends the table of codes as Markdown (docs/problems.md is this
** output). Can't fail. */
void ec_problem_codes_markdown(struct ec_buf *b);

/* Appends the codes' texts, the Chinese names of fields and of the values
** named by code (stages, roles) as
** a JavaScript module (web/src/lib/problemTexts.js is this output), for
** the dashboard to write problems in the user's language. Can't fail. */
void ec_problem_codes_js(struct ec_buf *b);

#endif
