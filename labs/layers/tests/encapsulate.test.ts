/**
 * Stage encapsulate: one HTTP request down the stack — TCP, IPv4, Ethernet —
 * and back up, every checksum checked on the way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, type ByteField } from '@lab-kit';
import { decapsulate, encapsulateHttpRequest } from '@impl/encapsulate.ts';
import { parseHttpRequestLine } from '@impl/http-request-line.ts';
import { ETHERNET_MTU, type HttpRequestFrameOptions } from '@impl/encapsulation-types.ts';
import { makeTcpFlags } from '@impl/header-types.ts';
import { hostileBytesArb, ipv4Arb, macArb, portArb, u32Arb } from './fixtures/arbitraries.ts';
import { LOOPBACK_GET, VETH_DNS_QUERY, VETH_GET, VETH_GET_FRAME, VETH_GET_REQUEST, VETH_GET_TCP_OPTIONS } from './fixtures/captures.ts';
import { decodesOrRejects, errorMessage, expectFrameError } from './fixtures/expect-errors.ts';
import { ARP_REQUEST, FIRST_FRAGMENT, IGMP_REPORT_WITH_OPTIONS, LAST_FRAGMENT, MIDDLE_FRAGMENT } from './fixtures/handmade.ts';
import { corrupt, utf8 } from './fixtures/reference.ts';

const FRAME_FIELDS: ByteField[] = [
  { name: 'ethernet.destination', offset: 0, length: 6 },
  { name: 'ethernet.source', offset: 6, length: 6 },
  { name: 'ethernet.type', offset: 12, length: 2 },
  { name: 'ipv4.version-ihl', offset: 14, length: 1 },
  { name: 'ipv4.dscp-ecn', offset: 15, length: 1 },
  { name: 'ipv4.total-length', offset: 16, length: 2 },
  { name: 'ipv4.identification', offset: 18, length: 2 },
  { name: 'ipv4.flags-fragment-offset', offset: 20, length: 2 },
  { name: 'ipv4.ttl', offset: 22, length: 1 },
  { name: 'ipv4.protocol', offset: 23, length: 1 },
  { name: 'ipv4.checksum', offset: 24, length: 2 },
  { name: 'ipv4.source', offset: 26, length: 4 },
  { name: 'ipv4.destination', offset: 30, length: 4 },
  { name: 'tcp.source-port', offset: 34, length: 2 },
  { name: 'tcp.destination-port', offset: 36, length: 2 },
  { name: 'tcp.sequence-number', offset: 38, length: 4 },
  { name: 'tcp.acknowledgment-number', offset: 42, length: 4 },
  { name: 'tcp.data-offset', offset: 46, length: 1 },
  { name: 'tcp.flags', offset: 47, length: 1 },
  { name: 'tcp.window', offset: 48, length: 2 },
  { name: 'tcp.checksum', offset: 50, length: 2 },
  { name: 'tcp.urgent-pointer', offset: 52, length: 2 },
  { name: 'tcp.options', offset: 54, length: 12 },
  { name: 'payload (the HTTP request)', offset: 66, length: 86 },
];

/** Everything that went into the captured request frame, read off the capture. */
const CAPTURED: HttpRequestFrameOptions = VETH_GET_FRAME;

/** A plain request from the story, defaults for everything optional. */
const SHOPPER: HttpRequestFrameOptions = {
  request: 'GET /search?q=a HTTP/1.1\r\nHost: shop.example\r\n\r\n',
  sourceMac: '02:00:00:00:00:0a',
  destinationMac: '02:00:00:00:00:01',
  sourceIp: '198.51.100.23',
  destinationIp: '203.0.113.10',
  sourcePort: 51514,
  destinationPort: 80,
  sequenceNumber: 1000,
  acknowledgmentNumber: 5000,
};

