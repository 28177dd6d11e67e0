/**
 * Stage transport: the UDP header (RFC 768) and the TCP header (RFC 9293
 * §3.1, which obsoletes RFC 793), both with a checksum over the IPv4
 * pseudo-header.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, type ByteField } from '@lab-kit';
import { encodePseudoHeader, pseudoHeaderSum } from '@impl/pseudo-header.ts';
import { decodeTcpSegment, encodeTcpSegment } from '@impl/tcp.ts';
import { decodeUdpDatagram, encodeUdpDatagram } from '@impl/udp.ts';
import { makeTcpFlags, type AddressPair, type TcpFlags, type TcpHeader } from '@impl/header-types.ts';
import { addressPairArb, hostileBytesArb, payloadArb, tcpHeaderArb, udpHeaderArb } from './fixtures/arbitraries.ts';
import { LOOPBACK_GET, VETH_DNS_QUERY, VETH_GET, VETH_GET_REQUEST, VETH_GET_TCP_OPTIONS, VETH_SYN } from './fixtures/captures.ts';
import { decodesOrRejects, errorMessage, expectFrameError } from './fixtures/expect-errors.ts';
import { PADDED_UDP } from './fixtures/handmade.ts';
import { corrupt, referencePseudoHeader, referenceSum, utf8 } from './fixtures/reference.ts';

const SEE_TCP = 'RFC 9293 §3.1 (header format, and "Checksum" for the pseudo-header)';
const SEE_UDP = 'RFC 768 (format, and the checksum over the pseudo-header)';
const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

const TCP_FIELDS: ByteField[] = [
  { name: 'tcp.source-port', offset: 0, length: 2 },
  { name: 'tcp.destination-port', offset: 2, length: 2 },
  { name: 'tcp.sequence-number', offset: 4, length: 4 },
  { name: 'tcp.acknowledgment-number', offset: 8, length: 4 },
  { name: 'tcp.data-offset', offset: 12, length: 1 },
  { name: 'tcp.flags', offset: 13, length: 1 },
  { name: 'tcp.window', offset: 14, length: 2 },
  { name: 'tcp.checksum', offset: 16, length: 2 },
  { name: 'tcp.urgent-pointer', offset: 18, length: 2 },
  { name: 'tcp.options', offset: 20, length: 40 },
];
const UDP_FIELDS: ByteField[] = [
  { name: 'udp.source-port', offset: 0, length: 2 },
  { name: 'udp.destination-port', offset: 2, length: 2 },
  { name: 'udp.length', offset: 4, length: 2 },
  { name: 'udp.checksum', offset: 6, length: 2 },
  { name: 'payload', offset: 8, length: 1500 },
];

const VETH: AddressPair = { source: '192.0.2.10', destination: '192.0.2.80' };
const LOOPBACK: AddressPair = { source: '127.0.0.1', destination: '127.0.0.1' };

/** The captured search request's TCP header, as tshark decoded it. */
const GET_TCP: TcpHeader = {
  sourcePort: 54140,
  destinationPort: 80,
  sequenceNumber: 1815706348,
  acknowledgmentNumber: 2732696339,
  flags: makeTcpFlags({ psh: true, ack: true }),
  window: 63,
  urgentPointer: 0,
  options: VETH_GET_TCP_OPTIONS,
};
const GET_SEGMENT = VETH_GET.subarray(34);

/** The captured SYN: four options, 20 bytes of them. */
const SYN_TCP: TcpHeader = {
  sourcePort: 54140,
  destinationPort: 80,
  sequenceNumber: 1815706347,
  acknowledgmentNumber: 0,
  flags: makeTcpFlags({ syn: true }),
  window: 64240,
  urgentPointer: 0,
  options: fromHex('02 04 05 b4  04 02  08 0a f5 03 6b f3 00 00 00 00  01  03 03 0a'),
};
const SYN_SEGMENT = VETH_SYN.subarray(34);

const DNS_QUERY = VETH_DNS_QUERY.subarray(42);
const DNS_DATAGRAM = VETH_DNS_QUERY.subarray(34);

