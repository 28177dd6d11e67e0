/**
 * Why a trip in the worker stopped, as the learner reads it: a TripError is
 * explained again once the learner's module URLs in its stacks are replaced
 * by their files, so it blames the piece whose file threw (trip-failure.ts
 * looks for `workspace/<lab>/`), as the local trip does.
 */
import type { PieceId, PieceSet } from '../../journey/pieces.ts';
import { TripError, tripError } from '../../journey/trip-failure.ts';
import type { TripStop } from './trip-protocol.ts';

/** `error` and its causes with every stack and message passed through `describe`. */
function renamed(error: unknown, describe: (text: string) => string, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const copy = new Error(describe(error.message), { cause: renamed(error.cause, describe, depth + 1) });
  copy.name = error.name;
  copy.stack = describe(error.stack ?? `${error.name}: ${error.message}`);
  return copy;
}

/** The message and the blamed pieces for a failed run; an error that is not a TripError (a bug of the runner) says so. */
export function explainFailure(error: unknown, pieces: PieceSet, describe: (text: string) => string): { message: string; blamed: PieceId[]; stopped?: TripStop } {
  if (error instanceof TripError) {
    const again = tripError(renamed(error.cause, describe), error.phase, error.time, pieces);
    return { message: again.message, blamed: [...again.blamed], stopped: { phase: again.phase, time: again.time } };
  }
  return { message: `The journey could not run: ${describe(error instanceof Error ? error.message : String(error))}`, blamed: [] };
}
