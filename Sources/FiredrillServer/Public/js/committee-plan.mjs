// committee-plan.mjs: the improvement plan on the committee's page: every HSEEP column
// (issue, corrective action, capability element, primary responsible organisation and role,
// start and completion dates, status, closing evidence), each linked to its run and
// objective; filters (all, open, overdue, closed; one run); adding an action and closing one
// with its evidence. Each action shows its strength (strong: removes or automates the step;
// medium: standardises it; weak: relies on people remembering) with a short why, and a
// closed one the strength of its evidence. Before saving, the page asks the server to
// review the text without recording it (POST /api/v1/actions?dry_run=true, …/close?dry_run=true:
// `warnings`, passages about people rather than processes, and `strength`, with a
// suggestion for a weak one); with a warning or a weak text it shows them and lets the
// person save as written or revise first. Saved with warnings, the answer shows them again,
// marked in the text, and offers to record a reworded action in place of the one just saved
// (the first is then closed as replaced: the API has no way to edit an action).
import { actionBody, actionProblems, actionState, CAPABILITIES, filterActions, markPassage, planCounts } from './committee-data.mjs';
import { fillChoices } from './committee-drills.mjs';
import { actionStateChip, capabilityWords, dayWords, objectiveWords, runLabel, startedWords, strengthChip } from './committee-words.mjs';
import { $, el, fill } from './dom.mjs';
import { formatWallTime } from './format.mjs';
import { lang, t } from './i18n.mjs';
import { announce, showError } from './ui.mjs';

const STATES = ['all', 'open', 'overdue', 'closed'];
const COLUMNS = ['no', 'run', 'objective', 'issue', 'action', 'capability', 'org', 'start', 'due', 'state', 'evidence'];
// The form's fields by the keys of the API (and of a warning's `field`).
const FIELDS = { run: '#a-run', objective: '#a-objective', issue: '#a-issue', corrective_action: '#a-action', capability: '#a-capability',
  responsible_org: '#a-org', responsible_role: '#a-role', start_date: '#a-start', due_date: '#a-due' };

export class PlanView {
  constructor(state, { onChange }) {
    this.state = state;
    this.onChange = onChange;
    this.replacing = null;   // the action a reworded one will replace
    this.closingId = null;   // the action whose closing form is open
    fill($('#plan-states'), STATES.map((key) => el('label', {},
      el('input', { type: 'radio', name: 'plan-state', value: key, checked: key === 'all' }), ' ',
      el('span', { id: `plan-state-${key}` }))));
    $('#plan-filter').addEventListener('change', () => this.render());
    $('#plan-filter').addEventListener('submit', (e) => e.preventDefault());
    fill($('#a-capability'), el('option', { value: '', text: t('committee.add.chooseCapability') }),
      CAPABILITIES.map((c) => el('option', { value: c, text: capabilityWords(c) })));
    $('#a-run').addEventListener('change', () => this.loadObjectives());
    $('#add-form').addEventListener('submit', (e) => { e.preventDefault(); this.save(); });
    // A review of the text no longer matches once the text changes: it is asked again on saving.
    $('#add-form').addEventListener('input', () => this.hideReview());
    $('#add-form').addEventListener('change', (e) => { if (e.target.id !== 'a-run') this.hideReview(); });
    $('#add-cancel').addEventListener('click', () => this.stopReplacing());
  }

  stateFilter() {
    return document.querySelector('input[name="plan-state"]:checked')?.value || 'all';
  }

