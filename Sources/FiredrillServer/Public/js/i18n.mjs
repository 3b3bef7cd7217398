// i18n.mjs: the interface language (English or Japanese) and its texts. The choice comes from
// localStorage ('firedrill.lang'), else from the browser's language. The texts are the
// server's catalog (GET /i18n/{lang}.json: the drill's shared vocabulary and the pages' own
// texts), loaded by loadTexts() before a page renders anything; English fills any key the
// chosen language lacks. Static texts in the HTML carry data-i18n="key" (text) or
// data-i18n-attr="attr:key;attr:key". Scenario text is never translated.
import { createTranslator } from './catalog.mjs';

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
let translator = createTranslator({}, {});

export function lang() { return current; }

async function fetchCatalog(language) {
  const res = await fetch(`/i18n/${language}.json`, { credentials: 'same-origin', cache: 'no-cache' });
  if (!res.ok) throw new Error(`i18n ${language}: HTTP ${res.status}`);
  return res.json();
}

/** Loads the texts of the chosen language (and English beside it). Call once, first. */
export async function loadTexts() {
  const wanted = fetchCatalog(current).catch(() => null);
  const english = current === 'en' ? wanted : fetchCatalog('en').catch(() => null);
  const [primary, fallback] = await Promise.all([wanted, english]);
  if (!primary && fallback) current = 'en';
  translator = createTranslator(primary || fallback || {}, fallback || {});
  document.documentElement.lang = current;
  return Boolean(primary || fallback);
}

/** Switches the language, remembers it and reloads: every page rebuilds itself from the server. */
export function setLang(next) {
  if (!LANGUAGES.includes(next)) return;
  try { localStorage.setItem(STORAGE_KEY, next); } catch { /* ignore */ }
  current = next;
  location.reload();
}

/** t(key, {name: 'x'}): the text in the current language with {name} filled in. */
export function t(key, vars) { return translator.t(key, vars); }

/** Like t(), but undefined when no catalog has the key. */
export function tOpt(key, vars) { return translator.tOpt(key, vars); }

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

/** The name of a channel (a scenario's own channel keeps its own name). */
export function channelName(channel) {
  if (!channel) return '';
  return tOpt('channel.' + channel) ?? channel;
}
