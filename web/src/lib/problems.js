// Problems in the user's language. A refusal from the server is a code with
// parameters (docs/problems.md); its words come from the one table in
// src/lib/problem.c (problemTexts.js, generated from it) and are written
// here as the command line writes them. A code the table lacks keeps the
// server's own words.
import { fieldNames, problemTexts, valueNames } from './problemTexts.js';
import { locale } from './i18n.js';

const chinese = (lang) => lang !== 'en';

// A parameter's value: in Chinese, stages and roles by their names and the
// choices of an enumeration ("a, b or c") as "a、b 或 c".
function param(name, value, lang) {
  const v = value === undefined || value === null ? '' : String(value);
  if (!chinese(lang)) return v;
  if (v === 'yes' || v === 'no') return v === 'yes' ? '是' : '否';
  const names = valueNames[name === 'to' || name === 'from' ? 'stage' : name.startsWith('from_') ? name.slice(5) : name];
  if (names && names[v]) return names[v];
  return name === 'expected' ? v.replaceAll(', ', '、').replaceAll(' or ', ' 或 ') : v;
}

/** The message of a problem {code, params, message} in lang (the current language by default). */
export function problemMessage(p, lang = locale.value) {
  const texts = p && problemTexts[p.code];
  if (!texts) return p?.message ?? '';
  const params = p.params || {};
  return texts[chinese(lang) ? 'zh' : 'en'].replace(/\{(\w+)\}/g, (m, k) => param(k, params[k], lang));
}

/** A field, or a file's column (inFile), as a message names it: in Chinese by its Chinese name, a
 * column with its header after it ("营业收入（revenue）"); a column without a name by its number. */
export function fieldLabel(field, lang = locale.value, inFile = false) {
  if (field === undefined || field === null || field === '') return '';
  const f = String(field);
  if (!chinese(lang)) return f;
  if (/^\d+$/.test(f)) return inFile ? `第 ${f} 列` : f;
  const parts = f.split(',');
  if (!parts.some((x) => fieldNames[x])) return f;
  const names = parts.map((x) => fieldNames[x] || x).join('、');
  return inFile ? `${names}（${f}）` : names;
}

/** What a failed request says, in lang: the first problem's code and parameters when the table has
 * its code, else the server's message. */
export function errorText(err, lang = locale.value) {
  if (!err) return '';
  if (err.problem && problemTexts[err.problem]) {
    const text = problemMessage({ code: err.problem, params: err.params, message: err.message }, lang);
    // a bad parameter (400) is named: "统计期：“2021-13”不是有效的年月"
    if (err.status !== 400 || !err.field) return text;
    return chinese(lang) ? `${fieldLabel(err.field, lang)}：${text}` : `${err.field}: ${text}`;
  }
  return err.message ?? String(err);
}

/** A match's reasons in lang: each {code, params} by its text, as problems are. */
export function reasonTexts(reasons, lang = locale.value) {
  const list = Array.isArray(reasons) ? reasons : String(reasons || '').split('; ').filter(Boolean);
  return list.map((r) => (typeof r === 'string' ? r : problemMessage(r, lang)));
}

/** A refused change's problems by the field each is about, in lang: {field: text}. Every problem of
 * the answer (err.problems) or its one; a problem about no field goes under ''. A form shows each
 * beside its field. */
export function fieldProblems(err, lang = locale.value) {
  const out = {};
  if (!err) return out;
  const list = Array.isArray(err.problems) && err.problems.length
    ? err.problems.map((p) => ({ field: p.field, code: p.problem || p.code, params: p.params, message: p.message }))
    : [{ field: err.field, code: err.problem, params: err.params, message: err.message }];
  for (const p of list) {
    const key = p.field || '';
    const text = p.code && problemTexts[p.code] ? problemMessage(p, lang) : p.message ?? '';
    if (!(key in out)) out[key] = text;
  }
  return out;
}
