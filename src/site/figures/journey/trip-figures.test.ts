import { describe, expect, it } from 'vitest';
import type { JourneyEvent, PhaseSpan } from '../../../journey/timeline.ts';
import { displayWidth } from '../../../course/display-width.ts';
import { JOURNEY_WORDS } from '../../../journey/journey-words.ts';
import { uiStrings } from '../../i18n/ui.ts';
import { phaseBars, phaseBarsSvg, timelineTableHtml, totalMs } from './trip-figures.ts';

const en = uiStrings('en');
const zh = uiStrings('zh-cn');

const phases: PhaseSpan[] = [
  { phase: 'dns', start: 0, end: 100.04 },
  { phase: 'tcp', start: 100.04, end: 1300 },
];

describe("the journey's figures as markup", () => {
  it('scale each bar to the longest phase and print its milliseconds', () => {
    const bars = phaseBars({ phases });
    expect(bars.map((b) => [b.label, b.ms])).toEqual([['DNS', 100], ['TCP handshake', 1200]]);
    const svg = phaseBarsSvg(bars, 'run', en);
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
    const html = timelineTableHtml(events, en);
    expect(html).toContain('Every step of the trip (2 of them)');
    expect([...html.matchAll(/<tr data-layer="(\w+)">/g)].map((m) => m[1])).toEqual(['application', 'network']);
    expect(html).toContain('q=a&#38;b=&#60;c&#62;');
    expect(html).not.toContain('<c>');
  });

  it('speak Chinese on a Chinese page: the phases, the title and the table\'s headings; the steps stay the trace they are', () => {
    const bars = phaseBars({ phases }, JOURNEY_WORDS['zh-cn']);
    expect(bars.map((b) => b.label)).toEqual(['DNS', 'TCP 握手']);
    expect(phaseBarsSvg(bars, 'run', zh)).toContain('<title id="run-title">旅程各阶段所花的时间</title>');
    // The label column widens for a long Chinese label, so its first character is not cut off at the left.
    const edge = phaseBars({ phases: [{ phase: 'edge', start: 0, end: 1 }] }, JOURNEY_WORDS['zh-cn']);
    const x = Number(/<text x="([\d.]+)"[^>]*text-anchor="end"/.exec(phaseBarsSvg(edge, 'e', zh))![1]);
    expect(x).toBeGreaterThanOrEqual(Math.ceil(displayWidth(edge[0]!.label) * 7));
    expect(/<text x="([\d.]+)"/.exec(phaseBarsSvg(bars, 'run', en))![1]).toBe('182');
    const html = timelineTableHtml([{ time: 0, device: 'phone', layer: 'application', text: 'GET /' }], zh);
    expect(html).toContain('<summary>旅程的每一步（共 1 步）</summary>');
    expect(html).toContain('<th>设备</th><th>层</th><th>发生了什么</th>');
    expect(html).toContain('<code>GET /</code>');
  });
});
