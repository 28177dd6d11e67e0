/**
 * The client's in-flight table: calls waiting for their responses, keyed by
 * request id, so responses can arrive in any order on one connection.
 * (Stage client builds the rest of the client on it.)
 */

/** Calls waiting for their responses, by request id, and how many responses found no call. */
export class InFlight<T> {
  private readonly calls = new Map<bigint, T>();
  /** Responses that found no call waiting: late (after a timeout) or never asked for. */
  late = 0;

  /** Calls still waiting. */
  get size(): number {
    return this.calls.size;
  }

  /** Starts waiting for a response to `id`; throws if a call with that id is already waiting. */
  add(id: bigint, call: T): void {
    // Two calls under one id would both claim the first response: a bug in the caller.
    if (this.calls.has(id)) throw new Error(`request id ${id} is already in flight`);
    this.calls.set(id, call);
  }

  /** The call a response to `id` answers, no longer waiting; undefined, and counted late, if none is. */
  settle(id: bigint): T | undefined {
    const call = this.calls.get(id);
    if (call === undefined) {
      this.late++;
      return undefined;
    }
    this.calls.delete(id);
    return call;
  }

  /** The call waiting for `id`, no longer waiting (it timed out); undefined if none is. */
  drop(id: bigint): T | undefined {
    const call = this.calls.get(id);
    this.calls.delete(id);
    return call;
  }

  /** Every call still waiting, in the order they were added; the table is left empty (the connection was lost). */
  takeAll(): T[] {
    const calls = [...this.calls.values()];
    this.calls.clear();
    return calls;
  }
}
