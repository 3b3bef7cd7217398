// near-miss.mjs: the near-miss intake (/near-miss.html), where a reporter's link lands (the
// trainer and the committee may report too). Phone first: the promise that a report never
// counts against its author and is anonymous unless they add their name, then the form
// (subject, what happened, tags, impact 1–5 in words, the day it happened, and the name
// only when "report with my name" is ticked). The page checks what the server checks
// (near-miss-data.mjs) and says it beside the field; a refusal of the server (422) is shown
// beside the field it names, too many reports (429) as a request to wait. Sent, it thanks
// with the entry's number and offers another report. POST /api/v1/near-misses.
import { firstSession } from './api.mjs';
import { initPage, pageError } from './chrome.mjs';
import { $, $$, el, fill } from './dom.mjs';
import { lang, t } from './i18n.mjs';
import { LIMITS, addDays, addTag, charCount, localDay, nearMissBody, nearMissProblems, serverProblem, splitTags } from './near-miss-data.mjs';
import { announce, showError } from './ui.mjs';

// Each field's control (the first, for the impact's radio buttons) and the place of its message.
const CONTROLS = { title: '#nm-title', what_happened: '#nm-what', tags: '#nm-tags', impact: 'input[name="nm-impact"]', occurred_on: '#nm-date', name: '#nm-name' };
const MESSAGES = { title: '#nm-title-error', what_happened: '#nm-what-error', tags: '#nm-tags-error', impact: '#nm-impact-error', occurred_on: '#nm-date-error', name: '#nm-name-error' };
const COUNTERS = [['#nm-title', '#nm-title-count', LIMITS.title], ['#nm-what', '#nm-what-count', LIMITS.what_happened]];
const KINDS = ['reporter', 'committee', 'trainer'];

await initPage({ page: 'nearMiss', drill: false });
const client = await signIn();
if (client) start();


/** A reporter's sign-in first (the trainer and the committee may report too). */
async function signIn() {
  const { client, error } = await firstSession(KINDS);
  if (client) return client;
  pageError(error || { message: t('nearMiss.notSignedIn') });
  return null;
}

function start() {
  $('#intake').hidden = false;
  fill($('#nm-impact-options'), [1, 2, 3, 4, 5].map((n) => el('label', { class: 'impact-option' },
    el('input', { type: 'radio', name: 'nm-impact', value: String(n), 'aria-describedby': `nm-impact-desc-${n}` }),
    el('span', { class: 'impact-box' },
      el('span', { class: 'impact-head' },
        el('span', { class: 'impact-n', text: String(n) }),
        el('span', { class: 'impact-word', text: t(`nearMiss.impact.${n}`) })),
      el('span', { class: 'impact-desc', id: `nm-impact-desc-${n}`, text: t(`nearMiss.impactDesc.${n}`) })))));
  const suggestions = splitTags(t('nearMiss.tags.suggestions'));
  fill($('#nm-tag-suggestions'),
    el('p', { class: 'nm-hint', id: 'nm-suggest-label', text: t('nearMiss.tags.suggested') }),
    el('ul', { class: 'suggest-list', 'aria-labelledby': 'nm-suggest-label' }, suggestions.map((tag) => el('li', {},
      el('button', { type: 'button', class: 'btn small suggest', 'aria-label': t('nearMiss.tags.add', { tag }), text: `＋ ${tag}`,
        onclick: () => { $('#nm-tags').value = addTag($('#nm-tags').value, tag, lang()); clearProblem('tags'); showTags(); } })))));

  for (const [field, css] of Object.entries(CONTROLS)) {
    for (const control of $$(css)) control.addEventListener(control.type === 'radio' ? 'change' : 'input', () => clearProblem(field));
  }
  $('#nm-tags').addEventListener('input', showTags);
  for (const [input, counter, limit] of COUNTERS) $(input).addEventListener('input', () => count(input, counter, limit));
  $('#nm-with-name').addEventListener('change', () => {
    const named = $('#nm-with-name').checked;
    $('#nm-name-box').hidden = !named;
    if (named) $('#nm-name').focus();
    else clearProblem('name');
  });
  $('#nm-form').addEventListener('submit', (e) => { e.preventDefault(); send(); });
  $('#nm-another').addEventListener('click', another);
  reset();
}

/** The form as a new report: empty, today's date, anonymous. */
function reset() {
  $('#nm-form').reset();
  const today = localDay();
  $('#nm-date').value = today;
  $('#nm-date').max = addDays(today, 1);
  $('#nm-name-box').hidden = true;
  for (const field of Object.keys(CONTROLS)) clearProblem(field);
  showError($('#nm-error'), null);
  $('#nm-status').textContent = '';
  for (const [input, counter, limit] of COUNTERS) count(input, counter, limit);
  showTags();
}

