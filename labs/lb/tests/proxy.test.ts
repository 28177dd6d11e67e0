/**
 * Stage proxy (node): your reverse proxy in front of three real node:http
 * backends on 127.0.0.1. One is killed mid-run and restarted; one hangs; one
 * resets connections. Idempotent requests must reach a live backend exactly
 * once; POSTs must never be sent twice. The client counts errors; latency is
 * left out on purpose, so the same code always gets the same report (the
 * bench prints the reference's p99 for the same scenario).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProxy } from '@impl/proxy.ts';
import { SLOW_BODY_MS, send, type Outcome, type TestBackend } from './fixtures/backends.ts';
import { killAndRestart, methodOf, startRig, type Rig } from './fixtures/kill-restart.ts';

const SEE = 'the chapter, "Layer 7: retries and idempotency"; RFC 9110 §9.2.2';

let rig: Rig | undefined;
let backends: TestBackend[] = [];
let origin = '';

afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function startProxy(timeoutMs = 300): Promise<Rig> {
  rig = await startRig((origins) => createProxy({ backends: origins, timeoutMs }));
  ({ backends, origin } = rig);
  return rig;
}

/** Every request id each backend saw, and how many times. */
function timesSeen(): Map<string, number> {
  const count = new Map<string, number>();
  for (const b of backends) for (const s of b.seen) count.set(s.id, (count.get(s.id) ?? 0) + 1);
  return count;
}

const summary = (outcomes: Outcome[]) => `${outcomes.filter((o) => o.status !== 200).length} errors in ${outcomes.length} requests`;

