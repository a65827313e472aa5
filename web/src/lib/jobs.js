// Jobs in the dashboard: the server's step lines in the user's language, and
// useJob(key), which runs long work through the API's jobs with its state
// for a progress display, remembers the job in sessionStorage so that a user
// who leaves the page and comes back follows it again, and cancels it.
import { ref, shallowRef } from 'vue';
import { api } from './session.js';
import { formatNumber } from './format.js';
import { t } from './i18n.js';

// The steps the server writes (src/server/h_*.c, src/lib/allocate.c), and
// the label each is shown with.
const STEPS = [
  [/^queued$/, () => t('job.step.queued')],
  [/^started$/, () => t('job.step.started')],
  [/^reading and storing the rows: (\d+) read$/, (m, L) => t('job.step.readRows', { rows: formatNumber(+m[1], L) })],
  [/^read the rows: (\d+) read$/, (m, L) => t('job.step.rowsRead', { rows: formatNumber(+m[1], L) })],
  [/^reading and storing the rows$/, (m, L) => t('job.step.readRows', { rows: formatNumber(0, L) })],
  [/^rebuilding the monitoring figures$/, () => t('job.step.rebuild')],
  [/^loading the enterprises and their reports$/, () => t('job.step.load')],
  [/^clustering \(DBSCAN\)$/, () => t('job.step.dbscan')],
  [/^weighing and ranking the clusters$/, () => t('job.step.rank')],
  [/^printing the report$/, () => t('job.step.print')],
  [/^LP relaxation: (\d+) columns, (\d+) rows \((\d+) fund-project pairs\)$/,
    (m, L) => t('job.step.lp', { cols: formatNumber(+m[1], L), rows: formatNumber(+m[2], L), pairs: formatNumber(+m[3], L) })],
  [/^whole tickets: (\d+) binaries, (\d+) rows$/, (m, L) => t('job.step.whole', { bins: formatNumber(+m[1], L), rows: formatNumber(+m[2], L) })],
  [/^improving the rounded plan: open tickets (\d+) \(at most ([\d.]+) s\)$/,
    (m, L) => t('job.step.improve', { tickets: formatNumber(+m[1], L), s: m[2] })],
  [/^branch and bound \(at most ([\d.]+) s\)$/, (m) => t('job.step.bb', { s: m[1] })],
  [/^branch and bound \(no time limit\)$/, () => t('job.step.bbOpen')],
];

/** A step line of the server in the current language (unknown ones as they are). */
export function stepText(step, lang) {
  if (!step) return '';
  for (const [re, label] of STEPS) {
    const m = re.exec(step);
    if (m) return label(m, lang);
  }
  return step;
}

/** Seconds as "1 min 5 s" / "1分5秒". */
export function durationText(seconds, lang) {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  if (lang === 'en') return m ? `${m} min ${s % 60} s` : `${s} s`;
  return m ? `${m}分${s % 60}秒` : `${s}秒`;
}

const storageKey = (key) => `echelon.job.${key}`;

function remember(key, id) {
  try {
    if (id) globalThis.sessionStorage?.setItem(storageKey(key), id);
    else globalThis.sessionStorage?.removeItem(storageKey(key));
  } catch { /* storage may be blocked */ }
}

function remembered(key) {
  try { return globalThis.sessionStorage?.getItem(storageKey(key)) || null; } catch { return null; }
}

/**
 * Long work under key ("allocation", "import"): run(start) calls
 * start(onJob) (an api call given { onJob }) and gives its answer; job holds
 * the latest state while it runs; resume() follows a job left running when
 * the user went away (null when there is none); cancel() asks the server to
 * stop it.
 */
export function useJob(key) {
  const job = shallowRef(null);
  const lastId = ref(null); // the job whose answer is shown: its download is /jobs/{id}?format=…
  const cancelling = ref(false);
  const resumed = ref(false);
  const onJob = (j) => {
    job.value = j;
    lastId.value = j.id;
    remember(key, j.state === 'queued' || j.state === 'running' ? j.id : null);
  };
  async function follow(promise) {
    cancelling.value = false;
    try {
      return await promise;
    } finally {
      remember(key, null);
      job.value = null;
      cancelling.value = false;
    }
  }
  return {
    job,
    lastId,
    cancelling,
    resumed,
    run: (start) => { resumed.value = false; return follow(start(onJob)); },
    resume() {
      const id = remembered(key);
      if (!id) return null;
      resumed.value = true;
      return follow(api.resumeJob(id, onJob));
    },
    async cancel() {
      if (!job.value || cancelling.value) return;
      cancelling.value = true;
      try { await api.cancelJob(job.value.id); } catch { cancelling.value = false; }
    },
  };
}
