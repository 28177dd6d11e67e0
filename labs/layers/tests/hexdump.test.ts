/**
 * Stage hexdump: every byte of a frame labelled with its field, and the hex
 * dump tshark prints with -x. The chapter's colour-coded frame view is drawn
 * from these annotations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabAssertionError } from '@lab-kit';
import { annotateFrame, formatHexDump } from '@impl/hexdump.ts';
import type { FieldAnnotation } from '@impl/annotation-types.ts';
import { hostileBytesArb } from './fixtures/arbitraries.ts';
import { VETH_DNS_QUERY, VETH_GET, VETH_GET_TSHARK_X, VETH_SYN } from './fixtures/captures.ts';
import { ARP_REQUEST, FIRST_FRAGMENT, IGMP_REPORT_WITH_OPTIONS, LAST_FRAGMENT, MIDDLE_FRAGMENT, PADDED_UDP } from './fixtures/handmade.ts';

const SEE = 'the field list in annotateFrame\'s doc comment (hexdump.ts)';

type Row = [FieldAnnotation['layer'], string, number, number, string];
const rows = (annotations: FieldAnnotation[]): Row[] => annotations.map((a) => [a.layer, a.name, a.offset, a.length, a.value]);

/** Checks that `annotations` cover bytes 0…length-1 exactly once, in order; says where they do not. */
function expectCoverage(annotations: FieldAnnotation[], length: number, what: string): void {
  let next = 0;
  for (const [i, a] of annotations.entries()) {
    if (a.offset !== next || !(a.length >= 1)) {
      throw new LabAssertionError(
        `${what}: annotation ${i} (${a.name}) covers ${a.offset}…${a.offset + a.length - 1}, but the next byte to cover is ${next} ` +
          '(annotations must cover every byte exactly once, in order, each at least one byte long)',
        JSON.stringify(a),
        `offset ${next}`,
      );
    }
    next += a.length;
  }
  if (next !== length) throw new LabAssertionError(`${what}: annotations end at byte ${next}, the frame has ${length} bytes`, String(next), String(length));
}

describe('formatHexDump', () => {
  it('prints the captured request exactly as `tshark -x` does', () => {
    const ours = formatHexDump(VETH_GET).split('\n');
    const theirs = VETH_GET_TSHARK_X.split('\n');
    for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
      if (ours[i] !== theirs[i]) {
        throw new LabAssertionError(
          `line ${i + 1} differs from tshark's:\n  tshark: ${JSON.stringify(theirs[i])}\n  yours:  ${JSON.stringify(ours[i])}\n` +
            'format: 4 hex digits of offset, 2 spaces, 16 hex pairs joined by single spaces (padded on the last line), 3 spaces, the text column',
          String(ours[i]),
          String(theirs[i]),
        );
      }
    }
    expect(ours.length, 'ten lines for 152 bytes').toBe(10);
  });

  it('prints one full line for 16 bytes, and starts a second line at offset 0010 for the 17th', () => {
    const bytes = Uint8Array.from({ length: 17 }, (_, i) => 0x41 + i);
    expect(formatHexDump(bytes.subarray(0, 16)), '16 bytes').toBe('0000  41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50   ABCDEFGHIJKLMNOP');
    expect(formatHexDump(bytes).split('\n')[1], 'the 17th byte: padded to the full hex width, then 3 spaces').toBe(`0010  51${' '.repeat(45)}   Q`);
  });

  it('shows 0x20–0x7e as text and every other byte as "."', () => {
    expect(formatHexDump(Uint8Array.from([0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff, 0x00, 0x2e])), 'space and tilde print; controls, DEL and bytes ≥ 0x80 do not').toBe(
      `0000  1f 20 7e 7f 80 ff 00 2e${' '.repeat(24)}   . ~.....`,
    );
  });

  it('keeps 4 offset digits when the last byte\'s offset is 0xffff', () => {
    const lines = formatHexDump(new Uint8Array(0x10000)).split('\n');
    expect([lines[0]?.slice(0, 6), lines.at(-1)?.slice(0, 6)], '65536 bytes: the last byte is at 0xffff, which 4 digits hold').toEqual(['0000  ', 'fff0  ']);
  });

  it('prints nothing for no bytes, and widens every offset when the last one needs more than 4 digits', () => {
    expect(formatHexDump(new Uint8Array(0)), 'no lines').toBe('');
    const lines = formatHexDump(new Uint8Array(0x10010)).split('\n');
    expect([lines[0]?.slice(0, 7), lines.at(-1)?.slice(0, 7)], 'offset 0x10000 needs 5 digits, so tshark prints 5 on every line, 00000 first').toEqual(['00000  ', '10000  ']);
  });
});

