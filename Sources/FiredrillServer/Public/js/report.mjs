// report.mjs: the after-action report once the drill has ended, for the trainer, evaluators
// and observers. The page shows the JSON report (score, objectives, metrics, timeline,
// observations, survey) as readable tables, then the server's own document: the HTML
// report when the server offers one (opened as a page), else the Markdown as plain text.
import { enc } from './api.mjs';
import { formatClock } from './clock.mjs';
import { el, fill } from './dom.mjs';
import { channelName, t, tOpt } from './i18n.mjs';
import { metricsList } from './board.mjs';
import { errorBox } from './ui.mjs';

export async function renderReport(container, { client, drillId, kind, drill }) {
  fill(container, el('p', { class: 'hint', text: t('report.loading') }));
  let report;
  try {
    report = await client.get(`/drills/${enc(drillId)}/report?format=json`);
  } catch (err) {
    fill(container, errorBox(err, t('report.failed')));
    return;
  }
  const lang = drill.language || null;
  const names = new Map((report.roles || drill.roles || []).map((r) => [r.id, r.name]));
  const role = (id) => (id ? names.get(id) || id : '');
  const objNames = new Map((report.objectives || []).map((o) => [o.id, o.name || o.id]));
  const cov = report.coverage || {};
  const info = report.drill || {};

  fill(container,
    el('div', { class: 'report-summary' },
      el('p', { class: 'score big' },
        el('span', { class: 'score-label', text: t('report.score') }),
        el('span', { class: 'score-value', text: report.score === null ? '–' : String(report.score) }),
        el('span', { class: 'score-of', text: '/ 100' })),
      el('p', { text: t('board.coverage', { n: cov.objectives_exercised ?? 0, total: cov.objectives_total ?? 0, w: cov.weight_exercised ?? 0, wt: cov.weight_total ?? 0 }) }),
      el('p', { text: t('report.ended', { at: formatClock(info.ended_at_seconds), reason: t('reason.' + (info.end_reason || 'completed')), actions: info.actions ?? 0 }) })),

    el('h3', { text: t('report.objectives') }),
    table(t('report.objectives'), [t('report.col.objective'), t('report.col.status'), t('report.col.elapsed'), t('board.credit'), t('board.rating'), t('board.metBy')],
      (report.objectives || []).map((o) => [
        el('span', { lang, text: o.name || o.id }),
        t('obj.' + (o.status === 'met' ? (o.credit === 1 ? 'met-on-time' : 'met-late') : o.status)),
        o.elapsed_seconds === null || o.elapsed_seconds === undefined ? '–' : formatClock(o.elapsed_seconds),
        o.credit === null || o.credit === undefined ? '–' : `${Math.round(o.credit * 100)}%`,
        [o.rating || '–', o.evaluator_rating ? ` (${t('board.evaluatorRating')} ${o.evaluator_rating})` : ''].join(''),
        role(o.met_by)])),

    el('h3', { text: t('board.metrics') }),
    metricsList(report.metrics || {}),

    el('h3', { text: t('report.timeline') }),
    table(t('report.timeline'), [t('report.col.time'), t('report.col.event'), t('report.col.detail')],
      (report.timeline || []).map((e) => [formatClock(e.at_seconds), tOpt('report.type.' + e.type) ?? e.type, timelineDetail(e, role, objNames, lang)])),

    el('h3', { text: t('report.observations') }),
    (report.observations || []).length
      ? table(t('report.observations'), [t('report.col.time'), t('report.col.by'), t('report.col.objective'), t('board.rating'), t('report.col.text')],
        report.observations.map((o) => [formatClock(o.at_seconds), o.by || '', o.objective ? objNames.get(o.objective) || o.objective : t('obs.whole'), o.rating || '–', el('span', { class: 'text', text: o.text || '' })]))
      : el('p', { class: 'hint', text: t('report.none') }),

    el('h3', { text: t('report.survey') }),
    (report.survey || []).length
      ? el('ol', { class: 'report-survey' }, report.survey.map((q) => el('li', {},
        el('p', { class: 'q', lang, text: q.question }),
        q.kind === 'scale' && q.count ? el('p', { text: t('report.scale', { n: q.count, answers: (q.answers || []).join(', ') || '–', median: q.median ?? '–' }) }) : null,
        (q.texts || []).length ? el('ul', { class: 'texts' }, q.texts.map((x) => el('li', { class: 'text', text: x }))) : null,
        !(q.count) ? el('p', { class: 'hint', text: t('report.noAnswers') }) : null)))
      : el('p', { class: 'hint', text: t('report.none') }),

    el('div', { class: 'report-docs', id: 'report-docs' }, el('p', { class: 'hint', text: t('report.loading') })));

  renderDocuments(container.querySelector('#report-docs'), { client, drillId, kind });
}

/** The server's own report: HTML when offered (a link to open it), else Markdown as text. */
async function renderDocuments(box, { client, drillId, kind }) {
  const base = `/api/v1/drills/${enc(drillId)}/report`;
  try {
    await client.text(`/drills/${enc(drillId)}/report?format=html`);
    fill(box, el('h3', { text: t('report.document') }),
      el('p', {}, el('a', { class: 'btn', href: `${base}?format=html&as=${enc(kind)}`, target: '_blank', rel: 'noopener', text: t('report.openHtml') })),
      el('p', {}, el('a', { href: `${base}?format=md&as=${enc(kind)}`, text: t('report.markdownLink') })));
    return;
  } catch { /* no HTML report on this server yet: show the Markdown */ }
  try {
    const md = await client.text(`/drills/${enc(drillId)}/report?format=md`);
    const url = URL.createObjectURL(new Blob([md], { type: 'text/markdown' }));
    fill(box, el('h3', { text: t('report.document') }),
      el('p', {}, el('a', { class: 'btn', href: url, download: `${drillId}.md`, text: t('report.downloadMd') })),
      el('details', { class: 'report-md' },
        el('summary', { text: t('report.showMd') }),
        el('pre', { class: 'md', tabIndex: 0, text: md })));
  } catch (err) {
    fill(box, errorBox(err, t('report.failed')));
  }
}

function timelineDetail(e, role, objNames, lang) {
  const parts = [];
  switch (e.type) {
    case 'inject-delivered': case 'inject-skipped':
      parts.push(`${channelName(e.channel)}: `, el('span', { lang, text: e.subject || '' }), ` (${e.inject})`);
      break;
    case 'action':
      parts.push(el('strong', { text: role(e.role) }), ` ${t('report.kind.' + e.kind)}`,
        e.target ? ` → ${role(e.target)}` : '', e.channel ? ` (${channelName(e.channel)})` : '',
        e.text ? `: ${e.text}` : '');
      if (e.met && e.met.length) parts.push(el('span', { class: 'met-inline', text: ` ✓ ${e.met.map((m) => objNames.get(m.objective || m) || m.objective || m).join(', ')}` }));
      break;
    case 'persona-reply':
      parts.push(el('strong', { text: role(e.role) }), ` → ${role(e.to || e.target)}: `, el('span', { lang, text: e.text || '' }));
      break;
    case 'observation':
      parts.push(e.rating ? `[${e.rating}] ` : '', e.text || '');
      break;
    case 'ended':
      parts.push(t('reason.' + (e.reason || e.text || 'completed')));
      break;
    default:
      if (e.text) parts.push(e.text);
  }
  return el('span', { class: 'text' }, parts);
}

function table(label, headers, rows) {
  return el('div', { class: 'table-wrap', tabIndex: 0, role: 'region', 'aria-label': label },
    el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) => el('td', { 'data-label': headers[i] }, c)))))));
}
