/**
 * The browser-safe facts about stages: where a stage can run, how that is
 * named to learners, and a lab's total points. No schema library here, so the
 * lab page and the graders can import it (the manifest schema stays in Node).
 */

import type { Locale } from './locale.ts';

/** Where a stage's tests can run, from most to least portable. */
export const RUNS_IN = ['pure', 'node', 'host'] as const;

export type RunsIn = (typeof RUNS_IN)[number];

/** How each kind of stage is named to learners in each language (the site and the CLI): a short badge and the full reason. */
export const RUNS_IN_LABEL: Record<Locale, Record<RunsIn, { short: string; long: string }>> = {
  en: {
    pure: { short: 'runs anywhere', long: 'pure code: runs in the browser, in a WebContainer and locally' },
    node: { short: 'needs Node', long: 'needs real Node: the full-Node runner in the browser, or the local grader' },
    host: { short: 'your machine', long: 'needs your own machine (UDP sockets or tshark): the local grader only' },
  },
  'zh-cn': {
    pure: { short: '随处可运行', long: '纯代码：可在浏览器、WebContainer 和本地运行' },
    node: { short: '需要 Node', long: '需要真正的 Node：浏览器中的完整 Node 运行器，或本地评分器' },
    host: { short: '需要本机', long: '需要你自己的电脑（UDP 套接字或 tshark）：只能用本地评分器' },
  },
};

/** Total points of a lab's stages. */
export function labPoints(stages: readonly { points: number }[]): number {
  return stages.reduce((sum, s) => sum + s.points, 0);
}
