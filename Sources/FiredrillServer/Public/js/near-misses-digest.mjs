// near-misses-digest.mjs: the monthly digest view of /near-misses.html, for the committee's
// meeting: a month (a choice of the last two years, previous and next), how many near misses
// were reported, how many per tag, the month's most valuable near miss set apart, and every
// entry by priority, each with "choose as the month's most valuable" (PUT
// /api/v1/near-misses/digest/{month}; the chosen one can be unchosen). The sheet is what the
// page prints (near-misses.css: A4). GET /api/v1/near-misses/digest?month=yyyy-MM.
import { dayWords } from './committee-words.mjs';
import { $, el, fill } from './dom.mjs';
import { formatWallTime } from './format.mjs';
import { lang, t } from './i18n.mjs';
import { addMonths, isMonth, monthOf, monthsBack } from './near-miss-data.mjs';
import { impactWords, monthWords, numberWords, priorityBlock, reporterWords, tagChips } from './near-misses-words.mjs';
import { announce, showError } from './ui.mjs';

const MONTHS = 24;
const COLUMNS = ['priority', 'title', 'tags', 'occurred', 'impact', 'reporter'];

export class DigestView {
  constructor(state) {
    this.state = state;
    this.month = monthOf(state.today);
    this.digest = null;
    $('#d-month').addEventListener('change', () => this.go($('#d-month').value));
    $('#d-prev').addEventListener('click', () => this.go(addMonths(this.month, -1)));
    $('#d-next').addEventListener('click', () => this.go(addMonths(this.month, 1)));
    $('#digest-form').addEventListener('submit', (e) => e.preventDefault());
    $('#digest-print').addEventListener('click', () => window.print());
  }

  show() {}

  go(month) {
    if (!isMonth(month) || month > monthOf(this.state.today)) return;
    this.month = month;
    fill($('#digest-result'));
    this.load();
  }

  fillMonths() {
    const months = monthsBack(this.state.today, MONTHS);
    if (!months.includes(this.month)) months.push(this.month);
    fill($('#d-month'), months.map((m) => el('option', { value: m, text: monthWords(m) })));
    $('#d-month').value = this.month;
    $('#d-next').disabled = this.month >= monthOf(this.state.today);
  }

  async load() {
    this.fillMonths();
    const month = this.month;
    try {
      const digest = await this.state.client.get(`/near-misses/digest?month=${encodeURIComponent(month)}`);
      if (this.month !== month) return;
      this.digest = digest;
      showError($('#digest-error'), null);
    } catch (err) {
      if (this.month !== month) return;
      this.digest = null;
      showError($('#digest-error'), err, t('nearMisses.loadFailed'));
    }
    this.render();
  }

  render() {
    const digest = this.digest;
    const sheet = $('#digest');
    if (!digest) { fill(sheet); return; }
    const month = monthWords(digest.month);
    const current = digest.month === monthOf(this.state.today);
    const best = digest.most_valuable || null;
    fill(sheet,
      el('header', { class: 'sheet-head' },
        el('p', { class: 'sheet-kind', text: t('nearMisses.digest.kind') }),
        el('h3', { id: 'digest-title', class: 'sheet-title', text: t('nearMisses.digest.title', { month }) }),
        el('p', { class: 'sheet-made', text: t('nearMisses.digest.made', { at: formatWallTime(new Date().toISOString(), lang()) }) })),
      el('dl', { class: 'digest-figures' },
        el('div', { class: 'figure-box' }, el('dt', { text: t('nearMisses.digest.count') }),
          el('dd', { class: 'figure-value', id: 'digest-count', text: t('nearMisses.digest.countValue', { n: digest.count }) })),
        el('div', { class: 'figure-box tags-box' }, el('dt', { text: t('nearMisses.digest.tags') }),
          el('dd', {}, digest.tags.length
            ? el('ul', { class: 'tag-counts' }, digest.tags.map((tc) => el('li', {},
              el('span', { class: 'tag nm-tag', text: tc.tag }), ' ', el('span', { class: 'tag-count', text: t('nearMisses.digest.tagCount', { n: tc.count }) }))))
            : el('span', { class: 'hint', text: t('nearMisses.noTags') })))),
      el('section', { class: ['best-box', best ? 'chosen' : 'empty'], id: 'digest-best', 'aria-labelledby': 'digest-best-title' },
        el('h4', { id: 'digest-best-title', text: t(current ? 'nearMisses.digest.best' : 'nearMisses.digest.bestOf', { month }) }),
        best
          ? [el('p', { class: 'best-title' }, el('span', { 'aria-hidden': 'true', text: '★ ' }), best.title),
            el('p', { class: 'hint', text: t('nearMisses.digest.bestMeta', {
              number: numberWords(best.id), day: dayWords(best.occurred_on), impact: impactWords(best.impact), reporter: reporterWords(best) }) }),
            el('p', { class: 'best-text', text: best.what_happened }),
            tagChips(best.tags)]
          : el('p', { class: 'hint', text: digest.count ? t('nearMisses.digest.noBest') : t('nearMisses.digest.none', { month }) })),
      digest.entries.length ? el('section', { class: 'digest-part', 'aria-labelledby': 'digest-entries-title' },
        el('h4', { id: 'digest-entries-title', text: t('nearMisses.digest.entries') }),
        el('div', { class: 'table-wrap' }, el('table', { class: 'data digest-table' },
          el('caption', { class: 'visually-hidden', text: t('nearMisses.digest.entries') }),
          el('thead', {}, el('tr', {}, COLUMNS.map((key) => el('th', { scope: 'col', class: `col-${key}`, text: t(`nearMisses.col.${key}`) })))),
          el('tbody', {}, digest.entries.map((entry) => this.row(entry, best, current)))))) : null);
  }

