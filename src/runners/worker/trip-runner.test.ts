import { describe, expect, it } from 'vitest';
import type { TripMessage, TripRequest } from '../embedded/trip-protocol.ts';
import { TripRunner } from './trip-runner.ts';

/** A stand-in for the trip worker: answers each request with `answer`'s messages, or never. */
class FakeWorker extends EventTarget {
  terminated = false;
  readonly requests: TripRequest[] = [];
  private readonly answer: (request: TripRequest) => TripMessage[];
  constructor(answer: (request: TripRequest) => TripMessage[]) {
    super();
    this.answer = answer;
  }
  postMessage(request: TripRequest): void {
    this.requests.push(request);
    for (const data of this.answer(request)) queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data })));
  }
  terminate(): void {
    this.terminated = true;
  }
}

function runnerWith(answer: (request: TripRequest) => TripMessage[]) {
  const workers: FakeWorker[] = [];
  const runner = new TripRunner(() => {
    const worker = new FakeWorker(answer);
    workers.push(worker);
    return worker as unknown as Worker;
  });
  return { runner, workers };
}

const request = { seed: 4, faults: [], yours: [] };

describe('the page side of the trip worker', () => {
  it('passes progress on and keeps its warm worker after a finished run', async () => {
    const { runner, workers } = runnerWith(() => [
      { kind: 'progress', text: 'Running the trip…' },
      { kind: 'failed', message: 'The trip stopped during DNS', blamed: ['dns'], stopped: { phase: 'dns', time: 12 } },
    ]);
    const progress: string[] = [];
    // Where it stopped goes on too: the panel's verdict names the step.
    expect(await runner.run(request, { onProgress: (text) => progress.push(text) })).toEqual({ kind: 'failed', message: 'The trip stopped during DNS', blamed: ['dns'], stopped: { phase: 'dns', time: 12 } });
    expect(progress).toEqual(['Running the trip…']);
    await runner.run(request);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.requests.map((r) => r.type)).toEqual(['trip', 'trip']);
  });

  it('stops a trip that outlives its limit, says so, and starts a new worker for the next', async () => {
    const { runner, workers } = runnerWith(() => []);
    const result = await runner.run(request, { limitMs: 20 });
    expect(result.kind).toBe('failed');
    expect(result.kind === 'failed' && result.message).toMatch(/^The trip did not finish within 0\.02 s and was stopped\./);
    expect(workers[0]!.terminated).toBe(true);
    void runner.run(request, { limitMs: 20 });
    expect(workers).toHaveLength(2);
  });
});
