// committee-drills.mjs: the recorded drills on the committee's page, newest first, filtered by
// scenario, department and period. Each row: when, the scenario (by title), its status and
// whether it ended early, the score beside its coverage, the departments that took part, its
// improvement plan, and for drills held on this server the after-action report (HTML, in a
// new tab) and the verification of its record's hash chain (from the report's JSON). Runs
// recorded elsewhere (terminal drills, replays) have neither here: the page says so.
import { allDepartments, exportHref, filterRuns, localDay, planCounts, scenariosOf } from './committee-data.mjs';
import { dayWords, runLabel, scoreWords } from './committee-words.mjs';
import { $, el, fill } from './dom.mjs';
import { formatWallTime } from './format.mjs';
import { lang, t } from './i18n.mjs';
import { reportHref } from './reportlink.mjs';
import { statusChip } from './ui.mjs';

const PAGE = 25;

export class DrillsView {
  constructor(state, { onPlanFor, onAddFor }) {
    this.state = state;
    this.onPlanFor = onPlanFor;
    this.onAddFor = onAddFor;
    this.verified = new Map();   // run id → the verification shown (kept across redraws)
    this.shown = PAGE;           // how many rows the list shows; more on request
    const form = $('#drill-filter');
    const again = () => { this.shown = PAGE; this.render(); };
    form.addEventListener('change', again);
    form.addEventListener('input', (e) => { if (e.target.type === 'date') again(); });
    form.addEventListener('reset', () => setTimeout(again, 0));
    form.addEventListener('submit', (e) => e.preventDefault());
  }

  filter() {
    return {
      scenario: $('#f-scenario').value,
      department: $('#f-department').value,
      since: $('#f-since').value,
      until: $('#f-until').value,
    };
  }

  render() {
    const { state } = this;
    fillChoices($('#f-scenario'), t('committee.filter.allScenarios'), scenariosOf(state.runs).map((s) => [s.id, s.title]));
    fillChoices($('#f-department'), t('committee.filter.allDepartments'), allDepartments(state.byRun).map((d) => [d, d]));
    const f = this.filter();
    const runs = filterRuns(state.runs, f, state.byRun);
    const all = filterRuns(state.runs, {}, state.byRun).length;
    $('#drill-count').textContent = runs.length === all
      ? t('committee.drills.count', { n: runs.length })
      : t('committee.drills.countFiltered', { n: runs.length, all });
    this.showExport(f, runs);
    if (runs.length === 0) {
      fill($('#drill-table'), el('p', { class: 'hint empty', text: all ? t('committee.drills.noneMatch') : t('committee.drills.none') }));
      return;
    }
    const head = ['when', 'scenario', 'status', 'score', 'departments', 'plan', 'report'];
    const rest = runs.length - this.shown;
    fill($('#drill-table'), el('div', { class: 'table-wrap' },
      el('table', { class: 'data drills-table' },
        el('caption', { class: 'visually-hidden', text: t('committee.drills.caption') }),
        el('thead', {}, el('tr', {}, head.map((key) => el('th', { scope: 'col', text: t('committee.drills.col.' + key) })))),
        el('tbody', {}, runs.slice(0, this.shown).map((run) => this.row(run, head))))),
    rest > 0 ? el('p', { class: 'more-row' }, el('button', { type: 'button', class: 'btn', id: 'drills-more',
      text: rest > PAGE ? t('committee.drills.more', { n: PAGE, rest }) : t('committee.drills.moreAll', { n: rest }),
      onclick: () => {
        const first = this.shown;
        this.shown += PAGE;
        this.render();
        // The reader goes on from the first row that came in.
        $(`#drill-table tbody tr:nth-child(${first + 1}) th`)?.focus();
      } })) : null);
  }

  /** "Download the evidence" for the drills shown: one ZIP of reports, records and CSV files. */
  showExport(filter, runs) {
    const button = $('#export-button');
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    const href = exportHref(filter, runs, { language: lang(), timeZone });
    button.disabled = !href;
    $('#export-note').textContent = !runs.length ? t('committee.export.nothing')
      : href ? t('committee.export.note', { n: runs.length }) : t('committee.export.tooMany', { n: runs.length });
    button.dataset.href = href || '';
    // The server renders every report before the download starts: about 30 s per 1,000 drills.
    button.onclick = href ? () => {
      $('#export-note').textContent = t('committee.export.preparing', { n: runs.length });
      window.location.assign(href);
    } : null;
  }

