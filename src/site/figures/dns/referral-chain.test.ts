import { describe, expect, it } from 'vitest';
import { ARROWS, CACHE, NODES, PART_IDS, REFERRAL_CHAIN_EN, REFERRAL_STEPS, VIEW_BOX } from './referral-chain.ts';
import { REFERRAL_CHAIN_ZH, REFERRAL_STEPS_ZH } from './referral-chain.zh-cn.ts';
import { checkSteps, translateSteps } from '../../components/step-through.ts';
import { expectSameSteps } from '../../../../tests/support/translated-steps.ts';

const inside = (x: number, y: number) => x >= 0 && y >= 0 && x <= VIEW_BOX.width && y <= VIEW_BOX.height;
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the referral chain diagram', () => {
  it('has unique part ids', () => {
    expect(new Set(PART_IDS).size).toBe(PART_IDS.length);
  });

  it('keeps every box inside the view box and apart from the others', () => {
    for (const node of NODES) {
      expect(inside(node.x, node.y) && inside(node.x + node.width, node.y + node.height), node.id).toBe(true);
    }
    for (const [i, a] of NODES.entries()) for (const b of NODES.slice(i + 1)) expect(overlap(a, b), `${a.id} and ${b.id}`).toBe(false);
    const resolver = NODES.find((n) => n.id === 'resolver')!;
    expect(CACHE.x >= resolver.x && CACHE.y >= resolver.y && CACHE.x + CACHE.width <= resolver.x + resolver.width && CACHE.y + CACHE.height <= resolver.y + resolver.height).toBe(true);
  });

  it('starts and ends every arrow on the edge of a box', () => {
    const onEdge = (p: { x: number; y: number }) =>
      NODES.some((n) => {
        const withinX = p.x >= n.x && p.x <= n.x + n.width;
        const withinY = p.y >= n.y && p.y <= n.y + n.height;
        return (withinY && (p.x === n.x || p.x === n.x + n.width)) || (withinX && (p.y === n.y || p.y === n.y + n.height));
      });
    for (const arrow of ARROWS) expect(onEdge(arrow.from) && onEdge(arrow.to), arrow.id).toBe(true);
  });

  it('draws a query and a response between the resolver and each server, and no two lines cross', () => {
    const side = ARROWS.filter((a) => a.id !== 'ask-resolver' && a.id !== 'answer-phone');
    expect(side.map((a) => a.id)).toEqual(['ask-root', 'from-root', 'ask-tld', 'from-tld', 'ask-auth', 'from-auth', 'ask-gslb', 'from-gslb']);
    // Resolver-side ends and server-side ends are in the same top-to-bottom order, so the segments cannot cross.
    const resolverEnd = side.map((a) => (a.kind === 'query' ? a.from.y : a.to.y));
    const serverEnd = side.map((a) => (a.kind === 'query' ? a.to.y : a.from.y));
    expect(resolverEnd).toEqual([...resolverEnd].sort((a, b) => a - b));
    expect(serverEnd).toEqual([...serverEnd].sort((a, b) => a - b));
  });

  it('steps only through parts the diagram has, each step lighting an arrow', () => {
    expect(() => checkSteps(REFERRAL_STEPS, PART_IDS)).not.toThrow();
    for (const step of REFERRAL_STEPS) expect(step.active.some((id) => ARROWS.some((a) => a.id === id)), step.title).toBe(true);
  });

  it('sends the phone one query and the resolver five, as the text of the last step says', () => {
    const arrowsLit = REFERRAL_STEPS.flatMap((s) => s.active.filter((id) => id.startsWith('ask-')));
    expect(arrowsLit.filter((id) => id === 'ask-resolver')).toHaveLength(1);
    expect(arrowsLit.filter((id) => id !== 'ask-resolver')).toHaveLength(5);
    expect(REFERRAL_STEPS.at(-1)!.text).toContain('Five queries for the resolver; one for the phone.');
  });
});

describe('the referral chain in Chinese', () => {
  it('names every box and translates every step, keeping each step\'s parts and its code', () => {
    expect(Object.keys(REFERRAL_CHAIN_ZH.nodes).sort()).toEqual(Object.keys(REFERRAL_CHAIN_EN.nodes).sort());
    const steps = translateSteps(REFERRAL_STEPS, REFERRAL_STEPS_ZH, 'ReferralChain');
    // Names in backticks are code: the translation keeps each one.
    expectSameSteps(REFERRAL_STEPS, steps, { titles: true });
  });

  it('stops the build when a translation has a step too few', () => {
    expect(() => translateSteps(REFERRAL_STEPS, REFERRAL_STEPS_ZH.slice(1), 'ReferralChain')).toThrow('11 translated steps for 12 steps');
  });
});
