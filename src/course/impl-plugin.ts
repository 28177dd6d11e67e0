/**
 * `@impl/…` for Vite (the Node grader, the site build, the project's tests)
 * and plain Node (the bench), resolved by the rule in impl-layers.ts. A
 * resolve plugin rather than an alias, so a learner file resolves to its real
 * path and errors still name `workspace/<lab>/<file>`.
 */
import { registerHooks } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { resolveImpl, type ImplLayout } from './impl-layers.ts';
import { implLayout, loadLab, type Lab } from './labs.ts';
import type { CoursePaths } from './paths.ts';

/** Resolves `@impl/…` by `layoutFor(importer)`; importers without a layout are left to Vite. */
export function implPlugin(layoutFor: (importer: string | undefined) => ImplLayout | undefined): Plugin {
  return {
    name: 'journey:impl',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!source.startsWith('@impl/')) return null;
      const layout = layoutFor(importer);
      return layout ? (resolveImpl(source, layout) ?? null) : null;
    },
  };
}

/**
 * For the course's own code (chapter figures, the project's tests): a file
 * under `labs/<id>/` sees `@impl/…` as the lab's solution does.
 */
export function solutionLayouts(paths: CoursePaths): (importer: string | undefined) => ImplLayout | undefined {
  const labs = new Map<string, Lab>();
  return (importer) => {
    if (!importer) return undefined;
    const inLabs = relative(paths.labs, dirname(importer));
    if (inLabs.startsWith('..')) return undefined;
    const id = inLabs.split(sep)[0]!;
    if (!id) return undefined;
    if (!labs.has(id)) labs.set(id, loadLab(paths, id));
    const lab = labs.get(id)!;
    return implLayout(lab, join(lab.dir, 'solution'));
  };
}

/**
 * The same for plain Node (the bench runs lab solutions without Vite): an
 * in-thread resolve hook, registered once per process.
 */
export function registerImplHooks(paths: CoursePaths): void {
  const layoutFor = solutionLayouts(paths);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const importer = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
      const layout = specifier.startsWith('@impl/') ? layoutFor(importer) : undefined;
      const path = layout && resolveImpl(specifier, layout);
      return path ? { url: pathToFileURL(path).href, shortCircuit: true } : nextResolve(specifier, context);
    },
  });
}
