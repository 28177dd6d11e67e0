/**
 * A class's submissions, as a teacher collects them into one folder: a
 * folder per student (a clone of their fork, with `workspace/<lab>/`), or a
 * `<student>.zip` exported from the lab pages (`<lab>/<file>.ts`, the browser's
 * export; one student's exports of several labs may share a zip). Only the
 * learner files a lab's manifest names are taken, each a regular file of at
 * most 1 MiB: never a symbolic link, the learner's tests, configuration,
 * node_modules or scripts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { strFromU8 } from 'fflate';
import type { Lab } from '../course/labs.ts';
import { openZip } from './open-zip.ts';

/** Most bytes one learner file may have (as for `journey import`). */
const MAX_FILE_BYTES = 1024 * 1024;
/** Most bytes a submitted zip may have before it is opened. */
const MAX_ZIP_BYTES = 16 * 1024 * 1024;

/** One student's submission, found in the submissions folder. */
export interface Submission {
  student: string;
  kind: 'folder' | 'zip';
  path: string;
}

/** One lab of one submission: the learner files found, and what was wrong or missing. */
export interface LabFiles {
  files: Record<string, string>;
  /** Problems with what was submitted (a link, an oversized file), named for the log. */
  problems: string[];
  /** The commit of a fork's clone (HEAD), when it is one. */
  commit?: string;
  /** When the work was last committed (a clone) or exported (a zip's time). */
  submittedAt?: Date;
}

/** Every submission in the folder, by student name, sorted; other entries are ignored. */
export function findSubmissions(dir: string): Submission[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .flatMap((e): Submission[] => {
      if (e.isDirectory()) return [{ student: e.name, kind: 'folder', path: join(dir, e.name) }];
      if (e.isFile() && e.name.endsWith('.zip')) return [{ student: basename(e.name, '.zip'), kind: 'zip', path: join(dir, e.name) }];
      return [];
    })
    .sort((a, b) => a.student.localeCompare(b.student));
}

/** Reads one lab's learner files from a submission; missing files are simply absent. */
export function labFiles(submission: Submission, lab: Lab): LabFiles {
  return submission.kind === 'folder' ? folderFiles(submission.path, lab) : zipFiles(submission.path, lab);
}

function folderFiles(path: string, lab: Lab): LabFiles {
  const dir = join(path, 'workspace', lab.id);
  const files: Record<string, string> = {};
  const problems: string[] = [];
  for (const name of lab.manifest.files) {
    const file = join(dir, name);
    if (!existsSync(file) && !isLink(file)) continue;
    const stat = lstatSync(file);
    if (!stat.isFile()) problems.push(`workspace/${lab.id}/${name} is not a regular file (a link or a folder), so it was left out`);
    else if (stat.size > MAX_FILE_BYTES) problems.push(`workspace/${lab.id}/${name} has ${stat.size} bytes, more than a lab file can be, so it was left out`);
    else files[name] = readFileSync(file, 'utf8');
  }
  return { files, problems, ...gitHead(path) };
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The clone's HEAD commit and its date. Git reads only the repository's
 * objects here, with the student's hooks and fsmonitor switched off.
 */
export function gitHead(path: string): { commit?: string; submittedAt?: Date } {
  if (!existsSync(join(path, '.git'))) return {};
  const git = spawnSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', `safe.directory=${path}`, 'log', '-1', '--format=%H %cI'], {
    cwd: path,
    encoding: 'utf8',
    timeout: 10_000,
    env: { PATH: process.env['PATH'], GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' },
  });
  const [commit, date] = (git.stdout ?? '').trim().split(' ');
  return commit && /^[0-9a-f]{40}$/.test(commit) && date ? { commit, submittedAt: new Date(date) } : {};
}

function zipFiles(path: string, lab: Lab): LabFiles {
  const problems: string[] = [];
  const opened = openZip(path, { zipBytes: MAX_ZIP_BYTES, entryBytes: MAX_FILE_BYTES, what: 'a course export' }, (f) => f.name.startsWith(`${lab.id}/`));
  if ('problem' in opened) return { files: {}, problems: [opened.problem] };
  const { entries } = opened;
  const files: Record<string, string> = {};
  for (const [name, data] of Object.entries(entries)) {
    const file = name.slice(lab.id.length + 1);
    if (lab.manifest.files.includes(file)) files[file] = strFromU8(data);
  }
  return { files, problems, submittedAt: statSync(path).mtime };
}
