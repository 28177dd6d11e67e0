// netsim must run unchanged in a browser worker and replay exactly: no Node APIs, no real
// clocks or timers, no unseeded randomness. tsconfig includes Node's types everywhere, so
// the compiler cannot catch these; this scan of the module sources does.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('./', import.meta.url);
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

const forbidden: [RegExp, string][] = [
  [/from\s+['"]node:|require\(/, 'Node module import'],
  [/\bBuffer\b/, 'Buffer (use Uint8Array)'],
  [/\bDate\b/, 'Date (time is virtual: sim.now)'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/, 'real timer (use sim.schedule)'],
  [/Math\.random/, 'Math.random (use the seeded Random)'],
  [/\bperformance\b/, 'performance (measure in bench/, not here)'],
  [/\bprocess\./, 'process (no environment inside netsim)'],
  [/\b(fetch|console)\b/, 'I/O'],
];

describe('netsim stays pure', () => {
  it('has module sources to check', () => {
    expect(sources).toContain('simulator.ts');
  });

  it.each(sources)('%s uses no Node APIs, real clocks, timers or unseeded randomness', (file) => {
    const code = readFileSync(new URL(file, dir), 'utf8');
    const found = forbidden.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
    expect(found, `${file} uses: ${found.join(', ')}`).toEqual([]);
  });
});
