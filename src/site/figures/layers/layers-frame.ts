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
import { inBoth, type HexField, type HexGroup, type HexText } from '../../components/hex-view.ts';
import type { Locale, Localized } from '../../../course/locale.ts';
import type { FieldAnnotation } from '../../../../labs/layers/given/annotation-types.ts';

/** The search request as curl sent it in the capture (86 bytes), as the layers lab's fixture holds it. */
export const SEARCH_REQUEST = VETH_GET_REQUEST;

/** The values the captured frame was made from (labs/layers/tests/fixtures/captures.ts). */
export const CAPTURED_FRAME_OPTIONS = VETH_GET_FRAME;

/** The window scale shift the client announced in its SYN (window scale option, RFC 7323 §2). */
export const WINDOW_SCALE = 10;

/** One colour per layer, in the order of the bytes. */
export const LAYER_GROUPS: readonly HexGroup[] = [
  { id: 'ethernet', label: inBoth('Ethernet (link)', '以太网（链路层）') },
  { id: 'ipv4', label: inBoth('IPv4 (internet)', 'IPv4（网络层）') },
  { id: 'tcp', label: inBoth('TCP (transport)', 'TCP（传输层）') },
  { id: 'http', label: inBoth('HTTP (application)', 'HTTP（应用层）') },
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

/** A field's name and note; its value is shown as annotateFrame wrote it, unless `value` words it. */
interface Description {
  name: HexText;
  value?: (value: string) => HexText;
  note: HexText;
}

/** Names and notes for annotateFrame's fields; a field not listed keeps its annotation name. */
const DESCRIPTIONS: Record<string, Description> = {
  'ethernet.destination': {
    name: inBoth('Destination MAC', '目的 MAC 地址'),
    note: inBoth(
      'Which interface on this link should take the frame: the next hop. Client and server shared one link in this capture, so it is the server’s; across the internet it would be the gateway’s (chapter 4).',
      '这条链路上应由哪个接口接收这个帧：即下一跳。这次抓包中客户端和服务器共用一条链路，所以它是服务器的 MAC 地址；跨越互联网时则是网关的（第 4 章）。',
    ),
  },
  'ethernet.source': {
    name: inBoth('Source MAC', '源 MAC 地址'),
    note: inBoth('The sending interface. Both MACs here are locally administered (02:…), set for the capture.', '发送帧的接口。这里的两个 MAC 地址都是本地管理地址（02:…），是为抓包设定的。'),
  },
  'ethernet.type': { name: 'EtherType', note: inBoth('Who gets the payload: 0x0800 IPv4, 0x0806 ARP, 0x86dd IPv6 (RFC 894; IEEE 802.3).', '载荷交给谁：0x0800 是 IPv4，0x0806 是 ARP，0x86dd 是 IPv6（RFC 894；IEEE 802.3）。') },
  'ipv4.version-ihl': {
    name: inBoth('Version, IHL', '版本、IHL'),
    note: inBoth('High nibble 4 (IPv4); low nibble the header length in 32-bit words, 5 × 4 = 20 bytes (RFC 791 §3.1).', '高 4 位是 4（IPv4）；低 4 位是以 32 位字为单位的首部长度，5 × 4 = 20 字节（RFC 791 §3.1）。'),
  },
  'ipv4.dscp-ecn': {
    name: 'DSCP, ECN',
    note: inBoth('The old Type of Service byte: six bits of DiffServ class (RFC 2474), two of congestion notification (RFC 3168).', '即原来的服务类型（Type of Service）字节：6 位区分服务类别（RFC 2474），2 位显式拥塞通知（RFC 3168）。'),
  },
  'ipv4.total-length': {
    name: inBoth('Total Length', '总长度（Total Length）'),
    value: (v) => inBoth(`${v} bytes`, `${v} 字节`),
    note: inBoth('Header and data: 20 of IPv4 + 32 of TCP + 86 of HTTP. The frame may be padded; this says where the packet ends.', '首部加数据：20 字节 IPv4 + 32 字节 TCP + 86 字节 HTTP。帧可能带有填充，这个字段说明数据包在哪里结束。'),
  },
  'ipv4.identification': {
    name: inBoth('Identification', '标识（Identification）'),
    note: inBoth('Ties the fragments of one datagram together. With DF set there are none, and RFC 6864 lets it be anything.', '把同一个数据报的各个分片联系在一起。设置了 DF 就不会有分片，RFC 6864 允许它取任意值。'),
  },
  'ipv4.flags-fragment-offset': {
    name: inBoth('Flags, Fragment Offset', '标志、片偏移'),
    note: inBoth(
      'DF, don’t fragment: a router whose next link is too small must drop the packet and say so in ICMP, which is how Path MTU Discovery works (RFC 1191).',
      'DF，禁止分片：如果下一段链路太小，路由器必须丢弃该数据包并用 ICMP 告知发送方，路径 MTU 发现正是这样工作的（RFC 1191）。',
    ),
  },
  'ipv4.ttl': {
    name: inBoth('Time to Live', '生存时间（TTL）'),
    note: inBoth(
      'Every router subtracts 1 and discards the packet when it would reach 0 (RFC 1812 §5.3.1), so a routing loop cannot keep it forever. Linux starts at 64.',
      '每台路由器把它减 1，减到 0 时丢弃数据包（RFC 1812 §5.3.1），这样路由环路就不能让它永远转下去。Linux 的初始值是 64。',
    ),
  },
  'ipv4.protocol': {
    name: inBoth('Protocol', '协议（Protocol）'),
    note: inBoth('Who gets the payload at the destination: 6 TCP, 17 UDP, 1 ICMP (IANA protocol numbers).', '在目的地把载荷交给谁：6 是 TCP，17 是 UDP，1 是 ICMP（IANA 协议号）。'),
  },
  'ipv4.checksum': {
    name: inBoth('Header Checksum', '首部校验和'),
    note: inBoth('RFC 1071 one’s-complement sum of the header only; recomputed by every router, since the TTL changes.', '按 RFC 1071 只对首部求反码和；因为 TTL 会变，每台路由器都要重新计算。'),
  },
  'ipv4.source': {
    name: inBoth('Source address', '源地址'),
    note: inBoth('The client. Stays the same end to end, unless a NAT rewrites it (chapter 4).', '客户端。从一端到另一端保持不变，除非被网络地址转换（NAT）改写（第 4 章）。'),
  },
  'ipv4.destination': {
    name: inBoth('Destination address', '目的地址'),
    note: inBoth('The server, from DNS (chapter 2). No router on the way changes it.', '服务器，地址来自 DNS（第 2 章）。途中没有路由器会改动它。'),
  },
  'ipv4.options': { name: inBoth('IPv4 options', 'IPv4 选项'), note: inBoth('Rare in practice; many routers drop packets that carry them.', '实践中很少见；许多路由器会丢弃带选项的数据包。') },
  'tcp.source-port': {
    name: inBoth('Source port', '源端口'),
    note: inBoth('The client’s ephemeral port, chosen by its kernel (Linux: from 32768–60999).', '客户端的临时端口，由其内核选择（Linux：32768–60999）。'),
  },
  'tcp.destination-port': {
    name: inBoth('Destination port', '目的端口'),
    note: inBoth('80, HTTP. The server’s kernel finds the listening socket by it.', '80，即 HTTP。服务器的内核据此找到正在监听的套接字。'),
  },
  'tcp.sequence-number': {
    name: inBoth('Sequence number', '序列号'),
    note: inBoth(
      'Number of the first data byte: the client’s initial sequence number + 1, since its SYN used one (RFC 9293 §3.4).',
      '第一个数据字节的编号：客户端的初始序列号 + 1，因为它的 SYN 占用了一个（RFC 9293 §3.4）。',
    ),
  },
  'tcp.acknowledgment-number': {
    name: inBoth('Acknowledgment number', '确认号'),
    note: inBoth('The next byte the client expects from the server; meaningful because the ACK flag is set.', '客户端期望从服务器收到的下一个字节；因为设置了 ACK 标志，这个字段才有意义。'),
  },
  'tcp.data-offset': {
    name: inBoth('Data Offset', '数据偏移（Data Offset）'),
    note: inBoth(
      'Header length in 32-bit words: 8 × 4 = 32 bytes, 20 fixed and 12 of options. The low four bits are reserved.',
      '以 32 位字为单位的首部长度：8 × 4 = 32 字节，其中固定部分 20 字节，选项 12 字节。低 4 位保留。',
    ),
  },
  'tcp.flags': {
    name: inBoth('Flags', '标志（Flags）'),
    note: inBoth(
      'ACK: the acknowledgment number is valid (set on every segment after the first SYN). PSH: hand the data to the application now.',
      'ACK：确认号有效（第一个 SYN 之后的每个报文段都会设置）。PSH：立即把数据交给应用。',
    ),
  },
  'tcp.window': {
    name: inBoth('Window', '窗口（Window）'),
    value: (v) => {
      const bytes = (Number(v) * 2 ** WINDOW_SCALE).toLocaleString('en-US');
      return inBoth(`${v} × 2^${WINDOW_SCALE} = ${bytes} bytes`, `${v} × 2^${WINDOW_SCALE} = ${bytes} 字节`);
    },
    note: inBoth(
      'How much more the client can receive. Scaled by the shift both sides agreed in the handshake (RFC 7323 §2).',
      '客户端还能再接收多少。要按双方在握手中商定的移位数放大（RFC 7323 §2）。',
    ),
  },
  'tcp.checksum': {
    name: inBoth('Checksum', '校验和'),
    note: inBoth(
      'RFC 1071 sum over a pseudo-header (both addresses, protocol, length), the TCP header and the data (RFC 9293 §3.1).',
      '按 RFC 1071 对伪首部（两个地址、协议号、长度）、TCP 首部和数据求和（RFC 9293 §3.1）。',
    ),
  },
  'tcp.urgent-pointer': {
    name: inBoth('Urgent Pointer', '紧急指针'),
    note: inBoth('Only meaningful with URG set; new protocols should not use it (RFC 6093).', '只有设置了 URG 才有意义；新协议不应使用它（RFC 6093）。'),
  },
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
        name: kind === 1 ? inBoth('Option: NOP', '选项：NOP') : inBoth('Option: End of list', '选项：列表结束'),
        offset: at,
        length: 1,
        value: `kind ${kind}`,
        note: kind === 1 ? inBoth('Padding, so the next option starts on a 4-byte boundary (RFC 9293 §3.2).', '填充，使下一个选项从 4 字节边界开始（RFC 9293 §3.2）。') : inBoth('Nothing follows.', '后面没有别的选项了。'),
        group: 'tcp',
        section: SECTIONS.tcp,
      });
      at += 1;
      continue;
    }
    const size = Math.max(2, Math.min(frame[at + 1] ?? 2, end - at));
    if (kind === 8 && size === 10) {
      const u32 = (i: number) => ((frame[i]! << 24) | (frame[i + 1]! << 16) | (frame[i + 2]! << 8) | frame[i + 3]!) >>> 0;
      fields.push({
        name: inBoth('Option: Timestamps', '选项：时间戳'),
        offset: at,
        length: size,
        value: `TSval ${u32(at + 2)}, TSecr ${u32(at + 6)}`,
        note: inBoth(
          'Kind 8, length 10: the sender’s clock and the last value it received, for round-trip times and to tell old sequence numbers from new after a wrap (RFC 7323 §3).',
          'kind 8，长度 10：发送方的时钟值和它最近收到的对方时钟值，用来测量往返时间，并在序列号回绕后区分新旧序列号（RFC 7323 §3）。',
        ),
        group: 'tcp',
        section: SECTIONS.tcp,
      });
    } else {
      fields.push({ name: inBoth(`Option: kind ${kind}`, `选项：kind ${kind}`), offset: at, length: size, value: inBoth(`${size} bytes`, `${size} 字节`), group: 'tcp', section: SECTIONS.tcp });
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
    let name: Localized;
    let note: Localized;
    if (first) {
      name = inBoth('Request line', '请求行');
      note = inBoth('Method, target and version, ended by CR LF (RFC 9112 §3). The search term is in the query string.', '方法、目标和版本，以 CR LF 结尾（RFC 9112 §3）。搜索词在查询字符串里。');
    } else if (line === '') {
      name = inBoth('Empty line', '空行');
      note = inBoth('CR LF alone ends the header section; a GET has no body (RFC 9112 §2.1).', '单独的 CR LF 结束首部；GET 请求没有消息体（RFC 9112 §2.1）。');
    } else {
      const header = line.slice(0, line.indexOf(':'));
      name = inBoth(`${header} header`, `${header} 首部字段`);
      note =
        header === 'Host'
          ? inBoth('Required in HTTP/1.1: which site on this address is meant (RFC 9112 §3.2).', 'HTTP/1.1 中必需：指明要访问这个地址上的哪个站点（RFC 9112 §3.2）。')
          : header === 'User-Agent'
            ? inBoth('The client software (RFC 9110 §10.1.5).', '客户端软件（RFC 9110 §10.1.5）。')
            : header === 'Accept'
              ? inBoth('Media types the client will take: any (RFC 9110 §12.5.1).', '客户端能接受的媒体类型：任意（RFC 9110 §12.5.1）。')
              : inBoth('A header field.', '一个首部字段。');
    }
    fields.push({ name, offset: offset + at, length: end - at, value: line === '' ? 'CR LF' : `${line} CR LF`, note, group: 'http', section: SECTIONS.payload });
    at = end;
    first = false;
  }
  return fields;
}

