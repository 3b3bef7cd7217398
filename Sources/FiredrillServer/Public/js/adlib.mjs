// adlib.mjs: the trainer's ad-lib inject form: to some roles or everyone, a channel, a
// sender, a subject and a message, delivered at once (POST /drills/ID/injects).
import { enc } from './api.mjs';
import { $, $$, el, fill } from './dom.mjs';
import { channelName, t } from './i18n.mjs';
import { showError } from './ui.mjs';
import { formatClock } from './clock.mjs';

export function wireAdlib(form, ctx) {
  const drill = ctx.drill;
  const played = (drill.roles || []).filter((r) => !r.simulated);
  fill($('#adlib-to', form),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'to', value: 'all', checked: true }), ' ', el('span', { text: t('adlib.all') })),
    played.map((r) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', name: 'to', value: r.id }), ' ', el('span', { lang: drill.language || null, text: r.name }))));
  fill($('#adlib-channel', form), (drill.channels || []).map((c) => el('option', { value: c, text: channelName(c) })));
  const limits = drill.limits || {};
  $('#adlib-from', form).maxLength = limits.line || 500;
  $('#adlib-subject', form).maxLength = limits.line || 500;
  $('#adlib-body', form).maxLength = limits.text || 20000;

  // "Everyone" and single roles exclude each other.
  form.addEventListener('change', (e) => {
    if (e.target.name !== 'to') return;
    const all = form.querySelector('input[name="to"][value="all"]');
    if (e.target === all && all.checked) for (const box of $$('input[name="to"]', form)) if (box !== all) box.checked = false;
    if (e.target !== all && e.target.checked) all.checked = false;
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errorBox = $('#adlib-error', form);
    showError(errorBox, null);
    const picked = $$('input[name="to"]:checked', form).map((b) => b.value);
    const subject = $('#adlib-subject', form).value.trim();
    if (picked.length === 0) { showError(errorBox, { message: t('adlib.needTo') }); return; }
    if (!subject) { showError(errorBox, { message: t('adlib.needSubject') }); $('#adlib-subject', form).focus(); return; }
    const body = {
      to: picked.includes('all') ? 'all' : picked,
      channel: $('#adlib-channel', form).value,
      subject,
    };
    const from = $('#adlib-from', form).value.trim();
    const text = $('#adlib-body', form).value;
    if (from) body.from = from;
    if (text.trim()) body.body = text;
    const status = $('#adlib-status', form);
    status.textContent = t('send.pending');
    try {
      const event = await ctx.client.post(`/drills/${enc(ctx.drillId)}/injects`, body);
      status.textContent = t('adlib.sent', { subject: event.subject || subject, at: formatClock(event.at_seconds) });
      $('#adlib-subject', form).value = '';
      $('#adlib-body', form).value = '';
    } catch (err) {
      status.textContent = '';
      showError(errorBox, err, t('adlib.failed'));
    }
  });
}

/** Ad-lib injects can only be sent while the drill runs. */
export function setAdlibEnabled(form, status) {
  const running = status === 'running';
  for (const node of $$('input, select, textarea, button', form)) node.disabled = !running;
  const note = $('#adlib-note', form);
  note.textContent = running ? '' : t('adlib.closed');
  note.hidden = running;
}
