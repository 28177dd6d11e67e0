/**
 * One HTTP request down the stack and back up. Going down, each layer takes
 * the bytes from the layer above as its payload and puts its own header in
 * front: HTTP text → TCP segment → IPv4 packet → Ethernet frame. Going up,
 * each layer checks its header (and checksum), then hands its payload on.
 *
 *   | Ethernet 14 | IPv4 20+ | TCP 20+ | GET /search?q=a HTTP/1.1 ... |
 */
import { FrameError } from '@impl/errors.ts';
import { ETHERNET_HEADER_LENGTH, EtherType, IpProtocol, IPV4_MIN_HEADER_LENGTH, makeTcpFlags, TCP_MIN_HEADER_LENGTH, type EthernetHeader, type Ipv4Header, type TcpHeader, type UdpHeader } from '@impl/header-types.ts';
import { ETHERNET_MTU, type Decapsulated, type DecapsulateOptions, type HttpRequestFrameOptions, type HttpRequestLine } from '@impl/encapsulation-types.ts';
import { decodeEthernetHeader, encodeEthernetFrame } from './ethernet.ts';
import { parseHttpRequestLine } from './http-request-line.ts';
import { decodeIpv4Packet, encodeIpv4Packet } from './ipv4.ts';
import { decodeTcpSegment, encodeTcpSegment } from './tcp.ts';
import { decodeUdpDatagram } from './udp.ts';

/**
 * The frame carrying `options.request` as the data of one TCP segment with
 * PSH and ACK set (dscp 0, ecn 0, no IPv4 options, urgent pointer 0), in an
 * IPv4 packet with protocol 6, in an Ethernet II frame with EtherType 0x0800.
 * Throws FrameError 'exceeds-mtu' when the IPv4 packet would be longer than
 * the MTU (an HTTP request that big goes out in several segments), and the
 * layers' own FrameErrors for bad fields.
 */
export function encapsulateHttpRequest(options: HttpRequestFrameOptions): Uint8Array {
  const addresses = { source: options.sourceIp, destination: options.destinationIp };
  const tcp: TcpHeader = {
    sourcePort: options.sourcePort,
    destinationPort: options.destinationPort,
    sequenceNumber: options.sequenceNumber,
    acknowledgmentNumber: options.acknowledgmentNumber,
    // PSH: hand the request to the server application now; ACK: "once a connection is established, this is always sent" (RFC 9293 §3.1).
    flags: makeTcpFlags({ psh: true, ack: true }),
    window: options.window ?? 0xffff,
    urgentPointer: 0,
    options: options.tcpOptions ?? new Uint8Array(0),
  };
  const request = new TextEncoder().encode(options.request);
  const mtu = options.mtu ?? ETHERNET_MTU;
  const headers = IPV4_MIN_HEADER_LENGTH + TCP_MIN_HEADER_LENGTH + tcp.options.length;
  if (headers + request.length > mtu) {
    throw new FrameError(
      'exceeds-mtu',
      `the IPv4 packet would be ${headers + request.length} bytes but the MTU is ${mtu}: after ${headers} bytes of IPv4 and TCP headers, at most ${mtu - headers} bytes of request fit in one segment`,
    );
  }
  const segment = encodeTcpSegment(tcp, request, addresses);
  const ipv4: Ipv4Header = {
    dscp: 0,
    ecn: 0,
    identification: options.identification ?? 0,
    dontFragment: options.dontFragment ?? true,
    moreFragments: false,
    fragmentOffset: 0,
    ttl: options.ttl ?? 64,
    protocol: IpProtocol.TCP,
    source: options.sourceIp,
    destination: options.destinationIp,
    options: new Uint8Array(0),
  };
  const packet = encodeIpv4Packet(ipv4, segment);
  const ethernet: EthernetHeader = { destination: options.destinationMac, source: options.sourceMac, etherType: EtherType.IPV4 };
  return encodeEthernetFrame(ethernet, packet);
}

/**
 * Decodes every layer of `frame`, checking each checksum on the way up unless
 * options.verifyChecksums is false. Throws FrameError: 'unsupported-ethertype'
 * unless the EtherType is IPv4; 'fragment' when MF is set or the fragment
 * offset is not 0; 'unsupported-protocol' unless the protocol is TCP or UDP;
 * and whatever the layer decoders throw ('truncated', 'bad-checksum', …).
 */
export function decapsulate(frame: Uint8Array, options: DecapsulateOptions = {}): Decapsulated {
  const decode = { verifyChecksum: options.verifyChecksums !== false };
  const ethernet = decodeEthernetHeader(frame, 0).value;
  if (ethernet.etherType !== EtherType.IPV4) {
    throw new FrameError('unsupported-ethertype', `EtherType 0x${ethernet.etherType.toString(16).padStart(4, '0')} is not IPv4 (0x0800)`, 12);
  }
  // Decoding in place keeps error offsets counted from the start of the frame.
  const { header: ipv4, payload: ipPayload } = decodeIpv4Packet(frame, ETHERNET_HEADER_LENGTH, decode).value;
  if (ipv4.moreFragments || ipv4.fragmentOffset !== 0) {
    // RFC 791 §2.3: only the reassembled datagram holds a whole transport segment.
    throw new FrameError('fragment', `a fragment (MF ${Number(ipv4.moreFragments)}, offset ${ipv4.fragmentOffset} × 8 bytes) needs reassembly first`);
  }
  const addresses = { source: ipv4.source, destination: ipv4.destination };
  if (ipv4.protocol === IpProtocol.TCP) {
    const tcp = decodeTcpSegment(ipPayload, addresses, decode).value;
    const httpRequestLine = parseHttpRequestLine(tcp.payload);
    return { ethernet, ipv4, tcp: tcp.header, payload: tcp.payload, ...(httpRequestLine ? { httpRequestLine } : {}) };
  }
  if (ipv4.protocol === IpProtocol.UDP) {
    const udp = decodeUdpDatagram(ipPayload, addresses, decode).value;
    return { ethernet, ipv4, udp: udp.header, payload: udp.payload };
  }
  throw new FrameError('unsupported-protocol', `IPv4 protocol ${ipv4.protocol} is neither TCP (6) nor UDP (17)`);
}
