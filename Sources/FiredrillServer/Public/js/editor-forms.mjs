// editor-forms.mjs: the scenario editor's forms, one section per part of the scenario: the
// scenario itself, roles (with their card and, for simulated roles, the persona), injects,
// objectives, survey questions and the quiz. Each list item is a <details> whose summary
// names it in words; the keys the editor has no field for stay in the scenario as they were.
import { el, whenIdle } from './dom.mjs';
import { channelName, t } from './i18n.mjs';
import { checkGroup, fieldId, fieldLabel, register, selectField, textField } from './editor-fields.mjs';
import { KEY_ORDER, drawingSteps, freshId, parseCondition, parseDuration, renameId, setKey } from './editor-model.mjs';
import { conditionInWords } from './conditions.mjs';
import { formatClock } from './format.mjs';
import { nameBook } from './names.mjs';

export const DEFAULT_CHANNELS = ['chat', 'email', 'phone', 'in-person', 'pager', 'ticket', 'monitoring', 'news', 'social', 'web'];
export const KINDS = ['acknowledge', 'escalate', 'action', 'communicate', 'report', 'resolve'];
const MATCH_KINDS = new Set(['action', 'communicate', 'report', 'resolve']);

/** The channels the scenario may use: its own list, else the default ones. */
export function scenarioChannels(doc) {
  return Array.isArray(doc.channels) && doc.channels.length ? doc.channels.map(String) : DEFAULT_CHANNELS;
}

const channelOptions = (list) => list.map((c) => ({ value: c, label: channelName(c) }));
const isPersona = (role) => Boolean(role && role.persona && typeof role.persona === 'object');

/** The name of a role for choices: its name, else 「名前のない役割」. */
export function roleTitle(role) {
  return (role && role.name) || t('editor.role.unnamed');
}

export function injectTitle(inject) {
  return (inject && inject.subject) || t('editor.inject.unnamed');
}

export function objectiveTitle(objective) {
  return (objective && objective.name) || t('editor.objective.unnamed');
}

/** From this many items on, a list is long: its items off the screen are not laid out (editor.css). */
export const LONG_LIST = 100;
const listClass = (items) => ['items', items.length >= LONG_LIST && 'long'];

/**
 * An item of a list as a <details>: its summary names it; inside, its problems, its fields
 * (`body()`) and the buttons to move it up or down and to remove it. The fields are drawn
 * when the item is first opened (5,000 injects would otherwise draw 5,000 forms): until then
 * its problems are the item's (its summary shows them), and opening it moves them beside
 * their fields. A closed item is four elements: the summary, its two texts and the item's
 * problem slot (its mark comes with its first problem).
 */
