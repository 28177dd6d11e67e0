/**
 * PGlite's initialised data directory for the graders without a disk (the
 * browser worker, the WebContainer): PGlite's own start runs initdb in
 * WebAssembly (6–9 s of CPU, more than a stage may take to load), so the site
 * build saves an initialised one (src/site/integrations/pglite-data-dir.ts)
 * and the grader offers it to the lab's tests, which start each database
 * from it. It is read only when a test asks for a database, so only the
 * inventory lab's page downloads it.
 */

/** The data directory's file name: beside the container grader, in the container and on the site. */
export const PGLITE_DATA_DIR_FILE = 'pglite-data-dir.tar.gz';

/** Where the site serves it, under its base: beside the container grader (deploy.ts GRADER_PATH), one folder up from the worker's `_astro/`. */
export const PGLITE_DATA_DIR_PATH = `webcontainer/${PGLITE_DATA_DIR_FILE}`;

/**
 * The global a grader sets to offer the data directory: a function returning
 * it (a gzipped tar, as PGlite's `dumpDataDir` makes it). Lab fixtures look it
 * up by this symbol, having no import of the runner.
 */
export const PGLITE_DATA_DIR_OFFER = Symbol.for('journey.pglite.data-dir');

/** Offers the data directory to the tests this grader runs, read (once) when one first asks; a failed read is tried again next time. */
export function offerPgliteDataDir(read: () => Promise<Blob>): void {
  let dump: Promise<Blob> | undefined;
  (globalThis as { [PGLITE_DATA_DIR_OFFER]?: () => Promise<Blob> })[PGLITE_DATA_DIR_OFFER] = () => {
    dump ??= read().catch((error: unknown) => {
      dump = undefined;
      throw error;
    });
    return dump;
  };
}

/** Offers the site's data directory to this worker, which the built site runs from `_astro/`, one folder below its base. */
export function offerSiteDataDir(workerUrl: string): void {
  offerPgliteDataDir(async () => {
    const response = await fetch(new URL(`../${PGLITE_DATA_DIR_PATH}`, workerUrl));
    if (!response.ok) throw new Error(`PGlite's data directory could not be loaded (${response.status})`);
    return response.blob();
  });
}
