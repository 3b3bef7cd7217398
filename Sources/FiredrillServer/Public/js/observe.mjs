// observe.mjs: the observer's page (/observe.html#drill=ID): a read-only live view for the
// committee, with the timeline of what every role received and did, the objective board
// and the metrics (never expect or notes), readable on a projector with large type.
import { $ } from './dom.mjs';
import { initChrome } from './page.mjs';
import { startStaffPage } from './staff.mjs';

const LARGE_KEY = 'firedrill.largeType';

initChrome();
wireLargeType();
await startStaffPage({ kind: 'observer', showExpected: false });

function wireLargeType() {
  const button = $('#large-type');
  const apply = (on) => {
    document.documentElement.classList.toggle('large-type', on);
    button.setAttribute('aria-pressed', String(on));
  };
  let on = false;
  try { on = localStorage.getItem(LARGE_KEY) === 'yes'; } catch { /* ignore */ }
  apply(on);
  button.addEventListener('click', () => {
    on = !on;
    apply(on);
    try { localStorage.setItem(LARGE_KEY, on ? 'yes' : 'no'); } catch { /* ignore */ }
  });
}
