// composer.mjs: responding without command syntax. The player picks what they do
// (Acknowledge, Escalate, Act, Communicate, Report, Resolve), for an escalation the role by
// name and the channel, writes a text, and sends. The page turns that into the command
// vocabulary (ack, escalate ROLE via CHANNEL, do, say, report, resolve). People who know
// the vocabulary can type a command instead. Drafts survive a reload (sessionStorage).
import { enc } from './api.mjs';
import { $, $$, el, fill } from './dom.mjs';
import { channelName, t } from './i18n.mjs';
import { showError } from './ui.mjs';

export const KINDS = [
  { id: 'acknowledge', verb: 'ack', needsText: false },
  { id: 'escalate', verb: 'escalate', needsText: false },
  { id: 'action', verb: 'do', needsText: true },
  { id: 'communicate', verb: 'say', needsText: true },
  { id: 'report', verb: 'report', needsText: true },
  { id: 'resolve', verb: 'resolve', needsText: false },
];

/** Commands are one line: line breaks become " / ". */
export function oneLine(text) {
  return text.trim().split(/\s*\r?\n\s*/).filter(Boolean).join(' / ');
}

/** The command for a kind, text and (for escalations) target and channel. */
export function buildCommand(kind, text, target, channel) {
  const k = KINDS.find((x) => x.id === kind);
  const line = oneLine(text);
  if (kind === 'escalate') return ['escalate', target, 'via', channel, line].filter(Boolean).join(' ');
  return line ? `${k.verb} ${line}` : k.verb;
}

export class Composer {
  /**
   * form: the composer <form> of play.html; ctx: the page context; inbox: for pending lines.
   */
  constructor({ form, commandForm, ctx, inbox }) {
    this.form = form;
    this.commandForm = commandForm;
    this.ctx = ctx;
    this.inbox = inbox;
    this.drill = ctx.drill;
    this.draftKey = `firedrill.draft.${ctx.drillId}`;
    this.build();
    this.restoreDraft();
    this.setEnabled(ctx.clock.status);
  }

  build() {
    const drill = this.drill;
    const myRoles = drill.my_roles || [];
    // The kind of response, as a group of radio buttons that look like buttons.
    fill($('.kinds-options', this.form), KINDS.map((k, i) => el('label', { class: 'kind-option' },
      el('input', { type: 'radio', name: 'kind', value: k.id, checked: i === 0 }),
      el('span', { text: t('kind.' + k.id) }))));
    // Acting role: only when the player plays more than one.
    const asSelect = $('#as-role', this.form);
    fill(asSelect, myRoles.map((id) => el('option', { value: id, text: roleLabel(drill, id) })));
    $('.as-field', this.form).hidden = myRoles.length < 2;
    // Escalation target (every role but the acting one) and channel.
    this.fillTargets();
    fill($('#esc-channel', this.form), (drill.channels || []).map((c) => el('option', { value: c, text: channelName(c) })));
    const phone = (drill.channels || []).includes('phone') ? 'phone' : (drill.channels || [])[0];
    if (phone) $('#esc-channel', this.form).value = phone;

    this.form.addEventListener('change', (e) => {
      if (e.target.name === 'kind') this.kindChanged();
      if (e.target.id === 'as-role') this.fillTargets();
    });
    $('#compose-text', this.form).addEventListener('input', () => this.saveDraft());
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.sendForm(); });
    this.commandForm.addEventListener('submit', (e) => { e.preventDefault(); this.sendTyped(); });
    this.kindChanged();
  }

  fillTargets() {
    const acting = this.actingRole();
    const select = $('#esc-role', this.form);
    const previous = select.value;
    fill(select, (this.drill.roles || []).filter((r) => r.id !== acting).map((r) =>
      el('option', { value: r.id, text: roleLabel(this.drill, r.id) })));
    if (previous && Array.from(select.options).some((o) => o.value === previous)) select.value = previous;
  }

  actingRole() {
    return $('#as-role', this.form).value || (this.drill.my_roles || [])[0];
  }

  kind() {
    const checked = $('input[name="kind"]:checked', this.form);
    return checked ? checked.value : 'acknowledge';
  }

  kindChanged() {
    const kind = this.kind();
    $('.escalate-fields', this.form).hidden = kind !== 'escalate';
    $('#compose-hint', this.form).textContent = t('hint.' + kind);
    const k = KINDS.find((x) => x.id === kind);
    $('#compose-text', this.form).required = k.needsText;
    $('#compose-text-label', this.form).textContent = t(k.needsText ? 'compose.text' : 'compose.textOptional');
  }

  /** Enabled only while the drill runs; otherwise say why. */
  setEnabled(status) {
    const running = status === 'running';
    for (const node of $$('input, select, textarea, button', this.form)) node.disabled = !running;
    for (const node of $$('input, button', this.commandForm)) node.disabled = !running;
    const note = $('#compose-note', this.form);
    note.textContent = running ? '' : t('compose.closed.' + status);
    note.hidden = running;
  }

  /** Focus the text box (from an inbox item's "Respond" button). */
  focus() {
    $('#compose-text', this.form).focus();
  }

  async sendForm() {
    const kind = this.kind();
    const textArea = $('#compose-text', this.form);
    const text = textArea.value;
    const k = KINDS.find((x) => x.id === kind);
    if (k.needsText && !text.trim()) {
      showError($('#compose-error', this.form), { message: t('compose.needText') });
      textArea.focus();
      return;
    }
    const target = $('#esc-role', this.form).value;
    const channel = $('#esc-channel', this.form).value;
    const command = buildCommand(kind, text, target, channel);
    const action = { role: this.actingRole(), kind, target: kind === 'escalate' ? target : null, channel: kind === 'escalate' ? channel : null, text: oneLine(text) };
    const ok = await this.send(command, action, $('#compose-error', this.form));
    if (ok) {
      textArea.value = '';
      this.saveDraft();
    }
  }

  async sendTyped() {
    const input = $('#command', this.commandForm);
    const command = oneLine(input.value);
    if (!command) { input.focus(); return; }
    const ok = await this.send(command, { role: this.actingRole(), kind: 'typed', text: command }, $('#command-error', this.commandForm));
    if (ok) input.value = '';
  }

  /** Posts the command; the inbox shows it pending, then recorded ✓ or the error. */
  async send(command, action, errorBox) {
    showError(errorBox, null);
    const status = $('#compose-status', this.form);
    status.textContent = t('send.pending');
    const key = this.inbox.addPending(action);
    try {
      const event = await this.ctx.client.post(`/drills/${enc(this.ctx.drillId)}/actions`, { role: action.role, command });
      this.inbox.confirm(key, event);
      status.textContent = t('send.recordedAt', { kind: t('kind.' + event.kind) });
      return true;
    } catch (err) {
      this.inbox.fail(key, err);
      status.textContent = '';
      showError(errorBox, err, t('send.notRecorded'));
      return false;
    }
  }

  saveDraft() {
    try { sessionStorage.setItem(this.draftKey, $('#compose-text', this.form).value); } catch { /* ignore */ }
  }

  restoreDraft() {
    try {
      const draft = sessionStorage.getItem(this.draftKey);
      if (draft) $('#compose-text', this.form).value = draft;
    } catch { /* ignore */ }
  }
}

function roleLabel(drill, id) {
  const role = (drill.roles || []).find((r) => r.id === id);
  if (!role) return id;
  return role.department ? `${role.name} (${role.department})` : role.name;
}
