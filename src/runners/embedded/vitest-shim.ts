/**
 * What `import { … } from 'vitest'` means inside the browser worker: Vitest's
 * own runner and expect pieces, assembled as Vitest's createExpect() does, so
 * the lab tests that run under the Node grader run here unchanged.
 */
import * as chai from 'chai';
import {
  ChaiStyleAssertions,
  customMatchers,
  getState,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
  ASYMMETRIC_MATCHERS_OBJECT,
} from '@vitest/expect';
import { getCurrentTest } from '@vitest/runner';

export { afterAll, afterEach, beforeAll, beforeEach, describe, it, onTestFailed, onTestFinished, suite, test } from '@vitest/runner';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(ChaiStyleAssertions);
chai.use(JestAsymmetricMatchers);

type Expect = ((value: unknown, message?: string) => Chai.Assertion) & Record<string, unknown>;

function createExpect(): Expect {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect as never);
    setState({ assertionCalls: assertionCalls + 1 }, expect as never);
    const assertion = chai.expect(value, message) as Chai.Assertion & { withTest(test: unknown): Chai.Assertion };
    const current = getCurrentTest();
    return current ? assertion.withTest(current) : assertion;
  }) as Expect;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as Record<PropertyKey, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
  expect['getState'] = () => getState(expect as never);
  expect['setState'] = (state: object) => setState(state as never, expect as never);
  setState(
    {
      assertionCalls: 0,
      isExpectingAssertions: false,
      isExpectingAssertionsError: null,
      expectedAssertionsNumber: null,
      expectedAssertionsNumberErrorGen: null,
      testPath: '',
      currentTestName: '',
    } as never,
    expect as never,
  );
  expect['assert'] = chai.assert;
  expect['extend'] = (matchers: object) => (chai.expect as unknown as { extend(e: unknown, m: object): void }).extend(expect, matchers);
  expect['soft'] = (value: unknown, message?: string) =>
    (expect(value, message) as unknown as { withContext(c: object): Chai.Assertion }).withContext({ soft: true });
  expect['unreachable'] = (message?: string) => chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  (expect['extend'] as (m: object) => void)(customMatchers);
  return expect;
}

export const expect = createExpect();
Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expect, writable: true, configurable: true });

/** Mocks and fake timers are not part of the browser runner: lab tests inject clocks instead. */
export const vi = new Proxy(
  {},
  {
    get(_target, key) {
      throw new Error(`vi.${String(key)} is not available in the browser runner: lab tests inject clocks and transports instead of mocking.`);
    },
  },
);

/** Resets the per-test expect state, as Vitest's own runner does before each test. */
export function resetExpectState(testName: string, testPath: string): void {
  setState(
    { assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null, currentTestName: testName, testPath } as never,
    expect as never,
  );
}
