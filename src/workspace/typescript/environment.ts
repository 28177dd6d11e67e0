/**
 * What the editor's TypeScript worker needs besides the learner's files, as
 * plain data: each lab's compiler options (from its tsconfig, as the Node type
 * check reads them) and the declaration files a program with those options
 * reads (the `lib` files, `@types/node`). Isomorphic types; the builder that
 * fills it at build time is typescript-env.ts under the site's lab pages.
 */
import type { CompilerOptions } from 'typescript';

/** Where the worker's virtual file system keeps each layer (as impl-layers.ts lays them out). */
export const VIRTUAL = {
  /** The learner's files, like `workspace/<lab>/`. */
  learnerDir: '/workspace',
  /** The lab's given files. */
  givenDir: '/given',
  /** The course root: declaration files keep their path below it (`/node_modules/typescript/lib/lib.es5.d.ts`). */
  root: '/',
} as const;

export interface TypescriptEnvironment {
  /** Each lab's compiler options, without its file-system paths (`paths` is set per run from the layout). */
  options: Record<string, CompilerOptions>;
  /** Declaration files (and the package.json files that lead to them) by virtual path. */
  files: Record<string, string>;
}
