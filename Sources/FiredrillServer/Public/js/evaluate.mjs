// evaluate.mjs: the evaluator's page (/evaluate.html#drill=ID): the queue of actions to
// decide on (one click per decision, which changes the official score), the objectives with
// what is expected and the official score beside the automatic one, observations recorded
// at the current drill time, the timeline, the scenario timeline in words, and the report's
// link at the end.
import { initPage } from './chrome.mjs';
import { $ } from './dom.mjs';
import { t } from './i18n.mjs';
import { renderMsel } from './msel.mjs';
import { Observations } from './observations.mjs';
import { AdjudicationQueue } from './queue.mjs';
import { startStaffPage } from './staff.mjs';

await initPage({ page: 'evaluate' });

let page = null;            // the page context, once loaded
let observations = null;
let queue = null;
const early = [];

page = await startStaffPage({
  kind: 'evaluator',
  showExpected: true,
  onEvent: (event) => {
    if (!observations) { early.push(event); return; }
    observations.add(event);
    queue.event(event);
  },
  onProgress: (progress) => {
    if (!observations) return;
    observations.setObjectives(progress.objectives);
    renderMsel($('#msel'), progress, page.drill);
  },
});

if (page) {
  observations = new Observations({ form: $('#obs-form'), list: $('#obs-list'), ctx: page });
  queue = new AdjudicationQueue({
    container: $('#queue'), errorBox: $('#queue-error'), statusNode: $('#queue-status'), countNode: $('#queue-count'),
    ctx: page, onDecided: () => page.feed.soon(),
  });
  if (page.feed.progress) {
    observations.setObjectives(page.feed.progress.objectives);
    renderMsel($('#msel'), page.feed.progress, page.drill);
  }
  for (const event of early.splice(0)) observations.add(event);
  // Observations are recorded from the drill's start on.
  const submit = $('#obs-form').querySelector('button[type="submit"]');
  const note = $('#obs-note');
  page.clock.subscribe((seconds, status) => {
    const ready = status === 'ready';
    submit.disabled = ready;
    note.hidden = !ready;
    note.textContent = ready ? t('obs.notStarted') : '';
  });
}
