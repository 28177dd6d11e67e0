/**
 * Stage ethernet: MAC addresses in text and bytes, and the 14-byte Ethernet
 * II header (IEEE 802.3 §3.1.1 with the type interpretation of §3.2.6).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, type ByteField } from '@lab-kit';
import { decodeEthernetFrame, decodeEthernetHeader, encodeEthernetFrame, encodeEthernetHeader } from '@impl/ethernet.ts';
import { formatMac, parseMac } from '@impl/mac.ts';
import { ETHERNET_HEADER_LENGTH, ETHERNET_MIN_FRAME_LENGTH, EtherType, type EthernetHeader } from '@impl/header-types.ts';
import { hostileBytesArb, macArb } from './fixtures/arbitraries.ts';
import { LOOPBACK_GET, VETH_GET } from './fixtures/captures.ts';
import { decodesOrRejects, expectFrameError } from './fixtures/expect-errors.ts';
import { ARP_REQUEST } from './fixtures/handmade.ts';
import { at } from './fixtures/reference.ts';

const SEE = 'IEEE 802.3 §3.1.1 (frame format); the chapter\'s "Ethernet II" section';
const FIELDS: ByteField[] = [
  { name: 'ethernet.destination', offset: 0, length: 6 },
  { name: 'ethernet.source', offset: 6, length: 6 },
  { name: 'ethernet.type', offset: 12, length: 2 },
];

/** The header of the captured search request: client 02:00:00:00:00:0a to server 02:00:00:00:00:50, IPv4. */
const GET_HEADER: EthernetHeader = { destination: '02:00:00:00:00:50', source: '02:00:00:00:00:0a', etherType: 0x0800 };

describe('MAC addresses', () => {
  it('parses "02:00:00:00:00:0a" into six octets and formats them back', () => {
    expectBytes(parseMac('02:00:00:00:00:0a'), fromHex('02 00 00 00 00 0a'), { what: 'parseMac("02:00:00:00:00:0a")' });
    expect(formatMac(fromHex('02 00 00 00 00 0a')), 'formatMac: lower-case hex pairs joined by ":"').toBe('02:00:00:00:00:0a');
  });

  it('accepts upper case and always formats lower case, two digits per octet', () => {
    expectBytes(parseMac('FF:ff:Ab:00:0C:d9'), fromHex('ff ff ab 00 0c d9'), { what: 'parseMac of mixed case' });
    expect(formatMac(fromHex('ff ff ab 00 0c d9')), 'a leading zero is kept: 0c, not c').toBe('ff:ff:ab:00:0c:d9');
  });

  it('formats six octets at an offset', () => {
    expect(formatMac(VETH_GET, 6), 'the source MAC at offset 6 of the captured frame').toBe('02:00:00:00:00:0a');
  });

  for (const bad of ['02:00:00:00:00', '02:00:00:00:00:0a:01', '2:00:00:00:00:0a', '02-00-00-00-00-0a', '02:00:00:00:00:0g', ' 02:00:00:00:00:0a', '']) {
    it(`rejects ${JSON.stringify(bad)} with FrameError 'invalid-text'`, () => {
      expectFrameError(() => parseMac(bad), 'invalid-text', 'a MAC is exactly six two-digit hex pairs joined by ":"');
    });
  }

  it('round-trips any MAC (property)', () => {
    fc.assert(
      fc.property(macArb, (mac) => {
        expect(formatMac(parseMac(mac)), `formatMac(parseMac(${mac}))`).toBe(mac);
      }),
    );
  });
});

describe('formatMac at an offset', () => {
  it("refuses an offset that leaves fewer than 6 bytes, or is negative or fractional, with 'truncated'", () => {
    const bytes = fromHex('02 00 00 00 00 0a 0b');
    expect(formatMac(bytes, 1), 'six bytes from offset 1').toBe('00:00:00:00:0a:0b');
    expectFrameError(() => formatMac(bytes, 2), 'truncated', 'from offset 2 only five bytes are left');
    expectFrameError(() => formatMac(bytes, -1), 'truncated', 'there is nothing before offset 0');
    expectFrameError(() => formatMac(bytes, 0.5), 'truncated', 'an offset counts whole bytes');
  });
});

