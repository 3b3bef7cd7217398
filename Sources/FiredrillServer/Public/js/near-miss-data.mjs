// near-miss-data.mjs: the near-miss pages' rules without the DOM (unit-tested under Node):
// tags typed as one line (comma, full-width comma or 、 between them) and compared the way
// the register compares them; the request body of POST /api/v1/near-misses and the checks
// the server makes (NearMiss.Submission.validated), run in the page before sending; the
// field and the problem in a 422 message of the server; and for the register: months,
// paging, the query and the editor link that plans a drill for some tags.

/** The register's limits (FiredrillCore/Learning/NearMiss.swift; a name as Participant.validName). */
export const LIMITS = Object.freeze({ title: 200, what_happened: 4000, tags: 8, tag: 40, name: 80, impact: [1, 5] });

/** The fields of the form, in the order people fill them (and problems are listed). */
export const FIELDS = Object.freeze(['title', 'what_happened', 'tags', 'impact', 'occurred_on', 'name']);

// Comma, full-width comma, ideographic comma 、, half-width ideographic comma ､, line break.
const TAG_SEPARATORS = /[,\uFF0C\u3001\uFF64\n\r]/;

/** What a tag compares by, as the server's NearMiss.tagKey: compatibility form (width), trimmed, lower case. */
export function tagKey(tag) {
  return String(tag ?? '').normalize('NFKC').trim().toLowerCase();
}

