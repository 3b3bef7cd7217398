// join.mjs: the display name of a participant (player, evaluator or observer). The first
// name given records when they joined (POST /drills/ID/me); the trainer sees it in the console.
import { enc } from './api.mjs';
import { $ } from './dom.mjs';
import { t } from './i18n.mjs';
import { showError } from './ui.mjs';

/** Shows the #join card until a name is set; onJoined(drill) after a successful POST. */
export function wireJoin(ctx, { onJoined, focusAfter } = {}) {
  render(ctx.drill);
  $('#join-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('#join-name').value.trim();
    if (!name) { showError($('#join-error'), { message: t('join.needName') }); $('#join-name').focus(); return; }
    showError($('#join-error'), null);
    try {
      ctx.drill = await ctx.client.post(`/drills/${enc(ctx.drillId)}/me`, { name });
      render(ctx.drill);
      if (onJoined) onJoined(ctx.drill);
      const next = focusAfter && $(focusAfter);
      if (next) next.focus();
    } catch (err) {
      showError($('#join-error'), err);
    }
  });
  return render;
}

function render(drill) {
  const named = Boolean(drill.me && drill.me.name);
  $('#join').hidden = named;
  const line = $('#me-line');
  if (line) line.textContent = named ? t('join.as', { name: drill.me.name }) : '';
}
