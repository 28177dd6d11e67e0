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

function chosenLabs(paths: CoursePaths, list: string | undefined): Lab[] {
  const labs = courseLabs(paths);
  if (!list) throw new UsageError(`name the labs to grade with --labs, e.g. --labs dns,tcp. Labs: ${labs.map((l) => l.id).join(', ')}.`);
  return labsNamed(labs, list);
}

function parseJobs(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64; got "${value}".`);
  return jobs;
}

/** A whole number of seconds from a flag, in milliseconds, or `fallback` when it is absent. */
function parseSeconds(flag: string, value: string | undefined, range: [number, number], fallback: number): number {
  if (value === undefined) return fallback;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < range[0] || seconds > range[1]) throw new UsageError(`--${flag} must be a whole number from ${range[0]} to ${range[1]}; got "${value}".`);
  return seconds * 1000;
}

function parseDue(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const due = new Date(value);
  if (Number.isNaN(due.getTime())) throw new UsageError(`--due must be a date and time such as 2026-12-01T23:59:00Z; got "${value}".`);
  return due;
}

/** The chosen labs' hidden tests in `dir`, by lab id (labs without a hidden.json have none). */
function hiddenTests(dir: string | undefined, labs: readonly Lab[]): Map<string, HiddenTests> {
  if (dir === undefined) return new Map();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--hidden: there is no folder ${dir}.`);
  return new Map(labs.flatMap((lab) => {
    const hidden = loadHidden(resolve(dir), lab);
    return hidden ? [[lab.id, hidden] as const] : [];
  }));
}

/** `journey class check-hidden <dir>`: every hidden file passes on the solution and fails on the starter. */
async function checkHiddenCommand(paths: CoursePaths, io: Io, dir: string | undefined, flags: ClassFlags): Promise<number> {
  if (!dir) throw new UsageError('name the folder of hidden tests (laid out as <lab>/tests/, with <lab>/hidden.json).');
  const labs = flags.labs ? chosenLabs(paths, flags.labs) : courseLabs(paths);
  const hidden = hiddenTests(dir, labs);
  if (!hidden.size) {
    io.err(`${pc.red('journey:')} ${dir} holds no hidden tests for ${labs.map((l) => l.id).join(', ')}: expected <lab>/hidden.json and <lab>/tests/.`);
    return 1;
  }
  let bad = 0;
  for (const lab of labs.filter((l) => hidden.has(l.id))) {
    for (const check of await checkHidden(paths, lab, hidden.get(lab.id)!)) {
      const ok = checkPasses(check);
      if (!ok) bad++;
      const why = ok ? '' : `: ${check.onSolution ? '' : 'fails on the solution'}${!check.onSolution && check.onStarter ? ' and ' : ''}${check.onStarter ? 'passes on the starter, so it checks nothing' : ''}`;
      io.out(`${ok ? pc.green('✓') : pc.red('✗')} ${lab.id}/tests/${check.file} (${check.message})${why}`);
    }
  }
  return bad ? 1 : 0;
}

