/**
 * Server dispatch, sans-I/O: each connection's bytes come in through
 * `receive`, requests run through a method table, and responses go out
 * through the connection's Link, each when its method finishes, so they
 * leave in any order. One limit on calls running at once covers every
 * connection, as Dubbo's thread pool does.
 */
import type { Frame } from '@impl/frame-layout.ts';
import type { Invocation, Link } from '@impl/invocation.ts';
import type { ServerConnection, ServerOptions } from '@impl/server-types.ts';

/**
 * The response to a heartbeat (a two-way event request): an event response
 * with the same id and serialization, status OK and a null body, as Dubbo's
 * HeartbeatHandler sends it. Null for any other frame.
 */
export function heartbeatReply(frame: Frame): Frame | null {
  throw new Error('TODO(server): answer a two-way event request, and nothing else');
}

/**
 * The request body's service, method and arguments. Throws a TypeError naming
 * the field (service name, method name, arguments) when a value is not of its
 * type or bytes follow the arguments; the Hessian decoder's own errors pass as
 * they are (TruncatedError for a body cut short).
 */
export function decodeInvocation(body: Uint8Array): Invocation {
  throw new Error('TODO(server): three Hessian values: a string, a string, a list, and nothing after');
}

/** Serves a method table to any number of connections, with one concurrency limit. */
export class RpcServer {
  constructor(options: ServerOptions) {
    // TODO(server): keep the method table and the limit (Dubbo's default: 200).
  }

  /** Calls running now, over all connections. */
  get active(): number {
    throw new Error('TODO(server): count the calls running');
  }

  /** Starts serving a new connection that writes through `link`. */
  accept(link: Link): ServerConnection {
    throw new Error('TODO(server): a FrameDecoder for this connection; each request dispatched, each answer written to the link');
  }
}
