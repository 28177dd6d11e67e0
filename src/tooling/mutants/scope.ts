/**
 * What a lab's mutation audit covers: the stages whose tests grade the
 * mutants, and the learner files those stages exercise. A stage is left out
 * when it is `timed` (a loaded machine fails it whatever the mutant) or, unless
 * asked for, when it runs on the `host`; a file that only left-out stages
 * exercise is left out too and reported as not audited, never as surviving
 * (no test that runs could kill its mutants).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Lab } from '../../course/labs.ts';
import type { Stage } from '../../course/manifest.ts';

/** A learner file no audited stage exercises, and why. */
export interface NotAudited {
  file: string;
  reason: string;
}

export interface AuditScope {
  /** Ids of the stages whose tests grade the mutants. */
  stages: string[];
  /** The learner-written files to mutate, by name (as in the manifest's `files`). */
  mutate: string[];
  /** Learner-written files that only left-out stages exercise, with those stages' reasons. */
  notAudited: NotAudited[];
}

/**
 * The files a learner writes: the manifest's `files` whose starter differs from
 * the solution. Support files handed over complete (identical in both) are not
 * the learner's to get wrong, so they are not mutated.
 */
export function learnerWrittenFiles(lab: Lab): string[] {
  const read = (copy: string, f: string) => readFileSync(join(lab.dir, copy, f), 'utf8');
  return lab.manifest.files.filter((f) => read('starter', f) !== read('solution', f));
}

/** Why the audit leaves a stage out ("timed (stage speed)", "needs tshark (stage tshark; --host includes it)"), or undefined when it grades the mutants. */
function leftOutBecause(stage: Stage, hostStages: boolean): string | undefined {
  if (stage.timed) return `timed (stage ${stage.id})`;
  if (stage.runsIn === 'host' && !hostStages) return `needs ${stage.needs?.join(', ') ?? 'the host'} (stage ${stage.id}; --host includes it)`;
  return undefined;
}

/** The stages and files the audit of `lab` covers. */
export function auditScope(lab: Lab, options: { hostStages?: boolean } = {}): AuditScope {
  const written = learnerWrittenFiles(lab);
  const audited = new Set<string>();
  const onlyBy = new Map<string, string[]>();
  const stages: string[] = [];
  for (const stage of lab.manifest.stages) {
    const reason = leftOutBecause(stage, options.hostStages ?? false);
    const reached = learnerFilesReached(lab, stage.id);
    if (reason === undefined) {
      stages.push(stage.id);
      reached.forEach((f) => audited.add(f));
    } else reached.forEach((f) => onlyBy.set(f, [...(onlyBy.get(f) ?? []), reason]));
  }
  return {
    stages,
    mutate: written.filter((f) => audited.has(f)),
    notAudited: written
      .filter((f) => !audited.has(f))
      .map((f) => ({ file: f, reason: onlyBy.get(f)?.join('; ') ?? 'no stage imports it' })),
  };
}

// `from '…'`, `import '…'` and `import('…')`: every way a module names another.
const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

/**
 * The learner files a stage's tests reach through their imports: the test
 * file, the lab's test fixtures it imports, and through `@impl/…` the learner
 * and given files, following each one's own imports in turn.
 */
export function learnerFilesReached(lab: Lab, stageId: string): Set<string> {
  const learner = new Set(lab.manifest.files);
  const reached = new Set<string>();
  const seen = new Set<string>();
  const pending = [join(lab.dir, 'tests', `${stageId}.test.ts`)];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      if (specifier!.startsWith('@impl/')) {
        const name = specifier!.slice('@impl/'.length);
        if (learner.has(name)) reached.add(name);
        pending.push(join(lab.dir, learner.has(name) ? 'solution' : 'given', name));
      } else if (specifier!.startsWith('.')) {
        const target = resolve(dirname(file), specifier!);
        // A learner file importing another learner file relatively (`./name.ts`).
        if (dirname(target) === join(lab.dir, 'solution') && learner.has(basename(target))) reached.add(basename(target));
        pending.push(target);
      }
    }
  }
  return reached;
}
