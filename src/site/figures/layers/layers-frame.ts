/**
 * The layers chapter's frame: the search request `GET /search?q=a`, put into
 * a TCP segment, an IPv4 packet and an Ethernet frame at build time by the
 * layers lab's reference solution (labs/layers/solution: encapsulate.ts), then
 * labelled field by field by the same lab's annotateFrame (hexdump.ts). The
 * values are those of a real capture (the lab's fixture VETH_GET: curl talking
 * to a server over a veth pair, recorded with tshark), so the bytes shown are
 * byte for byte what Linux sent. This module adds the words: each field's name
 * and why it is there, the HTTP lines and TCP options split out, one colour per
 * layer, and the worked RFC 1071 checksum of the IPv4 header.
 */
import { encapsulateHttpRequest } from '../../../../labs/layers/solution/encapsulate.ts';
import { annotateFrame } from '../../../../labs/layers/solution/hexdump.ts';
import { internetChecksum, onesComplementSum } from '../../../../labs/layers/solution/checksum.ts';
import { VETH_GET_FRAME, VETH_GET_REQUEST } from '../../../../labs/layers/tests/fixtures/captures.ts';
import type { HexField, HexGroup } from '../../components/hex-view.ts';
import type { FieldAnnotation } from '../../../../labs/layers/given/annotation-types.ts';

/** The request as curl sent it in the capture: 86 bytes. */

/** The search request, as the layers lab's capture holds it. */
export const SEARCH_REQUEST = VETH_GET_REQUEST;

/** The values the captured frame was made from (labs/layers/tests/fixtures/captures.ts). */
export const CAPTURED_FRAME_OPTIONS = VETH_GET_FRAME;

/** The window scale shift the client announced in its SYN (window scale option, RFC 7323 §2). */
export const WINDOW_SCALE = 10;

/** One colour per layer, in the order of the bytes. */
export const LAYER_GROUPS: readonly HexGroup[] = [
  { id: 'ethernet', label: 'Ethernet (link)' },
  { id: 'ipv4', label: 'IPv4 (internet)' },
  { id: 'tcp', label: 'TCP (transport)' },
  { id: 'http', label: 'HTTP (application)' },
];

/** How many bytes each layer contributes, in frame order. */
export interface LayerSize {
  id: 'ethernet' | 'ipv4' | 'tcp' | 'http';
  label: string;
  bytes: number;
}

/** Everything the chapter shows about the frame. */
export interface FrameExample {
  bytes: Uint8Array;
  fields: HexField[];
  groups: readonly HexGroup[];
  /** Header and payload sizes, for the encapsulation diagram and the prose. */
  sizes: LayerSize[];
  /** Fields by annotation name ("ipv4.ttl"), with their values as annotateFrame wrote them. */
  values: Record<string, string>;
}

type Describe = (value: string, annotation: FieldAnnotation) => { name: string; value?: string; note: string };

