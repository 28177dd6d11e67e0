/**
 * The load-balancing lab's reference solution. Figures the issue names: the
 * share of keys that move when one of N = 10 backends leaves (≈ 1/N for the
 * ring, Maglev and jump hash, ≈ all for modulo), how uneven each picker leaves
 * ten backends (the most loaded over the mean), and picks per second for each
 * algorithm. The first two come from the same seeded runs as the chapter's
 * plots (src/site/figures/lb/balance-model.ts); picks per second are medians
 * of 5 timed runs after a warm-up. Last, what the proxy stage's client sees
 * through the reference proxy in the stage's own scenario (one backend killed
 * and restarted mid-run): its errors and p99 latency, for information, since
 * the issue sets no target for them.
 */
import { median, percentile, type Benchmark, type Figure } from './figure.ts';
import { BALANCE_SEED, HASH_SCHEMES, balanceResults, movedFraction } from '../src/site/figures/lb/balance-model.ts';
import { Random } from '../src/netsim/index.ts';
import { fnv1a32, fnv1a64 } from '../labs/lb/given/hash.ts';
import { HashRing } from '../labs/lb/solution/hash-ring.ts';
import { jumpHash } from '../labs/lb/solution/jump-hash.ts';
import { LeastConnections, PowerOfTwoChoices } from '../labs/lb/solution/least-connections.ts';
import { MaglevTable } from '../labs/lb/solution/maglev.ts';
import { createProxy } from '../labs/lb/solution/proxy.ts';
import { RoundRobin, SmoothWeightedRoundRobin } from '../labs/lb/solution/round-robin.ts';
import { killAndRestart, startRig } from '../labs/lb/tests/fixtures/kill-restart.ts';

const N = 10;
const RUNS = 5;
const PICKS = 200_000;
/** Requests in the proxy scenario: b2 is down for the middle third. */
const PROXY_REQUESTS = 900;
/** "≈ 1/N": the course reads it as within 25 % of 1/N. */
const MOVED_OVER_IDEAL_TARGET = 1.25;
/** "≈ all" for modulo: at least 80 % of keys (the exact share is (N − 1)/N = 90 %). */
const MODULO_MOVED_TARGET = 0.8;
/**
 * The course's aim, not the issue's: a balancer decides per connection or
 * packet, so a picker should do a million a second. The ring's row includes
 * hashing the key with the given MD5 (a 64-step block per key, most of the
 * pick's time): about 2.5 million a second of one idle core, so it is the row
 * a loaded machine can push under the line, since these figures are wall time.
 */
const PICKS_PER_SECOND_TARGET = 1_000_000;
/** The course's aim, not the issue's: within 5 % of the mean for the load-aware and table pickers, 15 % for a 160-point ring. */
const BALANCE_TARGETS: Record<string, number> = {
  'Power of two choices': 1.05,
  'Least connections': 1.05,
  'Ring, 160 points each (keys)': 1.15,
  'Maglev, M = 65,537 (keys)': 1.05,
  'Jump hash (keys)': 1.05,
};

function picksPerSecond(pick: (i: number) => unknown): number {
  for (let i = 0; i < PICKS / 10; i++) pick(i);
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    for (let i = 0; i < PICKS; i++) pick(i);
    rates.push(PICKS / ((performance.now() - started) / 1000));
  }
  return median(rates);
}

export const benchmark: Benchmark = {
  name: 'lb',
  async run(): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const scheme of HASH_SCHEMES) {
      const moved = movedFraction(scheme, N, 20_000);
      figures.push(
        scheme === 'modulo'
          ? { name: `lb: keys moved when 1 of ${N} backends leaves, modulo hashing (20,000 keys)`, value: moved, unit: 'share', target: { op: '>=', value: MODULO_MOVED_TARGET } }
          : { name: `lb: keys moved when 1 of ${N} backends leaves, ${scheme}, over the ideal 1/N (20,000 keys)`, value: moved * N, unit: '× 1/N', target: { op: '<=', value: MOVED_OVER_IDEAL_TARGET } },
      );
    }
    for (const result of balanceResults()) {
      const target = BALANCE_TARGETS[result.picker];
      if (target !== undefined) figures.push({ name: `lb: most loaded of ${N} backends over the mean, ${result.picker} (seed ${BALANCE_SEED})`, value: result.maxOverMean, unit: '× mean', target: { op: '<=', value: target } });
    }
    const backends = Array.from({ length: N }, (_, i) => `backend-${i}`);
    const keys = Array.from({ length: 4096 }, (_, i) => `order:${i}`);
    const hashes = keys.map((k) => fnv1a32(k));
    const keys64 = keys.map((k) => fnv1a64(k));
    const rr = new RoundRobin(backends);
    const swrr = new SmoothWeightedRoundRobin(backends.map((name, i) => ({ name, weight: 1 + (i % 3) })));
    const lc = new LeastConnections(backends);
    const random = new Random(BALANCE_SEED);
    const p2c = new PowerOfTwoChoices(backends, () => random.next());
    const ring = new HashRing(backends);
    const maglev = new MaglevTable(backends);
    const pickers: [string, (i: number) => unknown][] = [
      ['round robin', () => rr.pick()],
      ['smooth weighted round robin', () => swrr.pick()],
      ['least connections (open, then close)', () => lc.close(lc.connect())],
      ['power of two choices (open, then close)', () => p2c.close(p2c.connect())],
      ['ketama ring (MD5 of the key included)', (i) => ring.get(keys[i & 4095]!)],
      ['Maglev lookup (flow hash given)', (i) => maglev.lookup(hashes[i & 4095]!)],
      ['jump hash (64-bit key given)', (i) => jumpHash(keys64[i & 4095]!, N)],
    ];
    for (const [name, pick] of pickers) {
      figures.push({ name: `lb: ${name}, ${N} backends (median of ${RUNS})`, value: picksPerSecond(pick), unit: 'picks/s', target: { op: '>=', value: PICKS_PER_SECOND_TARGET } });
    }
    figures.push(...(await proxyFigures()));
    return figures;
  },
};

async function proxyFigures(): Promise<Figure[]> {
  const rig = await startRig((origins) => createProxy({ backends: origins }));
  try {
    const { outcomes, latenciesMs } = await killAndRestart(rig, PROXY_REQUESTS);
    const errors = (kind: string) => outcomes.filter((o) => o.id.startsWith(kind) && o.status !== 200).length;
    const scenario = `reference proxy, 3 node:http backends, b2 killed and restarted mid-run (${PROXY_REQUESTS} requests, one at a time)`;
    return [
      { name: `lb: ${scenario}, client errors on GETs`, value: errors('g'), unit: 'requests' },
      { name: `lb: ${scenario}, POSTs answered 502 (never retried)`, value: errors('p'), unit: 'requests' },
      { name: `lb: ${scenario}, median latency`, value: median(latenciesMs), unit: 'ms' },
      { name: `lb: ${scenario}, p99 latency`, value: percentile(latenciesMs, 99), unit: 'ms' },
    ];
  } finally {
    await rig.stop();
  }
}
