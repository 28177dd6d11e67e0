/**
 * Chapter 11's grading stage, "the journey completes with every piece
 * yours": it passes when every piece came from the learner's workspace and
 * the trip brought the order back. Each piece's correctness is its own lab's
 * to grade; this stage grades whether the learner's pieces work together.
 * Plain data and text, so the CLI and a page can show it alike.
 */
import { pieceLabel, PIECE_IDS, PIECE_NOUNS, type Piece, type PieceId } from './pieces.ts';
import { PHASE_LABELS } from './timeline.ts';
import type { TripError } from './trip-failure.ts';

/** One line of the verdict: a piece, or the trip itself. */
export interface VerdictRow {
  ok: boolean;
  text: string;
  note: string;
}

/** The stage's result. */
export interface JourneyVerdict {
  passed: boolean;
  rows: VerdictRow[];
  /** One sentence: pass, or what to do next, naming the piece. */
  summary: string;
}

/** What the trip ended with: the order's answer, or where it stopped (a TripError, or the same facts sent from the browser's trip worker). */
export type TripEnd = { order: { status: number } } | { failure: Pick<TripError, 'phase' | 'time' | 'blamed'> };

/** Whose each piece of the run was: a PieceSet, or the page's choices (which hold no modules). */
export type RunPieces = { readonly [Id in PieceId]: Pick<Piece<Id>, 'id' | 'source'> };

/** Grades a trip run with `pieces`. */
export function journeyVerdict(pieces: RunPieces, end: TripEnd): JourneyVerdict {
  const failure = 'failure' in end ? end.failure : undefined;
  const status = 'order' in end ? end.order.status : undefined;
  const completed = status === 201;
  const step = failure?.phase === undefined ? 'before it began' : `during ${PHASE_LABELS[failure.phase]}`;
  const blamed = failure?.blamed[0];
  const missing = PIECE_IDS.filter((id) => pieces[id].source !== 'yours');
  const rows: VerdictRow[] = PIECE_IDS.map((id) => {
    const yours = pieces[id].source === 'yours';
    const note = !yours ? `still the reference: \`npx journey start ${id}\`` : id === blamed ? `workspace/${id}/: the trip stopped here` : `workspace/${id}/`;
    return { ok: yours && id !== blamed, text: pieceLabel(pieces[id]), note };
  });
  rows.push({ ok: completed, text: 'the order comes back', note: failure ? `the trip stopped ${step}, at t=${failure.time} ms` : `answered ${status}` });
  const problems: string[] = [];
  if (failure) {
    problems.push(`the trip stopped ${step}${blamed ? `: look at your ${PIECE_NOUNS[blamed]} (workspace/${blamed}/)` : ''}`);
  } else if (!completed) problems.push('the order was not accepted');
  if (missing.length) problems.push(`${missing.length} of ${PIECE_IDS.length} pieces are still the reference: ${missing.map((id) => `${PIECE_NOUNS[id]} (${id})`).join(', ')}`);
  const passed = problems.length === 0;
  return { passed, rows, summary: passed ? 'pass: the order crossed the network carried by your code alone.' : `not yet: ${problems.join('; ')}.` };
}
