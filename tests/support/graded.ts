/**
 * One `journey grade` of each lab's solution and starter per test run, shared
 * by the test files that check it (tests/labs.test.ts, same-score and
 * WebContainer parity): grading is most of the suite's time, and those files
 * run in separate workers, so the result is kept in the run's temp folder
 * (tests/support/temp-root.ts). The first file to ask grades, holding a lock
 * file; a file asking meanwhile (workers run side by side on a machine with
 * more than two cores) waits for that grade instead of grading the same files
 * again. A file run alone grades on demand.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab } from '../../src/course/labs.ts';
import type { CoursePaths } from '../../src/course/paths.ts';
import { gradeLab } from '../../src/runners/node/grade.ts';
import type { GradeResult } from '../../src/runners/result.ts';

/** Longer than any lab's grade (tests/webcontainer-parity.test.ts allows 300 s): past it a waiter grades for itself. */
const WAIT_MS = 600_000;
const POLL_MS = 200;

/** True while the lock is there and the process that wrote its id runs (a lock just made, still empty, counts as held). */
function held(lock: string): boolean {
  try {
    process.kill(Number(readFileSync(lock, 'utf8')), 0);
    return true;
  } catch (error) {
    // No lock (ENOENT) or no such process (ESRCH): nobody is grading. EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits while another process grades into `file`; true when the file is there. */
async function awaitOther(file: string, lock: string): Promise<boolean> {
  for (let waited = 0; waited < WAIT_MS && !existsSync(file) && held(lock); waited += POLL_MS) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return existsSync(file);
}

/** The lab's target graded by the Node runner, on these stages (every stage when omitted), once per test run. */
export async function gradedOnce(paths: CoursePaths, lab: Lab, target: 'solution' | 'starter', stages?: readonly string[]): Promise<GradeResult> {
  const some = stages && lab.manifest.stages.some((s) => !stages.includes(s.id)) ? stages : undefined;
  const key = createHash('sha256').update(JSON.stringify([lab.dir, target, some ?? 'all'])).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `journey-graded-${lab.id}-${target}-${key}.json`);
  const lock = `${file}.lock`;
  const read = () => JSON.parse(readFileSync(file, 'utf8')) as GradeResult;
  if (existsSync(file)) return read();
  let mine = false;
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    mine = true;
  } catch {
    // Another worker holds the lock: its grade is the shared one, unless it ends without writing it (then this one grades).
    if (await awaitOther(file, lock)) return read();
  }
  try {
    const result = await gradeLab({ paths, lab, target, ...(some ? { stages: some } : {}) });
    // Written whole, then renamed: a reader never sees half a file.
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(result));
    renameSync(`${file}.${process.pid}`, file);
    return result;
  } finally {
    if (mine) rmSync(lock, { force: true });
  }
}
