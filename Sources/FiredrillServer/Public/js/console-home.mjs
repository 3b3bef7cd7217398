// console-home.mjs: the console without a drill open: the drills on the server (to come
// back to one) and the form to create a drill from a bundled scenario or from an uploaded
// or pasted file. An uploaded file is checked with POST /scenarios/validate first, and
// every problem is listed with its line; a click on a problem selects that line. The
// committee's records and the committee's sign-in link are one card, the near-miss register
// and the reporters' sign-in link another (console-committee.mjs).
import { wireCommittee } from './console-committee.mjs';
import { $, el, fill } from './dom.mjs';
import { formatClock, formatWallTime } from './format.mjs';
import { lang, t } from './i18n.mjs';
import { hasLinks, rememberCreated } from './links-store.mjs';
import { errorBox, showError, statusChip } from './ui.mjs';

export async function startHome(client) {
  $('#home').hidden = false;
  wireCreateForm(client);
  $('#drills-refresh').addEventListener('click', () => loadDrills(client));
  wireCommittee(client);
  await Promise.all([loadScenarios(client), loadDrills(client)]);
}

async function loadScenarios(client) {
  const select = $('#scenario-select');
  try {
    const { scenarios } = await client.get('/scenarios');
    const byLang = new Map();
    for (const s of scenarios) {
      if (!byLang.has(s.language)) byLang.set(s.language, []);
      byLang.get(s.language).push(s);
    }
    // The page's language first.
    const groups = Array.from(byLang.entries()).sort(([a], [b]) => (a === lang() ? -1 : b === lang() ? 1 : 0));
    fill(select, groups.map(([language, list]) => el('optgroup', { label: t('create.lang', { lang: t('language.' + language) }) },
      list.map((s) => el('option', { value: s.name, lang: s.language, text: t('create.scenarioOption', { title: s.title, d: formatClock(s.duration_seconds) }) })))));
    const preferred = scenarios.find((s) => s.name === (lang() === 'ja' ? 'newsletter-brochure-leak-ja' : 'newsletter-brochure-leak')) || scenarios[0];
    if (preferred) select.value = preferred.name;
  } catch (err) {
    showError($('#create-error'), err, t('create.scenariosFailed'));
  }
}

async function loadDrills(client) {
  const list = $('#drills');
  try {
    const { drills } = await client.get('/drills');
    showError($('#drills-error'), null);
    if (drills.length === 0) { fill(list, el('li', { class: 'hint', text: t('drills.none') })); return; }
    fill(list, drills.map((d) => el('li', { class: `drill-row drill-${d.status}`, dataset: { drill: d.id, status: d.status } },
      el('span', { class: 'drill-row-status' }, statusChip(d.status)),
      el('span', { class: 'drill-row-main' },
        el('a', { href: `#drill=${encodeURIComponent(d.id)}`, class: 'drill-link' },
          el('span', { class: 'drill-row-title', text: d.title })),
        el('span', { class: 'drill-row-meta' },
          el('span', { text: t('drills.created', { at: formatWallTime(d.created_at, lang()) }) }),
          d.status === 'ready' ? null : el('span', { text: t('drills.at', { at: formatClock(d.drill_seconds) }) }),
          hasLinks(d.id) ? null : el('span', { class: 'tag', text: t('drills.noLinks') }))))));
  } catch (err) {
    if (err.status === 401 || err.status === 403) throw err;
    showError($('#drills-error'), err, t('drills.failed'));
  }
}

function wireCreateForm(client) {
  const form = $('#create-form');
  const source = $('#scenario-source');
  const mode = () => form.querySelector('input[name="source"]:checked').value;
  form.addEventListener('change', (e) => {
    if (e.target.name === 'source') {
      $('#bundled-fields').hidden = mode() !== 'bundled';
      $('#upload-fields').hidden = mode() !== 'upload';
    }
  });
  $('#scenario-file').addEventListener('change', async (e) => {
    const file = e.target.files && e.target.files[0];
    if (!file) return;
    source.value = await file.text();
    validate(client, source.value);
  });
  $('#validate-button').addEventListener('click', () => validate(client, source.value));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError($('#create-error'), null);
    const speed = Number($('#speed').value || '1');
    if (!(speed >= Number($('#speed').min) && speed <= Number($('#speed').max))) {
      showError($('#create-error'), { message: t('speed.bad', { min: $('#speed').min, max: $('#speed').max }) });
      $('#speed').focus();
      return;
    }
    const body = { speed };
    if (mode() === 'bundled') {
      body.scenario = $('#scenario-select').value;
    } else {
      if (!source.value.trim()) { showError($('#create-error'), { message: t('create.needSource') }); source.focus(); return; }
      const valid = await validate(client, source.value);
      if (!valid) return;
      body.source = source.value;
    }
    $('#create-status').textContent = t('create.creating');
    try {
      // A scenario's problems come back in the page's language.
      const created = await client.post(`/drills?lang=${lang()}`, body);
      rememberCreated(created);
      $('#create-status').textContent = t('create.created');
      location.hash = `drill=${encodeURIComponent(created.id)}`;
    } catch (err) {
      $('#create-status').textContent = '';
      showError($('#create-error'), err, t('create.failed'));
    }
  });
}

/** Checks the scenario text; shows "valid" (with warnings) or every problem. */
async function validate(client, text) {
  const box = $('#validate-result');
  if (!text.trim()) { fill(box, errorBox({ message: t('create.needSource') })); return false; }
  fill(box, el('p', { class: 'hint', text: t('create.validating') }));
  try {
    const result = await client.post(`/scenarios/validate?lang=${lang()}`, { source: text });
    if (result.valid) {
      fill(box, el('div', { class: 'ok-box', role: 'status' },
        el('p', { text: t('create.valid', { title: result.title || '' }) }),
        result.problems.length ? problemList(result.problems) : null));
      return true;
    }
    fill(box, el('div', { class: 'error-box', role: 'alert' },
      el('p', { class: 'error-title', text: t('create.invalid', { n: result.problems.length }) }),
      problemList(result.problems)));
    return false;
  } catch (err) {
    fill(box, errorBox(err, t('create.validateFailed')));
    return false;
  }
}

/** Each problem on its own line; those naming a line select it in the text box. */
function problemList(problems) {
  return el('ul', { class: 'problems' }, problems.map((p) => {
    const m = /^[^:]*:(\d+):(\d+):/.exec(p);
    if (!m) return el('li', { text: p });
    return el('li', {}, el('button', { type: 'button', class: 'link-button', text: p, title: t('create.goToLine', { line: m[1] }),
      onclick: () => selectLine($('#scenario-source'), Number(m[1])) }));
  }));
}

function selectLine(area, line) {
  const lines = area.value.split('\n');
  let start = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
  const end = start + (lines[line - 1] || '').length;
  area.focus();
  area.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
  area.scrollTop = Math.max(0, (line - 3) * lineHeight);
}
