import { describe, expect, it } from 'vitest';
import type { Stage } from '../course/manifest.ts';
import type { GraderEvent } from './embedded/protocol.ts';
import { gradeInPasses, loadOverrunMessage, type PassOptions, type PassOutcome } from './passes.ts';
import type { WatchFeed } from './watchdog.ts';

const limits = { testMs: 100, graceMs: 0, runMs: 20_000, outputChars: 100 };

/**
 * How a stage behaves in a pass: it ends with `error` after `ms` (or never
 * ends), given which other stages share the pass; `rejects` as it begins.
 */
type Behaviour = (beside: readonly string[]) => { ms: number; error?: string; rejects?: string } | 'stuck';

const stage = (id: string): Stage => ({ id, title: id, summary: id, points: 1, runsIn: 'pure', hints: ['h'] });

/** A runner whose stages load at once, side by side (`together`) or one after another, as scripted. */
function scripted(behaviours: Record<string, Behaviour>, order: 'together' | 'in turn') {
  const passes: string[][] = [];
  const runPass = async (stages: readonly Stage[], onEvent: (e: GraderEvent) => void, watch: WatchFeed, signal: AbortSignal): Promise<PassOutcome> => {
    const ids = stages.map((s) => s.id);
    passes.push(ids);
    const unhandled: string[] = [];
    const runOne = (id: string) =>
      new Promise<void>((resolve) => {
        watch.loading(id);
        const behaviour = behaviours[id]!(ids.filter((other) => other !== id));
        signal.addEventListener('abort', () => resolve());
        if (behaviour === 'stuck') return;
        if (behaviour.rejects) unhandled.push(behaviour.rejects);
        setTimeout(() => {
          if (signal.aborted) return;
          watch.ended(id);
          onEvent({ kind: 'stage-end', stage: id, ...(behaviour.error ? { error: behaviour.error } : {}) });
          resolve();
        }, behaviour.ms);
      });
    if (order === 'together') await Promise.all(ids.map(runOne));
    else for (const id of ids) if (!signal.aborted) await runOne(id);
    // As the Node runner does, a stopped run still reports the stray rejections it saw.
    onEvent({ kind: 'run-end', unhandled });
    return signal.aborted ? { kind: 'stopped' } : { kind: 'done' };
  };
  return { passes, runPass };
}

function grade(run: ReturnType<typeof scripted>, ids: string[]) {
  const options: PassOptions = { lab: 'lab', target: 'starter', runner: 'node', scoring: 'all-or-nothing', limits, stages: ids.map(stage), runPass: run.runPass };
  return gradeInPasses(options);
}

const errorOf = (result: Awaited<ReturnType<typeof grade>>, id: string) => result.stages.find((s) => s.id === id)!.error;

describe('grading in passes', () => {
  it('does not blame a stage slowed by a loop beside it: the open stages run again alone, and the loop is named', async () => {
    // The syntax error takes 300 ms to report beside the loop (the machine is busy), 10 ms alone.
    const run = scripted({ syntax: (beside) => ({ ms: beside.includes('loop') ? 300 : 10, error: 'syntax.ts:2:14' }), loop: () => 'stuck', fine: () => ({ ms: 10 }) }, 'together');
    const result = await grade(run, ['syntax', 'loop', 'fine']);
    expect(errorOf(result, 'syntax')).toBe('syntax.ts:2:14');
    expect(errorOf(result, 'loop')).toBe(loadOverrunMessage(100));
    expect(errorOf(result, 'fine')).toBeUndefined();
    expect(run.passes).toEqual([['syntax', 'loop', 'fine'], ['syntax'], ['loop']]);
  });

  it('lists a stray rejection once, though its stage ran again', async () => {
    const run = scripted({ stray: (beside) => ({ ms: beside.length ? 300 : 10, rejects: 'Error: nobody caught this' }), loop: () => 'stuck' }, 'together');
    const result = await grade(run, ['stray', 'loop']);
    expect(run.passes).toEqual([['stray', 'loop'], ['stray'], ['loop']]);
    expect(result).toMatchObject({ status: 'error', message: 'errors outside any test:\nError: nobody caught this' });
  });

  it('blames the stage that overran at once when every stage beside it had finished', async () => {
    const run = scripted({ loop: () => 'stuck', fine: () => ({ ms: 10 }), other: () => ({ ms: 20 }) }, 'together');
    const result = await grade(run, ['fine', 'loop', 'other']);
    expect(errorOf(result, 'loop')).toBe(loadOverrunMessage(100));
    expect(run.passes).toEqual([['fine', 'loop', 'other']]);
  });

  it('blames at once in a runner that grades stages in turn: the stages waiting theirs slowed nothing', async () => {
    const run = scripted({ fine: () => ({ ms: 10 }), loop: () => 'stuck', later: () => ({ ms: 10 }) }, 'in turn');
    const result = await grade(run, ['fine', 'loop', 'later']);
    expect(errorOf(result, 'loop')).toBe(loadOverrunMessage(100));
    expect(errorOf(result, 'later')).toBeUndefined();
    expect(run.passes).toEqual([['fine', 'loop', 'later'], ['later']]);
  });

  it('names every loop when several are stuck side by side, in a bounded number of passes', async () => {
    const run = scripted({ a: () => 'stuck', b: () => 'stuck', c: () => 'stuck', fine: () => ({ ms: 10 }) }, 'together');
    const result = await grade(run, ['a', 'b', 'c', 'fine']);
    for (const id of ['a', 'b', 'c']) expect(errorOf(result, id)).toBe(loadOverrunMessage(100));
    expect(errorOf(result, 'fine')).toBeUndefined();
    expect(run.passes).toEqual([['a', 'b', 'c', 'fine'], ['a'], ['b'], ['c']]);
  });
});
