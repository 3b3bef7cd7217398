// catalog.mjs: looking texts up in a catalog (key → text with {name} placeholders), with a
// fallback catalog for keys the first lacks. No DOM: unit-tested under Node.

/** Fills {name} placeholders; a placeholder without a value stays as written. */
export function interpolate(text, vars) {
  if (!vars) return text;
  return String(text).replace(/\{(\w+)\}/g, (whole, name) =>
    (Object.hasOwn(vars, name) && vars[name] !== null && vars[name] !== undefined ? String(vars[name]) : whole));
}

/**
 * A translator over `primary`, falling back to `fallback` (English) for a missing key, and
 * to the key itself when neither has it. t(key, vars); tOpt(key, vars) gives undefined
 * instead of the key; has(key).
 */
export function createTranslator(primary, fallback) {
  const tables = [primary || {}, fallback || {}];
  const lookup = (key) => {
    for (const table of tables) if (Object.hasOwn(table, key) && typeof table[key] === 'string') return table[key];
    return undefined;
  };
  const t = (key, vars) => {
    const text = lookup(key);
    return text === undefined ? key : interpolate(text, vars);
  };
  const tOpt = (key, vars) => {
    const text = lookup(key);
    return text === undefined ? undefined : interpolate(text, vars);
  };
  return { t, tOpt, has: (key) => lookup(key) !== undefined };
}
