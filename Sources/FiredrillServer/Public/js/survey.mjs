// survey.mjs: the after-drill survey for a participant. Only the questions the server has no
// answer to from this participant (me.survey_answered) are asked; scale questions 1–5 carry
// the same scale words as the report (survey.scale.*), with an optional comment; text
// questions take free text. Then thanks.
import { enc } from './api.mjs';
import { el, fill } from './dom.mjs';
import { t } from './i18n.mjs';
import { showError } from './ui.mjs';

/** The indices of the questions still to answer. */
export function openQuestions(drill) {
  const answered = new Set((drill.me && drill.me.survey_answered) || []);
  return (drill.survey || []).map((q, i) => ({ ...q, index: i })).filter((q) => !answered.has(q.index));
}

/**
 * Draws the survey (or the thanks) into container. onSent() after answers were recorded,
 * so the page can read the drill again (me.survey_answered).
 */
export function renderSurvey(container, { drill, client, drillId, onSent, justSent = false }) {
  const questions = openQuestions(drill);
  const total = (drill.survey || []).length;
  const thanks = el('div', { class: 'survey-thanks' },
    el('h2', { id: 'survey-title', tabIndex: -1, text: t('survey.thanksTitle') }),
    el('p', { class: 'thanks', text: t('survey.thanks') }));
  if (total === 0 || questions.length === 0) { fill(container, thanks); return 'done'; }

  const maxText = String(drill.limits?.text || 2000);
  const errorBox = el('div', { class: 'error-slot', hidden: true });
  const lang = drill.language || null;
  const form = el('form', { class: 'survey', novalidate: true },
    el('h2', { id: 'survey-title', tabIndex: -1, text: t('survey.title') }),
    justSent ? el('p', { class: 'ok-box', role: 'status', text: t('survey.partly', { n: questions.length }) })
      : el('p', { text: t('survey.intro') }),
    questions.map((q) => (q.kind === 'text' ? textQuestion(q, lang, maxText) : scaleQuestion(q, lang, maxText))),
    errorBox,
    el('div', { class: 'form-row' },
      el('button', { type: 'submit', class: 'btn primary', text: t('survey.submit') }),
      el('span', { class: 'form-status', role: 'status' })));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errorBox, null);
    const answers = [];
    const missing = [];
    for (const q of questions) {
      const comment = (form.elements[`comment-${q.index}`]?.value || '').trim();
      if (q.kind === 'text') {
        if (comment) answers.push({ question: q.index, comment });
      } else {
        const picked = form.querySelector(`input[name="score-${q.index}"]:checked`);
        if (picked) answers.push({ question: q.index, score: Number(picked.value), ...(comment ? { comment } : {}) });
        else if (comment) missing.push(q.index + 1);
      }
    }
    if (missing.length) { showError(errorBox, { message: t('survey.needScore', { n: missing.join(t('names.separator')) }) }); return; }
    if (answers.length === 0) { showError(errorBox, { message: t('survey.empty') }); return; }
    const button = form.querySelector('button[type="submit"]');
    const status = form.querySelector('.form-status');
    button.disabled = true;
    status.textContent = t('send.pending');
    try {
      await client.post(`/drills/${enc(drillId)}/survey`, { answers });
      const answered = new Set([...(drill.me?.survey_answered || []), ...answers.map((a) => a.question)]);
      const next = { ...drill, me: { ...(drill.me || {}), survey_answered: Array.from(answered) } };
      renderSurvey(container, { drill: next, client, drillId, onSent, justSent: true });
      container.querySelector('#survey-title').focus();
      if (onSent) onSent(next);
    } catch (err) {
      button.disabled = false;
      status.textContent = '';
      showError(errorBox, err, t('send.notRecorded'));
    }
  });
  fill(container, form);
  return 'open';
}

function scaleQuestion(q, lang, maxText) {
  const i = q.index;
  return el('fieldset', { class: 'question scale' },
    el('legend', {}, el('span', { class: 'qnum', text: `${i + 1}. ` }), el('span', { lang, text: q.question })),
    el('div', { class: 'scale-options' },
      [1, 2, 3, 4, 5].map((n) => el('label', { class: 'scale-option' },
        el('input', { type: 'radio', name: `score-${i}`, value: String(n), 'aria-label': t(`survey.scale.${n}`) }),
        el('span', { class: 'scale-n', 'aria-hidden': 'true', text: String(n) }),
        n === 1 || n === 5 ? el('span', { class: 'scale-word', 'aria-hidden': 'true', text: t(n === 1 ? 'survey.scale.low' : 'survey.scale.high') }) : null))),
    el('label', { class: 'field' },
      el('span', { text: t('survey.comment') }),
      el('input', { type: 'text', name: `comment-${i}`, maxlength: maxText, autocomplete: 'off' })));
}

function textQuestion(q, lang, maxText) {
  const id = `survey-text-${q.index}`;
  return el('div', { class: 'question text-question' },
    el('label', { for: id, class: 'question-label' }, el('span', { class: 'qnum', text: `${q.index + 1}. ` }), el('span', { lang, text: q.question })),
    el('textarea', { id, name: `comment-${q.index}`, rows: '4', maxlength: maxText }));
}
