// The HTTPS chapter's capture (public/captures/https-handshake.pcap, written by
// labs/https/tests/fixtures/generate-fixtures.ts --capture): with the key log beside
// it, a real decoder (tshark) decrypts the shopper's request and the shop's answer,
// and the capture is the run the lab replays (the same client random).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_RANDOM_HEX } from '../labs/https/tests/fixtures/openssl-session.ts';
import { needsTool } from './support/host-tools.ts';

const DIR = join(import.meta.dirname, '..', 'public', 'captures');
const PCAP = join(DIR, 'https-handshake.pcap');
const KEYLOG = join(DIR, 'https-handshake.keylog');

/** tshark's fields of the packets matching `filter`, one row per packet. */
function tshark(filter: string, fields: string[], keylog: boolean): string[][] {
  const args = ['-r', PCAP, ...(keylog ? ['-o', `tls.keylog_file:${KEYLOG}`] : []), '-Y', filter, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])];
  const result = spawnSync('tshark', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tshark ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout.trim().split('\n').filter(Boolean).map((line) => line.split('\t'));
}

describe("the HTTPS chapter's capture", () => {
  needsTool('tshark');

  it('decrypts with the key log: tshark shows GET /api/suggest?q=a and the 200 answer', () => {
    expect(tshark('http.request', ['http.request.method', 'http.request.uri', 'http.host'], true)).toEqual([['GET', '/api/suggest?q=a', 'shop.example']]);
    expect(tshark('http.response', ['http.response.code'], true)).toEqual([['200']]);
  });

  it('shows no HTTP at all without the key log', () => {
    expect(tshark('http', ['frame.number'], false)).toEqual([]);
  });

  it('is the run the lab replays: TLS 1.3 with TLS_AES_128_GCM_SHA256 and the fixture\'s client random', () => {
    expect(tshark('tls.handshake.type == 1', ['tls.handshake.random', 'tls.handshake.extensions_server_name'], false)).toEqual([[CLIENT_RANDOM_HEX, 'shop.example']]);
    expect(tshark('tls.handshake.type == 2', ['tls.handshake.ciphersuite', 'tls.handshake.extensions.supported_version'], false)).toEqual([['0x1301', '0x0304']]);
  });
});
