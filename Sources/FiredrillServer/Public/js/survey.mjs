// survey.mjs: the after-drill survey for a participant: each scale question 1 (poor) to
// 5 (excellent) with an optional comment, each text question in free text, then thanks.
// The server keeps no "already answered" flag we can read, so this browser remembers it.
import { enc } from './api.mjs';
import { el, fill } from './dom.mjs';
import { t } from './i18n.mjs';
import { showError } from './ui.mjs';

export function renderSurvey(container, { drill, client, drillId }) {
  const doneKey = `firedrill.survey.${drillId}.${drill.me?.token_id || 'me'}`;
  const questions = drill.survey || [];
  const thanks = () => fill(container,
    el('h2', { id: 'survey-title', tabIndex: -1, text: t('survey.thanksTitle') }),
    el('p', { class: 'thanks', text: t('survey.thanks') }));
  let done = false;
  try { done = localStorage.getItem(doneKey) === 'yes'; } catch { /* ignore */ }
  if (done || questions.length === 0) { thanks(); return; }

  const errorBox = el('div', { class: 'error-slot', hidden: true });
  const lang = drill.language || null;
  const form = el('form', { class: 'survey', novalidate: true },
    el('h2', { id: 'survey-title', tabIndex: -1, text: t('survey.title') }),
    el('p', { text: t('survey.intro') }),
    questions.map((q, i) => q.kind === 'text' ? textQuestion(q, i, lang) : scaleQuestion(q, i, lang)),
    errorBox,
    el('button', { type: 'submit', class: 'btn primary', text: t('survey.submit') }),
    el('p', { class: 'form-status', role: 'status' }));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errorBox, null);
    const answers = [];
    questions.forEach((q, i) => {
      const comment = (form.elements[`comment-${i}`]?.value || '').trim();
      if (q.kind === 'text') {
        if (comment) answers.push({ question: i, comment });
      } else {
        const picked = form.querySelector(`input[name="score-${i}"]:checked`);
        if (picked) answers.push({ question: i, score: Number(picked.value), ...(comment ? { comment } : {}) });
        else if (comment) answers.push({ question: i, comment, score: null, _missingScore: true });
      }
    });
    const missing = answers.filter((a) => a._missingScore);
    if (missing.length) {
      showError(errorBox, { message: t('survey.needScore', { n: missing.map((a) => a.question + 1).join(', ') }) });
      return;
    }
    if (answers.length === 0) {
      showError(errorBox, { message: t('survey.empty') });
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    form.querySelector('.form-status').textContent = t('send.pending');
    try {
      await client.post(`/drills/${enc(drillId)}/survey`, { answers });
      try { localStorage.setItem(doneKey, 'yes'); } catch { /* ignore */ }
      thanks();
      container.querySelector('#survey-title').focus();
    } catch (err) {
      button.disabled = false;
      form.querySelector('.form-status').textContent = '';
      showError(errorBox, err, t('send.notRecorded'));
    }
  });
  fill(container, form);
}

function scaleQuestion(q, i, lang) {
  return el('fieldset', { class: 'question scale' },
    el('legend', {}, el('span', { class: 'qnum', text: `${i + 1}. ` }), el('span', { lang, text: q.question })),
    el('div', { class: 'scale-options' },
      [1, 2, 3, 4, 5].map((n) => el('label', { class: 'scale-option' },
        el('input', { type: 'radio', name: `score-${i}`, value: String(n) }),
        el('span', { class: 'scale-n', text: String(n) }),
        n === 1 || n === 5 ? el('span', { class: 'scale-word', text: t(n === 1 ? 'survey.poor' : 'survey.excellent') }) : null))),
    el('label', { class: 'field' },
      el('span', { text: t('survey.comment') }),
      el('input', { type: 'text', name: `comment-${i}`, maxlength: '2000', autocomplete: 'off' })));
}

function textQuestion(q, i, lang) {
  const id = `survey-text-${i}`;
  return el('div', { class: 'question text-question' },
    el('label', { for: id, class: 'question-label' }, el('span', { class: 'qnum', text: `${i + 1}. ` }), el('span', { lang, text: q.question })),
    el('textarea', { id, name: `comment-${i}`, rows: '4', maxlength: '2000' }));
}
