/** `journey class grade`: the teacher's batch grading, from the command line (the work is in src/class/). */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pc from 'picocolors';
import type { Lab } from '../course/labs.ts';
import { courseLabs } from '../course/offering.ts';
import type { CoursePaths } from '../course/paths.ts';
import { courseSettings } from '../course/settings.ts';
import { gradeBatch, logLine } from '../class/batch.ts';
import { DEFAULT_LAB_MS, type LabGrade } from '../class/grade-submission.ts';
import { gradebookCsv, testsCsv, testsCsvPath } from '../class/gradebook.ts';
import { describeSandbox, probeBubblewrap } from '../class/sandbox.ts';
import { findSubmissions } from '../class/submissions.ts';
import { checkHidden, checkPasses } from '../class/check-hidden.ts';
import { loadHidden, type HiddenTests } from '../class/hidden.ts';
import { parseCsv, renderReport } from '../class/report.ts';
import { writeFeedback } from '../class/feedback.ts';
import { collectResults, STUDENT_CI } from '../class/collect.ts';
import { LIMITS } from '../runners/rules.ts';
import { TOOLS } from '../tooling/host-tools.ts';
import type { Io } from './commands.ts';
import { labsNamed } from './lab-list.ts';
import { TEACHER_WORDS, type TeacherWords } from './teacher-words.ts';
import { UsageError } from './usage.ts';

export interface ClassFlags {
  labs?: string;
  feedback?: string;
  hidden?: string;
  out?: string;
  jobs?: string;
  due?: string;
  'lab-seconds'?: string;
  'test-seconds'?: string;
  unsafe?: boolean;
}

function chosenLabs(paths: CoursePaths, list: string | undefined, w: TeacherWords): Lab[] {
  const labs = courseLabs(paths);
  if (!list) throw new UsageError(w.nameLabs(labs.map((l) => l.id).join(', ')));
  return labsNamed(labs, list);
}

function parseJobs(value: string | undefined, w: TeacherWords): number {
  if (value === undefined) return availableParallelism();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(w.wholeNumber('jobs', 1, 64, value));
  return jobs;
}

/** A whole number of seconds from a flag, in milliseconds, or `fallback` when it is absent. */
function parseSeconds(flag: string, value: string | undefined, range: [number, number], fallback: number, w: TeacherWords): number {
  if (value === undefined) return fallback;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < range[0] || seconds > range[1]) throw new UsageError(w.wholeNumber(flag, range[0], range[1], value));
  return seconds * 1000;
}

function parseDue(value: string | undefined, w: TeacherWords): Date | undefined {
  if (value === undefined) return undefined;
  const due = new Date(value);
  if (Number.isNaN(due.getTime())) throw new UsageError(w.dueFlag(value));
  return due;
}

/** The chosen labs' hidden tests in `dir`, by lab id (labs without a hidden.json have none). */
function hiddenTests(dir: string | undefined, labs: readonly Lab[], w: TeacherWords): Map<string, HiddenTests> {
  if (dir === undefined) return new Map();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(w.hiddenNoFolder(dir));
  return new Map(labs.flatMap((lab) => {
    const hidden = loadHidden(resolve(dir), lab);
    return hidden ? [[lab.id, hidden] as const] : [];
  }));
}

/** `journey class check-hidden <dir>`: every hidden file passes on the solution and fails on the starter. */
async function checkHiddenCommand(paths: CoursePaths, io: Io, dir: string | undefined, flags: ClassFlags, w: TeacherWords): Promise<number> {
  if (!dir) throw new UsageError(w.nameHiddenFolder);
  const labs = flags.labs ? chosenLabs(paths, flags.labs, w) : courseLabs(paths);
  const hidden = hiddenTests(dir, labs, w);
  if (!hidden.size) {
    io.err(`${pc.red('journey:')} ${w.noHiddenTests(dir, labs.map((l) => l.id).join(', '))}`);
    return 1;
  }
  let bad = 0;
  for (const lab of labs.filter((l) => hidden.has(l.id))) {
    for (const check of await checkHidden(paths, lab, hidden.get(lab.id)!)) {
      const ok = checkPasses(check);
      if (!ok) bad++;
      const why = ok ? '' : `: ${check.onSolution ? '' : w.failsOnSolution}${!check.onSolution && check.onStarter ? w.and : ''}${check.onStarter ? w.passesOnStarter : ''}`;
      io.out(`${ok ? pc.green('✓') : pc.red('✗')} ${lab.id}/tests/${check.file} (${check.message})${why}`);
    }
  }
  return bad ? 1 : 0;
}

/** `journey class report <gradebook.csv>`: the HTML report beside it (or at --out). */
function reportCommand(io: Io, csv: string | undefined, flags: ClassFlags, w: TeacherWords): number {
  if (!csv) throw new UsageError(w.nameGradebook);
  if (!existsSync(csv)) throw new UsageError(w.noFile(csv));
  const rows = parseCsv(readFileSync(csv, 'utf8'));
  if (!rows.length || !('student' in rows[0]!) || !('score' in rows[0]!)) throw new UsageError(w.notGradebook(csv));
  const out = resolve(flags.out ?? csv.replace(/(\.csv)?$/, '.html'));
  const testsFile = testsCsvPath(csv);
  writeFileSync(out, renderReport(rows, csv, existsSync(testsFile) ? parseCsv(readFileSync(testsFile, 'utf8')) : undefined));
  io.out(w.wroteReport(out));
  return 0;
}

