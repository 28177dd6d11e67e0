/** What encapsulating an HTTP request takes and what decapsulating a frame gives back, layer by layer. */
import type { EthernetHeader, Ipv4Header, TcpHeader, UdpHeader } from './header-types.ts';

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

/** The three parts of a request line. */
export interface HttpRequestLine {
  /** A token such as 'GET' or 'POST' (RFC 9110 §9.1); case-sensitive. */
  method: string;
  /** Usually a path and query, '/search?q=a' (RFC 9112 §3.2). */
  target: string;
  /** 'HTTP/' DIGIT '.' DIGIT, e.g. 'HTTP/1.1' (RFC 9112 §2.3). */
  version: string;
}
