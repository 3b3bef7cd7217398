// conditions.mjs: an inject's trigger and guard in words, with names instead of ids.
// A condition is {"met": objective} | {"delivered": inject} | {"not": C} | {"and": [C…]} |
// {"or": [C…]}. Negations are pushed down to the names first (not (A and B) reads
// "A not met or B not met"), so every sentence speaks of objectives and messages by name.
// No DOM: unit-tested under Node. `names` = {objective(id) → name?, inject(id) → subject?}.
import { durationWords } from './format.mjs';

/** The condition with its negations moved onto the atoms. */
export function normalize(condition, negated = false) {
  if (!condition || typeof condition !== 'object') return { atom: 'unknown', negated };
  if ('not' in condition) return normalize(condition.not, !negated);
  for (const op of ['and', 'or']) {
    if (Array.isArray(condition[op])) {
      const items = condition[op].map((c) => normalize(c, negated));
      if (items.length === 1) return items[0];
      return { op: negated ? (op === 'and' ? 'or' : 'and') : op, items };
    }
  }
  if ('met' in condition) return { atom: 'met', id: condition.met, negated };
  if ('delivered' in condition) return { atom: 'delivered', id: condition.delivered, negated };
  return { atom: 'unknown', negated };
}

function atomName(node, names, t) {
  if (node.atom === 'met') return names.objective?.(node.id) || t('cond.someObjective');
  if (node.atom === 'delivered') return names.inject?.(node.id) || t('cond.someMessage');
  return '';
}

// form: 'final' (the sentence ends here) or 'cont' (an "and" follows: 「…されておらず、」).
function clause(node, names, t, form) {
  if (node.atom) {
    if (node.atom === 'unknown') return t('cond.unknown');
    const key = `cond.${node.atom}${node.negated ? '.not' : ''}${form === 'cont' ? '.cont' : ''}`;
    return t(key, { name: atomName(node, names, t) });
  }
  // and: every part but the last in its continuative form; or: every part in its final form.
  const parts = node.items.map((item, i) => {
    const last = i === node.items.length - 1;
    const itemForm = node.op === 'and' && !last ? 'cont' : (last ? form : 'final');
    return item.op ? t('cond.group', { cond: clause(item, names, t, 'final') }) : clause(item, names, t, itemForm);
  });
  let text = parts[0];
  for (const part of parts.slice(1)) text = t(`cond.${node.op}`, { a: text, b: part });
  return text;
}

/** A condition as a clause: 「『A』がまだ達成されておらず、かつ『B』がまだ達成されていない」. */
export function conditionInWords(condition, names, t) {
  return clause(normalize(condition), names || {}, t, 'final');
}

/** A guard (`if`): 「『A』がまだ達成されていない場合」 / "if “A” has not been met yet". */
export function guardInWords(condition, names, t) {
  if (!condition) return '';
  return t('cond.if', { cond: conditionInWords(condition, names, t) });
}

/**
 * When an inject goes out, in words: 「開始 3 分後」, 「『X』の達成から 3 分後」, "At the start",
 * "Sent by the trainer when needed (ad-lib)".
 */
export function triggerInWords(trigger, names, t) {
  if (!trigger) return '';
  const delay = Number(trigger.delay_seconds) || 0;
  switch (trigger.kind) {
    case 'at': {
      const at = Number(trigger.at_seconds) || 0;
      return at > 0 ? t('trigger.at', { d: durationWords(at, t) }) : t('trigger.start');
    }
    case 'when': {
      const node = normalize(trigger.when);
      const simple = node.atom && node.atom !== 'unknown' && !node.negated;
      if (simple) {
        const name = atomName(node, names || {}, t);
        const key = node.atom === 'met' ? 'Met' : 'Delivered';
        return delay > 0 ? t(`trigger.after${key}`, { name, d: durationWords(delay, t) }) : t(`trigger.on${key}`, { name });
      }
      const cond = conditionInWords(trigger.when, names, t);
      return delay > 0 ? t('trigger.afterCond', { cond, d: durationWords(delay, t) }) : t('trigger.onCond', { cond });
    }
    case 'adlib':
      return t('trigger.adlib');
    default:
      return '';
  }
}
