// staff.mjs: what the evaluator and observer pages share: the drill header, the display
// name, the scenario summary and roles, the live objective board (refreshed on events),
// the timeline of events, and the link to the report once the drill has ended.
import { ProgressFeed, renderBoard, tickBoard } from './board.mjs';
import { $, el, fill, reflow } from './dom.mjs';
import { formatClock } from './format.mjs';
import { t } from './i18n.mjs';
import { wireJoin } from './join.mjs';
import { startDrillPage } from './page.mjs';
import { showReportLink } from './reportlink.mjs';
import { Timeline } from './timeline.mjs';

export async function startStaffPage({ kind, showExpected, onEvent, onProgress }) {
  let timeline = null;
  let feed = null;
  let renderJoin = null;
  const early = [];
  const ctx = await startDrillPage({
    kind,
    onEvent: (event) => {
      if (!timeline) { early.push(event); return; }
      timeline.add(event);
      if (onEvent) onEvent(event);
      if (event.type !== 'observation') feed.soon();
    },
    onDrill: (drill) => { if (renderJoin) renderJoin(drill); },
  });
  if (!ctx) return null;
  for (const node of document.querySelectorAll('[data-needs-drill]')) node.hidden = false;

  timeline = new Timeline({ list: $('#timeline'), drill: ctx.drill, filter: $('#timeline-filter') });
  feed = new ProgressFeed({
    ctx,
    errorBox: $('#board-error'),
    onProgress: (progress) => {
      timeline.setObjectives(progress.objectives);
      renderBoard($('#board'), progress, ctx.drill, { showExpected });
      if (onProgress) onProgress(progress);
    },
  });
  ctx.feed = feed;
  await feed.refresh();
  for (const event of early.splice(0)) { timeline.add(event); if (onEvent) onEvent(event); }
  renderScenarioInfo($('#scenario-info'), ctx.drill);
  renderJoin = wireJoin(ctx);

  let lastStatus = null;
  ctx.clock.subscribe((seconds, status) => {
    tickBoard($('#board'), seconds);
    if (status === lastStatus) return;
    lastStatus = status;
    showReportLink($('#report-section'), { drillId: ctx.drillId, kind, status });
  });
  return ctx;
}

/** The summary (staff and observers), the briefing and the roles. */
export function renderScenarioInfo(container, drill) {
  if (!container) return;
  const lang = drill.language || null;
  fill(container,
    el('p', { class: 'hint', text: t('scenario.duration', { d: formatClock(drill.duration_seconds) }) }),
    drill.summary ? [el('h3', { text: t('scenario.summary') }), el('div', { class: 'text', lang, text: reflow(drill.summary) })] : null,
    drill.briefing ? [el('h3', { text: t('briefing.title') }), el('div', { class: 'text briefing-text', lang, text: reflow(drill.briefing) })] : null,
    el('h3', { text: t('scenario.roles') }),
    el('ul', { class: 'roles' }, (drill.roles || []).map((r) => el('li', {},
      el('span', { class: 'role-name', lang, text: r.name }),
      r.department ? el('span', { class: 'role-dept', lang, text: ` · ${r.department}` }) : null,
      r.simulated ? el('span', { class: 'tag', text: t('roles.simulated') }) : null))));
}
