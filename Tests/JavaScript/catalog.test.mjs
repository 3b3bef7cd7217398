import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { js, PUBLIC, pageCatalog, readCatalog, servedPages, translator } from './support.mjs';

const { createTranslator, interpolate } = await js('catalog.mjs');

test('interpolation fills {name} and leaves unknown placeholders visible', () => {
  assert.equal(interpolate('残り {left}（{x}）', { left: '45:00' }), '残り 45:00（{x}）');
  assert.equal(interpolate('{n} 件', { n: 0 }), '0 件');
  assert.equal(interpolate('{constructor}', {}), '{constructor}');
});

test('a missing key falls back to English, then to the key itself', () => {
  const { t, tOpt, has } = createTranslator({ 'a.b': 'ja {n}' }, { 'a.b': 'en {n}', 'only.en': 'English {n}' });
  assert.equal(t('a.b', { n: 1 }), 'ja 1');
  assert.equal(t('only.en', { n: 2 }), 'English 2');
  assert.equal(t('nowhere'), 'nowhere');
  assert.equal(tOpt('nowhere'), undefined);
  assert.equal(has('toString'), false, 'no prototype keys');
});

test('the pages catalog: same keys and placeholders in English and Japanese', () => {
  const en = readCatalog('pages', 'en');
  const ja = readCatalog('pages', 'ja');
  assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
  const holes = (s) => [...s.matchAll(/\{[a-z_]+\}/gi)].map((m) => m[0]).sort();
  for (const key of Object.keys(en)) assert.deepEqual(holes(ja[key]), holes(en[key]), key);
});

test('every text the pages ask for by a literal key exists in both languages', () => {
  const used = new Set();
  const folder = path.join(PUBLIC, 'js');
  for (const file of readdirSync(folder)) {
    const source = readFileSync(path.join(folder, file), 'utf8');
    for (const m of source.matchAll(/\bt(?:Opt)?\('([a-z][\w.-]*[\w-])'\s*[,)]/g)) used.add(m[1]);
  }
  // The pages as served, with the parts they share (Public/parts/) put in and filled.
  const pages = servedPages();
  assert.ok(pages.some((p) => p.text.includes('data-i18n="editor.section.quiz"')), 'parts are put in with their values');
  for (const { text } of pages) {
    assert.ok(!text.includes('<!-- part:') && !text.includes('{{'), 'every part is put in and filled');
    for (const m of text.matchAll(/data-i18n="([^"]+)"/g)) used.add(m[1]);
  }
  assert.ok(used.size > 150);
  for (const lang of ['en', 'ja']) {
    const catalog = pageCatalog(lang);
    const missing = [...used].filter((key) => !(key in catalog));
    assert.deepEqual(missing, [], `missing in ${lang}`);
  }
  // Families asked for by a computed key.
  const ja = pageCatalog('ja');
  for (const kind of ['acknowledge', 'escalate', 'action', 'communicate', 'report', 'resolve']) {
    for (const key of [`kind.${kind}`, `kind.${kind}.label`, `kind.${kind}.hint`, `did.${kind}`]) assert.ok(key in ja, key);
  }
  for (const page of ['index', 'play', 'console', 'evaluate', 'observe']) assert.ok(`chrome.${page}` in ja);
  for (const problem of ['kind', 'text', 'target', 'channel', 'tooLong']) assert.ok(`compose.problem.${problem}` in ja);
  for (const status of ['ready', 'running', 'paused', 'interrupted', 'finished']) assert.ok(`drill.${status}` in ja && `compose.closed.${status}` in ja || status === 'running');
});

test('Japanese page texts hold no English words, ids or command syntax', async () => {
  const ja = readCatalog('pages', 'ja');
  // Proper names and formats that stay as they are.
  const allowed = new Set(['firedrill', 'serve', 'YAML', 'JSON', 'PDF', 'P', 'S', 'M', 'U', 'English', 'join']);
  for (const [key, text] of Object.entries(ja)) {
    const words = text.replace(/\{[a-z_]+\}/gi, '').match(/[A-Za-z][A-Za-z-]*/g) || [];
    const foreign = words.filter((w) => !allowed.has(w));
    assert.deepEqual(foreign, [], `${key}: ${text}`);
    assert.doesNotMatch(text, /トークン|met\(|ack \[|（ack|\bescalate\b/, key);
  }
  const t = await translator('ja');
  assert.equal(t('chrome.console'), 'トレーナー画面');
  assert.equal(t('kind.escalate.label'), '上長・関係者へ連絡（エスカレーション）');
});

test('every error code the server can answer has a text in both languages (the pages show it instead of the status)', () => {
  const sources = path.join(PUBLIC, '..', '..');
  const codes = new Set();
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.swift')) {
        const source = readFileSync(full, 'utf8');
        const pattern = /(?:APIError(?:\.[a-z]+)?\(|APIError\(\.[a-zA-Z]+, |InputError\(\.[a-zA-Z]+, |\.invalid\(|\.conflict\(|code: )"([a-z_]+)"/g;
        for (const m of source.matchAll(pattern)) codes.add(m[1]);
      }
    }
  };
  walk(sources);
  assert.ok(codes.size > 40, `found ${codes.size} codes: the pattern no longer matches how errors are written`);
  for (const lang of ['en', 'ja']) {
    const catalog = readCatalog('pages', lang);
    const missing = [...codes].filter((code) => !(`error.${code}` in catalog)).sort();
    assert.deepEqual(missing, [], `pages.${lang}.json lacks error texts`);
  }
});
