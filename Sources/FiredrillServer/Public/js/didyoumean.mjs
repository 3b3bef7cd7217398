// didyoumean.mjs: the small dialog shown when the server asks back about an action
// (422 did_you_mean), e.g. a report that names the manager: 「この報告は「上長（山本部長）」に
// 触れています。「上長（山本部長）」への連絡（エスカレーション）のつもりですか？」. It resolves to
// 'suggested' (send it as the server suggests), 'keep' (send it as it is) or 'cancel'.
import { didYouMeanTexts } from './actions.mjs';
import { el } from './dom.mjs';
import { channelName, t } from './i18n.mjs';
import { roleName } from './ui.mjs';

export function askDidYouMean(payload, suggestion, drill) {
  const texts = didYouMeanTexts(payload, suggestion, { t, roleName: (id) => roleName(drill, id), channelName });
  const opener = document.activeElement;
  return new Promise((resolve) => {
    let answer = 'cancel';
    const choose = (value) => () => { answer = value; dialog.close(); };
    const dialog = el('dialog', { id: 'dym-dialog', class: 'dialog', 'aria-labelledby': 'dym-title', 'aria-describedby': 'dym-question' },
      el('h2', { id: 'dym-title', text: t('dym.title') }),
      el('p', { id: 'dym-question', class: 'dialog-question', lang: drill.language || null, text: texts.question }),
      payload.text ? el('blockquote', { class: 'text dialog-quote', text: payload.text }) : null,
      el('div', { class: 'dialog-buttons' },
        el('button', { type: 'button', class: 'btn primary', id: 'dym-suggested', text: texts.suggested, onclick: choose('suggested') }),
        el('button', { type: 'button', class: 'btn', id: 'dym-keep', text: texts.keep, onclick: choose('keep') }),
        el('button', { type: 'button', class: 'btn link-like', id: 'dym-cancel', text: t('dym.cancel'), onclick: choose('cancel') })));
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.focus) opener.focus({ preventScroll: true });
      resolve(answer);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    dialog.querySelector('#dym-suggested').focus();
  });
}
