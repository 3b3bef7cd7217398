// index.mjs: the start page. Takes a pasted sign-in link (…/join/…) and goes there, where
// the server signs the browser in and sends it on to its page.
import { initPage } from './chrome.mjs';
import { $ } from './dom.mjs';
import { t } from './i18n.mjs';
import { tokenFrom } from './signin.mjs';
import { showError } from './ui.mjs';

await initPage({ page: 'index', drill: false });

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
