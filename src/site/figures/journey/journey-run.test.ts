import { describe, expect, it } from 'vitest';
import { PHASES } from '../../../journey/timeline.ts';
import { chapterTrip, diagram, LAYOUT, phaseMs, storySteps } from './journey-run.ts';
import { phaseBars } from './trip-figures.ts';

describe("the chapter's trip figures", () => {
  it('place every device of the trip on the map, and only those', () => {
    const { devices, links } = diagram();
    expect(devices.map((d) => d.name).sort()).toEqual(Object.keys(LAYOUT).sort());
    for (const link of links) expect([link.from, link.to].every((end) => end in LAYOUT), link.name).toBe(true);
    expect(links.filter((l) => l.lossy).map((l) => l.name)).toEqual(['wifi']);
  });

  it('tell the story in time order: the lost SYN, its resend, the CNAME, the hit, the pick, the CAS', async () => {
    const trip = await chapterTrip();
    const steps = storySteps(trip);
    const index = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.text));
    const order = [/^lost on wifi: TCP .*\[SYN\]/, /^retransmission: TCP .*\[SYN\]/, /cache hit/, /picks web/, /version 0 → 1/].map(index);
    expect(order.every((i) => i >= 0), String(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps[index(/^lost on wifi/)]!.active).toEqual(['phone', 'home']);
    expect(steps.find((s) => s.text.includes('CNAME'))!.active).toEqual(['auth']);
  }, 120_000);

  it('draw a bar per phase with its simulated duration', async () => {
    const trip = await chapterTrip();
    const bars = phaseBars(trip);
    expect(bars).toHaveLength(PHASES.length);
    expect(bars.map((b) => b.ms)).toEqual(PHASES.map((p) => phaseMs(trip, p)));
    expect(phaseMs(trip, 'tcp')).toBeGreaterThan(1000);
  }, 120_000);
});
