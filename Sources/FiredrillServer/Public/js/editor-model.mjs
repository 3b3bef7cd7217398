// editor-model.mjs: the scenario editor's pure logic, without the DOM (unit-tested under
// Node). The editor holds the scenario as the JSON object the server's convert gives
// (key for key, in the file's order) and changes it in place, so keys it has no form for
// stay as they were. Here: JSON written with a map from each line to the value it holds
// (the server's problems name lines), problems mapped to fields, the fields' labels, durations as people type
// them, the timeline of injects (and the steps a long list is drawn in), find and replace
// over the scenario's text, a copy's id and title, what one role will see, and conditions
// read into the shape conditions.mjs words.

// ---------------------------------------------------------------- paths

/** ['injects', 3, 'subject'] → 'injects.3.subject' (the key of a field in the page). */
export function pathKey(path) {
  return path.join('.');
}

/** 'injects.3.subject' → ['injects', 3, 'subject'] ('' → []). */
export function keyPath(key) {
  return key === '' ? [] : key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The value at a path, or undefined. */
export function getIn(doc, path) {
  let node = doc;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

// The order keys are written in when the editor adds one the file did not have; keys the
// file has keep their places.
export const KEY_ORDER = {
  top: ['firedrill', 'id', 'title', 'summary', 'briefing', 'language', 'tags', 'duration', 'channels', 'roles', 'injects', 'objectives', 'survey', 'quiz'],
  role: ['id', 'name', 'department', 'responsibilities', 'persona'],
  persona: ['channels', 'delay', 'reply'],
  inject: ['id', 'to', 'channel', 'from', 'subject', 'body', 'at', 'when', 'delay', 'if', 'expect', 'notes'],
  objective: ['id', 'name', 'expect', 'kind', 'by', 'from', 'to', 'via', 'target', 'limit', 'weight', 'match', 'controls'],
  survey: ['question', 'kind'],
  quiz: ['id', 'question', 'choices', 'answer', 'explanation'],
};

/** Which key order applies to the object at `path` (its parent's path). */
export function orderFor(path) {
  if (path.length === 0) return KEY_ORDER.top;
  const [section] = path;
  if (section === 'roles' && path.length === 2) return KEY_ORDER.role;
  if (section === 'roles' && path[2] === 'persona') return KEY_ORDER.persona;
  if (section === 'injects') return KEY_ORDER.inject;
  if (section === 'objectives') return KEY_ORDER.objective;
  if (section === 'survey') return KEY_ORDER.survey;
  if (section === 'quiz') return KEY_ORDER.quiz;
  return [];
}

/** Whether a value counts as left empty (the key is then removed). */
export function isEmptyValue(value) {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Sets `key` of the object `obj` to `value`, in place: an empty value removes the key; a new
 * key goes where `order` puts it among the keys already there (after the last that comes
 * before it), so the saved file reads in the usual order.
 */
export function setKey(obj, key, value, order = []) {
  if (isEmptyValue(value)) { delete obj[key]; return obj; }
  if (Object.hasOwn(obj, key)) { obj[key] = value; return obj; }
  const rank = order.indexOf(key);
  const keys = Object.keys(obj);
  if (rank < 0) { obj[key] = value; return obj; }
  // The first existing key that comes after the new one in the order: insert before it.
  const beforeIndex = keys.findIndex((k) => { const r = order.indexOf(k); return r > rank; });
  if (beforeIndex < 0) { obj[key] = value; return obj; }
  const tail = keys.slice(beforeIndex).map((k) => [k, obj[k]]);
  for (const [k] of tail) delete obj[k];
  obj[key] = value;
  for (const [k, v] of tail) obj[k] = v;
  return obj;
}

/** Sets the value at `path` (creating objects on the way), in the key order of its place. */
export function setIn(doc, path, value) {
  let node = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const part = path[i];
    if (node[part] === null || typeof node[part] !== 'object') {
      if (isEmptyValue(value)) return doc;
      setKey(node, part, typeof path[i + 1] === 'number' ? [] : {}, orderFor(path.slice(0, i)));
    }
    node = node[part];
  }
  const last = path[path.length - 1];
  if (Array.isArray(node) && typeof last === 'number') node[last] = value;
  else setKey(node, last, value, orderFor(path.slice(0, -1)));
  return doc;
}

// ---------------------------------------------------------------- JSON with a line map

/**
 * The scenario as JSON text, laid out as JSON.stringify(doc, null, 2) lays it out, and
 * `paths`: for each line (index 0 = line 1) the path of the value that line holds (a key's
 * line is that key's value; a line that opens a list item is that item; a closing line is
 * the object or list it closes).
 */
export function toJSONText(doc) {
  const lines = [];
  const paths = [];
  const write = (value, path, indent, prefix, suffix) => {
    const pad = '  '.repeat(indent);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value).filter((k) => value[k] !== undefined);
      if (keys.length === 0) { lines.push(pad + prefix + '{}' + suffix); paths.push(path); return; }
      lines.push(pad + prefix + '{'); paths.push(path);
      keys.forEach((k, i) => write(value[k], path.concat(k), indent + 1, JSON.stringify(k) + ': ', i === keys.length - 1 ? '' : ','));
      lines.push(pad + '}' + suffix); paths.push(path);
    } else if (Array.isArray(value)) {
      if (value.length === 0) { lines.push(pad + prefix + '[]' + suffix); paths.push(path); return; }
      lines.push(pad + prefix + '['); paths.push(path);
      value.forEach((v, i) => write(v === undefined ? null : v, path.concat(i), indent + 1, '', i === value.length - 1 ? '' : ','));
      lines.push(pad + ']' + suffix); paths.push(path);
    } else {
      lines.push(pad + prefix + JSON.stringify(value === undefined ? null : value) + suffix); paths.push(path);
    }
  };
  write(doc, [], 0, '', '');
  return { text: lines.join('\n') + '\n', paths };
}

