/**
 * Faults a learner can switch on, to see which piece copes with each. Each
 * is an id (fault-ids.ts) with a title and lesson per language
 * (journey-words.ts); the trip reads which are on. Two of them lose frames: a drop rule on one device's outgoing frames
 * drops the first frame it matches (and, for a broken connection, every
 * later frame of that flow), as if the link had lost it, and the timeline
 * says it was injected.
 */
import { viewFrame, type FrameView } from './frame-notes.ts';
import type { TimelineRecorder } from './timeline.ts';
import type { Fault } from './fault-ids.ts';
import { JOURNEY_WORDS, type JourneyWords } from './journey-words.ts';

export { FAULT_IDS, type Fault } from './fault-ids.ts';

/** The fault's one-line lesson, in `words`' language. */
export function faultLesson(fault: Fault, words: JourneyWords = JOURNEY_WORDS.en): string {
  return words.faults[fault].lesson;
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
