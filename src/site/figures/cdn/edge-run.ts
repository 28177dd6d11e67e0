/**
 * A run of the CDN lab's reference edge, for the chapter's step-through:
 * three shoppers ask an edge for the search suggestions; the edge asks a
 * regional shield (the same reference Edge under another name), which asks an
 * origin scripted here. Simulated time, fixed link delays; every decision —
 * miss, collapse, hit, revalidation, Age, Cache-Status — is the solution's.
 */
import { Edge } from '../../../../labs/cdn/solution/edge.ts';
import type { HttpRequest, HttpResponse } from '../../../../labs/cdn/given/http.ts';
import type { EdgeEvent } from '../../../../labs/cdn/given/edge-types.ts';

/** The places a message travels between. */
export type Place = 'a' | 'b' | 'c' | 'edge' | 'shield' | 'origin';

/** One message delivered, with what its receiver did about it. */
export interface Delivery {
  /** Arrival time, ms after the first request. */
  readonly at: number;
  readonly from: Place;
  readonly to: Place;
  readonly request?: HttpRequest;
  readonly response?: HttpResponse;
  /** For a request reaching a cache: served from it, sent on as a miss or a revalidation, or held for a fetch already in flight. */
  readonly outcome?: 'hit' | 'miss' | 'revalidate' | 'collapsed';
}

/** One shopper's request: who, and when (ms). */
export interface ShopperRequest {
  readonly shopper: 'a' | 'b' | 'c';
  readonly at: number;
}

/** One-way delays (ms) of each link, and the origin's time to answer. */
export const DELAYS = { shopperEdge: 8, edgeShield: 25, shieldOrigin: 40, originWork: 15 } as const;

/** The URL every shopper asks for. */
export const SUGGEST_URL = 'https://shop.example/api/suggest?q=a';

/** What the origin says about how long the suggestions may be cached. */
export const ORIGIN_CACHE_CONTROL = 'public, max-age=60';

/** The chapter's script: three shoppers at once, one half a minute later, then two after the response has gone stale. */
export const SCRIPT: readonly ShopperRequest[] = [
  { shopper: 'a', at: 0 },
  { shopper: 'b', at: 4 },
  { shopper: 'c', at: 11 },
  { shopper: 'b', at: 30_000 },
  { shopper: 'a', at: 75_000 },
  { shopper: 'c', at: 80_000 },
];

/** The origin: a 200 with an ETag, or a 304 when the request already has that ETag. */
function origin(request: HttpRequest, now: number): HttpResponse {
  const headers = { date: new Date(now).toUTCString(), 'cache-control': ORIGIN_CACHE_CONTROL, etag: '"s1"' };
  if (request.headers['if-none-match'] === '"s1"') return { status: 304, headers, body: '' };
  return { status: 200, headers: { ...headers, 'content-type': 'application/json' }, body: '["apple","avocado","apricot"]' };
}

/** Runs the script through edge → shield → origin and returns every delivery in time order. */
export function runEdgeHierarchy(script: readonly ShopperRequest[] = SCRIPT, start = Date.UTC(2026, 0, 15, 12, 0, 0)): Delivery[] {
  const edge = new Edge({ name: 'edge', maxBytes: 1 << 20 });
  const shield = new Edge({ name: 'shield', maxBytes: 1 << 24 });
  const queue: { at: number; seq: number; run: () => void }[] = [];
  const deliveries: Delivery[] = [];
  let seq = 0;
  const later = (at: number, run: () => void) => queue.push({ at, seq: seq++, run });

  // Who each cache's client numbers and fetch numbers stand for.
  const edgeClients = new Map<number, Place>();
  const shieldClients = new Map<number, number>(); // shield client → edge fetch
  let nextClient = 1;

  const outcome = (events: EdgeEvent[]): Delivery['outcome'] => {
    if (events.some((e) => e.type === 'respond')) return 'hit';
    const fetch = events.find((e) => e.type === 'fetch');
    if (!fetch) return 'collapsed';
    return fetch.request.headers['if-none-match'] !== undefined ? 'revalidate' : 'miss';
  };

  const fromEdge = (events: EdgeEvent[], now: number) => {
    for (const e of events) {
      if (e.type === 'respond') {
        const to = edgeClients.get(e.client)!;
        later(now + DELAYS.shopperEdge, () => deliveries.push({ at: now + DELAYS.shopperEdge, from: 'edge', to, response: e.response }));
      } else {
        const at = now + DELAYS.edgeShield;
        later(at, () => {
          const client = nextClient++;
          shieldClients.set(client, e.fetch);
          const out = shield.request(client, e.request, start + at);
          deliveries.push({ at, from: 'edge', to: 'shield', request: e.request, outcome: outcome(out) });
          fromShield(out, at);
        });
      }
    }
  };

  const fromShield = (events: EdgeEvent[], now: number) => {
    for (const e of events) {
      if (e.type === 'respond') {
        const at = now + DELAYS.edgeShield;
        const fetch = shieldClients.get(e.client)!;
        later(at, () => {
          deliveries.push({ at, from: 'shield', to: 'edge', response: e.response });
          fromEdge(edge.response(fetch, e.response, start + at), at);
        });
      } else {
        const arrive = now + DELAYS.shieldOrigin;
        later(arrive, () => {
          deliveries.push({ at: arrive, from: 'shield', to: 'origin', request: e.request });
          const answer = origin(e.request, start + arrive + DELAYS.originWork);
          const back = arrive + DELAYS.originWork + DELAYS.shieldOrigin;
          later(back, () => {
            deliveries.push({ at: back, from: 'origin', to: 'shield', response: answer });
            fromShield(shield.response(e.fetch, answer, start + back), back);
          });
        });
      }
    }
  };

  for (const { shopper, at } of script) {
    const arrive = at + DELAYS.shopperEdge;
    later(arrive, () => {
      const client = nextClient++;
      edgeClients.set(client, shopper);
      const request: HttpRequest = { method: 'GET', url: SUGGEST_URL, headers: { accept: 'application/json' } };
      const out = edge.request(client, request, start + arrive);
      deliveries.push({ at: arrive, from: shopper, to: 'edge', request, outcome: outcome(out) });
      fromEdge(out, arrive);
    });
  }

  // The edges work in absolute time (`start + at`); the queue in ms from the start. Bounded: each delivery schedules at most a few more.
  for (let i = 0; queue.length && i < 10_000; i++) {
    queue.sort((x, y) => x.at - y.at || x.seq - y.seq);
    queue.shift()!.run();
  }
  return deliveries;
}