/** 'upload:12:7: message' → {line: 12, column: 7, message}; a problem without a place → {message}. */
export function parseProblem(problem) {
  const m = /^[^:\n]*:(\d+):(\d+):\s?([\s\S]*)$/.exec(String(problem));
  if (!m) return { line: null, column: null, message: String(problem) };
  return { line: Number(m[1]), column: Number(m[2]), message: m[3] };
}

/** Each problem with the path of the value on its line (null when it names no line). */
export function problemsWithPaths(problems, paths) {
  return (problems || []).map((p) => {
    const { line, column, message } = parseProblem(p);
    const path = line && line >= 1 && line <= paths.length ? paths[line - 1] : null;
    return { line, column, message, path, text: String(p) };
  });
}

/**
 * The field a path belongs to: the longest start of `path` that `hasField(key)` knows
 * ('injects.1.to.0' → 'injects.1.to'; an unknown key of an inject → 'injects.1'); '' when
 * none (the scenario as a whole).
 */
export function fieldFor(path, hasField) {
  if (!path) return '';
  for (let n = path.length; n > 0; n--) {
    const key = pathKey(path.slice(0, n));
    if (hasField(key)) return key;
  }
  return '';
}

// ---------------------------------------------------------------- field labels

// The label of each field of the forms ('subject': the catalog's 'editor.field.subject'),
// by the field's path without the items' indexes: the forms label their fields with it, and
// a problem or a found text in an item whose form is not drawn yet is named with it.
export const FIELD_LABELS = {
  title: 'title', id: 'id', language: 'language', duration: 'duration', briefing: 'briefing', summary: 'summary', tags: 'tags', channels: 'channels',
  'roles.name': 'roleName', 'roles.id': 'id', 'roles.department': 'department', 'roles.responsibilities': 'responsibilities',
  'roles.persona': 'simulated', 'roles.persona.channels': 'personaChannels', 'roles.persona.delay': 'personaDelay', 'roles.persona.reply': 'personaReply',
  'injects.subject': 'subject', 'injects.id': 'id', 'injects.to': 'to', 'injects.channel': 'channel', 'injects.from': 'from', 'injects.body': 'body',
  'injects.at': 'at', 'injects.when': 'when', 'injects.delay': 'delay', 'injects.if': 'if', 'injects.expect': 'expect', 'injects.notes': 'notes',
  'objectives.name': 'objectiveName', 'objectives.id': 'id', 'objectives.kind': 'kind', 'objectives.by': 'by', 'objectives.from': 'objectiveFrom',
  'objectives.to': 'escalateTo', 'objectives.via': 'via', 'objectives.target': 'target', 'objectives.limit': 'limit', 'objectives.weight': 'weight',
  'objectives.match': 'match', 'objectives.expect': 'objectiveExpect', 'objectives.controls': 'controls',
  survey: 'question', 'survey.question': 'question', 'survey.kind': 'surveyKind',   // survey: a question written as a bare text
  'quiz.question': 'quizQuestion', 'quiz.id': 'id', 'quiz.choices': 'choices', 'quiz.answer': 'answer', 'quiz.explanation': 'explanation',
};

