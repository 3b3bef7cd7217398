// console-committee.mjs: the committee's corner of the trainer's console: the link to the
// committee's records (/committee.html, as the trainer), and a form that issues a sign-in
// link for the ISMS committee (POST /api/v1/tokens {"kind": "committee"}), shown once with
// Copy, with the links issued before (GET /api/v1/tokens) and Revoke.
import { $, el, fill } from './dom.mjs';
import { formatWallTime } from './format.mjs';
import { lang, t } from './i18n.mjs';
import { announce, copyButton, showError } from './ui.mjs';

export function wireCommittee(client) {
  const name = $('#committee-name');
  if (!name) return;
  name.value = t('committee.defaultName');
  $('#committee-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    showError($('#committee-error'), null);
    const holder = name.value.trim();
    if (!holder) { showError($('#committee-error'), { message: t('console.committee.needName') }); name.focus(); return; }
    const button = $('#committee-issue');
    button.disabled = true;
    try {
      const issued = await client.post('/tokens', { kind: 'committee', name: holder });
      fill($('#committee-issued'), el('div', { class: 'ok-box', role: 'status' },
        el('p', { text: t('console.committee.issued', { name: issued.name }) }),
        el('div', { class: 'link-row' },
          el('input', { id: 'committee-new-link', class: 'link-input mono', readOnly: true, value: issued.link, 'aria-label': t('console.committee.linkLabel') }),
          copyButton(() => issued.link, null, 'committee-new-link'))));
      $('#committee-new-link').select();
      announce(t('console.committee.issued', { name: issued.name }));
      listTokens(client);
    } catch (err) {
      showError($('#committee-error'), err, t('console.committee.failed'));
    } finally {
      button.disabled = false;
    }
  });
  listTokens(client);
}

/** The committee links issued so far (without their secrets), newest first, each revocable. */
async function listTokens(client) {
  const list = $('#committee-tokens');
  try {
    const { tokens } = await client.get('/tokens');
    const committee = tokens.filter((tk) => tk.kind === 'committee').reverse();
    $('#committee-tokens-box').hidden = committee.length === 0;
    fill(list, committee.map((tk) => el('li', { class: `token${tk.revoked_at ? ' revoked' : ''}` },
      el('span', { class: 'token-head' },
        el('strong', { text: tk.name }), ' ',
        el('span', { class: 'hint', text: t('console.committee.issuedAt', { at: formatWallTime(tk.created_at, lang()) }) }), ' ',
        tk.revoked_at ? el('span', { class: 'tag', text: t('links.revoked') }) : null),
      tk.revoked_at ? null : el('button', { type: 'button', class: 'btn small danger', text: t('links.revoke'),
        'aria-label': t('console.committee.revokeOf', { name: tk.name }),
        onclick: async () => {
          if (!confirm(t('console.committee.confirmRevoke', { name: tk.name }))) return;
          try {
            await client.del(`/tokens/${encodeURIComponent(tk.id)}`);
            announce(t('console.committee.revokedNow', { name: tk.name }));
            listTokens(client);
          } catch (err) {
            showError($('#committee-error'), err, t('console.committee.revokeFailed'));
          }
        } }))));
  } catch (err) {
    // Not the trainer: the console says so once, for the whole page.
    if (err.status !== 401 && err.status !== 403) showError($('#committee-error'), err, t('console.committee.listFailed'));
  }
}
