// committee-trends.mjs: the trends' charts on the committee's page (GET /api/v1/trends with the
// runs ended early included, to ring them), by scenario or by department, one group at a
// time: a table of each series (runs, median, p90, latest, ended early) and a chart of each,
// drawn as inline SVG from committee-chart.mjs's geometry in the reports' colours. The
// objectives' credits fold away under their own heading.
import { chartGeometry, seriesFigures, seriesKind } from './committee-chart.mjs';
import { localDay } from './committee-data.mjs';
import { fillChoices } from './committee-drills.mjs';
import { dayWords, seriesWords, valueWords } from './committee-words.mjs';
import { $, el, fill } from './dom.mjs';
import { lang, t } from './i18n.mjs';
import { showError } from './ui.mjs';

const NS = 'http://www.w3.org/2000/svg';
const COLOURS = { grid: '#e2e8f0', axis: '#a0aec0', label: '#4a5568', path: '#cbd5e0', median: '#1f3a5f', p90: '#d9731a', dot: '#2d3748', early: '#c0392b' };

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

let chartCount = 0;

export class TrendsView {
  constructor(state) {
    this.state = state;
    this.docs = new Map();
    this.loadedFor = null;
    this.width = 0;
    $('#trends-form').addEventListener('change', (e) => {
      if (e.target.name === 'by') $('#trends-group').value = '';
      this.render();
    });
    $('#trends-form').addEventListener('submit', (e) => e.preventDefault());
    // Charts are drawn at the width they are shown (text stays readable on a phone): again when it changes.
    new ResizeObserver(() => { if (this.width && Math.abs(this.chartWidth() - this.width) > 24) this.render(); }).observe($('#trends-body'));
  }

  by() { return document.querySelector('#trends-form input[name="by"]:checked')?.value || 'scenario'; }

  chartWidth() { return Math.round(Math.max(280, Math.min(900, ($('#trends-body').clientWidth || 900) - 4))); }

  async load(by) {
    // The records were loaded again: so are the trends.
    if (this.loadedFor !== this.state.runs) { this.docs.clear(); this.loadedFor = this.state.runs; }
    if (!this.docs.has(by)) this.docs.set(by, this.state.client.get(`/trends?by=${by}&include_incomplete=true`));
    return this.docs.get(by);
  }

  async render() {
    const by = this.by();
    let doc;
    try {
      doc = await this.load(by);
      showError($('#trends-error'), null);
    } catch (err) {
      this.docs.delete(by);
      showError($('#trends-error'), err, t('committee.trends.failed'));
      return;
    }
    if (by !== this.by()) return;
    const groups = doc.groups || [];
    const title = (name) => (by === 'scenario' ? this.scenarioTitle(name) : name);
    $('#trends-group-label').textContent = t(by === 'scenario' ? 'committee.trends.groupScenario' : 'committee.trends.groupDepartment');
    fillChoices($('#trends-group'), null, groups.map((g) => [g.name, title(g.name)]));
    const body = $('#trends-body');
    if (groups.length === 0) { fill(body, el('p', { class: 'hint empty', text: t('committee.trends.none') })); return; }
    const group = groups.find((g) => g.name === $('#trends-group').value) || groups[0];
    $('#trends-group').value = group.name;
    this.width = this.chartWidth();
    const names = by === 'scenario' ? this.state.objectiveNames(group.name) : new Map();
    const credits = group.series.filter((s) => seriesKind(s.name).key === 'credit');
    const others = group.series.filter((s) => seriesKind(s.name).key !== 'credit');
    fill(body,
      el('h3', { class: 'group-title', text: title(group.name) }),
      el('p', { text: t('committee.trends.runs', { n: group.runs, from: dayWords(localDay(group.from)), to: dayWords(localDay(group.to)) })
        + (group.incomplete_runs ? t('committee.trends.runsEarly', { n: group.incomplete_runs }) : '') }),
      this.table(group.series, names),
      legend(),
      others.map((s) => this.figure(s, names)),
      credits.length ? el('details', { class: 'credit-charts' },
        el('summary', { text: t('committee.trends.credits', { n: credits.length }) }),
        credits.map((s) => this.figure(s, names))) : null);
  }

  scenarioTitle(id) {
    const run = this.state.runs.find((r) => r.scenario_id === id);
    return run ? run.scenario_title : t('committee.unknownScenario');
  }

