/**
 * What the page and the trip worker say to each other: run the journey with
 * these learner pieces, seed and faults; the trip, or why it stopped. Kept
 * apart from the worker so the page builds a request without loading it.
 */
import type { PieceId } from '../../journey/pieces.ts';
import type { TripError } from '../../journey/trip-failure.ts';
import type { Trip } from '../../journey/trip.ts';

/** One of the learner's pieces: its lab's files, by virtual path (run-files.ts `runFiles`: /impl/… and /given/…). */
export interface LearnerPieceFiles {
  id: PieceId;
  files: [string, string][];
}

/** Page → trip worker. */
export interface TripRequest {
  type: 'trip';
  seed: number;
  /** Fault ids (faults.ts FAULT_IDS); the worker refuses one it does not know. */
  faults: string[];
  /** The pieces to take from the learner; every other piece is the reference. */
  yours: LearnerPieceFiles[];
}

/** Trip worker → page. */
export type TripMessage =
  /** What the worker is doing now, for the panel's status line. */
  | { kind: 'progress'; text: string }
  | { kind: 'done'; trip: Trip }
  /** The trip did not bring the order back: the TripError's message (piece and step named), or why a piece would not load. */
  | { kind: 'failed'; message: string; blamed: PieceId[]; stopped?: TripStop };

/** Where the trip stopped, for the journey's verdict: a TripError's phase and time (a piece that would not load: no phase, t=0). Absent when the runner itself failed. */
export type TripStop = Pick<TripError, 'phase' | 'time'>;
