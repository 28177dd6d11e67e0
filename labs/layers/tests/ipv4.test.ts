/**
 * Stage ipv4: addresses in dotted decimal, and the IPv4 header of RFC 791
 * §3.1 — options, flags and fragment offset, the header checksum, and a
 * typed error for every way a packet can lie about its own size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, type ByteField } from '@lab-kit';
import { formatIpv4Address, parseIpv4Address } from '@impl/ipv4-address.ts';
import { FrameError } from '@impl/errors.ts';
import { decodeIpv4Packet, encodeIpv4Header, encodeIpv4Packet } from '@impl/ipv4.ts';
import { IpProtocol, type Ipv4Header } from '@impl/header-types.ts';
import { hostileBytesArb, ipv4HeaderArb, payloadArb } from './fixtures/arbitraries.ts';
import { LOOPBACK_GET, VETH_GET } from './fixtures/captures.ts';
import { decodesOrRejects, errorMessage, expectFrameError } from './fixtures/expect-errors.ts';
import { IGMP_REPORT_WITH_OPTIONS, MIDDLE_FRAGMENT, PADDED_UDP } from './fixtures/handmade.ts';
import { at, corrupt, referenceSum } from './fixtures/reference.ts';

const SEE = 'RFC 791 §3.1 (header format)';
const FIELDS: ByteField[] = [
  { name: 'ipv4.version-ihl', offset: 0, length: 1 },
  { name: 'ipv4.dscp-ecn', offset: 1, length: 1 },
  { name: 'ipv4.total-length', offset: 2, length: 2 },
  { name: 'ipv4.identification', offset: 4, length: 2 },
  { name: 'ipv4.flags-fragment-offset', offset: 6, length: 2 },
  { name: 'ipv4.ttl', offset: 8, length: 1 },
  { name: 'ipv4.protocol', offset: 9, length: 1 },
  { name: 'ipv4.checksum', offset: 10, length: 2 },
  { name: 'ipv4.source', offset: 12, length: 4 },
  { name: 'ipv4.destination', offset: 16, length: 4 },
  { name: 'ipv4.options', offset: 20, length: 40 },
];

const NO_OPTIONS = new Uint8Array(0);

/** The captured search request's IPv4 header, as tshark decoded it. */
const GET_HEADER: Ipv4Header = {
  dscp: 0,
  ecn: 0,
  identification: 0xb9ce,
  dontFragment: true,
  moreFragments: false,
  fragmentOffset: 0,
  ttl: 64,
  protocol: IpProtocol.TCP,
  source: '192.0.2.10',
  destination: '192.0.2.80',
  options: NO_OPTIONS,
};
const GET_PACKET = VETH_GET.subarray(14);

/** The IGMP report: DSCP 48, TTL 1, protocol 2, the Router Alert option; IHL 6. */
const IGMP_HEADER: Ipv4Header = {
  dscp: 48,
  ecn: 0,
  identification: 0,
  dontFragment: false,
  moreFragments: false,
  fragmentOffset: 0,
  ttl: 1,
  protocol: 2,
  source: '192.0.2.10',
  destination: '239.1.2.3',
  options: fromHex('94 04 00 00'),
};

describe('IPv4 addresses', () => {
  it('parses "192.0.2.10" into four octets and formats them back', () => {
    expectBytes(parseIpv4Address('192.0.2.10'), fromHex('c0 00 02 0a'), { what: 'parseIpv4Address("192.0.2.10")' });
    expect(formatIpv4Address(fromHex('c0 00 02 0a')), 'formatIpv4Address').toBe('192.0.2.10');
    expect(formatIpv4Address(VETH_GET, 30), 'the destination address at offset 30 of the captured frame').toBe('192.0.2.80');
  });

  it('handles the extremes 0.0.0.0 and 255.255.255.255', () => {
    expectBytes(parseIpv4Address('0.0.0.0'), fromHex('00 00 00 00'), { what: 'parseIpv4Address("0.0.0.0")' });
    expectBytes(parseIpv4Address('255.255.255.255'), fromHex('ff ff ff ff'), { what: 'parseIpv4Address("255.255.255.255")' });
  });

  for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-4', '1.2.3.4 ', '1..3.4', 'a.b.c.d', '0x7f.0.0.1', '']) {
    it(`rejects ${JSON.stringify(bad)} with FrameError 'invalid-text'`, () => {
      expectFrameError(() => parseIpv4Address(bad), 'invalid-text', 'an IPv4 address is four decimal numbers 0–255 without leading zeros (RFC 6943 §3.1.1 on the ambiguous forms)');
    });
  }

  it('round-trips any address (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(formatIpv4Address(parseIpv4Address(ip)), `format(parse(${ip}))`).toBe(ip);
      }),
    );
  });
});

