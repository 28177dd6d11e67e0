/**
 * Grade results as JUnit XML, the test report GitLab CI (and most CI
 * services) show per test: one suite per stage, named with its points, so a
 * pipeline lists which stages pass and why the others fail.
 */
import type { GradeResult, TestResult } from '../runners/result.ts';

/** Text safe inside XML attributes and elements; control characters other than tab and newline are dropped (XML 1.0 forbids them). */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function testCase(classname: string, test: TestResult): string {
  const open = `    <testcase classname="${xml(classname)}" name="${xml(test.name)}" time="${(test.durationMs / 1000).toFixed(3)}"`;
  const output = test.output ? `\n      <system-out>${xml(test.output)}</system-out>` : '';
  if (test.status === 'passed') return output ? `${open}>${output}\n    </testcase>` : `${open}/>`;
  if (test.status === 'skipped' || test.status === 'not-run') return `${open}>\n      <skipped message="${xml(test.status)}"/>${output}\n    </testcase>`;
  const message = test.message ?? test.status;
  return `${open}>\n      <failure message="${xml(message.split('\n')[0]!)}" type="${test.status}">${xml(message)}</failure>${output}\n    </testcase>`;
}

/** One XML document for these labs' results. */
export function junitXml(results: readonly GradeResult[]): string {
  const suites = results.flatMap((result) =>
    result.stages.map((stage) => {
      const failures = stage.tests.filter((t) => t.status === 'failed' || t.status === 'hung').length;
      const skipped = stage.tests.filter((t) => t.status === 'skipped' || t.status === 'not-run').length;
      const time = stage.tests.reduce((sum, t) => sum + t.durationMs, 0) / 1000;
      const name = `${result.lab} › ${stage.id} (${stage.earned}/${stage.points} points)`;
      const cases = stage.tests.map((t) => testCase(`${result.lab}.${stage.id}`, t));
      // A stage that failed outside its tests (did not compile, threw on import) has no test to carry the reason.
      if (stage.error) cases.push(testCase(`${result.lab}.${stage.id}`, { name: `${stage.id} loads`, status: 'failed', message: stage.error, durationMs: 0 }));
      const errors = stage.error ? 1 : 0;
      return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures + errors}" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
    }),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="Packet Journey">\n${suites.join('\n')}\n</testsuites>\n`;
}
