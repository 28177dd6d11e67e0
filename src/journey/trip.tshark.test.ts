// Node only: Wireshark's tshark reads the trip's capture and, with its key log, decrypts the TLS.
import { PGlite } from '@electric-sql/pglite';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsTool } from '../../tests/support/host-tools.ts';
import { REFERENCE_PIECES } from './reference-pieces.ts';
import { JOURNEY_SEED, runTrip } from './trip.ts';

describe("the trip's capture in tshark", () => {
  needsTool('tshark');
  let dir = '';
  const fields = (filter: string, field: string): string[] => {
    const args = ['-r', join(dir, 'trip.pcap'), '-o', `tls.keylog_file:${join(dir, 'keylog.txt')}`, '-Y', filter, '-T', 'fields', '-e', field];
    const result = spawnSync('tshark', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tshark ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
    return result.stdout.split('\n').filter(Boolean);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'journey-trip-'));
    const database = new PGlite();
    try {
      const trip = await runTrip({ pieces: REFERENCE_PIECES, seed: JOURNEY_SEED, database });
      writeFileSync(join(dir, 'trip.pcap'), trip.pcap);
      writeFileSync(join(dir, 'keylog.txt'), trip.keylog);
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('decodes the DNS questions, the CNAME among the answers', () => {
    expect(fields('dns.flags.response == 0', 'dns.qry.name')).toContain('www.shop.example');
    expect(fields('dns.cname', 'dns.cname').join(',')).toContain('shop.example.cdn.example');
  });

  it('reads the name the phone looked up as the ClientHello\'s SNI', () => {
    // Each frame shows once per link it crossed.
    expect(new Set(fields('tls.handshake.type == 1', 'tls.handshake.extensions_server_name'))).toEqual(new Set(['www.shop.example']));
  });

  it('decrypts the TLS with the key log: the search and the order inside', () => {
    // Port 443 only: the edge's own request to the origin is plain HTTP on port 80.
    const uris = fields('http.request && tcp.port == 443', 'http.request.uri');
    expect(uris).toContain('/api/suggest?q=a');
    expect(uris).toContain('/orders');
    expect(new Set(fields('http.request && tcp.port == 443', 'http.host'))).toEqual(new Set(['www.shop.example']));
  });

  it('sees the SYN retransmission', () => {
    expect(fields('tcp.analysis.retransmission && tcp.flags.syn == 1', 'ip.src').length).toBeGreaterThan(0);
  });
});
