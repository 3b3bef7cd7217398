// support.mjs: what the unit tests share: the page modules' folder and the real catalogs
// (vocabulary and pages' texts, merged the way GET /i18n/{lang}.json merges them: the
// vocabulary wins), so the tests read the words people will read.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const PUBLIC = path.join(ROOT, 'Sources/FiredrillServer/Public');
export const CATALOG = path.join(ROOT, 'Sources/FiredrillVocabulary/Catalog');

export const js = (name) => import(path.join(PUBLIC, 'js', name));

/**
 * Each page's markup as the server serves its body: every line `<!-- part: NAME k=v … -->`
 * replaced by `parts/NAME.html` with its `{{k}}` filled (Controllers/PageShell.swift).
 */
export function servedPages() {
  return readdirSync(PUBLIC).filter((f) => f.endsWith('.html')).map((file) => {
    const text = readFileSync(path.join(PUBLIC, file), 'utf8').replace(/^( *)<!-- part: ([a-z-]+)((?: [a-z0-9-]+=[a-z0-9-]+)*) -->$/gm, (_, indent, name, args) => {
      let part = readFileSync(path.join(PUBLIC, 'parts', `${name}.html`), 'utf8').replace(/\n$/, '');
      for (const [, key, value] of args.matchAll(/ ([a-z0-9-]+)=([a-z0-9-]+)/g)) part = part.split(`{{${key}}}`).join(value);
      return part.split('\n').map((line) => (line ? indent + line : line)).join('\n');
    });
    return { file, text };
  });
}

export function readCatalog(file, lang) {
  return JSON.parse(readFileSync(path.join(CATALOG, `${file}.${lang}.json`), 'utf8'));
}

/** The page catalog of a language as the server serves it. */
export function pageCatalog(lang) {
  return { ...readCatalog('pages', lang), ...readCatalog('vocabulary', lang) };
}

/** t() over the real catalog of a language (English behind it). */
export async function translator(lang) {
  const { createTranslator } = await js('catalog.mjs');
  return createTranslator(pageCatalog(lang), pageCatalog('en')).t;
}