  render() {
    const { state } = this;
    const counts = planCounts(state.actions, state.today);
    const numbers = { all: counts.total, open: counts.open, overdue: counts.overdue, closed: counts.closed };
    for (const key of STATES) $(`#plan-state-${key}`).textContent = t('committee.plan.state.' + key, { n: numbers[key] });
    const runs = state.runs.filter((r) => r.status !== 'ready');
    const withPlan = runs.filter((r) => state.actions.some((a) => a.run_id === r.run_id));
    fillChoices($('#plan-run'), t('committee.plan.allRuns'), withPlan.map((r) => [r.run_id, runLabel(r)]));
    fillChoices($('#a-run'), t('committee.add.chooseRun'), runs.map((r) => [r.run_id, runLabel(r)]));
    this.loadObjectives();

    const shown = filterActions(state.actions, { state: this.stateFilter(), run: $('#plan-run').value }, state.today);
    $('#plan-count').textContent = t('committee.plan.count', { n: shown.length, all: counts.total });
    if (shown.length === 0) {
      fill($('#plan-table'), el('p', { class: 'hint empty', text: counts.total ? t('committee.plan.noneMatch') : t('committee.plan.none') }));
      return;
    }
    // A redraw (the reports arrive, a filter changes) keeps the evidence being written, and its focus.
    const writing = document.activeElement && document.activeElement.id === 'close-evidence';
    const rows = [];
    for (const action of shown) {
      rows.push(this.row(action));
      if (this.closingId === action.id && action.status !== 'closed') rows.push(this.closeRow(action));
    }
    fill($('#plan-table'), el('div', { class: 'table-wrap' },
      el('table', { class: 'data plan-table' },
        el('caption', { class: 'visually-hidden', text: t('committee.plan.caption') }),
        el('thead', {}, el('tr', {}, COLUMNS.map((key) => el('th', { scope: 'col', class: `col-${key}`, text: t('committee.col.' + key) })))),
        el('tbody', {}, rows))));
    if (this.closingId && (this.focusClose || writing)) {
      this.focusClose = false;
      $('#close-evidence')?.focus();
    }
    if (this.focusAfterClose) {
      $(`#plan-table tr[data-action="${this.focusAfterClose}"] .close-button`)?.focus();
      this.focusAfterClose = null;
    }
  }

