// editor.mjs: the scenario editor (/editor.html?scenario=ID, /editor.html for a new one,
// /editor.html?new=1&tags=A,B for a new one with tags, as the near-miss backlog plans a drill),
// for trainers. A scenario of the library is opened to save its next version; a bundled one
// (or any other) is duplicated under a new id. The page holds the scenario as JSON (the
// server converts YAML to JSON and back, key for key), edits it through forms, checks it
// with the server as the trainer types (the problems beside their fields and in a list),
// and saves it as YAML so that the library's versions read and compare as people wrote them.
import { ApiError, api, enc } from './api.mjs';
import { initPage, pageError } from './chrome.mjs';
import { $, el, fill, whenIdle } from './dom.mjs';
import { lang, t, tOpt } from './i18n.mjs';
import { announce, showError } from './ui.mjs';
import { fieldId, fieldLabel, reveal, showFieldProblems } from './editor-fields.mjs';
import { renderBasics, renderInjects, renderObjectives, renderQuiz, renderRoles, renderSurvey } from './editor-forms.mjs';
import { FindReplace, renderPreview, renderPreviewRoles, renderTimeline } from './editor-tools.mjs';
import {
  KEY_ORDER, blankScenario, copyTitle, deriveCopyId, fieldFor, keyPath, pathKey, plannedScenario, problemsWithPaths, setKey, toJSONText,
} from './editor-model.mjs';

const client = api('trainer');
const VALIDATE_DELAY_MS = 600;

// The scenario of the address is fetched while the page's texts load (a failure is asked
// again once they are, to be said in the page's words).
const wanted = new URLSearchParams(location.search).get('scenario');
const early = wanted ? fetchScenario(wanted).catch(() => null) : null;

await initPage({ page: 'editor', drill: false });

const state = {
  doc: null,
  mode: 'new',            // 'new': saved with POST as a new scenario; 'edit': the next version with PUT
  baseVersion: null,
  origin: null,           // what the page opened: {title, version} for the mode line
  lang: 'ja',             // the scenario's language (its text), not the page's
  fields: new Map(),
  open: new Set(),
  root: $('#editor-form'),
  dirty: false,
  problems: [],
  valid: null,
  pending: new Set(),     // long lists' items not on the page yet (inSteps, editor-forms.mjs)
};
/** Puts every item of a long list on the page now (a field in one is to be shown or focused). */
state.placeAll = () => { for (const place of Array.from(state.pending)) place(Infinity); };

// ---------------------------------------------------------------- requests

