// The multiplexing step-through: frames are the reference codec's, answers come back out of order, the slow call times out and its answer is dropped.
import { describe, expect, it } from 'vitest';
import { checkSteps } from '../../components/step-through.ts';
import { encodeFrame, FrameDecoder } from '../../../../labs/rpc/solution/frame.ts';
import { requestBody, requestFrame } from './dubbo-invocation.ts';
import { callSteps, runCalls, SCENARIO, type WireEvent } from './multiplexed-calls.ts';
import { multiplexedLayout } from './multiplexed-layout.ts';
import { expectSameSteps } from '../../../../tests/support/translated-steps.ts';

const events = runCalls();
const order = (kind: WireEvent['kind']) => events.filter((e) => e.kind === kind).map((e) => e.requestId);

describe('four calls on one connection', () => {
  it('sends ids 1 to 4 in order, and gets answers back in the order the work finished, not the order sent', () => {
    expect(order('request')).toEqual([1n, 2n, 3n, 4n]);
    expect(order('response')).toEqual([2n, 4n, 1n]);
    expect(order('response')).not.toEqual(order('request').filter((id) => order('response').includes(id)));
  });

  it('times out the slow call at its deadline and drops its answer when it comes, counting it', () => {
    const timeout = events.find((e) => e.kind === 'timeout')!;
    const late = events.find((e) => e.kind === 'late')!;
    expect(timeout).toMatchObject({ requestId: 3n, atMs: 2 + SCENARIO.timeoutMs });
    expect(late).toMatchObject({ requestId: 3n, late: 1, result: true });
    expect(late.atMs).toBeGreaterThan(timeout.atMs);
    expect(timeout.waiting).not.toContain(3n);
    expect(events.at(-1)!.waiting).toEqual([]);
  });

  it('puts on the wire exactly the frames the reference encoder writes, each one whole frame', () => {
    for (const event of events.filter((e) => e.kind === 'request')) {
      const call = SCENARIO.calls[Number(event.requestId) - 1]!.call;
      expect(event.bytes).toEqual(encodeFrame(requestFrame(event.requestId, requestBody(call, SCENARIO.timeoutMs))));
    }
    for (const event of events.filter((e) => e.bytes)) {
      const decoded = new FrameDecoder().push(event.bytes!);
      expect(decoded.map((d) => d.type === 'frame' && d.frame.id)).toEqual([event.requestId]);
    }
  });

  it('has one step per event, each lighting its own row, laid out top to bottom', () => {
    const steps = callSteps(events);
    expect(steps).toHaveLength(events.length);
    expect(() => checkSteps(steps, events.map((e) => e.part))).not.toThrow();
    const { rows, height } = multiplexedLayout(events);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.y).toBeGreaterThan(rows[i - 1]!.y);
    expect(height).toBeGreaterThan(rows.at(-1)!.y + 16);
  });

  it('tells the same run in Chinese: the same rows lit, the same ids, results and code', () => {
    const english = callSteps(events);
    const chinese = callSteps(events, SCENARIO, 'zh-cn');
    expectSameSteps(english, chinese, { titles: true });
    chinese.forEach((step, i) => expect(step.text).toContain(`${events[i]!.atMs} 毫秒`));
  });
});
