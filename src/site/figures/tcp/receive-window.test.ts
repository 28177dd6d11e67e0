import { describe, expect, it } from 'vitest';
import { wrap } from '../../../../labs/tcp/solution/wrap32.ts';
import { computeFrames, SCENARIO, windowSteps, type Region } from './receive-window.ts';
import { expectSameSteps } from '../../../../tests/support/translated-steps.ts';

const frames = computeFrames();
const count = (regions: Region[], region: Region) => regions.filter((r) => r === region).length;

describe('the receive window, computed by the reference receiver', () => {
  it('gives one frame per action', () => {
    expect(frames).toHaveLength(SCENARIO.actions.length);
  });

  it('colours the bytes in order: read, acknowledged, then held or free inside the window, then beyond it', () => {
    const order: Region[] = ['delivered', 'acknowledged', 'held', 'outside'];
    for (const frame of frames) {
      expect(count(frame.regions, 'delivered')).toBe(frame.bytesPopped);
      expect(count(frame.regions, 'acknowledged')).toBe(frame.bytesPushed - frame.bytesPopped);
      expect(count(frame.regions, 'held')).toBe(frame.bytesPending);
      // Held and free bytes share the window; everything else comes in the order above.
      const ranks = frame.regions.map((r) => (r === 'free' ? order.indexOf('held') : order.indexOf(r)));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(frame.regions.indexOf('outside')).toBe(frame.bytesPopped + SCENARIO.capacity);
    }
  });

  it('acknowledges the next byte expected, counting the SYN, modulo 2^32 (RFC 9293 §3.4)', () => {
    for (const frame of frames) expect(frame.ackno).toBe(wrap(1 + frame.bytesPushed, SCENARIO.isn));
    const wrapped = frames.findIndex((f, i) => i > 0 && f.ackno < frames[i - 1]!.ackno);
    expect(wrapped, 'the scenario starts 6 below 2^32 so that the acknowledgment number wraps').toBeGreaterThan(0);
  });

  it('advertises the free buffer space as its window, and never moves the right edge left (RFC 9293 §3.8.6)', () => {
    let right = 0;
    for (const frame of frames) {
      expect(frame.window).toBe(SCENARIO.capacity - (frame.bytesPushed - frame.bytesPopped));
      const edge = frame.bytesPushed + frame.window;
      expect(edge).toBeGreaterThanOrEqual(right);
      right = edge;
    }
    expect(frames.some((f) => f.window === 0), 'the scenario fills the buffer once').toBe(true);
  });

  it('holds out-of-order bytes without acknowledging them, and keeps only what fits in the window', () => {
    const outOfOrder = frames.find((f) => f.action.kind === 'segment' && f.bytesPending > 0)!;
    const before = frames[frames.indexOf(outOfOrder) - 1]!;
    expect(outOfOrder.ackno).toBe(before.ackno);
    const trimmed = frames.find((f) => f.kept !== undefined && f.action.kind === 'segment' && f.kept.to < f.action.first + f.action.length);
    expect(trimmed, 'one segment reaches past the window').toBeDefined();
    expect(trimmed!.chars.slice(trimmed!.kept!.to, trimmed!.kept!.to + 2)).toEqual([undefined, undefined]);
  });

  it('writes a step for every frame, quoting its acknowledgment and window', () => {
    const steps = windowSteps(frames);
    steps.forEach((step, i) => {
      expect(step.active).toEqual([`rw-${i}`]);
      expect(step.text).toContain(`ack=${frames[i]!.ackno} win=${frames[i]!.window}`);
    });
    expect(steps.map((s) => s.title)).toContain('Bytes 6–7 arrive out of order');
  });

  it('writes the same steps in Chinese, quoting the same acknowledgments, windows and RFC sections', () => {
    const english = windowSteps(frames);
    const chinese = windowSteps(frames, SCENARIO, 'zh-cn');
    expectSameSteps(english, chinese, { quoted: /`[^`]+`|§[\d.]+/g });
    expect(chinese.map((s) => s.title)).toContain('第 6–7 字节乱序到达');
  });

  it('says what governs a window that reopens after zero: SWS avoidance for when, zero-window probes for the guarantee', () => {
    const steps = windowSteps(frames, SCENARIO);
    const reopening = frames.flatMap((frame, i) => (frame.action.kind === 'read' && frames[i - 1]?.window === 0 ? [steps[i]!] : []));
    expect(reopening.length).toBeGreaterThan(0);
    for (const step of reopening) {
      expect(step.text).toMatch(/silly window avoidance \(RFC 9293 §3\.8\.6\.2\.2\)/);
      expect(step.text).toMatch(/zero-window probe.*\(§3\.8\.6\.1\)|keeps probing \(§3\.8\.6\.1\)/);
    }
  });
});
