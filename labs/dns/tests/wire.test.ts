/**
 * Stage wire: the authoritative core on a real UDP socket, queried by a
 * resolver nobody here wrote — Node's own (c-ares), through node:dns.
 * Listens on 127.0.0.1 only; every socket is closed after each test.
 */
import { createSocket, type Socket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { LabAssertionError, toHex } from '@lab-kit';
import { decodeMessage, encodeMessage } from '@impl/message.ts';
import { listenUdp } from '@impl/udp-server.ts';
import type { UdpServer, Zone } from '@impl/server-types.ts';
import { createQuery, type Message, type ResourceRecord } from '@impl/message-types.ts';
import { SHOP_ZONE } from './fixtures/shop-zone.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((close) => close()));
});

/** The learner's server on 127.0.0.1, and Node's resolver pointed at it. */
async function start(): Promise<{ server: UdpServer; resolver: Resolver }> {
  const server = await listenUdp(SHOP_ZONE, { host: '127.0.0.1', port: 0 });
  cleanups.push(() => server.close());
  expect(server.port, 'listenUdp resolves with the port the system chose').toBeGreaterThan(0);
  // One try with a 1 s timeout: a server that does not answer fails the test quickly.
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([`127.0.0.1:${server.port}`]);
  return { server, resolver };
}

/** Runs a node:dns call; a rejection becomes a message naming the error code Node gave. */
async function nodeSays<T>(what: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new LabAssertionError(
      `${what} failed with ${code ?? String(error)}` +
        (code === 'ETIMEOUT' || code === 'ECONNREFUSED' ? ' — no reply came back: does the server send respond()’s bytes to the address and port the query came from?' : '') +
        (code === 'EBADRESP' || code === 'EFORMERR' ? ' — Node could not parse the reply; compare your encodeMessage with RFC 1035 §4.1' : ''),
      String(code),
      'an answer',
    );
  }
}

/** Sends one query from a socket of our own and returns the decoded reply (1 s at most). */
async function askRaw(port: number, name: string): Promise<{ size: number; reply: Message }> {
  const client = createSocket('udp4');
  cleanups.push(() => new Promise<void>((done) => client.close(() => done())));
  const reply = new Promise<Uint8Array>((done, fail) => {
    const timer = setTimeout(() => fail(new LabAssertionError(`no reply to ${name} A within 1 s`, 'no reply', 'a reply')), 1000);
    client.once('message', (datagram) => {
      clearTimeout(timer);
      done(new Uint8Array(datagram));
    });
  });
  client.send(encodeMessage(createQuery(0x4242, { name, type: 'A', class: 1 })), port, '127.0.0.1');
  const bytes = await reply;
  return { size: bytes.length, reply: decodeMessage(bytes).value };
}

/** Sends one query from a socket of our own, expecting no reply. */
async function sendRaw(port: number, name: string): Promise<void> {
  const client = createSocket('udp4');
  cleanups.push(() => new Promise<void>((done) => client.close(() => done())));
  const query = encodeMessage(createQuery(0x4243, { name, type: 'A', class: 1 }));
  await new Promise<void>((done, fail) => client.send(query, port, '127.0.0.1', (error) => (error ? fail(error) : done())));
}

/** A zone where x.shop.example's 30 A records make a reply of exactly 512 bytes, and xy.shop.example's one of 513. */
function bigZone(): Zone {
  const set = (name: string): ResourceRecord[] => Array.from({ length: 30 }, (_, i) => ({ name, type: 'A', class: 1, ttl: 60, data: `192.0.2.${i + 1}` }));
  // Each answer is a 2-byte pointer, 10 bytes of fields and 4 of address: 12 + (16 + 4) + 30 × 16 = 512.
  return { origin: SHOP_ZONE.origin, records: [...SHOP_ZONE.records, ...set('x.shop.example'), ...set('xy.shop.example')] };
}