/**
 * The label (catalog key) of the field a path is in: ['injects', 3, 'to', 0] → 'editor.field.to';
 * null when the editor has no field for it.
 */
export function fieldLabelKey(path) {
  const parts = (path || []).filter((p) => typeof p !== 'number');
  for (let n = parts.length; n > 0; n--) {
    const name = FIELD_LABELS[parts.slice(0, n).join('.')];
    if (name) return `editor.field.${name}`;
  }
  return null;
}

// ---------------------------------------------------------------- durations

const FULL_WIDTH = /[０-９：．]/g;

/** Full-width digits and punctuation to ASCII, spaces trimmed. */
function narrow(text) {
  return String(text).replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').trim();
}

/**
 * Seconds of a duration as the scenario format reads it: 90s, 5m, 1h, 1h30m, 2m30s, a
 * bare number of seconds, or Japanese as people type it (20分, 1時間30分, 90秒, 1時間半,
 * 1分半, full-width digits). null when it is not a duration.
 */
export function parseDuration(value) {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  if (value === null || value === undefined) return null;
  const text = narrow(value);
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text);
  const latin = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (latin && (latin[1] || latin[2] || latin[3])) {
    return Number(latin[1] || 0) * 3600 + Number(latin[2] || 0) * 60 + Number(latin[3] || 0);
  }
  const ja = /^(?:(\d+)\s*時間(半)?)?\s*(?:(\d+)\s*分(半)?)?\s*(?:(\d+)\s*秒)?$/.exec(text);
  if (ja && (ja[1] || ja[3] || ja[5])) {
    if (ja[2] && (ja[3] || ja[5])) return null;   // 1時間半30分
    if (ja[4] && ja[5]) return null;               // 1分半30秒
    return Number(ja[1] || 0) * 3600 + (ja[2] ? 1800 : 0) + Number(ja[3] || 0) * 60 + (ja[4] ? 30 : 0) + Number(ja[5] || 0);
  }
  return null;
}

/** A drill time typed in the timeline: a duration, or a clock (12:00, 1:05:00). */
export function parseTime(value) {
  const text = narrow(value ?? '');
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(text);
  if (clock) {
    const [h, m, s] = clock[1] === undefined ? [0, Number(clock[2]), Number(clock[3])] : [Number(clock[1]), Number(clock[2]), Number(clock[3])];
    if (s >= 60 || (clock[1] !== undefined && m >= 60)) return null;
    return h * 3600 + m * 60 + s;
  }
  return parseDuration(text);
}

/** Whether a duration was written the Japanese way (時間, 分, 秒). */
export function durationStyle(value) {
  return /[時分秒]/.test(String(value ?? '')) ? 'ja' : 'en';
}

