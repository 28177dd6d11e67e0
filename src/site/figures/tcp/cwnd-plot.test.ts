import { describe, expect, it } from 'vitest';
import { describeRun, plotCwnd } from './cwnd-plot.ts';
import { DEFAULT_CWND_OPTIONS, runCwnd } from './reno-model.ts';

const run = runCwnd(DEFAULT_CWND_OPTIONS);
const options = run.options;

describe('the plot', () => {
  const plot = plotCwnd(run);
  const numbers = (path: string) => [...path.matchAll(/[MHV]([\d.]+)(?: ([\d.]+))?/g)];

  it('draws cwnd and ssthresh as step lines inside the plotting area', () => {
    expect(plot.cwndPath.startsWith('M')).toBe(true);
    expect(plot.ssthreshPath.startsWith('M')).toBe(true);
    for (const path of [plot.cwndPath, plot.ssthreshPath]) {
      for (const [command, a] of numbers(path)) {
        const value = Number(a);
        if (command.startsWith('H') || command.startsWith('M')) {
          expect(value).toBeGreaterThanOrEqual(plot.area.x);
          expect(value).toBeLessThanOrEqual(plot.area.x + plot.area.width);
        } else {
          expect(value).toBeGreaterThanOrEqual(plot.area.y);
          expect(value).toBeLessThanOrEqual(plot.area.y + plot.area.height);
        }
      }
    }
    expect(plot.cwndPath.length).toBeLessThan(20_000);
  });

  it('marks every loss signal and the path’s capacity', () => {
    expect(plot.markers.map((m) => m.kind)).toEqual(run.events.filter((e) => e.time <= options.durationMs).map((e) => e.kind));
    expect(plot.capacity.segments).toBe(75);
    expect(plot.xTicks.map((t) => t.label)).toEqual(['0 s', '5 s', '10 s', '15 s', '20 s']);
  });

  it('says in words what the plot shows', () => {
    const text = describeRun(run);
    expect(text).toContain('Slow start grows cwnd from 10 segments to ssthresh, 64');
    expect(text).toContain('retransmission timer expires');
    expect(text.match(/three duplicate ACKs/g)?.length).toBe(run.events.filter((e) => e.kind === 'fast-retransmit').length);
  });
});

describe('the plot in Chinese', () => {
  it('labels its loss markers and describes the run in Chinese, with the same numbers', () => {
    const english = describeRun(run);
    const chinese = describeRun(run, 'zh-cn');
    expect(chinese).toContain('慢启动用');
    expect(chinese).not.toMatch(/Slow start|duplicate ACKs/);
    const numbers = (text: string) => text.match(/\d+(?:\.\d+)?/g);
    expect(numbers(chinese)?.sort()).toEqual(numbers(english)?.sort());
    expect(plotCwnd(run, undefined, 'zh-cn').markers.map((m) => m.label).join(' ')).not.toContain('timeout');
    expect(plotCwnd(run, undefined, 'zh-cn').markers[0]!.label).toMatch(/^\d+\.\d\d s：(三个重复 ACK|超时)，cwnd \d+ → \d+$/);
  });
});