/** PUT, which api.mjs does not offer: the same headers, the same errors. */
async function put(path, body) {
  let res;
  try {
    res = await fetch('/api/v1' + path, {
      method: 'PUT', credentials: 'same-origin', cache: 'no-store', body: JSON.stringify(body),
      headers: { 'X-Firedrill-As': 'trainer', 'X-Firedrill-Request': '1', 'Content-Type': 'application/json', Accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, 'network', t('error.network'));
  }
  let answer = null;
  try { answer = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    const error = answer && answer.error;
    const code = (error && error.code) || 'http_' + res.status;
    const message = lang() === 'en' && error && error.message ? error.message : (tOpt('error.' + code) ?? (error && error.message) ?? t('error.http', { status: res.status }));
    throw new ApiError(res.status, code, message, error && error.problems);
  }
  return answer;
}

/** The scenario's text from YAML (or JSON) to JSON or YAML, by the server. */
async function convert(source, to) {
  return (await client.post('/scenarios/convert', { source, to })).source;
}

// ---------------------------------------------------------------- rendering

let rerenderPending = null;
let pointerDown = false;
const deferred = [];
document.addEventListener('pointerdown', () => { pointerDown = true; }, true);
document.addEventListener('pointerup', () => setTimeout(() => { pointerDown = false; runDeferred(); }, 0), true);

function runDeferred() {
  if (pointerDown) return;
  for (const fn of deferred.splice(0)) fn();
}

/**
 * Runs `fn` once the focus has moved on (after the change event that asked for it) and no
 * pointer is pressed, so that rebuilding a part of the page never swallows a click.
 */
state.defer = (fn) => {
  deferred.push(fn);
  setTimeout(runDeferred, 0);
};

/**
 * Rebuilds the forms (after a change other parts show: a name, an id, an added or removed
 * item), deferred as above. The focus stays where it was.
 */
state.rerender = (options = {}) => {
  const hard = !options.keep || Boolean(rerenderPending && rerenderPending.hard);
  rerenderPending = { ...(rerenderPending || {}), ...options, hard };
  state.defer(flushRerender);
};

function flushRerender() {
  const options = rerenderPending;
  rerenderPending = null;
  if (!options || !state.doc) return;
  const active = document.activeElement;
  const focusId = options.focus || (active && active.id && state.root.contains(active) ? active.id : null);
  const selection = active && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
  renderAll(options.hard ? {} : { keep: options.keep });
  if (focusId) {
    if (!document.getElementById(focusId)) state.placeAll();   // in an item not on the page yet
    const node = document.getElementById(focusId);
    if (node) {
      if (options.scroll || options.focus) reveal(node); else node.focus({ preventScroll: true });
      if (selection && !options.focus && typeof node.setSelectionRange === 'function') {
        try { node.setSelectionRange(selection[0], selection[1]); } catch { /* not a text field */ }
      }
    }
  }
}

// The parts of the form: where each is drawn, what draws it, which field keys are its own.
const SECTIONS = [
  ['#basics-fields', renderBasics, (k) => !/^(roles|injects|objectives|survey|quiz)(\.|$)/.test(k)],
  ['#roles-list', renderRoles, (k) => /^roles(\.|$)/.test(k)],
  ['#injects-list', renderInjects, (k) => /^injects(\.|$)/.test(k)],
  ['#objectives-list', renderObjectives, (k) => /^objectives(\.|$)/.test(k)],
  ['#survey-list', renderSurvey, (k) => /^survey(\.|$)/.test(k)],
  ['#quiz-list', renderQuiz, (k) => /^quiz(\.|$)/.test(k)],
];

/** Draws the forms and the views over them; `keep`: a field whose part is left as it is. */
function renderAll({ keep = null } = {}) {
  state.lang = state.doc.language || 'en';
  for (const [selector, render, owns] of SECTIONS) {
    const container = $(selector);
    if (keep && container.contains(keep)) continue;
    for (const key of Array.from(state.fields.keys())) if (owns(key)) state.fields.delete(key);
    fill(container, render(state));
  }
  state.fields.set('', { focus: $('#sec-basics'), slot: null, label: t('editor.label.scenario') });
  // A list as a whole (none yet, too many, a key the format does not know yet).
  for (const list of ['roles', 'injects', 'objectives', 'survey', 'quiz']) {
    state.fields.set(list, { focus: $(`#sec-${list}`), slot: $(`#${list}-problem`), label: t(`editor.section.${list}`) });
  }
  renderTimeline(state, $('#timeline-edit'));
  renderPreviewRoles(state, $('#preview-role'));
  renderPreview(state, $('#preview'), $('#preview-role').value);
  finder.update();
  showProblems();
  renderMode();
}

/** The key of the registered field a path is in: in an item whose form is not drawn yet, the item's; '' for the scenario. */
const fieldKey = (path) => fieldFor(path, (k) => state.fields.has(k));

/**
 * How a problem list names the value at `key`: 「インジェクト『…』 › 件名」, whether the item's
 * form is drawn or not.
 */
state.describe = (key) => {
  const path = keyPath(key);
  const entry = state.fields.get(fieldKey(path));
  return [entry.itemLabel && entry.itemLabel(), entry.label ?? fieldLabel(path)].filter(Boolean).join(' › ');
};

/** Takes the reader to the field of `key`: its item opened (its form drawn), the field focused. */
state.reveal = (key) => {
  state.placeAll();   // the item may not be on the page yet
  const path = keyPath(key);
  const item = state.fields.get(pathKey(path.slice(0, 2)));
  if (item && item.open) item.open();
  const entry = state.fields.get(fieldKey(path));
  if (entry.focus) reveal(entry.focus);
};

let derivedTimer = null;
/** After each edit: mark unsaved, check again soon, and refresh the views over the whole scenario. */
state.changed = ({ structural = false } = {}) => {
  state.book = null;   // names may have changed: the next reader builds the book again
  state.dirty = true;
  $('#save-status').textContent = t('editor.save.unsaved');
  scheduleValidate();
  clearTimeout(derivedTimer);
  derivedTimer = setTimeout(() => {
    if (!$('#timeline-edit').contains(document.activeElement)) renderTimeline(state, $('#timeline-edit'));
    renderPreview(state, $('#preview'), $('#preview-role').value);
    if (!structural) finder.update();
  }, 300);
};

state.refreshTimeline = () => renderTimeline(state, $('#timeline-edit'));

function renderMode() {
  const title = state.doc.title || t('editor.untitled');
  let text;
  if (state.mode === 'edit') text = t('editor.mode.edit', { title, version: state.baseVersion, next: state.baseVersion + 1 });
  else if (state.origin) text = t('editor.mode.copy', { title: state.origin.title });
  else text = t('editor.mode.new');
  $('#editor-mode').textContent = text;
  $('#editor-mode').setAttribute('lang', lang());
}

// ---------------------------------------------------------------- checking

let validateTimer = null;
let validateSeq = 0;

function scheduleValidate(delay = VALIDATE_DELAY_MS) {
  clearTimeout(validateTimer);
  validateTimer = setTimeout(() => validate(), delay);
}

/** Checks the scenario with the server (its messages in the page's language) and shows the problems. */
async function validate() {
  clearTimeout(validateTimer);
  const seq = ++validateSeq;
  const { text, paths } = toJSONText(state.doc);
  $('#problems-title').textContent = t('editor.problems.checking');
  try {
    const query = lang() === 'ja' ? '?lang=ja' : '';
    const result = await client.post(`/scenarios/validate${query}`, { source: text, lang: lang() });
    if (seq !== validateSeq) return state.valid;
    state.valid = Boolean(result.valid);
    state.problems = problemsWithPaths(result.problems || [], paths).map((p) => ({ ...p, key: p.path ? pathKey(p.path) : '' }));
    showError($('#save-error'), null);
  } catch (err) {
    if (seq !== validateSeq) return state.valid;
    state.valid = null;
    state.problems = [];
    showError($('#save-error'), err, t('editor.problems.failed'));
  }
  showProblems();
  return state.valid;
}

/** Shows the problems beside their fields (those in an item not drawn yet: on the item) and in the list. */
function showProblems() {
  const problems = state.problems;
  for (const p of problems) p.field = fieldKey(p.path);
  showFieldProblems(state, problems);
  // Each problem links to its field (a problem the page cannot place names the scenario).
  const title = $('#problems-title');
  const count = $('#problem-count');
  if (state.valid === null) {
    title.textContent = t('editor.problems.unknown');
    count.textContent = '';
  } else if (state.valid) {
    title.textContent = problems.length ? t('editor.problems.validWithWarnings', { n: problems.length }) : t('editor.problems.valid');
    count.textContent = problems.length ? t('editor.problems.warningCount', { n: problems.length }) : t('editor.problems.none');
  } else {
    title.textContent = t('editor.problems.invalid', { n: problems.length });
    count.textContent = t('editor.problems.count', { n: problems.length });
  }
  count.classList.toggle('bad', state.valid === false);
  fill($('#problem-list'), problems.map((p) => {
    const entry = state.fields.get(p.field);
    const where = state.describe(p.key);
    if (!entry || !entry.focus) return el('li', { text: `${where}：${p.message}` });
    const target = entry.focus.id ? `#${entry.focus.id}` : `#${fieldId(p.field)}`;
    return el('li', {}, el('a', {
      href: target,
      onclick: (e) => { e.preventDefault(); state.reveal(p.key); },
    }, el('span', { class: 'problem-where', text: where }), el('span', { class: 'problem-message', text: p.message })));
  }));
}
state.showProblems = showProblems;

// ---------------------------------------------------------------- opening

function showEditor() {
  $('#start').hidden = true;
  $('#editor').hidden = false;
  showError($('#save-conflict'), null);
  state.open.clear();
  state.problems = [];
  state.valid = null;
  state.dirty = false;
  $('#save-status').textContent = '';
  // Checked once the page is shown (5,000 injects take a tenth of a second to write as JSON for
  // the server), before the long lists' later rows are drawn.
  whenIdle(() => validate());
  renderAll();
}

/** Scenario `name` of the list, and its text as JSON (converted by the server). */
async function fetchScenario(name) {
  const document = await client.get(`/scenarios/${enc(name)}`);
  return { document, json: await convert(document.source, 'json') };
}

/**
 * Opens scenario `name` of the list (`fetched` already, or now): to edit its next version, or
 * as a copy under a new id.
 */
async function openScenario(name, { asCopy, fetched = fetchScenario(name) }) {
  const { document, json } = await fetched;
  const doc = JSON.parse(json);
  if (asCopy || document.origin !== 'library') {
    const scenarios = await scenarioList();
    const taken = scenarios.map((s) => s.id).concat(scenarios.map((s) => s.name));
    state.origin = { title: doc.title || '', version: document.version };
    setKey(doc, 'id', deriveCopyId(doc.id, taken), KEY_ORDER.top);
    setKey(doc, 'title', copyTitle(doc.title, doc.language), KEY_ORDER.top);
    state.mode = 'new';
    state.baseVersion = null;
    if (new URLSearchParams(location.search).has('scenario')) history.replaceState(null, '', '/editor.html');
  } else {
    state.origin = null;
    state.mode = 'edit';
    state.baseVersion = document.version;
  }
  state.doc = doc;
  showEditor();
}

let listed = null;

/**
 * The scenarios of the library and the bundled ones, asked for when first needed (the start
 * page lists them; a copy's or a new scenario's id must not be taken), again after a save.
 * Opening a scenario to edit does not wait for them: a library of big scenarios takes a few
 * tenths of a second to list.
 */
function scenarioList() {
  listed ??= client.get('/scenarios').then(({ scenarios }) => scenarios, (err) => { listed = null; throw err; });
  return listed;
}

function fillStart(scenarios) {
  const select = $('#start-select');
  const library = scenarios.filter((s) => s.source === 'library');
  const bundled = scenarios.filter((s) => s.source !== 'library');
  const option = (s) => el('option', {
    value: s.name, lang: s.language, dataset: { source: s.source },
    text: s.source === 'library' ? t('editor.start.libraryOption', { title: s.title, version: s.version }) : s.title,
  });
  fill(select,
    library.length ? el('optgroup', { label: t('editor.start.library') }, library.map(option)) : null,
    el('optgroup', { label: t('editor.start.bundled') }, bundled.map(option)));
  const preferred = lang() === 'ja' ? 'newsletter-brochure-leak-ja' : 'newsletter-brochure-leak';
  if (!library.length && scenarios.some((s) => s.name === preferred)) select.value = preferred;
  const update = () => {
    const chosen = select.selectedOptions[0];
    const inLibrary = chosen && chosen.dataset.source === 'library';
    $('#start-edit').disabled = !inLibrary;
    $('#start-note').textContent = inLibrary ? t('editor.start.noteLibrary') : t('editor.start.noteBundled');
  };
  select.addEventListener('change', update);
  update();
}

function wireStart() {
  const fail = (err) => showError($('#start-error'), err, t('editor.start.failed'));
  $('#start-duplicate').addEventListener('click', () => {
    showError($('#start-error'), null);
    openScenario($('#start-select').value, { asCopy: true }).catch(fail);
  });
  $('#start-edit').addEventListener('click', () => {
    const name = $('#start-select').value;
    showError($('#start-error'), null);
    history.pushState(null, '', `/editor.html?scenario=${enc(name)}`);
    openScenario(name, { asCopy: false }).catch(fail);
  });
  $('#start-blank').addEventListener('click', () => startBlank().catch(fail));
}

/** A new scenario in the page's language, with `tags` filled in (a drill planned from the near-miss backlog). */
async function startBlank(tags = []) {
  const taken = (await scenarioList()).map((s) => s.id);
  state.origin = null;
  state.mode = 'new';
  state.baseVersion = null;
  const doc = blankScenario(lang(), { tags });
  if (taken.includes(doc.id)) doc.id = deriveCopyId(doc.id, taken);
  state.doc = doc;
  showEditor();
}

// ---------------------------------------------------------------- saving

let saving = false;

async function save() {
  if (saving || !state.doc) return;
  saving = true;
  const button = $('#save-button');
  const status = $('#save-status');
  button.disabled = true;
  status.textContent = t('editor.save.saving');
  showError($('#save-error'), null);
  showError($('#save-conflict'), null);
  try {
    const valid = await validate();
    if (valid === false) {
      const message = t('editor.save.invalid', { n: state.problems.length });
      status.textContent = message;
      announce(message);
      reveal($('#problems-title'));
      return;
    }
    const yaml = await convert(toJSONText(state.doc).text, 'yaml');
    const query = lang() === 'ja' ? '?lang=ja' : '';   // the problems of a refused save in the page's language
    const saved = state.mode === 'edit'
      ? await put(`/scenarios/${enc(state.doc.id)}${query}`, { source: yaml, base_version: state.baseVersion })
      : await client.post(`/scenarios${query}`, { source: yaml });
    state.mode = 'edit';
    state.baseVersion = saved.version;
    state.origin = null;
    state.dirty = false;
    history.replaceState(null, '', `/editor.html?scenario=${enc(saved.id)}`);
    const message = t('editor.save.saved', { version: saved.version });
    status.textContent = message;
    announce(message);
    renderAll();
    listed = null;   // the library has a new scenario or version
  } catch (err) {
    status.textContent = t('editor.save.notSaved');
    announce(t('editor.save.notSaved'));
    await explainSaveError(err);
  } finally {
    saving = false;
    button.disabled = false;
  }
}

async function explainSaveError(err) {
  if (err.status === 409 && err.code === 'version_conflict') {
    let latest = null;
    try { latest = (await client.get(`/scenarios/${enc(state.doc.id)}`)).version; } catch { /* say it without the number */ }
    const box = $('#save-conflict');
    fill(box, el('div', { class: 'error-box', role: 'alert' },
      el('p', { class: 'error-title', text: t('editor.conflict.title') }),
      el('p', { text: latest ? t('editor.conflict.text', { base: state.baseVersion, latest }) : t('editor.conflict.textNoNumber') }),
      lang() === 'en' && err.message ? el('p', { class: 'hint', text: err.message }) : null,
      el('div', { class: 'btn-row' },
        el('button', {
          type: 'button', class: 'btn', id: 'conflict-reload', text: t('editor.conflict.reload'),
          onclick: () => {
            if (!window.confirm(t('editor.conflict.confirm'))) return;
            openScenario(state.doc.id, { asCopy: false }).catch((e) => showError($('#save-error'), e, t('editor.start.failed')));
          },
        }))));
    box.hidden = false;
    reveal($('#conflict-reload'));
    return;
  }
  if (err.status === 409) {
    showError($('#save-error'), { message: t('editor.save.idTaken') }, t('editor.save.notSaved'));
    const idField = document.getElementById(fieldId('id'));
    if (idField) reveal(idField);
    return;
  }
  showError($('#save-error'), err, t('editor.save.notSaved'));
  reveal($('#save-error'));
}

// ---------------------------------------------------------------- start

const finder = new FindReplace(state);
$('#preview-role').addEventListener('change', () => renderPreview(state, $('#preview'), $('#preview-role').value));
$('#save-button').addEventListener('click', save);
$('#problem-count').addEventListener('click', (e) => { e.preventDefault(); reveal($('#problems-title')); });
window.addEventListener('beforeunload', (e) => {
  if (state.dirty) { e.preventDefault(); e.returnValue = ''; }
});
window.addEventListener('popstate', () => location.reload());

try {
  const planned = plannedScenario(location.search);
  if (wanted) {
    await openScenario(wanted, { asCopy: false, fetched: early.then((got) => got || fetchScenario(wanted)) });
  } else if (planned.fresh) {
    await startBlank(planned.tags);
  } else {
    fillStart(await scenarioList());
    wireStart();
    $('#start').hidden = false;
  }
} catch (err) {
  pageError(err.status === 401 || err.status === 403 ? { message: t('console.notTrainer') } : err);
}

