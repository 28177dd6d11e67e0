/** Stage server (not finished: so far only heartbeats). A heartbeat is a two-way event request; the server echoes it as an event response. */
import { describe, expect, it } from 'vitest';
import { heartbeatReply } from '@impl/server.ts';

const heartbeat = { request: true, twoWay: true, event: true, serialization: 2, status: 0, id: 7n, body: Uint8Array.of(0x4e) };

describe('heartbeatReply', () => {
  it('answers a heartbeat with an OK event response under the same id, body Hessian null', () => {
    expect(heartbeatReply(heartbeat), 'the reply to heartbeat id 7').toEqual({ request: false, twoWay: false, event: true, serialization: 2, status: 20, id: 7n, body: Uint8Array.of(0x4e) });
  });

  it('keeps the request’s serialization id', () => {
    expect(heartbeatReply({ ...heartbeat, serialization: 21 })?.serialization, 'serialization of the reply to a heartbeat sent with id 21').toBe(21);
  });

  it('answers nothing else: a call, a one-way event, a response', () => {
    expect(heartbeatReply({ ...heartbeat, event: false }), 'a two-way call').toBeNull();
    expect(heartbeatReply({ ...heartbeat, twoWay: false }), 'a one-way event (Dubbo sends no reply)').toBeNull();
    expect(heartbeatReply({ ...heartbeat, request: false }), 'an event response').toBeNull();
  });
});
