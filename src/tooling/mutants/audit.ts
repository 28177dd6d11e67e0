/**
 * The mutation audit of one lab: StrykerJS mutates the lab's solution files
 * that the learner writes, runs the lab's graders against each mutant, and
 * the score counts the mutants some test caught, leaving out the survivors
 * listed as equivalent in `labs/<id>/MUTANTS.md`.
 */
import { rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogLevel, MutantResult, PartialStrykerOptions } from '@stryker-mutator/api/core';
import { Stryker } from '@stryker-mutator/core';
import { loadLab, targetDir } from '../../course/labs.ts';
import type { CoursePaths } from '../../course/paths.ts';
import { mutantKey, readEquivalentMutants } from './equivalent.ts';
import { auditScope, type AuditScope, type NotAudited } from './scope.ts';

/** The share of non-equivalent mutants a lab's tests must catch. */
export const TARGET_SCORE = 0.9;

/** Where reports, the incremental file and Stryker's sandboxes go, a folder per lab (ignored by git). */
export function mutantsDir(paths: CoursePaths): string {
  return join(paths.root, '.mutants');
}

export interface AuditOptions {
  /** Parallel test runners (Stryker's `concurrency`). */
  concurrency?: number;
  /** Re-use the previous run's results for unchanged code and tests (Stryker's incremental mode). */
  incremental?: boolean;
  /** Include `host` stages (tshark, UDP sockets): slow, and they only re-run earlier stages' code. */
  hostStages?: boolean;
  /** Only errors on the console, no progress (the bench prints the figure itself). */
  quiet?: boolean;
  /** Mutate only these of the audited files (names as in the manifest): a partial audit, for a lab too slow to audit whole; the score covers these files alone. */
  files?: string[];
}

/** A survivor not listed as equivalent, in the form a MUTANTS.md row takes. */
export interface Survivor {
  file: string;
  line: number;
  mutator: string;
  replacement: string;
  status: string;
}

export interface AuditResult {
  lab: string;
  total: number;
  /** How many mutants ended in each Stryker status (Killed, Timeout, Survived, NoCoverage, CompileError…), equivalent ones included. */
  statuses: Record<string, number>;
  /** Killed or timed out: some test noticed. */
  detected: number;
  /** Survived or not covered by any test, and not listed as equivalent. */
  survivors: Survivor[];
  /** Listed in MUTANTS.md and still surviving. */
  equivalent: number;
  /** Rows of MUTANTS.md, for the files mutated, that match no surviving mutant (stale: the code or the tests moved on). */
  staleRows: string[];
  /** Mutants that did not compile or crashed on load: not counted either way. */
  errors: number;
  /** detected / (detected + survivors), 0–1. */
  score: number;
  stages: string[];
  /** The learner files mutated, by name. */
  mutated: string[];
  /** Learner files no audited stage exercises (only a host or timed stage does): not mutated, not scored. */
  notAudited: NotAudited[];
}

const configFile = fileURLToPath(new URL('./vitest.config.ts', import.meta.url));

