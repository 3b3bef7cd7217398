import assert from 'node:assert/strict';
import { test } from 'node:test';
import { js, translator } from './support.mjs';

const names = await js('names.mjs');
const { tokenFrom } = await js('signin.mjs');
const tJa = await translator('ja');

const drill = { roles: [{ id: 'promotion', name: 'プロモーション担当', department: 'プロモーション部' }, { id: 'supervisor', name: '上長（山本部長）', department: null }] };

test('roles and recipients read as names, never ids', () => {
  assert.equal(names.roleName(drill, 'promotion', tJa), 'プロモーション担当');
  assert.equal(names.roleName(drill, 'ghost-role', tJa), '別の役割');
  assert.equal(names.roleLabel(drill, 'promotion', tJa), 'プロモーション担当（プロモーション部）');
  assert.equal(names.recipients(drill, 'all', tJa), '全員');
  assert.equal(names.recipients(drill, ['all'], tJa), '全員');
  assert.equal(names.recipients(drill, ['promotion', 'supervisor'], tJa), 'プロモーション担当、上長（山本部長）');
});

test('a pasted sign-in link gives its token; anything else gives nothing', () => {
  assert.equal(tokenFrom('  http://127.0.0.1:8080/join/fdp_abcDEF123-_x  '), 'fdp_abcDEF123-_x');
  assert.equal(tokenFrom('fdp_abcDEF123'), 'fdp_abcDEF123');
  assert.equal(tokenFrom('https://x/join/short'), '');
  assert.equal(tokenFrom('<script>'), '');
});
