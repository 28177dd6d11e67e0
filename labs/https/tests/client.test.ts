/**
 * Stage client: the TLS 1.3 client state machine (RFC 8446 §2, Appendix A.1),
 * sans-I/O. It replays a handshake recorded with OpenSSL (node:tls) with the same
 * injected random and key share, so every byte it sends must be the byte OpenSSL
 * accepted; then it meets servers that cheat, forged by the tests' own WebCrypto
 * code with OpenSSL's key log, and must answer each with the right alert.
 */
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { Alert } from '@impl/alerts.ts';
import { TlsClient } from '@impl/client.ts';
import type { TlsClientOptions } from '@impl/client-types.ts';
import { expandLabel, keysOf, openRecord, sealRecord } from './fixtures/reference-tls.ts';
import { loadSession, type Session } from './fixtures/session.ts';
import { REQUEST_TEXT, RESPONSE_TEXT } from './fixtures/http.ts';

const SEE = 'RFC 8446 Appendix A.1 (client state machine)';
const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => Array.from(p)));

function clientFor(s: Session, overrides: Partial<TlsClientOptions> = {}): TlsClient {
  return new TlsClient({ serverName: s.serverName, random: s.random, privateKey: s.privateKey, trustAnchors: [s.trustAnchor], now: s.now, ...overrides });
}

/** The server's records up to its Finished, and the rest (tickets, the response, close_notify). */
function splitServer(s: Session): { handshake: Uint8Array; rest: Uint8Array } {
  const end = s.firstProtected + s.flightRecords;
  return { handshake: concat(...s.serverRecords.slice(0, end)), rest: concat(...s.serverRecords.slice(end)) };
}

/** The records before the encrypted flight (ServerHello, maybe a change_cipher_spec), plus a forged flight. */
async function forgedFlight(s: Session, messages: Uint8Array[]): Promise<Uint8Array> {
  const keys = await keysOf(s.secrets.serverHandshake);
  return concat(...s.serverRecords.slice(0, s.firstProtected), await sealRecord(keys, 0, 22, concat(...messages)));
}

