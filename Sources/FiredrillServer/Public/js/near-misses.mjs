// near-misses.mjs: the near-miss register (/near-misses.html), for the committee (linked from
// its records) and the trainer (from the console, with ?as=trainer). Three views as tabs,
// remembered in the address (#register, #backlog, #digest): the register ranked by priority
// (near-misses-register.mjs), the backlog of tags with the scenarios that cover them
// (near-misses-backlog.mjs) and the monthly digest with the month's most valuable near miss
// (near-misses-digest.mjs). GET /api/v1/near-misses, …/backlog, …/digest; PUT …/digest/{month}.
import { firstSession } from './api.mjs';
import { initPage, pageError } from './chrome.mjs';
import { $, $$, el, fill } from './dom.mjs';
import { t } from './i18n.mjs';
import { BacklogView } from './near-misses-backlog.mjs';
import { DigestView } from './near-misses-digest.mjs';
import { RegisterView } from './near-misses-register.mjs';
import { localDay } from './near-miss-data.mjs';

const VIEWS = ['register', 'backlog', 'digest'];

const wanted = new URLSearchParams(location.search).get('as');
await initPage({ page: 'nearMisses', drill: false });
const state = await signIn(wanted === 'trainer' ? ['trainer', 'committee'] : ['committee', 'trainer']);
if (state) start(state);


/** The kind of sign-in this browser holds: the committee's first, else the trainer's (or as asked). */
async function signIn(kinds) {
  const { client, session, error } = await firstSession(kinds);
  if (client) return { client, kind: session.kind, session, today: localDay(), backlog: [] };
  pageError(error || { message: t('nearMisses.notSignedIn') });
  return null;
}

async function start(state) {
  $('#register-page').hidden = false;
  $('#signed-in-as').textContent = state.kind === 'trainer'
    ? t('committee.asTrainer')
    : t('committee.asCommittee', { name: state.session.name || t('committee.defaultName') });
  const as = state.kind === 'trainer' ? '?as=trainer' : '';
  fill($('#page-links'),
    el('a', { href: `/committee.html${as}`, text: t('nearMisses.toCommittee') }),
    state.kind === 'trainer' ? [' ', el('a', { href: '/console.html', text: t('committee.toConsole') })] : null);

  const views = {
    register: new RegisterView(state),
    backlog: new BacklogView(state),
    digest: new DigestView(state),
  };
  state.loadBacklog = async () => {
    state.backlog = (await state.client.get('/near-misses/backlog')).backlog || [];
    return state.backlog;
  };
  // A pick in the digest shows in the register too (its entry is marked as the month's most valuable).
  state.picked = () => views.register.load();
  for (const button of $$('.reload')) button.addEventListener('click', () => reload(state, views));
  wireTabs((view) => views[view].show());
  await reload(state, views);
}

/** Reads the backlog (the register's tag filter lists its tags) and redraws every view. */
async function reload(state, views) {
  const page = $('#register-page');
  page.setAttribute('aria-busy', 'true');
  state.today = localDay();
  state.backlogError = null;
  try {
    await state.loadBacklog();
  } catch (err) {
    if (err.status === 401 || err.status === 403) { pageError(err); page.hidden = true; return; }
    state.backlog = [];
    state.backlogError = err;
  }
  await Promise.all(Object.values(views).map((view) => view.load()));
  page.setAttribute('aria-busy', 'false');
}

/** The tabs: a click or the arrow keys choose a view; the address remembers it. */
function wireTabs(onShow) {
  const tabs = $$('#view-tabs [role="tab"]');
  const select = (view, { focus = false } = {}) => {
    for (const tab of tabs) {
      const on = tab.dataset.view === view;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      $(`#${tab.getAttribute('aria-controls')}`).hidden = !on;
      if (on && focus) tab.focus();
    }
    if (location.hash.slice(1) !== view) history.replaceState(null, '', `${location.pathname}${location.search}#${view}`);
    onShow(view);
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab.dataset.view));
    tab.addEventListener('keydown', (e) => {
      const at = tabs.indexOf(tab);
      const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      select(tabs[(to + tabs.length) % tabs.length].dataset.view, { focus: true });
    });
  }
  const first = location.hash.slice(1);
  select(VIEWS.includes(first) ? first : 'register');
  window.addEventListener('hashchange', () => {
    const view = location.hash.slice(1);
    if (VIEWS.includes(view)) select(view);
  });
}
