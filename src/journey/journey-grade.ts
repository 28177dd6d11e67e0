/**
 * Chapter 11's grading stage, "the journey completes with every piece
 * yours": it passes when every piece came from the learner's workspace and
 * the trip brought the order back. Each piece's correctness is its own lab's
 * to grade; this stage grades whether the learner's pieces work together.
 * Plain data and text, so the CLI and a page can show it alike.
 */
import { JOURNEY_WORDS, pieceLabel, type JourneyWords } from './journey-words.ts';
import { PIECE_IDS, type Piece, type PieceId } from './pieces.ts';
import type { TripError } from './trip-failure.ts';

/** One line of the verdict: a piece, or the trip itself. */
export interface VerdictRow {
  ok: boolean;
  text: string;
  note: string;
  /** The lab to start, when the row's piece is still the reference (a page links to the lab rather than print the command). */
  start?: PieceId;
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

/** Grades a trip run with `pieces`, saying so in `words`' language. */
export function journeyVerdict(pieces: RunPieces, end: TripEnd, words: JourneyWords = JOURNEY_WORDS.en): JourneyVerdict {
  const failure = 'failure' in end ? end.failure : undefined;
  const status = 'order' in end ? end.order.status : undefined;
  const completed = status === 201;
  const step = failure?.phase === undefined ? words.beforeItBegan : words.during(words.phaseLabels[failure.phase]);
  const blamed = failure?.blamed[0];
  const missing = PIECE_IDS.filter((id) => pieces[id].source !== 'yours');
  const rows: VerdictRow[] = PIECE_IDS.map((id) => {
    const text = pieceLabel(pieces[id], words);
    if (pieces[id].source !== 'yours') return { ok: false, text, note: words.stillReference(id), start: id };
    return { ok: id !== blamed, text, note: id === blamed ? words.stoppedHere(`workspace/${id}/`) : `workspace/${id}/` };
  });
  rows.push({ ok: completed, text: words.orderComesBack, note: failure ? words.stoppedAt(step, failure.time) : words.answered(status) });
  const problems: string[] = [];
  if (failure) problems.push(words.stoppedLook(step, blamed && words.named(words.pieceNouns[blamed], `workspace/${blamed}/`)));
  else if (!completed) problems.push(words.notAccepted);
  if (missing.length) {
    const list = missing.map((id) => words.named(words.pieceNouns[id], id)).join(words.listSeparator);
    problems.push(words.stillReferenceCount(missing.length, PIECE_IDS.length, list));
  }
  const passed = problems.length === 0;
  return { passed, rows, summary: passed ? words.pass : words.notYet(problems.join(words.problemSeparator)) };
}
