// The names of the C library's enumerations (GET /api/v1/enums): the codes
// of project stages, project kinds, funding sources, fund types,
// co-investment rules, cluster tiers, roles and alert kinds, each in the
// library's order; which funding source each fund type fills; and the
// stage changes the library allows. Fetched once and kept, like the
// catalogue. The dashboard keeps only the labels of these codes (the
// translations in messages.js), never the lists.
import { api } from './session.js';

let enums = null;

/** The answer of GET /enums, asked once (and again after a failure). */
export function loadEnums() {
  enums ||= api.get('/enums').catch((e) => { enums = null; throw e; });
  return enums;
}