describe('the pseudo-header', () => {
  it('is source, destination, zero, protocol, length: c0 00 02 0a c0 00 02 50 00 06 00 76 for the captured request', () => {
    expectBytes(encodePseudoHeader(VETH, 6, 118), fromHex('c0 00 02 0a  c0 00 02 50  00 06 00 76'), {
      what: 'encodePseudoHeader(192.0.2.10 → 192.0.2.80, TCP, 118 bytes)',
      fields: [
        { name: 'source', offset: 0, length: 4 },
        { name: 'destination', offset: 4, length: 4 },
        { name: 'zero', offset: 8, length: 1 },
        { name: 'protocol', offset: 9, length: 1 },
        { name: 'length', offset: 10, length: 2 },
      ],
      see: SEE_TCP,
    });
  });

  it('sums to 0xfe80 on the loopback capture — exactly what Linux left in its TCP checksum field', () => {
    // lo claims checksum offload: the kernel stores only the pseudo-header sum and leaves the rest to
    // "hardware" that never runs. 0x7f00 + 0x0001 + 0x7f00 + 0x0001 + 0x0006 + 120 = 0xfe80.
    const field = (LOOPBACK_GET[50]! << 8) | LOOPBACK_GET[51]!;
    expect(hex4(pseudoHeaderSum(LOOPBACK, 6, 120)), 'pseudoHeaderSum(127.0.0.1 → 127.0.0.1, TCP, 120): the folded sum, not complemented').toBe(hex4(field));
  });

  it('agrees with a reference for any addresses, protocol and length (property)', () => {
    fc.assert(
      fc.property(addressPairArb, fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 0xffff }), ({ source, destination }, protocol, length) => {
        const reference = referencePseudoHeader(source, destination, protocol, length);
        expectBytes(encodePseudoHeader({ source, destination }, protocol, length), reference, { what: 'encodePseudoHeader', see: SEE_TCP });
        expect(hex4(pseudoHeaderSum({ source, destination }, protocol, length)), 'pseudoHeaderSum').toBe(hex4(referenceSum(reference)));
      }),
    );
  });
});

