import { describe, expect, it } from 'vitest';
import { labBundle } from '../../course/lab-bundle.ts';
import { loadLab } from '../../course/labs.ts';
import { coursePaths } from '../../course/paths.ts';
import { REFERENCE_PIECES } from '../../journey/reference-pieces.ts';
import { withPieces } from '../../journey/pieces.ts';
import { tripError } from '../../journey/trip-failure.ts';
import { loadPiece } from './piece-modules.ts';
import { runFiles } from './run-files.ts';
import { explainFailure } from './trip-failure-text.ts';

const host = { toUrl: (source: string) => `data:text/javascript;base64,${Buffer.from(source).toString('base64')}` };
const bundle = labBundle(loadLab(coursePaths(), 'tcp'), { showSolutions: true });
const filesOf = (learner: Record<string, string>) => runFiles({ learnerFiles: bundle.manifest.files, learner, given: bundle.given, tests: {} });

describe("a learner's piece loaded as modules", () => {
  it('imports the files the trip uses, their @impl/ imports and given files resolved', async () => {
    const piece = await loadPiece('tcp', filesOf(bundle.solution!), ['connection.ts'], host);
    expect(typeof piece.modules['connection.ts'].TcpConnection).toBe('function');
  });

  it('names a file that does not compile as workspace/<lab>/<file> with its line', async () => {
    const broken = { ...bundle.solution!, 'sender.ts': `${bundle.solution!['sender.ts']}\nconst = 1;\n` };
    const lines = broken['sender.ts'].split('\n').length - 1;
    await expect(loadPiece('tcp', filesOf(broken), ['connection.ts'], host)).rejects.toThrow(new RegExp(`^workspace/tcp/sender\\.ts:${lines}:\\d+: `));
  });

  it("blames the piece whose file threw, once the stack's module URLs name the files", async () => {
    const thrower = { ...bundle.solution!, 'connection.ts': `${bundle.solution!['connection.ts']}\nexport function boom(): never { throw new Error('boom'); }\n` };
    const piece = await loadPiece('tcp', filesOf(thrower), ['connection.ts'], host);
    const pieces = withPieces(REFERENCE_PIECES, [{ id: 'tcp', source: 'yours', modules: piece.modules }]);
    let thrown: unknown;
    try {
      (piece.modules['connection.ts'] as unknown as { boom(): never }).boom();
    } catch (error) {
      thrown = error;
    }
    // During the edge phase the tcp piece is not one the phase runs: only the stack can name it.
    const error = tripError(thrown, 'edge', 1234, pieces);
    expect(error.blamed).toEqual([]);
    const explained = explainFailure(error, pieces, piece.describe);
    expect(explained.blamed).toEqual(['tcp']);
    expect(explained.stopped).toEqual({ phase: 'edge', time: 1234 });
    expect(explained.message).toBe('The trip stopped during Edge (GET /api/suggest), at t=1234 ms: boom. Look at your TCP (workspace/tcp/).');
  });

  it('says the runner itself failed for an error that is not the trip\'s', () => {
    expect(explainFailure(new Error('no PGlite'), REFERENCE_PIECES, (t) => t)).toEqual({ message: 'The journey could not run: no PGlite', blamed: [] });
  });
});