function itemBox(state, { listKey, index, title, extra, body, noun, itemLabel }) {
  const list = state.doc[listKey];
  const key = `${listKey}.${index}`;
  const itemId = fieldId(key, 'item');
  const slot = el('div', { class: 'field-problem', id: `${itemId}-problem`, hidden: true });
  const summary = el('summary', { id: `${itemId}-summary` },
    el('span', { class: 'item-title', lang: state.lang, text: title }),
    extra ? el('span', { class: 'item-extra', text: extra }) : null);
  const move = (delta) => {
    const to = index + delta;
    if (to < 0 || to >= list.length) return;
    const openFlags = list.map((_, i) => state.open.has(`${listKey}.${i}`));
    [list[index], list[to]] = [list[to], list[index]];
    [openFlags[index], openFlags[to]] = [openFlags[to], openFlags[index]];
    for (let i = 0; i < list.length; i++) state.open.delete(`${listKey}.${i}`);
    openFlags.forEach((open, i) => { if (open) state.open.add(`${listKey}.${i}`); });
    state.changed({ key: listKey, structural: true });
    state.rerender({ focus: `${fieldId(`${listKey}.${to}`, 'item')}-${delta < 0 ? 'up' : 'down'}` });
  };
  const remove = () => {
    if (!window.confirm(t('editor.item.confirmRemove', { name: title }))) return;
    list.splice(index, 1);
    const openFlags = [];
    for (let i = 0; i <= list.length; i++) openFlags.push(state.open.has(`${listKey}.${i}`));
    openFlags.splice(index, 1);
    for (let i = 0; i <= list.length; i++) state.open.delete(`${listKey}.${i}`);
    openFlags.forEach((open, i) => { if (open) state.open.add(`${listKey}.${i}`); });
    if (list.length === 0) delete state.doc[listKey];
    state.changed({ key: listKey, structural: true });
    state.rerender({ focus: `add-${listKey}` });
  };
  const details = el('details', { class: 'item', id: itemId, dataset: { field: key }, open: state.open.has(key) }, summary, slot);
  let drawn = false;
  const draw = () => {
    drawn = true;
    details.append(el('div', { class: 'item-body' }, slot, body(), el('div', { class: 'btn-row item-actions' },
      el('button', { type: 'button', class: 'btn small', id: `${itemId}-up`, disabled: index === 0, text: t('editor.item.up'), onclick: () => move(-1) }),
      el('button', { type: 'button', class: 'btn small', id: `${itemId}-down`, disabled: index === list.length - 1, text: t('editor.item.down'), onclick: () => move(1) }),
      el('button', { type: 'button', class: 'btn small danger', text: t('editor.item.remove', { noun }), onclick: remove }))));
  };
  // Opened by the reader or by a link to a field in it: drawn, and its problems moved to their fields.
  const open = () => {
    details.open = true;
    if (drawn) return;
    draw();
    state.showProblems();
  };
  // Remembered at the click already (the toggle event comes later), so that a rebuild in between keeps it.
  summary.addEventListener('click', () => { if (details.open) state.open.delete(key); else state.open.add(key); });
  details.addEventListener('toggle', () => {
    if (!details.open) { state.open.delete(key); return; }
    state.open.add(key);
    open();
  });
  register(state, key, { focus: summary, slot, itemLabel, open });
  if (details.open) draw();
  return details;
}

const FIRST_ITEMS = 100;    // a long list's items put on the page at once; the others follow,
const ITEMS_PER_STEP = 500; // ITEMS_PER_STEP a task, when the page is idle

/**
 * Puts a long list's `items` (made and registered already) on the page in steps: the first
 * FIRST_ITEMS now, the others when the page is idle. Their style and layout is most of what
 * opening a scenario of thousands of injects costs; every item is on the page a moment later.
 * Whatever needs an item that is not yet (a problem's link, a field to focus after a rebuild)
 * calls `state.placeAll()` first.
 */
function inSteps(state, list, items) {
  const steps = drawingSteps(items.length, FIRST_ITEMS, ITEMS_PER_STEP);
  const place = (count) => {
    while (steps.length && count-- > 0) {
      const [start, end] = steps.shift();
      list.append(...items.slice(start, end));
    }
    if (!steps.length) state.pending.delete(place);
  };
  place(1);
  if (steps.length) {
    state.pending.add(place);
    const next = () => {
      if (!state.pending.has(place)) return;
      if (!list.isConnected) { state.pending.delete(place); return; }   // drawn again meanwhile
      place(1);
      if (steps.length) whenIdle(next);
    };
    whenIdle(next);
  }
  return list;
}

/** The button that adds an item to a list and opens it. */
function addButton(state, listKey, label, make) {
  return el('button', {
    type: 'button', class: 'btn', id: `add-${listKey}`, text: label,
    onclick: () => {
      const item = make();
      if (Array.isArray(state.doc[listKey])) state.doc[listKey].push(item);
      else setKey(state.doc, listKey, [item], KEY_ORDER.top);
      const index = state.doc[listKey].length - 1;
      state.open.add(`${listKey}.${index}`);
      state.changed({ key: listKey, structural: true });
      state.rerender({ focus: `${fieldId(`${listKey}.${index}`, 'item')}-summary`, scroll: true });
    },
  });
}

/** An id field: renaming it renames the references to it too. */
function idField(state, path, kind, itemLabel) {
  const before = { id: path.reduce((node, part) => (node ? node[part] : undefined), state.doc) };
  return textField(state, {
    path, kind: 'slug', help: t('editor.field.idHelp'), itemLabel, required: true,
    onChange: (value) => {
      renameId(state.doc, kind, before.id, value.trim());
      state.rerender();
    },
  });
}

// ---------------------------------------------------------------- the scenario

