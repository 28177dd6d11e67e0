import { describe, expect, it } from 'vitest';
import { applyMistake, MistakePatchError, type Mistake } from './mistakes.ts';

const mistake = (find: string): Mistake => ({ id: 'no-carry', stage: 'checksum', description: 'drops the carry', edits: [{ file: 'checksum.ts', find, replace: 'x' }] });

describe('applyMistake', () => {
  it('replaces the one occurrence and leaves the original files alone', () => {
    const files = { 'checksum.ts': 'a + b', 'other.ts': 'a' };
    expect(applyMistake('layers', files, mistake('+ b'))).toEqual({ 'checksum.ts': 'a x', 'other.ts': 'a' });
    expect(files['checksum.ts']).toBe('a + b');
  });

  it('fails loudly, naming lab, mistake and file, when the text is gone from the solution', () => {
    expect(() => applyMistake('layers', { 'checksum.ts': 'a - b' }, mistake('+ b'))).toThrow(
      new MistakePatchError('labs/layers/mistakes.json: mistake "no-carry": solution/checksum.ts: the text to replace occurs 0 times, expected exactly once (did the solution change?): "+ b"'),
    );
  });

  it('refuses text that occurs more than once, which would make the edit ambiguous', () => {
    expect(() => applyMistake('layers', { 'checksum.ts': 'a + b + b' }, mistake('+ b'))).toThrow(/occurs 2 times/);
  });

  it('inserts replacement text literally, without $-patterns', () => {
    expect(applyMistake('layers', { 'checksum.ts': 'a + b' }, { ...mistake('a'), edits: [{ file: 'checksum.ts', find: 'a', replace: "$&$'" }] })['checksum.ts']).toBe("$&$' + b");
  });
});
