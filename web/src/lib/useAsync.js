// Runs an async loader when its sources change and keeps its state: data,
// loading, error. Only the latest run's answer is kept.
import { ref, shallowRef, watch } from 'vue';

export function useAsync(loader, sources, { immediate = true } = {}) {
  const data = shallowRef(null);
  const loading = ref(false);
  const error = shallowRef(null);
  let generation = 0;

  async function run() {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const value = await loader();
      if (mine === generation) data.value = value;
    } catch (e) {
      if (mine === generation) {
        error.value = e instanceof Error ? e : new Error(String(e));
        if (!(e && e.name === 'ApiError')) console.warn(e);
      }
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  if (sources) watch(sources, run, { immediate });
  else if (immediate) run();
  return { data, loading, error, run };
}
