// join.mjs: the display name of a participant (player, evaluator or observer), drawn into the
// page's <section id="join">. The first name given records when they joined
// (POST /drills/ID/me); the trainer sees it in the console.
import { enc } from './api.mjs';
import { $, el, fill } from './dom.mjs';
import { t } from './i18n.mjs';
import { showError } from './ui.mjs';

/** Shows the #join card until a name is set; returns render(drill) for later updates. */
export function wireJoin(ctx, { onJoined, focusAfter } = {}) {
  const card = $('#join');
  const kind = ctx.kind;
  const errorBox = el('div', { class: 'error-slot', hidden: true });
  const input = el('input', { id: 'join-name', name: 'name', type: 'text', maxlength: String(ctx.drill.limits?.name || 80), autocomplete: 'name', required: true });
  const form = el('form', { id: 'join-form', class: 'inline-form' },
    el('label', { class: 'field' }, el('span', { text: t('join.name') }), input),
    el('button', { type: 'submit', class: 'btn primary', text: t(kind === 'player' ? 'join.submit' : 'join.submitStaff') }));
  fill(card,
    el('h2', { id: 'join-title', text: t('join.title') }),
    el('p', { text: t(`join.intro.${kind}`) }),
    form, errorBox);
  card.setAttribute('aria-labelledby', 'join-title');

  const render = (drill) => {
    const named = Boolean(drill.me && drill.me.name);
    card.hidden = named;
    const line = $('#me-line');
    if (line) line.textContent = named ? t('join.as', { name: drill.me.name }) : '';
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = input.value.trim();
    if (!name) { showError(errorBox, { message: t('join.needName') }); input.focus(); return; }
    showError(errorBox, null);
    try {
      ctx.drill = await ctx.client.post(`/drills/${enc(ctx.drillId)}/me`, { name });
      render(ctx.drill);
      if (onJoined) onJoined(ctx.drill);
      const next = focusAfter && $(focusAfter);
      if (next) next.focus();
    } catch (err) {
      showError(errorBox, err);
    }
  });
  render(ctx.drill);
  return render;
}
