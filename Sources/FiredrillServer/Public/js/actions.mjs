// actions.mjs: a participant's response as the structure the server records
// (POST …/actions {role, kind, text, target?, channel?, in_reply_to?, confirmed?}), and the
// answer to the server's question back (422 did_you_mean): send it as suggested, or keep
// it as it was. No command strings, no DOM: unit-tested under Node.

export const KINDS = ['acknowledge', 'escalate', 'action', 'communicate', 'report', 'resolve'];

/** Kinds that mean nothing without a text. */
export const NEEDS_TEXT = new Set(['action', 'communicate', 'report']);

/** Line breaks as \n, no blank lines at either end; the text is otherwise kept as typed. */
export function cleanText(text) {
  return String(text ?? '').replace(/\r\n?/g, '\n').replace(/^(?:[ \t\u3000]*\n)+/, '').replace(/\s+$/, '');
}

/**
 * The request body from the composer's state, or {problem} naming what is missing:
 * 'kind', 'text', 'target', 'channel', 'tooLong'.
 */
export function buildAction({ role, kind, text, target, channel, inReplyTo, maxText }) {
  if (!KINDS.includes(kind)) return { problem: 'kind' };
  const body = cleanText(text);
  if (NEEDS_TEXT.has(kind) && !body.trim()) return { problem: 'text' };
  if (maxText && [...body].length > maxText) return { problem: 'tooLong' };
  const payload = { role, kind, text: body };
  if (kind === 'escalate') {
    if (!target) return { problem: 'target' };
    if (!channel) return { problem: 'channel' };
    payload.target = target;
    payload.channel = channel;
  }
  if (inReplyTo) payload.in_reply_to = inReplyTo;
  return { payload };
}

/** The server's suggestion when it asked back (422 did_you_mean), else null. */
export function suggestionOf(error) {
  if (!error || error.code !== 'did_you_mean' || !error.suggestion || !error.suggestion.kind) return null;
  return error.suggestion;
}

/** The action sent again as the server suggested (e.g. an escalation to the manager by phone). */
export function asSuggested(payload, suggestion) {
  const next = { ...payload, kind: suggestion.kind, confirmed: true };
  delete next.target;
  delete next.channel;
  if (suggestion.kind === 'escalate') {
    next.target = suggestion.target;
    next.channel = suggestion.channel || 'chat';
  }
  return next;
}

/** The action sent again as it was, confirmed. */
export function asConfirmed(payload) {
  return { ...payload, confirmed: true };
}

/**
 * The texts of the question: 「この報告は「上長（山本部長）」に触れています。…のつもりですか？」,
 * the button that sends as suggested, and the one that keeps the action.
 */
export function didYouMeanTexts(payload, suggestion, { t, roleName, channelName }) {
  const name = suggestion.target_name || (suggestion.target ? roleName(suggestion.target) : '');
  const vars = { name, kind: t('kind.' + payload.kind), suggested: t('kind.' + suggestion.kind), channel: suggestion.channel ? channelName(suggestion.channel) : '' };
  if (suggestion.kind === 'escalate') {
    return {
      question: t(payload.kind === 'report' ? 'dym.reportQuestion' : 'dym.question', vars),
      suggested: t(suggestion.channel ? 'dym.sendEscalateVia' : 'dym.sendEscalate', vars),
      keep: t('dym.keep', vars),
    };
  }
  return { question: t('dym.otherQuestion', vars), suggested: t('dym.sendOther', vars), keep: t('dym.keep', vars) };
}
