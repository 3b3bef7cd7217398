// play-data.mjs: the pure parts of the participant's role card and after-drill quiz, without
// the DOM or the catalog (texts come in as t), so that Node's test runner checks them:
// which cards a player sees, the quiz request built from what was picked, the quiz's key as
// lines to show, the score in words, and the words for the server's refusals.

/**
 * The role cards of the player's own roles, in the order of my_roles, each with its lines
 * (blank ones dropped). A card of another role is never shown, even if one came along.
 */
export function myRoleCards(drill) {
  const mine = (drill && drill.my_roles) || [];
  const cards = [];
  for (const role of mine) {
    const card = ((drill && drill.role_cards) || []).find((c) => c && c.role === role);
    if (!card || cards.some((c) => c.role === role)) continue;
    const lines = (Array.isArray(card.responsibilities) ? card.responsibilities : [])
      .map((line) => String(line ?? '').trim()).filter(Boolean);
    if (lines.length) cards.push({ role, name: String(card.name || ''), responsibilities: lines });
  }
  return cards;
}

/** The questions still to answer: those without a result. */
export function openQuestions(doc) {
  const answered = new Set(((doc && doc.results) || []).map((r) => r.question));
  return ((doc && doc.questions) || []).filter((q) => !answered.has(q.id));
}

/**
 * The body of POST /drills/ID/quiz from the form's state. picks maps a question's position
 * in doc.questions to the choices ticked (numbers from 0). Every open question needs a
 * choice; a question already answered is never sent again. Returns {body, missing}: missing
 * lists the numbers people see (from 1) of the open questions without a choice; body is
 * null when something is missing or nothing is open.
 */
export function buildQuizRequest(doc, picks) {
  const answered = new Set(((doc && doc.results) || []).map((r) => r.question));
  const answers = [];
  const missing = [];
  ((doc && doc.questions) || []).forEach((q, index) => {
    if (answered.has(q.id)) return;
    const count = Array.isArray(q.choices) ? q.choices.length : 0;
    let chosen = Array.from(new Set(((picks && picks[index]) || []).map(Number)))
      .filter((n) => Number.isInteger(n) && n >= 0 && n < count)
      .sort((a, b) => a - b);
    if (!q.multiple) chosen = chosen.slice(0, 1);
    if (chosen.length === 0) missing.push(index + 1);
    else answers.push({ question: q.id, choices: chosen });
  });
  return { body: missing.length || answers.length === 0 ? null : { answers }, missing };
}

/**
 * A question's result as lines to show: its number, whether it was right, the correct
 * choices and the chosen ones by their text (never by number or id), and the explanation.
 */
export function resultView(question, result, index) {
  const choices = (question && question.choices) || [];
  const texts = (list) => (list || []).filter((n) => Number.isInteger(n) && n >= 0 && n < choices.length).map((n) => choices[n]);
  const explanation = result && typeof result.explanation === 'string' && result.explanation.trim() ? result.explanation.trim() : null;
  return {
    number: index + 1,
    correct: Boolean(result && result.correct),
    answer: texts(result && result.answer),
    chosen: texts(result && result.chosen),
    explanation,
  };
}

/** The score in words: 「5 問中 4 問正解」, or for a quiz partly answered what that covers. */
export function scoreText(doc, t) {
  const answered = ((doc && doc.results) || []).length;
  if (!answered) return '';
  const max = Number(doc.max ?? (doc.questions || []).length);
  const score = Number(doc.score ?? doc.results.filter((r) => r.correct).length);
  if (answered >= max) return t('quiz.score', { score, max });
  return t('quiz.scorePartial', { score, answered, max });
}

/**
 * The catalog key for a refusal of the quiz (the server speaks English; people read these):
 * answered before (409 already_answered), not ended yet (409 drill_not_ended), not a valid
 * answer (422). null for anything else: the page's general words for errors apply.
 */
export function quizErrorKey(err) {
  const code = err && err.code;
  if (code === 'already_answered') return 'quiz.error.answered';
  if (code === 'drill_not_ended') return 'quiz.error.notEnded';
  if (err && err.status === 422) return 'quiz.error.invalid';
  return null;
}