/** The tags of a line as typed ("誤送信、メール, ＰＤＦ"): trimmed, empty ones dropped, repeats (by tagKey) once. */
export function splitTags(text) {
  const seen = new Set();
  const tags = [];
  for (const part of String(text ?? '').split(TAG_SEPARATORS)) {
    const tag = part.trim();
    if (!tag) continue;
    const key = tagKey(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/** A tag line with one more tag (unless it is there already), joined the way the language writes lists. */
export function addTag(text, tag, language = 'ja') {
  const tags = splitTags(text);
  if (!tags.some((t) => tagKey(t) === tagKey(tag))) tags.push(String(tag).trim());
  return tags.join(language === 'ja' ? '、' : ', ');
}

const segmenter = typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function'
  ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** Characters as people (and Swift's String.count) count them: 👍🏽 and が (two code points) are one each. */
export function charCount(text) {
  const s = String(text ?? '');
  if (!segmenter) return Array.from(s).length;
  let n = 0;
  for (const _ of segmenter.segment(s)) n += 1;   // eslint-disable-line no-unused-vars
  return n;
}

/**
 * The first character the server refuses (FiredrillCore/Text/ControlCharacters.swift): C0
 * controls but tab (and line feed where line breaks are allowed), DEL, C1 controls and the
 * bidirectional overrides and isolates. {offset (1-based, in code points), code: 'U+001B'} or null.
 */
export function forbiddenCharacter(text, { newlines = false } = {}) {
  let offset = 0;
  for (const ch of String(text ?? '')) {
    offset += 1;
    const c = ch.codePointAt(0);
    if (c === 0x09 || (c === 0x0a && newlines)) continue;
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return { offset, code: 'U+' + c.toString(16).toUpperCase().padStart(4, '0') };
    }
  }
  return null;
}

/** An invisible formatting character (Unicode category Cf, such as a zero-width space), which a name may not hold. */
export function invisibleCharacter(text) {
  return /\p{Cf}/u.test(String(text ?? ''));
}

const pad = (n) => String(n).padStart(2, '0');

/** Whether a text is a real calendar day written yyyy-MM-dd. */
export function isDay(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text ?? ''));
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A day (yyyy-MM-dd) moved by whole days. */
export function addDays(day, days) {
  const [y, m, d] = String(day).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The calendar day (yyyy-MM-dd) of a Date in the browser's time zone. */
export function localDay(date = new Date()) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const oneLine = (text) => String(text ?? '').trim();
const lines = (text) => String(text ?? '').replace(/\r\n?/g, '\n').trim();

/**
 * The body of POST /api/v1/near-misses from the form's values: {title, what_happened, tags
 * (the line as typed), impact ('1'…'5' or ''), occurred_on, withName (checkbox), name}.
 * Anonymous unless withName; an anonymous report carries no name at all.
 */
export function nearMissBody(values) {
  const impact = String(values.impact ?? '').trim();
  const body = {
    title: oneLine(values.title),
    what_happened: lines(values.what_happened),
    tags: splitTags(values.tags),
    impact: /^\d+$/.test(impact) ? Number(impact) : null,
    occurred_on: String(values.occurred_on ?? '').trim(),
    anonymous: !values.withName,
  };
  if (values.withName) body.name = oneLine(values.name);
  return body;
}

/**
 * What the server would refuse in a body, checked the way it checks (today: the reporter's
 * yyyy-MM-dd; a near miss may not have happened after tomorrow): a list of
 * {field, problem, vars}, in the form's order, at most one per field. `problem` names the
 * words in the catalog (nearMiss.problem.PROBLEM).
 */
export function nearMissProblems(body, today) {
  const problems = [];
  const add = (field, problem, vars = {}) => { if (!problems.some((p) => p.field === field)) problems.push({ field, problem, vars }); };
  const text = (field, value, limit, newlines) => {
    if (!value) return add(field, 'required');
    const n = charCount(value);
    if (n > limit) return add(field, 'tooLong', { n, limit });
    if (forbiddenCharacter(value, { newlines })) add(field, 'control');
  };
  text('title', body.title, LIMITS.title, false);
  text('what_happened', body.what_happened, LIMITS.what_happened, true);
  if (body.tags.length > LIMITS.tags) add('tags', 'tooManyTags', { n: body.tags.length, limit: LIMITS.tags });
  for (const tag of body.tags) {
    if (charCount(tag) > LIMITS.tag) add('tags', 'tagTooLong', { tag, limit: LIMITS.tag });
    else if (forbiddenCharacter(tag)) add('tags', 'control');
  }
  if (!Number.isInteger(body.impact) || body.impact < LIMITS.impact[0] || body.impact > LIMITS.impact[1]) add('impact', 'impact');
  if (!isDay(body.occurred_on)) add('occurred_on', 'date');
  else if (today && body.occurred_on > addDays(today, 1)) add('occurred_on', 'future');
  if (!body.anonymous) {
    const name = body.name || '';
    if (!name) add('name', 'nameRequired');
    else if (charCount(name.normalize('NFC')) > LIMITS.name) add('name', 'nameLength', { limit: LIMITS.name });
    else if (forbiddenCharacter(name) || invisibleCharacter(name)) add('name', 'invisible');
  }
  return problems;
}

/**
 * The field and the problem of a 422 invalid_near_miss, from the server's message
 * ("'title': 205 characters; the limit is 200"): {field, problem, vars}; the field is null
 * when the message names none the form has.
 */
export function serverProblem(message) {
  const m = /^'([a-z_]+)':\s*([\s\S]*)$/.exec(String(message ?? '').trim());
  const field = m && FIELDS.includes(m[1]) ? m[1] : null;
  const detail = m ? m[2] : String(message ?? '');
  let found;
  if (/required/.test(detail)) return { field, problem: field === 'name' ? 'nameRequired' : 'required', vars: {} };
  if ((found = /(\d+) characters; the limit is (\d+)/.exec(detail))) return { field, problem: 'tooLong', vars: { n: Number(found[1]), limit: Number(found[2]) } };
  if ((found = /(\d+) tags; at most (\d+)/.exec(detail))) return { field, problem: 'tooManyTags', vars: { n: Number(found[1]), limit: Number(found[2]) } };
  if ((found = /at most (\d+) tags/.exec(detail))) return { field, problem: 'tooManyTags', vars: { n: Number(found[1]) + 1, limit: Number(found[1]) } };
  if (/control character/.test(detail)) return { field, problem: 'control', vars: {} };
  if (/invisible character/.test(detail)) return { field, problem: 'invisible', vars: {} };
  if (field === 'impact') return { field, problem: 'impact', vars: {} };
  if (/in the future/.test(detail)) return { field, problem: 'future', vars: {} };
  if (/not a date/.test(detail)) return { field, problem: 'date', vars: {} };
  if (/anonymous report has no name/.test(detail)) return { field, problem: 'nameNotAllowed', vars: {} };
  if (/gives the reporter's name/.test(detail)) return { field, problem: 'nameRequired', vars: {} };
  if ((found = /a name has 1 to (\d+) characters/.exec(detail))) return { field, problem: 'nameLength', vars: { limit: Number(found[1]) } };
  return { field, problem: 'rejected', vars: {} };
}

// ---------------------------------------------------------------- the register

/** The month (yyyy-MM) of a day. */
export function monthOf(day) {
  return String(day ?? '').slice(0, 7);
}

/** `count` months back from the month of `today`, newest first: ['2026-12', '2026-11', …]. */
export function monthsBack(today, count) {
  const [y, m] = String(today).split('-').map(Number);
  const months = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(`${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`);
  }
  return months;
}

/** A month (yyyy-MM) moved by whole months. */
export function addMonths(month, months) {
  const [y, m] = String(month).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
}

/** Whether a text is a month written yyyy-MM. */
export function isMonth(text) {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(String(text ?? ''));
}

/** The query of GET /api/v1/near-misses: limit and offset always, tag and month when chosen. */
export function registerQuery({ limit = 50, offset = 0, tag = '', month = '' } = {}) {
  const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (tag) params.set('tag', tag);
  if (month) params.set('month', month);
  return '?' + params.toString();
}

/**
 * Where a page of the register stands: {from, to} (1-based, both included; 0 and 0 when
 * empty), and the offsets of the previous and next pages (null when there is none).
 */
export function pageRange({ total, limit, offset }) {
  const from = total > 0 && offset < total ? offset + 1 : 0;
  const to = from ? Math.min(offset + limit, total) : 0;
  return {
    from, to,
    prev: offset > 0 ? Math.max(0, offset - limit) : null,
    next: offset + limit < total ? offset + limit : null,
  };
}

/**
 * The scenario editor, opened on a new scenario with these tags (`/editor.html?new=1&tags=A,B`):
 * each tag percent-encoded, so that a comma inside a tag stays in it.
 */
export function planHref(tags) {
  const list = (Array.isArray(tags) ? tags : [tags]).map((t) => String(t ?? '').trim()).filter(Boolean);
  return '/editor.html?new=1' + (list.length ? '&tags=' + list.map(encodeURIComponent).join(',') : '');
}
