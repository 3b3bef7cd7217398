// inbox.mjs: a participant's inbox. Injects look like their channel (chat bubble, e-mail,
// phone call, pager, ticket, monitoring alert, news, social post, web page, in person);
// escalations to the player's roles and persona replies appear too, and the player's own
// responses show as pending until the server has recorded them. Newest first; unread items
// are marked, and what was read is remembered in localStorage across reloads.
import { formatClock } from './clock.mjs';
import { el, fill, reflow, trimEnd } from './dom.mjs';
import { channelName, t } from './i18n.mjs';
import { announce, recipients, roleName } from './ui.mjs';

// Per channel: the icon (decorative) and how the sender is called.
const CHANNELS = {
  chat: { icon: '❝', from: 'from.chat' },
  email: { icon: '✉', from: 'from.email' },
  phone: { icon: '☎', from: 'from.phone' },
  pager: { icon: '⌁', from: 'from.pager' },
  ticket: { icon: '▤', from: 'from.ticket' },
  monitoring: { icon: '⚠', from: 'from.monitoring' },
  news: { icon: '▦', from: 'from.news' },
  social: { icon: '＠', from: 'from.social' },
  web: { icon: '⌂', from: 'from.web' },
  'in-person': { icon: '☺', from: 'from.in-person' },
};

// Machine output keeps its lines as they are.
const PRE_CHANNELS = new Set(['monitoring', 'pager']);

export function channelInfo(channel) {
  return CHANNELS[channel] || { icon: '▢', from: 'from.other' };
}

/** The body of an inject, shaped by its channel (used by the inbox and the timelines). */
export function injectCard(event, drill, { showTo = false } = {}) {
  const info = channelInfo(event.channel);
  const lang = drill.language || null;
  const subject = el('h3', { class: 'msg-subject', lang, text: event.subject || t('inbox.noSubject') });
  const body = event.body ? el('div', { class: 'text msg-body', lang, text: PRE_CHANNELS.has(event.channel) ? trimEnd(event.body) : reflow(event.body) }) : null;
  if (event.channel === 'email') {
    return el('div', { class: 'msg-card' },
      el('dl', { class: 'mail-headers' },
        el('dt', { text: t('mail.from') }), el('dd', { lang, text: event.from || '–' }),
        el('dt', { text: t('mail.to') }), el('dd', { text: recipients(drill, event.to) }),
        el('dt', { text: t('mail.subject') }), el('dd', {}, subject)),
      body);
  }
  return el('div', { class: 'msg-card' },
    event.from ? el('p', { class: 'msg-from' },
      el('span', { class: 'msg-from-label', text: t(info.from) }), ' ',
      el('span', { class: 'msg-from-name', lang, text: event.from })) : null,
    showTo ? el('p', { class: 'msg-to', text: `${t('mail.to')}: ${recipients(drill, event.to)}` }) : null,
    subject,
    body);
}

/** What an action says, e.g. "Escalated to Supervisor via phone". */
export function actionSummary(action, drill) {
  const vars = { target: roleName(drill, action.target), channel: channelName(action.channel || 'chat') };
  return t('kind.did.' + action.kind, vars);
}

export class Inbox {
  constructor({ list, drill, storageKey, onUnreadChange, onRespond }) {
    this.list = list;
    this.drill = drill;
    this.myRoles = new Set(drill.my_roles || []);
    this.storageKey = storageKey;
    this.onUnreadChange = onUnreadChange || (() => {});
    this.onRespond = onRespond;
    this.bySeq = new Map();
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
    const item = this.render(event);
    if (!item) return;
    this.bySeq.set(event.seq, item);
    this.insert(item);
    if (item.dataset.unreadable === 'true' && !this.read.has(event.seq)) {
      this.unread.add(event.seq);
      item.classList.add('unread');
      this.onUnreadChange(this.unread.size);
      if (live) announce(this.announcement(event));
    }
  }

  insert(item) {
    this.empty.remove();
    this.list.prepend(item);
  }

  render(event) {
    switch (event.type) {
      case 'inject-delivered': return this.renderInject(event);
      case 'action': return this.renderAction(event);
      case 'persona-reply': return this.renderPersona(event);
      case 'started': case 'paused': case 'resumed': case 'interrupted': case 'ended':
        return el('li', { class: 'sys', dataset: { seq: event.seq } },
          el('time', { class: 'msg-time', text: formatClock(event.at_seconds) }), ' ',
          t('sys.' + event.type, { reason: t('reason.' + (event.reason || 'completed')) }));
      default: return null;
    }
  }