  row(run, head) {
    const { state } = this;
    const cells = {
      when: el('time', { datetime: run.started_at, class: 'when' },
        el('span', { class: 'nowrap', text: dayWords(localDay(run.started_at)) }), ' ',
        el('span', { class: 'nowrap', text: formatWallTime(run.started_at, lang(), { timeOnly: true }) })),
      scenario: [el('span', { class: 'run-title', text: run.scenario_title || t('committee.unknownScenario') }),
        run.mode === 'replay' ? el('span', { class: 'tag', text: t('committee.mode.replay') }) : null],
      status: [statusChip(run.status),
        run.complete === false ? el('span', { class: 'tag tag-early', text: t('committee.endedEarly') }) : null],
      score: el('span', { class: run.complete === false ? 'score-early' : '', text: scoreWords(run) }),
      departments: (state.byRun.get(run.run_id) || []).join(t('committee.listSeparator')) || '–',
      plan: this.planCell(run),
      report: this.reportCell(run),
    };
    return el('tr', { dataset: { run: run.run_id }, class: run.complete === false ? 'ended-early' : '' },
      head.map((key, i) => el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, tabindex: i === 0 ? '-1' : null, class: `col-${key}`, 'data-label': t('committee.drills.col.' + key) },
        el('div', { class: 'cell' }, cells[key]))));
  }

  planCell(run) {
    const actions = this.state.actions.filter((a) => a.run_id === run.run_id);
    const counts = planCounts(actions, this.state.today);
    const label = runLabel(run);
    return el('div', { class: 'cell-actions' },
      actions.length
        ? el('button', { type: 'button', class: 'link-like-button', 'aria-label': t('committee.drills.planOf', { run: label }),
          onclick: () => this.onPlanFor(run.run_id),
          text: t('committee.drills.planCounts', { open: counts.open, overdue: counts.overdue, closed: counts.closed }) })
        : el('span', { class: 'hint', text: t('committee.drills.noPlan') }),
      el('button', { type: 'button', class: 'btn small', 'aria-label': t('committee.drills.addFor', { run: label }),
        onclick: () => this.onAddFor(run.run_id), text: t('committee.drills.add') }));
  }

  reportCell(run) {
    const { state } = this;
    const drill = state.serverDrills.get(run.run_id);
    if (!drill) return el('span', { class: 'hint', text: t('committee.drills.offServer') });
    if (drill.status !== 'finished') return el('span', { class: 'hint', text: t('committee.drills.reportAfterEnd') });
    const label = runLabel(run);
    const result = el('p', { class: 'verify-result', role: 'status' });
    const button = el('button', { type: 'button', class: 'btn small', 'aria-label': t('committee.drills.verifyOf', { run: label }),
      text: t('committee.drills.verify') });
    button.addEventListener('click', async () => {
      button.disabled = true;
      result.textContent = t('committee.drills.verifying');
      const report = await state.report(run.run_id);
      this.verified.set(run.run_id, report ? report.record?.verification ?? null : undefined);
      showVerification(result, this.verified.get(run.run_id));
      button.disabled = false;
    });
    if (this.verified.has(run.run_id)) showVerification(result, this.verified.get(run.run_id));
    return el('div', { class: 'cell-actions' },
      el('a', { class: 'btn small', href: reportHref(run.run_id, state.kind), target: '_blank', rel: 'noopener',
        'aria-label': t('committee.drills.reportOf', { run: label }), text: t('committee.drills.report') }),
      button, result);
  }
}

/** The chain's verification in words: intact with the events checked, or the problem (in English, as the record states it). */
function showVerification(node, verification) {
  if (verification === undefined) { fill(node, el('span', { class: 'verify-bad', text: t('committee.verify.failed') })); return; }
  if (!verification) { fill(node, el('span', { class: 'hint', text: t('committee.verify.none') })); return; }
  if (verification.intact) {
    fill(node, el('span', { class: 'verify-ok', text: t('committee.verify.intact', { n: verification.events }) }));
    return;
  }
  fill(node,
    el('span', { class: 'verify-bad', text: t('committee.verify.broken') }),
    verification.problem ? el('details', { class: 'verify-problem' },
      el('summary', { text: t('committee.verify.problem') }),
      el('p', { lang: 'en', text: verification.problem })) : null);
}

/** Fills a filter's choices, keeping the one chosen when it is still there. */
export function fillChoices(select, allLabel, pairs) {
  const chosen = select.value;
  fill(select,
    allLabel === null ? null : el('option', { value: '', text: allLabel }),
    pairs.map(([value, label]) => el('option', { value, text: label })));
  if (pairs.some(([value]) => value === chosen)) select.value = chosen;
}
