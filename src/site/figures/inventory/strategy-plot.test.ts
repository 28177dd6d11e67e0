import { describe, expect, it } from 'vitest';
import recorded from './strategy-run.json';
import { STRATEGIES } from './strategies.ts';
import { describeStrategies, niceStep, plotStrategies, runFacts } from './strategy-plot.ts';
import { checkRun, STRATEGY_RUN, type StrategyRun } from './strategy-run.ts';

describe('the strategy plots', () => {
  it('draw every point of the data file, and nothing else (conflicts only for compare-and-set, the one strategy that retries)', () => {
    for (const metric of ['ordersPerSecond', 'conflictRate'] as const) {
      const plot = plotStrategies(STRATEGY_RUN, metric);
      const drawn = plot.lines.flatMap((line) => line.points.map((p) => `${line.strategy}@${p.buyers}=${p.value}`)).sort();
      const measured = recorded.points
        .filter((p) => metric === 'ordersPerSecond' || p.strategy === 'cas')
        .map((p) => `${p.strategy}@${p.buyers}=${p[metric]}`)
        .sort();
      expect(drawn).toEqual(measured);
    }
  });

  it('put a higher value higher up, inside the plotting area, and the buyers in order across', () => {
    const plot = plotStrategies(STRATEGY_RUN, 'ordersPerSecond');
    const points = plot.lines.flatMap((l) => l.points);
    const { area } = plot;
    for (const a of points) {
      expect(a.y).toBeGreaterThanOrEqual(area.y);
      expect(a.y).toBeLessThanOrEqual(area.y + area.height);
      for (const b of points) if (a.value > b.value) expect(a.y).toBeLessThan(b.y);
    }
    expect(plot.xTicks.map((t) => t.label)).toEqual(['1', '8', '32']);
    expect(plot.yTicks.at(-1)!.y).toBeLessThanOrEqual(Math.min(...points.map((p) => p.y)));
  });

  it('read conflicts as a share up to 100 %', () => {
    const plot = plotStrategies(STRATEGY_RUN, 'conflictRate');
    expect(plot.yTicks.map((t) => t.label)).toEqual(['0 %', '25 %', '50 %', '75 %', '100 %']);
  });

  it('say every measured figure in words', () => {
    const text = describeStrategies(STRATEGY_RUN);
    for (const p of recorded.points) expect(text).toContain(`${p.ordersPerSecond.toLocaleString('en-US')} orders/s with ${Math.round(p.conflictRate * 100)} % conflicts at ${p.buyers} buyer`);
  });

  it('choose round gridline steps', () => {
    expect([niceStep(95), niceStep(1800), niceStep(4000), niceStep(7)]).toEqual([50, 500, 1000, 2]);
  });
});

describe('the figures the chapter quotes', () => {
  const facts = runFacts(STRATEGY_RUN);
  const cas = recorded.points.find((p) => p.strategy === 'cas' && p.buyers === 32)!;

  it('are the data file’s, at the most buyers', () => {
    expect(facts).toMatchObject({ mostBuyers: 32, casGaveUp: cas.gaveUp, orders: cas.orders, casConflictPercent: Math.round(cas.conflictRate * 100) });
    expect(facts.ordersPerSecond.cas).toBe(cas.ordersPerSecond);
  });

  it('bear out the text: with the most buyers, most compare-and-set attempts conflict and it is the slowest of the three', () => {
    expect(facts.casConflictPercent).toBeGreaterThan(50);
    expect(facts.casGaveUp).toBeGreaterThan(0);
    expect(facts.ordersPerSecond.cas).toBeLessThan(Math.min(facts.ordersPerSecond['for-update'], facts.ordersPerSecond.decrement));
  });

  it('bear out the text: on this two-core machine, every strategy is slower with the most buyers than with one', () => {
    for (const strategy of STRATEGIES) {
      const rate = (buyers: number) => recorded.points.find((p) => p.strategy === strategy && p.buyers === buyers)!.ordersPerSecond;
      expect(rate(32), strategy).toBeLessThan(rate(1));
    }
  });
});

describe('the recorded run', () => {
  it('says when and where it was measured, for every strategy at the same numbers of buyers', () => {
    expect(STRATEGY_RUN.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(STRATEGY_RUN.server).toContain('PostgreSQL');
    for (const s of STRATEGIES) expect(STRATEGY_RUN.points.filter((p) => p.strategy === s).map((p) => p.buyers)).toEqual([1, 8, 32]);
  });

  it('is refused when a strategy or a figure is missing or wrong', () => {
    const copy = (): StrategyRun => structuredClone(recorded as StrategyRun);
    const noCas = copy();
    noCas.points = noCas.points.filter((p) => p.strategy !== 'cas');
    expect(() => checkRun(noCas)).toThrow('no points for strategy cas');
    const negative = copy();
    negative.points[0]!.ordersPerSecond = 0;
    expect(() => checkRun(negative)).toThrow('ordersPerSecond 0 is not positive');
    const undated = copy();
    undated.date = 'yesterday';
    expect(() => checkRun(undated)).toThrow('is not YYYY-MM-DD');
  });
});
