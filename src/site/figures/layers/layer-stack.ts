/**
 * The layers chapter's encapsulation diagram, as data: one bar per layer,
 * each the layer's header in front of everything the layer above gave it,
 * drawn to scale from the sizes of the real frame (layers-frame.ts), and the
 * steps that walk down the stack at the client and back up at the server.
 */
import type { LayerSize } from './layers-frame.ts';
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

/** The steps: down the client's stack, one layer at a time, then up the server's. */
export function stackSteps(sizes: readonly LayerSize[]): Step[] {
  const size = (id: LayerSize['id']) => sizes.find((s) => s.id === id)!.bytes;
  const frame = sizes.reduce((n, s) => n + s.bytes, 0);
  const wire = frame + FCS_BYTES + 8 + 12;
  const share = Math.round((size('http') / wire) * 100);
  return [
    {
      title: `The app writes ${size('http')} bytes`,
      text: 'The browser or app turns the search into an HTTP request — `GET /search?q=a`, the `Host` and a few other headers — and writes it to its TCP socket. From here on the kernel does the work.',
      active: ['row-http'],
    },
    {
      title: `TCP adds ${size('tcp')} bytes: a segment`,
      text: `Ports (54140 → 80) say which conversation on each machine this belongs to; the sequence number says where these bytes sit in the stream; a checksum covers it all. Twelve of the ${size('tcp')} bytes are options: two NOPs for alignment and a timestamp.`,
      active: ['row-tcp'],
    },
    {
      title: `IPv4 adds ${size('ipv4')} bytes: a packet`,
      text: 'Source and destination addresses carry the packet across every network on the way; TTL 64 limits how many routers it may cross; Protocol 6 says a TCP segment is inside.',
      active: ['row-ipv4'],
    },
    {
      title: `Ethernet adds ${size('ethernet')} bytes in front and ${FCS_BYTES} behind: a frame`,
      text: `The MAC addresses of this one link, the EtherType \`0x0800\` (IPv4 inside), and after the data a CRC-32 (the FCS) that the network card adds and checks. On the cable an 8-byte preamble goes first and 12 bytes of idle follow: ${wire} byte-times, of which ${size('http')} — ${share} % — are the search.`,
      active: ['row-ethernet'],
    },
    {
      title: 'At the server, back up the stack',
      text: 'Each layer checks its header, removes it, and reads one field to know who gets the rest: EtherType `0x0800` → IPv4, Protocol 6 → TCP, destination port 80 → the web server’s socket, which reads exactly the bytes the app wrote.',
      active: ['row-http', 'row-tcp', 'row-ipv4', 'row-ethernet'],
    },
  ];
}