/** Names and notes for annotateFrame's fields; a field not listed keeps its annotation name. */
const DESCRIPTIONS: Record<string, Describe> = {
  'ethernet.destination': (v) => ({
    name: 'Destination MAC',
    value: v,
    note: 'Which interface on this link should take the frame: the next hop. Client and server shared one link in this capture, so it is the server’s; across the internet it would be the gateway’s (chapter 4).',
  }),
  'ethernet.source': (v) => ({ name: 'Source MAC', value: v, note: 'The sending interface. Both MACs here are locally administered (02:…), set for the capture.' }),
  'ethernet.type': (v) => ({ name: 'EtherType', value: v, note: 'Who gets the payload: 0x0800 IPv4, 0x0806 ARP, 0x86dd IPv6 (RFC 894; IEEE 802.3).' }),
  'ipv4.version-ihl': (v) => ({ name: 'Version, IHL', value: v, note: 'High nibble 4 (IPv4); low nibble the header length in 32-bit words, 5 × 4 = 20 bytes (RFC 791 §3.1).' }),
  'ipv4.dscp-ecn': (v) => ({ name: 'DSCP, ECN', value: v, note: 'The old Type of Service byte: six bits of DiffServ class (RFC 2474), two of congestion notification (RFC 3168).' }),
  'ipv4.total-length': (v) => ({ name: 'Total Length', value: `${v} bytes`, note: 'Header and data: 20 of IPv4 + 32 of TCP + 86 of HTTP. The frame may be padded; this says where the packet ends.' }),
  'ipv4.identification': (v) => ({ name: 'Identification', value: v, note: 'Ties the fragments of one datagram together. With DF set there are none, and RFC 6864 lets it be anything.' }),
  'ipv4.flags-fragment-offset': (v) => ({ name: 'Flags, Fragment Offset', value: v, note: 'DF, don’t fragment: a router whose next link is too small must drop the packet and say so in ICMP, which is how Path MTU Discovery works (RFC 1191).' }),
  'ipv4.ttl': (v) => ({ name: 'Time to Live', value: v, note: 'Every router subtracts 1 and discards the packet when it would reach 0 (RFC 1812 §5.3.1), so a routing loop cannot keep it forever. Linux starts at 64.' }),
  'ipv4.protocol': (v) => ({ name: 'Protocol', value: v, note: 'Who gets the payload at the destination: 6 TCP, 17 UDP, 1 ICMP (IANA protocol numbers).' }),
  'ipv4.checksum': (v) => ({ name: 'Header Checksum', value: v, note: 'RFC 1071 one’s-complement sum of the header only; recomputed by every router, since the TTL changes.' }),
  'ipv4.source': (v) => ({ name: 'Source address', value: v, note: 'The client. Stays the same end to end, unless a NAT rewrites it (chapter 4).' }),
  'ipv4.destination': (v) => ({ name: 'Destination address', value: v, note: 'The server, from DNS (chapter 2). No router on the way changes it.' }),
  'ipv4.options': (v) => ({ name: 'IPv4 options', value: v, note: 'Rare in practice; many routers drop packets that carry them.' }),
  'tcp.source-port': (v) => ({ name: 'Source port', value: v, note: 'The client’s ephemeral port, chosen by its kernel (Linux: from 32768–60999).' }),
  'tcp.destination-port': (v) => ({ name: 'Destination port', value: v, note: '80, HTTP. The server’s kernel finds the listening socket by it.' }),
  'tcp.sequence-number': (v) => ({ name: 'Sequence number', value: v, note: 'Number of the first data byte: the client’s initial sequence number + 1, since its SYN used one (RFC 9293 §3.4).' }),
  'tcp.acknowledgment-number': (v) => ({ name: 'Acknowledgment number', value: v, note: 'The next byte the client expects from the server; meaningful because the ACK flag is set.' }),
  'tcp.data-offset': (v) => ({ name: 'Data Offset', value: v, note: 'Header length in 32-bit words: 8 × 4 = 32 bytes, 20 fixed and 12 of options. The low four bits are reserved.' }),
  'tcp.flags': (v) => ({ name: 'Flags', value: v, note: 'ACK: the acknowledgment number is valid (set on every segment after the first SYN). PSH: hand the data to the application now.' }),
  'tcp.window': (v) => ({
    name: 'Window',
    value: `${v} × 2^${WINDOW_SCALE} = ${(Number(v) * 2 ** WINDOW_SCALE).toLocaleString('en-US')} bytes`,
    note: 'How much more the client can receive. Scaled by the shift both sides agreed in the handshake (RFC 7323 §2).',
  }),
  'tcp.checksum': (v) => ({ name: 'Checksum', value: v, note: 'RFC 1071 sum over a pseudo-header (both addresses, protocol, length), the TCP header and the data (RFC 9293 §3.1).' }),
  'tcp.urgent-pointer': (v) => ({ name: 'Urgent Pointer', value: v, note: 'Only meaningful with URG set; new protocols should not use it (RFC 6093).' }),
};

