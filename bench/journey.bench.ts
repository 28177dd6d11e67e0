/**
 * Chapter 11's trip on the reference pieces: wall time for the chapter's trip
 * (about 1.5 s of simulated time; the browser worker runs the same trip while
 * the learner waits) and for the longest fault trip (idle-proxy: 90 s of the
 * shopper reading, through which every open connection's clock keeps
 * ticking), median of 3 after a warm-up, on one PGlite emptied by each trip.
 * The issue sets no target: both are for information, with the simulated
 * time and the timeline's length beside them.
 */
import { PGlite } from '@electric-sql/pglite';
import { median, type Benchmark, type Figure } from './figure.ts';
import { coursePaths } from '../src/course/paths.ts';
import type { Fault } from '../src/journey/faults.ts';
import { registerJourneyHooks } from '../src/journey/node-hooks.ts';
import type { Trip } from '../src/journey/trip.ts';

const RUNS = 3;

async function timed(database: PGlite, faults: Fault[]): Promise<{ ms: number; trip: Trip }[]> {
  // The trip's modules import the course's own (`@lab-kit`) by name, as `journey trip` resolves them.
  registerJourneyHooks(coursePaths());
  const { REFERENCE_PIECES } = await import('../src/journey/reference-pieces.ts');
  const { JOURNEY_SEED, runTrip } = await import('../src/journey/trip.ts');
  const runs: { ms: number; trip: Trip }[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    const trip = await runTrip({ pieces: REFERENCE_PIECES, seed: JOURNEY_SEED, database, faults });
    // The first run warms the modules and PGlite's caches.
    if (i > 0) runs.push({ ms: performance.now() - start, trip });
  }
  return runs;
}

export const benchmark: Benchmark = {
  name: 'journey',
  async run(): Promise<Figure[]> {
    const database = new PGlite();
    try {
      const figures: Figure[] = [];
      for (const [label, faults] of [['the chapter\'s trip', []], ['the idle-proxy trip', ['idle-proxy']]] as const) {
        const runs = await timed(database, [...faults]);
        const { trip } = runs[0]!;
        figures.push(
          { name: `journey: ${label}, reference pieces (median of ${RUNS})`, value: median(runs.map((r) => r.ms)), unit: 'ms' },
          { name: `journey: ${label}, simulated time`, value: trip.durationMs, unit: 'ms' },
          { name: `journey: ${label}, timeline steps`, value: trip.events.length, unit: 'steps' },
        );
      }
      return figures;
    } finally {
      await database.close();
    }
  },
};
