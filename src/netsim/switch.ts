/**
 * A learning Ethernet switch (IEEE 802.1D transparent bridging, without spanning tree):
 * it learns which port each source MAC lives behind, forwards known unicast out of that
 * one port, and floods broadcast, multicast and unknown unicast out of all other ports.
 * It reads only the destination (bytes 0–5) and source (bytes 6–11) MACs.
 */
import type { DeviceBehaviour, DeviceContext } from './device.ts';
import { formatMac, isGroupMac, macKey } from './mac.ts';

/** IEEE 802.1D's default aging time: 300 s. */
export const DEFAULT_AGING_MS = 300_000;

/** An Ethernet header (destination, source, EtherType) is 14 bytes; anything shorter is not a frame. */
const ETHERNET_HEADER_LENGTH = 14;

/** Options for a learning switch. */
export interface LearningSwitchOptions {
  /** An entry not refreshed by traffic for this long is forgotten. Default 300 000 ms. */
  agingMs?: number;
}

/** One learned MAC → port entry, for display. */
export interface MacTableEntry {
  mac: string;
  iface: string;
  /** Virtual time the MAC was last seen as a source. */
  lastSeen: number;
}

interface Entry {
  mac: string;
  iface: string;
  lastSeen: number;
}

/** The one behaviour netsim ships: a learning switch, with a MAC table that ages out. */
export class LearningSwitch implements DeviceBehaviour {
  readonly agingMs: number;
  /** It only reads the two MACs and passes the frame to `send`, which copies. */
  readonly borrowsFrames = true;
  // Keyed by the MAC as a 48-bit integer: no string per frame on the hot path.
  readonly #table = new Map<number, Entry>();

  constructor(options: LearningSwitchOptions = {}) {
    this.agingMs = options.agingMs ?? DEFAULT_AGING_MS;
    if (!(this.agingMs > 0)) throw new RangeError(`LearningSwitch: agingMs must be > 0, got ${this.agingMs}`);
  }

  /** Learns the source, then forwards, filters or floods. */
  onFrame(ctx: DeviceContext, iface: string, frame: Uint8Array): void {
    if (frame.length < ETHERNET_HEADER_LENGTH) return;
    const now = ctx.now;

    // A group address is never a source (the I/G bit is for destinations); do not learn it.
    if (!isGroupMac(frame, 6)) {
      const key = macKey(frame, 6);
      const entry = this.#table.get(key);
      if (entry === undefined) this.#table.set(key, { mac: formatMac(frame, 6), iface, lastSeen: now });
      else {
        // A station that moved to another port is re-learned there.
        entry.iface = iface;
        entry.lastSeen = now;
      }
    }

    if (!isGroupMac(frame, 0)) {
      const out = this.#lookup(macKey(frame, 0), now);
      if (out !== undefined) {
        // Destination is on the port it came from: the frame already reached it, so filter.
        if (out !== iface) ctx.send(out, frame);
        return;
      }
    }
    for (const port of ctx.device.interfaces) {
      if (port.name !== iface && port.link !== undefined) port.send(frame);
    }
  }

  /** The live (not aged out) entries at time `now`, in learning order. */
  table(now: number): MacTableEntry[] {
    const live: MacTableEntry[] = [];
    for (const entry of this.#table.values()) if (now - entry.lastSeen < this.agingMs) live.push({ ...entry });
    return live;
  }

  #lookup(key: number, now: number): string | undefined {
    const entry = this.#table.get(key);
    if (entry === undefined) return undefined;
    if (now - entry.lastSeen >= this.agingMs) {
      this.#table.delete(key);
      return undefined;
    }
    return entry.iface;
  }
}

/** A new learning switch behaviour. */
export function learningSwitch(options?: LearningSwitchOptions): LearningSwitch {
  return new LearningSwitch(options);
}
