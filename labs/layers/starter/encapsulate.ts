/**
 * One HTTP request down the stack and back up. Going down, each layer takes
 * the bytes from the layer above as its payload and puts its own header in
 * front: HTTP text → TCP segment → IPv4 packet → Ethernet frame. Going up,
 * each layer checks its header (and checksum), then hands its payload on.
 *
 *   | Ethernet 14 | IPv4 20+ | TCP 20+ | GET /search?q=a HTTP/1.1 ... |
 */
import { FrameError } from '@impl/errors.ts';
import { decodeEthernetHeader, encodeEthernetFrame, ETHERNET_HEADER_LENGTH, EtherType, type EthernetHeader } from './ethernet.ts';
import { parseHttpRequestLine, type HttpRequestLine } from './http-request-line.ts';
import { decodeIpv4Packet, encodeIpv4Packet, IpProtocol, IPV4_MIN_HEADER_LENGTH, type Ipv4Header } from './ipv4.ts';
import { decodeTcpSegment, encodeTcpSegment, makeTcpFlags, TCP_MIN_HEADER_LENGTH, type TcpHeader } from './tcp.ts';
import { decodeUdpDatagram, type UdpHeader } from './udp.ts';

/** Ethernet's MTU: the largest IPv4 packet a standard frame carries (RFC 894). */
export const ETHERNET_MTU = 1500;

/** Everything needed to put one HTTP request in one frame; the optional fields have the defaults shown. */
export interface HttpRequestFrameOptions {
  /** The request exactly as sent, CRLFs included: 'GET /search?q=a HTTP/1.1\r\nHost: shop.example\r\n\r\n'. UTF-8 encoded. */
  request: string;
  sourceMac: string;
  /** The next hop's MAC (the default gateway's, for a server on another network), not the server's. */
  destinationMac: string;
  sourceIp: string;
  destinationIp: string;
  sourcePort: number;
  destinationPort: number;
  sequenceNumber: number;
  acknowledgmentNumber: number;
  /** TCP window field. Default 65535. */
  window?: number;
  /** Default 64, Linux's default. */
  ttl?: number;
  /** IPv4 identification. Default 0. */
  identification?: number;
  /** IPv4 DF flag. Default true: TCP over Linux sets it, for Path MTU Discovery. */
  dontFragment?: boolean;
  /** TCP option bytes, a multiple of 4. Default none. */
  tcpOptions?: Uint8Array;
  /** Largest IPv4 packet the link carries. Default ETHERNET_MTU, 1500. */
  mtu?: number;
}

/**
 * The frame carrying `options.request` as the data of one TCP segment with
 * PSH and ACK set (dscp 0, ecn 0, no IPv4 options, urgent pointer 0), in an
 * IPv4 packet with protocol 6, in an Ethernet II frame with EtherType 0x0800.
 * Throws FrameError 'exceeds-mtu' when the IPv4 packet would be longer than
 * the MTU (an HTTP request that big goes out in several segments), and the
 * layers' own FrameErrors for bad fields.
 */
export function encapsulateHttpRequest(options: HttpRequestFrameOptions): Uint8Array {
  throw new Error('TODO(encapsulate): check the size against the MTU, then work down: encodeTcpSegment (PSH+ACK, the request as UTF-8), encodeIpv4Packet (protocol 6), encodeEthernetFrame (EtherType 0x0800), filling in the defaults');
}

/** Options for decapsulate. */
export interface DecapsulateOptions {
  /** Verify the IPv4, TCP and UDP checksums (default true). */
  verifyChecksums?: boolean;
}

/** A frame taken apart layer by layer. */
export interface Decapsulated {
  ethernet: EthernetHeader;
  ipv4: Ipv4Header;
  /** Present when the IPv4 protocol is 6. */
  tcp?: TcpHeader;
  /** Present when the IPv4 protocol is 17. */
  udp?: UdpHeader;
  /** The application's bytes: the TCP or UDP payload, without any Ethernet padding. */
  payload: Uint8Array;
  /** For TCP, the HTTP request line the payload starts with, if it starts with one. */
  httpRequestLine?: HttpRequestLine;
}

/**
 * Decodes every layer of `frame`, checking each checksum on the way up unless
 * options.verifyChecksums is false. Throws FrameError: 'unsupported-ethertype'
 * unless the EtherType is IPv4; 'fragment' when MF is set or the fragment
 * offset is not 0; 'unsupported-protocol' unless the protocol is TCP or UDP;
 * and whatever the layer decoders throw ('truncated', 'bad-checksum', …).
 */
export function decapsulate(frame: Uint8Array, options: DecapsulateOptions = {}): Decapsulated {
  throw new Error('TODO(encapsulate): work up: decodeEthernetHeader, check the EtherType, decodeIpv4Packet at offset 14, refuse fragments, then decodeTcpSegment or decodeUdpDatagram by protocol, passing verifyChecksum on; for TCP add parseHttpRequestLine of the payload');
}
