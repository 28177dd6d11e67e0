/**
 * Stage tshark: a peer nobody here wrote — Wireshark's tshark — decodes the
 * frames your code builds. The test writes them to a pcap file in a temporary
 * folder (netsim's writePcap) and checks the field values tshark prints, with
 * checksum checking switched on for IPv4, TCP and UDP.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromHex, LabAssertionError } from '@lab-kit';
import { writePcap } from '@netsim';
import { encapsulateHttpRequest } from '@impl/encapsulate.ts';
import { encodeEthernetFrame } from '@impl/ethernet.ts';
import { formatHexDump } from '@impl/hexdump.ts';
import { encodeIpv4Packet } from '@impl/ipv4.ts';
import { encodeTcpSegment } from '@impl/tcp.ts';
import { encodeUdpDatagram } from '@impl/udp.ts';
import { EtherType, IpProtocol, makeTcpFlags, type Ipv4Header } from '@impl/header-types.ts';

const TSHARK = 'tshark';
// Installed unless the spawn finds no such program: on a busy machine `tshark --version` can outlast a
// timeout, and a slow start must not turn this stage's failures into "not installed" (same files, same score).
const hasTshark = (spawnSync(TSHARK, ['--version'], { stdio: 'ignore', timeout: 30_000 }).error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT';

const CLIENT_MAC = '02:00:00:00:00:0a';
const GATEWAY_MAC = '02:00:00:00:00:01';
const PHONE = { source: '198.51.100.23', destination: '203.0.113.10' };
const REQUEST = 'GET /search?q=a HTTP/1.1\r\nHost: shop.example\r\nAccept: */*\r\n\r\n';

/** Everything tshark is asked for; one row per frame, keyed by field. */
const FIELDS = [
  'frame.len',
  'eth.src',
  'eth.dst',
  'eth.type',
  'eth.padding',
  'ip.src',
  'ip.dst',
  'ip.hdr_len',
  'ip.dsfield.dscp',
  'ip.len',
  'ip.id',
  'ip.flags.df',
  'ip.flags.mf',
  'ip.frag_offset',
  'ip.ttl',
  'ip.proto',
  'ip.opt.type',
  'ip.checksum.status',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.hdr_len',
  'tcp.flags',
  'tcp.window_size_value',
  'tcp.options.mss_val',
  'tcp.options.wscale.shift',
  'tcp.checksum.status',
  'udp.srcport',
  'udp.dstport',
  'udp.length',
  'udp.checksum.status',
  'http.request.method',
  'http.request.uri',
  'http.request.version',
  'http.host',
] as const;
type Field = (typeof FIELDS)[number];
type Row = Record<Field, string>;

const CHECKSUMS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];

/** The four frames, built with your code. */
function buildFrames(): Uint8Array[] {
  // 1. The shopper's search request, down the whole stack.
  const http = encapsulateHttpRequest({
    request: REQUEST,
    sourceMac: CLIENT_MAC,
    destinationMac: GATEWAY_MAC,
    sourceIp: PHONE.source,
    destinationIp: PHONE.destination,
    sourcePort: 51514,
    destinationPort: 80,
    sequenceNumber: 3_000_000_001,
    acknowledgmentNumber: 123_456_789,
    window: 502,
    ttl: 64,
    identification: 0x1234,
  });
  const ipv4 = (changes: Partial<Ipv4Header>): Ipv4Header => ({
    dscp: 0,
    ecn: 0,
    identification: 0x0042,
    dontFragment: true,
    moreFragments: false,
    fragmentOffset: 0,
    ttl: 64,
    protocol: IpProtocol.UDP,
    source: PHONE.source,
    destination: PHONE.destination,
    options: new Uint8Array(0),
    ...changes,
  });
  const ethernet = { destination: GATEWAY_MAC, source: CLIENT_MAC, etherType: EtherType.IPV4 };
  // 2. A one-byte UDP datagram: the frame must be padded to 60 bytes.
  const udp = encodeEthernetFrame(ethernet, encodeIpv4Packet(ipv4({}), encodeUdpDatagram({ sourcePort: 53000, destinationPort: 9 }, Uint8Array.of(0x61), PHONE)));
  // 3. A middle fragment with the Router Alert option: IHL 6, MF, offset 185.
  const fragment = encodeEthernetFrame(
    ethernet,
    encodeIpv4Packet(ipv4({ dscp: 46, dontFragment: false, moreFragments: true, fragmentOffset: 185, options: fromHex('94 04 00 00') }), new Uint8Array(32).fill(0x2a)),
  );
  // 4. A SYN announcing MSS 1460, SACK permitted, window scale 7: data offset 8 words.
  const syn = encodeTcpSegment(
    {
      sourcePort: 51515,
      destinationPort: 443,
      sequenceNumber: 0xfffffff0,
      acknowledgmentNumber: 0,
      flags: makeTcpFlags({ syn: true, ece: true, cwr: true }),
      window: 64240,
      urgentPointer: 0,
      options: fromHex('02 04 05 b4  04 02 01 01  01 03 03 07'),
    },
    new Uint8Array(0),
    PHONE,
  );
  const synFrame = encodeEthernetFrame(ethernet, encodeIpv4Packet(ipv4({ protocol: IpProtocol.TCP, identification: 0 }), syn));
  return [http, udp, fragment, synFrame];
}