/** TCP option kinds seen in the request (IANA "TCP Option Kind Numbers"). */
function tcpOptionFields(frame: Uint8Array, offset: number, length: number): HexField[] {
  const fields: HexField[] = [];
  let at = offset;
  const end = offset + length;
  while (at < end) {
    const kind = frame[at]!;
    if (kind === 0 || kind === 1) {
      fields.push({
        name: kind === 1 ? 'Option: NOP' : 'Option: End of list',
        offset: at,
        length: 1,
        value: `kind ${kind}`,
        note: kind === 1 ? 'Padding, so the next option starts on a 4-byte boundary (RFC 9293 §3.2).' : 'Nothing follows.',
        group: 'tcp',
        section: 'TCP header',
      });
      at += 1;
      continue;
    }
    const size = Math.max(2, Math.min(frame[at + 1] ?? 2, end - at));
    if (kind === 8 && size === 10) {
      const u32 = (i: number) => ((frame[i]! << 24) | (frame[i + 1]! << 16) | (frame[i + 2]! << 8) | frame[i + 3]!) >>> 0;
      fields.push({
        name: 'Option: Timestamps',
        offset: at,
        length: size,
        value: `TSval ${u32(at + 2)}, TSecr ${u32(at + 6)}`,
        note: 'Kind 8, length 10: the sender’s clock and the last value it received, for round-trip times and to tell old sequence numbers from new after a wrap (RFC 7323 §3).',
        group: 'tcp',
        section: 'TCP header',
      });
    } else {
      fields.push({ name: `Option: kind ${kind}`, offset: at, length: size, value: `${size} bytes`, group: 'tcp', section: 'TCP header' });
    }
    at += size;
  }
  return fields;
}

/** The HTTP bytes split at each CRLF: the request line, one field per header line, then the empty line. */
function httpFields(frame: Uint8Array, offset: number, length: number): HexField[] {
  const text = new TextDecoder().decode(frame.subarray(offset, offset + length));
  const fields: HexField[] = [];
  let at = 0;
  let first = true;
  while (at < text.length) {
    const crlf = text.indexOf('\r\n', at);
    const end = crlf === -1 ? text.length : crlf + 2;
    const line = text.slice(at, crlf === -1 ? text.length : crlf);
    let name: string;
    let note: string;
    if (first) {
      name = 'Request line';
      note = 'Method, target and version, ended by CR LF (RFC 9112 §3). The search term is in the query string.';
    } else if (line === '') {
      name = 'Empty line';
      note = 'CR LF alone ends the header section; a GET has no body (RFC 9112 §2.1).';
    } else {
      const header = line.slice(0, line.indexOf(':'));
      name = `${header} header`;
      note =
        header === 'Host'
          ? 'Required in HTTP/1.1: which site on this address is meant (RFC 9112 §3.2).'
          : header === 'User-Agent'
            ? 'The client software (RFC 9110 §10.1.5).'
            : header === 'Accept'
              ? 'Media types the client will take: any (RFC 9110 §12.5.1).'
              : 'A header field.';
    }
    fields.push({ name, offset: offset + at, length: end - at, value: line === '' ? 'CR LF' : `${line} CR LF`, note, group: 'http', section: 'HTTP request' });
    at = end;
    first = false;
  }
  return fields;
}

const SECTIONS: Record<FieldAnnotation['layer'], string> = {
  ethernet: 'Ethernet II header',
  ipv4: 'IPv4 header',
  tcp: 'TCP header',
  udp: 'UDP header',
  payload: 'HTTP request',
};

