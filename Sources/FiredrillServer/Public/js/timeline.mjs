// timeline.mjs: the drill's events as a live timeline for the trainer, evaluators and
// observers, in words: what every role received and did, persona replies, objectives met,
// clock changes, and (for staff) skipped injects, expect/notes, observations, evaluators'
// decisions and survey answers. Newest first, each seq once, with a filter by role.
import { actionSummary, channelInfo, injectCard } from './cards.mjs';
import { formatClock } from './clock.mjs';
import { el, fill, reflow } from './dom.mjs';
import { formatSpeed, labelInWords } from './format.mjs';
import { channelName, t } from './i18n.mjs';
import { formatCredit, objectiveName, recipients, roleName } from './ui.mjs';

const LIFECYCLE = new Set(['started', 'paused', 'resumed', 'interrupted', 'ended']);

export class Timeline {
  /** list: an <ol>; filter: an optional <select> to show one role's traffic. */
  constructor({ list, drill, filter, objectives }) {
    this.list = list;
    this.drill = drill;
    this.objectives = objectives || [];
    this.events = new Map();   // seq → event, each once
    this.role = '';
    this.empty = el('li', { class: 'inbox-empty', text: t('timeline.empty') });
    fill(list, this.empty);
    if (filter) {
      fill(filter, el('option', { value: '', text: t('timeline.allRoles') }),
        (drill.roles || []).map((r) => el('option', { value: r.id, lang: drill.language || null, text: r.name })));
      filter.addEventListener('change', () => { this.role = filter.value; this.applyFilter(); });
    }
  }

  /** Objective names for met chips, observations and decisions; entries shown are redrawn. */
  setObjectives(objectives) {
    const key = JSON.stringify((objectives || []).map((o) => [o.id, o.name]));
    if (key === this.objectivesKey) return;
    this.objectivesKey = key;
    this.objectives = objectives || [];
    for (const [seq, event] of this.events) {
      if (!['action', 'observation', 'adjudication'].includes(event.type)) continue;
      const old = this.list.querySelector(`li[data-seq="${seq}"]`);
      if (old) old.replaceWith(this.build(event));
    }
  }

  add(event) {
    if (this.events.has(event.seq)) return;
    const item = this.build(event);
    if (!item) return;
    this.events.set(event.seq, event);
    this.empty.remove();
    this.list.prepend(item);
  }

  build(event) {
    const item = this.render(event);
    if (!item) return null;
    item.dataset.seq = event.seq;
    item.dataset.type = event.type;
    item.dataset.roles = this.involvedRoles(event).join(' ');
    if (this.role) item.hidden = !this.matches(item);
    return item;
  }

  matches(item) {
    if (!this.role) return true;
    const roles = (item.dataset.roles || '').split(' ');
    return roles.includes(this.role) || roles.includes('*');
  }

  applyFilter() {
    for (const item of this.list.children) if (item.dataset.seq) item.hidden = !this.matches(item);
  }

