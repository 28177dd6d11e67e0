/**
 * Stage round-robin: plain round robin, and Nginx's smooth weighted round
 * robin checked against the sequence Nginx's own source produces
 * (ngx_http_upstream_round_robin.c; the commit that introduced it, 2012,
 * gives 5, 1, 1 → a a b a c a a).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RoundRobin, SmoothWeightedRoundRobin } from '@impl/round-robin.ts';
import { nginxSequence } from './fixtures/reference-pickers.ts';

const SEE = 'the chapter, "Round robin and its weighted form"; Nginx ngx_http_upstream_get_peer';
const picks = (picker: { pick(): string }, n: number): string[] => Array.from({ length: n }, () => picker.pick());

describe('RoundRobin', () => {
  it('hands out a, b, c, a, b, c, a in turn', () => {
    expect(picks(new RoundRobin(['a', 'b', 'c']), 7)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('with one backend, always picks it', () => {
    expect(picks(new RoundRobin(['only']), 3)).toEqual(['only', 'only', 'only']);
  });

  it('refuses an empty list', () => {
    expect(() => new RoundRobin([])).toThrow(/RoundRobin: needs at least one backend/);
  });
});

describe('SmoothWeightedRoundRobin', () => {
  it('gives Nginx\'s sequence a a b a c a a for weights 5, 1, 1, and repeats it', () => {
    const swrr = new SmoothWeightedRoundRobin([{ name: 'a', weight: 5 }, { name: 'b', weight: 1 }, { name: 'c', weight: 1 }]);
    expect(picks(swrr, 14), SEE).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a', 'a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });

  it('gives the first listed backend a tie: weights 1, 1 alternate a b a b', () => {
    const swrr = new SmoothWeightedRoundRobin([{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }]);
    expect(picks(swrr, 4), SEE).toEqual(['a', 'b', 'a', 'b']);
  });

  it('matches Nginx\'s peer selection for any weights, over three cycles', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }), (weights) => {
        const peers = weights.map((weight, i) => ({ name: `s${i}`, weight }));
        const total = weights.reduce((a, b) => a + b, 0);
        expect(picks(new SmoothWeightedRoundRobin(peers), 3 * total), `weights ${weights.join(', ')}; ${SEE}`).toEqual(nginxSequence(peers, 3 * total));
      }),
    );
  });

  it('never picks a weight-1 backend twice in a row when the others weigh more in total (smoothness)', () => {
    const swrr = new SmoothWeightedRoundRobin([{ name: 'a', weight: 1 }, { name: 'b', weight: 3 }, { name: 'c', weight: 2 }]);
    const seq = picks(swrr, 12);
    for (let i = 1; i < seq.length; i++) expect(seq[i] === 'a' && seq[i - 1] === 'a', `sequence ${seq.join(' ')}`).toBe(false);
  });

  it('refuses an empty list and weights that are not whole numbers ≥ 1', () => {
    expect(() => new SmoothWeightedRoundRobin([])).toThrow(/SmoothWeightedRoundRobin: needs at least one backend/);
    for (const weight of [0, -1, 1.5, Number.NaN]) {
      expect(() => new SmoothWeightedRoundRobin([{ name: 'a', weight }]), `weight ${weight}`).toThrow(RangeError);
      expect(() => new SmoothWeightedRoundRobin([{ name: 'a', weight }]), 'the error names the backend and its weight').toThrow(`backend "a" has weight ${weight}`);
    }
  });
});