describe('Ethernet II header', () => {
  it('has the EtherTypes of IPv4, ARP and IPv6 and a 14-byte header, 60-byte minimum frame', () => {
    expect(EtherType, 'EtherType constants (IEEE registry, listed in RFC 9542)').toEqual({ IPV4: 0x0800, ARP: 0x0806, IPV6: 0x86dd });
    expect(ETHERNET_HEADER_LENGTH, 'two 6-byte MACs and a 2-byte type').toBe(14);
    expect(ETHERNET_MIN_FRAME_LENGTH, '64-byte minimum frame (IEEE 802.3 §4.4.2) minus the 4-byte FCS, which captures leave out').toBe(60);
  });

  it('encodes the header of the captured search request: destination, source, then EtherType 0x0800', () => {
    expectBytes(encodeEthernetHeader(GET_HEADER), VETH_GET.subarray(0, 14), { what: 'encodeEthernetHeader', fields: FIELDS, see: SEE });
  });

  it('decodes the captured frame\'s header into MACs and an EtherType, 14 bytes read', () => {
    expect(decodeEthernetHeader(VETH_GET, 0), `the first 14 bytes of the captured request (${SEE})`).toEqual({ value: GET_HEADER, bytesRead: 14 });
  });

  it('decodes a Linux loopback frame: both MACs all zeros, EtherType IPv4', () => {
    expect(decodeEthernetHeader(LOOPBACK_GET, 0).value, 'lo has no real link layer; Linux frames it as Ethernet with zero MACs').toEqual({
      destination: '00:00:00:00:00:00',
      source: '00:00:00:00:00:00',
      etherType: EtherType.IPV4,
    });
  });

  it('encodes and decodes a broadcast ARP header (EtherType 0x0806)', () => {
    const arp: EthernetHeader = { destination: 'ff:ff:ff:ff:ff:ff', source: '02:00:00:00:00:0a', etherType: EtherType.ARP };
    expectBytes(encodeEthernetHeader(arp), ARP_REQUEST.subarray(0, 14), { what: 'encodeEthernetHeader(ARP broadcast)', fields: FIELDS, see: 'RFC 826' });
    expect(decodeEthernetHeader(ARP_REQUEST).value, 'decodeEthernetHeader(ARP request)').toEqual(arp);
  });

  it('writes the EtherType big-endian: IPv6 is 86 dd', () => {
    const bytes = encodeEthernetHeader({ destination: '33:33:00:00:00:01', source: '02:00:00:00:00:0a', etherType: EtherType.IPV6 });
    expectBytes(bytes.subarray(12), fromHex('86 dd'), { what: 'EtherType bytes', see: 'network byte order: most significant byte first' });
  });

  it('decodes at an offset', () => {
    expect(decodeEthernetHeader(at(5, VETH_GET.subarray(0, 14)), 5), 'decodeEthernetHeader(bytes, 5)').toEqual({ value: GET_HEADER, bytesRead: 14 });
  });

  it("rejects fewer than 14 bytes with FrameError 'truncated'", () => {
    expectFrameError(() => decodeEthernetHeader(VETH_GET.subarray(0, 13)), 'truncated', 'the header is 14 bytes and only 13 are there');
    expectFrameError(() => decodeEthernetHeader(VETH_GET.subarray(0, 20), 10), 'truncated', 'from offset 10 only 10 bytes are left');
    expectFrameError(() => decodeEthernetHeader(new Uint8Array(0)), 'truncated', 'an empty buffer has no header');
  });

  it('rejects a bad MAC or an EtherType above 0xffff when encoding', () => {
    expectFrameError(() => encodeEthernetHeader({ ...GET_HEADER, source: '02:00:00:00:00' }), 'invalid-text', 'the source MAC has five octets');
    expectFrameError(() => encodeEthernetHeader({ ...GET_HEADER, etherType: 0x10000 }), 'value-out-of-range', 'EtherType is a 16-bit field');
  });

  it('round-trips any header at any offset (property)', () => {
    const headerArb = fc.record({ destination: macArb, source: macArb, etherType: fc.integer({ min: 0, max: 0xffff }) });
    fc.assert(
      fc.property(headerArb, fc.integer({ min: 0, max: 20 }), (header, offset) => {
        const bytes = encodeEthernetHeader(header);
        expect(bytes.length, 'encodeEthernetHeader length').toBe(14);
        expect(decodeEthernetHeader(at(offset, bytes), offset), `decode(encode(h)) at offset ${offset}`).toEqual({ value: header, bytesRead: 14 });
      }),
    );
  });

  it('decodes or throws FrameError on any bytes, never anything else (property)', () => {
    fc.assert(fc.property(hostileBytesArb, fc.integer({ min: 0, max: 20 }), (bytes, offset) => decodesOrRejects(bytes, () => decodeEthernetHeader(bytes, offset))));
  });
});

describe('whole frames', () => {
  it('pads a short payload with zeros to the 60-byte minimum', () => {
    const frame = encodeEthernetFrame(GET_HEADER, fromHex('de ad be ef'));
    const expected = new Uint8Array(60);
    expected.set(VETH_GET.subarray(0, 14));
    expected.set(fromHex('de ad be ef'), 14);
    expectBytes(frame, expected, {
      what: 'encodeEthernetFrame with a 4-byte payload',
      fields: [...FIELDS, { name: 'payload', offset: 14, length: 4 }, { name: 'padding', offset: 18, length: 42 }],
      see: 'IEEE 802.3 §4.4.2: minFrameSize 64 bytes, 60 without the FCS',
    });
  });

  it('does not pad a payload of 46 bytes or more', () => {
    expect(encodeEthernetFrame(GET_HEADER, new Uint8Array(46)).length, '14 + 46 = 60: already the minimum').toBe(60);
    expectBytes(encodeEthernetFrame(GET_HEADER, VETH_GET.subarray(14)), VETH_GET, { what: 'encodeEthernetFrame of the captured request', fields: FIELDS });
  });

  it('splits a frame into header and everything after it, padding included', () => {
    const { value, bytesRead } = decodeEthernetFrame(ARP_REQUEST);
    expect(value.header.etherType, 'EtherType of the ARP request').toBe(EtherType.ARP);
    expectBytes(value.payload, ARP_REQUEST.subarray(14), { what: 'payload: 28 bytes of ARP and 18 of padding — the link layer cannot tell them apart' });
    expect(bytesRead, 'the whole frame is read').toBe(60);
  });

  it("rejects a frame under 14 bytes with 'truncated'", () => {
    expectFrameError(() => decodeEthernetFrame(fromHex('ff ff ff ff ff ff')), 'truncated', 'six bytes are not a header');
  });
});
