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

/** Runs the shopper's side of the trip. */
export async function shop(phone: IpHost, pieces: PieceSet, jobs: Jobs, timeline: TimelineRecorder, schedule: (ms: number, fn: () => void) => void): Promise<PhoneOutcome> {
  timeline.begin('dns');
  const edgeAddress = await stubLookup(phone, pieces, SHOP_NAME, schedule);
  timeline.note(phone.device.name, 'application', `${SHOP_NAME} is ${edgeAddress}`, 'dns');

  timeline.begin('tcp');
  const socket = phone.connect({ ip: edgeAddress, port: 443 });
  const session = await recordedSession();
  const { TlsClient } = pieces.https.modules['client.ts'];
  const tls = new TlsClient({ serverName: session.serverName, random: session.random, privateKey: session.privateKey, trustAnchors: [session.trustAnchor], now: session.now });
  const serial = new Serial();
  let plaintext: Uint8Array = new Uint8Array(0);
  let waiting: (() => void) | undefined;
  let connected = false;
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
        timeline.note(phone.device.name, 'security', 'server certificate for shop.example verified, Finished checked: TLS 1.3 connected', 'https');
        secured();
      }
      if (tls.state === 'closed') throw new Error(`TLS closed: ${tls.closure?.reason ?? 'no reason given'}`);
      plaintext = concat(plaintext, out.received);
      waiting?.();
    }));
  };
  await opened;
  timeline.note(phone.device.name, 'transport', `TCP connected to ${edgeAddress}:443`, 'tcp');

  timeline.begin('tls');
  socket.write(await serial.run(() => jobs.track(tls.start())));
  await securedPromise;

  const exchange = async (request: HttpRequest): Promise<HttpResponse> => {
    socket.write(await serial.run(() => jobs.track(tls.write(formatRequest(request)))));
    for (;;) {
      const parsed = parseResponse(plaintext);
      if (parsed) {
        plaintext = parsed.rest;
        return parsed.response;
      }
      await new Promise<void>((resolve) => (waiting = resolve));
    }
  };

  timeline.begin('edge');
  const suggestions = await exchange({ method: 'GET', url: SUGGEST_URL, headers: {} });
  timeline.note(phone.device.name, 'application', `suggestions ${suggestions.body} (age ${suggestions.headers['age'] ?? '0'} s)`);

  timeline.begin('balancer');
  const order = await exchange({ method: 'POST', url: 'https://shop.example/orders', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ORDER) });
  timeline.note(phone.device.name, 'application', `order answered ${order.status}: ${order.body}`);
  timeline.finish();
  return { edgeAddress, suggestions, order };
}
