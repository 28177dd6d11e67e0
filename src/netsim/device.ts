/**
 * A device (host, router or switch) is a named set of interfaces plus one pluggable
 * behaviour. netsim moves frames; what a device does with them is the behaviour's job,
 * which is where the labs' Ethernet, ARP, IP, routing, NAT and TCP code plugs in.
 */
import { checkName, Interface, parseIpv4Cidr, toMacBytes, type InterfaceOptions, type SendOutcome } from './interface.ts';
import type { Random } from './random.ts';
import type { Simulator, Timer } from './simulator.ts';

/** What a device is, for display and defaults; behaviour decides what it does. */
export type DeviceKind = 'host' | 'router' | 'switch';

/** What a behaviour may use: the clock, timers, its own random stream and its interfaces. */
export interface DeviceContext {
  /** The device, for its name and interfaces (MACs, IPv4 metadata). */
  readonly device: Device;
  /** Virtual milliseconds since the start. */
  readonly now: number;
  /** This device's own seeded stream (for ISNs, jitter, ...), independent of other devices. */
  readonly random: Random;
  /** Sends a frame out of the named interface. */
  send(iface: string, frame: Uint8Array): SendOutcome;
  /**
   * Calls `fn` after `delayMs` of virtual time. Sans-I/O code with `tick(ms)` is driven
   * by scheduling a timer for its next deadline and calling `tick` from it.
   */
  schedule(delayMs: number, fn: () => void): Timer;
}

/**
 * The seam between netsim and lab code. There is no periodic tick on purpose: a fixed
 * tick keeps a simulation busy forever, while timers fire only when something is due.
 */
export interface DeviceBehaviour {
  /** Called once at the virtual time the behaviour is attached (0 when built before running). */
  start?(ctx: DeviceContext): void;
  /** A frame arrived on `iface`. The frame is the behaviour's own copy: keep it or change it freely. */
  onFrame(ctx: DeviceContext, iface: string, frame: Uint8Array): void;
  /**
   * Declares that `onFrame` only reads the frame during the call, never changing or keeping it.
   * netsim then lends its trace's copy (a view into a shared buffer: mind `byteOffset`) instead
   * of allocating one per frame. The learning switch does; lab code should not bother.
   */
  readonly borrowsFrames?: boolean;
}

/** An error thrown by a behaviour, with where and when it happened; the original is its `cause`. */
export class BehaviourError extends Error {
  override name = 'BehaviourError';
  /** Device whose behaviour threw. */
  readonly device: string;
  /** Virtual time of the throw. */
  readonly time: number;

  constructor(device: Device, where: string, cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`netsim: ${device.kind} "${device.name}" threw in ${where} at t=${device.sim.now} ms: ${message}`, { cause });
    this.device = device.name;
    this.time = device.sim.now;
  }
}

/** A host, router or switch in a simulation. */
export class Device {
  readonly sim: Simulator;
  /** Unique within the simulator. */
  readonly name: string;
  readonly kind: DeviceKind;
  readonly #interfaces = new Map<string, Interface>();
  readonly #context: DeviceContext;
  #behaviour: DeviceBehaviour | undefined;

  constructor(sim: Simulator, name: string, kind: DeviceKind = 'host') {
    checkName('device', name);
    this.sim = sim;
    this.name = name;
    this.kind = kind;
    sim.addDevice(this);
    const device = this;
    const random = sim.random.fork(`device:${name}`);
    this.#context = {
      device,
      random,
      get now() {
        return sim.now;
      },
      send: (iface, frame) => this.iface(iface).send(frame),
      schedule: (delayMs, fn) => sim.schedule(delayMs, () => this.#guard('a timer', fn)),
    };
  }

  /** Adds an interface; the MAC defaults to the next free locally administered one. */
  addInterface(name: string, options: InterfaceOptions = {}): Interface {
    if (this.#interfaces.has(name)) throw new Error(`netsim: ${this.name} already has an interface "${name}"`);
    const mac = options.mac === undefined ? this.sim.nextMac() : toMacBytes(options.mac);
    const ipv4 = typeof options.ipv4 === 'string' ? parseIpv4Cidr(options.ipv4) : options.ipv4;
    const iface = new Interface(this, name, mac, ipv4);
    this.#interfaces.set(name, iface);
    return iface;
  }

  /** The interface with this name; throws, listing the names there are, when none. */
  iface(name: string): Interface {
    const iface = this.#interfaces.get(name);
    if (iface === undefined) {
      const names = [...this.#interfaces.keys()].join(', ') || 'none';
      throw new Error(`netsim: ${this.kind} "${this.name}" has no interface "${name}" (it has: ${names})`);
    }
    return iface;
  }

  /** Interfaces in the order they were added. */
  get interfaces(): Interface[] {
    return [...this.#interfaces.values()];
  }

  /** The attached behaviour, if any (without one, arriving frames are ignored). */
  get behaviour(): DeviceBehaviour | undefined {
    return this.#behaviour;
  }

  /** Attaches the behaviour and schedules its `start` at the current virtual time. */
  use(behaviour: DeviceBehaviour): this {
    if (this.#behaviour !== undefined) throw new Error(`netsim: ${this.kind} "${this.name}" already has a behaviour`);
    this.#behaviour = behaviour;
    // start runs as an event, not now: the topology may still be half built.
    if (behaviour.start) this.sim.schedule(0, () => this.#guard('start', () => behaviour.start!(this.#context)));
    return this;
  }

  /** True when the behaviour only borrows frames (see `DeviceBehaviour.borrowsFrames`). */
  get borrowsFrames(): boolean {
    return this.#behaviour?.borrowsFrames === true;
  }

  /** Hands a frame that arrived on `iface` to the behaviour; called by links. */
  receive(iface: Interface, frame: Uint8Array): void {
    const behaviour = this.#behaviour;
    if (behaviour === undefined) return;
    try {
      behaviour.onFrame(this.#context, iface.name, frame);
    } catch (error) {
      throw error instanceof BehaviourError ? error : new BehaviourError(this, `onFrame("${iface.name}")`, error);
    }
  }

  #guard(where: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      throw error instanceof BehaviourError ? error : new BehaviourError(this, where, error);
    }
  }
}
