/**
 * One `journey grade` of each lab's solution and starter per test run, shared
 * by the test files that check it (tests/labs.test.ts, same-score and
 * WebContainer parity): grading is most of the suite's time, and those files
 * run in separate workers, so the result is kept in the run's temp folder
 * (tests/support/temp-root.ts). Two files asking at once may both grade;
 * either result is a real grade of the same files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab } from '../../src/course/labs.ts';
import type { CoursePaths } from '../../src/course/paths.ts';
import { gradeLab } from '../../src/runners/node/grade.ts';
import type { GradeResult } from '../../src/runners/result.ts';

/** The lab's target graded by the Node runner, on these stages (every stage when omitted), once per test run. */
export async function gradedOnce(paths: CoursePaths, lab: Lab, target: 'solution' | 'starter', stages?: readonly string[]): Promise<GradeResult> {
  const some = stages && lab.manifest.stages.some((s) => !stages.includes(s.id)) ? stages : undefined;
  const key = createHash('sha256').update(JSON.stringify([lab.dir, target, some ?? 'all'])).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `journey-graded-${lab.id}-${target}-${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as GradeResult;
  const result = await gradeLab({ paths, lab, target, ...(some ? { stages: some } : {}) });
  // Written whole, then renamed: a reader never sees half a file.
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(result));
  renameSync(`${file}.${process.pid}`, file);
  return result;
}
