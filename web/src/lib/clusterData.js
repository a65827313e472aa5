// The cluster API calls that several pages share, kept for the session:
// the registry and the evaluation of a year (2–3 s the first time on the
// server, so each year is asked once).
import { api } from './session.js';

let registry = null;
const evaluations = new Map();

export function loadClusters() {
  registry ||= api.get('/clusters').catch((e) => { registry = null; throw e; });
  return registry;
}

export function loadEvaluation(year) {
  const y = Number(year);
  if (!evaluations.has(y)) {
    evaluations.set(y, api.get('/clusters/evaluation', { year: y }).catch((e) => { evaluations.delete(y); throw e; }));
  }
  return evaluations.get(y);
}

/** The evaluations of several years; a year that fails becomes its Error (the others still show). */
export function loadEvaluations(years) {
  return Promise.all(years.map((y) => loadEvaluation(y).catch((e) => (e instanceof Error ? e : new Error(String(e))))));
}

/** Forget what was kept (after a cluster changes). */
export function resetClusters() {
  registry = null;
  evaluations.clear();
}