/** A server Finished that matches a forged flight (RFC 8446 §4.4.4), computed with WebCrypto from OpenSSL's key log. */
async function refinished(s: Session, flight: Uint8Array[]): Promise<Uint8Array> {
  const finishedKey = await expandLabel(s.secrets.serverHandshake, 'finished', new Uint8Array(0), 32);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', concat(s.clientHello, s.serverHello, ...flight.slice(0, 3))));
  const key = await crypto.subtle.importKey('raw', new Uint8Array(finishedKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return message(20, new Uint8Array(await crypto.subtle.sign('HMAC', key, hash)));
}

/** Runs a started client on `serverBytes` and returns the alert it sent, decrypted if it was protected. */
async function alertSent(s: Session, client: TlsClient, serverBytes: Uint8Array, protectedAlert: boolean): Promise<number[]> {
  const out = await client.receive(serverBytes);
  expect(client.state, 'after an alert the client is closed').toBe('closed');
  expect(out.send.length, 'the client must send an alert record').toBeGreaterThan(0);
  if (!protectedAlert) {
    expect(Array.from(out.send.subarray(0, 5)), 'a plaintext alert record: type 21, version 0x0303, length 2').toEqual([21, 3, 3, 0, 2]);
    return Array.from(out.send.subarray(5));
  }
  expect(out.send[0], 'after the ServerHello every record is protected (outer type 23)').toBe(23);
  const inner = await openRecord(await keysOf(s.secrets.clientHandshake), 0, out.send);
  return Array.from(inner);
}

async function expectAlert(s: Session, serverBytes: Uint8Array, alert: [name: string, code: number], protectedAlert: boolean, why: string, overrides: Partial<TlsClientOptions> = {}) {
  const client = clientFor(s, overrides);
  await client.start();
  const sent = await alertSent(s, client, serverBytes, protectedAlert);
  expect(sent, `${why}: expected a fatal alert ${alert[0]} (${alert[1]})${protectedAlert ? ' followed by its inner content type 21' : ''} — RFC 8446 §6.2`).toEqual(protectedAlert ? [2, alert[1], 21] : [2, alert[1]]);
  expect(client.closure, 'closure says which alert ended the connection and who sent it').toMatchObject({ alert: alert[0], sentByClient: true });
}

/** A handshake message with its header. */
const message = (type: number, body: Uint8Array) => new Uint8Array([type, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff, ...body]);

describe('replaying a handshake with OpenSSL', () => {
  it('start() sends the ClientHello OpenSSL received, as a plaintext handshake record', async () => {
    const s = await loadSession();
    const client = clientFor(s);
    expect(client.state).toBe('start');
    expectBytes(await client.start(), s.clientRecords[0]!, { what: 'the ClientHello record', see: `${SEE}; RFC 8446 §5.1` });
    expect(client.state, 'after sending the ClientHello').toBe('wait-server-hello');
  });

  it("answers OpenSSL's flight with the Finished OpenSSL accepted, then sends the request as OpenSSL received it", async () => {
    const s = await loadSession();
    const client = clientFor(s);
    await client.start();
    const { handshake, rest } = splitServer(s);
    const out = await client.receive(handshake);
    expect(client.closure?.reason, 'the handshake must succeed').toBeUndefined();
    expect(client.state, 'after the server Finished').toBe('connected');
    expectBytes(out.send, s.clientRecords[1]!, { what: 'the client Finished record (client handshake key, sequence 0)', see: 'RFC 8446 §4.4.4' });
    expectBytes(await client.write(text(REQUEST_TEXT)), s.clientRecords[2]!, { what: 'the request record (client application key, sequence 0)', see: 'RFC 8446 §7.1, §5.2' });
    const end = await client.receive(rest);
    expect(new TextDecoder().decode(end.received), "the shop's answer, decrypted with the server application key past two NewSessionTickets").toBe(RESPONSE_TEXT);
    expect(client.closure, 'OpenSSL ends with close_notify (RFC 8446 §6.1)').toMatchObject({ alert: 'close_notify', sentByClient: false });
    expect(client.state).toBe('closed');
  });

  it('goes through the states of RFC 8446 Appendix A.1 as the records arrive one by one', async () => {
    const s = await loadSession();
    const client = clientFor(s);
    await client.start();
    const states: string[] = [];
    for (const record of s.serverRecords.slice(0, s.firstProtected + s.flightRecords)) {
      await client.receive(record);
      states.push(client.state);
    }
    expect(states.at(-1), `states after each record: ${states.join(', ')}`).toBe('connected');
    expect(states[0], 'after the ServerHello record').toBe('wait-encrypted-extensions');
  });

  it('gives the same bytes however the server bytes are cut into reads', async () => {
    const s = await loadSession();
    const { handshake, rest } = splitServer(s);
    /** Feeds `bytes` in reads of `size`, collecting what the client sends and receives. */
    const feed = async (client: TlsClient, bytes: Uint8Array, size: number, sent: Uint8Array[], received: Uint8Array[]) => {
      for (let at = 0; at < bytes.length; at += size) {
        const out = await client.receive(bytes.subarray(at, at + size));
        sent.push(out.send);
        received.push(out.received);
      }
    };
    for (const size of [1, 7, 100, 1000]) {
      const client = clientFor(s);
      await client.start();
      const sent: Uint8Array[] = [];
      const received: Uint8Array[] = [];
      await feed(client, handshake, size, sent, received);
      expect(client.state, `after the server's flight, read ${size} bytes at a time`).toBe('connected');
      sent.push(await client.write(text(REQUEST_TEXT)));
      await feed(client, rest, size, sent, received);
      expectBytes(concat(...sent), concat(s.clientRecords[1]!, s.clientRecords[2]!), { what: `what the client sent, reading ${size} bytes at a time`, see: 'RFC 8446 §5.1 (records and messages arrive in any pieces)' });
      expect(new TextDecoder().decode(concat(...received)), `the response, reading ${size} bytes at a time`).toBe(RESPONSE_TEXT);
    }
  });

  it('starts only once', async () => {
    const s = await loadSession();
    const client = clientFor(s);
    await client.start();
    await expect(client.start(), 'a second ClientHello on the same connection').rejects.toThrow();
  });

  it('cuts application data into records of at most 2^14 bytes (RFC 8446 §5.1)', async () => {
    const s = await loadSession();
    const client = clientFor(s);
    await client.start();
    await client.receive(splitServer(s).handshake);
    const sent = await client.write(new Uint8Array((1 << 14) + 100).fill(0x61));
    const keys = await keysOf(s.secrets.clientApplication);
    const first = await openRecord(keys, 0, sent.subarray(0, 5 + (1 << 14) + 1 + 16));
    const second = await openRecord(keys, 1, sent.subarray(5 + (1 << 14) + 1 + 16));
    expect([first.length, second.length], 'content + type byte of each record').toEqual([(1 << 14) + 1, 101]);
    expect((await client.write(new Uint8Array(1 << 14))).length, 'exactly 2^14 bytes fit one record, with no empty record after it').toBe(5 + (1 << 14) + 1 + 16);
  });

  it('close() sends close_notify under the application key and leaves the client closed', async () => {
    const s = await loadSession();
    const client = clientFor(s);
    await client.start();
    await client.receive(splitServer(s).handshake);
    const record = await client.close();
    const inner = await openRecord(await keysOf(s.secrets.clientApplication), 0, record);
    expect(Array.from(inner), 'a warning-level close_notify (1, 0), inner type alert (21) — RFC 8446 §6.1').toEqual([1, 0, 21]);
    expect(client.state).toBe('closed');
    expect(client.closure).toMatchObject({ alert: 'close_notify', sentByClient: true });
    const after = await client.receive(splitServer(s).rest);
    expect([after.send.length, after.received.length], 'nothing more in or out once closed').toEqual([0, 0]);
  });

  it('sends nothing and writes nothing before it is connected', async () => {
    const s = await loadSession();
    const client = clientFor(s);
    await client.start();
    await expect(client.write(text('too early')), 'write() before the handshake is done').rejects.toThrow();
  });

  it('refuses write() during the handshake, even once it has handshake keys', async () => {
    const s = await loadSession();
    const client = clientFor(s);
    await client.start();
    await client.receive(concat(...s.serverRecords.slice(0, s.firstProtected)));
    expect(client.state, 'after the ServerHello').toBe('wait-encrypted-extensions');
    await expect(client.write(text('too early')), 'write() after the ServerHello but before the server Finished: application data waits for the application keys (RFC 8446 §2, Appendix A.1 CONNECTED)').rejects.toThrow();
  });
});

describe('servers that cheat, and the alert each gets', () => {
  it('a changed byte in the encrypted flight: bad_record_mac', async () => {
    const s = await loadSession();
    const { handshake } = splitServer(s);
    const bad = new Uint8Array(handshake);
    bad[bad.length - 40]! ^= 0x01;
    await expectAlert(s, bad, ['bad_record_mac', 20], true, 'a bit flipped inside the protected flight');
  });

  it('a server Finished that does not match the transcript: decrypt_error', async () => {
    const s = await loadSession();
    const flight = s.flight.map((m) => new Uint8Array(m));
    flight[3]![10]! ^= 0x01;
    await expectAlert(s, await forgedFlight(s, flight), ['decrypt_error', 51], true, 'verify_data one bit off (RFC 8446 §4.4.4)');
  });

  it('a CertificateVerify whose signature does not verify, under a Finished that matches it: decrypt_error', async () => {
    const s = await loadSession();
    const flight: Uint8Array[] = s.flight.map((m) => new Uint8Array(m));
    flight[2]![flight[2]!.length - 3]! ^= 0x01;
    flight[3] = await refinished(s, flight);
    await expectAlert(s, await forgedFlight(s, flight), ['decrypt_error', 51], true, 'the signature one bit off, the Finished recomputed to match (RFC 8446 §4.4.3)');
  });

  it('a CertificateVerify with a scheme the client did not offer: illegal_parameter', async () => {
    const s = await loadSession();
    const flight = s.flight.map((m) => new Uint8Array(m));
    flight[2]!.set([0x08, 0x04], 4);
    await expectAlert(s, await forgedFlight(s, flight), ['illegal_parameter', 47], true, 'rsa_pss_rsae_sha256 was not in signature_algorithms (RFC 8446 §4.4.3)');
  });

  it('a flight without EncryptedExtensions: unexpected_message', async () => {
    const s = await loadSession();
    await expectAlert(s, await forgedFlight(s, s.flight.slice(1)), ['unexpected_message', 10], true, 'Certificate came first');
  });

  it('an EncryptedExtensions message that does not parse: decode_error', async () => {
    const s = await loadSession();
    const broken = message(8, fromHex('00 05 00'));
    await expectAlert(s, await forgedFlight(s, [broken, ...s.flight.slice(1)]), ['decode_error', 50], true, 'its extensions vector says 5 bytes and holds 1 (RFC 8446 §4.3.1, §6.2: "a message could not be decoded")');
  });

  it('a ServerHello whose x25519 key share is not 32 bytes: a fatal alert, never an exception', async () => {
    const s = await loadSession();
    const record = new Uint8Array(s.serverRecords[0]!);
    const at = record.findIndex((_, i) => [0x00, 0x33, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20].every((b, j) => record[i + j] === b));
    // Shorten the share by one byte: key_share's extension length, the share's length, then every enclosing length.
    const cut = concat(record.subarray(0, at), fromHex('00 33 00 23 00 1d 00 1f'), record.subarray(at + 8, at + 8 + 31), record.subarray(at + 8 + 32));
    const lengths: [number, number][] = [[3, 2], [6, 3], [42 + 5, 2]];
    for (const [offset, size] of lengths) {
      let value = 0;
      for (let i = 0; i < size; i++) value = value * 256 + cut[offset + i]!;
      value -= 1;
      for (let i = size - 1; i >= 0; i--, value = Math.floor(value / 256)) cut[offset + i] = value & 0xff;
    }
    const client = clientFor(s);
    await client.start();
    const sent = await alertSent(s, client, cut, false);
    const allowed: Record<number, string> = { 47: 'illegal_parameter', 50: 'decode_error', 80: 'internal_error' };
    expect(sent[0] === 2 && allowed[sent[1]!] !== undefined, `a 31-byte X25519 key share (RFC 8446 §4.2.8.2; X25519 keys are 32 bytes): expected a fatal alert illegal_parameter (47), decode_error (50) or internal_error (80), got [${sent.join(', ')}]`).toBe(true);
    expect(client.closure, 'closure names the alert the client sent').toMatchObject({ alert: allowed[sent[1]!], sentByClient: true });
  });

  it('a flight without CertificateVerify: unexpected_message', async () => {
    const s = await loadSession();
    await expectAlert(s, await forgedFlight(s, [s.flight[0]!, s.flight[1]!, s.flight[3]!]), ['unexpected_message', 10], true, 'Finished right after Certificate: the server never proved it holds the key');
  });

  it('application data before the handshake is done: unexpected_message', async () => {
    const s = await loadSession();
    const keys = await keysOf(s.secrets.serverHandshake);
    const early = concat(...s.serverRecords.slice(0, s.firstProtected), await sealRecord(keys, 0, 23, text('HTTP/1.1 200 OK\r\n\r\n')));
    await expectAlert(s, early, ['unexpected_message', 10], true, 'application data instead of EncryptedExtensions');
  });

  it("a certificate the client's trust store does not lead to: unknown_ca", async () => {
    const s = await loadSession();
    await expectAlert(s, splitServer(s).handshake, ['unknown_ca', 48], true, 'an empty trust store', { trustAnchors: [] });
  });

  it('a certificate checked two years later: certificate_expired', async () => {
    const s = await loadSession();
    await expectAlert(s, splitServer(s).handshake, ['certificate_expired', 45], true, 'the clock is two years ahead', { now: new Date(s.now.getTime() + 2 * 365 * 86_400_000) });
  });

  /** The ServerHello record with bytes replaced at an offset of the ServerHello body. */
  const serverHelloWith = (s: Session, at: number, bytes: number[]) => {
    const record = new Uint8Array(s.serverRecords[0]!);
    record.set(bytes, 9 + at);
    return record;
  };

  it('a ServerHello choosing a cipher suite the client did not offer: illegal_parameter, in plaintext', async () => {
    const s = await loadSession();
    await expectAlert(s, serverHelloWith(s, 35, [0x13, 0x02]), ['illegal_parameter', 47], false, 'TLS_AES_256_GCM_SHA384 was not offered (RFC 8446 §4.1.3)');
  });

  it('a ServerHello echoing a session id the client did not send: illegal_parameter', async () => {
    const s = await loadSession();
    const body = s.serverHello.subarray(4);
    const forged = new Uint8Array([...body.subarray(0, 34), 1, 0x42, ...body.subarray(35)]);
    const hs = message(2, forged);
    await expectAlert(s, concat(fromHex('16 03 03'), new Uint8Array([hs.length >> 8, hs.length & 0xff]), hs), ['illegal_parameter', 47], false, 'legacy_session_id_echo must equal the ClientHello\'s (RFC 8446 §4.1.3)');
  });

  it('a HelloRetryRequest for a group the client already offered: illegal_parameter', async () => {
    const s = await loadSession();
    const hrrRandom = fromHex('cf 21 ad 74 e5 9a 61 11 be 1d 8c 02 1e 65 b8 91 c2 a2 11 16 7a bb 8c 5e 07 9e 09 e2 c8 a8 33 9c');
    const body = new Uint8Array([0x03, 0x03, ...hrrRandom, 0x00, 0x13, 0x01, 0x00, 0x00, 0x0c, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, 0x00, 0x02, 0x00, 0x1d]);
    const hs = message(2, body);
    await expectAlert(s, concat(fromHex('16 03 03'), new Uint8Array([0, hs.length]), hs), ['illegal_parameter', 47], false, 'RFC 8446 §4.1.4: a HelloRetryRequest that would not change the ClientHello');
  });

  it('a ServerHello without supported_versions (a TLS 1.2 server): protocol_version', async () => {
    const s = await loadSession();
    const body = new Uint8Array([...s.serverHello.subarray(4, 38), 0x00, 0x13, 0x01, 0x00, 0x00, 0x00]);
    const hs = message(2, body);
    await expectAlert(s, concat(fromHex('16 03 03'), new Uint8Array([0, hs.length]), hs), ['protocol_version', 70], false, 'without supported_versions the server chose TLS 1.2 or older (RFC 8446 §4.2.1)');
  });

  it('a change_cipher_spec after the handshake: unexpected_message, under the application key', async () => {
    const s = await loadSession();
    const client = clientFor(s);
    await client.start();
    await client.receive(splitServer(s).handshake);
    const out = await client.receive(fromHex('14 03 03 00 01 01'));
    const inner = await openRecord(await keysOf(s.secrets.clientApplication), 0, out.send);
    expect(Array.from(inner), 'RFC 8446 §5: change_cipher_spec only during the handshake').toEqual([2, 10, 21]);
    expect(client.closure).toMatchObject({ alert: 'unexpected_message', sentByClient: true });
  });

  it('a change_cipher_spec that is not the single byte 1: unexpected_message', async () => {
    const s = await loadSession();
    const ccs = fromHex('14 03 03 00 01 02');
    await expectAlert(s, concat(s.serverRecords[0]!, ccs), ['unexpected_message', 10], true, 'RFC 8446 §5: its only content is 0x01');
  });

  it('a protected record before the ServerHello: unexpected_message, in plaintext', async () => {
    const s = await loadSession();
    await expectAlert(s, s.serverRecords[s.firstProtected]!, ['unexpected_message', 10], false, 'no keys exist before the ServerHello');
  });

  it('a ServerHello without key_share: missing_extension', async () => {
    const s = await loadSession();
    const body = new Uint8Array([...s.serverHello.subarray(4, 38), 0x00, 0x13, 0x01, 0x00, 0x00, 0x06, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04]);
    const hs = message(2, body);
    await expectAlert(s, concat(fromHex('16 03 03'), new Uint8Array([0, hs.length]), hs), ['missing_extension', 109], false, 'RFC 8446 §4.2.8: a ServerHello answering a key_share carries one');
  });

  it('a ServerHello whose key share is for another group: illegal_parameter', async () => {
    const s = await loadSession();
    const record = new Uint8Array(s.serverRecords[0]!);
    const at = record.findIndex((_, i) => [0x00, 0x33, 0x00, 0x24, 0x00, 0x1d].every((b, j) => record[i + j] === b));
    record[at + 5] = 0x17;
    await expectAlert(s, record, ['illegal_parameter', 47], false, 'secp256r1 (0x0017) was not offered');
  });

  it('handshake bytes after the ServerHello in its record: unexpected_message', async () => {
    const s = await loadSession();
    const hello = s.serverRecords[0]!;
    const record = concat(fromHex('16 03 03'), new Uint8Array([(hello.length - 4) >> 8, (hello.length - 4) & 0xff]), hello.subarray(5), fromHex('08'));
    await expectAlert(s, record, ['unexpected_message', 10], false, 'RFC 8446 §5.1: the keys change after the ServerHello, so it must end its record');
  });

  it('handshake bytes after the server Finished in its record: unexpected_message', async () => {
    const s = await loadSession();
    await expectAlert(s, await forgedFlight(s, [...s.flight, fromHex('04')]), ['unexpected_message', 10], true, 'RFC 8446 §5.1: the keys change after the Finished, so it must end its record');
  });

  it('an empty handshake record, or a protected record of an unknown type: unexpected_message', async () => {
    const s = await loadSession();
    const keys = await keysOf(s.secrets.serverHandshake);
    const before = s.serverRecords.slice(0, s.firstProtected);
    await expectAlert(s, concat(...before, await sealRecord(keys, 0, 22, new Uint8Array(0))), ['unexpected_message', 10], true, 'RFC 8446 §5.1: no zero-length handshake fragments');
    await expectAlert(s, concat(...before, await sealRecord(keys, 0, 99, fromHex('01'))), ['unexpected_message', 10], true, 'content type 99 does not exist');
  });

  it('a handshake message other than NewSessionTicket after the handshake: unexpected_message', async () => {
    const s = await loadSession();
    const client = clientFor(s);
    await client.start();
    await client.receive(splitServer(s).handshake);
    const keyUpdate = await sealRecord(await keysOf(s.secrets.serverApplication), 0, 22, message(24, fromHex('00')));
    const out = await client.receive(keyUpdate);
    const inner = await openRecord(await keysOf(s.secrets.clientApplication), 0, out.send);
    expect(Array.from(inner), 'this client does not implement KeyUpdate (RFC 8446 §4.6.3)').toEqual([2, 10, 21]);
  });

  /** A started client given the ServerHello and then a fatal alert `code` under the server handshake key. */
  async function afterServerAlert(code: number): Promise<{ client: TlsClient; out: Awaited<ReturnType<TlsClient['receive']>> }> {
    const s = await loadSession();
    const keys = await keysOf(s.secrets.serverHandshake);
    const client = clientFor(s);
    await client.start();
    const out = await client.receive(concat(...s.serverRecords.slice(0, s.firstProtected), await sealRecord(keys, 0, 21, Uint8Array.of(2, code))));
    return { client, out };
  }

  it('a server that sends an alert: the client closes, names it, and sends nothing', async () => {
    const { client, out } = await afterServerAlert(40);
    expect(out.send.length, 'no answer to a fatal alert').toBe(0);
    expect(client.closure, 'handshake_failure (40) from the server').toMatchObject({ alert: 'handshake_failure', sentByClient: false });
    expect(client.state).toBe('closed');
  });

  it('a server alert this lab has no name for: the client closes, sends nothing, and closure still names one of its alerts', async () => {
    // 116 is certificate_required (RFC 8446 §6.2), which this lab's Alert table does not list.
    const { client, out } = await afterServerAlert(116);
    expect(out.send.length, 'no answer to a fatal alert').toBe(0);
    expect(client.state).toBe('closed');
    expect(client.closure?.sentByClient, 'the server sent it').toBe(false);
    expect(Object.keys(Alert), `closure.alert is an AlertName (RFC 8446 §6.2: "unknown alert types MUST be treated as error alerts"), got ${JSON.stringify(client.closure?.alert)}`).toContain(client.closure?.alert);
  });
});
