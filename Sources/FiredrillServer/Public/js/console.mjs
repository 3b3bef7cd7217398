// console.mjs: the trainer's page (/console.html). Without a drill in the address it lists
// the drills and creates new ones (console-home.mjs); with #drill=ID it runs that drill:
// steering and the clock (clock-controls.mjs), the evaluators' queue (compact), the objective
// board, sign-in links and participants, ad-lib injects, the scenario timeline in words, the
// live event log, and the report's link at the end.
import { api, drillIdFromHash } from './api.mjs';
import { wireAdlib, setAdlibEnabled } from './adlib.mjs';
import { ProgressFeed, renderBoard, tickBoard } from './board.mjs';
import { hideDrillParts, initPage, pageError } from './chrome.mjs';
import { ClockControls } from './clock-controls.mjs';
import { startHome } from './console-home.mjs';
import { LinksPanel } from './console-links.mjs';
import { $ } from './dom.mjs';
import { t } from './i18n.mjs';
import { renderMsel } from './msel.mjs';
import { startDrillPage } from './page.mjs';
import { AdjudicationQueue } from './queue.mjs';
import { showReportLink } from './reportlink.mjs';
import { renderScenarioInfo } from './staff.mjs';
import { Timeline } from './timeline.mjs';

const drillId = drillIdFromHash();
await initPage({ page: 'console', drill: Boolean(drillId) });
// Opening another drill (or the list) reloads the page: each view starts from the server.
window.addEventListener('hashchange', () => location.reload());

if (!drillId) {
  hideDrillParts();
  startHome(api('trainer')).catch((err) => {
    // Not signed in as the trainer (or a drill token): say so plainly.
    $('#home').hidden = true;
    pageError(err.status === 401 || err.status === 403 ? { message: t('console.notTrainer') } : err);
  });
} else {
  startDrill();
}

async function startDrill() {
  let timeline = null;
  let feed = null;
  let queue = null;
  let controls = null;
  const early = [];
  const ctx = await startDrillPage({
    kind: 'trainer',
    onEvent: (event) => {
      if (!timeline) { early.push(event); return; }
      timeline.add(event);
      queue.event(event);
      feed.soon();
    },
    onDrill: (drill) => { if (controls) controls.update(drill); },
  });
  if (!ctx) return;
  $('#drill-view').hidden = false;

  controls = new ClockControls({ container: $('#control'), ctx });
  timeline = new Timeline({ list: $('#timeline'), drill: ctx.drill, filter: $('#timeline-filter') });
  queue = new AdjudicationQueue({
    container: $('#queue'), errorBox: $('#queue-error'), statusNode: $('#queue-status'), countNode: $('#queue-count'),
    ctx, compact: true, onDecided: () => feed.soon(),
  });
  feed = new ProgressFeed({
    ctx,
    errorBox: $('#board-error'),
    onProgress: (progress) => {
      timeline.setObjectives(progress.objectives);
      renderBoard($('#board'), progress, ctx.drill, { showExpected: true });
      renderMsel($('#msel'), progress, ctx.drill);
    },
  });
  feed.refresh();
  for (const event of early.splice(0)) timeline.add(event);

  renderScenarioInfo($('#scenario-info'), ctx.drill);
  new LinksPanel({ container: $('#links'), errorBox: $('#links-error'), ctx });
  wireAdlib($('#adlib-form'), ctx);

  let lastStatus = null;
  ctx.clock.subscribe((seconds, status) => {
    tickBoard($('#board'), seconds);
    if (status === lastStatus) return;
    lastStatus = status;
    setAdlibEnabled($('#adlib-form'), status);
    showReportLink($('#report-section'), { drillId: ctx.drillId, kind: 'trainer', status });
  });
}
