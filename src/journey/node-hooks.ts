/**
 * Lets plain Node (the `journey trip` command) import lab code: `@impl/…`
 * from a lab's solution as the course's own code sees it, from a workspace
 * file as that learner's copy is graded, and the course's modules
 * (`@lab-kit`, `@netsim`) by name. Node only; registered once per process.
 */
import { registerHooks } from 'node:module';
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { courseAliases } from '../course/aliases.ts';
import { resolveImpl, type ImplLayout } from '../course/impl-layers.ts';
import { solutionLayouts } from '../course/impl-plugin.ts';
import { implLayout, loadLab } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';

let registered = false;

/** The layout for an importer inside `workspace/<lab>/`, if it is one. */
function workspaceLayouts(paths: CoursePaths): (importer: string | undefined) => ImplLayout | undefined {
  return (importer) => {
    if (importer === undefined) return undefined;
    const inside = relative(paths.workspace, importer);
    if (inside.startsWith('..')) return undefined;
    const [id, ...rest] = inside.split(sep);
    if (!id || rest.length === 0) return undefined;
    const lab = loadLab(paths, id);
    return implLayout(lab, `${paths.workspace}/${id}`);
  };
}

/** Registers the resolve hook (idempotent). */
export function registerJourneyHooks(paths: CoursePaths): void {
  if (registered) return;
  registered = true;
  const solution = solutionLayouts(paths);
  const workspace = workspaceLayouts(paths);
  const aliases = courseAliases(paths.root);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const alias = aliases[specifier];
      if (alias !== undefined) return { url: pathToFileURL(alias).href, shortCircuit: true };
      if (!specifier.startsWith('@impl/')) return nextResolve(specifier, context);
      const importer = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
      const layout = workspace(importer) ?? solution(importer);
      const path = layout && resolveImpl(specifier, layout);
      return path ? { url: pathToFileURL(path).href, shortCircuit: true } : nextResolve(specifier, context);
    },
  });
}
