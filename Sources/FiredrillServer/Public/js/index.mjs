// index.mjs: the start page. Takes a pasted sign-in link (…/join/TOKEN) or a bare token and
// goes to /join/TOKEN, where the server swaps it for a session cookie and sends the browser on.
import { $ } from './dom.mjs';
import { t } from './i18n.mjs';
import { initChrome } from './page.mjs';
import { showError } from './ui.mjs';

initChrome();

/** The token in a pasted link or text, or '' when there is none. */
export function tokenFrom(text) {
  let s = text.trim();
  const at = s.indexOf('/join/');
  if (at >= 0) s = s.slice(at + '/join/'.length);
  s = s.split(/[?#\s]/)[0];
  try { s = decodeURIComponent(s); } catch { /* keep as is */ }
  return /^[A-Za-z0-9_\-.~]{8,200}$/.test(s) ? s : '';
}

$('#signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const token = tokenFrom($('#signin-link').value);
  if (!token) {
    showError($('#signin-error'), { message: t('index.badLink') });
    $('#signin-link').focus();
    return;
  }
  location.assign(`/join/${encodeURIComponent(token)}`);
});
