import { describe, expect, it } from 'vitest';
import type { Lab } from '../course/labs.ts';
import type { LabGrade } from './grade-submission.ts';
import { csvField, gradebookCsv, stageColumns, testsCsv, testsCsvPath } from './gradebook.ts';

function lab(id: string, stages: string[]): Lab {
  return { id, dir: `/labs/${id}`, chapter: 1, manifest: { title: id, chapterPage: id, summary: id, files: ['a.ts'], given: [], stages: stages.map((s) => ({ id: s, title: s, summary: s, points: 10, runsIn: 'pure', hints: ['h'] })) } };
}

const grade = (student: string, labId: string, stages: Record<string, number>, extra: Partial<LabGrade> = {}): LabGrade => ({
  student,
  lab: labId,
  score: Object.values(stages).reduce((a, b) => a + b, 0),
  max: 20,
  status: 'fail',
  stages,
  gradedAt: '2026-12-04T00:00:00.000Z',
  isolation: 'bubblewrap',
  notes: [],
  ...extra,
});

describe('the gradebook CSV', () => {
  it('never writes a cell a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('alice')).toBe('alice');
    expect(csvField(-3)).toBe('-3');
  });

  it('names a stage id two labs share by its lab', () => {
    expect(stageColumns([lab('dns', ['wire', 'names']), lab('tcp', ['wire'])]).map((c) => c.header)).toEqual(['dns.wire', 'names', 'tcp.wire']);
  });

  it('has one row per student and lab, identity first, other labs\' stages empty, late from the due date', () => {
    const labs = [lab('dns', ['names', 'wire']), lab('tcp', ['stream'])];
    const csv = gradebookCsv(labs, [grade('bob', 'tcp', { stream: 10 }), grade('bob', 'dns', { names: 10, wire: 0 }, { submittedAt: '2026-12-02T00:00:00.000Z', commit: 'abc' })], new Date('2026-12-01T00:00:00Z'));
    expect(csv.split('\n')).toEqual([
      'student,lab,score,max,status,names,wire,stream,late,commit,submitted_at,graded_at,isolation',
      'bob,dns,10,20,fail,10,0,,yes,abc,2026-12-02T00:00:00.000Z,2026-12-04T00:00:00.000Z,bubblewrap',
      'bob,tcp,10,20,fail,,,10,,,,2026-12-04T00:00:00.000Z,bubblewrap',
      '',
    ]);
  });

  it('writes every course test\'s outcome beside it, for the submissions that have them', () => {
    const tests = [{ stage: 'names', name: 'encodes, "quoted"', passed: false }, { stage: 'wire', name: 'lays out', passed: true }];
    expect(testsCsv([grade('bob', 'dns', { names: 0, wire: 10 }, { tests }), grade('eve', 'dns', { names: 0, wire: 0 }, { status: 'tampered' })]).split('\n')).toEqual([
      'student,lab,stage,test,passed',
      'bob,dns,names,"encodes, ""quoted""",no',
      'bob,dns,wire,lays out,yes',
      '',
    ]);
    expect(testsCsvPath('/x/gradebook.csv')).toBe('/x/gradebook.tests.csv');
  });
});
