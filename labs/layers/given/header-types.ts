/**
 * The layouts this lab's codecs read and write, as values: address lengths,
 * Ethernet (IEEE 802.3), IPv4 (RFC 791), TCP (RFC 9293), UDP (RFC 768) and
 * the pseudo-header their checksums cover, with their fixed sizes and codes.
 */

/** Octets in a MAC address. */
export const MAC_LENGTH = 6;

/** The broadcast address ff:ff:ff:ff:ff:ff, every station on the link (an ARP request goes there). */
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';

/** Octets in an IPv4 address. */
export const IPV4_ADDRESS_LENGTH = 4;

/** Bytes of the Ethernet II header: two MACs and the EtherType. */
export const ETHERNET_HEADER_LENGTH = 14;

/** Smallest frame on the wire without its 4-byte FCS: 64 − 4 (IEEE 802.3 §4.4.2). */
export const ETHERNET_MIN_FRAME_LENGTH = 60;

/** EtherType values of the protocols the course meets (IEEE registry, listed in RFC 9542). */
export const EtherType = {
  IPV4: 0x0800,
  ARP: 0x0806,
  IPV6: 0x86dd,
} as const;

/** The 14-byte Ethernet II header. */
export interface EthernetHeader {
  /** Where the frame goes on this link, e.g. '02:00:00:00:00:50' (the next hop, not the final server). */
  destination: string;
  /** The sending interface, e.g. '02:00:00:00:00:0a'. */
  source: string;
  /** What the payload is: 0x0800 IPv4, 0x0806 ARP, 0x86dd IPv6. Values below 0x0600 are 802.3 lengths instead (IEEE 802.3 §3.2.6). */
  etherType: number;
}

/** A whole frame taken apart: the header, and every byte after it (padding included). */
export interface EthernetFrame {
  header: EthernetHeader;
  /** Bytes 14 to the end. The link layer cannot tell payload from padding; the layer above can. */
  payload: Uint8Array;
}

/** A header without options: IHL 5, five 32-bit words. */
export const IPV4_MIN_HEADER_LENGTH = 20;

/** IHL is 4 bits, so at most 15 words: 60 bytes, 40 of them options. */
export const IPV4_MAX_HEADER_LENGTH = 60;

/** Protocol numbers (IANA "Assigned Internet Protocol Numbers"), the value of the Protocol field. */
export const IpProtocol = {
  ICMP: 1,
  TCP: 6,
  UDP: 17,
} as const;

/** The fields a sender chooses; lengths and the checksum follow from them. */
export interface Ipv4Header {
  /** Differentiated Services Code Point, 6 bits (RFC 2474 §3); 0 is best effort. */
  dscp: number;
  /** Explicit Congestion Notification, 2 bits (RFC 3168 §5); 0 is "not ECN-capable". */
  ecn: number;
  /** 16 bits, the same in every fragment of one datagram so the receiver can put them together. */
  identification: number;
  /** DF: routers must drop the packet rather than fragment it (what Path MTU Discovery relies on, RFC 1191). */
  dontFragment: boolean;
  /** MF: more fragments follow this one. */
  moreFragments: boolean;
  /** Where this fragment's data goes in the datagram, in units of 8 bytes (13 bits, 0–8191). */
  fragmentOffset: number;
  /** Time to live: every router decrements it and drops the packet at 0. */
  ttl: number;
  /** What the payload is: 6 TCP, 17 UDP, 1 ICMP (IpProtocol). */
  protocol: number;
  /** Source address, dotted decimal. */
  source: string;
  /** Destination address, dotted decimal: the final host, unchanged across every hop (unlike the MACs). */
  destination: string;
  /** Option bytes exactly as on the wire, a multiple of 4 and at most 40; usually empty. */
  options: Uint8Array;
}

