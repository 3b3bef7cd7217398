// cards.mjs: how a message looks in its channel (chat bubble, e-mail, phone call, pager,
// ticket, monitoring alert, news, social post, web page, in person), and what an action says
// in words ("Contacted Supervisor by phone (escalation)"). Used by the participant's inbox
// and the staff timelines.
import { el, reflow, trimEnd } from './dom.mjs';
import { channelName, t } from './i18n.mjs';
import { recipients, roleName } from './ui.mjs';

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

/** The body of an inject, shaped by its channel. */
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
    showTo ? el('p', { class: 'msg-to', text: t('msel.to', { to: recipients(drill, event.to) }) }) : null,
    subject,
    body);
}

/** What an action did, in words: 「上長（山本部長）へ電話で連絡しました（エスカレーション）」. */
export function actionSummary(action, drill) {
  return t('did.' + action.kind, {
    target: roleName(drill, action.target),
    channel: channelName(action.channel || 'chat'),
  });
}
