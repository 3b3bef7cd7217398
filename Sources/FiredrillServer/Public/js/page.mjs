// page.mjs: what every drill page does after its chrome: find the drill id, load the drill
// with the page's kind of token, start the clock in the top bar and open the event stream
// with its connection indicator. The drill document is read again (debounced) whenever an
// event changes what it says: status, speed, the next inject's time.
import { api, drillIdFromHash, enc } from './api.mjs';
import { showDrillTitle, pageError } from './chrome.mjs';
import { DrillClock, formatClock } from './clock.mjs';
import { $, fill } from './dom.mjs';
import { t } from './i18n.mjs';
import { DrillStream } from './stream.mjs';
import { renderConnection, statusChip } from './ui.mjs';

const RESYNC_ON = new Set(['started', 'paused', 'resumed', 'interrupted', 'ended', 'speed-changed', 'clock-advanced', 'inject-delivered', 'inject-skipped']);

/**
 * Loads the drill of the page and starts the clock and stream.
 * onEvent(event, ctx) sees every event once; onDrill(drill) after every GET of the drill.
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
  const ctx = { kind, client, drillId, drill, clock, stream: null, loadedSeq: drill.last_seq ?? -1 };
  showDrillTitle(drill);
  wireHeader(ctx);
  let resyncTimer = null;
  ctx.resync = (delay = 300) => {
    clearTimeout(resyncTimer);
    resyncTimer = setTimeout(async () => {
      try {
        ctx.drill = await client.get(`/drills/${enc(drillId)}`);
        clock.sync(ctx.drill);
        if (onDrill) onDrill(ctx.drill);
      } catch { /* the stream state tells the user */ }
    }, delay);
  };
  /** After a change made on this page (start, speed…): the drill as the server answered. */
  ctx.setDrill = (next) => {
    ctx.drill = next;
    clock.sync(next);
    if (onDrill) onDrill(next);
  };
  if (onDrill) onDrill(drill);
  ctx.stream = new DrillStream({
    drillId, kind, api: client,
    onEvent: (event) => {
      clock.applyEvent(event);
      if (RESYNC_ON.has(event.type) && (kind !== 'player' || !event.type.startsWith('inject'))) ctx.resync();
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

/** The clock and status chip in the top bar. */
function wireHeader(ctx) {
  const clockNode = $('#clock');
  const statusNode = $('#drill-status');
  let lastStatus = null;
  let lastText = '';
  ctx.clock.subscribe((seconds, status) => {
    const text = formatClock(seconds);
    if (clockNode && text !== lastText) { clockNode.textContent = text; lastText = text; }
    if (statusNode && status !== lastStatus) {
      lastStatus = status;
      fill(statusNode, statusChip(status));
      document.body.dataset.status = status;
    }
  });
}