describe('annotateFrame', () => {
  it('labels every field of the captured request, in order, with its decoded value', () => {
    expect(rows(annotateFrame(VETH_GET)), SEE).toEqual([
      ['ethernet', 'ethernet.destination', 0, 6, '02:00:00:00:00:50'],
      ['ethernet', 'ethernet.source', 6, 6, '02:00:00:00:00:0a'],
      ['ethernet', 'ethernet.type', 12, 2, '0x0800 (IPv4)'],
      ['ipv4', 'ipv4.version-ihl', 14, 1, 'version 4, header 20 bytes'],
      ['ipv4', 'ipv4.dscp-ecn', 15, 1, 'DSCP 0, ECN 0'],
      ['ipv4', 'ipv4.total-length', 16, 2, '138'],
      ['ipv4', 'ipv4.identification', 18, 2, '0xb9ce'],
      ['ipv4', 'ipv4.flags-fragment-offset', 20, 2, 'DF, offset 0'],
      ['ipv4', 'ipv4.ttl', 22, 1, '64'],
      ['ipv4', 'ipv4.protocol', 23, 1, '6 (TCP)'],
      ['ipv4', 'ipv4.checksum', 24, 2, '0xfc44'],
      ['ipv4', 'ipv4.source', 26, 4, '192.0.2.10'],
      ['ipv4', 'ipv4.destination', 30, 4, '192.0.2.80'],
      ['tcp', 'tcp.source-port', 34, 2, '54140'],
      ['tcp', 'tcp.destination-port', 36, 2, '80'],
      ['tcp', 'tcp.sequence-number', 38, 4, '1815706348'],
      ['tcp', 'tcp.acknowledgment-number', 42, 4, '2732696339'],
      ['tcp', 'tcp.data-offset', 46, 1, 'header 32 bytes'],
      ['tcp', 'tcp.flags', 47, 1, 'PSH, ACK'],
      ['tcp', 'tcp.window', 48, 2, '63'],
      ['tcp', 'tcp.checksum', 50, 2, '0x2d34'],
      ['tcp', 'tcp.urgent-pointer', 52, 2, '0'],
      ['tcp', 'tcp.options', 54, 12, '12 bytes'],
      ['payload', 'payload', 66, 86, '86 bytes'],
    ]);
  });

  it('labels the SYN\'s 20 bytes of options and adds no empty payload', () => {
    const tail = rows(annotateFrame(VETH_SYN)).slice(-3);
    expect(tail, 'the last three annotations of the SYN').toEqual([
      ['tcp', 'tcp.checksum', 50, 2, '0xacc8'],
      ['tcp', 'tcp.urgent-pointer', 52, 2, '0'],
      ['tcp', 'tcp.options', 54, 20, '20 bytes'],
    ]);
    expect(annotateFrame(VETH_SYN).find((a) => a.name === 'tcp.flags')?.value, 'flags of a SYN').toBe('SYN');
  });

  it('labels a UDP datagram: ports, length, checksum, payload', () => {
    expect(rows(annotateFrame(VETH_DNS_QUERY)).slice(9), 'from ipv4.protocol on').toEqual([
      ['ipv4', 'ipv4.protocol', 23, 1, '17 (UDP)'],
      ['ipv4', 'ipv4.checksum', 24, 2, '0x875c'],
      ['ipv4', 'ipv4.source', 26, 4, '192.0.2.10'],
      ['ipv4', 'ipv4.destination', 30, 4, '192.0.2.80'],
      ['udp', 'udp.source-port', 34, 2, '53000'],
      ['udp', 'udp.destination-port', 36, 2, '53'],
      ['udp', 'udp.length', 38, 2, '38'],
      ['udp', 'udp.checksum', 40, 2, '0x179f'],
      ['payload', 'payload', 42, 30, '30 bytes'],
    ]);
  });

  it('leaves a UDP header whose Length runs past the packet undecoded: the rest is payload', () => {
    const overlong = VETH_DNS_QUERY.slice();
    overlong[39] = 39; // UDP Length 39 in a 38-byte datagram
    expect(rows(annotateFrame(overlong)).slice(-2), 'RFC 768: Length counts the header and data that are there; 39 > 38 cannot be decoded').toEqual([
      ['ipv4', 'ipv4.destination', 30, 4, '192.0.2.80'],
      ['payload', 'payload', 34, 38, '38 bytes'],
    ]);
  });

  it('labels bytes after the IPv4 Total Length as ethernet.padding', () => {
    expect(rows(annotateFrame(PADDED_UDP)).slice(-2), 'the padded one-byte datagram').toEqual([
      ['payload', 'payload', 42, 1, '1 byte'],
      ['ethernet', 'ethernet.padding', 43, 17, '17 bytes'],
    ]);
  });

  it('labels IPv4 options, DSCP and a protocol it does not decode further', () => {
    const byName = new Map(annotateFrame(IGMP_REPORT_WITH_OPTIONS).map((a) => [a.name, a]));
    expect(
      ['ipv4.version-ihl', 'ipv4.dscp-ecn', 'ipv4.flags-fragment-offset', 'ipv4.protocol', 'ipv4.options', 'payload', 'ethernet.padding'].map((n) => {
        const a = byName.get(n);
        return a && [a.offset, a.length, a.value];
      }),
      'IGMP report: IHL 6, DSCP 48, no flags, protocol 2 (not decoded: its 8 bytes are payload), 14 bytes of padding',
    ).toEqual([
      [14, 1, 'version 4, header 24 bytes'],
      [15, 1, 'DSCP 48, ECN 0'],
      [20, 2, 'offset 0'],
      [23, 1, '2'],
      [34, 4, '4 bytes'],
      [38, 8, '8 bytes'],
      [46, 14, '14 bytes'],
    ]);
  });

  it('does not decode a fragment\'s data as UDP, whether MF is set or only the offset says so', () => {
    const tail = rows(annotateFrame(MIDDLE_FRAGMENT)).slice(-2);
    expect(tail, 'the last two annotations: the fragment offset stays an IPv4 field; the rest is payload').toEqual([
      ['ipv4', 'ipv4.destination', 30, 4, '192.0.2.80'],
      ['payload', 'payload', 34, 32, '32 bytes'],
    ]);
    expect(annotateFrame(MIDDLE_FRAGMENT).find((a) => a.name === 'ipv4.flags-fragment-offset')?.value, 'MF, offset in 8-byte units').toBe('MF, offset 185');
    expect(
      rows(annotateFrame(LAST_FRAGMENT)).slice(-3),
      'the last fragment (MF clear, offset 6): its first data bytes read as a plausible UDP header, but only the first fragment holds one',
    ).toEqual([
      ['ipv4', 'ipv4.destination', 30, 4, '192.0.2.80'],
      ['payload', 'payload', 34, 24, '24 bytes'],
      ['ethernet', 'ethernet.padding', 58, 2, '2 bytes'],
    ]);
    expect(annotateFrame(LAST_FRAGMENT).find((a) => a.name === 'ipv4.flags-fragment-offset')?.value, 'no flags: the offset alone makes it a fragment').toBe('offset 6');
    expect(rows(annotateFrame(FIRST_FRAGMENT)).at(-1), 'the first fragment (MF, offset 0) is not decoded either: its UDP header describes all 72 bytes').toEqual([
      'payload',
      'payload',
      34,
      48,
      '48 bytes',
    ]);
  });

  it('labels an ARP frame\'s Ethernet header and leaves the rest as payload', () => {
    expect(rows(annotateFrame(ARP_REQUEST)), 'EtherType 0x0806 is not decoded further').toEqual([
      ['ethernet', 'ethernet.destination', 0, 6, 'ff:ff:ff:ff:ff:ff'],
      ['ethernet', 'ethernet.source', 6, 6, '02:00:00:00:00:0a'],
      ['ethernet', 'ethernet.type', 12, 2, '0x0806 (ARP)'],
      ['payload', 'payload', 14, 46, '46 bytes'],
    ]);
  });

  it('labels a frame of exactly 14 bytes as an Ethernet header with nothing after it', () => {
    expect(rows(annotateFrame(VETH_GET.subarray(0, 14))), 'the header is all there; the IPv4 packet is not').toEqual([
      ['ethernet', 'ethernet.destination', 0, 6, '02:00:00:00:00:50'],
      ['ethernet', 'ethernet.source', 6, 6, '02:00:00:00:00:0a'],
      ['ethernet', 'ethernet.type', 12, 2, '0x0800 (IPv4)'],
    ]);
  });

  it('makes a frame shorter than an Ethernet header one payload annotation, and an empty frame none', () => {
    expect(rows(annotateFrame(VETH_GET.subarray(0, 5))), 'five bytes').toEqual([['payload', 'payload', 0, 5, '5 bytes']]);
    expect(annotateFrame(new Uint8Array(0)), 'no bytes, no annotations').toEqual([]);
  });

  /** A copy of `frame` with bytes set: [[offset, value], …]. */
  const edited = (frame: Uint8Array, edits: [number, number][]) => {
    const copy = frame.slice();
    for (const [offset, value] of edits) copy[offset] = value;
    return copy;
  };
  /** The annotations of `frame` from `name` on. */
  const from = (frame: Uint8Array, name: string): Row[] => {
    const all = rows(annotateFrame(frame));
    return all.slice(all.findIndex((r) => r[1] === name));
  };

  it('decodes nothing after a non-IPv4 EtherType, even when the bytes would read as IPv4', () => {
    const ipv6 = edited(VETH_GET, [[12, 0x86], [13, 0xdd]]);
    expect(rows(annotateFrame(ipv6)), 'the captured request relabelled EtherType 0x86dd: its bytes are not IPv4 any more').toEqual([
      ['ethernet', 'ethernet.destination', 0, 6, '02:00:00:00:00:50'],
      ['ethernet', 'ethernet.source', 6, 6, '02:00:00:00:00:0a'],
      ['ethernet', 'ethernet.type', 12, 2, '0x86dd (IPv6)'],
      ['payload', 'payload', 14, VETH_GET.length - 14, `${VETH_GET.length - 14} bytes`],
    ]);
  });

  /** The DNS query's addresses, as every test that edits its header still finds them. */
  const QUERY_ADDRESSES: Row[] = [
    ['ipv4', 'ipv4.source', 26, 4, '192.0.2.10'],
    ['ipv4', 'ipv4.destination', 30, 4, '192.0.2.80'],
  ];

  it('decodes a packet whose IPv4 header checksum is wrong: annotations do not verify checksums', () => {
    const bad = edited(VETH_DNS_QUERY, [[25, 0x5d]]);
    expect(from(bad, 'ipv4.checksum'), 'the DNS query with its header checksum one bit off (0x875c → 0x875d): still decoded down to UDP').toEqual([
      ['ipv4', 'ipv4.checksum', 24, 2, '0x875d'],
      ...QUERY_ADDRESSES,
      ['udp', 'udp.source-port', 34, 2, '53000'],
      ['udp', 'udp.destination-port', 36, 2, '53'],
      ['udp', 'udp.length', 38, 2, '38'],
      ['udp', 'udp.checksum', 40, 2, '0x179f'],
      ['payload', 'payload', 42, 30, '30 bytes'],
    ]);
  });

  it('does not decode a protocol other than TCP or UDP, even when its bytes would read as UDP', () => {
    const icmp = edited(VETH_DNS_QUERY, [[23, 1]]);
    expect(from(icmp, 'ipv4.protocol'), 'the DNS query relabelled protocol 1: the rest of the packet is payload').toEqual([
      ['ipv4', 'ipv4.protocol', 23, 1, '1 (ICMP)'],
      ['ipv4', 'ipv4.checksum', 24, 2, '0x875c'],
      ...QUERY_ADDRESSES,
      ['payload', 'payload', 34, 38, '38 bytes'],
    ]);
  });

  it('puts IPv4 options in the ipv4 layer', () => {
    expect(from(IGMP_REPORT_WITH_OPTIONS, 'ipv4.options')[0], 'IHL 6: 4 bytes of options').toEqual(['ipv4', 'ipv4.options', 34, 4, '4 bytes']);
  });

  it('labels a TCP header of exactly 20 bytes that ends the packet, and names every flag or none', () => {
    // The SYN with Data Offset 5 and Total Length 40: its 20 bytes of options fall after the packet, as padding.
    const bare = (flags: number) => edited(VETH_SYN, [[16, 0], [17, 40], [46, 0x50 | (VETH_SYN[46]! & 0x0f)], [47, flags]]);
    expect(from(bare(0xff), 'tcp.data-offset').map((r) => [r[0], r[1], r[2], r[3]]), 'a 20-byte header and no data: no options, no payload, then padding').toEqual([
      ['tcp', 'tcp.data-offset', 46, 1],
      ['tcp', 'tcp.flags', 47, 1],
      ['tcp', 'tcp.window', 48, 2],
      ['tcp', 'tcp.checksum', 50, 2],
      ['tcp', 'tcp.urgent-pointer', 52, 2],
      ['ethernet', 'ethernet.padding', 54, 20],
    ]);
    expect(from(bare(0xff), 'tcp.flags')[0]![4], 'all eight flag bits set, named from FIN up as tshark lists them').toBe('FIN, SYN, RST, PSH, ACK, URG, ECE, CWR');
    expect(from(bare(0), 'tcp.flags')[0]![4], 'no flag bit set').toBe('none');
  });

  it('leaves a TCP header whose Data Offset is below 5 or runs past the packet undecoded: the rest is payload', () => {
    const short = edited(VETH_SYN, [[46, 0x40 | (VETH_SYN[46]! & 0x0f)]]);
    expect(from(short, 'ipv4.destination').slice(1), 'Data Offset 4 (16 bytes) is less than the fixed header (RFC 9293 §3.1)').toEqual([['payload', 'payload', 34, 40, '40 bytes']]);
    const long = edited(VETH_SYN, [[46, 0xf0 | (VETH_SYN[46]! & 0x0f)]]);
    expect(from(long, 'ipv4.destination').slice(1), 'Data Offset 15 (60 bytes) in a 40-byte segment').toEqual([['payload', 'payload', 34, 40, '40 bytes']]);
  });

  it('labels a UDP datagram of just its 8-byte header, and leaves a Length below 8 undecoded', () => {
    const empty = edited(VETH_DNS_QUERY, [[16, 0], [17, 28], [38, 0], [39, 8]]);
    expect(from(empty, 'udp.source-port').map((r) => [r[0], r[1], r[2], r[3]]), 'Total Length 28, UDP Length 8: no payload, then padding').toEqual([
      ['udp', 'udp.source-port', 34, 2],
      ['udp', 'udp.destination-port', 36, 2],
      ['udp', 'udp.length', 38, 2],
      ['udp', 'udp.checksum', 40, 2],
      ['ethernet', 'ethernet.padding', 42, 30],
    ]);
    const tiny = edited(VETH_DNS_QUERY, [[38, 0], [39, 4]]);
    expect(from(tiny, 'ipv4.destination').slice(1), 'RFC 768: Length counts the 8-byte header, so 4 cannot be decoded').toEqual([['payload', 'payload', 34, 38, '38 bytes']]);
  });

  it('covers every byte of any input exactly once, in order, without throwing (property)', () => {
    fc.assert(
      fc.property(hostileBytesArb, (bytes) => {
        expectCoverage(annotateFrame(bytes), bytes.length, `annotateFrame of ${bytes.length} bytes`);
      }),
      { numRuns: 500 },
    );
  });
});