/** The search request's frame, its fields and its layer sizes. */
export function searchFrameExample(): FrameExample {
  const bytes = encapsulateHttpRequest({ ...CAPTURED_FRAME_OPTIONS, tcpOptions: CAPTURED_FRAME_OPTIONS.tcpOptions.slice() });
  const annotations: FieldAnnotation[] = annotateFrame(bytes);
  const fields: HexField[] = [];
  const values: Record<string, string> = {};
  for (const annotation of annotations) {
    values[annotation.name] = annotation.value;
    if (annotation.name === 'tcp.options') {
      fields.push(...tcpOptionFields(bytes, annotation.offset, annotation.length));
      continue;
    }
    if (annotation.layer === 'payload') {
      fields.push(...httpFields(bytes, annotation.offset, annotation.length));
      continue;
    }
    const describe = DESCRIPTIONS[annotation.name];
    const described = describe ? describe(annotation.value, annotation) : { name: annotation.name, value: annotation.value, note: '' };
    const group = annotation.layer === 'udp' ? 'tcp' : annotation.layer;
    fields.push({
      name: described.name,
      offset: annotation.offset,
      length: annotation.length,
      ...(described.value === undefined ? {} : { value: described.value }),
      ...(described.note ? { note: described.note } : {}),
      group,
      section: SECTIONS[annotation.layer],
    });
  }
  const sum = (layer: string) => fields.filter((f) => f.group === layer).reduce((n, f) => n + f.length, 0);
  const sizes: LayerSize[] = [
    { id: 'ethernet', label: 'Ethernet header', bytes: sum('ethernet') },
    { id: 'ipv4', label: 'IPv4 header', bytes: sum('ipv4') },
    { id: 'tcp', label: 'TCP header', bytes: sum('tcp') },
    { id: 'http', label: 'HTTP request', bytes: sum('http') },
  ];
  // Section titles with sizes, so the legend reads "IPv4 header (20 bytes)".
  for (const field of fields) {
    const size = sizes.find((s) => s.id === field.group);
    if (size) field.section = `${field.section} (${size.bytes} bytes)`;
  }
  return { bytes, fields, groups: LAYER_GROUPS, sizes, values };
}

/** One line of the checksum worked example. */
export interface ChecksumWord {
  /** Byte offset within the IPv4 header. */
  offset: number;
  /** The 16-bit word as four hex digits. */
  hex: string;
  /** What the word holds. */
  holds: string;
}

/** The RFC 1071 computation of the frame's IPv4 header checksum, step by step. */
export interface ChecksumWalk {
  words: ChecksumWord[];
  /** Plain sum of the words (the checksum field counted as zero), before folding. */
  rawSum: string;
  /** After adding the carries back in (end-around carry). */
  folded: string;
  /** The one's complement of the folded sum: what goes into the field. */
  checksum: string;
  /** What the field in the frame holds (must equal `checksum`). */
  inFrame: string;
  /** The receiver's check: the sum with the field included. */
  verify: string;
}

const HEADER_WORDS = [
  'version, IHL, DSCP/ECN',
  'total length',
  'identification',
  'flags, fragment offset',
  'TTL, protocol',
  'header checksum, as 0',
  'source address, high half',
  'source address, low half',
  'destination address, high half',
  'destination address, low half',
];

/** Walks RFC 1071 §1 over the IPv4 header of `frame` (an Ethernet frame with a 20-byte IPv4 header). */
export function ipv4ChecksumWalk(frame: Uint8Array): ChecksumWalk {
  const header = frame.slice(14, 34);
  const inFrame = (header[10]! << 8) | header[11]!;
  const zeroed = header.slice();
  zeroed[10] = 0;
  zeroed[11] = 0;
  const words: ChecksumWord[] = [];
  let raw = 0;
  for (let i = 0; i < 20; i += 2) {
    const word = (zeroed[i]! << 8) | zeroed[i + 1]!;
    raw += word;
    words.push({ offset: i, hex: hex(word, 4), holds: HEADER_WORDS[i / 2]! });
  }
  return {
    words,
    rawSum: hex(raw, 5),
    folded: hex(onesComplementSum(zeroed), 4),
    checksum: hex(internetChecksum(zeroed), 4),
    inFrame: hex(inFrame, 4),
    verify: hex(onesComplementSum(header), 4),
  };
}

function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}
