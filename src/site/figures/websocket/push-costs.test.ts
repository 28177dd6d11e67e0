// The cost table's numbers add up, and the response head announces the body it is sent with.
import { describe, expect, it } from 'vitest';
import { PENDING_BODY, POLL_RESPONSE_HEAD, pushCosts } from './push-costs.ts';

describe('push costs', () => {
  it('announce the right Content-Length for the pending body', () => {
    expect(POLL_RESPONSE_HEAD).toContain(`Content-Length: ${new TextEncoder().encode(PENDING_BODY).length}\r\n`);
  });

  it('count 2 bytes of header per small server frame and 8 for the masked Pong', () => {
    const costs = pushCosts();
    expect(costs.pushFrameBytes - costs.pushPayloadBytes).toBe(2);
    expect(costs.heartbeatBytes).toBe(2 + 6);
    expect(costs.pollingPerHour).toBe(costs.pollBytes * 720);
    expect(costs.websocketPerHour).toBeLessThan(costs.pollingPerHour / 100);
  });
});
