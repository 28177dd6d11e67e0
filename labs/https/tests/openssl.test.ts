/**
 * Stage openssl (node): your client against a real TLS 1.3 server, Node's tls
 * (OpenSSL), on 127.0.0.1, with certificates from a throwaway CA made at test time
 * (tests/fixtures/pki.ts). It must fetch the shop's suggestions, and refuse a server
 * with the wrong name, an expired certificate or an untrusted CA with the alert
 * RFC 8446 §6.2 prescribes, which OpenSSL reports on its side.
 */
import { X509Certificate, getRandomValues } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsClient } from '@impl/client.ts';
import { buildPki, SERVER_NAME, type Pki } from './fixtures/pki.ts';
import { REQUEST, RESPONSE, runExchange, startPeer, type PeerServer } from './fixtures/tls-peer.ts';

const NOW = new Date();
let pki: Pki;
const servers: Record<'good' | 'wrongName' | 'expired' | 'untrusted', PeerServer | undefined> = { good: undefined, wrongName: undefined, expired: undefined, untrusted: undefined };

beforeAll(async () => {
  pki = buildPki(NOW);
  servers.good = await startPeer([pki.server.der, pki.intermediate.der], pki.server.key);
  servers.wrongName = await startPeer([pki.wrongName.der, pki.intermediate.der], pki.wrongName.key);
  servers.expired = await startPeer([pki.expired.der, pki.intermediate.der], pki.expired.key);
  servers.untrusted = await startPeer([pki.untrusted.der, pki.otherRoot.der], pki.untrusted.key);
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s?.close()));
});

function newClient(): TlsClient {
  return new TlsClient({
    serverName: SERVER_NAME,
    random: getRandomValues(new Uint8Array(32)),
    privateKey: getRandomValues(new Uint8Array(32)),
    trustAnchors: [pki.root.der],
    now: NOW,
  });
}

/** OpenSSL reports a client's alert asynchronously: wait for it, at most 2 s. */
async function serverError(server: PeerServer): Promise<string> {
  for (let i = 0; i < 100 && server.clientErrors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  return server.clientErrors.map((e) => e.message).join('; ');
}

describe('the throwaway CA (checked with Node\'s own X.509 code)', () => {
  it('issues a server certificate for shop.example that chains to the root', () => {
    const root = new X509Certificate(pki.root.der);
    const intermediate = new X509Certificate(pki.intermediate.der);
    const server = new X509Certificate(pki.server.der);
    expect(server.checkHost(SERVER_NAME)).toBe(SERVER_NAME);
    expect(server.verify(intermediate.publicKey) && intermediate.verify(root.publicKey), 'signatures').toBe(true);
    expect(intermediate.ca && root.ca && !server.ca, 'basicConstraints').toBe(true);
  });
});

describe('a real handshake with OpenSSL', () => {
  it('completes the handshake, sends GET /api/suggest?q=a and reads the answer', async () => {
    const server = servers.good!;
    const client = newClient();
    const exchange = await runExchange(client, server.port, REQUEST);
    expect(client.closure?.sentByClient ? client.closure.reason : '', 'your client refused a good server').toBe('');
    expect(await serverError(server).then((e) => (server.requests.length ? '' : e)), 'OpenSSL refused your client').toBe('');
    expect(server.requests, 'OpenSSL decrypted the request your client sent').toEqual([REQUEST]);
    expect(exchange.response, 'your client decrypted the answer').toBe(RESPONSE);
    expect(client.closure, 'OpenSSL closes with close_notify after the answer (RFC 8446 §6.1)').toMatchObject({ alert: 'close_notify', sentByClient: false });
  });
});

describe('servers your client must refuse', () => {
  const cases = [
    ['wrongName', 'a certificate for www.other.example', 'bad_certificate', /bad certificate|alert number 42/i],
    ['expired', 'a certificate that expired yesterday', 'certificate_expired', /certificate expired|alert number 45/i],
    ['untrusted', 'a certificate from a CA the client does not trust', 'unknown_ca', /unknown ca|alert number 48/i],
  ] as const;
  for (const [name, what, alert, reported] of cases) {
    it(`refuses ${what} with ${alert}, and OpenSSL receives that alert`, async () => {
      const server = servers[name]!;
      const client = newClient();
      const exchange = await runExchange(client, server.port, REQUEST);
      expect(client.closure, `your client's closure for ${what}`).toMatchObject({ alert, sentByClient: true });
      expect(exchange.response, 'no application data from a refused server').toBe('');
      expect(server.requests, 'the request must never be sent to a refused server').toEqual([]);
      expect(await serverError(server), `OpenSSL's error for the alert your client sent (protected with the client handshake key)`).toMatch(reported);
    });
  }
});
