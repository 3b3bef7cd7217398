// near-misses-backlog.mjs: the backlog view of /near-misses.html: the tags ranked by their
// highest near miss's priority (what to drill next), each with its near misses (the highest
// few, the rest counted), the scenarios that cover it and when each was last drilled, and
// for the trainer "plan this drill", which opens the scenario editor on a new scenario with
// the tag filled in (/editor.html?new=1&tags=TAG). GET /api/v1/near-misses/backlog.
import { dayWords } from './committee-words.mjs';
import { $, el, fill } from './dom.mjs';
import { t } from './i18n.mjs';
import { planHref } from './near-miss-data.mjs';
import { coverageList, impactWords, numberWords } from './near-misses-words.mjs';
import { showError } from './ui.mjs';

const SHOWN = 5;

export class BacklogView {
  constructor(state) {
    this.state = state;
  }

  show() {}

  /** The backlog is read with the page (near-misses.mjs: the register's tag filter lists its tags). */
  async load() {
    showError($('#backlog-error'), this.state.backlogError, t('nearMisses.loadFailed'));
    this.render();
  }

  render() {
    const items = this.state.backlog || [];
    if (!items.length) {
      fill($('#backlog-list'), el('p', { class: 'hint empty', text: t('nearMisses.backlog.none') }));
      return;
    }
    const trainer = this.state.kind === 'trainer';
    fill($('#backlog-list'),
      el('p', { class: trainer ? 'hint' : 'note', id: 'backlog-plan-hint', text: t(trainer ? 'nearMisses.backlog.planHint' : 'nearMisses.backlog.trainerOnly') }),
      el('ol', { class: 'backlog-list' }, items.map((item, i) => this.item(item, i + 1, trainer))));
  }

  item(item, rank, trainer) {
    const headingId = `backlog-tag-${rank}`;
    const shown = item.entries.slice(0, SHOWN);
    return el('li', { class: 'backlog-item', dataset: { tag: item.tag }, 'aria-labelledby': headingId },
      el('div', { class: 'backlog-head' },
        el('span', { class: 'backlog-rank', 'aria-hidden': 'true', text: String(rank) }),
        el('h3', { id: headingId, class: 'backlog-tag' },
          el('span', { class: 'visually-hidden', text: t('nearMisses.backlog.rank', { n: rank }) }),
          el('span', { class: 'tag nm-tag big', text: item.tag })),
        el('span', { class: 'priority-badge', text: t('nearMisses.backlog.priority', { n: item.priority }) }),
        el('span', { class: 'hint', text: t('nearMisses.backlog.count', { n: item.entry_count }) })),
      el('div', { class: 'backlog-body' },
        el('div', { class: 'backlog-entries' },
          el('h4', { text: t('nearMisses.backlog.entries') }),
          el('ul', { class: 'entry-list' }, shown.map((entry) => el('li', {},
            el('span', { class: 'entry-title', text: entry.title }), ' ',
            el('span', { class: 'hint entry-meta', text: t('nearMisses.backlog.entryMeta', {
              number: numberWords(entry.id), impact: impactWords(entry.impact), day: dayWords(entry.occurred_on), priority: entry.priority }) })))),
          item.entry_count > shown.length ? el('p', { class: 'hint', text: t('nearMisses.backlog.more', { shown: shown.length, n: item.entry_count }) }) : null),
        el('div', { class: 'backlog-cover' },
          el('h4', { text: t('nearMisses.backlog.covered') }),
          coverageList(item.covered_by))),
      trainer ? el('div', { class: 'backlog-actions' },
        el('a', { class: 'btn primary small plan-link', href: planHref([item.tag]), 'aria-label': t('nearMisses.backlog.planFor', { tag: item.tag }),
          'aria-describedby': 'backlog-plan-hint', text: t('nearMisses.backlog.plan') })) : null);
  }
}
