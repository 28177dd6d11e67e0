/**
 * The Node runner: grades one lab target in a child process, watching each
 * stage's loading and each test through the progress channel. A synchronous
 * infinite loop cannot be interrupted from inside, so when the shared
 * watchdog fires the whole child is killed (see passes.ts). `journey watch`
 * keeps one child between grades and re-runs only the stages a save touched.
 */
import { existsSync } from 'node:fs';
import { courseAliases } from '../../course/aliases.ts';
import type { Lab, Target } from '../../course/labs.ts';
import { implLayout, targetDir } from '../../course/labs.ts';
import type { Stage } from '../../course/manifest.ts';
import type { CoursePaths } from '../../course/paths.ts';
import { courseSettings } from '../../course/settings.ts';
import { gradeInPasses } from '../passes.ts';
import { gradeResult, stageResult, type GradeResult, type Scoring } from '../result.ts';
import { LIMITS, type Limits } from '../rules.ts';
import { parseSeed, SEED_VARIABLE } from '../seed.ts';
import { GradingChild, type Launcher } from './grading-child.ts';
import { stageFile } from './stage-file.ts';
import type { SessionSetup } from './vitest-session.ts';

export interface GradeOptions {
  paths: CoursePaths;
  lab: Lab;
  target: Target;
  /** Grade the files in this folder instead of the target's own (imported zips, batch grading). */
  implDir?: string;
  /** Stage ids to run; every stage when omitted. */
  stages?: readonly string[];
  /** Overrides of the runner's limits (tests use short ones). */
  limits?: Partial<Limits>;
  /** fast-check's seed; `JOURNEY_SEED` or the course's fixed seed when omitted. */
  seed?: number;
  /** The course's scoring (course.json) when omitted. */
  scoring?: Scoring;
  /** Grade on this warm child (journey watch) instead of a new one per grade. */
  warm?: WarmGrader;
  /** Starts the grading child through this (batch grading's sandbox, see class/sandbox.ts). */
  launcher?: Launcher;
  /** Add a test of this name that must fail to every stage (batch grading's canary). */
  canary?: string;
  /** With `warm`: the learner files saved since its last grade, the only ones it reads again. */
  changed?: readonly string[];
}

/** Keeps one grading child, and its Vitest session, from one grade to the next. */
export class WarmGrader {
  private child: GradingChild | undefined;

  /** The child to grade on: the warm one while it lives, else a new one. */
  take(): GradingChild {
    if (!this.child?.alive) this.child = GradingChild.take().keep();
    return this.child;
  }

  /** Ends the child; the next grade starts a new one. */
  close(): void {
    this.child?.kill();
    this.child = undefined;
  }
}

/** Where a grade's files are: the session a child opens for them. */
function sessionSetup(options: GradeOptions, implDir: string, limits: Limits): SessionSetup {
  return { root: options.paths.root, aliases: courseAliases(options.paths.root), impl: implLayout(options.lab, implDir), limits, ...(options.canary ? { canary: options.canary } : {}) };
}

/**
 * The stage files in the batches a pass runs: the untimed side by side, then
 * each timed stage alone, so a speed measure never shares the cores with
 * another stage and gives the same score every run.
 */
function stageBatches(lab: Lab, stages: readonly Stage[]): string[][] {
  const untimed = stages.filter((s) => !s.timed).map((s) => stageFile(lab, s.id));
  const timed = stages.filter((s) => s.timed).map((s) => [stageFile(lab, s.id)]);
  return [untimed, ...timed].filter((batch) => batch.length);
}

/** Grades a lab target with Vitest and returns the course's result shape; never throws for what learner code does. */
export async function gradeLab(options: GradeOptions): Promise<GradeResult> {
  const { lab, paths } = options;
  const implDir = options.implDir ?? targetDir(paths, lab, options.target);
  const stages = options.stages ? lab.manifest.stages.filter((s) => options.stages!.includes(s.id)) : lab.manifest.stages;
  const scoring = options.scoring ?? courseSettings(paths).scoring;
  const limits = { ...LIMITS.node, ...options.limits };
  const refuse = (message: string) =>
    gradeResult({ lab: lab.id, target: options.target, runner: 'node', scoring, durationMs: 0 }, stages.map((s) => stageResult(s, [], 'not graded', scoring)), message);
  if (!existsSync(implDir)) return refuse(`nothing to grade: ${implDir} does not exist`);
  let seed: number;
  try {
    seed = options.seed ?? parseSeed(process.env[SEED_VARIABLE], SEED_VARIABLE);
  } catch (error) {
    return refuse((error as Error).message);
  }
  return gradeInPasses({
    lab: lab.id,
    target: options.target,
    runner: 'node',
    scoring,
    limits,
    stages,
    runPass: async (remaining, onEvent, watch, signal) => {
      const child = options.warm ? options.warm.take() : GradingChild.take(options.launcher);
      try {
        const plan = { batches: stageBatches(lab, remaining), seed, ...(options.changed ? { changed: options.changed } : {}) };
        return await child.run(sessionSetup(options, implDir, limits), plan, onEvent, watch, signal);
      } finally {
        if (!options.warm) {
          // kill() holds the child until it has exited (see grading-child.ts), so this await keeps the CLI alive.
          child.kill();
          await child.ended;
        }
      }
    },
  });
}

/** True when a stage's result may not show everything its files import (it did not load, or stopped early). */
function partlyGraded(stage: GradeResult['stages'][number]): boolean {
  return Boolean(stage.error) || stage.tests.some((t) => t.status === 'hung' || t.status === 'not-run');
}

/**
 * Re-grades after a save on the warm child: the stages whose files import a
 * changed file run again, with any stage that was not fully graded last
 * time; the others keep their results, which the same files always give.
 * A first grade, or one the child cannot place, grades every stage.
 */
export async function regradeLab(options: GradeOptions & { warm: WarmGrader }, previous: GradeResult | undefined, changed: readonly string[]): Promise<GradeResult> {
  const { lab } = options;
  const implDir = options.implDir ?? targetDir(options.paths, lab, options.target);
  if (!previous || !changed.length || previous.message || previous.stages.length !== lab.manifest.stages.length) return gradeLab(options);
  const files = lab.manifest.stages.map((s) => stageFile(lab, s.id));
  const setup = sessionSetup(options, implDir, { ...LIMITS.node, ...options.limits });
  const dependents = await options.warm.take().dependents(setup, [...changed], files);
  if (!dependents) return gradeLab(options);
  const again = previous.stages.filter((s) => dependents.includes(stageFile(lab, s.id)) || partlyGraded(s)).map((s) => s.id);
  if (!again.length) return previous;
  const fresh = await gradeLab({ ...options, stages: again, changed });
  const stages = previous.stages.map((s) => fresh.stages.find((f) => f.id === s.id) ?? s);
  const { status: _status, message, score: _score, max: _max, stages: _stages, ...fields } = fresh;
  return gradeResult(fields, stages, message);
}

