/**
 * Starlight's search component imports Pagefind's UI when each page is
 * idle: a quarter of a chapter page's script, fetched whether or not the
 * reader searches. This Vite plugin hands that one import a stand-in
 * (search/pagefind-on-open.ts) that loads the real UI when search is opened;
 * every other importer still gets the real package.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const PACKAGE = '@pagefind/default-ui';
const standIn = fileURLToPath(new URL('../search/pagefind-on-open.ts', import.meta.url));

/** True for Starlight's search component, or the script Astro hoists from it. */
export function isStarlightSearch(importer: string): boolean {
  return /@astrojs\/starlight\/.*\/Search\.astro(\?|$)/.test(importer);
}

export function searchOnOpen(): Plugin {
  return {
    name: 'packet-journey:search-on-open',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === PACKAGE && importer && isStarlightSearch(importer) ? standIn : null;
    },
  };
}
