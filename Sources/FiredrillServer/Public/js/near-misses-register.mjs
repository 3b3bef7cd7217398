// near-misses-register.mjs: the register view of /near-misses.html: every near miss, highest
// priority first (the priority with its breakdown, the legend above the table), its subject
// and what happened, tags, the day it happened, its impact in words, the scenarios that
// cover it with when each was last drilled, and who reported it (or anonymous); filtered by
// tag and by month of report, PAGE_SIZE at a time (GET /api/v1/near-misses?limit&offset&tag&month).
import { dayWords } from './committee-words.mjs';
import { $, el, fill } from './dom.mjs';
import { t } from './i18n.mjs';
import { monthsBack, pageRange, registerQuery, tagKey } from './near-miss-data.mjs';
import { coverageList, impactWords, monthWords, numberWords, priorityBlock, reporterWords, tagChips } from './near-misses-words.mjs';
import { showError } from './ui.mjs';

export const PAGE_SIZE = 20;
const COLUMNS = ['priority', 'title', 'tags', 'occurred', 'impact', 'covered', 'reporter'];
const MONTHS = 24;

export class RegisterView {
  constructor(state) {
    this.state = state;
    this.offset = 0;
    this.page = null;
    $('#register-filter').addEventListener('change', () => { this.offset = 0; this.load(); });
    $('#register-filter').addEventListener('submit', (e) => e.preventDefault());
    $('#register-filter').addEventListener('reset', () => setTimeout(() => { this.offset = 0; this.load(); }, 0));
    $('#r-prev').addEventListener('click', () => this.turn('prev'));
    $('#r-next').addEventListener('click', () => this.turn('next'));
  }

  show() {}

  /** The tag and month choices: the backlog's tags, and the last two years' months. */
  fillFilters() {
    const tagSelect = $('#r-tag');
    const monthSelect = $('#r-month');
    const tag = tagSelect.value;
    const month = monthSelect.value;
    const tags = this.state.backlog.map((item) => item.tag).sort((a, b) => a.localeCompare(b, 'ja'));
    fill(tagSelect, el('option', { value: '', text: t('nearMisses.filter.allTags') }), tags.map((name) => el('option', { value: name, text: name })));
    tagSelect.value = tags.some((name) => tagKey(name) === tagKey(tag)) ? tags.find((name) => tagKey(name) === tagKey(tag)) : '';
    fill(monthSelect, el('option', { value: '', text: t('nearMisses.filter.allMonths') }),
      monthsBack(this.state.today, MONTHS).map((m) => el('option', { value: m, text: monthWords(m) })));
    monthSelect.value = month;
  }

  async load() {
    this.fillFilters();
    const query = registerQuery({ limit: PAGE_SIZE, offset: this.offset, tag: $('#r-tag').value, month: $('#r-month').value });
    const asked = query;
    this.asked = asked;
    try {
      const page = await this.state.client.get('/near-misses' + query);
      if (this.asked !== asked) return;
      this.page = page;
      showError($('#register-error'), null);
    } catch (err) {
      if (this.asked !== asked) return;
      this.page = null;
      showError($('#register-error'), err, t('nearMisses.loadFailed'));
    }
    this.render();
  }

  turn(way) {
    if (!this.page) return;
    const range = pageRange(this.page);
    const to = range[way];
    if (to === null) return;
    this.offset = to;
    this.load().then(() => $('#register-count').focus());
  }

  render() {
    const page = this.page;
    const filtered = Boolean($('#r-tag').value || $('#r-month').value);
    if (!page) {
      fill($('#register-table'));
      $('#register-count').textContent = '';
      $('#register-paging').hidden = true;
      return;
    }
    const range = pageRange(page);
    $('#register-count').textContent = page.total ? t('nearMisses.count', { from: range.from, to: range.to, total: page.total }) : '';
    $('#r-prev').disabled = range.prev === null;
    $('#r-next').disabled = range.next === null;
    $('#register-paging').hidden = range.prev === null && range.next === null;
    if (!page.near_misses.length) {
      fill($('#register-table'), el('p', { class: 'hint empty', text: t(filtered ? 'nearMisses.noneMatch' : 'nearMisses.none') }));
      return;
    }
    fill($('#register-table'), el('div', { class: 'table-wrap' },
      el('table', { class: 'data register-table' },
        el('caption', { class: 'visually-hidden', text: t('nearMisses.register.title') }),
        el('thead', {}, el('tr', {}, COLUMNS.map((key) => el('th', { scope: 'col', class: `col-${key}`, text: t(`nearMisses.col.${key}`) })))),
        el('tbody', {}, page.near_misses.map((entry) => this.row(entry))))));
  }

  row(entry) {
    const cells = {
      priority: priorityBlock(entry),
      title: [
        el('span', { class: 'entry-title', text: entry.title }),
        entry.most_valuable_of ? el('span', { class: 'chip best-chip', text: t('nearMisses.mostValuableOf', { month: monthWords(entry.most_valuable_of) }) }) : null,
        el('span', { class: 'entry-meta hint', text: t('nearMisses.entryMeta', { number: numberWords(entry.id), day: dayWords(entry.reported_on) }) }),
        el('details', { class: 'entry-details' },
          el('summary', { text: t('nearMisses.details') }),
          el('p', { class: 'entry-text', text: entry.what_happened })),
      ],
      tags: tagChips(entry.tags),
      occurred: el('span', { class: 'nowrap', text: dayWords(entry.occurred_on) }),
      impact: impactWords(entry.impact),
      covered: coverageList(entry.covered_by),
      reporter: el('span', { class: entry.name ? 'named' : 'hint', text: reporterWords(entry) }),
    };
    return el('tr', { class: 'entry-row', dataset: { entry: entry.id } },
      COLUMNS.map((key) => el('td', { class: `col-${key}`, 'data-label': t(`nearMisses.col.${key}`) }, el('div', { class: 'cell' }, cells[key]))));
  }
}