  shell(event, classes, headText, icon, card, unreadable) {
    const item = el('li', { class: ['msg', ...classes], dataset: { seq: event.seq, unreadable: String(unreadable) } });
    const article = el('article', { tabIndex: 0, 'aria-label': headText },
      el('header', { class: 'msg-head' },
        el('span', { class: 'ch-icon', 'aria-hidden': 'true', text: icon }),
        el('span', { class: 'ch-label', text: headText }),
        el('time', { class: 'msg-time', text: formatClock(event.at_seconds) }),
        unreadable ? el('span', { class: 'badge-new', text: t('inbox.new') }) : null),
      card);
    if (unreadable) {
      const markRead = () => this.markRead(event.seq);
      article.addEventListener('focusin', markRead);
      article.addEventListener('click', markRead);
      if (this.onRespond) {
        article.appendChild(el('div', { class: 'msg-actions' },
          el('button', { type: 'button', class: 'btn small', text: t('inbox.respond'), onclick: () => this.onRespond(event) })));
      }
    }
    item.appendChild(article);
    return item;
  }

  renderInject(event) {
    const info = channelInfo(event.channel);
    return this.shell(event, [`ch-${event.channel}`, 'inject'], channelName(event.channel), info.icon, injectCard(event, this.drill), true);
  }

  renderPersona(event) {
    const lang = this.drill.language || null;
    const card = el('div', { class: 'msg-card' },
      el('p', { class: 'msg-from' }, el('span', { class: 'msg-from-label', text: t('inbox.replyFrom') }), ' ',
        el('span', { class: 'msg-from-name', lang, text: roleName(this.drill, event.role) })),
      el('div', { class: 'text msg-body', lang, text: reflow(event.text) }));
    return this.shell(event, ['persona', 'ch-phone'], t('inbox.reply'), '↩', card, true);
  }

  renderAction(event, state = 'recorded') {
    const mine = this.myRoles.has(event.role);
    if (!mine) {
      // An escalation addressed to one of my roles, by another role.
      const card = el('div', { class: 'msg-card' },
        el('p', { class: 'msg-from' }, el('span', { class: 'msg-from-label', text: t('inbox.escalationFrom') }), ' ',
          el('span', { class: 'msg-from-name', text: roleName(this.drill, event.role) })),
        el('p', { class: 'msg-meta', text: t('inbox.escalationVia', { target: roleName(this.drill, event.target), channel: channelName(event.channel || 'chat') }) }),
        event.text ? el('div', { class: 'text msg-body', text: event.text }) : null);
      return this.shell(event, ['escalation', `ch-${event.channel || 'chat'}`], t('inbox.escalation'), '⇪', card, true);
    }
    const item = el('li', { class: ['msg', 'own', `state-${state}`], dataset: { seq: event.seq ?? '' } });
    item.appendChild(el('article', { 'aria-label': t('inbox.you') },
      el('header', { class: 'msg-head' },
        el('span', { class: 'ch-label', text: this.myRoles.size > 1 ? t('inbox.youAs', { role: roleName(this.drill, event.role) }) : t('inbox.you') }),
        el('time', { class: 'msg-time', text: event.at_seconds === undefined ? '' : formatClock(event.at_seconds) }),
        el('span', { class: 'own-state' }, this.stateText(state))),
      el('div', { class: 'msg-card' },
        el('p', { class: 'msg-kind', text: actionSummary(event, this.drill) }),
        event.text ? el('div', { class: 'text msg-body', text: event.text }) : null)));
    return item;
  }

  stateText(state, message) {
    if (state === 'pending') return el('span', { class: 'state pending', text: t('send.pending') });
    if (state === 'failed') return el('span', { class: 'state failed', text: `${t('send.failed')} ${message || ''}` });
    return el('span', { class: 'state recorded', text: t('send.recorded') });
  }

  /** Shows a response being sent; returns a key for confirm()/fail(). */
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

  announcement(event) {
    if (event.type === 'inject-delivered') return t('announce.inject', { channel: channelName(event.channel), from: event.from || '', subject: event.subject || '' });
    if (event.type === 'persona-reply') return t('announce.reply', { role: roleName(this.drill, event.role) });
    return t('announce.escalation', { role: roleName(this.drill, event.role) });
  }
}
