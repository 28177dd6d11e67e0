/**
 * The client's in-flight table: calls waiting for their responses, keyed by
 * request id, so responses can arrive in any order on one connection.
 * (Stage client builds the rest of the client on it.)
 */

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

  /** Every call still waiting, in the order they were added; the table is left empty (the connection was lost). */
  takeAll(): T[] {
    throw new Error('TODO(client): hand back every waiting call and forget them');
  }
}