  row(entry, best, current) {
    const chosen = Boolean(best && best.id === entry.id);
    const cells = {
      priority: priorityBlock(entry),
      title: [
        chosen ? el('span', { class: 'chip best-chip', text: t(current ? 'nearMisses.digest.chosen' : 'nearMisses.digest.chosenPast') }) : null,
        el('span', { class: 'entry-title', text: entry.title }),
        el('span', { class: 'entry-meta hint', text: numberWords(entry.id) }),
        el('span', { class: 'entry-text digest-text', text: entry.what_happened }),
        el('div', { class: 'pick-row no-print' }, this.pickButton(entry, chosen, current)),
      ],
      tags: tagChips(entry.tags),
      occurred: el('span', { class: 'nowrap', text: dayWords(entry.occurred_on) }),
      impact: impactWords(entry.impact),
      reporter: el('span', { class: entry.name ? 'named' : 'hint', text: reporterWords(entry) }),
    };
    return el('tr', { class: ['entry-row', chosen ? 'chosen' : null], dataset: { entry: entry.id } },
      COLUMNS.map((key) => el('td', { class: `col-${key}`, 'data-label': t(`nearMisses.col.${key}`) },
        el('div', { class: 'cell' }, cells[key]))));
  }

  /** "Choose as the month's most valuable", or for the chosen one "undo the choice" (not printed). */
  pickButton(entry, chosen, current) {
    if (chosen) {
      return el('button', { type: 'button', class: 'btn small pick-button', text: t('nearMisses.digest.unpick'),
        'aria-label': t('nearMisses.digest.unpickFor', { title: entry.title }), onclick: () => this.pick(null, entry) });
    }
    return el('button', { type: 'button', class: 'btn small primary pick-button',
      text: t(current ? 'nearMisses.digest.pick' : 'nearMisses.digest.pickPast'),
      'aria-label': t(current ? 'nearMisses.digest.pickFor' : 'nearMisses.digest.pickPastFor', { title: entry.title }),
      onclick: () => this.pick(entry.id, entry) });
  }

  /** Marks (or, with null, unmarks) the month's most valuable near miss, then shows the digest as the server answers. */
  async pick(id, entry) {
    const month = this.month;
    for (const button of document.querySelectorAll('#digest .pick-button')) button.disabled = true;
    try {
      this.digest = await this.state.client.put(`/near-misses/digest/${encodeURIComponent(month)}`, { most_valuable: id });
      showError($('#digest-error'), null);
      this.render();
      const message = id === null ? t('nearMisses.digest.unpicked') : t('nearMisses.digest.picked', { title: entry.title, month: monthWords(month) });
      fill($('#digest-result'), el('p', { class: 'ok-box', text: message }));
      announce(message);
      $(`#digest tr[data-entry="${entry.id}"] .pick-button`)?.focus();
      this.state.picked?.();
    } catch (err) {
      this.render();
      showError($('#digest-error'), err, t('nearMisses.digest.pickFailed'));
    }
  }
}