/** Seconds written as a duration: 4500 → '1h15m' / '1時間15分'; 0 → '0s' / '0秒'. */
export function formatDuration(seconds, style = 'en') {
  const total = Math.max(0, Math.round(Number(seconds) || 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const units = style === 'ja' ? ['時間', '分', '秒'] : ['h', 'm', 's'];
  let out = '';
  if (h) out += h + units[0];
  if (m) out += m + units[1];
  if (s || !out) out += s + units[2];
  return out;
}

// ---------------------------------------------------------------- timeline

/**
 * The injects in drill-time order: `scheduled` (with `at`, by time, then file order; those
 * whose time cannot be read last) and `triggered` (with `when`, in file order). Each entry:
 * {index, id, subject, seconds, at, when, delay}.
 */
export function timeline(doc) {
  const scheduled = [];
  const triggered = [];
  (doc.injects || []).forEach((inject, index) => {
    if (!inject || typeof inject !== 'object') return;
    const entry = { index, id: inject.id, subject: inject.subject, to: inject.to, channel: inject.channel };
    if (inject.when !== undefined && inject.at === undefined) {
      triggered.push({ ...entry, when: inject.when, delay: inject.delay, delaySeconds: parseDuration(inject.delay ?? 0) });
    } else {
      scheduled.push({ ...entry, at: inject.at, seconds: parseDuration(inject.at) });
    }
  });
  scheduled.sort((a, b) => {
    const x = a.seconds ?? Infinity;
    const y = b.seconds ?? Infinity;
    return x === y ? a.index - b.index : x - y;
  });
  return { scheduled, triggered };
}

/**
 * Moves inject `index` to drill time `seconds` (never before 0), written the way its time
 * was written (20分 stays Japanese, 5m stays short). Returns the new `at`.
 */
export function moveInject(doc, index, seconds) {
  const inject = doc.injects[index];
  const style = durationStyle(inject.at);
  const at = formatDuration(Math.max(0, seconds), style);
  setKey(inject, 'at', at, KEY_ORDER.inject);
  return at;
}

/**
 * How a long list (the timeline, a role's messages) is drawn in steps: [start, end) slices of
 * its `count` rows, the first `first` at once, then `size` at a time, so that 5,000 injects
 * do not hold up the page's first view.
 */
export function drawingSteps(count, first, size) {
  const firstEnd = Math.min(count, first);
  const steps = firstEnd > 0 ? [[0, firstEnd]] : [];
  for (let start = firstEnd; start < count; start += size) steps.push([start, Math.min(count, start + size)]);
  return steps;
}

// ---------------------------------------------------------------- find and replace

// The fields that hold text people read (ids, references, kinds, channels, times and
// conditions are not text; keys the editor does not know are left alone).
const TEXT_FIELDS = {
  top: new Set(['title', 'summary', 'briefing']),
  topLists: new Set(['tags']),
  role: new Set(['name', 'department']),
  roleLists: new Set(['responsibilities']),
  persona: new Set(['reply']),
  inject: new Set(['from', 'subject', 'body', 'expect', 'notes']),
  objective: new Set(['name', 'expect']),
  objectiveLists: new Set(['match']),
  survey: new Set(['question']),
  quiz: new Set(['question', 'explanation']),
  quizLists: new Set(['choices']),
};

/** Every text of the scenario as {path, value}, in the file's order. */
export function textEntries(doc) {
  const out = [];
  const add = (path, value) => { if (typeof value === 'string') out.push({ path, value }); };
  const addList = (path, list) => { if (Array.isArray(list)) list.forEach((v, i) => add(path.concat(i), v)); };
  const fields = (obj, path, single, lists) => {
    if (!obj || typeof obj !== 'object') return;
    for (const key of Object.keys(obj)) {
      if (single && single.has(key)) add(path.concat(key), obj[key]);
      else if (lists && lists.has(key)) addList(path.concat(key), obj[key]);
    }
  };
  for (const key of Object.keys(doc || {})) {
    const value = doc[key];
    if (TEXT_FIELDS.top.has(key)) add([key], value);
    else if (TEXT_FIELDS.topLists.has(key)) addList([key], value);
    else if (key === 'roles' && Array.isArray(value)) {
      value.forEach((role, i) => {
        fields(role, ['roles', i], TEXT_FIELDS.role, TEXT_FIELDS.roleLists);
        if (role && role.persona && typeof role.persona === 'object') fields(role.persona, ['roles', i, 'persona'], TEXT_FIELDS.persona);
      });
    } else if (key === 'injects' && Array.isArray(value)) {
      value.forEach((inject, i) => fields(inject, ['injects', i], TEXT_FIELDS.inject));
    } else if (key === 'objectives' && Array.isArray(value)) {
      value.forEach((o, i) => fields(o, ['objectives', i], TEXT_FIELDS.objective, TEXT_FIELDS.objectiveLists));
    } else if (key === 'survey' && Array.isArray(value)) {
      value.forEach((q, i) => (typeof q === 'string' ? add(['survey', i], q) : fields(q, ['survey', i], TEXT_FIELDS.survey)));
    } else if (key === 'quiz' && Array.isArray(value)) {
      value.forEach((q, i) => fields(q, ['quiz', i], TEXT_FIELDS.quiz, TEXT_FIELDS.quizLists));
    }
  }
  return out;
}

function countIn(text, needle) {
  if (!needle) return 0;
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * Where `needle` occurs in the scenario's text: [{path, key, count, value, after}] with the
 * text before and after replacing, and the total.
 */
export function findMatches(doc, needle, replacement = '') {
  const matches = [];
  let total = 0;
  if (!needle) return { matches, total };
  for (const { path, value } of textEntries(doc)) {
    const count = countIn(value, needle);
    if (!count) continue;
    total += count;
    matches.push({ path, key: pathKey(path), count, value, after: value.split(needle).join(replacement) });
  }
  return { matches, total };
}

/** Replaces `needle` in the texts at `keys` (all texts when omitted); the number replaced. */
export function replaceMatches(doc, needle, replacement, keys) {
  const only = keys ? new Set(keys) : null;
  let replaced = 0;
  for (const match of findMatches(doc, needle, replacement).matches) {
    if (only && !only.has(match.key)) continue;
    const parent = getIn(doc, match.path.slice(0, -1));
    parent[match.path[match.path.length - 1]] = match.after;
    replaced += match.count;
  }
  return replaced;
}

/** Short pieces of `text` around each `needle`, for the preview: [{before, match, after}]. */
export function snippets(text, needle, radius = 18, limit = 3) {
  const out = [];
  if (!needle) return out;
  for (let at = text.indexOf(needle); at >= 0 && out.length < limit; at = text.indexOf(needle, at + needle.length)) {
    const start = Math.max(0, at - radius);
    const end = Math.min(text.length, at + needle.length + radius);
    out.push({
      before: (start > 0 ? '…' : '') + text.slice(start, at).replace(/\s+/g, ' '),
      match: needle,
      after: text.slice(at + needle.length, end).replace(/\s+/g, ' ') + (end < text.length ? '…' : ''),
    });
  }
  return out;
}

// ---------------------------------------------------------------- copies and new items

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isSlug(text) {
  return SLUG.test(String(text ?? ''));
}

/**
 * The id of a copy: 'x' → 'x-copy', then 'x-copy-2', … not among `taken`, within the
 * 64 characters of an id ('x-copy' → 'x-copy-2', not 'x-copy-copy').
 */
export function deriveCopyId(id, taken = []) {
  const used = new Set(taken);
  const base = String(id || 'scenario').replace(/-copy(-\d+)?$/, '');
  const fit = (suffix) => base.slice(0, 64 - suffix.length).replace(/-+$/, '') + suffix;
  let candidate = fit('-copy');
  for (let n = 2; used.has(candidate); n++) candidate = fit(`-copy-${n}`);
  return candidate;
}

/** The title of a copy: 「…（コピー）」 for Japanese text, '… (copy)' otherwise. */
export function copyTitle(title, language) {
  const t = String(title ?? '').trim();
  return String(language || '').toLowerCase().startsWith('ja') ? `${t}（コピー）` : `${t} (copy)`;
}

/** A fresh id for a new item of a list: 'inject-1', 'inject-2', … not used in `items`. */
export function freshId(items, prefix) {
  const used = new Set((items || []).map((x) => x && x.id));
  let n = (items || []).length + 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** A new, empty scenario that needs only its words: one role, one inject, one objective. */
export function blankScenario(language = 'ja', { tags = [] } = {}) {
  return {
    firedrill: 1,
    id: 'new-scenario',
    title: '',
    language,
    ...(tags.length ? { tags: [...tags] } : {}),
    duration: language === 'ja' ? '1時間' : '1h',
    roles: [{ id: 'role-1', name: '' }],
    injects: [{ id: 'inject-1', to: 'all', channel: 'email', subject: '', at: language === 'ja' ? '0秒' : '0s' }],
    objectives: [{ id: 'objective-1', kind: 'acknowledge', from: 'inject-1', target: language === 'ja' ? '5分' : '5m' }],
  };
}

/**
 * What `/editor.html?new=1&tags=A,B` asks for (the near-miss backlog's "plan this drill"):
 * {fresh: whether to start a new scenario, tags: the tags to fill in}. The tags are split at
 * the commas of the address before decoding, so a tag may hold an encoded comma (%2C);
 * blanks and repeats are dropped.
 */
export function plannedScenario(search) {
  let fresh = false;
  const tags = [];
  for (const pair of String(search ?? '').replace(/^\?/, '').split('&')) {
    const at = pair.indexOf('=');
    const key = decodePart(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : pair.slice(at + 1);
    if (key === 'new') fresh = value !== '0' && value !== 'false';
    if (key !== 'tags') continue;
    for (const part of value.split(',')) {
      const tag = decodePart(part).trim();
      if (tag && !tags.includes(tag)) tags.push(tag);
    }
  }
  return { fresh, tags };
}

function decodePart(text) {
  try { return decodeURIComponent(text.replace(/\+/g, ' ')); } catch { return text; }
}

// ---------------------------------------------------------------- what a role sees

/** Whether an inject's `to` reaches role `roleId` ('all' reaches every played role). */
export function reaches(to, roleId) {
  if (to === 'all') return true;
  if (Array.isArray(to)) return to.includes('all') || to.includes(roleId);
  return to === roleId;
}

/**
 * What a player of role `roleId` sees: the briefing, the role's card and the injects
 * addressed to it (scheduled ones by time, then those that wait on a condition), with only
 * what players are shown (never `expect`, `notes` or the summary).
 */
export function rolePreview(doc, roleId) {
  const role = (doc.roles || []).find((r) => r && r.id === roleId) || null;
  const shown = (inject, extra) => ({
    index: extra.index, subject: inject.subject ?? '', from: inject.from ?? '', channel: inject.channel ?? '',
    body: inject.body ?? '', ...extra,
  });
  const { scheduled, triggered } = timeline(doc);
  const injects = [];
  for (const entry of scheduled) {
    const inject = doc.injects[entry.index];
    if (reaches(inject.to, roleId)) injects.push(shown(inject, { index: entry.index, seconds: entry.seconds, conditional: Boolean(inject.if) }));
  }
  for (const entry of triggered) {
    const inject = doc.injects[entry.index];
    if (reaches(inject.to, roleId)) injects.push(shown(inject, { index: entry.index, seconds: null, when: inject.when, delaySeconds: entry.delaySeconds, conditional: true }));
  }
  return {
    role: role ? { id: role.id, name: role.name ?? '', department: role.department ?? '' } : null,
    title: doc.title ?? '',
    briefing: doc.briefing ?? '',
    responsibilities: Array.isArray(role?.responsibilities) ? role.responsibilities.slice() : [],
    injects,
  };
}

// ---------------------------------------------------------------- conditions

/**
 * A condition as written in a scenario (`not met(a) and delivered(b)`) in the shape
 * conditions.mjs puts into words ({met}, {delivered}, {not}, {and: […]}, {or: […]});
 * null when it cannot be read.
 */
export function parseCondition(text) {
  const tokens = [];
  const source = String(text ?? '');
  const re = /\s*(?:(\()|(\))|(met|delivered)\(\s*([a-z0-9][a-z0-9-]*)\s*\)|(and|or|not)(?![\w-])|(\S))/gy;
  let m;
  while (re.lastIndex < source.length && (m = re.exec(source))) {
    if (m[6] !== undefined) return null;
    if (m[1]) tokens.push('(');
    else if (m[2]) tokens.push(')');
    else if (m[3]) tokens.push({ [m[3]]: m[4] });
    else if (m[5]) tokens.push(m[5]);
    if (/^\s*$/.test(source.slice(re.lastIndex))) break;
  }
  if (tokens.length === 0) return null;
  let i = 0;
  const parseOr = () => {
    const items = [parseAnd()];
    while (tokens[i] === 'or') { i++; items.push(parseAnd()); }
    return items.length === 1 ? items[0] : { or: items };
  };
  const parseAnd = () => {
    const items = [parseUnary()];
    while (tokens[i] === 'and') { i++; items.push(parseUnary()); }
    return items.length === 1 ? items[0] : { and: items };
  };
  const parseUnary = () => {
    const token = tokens[i++];
    if (token === 'not') return { not: parseUnary() };
    if (token === '(') {
      const inner = parseOr();
      if (tokens[i++] !== ')') throw new Error('unclosed');
      return inner;
    }
    if (token && typeof token === 'object') return token;
    throw new Error('unexpected');
  };
  try {
    const result = parseOr();
    return i === tokens.length ? result : null;
  } catch {
    return null;
  }
}

/**
 * Renames an id of a role, an inject or an objective (`kind`) everywhere the scenario refers
 * to it: recipients and `by`/`to` for roles, `from` and delivered(…) for injects, met(…)
 * for objectives. The item's own `id` is changed by the caller.
 */
export function renameId(doc, kind, from, to) {
  if (!from || !to || from === to) return;
  const swap = (list) => (Array.isArray(list) ? list.map((x) => (x === from ? to : x)) : (list === from ? to : list));
  const inCondition = (text, fn) => (typeof text === 'string'
    ? text.replace(new RegExp(`\\b${fn}\\(\\s*${from}\\s*\\)`, 'g'), `${fn}(${to})`)
    : text);
  for (const inject of doc.injects || []) {
    if (!inject || typeof inject !== 'object') continue;
    if (kind === 'role' && inject.to !== undefined && inject.to !== 'all') inject.to = swap(inject.to);
    for (const key of ['when', 'if']) {
      if (kind === 'inject' && inject[key] !== undefined) inject[key] = inCondition(inject[key], 'delivered');
      if (kind === 'objective' && inject[key] !== undefined) inject[key] = inCondition(inject[key], 'met');
    }
  }
  for (const objective of doc.objectives || []) {
    if (!objective || typeof objective !== 'object') continue;
    if (kind === 'role') {
      if (objective.by !== undefined) objective.by = swap(objective.by);
      if (objective.to !== undefined) objective.to = swap(objective.to);
    }
    if (kind === 'inject' && objective.from !== undefined) objective.from = swap(objective.from);
  }
}

/** Lines of a text box as a list: trimmed, blank lines dropped. */
export function linesToList(text) {
  return String(text ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
}

/** A list (or a single value) as the lines of a text box. */
export function listToLines(list) {
  if (list === undefined || list === null) return '';
  return (Array.isArray(list) ? list : [list]).map((x) => String(x)).join('\n');
}
