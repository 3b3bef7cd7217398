// committee.mjs: the ISMS committee's workspace (/committee.html), for the committee (its
// sign-in link lands here) and the trainer (linked from the console with ?as=trainer): the
// recorded drills with filters, each with its after-action report and its record's chain
// verification; the improvement plan (add, close, with the wording review); the trends'
// charts by scenario or department; and a one-page summary of a period that prints on A4.
// The near-miss register (/near-misses.html) is one link away.
// Everything comes from GET /api/v1/history, /drills, /actions, /trends and the reports of
// server drills (objective names, timing targets, the chain's verification).
import { firstSession } from './api.mjs';
import { DrillsView } from './committee-drills.mjs';
import { departmentsByRun, localDay, objectiveNames } from './committee-data.mjs';
import { PlanView } from './committee-plan.mjs';
import { SummaryView } from './committee-summary.mjs';
import { TrendsView } from './committee-trends.mjs';
import { initPage, pageError } from './chrome.mjs';
import { $, el } from './dom.mjs';
import { t } from './i18n.mjs';

const REPORTS_AT_ONCE = 3;
const REPORTS_AT_MOST = 120;

const wanted = new URLSearchParams(location.search).get('as');
await initPage({ page: 'committee', drill: false });

const state = await signIn(wanted === 'trainer' ? ['trainer', 'committee'] : ['committee', 'trainer']);
if (state) start(state);

/** The kind of sign-in this browser holds: the committee's first, else the trainer's (or as asked). */
async function signIn(kinds) {
  const { client, session, error } = await firstSession(kinds);
  if (client) return newState(client, session);
  pageError(error || { message: t('committee.notSignedIn') });
  return null;
}

function newState(client, session) {
  return {
    client,
    kind: session.kind,
    session,
    today: localDay(new Date()),
    runs: [],
    runById: new Map(),
    serverDrills: new Map(),
    byRun: new Map(),
    actions: [],
    reports: new Map(),
    /** Objective names of a scenario, from the reports of its server drills (newest last wins). */
    objectiveNames(scenarioId) {
      const names = new Map();
      for (const run of this.runs.slice().reverse()) {
        if (run.scenario_id !== scenarioId) continue;
        const report = this.reports.get(run.run_id);
        if (report) for (const [id, name] of objectiveNames(report)) if (name) names.set(id, name);
      }
      return names;
    },
    /** Whether the server holds the run as a drill: only those have a report and a verification here. */
    isServerDrill(runId) { return this.serverDrills.has(runId); },
    /** The report of a finished server drill (JSON), loaded once; null when there is none. */
    report(runId) {
      if (this.reports.has(runId)) return Promise.resolve(this.reports.get(runId));
      if (!this.pending) this.pending = new Map();
      if (!this.pending.has(runId)) {
        const drill = this.serverDrills.get(runId);
        const promise = drill && drill.status === 'finished'
          ? this.client.get(`/drills/${encodeURIComponent(runId)}/report?format=json`).then((r) => { this.reports.set(runId, r); return r; }, () => null)
          : Promise.resolve(null);
        this.pending.set(runId, promise);
      }
      return this.pending.get(runId);
    },
  };
}

async function start(state) {
  $('#committee').hidden = false;
  if (state.kind === 'trainer') {
    $('.topbar-status')?.append(el('a', { class: 'btn small', href: '/console.html', text: t('committee.toConsole') }));
    $('#near-misses-link').setAttribute('href', '/near-misses.html?as=trainer');
  }
  fillSignedIn(state);
  const views = {};
  const refresh = () => { for (const view of Object.values(views)) view.render(); };
  views.drills = new DrillsView(state, {
    onPlanFor: (runId) => views.plan.showRun(runId),
    onAddFor: (runId) => views.plan.addFor(runId),
  });
  views.plan = new PlanView(state, { onChange: () => { views.drills.render(); views.summary.render(); } });
  views.trends = new TrendsView(state);
  views.summary = new SummaryView(state);
  $('#reload').addEventListener('click', () => load(state, refresh));
  await load(state, refresh);
}

function fillSignedIn(state) {
  const who = state.kind === 'trainer'
    ? t('committee.asTrainer')
    : t('committee.asCommittee', { name: state.session.name || t('committee.defaultName') });
  $('#signed-in-as').textContent = who;
}

/** Loads the records, draws every view, then the reports of the server drills (and draws again); busy until then. */
async function load(state, refresh) {
  const { client } = state;
  const busy = $('#committee');
  busy.setAttribute('aria-busy', 'true');
  try {
    const [runs, drills, actions, departments] = await Promise.all([
      history(client),
      client.get('/drills').then((d) => d.drills || []),
      client.get('/actions'),
      client.get('/trends?by=department&include_incomplete=true'),
    ]);
    state.runs = runs;
    state.runById = new Map(runs.map((r) => [r.run_id, r]));
    state.serverDrills = new Map(drills.map((d) => [d.id, d]));
    state.actions = actions;
    state.byRun = departmentsByRun(departments);
    state.today = localDay(new Date());
  } catch (err) {
    if (err.status === 401 || err.status === 403) { pageError(err); $('#committee').hidden = true; return; }
    pageError(err);
    return;
  }
  refresh();
  await loadReports(state);
  refresh();
  busy.setAttribute('aria-busy', 'false');
}

/** Every recorded run, newest first, a page of 1,000 at a time. */
async function history(client) {
  const all = [];
  for (let page = 0; page < 20; page++) {
    const rows = await client.get(`/history?limit=1000&offset=${page * 1000}`);
    all.push(...rows);
    if (rows.length < 1000) break;
  }
  return all;
}

/** The reports of the finished server drills (newest first, a few at a time). */
async function loadReports(state) {
  const ids = state.runs.filter((r) => state.serverDrills.get(r.run_id)?.status === 'finished').map((r) => r.run_id).slice(0, REPORTS_AT_MOST);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      await state.report(id);
    }
  };
  await Promise.all(Array.from({ length: REPORTS_AT_ONCE }, worker));
}
