/**
 * The journey's Web Worker: runs the whole trip (src/journey/trip.ts) with
 * the learner's pieces, loaded from their saved files as blob: modules, and
 * the reference elsewhere, on PGlite started from the site's initialised data
 * directory. The page keeps the time limit (a piece that never returns can
 * only be stopped by terminating this worker).
 */
import { FAULT_IDS, type Fault } from '../../journey/faults.ts';
import { pieceLabel, withPieces, type Piece } from '../../journey/pieces.ts';
import { REFERENCE_MODULES, REFERENCE_PIECES } from '../../journey/reference-pieces.ts';
import { runTrip } from '../../journey/trip.ts';
import { loadPiece, type LoadedPiece } from '../embedded/piece-modules.ts';
import { offerSiteDataDir } from '../embedded/pglite-data-dir.ts';
import type { TripMessage, TripRequest } from '../embedded/trip-protocol.ts';
import { explainFailure } from '../embedded/trip-failure-text.ts';

offerSiteDataDir(location.href);
const post = (message: TripMessage, transfer: Transferable[] = []) => postMessage(message, { transfer });
const host = {
  toUrl: (source: string) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' })),
  release: (url: string) => URL.revokeObjectURL(url),
};

/** The faults asked for, each checked against the list the trip knows. */
function faultsOf(ids: readonly string[]): Fault[] {
  const unknown = ids.filter((id) => !(FAULT_IDS as readonly string[]).includes(id));
  if (unknown.length) throw new Error(`unknown fault ${unknown.join(', ')} (the trip knows ${FAULT_IDS.join(', ')})`);
  return ids as Fault[];
}

async function run(request: TripRequest): Promise<void> {
  const loaded: LoadedPiece[] = [];
  let pieces = REFERENCE_PIECES;
  try {
    const faults = faultsOf(request.faults);
    const yours: Piece[] = [];
    for (const { id, files } of request.yours) {
      post({ kind: 'progress', text: `Loading ${pieceLabel({ id, source: 'yours' })}…` });
      try {
        const piece = await loadPiece(id, files, Object.keys(REFERENCE_MODULES[id]), host);
        loaded.push(piece);
        yours.push({ id, source: 'yours', modules: piece.modules } as Piece);
      } catch (error) {
        post({ kind: 'failed', message: `${pieceLabel({ id, source: 'yours' })} could not load: ${(error as Error).message}`, blamed: [id], stopped: { phase: undefined, time: 0 } });
        return;
      }
    }
    pieces = withPieces(REFERENCE_PIECES, yours);
    post({ kind: 'progress', text: 'Starting the inventory database (PGlite)…' });
    // Loaded on the first run only: PGlite is most of this worker's weight.
    const { freshPglite } = await import('../../../labs/inventory/tests/fixtures/pglite-template.ts');
    const database = await freshPglite();
    post({ kind: 'progress', text: 'Running the trip…' });
    try {
      const trip = await runTrip({ pieces, seed: request.seed, faults, database });
      post({ kind: 'done', trip }, [trip.pcap.buffer]);
    } finally {
      await database.close();
    }
  } catch (error) {
    post({ kind: 'failed', ...explainFailure(error, pieces, (text) => loaded.reduce((out, piece) => piece.describe(out), text)) });
  } finally {
    for (const piece of loaded) piece.dispose();
  }
}

// A learner's piece may leave a promise rejected; the trip reports what it needs through its own jobs.
addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => event.preventDefault());
addEventListener('message', (event: MessageEvent<TripRequest>) => {
  if (event.data.type === 'trip') void run(event.data);
});
