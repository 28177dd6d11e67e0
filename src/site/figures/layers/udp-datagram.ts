/**
 * The layers chapter's UDP figure: the DNS chapter's query (www.shop.example A,
 * encoded by the DNS lab's solution) put into a UDP datagram by the layers lab's
 * solution (udp.ts), so the 8-byte header a reader sees is the one a stub
 * resolver's query really starts with, checksum included.
 */
import { decodeUdpDatagram, encodeUdpDatagram } from '../../../../labs/layers/solution/udp.ts';
import type { HexField, HexGroup } from '../../components/hex-view.ts';
import { dnsQueryExample } from '../dns/dns-examples.ts';
import { UDP_HEADER_LENGTH } from '../../../../labs/layers/given/header-types.ts';

/** The phone's address and the resolver's: documentation prefixes (RFC 5737), the phone's as in the TCP chapter. */
export const UDP_ADDRESSES = { source: '192.0.2.10', destination: '198.51.100.53' };

/** An ephemeral port the phone's stub resolver picked (Linux draws from 32768–60999), and DNS's well-known port. */
export const UDP_PORTS = { sourcePort: 41873, destinationPort: 53 };

const GROUPS: readonly HexGroup[] = [
  { id: 'udp', label: 'UDP header (transport)' },
  { id: 'dns', label: 'DNS query (application)' },
];

/** The datagram's bytes and its fields, for a HexView. */
export interface UdpExample {
  bytes: Uint8Array;
  fields: HexField[];
  groups: readonly HexGroup[];
  /** The DNS message's length, for the prose. */
  payloadLength: number;
}

/** The query in its datagram, field by field; the fields' values are read back with the lab's decoder. */
export function udpDatagramExample(): UdpExample {
  const query = dnsQueryExample().bytes;
  const bytes = encodeUdpDatagram(UDP_PORTS, query, UDP_ADDRESSES);
  const { value } = decodeUdpDatagram(bytes, UDP_ADDRESSES);
  const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
  const udp = (offset: number, name: string, shown: string, note: string): HexField => ({ offset, length: 2, name, value: shown, note, group: 'udp', section: 'UDP header' });
  return {
    bytes,
    groups: GROUPS,
    payloadLength: value.payload.length,
    fields: [
      udp(0, 'Source port', String(value.header.sourcePort), 'Chosen by the phone’s kernel for this query; the reply comes back to it (RFC 768).'),
      udp(2, 'Destination port', String(value.header.destinationPort), 'Port 53: DNS (RFC 1035 §4.2.1).'),
      udp(4, 'Length', `${value.length} = ${UDP_HEADER_LENGTH} + ${value.payload.length}`, 'Header and data together, in bytes: unlike TCP, UDP states its own length.'),
      udp(6, 'Checksum', hex(value.checksum), 'One’s-complement sum over a pseudo-header of the IP addresses, the header and the data, as TCP’s; optional over IPv4 (0 means none), required over IPv6 (RFC 8200 §8.1).'),
      { offset: UDP_HEADER_LENGTH, length: value.payload.length, name: 'DNS message', value: `${value.payload.length} bytes`, note: 'The query of chapter 2, byte for byte: UDP adds nothing but ports, a length and a checksum.', group: 'dns', section: 'Payload' },
    ],
  };
}
