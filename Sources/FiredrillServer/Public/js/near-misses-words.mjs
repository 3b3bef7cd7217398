// near-misses-words.mjs: how the near-miss register's views name things: a month
// (2026年12月, December 2026), an entry's priority with its breakdown (frequency × impact ×
// time since drilled), its impact in words, its tags, who reported it (a name, or
// anonymous), and the scenarios that cover it with when each was last drilled. Scenario
// ids never show: scenarios by title.
import { dayWords } from './committee-words.mjs';
import { el } from './dom.mjs';
import { lang, t } from './i18n.mjs';
import { localDay } from './near-miss-data.mjs';

/** A month (yyyy-MM) in the page's language. */
export function monthWords(month) {
  const [y, m] = String(month ?? '').split('-').map(Number);
  if (!y || !m) return String(month ?? '');
  return new Intl.DateTimeFormat(lang() === 'ja' ? 'ja-JP' : 'en', { year: 'numeric', month: 'long', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, 1)));
}

/** How an entry's priority comes about, in words: 「頻度 2 × 影響度 4 × 経過 3」. */
export function breakdownWords(entry) {
  return t('nearMisses.breakdown', { f: entry.frequency, i: entry.impact, s: entry.staleness });
}

/** The priority, large, with its breakdown under it. */
export function priorityBlock(entry) {
  return el('div', { class: 'priority' },
    el('span', { class: 'priority-n', text: String(entry.priority) }),
    el('span', { class: 'priority-why', text: breakdownWords(entry) }));
}

/** An impact of 1–5 with its word: 「4（大きい）」. */
export function impactWords(n) {
  return t('nearMisses.impactValue', { n, words: t(`nearMiss.impact.${n}`) });
}

/** Tags as small labels. */
export function tagChips(tags) {
  if (!tags || !tags.length) return el('span', { class: 'hint', text: t('nearMisses.noTags') });
  return el('span', { class: 'tag-chips' }, tags.map((tag) => el('span', { class: 'tag nm-tag', text: tag })));
}

/** Who reported it: the name they gave, or anonymous. */
export function reporterWords(entry) {
  return entry.name ? entry.name : t('nearMisses.anonymous');
}

/** An entry's number as people say it: 「12 番」. */
export function numberWords(id) {
  return t('nearMisses.number', { id });
}

/** When a covering scenario was last drilled live: 「最終実施 2026/12/07」, or never. */
export function drilledWords(coverage) {
  return coverage.last_drilled_at ? t('nearMisses.lastDrilled', { day: dayWords(localDay(new Date(coverage.last_drilled_at))) }) : t('nearMisses.neverDrilled');
}

/** A covering scenario's title in the page's language when it is written in it (a bundled scenario comes in English and Japanese). */
export function coverageTitle(coverage, language = lang()) {
  return (coverage.titles && coverage.titles[language]) || coverage.title;
}

/** The scenarios that cover an entry or a tag, each with when it was last drilled; or that none does. */
export function coverageList(coverage) {
  if (!coverage || !coverage.length) return el('span', { class: 'not-covered', text: t('nearMisses.notCovered') });
  return el('ul', { class: 'coverage-list' }, coverage.map((c) => el('li', { class: c.last_drilled_at ? 'drilled' : 'never' },
    el('span', { class: 'coverage-title', text: coverageTitle(c) || t('nearMisses.untitledScenario') }), ' ',
    el('span', { class: 'coverage-when', text: drilledWords(c) }))));
}
