import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coursePaths } from '../course/paths.ts';
import { stageResult, gradeResult, type GradeResult } from '../runners/result.ts';
import type { Lab } from '../course/labs.ts';
import { REFERENCE_MODULES } from './reference-pieces.ts';
import { choosePieces } from './workspace-pieces.ts';

const workspace = mkdtempSync(join(tmpdir(), 'journey-pieces-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));
const paths = { ...coursePaths(), workspace };

/** A grade in which the named stages fail and the others pass. */
const grading = (failing: readonly string[], asked: string[][] = []) => async (lab: Lab, stages: string[]): Promise<GradeResult> => {
  asked.push(stages);
  const results = lab.manifest.stages
    .filter((s) => stages.includes(s.id))
    .map((s) => stageResult(s, [{ name: 't', status: failing.includes(s.id) ? 'failed' : 'passed', durationMs: 0 }], undefined, 'all-or-nothing'));
  return gradeResult({ lab: lab.id, target: 'workspace', runner: 'node', scoring: 'all-or-nothing', durationMs: 0 }, results);
};

describe('choosing whose each piece is', () => {
  it('takes the reference where the workspace has no copy of the lab, grading nothing', async () => {
    const asked: string[][] = [];
    const { pieces, choices } = await choosePieces({ paths, grade: grading([], asked) });
    expect(asked).toEqual([]);
    expect(choices.every((c) => c.source === 'reference' && c.reason.startsWith('no workspace/'))).toBe(true);
    expect(pieces.tcp.modules).toBe(REFERENCE_MODULES.tcp);
  });

  it("grades a lab's pure stages only, and keeps the reference while one fails, saying which", async () => {
    mkdirSync(join(workspace, 'tcp'), { recursive: true });
    const asked: string[][] = [];
    const { pieces, choices } = await choosePieces({ paths, grade: grading(['sender'], asked) });
    expect(asked).toEqual([['byte-stream', 'reassembler', 'wrap32', 'receiver', 'sender', 'connection', 'integration']]);
    expect(pieces.tcp.source).toBe('reference');
    expect(choices.find((c) => c.id === 'tcp')?.reason).toBe('your tcp does not pass sender yet');
  });

  it('grades nothing when asked for the reference', async () => {
    const asked: string[][] = [];
    const { choices } = await choosePieces({ paths, grade: grading([], asked), referenceOnly: true });
    expect(asked).toEqual([]);
    expect(choices.every((c) => c.source === 'reference')).toBe(true);
  });
});