describe('formatIpv4Address at an offset', () => {
  it("refuses an offset that leaves fewer than 4 bytes, or is negative or fractional, with 'truncated'", () => {
    const bytes = fromHex('c0 00 02 0a 50');
    expect(formatIpv4Address(bytes, 1), 'four bytes from offset 1').toBe('0.2.10.80');
    expectFrameError(() => formatIpv4Address(bytes, 2), 'truncated', 'from offset 2 only three bytes are left');
    expectFrameError(() => formatIpv4Address(bytes, -1), 'truncated', 'there is nothing before offset 0');
    expectFrameError(() => formatIpv4Address(bytes, 0.5), 'truncated', 'an offset counts whole bytes');
  });
});

describe('encoding the IPv4 header', () => {
  it('encodes the captured request\'s header byte for byte, checksum 0xfc44 included', () => {
    expectBytes(encodeIpv4Header(GET_HEADER, 118), GET_PACKET.subarray(0, 20), {
      what: 'encodeIpv4Header(captured request, 118 bytes of TCP)',
      fields: FIELDS,
      see: `${SEE}; the checksum is RFC 1071's over the header with the checksum field zero`,
    });
  });

  it('writes IHL 6 for 4 bytes of options, and DSCP 48 in the top six bits of the second byte', () => {
    expectBytes(encodeIpv4Header(IGMP_HEADER, 8), IGMP_REPORT_WITH_OPTIONS.subarray(14, 38), {
      what: 'encodeIpv4Header(IGMP report with Router Alert)',
      fields: FIELDS,
      see: `${SEE}: IHL counts 32-bit words; RFC 2474 §3 for DSCP`,
    });
  });

  it('writes MF and a fragment offset of 185 (1480 bytes) in the flags word: 0x20b9', () => {
    const header: Ipv4Header = { ...GET_HEADER, identification: 1234, dontFragment: false, moreFragments: true, fragmentOffset: 185, protocol: IpProtocol.UDP };
    expectBytes(encodeIpv4Header(header, 32), MIDDLE_FRAGMENT.subarray(14, 34), {
      what: 'encodeIpv4Header(second fragment)',
      fields: FIELDS,
      see: `${SEE}: flags are the top 3 bits (0, DF, MF), the offset the low 13, in units of 8 bytes`,
    });
  });

  it('puts each flag and the ECN bits in their own place', () => {
    const word = (h: Partial<Ipv4Header>) => {
      const bytes = encodeIpv4Header({ ...GET_HEADER, dontFragment: false, ...h }, 0);
      return ((bytes[6]! << 8) | bytes[7]!).toString(16).padStart(4, '0');
    };
    expect(word({ dontFragment: true }), 'DF is bit 14 of the word (0x4000)').toBe('4000');
    expect(word({ moreFragments: true }), 'MF is bit 13 (0x2000)').toBe('2000');
    expect(word({ fragmentOffset: 0x1fff }), 'the offset fills the low 13 bits').toBe('1fff');
    expect(encodeIpv4Header({ ...GET_HEADER, ecn: 3 }, 0)[1], 'ECN is the low 2 bits of byte 1 (RFC 3168 §5)').toBe(0x03);
    expect(encodeIpv4Header({ ...GET_HEADER, dscp: 46 }, 0)[1], 'DSCP 46 (EF) shifted left by 2 is 0xb8 (RFC 2474 §3)').toBe(0xb8);
  });

  it('encodeIpv4Packet puts the payload after the header', () => {
    expectBytes(encodeIpv4Packet(GET_HEADER, GET_PACKET.subarray(20)), GET_PACKET, { what: 'encodeIpv4Packet(captured request)', fields: FIELDS });
  });

  it("rejects options that are not whole 32-bit words or longer than 40 bytes with 'value-out-of-range'", () => {
    expectFrameError(() => encodeIpv4Header({ ...GET_HEADER, options: fromHex('94 04 00') }, 0), 'value-out-of-range', 'IHL counts 32-bit words, so 3 bytes of options cannot be described (RFC 791 §3.1: pad with zeros)');
    expectFrameError(() => encodeIpv4Header({ ...GET_HEADER, options: new Uint8Array(44) }, 0), 'value-out-of-range', 'IHL is 4 bits: at most 15 words, 60 bytes, 40 of options');
  });

  it("rejects fields too big for their bits with 'value-out-of-range', and a bad address with 'invalid-text'", () => {
    const cases: [string, Partial<Ipv4Header>][] = [
      ['TTL 256', { ttl: 256 }],
      ['DSCP 64', { dscp: 64 }],
      ['ECN 4', { ecn: 4 }],
      ['fragment offset 8192', { fragmentOffset: 8192 }],
      ['identification 65536', { identification: 65536 }],
      ['protocol -1', { protocol: -1 }],
    ];
    for (const [what, change] of cases) expectFrameError(() => encodeIpv4Header({ ...GET_HEADER, ...change }, 0), 'value-out-of-range', `${what} does not fit its field (${SEE})`);
    expectFrameError(() => encodeIpv4Header(GET_HEADER, 65516), 'value-out-of-range', 'Total Length is 16 bits: 20 + 65516 > 65535');
    expectFrameError(() => encodeIpv4Header({ ...GET_HEADER, destination: '192.0.2' }, 0), 'invalid-text', 'the destination is not an address');
  });

  it('always writes a header that sums to 0xffff (property)', () => {
    fc.assert(
      fc.property(ipv4HeaderArb, fc.integer({ min: 0, max: 1500 }), (header, payloadLength) => {
        const bytes = encodeIpv4Header(header, payloadLength);
        expect(bytes.length, 'header length = 20 + options').toBe(20 + header.options.length);
        expect(referenceSum(bytes).toString(16), 'a header with its checksum sums to 0xffff (RFC 1071 §1 (3))').toBe('ffff');
      }),
    );
  });
});

