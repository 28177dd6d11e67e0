import { describe, expect, it } from 'vitest';
import { checkSteps } from '../../components/step-through.ts';
import { ARROWS, HIERARCHY_STEPS, NODES, PART_IDS, VIEW_BOX, hierarchySteps } from './edge-hierarchy.ts';
import { runEdgeHierarchy } from './edge-run.ts';

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the edge hierarchy run (reference edge and shield)', () => {
  const run = runEdgeHierarchy();

  it('collapses the three first requests into one fetch to the shield and one to the origin', () => {
    const early = run.filter((d) => d.at < 1000);
    expect(early.filter((d) => d.to === 'edge' && d.request).map((d) => d.outcome)).toEqual(['miss', 'collapsed', 'collapsed']);
    expect(early.filter((d) => d.to === 'origin')).toHaveLength(1);
    expect(early.filter((d) => d.from === 'edge' && d.response).map((d) => d.to).sort()).toEqual(['a', 'b', 'c']);
  });

  it('serves the half-minute-later request from the edge, with Age 30', () => {
    const answer = run.find((d) => d.at > 30_000 && d.at < 31_000 && d.from === 'edge' && d.response);
    expect(answer?.response?.headers.age).toBe('30');
    expect(answer?.response?.headers['cache-status']).toMatch(/edge; hit; ttl=29$/);
  });

  it('revalidates the stale copy with If-None-Match all the way to the origin, which answers 304', () => {
    const toOrigin = run.filter((d) => d.to === 'origin');
    expect(toOrigin).toHaveLength(2);
    expect(toOrigin[1]!.request!.headers['if-none-match']).toBe('"s1"');
    expect(run.find((d) => d.from === 'origin' && d.at > 75_000)?.response?.status).toBe(304);
  });
});

describe('the edge hierarchy figure', () => {
  it('has unique parts, boxes inside the view and apart, and steps that name only its parts', () => {
    expect(new Set(PART_IDS).size).toBe(PART_IDS.length);
    for (const n of NODES) expect(n.x >= 0 && n.y >= 0 && n.x + n.width <= VIEW_BOX.width && n.y + n.height <= VIEW_BOX.height, n.id).toBe(true);
    for (const [i, a] of NODES.entries()) for (const b of NODES.slice(i + 1)) expect(overlap(a, b), `${a.id} ${b.id}`).toBe(false);
    expect(ARROWS.length).toBe(10);
    expect(() => checkSteps(HIERARCHY_STEPS.en, PART_IDS)).not.toThrow();
  });

  it('has one step per request and one per batch of responses leaving a place at one moment', () => {
    const run = runEdgeHierarchy();
    expect(hierarchySteps(run)).toHaveLength(run.filter((d) => d.request).length + 8);
    expect(HIERARCHY_STEPS.en[1]!.text).toMatch(/request collapsing/);
  });

  it('walks the same run in Chinese: the same parts lit, every header value quoted as in English', () => {
    const [english, chinese] = [HIERARCHY_STEPS.en, HIERARCHY_STEPS['zh-cn']];
    expectSameSteps(english, chinese);
    expect(chinese[1]!.text).toContain('请求合并');
  });
});

import { ageExample, heuristicExample } from './cdn-examples.ts';
import { expectSameSteps } from '../../../../tests/support/translated-steps.ts';

describe('the chapter’s worked numbers', () => {
  it('Age: the apparent age wins, plus the resident time', () => {
    expect(ageExample()).toMatchObject({ apparentAge: 31.4, correctedAgeValue: 30.4, correctedInitialAge: 31.4, residentTime: 20, currentAge: 51.4, ageField: 51, lifetime: 60 });
  });

  it('heuristic: 10 % of three days is 7.2 hours', () => {
    expect(heuristicExample()).toMatchObject({ seconds: 25_920, hours: 7.2 });
  });
});
