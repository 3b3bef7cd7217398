// play.mjs: the participant's page (/play.html#drill=ID), phone first. Join with a display
// name, read the briefing, wait for the start, then follow the inbox live (newest first,
// with an indicator for messages that arrive out of sight) and respond with the composer.
// The player's role card shows in the briefing and, at any time, from the "Your role"
// buttons. After the end, a banner, the survey and then the quiz come first.
import { initPage, setWindowTitle } from './chrome.mjs';
import { Composer } from './composer.mjs';
import { $, el, fill, reflow } from './dom.mjs';
import { t } from './i18n.mjs';
import { Inbox } from './inbox.mjs';
import { wireJoin } from './join.mjs';
import { NewMessages } from './newmessages.mjs';
import { startDrillPage } from './page.mjs';
import { openQuestions } from './play-data.mjs';
import { showQuiz } from './quiz.mjs';
import { myRoleCards, roleCardNode, wireRoleCardButtons } from './rolecard.mjs';
import { renderSurvey } from './survey.mjs';

await initPage({ page: 'play' });

let inbox = null;
let composer = null;
let renderJoin = null;
let surveyState = null;
let quizDoc = null;     // the quiz as last read or answered (null: none, or not read yet)
let quizShown = false;
const early = [];   // events that arrive before the inbox exists

const ctx = await startDrillPage({
  kind: 'player',
  onEvent: (event, c) => {
    if (!inbox) { early.push(event); return; }
    inbox.add(event, { live: event.seq > c.loadedSeq });
  },
  onDrill: (drill) => {
    if (renderJoin) renderJoin(drill);
  },
});

if (ctx) {
  const drill = ctx.drill;
  for (const node of document.querySelectorAll('[data-needs-drill]')) node.hidden = false;
  const pill = new NewMessages({ button: $('#new-pill') });
  inbox = new Inbox({
    list: $('#inbox'),
    drill,
    storageKey: `firedrill.read.${ctx.drillId}.${drill.me?.token_id || 'me'}`,
    onUnreadChange: (n) => {
      $('#unread-count').textContent = n ? t('inbox.unread', { n }) : '';
      setWindowTitle(drill.title, n);
    },
    onRespond: (reply) => composer && composer.respondTo(reply),
    onArrive: (item) => pill.arrived(item),
  });
  for (const event of early.splice(0)) inbox.add(event);
  composer = new Composer({ form: $('#composer'), section: $('#composer-section'), ctx, inbox });
  $('#mark-all-read').addEventListener('click', () => inbox.markAllRead());
  renderBriefing(drill);
  wireRoleCardButtons([$('#role-card-open'), $('#role-card-open-compose')], () => ctx.drill);
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
  if (first || status === 'running') $('#briefing-details').open = status === 'ready';
  const ended = status === 'finished';
  $('#composer-section').hidden = ended;
  $('#to-composer').hidden = ended;
  if (ended && surveyState === null) {
    showSurvey(ctx.drill);
    showQuizSection(ctx.drill);
    if (!first) {
      // The end came live: bring the banner into view (the composer has just gone).
      window.scrollTo({ top: 0, behavior: 'smooth' });
      $('#ended-banner').focus({ preventScroll: true });
    }
  }
}

/** The banner at the top, then the survey (or the thanks). */
function showSurvey(drill) {
  const section = $('#survey-section');
  section.hidden = false;
  surveyState = renderSurvey(section, {
    drill, client: ctx.client, drillId: ctx.drillId,
    onSent: (next) => { ctx.drill = next; renderBanner(next); ctx.resync(); },
  });
  renderBanner(drill);
}

/** The quiz, after the survey, when the scenario has one. */
function showQuizSection(drill) {
  if (quizShown || !(drill.quiz_questions > 0)) return;
  quizShown = true;
  const section = $('#quiz-section');
  section.hidden = false;
  showQuiz(section, {
    drill, client: ctx.client, drillId: ctx.drillId,
    onChange: (doc) => { quizDoc = doc; renderBanner(ctx.drill); },
  });
}

function renderBanner(drill) {
  const banner = $('#ended-banner');
  const surveyOpen = (drill.survey || []).length > 0 && (drill.me?.survey_answered || []).length < drill.survey.length;
  const hasQuiz = drill.quiz_questions > 0;
  // Until the quiz is read, a quiz is taken to be open.
  const quizOpen = hasQuiz && (quizDoc === null || openQuestions(quizDoc).length > 0);
  let text = t('play.endedThanks');
  if (surveyOpen && quizOpen) text = t('play.endedSurveyQuiz');
  else if (surveyOpen) text = t('play.endedSurvey');
  else if (quizOpen) text = t('play.endedQuiz');
  else if (hasQuiz) text = t('play.endedThanksAll');
  const jump = (target, label) => el('a', { class: 'btn primary', href: `#${target}`, text: label,
    onclick: (e) => { e.preventDefault(); const title = $(`#${target}`); if (!title) return; title.scrollIntoView({ block: 'start', behavior: 'smooth' }); title.focus({ preventScroll: true }); } });
  banner.hidden = false;
  banner.tabIndex = -1;
  fill(banner,
    el('p', { class: 'ended-title', role: 'status', text: t('play.ended') }),
    el('p', { text }),
    surveyOpen || quizOpen ? el('div', { class: 'btn-row' },
      surveyOpen ? jump('survey-title', t('play.toSurvey')) : null,
      quizOpen ? jump('quiz-title', t('play.toQuiz')) : null) : null);
}

function renderBriefing(drill) {
  const mine = new Set(drill.my_roles || []);
  const lang = drill.language || null;
  const cards = new Map(myRoleCards(drill).map((c) => [c.role, c]));
  // The player's own roles carry their role card; other roles never do.
  const roleItem = (r) => el('li', {},
    el('span', { class: 'role-name', lang, text: r.name }),
    r.department ? el('span', { class: 'role-dept', lang, text: ` · ${r.department}` }) : null,
    r.simulated ? el('span', { class: 'tag', text: t('roles.simulated') }) : null,
    mine.has(r.id) && cards.has(r.id) ? roleCardNode(cards.get(r.id), { lang }) : null);
  fill($('#briefing-body'),
    el('div', { class: 'roles-grid' },
      el('div', {},
        el('h3', { text: t('roles.yours') }),
        el('ul', { class: 'roles mine' }, (drill.roles || []).filter((r) => mine.has(r.id)).map(roleItem))),
      el('div', {},
        el('h3', { text: t('roles.others') }),
        el('ul', { class: 'roles' }, (drill.roles || []).filter((r) => !mine.has(r.id)).map(roleItem)))),
    el('p', { id: 'me-line', class: 'me-line' }),
    drill.briefing ? el('div', { class: 'text briefing-text', lang, text: reflow(drill.briefing) }) : null);
}