/** The log both `grade` and `collect` keep: each line printed, and written beside the gradebook at the end. */
function gradebookLog(io: Io): { say(line: string): void; write(csv: string): void } {
  const lines: string[] = [];
  return {
    say(line) {
      lines.push(line);
      io.out(line);
    },
    write: (csv) => writeFileSync(csv.replace(/(\.csv)?$/, '.log'), lines.join('\n') + '\n'),
  };
}

/** The gradebook and, beside it, every test's outcome (the report's "tests most students fail"). */
function writeGradebook(out: string, labs: readonly Lab[], grades: readonly LabGrade[], due: Date | undefined): void {
  writeFileSync(out, gradebookCsv(labs, grades, due));
  writeFileSync(testsCsvPath(out), testsCsv(grades));
}

function existingFolder(dir: string | undefined, what: string, w: TeacherWords): string {
  if (!dir) throw new UsageError(w.nameFolderOf(what));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(w.noFolder(dir));
  return dir;
}

/** `journey class collect <dir>`: students' CI results into the gradebook, marked as theirs (see class/collect.ts). */
function collectCommand(paths: CoursePaths, io: Io, dir: string | undefined, flags: ClassFlags, w: TeacherWords): number {
  const folder = existingFolder(dir, w.artifactsFolder, w);
  const labs = chosenLabs(paths, flags.labs, w);
  const due = parseDue(flags.due, w);
  const out = resolve(flags.out ?? 'gradebook.csv');
  const students = findSubmissions(folder);
  const log = gradebookLog(io);
  log.say(w.collecting(students.length, labs.map((l) => l.id).join(', '), STUDENT_CI));
  const grades = collectResults(students, labs);
  for (const grade of grades) log.say(logLine(grade));
  writeGradebook(out, labs, grades, due);
  const flagged = grades.filter((g) => g.status === 'error');
  log.say(w.wroteCollected(out, grades.length, flagged.length ? w.didNotAddUp(flagged.length, flagged.map((g) => `${g.student}/${g.lab}`).join(', ')) : undefined));
  log.write(out);
  return 0;
}

/** `journey class grade <dir>`, `journey class collect <dir>`, `journey class check-hidden <dir>` and `journey class report <csv>`. */
export async function classCommand(paths: CoursePaths, io: Io, action: string | undefined, dir: string | undefined, flags: ClassFlags): Promise<number> {
  const w = TEACHER_WORDS[io.locale ?? 'en'];
  if (action === 'check-hidden') return checkHiddenCommand(paths, io, dir, flags, w);
  if (action === 'report') return reportCommand(io, dir, flags, w);
  if (action === 'collect') return collectCommand(paths, io, dir, flags, w);
  if (action !== 'grade') throw new UsageError(w.classActions(action));
  existingFolder(dir, w.submissionsFolder, w);
  const labs = chosenLabs(paths, flags.labs, w);
  const hidden = hiddenTests(flags.hidden, labs, w);
  const jobs = parseJobs(flags.jobs, w);
  const due = parseDue(flags.due, w);
  const labMs = parseSeconds('lab-seconds', flags['lab-seconds'], [10, 3600], DEFAULT_LAB_MS, w);
  const testMs = parseSeconds('test-seconds', flags['test-seconds'], [2, 600], LIMITS.node.testMs, w);
  const out = resolve(flags.out ?? 'gradebook.csv');
  const probe = probeBubblewrap(paths.root);
  if (!probe.ok && !flags.unsafe) {
    io.err(`${pc.red('journey:')} ${w.noSandbox(probe.why)}`);
    io.err(w.installSandbox(TOOLS.sandbox.install.debian));
    return 1;
  }
  const isolation = probe.ok ? ({ kind: 'bubblewrap', bwrap: probe.path } as const) : ({ kind: 'none' } as const);
  const submissions = findSubmissions(dir!);
  const log = gradebookLog(io);
  const say = log.say;
  const secret = hidden.size ? w.withHidden([...hidden.keys()].join(', ')) : '';
  say(w.gradingBatch(submissions.length, labs.map((l) => l.id).join(', '), secret, jobs, probe.ok ? describeSandbox(probe.path) : w.noIsolation));
  const started = Date.now();
  let reported = 0;
  const grades = await gradeBatch({ paths, scoring: courseSettings(paths).scoring, isolation, cacheDir: join(dirname(out), '.journey-class-cache'), hidden, labMs, testMs }, labs, submissions, jobs, {
    graded: (grade) => say(logLine(grade)),
    // One line per job done, under its log line (a redrawn bar would tear the log lines apart).
    progress: ({ done, running, remaining }) => {
      if (done > reported) io.err(pc.dim(w.progress(done, running, remaining)));
      reported = done;
    },
  });
  writeGradebook(out, labs, grades, due);
  if (flags.feedback) writeFeedback(resolve(flags.feedback), grades);
  const flagged = grades.filter((g) => g.status === 'tampered' || g.status === 'error');
  const toLookAt = flagged.length ? w.toLookAt(flagged.length, flagged.map((g) => `${g.student}/${g.lab}`).join(', ')) : undefined;
  say(w.wroteGraded(out, grades.length, ((Date.now() - started) / 1000).toFixed(1), toLookAt));
  log.write(out);
  return 0;
}
