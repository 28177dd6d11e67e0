/**
 * That the learner passed the whole journey in this browser, kept in
 * localStorage beside the labs' progress (workspace/progress.ts) so the
 * chapter shows it on return without loading the runner.
 */

const PASS_KEY = 'packet-journey:journey-pass';

/** A pass: when, and with which seed and faults. */
export interface JourneyPass {
  at: string;
  seed: number;
  faults: string[];
}

/** The pass kept in this browser, if any. */
export function readJourneyPass(): JourneyPass | undefined {
  try {
    const pass = JSON.parse(localStorage.getItem(PASS_KEY) ?? 'null') as Partial<JourneyPass> | null;
    return typeof pass?.at === 'string' && typeof pass.seed === 'number' && Array.isArray(pass.faults) ? (pass as JourneyPass) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a pass; the first one stays, so a later run that breaks never takes it away (as a lab keeps its best score). */
export function recordJourneyPass(pass: JourneyPass): JourneyPass {
  const kept = readJourneyPass();
  if (kept) return kept;
  localStorage.setItem(PASS_KEY, JSON.stringify(pass));
  return pass;
}

/** The sentence the panel shows for a pass. */
export function passText(pass: JourneyPass): string {
  const faults = pass.faults.length ? `, with ${pass.faults.join(', ')} injected` : '';
  return `You passed the whole journey in this browser on ${pass.at.slice(0, 10)} (seed ${pass.seed}${faults}): every piece yours, and the order came back.`;
}
