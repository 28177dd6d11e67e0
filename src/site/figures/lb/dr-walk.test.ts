import { describe, expect, it } from 'vitest';
import { drParts, drSteps, runDrWalk } from './dr-walk.ts';
import { checkSteps } from '../../components/step-through.ts';
import { expectSameSteps } from '../../../../tests/support/translated-steps.ts';

describe('the DR walk', () => {
  const walk = runDrWalk();

  it('has three hops: router → director → the chosen real server → router', () => {
    expect(walk.hops.map((h) => `${h.from}→${h.to}`)).toEqual(['router→director', `director→${walk.chosen}`, `${walk.chosen}→router`]);
  });

  it('changes only the MACs at the director, and the reply comes from the VIP, not through the director', () => {
    expect(walk.hops[1]!.changed).toEqual(['destinationMac', 'sourceMac']);
    expect(walk.hops[1]!.fields.ttl).toBe(walk.hops[0]!.fields.ttl);
    expect(walk.hops[2]!.fields.sourceIp).toBe('203.0.113.10:80');
    expect(walk.repliesThroughDirector).toBe(0);
  });

  it('lights only parts the diagram has', () => {
    expect(() => checkSteps(drSteps(walk), drParts(walk))).not.toThrow();
  });

  it('walks the same hops in Chinese, quoting the same addresses', () => {
    const english = drSteps(walk);
    const chinese = drSteps(walk, 'zh-cn');
    expectSameSteps(english, chinese);
    expect(chinese[0]!.title).toBe('1. 数据中心路由器 → 调度器');
  });
});
