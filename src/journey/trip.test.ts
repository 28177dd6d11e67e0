import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDN_NAME, SHOP_NAME, STUB_TIMEOUT_MS } from './dns-service.ts';
import { ITEM } from './inventory-service.ts';
import { REFERENCE_PIECES } from './reference-pieces.ts';
import { PHASES } from './timeline.ts';
import { JOURNEY_SEED, runTrip, type Trip } from './trip.ts';

// One PGlite for the file: it takes seconds to start, and every trip empties it first.
let database: PGlite;
let trip: Trip;
let again: Trip;

beforeAll(async () => {
  database = new PGlite();
  trip = await runTrip({ pieces: REFERENCE_PIECES, seed: JOURNEY_SEED, database });
  again = await runTrip({ pieces: REFERENCE_PIECES, seed: JOURNEY_SEED, database });
}, 120_000);
afterAll(() => database.close());

const texts = (t: Trip, device: string) => t.events.filter((e) => e.device === device).map((e) => e.text);

describe('the trip on the reference pieces', () => {
  it('brings the order back accepted, one crate taken from the stock', () => {
    expect(trip.outcome.order.status).toBe(201);
    expect(JSON.parse(trip.outcome.order.body)).toMatchObject({ status: 'accepted', sku: ITEM.sku, quantity: 1 });
    expect(texts(trip, 'inventory').join('\n')).toContain(`stock ${ITEM.stock} → ${ITEM.stock - 1}, version 0 → 1`);
  });

  it('replays exactly for the same seed: timeline, phases and capture', () => {
    expect(again.events).toEqual(trip.events);
    expect(again.phases).toEqual(trip.phases);
    expect(again.pcap).toEqual(trip.pcap);
  });

  it('goes through every phase, in order, each taking simulated time', () => {
    expect(trip.phases.map((p) => p.phase)).toEqual([...PHASES]);
    for (const span of trip.phases) expect(span.end, span.phase).toBeGreaterThan(span.start);
    for (const [before, after] of trip.phases.slice(0, -1).map((p, i) => [p, trip.phases[i + 1]!] as const)) expect(after.start).toBe(before.end);
  });

  it('resolves the name through the hierarchy, following the CNAME to the edge', () => {
    expect(texts(trip, 'root').join('\n')).toContain('refers www.shop.example to example');
    expect(texts(trip, 'tld').join('\n')).toContain('to shop.example');
    expect(texts(trip, 'auth').join('\n')).toContain(`${SHOP_NAME} CNAME ${CDN_NAME}`);
    expect(texts(trip, 'phone')).toContain(`${SHOP_NAME} is 198.51.100.6`);
  });

  it('shows each hop rewriting the frame: MACs, TTL and the home NAT', () => {
    const home = texts(trip, 'home').join('\n');
    expect(home).toMatch(/NAT: source 192\.168\.1\.10:\d+ → 100\.64\.0\.2:\d+/);
    expect(home).toMatch(/NAT: destination 100\.64\.0\.2:\d+ → 192\.168\.1\.10:\d+/);
    expect(texts(trip, 'isp').join('\n')).toMatch(/MACs .* rewritten to .*; TTL 63 → 62/);
  });

  it('loses the SYN on the Wi-Fi and sends it again after the RTO', () => {
    const lost = trip.events.find((e) => e.text.startsWith('lost on wifi') && e.text.includes('[SYN]'));
    const resent = trip.events.find((e) => e.device === 'phone' && e.text.startsWith('retransmission:') && e.text.includes('[SYN]'));
    expect(lost).toBeDefined();
    expect(resent!.time - lost!.time).toBeGreaterThanOrEqual(990);
  });

  it('answers the search from the edge cache and the order through the director', () => {
    expect(texts(trip, 'edge').join('\n')).toContain('cache hit for GET /api/suggest?q=a');
    expect(trip.outcome.suggestions.body).toBe('["apple","apricot","avocado"]');
    expect(texts(trip, 'director').join('\n')).toMatch(/picks web[12]/);
    expect(texts(trip, 'edge').join('\n')).toContain('forwards it to the origin 203.0.113.10');
  });

  it('labels every piece as the reference', () => {
    expect(Object.values(trip.labels)).toContain('reference TCP');
    expect(Object.values(trip.labels).every((label) => label.startsWith('reference '))).toBe(true);
  });

  it('copes with a lost DNS answer: the stub asks again after its timeout, the resolver answers from its cache', async () => {
    const faulty = await runTrip({ pieces: REFERENCE_PIECES, seed: JOURNEY_SEED, database, faults: ['lost-dns-reply'] });
    expect(faulty.events.some((e) => e.device === 'home' && e.text.startsWith('injected fault (lost-dns-reply): UDP 198.51.100.2:53 → 192.168.1.10'))).toBe(true);
    // The Wi-Fi's own losses may cost the stub more tries; every later answer comes from the resolver's cache.
    expect(texts(faulty, 'resolver').filter((t) => t.startsWith('resolves www.shop.example')).length).toBeGreaterThanOrEqual(2);
    const asked = (t: Trip) => ['root', 'tld', 'auth'].flatMap((d) => t.events.filter((e) => e.device === d && e.layer === 'application')).length;
    expect(asked(faulty)).toBe(asked(trip));
    const dns = faulty.phases.find((p) => p.phase === 'dns')!;
    expect(dns.end - dns.start).toBeGreaterThanOrEqual(STUB_TIMEOUT_MS);
    expect(faulty.outcome.order.status).toBe(201);
  });

  it('depends on the seed: another one loses other frames, or none', async () => {
    const other = await runTrip({ pieces: REFERENCE_PIECES, seed: 1, database });
    expect(other.events).not.toEqual(trip.events);
    expect(other.outcome.order.status).toBe(201);
  });
});
