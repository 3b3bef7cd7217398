// inbox.mjs: a participant's inbox, newest first. Injects look like their channel;
// escalations to the player's roles and persona replies appear too, and the player's own
// responses show as pending until the server has recorded them. Every message has a button
// to respond to it; unread messages are marked, and what was read is remembered in
// localStorage across reloads. New messages are announced to screen readers and reported to
// onArrive (for the "new message" indicator).
import { actionSummary, channelInfo, injectCard } from './cards.mjs';
import { formatClock } from './clock.mjs';
import { el, fill, reflow } from './dom.mjs';
import { formatSpeed } from './format.mjs';
import { channelName, t } from './i18n.mjs';
import { announce, roleName } from './ui.mjs';

const LIFECYCLE = new Set(['started', 'paused', 'resumed', 'interrupted', 'ended']);

export class Inbox {
  constructor({ list, drill, storageKey, onUnreadChange, onRespond, onArrive }) {
    this.list = list;
    this.drill = drill;
    this.myRoles = new Set(drill.my_roles || []);
    this.storageKey = storageKey;
    this.onUnreadChange = onUnreadChange || (() => {});
    this.onRespond = onRespond;
    this.onArrive = onArrive || (() => {});
    this.bySeq = new Map();
    this.injects = new Map();    // inject id → its event (for "in reply to")
    this.pending = new Map();
    this.read = this.loadRead();
    this.unread = new Set();
    this.empty = el('li', { class: 'inbox-empty', text: t('inbox.empty') });
    fill(this.list, this.empty);
  }

  loadRead() {
    try { return new Set(JSON.parse(localStorage.getItem(this.storageKey) || '[]')); } catch { return new Set(); }
  }

  saveRead() {
    try { localStorage.setItem(this.storageKey, JSON.stringify(Array.from(this.read).slice(-2000))); } catch { /* ignore */ }
  }

  /** Adds an event from the stream (or a 201 answer); each seq once. live: announce it. */
  add(event, { live = false } = {}) {
    if (this.bySeq.has(event.seq)) return;
    if (event.type === 'inject-delivered') this.injects.set(event.inject, event);
    const item = this.render(event);
    if (!item) return;
    this.bySeq.set(event.seq, item);
    this.insert(item);
    if (item.dataset.unreadable === 'true' && !this.read.has(event.seq)) {
      this.unread.add(event.seq);
      item.classList.add('unread');
      this.onUnreadChange(this.unread.size);
      if (live) {
        announce(this.announcement(event));
        this.onArrive(item, event);
      }
    }
  }

  insert(item) {
    this.empty.remove();
    this.list.prepend(item);
  }

  render(event) {
    if (LIFECYCLE.has(event.type)) {
      return this.sysLine(event, t('sys.' + event.type, { reason: t('end.' + (event.reason || 'completed')) }));
    }
    switch (event.type) {
      case 'inject-delivered': return this.renderInject(event);
      case 'action': return this.renderAction(event);
      case 'persona-reply': return this.renderPersona(event);
      case 'speed-changed': return this.sysLine(event, t('sys.speed', { speed: formatSpeed(event.speed, t) }));
      case 'clock-advanced': return this.sysLine(event, t('sys.advanced', { from: formatClock(event.from_seconds), to: formatClock(event.at_seconds) }));
      default: return null;
    }
  }

  sysLine(event, text) {
    return el('li', { class: 'sys', dataset: { seq: event.seq } },
      el('time', { class: 'msg-time', text: formatClock(event.at_seconds) }), ' ', text);
  }

  /** A message: head (channel, time, unread badge), its card, and a button to respond. */
  shell(event, classes, headText, icon, card, reply) {
    const item = el('li', { class: ['msg', ...classes], dataset: { seq: event.seq, unreadable: 'true' } });
    const headingId = `msg-${event.seq}`;
    const article = el('article', { tabIndex: -1, 'aria-labelledby': headingId },
      el('header', { class: 'msg-head' },
        el('span', { class: 'ch-icon', 'aria-hidden': 'true', text: icon }),
        el('span', { class: 'ch-label', id: headingId, text: headText }),
        el('time', { class: 'msg-time', text: formatClock(event.at_seconds) }),
        el('span', { class: 'badge-new', text: t('inbox.new') })),
      card);
    const markRead = () => this.markRead(event.seq);
    article.addEventListener('focusin', markRead);
    article.addEventListener('click', markRead);
    if (this.onRespond) {
      article.appendChild(el('div', { class: 'msg-actions' },
        el('button', { type: 'button', class: 'btn small respond', text: t('inbox.respond'),
          'aria-describedby': headingId, onclick: () => { markRead(); this.onRespond(reply); } })));
    }
    item.appendChild(article);
    return item;
  }

  renderInject(event) {
    const info = channelInfo(event.channel);
    const reply = { inject: event.inject, subject: event.subject || t('inbox.noSubject'), from: event.from || channelName(event.channel) };
    return this.shell(event, [`ch-${event.channel}`, 'inject'], channelName(event.channel), info.icon, injectCard(event, this.drill), reply);
  }