const SECTIONS: Record<FieldAnnotation['layer'], Localized> = {
  ethernet: inBoth('Ethernet II header', 'Ethernet II 首部'),
  ipv4: inBoth('IPv4 header', 'IPv4 首部'),
  tcp: inBoth('TCP header', 'TCP 首部'),
  udp: inBoth('UDP header', 'UDP 首部'),
  payload: inBoth('HTTP request', 'HTTP 请求'),
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
    const described = DESCRIPTIONS[annotation.name];
    const group = annotation.layer === 'udp' ? 'tcp' : annotation.layer;
    fields.push({
      name: described?.name ?? annotation.name,
      offset: annotation.offset,
      length: annotation.length,
      value: described?.value ? described.value(annotation.value) : annotation.value,
      ...(described ? { note: described.note } : {}),
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
    const section = field.section as Localized | undefined;
    if (size && section) field.section = inBoth(`${section.en} (${size.bytes} bytes)`, `${section['zh-cn']}（${size.bytes} 字节）`);
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

const HEADER_WORDS: Record<Locale, readonly string[]> = {
  en: [
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
  ],
  'zh-cn': [
    '版本、IHL、DSCP/ECN',
    '总长度',
    '标识',
    '标志、片偏移',
    'TTL、协议',
    '首部校验和，先填 0',
    '源地址，高 16 位',
    '源地址，低 16 位',
    '目的地址，高 16 位',
    '目的地址，低 16 位',
  ],
};

/** Walks RFC 1071 §1 over the IPv4 header of `frame` (an Ethernet frame with a 20-byte IPv4 header), naming each word in the page's language. */
export function ipv4ChecksumWalk(frame: Uint8Array, locale: Locale = 'en'): ChecksumWalk {
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
    words.push({ offset: i, hex: hex(word, 4), holds: HEADER_WORDS[locale][i / 2]! });
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
