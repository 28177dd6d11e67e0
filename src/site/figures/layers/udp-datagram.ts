/**
 * The layers chapter's UDP figure: the DNS chapter's query (www.shop.example A,
 * encoded by the DNS lab's solution) put into a UDP datagram by the layers lab's
 * solution (udp.ts), so the 8-byte header a reader sees is the one a stub
 * resolver's query really starts with, checksum included.
 */
import { decodeUdpDatagram, encodeUdpDatagram } from '../../../../labs/layers/solution/udp.ts';
import { inBoth, type HexField, type HexGroup, type HexText } from '../../components/hex-view.ts';
import { dnsQueryExample } from '../dns/dns-examples.ts';
import { UDP_HEADER_LENGTH } from '../../../../labs/layers/given/header-types.ts';

/** The phone's address and the resolver's: documentation prefixes (RFC 5737), the phone's as in the TCP chapter. */
export const UDP_ADDRESSES = { source: '192.0.2.10', destination: '198.51.100.53' };

/** An ephemeral port the phone's stub resolver picked (Linux draws from 32768–60999), and DNS's well-known port. */
export const UDP_PORTS = { sourcePort: 41873, destinationPort: 53 };

const GROUPS: readonly HexGroup[] = [
  { id: 'udp', label: inBoth('UDP header (transport)', 'UDP 首部（传输层）') },
  { id: 'dns', label: inBoth('DNS query (application)', 'DNS 查询（应用层）') },
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
  const udp = (offset: number, name: HexText, shown: string, note: HexText): HexField => ({ offset, length: 2, name, value: shown, note, group: 'udp', section: inBoth('UDP header', 'UDP 首部') });
  return {
    bytes,
    groups: GROUPS,
    payloadLength: value.payload.length,
    fields: [
      udp(0, inBoth('Source port', '源端口'), String(value.header.sourcePort), inBoth('Chosen by the phone’s kernel for this query; the reply comes back to it (RFC 768).', '由手机的内核为这次查询选定；回复会回到这个端口（RFC 768）。')),
      udp(2, inBoth('Destination port', '目的端口'), String(value.header.destinationPort), inBoth('Port 53: DNS (RFC 1035 §4.2.1).', '53 端口：DNS（RFC 1035 §4.2.1）。')),
      udp(4, inBoth('Length', '长度（Length）'), `${value.length} = ${UDP_HEADER_LENGTH} + ${value.payload.length}`, inBoth('Header and data together, in bytes: unlike TCP, UDP states its own length.', '首部和数据的总字节数：与 TCP 不同，UDP 自己声明长度。')),
      udp(
        6,
        inBoth('Checksum', '校验和'),
        hex(value.checksum),
        inBoth(
          'One’s-complement sum over a pseudo-header of the IP addresses, the header and the data, as TCP’s; optional over IPv4 (0 means none), required over IPv6 (RFC 8200 §8.1).',
          '与 TCP 一样，是对含 IP 地址的伪首部、首部和数据求的反码和；在 IPv4 上可选（0 表示没有），在 IPv6 上必需（RFC 8200 §8.1）。',
        ),
      ),
      {
        offset: UDP_HEADER_LENGTH,
        length: value.payload.length,
        name: inBoth('DNS message', 'DNS 消息'),
        value: inBoth(`${value.payload.length} bytes`, `${value.payload.length} 字节`),
        note: inBoth('The query of chapter 2, byte for byte: UDP adds nothing but ports, a length and a checksum.', '第 2 章的那个查询，一字节不差：UDP 只加上了端口、长度和校验和。'),
        group: 'dns',
        section: inBoth('Payload', '载荷'),
      },
    ],
  };
}