  renderPersona(event) {
    const lang = this.drill.language || null;
    const who = roleName(this.drill, event.role);
    const card = el('div', { class: 'msg-card' },
      el('p', { class: 'msg-from' }, el('span', { class: 'msg-from-label', text: t('inbox.replyFrom') }), ' ',
        el('span', { class: 'msg-from-name', lang, text: who })),
      el('div', { class: 'text msg-body', lang, text: reflow(event.text) }));
    return this.shell(event, ['persona', 'ch-phone'], t('inbox.reply'), '↩', card, { inject: null, subject: t('inbox.replySubject', { role: who }), from: who });
  }

  renderAction(event, state = 'recorded') {
    const mine = this.myRoles.has(event.role);
    if (!mine) {
      // An escalation addressed to one of my roles, by another role.
      const who = roleName(this.drill, event.role);
      const card = el('div', { class: 'msg-card' },
        el('p', { class: 'msg-from' }, el('span', { class: 'msg-from-label', text: t('inbox.escalationFrom') }), ' ',
          el('span', { class: 'msg-from-name', text: who })),
        el('p', { class: 'msg-meta', text: t('inbox.escalationVia', { target: roleName(this.drill, event.target), channel: channelName(event.channel || 'chat') }) }),
        event.text ? el('div', { class: 'text msg-body', text: event.text }) : null);
      return this.shell(event, ['escalation', `ch-${event.channel || 'chat'}`], t('inbox.escalation'), '⇪', card,
        { inject: null, subject: t('inbox.escalationSubject', { role: who }), from: who });
    }
    const answered = event.in_reply_to ? this.injects.get(event.in_reply_to) : null;
    const item = el('li', { class: ['msg', 'own', `state-${state}`], dataset: { seq: event.seq ?? '' } });
    item.appendChild(el('article', { 'aria-label': t('inbox.you') },
      el('header', { class: 'msg-head' },
        el('span', { class: 'ch-label', text: this.myRoles.size > 1 ? t('inbox.youAs', { role: roleName(this.drill, event.role) }) : t('inbox.you') }),
        el('time', { class: 'msg-time', text: event.at_seconds === undefined ? '' : formatClock(event.at_seconds) }),
        el('span', { class: 'own-state' }, this.stateText(state))),
      el('div', { class: 'msg-card' },
        el('p', { class: 'msg-kind', text: actionSummary(event, this.drill) }),
        event.in_reply_to ? el('p', { class: 'msg-meta in-reply-to', text: t('inbox.inReplyTo', { subject: answered?.subject || t('inbox.noSubject') }) }) : null,
        event.text ? el('div', { class: 'text msg-body', text: event.text }) : null)));
    return item;
  }

  stateText(state, message) {
    if (state === 'pending') return el('span', { class: 'state pending', text: t('send.pending') });
    if (state === 'failed') return el('span', { class: 'state failed', text: `${t('send.failed')} ${message || ''}` });
    return el('span', { class: 'state recorded', text: t('send.recorded') });
  }

  /** Shows a response being sent; returns a key for confirm()/fail()/drop(). */
  addPending(action) {
    const key = `p${Date.now()}${Math.random()}`;
    const item = this.renderAction({ ...action, seq: undefined, at_seconds: undefined }, 'pending');
    this.pending.set(key, item);
    this.insert(item);
    return key;
  }

  /** The server recorded it (201 with its event). */
  confirm(key, event) {
    const item = this.pending.get(key);
    this.pending.delete(key);
    if (!item) return;
    if (this.bySeq.has(event.seq)) { item.remove(); return; }   // the stream was faster
    const recorded = this.renderAction(event, 'recorded');
    item.replaceWith(recorded);
    this.bySeq.set(event.seq, recorded);
  }

  /** Nothing was recorded and nothing needs saying (the server asked back first). */
  drop(key) {
    const item = this.pending.get(key);
    this.pending.delete(key);
    if (item) item.remove();
    if (!this.list.children.length) this.list.appendChild(this.empty);
  }

  /** It was not recorded: say why, and offer to dismiss the line. */
  fail(key, err) {
    const item = this.pending.get(key);
    this.pending.delete(key);
    if (!item) return;
    item.classList.remove('state-pending');
    item.classList.add('state-failed');
    const stateNode = item.querySelector('.own-state');
    fill(stateNode, this.stateText('failed', err.message));
    item.querySelector('article').appendChild(el('div', { class: 'msg-actions' },
      el('button', { type: 'button', class: 'btn small', text: t('inbox.dismiss'), onclick: () => item.remove() })));
  }

  markRead(seq) {
    if (!this.unread.has(seq)) return;
    this.unread.delete(seq);
    this.read.add(seq);
    this.saveRead();
    const item = this.bySeq.get(seq);
    if (item) item.classList.remove('unread');
    this.onUnreadChange(this.unread.size);
  }

  markAllRead() {
    for (const seq of Array.from(this.unread)) this.markRead(seq);
  }

  /** The newest unread message's item, if any. */
  newestUnread() {
    for (const item of this.list.children) if (item.classList.contains('unread')) return item;
    return null;
  }

  announcement(event) {
    if (event.type === 'inject-delivered') return t('announce.inject', { channel: channelName(event.channel), from: event.from || '', subject: event.subject || '' });
    if (event.type === 'persona-reply') return t('announce.reply', { role: roleName(this.drill, event.role) });
    return t('announce.escalation', { role: roleName(this.drill, event.role) });
  }
}