  row(action) {
    const { state } = this;
    const run = state.runById.get(action.run_id);
    const names = run ? state.objectiveNames(run.scenario_id) : new Map();
    const st = actionState(action, state.today);
    const cells = {
      no: t('committee.plan.number', { id: action.id }),
      run: run
        ? [el('span', { class: 'run-title', text: run.scenario_title }), el('br'), el('span', { class: 'hint', text: startedWords(run) })]
        : t('committee.unknownRun'),
      objective: objectiveWords(names, action.objective_id),
      issue: el('span', { class: 'text', text: action.issue }),
      action: [el('span', { class: 'text', text: action.corrective_action }), strengthLine(action.strength, 'corrective_action')],
      capability: capabilityWords(action.capability),
      org: [action.responsible_org, action.responsible_role ? [el('br'), el('span', { class: 'hint', text: action.responsible_role })] : null],
      start: dayWords(action.start_date),
      due: el('span', { class: st === 'overdue' ? 'overdue' : '', text: dayWords(action.due_date) }),
      state: el('div', { class: 'state-cell' }, actionStateChip(st), action.status === 'closed' ? null : el('button', { type: 'button', class: 'btn small close-button',
        'aria-expanded': String(this.closingId === action.id), 'aria-label': t('committee.close.buttonFor', { id: action.id }), text: t('committee.close.button'),
        onclick: () => this.toggleClose(action.id) })),
      evidence: action.status === 'closed'
        ? [el('span', { class: 'text', text: action.closing_evidence || '' }), strengthLine(action.evidence_strength, 'evidence'),
          action.closed_at ? [el('br'), el('span', { class: 'hint', text: t('committee.plan.closedOn', { at: formatWallTime(action.closed_at, lang()) }) })] : null]
        : '–',
    };
    return el('tr', { class: `action-row plan-${st}`, dataset: { action: action.id, state: st } },
      COLUMNS.map((key, i) => el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: `col-${key}`, 'data-label': t('committee.col.' + key) },
        el('div', { class: 'cell' }, cells[key]))));
  }

  /** Opens (or closes again) the closing form under an action's row. */
  toggleClose(id) {
    const open = this.closingId !== id;
    this.closingId = open ? id : null;
    this.closeDraft = '';
    this.focusClose = open;
    this.focusAfterClose = open ? null : id;
    this.render();
  }

  closeRow(action) {
    const evidence = el('textarea', { id: 'close-evidence', rows: '2', required: true, value: this.closeDraft || '' });
    evidence.addEventListener('input', () => { this.closeDraft = evidence.value; });
    const error = el('div', { class: 'error-slot', hidden: true });
    const review = el('div', { class: 'close-review', hidden: true });
    evidence.addEventListener('input', () => { review.hidden = true; fill(review); });
    const form = el('form', { class: 'close-form', novalidate: true },
      el('label', { class: 'field', htmlFor: 'close-evidence' },
        el('span', { text: t('committee.close.evidenceFor', { id: action.id }) }), evidence),
      el('p', { class: 'hint', text: t('committee.close.help') }),
      review,
      error,
      el('div', { class: 'form-row' },
        el('button', { type: 'submit', class: 'btn primary', text: t('committee.close.submit') }),
        el('button', { type: 'button', class: 'btn', text: t('committee.close.cancel'), onclick: () => this.toggleClose(action.id) })));
    const submit = () => form.querySelector('button[type=submit]');
    const close = async (text) => {
      submit().disabled = true;
      try {
        const result = await this.state.client.post(`/actions/${action.id}/close?lang=${lang()}`, { evidence: text });
        this.closingId = null;
        this.closeDraft = '';
        this.showResult(t('committee.close.done', { id: action.id }), result.warnings, { closing: true, strength: result.strength });
        await this.reload();
      } catch (err) {
        submit().disabled = false;
        showError(error, err, t('committee.close.failed'));
      }
    };
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = evidence.value.trim();
      if (!text) { showError(error, { message: t('committee.close.needEvidence') }); evidence.focus(); return; }
      showError(error, null);
      submit().disabled = true;
      let checked;
      try {
        checked = await this.state.client.post(`/actions/${action.id}/close?dry_run=true&lang=${lang()}`, { evidence: text });
      } catch (err) {
        submit().disabled = false;
        showError(error, err, t('committee.close.failed'));
        return;
      }
      submit().disabled = false;
      if (!needsReview(checked)) { await close(text); return; }
      fill(review, reviewBox(checked, {
        lead: t('committee.review.leadClose'),
        save: t('committee.review.close'),
        onSave: () => close(text),
        onRevise: () => { review.hidden = true; fill(review); evidence.setAttribute('aria-invalid', 'true'); evidence.focus(); },
      }));
      review.hidden = false;
      review.querySelector('.review-box')?.focus();
    });
    return el('tr', { class: 'close-row' }, el('td', { colspan: String(COLUMNS.length), class: 'close-cell' }, form));
  }

  /** Shows one run's plan (from the drills' list). */
  showRun(runId) {
    for (const input of document.querySelectorAll('input[name="plan-state"]')) input.checked = input.value === 'all';
    this.render();
    $('#plan-run').value = runId;
    this.render();
    $('#plan-title').scrollIntoView({ block: 'start' });
    $('#plan-title').focus({ preventScroll: true });
  }

  /** Opens the form for a new action of this run (from the drills' list). */
  addFor(runId) {
    $('#a-run').value = runId;
    this.loadObjectives();
    $('#add-title').scrollIntoView({ block: 'start' });
    $('#a-issue').focus({ preventScroll: true });
  }

  /** The objectives of the chosen run: from its report (server drills) or another report of its scenario. */
  async loadObjectives() {
    const runId = $('#a-run').value;
    this.objectivesFor = runId;
    const select = $('#a-objective');
    const note = $('#a-objective-note');
    const chosen = select.value;
    const run = this.state.runById.get(runId);
    let names = new Map();
    if (run) {
      const report = await this.state.report(runId);
      if (this.objectivesFor !== runId) return;
      names = report ? new Map(report.objectives.map((o) => [o.id, o.name])) : this.state.objectiveNames(run.scenario_id);
    }
    fillChoices(select, t('committee.wholeDrill'), Array.from(names, ([id, name]) => [id, name || t('committee.objectiveUnnamed')]));
    if (Array.from(names.keys()).includes(chosen)) select.value = chosen;
    note.hidden = !run || names.size > 0;
    note.textContent = t('committee.add.noObjectives');
  }

  values() {
    const values = {};
    for (const [key, css] of Object.entries(FIELDS)) values[key] = $(css).value;
    return values;
  }

  async save() {
    const body = actionBody(this.values());
    for (const css of Object.values(FIELDS)) $(css).removeAttribute('aria-invalid');
    const problems = actionProblems(body);
    if (problems.length) {
      for (const key of problems) $(FIELDS[key]).setAttribute('aria-invalid', 'true');
      showError($('#add-error'), { message: t('committee.add.missing'), problems: problems.map((key) => t('committee.field.' + key)) });
      $(FIELDS[problems[0]]).focus();
      return;
    }
    showError($('#add-error'), null);
    this.hideReview();
    const submit = $('#add-submit');
    submit.disabled = true;
    $('#add-status').textContent = t('committee.add.checking');
    let checked;
    try {
      checked = await this.state.client.post(`/actions?dry_run=true&lang=${lang()}`, body);
    } catch (err) {
      $('#add-status').textContent = '';
      submit.disabled = false;
      showError($('#add-error'), err, t('committee.add.failed'));
      return;
    }
    $('#add-status').textContent = '';
    submit.disabled = false;
    if (!needsReview(checked)) { await this.record(body); return; }
    // A warning or a weak action: shown before anything is recorded; save as written, or revise.
    const box = $('#add-review');
    fill(box, reviewBox(checked, {
      lead: t('committee.review.lead'),
      save: t(this.replacing ? 'committee.review.saveReplace' : 'committee.review.save'),
      onSave: () => this.record(body),
      onRevise: () => this.reviseBeforeSaving(checked),
    }));
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
    box.querySelector('.review-box')?.focus({ preventScroll: true });
  }

  hideReview() {
    const box = $('#add-review');
    if (!box || box.hidden) return;
    box.hidden = true;
    fill(box);
  }

  /** Back to the form from the review: the first field with a warning (or the weak action) marked and focused. */
  reviseBeforeSaving(checked) {
    this.hideReview();
    const first = (checked.warnings || []).find((w) => FIELDS[w.field]);
    const weak = (checked.strength || []).find((s) => s.strength === 'weak' && FIELDS[s.field]);
    const field = $(first ? FIELDS[first.field] : weak ? FIELDS[weak.field] : '#a-issue');
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }

  /** Records the action (after its review), replacing the one being reworded. */
  async record(body) {
    this.hideReview();
    const submit = $('#add-submit');
    submit.disabled = true;
    $('#add-status').textContent = t('committee.add.saving');
    const replacing = this.replacing;
    try {
      const result = await this.state.client.post(`/actions?lang=${lang()}`, body);
      let message = t('committee.add.done', { id: result.id });
      if (replacing) {
        try {
          await this.state.client.post(`/actions/${replacing}/close?lang=${lang()}`, { evidence: t('committee.add.replacedEvidence', { id: result.id }) });
          message = t('committee.add.doneReplacing', { id: result.id, old: replacing });
        } catch (err) {
          message = t('committee.add.doneNotReplaced', { id: result.id, old: replacing, why: err.message });
        }
      }
      this.lastSaved = { id: result.id, body };
      this.stopReplacing();
      for (const key of ['issue', 'corrective_action', 'responsible_role', 'start_date', 'due_date']) $(FIELDS[key]).value = '';
      $('#add-status').textContent = '';
      this.showResult(message, result.warnings, { canRevise: true, strength: result.strength });
      await this.reload();
    } catch (err) {
      $('#add-status').textContent = '';
      showError($('#add-error'), err, t('committee.add.failed'));
    } finally {
      submit.disabled = false;
    }
  }

  /** What the server answered: recorded, and every wording warning with its passage marked. */
  showResult(message, warnings = [], { canRevise = false, closing = false, strength = [] } = {}) {
    const box = $('#plan-result');
    const list = warnings || [];
    const revise = canRevise && list.length && this.lastSaved;
    fill(box, el('div', { class: list.length ? 'warn-box' : 'ok-box', role: list.length ? 'alert' : 'status' },
      el('p', { class: 'result-title', text: message }),
      list.length
        ? [el('p', { class: 'warn-lead', text: t(closing ? 'committee.warn.leadClosed' : 'committee.warn.lead', { n: list.length }) }),
          warningList(list)]
        : el('p', { text: t('committee.warn.none') }),
      strengthAdvice(strength),
      el('div', { class: 'btn-row' },
        revise ? el('button', { type: 'button', class: 'btn primary', id: 'revise-button', text: t('committee.warn.revise', { id: this.lastSaved.id }),
          onclick: () => this.revise(list) }) : null,
        el('button', { type: 'button', class: 'btn', text: list.length ? t('committee.warn.keep') : t('committee.warn.dismiss'),
          onclick: () => { box.hidden = true; fill(box); } }))));
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
    box.focus({ preventScroll: true });
    announce(message);
  }

  /** Puts the action just saved back into the form, to record a reworded one in its place. */
  revise(warnings) {
    const { id, body } = this.lastSaved;
    $('#a-run').value = body.run;
    this.loadObjectives().then(() => { $('#a-objective').value = body.objective || ''; });
    for (const [key, css] of Object.entries(FIELDS)) if (key !== 'run' && key !== 'objective') $(css).value = body[key] || '';
    this.replacing = id;
    const note = $('#add-replacing');
    note.textContent = t('committee.add.replacing', { id });
    note.hidden = false;
    $('#add-cancel').hidden = false;
    $('#add-submit').textContent = t('committee.add.submitReplace');
    const first = warnings.find((w) => FIELDS[w.field]);
    const field = $(first ? FIELDS[first.field] : '#a-issue');
    if (first) field.setAttribute('aria-invalid', 'true');
    $('#add-title').scrollIntoView({ block: 'start' });
    field.focus({ preventScroll: true });
  }

  stopReplacing() {
    this.replacing = null;
    $('#add-replacing').hidden = true;
    $('#add-cancel').hidden = true;
    $('#add-submit').textContent = t('committee.add.submit');
  }

  async reload() {
    try {
      this.state.actions = await this.state.client.get('/actions');
      showError($('#plan-error'), null);
    } catch (err) {
      showError($('#plan-error'), err, t('committee.plan.failed'));
    }
    this.render();
    this.onChange();
  }
}