function values() {
  return {
    title: $('#nm-title').value,
    what_happened: $('#nm-what').value,
    tags: $('#nm-tags').value,
    impact: document.querySelector('input[name="nm-impact"]:checked')?.value || '',
    occurred_on: $('#nm-date').value,
    withName: $('#nm-with-name').checked,
    name: $('#nm-name').value,
  };
}

/** "12 / 200": how much of its limit a text uses; marked near the limit and over it. */
function count(input, counter, limit) {
  const n = charCount($(input).value);
  const node = $(counter);
  node.textContent = t('nearMiss.counter', { n, limit });
  node.classList.toggle('near-limit', n > limit * 0.9);
}

/** The tags as they will be sent, under the field. */
function showTags() {
  const tags = splitTags($('#nm-tags').value);
  fill($('#nm-tag-preview'), tags.length
    ? [el('span', { class: 'nm-hint', text: t('nearMiss.tags.current') }), ' ', tags.map((tag) => el('span', { class: 'tag nm-tag', text: tag }))]
    : null);
}

function clearProblem(field) {
  const box = $(MESSAGES[field]);
  box.textContent = '';
  box.hidden = true;
  for (const control of $$(CONTROLS[field])) control.removeAttribute('aria-invalid');
}

/** A problem beside its field (its words from the catalog; the server's own for one it alone knows, in English). */
function showProblem(field, { problem, vars }, serverText = '') {
  const box = $(MESSAGES[field]);
  box.textContent = problem === 'rejected' && lang() === 'en' && serverText ? serverText : t(`nearMiss.problem.${problem}`, vars);
  box.hidden = false;
  for (const control of $$(CONTROLS[field])) control.setAttribute('aria-invalid', 'true');
}

function focusField(field) {
  const controls = $$(CONTROLS[field]);
  const target = controls.find((c) => c.checked) || controls[0];
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

async function send() {
  const body = nearMissBody(values());
  for (const field of Object.keys(CONTROLS)) clearProblem(field);
  showError($('#nm-error'), null);
  const problems = nearMissProblems(body, localDay());
  if (problems.length) {
    for (const p of problems) showProblem(p.field, p);
    $('#nm-status').textContent = t('nearMiss.problems', { n: problems.length });
    focusField(problems[0].field);
    return;
  }
  const button = $('#nm-submit');
  button.disabled = true;
  $('#nm-status').textContent = t('nearMiss.sending');
  try {
    const sent = await client.post('/near-misses', body);
    $('#nm-status').textContent = '';
    thank(sent);
  } catch (err) {
    $('#nm-status').textContent = '';
    refused(err);
  } finally {
    button.disabled = false;
  }
}

/** What the server answered instead of 201, said where it belongs. */
function refused(err) {
  if (err.status === 401) { pageError(err); $('#intake').hidden = true; return; }
  if (err.status === 429) {
    fill($('#nm-error'), el('div', { class: 'note wait-box', role: 'status', text: t('nearMiss.tooMany') }));
    $('#nm-error').hidden = false;
    announce(t('nearMiss.tooMany'));
    return;
  }
  if (err.status === 422 && err.code === 'invalid_near_miss') {
    const found = serverProblem(err.serverMessage);
    const text = String(err.serverMessage || '').replace(/^'[a-z_]+':\s*/, '');
    if (found.field && !$(MESSAGES[found.field]).parentElement.closest('[hidden]')) {
      showProblem(found.field, found, text);
      $('#nm-status').textContent = t('nearMiss.problems', { n: 1 });
      focusField(found.field);
      return;
    }
    showError($('#nm-error'), { message: found.problem === 'rejected' && lang() === 'en' ? text : t(`nearMiss.problem.${found.problem}`, found.vars) }, t('nearMiss.failed'));
    return;
  }
  showError($('#nm-error'), err, t('nearMiss.failed'));
}

/** Sent: the entry's number, how it was kept, and "report another". */
function thank(sent) {
  $('#form-card').hidden = true;
  $('.promise').hidden = true;
  $('#thanks-number').textContent = t('nearMiss.thanksNumber', { id: sent.id });
  $('#thanks-how').textContent = t(sent.anonymous ? 'nearMiss.thanksAnonymous' : 'nearMiss.thanksNamed');
  const thanks = $('#thanks');
  thanks.hidden = false;
  thanks.scrollIntoView({ block: 'start' });
  thanks.focus({ preventScroll: true });
  announce(`${t('nearMiss.thanks')} ${t('nearMiss.thanksNumber', { id: sent.id })}`);
}

function another() {
  reset();
  $('#thanks').hidden = true;
  $('.promise').hidden = false;
  $('#form-card').hidden = false;
  window.scrollTo(0, 0);
  $('#nm-title').focus();
}
