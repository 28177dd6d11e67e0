import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { passText, readJourneyPass, recordJourneyPass } from './journey-pass.ts';

/** A localStorage of this test's own. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('a journey pass kept in this browser', () => {
  beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('is kept, and the first pass stays when another is recorded', () => {
    expect(readJourneyPass()).toBeUndefined();
    const first = { at: '2026-12-05T06:00:00.000Z', seed: 7, faults: [] };
    expect(recordJourneyPass(first)).toEqual(first);
    expect(recordJourneyPass({ at: '2026-12-06T06:00:00.000Z', seed: 8, faults: ['server-down'] })).toEqual(first);
    expect(readJourneyPass()).toEqual(first);
  });

  it('ignores what is not a pass (another version, or not JSON)', () => {
    localStorage.setItem('packet-journey:journey-pass', '{"at":3}');
    expect(readJourneyPass()).toBeUndefined();
    localStorage.setItem('packet-journey:journey-pass', '{');
    expect(readJourneyPass()).toBeUndefined();
  });

  it('says when, with which seed and faults', () => {
    expect(passText({ at: '2026-12-05T06:00:00.000Z', seed: 7, faults: ['server-down', 'idle-proxy'] })).toBe(
      'You passed the whole journey in this browser on 2026-12-05 (seed 7, with server-down, idle-proxy injected): every piece yours, and the order came back.',
    );
  });
});
