/**
 * What the lab page ships to the browser: the manifest, the starter, the
 * given files (read-only), the tests with their fixtures, and the solution
 * only when the course allows it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from './labs.ts';
import type { Manifest } from './manifest.ts';

export interface LabBundle {
  id: string;
  manifest: Manifest;
  /** Learner files by name, as the starter has them. */
  starter: Record<string, string>;
  /** The lab's given files by name (`bytes.ts`, in `manifest.given` order): read-only, never saved or exported. */
  given: Record<string, string>;
  /** The model answer by name; absent when the course hides solutions. */
  solution?: Record<string, string>;
  /** Test files and fixtures by path relative to the lab (`tests/names.test.ts`). */
  tests: Record<string, string>;
}

function filesOf(lab: Lab, copy: 'starter' | 'solution' | 'given'): Record<string, string> {
  const names = copy === 'given' ? lab.manifest.given : lab.manifest.files;
  return Object.fromEntries(names.map((f) => [f, readFileSync(join(lab.dir, copy, f), 'utf8')]));
}

/** The bundle for one lab. */
export function labBundle(lab: Lab, options: { showSolutions: boolean }): LabBundle {
  const testsDir = join(lab.dir, 'tests');
  const tests = Object.fromEntries(
    readdirSync(testsDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => [`tests/${f}`, readFileSync(join(testsDir, f), 'utf8')]),
  );
  return {
    id: lab.id,
    manifest: lab.manifest,
    starter: filesOf(lab, 'starter'),
    given: filesOf(lab, 'given'),
    ...(options.showSolutions ? { solution: filesOf(lab, 'solution') } : {}),
    tests,
  };
}
