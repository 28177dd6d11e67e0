import { describe, expect, it } from 'vitest';
import { chapterInterleavings, INITIAL_STOCK, SCENARIO_IDS, SQL } from './interleavings.ts';
import { interleavingSteps, outcome, oversold, stepPart } from './interleaving-view.ts';

const runs = await chapterInterleavings();

describe('the interleavings, run on PGlite', () => {
  it('lose an update when both buyers write what they computed from the same read', () => {
    const run = runs['lost-update'];
    expect(run.final).toEqual({ stock: 0, version: 0, orders: 2 });
    expect(oversold(run.final)).toBe(true);
    // Both writes really touched the row: the second overwrote the first.
    const writes = run.frames.flatMap((f) => f.executed).filter((e) => e.text === SQL.blindWrite);
    expect(writes.map((w) => w.affectedRows)).toEqual([1, 1]);
  });

  it('sell the last unit once with compare-and-set: the second CAS touches no row', () => {
    const run = runs.cas;
    expect(run.final).toEqual({ stock: 0, version: 1, orders: 1 });
    const cas = run.frames.flatMap((f) => f.executed).filter((e) => e.text === SQL.cas);
    expect(cas.map((c) => [c.params[1], c.affectedRows])).toEqual([
      [0, 1],
      [0, 0],
    ]);
    expect(run.frames.at(-1)!.cell).toBe('reads again: 0, v1');
  });

  it('sell it once with FOR UPDATE and with the conditional decrement', () => {
    for (const id of ['for-update', 'decrement'] as const) {
      expect(runs[id].final, id).toEqual({ stock: 0, version: 1, orders: 1 });
      expect(runs[id].frames.find((f) => f.executed.length === 0)?.cell, id).toBe('waits for A’s lock');
    }
    const decrements = runs.decrement.frames.flatMap((f) => f.executed).filter((e) => e.text === SQL.decrement);
    expect(decrements.map((d) => d.affectedRows)).toEqual([1, 0]);
  });

  it('show the committed row while a transaction is still open', () => {
    // After A's decrement, before its COMMIT, others still see the unit.
    expect(runs.decrement.frames[0]!.after).toEqual({ stock: INITIAL_STOCK, version: 0, orders: 0 });
    expect(runs.decrement.frames[2]!.after.stock).toBe(0);
  });
});

describe('the statements', () => {
  it('are the reference repository’s own where it has them: the read and the compare-and-set the chapter prints', () => {
    const sent = SCENARIO_IDS.flatMap((id) => runs[id].frames.flatMap((f) => f.executed.map((e) => e.text)));
    expect(sent.filter((text) => text.startsWith('SELECT') && !text.endsWith('FOR UPDATE')).every((text) => text === SQL.read)).toBe(true);
    expect(runs.cas.frames.flatMap((f) => f.executed).filter((e) => e.text.startsWith('UPDATE')).map((e) => e.text)).toEqual([SQL.cas, SQL.cas]);
  });
});

describe('the step-through', () => {
  it('has one step per frame, lighting its own row', () => {
    for (const id of SCENARIO_IDS) {
      const steps = interleavingSteps(runs[id]);
      expect(steps).toHaveLength(runs[id].frames.length);
      steps.forEach((step, i) => expect(step.active).toEqual([stepPart(i)]));
    }
  });

  it('says how each scenario ended', () => {
    expect(outcome(runs['lost-update'])).toBe('End: stock 0 and 2 orders for one unit: oversold by 1.');
    expect(outcome(runs.cas)).toBe('End: stock 0 and 1 order for one unit: stock + sold = 1, as it should.');
  });
});
