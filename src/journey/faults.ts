/**
 * Faults a learner can switch on, to see which piece copes with each. A fault
 * is a rule on one device's outgoing frames: the first frame it matches is
 * dropped, as if the link had lost it, and the timeline says it was injected.
 */
import { viewFrame } from './frame-notes.ts';
import type { TimelineRecorder } from './timeline.ts';

/** The faults there are. */
export const FAULTS = ['lost-dns-reply'] as const;
/** One of FAULTS. */
export type Fault = (typeof FAULTS)[number];

/** What each fault does, and who copes with it. */
export const FAULT_DESCRIPTIONS: Readonly<Record<Fault, string>> = {
  'lost-dns-reply': "the Wi-Fi loses the resolver's first answer to the phone; the phone's stub asks again after its timeout, and the resolver answers from its cache",
};

/** A drop rule for one device's outgoing frames. */
export interface DropRule {
  device: string;
  /** True for a frame (on `iface`) to drop. */
  matches(frame: Uint8Array, iface: string): boolean;
}

/** The drop rules for the chosen faults; each drops only the first frame it matches and notes it. */
export function dropRules(faults: readonly Fault[], timeline: TimelineRecorder): DropRule[] {
  return faults.map((fault) => {
    const rule = RULES[fault];
    let spent = false;
    return {
      device: rule.device,
      matches: (frame, iface) => {
        if (spent || iface !== rule.iface) return false;
        const view = viewFrame(frame);
        if (!rule.matches(view)) return false;
        spent = true;
        timeline.note(rule.device, 'link', `injected fault (${fault}): ${view.summary} is lost on the Wi-Fi`);
        return true;
      },
    };
  });
}

const RULES: Readonly<Record<Fault, { device: string; iface: string; matches: (view: ReturnType<typeof viewFrame>) => boolean }>> = {
  // The home gateway's side of the Wi-Fi: a DNS answer (from port 53) on its way to the phone.
  'lost-dns-reply': { device: 'home', iface: 'eth0', matches: (view) => view.ip?.protocol === 17 && view.ip.sourcePort === 53 },
};
