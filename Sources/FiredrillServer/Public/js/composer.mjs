// composer.mjs: responding without command syntax. The participant picks what they do (the
// kind buttons carry the catalog's labels, e.g. 「上長・関係者へ連絡（エスカレーション）」, with
// the chosen kind's hint), for an escalation whom (any other role by name, the simulated
// managers included) and how (a channel by name), writes a text (line breaks kept), and
// sends the action as structure. A message answered from the inbox is named above the form
// and sent as in_reply_to. When the server asks back (did_you_mean) a dialog lets the
// participant send it as suggested or keep it. After sending, the kind, the text and the
// message answered are cleared: nothing sticks to the next response. Drafts survive a reload.
import { asConfirmed, asSuggested, buildAction, KINDS, NEEDS_TEXT, suggestionOf } from './actions.mjs';
import { enc } from './api.mjs';
import { askDidYouMean } from './didyoumean.mjs';
import { $, $$, el, fill } from './dom.mjs';
import { channelName, t } from './i18n.mjs';
import { roleName, showError } from './ui.mjs';

export class Composer {
  /** form: the composer <form> of play.html; ctx: the page context; inbox: for pending lines. */
  constructor({ form, section, ctx, inbox }) {
    this.form = form;
    this.section = section;
    this.ctx = ctx;
    this.inbox = inbox;
    this.drill = ctx.drill;
    this.reply = null;
    this.maxText = ctx.drill.limits?.action_text || 2000;
    this.draftKey = `firedrill.draft.${ctx.drillId}`;
    this.text = $('#compose-text', form);
    this.build();
    this.restoreDraft();
    this.setEnabled(ctx.clock.status);
  }

