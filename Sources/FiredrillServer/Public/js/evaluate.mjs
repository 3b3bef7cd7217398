// evaluate.mjs: the evaluator's page (/evaluate.html#drill=ID): the objectives with what is
// expected and their automatic status, a form to record observations at the current drill
// time, the observations so far, the timeline, the MSEL and the report at the end.
import { $ } from './dom.mjs';
import { t } from './i18n.mjs';
import { renderMsel } from './msel.mjs';
import { Observations } from './observations.mjs';
import { initChrome } from './page.mjs';
import { startStaffPage } from './staff.mjs';

initChrome();

let page = null;            // the page context, once loaded
let observations = null;
const early = [];

function showProgress(progress) {
  observations.setObjectives(progress.objectives);
  renderMsel($('#msel'), progress.injects, page.drill);
}

page = await startStaffPage({
  kind: 'evaluator',
  showExpected: true,
  onEvent: (event) => { if (observations) observations.add(event); else early.push(event); },
  onProgress: (progress) => { if (observations) showProgress(progress); },
});

if (page) {
  observations = new Observations({ form: $('#obs-form'), list: $('#obs-list'), ctx: page });
  if (page.feed.progress) showProgress(page.feed.progress);
  for (const event of early.splice(0)) observations.add(event);
  // Observations are recorded from the drill's start on.
  watchStatus();
}

function watchStatus() {
  const submit = $('#obs-form').querySelector('button[type="submit"]');
  const note = $('#obs-note');
  page.clock.subscribe((seconds, status) => {
    const ready = status === 'ready';
    submit.disabled = ready;
    note.hidden = !ready;
    note.textContent = ready ? t('obs.notStarted') : '';
  });
}
