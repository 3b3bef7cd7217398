// committee-data.mjs: the committee's records as people read them, without the DOM
// (unit-tested under Node): the days of runs, which runs a filter keeps, the state of each
// corrective action (open, overdue, closed) on a given day, the departments that took part
// in each run, the timing targets a run's report gives, and the one-page summary of a period.
// Medians and the 90th percentile are those of the reports and `firedrill trends`: the median
// is the middle value (the mean of the two middle ones for an even count), p90 the nearest rank.

/** The timing metrics the committee follows (keys of GET /api/v1/history), with the objective kind that sets each one's target. */
export const METRICS = [
  { key: 'time_to_acknowledge_seconds', kind: 'acknowledge' },
  { key: 'time_to_escalate_seconds', kind: 'escalate' },
  { key: 'time_to_first_action_seconds', kind: 'action' },
  { key: 'time_to_resolve_seconds', kind: 'resolve' },
];

/** The capability elements of an HSEEP improvement plan, as the API takes them. */
export const CAPABILITIES = ['planning', 'organization', 'equipment', 'training', 'exercise'];

const finite = (v) => v !== null && v !== undefined && v !== '' && Number.isFinite(Number(v));

/** The median of the numbers (null when there is none). */
export function median(values) {
  const sorted = values.filter(finite).map(Number).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The p-th percentile by nearest rank: the smallest value with at least p % at or below it. */
export function percentile(p, values) {
  const sorted = values.filter(finite).map(Number).sort((a, b) => a - b);
  if (sorted.length === 0 || !(p > 0 && p <= 100)) return null;
  const rank = Math.ceil((p / 100) * sorted.length - 1e-9);
  return sorted[Math.max(1, Math.min(rank, sorted.length)) - 1];
}

const pad = (n) => String(n).padStart(2, '0');

/** The calendar day (yyyy-MM-dd) of an instant in the browser's time zone; '' when unreadable. */
export function localDay(value) {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A day moved by whole months (the same day of the month, or the month's last). */
export function addMonths(day, months) {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(y, m - 1 + months, 1);
  const last = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
  return `${first.getFullYear()}-${pad(first.getMonth() + 1)}-${pad(Math.min(d, last))}`;
}

/** Whether a day (yyyy-MM-dd) lies in the period; an empty end leaves that side open. */
export function inPeriod(day, since, until) {
  if (!day) return false;
  if (since && day < since) return false;
  if (until && day > until) return false;
  return true;
}

/** The state of a corrective action on `today` (yyyy-MM-dd): closed, overdue (open past its due date) or open. */
export function actionState(action, today) {
  if (action.status === 'closed') return 'closed';
  if (action.due_date && today && action.due_date < today) return 'overdue';
  return 'open';
}

/** How many actions are open (overdue ones included), overdue and closed on `today`. */
export function planCounts(actions, today) {
  const counts = { total: actions.length, open: 0, overdue: 0, closed: 0 };
  for (const action of actions) {
    const state = actionState(action, today);
    if (state === 'closed') counts.closed += 1;
    else counts.open += 1;
    if (state === 'overdue') counts.overdue += 1;
  }
  return counts;
}

/**
 * The actions a filter keeps: state 'all', 'open' (overdue ones included), 'overdue' or
 * 'closed', and optionally one run. Overdue first, then by due date (undated last), then number.
 */
export function filterActions(actions, { state = 'all', run = '' } = {}, today = '') {
  const rank = { overdue: 0, open: 1, closed: 2 };
  return actions
    .filter((a) => !run || a.run_id === run)
    .filter((a) => {
      const s = actionState(a, today);
      if (state === 'open') return s !== 'closed';
      if (state === 'overdue') return s === 'overdue';
      if (state === 'closed') return s === 'closed';
      return true;
    })
    .sort((a, b) => (rank[actionState(a, today)] - rank[actionState(b, today)])
      || String(a.due_date || '9999').localeCompare(String(b.due_date || '9999'))
      || a.id - b.id);
}

/** The departments that took part in each run, from GET /api/v1/trends?by=department&include_incomplete=true. */
export function departmentsByRun(trends) {
  const map = new Map();
  for (const group of (trends && trends.groups) || []) {
    for (const series of group.series || []) {
      for (const value of series.values || []) {
        if (!map.has(value.run_id)) map.set(value.run_id, new Set());
        map.get(value.run_id).add(group.name);
      }
    }
  }
  return new Map(Array.from(map, ([run, names]) => [run, Array.from(names).sort((a, b) => a.localeCompare(b, 'ja'))]));
}

/** Every department named in the map, sorted. */
export function allDepartments(byRun) {
  const names = new Set();
  for (const list of byRun.values()) for (const name of list) names.add(name);
  return Array.from(names).sort((a, b) => a.localeCompare(b, 'ja'));
}

/** The scenarios of the runs (id and title), by title. */
export function scenariosOf(runs) {
  const byId = new Map();
  for (const run of runs) if (!byId.has(run.scenario_id)) byId.set(run.scenario_id, run.scenario_title || run.scenario_id);
  return Array.from(byId, ([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title, 'ja'));
}

/**
 * The runs a filter keeps: a scenario id, a department, a period of local days (since and
 * until, both included); drills not started yet are left out unless `ready` is true.
 */
export function filterRuns(runs, { scenario = '', department = '', since = '', until = '', ready = false } = {}, byRun = new Map()) {
  return runs.filter((run) => (ready || run.status !== 'ready')
    && (!scenario || run.scenario_id === scenario)
    && (!department || (byRun.get(run.run_id) || []).includes(department))
    && inPeriod(localDay(run.started_at), since, until));
}

/**
 * The drill time by which a run's report expects each metric: for each kind, the earliest
 * objective of that kind whose clock started (clock start + target). null when the report
 * has no objective of that kind whose clock started.
 */
export function metricTargets(report) {
  const targets = {};
  for (const { key, kind } of METRICS) {
    const times = ((report && report.objectives) || [])
      .filter((o) => o.kind === kind && finite(o.target_seconds) && finite(o.clock_start_seconds))
      .map((o) => Number(o.clock_start_seconds) + Number(o.target_seconds));
    targets[key] = times.length ? Math.min(...times) : null;
  }
  return targets;
}

/** Objective names by id, from a report (for a scenario's objectives). */
export function objectiveNames(report) {
  const names = new Map();
  for (const o of (report && report.objectives) || []) names.set(o.id, o.name || '');
  // Quiz questions by their text, under `quiz:ID` (the trends name them by id).
  for (const q of (report && report.quiz) || []) names.set('quiz:' + q.id, q.question || '');
  return names;
}

/**
 * The committee's one-page summary of a period (local days, both included) on `today`:
 * the drills held (not those not started), how many ended early, the scenarios and the
 * departments that took part, the median score of the complete drills (a drill ended early
 * covers only part of its objectives), each timing metric's median with the median of its
 * targets and how many drills met theirs, and the improvement plan as it stands today
 * (open, overdue, closed in the period, the overdue items by due date).
 */
export function summarize({ runs, byRun = new Map(), actions = [], targets = new Map(), since = '', until = '', today = '' }) {
  const held = filterRuns(runs, { since, until }, byRun)
    .sort((a, b) => String(a.started_at).localeCompare(String(b.started_at)));
  const complete = held.filter((r) => r.complete !== false && r.status === 'finished');
  const scenarios = new Map();
  const departments = new Map();
  for (const run of held) {
    const s = scenarios.get(run.scenario_id) || { id: run.scenario_id, title: run.scenario_title || run.scenario_id, count: 0 };
    s.count += 1;
    scenarios.set(run.scenario_id, s);
    for (const name of byRun.get(run.run_id) || []) departments.set(name, (departments.get(name) || 0) + 1);
  }
  const timings = METRICS.map(({ key, kind }) => {
    const measured = held.filter((r) => finite(r[key]));
    const targeted = held.filter((r) => finite((targets.get(r.run_id) || {})[key]));
    const judged = targeted.filter((r) => finite(r[key]));
    return {
      key, kind,
      n: measured.length,
      median: median(measured.map((r) => r[key])),
      target: median(targeted.map((r) => targets.get(r.run_id)[key])),
      targeted: targeted.length,
      // A drill with a target but no time at all did not meet it.
      met: judged.filter((r) => Number(r[key]) <= Number(targets.get(r.run_id)[key])).length,
    };
  });
  const counts = planCounts(actions, today);
  const overdue = filterActions(actions, { state: 'overdue' }, today);
  return {
    since, until,
    held,
    endedEarly: held.filter((r) => r.complete === false).length,
    scenarios: Array.from(scenarios.values()).sort((a, b) => b.count - a.count || a.title.localeCompare(b.title, 'ja')),
    departments: Array.from(departments, ([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'ja')),
    score: { median: median(complete.map((r) => r.score)), n: complete.filter((r) => finite(r.score)).length },
    timings,
    plan: {
      ...counts,
      closedInPeriod: actions.filter((a) => a.status === 'closed' && inPeriod(localDay(a.closed_at), since, until)).length,
      addedInPeriod: actions.filter((a) => inPeriod(localDay(a.created_at), since, until)).length,
      overdueItems: overdue,
    },
  };
}

/** The body of POST /api/v1/actions from the form's values: empty optional fields left out. */
export function actionBody(values) {
  const body = {
    run: values.run,
    issue: String(values.issue || '').trim(),
    corrective_action: String(values.corrective_action || '').trim(),
    capability: values.capability,
    responsible_org: String(values.responsible_org || '').trim(),
  };
  for (const key of ['objective', 'responsible_role', 'start_date', 'due_date']) {
    const value = String(values[key] || '').trim();
    if (value) body[key] = value;
  }
  return body;
}

/** What is missing or wrong in a new action before it is sent: a list of field names. */
export function actionProblems(body) {
  const problems = [];
  for (const key of ['run', 'issue', 'corrective_action', 'capability', 'responsible_org']) if (!body[key]) problems.push(key);
  if (body.start_date && body.due_date && body.due_date < body.start_date) problems.push('due_date');
  return problems;
}

/**
 * A passage with the words a wording warning matched, as parts to show: [{text, mark}], the
 * matched words marked (every occurrence); the whole passage unmarked when they are not in it.
 */
export function markPassage(passage, matched) {
  const text = String(passage ?? '');
  const word = String(matched ?? '');
  if (!word) return [{ text, mark: false }];
  const parts = [];
  let from = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), mark: false });
    parts.push({ text: word, mark: true });
    from = at + word.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), mark: false });
  return parts.length ? parts : [{ text, mark: false }];
}

/**
 * The address of the evidence archive (GET /api/v1/exports) for the drills a filter shows:
 * by scenario and period when no department is chosen (the server picks the same runs),
 * else the shown runs by id. Null when nothing is shown, or too many to name one by one.
 */
export const EXPORT_BY_ID_LIMIT = 300;
export function exportHref(filter, runs, { language = '', timeZone = '' } = {}) {
  if (!runs.length) return null;
  const query = new URLSearchParams();
  if (filter.department) {
    if (runs.length > EXPORT_BY_ID_LIMIT) return null;
    for (const run of runs) query.append('run', run.run_id);
  } else {
    if (filter.scenario) query.set('scenario', filter.scenario);
    if (filter.since) query.set('since', filter.since);
    if (filter.until) query.set('until', filter.until);
  }
  if (language) query.set('lang', language);
  if (timeZone) query.set('tz', timeZone);
  const text = query.toString();
  return '/api/v1/exports' + (text ? '?' + text : '');
}
