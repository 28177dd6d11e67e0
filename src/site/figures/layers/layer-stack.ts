/**
 * The layers chapter's encapsulation diagram, as data: one bar per layer,
 * each the layer's header in front of everything the layer above gave it,
 * drawn to scale from the sizes of the real frame (layers-frame.ts), and the
 * steps that walk down the stack at the client and back up at the server.
 */
import type { LayerSize } from './layers-frame.ts';
import type { Locale } from '../../../course/locale.ts';
import type { Step } from '../../components/step-through.ts';

/** A run of bytes in a bar: whose header (or payload) it is. */
export interface StackCell {
  layer: LayerSize['id'] | 'fcs';
  /** Text inside the cell, if it fits. */
  text: string;
  x: number;
  width: number;
  bytes: number;
}

/** One bar: what one layer hands to the layer below. */
export interface StackRow {
  /** `data-part` id: "row-tcp" and so on. */
  id: string;
  /** Left-hand label, e.g. "TCP". */
  name: string;
  /** What the layer added, e.g. "+32 B". */
  added: string;
  /** Total bytes of the bar. */
  total: number;
  y: number;
  cells: StackCell[];
}

/** The diagram's geometry. */
export const STACK_VIEW = { width: 340, labelWidth: 74, right: 4, rowHeight: 30, gap: 14, top: 8 } as const;

/** Bytes of the Ethernet frame check sequence, the CRC-32 after the payload (IEEE 802.3 §3.2.9). */
export const FCS_BYTES = 4;

const NAMES: Record<LayerSize['id'], { name: string; short: string }> = {
  http: { name: 'HTTP', short: 'HTTP' },
  tcp: { name: 'TCP', short: 'TCP' },
  ipv4: { name: 'IPv4', short: 'IP' },
  ethernet: { name: 'Ethernet', short: 'Eth' },
};

/** The four bars, top (HTTP) to bottom (Ethernet), to scale: the Ethernet bar with its FCS fills the width. */
export function stackRows(sizes: readonly LayerSize[]): StackRow[] {
  const size = (id: LayerSize['id']) => sizes.find((s) => s.id === id)!.bytes;
  const order: LayerSize['id'][] = ['http', 'tcp', 'ipv4', 'ethernet'];
  const full = order.reduce((n, id) => n + size(id), 0) + FCS_BYTES;
  const x0 = STACK_VIEW.labelWidth;
  const scale = (STACK_VIEW.width - x0 - STACK_VIEW.right) / full;
  // Every bar ends where the HTTP bytes end, so the same bytes line up vertically;
  // only the Ethernet bar carries on with its FCS.
  const httpEnd = x0 + (full - FCS_BYTES) * scale;
  return order.map((id, row) => {
    const layers = order.slice(0, row + 1).reverse(); // this layer's header first, then the ones above it
    let x = httpEnd - layers.reduce((n, l) => n + size(l), 0) * scale;
    const cells: StackCell[] = layers.map((layer) => {
      const width = size(layer) * scale;
      const cell: StackCell = { layer, text: label(layer, width, size(layer)), x, width, bytes: size(layer) };
      x += width;
      return cell;
    });
    if (id === 'ethernet') cells.push({ layer: 'fcs', text: '', x, width: FCS_BYTES * scale, bytes: FCS_BYTES });
    const total = cells.reduce((n, c) => n + c.bytes, 0);
    const added = id === 'http' ? `${size(id)} B` : id === 'ethernet' ? `+${size(id)} +${FCS_BYTES} B` : `+${size(id)} B`;
    return { id: `row-${id}`, name: NAMES[id].name, added, total, y: STACK_VIEW.top + row * (STACK_VIEW.rowHeight + STACK_VIEW.gap), cells };
  });
}

/** The cell's text: the name with its size when there is room, the short name when less, nothing when none. */
function label(layer: LayerSize['id'], width: number, bytes: number): string {
  const { name, short } = NAMES[layer];
  // About 6.5 px per character of 11 px bold text, plus a little room either side.
  if (width >= (name.length + String(bytes).length + 3) * 6.5 + 8) return `${name} ${bytes} B`;
  if (width >= name.length * 6.5 + 6) return name;
  if (width >= short.length * 6.5 + 2) return short;
  return '';
}

/** Height of the drawing. */
export function stackHeight(rows: readonly StackRow[]): number {
  return STACK_VIEW.top * 2 + rows.length * STACK_VIEW.rowHeight + (rows.length - 1) * STACK_VIEW.gap;
}

/** The numbers the steps quote: each layer's bytes, the FCS, the frame's byte-times on the wire and the search's share of them. */
interface StackNumbers {
  http: number;
  tcp: number;
  ipv4: number;
  ethernet: number;
  fcs: number;
  wire: number;
  share: number;
}