describe('errors that point at the byte', () => {
  it('gives each decoding error the offset of its field, counted from the start of the buffer', () => {
    const offsetOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof FrameError ? error.offset : String(error);
      }
      return 'no error';
    };
    const packet = VETH_GET.slice(14);
    const framed = (bytes: Uint8Array) => at(14, bytes);
    const short = packet.slice();
    short[3] = 19; // Total Length 19: less than the header
    expect(offsetOf(() => decodeIpv4Packet(framed(short), 14)), 'bad-total-length: the Total Length field, 2 bytes into the header').toBe(16);
    expect(offsetOf(() => decodeIpv4Packet(framed(packet.subarray(0, 100)), 14)), 'total-length-beyond-buffer: the Total Length field').toBe(16);
    expect(offsetOf(() => decodeIpv4Packet(framed(corrupt(packet, 8, 0x01)), 14)), 'bad-checksum: the checksum field, 10 bytes into the header').toBe(24);
  });
});

describe('errors that name the field', () => {
  it('says which header field is out of range', () => {
    const message = (h: Partial<Ipv4Header>) => errorMessage(() => encodeIpv4Header({ ...GET_HEADER, ...h }, 0));
    expect(message({ dscp: 64 }), 'DSCP is 6 bits').toMatch(/DSCP/);
    expect(message({ ecn: 4 }), 'ECN is 2 bits').toMatch(/ECN/);
    expect(message({ identification: 0x10000 }), 'identification is 16 bits').toMatch(/identification/);
    expect(message({ fragmentOffset: 0x2000 }), 'the fragment offset is 13 bits').toMatch(/fragment offset/);
    expect(message({ ttl: 256 }), 'TTL is 8 bits').toMatch(/TTL/);
    expect(message({ protocol: 256 }), 'protocol is 8 bits').toMatch(/protocol/);
  });
});

