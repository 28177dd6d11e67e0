/**
 * A Vite plugin for the bundles that carry the embedded grader: Sucrase's
 * import of its `Options` module resolves to sucrase-options.ts, which leaves
 * the runtime options check (and ts-interface-checker) out of the bundle.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const standIn = fileURLToPath(new URL('./sucrase-options.ts', import.meta.url));

/** True when `importer` is one of Sucrase's own modules and `source` its Options module. */
export function isSucraseOptions(source: string, importer: string): boolean {
  return /\/node_modules\/sucrase\/dist\/esm\/[^/]+\.js$/.test(importer) && /^\.\/Options(\.js)?$/.test(source);
}

export function sucraseUncheckedOptions(): Plugin {
  return {
    name: 'packet-journey:sucrase-options',
    enforce: 'pre',
    resolveId(source, importer) {
      return importer && isSucraseOptions(source, importer) ? standIn : null;
    },
  };
}
