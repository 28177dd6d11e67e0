/**
 * Vite plugins that hand one package's import of one module a stand-in of
 * the course's own, where what the package loads costs a reader or learner
 * download they do not need; every other importer still gets the real module.
 */
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

/** Resolves an import matching `source`, from an importer matching `importer`, to `standInFile` (relative to this file). */
function standIn(
  name: string,
  source: RegExp,
  importer: RegExp,
  standInFile: string,
): Plugin {
  const file = fileURLToPath(new URL(standInFile, import.meta.url));
  return {
    name: `packet-journey:${name}`,
    enforce: "pre",
    resolveId: (id, from) =>
      from && source.test(id) && importer.test(from) ? file : null,
  };
}

/**
 * Starlight's search component imports Pagefind's UI when each page is idle:
 * a quarter of a chapter page's script, fetched whether or not the reader
 * searches. Its stand-in (search/pagefind-on-open.ts) loads the real UI when
 * search is opened. The importer is the component or the script Astro hoists from it.
 */
export function searchOnOpen(): Plugin {
  return standIn(
    "search-on-open",
    /^@pagefind\/default-ui$/,
    /@astrojs\/starlight\/.*\/Search\.astro(\?|$)/,
    "../search/pagefind-on-open.ts",
  );
}

/**
 * For the bundles that carry the embedded grader: Sucrase's import of its own
 * `Options` module gets runners/embedded/sucrase-options.ts, which leaves the
 * runtime options check (and ts-interface-checker) out of the bundle.
 */
export function sucraseUncheckedOptions(): Plugin {
  return standIn(
    "sucrase-options",
    /^\.\/Options(\.js)?$/,
    /\/node_modules\/sucrase\/dist\/esm\/[^/]+\.js$/,
    "../../runners/embedded/sucrase-options.ts",
  );
}
