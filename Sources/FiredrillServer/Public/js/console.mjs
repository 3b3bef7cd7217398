// console.mjs: the trainer console (/console.html). Without a drill in the address it lists
// the drills and creates new ones (console-home.mjs); with #drill=ID it runs that drill:
// start, pause, resume, end and speed; sign-in links and participants; the objective board;
// ad-lib injects; the scenario timeline (MSEL); the live event log; the report at the end.
import { api, drillIdFromHash, enc } from './api.mjs';
import { wireAdlib, setAdlibEnabled } from './adlib.mjs';
import { ProgressFeed, renderBoard, tickBoard } from './board.mjs';
import { startHome } from './console-home.mjs';
import { LinksPanel } from './console-links.mjs';
import { $, $$ } from './dom.mjs';
import { t } from './i18n.mjs';
import { renderMsel } from './msel.mjs';
import { initChrome, pageError, startDrillPage } from './page.mjs';
import { renderReport } from './report.mjs';
import { renderScenarioInfo } from './staff.mjs';
import { Timeline } from './timeline.mjs';
import { showError } from './ui.mjs';

initChrome();
// Opening another drill (or the list) reloads the page: each view starts from the server.
window.addEventListener('hashchange', () => location.reload());

if (!drillIdFromHash()) {
  startHome(api('trainer')).catch((err) => {
    // Not signed in as the trainer (or a drill token): say so plainly.
    $('#home').hidden = true;
    pageError(err.status === 403 ? { message: t('console.notTrainer') } : err);
  });
} else {
  startDrill();
}

async function startDrill() {
  let timeline = null;
  let feed = null;
  const early = [];
  const ctx = await startDrillPage({
    kind: 'trainer',
    onEvent: (event) => {
      if (!timeline) { early.push(event); return; }
      timeline.add(event);
      feed.soon();
    },
    onDrill: (drill) => renderMeta(drill),
  });
  if (!ctx) return;
  for (const node of $$('.drill-only')) node.hidden = false;
  $('#drill-view').hidden = false;

  timeline = new Timeline({ list: $('#timeline'), drill: ctx.drill, filter: $('#timeline-filter') });
  feed = new ProgressFeed({
    ctx,
    errorBox: $('#board-error'),
    onProgress: (progress) => {
      timeline.setObjectives(progress.objectives);
      renderBoard($('#board'), progress, ctx.drill, { showExpected: true });
      renderMsel($('#msel'), progress.injects, ctx.drill);
    },
  });
  feed.refresh();
  for (const event of early.splice(0)) timeline.add(event);

  renderScenarioInfo($('#scenario-info'), ctx.drill);
  new LinksPanel({ container: $('#links'), errorBox: $('#links-error'), ctx });
  wireAdlib($('#adlib-form'), ctx);
  wireControls(ctx);

  let lastStatus = null;
  let reportShown = false;
  ctx.clock.subscribe((seconds, status) => {
    tickBoard($('#board'), seconds);
    if (status === lastStatus) return;
    lastStatus = status;
    showControls(status);
    setAdlibEnabled($('#adlib-form'), status);
    if (status === 'finished' && !reportShown) {
      reportShown = true;
      $('#report-section').hidden = false;
      renderReport($('#report'), { client: ctx.client, drillId: ctx.drillId, kind: 'trainer', drill: ctx.drill });
    }
  });
}

function renderMeta(drill) {
  $('#drill-meta').textContent = t('control.meta', {
    scenario: drill.scenario_id, id: drill.id, speed: drill.speed, duration: Math.round(drill.duration_seconds / 60),
  });
  const speed = $('#drill-speed');
  if (document.activeElement !== speed) speed.value = String(drill.speed);
}

/** Which steering buttons make sense in each state. */
function showControls(status) {
  $('#btn-start').hidden = status !== 'ready';
  $('#btn-pause').hidden = status !== 'running';
  $('#btn-resume').hidden = !['paused', 'interrupted'].includes(status);
  $('#btn-end').hidden = !['running', 'paused', 'interrupted'].includes(status);
  $('#speed-form').hidden = status !== 'ready';
  $('#controls').hidden = status === 'finished';
}

function wireControls(ctx) {
  const base = `/drills/${enc(ctx.drillId)}`;
  const errorBox = $('#control-error');
  const status = $('#control-status');
  const act = async (path, body, done) => {
    showError(errorBox, null);
    status.textContent = t('send.pending');
    try {
      ctx.drill = await ctx.client.post(base + path, body);
      ctx.clock.sync(ctx.drill);
      renderMeta(ctx.drill);
      status.textContent = done;
    } catch (err) {
      status.textContent = '';
      showError(errorBox, err);
    }
  };
  $('#btn-start').addEventListener('click', () => act('/start', undefined, t('control.started')));
  $('#btn-pause').addEventListener('click', () => act('/pause', undefined, t('control.paused')));
  $('#btn-resume').addEventListener('click', () => act('/resume', undefined, t('control.resumed')));
  $('#btn-end').addEventListener('click', () => {
    if (window.confirm(t('control.confirmEnd'))) act('/end', undefined, t('control.ended'));
  });
  $('#speed-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const speed = Number($('#drill-speed').value);
    if (!(speed >= 0.01 && speed <= 100000)) { showError(errorBox, { message: t('create.badSpeed') }); return; }
    act('/speed', { speed }, t('control.speedSet', { speed }));
  });
}
