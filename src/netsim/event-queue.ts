/**
 * A binary min-heap of timed items ordered by (time, seq). Callers number items in the
 * order they schedule them, so items due at the same instant come out first in, first out:
 * a heap alone is not stable, and an unstable order would make two runs with the same
 * seed diverge. Items are stored as they are (no wrapper), one allocation per event.
 */

/** What the queue orders by: due time, then scheduling sequence number. */
export interface Timed {
  readonly time: number;
  readonly seq: number;
}

/** True when a is due before b. */
function before(a: Timed, b: Timed): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** A priority queue of items by (time, seq). */
export class EventQueue<T extends Timed> {
  readonly #heap: T[] = [];

  /** Number of items queued. */
  get size(): number {
    return this.#heap.length;
  }

  /** Queues an item; its time must not be NaN. */
  push(item: T): void {
    if (Number.isNaN(item.time)) throw new RangeError('EventQueue.push: time is NaN');
    const heap = this.#heap;
    // Sift up by moving parents down into the hole: one write per level instead of a swap.
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!before(item, parent)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = item;
  }

  /** The earliest item without removing it. */
  peek(): T | undefined {
    return this.#heap[0];
  }

  /** Removes and returns the earliest item. */
  pop(): T | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      let childItem = heap[left]!;
      if (right < n) {
        const rightItem = heap[right]!;
        if (before(rightItem, childItem)) {
          child = right;
          childItem = rightItem;
        }
      }
      if (!before(childItem, last)) break;
      heap[i] = childItem;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
