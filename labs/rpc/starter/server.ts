/**
 * Server dispatch. So far: answering a heartbeat. (Stage server adds the
 * method table, the concurrency limit and error responses.)
 */
import type { Frame } from '@impl/frame-layout.ts';

/**
 * The response to a heartbeat (a two-way event request): an event response
 * with the same id and serialization, status OK and a null body, as Dubbo's
 * HeartbeatHandler sends it. Null for any other frame.
 */
export function heartbeatReply(frame: Frame): Frame | null {
  throw new Error('TODO(server): answer a two-way event request, and nothing else');
}
