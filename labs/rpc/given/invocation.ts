/**
 * Given code: what a call's frames carry in their bodies, and the error a
 * failed call rejects with. Client and server follow this one layout.
 *
 * Request body (a frame with the request bit, not an event): three Hessian
 * values one after another, in Dubbo's order but without what the lab does
 * not use (Dubbo's protocol version, service version, Java parameter types
 * and attachments):
 *
 *   service name   string   "inventory"
 *   method name    string   "getStock"
 *   arguments      list     ["sku-42"]
 *
 * Response body: with status OK (20), the result, one Hessian value (Dubbo
 * puts a flag before it saying value, null or exception; the lab's errors
 * travel as statuses instead). With any other status, the error message as a
 * Hessian string, as Dubbo's ExchangeCodec writes it.
 *
 * Heartbeat (an event frame, either way): the body is Hessian null.
 */
import type { HessianValue } from './hessian-types.ts';

/** A decoded request body. */
export interface Invocation {
  service: string;
  method: string;
  args: HessianValue[];
}

/**
 * Dubbo 2.7's status for calls still waiting when their connection closed
 * (DefaultFuture.closeChannel); frame-layout.ts lists the statuses that
 * travel on the wire.
 */
export const CHANNEL_INACTIVE = 35;

/** A call that failed: the Dubbo status that says why, and a message. */
export class RpcError extends Error {
  override name = 'RpcError';
  /** A Dubbo status (frame-layout.ts's Status, or CHANNEL_INACTIVE). */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Where a client or a server connection writes its bytes, and how it asks for the connection to be closed. */
export interface Link {
  /** Sends these bytes to the peer, in order. */
  write(bytes: Uint8Array): void;
  /** Closes the connection (after a bad magic: nothing more from it can be trusted). */
  close(): void;
}