/** `journey class report <gradebook.csv>`: the HTML report beside it (or at --out). */
function reportCommand(io: Io, csv: string | undefined, flags: ClassFlags): number {
  if (!csv) throw new UsageError('name the gradebook, e.g. `npx journey class report gradebook.csv`.');
  if (!existsSync(csv)) throw new UsageError(`there is no file ${csv}.`);
  const rows = parseCsv(readFileSync(csv, 'utf8'));
  if (!rows.length || !('student' in rows[0]!) || !('score' in rows[0]!)) throw new UsageError(`${csv} is not a gradebook from \`journey class grade\` (no student and score columns).`);
  const out = resolve(flags.out ?? csv.replace(/(\.csv)?$/, '.html'));
  const testsFile = testsCsvPath(csv);
  writeFileSync(out, renderReport(rows, csv, existsSync(testsFile) ? parseCsv(readFileSync(testsFile, 'utf8')) : undefined));
  io.out(`Wrote ${out}: open it in a browser.`);
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

function existingFolder(dir: string | undefined, what: string): string {
  if (!dir) throw new UsageError(`name the folder of ${what}.`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`there is no folder ${dir}.`);
  return dir;
}

/** `journey class collect <dir>`: students' CI results into the gradebook, marked as theirs (see class/collect.ts). */
function collectCommand(paths: CoursePaths, io: Io, dir: string | undefined, flags: ClassFlags): number {
  const folder = existingFolder(dir, 'downloaded artifacts: one <student>/ folder (the journey-results artifact\'s files) or <student>.zip per student');
  const labs = chosenLabs(paths, flags.labs);
  const due = parseDue(flags.due);
  const out = resolve(flags.out ?? 'gradebook.csv');
  const students = findSubmissions(folder);
  const log = gradebookLog(io);
  log.say(`Collecting ${students.length} students' CI results × ${labs.map((l) => l.id).join(', ')}. Isolation: ${STUDENT_CI} — each student's own fork ran tests they could read and change, so these scores are feedback, not a trusted grade: grade for the record with \`journey class grade\`.`);
  const grades = collectResults(students, labs);
  for (const grade of grades) log.say(logLine(grade));
  writeGradebook(out, labs, grades, due);
  const flagged = grades.filter((g) => g.status === 'error');
  log.say(`Wrote ${out}: ${grades.length} rows${flagged.length ? `; ${flagged.length} did not add up: ${flagged.map((g) => `${g.student}/${g.lab}`).join(', ')}` : ''}.`);
  log.write(out);
  return 0;
}

/** `journey class grade <dir>`, `journey class collect <dir>`, `journey class check-hidden <dir>` and `journey class report <csv>`. */
export async function classCommand(paths: CoursePaths, io: Io, action: string | undefined, dir: string | undefined, flags: ClassFlags): Promise<number> {
  if (action === 'check-hidden') return checkHiddenCommand(paths, io, dir, flags);
  if (action === 'report') return reportCommand(io, dir, flags);
  if (action === 'collect') return collectCommand(paths, io, dir, flags);
  if (action !== 'grade') throw new UsageError(`"journey class" does ${action ? `not know "${action}"` : 'four things'}: \`journey class grade <submissions-dir> --labs dns,tcp --out gradebook.csv [--hidden DIR]\`, \`journey class collect <artifacts-dir> --labs dns,tcp --out gradebook.csv\`, \`journey class check-hidden DIR\` and \`journey class report gradebook.csv\`.`);
  existingFolder(dir, 'submissions: one folder (a clone of the fork) or one <student>.zip per student');
  const labs = chosenLabs(paths, flags.labs);
  const hidden = hiddenTests(flags.hidden, labs);
  const jobs = parseJobs(flags.jobs);
  const due = parseDue(flags.due);
  const labMs = parseSeconds('lab-seconds', flags['lab-seconds'], [10, 3600], DEFAULT_LAB_MS);
  const testMs = parseSeconds('test-seconds', flags['test-seconds'], [2, 600], LIMITS.node.testMs);
  const out = resolve(flags.out ?? 'gradebook.csv');
  const probe = probeBubblewrap(paths.root);
  if (!probe.ok && !flags.unsafe) {
    io.err(`${pc.red('journey:')} no sandbox: ${probe.why}. Submissions are untrusted code, so they are not graded without one.`);
    io.err(`Install bubblewrap (${TOOLS.sandbox.install.debian}), or pass --unsafe to grade with no isolation at all (the gradebook then says so on every row).`);
    return 1;
  }
  const isolation = probe.ok ? ({ kind: 'bubblewrap', bwrap: probe.path } as const) : ({ kind: 'none' } as const);
  const submissions = findSubmissions(dir!);
  const log = gradebookLog(io);
  const say = log.say;
  const secret = hidden.size ? ` with hidden tests for ${[...hidden.keys()].join(', ')}` : '';
  say(`Grading ${submissions.length} submissions × ${labs.map((l) => l.id).join(', ')}${secret}, ${jobs} at a time, isolation: ${probe.ok ? describeSandbox(probe.path) : 'NONE (--unsafe: submissions ran with your user\'s rights)'}.`);
  const started = Date.now();
  let reported = 0;
  const grades = await gradeBatch({ paths, scoring: courseSettings(paths).scoring, isolation, cacheDir: join(dirname(out), '.journey-class-cache'), hidden, labMs, testMs }, labs, submissions, jobs, {
    graded: (grade) => say(logLine(grade)),
    // One line per job done, under its log line (a redrawn bar would tear the log lines apart).
    progress: ({ done, running, remaining }) => {
      if (done > reported) io.err(pc.dim(`  ${done} done, ${running} running, ${remaining} remaining`));
      reported = done;
    },
  });
  writeGradebook(out, labs, grades, due);
  if (flags.feedback) writeFeedback(resolve(flags.feedback), grades);
  const flagged = grades.filter((g) => g.status === 'tampered' || g.status === 'error');
  say(`Wrote ${out}: ${grades.length} rows in ${((Date.now() - started) / 1000).toFixed(1)} s${flagged.length ? `; ${flagged.length} to look at (tampered or error): ${flagged.map((g) => `${g.student}/${g.lab}`).join(', ')}` : ''}.`);
  log.write(out);
  return 0;
}
