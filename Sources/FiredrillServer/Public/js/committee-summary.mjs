// committee-summary.mjs: the committee's one-page summary of a period (the last three months
// unless chosen): drills held and ended early, the departments that took part, the scores
// beside their coverage, the median timings against the targets the reports give, and the
// improvement plan as it stands (open, overdue, closed in the period). It is what the page
// prints: committee.css keeps it on one A4 page (long lists are cut with "and N more").
import { addMonths, localDay, metricTargets, summarize } from './committee-data.mjs';
import { actionStateChip, dayWords, scoreWords, timeWords } from './committee-words.mjs';
import { $, el, fill } from './dom.mjs';
import { formatNumber, formatWallTime } from './format.mjs';
import { lang, t } from './i18n.mjs';

const MAX_DRILLS = 10;
const MAX_OVERDUE = 5;

export class SummaryView {
  constructor(state) {
    this.state = state;
    $('#s-until').value = state.today;
    $('#s-since').value = addMonths(state.today, -3);
    const form = $('#summary-form');
    form.addEventListener('change', () => this.render());
    form.addEventListener('input', () => this.render());
    form.addEventListener('submit', (e) => e.preventDefault());
    $('#print-button').addEventListener('click', () => window.print());
  }

  render() {
    const { state } = this;
    const since = $('#s-since').value;
    const until = $('#s-until').value;
    const targets = new Map();
    for (const [runId, report] of state.reports) if (report) targets.set(runId, metricTargets(report));
    const s = summarize({ runs: state.runs, byRun: state.byRun, actions: state.actions, targets, since, until, today: state.today });
    const period = t('committee.sheet.period', { since: since ? dayWords(since) : t('committee.sheet.start'), until: until ? dayWords(until) : dayWords(state.today) });
    fill($('#summary'),
      el('header', { class: 'sheet-head' },
        el('p', { class: 'sheet-kind', text: t('committee.sheet.kind') }),
        el('h3', { id: 'sheet-title', class: 'sheet-title', text: t('committee.sheet.title') }),
        el('p', { class: 'sheet-period', text: period }),
        el('p', { class: 'sheet-made', text: t('committee.sheet.made', { at: dayWords(state.today) }) })),
      figures(s),
      el('div', { class: 'sheet-columns' },
        el('section', { class: 'sheet-part sheet-drills', 'aria-labelledby': 'sheet-drills' },
          el('h4', { id: 'sheet-drills', text: t('committee.sheet.drills') }),
          drillsTable(s.held)),
        el('section', { class: 'sheet-part', 'aria-labelledby': 'sheet-departments' },
          el('h4', { id: 'sheet-departments', text: t('committee.sheet.departments') }),
          s.departments.length
            ? el('p', { class: 'sheet-departments', text: s.departments.map((d) => t('committee.sheet.departmentCount', { name: d.name, n: d.count })).join(t('committee.listSeparator')) })
            : el('p', { class: 'hint', text: t('committee.sheet.noDepartments') })),
        el('section', { class: 'sheet-part', 'aria-labelledby': 'sheet-timings' },
          el('h4', { id: 'sheet-timings', text: t('committee.sheet.timings') }),
          timingsTable(s.timings)),
        el('section', { class: 'sheet-part', 'aria-labelledby': 'sheet-plan' },
          el('h4', { id: 'sheet-plan', text: t('committee.sheet.plan') }),
          el('p', { text: t('committee.sheet.planLine', { open: s.plan.open, overdue: s.plan.overdue, closed: s.plan.closedInPeriod, added: s.plan.addedInPeriod }) }),
          overdueTable(s.plan.overdueItems))),
      el('footer', { class: 'sheet-notes' },
        el('p', { text: t('committee.sheet.noteScore') }),
        el('p', { text: t('committee.sheet.noteTargets') })));
  }
}

