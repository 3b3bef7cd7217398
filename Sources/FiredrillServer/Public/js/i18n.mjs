// i18n.mjs: the interface language (English or Japanese). The choice comes from
// localStorage ('firedrill.lang'), else from navigator.language. Static texts in the HTML
// carry data-i18n="key" (text) or data-i18n-attr="attr:key;attr:key" and are filled by
// applyStatic(). Scenario text is never translated: it keeps the scenario's own language.
import { STRINGS } from './strings.mjs';

const STORAGE_KEY = 'firedrill.lang';
export const LANGUAGES = ['en', 'ja'];

function initialLang() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(stored)) return stored;
  } catch { /* storage may be blocked */ }
  const nav = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return nav.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

let current = initialLang();

export function lang() { return current; }

/** Switches the language, remembers it and reloads: every page rebuilds itself from the server. */
export function setLang(next) {
  if (!LANGUAGES.includes(next)) return;
  try { localStorage.setItem(STORAGE_KEY, next); } catch { /* ignore */ }
  current = next;
  location.reload();
}

/** t('key', {name: 'x'}): the string in the current language with {name} filled in. */
export function t(key, vars) {
  const table = STRINGS[current] || STRINGS.en;
  let s = table[key] ?? STRINGS.en[key];
  if (s === undefined) return key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, name) => (vars[name] ?? m).toString());
  return s;
}

/** Like t(), but returns undefined when the key is missing (for optional labels). */
export function tOpt(key, vars) {
  const table = STRINGS[current] || STRINGS.en;
  return (table[key] ?? STRINGS.en[key]) === undefined ? undefined : t(key, vars);
}

/** Fills data-i18n texts and attributes under root, and sets <html lang>. */
export function applyStatic(root = document) {
  document.documentElement.lang = current;
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) node.setAttribute(attr, t(key));
    }
  }
}

/** The display name of a channel (custom channels keep their own name). */
export function channelName(channel) {
  if (!channel) return '';
  return tOpt('channel.' + channel) ?? channel;
}

/** A wall-clock time (ISO-8601) as local date and time. */
export function formatWallTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
