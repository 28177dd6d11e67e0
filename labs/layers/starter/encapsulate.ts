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
  throw new Error('TODO(encapsulate): check the size against the MTU, then work down: encodeTcpSegment (PSH+ACK, the request as UTF-8), encodeIpv4Packet (protocol 6), encodeEthernetFrame (EtherType 0x0800), filling in the defaults');
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