describe('decoding an IPv4 packet', () => {
  it('decodes the captured request\'s packet: fields, header length 20, total length 138, checksum as read, the TCP bytes as payload', () => {
    const { value, bytesRead } = decodeIpv4Packet(VETH_GET, 14);
    expect(value.header, `header fields of the captured request (tshark agrees; ${SEE})`).toEqual(GET_HEADER);
    expect({ headerLength: value.headerLength, totalLength: value.totalLength, checksum: value.checksum }, 'the derived fields as read').toEqual({ headerLength: 20, totalLength: 138, checksum: 0xfc44 });
    expectBytes(value.payload, VETH_GET.subarray(34), { what: 'payload: the TCP segment' });
    expect(bytesRead, 'bytesRead is the Total Length').toBe(138);
  });

  it('keeps options as bytes and starts the payload after IHL × 4 bytes', () => {
    const { value } = decodeIpv4Packet(IGMP_REPORT_WITH_OPTIONS, 14);
    expect(value.header, 'the IGMP report\'s header, Router Alert option kept as its 4 bytes (RFC 2113 §2.1)').toEqual(IGMP_HEADER);
    expect(value.headerLength, 'IHL 6 → 24 bytes').toBe(24);
    expectBytes(value.payload, fromHex('16 00 f8 fa ef 01 02 03'), { what: 'payload: the 8-byte IGMP message, not the option' });
  });

  it('ignores Ethernet padding after Total Length: the payload stops where the packet does', () => {
    // PADDED_UDP is a 60-byte frame holding a 29-byte packet; 17 zero bytes of padding follow it.
    const { value, bytesRead } = decodeIpv4Packet(PADDED_UDP, 14);
    expect(bytesRead, 'Total Length 29, not the 46 bytes after the Ethernet header').toBe(29);
    expectBytes(value.payload, fromHex('cf 08 00 09 00 09 4b 6f 61'), { what: 'payload of the padded frame', see: 'RFC 791 §3.1 Total Length; IEEE 802.3 §4.4.2 padding' });
  });

  it('decodes a fragment: MF set, offset 185 in 8-byte units', () => {
    const { header } = decodeIpv4Packet(MIDDLE_FRAGMENT, 14).value;
    expect(
      { identification: header.identification, dontFragment: header.dontFragment, moreFragments: header.moreFragments, fragmentOffset: header.fragmentOffset },
      `flags word 0x20b9 (${SEE})`,
    ).toEqual({ identification: 1234, dontFragment: false, moreFragments: true, fragmentOffset: 185 });
  });

  it('decodes the loopback capture too: 127.0.0.1 to itself, checksum good', () => {
    const { header } = decodeIpv4Packet(LOOPBACK_GET, 14).value;
    expect([header.source, header.destination, header.ttl, header.identification], 'source, destination, TTL, identification').toEqual(['127.0.0.1', '127.0.0.1', 64, 0x861c]);
  });

  it("rejects fewer than 20 bytes with 'truncated'", () => {
    expectFrameError(() => decodeIpv4Packet(GET_PACKET.subarray(0, 19)), 'truncated', 'the fixed header is 20 bytes');
    expectFrameError(() => decodeIpv4Packet(VETH_GET, VETH_GET.length - 10), 'truncated', 'only 10 bytes after the offset');
  });

  it("rejects a version other than 4 with 'bad-version' (an IPv6 packet starts with 6)", () => {
    expectFrameError(() => decodeIpv4Packet(corrupt(GET_PACKET, 0, 0x30)), 'bad-version', 'first nibble 6: this is IPv6, not IPv4 (RFC 791 §3.1 Version)');
  });

  it("rejects IHL below 5 with 'bad-ihl'", () => {
    expectFrameError(() => decodeIpv4Packet(corrupt(GET_PACKET, 0, 0x01)), 'bad-ihl', 'IHL 4 is shorter than the 5-word fixed header (RFC 791 §3.1: minimum value 5)');
    expectFrameError(() => decodeIpv4Packet(corrupt(GET_PACKET, 0, 0x05)), 'bad-ihl', 'IHL 0');
  });

  it("rejects a Total Length smaller than the header with 'bad-total-length'", () => {
    const short = GET_PACKET.slice();
    short[2] = 0;
    short[3] = 19;
    expectFrameError(() => decodeIpv4Packet(short), 'bad-total-length', 'Total Length 19 < the 20-byte header it includes');
    const longHeader = GET_PACKET.slice();
    longHeader[0] = 0x4f; // IHL 15: 60 bytes
    longHeader[2] = 0;
    longHeader[3] = 40;
    expectFrameError(() => decodeIpv4Packet(longHeader), 'bad-total-length', 'IHL 15 says 60 bytes of header, Total Length only 40');
  });

  it("rejects a Total Length beyond the buffer with 'total-length-beyond-buffer' — a capture cut short", () => {
    expectFrameError(() => decodeIpv4Packet(GET_PACKET.subarray(0, 100)), 'total-length-beyond-buffer', 'Total Length 138, only 100 bytes captured');
    expectFrameError(() => decodeIpv4Packet(IGMP_REPORT_WITH_OPTIONS.subarray(0, 44), 14), 'total-length-beyond-buffer', 'Total Length 32 from offset 14, only 30 bytes there');
  });

  it("rejects a header that does not sum to 0xffff with 'bad-checksum', unless asked not to verify", () => {
    const damaged = corrupt(GET_PACKET, 8, 0x01); // TTL 64 → 65, checksum unchanged
    expectFrameError(() => decodeIpv4Packet(damaged), 'bad-checksum', 'the TTL changed after the checksum was computed (RFC 791 §3.1 Header Checksum)');
    const { value } = decodeIpv4Packet(damaged, 0, { verifyChecksum: false });
    expect([value.header.ttl, value.checksum], 'verifyChecksum: false decodes anyway and reports the checksum as read').toEqual([65, 0xfc44]);
  });

  it('checks in the documented order: size, version, IHL, total length, buffer, checksum', () => {
    // Version 6 AND a wrong checksum: the version is checked first.
    expectFrameError(() => decodeIpv4Packet(corrupt(GET_PACKET, 0, 0x30)), 'bad-version', 'version comes before the checksum');
    // IHL 4 AND Total Length beyond the buffer: IHL first.
    expectFrameError(() => decodeIpv4Packet(corrupt(GET_PACKET, 0, 0x01).subarray(0, 60)), 'bad-ihl', 'IHL comes before Total Length');
  });

  it('round-trips any header and payload at any offset (property)', () => {
    fc.assert(
      fc.property(ipv4HeaderArb, payloadArb, fc.integer({ min: 0, max: 20 }), fc.uint8Array({ maxLength: 20 }), (header, payload, offset, padding) => {
        const packet = encodeIpv4Packet(header, payload);
        const buffer = at(offset, Uint8Array.from([...packet, ...padding]));
        const { value, bytesRead } = decodeIpv4Packet(buffer, offset);
        expect(value.header, `decode(encode(h, p)).header at offset ${offset}`).toEqual(header);
        expectBytes(value.payload, payload, { what: 'decoded payload' });
        expect([value.headerLength, value.totalLength, bytesRead], 'header length, total length, bytesRead').toEqual([20 + header.options.length, packet.length, packet.length]);
      }),
    );
  });

  it('decodes or throws FrameError on any bytes, never anything else (property)', () => {
    fc.assert(
      fc.property(hostileBytesArb, fc.boolean(), (bytes, verify) => {
        decodesOrRejects(bytes, () => decodeIpv4Packet(bytes, 0, { verifyChecksum: verify }));
        decodesOrRejects(bytes, () => decodeIpv4Packet(bytes, 14, { verifyChecksum: verify }));
      }),
      { numRuns: 500 },
    );
  });
});
