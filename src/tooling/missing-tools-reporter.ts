/**
 * A Vitest reporter that, after the run, prints one line per missing tool:
 * how many checks were skipped for it and what to install. Tests skip with
 * `skipNote(tool)` (tests/support/host-tools.ts), which this counts.
 */
import pc from 'picocolors';
import type { Reporter, TestModule } from 'vitest/node';
import { detectPlatform, skipSummary, TOOLS, type ToolId } from './host-tools.ts';

const PREFIX = 'needs ';

/** The note a test skips with when `tool` is missing. */
export function skipNote(tool: ToolId): string {
  return `${PREFIX}${tool}`;
}

/** How many tests skipped for each missing tool. */
export function countToolSkips(modules: ReadonlyArray<TestModule>): Map<ToolId, number> {
  const counts = new Map<ToolId, number>();
  for (const module of modules) {
    for (const test of module.children.allTests('skipped')) {
      const result = test.result();
      const note = result.state === 'skipped' ? (result.note ?? '') : '';
      const tool = note.slice(PREFIX.length) as ToolId;
      if (note.startsWith(PREFIX) && tool in TOOLS) counts.set(tool, (counts.get(tool) ?? 0) + 1);
    }
  }
  return counts;
}

/** Prints the skip lines after Vitest's own summary. */
export default class MissingToolsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const platform = detectPlatform();
    for (const [tool, count] of countToolSkips(modules)) {
      process.stdout.write(`\n${pc.yellow(skipSummary(tool, count, platform))}\n`);
    }
  }
}
