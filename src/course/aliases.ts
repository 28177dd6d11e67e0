/**
 * The module aliases lab tests import through, in one place: every runner and
 * the type checker resolve them the same way. `@impl/*` is the copy being
 * graded; `@lab-kit` and `@netsim` are the course's shared code.
 */
import { join } from 'node:path';
import type { CoursePaths } from './paths.ts';

/** Alias → absolute path (a folder for the `/*` forms, a file otherwise). */
export function labAliases(paths: CoursePaths, implDir: string): Record<string, string> {
  return {
    '@impl/*': implDir,
    '@lab-kit': paths.labKit,
    '@netsim': join(paths.root, 'src', 'netsim', 'index.ts'),
  };
}

/** The aliases as Vite `resolve.alias` entries. */
export function viteAliases(aliases: Record<string, string>): { find: RegExp; replacement: string }[] {
  return Object.entries(aliases).map(([name, target]) =>
    name.endsWith('/*')
      ? { find: new RegExp(`^${name.slice(0, -1)}`), replacement: target.replace(/\/?$/, '/') }
      : { find: new RegExp(`^${name}$`), replacement: target },
  );
}

/** The aliases as TypeScript `paths`. */
export function tsPaths(aliases: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(aliases).map(([name, target]) => [name, [name.endsWith('/*') ? join(target, '*') : target]]));
}
