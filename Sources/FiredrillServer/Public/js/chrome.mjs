// chrome.mjs: what the pages share around their content: the texts (loaded before
// anything renders), the top bar (brand, page name, drill title, drill clock, status,
// connection, language switch), the page title, and the page-level problems (not signed in,
// no drill, drill not found). Each page's HTML holds only <header id="topbar"> and a
// <div id="page-error">; this module fills them.
import { $, el, fill } from './dom.mjs';
import { applyStatic, lang, loadTexts, setLang, t } from './i18n.mjs';
import { showError } from './ui.mjs';

let pageName = '';

/**
 * Loads the texts, translates the static HTML and draws the top bar.
 * page: index | play | console | evaluate | observe; drill: whether the bar shows a drill's
 * clock and status; tools: extra buttons for the bar.
 */
export async function initPage({ page, drill = true, tools = [] }) {
  await loadTexts();
  applyStatic();
  pageName = t(`chrome.${page}`);
  document.title = page === 'index' ? t('index.title') + ' · firedrill' : `${pageName} · firedrill`;
  const bar = $('#topbar');
  if (!bar) return;
  const other = lang() === 'ja' ? 'en' : 'ja';
  fill(bar,
    el('p', { class: 'brand-line' },
      el('a', { class: 'brand', href: page === 'console' ? '/console.html' : '/', text: 'firedrill' }),
      page === 'index' || !drill ? null : el('span', { class: 'page-name', text: pageName })),
    el('h1', { id: 'drill-title', class: 'drill-title', text: page === 'index' ? t('index.title') : (drill ? '' : pageName) }),
    el('div', { class: 'topbar-status' },
      drill ? [
        el('span', { class: 'clock-box drill-only' },
          el('span', { class: 'clock-label', id: 'clock-label', text: t('clock.label') }),
          el('span', { id: 'clock', class: 'clock', role: 'timer', 'aria-labelledby': 'clock-label clock', text: '0:00' })),
        el('span', { id: 'drill-status', class: 'drill-only' }),
        el('span', { id: 'conn', class: 'conn drill-only', role: 'status' }),
      ] : null,
      tools),
    el('button', { type: 'button', id: 'lang-switch', class: 'btn small lang-switch', lang: other,
      'aria-label': t('lang.switchTo'), onclick: () => setLang(other), text: other === 'ja' ? '日本語' : 'English' }));
}

/** Shows the drill's title in the bar and the window title. */
export function showDrillTitle(drill) {
  const title = $('#drill-title');
  if (title) {
    title.textContent = drill.title;
    title.setAttribute('lang', drill.language || '');
  }
  setWindowTitle(drill.title);
}

/** The window title: "(2) Title · page · firedrill" with an optional count first. */
export function setWindowTitle(title, count = 0) {
  document.title = `${count ? `(${count}) ` : ''}${title} · ${pageName} · firedrill`;
}

/** Hides what only a drill shows (the console without a drill open). */
export function hideDrillParts() {
  for (const node of document.querySelectorAll('.drill-only')) node.hidden = true;
}

/** A page-level problem (not signed in, drill not found, …) in #page-error. */
export function pageError(err) {
  const box = $('#page-error');
  if (!box) return;
  if (err && (err.status === 401 || err.signedOut)) {
    fill(box, el('div', { class: 'error-box', role: 'alert' },
      el('p', { class: 'error-title', text: t('page.signedOutTitle') }),
      el('p', { text: t('page.signedOut') }),
      el('p', {}, el('a', { href: '/', text: t('page.toStart') }))));
    box.hidden = false;
  } else {
    showError(box, err, t('page.loadFailed'));
  }
  for (const node of document.querySelectorAll('[data-needs-drill]')) node.hidden = true;
  hideDrillParts();
}
