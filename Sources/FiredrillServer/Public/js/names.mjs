// names.mjs: ids as names: roles, recipients, objectives and injects. Never an id on
// screen: an unknown id reads as "another role" / 「別の役割」. No DOM: unit-tested under Node.

export function roleName(drill, id, t) {
  if (id === 'all') return t('recipients.all');
  const role = ((drill && drill.roles) || []).find((r) => r.id === id);
  return role ? role.name : t('names.someRole');
}

/** A role with its department: 「上長（山本部長） · マーケティング本部 プロモーション部」. */
export function roleLabel(drill, id, t) {
  const role = ((drill && drill.roles) || []).find((r) => r.id === id);
  if (!role) return roleName(drill, id, t);
  return role.department ? t('names.roleWithDept', { name: role.name, dept: role.department }) : role.name;
}

/** "all" or a list of role ids, as names: 「全員」, 「プロモーション担当、商品企画担当」. */
export function recipients(drill, to, t) {
  if (to === null || to === undefined || to === 'all') return t('recipients.all');
  const list = Array.isArray(to) ? to : [to];
  if (list.includes('all')) return t('recipients.all');
  return list.map((id) => roleName(drill, id, t)).join(t('names.separator'));
}

/** A name lookup for objectives and injects (for conditions in words). */
export function nameBook(objectives, injects) {
  const obj = new Map((objectives || []).map((o) => [o.id, o.name]));
  const inj = new Map((injects || []).map((i) => [i.id, i.subject]));
  return { objective: (id) => obj.get(id) || null, inject: (id) => inj.get(id) || null };
}
