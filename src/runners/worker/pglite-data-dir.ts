/**
 * PGlite's initialised data directory for the browser worker: PGlite's own
 * start runs initdb in WebAssembly (over 5 s of CPU, more than a stage may
 * take to load), so the site build saves an initialised one
 * (src/site/integrations/pglite-data-dir.ts) and the worker offers it to the
 * lab's tests, which start each database from it. It is fetched only when a
 * test asks for a database, so only the inventory lab's page downloads it.
 */

/** Where the build puts the data directory, under the site's base; the worker's own script is one folder down (`_astro/`). */
export const PGLITE_DATA_DIR_PATH = 'pglite/data-dir.tar.gz';

/**
 * The global a grading host sets to offer the data directory: a function
 * returning it (gzipped tar, as PGlite's `dumpDataDir` makes it). Lab
 * fixtures look it up by this symbol, having no import of the runner.
 */
export const PGLITE_DATA_DIR_OFFER = Symbol.for('journey.pglite.data-dir');

/** Offers the build's data directory to the tests this worker runs, fetched (once) when one first asks. */
export function offerPgliteDataDir(workerUrl: string): void {
  let dump: Promise<Blob> | undefined;
  (globalThis as { [PGLITE_DATA_DIR_OFFER]?: () => Promise<Blob> })[PGLITE_DATA_DIR_OFFER] = () => {
    dump ??= fetch(new URL(`../${PGLITE_DATA_DIR_PATH}`, workerUrl)).then((response) => {
      if (!response.ok) throw new Error(`PGlite's data directory could not be loaded (${response.status})`);
      return response.blob();
    });
    // A failed fetch is forgotten, so a later database tries again.
    return dump.catch((error: unknown) => {
      dump = undefined;
      throw error;
    });
  };
}