  table(series, names) {
    const cols = ['series', 'n', 'median', 'p90', 'latest', 'early'];
    return el('div', { class: 'table-wrap' },
      el('table', { class: 'data trends-table' },
        el('caption', { class: 'visually-hidden', text: t('committee.trends.caption') }),
        el('thead', {}, el('tr', {}, cols.map((c) => el('th', { scope: 'col', class: c === 'series' ? '' : 'num', text: t('committee.trends.col.' + c) })))),
        el('tbody', {}, series.map((s) => {
          const f = seriesFigures(s.values);
          const cells = { n: String(f.n), median: valueWords(f.median, s.unit), p90: valueWords(f.p90, s.unit), latest: valueWords(f.latest, s.unit), early: String(f.incomplete) };
          return el('tr', {},
            el('th', { scope: 'row', 'data-label': t('committee.trends.col.series'), text: seriesWords(s.name, names) }),
            cols.slice(1).map((c) => el('td', { class: 'num', 'data-label': t('committee.trends.col.' + c), text: cells[c] })));
        }))));
  }

  figure(series, names) {
    const id = `chart-${++chartCount}`;
    const label = seriesWords(series.name, names);
    const g = chartGeometry(series, { width: this.width, height: 180, dateEvery: lang() === 'ja' ? 100 : 130 });
    const f = seriesFigures(series.values);
    const summary = t('committee.trends.chartSummary', { n: f.n, median: valueWords(f.median, series.unit), high: valueWords(f.p90, series.unit), early: f.incomplete });
    // Drills of one day are told apart by their time.
    const days = new Set(series.values.map((v) => localDay(v.started_at)));
    const date = new Intl.DateTimeFormat(lang() === 'ja' ? 'ja-JP' : 'en',
      days.size > 1 ? { year: '2-digit', month: 'numeric', day: 'numeric' } : { month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    const dateOf = (iso) => date.format(new Date(iso));
    const chart = svg('svg', { width: g.width, height: g.height, viewBox: `0 0 ${g.width} ${g.height}`, role: 'img', 'aria-labelledby': `${id}-caption ${id}-desc`, class: 'trend-chart' },
      svg('desc', { id: `${id}-desc` }, summary),
      g.ticks.map((tick, i) => [
        svg('line', { x1: g.left, x2: g.width - g.right, y1: tick.y, y2: tick.y, stroke: i === 0 ? COLOURS.axis : COLOURS.grid, 'stroke-width': 1 }),
        svg('text', { x: g.left - 6, y: tick.y + 4, 'text-anchor': 'end', fill: COLOURS.label, 'font-size': 11 }, valueWords(tick.value, series.unit)),
      ]),
      g.dates.map((d) => svg('text', { x: d.x, y: g.height - g.bottom + 16, 'text-anchor': d.anchor, fill: COLOURS.label, 'font-size': 10.5 }, dateOf(d.started_at))),
      g.path ? svg('path', { d: g.path, fill: 'none', stroke: COLOURS.path, 'stroke-width': 1 }) : null,
      g.median ? svg('path', { d: g.median, fill: 'none', stroke: COLOURS.median, 'stroke-width': 2, class: 'median-line' }) : null,
      g.p90 ? svg('path', { d: g.p90, fill: 'none', stroke: COLOURS.p90, 'stroke-width': 2, 'stroke-dasharray': '5 3', class: 'p90-line' }) : null,
      g.dots.map((d) => svg('circle', d.incomplete
        ? { cx: d.x, cy: d.y, r: 4.5, fill: '#ffffff', stroke: COLOURS.early, 'stroke-width': 1.8, class: 'dot early' }
        : { cx: d.x, cy: d.y, r: 3.5, fill: COLOURS.dot, stroke: '#ffffff', 'stroke-width': 0.8, class: 'dot' },
      svg('title', {}, `${dateOf(d.started_at)}: ${valueWords(d.value, series.unit)}${d.incomplete ? ` — ${t('committee.endedEarly')}` : ''}`))));
    return el('figure', { class: 'trend-figure' }, el('figcaption', { id: `${id}-caption`, text: label }), chart);
  }
}

/** What the lines and dots mean, once above the charts. */
function legend() {
  const mark = (...children) => svg('svg', { width: 24, height: 12, viewBox: '0 0 24 12', 'aria-hidden': 'true' }, ...children);
  return el('ul', { class: 'trend-legend' },
    el('li', {}, mark(svg('circle', { cx: 12, cy: 6, r: 3.5, fill: COLOURS.dot })), ' ', t('committee.trends.legend.run')),
    el('li', {}, mark(svg('line', { x1: 1, x2: 23, y1: 6, y2: 6, stroke: COLOURS.median, 'stroke-width': 2 })), ' ', t('committee.trends.legend.median')),
    el('li', {}, mark(svg('line', { x1: 1, x2: 23, y1: 6, y2: 6, stroke: COLOURS.p90, 'stroke-width': 2, 'stroke-dasharray': '5 3' })), ' ', t('committee.trends.legend.p90')),
    el('li', {}, mark(svg('circle', { cx: 12, cy: 6, r: 4.5, fill: '#fff', stroke: COLOURS.early, 'stroke-width': 1.8 })), ' ', t('committee.trends.legend.early')));
}
