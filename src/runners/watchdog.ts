/**
 * The one watchdog of every runner. Learner code can loop forever where
 * nothing inside can interrupt it, so the host watches from outside: armed
 * when a stage starts loading and when a test starts, cleared when the test
 * ends, and a whole-run deadline behind both. Each stage has its own timer,
 * so stages graded side by side are watched apart. When it fires it names
 * what overran and the runner stops its process or worker.
 */

/** What overran: a test, a stage's loading (top-level code of its files), or the whole run. */
export type Overrun =
  | { scope: 'test'; stage: string; name: string; limitMs: number }
  | { scope: 'load'; stage: string; limitMs: number }
  | { scope: 'run'; stage?: string; limitMs: number };

/** What a runner tells the watchdog as grading goes (from its own channel: IPC, postMessage, a progress file). */
export interface WatchFeed {
  /** A stage's test file is about to be imported. */
  loading(stage: string): void;
  started(stage: string, name: string): void;
  /** The stage's running test, or the stage itself, has ended. */
  ended(stage: string): void;
}

export class Watchdog implements WatchFeed {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly deadline: ReturnType<typeof setTimeout>;
  private stage: string | undefined;
  private fired = false;
  private readonly limits: { testMs: number; graceMs: number };
  private readonly fire: (overrun: Overrun) => void;

  /** `runLeftMs`: what is left of the whole run's time when this watchdog starts. */
  constructor(limits: { testMs: number; graceMs: number; runMs: number }, runLeftMs: number, fire: (overrun: Overrun) => void) {
    this.limits = limits;
    this.fire = fire;
    this.deadline = setTimeout(() => this.trip({ scope: 'run', ...(this.stage ? { stage: this.stage } : {}), limitMs: limits.runMs }), Math.max(0, runLeftMs));
  }

  loading(stage: string): void {
    this.arm({ scope: 'load', stage, limitMs: this.limits.testMs });
  }

  started(stage: string, name: string): void {
    this.arm({ scope: 'test', stage, name, limitMs: this.limits.testMs });
  }

  ended(stage: string): void {
    clearTimeout(this.timers.get(stage));
    this.timers.delete(stage);
  }

  /** Disarms everything; call when the pass is over. */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    clearTimeout(this.deadline);
  }

  private arm(overrun: Overrun & { stage: string }): void {
    this.stage = overrun.stage;
    clearTimeout(this.timers.get(overrun.stage));
    this.timers.set(overrun.stage, setTimeout(() => this.trip(overrun), this.limits.testMs + this.limits.graceMs));
  }

  private trip(overrun: Overrun): void {
    if (this.fired) return;
    this.fired = true;
    this.stop();
    this.fire(overrun);
  }
}