let dir: string | undefined;
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let decoded: { frames: Uint8Array[]; file: string; rows: Row[] } | undefined;

/** Builds the frames, writes the pcap and runs tshark once; every test reads the result. */
function decode(): { frames: Uint8Array[]; file: string; rows: Row[] } {
  if (!hasTshark) {
    throw new LabAssertionError(
      'tshark is not installed: sudo apt-get install tshark (Debian, Ubuntu), sudo dnf install wireshark-cli (Fedora), ' +
        'brew install wireshark (macOS). This stage needs a real Wireshark to decode the frames your code builds.',
      'no tshark',
      'tshark on the PATH',
    );
  }
  if (decoded) return decoded;
  const frames = buildFrames();
  dir ??= mkdtempSync(join(tmpdir(), 'layers-tshark-'));
  const file = join(dir, 'frames.pcap');
  writeFileSync(file, writePcap(frames.map((bytes, i) => ({ timeMs: i * 10, bytes }))));
  const args = ['-r', file, ...CHECKSUMS, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=f', ...FIELDS.flatMap((f) => ['-e', f])];
  const out = execFileSync(TSHARK, args, { encoding: 'utf8', timeout: 8000, stdio: ['ignore', 'pipe', 'ignore'] });
  const rows = out
    .trimEnd()
    .split('\n')
    .map((line) => Object.fromEntries(line.split('\t').map((value, i) => [FIELDS[i]!, value])) as Row);
  decoded = { frames, file, rows };
  return decoded;
}

/** tshark's fields for frame `index` (0-based), only those asked for. */
function fields(index: number, names: readonly Field[]): Partial<Row> {
  const row = decode().rows[index];
  if (!row) throw new LabAssertionError(`tshark printed ${decode().rows.length} rows; frame ${index + 1} is missing`, 'no row', 'a row');
  return Object.fromEntries(names.map((n) => [n, row[n] ?? '']));
}

/** tshark 4.0 prints a checksum status as its number: 1 Good, 0 Bad, 2 unverified; newer versions may print the word. */
function good(status: string | undefined): string {
  return status === '1' || status === 'Good' ? 'Good' : status === '0' || status === 'Bad' ? 'Bad' : `not verified (${status})`;
}

describe('frames your code built, decoded by tshark', () => {
  it('the HTTP request: MACs, addresses, TTL, ports, raw sequence numbers, PSH+ACK, the request line and Host', () => {
    expect(
      fields(0, ['eth.src', 'eth.dst', 'eth.type', 'ip.src', 'ip.dst', 'ip.ttl', 'ip.id', 'ip.flags.df', 'ip.proto', 'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.window_size_value']),
      'tshark -T fields on frame 1 (encapsulateHttpRequest)',
    ).toEqual({
      'eth.src': CLIENT_MAC,
      'eth.dst': GATEWAY_MAC,
      'eth.type': '0x0800',
      'ip.src': '198.51.100.23',
      'ip.dst': '203.0.113.10',
      'ip.ttl': '64',
      'ip.id': '0x1234',
      'ip.flags.df': '1',
      'ip.proto': '6',
      'tcp.srcport': '51514',
      'tcp.dstport': '80',
      'tcp.seq_raw': '3000000001',
      'tcp.ack_raw': '123456789',
      'tcp.flags': '0x0018',
      'tcp.window_size_value': '502',
    });
    expect(fields(0, ['http.request.method', 'http.request.uri', 'http.request.version', 'http.host']), 'tshark\'s HTTP dissector read the request').toEqual({
      'http.request.method': 'GET',
      'http.request.uri': '/search?q=a',
      'http.request.version': 'HTTP/1.1',
      'http.host': 'shop.example',
    });
  });

  it('the HTTP request: tshark finds the IPv4 and TCP checksums Good', () => {
    const row = fields(0, ['ip.checksum.status', 'tcp.checksum.status']);
    expect(good(row['ip.checksum.status']), 'ip.checksum.status of frame 1 (RFC 791 §3.1, RFC 1071)').toBe('Good');
    expect(good(row['tcp.checksum.status']), 'tcp.checksum.status of frame 1: the pseudo-header must be in the sum (RFC 9293 §3.1)').toBe('Good');
  });

  it('the one-byte UDP datagram: ports, length 9, checksum Good, and 17 bytes of Ethernet padding', () => {
    const row = fields(1, ['frame.len', 'ip.len', 'udp.srcport', 'udp.dstport', 'udp.length', 'eth.padding']);
    expect(row, 'tshark -T fields on frame 2').toEqual({
      'frame.len': '60',
      'ip.len': '29',
      'udp.srcport': '53000',
      'udp.dstport': '9',
      'udp.length': '9',
      'eth.padding': '00'.repeat(17),
    });
    expect(good(fields(1, ['udp.checksum.status'])['udp.checksum.status']), 'udp.checksum.status of frame 2 (RFC 768)').toBe('Good');
    expect(good(fields(1, ['ip.checksum.status'])['ip.checksum.status']), 'ip.checksum.status of frame 2').toBe('Good');
  });

  it('the fragment: IHL 6 with the Router Alert option, DSCP 46, MF and fragment offset 185 (1480 bytes)', () => {
    const row = fields(2, ['ip.hdr_len', 'ip.dsfield.dscp', 'ip.len', 'ip.flags.df', 'ip.flags.mf', 'ip.frag_offset', 'ip.opt.type', 'ip.checksum.status']);
    // tshark 4.0 prints the offset field in 8-byte units; some versions print bytes.
    const offset = row['ip.frag_offset'] === '1480' ? '185' : row['ip.frag_offset'];
    expect({ ...row, 'ip.frag_offset': offset, 'ip.checksum.status': good(row['ip.checksum.status']) }, 'tshark -T fields on frame 3').toEqual({
      'ip.hdr_len': '24',
      'ip.dsfield.dscp': '46',
      'ip.len': '56',
      'ip.flags.df': '0',
      'ip.flags.mf': '1',
      'ip.frag_offset': '185',
      'ip.opt.type': '148',
      'ip.checksum.status': 'Good',
    });
  });

  it('the SYN: data offset 8 words, flags SYN+ECE+CWR, MSS 1460, window scale 7, checksum Good', () => {
    const row = fields(3, ['tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.hdr_len', 'tcp.flags', 'tcp.options.mss_val', 'tcp.options.wscale.shift', 'tcp.checksum.status']);
    expect({ ...row, 'tcp.checksum.status': good(row['tcp.checksum.status']) }, 'tshark -T fields on frame 4').toEqual({
      'tcp.srcport': '51515',
      'tcp.dstport': '443',
      'tcp.seq_raw': String(0xfffffff0),
      'tcp.hdr_len': '32',
      'tcp.flags': '0x00c2',
      'tcp.options.mss_val': '1460',
      'tcp.options.wscale.shift': '7',
      'tcp.checksum.status': 'Good',
    });
  });

  it('your hex dump of the HTTP request matches tshark -x line for line', () => {
    const { frames, file } = decode();
    const theirs = execFileSync(TSHARK, ['-r', file, '-Y', 'frame.number == 1', '-x'], { encoding: 'utf8', timeout: 8000, stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n\n')[0]!
      .trimEnd();
    expect(formatHexDump(frames[0]!), 'formatHexDump(frame 1) vs `tshark -x`').toBe(theirs);
  });
});
