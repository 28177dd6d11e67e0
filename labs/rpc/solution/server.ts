/**
 * Server dispatch. So far: answering a heartbeat. (Stage server adds the
 * method table, the concurrency limit and error responses.)
 */
import { type Frame, Status } from '@impl/frame-layout.ts';
import { encode } from './hessian.ts';

/**
 * The response to a heartbeat (a two-way event request): an event response
 * with the same id and serialization, status OK and a null body, as Dubbo's
 * HeartbeatHandler sends it. Null for any other frame.
 */
export function heartbeatReply(frame: Frame): Frame | null {
  if (!frame.request || !frame.event || !frame.twoWay) return null;
  return { request: false, twoWay: false, event: true, serialization: frame.serialization, status: Status.OK, id: frame.id, body: encode(null) };
}
