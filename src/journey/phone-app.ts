/**
 * The shopper's phone: look the shop up, connect, secure the connection with
 * the https piece's TlsClient, search (answered by the edge), then order
 * (answered by a web server behind the director, after the RPC and the CAS).
 */
import type { HttpRequest, HttpResponse } from '../../labs/cdn/given/http.ts';
import type { Jobs } from './async-driver.ts';
import { stubLookup, SHOP_NAME } from './dns-service.ts';
import { SUGGEST_URL } from './edge-service.ts';
import { formatRequest, parseResponse } from './http-text.ts';
import { ITEM } from './inventory-service.ts';
import type { IpHost } from './ip-host.ts';
import type { PieceSet } from './pieces.ts';
import { Serial } from './serial.ts';
import { concat } from '../../labs/https/given/bytes.ts';
import { recordedSession } from './tls-server.ts';
import type { TimelineRecorder } from './timeline.ts';

/** What the phone got back. */
export interface PhoneOutcome {
  edgeAddress: string;
  suggestions: HttpResponse;
  order: HttpResponse;
}

/** The order the shopper places; the key makes a retried POST safe. */
export const ORDER = { sku: ITEM.sku, quantity: 1, key: 'order-7f3a' } as const;

/** How the shopper behaves. */
export interface ShopperOptions {
  /** Time spent reading the suggestions before ordering, in simulated ms. */
  readingMs?: number;
}

/** The most times the phone sends the order: the first, and retries after a 504. */
export const ORDER_ATTEMPTS = 3;

/** Runs the shopper's side of the trip. */
export async function shop(phone: IpHost, pieces: PieceSet, jobs: Jobs, timeline: TimelineRecorder, schedule: (ms: number, fn: () => void) => void, options: ShopperOptions = {}): Promise<PhoneOutcome> {
  timeline.begin('dns');
  const edgeAddress = await stubLookup(phone, pieces, SHOP_NAME, schedule);
  timeline.note(phone.device.name, 'application', `${SHOP_NAME} is ${edgeAddress}`, 'dns');

  let connection = await connectSecurely(phone, edgeAddress, pieces, jobs, timeline);

  timeline.begin('edge');
  const suggestions = await connection.exchange({ method: 'GET', url: SUGGEST_URL, headers: {} });
  timeline.note(phone.device.name, 'application', `suggestions ${suggestions.body} (age ${suggestions.headers['age'] ?? '0'} s)`);

  if (options.readingMs) {
    timeline.finish();
    timeline.note(phone.device.name, 'application', `the shopper reads the suggestions for ${options.readingMs / 1000} s`);
    await new Promise<void>((resolve) => schedule(options.readingMs!, resolve));
  }
  if (connection.ended()) {
    timeline.note(phone.device.name, 'transport', 'the edge closed the connection while it was idle: the order needs a new one, TCP and TLS again', 'tcp');
    connection = await connectSecurely(phone, edgeAddress, pieces, jobs, timeline);
  }

  let order: HttpResponse;
  for (let attempt = 1; ; attempt++) {
    timeline.begin('balancer');
    order = await connection.exchange({ method: 'POST', url: `https://${SHOP_NAME}/orders`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(ORDER) });
    timeline.note(phone.device.name, 'application', `order answered ${order.status}: ${order.body}`);
    if (order.status !== 504 || attempt === ORDER_ATTEMPTS) break;
    // A 504 says nothing about whether the order was placed; only the idempotency key makes asking again safe.
    timeline.note(phone.device.name, 'application', `504: the order may or may not have been placed; it carries idempotency key ${ORDER.key}, so the phone sends it again (attempt ${attempt + 1})`);
  }
  timeline.finish();
  return { edgeAddress, suggestions, order };
}

/** A TLS connection to the edge, over which one request at a time is answered. */
interface SecureConnection {
  exchange(request: HttpRequest): Promise<HttpResponse>;
  /** True once the edge closed the connection (its FIN arrived). */
  ended(): boolean;
}

/** Connects to the edge (the TCP phase) and secures the connection with the https piece's TlsClient (the TLS phase). */
async function connectSecurely(phone: IpHost, edgeAddress: string, pieces: PieceSet, jobs: Jobs, timeline: TimelineRecorder): Promise<SecureConnection> {
  timeline.begin('tcp');
  const socket = phone.connect({ ip: edgeAddress, port: 443 });
  // A new connection replays the recorded session (same random and key share), so the scripted edge can answer it too.
  const session = await recordedSession();
  const { TlsClient } = pieces.https.modules['client.ts'];
  const tls = new TlsClient({ serverName: session.serverName, random: session.random, privateKey: session.privateKey, trustAnchors: [session.trustAnchor], now: session.now });
  const serial = new Serial();
  let plaintext: Uint8Array = new Uint8Array(0);
  let waiting: (() => void) | undefined;
  let connected = false;
  let ended = false;
  let secured: () => void = () => undefined;
  const securedPromise = new Promise<void>((resolve) => (secured = resolve));
  const opened = new Promise<void>((resolve) => {
    socket.handlers.onOpen = resolve;
  });
  socket.handlers.onData = (bytes) => {
    jobs.watch(serial.run(async () => {
      const out = await jobs.track(tls.receive(bytes));
      if (out.send.length > 0) socket.write(out.send);
      if (tls.state === 'connected' && !connected) {
        connected = true;
        timeline.note(phone.device.name, 'security', `server certificate verified for ${session.serverName}, Finished checked: TLS 1.3 connected`, 'https');
        secured();
      }
      if (tls.state === 'closed') throw new Error(`TLS closed: ${tls.closure?.reason ?? 'no reason given'}`);
      plaintext = concat(plaintext, out.received);
      waiting?.();
    }));
  };
  socket.handlers.onEnd = () => {
    ended = true;
    timeline.note(phone.device.name, 'transport', `the edge closed the connection (FIN): the phone closes its side too`, 'tcp');
    socket.close();
  };
  await opened;
  timeline.note(phone.device.name, 'transport', `TCP connected to ${edgeAddress}:443`, 'tcp');

  timeline.begin('tls');
  socket.write(await serial.run(() => jobs.track(tls.start())));
  await securedPromise;

  return {
    ended: () => ended,
    exchange: async (request) => {
      socket.write(await serial.run(() => jobs.track(tls.write(formatRequest(request)))));
      for (;;) {
        const parsed = parseResponse(plaintext);
        if (parsed) {
          plaintext = parsed.rest;
          return parsed.response;
        }
        await new Promise<void>((resolve) => (waiting = resolve));
      }
    },
  };
}