export function renderBasics(state) {
  const { doc } = state;
  const label = () => t('editor.section.basics');
  const languages = [{ value: 'ja', label: t('language.ja') }, { value: 'en', label: t('language.en') }];
  return [
    textField(state, { path: ['title'], lang: state.lang, required: true, rerender: 'soft', itemLabel: label }),
    state.mode === 'edit'
      ? textField(state, { path: ['id'], kind: 'slug', help: t('editor.field.idLocked'), readOnly: true, itemLabel: label })
      : textField(state, { path: ['id'], kind: 'slug', help: t('editor.field.scenarioIdHelp'), required: true, itemLabel: label }),
    el('div', { class: 'two-fields' },
      selectField(state, { path: ['language'], options: languages, rerender: true, itemLabel: label }),
      textField(state, { path: ['duration'], kind: 'duration', help: t('editor.field.durationHelp'), required: true, itemLabel: label })),
    textField(state, { path: ['briefing'], kind: 'textarea', rows: 6, help: t('editor.field.briefingHelp'), lang: state.lang, itemLabel: label }),
    textField(state, { path: ['summary'], kind: 'textarea', rows: 5, help: t('editor.field.summaryHelp'), lang: state.lang, itemLabel: label }),
    textField(state, { path: ['tags'], kind: 'lines', help: t('editor.field.linesHelp'), lang: state.lang, itemLabel: label }),
    checkGroup(state, {
      path: ['channels'], help: t('editor.field.channelsHelp'),
      options: channelOptions(Array.from(new Set([...DEFAULT_CHANNELS, ...(Array.isArray(doc.channels) ? doc.channels : [])]))),
      rerender: true, itemLabel: label,
    }),
  ];
}

// ---------------------------------------------------------------- roles

export function renderRoles(state) {
  const roles = Array.isArray(state.doc.roles) ? state.doc.roles : [];
  const channels = scenarioChannels(state.doc);
  return [
    el('ol', { class: listClass(roles) }, roles.map((role, i) => {
      if (!role || typeof role !== 'object') return el('li', { text: t('editor.item.unreadable') });
      const title = roleTitle(role);
      const itemLabel = () => t('editor.label.role', { name: roleTitle(role) });
      const simulated = isPersona(role);
      const simId = `${fieldId(`roles.${i}`)}-simulated`;
      const body = () => [
        el('div', { class: 'two-fields' },
          textField(state, { path: ['roles', i, 'name'], lang: state.lang, rerender: 'soft', required: true, itemLabel }),
          idField(state, ['roles', i, 'id'], 'role', itemLabel)),
        textField(state, { path: ['roles', i, 'department'], lang: state.lang, itemLabel }),
        textField(state, { path: ['roles', i, 'responsibilities'], kind: 'lines', rows: 4, help: t('editor.field.responsibilitiesHelp'), lang: state.lang, itemLabel }),
        el('div', { class: 'check-line' },
          el('input', {
            type: 'checkbox', id: simId, checked: simulated, 'aria-describedby': `${simId}-help`,
            onchange: (e) => {
              if (e.target.checked) setKey(role, 'persona', {}, KEY_ORDER.role); else delete role.persona;
              state.changed({ key: `roles.${i}`, structural: true });
              state.rerender({ focus: simId });
            },
          }),
          el('label', { for: simId, text: t('editor.field.simulated') })),
        el('p', { class: 'field-help', id: `${simId}-help`, text: t('editor.field.simulatedHelp') }),
        simulated ? el('div', { class: 'persona-box' },
          checkGroup(state, { path: ['roles', i, 'persona', 'channels'], help: t('editor.field.personaChannelsHelp'), options: channelOptions(channels), itemLabel }),
          textField(state, { path: ['roles', i, 'persona', 'delay'], kind: 'duration', help: t('editor.field.durationHelp'), itemLabel }),
          textField(state, { path: ['roles', i, 'persona', 'reply'], kind: 'textarea', rows: 5, lang: state.lang, itemLabel })) : null,
      ];
      return el('li', {}, itemBox(state, { listKey: 'roles', index: i, itemLabel, title, extra: simulated ? t('roles.simulated') : role.department || '', body, noun: t('editor.noun.role') }));
    })),
    addButton(state, 'roles', t('editor.add.role'), () => ({ id: freshId(roles, 'role'), name: '' })),
  ];
}

// ---------------------------------------------------------------- injects

