// rolecard.mjs: the participant's role card, what the organisation expects of their role
// ("Declare the incident and name a communications lead"). The server sends a player the
// cards of its own roles only; myRoleCards() keeps to those. The card shows in the briefing
// (under the player's role), and at any time in a dialog opened by the "Your role" buttons
// (on the inbox and beside the composer): Escape or Close returns to where the player was.
import { el } from './dom.mjs';
import { t } from './i18n.mjs';
import { myRoleCards } from './play-data.mjs';

export { myRoleCards };

let serial = 0;

/** One card: a small heading (the label in the briefing, the role's name in the dialog) and its lines. */
export function roleCardNode(card, { lang = null, withName = false, department = null } = {}) {
  const id = `role-card-${++serial}`;
  return el('section', { class: 'role-card-box', 'aria-labelledby': id, dataset: { role: card.role } },
    withName
      ? el('h3', { id, class: 'role-card-title' },
        el('span', { lang, text: card.name }),
        department ? el('span', { class: 'role-dept', lang, text: ` · ${department}` }) : null)
      : el('p', { id, class: 'role-card-label', text: t('roleCard.label') }),
    el('ul', { class: 'role-card-list', lang }, card.responsibilities.map((line) => el('li', { text: line }))));
}

/** Opens the dialog with the player's cards; focus comes back to the opener when it closes. */
export function openRoleCards(drill) {
  const cards = myRoleCards(drill);
  if (!cards.length) return;
  const opener = document.activeElement;
  const lang = drill.language || null;
  const department = (role) => ((drill.roles || []).find((r) => r.id === role) || {}).department || null;
  const close = el('button', { type: 'button', id: 'role-card-close', class: 'btn primary', text: t('roleCard.close') });
  const dialog = el('dialog', { id: 'role-card-dialog', class: 'dialog role-card-dialog',
    'aria-labelledby': 'role-card-dialog-title', 'aria-describedby': 'role-card-dialog-intro' },
  el('h2', { id: 'role-card-dialog-title', text: t('roleCard.title') }),
  el('p', { id: 'role-card-dialog-intro', class: 'hint', text: t('roleCard.intro') }),
  cards.map((card) => roleCardNode(card, { lang, withName: true, department: department(card.role) })),
  el('div', { class: 'dialog-buttons' }, close));
  close.addEventListener('click', () => dialog.close());
  // A click on the dimmed page around the dialog closes it too.
  dialog.addEventListener('click', (e) => {
    if (e.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) dialog.close();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener && opener.focus) opener.focus({ preventScroll: true });
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  close.focus();
}

/** Shows the buttons that open the dialog (only when the player has a card) and wires them. */
export function wireRoleCardButtons(buttons, getDrill) {
  const has = myRoleCards(getDrill()).length > 0;
  for (const button of buttons) {
    if (!button) continue;
    button.hidden = !has;
    button.setAttribute('aria-haspopup', 'dialog');
    button.addEventListener('click', () => openRoleCards(getDrill()));
  }
}
