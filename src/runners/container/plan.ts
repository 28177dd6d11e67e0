/**
 * Exactly what the WebContainer runner mounts and spawns, as plain data: the
 * browser mounts it, and the parity test writes it to a folder and runs it
 * with real Node. One function for both is what makes the test honest.
 */
import { importedPackages } from '../embedded/imports.ts';
import { PGLITE_DATA_DIR_FILE } from '../embedded/pglite-data-dir.ts';
import type { RunRequest } from '../embedded/protocol.ts';

export interface ContainerPlan {
  /** Path → file contents, relative to the container's working directory. */
  files: Record<string, string | Uint8Array>;
  command: string;
  args: string[];
}

/**
 * Files mounted beside the grader for runs whose files import a package:
 * `installed`, the package's own files, which it reads from beside its module
 * (`new URL(name, import.meta.url)`, beside grader.mjs once bundled), and
 * `built`, files the site build makes. PGlite's PostgreSQL build (≈ 15 MB) and
 * an initialised data directory (≈ 4.5 MB), so the container need not run initdb.
 */
export const PACKAGE_FILES: Readonly<Record<string, { installed: readonly string[]; built: readonly string[] }>> = {
  '@electric-sql/pglite': { installed: ['pglite.wasm', 'pglite.data', 'initdb.wasm'], built: [PGLITE_DATA_DIR_FILE] },
};

/** The package files (PACKAGE_FILES) that `run` needs mounted beside the grader. */
export function packageFilesFor(run: RunRequest): string[] {
  return importedPackages(Object.keys(PACKAGE_FILES), run.files.map(([, text]) => text)).flatMap((name) => [...PACKAGE_FILES[name]!.installed, ...PACKAGE_FILES[name]!.built]);
}

/** The files and command that run `run` with the bundled grader, and the package files it needs (packageFilesFor), by name. */
export function containerPlan(graderSource: string, run: RunRequest, packageFiles: Readonly<Record<string, Uint8Array>> = {}): ContainerPlan {
  const needed = packageFilesFor(run);
  const missing = needed.filter((name) => !packageFiles[name]);
  if (missing.length) throw new Error(`the container plan needs ${missing.join(', ')} beside the grader`);
  return {
    files: {
      'package.json': JSON.stringify({ name: 'journey-grader', private: true, type: 'module' }, null, 2),
      'grader.mjs': graderSource,
      'run.json': JSON.stringify(run),
      ...Object.fromEntries(needed.map((name) => [name, packageFiles[name]!])),
    },
    command: 'node',
    args: ['grader.mjs', 'run.json'],
  };
}
