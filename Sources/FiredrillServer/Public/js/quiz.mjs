// quiz.mjs: the knowledge check a participant takes after the drill (and after the survey).
// A short intro says what it is for (not to assess anyone: counted per question and
// department); each question still open has radio buttons, or checkboxes when more than one
// choice is right, and one button sends every open question at once. Each question is
// answered once: answered ones show whether they were right, the correct choices, what was
// chosen and the explanation, with the score (「5 問中 4 問正解」). What is answered comes from
// the server (GET /drills/ID/quiz), so a reload shows the results again. The server's
// refusals (409 answered before or not ended, 422) are said in the page's own words.
import { enc } from './api.mjs';
import { el, fill } from './dom.mjs';
import { t } from './i18n.mjs';
import { buildQuizRequest, openQuestions, quizErrorKey, resultView, scoreText } from './play-data.mjs';
import { announce, showError } from './ui.mjs';

/**
 * Loads the quiz into container and draws it. onChange(doc) after every load and answer
 * (the page's banner says whether the quiz is still open).
 */
export function showQuiz(container, { drill, client, drillId, onChange }) {
  const lang = drill.language || null;
  let doc = null;

  const title = () => el('h2', { id: 'quiz-title', tabIndex: -1, text: t('quiz.title') });

  async function load({ notice = null, picks = null } = {}) {
    if (!doc) fill(container, title(), el('p', { class: 'hint', role: 'status', text: t('quiz.loading') }));
    try {
      doc = await client.get(`/drills/${enc(drillId)}/quiz`);
    } catch (err) {
      const key = quizErrorKey(err);
      const box = el('div', { class: 'error-slot' });
      fill(container, title(), box,
        el('button', { type: 'button', class: 'btn', text: t('quiz.retry'), onclick: () => load() }));
      showError(box, key ? { message: t(key) } : err, t('quiz.loadFailed'));
      return;
    }
    draw({ notice, picks });
    if (onChange) onChange(doc);
  }

  function draw({ notice = null, picks = null } = {}) {
    const open = openQuestions(doc);
    const results = new Map((doc.results || []).map((r) => [r.question, r]));
    const items = (doc.questions || []).map((q, i) => (results.has(q.id) ? resultItem(q, results.get(q.id), i, lang) : questionItem(q, i, lang)));
    const score = scoreText(doc, t);
    const errorBox = el('div', { class: 'error-slot', hidden: true });
    const body = open.length
      ? el('form', { class: 'quiz', novalidate: true }, items, errorBox,
        el('div', { class: 'form-row' },
          el('button', { type: 'submit', class: 'btn primary', text: t('quiz.submit') }),
          el('span', { class: 'form-status', role: 'status' })))
      : el('div', { class: 'quiz' }, items);
    fill(container,
      title(),
      el('p', { class: 'quiz-intro', text: t('quiz.intro') }),
      open.length ? el('p', { class: 'hint', text: t('quiz.once') }) : null,
      notice ? el('p', { class: notice.ok ? 'ok-box' : 'quiz-notice', role: notice.ok ? 'status' : 'alert', text: notice.text }) : null,
      score ? el('p', { id: 'quiz-score', class: 'quiz-score', text: score }) : null,
      body);
    if (!open.length) return;
    if (picks) {
      for (const [index, chosen] of Object.entries(picks)) {
        for (const input of body.querySelectorAll(`input[name="quiz-${index}"]`)) input.checked = chosen.includes(Number(input.value));
      }
    }
    body.addEventListener('submit', (e) => { e.preventDefault(); send(body, errorBox); });
    // A choice made after "choose an answer" was said: the message has done its work.
    body.addEventListener('change', () => { if (!errorBox.hidden) showError(errorBox, null); });
  }

  async function send(form, errorBox) {
    showError(errorBox, null);
    const picks = {};
    (doc.questions || []).forEach((q, i) => {
      picks[i] = Array.from(form.querySelectorAll(`input[name="quiz-${i}"]:checked`)).map((n) => Number(n.value));
    });
    const { body, missing } = buildQuizRequest(doc, picks);
    if (missing.length) {
      showError(errorBox, { message: t('quiz.missing', { n: missing.join(t('names.separator')) }) });
      const first = form.querySelector(`input[name="quiz-${missing[0] - 1}"]`);
      if (first) first.focus();
      return;
    }
    if (!body) return;
    const button = form.querySelector('button[type="submit"]');
    const status = form.querySelector('.form-status');
    button.disabled = true;
    status.textContent = t('send.pending');
    try {
      const answer = await client.post(`/drills/${enc(drillId)}/quiz`, body);
      doc = { ...doc, results: answer.results || [], score: answer.score, max: answer.max };
      draw({ notice: { ok: true, text: t('quiz.recorded') } });
      container.querySelector('#quiz-title').focus();
      announce(scoreText(doc, t));
      if (onChange) onChange(doc);
    } catch (err) {
      const key = quizErrorKey(err);
      if (err && err.code === 'already_answered') {
        // Answered elsewhere meanwhile (another tab or device): show what is recorded, keep the rest.
        await load({ notice: { ok: false, text: t(key) }, picks });
        container.querySelector('#quiz-title')?.focus();
        return;
      }
      button.disabled = false;
      status.textContent = '';
      showError(errorBox, key ? { message: t(key) } : err, t('send.notRecorded'));
    }
  }

  load();
  return { reload: () => load(), get doc() { return doc; } };
}

function number(index) {
  return el('span', { class: 'qnum', text: `${index + 1}. ` });
}

function questionItem(q, index, lang) {
  const hint = `quiz-hint-${index}`;
  return el('fieldset', { class: 'question quiz-question', dataset: { question: q.id }, 'aria-describedby': hint },
    el('legend', {}, number(index), el('span', { lang, text: q.question })),
    el('p', { id: hint, class: 'hint quiz-hint', text: t(q.multiple ? 'quiz.pickAll' : 'quiz.pickOne') }),
    el('div', { class: 'choice-list' }, (q.choices || []).map((choice, n) => el('label', { class: 'choice-option' },
      el('input', { type: q.multiple ? 'checkbox' : 'radio', name: `quiz-${index}`, value: String(n) }),
      el('span', { class: 'choice-text', lang, text: choice })))));
}

function resultItem(q, result, index, lang) {
  const view = resultView(q, result, index);
  const list = (texts) => el('ul', { class: 'quiz-choices', lang }, texts.map((text) => el('li', { text })));
  return el('div', { class: ['question', 'quiz-result', view.correct ? 'is-correct' : 'is-incorrect'], dataset: { question: q.id } },
    el('h3', { class: 'quiz-q' }, number(index), el('span', { lang, text: q.question })),
    el('p', { class: 'verdict' },
      el('span', { class: 'verdict-icon', 'aria-hidden': 'true', text: view.correct ? '✓' : '✗' }), ' ',
      el('span', { text: t(view.correct ? 'quiz.correct' : 'quiz.incorrect') })),
    el('div', { class: 'quiz-line quiz-answer' }, el('p', { class: 'quiz-label', text: t(view.answer.length > 1 ? 'quiz.answersLabel' : 'quiz.answerLabel') }), list(view.answer)),
    view.correct ? null : el('div', { class: 'quiz-line quiz-chosen' }, el('p', { class: 'quiz-label', text: t('quiz.chosenLabel') }), list(view.chosen)),
    view.explanation ? el('div', { class: 'quiz-line quiz-explanation' },
      el('p', { class: 'quiz-label', text: t('quiz.explanation') }),
      el('p', { class: 'text', lang, text: view.explanation })) : null);
}
