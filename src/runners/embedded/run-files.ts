/**
 * The virtual folders of an embedded run (browser worker, WebContainer): kept
 * apart from the module loader so the page side can build a request without
 * loading the transpiler.
 */

/** The learner's files live under this virtual folder. */
export const IMPL_DIR = '/impl/';
/** The lab's given files live under this virtual folder. */
export const GIVEN_DIR = '/given/';

/** The files of one run, by virtual path: the manifest's learner files under /impl/, given files under /given/, tests under /tests/. */
export function runFiles(files: {
  learnerFiles: readonly string[];
  learner: Record<string, string>;
  given: Record<string, string>;
  tests: Record<string, string>;
}): [string, string][] {
  return [
    ...files.learnerFiles.filter((name) => name in files.learner).map((name): [string, string] => [IMPL_DIR + name, files.learner[name]!]),
    ...Object.entries(files.given).map(([name, text]): [string, string] => [GIVEN_DIR + name, text]),
    ...Object.entries(files.tests).map(([path, text]): [string, string] => [`/${path}`, text]),
  ];
}

/** A lab's sources as a grade request carries them: the manifest's learner file names, and each layer's files by name. */
export interface LabSources {
  manifest: { readonly files: readonly string[] };
  /** The learner's files by name (header.ts → text). */
  learnerFiles: Record<string, string>;
  /** The lab's given files by name (bytes.ts → text). */
  givenFiles: Record<string, string>;
  /** The lab's test files and fixtures by path under tests/ (tests/names.test.ts → text). */
  testFiles: Record<string, string>;
}

/** The files of one grade request, laid out by `runFiles`. */
export function requestFiles(request: LabSources): [string, string][] {
  return runFiles({ learnerFiles: request.manifest.files, learner: request.learnerFiles, given: request.givenFiles, tests: request.testFiles });
}