/** Whether a dry run's answer needs a person's look before saving: a wording warning, or a weak text. */
function needsReview(checked) {
  return (checked.warnings || []).length > 0 || (checked.strength || []).some((s) => s.strength === 'weak');
}

/** The wording warnings, each with its field, its passage (the words matched marked), why and a rewording. */
function warningList(list) {
  return el('ul', { class: 'warnings' }, list.map((w) => el('li', { class: 'warning' },
    el('p', { class: 'warning-field', text: t('committee.field.' + w.field) }),
    el('blockquote', { class: 'warning-passage' },
      markPassage(w.passage, w.matched).map((part) => (part.mark ? el('mark', { text: part.text }) : part.text))),
    el('p', {}, el('strong', { text: t('committee.warn.why') }), ' ', w.why),
    el('p', {}, el('strong', { text: t('committee.warn.suggestion') }), ' ', w.suggestion))));
}

/** The strength of what was written, as the server explains it (why, and for a weak text how to make it last). */
function strengthAdvice(list) {
  return (list || []).map((s) => el('div', { class: `strength-advice strength-${s.strength}`, dataset: { strength: s.strength } },
    el('p', { class: 'strength-head' }, el('strong', { text: t(`committee.strength.of.${s.field === 'evidence' ? 'evidence' : 'action'}`) }), ' ', strengthChip(s.strength)),
    el('p', { text: s.why }),
    s.suggestion ? el('p', { class: 'strength-suggestion' }, el('strong', { text: t('committee.strength.suggestion') }), ' ', s.suggestion) : null));
}

