import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_CHECKS } from './director-node.ts';
import { IDLE_TIMEOUT_MS, ORIGIN_TIMEOUT_MS } from './edge-service.ts';
import { FAULT_IDS, FAULTS, type Fault } from './faults.ts';
import { ITEM } from './inventory-service.ts';
import { ORDER } from './phone-app.ts';
import { withPieces } from './pieces.ts';
import { REFERENCE_MODULES, REFERENCE_PIECES } from './reference-pieces.ts';
import { TripError } from './trip-failure.ts';
import { JOURNEY_SEED, READING_MS, runTrip, type Trip } from './trip.ts';

// One PGlite for the file, and one trip per fault, shared by the assertions about it.
let database: PGlite;
const trips = new Map<Fault | 'all', Trip>();
let again: Trip;

beforeAll(async () => {
  database = new PGlite();
  for (const fault of ['server-down', 'lost-order-response', 'idle-proxy'] as const) trips.set(fault, await runTrip({ pieces: REFERENCE_PIECES, seed: JOURNEY_SEED, database, faults: [fault] }));
  trips.set('all', await runTrip({ pieces: REFERENCE_PIECES, seed: JOURNEY_SEED, database, faults: FAULT_IDS }));
  again = await runTrip({ pieces: REFERENCE_PIECES, seed: JOURNEY_SEED, database, faults: FAULT_IDS });
}, 240_000);
afterAll(() => database.close());

const trip = (fault: Fault | 'all') => trips.get(fault)!;
const texts = (t: Trip, device: string) => t.events.filter((e) => e.device === device).map((e) => e.text);
const first = (t: Trip, device: string, pattern: RegExp) => t.events.find((e) => e.device === device && pattern.test(e.text));
const accepted = (t: Trip) => {
  expect(t.outcome.order.status).toBe(201);
  expect(JSON.parse(t.outcome.order.body)).toMatchObject({ status: 'accepted', orderId: 1, sku: ITEM.sku, quantity: 1 });
};
const deductions = (t: Trip) => texts(t, 'inventory').filter((text) => text.includes(`stock ${ITEM.stock} → ${ITEM.stock - 1}`));

describe('the faults a learner can switch on', () => {
  it('are listed as data: an id, a title and a one-line lesson each', () => {
    expect(FAULTS.map((f) => f.id)).toEqual([...FAULT_IDS]);
    for (const fault of FAULTS) {
      expect(fault.title.length, fault.id).toBeGreaterThan(0);
      expect(fault.lesson, fault.id).not.toContain('\n');
    }
  });

  it('server-down: the health checks mark web1 down before the order, and round robin hands it to web2', () => {
    const t = trip('server-down');
    accepted(t);
    const down = first(t, 'director', /health check: web1 marked down/)!;
    expect(down.piece).toBe('lb');
    const failures = t.events.filter((e) => e.device === 'director' && e.time <= down.time && e.text.startsWith('health check: web1 did not answer'));
    expect(failures).toHaveLength(HEALTH_CHECKS.fall);
    const pick = first(t, 'director', /new flow .*: picks web/)!;
    expect(pick.text).toContain('picks web2');
    expect(pick.time).toBeGreaterThan(down.time);
    expect(texts(t, 'web2').join('\n')).toContain('POST /orders');
    expect(texts(t, 'web1').join('\n')).not.toContain('POST /orders');
    // web2 answers its probes: never marked down.
    expect(texts(t, 'director').join('\n')).not.toContain('web2 did not answer');
  });

  it('lost-order-response: the edge answers 504 after its timeout, the phone retries with the same key, the stock is deducted once', () => {
    const t = trip('lost-order-response');
    accepted(t);
    const lost = first(t, 'dcgw', /injected fault \(lost-order-response\)/)!;
    const commit = first(t, 'inventory', /CAS on apple-crate/)!;
    expect(lost.time).toBeGreaterThan(commit.time);
    const gaveUp = first(t, 'edge', /no answer from the origin/)!;
    expect(gaveUp.time - lost.time).toBeGreaterThan(ORIGIN_TIMEOUT_MS - 1000);
    expect(texts(t, 'phone')).toContain('order answered 504: the origin did not answer in time');
    expect(texts(t, 'phone').join('\n')).toContain(`it carries idempotency key ${ORDER.key}, so the phone sends it again (attempt 2)`);
    // Both attempts reach the order service; only the first deducts.
    expect(texts(t, 'inventory').filter((text) => text.startsWith(`RPC Inventory.placeOrder(apple-crate, 1, ${ORDER.key})`))).toHaveLength(2);
    expect(deductions(t)).toHaveLength(1);
    const replay = first(t, 'inventory', /already placed order 1: the same answer, nothing deducted/)!;
    expect(replay.piece).toBe('inventory');
    expect(replay.time).toBeGreaterThan(gaveUp.time);
  });

  it('idle-proxy: the edge closes the idle connection after 60 s, and the phone orders over a new one', () => {
    const t = trip('idle-proxy');
    accepted(t);
    const suggestions = first(t, 'phone', /^suggestions /)!;
    const closed = first(t, 'edge', /idle for 60 s: closes it \(FIN\)/)!;
    expect(closed.time - suggestions.time).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 20);
    expect(closed.text).toContain('heartbeat');
    expect(first(t, 'phone', /the edge closed the connection \(FIN\)/)!.piece).toBe('tcp');
    const reconnect = first(t, 'phone', /the order needs a new one, TCP and TLS again/)!;
    expect(reconnect.time - suggestions.time).toBeGreaterThanOrEqual(READING_MS);
    expect(t.events.filter((e) => e.device === 'phone' && e.text.startsWith('server certificate verified')).length).toBe(2);
    expect(t.phases.map((p) => p.phase).filter((p) => p === 'tcp' || p === 'tls')).toEqual(['tcp', 'tls', 'tcp', 'tls']);
    expect(deductions(t)).toHaveLength(1);
  });

  it('all at once: the order still comes back, deducted once, and the same seed replays the same bytes', () => {
    const t = trip('all');
    accepted(t);
    expect(deductions(t)).toHaveLength(1);
    for (const fault of FAULT_IDS) expect(t.events.some((e) => e.text.includes(`injected fault (${fault})`)), fault).toBe(true);
    expect(again.events).toEqual(t.events);
    expect(again.pcap).toEqual(t.pcap);
  });

  it('server-down with a health checker of yours that throws: the trip stops before it began, naming your director', async () => {
    class Unfinished {
      constructor() {
        throw new Error('TODO(health): track each backend');
      }
    }
    const pieces = withPieces(REFERENCE_PIECES, [{ id: 'lb', source: 'yours', modules: { ...REFERENCE_MODULES.lb, 'health-checker.ts': { HealthChecker: Unfinished } as never } }]);
    const failed = runTrip({ pieces, seed: JOURNEY_SEED, database, faults: ['server-down'] });
    await expect(failed).rejects.toBeInstanceOf(TripError);
    await expect(failed).rejects.toThrow('The trip stopped before it began, at t=0 ms: TODO(health): track each backend. Look at your director (workspace/lb/).');
  });
});
