/** `journey class grade`: the teacher's batch grading, from the command line (the work is in src/class/). */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pc from 'picocolors';
import { loadLabs, type Lab } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';
import { courseSettings } from '../course/settings.ts';
import { gradeBatch, logLine } from '../class/batch.ts';
import { gradebookCsv } from '../class/gradebook.ts';
import { probeBubblewrap } from '../class/sandbox.ts';
import { findSubmissions } from '../class/submissions.ts';
import { TOOLS } from '../tooling/host-tools.ts';
import type { Io } from './commands.ts';
import { UsageError } from './usage.ts';

export interface ClassFlags {
  labs?: string;
  out?: string;
  jobs?: string;
  due?: string;
  unsafe?: boolean;
}

function chosenLabs(paths: CoursePaths, list: string | undefined): Lab[] {
  const labs = loadLabs(paths);
  if (!list) throw new UsageError(`name the labs to grade with --labs, e.g. --labs dns,tcp. Labs: ${labs.map((l) => l.id).join(', ')}.`);
  return list.split(',').map((id) => {
    const lab = labs.find((l) => l.id === id.trim());
    if (!lab) throw new UsageError(`--labs: unknown lab "${id.trim()}". Labs: ${labs.map((l) => l.id).join(', ')}.`);
    return lab;
  });
}

function parseJobs(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64; got "${value}".`);
  return jobs;
}

function parseDue(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const due = new Date(value);
  if (Number.isNaN(due.getTime())) throw new UsageError(`--due must be a date and time such as 2026-12-01T23:59:00Z; got "${value}".`);
  return due;
}

/** `journey class <action> <dir>`: only `grade` for now. */
export async function classCommand(paths: CoursePaths, io: Io, action: string | undefined, dir: string | undefined, flags: ClassFlags): Promise<number> {
  if (action !== 'grade') throw new UsageError(`"journey class" does ${action ? `not know "${action}"` : 'one thing'}: \`journey class grade <submissions-dir> --labs dns,tcp --out gradebook.csv\`.`);
  if (!dir) throw new UsageError('name the folder of submissions: one folder (a clone of the fork) or one <student>.zip per student.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`there is no folder ${dir}.`);
  const labs = chosenLabs(paths, flags.labs);
  const jobs = parseJobs(flags.jobs);
  const due = parseDue(flags.due);
  const out = resolve(flags.out ?? 'gradebook.csv');
  const probe = probeBubblewrap();
  if (!probe.ok && !flags.unsafe) {
    io.err(`${pc.red('journey:')} no sandbox: ${probe.why}. Submissions are untrusted code, so they are not graded without one.`);
    io.err(`Install bubblewrap (${TOOLS.sandbox.install.debian}), or pass --unsafe to grade with no isolation at all (the gradebook then says so on every row).`);
    return 1;
  }
  const isolation = probe.ok ? ({ kind: 'bubblewrap', bwrap: probe.path } as const) : ({ kind: 'none' } as const);
  const submissions = findSubmissions(dir);
  const log: string[] = [];
  const say = (line: string) => {
    log.push(line);
    io.out(line);
  };
  say(`Grading ${submissions.length} submissions × ${labs.map((l) => l.id).join(', ')}, ${jobs} at a time, isolation: ${probe.ok ? `bubblewrap (${probe.path}; no network, read-only course files, limits by prlimit)` : 'NONE (--unsafe: submissions ran with your user\'s rights)'}.`);
  const started = Date.now();
  let reported = 0;
  const grades = await gradeBatch({ paths, scoring: courseSettings(paths).scoring, isolation, cacheDir: join(dirname(out), '.journey-class-cache') }, labs, submissions, jobs, {
    graded: (grade) => say(logLine(grade)),
    // One line per job done, under its log line (a redrawn bar would tear the log lines apart).
    progress: ({ done, running, remaining }) => {
      if (done > reported) io.err(pc.dim(`  ${done} done, ${running} running, ${remaining} remaining`));
      reported = done;
    },
  });
  writeFileSync(out, gradebookCsv(labs, grades, due));
  const flagged = grades.filter((g) => g.status === 'tampered' || g.status === 'error');
  say(`Wrote ${out}: ${grades.length} rows in ${((Date.now() - started) / 1000).toFixed(1)} s${flagged.length ? `; ${flagged.length} to look at (tampered or error): ${flagged.map((g) => `${g.student}/${g.lab}`).join(', ')}` : ''}.`);
  writeFileSync(out.replace(/(\.csv)?$/, '.log'), log.join('\n') + '\n');
  return 0;
}