/** An action's (or its evidence's) strength in the plan: the level and a short why. */
function strengthLine(strength, field) {
  if (!strength) return null;
  return el('span', { class: `strength-line strength-${strength}` },
    el('span', { class: 'visually-hidden', text: t(`committee.strength.of.${field === 'evidence' ? 'evidence' : 'action'}`) }),
    strengthChip(strength), ' ', el('span', { class: 'strength-why', text: t(`committee.strength.why.${strength}`) }));
}

/**
 * What a dry run found, before anything is recorded: the wording warnings and the strength,
 * with "save as written" and "revise first".
 */
function reviewBox(checked, { lead, save, onSave, onRevise }) {
  const warnings = checked.warnings || [];
  return el('div', { class: 'warn-box review-box', role: 'alert', tabindex: '-1' },
    el('p', { class: 'result-title', text: lead }),
    warnings.length ? [el('p', { class: 'warn-lead', text: t('committee.warn.lead', { n: warnings.length }) }), warningList(warnings)] : null,
    strengthAdvice(checked.strength),
    el('div', { class: 'btn-row' },
      el('button', { type: 'button', class: 'btn primary review-revise', text: t('committee.review.revise'), onclick: onRevise }),
      el('button', { type: 'button', class: 'btn review-save', text: save, onclick: onSave })));
}