/** The names of the scenario's objectives and injects, built once until the next edit. */
export function currentBook(state) {
  if (!state.book) state.book = nameBook(state.doc.objectives, state.doc.injects);
  return state.book;
}

/** What a condition can name: each objective met or not, each inject delivered. */
export function conditionChoices(state) {
  const choices = [];
  for (const o of state.doc.objectives || []) {
    if (!o || !o.id) continue;
    choices.push({ value: `met(${o.id})`, label: t('cond.met', { name: objectiveTitle(o) }) });
    choices.push({ value: `not met(${o.id})`, label: t('cond.met.not', { name: objectiveTitle(o) }) });
  }
  for (const i of state.doc.injects || []) {
    if (!i || !i.id) continue;
    choices.push({ value: `delivered(${i.id})`, label: t('cond.delivered', { name: injectTitle(i) }) });
  }
  return choices;
}

/** A condition field (`if`, `when`): the text, the condition in words, and a helper that adds one. */
function conditionField(state, path, help, itemLabel, keepEmpty = false) {
  const key = path.join('.');
  const wordsId = `${fieldId(key)}-words`;
  const words = el('p', { class: 'field-note condition-words', id: wordsId, lang: state.lang });
  const say = (text) => {
    if (!text || !text.trim()) { words.textContent = ''; return; }
    const parsed = parseCondition(text);
    words.textContent = parsed ? t('editor.condition.reads', { cond: conditionInWords(parsed, currentBook(state), t) }) : t('editor.condition.unreadable');
  };
  const field = textField(state, { path, kind: 'condition', help, itemLabel, onInput: say, keepEmpty });
  const input = field.querySelector('input');
  input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), wordsId].filter(Boolean).join(' '));
  input.dataset.describedBy = input.getAttribute('aria-describedby');
  say(input.value);
  field.insertBefore(words, field.querySelector('.field-problem'));
  // The helper: pick what must have happened, add it.
  const pickId = `${fieldId(key)}-pick`;
  // Its choices (every objective twice, every inject) are filled in when it is first used: a
  // scenario of 5,000 injects would otherwise draw 5,000 × 5,000 options.
  const pick = el('select', { id: pickId }, el('option', { value: '', text: t('editor.condition.choose') }));
  const fillChoices = () => {
    if (pick.options.length > 1) return;
    pick.append(...conditionChoices(state).map((c) => el('option', { value: c.value, lang: state.lang, text: c.label })));
  };
  for (const event of ['focus', 'pointerdown', 'keydown']) pick.addEventListener(event, fillChoices);
  const add = el('button', {
    type: 'button', class: 'btn small', text: t('editor.condition.add'),
    onclick: () => {
      if (!pick.value) { pick.focus(); return; }
      input.value = input.value.trim() ? `${input.value.trim()} and ${pick.value}` : pick.value;
      input.dispatchEvent(new Event('input'));
      pick.value = '';
      input.focus();
    },
  });
  field.insertBefore(el('div', { class: 'condition-helper' },
    el('label', { for: pickId, text: t('editor.condition.helper') }),
    el('div', { class: 'inline-pick' }, pick, add)), field.querySelector('.field-problem'));
  return field;
}

