/**
 * The RPC client, sans-I/O: calls go out as request frames through a Link,
 * the connection's bytes come in through `receive`, and time moves only when
 * `tick` says so. Many calls share one connection: each has its own request
 * id, and the in-flight table matches responses to calls in any order.
 */
import type { ClientOptions } from '@impl/client-options.ts';
import type { HessianValue } from '@impl/hessian-types.ts';
import type { Link } from '@impl/invocation.ts';

/** Calls waiting for their responses, by request id, and how many responses found no call. */
export class InFlight<T> {
  /** Responses that found no call waiting: late (after a timeout) or never asked for. */
  late = 0;

  /** Calls still waiting. */
  get size(): number {
    throw new Error('TODO(client): count the calls still waiting');
  }

  /** Starts waiting for a response to `id`; throws if a call with that id is already waiting. */
  add(id: bigint, call: T): void {
    throw new Error('TODO(client): remember the call under its request id');
  }

  /** The call a response to `id` answers, no longer waiting; undefined, and counted late, if none is. */
  settle(id: bigint): T | undefined {
    throw new Error('TODO(client): find and remove the call, or count the response as late');
  }

  /** The call waiting for `id`, no longer waiting (it timed out); undefined if none is. */
  drop(id: bigint): T | undefined {
    throw new Error('TODO(client): remove the call without counting anything');
  }

  /** Every call still waiting with its id, in the order they were added (a copy: safe to change the table while going through it). */
  entries(): [bigint, T][] {
    throw new Error('TODO(client): list the waiting calls with their ids, as a new array');
  }

  /** Every call still waiting, in the order they were added; the table is left empty (the connection was lost). */
  takeAll(): T[] {
    throw new Error('TODO(client): hand back every waiting call and forget them');
  }
}

/**
 * Calls over one connection. A call resolves with the result, or rejects with
 * an RpcError whose status says why: the server's error status, SERVER_TIMEOUT
 * when no response came in time, CHANNEL_INACTIVE when the connection was
 * lost first, BAD_RESPONSE when the response could not be read.
 */
export class RpcClient {
  constructor(link: Link, options: ClientOptions = {}) {
    // TODO(client): keep the link, the options (with their defaults), a FrameDecoder and an InFlight table.
  }

  /** Calls still waiting for their responses. */
  get pending(): number {
    throw new Error('TODO(client): count the calls still waiting');
  }

  /** Responses that came for no waiting call: after their call timed out, or never asked for. */
  get late(): number {
    throw new Error('TODO(client): count the responses that found no call');
  }

  /** True once the connection is lost: every later call fails at once. */
  get closed(): boolean {
    throw new Error('TODO(client): say whether the connection was lost');
  }

  /** Calls `service.method(...args)` and waits for its response; `timeoutMs` overrides the client's for this call. */
  call(service: string, method: string, args: HessianValue[], options: { timeoutMs?: number } = {}): Promise<HessianValue> {
    return Promise.reject(new Error('TODO(client): a fresh id, an entry in the table with its deadline, a two-way request frame'));
  }

  /** Sends `service.method(...args)` one-way: the server runs it and answers nothing (Dubbo's oneway). */
  notify(service: string, method: string, args: HessianValue[]): void {
    throw new Error('TODO(client): a request frame with the two-way bit clear, and nothing to wait for');
  }

  /** Takes the next bytes the connection delivered; settles the calls they answer. */
  receive(chunk: Uint8Array): void {
    throw new Error('TODO(client): decode frames; settle each response’s call by its id');
  }

  /** Moves the client's clock on by `ms`: fails the calls whose time is up, sends a heartbeat if the connection was idle. */
  tick(ms: number): void {
    throw new Error('TODO(client): time out the calls past their deadline; a heartbeat after heartbeatMs idle');
  }

  /** The connection is gone: every waiting call fails with CHANNEL_INACTIVE, and so does every later one. */
  connectionLost(): void {
    throw new Error('TODO(client): fail every waiting call, and refuse new ones');
  }
}

/** The request body of a call: service, method and arguments, as given/invocation.ts lays them out. */
export function invocationBody(service: string, method: string, args: HessianValue[]): Uint8Array {
  throw new Error('TODO(client): three Hessian values one after another');
}
