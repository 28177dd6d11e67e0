/**
 * netsim — a small deterministic discrete-event network simulator, pure TypeScript (no timers, no I/O).
 *
 * A Simulator owns a virtual clock in ms, an event queue ordered by (time, sequence) and a seeded
 * Random; `run` is always bounded by `maxEvents`. Devices (host, router, switch) have named
 * Interfaces (MAC, IPv4 as metadata). A Link joins two interfaces full duplex: per direction a FIFO
 * transmitter (bytes × 8 / bandwidth; tail drop past `queueBytes`), then `delayMs` of propagation,
 * with loss, duplication and reordering drawn from a per-direction fork of the seed. A device's
 * DeviceBehaviour gets `onFrame(ctx, iface, frame)` and timers via `ctx.schedule`: the labs plug in
 * there (netsim ships only a LearningSwitch). `send` copies the frame; each receiver gets its own copy.
 * Every send, delivery, loss, duplicate and tail drop lands in the Trace, which exports captures to
 * pcap for Wireshark. Same seed + same inputs = the same trace, byte for byte.
 */
export { Random } from './random.ts';
export { EventQueue, type Timed } from './event-queue.ts';
export {
  Simulator,
  SimulationLimitError,
  SimEvent,
  DEFAULT_MAX_EVENTS,
  type SimulatorOptions,
  type RunOptions,
  type RunResult,
  type Timer,
} from './simulator.ts';
export {
  Interface,
  parseIpv4Cidr,
  type InterfaceOptions,
  type Ipv4Assignment,
  type SendOutcome,
} from './interface.ts';
export { Device, BehaviourError, type DeviceKind, type DeviceBehaviour, type DeviceContext } from './device.ts';
export { Link, type LinkOptions, type LinkConfig } from './link.ts';
export {
  LearningSwitch,
  learningSwitch,
  DEFAULT_AGING_MS,
  type LearningSwitchOptions,
  type MacTableEntry,
} from './switch.ts';
export {
  Trace,
  formatRecord,
  type TraceRecord,
  type TraceEvent,
  type TraceQuery,
  type Endpoint,
  type CapturePoint,
} from './trace.ts';
export {
  writePcap,
  readPcap,
  PcapFormatError,
  LINKTYPE_ETHERNET,
  DEFAULT_SNAPLEN,
  MAX_RECORD_LENGTH,
  type PcapFrame,
  type PcapWriteOptions,
  type PcapFile,
  type PcapHeader,
  type PcapRecord,
  type PcapErrorCode,
} from './pcap.ts';
export { BROADCAST_MAC, parseMac, formatMac, macKey, isGroupMac } from './mac.ts';
export { Topology, topology, type DeviceSpec, type SwitchSpec, type EndpointName } from './topology.ts';
