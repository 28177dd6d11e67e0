/**
 * Logic for <KeyMovement>: which backend each of a few shopping-cart keys
 * goes to under a ketama ring, a Maglev table and plain modulo hashing, and
 * which keys moved when the reader added or removed a backend. The
 * assignments come from the load-balancing lab's reference HashRing and
 * MaglevTable; the same functions render the worked example at build time
 * and run in the browser on every change, so both always agree.
 */
import { fnv1a32 } from '../../../../labs/lb/given/hash.ts';
import { HashRing } from '../../../../labs/lb/solution/hash-ring.ts';
import { MaglevTable } from '../../../../labs/lb/solution/maglev.ts';

/** The backends the reader can switch on and off, each with its colour family. */
export const KM_BACKENDS = [
  { name: 'A', hue: 'blue' },
  { name: 'B', hue: 'green' },
  { name: 'C', hue: 'red' },
  { name: 'D', hue: 'purple' },
  { name: 'E', hue: 'orange' },
] as const;

/** The keys shown: shoppers' carts. */
export const KM_KEYS: readonly string[] = Array.from({ length: 36 }, (_, i) => `cart:${1001 + i}`);

/** A small Maglev table, so every slot can be drawn; prime, as the paper requires. */
export const KM_TABLE_SIZE = 37;

/** The three ways to map a key to a backend the figure compares. */
export const KM_SCHEMES = ['ring', 'maglev', 'modulo'] as const;
export type Scheme = (typeof KM_SCHEMES)[number];

const SCHEME_LABELS: Record<Scheme, string> = {
  ring: 'Ring (ketama, 160 points per backend)',
  maglev: `Maglev (table of ${KM_TABLE_SIZE} slots)`,
  modulo: 'Modulo (hash mod N)',
};

/** Every key's backend under each scheme, and the Maglev table itself. */
export interface Assignment {
  backends: string[];
  owners: Record<Scheme, string[]>;
  table: readonly string[];
}

/** Assigns every key for the given backends (at least one). */
export function assign(backends: readonly string[]): Assignment {
  const ring = new HashRing(backends);
  const maglev = new MaglevTable(backends, KM_TABLE_SIZE);
  return {
    backends: [...backends],
    owners: {
      ring: KM_KEYS.map((key) => ring.get(key)),
      maglev: KM_KEYS.map((key) => maglev.lookup(fnv1a32(key))),
      modulo: KM_KEYS.map((key) => backends[fnv1a32(key) % backends.length]!),
    },
    table: maglev.entries,
  };
}

/** How many keys each scheme moved from `before` to `after`. */
export function movedCounts(before: Assignment, after: Assignment): Record<Scheme, number> {
  const count = (s: Scheme) => after.owners[s].filter((owner, i) => owner !== before.owners[s][i]).length;
  return { ring: count('ring'), maglev: count('maglev'), modulo: count('modulo') };
}

const hue = (name: string) => KM_BACKENDS.find((b) => b.name === name)?.hue ?? 'gray';

/** The result as HTML: for each scheme a row of key cells (moved ones marked), then the Maglev table's slots. */
export function renderMovement(before: Assignment, after: Assignment): string {
  const moved = movedCounts(before, after);
  const rows = KM_SCHEMES.map((scheme) => {
    const cells = after.owners[scheme].map((owner, i) => {
      const was = before.owners[scheme][i]!;
      const isMoved = was !== owner;
      const title = `${KM_KEYS[i]} → ${owner}${isMoved ? ` (was ${was})` : ''}`;
      return `<li class="km-cell fig-hue-${hue(owner)}${isMoved ? ' is-moved' : ''}" title="${title}"><span aria-hidden="true">${owner}</span><span class="sr-only">${title}</span></li>`;
    });
    return `<div class="km-row"><p class="km-label">${SCHEME_LABELS[scheme]}: <strong>${moved[scheme]} of ${KM_KEYS.length}</strong> keys moved</p><ul class="km-cells">${cells.join('')}</ul></div>`;
  });
  const slots = after.table.map((owner, i) => {
    const isMoved = before.table[i] !== owner;
    return `<li class="km-slot fig-hue-${hue(owner)}${isMoved ? ' is-moved' : ''}" title="slot ${i}: ${owner}${isMoved ? ` (was ${before.table[i]})` : ''}">${owner}</li>`;
  });
  return [
    ...rows,
    `<div class="km-row"><p class="km-label">The Maglev table behind it, slot 0 to ${KM_TABLE_SIZE - 1}</p><ul class="km-slots" aria-hidden="true">${slots.join('')}</ul></div>`,
  ].join('');
}

/** What a screen reader hears after a change. */
export function announce(before: Assignment, after: Assignment): string {
  const moved = movedCounts(before, after);
  return `Backends ${after.backends.join(', ')}. Keys moved: ring ${moved.ring}, Maglev ${moved.maglev}, modulo ${moved.modulo}, of ${KM_KEYS.length}.`;
}
