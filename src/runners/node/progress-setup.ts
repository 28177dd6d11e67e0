/**
 * Loaded into every grading fork: writes a line, synchronously, as each test
 * starts and ends. Vitest batches its own task updates, and a fork stuck in a
 * synchronous loop never sends them; these lines are already on disk, so the
 * parent can name the test that hung.
 */
import { appendFileSync } from 'node:fs';
import { afterEach, beforeEach, expect } from 'vitest';

const file = process.env['JOURNEY_PROGRESS_FILE'];

function mark(event: 'start' | 'end'): void {
  const { currentTestName, testPath } = expect.getState();
  appendFileSync(file!, JSON.stringify({ event, at: Date.now(), name: currentTestName, file: testPath }) + '\n');
}

if (file) {
  beforeEach(() => mark('start'));
  afterEach(() => mark('end'));
}
