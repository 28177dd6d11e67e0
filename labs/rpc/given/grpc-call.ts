/**
 * Given code: what grpc.ts's server and its handlers share. gRPC's status
 * codes (statuscodes.md), the error a handler throws to answer with one of
 * them, and the shape of a unary handler.
 */

/** The status codes the lab's server sends. */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/** Thrown by a handler to end its call with `code` and `message` (any other error ends it with UNKNOWN). */
export class GrpcError extends Error {
  override name = 'GrpcError';
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

/** What a handler knows about the call it serves. */
export interface CallContext {
  /** The method's path, "/package.Service/Method". */
  method: string;
  /** When the client stops waiting, in Date.now() milliseconds, or null when it sent no grpc-timeout. */
  deadline: number | null;
  /** Aborted when the deadline passes or the client cancels the call, with a GrpcError reason (DEADLINE_EXCEEDED or CANCELLED): the handler may stop working. */
  signal: AbortSignal;
}

/** Serves one unary method: the request message's bytes in, the response message's bytes out. */
export type UnaryHandler = (request: Uint8Array, context: CallContext) => Uint8Array | Promise<Uint8Array>;

/** gRPC's default limit on a received message, 4 MiB. */
export const DEFAULT_MAX_MESSAGE = 4 * 1024 * 1024;