export function renderInjects(state) {
  const injects = Array.isArray(state.doc.injects) ? state.doc.injects : [];
  const roles = Array.isArray(state.doc.roles) ? state.doc.roles : [];
  const channels = scenarioChannels(state.doc);
  const played = roles.filter((r) => r && r.id && !isPersona(r)).map((r) => ({ value: r.id, label: roleTitle(r), lang: state.lang }));
  return [
    inSteps(state, el('ol', { class: listClass(injects) }), injects.map((inject, i) => {
      if (!inject || typeof inject !== 'object') return el('li', { text: t('editor.item.unreadable') });
      const itemLabel = () => t('editor.label.inject', { name: injectTitle(inject) });
      const byCondition = inject.when !== undefined && inject.at === undefined;
      const at = parseDuration(inject.at);
      const extra = byCondition ? t('editor.timeline.byCondition') : (at === null ? '' : formatClock(at));
      const releaseName = `${fieldId(`injects.${i}`)}-release`;
      const release = (mode) => {
        state.savedAt = state.savedAt || new WeakMap();
        if (mode === 'when') {
          if (inject.at !== undefined) state.savedAt.set(inject, inject.at);
          delete inject.at;
          setKey(inject, 'when', ' ', KEY_ORDER.inject);
          inject.when = '';
        } else {
          delete inject.when;
          delete inject.delay;
          setKey(inject, 'at', state.savedAt.get(inject) ?? (state.lang === 'ja' ? '0秒' : '0s'), KEY_ORDER.inject);
        }
        state.changed({ key: `injects.${i}`, structural: true });
        state.rerender({ focus: `${releaseName}-${mode}` });
      };
      const body = () => [
        textField(state, { path: ['injects', i, 'subject'], lang: state.lang, rerender: 'soft', required: true, itemLabel }),
        idField(state, ['injects', i, 'id'], 'inject', itemLabel),
        checkGroup(state, { path: ['injects', i, 'to'], options: played, all: t('editor.field.toAll'), help: t('editor.field.toHelp'), itemLabel }),
        el('div', { class: 'two-fields' },
          selectField(state, { path: ['injects', i, 'channel'], options: channelOptions(channels), empty: t('editor.choose'), itemLabel }),
          textField(state, { path: ['injects', i, 'from'], help: t('editor.field.fromHelp'), lang: state.lang, itemLabel })),
        textField(state, { path: ['injects', i, 'body'], kind: 'textarea', rows: 6, lang: state.lang, itemLabel }),
        el('fieldset', { class: 'field release' },
          el('legend', { text: t('editor.field.release') }),
          el('div', { class: 'radio-row' },
            el('label', {}, el('input', { type: 'radio', name: releaseName, id: `${releaseName}-at`, value: 'at', checked: !byCondition, onchange: () => release('at') }), ' ', t('editor.field.releaseAt')),
            el('label', {}, el('input', { type: 'radio', name: releaseName, id: `${releaseName}-when`, value: 'when', checked: byCondition, onchange: () => release('when') }), ' ', t('editor.field.releaseWhen')))),
        byCondition
          ? [conditionField(state, ['injects', i, 'when'], t('editor.field.whenHelp'), itemLabel, true),
            textField(state, { path: ['injects', i, 'delay'], kind: 'duration', help: t('editor.field.delayHelp'), itemLabel })]
          : textField(state, { path: ['injects', i, 'at'], kind: 'duration', help: t('editor.field.atHelp'), itemLabel, rerender: true }),
        conditionField(state, ['injects', i, 'if'], t('editor.field.ifHelp'), itemLabel),
        el('div', { class: 'staff-only' },
          el('p', { class: 'staff-note', text: t('editor.staffOnly') }),
          textField(state, { path: ['injects', i, 'expect'], kind: 'textarea', rows: 3, lang: state.lang, itemLabel }),
          textField(state, { path: ['injects', i, 'notes'], kind: 'textarea', rows: 3, lang: state.lang, itemLabel })),
      ];
      return el('li', {}, itemBox(state, { listKey: 'injects', index: i, itemLabel, title: injectTitle(inject), extra, body, noun: t('editor.noun.inject') }));
    })),
    addButton(state, 'injects', t('editor.add.inject'), () => ({
      id: freshId(injects, 'inject'), to: 'all', channel: channels.includes('email') ? 'email' : channels[0], subject: '',
      at: state.lang === 'ja' ? '0秒' : '0s',
    })),
  ];
}

// ---------------------------------------------------------------- objectives

