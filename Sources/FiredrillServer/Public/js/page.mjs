// page.mjs: what every drill page does first: translate the static text, wire the language
// switch, find the drill id, load the drill with the page's kind of token, start the clock
// in the header and open the event stream with its connection indicator.
import { api, drillIdFromHash, enc } from './api.mjs';
import { DrillClock, formatClock } from './clock.mjs';
import { $, el, fill } from './dom.mjs';
import { applyStatic, lang, setLang, t } from './i18n.mjs';
import { DrillStream } from './stream.mjs';
import { renderConnection, showError, statusChip } from './ui.mjs';

/** Translates the page and wires the language switch (a button with id lang-switch). */
export function initChrome() {
  applyStatic();
  const button = $('#lang-switch');
  if (button) {
    const other = lang() === 'ja' ? 'en' : 'ja';
    button.textContent = other === 'ja' ? '日本語' : 'English';
    button.setAttribute('lang', other);
    button.setAttribute('aria-label', t('lang.switch'));
    button.addEventListener('click', () => setLang(other));
  }
}

/** Shows a page-level problem (not signed in, drill not found) in #page-error. */
export function pageError(err) {
  const box = $('#page-error');
  if (!box) return;
  if (err && err.status === 401) {
    fill(box, el('div', { class: 'error-box', role: 'alert' },
      el('p', { class: 'error-title', text: t('page.signedOutTitle') }),
      el('p', { text: t('page.signedOut') }),
      el('p', {}, el('a', { href: '/', text: t('page.toStart') }))));
    box.hidden = false;
  } else {
    showError(box, err, t('page.loadFailed'));
  }
}

/**
 * Loads the drill of the page and starts the clock and stream.
 * onEvent(event) sees every event once; onDrill(drill) after every GET of the drill.
 */
export async function startDrillPage({ kind, onEvent, onDrill, onStreamState }) {
  const client = api(kind);
  const drillId = drillIdFromHash();
  if (!drillId) {
    pageError({ message: t('page.noDrill') });
    return null;
  }
  let drill;
  try {
    drill = await client.get(`/drills/${enc(drillId)}`);
  } catch (e) {
    pageError(e);
    return null;
  }
  const clock = new DrillClock();
  clock.sync(drill);
  const ctx = { kind, client, drillId, drill, clock, stream: null, loadedAt: drill.drill_seconds };
  wireHeader(ctx);
  let resyncTimer = null;
  ctx.resync = () => {
    clearTimeout(resyncTimer);
    resyncTimer = setTimeout(async () => {
      try {
        ctx.drill = await client.get(`/drills/${enc(drillId)}`);
        clock.sync(ctx.drill);
        if (onDrill) onDrill(ctx.drill);
      } catch { /* the stream state tells the user */ }
    }, 300);
  };
  if (onDrill) onDrill(drill);
  ctx.stream = new DrillStream({
    drillId, kind, api: client,
    onEvent: (event) => {
      clock.applyEvent(event);
      if (['started', 'paused', 'resumed', 'interrupted', 'ended'].includes(event.type)) ctx.resync();
      onEvent(event, ctx);
    },
    onState: (state) => {
      renderConnection($('#conn'), state);
      if (state === 'live') ctx.resync();
      if (state === 'signed-out') pageError({ status: 401 });
      if (onStreamState) onStreamState(state);
    },
  });
  ctx.stream.open();
  // Re-sync the clock now and then, and whenever the page comes back into view.
  setInterval(() => { if (!document.hidden) ctx.resync(); }, 30000);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) ctx.resync(); });
  return ctx;
}

/** The drill title, clock and status chip in the page header. */
function wireHeader(ctx) {
  const title = $('#drill-title');
  if (title) {
    title.textContent = ctx.drill.title;
    title.setAttribute('lang', ctx.drill.language || '');
    document.title = `${ctx.drill.title} · firedrill`;
  }
  const clockNode = $('#clock');
  const statusNode = $('#drill-status');
  let lastStatus = null;
  ctx.clock.subscribe((seconds, status) => {
    if (clockNode) clockNode.textContent = formatClock(seconds);
    if (statusNode && status !== lastStatus) {
      lastStatus = status;
      fill(statusNode, statusChip(status));
      document.body.dataset.status = status;
    }
  });
}
