// links-store.mjs: the sign-in links of drills created in this browser. The server shows a
// token's secret only once (when it is made), so the console keeps the links in
// localStorage, keyed by drill id, and matches them to the token list (GET /tokens).

const key = (drillId) => `firedrill.links.${drillId}`;

function load(drillId) {
  try { return JSON.parse(localStorage.getItem(key(drillId)) || '[]'); } catch { return []; }
}

function save(drillId, entries) {
  try { localStorage.setItem(key(drillId), JSON.stringify(entries)); } catch { /* storage full or blocked */ }
}

/** After POST /drills: the evaluator, observer and one player link per role. */
export function rememberCreated(created) {
  const entries = [
    { kind: 'evaluator', roles: [], link: created.links.evaluator, tokenId: null },
    { kind: 'observer', roles: [], link: created.links.observer, tokenId: null },
    ...Object.entries(created.links.players || {}).map(([role, link]) => ({ kind: 'player', roles: [role], link, tokenId: null })),
  ];
  save(created.id, entries);
}

/** After POST /tokens: the new token's link, with its id. */
export function rememberIssued(drillId, issued) {
  const entries = load(drillId);
  entries.push({ kind: issued.kind, roles: issued.roles || [], link: issued.link, tokenId: issued.id });
  save(drillId, entries);
}

/**
 * The known link of each token (Map token id → link). Links stored without a token id
 * (those of the drill's creation) go to the earliest token of the same kind and roles.
 */
export function linksFor(drillId, tokens) {
  const entries = load(drillId);
  const result = new Map();
  for (const e of entries) if (e.tokenId) result.set(e.tokenId, e.link);
  const sorted = [...tokens].sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  for (const e of entries) {
    if (e.tokenId) continue;
    const same = (tok) => tok.kind === e.kind && sameRoles(tok.roles, e.roles) && !result.has(tok.id);
    const match = sorted.find(same);
    if (match) result.set(match.id, e.link);
  }
  return result;
}

/** Whether this browser holds any link of the drill. */
export function hasLinks(drillId) {
  return load(drillId).length > 0;
}

function sameRoles(a, b) {
  const x = [...(a || [])].sort().join(',');
  const y = [...(b || [])].sort().join(',');
  return x === y;
}
