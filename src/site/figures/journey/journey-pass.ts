/**
 * That the learner passed the whole journey in this browser, kept in
 * localStorage beside the labs' progress (workspace/progress.ts) so the
 * chapter shows it on return without loading the runner.
 */

import { readSetting, writeSetting } from '../../../workspace/preferences.ts';

/** The setting's name (stored as packet-journey:journey-pass). */
const PASS_SETTING = 'journey-pass';

/** A pass: when, and with which seed and faults. */
export interface JourneyPass {
  at: string;
  seed: number;
  faults: string[];
}

/** The pass kept in this browser, if any. */
export function readJourneyPass(): JourneyPass | undefined {
  const pass = readSetting<Partial<JourneyPass> | null>(PASS_SETTING, null);
  return typeof pass?.at === 'string' && typeof pass.seed === 'number' && Array.isArray(pass.faults) ? (pass as JourneyPass) : undefined;
}

/** Keeps a pass; the first one stays, so a later run that breaks never takes it away (as a lab keeps its best score). */
export function recordJourneyPass(pass: JourneyPass): JourneyPass {
  const kept = readJourneyPass();
  if (kept) return kept;
  writeSetting(PASS_SETTING, pass);
  return pass;
}

/** The sentence the panel shows for a pass. */
export function passText(pass: JourneyPass): string {
  const faults = pass.faults.length ? `, with ${pass.faults.join(', ')} injected` : '';
  return `You passed the whole journey in this browser on ${pass.at.slice(0, 10)} (seed ${pass.seed}${faults}): every piece yours, and the order came back.`;
}
