/**
 * When a trip fails: which step it was in, when, and whose piece to look at.
 * A piece of the learner's named in the error's stack (a file under
 * `workspace/<lab>/`) is blamed first; otherwise the learner's pieces that
 * the failed step runs (every piece of theirs, before the first step: while the
 * network is built). A stall (nothing left to happen) names the step too.
 */
import { pieceLabel, PIECE_IDS, type PieceId, type PieceSet } from './pieces.ts';
import { PHASE_LABELS, type Phase } from './timeline.ts';

/** The pieces each step of the trip runs (the layers and routing pieces carry every packet). */
export const PHASE_PIECES: Readonly<Record<Phase, readonly PieceId[]>> = {
  dns: ['dns', 'layers', 'routing'],
  tcp: ['tcp', 'layers', 'routing'],
  tls: ['https', 'tcp'],
  edge: ['cdn', 'https'],
  balancer: ['lb', 'tcp', 'routing'],
  rpc: ['rpc', 'tcp'],
  database: ['inventory'],
  response: ['rpc', 'https', 'tcp'],
};

/** A trip that did not bring the order back. */
export class TripError extends Error {
  override name = 'TripError';
  /** The step under way, if the trip had begun. */
  readonly phase: Phase | undefined;
  /** Simulated ms. */
  readonly time: number;
  /** The learner's pieces to look at, most likely first. */
  readonly blamed: readonly PieceId[];

  constructor(message: string, phase: Phase | undefined, time: number, blamed: readonly PieceId[], cause: unknown) {
    super(message, { cause });
    this.phase = phase;
    this.time = time;
    this.blamed = blamed;
  }
}

/** The text of an error and its causes' stacks, where the learner's file names show. */
function traces(error: unknown): string {
  let text = '';
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) text += `${e.stack ?? e.message}\n`;
  return text || String(error);
}

/** Explains `error`, thrown while the trip was in `phase` at `time`. */
export function tripError(error: unknown, phase: Phase | undefined, time: number, pieces: PieceSet): TripError {
  const yours = (id: PieceId) => pieces[id].source === 'yours';
  const inStack = [...traces(error).matchAll(/workspace[/\\]([a-z0-9-]+)[/\\]/g)].map((m) => m[1] as PieceId).filter((id) => id in pieces && yours(id));
  // Before the first step every piece is being built, so any of the learner's may be the one.
  const inPhase = (phase === undefined ? PIECE_IDS : PHASE_PIECES[phase]).filter(yours);
  const blamed = [...new Set([...inStack, ...inPhase])];
  const step = phase === undefined ? 'before it began' : `during ${PHASE_LABELS[phase]}`;
  const who = blamed.length ? ` Look at ${blamed.map((id) => `${pieceLabel(pieces[id])} (workspace/${id}/)`).join(', then ')}.` : ' Every piece of this step is the reference: please report it.';
  const what = error instanceof Error ? error.message : String(error);
  return new TripError(`The trip stopped ${step}, at t=${time} ms: ${what}.${who}`, phase, time, blamed, error);
}
