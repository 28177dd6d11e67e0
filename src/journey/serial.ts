/** Keeps asynchronous steps of one connection in the order they were asked for. */
export class Serial {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `step` after every step queued before it; its result. */
  run<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(step);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}
