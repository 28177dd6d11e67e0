/**
 * Given code: the providers a registry lists and the picker that chooses
 * one for each attempt. The load-balancing chapter's smooth weighted round
 * robin (Nginx's, and Dubbo's RoundRobinLoadBalance), here over a list that
 * changes as providers come and go, skipping the ones a call has tried, as
 * Nginx skips the peers in a request's `tried` bitmap.
 */

/** One provider of a service, as the registry lists it. */
export interface Provider {
  /** Unique within the service: its address, e.g. "10.0.0.7:20880". */
  id: string;
  /** Its share of the calls relative to the others, a whole number ≥ 1 (Dubbo's `weight`). */
  weight: number;
}

/** Chooses the provider for one attempt of a call (Dubbo's LoadBalance.select). */
export interface Picker {
  /** One of `providers` whose id is not in `exclude`, or null when there is none. */
  pick(providers: readonly Provider[], exclude: ReadonlySet<string>): Provider | null;
}

/**
 * Smooth weighted round robin: on each pick every eligible provider's running
 * weight grows by its weight, the largest wins (the first listed on a tie),
 * and the winner gives back the eligible providers' total. Weights 5, 1, 1
 * give a a b a c a a. A provider no longer listed is forgotten; one that is
 * only excluded keeps its running weight.
 */
export class SmoothWeightedPicker implements Picker {
  readonly #running = new Map<string, number>();

  /** The next provider in turn among the eligible ones, or null when every one is excluded. */
  pick(providers: readonly Provider[], exclude: ReadonlySet<string>): Provider | null {
    const listed = new Set(providers.map((p) => p.id));
    for (const id of this.#running.keys()) if (!listed.has(id)) this.#running.delete(id);
    let best: Provider | null = null;
    let bestRunning = 0;
    let total = 0;
    for (const provider of providers) {
      if (exclude.has(provider.id)) continue;
      if (!Number.isInteger(provider.weight) || provider.weight < 1) {
        throw new RangeError(`SmoothWeightedPicker: provider "${provider.id}" has weight ${provider.weight}; expected a whole number ≥ 1`);
      }
      const running = (this.#running.get(provider.id) ?? 0) + provider.weight;
      this.#running.set(provider.id, running);
      total += provider.weight;
      if (best === null || running > bestRunning) {
        best = provider;
        bestRunning = running;
      }
    }
    if (best !== null) this.#running.set(best.id, bestRunning - total);
    return best;
  }
}