describe('TCP', () => {
  it('encodes the captured request\'s segment byte for byte: header, timestamps option, request, checksum 0x2d34', () => {
    expectBytes(encodeTcpSegment(GET_TCP, utf8(VETH_GET_REQUEST), VETH), GET_SEGMENT, { what: 'encodeTcpSegment(captured request)', fields: TCP_FIELDS, see: SEE_TCP });
  });

  it('encodes the captured SYN: 20 bytes of options make the data offset 10 (0xa0)', () => {
    expectBytes(encodeTcpSegment(SYN_TCP, new Uint8Array(0), VETH), SYN_SEGMENT, { what: 'encodeTcpSegment(captured SYN)', fields: TCP_FIELDS, see: `${SEE_TCP}: Data Offset counts 32-bit words` });
  });

  it('decodes the captured request\'s segment: fields, header length 32, checksum as read, the request as payload', () => {
    const { value, bytesRead } = decodeTcpSegment(GET_SEGMENT, VETH);
    expect(value.header, `TCP header of the captured request (tshark agrees; ${SEE_TCP})`).toEqual(GET_TCP);
    expect([value.headerLength, value.checksum, bytesRead], 'header length (data offset 8 × 4), checksum, bytesRead').toEqual([32, 0x2d34, 118]);
    expectBytes(value.payload, utf8(VETH_GET_REQUEST), { what: 'payload: the HTTP request' });
  });

  it('decodes the captured SYN with its options as bytes and no payload', () => {
    const { value } = decodeTcpSegment(SYN_SEGMENT, VETH);
    expect(value.header, 'the SYN\'s header').toEqual(SYN_TCP);
    expect(value.payload.length, 'a SYN here carries no data').toBe(0);
  });

  const flagBits: [keyof TcpFlags, number][] = [
    ['fin', 0x01],
    ['syn', 0x02],
    ['rst', 0x04],
    ['psh', 0x08],
    ['ack', 0x10],
    ['urg', 0x20],
    ['ece', 0x40],
    ['cwr', 0x80],
  ];
  for (const [flag, bit] of flagBits) {
    it(`puts ${flag.toUpperCase()} in bit 0x${bit.toString(16).padStart(2, '0')} of byte 13 and reads it back`, () => {
      const header: TcpHeader = { ...GET_TCP, flags: makeTcpFlags({ [flag]: true }), options: new Uint8Array(0) };
      const segment = encodeTcpSegment(header, new Uint8Array(0), VETH);
      expect(`0x${segment[13]!.toString(16).padStart(2, '0')}`, `the flags byte with only ${flag} set (${SEE_TCP}: CWR ECE URG ACK PSH RST SYN FIN, high bit to low)`).toBe(`0x${bit.toString(16).padStart(2, '0')}`);
      expect(decodeTcpSegment(segment, VETH).value.header.flags, `decoding 0x${bit.toString(16)}`).toEqual(makeTcpFlags({ [flag]: true }));
    });
  }

  it('ignores the reserved bits between the data offset and the flags when decoding', () => {
    const segment = encodeTcpSegment({ ...GET_TCP, options: new Uint8Array(0) }, new Uint8Array(0), VETH);
    segment[12] = segment[12]! | 0x0f; // the four reserved bits set (the checksum no longer matches, so it is not verified)
    const { value } = decodeTcpSegment(segment, VETH, { verifyChecksum: false });
    expect([value.headerLength, value.header.flags], 'data offset still 5 words, flags unchanged').toEqual([20, GET_TCP.flags]);
  });

  it("rejects the loopback capture's segment with 'bad-checksum' — its field holds only the pseudo-header sum — and decodes it when asked not to verify", () => {
    const segment = LOOPBACK_GET.subarray(34);
    expectFrameError(() => decodeTcpSegment(segment, LOOPBACK), 'bad-checksum', 'tshark calls this checksum incorrect too: lo left it to an offload that never happens');
    const { value } = decodeTcpSegment(segment, LOOPBACK, { verifyChecksum: false });
    expect([value.header.sourcePort, value.header.destinationPort, value.header.sequenceNumber, value.checksum], 'ports, sequence number, checksum field').toEqual([34782, 8080, 3266223873, 0xfe80]);
  });

  it("rejects a segment meant for another address with 'bad-checksum' — what the pseudo-header is for", () => {
    expectFrameError(() => decodeTcpSegment(GET_SEGMENT, { ...VETH, destination: '192.0.2.81' }), 'bad-checksum', 'the same bytes, delivered to 192.0.2.81: the pseudo-header no longer matches (RFC 9293 §3.1)');
    expectFrameError(() => decodeTcpSegment(corrupt(GET_SEGMENT, 40), VETH), 'bad-checksum', 'one byte of the request changed on the way');
  });

  it("rejects fewer than 20 bytes with 'truncated', and a data offset below 5 or past the end with 'bad-data-offset'", () => {
    expectFrameError(() => decodeTcpSegment(GET_SEGMENT.subarray(0, 19), VETH), 'truncated', 'the fixed header is 20 bytes');
    const low = GET_SEGMENT.slice();
    low[12] = 0x40;
    expectFrameError(() => decodeTcpSegment(low, VETH, { verifyChecksum: false }), 'bad-data-offset', 'data offset 4: the header is at least 5 words');
    const high = SYN_SEGMENT.slice(0, 36);
    expectFrameError(() => decodeTcpSegment(high, VETH, { verifyChecksum: false }), 'bad-data-offset', 'data offset 10 = 40 bytes, but the segment has only 36');
  });

  it('rejects bad fields when encoding', () => {
    expectFrameError(() => encodeTcpSegment({ ...GET_TCP, options: fromHex('02 04 05') }, new Uint8Array(0), VETH), 'value-out-of-range', 'options must fill whole 32-bit words (RFC 9293 §3.1: pad with zeros)');
    expectFrameError(() => encodeTcpSegment({ ...GET_TCP, options: new Uint8Array(44) }, new Uint8Array(0), VETH), 'value-out-of-range', 'at most 40 bytes of options');
    expectFrameError(() => encodeTcpSegment({ ...GET_TCP, sourcePort: 65536 }, new Uint8Array(0), VETH), 'value-out-of-range', 'a port is 16 bits');
    expectFrameError(() => encodeTcpSegment({ ...GET_TCP, sequenceNumber: 2 ** 32 }, new Uint8Array(0), VETH), 'value-out-of-range', 'a sequence number is 32 bits');
  });

  it('round-trips any header and payload between any addresses (property)', () => {
    fc.assert(
      fc.property(tcpHeaderArb, payloadArb, addressPairArb, (header, payload, addresses) => {
        const segment = encodeTcpSegment(header, payload, addresses);
        const { value, bytesRead } = decodeTcpSegment(segment, addresses);
        expect(value.header, 'decode(encode(h)).header').toEqual(header);
        expectBytes(value.payload, payload, { what: 'decoded payload' });
        expect([value.headerLength, bytesRead], 'header length and bytesRead').toEqual([20 + header.options.length, segment.length]);
        expect(referenceSum(segment, referenceSum(referencePseudoHeader(addresses.source, addresses.destination, 6, segment.length))), 'pseudo-header + segment sum to 0xffff').toBe(0xffff);
      }),
    );
  });

  it('decodes or throws FrameError on any bytes, never anything else (property)', () => {
    fc.assert(
      fc.property(hostileBytesArb, fc.boolean(), (bytes, verify) => {
        decodesOrRejects(bytes, () => decodeTcpSegment(bytes, VETH, { verifyChecksum: verify }));
        decodesOrRejects(bytes, () => decodeTcpSegment(bytes.subarray(Math.min(34, bytes.length)), VETH, { verifyChecksum: verify }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('errors that name the field', () => {
  it('says which TCP or UDP field is out of range', () => {
    const tcp = (h: Partial<TcpHeader>) => errorMessage(() => encodeTcpSegment({ ...GET_TCP, ...h }, new Uint8Array(0), VETH));
    expect(tcp({ sourcePort: 0x10000 }), 'ports are 16 bits').toMatch(/source port/);
    expect(tcp({ destinationPort: 0x10000 }), 'ports are 16 bits').toMatch(/destination port/);
    expect(tcp({ sequenceNumber: 2 ** 32 }), 'sequence numbers are 32 bits').toMatch(/sequence number/);
    expect(tcp({ acknowledgmentNumber: -1 }), 'no negative numbers').toMatch(/acknowledgment number/);
    expect(tcp({ window: 0x10000 }), 'the window field is 16 bits').toMatch(/window/);
    expect(tcp({ urgentPointer: 0x10000 }), 'the urgent pointer is 16 bits').toMatch(/urgent pointer/);
    const udp = (sourcePort: number, destinationPort: number) => errorMessage(() => encodeUdpDatagram({ sourcePort, destinationPort }, new Uint8Array(0), VETH));
    expect(udp(0x10000, 53), 'ports are 16 bits').toMatch(/source port/);
    expect(udp(53, 0x10000), 'ports are 16 bits').toMatch(/destination port/);
  });
});

describe('UDP', () => {
  it('encodes the captured DNS query byte for byte: ports 53000 → 53, length 38, checksum 0x179f', () => {
    expectBytes(encodeUdpDatagram({ sourcePort: 53000, destinationPort: 53 }, DNS_QUERY, VETH), DNS_DATAGRAM, { what: 'encodeUdpDatagram(DNS query)', fields: UDP_FIELDS, see: SEE_UDP });
  });

  it('decodes the captured DNS query', () => {
    const { value, bytesRead } = decodeUdpDatagram(DNS_DATAGRAM, VETH);
    expect({ header: value.header, length: value.length, checksum: value.checksum, bytesRead }, SEE_UDP).toEqual({
      header: { sourcePort: 53000, destinationPort: 53 },
      length: 38,
      checksum: 0x179f,
      bytesRead: 38,
    });
    expectBytes(value.payload, DNS_QUERY, { what: 'payload: the DNS message' });
  });

  it('sends checksum 0 ("none") when asked, and accepts 0 without verifying', () => {
    const datagram = encodeUdpDatagram({ sourcePort: 53000, destinationPort: 53 }, DNS_QUERY, VETH, { checksum: false });
    expectBytes(datagram.subarray(0, 8), fromHex('cf 08 00 35 00 26 00 00'), { what: 'header with checksum: false', fields: UDP_FIELDS, see: `${SEE_UDP}: "all zero ... means that the transmitter generated no checksum"` });
    expect(decodeUdpDatagram(datagram, { source: '10.9.9.9', destination: '10.8.8.8' }).value.checksum, 'checksum 0 is not verified, even against the wrong addresses').toBe(0);
  });

  it('sends a computed checksum of 0 as 0xffff, which still verifies', () => {
    // Choose the payload word so that pseudo-header + header + payload sum to 0xffff: the checksum computes to 0.
    const partial = referenceSum(fromHex('cf 08 00 09 00 0a 00 00'), referenceSum(referencePseudoHeader('192.0.2.10', '192.0.2.80', 17, 10)));
    const word = 0xffff - partial;
    const payload = Uint8Array.from([word >> 8, word & 0xff]);
    const datagram = encodeUdpDatagram({ sourcePort: 53000, destinationPort: 9 }, payload, VETH);
    expect(hex4((datagram[6]! << 8) | datagram[7]!), `RFC 768: "If the computed checksum is zero, it is transmitted as all ones" — 0 would mean "no checksum"`).toBe('0xffff');
    expect(decodeUdpDatagram(datagram, VETH).value.checksum, '0xffff verifies: +0 and −0 are equal in one\'s complement').toBe(0xffff);
  });

  it('uses the Length field, not the buffer: bytes after it are not payload', () => {
    const { value, bytesRead } = decodeUdpDatagram(PADDED_UDP.subarray(34), VETH);
    expect([value.length, bytesRead], 'Length 9, though 26 bytes were passed in (17 of them Ethernet padding)').toEqual([9, 9]);
    expectBytes(value.payload, fromHex('61'), { what: 'payload "a"' });
  });

  it('verifies the checksum over the Length field\'s bytes only: padding after them need not be zeros', () => {
    // Ethernet padding is unspecified; some network cards have sent leftover memory in it (CVE-2003-0001, "Etherleak").
    const leaky = PADDED_UDP.slice();
    leaky.fill(0xa5, 43);
    const { value, bytesRead } = decodeUdpDatagram(leaky.subarray(34), VETH);
    expect([value.length, bytesRead, value.checksum], 'Length 9 and checksum 0x4b6f, with 17 bytes of 0xa5 after the datagram').toEqual([9, 9, 0x4b6f]);
    expectBytes(value.payload, fromHex('61'), { what: 'payload "a"' });
  });

  it("rejects fewer than 8 bytes with 'truncated' and a bad Length with 'bad-udp-length'", () => {
    expectFrameError(() => decodeUdpDatagram(DNS_DATAGRAM.subarray(0, 7), VETH), 'truncated', 'the header is 8 bytes');
    const tooShort = DNS_DATAGRAM.slice();
    tooShort[5] = 7;
    expectFrameError(() => decodeUdpDatagram(tooShort, VETH), 'bad-udp-length', 'Length 7 cannot even hold the 8-byte header (RFC 768)');
    expectFrameError(() => decodeUdpDatagram(DNS_DATAGRAM.subarray(0, 30), VETH), 'bad-udp-length', 'Length 38 but only 30 bytes arrived');
  });

  it("rejects a wrong checksum with 'bad-checksum', unless asked not to verify", () => {
    const damaged = corrupt(DNS_DATAGRAM, 20);
    expectFrameError(() => decodeUdpDatagram(damaged, VETH), 'bad-checksum', 'a byte of the DNS name changed');
    expect(decodeUdpDatagram(damaged, VETH, { verifyChecksum: false }).value.checksum, 'verifyChecksum: false').toBe(0x179f);
  });

  it('rejects a port above 65535 when encoding', () => {
    expectFrameError(() => encodeUdpDatagram({ sourcePort: 70000, destinationPort: 53 }, DNS_QUERY, VETH), 'value-out-of-range', 'a port is 16 bits');
  });

  it('round-trips any ports and payload between any addresses (property)', () => {
    fc.assert(
      fc.property(udpHeaderArb, payloadArb, addressPairArb, fc.boolean(), (header, payload, addresses, checksum) => {
        const datagram = encodeUdpDatagram(header, payload, addresses, { checksum });
        const { value, bytesRead } = decodeUdpDatagram(datagram, addresses);
        expect(value.header, 'decode(encode(h)).header').toEqual(header);
        expectBytes(value.payload, payload, { what: 'decoded payload' });
        expect([value.length, bytesRead], 'Length and bytesRead').toEqual([8 + payload.length, 8 + payload.length]);
        expect(value.checksum === 0, checksum ? 'a computed checksum is never sent as 0' : 'checksum: false sends 0').toBe(!checksum);
      }),
    );
  });

  it('decodes or throws FrameError on any bytes, never anything else (property)', () => {
    fc.assert(
      fc.property(hostileBytesArb, (bytes) => {
        decodesOrRejects(bytes, () => decodeUdpDatagram(bytes, VETH));
        decodesOrRejects(bytes, () => decodeUdpDatagram(bytes.subarray(Math.min(34, bytes.length)), VETH));
      }),
      { numRuns: 500 },
    );
  });
});