/** Each step's words in each language, from the numbers. */
const STEP_WORDS: Record<Locale, ((n: StackNumbers) => Pick<Step, 'title' | 'text'>)[]> = {
  en: [
    (n) => ({
      title: `The app writes ${n.http} bytes`,
      text: 'The browser or app turns the search into an HTTP request — `GET /search?q=a`, the `Host` and a few other headers — and writes it to its TCP socket. From here on the kernel does the work.',
    }),
    (n) => ({
      title: `TCP adds ${n.tcp} bytes: a segment`,
      text: `Ports (54140 → 80) say which conversation on each machine this belongs to; the sequence number says where these bytes sit in the stream; a checksum covers it all. Twelve of the ${n.tcp} bytes are options: two NOPs for alignment and a timestamp.`,
    }),
    (n) => ({
      title: `IPv4 adds ${n.ipv4} bytes: a packet`,
      text: 'Source and destination addresses carry the packet across every network on the way; TTL 64 limits how many routers it may cross; Protocol 6 says a TCP segment is inside.',
    }),
    (n) => ({
      title: `Ethernet adds ${n.ethernet} bytes in front and ${n.fcs} behind: a frame`,
      text: `The MAC addresses of this one link, the EtherType \`0x0800\` (IPv4 inside), and after the data a CRC-32 (the FCS) that the network card adds and checks. On the cable an 8-byte preamble goes first and 12 bytes of idle follow: ${n.wire} byte-times, of which ${n.http} — ${n.share} % — are the search.`,
    }),
    () => ({
      title: 'At the server, back up the stack',
      text: 'Each layer checks its header, removes it, and reads one field to know who gets the rest: EtherType `0x0800` → IPv4, Protocol 6 → TCP, destination port 80 → the web server’s socket, which reads exactly the bytes the app wrote.',
    }),
  ],
  'zh-cn': [
    (n) => ({
      title: `应用写入 ${n.http} 字节`,
      text: '浏览器或应用把这次搜索变成一个 HTTP 请求——`GET /search?q=a`、`Host` 以及另外几个首部——写进它的 TCP 套接字。从这里开始，工作交给内核。',
    }),
    (n) => ({
      title: `TCP 加上 ${n.tcp} 字节：报文段`,
      text: `端口（54140 → 80）说明它属于两台机器上的哪一个会话；序列号说明这些字节在字节流中的位置；校验和覆盖全部内容。${n.tcp} 字节中有 12 字节是选项：两个用于对齐的 NOP 和一个时间戳。`,
    }),
    (n) => ({
      title: `IPv4 加上 ${n.ipv4} 字节：数据包`,
      text: '源地址和目的地址带着数据包穿过沿途的每一个网络；TTL 64 限制它最多能经过多少台路由器；协议号 6 说明里面是一个 TCP 报文段。',
    }),
    (n) => ({
      title: `以太网在前面加上 ${n.ethernet} 字节、后面加上 ${n.fcs} 字节：帧`,
      text: `这一条链路上的 MAC 地址、EtherType \`0x0800\`（里面是 IPv4），以及数据之后由网卡添加和检查的 CRC-32（即 FCS）。在线缆上，前面还有 8 字节的前导码，后面跟着 12 字节的空闲：共 ${n.wire} 个字节时间，其中 ${n.http} 个——${n.share}%——才是这次搜索。`,
    }),
    () => ({
      title: '在服务器上，沿协议栈向上',
      text: '每一层检查自己的首部、去掉它，并读一个字段来决定把剩下的交给谁：EtherType `0x0800` → IPv4，协议号 6 → TCP，目的端口 80 → Web 服务器的套接字，它读到的正是应用写下的那些字节。',
    }),
  ],
};

/** The parts each step lights up: one layer at a time down the client's stack, then every layer at the server. */
const STEP_PARTS: string[][] = [['row-http'], ['row-tcp'], ['row-ipv4'], ['row-ethernet'], ['row-http', 'row-tcp', 'row-ipv4', 'row-ethernet']];

/** The steps, in `locale`: down the client's stack, one layer at a time, then up the server's. */
export function stackSteps(sizes: readonly LayerSize[], locale: Locale = 'en'): Step[] {
  const size = (id: LayerSize['id']) => sizes.find((s) => s.id === id)!.bytes;
  const frame = sizes.reduce((n, s) => n + s.bytes, 0);
  const wire = frame + FCS_BYTES + 8 + 12;
  const numbers: StackNumbers = { http: size('http'), tcp: size('tcp'), ipv4: size('ipv4'), ethernet: size('ethernet'), fcs: FCS_BYTES, wire, share: Math.round((size('http') / wire) * 100) };
  return STEP_WORDS[locale].map((words, i) => ({ ...words(numbers), active: STEP_PARTS[i]! }));
}

/** The figure's other words in each language: its accessible name, the SVG's title, and "bytes" in its description. */
export const STACK_WORDS: Record<Locale, { label: string; title: string; bytes: string }> = {
  en: { label: 'Encapsulation: the search request down the stack and back up', title: 'The search request inside each layer', bytes: 'bytes' },
  'zh-cn': { label: '封装：搜索请求沿协议栈向下，再向上', title: '每一层中的搜索请求', bytes: '字节' },
};
