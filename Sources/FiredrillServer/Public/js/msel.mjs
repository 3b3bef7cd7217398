// msel.mjs: the scenario timeline (master scenario events list) for the trainer and
// evaluators: every inject with its time or trigger, its state (scheduled, waiting on its
// condition, delivered, skipped, not reached), who gets it, and what is expected.
import { formatClock } from './clock.mjs';
import { el, fill, reflow } from './dom.mjs';
import { channelName, t } from './i18n.mjs';
import { recipients } from './ui.mjs';

const lastKey = new WeakMap();   // container → what it last showed

export function renderMsel(container, injects, drill) {
  if (!injects) { fill(container, el('p', { class: 'hint', text: t('msel.none') })); return; }
  const key = JSON.stringify(injects);
  if (lastKey.get(container) === key) return;
  lastKey.set(container, key);
  const lang = drill.language || null;
  // Keep the details the trainer opened across refreshes.
  const open = new Set(Array.from(container.querySelectorAll('.msel-item')).filter((n) => n.querySelector('details[open]')).map((n) => n.dataset.inject));
  // In drill-time order; injects still waiting on a condition (no time yet) come last.
  const ordered = injects.map((inject, index) => ({ inject, index })).sort((a, b) => {
    const x = a.inject.at_seconds ?? Infinity;
    const y = b.inject.at_seconds ?? Infinity;
    return x === y ? a.index - b.index : x - y;
  }).map((entry) => entry.inject);
  fill(container, el('ol', { class: 'msel' }, ordered.map((i) => el('li', { class: `msel-item msel-${i.status}`, dataset: { inject: i.id } },
    el('div', { class: 'msel-when' },
      el('span', { class: 'msel-time', text: i.at_seconds === null || i.at_seconds === undefined ? '–' : formatClock(i.at_seconds) }),
      el('span', { class: `chip msel-chip msel-chip-${i.status}`, text: t('msel.' + i.status) })),
    el('div', { class: 'msel-main' },
      el('p', { class: 'msel-subject', lang, text: i.subject }),
      el('p', { class: 'msel-meta' },
        el('span', { text: channelName(i.channel) }), ' · ',
        el('span', { text: `${t('mail.to')} ${recipients(drill, toList(i.to))}` }),
        i.from ? [' · ', el('span', { lang, text: i.from })] : null),
      el('p', { class: 'msel-trigger' },
        el('code', { text: i.trigger }),
        i.if ? [' ', el('code', { text: `if ${i.if}` })] : null,
        el('span', { class: 'tl-id', text: i.id })),
      (i.body || i.expect || i.notes) ? el('details', { class: 'msel-details', open: open.has(i.id) },
        el('summary', { text: t('msel.details') }),
        i.body ? el('div', { class: 'text msel-body', lang, text: reflow(i.body) }) : null,
        i.expect ? el('p', {}, el('strong', { text: `${t('msel.expect')}: ` }), el('span', { class: 'text', lang, text: reflow(i.expect) })) : null,
        i.notes ? el('p', {}, el('strong', { text: `${t('msel.notes')}: ` }), el('span', { class: 'text', lang, text: reflow(i.notes) })) : null) : null)))));
}

function toList(to) {
  if (Array.isArray(to) && to.length === 1 && to[0] === 'all') return 'all';
  return to;
}