  build() {
    const drill = this.drill;
    const myRoles = drill.my_roles || [];
    fill($('.kinds-options', this.form), KINDS.map((kind) => el('label', { class: 'kind-option' },
      el('input', { type: 'radio', name: 'kind', value: kind, 'aria-describedby': 'compose-hint' }),
      kindLabel(t(`kind.${kind}.label`)))));
    const asSelect = $('#as-role', this.form);
    fill(asSelect, myRoles.map((id) => el('option', { value: id, text: roleName(drill, id) })));
    $('.as-field', this.form).hidden = myRoles.length < 2;
    this.fillTargets();
    fill($('#esc-channel', this.form),
      el('option', { value: '', text: t('compose.pickChannel') }),
      (drill.channels || []).map((c) => el('option', { value: c, text: channelName(c) })));
    this.text.maxLength = this.maxText;

    this.form.addEventListener('change', (e) => {
      if (e.target.name === 'kind') this.kindChanged();
      if (e.target.id === 'as-role') this.fillTargets();
    });
    this.text.addEventListener('input', () => { this.saveDraft(); this.count(); });
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.sendForm(); });
    $('#reply-cancel', this.form).addEventListener('click', () => { this.setReply(null); this.text.focus(); });
    this.kindChanged();
    this.count();
  }

  fillTargets() {
    const acting = this.actingRole();
    const select = $('#esc-role', this.form);
    const previous = select.value;
    fill(select, el('option', { value: '', text: t('compose.pickTarget') }),
      (this.drill.roles || []).filter((r) => r.id !== acting).map((r) =>
        el('option', { value: r.id, lang: this.drill.language || null, text: r.name })));
    if (previous && Array.from(select.options).some((o) => o.value === previous)) select.value = previous;
  }

  actingRole() {
    return $('#as-role', this.form).value || (this.drill.my_roles || [])[0];
  }

  kind() {
    const checked = $('input[name="kind"]:checked', this.form);
    return checked ? checked.value : '';
  }

  kindChanged() {
    const kind = this.kind();
    $('.escalate-fields', this.form).hidden = kind !== 'escalate';
    $('#compose-hint', this.form).textContent = kind ? t(`kind.${kind}.hint`) : t('compose.pickKind');
    const needs = NEEDS_TEXT.has(kind);
    this.text.required = needs;
    $('#compose-text-label', this.form).textContent = t(!kind || needs ? 'compose.text' : 'compose.textOptional');
    showError($('#compose-error', this.form), null);
  }

  count() {
    const n = [...this.text.value].length;
    const node = $('#compose-count', this.form);
    node.textContent = t('compose.count', { n, max: this.maxText });
    node.classList.toggle('near-limit', n > this.maxText * 0.9);
  }

  /** Enabled only while the drill runs; otherwise say why. */
  setEnabled(status) {
    const running = status === 'running';
    for (const node of $$('input, select, textarea, button', this.form)) node.disabled = !running;
    const note = $('#compose-note', this.form);
    note.textContent = running ? '' : t('compose.closed.' + status);
    note.hidden = running;
  }

  /** Respond to a message of the inbox: name it above the form, then go to the kinds. */
  respondTo(reply) {
    this.setReply(reply);
    this.section.scrollIntoView({ block: 'start', behavior: 'smooth' });
    const first = $('input[name="kind"]:not(:disabled)', this.form);
    (first || this.text).focus({ preventScroll: true });
  }

  setReply(reply) {
    this.reply = reply;
    const box = $('#reply-to', this.form);
    box.hidden = !reply;
    if (reply) {
      $('#reply-subject', this.form).textContent = reply.subject;
      $('#reply-from', this.form).textContent = reply.from || '';
      $('#reply-from-wrap', this.form).hidden = !reply.from;
    }
  }

  problemText(problem) {
    return t(`compose.problem.${problem}`, { max: this.maxText });
  }

  async sendForm() {
    const errorBox = $('#compose-error', this.form);
    showError(errorBox, null);
    const built = buildAction({
      role: this.actingRole(),
      kind: this.kind(),
      text: this.text.value,
      target: $('#esc-role', this.form).value,
      channel: $('#esc-channel', this.form).value,
      inReplyTo: this.reply?.inject || null,
      maxText: this.maxText,
    });
    if (built.problem) {
      showError(errorBox, { message: this.problemText(built.problem) });
      const focus = { kind: 'input[name="kind"]', target: '#esc-role', channel: '#esc-channel' }[built.problem];
      (focus ? $(focus, this.form) : this.text).focus();
      return;
    }
    const ok = await this.send(built.payload, errorBox);
    if (ok) this.reset();
  }

  /** After a response is recorded: nothing carries over to the next one. */
  reset() {
    for (const radio of $$('input[name="kind"]', this.form)) radio.checked = false;
    $('#esc-role', this.form).value = '';
    $('#esc-channel', this.form).value = '';
    this.text.value = '';
    this.setReply(null);
    this.saveDraft();
    this.kindChanged();
    this.count();
  }

  /** Posts the action; the inbox shows it pending, then recorded ✓ or the error. */
  async send(payload, errorBox) {
    const status = $('#compose-status', this.form);
    status.textContent = t('send.pending');
    const key = this.inbox.addPending(payload);
    try {
      const event = await this.ctx.client.post(`/drills/${enc(this.ctx.drillId)}/actions`, payload);
      this.inbox.confirm(key, event);
      status.textContent = t('send.recordedAt', { kind: t('kind.' + event.kind) });
      return true;
    } catch (err) {
      const suggestion = suggestionOf(err);
      if (suggestion && !payload.confirmed) {
        this.inbox.drop(key);
        status.textContent = '';
        const choice = await askDidYouMean(payload, suggestion, this.drill);
        if (choice === 'suggested') return this.send(asSuggested(payload, suggestion), errorBox);
        if (choice === 'keep') return this.send(asConfirmed(payload), errorBox);
        this.text.focus();
        return false;
      }
      this.inbox.fail(key, err);
      status.textContent = '';
      showError(errorBox, err, t('send.notRecorded'));
      return false;
    }
  }

  saveDraft() {
    try { sessionStorage.setItem(this.draftKey, this.text.value); } catch { /* ignore */ }
  }

  restoreDraft() {
    try {
      const draft = sessionStorage.getItem(this.draftKey);
      if (draft) this.text.value = draft;
    } catch { /* ignore */ }
  }
}

/** 「上長・関係者へ連絡（エスカレーション）」: the bracketed term on a line of its own. */
function kindLabel(text) {
  const m = /^(.*?)\s*([（(][^（()）]*[）)])$/.exec(text);
  if (!m) return el('span', { class: 'kind-label', text });
  return el('span', { class: 'kind-label' }, el('span', { class: 'kind-main', text: m[1] }), el('span', { class: 'kind-term', text: m[2] }));
}
