// msel.mjs: the scenario timeline (master scenario events list) for the trainer and
// evaluators, in words: every inject by its subject, when it goes out (「開始 3 分後」,
// 「『パンフレット PDF を差し替える』の達成から 3 分後」), on which condition
// (「『上長に電話または対面で報告する』がまだ達成されていない場合」), its state, who gets it
// by which channel, and (folded) its text, what is expected and the staff notes.
import { formatClock } from './clock.mjs';
import { guardInWords, triggerInWords } from './conditions.mjs';
import { el, fill, reflow } from './dom.mjs';
import { channelName, t } from './i18n.mjs';
import { nameBook } from './names.mjs';
import { recipients } from './ui.mjs';

const lastKey = new WeakMap();   // container → what it last showed

export function renderMsel(container, progress, drill) {
  const injects = progress && progress.injects;
  if (!injects) { fill(container, el('p', { class: 'hint', text: t('msel.none') })); return; }
  const key = JSON.stringify([injects, (progress.objectives || []).map((o) => o.name)]);
  if (lastKey.get(container) === key) return;
  lastKey.set(container, key);
  const lang = drill.language || null;
  const names = nameBook(progress.objectives, injects);
  // Keep the details the reader opened across refreshes.
  const open = new Set(Array.from(container.querySelectorAll('.msel-item')).filter((n) => n.querySelector('details[open]')).map((n) => n.dataset.inject));
  // In drill-time order; injects still waiting on a condition (no time yet) come last.
  const ordered = injects.map((inject, index) => ({ inject, index })).sort((a, b) => {
    const x = a.inject.at_seconds ?? Infinity;
    const y = b.inject.at_seconds ?? Infinity;
    return x === y ? a.index - b.index : x - y;
  }).map((entry) => entry.inject);
  fill(container, el('ol', { class: 'msel' }, ordered.map((i) => {
    const when = i.adlib ? t('trigger.adlib') : triggerInWords(i.trigger, names, t);
    const guard = i.if ? guardInWords(i.if, names, t) : '';
    return el('li', { class: `msel-item msel-${i.status}`, dataset: { inject: i.id } },
      el('div', { class: 'msel-when' },
        el('span', { class: 'msel-time', text: i.at_seconds === null || i.at_seconds === undefined ? '–' : formatClock(i.at_seconds) }),
        el('span', { class: `chip msel-chip msel-chip-${i.status}`, text: t('inject.' + i.status) })),
      el('div', { class: 'msel-main' },
        el('p', { class: 'msel-subject', lang, text: i.subject }),
        el('p', { class: 'msel-meta' },
          el('span', { text: channelName(i.channel) }), t('msel.sep'),
          el('span', { text: t('msel.to', { to: recipients(drill, i.to) }) }),
          i.from ? [t('msel.sep'), el('span', { lang, text: t('msel.from', { from: i.from }) })] : null),
        el('dl', { class: 'msel-rules' },
          el('dt', { text: t('msel.when') }), el('dd', { class: 'msel-trigger', lang, text: when }),
          guard ? [el('dt', { text: t('msel.if') }), el('dd', { class: 'msel-guard', lang, text: guard })] : null),
        (i.body || i.expect || i.notes) ? el('details', { class: 'msel-details', open: open.has(i.id) },
          el('summary', { text: t('msel.details') }),
          i.body ? el('div', { class: 'text msel-body', lang, text: reflow(i.body) }) : null,
          i.expect ? el('p', {}, el('strong', { text: t('msel.expectLabel') }), el('span', { class: 'text', lang, text: reflow(i.expect) })) : null,
          i.notes ? el('p', {}, el('strong', { text: t('msel.notesLabel') }), el('span', { class: 'text', lang, text: reflow(i.notes) })) : null) : null));
  })));
}