/** A decoded packet: the header fields, the derived ones as read, and the payload. */
export interface Ipv4Packet {
  header: Ipv4Header;
  /** IHL × 4: 20 plus the options. */
  headerLength: number;
  /** The Total Length field: header plus payload, in bytes. */
  totalLength: number;
  /** The Header Checksum field as read. */
  checksum: number;
  /** Bytes from the end of the header to Total Length; anything after (Ethernet padding) is not included. */
  payload: Uint8Array;
}

/** A header without options: Data Offset 5. */
export const TCP_MIN_HEADER_LENGTH = 20;

/** Data Offset is 4 bits, so at most 15 words: 60 bytes, 40 of them options. */
export const TCP_MAX_HEADER_LENGTH = 60;

/** The eight control bits, from the most significant (CWR) to the least (FIN). */
export interface TcpFlags {
  /** Congestion Window Reduced (RFC 3168 §6.1). */
  cwr: boolean;
  /** ECN-Echo (RFC 3168 §6.1). */
  ece: boolean;
  /** The Urgent Pointer field is significant. */
  urg: boolean;
  /** The Acknowledgment Number field is significant — set in every segment after the first SYN. */
  ack: boolean;
  /** Push: deliver to the application without waiting for more. */
  psh: boolean;
  /** Reset the connection. */
  rst: boolean;
  /** Synchronize sequence numbers: the first segment from each side. */
  syn: boolean;
  /** No more data from the sender. */
  fin: boolean;
}

/** All flags clear, overridden by `changes`: makeTcpFlags({ psh: true, ack: true }). */
export function makeTcpFlags(changes: Partial<TcpFlags> = {}): TcpFlags {
  return { cwr: false, ece: false, urg: false, ack: false, psh: false, rst: false, syn: false, fin: false, ...changes };
}

/** The fields a sender chooses; the data offset and checksum follow from them. */
export interface TcpHeader {
  sourcePort: number;
  destinationPort: number;
  /** Sequence number of the first data byte (of the SYN itself in a SYN), 32 bits. */
  sequenceNumber: number;
  /** Next sequence number the sender expects to receive; meaningful only when flags.ack is set. */
  acknowledgmentNumber: number;
  flags: TcpFlags;
  /** Receive window, 16 bits, as on the wire (before any window scaling, RFC 7323 §2). */
  window: number;
  /** Offset from the sequence number of the last urgent byte; meaningful only with flags.urg. */
  urgentPointer: number;
  /** Option bytes exactly as on the wire (MSS, window scale, timestamps, SACK…), a multiple of 4, at most 40. */
  options: Uint8Array;
}

/** A decoded segment: the header fields, the derived ones as read, and the data. */
export interface TcpSegment {
  header: TcpHeader;
  /** Data Offset × 4: 20 plus the options. */
  headerLength: number;
  /** The Checksum field as read. */
  checksum: number;
  /** The data after the header: for the shopper, the HTTP request. */
  payload: Uint8Array;
}

/** Bytes in the UDP header. */
export const UDP_HEADER_LENGTH = 8;

/** The fields a sender chooses; length and checksum follow from the data. */
export interface UdpHeader {
  sourcePort: number;
  destinationPort: number;
}

/** A decoded datagram: the ports, the derived fields as read, and the data. */
export interface UdpDatagram {
  header: UdpHeader;
  /** The Length field: 8 + data bytes. */
  length: number;
  /** The Checksum field as read; 0 means the sender sent none. */
  checksum: number;
  payload: Uint8Array;
}

/** Options for encodeUdpDatagram. */
export interface UdpEncodeOptions {
  /** Compute a checksum (default true); false sends 0, "no checksum" (RFC 768). */
  checksum?: boolean;
}

/** Bytes in the IPv4 pseudo-header. */
export const PSEUDO_HEADER_LENGTH = 12;

/** The two addresses of the IPv4 packet that carries (or will carry) a segment. */
export interface AddressPair {
  /** Source IPv4 address, dotted decimal. */
  source: string;
  /** Destination IPv4 address, dotted decimal. */
  destination: string;
}
