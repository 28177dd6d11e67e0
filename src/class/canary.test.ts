import { describe, expect, it } from 'vitest';
import type { Lab } from '../course/labs.ts';
import { gradeResult, stageResult, type TestResult } from '../runners/result.ts';
import { canaryName, takeCanary } from './canary.ts';

const stage = { id: 's', title: 'S', summary: 's', points: 10, runsIn: 'pure' as const, hints: ['h'] };
const lab: Lab = { id: 'l', dir: '/l', chapter: 1, manifest: { title: 'L', chapterPage: 'l', summary: 'l', files: ['a.ts'], given: [], stages: [stage] } };
const fields = { lab: 'l', target: 'workspace', runner: 'node' as const, scoring: 'all-or-nothing' as const, durationMs: 1 };
const test = (name: string, status: TestResult['status']): TestResult => ({ name, status, durationMs: 1 });
const graded = (tests: TestResult[]) => gradeResult(fields, [stageResult(stage, tests, undefined, 'all-or-nothing')]);

describe('the canary', () => {
  const canary = canaryName();

  it('is taken out of an honest result, which then scores as the course\'s tests say', () => {
    const { result, tampered } = takeCanary(graded([test(canary, 'failed'), test('real', 'passed')]), canary, lab, 'all-or-nothing');
    expect(tampered).toEqual([]);
    expect(result.score).toBe(10);
    expect(result.stages[0]!.tests.map((t) => t.name)).toEqual(['real']);
  });

  it('flags a stage where it passed, or where tests passed without it', () => {
    expect(takeCanary(graded([test(canary, 'passed'), test('real', 'passed')]), canary, lab, 'all-or-nothing').tampered).toEqual(['s: the canary test that must fail passed']);
    expect(takeCanary(graded([test('forged', 'passed')]), canary, lab, 'all-or-nothing').tampered).toEqual(['s: tests passed but the canary graded before them is missing']);
  });

  it('is not tampering when nothing passed (a stage that did not load)', () => {
    expect(takeCanary(graded([]), canary, lab, 'all-or-nothing').tampered).toEqual([]);
  });

  it('has a fresh name every run', () => {
    expect(canaryName()).not.toBe(canaryName());
  });
});
