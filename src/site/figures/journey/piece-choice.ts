/**
 * Whose code each piece of the browser's journey is: the learner's when they
 * saved work for that lab and its pure stages (the code the trip runs) all
 * pass in the grading worker, or when they ask for theirs anyway; the
 * reference otherwise, with the reason. A verdict is kept per hash of the
 * files and tests it was given, so an unchanged lab is graded once.
 */
import { pieceLabel, type PieceId, type PieceSource } from '../../../journey/pieces.ts';

/** Files by name. */
export type Files = Record<string, string>;

/** What grading said of a lab's files: the pure stages that did not pass (none: the piece can be the learner's). */
export interface Verdict {
  /** `verdictKey` of what was graded. */
  key: string;
  failed: string[];
}

/** A piece's choice, with the label and the reason the panel shows. */
export interface PieceChoice {
  id: PieceId;
  source: PieceSource;
  label: string;
  reason: string;
}

/** The learner's files for a lab as the lab page shows them: saved ones, the starter's for a file never saved. */
export function learnerFiles(names: readonly string[], saved: Files, starter: Files): Files {
  return Object.fromEntries(names.map((name) => [name, saved[name] ?? starter[name] ?? '']));
}

/** Has the learner changed anything from the starter? Untouched starters never need grading. */
export function startedFrom(starter: Files, files: Files): boolean {
  return Object.entries(files).some(([name, text]) => starter[name] !== text);
}

/** A SHA-256 of the lab, its files and its tests: a verdict holds for exactly what was graded. */
export async function verdictKey(lab: string, files: Files, tests: Files): Promise<string> {
  const parts = [lab, ...[files, tests].flatMap((group) => Object.keys(group).sort().flatMap((name) => [name, group[name]!]))];
  // Lengths first, so no two different lists of parts hash the same text.
  const text = parts.map((part) => `${part.length}:${part}`).join('');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The choice for one piece. `verdict` is for the learner's current files (undefined when not graded: not started, or forced);
 * `problem` says why their files could not be read or graded (the reference runs then).
 */
export function choosePiece(id: PieceId, state: { started: boolean; forced: boolean; verdict?: Verdict; problem?: string }): PieceChoice {
  const choice = (source: PieceSource, reason: string): PieceChoice => ({ id, source, label: pieceLabel({ id, source }), reason });
  if (state.problem !== undefined) return choice('reference', `your ${id} lab could not be checked: ${state.problem}`);
  if (!state.started) return choice('reference', `you have not started the ${id} lab in this browser`);
  if (state.forced) return choice('yours', 'yours, as you asked, without grading');
  if (!state.verdict) return choice('reference', `your ${id} lab was not graded`);
  if (state.verdict.failed.length) return choice('reference', `your ${id} lab does not pass ${state.verdict.failed.join(', ')} yet`);
  return choice('yours', `your ${id} lab passes every stage the trip needs`);
}