describe('reverse proxy over real backends', () => {
  it('passes method, path, body and status through, and spreads requests round robin', async () => {
    await startProxy();
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 6; i++) outcomes.push(await send(origin, 'GET', `/search?q=${i}`, `g${i}`));
    expect(outcomes.map((o) => o.body), SEE).toEqual(['b1 GET /search?q=0', 'b2 GET /search?q=1', 'b3 GET /search?q=2', 'b1 GET /search?q=3', 'b2 GET /search?q=4', 'b3 GET /search?q=5']);
    const post = await send(origin, 'POST', '/orders', 'p1', '{"sku":42}');
    expect(post.status).toBe(200);
    expect(backends[0]!.seen.at(-1), 'the POST reached b1 with its body and request id').toMatchObject({ method: 'POST', url: '/orders', id: 'p1', body: '{"sku":42}' });
    expect(post.headers['x-backend'], 'response headers come back to the client').toBe('b1');
  });

  it('loses no GET when a backend is killed mid-run and restarted, and sends each to a live backend once', async () => {
    const { outcomes } = await killAndRestart(await startProxy(), 60);
    const gets = outcomes.filter((o) => o.id.startsWith('g'));
    expect(gets.filter((o) => o.status !== 200).map((o) => `${o.id}: ${o.status} ${o.body}`), `${summary(gets)} (GETs); a refused GET is retried on the next backend; ${SEE}`).toEqual([]);
    const seen = timesSeen();
    expect([...seen].filter(([, n]) => n !== 1), 'request ids seen more than once by the backends').toEqual([]);
    expect(gets.filter((o) => !seen.has(o.id)).map((o) => o.id), 'GETs that reached no backend').toEqual([]);
    expect(backends[1]!.seen.some((s) => Number(s.id.slice(1)) >= 40), 'b2 gets requests again after its restart').toBe(true);
  });

  it('in the same run, answers 502 to exactly the POSTs whose turn fell on the dead backend, and never sends a POST twice', async () => {
    const { outcomes } = await killAndRestart(await startProxy(), 60);
    const posts = outcomes.filter((o) => o.id.startsWith('p'));
    expect(posts.length, 'the scenario sends a POST every fifth request').toBe(outcomes.filter((_, i) => methodOf(i) === 'POST').length);
    const seen = timesSeen();
    // Round robin, one turn per attempt: b2 is down for requests 20–39, where a GET that meets it takes two turns, so every fifth request lands on b2.
    expect(posts.filter((o) => o.status !== 200).map((o) => `${o.id}: ${o.status}`), `${summary(posts)} (POSTs); a POST whose backend is down gets 502 and no retry; ${SEE}`).toEqual(['p24: 502', 'p29: 502', 'p34: 502', 'p39: 502']);
    expect(posts.filter((o) => (seen.get(o.id) ?? 0) !== (o.status === 200 ? 1 : 0)).map((o) => `${o.id}: ${o.status}, seen ${seen.get(o.id) ?? 0} times`), 'every answered POST reached one backend once, every refused one none').toEqual([]);
  });

  it('never retries a POST: a killed backend gives 502, and the POST reaches no backend twice', async () => {
    await startProxy();
    await backends[0]!.kill();
    const post = await send(origin, 'POST', '/orders', 'p1', '{"sku":42}');
    expect(post.status, `a POST whose backend is down gets 502 Bad Gateway; ${SEE}`).toBe(502);
    expect(backends.flatMap((b) => b.seen.map((s) => `${b.name} ${s.id}`)), 'no other backend received the POST').toEqual([]);
    const next = await send(origin, 'POST', '/orders', 'p2', '{"sku":43}');
    expect(next.body, 'the next request goes to the next backend in turn').toBe('b2 POST /orders');
  });

  it('retries a GET but not a POST when a backend resets the connection after reading the request', async () => {
    await startProxy();
    backends[0]!.mode = 'reset';
    const get = await send(origin, 'GET', '/cart', 'g1');
    expect(get.body, 'the reset GET is retried on b2').toBe('b2 GET /cart');
    const post = await send(origin, 'POST', '/orders', 'p1');
    expect(post.body, 'b3 takes the next turn').toBe('b3 POST /orders');
    const second = await send(origin, 'POST', '/orders', 'p2');
    expect(second.status, `b1 read the POST and reset: it may have placed the order, so 502, not a second try; ${SEE}`).toBe(502);
    expect(timesSeen().get('p2'), 'backends that received p2').toBe(1);
  });

  it('gives up on a backend that does not answer within the timeout, and retries a GET elsewhere', async () => {
    await startProxy(200);
    backends[0]!.mode = 'hang';
    const get = await send(origin, 'GET', '/slow', 'g1');
    expect(get.body, 'b1 hangs; after 200 ms the GET goes to b2').toBe('b2 GET /slow');
    const post = await send(origin, 'POST', '/orders', 'p1');
    expect(post.body).toBe('b3 POST /orders');
    const hung = await send(origin, 'POST', '/orders', 'p2');
    expect(hung.status, 'a POST to the hanging b1 times out with 502').toBe(502);
    expect(hung.body, 'the 502 says which backend did not answer').toContain(backends[0]!.origin);
  });

  it('fails over at once when a backend refuses the connection, without waiting out the timeout', async () => {
    // A minute's timeout: a refused connection must be seen as the error it is, not as silence.
    await startProxy(60_000);
    await backends[0]!.kill();
    const post = await send(origin, 'POST', '/orders', 'p1');
    expect(post.status, 'b1 refuses: 502 for the POST straight away').toBe(502);
    const get = await send(origin, 'GET', '/cart', 'g1');
    expect(get.body, 'the GET meets b2 first; b1 is not tried again').toBe('b2 GET /cart');
  });

  it('times only the wait for the response headers: a body that takes longer than the timeout comes through whole', async () => {
    await startProxy(SLOW_BODY_MS / 4);
    backends[0]!.mode = 'slow-body';
    const get = await send(origin, 'GET', '/report', 'g1');
    expect(`${get.status} ${get.body}`, `b1 sent its headers at once and its body ${SLOW_BODY_MS} ms later`).toBe('200 b1 GET /report');
  });

  it('works with the default timeout when none is given', async () => {
    rig = await startRig((origins) => createProxy({ backends: origins }));
    const get = await send(rig.origin, 'GET', '/', 'g1');
    expect(get.body).toBe('b1 GET /');
  });

  it('forwards end-to-end headers and drops hop-by-hop ones (RFC 9110 §7.6.1)', async () => {
    await startProxy();
    const hopByHop = { 'keep-alive': 'timeout=5', 'proxy-connection': 'keep-alive', te: 'trailers', upgrade: 'h2c' };
    await send(origin, 'GET', '/', 'g1', undefined, { ...hopByHop, 'x-shop': 'eu' });
    const seen = backends[0]!.seen[0]!.headers;
    expect(seen['x-shop'], 'an end-to-end header reaches the backend').toBe('eu');
    expect(Object.keys(hopByHop).filter((name) => seen[name] !== undefined), 'hop-by-hop headers the backend received').toEqual([]);
  });

  it('retries every idempotent method (PUT, DELETE, HEAD, OPTIONS, TRACE), but not PATCH', async () => {
    await startProxy();
    backends[0]!.mode = 'reset';
    backends[1]!.mode = 'reset';
    // Each request starts at b1: b1 and b2 reset, so only a second retry reaches b3.
    for (const method of ['PUT', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE']) {
      const outcome = await send(origin, method, '/cart/7', method);
      expect(outcome.status, `${method} is idempotent (RFC 9110 §9.2.2): tried on b1, b2, then b3`).toBe(200);
    }
    const patch = await send(origin, 'PATCH', '/cart/7', 'patch');
    expect(patch.status, 'PATCH is not idempotent: 502 after b1 resets').toBe(502);
    expect(patch.body, 'the 502 says which backend failed').toContain(backends[0]!.origin);
  });

  it('answers 502 when every backend is down, and refuses an empty backend list', async () => {
    await startProxy();
    await Promise.all(backends.map((b) => b.kill()));
    const get = await send(origin, 'GET', '/', 'g1');
    expect(get.status).toBe(502);
    expect(get.headers['content-type'], 'a 502 with a body says what the body is (RFC 9110 §8.3)').toMatch(/^text\//);
    for (const b of backends) expect(get.body, 'the 502 names every backend that failed').toContain(b.origin);
    expect(() => createProxy({ backends: [] })).toThrow(/createProxy: needs at least one backend/);
  });
});
