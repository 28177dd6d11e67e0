/**
 * The canary: a test that must fail, graded first in every stage of every
 * submission (runners/node/grader-setup.ts adds it, under a name drawn for
 * each run). It runs after the learner's code has loaded, with the same
 * `expect`, so code that patches assertions or globals into passing, or
 * forges the results wholesale, makes it pass as well, or leaves it out
 * while other tests pass: either flags the submission as tampering. Its
 * result is then taken out, so the scores are those of the course's tests.
 */
import { randomBytes } from 'node:crypto';
import type { Lab } from '../course/labs.ts';
import { gradeResult, stageResult, type GradeResult, type Scoring } from '../runners/result.ts';

/** A fresh canary name for one run. */
export function canaryName(): string {
  return `canary ${randomBytes(12).toString('base64url')}`;
}

/** The result without the canary, rescored, and the stages where it shows tampering (with why). */
export function takeCanary(result: GradeResult, canary: string, lab: Lab, scoring: Scoring): { result: GradeResult; tampered: string[] } {
  const tampered: string[] = [];
  const stages = result.stages.map((stage) => {
    const own = stage.tests.find((t) => t.name === canary);
    const tests = stage.tests.filter((t) => t.name !== canary);
    if (own?.status === 'passed') tampered.push(`${stage.id}: the canary test that must fail passed`);
    else if (!own && tests.some((t) => t.status === 'passed')) tampered.push(`${stage.id}: tests passed but the canary graded before them is missing`);
    const spec = lab.manifest.stages.find((s) => s.id === stage.id);
    return spec && stage.status !== 'not-run' ? stageResult(spec, tests, stage.error, scoring) : { ...stage, tests };
  });
  const { status: _s, message, score: _score, max: _max, stages: _stages, ...fields } = result;
  return { result: gradeResult(fields, stages, message), tampered };
}
