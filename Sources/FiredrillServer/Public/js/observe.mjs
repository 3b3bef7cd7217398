// observe.mjs: the observer's page (/observe.html#drill=ID): a read-only live view for the
// committee, with the objective board (the official score beside its coverage and the
// automatic score) and the timeline of what every role received and did, in words (never
// expect or notes), readable on a projector: large type is on by default and can be turned off.
import { initPage } from './chrome.mjs';
import { el } from './dom.mjs';
import { t } from './i18n.mjs';
import { startStaffPage } from './staff.mjs';

const LARGE_KEY = 'firedrill.largeType';

let on = true;
try { on = localStorage.getItem(LARGE_KEY) !== 'no'; } catch { /* ignore */ }
const button = el('button', { type: 'button', id: 'large-type', class: 'btn small', 'aria-pressed': String(on) });
await initPage({ page: 'observe', tools: [button] });
button.textContent = t('observe.large');
const apply = () => {
  document.documentElement.classList.toggle('large-type', on);
  button.setAttribute('aria-pressed', String(on));
};
apply();
button.addEventListener('click', () => {
  on = !on;
  apply();
  try { localStorage.setItem(LARGE_KEY, on ? 'yes' : 'no'); } catch { /* ignore */ }
});
await startStaffPage({ kind: 'observer', showExpected: false });