  render(e) {
    const d = this.drill;
    const lang = d.language || null;
    const time = el('time', { class: 'tl-time', text: formatClock(e.at_seconds) });
    const row = (cls, icon, head, ...rest) => el('li', { class: ['tl', cls] },
      time, el('span', { class: 'tl-icon', 'aria-hidden': 'true', text: icon }),
      el('div', { class: 'tl-main' }, el('p', { class: 'tl-head' }, head), ...rest));
    if (LIFECYCLE.has(e.type)) return row('tl-sys', '•', t('sys.' + e.type, { reason: t('end.' + (e.reason || 'completed')) }));
    switch (e.type) {
      case 'speed-changed':
        return row('tl-sys', '↔', t('sys.speed', { speed: formatSpeed(e.speed, t) }));
      case 'clock-advanced':
        return row('tl-sys', '»', t('sys.advanced', { from: formatClock(e.from_seconds), to: formatClock(e.at_seconds) }));
      case 'inject-delivered':
      case 'inject-skipped': {
        const skipped = e.type === 'inject-skipped';
        const head = [
          el('strong', { text: skipped ? t('timeline.skipped') : channelName(e.channel) }), ' ',
          t('timeline.injectTo', { to: recipients(d, e.to) }),
          e.adlib ? el('span', { class: 'tag', text: t('timeline.adlib') }) : null,
        ];
        return row(skipped ? 'tl-skipped' : `tl-inject ch-${e.channel}`, channelInfo(e.channel).icon, head,
          el('details', { class: 'tl-details' },
            el('summary', { lang, text: e.subject || t('inbox.noSubject') }),
            injectCard(e, d)),
          staffNotes(e, lang));
      }
      case 'action': {
        const answered = e.in_reply_to ? this.injectSubject(e.in_reply_to) : null;
        const head = [el('strong', { lang, text: roleName(d, e.role) }), t('timeline.colon'), actionSummary(e, d)];
        return row(`tl-action kind-${e.kind}`, '▸', head,
          answered ? el('p', { class: 'tl-reply', text: t('inbox.inReplyTo', { subject: answered }) }) : null,
          e.text ? el('p', { class: 'text tl-text', text: e.text }) : null,
          metChips(e.met, this.objectives));
      }
      case 'persona-reply':
        return row('tl-persona', '↩', [el('strong', { lang, text: roleName(d, e.role) }), t('timeline.colon'), t('timeline.replied', { to: roleName(d, e.to) })],
          el('p', { class: 'text tl-text', lang, text: reflow(e.text) }));
      case 'observation':
        return row('tl-observation', '✎', [
          el('strong', { text: t('timeline.observation', { by: labelInWords(e.by, t) }) }), ' ',
          el('span', { lang, text: objectiveName(this.objectives, e.objective) }),
          e.rating ? el('span', { class: `chip rating rating-${e.rating}`, title: t(`rating.${e.rating}.meaning`), text: e.rating }) : null],
          e.text ? el('p', { class: 'text tl-text', text: e.text }) : null);
      case 'adjudication': {
        const action = this.events.get(e.action);
        const head = t(`timeline.decision.${e.decision}`, {
          by: labelInWords(e.by, t),
          role: action ? roleName(d, action.role) : t('names.someRole'),
          at: action ? formatClock(action.at_seconds) : '–',
          name: objectiveName(this.objectives, e.objective),
        });
        return row(`tl-adjudication decision-${e.decision}`, e.decision === 'credit' ? '✔' : '✘', head,
          action && action.text ? el('p', { class: 'text tl-text quoted', text: action.text }) : null,
          e.note ? el('p', { class: 'text tl-note', text: t('timeline.note', { note: e.note }) }) : null);
      }
      case 'survey-answer':
        return row('tl-survey', '☆', t('timeline.survey', { who: labelInWords(e.participant, t), q: (e.question ?? 0) + 1 }),
          el('p', { class: 'text tl-text', text: [e.score ? t(`survey.scale.${e.score}`) : null, e.comment].filter(Boolean).join(' · ') }));
      default:
        return null;
    }
  }

  injectSubject(id) {
    for (const event of this.events.values()) if (event.type === 'inject-delivered' && event.inject === id) return event.subject || t('inbox.noSubject');
    return t('cond.someMessage');
  }

  /** The roles an event concerns, for the role filter ('*' for everyone). */
  involvedRoles(e) {
    if (e.type === 'inject-delivered' || e.type === 'inject-skipped') {
      if (e.to === 'all' || (Array.isArray(e.to) && e.to.includes('all'))) return ['*'];
      return Array.isArray(e.to) ? e.to : [];
    }
    if (e.type === 'action') return [e.role, e.target].filter(Boolean);
    if (e.type === 'persona-reply') return [e.role, e.to].filter(Boolean);
    if (e.type === 'adjudication') { const a = this.events.get(e.action); return a ? [a.role] : []; }
    if (e.type === 'observation' || e.type === 'survey-answer') return [];
    return ['*'];
  }
}

function staffNotes(e, lang) {
  if (!e.expect && !e.notes) return null;
  return el('div', { class: 'staff-notes' },
    e.expect ? el('p', {}, el('strong', { text: t('msel.expectLabel') }), el('span', { class: 'text', lang, text: reflow(e.expect) })) : null,
    e.notes ? el('p', {}, el('strong', { text: t('msel.notesLabel') }), el('span', { class: 'text', lang, text: reflow(e.notes) })) : null);
}

function metChips(met, objectives) {
  if (!met || met.length === 0) return null;
  return el('p', { class: 'met' }, met.map((m) => el('span', { class: 'chip obj-chip obj-met-on-time' },
    `✓ ${objectiveName(objectives, m.objective)} · ${formatCredit(m.credit)}`)));
}
