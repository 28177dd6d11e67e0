/**
 * The tsconfig.json `journey start` leaves in `workspace/<lab>/`, so the
 * learner's editor resolves `@impl/…` as the grader does (impl-layers.ts):
 * their own files from that folder, the rest from the lab's given/.
 */
import { join, relative } from 'node:path';
import { courseAliases, tsPaths } from './aliases.ts';
import { implTsPaths } from './impl-layers.ts';
import { implLayout, type Lab } from './labs.ts';
import type { CoursePaths } from './paths.ts';

/** A path from `dir` that TypeScript reads as relative (`./x`, `../x`). */
function from(dir: string, path: string): string {
  const rel = relative(dir, path) || '.';
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** The workspace tsconfig's text for `lab`, written to `dir`. */
export function workspaceTsconfig(paths: CoursePaths, lab: Lab, dir: string): string {
  const layout = implLayout(lab, dir);
  const relPaths = (table: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(table).map(([name, targets]) => [name, targets.map((t) => from(dir, t))]));
  const config = {
    $comment: 'Written by `journey start` so your editor finds @impl/… as the grader does; the grader itself does not read it.',
    extends: from(dir, join(paths.root, 'tsconfig.json')),
    compilerOptions: { paths: { ...relPaths(tsPaths(courseAliases(paths.root))), ...relPaths(implTsPaths(layout)) } },
    include: ['*.ts', from(dir, layout.givenDir)],
    exclude: [],
  };
  return JSON.stringify(config, null, 2) + '\n';
}
