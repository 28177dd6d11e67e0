/**
 * Faults a learner can switch on, to see which piece copes with each. FAULTS
 * is plain data (a toggle's id, title and lesson); the trip reads which are
 * on. Two of them lose frames: a drop rule on one device's outgoing frames
 * drops the first frame it matches (and, for a broken connection, every
 * later frame of that flow), as if the link had lost it, and the timeline
 * says it was injected.
 */
import { viewFrame, type FrameView } from './frame-notes.ts';
import type { TimelineRecorder } from './timeline.ts';
import type { Fault } from './fault-ids.ts';

export { FAULT_IDS, type Fault } from './fault-ids.ts';

/** A fault as a toggle shows it. */
export interface FaultInfo {
  id: Fault;
  /** What goes wrong, in a few words. */
  title: string;
  /** Which piece copes, and how, in one line. */
  lesson: string;
}

/** Every fault, with its lesson. */
export const FAULTS: readonly FaultInfo[] = [
  {
    id: 'lost-dns-reply',
    title: "The resolver's answer is lost",
    lesson: "the Wi-Fi loses the resolver's first answer to the phone; the phone's stub asks again after its timeout, and the resolver answers from its cache",
  },
  {
    id: 'server-down',
    title: 'A web server dies behind the balancer',
    lesson: "web1 dies as the trip starts; the director's health checks (the lb piece's HealthChecker) find it silent twice in a row and mark it down, so round robin hands the order to web2",
  },
  {
    id: 'lost-order-response',
    title: "The order's answer is lost after the commit",
    lesson: "the data centre's gateway loses the answer to POST /orders (and TCP's resends) after the stock was deducted; the edge gives up with a 504, the phone sends the order again with the same idempotency key, and the order service (the inventory piece) answers with the same order, deducting nothing",
  },
  {
    id: 'idle-proxy',
    title: 'A proxy closes an idle connection',
    lesson: 'the shopper reads the suggestions for 90 s; the edge closes connections idle for 60 s, so the phone sees the FIN and opens a new connection (TCP and TLS again) for the order; a connection that must stay open sends a heartbeat more often than the timeout instead',
  },
];

/** The fault's one-line lesson. */
export function faultLesson(fault: Fault): string {
  return FAULTS.find((f) => f.id === fault)!.lesson;
}

/** A drop rule for one device's outgoing frames. */
export interface DropRule {
  device: string;
  /** True for a frame (on `iface`) to drop. */
  matches(frame: Uint8Array, iface: string): boolean;
}

/** The drop rules of the chosen faults; each notes every frame it drops. */
export function dropRules(faults: readonly Fault[], timeline: TimelineRecorder): DropRule[] {
  return faults.flatMap((fault) => {
    const rule = RULES[fault];
    if (rule === undefined) return [];
    let flow: string | undefined;
    let spent = false;
    return [
      {
        device: rule.device,
        matches: (frame: Uint8Array, iface: string) => {
          if (iface !== rule.iface) return false;
          const view = viewFrame(frame);
          const key = view.ip && `${view.ip.source}:${view.ip.sourcePort}>${view.ip.destination}:${view.ip.destinationPort}`;
          const drop = flow !== undefined ? key === flow : !spent && rule.matches(view);
          if (!drop) return false;
          spent = true;
          if (rule.wholeFlow) flow = key;
          timeline.note(rule.device, 'link', `injected fault (${fault}): ${view.summary} is lost ${rule.where}`);
          return true;
        },
      },
    ];
  });
}

interface RuleSpec {
  device: string;
  iface: string;
  /** Where the frame is lost, for the timeline. */
  where: string;
  matches: (view: FrameView) => boolean;
  /** Drop every later frame of the first one's flow too (a broken path, not one lost frame). */
  wholeFlow?: boolean;
}

const RULES: Readonly<Partial<Record<Fault, RuleSpec>>> = {
  // The home gateway's side of the Wi-Fi: a DNS answer (from port 53) on its way to the phone.
  'lost-dns-reply': { device: 'home', iface: 'eth0', where: 'on the Wi-Fi', matches: (view) => view.ip?.protocol === 17 && view.ip.sourcePort === 53 },
  // The data centre's uplink: the first TCP segment carrying data from the VIP's port 80 is the order's answer.
  'lost-order-response': {
    device: 'dcgw',
    iface: 'eth0',
    where: "at the data centre's gateway",
    wholeFlow: true,
    matches: (view) => view.ip?.protocol === 6 && view.ip.sourcePort === 80 && (view.payloadLength ?? 0) > 0,
  },
};
