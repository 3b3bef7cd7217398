// console-links.mjs: the sign-in links and who has joined. One group per played role, plus
// the evaluator and observer links; each link shows its number in the group, the name its holder gave,
// when they joined, its link (when this browser kept it) with a copy button, and a revoke
// button. "Another link" issues a new token for the group. Polled every few seconds. Links
// are numbered within their group (「リンク 2」); token labels and ids stay off the page.
import { enc } from './api.mjs';
import { $, el, fill } from './dom.mjs';
import { formatWallTime } from './format.mjs';
import { lang, t } from './i18n.mjs';
import { linksFor, rememberIssued } from './links-store.mjs';
import { announce, copyButton, roleName, showError } from './ui.mjs';

export class LinksPanel {
  constructor({ container, errorBox, ctx }) {
    this.container = container;
    this.errorBox = errorBox;
    this.ctx = ctx;
    this.lastKey = '';
    this.refresh();
    setInterval(() => { if (!document.hidden) this.refresh(); }, 4000);
    document.addEventListener('visibilitychange', () => { if (!document.hidden) this.refresh(); });
  }

  async refresh() {
    try {
      const { tokens } = await this.ctx.client.get(`/drills/${enc(this.ctx.drillId)}/tokens`);
      showError(this.errorBox, null);
      const links = linksFor(this.ctx.drillId, tokens);
      const key = JSON.stringify([tokens, Array.from(links.entries())]);
      if (key === this.lastKey) return;     // nothing new: leave focus and selection alone
      this.lastKey = key;
      this.render(tokens, links);
    } catch (err) {
      showError(this.errorBox, err, t('links.failed'));
    }
  }

  render(tokens, links) {
    const drill = this.ctx.drill;
    const played = (drill.roles || []).filter((r) => !r.simulated);
    const groups = [
      ...played.map((r) => ({ key: `player:${r.id}`, title: r.name, sub: r.department, kind: 'player', roles: [r.id] })),
      { key: 'evaluator:', title: t('token.evaluator'), sub: t('links.evaluatorHelp'), kind: 'evaluator', roles: [] },
      { key: 'observer:', title: t('token.observer'), sub: t('links.observerHelp'), kind: 'observer', roles: [] },
    ];
    const groupOf = (tok) => `${tok.kind}:${tok.kind === 'player' ? [...tok.roles].sort().join(',') : ''}`;
    // Player tokens for several roles get a group of their own.
    for (const tok of tokens) {
      const k = groupOf(tok);
      if (!groups.some((g) => g.key === k)) groups.push({ key: k, title: tok.roles.map((id) => roleName(drill, id)).join(' + '), kind: tok.kind, roles: tok.roles });
    }
    fill(this.container, el('div', { class: 'link-groups' }, groups.map((g) => {
      const members = tokens.filter((tok) => groupOf(tok) === g.key);
      const headingId = `lg-${g.key.replace(/[^a-z0-9]/gi, '-')}`;
      return el('section', { class: 'link-group', 'aria-labelledby': headingId, dataset: { group: g.key } },
        el('h3', { id: headingId },
          el('span', { lang: drill.language || null, text: g.title }),
          g.sub ? el('span', { class: 'role-dept', lang: drill.language || null, text: ` · ${g.sub}` }) : null),
        el('ul', { class: 'token-list' }, members.map((tok, i) => this.tokenRow(tok, links.get(tok.id), i + 1, g.title))),
        el('button', { type: 'button', class: 'btn small', text: t(g.kind === 'player' ? 'links.anotherRole' : 'links.another'),
          onclick: () => this.issue(g.kind, g.roles) }));
    })));
  }

  tokenRow(tok, link, n, groupTitle) {
    const revoked = Boolean(tok.revoked_at);
    const inputId = `link-${tok.id}`;
    const label = t('links.item', { n });
    const who = tok.name
      ? el('span', { class: 'joined' }, el('strong', { text: tok.name }), ` · ${t('links.joined', { at: formatWallTime(tok.joined_at, lang(), { timeOnly: true }) })}`)
      : el('span', { class: 'not-joined', text: t('links.notJoined') });
    const described = { ...tok, label: t('links.itemOf', { group: groupTitle, n }) };
    return el('li', { class: ['token', revoked ? 'revoked' : null], dataset: { token: tok.id, kind: tok.kind, roles: tok.roles.join(',') } },
      el('div', { class: 'token-head' },
        el('span', { class: 'token-label', text: label }), ' ',
        revoked ? el('span', { class: 'chip status-finished', text: t('links.revoked') }) : who),
      revoked ? null : (link
        ? el('div', { class: 'link-row' },
          el('label', { class: 'visually-hidden', for: inputId, text: t('links.linkFor', { label: described.label }) }),
          el('input', { id: inputId, class: 'link-input mono', type: 'text', readOnly: true, value: link, onfocus: (e) => e.target.select() }),
          copyButton(() => link, t('action.copy')))
        : el('p', { class: 'hint', text: t('links.unknown') })),
      revoked ? null : el('div', { class: 'btn-row' },
        link ? null : el('button', { type: 'button', class: 'btn small', text: t('links.issueNew'), onclick: () => this.issue(tok.kind, tok.roles) }),
        el('button', { type: 'button', class: 'btn small danger', text: t('links.revoke'), 'aria-label': t('links.revokeOf', { label: described.label }), onclick: () => this.revoke(described) })));
  }

  async issue(kind, roles) {
    try {
      const body = kind === 'player' ? { kind, roles } : { kind };
      const issued = await this.ctx.client.post(`/drills/${enc(this.ctx.drillId)}/tokens`, body);
      rememberIssued(this.ctx.drillId, issued);
      announce(t('links.issued'));
      await this.refresh();
      const input = $(`#link-${CSS.escape(issued.id)}`, this.container);
      if (input) input.focus();
    } catch (err) {
      showError(this.errorBox, err, t('links.issueFailed'));
    }
  }

  async revoke(tok) {
    if (!window.confirm(t('links.confirmRevoke', { label: tok.label }))) return;
    try {
      await this.ctx.client.del(`/drills/${enc(this.ctx.drillId)}/tokens/${enc(tok.id)}`);
      announce(t('links.revokedNow', { label: tok.label }));
      await this.refresh();
    } catch (err) {
      showError(this.errorBox, err, t('links.revokeFailed'));
    }
  }
}
