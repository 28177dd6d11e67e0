/** Given code: the options client.ts's RpcClient takes, each with Dubbo's default. */

/** How a client behaves; every field has Dubbo's default. */
export interface ClientOptions {
  /** A call fails if no response came this many ms after it was sent (Dubbo: 1000). */
  timeoutMs?: number;
  /** After this many ms with no frame read or written, a heartbeat goes out (Dubbo: 60,000); 0 never sends one. */
  heartbeatMs?: number;
  /** The largest response body accepted (frame.ts's limit). */
  maxBody?: number;
}
