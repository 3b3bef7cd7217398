// play.mjs: the participant's page (/play.html#drill=ID). Join with a display name, read the
// briefing and the roles, wait for the start, then follow the inbox live and respond; after
// the end, answer the survey.
import { Composer } from './composer.mjs';
import { $, el, fill, reflow } from './dom.mjs';
import { t } from './i18n.mjs';
import { Inbox } from './inbox.mjs';
import { initChrome, startDrillPage } from './page.mjs';
import { renderSurvey } from './survey.mjs';
import { wireJoin } from './join.mjs';

initChrome();

let inbox = null;
let composer = null;
let renderJoin = null;
const early = [];   // events that arrive before the inbox exists

const ctx = await startDrillPage({
  kind: 'player',
  onEvent: (event, c) => {
    if (!inbox) { early.push(event); return; }
    inbox.add(event, { live: event.at_seconds > c.loadedAt });
  },
  onDrill: (drill) => { if (renderJoin) renderJoin(drill); },
});

if (ctx) {
  const drill = ctx.drill;
  inbox = new Inbox({
    list: $('#inbox'),
    drill,
    storageKey: `firedrill.read.${ctx.drillId}.${drill.me?.token_id || 'me'}`,
    onUnreadChange: (n) => {
      $('#unread-count').textContent = n ? t('inbox.unread', { n }) : '';
      $('#unread-jump').textContent = n ? `${t('inbox.unread', { n })} ↓` : '';
      $('#unread-jump').hidden = n === 0;
      document.title = `${n ? `(${n}) ` : ''}${drill.title} · firedrill`;
    },
    onRespond: () => composer && composer.focus(),
  });
  for (const event of early.splice(0)) inbox.add(event);
  composer = new Composer({ form: $('#composer'), commandForm: $('#command-form'), ctx, inbox });
  $('#mark-all-read').addEventListener('click', () => inbox.markAllRead());
  renderBriefing(drill);
  renderJoin = wireJoin(ctx, { focusAfter: '#inbox-title' });
  let lastStatus = null;
  ctx.clock.subscribe((seconds, status) => {
    if (status === lastStatus) return;
    const first = lastStatus === null;
    lastStatus = status;
    statusChanged(status, first);
  });
}

function statusChanged(status, first) {
  composer.setEnabled(status);
  $('#waiting').hidden = status !== 'ready';
  // The briefing stays open before the start; afterwards it folds away to make room.
  if (first) $('#briefing-details').open = status === 'ready';
  const ended = status === 'finished';
  $('#composer-section').hidden = ended;
  const survey = $('#survey-section');
  if (ended && survey.hidden) {
    survey.hidden = false;
    renderSurvey(survey, { drill: ctx.drill, client: ctx.client, drillId: ctx.drillId });
  }
}

function renderBriefing(drill) {
  const mine = new Set(drill.my_roles || []);
  const roleItem = (r) => el('li', {},
    el('span', { class: 'role-name', lang: drill.language || null, text: r.name }),
    r.department ? el('span', { class: 'role-dept', lang: drill.language || null, text: ` · ${r.department}` }) : null,
    r.simulated ? el('span', { class: 'tag', text: t('roles.simulated') }) : null);
  fill($('#briefing-body'),
    el('div', { class: 'roles-grid' },
      el('div', {},
        el('h3', { text: t('roles.yours') }),
        el('ul', { class: 'roles mine' }, (drill.roles || []).filter((r) => mine.has(r.id)).map(roleItem))),
      el('div', {},
        el('h3', { text: t('roles.others') }),
        el('ul', { class: 'roles' }, (drill.roles || []).filter((r) => !mine.has(r.id)).map(roleItem)))),
    el('p', { id: 'me-line', class: 'me-line' }),
    drill.briefing ? el('div', { class: 'text briefing-text', lang: drill.language || null, text: reflow(drill.briefing) }) : null);
}
