// console-committee.mjs: the server-wide links of the trainer's console, one card each: the
// committee's (the link to its records, /committee.html as the trainer, and a form that
// issues a sign-in link for the ISMS committee) and the near-miss reporters' (the link to
// the near-miss register, /near-misses.html as the trainer, and a form that issues a link
// people use to report near misses). POST /api/v1/tokens {"kind": "committee" | "reporter"};
// a new link is shown once with Copy, with the links of its kind issued before
// (GET /api/v1/tokens) and Revoke. Each card's ids and texts start with its kind
// (#committee-name, console.committee.issued; #reporter-name, console.reporter.issued).
import { $, el, fill } from './dom.mjs';
import { formatWallTime } from './format.mjs';
import { lang, t } from './i18n.mjs';
import { announce, copyButton, showError } from './ui.mjs';

/** The default holder of a new link of each kind. */
const DEFAULT_NAME = { committee: 'committee.defaultName', reporter: 'console.reporter.defaultName' };

export function wireCommittee(client) {
  wireServerLinks(client, 'committee');
  wireServerLinks(client, 'reporter');
}

function wireServerLinks(client, kind) {
  const name = $(`#${kind}-name`);
  if (!name) return;
  const text = (key, vars) => t(`console.${kind}.${key}`, vars);
  name.value = t(DEFAULT_NAME[kind]);
  $(`#${kind}-form`).addEventListener('submit', async (e) => {
    e.preventDefault();
    showError($(`#${kind}-error`), null);
    const holder = name.value.trim();
    if (!holder) { showError($(`#${kind}-error`), { message: text('needName') }); name.focus(); return; }
    const button = $(`#${kind}-issue`);
    button.disabled = true;
    try {
      const issued = await client.post('/tokens', { kind, name: holder });
      fill($(`#${kind}-issued`), el('div', { class: 'ok-box', role: 'status' },
        el('p', { text: text('issued', { name: issued.name }) }),
        el('div', { class: 'link-row' },
          el('input', { id: `${kind}-new-link`, class: 'link-input mono', readOnly: true, value: issued.link, 'aria-label': text('linkLabel') }),
          copyButton(() => issued.link, null, `${kind}-new-link`))));
      $(`#${kind}-new-link`).select();
      announce(text('issued', { name: issued.name }));
      listTokens(client, kind);
    } catch (err) {
      showError($(`#${kind}-error`), err, text('failed'));
    } finally {
      button.disabled = false;
    }
  });
  listTokens(client, kind);
}

/** The links of a kind issued so far (without their secrets), newest first, each revocable. */
async function listTokens(client, kind) {
  const list = $(`#${kind}-tokens`);
  const text = (key, vars) => t(`console.${kind}.${key}`, vars);
  try {
    const { tokens } = await client.get('/tokens');
    const issued = tokens.filter((tk) => tk.kind === kind).reverse();
    $(`#${kind}-tokens-box`).hidden = issued.length === 0;
    fill(list, issued.map((tk) => el('li', { class: `token${tk.revoked_at ? ' revoked' : ''}` },
      el('span', { class: 'token-head' },
        el('strong', { text: tk.name }), ' ',
        el('span', { class: 'hint', text: text('issuedAt', { at: formatWallTime(tk.created_at, lang()) }) }), ' ',
        tk.revoked_at ? el('span', { class: 'tag', text: t('links.revoked') }) : null),
      tk.revoked_at ? null : el('button', { type: 'button', class: 'btn small danger', text: t('links.revoke'),
        'aria-label': text('revokeOf', { name: tk.name }),
        onclick: async () => {
          if (!confirm(text('confirmRevoke', { name: tk.name }))) return;
          try {
            await client.del(`/tokens/${encodeURIComponent(tk.id)}`);
            announce(text('revokedNow', { name: tk.name }));
            listTokens(client, kind);
          } catch (err) {
            showError($(`#${kind}-error`), err, text('revokeFailed'));
          }
        } }))));
  } catch (err) {
    // Not the trainer: the console says so once, for the whole page.
    if (err.status !== 401 && err.status !== 403) showError($(`#${kind}-error`), err, text('listFailed'));
  }
}