/** Runs Stryker on one lab's solution and scores the result. */
export async function auditLab(paths: CoursePaths, id: string, options: AuditOptions = {}): Promise<AuditResult> {
  const lab = loadLab(paths, id);
  const scope = auditScope(lab, options);
  const unknown = options.files?.filter((f) => !scope.mutate.includes(f)) ?? [];
  if (unknown.length) throw new Error(`${id}: ${unknown.join(', ')}: not among the files this audit mutates (${scope.mutate.join(', ')})`);
  if (options.files) scope.mutate = scope.mutate.filter((f) => options.files!.includes(f));
  const solution = targetDir(paths, lab, 'solution');
  const out = join(mutantsDir(paths), id);
  // One temp folder per lab: Stryker deletes its whole temp folder when done, so two labs audited at once must not share one.
  const tempDirName = relative(paths.root, join(out, 'tmp'));
  process.env.JOURNEY_MUTANTS_LAB = id;
  process.env.JOURNEY_MUTANTS_STAGES = scope.stages.join(',');
  const mutate = scope.mutate.map((f) => relative(paths.root, join(solution, f)));
  const strykerOptions: PartialStrykerOptions = {
    mutate,
    testRunner: 'vitest',
    vitest: { configFile: relative(paths.root, configFile), related: false },
    coverageAnalysis: 'perTest',
    concurrency: options.concurrency ?? 2,
    incremental: options.incremental ?? false,
    incrementalFile: relative(paths.root, join(out, 'incremental.json')),
    reporters: options.quiet ? ['json', 'html'] : ['progress', 'json', 'html'],
    logLevel: logLevel(options.quiet ? 'error' : 'info'),
    jsonReporter: { fileName: relative(paths.root, join(out, 'mutation.json')) },
    htmlReporter: { fileName: relative(paths.root, join(out, 'report.html')) },
    tempDirName,
    cleanTempDir: 'always',
    // Only what the graders import needs copying into each sandbox.
    ignorePatterns: ['/dist', '/workspace', '/public', '/.astro', '/test-results', '/.mutants', '/.journey-cache'],
    fileLogLevel: logLevel('off'),
    allowConsoleColors: false,
  };
  const cwd = process.cwd();
  process.chdir(paths.root);
  let results: MutantResult[];
  try {
    results = await new Stryker(strykerOptions).runMutationTest();
  } finally {
    process.chdir(cwd);
    rmSync(join(paths.root, tempDirName), { recursive: true, force: true });
  }
  // An incremental run may carry results for files no longer mutated; only this run's files count.
  const mutated = new Set(mutate.map((f) => resolve(paths.root, f)));
  return score(paths, id, scope, results.filter((r) => mutated.has(resolve(paths.root, r.fileName))));
}

/** Stryker types log levels as a const enum, which type-stripped TypeScript cannot import; its values are these strings. */
function logLevel(name: 'off' | 'error' | 'info'): LogLevel {
  return name as unknown as LogLevel;
}

/** Scores Stryker's results against the lab's MUTANTS.md. */
export function score(paths: CoursePaths, id: string, scope: Pick<AuditScope, 'stages' | 'mutate' | 'notAudited'>, results: readonly MutantResult[]): AuditResult {
  // Rows for files this run did not mutate (a partial audit) can be neither matched nor stale.
  const mutated = new Set(scope.mutate.map((f) => `solution/${f}`));
  const listed = readEquivalentMutants(join(paths.labs, id, 'MUTANTS.md')).filter((m) => mutated.has(m.file));
  const listedKeys = new Map(listed.map((m) => [mutantKey(m), m]));
  const matched = new Set<string>();
  const survivors: Survivor[] = [];
  let detected = 0;
  let errors = 0;
  let equivalent = 0;
  const statuses: Record<string, number> = {};
  for (const r of results) {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status === 'Killed' || r.status === 'Timeout') detected++;
    else if (r.status === 'Survived' || r.status === 'NoCoverage') {
      const survivor = {
        file: relative(join(paths.labs, id), resolve(paths.root, r.fileName)),
        line: r.location.start.line,
        mutator: r.mutatorName,
        replacement: (r.replacement ?? '').replace(/\s+/g, ' '),
        status: r.status,
      };
      const key = mutantKey(survivor);
      if (listedKeys.has(key)) {
        matched.add(key);
        equivalent++;
      } else survivors.push(survivor);
    } else if (r.status !== 'Ignored') errors++;
  }
  const counted = detected + survivors.length;
  return {
    lab: id,
    total: results.length,
    statuses,
    detected,
    survivors,
    equivalent,
    staleRows: [...listedKeys.keys()].filter((k) => !matched.has(k)),
    errors,
    score: counted ? detected / counted : 1,
    stages: scope.stages,
    mutated: scope.mutate,
    notAudited: scope.notAudited,
  };
}
