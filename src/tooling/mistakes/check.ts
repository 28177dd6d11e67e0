/**
 * The mistakes check: every mistake in `labs/<id>/mistakes.json`, applied to a
 * copy of the solution, must make at least one test of its stage fail, so it
 * costs that stage's points. Grading runs in one child process per lab
 * (grade-child.ts), with a time limit for the whole list.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Lab } from '../../course/labs.ts';

/** What the child prints, one JSON object a line. */
export type MistakeLine =
  | { kind: 'start'; id: string }
  | { kind: 'result'; id: string; passed: string[]; failed: string[]; error?: string; patchError?: boolean };

/** How the stage's tests took one mistake. */
export interface MistakeOutcome {
  id: string;
  passed: string[];
  failed: string[];
  /** A load error of the stage (the stage then earns nothing), or why the patch did not apply. */
  error?: string;
  /** True when the mistake's edit no longer applies to the solution. */
  patchError?: boolean;
}

/** True when the stage's points are lost: a test failed, or the stage did not load. */
export function losesPoints(outcome: MistakeOutcome): boolean {
  return !outcome.patchError && (outcome.failed.length > 0 || outcome.error !== undefined);
}

const child = fileURLToPath(new URL('./grade-child.ts', import.meta.url));

/** Grades every mistake of a lab; rejects naming the mistake that was running if the list overruns `limitMs`. */
export function checkMistakes(lab: Lab, limitMs: number): Promise<Map<string, MistakeOutcome>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, lab.id], { stdio: ['ignore', 'pipe', 'pipe'] });
    const outcomes = new Map<string, MistakeOutcome>();
    let running: string | undefined;
    let buffered = '';
    let stderr = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`labs/${lab.id}/mistakes.json: grading did not finish within ${limitMs / 1000} s${running ? `; mistake "${running}" was running (a loop that never ends?)` : ''}`));
    }, limitMs);
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        let event: MistakeLine;
        try {
          event = JSON.parse(line) as MistakeLine;
        } catch {
          // Something wrote to stdout besides the child's own lines (a mistaken solution can): say so, not a SyntaxError.
          proc.kill('SIGKILL');
          return reject(new Error(`labs/${lab.id}/mistakes.json: unexpected output while grading${running ? ` mistake "${running}"` : ''}: ${line.slice(0, 200)}`));
        }
        if (event.kind === 'start') running = event.id;
        else {
          running = undefined;
          const { kind: _kind, ...outcome } = event;
          outcomes.set(event.id, outcome);
        }
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(outcomes);
      else reject(new Error(`labs/${lab.id}/mistakes.json: grading exited ${code}${running ? ` while mistake "${running}" ran` : ''}: ${stderr.trim()}`));
    });
  });
}
