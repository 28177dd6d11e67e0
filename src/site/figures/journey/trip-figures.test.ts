import { describe, expect, it } from 'vitest';
import type { JourneyEvent, PhaseSpan } from '../../../journey/timeline.ts';
import { phaseBars, phaseBarsSvg, timelineTableHtml, totalMs } from './trip-figures.ts';

const phases: PhaseSpan[] = [
  { phase: 'dns', start: 0, end: 100.04 },
  { phase: 'tcp', start: 100.04, end: 1300 },
];

describe("the journey's figures as markup", () => {
  it('scale each bar to the longest phase and print its milliseconds', () => {
    const bars = phaseBars({ phases });
    expect(bars.map((b) => [b.label, b.ms])).toEqual([['DNS', 100], ['TCP handshake', 1200]]);
    const svg = phaseBarsSvg(bars, 'run');
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1]).toBe(440);
    expect(widths[0]).toBeCloseTo(440 / 12, 5);
    expect(svg).toContain('aria-labelledby="run-title run-desc"');
    expect(svg).toContain('<desc id="run-desc">DNS: 100 ms; TCP handshake: 1200 ms.</desc>');
    expect(totalMs(bars)).toBe(1300);
  });

  it('give every step a row marked with its layer, its text escaped', () => {
    const events: JourneyEvent[] = [
      { time: 0, device: 'phone', layer: 'application', text: 'GET /api/suggest?q=a&b=<c>' },
      { time: 1.5, device: 'home', layer: 'network', text: 'NAT: source 192.168.1.10:5000 → 100.64.0.2:40000' },
    ];
    const html = timelineTableHtml(events);
    expect(html).toContain('Every step of the trip (2 of them)');
    expect([...html.matchAll(/<tr data-layer="(\w+)">/g)].map((m) => m[1])).toEqual(['application', 'network']);
    expect(html).toContain('q=a&#38;b=&#60;c&#62;');
    expect(html).not.toContain('<c>');
  });
});