export function renderObjectives(state) {
  const objectives = Array.isArray(state.doc.objectives) ? state.doc.objectives : [];
  const roles = Array.isArray(state.doc.roles) ? state.doc.roles : [];
  const injects = Array.isArray(state.doc.injects) ? state.doc.injects : [];
  const channels = scenarioChannels(state.doc);
  const played = roles.filter((r) => r && r.id && !isPersona(r)).map((r) => ({ value: r.id, label: roleTitle(r), lang: state.lang }));
  const everyone = roles.filter((r) => r && r.id).map((r) => ({ value: r.id, label: roleTitle(r), lang: state.lang }));
  const kinds = KINDS.map((k) => ({ value: k, label: t('kind.' + k) }));
  return [
    el('ol', { class: listClass(objectives) }, objectives.map((o, i) => {
      if (!o || typeof o !== 'object') return el('li', { text: t('editor.item.unreadable') });
      const itemLabel = () => t('editor.label.objective', { name: objectiveTitle(o) });
      const kindHelp = KINDS.includes(o.kind) ? t(`kind.${o.kind}.hint`) : null;
      const body = () => [
        textField(state, { path: ['objectives', i, 'name'], lang: state.lang, rerender: 'soft', itemLabel }),
        el('div', { class: 'two-fields' },
          idField(state, ['objectives', i, 'id'], 'objective', itemLabel),
          selectField(state, { path: ['objectives', i, 'kind'], options: kinds, empty: t('editor.choose'), help: kindHelp, rerender: true, itemLabel })),
        checkGroup(state, { path: ['objectives', i, 'by'], help: t('editor.field.byHelp'), options: played, itemLabel }),
        selectField(state, {
          path: ['objectives', i, 'from'], help: t('editor.field.objectiveFromHelp'),
          empty: t('editor.field.fromStart'), itemLabel,
          // Every inject, drawn when the select is first used (200 objectives × 5,000 injects otherwise).
          options: () => injects.filter((x) => x && x.id).map((x) => ({ value: x.id, label: injectTitle(x), lang: state.lang })),
        }),
        o.kind === 'escalate' ? [
          selectField(state, { path: ['objectives', i, 'to'], options: everyone, empty: t('editor.choose'), itemLabel }),
          checkGroup(state, { path: ['objectives', i, 'via'], help: t('editor.field.viaHelp'), options: channelOptions(channels), itemLabel }),
        ] : null,
        el('div', { class: 'three-fields' },
          textField(state, { path: ['objectives', i, 'target'], kind: 'duration', help: t('editor.field.targetHelp'), required: true, itemLabel }),
          textField(state, { path: ['objectives', i, 'limit'], kind: 'duration', help: t('editor.field.limitHelp'), itemLabel }),
          textField(state, { path: ['objectives', i, 'weight'], kind: 'number', help: t('editor.field.weightHelp'), itemLabel })),
        MATCH_KINDS.has(o.kind) || o.match !== undefined
          ? textField(state, { path: ['objectives', i, 'match'], kind: 'lines', rows: 4, help: t('editor.field.matchHelp'), lang: state.lang, itemLabel })
          : null,
        textField(state, { path: ['objectives', i, 'expect'], kind: 'textarea', rows: 3, lang: state.lang, itemLabel }),
        textField(state, { path: ['objectives', i, 'controls'], kind: 'lines', rows: 2, help: t('editor.field.controlsHelp'), itemLabel }),
      ];
      const extra = KINDS.includes(o.kind) ? t('kind.' + o.kind) : '';
      return el('li', {}, itemBox(state, { listKey: 'objectives', index: i, itemLabel, title: objectiveTitle(o), extra, body, noun: t('editor.noun.objective') }));
    })),
    addButton(state, 'objectives', t('editor.add.objective'), () => ({
      id: freshId(objectives, 'objective'), name: '', kind: 'acknowledge', target: state.lang === 'ja' ? '5分' : '5m',
    })),
  ];
}

// ---------------------------------------------------------------- survey

export function renderSurvey(state) {
  const survey = Array.isArray(state.doc.survey) ? state.doc.survey : [];
  return [
    el('ol', { class: listClass(survey) }, survey.map((q, i) => {
      const isText = q && typeof q === 'object' && q.kind === 'text';
      const questionPath = typeof q === 'string' ? ['survey', i] : ['survey', i, 'question'];
      const question = typeof q === 'string' ? q : (q && q.question) || '';
      const itemLabel = () => t('editor.label.question', { n: i + 1 });
      const kindId = `${fieldId(`survey.${i}`)}-kind`;
      const setKind = (kind) => {
        const text = typeof survey[i] === 'string' ? survey[i] : (survey[i] && survey[i].question) || '';
        if (kind === 'text') {
          survey[i] = typeof survey[i] === 'object' && survey[i] ? survey[i] : { question: text };
          setKey(survey[i], 'kind', 'text', KEY_ORDER.survey);
        } else if (typeof survey[i] === 'object' && survey[i]) {
          const others = Object.keys(survey[i]).filter((k) => k !== 'question' && k !== 'kind');
          if (others.length) survey[i].kind = 'scale'; else survey[i] = text;
        }
        state.changed({ key: `survey.${i}`, structural: true });
        state.rerender({ focus: kindId });
      };
      const body = () => [
        textField(state, { path: questionPath, kind: 'keep', lang: state.lang, rerender: 'soft', itemLabel }),
        el('div', { class: 'field' },
          el('label', { for: kindId, text: t('editor.field.surveyKind') }),
          el('select', { id: kindId, onchange: (e) => setKind(e.target.value) },
            el('option', { value: 'scale', selected: !isText, text: t('editor.survey.scale') }),
            el('option', { value: 'text', selected: isText, text: t('editor.survey.text') }))),
      ];
      return el('li', {}, itemBox(state, { listKey: 'survey', index: i, itemLabel, title: question || t('editor.survey.unnamed'), extra: isText ? t('editor.survey.text') : t('editor.survey.scale'), body, noun: t('editor.noun.question') }));
    })),
    addButton(state, 'survey', t('editor.add.question'), () => ''),
  ];
}