describe('encapsulateHttpRequest', () => {
  it('rebuilds the captured request frame byte for byte from its fields', () => {
    expectBytes(encapsulateHttpRequest(CAPTURED), VETH_GET, {
      what: 'encapsulateHttpRequest(the fields of the captured request)',
      fields: FRAME_FIELDS,
      see: 'the chapter\'s "encapsulation" walk-through; RFC 9293 §3.1, RFC 791 §3.1, IEEE 802.3 §3.1.1',
    });
  });

  it('uses the documented defaults: window 65535, TTL 64, identification 0, DF, no options, PSH+ACK', () => {
    const { ipv4, tcp } = decapsulate(encapsulateHttpRequest(SHOPPER));
    expect(
      { window: tcp?.window, options: tcp?.options, flags: tcp?.flags, urgentPointer: tcp?.urgentPointer },
      'TCP header defaults',
    ).toEqual({ window: 65535, options: new Uint8Array(0), flags: makeTcpFlags({ psh: true, ack: true }), urgentPointer: 0 });
    expect(ipv4, 'IPv4 header defaults').toEqual({
      dscp: 0,
      ecn: 0,
      identification: 0,
      dontFragment: true,
      moreFragments: false,
      fragmentOffset: 0,
      ttl: 64,
      protocol: 6,
      source: '198.51.100.23',
      destination: '203.0.113.10',
      options: new Uint8Array(0),
    });
  });

  it('fits a 1460-byte request in one 1514-byte frame, and refuses 1461 bytes with \'exceeds-mtu\'', () => {
    // MTU 1500 − 20 (IPv4) − 20 (TCP) = 1460, the MSS the SYN announced.
    expect(ETHERNET_MTU, 'Ethernet\'s MTU (RFC 894)').toBe(1500);
    expect(encapsulateHttpRequest({ ...SHOPPER, request: 'x'.repeat(1460) }).length, '14 + 1500').toBe(1514);
    expectFrameError(() => encapsulateHttpRequest({ ...SHOPPER, request: 'x'.repeat(1461) }), 'exceeds-mtu', 'a 1501-byte IPv4 packet does not fit a 1500-byte MTU: TCP would have sent two segments');
    expect(errorMessage(() => encapsulateHttpRequest({ ...SHOPPER, request: 'x'.repeat(1461) })), 'the error says how much would fit').toMatch(/1501.*1500.*1460/);
  });

  it('counts TCP options against the MTU, and honours a smaller MTU', () => {
    expect(encapsulateHttpRequest({ ...SHOPPER, request: 'x'.repeat(1448), tcpOptions: VETH_GET_TCP_OPTIONS }).length, 'with 12 bytes of timestamps 1448 bytes fit').toBe(1514);
    expectFrameError(() => encapsulateHttpRequest({ ...SHOPPER, request: 'x'.repeat(1449), tcpOptions: VETH_GET_TCP_OPTIONS }), 'exceeds-mtu', '20 + 32 + 1449 = 1501 bytes');
    expectFrameError(() => encapsulateHttpRequest({ ...SHOPPER, request: 'x'.repeat(537), mtu: 576 }), 'exceeds-mtu', 'MTU 576 (RFC 791\'s minimum datagram every host accepts) leaves 536 bytes');
  });

  it('encodes the request as UTF-8', () => {
    const { payload } = decapsulate(encapsulateHttpRequest({ ...SHOPPER, request: 'GET /search?q=é HTTP/1.1\r\n\r\n' }));
    expectBytes(payload.subarray(14, 16), fromHex('c3 a9'), { what: '"é" in the payload', see: 'UTF-8: U+00E9 is c3 a9' });
  });

  it('pads a tiny frame to 60 bytes, and decapsulate still returns exactly the request', () => {
    const frame = encapsulateHttpRequest({ ...SHOPPER, request: 'ping' });
    expect(frame.length, '14 + 20 + 20 + 4 = 58 bytes, padded to the 60-byte minimum').toBe(60);
    expectBytes(decapsulate(frame).payload, utf8('ping'), { what: 'decapsulated payload: IPv4 Total Length leaves the 2 padding bytes out' });
  });
});

