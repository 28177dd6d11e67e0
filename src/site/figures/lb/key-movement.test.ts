import { describe, expect, it } from 'vitest';
import { KM_KEYS, announce, assign, movedCounts, renderMovement } from './key-movement.ts';

describe('key movement', () => {
  it('moves only the leaving backend\'s keys on the ring, few more in Maglev, and most keys under modulo', () => {
    const before = assign(['A', 'B', 'C', 'D', 'E']);
    const after = assign(['A', 'B', 'C', 'D']);
    for (const scheme of ['ring'] as const) {
      after.owners[scheme].forEach((owner, i) => {
        if (owner !== before.owners[scheme][i]) expect(before.owners[scheme][i], `${scheme} ${KM_KEYS[i]}`).toBe('E');
      });
    }
    const moved = movedCounts(before, after);
    expect(moved.modulo).toBeGreaterThan(moved.ring);
    expect(moved.modulo).toBeGreaterThan(moved.maglev);
  });

  it('marks moved keys and none when nothing changed', () => {
    const a = assign(['A', 'B', 'C']);
    expect(renderMovement(a, a)).not.toContain('is-moved');
    expect(renderMovement(a, assign(['A', 'B']))).toContain('is-moved');
  });

  it('says what moved, in the page\'s language, with the same counts', () => {
    const before = assign(['A', 'B', 'C']);
    const after = assign(['B', 'C']);
    const moved = movedCounts(before, after);
    expect(announce(before, after)).toBe(`Backends B, C. Keys moved: ring ${moved.ring}, Maglev ${moved.maglev}, modulo ${moved.modulo}, of ${KM_KEYS.length}.`);
    expect(announce(before, after, 'zh-cn')).toBe(`后端 B、C。${KM_KEYS.length} 个键中更换了后端的：哈希环 ${moved.ring} 个，Maglev ${moved.maglev} 个，取模 ${moved.modulo} 个。`);
    expect(renderMovement(before, after, 'zh-cn')).toContain('（原为 A）');
  });
});
