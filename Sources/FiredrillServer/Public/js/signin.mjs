// signin.mjs: the token in a pasted sign-in link (…/join/TOKEN) or a bare token.
// No DOM: unit-tested under Node.

/** The token in a pasted link or text, or '' when there is none. */
export function tokenFrom(text) {
  let s = String(text ?? '').trim();
  const at = s.indexOf('/join/');
  if (at >= 0) s = s.slice(at + '/join/'.length);
  s = s.split(/[?#\s]/)[0];
  try { s = decodeURIComponent(s); } catch { /* keep as is */ }
  return /^[A-Za-z0-9_\-.~]{8,200}$/.test(s) ? s : '';
}
