/**
 * The load-balancing chapter's measurements, computed at build time by the
 * lab's reference pickers on fixed seeds: the share of keys that move when
 * one of N backends leaves (ring, Maglev, jump hash, modulo), and how uneven
 * each picker leaves 10 backends (the most loaded over the mean). The bench
 * prints the same numbers (bench/lb.bench.ts).
 */
import { Random } from '../../../netsim/index.ts';
import { fnv1a32, fnv1a64 } from '../../../../labs/lb/given/hash.ts';
import { HashRing } from '../../../../labs/lb/solution/hash-ring.ts';
import { jumpHash } from '../../../../labs/lb/solution/jump-hash.ts';
import { LeastConnections, PowerOfTwoChoices } from '../../../../labs/lb/solution/least-connections.ts';
import { MaglevTable } from '../../../../labs/lb/solution/maglev.ts';
import { RoundRobin } from '../../../../labs/lb/solution/round-robin.ts';

/** The seed every measurement uses. */
export const BALANCE_SEED = 2016;

/** The hashing schemes compared for disruption. */
export const HASH_SCHEMES = ['ring', 'maglev', 'jump', 'modulo'] as const;
export type HashScheme = (typeof HASH_SCHEMES)[number];

const names = (n: number) => Array.from({ length: n }, (_, i) => `backend-${i}`);

/** A key → backend index function for N backends under one scheme. */
function mapper(scheme: HashScheme, n: number): (key: string) => number {
  const list = names(n);
  const index = new Map(list.map((b, i) => [b, i]));
  switch (scheme) {
    case 'ring': {
      const ring = new HashRing(list);
      return (key) => index.get(ring.get(key))!;
    }
    case 'maglev': {
      const table = new MaglevTable(list, 65537);
      return (key) => index.get(table.lookup(fnv1a32(key)))!;
    }
    case 'jump':
      return (key) => jumpHash(fnv1a64(key), n);
    case 'modulo':
      return (key) => fnv1a32(key) % n;
  }
}

/** Share of `keys` keys whose backend changes when the last of N backends leaves. */
export function movedFraction(scheme: HashScheme, n: number, keys = 20_000): number {
  const before = mapper(scheme, n);
  const after = mapper(scheme, n - 1);
  let moved = 0;
  for (let i = 0; i < keys; i++) {
    const key = `order:${i}`;
    if (before(key) !== after(key)) moved++;
  }
  return moved / keys;
}

/** The pool sizes the chapter's plot shows. */
export const DISRUPTION_SIZES: readonly number[] = [2, 3, 4, 5, 6, 8, 10, 12, 16];

/** Moved fractions for each pool size, per scheme, over `keys` keys. */
export function disruptionSeries(sizes = DISRUPTION_SIZES, keys = 5000): { n: number; moved: Record<HashScheme, number> }[] {
  const rows = [];
  for (const n of sizes) {
    rows.push({ n, moved: Object.fromEntries(HASH_SCHEMES.map((s) => [s, movedFraction(s, n, keys)])) as Record<HashScheme, number> });
  }
  return rows;
}

/** The pickers balanceResults measures, in its order. */
export type PickerId = 'random' | 'round-robin' | 'p2c' | 'least-connections' | 'ring' | 'maglev' | 'jump';

/** One picker's result over the simulated stream. */
export interface BalanceResult {
  /** Which picker, for a figure that names it in another language. */
  id: PickerId;
  /** Its English name. */
  picker: string;
  /** The most loaded backend over the mean: 1 is perfect. */
  maxOverMean: number;
}

function ratio(counts: number[]): number {
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  return Math.max(...counts) / mean;
}

/**
 * Ten backends. Connection pickers see 20,000 events (55 % opens, else a
 * random open connection closes) and are judged by open connections at the
 * end; hashing schemes place 50,000 keys.
 */
export function balanceResults(): BalanceResult[] {
  const backends = names(10);
  const index = new Map(backends.map((b, i) => [b, i]));
  const stream = (pick: () => string, close: (b: string) => void): number[] => {
    const random = new Random(BALANCE_SEED);
    const counts = backends.map(() => 0);
    const open: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      if (open.length === 0 || random.next() < 0.55) {
        const b = pick();
        counts[index.get(b)!]!++;
        open.push(b);
      } else {
        const [b] = open.splice(random.int(open.length), 1);
        counts[index.get(b!)!]!--;
        close(b!);
      }
    }
    return counts;
  };
  const rr = new RoundRobin(backends);
  const chooser = new Random(BALANCE_SEED + 1);
  const lc = new LeastConnections(backends);
  const p2cRandom = new Random(BALANCE_SEED + 2);
  const p2c = new PowerOfTwoChoices(backends, () => p2cRandom.next());
  const keys = (scheme: HashScheme) => {
    const map = mapper(scheme, 10);
    const counts = backends.map(() => 0);
    for (let i = 0; i < 50_000; i++) counts[map(`order:${i}`)]!++;
    return counts;
  };
  return [
    { id: 'random', picker: 'Random choice', maxOverMean: ratio(stream(() => backends[chooser.int(10)]!, () => {})) },
    { id: 'round-robin', picker: 'Round robin', maxOverMean: ratio(stream(() => rr.pick(), () => {})) },
    { id: 'p2c', picker: 'Power of two choices', maxOverMean: ratio(stream(() => p2c.connect(), (b) => p2c.close(b))) },
    { id: 'least-connections', picker: 'Least connections', maxOverMean: ratio(stream(() => lc.connect(), (b) => lc.close(b))) },
    { id: 'ring', picker: 'Ring, 160 points each (keys)', maxOverMean: ratio(keys('ring')) },
    { id: 'maglev', picker: 'Maglev, M = 65,537 (keys)', maxOverMean: ratio(keys('maglev')) },
    { id: 'jump', picker: 'Jump hash (keys)', maxOverMean: ratio(keys('jump')) },
  ];
}
