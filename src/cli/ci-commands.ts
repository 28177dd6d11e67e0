/**
 * `journey ci init` writes the CI file a student's fork grades itself with
 * (GitHub Actions or GitLab CI); `journey ci summary` is its scoreboard step:
 * it grades each lab once, keeps the JSON results (and, if asked, a JUnit
 * report) and prints the summary in Markdown.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Lab } from '../course/labs.ts';
import { courseLabs } from '../course/offering.ts';
import type { CoursePaths } from '../course/paths.ts';
import { gradeLab } from '../runners/node/grade.ts';
import { summaryMarkdown, type LabOutcome } from '../ci/summary.ts';
import { junitXml } from '../ci/junit.ts';
import { CI_FILES, ciFileText, RESULTS_DIR, RUN_FILE, type CiPlatform } from '../ci/workflow.ts';
import { gitHead } from '../class/submissions.ts';
import type { GradeResult } from '../runners/result.ts';
import type { Io } from './commands.ts';
import { localizeManifest } from '../course/manifest-locale.ts';
import { labsNamed } from './lab-list.ts';
import { shown } from './workspace.ts';
import { TEACHER_WORDS, type TeacherWords } from './teacher-words.ts';
import { UsageError } from './usage.ts';

export interface CiFlags {
  labs?: string;
  out?: string;
  force?: boolean;
  'out-dir'?: string;
  platform?: string;
  junit?: string;
}

function parsePlatform(value: string | undefined, w: TeacherWords): CiPlatform {
  if (value === undefined) return 'github';
  if (value in CI_FILES) return value as CiPlatform;
  throw new UsageError(w.platformFlag(Object.keys(CI_FILES).join(', '), value));
}

/** The labs `--labs a,b` names, in the course's order; every lab this course offers when the flag is absent. */
function chosenLabs(paths: CoursePaths, flag: string | undefined): Lab[] {
  const labs = courseLabs(paths);
  if (flag === undefined) return labs;
  const named = labsNamed(labs, flag);
  return labs.filter((lab) => named.includes(lab));
}

function resolveFrom(paths: CoursePaths, file: string): string {
  return isAbsolute(file) ? file : join(paths.root, file);
}

/** `journey ci init`: writes the CI file; an existing, different file is kept unless --force. */
export function ciInit(paths: CoursePaths, io: Io, flags: CiFlags): number {
  const w = TEACHER_WORDS[io.locale ?? 'en'];
  const platform = parsePlatform(flags.platform, w);
  const labs = chosenLabs(paths, flags.labs);
  const file = resolveFrom(paths, flags.out ?? CI_FILES[platform]);
  const text = ciFileText(platform, labs);
  if (existsSync(file) && !flags.force) {
    if (readFileSync(file, 'utf8') === text) {
      io.out(w.upToDate(shown(paths, file)));
      return 0;
    }
    io.err(w.ciFileDiffers(shown(paths, file)));
    return 1;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const ids = labs.map((l) => l.id).join(', ');
  if (platform === 'github') {
    const stages = labs.reduce((n, lab) => n + lab.manifest.stages.length, 0);
    io.out(w.wroteGithub(shown(paths, file), stages, ids));
    io.out(w.githubNext);
  } else {
    io.out(w.wroteGitlab(shown(paths, file), ids));
    io.out(w.gitlabNext);
  }
  return 0;
}

/**
 * `journey ci summary`: grades each chosen lab's workspace, writes
 * `<out-dir>/<lab>.json`, `<out-dir>/run.json` (the commit graded and when,
 * for `journey class collect`) and the JUnit report if asked, prints the Markdown summary;
 * exit 0 only when every lab is at full marks, as `journey grade`.
 */
export async function ciSummary(paths: CoursePaths, io: Io, flags: CiFlags): Promise<number> {
  const labs = chosenLabs(paths, flags.labs);
  const locale = io.locale ?? 'en';
  const title = (lab: Lab) => localizeManifest(lab.manifest, locale).title;
  const dir = resolveFrom(paths, flags['out-dir'] ?? RESULTS_DIR);
  mkdirSync(dir, { recursive: true });
  const outcomes: LabOutcome[] = [];
  const results: GradeResult[] = [];
  for (const lab of labs) {
    if (!existsSync(join(paths.workspace, lab.id))) {
      outcomes.push({ lab: lab.id, title: title(lab), notStarted: true });
      continue;
    }
    const result = await gradeLab({ paths, lab, target: 'workspace' });
    writeFileSync(join(dir, `${lab.id}.json`), JSON.stringify(result, null, 2) + '\n');
    outcomes.push({ lab: lab.id, title: title(lab), result });
    results.push(result);
  }
  const head = gitHead(paths.root);
  const run = { ...(head.commit ? { commit: head.commit, committedAt: head.submittedAt!.toISOString() } : {}), gradedAt: new Date().toISOString() };
  writeFileSync(join(dir, RUN_FILE), JSON.stringify(run, null, 2) + '\n');
  if (flags.junit) {
    const junit = resolveFrom(paths, flags.junit);
    mkdirSync(dirname(junit), { recursive: true });
    writeFileSync(junit, junitXml(results));
  }
  io.out(summaryMarkdown(outcomes, TEACHER_WORDS[locale]));
  return results.length === labs.length && results.every((r) => r.status === 'pass') ? 0 : 1;
}
