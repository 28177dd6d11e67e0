/**
 * The one rule for `@impl/<name>`, used by every runner, the type checker, the
 * site build and the workspace tools: a name in the manifest's learner files
 * (`files`) comes from the target being graded (solution/, starter/ or the
 * learner's workspace), anything else under `@impl/` from the lab's `given/`.
 * Isomorphic (no `node:` imports): the browser worker and the WebContainer
 * grader use it as well as Node.
 */

/** The prefix lab code imports the implementation through. */
export const IMPL_PREFIX = '@impl/';

/** Which layer serves a file: the learner's copy, or the lab's read-only given code. */
export type ImplLayer = 'learner' | 'given';

/** Where one grading run finds its files. */
export interface ImplLayout {
  /** The folder of the copy being graded (solution/, starter/ or workspace/<lab>/). */
  learnerDir: string;
  /** The lab's given/ folder. */
  givenDir: string;
  /** The manifest's learner files (`files`), by name. */
  learnerFiles: readonly string[];
}

/** The layer that serves `@impl/<name>`. */
export function implLayer(name: string, learnerFiles: readonly string[]): ImplLayer {
  return learnerFiles.includes(name) ? 'learner' : 'given';
}

/** The file name an `@impl/…` specifier asks for; undefined for any other specifier. */
export function implName(specifier: string): string | undefined {
  return specifier.startsWith(IMPL_PREFIX) ? specifier.slice(IMPL_PREFIX.length) : undefined;
}

function inDir(dir: string, name: string): string {
  return dir.replace(/\/?$/, '/') + name;
}

/** The path an `@impl/…` specifier resolves to under `layout`; undefined for any other specifier. */
export function resolveImpl(specifier: string, layout: ImplLayout): string | undefined {
  const name = implName(specifier);
  if (name === undefined) return undefined;
  return inDir(implLayer(name, layout.learnerFiles) === 'learner' ? layout.learnerDir : layout.givenDir, name);
}

/**
 * The rule as TypeScript `paths`: each learner file mapped exactly (an exact
 * pattern beats the wildcard), every other `@impl/` name to given/.
 */
export function implTsPaths(layout: ImplLayout): Record<string, string[]> {
  return {
    ...Object.fromEntries(layout.learnerFiles.map((f) => [IMPL_PREFIX + f, [inDir(layout.learnerDir, f)]])),
    [`${IMPL_PREFIX}*`]: [inDir(layout.givenDir, '*')],
  };
}
