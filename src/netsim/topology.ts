/**
 * A declarative builder over Simulator, Device and Link, so a lab or chapter can state
 * a network in a few lines:
 *   topology({ seed: 7 }).host('a', { interfaces: { eth0: '10.0.0.1/24' } }).switch('sw')
 *     .link('a:eth0', 'sw:eth0', { delayMs: 1, bandwidthBps: 1e9 })
 * Each call builds at once, so a mistake throws at the line that made it.
 */
import { Device, type DeviceBehaviour, type DeviceKind } from './device.ts';
import type { Interface, InterfaceOptions } from './interface.ts';
import { Link, type LinkOptions } from './link.ts';
import { Simulator, type RunOptions, type RunResult, type SimulatorOptions } from './simulator.ts';
import { learningSwitch } from './switch.ts';

/** "device:iface", e.g. "r1:eth0". */
export type EndpointName = `${string}:${string}`;

/** A host or router: its interfaces and, optionally, its behaviour. */
export interface DeviceSpec {
  /** Interface names, or names → options ("10.0.0.1/24" is short for `{ ipv4: '10.0.0.1/24' }`). Hosts default to eth0. */
  interfaces?: readonly string[] | Readonly<Record<string, InterfaceOptions | string>>;
  behaviour?: DeviceBehaviour;
}

/** A switch: ports eth0…eth(n-1), a learning switch unless another behaviour is given. */
export interface SwitchSpec {
  /** Number of ports. Default 4. */
  ports?: number;
  /** MAC table aging for the learning switch. Default 300 000 ms. */
  agingMs?: number;
  /** Replaces the learning switch, e.g. with a lab's own. */
  behaviour?: DeviceBehaviour;
}

/** A network under construction and, once built, the handle to it. */
export class Topology {
  readonly sim: Simulator;

  constructor(options: SimulatorOptions = {}) {
    this.sim = new Simulator(options);
  }

  /** Adds a host (interfaces default to just eth0). */
  host(name: string, spec: DeviceSpec = {}): this {
    return this.#add(name, 'host', { interfaces: ['eth0'], ...spec });
  }

  /** Adds a router; declare its interfaces. */
  router(name: string, spec: DeviceSpec = {}): this {
    return this.#add(name, 'router', spec);
  }

  /** Adds a switch with `ports` ports running a learning switch. */
  switch(name: string, spec: SwitchSpec = {}): this {
    const ports = spec.ports ?? 4;
    if (!Number.isInteger(ports) || ports < 1) throw new RangeError(`topology: switch "${name}": ports must be ≥ 1, got ${ports}`);
    const interfaces = Array.from({ length: ports }, (_, i) => `eth${i}`);
    const behaviour = spec.behaviour ?? learningSwitch(spec.agingMs === undefined ? {} : { agingMs: spec.agingMs });
    return this.#add(name, 'switch', { interfaces, behaviour });
  }

  /** Links two declared interfaces, named "device:iface". */
  link(a: EndpointName, b: EndpointName, options: LinkOptions = {}): this {
    new Link(this.sim, this.#endpoint(a), this.#endpoint(b), options);
    return this;
  }

  /** A device by name. */
  device(name: string): Device {
    return this.sim.device(name);
  }

  /** Runs the simulator (see `Simulator.run`). */
  run(options?: RunOptions): RunResult {
    return this.sim.run(options);
  }

  #add(name: string, kind: DeviceKind, spec: DeviceSpec): this {
    const device = new Device(this.sim, name, kind);
    const interfaces = spec.interfaces ?? [];
    const entries: [string, InterfaceOptions | string][] = Array.isArray(interfaces)
      ? interfaces.map((n: string) => [n, {}])
      : Object.entries(interfaces);
    for (const [ifaceName, options] of entries) {
      device.addInterface(ifaceName, typeof options === 'string' ? { ipv4: options } : options);
    }
    if (spec.behaviour) device.use(spec.behaviour);
    return this;
  }

  #endpoint(name: EndpointName): Interface {
    const colon = name.indexOf(':');
    if (colon <= 0 || colon === name.length - 1) {
      throw new RangeError(`topology: "${name}" is not "device:iface", e.g. "r1:eth0"`);
    }
    return this.sim.device(name.slice(0, colon)).iface(name.slice(colon + 1));
  }
}

/** Starts a topology on a new simulator. */
export function topology(options?: SimulatorOptions): Topology {
  return new Topology(options);
}
