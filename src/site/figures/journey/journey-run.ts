/**
 * The chapter's trip, run once per build on the reference pieces with the
 * chapter's seed, and what the figures draw from it: the story's steps (the
 * services' notes, the lost and resent frames, the NAT's first rewrite) and
 * the network's layout; trip-figures.ts draws the phase bars and the table.
 * Nothing is typed in by hand but the layout.
 */
import { REFERENCE_PIECES } from '../../../journey/reference-pieces.ts';
import { JOURNEY_SEED, runTrip, type Trip } from '../../../journey/trip.ts';
import { plannedLinks, DEVICES, ADDRESSES } from '../../../journey/network-plan.ts';
import { PHASE_LABELS, type JourneyEvent, type PhaseSpan } from '../../../journey/timeline.ts';
import type { Step } from '../../components/step-through.ts';

let cached: Promise<Trip> | undefined;

/** The chapter's trip (run on first use, then shared by every figure of the build). */
export function chapterTrip(): Promise<Trip> {
  cached ??= runTrip({ pieces: REFERENCE_PIECES, seed: JOURNEY_SEED });
  return cached;
}

/** Where each device sits in the diagram (its box's centre), in a 640 × 440 view (wide enough for a phone to scroll rather than shrink the labels). */
export const LAYOUT: Readonly<Record<string, { x: number; y: number }>> = {
  phone: { x: 60, y: 80 },
  home: { x: 60, y: 216 },
  isp: { x: 190, y: 216 },
  resolver: { x: 190, y: 80 },
  edge: { x: 190, y: 352 },
  core: { x: 320, y: 216 },
  root: { x: 455, y: 48 },
  tld: { x: 455, y: 111 },
  auth: { x: 455, y: 174 },
  dcgw: { x: 320, y: 352 },
  dcswitch: { x: 455, y: 352 },
  director: { x: 580, y: 237 },
  web1: { x: 580, y: 295 },
  web2: { x: 580, y: 352 },
  inventory: { x: 580, y: 410 },
};

/** A device in the diagram. */
export interface DiagramDevice {
  name: string;
  address: string;
  x: number;
  y: number;
}

/** Devices and links of the diagram, from the trip's own network plan. */
export function diagram(): { devices: DiagramDevice[]; links: { name: string; from: string; to: string; lossy: boolean }[] } {
  const address = (name: string) => (name === 'director' ? `VIP ${ADDRESSES.vip}` : (Object.values(DEVICES.find((d) => d.name === name)?.interfaces ?? {})[0]?.split('/')[0] ?? 'switch'));
  const devices = Object.entries(LAYOUT).map(([name, at]) => ({ name, address: address(name), ...at }));
  const links = plannedLinks(0.1).map((l) => ({ name: l.name, from: l.a.split(':')[0]!, to: l.b.split(':')[0]!, lossy: (l.loss ?? 0) > 0 }));
  return { devices, links };
}

/** Is this event one the story tells: a service's note, a lost or resent frame, or a NAT rewrite? */
function told(event: JourneyEvent, seen: Set<string>): boolean {
  if (event.text.startsWith('lost on ') || event.text.startsWith('retransmission: ')) return true;
  if (event.text.includes('NAT: source')) {
    // The first rewrite of each kind (DNS, then TCP) is enough.
    const kind = event.text.includes('UDP') ? 'udp' : 'tcp';
    if (seen.has(kind)) return false;
    seen.add(kind);
    return true;
  }
  return ['application', 'security', 'database'].includes(event.layer) || event.piece !== undefined;
}

/** The story's steps, lighting up the device each happens on (and both ends of a link for a loss). */
export function storySteps(trip: Trip): Step[] {
  const seen = new Set<string>();
  const { links } = diagram();
  return trip.events
    .filter((e) => told(e, seen))
    .map((event) => {
      const link = links.find((l) => l.name === event.device);
      const phase = trip.phases.find((p) => event.time >= p.start && event.time <= p.end);
      return {
        title: `t = ${event.time} ms · ${link ? `the ${link.name} link` : event.device}${phase ? ` · ${PHASE_LABELS[phase.phase]}` : ''}`,
        text: event.text.replace(/\b(\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?)\b/g, '`$1`'),
        active: link ? [link.from, link.to] : [event.device],
      };
    });
}

/** A phase's simulated duration in ms, rounded to 0.1 ms, for the prose. */
export function phaseMs(trip: Trip, phase: PhaseSpan['phase']): number {
  const span = trip.phases.find((p) => p.phase === phase);
  if (span === undefined) throw new Error(`the chapter's trip has no ${phase} phase`);
  return Math.round((span.end - span.start) * 10) / 10;
}
