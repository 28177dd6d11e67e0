import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** A stage whose second test of three fails. */
const stage = `import { it, expect } from 'vitest';
it('first', () => expect(1).toBe(1));
it('second', () => expect(1).toBe(2));
it('third', () => expect(1).toBe(1));
`;

/**
 * The [name, status] of each test the embedded grader reported for that stage.
 * In a child process: @vitest/runner refuses to collect tests inside a test.
 */
function reported(bail: boolean): [string, string][] {
  const script = `
    import { runStages } from ${JSON.stringify(new URL('./grading-core.ts', import.meta.url).href)};
    import { runRequest } from ${JSON.stringify(new URL('./protocol.ts', import.meta.url).href)};
    import { LIMITS } from ${JSON.stringify(new URL('../rules.ts', import.meta.url).href)};
    const results = [];
    await runStages(runRequest([['/tests/s.test.ts', ${JSON.stringify(stage)}]], [{ id: 's' }], LIMITS.node, 1), {
      post(message) {
        if (message.kind === 'test-end') results.push([message.result.name, message.result.status]);
        if (message.kind === 'stage-end' && message.error) results.push(['stage error', message.error]);
      },
      toUrl: (source) => 'data:text/javascript;base64,' + Buffer.from(source).toString('base64'),
      bail: ${bail},
    });
    process.stdout.write(JSON.stringify(results));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 })) as [string, string][];
}

describe('runStages', () => {
  it('runs every test of a stage when grading, and stops at the stage’s first failure when asked to bail', () => {
    expect(reported(false), 'grading').toEqual([['first', 'passed'], ['second', 'failed'], ['third', 'passed']]);
    expect(reported(true), 'with bail').toEqual([['first', 'passed'], ['second', 'failed']]);
  }, 120_000);
});
