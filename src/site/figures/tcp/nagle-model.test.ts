import { describe, expect, it } from 'vitest';
import { NAGLE_SCENARIO, runNagle } from './nagle-model.ts';

const rtt = 2 * NAGLE_SCENARIO.delayMs;

describe('Nagle and delayed ACKs (the TCP chapter’s model)', () => {
  const nagle = runNagle(false);
  const nodelay = runNagle(true);

  it('with TCP_NODELAY, sends both writes at once and has the response after one round trip', () => {
    expect(nodelay.events.filter((e) => e.from === 'client').map((e) => e.time)).toEqual([0, 0]);
    expect(nodelay.doneAt).toBe(rtt);
  });

  it('with Nagle, holds the body until the server’s delayed ACK, costing that delay and another round trip', () => {
    const sends = nagle.events.filter((e) => e.from === 'client');
    expect(sends.map((e) => e.what)).toEqual([
      { kind: 'request', bytes: NAGLE_SCENARIO.writes[0], part: 'headers' },
      { kind: 'request', bytes: NAGLE_SCENARIO.writes[1], part: 'body' },
    ]);
    expect(sends[1]!.time).toBe(rtt + NAGLE_SCENARIO.delayedAckMs);
    expect(nagle.doneAt).toBe(nodelay.doneAt + NAGLE_SCENARIO.delayedAckMs + rtt);
  });

  it('lists every segment in time order', () => {
    for (const run of [nagle, nodelay]) expect(run.events.map((e) => e.time)).toEqual([...run.events.map((e) => e.time)].sort((a, b) => a - b));
  });
});
