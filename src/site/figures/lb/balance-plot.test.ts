import { describe, expect, it } from 'vitest';
import { plotBalance, plotDisruption } from './balance-plot.ts';

describe('balance plots', () => {
  it('puts N on x from left to right and a larger share higher', () => {
    const plot = plotDisruption([
      { n: 2, moved: { ring: 0.5, maglev: 0.5, jump: 0.5, modulo: 0.5 } },
      { n: 4, moved: { ring: 0.25, maglev: 0.25, jump: 0.25, modulo: 0.75 } },
    ]);
    const modulo = plot.lines.find((l) => l.scheme === 'modulo')!;
    expect(modulo.points[1]!.x).toBeGreaterThan(modulo.points[0]!.x);
    expect(modulo.points[1]!.y).toBeLessThan(modulo.points[0]!.y);
    expect(plot.lines.find((l) => l.scheme === 'ideal')!.points[1]!.label).toBe('N = 4: 25.0 %');
  });

  it('draws the most uneven picker with the longest bar', () => {
    const bars = plotBalance([{ id: 'random', picker: 'a', maxOverMean: 1.1 }, { id: 'jump', picker: 'b', maxOverMean: 1.01 }]);
    expect(bars.bars[0]!.width).toBeGreaterThan(bars.bars[1]!.width);
    expect(bars.bars[0]!.value).toBe('10.0 % over');
  });
});
