/**
 * The trip's timeline: every step a learner can look at (which device, which
 * layer, what changed), stamped with simulated time, and the phases the trip
 * went through with their start and end, from which the latency bars come.
 */
import type { PieceId } from './pieces.ts';

/** The layers a step can be filtered by, bottom up. */
export const LAYERS = ['link', 'network', 'transport', 'security', 'application', 'database'] as const;
/** One of LAYERS. */
export type Layer = (typeof LAYERS)[number];

/** The trip's phases, in order. */
export const PHASES = ['dns', 'tcp', 'tls', 'edge', 'balancer', 'rpc', 'database', 'response'] as const;
/** One phase of the trip. */
export type Phase = (typeof PHASES)[number];

/** What each phase is called on the latency bars. */
export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  dns: 'DNS',
  tcp: 'TCP handshake',
  tls: 'TLS handshake',
  edge: 'Edge (GET /api/suggest)',
  balancer: 'Balancer (POST /orders)',
  rpc: 'RPC to inventory',
  database: 'Database (CAS)',
  response: 'Response back',
};

/** One step of the trip. */
export interface JourneyEvent {
  /** Simulated milliseconds since the trip began. */
  time: number;
  device: string;
  layer: Layer;
  /** The piece whose code did it, when one did. */
  piece?: PieceId;
  /** What happened or changed, in one line. */
  text: string;
}

/** A phase's span in simulated time. */
export interface PhaseSpan {
  phase: Phase;
  start: number;
  end: number;
}

/** Simulated time as the timeline shows it: to the microsecond, without binary fractions' noise (0.1 + 0.2). */
export function simTime(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Collects events and phase spans as the trip runs. */
export class TimelineRecorder {
  readonly events: JourneyEvent[] = [];
  readonly phases: PhaseSpan[] = [];
  readonly #now: () => number;
  #current: Phase | undefined;
  #start = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Notes a step now. */
  note(device: string, layer: Layer, text: string, piece?: PieceId): void {
    const event: JourneyEvent = { time: simTime(this.#now()), device, layer, text };
    if (piece !== undefined) event.piece = piece;
    this.events.push(event);
  }

  /** The phase under way, if any (a failure names it). */
  get current(): Phase | undefined {
    return this.#current;
  }

  /** Ends the phase under way (if any) now and begins `phase`: the trip's phases follow one another. */
  begin(phase: Phase): void {
    this.finish();
    this.#current = phase;
    this.#start = simTime(this.#now());
  }

  /** Ends the phase under way, if any. */
  finish(): void {
    if (this.#current !== undefined) this.phases.push({ phase: this.#current, start: this.#start, end: simTime(this.#now()) });
    this.#current = undefined;
  }
}