describe('decapsulate', () => {
  it('takes the captured request apart layer by layer, down to the HTTP request line', () => {
    const result = decapsulate(VETH_GET);
    expect(result.ethernet, 'Ethernet').toEqual({ destination: '02:00:00:00:00:50', source: '02:00:00:00:00:0a', etherType: 0x0800 });
    expect([result.ipv4.source, result.ipv4.destination, result.ipv4.ttl, result.ipv4.protocol], 'IPv4 source, destination, TTL, protocol').toEqual(['192.0.2.10', '192.0.2.80', 64, 6]);
    expect(result.tcp, 'TCP').toEqual({
      sourcePort: 54140,
      destinationPort: 80,
      sequenceNumber: 1815706348,
      acknowledgmentNumber: 2732696339,
      flags: makeTcpFlags({ psh: true, ack: true }),
      window: 63,
      urgentPointer: 0,
      options: VETH_GET_TCP_OPTIONS,
    });
    expect(result.udp, 'no UDP header in a TCP frame').toBeUndefined();
    expectBytes(result.payload, utf8(VETH_GET_REQUEST), { what: 'payload' });
    expect(result.httpRequestLine, 'the request line (RFC 9112 §3)').toEqual({ method: 'GET', target: '/search?q=a', version: 'HTTP/1.1' });
  });

  it('takes the captured DNS query apart: a UDP header and the DNS message, no request line', () => {
    const result = decapsulate(VETH_DNS_QUERY);
    expect(result.udp, 'UDP ports').toEqual({ sourcePort: 53000, destinationPort: 53 });
    expect(result.tcp, 'no TCP header in a UDP frame').toBeUndefined();
    expect(result.httpRequestLine, 'a DNS query is not HTTP').toBeUndefined();
    expectBytes(result.payload, VETH_DNS_QUERY.subarray(42), { what: 'payload: the DNS query' });
  });

  it("rejects the loopback capture with 'bad-checksum', and decodes it when told not to verify", () => {
    expectFrameError(() => decapsulate(LOOPBACK_GET), 'bad-checksum', 'its TCP checksum field holds only the pseudo-header sum (checksum offload on lo)');
    const result = decapsulate(LOOPBACK_GET, { verifyChecksums: false });
    expect([result.ethernet.source, result.ipv4.source, result.tcp?.destinationPort, result.httpRequestLine?.target], 'zero MAC, 127.0.0.1, port 8080, /search?q=a').toEqual([
      '00:00:00:00:00:00',
      '127.0.0.1',
      8080,
      '/search?q=a',
    ]);
  });

  it('checks every checksum on the way up', () => {
    expectFrameError(() => decapsulate(corrupt(VETH_GET, 22, 0x01)), 'bad-checksum', 'the IPv4 TTL changed: the header checksum fails');
    expectFrameError(() => decapsulate(corrupt(VETH_GET, 100)), 'bad-checksum', 'a byte of the request changed: the TCP checksum fails');
    expectFrameError(() => decapsulate(corrupt(VETH_DNS_QUERY, 60)), 'bad-checksum', 'a byte of the DNS query changed: the UDP checksum fails');
  });

  it("refuses what it cannot take further: 'unsupported-ethertype', 'fragment', 'unsupported-protocol'", () => {
    expectFrameError(() => decapsulate(ARP_REQUEST), 'unsupported-ethertype', 'EtherType 0x0806 is ARP, not IPv4');
    expectFrameError(() => decapsulate(MIDDLE_FRAGMENT), 'fragment', 'MF set, offset 185: the UDP header is in the first fragment (RFC 791 §2.3)');
    expectFrameError(() => decapsulate(IGMP_REPORT_WITH_OPTIONS), 'unsupported-protocol', 'protocol 2 is IGMP');
  });

  it("refuses the first fragment (MF set, offset 0) and the last (MF clear, offset 6) alike with 'fragment'", () => {
    expectFrameError(() => decapsulate(FIRST_FRAGMENT), 'fragment', 'MF set, offset 0: the UDP header is here, but its Length and checksum cover all 72 bytes of the datagram');
    expectFrameError(() => decapsulate(LAST_FRAGMENT), 'fragment', 'MF clear, offset 6: the last fragment; its data merely looks like a UDP header (RFC 791 §3.2: a fragment has MF set or a non-zero offset)');
  });

  it('passes the layers\' own errors up: a cut-short capture, a frame too short for Ethernet', () => {
    expectFrameError(() => decapsulate(VETH_GET.subarray(0, 100)), 'total-length-beyond-buffer', 'Total Length 138, only 86 bytes after the Ethernet header');
    expectFrameError(() => decapsulate(VETH_GET.subarray(0, 10)), 'truncated', 'not even an Ethernet header');
  });

  it('gets back every field and the request for any options (property)', () => {
    const segmentArb = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-._~'), maxLength: 12 });
    const targetArb = fc
      .tuple(fc.array(segmentArb, { maxLength: 4 }), fc.option(segmentArb, { nil: undefined }))
      .map(([segments, query]) => '/' + segments.join('/') + (query === undefined ? '' : `?q=${query}`));
    const requestArb = fc
      .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), targetArb, fc.string({ unit: fc.constantFrom(...'abcdefghij: -/=?'), maxLength: 300 }))
      .map(([method, target, note]) => `${method} ${target} HTTP/1.1\r\nHost: shop.example\r\nX-Note: ${note}\r\n\r\n`);
    const optionsArb = fc.record({
      request: requestArb,
      sourceMac: macArb,
      destinationMac: macArb,
      sourceIp: ipv4Arb,
      destinationIp: ipv4Arb,
      sourcePort: portArb,
      destinationPort: portArb,
      sequenceNumber: u32Arb,
      acknowledgmentNumber: u32Arb,
      window: portArb,
      ttl: fc.integer({ min: 0, max: 255 }),
      identification: portArb,
      dontFragment: fc.boolean(),
    });
    fc.assert(
      fc.property(optionsArb, (options) => {
        const result = decapsulate(encapsulateHttpRequest(options));
        expect(
          {
            ethernet: result.ethernet,
            ip: [result.ipv4.source, result.ipv4.destination, result.ipv4.ttl, result.ipv4.identification, result.ipv4.dontFragment],
            tcp: [result.tcp?.sourcePort, result.tcp?.destinationPort, result.tcp?.sequenceNumber, result.tcp?.acknowledgmentNumber, result.tcp?.window],
            request: new TextDecoder().decode(result.payload),
          },
          'decapsulate(encapsulateHttpRequest(options))',
        ).toEqual({
          ethernet: { destination: options.destinationMac, source: options.sourceMac, etherType: 0x0800 },
          ip: [options.sourceIp, options.destinationIp, options.ttl, options.identification, options.dontFragment],
          tcp: [options.sourcePort, options.destinationPort, options.sequenceNumber, options.acknowledgmentNumber, options.window],
          request: options.request,
        });
        const [method, target] = options.request.split(' ');
        expect(result.httpRequestLine, 'the request line').toEqual({ method, target, version: 'HTTP/1.1' });
      }),
      { numRuns: 200 },
    );
  });

  it('returns or throws FrameError on any bytes, never anything else (property)', () => {
    fc.assert(
      fc.property(hostileBytesArb, fc.boolean(), (bytes, verifyChecksums) => decodesOrRejects(bytes, () => decapsulate(bytes, { verifyChecksums }))),
      { numRuns: 500 },
    );
  });
});

