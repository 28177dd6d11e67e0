/**
 * The browser-safe facts about stages: where a stage can run, how that is
 * named to learners, and a lab's total points. No schema library here, so the
 * lab page and the graders can import it (the manifest schema stays in Node).
 */

/** Where a stage's tests can run, from most to least portable. */
export const RUNS_IN = ['pure', 'node', 'host'] as const;

export type RunsIn = (typeof RUNS_IN)[number];

/** How each kind of stage is named to learners: a short badge and the full reason. */
export const RUNS_IN_LABEL: Record<RunsIn, { short: string; long: string }> = {
  pure: { short: 'runs anywhere', long: 'pure code: runs in the browser, in a WebContainer and locally' },
  node: { short: 'needs Node', long: 'needs real Node: the full-Node runner in the browser, or the local grader' },
  host: { short: 'your machine', long: 'needs your own machine (UDP sockets or tshark): the local grader only' },
};

/** Total points of a lab's stages. */
export function labPoints(stages: readonly { points: number }[]): number {
  return stages.reduce((sum, s) => sum + s.points, 0);
}