function figures(s) {
  const box = (key, value, detail) => el('div', { class: 'figure-box', dataset: { figure: key } },
    el('dt', { text: t('committee.sheet.figure.' + key) }),
    el('dd', {}, el('span', { class: 'figure-value', text: value }), detail ? el('span', { class: 'figure-detail', text: detail }) : null));
  return el('dl', { class: 'key-figures' },
    box('held', t('committee.sheet.times', { n: s.held.length }), s.endedEarly ? t('committee.sheet.endedEarly', { n: s.endedEarly }) : null),
    box('departments', t('committee.sheet.departmentsN', { n: s.departments.length }), null),
    box('score', s.score.median === null ? '–' : t('committee.points', { score: formatNumber(s.score.median) }), t('committee.sheet.scoreOf', { n: s.score.n })),
    box('plan', t('committee.sheet.openN', { n: s.plan.open }), t('committee.sheet.overdueN', { n: s.plan.overdue })));
}

function drillsTable(held) {
  if (held.length === 0) return el('p', { class: 'hint', text: t('committee.sheet.noDrills') });
  const shown = held.length > MAX_DRILLS ? held.slice(-MAX_DRILLS) : held;
  return [
    held.length > shown.length ? el('p', { class: 'hint', text: t('committee.sheet.moreDrills', { n: held.length - shown.length, shown: shown.length }) }) : null,
    el('table', { class: 'sheet-table' },
      el('thead', {}, el('tr', {}, ['when', 'scenario', 'score'].map((c) => el('th', { scope: 'col', text: t('committee.sheet.col.' + c) })))),
      el('tbody', {}, shown.map((run) => el('tr', { class: run.complete === false ? 'ended-early' : '' },
        el('td', {}, el('span', { class: 'nowrap', text: dayWords(localDay(run.started_at)) }), ' ',
          el('span', { class: 'nowrap', text: formatWallTime(run.started_at, lang(), { timeOnly: true }) })),
        el('td', { text: run.scenario_title }),
        el('td', {}, scoreWords(run), run.complete === false ? el('span', { class: 'tag tag-early', text: t('committee.endedEarly') }) : null))))),
  ];
}

function timingsTable(timings) {
  return el('table', { class: 'sheet-table' },
    el('thead', {}, el('tr', {}, ['metric', 'median', 'target', 'met'].map((c) => el('th', { scope: 'col', class: c === 'metric' ? '' : 'num', text: t('committee.sheet.col.' + c) })))),
    el('tbody', {}, timings.map((m) => el('tr', {},
      el('th', { scope: 'row', text: t('metric.' + m.key) }),
      el('td', { class: 'num', text: m.n ? t('committee.sheet.medianOf', { time: timeWords(m.median), n: m.n }) : '–' }),
      el('td', { class: 'num', text: m.target === null ? '–' : timeWords(m.target) }),
      el('td', { class: 'num', text: m.targeted ? t('committee.sheet.metOf', { met: m.met, n: m.targeted }) : '–' })))));
}

function overdueTable(items) {
  if (items.length === 0) return el('p', { class: 'hint', text: t('committee.sheet.noOverdue') });
  const shown = items.slice(0, MAX_OVERDUE);
  return [
    el('table', { class: 'sheet-table' },
      el('thead', {}, el('tr', {}, ['no', 'action', 'org', 'due'].map((c) => el('th', { scope: 'col', text: t('committee.col.' + c) })))),
      el('tbody', {}, shown.map((a) => el('tr', {},
        el('td', { class: 'nowrap', text: t('committee.plan.number', { id: a.id }) }),
        el('td', { text: a.corrective_action }),
        el('td', { text: a.responsible_org }),
        el('td', { class: 'nowrap' }, actionStateChip('overdue'), ' ', dayWords(a.due_date)))))),
    items.length > shown.length ? el('p', { class: 'hint', text: t('committee.sheet.moreOverdue', { n: items.length - shown.length }) }) : null,
  ];
}