// ---------------------------------------------------------------- quiz

/** The check boxes that mark a quiz question's right choices. */
function answerField(state, q, i, itemLabel) {
  const choices = Array.isArray(q.choices) ? q.choices : [];
  const answers = new Set((Array.isArray(q.answer) ? q.answer : (q.answer === undefined ? [] : [q.answer])).map(Number));
  const answerKey = `quiz.${i}.answer`;
  const answerId = fieldId(answerKey);
  const answerSlot = el('div', { class: 'field-problem', id: `${answerId}-problem`, hidden: true });
  const boxes = choices.map((choice, c) => el('input', { type: 'checkbox', id: `${answerId}-${c}`, value: String(c), checked: answers.has(c) }));
  const updateAnswer = () => {
    const chosen = boxes.filter((b) => b.checked).map((b) => Number(b.value));
    setKey(q, 'answer', chosen.length === 0 ? undefined : chosen.length === 1 ? chosen[0] : chosen, KEY_ORDER.quiz);
    state.changed({ key: answerKey });
  };
  for (const box of boxes) box.addEventListener('change', updateAnswer);
  const label = fieldLabel(['quiz', i, 'answer']);
  const answerSet = el('fieldset', { class: 'field check-group', id: answerId, dataset: { field: answerKey } },
    el('legend', { text: label }),
    choices.length ? el('div', { class: 'check-list' }, boxes.map((box, c) =>
      el('label', { class: 'check' }, box, ' ', el('span', { lang: state.lang, text: choices[c] || t('editor.quiz.emptyChoice') }))))
      : el('p', { class: 'field-help', text: t('editor.quiz.noChoices') }),
    answerSlot);
  register(state, answerKey, { focus: boxes[0] || answerSet, slot: answerSlot, label, itemLabel, control: answerSet });
  return answerSet;
}

export function renderQuiz(state) {
  const quiz = Array.isArray(state.doc.quiz) ? state.doc.quiz : [];
  return [
    el('ol', { class: listClass(quiz) }, quiz.map((q, i) => {
      if (!q || typeof q !== 'object') return el('li', { text: t('editor.item.unreadable') });
      const itemLabel = () => t('editor.label.quiz', { n: i + 1 });
      const body = () => [
        textField(state, { path: ['quiz', i, 'question'], kind: 'keep', lang: state.lang, rerender: 'soft', itemLabel }),
        idField(state, ['quiz', i, 'id'], 'quiz', itemLabel),
        textField(state, { path: ['quiz', i, 'choices'], kind: 'lines', rows: 4, help: t('editor.field.choicesHelp'), lang: state.lang, rerender: true, itemLabel }),
        answerField(state, q, i, itemLabel),
        textField(state, { path: ['quiz', i, 'explanation'], kind: 'textarea', rows: 3, lang: state.lang, itemLabel }),
      ];
      return el('li', {}, itemBox(state, { listKey: 'quiz', index: i, itemLabel, title: q.question || t('editor.quiz.unnamed'), body, noun: t('editor.noun.quiz') }));
    })),
    addButton(state, 'quiz', t('editor.add.quiz'), () => ({ id: freshId(quiz, 'q'), question: '', choices: [], answer: 0 })),
  ];
}
