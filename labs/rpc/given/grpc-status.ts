/**
 * Given code: gRPC's status codes (statuscodes.md) and the error a handler
 * throws to answer with one of them.
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
