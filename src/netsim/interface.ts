/**
 * A network interface: a named port of a device with a MAC and, optionally, an IPv4
 * address. The address is metadata for the labs' own IP code; netsim never reads it.
 */
import type { Device } from './device.ts';
import type { Link } from './link.ts';
import { formatMac, parseMac } from './mac.ts';
import type { Endpoint } from './trace.ts';

/** An IPv4 address and prefix length on an interface, e.g. 10.0.0.1/24. */
export interface Ipv4Assignment {
  /** Dotted quad, e.g. "10.0.0.1". */
  readonly address: string;
  /** 0–32. */
  readonly prefixLength: number;
}

/** How to set up an interface; anything left out is chosen for you (a fresh MAC, no IPv4). */
export interface InterfaceOptions {
  /** "02:00:00:00:00:01" or 6 bytes. */
  mac?: string | Uint8Array;
  /** "10.0.0.1/24" or an assignment. */
  ipv4?: string | Ipv4Assignment;
}

/** What `send` did with a frame: handed to the link, tail-dropped by its full queue, or nowhere to go. */
export type SendOutcome = 'sent' | 'dropped-queue' | 'no-link';

/** Names of devices and interfaces: no ':' so "device:iface" endpoints stay unambiguous. */
export function checkName(what: string, name: string): void {
  if (!/^[A-Za-z0-9_.\-/]+$/.test(name)) {
    throw new RangeError(`netsim: ${what} name "${name}" must be non-empty letters, digits, _ . - or /`);
  }
}

/** Parses "10.0.0.1/24" into an assignment; throws a message naming the bad part. */
export function parseIpv4Cidr(text: string): Ipv4Assignment {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  const octets = match?.slice(1, 5).map(Number);
  const prefixLength = Number(match?.[5]);
  if (!octets || octets.some((o) => o > 255) || prefixLength > 32) {
    throw new RangeError(`netsim: "${text}" is not an IPv4 address with prefix like 10.0.0.1/24`);
  }
  return { address: octets.join('.'), prefixLength };
}

/** One port of a device. Create with `device.addInterface`. */
export class Interface {
  /** The device this interface belongs to. */
  readonly device: Device;
  /** Name within the device, e.g. "eth0". */
  readonly name: string;
  /** IPv4 metadata for lab code, if configured. */
  readonly ipv4: Ipv4Assignment | undefined;
  /** `{ device, iface }` as the trace names it. */
  readonly endpoint: Endpoint;
  readonly #mac: Uint8Array;
  #link: Link | undefined;

  constructor(device: Device, name: string, mac: Uint8Array, ipv4: Ipv4Assignment | undefined) {
    checkName('interface', name);
    if (mac.length !== 6) throw new RangeError(`netsim: ${device.name}:${name}: a MAC is 6 bytes, got ${mac.length}`);
    this.device = device;
    this.name = name;
    this.#mac = mac.slice();
    this.ipv4 = ipv4 === undefined ? undefined : Object.freeze({ ...ipv4 });
    this.endpoint = Object.freeze({ device: device.name, iface: name });
  }

  /** The MAC address (a copy, so lab code cannot change it by accident). */
  get mac(): Uint8Array {
    return this.#mac.slice();
  }

  /** The MAC as "02:00:00:00:00:01". */
  get macString(): string {
    return formatMac(this.#mac);
  }

  /** The link plugged into this interface, if any. */
  get link(): Link | undefined {
    return this.#link;
  }

  /** The interface at the other end of the link, if any. */
  get peer(): Interface | undefined {
    const link = this.#link;
    return link === undefined ? undefined : link.a === this ? link.b : link.a;
  }

  /** Puts a frame on the link; netsim copies it, so the caller may reuse its buffer. */
  send(frame: Uint8Array): SendOutcome {
    return this.#link === undefined ? 'no-link' : this.#link.transmit(this, frame);
  }

  /** Plugs a link in; called by the Link constructor. */
  attach(link: Link): void {
    if (this.#link !== undefined) {
      throw new Error(`netsim: ${this.device.name}:${this.name} is already linked (${this.#link.name})`);
    }
    this.#link = link;
  }

  /** "device:iface". */
  toString(): string {
    return `${this.device.name}:${this.name}`;
  }
}

/** Accepts a MAC as text or bytes. */
export function toMacBytes(mac: string | Uint8Array): Uint8Array {
  return typeof mac === 'string' ? parseMac(mac) : mac;
}
