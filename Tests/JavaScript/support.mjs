// support.mjs: what the unit tests share: the page modules' folder and the real catalogs
// (vocabulary and pages' texts, merged the way GET /i18n/{lang}.json merges them: the
// vocabulary wins), so the tests read the words people will read.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const PUBLIC = path.join(ROOT, 'Sources/FiredrillServer/Public');
export const CATALOG = path.join(ROOT, 'Sources/FiredrillVocabulary/Catalog');

export const js = (name) => import(path.join(PUBLIC, 'js', name));

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
