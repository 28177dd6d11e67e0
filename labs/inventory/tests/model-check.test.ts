/**
 * Stage model-check: 2,000 schedules, in tests of 50 so each fits the
 * graders' time per test. Each one interleaves several
 * buyers' statements in an order a seeded generator picks, loses some
 * responses before or after the statement ran, lets the clients retry with
 * the same key, and then checks the invariants with the tests' own SQL:
 * the stock is never negative, stock + sold equals the starting stock, every
 * deduction belongs to exactly one idempotency key, every order a client was
 * told about is recorded, the same key always gets the same answer, and no
 * buyer is refused while stock remains. The
 * seeds come from fast-check, which the course seeds (src/runners/seed.ts),
 * so every run checks the same schedules.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fresh, openReferenceDb } from './fixtures/database.ts';
import { describeFailure, runSchedule, type ScheduleConfig } from './fixtures/scheduler.ts';

let db: Awaited<ReturnType<typeof openReferenceDb>>;
beforeAll(async () => {
  db = await openReferenceDb();
});

/** Schedules per test: each test stays well inside the graders' time per test, however many there are. */
const CHUNK = 50;

/** The shapes of schedule checked, and how many tests of CHUNK schedules each gets: 2,000 schedules in all. */
const shapes: { name: string; tests: number; shape: (seed: number) => Omit<ScheduleConfig, 'seed' | 'sku'> }[] = [
  {
    name: 'three buyers, two units, no lost responses: the last unit goes to exactly one',
    tests: 12,
    shape: () => ({ initialStock: 2, buyers: keys(3).map((key) => ({ key, quantity: 1 })), lossRate: 0, clientAttempts: 1 }),
  },
  {
    name: 'three buyers, two units, one response in five lost, clients retrying',
    tests: 12,
    shape: () => ({ initialStock: 2, buyers: keys(3).map((key) => ({ key, quantity: 1 })), lossRate: 0.2, clientAttempts: 4 }),
  },
  {
    name: 'duplicate submissions: two clients each send their order twice at once for the one unit left, with lost responses',
    tests: 8,
    shape: () => {
      const [a, b] = keys(2);
      return { initialStock: 1, buyers: [a!, a!, b!, b!].map((key) => ({ key, quantity: 1 })), lossRate: 0.15, clientAttempts: 3 };
    },
  },
  {
    name: 'mixed quantities: four buyers of 1 to 3 units for five units, with lost responses',
    tests: 8,
    shape: (seed) => ({
      initialStock: 5,
      buyers: keys(4).map((key, i) => ({ key, quantity: 1 + ((seed >>> (2 * i)) % 3) })),
      lossRate: 0.15,
      clientAttempts: 3,
    }),
  },
];

// Every schedule's seed, drawn once from the course's seeded fast-check, so no two tests repeat a schedule.
const seeds = fc.sample(fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })), CHUNK * shapes.reduce((sum, s) => sum + s.tests, 0));

/** Runs these seeds' schedules of one shape and fails with the first broken one's transcript. */
async function check(chunk: number[], shape: (seed: number) => Omit<ScheduleConfig, 'seed' | 'sku'>): Promise<void> {
  for (const seed of chunk) {
    const config: ScheduleConfig = { seed, sku: fresh('sku'), ...shape(seed) };
    const run = await runSchedule(db, config);
    if (run.violations.length > 0) throw new Error(describeFailure(config, run));
  }
}

const keys = (n: number, prefix = fresh('buyer')) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('invariants hold under every schedule', () => {
  let next = 0;
  for (const { name, tests, shape } of shapes) {
    for (let test = 1; test <= tests; test++) {
      const chunk = seeds.slice(next, (next += CHUNK));
      it(`${name} (schedules ${test * CHUNK - CHUNK + 1}–${test * CHUNK} of ${tests * CHUNK})`, () => check(chunk, shape));
    }
  }
});

describe('the model checker itself', () => {
  it('prints a failing schedule as a transcript with the seed that replays it', async () => {
    const config: ScheduleConfig = { seed: 7, sku: fresh('sku'), initialStock: 1, buyers: [{ key: fresh('k'), quantity: 1 }], lossRate: 0, clientAttempts: 1 };
    const run = await runSchedule(db, config);
    const text = describeFailure(config, { ...run, violations: ['(an example)'] });
    expect(text).toContain('seed 7');
    expect(text).toMatch(/buyer 0: .*SELECT/i);
    expect(text).toContain(`runSchedule(db, ${JSON.stringify(config)})`);
  });
});
