/**
 * The bare names lab code may import besides relative files and `@impl/…`
 * (see impl-layers.ts), in one table. The Node grader, the type checker and
 * the project's vitest config use it directly; the static copies (the root and
 * labs tsconfigs, the embedded grader's built-ins) are checked against it by
 * tests/aliases.test.ts. Isomorphic: no `node:` imports.
 */

/** The course's own modules lab code imports, each with its entry file relative to the course root. */
export const COURSE_MODULES: Readonly<Record<string, string>> = {
  '@lab-kit': 'src/lab-kit/index.ts',
  '@netsim': 'src/netsim/index.ts',
};

/**
 * npm packages lab tests may import by name; `ws`, `hessian.js` and `@grpc/grpc-js` only in `node`
 * stages (the embedded grader's NODE_PACKAGES), `pg` only in `host` stages (HOST_PACKAGES).
 */
export const LAB_PACKAGES: readonly string[] = ['vitest', 'fast-check', 'http-cache-semantics', '@electric-sql/pglite', 'ws', 'hessian.js', '@grpc/grpc-js', 'pg'];

/** Every bare name lab code may import (the embedded grader's built-ins). */
export const LAB_IMPORTS: readonly string[] = [...LAB_PACKAGES, ...Object.keys(COURSE_MODULES)];

/** Course module → absolute entry file, for a checkout at `root`. */
export function courseAliases(root: string): Record<string, string> {
  return Object.fromEntries(Object.entries(COURSE_MODULES).map(([name, file]) => [name, `${root.replace(/\/$/, '')}/${file}`]));
}

/** The aliases as TypeScript `paths`. */
export function tsPaths(aliases: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(aliases).map(([name, target]) => [name, [target]]));
}
