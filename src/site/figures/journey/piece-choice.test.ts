import { describe, expect, it } from 'vitest';
import { choosePiece, learnerFiles, startedFrom, verdictKey } from './piece-choice.ts';

describe('choosing whose piece runs in the browser', () => {
  it('takes the reference for a lab never started, even when forced', () => {
    expect(choosePiece('tcp', { started: false, forced: true })).toMatchObject({ source: 'reference', label: 'reference TCP' });
  });

  it('takes the learner\'s piece when its pure stages pass, and labels it theirs', () => {
    expect(choosePiece('https', { started: true, forced: false, verdict: { key: 'k', failed: [] } })).toMatchObject({ source: 'yours', label: 'your TLS client' });
  });

  it('names the stages that fail when it falls back to the reference', () => {
    const choice = choosePiece('dns', { started: true, forced: false, verdict: { key: 'k', failed: ['names', 'resolver'] } });
    expect(choice).toMatchObject({ source: 'reference', label: 'reference resolver' });
    expect(choice.reason).toBe('your dns lab does not pass names, resolver yet');
  });

  it('takes the reference, saying why, when the learner\'s files could not be read or graded', () => {
    const choice = choosePiece('cdn', { started: true, forced: true, problem: 'the grading worker failed to start' });
    expect(choice).toMatchObject({ source: 'reference', reason: 'your cdn lab could not be checked: the grading worker failed to start' });
  });

  it('takes a forced piece without a verdict', () => {
    expect(choosePiece('tcp', { started: true, forced: true, verdict: { key: 'k', failed: ['connection'] } }).source).toBe('yours');
  });

  it('fills files never saved from the starter, and sees an untouched starter as not started', () => {
    const starter = { 'a.ts': 'A', 'b.ts': 'B' };
    const files = learnerFiles(['a.ts', 'b.ts'], { 'a.ts': 'A' }, starter);
    expect(files).toEqual(starter);
    expect(startedFrom(starter, files)).toBe(false);
    expect(startedFrom(starter, { ...files, 'b.ts': 'B2' })).toBe(true);
  });

  it('keys a verdict on the lab, every file and every test', async () => {
    const key = await verdictKey('tcp', { 'a.ts': 'x' }, { 't.ts': 'y' });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await verdictKey('tcp', { 'a.ts': 'x' }, { 't.ts': 'y' })).toBe(key);
    expect(await verdictKey('dns', { 'a.ts': 'x' }, { 't.ts': 'y' })).not.toBe(key);
    expect(await verdictKey('tcp', { 'a.ts': 'x2' }, { 't.ts': 'y' })).not.toBe(key);
    expect(await verdictKey('tcp', { 'a.ts': 'x' }, { 't.ts': 'y2' })).not.toBe(key);
    // Moving text between a name and its file changes the key.
    expect(await verdictKey('tcp', { 'a.tsx': '' }, { 't.ts': 'y' })).not.toBe(await verdictKey('tcp', { 'a.ts': 'x' }, { 't.ts': 'y' }));
  });
});
