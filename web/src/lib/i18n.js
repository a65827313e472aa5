// The current language (zh-CN by default, remembered in localStorage) and
// t(key, params) to look labels up in it.
import { ref, watch } from 'vue';
import { LOCALES, messages } from './messages.js';

const STORAGE_KEY = 'echelon.locale';

function initial() {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (LOCALES.includes(saved)) return saved;
  } catch { /* storage may be blocked */ }
  return 'zh-CN';
}

export const locale = ref(initial());

watch(locale, (v) => {
  try { globalThis.localStorage?.setItem(STORAGE_KEY, v); } catch { /* ignore */ }
  if (globalThis.document) document.documentElement.lang = v;
}, { immediate: true });

export function interpolate(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k) => (params[k] !== undefined && params[k] !== null ? String(params[k]) : m));
}

/** The label for key in lang (the current language by default). */
export function translate(lang, key, params) {
  const text = messages[lang]?.[key] ?? messages['zh-CN'][key];
  if (text === undefined) {
    if (import.meta.env?.DEV) console.warn(`i18n: no label ${key}`);
    return key;
  }
  return interpolate(text, params);
}

export function t(key, params) {
  return translate(locale.value, key, params);
}

export function toggleLocale() {
  locale.value = locale.value === 'en' ? 'zh-CN' : 'en';
}

export { LOCALES };
