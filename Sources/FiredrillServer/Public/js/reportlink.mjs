// reportlink.mjs: once the drill has ended, the link to the server's after-action report
// (GET /api/v1/drills/ID/report?format=html, a document of its own: opened, never framed).
import { enc } from './api.mjs';
import { el, fill } from './dom.mjs';
import { t } from './i18n.mjs';

export function reportHref(drillId, kind) {
  return `/api/v1/drills/${enc(drillId)}/report?format=html&as=${enc(kind)}`;
}

/** Shows the section with the link when the drill is finished; hides it otherwise. */
export function showReportLink(section, { drillId, kind, status }) {
  if (!section) return;
  const finished = status === 'finished';
  section.hidden = !finished;
  if (!finished || section.dataset.filled) return;
  section.dataset.filled = 'yes';
  fill(section.querySelector('.report-body') || section,
    el('p', { text: t('report.ready') }),
    el('p', {}, el('a', { class: 'btn primary report-link', href: reportHref(drillId, kind), target: '_blank', rel: 'noopener', text: t('report.open') })),
    el('p', { class: 'hint', text: t('report.print') }));
}