describe('listenUdp, queried by Node’s resolver', () => {
  it('answers resolve4 with both A records of api.shop.example', async () => {
    const { resolver } = await start();
    const addresses = await nodeSays('resolver.resolve4("api.shop.example")', resolver.resolve4('api.shop.example'));
    expect(addresses.sort(), 'node:dns resolve4 through your server (RFC 1035 §4.2.1: one query, one reply datagram)').toEqual(['192.0.2.81', '192.0.2.82']);
  });

  it('answers resolve6 with the AAAA record (RFC 3596)', async () => {
    const { resolver } = await start();
    expect(await nodeSays('resolver.resolve6("api.shop.example")', resolver.resolve6('api.shop.example')), 'node:dns resolve6').toEqual(['2001:db8:0:1::81']);
  });

  it('answers resolveCname, and resolve4 through an in-zone CNAME', async () => {
    const { resolver } = await start();
    expect(await nodeSays('resolver.resolveCname("www.shop.example")', resolver.resolveCname('www.shop.example')), 'node:dns resolveCname').toEqual(['shop.gslb.example']);
    const viaAlias = await nodeSays('resolver.resolve4("store.shop.example")', resolver.resolve4('store.shop.example'));
    expect(viaAlias.sort(), 'store.shop.example CNAME api.shop.example, followed by your server').toEqual(['192.0.2.81', '192.0.2.82']);
  });

  it("makes Node report ENOTFOUND for a missing name (NXDOMAIN) and ENODATA for a missing type", async () => {
    const { resolver } = await start();
    const code = (call: Promise<unknown>) => call.then(() => 'an answer', (error: { code?: string }) => error.code);
    expect(await code(resolver.resolve4('nope.shop.example')), 'c-ares maps RCODE 3 to ENOTFOUND').toBe('ENOTFOUND');
    expect(await code(resolver.resolve6('ns1.shop.example')), 'NOERROR with no answer is ENODATA').toBe('ENODATA');
  });

  it('keeps serving after a datagram of garbage', async () => {
    const { server, resolver } = await start();
    const client = createSocket('udp4');
    cleanups.push(() => new Promise<void>((done) => client.close(() => done())));
    await new Promise<void>((done, fail) => client.send(Uint8Array.from([1, 2, 3]), server.port, '127.0.0.1', (error) => (error ? fail(error) : done())));
    expect((await nodeSays('resolve4 after garbage', resolver.resolve4('api.shop.example'))).length, 'the server is still up').toBe(2);
  });

  it('sends a 512-byte reply whole, and a 513-byte one as header and question with TC set (RFC 1035 §4.2.1)', async () => {
    const server = await listenUdp(bigZone(), { host: '127.0.0.1', port: 0 });
    cleanups.push(() => server.close());
    const fits = await askRaw(server.port, 'x.shop.example');
    expect({ size: fits.size, tc: fits.reply.tc, answers: fits.reply.answers.length }, 'UDP carries 512 bytes of DNS message (RFC 1035 §2.3.4)').toEqual({ size: 512, tc: false, answers: 30 });
    const over = await askRaw(server.port, 'xy.shop.example');
    expect(
      { tc: over.reply.tc, answers: over.reply.answers.length, questions: over.reply.questions },
      'one byte too many: TC set, only the question, so the client retries over TCP (RFC 2181 §9)',
    ).toEqual({ tc: true, answers: 0, questions: [{ name: 'xy.shop.example', type: 'A', class: 1 }] });
  });

  it('keeps serving when respond throws (here: a record whose TTL cannot be encoded)', async () => {
    const broken: Zone = { origin: SHOP_ZONE.origin, records: [...SHOP_ZONE.records, { name: 'bad.shop.example', type: 'A', class: 1, ttl: 2 ** 32, data: '192.0.2.9' }] };
    const server = await listenUdp(broken, { host: '127.0.0.1', port: 0 });
    cleanups.push(() => server.close());
    // Sent without waiting for a reply that must not come: loopback keeps the order, so the server meets it first.
    await sendRaw(server.port, 'bad.shop.example');
    expect((await askRaw(server.port, 'api.shop.example')).reply.answers.length, 'a throw costs one reply, never the server').toBe(2);
  });

  it('decodes the exact query Node sends (with your decodeMessage)', async () => {
    // A one-shot server made here: catch Node's query, answer REFUSED by hand, keep the bytes.
    const catcher: Socket = createSocket('udp4');
    cleanups.push(() => new Promise<void>((done) => catcher.close(() => done())));
    const port = await new Promise<number>((done) => catcher.bind(0, '127.0.0.1', () => done(catcher.address().port)));
    const captured = new Promise<Uint8Array>((done) => {
      catcher.once('message', (datagram, peer) => {
        const query = new Uint8Array(datagram);
        const refused = query.slice(0, 12);
        refused[2] = 0x80 | (query[2]! & 0x79); // QR, keep OPCODE and RD
        refused[3] = 0x05; // RCODE REFUSED
        refused.fill(0, 4, 12); // no records in any section
        catcher.send(refused, peer.port, peer.address);
        done(query);
      });
    });
    const resolver = new Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([`127.0.0.1:${port}`]);
    await resolver.resolve4('www.shop.example').catch(() => undefined);
    const bytes = await captured;
    // Node picks a random id: leave it out of messages, so the same code gets the same result every run.
    const shown = `?? ?? ${toHex(bytes.subarray(2))} (?? ?? is Node's random id)`;

    let message: Message;
    try {
      message = decodeMessage(bytes).value;
    } catch (error) {
      throw new LabAssertionError(`your decodeMessage could not read Node's query ${shown}: ${(error as Error).message}`, String(error), 'a message');
    }
    expect(
      { qr: message.qr, opcode: message.opcode, rd: message.rd, questions: message.questions },
      `Node's query ${shown}; any EDNS OPT record in it decodes as TYPE41, RFC 6891`,
    ).toEqual({ qr: false, opcode: 0, rd: true, questions: [{ name: 'www.shop.example', type: 'A', class: 1 }] });
  });
});