describe('parseHttpRequestLine', () => {
  it('reads method, target and version from the first line', () => {
    expect(parseHttpRequestLine(utf8('POST /orders HTTP/1.1\r\nHost: shop.example\r\n\r\n')), 'RFC 9112 §3').toEqual({ method: 'POST', target: '/orders', version: 'HTTP/1.1' });
    expect(parseHttpRequestLine(utf8('OPTIONS * HTTP/1.1\r\n')), 'the asterisk form (RFC 9112 §3.2.4)').toEqual({ method: 'OPTIONS', target: '*', version: 'HTTP/1.1' });
  });

  it('finds no request line until its LF has arrived, and matches the whole line only', () => {
    expect(parseHttpRequestLine(utf8('GET / HTTP/1.1\r')), 'the CR came, the LF is in the next segment: the line is not complete').toBeUndefined();
    expect(parseHttpRequestLine(utf8(' GET / HTTP/1.1\r\n')), 'a leading space: no method starts the line (RFC 9112 §3)').toBeUndefined();
    expect(parseHttpRequestLine(utf8('GET / HTTP/1.10\r\n')), 'HTTP-version is one digit, a dot, one digit').toBeUndefined();
  });

  it('accepts a bare LF as the line end (RFC 9112 §2.2)', () => {
    expect(parseHttpRequestLine(utf8('GET / HTTP/1.0\nHost: x\n\n')), 'LF only').toEqual({ method: 'GET', target: '/', version: 'HTTP/1.0' });
  });

  const notRequests: [string, string][] = [
    ['HTTP/1.1 200 OK\r\n', 'a status line: the response, not a request'],
    ['GET /search?q=a HTTP/1.1', 'no line end yet: the rest of the line may be in the next segment'],
    ['GET  / HTTP/1.1\r\n', 'two spaces: the parts are separated by exactly one SP'],
    ['GET / HTTP/1\r\n', 'the version is HTTP/DIGIT.DIGIT (RFC 9112 §2.3)'],
    ['GET /\r\n', 'HTTP/0.9 style, no version'],
    ['', 'no bytes'],
  ];
  for (const [text, why] of notRequests) {
    it(`returns undefined for ${JSON.stringify(text)}: ${why}`, () => {
      expect(parseHttpRequestLine(utf8(text)), why).toBeUndefined();
    });
  }

  it('returns undefined for binary data such as a TLS ClientHello', () => {
    expect(parseHttpRequestLine(fromHex('16 03 01 02 00 01 00 01 fc 03 03 0a')), 'TLS records start with 0x16').toBeUndefined();
  });
});
